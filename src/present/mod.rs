//! Trainer mode (`tebiki present`): the content's text screens as slides with speaker notes, and
//! a session that records who attended and what each attendee chose.
//!
//! Like the employee flow, nothing here touches the terminal or the disk: keys come in, the
//! state changes, and effects (records to append) go out to [`session::perform`].

mod attendees;
mod enabled;
pub mod follow;
pub mod session;
mod setup;
mod slides;

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use serde_json::{Map, Value};

use crate::app::{self, App, Notice, SessionInfo, Step};
use crate::content::ScreenKind;
use crate::i18n::Lang;
use crate::keys::{self, Cmd, Ctx};
use crate::roster::Employee;
use crate::text_field::{Inserted, TextField};
use crate::viewport::Viewport;
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
    /// After an attendee's turn (chosen or left): the screen is to be turned back to the
    /// trainer, and the list stays hidden until the trainer goes on, so that the attendee sees
    /// nobody else's name or whether they have chosen.
    Handback,
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
    /// Read what the ledger says of attendee `attendee` now, then go on with `then`.
    Lookup { attendee: usize, then: Then },
}

/// What a [`Effect::Lookup`] of an attendee is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Their turn on this terminal starts ([`Presenter::start_choice`]): a consent in force
    /// is known to the flow, which then says that "not now" or "no" ends it.
    Choose,
    /// `l` was pressed on them: asked only when they have no consent in force.
    AskLater,
    /// They were just added to the list: whether a decision of theirs is on record already
    /// (see [`session::Attendee::decided_before`]).
    Note,
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
    /// The attendee taken out of the list to be edited (`e`), and where they were: put back as
    /// they were when the edit is given up (Esc), so that no one drops off the list.
    pub editing: Option<(usize, Attendee)>,
    /// The attendee deciding now (index into `attendees`).
    pub current: Option<usize>,
    /// While the screen is turned back to the trainer ([`Phase::Handback`]): whose turn it
    /// was, and whether they chose.
    pub returned: Option<(usize, bool)>,
    /// Attendees just added whose records are still to be looked up (see [`Then::Note`]).
    pub to_look_up: Vec<usize>,
    /// `l` was pressed once on this attendee: `l` again records that they choose later.
    pub confirm_later: Option<usize>,
    /// Enter was pressed once on this attendee while some slides were not shown yet: Enter
    /// again turns the screen to them all the same.
    pub confirm_choose: Option<usize>,
    pub help: bool,
    pub help_scroll: usize,
    /// The slide overview is open, with this slide (a position in `slides`) highlighted.
    pub overview: Option<usize>,
    /// Asking whether to quit with work left undone.
    pub confirm_quit: bool,
    /// The attendee pressed Esc once in the check, which they started their turn with: a
    /// second Esc ends the turn with nothing recorded, any other key carries on.
    pub leaving: bool,
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
    /// What the view last laid out of the slide (written back as it draws): scrolling goes
    /// by it.
    pub slide_viewport: Viewport,
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
            editing: None,
            current: None,
            returned: None,
            to_look_up: Vec::new(),
            confirm_later: None,
            confirm_choose: None,
            help: false,
            help_scroll: 0,
            overview: None,
            confirm_quit: false,
            leaving: false,
            quit: false,
            notice: None,
            width,
            height,
            started: now,
            started_at: now_ms(),
            now,
            langs_shown: Vec::new(),
            slide_viewport: Viewport::default(),
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
            Phase::Handback => Ctx::Handback,
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

    /// A terminal event in, maybe an effect out. An attendee just added is looked up in the
    /// records next, when the event has no effect of its own (else with the next event).
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        let effect = self.handle_event_only(event);
        if effect.is_none()
            && let Some(attendee) = self.to_look_up.pop()
        {
            return Some(Effect::Lookup {
                attendee,
                then: Then::Note,
            });
        }
        effect
    }

    fn handle_event_only(&mut self, event: &Event) -> Option<Effect> {
        self.note_drawn();
        match event {
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                None
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
                if ctrl && key.code == KeyCode::Char('c') {
                    // While the screen is an attendee's, the session is not theirs to close
                    // (their turn would be lost with it): said, and nothing else.
                    match self.phase {
                        Phase::Attendee if !self.confirm_quit => {
                            self.leaving = false;
                            self.flow.notice = Some(Notice::info("present-turn-no-quit"));
                        }
                        Phase::Handover | Phase::Handback => {
                            self.notice = Some(Notice::info("present-handover-no-quit"));
                        }
                        _ => self.request_quit(),
                    }
                    return None;
                }
                if self.phase == Phase::Attendee && !self.confirm_quit {
                    // Esc only: ← and PageUp read the screens before, as in the kiosk.
                    let back = matches!(keys::cmd_for(key, self.flow.ctx()), Some(Cmd::Back));
                    // The first screen too: there is nothing before it for them (who they are
                    // is the trainer's to say), so Esc there does what it does at the check.
                    let first_screen = self.flow.ctx() == Ctx::Reading
                        && self.flow.step == crate::app::Step::Screen(0);
                    if back && (self.flow.ctx() == Ctx::Check || first_screen) {
                        // The attendee started here (the slides were their reading): back
                        // leads to the list, with nothing recorded. A stray Esc does not
                        // end their turn: the first one says what a second one does.
                        if self.leaving {
                            self.leave_flow(false);
                        } else {
                            self.leaving = true;
                            self.flow.notice = Some(Notice::info("present-leave-confirm"));
                        }
                        return None;
                    }
                    if self.leaving {
                        // The key that closes the message does only that: Enter does not
                        // answer the question under it.
                        self.leaving = false;
                        self.flow.notice = None;
                        return None;
                    }
                    let effect = self.flow.handle_event(event).map(Effect::Flow);
                    self.after_flow();
                    return effect;
                }
                // Slides only: `a` has no attendees to open, which is said rather than
                // ignored (the key is not offered, but a trainer may know it).
                if self.ctx() == Ctx::Slides
                    && self.session.is_none()
                    && keys::cmd_for(key, Ctx::Slides) == Some(Cmd::Attendees)
                {
                    self.notice = Some(Notice::info("present-slides-only-no-attendees"));
                    return None;
                }
                let cmd = keys::cmd_for_in(key, self.ctx(), self)?;
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
        self.note_drawn();
        self.width = width;
        self.height = height;
        self.flow.resize(width, height);
    }

    /// Called several times a second: the clock.
    pub fn tick(&mut self, now: Instant) {
        self.note_drawn();
        self.now = now;
        self.flow.tick(now);
        // The receipt's countdown may have ended the attendee's turn: the screen then goes
        // back to the trainer, as after Enter.
        self.after_flow();
    }

    /// The one place a command changes the trainer's state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        self.note_drawn();
        self.notice = None;
        // The question `l` asked stands only for the very next key.
        let asked_later = self.confirm_later.take();
        let asked_choose = self.confirm_choose.take();
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
            Phase::Attendees => self.update_attendees(cmd, asked_later, asked_choose),
            Phase::Handover => {
                match cmd {
                    Cmd::Confirm => {
                        return self.current.map(|attendee| Effect::Lookup {
                            attendee,
                            then: Then::Choose,
                        });
                    }
                    Cmd::Back => {
                        self.current = None;
                        self.phase = Phase::Attendees;
                    }
                    _ => {}
                }
                None
            }
            Phase::Handback => {
                if cmd == Cmd::Confirm {
                    self.returned = None;
                    self.phase = Phase::Attendees;
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

/// The suggested session id: `S-<yyyymmdd>-<hhmm>-<terminal>` in the organisation's time
/// zone, the terminal being this one's `kiosk_id`: two trainers starting in the same minute at
/// two terminals get two sessions.
pub fn default_session_id(now: jiff::Timestamp, tz: &jiff::tz::TimeZone, terminal: &str) -> String {
    let z = now.to_zoned(tz.clone());
    format!("S-{}-{terminal}", z.strftime("%Y%m%d-%H%M"))
}
