//! Reading each file and hashing its lines on a helper thread, a buffer ahead of the reader,
//! so that the file reads and the chain check overlap parsing.

use std::collections::VecDeque;
use std::fs::File;
use std::io;
use std::sync::{Arc, mpsc};

use sha2::{Digest, Sha256};

/// Ledgers smaller than this (all files together) are read and hashed on the reading thread:
/// a helper thread would cost more than it saves.
pub(super) const AHEAD_FROM_BYTES: u64 = 4 << 20;

/// Room kept at the front of each buffer read ahead, for the bytes the reader still needs of
/// the buffer before when it moves on to it (the start of a line cut by the read, the lines of
/// the records it lends): they are copied there, just before the bytes read. A line longer
/// than this is joined with them in a buffer of its own.
pub(super) const CARRY: usize = 32 * 1024;

/// Reads of one file in flight at most: two, so that a helper busy with other files' reads
/// when one is asked for still has it done by the time the reader needs it.
pub(super) const DEPTH: usize = 2;

/// A line's number in its file (0 for the first) and its SHA-256.
type LineHash = (u64, [u8; 32]);

/// A read of one file asked of the helper thread: the next bytes of `source` (from where the
/// helper's reads of it ended), into `buf[CARRY..]`.
pub(super) struct ReadJob {
    file: usize,
    source: Arc<File>,
    buf: Vec<u8>,
    /// Where to put the lines' hashes (empty; its space kept from read to read).
    hashes: Vec<LineHash>,
    done: mpsc::SyncSender<Filled>,
}

/// A read done by the helper thread: `buf[CARRY..CARRY + n]` holds the `n` bytes read, and
/// `hashes` the SHA-256 of every line that those bytes end, hashed over exactly those bytes
/// (and the ones of earlier reads for a line begun there).
pub(super) struct Filled {
    pub(super) buf: Vec<u8>,
    pub(super) read: io::Result<usize>,
    hashes: Vec<LineHash>,
}

/// A file read and its lines hashed on the helper thread, ahead of the reader: when the reader
/// moves on to a buffer, the next reads are asked at once, so that by the time the reader
/// needs them the helper has read them and hashed their lines. The helper reads each file
/// from its start, each read going on where the one before ended, so the buffers come in file
/// order with nothing left out. The reader parses the very bytes that were hashed (a buffer
/// is the helper's until it hands it over whole, then only the reader's), so what is checked
/// is what is read. Memory stays flat: a file has [`DEPTH`] reads in flight at most, into
/// buffers the reader left.
#[derive(Debug)]
pub(super) struct Ahead {
    jobs: mpsc::Sender<ReadJob>,
    /// The reads asked and not yet taken, in the order asked.
    pending: VecDeque<mpsc::Receiver<Filled>>,
    /// Hashes received and not yet taken, in file order.
    ready: VecDeque<LineHash>,
    /// Buffers to read into next (the ones the reader left).
    spare: Vec<Vec<u8>>,
    /// The space of the hashes taken last, for the next read's.
    spare_hashes: Vec<LineHash>,
}

impl Ahead {
    pub(super) fn new(jobs: &mpsc::Sender<ReadJob>) -> Ahead {
        Ahead {
            jobs: jobs.clone(),
            pending: VecDeque::new(),
            ready: VecDeque::new(),
            spare: Vec::new(),
            spare_hashes: Vec::new(),
        }
    }

    /// How many reads are asked and not yet taken.
    pub(super) fn pending(&self) -> usize {
        self.pending.len()
    }

    /// Asks the helper to read the next bytes of `source` into a buffer of `size` bytes (so up
    /// to `size - CARRY` bytes); false if it is gone.
    pub(super) fn ask(&mut self, file: usize, source: &Arc<File>, size: usize) -> bool {
        debug_assert!(self.pending.len() < DEPTH, "reads in flight of a file");
        debug_assert!(size > CARRY);
        let mut buf = self.spare.pop().unwrap_or_default();
        buf.resize(size, 0);
        let (done, filled) = mpsc::sync_channel(1);
        let job = ReadJob {
            file,
            source: Arc::clone(source),
            buf,
            hashes: std::mem::take(&mut self.spare_hashes),
            done,
        };
        let sent = self.jobs.send(job).is_ok();
        if sent {
            self.pending.push_back(filled);
        }
        sent
    }

    /// The first read asked and not yet taken, waited for, its hashes kept for
    /// [`Ahead::next`]; `None` when none was asked or the helper is gone.
    pub(super) fn take(&mut self) -> Option<Filled> {
        let mut filled = self.pending.pop_front()?.recv().ok()?;
        self.ready.extend(filled.hashes.drain(..));
        self.spare_hashes = std::mem::take(&mut filled.hashes);
        Some(filled)
    }

    /// Keeps `buf` to read into next.
    pub(super) fn give_back(&mut self, buf: Vec<u8>) {
        if buf.capacity() > 0 && self.spare.len() + self.pending.len() < DEPTH {
            self.spare.push(buf);
        }
    }

    /// The hash of line `number` of the file (0 for the first), `line`, asked for in file
    /// order: the helper's, which came with the read that ended the line (hashed here should
    /// it be missing).
    pub(super) fn next(&mut self, number: u64, line: &[u8]) -> [u8; 32] {
        while let Some(&(n, hash)) = self.ready.front() {
            if n > number {
                break;
            }
            self.ready.pop_front();
            if n == number {
                return hash;
            }
        }
        Sha256::digest(line).into()
    }
}

/// Reads `buf.len()` bytes at most of `file` from byte `at` (not moving the file's position):
/// how many came, 0 at the end.
pub(super) fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    loop {
        #[cfg(unix)]
        let read = std::os::unix::fs::FileExt::read_at(file, buf, at);
        #[cfg(not(unix))]
        let read = {
            use std::io::{Read, Seek};
            let mut file = file;
            file.seek(io::SeekFrom::Start(at))
                .and_then(|_| file.read(buf))
        };
        match read {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            read => return read,
        }
    }
}

/// Starts the helper thread that reads and hashes for every file of a merged read; it ends
/// when every sender of jobs is gone.
pub(super) fn start_helper() -> Option<mpsc::Sender<ReadJob>> {
    let (jobs, rx) = mpsc::channel::<ReadJob>();
    std::thread::Builder::new()
        .name("tebiki-line-hash".into())
        .spawn(move || read_and_hash(&rx))
        .ok()?;
    Some(jobs)
}

/// Where the helper is in one file.
#[derive(Default)]
struct Cursor {
    /// Where the next read begins: where the reads before ended.
    at: u64,
    /// The number of the line it is in (or comes to next).
    line: u64,
    /// The line begun in an earlier read and not yet ended.
    current: Option<Sha256>,
}

fn read_and_hash(jobs: &mpsc::Receiver<ReadJob>) {
    let mut files: Vec<Cursor> = Vec::new();
    while let Ok(job) = jobs.recv() {
        let ReadJob {
            file,
            source,
            mut buf,
            mut hashes,
            done,
        } = job;
        if files.len() <= file {
            files.resize_with(file + 1, Cursor::default);
        }
        let cursor = &mut files[file];
        let read = read_at(&source, &mut buf[CARRY..], cursor.at);
        drop(source);
        if let Ok(n) = read {
            cursor.at += n as u64;
            hash_lines(cursor, &buf[CARRY..CARRY + n], &mut hashes);
        }
        // A reader gone wants nothing more of the file.
        let _ = done.send(Filled { buf, read, hashes });
    }
}

/// Hashes the lines of `data`, the next bytes of the file `cursor` is in: every line they end
/// goes to `hashes`; a line they begin and do not end is kept going in `cursor`. The helper
/// cuts lines where the reader does (a line in the writer's form has no `\n` inside), and a
/// line still being written or torn has no hash, as for the reader it is not a line.
fn hash_lines(cursor: &mut Cursor, mut data: &[u8], hashes: &mut Vec<LineHash>) {
    while !data.is_empty() {
        let hasher = cursor.current.get_or_insert_with(Sha256::new);
        let Some(end) = memchr::memchr(b'\n', data) else {
            hasher.update(data);
            break;
        };
        hasher.update(&data[..end]);
        data = &data[end + 1..];
        if let Some(hasher) = cursor.current.take() {
            hashes.push((cursor.line, hasher.finalize().into()));
        }
        cursor.line += 1;
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
        assert_eq!(merged.streams[0].ahead.is_some(), ahead);
        let mut out = Vec::new();
        while let Some(item) = merged.next_line() {
            out.push(text(item));
        }
        out
    }

    fn text(item: Result<crate::ledger::LineRecord<'_>, crate::ledger::ReadIssue>) -> String {
        match item {
            Ok(r) => format!(
                "{} {} {} {} {}",
                r.file_index,
                r.line,
                r.offset,
                r.seq,
                String::from_utf8_lossy(r.raw)
            ),
            Err(issue) => format!("{issue:?}"),
        }
    }

    fn sha(l: &[u8]) -> [u8; 32] {
        Sha256::digest(l).into()
    }

    /// The helper hands over the bytes it read where the reader expects them, with the hash of
    /// every line they end: a line cut between two reads too, hashed over both; a line not
    /// yet ended has none.
    #[test]
    fn the_helper_hands_over_what_it_read_with_the_hash_of_every_line_it_ends() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.jsonl");
        fs::write(&path, b"line 0\nline 1\nline 2\nhalf").unwrap();
        let file = Arc::new(File::open(&path).unwrap());
        let jobs = start_helper().unwrap();
        let mut ahead = Ahead::new(&jobs);
        let read = |ahead: &mut Ahead, size: usize| {
            assert!(ahead.ask(3, &file, CARRY + size));
            assert_eq!(ahead.pending(), 1);
            let filled = ahead.take().unwrap();
            let n = filled.read.unwrap();
            let bytes = filled.buf[CARRY..CARRY + n].to_vec();
            ahead.give_back(filled.buf);
            let hashes: Vec<LineHash> = ahead.ready.drain(..).collect();
            (bytes, hashes)
        };
        // Line 1 is cut by the first read.
        let (bytes, hashes) = read(&mut ahead, 10);
        assert_eq!(bytes, b"line 0\nlin");
        assert_eq!(hashes, vec![(0, sha(b"line 0"))]);
        let (bytes, hashes) = read(&mut ahead, 100);
        assert_eq!(bytes, b"e 1\nline 2\nhalf");
        assert_eq!(hashes, vec![(1, sha(b"line 1")), (2, sha(b"line 2"))]);
        // At the end: nothing read, and the line not ended has no hash.
        let (bytes, hashes) = read(&mut ahead, 100);
        assert!(bytes.is_empty() && hashes.is_empty());
        // A writer ends it: its hash is of the whole line.
        fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap()
            .write_all(b"-done\n")
            .unwrap();
        let (bytes, hashes) = read(&mut ahead, 100);
        assert_eq!(bytes, b"-done\n");
        assert_eq!(hashes, vec![(3, sha(b"half-done"))]);
    }

    /// A helper gone is said, not waited for: a read cannot be asked of it, and one it took
    /// and dropped has no answer.
    #[test]
    fn a_helper_gone_is_said_not_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.jsonl");
        fs::write(&path, b"line 0\n").unwrap();
        let file = Arc::new(File::open(&path).unwrap());
        let (jobs, helper_gets) = mpsc::channel();
        let mut ahead = Ahead::new(&jobs);
        assert!(ahead.ask(0, &file, CARRY + 100));
        drop(helper_gets.recv().unwrap());
        assert!(ahead.take().is_none());
        drop(helper_gets);
        assert!(!ahead.ask(0, &file, CARRY + 100));
        assert_eq!(ahead.pending(), 0);
    }

    /// When the helper goes away in the middle of a read, the reader reads on where it was and
    /// hashes the lines itself: every item is the same as a read without a helper.
    #[test]
    fn a_read_whose_helper_goes_away_reads_on_without_it() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path());
        let inline = items(dir.path(), false);
        let mut merged = open_merged_with(dir.path(), false, true, Some(true)).unwrap();
        let mut out = Vec::new();
        let (gone, _) = mpsc::channel();
        while let Some(item) = merged.next_line() {
            out.push(text(item));
            if out.len() == 1000 {
                // Each file has a read in flight and hashes to come: both lost.
                for stream in &mut merged.streams {
                    assert!(stream.ahead.as_ref().is_some_and(|a| a.pending() > 0));
                    stream.ahead = Some(Ahead::new(&gone));
                }
            }
        }
        assert_eq!(out, inline);
        assert!(merged.streams.iter().all(|s| s.ahead.is_none()));
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
