//! The kiosk's attract screen, shown when nobody has touched the welcome screen for a while:
//! the organisation's name and "press any key" in every language, drifting slowly across the
//! screen so that nothing burns in. It shows nothing of anyone.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};

use crate::app::App;
use crate::ui::{theme, truncate};
use crate::wrap::display_width;

/// The lines shown: the organisation's name (the app's name when none is set), a blank line,
/// and one line per language.
pub fn lines(app: &App) -> Vec<(String, Style)> {
    // The name in each language it is set in (`[org.en] name`), each once; a name set in
    // none is the app's.
    let mut names: Vec<String> = Vec::new();
    if app
        .settings
        .org_name
        .as_ref()
        .is_some_and(|n| !n.trim().is_empty())
    {
        for lang in app.content.languages() {
            if let Some(name) = app.content.lang(&lang).values.get("org")
                && !names.contains(name)
            {
                names.push(name.clone());
            }
        }
    }
    if names.is_empty() {
        names.push(app.loc.t(&app.lang, "app-name"));
    }
    let mut out: Vec<(String, Style)> = names.into_iter().map(|n| (n, theme::title())).collect();
    out.push((String::new(), Style::new()));
    for lang in app.content.languages() {
        out.push((app.loc.t(&lang, "attract-press-key"), theme::heading()));
    }
    out
}

/// A back-and-forth walk over `0..=max`: 0, 1, ... max, max-1, ... 0, 1, ...
fn bounce(step: u64, max: u16) -> u16 {
    if max == 0 {
        return 0;
    }
    let m = u64::from(max);
    let p = step % (2 * m);
    (if p <= m { p } else { 2 * m - p }) as u16
}

/// Where the block of `w` x `h` cells stands at `step` in `area`: it walks diagonally and
/// bounces off the edges, one cell a step.
pub fn position(area: Rect, w: u16, h: u16, step: u64) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    let x = area.x + bounce(step, area.width - w);
    // Rows are taller than columns are wide: the walk down is slower.
    let y = area.y + bounce(step / 3, area.height - h);
    Rect::new(x, y, w, h)
}

pub fn draw(frame: &mut Frame, app: &App, step: u64) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let lines = lines(app);
    let w = lines
        .iter()
        .map(|(t, _)| display_width(t))
        .max()
        .unwrap_or(0)
        .min(area.width as usize) as u16;
    let rect = position(area, w, lines.len() as u16, step);
    let text: Vec<Line<'static>> = lines
        .into_iter()
        .map(|(t, style)| Line::styled(truncate(&t, rect.width as usize), style))
        .collect();
    frame.render_widget(Paragraph::new(text), rect);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_block_walks_and_bounces_inside_the_screen() {
        let area = Rect::new(0, 0, 80, 24);
        let seen: Vec<Rect> = (0..400).map(|s| position(area, 30, 4, s)).collect();
        assert!(seen.iter().all(|r| r.right() <= 80 && r.bottom() <= 24));
        assert_ne!(seen[0], seen[1], "it moves");
        assert!(seen.iter().any(|r| r.x == 50), "reaches the right edge");
        assert!(seen.iter().any(|r| r.y == 20), "reaches the bottom");
        assert_eq!(position(area, 100, 40, 7), Rect::new(0, 0, 80, 24));
    }
}
