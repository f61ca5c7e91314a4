//! One person: their current state (consent and policy version, stage, champion, who supports
//! them and whom they support, the open follow-up) and their whole history, newest first (what
//! was just recorded shows at the top, not below the fold), in local time.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{cell, consent_word, lines_at, stage_style, stage_word};
use crate::dashboard::{Dashboard, PersonView};
use crate::escape::for_display;
use crate::state::{HistoryEntry, Stage};
use crate::ui::{doc, theme};
use crate::wrap::display_width;

/// `at` (RFC 3339) as a local date and time.
pub fn local_time(d: &Dashboard, at: &str) -> String {
    match at.parse::<jiff::Timestamp>() {
        Ok(ts) => ts
            .to_zoned(d.setup.tz.clone())
            .strftime("%Y-%m-%d %H:%M")
            .to_string(),
        Err(_) => for_display(at),
    }
}

/// A person's name and id as shown in titles.
pub fn who(d: &Dashboard, i: u32) -> String {
    let id = for_display(&d.model.people[i as usize].id);
    match d.model.name(i) {
        Some(n) => format!("{} ({id})", for_display(n)),
        None => id,
    }
}

fn label_value(label: &str, value: String, style: Style, label_w: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(cell(label, label_w), theme::heading()),
        Span::raw(" "),
        Span::styled(value, style),
    ])
}

/// What a history entry did, in words.
fn what(d: &Dashboard, h: &HistoryEntry) -> String {
    let consent = |w: &str| d.t(&format!("report-consent-{w}"));
    match h.record_type.as_str() {
        "consent" => h
            .decision
            .as_deref()
            .map(|w| {
                if crate::state::ConsentState::parse(w).is_some() {
                    consent(w)
                } else {
                    for_display(w)
                }
            })
            .unwrap_or_default(),
        "withdrawal" => consent("withdrawn"),
        "stage" => match h.stage.as_deref() {
            Some("champion") => d.t("dash-champion-yes"),
            Some(s) => match Stage::parse(s) {
                Some(st) => stage_word(d, st),
                None => for_display(s),
            },
            None => String::new(),
        },
        "followup" => match &h.due {
            Some(due) => d.loc.ta(
                &d.lang,
                "dash-next-due",
                &[("due", for_display(due).into())],
            ),
            None => String::new(),
        },
        "champion" => {
            let on = h.active != Some(false);
            match &h.supports {
                Some(s) => d.loc.ta(
                    &d.lang,
                    if on {
                        "dash-history-pairs"
                    } else {
                        "dash-history-unpairs"
                    },
                    &[("id", for_display(s).into())],
                ),
                None => d.t(if on {
                    "dash-champion-yes"
                } else {
                    "dash-champion-no"
                }),
            }
        }
        _ => String::new(),
    }
}

/// The history entry as a line of the timeline: when, what kind, what, by whom.
pub fn entry_summary(d: &Dashboard, h: &HistoryEntry, occurred: Option<&str>) -> String {
    let at = occurred.unwrap_or(&h.at);
    let type_id = format!("record-type-{}.timeline", h.record_type);
    let type_word = match d.t(&type_id) {
        t if t == type_id => for_display(&h.record_type),
        t => t,
    };
    let what = what(d, h);
    let mut out = format!("{}  {type_word}", local_time(d, at));
    if !what.is_empty() {
        out.push_str("  ");
        out.push_str(&what);
    }
    if let Some(b) = h.recorded_by.as_deref() {
        out.push_str("  ");
        out.push_str(&d.loc.ta(
            &d.lang,
            "dash-recorded-by",
            &[("name", for_display(b).into())],
        ));
    }
    out
}

/// The person's lines at `width`, and the row of each timeline entry (newest first).
fn lines_and_rows(
    d: &Dashboard,
    pv: &PersonView,
    width: usize,
) -> (Vec<Line<'static>>, Vec<usize>) {
    let mut rows = Vec::with_capacity(pv.state.history.len());
    let s = &pv.state;
    let i = pv.person;
    let mut out = Vec::new();
    let mut title = who(d, i);
    if let Some(dept) = d.model.department(i) {
        for part in ["  ", crate::glyphs::glyphs().dot, "  ", &for_display(dept)] {
            title.push_str(part);
        }
    }
    out.extend(doc::plain_lines(&title, width, theme::title()));
    out.push(Line::default());
    let labels = [
        "dash-field-consent",
        "dash-field-stage",
        "dash-field-champion",
        "dash-field-supported-by",
        "dash-field-supports",
        "dash-field-followup",
    ];
    let label_w = labels
        .iter()
        .map(|l| display_width(&d.t(l)))
        .max()
        .unwrap_or(10)
        .min(width / 3);
    let mut consent = consent_word(d, s.consent);
    if let Some(v) = &s.policy_version {
        consent.push_str(&d.loc.ta(
            &d.lang,
            "dash-policy-version",
            &[("version", for_display(v).into())],
        ));
    }
    out.push(label_value(
        &d.t("dash-field-consent"),
        consent,
        Style::new(),
        label_w,
    ));
    out.push(label_value(
        &d.t("dash-field-stage"),
        stage_word(d, s.stage),
        stage_style(s.stage),
        label_w,
    ));
    out.push(label_value(
        &d.t("dash-field-champion"),
        d.t(if s.champion {
            "dash-champion-yes"
        } else {
            "dash-champion-no"
        }),
        Style::new(),
        label_w,
    ));
    let name_of = |id: &str| match d.model.find(id) {
        Some(j) => who(d, j),
        None => for_display(id),
    };
    let supported_by = s
        .supported_by
        .as_deref()
        .map_or_else(|| d.t("dash-nobody"), name_of);
    out.push(label_value(
        &d.t("dash-field-supported-by"),
        supported_by,
        Style::new(),
        label_w,
    ));
    let supports = if s.supports.is_empty() {
        d.t("dash-nobody")
    } else {
        s.supports
            .iter()
            .map(|id| name_of(id))
            .collect::<Vec<_>>()
            .join("、")
    };
    let value_w = width.saturating_sub(label_w + 1).max(10);
    for (n, line) in doc::plain_lines(&supports, value_w, Style::new())
        .into_iter()
        .enumerate()
    {
        let label = if n == 0 {
            d.t("dash-field-supports")
        } else {
            String::new()
        };
        let mut spans = vec![
            Span::styled(cell(&label, label_w), theme::heading()),
            Span::raw(" "),
        ];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
    let followup = match &s.followup {
        Some(f) => {
            let due = f.due.as_deref().map(for_display).unwrap_or_default();
            let late = f
                .due
                .as_deref()
                .and_then(|x| x.parse::<jiff::civil::Date>().ok())
                .filter(|x| *x < d.setup.today)
                .map(|x| (d.setup.today - x).get_days());
            // Overdue in words as well as in red (as the follow-ups list says it).
            let text = match late {
                Some(days) => d.loc.ta(
                    &d.lang,
                    "dash-next-due-late",
                    &[("due", due.into()), ("days", days.into())],
                ),
                None => d.loc.ta(&d.lang, "dash-next-due", &[("due", due.into())]),
            };
            (
                text,
                if late.is_some() {
                    theme::bad()
                } else {
                    Style::new()
                },
            )
        }
        None => (d.t("dash-none-open"), theme::dim()),
    };
    out.push(label_value(
        &d.t("dash-field-followup"),
        followup.0,
        followup.1,
        label_w,
    ));
    out.push(Line::default());
    out.push(Line::styled(
        d.loc.ta(
            &d.lang,
            "dash-history-heading",
            &[("n", (s.history.len() as u64).into())],
        ),
        theme::heading(),
    ));
    if d.model.is_suspect(&s.employee_id) {
        out.extend(doc::plain_lines(
            &d.t("dash-person-suspect"),
            width,
            theme::bad(),
        ));
    }
    if let Some(e) = &pv.error {
        out.extend(doc::plain_lines(
            &d.loc.ta(
                &d.lang,
                "dash-history-unreadable",
                &[("reason", for_display(e).into())],
            ),
            width,
            theme::bad(),
        ));
    }
    let time_w = 16;
    let type_w = 14.min(width / 5);
    let what_w = 20.min(width / 4);
    for (shown, (n, h)) in s.history.iter().enumerate().rev().enumerate() {
        rows.push(out.len());
        let selected = shown == pv.cursor;
        let at = pv
            .occurred
            .get(n)
            .cloned()
            .flatten()
            .unwrap_or_else(|| h.at.clone());
        let type_id = format!("record-type-{}.timeline", h.record_type);
        let type_word = match d.t(&type_id) {
            t if t == type_id => for_display(&h.record_type),
            t => t,
        };
        let by = h
            .recorded_by
            .as_deref()
            .map(|b| {
                d.loc.ta(
                    &d.lang,
                    "dash-recorded-by",
                    &[("name", for_display(b).into())],
                )
            })
            .unwrap_or_default();
        let rest = width.saturating_sub(2 + time_w + type_w + what_w + 3);
        // A voided record stays in the timeline, struck through, and says so in words (some
        // terminals draw no strike-through).
        let struck = |style: Style| {
            let style = if h.voided.is_some() {
                style.add_modifier(Modifier::CROSSED_OUT)
            } else {
                style
            };
            if selected { theme::focus() } else { style }
        };
        let mark = if selected {
            crate::ui::glyphs::glyphs().pointer
        } else {
            "  "
        };
        // A void names the record it cancels, in the same words.
        let what = match h.voids.as_deref() {
            Some(target) if h.record_type == "void" => {
                let cancelled = s.history.iter().find(|x| x.id == target).map_or_else(
                    || for_display(target),
                    |x| {
                        let type_id = format!("record-type-{}.timeline", x.record_type);
                        let t = d.t(&type_id);
                        let w = what(d, x);
                        if w.is_empty() { t } else { format!("{t} {w}") }
                    },
                );
                d.loc
                    .ta(&d.lang, "dash-history-voids", &[("what", cancelled.into())])
            }
            _ => what(d, h),
        };
        out.push(Line::from(vec![
            Span::styled(mark.to_string(), theme::focus()),
            Span::styled(cell(&local_time(d, &at), time_w), struck(theme::dim())),
            Span::raw(" "),
            Span::styled(cell(&type_word, type_w), struck(theme::heading())),
            Span::raw(" "),
            Span::styled(cell(&what, what_w), struck(Style::new())),
            Span::raw(" "),
            Span::styled(cell(&by, rest), struck(theme::dim())),
        ]));
        if let Some(reason) = &h.voided {
            let indent = time_w + 3;
            let text = d.loc.ta(
                &d.lang,
                "dash-history-voided",
                &[("reason", for_display(reason).into())],
            );
            for line in doc::plain_lines(&text, width.saturating_sub(indent).max(10), theme::bad())
            {
                let mut spans = vec![Span::raw(" ".repeat(indent))];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
        if let Some(note) = h.note.as_deref().filter(|n| !n.trim().is_empty()) {
            let indent = time_w + 3;
            for line in doc::plain_lines(
                &for_display(note),
                width.saturating_sub(indent).max(10),
                Style::new(),
            ) {
                let mut spans = vec![Span::raw(" ".repeat(indent))];
                spans.extend(line.spans);
                out.push(Line::from(spans));
            }
        }
    }
    (out, rows)
}

pub fn draw(frame: &mut Frame, d: &Dashboard, area: Rect) {
    let Some(pv) = &d.person else {
        return;
    };
    let (all, rows) = lines_and_rows(d, pv, area.width as usize);
    let height = area.height as usize;
    // The selected record kept in view when update asked (the top of the page, with the
    // person's state, for the newest); written back for update to scroll by.
    let focus = rows.get(pv.cursor).map(|&row| (row, row + 1));
    let (want, follow) = match focus {
        _ if !d.page_viewport.requests.follow => (pv.scroll, None),
        Some(_) if pv.cursor == 0 => (0, None),
        f => (pv.scroll, f),
    };
    let top = crate::viewport::settle(want, all.len(), height, follow, 0);
    let size = frame.area();
    if let Some(key) = d.page_key_at(size.width, size.height) {
        d.page_viewport.record(crate::viewport::Drawn {
            key,
            lines: all.len(),
            height,
            top,
            focus,
            mark: None,
        });
    }
    lines_at(frame, all, area, top);
}
