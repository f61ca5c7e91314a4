//! Trainer mode's two windows as the trainer runs them: the real binary presenting in one
//! pseudo-terminal and `tebiki present --notes` in another, on the same data folder. The notes
//! window follows the presenter's slide within a second and notices when it stops.

mod pty;

use std::path::Path;
use std::time::Duration;

use pty::{Spawn, WAIT};

/// The follower has one second to show the presenter's new slide.
const FOLLOW: Duration = Duration::from_secs(1);

/// The first words of a screen's first speaker note in English: short enough to sit on one
/// line at 80 columns.
fn note_start(screen: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("content/en/{screen}.md"));
    let text = std::fs::read_to_string(&path).expect("content readable");
    let notes = text
        .split("<!-- notes -->")
        .nth(1)
        .expect("the screen has notes");
    let first = notes
        .lines()
        .find_map(|l| l.trim().strip_prefix("- "))
        .expect("a note");
    first
        .split_whitespace()
        .take(4)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_notes_window_follows_the_presenter_within_a_second() {
    let data = tempfile::tempdir().expect("temp dir");
    let mut notes = Spawn::new(&["present", "--notes", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    notes.wait_for("No presentation is running", WAIT);

    let mut presenter = Spawn::new(&["present", "--lang", "en"])
        .env("TEBIKI_DATA", data.path())
        .start();
    presenter.wait_for("Trainer name", WAIT);
    // An empty trainer name: the slides only.
    presenter.enter();
    presenter.wait_for("1 / 11", WAIT);
    notes.wait_for(&note_start("why"), WAIT);

    presenter.send("3");
    presenter.enter();
    presenter.wait_for("3 / 11", WAIT);
    let screen = notes.wait_for(&note_start("gains-company"), FOLLOW);
    assert!(screen.contains("3 / 11"), "{screen}");
    assert!(screen.contains("Next: 4. The drawbacks"), "{screen}");

    presenter.right();
    presenter.wait_for("4 / 11", WAIT);
    notes.wait_for(&note_start("drawbacks"), FOLLOW);

    // The presenter ends: the notes window says so and waits for the next one.
    presenter.send("q");
    assert!(presenter.wait_exit(WAIT).success());
    notes.wait_for("No presentation is running", FOLLOW);
    assert!(!data.path().join("present-state.json").exists());
    notes.send("q");
    assert!(notes.wait_exit(WAIT).success());
}
