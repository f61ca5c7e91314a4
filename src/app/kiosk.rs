//! What only a locked kiosk does: the staff PIN prompt to leave, and returning to the welcome
//! screen, with everything of the previous person cleared, when nobody is using it.

use std::time::{Duration, Instant};

use crate::app::{App, Effect, Mode, Notice, Step};
use crate::keys::Cmd;
use crate::pin::Outcome;
use crate::text_field::TextField;

/// How long "Still there?" counts down before the kiosk starts over.
pub const COUNTDOWN: Duration = Duration::from_secs(15);

/// The attract screen's text moves one cell this often, so nothing stays put long enough to
/// burn into a screen.
pub const ATTRACT_STEP: Duration = Duration::from_secs(2);

/// The staff PIN prompt. The PIN is kept only until it is checked.
#[derive(Debug, Clone, Default)]
pub struct PinPrompt {
    pub field: TextField,
    /// After a wrong PIN: no new try before this moment.
    pub wait_until: Option<Instant>,
    /// The same moment as a local clock time, for the message (`14:32:05`).
    pub until_text: String,
    pub message: Option<Notice>,
}

/// What a key did in the PIN prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinStep {
    Typing,
    /// Esc: the prompt closes.
    Cancel,
    /// Enter: check this PIN.
    Check(String),
}

impl PinPrompt {
    /// Takes one command. Only digits make a PIN: anything else typed is dropped, not echoed.
    /// During the wait after a wrong PIN, Enter says how long is left and tries nothing.
    pub fn update(&mut self, cmd: &Cmd) -> PinStep {
        match cmd {
            Cmd::Input(text) => {
                let digits: String = text.chars().filter(char::is_ascii_digit).take(32).collect();
                self.field.insert(&digits);
            }
            Cmd::Backspace => self.field.backspace(),
            Cmd::Back => return PinStep::Cancel,
            Cmd::Confirm => {
                if let Some(until) = self.wait_until
                    && Instant::now() < until
                {
                    let secs = until.saturating_duration_since(Instant::now()).as_secs() + 1;
                    self.message = Some(wait_notice(secs as i64, &self.until_text));
                    // Not tried, and not kept: the next try starts from an empty field.
                    self.field.clear();
                    return PinStep::Typing;
                }
                let pin = self.field.value().to_string();
                self.field.clear();
                return PinStep::Check(pin);
            }
            _ => {}
        }
        PinStep::Typing
    }

    /// A PIN was wrong, tries are blocked for now, or a try cannot be counted: no new try
    /// before the wait is over, and the prompt says how long, until when, and what to do.
    pub fn refused(&mut self, outcome: Outcome, tz: &jiff::tz::TimeZone) {
        let wait_secs = match outcome {
            Outcome::Wrong { wait_secs } | Outcome::Blocked { wait_secs } => wait_secs,
            Outcome::Unavailable { why } => {
                self.field.clear();
                self.message = Some(Notice {
                    id: "pin-unavailable",
                    args: vec![("why", why.as_str().to_string())],
                    error: true,
                });
                return;
            }
            Outcome::Accepted => return,
        };
        let wait_secs = wait_secs.max(0);
        self.wait_until = Some(Instant::now() + Duration::from_secs(wait_secs as u64));
        let end = jiff::Timestamp::now() + jiff::SignedDuration::from_secs(wait_secs);
        self.until_text = end.to_zoned(tz.clone()).strftime("%H:%M:%S").to_string();
        let mut notice = wait_notice(wait_secs, &self.until_text);
        if matches!(outcome, Outcome::Wrong { .. }) && notice.id != "pin-locked" {
            notice.id = "pin-wrong";
        }
        self.message = Some(notice);
    }
}

impl App {
    pub(crate) fn open_pin(&mut self) {
        self.pin = Some(PinPrompt::default());
    }

    pub(crate) fn update_pin(&mut self, cmd: Cmd) -> Option<Effect> {
        match self.pin.as_mut()?.update(&cmd) {
            PinStep::Typing => None,
            PinStep::Cancel => {
                self.pin = None;
                None
            }
            PinStep::Check(pin) => Some(Effect::VerifyPin(pin)),
        }
    }

    /// The runner checked the PIN.
    pub fn pin_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Accepted => {
                self.pin = None;
                self.quit = true;
            }
            Outcome::Wrong { .. } | Outcome::Blocked { .. } | Outcome::Unavailable { .. } => {
                if let Some(prompt) = self.pin.as_mut() {
                    prompt.refused(outcome, &self.tz);
                }
            }
        }
    }

    /// Called several times a second with the time: counts idle time on a kiosk, shows
    /// "Still there?" and then starts over for the next person.
    pub fn tick(&mut self, now: Instant) {
        self.note_drawn();
        self.tick_receipt(now);
        // The wait after a wrong PIN is over: its message (how long, until when) no longer
        // holds, and says so.
        if let Some(prompt) = self.pin.as_mut()
            && prompt.wait_until.is_some_and(|until| now >= until)
        {
            prompt.wait_until = None;
            if prompt
                .message
                .as_ref()
                .is_some_and(|m| matches!(m.id, "pin-wrong" | "pin-wait" | "pin-locked"))
            {
                prompt.message = Some(Notice::info("pin-try-now"));
            }
        }
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
            // Nobody there: after a while the attract screen draws the next person in.
            let idle = now.saturating_duration_since(self.last_input);
            if idle >= self.settings.attract_after {
                let shown = idle.saturating_sub(self.settings.attract_after);
                self.attract = Some(shown.as_secs() / ATTRACT_STEP.as_secs().max(1));
            }
            return;
        }
        let idle = now.saturating_duration_since(self.last_input);
        if idle < self.settings.idle_timeout {
            self.idle_left = None;
            return;
        }
        let over = idle.saturating_sub(self.settings.idle_timeout);
        if over >= COUNTDOWN {
            self.reset();
            self.wipe_screen = true;
        } else {
            self.idle_left = Some(COUNTDOWN.saturating_sub(over).as_secs().max(1));
        }
    }
}

/// The wait in the unit people read it in (seconds, or whole minutes from two minutes on),
/// with the clock time it ends. The lockout after too many wrong tries says so, and how to end
/// it early.
fn wait_notice(secs: i64, until: &str) -> Notice {
    let (unit, n) = if secs >= 120 {
        ("min", (secs + 59) / 60)
    } else {
        ("s", secs.max(1))
    };
    // Waits between single wrong tries are a few seconds; anything longer is the lockout.
    let id = if secs > 60 { "pin-locked" } else { "pin-wait" };
    Notice {
        id,
        args: vec![
            ("n", n.to_string()),
            ("unit", unit.to_string()),
            ("until", until.to_string()),
        ],
        error: true,
    }
}
