//! The pop-up: a bordered box in the middle whose lines scroll, with what to press pinned, and
//! the help pop-up listing every key that works.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::truncate;
use crate::glyphs;
use crate::i18n::{Lang, Localizer};
use crate::ui::{doc, theme};
use crate::wrap::display_width;

/// A centred rectangle inside `area`, `h` lines high (cut to fit), leaving a margin.
pub fn centred(area: Rect, h: u16) -> Rect {
    let w = popup_width(area);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A bordered pop-up in the middle of `area`: `lines` scroll from `scroll` when they do not
/// fit, `pinned` (what to press) always stays in view.
pub fn popup(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    scroll: usize,
) {
    boxed(frame, area, title, lines, pinned, scroll, false);
}

/// A pop-up as [`popup`], whose last line, when lines are left below, says so. Returns how
/// many lines scroll (`lines`) and how many of them fit at once, for the view to write back
/// (the hint bar offers ↑↓ only when they do not all fit).
pub fn popup_with_more(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    scroll: usize,
) -> (usize, usize) {
    boxed(frame, area, &title, lines, pinned, scroll, true)
}

fn boxed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    scroll: usize,
    more_marker: bool,
) -> (usize, usize) {
    let rect = centred(area, (lines.len() + pinned.len()) as u16 + 2);
    let room = (rect.height as usize)
        .saturating_sub(2 + pinned.len())
        .max(1);
    let laid = (lines.len(), room);
    let mut shown = if lines.len() > room {
        let top = scroll.min(lines.len() - room);
        let more = more_marker && top + room < lines.len();
        let take = if more { room - 1 } else { room };
        let mut visible: Vec<Line<'static>> = lines.into_iter().skip(top).take(take).collect();
        if more {
            visible.push(Line::from(Span::styled(
                glyphs::glyphs().more_below,
                theme::dim(),
            )));
        }
        visible
    } else {
        lines
    };
    shown.extend(pinned);
    let title = truncate(title, rect.width.saturating_sub(4) as usize);
    // A blank column on each side: the text behind does not run up to the border, and no half
    // of a wide character cut by the pop-up is left standing beside it.
    let left = rect.x.saturating_sub(1).max(area.x);
    let right = (rect.x + rect.width + 1).min(area.x + area.width);
    frame.render_widget(
        Clear,
        Rect::new(left, rect.y, right.saturating_sub(left), rect.height),
    );
    // A wide character just left of that column would still cover it on the terminal.
    if left > area.x {
        let buffer = frame.buffer_mut();
        for y in rect.y..rect.y + rect.height {
            let cell = &mut buffer[(left - 1, y)];
            if display_width(cell.symbol()) > 1 {
                cell.reset();
            }
        }
    }
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::default()
                .borders(Borders::ALL)
                .border_set(glyphs::border_set())
                .border_style(theme::title())
                .title(Span::styled(format!(" {title} "), theme::title())),
        ),
        rect,
    );
    laid
}

/// How wide a pop-up in `area` is.
pub fn popup_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72).max(area.width.min(20))
}

/// The width of the text inside a pop-up in `area`.
pub fn inner_width(area: Rect) -> usize {
    popup_width(area).saturating_sub(2) as usize
}

/// Every key that works on the screen under the help, and what it does.
pub fn help(
    frame: &mut Frame,
    loc: &Localizer,
    lang: &Lang,
    rows: &[(&str, &str)],
    scroll: usize,
    area: Rect,
) {
    let width = popup_width(area).saturating_sub(2) as usize;
    let mut lines = doc::plain_lines(&loc.t(lang, "help-intro"), width, theme::dim());
    lines.push(Line::default());
    let rows: Vec<(String, String)> = rows
        .iter()
        .map(|(k, a)| (loc.t(lang, k), loc.t(lang, a)))
        .collect();
    let key_w = rows
        .iter()
        .map(|(k, _)| display_width(k))
        .max()
        .unwrap_or(0);
    for (key, action) in rows {
        let pad = key_w.saturating_sub(display_width(&key)) + 2;
        lines.push(Line::from(vec![
            Span::styled(format!(" {key}"), theme::key()),
            Span::raw(" ".repeat(pad)),
            Span::raw(action),
        ]));
    }
    popup(
        frame,
        area,
        &loc.t(lang, "help-title"),
        lines,
        Vec::new(),
        scroll,
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::widgets::Paragraph;

    use super::*;

    /// Over Japanese text (wide characters at every other column), the pop-up has a blank
    /// column on each side: no half of a character it cut, and no text touching its border.
    #[test]
    fn a_popup_over_wide_text_has_a_blank_column_beside_each_border() {
        for width in [79u16, 80] {
            let mut terminal = Terminal::new(TestBackend::new(width, 12)).unwrap();
            terminal
                .draw(|f| {
                    let area = f.area();
                    let text: Vec<Line> = (0..area.height)
                        .map(|_| Line::from("あ".repeat(area.width as usize / 2)))
                        .collect();
                    f.render_widget(Paragraph::new(text), area);
                    popup_with_more(
                        f,
                        area,
                        "確認".into(),
                        vec![Line::from("本文")],
                        Vec::new(),
                        0,
                    );
                })
                .unwrap();
            let buffer = terminal.backend().buffer();
            let rect = centred(buffer.area, 3);
            for y in rect.y..rect.y + rect.height {
                for x in [rect.x - 1, rect.x + rect.width] {
                    assert_eq!(buffer[(x, y)].symbol(), " ", "{width}: ({x}, {y})");
                }
                // Nor does a wide character start just before the blank column: the terminal
                // would draw it over that column.
                let before = &buffer[(rect.x - 2, y)];
                assert!(display_width(before.symbol()) <= 1, "{width}: {before:?}");
                assert_ne!(
                    buffer[(rect.x, y)].symbol(),
                    " ",
                    "the border at ({}, {y})",
                    rect.x
                );
            }
        }
    }
}
