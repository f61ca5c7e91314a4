//! How the terminal draws East Asian ambiguous characters, settled once at start-up: from
//! `--ambiguous-width`, else `ambiguous_width` in `config.toml`, else by asking the terminal
//! (`auto`). The terminal is asked as vim asks it for `ambiwidth`: a few ambiguous characters
//! are printed at the start of a line and the cursor position is read back; the line is then
//! erased, so nothing of it stays on the screen. A terminal that does not answer within
//! `TIMEOUT` is taken as narrow.

use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use crate::glyphs::{self, AmbiguousWidth};

/// How long to wait for the terminal's answer. Terminals answer in a few milliseconds (a
/// remote one in a round trip); the second question lets one that cannot answer the first say
/// so at once, so this is only waited out in full by a terminal that answers nothing.
pub const TIMEOUT: Duration = Duration::from_millis(500);

/// What is printed to be measured: ambiguous characters of the kinds tebiki draws (a box
/// rule, an arrow, a triangle). Three columns on a narrow terminal, six on a wide one.
const PROBE: &str = "─→▽";

static REQUESTED: AtomicU8 = AtomicU8::new(0);

fn encode(w: AmbiguousWidth) -> u8 {
    match w {
        AmbiguousWidth::Auto => 0,
        AmbiguousWidth::Narrow => 1,
        AmbiguousWidth::Wide => 2,
    }
}

/// Records what the command line and config ask for. `narrow` and `wide` take effect at
/// once; `auto` waits for `settle`.
pub fn request(setting: AmbiguousWidth) {
    REQUESTED.store(encode(setting), Ordering::Relaxed);
    match setting {
        AmbiguousWidth::Narrow => glyphs::set_wide(false),
        AmbiguousWidth::Wide => glyphs::set_wide(true),
        AmbiguousWidth::Auto => {}
    }
}

/// Part of every full-screen set-up, with raw mode on and before the first frame: under
/// `auto`, asks the terminal and sets the glyph set accordingly.
pub fn settle() {
    if REQUESTED.load(Ordering::Relaxed) == encode(AmbiguousWidth::Auto) {
        glyphs::set_wide(ask(TIMEOUT) == Some(true));
    }
}

/// For a command that prints text (a report, a status): under `auto`, and only when both
/// input and output are the terminal, asks it (in raw mode for the moment of the question).
pub fn settle_for_text() {
    if REQUESTED.load(Ordering::Relaxed) != encode(AmbiguousWidth::Auto)
        || !io::stdout().is_terminal()
        || !io::stdin().is_terminal()
    {
        return;
    }
    if crossterm::terminal::enable_raw_mode().is_err() {
        return;
    }
    let wide = ask(TIMEOUT);
    let _ = crossterm::terminal::disable_raw_mode();
    glyphs::set_wide(wide == Some(true));
}

/// Asks the terminal (raw mode must be on): `Some(true)` when it drew the probe wider than
/// usual, `Some(false)` when not, `None` when it did not say in time.
#[cfg(unix)]
pub fn ask(timeout: Duration) -> Option<bool> {
    use std::io::Read;
    use std::time::Instant;

    let mut tty = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .ok()?;
    // Where the cursor is (CPR), then the terminal's attributes (DA1), which every terminal
    // answers: an answer to the second without one to the first means no answer will come.
    let question = format!("\r{PROBE}\x1b[6n\x1b[c");
    tty.write_all(question.as_bytes()).ok()?;
    tty.flush().ok()?;
    let start = Instant::now();
    let mut got = Vec::new();
    let answer = loop {
        match parse_answer(&got) {
            Answer::Column(col) => break Some(col > PROBE.chars().count()),
            Answer::NoPosition => break None,
            Answer::Incomplete => {}
        }
        let Some(left) = timeout.checked_sub(start.elapsed()) else {
            break None;
        };
        let wait = rustix::event::Timespec {
            tv_sec: left.as_secs() as _,
            tv_nsec: left.subsec_nanos().into(),
        };
        let mut fds = [rustix::event::PollFd::new(
            &tty,
            rustix::event::PollFlags::IN,
        )];
        match rustix::event::poll(&mut fds, Some(&wait)) {
            Ok(0) => break None,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => break None,
        }
        let mut buf = [0u8; 256];
        match tty.read(&mut buf) {
            Ok(0) | Err(_) => break None,
            Ok(n) => got.extend_from_slice(&buf[..n]),
        }
    };
    // Erase the probe: the first frame only draws what differs from a blank screen.
    let _ = tty.write_all(b"\r\x1b[2K");
    let _ = tty.flush();
    answer
}

#[cfg(not(unix))]
pub fn ask(_timeout: Duration) -> Option<bool> {
    None
}

#[derive(Debug, PartialEq, Eq)]
enum Answer {
    /// Columns the cursor moved from the start of the line.
    Column(usize),
    /// The terminal answered the attributes question but not the position.
    NoPosition,
    Incomplete,
}

/// Reads the terminal's answers: `ESC [ row ; col R`, and `ESC [ ? ... c` after it. Keys typed
/// before the answers (type-ahead) are skipped.
fn parse_answer(bytes: &[u8]) -> Answer {
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != 0x1b || bytes[i + 1] != b'[' {
            i += 1;
            continue;
        }
        let body_start = i + 2;
        let Some(len) = bytes[body_start..]
            .iter()
            .position(|b| (0x40..=0x7e).contains(b))
        else {
            return Answer::Incomplete;
        };
        let body = &bytes[body_start..body_start + len];
        let last = bytes[body_start + len];
        if last == b'R' && !body.starts_with(b"?") {
            let text = std::str::from_utf8(body).unwrap_or("");
            if let Some((_, col)) = text.split_once(';')
                && let Ok(col) = col.parse::<usize>()
            {
                return Answer::Column(col.saturating_sub(1));
            }
        } else if last == b'c' && body.starts_with(b"?") {
            return Answer::NoPosition;
        }
        i = body_start + len + 1;
    }
    Answer::Incomplete
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answers_are_read_as_a_terminal_gives_them() {
        assert_eq!(parse_answer(b""), Answer::Incomplete);
        assert_eq!(parse_answer(b"\x1b[1;"), Answer::Incomplete);
        // Narrow: the cursor is after three columns (column 4, counted from 1).
        assert_eq!(parse_answer(b"\x1b[1;4R\x1b[?1;2c"), Answer::Column(3));
        // Wide: after six.
        assert_eq!(parse_answer(b"\x1b[12;7R"), Answer::Column(6));
        // Keys typed ahead, even an arrow key, come before the answer and are skipped.
        assert_eq!(parse_answer(b"ab\x1b[A\x1b[3;4R"), Answer::Column(3));
        // A terminal without position reports answers only the attributes.
        assert_eq!(parse_answer(b"\x1b[?62;22c"), Answer::NoPosition);
    }

    #[test]
    fn the_probe_is_three_ambiguous_characters() {
        assert_eq!(PROBE.chars().count(), 3);
        assert!(PROBE.chars().all(|c| glyphs::is_ambiguous(&c.to_string())));
    }
}
