//! The forms that record something about a person, the confirmation before a record is
//! written, and what the dashboard shows once it was saved or failed.

use super::*;

impl Dashboard {
    pub(super) fn update_form(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.saving {
            return None;
        }
        let today = self.setup.today;
        let (refused, set_aside) = match &self.form {
            Some(Form::Withdrawal(f)) => (
                self.withdrawal_refused(f.person),
                self.withdrawal_set_aside(f.person),
            ),
            _ => (None, false),
        };
        let form = self.form.as_mut()?;
        // Esc on a form with something typed asks once: a second Esc drops it.
        let armed = std::mem::take(&mut self.discard_armed);
        if cmd == Cmd::Back {
            if form.typed() && !armed {
                self.discard_armed = true;
                form.set_problem(Some(Notice::info("dash-esc-again")));
                return None;
            }
            self.form = None;
            return None;
        }
        match form {
            Form::Followup(f) => match cmd {
                Cmd::FocusNext | Cmd::FocusPrev | Cmd::Up | Cmd::Down => f.on_due = !f.on_due,
                Cmd::Confirm => match f.due_date(today) {
                    Ok(due) => {
                        let (i, note) = (f.person, f.note.value().to_string());
                        return self.entry(i, Change::Followup { due }, Some(note));
                    }
                    Err(problem) => {
                        f.on_due = true;
                        f.problem = Some(problem);
                    }
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Stage(f) => match cmd {
                Cmd::Up => f.choice = f.choice.saturating_sub(1),
                Cmd::Down => f.choice = (f.choice + 1).min(forms::STAGES.len() - 1),
                // With an open follow-up: Tab moves between the note and "close it".
                Cmd::FocusNext | Cmd::FocusPrev if f.followup_open => {
                    f.on_close = !f.on_close;
                }
                Cmd::Input(ref t) if f.on_close && t == " " => f.close_followup = !f.close_followup,
                // Typing while on "close it" is meant for the note: it goes there, and so
                // does the focus (nothing typed is lost).
                Cmd::Input(_) if f.on_close => {
                    f.on_close = false;
                    f.problem = None;
                    self.notice = forms::edit(&mut f.note, &cmd);
                }
                Cmd::Confirm => {
                    let (i, stage, note) = (f.person, f.stage(), f.note.value().to_string());
                    let consent = self.model.consent(i, &self.setup.policy);
                    // Nobody is recorded as moved over without a current consent.
                    if crate::record::entry::allowed_by_consent(&Change::Stage(stage), consent)
                        .is_err()
                    {
                        f.problem = Some(Notice::error("dash-stage-needs-consent"));
                        return None;
                    }
                    let keeps = f.followup_open && !f.close_followup;
                    let closes = f.followup_open && f.close_followup;
                    return self.ask(i, Change::Stage(stage), Some(note), keeps, closes);
                }
                _ if f.on_close => {}
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.note, &other);
                }
            },
            Form::Withdrawal(f) => match cmd {
                Cmd::FocusNext | Cmd::FocusPrev => f.on_note = !f.on_note,
                Cmd::Confirm => {
                    let i = f.person;
                    // Only a consent can be withdrawn: nothing is written otherwise.
                    if let Some(problem) = refused {
                        f.problem = Some(problem);
                        return None;
                    }
                    match forms::past_day(&f.requested_on, today) {
                        Ok(requested_on) => {
                            let note = f.note.value().to_string();
                            let change = Change::Withdrawal {
                                requested_on,
                                policy_id: self.setup.policy_id.clone(),
                                policy_version: self.setup.policy.clone(),
                            };
                            // A day before the consent was given is told here, with that day,
                            // not only once the record is confirmed.
                            if let Some(page) = self.person.as_ref().filter(|p| p.person == i)
                                && !set_aside
                                && crate::record::entry::allowed(&change, &page.state).is_err()
                            {
                                let given = decided_day(&page.state, &self.setup.tz);
                                f.on_note = false;
                                f.problem = Some(Notice {
                                    id: "dash-withdrawal-before-consent",
                                    args: vec![("given", given.unwrap_or_default())],
                                    error: true,
                                });
                                return None;
                            }
                            return self.entry(i, change, Some(note));
                        }
                        Err(problem) => {
                            f.on_note = false;
                            f.problem = Some(problem);
                        }
                    }
                }
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Attendance(f) => match cmd {
                Cmd::FocusNext => f.focus = (f.focus + 1) % 3,
                Cmd::FocusPrev => f.focus = (f.focus + 2) % 3,
                Cmd::Confirm => match (f.session_name(), forms::past_day(&f.on, today)) {
                    (Ok(session), Ok(on)) => {
                        let (i, note) = (f.person, f.note.value().to_string());
                        let change = Change::Attendance {
                            session,
                            on: Some(on),
                        };
                        return self.entry(i, change, Some(note));
                    }
                    (Err(problem), _) => {
                        f.focus = 0;
                        f.problem = Some(problem);
                    }
                    (_, Err(problem)) => {
                        f.focus = 1;
                        f.problem = Some(problem);
                    }
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Void(f) => match cmd {
                Cmd::Confirm => {
                    let note = f.note.value().trim().to_string();
                    // A void says why: the ledger keeps the mistake and the reason together.
                    if note.is_empty() {
                        f.problem = Some(Notice::error("dash-void-note-missing"));
                        return None;
                    }
                    let change = Change::Void {
                        target: f.target.id.clone(),
                    };
                    let i = f.person;
                    return self.entry(i, change, Some(note));
                }
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.note, &other);
                }
            },
            Form::Pick(f) => match cmd {
                Cmd::Up => f.selected = f.selected.saturating_sub(1),
                Cmd::Down => f.selected = (f.selected + 1).min(f.matches.len().saturating_sub(1)),
                Cmd::Confirm => match f.matches.get(f.selected) {
                    Some(&c) => {
                        let i = f.person;
                        let supports = Some(self.subject(i));
                        return self.entry(
                            c,
                            Change::Champion {
                                active: true,
                                supports,
                            },
                            None,
                        );
                    }
                    None => f.problem = Some(Notice::error("dash-pick-none")),
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.filter, &other);
                    let person = f.person;
                    f.matches = pick_matches(&self.model, &self.derived, f.filter.value(), person);
                    f.selected = f.selected.min(f.matches.len().saturating_sub(1));
                }
            },
        }
        None
    }

    /// Why a withdrawal cannot be recorded for person `i` (no consent to withdraw), if so.
    /// Someone some of whose records a break in the chain withheld is never turned away: the
    /// consent they withdraw may be among them (see [`Dashboard::withdrawal_uncertain`]).
    pub(super) fn withdrawal_refused(&self, i: u32) -> Option<Notice> {
        if self.withdrawal_set_aside(i) {
            return None;
        }
        // Why, by the consent as read: withdrawn already, or never given.
        self.no_consent_to_withdraw(i).then(|| {
            Notice::error(match self.model.consent(i, &self.setup.policy) {
                crate::state::ConsentState::Withdrawn => "dash-withdrawal-already",
                _ => "dash-withdrawal-nothing",
            })
        })
    }

    /// What to tell before recording the withdrawal of person `i` whose consent was given under
    /// an older policy version: that version and the day, which the record will name.
    pub(super) fn withdrawal_of_expired(&self, i: u32) -> Option<Notice> {
        let state = &self.person.as_ref().filter(|p| p.person == i)?.state;
        if state.consent != crate::state::ConsentState::Expired {
            return None;
        }
        // Read from the ledger: shown as text, whatever it holds.
        let version = crate::escape::for_display(state.policy_version.as_deref().unwrap_or(""));
        Some(Notice {
            id: "dash-withdrawal-expired",
            args: vec![
                (
                    "date",
                    decided_day(state, &self.setup.tz).unwrap_or_default(),
                ),
                ("version", version),
            ],
            error: false,
        })
    }

    /// What to tell before recording the withdrawal of person `i` when no consent of theirs is
    /// found but some of their records were withheld: it is recorded all the same.
    pub(super) fn withdrawal_uncertain(&self, i: u32) -> Option<Notice> {
        (self.withdrawal_set_aside(i) && self.no_consent_to_withdraw(i))
            .then(|| Notice::info("dash-withdrawal-uncertain"))
    }

    /// Whether a refusal of person `i`'s withdrawal is set aside, as
    /// [`crate::record::entry::withdrawal_despite_withheld`] sets it aside under the lock.
    fn withdrawal_set_aside(&self, i: u32) -> bool {
        self.model.is_suspect(&self.model.people[i as usize].id)
            && self.model.consent(i, &self.setup.policy) != crate::state::ConsentState::Withdrawn
    }

    fn no_consent_to_withdraw(&self, i: u32) -> bool {
        let change = Change::Withdrawal {
            requested_on: self.setup.today,
            policy_id: self.setup.policy_id.clone(),
            policy_version: self.setup.policy.clone(),
        };
        let consent = self.model.consent(i, &self.setup.policy);
        crate::record::entry::allowed_by_consent(&change, consent).is_err()
    }

    /// The person as a record names them.
    pub fn subject(&self, i: u32) -> Subject {
        Subject {
            id: self.model.people[i as usize].id.to_string(),
            name: self.model.name(i).map(str::to_string),
            department: self.model.department(i).map(str::to_string),
            ..Subject::default()
        }
    }

    /// A record about person `i`, by the dashboard's user, shown for confirmation first.
    pub(super) fn entry(&mut self, i: u32, change: Change, note: Option<String>) -> Option<Effect> {
        // A withdrawal is a decision, which closes an open follow-up: the confirmation says so.
        let closes = matches!(change, Change::Withdrawal { .. })
            && self.model.people[i as usize].followup.is_some();
        self.ask(i, change, note, false, closes)
    }

    /// As [`Dashboard::entry`], saying what happens to the person's open follow-up.
    pub(super) fn ask(
        &mut self,
        i: u32,
        change: Change,
        note: Option<String>,
        keeps_followup: bool,
        closes_followup: bool,
    ) -> Option<Effect> {
        self.confirm = Some(Pending {
            entry: Entry {
                employee: self.subject(i),
                change,
                note: note.filter(|n| !n.trim().is_empty()),
                by: self.by.clone(),
                via: Via::Dashboard,
            },
            keeps_followup,
            closes_followup,
        });
        None
    }

    /// The confirmation: Enter writes the record shown, Esc goes back (to the form, if any).
    pub(super) fn update_confirm(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.saving {
            return None;
        }
        match cmd {
            Cmd::Confirm => {
                let p = self.confirm.as_ref()?;
                self.saving = true;
                Some(Effect::Append {
                    entry: Box::new(p.entry.clone()),
                    keeps_followup: p.keeps_followup,
                })
            }
            Cmd::Back => {
                self.confirm = None;
                None
            }
            _ => None,
        }
    }

    /// The record is on disk: the form closes, and the lists show it at once (reading it
    /// back, with what else was appended, is asked of the effect performer).
    #[must_use]
    pub fn record_saved(&mut self, entry: &Entry) -> Option<Effect> {
        self.saving = false;
        self.confirm = None;
        self.form = None;
        let name = entry.employee.name.clone().unwrap_or_default();
        let mut args = vec![("name", name), ("id", entry.employee.id.clone())];
        args.extend(
            entry
                .change
                .word_args()
                .into_iter()
                .filter(|(k, _)| *k != "id" && *k != "name"),
        );
        self.notice = Some(Notice {
            id: entry.change.kind().dash_saved_id(),
            args,
            error: false,
        });
        self.refresh()
    }

    /// Nothing was saved: the form stays open with what was typed, and says why.
    pub fn record_failed(&mut self, reason: String) {
        self.saving = false;
        self.confirm = None;
        let notice = Notice {
            id: "dash-save-failed",
            args: vec![("reason", reason)],
            error: true,
        };
        match self.form.as_mut() {
            Some(form) => form.set_problem(Some(notice)),
            None => self.notice = Some(notice),
        }
    }

    /// The runner checked the PIN.
    pub fn pin_outcome(&mut self, outcome: crate::pin::Outcome) {
        use crate::pin::Outcome;
        let Gate::Pin(prompt) = &mut self.gate else {
            return;
        };
        match outcome {
            Outcome::Accepted => {
                self.gate = if self.setup.by.is_none() {
                    Gate::Name(TextField::default())
                } else {
                    Gate::Open
                };
            }
            Outcome::Wrong { .. } | Outcome::Blocked { .. } | Outcome::Unavailable { .. } => {
                prompt.refused(outcome, &self.setup.tz);
            }
        }
    }
}

/// The local day (in `tz`) a person's decision on record was made (`state.decided_at`).
fn decided_day(state: &crate::state::EmployeeState, tz: &jiff::tz::TimeZone) -> Option<String> {
    let at = state
        .decided_at
        .as_deref()?
        .parse::<jiff::Timestamp>()
        .ok()?;
    Some(at.to_zoned(tz.clone()).date().to_string())
}
