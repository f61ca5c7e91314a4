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
    // A link to an endless file: refused the same, not read (the check of the terminal's own
    // file reads only an ordinary file).
    fs::remove_file(ledger.join("k1.jsonl")).unwrap();
    symlink("/dev/zero", ledger.join("k1.jsonl")).unwrap();
    let out = tebiki(
        dir.path(),
        &[
            "--lang", "en", "record", "stage", "E1", "informed", "--by", "T",
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("a symbolic link"), "{err}");
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
    // A first line with that seq is a gap in the numbers (the first is 1), which every reader
    // withholds the file from: `record` says so first, and to use another kiosk_id.
    assert!(err.contains("breaks its hash chain here"), "{err}");
    assert!(err.contains("k1.jsonl:1"), "{err}");
    assert!(err.contains("another kiosk_id"), "{err}");
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

/// `tebiki ARGS` with raw (possibly non-UTF-8) arguments.
fn tebiki_os(data: &Path, args: &[&std::ffi::OsStr]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .env("TEBIKI_DATA", data)
        .env_remove("TEBIKI_CONTENT")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("tebiki runs")
}

#[test]
fn arguments_that_are_not_utf8_are_a_usage_error_not_a_panic() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let bad = OsStr::from_bytes(b"\xff");
    let out = tebiki_os(
        dir.path(),
        &[
            OsStr::new("--lang"),
            OsStr::new("en"),
            OsStr::new("status"),
            bad,
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(!err.contains("panicked"), "{err}");

    let file = OsStr::from_bytes(b"x\xff.csv");
    let out = tebiki_os(
        dir.path(),
        &[
            OsStr::new("--lang"),
            OsStr::new("ja"),
            OsStr::new("export"),
            OsStr::new("-o"),
            file,
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("UTF-8"), "{err}");
    assert!(!dir.path().join(OsStr::from_bytes(b"x\xff.csv")).exists());
}

#[test]
fn a_day_count_beyond_the_calendar_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    for days in ["7304485", "4294967295"] {
        let out = tebiki(
            dir.path(),
            &[
                "--lang", "en", "record", "followup", "E1", "--in", days, "--by", "T",
            ],
        );
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{days}: {err}");
        assert!(err.contains("--in"), "{err}");
        assert!(err.contains("past the end of the calendar"), "{err}");
        assert!(!err.contains("not a date"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(
        !dir.path().join("ledger").join("k1.jsonl").exists()
            || fs::read_to_string(dir.path().join("ledger").join("k1.jsonl"))
                .unwrap()
                .is_empty(),
        "nothing written"
    );
}

/// Runs `tebiki ARGS` with stdout (or stderr) a pipe whose reader is already gone.
fn with_closed_pipe(data: &Path, args: &[&str], on_stderr: bool) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"));
    cmd.args(args)
        .env("TEBIKI_DATA", data)
        .env_remove("TEBIKI_CONTENT")
        .stdin(std::process::Stdio::null());
    if on_stderr {
        cmd.stderr(writer).stdout(std::process::Stdio::piped());
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    } else {
        cmd.stdout(writer).stderr(std::process::Stdio::piped());
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let out = tebiki(
        dir.path(),
        &[
            "--lang", "en", "record", "stage", "E1", "informed", "--by", "T",
        ],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    for args in [
        &["--lang", "en", "status", "E1", "--format", "json"][..],
        &["--lang", "en", "status", "E1"],
        &["--lang", "en", "verify", "--format", "json"],
        &["--lang", "en", "report", "--format", "json"],
        &["--lang", "en", "export", "--format", "jsonl"],
        &["--lang", "en", "content", "check"],
        &["--lang", "en", "--help"],
    ] {
        let (code, err) = with_closed_pipe(dir.path(), args, false);
        assert!(matches!(code, Some(0 | 141)), "{args:?}: {code:?} {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    // An error message to a closed stderr: no panic (101) either.
    let (code, _) = with_closed_pipe(
        dir.path(),
        &[
            "--lang", "en", "record", "stage", "NOBODY", "informed", "--by", "T",
        ],
        true,
    );
    assert!(matches!(code, Some(2 | 141)), "{code:?}");
}

fn pin_set(data: &Path, pin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["pin", "set", "--lang", "en"])
        .env("TEBIKI_DATA", data)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(format!("{pin}\n{pin}\n").as_bytes())
        .unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

#[test]
fn weak_pins_are_refused_and_the_config_is_private_and_never_written_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    for weak in ["000000", "123456", "987654", "121212"] {
        let out = pin_set(dir.path(), weak);
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{weak}: {err}");
        assert!(err.contains("too easy to guess"), "{err}");
    }
    let victim = dir.path().join("victim");
    fs::write(&victim, "keep").unwrap();
    symlink(&victim, dir.path().join("config.toml.tmp")).unwrap();
    let out = pin_set(dir.path(), "246810");
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep");
    let config = dir.path().join("config.toml");
    let meta = fs::symlink_metadata(&config).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);

    // A link in the config's place is replaced by the new file, its target left alone.
    fs::rename(&config, dir.path().join("real.toml")).unwrap();
    symlink(dir.path().join("real.toml"), &config).unwrap();
    let before = fs::read_to_string(dir.path().join("real.toml")).unwrap();
    let out = pin_set(dir.path(), "135792");
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("real.toml")).unwrap(),
        before
    );
    assert!(fs::symlink_metadata(&config).unwrap().file_type().is_file());

    // Group read given by an administrator (for a kiosk account) is kept; more never is.
    fs::set_permissions(&config, fs::Permissions::from_mode(0o664)).unwrap();
    let out = pin_set(dir.path(), "246810");
    assert!(out.status.success(), "{:?}", text(&out));
    let mode = fs::metadata(&config).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
}

/// `pin set` keeps the rest of config.toml as it is; a mistake elsewhere in it is named, with
/// its line, since the kiosk will not start until it is fixed. A file that is not TOML at all
/// is not written.
#[test]
fn pin_set_names_a_mistake_elsewhere_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "[org]\nname = \"A\"\nallowance_yen = \"lots\"\n").unwrap();
    let out = pin_set(dir.path(), "246810");
    let (stdout, err) = text(&out);
    assert!(out.status.success(), "{stdout}{err}");
    assert!(stdout.contains("Admin PIN set"), "{stdout}");
    assert!(err.contains("still has a mistake at"), "{err}");
    assert!(err.contains("whole number"), "{err}");
    let written = fs::read_to_string(&config).unwrap();
    assert!(written.contains("admin_pin_hash"), "{written}");
    // The line as it is now, with the hash written.
    let at = written
        .lines()
        .position(|l| l == "allowance_yen = \"lots\"")
        .unwrap();
    assert!(err.contains(&format!("config.toml:{}", at + 1)), "{err}");

    let broken = "[org]\ncontact = \n";
    fs::write(&config, broken).unwrap();
    let out = pin_set(dir.path(), "246810");
    assert_eq!(out.status.code(), Some(2), "{:?}", text(&out));
    assert!(text(&out).1.contains("config.toml:2"), "{:?}", text(&out));
    assert!(
        text(&out).1.contains("it cannot be read as TOML ("),
        "{:?}",
        text(&out)
    );
    assert_eq!(fs::read_to_string(&config).unwrap(), broken);

    fs::write(&config, "[org]\nname = \"A\"\n").unwrap();
    let out = pin_set(dir.path(), "246810");
    assert!(out.status.success());
    assert!(!text(&out).1.contains("mistake"), "{:?}", text(&out));
}

/// A change refused on a terminal that has recorded nothing yet leaves no ledger file: the
/// file appears with the first record, not with a refusal.
#[test]
fn a_refused_first_record_leaves_no_empty_ledger_file() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let ledger = dir.path().join("ledger");
    let files = || -> Vec<String> {
        fs::read_dir(&ledger)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    let record = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "record"];
        all.extend_from_slice(args);
        tebiki(dir.path(), &all)
    };
    for args in [
        &["withdrawal", "E1", "--by", "T"][..],
        &["stage", "NOBODY", "hesitant", "--by", "T"],
    ] {
        let out = record(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {:?}", text(&out));
        assert!(
            !files()
                .iter()
                .any(|f| Path::new(f).extension().is_some_and(|e| e == "jsonl")),
            "{args:?}: {:?}",
            files()
        );
    }
    // The first change allowed makes the file, with that record in it.
    let out = record(&["stage", "E1", "hesitant", "--by", "T"]);
    assert!(out.status.success(), "{:?}", text(&out));
    let written = fs::read_to_string(ledger.join("k1.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 1, "{written}");
}

/// `record` and `record void` on a terminal whose own file has a break: a record written there
/// would be withheld by every reader with everything after the break, so nothing is written and
/// it is said where the chain breaks and what to do (another terminal's break is not theirs).
#[test]
fn a_record_is_not_added_after_a_break_in_the_terminals_own_file() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let record = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "record"];
        all.extend_from_slice(args);
        tebiki(dir.path(), &all)
    };
    for stage in ["hesitant", "informed", "hesitant"] {
        let out = record(&["stage", "E1", stage, "--by", "T"]);
        assert!(out.status.success(), "{:?}", text(&out));
    }
    // The second line changed in place: the chain breaks at the third.
    let own = dir.path().join("ledger").join("k1.jsonl");
    let changed = fs::read_to_string(&own)
        .unwrap()
        .replacen("\"informed\"", "\"migrated\"", 1);
    fs::write(&own, &changed).unwrap();
    for args in [
        &["followup", "E1", "--in", "7", "--by", "T"][..],
        &["stage", "E1", "informed", "--by", "T"],
    ] {
        let out = record(args);
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("breaks its hash chain here"), "{err}");
        assert!(err.contains("k1.jsonl:3"), "{err}");
        assert!(err.contains("another kiosk_id in config.toml"), "{err}");
        assert_eq!(
            fs::read_to_string(&own).unwrap(),
            changed,
            "nothing written"
        );
    }
    // On another terminal (a new file) it is recorded, and counted.
    let config = dir.path().join("config.toml");
    let text_of = fs::read_to_string(&config).unwrap();
    fs::write(
        &config,
        text_of.replace("kiosk_id = \"k1\"", "kiosk_id = \"k2\""),
    )
    .unwrap();
    let out = record(&["followup", "E1", "--in", "7", "--by", "T"]);
    assert!(out.status.success(), "{:?}", text(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("ledger").join("k2.jsonl"))
            .unwrap()
            .lines()
            .count(),
        1
    );
}

/// The same when the change is to a line of another person, in the middle of the file: the
/// person index, which a lookup of this person goes by, reads only their lines and the file's
/// last, so the terminal's own file is read whole before anything is written to it.
#[test]
fn a_break_in_another_persons_line_of_the_own_file_is_found_before_recording() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let roster = dir.path().join("two.csv");
    fs::write(
        &roster,
        "employee_id,name,department,email\nE1,Kim Lee,Sales,\nE2,Ana Ruiz,Sales,\n",
    )
    .unwrap();
    let out = tebiki(
        dir.path(),
        &["--lang", "en", "roster", "import", roster.to_str().unwrap()],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let record = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "record"];
        all.extend_from_slice(args);
        tebiki(dir.path(), &all)
    };
    for args in [
        &["stage", "E1", "hesitant", "--by", "T"][..],
        &["stage", "E2", "hesitant", "--by", "T"],
        &["stage", "E2", "informed", "--by", "T"],
        &["stage", "E1", "informed", "--by", "T"],
    ] {
        let out = record(args);
        assert!(out.status.success(), "{args:?}: {:?}", text(&out));
    }
    // E2's first line (the second) changed in place, the same length: no line of E1 is next
    // to it.
    let own = dir.path().join("ledger").join("k1.jsonl");
    let whole = fs::read_to_string(&own).unwrap();
    let second = whole.lines().next().unwrap().len() + 1;
    let edited = format!(
        "{}{}",
        &whole[..second],
        whole[second..].replacen("\"hesitant\"", "\"informed\"", 1)
    );
    assert_eq!(edited.len(), whole.len());
    assert_ne!(edited, whole);
    fs::write(&own, &edited).unwrap();
    let out = record(&["followup", "E1", "--in", "7", "--by", "T"]);
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("breaks its hash chain here"), "{err}");
    assert!(err.contains("k1.jsonl:3"), "{err}");
    assert_eq!(fs::read_to_string(&own).unwrap(), edited, "nothing written");
}

#[test]
fn a_cp932_export_names_every_changed_character_and_neutralises_a_leading_minus_sign() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let out = tebiki(
        dir.path(),
        &[
            "--lang",
            "en",
            "record",
            "stage",
            "E1",
            "informed",
            "--by",
            "T",
            "--note",
            "\u{2212}100 ¥500 ‾ 𠮷 10〜12時 ¥¥",
        ],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let file = dir.path().join("out.csv");
    let out = tebiki(
        dir.path(),
        &[
            "--lang",
            "en",
            "export",
            "--encoding",
            "cp932",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("1 character(s) cannot be written"), "{err}");
    assert!(
        err.contains("6 character(s) are written in Shift_JIS as another"),
        "{err}"
    );
    // The first few, by row and column as a spreadsheet shows them (the header is row 1).
    let bytes = fs::read(&file).unwrap();
    let (csv_text, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let note = headers.iter().position(|h| h == "note").unwrap();
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(
        &row[note], "'－100 \\500 ~ 〓 10～12時 \\\\",
        "the leading minus sign is neutralised"
    );
    let at = format!("row 2, column {} (note)", note + 1);
    for (from, to) in [
        ("\u{2212}", "－"),
        ("¥", "\\"),
        ("‾", "~"),
        ("𠮷", "〓"),
        ("〜", "～"),
    ] {
        assert!(
            err.contains(&format!("{at}: “{from}” becomes “{to}”")),
            "{from}: {err}"
        );
    }
    // Five are named; the rest are counted.
    assert!(err.contains("… and 2 more"), "{err}");
}

#[test]
fn a_roster_value_longer_than_200_characters_is_refused_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("in.csv");
    let long = "長".repeat(201);
    fs::write(
        &csv,
        format!(
            "employee_id,name,department,email\nE1,Kim Lee,Sales,\nE2,{long},Sales,\nE3,{},Sales,\n",
            "x".repeat(200)
        ),
    )
    .unwrap();
    let out = tebiki(
        dir.path(),
        &["--lang", "en", "roster", "import", csv.to_str().unwrap()],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("in.csv:3: the name is 201 characters long; at most 200"),
        "{err}"
    );
    assert!(!err.contains("in.csv:4"), "200 characters are fine: {err}");
    assert!(!dir.path().join("roster.csv").exists(), "nothing imported");
}

/// A command whose result is its output fails when that output cannot be written (a full
/// disk): a checkpoint kept with `verify > file` must not be silently empty. A command that
/// saved something (a record) still exits as its saving did.
#[test]
fn output_that_cannot_be_written_fails_the_command_that_is_only_output() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full on this system");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let o = common::tebiki(dir.path(), &["demo", "--employees", "30", "--lang", "en"]);
    assert!(o.status.success(), "{:?}", common::text(&o));
    let id = "E000001";
    for args in [
        vec!["verify"],
        vec!["verify", "--format", "json"],
        vec!["status", id],
        vec!["report", "--format", "json"],
        vec!["config", "check"],
    ] {
        for lang in ["en", "ja"] {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
                .args(["--lang", lang])
                .args(&args)
                .env("TEBIKI_DATA", dir.path())
                .stdout(full.try_clone().unwrap())
                .output()
                .unwrap();
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{args:?} {lang}: {err}");
            let full_words = if lang == "en" {
                "disk is full"
            } else {
                "ディスク"
            };
            assert!(err.contains(full_words), "{args:?} {lang}: {err}");
        }
    }
    // The record is on disk: its command says so by its exit, whatever became of its output.
    let lines = || -> usize {
        std::fs::read_dir(dir.path().join("ledger"))
            .unwrap()
            .map(|e| {
                fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .lines()
                    .count()
            })
            .sum()
    };
    let before = lines();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args([
            "--lang", "en", "record", "stage", id, "informed", "--by", "x",
        ])
        .env("TEBIKI_DATA", dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let after = lines();
    assert_eq!(after, before + 1);
}

/// One-time codes that could not all be written out (a full disk, a reader that went away
/// as `| head` does) are not saved, and the command says so: it exited 0 without a word, so
/// the codes someone saw looked issued and none of them worked.
#[test]
fn codes_that_could_not_be_written_out_are_not_saved_and_it_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::tebiki(dir.path(), &["demo", "--employees", "30", "--lang", "en"]);
    assert!(o.status.success(), "{:?}", common::text(&o));
    let hashes = dir.path().join("identity-codes.json");
    let codes = |lang: &str, stdout: std::process::Stdio| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["--lang", lang, "roster", "codes", "--all"])
            .env("TEBIKI_DATA", dir.path())
            .stdout(stdout)
            .output()
            .unwrap()
    };
    // A pipe whose reader has gone before anything is written.
    let gone = || {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        std::process::Stdio::from(writer)
    };
    for lang in ["en", "ja"] {
        let o = codes(lang, gone());
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{lang}: {err}");
        let words = if lang == "en" {
            "none of the codes shown works"
        } else {
            "表示されたコードはどれも使えません"
        };
        assert!(err.contains(words), "{lang}: {err}");
        assert!(!hashes.exists(), "nothing saved");
        if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
            let o = codes(lang, full.into());
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{lang}: {err}");
            assert!(err.contains(words), "{lang}: {err}");
            let full_words = if lang == "en" {
                "disk is full"
            } else {
                "ディスク"
            };
            assert!(err.contains(full_words), "{lang}: {err}");
            assert!(!hashes.exists(), "nothing saved");
        } else {
            eprintln!("skipped the full disk: no /dev/full on this system");
        }
    }
    // Written whole, they are saved.
    let o = codes("en", std::process::Stdio::piped());
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(hashes.exists());
}

/// A pipe (or a device) put where the imported roster lives is refused with its place, not
/// read: readers waited on it for ever.
#[test]
fn a_pipe_in_place_of_the_roster_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let o = common::tebiki(dir.path(), &["demo", "--employees", "20", "--lang", "en"]);
    assert!(o.status.success(), "{:?}", common::text(&o));
    let roster = dir.path().join("roster.csv");
    fs::remove_file(&roster).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&roster).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo not available");
        return;
    }
    for args in [
        vec!["report"],
        vec!["status", "E000001"],
        vec!["record", "stage", "E000001", "informed", "--by", "x"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["--lang", "en"])
            .args(&args)
            .env("TEBIKI_DATA", dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(20) {
                let _ = child.kill();
                panic!("{args:?} waits on the pipe");
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
        // `status` answers without a roster it cannot read, as it does without any roster.
        if args[0] == "status" {
            continue;
        }
        assert_eq!(status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("roster.csv"), "{args:?}: {err}");
        assert!(err.contains("special file"), "{args:?}: {err}");
    }
}

/// A note may start with `-`, written `--note=-mistake`: `--note -mistake` is refused with
/// that form shown, and an option after `--note` is never taken as the note (`--note --off`
/// is refused, not a champion turned on with the note "--off"). `report --limit -1` is refused
/// as a value, not taken for an unknown option.
#[test]
fn a_note_may_start_with_a_minus_and_a_negative_limit_is_a_bad_value() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let base = [
        "--lang", "en", "record", "stage", "E1", "informed", "--by", "T",
    ];
    let out = tebiki(
        dir.path(),
        &[&base[..], &["--note", "-mistake, see HR"]].concat(),
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--note=-mistake, see HR"), "{err}");
    let out = tebiki(
        dir.path(),
        &[&base[..], &["--note", "--close-followup"]].concat(),
    );
    assert_eq!(out.status.code(), Some(2), "{:?}", text(&out));
    let out = tebiki(dir.path(), &["status", "E1", "--format", "json"]);
    assert!(
        !text(&out).0.contains("informed"),
        "nothing recorded: {:?}",
        text(&out)
    );
    let out = tebiki(
        dir.path(),
        &[&base[..], &["--note=-mistake, see HR"]].concat(),
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let out = tebiki(dir.path(), &["status", "E1", "--format", "json"]);
    assert!(
        text(&out).0.contains("\"-mistake, see HR\""),
        "{:?}",
        text(&out)
    );
    for lang in ["en", "ja"] {
        let out = tebiki(dir.path(), &["--lang", lang, "report", "--limit", "-1"]);
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains("\"-1\"") || err.contains("「-1」"), "{err}");
        assert!(
            !err.to_lowercase().contains("unknown") && !err.contains("不明"),
            "{err}"
        );
        // What it takes, or that it is too large.
        assert!(
            err.contains("a whole number, 0 or more") || err.contains("0 以上の整数"),
            "{err}"
        );
        let out = tebiki(
            dir.path(),
            &[
                "--lang",
                lang,
                "report",
                "--limit",
                "99999999999999999999999",
            ],
        );
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("too large") || err.contains("大きすぎます"),
            "{err}"
        );
    }
}

/// `status` keeps within 80 columns whatever the data holds: a long department, a long note on
/// the open follow-up, a long kiosk id; the words are all there, on the lines that follow.
#[test]
fn status_keeps_within_80_columns_with_long_values() {
    let dir = tempfile::tempdir().unwrap();
    let kiosk = "kiosk-in-the-east-wing-second-floor-canteen";
    fs::write(
        dir.path().join("config.toml"),
        format!("kiosk_id = \"{kiosk}\"\n"),
    )
    .unwrap();
    let dept = "東日本営業本部第一営業部法人営業第二課お客様サポートチーム（新規開拓担当）";
    let csv = dir.path().join("in.csv");
    fs::write(
        &csv,
        format!("employee_id,name,department,email\nE1,長谷川 久美子,{dept},k@example.com\n"),
    )
    .unwrap();
    let out = tebiki(
        dir.path(),
        &["--lang", "en", "roster", "import", csv.to_str().unwrap()],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    let note = "Check the notification settings together, show how to silence them out of hours, and who to call when the phone is lost.";
    let out = tebiki(
        dir.path(),
        &[
            "--lang", "en", "record", "followup", "E1", "--in", "7", "--by", "HR", "--note", note,
        ],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    for lang in ["en", "ja"] {
        let (out, _) = text(&tebiki(dir.path(), &["--lang", lang, "status", "E1"]));
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{lang}: {line}\n{out}"
            );
        }
        let flat: String = out.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        assert!(flat.contains(note), "{lang}: {out}");
        assert!(out.replace(['\n', ' '], "").contains(dept), "{lang}: {out}");
    }
}

/// The name recorded as `recorded_by` is shown to staff later: a control or invisible
/// character in `--by` is refused (exit 2, nothing written), as in an id.
#[test]
fn a_recorder_name_with_control_characters_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    for (lang, words) in [("en", "control or invisible"), ("ja", "制御文字")] {
        for by in ["Bob\nEve", "Bob\u{202e}Eve", "\u{1b}[31mBob"] {
            let out = tebiki(
                dir.path(),
                &[
                    "--lang", lang, "record", "stage", "E1", "informed", "--by", by,
                ],
            );
            let (_, err) = text(&out);
            assert_eq!(out.status.code(), Some(2), "{by:?}: {err}");
            assert!(err.contains(words), "{by:?}: {err}");
            assert!(
                !err.contains('\u{1b}') && !err.contains('\u{202e}'),
                "{err}"
            );
        }
    }
    // An empty --by (a script's unset variable) is not the login name, and a name has a
    // length, as a roster value has.
    let long = "x".repeat(201);
    for (by, words) in [
        ("", "--by is empty"),
        ("   ", "--by is empty"),
        (long.as_str(), "longer than 200"),
    ] {
        let out = tebiki(
            dir.path(),
            &[
                "--lang", "en", "record", "stage", "E1", "informed", "--by", by,
            ],
        );
        let (_, err) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{by:?}: {err}");
        assert!(err.contains(words), "{by:?}: {err}");
    }
    let out = tebiki(dir.path(), &["status", "E1", "--format", "json"]);
    assert!(!text(&out).0.contains("informed"), "{:?}", text(&out));
}

/// A policy version read from the ledger (a forged record can hold anything) reaches the
/// terminal as text: `status` and the withdrawal of that consent never pass a control
/// character through.
#[test]
fn a_hostile_policy_version_from_the_ledger_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    data_with_roster(dir.path());
    let serde_json::Value::Object(body) = serde_json::json!({
        "employee": {"id": "E1", "name": "Kim Lee"},
        "how": {"method": "kiosk", "session": null},
        "policy": {"id": "p", "version": "2000\u{1b}]0;owned\u{7}\u{1b}[2J"},
        "decision": "given",
    }) else {
        unreachable!()
    };
    Writer::open(&dir.path().join("ledger"), "k9", Duration::from_secs(5))
        .unwrap()
        .append("consent", body)
        .unwrap();
    for args in [
        &["--lang", "en", "status", "E1"][..],
        &["--lang", "en", "report"],
        &["--lang", "en", "record", "withdrawal", "E1", "--by", "T"],
        &["--lang", "ja", "status", "E1"],
    ] {
        let out = tebiki(dir.path(), args);
        assert!(out.status.success(), "{args:?}: {:?}", text(&out));
        let (stdout, stderr) = text(&out);
        assert!(stdout.contains("2000"), "{args:?}: {stdout}");
        for said in [&stdout, &stderr] {
            assert!(!said.contains(['\u{1b}', '\u{7}']), "{args:?}: {said:?}");
        }
    }
}
