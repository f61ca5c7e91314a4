//! Integrity check of every ledger file, and the checkpoint that proves a log still extends.

mod checkpoint;
mod file;
mod piece;
mod report;

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
pub use checkpoint::*;
use file::*;
pub use report::*;

/// Large reads keep verification bound by SHA-256 rather than by system calls.
const READ_BUFFER: usize = 1 << 20;

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

/// A backdating finding, kept until every file is read: a line that is an identical copy of a
/// record elsewhere (a sync tool's copy of a sealed file, under another name) adds no record,
/// and is counted as a duplicate instead.
struct HeldBackdated {
    finding: Finding,
    file: u32,
    id: Option<Uuid>,
    hash: [u8; 16],
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
    /// The latest valid seal: its time and name, and per file the bytes it covers; without
    /// one, the latest seal whose signature could not be checked (no trusted keys, or no
    /// signature).
    basis: Option<Basis>,
    /// Whether `basis` is such a seal (its signature not checked).
    basis_unchecked: bool,
    /// Every valid seal, oldest first, the same way (for the backdating check: a record no
    /// seal before it covers must not be dated before that seal).
    bases: Vec<Basis>,
    names: Vec<String>,
    /// Records dated after this are dated in the future: a clock ahead, or a forged date
    /// (records are merged by date, so one dated ahead stays "the latest" until then).
    future: Timestamp,
    /// `future` as the writer spells times (see [`crate::ledger::reader::writer_seconds`]).
    future_text: [u8; 19],
}

/// How far ahead of the checking machine's clock a record may be dated (clocks of kiosks
/// sharing a ledger differ a little).
pub(crate) const FUTURE_GRACE_SECS: i64 = 300;

/// What the check of one file found.
struct FileOut {
    summary: FileSummary,
    findings: Vec<(Finding, u8)>,
    recovered: Vec<Recovered>,
    /// Every id read, sorted (each as its 128 bits).
    ids: Vec<u128>,
    misplaced: Vec<Misplaced>,
    backdated: Vec<HeldBackdated>,
    /// Ids of the records no void can cancel, and each void with the id it names and where
    /// it is (line, offset).
    not_voidable: Vec<u64>,
    voids: Vec<(u128, u64, u64)>,
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
    let (bases, unchecked) = check_seals(dir, seals, &mut findings);
    let basis_unchecked = bases.is_empty() && unchecked.is_some();
    let basis = bases.last().cloned().or(unchecked);
    let future = crate::ledger::reader::future_from_now();
    let shared = Shared {
        dir,
        checkpoint,
        basis,
        basis_unchecked,
        bases,
        names: files.iter().map(|p| file_name_string(p)).collect(),
        future,
        future_text: crate::ledger::reader::writer_seconds(future),
    };
    let mut report = VerifyReport {
        files: Vec::with_capacity(files.len()),
        findings: Vec::new(),
        recovered: Vec::new(),
        duplicates: 0,
    };
    let mut ids = Vec::with_capacity(files.len());
    let mut misplaced = Vec::new();
    let mut backdated = Vec::new();
    let mut not_voidable = Vec::new();
    let mut voids = Vec::new();
    for out in check_files(&shared, &files) {
        voids.extend(out.voids.into_iter().map(|v| (out.summary.file.clone(), v)));
        report.files.push(out.summary);
        findings.extend(out.findings);
        report.recovered.extend(out.recovered);
        ids.push(out.ids);
        misplaced.extend(out.misplaced);
        backdated.extend(out.backdated);
        not_voidable.push(out.not_voidable);
    }
    // A void naming a person's own decision, or a void: no tebiki command writes one.
    for (file, (target, line, offset)) in voids {
        let low = uuid::Uuid::from_u128(target).as_u64_pair().1;
        if not_voidable
            .iter()
            .any(|ids: &Vec<u64>| ids.binary_search(&low).is_ok())
        {
            let kind = FindingKind::VoidNotAllowed {
                target: uuid::Uuid::from_u128(target).to_string(),
            };
            findings.push((
                finding_at(&file, Some(line), Some(offset), kind),
                PHASE_ALL_FILES,
            ));
        }
    }
    drop(not_voidable);
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
    // In a file that no longer begins with what was sealed, where the sealed part ends is not
    // known (a line inserted or removed moves it): its records are not called backdated by
    // their offsets, the change being a finding of its own.
    let changed: Vec<String> = findings
        .iter()
        .filter(|(f, _)| matches!(f.kind, FindingKind::SealedFileChanged { .. }))
        .map(|(f, _)| f.file.clone())
        .collect();
    backdated.retain(|b| !changed.contains(&b.finding.file));
    resolve_backdated(backdated, &seen, &mut findings);
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
        .map_or(1, std::num::NonZero::get)
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
    // Lines with a repeated id outside their kiosk's file: (file, id, hash).
    let mut strays: Vec<(u32, u128, [u8; 16])> = Vec::new();
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
                if !home {
                    strays.push((idx as u32, id, hash));
                }
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
    mark_copies(shared, &mut report.files, &strays, &seen);
    seen
}

/// Names, on each file that holds nothing but identical copies of records in their own kiosks'
/// files (a sync or backup tool's copy of a ledger file, under another name), the files it
/// copies: it adds no record.
fn mark_copies(
    shared: &Shared<'_>,
    files: &mut [FileSummary],
    strays: &[(u32, u128, [u8; 16])],
    seen: &HashMap<u128, Seen>,
) {
    let mut copies: HashMap<u32, (u64, Vec<u32>)> = HashMap::new();
    for (file, id, hash) in strays {
        if let Some(original) = seen.get(id).filter(|s| s.home && s.hash == *hash) {
            let (n, of) = copies.entry(*file).or_default();
            *n += 1;
            if !of.contains(&original.file) {
                of.push(original.file);
            }
        }
    }
    for (file, (n, mut of)) in copies {
        let Some(summary) = files.get_mut(file as usize) else {
            continue;
        };
        if n > 0 && n == summary.records {
            of.sort_unstable();
            summary.copy_of = of
                .iter()
                .map(|&f| shared.names[f as usize].clone())
                .collect();
        }
    }
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

/// Records dated before a seal that does not cover them are damage unless each is an identical
/// copy of a record at another place (its original, judged there on its own).
fn resolve_backdated(
    backdated: Vec<HeldBackdated>,
    seen: &HashMap<u128, Seen>,
    findings: &mut Vec<(Finding, u8)>,
) {
    for b in backdated {
        let copy =
            b.id.and_then(|id| seen.get(&id.as_u128()))
                .is_some_and(|s| {
                    s.hash == b.hash && (s.file, Some(s.line)) != (b.file, b.finding.line)
                });
        if !copy {
            findings.push((b.finding, PHASE_LINE));
        }
    }
}

/// Entries of the ledger folder named like ledger files that are not regular `*.jsonl`.
fn odd_entries(dir: &Path, findings: &mut Vec<(Finding, u8)>) {
    for (name, what) in super::odd_ledger_entries(dir) {
        let kind = FindingKind::NotALedgerFile {
            what: what.to_owned(),
        };
        findings.push((finding_at(&name, None, None, kind), PHASE_LINE));
    }
}

/// The seals' own checks, and whether the ledger files still begin as sealed; each valid
/// seal's basis (oldest first) for the backdating check, and the latest seal whose signature
/// could not be checked (no trusted keys, or no signature beside it).
///
/// Such seals are not valid, yet the files are still compared with what they say, their
/// findings marked `unchecked`: whoever rewrote a file and deleted `seal-signers` or the
/// `.sig` files then sees the rewrite named, not only that keys or signatures are missing (a
/// seal made up by someone else can only add findings, as its own problem is one already).
fn check_seals(
    dir: &Path,
    seals: &[ReadSeal],
    findings: &mut Vec<(Finding, u8)>,
) -> (Vec<Basis>, Option<Basis>) {
    /// A sealed prefix of a file: its bytes, their SHA-256, the last seq, the seal, and
    /// whether the seal's signature went unchecked.
    type Wanted<'s> = (u64, &'s str, u64, &'s ReadSeal, bool);
    let mut push = |file: &str, kind: FindingKind| {
        findings.push((finding_at(file, None, None, kind), PHASE_LINE));
    };
    let mut previous = GENESIS_PREV.to_owned();
    let mut valid: Vec<&ReadSeal> = Vec::new();
    let mut unchecked: Vec<&ReadSeal> = Vec::new();
    for s in seals {
        let kind = match &s.problem {
            Some(SealProblem::Unreadable) => Some(FindingKind::SealUnreadable),
            Some(SealProblem::SignatureMissing) => Some(FindingKind::SealSignatureMissing),
            Some(SealProblem::SignatureInvalid) => Some(FindingKind::SealSignatureInvalid),
            Some(SealProblem::UntrustedSigner(signer, line)) => {
                Some(FindingKind::SealUntrustedSigner {
                    signer: signer.clone(),
                    certificate_line: *line,
                })
            }
            Some(SealProblem::NoSigners) => Some(FindingKind::SealNoSigners),
            None => None,
        };
        let chained = s
            .seal
            .as_ref()
            .is_some_and(|seal| seal.previous == previous);
        previous = hex::encode(s.sha256);
        if let Some(kind) = kind {
            // A seal whose signature cannot be checked (no trusted keys) or is gone (deleted
            // with the keys, say) still says what the files held; one whose signature fails
            // or is another key's is not read for that.
            let unsigned = matches!(
                kind,
                FindingKind::SealNoSigners | FindingKind::SealSignatureMissing
            );
            if unsigned && s.seal.is_some() {
                unchecked.push(s);
            }
            push(&s.name, kind);
            continue;
        }
        if !chained {
            push(&s.name, FindingKind::SealChainBreak);
        }
        valid.push(s);
    }
    // Every sealed prefix of every file, each file read once.
    let mut wanted: HashMap<&str, Vec<Wanted>> = HashMap::new();
    let marked = valid.iter().map(|s| (s, false));
    for (s, unchecked) in marked.chain(unchecked.iter().map(|s| (s, true))) {
        for f in s.seal.iter().flat_map(|seal| &seal.files) {
            wanted.entry(f.name.as_str()).or_default().push((
                f.bytes,
                f.file_sha256.as_str(),
                f.seq,
                s,
                unchecked,
            ));
        }
    }
    let mut names: Vec<&str> = wanted.keys().copied().collect();
    names.sort_unstable();
    for name in names {
        let list = &wanted[name];
        let path = dir.join(name);
        let meta = std::fs::symlink_metadata(&path);
        if meta.is_err() || !is_safe_name(name) {
            for (_, _, seq, s, unchecked) in list {
                push(
                    name,
                    FindingKind::SealedFileMissing {
                        seal: s.name.clone(),
                        seq: *seq,
                        unchecked: *unchecked,
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
        for ((bytes, sha, seq, s, unchecked), found) in list.iter().zip(hashes) {
            if found.map(hex::encode).as_deref() != Some(*sha) {
                push(
                    name,
                    FindingKind::SealedFileChanged {
                        seal: s.name.clone(),
                        seq: *seq,
                        bytes: *bytes,
                        unchecked: *unchecked,
                    },
                );
            }
        }
    }
    let basis = |s: &&ReadSeal| -> Option<Basis> {
        let (Some(at), Some(seal)) = (s.at, &s.seal) else {
            return None;
        };
        let files = seal
            .files
            .iter()
            .map(|f| (f.name.clone(), (f.bytes, f.seq)))
            .collect();
        Some((at, s.name.clone(), files))
    };
    let latest_unchecked = unchecked.iter().rev().find_map(basis);
    (valid.iter().filter_map(basis).collect(), latest_unchecked)
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
                not_records: 0,
                first_at: Some("2026-11-23T01:02:03.456Z".parse().unwrap()),
                last_at: None,
                last_seq: 2,
                head_sha256: SHA.into(),
                bytes: 10,
                sealed: None,
                copy_of: Vec::new(),
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
