//! Hashing each file's lines on a helper thread, ahead of the reader, so that the chain check
//! overlaps parsing.

use std::collections::VecDeque;
use std::sync::{Arc, mpsc};

use sha2::{Digest, Sha256};

/// Ledgers smaller than this (all files together) are hashed on the reading thread: a helper
/// thread would cost more than it saves.
pub(super) const AHEAD_FROM_BYTES: u64 = 4 << 20;

/// Line hashes sent back from the helper thread at a time: few, so that the reader seldom
/// finds none come and hashes a line itself, yet enough that handing them over costs little
/// per line (the reader hands the helper the next bytes of a file before it needs them: see
/// `file::PREFETCH`).
const AHEAD_BATCH: usize = 32;

/// Read buffers of one file at most (the one read into and those the helper may still be
/// hashing): when the helper is this far behind, the reader waits for it rather than read
/// into one more, so memory stays flat however far behind the helper falls.
const BUFFERS: usize = 2;

/// How long the reader waits for the helper's next hashes before it looks again whether a
/// buffer is free (the helper lets go of a buffer just before it sends its last hashes of it,
/// none or some, so a reader waiting for a buffer wakes when it is free).
const BUFFER_WAIT: std::time::Duration = std::time::Duration::from_millis(5);

/// Bytes of one file just read, for the helper thread to hash line by line.
pub(super) struct HashJob {
    file: usize,
    buf: Arc<Vec<u8>>,
    range: (usize, usize),
    back: mpsc::Sender<Vec<[u8; 32]>>,
}

/// The SHA-256 of each line of a file, computed on a helper thread over exactly the bytes the
/// reader takes its lines from (the buffers it read them into), so that the chain check and
/// the reading overlap. The helper cuts lines where the reader does (a line in the writer's form
/// has no `\n` inside) and never hashes bytes after the last `\n` until they are followed by
/// one: a line still being written or torn has no hash, as for the reader it is not a line.
#[derive(Debug)]
pub(super) struct Ahead {
    jobs: mpsc::Sender<HashJob>,
    back: mpsc::Sender<Vec<[u8; 32]>>,
    hashes: mpsc::Receiver<Vec<[u8; 32]>>,
    /// Hashes received and not yet taken: one per line, in file order.
    ready: VecDeque<[u8; 32]>,
    /// Lines the reader hashed itself because their hash had not come yet: as many hashes
    /// still to come are theirs, and are dropped.
    hashed_here: usize,
    /// Buffers handed to the helper before, to read into again once it is done with them.
    spare: Vec<Arc<Vec<u8>>>,
}

impl Ahead {
    pub(super) fn new(jobs: &mpsc::Sender<HashJob>) -> Ahead {
        let (back, hashes) = mpsc::channel();
        Ahead {
            jobs: jobs.clone(),
            back,
            hashes,
            ready: VecDeque::new(),
            hashed_here: 0,
            spare: Vec::new(),
        }
    }

    /// Hands `buf[range]`, just read, to the helper; false if the helper is gone.
    pub(super) fn send(&self, file: usize, buf: &Arc<Vec<u8>>, range: (usize, usize)) -> bool {
        self.jobs
            .send(HashJob {
                file,
                buf: Arc::clone(buf),
                range,
                back: self.back.clone(),
            })
            .is_ok()
    }

    /// The hash of the next line, `line`: the helper's, or, when it has not come yet (the
    /// helper is behind, or not running for a moment on a busy machine), hashed here rather
    /// than waited for: the reader does not wait for a hash, so checking the chain costs it at
    /// most the hashing it would have done alone (it waits only for a read buffer, when the
    /// helper still holds both of a file's: see [`Ahead::free_buffer`]).
    pub(super) fn next(&mut self, line: &[u8]) -> [u8; 32] {
        loop {
            if let Some(hash) = self.ready.pop_front() {
                return hash;
            }
            match self.hashes.try_recv() {
                Ok(batch) => self.take(&batch),
                // Not come yet, or the helper is gone.
                Err(_) => {
                    self.hashed_here += 1;
                    return Sha256::digest(line).into();
                }
            }
        }
    }

    /// Hashes from the helper, less those of lines hashed here meanwhile.
    fn take(&mut self, batch: &[[u8; 32]]) {
        let done = self.hashed_here.min(batch.len());
        self.hashed_here -= done;
        self.ready.extend(&batch[done..]);
    }

    /// A buffer to read into instead of the one the helper still hashes: a kept one it is done
    /// with, else a new one while the file has fewer than [`BUFFERS`], else the first one the
    /// helper lets go of (waited for).
    pub(super) fn free_buffer(&mut self) -> Arc<Vec<u8>> {
        loop {
            if let Some(i) = self.spare.iter().position(|b| Arc::strong_count(b) == 1) {
                return self.spare.swap_remove(i);
            }
            // The one read into, and the kept ones.
            if 1 + self.spare.len() < BUFFERS {
                return Arc::default();
            }
            // A helper gone has let go of every buffer (its jobs are dropped with it).
            if let Ok(batch) = self.hashes.recv_timeout(BUFFER_WAIT) {
                self.take(&batch);
            }
        }
    }

    /// Keeps a buffer handed to the helper, to read into again once it is done with it.
    pub(super) fn keep_spare(&mut self, buf: Arc<Vec<u8>>) {
        self.spare.push(buf);
    }
}

/// Starts the helper thread that hashes lines for every file of a merged read; it ends when
/// every sender of jobs is gone.
pub(super) fn start_hasher() -> Option<mpsc::Sender<HashJob>> {
    let (jobs, rx) = mpsc::channel::<HashJob>();
    std::thread::Builder::new()
        .name("tebiki-line-hash".into())
        .spawn(move || hash_lines(rx))
        .ok()?;
    Some(jobs)
}

fn hash_lines(jobs: mpsc::Receiver<HashJob>) {
    // Per file: the line begun in an earlier buffer and not yet ended.
    let mut partial: Vec<Sha256> = Vec::new();
    while let Ok(job) = jobs.recv() {
        if partial.len() <= job.file {
            partial.resize_with(job.file + 1, Sha256::new);
        }
        let line = &mut partial[job.file];
        let mut data = &job.buf[job.range.0..job.range.1];
        let mut batch = Vec::with_capacity(AHEAD_BATCH);
        let mut gone = false;
        while let Some(end) = memchr::memchr(b'\n', data) {
            line.update(&data[..end]);
            batch.push(line.finalize_reset().into());
            data = &data[end + 1..];
            if batch.len() == AHEAD_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(AHEAD_BATCH));
                gone |= job.back.send(full).is_err();
            }
        }
        line.update(data);
        let HashJob { buf, back, .. } = job;
        // Let go of the buffer before the last hashes, so that a reader that took them all
        // can read into it again; sent even when empty, to wake a reader waiting for a buffer.
        drop(buf);
        if !gone {
            let _ = back.send(batch);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::fs::{self, OpenOptions};
    use std::io::Write;
    use std::path::Path;
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::super::open_merged_with;
    use super::*;
    use crate::ledger::Writer;
    use crate::ledger::writer::NoSync;

    /// Two kiosks' files, one with a record longer than the read buffer.
    fn ledger(dir: &Path) {
        for kiosk in ["k1", "k2"] {
            let mut w =
                Writer::open_with_io(dir, kiosk, Duration::from_secs(5), Box::new(NoSync)).unwrap();
            for n in 0..1500 {
                let note = if n == 700 {
                    "長".repeat(120_000)
                } else {
                    "x".repeat(n % 300)
                };
                let Value::Object(body) = json!({
                    "employee": {"id": format!("E{n:05}")},
                    "decision": "given",
                    "note": note,
                }) else {
                    unreachable!()
                };
                w.append("consent", body).unwrap();
            }
        }
    }

    /// Every item of a checked merged read, as text, with the lines hashed ahead or not.
    fn items(dir: &Path, ahead: bool) -> Vec<String> {
        let mut merged = open_merged_with(dir, false, true, Some(ahead)).unwrap();
        let mut out = Vec::new();
        while let Some(item) = merged.next_line() {
            out.push(match item {
                Ok(r) => format!(
                    "{} {} {} {} {}",
                    r.file_index,
                    r.line,
                    r.offset,
                    r.seq,
                    String::from_utf8_lossy(r.raw)
                ),
                Err(issue) => format!("{issue:?}"),
            });
        }
        out
    }

    /// A line whose hash has not come from the helper yet is hashed by the reader, which
    /// then drops the helper's hash of it when it comes: every line gets its own line's hash,
    /// from whichever hashed it first, and no hash is taken for another line.
    #[test]
    fn a_hash_not_come_yet_is_made_here_and_the_helpers_own_later_dropped() {
        let (jobs, _helper_gets) = mpsc::channel();
        let mut ahead = Ahead::new(&jobs);
        let lines: Vec<Vec<u8>> = (0..6).map(|n| format!("line {n}").into_bytes()).collect();
        let sha = |l: &[u8]| -> [u8; 32] { Sha256::digest(l).into() };
        // Nothing has come: the first two lines are hashed here.
        assert_eq!(ahead.next(&lines[0]), sha(&lines[0]));
        assert_eq!(ahead.next(&lines[1]), sha(&lines[1]));
        // The helper's hashes of lines 0 to 3 come (marked, to tell them from ones made here):
        // the two already made are dropped, the next two taken from the helper.
        let marked = |n: u8| [n; 32];
        ahead.back.send((0..4).map(marked).collect()).unwrap();
        assert_eq!(ahead.next(&lines[2]), marked(2));
        assert_eq!(ahead.next(&lines[3]), marked(3));
        // Behind again: line 4 is made here, and the helper's 4 and 5, coming in two batches,
        // give line 5 the helper's.
        assert_eq!(ahead.next(&lines[4]), sha(&lines[4]));
        ahead.back.send(vec![marked(4)]).unwrap();
        ahead.back.send(vec![marked(5)]).unwrap();
        assert_eq!(ahead.next(&lines[5]), marked(5));
    }

    /// A reader far ahead of its helper reads into at most [`BUFFERS`] buffers of a file: then
    /// it waits for the first the helper lets go of, so memory stays flat.
    #[test]
    fn a_helper_far_behind_holds_no_more_than_a_few_buffers_of_a_file() {
        let (jobs, helper_gets) = mpsc::channel();
        let mut ahead = Ahead::new(&jobs);
        let mut buf = Arc::new(vec![0u8; 16]);
        for _ in 0..BUFFERS - 1 {
            assert!(ahead.send(0, &buf, (0, 16)));
            let next = ahead.free_buffer();
            assert!(!Arc::ptr_eq(&next, &buf));
            ahead.keep_spare(std::mem::replace(&mut buf, next));
        }
        assert!(ahead.send(0, &buf, (0, 16)));
        // Every buffer is with the helper, which gets to the first one after a while.
        let first: HashJob = helper_gets.recv().unwrap();
        let released = Arc::as_ptr(&first.buf);
        let helper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(50));
            drop(first);
        });
        let next = ahead.free_buffer();
        assert_eq!(
            Arc::as_ptr(&next),
            released,
            "the buffer let go of is read into"
        );
        helper.join().unwrap();
    }

    #[test]
    fn hashing_ahead_reads_exactly_what_hashing_inline_reads() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path());
        let intact = items(dir.path(), true);
        assert_eq!(intact.len(), 3000);
        assert_eq!(intact, items(dir.path(), false));

        // One decision changed, and a line cut short at the end of the other file.
        let k1 = dir.path().join("k1.jsonl");
        let text = fs::read_to_string(&k1).unwrap();
        let at = text.match_indices("\"given\"").nth(1000).unwrap().0;
        let changed = format!("{}\"refused\"{}", &text[..at], &text[at + 7..]);
        fs::write(&k1, changed).unwrap();
        let mut k2 = OpenOptions::new()
            .append(true)
            .open(dir.path().join("k2.jsonl"))
            .unwrap();
        k2.write_all(b"{\"schema\":\"tebiki/1\",\"seq\":1501,\"pr")
            .unwrap();
        drop(k2);

        let damaged = items(dir.path(), true);
        assert_eq!(damaged, items(dir.path(), false));
        assert!(
            damaged.iter().any(|i| i.starts_with("ChainBreak")),
            "{damaged:?}"
        );
        assert!(damaged.iter().any(|i| i.starts_with("Withheld")));
        assert!(damaged.iter().any(|i| i.starts_with("TornTail")));
        assert!(damaged.len() < intact.len());
    }
}
