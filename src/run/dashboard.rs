//! Runs the dashboard in a real terminal: draw, wait for a key or the next tick, update, carry
//! out effects, fold what was appended to the ledger. The terminal is restored on every way
//! out, panics included.

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event;

use crate::dashboard::{Dashboard, perform};

/// How often the loop wakes without input: loading progress, and the look for new records.
const TICK: Duration = Duration::from_millis(200);

pub fn run(d: &mut Dashboard, log: &Path) -> io::Result<()> {
    crate::run::present::with_terminal(log, |terminal, stop| event_loop(terminal, d, stop))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    d: &mut Dashboard,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    d.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| {
            crate::ui::dashboard::draw(frame, d);
            crate::glyphs::sanitize(frame.buffer_mut());
        })?;
        if d.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if crate::run::poll_input(TICK, stop)? {
            // Everything already typed is handled before the next frame, so fast typing in
            // the search does not wait for a draw per key.
            loop {
                let ev = event::read()?;
                if let Some(effect) = d.handle_event(&ev) {
                    perform(d, effect);
                }
                if d.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let today = jiff::Timestamp::now().to_zoned(d.setup.tz.clone()).date();
        d.tick(Instant::now(), today);
    }
}
