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
use ratatui::text::Line;

use crate::i18n::{Lang, Localizer};
use crate::keys;
use crate::layout;
use crate::present::{Phase, Presenter, View};
use crate::ui::hint_bar_for;
use crate::ui::widgets::{
    MARGIN, body_lines, centred_column, follow_focus, header_bar, help, inset, notice_line,
    notice_needs_two_lines, notice_text, popup, popup_width,
};
use crate::ui::{doc, glyphs, theme, truncate};

/// The most rows a notice takes (from the body, which keeps four at least): enough for a
/// message in both languages, whole.
const NOTICE_ROWS: u16 = 6;

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
        } else if p.leaving && !layout::too_small(area.width, area.height) {
            // The message asks whether to end the turn: the bar names the keys it names.
            let hints = [("key-esc", "act-end-turn"), ("key-other", "act-carry-on")];
            let bar = layout::areas(area.width, area.height).hints;
            frame.render_widget(ratatui::widgets::Clear, bar);
            hint_bar_for(frame, &p.flow.loc, &p.flow.lang, &hints, "", bar);
        }
        return;
    }
    if layout::too_small(area.width, area.height) {
        crate::ui::too_small(frame, &p.flow.loc, p.ui_lang(), area);
        return;
    }
    if matches!(p.phase, Phase::Handover | Phase::Handback) {
        handover(frame, p, area);
        if p.confirm_quit {
            confirm_quit(frame, p, area);
        }
        return;
    }
    let mut areas = frame_areas(area.width, area.height);
    let notice = p
        .notice
        .as_ref()
        .map(|n| {
            // With both languages on screen, the message is in both when that fits its two
            // lines; else in the trainer's language, whole.
            let (one, style) = notice_text(&p.flow.loc, p.ui_lang(), n);
            let langs = p.frame_langs();
            if langs.len() < 2 {
                return (one, style);
            }
            let both = langs
                .iter()
                .map(|l| notice_text(&p.flow.loc, l, n).0)
                .collect::<Vec<_>>()
                .join(" / ");
            let width = inset(areas.notice).width as usize;
            if crate::wrap::wrap(&both, width).len() <= NOTICE_ROWS as usize {
                (both, style)
            } else {
                (one, style)
            }
        })
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
    // A message longer than its line takes the lines it needs from the body (up to
    // `NOTICE_ROWS`, leaving the body four) rather than lose its end (often what the key does,
    // or what to do), as at a kiosk.
    if let Some((text, style)) = notice.as_ref()
        && notice_needs_two_lines(text, areas.notice)
    {
        let width = inset(areas.notice).width.max(1) as usize;
        let needed = crate::ui::doc::plain_lines(text, width, *style).len() as u16;
        let taken = needed
            .clamp(2, NOTICE_ROWS)
            .saturating_sub(1)
            .min(areas.body.height.saturating_sub(4));
        areas.body.height -= taken;
        areas.notice.y -= taken;
        areas.notice.height += taken;
    }
    let more_below = match p.phase {
        Phase::Setup => setup::draw(frame, p, areas.body),
        Phase::Attendees => attendees::draw(frame, p, areas.body),
        _ => slides::draw(frame, p, areas.body),
    };
    header(frame, p, areas.header);
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
        let rows = keys::help_rows_for(p.base_ctx(), p);
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
        Phase::Attendees | Phase::Attendee | Phase::Handover | Phase::Handback => {
            p.t("present-attendees-title")
        }
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

fn confirm_quit(frame: &mut Frame, p: &Presenter, area: Rect) {
    let width = popup_width(area).saturating_sub(2) as usize;
    // In each language of the frame (both, one after the other), as the set-up and the list.
    let mut lines = Vec::new();
    for lang in p.frame_langs() {
        let text = p
            .flow
            .loc
            .ta(&lang, "present-quit-text", &[("n", p.unfinished().into())]);
        lines.extend(doc::plain_lines(&text, width, Style::new()));
        lines.push(Line::default());
    }
    let pinned = doc::plain_lines(&p.label("present-quit-keys"), width, theme::heading());
    popup(
        frame,
        area,
        &p.label("present-quit-title"),
        lines,
        pinned,
        0,
    );
}

/// The whole screen, nothing else on it: turn it to the attendee, who chooses in private.
/// The screen turned to an attendee before their turn, or back to the trainer after it: a
/// title and a sentence, nothing of the session.
fn handover(frame: &mut Frame, p: &Presenter, area: Rect) {
    let (who, title, text) = match p.returned {
        // The same words whether they chose or not: the room may see this screen (the
        // trainer's list says which it was).
        Some((i, _)) if p.phase == Phase::Handback => {
            (Some(i), "present-handback-title", "present-handback-text")
        }
        _ => (p.current, "present-handover-title", "present-handover-text"),
    };
    let name = who
        .and_then(|i| p.attendees.get(i))
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let width = area.width.saturating_sub(4).clamp(1, 70) as usize;
    // In each language on screen (both, one after the other).
    let mut lines = Vec::new();
    for lang in p.frame_langs() {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(crate::ui::doc::plain_lines(
            &p.flow
                .loc
                .ta(&lang, title, &[("name", name.clone().into())]),
            width,
            theme::title(),
        ));
        lines.push(Line::default());
        lines.extend(crate::ui::doc::plain_lines(
            &p.flow.loc.ta(&lang, text, &[("name", name.clone().into())]),
            width,
            ratatui::style::Style::new(),
        ));
    }
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
    let hints = keys::hints_for(p.ctx(), p);
    hint_bar_for(frame, &p.flow.loc, p.ui_lang(), &hints, &next_view, area);
}
