//! The privacy notice, read from the welcome screen.

use super::*;

impl App {
    pub(super) fn update_notice(&mut self, cmd: Cmd) -> Option<Effect> {
        let page = self.viewport().saturating_sub(2).max(1);
        let max = self.max_scroll();
        match cmd {
            Cmd::Up => self.other_scroll = self.other_scroll.saturating_sub(1),
            Cmd::Down => self.other_scroll = (self.other_scroll + 1).min(max),
            Cmd::PageDown => self.other_scroll = (self.other_scroll + page).min(max),
            Cmd::Top => self.other_scroll = 0,
            Cmd::Bottom => self.other_scroll = max,
            Cmd::Back | Cmd::Confirm => {
                let focus = self.welcome_focus;
                self.go(Step::Welcome);
                self.welcome_focus = focus;
            }
            _ => {}
        }
        None
    }
}
