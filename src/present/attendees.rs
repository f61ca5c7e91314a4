//! The session's attendee list: adding, putting right, handing the screen over to an attendee
//! who chooses in private, and recording attendance.

use super::*;

impl Presenter {
    pub(super) fn open_attendees(&mut self) {
        self.phase = Phase::Attendees;
        self.adding = self.attendees.is_empty();
        self.add.clear();
        self.focus = self
            .attendees
            .iter()
            .position(|a| a.status == Status::Pending)
            .unwrap_or(0);
    }

    pub(super) fn update_adding(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Back => {
                self.adding = false;
                self.add.clear();
                self.cancel_edit();
            }
            Cmd::Up => {
                self.move_pick(false);
            }
            Cmd::Down => {
                self.move_pick(true);
            }
            Cmd::Confirm => {
                if self.confirm_add() {
                    self.adding = false;
                } else if matches!(&self.notice, Some(n) if n.id == "present-added") {
                    self.focus = self.attendees.len().saturating_sub(1);
                }
            }
            _ => self.notice = self.add.edit(&cmd),
        }
    }

    /// `asked`: the attendee `l` was pressed on just before (the question is taken back by
    /// any other key: see [`Presenter::update`]).
    pub(super) fn update_attendees(
        &mut self,
        cmd: Cmd,
        asked: Option<usize>,
        asked_choose: Option<usize>,
    ) -> Option<Effect> {
        let n = self.attendees.len();
        match cmd {
            Cmd::Up => self.focus = self.focus.saturating_sub(1),
            Cmd::Down => self.focus = (self.focus + 1).min(n.saturating_sub(1)),
            Cmd::FocusNext => self.adding = true,
            Cmd::Back => self.phase = Phase::Slides,
            Cmd::Record => return self.record_attendance(),
            Cmd::Later if asked == Some(self.focus) => return self.mark_later(),
            Cmd::Later => {
                let attendee = self.focused_later()?;
                return Some(Effect::Lookup {
                    attendee,
                    then: Then::AskLater,
                });
            }
            Cmd::Remove => self.remove(),
            Cmd::Edit => self.edit_attendee(),
            Cmd::Confirm if n == 0 => self.adding = true,
            Cmd::Confirm => self.choose_now(asked_choose),
            _ => {}
        }
        None
    }

    pub(super) fn record_attendance(&mut self) -> Option<Effect> {
        let list: Vec<usize> = (0..self.attendees.len())
            .filter(|&i| !self.attendees[i].attendance)
            .collect();
        if list.is_empty() {
            self.notice = Some(Notice::info(if self.attendees.is_empty() {
                "present-no-attendees"
            } else {
                "present-attendance-done"
            }));
            return None;
        }
        let saving = Saving::Attendance(list);
        let records = session::records(self, &saving);
        Some(Effect::Append { saving, records })
    }

    /// The focused attendee, if their attendance is recorded; otherwise says what to do.
    pub(super) fn focused_recorded(&mut self) -> Option<usize> {
        let a = self.attendees.get(self.focus)?;
        if !a.attendance {
            self.notice = Some(Notice::info("present-record-first"));
            return None;
        }
        if let Status::Chosen(_) = a.status {
            self.notice = Some(Notice {
                id: "present-already-chosen",
                args: vec![("name", a.name.clone())],
                error: false,
            });
            return None;
        }
        Some(self.focus)
    }

    /// The focused attendee, when `l` can mark them to choose later; otherwise says why not.
    fn focused_later(&mut self) -> Option<usize> {
        let i = self.focused_recorded()?;
        if self.attendees[i].status == Status::Kiosk {
            self.notice = Some(Notice::info("present-already-later"));
            return None;
        }
        Some(i)
    }

    /// `l` once, on attendee `i`, as the ledger says of them now: with a consent in force
    /// there is nothing to choose later, and that is said; otherwise says what `l` again
    /// would record (a follow-up).
    pub fn ask_later(&mut self, i: usize, has_consent: bool) {
        let Some(a) = self.attendees.get(i) else {
            return;
        };
        if has_consent {
            self.notice = Some(Notice {
                id: "present-later-has-consent",
                args: vec![("name", a.name.clone())],
                error: false,
            });
            return;
        }
        self.confirm_later = Some(i);
        self.notice = Some(Notice {
            id: "present-later-confirm",
            args: vec![
                ("name", self.attendees[i].name.clone()),
                ("days", session::FOLLOWUP_DAYS.to_string()),
            ],
            error: false,
        });
    }

    pub(super) fn mark_later(&mut self) -> Option<Effect> {
        let i = self.focused_recorded()?;
        if self.attendees[i].status == Status::Kiosk {
            self.notice = Some(Notice::info("present-already-later"));
            return None;
        }
        let saving = Saving::Later(i);
        let records = session::records(self, &saving);
        Some(Effect::Append { saving, records })
    }

    pub(super) fn remove(&mut self) {
        let Some(a) = self.attendees.get(self.focus) else {
            return;
        };
        if a.attendance {
            // The ledger already says they attended; the list must not contradict it.
            self.notice = Some(Notice::info("present-cannot-remove"));
            return;
        }
        self.attendees.remove(self.focus);
        self.focus = self.focus.min(self.attendees.len().saturating_sub(1));
    }

    /// The focused attendee back into the form, to put their id or name right; they leave the
    /// list until added again.
    pub(super) fn edit_attendee(&mut self) {
        if self.edit_pending() {
            return;
        }
        let Some(a) = self.attendees.get(self.focus) else {
            return;
        };
        if a.attendance {
            self.notice = Some(Notice::info("present-cannot-edit"));
            return;
        }
        self.add = AttendeeForm::load(a);
        let taken = self.attendees.remove(self.focus);
        self.editing = Some((self.focus, taken));
        self.focus = self.focus.min(self.attendees.len().saturating_sub(1));
        self.notice = Some(Notice::info("present-editing"));
        if self.phase == Phase::Setup {
            self.setup_field = SetupField::Attendee;
        } else {
            self.adding = true;
        }
    }

    /// Whether an attendee taken out to be edited is not back in the list yet: then said (add
    /// them again with Enter, or give the edit up with Esc), and the form takes the keyboard.
    pub(super) fn edit_pending(&mut self) -> bool {
        let Some((_, attendee)) = &self.editing else {
            return false;
        };
        self.notice = Some(Notice {
            id: "present-edit-pending",
            args: vec![("name", attendee.name.clone())],
            error: true,
        });
        if self.phase == Phase::Setup {
            self.setup_field = SetupField::Attendee;
        } else {
            self.adding = true;
        }
        true
    }

    /// Gives up the edit of an attendee, if one is edited: they are put back in the list as
    /// they were, where they were, and the form is emptied.
    pub(super) fn cancel_edit(&mut self) {
        let Some((at, attendee)) = self.editing.take() else {
            return;
        };
        self.add.clear();
        self.notice = Some(Notice {
            id: "present-edit-given-up",
            args: vec![("name", attendee.name.clone())],
            error: false,
        });
        let at = at.min(self.attendees.len());
        self.attendees.insert(at, attendee);
        self.focus = at;
        // Attendees added meanwhile to be looked up move down with the list.
        for i in &mut self.to_look_up {
            if *i >= at {
                *i += 1;
            }
        }
    }

    /// The focused attendee is to choose here: first the screen is turned to them.
    /// Enter on attendee `i`: their turn, once they have seen every slide; while some were not
    /// shown, the first Enter says how many (the kiosk lets nobody choose before reading each
    /// screen to its end) and a second one goes on (`asked`: the attendee it was said of).
    pub(super) fn choose_now(&mut self, asked: Option<usize>) {
        let Some(i) = self.focused_recorded() else {
            return;
        };
        if self.session.is_none() {
            return;
        }
        let unshown = self.shown.iter().filter(|s| !**s).count();
        if unshown > 0 && asked != Some(i) {
            self.confirm_choose = Some(i);
            self.notice = Some(Notice {
                id: "present-choose-unshown",
                args: vec![
                    ("unshown", unshown.to_string()),
                    ("total", self.shown.len().to_string()),
                ],
                error: false,
            });
            return;
        }
        self.current = Some(i);
        self.phase = Phase::Handover;
    }

    /// Runs the employee flow for the attendee the screen was turned to, from the check, with
    /// what the ledger says of them (`prior`).
    pub fn start_choice(&mut self, prior: Option<crate::app::Prior>) {
        let Some(i) = self.current else {
            return;
        };
        let Some(mut session) = self.session.clone() else {
            return;
        };
        session.slides = super::session::slides_shown(self);
        let a = self.attendees[i].clone();
        self.flow.start_lang = self.ui_lang().clone();
        self.flow.start_attendee(session, a.subject());
        self.flow.person.prior = prior;
        self.leaving = false;
        self.flow.resize(self.width, self.height);
        self.current = Some(i);
        self.phase = Phase::Attendee;
    }

    /// After the employee flow handled something: note a saved choice, and return to the
    /// list once the receipt is closed (or the attendee went all the way back).
    pub fn after_flow(&mut self) {
        if self.phase != Phase::Attendee {
            return;
        }
        let Some(i) = self.current else {
            return;
        };
        if let Some(saved) = &self.flow.person.saved
            && let Some(decision) = saved.decision
            && let Some(a) = self.attendees.get_mut(i)
        {
            a.status = Status::Chosen(decision);
        }
        // Who the attendee is was settled by the trainer: should the flow ever reach the
        // questions of who someone is, their turn ends there, with nothing recorded.
        if matches!(self.flow.step, Step::Identity | Step::Confirm | Step::Code) {
            self.leave_flow(false);
            return;
        }
        if self.flow.step == Step::Welcome {
            // Back at the start: after the receipt, or when the flow gave up on them (idle).
            let chose = self
                .attendees
                .get(i)
                .is_some_and(|a| matches!(a.status, Status::Chosen(_)));
            self.leave_flow(chose);
        }
    }

    /// Back to the list, with nothing of the attendee left in the flow. After their turn
    /// (`done`), the next undecided attendee is highlighted; when they went back without
    /// deciding, they stay highlighted, so that Enter does not start the next person's turn
    /// under someone else's hands.
    /// The screen then asks to be turned back to the trainer ([`Phase::Handback`]).
    pub(super) fn leave_flow(&mut self, done: bool) {
        let i = self.current.take().unwrap_or(0);
        self.leaving = false;
        self.flow.reset();
        self.phase = Phase::Handback;
        self.returned = Some((i, done));
        self.adding = false;
        if !done {
            self.focus = i;
            return;
        }
        self.focus = (i + 1..self.attendees.len())
            .chain(0..=i)
            .find(|&j| {
                self.attendees
                    .get(j)
                    .is_some_and(|a| a.status == Status::Pending)
            })
            .unwrap_or(i);
    }

    /// The runner appended the records and they are on disk.
    pub fn records_saved(&mut self, saving: Saving) {
        match saving {
            Saving::Attendance(list) => {
                for &i in &list {
                    if let Some(a) = self.attendees.get_mut(i) {
                        a.attendance = true;
                    }
                }
                self.notice = Some(Notice {
                    id: "present-attendance-saved",
                    args: vec![("n", list.len().to_string())],
                    error: false,
                });
            }
            Saving::Later(i) => {
                if let Some(a) = self.attendees.get_mut(i) {
                    a.status = Status::Kiosk;
                    self.notice = Some(Notice {
                        id: "present-later-saved",
                        args: vec![("name", a.name.clone())],
                        error: false,
                    });
                }
            }
        }
    }

    /// Nothing of the batch was saved: say so; the trainer can try again.
    pub fn records_failed(&mut self, _saving: Saving, reason: String) {
        self.notice = Some(Notice {
            id: "present-save-failed",
            args: vec![("reason", reason)],
            error: true,
        });
    }

    /// What the follower needs to know, once the slides have started.
    pub fn follow_state(&self, pid: u32) -> Option<follow::FollowState> {
        if self.phase == Phase::Setup {
            return None;
        }
        let screen = self.screen()?;
        Some(follow::FollowState {
            pid,
            slide: self.at + 1,
            of: self.slides.len(),
            screen: self.flow.content.manifest.screens[screen].id.clone(),
            view: self.view.as_str().to_string(),
            started_at: self.started_at.to_string(),
            updated_at: jiff::Timestamp::now().to_string(),
        })
    }
}
