//! Saving the choice (the effect that appends the record) and the receipt that follows.

use super::*;

impl App {
    /// The runner appended the record and it is on disk: show the receipt.
    pub fn record_saved(
        &mut self,
        record_type: RecordType,
        record_id: String,
        at: jiff::Timestamp,
    ) {
        let decision = if record_type == RecordType::Consent {
            self.decision().ok()
        } else {
            None
        };
        self.person.saved = Some(Saved {
            record_type,
            decision,
            receipt_code: self.person.pending_code.clone().unwrap_or_default(),
            record_id,
            at,
            witness: None,
        });
        self.person.save_failed = None;
        self.person.choice.reviewing = false;
        if let Some(r) = self.screen_of_kind(ScreenKind::Receipt) {
            self.go(Step::Screen(r));
        }
    }

    /// The policy version the record just saved names: the content's, except for a
    /// withdrawal, which names the version of the consent it withdraws (see
    /// [`crate::record::entry::name_withdrawn_version`]).
    pub fn saved_policy_version(&self) -> String {
        let withdrawal = self
            .person
            .saved
            .as_ref()
            .is_some_and(|s| s.record_type == RecordType::Withdrawal);
        self.person
            .prior
            .as_ref()
            .filter(|_| withdrawal)
            .and_then(|p| {
                crate::record::entry::withdrawn_version(
                    p.consent,
                    p.policy_version.as_deref(),
                    p.withheld,
                )
            })
            .map_or_else(
                || self.content.manifest.policy_version.clone(),
                str::to_string,
            )
    }

    /// Where the record just saved is in the ledger: the receipt's QR code names it.
    pub fn record_witness(&mut self, kiosk: &str, seq: u64, line_sha256: &str) {
        if let Some(saved) = &mut self.person.saved {
            saved.witness = Some((kiosk.to_owned(), seq, line_sha256.to_owned()));
        }
    }

    /// The record could not be saved: say so plainly and keep everything, so staff can help
    /// and the person can try again with another explicit confirm.
    pub fn record_failed(&mut self, reason: String) {
        self.person.save_failed = Some(reason);
        self.notice = Some(Notice::error("save-failed"));
    }

    pub(super) fn update_receipt(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.person.code_shown && cmd != Cmd::Confirm {
            // Over the code, any key goes back to the receipt (as over a link's code); Enter
            // still finishes, as the hint bar says.
            self.person.code_shown = false;
            return None;
        }
        match cmd {
            Cmd::ShowCode => {
                self.person.code_shown = self
                    .person
                    .saved
                    .as_ref()
                    .is_some_and(|s| s.witness.is_some());
            }
            Cmd::Confirm | Cmd::Back => self.start_over(),
            Cmd::Up => self.scroll_current(-1),
            Cmd::Down => self.scroll_current(1),
            _ => {}
        }
        None
    }

    pub(super) fn scroll_current(&mut self, delta: isize) {
        if let Step::Screen(i) = self.step {
            self.scroll_by(i, delta);
        }
    }

    /// [`App::reset`], and the terminal wiped (scrollback included), as after an idle timeout.
    pub fn start_over(&mut self) {
        self.reset();
        self.wipe_screen = true;
    }

    /// Counts the receipt down (called with the time on every tick): after
    /// `receipt_timeout` without a key, the next person finds the welcome screen.
    pub fn tick_receipt(&mut self, now: Instant) {
        let on_receipt = matches!(self.step, Step::Screen(i)
            if self.content.manifest.screens[i].kind == ScreenKind::Receipt)
            && self.person.saved.is_some();
        if !on_receipt {
            self.receipt_left = None;
            return;
        }
        let since = match self.person.entered_at {
            Some(entered) => entered.max(self.last_input),
            None => self.last_input,
        };
        let shown = now.saturating_duration_since(since);
        match self.settings.receipt_timeout.checked_sub(shown) {
            Some(left) if !left.is_zero() => {
                self.receipt_left = Some(left.as_secs_f64().ceil() as u64);
            }
            _ => self.start_over(),
        }
    }

    /// Back to the welcome screen for the next person, with nothing of this one kept.
    pub fn reset(&mut self) {
        self.person = Person::new(&self.content);
        self.lang = self.start_lang.clone();
        self.welcome_focus = self
            .content
            .languages()
            .iter()
            .position(|l| *l == self.lang)
            .unwrap_or(0);
        self.help = false;
        self.notice = None;
        self.other_scroll = 0;
        self.idle_left = None;
        self.receipt_left = None;
        self.pin = None;
        self.session = None;
        self.code.field.clear();
        self.step = Step::Welcome;
    }

    /// One attendee of a trainer's session, starting at the check: the session's slides were
    /// their reading, and the trainer already entered who they are.
    pub fn start_attendee(&mut self, session: SessionInfo, who: Subject) {
        self.reset();
        self.session = Some(session);
        let name = who.name.clone().unwrap_or_default();
        let department = who.department.clone().unwrap_or_default();
        for (field, value) in [
            (FIELD_ID, who.id.as_str()),
            (FIELD_NAME, name.as_str()),
            (FIELD_DEPT, department.as_str()),
        ] {
            self.person.fields[field].insert(value);
        }
        self.person.who = Some(who);
        let check = self.screen_of_kind(ScreenKind::Check).unwrap_or(0);
        self.go(Step::Screen(check));
    }
}
