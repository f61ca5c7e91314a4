//! Text in an area: margins, a centred column, a body's lines from a line on, truncation, and
//! the message shown in place of everything when the window is too small.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use crate::glyphs;
use crate::i18n::{Lang, Localizer};
use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::ui::{Body, doc, theme};

/// Columns left empty at each side of the text.
pub const MARGIN: u16 = 2;

/// `area` without the side margins.
pub fn inset(area: Rect) -> Rect {
    let m = MARGIN.min(area.width / 4);
    Rect::new(
        area.x + m,
        area.y,
        area.width.saturating_sub(2 * m),
        area.height,
    )
}

/// A column of at most `max` cells, centred in `area`.
pub fn centred_column(area: Rect, max: u16) -> Rect {
    let inner = inset(area);
    let w = inner.width.min(max);
    Rect::new(area.x + (area.width - w) / 2, area.y, w, area.height)
}

/// Draws a body's lines in `area` from line `top`, with the text cursor when it is in view.
/// Returns whether lines are left below.
pub fn body_lines(frame: &mut Frame, body: &Body, area: Rect, top: usize) -> bool {
    let visible: Vec<Line<'static>> = body
        .lines
        .iter()
        .skip(top)
        .take(area.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
    if let Some((line, col)) = body.cursor
        && line >= top
        && line < top + area.height as usize
    {
        let x = area.x + (col as u16).min(area.width.saturating_sub(1));
        frame.set_cursor_position((x, area.y + (line - top) as u16));
    }
    body.lines.len() > top + area.height as usize
}

/// The first line to show so that the focused lines (or the cursor) are in view.
pub fn follow_focus(body: &Body, height: usize) -> usize {
    let Some((first, end)) = body.focus else {
        return 0;
    };
    // A few lines after the focus too: what the field's hint says is just below it.
    let end = (end + 2).min(body.lines.len());
    if end > height {
        (end - height).min(first)
    } else {
        0
    }
}

/// In place of everything: the window is too small, and how large it must be.
pub fn too_small(frame: &mut Frame, loc: &Localizer, lang: &Lang, area: Rect) {
    let text = loc.ta(
        lang,
        "too-small",
        &[
            ("width", MIN_WIDTH.to_string().into()),
            ("height", MIN_HEIGHT.to_string().into()),
        ],
    );
    let lines = doc::plain_lines(&text, area.width.max(1) as usize, theme::warn());
    let h = (lines.len() as u16).min(area.height);
    let y = area.y + area.height.saturating_sub(h) / 2;
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center),
        Rect::new(area.x, y, area.width, h),
    );
}

/// Cuts text to `width` columns, ending with "…" (the glyph set's ellipsis) when cut.
pub fn truncate(text: &str, width: usize) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    // Names and notes from the ledger come here unfolded: folded, they are measured as drawn.
    let text = glyphs::fold(text);
    let text = text.as_ref();
    if crate::wrap::display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = crate::wrap::display_width(g);
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if width > 0 {
        out.push_str(glyphs::glyphs().ellipsis);
    }
    out
}
