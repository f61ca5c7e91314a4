//! Streams the records of every ledger file in a folder, merged by time then id.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde_json::Value;
use uuid::Uuid;

use super::envelope::{EnvelopeProblem, parse_line};
use super::{LedgerError, SETTLE_TRIES, SETTLE_WAIT, ledger_files, sha256, wait_for_writers};

const READ_BUFFER: usize = 256 * 1024;

/// One record with a valid envelope, as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub file: PathBuf,
    /// 1-based line number in `file`.
    pub line: u64,
    /// Byte offset of the line in `file`.
    pub offset: u64,
    /// The line exactly as stored, without its `\n`.
    pub raw: String,
    /// The whole record, keys in stored order.
    pub value: Value,
    pub seq: u64,
    pub id: Uuid,
    pub at: Timestamp,
    pub kiosk: String,
    pub record_type: String,
}

/// A line that could not be returned as a record; readers show it, never drop it silently.
#[derive(Debug)]
pub enum ReadIssue {
    /// Reading stopped at `line` of `file`.
    Io {
        file: PathBuf,
        line: u64,
        source: io::Error,
    },
    /// Not one JSON object in UTF-8.
    Unparseable {
        file: PathBuf,
        line: u64,
        offset: u64,
    },
    /// Valid JSON whose envelope breaks the contract at `key`.
    BadEnvelope {
        file: PathBuf,
        line: u64,
        offset: u64,
        key: &'static str,
        problem: EnvelopeProblem,
    },
    /// The file ends with a line that has no `\n` (a crash mid-write, not yet recovered).
    TornTail {
        file: PathBuf,
        line: u64,
        offset: u64,
        bytes: u64,
    },
}

/// The records of every `*.jsonl` in a folder, ordered by (`at`, `id`), each file in its own
/// order. Memory grows with the number of files, not records: one buffered reader and one
/// pending record per file.
///
/// A record identical to one already yielded (same id and bytes, e.g. a file copied by a sync
/// tool) is skipped and counted in [`Merged::duplicates`]. Copies meet back to back because the
/// order is by (`at`, `id`); should a file not be in time order, a copy may show up twice.
#[derive(Debug)]
pub struct Merged {
    streams: Vec<FileStream>,
    heads: Vec<Option<Record>>,
    heap: BinaryHeap<Reverse<(Timestamp, Uuid, usize)>>,
    issues: VecDeque<ReadIssue>,
    last_key: Option<(Timestamp, Uuid)>,
    last_hashes: Vec<[u8; 32]>,
    duplicates: u64,
}

/// Opens every ledger file of `dir` for a merged read. A missing folder has no records.
pub fn merged(dir: &Path) -> Result<Merged, LedgerError> {
    open_merged(dir, true)
}

/// [`merged`] without building each record's JSON tree: `Record::value` is `Value::Null`, and
/// `raw` (checked to be one JSON object, as always) is there to parse what is needed. For
/// passes over whole ledgers (export, report), where the tree would cost most of the time.
pub fn merged_raw(dir: &Path) -> Result<Merged, LedgerError> {
    open_merged(dir, false)
}

fn open_merged(dir: &Path, values: bool) -> Result<Merged, LedgerError> {
    let files = match ledger_files(dir) {
        Ok(files) => files,
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    let mut merged = Merged {
        streams: Vec::with_capacity(files.len()),
        heads: Vec::with_capacity(files.len()),
        heap: BinaryHeap::with_capacity(files.len()),
        issues: VecDeque::new(),
        last_key: None,
        last_hashes: Vec::new(),
        duplicates: 0,
    };
    for path in files {
        let reader = match File::open(&path) {
            Ok(file) => Some(BufReader::with_capacity(READ_BUFFER, file)),
            Err(source) => {
                merged.issues.push_back(ReadIssue::Io {
                    file: path.clone(),
                    line: 0,
                    source,
                });
                None
            }
        };
        merged.streams.push(FileStream {
            path,
            reader,
            line: 0,
            offset: 0,
            buf: Vec::new(),
            values,
        });
        merged.heads.push(None);
        merged.advance(merged.streams.len() - 1);
    }
    Ok(merged)
}

impl Merged {
    /// Records skipped so far because an identical copy was already yielded.
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// Loads the next record of file `idx` into the heap, queueing any issues met on the way.
    fn advance(&mut self, idx: usize) {
        if let Some(record) = self.streams[idx].next_record(&mut self.issues) {
            self.heap.push(Reverse((record.at, record.id, idx)));
            self.heads[idx] = Some(record);
        }
    }
}

impl Iterator for Merged {
    type Item = Result<Record, ReadIssue>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(issue) = self.issues.pop_front() {
                return Some(Err(issue));
            }
            let Reverse((at, id, idx)) = self.heap.pop()?;
            let record = self.heads[idx].take();
            self.advance(idx);
            let Some(record) = record else { continue };
            // Copies meet back to back, so only a record whose key came just before it or is
            // next in line needs its hash; hashing every record would cost a whole pass.
            let next_same = self
                .heap
                .peek()
                .is_some_and(|Reverse((a, i, _))| *a == at && *i == id);
            if self.last_key == Some((at, id)) {
                let hash = sha256(record.raw.as_bytes());
                if self.last_hashes.contains(&hash) {
                    self.duplicates += 1;
                    continue;
                }
                self.last_hashes.push(hash);
            } else {
                self.last_key = Some((at, id));
                self.last_hashes.clear();
                if next_same {
                    self.last_hashes.push(sha256(record.raw.as_bytes()));
                }
            }
            return Some(Ok(record));
        }
    }
}

#[derive(Debug)]
struct FileStream {
    path: PathBuf,
    reader: Option<BufReader<File>>,
    line: u64,
    offset: u64,
    buf: Vec<u8>,
    /// Whether records get their `value` (see [`merged_raw`]).
    values: bool,
}

impl FileStream {
    fn next_record(&mut self, issues: &mut VecDeque<ReadIssue>) -> Option<Record> {
        let mut settles = 0;
        self.buf.clear();
        loop {
            let reader = self.reader.as_mut()?;
            let n = match reader.read_until(b'\n', &mut self.buf) {
                Ok(n) => n,
                Err(source) => {
                    issues.push_back(ReadIssue::Io {
                        file: self.path.clone(),
                        line: self.line + 1,
                        source,
                    });
                    self.reader = None;
                    return None;
                }
            };
            if self.buf.is_empty() {
                self.reader = None;
                return None;
            }
            if self.buf.last() != Some(&b'\n') {
                // A writer may be mid-append: once it is done, the line may be whole.
                if settles == 0 || (n > 0 && settles < SETTLE_TRIES) {
                    settles += 1;
                    wait_for_writers(reader.get_ref(), SETTLE_WAIT);
                    continue;
                }
                issues.push_back(ReadIssue::TornTail {
                    file: self.path.clone(),
                    line: self.line + 1,
                    offset: self.offset,
                    bytes: self.buf.len() as u64,
                });
                self.reader = None;
                return None;
            }
            settles = 0;
            self.line += 1;
            let offset = self.offset;
            self.offset += self.buf.len() as u64;
            self.buf.pop();
            match self.parse(offset) {
                Ok(record) => return Some(record),
                Err(issue) => issues.push_back(issue),
            }
            self.buf.clear();
        }
    }

    fn parse(&self, offset: u64) -> Result<Record, ReadIssue> {
        let unparseable = || ReadIssue::Unparseable {
            file: self.path.clone(),
            line: self.line,
            offset,
        };
        let text = std::str::from_utf8(&self.buf).map_err(|_| unparseable())?;
        let env = parse_line(text.as_bytes()).map_err(|_| unparseable())?;
        let bad = |key: &'static str, problem| ReadIssue::BadEnvelope {
            file: self.path.clone(),
            line: self.line,
            offset,
            key,
            problem,
        };
        if let Some((key, problem)) = env.problem {
            return Err(bad(key, problem));
        }
        let (Some(seq), Some(id), Some(at), Some(kiosk), Some(record_type)) =
            (env.seq, env.id, env.at, env.kiosk, env.record_type)
        else {
            // Unreachable when `problem` is None, but a reader must not panic on input.
            return Err(bad("schema", EnvelopeProblem::Missing));
        };
        let value: Value = if self.values {
            serde_json::from_str(text).map_err(|_| unparseable())?
        } else {
            Value::Null
        };
        Ok(Record {
            file: self.path.clone(),
            line: self.line,
            offset,
            raw: text.to_owned(),
            value,
            seq,
            id,
            at,
            kiosk: kiosk.into_owned(),
            record_type: record_type.into_owned(),
        })
    }
}
