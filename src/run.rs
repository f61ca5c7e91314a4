//! Runs the app in a real terminal: draw, wait for an event or the next tick, update, carry out
//! effects, until the app says stop or a signal asks to. The terminal is restored on every way
//! out, panics included, and a panic is written to the log.

use std::io::{self, Write};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};

use crate::app::{App, Mode};
use crate::recorder::Recorder;
use crate::ui;

/// How often the app is woken without input (idle countdown, signals).
const TICK: Duration = Duration::from_millis(250);

pub fn run(app: &mut App, recorder: &mut Recorder, log: &Path) -> io::Result<()> {
    install_panic_log(log);
    let stop = Arc::new(AtomicBool::new(false));
    // SIGTERM and SIGHUP (shutdown, a closed terminal) end the program cleanly: the loop
    // finishes what it is doing, so a record being written is completed first. Ctrl-C in the
    // terminal reaches the app as a key (raw mode), not as SIGINT; a SIGINT sent from outside
    // stops an attended session but not a locked kiosk.
    let mut signals = vec![signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP];
    if app.mode == Mode::Attended {
        signals.push(signal_hook::consts::SIGINT);
    }
    for sig in signals {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    // ratatui's init installs a panic hook that restores the terminal before ours logs.
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste delivers a paste (or an input method's commit of many characters) as one
    // event, so it cannot be mistaken for key commands.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, recorder, &stop);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    recorder: &mut Recorder,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        if app.wipe_screen {
            // The previous person's screen must not survive anywhere, scrollback included.
            app.wipe_screen = false;
            terminal.clear()?;
            execute!(io::stdout(), Clear(ClearType::Purge))?;
        }
        terminal.draw(|frame| ui::draw(frame, app))?;
        if app.quit || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if event::poll(TICK)? {
            let ev = event::read()?;
            if let Some(effect) = app.handle_event_at(&ev, Instant::now()) {
                recorder.perform(app, effect);
            }
        }
        app.tick(Instant::now());
    }
}

/// Adds to the panic hook (after ratatui's, which restores the terminal) a line in the log,
/// so an unattended kiosk leaves a trace of what went wrong.
pub(crate) fn install_panic_log(log: &Path) {
    let log = log.to_path_buf();
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = jiff::Timestamp::now();
        if let Ok(mut f) = crate::safe_file::open_append(&log, 0o640) {
            let _ = writeln!(f, "{at} panic: {info}");
        }
        previous(info);
    }));
}
