//! Runs trainer mode in a real terminal: the presenter (draw, wait for a key or the next tick,
//! update, write records, keep the follower's state file current) and the follower (poll the
//! state file on every tick). The terminal is restored on every way out, panics included.

use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event;

use crate::present::Presenter;
use crate::present::follow::{self, FollowState, Follower};
use crate::present::session;
use crate::recorder::Recorder;

/// How often the loops wake without input: the clock, and the follower's poll of the state
/// file (so it shows a new slide well within a second).
const TICK: Duration = Duration::from_millis(200);

/// Presents until the trainer quits or a signal asks to stop. The follower's state file is
/// written on every change and removed at the end.
pub fn present(
    p: &mut Presenter,
    recorder: &mut Recorder,
    data: &Path,
    log: &Path,
) -> io::Result<()> {
    let state_path = follow::path(data);
    let pid = std::process::id();
    let result = with_terminal(log, |terminal, stop| {
        let size = terminal.size()?;
        p.resize(size.width, size.height);
        let mut written: Option<(FollowState, Instant)> = None;
        loop {
            terminal.draw(|frame| {
                crate::ui::present::draw(frame, p);
                crate::glyphs::sanitize(frame.buffer_mut());
            })?;
            if p.quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if crate::run::poll_input(TICK, stop)? {
                let ev = event::read()?;
                if let Some(effect) = p.handle_event(&ev) {
                    session::perform(p, recorder, effect);
                }
            }
            if stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            p.tick(Instant::now());
            if let Some(state) = p.follow_state(pid) {
                let due = match &written {
                    Some((last, at)) => !last.same_as(&state) || at.elapsed() >= follow::HEARTBEAT,
                    None => true,
                };
                // The follower is a help, not the evidence: a failed write only means it lags.
                if due && follow::write(&state_path, &state).is_ok() {
                    written = Some((state, Instant::now()));
                }
            }
        }
    });
    follow::remove(&state_path, pid);
    result
}

/// Follows the presenter on this machine until quit.
pub fn follow(f: &mut Follower, data: &Path, log: &Path) -> io::Result<()> {
    let state_path = follow::path(data);
    with_terminal(log, |terminal, stop| {
        let size = terminal.size()?;
        f.width = size.width;
        f.height = size.height;
        loop {
            f.poll(follow::read(&state_path), jiff::Timestamp::now());
            terminal.draw(|frame| {
                crate::ui::present::notes::draw(frame, f);
                crate::glyphs::sanitize(frame.buffer_mut());
            })?;
            if f.quit || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            if crate::run::poll_input(TICK, stop)? {
                f.handle_event(&event::read()?);
            }
        }
    })
}

/// Sets the terminal up, runs `body`, and restores the terminal. Every signal that would end
/// the program (TERM, HUP, INT, QUIT, USR1, USR2, ALRM) sets the stop flag instead, so the
/// loop finishes what it is doing (a record being written) first; after a hang-up it ends at
/// once, without touching the terminal that is gone.
pub(crate) fn with_terminal(
    log: &Path,
    body: impl FnOnce(&mut ratatui::DefaultTerminal, &AtomicBool) -> io::Result<()>,
) -> io::Result<()> {
    crate::run::install_panic_log(log);
    let signals = crate::run::catch_signals(false)?;
    let mut terminal = crate::run::enter_terminal()?;
    let result = body(&mut terminal, &signals.stop);
    crate::run::leave_terminal(terminal, &signals);
    if signals.hangup.load(Ordering::Relaxed) {
        return Ok(());
    }
    result
}
