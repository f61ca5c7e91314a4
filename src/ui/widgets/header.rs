//! The header (name and title, a bar of progress below) and the notice line above the hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{inset, truncate};
use crate::app::Notice;
use crate::glyphs;
use crate::i18n::{Lang, Localizer};
use crate::ui::theme;
use crate::wrap::display_width;

/// The header: name and title on the left, `right` on the right; below it a bar filled to
/// `progress` (n of total), or a plain rule.
pub fn header_bar(
    frame: &mut Frame,
    area: Rect,
    left: &str,
    right: &str,
    progress: Option<(usize, usize)>,
) {
    let width = area.width as usize;
    let right = format!("{right} ");
    let right_w = display_width(&right);
    // The left part may hold a screen's title, straight from the content.
    let left = truncate(
        &format!(" {}", glyphs::fold(left)),
        width.saturating_sub(right_w + 1),
    );
    let pad = width.saturating_sub(display_width(&left) + right_w);
    let line = Line::from(vec![
        Span::styled(
            left,
            theme::header().add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(" ".repeat(pad), theme::header()),
        Span::styled(right, theme::header()),
    ]);
    frame.render_widget(
        Paragraph::new(line),
        Rect::new(area.x, area.y, area.width, 1),
    );
    if area.height > 1 {
        let filled = match progress {
            Some((n, of)) => width * n.min(of) / of.max(1),
            None => 0,
        };
        let bar = Line::from(vec![
            Span::styled(glyphs::glyphs().heavy_rule.repeat(filled), theme::title()),
            Span::styled(glyphs::glyphs().rule.repeat(width - filled), theme::dim()),
        ]);
        frame.render_widget(
            Paragraph::new(bar),
            Rect::new(area.x, area.y + 1, area.width, 1),
        );
    }
}

/// A notice in words, styled as a warning or an error.
pub fn notice_text(loc: &Localizer, lang: &Lang, n: &Notice) -> (String, Style) {
    // Counts go in as numbers, so the English plural forms apply.
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = n
        .args
        .iter()
        .map(|(k, v)| match v.parse::<i64>() {
            Ok(number) => (*k, number.into()),
            Err(_) => (*k, v.clone().into()),
        })
        .collect();
    let style = if n.error { theme::bad() } else { theme::warn() };
    (loc.ta(lang, n.id, &args), style)
}

/// The line above the hint bar: a notice, else a hint that the text goes on below.
pub fn notice_line(
    frame: &mut Frame,
    area: Rect,
    notice: Option<(String, Style)>,
    more_below: bool,
    more_text: &str,
) {
    let inner = inset(area);
    let (text, style) = match notice {
        Some(n) => n,
        None if more_below => (more_text.to_string(), theme::dim()),
        None => return,
    };
    let width = inner.width as usize;
    // Wrapped as text is (Japanese by its line-breaking rules) on the lines it was given; what
    // does not fit ends in an ellipsis.
    let mut lines = crate::ui::doc::plain_lines(&text, width.max(1), style);
    if lines.len() > inner.height.max(1) as usize {
        lines.truncate(inner.height.max(1) as usize);
        if let Some(last) = lines.last_mut() {
            let cut: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
            let shown = if inner.height > 1 {
                format!("{cut}{}", glyphs::glyphs().ellipsis)
            } else {
                text.clone()
            };
            *last = Line::styled(truncate(&shown, width), style);
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Whether a message of `text` needs more than one line of `area` (less its margins).
pub fn notice_needs_two_lines(text: &str, area: Rect) -> bool {
    display_width(text) > inset(area).width as usize
}
