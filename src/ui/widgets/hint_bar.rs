//! The hint bar: the keys that work here, from the key table, language and help pinned right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::i18n::{Lang, Localizer};
use crate::ui::theme;
use crate::wrap::display_width;

/// One hint as shown: the key's label and what it does (with its trailing space).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    pub key: String,
    pub action: String,
    /// Language and help, kept at the right.
    pub pinned: bool,
}

/// Which hints a bar of `width` cells shows, each whole: the keys given, language and help
/// pinned right. When they do not all fit, the last ones (the least important: the table
/// lists them by importance) give way, and help says "more", since the help lists every key.
/// The language key names what F2 switches to, in that language, so a person who cannot read
/// the current one still finds it.
pub fn hint_layout(
    loc: &Localizer,
    lang: &Lang,
    hints: &[(&str, &str)],
    next_view: &str,
    width: usize,
) -> Vec<Hint> {
    let label = |key: &str, action: &str, pinned: bool| -> Hint {
        let text = if action == "act-language" {
            next_view.to_string()
        } else {
            loc.t(lang, action)
        };
        Hint {
            key: loc.t(lang, key),
            action: format!(" {text}  "),
            pinned,
        }
    };
    let w = |h: &Hint| display_width(&h.key) + display_width(&h.action);
    let is_pinned = |action: &str| matches!(action, "act-language" | "act-help");
    let rest: Vec<Hint> = hints
        .iter()
        .filter(|(_, a)| !is_pinned(a))
        .map(|(k, a)| label(k, a, false))
        .collect();
    let mut pinned: Vec<Hint> = hints
        .iter()
        .filter(|(_, a)| is_pinned(a))
        .map(|(k, a)| label(k, a, true))
        .collect();
    let trim_last = |pinned: &mut Vec<Hint>| {
        if let Some(last) = pinned.last_mut() {
            last.action = last.action.trim_end().to_string();
        }
    };
    trim_last(&mut pinned);
    let total = |rest: &[Hint], pinned: &[Hint]| -> usize {
        rest.iter().map(w).sum::<usize>() + pinned.iter().map(w).sum::<usize>() + 1
    };
    if total(&rest, &pinned) <= width {
        return rest.into_iter().chain(pinned).collect();
    }
    // Short of room: help becomes "more", and the least important keys move to it.
    let help_keys = [loc.t(lang, "key-help"), loc.t(lang, "key-f1")];
    let with_help_word = |word: &str| -> Vec<Hint> {
        let mut pinned = pinned.clone();
        for h in &mut pinned {
            if help_keys.contains(&h.key) {
                h.action = if word.is_empty() {
                    String::new()
                } else {
                    format!(" {word}  ")
                };
            }
        }
        trim_last(&mut pinned);
        pinned
    };
    let fill = |pinned: &[Hint]| -> Vec<Hint> {
        let mut room = width.saturating_sub(total(&[], pinned));
        let mut shown = Vec::new();
        for h in &rest {
            if w(h) > room {
                break;
            }
            room -= w(h);
            shown.push(h.clone());
        }
        shown
    };
    let more = with_help_word(&loc.t(lang, "act-help-more"));
    let shown = fill(&more);
    // On terminals narrower than 80 columns the way on or back matters more than help's
    // word: the key alone stays. From 80 columns on, help always has its word.
    let bare = with_help_word("");
    let shown_bare = fill(&bare);
    if width < 80 && shown_bare.len() > shown.len() {
        return shown_bare.into_iter().chain(bare).collect();
    }
    shown.into_iter().chain(more).collect()
}

/// Draws a hint bar (see [`hint_layout`]).
pub fn hint_bar_for(
    frame: &mut Frame,
    loc: &Localizer,
    lang: &Lang,
    hints: &[(&str, &str)],
    next_view: &str,
    area: Rect,
) {
    let layout = hint_layout(loc, lang, hints, next_view, area.width as usize);
    let used: usize = 1 + layout
        .iter()
        .map(|h| display_width(&h.key) + display_width(&h.action))
        .sum::<usize>();
    let mut spans = vec![Span::raw(" ")];
    let mut gap = false;
    for h in layout {
        if h.pinned && !gap {
            spans.push(Span::raw(
                " ".repeat((area.width as usize).saturating_sub(used)),
            ));
            gap = true;
        }
        spans.push(Span::styled(h.key, theme::key()));
        spans.push(Span::raw(h.action));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
