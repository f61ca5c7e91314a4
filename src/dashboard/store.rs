//! The dashboard's reading of the ledger, all in one place: the first full pass (on a second
//! thread, with progress), folding what was appended since, and reading one person's records
//! back from where they are stored.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

use serde_json::Value;

use super::model::{Model, pack, unpack};
use crate::ledger::fields::Essentials;
use crate::ledger::stream::{ledger_bytes, stream_ledger_reach};
use crate::ledger::{self, LedgerError};
use crate::roster::{self, Employee};

/// What a full pass gives: the model, and whether the roster could not be read.
pub struct Loaded {
    pub model: Model,
    pub roster_unreadable: bool,
}

/// A full pass running on a second thread.
pub struct Loading {
    handle: Option<JoinHandle<Result<Loaded, LedgerError>>>,
    /// Bytes of the ledger read so far, of `total`.
    pub read: Arc<AtomicU64>,
    pub total: u64,
    cancel: Arc<AtomicBool>,
}

impl Loading {
    /// Starts reading `ledger_dir`, with the roster at `roster_path` (read on the same thread
    /// unless `roster` already holds it).
    pub fn start(
        ledger_dir: PathBuf,
        roster_path: PathBuf,
        roster: Option<Option<Arc<Vec<Employee>>>>,
    ) -> Loading {
        let read = Arc::new(AtomicU64::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let total = ledger_bytes(&ledger_dir);
        let (r, c) = (Arc::clone(&read), Arc::clone(&cancel));
        let handle = std::thread::spawn(move || {
            let (roster, roster_unreadable) = match roster {
                Some(r) => (r, false),
                None => match roster::load(&roster_path) {
                    Ok(r) => (r.map(Arc::new), false),
                    Err(_) => (None, true),
                },
            };
            let model = load(&ledger_dir, roster, &r, &c)?;
            Ok(Loaded {
                model,
                roster_unreadable,
            })
        });
        Loading {
            handle: Some(handle),
            read,
            total,
            cancel,
        }
    }

    pub fn is_finished(&self) -> bool {
        self.handle
            .as_ref()
            .is_none_or(std::thread::JoinHandle::is_finished)
    }

    /// Waits for the pass to end and gives its result.
    pub fn finish(mut self) -> Result<Loaded, LedgerError> {
        match self.handle.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            _ => Err(LedgerError::Io {
                path: PathBuf::new(),
                op: ledger::IoOp::Read,
                source: io::Error::other("the ledger reader stopped unexpectedly"),
            }),
        }
    }

    /// Fraction read, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        (self.read.load(Ordering::Relaxed) as f64 / self.total as f64).min(1.0)
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        // A pass nobody waits for any more (the dashboard quit) stops at its next record.
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The merged ledger of `dir`, folded. `read` counts the bytes read; `cancel` stops early.
pub fn load(
    dir: &Path,
    roster: Option<Arc<Vec<Employee>>>,
    read: &AtomicU64,
    cancel: &AtomicBool,
) -> Result<Model, LedgerError> {
    let mut model = Model::new(roster);
    // The folder may list files the merged reader finds empty: they are known from the start.
    for path in ledger::ledger_files(dir).unwrap_or_default() {
        model.file_index(&path);
    }
    let outcome = stream_ledger_reach(dir, |item| {
        if cancel.load(Ordering::Relaxed) {
            return Err(());
        }
        match item {
            Ok(record) => {
                let file = model.file_index(&record.file);
                let len = record.raw.len() as u64 + 1;
                let at = record.at.as_millisecond();
                Essentials::with(&record.raw, |f| {
                    model.add(f, at, pack(file, record.offset));
                });
                let f = &mut model.files[file];
                f.end = f.end.max(record.offset + len);
                read.fetch_add(len, Ordering::Relaxed);
            }
            Err(issue) => model.note_issue(issue),
        }
        Ok(())
    })?;
    // Stopped early only when nobody waits for the result any more (the dashboard quit), so
    // what was folded so far is as good as anything. Duplicate copies were skipped either way.
    let (_, reached) = outcome;
    for (path, to) in reached {
        // What was read and not used (a copy, a record dated back past the seal or ahead of
        // the clock, a line that could not be read) is behind the file's end too: followed
        // from there, it would come again as new, ask for a full pass, and so on for ever. A
        // file whose chain broke stays where its folded records end: nothing is folded from
        // it until a full pass.
        let file = model.file_index(&path);
        let f = &mut model.files[file];
        if !f.broken {
            f.end = f.end.max(to);
        }
    }
    for f in &mut model.files {
        // A last line whose link cannot be read (a record with a bad `seq`, say) links to
        // nothing: what is appended after it is read in a full pass, not folded unchecked.
        f.head = last_line_link(&f.path, f.end).or(Some(([0xFF; 32], u64::MAX)));
        // Records after a break are not folded, so `end` can stop short of what was read.
        f.seen = std::fs::metadata(&f.path).map_or(f.end, |m| m.len().max(f.end));
    }
    settle_voids(&mut model);
    Ok(model)
}

/// Folds again, without the records voided, everyone a `void` was folded for since.
pub fn settle_voids(model: &mut Model) {
    for i in std::mem::take(&mut model.stale) {
        // Unreadable now: the state stays as folded, and the person view says why.
        if let Ok(records) = records_of(model, i) {
            model.refold(i, &records);
        }
    }
}

/// The SHA-256 and `seq` of the line of `path` that ends at `end` (at its `\n`).
fn last_line_link(path: &Path, end: u64) -> Option<([u8; 32], u64)> {
    if end == 0 {
        return Some(([0; 32], 0));
    }
    let mut file = File::open(path).ok()?;
    let mut back = 4096u64;
    loop {
        let from = end.saturating_sub(back);
        let mut bytes = vec![0; (end - from) as usize];
        file.seek(SeekFrom::Start(from)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        bytes.pop_if(|b| *b == b'\n')?;
        match bytes.iter().rposition(|&b| b == b'\n') {
            Some(nl) => return link_of(&bytes[nl + 1..]),
            None if from == 0 => return link_of(&bytes),
            None => back *= 4,
        }
    }
}

fn link_of(line: &[u8]) -> Option<([u8; 32], u64)> {
    let (seq, _) = ledger::line_link(line)?;
    Some((ledger::line_sha256(line), seq))
}

/// What a refresh found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    /// Nothing new.
    Nothing,
    /// This many new records were folded.
    Folded(u64),
    /// A file shrank or records arrived out of order: only a full pass gives the right state.
    Reload,
}

/// What was appended to the ledger files since the model's reading of them ended: read by the
/// effect performer ([`read_appended`]), folded by update ([`fold_appended`]).
#[derive(Debug, Default)]
pub struct Appended {
    tails: Vec<Tail>,
    /// A file is shorter than what was folded of it.
    shrank: bool,
}

/// The bytes of one file from where the model's reading of it ended.
#[derive(Debug)]
struct Tail {
    path: PathBuf,
    from: u64,
    bytes: Vec<u8>,
}

/// Reads what was appended to the ledger files of `dir` since the model was built (only the
/// new bytes; nothing is folded here). A file that cannot be read now is left for next time.
pub fn read_appended(model: &Model, dir: &Path) -> Appended {
    let mut out = Appended::default();
    let Ok(paths) = ledger::ledger_files(dir) else {
        return out;
    };
    for path in paths {
        let known = model.files.iter().rfind(|f| f.path == path);
        let (end, broken, seen) = known.map_or((0, false, 0), |f| (f.end, f.broken, f.seen));
        let Ok(len) = std::fs::metadata(&path).map(|m| m.len()) else {
            continue;
        };
        if len < end.max(seen) {
            out.shrank = true;
            return out;
        }
        // Nothing after a break is folded (a full reload reads it again); nothing new.
        if broken || len == end {
            continue;
        }
        let mut bytes = Vec::with_capacity((len - end) as usize);
        let read = File::open(&path).and_then(|mut f| {
            f.seek(SeekFrom::Start(end))?;
            f.take(len - end).read_to_end(&mut bytes)
        });
        if read.is_ok() {
            out.tails.push(Tail {
                path,
                from: end,
                bytes,
            });
        }
    }
    out
}

/// Folds what [`read_appended`] read. Whole lines only: a line still being written waits for
/// the next time. A tail read from elsewhere than where the model now stands is left out.
pub fn fold_appended(model: &mut Model, appended: Appended) -> Refreshed {
    struct New {
        at: i64,
        id: String,
        file: usize,
        offset: u64,
        line: String,
    }
    if appended.shrank {
        return Refreshed::Reload;
    }
    let mut new: Vec<New> = Vec::new();
    let mut ends: Vec<(usize, u64)> = Vec::new();
    let mut unreadable = 0;
    for Tail { path, from, bytes } in appended.tails {
        let file = model.file_index(&path);
        let end = model.files[file].end;
        if end != from || model.files[file].broken {
            continue;
        }
        let mut at = 0usize;
        while let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
            let offset = end + at as u64;
            let line = &bytes[at..at + nl];
            at += nl + 1;
            // The chain must go on from the last line folded; at a break, the line before it
            // and everything after are not folded (as in a full read).
            let link = ledger::line_link(line);
            let linked = match (model.files[file].head, link) {
                (Some((hash, seq)), Some((next_seq, prev))) => {
                    prev == hash && next_seq == seq.saturating_add(1)
                }
                (None, _) => true,
                (Some(_), None) => false,
            };
            if !linked {
                // A break: the record before it is withheld too, and it may have been folded
                // already, from an earlier tail. A full read says what a fresh start would
                // (the place, the records withheld, the people they are about).
                return Refreshed::Reload;
            }
            if let Some((seq, _)) = link {
                model.files[file].head = Some((ledger::line_sha256(line), seq));
            }
            // The same envelope check as a full read: a line that fails it is counted as
            // unreadable, not folded.
            let head = std::str::from_utf8(line).ok().and_then(|text| {
                let (ts, id) = ledger::line_key(line)?;
                Some((text.to_string(), ts.as_millisecond(), id.to_string()))
            });
            match head {
                Some((line, at_ms, id)) => new.push(New {
                    at: at_ms,
                    id,
                    file,
                    offset,
                    line,
                }),
                None => unreadable += 1,
            }
        }
        ends.push((file, end + at as u64));
    }
    model.unreadable += unreadable;
    for (file, end) in &ends {
        let f = &mut model.files[*file];
        f.end = *end;
        f.seen = f.seen.max(*end);
    }
    if new.is_empty() {
        return Refreshed::Nothing;
    }
    new.sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
    // Folding in ledger order is only right when nothing new is older than what a person
    // already has; otherwise (a synced file from another site) a full pass sorts it out.
    for n in &new {
        let older = Essentials::with(&n.line, |f| {
            f.employee_id()
                .and_then(|id| model.find(id))
                .is_some_and(|i| model.people[i as usize].last_at > n.at)
        });
        if older {
            return Refreshed::Reload;
        }
    }
    for n in &new {
        Essentials::with(&n.line, |f| model.add(f, n.at, pack(n.file, n.offset)));
    }
    settle_voids(model);
    Refreshed::Folded(new.len() as u64)
}

/// The records of person `i`, parsed, in ledger order, read from where they are stored.
pub fn records_of(model: &Model, i: u32) -> io::Result<Vec<Value>> {
    let Some(p) = model.people.get(i as usize) else {
        return Ok(Vec::new());
    };
    let mut open: Vec<Option<BufReader<File>>> = (0..model.files.len()).map(|_| None).collect();
    let mut out = Vec::with_capacity(p.records.len());
    let mut line = Vec::new();
    for &location in &p.records {
        let (file, offset) = unpack(location);
        let Some(slot) = open.get_mut(file) else {
            continue;
        };
        let reader = match slot {
            Some(r) => r,
            None => slot.insert(BufReader::with_capacity(
                4096,
                File::open(&model.files[file].path)?,
            )),
        };
        reader.seek(SeekFrom::Start(offset))?;
        line.clear();
        reader.read_until(b'\n', &mut line)?;
        let value: Value = serde_json::from_slice(&line).map_err(io::Error::other)?;
        out.push(value);
    }
    Ok(out)
}
