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

/// Column widths for a list of people: id, name, department, and `rest` fixed columns of
/// `fixed` each.
/// The widths of the id, name and department columns at `width`, beside `rest` columns of
/// `fixed` width. `names`: the widest name to show, when known: the name column is then no
/// wider than it needs, and the department gets the rest.
pub fn columns(
    width: usize,
    rest: usize,
    fixed: usize,
    names: Option<usize>,
) -> (usize, usize, usize) {
    let id = 10.min(width / 6).max(4);
    let left = width.saturating_sub(id + 1 + rest * (fixed + 1));
    let share = left * 3 / 5;
    let name = names.map_or(share, |w| w.min(share)).max(6);
    let dept = left.saturating_sub(name + 1).max(4);
    (id, name, dept)
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
    let words = |ids: Vec<String>| ids.iter().map(|w| crate::wrap::display_width(w)).max();
    let fixed = words(
        crate::state::ConsentState::ALL
            .iter()
            .map(|c| consent_word(d, *c))
            .chain(crate::state::Stage::ALL.iter().map(|s| stage_word(d, *s)))
            .collect(),
    )
    .unwrap_or(12)
    .min(16);
    let rows_h = (area.height as usize).saturating_sub(lines.len() + 1);
    let top = window(d.selected[0], d.results.len(), rows_h);
    // The widest name found (of those shown, when very many are found), and a space more, so
    // that the columns do not move while scrolling and a name never runs into its department.
    let (skip, take) = if d.results.len() <= 10_000 {
        (0, usize::MAX)
    } else {
        (top, rows_h)
    };
    let names = d
        .results
        .iter()
        .skip(skip)
        .take(take)
        .map(|&i| crate::wrap::display_width(d.model.name(i).unwrap_or("")))
        .chain([crate::wrap::display_width(&d.t("dash-col-name"))])
        .max()
        .map(|w| w + 1);
    let (id_w, name_w, dept_w) = columns(width, 2, fixed, names);
    lines.push(Line::styled(
        format!(
            "{} {} {} {} {}",
            cell(&d.t("dash-col-id"), id_w),
            cell(&d.t("dash-col-name"), name_w),
            cell(&d.t("dash-col-department"), dept_w),
            cell(&d.t("dash-col-consent"), fixed),
            cell(&d.t("dash-col-stage"), fixed),
        ),
        theme::table_head(),
    ));
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
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", shown(&p.id, id_w)), id_style),
            Span::styled(
                format!("{} ", shown(d.model.name(i).unwrap_or(""), name_w)),
                style,
            ),
            Span::styled(
                format!("{} ", shown(d.model.department(i).unwrap_or(""), dept_w)),
                style,
            ),
            Span::styled(
                format!(
                    "{} ",
                    cell(&consent_word(d, d.model.consent(i, &d.setup.policy)), fixed)
                ),
                style,
            ),
            Span::styled(
                cell(&stage_word(d, stage), fixed),
                style.patch(stage_style(stage)),
            ),
        ]));
    }
    if d.results.is_empty() && !d.query.value().is_empty() {
        lines.push(Line::styled(d.t("dash-nobody-found"), theme::dim()));
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
