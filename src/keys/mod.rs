//! The key table: one list of bindings per mode (`flow`, `trainer`, `dashboard`, one line a
//! binding) that both the key handler and the hint bar read, so the hint bar always shows
//! exactly the keys that work where the person is.

mod dashboard;
mod flow;
mod trainer;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where the person is, as far as keys are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// Confirming a withdrawal of consent at the terminal.
    Withdraw,
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
    /// Trainer mode: after an attendee's turn, the screen is being turned back to the trainer.
    Handback,
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
        Withdraw,
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
        Handback,
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
    PageUp,
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
    /// A digit: towards a slide number (trainer mode), or a view (dashboard).
    Digit(u8),
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
    /// Dashboard: clear the search (the people found).
    Clear,
    /// In a text field: erase everything before the cursor (Ctrl-U, as in a shell).
    EraseToStart,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub shift: bool,
    pub ctrl: bool,
}

const fn k(code: KeyCode) -> Key {
    Key {
        code,
        shift: false,
        ctrl: false,
    }
}

/// A key with Shift held.
const fn sh(code: KeyCode) -> Key {
    Key {
        code,
        shift: true,
        ctrl: false,
    }
}

/// A key with Ctrl held.
const fn ctl(code: KeyCode) -> Key {
    Key {
        code,
        shift: false,
        ctrl: true,
    }
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

/// The hint bar shows the binding.
const SHOWN: bool = true;
/// Only help lists the binding.
const HELP_ONLY: bool = false;

/// One binding, on one line of a mode's table.
const fn bind(
    keys: &'static [Key],
    cmd: Cmd,
    ctx: &'static [Ctx],
    key_label: &'static str,
    action_label: &'static str,
    in_hint_bar: bool,
) -> Binding {
    Binding {
        keys,
        cmd,
        ctx,
        key_label,
        action_label,
        in_hint_bar,
    }
}

impl Ctx {
    /// The table of the mode `self` belongs to.
    fn table(self) -> &'static [Binding] {
        match self {
            Welcome | Form | Reading | Revisit | Check | CheckWrong | Choice | Review
            | Withdraw | Receipt | Help | Pin | Renewal | Notice | Choose => flow::BINDINGS,
            PresentSetup | Slides | Attendees | Handover | Handback | AddAttendee | SetupList
            | Overview | QuitConfirm | Follow => trainer::BINDINGS,
            DashName | DashOverview | DashPeople | DashPeopleList | DashPerson | DashFollowups
            | DashChampions | DashFollowupForm | DashStageForm | DashPick | DashWithdrawalForm
            | DashAttendanceForm | DashVoidForm | DashConfirm | DashFilter => dashboard::BINDINGS,
        }
    }

    /// Whether typing goes into a text field here (letters are text, not commands).
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Form | Pin
                | PresentSetup
                | AddAttendee
                | DashName
                | DashPeople
                | DashFollowupForm
                | DashStageForm
                | DashPick
                | DashWithdrawalForm
                | DashAttendanceForm
                | DashVoidForm
        )
    }
}

use Ctx::*;

/// Every binding, mode by mode: the flow's, trainer mode's, the dashboard's.
pub static BINDINGS: Table = Table;

/// The tables of all modes, read as one.
#[derive(Debug, Clone, Copy)]
pub struct Table;

type AllBindings = std::iter::Chain<
    std::iter::Chain<std::slice::Iter<'static, Binding>, std::slice::Iter<'static, Binding>>,
    std::slice::Iter<'static, Binding>,
>;

impl Table {
    pub fn iter(self) -> AllBindings {
        flow::BINDINGS
            .iter()
            .chain(trainer::BINDINGS)
            .chain(dashboard::BINDINGS)
    }
}

impl IntoIterator for Table {
    type Item = &'static Binding;
    type IntoIter = AllBindings;
    fn into_iter(self) -> AllBindings {
        self.iter()
    }
}

/// What a state machine says of its commands: whether one does something where it is now
/// (quitting is for an attended terminal, "end the pairing" needs a pairing). The key handler,
/// the hint bar and help all ask it, so a key is shown exactly when it does something.
/// `ctx` is where the keys are read: where the machine is, or, for help's rows, the place
/// under the help.
pub trait Enabled {
    fn enabled(&self, ctx: Ctx, cmd: &Cmd) -> bool;
}

/// Every command enabled: the tables as written, for the views that have no state to ask.
#[derive(Debug, Clone, Copy)]
pub struct AllEnabled;

impl Enabled for AllEnabled {
    fn enabled(&self, _: Ctx, _: &Cmd) -> bool {
        true
    }
}

/// Whether a binding's key stands for the key `key` (Shift matters only for Tab).
fn same_key(bound: &Key, code: KeyCode, shift: bool, ctrl: bool) -> bool {
    bound.code == code
        && bound.ctrl == ctrl
        && (bound.shift == shift || !matches!(bound.code, KeyCode::Tab))
}

/// The binding a key reaches in `ctx` of `machine`: the first of the key's bindings there whose
/// command is enabled now.
fn reached(
    code: KeyCode,
    (shift, ctrl): (bool, bool),
    ctx: Ctx,
    machine: &impl Enabled,
) -> Option<&'static Binding> {
    ctx.table().iter().find(|b| {
        b.ctx.contains(&ctx)
            && b.keys.iter().any(|key| same_key(key, code, shift, ctrl))
            && machine.enabled(ctx, &b.cmd)
    })
}

/// The bindings of `ctx` that do something now: enabled, and reached by one of their keys.
fn live(ctx: Ctx, machine: &impl Enabled) -> impl Iterator<Item = &'static Binding> + '_ {
    ctx.table().iter().filter(move |b| {
        b.ctx.contains(&ctx)
            && b.keys.iter().any(|key| {
                reached(key.code, (key.shift, key.ctrl), ctx, machine)
                    .is_some_and(|r| std::ptr::eq(r, *b))
            })
    })
}

/// The hint bar for `ctx` of `machine`: (key label id, action label id) of the bindings that
/// do something now, in table order.
pub fn hints_for(ctx: Ctx, machine: &impl Enabled) -> Vec<(&'static str, &'static str)> {
    live(ctx, machine)
        .filter(|b| b.in_hint_bar)
        .map(|b| (b.key_label, b.action_label))
        .collect()
}

/// Help's rows for `ctx` of `machine`: every binding that does something now, once per label.
pub fn help_rows_for(ctx: Ctx, machine: &impl Enabled) -> Vec<(&'static str, &'static str)> {
    let mut rows: Vec<(&'static str, &'static str)> = Vec::new();
    for b in live(ctx, machine) {
        let row = (b.key_label, b.action_label);
        if !rows.contains(&row) {
            rows.push(row);
        }
    }
    rows
}

/// What a key press means in `ctx`, every command enabled: a binding from the table, or typed
/// text in a field.
pub fn cmd_for(event: &KeyEvent, ctx: Ctx) -> Option<Cmd> {
    cmd_for_in(event, ctx, &AllEnabled)
}

/// What a key press means in `ctx` of `machine`: the first of the key's bindings there whose
/// command is enabled now, or typed text in a field. A key whose commands are all disabled does
/// nothing.
pub fn cmd_for_in(event: &KeyEvent, ctx: Ctx, machine: &impl Enabled) -> Option<Cmd> {
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    if alt {
        return None;
    }
    if let Some(b) = reached(event.code, (shift, ctrl), ctx, machine) {
        return Some(b.cmd.clone());
    }
    if ctrl {
        return None;
    }
    let bound = ctx.table().iter().any(|b| {
        b.ctx.contains(&ctx) && b.keys.iter().any(|k| same_key(k, event.code, shift, false))
    });
    match event.code {
        KeyCode::Char(c) if ctx.takes_text() && !bound => {
            let input = Cmd::Input(c.to_string());
            machine.enabled(ctx, &input).then_some(input)
        }
        _ => None,
    }
}

/// The hint bar for `ctx`, every command enabled.
pub fn hints(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    hints_for(ctx, &AllEnabled)
}

/// Every binding of `ctx`, every command enabled, for the help overlay: (key label id, action
/// label id).
pub fn help_rows(ctx: Ctx) -> Vec<(&'static str, &'static str)> {
    help_rows_for(ctx, &AllEnabled)
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
