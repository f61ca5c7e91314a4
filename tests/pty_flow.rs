//! scratch
mod pty;
use pty::*;
#[test]
fn scratch() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Spawn::new(&["--lang", "en"]).env("TEBIKI_DATA", dir.path()).start();
    let s = p.wait_for("Choose your language", WAIT);
    println!("{s}\n{:?}", p.modes());
    p.enter();
    let s = p.wait_for("Employee ID", WAIT);
    println!("{s}");
    p.type_text("E1001"); p.enter(); p.type_text("Alex Smith"); p.enter(); p.enter();
    let s = p.wait_for("1 / 11", WAIT);
    println!("{s}");
    p.send("q");
}
