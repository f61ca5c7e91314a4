//! The real `tebiki` binary in a pseudo-terminal, driven key by key as a person at the
//! keyboard would: the whole employee flow, switching language midway, resizing the window,
//! and what the command line says about the result.

mod pty;

use std::path::Path;
use std::process::Command;

use pty::{Pty, Spawn, WAIT, key};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_tebiki");

/// What the tests need from the manifest: the number of text screens (the "N / 11" in the
/// header) and each question's correct option, 1-based.
struct Manifest {
    info_screens: usize,
    answers: Vec<usize>,
}

fn manifest() -> Manifest {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/manifest.toml");
    let text = std::fs::read_to_string(&path).expect("manifest readable");
    let table: toml::Table = text.parse().expect("manifest is TOML");
    let list = |key: &str| table[key].as_array().expect("an array").clone();
    let info_screens = list("screens")
        .iter()
        .filter(|s| s["kind"].as_str() == Some("info"))
        .count();
    let answers = list("questions")
        .iter()
        .map(|q| q["answer"].as_integer().expect("answer is a number") as usize)
        .collect();
    Manifest {
        info_screens,
        answers,
    }
}

/// The header's "N / M" progress (first row only, so a question counter never counts).
fn progress(screen: &str) -> Option<(usize, usize)> {
    let header = screen.lines().next()?;
    let words: Vec<&str> = header.split_whitespace().collect();
    words.windows(3).find_map(|w| match w {
        [n, "/", of] => Some((n.parse().ok()?, of.parse().ok()?)),
        _ => None,
    })
}

#[track_caller]
fn wait_progress(p: &mut Pty, n: usize, of: usize) -> String {
    p.wait_until(&format!("progress {n} / {of} in the header"), WAIT, |s| {
        progress(s) == Some((n, of))
    })
}

/// Every line of the ledger files, with the writer id each file is named after.
fn ledger_lines(data: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(data.join("ledger")) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for entry in entries {
        let path = entry.expect("ledger entry").path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).expect("ledger readable");
            assert!(
                text.is_empty() || text.ends_with('\n'),
                "every line ends with \\n: {text:?}"
            );
            out.extend(text.lines().map(|l| (stem.clone(), l.to_string())));
        }
    }
    out
}

/// The one record the flow left, and the writer id its file is named after.
fn only_record(data: &Path) -> (String, Value) {
    let lines = ledger_lines(data);
    assert_eq!(lines.len(), 1, "exactly one ledger line: {lines:#?}");
    let (kiosk, line) = lines.into_iter().next().unwrap();
    let record = serde_json::from_str(&line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    (kiosk, record)
}

/// The receipt code on the receipt screen: the value on the row labelled `label`, once the
/// row has been drawn whole (four symbols, a dash, four symbols).
fn receipt_code(p: &mut Pty, label: &str) -> String {
    let code_of = |screen: &str| -> Option<String> {
        let row = screen.lines().find(|l| l.trim_start().starts_with(label))?;
        // The value, not the scrollbar that may follow it on the same row.
        let code = row.split_whitespace().find(|w| {
            w.len() == 9
                && w.char_indices().all(|(i, c)| {
                    if i == 4 {
                        c == '-'
                    } else {
                        c.is_ascii_uppercase() || c.is_ascii_digit()
                    }
                })
        })?;
        Some(code.to_string())
    };
    let screen = p.wait_until(&format!("a receipt code after {label:?}"), WAIT, |s| {
        code_of(s).is_some()
    });
    code_of(&screen).unwrap()
}

/// Welcome -> identity -> the first text screen, typing as a person does.
fn start_and_identify(p: &mut Pty, choose: &str, id_label: &str, id: &str, name: &str, of: usize) {
    p.wait_for(choose, WAIT);
    p.enter();
    p.wait_for(id_label, WAIT);
    p.type_text(id);
    p.wait_for(id, WAIT);
    p.enter();
    p.type_text(name);
    p.wait_for(name, WAIT);
    // Enter on the name moves to the department; Enter there (left empty) submits.
    p.enter();
    p.enter();
    wait_progress(p, 1, of);
}

/// Text screens `from..=to`: End shows the last line (which marks it read), Right moves on.
/// Progress must advance on each Right; it does not if End failed to mark the screen read.
fn read_screens(p: &mut Pty, from: usize, to: usize, of: usize) {
    for n in from..=to {
        wait_progress(p, n, of);
        p.end();
        p.right();
        if n < of {
            wait_progress(p, n + 1, of);
        }
    }
}

/// Answers each question with the correct option: the first is focused, Down moves.
fn pass_check(p: &mut Pty, answers: &[usize], counter: impl Fn(usize, usize) -> String) {
    let m = answers.len();
    for (i, &answer) in answers.iter().enumerate() {
        p.wait_for(&counter(i + 1, m), WAIT);
        for _ in 1..answer {
            p.down();
        }
        p.enter();
    }
}

/// Ticks the three statements, watching each tick appear: "agree" (nothing is under the
/// cursor on arrival: Down to the first answer, Space), then down past "Not now" and "No" to
/// the two acknowledgements, each confirmed.
fn tick_all(p: &mut Pty) {
    p.down();
    p.space();
    p.wait_until("agree chosen", WAIT, |s| s.contains("(•)"));
    p.down();
    p.down();
    for n in 1..=2 {
        p.down();
        p.space();
        p.wait_until(&format!("{n} confirmed"), WAIT, |s| {
            s.matches("[x]").count() == n
        });
    }
}

#[test]
fn an_employee_walks_the_whole_flow_in_english_and_the_record_matches_the_screen() {
    let m = manifest();
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();

    p.wait_for("Choose your language", WAIT);
    let modes = p.modes();
    assert!(
        modes.alternate_screen && !modes.canonical && modes.bracketed_paste,
        "the app takes the terminal over: {modes:?}"
    );

    start_and_identify(
        &mut p,
        "Choose your language",
        "Employee ID",
        "E1001",
        "Alex Smith",
        m.info_screens,
    );
    read_screens(&mut p, 1, m.info_screens, m.info_screens);
    pass_check(&mut p, &m.answers, |n, of| format!("Question {n} of {of}"));

    let screen = p.wait_for("Choose one answer", WAIT);
    assert_eq!(progress(&screen), None, "no progress outside text screens");
    tick_all(&mut p);
    p.enter();
    p.wait_for("Please check your choice", WAIT);
    assert!(
        ledger_lines(data.path()).is_empty(),
        "nothing is recorded before the final Enter"
    );
    p.enter();
    p.wait_for("Your choice has been saved", WAIT);
    p.wait_for("Consent given", WAIT);
    let code = receipt_code(&mut p, "Receipt code");

    let (kiosk, r) = only_record(data.path());
    assert_eq!(r["schema"], "tebiki/1");
    assert_eq!(r["type"], "consent");
    assert_eq!(r["decision"], "given");
    assert_eq!(r["seq"], 1);
    assert_eq!(r["prev"], "0".repeat(64));
    assert_eq!(r["employee"]["id"], "E1001");
    assert_eq!(r["employee"]["name"], "Alex Smith");
    assert!(
        r["employee"].get("department").is_none(),
        "the department was left empty: {r}"
    );
    assert_eq!(r["kiosk"], kiosk.as_str(), "kiosk names the file");
    assert_eq!(
        r["receipt"],
        code.as_str(),
        "the code on screen is the record's"
    );
    assert_eq!(r["content"]["languages"], serde_json::json!(["en"]));

    // Finishing goes back to the welcome screen with nothing of this person left on it.
    p.enter();
    let screen = p.wait_for("Choose your language", WAIT);
    assert!(!screen.contains("Alex Smith"), "{screen}");
    p.send("q");
    let status = p.wait_exit(WAIT);
    assert!(status.success(), "q quits cleanly: {status:?}");
    let modes = p.modes();
    assert!(
        !modes.alternate_screen
            && !modes.cursor_hidden
            && !modes.bracketed_paste
            && modes.canonical,
        "the terminal is restored on the way out: {modes:?}"
    );

    // What the command line says about the same person afterwards.
    let out = Command::new(BIN)
        .args(["status", "E1001", "--lang", "en", "--data"])
        .arg(data.path())
        .env_remove("TEBIKI_DATA")
        .output()
        .expect("run tebiki status");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{:?}: {stdout}{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let consent = stdout
        .lines()
        .find(|l| l.starts_with("Consent:"))
        .unwrap_or_else(|| panic!("a consent line: {stdout}"));
    assert!(consent.contains("(given)"), "{stdout}");
    assert!(stdout.contains("Alex Smith"), "{stdout}");
}

#[test]
fn switching_language_midway_keeps_progress_and_the_japanese_name() {
    let m = manifest();
    let of = m.info_screens;
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = Spawn::new(&["--lang", "ja"])
        .env("TEBIKI_DATA", data.path())
        .start();
    // Typed as UTF-8 bytes, the way a terminal sends what an IME commits.
    let name = "山田 太郎";
    start_and_identify(
        &mut p,
        "言語を選んでください",
        "社員番号",
        "E3003",
        name,
        of,
    );
    assert!(p.row(0).contains("日本語"), "{}", p.screen());
    read_screens(&mut p, 1, 2, of);

    // On the third screen: F2 switches to English, the same screen in the same place.
    let screen = wait_progress(&mut p, 3, of);
    assert!(screen.contains("会社のメリット"), "{screen}");
    p.f2();
    let screen = p.wait_until("the header in English", WAIT, |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("English") && header.contains("What the company gains")
    });
    assert_eq!(progress(&screen), Some((3, of)), "progress kept: {screen}");
    assert!(
        !screen.lines().next().unwrap().contains("日本語"),
        "{screen}"
    );
    // And back.
    p.f2();
    let screen = p.wait_until("the header in Japanese again", WAIT, |s| {
        let header = s.lines().next().unwrap_or_default();
        header.contains("日本語") && header.contains("会社のメリット")
    });
    assert_eq!(progress(&screen), Some((3, of)), "progress kept: {screen}");

    read_screens(&mut p, 3, of, of);
    pass_check(&mut p, &m.answers, |n, of| format!("質問 {n} / {of}"));
    p.wait_for("一つ選んでください", WAIT);
    tick_all(&mut p);
    p.enter();
    p.wait_for("選択の内容を確認してください", WAIT);
    p.enter();
    p.wait_for("選んだ内容を保存しました", WAIT);
    // The receipt shows the name as typed (waited for: its row comes after the heading).
    p.wait_for(name, WAIT);
    let code = receipt_code(&mut p, "控えのコード");

    let (_, r) = only_record(data.path());
    assert_eq!(r["employee"]["name"], name);
    assert_eq!(r["employee"]["id"], "E3003");
    assert_eq!(r["receipt"], code.as_str());
    assert_eq!(r["ui_language"], "ja");
    assert_eq!(r["content"]["languages"], serde_json::json!(["ja", "en"]));
    assert_eq!(
        r["content"]["screens"][2]["languages"],
        serde_json::json!(["ja", "en"]),
        "the third screen was seen in both"
    );

    p.enter();
    p.wait_for("言語を選んでください", WAIT);
    p.send(key::ESC);
    assert!(p.wait_exit(WAIT).success());
}

#[test]
fn help_names_the_data_folder() {
    let data = tempfile::tempdir().expect("temp dir");
    let out = Command::new(BIN)
        .args(["--help", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .output()
        .expect("run tebiki --help");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{:?}: {stdout}", out.status);
    let line = stdout
        .lines()
        .find(|l| l.contains("Data folder:"))
        .unwrap_or_else(|| panic!("no data folder line: {stdout}"));
    assert!(
        line.contains(&data.path().display().to_string()),
        "names the folder TEBIKI_DATA points to: {stdout}"
    );
}

#[test]
fn resizing_the_window_rewraps_warns_when_too_small_and_keeps_working() {
    let m = manifest();
    let of = m.info_screens;
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    start_and_identify(
        &mut p,
        "Choose your language",
        "Employee ID",
        "E4004",
        "Kim Lee",
        of,
    );
    let wide_line = |s: &str| s.lines().any(|l| l.trim_end().chars().count() > 80);
    assert!(!wide_line(&p.screen()), "{}", p.screen());

    // Wider: the header spreads to the new width and the text re-wraps to it.
    p.resize(120, 40);
    let screen = p.wait_until("the screen redrawn at 120 columns", WAIT, |s| {
        let header = s.lines().next().unwrap_or_default();
        header.trim_end().ends_with("English") && header.trim_end().chars().count() > 100
    });
    assert_eq!(progress(&screen), Some((1, of)), "{screen}");
    p.wait_until("a text line wider than 80 columns", WAIT, wide_line);

    // Too small: a plain request to enlarge the window instead of a broken layout.
    p.resize(30, 10);
    let screen = p.wait_until("the enlarge request", WAIT, |s| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("Please enlarge the window")
    });
    assert_eq!(
        progress(&screen),
        None,
        "only the request is shown: {screen}"
    );

    // Back to 80x24: the same screen, and the keys still work.
    p.resize(80, 24);
    let screen = wait_progress(&mut p, 1, of);
    assert!(!screen.contains("enlarge"), "{screen}");
    assert!(!wide_line(&screen), "{screen}");
    read_screens(&mut p, 1, 2, of);
    wait_progress(&mut p, 3, of);

    // Back to the welcome screen (the person's entries are kept on the way) and quit.
    for n in (1..=3).rev() {
        wait_progress(&mut p, n, of);
        p.left();
    }
    let screen = p.wait_for("Kim Lee", WAIT);
    assert!(screen.contains("E4004"), "{screen}");
    p.esc();
    p.wait_for("Choose your language", WAIT);
    p.send("q");
    assert!(p.wait_exit(WAIT).success());
    assert!(
        ledger_lines(data.path()).is_empty(),
        "nothing recorded without a choice"
    );
}

/// The harness's promise that a failing test leaves nothing running: dropping it ends the app.
#[test]
#[cfg(target_os = "linux")]
fn dropping_the_harness_ends_the_app() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    p.wait_for("Choose your language", WAIT);
    let pid = p.pid().expect("the app's process id");
    let proc_dir = Path::new("/proc").join(pid.to_string());
    assert!(proc_dir.exists(), "running before the drop");
    drop(p);
    // Killed and reaped, so not even a zombie is left.
    assert!(
        !proc_dir.exists(),
        "process {pid} still exists after the drop"
    );
}

#[test]
fn the_receipt_counts_down_and_the_next_person_finds_the_welcome_screen() {
    let m = manifest();
    let data = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        data.path().join("config.toml"),
        "kiosk_id = \"k1\"\nreceipt_timeout_secs = 5\n",
    )
    .expect("config written");
    let mut p = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    start_and_identify(
        &mut p,
        "Choose your language",
        "Employee ID",
        "E1002",
        "Robin Private",
        m.info_screens,
    );
    read_screens(&mut p, 1, m.info_screens, m.info_screens);
    pass_check(&mut p, &m.answers, |n, of| format!("Question {n} of {of}"));
    p.wait_for("Choose one answer", WAIT);
    tick_all(&mut p);
    p.enter();
    p.wait_for("Please check your choice", WAIT);
    p.enter();
    p.wait_for("Your choice has been saved", WAIT);
    p.wait_for("Back to the start in", WAIT);
    let screen = p.wait_for("Robin Private", WAIT);
    assert!(screen.contains("Consent given"), "{screen}");
    // Nobody touches a key: after the countdown the welcome screen returns, the name gone.
    let screen = p.wait_for("Choose your language", std::time::Duration::from_secs(8));
    assert!(!screen.contains("Robin Private"), "{screen}");
    assert_eq!(
        only_record(data.path()).1["employee"]["name"],
        "Robin Private"
    );
}

#[test]
fn a_terminal_brings_the_person_index_up_to_date_before_anyone_is_identified() {
    let data = tempfile::tempdir().expect("temp dir");
    let demo = Command::new(BIN)
        .args(["demo", "--employees", "40", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .output()
        .expect("demo runs");
    assert!(demo.status.success(), "{demo:?}");
    let ledger = data.path().join("ledger");
    let cache = tebiki::ledger::person_index::cache_dir(&ledger).expect("a cache folder");
    assert!(
        !cache.join("person-index").exists(),
        "no index before the terminal starts"
    );

    let mut p = Spawn::new(&["--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    p.wait_for("Choose your language", WAIT);
    // Nobody has typed anything: the terminal builds the index while the welcome screen shows.
    let start = std::time::Instant::now();
    while !cache.join("person-index").is_file() && start.elapsed() < WAIT {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(
        cache.join("person-index").is_file(),
        "the index was built at start-up"
    );
    assert!(
        p.screen().contains("Choose your language"),
        "{}",
        p.screen()
    );
}
