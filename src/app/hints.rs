//! Which of the flow's commands do something where the person is: the key handler, the hint
//! bar and help ask this.

use super::{App, Mode};
use crate::keys::{Cmd, Ctx, Enabled};

impl Enabled for App {
    fn enabled(&self, ctx: Ctx, cmd: &Cmd) -> bool {
        if let Some(n) = self.person.link_code
            && matches!(ctx, Ctx::Reading | Ctx::Revisit)
        {
            // Over a link's code, any key goes back to the text, as it says: only the code's
            // own key (to the next link) and the language do something else.
            return match cmd {
                Cmd::ShowCode => n + 1 < self.screen_links().len(),
                Cmd::SwitchLang => true,
                _ => false,
            };
        }
        if self.person.code_shown && ctx == Ctx::Receipt {
            // Over the receipt's code, any key goes back to the receipt, as it says; Enter
            // still finishes, and the language still switches.
            return matches!(cmd, Cmd::Confirm | Cmd::SwitchLang);
        }
        if ctx == Ctx::Welcome {
            // Enter is named by the highlighted item: a language starts, then the withdrawal
            // and the notice.
            let langs = self.content.languages().len();
            match cmd {
                Cmd::Confirm => return self.welcome_focus < langs,
                Cmd::Withdraw => return self.welcome_focus == langs,
                Cmd::Notes => return self.welcome_focus > langs,
                _ => {}
            }
        }
        match cmd {
            Cmd::Quit => self.mode == Mode::Attended,
            Cmd::StaffExit => self.mode == Mode::Kiosk,
            // On a text screen the code is of its links; the receipt always has its own.
            Cmd::ShowCode if matches!(ctx, Ctx::Reading | Ctx::Revisit) => {
                !self.screen_links().is_empty()
            }
            // A screen of text scrolls only when its text is longer than the screen: the hint
            // bar offers ↑↓ only then.
            Cmd::Up | Cmd::Down
                if matches!(
                    ctx,
                    Ctx::Withdraw | Ctx::Reading | Ctx::Revisit | Ctx::Receipt | Ctx::Notice
                ) =>
            {
                self.body_viewport
                    .latest(self.view_key())
                    .is_none_or(|d| d.lines > d.height)
            }
            // So does a pop-up's text (help, the confirmation, the renewal).
            Cmd::Up | Cmd::Down if matches!(ctx, Ctx::Help | Ctx::Review | Ctx::Renewal) => self
                .popup_viewport
                .latest(self.popup_key())
                .is_none_or(|d| d.lines > d.height),
            // With one field (the id alone, or the personal code) there is nothing to move to.
            Cmd::Up | Cmd::Down | Cmd::FocusNext | Cmd::FocusPrev if ctx == Ctx::Form => {
                self.step == super::Step::Identity && self.identity_fields() > 1
            }
            _ => true,
        }
    }
}
