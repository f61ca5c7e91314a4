//! The welcome step: choosing a language, and where the flow starts over.

use super::*;

impl App {
    /// The languages, "withdraw", and "what is recorded".
    pub(super) fn welcome_items(&self) -> usize {
        self.content.langs.len() + 2
    }

    pub(super) fn update_welcome(&mut self, cmd: Cmd) -> Option<Effect> {
        let n = self.welcome_items();
        match cmd {
            Cmd::Up | Cmd::FocusPrev => self.welcome_focus = (self.welcome_focus + n - 1) % n,
            Cmd::Down | Cmd::FocusNext => self.welcome_focus = (self.welcome_focus + 1) % n,
            // Enter, named by the item it is on (see the key table).
            Cmd::Confirm | Cmd::Withdraw | Cmd::Notes => {
                let langs = self.content.languages();
                if let Some(lang) = langs.get(self.welcome_focus) {
                    self.lang = lang.clone();
                    self.person.intent = Intent::Decide;
                } else if self.welcome_focus == langs.len() {
                    self.person.intent = Intent::Withdraw;
                } else {
                    self.go(Step::Notice);
                    return None;
                }
                self.go(Step::Identity);
            }
            _ => {}
        }
        None
    }

    /// The renewal pop-up is open.
    pub fn renewal_open(&self) -> bool {
        self.person.renewal.as_ref().is_some_and(|r| r.open)
    }
}
