//! The dashboard's prompts and forms: the admin PIN, the user's name, and the follow-up,
//! stage, withdrawal, attendance and champion forms drawn over a list or a person.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::person::who;
use super::{boxed, boxed_at, stage_word};
use crate::app::Notice;
use crate::app::kiosk::PinPrompt;
use crate::dashboard::forms::{Form, STAGES};
use crate::dashboard::{Dashboard, Pending};
use crate::text_field::TextField;
use crate::ui::widgets::{Place, notice_text, secret_line, text_field};
use crate::ui::{doc, theme};

/// Text width inside a pop-up over `area`.
fn inner(area: Rect) -> usize {
    area.width.saturating_sub(4).min(72).max(area.width.min(20)) as usize - 2
}

fn problem_lines(d: &Dashboard, n: Option<&Notice>, width: usize) -> Vec<Line<'static>> {
    match n {
        Some(n) => {
            let (text, style) = notice_text(&d.loc, &d.lang, n);
            let mut out = vec![Line::default()];
            out.extend(doc::plain_lines(&text, width, style));
            out
        }
        None => Vec::new(),
    }
}

/// The admin PIN prompt: digits shown as dots; nothing of the dashboard shows behind it.
pub fn pin(frame: &mut Frame, d: &Dashboard, prompt: &PinPrompt, area: Rect) {
    let width = inner(area);
    let mut lines = doc::plain_lines(&d.t("dash-pin-prompt"), width, Style::new());
    lines.push(Line::default());
    lines.push(secret_line(&prompt.field));
    lines.extend(problem_lines(d, prompt.message.as_ref(), width));
    boxed(frame, area, &d.t("pin-title"), lines, Vec::new());
}

/// Who is using the dashboard: their name goes with every record made here.
pub fn name(frame: &mut Frame, d: &Dashboard, field: &TextField, area: Rect) {
    let width = (area.width as usize).min(72);
    let mut lines = doc::plain_lines(&d.t("dash-name-title"), width, theme::title());
    lines.push(Line::default());
    lines.extend(doc::plain_lines(&d.t("dash-name-why"), width, Style::new()));
    lines.push(Line::default());
    let row = lines.len();
    let drawn = text_field(
        &d.t("dash-name-label"),
        field,
        true,
        width.min(50),
        Place::Before,
    );
    let col = drawn.cursor.map_or(0, |(_, col)| col);
    lines.push(drawn.line());
    let h = (lines.len() as u16).min(area.height);
    frame.render_widget(
        Paragraph::new(lines),
        Rect::new(area.x, area.y, area.width, h),
    );
    if !d.help && (row as u16) < area.height {
        frame.set_cursor_position((area.x + col as u16, area.y + row as u16));
    }
}

/// A form of text fields: who it is about, the fields (the focused one with a cursor), a
/// hint, and the problem with what was typed, if any. `kind` names its Fluent messages:
/// `dash-<kind>-title`, `dash-<kind>-intro` and `dash-<kind>-hint`.
fn fields_form(
    frame: &mut Frame,
    d: &Dashboard,
    area: Rect,
    kind: &str,
    person: String,
    fields: &[(&str, &TextField, bool)],
    problem: Option<&Notice>,
) {
    let width = inner(area);
    let intro = d.loc.ta(
        &d.lang,
        &format!("dash-{kind}-intro"),
        &[("who", person.into())],
    );
    let mut lines = doc::plain_lines(&intro, width, Style::new());
    lines.push(Line::default());
    let mut focus = lines.len();
    for (label, field, focused) in fields {
        if *focused {
            focus = lines.len();
        }
        // The field with the keyboard is pointed at, as in the kiosk's and trainer's forms:
        // seen without colour too.
        let mark = if *focused {
            crate::glyphs::glyphs().pointer
        } else {
            "  "
        };
        let mut line = text_field(
            &d.t(label),
            field,
            *focused,
            width.saturating_sub(2),
            Place::Before,
        )
        .line();
        line.spans.insert(0, Span::styled(mark, theme::heading()));
        lines.push(line);
    }
    let hint = d.t(&format!("dash-{kind}-hint"));
    lines.extend(doc::plain_lines(&hint, width, theme::dim()));
    // The problem stays in view below whatever the fields scroll to.
    boxed_at(
        frame,
        area,
        &d.t(&format!("dash-{kind}-title")),
        lines,
        problem_lines(d, problem, width),
        focus,
    );
}

/// The filters: one row each (department, stage, consent, overdue), the chosen row
/// highlighted; ←→ changes its value.
pub fn filters(frame: &mut Frame, d: &Dashboard, row: usize, area: Rect) {
    let width = inner(area);
    let all = d.t("dash-filter-all");
    let values = [
        (
            d.t("dash-filter-department"),
            super::department_name(d).unwrap_or_else(|| all.clone()),
        ),
        (
            d.t("dash-filter-stage"),
            d.filter
                .stage
                .map_or_else(|| all.clone(), |s| stage_word(d, s)),
        ),
        (
            d.t("dash-filter-consent"),
            d.filter
                .consent
                .map_or_else(|| all.clone(), |c| super::consent_word(d, c)),
        ),
        (
            d.t("dash-filter-overdue"),
            d.t(if d.filter.overdue {
                "dash-filter-overdue-only"
            } else {
                "dash-filter-all"
            }),
        ),
    ];
    let label_w = values
        .iter()
        .map(|(l, _)| crate::wrap::display_width(l))
        .max()
        .unwrap_or(0);
    let mut lines = doc::plain_lines(&d.t("dash-filter-intro"), width, Style::new());
    lines.push(Line::default());
    let focus = lines.len() + row;
    for (n, (label, value)) in values.iter().enumerate() {
        let style = if n == row {
            theme::focus()
        } else {
            Style::new()
        };
        let pad = " ".repeat(label_w - crate::wrap::display_width(label));
        let text = format!("{label}{pad}  ‹ {value} ›");
        lines.push(Line::styled(super::cell(&text, width), style));
    }
    boxed_at(
        frame,
        area,
        &d.t("dash-filter-title"),
        lines,
        Vec::new(),
        focus,
    );
}

/// What is about to be recorded, in words, before it is written: who, what, the note, by
/// whom, and that the ledger keeps it for good.
pub fn confirm(frame: &mut Frame, d: &Dashboard, p: &Pending, area: Rect) {
    let width = inner(area);
    let e = &p.entry;
    let name = e.employee.name.clone().unwrap_or_default();
    let who = format!("{name} ({})", e.employee.id);
    // The change's words, its stage and the record it voids put in words first.
    let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> = e
        .change
        .word_args()
        .into_iter()
        .map(|(k, v)| {
            let v = match k {
                "stage" => crate::state::Stage::parse(&v).map_or(v, |s| stage_word(d, s)),
                "record" => voided_summary(d, &v),
                _ => v,
            };
            (k, v.into())
        })
        .collect();
    let what = d
        .loc
        .ta(&d.lang, &e.change.kind().word("dash-confirm"), &args);
    let mut rows = vec![
        (d.t("dash-confirm-who"), who),
        (d.t("dash-confirm-what"), what),
    ];
    if p.keeps_followup {
        rows.push((
            d.t("dash-confirm-followup-label"),
            d.t("dash-confirm-followup-kept"),
        ));
    }
    if p.closes_followup {
        rows.push((
            d.t("dash-confirm-followup-label"),
            d.t("dash-confirm-followup-closed"),
        ));
    }
    if let Some(note) = &e.note {
        rows.push((d.t("dash-confirm-note"), note.clone()));
    }
    rows.push((d.t("dash-confirm-by"), e.by.clone()));
    let label_width = rows
        .iter()
        .map(|(l, _)| crate::wrap::display_width(l))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (label, value) in rows {
        let pad = " ".repeat(label_width - crate::wrap::display_width(&label));
        let text = format!("{label}{pad}  {}", crate::escape::for_display(&value));
        lines.extend(doc::plain_lines(&text, width, Style::new()));
    }
    lines.push(Line::default());
    lines.extend(doc::plain_lines(
        &d.t("dash-confirm-permanent"),
        width,
        theme::dim(),
    ));
    boxed(frame, area, &d.t("dash-confirm-title"), lines, Vec::new());
}

/// The record `target` voids, in the timeline's words when the person's page has it.
fn voided_summary(d: &Dashboard, target: &str) -> String {
    d.person
        .as_ref()
        .and_then(|pv| {
            let at = pv.state.history.iter().position(|h| h.id == target)?;
            let occurred = pv.occurred.get(at).cloned().flatten();
            Some(super::person::entry_summary(
                d,
                &pv.state.history[at],
                occurred.as_deref(),
            ))
        })
        .unwrap_or_else(|| target.to_string())
}

pub fn form(frame: &mut Frame, d: &Dashboard, form: &Form, area: Rect) {
    let width = inner(area);
    let person = who(d, form.person());
    match form {
        Form::Followup(f) => fields_form(
            frame,
            d,
            area,
            "followup",
            person,
            &[
                ("dash-followup-note", &f.note, !f.on_due),
                ("dash-followup-due", &f.due, f.on_due),
            ],
            f.problem.as_ref(),
        ),
        Form::Stage(f) => {
            let mut lines = doc::plain_lines(
                &d.loc
                    .ta(&d.lang, "dash-stage-intro", &[("who", person.into())]),
                width,
                Style::new(),
            );
            lines.push(Line::default());
            let focus = lines.len() + f.choice;
            for (n, s) in STAGES.iter().enumerate() {
                let chosen = n == f.choice;
                let mark = if chosen {
                    crate::glyphs::glyphs().choice_on
                } else {
                    "( )"
                };
                let style = if chosen { theme::focus() } else { Style::new() };
                lines.push(Line::from(vec![
                    Span::raw(" "),
                    Span::styled(format!("{mark} {}", stage_word(d, *s)), style),
                ]));
            }
            // The note, the follow-up's box and a problem stay in view below the stages, which
            // scroll to the one chosen when they do not all fit.
            let mut below = vec![Line::default()];
            below.push(
                text_field(
                    &d.t("dash-stage-note"),
                    &f.note,
                    !f.on_close,
                    width,
                    Place::Before,
                )
                .line(),
            );
            if f.followup_open {
                let mark = if f.close_followup { "[x]" } else { "[ ]" };
                let style = if f.on_close {
                    theme::focus()
                } else {
                    Style::new()
                };
                // The pointer marks the focus where colours do not show.
                let lead = if f.on_close {
                    crate::glyphs::glyphs().pointer.trim_end()
                } else {
                    " "
                };
                below.push(Line::from(vec![
                    Span::raw(lead),
                    Span::styled(
                        format!("{mark} {}", d.t("dash-stage-close-followup")),
                        style,
                    ),
                ]));
            }
            below.extend(problem_lines(d, f.problem.as_ref(), width));
            boxed_at(frame, area, &d.t("dash-stage-title"), lines, below, focus);
        }
        Form::Withdrawal(f) => fields_form(
            frame,
            d,
            area,
            "withdrawal",
            person,
            &[
                ("dash-withdrawal-day", &f.requested_on, !f.on_note),
                ("dash-withdrawal-note", &f.note, f.on_note),
            ],
            f.problem.as_ref(),
        ),
        Form::Attendance(f) => fields_form(
            frame,
            d,
            area,
            "attendance",
            person,
            &[
                ("dash-attendance-session", &f.session, f.focus == 0),
                ("dash-attendance-day", &f.on, f.focus == 1),
                ("dash-attendance-note", &f.note, f.focus == 2),
            ],
            f.problem.as_ref(),
        ),
        Form::Void(f) => {
            let mut lines = doc::plain_lines(
                &d.loc
                    .ta(&d.lang, "dash-void-intro", &[("who", person.into())]),
                width,
                Style::new(),
            );
            lines.push(Line::default());
            let summary = super::person::entry_summary(d, &f.target, f.occurred.as_deref());
            for line in doc::plain_lines(&summary, width.saturating_sub(2), theme::heading()) {
                let mut spans = vec![Span::raw("  ")];
                spans.extend(line.spans);
                lines.push(Line::from(spans));
            }
            lines.extend(doc::plain_lines(
                &d.loc.ta(
                    &d.lang,
                    "dash-void-record-id",
                    &[("id", f.target.id.clone().into())],
                ),
                width,
                theme::dim(),
            ));
            lines.push(Line::default());
            let focus = lines.len();
            lines.push(
                text_field(&d.t("dash-void-note"), &f.note, true, width, Place::Before).line(),
            );
            lines.extend(doc::plain_lines(
                &d.t("dash-void-hint"),
                width,
                theme::dim(),
            ));
            boxed_at(
                frame,
                area,
                &d.t("dash-void-title"),
                lines,
                problem_lines(d, f.problem.as_ref(), width),
                focus,
            );
        }
        Form::Pick(f) => {
            let mut lines = doc::plain_lines(
                &d.loc
                    .ta(&d.lang, "dash-pick-intro", &[("who", person.into())]),
                width,
                Style::new(),
            );
            lines.push(Line::default());
            lines.push(
                text_field(&d.t("dash-search"), &f.filter, true, width, Place::Before).line(),
            );
            let room = (area.height as usize)
                .saturating_sub(lines.len() + 4)
                .max(3);
            let top = super::window(f.selected, f.matches.len(), room);
            if f.matches.is_empty() {
                lines.push(Line::styled(d.t("dash-pick-none"), theme::dim()));
            }
            for (n, &c) in f.matches.iter().enumerate().skip(top).take(room) {
                let style = if n == f.selected {
                    theme::focus()
                } else {
                    Style::new()
                };
                let count = d.model.supported_by(c).len() as u64;
                let tail = d.loc.ta(&d.lang, "dash-supports-n", &[("n", count.into())]);
                lines.push(Line::styled(
                    super::cell(
                        &format!(" {} {}  {tail}", crate::glyphs::glyphs().star, who(d, c)),
                        width,
                    ),
                    style,
                ));
            }
            lines.extend(problem_lines(d, f.problem.as_ref(), width));
            boxed(frame, area, &d.t("dash-pick-title"), lines, Vec::new());
        }
    }
}
