//! The follower's screen (`tebiki present --notes`): the presenter's slide, its notes in large,
//! well-spaced type, the next slide's title and the clock; or that no one is presenting.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{centred_column, clock, frame_areas, header_bar, help, view_name};
use crate::content::markdown::{Block, Doc};
use crate::i18n::Lang;
use crate::keys;
use crate::present::View;
use crate::present::follow::Follower;
use crate::ui::{doc, theme};

/// The widest the notes get.
const MAX_NOTES: u16 = 100;

/// The notes with a blank line between list items too, so each point stands apart.
fn spaced(d: &Doc) -> Doc {
    let mut out = d.clone();
    out.blocks = d
        .blocks
        .iter()
        .flat_map(|b| match b {
            Block::List(items) => items.iter().map(|i| Block::List(vec![i.clone()])).collect(),
            other => vec![other.clone()],
        })
        .collect();
    out
}

fn langs(f: &Follower) -> Vec<Lang> {
    match &f.view {
        View::One(l) => vec![l.clone()],
        View::Both => crate::present::both(&f.content.languages(), &f.base_lang),
    }
}

/// The notes of the presenter's slide at `width`, every language of the view.
pub fn lines(f: &Follower, width: usize) -> Vec<Line<'static>> {
    let (Some(state), Some(i)) = (&f.state, f.screen()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let langs = langs(f);
    for (n, lang) in langs.iter().enumerate() {
        if n > 0 {
            out.push(Line::default());
        }
        let screen = &f.content.lang(lang).screens[i];
        let title = format!("{}. {}", state.slide, screen.doc.title);
        out.extend(doc::plain_lines(&title, width, theme::title()));
        out.push(Line::styled(
            crate::glyphs::glyphs().heavy_rule.repeat(width),
            theme::title().remove_modifier(Modifier::BOLD),
        ));
        out.push(Line::default());
        match &screen.notes {
            Some(notes) => out.extend(
                doc::render(&spaced(notes), width)
                    .into_iter()
                    .map(|l| l.patch_style(theme::heading())),
            ),
            None => out.push(Line::styled(
                f.loc.t(lang, "present-no-notes"),
                theme::dim(),
            )),
        }
    }
    out
}

pub fn draw(frame: &mut Frame, f: &Follower) {
    let area = frame.area();
    if crate::layout::too_small(area.width, area.height) {
        let text = f.t("present-follow-waiting");
        frame.render_widget(
            Paragraph::new(doc::plain_lines(
                &text,
                area.width.max(1) as usize,
                theme::warn(),
            )),
            area,
        );
        return;
    }
    let areas = frame_areas(area.width, area.height);
    let mut right = Vec::new();
    if let Some(s) = &f.state {
        right.push(f.loc.ta(
            f.ui_lang(),
            "progress",
            &[
                ("n", s.slide.to_string().into()),
                ("of", s.of.to_string().into()),
            ],
        ));
    }
    if let Some(d) = f.elapsed() {
        right.push(format!("⏱ {}", clock(d)));
    }
    right.push(view_name(&f.loc, &f.view, &f.base_lang));
    let progress = f.state.as_ref().map(|s| (s.slide, s.of));
    header_bar(
        frame,
        areas.header,
        &format!(
            "{} {} {}",
            f.t("app-name"),
            crate::glyphs::glyphs().bar,
            f.t("present-follow-title")
        ),
        &right.join("   "),
        progress,
    );
    let column = centred_column(areas.body, MAX_NOTES);
    if f.state.is_none() {
        let text = f.t("present-follow-waiting");
        let lines = doc::plain_lines(&text, column.width.max(1) as usize, theme::warn());
        let h = (lines.len() as u16).min(column.height);
        let y = column.y + column.height.saturating_sub(h) / 2;
        frame.render_widget(
            Paragraph::new(lines).alignment(Alignment::Center),
            Rect::new(column.x, y, column.width, h),
        );
    } else {
        // The last two lines of the body: what comes next.
        let notes_h = column.height.saturating_sub(2);
        let width = column.width as usize;
        let notes = lines(f, width);
        let shown: Vec<Line<'static>> = notes.iter().take(notes_h as usize).cloned().collect();
        frame.render_widget(
            Paragraph::new(shown),
            Rect::new(column.x, column.y, column.width, notes_h),
        );
        let next = match (f.next_screen(), &f.state) {
            (Some(i), Some(s)) => {
                let title = &f.content.lang(f.ui_lang()).screens[i].doc.title;
                f.loc.ta(
                    f.ui_lang(),
                    "present-follow-next",
                    &[
                        ("n", (s.slide + 1).to_string().into()),
                        ("title", title.clone().into()),
                    ],
                )
            }
            _ => f.t("present-follow-last"),
        };
        let next = Line::from(vec![Span::styled(
            crate::ui::truncate(&next, width),
            theme::heading(),
        )]);
        let y = column.y + notes_h;
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(crate::glyphs::glyphs().rule.repeat(width), theme::rule()),
                next,
            ]),
            Rect::new(column.x, y, column.width, 2.min(column.height)),
        );
        if notes.len() > notes_h as usize {
            let text = crate::ui::truncate(&f.t("present-notes-cut"), areas.notice.width as usize);
            frame.render_widget(
                Paragraph::new(Line::styled(text, theme::dim())),
                super::inset(areas.notice),
            );
        }
    }
    let next_view = view_name(
        &f.loc,
        &f.view.next(&f.content.languages(), &f.base_lang),
        &f.base_lang,
    );
    crate::ui::hint_bar_for(
        frame,
        &f.loc,
        f.ui_lang(),
        &keys::hints(f.ctx()),
        &next_view,
        areas.hints,
    );
    if f.help {
        help(
            frame,
            &f.loc,
            f.ui_lang(),
            &keys::help_rows(crate::keys::Ctx::Follow),
            0,
            areas.body,
        );
    }
}
