//! Appends records to one kiosk's ledger file: lock, chain, one write, sync, torn-tail recovery.

mod files;

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::fmt::temporal::DateTimePrinter;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::envelope::parse_line;
use super::{
    ENVELOPE_KEYS, IoOp, LedgerError, NodeKind, RECOVERY_TYPE, SCHEMA, is_safe_name, sha256,
    validate_kiosk_id,
};
use files::*;

#[cfg(unix)]
const FILE_MODE: u32 = 0o640;
#[cfg(unix)]
const DIR_MODE: u32 = 0o750;

/// Bytes read per step when scanning a file backwards for its last lines.
const TAIL_CHUNK: u64 = 8 * 1024;

const AT_PRINTER: DateTimePrinter = DateTimePrinter::new().precision(Some(3));

/// The file operations of an append, behind a trait so that tests can inject write errors,
/// sync errors and a full disk without a real failing device.
pub trait LedgerIo: Send {
    /// Writes the whole line; for a regular file this is a single `write` call.
    fn write(&mut self, file: &File, bytes: &[u8]) -> io::Result<()> {
        let mut file = file;
        file.write_all(bytes)
    }

    /// Makes the written bytes durable.
    fn sync(&mut self, file: &File) -> io::Result<()> {
        file.sync_data()
    }

    /// Cuts the file back to `len` bytes (rolling back a failed append, or a torn tail).
    fn truncate(&mut self, file: &File, len: u64) -> io::Result<()> {
        file.set_len(len)
    }
}

/// The real file system.
#[derive(Debug, Default, Clone, Copy)]
pub struct StdIo;

impl LedgerIo for StdIo {}

/// The real file system without syncing: for the tests that write many records.
#[cfg(test)]
pub(crate) struct NoSync;

#[cfg(test)]
impl LedgerIo for NoSync {
    fn sync(&mut self, _: &File) -> io::Result<()> {
        Ok(())
    }
}

/// What an append saved, for the receipt and the app's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appended {
    pub id: Uuid,
    pub seq: u64,
    pub at: Timestamp,
    /// SHA-256 of the record's line (without `\n`): the `prev` of the next record.
    pub line_sha256: String,
    pub file: PathBuf,
}

/// Why a checked append did not happen.
#[derive(Debug)]
pub enum Checked<R> {
    /// The check said no; nothing was written.
    Refused(R),
    /// The ledger could not be read, locked or written; nothing was written.
    Ledger(LedgerError),
}

/// The end of the file as last seen under the lock; valid while the file length is unchanged,
/// because every writer only ever appends.
#[derive(Debug, Clone, Copy)]
struct Tail {
    len: u64,
    seq: u64,
    hash: [u8; 32],
}

/// The single appender of `<dir>/<kiosk>.jsonl`.
pub struct Writer {
    dir: PathBuf,
    kiosk: String,
    path: PathBuf,
    file: File,
    lock_wait: Duration,
    io: Box<dyn LedgerIo>,
    tail: Option<Tail>,
    instance: Option<File>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("path", &self.path)
            .field("kiosk", &self.kiosk)
            .field("instance", &self.instance.is_some())
            .finish_non_exhaustive()
    }
}

/// Runs `f` holding the lock every checked append of the ledger folder `dir` takes
/// (`.check.lock`, a dot-file readers ignore), waiting at most `lock_wait` for it.
fn under_check_lock<T, R>(
    dir: &Path,
    lock_wait: Duration,
    f: impl FnOnce() -> Result<T, Checked<R>>,
) -> Result<T, Checked<R>> {
    let path = dir.join(".check.lock");
    let (lock, _) = open_or_create(&path, false).map_err(Checked::Ledger)?;
    lock_bounded(&lock, &path, Instant::now(), lock_wait).map_err(Checked::Ledger)?;
    let outcome = f();
    // Closing the file releases the lock too.
    let _ = lock.unlock();
    outcome
}

impl Writer {
    /// Opens (creating the folder 0750 and file 0640 when missing) the ledger of `kiosk` in `dir`
    /// and recovers a torn tail. `lock_wait` bounds every wait for the file lock.
    pub fn open(dir: &Path, kiosk: &str, lock_wait: Duration) -> Result<Writer, LedgerError> {
        Writer::open_with_io(dir, kiosk, lock_wait, Box::new(StdIo))
    }

    /// [`Writer::open`] with the append I/O supplied by the caller (fault injection).
    pub fn open_with_io(
        dir: &Path,
        kiosk: &str,
        lock_wait: Duration,
        io: Box<dyn LedgerIo>,
    ) -> Result<Writer, LedgerError> {
        validate_kiosk_id(kiosk)?;
        ensure_dir(dir)?;
        let path = dir.join(format!("{kiosk}.jsonl"));
        let file = open_ledger_file(dir, &path)?;
        let mut writer = Writer {
            dir: dir.to_path_buf(),
            kiosk: kiosk.to_owned(),
            path,
            file,
            lock_wait,
            io,
            tail: None,
            instance: None,
        };
        writer.with_lock(|w| w.refresh_tail().map(|_| ()))?;
        Ok(writer)
    }

    /// Claims this kiosk id for the life of the writer (kiosk processes): fails at once with
    /// [`LedgerError::InstanceBusy`] when another process holds it. The lock is a dot-file beside
    /// the ledger, so readers ignore it, and the kernel releases it when the process dies.
    pub fn claim_instance(&mut self) -> Result<(), LedgerError> {
        if self.instance.is_some() {
            return Ok(());
        }
        let path = self.dir.join(format!(".{}.instance.lock", self.kiosk));
        let (file, _) = open_or_create(&path, false)?;
        match file.try_lock() {
            Ok(()) => {
                self.instance = Some(file);
                Ok(())
            }
            Err(TryLockError::WouldBlock) => Err(LedgerError::InstanceBusy { path }),
            Err(TryLockError::Error(e)) => Err(LedgerError::io(&path, IoOp::Lock, e)),
        }
    }

    /// Checks the ledger as it is now and appends what the check returns, with no other
    /// checked append in between: `decide` runs under a lock shared by every writer of this
    /// ledger folder (`.check.lock`, a dot-file readers ignore), so two processes cannot both
    /// see "consent given" and both record a withdrawal. `decide` reads what it needs and
    /// returns the record to append, or why it must not be.
    pub fn append_checked<R>(
        &mut self,
        decide: impl FnOnce() -> Result<(String, Map<String, Value>), R>,
    ) -> Result<Appended, Checked<R>> {
        let (dir, lock_wait) = (self.dir.clone(), self.lock_wait);
        under_check_lock(&dir, lock_wait, || {
            let (record_type, body) = decide().map_err(Checked::Refused)?;
            self.append(&record_type, body).map_err(Checked::Ledger)
        })
    }

    /// [`Writer::append_checked`] for a caller with no writer open (a command that records
    /// one change): the writer of `kiosk` is opened only once `decide` allows the record, so
    /// that a refusal on a terminal that has recorded nothing yet leaves no empty ledger file.
    pub fn open_and_append_checked<R>(
        dir: &Path,
        kiosk: &str,
        lock_wait: Duration,
        decide: impl FnOnce() -> Result<(String, Map<String, Value>), R>,
    ) -> Result<Appended, Checked<R>> {
        validate_kiosk_id(kiosk).map_err(Checked::Ledger)?;
        ensure_dir(dir).map_err(Checked::Ledger)?;
        under_check_lock(dir, lock_wait, || {
            let (record_type, body) = decide().map_err(Checked::Refused)?;
            // The check lock is taken before the file's, as by every checked append.
            Writer::open(dir, kiosk, lock_wait)
                .and_then(|mut w| w.append(&record_type, body))
                .map_err(Checked::Ledger)
        })
    }

    /// The ledger file this writer appends to.
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn kiosk(&self) -> &str {
        &self.kiosk
    }

    /// Appends one record and returns only after its bytes are synced. Any error means the
    /// record was not saved: a partial line is rolled back (truncated) under the lock, and when
    /// even that fails the leftover bytes are a torn tail that the next append or open recovers.
    pub fn append(
        &mut self,
        record_type: &str,
        body: Map<String, Value>,
    ) -> Result<Appended, LedgerError> {
        if !is_safe_name(record_type) {
            return Err(LedgerError::BadRecordType(record_type.to_owned()));
        }
        if let Some(key) = body.keys().find(|k| ENVELOPE_KEYS.contains(&k.as_str())) {
            return Err(LedgerError::ReservedKey { key: key.clone() });
        }
        self.with_lock(|w| {
            let tail = w.refresh_tail()?;
            w.check_clock()?;
            w.write_record(tail, record_type, body).map(|(a, _)| a)
        })
    }

    /// Refuses to write when this machine's clock is more than a minute behind the newest
    /// seal: the record would be dated before a seal it follows, which readers do not use.
    fn check_clock(&self) -> Result<(), LedgerError> {
        let Some((seal, seal_at)) = super::seal::newest_seal_time(&self.dir) else {
            return Ok(());
        };
        let now = Timestamp::now();
        let grace = jiff::SignedDuration::from_secs(super::seal::BACKDATE_GRACE_SECS);
        match seal_at.checked_sub(grace) {
            Ok(limit) if now < limit => Err(LedgerError::ClockBehindSeal { seal, seal_at, now }),
            _ => Ok(()),
        }
    }

    /// Appends records in the given order as one write and one sync under one lock: all are
    /// saved or none is (a failed batch is rolled back like a failed [`Writer::append`]). For
    /// bulk loads (the demo data set), where a sync per record would take hours; each record
    /// still gets its own `at`, `id`, `seq` and `prev` exactly as single appends would.
    pub fn append_batch<'a>(
        &mut self,
        records: impl IntoIterator<Item = (&'a str, Map<String, Value>)>,
    ) -> Result<Vec<Appended>, LedgerError> {
        let records: Vec<(&str, Map<String, Value>)> = records.into_iter().collect();
        for (record_type, body) in &records {
            if !is_safe_name(record_type) {
                return Err(LedgerError::BadRecordType((*record_type).to_owned()));
            }
            if let Some(key) = body.keys().find(|k| ENVELOPE_KEYS.contains(&k.as_str())) {
                return Err(LedgerError::ReservedKey { key: key.clone() });
            }
        }
        if records.is_empty() {
            return Ok(Vec::new());
        }
        self.with_lock(|w| {
            let tail = w.refresh_tail()?;
            w.check_clock()?;
            w.write_batch(tail, records)
        })
    }

    /// Under the lock, after `refresh_tail`: every record encoded and chained in memory, then
    /// written once and synced once; on failure the file is cut back to `tail.len`.
    fn write_batch(
        &mut self,
        tail: Tail,
        records: Vec<(&str, Map<String, Value>)>,
    ) -> Result<Vec<Appended>, LedgerError> {
        let mut buf = Vec::with_capacity(records.len() * 512);
        let mut appended = Vec::with_capacity(records.len());
        let mut next = tail;
        for (record_type, body) in records {
            let now = Timestamp::now();
            let at = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
            let id = Uuid::now_v7();
            let seq = self.next_seq(next.seq)?;
            let start = buf.len();
            encode(
                &mut buf,
                seq,
                &next.hash,
                id,
                at,
                &self.kiosk,
                record_type,
                &body,
            )
            .map_err(|e| LedgerError::io(&self.path, IoOp::Write, io::Error::other(e)))?;
            let hash = sha256(&buf[start..]);
            buf.push(b'\n');
            next = Tail {
                len: next.len + (buf.len() - start) as u64,
                seq,
                hash,
            };
            appended.push(Appended {
                id,
                seq,
                at,
                line_sha256: hex::encode(hash),
                file: self.path.clone(),
            });
        }
        if let Err(e) = self.io.write(&self.file, &buf) {
            self.rollback(tail.len);
            return Err(LedgerError::io(&self.path, IoOp::Write, e));
        }
        if let Err(e) = self.io.sync(&self.file) {
            self.rollback(tail.len);
            return Err(LedgerError::io(&self.path, IoOp::Sync, e));
        }
        self.tail = Some(next);
        Ok(appended)
    }

    fn with_lock<T>(
        &mut self,
        f: impl FnOnce(&mut Writer) -> Result<T, LedgerError>,
    ) -> Result<T, LedgerError> {
        self.lock()?;
        let result = f(self);
        // An unlock failure cannot undo what was synced; closing the file releases it anyway.
        let _ = self.file.unlock();
        result
    }

    /// Takes the file lock within `lock_wait`, making sure the locked descriptor is still the
    /// file at `path` (a sync tool or an admin may have replaced or removed it meanwhile).
    fn lock(&mut self) -> Result<(), LedgerError> {
        let start = Instant::now();
        loop {
            lock_bounded(&self.file, &self.path, start, self.lock_wait)?;
            match same_file(&self.file, &self.path) {
                Ok(true) => return Ok(()),
                Ok(false) => {
                    let _ = self.file.unlock();
                    self.file = open_ledger_file(&self.dir, &self.path)?;
                    self.tail = None;
                }
                Err(e) => {
                    let _ = self.file.unlock();
                    return Err(LedgerError::io(&self.path, IoOp::Stat, e));
                }
            }
        }
    }

    /// Under the lock: the current end of the chain. Re-reads the tail when another process
    /// appended since our last look, and recovers a torn tail before anything is chained to it.
    fn refresh_tail(&mut self) -> Result<Tail, LedgerError> {
        let len = self
            .file
            .metadata()
            .map_err(|e| LedgerError::io(&self.path, IoOp::Stat, e))?
            .len();
        if let Some(tail) = self.tail.filter(|t| t.len == len) {
            return Ok(tail);
        }
        self.tail = None;
        let scan = scan_tail(&self.file, len).map_err(|e| self.read_error(e))?;
        let (seq, hash) = match &scan.last_line {
            None => (0, [0u8; 32]),
            // A last line with any finding (not a record, a broken envelope) is not continued.
            Some(line) => match parse_line(line)
                .ok()
                .filter(|env| env.problem.is_none())
                .and_then(|env| env.seq)
            {
                Some(seq) => (seq, sha256(line)),
                None => {
                    let line =
                        count_newlines(&self.file, scan.end).map_err(|e| self.read_error(e))?;
                    return Err(LedgerError::CorruptTail {
                        path: self.path.clone(),
                        line,
                    });
                }
            },
        };
        if scan.end < len
            && let Some(whole) = self.whole_record(scan.end, len, seq, &hash)?
        {
            // The last record is whole but for its `\n` (taken away, or a crash just before
            // it was written): it is ended, not set aside, so that no whole, chained record
            // leaves the ledger.
            self.io
                .write(&self.file, b"\n")
                .map_err(|e| LedgerError::io(&self.path, IoOp::Write, e))?;
            self.io
                .sync(&self.file)
                .map_err(|e| LedgerError::io(&self.path, IoOp::Sync, e))?;
            let tail = Tail {
                len: len + 1,
                seq: seq + 1,
                hash: whole,
            };
            self.tail = Some(tail);
            return Ok(tail);
        }
        if scan.end < len {
            self.save_torn(scan.end, len)?;
            self.io
                .truncate(&self.file, scan.end)
                .map_err(|e| LedgerError::io(&self.path, IoOp::Truncate, e))?;
            self.io
                .sync(&self.file)
                .map_err(|e| LedgerError::io(&self.path, IoOp::Sync, e))?;
        }
        let mut tail = Tail {
            len: scan.end,
            seq,
            hash,
        };
        self.tail = Some(tail);
        // Every piece saved at this offset still needs its record, oldest first: the one just
        // cut, and any left by a crash before its record was written (including a crash while
        // writing that record, whose partial line was the torn tail just cut).
        for info in self.unrecorded_at(scan.end)? {
            tail = self.write_record(tail, RECOVERY_TYPE, info.body())?.1;
        }
        Ok(tail)
    }

    /// The SHA-256 of the bytes `[start, len)` when they are one whole record that goes on the
    /// chain (the next `seq`, `prev` the hash of the line before, a sound envelope) with only
    /// its `\n` missing.
    fn whole_record(
        &self,
        start: u64,
        len: u64,
        seq: u64,
        prev: &[u8; 32],
    ) -> Result<Option<[u8; 32]>, LedgerError> {
        // Longer than any record tebiki writes: a torn piece, whatever it holds.
        const LONGEST: u64 = 16 << 20;
        if len - start > LONGEST {
            return Ok(None);
        }
        let mut piece = vec![0u8; (len - start) as usize];
        read_exact_at(&self.file, start, &mut piece).map_err(|e| self.read_error(e))?;
        if piece.contains(&b'\n') || std::str::from_utf8(&piece).is_err() {
            return Ok(None);
        }
        let Ok(env) = parse_line(&piece) else {
            return Ok(None);
        };
        let chained = env.problem.is_none()
            && env.repeated.is_none()
            && env.seq == Some(seq + 1)
            && env.prev.as_ref() == Some(prev)
            && env.kiosk.as_deref() == Some(self.kiosk.as_str());
        Ok(chained.then(|| sha256(&piece)))
    }

    fn read_error(&self, e: io::Error) -> LedgerError {
        LedgerError::io(&self.path, IoOp::Read, e)
    }

    /// Copies the torn bytes `[offset, len)` beside the ledger (synced) before the file is cut.
    fn save_torn(&mut self, offset: u64, len: u64) -> Result<TornInfo, LedgerError> {
        let bytes = len - offset;
        let (digest, _) = copy_range(&self.file, offset, bytes, None)
            .map_err(|e| LedgerError::io(&self.path, IoOp::Read, e))?;
        let sha = hex::encode(digest);
        for n in 1u32..=1000 {
            let name = if n == 1 {
                format!("{}.torn-{offset}.bin", self.kiosk)
            } else {
                format!("{}.torn-{offset}.{n}.bin", self.kiosk)
            };
            let path = self.dir.join(&name);
            let info = TornInfo {
                offset,
                bytes,
                sha256: sha.clone(),
                saved_as: name,
            };
            match fs::metadata(&path) {
                // Saved by an earlier attempt that crashed before the cut: reuse it.
                Ok(_) if hash_file(&path).ok() == Some((digest, bytes)) => return Ok(info),
                Ok(_) => continue,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => return Err(LedgerError::io(&path, IoOp::SaveTorn, e)),
            }
            let (out, _) = open_or_create(&path, true)?;
            let save = |out: &File| -> io::Result<()> {
                copy_range(&self.file, offset, bytes, Some(out))?;
                out.sync_all()?;
                sync_dir(&self.dir)
            };
            if let Err(e) = save(&out) {
                // A partial copy would only push the next attempt to another name.
                drop(out);
                let _ = fs::remove_file(&path);
                return Err(LedgerError::io(&path, IoOp::SaveTorn, e));
            }
            return Ok(info);
        }
        Err(LedgerError::io(
            &self.path,
            IoOp::SaveTorn,
            io::Error::from(io::ErrorKind::AlreadyExists),
        ))
    }

    /// The torn pieces saved at `offset` (`<kiosk>.torn-<offset>.bin`, `.2.bin`, ...), in the
    /// order they were saved. When the file's complete lines end at `offset`, none of them has
    /// its `recovery` record yet: that record would stand at `offset` itself.
    fn unrecorded_at(&self, offset: u64) -> Result<Vec<TornInfo>, LedgerError> {
        let mut found = Vec::new();
        for n in 1u32..=1000 {
            let name = if n == 1 {
                format!("{}.torn-{offset}.bin", self.kiosk)
            } else {
                format!("{}.torn-{offset}.{n}.bin", self.kiosk)
            };
            let path = self.dir.join(&name);
            match hash_file(&path) {
                Ok((digest, bytes)) => found.push(TornInfo {
                    offset,
                    bytes,
                    sha256: hex::encode(digest),
                    saved_as: name,
                }),
                Err(e) if e.kind() == io::ErrorKind::NotFound => break,
                Err(e) => return Err(LedgerError::io(&path, IoOp::Read, e)),
            }
        }
        Ok(found)
    }

    /// Under the lock, after `refresh_tail`: encode, write once, sync. On failure the file is cut
    /// back to `tail.len` so nothing half-written stays behind.
    fn write_record(
        &mut self,
        tail: Tail,
        record_type: &str,
        body: Map<String, Value>,
    ) -> Result<(Appended, Tail), LedgerError> {
        let now = Timestamp::now();
        // Milliseconds, as the contract writes them; the returned value equals what is stored.
        let at = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
        let id = Uuid::now_v7();
        let seq = self.next_seq(tail.seq)?;
        let mut line = Vec::with_capacity(512);
        encode(
            &mut line,
            seq,
            &tail.hash,
            id,
            at,
            &self.kiosk,
            record_type,
            &body,
        )
        .map_err(|e| LedgerError::io(&self.path, IoOp::Write, io::Error::other(e)))?;
        let hash = sha256(&line);
        line.push(b'\n');
        if let Err(e) = self.io.write(&self.file, &line) {
            self.rollback(tail.len);
            return Err(LedgerError::io(&self.path, IoOp::Write, e));
        }
        if let Err(e) = self.io.sync(&self.file) {
            self.rollback(tail.len);
            return Err(LedgerError::io(&self.path, IoOp::Sync, e));
        }
        let next = Tail {
            len: tail.len + line.len() as u64,
            seq,
            hash,
        };
        self.tail = Some(next);
        let appended = Appended {
            id,
            seq,
            at,
            line_sha256: hex::encode(hash),
            file: self.path.clone(),
        };
        Ok((appended, next))
    }

    /// The `seq` after `seq`; at the end of the range the file is full (readers would skip a
    /// record whose `seq` wrapped to 0), so nothing is written.
    fn next_seq(&self, seq: u64) -> Result<u64, LedgerError> {
        seq.checked_add(1).ok_or_else(|| LedgerError::SeqExhausted {
            path: self.path.clone(),
        })
    }

    /// Best effort by design: the caller is already being told the record was not saved. If the
    /// cut fails too, the leftover bytes are recovered as a torn tail by the next append or open.
    fn rollback(&mut self, len: u64) {
        self.tail = None;
        if self.io.truncate(&self.file, len).is_ok() {
            let _ = self.io.sync(&self.file);
        }
    }
}

/// What a `recovery` record says about the torn bytes it replaced.
struct TornInfo {
    offset: u64,
    bytes: u64,
    sha256: String,
    saved_as: String,
}

impl TornInfo {
    fn body(self) -> Map<String, Value> {
        let mut body = Map::new();
        body.insert("offset".into(), self.offset.into());
        body.insert("bytes".into(), self.bytes.into());
        body.insert("sha256".into(), self.sha256.into());
        body.insert("saved_as".into(), self.saved_as.into());
        body
    }
}

/// Writes the record compactly: the envelope in contract order, then the body in caller order.
#[allow(clippy::too_many_arguments)]
fn encode(
    out: &mut Vec<u8>,
    seq: u64,
    prev: &[u8; 32],
    id: Uuid,
    at: Timestamp,
    kiosk: &str,
    record_type: &str,
    body: &Map<String, Value>,
) -> Result<(), serde_json::Error> {
    out.extend_from_slice(b"{\"schema\":");
    serde_json::to_writer(&mut *out, SCHEMA)?;
    out.extend_from_slice(format!(",\"seq\":{seq},\"prev\":\"").as_bytes());
    out.extend_from_slice(hex::encode(prev).as_bytes());
    out.extend_from_slice(b"\",\"id\":\"");
    out.extend_from_slice(id.hyphenated().to_string().as_bytes());
    out.extend_from_slice(b"\",\"at\":\"");
    out.extend_from_slice(AT_PRINTER.timestamp_to_string(&at).as_bytes());
    out.extend_from_slice(b"\",\"kiosk\":");
    serde_json::to_writer(&mut *out, kiosk)?;
    out.extend_from_slice(b",\"type\":");
    serde_json::to_writer(&mut *out, record_type)?;
    for (key, value) in body {
        out.push(b',');
        serde_json::to_writer(&mut *out, key)?;
        out.push(b':');
        serde_json::to_writer(&mut *out, value)?;
    }
    out.push(b'}');
    Ok(())
}

use crate::safe_file::sync_dir;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_orders_envelope_then_body() {
        let mut body = Map::new();
        body.insert("z".into(), Value::from(1));
        body.insert("a".into(), Value::from("x\ny"));
        let id = Uuid::now_v7();
        let at = Timestamp::from_millisecond(1_795_000_000_000).unwrap();
        let mut out = Vec::new();
        encode(&mut out, 1, &[0; 32], id, at, "k1", "consent", &body).unwrap();
        let text = String::from_utf8(out).unwrap();
        let expected = format!(
            "{{\"schema\":\"tebiki/1\",\"seq\":1,\"prev\":\"{}\",\"id\":\"{id}\",\"at\":\"2026-11-18T11:06:40.000Z\",\"kiosk\":\"k1\",\"type\":\"consent\",\"z\":1,\"a\":\"x\\ny\"}}",
            super::super::GENESIS_PREV
        );
        assert_eq!(text, expected);
        let env = parse_line(text.as_bytes()).unwrap();
        assert_eq!(env.problem, None);
    }

    /// Fails the next write halfway, when armed.
    struct HalfWrite(std::sync::Arc<std::sync::atomic::AtomicBool>);

    impl LedgerIo for HalfWrite {
        fn write(&mut self, file: &File, bytes: &[u8]) -> io::Result<()> {
            let mut file = file;
            if self.0.swap(false, std::sync::atomic::Ordering::SeqCst) {
                file.write_all(&bytes[..bytes.len() / 2])?;
                return Err(io::ErrorKind::StorageFull.into());
            }
            file.write_all(bytes)
        }
    }

    fn stage(n: u64) -> (&'static str, Map<String, Value>) {
        let mut body = Map::new();
        body.insert("n".into(), n.into());
        ("stage", body)
    }

    #[test]
    fn a_batch_chains_like_single_appends_and_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let armed = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let io = Box::new(HalfWrite(armed.clone()));
        let mut w = Writer::open_with_io(dir.path(), "k1", Duration::from_secs(1), io).unwrap();
        w.append("consent", Map::new()).unwrap();
        let saved = w.append_batch((0..5).map(stage)).unwrap();
        assert_eq!(
            saved.iter().map(|a| a.seq).collect::<Vec<_>>(),
            [2, 3, 4, 5, 6]
        );
        assert!(super::super::verify(dir.path(), None).unwrap().is_intact());
        assert!(w.append_batch(std::iter::empty()).unwrap().is_empty());

        let before = fs::read(w.path()).unwrap();
        armed.store(true, std::sync::atomic::Ordering::SeqCst);
        let err = w.append_batch((0..3).map(stage)).unwrap_err();
        assert_eq!(err.io_kind(), Some(io::ErrorKind::StorageFull));
        assert_eq!(
            fs::read(w.path()).unwrap(),
            before,
            "nothing of a failed batch stays"
        );
        let mut reserved = Map::new();
        reserved.insert("seq".into(), 1.into());
        assert!(matches!(
            w.append_batch([stage(9), ("stage", reserved)]),
            Err(LedgerError::ReservedKey { .. })
        ));
        assert_eq!(fs::read(w.path()).unwrap(), before);

        assert_eq!(w.append("consent", Map::new()).unwrap().seq, 7);
        let report = super::super::verify(dir.path(), None).unwrap();
        assert!(report.is_intact(), "{:?}", report.findings);
        assert_eq!(report.records(), 7);
    }
}
