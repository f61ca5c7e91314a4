//! The key table: one list of bindings that both the key handler and the hint bar read, so the
//! hint bar always shows exactly the keys that work where the person is.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the person is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Welcome screen: pick a language (or withdraw).
    Welcome,
    /// Typing into text fields (who you are).
    Form,
    /// Reading a text screen.
    Reading,
    /// Reading a screen reached from a wrong answer: Enter returns to the question.
    Revisit,
    /// Answering a question of the check.
    Check,
    /// A wrong answer is shown.
    CheckWrong,
    /// Ticking the choices.
    Choice,
    /// Reviewing the choice before it is saved.
    Review,
    /// The receipt.
    Receipt,
    /// The help overlay.
    Help,
    /// The staff PIN prompt (kiosk).
    Pin,
    /// Told that an earlier consent expired, and what changed.
    Renewal,
    /// Reading the privacy notice from the welcome screen.
    Notice,
    /// A short list to choose from: confirming the name on the roster, what is on record for
    /// a returning person, why nothing can be withdrawn.
    Choose,
    /// Trainer mode: setting up a session (trainer, session id, attendees).
    PresentSetup,
    /// Trainer mode: presenting the slides.
    Slides,
    /// Trainer mode: the session's attendee list.
    Attendees,
    /// Trainer mode: the screen is being turned to an attendee who chooses in private.
    Handover,
    /// Trainer mode: typing an attendee to add.
    AddAttendee,
    /// Trainer mode: the attendees listed on the setup screen.
    SetupList,
    /// Trainer mode: the slide overview, to jump to any slide.
    Overview,
    /// Trainer mode: quitting would leave attendees unrecorded or undecided.
    QuitConfirm,
    /// Trainer mode, second terminal: following the presenter with the notes.
    Follow,
    /// Dashboard: typing who is using it.
    DashName,
    /// Dashboard: coverage, stages and consent.
    DashOverview,
    /// Dashboard: searching people (typing goes into the search).
    DashPeople,
    /// Dashboard: the people found, the search box left (keys are commands again).
    DashPeopleList,
    /// Dashboard: one person's state and history.
    DashPerson,
    /// Dashboard: the hesitant and parallel staff to follow up with.
    DashFollowups,
    /// Dashboard: champions and whom they support.
    DashChampions,
    /// Dashboard: recording a follow-up.
    DashFollowupForm,
    /// Dashboard: recording a stage change.
    DashStageForm,
    /// Dashboard: choosing a champion for someone.
    DashPick,
    /// Dashboard: recording a withdrawal of consent the person asked for.
    DashWithdrawalForm,
    /// Dashboard: recording an attendance at a session.
    DashAttendanceForm,
    /// Dashboard: voiding a mistaken record of the person's timeline (its reason).
    DashVoidForm,
    /// Dashboard: confirming the record about to be written.
    DashConfirm,
    /// Dashboard: choosing the filters.
    DashFilter,
}

impl Ctx {
    /// Every context, for tests that go through them all.
    pub const ALL: &'static [Ctx] = &[
        Welcome,
        Form,
        Reading,
        Revisit,
        Check,
        CheckWrong,
        Choice,
        Review,
        Receipt,
        Help,
        Pin,
        Renewal,
        Notice,
        Choose,
        PresentSetup,
        Slides,
        Attendees,
        Handover,
        AddAttendee,
        SetupList,
        Overview,
        QuitConfirm,
        Follow,
        DashName,
        DashOverview,
        DashPeople,
        DashPerson,
        DashFollowups,
        DashChampions,
        DashFollowupForm,
        DashStageForm,
        DashPick,
        DashWithdrawalForm,
        DashAttendanceForm,
        DashVoidForm,
        DashPeopleList,
        DashConfirm,
        DashFilter,
    ];
}

/// What a key asks for. Meaning depends on the screen; `App::update` decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cmd {
    Confirm,
    Next,
    Prev,
    PageDown,
    Up,
    Down,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    Toggle,
    Back,
    SwitchLang,
    Help,
    Quit,
    /// Staff leaving a kiosk (asks for the PIN).
    StaffExit,
    /// Text editing in a field.
    Input(String),
    Backspace,
    Delete,
    CursorLeft,
    CursorRight,
    Home,
    End,
    /// A digit towards a slide number (the key event says which).
    Digit,
    /// Show or hide the speaker notes.
    Notes,
    /// Open the session's attendee list.
    Attendees,
    /// An attendee will decide at a kiosk later.
    Later,
    /// Take an attendee off the list.
    Remove,
    /// Put an attendee right.
    Edit,
    /// Trainer mode: the slide overview.
    Overview,
    /// Record the attendance of the attendees listed.
    Record,
    /// Start presenting.
    Start,
    /// Dashboard: record a stage change.
    Stage,
    /// Dashboard: record a follow-up.
    Followup,
    /// Dashboard: make someone a champion, or no longer one.
    Champion,
    /// Dashboard: pair someone with a champion.
    Assign,
    /// Dashboard: record a withdrawal of consent the person asked for.
    Withdraw,
    /// The receipt: show (or hide) its QR code.
    ShowCode,
    /// Dashboard: record an attendance at a session.
    Attend,
    /// Dashboard: void the record selected in a person's timeline.
    Void,
    /// Dashboard: put the keyboard in the search box.
    Search,
    /// Dashboard: open the filters (department, stage, consent, overdue).
    Filter,
    /// Dashboard: the next order of the lists (due date, name, department).
    Sort,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub shift: bool,
}

const fn k(code: KeyCode) -> Key {
    Key { code, shift: false }
}

/// One binding: the keys, what they do, where, and the hint shown (Fluent ids of the key
/// label and the action label; `None` keeps it out of the hint bar but still in help).
pub struct Binding {
    pub keys: &'static [Key],
    pub cmd: Cmd,
    pub ctx: &'static [Ctx],
    pub key_label: &'static str,
    pub action_label: &'static str,
    pub in_hint_bar: bool,
}

use Ctx::*;

const TEXT: &[Ctx] = &[Reading, Revisit, Notice];
const PAGES: &[Ctx] = &[Reading, Revisit, Check, Choice];
/// Where the arrows' page turning is shown in the hint bar.
const PAGES_HINTED: &[Ctx] = &[Reading, Revisit];
const EVERYWHERE: &[Ctx] = &[
    Welcome, Form, Reading, Revisit, Check, CheckWrong, Choice, Review, Receipt, Help, Pin,
    Renewal, Choose, Notice,
];
/// Trainer mode's text fields.
const PRESENT_FIELDS: &[Ctx] = &[PresentSetup, AddAttendee];
/// The dashboard's top-level views.
const DASH_VIEWS: &[Ctx] = &[
    DashOverview,
    DashPeople,
    DashPeopleList,
    DashFollowups,
    DashChampions,
];
/// The dashboard's lists.
const DASH_LISTS: &[Ctx] = &[DashPeople, DashPeopleList, DashFollowups, DashChampions];
/// The dashboard's lists whose letters are commands (not the search box).
const DASH_KEY_LISTS: &[Ctx] = &[DashPeopleList, DashFollowups, DashChampions];
/// The dashboard's text fields.
const DASH_FIELDS: &[Ctx] = &[
    DashName,
    DashPeople,
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
];
/// The dashboard's forms.
const DASH_FORMS: &[Ctx] = &[
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
];
/// The dashboard's forms with more than one text field.
const DASH_MULTI_FIELD: &[Ctx] = &[
    DashFollowupForm,
    DashStageForm,
    DashWithdrawalForm,
    DashAttendanceForm,
];
/// Everywhere in the dashboard.
const DASH_ALL: &[Ctx] = &[
    DashName,
    DashOverview,
    DashPeople,
    DashPeopleList,
    DashPerson,
    DashFollowups,
    DashChampions,
    DashFollowupForm,
    DashStageForm,
    DashPick,
    DashWithdrawalForm,
    DashAttendanceForm,
    DashVoidForm,
    DashConfirm,
    DashFilter,
];

/// The table, in hint-bar order.
pub static BINDINGS: &[Binding] = &[
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Welcome],
        key_label: "key-enter",
        action_label: "act-start",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Form],
        key_label: "key-enter",
        action_label: "act-next-field",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Reading],
        key_label: "key-enter",
        action_label: "act-next",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Revisit],
        key_label: "key-enter",
        action_label: "act-back-to-check",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Check],
        key_label: "key-enter",
        action_label: "act-answer",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[CheckWrong],
        key_label: "key-enter",
        action_label: "act-read-again",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Choice],
        key_label: "key-enter",
        action_label: "act-review",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Review],
        key_label: "key-enter",
        action_label: "act-save",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Receipt],
        key_label: "key-enter",
        action_label: "act-finish",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(4))],
        cmd: Cmd::ShowCode,
        ctx: &[Reading, Revisit],
        key_label: "key-f4",
        action_label: "act-link-code",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(4))],
        cmd: Cmd::ShowCode,
        ctx: &[Receipt],
        key_label: "key-f4",
        action_label: "act-receipt-code",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Handover],
        key_label: "key-enter",
        action_label: "act-attendee-ready",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[Handover],
        key_label: "key-esc",
        action_label: "act-back",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Notice],
        key_label: "key-enter",
        action_label: "act-back",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Choose],
        key_label: "key-enter",
        action_label: "act-choose",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Renewal],
        key_label: "key-enter",
        action_label: "act-read-and-decide",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char(' '))],
        cmd: Cmd::Toggle,
        ctx: &[Check, Choice],
        key_label: "key-space",
        action_label: "act-tick",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char(' '))],
        cmd: Cmd::PageDown,
        ctx: TEXT,
        key_label: "key-space",
        action_label: "act-page-down",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[Form, Reading, Revisit, Check, Choice, Choose, Notice],
        key_label: "key-esc",
        action_label: "act-back",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[CheckWrong],
        key_label: "key-esc",
        action_label: "act-try-again",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[Review],
        key_label: "key-esc",
        action_label: "act-change",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[Pin],
        key_label: "key-esc",
        action_label: "act-cancel",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[
            Reading, Revisit, Check, Choice, Receipt, Help, Review, Renewal, Notice,
        ],
        key_label: "key-up-down",
        action_label: "act-scroll",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[
            Reading, Revisit, Check, Choice, Receipt, Help, Review, Renewal, Notice,
        ],
        key_label: "key-up-down",
        action_label: "act-scroll",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Up)],
        cmd: Cmd::Up,
        ctx: &[Welcome, Form, Choose],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down)],
        cmd: Cmd::Down,
        ctx: &[Welcome, Form, Choose],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Tab)],
        cmd: Cmd::FocusNext,
        ctx: &[Welcome, Form, Check, Choice, Choose],
        key_label: "key-tab",
        action_label: "act-next-field",
        in_hint_bar: false,
    },
    Binding {
        keys: &[
            Key {
                code: KeyCode::BackTab,
                shift: true,
            },
            Key {
                code: KeyCode::Tab,
                shift: true,
            },
        ],
        cmd: Cmd::FocusPrev,
        ctx: &[Welcome, Form, Check, Choice, Choose],
        key_label: "key-shift-tab",
        action_label: "act-prev-field",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Right), k(KeyCode::PageDown)],
        cmd: Cmd::Next,
        ctx: PAGES_HINTED,
        key_label: "key-left-right",
        action_label: "act-pages",
        in_hint_bar: true,
    },
    // On the check and the choice, Enter is the way on (after answering): the arrows still
    // work there but are not advertised.
    Binding {
        keys: &[k(KeyCode::Right), k(KeyCode::PageDown)],
        cmd: Cmd::Next,
        ctx: PAGES,
        key_label: "key-left-right",
        action_label: "act-pages",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left), k(KeyCode::PageUp)],
        cmd: Cmd::Prev,
        ctx: PAGES,
        key_label: "key-left-right",
        action_label: "act-pages",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left)],
        cmd: Cmd::Up,
        ctx: &[Welcome],
        key_label: "key-left-right",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Right)],
        cmd: Cmd::Down,
        ctx: &[Welcome],
        key_label: "key-left-right",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home)],
        cmd: Cmd::Top,
        ctx: TEXT,
        key_label: "key-home-end",
        action_label: "act-top-bottom",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End)],
        cmd: Cmd::Bottom,
        ctx: TEXT,
        key_label: "key-home-end",
        action_label: "act-top-bottom",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Esc), k(KeyCode::Char('q'))],
        cmd: Cmd::Quit,
        ctx: &[Welcome],
        key_label: "key-q",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(2))],
        cmd: Cmd::SwitchLang,
        ctx: EVERYWHERE,
        key_label: "key-f2",
        action_label: "act-language",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(1)), k(KeyCode::Char('?'))],
        cmd: Cmd::Help,
        ctx: &[
            Welcome, Reading, Revisit, Check, CheckWrong, Choice, Review, Receipt, Choose, Notice,
        ],
        key_label: "key-help",
        action_label: "act-help",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(10))],
        cmd: Cmd::StaffExit,
        ctx: &[Welcome],
        key_label: "key-f10",
        action_label: "act-staff-exit",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Pin],
        key_label: "key-enter",
        action_label: "act-unlock",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Backspace)],
        cmd: Cmd::Backspace,
        ctx: &[Pin],
        key_label: "key-backspace",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    // In a text field '?' is a character, so only F1 opens help there.
    Binding {
        keys: &[k(KeyCode::F(1))],
        cmd: Cmd::Help,
        ctx: &[Form],
        key_label: "key-f1",
        action_label: "act-help",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(1)), k(KeyCode::Char('?')), k(KeyCode::Esc)],
        cmd: Cmd::Help,
        ctx: &[Help],
        key_label: "key-esc",
        action_label: "act-close",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Backspace)],
        cmd: Cmd::Backspace,
        ctx: &[Form],
        key_label: "key-backspace",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Delete)],
        cmd: Cmd::Delete,
        ctx: &[Form],
        key_label: "key-delete",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left)],
        cmd: Cmd::CursorLeft,
        ctx: &[Form],
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Right)],
        cmd: Cmd::CursorRight,
        ctx: &[Form],
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home)],
        cmd: Cmd::Home,
        ctx: &[Form],
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End)],
        cmd: Cmd::End,
        ctx: &[Form],
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    // Trainer mode (`tebiki present`): the setup form.
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[PresentSetup],
        key_label: "key-enter",
        action_label: "present-act-setup-next",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Tab)],
        cmd: Cmd::FocusNext,
        ctx: &[PresentSetup, SetupList],
        key_label: "key-tab",
        action_label: "act-next-field",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up)],
        cmd: Cmd::Up,
        ctx: &[PresentSetup, AddAttendee],
        key_label: "key-up-down",
        action_label: "present-act-pick",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down)],
        cmd: Cmd::Down,
        ctx: &[PresentSetup, AddAttendee],
        key_label: "key-up-down",
        action_label: "present-act-pick",
        in_hint_bar: false,
    },
    Binding {
        keys: &[
            Key {
                code: KeyCode::BackTab,
                shift: true,
            },
            Key {
                code: KeyCode::Tab,
                shift: true,
            },
        ],
        cmd: Cmd::FocusPrev,
        ctx: &[PresentSetup, SetupList],
        key_label: "key-shift-tab",
        action_label: "act-prev-field",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[SetupList],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[SetupList],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Char('e')), k(KeyCode::Enter)],
        cmd: Cmd::Edit,
        ctx: &[SetupList],
        key_label: "present-key-e",
        action_label: "present-act-edit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('x')), k(KeyCode::Delete)],
        cmd: Cmd::Remove,
        ctx: &[SetupList],
        key_label: "present-key-x",
        action_label: "present-act-remove",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(5))],
        cmd: Cmd::Start,
        ctx: &[PresentSetup, SetupList],
        key_label: "present-key-f5",
        action_label: "present-act-start",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Quit,
        ctx: &[PresentSetup, SetupList],
        key_label: "key-esc",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    // Trainer mode: the slides.
    Binding {
        keys: &[
            k(KeyCode::Right),
            k(KeyCode::PageDown),
            k(KeyCode::Char(' ')),
        ],
        cmd: Cmd::Next,
        ctx: &[Slides],
        key_label: "key-left-right",
        action_label: "present-act-slides",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Left), k(KeyCode::PageUp)],
        cmd: Cmd::Prev,
        ctx: &[Slides],
        key_label: "key-left-right",
        action_label: "present-act-slides",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Char('n'))],
        cmd: Cmd::Notes,
        ctx: &[Slides],
        key_label: "present-key-n",
        action_label: "present-act-notes",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('o'))],
        cmd: Cmd::Overview,
        ctx: &[Slides],
        key_label: "present-key-o",
        action_label: "present-act-overview",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('a'))],
        cmd: Cmd::Attendees,
        ctx: &[Slides],
        key_label: "present-key-a",
        action_label: "present-act-attendees",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('q')), k(KeyCode::Esc)],
        cmd: Cmd::Quit,
        ctx: &[Slides, Follow],
        key_label: "present-key-q-esc",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[
            k(KeyCode::Char('0')),
            k(KeyCode::Char('1')),
            k(KeyCode::Char('2')),
            k(KeyCode::Char('3')),
            k(KeyCode::Char('4')),
            k(KeyCode::Char('5')),
            k(KeyCode::Char('6')),
            k(KeyCode::Char('7')),
            k(KeyCode::Char('8')),
            k(KeyCode::Char('9')),
        ],
        cmd: Cmd::Digit,
        ctx: &[Slides],
        key_label: "present-key-digits",
        action_label: "present-act-jump",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Slides],
        key_label: "key-enter",
        action_label: "present-act-jump-or-next",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Char('g')), k(KeyCode::Home)],
        cmd: Cmd::Top,
        ctx: &[Slides],
        key_label: "present-key-g",
        action_label: "present-act-first-last",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('G')), k(KeyCode::End)],
        cmd: Cmd::Bottom,
        ctx: &[Slides],
        key_label: "present-key-g",
        action_label: "present-act-first-last",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[Slides],
        key_label: "key-up-down",
        action_label: "act-scroll",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[Slides],
        key_label: "key-up-down",
        action_label: "act-scroll",
        in_hint_bar: false,
    },
    // Trainer mode: the slide overview.
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Overview],
        key_label: "key-enter",
        action_label: "present-act-show",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[Overview],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[Overview],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home), k(KeyCode::Char('g'))],
        cmd: Cmd::Top,
        ctx: &[Overview],
        key_label: "present-key-g",
        action_label: "present-act-first-last",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End), k(KeyCode::Char('G'))],
        cmd: Cmd::Bottom,
        ctx: &[Overview],
        key_label: "present-key-g",
        action_label: "present-act-first-last",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Esc), k(KeyCode::Char('o'))],
        cmd: Cmd::Back,
        ctx: &[Overview],
        key_label: "key-esc",
        action_label: "act-close",
        in_hint_bar: true,
    },
    // Trainer mode: the attendee list.
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[Attendees],
        key_label: "key-enter",
        action_label: "present-act-choose-now",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[Attendees],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[Attendees],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Char('s'))],
        cmd: Cmd::Record,
        ctx: &[Attendees],
        key_label: "present-key-s",
        action_label: "present-act-record",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('l'))],
        cmd: Cmd::Later,
        ctx: &[Attendees],
        key_label: "present-key-l",
        action_label: "present-act-later",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc), k(KeyCode::Left), k(KeyCode::PageUp)],
        cmd: Cmd::Back,
        ctx: &[Attendees],
        key_label: "key-esc",
        action_label: "present-act-to-slides",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Tab)],
        cmd: Cmd::FocusNext,
        ctx: &[Attendees],
        key_label: "key-tab",
        action_label: "present-act-add",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('e'))],
        cmd: Cmd::Edit,
        ctx: &[Attendees],
        key_label: "present-key-e",
        action_label: "present-act-edit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('x')), k(KeyCode::Delete)],
        cmd: Cmd::Remove,
        ctx: &[Attendees],
        key_label: "present-key-x",
        action_label: "present-act-remove",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('q'))],
        cmd: Cmd::Quit,
        ctx: &[Attendees],
        key_label: "key-q",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    // Trainer mode: adding an attendee.
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[AddAttendee],
        key_label: "key-enter",
        action_label: "present-act-add",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc), k(KeyCode::Tab)],
        cmd: Cmd::Back,
        ctx: &[AddAttendee],
        key_label: "key-esc",
        action_label: "present-act-to-list",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Backspace)],
        cmd: Cmd::Backspace,
        ctx: PRESENT_FIELDS,
        key_label: "key-backspace",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Delete)],
        cmd: Cmd::Delete,
        ctx: PRESENT_FIELDS,
        key_label: "key-delete",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left)],
        cmd: Cmd::CursorLeft,
        ctx: PRESENT_FIELDS,
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Right)],
        cmd: Cmd::CursorRight,
        ctx: PRESENT_FIELDS,
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home)],
        cmd: Cmd::Home,
        ctx: PRESENT_FIELDS,
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End)],
        cmd: Cmd::End,
        ctx: PRESENT_FIELDS,
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    // Trainer mode: quitting with work left.
    Binding {
        keys: &[k(KeyCode::Char('y'))],
        cmd: Cmd::Confirm,
        ctx: &[QuitConfirm],
        key_label: "present-key-y",
        action_label: "present-act-quit-anyway",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('n')), k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[QuitConfirm],
        key_label: "present-key-n-esc",
        action_label: "present-act-stay",
        in_hint_bar: true,
    },
    // Trainer mode: language and help, pinned to the right of the hint bar like everywhere.
    Binding {
        keys: &[k(KeyCode::F(2))],
        cmd: Cmd::SwitchLang,
        ctx: &[
            PresentSetup,
            SetupList,
            Slides,
            Overview,
            Attendees,
            AddAttendee,
            Follow,
        ],
        key_label: "key-f2",
        action_label: "act-language",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(1)), k(KeyCode::Char('?'))],
        cmd: Cmd::Help,
        ctx: &[Slides, Overview, SetupList, Attendees, Follow],
        key_label: "key-help",
        action_label: "act-help",
        in_hint_bar: true,
    },
    // In a text field '?' is a character, so only F1 opens help there.
    Binding {
        keys: &[k(KeyCode::F(1))],
        cmd: Cmd::Help,
        ctx: PRESENT_FIELDS,
        key_label: "key-f1",
        action_label: "act-help",
        in_hint_bar: true,
    },
    // The dashboard (`tebiki admin`).
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashName],
        key_label: "key-enter",
        action_label: "act-start",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: DASH_LISTS,
        key_label: "key-enter",
        action_label: "dash-act-open",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashFollowupForm, DashStageForm, DashAttendanceForm],
        key_label: "key-enter",
        action_label: "act-save",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashVoidForm],
        key_label: "key-enter",
        action_label: "dash-act-confirm-void",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashWithdrawalForm],
        key_label: "key-enter",
        action_label: "dash-act-confirm-withdrawal",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashPick],
        key_label: "key-enter",
        action_label: "dash-act-assign",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('v'))],
        cmd: Cmd::Filter,
        ctx: &[DashOverview, DashPeopleList, DashFollowups, DashChampions],
        key_label: "dash-key-v",
        action_label: "dash-act-filter",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('o'))],
        cmd: Cmd::Sort,
        ctx: &[DashPeopleList, DashFollowups],
        key_label: "dash-key-o",
        action_label: "dash-act-sort",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[DashFilter],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[DashFilter],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left), k(KeyCode::Char('h'))],
        cmd: Cmd::CursorLeft,
        ctx: &[DashFilter],
        key_label: "dash-key-left-right",
        action_label: "dash-act-change",
        in_hint_bar: true,
    },
    Binding {
        keys: &[
            k(KeyCode::Right),
            k(KeyCode::Char('l')),
            k(KeyCode::Char(' ')),
        ],
        cmd: Cmd::CursorRight,
        ctx: &[DashFilter],
        key_label: "dash-key-left-right",
        action_label: "dash-act-change",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Enter), k(KeyCode::Esc), k(KeyCode::Char('v'))],
        cmd: Cmd::Back,
        ctx: &[DashFilter],
        key_label: "key-enter",
        action_label: "act-close",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Enter)],
        cmd: Cmd::Confirm,
        ctx: &[DashConfirm],
        key_label: "key-enter",
        action_label: "dash-act-record",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashConfirm],
        key_label: "key-esc",
        action_label: "dash-act-not-yet",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashPerson, DashFollowups, DashChampions],
        key_label: "key-esc",
        action_label: "act-back",
        in_hint_bar: true,
    },
    // In the people found: Esc clears the search, then goes back.
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashPeopleList],
        key_label: "key-esc",
        action_label: "dash-act-clear",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashPeopleList],
        key_label: "key-esc",
        action_label: "act-back",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('/'))],
        cmd: Cmd::Search,
        ctx: &[DashPeopleList],
        key_label: "dash-key-slash",
        action_label: "dash-act-search",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[DashOverview],
        key_label: "key-up-down",
        action_label: "dash-act-department",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[DashOverview],
        key_label: "key-up-down",
        action_label: "dash-act-department",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: DASH_KEY_LISTS,
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: DASH_KEY_LISTS,
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    // In the search and the forms letters are text: only the arrows move.
    Binding {
        keys: &[k(KeyCode::Up)],
        cmd: Cmd::Up,
        ctx: &[DashPeople, DashStageForm, DashPick],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down)],
        cmd: Cmd::Down,
        ctx: &[DashPeople, DashStageForm, DashPick],
        key_label: "key-up-down",
        action_label: "act-move",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Up), k(KeyCode::Char('k'))],
        cmd: Cmd::Up,
        ctx: &[DashPerson],
        key_label: "key-up-down",
        action_label: "dash-act-select-record",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Down), k(KeyCode::Char('j'))],
        cmd: Cmd::Down,
        ctx: &[DashPerson],
        key_label: "key-up-down",
        action_label: "dash-act-select-record",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::PageUp)],
        cmd: Cmd::Prev,
        ctx: &[
            DashPeople,
            DashPeopleList,
            DashFollowups,
            DashChampions,
            DashPerson,
        ],
        key_label: "dash-key-pages",
        action_label: "dash-act-page",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::PageDown)],
        cmd: Cmd::Next,
        ctx: &[
            DashPeople,
            DashPeopleList,
            DashFollowups,
            DashChampions,
            DashPerson,
        ],
        key_label: "dash-key-pages",
        action_label: "dash-act-page",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home)],
        cmd: Cmd::Top,
        ctx: &[
            DashOverview,
            DashPeopleList,
            DashFollowups,
            DashChampions,
            DashPerson,
        ],
        key_label: "key-home-end",
        action_label: "act-top-bottom",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End)],
        cmd: Cmd::Bottom,
        ctx: &[
            DashOverview,
            DashPeopleList,
            DashFollowups,
            DashChampions,
            DashPerson,
        ],
        key_label: "key-home-end",
        action_label: "act-top-bottom",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Char('s'))],
        cmd: Cmd::Stage,
        ctx: &[DashPerson, DashFollowups],
        key_label: "dash-key-s",
        action_label: "dash-act-stage",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('f'))],
        cmd: Cmd::Followup,
        ctx: &[DashPerson, DashFollowups],
        key_label: "dash-key-f",
        action_label: "dash-act-followup",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('a'))],
        cmd: Cmd::Assign,
        ctx: &[DashPerson, DashChampions],
        key_label: "dash-key-a",
        action_label: "dash-act-assign",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('x'))],
        cmd: Cmd::Remove,
        ctx: &[DashPerson, DashChampions],
        key_label: "dash-key-x",
        action_label: "dash-act-end-pairing",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('c'))],
        cmd: Cmd::Champion,
        ctx: &[DashPerson, DashChampions],
        key_label: "dash-key-c",
        action_label: "dash-act-champion",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('t'))],
        cmd: Cmd::Attend,
        ctx: &[DashPerson],
        key_label: "dash-key-t",
        action_label: "dash-act-attendance",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('w'))],
        cmd: Cmd::Withdraw,
        ctx: &[DashPerson],
        key_label: "dash-key-w",
        action_label: "dash-act-withdrawal",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('v'))],
        cmd: Cmd::Void,
        ctx: &[DashPerson],
        key_label: "dash-key-v",
        action_label: "dash-act-void",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Tab)],
        cmd: Cmd::FocusNext,
        ctx: DASH_VIEWS,
        key_label: "key-tab",
        action_label: "dash-act-next-view",
        in_hint_bar: true,
    },
    Binding {
        keys: &[
            Key {
                code: KeyCode::BackTab,
                shift: true,
            },
            Key {
                code: KeyCode::Tab,
                shift: true,
            },
        ],
        cmd: Cmd::FocusPrev,
        ctx: DASH_VIEWS,
        key_label: "key-shift-tab",
        action_label: "dash-act-prev-view",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Tab)],
        cmd: Cmd::FocusNext,
        ctx: DASH_MULTI_FIELD,
        key_label: "key-tab",
        action_label: "act-next-field",
        in_hint_bar: true,
    },
    Binding {
        keys: &[
            Key {
                code: KeyCode::BackTab,
                shift: true,
            },
            Key {
                code: KeyCode::Tab,
                shift: true,
            },
        ],
        cmd: Cmd::FocusPrev,
        ctx: DASH_MULTI_FIELD,
        key_label: "key-shift-tab",
        action_label: "act-prev-field",
        in_hint_bar: false,
    },
    Binding {
        keys: &[
            k(KeyCode::Char('1')),
            k(KeyCode::Char('2')),
            k(KeyCode::Char('3')),
            k(KeyCode::Char('4')),
        ],
        cmd: Cmd::Digit,
        ctx: &[
            DashOverview,
            DashPeopleList,
            DashFollowups,
            DashChampions,
            DashPerson,
        ],
        key_label: "dash-key-views",
        action_label: "dash-act-views",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashPeople],
        key_label: "key-esc",
        action_label: "dash-act-leave-search",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: DASH_FORMS,
        key_label: "key-esc",
        action_label: "act-cancel",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Esc)],
        cmd: Cmd::Back,
        ctx: &[DashName],
        key_label: "key-esc",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('q')), k(KeyCode::Esc)],
        cmd: Cmd::Quit,
        ctx: &[DashOverview],
        key_label: "key-q",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Char('q'))],
        cmd: Cmd::Quit,
        ctx: DASH_KEY_LISTS,
        key_label: "key-q",
        action_label: "act-quit",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::Backspace)],
        cmd: Cmd::Backspace,
        ctx: DASH_FIELDS,
        key_label: "key-backspace",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Delete)],
        cmd: Cmd::Delete,
        ctx: DASH_FIELDS,
        key_label: "key-delete",
        action_label: "act-erase",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Left)],
        cmd: Cmd::CursorLeft,
        ctx: DASH_FIELDS,
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Right)],
        cmd: Cmd::CursorRight,
        ctx: DASH_FIELDS,
        key_label: "key-left-right",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::Home)],
        cmd: Cmd::Home,
        ctx: DASH_FIELDS,
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::End)],
        cmd: Cmd::End,
        ctx: DASH_FIELDS,
        key_label: "key-home-end",
        action_label: "act-cursor",
        in_hint_bar: false,
    },
    Binding {
        keys: &[k(KeyCode::F(2))],
        cmd: Cmd::SwitchLang,
        ctx: DASH_ALL,
        key_label: "key-f2",
        action_label: "act-language",
        in_hint_bar: true,
    },
    Binding {
        keys: &[k(KeyCode::F(1)), k(KeyCode::Char('?'))],
        cmd: Cmd::Help,
        ctx: &[
            DashOverview,
            DashPeopleList,
            DashPerson,
            DashFollowups,
            DashChampions,
            DashConfirm,
            DashFilter,
        ],
        key_label: "key-help",
        action_label: "act-help",
        in_hint_bar: true,
    },
    // In a text field '?' is a character, so only F1 opens help there.
    Binding {
        keys: &[k(KeyCode::F(1))],
        cmd: Cmd::Help,
        ctx: DASH_FIELDS,
        key_label: "key-f1",
        action_label: "act-help",
        in_hint_bar: true,
    },
];

/// What a key press means in `ctx`: a binding from the table, or typed text in a field.
pub fn cmd_for(event: &KeyEvent, ctx: Ctx) -> Option<Cmd> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    if ctrl || alt {
        return None;
    }
    let found = BINDINGS.iter().find(|b| {
        b.ctx.contains(&ctx)
            && b.keys.iter().any(|key| {
                key.code == event.code && (key.shift == shift || !matches!(key.code, KeyCode::Tab))
            })
    });
    if let Some(b) = found {
        return Some(b.cmd.clone());
    }
    match (ctx, event.code) {
        (Ctx::Form | Ctx::Pin | Ctx::PresentSetup | Ctx::AddAttendee, KeyCode::Char(c)) => {
            Some(Cmd::Input(c.to_string()))
        }
        (ctx, KeyCode::Char(c)) if DASH_FIELDS.contains(&ctx) => Some(Cmd::Input(c.to_string())),
        _ => None,
    }
}

/// The hint bar for `ctx`: (key label id, action label id), in table order, each action once.
pub fn hints(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.in_hint_bar && b.ctx.contains(&ctx))
        .map(|b| (b.key_label, b.action_label))
        .collect()
}

/// Every binding that applies in `ctx`, for the help overlay: (key label id, action label id).
pub fn help_rows(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&'static str, &'static str)> = Vec::new();
    for b in BINDINGS.iter().filter(|b| b.ctx.contains(&ctx)) {
        let row = (b.key_label, b.action_label);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_text_in_a_field_and_commands_elsewhere() {
        assert_eq!(
            cmd_for(&key(KeyCode::Char('j')), Ctx::Form),
            Some(Cmd::Input("j".into()))
        );
        assert_eq!(
            cmd_for(&key(KeyCode::Char('j')), Ctx::Reading),
            Some(Cmd::Down)
        );
        assert_eq!(
            cmd_for(&key(KeyCode::Char('?')), Ctx::Form),
            Some(Cmd::Input("?".into()))
        );
        assert_eq!(
            cmd_for(&key(KeyCode::Char('?')), Ctx::Reading),
            Some(Cmd::Help)
        );
        assert_eq!(cmd_for(&key(KeyCode::Char('q')), Ctx::Reading), None);
        assert_eq!(
            cmd_for(&key(KeyCode::Char('q')), Ctx::Welcome),
            Some(Cmd::Quit)
        );
    }

    #[test]
    fn left_and_right_move_the_cursor_in_a_field_and_turn_pages_elsewhere() {
        assert_eq!(
            cmd_for(&key(KeyCode::Left), Ctx::Form),
            Some(Cmd::CursorLeft)
        );
        assert_eq!(cmd_for(&key(KeyCode::Left), Ctx::Reading), Some(Cmd::Prev));
        assert_eq!(
            cmd_for(&key(KeyCode::PageDown), Ctx::Reading),
            Some(Cmd::Next)
        );
    }

    #[test]
    fn every_context_shows_language_and_help_except_help_itself() {
        for ctx in [
            Ctx::Welcome,
            Ctx::Form,
            Ctx::Reading,
            Ctx::Check,
            Ctx::Choice,
            Ctx::Receipt,
        ] {
            let h = hints(ctx);
            assert!(h.iter().any(|(_, a)| *a == "act-language"), "{ctx:?}");
            assert!(h.iter().any(|(_, a)| *a == "act-help"), "{ctx:?}");
        }
    }

    #[test]
    fn control_keys_are_never_commands() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(cmd_for(&ctrl_c, Ctx::Form), None);
    }
}
