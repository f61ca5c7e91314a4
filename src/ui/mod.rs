//! The view: draws the app's state and nothing else. Every screen's body is a list of lines
//! at the body's width; the frame around it (header, notice, hint bar, pop-ups) is drawn here.

pub mod attract;
pub mod dashboard;
pub mod doc;
pub use crate::glyphs;
pub mod overlay;
pub mod present;
pub mod qr;
pub mod screen;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::app::{App, Step};
use crate::content::ScreenKind;
use crate::i18n::{Lang, Localizer};
use crate::keys;
use crate::layout::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::wrap::display_width;

/// A screen's body: its lines, where the text cursor is (line, column), which lines hold
/// the focused item (so scrolling can keep it in view), and which lines are highlighted (the
/// rule a wrong answer sent the person back to).
#[derive(Debug, Default)]
pub struct Body {
    pub lines: Vec<Line<'static>>,
    pub cursor: Option<(usize, usize)>,
    pub focus: Option<(usize, usize)>,
    pub mark: Option<(usize, usize)>,
}

impl Body {
    pub fn push(&mut self, line: Line<'static>) {
        self.lines.push(line);
    }
    pub fn extend(&mut self, lines: impl IntoIterator<Item = Line<'static>>) {
        self.lines.extend(lines);
    }
    pub fn blank(&mut self) {
        self.lines.push(Line::default());
    }
}

/// The body of the current step at `width`.
pub fn body(app: &App, width: usize) -> Body {
    match app.step {
        Step::Welcome => screen::welcome::body(app, width),
        Step::Identity => screen::identity::body(app, width),
        Step::Code => screen::identity::code_body(app, width),
        Step::Confirm | Step::Standing(_) => screen::standing::body(app, width),
        Step::Withdraw => screen::withdraw::body(app, width),
        Step::Notice => screen::notice::body(app, width),
        Step::Screen(i) => match app.content.manifest.screens[i].kind {
            ScreenKind::Info => screen::info::body(app, i, width),
            ScreenKind::Check => screen::check::body(app, i, width),
            ScreenKind::Choice => screen::choice::body(app, i, width),
            ScreenKind::Receipt => screen::receipt::body(app, i, width),
        },
    }
}

impl crate::app::Measured for App {
    fn measure(&self, width: usize) -> crate::app::Measure {
        let body = body(self, width);
        crate::app::Measure {
            lines: body.lines.len(),
            focus: body.focus,
            mark: body.mark,
        }
    }
}

/// Lines scrolled past at the top of the current step.
pub fn scroll(app: &App) -> usize {
    match app.step {
        Step::Screen(i) => app.person.visits[i].scroll,
        _ => app.other_scroll,
    }
}

pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    if let Some(step) = app.attract {
        attract::draw(frame, app, step);
        return;
    }
    if layout::too_small(area.width, area.height) {
        too_small(frame, &app.loc, &app.lang, area);
        return;
    }
    let areas = layout::areas(area.width, area.height);
    header(frame, app, areas.header);

    let body = body(app, areas.body.width as usize);
    let top = scroll(app).min(body.lines.len());
    let visible: Vec<Line<'static>> = body
        .lines
        .iter()
        .skip(top)
        .take(areas.body.height as usize)
        .cloned()
        .collect();
    frame.render_widget(Paragraph::new(visible), areas.body);
    let more_below = body.lines.len() > top + areas.body.height as usize;
    if body.lines.len() > areas.body.height as usize {
        let mut state =
            ScrollbarState::new(body.lines.len().saturating_sub(areas.body.height as usize))
                .position(top);
        // Beside the text, one column off; at the terminal's edge when the text fills it.
        let x = (areas.body.x + areas.body.width + 1).min(area.width - 1);
        let bar = Rect::new(x, areas.body.y, 1, areas.body.height);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None)
                .track_symbol(Some(glyphs::glyphs().bar))
                .track_style(theme::dim())
                .thumb_symbol(glyphs::glyphs().thumb),
            bar,
            &mut state,
        );
    }
    if let Some((line, col)) = body.cursor
        && line >= top
        && line < top + areas.body.height as usize
        && !app.help
    {
        let x = areas.body.x + (col as u16).min(areas.body.width.saturating_sub(1));
        let y = areas.body.y + (line - top) as u16;
        frame.set_cursor_position((x, y));
    }

    notice(frame, app, areas.notice, more_below);
    hint_bar(frame, app, areas.hints);

    if let Some(seconds) = app.idle_left {
        overlay::idle(frame, app, areas.body, seconds);
    } else if app.pin.is_some() {
        overlay::pin(frame, app, areas.body);
    } else if app.help {
        overlay::help(frame, app, areas.body);
    } else if app.renewal_open() {
        overlay::renewal(frame, app, areas.body);
    } else if app.person.choice.reviewing && app.step != Step::Withdraw {
        overlay::review(frame, app, areas.body);
    } else if app.person.code_shown {
        let above_hints = Rect::new(area.x, area.y, area.width, areas.hints.y - area.y);
        overlay::receipt_code(frame, app, above_hints);
    } else if let Some(n) = app.person.link_code {
        let above_hints = Rect::new(area.x, area.y, area.width, areas.hints.y - area.y);
        overlay::link_code(frame, app, above_hints, n);
    }
}

/// Whether a key's action applies in this mode: a kiosk cannot be quit, only left by staff.
pub fn applies(app: &App, action: &str) -> bool {
    match action {
        "act-quit" => app.mode == crate::app::Mode::Attended,
        "act-staff-exit" => app.mode == crate::app::Mode::Kiosk,
        "act-link-code" => !app.screen_links().is_empty(),
        _ => true,
    }
}

/// Whether a pop-up covers the body (its keys, not the body's, are the ones that work).
fn popup_open(app: &App) -> bool {
    app.help
        || app.pin.is_some()
        || app.idle_left.is_some()
        || app.person.choice.reviewing
        || app.renewal_open()
}

/// In place of everything: the window is too small, and how large it must be.
pub(crate) fn too_small(frame: &mut Frame, loc: &Localizer, lang: &Lang, area: Rect) {
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

/// The screen's title for the header.
fn step_title(app: &App) -> String {
    match app.step {
        Step::Welcome => app.t("app-title"),
        Step::Identity => app.t("identity-title"),
        Step::Code => app.t("code-title"),
        Step::Confirm | Step::Standing(_) => screen::standing::title(app),
        Step::Withdraw => app.t("withdraw-title"),
        Step::Notice => app.t("notice-title"),
        Step::Screen(i) => {
            glyphs::fold(&app.content.lang(&app.lang).screens[i].doc.title).into_owned()
        }
    }
}

fn header(frame: &mut Frame, app: &App, area: Rect) {
    let progress = match app.step {
        Step::Screen(i) => match app.info_progress(i) {
            Some((n, of)) => app.loc.ta(
                &app.lang,
                "progress",
                &[("n", n.to_string().into()), ("of", of.to_string().into())],
            ),
            None => String::new(),
        },
        _ => String::new(),
    };
    let lang_name = app.t("language-name");
    let left = format!(
        " {} {} {}",
        app.t("app-name"),
        glyphs::glyphs().bar,
        step_title(app)
    );
    let right = format!("{progress}  {lang_name} ");
    let width = area.width as usize;
    let right_w = crate::wrap::display_width(&right);
    let left = truncate(&left, width.saturating_sub(right_w + 1));
    let pad = width.saturating_sub(crate::wrap::display_width(&left) + right_w);
    let line = Line::from(vec![
        Span::styled(left, theme::header()),
        Span::styled(" ".repeat(pad), theme::header()),
        Span::styled(right, theme::header()),
    ]);
    frame.render_widget(
        Paragraph::new(line),
        Rect::new(area.x, area.y, area.width, 1),
    );

    // A thin bar showing how far through the whole flow the person is.
    if area.height > 1 {
        let total = app.content.manifest.screens.len() + 1;
        let at = match app.step {
            Step::Welcome | Step::Withdraw | Step::Standing(_) | Step::Notice => 0,
            Step::Identity | Step::Confirm | Step::Code => 1,
            Step::Screen(i) => i + 2,
        };
        let filled = (width * at.min(total)) / total.max(1);
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

fn notice(frame: &mut Frame, app: &App, area: Rect, more_below: bool) {
    let line = if let Some(n) = &app.notice {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
            n.args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        let style = if n.error { theme::bad() } else { theme::warn() };
        Line::from(Span::styled(app.loc.ta(&app.lang, n.id, &args), style))
    } else if let Some(secs) = app.receipt_left.filter(|_| !popup_open(app)) {
        let mut text = app
            .loc
            .ta(&app.lang, "receipt-countdown", &[("n", secs.into())]);
        if more_below {
            text = format!("{text} · {}", app.t("more-below"));
        }
        Line::from(Span::styled(text, theme::dim()))
    } else if more_below && !popup_open(app) {
        // Space is named only where it pages down.
        let space = crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(' '),
            crossterm::event::KeyModifiers::NONE,
        );
        let id = if keys::cmd_for(&space, app.ctx()) == Some(keys::Cmd::PageDown) {
            "more-below"
        } else {
            "more-below-scroll"
        };
        Line::from(Span::styled(app.t(id), theme::dim()))
    } else {
        Line::default()
    };
    let text = truncate(
        &line
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect::<String>(),
        area.width as usize,
    );
    let style = line.spans.first().map(|s| s.style).unwrap_or_default();
    frame.render_widget(Paragraph::new(Line::from(Span::styled(text, style))), area);
}

/// The hint bar: the keys that work here, from the key table (those that apply in this mode).
pub fn hint_bar(frame: &mut Frame, app: &App, area: Rect) {
    let hints: Vec<(&str, &str)> = keys::hints(app.ctx())
        .into_iter()
        .filter(|(_, action)| applies(app, action))
        .collect();
    let langs = app.content.languages();
    let at = langs.iter().position(|l| *l == app.lang).unwrap_or(0);
    let next = app.loc.t(&langs[(at + 1) % langs.len()], "language-name");
    hint_bar_for(frame, &app.loc, &app.lang, &hints, &next, area);
}

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
        for h in pinned.iter_mut() {
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
