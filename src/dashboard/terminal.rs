//! Runs the dashboard in a real terminal: draw, wait for a key or the next tick, update, carry
//! out effects, fold what was appended to the ledger. The terminal is restored on every way
//! out, panics included.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;

use super::{Dashboard, perform};

/// How often the loop wakes without input: loading progress, and the look for new records.
const TICK: Duration = Duration::from_millis(200);

pub fn run(d: &mut Dashboard, log: &Path) -> io::Result<()> {
    install_panic_log(log);
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste: a pasted or IME-committed name arrives as one event, not as keys.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, d, &stop);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    d: &mut Dashboard,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    d.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| crate::ui::dashboard::draw(frame, d))?;
        if d.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(TICK)? {
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
        let today = jiff::Timestamp::now().to_zoned(d.setup.tz.clone()).date();
        d.tick(Instant::now(), today);
    }
}

/// Adds a line in the log to the panic hook (after ratatui's, which restores the terminal).
fn install_panic_log(log: &Path) {
    let log = log.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = jiff::Timestamp::now();
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
        {
            let _ = writeln!(f, "{at} panic: {info}");
        }
        previous(info);
    }));
}
