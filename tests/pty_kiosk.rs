//! `tebiki kiosk` in a real terminal: keys that would end a program do nothing, leaving takes
//! the admin PIN (slowed down after a wrong one), and SIGTERM ends it cleanly.

mod pty;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use pty::{Spawn, WAIT};

const BIN: &str = env!("CARGO_BIN_EXE_tebiki");
const PIN: &str = "246810";
const F10: &str = "\x1b[21~";

/// `tebiki pin set` as a provisioning script runs it: two lines on stdin.
fn pin_set(data: &Path, lines: &str) -> std::process::Output {
    let mut child = Command::new(BIN)
        .args(["pin", "set", "--lang", "en"])
        .env("TEBIKI_DATA", data)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tebiki pin set");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(lines.as_bytes())
        .expect("write the PIN");
    child.wait_with_output().expect("pin set finishes")
}

/// The organisation's values a kiosk shows people, all set (a kiosk does not start without).
fn org_values(data: &Path) {
    let path = data.join("config.toml");
    let text = std::fs::read_to_string(&path).expect("config written");
    let text = text.replacen("# timezone = ", "timezone = ", 1).replacen(
        "[org]\n",
        "[org]\nallowance_yen = 3000\nwifi_places = \"the head office\"\nplan = \"free\"\nnotify_window = \"9:00–20:00\"\nlost_contact = \"the IT desk\"\ncontact = \"HR\"\ncontroller = \"Sample Co.\"\nretention = \"5 years after you leave\"\nrecord_readers = \"HR\"\n",
        1,
    );
    std::fs::write(&path, text).expect("config updated");
}

#[test]
fn a_kiosk_with_values_unset_refuses_to_start_and_names_them() {
    let data = tempfile::tempdir().expect("temp dir");
    assert!(
        pin_set(data.path(), &format!("{PIN}\n{PIN}\n"))
            .status
            .success()
    );
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    let status = term.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2);
    let screen = term.screen();
    for key in [
        "org.allowance_yen",
        "org.wifi_places",
        "org.plan",
        "org.contact",
        "org.retention",
    ] {
        assert!(screen.contains(key), "{key}: {screen}");
    }
    assert!(screen.contains("config.toml"), "{screen}");
    // tebiki config check lists them too, and says all is set once they are.
    let check = |data: &Path| {
        std::process::Command::new(BIN)
            .args(["config", "check", "--lang", "en"])
            .env("TEBIKI_DATA", data)
            .output()
            .expect("config check runs")
    };
    let out = check(data.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("org.notify_window is not set"));
    org_values(data.path());
    let out = check(data.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn the_pin_is_set_from_a_script_and_stored_only_as_a_hash() {
    let data = tempfile::tempdir().expect("temp dir");
    let short = pin_set(data.path(), "123\n123\n");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 6 digits"));
    let differ = pin_set(data.path(), "246810\n246811\n");
    assert_eq!(differ.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&differ.stderr).contains("not the same"));
    let ok = pin_set(data.path(), &format!("{PIN}\n{PIN}\n"));
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let config = std::fs::read_to_string(data.path().join("config.toml")).expect("config written");
    assert!(config.contains("admin_pin_hash = \"$argon2id$"), "{config}");
    assert!(!config.contains(PIN), "the PIN itself is never stored");
    assert!(
        config.contains("# tebiki settings"),
        "the administrator's comments are kept"
    );
}

#[test]
fn a_kiosk_without_a_pin_refuses_to_start_and_says_how_to_set_one() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    let status = term.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2);
    let screen = term.screen();
    assert!(screen.contains("tebiki pin set"), "{screen}");
}

#[test]
fn a_kiosk_cannot_be_quit_and_only_the_pin_lets_staff_leave() {
    let data = tempfile::tempdir().expect("temp dir");
    assert!(
        pin_set(data.path(), &format!("{PIN}\n{PIN}\n"))
            .status
            .success()
    );
    org_values(data.path());
    let mut term = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_for("LINE WORKS on your own smartphone", WAIT);
    // Ctrl-C, Ctrl-Z, Ctrl-\, Ctrl-D, q and Esc: none of them ends or suspends the kiosk.
    for keys in ["\x03", "\x1a", "\x1c", "\x04", "q", "\x1b"] {
        term.send(keys);
        std::thread::sleep(Duration::from_millis(150));
        assert!(term.running(), "the kiosk ended after {keys:?}");
    }
    // Still drawing: the next screen appears.
    term.enter();
    term.wait_for("Employee ID", WAIT);
    term.esc();
    term.wait_for("Choose your language", WAIT);

    term.send(F10);
    term.wait_for("Enter the admin PIN", WAIT);
    term.type_text("000000");
    term.enter();
    term.wait_for("Wrong PIN", WAIT);
    // The right PIN straight after a wrong one is not even tried.
    term.type_text(PIN);
    term.enter();
    term.wait_for("Please wait", WAIT);
    assert!(term.running());
    // After the delay it is.
    std::thread::sleep(Duration::from_millis(1100));
    term.type_text(PIN);
    term.enter();
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    assert!(!term.modes().alternate_screen, "the terminal is restored");
}

#[test]
fn sigterm_ends_a_kiosk_cleanly() {
    let data = tempfile::tempdir().expect("temp dir");
    assert!(
        pin_set(data.path(), &format!("{PIN}\n{PIN}\n"))
            .status
            .success()
    );
    org_values(data.path());
    let mut term = Spawn::new(&["kiosk", "--lang", "ja"])
        .env("TEBIKI_DATA", data.path())
        .start();
    term.wait_for("言語を選んでください", WAIT);
    let pid = term.pid().expect("pid").to_string();
    let kill = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .expect("kill runs");
    assert!(kill.success());
    let status = term.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    assert!(!term.modes().alternate_screen, "the terminal is restored");
}

#[test]
fn a_second_tebiki_for_the_same_kiosk_is_refused_with_a_clear_message() {
    let data = tempfile::tempdir().expect("temp dir");
    assert!(
        pin_set(data.path(), &format!("{PIN}\n{PIN}\n"))
            .status
            .success()
    );
    org_values(data.path());
    let mut first = Spawn::new(&["kiosk", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    first.wait_for("Choose your language", WAIT);
    let mut second = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    let status = second.wait_exit(WAIT);
    assert_eq!(status.exit_code(), 2);
    let screen = second.screen();
    assert!(screen.contains("already running as this kiosk"), "{screen}");
    assert!(screen.contains("kiosk_id"), "says what to do: {screen}");
    assert!(first.running(), "the first one is not disturbed");
}

#[test]
fn a_kiosk_with_a_damaged_pin_hash_refuses_to_start_and_says_to_set_the_pin_again() {
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        data.path().join("config.toml"),
        "kiosk_id = \"k1\"\nadmin_pin_hash = \"$argon2id$garbage\"\n",
    )
    .expect("config written");
    for (lang, words) in [
        ("en", "not a valid argon2id hash"),
        ("ja", "正しい argon2id"),
    ] {
        let mut term = Spawn::new(&["kiosk", "--lang", lang])
            .env("TEBIKI_DATA", data.path())
            .start();
        let status = term.wait_exit(WAIT);
        assert_eq!(status.exit_code(), 2);
        let screen = term.screen();
        assert!(screen.contains(words), "{screen}");
        assert!(screen.contains("tebiki pin set"), "{screen}");
    }
    assert!(
        !data.path().join("ledger").join("k1.jsonl").exists(),
        "nothing written"
    );
}
