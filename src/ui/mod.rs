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
pub mod widgets;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::app::{App, Step};
use crate::content::ScreenKind;
use crate::keys;
use crate::layout;
use crate::viewport;
pub(crate) use widgets::too_small;
pub use widgets::{Hint, hint_bar_for, hint_layout, truncate};

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

/// Lines scrolled past at the top of the current step.
pub fn scroll(app: &App) -> usize {
    match app.step {
        Step::Screen(i) => app.person.visits[i].scroll,
        _ => app.other_scroll,
    }
}

/// The first line of the body to show, as update asked (the rule it asked for brought to the
/// top, the focus kept in view, the text within bounds); written back to the app's viewport
/// with what was laid out, for update to scroll and note reading by.
fn settle(app: &App, body: &Body, height: usize, area: Rect) -> usize {
    let asked = app.body_viewport.requests;
    let want = match body.mark {
        Some((first, _)) if asked.to_mark => first.saturating_sub(1),
        _ => scroll(app),
    };
    let focus = body.focus.filter(|_| asked.follow);
    let lines = body.lines.len();
    let top = viewport::settle(want, lines, height, focus, crate::app::SCROLL_AHEAD);
    app.body_viewport.record(viewport::Drawn {
        key: app.view_key_at(area.width, area.height),
        lines,
        height,
        top,
        focus: body.focus,
        mark: body.mark,
    });
    top
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
    let mut areas = layout::areas(area.width, area.height);
    // A message longer than the line (Japanese ones, mostly; any on a narrow screen) takes
    // the lines it needs from the body, up to four and leaving the body four, rather than lose
    // its end: the end is often what to do.
    if let Some((text, style)) = notice_text(app)
        && crate::wrap::display_width(&text) > areas.notice.width as usize
    {
        let needed = doc::plain_lines(&text, areas.notice.width as usize, style).len() as u16;
        let taken = needed
            .clamp(2, 4)
            .saturating_sub(1)
            .min(areas.body.height.saturating_sub(4));
        areas.body.height -= taken;
        areas.notice.y -= taken;
        areas.notice.height += taken;
    }
    header(frame, app, areas.header);

    let body = body(app, areas.body.width as usize);
    let top = settle(app, &body, areas.body.height as usize, area);
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

    // Everything but the hint bar: for pop-ups that need more room than the body.
    let above_hints = Rect::new(area.x, area.y, area.width, areas.hints.y - area.y);
    if let Some(seconds) = app.idle_left {
        overlay::idle(frame, app, areas.body, seconds);
    } else if app.pin.is_some() {
        overlay::pin(frame, app, areas.body);
    } else if app.help {
        overlay::help(frame, app, areas.body);
    } else if app.renewal_open() {
        overlay::renewal(frame, app, areas.body);
    } else if app.person.choice.reviewing && app.step != Step::Withdraw {
        // On a small screen the body leaves the summary no room for the answer under the
        // name: it may then cover the title bar too (what is confirmed must be in view).
        let room = if areas.body.height < 12 {
            above_hints
        } else {
            areas.body
        };
        overlay::review(frame, app, room);
    } else if app.person.code_shown {
        overlay::receipt_code(frame, app, above_hints);
    } else if let Some(n) = app.person.link_code {
        overlay::link_code(frame, app, above_hints, n);
    }
    // Last: a pop-up drawn above has written back whether its text scrolls.
    hint_bar(frame, app, areas.hints);
}

/// Whether a pop-up covers the body (its keys, not the body's, are the ones that work).
fn popup_open(app: &App) -> bool {
    app.help
        || app.pin.is_some()
        || app.idle_left.is_some()
        || app.person.choice.reviewing
        || app.renewal_open()
}

/// The screen's title for the header.
fn step_title(app: &App) -> String {
    match app.step {
        Step::Welcome => app.t("app-title"),
        Step::Identity => app.t(screen::identity::title_id(app)),
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

/// The message the app has for the person now, if any, and its style.
fn notice_text(app: &App) -> Option<(String, ratatui::style::Style)> {
    let n = app.notice.as_ref()?;
    // The contact is named as the current language names it: F2 right after the message
    // shows it in the other language whole.
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = n
        .args
        .iter()
        .map(|(k, v)| match *k {
            "contact" => (*k, app.org_contact().into()),
            _ => (*k, v.clone().into()),
        })
        .collect();
    let style = if n.error { theme::bad() } else { theme::warn() };
    Some((app.loc.ta(&app.lang, n.id, &args), style))
}

fn notice(frame: &mut Frame, app: &App, area: Rect, more_below: bool) {
    if let Some((text, style)) = notice_text(app)
        && area.height > 1
    {
        // Wrapped as text is (Japanese by its line-breaking rules), on the lines it was given.
        let mut lines = doc::plain_lines(&text, area.width as usize, style);
        if lines.len() > area.height as usize {
            lines.truncate(area.height as usize);
            if let Some(last) = lines.last_mut() {
                let cut: String = last.spans.iter().map(|s| s.content.as_ref()).collect();
                *last = Line::from(Span::styled(
                    truncate(
                        &format!("{cut}{}", glyphs::glyphs().ellipsis),
                        area.width as usize,
                    ),
                    style,
                ));
            }
        }
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    let line = if let Some((text, style)) = notice_text(app) {
        Line::from(Span::styled(text, style))
    } else if let Some(secs) = app.receipt_left.filter(|_| !popup_open(app)) {
        // In a trainer's session the screen then goes back to the trainer, not to a start.
        let id = if app.session.is_some() {
            "receipt-countdown-session"
        } else {
            "receipt-countdown"
        };
        let mut text = app.loc.ta(&app.lang, id, &[("n", secs.into())]);
        // Beside the countdown, the short form of "more below", so that neither is cut.
        let more = format!("{text} · {}", app.t("more-below-short"));
        if more_below && crate::wrap::display_width(&more) <= area.width as usize {
            text = more;
        }
        Line::from(Span::styled(text, theme::dim()))
    } else if more_below && !popup_open(app) {
        // Space is named only where it pages down; where ↓ first moves through answers (the
        // choice), the page key is named instead, so that reading on never picks one.
        let pages = |code| {
            let key = crossterm::event::KeyEvent::new(code, crossterm::event::KeyModifiers::NONE);
            keys::cmd_for(&key, app.ctx()) == Some(keys::Cmd::PageDown)
        };
        let id = if pages(crossterm::event::KeyCode::Char(' ')) {
            "more-below"
        } else if pages(crossterm::event::KeyCode::PageDown) {
            "more-below-page"
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
    // Over "Still there?" any key only says so: the keys of the screen under it do nothing.
    if app.idle_left.is_some() {
        let hints = [("key-any", "act-still-here")];
        hint_bar_for(frame, &app.loc, &app.lang, &hints, "", area);
        return;
    }
    let hints = keys::hints_for(app.ctx(), app);
    let langs = app.content.languages();
    let at = langs.iter().position(|l| *l == app.lang).unwrap_or(0);
    let next = app.loc.t(&langs[(at + 1) % langs.len()], "language-name");
    hint_bar_for(frame, &app.loc, &app.lang, &hints, &next, area);
}
