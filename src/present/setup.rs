//! Setting up a session: the trainer, the session id, and the attendees known before it starts.

use super::*;

impl Presenter {
    pub(super) fn setup_fields(&self) -> Vec<(SetupField, usize)> {
        let mut fields = vec![(SetupField::Trainer, 0), (SetupField::Session, 0)];
        fields.extend((0..self.add.visible_fields()).map(|f| (SetupField::Attendee, f)));
        if !self.attendees.is_empty() {
            fields.push((SetupField::List, 0));
        }
        fields
    }

    pub(super) fn move_setup_focus(&mut self, forward: bool) {
        let fields = self.setup_fields();
        let here = (self.setup_field, self.add.field);
        let at = fields
            .iter()
            .position(|&(f, sub)| f == here.0 && (f != SetupField::Attendee || sub == here.1))
            .unwrap_or(0);
        let n = fields.len();
        let (field, sub) = fields[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }];
        self.setup_field = field;
        if field == SetupField::Attendee {
            self.add.field = sub;
        }
    }

    /// The roster's people matching what is typed in the attendee form.
    pub fn matches(&self) -> Vec<&crate::record::Person> {
        self.add
            .matches(self.flow.directory.as_deref(), &self.attendees)
    }

    /// Up or Down: through the name search's matches when there are any, else `otherwise`.
    pub(super) fn move_pick(&mut self, down: bool) -> bool {
        let n = self.matches().len();
        if n == 0 {
            return false;
        }
        self.add.move_pick(down, n);
        true
    }

    pub(super) fn update_setup(&mut self, cmd: Cmd) -> Option<Effect> {
        if cmd == Cmd::Back {
            self.cancel_edit();
            return None;
        }
        if self.setup_field == SetupField::List {
            match cmd {
                Cmd::FocusNext => self.move_setup_focus(true),
                Cmd::FocusPrev => self.move_setup_focus(false),
                Cmd::Up => self.focus = self.focus.saturating_sub(1),
                Cmd::Down => {
                    self.focus = (self.focus + 1).min(self.attendees.len().saturating_sub(1));
                }
                Cmd::Remove => self.remove(),
                Cmd::Edit => self.edit_attendee(),
                Cmd::Start => self.start(),
                _ => {}
            }
            if self.attendees.is_empty() {
                self.setup_field = SetupField::Attendee;
                self.add.field = app::FIELD_ID;
            }
            return None;
        }
        let in_form = self.setup_field == SetupField::Attendee;
        match cmd {
            Cmd::Down if in_form && self.move_pick(true) => {}
            Cmd::Up if in_form && self.move_pick(false) => {}
            Cmd::Down => self.move_setup_focus(true),
            Cmd::Up => self.move_setup_focus(false),
            Cmd::FocusNext => self.move_setup_focus(true),
            Cmd::FocusPrev => self.move_setup_focus(false),
            Cmd::Start => self.start(),
            Cmd::Confirm => match self.setup_field {
                SetupField::Trainer if self.trainer.value().trim().is_empty() => self.start(),
                SetupField::Trainer => self.setup_field = SetupField::Session,
                SetupField::Session if self.session_id.value().trim().is_empty() => {
                    self.notice = Some(Notice::error("present-session-id-missing"));
                }
                SetupField::Session => {
                    self.setup_field = SetupField::Attendee;
                    self.add.field = app::FIELD_ID;
                }
                SetupField::Attendee => {
                    if self.confirm_add() {
                        self.start();
                    }
                }
                SetupField::List => {}
            },
            _ => {
                let field = match self.setup_field {
                    SetupField::Trainer => &mut self.trainer,
                    SetupField::Session => &mut self.session_id,
                    SetupField::Attendee => {
                        self.notice = self.add.edit(&cmd);
                        return None;
                    }
                    SetupField::List => return None,
                };
                self.notice = edit(field, &cmd);
            }
        }
        None
    }

    /// Enter in the attendee form. Returns true when the form was empty (nothing to add).
    pub(super) fn confirm_add(&mut self) -> bool {
        let roster = self.flow.directory.clone();
        match self
            .add
            .confirm(roster.as_deref(), &self.flow.settings, &self.attendees)
        {
            Added::Nothing => return true,
            Added::Moved => {}
            Added::Attendee(a) => {
                self.notice = Some(Notice {
                    id: "present-added",
                    args: vec![("name", a.name.clone()), ("id", a.id.clone())],
                    error: false,
                });
                self.attendees.push(a);
                self.to_look_up.push(self.attendees.len() - 1);
                // An attendee edited is back in the list, as now typed.
                self.editing = None;
            }
            Added::Problem(n) => self.notice = Some(n),
        }
        false
    }

    /// From the setup to the slides: with a session when the trainer gave their name.
    pub(super) fn start(&mut self) {
        let trainer = self.trainer.value().trim().to_string();
        let id = self.session_id.value().trim().to_string();
        // An attendee being edited is out of the list: not left out without a word.
        if self.edit_pending() {
            return;
        }
        if !self.add.is_empty() {
            // Typed but not added: say so rather than silently leaving someone out.
            self.setup_field = SetupField::Attendee;
            self.notice = Some(Notice::error("present-add-pending"));
            return;
        }
        if trainer.is_empty() {
            if !self.attendees.is_empty() {
                self.setup_field = SetupField::Trainer;
                self.notice = Some(Notice::error("present-trainer-missing"));
                return;
            }
            self.session = None;
        } else {
            if id.is_empty() {
                self.setup_field = SetupField::Session;
                self.notice = Some(Notice::error("present-session-id-missing"));
                return;
            }
            self.session = Some(SessionInfo {
                id,
                trainer,
                slides: Vec::new(),
            });
        }
        self.phase = Phase::Slides;
        self.started = Instant::now();
        self.now = self.started;
        self.started_at = now_ms();
        self.go(0);
    }
}
