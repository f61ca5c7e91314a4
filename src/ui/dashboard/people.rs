//! The people view: the search field and the people it finds, with their consent state and
//! stage. Only the rows in view are drawn, however many people match.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{cell, consent_word, lines_at, shown, stage_style, stage_word, window};
use crate::dashboard::Dashboard;
use crate::i18n::group_digits;
use crate::ui::theme;
use crate::ui::widgets::{Place, text_field};

/// The widths of a list of people's columns at `width`: id, name, department, then consent
/// and stage (each as wide as its widest word). The id and the two words stay whole, since a
/// cut id no longer tells people apart and a cut word can say another thing ("利用しない"
/// cut to "利用"); the name and the department share what is left, the department dropped
/// (width 0) when both would not fit. `ids` and `names`: the widest of each to show.
pub fn columns(width: usize, ids: usize, names: usize, consent: usize, stage: usize) -> Columns {
    let id = ids.clamp(4, 12);
    let left = width.saturating_sub(id + 1 + consent + 1 + stage + 1);
    let share = left * 3 / 5;
    let (name, dept) = if left >= 6 + 1 + 6 {
        let name = names.min(share).max(6);
        (name, left.saturating_sub(name + 1))
    } else {
        (left, 0)
    };
    Columns {
        id,
        name,
        dept,
        consent,
        stage,
    }
}

/// See [`columns`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    pub id: usize,
    pub name: usize,
    /// 0 when there is no room for it.
    pub dept: usize,
    pub consent: usize,
    pub stage: usize,
}

pub fn draw(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let width = area.width as usize;
    let mut lines = Vec::new();
    let search = text_field(
        &d.t("dash-search"),
        &d.query,
        d.searching,
        width.min(60),
        Place::Before,
    );
    let col = search.cursor.map(|(_, col)| col);
    lines.push(search.line());
    let found = d.loc.ta(
        &d.lang,
        "dash-found",
        &[("n", group_digits(d.results.len() as u64).into())],
    );
    lines.push(Line::styled(found, theme::dim()));
    let widest = |words: Vec<String>| {
        words
            .iter()
            .map(|w| crate::wrap::display_width(w))
            .max()
            .unwrap_or(12)
            .min(16)
    };
    let consent_w = widest(
        crate::state::ConsentState::ALL
            .iter()
            .map(|c| consent_word(d, *c))
            .chain([d.t("dash-col-consent")])
            .collect(),
    );
    let stage_w = widest(
        crate::state::Stage::ALL
            .iter()
            .map(|s| stage_word(d, *s))
            .chain([d.t("dash-col-stage")])
            .collect(),
    );
    let rows_h = (area.height as usize).saturating_sub(lines.len() + 1);
    let top = window(d.selected[0], d.results.len(), rows_h);
    // The widest name found (of those shown, when very many are found), and a space more, so
    // that the columns do not move while scrolling and a name never runs into its department.
    let (skip, take) = if d.results.len() <= 10_000 {
        (0, usize::MAX)
    } else {
        (top, rows_h)
    };
    let shown_people = || d.results.iter().skip(skip).take(take);
    let names = shown_people()
        .map(|&i| super::shown_width(d.model.name(i).unwrap_or("")))
        .chain([crate::wrap::display_width(&d.t("dash-col-name"))])
        .max()
        .map_or(0, |w| w + 1);
    // The heading widens the id column only where there is room: on a narrow screen the name
    // needs it more than the heading.
    let heading = if width >= 60 {
        d.t("dash-col-id")
    } else {
        String::new()
    };
    let ids = shown_people()
        .map(|&i| {
            crate::wrap::display_width(&crate::escape::for_display(&d.model.people[i as usize].id))
        })
        .chain([crate::wrap::display_width(&heading)])
        .max()
        .unwrap_or(10);
    // A column for the mark of someone named next to a break in the chain.
    let w = columns(width.saturating_sub(1), ids, names, consent_w, stage_w);
    let mut head = vec![
        cell(&d.t("dash-col-id"), w.id + 1),
        cell(&d.t("dash-col-name"), w.name),
    ];
    if w.dept > 0 {
        head.push(cell(&d.t("dash-col-department"), w.dept));
    }
    head.push(cell(&d.t("dash-col-consent"), w.consent));
    head.push(cell(&d.t("dash-col-stage"), w.stage));
    lines.push(Line::styled(head.join(" "), theme::table_head()));
    let rows_h = (area.height as usize).saturating_sub(lines.len());
    let sel = d.selected[0];
    let top = window(sel, d.results.len(), rows_h);
    for (n, &i) in d.results.iter().enumerate().skip(top).take(rows_h) {
        let p = &d.model.people[i as usize];
        let style = if n == sel {
            theme::focus()
        } else {
            Style::new()
        };
        let stage = p.standing.stage;
        // A person named in the record before a break in the chain (see `tebiki verify`).
        let id_style = if d.model.is_suspect(&p.id) {
            style.patch(theme::bad())
        } else {
            style
        };
        // Marked in text as well as in colour (a printout, a monochrome terminal).
        let mark = if d.model.is_suspect(&p.id) { "!" } else { " " };
        let mut spans = vec![
            Span::styled(format!("{}{mark} ", shown(&p.id, w.id)), id_style),
            Span::styled(
                format!("{} ", shown(d.model.name(i).unwrap_or(""), w.name)),
                style,
            ),
        ];
        if w.dept > 0 {
            spans.push(Span::styled(
                format!("{} ", shown(d.model.department(i).unwrap_or(""), w.dept)),
                style,
            ));
        }
        spans.push(Span::styled(
            format!(
                "{} ",
                cell(
                    &consent_word(d, d.model.consent(i, &d.setup.policy)),
                    w.consent
                )
            ),
            style,
        ));
        spans.push(Span::styled(
            cell(&stage_word(d, stage), w.stage),
            style.patch(stage_style(stage)),
        ));
        lines.push(Line::from(spans));
    }
    if d.model.people.is_empty() && d.model.roster.is_none() {
        lines.extend(crate::ui::doc::plain_lines(
            &d.t("dash-empty"),
            width.max(1),
            theme::dim(),
        ));
    } else if d.results.is_empty()
        && !super::filter_words(d).is_empty()
        && (d.query.value().is_empty() || {
            // Found by the search alone: it is the filter that leaves nobody.
            let q = crate::dashboard::search::normalize(d.query.value());
            !crate::dashboard::model::search(&d.model, &q, None).is_empty()
        })
    {
        // The filter leaves nobody (with the search, if any): said so, not blamed on the search.
        let id = if d.query.value().is_empty() {
            "dash-nobody-filtered"
        } else {
            "dash-nobody-found-filtered"
        };
        let filters = super::filter_words(d).join(" · ");
        lines.extend(crate::ui::doc::plain_lines(
            &d.loc.ta(&d.lang, id, &[("filters", filters.into())]),
            width.max(1),
            theme::dim(),
        ));
    } else if d.results.is_empty() && !d.query.value().is_empty() {
        // Wrapped, not cut: its end says how the search matches.
        lines.extend(crate::ui::doc::plain_lines(
            &d.t("dash-nobody-found"),
            width.max(1),
            theme::dim(),
        ));
    }
    lines_at(frame, lines, area, 0);
    if let Some(col) = col
        && d.form.is_none()
        && d.confirm.is_none()
        && !d.help
    {
        frame.set_cursor_position((area.x + col as u16, area.y));
    }
}
