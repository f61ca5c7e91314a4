//! The real binary in a pseudo-terminal with a roster imported: an id not on the roster is
//! stopped at once, a known id typed in another width and case shows the roster's name, "not
//! me" keeps nothing, and the confirmed person goes on to the explanation - in Japanese, at
//! 80x24, as a person at the keyboard would see it.

mod pty;

use std::process::Command;

use pty::{Spawn, WAIT};

const BIN: &str = env!("CARGO_BIN_EXE_tebiki");

#[test]
fn a_roster_checked_terminal_in_japanese() {
    let data = tempfile::tempdir().expect("temp dir");
    let csv = data.path().join("meibo.csv");
    std::fs::write(&csv, "社員番号,氏名,部署\nＥ０００１,山田 太郎,営業部\n").unwrap();
    let out = Command::new(BIN)
        .args(["--lang", "ja", "roster", "import"])
        .arg(&csv)
        .env("TEBIKI_DATA", data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut p = Spawn::new(&["--lang", "ja"])
        .env("TEBIKI_DATA", data.path())
        .size(80, 24)
        .start();
    p.wait_for("言語を選んでください", WAIT);
    p.enter();
    p.wait_for("社員番号", WAIT);
    // Not on the roster: one calm message, and the person stays where they are.
    p.type_text("E9999");
    p.enter();
    p.wait_for("名簿にありません", WAIT);
    for _ in 0..5 {
        p.send("\x7f");
    }
    // The roster's id, typed in lower case: the roster's name for it, to confirm.
    p.type_text("e0001");
    p.enter();
    let screen = p.wait_for("でよろしいですか", WAIT);
    assert!(
        screen.contains("山田 太郎さん（営業部、社員番号 E0001）"),
        "{screen}"
    );
    // "Not me": back to the id, nothing kept.
    p.down();
    p.enter();
    let screen = p.wait_for("入力は消去しました", WAIT);
    assert!(!screen.contains("e0001"), "{screen}");
    // Yes: on to the first screen of the explanation.
    p.type_text("E0001");
    p.enter();
    p.wait_for("でよろしいですか", WAIT);
    p.enter();
    p.wait_for(" 1 / ", WAIT);
    let ledger = data.path().join("ledger");
    let lines: usize = std::fs::read_dir(&ledger).map_or(0, |d| {
        d.filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
            .map(|e| std::fs::read_to_string(e.path()).unwrap().lines().count())
            .sum()
    });
    assert_eq!(lines, 0, "nothing is recorded before a choice");
}
