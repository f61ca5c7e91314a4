//! Runs the app in a real terminal: draw, wait for an event or the next tick, update, carry out
//! effects, until the app says stop or a signal asks to. The terminal is restored on every way
//! out, panics included, and a panic is written to the log.

use std::io::{self, IsTerminal, Write};
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

pub mod dashboard;
pub mod present;

/// How often the app is woken without input (idle countdown, signals).
const TICK: Duration = Duration::from_millis(250);

/// The longest the loop waits for input before it looks at the signals again: a signal is
/// acted on within this time, however long the tick.
const SIGNAL_SLICE: Duration = Duration::from_millis(40);

/// The signals that end the program by default and that a program may catch: each of them,
/// sent from outside, ends tebiki only through its own way out, which restores the terminal.
/// (SIGKILL and SIGSTOP cannot be caught; Ctrl-C and Ctrl-\ typed in the terminal reach the app
/// as keys, because the terminal is in raw mode.)
const ENDING: [i32; 5] = [
    signal_hook::consts::SIGINT,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGUSR1,
    signal_hook::consts::SIGUSR2,
    signal_hook::consts::SIGALRM,
];

/// What signals asked for.
pub(crate) struct Signals {
    /// Finish what is being done (a record being written), restore the terminal, exit.
    pub stop: Arc<AtomicBool>,
    /// The terminal is gone (SIGHUP): exit at once, without drawing on it again.
    pub hangup: Arc<AtomicBool>,
}

/// Catches every signal that would otherwise end the program with the terminal left raw.
/// SIGTERM and SIGHUP always stop it; the others stop an attended program, and a locked kiosk
/// ignores them (only the PIN or the system's shutdown ends it).
pub(crate) fn catch_signals(locked: bool) -> io::Result<Signals> {
    let stop = Arc::new(AtomicBool::new(false));
    let hangup = Arc::new(AtomicBool::new(false));
    let ignored = Arc::new(AtomicBool::new(false));
    signal_hook::flag::register(signal_hook::consts::SIGTERM, Arc::clone(&stop))?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&stop))?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&hangup))?;
    for sig in ENDING {
        let flag = if locked { &ignored } else { &stop };
        signal_hook::flag::register(sig, Arc::clone(flag))?;
    }
    Ok(Signals { stop, hangup })
}

/// Waits up to `timeout` for input, looking at `stop` every [`SIGNAL_SLICE`]; `Ok(false)`
/// when nothing came or a signal asked to stop.
pub(crate) fn poll_input(timeout: Duration, stop: &AtomicBool) -> io::Result<bool> {
    let start = Instant::now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let left = timeout.saturating_sub(start.elapsed());
        if left.is_zero() {
            return Ok(false);
        }
        if terminal_gone() {
            // The terminal hung up without a SIGHUP reaching us (it went to another process,
            // or is ignored above us): its input reads as ended, again and again. Stop as
            // after a hang-up.
            TERMINAL_GONE.store(true, Ordering::Relaxed);
            stop.store(true, Ordering::Relaxed);
            return Ok(false);
        }
        if event::poll(left.min(SIGNAL_SLICE))? {
            return Ok(true);
        }
    }
}

/// Whether input came from a terminal when the program took it (see [`with_terminal`]).
static STDIN_WAS_TERMINAL: AtomicBool = AtomicBool::new(false);
/// Set when that terminal is found gone.
static TERMINAL_GONE: AtomicBool = AtomicBool::new(false);

/// The terminal input came from is no longer one: hung up (a hung-up terminal answers
/// "not a terminal", and its input reads as ended).
fn terminal_gone() -> bool {
    STDIN_WAS_TERMINAL.load(Ordering::Relaxed) && !io::stdin().is_terminal()
}

/// Sets up the terminal: raw mode, the alternate screen, bracketed paste (a paste or an input
/// method's commit of many characters arrives as one event, not as key commands).
pub(crate) fn enter_terminal() -> io::Result<ratatui::DefaultTerminal> {
    // ratatui's init installs a panic hook that restores the terminal before ours logs.
    let terminal = ratatui::try_init()?;
    // The answer to the start-up width question (ambiguous characters), before the first frame.
    crate::terminal_width::settle();
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    Ok(terminal)
}

/// Gives the terminal back as it was. After a hang-up the terminal is usually gone: the
/// restore is still tried (SIGHUP may come from `kill`), but its failure is not reported on a
/// terminal that cannot show it.
pub(crate) fn leave_terminal(mut terminal: ratatui::DefaultTerminal, signals: &Signals) {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = terminal.show_cursor();
    let _ = ratatui::try_restore();
    if signals.hangup.load(Ordering::Relaxed) {
        // Dropping it would try to show the cursor again on a closed terminal and report the
        // failure there, which ends in a panic (and a slow core dump) instead of an exit.
        std::mem::forget(terminal);
    }
}

/// What the one event loop runs: the flow, trainer mode's two terminals, the dashboard. Each
/// says how often it wakes, draws itself, takes an event (carrying out what it asks for) and
/// moves on with time; the loop owns the terminal, the signals and the order of these.
pub(crate) trait Screen {
    /// How often the loop wakes without input.
    const TICK: Duration;
    /// The terminal's size, at the start.
    fn resize(&mut self, width: u16, height: u16);
    /// Whether it asked to end.
    fn done(&self) -> bool;
    /// Before each frame: what must happen outside the frame (clearing the screen), or be
    /// read first.
    fn before_draw(&mut self, _terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
        Ok(())
    }
    fn draw(&self, frame: &mut ratatui::Frame);
    /// After each frame: what the view wrote back of its layout (the viewports), taken into
    /// the state.
    fn drawn(&mut self) {}
    /// One event, and the effects it asks for carried out.
    fn event(&mut self, event: &event::Event);
    /// Whether every event already typed is taken before the next frame (fast typing in a
    /// search does not wait for a draw per key).
    fn takes_typed_ahead(&self) -> bool {
        false
    }
    fn tick(&mut self, _now: Instant) {}
}

/// The employee flow, with the recorder that carries out its effects.
struct Flow<'a> {
    app: &'a mut App,
    recorder: &'a mut Recorder,
}

impl Screen for Flow<'_> {
    const TICK: Duration = TICK;
    fn resize(&mut self, width: u16, height: u16) {
        self.app.resize(width, height);
    }
    fn done(&self) -> bool {
        self.app.quit
    }
    fn before_draw(&mut self, terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
        if self.app.wipe_screen {
            // The previous person's screen must not survive anywhere, scrollback included.
            self.app.wipe_screen = false;
            // Not `terminal.clear()`: it asks the terminal where the cursor is, and a terminal
            // that does not answer in time would end the kiosk. The screen and scrollback are
            // cleared directly, and the buffer of what is shown is reset, so the next frame is
            // drawn whole.
            execute!(io::stdout(), Clear(ClearType::All), Clear(ClearType::Purge))?;
            terminal.swap_buffers();
        }
        Ok(())
    }
    fn draw(&self, frame: &mut ratatui::Frame) {
        ui::draw(frame, self.app);
    }
    fn drawn(&mut self) {
        self.app.note_drawn();
    }
    fn event(&mut self, event: &event::Event) {
        if let Some(effect) = self.app.handle_event_at(event, Instant::now()) {
            self.recorder.perform(self.app, effect);
        }
    }
    fn tick(&mut self, now: Instant) {
        self.app.tick(now);
    }
}

/// Runs the employee flow in this terminal; a kiosk ignores the signals an attended terminal
/// stops on (see [`catch_signals`]).
pub fn run(app: &mut App, recorder: &mut Recorder, log: &Path) -> io::Result<()> {
    let locked = app.mode == Mode::Kiosk;
    with_terminal(log, locked, |terminal, stop| {
        event_loop(terminal, &mut Flow { app, recorder }, stop)
    })
}

/// Sets the terminal up, runs `body`, and restores the terminal. Every signal that would end
/// the program (TERM, HUP, and unless `locked` INT, QUIT, USR1, USR2, ALRM) sets the stop flag
/// instead, so the loop finishes what it is doing (a record being written) first; after a
/// hang-up it ends at once, without touching the terminal that is gone.
pub(crate) fn with_terminal(
    log: &Path,
    locked: bool,
    body: impl FnOnce(&mut ratatui::DefaultTerminal, &AtomicBool) -> io::Result<()>,
) -> io::Result<()> {
    install_panic_log(log);
    let signals = catch_signals(locked)?;
    STDIN_WAS_TERMINAL.store(io::stdin().is_terminal(), Ordering::Relaxed);
    let mut terminal = enter_terminal()?;
    let result = body(&mut terminal, &signals.stop);
    // Gone without a SIGHUP: ended as after one (nothing said on a terminal that is gone).
    if TERMINAL_GONE.load(Ordering::Relaxed) || (result.is_err() && terminal_gone()) {
        signals.hangup.store(true, Ordering::Relaxed);
    }
    leave_terminal(terminal, &signals);
    if signals.hangup.load(Ordering::Relaxed) {
        return Ok(());
    }
    result
}

/// The one event loop: draw, wait for an event or the next tick, take it, tick, until the
/// screen is done or a signal asks to stop.
pub(crate) fn event_loop<S: Screen>(
    terminal: &mut ratatui::DefaultTerminal,
    screen: &mut S,
    stop: &AtomicBool,
) -> io::Result<()> {
    let size = terminal.size()?;
    screen.resize(size.width, size.height);
    loop {
        screen.before_draw(terminal)?;
        terminal.draw(|frame| {
            screen.draw(frame);
            crate::glyphs::sanitize(frame.buffer_mut());
        })?;
        screen.drawn();
        if screen.done() || stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if poll_input(S::TICK, stop)? {
            loop {
                screen.event(&event::read()?);
                if !screen.takes_typed_ahead() || screen.done() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        screen.tick(Instant::now());
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
