//! Which of trainer mode's commands do something now: the key handler, the hint bar and help
//! ask this.

use super::*;

impl keys::Enabled for Presenter {
    fn enabled(&self, ctx: Ctx, cmd: &Cmd) -> bool {
        let focused = self.attendees.get(self.focus);
        let open = focused.is_some_and(|a| a.attendance && !matches!(a.status, Status::Chosen(_)));
        match (ctx, cmd) {
            (Ctx::Slides, Cmd::Attendees) => self.session.is_some(),
            (Ctx::PresentSetup | Ctx::SetupList, Cmd::Back) => self.editing.is_some(),
            (Ctx::Attendees, Cmd::Record) => self.unrecorded() > 0,
            (Ctx::Attendees, Cmd::Confirm) => open,
            (Ctx::Attendees, Cmd::Later) => {
                open && focused.is_some_and(|a| a.status != Status::Kiosk)
            }
            (Ctx::Attendees | Ctx::SetupList, Cmd::Remove | Cmd::Edit) => {
                focused.is_some_and(|a| !a.attendance)
            }
            // The arrows pick from the roster's names matching the attendee typed.
            (Ctx::AddAttendee, Cmd::Up | Cmd::Down) => !self.matches().is_empty(),
            (Ctx::PresentSetup, Cmd::Up | Cmd::Down) => {
                self.setup_field == SetupField::Attendee && !self.matches().is_empty()
            }
            _ => true,
        }
    }
}
