//! What only a locked kiosk does: the staff PIN prompt to leave, and returning to the welcome
//! screen, with everything of the previous person cleared, when nobody is using it.

use std::time::{Duration, Instant};

use crate::app::{App, Effect, Mode, Notice, Step};
use crate::keys::Cmd;
use crate::pin::Outcome;
use crate::text_field::TextField;

/// How long "Still there?" counts down before the kiosk starts over.
pub const COUNTDOWN: Duration = Duration::from_secs(15);

/// The staff PIN prompt. The PIN is kept only until it is checked.
#[derive(Debug, Clone, Default)]
pub struct PinPrompt {
    pub field: TextField,
    /// After a wrong PIN: no new try before this moment.
    pub wait_until: Option<Instant>,
    pub message: Option<Notice>,
}

impl App {
    pub(crate) fn open_pin(&mut self) {
        self.pin = Some(PinPrompt::default());
    }

    pub(crate) fn update_pin(&mut self, cmd: Cmd) -> Option<Effect> {
        let prompt = self.pin.as_mut()?;
        match cmd {
            Cmd::Input(text) => {
                // Only digits make a PIN; anything else typed is dropped, not echoed.
                let digits: String = text.chars().filter(char::is_ascii_digit).take(32).collect();
                prompt.field.insert(&digits);
            }
            Cmd::Backspace => prompt.field.backspace(),
            Cmd::Back => self.pin = None,
            Cmd::Confirm => {
                if let Some(until) = prompt.wait_until
                    && Instant::now() < until
                {
                    let secs = until.saturating_duration_since(Instant::now()).as_secs() + 1;
                    prompt.message = Some(wait_notice(secs as i64));
                    // Not tried, and not kept: the next try starts from an empty field.
                    prompt.field.clear();
                    return None;
                }
                let pin = prompt.field.value().to_string();
                prompt.field.clear();
                return Some(Effect::VerifyPin(pin));
            }
            _ => {}
        }
        None
    }

    /// The runner checked the PIN.
    pub fn pin_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Accepted => {
                self.pin = None;
                self.quit = true;
            }
            Outcome::Wrong { wait_secs } | Outcome::Blocked { wait_secs } => {
                if let Some(prompt) = self.pin.as_mut() {
                    prompt.wait_until =
                        Some(Instant::now() + Duration::from_secs(wait_secs.max(0) as u64));
                    let mut notice = wait_notice(wait_secs);
                    if matches!(outcome, Outcome::Wrong { .. }) {
                        notice.id = "pin-wrong";
                    }
                    prompt.message = Some(notice);
                }
            }
        }
    }

    /// Called several times a second with the time: counts idle time on a kiosk, shows
    /// "Still there?" and then starts over for the next person.
    pub fn tick(&mut self, now: Instant) {
        if self.mode != Mode::Kiosk {
            return;
        }
        // Someone may have typed, gone back to the welcome screen and left: what they typed
        // must not wait there for the next person either.
        let away = self.step != Step::Welcome
            || self.pin.is_some()
            || self.help
            || !self.person.is_blank();
        if !away {
            self.idle_left = None;
            return;
        }
        let idle = now.saturating_duration_since(self.last_input);
        if idle < self.settings.idle_timeout {
            self.idle_left = None;
            return;
        }
        let over = idle - self.settings.idle_timeout;
        if over >= COUNTDOWN {
            self.reset();
            self.wipe_screen = true;
        } else {
            self.idle_left = Some((COUNTDOWN - over).as_secs().max(1));
        }
    }
}

fn wait_notice(secs: i64) -> Notice {
    let (id, n) = if secs >= 120 {
        ("pin-locked", (secs + 59) / 60)
    } else {
        ("pin-wait", secs.max(1))
    };
    Notice {
        id,
        args: vec![("n", n.to_string())],
        error: true,
    }
}
