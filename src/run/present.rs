//! Runs trainer mode in a real terminal: the presenter (draw, wait for a key or the next tick,
//! update, write records, keep the follower's state file current) and the follower (poll the
//! state file on every tick). The terminal is restored on every way out, panics included.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event;

use super::{Screen, event_loop, with_terminal};
use crate::present::Presenter;
use crate::present::follow::{self, FollowState, Follower};
use crate::present::session;
use crate::recorder::Recorder;

/// How often the loops wake without input: the clock, and the follower's poll of the state
/// file (so it shows a new slide well within a second).
const TICK: Duration = Duration::from_millis(200);

/// The presenter, with the recorder, and what the follower was last told.
struct Presenting<'a> {
    p: &'a mut Presenter,
    recorder: &'a mut Recorder,
    state_path: PathBuf,
    pid: u32,
    written: Option<(FollowState, Instant)>,
}

impl Screen for Presenting<'_> {
    const TICK: Duration = TICK;
    fn resize(&mut self, width: u16, height: u16) {
        self.p.resize(width, height);
    }
    fn done(&self) -> bool {
        self.p.quit
    }
    fn draw(&self, frame: &mut ratatui::Frame) {
        crate::ui::present::draw(frame, self.p);
    }
    fn drawn(&mut self) {
        self.p.note_drawn();
    }
    fn event(&mut self, event: &event::Event) {
        if let Some(effect) = self.p.handle_event(event) {
            session::perform(self.p, self.recorder, effect);
        }
    }
    fn tick(&mut self, now: Instant) {
        self.p.tick(now);
        if let Some(state) = self.p.follow_state(self.pid) {
            let due = match &self.written {
                Some((last, at)) => !last.same_as(&state) || at.elapsed() >= follow::HEARTBEAT,
                None => true,
            };
            // The follower is a help, not the evidence: a failed write only means it lags.
            if due && follow::write(&self.state_path, &state).is_ok() {
                self.written = Some((state, Instant::now()));
            }
        }
    }
}

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
    let mut presenting = Presenting {
        p,
        recorder,
        state_path: state_path.clone(),
        pid,
        written: None,
    };
    let result = with_terminal(log, false, |terminal, stop| {
        event_loop(terminal, &mut presenting, stop)
    });
    follow::remove(&state_path, pid);
    result
}

/// The follower, with the presenter's state file it reads.
struct Following<'a> {
    f: &'a mut Follower,
    state_path: PathBuf,
}

impl Screen for Following<'_> {
    const TICK: Duration = TICK;
    fn resize(&mut self, width: u16, height: u16) {
        self.f.width = width;
        self.f.height = height;
    }
    fn done(&self) -> bool {
        self.f.quit
    }
    fn before_draw(&mut self, _terminal: &mut ratatui::DefaultTerminal) -> io::Result<()> {
        self.f
            .poll(follow::read(&self.state_path), jiff::Timestamp::now());
        Ok(())
    }
    fn draw(&self, frame: &mut ratatui::Frame) {
        crate::ui::present::notes::draw(frame, self.f);
    }
    fn event(&mut self, event: &event::Event) {
        self.f.handle_event(event);
    }
}

/// Follows the presenter on this machine until quit.
pub fn follow(f: &mut Follower, data: &Path, log: &Path) -> io::Result<()> {
    let mut following = Following {
        f,
        state_path: follow::path(data),
    };
    with_terminal(log, false, |terminal, stop| {
        event_loop(terminal, &mut following, stop)
    })
}
