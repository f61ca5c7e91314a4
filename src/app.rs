//! The employee flow's state and its `update`: key commands in, effects (records to append) out.
//! Nothing here touches the terminal or the disk, so every step can be driven from a test.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::consent;
use crate::content::{Content, ScreenKind};
use crate::i18n::{Lang, Localizer};
use crate::identify::{CodeState, OnRecord};
use crate::keys::{self, Cmd, Ctx};
use crate::layout;
use crate::record::consent::{Decision, new_receipt_code};
use crate::record::identity::{Directory, IdRule, IdentityMode};
use crate::record::{RecordType, Subject};
use crate::text_field::TextField;
use crate::ui;

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

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
const SCROLL_AHEAD: usize = 3;

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

/// The comprehension check.
#[derive(Debug, Clone, Default)]
pub struct CheckState {
    /// The question being answered.
    pub current: usize,
    /// The highlighted option.
    pub focus: usize,
    /// Answers given per question (every try counts).
    pub attempts: Vec<u32>,
    /// Whether each question has been answered correctly.
    pub passed: Vec<bool>,
    /// Whether each question was right the first time.
    pub first_try: Vec<bool>,
    /// After a wrong answer: the option chosen.
    pub wrong: Option<usize>,
    /// The option ticked with Space: Enter answers with it (or with the highlighted option
    /// when none is ticked). Ticking never answers.
    pub ticked: Option<usize>,
}

impl CheckState {
    pub fn all_passed(&self) -> bool {
        !self.passed.is_empty() && self.passed.iter().all(|&p| p)
    }
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
    pub focus: usize,
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
        let head = sha.get(..16)?;
        Some(
            head.as_bytes()
                .chunks(4)
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// Everything about the person at the terminal. Replaced wholesale when they finish, so
/// nothing of theirs is left for the next person.
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

/// What the ledger says of a person who just identified themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prior {
    pub consent: crate::state::ConsentState,
    pub policy_version: Option<String>,
    pub decided_at: Option<String>,
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
            saved: None,
            code_shown: false,
            link_code: None,
            save_failed: None,
            pending_code: None,
            renewal: None,
            who: None,
            prior: None,
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
    pub pin: Option<crate::kiosk::PinPrompt>,
    /// Set when a person's session was cleared: the runner wipes the terminal, scrollback included.
    pub wipe_screen: bool,
    /// The kiosk's attract screen is showing, at this step of its slow movement.
    pub attract: Option<u64>,
    /// Lines scrolled in the open pop-up (help, review), for small terminals.
    pub popup_scroll: usize,
    /// The trainer's session this person decides in (`tebiki present`); `None` at a kiosk.
    pub session: Option<SessionInfo>,
    /// The roster, when one is loaded: whom the terminal accepts in roster and code modes.
    pub directory: Option<std::sync::Arc<Directory>>,
    /// The personal code prompt (code mode).
    pub code: CodeState,
}

/// A trainer-led session, as the records of a person deciding in it name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub id: String,
    pub trainer: String,
}

/// Organisation settings the flow needs (from config.toml).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Without a key press for this long, a kiosk asks "Still there?".
    pub idle_timeout: Duration,
    /// Untouched this long on its welcome screen, a kiosk shows the attract screen.
    pub attract_after: Duration,
    /// The organisation's name (config `org.name`), for the attract screen.
    pub org_name: Option<String>,
    /// The employee id rule with the organisation's pattern.
    pub id_rule: IdRule,
    /// An id of the organisation's form, shown when a typed one is wrong.
    pub id_example: Option<String>,
    /// How a person shows who they are.
    pub identity: IdentityMode,
    /// Without a key press for this long, the receipt gives way to the welcome screen: the
    /// name and decision of one person do not wait there for the next.
    pub receipt_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            idle_timeout: Duration::from_secs(90),
            attract_after: Duration::from_secs(30),
            org_name: None,
            id_rule: IdRule::default(),
            id_example: None,
            identity: IdentityMode::Open,
            receipt_timeout: Duration::from_secs(30),
        }
    }
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
                (_, Some(Decision::Refused)) => "refused",
                _ => "deferred",
            });
        }
        facts
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
            Step::Withdraw => Ctx::Review,
            Step::Notice => Ctx::Notice,
            Step::Screen(i) => match self.content.manifest.screens[i].kind {
                ScreenKind::Info if self.person.revisit => Ctx::Revisit,
                ScreenKind::Info => Ctx::Reading,
                ScreenKind::Check if self.person.check.wrong.is_some() => Ctx::CheckWrong,
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
            _ => None,
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Option<Effect> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && matches!(key.code, KeyCode::Char('c')) && self.mode == Mode::Attended {
            self.quit = true;
            return None;
        }
        let cmd = keys::cmd_for(key, self.ctx())?;
        self.update(cmd)
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.clamp_scroll();
        self.note_reading();
    }

    /// The one place input changes state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        let effect = self.apply(cmd);
        self.follow_focus();
        effect
    }

    fn scroll_mut(&mut self) -> &mut usize {
        match self.step {
            Step::Screen(i) => &mut self.person.visits[i].scroll,
            _ => &mut self.other_scroll,
        }
    }

    /// Scrolls so the focused item (an option, a field, a message) is in view.
    fn follow_focus(&mut self) {
        if layout::too_small(self.width, self.height) {
            return;
        }
        let body = ui::body(self, self.text_width());
        let Some((first, end)) = body.focus else {
            return;
        };
        let view = self.viewport();
        let max = body.lines.len().saturating_sub(view);
        // Keep a few lines after the focus in view too: what a choice opens up (the reasons
        // under "Not now") appears there.
        let end = (end + SCROLL_AHEAD).min(body.lines.len());
        let scroll = self.scroll_mut();
        if end > *scroll + view {
            *scroll = end.saturating_sub(view);
        }
        if first < *scroll {
            *scroll = first;
        }
        *scroll = (*scroll).min(max);
        self.note_reading();
    }

    fn apply(&mut self, cmd: Cmd) -> Option<Effect> {
        self.notice = None;
        if cmd == Cmd::SwitchLang {
            // At any point, over any pop-up, keeping everything entered.
            self.switch_lang();
            return None;
        }
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
        self.clamp_scroll();
        self.note_reading();
    }

    // --- welcome -------------------------------------------------------------------------

    /// The languages, "withdraw", and "what is recorded".
    fn welcome_items(&self) -> usize {
        self.content.langs.len() + 2
    }

    fn update_welcome(&mut self, cmd: Cmd) -> Option<Effect> {
        let n = self.welcome_items();
        match cmd {
            Cmd::Up | Cmd::FocusPrev => self.welcome_focus = (self.welcome_focus + n - 1) % n,
            Cmd::Down | Cmd::FocusNext => self.welcome_focus = (self.welcome_focus + 1) % n,
            Cmd::Confirm => {
                let langs = self.content.languages();
                if let Some(lang) = langs.get(self.welcome_focus) {
                    self.lang = lang.clone();
                    self.person.intent = Intent::Decide;
                } else if self.welcome_focus == langs.len() {
                    self.person.intent = Intent::Withdraw;
                } else {
                    self.go(Step::Notice);
                    return None;
                }
                self.go(Step::Identity);
            }
            _ => {}
        }
        None
    }

    /// The renewal pop-up is open.
    pub fn renewal_open(&self) -> bool {
        self.person.renewal.as_ref().is_some_and(|r| r.open)
    }

    // --- reading ---------------------------------------------------------------------------

    /// Lines the body can show at once.
    pub fn viewport(&self) -> usize {
        layout::areas(self.width, self.height).body.height as usize
    }

    /// Width the body text is wrapped to.
    pub fn text_width(&self) -> usize {
        layout::areas(self.width, self.height).body.width.max(1) as usize
    }

    fn max_scroll(&self) -> usize {
        let total = ui::body(self, self.text_width()).lines.len();
        total.saturating_sub(self.viewport())
    }

    fn clamp_scroll(&mut self) {
        let max = self.max_scroll();
        let scroll = self.scroll_mut();
        *scroll = (*scroll).min(max);
    }

    /// Marks the current screen read once its last line has been on screen.
    fn note_reading(&mut self) {
        if let Step::Screen(i) = self.step {
            if layout::too_small(self.width, self.height) {
                return;
            }
            if self.person.visits[i].scroll >= self.max_scroll() {
                self.person.visits[i].read_to_end = true;
            }
        }
    }

    fn scroll_by(&mut self, i: usize, delta: isize) {
        let max = self.max_scroll();
        let v = &mut self.person.visits[i];
        v.scroll = v.scroll.saturating_add_signed(delta).min(max);
        self.note_reading();
    }

    /// The web addresses the current text screen links to.
    pub fn screen_links(&self) -> Vec<String> {
        match self.step {
            Step::Screen(i) if self.content.manifest.screens[i].kind == ScreenKind::Info => {
                self.content.lang(&self.lang).screens[i].doc.links()
            }
            _ => Vec::new(),
        }
    }

    fn update_info(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        if let Some(n) = self.person.link_code {
            // Over a link's code, its key shows the next link; any other key closes it.
            let more = cmd == Cmd::ShowCode && n + 1 < self.screen_links().len();
            self.person.link_code = more.then_some(n + 1);
            return None;
        }
        if cmd == Cmd::ShowCode {
            if !self.screen_links().is_empty() {
                self.person.link_code = Some(0);
            }
            return None;
        }
        let page = self.viewport().saturating_sub(2).max(1) as isize;
        match cmd {
            Cmd::Up => self.scroll_by(i, -1),
            Cmd::Down => self.scroll_by(i, 1),
            Cmd::PageDown => self.scroll_by(i, page),
            Cmd::Top => self.scroll_by(i, isize::MIN / 2),
            Cmd::Bottom => self.scroll_by(i, isize::MAX / 2),
            Cmd::Prev | Cmd::Back => {
                self.person.revisit = false;
                if i == 0 {
                    self.go(Step::Identity);
                } else {
                    self.go(Step::Screen(i - 1));
                }
            }
            Cmd::Confirm if self.person.revisit => {
                if let Some(check) = self.screen_of_kind(ScreenKind::Check) {
                    self.person.revisit = false;
                    self.go(Step::Screen(check));
                }
            }
            Cmd::Next | Cmd::Confirm => {
                let screen = &self.content.manifest.screens[i];
                if screen.required && !self.person.visits[i].read_to_end {
                    self.notice = Some(Notice::info("read-to-end-first"));
                    return None;
                }
                let fast = screen.required && self.passed_quickly(i);
                self.person.revisit = false;
                self.go(Step::Screen(i + 1));
                if fast {
                    self.person.visits[i].fast = true;
                    // Said once, gently; nothing is held back.
                    if !self.person.told_fast {
                        self.person.told_fast = true;
                        self.notice = Some(Notice::info("reading-take-your-time"));
                    }
                }
            }
            _ => {}
        }
        None
    }

    /// Whether screen `i` has been on screen for less time than the content's skimming speed
    /// allows for its text in the current language.
    fn passed_quickly(&self, i: usize) -> bool {
        let so_far = self.person.visits[i].seconds
            + self
                .person
                .entered_at
                .map_or(0.0, |t| t.elapsed().as_secs_f64());
        so_far < self.content.lang(&self.lang).screens[i].skim_seconds
    }

    fn screen_of_kind(&self, kind: ScreenKind) -> Option<usize> {
        self.content
            .manifest
            .screens
            .iter()
            .position(|s| s.kind == kind)
    }

    /// Info screens in order: (position among them, how many there are) for "3 / 11".
    pub fn info_progress(&self, i: usize) -> Option<(usize, usize)> {
        let screens = &self.content.manifest.screens;
        if screens[i].kind != ScreenKind::Info {
            return None;
        }
        let n = screens
            .iter()
            .filter(|s| s.kind == ScreenKind::Info)
            .count();
        let at = screens[..=i]
            .iter()
            .filter(|s| s.kind == ScreenKind::Info)
            .count();
        Some((at, n))
    }

    // --- the check -------------------------------------------------------------------------

    fn update_check(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        let questions = &self.content.manifest.questions;
        if questions.is_empty() {
            // A manifest without questions: the check is passed by reading it.
            if matches!(cmd, Cmd::Next | Cmd::Confirm) {
                self.go(Step::Screen(i + 1));
            } else if matches!(cmd, Cmd::Prev | Cmd::Back) {
                self.go(Step::Screen(i.saturating_sub(1)));
            }
            return None;
        }
        let check = &mut self.person.check;
        let q = &questions[check.current];
        if let Some(_wrong) = check.wrong {
            match cmd {
                Cmd::Confirm => {
                    let target = self.content.screen_index(&q.explains).unwrap_or(0);
                    self.person.check.wrong = None;
                    self.person.revisit = true;
                    self.go(Step::Screen(target));
                    self.scroll_to_rule(target);
                }
                Cmd::Back | Cmd::Up | Cmd::Down | Cmd::Toggle | Cmd::FocusNext | Cmd::FocusPrev => {
                    check.wrong = None;
                }
                _ => {}
            }
            return None;
        }
        match cmd {
            Cmd::Up | Cmd::FocusPrev => check.focus = (check.focus + q.options - 1) % q.options,
            Cmd::Down | Cmd::FocusNext => check.focus = (check.focus + 1) % q.options,
            // Space only ticks: answering takes Enter, so reading on with Space never
            // answers a question by accident.
            Cmd::Toggle => check.ticked = Some(check.focus),
            Cmd::Confirm => {
                if let Some(t) = check.ticked.take() {
                    check.focus = t;
                }
                check.attempts[check.current] += 1;
                if check.focus + 1 == q.answer {
                    if check.attempts[check.current] == 1 {
                        check.first_try[check.current] = true;
                    }
                    check.passed[check.current] = true;
                    check.focus = 0;
                    match check.passed.iter().position(|p| !p) {
                        Some(next) => {
                            check.current = next;
                            self.notice = Some(Notice::info("check-correct"));
                        }
                        None => self.go(Step::Screen(i + 1)),
                    }
                } else {
                    check.wrong = Some(check.focus);
                }
            }
            Cmd::Next => {
                if self.person.check.all_passed() {
                    self.go(Step::Screen(i + 1));
                } else {
                    self.notice = Some(Notice::info("check-answer-first"));
                }
            }
            Cmd::Prev | Cmd::Back => self.go(Step::Screen(i.saturating_sub(1))),
            _ => {}
        }
        None
    }

    /// After a wrong answer, the explaining screen opens with the rule the question asks
    /// about at the top (one line above it for context), where it is highlighted.
    fn scroll_to_rule(&mut self, i: usize) {
        if layout::too_small(self.width, self.height) {
            return;
        }
        let body = ui::body(self, self.text_width());
        if let Some((first, _)) = body.mark {
            let max = body.lines.len().saturating_sub(self.viewport());
            self.person.visits[i].scroll = first.saturating_sub(1).min(max);
            self.note_reading();
        }
    }

    // --- the choice ------------------------------------------------------------------------

    /// The focusable lines of the choice form, in order: the three answers, then what the
    /// answer opens up - the acknowledgements and optional purposes under "agree", the
    /// optional reasons under the alternatives.
    pub fn choice_items(&self) -> Vec<ChoiceItem> {
        let c = &self.person.choice;
        let m = &self.content.manifest;
        let mut items: Vec<ChoiceItem> = Pick::ALL.into_iter().map(ChoiceItem::Pick).collect();
        match c.pick {
            Some(Pick::Agree) => {
                items.extend((0..m.acknowledgements.len()).map(ChoiceItem::Ack));
                items.extend(
                    (0..m.purposes.len())
                        .filter(|&p| !m.purposes[p].required)
                        .map(ChoiceItem::Purpose),
                );
            }
            Some(_) => items.extend((0..c.reasons.len()).map(ChoiceItem::Reason)),
            None => {}
        }
        items
    }

    /// The decision the answer adds up to, or why it does not add up to one yet.
    pub fn decision(&self) -> Result<Decision, &'static str> {
        let c = &self.person.choice;
        match c.pick {
            None => Err("choice-nothing-chosen"),
            Some(Pick::NotNow) => Ok(Decision::Deferred),
            Some(Pick::Refuse) => Ok(Decision::Refused),
            Some(Pick::Agree) if c.acks.iter().all(|&a| a) => Ok(Decision::Given),
            Some(Pick::Agree) => Err("choice-acknowledge-first"),
        }
    }

    /// Each purpose and whether it is granted: the core ones by agreeing, the optional ones
    /// when ticked too.
    pub fn purposes_granted(&self) -> Vec<(String, bool)> {
        let given = self.decision() == Ok(Decision::Given);
        self.content
            .manifest
            .purposes
            .iter()
            .zip(&self.person.choice.purposes)
            .map(|(p, &ticked)| (p.id.clone(), given && (p.required || ticked)))
            .collect()
    }

    fn update_choice(&mut self, i: usize, cmd: Cmd) -> Option<Effect> {
        if self.person.choice.reviewing {
            return match cmd {
                Cmd::Confirm => self.save_choice(),
                Cmd::Up => {
                    self.popup_scroll = self.popup_scroll.saturating_sub(1);
                    None
                }
                Cmd::Down => {
                    self.popup_scroll = (self.popup_scroll + 1).min(MAX_POPUP_SCROLL);
                    None
                }
                Cmd::Back => {
                    self.person.choice.reviewing = false;
                    self.person.save_failed = None;
                    None
                }
                _ => None,
            };
        }
        let items = self.choice_items();
        let n = items.len();
        let c = &mut self.person.choice;
        match cmd {
            Cmd::Up | Cmd::FocusPrev => c.focus = (c.focus + n - 1) % n,
            Cmd::Down | Cmd::FocusNext => c.focus = (c.focus + 1) % n,
            Cmd::Toggle => match items[c.focus.min(n - 1)] {
                ChoiceItem::Pick(pick) => {
                    if c.pick == Some(pick) {
                        c.pick = None;
                    } else {
                        c.pick = Some(pick);
                    }
                    // What belonged to another answer goes with it.
                    if c.pick != Some(Pick::Agree) {
                        c.acks.iter_mut().for_each(|a| *a = false);
                        c.purposes.iter_mut().for_each(|p| *p = false);
                    }
                    if !matches!(c.pick, Some(Pick::NotNow | Pick::Refuse)) {
                        c.reasons.iter_mut().for_each(|r| *r = false);
                    }
                }
                ChoiceItem::Ack(a) => c.acks[a] = !c.acks[a],
                ChoiceItem::Purpose(p) => c.purposes[p] = !c.purposes[p],
                ChoiceItem::Reason(r) => c.reasons[r] = !c.reasons[r],
            },
            Cmd::Confirm | Cmd::Next => match self.decision() {
                Ok(_) => {
                    self.person.choice.reviewing = true;
                    self.popup_scroll = 0;
                    self.person
                        .pending_code
                        .get_or_insert_with(new_receipt_code);
                }
                Err(why) => self.notice = Some(Notice::info(why)),
            },
            Cmd::Prev | Cmd::Back => self.go(Step::Screen(i.saturating_sub(1))),
            _ => {}
        }
        let n = self.choice_items().len();
        let c = &mut self.person.choice;
        c.focus = c.focus.min(n - 1);
        None
    }

    fn save_choice(&mut self) -> Option<Effect> {
        let decision = self.decision().ok()?;
        self.close_visit();
        let code = self
            .person
            .pending_code
            .get_or_insert_with(new_receipt_code)
            .clone();
        let body = crate::record::consent::consent_body(&consent::facts(self, decision, &code)?);
        Some(Effect::Append {
            record_type: RecordType::Consent,
            body,
        })
    }

    // --- the privacy notice ----------------------------------------------------------------

    fn update_notice(&mut self, cmd: Cmd) -> Option<Effect> {
        let page = self.viewport().saturating_sub(2).max(1);
        let max = self.max_scroll();
        match cmd {
            Cmd::Up => self.other_scroll = self.other_scroll.saturating_sub(1),
            Cmd::Down => self.other_scroll = (self.other_scroll + 1).min(max),
            Cmd::PageDown => self.other_scroll = (self.other_scroll + page).min(max),
            Cmd::Top => self.other_scroll = 0,
            Cmd::Bottom => self.other_scroll = max,
            Cmd::Back | Cmd::Confirm => {
                let focus = self.welcome_focus;
                self.go(Step::Welcome);
                self.welcome_focus = focus;
            }
            _ => {}
        }
        None
    }

    // --- withdrawal ------------------------------------------------------------------------

    fn update_withdraw(&mut self, cmd: Cmd) -> Option<Effect> {
        match cmd {
            Cmd::Confirm => {
                let code = self
                    .person
                    .pending_code
                    .get_or_insert_with(new_receipt_code)
                    .clone();
                let body = crate::record::consent::withdrawal_body(&consent::made(self, &code)?);
                Some(Effect::Append {
                    record_type: RecordType::Withdrawal,
                    body,
                })
            }
            Cmd::Back => {
                // Changed their mind: nothing is recorded, and the next person starts afresh.
                self.reset();
                None
            }
            _ => None,
        }
    }

    // --- saving and the receipt ---------------------------------------------------------

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

    fn update_receipt(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.person.code_shown && cmd != Cmd::Confirm {
            // Over the code, its key closes it; Enter still finishes, as the hint bar says.
            if cmd == Cmd::ShowCode {
                self.person.code_shown = false;
            }
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

    fn scroll_current(&mut self, delta: isize) {
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

    // --- moving between steps ------------------------------------------------------------

    fn close_visit(&mut self) {
        if let (Step::Screen(i), Some(t)) = (self.step, self.person.entered_at.take()) {
            self.person.visits[i].seconds += t.elapsed().as_secs_f64();
        }
    }

    pub(crate) fn go(&mut self, step: Step) {
        self.close_visit();
        self.step = step;
        self.other_scroll = 0;
        if let Step::Screen(_) = step {
            self.person.entered_at = Some(Instant::now());
        }
        self.note_language();
        self.clamp_scroll();
        self.note_reading();
    }

    fn note_language(&mut self) {
        if matches!(self.step, Step::Welcome) {
            return;
        }
        if !self.person.langs_shown.contains(&self.lang) {
            self.person.langs_shown.push(self.lang.clone());
        }
        if let Step::Screen(i) = self.step {
            let langs = &mut self.person.visits[i].langs;
            if !langs.contains(&self.lang) {
                langs.push(self.lang.clone());
            }
        }
    }
}

/// Control and format characters (escape sequences, bidi overrides, zero-width marks) have no
/// place in an id or a name: they could hide or reorder what staff see later.
pub fn has_control(s: &str) -> bool {
    s.chars().any(crate::escape::is_unsafe)
}
