//! Who is at the terminal: the id (checked by the one id rule), the roster's name confirmed by
//! the person (or, in open mode, name and department as typed), the personal code in code
//! mode, and then what the ledger already says of them - a returning person is told where they
//! stand, and a withdrawal is offered only where there is a consent to withdraw.

use std::time::{Duration, Instant};

use crate::app::{App, Effect, FIELD_DEPT, FIELD_ID, FIELD_NAME, Intent, Notice, Step};
use crate::keys::Cmd;
use crate::record::identity::{IdProblem, IdentityMode};
use crate::record::{Subject, Verified};
use crate::state::ConsentState;
use crate::text_field::{Inserted, TextField};

/// Wrong personal codes in a row before the terminal starts over.
pub const CODE_TRIES: u32 = 3;

/// What the ledger says of a person who just identified themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prior {
    pub consent: crate::state::ConsentState,
    pub policy_version: Option<String>,
    pub decided_at: Option<String>,
    /// The day of that decision when it is recorded apart from when it was entered: for a
    /// withdrawal an administrator recorded, the day the person asked (`requested_on`).
    pub decided_on: Option<String>,
    /// The name the person's latest record gives (open mode compares it with the one typed).
    pub name: Option<String>,
    /// A break in the ledger withheld records about them: the records that can be used may
    /// lack some (the consent they come to withdraw, say).
    pub withheld: bool,
}

impl Prior {
    /// What the ledger says of `id`: its state as folded, and the issues met reading it.
    pub fn of(
        id: &str,
        state: crate::state::EmployeeState,
        issues: &[crate::ledger::ReadIssue],
    ) -> Prior {
        // The decision behind a withdrawn consent is the last withdrawal that counts.
        let decided_on = (state.consent == crate::state::ConsentState::Withdrawn)
            .then(|| {
                state
                    .history
                    .iter()
                    .rev()
                    .find(|h| h.record_type == "withdrawal" && h.voided.is_none())
                    .and_then(|h| h.requested_on.as_deref())
                    // Shown as a date only: a line edited by hand may hold anything.
                    .and_then(|d| d.parse::<jiff::civil::Date>().ok())
                    .map(|d| d.to_string())
            })
            .flatten();
        Prior {
            consent: state.consent,
            policy_version: state.policy_version,
            decided_at: state.decided_at,
            decided_on,
            name: state.name,
            withheld: crate::ledger::withheld_about(issues, id),
        }
    }

    /// Whether their withdrawal is recorded though the records that can be used show no
    /// consent in force (see [`crate::record::entry::withdraws_despite_withheld`]).
    pub fn withdraws_despite_withheld(&self) -> bool {
        crate::record::entry::withdraws_despite_withheld(self.consent, self.withheld)
    }
}

/// What the "where you stand" step says, and offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OnRecord {
    /// A current consent is on record: read again and decide anew, withdraw it, or finish.
    Agreed,
    /// Came to decide, having declined, chosen "not now" or withdrawn before: told so, then
    /// read again and decide anew, or finish (nothing is recorded for coming).
    Decided,
    /// Came to withdraw, but there is no consent to withdraw.
    NothingToWithdraw,
    /// Came to withdraw, but the records could not be read: nothing can be checked, so nothing
    /// is recorded.
    Unreadable,
    /// Open mode: the id's records give another name than the one typed. Nothing of them is
    /// shown, and nothing can be recorded here (it could end or withdraw someone else's choice).
    OtherName,
}

/// What the check of a personal code found (see [`crate::app::Effect::VerifyCode`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeCheck {
    /// The code issued for the id.
    Right,
    /// Not the code issued for the id.
    Wrong,
    /// No code was ever issued for the id: nothing typed can be right.
    NotIssued,
    /// The codes could not be read on this terminal: nothing typed can be checked.
    Unavailable,
}

/// The items of a short choice step, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuItem {
    /// "Yes, that is me" (confirming the roster's name).
    ItsMe,
    /// "No, that is not me".
    NotMe,
    /// Read the explanation and decide (again).
    Decide,
    /// Withdraw the consent on record.
    Withdraw,
    /// Nothing more: back to the welcome screen.
    Finish,
}

/// The personal code prompt's state (code mode).
#[derive(Debug, Clone, Default)]
pub struct CodeState {
    pub field: TextField,
    /// Wrong codes in a row at this terminal (kept across people: guessing is slowed down for
    /// everyone, as the staff PIN is).
    pub failures: u32,
    /// No new try before this moment.
    pub wait_until: Option<Instant>,
}

impl CodeState {
    /// The wait after `failures` wrong codes: 2, 4, 8 ... seconds, at most 5 minutes.
    pub fn wait_after(failures: u32) -> Duration {
        Duration::from_secs((1u64 << failures.min(9)).min(300))
    }
}

/// `person.menu` when no answer is under the cursor (see `App::mind_namesakes`).
const NO_ANSWER: usize = usize::MAX;

impl App {
    /// The identity mode in force (roster and code modes need a roster).
    pub fn identity_mode(&self) -> IdentityMode {
        self.settings.identity
    }

    /// The items of the current choice step.
    pub fn menu_items(&self) -> Vec<MenuItem> {
        match self.step {
            Step::Confirm => vec![MenuItem::ItsMe, MenuItem::NotMe],
            Step::Standing(OnRecord::Agreed) => {
                vec![MenuItem::Finish, MenuItem::Decide, MenuItem::Withdraw]
            }
            // Finishing first, as for a consent in force: the cursor starts on doing nothing,
            // so that someone who declined is not led into reading and deciding again.
            Step::Standing(OnRecord::Decided | OnRecord::NothingToWithdraw) => {
                vec![MenuItem::Finish, MenuItem::Decide]
            }
            Step::Standing(OnRecord::Unreadable | OnRecord::OtherName) => vec![MenuItem::Finish],
            _ => Vec::new(),
        }
    }

    pub(crate) fn update_identity(&mut self, cmd: Cmd) -> Option<Effect> {
        let fields = self.identity_fields();
        if self.person.field >= fields {
            self.person.field = FIELD_ID;
        }
        let field = &mut self.person.fields[self.person.field];
        match cmd {
            Cmd::Input(_)
            | Cmd::Backspace
            | Cmd::Delete
            | Cmd::EraseToStart
            | Cmd::CursorLeft
            | Cmd::CursorRight
            | Cmd::Home
            | Cmd::End => match field.edit(&cmd) {
                Some(Inserted::Cut) => self.notice = Some(Notice::error("field-too-long")),
                Some(Inserted::Removed) => {
                    self.notice = Some(Notice::error("identity-control-chars"));
                }
                _ => {}
            },
            Cmd::Down | Cmd::FocusNext => {
                self.leave_field();
                self.person.field = (self.person.field + 1) % fields;
            }
            Cmd::Up | Cmd::FocusPrev => {
                self.leave_field();
                self.person.field = (self.person.field + fields - 1) % fields;
            }
            Cmd::Back => self.back_to_welcome(),
            Cmd::Confirm => {
                let last = fields - 1;
                if self.person.field != last {
                    if self.person.field == FIELD_ID && !self.leave_field() {
                        return None;
                    }
                    if !self.person.fields[self.person.field]
                        .value()
                        .trim()
                        .is_empty()
                    {
                        self.person.field += 1;
                        return None;
                    }
                }
                return self.submit_identity();
            }
            _ => {}
        }
        None
    }

    /// Fields of the identity form: only the id when the roster says who the person is.
    pub fn identity_fields(&self) -> usize {
        match self.settings.identity {
            IdentityMode::Open => 3,
            IdentityMode::Roster | IdentityMode::Code => 1,
        }
    }

    /// Leaving the id field checks it at once, so a wrong form is said while the person is
    /// still there. False when it is wrong.
    fn leave_field(&mut self) -> bool {
        if self.person.field != FIELD_ID || self.person.fields[FIELD_ID].value().trim().is_empty() {
            return true;
        }
        match self
            .settings
            .id_rule
            .check(self.person.fields[FIELD_ID].value())
        {
            Ok(_) => true,
            Err(problem) => {
                self.notice = Some(self.id_notice(&problem));
                false
            }
        }
    }

    /// The message for an id the rule refuses, with the organisation's example when it has one.
    pub fn id_notice(&self, problem: &IdProblem) -> Notice {
        let mut args = problem.args();
        args.push((
            "example",
            self.settings
                .id_example
                .clone()
                .unwrap_or_else(|| "none".into()),
        ));
        Notice {
            id: problem.message_id(),
            args,
            error: true,
        }
    }

    fn submit_identity(&mut self) -> Option<Effect> {
        let typed = self.person.fields[FIELD_ID].value().trim().to_string();
        let id = match self.settings.id_rule.check(&typed) {
            Ok(id) => id,
            Err(problem) => {
                self.person.field = FIELD_ID;
                self.notice = Some(self.id_notice(&problem));
                return None;
            }
        };
        match self.settings.identity {
            IdentityMode::Open => {
                if self.person.fields[FIELD_NAME].value().trim().is_empty() {
                    self.person.field = FIELD_NAME;
                    self.notice = Some(Notice::error("identity-name-missing"));
                    return None;
                }
                for field in [FIELD_NAME, FIELD_DEPT] {
                    if crate::app::has_control(self.person.fields[field].value()) {
                        self.person.field = field;
                        self.notice = Some(Notice::error("identity-control-chars"));
                        return None;
                    }
                }
                let department = self.person.fields[FIELD_DEPT].value().trim().to_string();
                self.person.who = Some(
                    Subject {
                        id,
                        id_as_entered: None,
                        name: Some(self.person.fields[FIELD_NAME].value().trim().to_string()),
                        department: Some(department).filter(|d| !d.is_empty()),
                        verified: Some(Verified::No),
                    }
                    .typed_as(&typed),
                );
                self.identified()
            }
            IdentityMode::Roster | IdentityMode::Code => {
                let found = self.directory.as_ref().and_then(|d| d.find(&id));
                let Some(person) = found else {
                    // Nothing is recorded for an id the roster does not know.
                    self.person.field = FIELD_ID;
                    self.notice = Some(Notice {
                        id: "identity-not-on-roster",
                        args: vec![("id", id), ("contact", self.org_contact())],
                        error: true,
                    });
                    return None;
                };
                let mut who = Subject::from_person(person).typed_as(&typed);
                who.verified = Some(Verified::Roster);
                self.person.who = Some(who);
                self.person.menu = 0;
                if self.settings.identity == IdentityMode::Code {
                    // The code first: the roster's name is shown only to whoever has it, so
                    // that ids typed at the kiosk do not give away names and departments.
                    self.code.field.clear();
                    self.go(Step::Code);
                } else {
                    self.go(Step::Confirm);
                    self.mind_namesakes();
                }
                None
            }
        }
    }

    /// On "is this you?": when the roster has someone else of the same name, no answer is
    /// under the cursor and the person is told to check the ID and department, so that one
    /// wrong digit and an Enter by habit do not record them as their namesake.
    fn mind_namesakes(&mut self) {
        let (Some(dir), Some(who)) = (self.directory.as_ref(), self.person.who.as_ref()) else {
            return;
        };
        let Some(name) = who.name.as_deref() else {
            return;
        };
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
        let n = letters(name);
        let others = dir
            .people()
            .iter()
            .filter(|p| {
                !crate::ids::same_id(&p.id, &who.id)
                    && letters(&p.name) == n
                    && crate::record::identity::same_name(&p.name, name)
            })
            .count();
        self.person.namesakes = others;
        if others > 0 {
            self.person.menu = NO_ANSWER;
        }
    }

    /// "Is this you?" (in code mode, after the code): yes goes on, "not me" goes back with
    /// nothing kept.
    pub(crate) fn update_menu(&mut self, cmd: Cmd) -> Option<Effect> {
        let items = self.menu_items();
        let n = items.len().max(1);
        match cmd {
            // From no answer under the cursor, ↑ reaches the last and ↓ the first.
            Cmd::Up | Cmd::FocusPrev if self.person.menu >= n => self.person.menu = n - 1,
            Cmd::Down | Cmd::FocusNext if self.person.menu >= n => self.person.menu = 0,
            Cmd::Up | Cmd::FocusPrev => self.person.menu = (self.person.menu + n - 1) % n,
            Cmd::Down | Cmd::FocusNext => self.person.menu = (self.person.menu + 1) % n,
            Cmd::Confirm if self.person.menu >= n => {
                self.notice = Some(Notice::info("confirm-choose"));
            }
            Cmd::Back => match self.step {
                Step::Confirm => self.not_me(),
                _ => self.back_to_welcome(),
            },
            Cmd::Confirm => {
                let item = items.get(self.person.menu.min(n - 1)).copied()?;
                return self.choose(item);
            }
            _ => {}
        }
        None
    }

    fn choose(&mut self, item: MenuItem) -> Option<Effect> {
        match item {
            MenuItem::ItsMe => self.identified(),
            MenuItem::NotMe => {
                self.not_me();
                None
            }
            MenuItem::Decide => {
                self.person.intent = Intent::Decide;
                self.go(Step::Screen(0));
                None
            }
            MenuItem::Withdraw => {
                self.person.intent = Intent::Withdraw;
                self.go(Step::Withdraw);
                None
            }
            MenuItem::Finish => {
                self.reset();
                // Said on the first screen, so that no one wonders whether coming recorded
                // something.
                self.notice = Some(Notice::info("standing-finished"));
                None
            }
        }
    }

    /// The roster's name is not theirs: back to the id, with nothing of it kept.
    fn not_me(&mut self) {
        self.person.who = None;
        for f in &mut self.person.fields {
            f.clear();
        }
        self.person.field = FIELD_ID;
        self.go(Step::Identity);
        self.notice = Some(Notice::info("identity-not-me"));
    }

    /// Esc from the first steps is leaving: everything typed is dropped and the screen wiped,
    /// as when nobody is there, so the next person finds nothing of this one.
    fn back_to_welcome(&mut self) {
        self.start_over();
    }

    /// The personal code (code mode). Only what is typed is kept, until it is checked.
    pub(crate) fn update_code(&mut self, cmd: Cmd) -> Option<Effect> {
        match cmd {
            Cmd::Input(_)
            | Cmd::Backspace
            | Cmd::Delete
            | Cmd::EraseToStart
            | Cmd::CursorLeft
            | Cmd::CursorRight
            | Cmd::Home
            | Cmd::End => {
                self.code.field.edit(&cmd);
            }
            Cmd::Back => self.not_me(),
            Cmd::Confirm => {
                if let Some(until) = self.code.wait_until
                    && Instant::now() < until
                {
                    let secs = until.saturating_duration_since(Instant::now()).as_secs() + 1;
                    // What was typed is kept: Enter once the wait is over checks it.
                    self.notice = Some(Notice {
                        id: "code-wait",
                        args: vec![("seconds", secs.to_string())],
                        error: true,
                    });
                    return None;
                }
                let code = self.code.field.value().trim().to_string();
                self.code.field.clear();
                if code.is_empty() {
                    self.notice = Some(Notice::error("code-missing"));
                    return None;
                }
                let id = self.person.who.as_ref()?.id.clone();
                return Some(Effect::VerifyCode { id, code });
            }
            _ => {}
        }
        None
    }

    /// The runner checked the personal code; a right one goes on to the ledger lookup. When
    /// no code was issued for the id, or the codes cannot be read here, the person is told
    /// whom to ask, not that their code is wrong (and it does not count as a wrong try).
    pub fn code_outcome(&mut self, found: CodeCheck) -> Option<Effect> {
        let id = match found {
            CodeCheck::Right | CodeCheck::Wrong => None,
            CodeCheck::NotIssued => Some("code-not-issued"),
            CodeCheck::Unavailable => Some("code-unavailable"),
        };
        if let Some(id) = id {
            self.notice = Some(Notice {
                id,
                args: vec![("contact", self.org_contact())],
                error: true,
            });
            return None;
        }
        if found == CodeCheck::Right {
            self.code.failures = 0;
            self.code.wait_until = None;
            if let Some(who) = self.person.who.as_mut() {
                who.verified = Some(Verified::Code);
            }
            // Now the roster's name may be shown: "is this you?"
            self.person.menu = 0;
            self.go(Step::Confirm);
            self.mind_namesakes();
            return None;
        }
        self.code.failures += 1;
        self.code.wait_until = Some(Instant::now() + CodeState::wait_after(self.code.failures));
        if self.code.failures.is_multiple_of(CODE_TRIES) {
            // Three wrong codes: start over, so a guesser has to begin again.
            self.reset();
            self.notice = Some(Notice {
                id: "code-start-over",
                args: vec![("contact", self.org_contact())],
                error: true,
            });
        } else {
            self.notice = Some(Notice {
                id: "code-wrong",
                args: vec![(
                    "seconds",
                    CodeState::wait_after(self.code.failures)
                        .as_secs()
                        .to_string(),
                )],
                error: true,
            });
        }
        None
    }

    /// Who the person is is settled: ask what the ledger says of them.
    fn identified(&mut self) -> Option<Effect> {
        let id = self.person.who.as_ref()?.id.clone();
        Some(Effect::Lookup(id))
    }

    /// The ledger was read for the person who identified themselves (`None`: it could not be).
    /// A returning person with a current consent is told so; someone whose consent expired is
    /// told what changed; a withdrawal goes on only where there is a consent to withdraw (in
    /// force, or given under an older policy version).
    pub fn lookup_done(&mut self, prior: Option<Prior>) {
        if self.settings.identity == IdentityMode::Open
            && let Some(on_record) = prior.as_ref().and_then(|p| p.name.as_deref())
            && let Some(typed) = self.person.who.as_ref().and_then(|w| w.name.as_deref())
            && !crate::record::identity::same_name(on_record, typed)
        {
            // Unchecked identities: whoever typed this id is not shown what is on record for
            // it, and records nothing over it.
            self.person.prior = None;
            self.person.menu = 0;
            self.go(Step::Standing(OnRecord::OtherName));
            return;
        }
        self.person.prior.clone_from(&prior);
        self.person.menu = 0;
        let consent = prior.as_ref().map(|p| p.consent);
        match (self.person.intent, consent) {
            (Intent::Decide, Some(ConsentState::Given)) => {
                self.go(Step::Standing(OnRecord::Agreed));
            }
            (Intent::Decide, Some(ConsentState::Expired)) => {
                self.person.renewal = prior.map(|p| crate::app::Renewal {
                    policy_version: p.policy_version,
                    decided_at: p.decided_at,
                    open: true,
                });
                self.popup_scroll = 0;
                self.go(Step::Screen(0));
            }
            // Told what they chose before: it stands unless they choose again.
            (
                Intent::Decide,
                Some(ConsentState::Refused | ConsentState::Deferred | ConsentState::Withdrawn),
            ) => self.go(Step::Standing(OnRecord::Decided)),
            (Intent::Decide, _) => self.go(Step::Screen(0)),
            // A consent given under an older policy version is withdrawn as one in force: the
            // person may still go by it (the step says which it is).
            (Intent::Withdraw, Some(ConsentState::Given | ConsentState::Expired)) => {
                self.go(Step::Withdraw);
            }
            // Records about them were withheld by a break in the ledger: the consent they come
            // to withdraw may be among them, so the withdrawal is taken all the same.
            (Intent::Withdraw, Some(_))
                if prior
                    .as_ref()
                    .is_some_and(Prior::withdraws_despite_withheld) =>
            {
                self.go(Step::Withdraw);
            }
            (Intent::Withdraw, None) => self.go(Step::Standing(OnRecord::Unreadable)),
            (Intent::Withdraw, Some(_)) => self.go(Step::Standing(OnRecord::NothingToWithdraw)),
        }
    }
}

impl App {
    /// A withdrawal was refused under the ledger's check lock: by then there was no current
    /// consent to withdraw (another terminal recorded one first). Nothing was recorded.
    /// `found` is what the ledger said of them then: the screen tells that, not what it said
    /// when they identified themselves.
    pub fn record_refused(&mut self, found: Option<Prior>) {
        self.person.save_failed = None;
        self.person.menu = 0;
        if found.is_some() {
            self.person.prior = found;
        }
        self.go(Step::Standing(OnRecord::NothingToWithdraw));
    }
}
