//! Reading the merged ledger with the caller's work per batch of records spread over worker
//! threads, the results handed back in ledger order ([`stream_mapped`]).

use std::any::Any;
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

use super::{HANDOVER, Item, put};
use crate::ledger::LedgerError;

/// Batches in flight at most (being read, worked on, or waiting for their turn): memory stays
/// flat whatever the ledger's size and however slowly the caller writes. Four keep two
/// workers busy while one is read and one written out: six took 2.5 MB more of export's peak
/// (about 28 MB, against a target of 30) for no measurable speed.
const IN_FLIGHT: usize = 4;

/// A batch of items, its number in ledger order, and how many of its items are this round's
/// (the rest are kept for their space).
type Batch = (u64, Vec<Item>, usize);

/// What a panic carries, handed to the caller's thread to go on there.
type Panic = Box<dyn Any + Send>;

/// Reads the merged ledger of `dir` (records without their JSON tree, as
/// [`super::stream_ledger`]) on a second thread, has each batch of items turned into an `Out`
/// by `work` on one of the worker threads (one per state in `states`, each working with its
/// own), and calls `each` on the calling thread with every batch's items and their `Out`, in
/// ledger order. So a caller whose work per record costs more than reading it uses every core,
/// and its output stays in order. At most a few batches are in flight. Stops early when `each`
/// fails; returns how many duplicate records were skipped, and the workers' states. A panic in
/// `work` (or in reading) stops every thread and then goes on on the calling thread.
///
/// # Panics
/// When `states` is empty (no worker), and with any panic of `work` or of the reading.
pub fn stream_mapped<S, Out, E>(
    dir: &Path,
    states: Vec<S>,
    work: impl Fn(&mut S, &[Item]) -> Out + Sync,
    mut each: impl FnMut(&[Item], Out) -> Result<(), E>,
) -> Result<Result<(u64, Vec<S>), E>, LedgerError>
where
    S: Send,
    Out: Send,
{
    let mut merged = crate::ledger::merged_raw(dir)?;
    let workers = states.len();
    assert!(
        workers > 0,
        "stream_mapped needs a state for at least one worker"
    );
    let (jobs_tx, jobs_rx) = mpsc::sync_channel::<Batch>(workers);
    // Taken out (and so dropped) by the caller's thread when it stops, so that a reader waiting
    // to hand over a batch stops too.
    let jobs_rx = Mutex::new(Some(jobs_rx));
    let (done_tx, done_rx) = mpsc::channel::<(Batch, Result<Out, Panic>)>();
    let (back_tx, back_rx) = mpsc::channel::<Vec<Item>>();
    // Set when the caller stopped: the workers then stop too.
    let stopped = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut made = 0;
            // A batch to fill: a used one, a new one while fewer than IN_FLIGHT exist, else
            // the next one given back (none when the caller stopped).
            let mut next_batch = || match back_rx.try_recv() {
                Ok(batch) => Some(batch),
                Err(_) if made < IN_FLIGHT => {
                    made += 1;
                    Some(Vec::with_capacity(HANDOVER))
                }
                Err(_) => back_rx.recv().ok(),
            };
            let mut number = 0;
            let Some(mut batch) = next_batch() else {
                return merged.duplicates();
            };
            let mut used = 0;
            while let Some(item) = merged.next_line() {
                put(&mut batch, used, item);
                used += 1;
                if used == HANDOVER {
                    let Some(fresh) = next_batch() else {
                        return merged.duplicates();
                    };
                    let full = std::mem::replace(&mut batch, fresh);
                    if jobs_tx.send((number, full, used)).is_err() {
                        return merged.duplicates();
                    }
                    number += 1;
                    used = 0;
                }
            }
            if used > 0 {
                let _ = jobs_tx.send((number, batch, used));
            }
            merged.duplicates()
        });
        let mut workers_done = Vec::new();
        for mut state in states {
            let (jobs_rx, done_tx, work, stopped) = (&jobs_rx, done_tx.clone(), &work, &stopped);
            workers_done.push(scope.spawn(move || {
                loop {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    // The lock is held only while waiting for the next batch.
                    let job = match jobs_rx.lock().as_deref() {
                        Ok(Some(rx)) => rx.recv(),
                        _ => break,
                    };
                    let Ok((number, batch, used)) = job else {
                        break;
                    };
                    // A panic goes to the caller, which is waiting for this batch.
                    let out = catch_unwind(AssertUnwindSafe(|| work(&mut state, &batch[..used])));
                    let failed = out.is_err();
                    if done_tx.send(((number, batch, used), out)).is_err() || failed {
                        break;
                    }
                }
                state
            }));
        }
        drop(done_tx);
        let mut outcome = Ok(());
        let mut panicked: Option<Panic> = None;
        let mut waiting: BTreeMap<u64, (Vec<Item>, usize, Out)> = BTreeMap::new();
        let mut next = 0;
        'done: while let Ok(((number, batch, used), out)) = done_rx.recv() {
            let out = match out {
                Ok(out) => out,
                Err(panic) => {
                    panicked = Some(panic);
                    break 'done;
                }
            };
            waiting.insert(number, (batch, used, out));
            while let Some((batch, used, out)) = waiting.remove(&next) {
                next += 1;
                if let Err(e) = each(&batch[..used], out) {
                    outcome = Err(e);
                    break 'done;
                }
                // When the reader is done it no longer listens; the batch is then freed here.
                let _ = back_tx.send(batch);
            }
        }
        stopped.store(true, Ordering::Relaxed);
        // Dropping these makes a reader waiting for a batch, and workers sending, stop.
        drop(back_tx);
        drop(done_rx);
        drop(waiting);
        jobs_rx
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take();
        // A panic (in `work`, or a bug in the reading) goes on as the panic it is.
        let duplicates = reader.join().unwrap_or_else(|p| resume_unwind(p));
        let states: Vec<S> = workers_done
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| resume_unwind(p)))
            .collect();
        if let Some(panic) = panicked {
            resume_unwind(panic);
        }
        Ok(outcome.map(|()| (duplicates, states)))
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use serde_json::{Value, json};

    use super::*;
    use crate::ledger::Writer;
    use crate::ledger::writer::NoSync;

    fn ledger(dir: &Path, records: usize) {
        for kiosk in ["k1", "k2", "k3"] {
            let mut w =
                Writer::open_with_io(dir, kiosk, Duration::from_secs(5), Box::new(NoSync)).unwrap();
            for n in 0..records {
                let Value::Object(body) = json!({
                    "employee": {"id": format!("E{n:05}")},
                    "decision": "given",
                    "note": "x".repeat(n % 50),
                }) else {
                    unreachable!()
                };
                w.append("consent", body).unwrap();
            }
        }
    }

    #[test]
    fn every_record_comes_back_once_in_ledger_order() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path(), 1000);
        let mut order = Vec::new();
        super::super::stream_ledger(dir.path(), |item| -> Result<(), ()> {
            order.push(item.as_ref().unwrap().id);
            Ok(())
        })
        .unwrap()
        .unwrap();
        assert_eq!(order.len(), 3000);
        let mut mapped = Vec::new();
        let (duplicates, states) = stream_mapped(
            dir.path(),
            vec![0usize; 3],
            |seen: &mut usize, items| {
                *seen += items.len();
                items
                    .iter()
                    .map(|i| i.as_ref().unwrap().id)
                    .collect::<Vec<_>>()
            },
            |items, ids| -> Result<(), ()> {
                assert_eq!(items.len(), ids.len());
                mapped.extend(ids);
                Ok(())
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(duplicates, 0);
        assert_eq!(mapped, order, "ledger order kept");
        assert_eq!(states.iter().sum::<usize>(), 3000);
    }

    #[test]
    fn a_caller_that_stops_stops_everything() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path(), 2000);
        let mut batches = 0;
        let outcome = stream_mapped(
            dir.path(),
            vec![(); 2],
            |(), items| items.len(),
            |_, _| {
                batches += 1;
                if batches == 3 { Err("stop") } else { Ok(()) }
            },
        )
        .unwrap();
        assert_eq!(outcome.err(), Some("stop"));
        assert_eq!(batches, 3);
    }

    /// A panic in the work (a bug) ends the read with that panic, as it would on one thread,
    /// rather than leaving the caller waiting for a batch that never comes.
    #[test]
    fn a_work_that_panics_panics_the_caller_instead_of_hanging() {
        let dir = tempfile::tempdir().unwrap();
        ledger(dir.path(), 2000);
        let path = dir.path().to_path_buf();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let outcome = std::panic::catch_unwind(|| {
                stream_mapped(
                    &path,
                    vec![(); 2],
                    |(), items| {
                        assert!(
                            items.iter().all(|i| i.as_ref().unwrap().seq != 700),
                            "bad record"
                        );
                        items.len()
                    },
                    |_, _| -> Result<(), ()> { Ok(()) },
                )
            });
            let _ = tx.send(outcome.is_err());
        });
        let panicked = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the read hung after a worker panicked");
        assert!(panicked, "the worker's panic reaches the caller");
    }
}
