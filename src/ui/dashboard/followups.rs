//! The follow-up list: hesitant and parallel staff with their next follow-up date, overdue
//! first (highlighted), then due soonest, then those without a date.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{cell, lines_at, shown, stage_style, stage_word, window};
use crate::dashboard::Dashboard;
use crate::i18n::group_digits;
use crate::state::Stage;
use crate::ui::theme;

pub fn draw(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let width = area.width as usize;
    let today = d.setup.today;
    let list = &d.followups;
    let overdue = list
        .iter()
        .filter(|&&i| {
            d.model.people[i as usize]
                .followup
                .as_ref()
                .and_then(|f| f.due)
                .is_some_and(|due| due < today)
        })
        .count() as u64;
    let mut lines = vec![Line::from(vec![Span::raw(d.loc.ta(
        &d.lang,
        "dash-followups-summary",
        &[
            ("n", group_digits(list.len() as u64).into()),
            ("overdue", group_digits(overdue).into()),
        ],
    ))])];
    // What the due column says of person `i`, and its style.
    let due_of = |i: u32| match d.model.people[i as usize]
        .followup
        .as_ref()
        .and_then(|f| f.due)
    {
        Some(due) if due < today => (
            d.loc.ta(
                &d.lang,
                "dash-overdue-days",
                &[
                    ("due", due.to_string().into()),
                    ("days", (today - due).get_days().into()),
                ],
            ),
            theme::bad(),
        ),
        Some(due) => (due.to_string(), Style::new()),
        None => (d.t("dash-no-date"), theme::dim()),
    };
    let rows_h = (area.height as usize).saturating_sub(2);
    let sel = d.selected[1];
    let top = window(sel, list.len(), rows_h);
    let in_view = || list.iter().skip(top).take(rows_h);
    let widest = |words: &mut dyn Iterator<Item = String>, least: &str| {
        words
            .map(|w| crate::wrap::display_width(&w))
            .chain([crate::wrap::display_width(least)])
            .max()
            .unwrap_or(10)
    };
    // The due date, the id and the stage stay whole (a cut id tells nobody apart, a cut
    // stage can say another thing); the name and the note share the rest.
    let due_w = widest(&mut in_view().map(|&i| due_of(i).0), &d.t("dash-col-due"));
    let stage_w = widest(
        &mut Stage::ALL.iter().map(|s| stage_word(d, *s)),
        &d.t("dash-col-stage"),
    );
    let heading = if width >= 60 {
        d.t("dash-col-id")
    } else {
        String::new()
    };
    let id_w = widest(
        &mut in_view().map(|&i| crate::escape::for_display(&d.model.people[i as usize].id)),
        &heading,
    )
    .clamp(4, 12);
    // On a narrow screen the department gives way to the note.
    let wide = width >= 110;
    // The id's column has room for the mark of someone named next to a break in the chain.
    let fixed = due_w + id_w + 1 + stage_w + 3;
    let left = width.saturating_sub(fixed + 1);
    let name_w = if wide { left / 4 } else { left * 2 / 5 }.max(4).min(left);
    let dept_w = if wide { left / 5 } else { 0 };
    let note_w = left.saturating_sub(name_w + 1 + if wide { dept_w + 1 } else { 0 });
    let mut head = vec![
        cell(&d.t("dash-col-due"), due_w),
        cell(&d.t("dash-col-id"), id_w + 1),
        cell(&d.t("dash-col-name"), name_w),
    ];
    if wide {
        head.push(cell(&d.t("dash-col-department"), dept_w));
    }
    head.push(cell(&d.t("dash-col-stage"), stage_w));
    head.push(cell(&d.t("dash-col-note"), note_w));
    lines.push(Line::styled(head.join(" "), theme::table_head()));
    if list.is_empty() && !d.derived.followups.is_empty() {
        // There are some, and the filter leaves none: said so, naming it.
        let filters = super::filter_words(d).join(" · ");
        lines.extend(crate::ui::doc::plain_lines(
            &d.loc.ta(
                &d.lang,
                "dash-nobody-filtered",
                &[("filters", filters.into())],
            ),
            (area.width as usize).max(1),
            theme::dim(),
        ));
    } else if list.is_empty() {
        lines.push(Line::styled(d.t("dash-followups-none"), theme::dim()));
    }
    for (n, &i) in list.iter().enumerate().skip(top).take(rows_h) {
        let p = &d.model.people[i as usize];
        let selected = n == sel;
        let base = if selected {
            theme::focus()
        } else {
            Style::new()
        };
        let f = p.followup.as_ref();
        let (due_text, due_style) = due_of(i);
        let note = f.and_then(|f| f.note.as_deref()).unwrap_or("");
        let mut spans = vec![
            Span::styled(
                format!("{} ", cell(&due_text, due_w)),
                base.patch(due_style),
            ),
            // Someone named next to a break in the chain: marked, as in People.
            if d.model.is_suspect(&p.id) {
                Span::styled(
                    format!("{}! ", shown(&p.id, id_w)),
                    base.patch(theme::bad()),
                )
            } else {
                Span::styled(format!("{}  ", shown(&p.id, id_w)), base)
            },
            Span::styled(
                format!("{} ", shown(d.model.name(i).unwrap_or(""), name_w)),
                base,
            ),
        ];
        if wide {
            spans.push(Span::styled(
                format!("{} ", shown(d.model.department(i).unwrap_or(""), dept_w)),
                base,
            ));
        }
        spans.extend([
            Span::styled(
                format!("{} ", cell(&stage_word(d, p.standing.stage), stage_w)),
                base.patch(stage_style(p.standing.stage)),
            ),
            Span::styled(shown(note, note_w), base.patch(theme::dim())),
        ]);
        lines.push(Line::from(spans));
    }
    lines_at(frame, lines, area, 0);
}
