//! A per-person index of the ledger, kept in `$DATA/cache/`: where each person's records are,
//! so that one person's history is read in milliseconds however large the ledger grows.
//!
//! The index is never the evidence. It only says at which offset of which file a person's lines
//! are; every line it points to is read from the ledger again and must have the SHA-256 the
//! index noted, and the line after it must name that hash as its `prev`. The index is built by
//! checking each file's chain from its first line as every reader does; any file that is not
//! simply a chain of records in time order (a break, a bad line, a torn tail, a clock that went
//! back) makes every lookup read the whole ledger instead, so that the answer and its warnings
//! are exactly what the full scan gives. The cache may be deleted at any time: it is rebuilt.
//!
//! Two files, each replaced whole (write to a temporary file, rename):
//! - `person-index` (the base): the state of every ledger file when it was written, and the
//!   entries sorted into buckets by the person's id, each bucket with its own check;
//! - `person-index.delta`: the state of the files now and the entries added since the base.
//!
//! A lookup compares each ledger file with the state noted: same inode, not shorter, and the
//! last indexed line still there with its hash. New bytes are checked and indexed from where
//! the index stopped; a file that was rewritten, truncated or replaced is indexed again from its
//! start. Updates are saved under `person-index.lock`; a process that cannot take the lock (or
//! cannot write) answers from what it read and saves nothing.

mod scan;
mod store;

use std::cmp::Ordering;
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::envelope::{parse_line, prefix_prev, scan_record};
use super::{Member, SETTLE_WAIT, ledger_files, sha256, wait_for_writers};
use scan::*;
pub use store::*;

const BASE_NAME: &str = "person-index";
const DELTA_NAME: &str = "person-index.delta";
const LOCK_NAME: &str = "person-index.lock";
/// Version 3: entries keyed by the id's key as the id rule makes it, whatever the case or width
/// it was recorded in (files of earlier versions are built again).
const BASE_MAGIC: &[u8; 8] = b"TBKPIX03";
const DELTA_MAGIC: &[u8; 8] = b"TBKPDX03";
/// key u64, slot u32, len u32, offset u64, sha256.
const ENTRY_SIZE: usize = 8 + 4 + 4 + 8 + 32;
/// start u64, count u32, check (8 bytes of a SHA-256).
const BUCKET_SIZE: usize = 8 + 4 + 8;
/// Entries per bucket, on average.
const BUCKET_FILL: u64 = 8;
/// The delta is folded into a new base when it holds more entries than this, or than a 32nd
/// of the base.
const DELTA_MIN: usize = 8192;
/// How long a lookup waits for another process that is saving the index.
const LOCK_WAIT: Duration = Duration::from_secs(2);
/// Bytes read after a line to see the start of the line after it.
const NEXT_PEEK: usize = 160;
const READ_CHUNK: usize = 1 << 20;

/// This account's cache folder in the data folder a ledger folder belongs to:
/// `$DATA/cache/u<uid>` (each account its own, so that no account's index can hide records
/// from another's lookups).
pub fn cache_dir(ledger_dir: &Path) -> Option<PathBuf> {
    let root = ledger_dir.parent()?.join("cache");
    #[cfg(unix)]
    let own = format!("u{}", nix::unistd::Uid::effective().as_raw());
    #[cfg(not(unix))]
    let own = "index".to_string();
    Some(root.join(own))
}

/// One entry: a line of `slot`'s file that is about the person whose id hashes to `key`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    key: u64,
    slot: u32,
    len: u32,
    offset: u64,
    sha: [u8; 32],
}

impl Entry {
    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.key.to_le_bytes());
        out.extend_from_slice(&self.slot.to_le_bytes());
        out.extend_from_slice(&self.len.to_le_bytes());
        out.extend_from_slice(&self.offset.to_le_bytes());
        out.extend_from_slice(&self.sha);
    }

    fn read(b: &[u8]) -> Entry {
        Entry {
            key: u64::from_le_bytes(b[0..8].try_into().unwrap_or_default()),
            slot: u32::from_le_bytes(b[8..12].try_into().unwrap_or_default()),
            len: u32::from_le_bytes(b[12..16].try_into().unwrap_or_default()),
            offset: u64::from_le_bytes(b[16..24].try_into().unwrap_or_default()),
            sha: b[24..56].try_into().unwrap_or_default(),
        }
    }
}

/// FNV-1a of the id's [`crate::ids::key`] (one person whatever the case or width their
/// id was recorded in): spreads ids over the buckets. Not a check of anything (every line
/// found is read and its id compared).
fn key_of(id: &str) -> u64 {
    crate::ids::with_key(id, |key| {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in key.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    })
}

/// What the index knows of one ledger file: how far it is indexed and how its chain ends there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileState {
    name: String,
    /// Entries name the file by slot; a file indexed again from its start gets a new slot.
    slot: u32,
    dev: u64,
    ino: u64,
    /// Bytes indexed: the end of the last complete line taken.
    size: u64,
    lines: u64,
    next_seq: u64,
    /// SHA-256 (hex) of the last line taken, 64 zeros before the first.
    last_hash: String,
    last_offset: u64,
    last_len: u64,
    /// The merge key (`at` in nanoseconds, `id`) of the last line taken.
    last_at: String,
    last_id: String,
    /// The file is not a plain chain of records in time order: lookups read the whole ledger.
    irregular: bool,
    /// The file's status change time (seconds, nanoseconds) when it was last indexed: a file
    /// written to without growing (a line changed in place) is indexed again from its start,
    /// which finds the change. A cache without it is indexed again once.
    #[serde(default)]
    changed_at: (i64, i64),
}

impl FileState {
    fn new(name: String, slot: u32, dev: u64, ino: u64) -> FileState {
        FileState {
            name,
            slot,
            dev,
            ino,
            size: 0,
            lines: 0,
            next_seq: 1,
            last_hash: hex::encode([0u8; 32]),
            last_offset: 0,
            last_len: 0,
            last_at: String::new(),
            last_id: String::new(),
            irregular: false,
            changed_at: (0, 0),
        }
    }

    fn last_key(&self) -> Option<(i128, u128)> {
        Some((self.last_at.parse().ok()?, self.last_id.parse().ok()?))
    }
}

/// Why the index could not answer.
enum Miss {
    /// Read the whole ledger instead.
    Scan,
    /// The saved index is damaged: build it again.
    Corrupt,
    /// A line the index points to is not what was indexed: the file changed in place.
    Changed(u32),
}

/// The records `status` folds for `employee`, through the index: `None` when the answer must
/// come from reading the whole ledger (no usable index and none can be built here, or a
/// ledger file that is not a plain chain, which the full read reports).
pub fn lookup(
    ledger: &Path,
    employee: &str,
    floor: &crate::ledger::seal::SealFloor,
) -> Option<Vec<Value>> {
    let cache = cache_dir(ledger)?;
    // Something named like a ledger file that is not one: the full read says so.
    if !ledger.is_dir() || !crate::ledger::odd_ledger_entries(ledger).is_empty() {
        return None;
    }
    let mut saved = if owned(&cache) {
        Saved::load(&cache)
    } else {
        Saved::empty()
    };
    let mut lock = None;
    if saved.base.is_none() {
        // Building costs more than one full read: only the process that can save it builds.
        lock = Some(CacheLock::acquire(&cache)?);
        saved = Saved::load(&cache);
    }
    let mut fresh = refresh(ledger, &saved)?;
    if saved.base.is_none() || fresh.changed {
        if lock.is_none() {
            lock = CacheLock::acquire(&cache);
            if lock.is_some() {
                saved = Saved::load(&cache);
                fresh = refresh(ledger, &saved)?;
            }
        }
        if lock.is_some()
            && (saved.base.is_none() || fresh.changed)
            && let Some(s) = save(&cache, &saved, &fresh)
        {
            saved = s;
            fresh.added.clear();
        }
    }
    match answer(ledger, &saved, &fresh, employee, floor) {
        Ok(records) => Some(records),
        Err(Miss::Scan) => None,
        Err(Miss::Corrupt) => {
            // Garbage in the saved index: build it again from the ledger (when this process
            // can save it), and answer with the full read this time.
            if lock.is_some()
                || CacheLock::acquire(&cache).is_some_and(|l| {
                    lock = Some(l);
                    true
                })
            {
                let _ = fs::remove_file(cache.join(BASE_NAME));
                let _ = fs::remove_file(cache.join(DELTA_NAME));
                let empty = Saved::load(&cache);
                if let Some(fresh) = refresh(ledger, &empty) {
                    let _ = save(&cache, &empty, &fresh);
                }
            }
            None
        }
        Err(Miss::Changed(slot)) => {
            // Noted, so that every lookup reads the whole ledger, which reports the change.
            if lock.is_some()
                || CacheLock::acquire(&cache).is_some_and(|l| {
                    lock = Some(l);
                    true
                })
            {
                let saved = Saved::load(&cache);
                if let Some(mut fresh) = refresh(ledger, &saved) {
                    for f in fresh.files.iter_mut().filter(|f| f.slot == slot) {
                        f.irregular = true;
                    }
                    let _ = save(&cache, &saved, &fresh);
                }
            }
            None
        }
    }
}

/// Replaces `target` whole (a new file beside it, renamed over it): readers see the old file or
/// the new one. Not synced: the cache is checked when read, and a lost write only means reading
/// more of the ledger next time.
fn replace(target: &Path, bytes: &[u8]) -> io::Result<()> {
    use std::io::Write;
    let mut file = crate::safe_file::temp_beside(target, 0o600)?;
    file.write_all(bytes)?;
    file.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// Creates `$DATA/cache` (mode 3770 like a shared data folder: each account of the group
/// makes its own folder in it, and only its own can be removed) and this account's folder in
/// it (0700). Only a folder this account owns is used.
fn create_cache_dir(cache: &Path) -> io::Result<()> {
    if !cache.is_dir() {
        if let Some(root) = cache.parent().filter(|r| !r.is_dir()) {
            make_dir(root, 0o3770)?;
        }
        make_dir(cache, 0o700)?;
    }
    if owned(cache) {
        Ok(())
    } else {
        Err(io::ErrorKind::PermissionDenied.into())
    }
}

/// One person's lines, read from the ledger and checked, in the order of the full read.
fn answer(
    ledger: &Path,
    saved: &Saved,
    fresh: &Refreshed,
    employee: &str,
    floor: &crate::ledger::seal::SealFloor,
) -> Result<Vec<Value>, Miss> {
    if fresh.torn || fresh.files.iter().any(|f| f.irregular) {
        return Err(Miss::Scan);
    }
    let key = key_of(employee);
    let future = crate::ledger::reader::future_from_now();
    let future_text = crate::ledger::reader::writer_seconds(future);
    let mut found: Vec<Entry> = match &saved.base {
        Some(base) => base.bucket(key).ok_or(Miss::Corrupt)?,
        None => Vec::new(),
    };
    found.extend(saved.delta.iter().copied());
    found.extend(fresh.added.iter().copied());
    found.retain(|e| e.key == key);
    // The files in name order, as the full read merges them.
    let mut ranked: Vec<&FileState> = fresh.files.iter().collect();
    ranked.sort_by(|a, b| a.name.cmp(&b.name));
    let mut lines = Vec::with_capacity(found.len());
    let mut open: Vec<Option<File>> = ranked.iter().map(|_| None).collect();
    let mut members = Vec::new();
    for e in found {
        // Entries of a file since indexed again from its start are not used.
        let Some(rank) = ranked.iter().position(|f| f.slot == e.slot) else {
            continue;
        };
        let state = ranked[rank];
        let end = e.offset + u64::from(e.len) + 1;
        if end > state.size {
            return Err(Miss::Corrupt);
        }
        let file = match &mut open[rank] {
            Some(f) => f,
            slot => slot.insert(File::open(ledger.join(&state.name)).map_err(|_| Miss::Scan)?),
        };
        let mut buf = vec![0u8; e.len as usize + 1 + NEXT_PEEK];
        let n = read_at_most(file, e.offset, &mut buf).map_err(|_| Miss::Scan)?;
        buf.truncate(n);
        let len = e.len as usize;
        if buf.len() <= len || buf[len] != b'\n' || sha256(&buf[..len]) != e.sha {
            return Err(Miss::Changed(state.slot));
        }
        // The line after it, when indexed, names it.
        if end < state.size {
            let next = &buf[len + 1..];
            let named = match prefix_prev(next) {
                Some(prev) => Some(prev),
                None => {
                    let mut more = vec![0u8; 64 * 1024];
                    let n = read_at_most(file, end, &mut more).map_err(|_| Miss::Scan)?;
                    let next = &more[..n];
                    memchr::memchr(b'\n', next)
                        .and_then(|z| record_facts(&next[..z], &mut members, None))
                        .map(|f| f.prev)
                }
            };
            if named != Some(e.sha) {
                return Err(Miss::Changed(state.slot));
            }
        }
        buf.truncate(len);
        let home = crate::ledger::kiosk_of_file(Path::new(&state.name));
        let facts = record_facts(&buf, &mut members, Some(home.unwrap_or_default()))
            .ok_or(Miss::Changed(state.slot))?;
        // Added after the latest seal and dated before it: the full read says so, and does
        // not use it.
        let at = jiff::Timestamp::from_nanosecond(facts.key.0).map_err(|_| Miss::Scan)?;
        // Dated in the future: the full read says so, and does not use it.
        if at > future {
            return Err(Miss::Scan);
        }
        // So is one that happened ahead, or whose `occurred_at` is no time.
        if matches!(
            crate::ledger::envelope::occurred_check(&buf, &members, future, &future_text),
            crate::ledger::envelope::Occurred::Ahead(_)
                | crate::ledger::envelope::Occurred::NotATime
        ) {
            return Err(Miss::Scan);
        }
        let at = crate::ledger::envelope::occurred_at(&buf, &members).map_or(at, |o| o.min(at));
        if floor.backdated(Path::new(&state.name), e.offset, at) {
            return Err(Miss::Scan);
        }
        lines.push((facts.key, rank, e.offset, e.sha, buf, facts.home));
    }
    // A record in another kiosk's file must be a copy (a sync tool's) of one in its own file;
    // any other is for the full read to report.
    if lines
        .iter()
        .any(|l| !l.5 && !lines.iter().any(|m| m.5 && m.3 == l.3))
    {
        return Err(Miss::Scan);
    }
    lines.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(Ordering::Equal)
    });
    // A record copied into two files is used once, as the full read does.
    let mut kept: Vec<&[u8]> = Vec::with_capacity(lines.len());
    let mut run: Vec<[u8; 32]> = Vec::new();
    let mut last_key = None;
    for (key, _, _, sha, line, _) in &lines {
        if last_key == Some(*key) {
            if run.contains(sha) {
                continue;
            }
            // The same id and time with other bytes: the full read says which is not used.
            return Err(Miss::Scan);
        }
        last_key = Some(*key);
        run.clear();
        run.push(*sha);
        kept.push(line);
    }
    Ok(super::about::select(kept.into_iter(), employee))
}

#[cfg(unix)]
fn dev_ino(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dev_ino(_meta: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn read_at_most(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<usize> {
    let mut f = file;
    f.seek(SeekFrom::Start(offset))?;
    let mut filled = 0;
    while filled < buf.len() {
        match f.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

fn read_exact_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    if read_at_most(file, offset, buf)? == buf.len() {
        Ok(())
    } else {
        Err(io::ErrorKind::UnexpectedEof.into())
    }
}
