//! Which of the current step's keys do something: the hint bar and help show only those.

use super::{App, Mode};
use crate::keys::Applies;

impl Applies for App {
    fn applies(&self, action: &str) -> bool {
        match action {
            "act-quit" => self.mode == Mode::Attended,
            "act-staff-exit" => self.mode == Mode::Kiosk,
            "act-link-code" => !self.screen_links().is_empty(),
            _ => true,
        }
    }
}
