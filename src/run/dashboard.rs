//! Runs the dashboard in a real terminal: draw, wait for a key or the next tick, update, carry
//! out effects, fold what was appended to the ledger. The terminal is restored on every way
//! out, panics included.

use std::io;
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event;

use super::{Screen, event_loop, with_terminal};
use crate::dashboard::{Dashboard, perform, perform_all};

/// How often the loop wakes without input: loading progress, and the look for new records.
const TICK: Duration = Duration::from_millis(200);

impl Screen for Dashboard {
    const TICK: Duration = TICK;
    fn resize(&mut self, width: u16, height: u16) {
        Dashboard::resize(self, width, height);
    }
    fn done(&self) -> bool {
        self.quit
    }
    fn draw(&self, frame: &mut ratatui::Frame) {
        crate::ui::dashboard::draw(frame, self);
    }
    fn drawn(&mut self) {
        self.note_drawn();
    }
    fn event(&mut self, event: &event::Event) {
        if let Some(effect) = self.handle_event(event) {
            perform(self, effect);
        }
    }
    fn takes_typed_ahead(&self) -> bool {
        true
    }
    fn tick(&mut self, now: Instant) {
        let today = jiff::Timestamp::now()
            .to_zoned(self.setup.tz.clone())
            .date();
        let effects = Dashboard::tick(self, now, today);
        perform_all(self, effects);
    }
}

/// Runs the dashboard until it is quit or a signal asks to stop.
pub fn run(d: &mut Dashboard, log: &Path) -> io::Result<()> {
    with_terminal(log, false, |terminal, stop| event_loop(terminal, d, stop))
}
