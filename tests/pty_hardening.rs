//! The edges as a person at the terminal meets them: hostile text on its way to the screen,
//! signals from outside, and the kiosk forgetting the previous person.

mod pty;

use std::path::Path;
use std::process::{Command, Stdio};

use pty::{Spawn, WAIT};

const BIN: &str = env!("CARGO_BIN_EXE_tebiki");

fn run(data: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .args(args)
        .env("TEBIKI_DATA", data)
        .env_remove("TEBIKI_CONTENT")
        .stdin(Stdio::null())
        .output()
        .expect("tebiki runs")
}

/// A data folder with one person on the roster and a stage record carrying `note`.
fn person_with_note(data: &Path, note: &str) {
    std::fs::write(data.join("config.toml"), "kiosk_id = \"k1\"\n").unwrap();
    let csv = data.join("in.csv");
    std::fs::write(
        &csv,
        "employee_id,name,department,email\nE1,Kim Lee,Sales,kim@example.com\n",
    )
    .unwrap();
    let out = run(
        data,
        &["--lang", "en", "roster", "import", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    let out = run(
        data,
        &[
            "--lang", "en", "record", "stage", "E1", "informed", "--by", "T", "--note", note,
        ],
    );
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn hostile_text_in_json_reaches_a_terminal_only_as_escapes() {
    let data = tempfile::tempdir().expect("temp dir");
    let hostile = "Eve\u{9b}2J\u{202e}gnp.exe\u{61c}\u{e0041}\u{2028}end";
    person_with_note(data.path(), hostile);
    for args in [
        &["--lang", "en", "status", "E1", "--format", "json"][..],
        &["--lang", "en", "export", "--format", "jsonl"],
    ] {
        let mut term = Spawn::new(args).env("TEBIKI_DATA", data.path()).start();
        let status = term.wait_exit(WAIT);
        assert!(status.success(), "{args:?}: {status:?}");
        let screen = term.screen();
        for escaped in ["\\u009b", "\\u202e", "\\u061c", "\\udb40\\udc41", "\\u2028"] {
            assert!(screen.contains(escaped), "{args:?}: {escaped} in\n{screen}");
        }
    }
    // Into a pipe the JSON is as stored: a script gets the exact text.
    let out = run(
        data.path(),
        &["--lang", "en", "status", "E1", "--format", "json"],
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(value.to_string().contains('\u{202e}'), "{value}");
}
