//! Several processes and kiosks on one ledger folder: exclusive appends, instance locks, merging.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};
use sha2::Digest;
use tebiki::ledger::{FindingKind, LedgerError, ReadIssue, Writer, merged, verify};

const CHILD_ENV: &str = "TEBIKI_LEDGER_CONCURRENCY_CHILD";
const PROCESSES: usize = 4;
const APPENDS: u64 = 500;

fn body(pairs: Value) -> Map<String, Value> {
    match pairs {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// Runs inside a child process only: appends `APPENDS` records for the shared kiosk id and
/// prints one `ACK <seq> <id>` line per synced record.
#[test]
fn concurrency_child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        return;
    };
    let (dir, writer_no) = spec.split_once('|').unwrap();
    let mut writer = Writer::open(Path::new(dir), "shared", Duration::from_secs(60)).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 1..=APPENDS {
        let a = writer
            .append("attendance", body(json!({"writer": writer_no, "n": n})))
            .unwrap();
        writeln!(out, "ACK {} {}", a.seq, a.id).unwrap();
    }
    out.flush().unwrap();
}

#[test]
fn four_processes_append_to_one_file_without_interleaving() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..PROCESSES)
        .map(|i| {
            Command::new(&exe)
                .args([
                    "--exact",
                    "concurrency_child",
                    "--nocapture",
                    "--test-threads=1",
                ])
                .env(CHILD_ENV, format!("{}|{i}", dir.display()))
                .stdout(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut acked = HashSet::new();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "child failed: {:?}", out.status);
        let text = String::from_utf8(out.stdout).unwrap();
        // The harness may print its own words before the first line, on the same line.
        for line in text
            .lines()
            .filter_map(|l| l.find("ACK ").map(|i| &l[i + 4..]))
        {
            let (_, id) = line.split_once(' ').unwrap();
            assert!(acked.insert(id.to_owned()), "id acknowledged twice: {id}");
        }
    }
    let total = PROCESSES as u64 * APPENDS;
    assert_eq!(acked.len() as u64, total);

    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.files.len(), 1);
    assert_eq!(report.files[0].records, total);
    assert_eq!(report.files[0].last_seq, total);

    let records: Vec<_> = merged(&dir).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(records.len() as u64, total);
    let ids: HashSet<String> = records.iter().map(|r| r.id.to_string()).collect();
    assert_eq!(ids, acked);
    // Each process's records are in the file in the order it appended them.
    for w in 0..PROCESSES {
        let ns: Vec<u64> = records
            .iter()
            .filter(|r| r.value["writer"] == json!(w.to_string()))
            .map(|r| r.value["n"].as_u64().unwrap())
            .collect();
        assert_eq!(ns, (1..=APPENDS).collect::<Vec<_>>(), "writer {w}");
    }
}

#[test]
fn a_second_kiosk_instance_is_refused_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let mut first = Writer::open(&dir, "k1", Duration::from_secs(1)).unwrap();
    first.claim_instance().unwrap();
    let mut second = Writer::open(&dir, "k1", Duration::from_secs(1)).unwrap();
    let start = Instant::now();
    match second.claim_instance() {
        Err(LedgerError::InstanceBusy { path }) => {
            assert_eq!(path, dir.join(".k1.instance.lock"));
        }
        other => panic!("expected InstanceBusy, got {other:?}"),
    }
    assert!(start.elapsed() < Duration::from_millis(500));
    // A CLI writer that does not claim the instance still appends between kiosk appends.
    first.append("consent", body(json!({"n": 1}))).unwrap();
    second.append("stage", body(json!({"n": 2}))).unwrap();
    first.append("consent", body(json!({"n": 3}))).unwrap();
    assert!(verify(&dir, None).unwrap().is_intact());
    drop(first);
    // Released with the first writer. (Another test of this binary starting a child process
    // can hold a copy of the lock's file for the moment between fork and exec: a moment only.)
    let released = Instant::now();
    while let Err(e) = second.claim_instance() {
        assert!(
            released.elapsed() < Duration::from_secs(2),
            "still busy after the first writer went: {e:?}"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    // The lock file is not a ledger file.
    assert_eq!(verify(&dir, None).unwrap().files.len(), 1);
}

#[test]
fn lock_wait_is_bounded() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let wait = Duration::from_millis(200);
    let mut writer = Writer::open(&dir, "k1", wait).unwrap();
    writer.append("consent", body(json!({"n": 1}))).unwrap();
    let holder = OpenOptions::new().read(true).open(writer.path()).unwrap();
    holder.lock().unwrap();

    let start = Instant::now();
    match writer.append("consent", body(json!({"n": 2}))) {
        Err(LedgerError::LockTimeout { waited, .. }) => assert!(waited >= wait),
        other => panic!("expected LockTimeout, got {other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(3));
    assert!(matches!(
        Writer::open(&dir, "k1", wait),
        Err(LedgerError::LockTimeout { .. })
    ));

    holder.unlock().unwrap();
    assert_eq!(
        writer.append("consent", body(json!({"n": 2}))).unwrap().seq,
        2
    );
}

#[test]
fn a_file_replaced_under_a_writer_is_followed() {
    // A sync tool replaces files by renaming a new copy over them; the open descriptor then
    // points at the old file, which must not receive records any more.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let mut writer = Writer::open(&dir, "k1", Duration::from_secs(1)).unwrap();
    writer.append("consent", body(json!({"n": 1}))).unwrap();
    let path = writer.path().to_path_buf();
    let copy = dir.join(".k1.jsonl.sync-tmp");
    fs::copy(&path, &copy).unwrap();
    fs::rename(&copy, &path).unwrap();
    assert_eq!(
        writer.append("consent", body(json!({"n": 2}))).unwrap().seq,
        2
    );
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.files[0].records, 2);
}

fn kiosk_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    v.sort();
    v
}

#[test]
fn kiosks_merge_by_time_then_id_and_copies_count_once() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let mut writers: Vec<_> = ["k1", "k2", "k3"]
        .iter()
        .map(|k| Writer::open(&dir, k, Duration::from_secs(1)).unwrap())
        .collect();
    let mut ids = Vec::new();
    for n in 0..60u64 {
        let w = &mut writers[(n * 7 % 3) as usize];
        ids.push(w.append("consent", body(json!({"n": n}))).unwrap().id);
    }
    // A sync tool's conflict copy of k1, and a stale (shorter) copy of k2.
    fs::copy(dir.join("k1.jsonl"), dir.join("k1 (conflict copy).jsonl")).unwrap();
    let k2 = fs::read_to_string(dir.join("k2.jsonl")).unwrap();
    let stale: String = k2.lines().take(5).flat_map(|l| [l, "\n"]).collect();
    fs::write(dir.join("k2.old.jsonl"), stale).unwrap();
    assert_eq!(kiosk_files(&dir).len(), 5);

    let mut merged = merged(&dir).unwrap();
    let records: Vec<_> = merged.by_ref().collect::<Result<_, _>>().unwrap();
    let k1_count = fs::read_to_string(dir.join("k1.jsonl"))
        .unwrap()
        .lines()
        .count() as u64;
    assert_eq!(merged.duplicates(), k1_count + 5);
    assert_eq!(records.len(), 60);
    let keys: Vec<_> = records.iter().map(|r| (r.at, r.id)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let mut got: Vec<_> = records.iter().map(|r| r.id).collect();
    got.sort();
    ids.sort();
    assert_eq!(got, ids);

    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.duplicates, k1_count + 5);
    assert_eq!(report.files.len(), 5);
}

#[test]
fn readers_report_bad_lines_with_their_place() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let mut w = Writer::open(&dir, "k1", Duration::from_secs(1)).unwrap();
    for n in 0..3 {
        w.append("consent", body(json!({"n": n}))).unwrap();
    }
    drop(w);
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.join("k1.jsonl"))
        .unwrap();
    f.write_all(b"garbage\n{\"a\":1}\n{\"schema\":\"tebi")
        .unwrap();
    drop(f);
    File::create(dir.join("empty.jsonl")).unwrap();

    let items: Vec<_> = merged(&dir).unwrap().collect();
    // The third record cannot be checked against the garbage after it, so it is withheld.
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 2);
    let issues: Vec<_> = items
        .into_iter()
        .filter_map(std::result::Result::err)
        .collect();
    assert_eq!(issues.len(), 5, "{issues:?}");
    assert!(
        matches!(&issues[0], ReadIssue::ChainBreak { line: 4, .. }),
        "{issues:?}"
    );
    assert!(
        matches!(&issues[1], ReadIssue::Unparseable { line: 4, .. }),
        "{issues:?}"
    );
    assert!(
        matches!(
            &issues[2],
            ReadIssue::BadEnvelope {
                line: 5,
                key: "schema",
                ..
            }
        ),
        "{issues:?}"
    );
    assert!(
        matches!(&issues[3], ReadIssue::TornTail { line: 6, .. }),
        "{issues:?}"
    );
    assert!(
        matches!(
            &issues[4],
            ReadIssue::Withheld {
                line: 3,
                last_line: 3,
                records: 1,
                ..
            }
        ),
        "{issues:?}"
    );

    let report = verify(&dir, None).unwrap();
    let kinds: Vec<_> = report
        .findings
        .iter()
        .map(|f| (f.line, f.kind.clone()))
        .collect();
    assert!(
        matches!(kinds[0], (Some(4), FindingKind::Unparseable)),
        "{kinds:?}"
    );
    assert!(
        matches!(kinds.last(), Some((Some(6), FindingKind::TornTail { .. }))),
        "{kinds:?}"
    );
}

#[test]
fn readers_wait_for_an_append_in_progress_instead_of_reporting_it_torn() {
    let tmp = tempfile::tempdir().unwrap();
    let source = tmp.path().join("source");
    let mut w = Writer::open(&source, "k1", Duration::from_secs(1)).unwrap();
    let first = w.append("consent", body(json!({"n": 1}))).unwrap();
    let second = w.append("consent", body(json!({"n": 2}))).unwrap();
    let bytes = fs::read(w.path()).unwrap();
    let split = bytes.iter().position(|b| *b == b'\n').unwrap() + 1;

    for reader in ["verify", "merged"] {
        let dir = tmp.path().join(reader);
        fs::create_dir(&dir).unwrap();
        let path = dir.join("k1.jsonl");
        fs::write(&path, &bytes[..split + 30]).unwrap();
        // Plays a writer caught between the start and the end of its one write.
        let file = OpenOptions::new().append(true).open(&path).unwrap();
        file.lock().unwrap();
        let rest = bytes[split + 30..].to_vec();
        let finisher = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            (&file).write_all(&rest).unwrap();
            file.unlock().unwrap();
        });
        if reader == "verify" {
            let report = verify(&dir, None).unwrap();
            assert!(report.is_intact(), "{:#?}", report.findings);
            assert_eq!(report.files[0].records, 2);
        } else {
            let records: Vec<_> = merged(&dir).unwrap().collect::<Result<_, _>>().unwrap();
            let got: Vec<_> = records.iter().map(|r| (r.id, r.seq, r.at)).collect();
            assert_eq!(got, [(first.id, 1, first.at), (second.id, 2, second.at)]);
            assert_eq!(
                hex::encode(sha2::Sha256::digest(&records[1].raw)),
                second.line_sha256
            );
        }
        finisher.join().unwrap();
    }
}
