//! The employee flow's state and its `update`: key commands in, effects (records to append) out.
//! Nothing here touches the terminal or the disk, so every step can be driven from a test.

mod check;
mod choice;
pub mod consent;
mod hints;
pub mod identify;
pub mod kiosk;
mod notice;
mod reading;
mod receipt;
mod settings;
mod steps;
mod welcome;
mod withdraw;

use std::time::Instant;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::identify::{CodeState, OnRecord};
use crate::content::{Content, ScreenKind};
use crate::i18n::{Lang, Localizer};
use crate::keys::{self, Cmd, Ctx};
use crate::layout;
use crate::record::consent::{Decision, new_receipt_code};
use crate::record::identity::Directory;
use crate::record::{RecordType, Subject};
use crate::text_field::TextField;
use crate::viewport::Viewport;

/// The check of ids and names, at its old path.
pub use crate::escape::has_control;
pub use check::{CheckState, SKIP_PAUSE};
pub use identify::{CodeCheck, Prior};
pub use settings::{SessionInfo, Settings};

/// How the flow is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `tebiki`: a trainer is present; `q`/Esc on the welcome screen and Ctrl-C quit.
    Attended,
    /// `tebiki kiosk`: locked.
    Kiosk,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Attended => "attended",
            Mode::Kiosk => "kiosk",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    Welcome,
    Identity,
    /// "Is this you?": the roster's name and department for the id typed.
    Confirm,
    /// The personal code (identity mode `code`).
    Code,
    /// What the ledger already says of the person, and what they can do about it.
    Standing(OnRecord),
    /// A screen of the manifest, by index (info, check, choice or receipt).
    Screen(usize),
    /// Confirming a withdrawal of consent.
    Withdraw,
    /// What is recorded, and why (the privacy notice in full), from the welcome screen.
    Notice,
}

/// Why the person came: to decide, or to withdraw an earlier consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Decide,
    Withdraw,
}

/// A pop-up scrolls at most this far (the view shows what fits; this only bounds the count).
const MAX_POPUP_SCROLL: usize = 100;

/// Lines kept in view below the focused item.
pub const SCROLL_AHEAD: usize = 3;

/// The identity form's fields.
pub const FIELD_ID: usize = 0;
pub const FIELD_NAME: usize = 1;
pub const FIELD_DEPT: usize = 2;

/// Time and reading on one screen.
#[derive(Debug, Clone, Default)]
pub struct Visit {
    pub seconds: f64,
    pub read_to_end: bool,
    /// Read to the end quicker than the content's skimming speed.
    pub fast: bool,
    pub scroll: usize,
    pub langs: Vec<Lang>,
}

/// The three answers, shown first and alike: agree, or one of the two alternatives that
/// keep the current channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Agree,
    NotNow,
    Refuse,
}

impl Pick {
    pub const ALL: [Pick; 3] = [Pick::Agree, Pick::NotNow, Pick::Refuse];
}

/// One focusable line of the choice form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceItem {
    Pick(Pick),
    /// An acknowledgement, required for agreeing (index into the manifest's list).
    Ack(usize),
    /// An optional purpose (index into the manifest's purposes).
    Purpose(usize),
    Reason(usize),
}

#[derive(Debug, Clone, Default)]
pub struct ChoiceState {
    pub pick: Option<Pick>,
    pub acks: Vec<bool>,
    /// Optional purposes ticked (the core one is granted by agreeing).
    pub purposes: Vec<bool>,
    pub reasons: Vec<bool>,
    /// The answer or box under the cursor: none on arrival, so that no answer is a key closer
    /// than another (↓ reaches "agree" first, ↑ "no").
    pub focus: Option<usize>,
    /// The summary is shown and waits for a final Enter.
    pub reviewing: bool,
}

/// What was saved, for the receipt.
#[derive(Debug, Clone)]
pub struct Saved {
    pub record_type: RecordType,
    pub decision: Option<Decision>,
    pub receipt_code: String,
    pub record_id: String,
    pub at: jiff::Timestamp,
    /// Where the record is in the ledger, once the writer said so: kiosk, seq, and the SHA-256
    /// of its line.
    pub witness: Option<(String, u64, String)>,
}

impl Saved {
    /// The line the receipt's QR code holds (ledger-format.md, "Receipts").
    pub fn receipt_line(&self) -> Option<String> {
        let (kiosk, seq, sha) = self.witness.as_ref()?;
        Some(format!(
            "tebiki-receipt:1:{kiosk}:{seq}:{sha}:{}",
            self.receipt_code
        ))
    }

    /// The first 16 hex digits of the record's SHA-256, in groups of four.
    pub fn fingerprint(&self) -> Option<String> {
        let (_, _, sha) = self.witness.as_ref()?;
        Some(crate::ledger::fingerprint(sha.get(..16)?))
    }
}

/// Everything about the person at the terminal, replaced wholesale when they finish.
#[derive(Debug, Clone)]
pub struct Person {
    pub intent: Intent,
    pub fields: [TextField; 3],
    pub field: usize,
    pub visits: Vec<Visit>,
    pub langs_shown: Vec<Lang>,
    pub check: CheckState,
    pub choice: ChoiceState,
    /// Reached the current screen from a wrong answer: Enter goes back to the question.
    pub revisit: bool,
    /// When → was pressed on a text screen not yet read to its end, or on an unanswered
    /// check: a second → goes on to the choice without reading on or without the questions
    /// (to say No or Not now; agreeing needs them), after [`SKIP_PAUSE`].
    pub skip_asked_at: Option<Instant>,
    /// The text screen left that way: Esc on the choice goes back to it.
    pub left_reading_at: Option<usize>,
    pub saved: Option<Saved>,
    /// The receipt's QR code is shown.
    pub code_shown: bool,
    /// Which of the current screen's links is shown as a QR code.
    pub link_code: Option<usize>,
    /// The last save failed: the person was told nothing was recorded.
    pub save_failed: Option<String>,
    /// The receipt code is fixed when the summary is shown, so a retried save keeps it.
    pub pending_code: Option<String>,
    /// Their earlier consent expired (a newer policy version): they are told, and the new
    /// record says which decision it renews.
    pub renewal: Option<Renewal>,
    /// Who they are, once settled: the roster's person they confirmed, or (open mode) what
    /// they typed. Records are made only for a settled person.
    pub who: Option<Subject>,
    /// What the ledger said of them after they identified themselves.
    pub prior: Option<Prior>,
    /// The highlighted item of a short choice step.
    pub menu: usize,
    /// Others on the roster with the name of the person asked "is this you?".
    pub namesakes: usize,
    /// They were asked once to take their time (a screen passed quicker than skimming).
    pub told_fast: bool,
    entered_at: Option<Instant>,
}

/// An earlier consent that expired because the policy changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    /// The policy version they agreed to.
    pub policy_version: Option<String>,
    /// When they agreed (RFC 3339, as recorded).
    pub decided_at: Option<String>,
    /// The pop-up telling them is open.
    pub open: bool,
}

impl Person {
    fn new(content: &Content) -> Person {
        let m = &content.manifest;
        let q = m.questions.len();
        Person {
            intent: Intent::Decide,
            fields: Default::default(),
            field: FIELD_ID,
            visits: vec![Visit::default(); m.screens.len()],
            langs_shown: Vec::new(),
            check: CheckState {
                attempts: vec![0; q],
                passed: vec![false; q],
                first_try: vec![false; q],
                ..CheckState::default()
            },
            choice: ChoiceState {
                acks: vec![false; m.acknowledgements.len()],
                purposes: vec![false; m.purposes.len()],
                reasons: vec![false; m.reasons.len()],
                ..ChoiceState::default()
            },
            revisit: false,
            skip_asked_at: None,
            left_reading_at: None,
            saved: None,
            code_shown: false,
            link_code: None,
            save_failed: None,
            pending_code: None,
            renewal: None,
            who: None,
            prior: None,
            namesakes: 0,
            menu: 0,
            told_fast: false,
            entered_at: None,
        }
    }

    /// Nothing of a person has been entered or shown yet.
    pub fn is_blank(&self) -> bool {
        self.fields.iter().all(|f| f.value().is_empty()) && self.langs_shown.is_empty()
    }

    pub fn id(&self) -> &str {
        self.fields[FIELD_ID].value().trim()
    }
    pub fn name(&self) -> &str {
        self.fields[FIELD_NAME].value().trim()
    }
    pub fn department(&self) -> &str {
        self.fields[FIELD_DEPT].value().trim()
    }
}

/// A short message under the body: why something cannot be done yet, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// Fluent id of the text.
    pub id: &'static str,
    /// Arguments (name, value) for the text.
    pub args: Vec<(&'static str, String)>,
    pub error: bool,
}

impl Notice {
    pub fn info(id: &'static str) -> Notice {
        Notice {
            id,
            args: Vec::new(),
            error: false,
        }
    }
    pub fn error(id: &'static str) -> Notice {
        Notice {
            id,
            args: Vec::new(),
            error: true,
        }
    }
}

/// What `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Append this record; report back with [`App::record_saved`] or [`App::record_failed`].
    Append {
        record_type: RecordType,
        body: serde_json::Map<String, serde_json::Value>,
    },
    /// Check the staff PIN; report back with [`App::pin_outcome`].
    VerifyPin(String),
    /// Look up what the ledger says of this employee id; report back with
    /// [`App::lookup_done`].
    Lookup(String),
    /// Check a person's personal code (identity mode `code`); report back with
    /// [`App::code_outcome`].
    VerifyCode { id: String, code: String },
}

#[derive(Clone)]
pub struct App {
    pub content: Content,
    pub loc: Localizer,
    pub lang: Lang,
    /// The language each new person starts in.
    pub start_lang: Lang,
    pub mode: Mode,
    pub width: u16,
    pub height: u16,
    pub step: Step,
    pub person: Person,
    /// Highlighted item on the welcome screen: the languages, then "withdraw".
    pub welcome_focus: usize,
    pub help: bool,
    pub notice: Option<Notice>,
    pub quit: bool,
    /// Scroll position of the steps that are not content screens (welcome, identity, withdraw).
    pub other_scroll: usize,
    /// Set by a command that scrolled the text past the focused item on purpose: the view
    /// then does not bring the focus back into view.
    free_scroll: bool,
    pub tz: jiff::tz::TimeZone,
    /// This terminal's writer id (shown to staff in help, recorded by the ledger).
    pub kiosk_id: String,
    pub settings: Settings,
    /// When the last key or paste came in (idle time counts from here).
    pub last_input: Instant,
    /// Seconds left before an idle kiosk returns to the welcome screen, while "Still there?" shows.
    pub idle_left: Option<u64>,
    /// Seconds left before the receipt gives way to the welcome screen, while it shows.
    pub receipt_left: Option<u64>,
    /// The staff PIN prompt (kiosk), when open.
    pub pin: Option<kiosk::PinPrompt>,
    /// Set when a person's session was cleared: the runner wipes the terminal, scrollback included.
    pub wipe_screen: bool,
    /// The kiosk's attract screen is showing, at this step of its slow movement.
    pub attract: Option<u64>,
    /// Lines scrolled in the open pop-up (help, review), for small terminals.
    pub popup_scroll: usize,
    /// The trainer's session this person decides in (`tebiki present`); `None` at a kiosk.
    pub session: Option<SessionInfo>,
    /// [`SKIP_PAUSE`], or another pause (tests).
    pub skip_pause: std::time::Duration,
    /// The command being applied came from the → key (not PgDn): see [`App::skip_ready`].
    arrow: bool,
    /// The roster, when one is loaded: whom the terminal accepts in roster and code modes.
    pub directory: Option<std::sync::Arc<Directory>>,
    /// The personal code prompt (code mode).
    pub code: CodeState,
    /// What the view last laid out of the current step's body (written back as it draws):
    /// scrolling and read-to-end go by it, and by nothing else.
    pub body_viewport: Viewport,
    /// The scrolling pop-up's (help, the confirmation, the renewal) last drawing: whether its
    /// text was longer than its room, for the hint bar and the keys.
    pub popup_viewport: Viewport,
}

impl App {
    pub fn new(content: Content, loc: Localizer, lang: Lang, mode: Mode, kiosk_id: String) -> App {
        let lang = if content.languages().contains(&lang) {
            lang
        } else {
            content.languages()[0].clone()
        };
        let person = Person::new(&content);
        let welcome_focus = content
            .languages()
            .iter()
            .position(|l| *l == lang)
            .unwrap_or(0);
        App {
            content,
            loc,
            start_lang: lang.clone(),
            lang,
            mode,
            width: 80,
            height: 24,
            step: Step::Welcome,
            person,
            welcome_focus,
            help: false,
            notice: None,
            quit: false,
            other_scroll: 0,
            free_scroll: false,
            skip_pause: SKIP_PAUSE,
            arrow: false,
            tz: jiff::tz::TimeZone::system(),
            kiosk_id,
            settings: Settings::default(),
            last_input: Instant::now(),
            idle_left: None,
            receipt_left: None,
            pin: None,
            wipe_screen: false,
            attract: None,
            popup_scroll: 0,
            session: None,
            directory: None,
            code: CodeState::default(),
            body_viewport: Viewport::default(),
            popup_viewport: Viewport::default(),
        }
    }

    /// Fluent lookup in the current language.
    pub fn t(&self, id: &str) -> String {
        self.loc.t(&self.lang, id)
    }

    /// What the screens' `when` sections are chosen by: where the person decides (a trainer's
    /// session, an attended terminal or an unattended kiosk) and what they just recorded.
    pub fn facts(&self) -> Vec<&'static str> {
        let mut facts = vec![if self.session.is_some() {
            "session"
        } else {
            self.mode.as_str()
        }];
        if let Some(saved) = &self.person.saved {
            facts.push(match (saved.record_type, saved.decision) {
                (RecordType::Withdrawal, _) => "withdrawn",
                (_, Some(Decision::Given)) => "given",
                // "Not now" or "No" over a consent (in force, or given under an older version):
                // it ends, as a withdrawal would.
                _ if self.had_consent() => "ended",
                (_, Some(Decision::Refused)) => "refused",
                _ => "deferred",
            });
        }
        facts
    }

    /// Whether the person had a consent when they identified themselves: one in force, or one
    /// given under an older policy version, which they may still go by (and can withdraw).
    pub fn had_consent(&self) -> bool {
        self.person.prior.as_ref().is_some_and(|p| {
            matches!(
                p.consent,
                crate::state::ConsentState::Given | crate::state::ConsentState::Expired
            )
        })
    }

    /// Whether the answer chosen ends a consent in force ("Not now" or "No" on deciding
    /// again): the person is told before saving, and on the receipt.
    pub fn ends_consent(&self) -> bool {
        self.had_consent() && matches!(self.decision(), Ok(Decision::Refused | Decision::Deferred))
    }

    /// Screen `i` as this person sees it now, in the current language.
    pub fn screen_doc(&self, i: usize) -> crate::content::markdown::Doc {
        self.content.lang(&self.lang).screens[i]
            .doc
            .select(&self.facts())
    }

    pub fn ctx(&self) -> Ctx {
        if self.pin.is_some() {
            Ctx::Pin
        } else if self.help {
            Ctx::Help
        } else {
            self.base_ctx()
        }
    }

    /// Where the person is, ignoring the help overlay.
    pub fn base_ctx(&self) -> Ctx {
        if self.renewal_open() {
            return Ctx::Renewal;
        }
        match self.step {
            Step::Welcome => Ctx::Welcome,
            Step::Identity | Step::Code => Ctx::Form,
            Step::Confirm | Step::Standing(_) => Ctx::Choose,
            Step::Withdraw => Ctx::Withdraw,
            Step::Notice => Ctx::Notice,
            Step::Screen(i) => match self.content.manifest.screens[i].kind {
                ScreenKind::Info if self.person.revisit => Ctx::Revisit,
                ScreenKind::Info => Ctx::Reading,
                ScreenKind::Check if self.person.check.wrong.is_some() => Ctx::CheckWrong,
                // Every answer right: nothing is left to answer, only to go on or back.
                ScreenKind::Check if self.person.check.all_passed() => Ctx::Reading,
                ScreenKind::Check => Ctx::Check,
                ScreenKind::Choice if self.person.choice.reviewing => Ctx::Review,
                ScreenKind::Choice => Ctx::Choice,
                ScreenKind::Receipt => Ctx::Receipt,
            },
        }
    }

    /// A terminal event in, maybe an effect out.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        self.handle_event_at(event, Instant::now())
    }

    /// Like [`App::handle_event`], with the time it happened (tests pass their own clock).
    pub fn handle_event_at(&mut self, event: &Event, now: Instant) -> Option<Effect> {
        self.note_drawn();
        let input = match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => true,
            Event::Paste(_) => true,
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                return None;
            }
            _ => false,
        };
        if !input {
            return None;
        }
        self.last_input = now;
        if self.attract.take().is_some() {
            // Any key only brings the welcome screen back: it must not also act on it.
            return None;
        }
        if self.idle_left.take().is_some() {
            // During "Still there?", a key only says yes: it must not also act on the screen.
            return None;
        }
        match event {
            Event::Key(key) => self.handle_key(key),
            Event::Paste(text)
                if self.pin.is_some() || matches!(self.step, Step::Identity | Step::Code) =>
            {
                self.update(Cmd::Input(text.clone()))
            }
            _ => {
                self.person.skip_asked_at = None;
                None
            }
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c')) && self.mode == Mode::Attended {
            self.quit = true;
            return None;
        }
        let Some(cmd) = keys::cmd_for_in(key, self.ctx(), self) else {
            // Over the receipt's code, any key goes back to the receipt, as it says (Esc too,
            // which the receipt itself does not use).
            if self.pin.is_none() && !self.help {
                if self.person.code_shown {
                    self.note_drawn();
                    self.person.code_shown = false;
                    self.last_input = Instant::now();
                }
                // The same over a link's code.
                if self.person.link_code.take().is_some() {
                    self.note_drawn();
                    self.last_input = Instant::now();
                }
            }
            // A key between the two → of a skip cancels it, even one that does nothing here.
            self.person.skip_asked_at = None;
            return None;
        };
        self.arrow = key.code == KeyCode::Right;
        let effect = self.update(cmd);
        self.arrow = false;
        effect
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.note_drawn();
        self.width = width;
        self.height = height;
    }

    /// The one place input changes state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        self.note_drawn();
        let effect = self.apply(cmd);
        // The view keeps the focused item (an option, a field, a message) in view as it
        // draws what this command changed, unless the command scrolled past it on purpose.
        self.body_viewport.requests.follow = !std::mem::take(&mut self.free_scroll);
        effect
    }

    fn scroll_mut(&mut self) -> &mut usize {
        match self.step {
            Step::Screen(i) => &mut self.person.visits[i].scroll,
            _ => &mut self.other_scroll,
        }
    }

    fn apply(&mut self, cmd: Cmd) -> Option<Effect> {
        if cmd == Cmd::SwitchLang {
            // At any point, over any pop-up, keeping everything entered, and the message on
            // screen: someone who cannot read it switches to read it.
            self.switch_lang();
            return None;
        }
        self.keep_skip_question(&cmd);
        self.notice = None;
        if self.pin.is_some() {
            return self.update_pin(cmd);
        }
        if cmd == Cmd::StaffExit && self.step == Step::Welcome && self.mode == Mode::Kiosk {
            self.open_pin();
            return None;
        }
        if self.help {
            match cmd {
                Cmd::Help | Cmd::Back => self.help = false,
                Cmd::Up => self.popup_scroll = self.popup_scroll.saturating_sub(1),
                Cmd::Down => self.popup_scroll = (self.popup_scroll + 1).min(MAX_POPUP_SCROLL),
                _ => {}
            }
            return None;
        }
        match cmd {
            Cmd::Help => {
                self.help = true;
                self.popup_scroll = 0;
                return None;
            }
            Cmd::Quit if self.step == Step::Welcome && self.mode == Mode::Attended => {
                self.quit = true;
                return None;
            }
            _ => {}
        }
        if let Some(r) = self.person.renewal.as_mut().filter(|r| r.open) {
            match cmd {
                Cmd::Confirm => r.open = false,
                // Not deciding anew now: the expired consent stays as it is, nothing is
                // recorded, and the first screen says so.
                Cmd::Back if self.session.is_none() => {
                    self.reset();
                    self.notice = Some(Notice::info("standing-finished"));
                }
                Cmd::Up => self.popup_scroll = self.popup_scroll.saturating_sub(1),
                Cmd::Down => self.popup_scroll = (self.popup_scroll + 1).min(MAX_POPUP_SCROLL),
                _ => {}
            }
            return None;
        }
        match self.step {
            Step::Welcome => self.update_welcome(cmd),
            Step::Identity => self.update_identity(cmd),
            Step::Confirm | Step::Standing(_) => self.update_menu(cmd),
            Step::Code => self.update_code(cmd),
            Step::Withdraw => self.update_withdraw(cmd),
            Step::Notice => self.update_notice(cmd),
            Step::Screen(i) => match self.content.manifest.screens[i].kind {
                ScreenKind::Info => self.update_info(i, cmd),
                ScreenKind::Check => self.update_check(i, cmd),
                ScreenKind::Choice => self.update_choice(i, cmd),
                ScreenKind::Receipt => self.update_receipt(cmd),
            },
        }
    }

    fn switch_lang(&mut self) {
        let langs = self.content.languages();
        let at = langs.iter().position(|l| *l == self.lang).unwrap_or(0);
        self.lang = langs[(at + 1) % langs.len()].clone();
        if self.step == Step::Welcome && self.welcome_focus < langs.len() {
            self.welcome_focus = (at + 1) % langs.len();
        }
        self.note_language();
    }
}
