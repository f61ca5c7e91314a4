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

/// A pop-up as [`popup`], whose last line, when lines are left below, says so.
pub fn popup_with_more(
    frame: &mut Frame,
    area: Rect,
    title: String,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    scroll: usize,
) {
    boxed(frame, area, &title, lines, pinned, scroll, true);
}

fn boxed(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    pinned: Vec<Line<'static>>,
    scroll: usize,
    more_marker: bool,
) {
    let rect = centred(area, (lines.len() + pinned.len()) as u16 + 2);
    let room = (rect.height as usize)
        .saturating_sub(2 + pinned.len())
        .max(1);
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
    frame.render_widget(Clear, rect);
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
