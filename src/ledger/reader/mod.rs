//! Streams the records of every ledger file in a folder, merged by time then id.

mod dates;
mod file;
mod pipe;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde_json::Value;
use uuid::Uuid;

use super::envelope::{Envelope, EnvelopeProblem, Member, parse_line, prefix_prev, scan_record};
use super::{LedgerError, SETTLE_TRIES, SETTLE_WAIT, ledger_files, sha256, wait_for_writers};
use dates::dated_wrongly;
pub(crate) use dates::{future_from_now, writer_seconds};
use file::*;
use pipe::*;

/// Bytes read from a file at a time by the reading thread (see `pipe` for the helper's): small
/// enough that a read of many files stays within a few MB, large enough that reading costs few
/// calls.
const READ_BUFFER: usize = 512 * 1024;

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
    /// The record's `kiosk` is not the kiosk whose file it is in (`ledger/<kiosk>.jsonl`):
    /// each kiosk writes only its own file, so the record was put there by something else (a
    /// copy, a replay). It is not used.
    Misplaced {
        file: PathBuf,
        line: u64,
        offset: u64,
        kiosk: String,
    },
    /// A record with the same `id` and `at` as the record at `other_file:other_line`, used
    /// already, but other bytes: ids are never reused, so one of the two was made up (an
    /// exact copy is a duplicate, skipped silently). This one is not used.
    Conflict {
        file: PathBuf,
        line: u64,
        offset: u64,
        other_file: PathBuf,
        other_line: u64,
    },
    /// An entry of the ledger folder named like a ledger file that is not a regular `*.jsonl`
    /// file (`what`: see [`crate::ledger::odd_ledger_entries`]): not read.
    NotALedgerFile { file: PathBuf, what: &'static str },
    /// The file no longer holds what the latest trusted seal (`seal`, its signature checked
    /// against `$DATA/seal-signers`) says it held up to its record of `seq` (`line`): it is
    /// gone, shorter, or that line has other bytes. Records sealed may have been changed or
    /// removed since: `tebiki verify` tells what.
    SealMismatch {
        file: PathBuf,
        line: u64,
        seal: String,
        seq: u64,
    },
    /// With trusted seal keys set up (`$DATA/seal-signers`), the newest seal (`seal`, its name
    /// as `seals/<file>`; `None` when there is no seal at all, `file` then being the seals
    /// folder) is not one they vouch for: no signature beside it, one by another key, or not
    /// the seal its name says. Seals may have been deleted or replaced with a rewrite:
    /// `tebiki verify` tells what (with the auditors' copy of the seals, `--seals`). What an
    /// older trusted seal vouches for is still checked.
    SealNotTrusted { file: PathBuf, seal: Option<String> },
    /// Line `line` of the trusted seal keys (`file`: `$DATA/seal-signers`) is not an
    /// allowed_signers line with a key that can be read (mistyped, say): it is not used, so a
    /// key meant to be trusted may be missing (`tebiki verify` refuses the file until it is
    /// fixed). What the seals vouch for is checked with the keys of the other lines.
    SignersLine { file: PathBuf, line: u64 },
    /// There are seals (`seal`: the newest, as `seals/<file>`), but no trusted seal key is set
    /// up (`file`: `$DATA/seal-signers`, missing or listing no key; deleted, say, or not yet
    /// written after the first seal): nothing the seals vouch for is checked.
    SealsUnchecked { file: PathBuf, seal: String },
    /// A record the latest trusted seal (`seal`) does not cover, dated more than a minute
    /// before that seal: it was added after the seal and dated back, so it is not used (see
    /// [`crate::ledger::seal::SealFloor`]). Only with seals and `$DATA/seal-signers`.
    Backdated {
        file: PathBuf,
        line: u64,
        offset: u64,
        seal: String,
    },
    /// A record dated (`at`) more than a few minutes ahead of this machine's clock (see
    /// `verify`'s grace): a terminal's clock ahead, or a forged date. Readers merge by date, so
    /// it would count as its person's latest until then, over everything recorded meanwhile:
    /// it is not used, and said, as `tebiki verify` calls it a finding.
    FutureDated {
        file: PathBuf,
        line: u64,
        offset: u64,
        at: Timestamp,
    },
    /// After a break (`ChainBreak` or `SeqGap`), the `records` records of `file` from `line`
    /// to `last_line` were not used: nothing after a break can be told apart from an edit.
    /// `first` is the first of them as stored (the line a change most likely hit); `people`
    /// the ids of everyone they are about (as employee, or as the person a champion supports),
    /// each once, as first stored: what is said of them may be missing records.
    Withheld {
        file: PathBuf,
        line: u64,
        last_line: u64,
        records: u64,
        first: Vec<u8>,
        people: Vec<String>,
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
            | ReadIssue::Misplaced { file, line, .. }
            | ReadIssue::Conflict { file, line, .. }
            | ReadIssue::ChainBreak { file, line, .. }
            | ReadIssue::SeqGap { file, line, .. }
            | ReadIssue::Backdated { file, line, .. }
            | ReadIssue::FutureDated { file, line, .. }
            | ReadIssue::SignersLine { file, line }
            | ReadIssue::Withheld { file, line, .. } => (file, *line),
            // About the file's sealed part as a whole (`line` is where that ended when it was
            // sealed, which the file may no longer have): named by its file.
            ReadIssue::SealMismatch { file, .. }
            | ReadIssue::NotALedgerFile { file, .. }
            | ReadIssue::SealNotTrusted { file, .. }
            | ReadIssue::SealsUnchecked { file, .. } => (file, 0),
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
            ReadIssue::Misplaced { .. } => "misplaced",
            ReadIssue::Conflict { .. } => "conflicting_id",
            ReadIssue::NotALedgerFile { .. } => "not_a_ledger_file",
            ReadIssue::ChainBreak { .. } => "chain_break",
            ReadIssue::SeqGap { .. } => "seq_gap",
            ReadIssue::SealMismatch { .. } => "seal_mismatch",
            ReadIssue::SealNotTrusted { .. } => "seal_not_trusted",
            ReadIssue::SealsUnchecked { .. } => "seal_no_signers",
            ReadIssue::SignersLine { .. } => "bad_signers_line",
            ReadIssue::Backdated { .. } => "backdated",
            ReadIssue::FutureDated { .. } => "future_dated",
            ReadIssue::Withheld { .. } => "withheld",
        }
    }

    /// Whether the issue is about the integrity of the chain: a sign of tampering rather than
    /// of a line that could not be read.
    pub fn is_break(&self) -> bool {
        matches!(
            self,
            ReadIssue::ChainBreak { .. } | ReadIssue::SeqGap { .. } | ReadIssue::Withheld { .. }
        ) || (self.is_about_seals() && !matches!(self, ReadIssue::SignersLine { .. }))
    }

    /// Whether the issue is about what the seals vouch for (a file that no longer holds what
    /// was sealed, seals not trusted or not checked, a line of the trusted keys that cannot be
    /// read), not about a line of the ledger.
    pub fn is_about_seals(&self) -> bool {
        matches!(
            self,
            ReadIssue::SealMismatch { .. }
                | ReadIssue::SealNotTrusted { .. }
                | ReadIssue::SealsUnchecked { .. }
                | ReadIssue::SignersLine { .. }
        )
    }
}

/// The records of every `*.jsonl` in a folder, ordered by (`at`, `id`), each file in its own
/// order. Every line is checked as `tebiki verify` checks it: the chain (each line's `prev`
/// against the SHA-256 of the line before, and the line after's `prev` against this one's,
/// before the record is handed on), `seq`, the envelope, and keys repeated in an object. At
/// the first break in a file, the record before it and everything after it in that file are
/// withheld ([`ReadIssue::Withheld`]): reported, never used. Memory grows with the number of
/// files, not records: one pending record per file, and one read buffer per file, or two when
/// the lines are hashed on a helper thread (a ledger of a few MB or more, on a machine with a
/// second core), so that hashing overlaps reading. A buffer grows to hold a line longer than
/// it, and keeps that size for the rest of the read.
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
    /// The record used of the current key: its line's hash, file and line (a later record of
    /// the key with the same hash is a copy; with another, a conflict).
    used_of_key: Option<([u8; 32], usize, u64)>,
    /// Records of the current key found in another kiosk's file, held back until a record of
    /// the same key shows them to be copies of it (then duplicates); else reported.
    misplaced: Vec<([u8; 32], ReadIssue)>,
    duplicates: u64,
    /// The record yielded last, taken from its file's slot (which got the buffers of the one
    /// before); its line stays in that file's read buffer until the next step.
    current: Slot,
    current_file: usize,
    /// What the latest trusted seal says of records added after it (empty without one).
    floor: super::seal::SealFloor,
    /// Records dated after this are dated in the future (checked reads only), with that time
    /// as the writer spells times, to compare `occurred_at` with as text.
    future: Option<(Timestamp, [u8; 19])>,
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

/// Opens a ledger file for reading, never through a link: one put in its place after the
/// folder was listed fails here (and is reported) rather than being read.
pub(crate) fn open_no_follow(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NOFOLLOW);
    options.open(path)
}

fn open_merged(dir: &Path, values: bool, checked: bool) -> Result<Merged, LedgerError> {
    open_merged_with(dir, values, checked, None)
}

/// [`open_merged`], with files read and their lines hashed on helper threads (see [`Pipe`]) when
/// `piped` says so: every file, or none; by default, when the chain is checked, the ledger is
/// large and there is a second core, the large files (up to [`MAX_PIPES`]).
fn open_merged_with(
    dir: &Path,
    values: bool,
    checked: bool,
    piped: Option<bool>,
) -> Result<Merged, LedgerError> {
    let files = match ledger_files(dir) {
        Ok(files) => files,
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    let large = checked
        && piped.is_none()
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
        && files
            .iter()
            .filter_map(|path| std::fs::metadata(path).ok())
            .map(|meta| meta.len())
            .sum::<u64>()
            >= PIPE_FROM_BYTES;
    let mut pipes = 0;
    let mut merged = Merged {
        streams: Vec::with_capacity(files.len()),
        heap: BinaryHeap::with_capacity(files.len()),
        // Entries named like ledger files that are not regular files: said first, never read.
        issues: crate::ledger::odd_ledger_entries(dir)
            .into_iter()
            .map(|(name, what)| ReadIssue::NotALedgerFile {
                file: dir.join(name),
                what,
            })
            .collect(),
        last_key: None,
        used_of_key: None,
        misplaced: Vec::new(),
        duplicates: 0,
        current: Slot::default(),
        current_file: 0,
        floor: super::seal::SealFloor::default(),
        future: checked.then(|| {
            let future = future_from_now();
            (future, writer_seconds(future))
        }),
    };
    if checked {
        // Told first: what the latest seal vouches for and the files no longer hold.
        let (issues, floor) = super::seal::sealed_heads(dir);
        merged.issues.extend(issues);
        merged.floor = floor;
    }
    for path in files {
        let file = match open_no_follow(&path) {
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
        // Each helper ends once its file is read, or its stream is gone.
        let piped = checked
            && pipes < MAX_PIPES
            && piped.unwrap_or_else(|| {
                large
                    && file
                        .as_ref()
                        .and_then(|f| f.metadata().ok())
                        .is_some_and(|meta| meta.len() >= PIPE_FILE_FROM_BYTES)
            });
        let pipe = file.as_ref().filter(|_| piped).and_then(Pipe::start);
        pipes += usize::from(pipe.is_some());
        merged.streams.push(FileStream {
            pipe,
            hashes: VecDeque::new(),
            kiosk: super::kiosk_of_file(&path).map(str::to_string),
            sealed: merged.floor.covered_of(&path),
            path,
            file,
            buf: Vec::new(),
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

    /// Per file, how far reading has got: the offset after the last line taken, whether its
    /// record was used or told as an issue (not used, say). A line not yet ended (still being
    /// written, or torn) is not taken. At the end of a pass, whoever follows what is appended
    /// starts there, so that a line read and not used is not taken for a new one.
    pub fn reached(&self) -> Vec<(PathBuf, u64)> {
        self.streams
            .iter()
            .map(|s| (s.path.clone(), s.offset))
            .collect()
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
            let Some(Reverse((key, idx))) = self.heap.pop() else {
                // What no copy showed to be one is reported, at the end as after every key.
                if self.misplaced.is_empty() {
                    return None;
                }
                self.issues
                    .extend(self.misplaced.drain(..).map(|(_, issue)| issue));
                continue;
            };
            if self.last_key != Some(key) {
                if !self.misplaced.is_empty() {
                    // Reported before the next key's records.
                    self.heap.push(Reverse((key, idx)));
                    self.issues
                        .extend(self.misplaced.drain(..).map(|(_, issue)| issue));
                    continue;
                }
                self.last_key = Some(key);
                self.used_of_key = None;
            }
            // The file's slot becomes `current`, its line kept in the file's buffer while the
            // file reads on; the slot takes the buffers of the record yielded before.
            let stream = &mut self.streams[idx];
            std::mem::swap(&mut self.current, &mut stream.head);
            stream.pinned = Some(self.current.range);
            self.current_file = idx;
            self.advance(idx);
            // A record the latest trusted seal does not cover, dated (`at`, or `occurred_at`
            // when earlier: readers order by it) before that seal: added after it, dated back.
            if let Some(before) = self.floor.before
                && self.current.offset >= self.streams[idx].sealed
                && !self.current.misplaced
                && {
                    let line = self.streams[idx].pinned_line();
                    let occurred =
                        crate::ledger::envelope::occurred_at(line, &self.current.members);
                    occurred.map_or(self.current.at, |o| o.min(self.current.at)) < before
                }
            {
                // Added after the latest seal, dated before it: not used, and said.
                self.issues.push_back(ReadIssue::Backdated {
                    file: self.streams[idx].path.clone(),
                    line: self.current.line,
                    offset: self.current.offset,
                    seal: self.floor.seal.clone(),
                });
                self.streams[idx].pinned = None;
                continue;
            }
            if let Some((future, future_text)) = &self.future
                && !self.current.misplaced
                && let Some(issue) = dated_wrongly(
                    &self.current,
                    self.streams[idx].pinned_line(),
                    &self.streams[idx].path,
                    (*future, future_text),
                )
            {
                self.issues.push_back(issue);
                self.streams[idx].pinned = None;
                continue;
            }
            let line = self.streams[idx].pinned_line();
            // Copies meet back to back, so only a record whose key came just before it or is
            // next in line needs its hash; hashing every record would cost a whole pass.
            let next_same = self.heap.peek().is_some_and(|Reverse((k, _))| *k == key);
            let alone = self.used_of_key.is_none() && self.misplaced.is_empty() && !next_same;
            if alone && !self.current.misplaced {
                return Some(Ok(()));
            }
            let hash = sha256(line);
            if self.used_of_key.is_some_and(|(used, ..)| used == hash) {
                self.duplicates += 1;
                self.streams[idx].pinned = None;
                continue;
            }
            if self.current.misplaced {
                // In another kiosk's file: a copy of a record of this key (a sync tool's), or
                // not to be used.
                let stream = &self.streams[idx];
                let issue = ReadIssue::Misplaced {
                    file: stream.path.clone(),
                    line: self.current.line,
                    offset: self.current.offset,
                    kiosk: self.current.kiosk.clone(),
                };
                self.misplaced.push((hash, issue));
                self.streams[idx].pinned = None;
                continue;
            }
            if let Some((_, other, other_line)) = self.used_of_key {
                // Same id and time as a record used already, other bytes: not used, and said.
                let stream = &self.streams[idx];
                self.issues.push_back(ReadIssue::Conflict {
                    file: stream.path.clone(),
                    line: self.current.line,
                    offset: self.current.offset,
                    other_file: self.streams[other].path.clone(),
                    other_line,
                });
                self.streams[idx].pinned = None;
                continue;
            }
            let before = self.misplaced.len();
            self.misplaced.retain(|(h, _)| *h != hash);
            self.duplicates += (before - self.misplaced.len()) as u64;
            self.used_of_key = Some((hash, idx, self.current.line));
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
