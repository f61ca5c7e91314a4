//! The end of the session: every attendee with where they stand (decided, at a kiosk later,
//! not yet), whether their attendance is recorded, and a field to add a late arrival.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::setup::{add_form, attendee_list};
use super::{body_lines, centred_column, follow_focus};
use crate::present::Presenter;
use crate::present::session::{Attendee, Status};
use crate::ui::screen::para;
use crate::ui::{Body, doc, theme};

/// The widest the list gets.
const MAX_LIST: u16 = 96;

pub fn body(p: &Presenter, width: usize) -> Body {
    let mut body = Body::default();
    body.extend(doc::title_lines(&p.label("present-attendees-title"), width));
    if let Some(s) = &p.session {
        // A line per language (with both, one would break inside the second).
        for lang in p.frame_langs() {
            let line = p.flow.loc.ta(
                &lang,
                "present-session-line",
                &[
                    ("id", s.id.clone().into()),
                    ("trainer", s.trainer.clone().into()),
                ],
            );
            para(&mut body, &line, width, theme::dim());
        }
    }
    body.blank();
    let unrecorded = p.unrecorded();
    if unrecorded > 0 {
        let text = p.label_a("present-attendance-pending", &[("n", unrecorded.into())]);
        para(&mut body, &text, width, theme::warn());
    } else if !p.attendees.is_empty() {
        let text = p.label_a("present-attendance-all", &[("n", p.attendees.len().into())]);
        para(&mut body, &text, width, theme::good());
    }
    body.blank();
    let status = |a: &Attendee| -> (String, Style) {
        match a.status {
            // Which decision is not said: the list may be on a projector.
            Status::Pending if a.decided_before => {
                (p.label("present-status-decided-before"), theme::dim())
            }
            Status::Pending => (p.label("present-status-pending"), theme::warn()),
            Status::Kiosk => (p.label("present-status-kiosk"), theme::heading()),
            // The list may be on a projector: it says that a choice is recorded, never which.
            Status::Chosen(_) => (p.label("present-status-recorded"), theme::good()),
        }
    };
    attendee_list(&mut body, p, width, Some(&status));
    if !p.attendees.is_empty() {
        body.blank();
        for lang in p.frame_langs() {
            para(
                &mut body,
                &p.flow.loc.t(&lang, "present-attendees-legend"),
                width,
                theme::dim(),
            );
        }
    }
    if p.adding {
        add_form(&mut body, p, &p.add, true, width);
    }
    body
}

/// Draws the list; returns whether lines are left below.
pub fn draw(frame: &mut Frame, p: &Presenter, area: Rect) -> bool {
    let column = centred_column(area, MAX_LIST);
    let b = body(p, column.width as usize);
    let top = follow_focus(&b, column.height as usize);
    body_lines(frame, &b, column, top)
}
