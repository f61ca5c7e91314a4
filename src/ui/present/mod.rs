//! Trainer mode's view: the frame shared by its screens (header with progress and clock, notice
//! line, hint bar from the key table, pop-ups) and one file per screen.

pub mod attendees;
pub mod notes;
pub mod setup;
pub mod slides;

use std::time::Duration;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::app::Notice;
use crate::i18n::{Lang, Localizer};
use crate::keys;
use crate::layout;
use crate::present::session::Status;
use crate::present::{Phase, Presenter, View};
use crate::ui::{Body, doc, glyphs, theme, truncate};
use crate::wrap::display_width;

/// Columns left empty at each side of the text.
pub const MARGIN: u16 = 2;

/// The rows every screen of trainer mode has: header and progress, body, notice, hints.
pub struct Frame4 {
    pub header: Rect,
    pub body: Rect,
    pub notice: Rect,
    pub hints: Rect,
}

pub fn frame_areas(width: u16, height: u16) -> Frame4 {
    Frame4 {
        header: Rect::new(0, 0, width, 2.min(height)),
        body: Rect::new(0, 2.min(height), width, height.saturating_sub(4)),
        notice: Rect::new(0, height.saturating_sub(2), width, 1.min(height)),
        hints: Rect::new(0, height.saturating_sub(1), width, 1.min(height)),
    }
}

pub fn draw(frame: &mut Frame, p: &Presenter) {
    let area = frame.area();
    if p.phase == Phase::Attendee {
        // The attendee sees exactly the kiosk's screens.
        crate::ui::draw(frame, &p.flow);
        if p.confirm_quit {
            confirm_quit(frame, p, area);
        }
        return;
    }
    if layout::too_small(area.width, area.height) {
        crate::ui::too_small(frame, &p.flow.loc, p.ui_lang(), area);
        return;
    }
    if p.phase == Phase::Handover {
        handover(frame, p, area);
        return;
    }
    let areas = frame_areas(area.width, area.height);
    let more_below = match p.phase {
        Phase::Setup => setup::draw(frame, p, areas.body),
        Phase::Attendees => attendees::draw(frame, p, areas.body),
        _ => slides::draw(frame, p, areas.body),
    };
    header(frame, p, areas.header);
    let notice = p
        .notice
        .as_ref()
        .map(|n| notice_text(&p.flow.loc, p.ui_lang(), n))
        .or_else(|| {
            // The digits typed so far, so the trainer sees where Enter will go.
            (!p.jump.is_empty()).then(|| {
                let text =
                    p.flow
                        .loc
                        .ta(p.ui_lang(), "present-jump", &[("n", p.jump.clone().into())]);
                (text, theme::heading())
            })
        });
    notice_line(
        frame,
        areas.notice,
        notice,
        more_below,
        &p.t("present-more-below"),
    );
    presenter_hints(frame, p, areas.hints);
    if p.confirm_quit {
        confirm_quit(frame, p, areas.body);
    } else if p.help {
        let rows = keys::help_rows(p.base_ctx())
            .into_iter()
            .filter(|(_, action)| applies(p, action))
            .collect::<Vec<_>>();
        help(
            frame,
            &p.flow.loc,
            p.ui_lang(),
            &rows,
            p.help_scroll,
            areas.body,
        );
    } else if let Some(at) = p.overview {
        overview(frame, p, at, areas.body);
    }
}

/// Every slide by number and title (in each language shown), the highlighted one marked:
/// Enter shows it.
fn overview(frame: &mut Frame, p: &Presenter, at: usize, area: Rect) {
    let width = popup_width(area).saturating_sub(2) as usize;
    let langs = p.slide_langs();
    let lines: Vec<Line<'static>> = p
        .slides
        .iter()
        .enumerate()
        .map(|(n, &i)| {
            let titles: Vec<String> = langs
                .iter()
                .map(|l| p.flow.content.lang(l).screens[i].doc.title.clone())
                .collect();
            let mark = if n == at { "▶" } else { " " };
            let current = if n == p.at { "•" } else { " " };
            let text = truncate(
                &format!("{mark}{current}{:>2}. {}", n + 1, titles.join(" / ")),
                width,
            );
            let style = if n == at {
                theme::focus()
            } else {
                Style::new()
            };
            Line::styled(text, style)
        })
        .collect();
    // Keep the highlighted slide in view.
    let room = area.height.saturating_sub(2) as usize;
    let scroll = (at + 1).saturating_sub(room);
    popup(
        frame,
        area,
        &p.label("present-overview-title"),
        lines,
        Vec::new(),
        scroll,
    );
}

/// Whether a key's action applies now: the attendee keys need a session, and what can be
/// done with the highlighted attendee depends on where they stand.
fn applies(p: &Presenter, action: &str) -> bool {
    let focused = p.attendees.get(p.focus);
    let open = focused.is_some_and(|a| a.attendance && !matches!(a.status, Status::Chosen(_)));
    match action {
        "present-act-attendees" => p.session.is_some(),
        "present-act-record" => p.unrecorded() > 0,
        "present-act-choose-now" => open,
        "present-act-later" => open && focused.is_some_and(|a| a.status != Status::Kiosk),
        "present-act-remove" | "present-act-edit" => focused.is_some_and(|a| !a.attendance),
        "present-act-pick" => {
            !p.matches().is_empty()
                && (p.adding || p.setup_field == crate::present::SetupField::Attendee)
        }
        _ => true,
    }
}

/// The name of a view in its own language(s): what F2 switches to.
pub fn view_name(loc: &Localizer, view: &View, base: &Lang) -> String {
    match view {
        View::One(l) => loc.t(l, "language-name"),
        View::Both => loc.t(base, "present-both"),
    }
}

/// Elapsed time as a clock: `mm:ss`, or `h:mm:ss` from an hour on.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{:02}:{:02}", s / 60, s % 60)
    }
}

fn header(frame: &mut Frame, p: &Presenter, area: Rect) {
    let title = match p.phase {
        Phase::Setup => p.t("present-setup-title"),
        Phase::Attendees | Phase::Attendee | Phase::Handover => p.t("present-attendees-title"),
        Phase::Slides => p
            .screen()
            .map(|i| {
                p.flow.content.lang(p.ui_lang()).screens[i]
                    .doc
                    .title
                    .clone()
            })
            .unwrap_or_default(),
    };
    let mut right = Vec::new();
    if p.phase == Phase::Slides {
        right.push(p.flow.loc.ta(
            p.ui_lang(),
            "progress",
            &[
                ("n", (p.at + 1).to_string().into()),
                ("of", p.slides.len().to_string().into()),
            ],
        ));
    }
    if p.phase != Phase::Setup {
        right.push(format!("⏱ {}", clock(p.elapsed())));
    }
    right.push(view_name(&p.flow.loc, &p.view, &p.base_lang));
    let progress = (p.phase == Phase::Slides).then(|| (p.at + 1, p.slides.len()));
    header_bar(
        frame,
        area,
        &format!("{} {} {title}", p.t("app-name"), glyphs::glyphs().bar),
        &right.join("   "),
        progress,
    );
}

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
    let text = truncate(&text, inner.width as usize);
    frame.render_widget(Paragraph::new(Line::styled(text, style)), inner);
}

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

/// The hint bar of trainer mode: the shared layout, with the view F2 switches to.
pub fn hint_bar(
    frame: &mut Frame,
    loc: &Localizer,
    lang: &Lang,
    hints: &[(&str, &str)],
    next_view: &str,
    area: Rect,
) {
    crate::ui::hint_bar_for(frame, loc, lang, hints, next_view, area);
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
    let w = popup_width(area);
    let h = ((lines.len() + pinned.len()) as u16 + 2).min(area.height);
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    let room = (h as usize).saturating_sub(2 + pinned.len()).max(1);
    let top = scroll.min(lines.len().saturating_sub(room));
    let mut shown: Vec<Line<'static>> = lines.into_iter().skip(top).take(room).collect();
    shown.extend(pinned);
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(shown).block(
            Block::default()
                .borders(Borders::ALL)
                .border_set(glyphs::border_set())
                .border_style(theme::title())
                .title(Span::styled(
                    format!(" {} ", truncate(title, w.saturating_sub(4) as usize)),
                    theme::title(),
                )),
        ),
        rect,
    );
}

fn popup_width(area: Rect) -> u16 {
    area.width.saturating_sub(4).min(72).max(area.width.min(20))
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

fn confirm_quit(frame: &mut Frame, p: &Presenter, area: Rect) {
    let width = popup_width(area).saturating_sub(2) as usize;
    let text = p.flow.loc.ta(
        p.ui_lang(),
        "present-quit-text",
        &[("n", p.unfinished().into())],
    );
    let mut lines = doc::plain_lines(&text, width, Style::new());
    lines.push(Line::default());
    let pinned = doc::plain_lines(&p.t("present-quit-keys"), width, theme::heading());
    popup(frame, area, &p.t("present-quit-title"), lines, pinned, 0);
}

/// The whole screen, nothing else on it: turn it to the attendee, who chooses in private.
fn handover(frame: &mut Frame, p: &Presenter, area: Rect) {
    let name = p
        .current
        .and_then(|i| p.attendees.get(i))
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let width = area.width.saturating_sub(4).clamp(1, 70) as usize;
    let mut lines = crate::ui::doc::plain_lines(
        &p.flow.loc.ta(
            p.ui_lang(),
            "present-handover-title",
            &[("name", name.clone().into())],
        ),
        width,
        theme::title(),
    );
    lines.push(Line::default());
    lines.extend(crate::ui::doc::plain_lines(
        &p.flow.loc.ta(
            p.ui_lang(),
            "present-handover-text",
            &[("name", name.into())],
        ),
        width,
        ratatui::style::Style::new(),
    ));
    let h = (lines.len() as u16).min(area.height.saturating_sub(1));
    let y = area.y + area.height.saturating_sub(h + 1) / 2;
    let x = area.x + area.width.saturating_sub(width as u16) / 2;
    frame.render_widget(
        ratatui::widgets::Paragraph::new(lines),
        Rect::new(x, y, width as u16, h),
    );
    let bottom = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(1),
        area.width,
        1,
    );
    presenter_hints(frame, p, bottom);
}

/// The keys that work where the trainer is, and the view F2 switches to.
fn presenter_hints(frame: &mut Frame, p: &Presenter, area: Rect) {
    let next_view = view_name(
        &p.flow.loc,
        &p.view.next(&p.flow.content.languages(), &p.base_lang),
        &p.base_lang,
    );
    let hints: Vec<(&str, &str)> = keys::hints(p.ctx())
        .into_iter()
        .filter(|(_, action)| applies(p, action))
        .collect();
    hint_bar(frame, &p.flow.loc, p.ui_lang(), &hints, &next_view, area);
}
