//! Failed writes, failed syncs and a full disk: the caller is told, and nothing earlier is lost.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tebiki::ledger::{FindingKind, IoOp, LedgerError, LedgerIo, SCHEMA, Writer, merged, verify};

const WAIT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy)]
enum WriteFault {
    /// Fails before writing anything.
    Fail(io::ErrorKind),
    /// Writes the first bytes of the line, then fails (a disk filling up mid-line).
    Partial(usize, io::ErrorKind),
}

/// One-shot faults: each fires on the next call of its operation, then the real call resumes.
#[derive(Debug, Default)]
struct Plan {
    write: Option<WriteFault>,
    sync: Option<io::ErrorKind>,
    truncate: Option<io::ErrorKind>,
}

#[derive(Clone, Default)]
struct Faulty(Arc<Mutex<Plan>>);

impl Faulty {
    fn arm(&self, f: impl FnOnce(&mut Plan)) {
        f(&mut self.0.lock().unwrap());
    }
}

impl LedgerIo for Faulty {
    fn write(&mut self, file: &File, bytes: &[u8]) -> io::Result<()> {
        let fault = self.0.lock().unwrap().write.take();
        let mut file = file;
        match fault {
            None => file.write_all(bytes),
            Some(WriteFault::Fail(kind)) => Err(kind.into()),
            Some(WriteFault::Partial(n, kind)) => {
                file.write_all(&bytes[..n.min(bytes.len())])?;
                Err(kind.into())
            }
        }
    }

    fn sync(&mut self, file: &File) -> io::Result<()> {
        match self.0.lock().unwrap().sync.take() {
            None => file.sync_data(),
            Some(kind) => Err(kind.into()),
        }
    }

    fn truncate(&mut self, file: &File, len: u64) -> io::Result<()> {
        match self.0.lock().unwrap().truncate.take() {
            None => file.set_len(len),
            Some(kind) => Err(kind.into()),
        }
    }
}

fn body(n: u64) -> Map<String, Value> {
    let Value::Object(map) = json!({"employee": format!("E{n:04}"), "decision": "given"}) else {
        unreachable!()
    };
    map
}

/// A writer on a fresh folder with `n` records already saved; returns the file's bytes.
fn setup(dir: &Path, n: u64) -> (Writer, Faulty, Vec<u8>) {
    let faulty = Faulty::default();
    let mut writer = Writer::open_with_io(dir, "k1", WAIT, Box::new(faulty.clone())).unwrap();
    for i in 1..=n {
        assert_eq!(writer.append("consent", body(i)).unwrap().seq, i);
    }
    let bytes = fs::read(writer.path()).unwrap();
    (writer, faulty, bytes)
}

fn assert_intact(dir: &Path, records: u64) {
    let report = verify(dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.records(), records);
    let read: Vec<_> = merged(dir).unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(read.len() as u64, records);
}

#[test]
fn failed_write_or_sync_is_reported_and_rolled_back() {
    type Case = (&'static str, fn(&mut Plan), IoOp, io::ErrorKind);
    let cases: [Case; 5] = [
        (
            "eio on write",
            |p| p.write = Some(WriteFault::Fail(io::ErrorKind::Other)),
            IoOp::Write,
            io::ErrorKind::Other,
        ),
        (
            "disk full before write",
            |p| p.write = Some(WriteFault::Fail(io::ErrorKind::StorageFull)),
            IoOp::Write,
            io::ErrorKind::StorageFull,
        ),
        (
            "disk full mid-line",
            |p| p.write = Some(WriteFault::Partial(57, io::ErrorKind::StorageFull)),
            IoOp::Write,
            io::ErrorKind::StorageFull,
        ),
        (
            "sync error",
            |p| p.sync = Some(io::ErrorKind::Other),
            IoOp::Sync,
            io::ErrorKind::Other,
        ),
        (
            "disk full on sync",
            |p| p.sync = Some(io::ErrorKind::StorageFull),
            IoOp::Sync,
            io::ErrorKind::StorageFull,
        ),
    ];
    for (name, arm, op, kind) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ledger");
        let (mut writer, faulty, before) = setup(&dir, 10);
        faulty.arm(arm);
        match writer.append("consent", body(11)) {
            Err(LedgerError::Io {
                op: got, source, ..
            }) => {
                assert_eq!((got, source.kind()), (op, kind), "{name}");
            }
            other => panic!("{name}: expected an I/O error, got {other:?}"),
        }
        assert_eq!(
            fs::read(writer.path()).unwrap(),
            before,
            "{name}: rolled back exactly"
        );
        assert_intact(&dir, 10);
        // No silent retry happened, and the next record chains onto record 10.
        let next = writer.append("consent", body(11)).unwrap();
        assert_eq!(next.seq, 11, "{name}");
        assert!(
            fs::read(writer.path()).unwrap().starts_with(&before),
            "{name}"
        );
        assert_intact(&dir, 11);
    }
}

#[test]
fn failed_rollback_leaves_a_torn_tail_that_is_recovered() {
    for reopen in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("ledger");
        let (mut writer, faulty, before) = setup(&dir, 10);
        faulty.arm(|p| {
            p.write = Some(WriteFault::Partial(40, io::ErrorKind::StorageFull));
            p.truncate = Some(io::ErrorKind::Other);
        });
        let err = writer.append("consent", body(11)).unwrap_err();
        assert_eq!(err.io_kind(), Some(io::ErrorKind::StorageFull));
        let torn = fs::read(writer.path()).unwrap();
        assert_eq!(torn.len(), before.len() + 40);

        // Until a writer recovers it, the partial line is damage, located.
        let report = verify(&dir, None).unwrap();
        assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
        assert_eq!(report.findings[0].line, Some(11));
        assert_eq!(
            report.findings[0].kind,
            FindingKind::TornTail {
                offset: before.len() as u64,
                bytes: 40
            }
        );

        if reopen {
            drop(writer);
            writer = Writer::open(&dir, "k1", WAIT).unwrap();
        }
        let next = writer.append("consent", body(11)).unwrap();
        assert_eq!(next.seq, 12, "seq 11 is the recovery record");

        let after = fs::read(writer.path()).unwrap();
        assert!(after.starts_with(&before));
        let report = verify(&dir, None).unwrap();
        assert!(report.is_intact(), "{:#?}", report.findings);
        assert_eq!(report.recovered.len(), 1);
        let rec = &report.recovered[0];
        assert_eq!(
            (rec.line, rec.offset, rec.bytes),
            (11, before.len() as u64, 40)
        );
        assert!(rec.saved_found);
        let saved = fs::read(dir.join(&rec.saved_as)).unwrap();
        assert_eq!(saved, torn[before.len()..]);
        assert_eq!(rec.saved_as, format!("k1.torn-{}.bin", before.len()));
    }
}

#[test]
fn failed_sync_whose_rollback_fails_keeps_an_unacknowledged_line() {
    // The whole line reached the file but its sync failed and the cut failed too: the caller
    // was told "not saved"; the line stays a valid, chained record and later records follow it.
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (mut writer, faulty, before) = setup(&dir, 3);
    faulty.arm(|p| {
        p.sync = Some(io::ErrorKind::Other);
        p.truncate = Some(io::ErrorKind::Other);
    });
    let err = writer.append("consent", body(4)).unwrap_err();
    assert!(
        matches!(err, LedgerError::Io { op: IoOp::Sync, .. }),
        "{err:?}"
    );
    assert_eq!(writer.append("consent", body(5)).unwrap().seq, 5);
    assert!(fs::read(writer.path()).unwrap().starts_with(&before));
    assert_intact(&dir, 5);
}

#[test]
fn crash_between_cut_and_recovery_record_is_completed_at_open() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (writer, _, before) = setup(&dir, 4);
    drop(writer);
    // The state a crash leaves after the torn bytes were saved and cut, before the record.
    let torn = b"{\"schema\":\"tebiki/1\",\"seq\":5,\"pr";
    let saved = dir.join(format!("k1.torn-{}.bin", before.len()));
    fs::write(&saved, torn).unwrap();

    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    assert_eq!(writer.append("consent", body(6)).unwrap().seq, 6);
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.recovered.len(), 1);
    assert_eq!(report.recovered[0].line, 5);
    assert_eq!(report.recovered[0].bytes, torn.len() as u64);
    assert!(report.recovered[0].saved_found);
}

#[test]
fn a_crash_while_writing_the_recovery_record_loses_neither_torn_piece() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (writer, _, before) = setup(&dir, 4);
    drop(writer);
    // A torn tail was saved and cut, then the writer died half-way through the recovery record
    // that names it: that half record is now the torn tail, at the same offset.
    let first = b"{\"schema\":\"tebiki/1\",\"seq\":5,\"pr";
    fs::write(dir.join(format!("k1.torn-{}.bin", before.len())), first).unwrap();
    let half = b"{\"schema\":\"tebiki/1\",\"seq\":5,\"prev\":\"ab";
    let mut f = fs::OpenOptions::new()
        .append(true)
        .open(dir.join("k1.jsonl"))
        .unwrap();
    f.write_all(half).unwrap();
    drop(f);

    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    assert_eq!(writer.append("consent", body(8)).unwrap().seq, 7);
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    let pieces: Vec<(u64, u64, bool)> = report
        .recovered
        .iter()
        .map(|r| (r.offset, r.bytes, r.saved_found))
        .collect();
    let at = before.len() as u64;
    assert_eq!(
        pieces,
        [
            (at, first.len() as u64, true),
            (at, half.len() as u64, true)
        ],
        "both pieces recorded, oldest first, each naming where it was"
    );
}

#[test]
fn a_recovery_that_crashed_before_the_cut_reuses_its_saved_copy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (writer, _, before) = setup(&dir, 2);
    let path = writer.path().to_path_buf();
    drop(writer);
    let torn = b"{\"schema\":\"tebiki/1\"";
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(torn)
        .unwrap();
    fs::write(dir.join(format!("k1.torn-{}.bin", before.len())), torn).unwrap();
    Writer::open(&dir, "k1", WAIT).unwrap();
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.recovered.len(), 1);
    assert_eq!(
        report.recovered[0].saved_as,
        format!("k1.torn-{}.bin", before.len())
    );
    let names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_saved_file_with_other_content_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (writer, _, before) = setup(&dir, 2);
    let path = writer.path().to_path_buf();
    drop(writer);
    let stale = dir.join(format!("k1.torn-{}.bin", before.len()));
    fs::write(&stale, b"older").unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"{\"sch")
        .unwrap();
    Writer::open(&dir, "k1", WAIT).unwrap();
    assert_eq!(fs::read(&stale).unwrap(), b"older");
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    // The older piece has no record (its record would stand where the torn tail was), so it
    // is recorded too, before the new one.
    let names: Vec<&str> = report
        .recovered
        .iter()
        .map(|r| r.saved_as.as_str())
        .collect();
    assert_eq!(
        names,
        [
            format!("k1.torn-{}.bin", before.len()),
            format!("k1.torn-{}.2.bin", before.len())
        ]
    );
    assert!(report.recovered.iter().all(|r| r.saved_found));
}

#[test]
fn a_corrupt_last_line_stops_the_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (writer, _, _) = setup(&dir, 3);
    let path = writer.path().to_path_buf();
    drop(writer);
    fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap()
        .write_all(b"not json\n")
        .unwrap();
    match Writer::open(&dir, "k1", WAIT) {
        Err(LedgerError::CorruptTail { line, .. }) => assert_eq!(line, 4),
        other => panic!("expected CorruptTail, got {other:?}"),
    }
}

#[test]
fn invalid_input_is_refused_before_any_write() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    for bad in ["", ".k", "../k", "k 1", "k/1"] {
        assert!(
            matches!(
                Writer::open(&dir, bad, WAIT),
                Err(LedgerError::BadKioskId(_))
            ),
            "{bad}"
        );
    }
    let (mut writer, _, before) = setup(&dir, 1);
    let mut reserved = body(2);
    reserved.insert("seq".into(), json!(99));
    assert!(matches!(
        writer.append("consent", reserved),
        Err(LedgerError::ReservedKey { key }) if key == "seq"
    ));
    assert!(matches!(
        writer.append("", body(2)),
        Err(LedgerError::BadRecordType(_))
    ));
    assert!(matches!(
        writer.append("a b", body(2)),
        Err(LedgerError::BadRecordType(_))
    ));
    assert_eq!(fs::read(writer.path()).unwrap(), before);
    let line = String::from_utf8(before).unwrap();
    assert!(line.starts_with(&format!("{{\"schema\":\"{SCHEMA}\",\"seq\":1,")));
}

#[cfg(unix)]
#[test]
fn permissions_are_set_explicitly() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data").join("ledger");
    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    writer.claim_instance().unwrap();
    writer.append("consent", body(1)).unwrap();
    fs::OpenOptions::new()
        .append(true)
        .open(writer.path())
        .unwrap()
        .write_all(b"{")
        .unwrap();
    drop(writer);
    Writer::open(&dir, "k1", WAIT).unwrap();
    assert_eq!(mode(&dir), 0o750);
    assert_eq!(mode(&dir.join("k1.jsonl")), 0o640);
    assert_eq!(mode(&dir.join(".k1.instance.lock")), 0o640);
    let torn = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .unwrap();
    assert_eq!(mode(&torn), 0o640);
}

/// A last record that is whole but for its `\n` (the byte taken away, or a crash just before
/// it) is ended by the next writer, not set aside as torn: the record stays in the ledger.
#[test]
fn a_whole_last_record_without_its_newline_is_ended_not_set_aside() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let (mut writer, _faulty, _) = setup(&dir, 3);
    let last = writer.append("withdrawal", body(4)).unwrap();
    drop(writer);
    let path = dir.join("k1.jsonl");
    let whole = fs::read(&path).unwrap();
    fs::write(&path, &whole[..whole.len() - 1]).unwrap();

    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    let next = writer.append("consent", body(5)).unwrap();
    assert_eq!(next.seq, last.seq + 1, "no recovery record in between");
    let after = fs::read(&path).unwrap();
    assert!(after.starts_with(&whole), "the record is kept as it was");
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert!(report.recovered.is_empty(), "{:#?}", report.recovered);
    assert_eq!(report.records(), 5);
    let pieces = fs::read_dir(&dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().contains(".torn-"))
        })
        .count();
    assert_eq!(pieces, 0, "nothing set aside");

    // A piece that is not a whole record on the chain (cut inside) is still set aside.
    let cut = fs::read(&path).unwrap();
    fs::write(&path, &cut[..cut.len() - 10]).unwrap();
    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    writer.append("consent", body(6)).unwrap();
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "{:#?}", report.findings);
    assert_eq!(report.recovered.len(), 1);
}

/// A saved record cut off the end of the file and "recovered" by the next writer: verify
/// describes the piece (the record next on the chain, its time and person), so that an
/// auditor can hold it against the receipts given, rather than only count its bytes.
#[test]
fn a_record_cut_off_the_end_is_described_from_its_piece() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let person = |n: u64| {
        let Value::Object(map) =
            json!({"employee": {"id": format!("E{n:04}"), "name": "N"}, "due": "2027-01-05"})
        else {
            unreachable!()
        };
        map
    };
    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    for n in 1..=3 {
        writer.append("followup", person(n)).unwrap();
    }
    drop(writer);
    let path = dir.join("k1.jsonl");
    let bytes = fs::read(&path).unwrap();
    let third: Value =
        serde_json::from_slice(bytes.split(|&b| b == b'\n').nth(2).unwrap()).unwrap();
    // Cut inside its last member: what the piece holds is read, up to the employee's id.
    fs::write(&path, &bytes[..bytes.len() - 12]).unwrap();
    let mut writer = Writer::open(&dir, "k1", WAIT).unwrap();
    assert_eq!(writer.append("followup", person(9)).unwrap().seq, 4);
    drop(writer);

    let report = verify(&dir, None).unwrap();
    assert_eq!(report.recovered.len(), 1);
    let piece = report.recovered[0]
        .piece
        .as_ref()
        .expect("the piece described");
    assert_eq!(piece.seq, Some(3));
    assert_eq!(piece.chained, Some(true));
    assert_eq!(piece.record_type.as_deref(), Some("followup"));
    assert_eq!(piece.employee.as_deref(), Some("E0003"));
    assert_eq!(piece.at.as_deref(), third["at"].as_str());
    assert_eq!(piece.id.as_deref(), third["id"].as_str());

    for (lang, words) in [
        ("en", "The piece is the start of record 3 (followup, "),
        ("ja", "この断片は記録 3（followup、"),
    ] {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["--lang", lang, "verify"])
            .env("TEBIKI_DATA", tmp.path())
            .env_remove("TEBIKI_CONTENT")
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(words), "{lang}: {out}");
        assert!(out.contains("E0003"), "{lang}: {out}");
    }
}
