//! The setup screen: the trainer's name, the session id, and the attendees added so far.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{body_lines, centred_column, follow_focus};
use crate::app::{FIELD_DEPT, FIELD_ID, FIELD_NAME};
use crate::present::session::{Attendee, AttendeeForm};
use crate::present::{Phase, Presenter, SetupField};
use crate::ui::screen::para;
use crate::ui::widgets::{Place, text_field};
use crate::ui::{Body, doc, theme, truncate};
use crate::wrap::display_width;

/// The widest the form gets.
const MAX_FORM: u16 = 76;

pub fn body(p: &Presenter, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&p.label("present-setup-title"), width));
    body.blank();
    for lang in p.frame_langs() {
        para(
            &mut body,
            &p.flow.loc.t(&lang, "present-setup-intro"),
            width,
            Style::new(),
        );
    }
    let here = p.setup_field;
    text_field(
        &p.label("present-trainer"),
        &p.trainer,
        here == SetupField::Trainer,
        width,
        Place::Above,
    )
    .push_to(&mut body);
    // What an empty name does, while it is empty: once a name is typed it no longer applies.
    if p.trainer.value().trim().is_empty() {
        for lang in p.frame_langs() {
            para(
                &mut body,
                &p.flow.loc.t(&lang, "present-trainer-hint"),
                width,
                theme::dim(),
            );
        }
    }
    text_field(
        &p.label("present-session-id"),
        &p.session_id,
        here == SetupField::Session,
        width,
        Place::Above,
    )
    .push_to(&mut body);
    body.blank();
    attendee_list(&mut body, p, width, None);
    add_form(&mut body, p, &p.add, here == SetupField::Attendee, width);
    body
}

/// Where an attendee stands, in words and a style.
pub type StatusText<'a> = &'a dyn Fn(&Attendee) -> (String, Style);

/// The attendees as rows: id, name, department (and, with `status`, where each stands).
pub fn attendee_list(body: &mut Body, p: &Presenter, width: usize, status: Option<StatusText<'_>>) {
    let heading = p.label_a(
        "present-attendees-count",
        &[("n", p.attendees.len().into())],
    );
    para(body, &heading, width, theme::heading());
    if p.attendees.is_empty() {
        para(
            body,
            &p.label("present-attendees-none"),
            width,
            theme::dim(),
        );
        return;
    }
    let list_focused = p.phase == Phase::Setup && p.setup_field == SetupField::List;
    let col = |f: fn(&Attendee) -> &str| {
        p.attendees
            .iter()
            .map(|a| display_width(f(a)))
            .max()
            .unwrap_or(0)
    };
    let id_w = col(|a| &a.id).min(12);
    let name_w = col(|a| &a.name).min(20);
    // The department takes what the other columns leave of the line (at least 16 columns),
    // so that a long one is cut only when it has to be.
    let status_w = status.map_or(0, |s| {
        p.attendees
            .iter()
            .map(|a| display_width(&s(a).0))
            .max()
            .unwrap_or(0)
    });
    let room = width.saturating_sub(4 + id_w + 2 + name_w + 2 + 2 + status_w);
    let dept_w = col(|a| &a.department).min(room.max(16));
    for (n, a) in p.attendees.iter().enumerate() {
        let focused = ((status.is_some() && !p.adding) || list_focused) && n == p.focus;
        let g = crate::glyphs::glyphs();
        let lead = if focused { g.pointer } else { "  " };
        let mark = if a.attendance {
            "✓ ".to_string()
        } else {
            format!("{} ", g.dot)
        };
        let cell = |text: &str, w: usize| {
            let t = truncate(text, w);
            let pad = w.saturating_sub(display_width(&t));
            format!("{t}{}  ", " ".repeat(pad))
        };
        let row_style = if focused {
            theme::focus()
        } else {
            Style::new()
        };
        let mut spans = vec![
            Span::raw(lead),
            Span::styled(
                mark,
                if a.attendance {
                    theme::good()
                } else {
                    theme::dim()
                },
            ),
            Span::styled(cell(&a.id, id_w), row_style),
            Span::styled(
                cell(&a.name, name_w),
                row_style.add_modifier(Modifier::BOLD),
            ),
            Span::styled(cell(&a.department, dept_w), row_style),
        ];
        if let Some(status) = status {
            let (text, style) = status(a);
            spans.push(Span::styled(text, style));
        }
        let line = Line::from(spans);
        let start = body.lines.len();
        if line.width() > width {
            // Too narrow for one row: the status goes under the name.
            let mut spans = line.spans;
            let status = if status.is_some() { spans.pop() } else { None };
            body.push(Line::from(spans));
            if let Some(s) = status {
                body.push(Line::from(vec![Span::raw("      "), s]));
            }
        } else {
            body.push(line);
        }
        if focused {
            body.focus = Some((start, body.lines.len()));
        }
    }
}

/// The "add an attendee" form: the id, then name and department when not on the roster.
pub fn add_form(body: &mut Body, p: &Presenter, form: &AttendeeForm, focused: bool, width: usize) {
    let label = if p.flow.directory.is_some() {
        "present-add-id-or-name"
    } else {
        "present-add-id"
    };
    text_field(
        &p.label(label),
        &form.fields[FIELD_ID],
        focused && form.field == FIELD_ID,
        width,
        Place::Above,
    )
    .push_to(body);
    if focused {
        matches(body, p, form, width);
    }
    if form.needs_name {
        text_field(
            &p.label("identity-name"),
            &form.fields[FIELD_NAME],
            focused && form.field == FIELD_NAME,
            width,
            Place::Above,
        )
        .push_to(body);
        text_field(
            &p.label("identity-dept"),
            &form.fields[FIELD_DEPT],
            focused && form.field == FIELD_DEPT,
            width,
            Place::Above,
        )
        .push_to(body);
    }
    let roster = match &p.roster {
        Some(r) => p.label_a("present-roster-yes", &[("n", r.len().into())]),
        None => p.label("present-roster-no"),
    };
    para(body, &roster, width, theme::dim());
}

/// The roster's people whose name or id matches what is typed; Enter adds the highlighted one.
fn matches(body: &mut Body, p: &Presenter, form: &AttendeeForm, width: usize) {
    let found = form.matches(p.flow.directory.as_deref(), &p.attendees);
    if found.is_empty() {
        return;
    }
    let pick = form.pick.min(found.len() - 1);
    for (n, person) in found.iter().enumerate() {
        let chosen = n == pick;
        let text = truncate(
            &format!(
                "{}{}  {}  {}",
                if chosen { "→ " } else { "  " },
                person.id,
                person.name,
                person.department
            ),
            width.saturating_sub(2),
        );
        let style = if chosen { theme::focus() } else { theme::dim() };
        body.push(Line::from(vec![Span::raw("  "), Span::styled(text, style)]));
    }
}

/// Draws the form; returns whether lines are left below.
pub fn draw(frame: &mut Frame, p: &Presenter, area: Rect) -> bool {
    let column = centred_column(area, MAX_FORM);
    let b = body(p, column.width as usize);
    let top = follow_focus(&b, column.height as usize);
    body_lines(frame, &b, column, top)
}
