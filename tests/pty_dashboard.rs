//! The dashboard as an admin runs it: the real binary in a pseudo-terminal on a small demo
//! organisation. Search for someone, open them, and quit, leaving the terminal as it was.

mod pty;

use pty::{Spawn, WAIT};

#[test]
fn search_open_a_person_and_quit() {
    let data = tempfile::tempdir().expect("temp dir");
    let demo = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["demo", "--employees", "40", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .env_remove("TEBIKI_CONTENT")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("demo runs");
    assert!(demo.status.success(), "{demo:?}");

    let mut admin = Spawn::new(&["admin", "--lang", "en", "--by", "Mori"])
        .env("TEBIKI_DATA", data.path())
        .start();
    admin.wait_for("By: Mori", WAIT);
    admin.wait_for("Coverage", WAIT);
    admin.send("2");
    admin.wait_for("Search:", WAIT);
    admin.type_text("ｅ００００１７");
    admin.wait_for("1 found", WAIT);
    admin.enter();
    let screen = admin.wait_for("History", WAIT);
    assert!(screen.contains("(E000017)"), "{screen}");
    assert!(screen.contains("Consent"), "{screen}");
    // Back to the search, clear it, back to the overview; q quits from there.
    admin.esc();
    admin.wait_for("1 found", WAIT);
    admin.esc();
    admin.wait_gone("1 found", WAIT);
    admin.esc();
    admin.wait_gone("Search:", WAIT);
    admin.send("q");
    let status = admin.wait_exit(WAIT);
    assert!(status.success(), "{status:?}");
    assert!(admin.modes().canonical, "the terminal is back in line mode");
}
