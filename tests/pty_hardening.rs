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

const PIN: &str = "246810";
const F10: &str = "\x1b[21~";

fn pin_set(data: &Path) {
    use std::io::Write;
    let mut child = Command::new(BIN)
        .args(["pin", "set", "--lang", "en"])
        .env("TEBIKI_DATA", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run tebiki pin set");
    let mut stdin = child.stdin.take().expect("stdin");
    stdin
        .write_all(format!("{PIN}\n{PIN}\n").as_bytes())
        .expect("write the PIN");
    drop(stdin);
    assert!(child.wait().expect("pin set ends").success());
    // The organisation's values a kiosk shows: a kiosk does not start without them.
    let path = data.join("config.toml");
    let text = std::fs::read_to_string(&path).expect("config written");
    let text = text.replacen(
        "[org]\n",
        "[org]\nallowance_yen = 0\nwifi_places = \"\"\nplan = \"free\"\nnotify_window = \"9:00–20:00\"\nlost_contact = \"the IT desk\"\ncontact = \"HR\"\ncontroller = \"Sample Co.\"\nretention = \"5 years\"\nrecord_readers = \"HR\"\n",
        1,
    );
    let text = if text.contains("[org]") {
        text
    } else {
        format!(
            "{text}\n[org]\nallowance_yen = 0\nwifi_places = \"\"\nplan = \"free\"\nnotify_window = \"9:00–20:00\"\nlost_contact = \"the IT desk\"\ncontact = \"HR\"\ncontroller = \"Sample Co.\"\nretention = \"5 years\"\nrecord_readers = \"HR\"\n"
        )
    };
    std::fs::write(&path, text).expect("config updated");
}

#[test]
fn a_pin_try_that_cannot_be_counted_never_opens_the_kiosk() {
    let data = tempfile::tempdir().expect("temp dir");
    pin_set(data.path());
    // A folder where the count is kept: it can be neither read nor replaced.
    let count = data.path().join("pin-attempts.json");
    std::fs::create_dir(&count).unwrap();
    std::fs::write(count.join("x"), "x").unwrap();
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_for("Choose your language", WAIT);
    term.send(F10);
    term.wait_for("Enter the admin PIN", WAIT);
    for _ in 0..8 {
        term.type_text("135792");
        term.enter();
        term.wait_for("cannot be checked", WAIT);
    }
    term.type_text(PIN);
    term.enter();
    std::thread::sleep(std::time::Duration::from_millis(500));
    let screen = term.wait_for("cannot be checked", WAIT);
    assert!(screen.contains("pin unlock"), "says what to do: {screen}");
    assert!(term.running(), "the right PIN did not open it either");
}

#[test]
fn the_lockout_says_how_long_and_until_when_and_pin_unlock_ends_it() {
    let data = tempfile::tempdir().expect("temp dir");
    pin_set(data.path());
    let now = jiff::Timestamp::now().as_second();
    // Four wrong tries a moment ago; the next wrong one locks.
    std::fs::write(
        data.path().join("pin-attempts.json"),
        format!(r#"{{"failures":4,"blocked_until":0,"last_failure":{now}}}"#),
    )
    .unwrap();
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .env("TZ", "UTC")
        .start();
    term.wait_for("Choose your language", WAIT);
    term.send(F10);
    term.wait_for("Enter the admin PIN", WAIT);
    let end = || {
        (jiff::Timestamp::now() + jiff::SignedDuration::from_secs(15 * 60))
            .to_zoned(jiff::tz::TimeZone::UTC)
            .strftime("until %H:%M")
            .to_string()
    };
    let before = end();
    term.type_text("135792");
    term.enter();
    let screen = term.wait_for("locked for 15 min", WAIT);
    let after = end();
    let flat = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&before) || flat.contains(&after),
        "{before} or {after} in: {flat}"
    );
    assert!(flat.contains("tebiki pin unlock"), "{flat}");
    // The dashboard keeps its own count: it is not locked.
    assert!(!data.path().join("pin-attempts-dashboard.json").exists());

    let out = run(data.path(), &["--lang", "en", "pin", "unlock"]);
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("cleared"));
    // The prompt still counts down its own wait; closing and opening it again starts afresh.
    term.esc();
    term.wait_for("Choose your language", WAIT);
    term.send(F10);
    term.wait_for("Enter the admin PIN", WAIT);
    term.type_text(PIN);
    term.enter();
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
}

fn signal(pid: u32, name: &str) {
    let ok = Command::new("kill")
        .args(["-s", name, &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(ok.success(), "kill -s {name}");
}

#[track_caller]
fn assert_restored(term: &pty::Pty, what: &str) {
    let modes = term.modes();
    assert!(!modes.alternate_screen, "{what}: {modes:?}");
    assert!(modes.canonical, "{what}: raw mode left on: {modes:?}");
    assert!(!modes.cursor_hidden, "{what}: {modes:?}");
    assert!(!modes.bracketed_paste, "{what}: {modes:?}");
}

#[test]
fn every_signal_that_ends_an_attended_session_restores_the_terminal_first() {
    let data = tempfile::tempdir().expect("temp dir");
    for name in ["INT", "QUIT", "USR1", "USR2", "ALRM", "TERM", "HUP"] {
        let mut term = Spawn::new(&["--lang", "en"])
            .env("TEBIKI_DATA", data.path())
            .start();
        term.wait_for("Choose your language", WAIT);
        assert!(!term.modes().canonical, "raw while running");
        let sent = std::time::Instant::now();
        signal(term.pid().expect("pid"), name);
        let status = term.wait_exit(WAIT);
        let took = sent.elapsed();
        assert!(status.success(), "SIG{name}: {status:?}");
        assert_restored(&term, &format!("SIG{name}"));
        println!("SIG{name}: exit seen after {took:?}");
        if name == "HUP" {
            // Measured to the moment the exit was seen (polled every 10 ms, plus the wait for
            // the last output), on a shared machine: the bound leaves room for that.
            assert!(took.as_millis() < 400, "SIGHUP took {took:?}");
        }
    }
}

#[test]
fn a_locked_kiosk_ignores_the_signals_it_may_and_ends_cleanly_on_term() {
    let data = tempfile::tempdir().expect("temp dir");
    pin_set(data.path());
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_for("Choose your language", WAIT);
    let pid = term.pid().expect("pid");
    for name in ["INT", "QUIT", "USR1", "USR2", "ALRM"] {
        signal(pid, name);
        std::thread::sleep(std::time::Duration::from_millis(150));
        assert!(term.running(), "SIG{name} ended the kiosk");
    }
    // Still working: the next screen appears.
    term.enter();
    term.wait_for("Employee ID", WAIT);
    signal(pid, "TERM");
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    assert_restored(&term, "SIGTERM");
}

#[test]
fn esc_back_to_the_welcome_screen_leaves_nothing_of_the_person_for_the_next() {
    let data = tempfile::tempdir().expect("temp dir");
    pin_set(data.path());
    let mut term = Spawn::new(&["kiosk", "--lang", "ja"])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_for("言語を選んでください", WAIT);
    // The person starts typing who they are.
    term.enter();
    term.wait_for("社員番号", WAIT);
    term.type_text("E7777");
    term.wait_for("E7777", WAIT);
    term.enter();
    term.type_text("Hidden Person");
    term.wait_for("Hidden Person", WAIT);
    term.esc();
    let screen = term.wait_for("言語を選んでください", WAIT);
    assert!(!screen.contains("Hidden Person"), "{screen}");
    // The next person finds an empty form.
    term.enter();
    let screen = term.wait_for("社員番号", WAIT);
    assert!(!screen.contains("E7777"), "{screen}");
    assert!(!screen.contains("Hidden Person"), "{screen}");
}

/// A terminal that hangs up without a SIGHUP reaching tebiki (here a shell above it ignores
/// the hang-up, as a wrapper may): its input then reads as ended, again and again. tebiki
/// ends as after a hang-up, at once and with exit 0, not by spinning on it until it crashes.
#[test]
fn a_hang_up_without_sighup_ends_cleanly() {
    let data = tempfile::tempdir().expect("temp dir");
    let status = data.path().join("status");
    let (master, mut child) = sh_in_pty(
        &format!(
            "trap '' HUP; '{BIN}' --lang en --data '{}' present; echo $? > '{}'",
            data.path().display(),
            status.display()
        ),
        data.path(),
    );
    // Started (its first output came), then given time to reach its loop (the rest of what it
    // draws waits in the terminal's buffer), then the terminal is gone.
    let mut reader = master.try_clone_reader().expect("PTY reader");
    let mut first = [0u8; 64];
    let _ = std::io::Read::read(&mut reader, &mut first);
    drop(reader);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    drop(master);
    let gone = std::time::Instant::now();
    loop {
        if child.try_wait().expect("query the child").is_some() {
            break;
        }
        assert!(
            gone.elapsed() < std::time::Duration::from_secs(20),
            "tebiki did not end after its terminal hung up"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let code = std::fs::read_to_string(&status).expect("the shell wrote tebiki's status");
    assert_eq!(code.trim(), "0", "ended by {code}");
    assert!(
        gone.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        gone.elapsed()
    );
}

/// A warning longer than the terminal is wrapped at its width by the rules of line breaking,
/// the rest indented, rather than cut inside a word by the terminal; into a pipe it stays one
/// line. Nothing of it is lost either way.
#[test]
fn a_long_warning_wraps_at_the_terminal_width_and_stays_one_line_in_a_pipe() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = run(data.path(), &["--lang", "en", "demo", "--employees", "20"]);
    assert!(out.status.success(), "{out:?}");
    // One line made unreadable: every reader warns about it, naming the place.
    let ledger = data.path().join("ledger");
    let file = std::fs::read_dir(&ledger)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    let body = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, body.replacen("\"demo\":true", "\"demo\":tru", 1)).unwrap();
    let piped_out = data.path().join("piped.csv");
    let piped = run(
        data.path(),
        &["--lang", "en", "export", "-o", piped_out.to_str().unwrap()],
    );
    let piped = String::from_utf8(piped.stderr).unwrap();
    let first = piped
        .lines()
        .find(|l| l.starts_with("warning:") && l.chars().count() > 80)
        .unwrap_or_else(|| panic!("a warning wider than 80 columns: {piped}"))
        .to_string();
    let out = data.path().join("pty.csv");
    let mut term = Spawn::new(&["--lang", "en", "export", "-o", out.to_str().unwrap()])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_exit(WAIT);
    let screen = term.screen();
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.starts_with(&first[..30]))
        .unwrap_or_else(|| panic!("{screen}"));
    let mut joined = rows[at].trim_end().to_string();
    for row in &rows[at + 1..] {
        let Some(rest) = row.strip_prefix("  ") else {
            break;
        };
        joined.push(' ');
        joined.push_str(rest.trim_end());
    }
    assert!(
        at + 1 < rows.len() && rows[at + 1].starts_with("  "),
        "{screen}"
    );
    assert_eq!(
        joined.split_whitespace().collect::<Vec<_>>(),
        first.split_whitespace().collect::<Vec<_>>(),
        "{screen}"
    );
}

/// `verify` on a terminal wraps its lines at the terminal's width by the rules of line
/// breaking (a time is never cut in two by the terminal), and keeps each checkpoint line whole
/// so that what is copied from the screen reads back with `--checkpoint`; into a pipe every
/// line stays as it is.
#[test]
fn verify_wraps_at_the_terminal_width_and_keeps_checkpoint_lines_whole() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = run(data.path(), &["--lang", "en", "demo", "--employees", "20"]);
    assert!(out.status.success(), "{out:?}");
    let piped = run(data.path(), &["--lang", "en", "verify"]);
    let piped = String::from_utf8(piped.stdout).unwrap();
    let time = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z").unwrap();
    let times = time.find_iter(&piped).count();
    assert!(
        piped
            .lines()
            .any(|l| l.chars().count() > 80 && time.is_match(l)),
        "a line with times wider than 80 columns: {piped}"
    );
    let mut term = Spawn::new(&["--lang", "en", "verify"])
        .env("TEBIKI_DATA", data.path())
        .size(80, 60)
        .start();
    term.wait_exit(WAIT);
    // Row by row, as the terminal shows them (its own folding included).
    let rows: Vec<String> = (0..60).map(|r| term.row(r)).collect();
    let screen = rows.join("\n");
    // Every time whole on one row.
    let on_rows: usize = rows.iter().map(|r| time.find_iter(r).count()).sum();
    assert_eq!(on_rows, times, "{screen}");
    // The checkpoint lines are written whole (the terminal folds them, nothing is indented
    // in between): each file's name, seq and hash.
    let joined: String = rows.iter().map(|r| r.trim_end()).collect();
    for line in piped.lines().filter(|l| l.starts_with("  ")) {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.len() == 3 && parts[2].len() == 64 {
            assert!(joined.contains(line.trim()), "{line}\n{screen}");
        }
    }
}

/// `export > file` from a terminal: the export goes to the file whole, and the line that says
/// how many records it holds (and whether it is complete) goes to the terminal, as it does
/// with `-o`; into a pipe, stderr holds only warnings.
#[test]
fn an_export_to_standard_output_says_its_count_on_the_terminal() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = run(data.path(), &["--lang", "en", "demo", "--employees", "10"]);
    assert!(out.status.success(), "{out:?}");
    let csv = data.path().join("out.csv");
    let (master, mut child) = sh_in_pty(
        &format!(
            "'{BIN}' --lang en --data '{}' export > '{}'",
            data.path().display(),
            csv.display()
        ),
        data.path(),
    );
    let mut reader = master.try_clone_reader().expect("PTY reader");
    let reading = std::thread::spawn(move || {
        let mut all = Vec::new();
        let _ = std::io::Read::read_to_end(&mut reader, &mut all);
        all
    });
    let status = child.wait().expect("the shell ends");
    drop(master);
    let shown = String::from_utf8_lossy(&reading.join().unwrap()).into_owned();
    assert!(status.success(), "{shown}");
    let body = std::fs::read_to_string(&csv).unwrap();
    let rows = body.lines().count() - 1;
    assert!(
        shown.contains(&format!("Exported {rows} of {rows} records"))
            && shown.contains("to standard output"),
        "{shown}"
    );
    assert!(!body.contains("Exported"), "nothing of it in the export");
    let piped = run(data.path(), &["--lang", "en", "export"]);
    assert!(String::from_utf8(piped.stderr).unwrap().is_empty());
}

/// `script` run by `sh -c` in `cwd` on a new 80x24 pseudo-terminal of its own: the terminal's
/// master side (the slave is closed here, so the child holds the only one), and the child.
fn sh_in_pty(
    script: &str,
    cwd: &std::path::Path,
) -> (
    Box<dyn portable_pty::MasterPty + Send>,
    Box<dyn portable_pty::Child + Send + Sync>,
) {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("open a PTY");
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", script]);
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(cwd);
    let child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    (pair.master, child)
}
