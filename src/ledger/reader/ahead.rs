//! Hashing each file's lines on a helper thread, ahead of the reader, so that the chain check
//! overlaps parsing.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, mpsc};
use std::time::Duration;

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
const BUFFER_WAIT: Duration = Duration::from_millis(5);

/// A line's number in its file (0 for the first) and its SHA-256.
type LineHash = (u64, [u8; 32]);

/// Bytes of one file just read, for the helper thread to hash line by line.
pub(super) struct HashJob {
    file: usize,
    buf: Arc<Vec<u8>>,
    range: (usize, usize),
    taken: Arc<AtomicU64>,
    back: mpsc::Sender<Vec<LineHash>>,
}

/// The SHA-256 of each line of a file, computed on a helper thread over exactly the bytes the
/// reader takes its lines from (the buffers it read them into), so that the chain check and
/// the reading overlap. The helper cuts lines where the reader does (a line in the writer's form
/// has no `\n` inside) and never hashes bytes after the last `\n` until they are followed by
/// one: a line still being written or torn has no hash, as for the reader it is not a line.
#[derive(Debug)]
pub(super) struct Ahead {
    jobs: mpsc::Sender<HashJob>,
    /// How many of the file's lines, from its first, have been taken to be hashed by the
    /// helper or by the reader, whichever came to each first. The helper skips a line the
    /// reader took, so a helper fallen behind does not hash again what the reader hashed
    /// (the reader, which never waits for a hash, still hashes a line the helper took but has
    /// not sent yet).
    taken: Arc<AtomicU64>,
    back: mpsc::Sender<Vec<LineHash>>,
    hashes: mpsc::Receiver<Vec<LineHash>>,
    /// Hashes received and not yet taken, in file order.
    ready: VecDeque<LineHash>,
    /// Buffers handed to the helper before, to read into again once it is done with them.
    spare: Vec<Arc<Vec<u8>>>,
}

impl Ahead {
    pub(super) fn new(jobs: &mpsc::Sender<HashJob>) -> Ahead {
        let (back, hashes) = mpsc::channel();
        Ahead {
            jobs: jobs.clone(),
            taken: Arc::default(),
            back,
            hashes,
            ready: VecDeque::new(),
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
                taken: Arc::clone(&self.taken),
                back: self.back.clone(),
            })
            .is_ok()
    }

    /// The hash of line `number` of the file (0 for the first), `line`, asked for in file
    /// order: the helper's, or, when it has not come yet (the helper is behind, or not running
    /// for a moment on a busy machine), hashed here rather than waited for, the line taken so
    /// that the helper skips it. So checking the chain costs the reader at most the hashing it
    /// would have done alone (it waits only for a read buffer, when the helper still holds
    /// both of a file's: see [`Ahead::free_buffer`]), and a line is hashed twice only when the
    /// helper had begun it.
    pub(super) fn next(&mut self, number: u64, line: &[u8]) -> [u8; 32] {
        loop {
            // Hashes of earlier lines are of lines hashed here meanwhile: dropped.
            while let Some(&(n, hash)) = self.ready.front() {
                if n > number {
                    break;
                }
                self.ready.pop_front();
                if n == number {
                    return hash;
                }
            }
            match self.hashes.try_recv() {
                Ok(batch) => self.ready.extend(batch),
                // Not come yet, or the helper is gone.
                Err(_) => {
                    // Taken, unless the helper took it already (it then hashes it too).
                    let _ = self.taken.compare_exchange(
                        number,
                        number + 1,
                        Ordering::AcqRel,
                        Ordering::Acquire,
                    );
                    return Sha256::digest(line).into();
                }
            }
        }
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
                self.ready.extend(batch);
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
        .spawn(move || hash_lines(&rx))
        .ok()?;
    Some(jobs)
}

/// Where the helper is in one file.
#[derive(Default)]
struct Cursor {
    /// The number of the line it is in (or comes to next).
    line: u64,
    /// The line begun in an earlier buffer and not yet ended: being hashed, or skipped (the
    /// reader took it).
    current: Option<Option<Sha256>>,
}

fn hash_lines(jobs: &mpsc::Receiver<HashJob>) {
    let mut files: Vec<Cursor> = Vec::new();
    while let Ok(job) = jobs.recv() {
        if files.len() <= job.file {
            files.resize_with(job.file + 1, Cursor::default);
        }
        let cursor = &mut files[job.file];
        let mut data = &job.buf[job.range.0..job.range.1];
        let mut batch = Vec::with_capacity(AHEAD_BATCH);
        let mut gone = false;
        while !data.is_empty() {
            // A line starts here: hashed here unless the reader has taken it.
            let hasher = cursor.current.get_or_insert_with(|| {
                let n = cursor.line;
                job.taken
                    .compare_exchange(n, n + 1, Ordering::AcqRel, Ordering::Acquire)
                    .is_ok()
                    .then(Sha256::new)
            });
            let end = memchr::memchr(b'\n', data);
            if let Some(hasher) = hasher {
                hasher.update(&data[..end.unwrap_or(data.len())]);
            }
            let Some(end) = end else {
                break;
            };
            data = &data[end + 1..];
            if let Some(Some(hasher)) = cursor.current.take() {
                batch.push((cursor.line, hasher.finalize().into()));
            }
            cursor.line += 1;
            if batch.len() == AHEAD_BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(AHEAD_BATCH));
                gone |= job.back.send(full).is_err();
            }
        }
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

    fn sha(l: &[u8]) -> [u8; 32] {
        Sha256::digest(l).into()
    }

    /// A line whose hash has not come from the helper is hashed by the reader and taken, so
    /// that the helper skips it (a line cut between two buffers too), numbering the rest as
    /// the reader does; a hash that comes for a line hashed here meanwhile (one the helper had
    /// begun) is dropped: every line gets its own line's hash, and no hash is taken for
    /// another line.
    #[test]
    fn a_line_the_reader_comes_to_first_is_hashed_there_and_skipped_by_the_helper() {
        let (jobs, _helper_gets) = mpsc::channel();
        let mut ahead = Ahead::new(&jobs);
        let lines: Vec<Vec<u8>> = (0..8).map(|n| format!("line {n}").into_bytes()).collect();
        // Nothing has come: lines 0 and 1 are taken and hashed here.
        assert_eq!(ahead.next(0, &lines[0]), sha(&lines[0]));
        assert_eq!(ahead.next(1, &lines[1]), sha(&lines[1]));
        assert_eq!(ahead.taken.load(Ordering::SeqCst), 2);

        // The helper gets the bytes of lines 0 to 5, line 1 cut between two buffers: it skips
        // the two taken here and hashes 2 to 5 only, with their numbers.
        let text = lines[..6].iter().fold(Vec::new(), |mut all, l| {
            all.extend_from_slice(l);
            all.push(b'\n');
            all
        });
        let cut = lines[0].len() + 1 + 3;
        let buf = Arc::new(text);
        let (helper_jobs, rx) = mpsc::channel();
        for range in [(0, cut), (cut, buf.len())] {
            helper_jobs
                .send(HashJob {
                    file: 0,
                    buf: Arc::clone(&buf),
                    range,
                    taken: Arc::clone(&ahead.taken),
                    back: ahead.back.clone(),
                })
                .unwrap();
        }
        drop(helper_jobs);
        hash_lines(&rx);
        let sent: Vec<LineHash> = ahead.hashes.try_iter().flatten().collect();
        let expected: Vec<LineHash> = (2..6).map(|n| (n, sha(&lines[n as usize]))).collect();
        assert_eq!(sent, expected);
        assert_eq!(ahead.taken.load(Ordering::SeqCst), 6);

        // The helper's hashes (marked, to tell them from ones made here) of lines 2 and 3 come
        // and are used; line 4, which the helper took but has not sent, is hashed here all
        // the same, not waited for; its hash, coming with line 5's, is dropped.
        let marked = |n: u8| [n; 32];
        ahead
            .back
            .send(vec![(2, marked(2)), (3, marked(3))])
            .unwrap();
        assert_eq!(ahead.next(2, &lines[2]), marked(2));
        assert_eq!(ahead.next(3, &lines[3]), marked(3));
        assert_eq!(ahead.next(4, &lines[4]), sha(&lines[4]));
        ahead
            .back
            .send(vec![(4, marked(4)), (5, marked(5))])
            .unwrap();
        assert_eq!(ahead.next(5, &lines[5]), marked(5));
        assert_eq!(ahead.next(6, &lines[6]), sha(&lines[6]));
        assert_eq!(ahead.taken.load(Ordering::SeqCst), 7);
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
