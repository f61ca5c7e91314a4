//! Runs the app in a real terminal: draw, read an event, update, carry out effects, until the
//! app says stop. The terminal is restored on every way out, panics included.

use std::io;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;

use crate::app::App;
use crate::recorder::Recorder;
use crate::ui;

pub fn run(app: &mut App, recorder: &mut Recorder) -> io::Result<()> {
    // ratatui's init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    // Bracketed paste delivers a paste (or an IME commit of many characters) as one event, so
    // it cannot be mistaken for key commands.
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app, recorder);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    recorder: &mut Recorder,
) -> io::Result<()> {
    let size = terminal.size()?;
    app.resize(size.width, size.height);
    loop {
        terminal.draw(|frame| ui::draw(frame, app))?;
        if app.quit {
            return Ok(());
        }
        let ev = event::read()?;
        if let Some(effect) = app.handle_event(&ev) {
            recorder.perform(app, effect);
        }
    }
}
