//! The consent ledger: append-only, hash-chained JSON Lines files, one per kiosk (ledger-format.md).

pub(crate) mod about;
mod envelope;
pub mod fields;
pub mod person_index;
mod reader;
mod receipt;
pub mod seal;
mod signers;
pub mod stream;
mod verify;
mod writer;

use std::fmt;
use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use envelope::{EnvelopeProblem, Member};
pub use reader::{LineRecord, Merged, ReadIssue, Record, merged, merged_raw, merged_raw_unchecked};
pub use receipt::{
    CodeFound, CodeSearch, Doubt, Receipt, ReceiptCheck, check_receipt, find_code, fingerprint,
    parse_code, receipt_standing,
};
pub use verify::{
    Checkpoint, CheckpointEntry, CheckpointError, CheckpointErrorKind, FileSummary, Finding,
    FindingKind, Recovered, SealMark, VerifyReport, verify, verify_sealed,
};
pub use writer::{Appended, Checked, LedgerIo, StdIo, Writer};

/// The `schema` value of every record in this format version.
pub const SCHEMA: &str = "tebiki/1";

/// The `prev` of the first record of a file.
pub const GENESIS_PREV: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The envelope keys, in the order every record starts with.
pub const ENVELOPE_KEYS: [&str; 7] = ["schema", "seq", "prev", "id", "at", "kiosk", "type"];

/// The record type a writer appends after saving a torn tail aside.
pub const RECOVERY_TYPE: &str = "recovery";

const LEDGER_EXT: &str = ".jsonl";

/// `$DATA/ledger`.
pub fn ledger_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("ledger")
}

/// A kiosk id names a file, so it must be a safe file name on every platform.
pub fn validate_kiosk_id(kiosk: &str) -> Result<(), LedgerError> {
    if is_safe_name(kiosk) {
        Ok(())
    } else {
        Err(LedgerError::BadKioskId(kiosk.to_owned()))
    }
}

fn is_safe_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

/// The ledger files of a folder: every `*.jsonl` that is a regular file and not a dot-file,
/// sorted by name so that every report lists them in the same order.
pub fn ledger_files(dir: &Path) -> Result<Vec<PathBuf>, LedgerError> {
    let entries = fs::read_dir(dir).map_err(|e| LedgerError::io(dir, IoOp::ReadDir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| LedgerError::io(dir, IoOp::ReadDir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if name.starts_with('.') || !name.ends_with(LEDGER_EXT) || name.len() == LEDGER_EXT.len() {
            continue;
        }
        let path = entry.path();
        // Regular files only: a link is never read through (it could bring in another
        // kiosk's file, or anything); it is reported instead (see [`odd_ledger_entries`]).
        if fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_file()) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Entries of the ledger folder named like ledger files that are not regular `*.jsonl`
/// files, by name, with what they are: `symlink`, `directory`, `special` (a FIFO, a device),
/// `name` (another case, `.JSONL`) or `unreadable`. Never read; verify calls each a finding,
/// and the readers say each makes their answer incomplete.
pub fn odd_ledger_entries(dir: &Path) -> Vec<(String, &'static str)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut odd = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !name.to_ascii_lowercase().ends_with(LEDGER_EXT) {
            continue;
        }
        let what = match fs::symlink_metadata(entry.path()) {
            Ok(m) if m.file_type().is_symlink() => "symlink",
            Ok(m) if m.is_dir() => "directory",
            Ok(m) if !m.is_file() => "special",
            Ok(_) if !name.ends_with(LEDGER_EXT) => "name",
            Ok(_) => continue,
            Err(_) => "unreadable",
        };
        odd.push((name, what));
    }
    odd.sort();
    odd
}

/// Whether records about `id` (as employee, or as the person a champion supports) may be among
/// those a read could not use (`issues` of it): withheld by a break in the chain, or on a line
/// that could not be read at all and may name them (its bytes hold the id, or cannot be ruled
/// out). What is said of them may then be missing records.
pub fn withheld_about(issues: &[ReadIssue], id: &str) -> bool {
    let mut finder = None;
    issues.iter().any(|issue| match issue {
        ReadIssue::Withheld { people, .. } => people.iter().any(|p| crate::ids::same_id(p, id)),
        ReadIssue::Unparseable { file, offset, .. }
        | ReadIssue::BadEnvelope { file, offset, .. }
        | ReadIssue::RepeatedKey { file, offset, .. }
        | ReadIssue::TornTail { file, offset, .. } => {
            let finder = finder.get_or_insert_with(|| {
                about::IdFinder::new(std::iter::once(crate::record::identity::key(id).as_str()))
            });
            // A line that cannot be read back is not ruled out.
            line_at(file, *offset).is_none_or(|line| finder.may_hold(&line))
        }
        _ => false,
    })
}

/// When the chain of `kiosk`'s own file in `dir` is broken: the error that refuses a record
/// there ([`LedgerError::ChainBroken`], at the line where it breaks), since the readers would
/// withhold it with everything after the break. The file is read whole, as the kiosk reads
/// its own before it records: a lookup by the person index reads only the person's lines and
/// each file's last, so a change elsewhere in the file would go unseen (the terminal's own
/// file is, as a rule, a small one on an admin's machine).
pub fn own_file_broken(dir: &Path, kiosk: &str) -> Option<LedgerError> {
    let own = dir.join(format!("{kiosk}.jsonl"));
    let line = first_break(&own).ok().flatten()?;
    Some(LedgerError::ChainBroken { path: own, line })
}

/// The line of the file at `path` that starts at byte `offset` (without its `\n`; at most a
/// few MB of it); `None` when it cannot be read.
fn line_at(path: &Path, offset: u64) -> Option<Vec<u8>> {
    use std::io::{BufRead, Read, Seek};
    // Only a regular file is opened again (a FIFO put in its place would block), and never
    // through a link.
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return None;
    }
    let mut file = fs::File::open(path).ok()?;
    file.seek(io::SeekFrom::Start(offset)).ok()?;
    let mut line = Vec::new();
    io::BufReader::new(file.take(4 << 20))
        .read_until(b'\n', &mut line)
        .ok()?;
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    Some(line)
}

/// The kiosk id a ledger file belongs to: its name without `.jsonl`.
pub fn kiosk_of_file(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()?.strip_suffix(LEDGER_EXT)
}

pub(crate) fn file_name_string(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.to_string_lossy().into_owned(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The 1-based line of the ledger file at `path` where its hash chain breaks, as the readers
/// find it (a record whose `prev` is not the SHA-256 of the line before, or whose `seq` is not
/// one more; a line that is not a record with a sound envelope is skipped, as the readers skip
/// it, its hash still chained); `None` when the chain holds (a line still being written at the
/// end is the writer's to recover).
pub fn first_break(path: &Path) -> io::Result<Option<u64>> {
    use std::io::BufRead;
    // Only an ordinary file, never through a link: a link planted in its place (to
    // /dev/zero, say) or a named pipe would have this read forever. What is there instead is
    // the writer's to refuse, by name.
    let not_a_file = || io::Error::other("not a regular file");
    if !fs::symlink_metadata(path)?.is_file() {
        return Err(not_a_file());
    }
    let file = reader::open_no_follow(path)?;
    if !file.metadata()?.is_file() {
        return Err(not_a_file());
    }
    let mut reader = io::BufReader::with_capacity(1 << 20, file);
    let (mut line, mut members) = (Vec::new(), Vec::new());
    let (mut prev, mut seq, mut number) = ([0u8; 32], 1u64, 0u64);
    loop {
        line.clear();
        reader.read_until(b'\n', &mut line)?;
        if line.pop() != Some(b'\n') {
            return Ok(None);
        }
        number += 1;
        // As the reader reads it: the writer's form scanned, any other line parsed.
        let env = match envelope::scan_record(&line, &mut members) {
            Some(scanned) if scanned.end == line.len() => Some(scanned.env),
            _ => envelope::parse_line(&line).ok(),
        };
        let found = env
            .filter(|env| env.problem.is_none() && env.repeated.is_none())
            .and_then(|env| Some((env.seq?, env.prev?)));
        if found.is_some_and(|(s, p)| s != seq || p != prev) {
            return Ok(Some(number));
        }
        prev = sha256(&line);
        seq = seq.saturating_add(1);
    }
}

/// A file's size and status change time (seconds, nanoseconds): unlike the time of
/// modification, no one can set the change time back, so a file written to in any way since
/// has another stamp.
pub(crate) fn file_stamp(meta: &fs::Metadata) -> (u64, (i64, i64)) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.len(), (meta.ctime(), meta.ctime_nsec()))
    }
    #[cfg(not(unix))]
    {
        (meta.len(), (0, 0))
    }
}

pub(crate) fn sha256(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// How often, and how long each time, a reader that meets a partial last line waits for a writer
/// to finish before calling it a torn tail.
pub(crate) const SETTLE_TRIES: u32 = 3;
pub(crate) const SETTLE_WAIT: Duration = Duration::from_secs(2);

/// Waits, at most `wait`, until no writer holds `file`, and lets go at once: every append is one
/// write under the exclusive lock, so after this a line seen half-written is complete or torn.
/// Readers never hold the lock while reading, so they never hold up a kiosk.
pub(crate) fn wait_for_writers(file: &File, wait: Duration) {
    let start = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => {
                let _ = file.unlock();
                return;
            }
            Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                thread::sleep(Duration::from_millis(1));
            }
            Err(_) => return,
        }
    }
}

/// The file operation that failed, so the app can say what went wrong in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IoOp {
    CreateDir,
    Open,
    SetPermissions,
    Lock,
    Stat,
    Read,
    Write,
    Sync,
    Truncate,
    SaveTorn,
    ReadDir,
}

impl IoOp {
    fn as_str(self) -> &'static str {
        match self {
            IoOp::CreateDir => "create directory",
            IoOp::Open => "open",
            IoOp::SetPermissions => "set permissions",
            IoOp::Lock => "lock",
            IoOp::Stat => "stat",
            IoOp::Read => "read",
            IoOp::Write => "write",
            IoOp::Sync => "sync",
            IoOp::Truncate => "truncate",
            IoOp::SaveTorn => "save torn tail",
            IoOp::ReadDir => "read directory",
        }
    }
}

/// Everything that can stop a ledger operation. Any error from [`Writer::append`] means the record
/// was not saved and must not be acknowledged.
#[derive(Debug)]
pub enum LedgerError {
    Io {
        path: PathBuf,
        op: IoOp,
        source: io::Error,
    },
    /// Another process held the file lock for longer than the allowed wait.
    LockTimeout {
        path: PathBuf,
        waited: Duration,
    },
    /// Another process already runs as this kiosk.
    InstanceBusy {
        path: PathBuf,
    },
    BadKioskId(String),
    /// The record type is empty or not a safe name.
    BadRecordType(String),
    /// The body uses one of the envelope keys.
    ReservedKey {
        key: String,
    },
    /// The last complete line of the file is not a record, so the chain cannot be continued.
    CorruptTail {
        path: PathBuf,
        line: u64,
    },
    /// The hash chain of the terminal's own file breaks at `line` (see [`first_break`]):
    /// readers use nothing of that file from the line before on, so a record written after
    /// it would be saved and never used. Nothing is written.
    ChainBroken {
        path: PathBuf,
        line: u64,
    },
    /// The ledger path is a symbolic link, a folder, a named pipe or another special file:
    /// tebiki writes only to an ordinary file it opened itself.
    NotAFile {
        path: PathBuf,
        kind: NodeKind,
    },
    /// The last record has the largest `seq` there is: nothing can follow it in this file.
    SeqExhausted {
        path: PathBuf,
    },
    /// This machine's clock is more than a minute behind the newest seal's time: a record
    /// written now would be dated before a seal it follows (backdated), and readers would not
    /// use it. Nothing is written.
    ClockBehindSeal {
        seal: PathBuf,
        seal_at: jiff::Timestamp,
        now: jiff::Timestamp,
    },
}

/// What stands at a path where an ordinary file was expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Link,
    Dir,
    Fifo,
    Other,
}

impl NodeKind {
    pub fn of(file_type: fs::FileType) -> NodeKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return NodeKind::Fifo;
            }
        }
        if file_type.is_symlink() {
            NodeKind::Link
        } else if file_type.is_dir() {
            NodeKind::Dir
        } else {
            NodeKind::Other
        }
    }

    /// The word the messages select on (`link`, `dir`, `fifo`, `other`).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Link => "link",
            NodeKind::Dir => "dir",
            NodeKind::Fifo => "fifo",
            NodeKind::Other => "other",
        }
    }
}

impl LedgerError {
    pub(crate) fn io(path: &Path, op: IoOp, source: io::Error) -> LedgerError {
        LedgerError::Io {
            path: path.to_path_buf(),
            op,
            source,
        }
    }

    /// The `io::ErrorKind` behind an I/O failure (e.g. `StorageFull` for a full disk).
    pub fn io_kind(&self) -> Option<io::ErrorKind> {
        match self {
            LedgerError::Io { source, .. } => Some(source.kind()),
            _ => None,
        }
    }
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LedgerError::Io { path, op, source } => {
                write!(
                    f,
                    "ledger: {} failed on {}: {source}",
                    op.as_str(),
                    path.display()
                )
            }
            LedgerError::LockTimeout { path, waited } => write!(
                f,
                "ledger: lock on {} not obtained within {} ms",
                path.display(),
                waited.as_millis()
            ),
            LedgerError::InstanceBusy { path } => {
                write!(f, "ledger: another process holds {}", path.display())
            }
            LedgerError::BadKioskId(id) => write!(f, "ledger: invalid kiosk id {id:?}"),
            LedgerError::BadRecordType(t) => write!(f, "ledger: invalid record type {t:?}"),
            LedgerError::ReservedKey { key } => {
                write!(f, "ledger: body uses the envelope key {key:?}")
            }
            LedgerError::CorruptTail { path, line } => write!(
                f,
                "ledger: last line of {}:{line} is not a record",
                path.display()
            ),
            LedgerError::ChainBroken { path, line } => write!(
                f,
                "ledger: the hash chain of {} breaks at line {line}",
                path.display()
            ),
            LedgerError::NotAFile { path, kind } => write!(
                f,
                "ledger: {} is not an ordinary file ({})",
                path.display(),
                kind.as_str()
            ),
            LedgerError::SeqExhausted { path } => write!(
                f,
                "ledger: {} has reached the largest seq; nothing more can be appended",
                path.display()
            ),
            LedgerError::ClockBehindSeal { seal, seal_at, now } => write!(
                f,
                "ledger: this clock ({now}) is more than a minute behind the seal {} ({seal_at})",
                seal.display()
            ),
        }
    }
}

impl std::error::Error for LedgerError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LedgerError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// A time as the ledger writes `at`: UTC with milliseconds (`2026-11-30T17:41:15.280Z`), so
/// that a time an output gives compares, as text, with the record's.
pub fn ledger_time(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// Serde helpers for `jiff::Timestamp` fields (the crate's jiff has no serde feature).
pub(crate) mod ts_serde {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    // Serde's `serialize_with` hands the field over by reference.
    #[allow(clippy::ref_option)]
    pub fn serialize<S: Serializer>(ts: &Option<Timestamp>, s: S) -> Result<S::Ok, S::Error> {
        match ts {
            Some(ts) => s.serialize_str(&super::ledger_time(*ts)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Timestamp>, D::Error> {
        let text: Option<String> = Option::deserialize(d)?;
        text.map(|t| t.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// The time and id of one stored line (without its `\n`), when the line is one JSON object
/// whose envelope keeps the contract (the same check every reader makes); `None` otherwise.
pub fn line_key(line: &[u8]) -> Option<(jiff::Timestamp, uuid::Uuid)> {
    let env = envelope::parse_line(line).ok()?;
    if env.problem.is_some() || env.repeated.is_some() {
        return None;
    }
    Some((env.at?, env.id?))
}

/// The `seq` and `prev` of one stored line (without its `\n`) that is a record by the same
/// checks every reader makes; `None` otherwise.
pub fn line_link(line: &[u8]) -> Option<(u64, [u8; 32])> {
    let env = envelope::parse_line(line).ok()?;
    if env.problem.is_some() || env.repeated.is_some() {
        return None;
    }
    Some((env.seq?, env.prev?))
}

/// SHA-256 of a stored line, as the chain uses it.
pub fn line_sha256(line: &[u8]) -> [u8; 32] {
    sha256(line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kiosk_ids() {
        for ok in ["k1", "kiosk-01", "A.b_c-9", &"x".repeat(64)] {
            assert!(validate_kiosk_id(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            ".hidden",
            "a/b",
            "a b",
            "ü",
            "..",
            &"x".repeat(65),
            "a\\b",
        ] {
            assert!(validate_kiosk_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn kiosk_from_file() {
        assert_eq!(kiosk_of_file(Path::new("/x/k1.jsonl")), Some("k1"));
        assert_eq!(kiosk_of_file(Path::new("/x/k1.txt")), None);
    }
}
