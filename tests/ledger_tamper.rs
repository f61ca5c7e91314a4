//! Every change to a 1,000-record ledger is detected and located by verify.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use tebiki::ledger::{
    Checkpoint, FindingKind, GENESIS_PREV, LedgerIo, VerifyReport, Writer, verify,
};

const RECORDS: usize = 1000;
const KIOSK: &str = "k1";
const FILE: &str = "k1.jsonl";

/// Builds the template without a sync per record: durability is not under test here.
struct NoSync;

impl LedgerIo for NoSync {
    fn sync(&mut self, _: &File) -> io::Result<()> {
        Ok(())
    }
}

struct Template {
    bytes: Vec<u8>,
    /// Byte offset where each line starts, plus the file length at the end.
    starts: Vec<usize>,
    checkpoint: Checkpoint,
    _dir: tempfile::TempDir,
}

fn template() -> &'static Template {
    static T: OnceLock<Template> = OnceLock::new();
    T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut w =
            Writer::open_with_io(dir.path(), KIOSK, Duration::from_secs(5), Box::new(NoSync))
                .unwrap();
        for n in 0..RECORDS {
            // Small bodies keep the many debug-build verifications quick; size is not under test.
            let Value::Object(body) = json!({
                "employee": {"id": format!("E{n:05}"), "name": "山田 花子"},
                "decision": if n % 5 == 0 { "deferred" } else { "given" },
            }) else {
                unreachable!()
            };
            w.append("consent", body).unwrap();
        }
        let bytes = fs::read(w.path()).unwrap();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1),
        );
        assert_eq!(starts.len(), RECORDS + 1);
        let report = verify(dir.path(), None).unwrap();
        assert!(report.is_intact(), "{:#?}", report.findings);
        Template {
            bytes,
            starts,
            checkpoint: report.checkpoint(),
            _dir: dir,
        }
    })
}

/// Verifies `bytes` as the kiosk's file in a fresh folder.
fn check(bytes: &[u8], checkpoint: Option<&Checkpoint>) -> VerifyReport {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE), bytes).unwrap();
    verify(dir.path(), checkpoint).unwrap()
}

fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|b| *b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Not intact, and some finding points at one of `at` (1-based lines; None = the file).
fn assert_located(report: &VerifyReport, at: &[Option<u64>], what: &str) {
    assert!(!report.is_intact(), "{what}: not detected");
    assert!(
        report.findings.iter().all(|f| f.file == FILE),
        "{what}: {:#?}",
        report.findings
    );
    assert!(
        report.findings.iter().any(|f| at.contains(&f.line)),
        "{what}: expected a finding at {at:?}, got {:#?}",
        report.findings
    );
}

fn seed() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1
}

#[test]
fn untouched_and_extended_files_are_intact() {
    let t = template();
    let report = check(&t.bytes, Some(&t.checkpoint));
    assert!(report.is_intact(), "{:#?}", report.findings);
    let f = &report.files[0];
    assert_eq!(
        (f.records, f.last_seq, f.bytes),
        (1000, 1000, t.bytes.len() as u64)
    );
    let last = &t.bytes[t.starts[RECORDS - 1]..t.bytes.len() - 1];
    assert_eq!(f.head_sha256, hex::encode(Sha256::digest(last)));
    assert!(f.first_at <= f.last_at && f.first_at.is_some());

    // An older checkpoint (taken at record 600) is extended by the full file.
    let mid = &t.bytes[..t.starts[600]];
    let old = check(mid, None).checkpoint();
    assert!(check(&t.bytes, Some(&old)).is_intact());
}

#[test]
fn any_single_changed_byte_is_detected_and_located() {
    let t = template();
    let seed = seed();
    let mut rng = seed;
    let mut next = move |n: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % n as u64) as usize
    };
    // Every fifth byte of the first and the last line (all envelope fields, the body, the
    // newline), and one random byte in each of 200 random lines; the seed varies per run.
    let mut positions: Vec<usize> = (0..t.starts[1]).step_by(5).collect();
    positions.push(t.starts[1] - 1);
    positions.extend((t.starts[RECORDS - 1]..t.bytes.len()).step_by(5));
    positions.push(t.bytes.len() - 1);
    for _ in 0..200 {
        let i = next(RECORDS);
        positions.push(t.starts[i] + next(t.starts[i + 1] - t.starts[i]));
    }
    let mut bytes = t.bytes.clone();
    for pos in positions {
        let original = bytes[pos];
        bytes[pos] = original ^ (1 + next(255) as u8);
        let line = t.starts.partition_point(|&s| s <= pos) as u64;
        let what = format!("byte {pos} (line {line}) changed, seed {seed}");
        // The checkpoint catches a change to the last line, which nothing else follows.
        let report = check(&bytes, Some(&t.checkpoint));
        assert_located(&report, &[Some(line), Some(line + 1)], &what);
        // Without a checkpoint the chain alone locates it (sampled: each check is a full pass).
        if line < RECORDS as u64 && next(4) == 0 {
            let report = check(&bytes, None);
            assert_located(&report, &[Some(line), Some(line + 1)], &what);
        }
        bytes[pos] = original;
    }
}

#[test]
fn deleted_lines_are_detected_and_located() {
    let t = template();
    for n in [1usize, 2, 500, 999] {
        let mut l = lines(&t.bytes);
        l.remove(n - 1);
        let report = check(&l.concat(), None);
        assert_located(&report, &[Some(n as u64)], &format!("line {n} deleted"));
        assert!(report.findings.iter().any(|f| f.line == Some(n as u64)
            && matches!(f.kind, FindingKind::SeqGap { expected, found }
                if expected == n as u64 && found == n as u64 + 1)));
    }
    // The last line leaves no trace in the file itself: the checkpoint says what is missing.
    let mut l = lines(&t.bytes);
    l.pop();
    let report = check(&l.concat(), Some(&t.checkpoint));
    assert_located(&report, &[None], "last line deleted");
    assert!(matches!(
        report.findings[0].kind,
        FindingKind::CheckpointNotExtended {
            seq: 1000,
            last_seq: 999,
            found_sha256: None,
            ..
        }
    ));
}

#[test]
fn swapped_lines_are_detected_and_located() {
    let t = template();
    for (a, b) in [(1usize, 2usize), (500, 501), (999, 1000), (10, 700)] {
        let mut l = lines(&t.bytes);
        l.swap(a - 1, b - 1);
        let what = format!("lines {a} and {b} swapped");
        let report = check(&l.concat(), Some(&t.checkpoint));
        assert_located(&report, &[Some(a as u64)], &what);
        assert_located(&report, &[Some(b as u64)], &what);
    }
}

#[test]
fn inserted_lines_are_detected_and_located() {
    let t = template();
    let l = lines(&t.bytes);
    let forged = {
        // A well-formed record claiming to follow line 499.
        let prev = hex::encode(Sha256::digest(&l[498][..l[498].len() - 1]));
        format!(
            "{{\"schema\":\"tebiki/1\",\"seq\":500,\"prev\":\"{prev}\",\"id\":\"019a8f4e-7c2b-7d3e-9a1b-0123456789ab\",\"at\":\"2026-11-23T01:02:03.456Z\",\"kiosk\":\"k1\",\"type\":\"consent\",\"decision\":\"refused\"}}\n"
        )
        .into_bytes()
    };
    for (n, line) in [
        (1usize, l[0].clone()),
        (500, forged),
        (1001, l[999].clone()),
    ] {
        let mut m = l.clone();
        m.insert(n - 1, line);
        let report = check(&m.concat(), Some(&t.checkpoint));
        assert_located(
            &report,
            &[Some(n as u64), Some(n as u64 + 1)],
            &format!("line inserted at {n}"),
        );
    }
    let mut m = l.clone();
    m.insert(300, b"\n".to_vec());
    assert_located(
        &check(&m.concat(), None),
        &[Some(301)],
        "empty line inserted",
    );
}

#[test]
fn truncation_is_detected_and_located() {
    let t = template();
    // Mid-line: the partial last line is a torn tail at its place.
    for n in [1usize, 437, 1000] {
        let cut = t.starts[n - 1] + 17;
        let report = check(&t.bytes[..cut], None);
        assert_located(&report, &[Some(n as u64)], &format!("cut inside line {n}"));
        assert!(matches!(
            report.findings.last().unwrap().kind,
            FindingKind::TornTail { bytes: 17, .. }
        ));
    }
    // At a line boundary, or emptied: only the checkpoint knows what was there.
    for keep in [0usize, 1, 800] {
        let report = check(&t.bytes[..t.starts[keep]], Some(&t.checkpoint));
        assert_located(&report, &[None], &format!("truncated to {keep} lines"));
        assert!(matches!(
            report.findings[0].kind,
            FindingKind::CheckpointNotExtended {
                seq: 1000,
                found_sha256: None,
                ..
            }
        ));
    }
}

/// Re-chains every line after a change, as a forger with the format in hand would.
fn rechain(values: &mut [serde_json::Map<String, Value>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut prev = GENESIS_PREV.to_owned();
    for v in values.iter_mut() {
        v.insert("prev".into(), Value::String(prev));
        let line = serde_json::to_string(v).unwrap();
        prev = hex::encode(Sha256::digest(line.as_bytes()));
        out.extend_from_slice(line.as_bytes());
        out.push(b'\n');
    }
    out
}

#[test]
fn a_rewritten_file_with_a_recomputed_chain_is_caught_by_the_checkpoint() {
    let t = template();
    let mut values: Vec<serde_json::Map<String, Value>> = lines(&t.bytes)
        .iter()
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(
        rechain(&mut values),
        t.bytes,
        "re-encoding is byte-identical"
    );

    values[499].insert("decision".into(), json!("refused"));
    let forged = rechain(&mut values);
    // Internally consistent: without a checkpoint nothing can tell.
    assert!(check(&forged, None).is_intact());
    let report = check(&forged, Some(&t.checkpoint));
    assert_located(&report, &[Some(1000)], "rewritten with a new chain");
    assert!(matches!(
        &report.findings[0].kind,
        FindingKind::CheckpointNotExtended {
            seq: 1000,
            found_sha256: Some(_),
            ..
        }
    ));
    // An auditor's checkpoint in the text form works the same.
    let text = t.checkpoint.to_text();
    let parsed = Checkpoint::parse(&text).unwrap();
    assert!(!check(&forged, Some(&parsed)).is_intact());
    // A checkpoint naming a file that is gone.
    let other = Checkpoint::parse(&format!("{text}k2.jsonl 4 {GENESIS_PREV}\n")).unwrap();
    let report = check(&t.bytes, Some(&other));
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].file, "k2.jsonl");
    assert!(matches!(
        report.findings[0].kind,
        FindingKind::CheckpointFileMissing { seq: 4, .. }
    ));
}

fn write_dir(files: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    for (name, bytes) in files {
        fs::write(path.join(name), bytes).unwrap();
    }
    (dir, path)
}

fn verify_dir(path: &Path) -> VerifyReport {
    verify(path, None).unwrap()
}

#[test]
fn conflicts_and_misplaced_records_are_located() {
    let t = template();
    let l = lines(&t.bytes);
    // The same id with other content in another file.
    let changed = String::from_utf8(l[41].clone())
        .unwrap()
        .replace("given", "refused");
    assert_ne!(changed.as_bytes(), &l[41][..]);
    let k2 = changed.replace("\"kiosk\":\"k1\"", "\"kiosk\":\"k2\"");
    let (_d, dir) = write_dir(&[(FILE, &t.bytes), ("k2.jsonl", k2.as_bytes())]);
    let report = verify_dir(&dir);
    let conflict = report
        .findings
        .iter()
        .find(|f| matches!(f.kind, FindingKind::Conflict { .. }))
        .unwrap_or_else(|| panic!("{:#?}", report.findings));
    assert_eq!(
        (conflict.file.as_str(), conflict.line),
        ("k2.jsonl", Some(1))
    );
    assert!(
        matches!(&conflict.kind, FindingKind::Conflict { other_file, other_line: 42, .. } if other_file == FILE)
    );

    // A record of k1 in k2's file that is not a copy of anything in k1's file.
    let (_d, dir) = write_dir(&[("k2.jsonl", changed.as_bytes())]);
    let report = verify_dir(&dir);
    assert!(
        report.findings.iter().any(|f| f.line == Some(1)
            && matches!(&f.kind, FindingKind::KioskMismatch { expected, found }
            if expected == "k2" && found == "k1")),
        "{:#?}",
        report.findings
    );

    // An identical copy of a whole file under another name is counted, not an error.
    let (_d, dir) = write_dir(&[(FILE, &t.bytes), ("k1-copy.jsonl", &t.bytes)]);
    let report = verify_dir(&dir);
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.duplicates, RECORDS as u64);
}

/// `first_break` finds a break where the merged reader withholds records, and none where the
/// reader only skips a line: a line that is not a record, or one whose envelope is not sound,
/// still has its hash chained.
#[test]
fn first_break_agrees_with_the_reader() {
    let t = template();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE);
    let line = |n: usize| &t.bytes[t.starts[n]..t.starts[n + 1] - 1];
    let write = |lines: &[Vec<u8>]| {
        let mut out = Vec::new();
        for l in lines {
            out.extend_from_slice(l);
            out.push(b'\n');
        }
        fs::write(&path, out).unwrap();
    };
    let first: Vec<Vec<u8>> = (0..5).map(|n| line(n).to_vec()).collect();
    write(&first);
    assert_eq!(tebiki::ledger::first_break(&path).unwrap(), None);
    let reader_breaks = || {
        tebiki::ledger::merged_raw(dir.path())
            .unwrap()
            .filter_map(Result::err)
            .any(|issue| issue.is_break())
    };
    assert!(!reader_breaks());
    // A record changed: the chain breaks at the line after it.
    let mut changed = first.clone();
    changed[1] = String::from_utf8(changed[1].clone())
        .unwrap()
        .replacen("\"given\"", "\"other\"", 1)
        .into_bytes();
    write(&changed);
    assert_eq!(tebiki::ledger::first_break(&path).unwrap(), Some(3));
    assert!(reader_breaks());
    // One byte gone from a line (no longer JSON), and a bad time in another's envelope:
    // neither line is a record, and the chain goes on through their bytes, as the line after
    // each names them. The reader reports them, but withholds nothing.
    for (n, from, to) in [
        (1, "\"decision\":\"", "\"decision\":"),
        (2, "\"at\":\"", "\"at\":\"x"),
    ] {
        let mut lines = first[..=n].to_vec();
        lines[n] = String::from_utf8(lines[n].clone())
            .unwrap()
            .replacen(from, to, 1)
            .into_bytes();
        // The next record, chained to the damaged line.
        let next: Value = serde_json::from_slice(line(n + 1)).unwrap();
        let mut next = next.as_object().unwrap().clone();
        next.insert("prev".into(), hex::encode(Sha256::digest(&lines[n])).into());
        lines.push(serde_json::to_vec(&next).unwrap());
        write(&lines);
        assert_eq!(tebiki::ledger::first_break(&path).unwrap(), None, "{from}");
        assert!(!reader_breaks(), "{from}");
        // Every other line is used, the one after the damaged line too.
        let used = tebiki::ledger::merged_raw(dir.path())
            .unwrap()
            .flatten()
            .count();
        assert_eq!(used, n + 1, "{from}");
    }
}
