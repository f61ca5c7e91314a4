//! Integrity check of every ledger file, and the checkpoint that proves a log still extends.

use std::cmp::Reverse;
use std::collections::hash_map::Entry;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::envelope::{Envelope, EnvelopeProblem, Member, parse_hash, parse_line, scan_record};
use super::seal::{BACKDATE_GRACE_SECS, ReadSeal, SealProblem, prefix_hashes};
use super::{
    GENESIS_PREV, LedgerError, RECOVERY_TYPE, SETTLE_TRIES, SETTLE_WAIT, file_name_string,
    is_safe_name, kiosk_of_file, ledger_files, sha256, ts_serde, wait_for_writers,
};

/// Large reads keep verification bound by SHA-256 rather than by system calls.
const READ_BUFFER: usize = 1 << 20;

/// The outcome of [`verify`]. Intact only when `findings` is empty; `recovered` torn tails and
/// `duplicates` (identical copies of a record in another file) are facts, not damage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub files: Vec<FileSummary>,
    pub findings: Vec<Finding>,
    pub recovered: Vec<Recovered>,
    pub duplicates: u64,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }

    /// Complete lines in all files.
    pub fn records(&self) -> u64 {
        self.files.iter().map(|f| f.records).sum()
    }

    /// The checkpoint of this state: per file, the last seq and the SHA-256 of the last line.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            entries: self
                .files
                .iter()
                .map(|f| CheckpointEntry {
                    file: f.file.clone(),
                    seq: f.last_seq,
                    sha256: f.head_sha256.clone(),
                })
                .collect(),
        }
    }
}

/// One ledger file as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    /// File name within the ledger folder.
    pub file: String,
    /// Complete (`\n`-terminated) lines, valid or not.
    pub records: u64,
    #[serde(with = "ts_serde")]
    pub first_at: Option<Timestamp>,
    #[serde(with = "ts_serde")]
    pub last_at: Option<Timestamp>,
    /// The `seq` of the last record (0 for an empty file).
    pub last_seq: u64,
    /// Up to where the latest valid seal covers the file, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealMark>,
    /// SHA-256 of the last complete line without its `\n` (64 zeros for an empty file).
    pub head_sha256: String,
    pub bytes: u64,
}

/// How far a seal covers a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealMark {
    pub seq: u64,
    pub at: String,
    pub seal: String,
}

/// A problem at a place: `line` is 1-based, `offset` the byte offset of that line's start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub file: String,
    pub line: Option<u64>,
    pub offset: Option<u64>,
    #[serde(flatten)]
    pub kind: FindingKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// `prev` of this line is not the SHA-256 of the line before it.
    ChainBreak {
        expected: String,
        found: String,
    },
    /// `seq` of this line is not one more than the previous line's.
    SeqGap {
        expected: u64,
        found: u64,
    },
    /// Not one JSON object in UTF-8.
    Unparseable,
    /// Valid JSON whose envelope breaks the contract at `key`.
    BadEnvelope {
        key: String,
        problem: EnvelopeProblem,
    },
    /// The file ends with a partial line (`bytes` long at `offset`) that no writer has recovered.
    TornTail {
        offset: u64,
        bytes: u64,
    },
    /// The record's `kiosk` is not the file's kiosk, and it is not a copy of a record of that
    /// kiosk's own file.
    KioskMismatch {
        expected: String,
        found: String,
    },
    /// The same id with different content elsewhere (`other_*` is where it was seen first).
    Conflict {
        id: String,
        other_file: String,
        other_line: u64,
    },
    /// A `recovery` record whose `offset` is not where the record itself starts.
    RecoveryMismatch {
        claimed_offset: Option<u64>,
        actual_offset: u64,
    },
    /// The file does not extend the checkpoint: the line with the checkpoint's `seq` has another
    /// hash (`found_sha256`, `line` points at it), or the file ends before it (`found_sha256`
    /// is None, `last_seq` says where).
    CheckpointNotExtended {
        seq: u64,
        expected_sha256: String,
        found_sha256: Option<String>,
        last_seq: u64,
    },
    /// A file named in the checkpoint is gone.
    CheckpointFileMissing {
        seq: u64,
        sha256: String,
    },
    /// The file could not be read (`error_kind` is the `io::ErrorKind` name).
    Unreadable {
        error_kind: String,
    },
    /// A key appears twice in one object of the record: readers could take either value.
    RepeatedKey {
        key: String,
    },
    /// Something in the ledger folder named like a ledger file that is not one: a symlink, a
    /// directory, a FIFO or other special file, or a name ending in another case (`.JSONL`).
    NotALedgerFile {
        what: String,
    },
    /// A torn tail was recorded as saved aside, but the saved piece is gone or differs.
    TornPieceMissing {
        saved_as: String,
    },
    /// A seal (`file` names it) could not be read, or has no signature beside it.
    SealUnreadable,
    SealSignatureMissing,
    /// The signature does not verify, or the seal names another signer.
    SealSignatureInvalid,
    /// Signed by a key not in the trusted signers.
    SealUntrustedSigner {
        signer: String,
    },
    /// Seals exist but no trusted signers were given (`$DATA/seal-signers` or `--signers`).
    SealNoSigners,
    /// `previous` is not the SHA-256 of the seal before (a seal removed, added or changed).
    SealChainBreak,
    /// A file the seal lists is gone.
    SealedFileMissing {
        seal: String,
        seq: u64,
    },
    /// The file no longer begins with the bytes sealed (cut, emptied, or rewritten).
    SealedFileChanged {
        seal: String,
        seq: u64,
        bytes: u64,
    },
    /// A record appended after the latest seal, yet dated before it.
    Backdated {
        #[serde(with = "ts_serde")]
        at: Option<Timestamp>,
        seal: String,
    },
}

/// A torn tail that a writer saved aside and recorded (a crash mid-write, handled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovered {
    pub file: String,
    /// The line of the `recovery` record.
    pub line: u64,
    pub offset: u64,
    pub bytes: u64,
    pub sha256: String,
    pub saved_as: String,
    /// The saved file is beside the ledger and its SHA-256 matches.
    pub saved_found: bool,
}

/// Per file, the `seq` and SHA-256 of a line the log must still contain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkpoint {
    pub entries: Vec<CheckpointEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointEntry {
    pub file: String,
    pub seq: u64,
    pub sha256: String,
}

/// Where and why a checkpoint text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointError {
    /// 1-based line of the text (0 for JSON input).
    pub line: u64,
    pub kind: CheckpointErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointErrorKind {
    /// A line does not have the three fields `<file> <seq> <sha256>`.
    MissingField,
    BadSeq,
    BadSha256,
    /// The same file twice.
    DuplicateFile,
    /// JSON that is not a verify report.
    BadJson,
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "checkpoint line {}: {:?}", self.line, self.kind)
    }
}

impl std::error::Error for CheckpointError {}

impl Checkpoint {
    /// Reads either the text form (one `<file> <seq> <sha256>` per line, `#` comments and blank
    /// lines ignored; the file name may contain spaces, the last two fields are split off the
    /// end) or the JSON of a [`VerifyReport`].
    ///
    /// An auditor can write an entry without tebiki:
    /// `echo "k1.jsonl $(tail -n1 k1.jsonl | jq .seq) $(tail -n1 k1.jsonl | tr -d '\n' | sha256sum | cut -c1-64)"`.
    ///
    /// The whole text output of `tebiki verify` (in any language) is a checkpoint too: when the
    /// text starts with a line that is not indented and its indented lines are entries, those
    /// entries are read and the rest (headings, counts, findings) is skipped.
    pub fn parse(text: &str) -> Result<Checkpoint, CheckpointError> {
        if text.trim_start().starts_with('{') {
            return Checkpoint::parse_report_json(text);
        }
        Checkpoint::parse_lines(text).or_else(|e| Checkpoint::parse_verify_output(text).ok_or(e))
    }

    /// The indented checkpoint lines of `tebiki verify`'s text output, if `text` is one.
    fn parse_verify_output(text: &str) -> Option<Checkpoint> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next()?;
        if first.starts_with(char::is_whitespace) {
            return None;
        }
        let indented: String = lines
            .filter(|l| l.starts_with(char::is_whitespace))
            .filter(|l| Checkpoint::parse_lines(l).is_ok())
            .map(|l| format!("{}\n", l.trim()))
            .collect();
        let checkpoint = Checkpoint::parse_lines(&indented).ok()?;
        (!checkpoint.entries.is_empty()).then_some(checkpoint)
    }

    /// The text form, strictly: every line an entry, a comment or blank.
    fn parse_lines(text: &str) -> Result<Checkpoint, CheckpointError> {
        let mut checkpoint = Checkpoint::default();
        for (i, raw) in text.lines().enumerate() {
            let line = (i + 1) as u64;
            let err = |kind| CheckpointError { line, kind };
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let (rest, sha) = raw
                .rsplit_once(char::is_whitespace)
                .ok_or(err(CheckpointErrorKind::MissingField))?;
            let (file, seq) = rest
                .trim_end()
                .rsplit_once(char::is_whitespace)
                .ok_or(err(CheckpointErrorKind::MissingField))?;
            let file = file.trim();
            if file.is_empty() {
                return Err(err(CheckpointErrorKind::MissingField));
            }
            let seq: u64 = seq.parse().map_err(|_| err(CheckpointErrorKind::BadSeq))?;
            let sha = sha.to_ascii_lowercase();
            if parse_hash(&sha).is_none() {
                return Err(err(CheckpointErrorKind::BadSha256));
            }
            checkpoint
                .push(CheckpointEntry {
                    file: file.to_owned(),
                    seq,
                    sha256: sha,
                })
                .map_err(|_| err(CheckpointErrorKind::DuplicateFile))?;
        }
        Ok(checkpoint)
    }

    fn parse_report_json(text: &str) -> Result<Checkpoint, CheckpointError> {
        #[derive(Deserialize)]
        struct Report {
            files: Vec<FileEntry>,
        }
        #[derive(Deserialize)]
        struct FileEntry {
            file: String,
            last_seq: u64,
            head_sha256: String,
        }
        let err = |kind| CheckpointError { line: 0, kind };
        let report: Report =
            serde_json::from_str(text).map_err(|_| err(CheckpointErrorKind::BadJson))?;
        let mut checkpoint = Checkpoint::default();
        for f in report.files {
            let sha = f.head_sha256.to_ascii_lowercase();
            if parse_hash(&sha).is_none() {
                return Err(err(CheckpointErrorKind::BadSha256));
            }
            checkpoint
                .push(CheckpointEntry {
                    file: f.file,
                    seq: f.last_seq,
                    sha256: sha,
                })
                .map_err(|_| err(CheckpointErrorKind::DuplicateFile))?;
        }
        Ok(checkpoint)
    }

    fn push(&mut self, entry: CheckpointEntry) -> Result<(), ()> {
        if self.get(&entry.file).is_some() {
            return Err(());
        }
        self.entries.push(entry);
        Ok(())
    }

    pub fn get(&self, file: &str) -> Option<&CheckpointEntry> {
        self.entries.iter().find(|e| e.file == file)
    }

    /// The text form read by [`Checkpoint::parse`].
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            out.push_str(&format!("{} {} {}\n", e.file, e.seq, e.sha256));
        }
        out
    }
}

/// Where an id was first seen, kept only for ids that occur more than once (see [`repeated_ids`]):
/// an intact ledger has none, so the duplicate check costs 16 bytes an id.
struct Seen {
    /// First half of the line's SHA-256: equal content means equal halves, and 128 bits leave
    /// no room for accidental matches.
    hash: [u8; 16],
    file: u32,
    line: u64,
    /// The record sits in the file of its own kiosk.
    home: bool,
}

/// A record whose kiosk is not its file's; it is damage unless it turns out to be an identical
/// copy of a record in that kiosk's own file, which is only known once every file is read.
struct Misplaced {
    file: u32,
    line: u64,
    offset: u64,
    id: Option<Uuid>,
    hash: [u8; 16],
    kiosk: String,
}

/// The latest valid seal's time and name, and per file the bytes and last seq it covers.
type Basis = (Timestamp, String, HashMap<String, (u64, u64)>);

/// Where a finding goes among the findings of the same line, so that the order is the same as
/// one pass over the files in order would give (the files are read in parallel, and an id's
/// repeats are looked at after all files).
const PHASE_LINE: u8 = 0;
const PHASE_CONFLICT: u8 = 1;
const PHASE_AFTER_ID: u8 = 2;
const PHASE_FILE: u8 = 3;
const PHASE_ALL_FILES: u8 = 4;

/// What every file's check reads and nothing writes.
struct Shared<'c> {
    dir: &'c Path,
    checkpoint: Option<&'c Checkpoint>,
    /// The latest valid seal: its time and name, and per file the bytes it covers.
    basis: Option<Basis>,
    names: Vec<String>,
}

/// What the check of one file found.
struct FileOut {
    summary: FileSummary,
    findings: Vec<(Finding, u8)>,
    recovered: Vec<Recovered>,
    /// Every id read, sorted (each as its 128 bits).
    ids: Vec<u128>,
    misplaced: Vec<Misplaced>,
}

/// Verifies every ledger file in `dir` (a missing folder has no files) against the format
/// contract and, when given, a checkpoint. Fails only when the folder cannot be listed; an
/// unreadable file is a finding.
pub fn verify(dir: &Path, checkpoint: Option<&Checkpoint>) -> Result<VerifyReport, LedgerError> {
    verify_sealed(dir, checkpoint, &[])
}

/// [`verify`], also checking `seals` (read by [`super::seal::read_seals`]): each signature and
/// the chain of seals; that every sealed file is there, a regular file, and still begins with
/// the bytes sealed; and that nothing appended after the latest seal is dated before it. Files
/// the latest seal does not cover have no `sealed` mark.
///
/// One pass over the bytes: each line is hashed once (the chain) and its envelope read by the
/// writer-form scanner (the general parser only for other lines). Files are checked on as many
/// threads as there are cores (at most one a file) and the results put together in file order,
/// so the report is the same on any machine. Memory: a read buffer a thread, and 16 bytes an
/// id for the check that ids are unique; only ids found more than once are looked at again,
/// in a second pass that reads just them.
pub fn verify_sealed(
    dir: &Path,
    checkpoint: Option<&Checkpoint>,
    seals: &[ReadSeal],
) -> Result<VerifyReport, LedgerError> {
    let files = match ledger_files(dir) {
        Ok(files) => files,
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(e) => return Err(e),
    };
    let mut findings: Vec<(Finding, u8)> = Vec::new();
    odd_entries(dir, &mut findings);
    let basis = check_seals(dir, seals, &mut findings);
    let shared = Shared {
        dir,
        checkpoint,
        basis,
        names: files.iter().map(|p| file_name_string(p)).collect(),
    };
    let mut report = VerifyReport {
        files: Vec::with_capacity(files.len()),
        findings: Vec::new(),
        recovered: Vec::new(),
        duplicates: 0,
    };
    let mut ids = Vec::with_capacity(files.len());
    let mut misplaced = Vec::new();
    for out in check_files(&shared, &files) {
        report.files.push(out.summary);
        findings.extend(out.findings);
        report.recovered.extend(out.recovered);
        ids.push(out.ids);
        misplaced.extend(out.misplaced);
    }
    let repeated = repeated_ids(&ids);
    drop(ids);
    let lines: Vec<u64> = report.files.iter().map(|f| f.records).collect();
    let seen = if repeated.is_empty() {
        HashMap::new()
    } else {
        see_repeated(
            &shared,
            &files,
            &lines,
            &repeated,
            &mut findings,
            &mut report,
        )
    };
    resolve_misplaced(&shared, misplaced, &seen, &mut findings);
    if let Some(cp) = checkpoint {
        for entry in &cp.entries {
            if !shared.names.contains(&entry.file) {
                let kind = FindingKind::CheckpointFileMissing {
                    seq: entry.seq,
                    sha256: entry.sha256.clone(),
                };
                findings.push((finding_at(&entry.file, None, None, kind), PHASE_ALL_FILES));
            }
        }
    }
    // Stable: within a line, findings keep the order they were found in.
    let order: HashMap<&str, usize> = shared
        .names
        .iter()
        .enumerate()
        .map(|(i, n)| (n.as_str(), i))
        .collect();
    findings.sort_by_key(|(f, phase)| {
        (
            order.get(f.file.as_str()).copied().unwrap_or(usize::MAX),
            f.line.unwrap_or(u64::MAX),
            *phase,
        )
    });
    report.findings = findings.into_iter().map(|(f, _)| f).collect();
    Ok(report)
}

fn finding_at(file: &str, line: Option<u64>, offset: Option<u64>, kind: FindingKind) -> Finding {
    Finding {
        file: file.to_owned(),
        line,
        offset,
        kind,
    }
}

/// Checks every file, on up to as many threads as there are cores, largest files first; the
/// results in file order.
fn check_files(shared: &Shared<'_>, files: &[std::path::PathBuf]) -> Vec<FileOut> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files.len());
    if threads <= 1 {
        return files
            .iter()
            .enumerate()
            .map(|(idx, path)| check_file(shared, path, idx as u32))
            .collect();
    }
    let mut todo: Vec<usize> = (0..files.len()).collect();
    let sizes: Vec<u64> = files
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    todo.sort_by_key(|&i| std::cmp::Reverse(sizes[i]));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut outs: Vec<Option<FileOut>> = (0..files.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&idx) = todo.get(k) else {
                            return done;
                        };
                        done.push((idx, check_file(shared, &files[idx], idx as u32)));
                    }
                })
            })
            .collect();
        for worker in workers {
            match worker.join() {
                Ok(done) => {
                    for (idx, out) in done {
                        outs[idx] = Some(out);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    outs.into_iter().flatten().collect()
}

/// The ids found more than once, over every file's sorted ids, in order.
fn repeated_ids(lists: &[Vec<u128>]) -> Vec<u128> {
    let mut heap: BinaryHeap<Reverse<(u128, usize, usize)>> = lists
        .iter()
        .enumerate()
        .filter_map(|(i, l)| l.first().map(|&id| Reverse((id, i, 0))))
        .collect();
    let mut repeated = Vec::new();
    let mut last: Option<u128> = None;
    while let Some(Reverse((id, list, at))) = heap.pop() {
        if last == Some(id) {
            if repeated.last() != Some(&id) {
                repeated.push(id);
            }
        } else {
            last = Some(id);
        }
        if let Some(&next) = lists[list].get(at + 1) {
            heap.push(Reverse((next, list, at + 1)));
        }
    }
    repeated
}

/// The envelope of a line: by the writer-form scanner when the line has that form, else by the
/// general parser (which judges every other line); `None` when it is not one JSON object in
/// UTF-8.
fn read_envelope<'a>(line: &'a [u8], members: &mut Vec<Member>) -> Option<Envelope<'a>> {
    if let Some(scanned) = scan_record(line, members)
        && scanned.end == line.len()
    {
        return Some(scanned.env);
    }
    std::str::from_utf8(line).ok()?;
    parse_line(line).ok()
}

/// Calls `each` with every complete line of `file` (without its `\n`) and its offset, up to
/// `limit` lines; reads in large blocks, so it is bound by the hashing and parsing of the
/// lines, not by system calls. A last line without `\n` is waited for (a writer may be
/// mid-append) and then given to `torn` as its offset and length.
fn each_line(
    file: &File,
    limit: Option<u64>,
    mut each: impl FnMut(&[u8], u64),
    mut torn: impl FnMut(u64, u64),
) -> io::Result<()> {
    let mut file = file;
    let mut buf = vec![0u8; READ_BUFFER];
    let (mut start, mut filled) = (0usize, 0usize);
    let mut offset = 0u64;
    let mut lines = 0u64;
    let mut settles = 0;
    // Bytes read since the last wait for a writer.
    let mut fresh = 0;
    loop {
        while let Some(nl) = memchr::memchr(b'\n', &buf[start..filled]) {
            if limit.is_some_and(|l| lines >= l) {
                return Ok(());
            }
            each(&buf[start..start + nl], offset);
            lines += 1;
            offset += nl as u64 + 1;
            start += nl + 1;
            settles = 0;
            fresh = 0;
        }
        if limit.is_some_and(|l| lines >= l) {
            return Ok(());
        }
        if start > 0 {
            buf.copy_within(start..filled, 0);
            filled -= start;
            start = 0;
        }
        if filled == buf.len() {
            // A line longer than the buffer.
            buf.resize(buf.len() * 2, 0);
        }
        let n = match file.read(&mut buf[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += n;
        fresh += n;
        if n > 0 {
            continue;
        }
        if filled == 0 {
            return Ok(());
        }
        // A writer may be mid-append: once it is done, the line may be whole.
        if settles == 0 || (fresh > 0 && settles < SETTLE_TRIES) {
            settles += 1;
            fresh = 0;
            wait_for_writers(file, SETTLE_WAIT);
            continue;
        }
        torn(offset, filled as u64);
        return Ok(());
    }
}

/// Per-file progress of the line checks.
struct FileCheck<'a> {
    shared: &'a Shared<'a>,
    idx: u32,
    name: &'a str,
    kiosk: Option<&'a str>,
    line: u64,
    offset: u64,
    prev_hash: [u8; 32],
    next_seq: u64,
    last_seq: u64,
    first_at: Option<Timestamp>,
    last_at: Option<Timestamp>,
    checkpoint: Option<&'a CheckpointEntry>,
    checkpoint_hash: Option<[u8; 32]>,
    checkpoint_met: bool,
    /// The first line carrying the checkpoint's seq, else the line at that position: where to
    /// point when the checkpoint is not met.
    checkpoint_line: Option<(u64, u64, [u8; 32])>,
    checkpoint_position: Option<(u64, u64, [u8; 32])>,
    /// After `recovery` records: the offset they name and where the last one ends. Pieces saved
    /// at one offset are recorded back to back, each naming that offset.
    recovery_run: Option<(u64, u64)>,
    members: Vec<Member>,
    findings: Vec<(Finding, u8)>,
    recovered: Vec<Recovered>,
    ids: Vec<u128>,
    misplaced: Vec<Misplaced>,
}

fn check_file(shared: &Shared<'_>, path: &Path, idx: u32) -> FileOut {
    let name = shared.names[idx as usize].as_str();
    let checkpoint = shared.checkpoint.and_then(|cp| cp.get(name));
    let checkpoint_hash = checkpoint.and_then(|e| parse_hash(&e.sha256));
    let mut fc = FileCheck {
        shared,
        idx,
        name,
        kiosk: kiosk_of_file(path),
        line: 0,
        offset: 0,
        prev_hash: [0; 32],
        next_seq: 1,
        last_seq: 0,
        first_at: None,
        last_at: None,
        checkpoint,
        checkpoint_hash,
        checkpoint_met: checkpoint.is_some_and(|e| e.seq == 0 && e.sha256 == GENESIS_PREV),
        checkpoint_line: None,
        checkpoint_position: None,
        recovery_run: None,
        members: Vec::new(),
        findings: Vec::new(),
        recovered: Vec::new(),
        ids: Vec::new(),
        misplaced: Vec::new(),
    };
    let mut torn = None;
    let read = File::open(path).and_then(|file| {
        each_line(
            &file,
            None,
            |line, _| fc.check_line(line),
            |offset, bytes| torn = Some((offset, bytes)),
        )
    });
    if let Some((offset, bytes)) = torn {
        fc.finding(
            Some(fc.line + 1),
            Some(offset),
            FindingKind::TornTail { offset, bytes },
            PHASE_FILE,
        );
    }
    if let Err(e) = read {
        fc.finding(
            None,
            None,
            FindingKind::Unreadable {
                error_kind: format!("{:?}", e.kind()),
            },
            PHASE_FILE,
        );
    }
    if let (Some(entry), false) = (fc.checkpoint, fc.checkpoint_met) {
        let (line, offset, found) = match fc.checkpoint_line.or(fc.checkpoint_position) {
            Some((line, offset, hash)) => (Some(line), Some(offset), Some(hex::encode(hash))),
            None => (None, None, None),
        };
        fc.finding(
            line,
            offset,
            FindingKind::CheckpointNotExtended {
                seq: entry.seq,
                expected_sha256: entry.sha256.clone(),
                found_sha256: found,
                last_seq: fc.last_seq,
            },
            PHASE_FILE,
        );
    }
    let bytes = std::fs::metadata(path)
        .map(|m| m.len())
        .unwrap_or(fc.offset);
    let sealed = shared.basis.as_ref().and_then(|(at, seal, files)| {
        files.get(name).map(|&(_, seq)| SealMark {
            seq,
            at: at.to_string(),
            seal: seal.clone(),
        })
    });
    fc.ids.sort_unstable();
    FileOut {
        summary: FileSummary {
            file: name.to_owned(),
            records: fc.line,
            first_at: fc.first_at,
            last_at: fc.last_at,
            last_seq: fc.last_seq,
            sealed,
            head_sha256: hex::encode(fc.prev_hash),
            bytes,
        },
        findings: fc.findings,
        recovered: fc.recovered,
        ids: fc.ids,
        misplaced: fc.misplaced,
    }
}

impl FileCheck<'_> {
    fn check_line(&mut self, line: &[u8]) {
        self.line += 1;
        let start = self.offset;
        self.offset += line.len() as u64 + 1;
        let hash = sha256(line);
        let here = (Some(self.line), Some(start));
        let mut members = std::mem::take(&mut self.members);
        match read_envelope(line, &mut members) {
            None => {
                self.finding(here.0, here.1, FindingKind::Unparseable, PHASE_LINE);
                // Assume the broken line held the next seq, so one bad line is one finding.
                self.next_seq += 1;
            }
            Some(env) => self.check_envelope(line, env, hash, start),
        }
        self.members = members;
        if self.checkpoint.is_some_and(|e| e.seq == self.line) {
            self.checkpoint_position = Some((self.line, start, hash));
        }
        self.prev_hash = hash;
    }

    fn check_envelope(&mut self, line: &[u8], env: Envelope<'_>, hash: [u8; 32], start: u64) {
        let here = (Some(self.line), Some(start));
        if let Some((key, problem)) = env.problem {
            let kind = FindingKind::BadEnvelope {
                key: key.to_owned(),
                problem,
            };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        if let Some(key) = &env.repeated {
            let kind = FindingKind::RepeatedKey { key: key.clone() };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        if let Some(prev) = env.prev.filter(|p| *p != self.prev_hash) {
            let kind = FindingKind::ChainBreak {
                expected: hex::encode(self.prev_hash),
                found: hex::encode(prev),
            };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        match env.seq {
            Some(seq) => {
                if seq != self.next_seq {
                    let kind = FindingKind::SeqGap {
                        expected: self.next_seq,
                        found: seq,
                    };
                    self.finding(here.0, here.1, kind, PHASE_LINE);
                }
                // Resynchronise so a gap is reported once, not on every later line.
                self.next_seq = seq.saturating_add(1);
                self.last_seq = seq;
            }
            None => self.next_seq += 1,
        }
        if let Some(at) = env.at {
            self.backdated(at, start);
            self.first_at = Some(self.first_at.map_or(at, |t| t.min(at)));
            self.last_at = Some(self.last_at.map_or(at, |t| t.max(at)));
        }
        let mut short = [0u8; 16];
        short.copy_from_slice(&hash[..16]);
        let home = match (&env.kiosk, self.kiosk) {
            (Some(k), Some(own)) => k == own,
            _ => true,
        };
        if let Some(id) = env.id {
            self.ids.push(id.as_u128());
        }
        if !home && let Some(k) = &env.kiosk {
            self.misplaced.push(Misplaced {
                file: self.idx,
                line: self.line,
                offset: start,
                id: env.id,
                hash: short,
                kiosk: k.to_string(),
            });
        }
        if env.record_type.as_deref() == Some(RECOVERY_TYPE) {
            let offset = self.recovered(line, start);
            self.recovery_run = Some((offset, start + line.len() as u64 + 1));
        } else {
            self.recovery_run = None;
        }
        if let (Some(entry), Some(seq)) = (self.checkpoint, env.seq)
            && seq == entry.seq
        {
            if Some(hash) == self.checkpoint_hash {
                self.checkpoint_met = true;
            } else if self.checkpoint_line.is_none() {
                self.checkpoint_line = Some((self.line, start, hash));
            }
        }
    }

    /// Lists a recovery record and checks where it says the torn bytes were; returns that offset.
    fn recovered(&mut self, line: &[u8], start: u64) -> u64 {
        let value: serde_json::Value = serde_json::from_slice(line).unwrap_or_default();
        let field_u64 = |k: &str| value.get(k).and_then(|v| v.as_u64());
        let field_str = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let offset = field_u64("offset");
        // Right after other recovery records naming the same offset is where it belongs too.
        let continues_run = matches!(
            (self.recovery_run, offset),
            (Some((named, end)), Some(o)) if o == named && end == start
        );
        if offset != Some(start) && !continues_run {
            let kind = FindingKind::RecoveryMismatch {
                claimed_offset: offset,
                actual_offset: start,
            };
            self.finding(Some(self.line), Some(start), kind, PHASE_AFTER_ID);
        }
        let saved_as = field_str("saved_as").to_owned();
        let sha = field_str("sha256").to_owned();
        let bytes = field_u64("bytes").unwrap_or(0);
        // Only a plain name beside the ledger: the record must not point the check elsewhere.
        let saved_found = is_safe_name(&saved_as)
            && std::fs::read(self.shared.dir.join(&saved_as))
                .is_ok_and(|data| data.len() as u64 == bytes && hex::encode(sha256(&data)) == sha);
        if !saved_found {
            let kind = FindingKind::TornPieceMissing {
                saved_as: saved_as.clone(),
            };
            self.finding(Some(self.line), Some(start), kind, PHASE_AFTER_ID);
        }
        self.recovered.push(Recovered {
            file: self.name.to_owned(),
            line: self.line,
            offset: offset.unwrap_or(start),
            bytes,
            sha256: sha,
            saved_as,
            saved_found,
        });
        offset.unwrap_or(start)
    }

    /// A record past what the latest seal covers of its file, dated before that seal.
    fn backdated(&mut self, at: Timestamp, start: u64) {
        let Some((seal_at, seal, files)) = &self.shared.basis else {
            return;
        };
        let covered = files.get(self.name).map_or(0, |&(bytes, _)| bytes);
        let grace = jiff::SignedDuration::from_secs(BACKDATE_GRACE_SECS);
        if start >= covered && seal_at.checked_sub(grace).is_ok_and(|limit| at < limit) {
            let kind = FindingKind::Backdated {
                at: Some(at),
                seal: seal.clone(),
            };
            self.finding(Some(self.line), Some(start), kind, PHASE_LINE);
        }
    }

    fn finding(&mut self, line: Option<u64>, offset: Option<u64>, kind: FindingKind, phase: u8) {
        self.findings
            .push((finding_at(self.name, line, offset, kind), phase));
    }
}

/// The second look at ids found more than once: every line carrying one of `repeated`, in file
/// order up to the lines the first pass read, tells an identical copy (counted as a duplicate)
/// from a conflict (a finding). Returns where each repeated id was first seen (its original,
/// when a copy came first).
fn see_repeated(
    shared: &Shared<'_>,
    files: &[std::path::PathBuf],
    lines: &[u64],
    repeated: &[u128],
    findings: &mut Vec<(Finding, u8)>,
    report: &mut VerifyReport,
) -> HashMap<u128, Seen> {
    let mut seen: HashMap<u128, Seen> = HashMap::with_capacity(repeated.len());
    let mut members = Vec::new();
    for (idx, path) in files.iter().enumerate() {
        let Ok(file) = File::open(path) else {
            continue;
        };
        let name = shared.names[idx].as_str();
        let own = kiosk_of_file(path);
        let mut line_no = 0u64;
        let _ = each_line(
            &file,
            Some(lines[idx]),
            |line, start| {
                line_no += 1;
                let Some(env) = read_envelope(line, &mut members) else {
                    return;
                };
                let Some(id) = env.id.map(|id| id.as_u128()) else {
                    return;
                };
                if repeated.binary_search(&id).is_err() {
                    return;
                }
                let mut hash = [0u8; 16];
                hash.copy_from_slice(&sha256(line)[..16]);
                let home = match (&env.kiosk, own) {
                    (Some(k), Some(own)) => k == own,
                    _ => true,
                };
                let here = Seen {
                    hash,
                    file: idx as u32,
                    line: line_no,
                    home,
                };
                match seen.entry(id) {
                    Entry::Vacant(v) => {
                        v.insert(here);
                    }
                    Entry::Occupied(mut o) => {
                        let first = o.get_mut();
                        if first.hash == hash {
                            report.duplicates += 1;
                            if home && !first.home {
                                // Point at the original so copies elsewhere resolve against it.
                                *first = here;
                            }
                        } else {
                            let kind = FindingKind::Conflict {
                                id: Uuid::from_u128(id).hyphenated().to_string(),
                                other_file: shared.names[first.file as usize].clone(),
                                other_line: first.line,
                            };
                            findings.push((
                                finding_at(name, Some(line_no), Some(start), kind),
                                PHASE_CONFLICT,
                            ));
                        }
                    }
                }
            },
            |_, _| {},
        );
    }
    seen
}

/// Records in another kiosk's file are fine only as identical copies of the original.
fn resolve_misplaced(
    shared: &Shared<'_>,
    misplaced: Vec<Misplaced>,
    seen: &HashMap<u128, Seen>,
    findings: &mut Vec<(Finding, u8)>,
) {
    for m in misplaced {
        let copy =
            m.id.and_then(|id| seen.get(&id.as_u128()))
                .is_some_and(|s| s.home && s.hash == m.hash);
        if copy {
            continue;
        }
        let file = &shared.names[m.file as usize];
        let expected = kiosk_of_file(Path::new(file)).unwrap_or("").to_owned();
        let kind = FindingKind::KioskMismatch {
            expected,
            found: m.kiosk,
        };
        findings.push((
            finding_at(file, Some(m.line), Some(m.offset), kind),
            PHASE_ALL_FILES,
        ));
    }
}

/// Entries of the ledger folder named like ledger files that are not regular `*.jsonl`.
fn odd_entries(dir: &Path, findings: &mut Vec<(Finding, u8)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut odd = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.to_ascii_lowercase().ends_with(".jsonl") {
            continue;
        }
        let what = match std::fs::symlink_metadata(entry.path()) {
            Ok(m) if m.file_type().is_symlink() => "symlink",
            Ok(m) if m.is_dir() => "directory",
            Ok(m) if !m.is_file() => "special",
            Ok(_) if !name.ends_with(".jsonl") => "name",
            Ok(_) => continue,
            Err(_) => "unreadable",
        };
        odd.push((name, what));
    }
    odd.sort();
    for (name, what) in odd {
        let kind = FindingKind::NotALedgerFile {
            what: what.to_owned(),
        };
        findings.push((finding_at(&name, None, None, kind), PHASE_LINE));
    }
}

/// The seals' own checks, and whether the ledger files still begin as sealed; the latest valid
/// seal's basis for the backdating check.
fn check_seals(dir: &Path, seals: &[ReadSeal], findings: &mut Vec<(Finding, u8)>) -> Option<Basis> {
    let mut push = |file: &str, kind: FindingKind| {
        findings.push((finding_at(file, None, None, kind), PHASE_LINE));
    };
    let mut previous = GENESIS_PREV.to_owned();
    let mut valid: Vec<&ReadSeal> = Vec::new();
    for s in seals {
        let kind = match &s.problem {
            Some(SealProblem::Unreadable) => Some(FindingKind::SealUnreadable),
            Some(SealProblem::SignatureMissing) => Some(FindingKind::SealSignatureMissing),
            Some(SealProblem::SignatureInvalid) => Some(FindingKind::SealSignatureInvalid),
            Some(SealProblem::UntrustedSigner(signer)) => Some(FindingKind::SealUntrustedSigner {
                signer: signer.clone(),
            }),
            Some(SealProblem::NoSigners) => Some(FindingKind::SealNoSigners),
            None => None,
        };
        let chained = s
            .seal
            .as_ref()
            .is_some_and(|seal| seal.previous == previous);
        previous = hex::encode(s.sha256);
        if let Some(kind) = kind {
            push(&s.name, kind);
            continue;
        }
        if !chained {
            push(&s.name, FindingKind::SealChainBreak);
        }
        valid.push(s);
    }
    // Every sealed prefix of every file, each file read once.
    let mut wanted: HashMap<&str, Vec<(u64, &str, u64, &ReadSeal)>> = HashMap::new();
    for s in &valid {
        for f in s.seal.iter().flat_map(|seal| &seal.files) {
            wanted.entry(f.name.as_str()).or_default().push((
                f.bytes,
                f.file_sha256.as_str(),
                f.seq,
                s,
            ));
        }
    }
    let mut names: Vec<&str> = wanted.keys().copied().collect();
    names.sort();
    for name in names {
        let list = &wanted[name];
        let path = dir.join(name);
        let meta = std::fs::symlink_metadata(&path);
        if meta.is_err() || !is_safe_name(name) {
            for (_, _, seq, s) in list {
                push(
                    name,
                    FindingKind::SealedFileMissing {
                        seal: s.name.clone(),
                        seq: *seq,
                    },
                );
            }
            continue;
        }
        if !meta.is_ok_and(|m| m.file_type().is_file()) {
            // Reported as not a ledger file.
            continue;
        }
        let offsets: Vec<u64> = list.iter().map(|(bytes, ..)| *bytes).collect();
        let hashes = prefix_hashes(&path, &offsets).unwrap_or_else(|_| vec![None; list.len()]);
        for ((bytes, sha, seq, s), found) in list.iter().zip(hashes) {
            if found.map(hex::encode).as_deref() != Some(*sha) {
                push(
                    name,
                    FindingKind::SealedFileChanged {
                        seal: s.name.clone(),
                        seq: *seq,
                        bytes: *bytes,
                    },
                );
            }
        }
    }
    let latest = valid.last()?;
    let (Some(at), Some(seal)) = (latest.at, &latest.seal) else {
        return None;
    };
    let files = seal
        .files
        .iter()
        .map(|f| (f.name.clone(), (f.bytes, f.seq)))
        .collect();
    Some((at, latest.name.clone(), files))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "3f2a000000000000000000000000000000000000000000000000000000000abc";

    #[test]
    fn repeated_ids_are_found_within_and_across_files_once_each() {
        let lists = vec![vec![1, 4, 4, 9], vec![], vec![2, 9, 9, 12], vec![4, 7]];
        assert_eq!(repeated_ids(&lists), vec![4, 9]);
        assert!(repeated_ids(&[vec![1, 2], vec![3]]).is_empty());
    }

    #[test]
    fn checkpoint_text_round_trip() {
        let text = format!(
            "# taken 2026-11-23\n\nk1.jsonl 10 {SHA}\nmy copy.jsonl  3  {}\n",
            SHA.to_uppercase()
        );
        let cp = Checkpoint::parse(&text).unwrap();
        assert_eq!(cp.entries.len(), 2);
        assert_eq!(cp.get("my copy.jsonl").unwrap().seq, 3);
        assert_eq!(cp.get("my copy.jsonl").unwrap().sha256, SHA);
        assert_eq!(Checkpoint::parse(&cp.to_text()).unwrap(), cp);
    }

    #[test]
    fn checkpoint_text_errors() {
        let cases = [
            (
                format!("k1.jsonl {SHA}"),
                1,
                CheckpointErrorKind::MissingField,
            ),
            (
                format!("\nk1.jsonl x {SHA}"),
                2,
                CheckpointErrorKind::BadSeq,
            ),
            (
                "k1.jsonl 1 abc".to_owned(),
                1,
                CheckpointErrorKind::BadSha256,
            ),
            (
                format!("k1.jsonl 1 {SHA}\nk1.jsonl 2 {SHA}"),
                2,
                CheckpointErrorKind::DuplicateFile,
            ),
        ];
        for (text, line, kind) in cases {
            assert_eq!(
                Checkpoint::parse(&text),
                Err(CheckpointError { line, kind }),
                "{text}"
            );
        }
    }

    #[test]
    fn checkpoint_from_report_json() {
        let report = VerifyReport {
            files: vec![FileSummary {
                file: "k1.jsonl".into(),
                records: 2,
                first_at: Some("2026-11-23T01:02:03.456Z".parse().unwrap()),
                last_at: None,
                last_seq: 2,
                head_sha256: SHA.into(),
                bytes: 10,
                sealed: None,
            }],
            findings: vec![Finding {
                file: "k1.jsonl".into(),
                line: Some(2),
                offset: Some(5),
                kind: FindingKind::SeqGap {
                    expected: 2,
                    found: 3,
                },
            }],
            recovered: vec![],
            duplicates: 0,
        };
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains(r#""kind":"seq_gap""#), "{json}");
        assert!(
            json.contains(r#""first_at":"2026-11-23T01:02:03.456Z""#),
            "{json}"
        );
        let back: VerifyReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
        let cp = Checkpoint::parse(&json).unwrap();
        assert_eq!(cp, report.checkpoint());
        assert_eq!(
            Checkpoint::parse("{\"files\": 3}").unwrap_err().kind,
            CheckpointErrorKind::BadJson
        );
    }
}
