//! The edges: links planted where tebiki writes, a ledger at the end of its sequence numbers,
//! arguments and outputs that used to end in a panic, hostile text on the way to a terminal.

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use common::{tebiki, text};
use serde_json::Map;
use tebiki::ledger::{LedgerError, NodeKind, Writer};

const WAIT: Duration = Duration::from_secs(5);

/// A data folder with a config naming the kiosk `k1` and a roster of one person.
fn data_with_roster(dir: &Path) {
    fs::write(dir.join("config.toml"), "kiosk_id = \"k1\"\n").unwrap();
    let csv = dir.join("in.csv");
    fs::write(
        &csv,
        "employee_id,name,department,email\nE1,Kim Lee,Sales,kim@example.com\n",
    )
    .unwrap();
    let out = tebiki(
        dir,
        &["--lang", "en", "roster", "import", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{:?}", text(&out));
}

#[test]
fn a_ledger_file_that_is_a_link_a_folder_or_a_pipe_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    fs::create_dir(&ledger).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious, no newline at the end").unwrap();
    symlink(&victim, ledger.join("k1.jsonl")).unwrap();
    let err = Writer::open(&ledger, "k1", WAIT).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::NotAFile {
                kind: NodeKind::Link,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        fs::read_to_string(&victim).unwrap(),
        "precious, no newline at the end",
        "the link's target is neither cut nor written"
    );

    fs::create_dir(ledger.join("k2.jsonl")).unwrap();
    let err = Writer::open(&ledger, "k2", WAIT).unwrap_err();
    assert!(
        matches!(
            err,
            LedgerError::NotAFile {
                kind: NodeKind::Dir,
                ..
            }
        ),
        "{err:?}"
    );

    let mkfifo = std::process::Command::new("mkfifo")
        .arg(ledger.join("k3.jsonl"))
        .status();
    if matches!(mkfifo, Ok(s) if s.success()) {
        let err = Writer::open(&ledger, "k3", WAIT).unwrap_err();
        assert!(
            matches!(
                err,
                LedgerError::NotAFile {
                    kind: NodeKind::Fifo,
                    ..
                }
            ),
            "{err:?}"
        );
    } else {
        println!("skipped the named pipe: mkfifo is not available");
    }
}

#[test]
fn a_ledger_replaced_by_a_link_while_open_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", WAIT).unwrap();
    w.append("stage", Map::new()).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    let path = ledger.join("k1.jsonl");
    fs::rename(&path, dir.path().join("moved.jsonl")).unwrap();
    symlink(&victim, &path).unwrap();
    let err = w.append("stage", Map::new()).unwrap_err();
    assert!(matches!(err, LedgerError::NotAFile { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn the_cli_says_what_where_and_what_to_do_about_a_linked_ledger() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let ledger = dir.path().join("ledger");
    fs::create_dir_all(&ledger).unwrap();
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    symlink(&victim, ledger.join("k1.jsonl")).unwrap();
    let out = tebiki(
        dir.path(),
        &[
            "--lang", "en", "record", "stage", "E1", "informed", "--by", "T",
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("a symbolic link"), "{err}");
    assert!(err.contains("k1.jsonl"), "{err}");
    assert!(err.contains("Move it out of the ledger folder"), "{err}");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn a_ledger_at_the_last_seq_is_not_appended_to() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let ledger = dir.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", WAIT).unwrap();
    w.append("stage", Map::new()).unwrap();
    drop(w);
    // The same record with the largest seq there is (the chain is not what is tested here).
    let path = ledger.join("k1.jsonl");
    let text_before = fs::read_to_string(&path).unwrap();
    let last = text_before.replace("\"seq\":1,", &format!("\"seq\":{},", u64::MAX));
    fs::write(&path, &last).unwrap();

    let err = Writer::open(&ledger, "k1", WAIT)
        .and_then(|mut w| w.append("stage", Map::new()))
        .unwrap_err();
    assert!(matches!(err, LedgerError::SeqExhausted { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), last, "nothing appended");

    let out = tebiki(
        dir.path(),
        &[
            "--lang", "en", "record", "stage", "E1", "informed", "--by", "T",
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("largest sequence number"), "{err}");
    assert!(err.contains("new kiosk_id"), "{err}");
    assert_eq!(fs::read_to_string(&path).unwrap(), last, "nothing appended");
}

#[test]
fn a_last_line_with_a_broken_envelope_is_not_continued() {
    let dir = tempfile::tempdir().unwrap();
    let ledger = dir.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", WAIT).unwrap();
    w.append("stage", Map::new()).unwrap();
    drop(w);
    let path = ledger.join("k1.jsonl");
    let broken = fs::read_to_string(&path)
        .unwrap()
        .replace("\"schema\":\"tebiki/1\"", "\"schema\":\"other/9\"");
    fs::write(&path, &broken).unwrap();
    let err = Writer::open(&ledger, "k1", WAIT).unwrap_err();
    assert!(matches!(err, LedgerError::CorruptTail { .. }), "{err:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
}
