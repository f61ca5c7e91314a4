//! The champions view: each champion with the people they support, then the hesitant and
//! parallel staff nobody supports yet.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{cell, lines_at, stage_style, stage_word, window};
use crate::dashboard::Dashboard;
use crate::dashboard::model::ChampionRow;
use crate::i18n::group_digits;
use crate::ui::dashboard::person::who;
use crate::ui::{theme, truncate};

pub fn draw(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let width = area.width as usize;
    // As the filters leave them (all of them with none on).
    let rows = &d.champion_rows;
    let count = |pick: fn(&ChampionRow) -> bool| rows.iter().filter(|r| pick(r)).count();
    let unsupported = count(|r| matches!(r, ChampionRow::Unsupported(_))) as u64;
    let champions = count(|r| matches!(r, ChampionRow::Champion(_)));
    let mut lines = vec![Line::raw(d.loc.ta(
        &d.lang,
        "dash-champions-summary",
        &[
            ("n", group_digits(champions as u64).into()),
            ("unsupported", group_digits(unsupported).into()),
        ],
    ))];
    lines.push(Line::default());
    let filters = super::filter_words(d);
    if champions == 0 && unsupported == 0 && !filters.is_empty() {
        // There may be some, and the filter leaves none: said so, naming it.
        lines.extend(crate::ui::doc::plain_lines(
            &d.loc.ta(
                &d.lang,
                "dash-nobody-in-view-filtered",
                &[("filters", filters.join(" · ").into())],
            ),
            width.max(1),
            theme::dim(),
        ));
        lines_at(frame, lines, area, 0);
        return;
    }
    let rows_h = (area.height as usize).saturating_sub(lines.len());
    let sel = d.selected[2];
    let top = window(sel, rows.len(), rows_h);
    let stage_w = 12;
    let dept = |i: u32| {
        d.model
            .department(i)
            .map(|x| format!("  {}", crate::escape::for_display(x)))
            .unwrap_or_default()
    };
    for (n, row) in rows.iter().enumerate().skip(top).take(rows_h) {
        let base = if n == sel {
            theme::focus()
        } else {
            Style::new()
        };
        let line = match *row {
            ChampionRow::Champion(c) => {
                let count = d.model.supported_by(c).len() as u64;
                // Under a filter, how many of them are listed below, when not all.
                let shown = rows[n + 1..]
                    .iter()
                    .take_while(|r| matches!(r, ChampionRow::Supported(..)))
                    .count() as u64;
                let text = format!("{} {}{}", crate::glyphs::glyphs().star, who(d, c), dept(c));
                let tail = if shown < count {
                    d.loc.ta(
                        &d.lang,
                        "dash-supports-n-shown",
                        &[("n", count.into()), ("shown", shown.into())],
                    )
                } else {
                    d.loc.ta(&d.lang, "dash-supports-n", &[("n", count.into())])
                };
                let room = width.saturating_sub(crate::wrap::display_width(&tail) + 2);
                Line::from(vec![
                    Span::styled(cell(&text, room), base.patch(theme::heading())),
                    Span::styled(format!("  {tail}"), base.patch(theme::dim())),
                ])
            }
            ChampionRow::Supported(_, p) | ChampionRow::Unsupported(p) => {
                let indent = if matches!(row, ChampionRow::Supported(..)) {
                    format!("   {} ", crate::glyphs::glyphs().branch)
                } else {
                    "   ".to_string()
                };
                let stage = d.model.people[p as usize].standing.stage;
                let room = width.saturating_sub(stage_w + 1 + indent.chars().count());
                Line::from(vec![
                    Span::styled(indent.clone(), base),
                    Span::styled(cell(&format!("{}{}", who(d, p), dept(p)), room), base),
                    Span::raw(" "),
                    Span::styled(
                        cell(&stage_word(d, stage), stage_w),
                        base.patch(stage_style(stage)),
                    ),
                ])
            }
            ChampionRow::UnsupportedHeading => Line::styled(
                truncate(
                    &d.loc.ta(
                        &d.lang,
                        "dash-unsupported-heading",
                        &[("n", group_digits(unsupported).into())],
                    ),
                    width,
                ),
                base.patch(theme::title()),
            ),
        };
        lines.push(line);
    }
    if d.derived.champions.is_empty() {
        lines.insert(2, Line::styled(d.t("dash-champions-none"), theme::dim()));
    }
    lines_at(frame, lines, area, 0);
}
