//! Reading a large ledger file on a helper thread that also hashes its lines, so that the
//! chain check costs the reader little: it takes whole lines with their SHA-256 ready.

use std::fs::File;
use std::io::{self, Read};
use std::sync::mpsc;

use sha2::{Digest, Sha256};

use crate::ledger::envelope::prefix_prev;

/// Ledgers smaller than this (all files together) are read and hashed on the reading thread:
/// a helper thread would cost more than it saves.
pub(super) const PIPE_FROM_BYTES: u64 = 4 << 20;

/// Files smaller than this are read on the reading thread even in a large ledger.
pub(super) const PIPE_FILE_FROM_BYTES: u64 = 1 << 20;

/// At most this many files of one read have a helper thread each; the others are read and
/// hashed on the reading thread. Each holds about [`DEPTH`] + 3 buffers of [`CHUNK`] bytes
/// (about 1.1 MB).
pub(super) const MAX_PIPES: usize = 16;

/// Bytes the helper reads at a time.
const CHUNK: usize = 256 * 1024;

/// Chunks read and hashed ahead of the reader, at most, besides the one the helper fills:
/// more was not faster (the helper hashes faster than the reader parses) and cost memory.
const DEPTH: usize = 1;

/// Room left at the front of each chunk, where the reader puts the lines it still holds from
/// the chunk before (the record it lent last and the one it looks past: a few hundred bytes
/// each, as a rule), so that the chunk becomes its buffer without the new bytes being copied.
/// Longer lines are copied with the chunk into a new buffer.
pub(super) const HEADROOM: usize = 16 * 1024;

/// Bytes of a file read by the helper: `buf[range]`, from [`HEADROOM`] on.
pub(super) struct Chunk {
    pub(super) buf: Vec<u8>,
    pub(super) range: (usize, usize),
    /// The SHA-256 of each whole line (ended by `\n`) of the range, in order, and whether the
    /// line after it, in the writer's form, names that hash as its `prev` (false when it does
    /// not, cannot be read so, or is not in this chunk: the reader then looks itself). Bytes
    /// after the last `\n` come only in the last chunk and have none: for the reader they are
    /// not a line yet.
    pub(super) hashes: Vec<([u8; 32], bool)>,
    /// In the last chunk: how the helper's reading ended (at the end of the file as it was
    /// then, or on an error). The reader reads on itself from there, through its own handle
    /// of the same open file (which shares its position).
    pub(super) end: Option<io::Result<()>>,
}

/// The reader's end of a file read by a helper thread.
#[derive(Debug)]
pub(super) struct Pipe {
    chunks: mpsc::Receiver<Chunk>,
    spent: mpsc::Sender<Vec<u8>>,
}

impl Pipe {
    /// Starts a helper thread reading `file` from where it is (through a handle of the same
    /// open file); `None` when no thread can be had.
    pub(super) fn start(file: &File) -> Option<Pipe> {
        let file = file.try_clone().ok()?;
        let (out, chunks) = mpsc::sync_channel(DEPTH);
        let (spent, spare) = mpsc::channel();
        std::thread::Builder::new()
            .name("tebiki-read".into())
            .spawn(move || read_and_hash(file, &out, &spare))
            .ok()?;
        Some(Pipe { chunks, spent })
    }

    /// The next chunk, waited for; `None` if the helper stopped without saying why.
    pub(super) fn next(&self) -> Option<Chunk> {
        self.chunks.recv().ok()
    }

    /// Gives a buffer back, to be read into again.
    pub(super) fn give_back(&self, buf: Vec<u8>) {
        let _ = self.spent.send(buf);
    }
}

/// The helper: reads the file a chunk at a time, cut after its last `\n` (the rest carried to
/// the next chunk), hashes each line and hands the chunk on; at the end of the file, or on an
/// error, hands on what it has with the way it ended and stops. Stops too once the reader is
/// gone.
fn read_and_hash(mut file: File, out: &mpsc::SyncSender<Chunk>, spare: &mpsc::Receiver<Vec<u8>>) {
    // Bytes read after the last `\n` of the chunk before.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let mut buf = spare.try_recv().unwrap_or_default();
        let mut filled = HEADROOM + carry.len();
        if buf.len() < filled {
            buf.resize(filled, 0);
        }
        buf[HEADROOM..filled].copy_from_slice(&carry);
        // Read until the new bytes hold a `\n`, or the file ends.
        let mut looked = filled;
        let end = loop {
            if buf.len() < filled + CHUNK {
                buf.resize(filled + CHUNK, 0);
            }
            match file.read(&mut buf[filled..filled + CHUNK]) {
                Ok(0) => break Some(Ok(())),
                Ok(n) => {
                    filled += n;
                    if memchr::memchr(b'\n', &buf[looked..filled]).is_some() {
                        break None;
                    }
                    looked = filled;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => break Some(Err(e)),
            }
        };
        let lines_end =
            memchr::memrchr(b'\n', &buf[HEADROOM..filled]).map_or(HEADROOM, |p| HEADROOM + p + 1);
        let mut hashes: Vec<([u8; 32], bool)> =
            Vec::with_capacity((lines_end - HEADROOM) / 512 + 1);
        let mut lines = &buf[HEADROOM..lines_end];
        while let Some(p) = memchr::memchr(b'\n', lines) {
            let hash: [u8; 32] = Sha256::digest(&lines[..p]).into();
            if let Some(last) = hashes.last_mut() {
                last.1 = prefix_prev(lines) == Some(last.0);
            }
            hashes.push((hash, false));
            lines = &lines[p + 1..];
        }
        let last = end.is_some();
        // The last chunk hands on the bytes after its last `\n` too.
        let to = if last { filled } else { lines_end };
        carry.clear();
        carry.extend_from_slice(&buf[to..filled]);
        let chunk = Chunk {
            buf,
            range: (HEADROOM, to),
            hashes,
            end,
        };
        if out.send(chunk).is_err() || last {
            return;
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

    /// Every item of a checked merged read, as text, with the files read on helper threads or not.
    fn items(dir: &Path, piped: bool) -> Vec<String> {
        let mut merged = open_merged_with(dir, false, true, Some(piped)).unwrap();
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

    #[test]
    fn reading_on_helper_threads_reads_exactly_what_reading_here_reads() {
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

    /// Records appended while a file is read on a helper thread are read too, after what the
    /// helper read, their lines checked the same (hashed here, once the helper has stopped).
    #[test]
    fn records_appended_during_a_read_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path());
        let mut merged = open_merged_with(dir.path(), false, true, Some(true)).unwrap();
        let mut seen = Vec::new();
        for _ in 0..10 {
            let item = merged.next_line().unwrap();
            seen.push(item.map(|r| r.seq).map_err(|i| format!("{i:?}")));
        }
        let mut w =
            Writer::open_with_io(dir.path(), "k1", Duration::from_secs(5), Box::new(NoSync))
                .unwrap();
        for n in 0..5 {
            let Value::Object(body) = json!({
                "employee": {"id": format!("LATE{n}")},
                "decision": "given",
            }) else {
                unreachable!()
            };
            w.append("consent", body).unwrap();
        }
        drop(w);
        while let Some(item) = merged.next_line() {
            seen.push(item.map(|r| r.seq).map_err(|i| format!("{i:?}")));
        }
        let issues: Vec<_> = seen.iter().filter_map(|s| s.as_ref().err()).collect();
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(seen.len(), 3005);
        assert!(seen.contains(&Ok(1505)));
    }
}
