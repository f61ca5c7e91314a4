//! Reading the merged ledger on a second thread, so that reading and the caller's work overlap
//! on two cores: every record ([`stream_ledger`]) or only a few members of each
//! ([`stream_picked`]).

use std::fs;
use std::path::{Path, PathBuf};

use super::{LedgerError, ReadIssue, Record};

mod mapped;

pub use mapped::stream_mapped;

/// Records handed from the reading thread to the caller at a time. Small, because each slot of
/// a batch keeps room for the longest line it has held (a few times the average line).
const HANDOVER: usize = 256;

/// One item of the merged ledger.
pub type Item = Result<Record, ReadIssue>;

/// Reads the merged ledger of `dir` (records without their JSON tree, see
/// [`crate::ledger::merged_raw`]) on a second thread and calls `each` with every item in
/// order, so that reading and the caller's work overlap on two cores. At most a few batches
/// are in flight, so memory stays flat; used batches go back to the reading thread, which
/// fills their records again in place (their strings keep their space), so that a pass
/// allocates nothing per record once the first batches are made. Stops early when `each`
/// fails; returns how many duplicate records were skipped.
pub fn stream_ledger<E>(
    dir: &Path,
    each: impl FnMut(&Item) -> Result<(), E>,
) -> Result<Result<u64, E>, LedgerError> {
    stream_ledger_reach(dir, each).map(|(outcome, _)| outcome)
}

/// Per ledger file, how far a pass read it (see [`crate::ledger::Merged::reached`]).
pub type Reached = Vec<(PathBuf, u64)>;

/// [`stream_ledger`], also giving per file how far reading got.
pub fn stream_ledger_reach<E>(
    dir: &Path,
    mut each: impl FnMut(&Item) -> Result<(), E>,
) -> Result<(Result<u64, E>, Reached), LedgerError> {
    let mut merged = crate::ledger::merged_raw(dir)?;
    // A batch and how many of its items are this round's (the rest are kept for their space).
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Item>, usize)>(2);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<Item>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let fresh = |back: &std::sync::mpsc::Receiver<Vec<Item>>| {
                back.try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(HANDOVER))
            };
            let mut batch = fresh(&back_rx);
            let mut used = 0;
            while let Some(item) = merged.next_line() {
                put(&mut batch, used, item);
                used += 1;
                if used == HANDOVER {
                    let full = std::mem::replace(&mut batch, fresh(&back_rx));
                    used = 0;
                    if tx.send((full, HANDOVER)).is_err() {
                        // The caller stopped; nobody wants the rest.
                        return (merged.duplicates(), merged.reached());
                    }
                }
            }
            if used > 0 {
                let _ = tx.send((batch, used));
            }
            (merged.duplicates(), merged.reached())
        });
        let mut outcome = Ok(());
        'batches: while let Ok((batch, used)) = rx.recv() {
            for item in &batch[..used] {
                if let Err(e) = each(item) {
                    outcome = Err(e);
                    break 'batches;
                }
            }
            // When the reader is done it no longer listens; the batch is then freed here.
            let _ = back_tx.send(batch);
        }
        // Dropping the receiver makes a reader still sending stop at its next batch.
        drop(rx);
        match reader.join() {
            Ok((duplicates, reached)) => Ok((outcome.map(|()| duplicates), reached)),
            // A bug, not a fault of the ledger: it goes on as the panic it is.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// Puts `item` in place `used` of `batch`, reusing the space of the record there.
fn put(batch: &mut Vec<Item>, used: usize, item: Result<crate::ledger::LineRecord<'_>, ReadIssue>) {
    match (item, batch.get_mut(used)) {
        (Ok(record), Some(Ok(slot))) => refill(slot, &record),
        (Ok(record), Some(slot)) => *slot = Ok(owned(&record)),
        (Ok(record), None) => batch.push(Ok(owned(&record))),
        (Err(issue), Some(slot)) => *slot = Err(issue),
        (Err(issue), None) => batch.push(Err(issue)),
    }
}

/// A lent record as an owned [`Record`] (without its JSON tree).
fn owned(r: &crate::ledger::LineRecord<'_>) -> Record {
    let mut record = Record {
        file: r.file.to_path_buf(),
        line: 0,
        offset: 0,
        raw: String::new(),
        value: serde_json::Value::Null,
        seq: 0,
        id: r.id,
        at: r.at,
        kiosk: String::new(),
        record_type: String::new(),
    };
    refill(&mut record, r);
    record
}

/// Overwrites `slot` with the lent record `r`, reusing the slot's strings.
fn refill(slot: &mut Record, r: &crate::ledger::LineRecord<'_>) {
    if slot.file.as_os_str() != r.file.as_os_str() {
        slot.file.clear();
        slot.file.push(r.file);
    }
    slot.line = r.line;
    slot.offset = r.offset;
    slot.raw.clear();
    // Checked to be UTF-8 when read, so this copies it as it is (checked again, quickly, to
    // borrow it as text without unsafe code).
    match simdutf8::basic::from_utf8(r.raw) {
        Ok(raw) => slot.raw.push_str(raw),
        Err(_) => slot.raw.push_str(&String::from_utf8_lossy(r.raw)),
    }
    slot.value = serde_json::Value::Null;
    slot.seq = r.seq;
    slot.id = r.id;
    slot.at = r.at;
    slot.kiosk.clear();
    slot.kiosk.push_str(r.kiosk);
    slot.record_type.clear();
    slot.record_type.push_str(r.record_type);
}

/// Records handed over at a time by [`stream_picked`], and the bytes after which a batch goes
/// early (keeps batches of long lines small).
const PICKED_RECORDS: usize = 2048;
const PICKED_BYTES: usize = 1 << 20;

/// Batches [`stream_picked`] keeps in flight. They hold only the members picked (a few hundred
/// bytes a record), so that the reading thread can run well ahead while the caller gets ready
/// (`init`), for about 15 MB at most.
const PICKED_IN_FLIGHT: usize = 32;

/// A record as [`stream_picked`] hands it over: the JSON text of the wanted top-level members,
/// or the whole line when they could not be picked for sure.
#[derive(Debug, Clone, Copy)]
pub struct Picked<'a> {
    /// Index of the record's file among the ledger files of the folder (sorted by name).
    pub file: usize,
    /// Byte offset in that file just past the record's line (and its `\n`).
    pub end: u64,
    /// The members' texts one after another, or the line.
    text: &'a [u8],
    /// `text` as text, when its whole batch was checked to be UTF-8 at once (as it always is:
    /// it is made of whole lines and of members cut at their JSON bounds, all checked by the
    /// reading thread), so that each member is not checked again.
    checked: Option<&'a str>,
    /// Where each wanted member is in `text`; (0, 0) when absent.
    spans: &'a [(u32, u32)],
    members_only: bool,
}

impl<'a> Picked<'a> {
    /// Whether the wanted members were picked: the line is in the writer's form, has each of
    /// them at most once and nothing that a JSON tree could not read (see
    /// [`crate::ledger::LineRecord::plain`]). When not, the caller reads [`Picked::line`].
    pub fn picked(&self) -> bool {
        self.members_only
    }

    /// The JSON text of wanted member `i`; `None` when the line has no such member.
    pub fn member(&self, i: usize) -> Option<&'a str> {
        // Checked to be UTF-8 by the reading thread; checked again off that thread, a batch at
        // a time, to borrow it as text.
        if let Some(text) = self.checked {
            let (start, end) = *self.spans.get(i)?;
            return if end == 0 {
                None
            } else {
                text.get(start as usize..end as usize)
            };
        }
        simdutf8::basic::from_utf8(self.member_bytes(i)?).ok()
    }

    /// The JSON bytes of wanted member `i`, for a caller that only looks for ASCII in them.
    pub fn member_bytes(&self, i: usize) -> Option<&'a [u8]> {
        let (start, end) = *self.spans.get(i)?;
        if end == 0 {
            return None;
        }
        self.text.get(start as usize..end as usize)
    }

    /// The whole line, when the members were not picked.
    pub fn line(&self) -> Option<&'a str> {
        if self.members_only {
            return None;
        }
        self.checked
            .or_else(|| simdutf8::basic::from_utf8(self.text).ok())
    }
}

/// One batch of [`stream_picked`]: per record its text (picked members or the line) in `text`,
/// and where its members are in that text.
#[derive(Debug, Default)]
struct PickedBatch {
    text: Vec<u8>,
    spans: Vec<(u32, u32)>,
    items: Vec<Result<PickedRecord, ReadIssue>>,
}

#[derive(Debug)]
struct PickedRecord {
    file: usize,
    end: u64,
    /// The record's range in `text`.
    text: (usize, usize),
    /// Where its `wanted` spans start in `spans`, when picked.
    spans: Option<usize>,
}

impl PickedBatch {
    /// Adds `record`, with its wanted members when they can be picked for sure.
    fn push(
        &mut self,
        record: &crate::ledger::LineRecord<'_>,
        wanted: usize,
        pick: &impl Fn(&[u8]) -> Option<usize>,
    ) {
        let start = self.text.len();
        let first = self.spans.len();
        let picked = match record.members {
            Some(members) if record.plain => {
                self.spans.resize(first + wanted, (0, 0));
                members.iter().all(|m| {
                    let Some(i) = pick(record.key(m)).filter(|&i| i < wanted) else {
                        return true;
                    };
                    let slot = &mut self.spans[first + i];
                    if slot.1 != 0 {
                        // A key twice: which one counts is the caller's call.
                        return false;
                    }
                    let value = record.value(m);
                    let at = (self.text.len() - start) as u32;
                    *slot = (at, at + value.len() as u32);
                    self.text.extend_from_slice(value);
                    true
                })
            }
            _ => false,
        };
        if !picked {
            self.spans.truncate(first);
            self.text.truncate(start);
            self.text.extend_from_slice(record.raw);
        }
        self.items.push(Ok(PickedRecord {
            file: record.file_index,
            end: record.offset + record.raw.len() as u64 + 1,
            text: (start, self.text.len()),
            spans: picked.then_some(first),
        }));
    }
}

/// Reads the merged ledger of `dir` on a second thread, like [`stream_ledger`], for passes that
/// need only a few top-level members of each record: the reading thread, which checks every
/// line anyway, notes where the members lie (`pick` maps a top-level key to its index among
/// `wanted` members) and hands over just those, so the caller parses only them. Nothing is
/// allocated per record. `init` runs on the calling thread while reading starts; `each` then
/// gets every item in order. Stops early when `each` fails; returns `init`'s value and how many
/// duplicate records were skipped.
pub fn stream_picked<S, E>(
    dir: &Path,
    wanted: usize,
    pick: impl Fn(&[u8]) -> Option<usize> + Send,
    init: impl FnOnce() -> S,
    mut each: impl FnMut(&mut S, Result<Picked<'_>, &ReadIssue>) -> Result<(), E>,
) -> Result<(S, Result<u64, E>), LedgerError> {
    let mut merged = crate::ledger::merged_raw(dir)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<PickedBatch>(PICKED_IN_FLIGHT);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<PickedBatch>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let fresh = || match back_rx.try_recv() {
                Ok(mut used) => {
                    used.text.clear();
                    used.spans.clear();
                    used.items.clear();
                    used
                }
                Err(_) => PickedBatch::default(),
            };
            let mut batch = fresh();
            while let Some(item) = merged.next_line() {
                match item {
                    Err(issue) => batch.items.push(Err(issue)),
                    Ok(record) => batch.push(&record, wanted, &pick),
                }
                if batch.items.len() == PICKED_RECORDS || batch.text.len() >= PICKED_BYTES {
                    let full = std::mem::replace(&mut batch, fresh());
                    if tx.send(full).is_err() {
                        // The caller stopped; nobody wants the rest.
                        return merged.duplicates();
                    }
                }
            }
            if !batch.items.is_empty() {
                let _ = tx.send(batch);
            }
            merged.duplicates()
        });
        let mut state = init();
        let mut outcome = Ok(());
        'batches: while let Ok(batch) = rx.recv() {
            // One check of the whole batch rather than one of every member.
            let whole = simdutf8::basic::from_utf8(&batch.text).ok();
            for item in &batch.items {
                let item = match item {
                    Ok(r) => Ok(Picked {
                        file: r.file,
                        end: r.end,
                        text: &batch.text[r.text.0..r.text.1],
                        checked: whole.and_then(|t| t.get(r.text.0..r.text.1)),
                        spans: match r.spans {
                            Some(first) => &batch.spans[first..first + wanted],
                            None => &[],
                        },
                        members_only: r.spans.is_some(),
                    }),
                    Err(issue) => Err(issue),
                };
                if let Err(e) = each(&mut state, item) {
                    outcome = Err(e);
                    break 'batches;
                }
            }
            // When the reader is done it no longer listens; the batch is then freed here.
            let _ = back_tx.send(batch);
        }
        // Dropping the receiver makes a reader still sending stop at its next batch.
        drop(rx);
        match reader.join() {
            Ok(duplicates) => Ok((state, outcome.map(|()| duplicates))),
            // A bug, not a fault of the ledger: it goes on as the panic it is.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

/// The total size of the ledger files in `dir` (for progress); 0 when it cannot be read.
pub fn ledger_bytes(dir: &Path) -> u64 {
    crate::ledger::ledger_files(dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}
