//! The overview: coverage, the stage funnel and consent states, for everyone or one
//! department, and (when there is room) every department side by side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::{bar, cell, consent_word, lines_at, shown, stage_style, stage_word, window};
use crate::dashboard::Dashboard;
use crate::dashboard::model::Counts;
use crate::i18n::group_digits;
use crate::state::{ConsentState, Stage};
use crate::ui::theme;
use crate::wrap::display_width;

/// The funnel's order; `opted_out` is shown apart from it.
const FUNNEL: [Stage; 5] = [
    Stage::NotStarted,
    Stage::Informed,
    Stage::Hesitant,
    Stage::Parallel,
    Stage::Migrated,
];

fn pct(n: u64, of: u64) -> u64 {
    (n * 100).checked_div(of).unwrap_or(0)
}

/// The counts shown and the department's name (`None` for all).
fn selected(d: &Dashboard) -> (&Counts, Option<String>) {
    match d.department.checked_sub(1) {
        None => (&d.derived.all, None),
        Some(i) => match d.derived.departments.get(i) {
            Some((name, c)) => (
                c,
                Some(match name {
                    Some(n) => n.to_string(),
                    None => d.t("dash-no-department"),
                }),
            ),
            None => (&d.derived.all, None),
        },
    }
}

/// The label column's width for these labels in a column `width` wide.
fn label_width(labels: &[String], width: usize) -> usize {
    labels
        .iter()
        .map(|l| display_width(l))
        .max()
        .unwrap_or(0)
        .min(width * 2 / 5)
}

/// One bar row: label, bar, count.
fn bar_row(
    label: &str,
    style: Style,
    n: u64,
    max: u64,
    width: usize,
    label_w: usize,
) -> Line<'static> {
    let count = group_digits(n);
    let count_w = 8;
    let bar_w = width.saturating_sub(label_w + count_w + 2);
    let (full, empty) = bar(n, max, bar_w);
    Line::from(vec![
        Span::styled(cell(label, label_w), style),
        Span::raw(" "),
        Span::styled(full, theme::title()),
        Span::styled(empty, theme::dim()),
        Span::raw(format!(" {count:>7}")),
    ])
}

fn stage_lines(d: &Dashboard, c: &Counts, width: usize) -> Vec<Line<'static>> {
    let max = c.stage.iter().copied().max().unwrap_or(0);
    let words: Vec<String> = Stage::ALL.iter().map(|s| stage_word(d, *s)).collect();
    let label_w = label_width(&words, width);
    let mut lines = vec![Line::styled(d.t("dash-stage-heading"), theme::heading())];
    for s in FUNNEL {
        lines.push(bar_row(
            &words[s as usize],
            stage_style(s),
            c.stage[s as usize],
            max,
            width,
            label_w,
        ));
    }
    // Opting out is not a step of the funnel: it is shown apart.
    lines.push(Line::styled(
        {
            let dots = crate::glyphs::glyphs().dotted.repeat(2);
            format!("{dots} {} {dots}", d.t("dash-stage-aside"))
        },
        theme::dim(),
    ));
    lines.push(bar_row(
        &words[Stage::OptedOut as usize],
        theme::dim(),
        c.stage[Stage::OptedOut as usize],
        max,
        width,
        label_w,
    ));
    lines
}

fn consent_lines(d: &Dashboard, c: &Counts, width: usize) -> Vec<Line<'static>> {
    let max = c.consent.iter().copied().max().unwrap_or(0);
    let words: Vec<String> = ConsentState::ALL
        .iter()
        .map(|s| consent_word(d, *s))
        .collect();
    let label_w = label_width(&words, width);
    let mut lines = vec![Line::styled(d.t("dash-consent-heading"), theme::heading())];
    for (i, state) in ConsentState::ALL.iter().enumerate() {
        let style = match state {
            ConsentState::Given => theme::good(),
            ConsentState::Expired | ConsentState::Deferred => theme::warn(),
            _ => Style::new(),
        };
        lines.push(bar_row(&words[i], style, c.consent[i], max, width, label_w));
    }
    lines
}

/// Two columns of lines side by side, `gap` apart.
fn side_by_side(
    left: Vec<Line<'static>>,
    right: Vec<Line<'static>>,
    left_w: usize,
    gap: usize,
) -> Vec<Line<'static>> {
    let n = left.len().max(right.len());
    let mut out = Vec::with_capacity(n);
    let mut l = left.into_iter();
    let mut r = right.into_iter();
    for _ in 0..n {
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        if let Some(line) = l.next() {
            used = line.width();
            spans.extend(line.spans);
        }
        spans.push(Span::raw(" ".repeat(left_w.saturating_sub(used) + gap)));
        if let Some(line) = r.next() {
            spans.extend(line.spans);
        }
        out.push(Line::from(spans));
    }
    out
}

pub fn draw(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let width = area.width as usize;
    let (c, dept) = selected(d);
    let has_roster = d.model.roster.is_some();
    let mut lines = Vec::new();
    let dept_name = dept.unwrap_or_else(|| d.t("dash-all-departments"));
    lines.push(Line::from(vec![
        Span::styled(d.t("dash-department"), theme::heading()),
        Span::raw(" "),
        Span::styled(
            super::super::truncate(&crate::escape::for_display(&dept_name), width / 2),
            theme::title(),
        ),
        Span::raw(format!(
            "  {}",
            d.loc.ta(
                &d.lang,
                "dash-people-count",
                &[
                    ("n", c.people.into()),
                    ("count", group_digits(c.people).into())
                ],
            )
        )),
    ]));
    // Coverage.
    let (reached, of) = c.coverage(has_roster);
    let label = d.t(if has_roster {
        "dash-coverage-roster"
    } else {
        "dash-coverage-ledger"
    });
    let figures = d.loc.ta(
        &d.lang,
        "dash-coverage-figures",
        &[
            ("pct", pct(reached, of).into()),
            ("n", group_digits(reached).into()),
            ("of", group_digits(of).into()),
        ],
    );
    let bar_w = width.saturating_sub(display_width(&figures) + 2).min(60);
    let (full, empty) = super::bar(reached, of, bar_w);
    // Wrapped, not cut (the ledger-only label is long).
    lines.extend(crate::ui::doc::plain_lines(
        &label,
        width.max(1),
        theme::heading(),
    ));
    lines.push(Line::from(vec![
        Span::styled(full, theme::good()),
        Span::styled(empty, theme::dim()),
        Span::raw(format!("  {figures}")),
    ]));
    lines.push(Line::default());
    if d.model.people.is_empty() && !has_roster {
        // A new data folder: say where people come from.
        lines.extend(crate::ui::doc::plain_lines(
            &d.t("dash-empty"),
            width.max(1),
            theme::warn(),
        ));
        lines.push(Line::default());
    }
    // The funnel and consent, side by side when there is room.
    if width >= 70 {
        let col = (width - 4) / 2;
        lines.extend(side_by_side(
            stage_lines(d, c, col),
            consent_lines(d, c, col),
            col,
            4,
        ));
    } else {
        lines.extend(stage_lines(d, c, width));
        lines.extend(consent_lines(d, c, width));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::raw(d.loc.ta(
        &d.lang,
        "dash-overview-summary",
        &[
            ("champions", group_digits(c.champions).into()),
            ("open", group_digits(c.open_followups).into()),
            ("overdue", group_digits(c.overdue).into()),
        ],
    ))));
    // Someone using their own phone without a consent in force is told at once (the report
    // lists them; the People filter on consent finds them).
    if c.in_use_without_consent > 0 {
        lines.extend(crate::ui::doc::plain_lines(
            &d.loc.ta(
                &d.lang,
                "dash-in-use-without-consent",
                &[
                    ("n", c.in_use_without_consent.into()),
                    ("count", group_digits(c.in_use_without_consent).into()),
                ],
            ),
            width.max(1),
            theme::bad(),
        ));
    }
    let room = area.height as usize;
    // Every department, when at least a few rows of them fit.
    if room >= lines.len() + 5 && !d.derived.departments.is_empty() {
        lines.push(Line::default());
        let head_room = room - lines.len() - 1;
        lines.extend(departments(d, width, head_room, has_roster));
    }
    // What does not fit is read with PageDown (at 40x12); the last line stops at the bottom.
    let height = area.height as usize;
    let top = d.overview_scroll.min(lines.len().saturating_sub(height));
    let mut lines: Vec<Line<'static>> = lines.into_iter().skip(top).collect();
    if lines.len() > height && height > 1 {
        lines.truncate(height - 1);
        lines.push(Line::styled(d.t("dash-more-below"), theme::dim()));
    }
    lines_at(frame, lines, area, 0);
}

/// The table of departments, the selected one highlighted: at most `height` lines.
fn departments(d: &Dashboard, width: usize, height: usize, has_roster: bool) -> Vec<Line<'static>> {
    let cols = [
        d.t("dash-col-people"),
        d.t("dash-col-reached"),
        stage_word(d, Stage::Hesitant),
        stage_word(d, Stage::Parallel),
        stage_word(d, Stage::Migrated),
        d.t("dash-col-overdue"),
    ];
    let num = cols
        .iter()
        .map(|c| display_width(c))
        .max()
        .unwrap_or(8)
        .clamp(8, 12);
    let name_w = width.saturating_sub(cols.len() * (num + 1)).max(8);
    let mut head = vec![Span::styled(
        cell(&d.t("dash-col-department"), name_w),
        theme::table_head(),
    )];
    for c in &cols {
        head.push(Span::styled(
            format!(" {}", right(c, num)),
            theme::table_head(),
        ));
    }
    let mut out = vec![Line::from(head)];
    let rows = &d.derived.departments;
    let body_h = height.saturating_sub(1);
    let sel = d.department.checked_sub(1);
    let top = window(sel.unwrap_or(0), rows.len(), body_h);
    for (i, (name, c)) in rows.iter().enumerate().skip(top).take(body_h) {
        let name = match name {
            Some(n) => shown(n, name_w),
            None => super::cell(&d.t("dash-no-department"), name_w),
        };
        let (r, of) = c.coverage(has_roster);
        let values = [
            group_digits(c.people),
            format!("{}%", pct(r, of)),
            group_digits(c.stage[Stage::Hesitant as usize]),
            group_digits(c.stage[Stage::Parallel as usize]),
            group_digits(c.stage[Stage::Migrated as usize]),
            group_digits(c.overdue),
        ];
        let style = if sel == Some(i) {
            theme::focus()
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(name, style)];
        for v in values {
            spans.push(Span::styled(format!(" {}", right(&v, num)), style));
        }
        out.push(Line::from(spans));
    }
    out
}

/// `text` right-aligned in `width` columns.
fn right(text: &str, width: usize) -> String {
    let t = super::super::truncate(text, width);
    format!("{}{t}", " ".repeat(width.saturating_sub(display_width(&t))))
}
