//! One person's timeline: what the keys about one person do, and opening a person.

use super::*;

impl Dashboard {
    /// What the keys about one person do, wherever the person is selected.
    pub(super) fn person_cmd(&mut self, i: u32, cmd: Cmd) -> Option<Effect> {
        if !self.loaded {
            return None;
        }
        match cmd {
            Cmd::Confirm => return Some(Effect::OpenPerson(i)),
            Cmd::Stage => {
                let p = &self.model.people[i as usize];
                let (stage, open) = (p.standing.stage, p.followup.is_some());
                self.form = Some(Form::Stage(StageForm::new(i, stage, open)));
            }
            Cmd::Followup => {
                self.form = Some(Form::Followup(FollowupForm::new(i, self.setup.today)));
            }
            Cmd::Attend => {
                self.form = Some(Form::Attendance(AttendanceForm::new(i, self.setup.today)));
            }
            Cmd::Withdraw => {
                // No form when there is no consent to withdraw: only why.
                if let Some(refused) = self.withdrawal_refused(i) {
                    self.notice = Some(refused);
                    return None;
                }
                let mut form = WithdrawalForm::new(i, self.setup.today);
                // Said at once when no consent to withdraw is found among the records that
                // can be used, but some could not be; or which consent it withdraws, when it
                // was given under an older policy version.
                form.problem = self
                    .withdrawal_uncertain(i)
                    .or_else(|| self.withdrawal_of_expired(i));
                self.form = Some(Form::Withdrawal(form));
            }
            Cmd::Champion => {
                let active = !self.model.people[i as usize].standing.champion;
                return self.entry(
                    i,
                    Change::Champion {
                        active,
                        supports: None,
                    },
                    None,
                );
            }
            Cmd::Assign => {
                let matches = pick_matches(&self.model, &self.derived, "", i);
                self.form = Some(Form::Pick(PickForm {
                    person: i,
                    filter: TextField::default(),
                    matches,
                    selected: 0,
                    problem: None,
                }));
            }
            Cmd::Remove => match self.model.champion_of(i) {
                Some(c) => {
                    let supports = Some(self.subject(i));
                    return self.entry(
                        c,
                        Change::Champion {
                            active: false,
                            supports,
                        },
                        None,
                    );
                }
                None => self.notice = Some(Notice::error("dash-no-pairing")),
            },
            _ => {}
        }
        None
    }

    pub(super) fn update_person(&mut self, cmd: Cmd) -> Option<Effect> {
        // A page is what the view showed at once (one line kept in view), else about that.
        let shown = self
            .page_key_at(self.width, self.height)
            .and_then(|key| self.page_viewport.laid(key))
            .map(|drawn| drawn.height.saturating_sub(1));
        let page = shown
            .unwrap_or_else(|| (self.height as usize).saturating_sub(8))
            .max(1);
        let pv = self.person.as_mut()?;
        let entries = pv.state.history.len();
        match cmd {
            // With a timeline, ↑↓ select a record in it (the page follows).
            Cmd::Up if entries > 0 => {
                pv.cursor = pv.cursor.saturating_sub(1);
                self.follow_cursor();
                return None;
            }
            Cmd::Down if entries > 0 => {
                pv.cursor = (pv.cursor + 1).min(entries - 1);
                self.follow_cursor();
                return None;
            }
            Cmd::Void => {
                self.void_selected();
                return None;
            }
            Cmd::Up => pv.scroll = pv.scroll.saturating_sub(1),
            Cmd::Down => pv.scroll += 1,
            Cmd::Prev => pv.scroll = pv.scroll.saturating_sub(page),
            Cmd::Next => pv.scroll += page,
            Cmd::Top => pv.scroll = 0,
            Cmd::Bottom => pv.scroll = usize::MAX / 2,
            Cmd::Back => {
                self.person = None;
                return None;
            }
            other => {
                let i = pv.person;
                return self.person_cmd(i, other);
            }
        }
        // Scrolled by hand: the page goes where it was asked, not back to the selection.
        self.page_viewport.requests.follow = false;
        self.clamp_scroll();
        None
    }

    /// Asks the view to scroll the person's page so the selected record is in view (the top
    /// of the page, with the person's state, when the newest is selected): it alone knows
    /// where the records fall.
    fn follow_cursor(&mut self) {
        self.page_viewport.requests.follow = true;
    }

    /// `v` on the person's page: a form to void the selected record, or why it cannot be.
    fn void_selected(&mut self) {
        let Some(pv) = &self.person else {
            return;
        };
        let n = pv.state.history.len();
        if n == 0 {
            self.notice = Some(Notice::error("dash-void-nothing"));
            return;
        }
        let at = n - 1 - pv.cursor.min(n - 1);
        let target = pv.state.history[at].clone();
        let change = Change::Void {
            target: target.id.clone(),
        };
        if let Err(refusal) = crate::record::entry::allowed(&change, &pv.state) {
            use crate::record::entry::Refusal;
            let id = match refusal {
                Refusal::VoidNotAllowed if target.record_type == "void" => "dash-void-a-void",
                Refusal::VoidNotAllowed => "dash-void-own-decision",
                Refusal::AlreadyVoided => "dash-void-already",
                other => other.message_ids().0,
            };
            self.notice = Some(Notice {
                id,
                args: vec![("id", target.id.clone())],
                error: true,
            });
            return;
        }
        self.form = Some(Form::Void(Box::new(VoidForm {
            person: pv.person,
            occurred: pv.occurred.get(at).cloned().flatten(),
            target,
            note: TextField::default(),
            problem: None,
        })));
    }

    /// Bounds the scroll by the page as last drawn at this size (the view bounds it too).
    pub(super) fn clamp_scroll(&mut self) {
        if let Some(key) = self.page_key_at(self.width, self.height) {
            let max = self.page_viewport.max_top(key);
            if let Some(pv) = self.person.as_mut() {
                pv.scroll = pv.scroll.min(max);
            }
        }
    }

    /// What the view draws of the open person's page now, at the size it is told: whose
    /// page, with how many records, in which language (the page viewport's drawings are of
    /// this, or do not count). `None` without a person open.
    pub fn page_key_at(&self, width: u16, height: u16) -> Option<u64> {
        let pv = self.person.as_ref()?;
        let what = (
            pv.person,
            pv.records,
            pv.state.history.len(),
            pv.error.is_some(),
            &self.lang,
        );
        Some(crate::viewport::key(&what, width, height))
    }

    /// Takes what the view drew (the runner calls it after every frame; input and ticks take
    /// it first too): where the person's page is scrolled to.
    pub fn note_drawn(&mut self) {
        let Some(key) = self.page_key_at(self.width, self.height) else {
            return;
        };
        if let Some(drawn) = self.page_viewport.take(key)
            && let Some(pv) = self.person.as_mut()
        {
            pv.scroll = drawn.top;
        }
    }

    /// Shows the open person `i` again with their records as `read` back after new ones of
    /// theirs were folded in, the page where it was. Nothing when they were closed since.
    pub fn reread_person(&mut self, i: u32, read: std::io::Result<Vec<Value>>) {
        let Some(scroll) = self
            .person
            .as_ref()
            .filter(|pv| pv.person == i)
            .map(|pv| pv.scroll)
        else {
            return;
        };
        self.show_person(i, read);
        if let Some(pv) = self.person.as_mut() {
            pv.scroll = scroll;
        }
    }

    /// Shows person `i` with their records as `read` back from the ledger.
    pub fn show_person(&mut self, i: u32, read: std::io::Result<Vec<Value>>) {
        let Some(p) = self.model.people.get(i as usize) else {
            return;
        };
        let (values, error) = match read {
            Ok(v) => (v, None),
            Err(e) => (
                Vec::new(),
                Some(
                    crate::error_text::describe(
                        &self.loc,
                        &self.lang,
                        crate::error_text::Failure::Io(&e, None),
                    )
                    .line(),
                ),
            ),
        };
        let mut state = crate::state::fold(&p.id, values.iter(), &self.setup.policy);
        state.name = self.model.name(i).map(str::to_string).or(state.name);
        state.department = self.model.department(i).map(str::to_string);
        state.supported_by = self
            .model
            .champion_of(i)
            .map(|c| self.model.people[c as usize].id.to_string());
        state.supports = self
            .model
            .supported_by(i)
            .into_iter()
            .map(|s| self.model.people[s as usize].id.to_string())
            .collect();
        let occurred = values.iter().map(crate::state::occurred).collect();
        self.person = Some(PersonView {
            person: i,
            state,
            occurred,
            scroll: 0,
            cursor: 0,
            error,
            records: p.records.len(),
        });
    }
}
