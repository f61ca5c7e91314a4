//! Which of the flow's commands do something where the person is: the key handler, the hint
//! bar and help ask this.

use super::{App, Mode};
use crate::keys::{Cmd, Ctx, Enabled};

impl Enabled for App {
    fn enabled(&self, ctx: Ctx, cmd: &Cmd) -> bool {
        match cmd {
            Cmd::Quit => self.mode == Mode::Attended,
            Cmd::StaffExit => self.mode == Mode::Kiosk,
            // On a text screen the code is of its links; the receipt always has its own.
            Cmd::ShowCode if matches!(ctx, Ctx::Reading | Ctx::Revisit) => {
                !self.screen_links().is_empty()
            }
            _ => true,
        }
    }
}
