//! A slide for a projector: the title large in the only ways a terminal has (bold, accent colour,
//! a rule, room around it), the text in a comfortable centred column, both languages side by
//! side when there is room, and the speaker notes in a panel at the side or the bottom.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{MARGIN, centred_column};
use crate::i18n::Lang;
use crate::present::{Presenter, View};
use crate::ui::{doc, theme, truncate};
use crate::viewport::Drawn;

/// The widest a slide's text gets: longer lines are hard to follow from the back of a room.
pub const MAX_TEXT: u16 = 88;
/// The widest each language's column gets when both are side by side.
pub const MAX_COLUMN: u16 = 80;
/// Side by side only when each column has at least this many cells; stacked otherwise.
pub const MIN_COLUMN: u16 = 50;
/// Space between the two columns.
pub const GAP: u16 = 4;
/// From this terminal width on, the notes go to the right of a one-language slide.
pub const NOTES_AT_SIDE: u16 = 140;

/// Where a slide's parts go in the body area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlideAreas {
    /// One column per language side by side, or one column holding every language stacked.
    pub columns: Vec<Rect>,
    pub stacked: bool,
    pub notes: Option<Rect>,
}

pub fn areas(p: &Presenter, body: Rect) -> SlideAreas {
    let mut text = body;
    let mut notes = None;
    if p.notes {
        if body.width >= NOTES_AT_SIDE && matches!(p.view, View::One(_)) {
            let w = (body.width * 36 / 100).max(40);
            text = Rect::new(body.x, body.y, body.width - w, body.height);
            notes = Some(Rect::new(body.x + body.width - w, body.y, w, body.height));
        } else {
            // As tall as the notes need (with its border line), up to two fifths of the body.
            let need = notes_lines(p, body.width.saturating_sub(4) as usize).len() as u16 + 2;
            let h = need
                .min(body.height * 2 / 5)
                .max(5)
                .min(body.height.saturating_sub(3));
            text = Rect::new(body.x, body.y, body.width, body.height - h);
            notes = Some(Rect::new(body.x, body.y + body.height - h, body.width, h));
        }
    }
    // Room above the title on a large screen: a slide breathes.
    let pad = u16::from(text.height > 30);
    let text = Rect::new(text.x, text.y + pad, text.width, text.height - pad);
    let langs = p.slide_langs().len() as u16;
    let inner = text.width.saturating_sub(2 * MARGIN);
    if langs > 1 && inner >= langs * MIN_COLUMN + (langs - 1) * GAP {
        let w = ((inner - (langs - 1) * GAP) / langs).min(MAX_COLUMN);
        let total = langs * w + (langs - 1) * GAP;
        let x0 = text.x + (text.width - total) / 2;
        let columns = (0..langs)
            .map(|i| Rect::new(x0 + i * (w + GAP), text.y, w, text.height))
            .collect();
        SlideAreas {
            columns,
            stacked: false,
            notes,
        }
    } else {
        SlideAreas {
            columns: vec![centred_column(text, MAX_TEXT)],
            stacked: langs > 1,
            notes,
        }
    }
}

/// One language's slide at `width`: the title, a rule, and the text. With `tag`, the
/// language's name above it (both languages shown).
pub fn slide_lines(p: &Presenter, lang: &Lang, width: usize, tag: bool) -> Vec<Line<'static>> {
    let Some(i) = p.screen() else {
        return Vec::new();
    };
    let screen = &p.flow.content.lang(lang).screens[i];
    let mut lines = Vec::new();
    if tag {
        lines.push(Line::styled(
            p.flow.loc.t(lang, "language-name"),
            theme::dim().add_modifier(Modifier::ITALIC),
        ));
    }
    lines.extend(doc::plain_lines(&screen.doc.title, width, theme::title()));
    let rule = crate::glyphs::glyphs().heavy_rule.repeat(width);
    lines.push(Line::styled(
        rule,
        theme::title().remove_modifier(Modifier::BOLD),
    ));
    lines.push(Line::default());
    // The room sees what is said in a trainer's session, never one person's outcome.
    lines.extend(doc::render(&screen.doc.select(&["session"]), width));
    lines
}

/// Every column's lines (stacked languages in one column, separated by space).
fn columns_lines(p: &Presenter, a: &SlideAreas) -> Vec<Vec<Line<'static>>> {
    let langs = p.slide_langs();
    let tag = langs.len() > 1;
    if a.stacked {
        let width = a.columns[0].width as usize;
        let mut all = Vec::new();
        for (n, lang) in langs.iter().enumerate() {
            if n > 0 {
                all.push(Line::default());
                all.push(Line::default());
            }
            all.extend(slide_lines(p, lang, width, tag));
        }
        vec![all]
    } else {
        langs
            .iter()
            .zip(&a.columns)
            .map(|(lang, r)| slide_lines(p, lang, r.width as usize, tag))
            .collect()
    }
}

/// Draws the slide; returns whether text is left below.
pub fn draw(frame: &mut Frame, p: &Presenter, body: Rect) -> bool {
    let a = areas(p, body);
    let mut more = false;
    let columns = columns_lines(p, &a);
    // A slide that fits sits a little lower, as on a printed slide; a long one starts at the top.
    let tallest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let room = a.columns.first().map_or(0, |r| r.height);
    // Scrolled as far as the presenter asked, within the tallest column; written back for
    // update to scroll by.
    let top = p.scroll.min(tallest.saturating_sub(room as usize));
    let area = frame.area();
    p.slide_viewport.record(Drawn {
        key: p.slide_key_at(area.width, area.height),
        lines: tallest,
        height: room as usize,
        top,
        focus: None,
        mark: None,
    });
    let drop = (room.saturating_sub(tallest as u16) / 4).min(3);
    for (lines, rect) in columns.into_iter().zip(&a.columns) {
        let rect = Rect::new(rect.x, rect.y + drop, rect.width, rect.height - drop);
        let shown: Vec<Line<'static>> = lines
            .iter()
            .skip(top)
            .take(rect.height as usize)
            .cloned()
            .collect();
        more |= lines.len() > top + rect.height as usize;
        frame.render_widget(Paragraph::new(shown), rect);
    }
    if let Some(r) = a.notes {
        notes_panel(frame, p, r);
    }
    more
}

/// The notes of the slide at `width`, in the frame's language, or in every language (each
/// under its name) while both are shown.
fn notes_lines(p: &Presenter, width: usize) -> Vec<Line<'static>> {
    let langs = p.frame_langs();
    let tag = langs.len() > 1;
    let mut out = Vec::new();
    for (n, lang) in langs.iter().enumerate() {
        if n > 0 {
            out.push(Line::default());
        }
        if tag {
            out.push(Line::styled(
                p.flow.loc.t(lang, "language-name"),
                theme::dim().add_modifier(Modifier::ITALIC),
            ));
        }
        let notes = p
            .screen()
            .and_then(|i| p.flow.content.lang(lang).screens[i].notes.as_ref());
        match notes {
            Some(doc) => out.extend(doc::render(doc, width.max(1))),
            None => out.push(Line::styled(
                p.flow.loc.t(lang, "present-no-notes"),
                theme::dim(),
            )),
        }
    }
    out
}

/// The speaker notes of the slide, in the trainer's language.
fn notes_panel(frame: &mut Frame, p: &Presenter, area: Rect) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(crate::glyphs::border_set())
        .border_style(theme::rule())
        .title(Span::styled(
            format!(" {} ", p.label("present-notes-title")),
            theme::warn().add_modifier(Modifier::BOLD),
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let width = inner.width.max(1) as usize;
    let mut lines = notes_lines(p, width);
    let room = inner.height as usize;
    if lines.len() > room && room > 0 {
        // Cut with a sign, so the trainer knows to look at the notes terminal for the rest.
        lines.truncate(room - 1);
        lines.push(Line::styled(
            truncate(&p.t("present-notes-cut"), width),
            theme::dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines).style(Style::new()), inner);
}
