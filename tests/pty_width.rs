//! The real binary asks the terminal at start-up how wide it draws East Asian ambiguous
//! characters, and draws with the glyph set that fits: answered as a wide terminal would, it
//! draws nothing ambiguous; as a narrow one, the usual set; unanswered, the usual set after a
//! short wait. `--ambiguous-width` and `ambiguous_width` in config.toml decide without asking.

mod pty;

use std::time::{Duration, Instant};

use pty::{Answers, Pty, Spawn, WAIT};

/// Whether a terminal could draw any character on the screen wider than it is counted.
fn has_ambiguous(screen: &str) -> bool {
    screen.chars().any(|c| {
        let s = c.to_string();
        unicode_width::UnicodeWidthStr::width(s.as_str())
            != unicode_width::UnicodeWidthStr::width_cjk(s.as_str())
    })
}

fn start(args: &[&str], answers: Answers, data: &std::path::Path) -> Pty {
    Spawn::new(args)
        .env("TEBIKI_DATA", data)
        .answers(answers)
        .start()
}

#[test]
fn a_wide_terminal_gets_the_wide_glyph_set_in_the_employee_flow() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = start(&["--lang", "ja"], Answers::Wide, data.path());
    let screen = p.wait_for("言語を選んでください", WAIT);
    assert!(!has_ambiguous(&screen), "{screen}");
    assert!(screen.contains("tebiki | ようこそ"), "{screen}");
    assert_eq!(p.row(1).trim_end(), "-".repeat(80), "{screen}");
    assert!(screen.contains("> 日本語"), "{screen}");
    // The question left nothing behind.
    assert!(!screen.contains('▽') && !screen.contains('→'), "{screen}");
    // Onwards: the identity form and a text screen stay in the wide set.
    p.enter();
    p.wait_for("社員番号", WAIT);
    p.type_text("E1001");
    p.enter();
    p.type_text("山田 太郎");
    p.enter();
    p.enter();
    let screen = p.wait_until("the first text screen", WAIT, |s| s.contains("1 / "));
    assert!(!has_ambiguous(&screen), "{screen}");
    p.send("q");
}

#[test]
fn a_narrow_terminal_keeps_the_usual_set_and_a_silent_one_is_taken_as_narrow() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = start(&["--lang", "en"], Answers::Narrow, data.path());
    let screen = p.wait_for("Choose your language", WAIT);
    assert!(screen.contains("tebiki │ Welcome"), "{screen}");
    assert!(screen.contains("▶ "), "{screen}");
    drop(p);

    let started = Instant::now();
    let mut p = start(&["--lang", "en"], Answers::Silent, data.path());
    let screen = p.wait_for("Choose your language", WAIT);
    let took = started.elapsed();
    assert!(screen.contains("▶ "), "{screen}");
    // The question is waited out, not the terminal's two seconds of crossterm's own query.
    assert!(took < Duration::from_millis(1900), "started after {took:?}");
}

#[test]
fn the_option_and_the_config_decide_without_asking() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = start(
        &["--lang", "en", "--ambiguous-width", "wide"],
        Answers::Narrow,
        data.path(),
    );
    let screen = p.wait_for("Choose your language", WAIT);
    assert!(!has_ambiguous(&screen), "{screen}");
    drop(p);

    std::fs::write(
        data.path().join("config.toml"),
        "kiosk_id = \"kiosk-cfg\"\nambiguous_width = \"narrow\"\n",
    )
    .expect("config written");
    let mut p = start(&["--lang", "en"], Answers::Wide, data.path());
    let screen = p.wait_for("Choose your language", WAIT);
    assert!(screen.contains("▶ "), "{screen}");
    drop(p);

    // A wrong value is named with where it is and what to write.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--lang", "en", "--ambiguous-width", "full", "status", "E1"])
        .env("TEBIKI_DATA", data.path())
        .output()
        .expect("tebiki runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("full") && err.contains("narrow"), "{err}");
}

#[test]
fn trainer_mode_and_the_dashboard_ask_too() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut p = start(&["--lang", "en", "present"], Answers::Wide, data.path());
    let screen = p.wait_until("the trainer set-up", WAIT, |s| s.contains("tebiki |"));
    assert!(!has_ambiguous(&screen), "{screen}");
    drop(p);
    let mut p = start(
        &["--lang", "en", "admin", "--by", "Mori"],
        Answers::Wide,
        data.path(),
    );
    let screen = p.wait_until("the dashboard", WAIT, |s| s.contains("tebiki admin |"));
    assert!(!has_ambiguous(&screen), "{screen}");
}
