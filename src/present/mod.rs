//! Trainer mode (`tebiki present`): the content's text screens as slides with speaker notes, and
//! a session that records who attended and what each attendee chose.
//!
//! Like the employee flow, nothing here touches the terminal or the disk: keys come in, the
//! state changes, and effects (records to append) go out to [`session::perform`].

pub mod follow;
pub mod session;

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use serde_json::{Map, Value};

use crate::app::{self, App, Notice, SessionInfo, Step};
use crate::content::ScreenKind;
use crate::i18n::Lang;
use crate::keys::{self, Cmd, Ctx};
use crate::roster::Employee;
use crate::text_field::{Inserted, TextField};
use session::{Added, Attendee, AttendeeForm, Status};

/// The most digits a slide number can have.
const MAX_JUMP_DIGITS: usize = 3;

/// Which language the slides are shown in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    One(Lang),
    /// Every language side by side (stacked when narrow), for mixed groups.
    Both,
}

impl View {
    /// `ja`, `en` or `both`, as given with `--lang` and written for the follower.
    pub fn as_str(&self) -> &str {
        match self {
            View::One(l) => l.as_str(),
            View::Both => "both",
        }
    }

    /// `both` or one of `langs`.
    pub fn parse(text: &str, langs: &[Lang]) -> Option<View> {
        if text == "both" {
            return Some(View::Both);
        }
        langs
            .iter()
            .find(|l| l.as_str() == text)
            .map(|l| View::One(l.clone()))
    }

    /// The views F2 steps through: each language, the trainer's (`first`) first, then all of
    /// them.
    pub fn all(langs: &[Lang], first: &Lang) -> Vec<View> {
        let mut views: Vec<View> = both(langs, first).into_iter().map(View::One).collect();
        if langs.len() > 1 {
            views.push(View::Both);
        }
        views
    }

    /// The view after this one.
    pub fn next(&self, langs: &[Lang], first: &Lang) -> View {
        let views = View::all(langs, first);
        let at = views.iter().position(|v| v == self).unwrap_or(0);
        views[(at + 1) % views.len().max(1)].clone()
    }
}

/// Where the trainer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Trainer name, session id and the first attendees.
    Setup,
    Slides,
    /// The session's attendees and where each stands.
    Attendees,
    /// Before an attendee chooses on this terminal: the screen is turned to them, the slides
    /// are hidden, and nobody else's decision is in view.
    Handover,
    /// One attendee makes their choice on this terminal (the employee flow).
    Attendee,
}

/// The fields of the setup form, in order; the attendee form's own fields come last.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupField {
    Trainer,
    Session,
    Attendee,
    /// The attendees added so far: to put one right or take one off.
    List,
}

/// What a batch of records is for, so the outcome lands on the right attendees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saving {
    /// Attendance of these attendees (indices into the list).
    Attendance(Vec<usize>),
    /// This attendee decides at a kiosk later.
    Later(usize),
}

/// What `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The employee flow's effect, for the attendee deciding now.
    Flow(app::Effect),
    /// Append these records in one batch; report back with [`Presenter::records_saved`] or
    /// [`Presenter::records_failed`].
    Append {
        saving: Saving,
        records: Vec<(&'static str, Map<String, Value>)>,
    },
}

/// How far the current slide can scroll at the current size. The view implements it with the same
/// terminal-free composition it draws, so update learns it without depending on the view.
pub trait Measured {
    fn max_scroll(&self) -> usize;
}

pub struct Presenter {
    /// The employee flow, run for one attendee at a time. It also holds the content and the
    /// messages the slides use.
    pub flow: App,
    pub view: View,
    /// The trainer's language: the frame (header, hints) and the notes while both languages
    /// are shown.
    pub base_lang: Lang,
    /// Manifest indices of the slides (the text screens).
    pub slides: Vec<usize>,
    /// The slide shown, as a position in `slides`.
    pub at: usize,
    /// Lines scrolled on the current slide (a long slide on a small terminal).
    pub scroll: usize,
    pub notes: bool,
    /// Digits typed towards a slide number.
    pub jump: String,
    pub phase: Phase,
    /// The session, once the trainer named themselves; `None` when only presenting.
    pub session: Option<SessionInfo>,
    pub attendees: Vec<Attendee>,
    pub setup_field: SetupField,
    pub trainer: TextField,
    pub session_id: TextField,
    pub add: AttendeeForm,
    /// `$DATA/roster.csv`, when there is one.
    pub roster: Option<Vec<Employee>>,
    /// The highlighted attendee in the list.
    pub focus: usize,
    /// The "add attendee" field of the list has the keyboard.
    pub adding: bool,
    /// The attendee deciding now (index into `attendees`).
    pub current: Option<usize>,
    pub help: bool,
    pub help_scroll: usize,
    /// The slide overview is open, with this slide (a position in `slides`) highlighted.
    pub overview: Option<usize>,
    /// Asking whether to quit with work left undone.
    pub confirm_quit: bool,
    pub quit: bool,
    pub notice: Option<Notice>,
    pub width: u16,
    pub height: u16,
    /// When the slides started (the clock counts from here), for this process and for records.
    pub started: Instant,
    pub started_at: jiff::Timestamp,
    /// The latest tick.
    pub now: Instant,
    /// The languages the slides were shown in, and which slides were shown.
    pub langs_shown: Vec<Lang>,
    pub shown: Vec<bool>,
}

impl Presenter {
    /// A presenter at the setup screen. `flow` brings the content, the messages, the
    /// organisation's settings and the time zone; `session_id` is the suggested id.
    pub fn new(
        mut flow: App,
        view: View,
        roster: Option<Vec<Employee>>,
        session_id: &str,
    ) -> Presenter {
        // Attendees are found on the roster without regard to case or width.
        if flow.directory.is_none() {
            flow.directory = roster
                .as_deref()
                .map(|r| std::sync::Arc::new(crate::roster::directory(r)));
        }
        let slides: Vec<usize> = flow
            .content
            .manifest
            .screens
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == ScreenKind::Info)
            .map(|(i, _)| i)
            .collect();
        let base_lang = flow.lang.clone();
        let mut id_field = TextField::default();
        id_field.insert(session_id);
        let now = Instant::now();
        let shown = vec![false; slides.len()];
        let (width, height) = (flow.width, flow.height);
        Presenter {
            flow,
            view,
            base_lang,
            slides,
            at: 0,
            scroll: 0,
            notes: false,
            jump: String::new(),
            phase: Phase::Setup,
            session: None,
            attendees: Vec::new(),
            setup_field: SetupField::Trainer,
            trainer: TextField::default(),
            session_id: id_field,
            add: AttendeeForm::default(),
            roster,
            focus: 0,
            adding: false,
            current: None,
            help: false,
            help_scroll: 0,
            overview: None,
            confirm_quit: false,
            quit: false,
            notice: None,
            width,
            height,
            started: now,
            started_at: now_ms(),
            now,
            langs_shown: Vec::new(),
            shown,
        }
    }

    /// The language of the frame: the slides' own, or the trainer's while both are shown.
    pub fn ui_lang(&self) -> &Lang {
        match &self.view {
            View::One(l) => l,
            View::Both => &self.base_lang,
        }
    }

    /// The languages shown on a slide, in order: the trainer's first when both are shown.
    pub fn slide_langs(&self) -> Vec<Lang> {
        match &self.view {
            View::One(l) => vec![l.clone()],
            View::Both => both(&self.flow.content.languages(), &self.base_lang),
        }
    }

    /// Fluent lookup in the frame's language.
    pub fn t(&self, id: &str) -> String {
        self.flow.loc.t(self.ui_lang(), id)
    }

    /// The languages the frame's own text is in: the trainer's, or every language (the
    /// trainer's first) while both are shown, so a mixed room can follow the set-up too.
    pub fn frame_langs(&self) -> Vec<Lang> {
        match &self.view {
            View::One(l) => vec![l.clone()],
            View::Both => both(&self.flow.content.languages(), &self.base_lang),
        }
    }

    /// A short label in every language of the frame, joined by " / ".
    pub fn label(&self, id: &str) -> String {
        self.label_a(id, &[])
    }

    /// [`Presenter::label`] with arguments.
    pub fn label_a(&self, id: &str, args: &[(&str, fluent_bundle::FluentValue<'_>)]) -> String {
        self.frame_langs()
            .iter()
            .map(|l| self.flow.loc.ta(l, id, args))
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// The manifest index of the current slide.
    pub fn screen(&self) -> Option<usize> {
        self.slides.get(self.at).copied()
    }

    /// Time since the slides started, as of the latest tick.
    pub fn elapsed(&self) -> Duration {
        self.now.saturating_duration_since(self.started)
    }

    pub fn ctx(&self) -> Ctx {
        if self.confirm_quit {
            Ctx::QuitConfirm
        } else if self.help {
            Ctx::Help
        } else {
            self.base_ctx()
        }
    }

    /// Where the trainer is, ignoring pop-ups.
    pub fn base_ctx(&self) -> Ctx {
        match self.phase {
            Phase::Setup if self.setup_field == SetupField::List => Ctx::SetupList,
            Phase::Setup => Ctx::PresentSetup,
            Phase::Slides if self.overview.is_some() => Ctx::Overview,
            Phase::Slides => Ctx::Slides,
            Phase::Attendees if self.adding => Ctx::AddAttendee,
            Phase::Attendees => Ctx::Attendees,
            Phase::Handover => Ctx::Handover,
            Phase::Attendee => self.flow.ctx(),
        }
    }

    /// Attendees whose attendance is not recorded or who have neither decided nor been sent
    /// to a kiosk.
    pub fn unfinished(&self) -> usize {
        self.attendees.iter().filter(|a| a.unfinished()).count()
    }

    /// Attendees whose attendance is not recorded yet.
    pub fn unrecorded(&self) -> usize {
        self.attendees.iter().filter(|a| !a.attendance).count()
    }

    /// A terminal event in, maybe an effect out.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        match event {
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                None
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && key.code == KeyCode::Char('c') {
                    self.request_quit();
                    return None;
                }
                if self.phase == Phase::Attendee && !self.confirm_quit {
                    let back = matches!(
                        keys::cmd_for(key, self.flow.ctx()),
                        Some(Cmd::Back | Cmd::Prev)
                    );
                    if back && self.flow.ctx() == Ctx::Check {
                        // The attendee started here (the slides were their reading): back
                        // leads to the list, with nothing recorded.
                        self.leave_flow();
                        return None;
                    }
                    let effect = self.flow.handle_event(event).map(Effect::Flow);
                    self.after_flow();
                    return effect;
                }
                let cmd = keys::cmd_for(key, self.ctx())?;
                if let Cmd::Digit(d) = cmd
                    && self.overview.is_none()
                {
                    if self.jump.len() < MAX_JUMP_DIGITS {
                        self.jump.push(char::from(b'0' + d));
                    }
                    return None;
                }
                self.update(cmd)
            }
            Event::Paste(text) => match self.ctx() {
                Ctx::PresentSetup | Ctx::AddAttendee => self.update(Cmd::Input(text.clone())),
                _ if self.phase == Phase::Attendee && !self.confirm_quit => {
                    let effect = self.flow.handle_event(event).map(Effect::Flow);
                    self.after_flow();
                    effect
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.flow.resize(width, height);
        self.clamp_scroll();
    }

    /// Called several times a second: the clock.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        self.flow.tick(now);
    }

    /// The one place a command changes the trainer's state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        self.notice = None;
        if self.confirm_quit {
            match cmd {
                Cmd::Confirm => self.quit = true,
                Cmd::Back => self.confirm_quit = false,
                _ => {}
            }
            return None;
        }
        if cmd == Cmd::SwitchLang {
            self.switch_view();
            return None;
        }
        if self.help {
            match cmd {
                Cmd::Help | Cmd::Back => self.help = false,
                Cmd::Up => self.help_scroll = self.help_scroll.saturating_sub(1),
                Cmd::Down => self.help_scroll = (self.help_scroll + 1).min(100),
                _ => {}
            }
            return None;
        }
        match cmd {
            Cmd::Help => {
                self.help = true;
                self.help_scroll = 0;
                return None;
            }
            Cmd::Quit if self.phase == Phase::Slides && !self.jump.is_empty() => {
                // Esc first forgets a half-typed slide number.
                self.jump.clear();
                return None;
            }
            Cmd::Quit => {
                self.request_quit();
                return None;
            }
            _ => {}
        }
        match self.phase {
            Phase::Setup => self.update_setup(cmd),
            Phase::Slides => {
                self.update_slides(cmd);
                None
            }
            Phase::Attendees if self.adding => {
                self.update_adding(cmd);
                None
            }
            Phase::Attendees => self.update_attendees(cmd),
            Phase::Handover => {
                match cmd {
                    Cmd::Confirm => self.start_choice(),
                    Cmd::Back => {
                        self.current = None;
                        self.phase = Phase::Attendees;
                    }
                    _ => {}
                }
                None
            }
            Phase::Attendee => None,
        }
    }

    /// Quits at once when nothing would be lost, else asks.
    fn request_quit(&mut self) {
        self.help = false;
        if self.unfinished() > 0 {
            self.confirm_quit = true;
        } else {
            self.quit = true;
        }
    }

    fn switch_view(&mut self) {
        self.view = self
            .view
            .next(&self.flow.content.languages(), &self.base_lang);
        if self.phase == Phase::Slides {
            self.note_shown();
        }
        self.clamp_scroll();
    }

    // --- setup ---------------------------------------------------------------------------

    fn setup_fields(&self) -> Vec<(SetupField, usize)> {
        let mut fields = vec![(SetupField::Trainer, 0), (SetupField::Session, 0)];
        fields.extend((0..self.add.visible_fields()).map(|f| (SetupField::Attendee, f)));
        if !self.attendees.is_empty() {
            fields.push((SetupField::List, 0));
        }
        fields
    }

    fn move_setup_focus(&mut self, forward: bool) {
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
    fn move_pick(&mut self, down: bool) -> bool {
        let n = self.matches().len();
        if n == 0 {
            return false;
        }
        self.add.move_pick(down, n);
        true
    }

    fn update_setup(&mut self, cmd: Cmd) -> Option<Effect> {
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
    fn confirm_add(&mut self) -> bool {
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
            }
            Added::Problem(n) => self.notice = Some(n),
        }
        false
    }

    /// From the setup to the slides: with a session when the trainer gave their name.
    fn start(&mut self) {
        let trainer = self.trainer.value().trim().to_string();
        let id = self.session_id.value().trim().to_string();
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
            self.session = Some(SessionInfo { id, trainer });
        }
        self.phase = Phase::Slides;
        self.started = Instant::now();
        self.now = self.started;
        self.started_at = now_ms();
        self.go(0);
    }

    // --- slides --------------------------------------------------------------------------

    fn last(&self) -> usize {
        self.slides.len().saturating_sub(1)
    }

    /// Shows slide `at` (a position among the slides) from its top.
    pub fn go(&mut self, at: usize) {
        self.at = at.min(self.last());
        self.scroll = 0;
        self.note_shown();
    }

    fn note_shown(&mut self) {
        if let Some(s) = self.shown.get_mut(self.at) {
            *s = true;
        }
        for lang in self.slide_langs() {
            if !self.langs_shown.contains(&lang) {
                self.langs_shown.push(lang);
            }
        }
    }

    fn update_overview(&mut self, cmd: Cmd) {
        let Some(at) = self.overview else {
            return;
        };
        match cmd {
            Cmd::Up => self.overview = Some(at.saturating_sub(1)),
            Cmd::Down => self.overview = Some((at + 1).min(self.last())),
            Cmd::Top => self.overview = Some(0),
            Cmd::Bottom => self.overview = Some(self.last()),
            Cmd::Confirm => {
                self.overview = None;
                self.go(at);
            }
            Cmd::Back | Cmd::Overview => self.overview = None,
            _ => {}
        }
    }

    fn update_slides(&mut self, cmd: Cmd) {
        if self.overview.is_some() {
            self.update_overview(cmd);
            return;
        }
        let jump = std::mem::take(&mut self.jump);
        match cmd {
            Cmd::Confirm if !jump.is_empty() => match jump.parse::<usize>() {
                Ok(n) if n >= 1 && n <= self.slides.len() => self.go(n - 1),
                _ => {
                    self.notice = Some(Notice {
                        id: "present-no-such-slide",
                        args: vec![("n", jump), ("of", self.slides.len().to_string())],
                        error: true,
                    });
                }
            },
            Cmd::Next | Cmd::Confirm => {
                if self.at < self.last() {
                    self.go(self.at + 1);
                } else if self.session.is_some() {
                    self.open_attendees();
                } else {
                    self.notice = Some(Notice::info("present-last-slide"));
                }
            }
            Cmd::Prev if self.at > 0 => self.go(self.at - 1),
            Cmd::Top => self.go(0),
            Cmd::Bottom => self.go(self.last()),
            Cmd::Up => self.scroll = self.scroll.saturating_sub(1),
            Cmd::Down => {
                self.scroll += 1;
                self.clamp_scroll();
            }
            Cmd::Notes => {
                self.notes = !self.notes;
                self.clamp_scroll();
            }
            Cmd::Overview => self.overview = Some(self.at),
            Cmd::Attendees if self.session.is_some() => self.open_attendees(),
            Cmd::Attendees => self.notice = Some(Notice::info("present-no-session")),
            _ => {}
        }
    }

    fn clamp_scroll(&mut self) {
        let max = self.max_scroll();
        self.scroll = self.scroll.min(max);
    }

    // --- the attendee list ---------------------------------------------------------------

    fn open_attendees(&mut self) {
        self.phase = Phase::Attendees;
        self.adding = self.attendees.is_empty();
        self.add.clear();
        self.focus = self
            .attendees
            .iter()
            .position(|a| a.status == Status::Pending)
            .unwrap_or(0);
    }

    fn update_adding(&mut self, cmd: Cmd) {
        match cmd {
            Cmd::Back => {
                self.adding = false;
                self.add.clear();
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

    fn update_attendees(&mut self, cmd: Cmd) -> Option<Effect> {
        let n = self.attendees.len();
        match cmd {
            Cmd::Up => self.focus = self.focus.saturating_sub(1),
            Cmd::Down => self.focus = (self.focus + 1).min(n.saturating_sub(1)),
            Cmd::FocusNext => self.adding = true,
            Cmd::Back => self.phase = Phase::Slides,
            Cmd::Record => return self.record_attendance(),
            Cmd::Later => return self.mark_later(),
            Cmd::Remove => self.remove(),
            Cmd::Edit => self.edit_attendee(),
            Cmd::Confirm if n == 0 => self.adding = true,
            Cmd::Confirm => self.choose_now(),
            _ => {}
        }
        None
    }

    fn record_attendance(&mut self) -> Option<Effect> {
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
    fn focused_recorded(&mut self) -> Option<usize> {
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

    fn mark_later(&mut self) -> Option<Effect> {
        let i = self.focused_recorded()?;
        if self.attendees[i].status == Status::Kiosk {
            self.notice = Some(Notice::info("present-already-later"));
            return None;
        }
        let saving = Saving::Later(i);
        let records = session::records(self, &saving);
        Some(Effect::Append { saving, records })
    }

    fn remove(&mut self) {
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
    fn edit_attendee(&mut self) {
        let Some(a) = self.attendees.get(self.focus) else {
            return;
        };
        if a.attendance {
            self.notice = Some(Notice::info("present-cannot-edit"));
            return;
        }
        self.add = AttendeeForm::load(a);
        self.attendees.remove(self.focus);
        self.focus = self.focus.min(self.attendees.len().saturating_sub(1));
        self.notice = Some(Notice::info("present-editing"));
        if self.phase == Phase::Setup {
            self.setup_field = SetupField::Attendee;
        } else {
            self.adding = true;
        }
    }

    /// The focused attendee is to choose here: first the screen is turned to them.
    fn choose_now(&mut self) {
        let Some(i) = self.focused_recorded() else {
            return;
        };
        if self.session.is_none() {
            return;
        }
        self.current = Some(i);
        self.phase = Phase::Handover;
    }

    /// Runs the employee flow for the attendee the screen was turned to, from the check.
    fn start_choice(&mut self) {
        let Some(i) = self.current else {
            return;
        };
        let Some(session) = self.session.clone() else {
            return;
        };
        let a = self.attendees[i].clone();
        self.flow.start_lang = self.ui_lang().clone();
        self.flow.start_attendee(session, a.subject());
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
        if self.flow.step == Step::Welcome {
            self.leave_flow();
        }
    }

    /// Back to the list, with nothing of the attendee left in the flow; the next undecided
    /// attendee is highlighted.
    fn leave_flow(&mut self) {
        let i = self.current.take().unwrap_or(0);
        self.flow.reset();
        self.phase = Phase::Attendees;
        self.adding = false;
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

/// Every language, `first` first (the trainer's, so a Japanese trainer shows ja | en).
pub fn both(langs: &[Lang], first: &Lang) -> Vec<Lang> {
    let mut out: Vec<Lang> = langs.iter().filter(|l| *l == first).cloned().collect();
    out.extend(langs.iter().filter(|l| *l != first).cloned());
    out
}

/// Text editing in one field; a notice when something typed was cut or left out.
pub(crate) fn edit(field: &mut TextField, cmd: &Cmd) -> Option<Notice> {
    match field.edit(cmd)? {
        Inserted::All => None,
        Inserted::Cut => Some(Notice::error("field-too-long")),
        Inserted::Removed => Some(Notice::error("identity-control-chars")),
    }
}

/// Now, to the millisecond, as the ledger writes times.
fn now_ms() -> jiff::Timestamp {
    let now = jiff::Timestamp::now();
    now.round(jiff::Unit::Millisecond).unwrap_or(now)
}

/// The suggested session id: `S-<yyyymmdd>-<hhmm>` in the organisation's time zone.
pub fn default_session_id(now: jiff::Timestamp, tz: &jiff::tz::TimeZone) -> String {
    let z = now.to_zoned(tz.clone());
    format!("S-{}", z.strftime("%Y%m%d-%H%M"))
}
