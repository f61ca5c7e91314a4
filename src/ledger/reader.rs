//! Streams the records of every ledger file in a folder, merged by time then id.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use jiff::Timestamp;
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::envelope::{Envelope, EnvelopeProblem, Member, parse_line, prefix_prev, scan_record};
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
    /// A key appears twice in one object of the line: readers could take either value.
    RepeatedKey {
        file: PathBuf,
        line: u64,
        offset: u64,
        key: String,
    },
    /// The chain breaks at `line`: its `prev` is not the SHA-256 of the line before it (for the
    /// first line, not 64 zeros), or it cannot be read. The line before, or this one, was
    /// changed, inserted or removed. Nothing from the line before on is used (see `Withheld`).
    ChainBreak {
        file: PathBuf,
        line: u64,
        offset: u64,
    },
    /// The `seq` of `line` is not one more than the line before's.
    SeqGap {
        file: PathBuf,
        line: u64,
        offset: u64,
        expected: u64,
        found: u64,
    },
    /// After a break (`ChainBreak` or `SeqGap`), the `records` records of `file` from `line`
    /// to `last_line` were not used: nothing after a break can be told apart from an edit.
    /// `first` is the first of them as stored (the line a change most likely hit).
    Withheld {
        file: PathBuf,
        line: u64,
        last_line: u64,
        records: u64,
        first: Vec<u8>,
    },
}

impl ReadIssue {
    /// The file and 1-based line the issue is about.
    pub fn place(&self) -> (&Path, u64) {
        match self {
            ReadIssue::Io { file, line, .. }
            | ReadIssue::Unparseable { file, line, .. }
            | ReadIssue::BadEnvelope { file, line, .. }
            | ReadIssue::TornTail { file, line, .. }
            | ReadIssue::RepeatedKey { file, line, .. }
            | ReadIssue::ChainBreak { file, line, .. }
            | ReadIssue::SeqGap { file, line, .. }
            | ReadIssue::Withheld { file, line, .. } => (file, *line),
        }
    }

    /// A short word for what is wrong (for JSON outputs).
    pub fn kind(&self) -> &'static str {
        match self {
            ReadIssue::Io { .. } => "io",
            ReadIssue::Unparseable { .. } => "unparseable",
            ReadIssue::BadEnvelope { .. } => "bad_envelope",
            ReadIssue::TornTail { .. } => "torn_tail",
            ReadIssue::RepeatedKey { .. } => "repeated_key",
            ReadIssue::ChainBreak { .. } => "chain_break",
            ReadIssue::SeqGap { .. } => "seq_gap",
            ReadIssue::Withheld { .. } => "withheld",
        }
    }

    /// Whether the issue is about the integrity of the chain: a sign of tampering rather than
    /// of a line that could not be read.
    pub fn is_break(&self) -> bool {
        matches!(
            self,
            ReadIssue::ChainBreak { .. } | ReadIssue::SeqGap { .. } | ReadIssue::Withheld { .. }
        )
    }
}

/// The records of every `*.jsonl` in a folder, ordered by (`at`, `id`), each file in its own
/// order. Every line is checked as `tebiki verify` checks it: the chain (each line's `prev`
/// against the SHA-256 of the line before, and the line after's `prev` against this one's,
/// before the record is handed on), `seq`, the envelope, and keys repeated in an object. At
/// the first break in a file, the record before it and everything after it in that file are
/// withheld ([`ReadIssue::Withheld`]): reported, never used. Memory grows with the number of files, not records: one read buffer and one pending
/// record per file, and two more buffers per file when the lines are hashed on a helper thread
/// (a ledger of a few MB or more, on a machine with a second core), so that hashing overlaps
/// reading.
///
/// A record identical to one already yielded (same id and bytes, e.g. a file copied by a sync
/// tool) is skipped and counted in [`Merged::duplicates`]. Copies meet back to back because the
/// order is by (`at`, `id`); should a file not be in time order, a copy may show up twice.
///
/// As an iterator it yields owned [`Record`]s; [`Merged::next_line`] lends each record instead
/// ([`LineRecord`]), so that a pass over a whole ledger allocates nothing per record.
#[derive(Debug)]
pub struct Merged {
    streams: Vec<FileStream>,
    /// The files' next records by [`merge_key`], then file.
    heap: BinaryHeap<Reverse<(MergeKey, usize)>>,
    issues: VecDeque<ReadIssue>,
    last_key: Option<MergeKey>,
    last_hashes: Vec<[u8; 32]>,
    duplicates: u64,
    /// The record yielded last, taken from its file's slot (which got the buffers of the one
    /// before); its line stays in that file's read buffer until the next step.
    current: Slot,
    current_file: usize,
}

/// (`at`, `id`) as plain numbers, in the same order: cheaper to compare in the merge heap.
type MergeKey = (i128, u128);

fn merge_key(at: Timestamp, id: Uuid) -> MergeKey {
    // Big-endian, so the number orders as the bytes do, as `Uuid`'s own order does.
    (at.as_nanosecond(), id.as_u128())
}

/// A record lent by [`Merged::next_line`]: the same facts as [`Record`], borrowed.
#[derive(Debug, Clone, Copy)]
pub struct LineRecord<'a> {
    /// Index of the file among the ledger files of the folder (sorted by name).
    pub file_index: usize,
    pub file: &'a Path,
    /// 1-based line number in `file`.
    pub line: u64,
    /// Byte offset of the line in `file`.
    pub offset: u64,
    /// The line exactly as stored, without its `\n`: UTF-8, checked.
    pub raw: &'a [u8],
    pub seq: u64,
    pub id: Uuid,
    pub at: Timestamp,
    pub kiosk: &'a str,
    pub record_type: &'a str,
    /// Every top-level member of the line (envelope included) in stored order, when the line
    /// has the writer's form; `None` for a line that only the general parser could read (a
    /// hand-edited one, say), whose members a reader must then find in `raw` itself.
    pub members: Option<&'a [Member]>,
    /// Whether the line, in the writer's form, has no `\uXXXX` escape and no number with an
    /// exponent or of more than 300 characters: then a JSON tree (`serde_json::Value`) of it, or
    /// of any of its members, can surely be built (nothing in it is out of range for one).
    pub plain: bool,
}

impl LineRecord<'_> {
    /// The key of `member` as stored (without quotes; the writer's form has no escapes there).
    pub fn key(&self, member: &Member) -> &[u8] {
        &self.raw[member.key.0 as usize..member.key.1 as usize]
    }

    /// The value of `member` as JSON text.
    pub fn value(&self, member: &Member) -> &[u8] {
        &self.raw[member.value.0 as usize..member.value.1 as usize]
    }
}

/// Opens every ledger file of `dir` for a merged read. A missing folder has no records.
pub fn merged(dir: &Path) -> Result<Merged, LedgerError> {
    open_merged(dir, true, true)
}

/// [`merged`] without building each record's JSON tree: `Record::value` is `Value::Null`, and
/// `raw` (checked to be one JSON object, as always) is there to parse what is needed. For
/// passes over whole ledgers (export, report), where the tree would cost most of the time.
pub fn merged_raw(dir: &Path) -> Result<Merged, LedgerError> {
    open_merged(dir, false, true)
}

/// [`merged_raw`] without the chain and `seq` checks, only to measure what they cost
/// (`cargo bench --bench ledger`). Nothing that uses records may read this way.
#[doc(hidden)]
pub fn merged_raw_unchecked(dir: &Path) -> Result<Merged, LedgerError> {
    open_merged(dir, false, false)
}

fn open_merged(dir: &Path, values: bool, checked: bool) -> Result<Merged, LedgerError> {
    open_merged_with(dir, values, checked, None)
}

/// [`open_merged`], with the lines hashed on a helper thread when `ahead` says so (by default
/// when the chain is checked, the ledger is large and there is a second core).
fn open_merged_with(
    dir: &Path,
    values: bool,
    checked: bool,
    ahead: Option<bool>,
) -> Result<Merged, LedgerError> {
    let files = match ledger_files(dir) {
        Ok(files) => files,
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    let ahead = checked
        && ahead.unwrap_or_else(|| {
            let bytes: u64 = files
                .iter()
                .filter_map(|path| std::fs::metadata(path).ok())
                .map(|meta| meta.len())
                .sum();
            bytes >= AHEAD_FROM_BYTES
                && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
        });
    // The helper ends once every file's stream (each holding a sender) is gone.
    let jobs = if ahead { start_hasher() } else { None };
    let mut merged = Merged {
        streams: Vec::with_capacity(files.len()),
        heap: BinaryHeap::with_capacity(files.len()),
        issues: VecDeque::new(),
        last_key: None,
        last_hashes: Vec::new(),
        duplicates: 0,
        current: Slot::default(),
        current_file: 0,
    };
    for path in files {
        let file = match File::open(&path) {
            Ok(file) => Some(file),
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
            index: merged.streams.len(),
            ahead: jobs.as_ref().map(Ahead::new),
            path,
            file,
            buf: Arc::default(),
            start: 0,
            filled: 0,
            pinned: None,
            hold: None,
            prev_hash: [0; 32],
            next_seq: 1,
            withheld: None,
            checked,
            line: 0,
            offset: 0,
            head: Slot::default(),
            values,
        });
        merged.advance(merged.streams.len() - 1);
    }
    Ok(merged)
}

impl Merged {
    /// Records skipped so far because an identical copy was already yielded.
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// The next item, with the record lent rather than copied out: the same items in the same
    /// order as the iterator.
    pub fn next_line(&mut self) -> Option<Result<LineRecord<'_>, ReadIssue>> {
        match self.step()? {
            Err(issue) => Some(Err(issue)),
            Ok(()) => {
                let c = &self.current;
                let stream = &self.streams[self.current_file];
                Some(Ok(LineRecord {
                    file_index: self.current_file,
                    file: &stream.path,
                    line: c.line,
                    offset: c.offset,
                    raw: stream.pinned_line(),
                    seq: c.seq,
                    id: c.id,
                    at: c.at,
                    kiosk: &c.kiosk,
                    record_type: &c.record_type,
                    members: c.scanned.then_some(c.members.as_slice()),
                    plain: c.plain,
                }))
            }
        }
    }

    /// Loads the next record of file `idx` into its slot and the heap, queueing any issues met
    /// on the way.
    fn advance(&mut self, idx: usize) {
        let stream = &mut self.streams[idx];
        if stream.next_record(&mut self.issues) {
            let head = &stream.head;
            self.heap.push(Reverse((merge_key(head.at, head.id), idx)));
        }
    }

    /// Moves to the next item: an issue, or a record now in `current`.
    fn step(&mut self) -> Option<Result<(), ReadIssue>> {
        // The line lent last is no longer needed.
        if let Some(stream) = self.streams.get_mut(self.current_file) {
            stream.pinned = None;
        }
        loop {
            if let Some(issue) = self.issues.pop_front() {
                return Some(Err(issue));
            }
            let Reverse((key, idx)) = self.heap.pop()?;
            // The file's slot becomes `current`, its line kept in the file's buffer while the
            // file reads on; the slot takes the buffers of the record yielded before.
            let stream = &mut self.streams[idx];
            std::mem::swap(&mut self.current, &mut stream.head);
            stream.pinned = Some(self.current.range);
            self.current_file = idx;
            self.advance(idx);
            let line = self.streams[idx].pinned_line();
            // Copies meet back to back, so only a record whose key came just before it or is
            // next in line needs its hash; hashing every record would cost a whole pass.
            let next_same = self.heap.peek().is_some_and(|Reverse((k, _))| *k == key);
            if self.last_key == Some(key) {
                let hash = sha256(line);
                if self.last_hashes.contains(&hash) {
                    self.duplicates += 1;
                    self.streams[idx].pinned = None;
                    continue;
                }
                self.last_hashes.push(hash);
            } else {
                self.last_key = Some(key);
                self.last_hashes.clear();
                if next_same {
                    self.last_hashes.push(sha256(line));
                }
            }
            return Some(Ok(()));
        }
    }
}

impl Iterator for Merged {
    type Item = Result<Record, ReadIssue>;

    fn next(&mut self) -> Option<Self::Item> {
        match self.step()? {
            Err(issue) => Some(Err(issue)),
            Ok(()) => {
                let c = &mut self.current;
                let stream = &self.streams[self.current_file];
                Some(Ok(Record {
                    file: stream.path.clone(),
                    line: c.line,
                    offset: c.offset,
                    // Checked to be UTF-8 when read, so this copies it as it is.
                    raw: String::from_utf8_lossy(stream.pinned_line()).into_owned(),
                    value: std::mem::take(&mut c.value),
                    seq: c.seq,
                    id: c.id,
                    at: c.at,
                    kiosk: c.kiosk.clone(),
                    record_type: c.record_type.clone(),
                }))
            }
        }
    }
}

/// What was read from one record with a valid envelope, in buffers reused from record to
/// record. Its line is in its file's read buffer.
#[derive(Debug)]
struct Slot {
    line: u64,
    offset: u64,
    /// Where the line (without its `\n`) is in the file's read buffer.
    range: (usize, usize),
    value: Value,
    seq: u64,
    id: Uuid,
    at: Timestamp,
    kiosk: String,
    record_type: String,
    /// The top-level members of the line, when `scanned`.
    members: Vec<Member>,
    /// Whether the line had the writer's form (see [`LineRecord::members`]).
    scanned: bool,
    /// See [`LineRecord::plain`].
    plain: bool,
}

impl Default for Slot {
    fn default() -> Slot {
        Slot {
            line: 0,
            offset: 0,
            range: (0, 0),
            value: Value::Null,
            seq: 0,
            id: Uuid::nil(),
            at: Timestamp::UNIX_EPOCH,
            kiosk: String::new(),
            record_type: String::new(),
            members: Vec::new(),
            scanned: false,
            plain: false,
        }
    }
}

/// Records withheld after a break in one file.
#[derive(Debug)]
struct Withheld {
    line: u64,
    last_line: u64,
    records: u64,
    first: Vec<u8>,
}

/// What the line after a record says the record's hash is.
enum Next {
    /// The line's `prev`.
    Prev([u8; 32]),
    /// A whole line whose `prev` cannot be read.
    Unreadable,
    /// Nothing more yet (the end of the file, or a line still being written).
    Nothing,
}

#[derive(Debug)]
struct FileStream {
    /// Index of the file among the ledger files of the folder.
    index: usize,
    /// The lines' hashes from the helper thread, when it hashes them.
    ahead: Option<Ahead>,
    path: PathBuf,
    /// `None` once the file is read to its end (or as far as it can be read).
    file: Option<File>,
    /// Bytes read from the file: `start..filled` not yet taken as lines, and the lines of the
    /// record in `head` and of the one `pinned` before it. Shared only with the helper thread
    /// that hashes lines, which only reads it; written only when no one else holds it.
    buf: Arc<Vec<u8>>,
    start: usize,
    filled: usize,
    /// The line of the record yielded last from this file, kept until the next step.
    pinned: Option<(usize, usize)>,
    /// The line of `head` while the line after it is looked at.
    hold: Option<(usize, usize)>,
    /// SHA-256 of the last complete line (64 zeros before the first).
    prev_hash: [u8; 32],
    /// The `seq` the next record must have.
    next_seq: u64,
    /// After a break: what is withheld so far.
    withheld: Option<Withheld>,
    /// Whether the chain and `seq` are checked (see [`merged_raw_unchecked`]).
    checked: bool,
    /// Lines taken so far.
    line: u64,
    /// File offset of `buf[start]`.
    offset: u64,
    /// The file's next record in merge order, once [`FileStream::next_record`] said so.
    head: Slot,
    /// Whether records get their `value` (see [`merged_raw`]).
    values: bool,
}

impl FileStream {
    fn pinned_line(&self) -> &[u8] {
        let (a, z) = self.pinned.unwrap_or((0, 0));
        &self.buf[a..z]
    }

    /// Reads on to the next record, into `head`; false at the end of the file (or of what can
    /// be read of it).
    fn next_record(&mut self, issues: &mut VecDeque<ReadIssue>) -> bool {
        let mut settles = 0;
        // Bytes read since the last wait for a writer.
        let mut fresh = 0;
        while self.file.is_some() {
            let data = &self.buf[self.start..self.filled];
            // A record in the writer's form is read in one pass that also finds where its line
            // ends; any other line is found by its `\n` and left to the general checks.
            let scanned = scan_record(data, &mut self.head.members)
                .filter(|scanned| data.get(scanned.end) == Some(&b'\n'));
            let length = match &scanned {
                Some(scanned) => Some(scanned.end),
                None => data.iter().position(|&b| b == b'\n'),
            };
            if let Some(length) = length {
                settles = 0;
                fresh = 0;
                self.line += 1;
                let offset = self.offset;
                let range = (self.start, self.start + length);
                self.start += length + 1;
                self.offset += length as u64 + 1;
                let line = self.line;
                let path = &self.path;
                let text = &self.buf[range.0..range.1];
                if !self.checked {
                    let head = &mut self.head;
                    head.scanned = scanned.is_some();
                    head.plain = scanned.as_ref().is_some_and(|s| s.plain);
                    let env = match scanned {
                        Some(scanned) => Ok(scanned.env),
                        None => general_checks(text, path, line, offset),
                    };
                    match env.and_then(|env| fill(head, env, text, self.values, path, line, offset))
                    {
                        Ok(()) => {
                            head.line = line;
                            head.offset = offset;
                            head.range = range;
                            return true;
                        }
                        Err(issue) => issues.push_back(issue),
                    }
                    continue;
                }
                let hash = match self.ahead.as_mut().and_then(Ahead::next) {
                    Some(hash) => {
                        debug_assert_eq!(hash, sha256(text), "line {line} hashed ahead");
                        hash
                    }
                    // No helper (or it is gone): hashed here.
                    None => sha256(text),
                };
                let prev_hash = std::mem::replace(&mut self.prev_hash, hash);
                let head = &mut self.head;
                head.scanned = scanned.is_some();
                head.plain = scanned.as_ref().is_some_and(|s| s.plain);
                let env = match scanned {
                    Some(scanned) => Ok(scanned.env),
                    None => general_checks(text, path, line, offset),
                };
                let read = env.and_then(|env| {
                    let facts = (env.prev, env.seq);
                    fill(head, env, text, self.values, path, line, offset).map(|()| facts)
                });
                let (prev, seq) = match read {
                    Ok(facts) => facts,
                    Err(issue) => {
                        // Assume the line held the next seq, so one bad line is one issue.
                        self.next_seq += 1;
                        issues.push_back(issue);
                        continue;
                    }
                };
                if let Some(withheld) = &mut self.withheld {
                    withheld.records += 1;
                    withheld.last_line = line;
                    continue;
                }
                if prev != Some(prev_hash) {
                    issues.push_back(ReadIssue::ChainBreak {
                        file: path.clone(),
                        line,
                        offset,
                    });
                    self.withhold(line, range);
                    continue;
                }
                if seq != Some(self.next_seq) {
                    issues.push_back(ReadIssue::SeqGap {
                        file: path.clone(),
                        line,
                        offset,
                        expected: self.next_seq,
                        found: seq.unwrap_or(0),
                    });
                    self.withhold(line, range);
                    continue;
                }
                self.next_seq = self.next_seq.saturating_add(1);
                // Handed on only once the line after it names it (or there is none yet).
                self.hold = Some(range);
                let next = self.peek_prev();
                let range = self.hold.take().unwrap_or(range);
                if !matches!(next, Next::Nothing) && !matches!(next, Next::Prev(p) if p == hash) {
                    issues.push_back(ReadIssue::ChainBreak {
                        file: self.path.clone(),
                        line: line + 1,
                        offset: self.offset,
                    });
                    self.withhold(line, range);
                    continue;
                }
                let head = &mut self.head;
                head.line = line;
                head.offset = offset;
                head.range = range;
                return true;
            }
            match self.read_more() {
                Ok(0) if self.start == self.filled => self.file = None,
                Ok(0) => {
                    // A writer may be mid-append: once it is done, the line may be whole.
                    if settles == 0 || (fresh > 0 && settles < SETTLE_TRIES) {
                        settles += 1;
                        fresh = 0;
                        if let Some(file) = &self.file {
                            wait_for_writers(file, SETTLE_WAIT);
                        }
                        continue;
                    }
                    issues.push_back(ReadIssue::TornTail {
                        file: self.path.clone(),
                        line: self.line + 1,
                        offset: self.offset,
                        bytes: (self.filled - self.start) as u64,
                    });
                    self.file = None;
                }
                Ok(n) => fresh += n,
                Err(source) => {
                    issues.push_back(ReadIssue::Io {
                        file: self.path.clone(),
                        line: self.line + 1,
                        source,
                    });
                    self.file = None;
                }
            }
        }
        if let Some(w) = self.withheld.take() {
            issues.push_back(ReadIssue::Withheld {
                file: self.path.clone(),
                line: w.line,
                last_line: w.last_line,
                records: w.records,
                first: w.first,
            });
        }
        false
    }

    /// From the record of `line` (at `range` in the buffer) on, nothing of this file is used.
    fn withhold(&mut self, line: u64, range: (usize, usize)) {
        self.withheld = Some(Withheld {
            line,
            last_line: line,
            records: 1,
            first: self.buf[range.0..range.1].to_vec(),
        });
    }

    /// The `prev` of the line after the one just taken, reading on as far as its start needs.
    fn peek_prev(&mut self) -> Next {
        loop {
            let data = &self.buf[self.start..self.filled];
            if let Some(prev) = prefix_prev(data) {
                return Next::Prev(prev);
            }
            if let Some(end) = memchr::memchr(b'\n', data) {
                return match parse_line(&data[..end]).ok().and_then(|env| env.prev) {
                    Some(prev) => Next::Prev(prev),
                    None => Next::Unreadable,
                };
            }
            match self.read_more() {
                Ok(n) if n > 0 => {}
                // The next step reads on and reports what it finds.
                _ => return Next::Nothing,
            }
        }
    }

    /// Reads more of the file into the buffer, first moving what is still needed to its front
    /// (or growing it for a line longer than the buffer): how many bytes came, 0 at the end.
    fn read_more(&mut self) -> io::Result<usize> {
        let keep = [self.pinned, self.hold]
            .iter()
            .flatten()
            .fold(self.start, |keep, (a, _)| keep.min(*a));
        if Arc::get_mut(&mut self.buf).is_none() {
            // The helper thread still hashes this buffer: go on in another one.
            let mut other = self
                .ahead
                .as_mut()
                .and_then(Ahead::take_spare)
                .unwrap_or_default();
            // Nobody else holds it, so this does not copy it.
            let fresh = Arc::make_mut(&mut other);
            fresh.resize(self.buf.len(), 0);
            fresh[..self.filled - keep].copy_from_slice(&self.buf[keep..self.filled]);
            let old = std::mem::replace(&mut self.buf, other);
            if let Some(ahead) = &mut self.ahead {
                ahead.keep_spare(old);
            }
        } else if keep > 0 {
            Arc::make_mut(&mut self.buf).copy_within(keep..self.filled, 0);
        }
        if keep > 0 {
            self.filled -= keep;
            self.start -= keep;
            for (a, z) in [&mut self.pinned, &mut self.hold].into_iter().flatten() {
                *a -= keep;
                *z -= keep;
            }
        }
        // Not shared now (a buffer shared still would be copied here, never written).
        let buf = Arc::make_mut(&mut self.buf);
        if self.filled == buf.len() {
            let more = buf.len().max(READ_BUFFER);
            buf.resize(buf.len() + more, 0);
        }
        let Some(mut file) = self.file.as_ref() else {
            return Ok(0);
        };
        loop {
            match file.read(&mut buf[self.filled..]) {
                Ok(n) => {
                    let from = self.filled;
                    self.filled += n;
                    if n > 0
                        && let Some(ahead) = &self.ahead
                    {
                        // A helper gone is noticed when a hash is missing; it is then done here.
                        let _ = ahead.send(self.index, &self.buf, (from, self.filled));
                    }
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// Ledgers smaller than this (all files together) are hashed on the reading thread: a helper
/// thread would cost more than it saves.
const AHEAD_FROM_BYTES: u64 = 4 << 20;

/// Line hashes sent back from the helper thread at a time: small, so that the reader, which
/// hands the helper a buffer and then takes its first lines at once, waits little for them.
const AHEAD_BATCH: usize = 8;

/// How often the reader asks again for a hash not yet there before it sleeps until it comes
/// (a few tens of microseconds: a batch takes about ten).
const AHEAD_SPINS: u32 = 2_000;

/// Bytes of one file just read, for the helper thread to hash line by line.
struct HashJob {
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
struct Ahead {
    jobs: mpsc::Sender<HashJob>,
    back: mpsc::Sender<Vec<[u8; 32]>>,
    hashes: mpsc::Receiver<Vec<[u8; 32]>>,
    /// Hashes received and not yet taken: one per line, in file order.
    ready: VecDeque<[u8; 32]>,
    /// Buffers handed to the helper before, to read into again once it is done with them.
    spare: Vec<Arc<Vec<u8>>>,
}

impl Ahead {
    fn new(jobs: &mpsc::Sender<HashJob>) -> Ahead {
        let (back, hashes) = mpsc::channel();
        Ahead {
            jobs: jobs.clone(),
            back,
            hashes,
            ready: VecDeque::new(),
            spare: Vec::new(),
        }
    }

    /// Hands `buf[range]`, just read, to the helper; false if the helper is gone.
    fn send(&self, file: usize, buf: &Arc<Vec<u8>>, range: (usize, usize)) -> bool {
        self.jobs
            .send(HashJob {
                file,
                buf: Arc::clone(buf),
                range,
                back: self.back.clone(),
            })
            .is_ok()
    }

    /// The hash of the next line, waiting for the helper if need be; `None` if the helper is
    /// gone without it.
    fn next(&mut self) -> Option<[u8; 32]> {
        let mut spins = 0;
        loop {
            if let Some(hash) = self.ready.pop_front() {
                return Some(hash);
            }
            // The helper is usually a few lines away: waiting for it by asking again for a
            // moment costs less than going to sleep and being woken for every batch.
            let batch = match self.hashes.try_recv() {
                Ok(batch) => batch,
                Err(mpsc::TryRecvError::Empty) if spins < AHEAD_SPINS => {
                    spins += 1;
                    std::hint::spin_loop();
                    continue;
                }
                Err(mpsc::TryRecvError::Empty) => self.hashes.recv().ok()?,
                Err(mpsc::TryRecvError::Disconnected) => return None,
            };
            self.ready.extend(batch);
        }
    }

    /// A buffer the helper no longer reads, if one is kept.
    fn take_spare(&mut self) -> Option<Arc<Vec<u8>>> {
        let i = self.spare.iter().position(|b| Arc::strong_count(b) == 1)?;
        Some(self.spare.swap_remove(i))
    }

    fn keep_spare(&mut self, buf: Arc<Vec<u8>>) {
        // Two are enough: the helper is at most a buffer behind.
        if self.spare.len() < 2 {
            self.spare.push(buf);
        }
    }
}

/// Starts the helper thread that hashes lines for every file of a merged read; it ends when
/// every sender of jobs is gone.
fn start_hasher() -> Option<mpsc::Sender<HashJob>> {
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
        // can read into it again.
        drop(buf);
        if !batch.is_empty() && !gone {
            let _ = back.send(batch);
        }
    }
}

/// The checks of a line that is not in the writer's form: UTF-8, one JSON object, its
/// envelope read by the general parser.
fn general_checks<'a>(
    text: &'a [u8],
    path: &Path,
    line: u64,
    offset: u64,
) -> Result<Envelope<'a>, ReadIssue> {
    let unparseable = || ReadIssue::Unparseable {
        file: path.to_path_buf(),
        line,
        offset,
    };
    std::str::from_utf8(text).map_err(|_| unparseable())?;
    parse_line(text).map_err(|_| unparseable())
}

/// Fills `head` from the envelope read from `text`, or says why the line is not a record.
fn fill(
    head: &mut Slot,
    env: Envelope<'_>,
    text: &[u8],
    values: bool,
    path: &Path,
    line: u64,
    offset: u64,
) -> Result<(), ReadIssue> {
    let bad = |key: &'static str, problem| ReadIssue::BadEnvelope {
        file: path.to_path_buf(),
        line,
        offset,
        key,
        problem,
    };
    if let Some((key, problem)) = env.problem {
        return Err(bad(key, problem));
    }
    if let Some(key) = env.repeated {
        return Err(ReadIssue::RepeatedKey {
            file: path.to_path_buf(),
            line,
            offset,
            key,
        });
    }
    let (Some(seq), Some(id), Some(at), Some(kiosk), Some(record_type)) =
        (env.seq, env.id, env.at, env.kiosk, env.record_type)
    else {
        // Unreachable when `problem` is None, but a reader must not panic on input.
        return Err(bad("schema", EnvelopeProblem::Missing));
    };
    // The text is UTF-8 (checked before), where reading it as bytes or as text is the same.
    head.value = if values {
        serde_json::from_slice(text).map_err(|_| ReadIssue::Unparseable {
            file: path.to_path_buf(),
            line,
            offset,
        })?
    } else {
        Value::Null
    };
    head.seq = seq;
    head.id = id;
    head.at = at;
    head.kiosk.clear();
    head.kiosk.push_str(&kiosk);
    head.record_type.clear();
    head.record_type.push_str(&record_type);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::fs::{self, File, OpenOptions};
    use std::io::{self, Write};
    use std::path::Path;
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::open_merged_with;
    use crate::ledger::{LedgerIo, Writer};

    struct NoSync;

    impl LedgerIo for NoSync {
        fn sync(&mut self, _: &File) -> io::Result<()> {
            Ok(())
        }
    }

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
