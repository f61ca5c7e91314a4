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

const BASE_NAME: &str = "person-index";
const DELTA_NAME: &str = "person-index.delta";
const LOCK_NAME: &str = "person-index.lock";
const BASE_MAGIC: &[u8; 8] = b"TBKPIX01";
const DELTA_MAGIC: &[u8; 8] = b"TBKPDX01";
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

/// FNV-1a: spreads ids over the buckets. Not a check of anything (every line found is read
/// and its id compared).
fn key_of(id: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
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
        }
    }

    fn last_key(&self) -> Option<(i128, u128)> {
        Some((self.last_at.parse().ok()?, self.last_id.parse().ok()?))
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    /// Names the base, so that a delta written for another base is never used with it.
    base: String,
    files: Vec<FileState>,
    next_slot: u32,
    #[serde(default)]
    buckets: u64,
    #[serde(default)]
    entries: u64,
}

/// An open base file: its header read and checked; buckets are read on demand.
struct Base {
    file: File,
    header: Header,
    dir_start: u64,
    entries_start: u64,
}

impl Base {
    fn open(path: &Path) -> Option<Base> {
        let mut file = File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut head = [0u8; 8 + 4 + 32];
        file.read_exact(&mut head).ok()?;
        if &head[..8] != BASE_MAGIC {
            return None;
        }
        let header_len = u32::from_le_bytes(head[8..12].try_into().ok()?) as u64;
        if header_len > len {
            return None;
        }
        let mut text = vec![0u8; header_len as usize];
        file.read_exact(&mut text).ok()?;
        if sha256(&text)[..] != head[12..44] {
            return None;
        }
        let header: Header = serde_json::from_slice(&text).ok()?;
        let dir_start = head.len() as u64 + header_len;
        let entries_start =
            dir_start.checked_add(header.buckets.checked_mul(BUCKET_SIZE as u64)?)?;
        let end = entries_start.checked_add(header.entries.checked_mul(ENTRY_SIZE as u64)?)?;
        if end != len || !header.buckets.is_power_of_two() {
            return None;
        }
        Some(Base {
            file,
            header,
            dir_start,
            entries_start,
        })
    }

    /// The entries of the bucket of `key`; `None` when the bucket fails its check.
    fn bucket(&self, key: u64) -> Option<Vec<Entry>> {
        let bucket = key & (self.header.buckets - 1);
        let mut dir = [0u8; BUCKET_SIZE];
        read_exact_at(
            &self.file,
            self.dir_start + bucket * BUCKET_SIZE as u64,
            &mut dir,
        )
        .ok()?;
        let start = u64::from_le_bytes(dir[0..8].try_into().ok()?);
        let count = u64::from(u32::from_le_bytes(dir[8..12].try_into().ok()?));
        if start.checked_add(count)? > self.header.entries {
            return None;
        }
        let mut bytes = vec![0u8; (count as usize) * ENTRY_SIZE];
        read_exact_at(
            &self.file,
            self.entries_start + start * ENTRY_SIZE as u64,
            &mut bytes,
        )
        .ok()?;
        if bucket_check(&self.header.base, bucket, &bytes) != dir[12..20] {
            return None;
        }
        Some(bytes.chunks_exact(ENTRY_SIZE).map(Entry::read).collect())
    }

    /// Every entry (to fold the delta in), each bucket checked.
    fn all(&self) -> Option<Vec<Entry>> {
        let mut dir = vec![0u8; self.header.buckets as usize * BUCKET_SIZE];
        read_exact_at(&self.file, self.dir_start, &mut dir).ok()?;
        let mut bytes = vec![0u8; self.header.entries as usize * ENTRY_SIZE];
        read_exact_at(&self.file, self.entries_start, &mut bytes).ok()?;
        let mut out = Vec::with_capacity(self.header.entries as usize);
        for (bucket, d) in dir.chunks_exact(BUCKET_SIZE).enumerate() {
            let start = u64::from_le_bytes(d[0..8].try_into().ok()?) as usize;
            let count = u32::from_le_bytes(d[8..12].try_into().ok()?) as usize;
            let part = bytes.get(start * ENTRY_SIZE..(start + count) * ENTRY_SIZE)?;
            if bucket_check(&self.header.base, bucket as u64, part) != d[12..20] {
                return None;
            }
            out.extend(part.chunks_exact(ENTRY_SIZE).map(Entry::read));
        }
        (out.len() as u64 == self.header.entries).then_some(out)
    }
}

fn bucket_check(base: &str, bucket: u64, bytes: &[u8]) -> [u8; 8] {
    let mut h = Sha256::new();
    h.update(base.as_bytes());
    h.update(bucket.to_le_bytes());
    h.update(bytes);
    let d: [u8; 32] = h.finalize().into();
    d[..8].try_into().unwrap_or_default()
}

/// The saved index as found: the base (if it reads and checks), and the delta written for it.
struct Saved {
    base: Option<Base>,
    /// The files as of the delta (else as of the base).
    files: Vec<FileState>,
    next_slot: u32,
    delta: Vec<Entry>,
}

impl Saved {
    fn empty() -> Saved {
        Saved {
            base: None,
            files: Vec::new(),
            next_slot: 0,
            delta: Vec::new(),
        }
    }

    fn load(cache: &Path) -> Saved {
        let base = Base::open(&cache.join(BASE_NAME));
        let Some(base) = base else {
            return Saved::empty();
        };
        match read_delta(&cache.join(DELTA_NAME), &base.header.base) {
            Some((header, delta)) => Saved {
                files: header.files,
                next_slot: header.next_slot,
                delta,
                base: Some(base),
            },
            None => Saved {
                files: base.header.files.clone(),
                next_slot: base.header.next_slot,
                delta: Vec::new(),
                base: Some(base),
            },
        }
    }
}

fn read_delta(path: &Path, base: &str) -> Option<(Header, Vec<Entry>)> {
    let bytes = fs::read(path).ok()?;
    let rest = bytes.strip_prefix(DELTA_MAGIC.as_slice())?;
    let (check, rest) = rest.split_at_checked(32)?;
    if sha256(rest)[..] != *check {
        return None;
    }
    let (len, rest) = rest.split_at_checked(4)?;
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let (text, entries) = rest.split_at_checked(len)?;
    let header: Header = serde_json::from_slice(text).ok()?;
    if header.base != base || entries.len() % ENTRY_SIZE != 0 {
        return None;
    }
    Some((
        header,
        entries.chunks_exact(ENTRY_SIZE).map(Entry::read).collect(),
    ))
}

/// The files as they are now, after reading what was added since the index was saved.
struct Refreshed {
    files: Vec<FileState>,
    next_slot: u32,
    /// Entries of the lines read now.
    added: Vec<Entry>,
    /// Whether anything differs from what was saved.
    changed: bool,
    /// A file ends with a line still incomplete after waiting for writers: read the whole
    /// ledger (which reports it), and save nothing about it.
    torn: bool,
}

fn refresh(ledger: &Path, saved: &Saved) -> Option<Refreshed> {
    let names = ledger_files(ledger).ok()?;
    let mut out = Refreshed {
        files: Vec::with_capacity(names.len()),
        next_slot: saved.next_slot,
        added: Vec::new(),
        changed: names.len() != saved.files.len(),
        torn: false,
    };
    for path in names {
        let name = super::file_name_string(&path);
        let file = File::open(&path).ok()?;
        let meta = file.metadata().ok()?;
        let (dev, ino) = dev_ino(&meta);
        let known = saved.files.iter().find(|f| f.name == name);
        let mut state = match known {
            Some(f) if f.dev == dev && f.ino == ino && still_there(&file, meta.len(), f) => {
                f.clone()
            }
            _ => {
                out.changed = true;
                let slot = out.next_slot;
                out.next_slot = out.next_slot.checked_add(1)?;
                FileState::new(name, slot, dev, ino)
            }
        };
        if !state.irregular && meta.len() > state.size {
            let before = state.size;
            let torn = index_from(&file, &mut state, &mut out.added).ok()?;
            out.torn |= torn;
            out.changed |= state.size != before || state.irregular;
        }
        out.files.push(state);
    }
    Some(out)
}

/// Whether the file still holds what was indexed of it: at least as long, and the last line
/// indexed still there with its hash.
fn still_there(file: &File, len: u64, f: &FileState) -> bool {
    if len < f.size {
        return false;
    }
    if f.lines == 0 {
        return f.size == 0;
    }
    let mut line = vec![0u8; f.last_len as usize + 1];
    if read_exact_at(file, f.last_offset, &mut line).is_err() || line.pop() != Some(b'\n') {
        return false;
    }
    hex::encode(sha256(&line)) == f.last_hash && f.last_offset + f.last_len + 1 == f.size
}

/// Checks and indexes the complete lines of `file` after `state.size`. Returns whether the
/// file ends with an incomplete line (after waiting once for a writer to finish).
fn index_from(file: &File, state: &mut FileState, out: &mut Vec<Entry>) -> io::Result<bool> {
    let mut waited = false;
    let mut f = file;
    let mut buf: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut members = Vec::new();
    let mut last_hash = super::envelope::parse_hash(&state.last_hash).unwrap_or([0xff; 32]);
    let mut last_key = state.last_key();
    loop {
        f.seek(SeekFrom::Start(state.size))?;
        buf.clear();
        let mut pos = 0usize;
        let mut offset = state.size;
        loop {
            // Take the complete lines in `buf[pos..]`.
            while let Some(n) = memchr::memchr(b'\n', &buf[pos..]) {
                let line = &buf[pos..pos + n];
                if !state.irregular {
                    take_line(
                        line,
                        offset,
                        state,
                        &mut last_hash,
                        &mut last_key,
                        &mut members,
                        out,
                    );
                }
                pos += n + 1;
                offset += n as u64 + 1;
                if !state.irregular {
                    state.size = offset;
                }
            }
            if state.irregular {
                return Ok(false);
            }
            buf.drain(..pos);
            pos = 0;
            let have = buf.len();
            buf.resize(have + READ_CHUNK, 0);
            let n = loop {
                match f.read(&mut buf[have..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            buf.truncate(have + n);
            if n == 0 {
                break;
            }
        }
        if buf.is_empty() {
            return Ok(false);
        }
        if waited {
            return Ok(true);
        }
        // A writer may be mid-append: once it is done, the line may be whole.
        wait_for_writers(file, SETTLE_WAIT);
        waited = true;
    }
}

/// What a line is when it is a record: its `seq`, `prev`, merge key and the ids it is about.
struct LineFacts {
    seq: u64,
    prev: [u8; 32],
    key: (i128, u128),
}

/// The envelope of `line` by the checks every reader makes (the writer's form read in one
/// pass, any other line by the general parser); `None` when the line is not a record.
fn record_facts(line: &[u8], members: &mut Vec<Member>) -> Option<LineFacts> {
    let env = match scan_record(line, members).filter(|s| s.end == line.len()) {
        Some(scanned) => scanned.env,
        None => {
            members.clear();
            std::str::from_utf8(line).ok()?;
            parse_line(line).ok()?
        }
    };
    if env.problem.is_some() || env.repeated.is_some() {
        return None;
    }
    let (Some(seq), Some(prev), Some(id), Some(at), Some(_), Some(_)) = (
        env.seq,
        env.prev,
        env.id,
        env.at,
        env.kiosk,
        env.record_type,
    ) else {
        return None;
    };
    Some(LineFacts {
        seq,
        prev,
        key: (at.as_nanosecond(), id.as_u128()),
    })
}

/// The people a record is about, as `status` matches them: `employee.id`, and `supports`.
fn people_of(line: &[u8]) -> Option<Vec<String>> {
    #[derive(Deserialize)]
    struct Who {
        #[serde(default)]
        employee: Option<Value>,
        #[serde(default)]
        supports: Option<Value>,
    }
    let who: Who = serde_json::from_slice(line).ok()?;
    let mut ids = Vec::new();
    if let Some(id) = who
        .employee
        .as_ref()
        .and_then(|e| e.get("id"))
        .and_then(Value::as_str)
    {
        ids.push(id.to_string());
    }
    if let Some(s) = who.supports.as_ref().and_then(Value::as_str)
        && !ids.iter().any(|i| i == s)
    {
        ids.push(s.to_string());
    }
    Some(ids)
}

/// Checks one line against the chain as indexed so far and notes its entries; a line that is
/// not the next record of a chain in time order makes the file irregular.
fn take_line(
    line: &[u8],
    offset: u64,
    state: &mut FileState,
    last_hash: &mut [u8; 32],
    last_key: &mut Option<(i128, u128)>,
    members: &mut Vec<Member>,
    out: &mut Vec<Entry>,
) {
    let facts = record_facts(line, members);
    let people = facts.as_ref().and(people_of(line));
    let (Some(facts), Some(people)) = (facts, people) else {
        state.irregular = true;
        return;
    };
    let in_order = last_key.is_none_or(|k| facts.key >= k);
    let Ok(len) = u32::try_from(line.len()) else {
        state.irregular = true;
        return;
    };
    if facts.prev != *last_hash || facts.seq != state.next_seq || !in_order {
        state.irregular = true;
        return;
    }
    let Some(next_seq) = facts.seq.checked_add(1) else {
        state.irregular = true;
        return;
    };
    let sha = sha256(line);
    for id in &people {
        out.push(Entry {
            key: key_of(id),
            slot: state.slot,
            len,
            offset,
            sha,
        });
    }
    *last_hash = sha;
    *last_key = Some(facts.key);
    state.next_seq = next_seq;
    state.lines += 1;
    state.last_hash = hex::encode(sha);
    state.last_offset = offset;
    state.last_len = line.len() as u64;
    state.last_at = facts.key.0.to_string();
    state.last_id = facts.key.1.to_string();
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
pub fn lookup(ledger: &Path, employee: &str) -> Option<Vec<Value>> {
    let cache = cache_dir(ledger)?;
    if !ledger.is_dir() {
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
    match answer(ledger, &saved, &fresh, employee) {
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

/// Saves the refreshed state: a new delta, or a new base when there is none or the delta has
/// grown large. Returns the index as saved, to answer from.
fn save(cache: &Path, saved: &Saved, fresh: &Refreshed) -> Option<Saved> {
    create_cache_dir(cache).ok()?;
    let live = |e: &Entry| fresh.files.iter().any(|f| f.slot == e.slot);
    let mut delta: Vec<Entry> = saved.delta.iter().copied().filter(live).collect();
    delta.extend(fresh.added.iter().copied());
    let base_entries = saved.base.as_ref().map_or(0, |b| b.header.entries as usize);
    let files = fresh.files.clone();
    if let Some(base) = &saved.base
        && delta.len() <= DELTA_MIN.max(base_entries / 32)
    {
        let header = Header {
            base: base.header.base.clone(),
            files,
            next_slot: fresh.next_slot,
            buckets: 0,
            entries: 0,
        };
        write_delta(cache, &header, &delta).ok()?;
        return Some(Saved {
            base: Base::open(&cache.join(BASE_NAME)).filter(|b| b.header.base == header.base),
            files: header.files,
            next_slot: header.next_slot,
            delta,
        })
        .filter(|s| s.base.is_some());
    }
    let mut all = match &saved.base {
        Some(base) => base.all()?,
        None => Vec::new(),
    };
    all.retain(live);
    all.extend(delta);
    let header = write_base(cache, fresh, all).ok()?;
    let _ = fs::remove_file(cache.join(DELTA_NAME));
    let base = Base::open(&cache.join(BASE_NAME)).filter(|b| b.header.base == header.base)?;
    Some(Saved {
        files: base.header.files.clone(),
        next_slot: base.header.next_slot,
        delta: Vec::new(),
        base: Some(base),
    })
}

fn write_base(cache: &Path, fresh: &Refreshed, mut all: Vec<Entry>) -> io::Result<Header> {
    let buckets = (all.len() as u64 / BUCKET_FILL).max(1).next_power_of_two();
    let mask = buckets - 1;
    all.sort_by(|a, b| {
        (a.key & mask)
            .cmp(&(b.key & mask))
            .then(a.slot.cmp(&b.slot))
            .then(a.offset.cmp(&b.offset))
            .then(a.key.cmp(&b.key))
    });
    let header = Header {
        base: uuid::Uuid::now_v7().simple().to_string(),
        files: fresh.files.clone(),
        next_slot: fresh.next_slot,
        buckets,
        entries: all.len() as u64,
    };
    let text = serde_json::to_vec(&header).map_err(io::Error::other)?;
    let mut entries = Vec::with_capacity(all.len() * ENTRY_SIZE);
    for e in &all {
        e.write(&mut entries);
    }
    let mut dir = Vec::with_capacity(buckets as usize * BUCKET_SIZE);
    let mut i = 0usize;
    for bucket in 0..buckets {
        let start = i;
        while i < all.len() && all[i].key & mask == bucket {
            i += 1;
        }
        let count = u32::try_from(i - start).map_err(io::Error::other)?;
        dir.extend_from_slice(&(start as u64).to_le_bytes());
        dir.extend_from_slice(&count.to_le_bytes());
        let part = &entries[start * ENTRY_SIZE..i * ENTRY_SIZE];
        dir.extend_from_slice(&bucket_check(&header.base, bucket, part));
    }
    let mut out = Vec::with_capacity(44 + text.len() + dir.len() + entries.len());
    out.extend_from_slice(BASE_MAGIC);
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(&sha256(&text));
    out.extend_from_slice(&text);
    out.extend_from_slice(&dir);
    out.extend_from_slice(&entries);
    replace(&cache.join(BASE_NAME), &out)?;
    Ok(header)
}

fn write_delta(cache: &Path, header: &Header, entries: &[Entry]) -> io::Result<()> {
    let text = serde_json::to_vec(header).map_err(io::Error::other)?;
    let mut rest = Vec::with_capacity(4 + text.len() + entries.len() * ENTRY_SIZE);
    rest.extend_from_slice(&(text.len() as u32).to_le_bytes());
    rest.extend_from_slice(&text);
    for e in entries {
        e.write(&mut rest);
    }
    let mut out = Vec::with_capacity(40 + rest.len());
    out.extend_from_slice(DELTA_MAGIC);
    out.extend_from_slice(&sha256(&rest));
    out.extend_from_slice(&rest);
    replace(&cache.join(DELTA_NAME), &out)
}

/// Creates `$DATA/cache` (mode 3770 like a shared data folder: each account of the group
/// makes its own folder in it, and only its own can be removed) and this account's folder in
/// it (0700). Only a folder this account owns is used.
/// Writes `name` in the cache folder `cache` (created when missing), whole; a failure only
/// means the cache is not used.
pub fn write_cache_file(cache: &Path, name: &str, bytes: &[u8]) {
    if create_cache_dir(cache).is_ok() {
        let _ = replace(&cache.join(name), bytes);
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

fn make_dir(dir: &Path, mode: u32) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    Ok(())
}

/// Whether `dir` is a folder (not a link) of this account.
#[cfg(unix)]
fn owned(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == nix::unistd::Uid::effective().as_raw())
}

#[cfg(not(unix))]
fn owned(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
}

/// One person's lines, read from the ledger and checked, in the order of the full read.
fn answer(
    ledger: &Path,
    saved: &Saved,
    fresh: &Refreshed,
    employee: &str,
) -> Result<Vec<Value>, Miss> {
    if fresh.torn || fresh.files.iter().any(|f| f.irregular) {
        return Err(Miss::Scan);
    }
    let key = key_of(employee);
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
                        .and_then(|z| record_facts(&next[..z], &mut members))
                        .map(|f| f.prev)
                }
            };
            if named != Some(e.sha) {
                return Err(Miss::Changed(state.slot));
            }
        }
        buf.truncate(len);
        let facts = record_facts(&buf, &mut members).ok_or(Miss::Changed(state.slot))?;
        lines.push((facts.key, rank, e.offset, e.sha, buf));
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
    for (key, _, _, sha, line) in &lines {
        if last_key == Some(*key) {
            if run.contains(sha) {
                continue;
            }
        } else {
            last_key = Some(*key);
            run.clear();
        }
        run.push(*sha);
        kept.push(line);
    }
    Ok(crate::status::select(kept.into_iter(), employee))
}

/// An exclusive lock on `$DATA/cache/person-index.lock`, released when dropped.
struct CacheLock(File);

impl CacheLock {
    /// Waits at most [`LOCK_WAIT`]; `None` when the lock cannot be had (busy, or the cache
    /// folder cannot be written).
    fn acquire(cache: &Path) -> Option<CacheLock> {
        create_cache_dir(cache).ok()?;
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        crate::safe_file::no_follow(&mut options);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(cache.join(LOCK_NAME)).ok()?;
        let start = Instant::now();
        let mut pause = Duration::from_micros(100);
        loop {
            match file.try_lock() {
                Ok(()) => return Some(CacheLock(file)),
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(10));
                }
                Err(_) => return None,
            }
        }
    }
}

impl Drop for CacheLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
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
