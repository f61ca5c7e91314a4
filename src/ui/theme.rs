//! The few styles the app uses, in one place, so a projector or a light terminal can be served
//! by changing them here. Mostly modifiers: colours vary too much between terminals.

use ratatui::style::{Color, Modifier, Style};

pub fn title() -> Style {
    Style::new().add_modifier(Modifier::BOLD).fg(Color::Cyan)
}
pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn link() -> Style {
    Style::new()
        .add_modifier(Modifier::UNDERLINED)
        .fg(Color::Blue)
}
pub fn rule() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn table_head() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}
pub fn focus() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
/// The rule a wrong answer sent the person back to.
pub fn highlight() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}
pub fn header() -> Style {
    Style::new().bg(Color::Blue).fg(Color::White)
}
pub fn good() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}
pub fn bad() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn warn() -> Style {
    Style::new().fg(Color::Yellow)
}
pub fn key() -> Style {
    Style::new()
        .add_modifier(Modifier::BOLD)
        .add_modifier(Modifier::REVERSED)
}
