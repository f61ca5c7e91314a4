//! The admin and trainer dashboard (`tebiki admin`): who has been reached, where everyone
//! stands, whom to follow up with, and who supports whom; stage changes, follow-ups and
//! champion pairings are recorded from here.
//!
//! Like the other full-screen modes, nothing here draws or reads files: keys and ticks come
//! in, the state changes, and effects (a record to append, a PIN to check, a person's records
//! or what was appended to the ledger to read) go out to [`perform`], whose outcome is folded
//! back. The ledger is read on a second thread at start ([`store::Loading`]), then only what
//! is appended is folded in.

mod events;
pub mod forms;
mod loading;
pub mod model;
mod person;
mod recording;
pub mod search;
pub mod store;
mod views;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::Value;

use crate::app::Notice;
use crate::app::kiosk::{PinPrompt, PinStep};
use crate::i18n::{Lang, Localizer};
use crate::keys::{self, Cmd, Ctx};
use crate::ledger::Checked;
use crate::record::entry::{Change, Entry};
use crate::record::{Subject, Via};
use crate::state::{ConsentState, EmployeeState, Stage};
use crate::text_field::TextField;
use crate::viewport::Viewport;
use forms::{AttendanceForm, FollowupForm, Form, PickForm, StageForm, VoidForm, WithdrawalForm};
use model::{ChampionRow, Derived, Model};
use store::{Appended, Loading, Refreshed};

/// How often the ledger files are looked at for new records.
pub const REFRESH_EVERY: Duration = Duration::from_secs(2);

/// The four views, in the order Tab and the digits 1 to 4 reach them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Overview,
    People,
    Followups,
    Champions,
}

impl View {
    pub const ALL: [View; 4] = [
        View::Overview,
        View::People,
        View::Followups,
        View::Champions,
    ];

    pub fn index(self) -> usize {
        View::ALL.iter().position(|v| *v == self).unwrap_or(0)
    }

    /// Fluent id of the view's name.
    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "dash-view-overview",
            View::People => "dash-view-people",
            View::Followups => "dash-view-followups",
            View::Champions => "dash-view-champions",
        }
    }
}

/// Which people the lists show, the same in every view (and shown above them): the
/// department (the overview's choice), a stage, a consent state, only overdue follow-ups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Filter {
    pub stage: Option<Stage>,
    pub consent: Option<ConsentState>,
    pub overdue: bool,
}

/// The order of the people and follow-up lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Follow-ups: overdue first, then due soonest; people: as the roster lists them.
    #[default]
    Due,
    Name,
    Department,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Due => Sort::Name,
            Sort::Name => Sort::Department,
            Sort::Department => Sort::Due,
        }
    }

    /// Fluent id of its name.
    pub fn label(self) -> &'static str {
        match self {
            Sort::Due => "dash-sort-due",
            Sort::Name => "dash-sort-name",
            Sort::Department => "dash-sort-department",
        }
    }
}

/// The rows of the filter pop-up.
pub const FILTER_ROWS: usize = 4;

/// What stands before the dashboard: the admin PIN, then the user's name.
#[derive(Debug, Clone)]
pub enum Gate {
    Pin(PinPrompt),
    Name(TextField),
    Open,
}

/// Where the dashboard reads and writes, and what it compares with.
#[derive(Debug, Clone)]
pub struct Setup {
    pub ledger_dir: PathBuf,
    pub roster_path: PathBuf,
    /// The data folder, where wrong PIN tries are counted.
    pub data_dir: PathBuf,
    /// This terminal's ledger file is `<kiosk_id>.jsonl`.
    pub kiosk_id: String,
    pub pin_hash: Option<String>,
    /// Who is using the dashboard, when given on the command line.
    pub by: Option<String>,
    /// The current policy version: a `given` under an older one is `expired`.
    pub policy: String,
    /// The current policy's id, named by the withdrawals recorded here.
    pub policy_id: String,
    pub tz: TimeZone,
    /// Today in the organisation's time zone (follow-ups due before it are overdue).
    pub today: Date,
}

/// What `update` asks the runner to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Check this PIN; report back with [`Dashboard::pin_outcome`].
    VerifyPin(String),
    /// Read person `i`'s records back from the ledger and show them
    /// ([`Dashboard::show_person`]).
    OpenPerson(u32),
    /// Read the open person `i`'s records again (new ones of theirs were folded in) and show
    /// them where the page was ([`Dashboard::reread_person`]).
    RereadPerson(u32),
    /// Read what was appended to the ledger since the last look; fold it back with
    /// [`Dashboard::refreshed`].
    Refresh,
    /// Read the whole ledger (and the roster, unless `roster` holds it) on a second thread;
    /// hand the pass begun to [`Dashboard::loading_started`]. The current figures stay shown
    /// until it is done.
    Load {
        roster: Option<Option<std::sync::Arc<Vec<crate::roster::Employee>>>>,
    },
    /// Append this record; report back with [`Dashboard::record_saved`] or
    /// [`Dashboard::record_failed`]. With `keeps_followup` (a stage change), the person's open
    /// follow-up stays open (`"followup": "kept"`).
    Append {
        entry: Box<Entry>,
        keeps_followup: bool,
    },
}

/// A record waiting for the user to confirm it: every write is shown first.
#[derive(Debug, Clone, PartialEq)]
pub struct Pending {
    pub entry: Entry,
    pub keeps_followup: bool,
    /// The person's open follow-up is closed by this record (shown, so it is no surprise).
    pub closes_followup: bool,
}

/// One person opened: their state and full history, read from disk when opened.
#[derive(Debug, Clone)]
pub struct PersonView {
    pub person: u32,
    pub state: EmployeeState,
    /// When each history entry happened, when the record says (`occurred_at`).
    pub occurred: Vec<Option<String>>,
    pub scroll: usize,
    /// The record selected in the timeline: 0 is the newest (the timeline is newest first).
    pub cursor: usize,
    /// The records could not be read back (the reason).
    pub error: Option<String>,
    /// Records of the person when the history was read: a change means read it again.
    records: usize,
}

pub struct Dashboard {
    pub loc: Localizer,
    pub lang: Lang,
    pub setup: Setup,
    pub gate: Gate,
    /// Who records: given with `--by` or typed at the start.
    pub by: String,
    pub view: View,
    pub model: Model,
    pub derived: Derived,
    /// The first full pass is done.
    pub loaded: bool,
    pub loading: Option<Loading>,
    /// Why the ledger could not be read.
    pub load_error: Option<String>,
    /// The department the overview shows: 0 for all, else 1 + index in `derived.departments`.
    pub department: usize,
    pub query: TextField,
    /// The search box has the keyboard (People): typed digits and `q` are text there.
    pub searching: bool,
    /// Stage, consent and overdue filters (the department is `department`).
    pub filter: Filter,
    /// The filter pop-up is open, on this row.
    pub filtering: Option<usize>,
    pub sort: Sort,
    /// The follow-up list as filtered and sorted.
    pub followups: Vec<u32>,
    /// The champions view's rows as filtered: the people supported and the unsupported who
    /// pass the filters, and each champion who passes or supports someone listed.
    pub champion_rows: Vec<ChampionRow>,
    /// People matching the query, in model order.
    pub results: Vec<u32>,
    /// The normalised query `results` are for.
    searched: String,
    /// Earlier queries this one extends, with their matches: erasing a key goes back to them
    /// instead of searching everyone again.
    narrowed: Vec<(String, Vec<u32>)>,
    /// Selected row in the people, follow-up and champion lists.
    pub selected: [usize; 3],
    pub person: Option<PersonView>,
    pub form: Option<Form>,
    /// A record shown for confirmation before it is written.
    pub confirm: Option<Pending>,
    /// A record is being written.
    pub saving: bool,
    /// Esc was pressed once on a form with something typed: a second Esc closes it.
    pub discard_armed: bool,
    /// Lines of the overview scrolled past (PageDown), when it does not fit (at 40x12).
    pub overview_scroll: usize,
    pub help: bool,
    pub help_scroll: usize,
    pub notice: Option<Notice>,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    last_refresh: Option<Instant>,
    /// What the view last laid out of the open person's page (written back as it draws):
    /// scrolling goes by it.
    pub page_viewport: Viewport,
}

impl Dashboard {
    /// A dashboard that starts reading the ledger at once, behind the PIN and name prompts:
    /// [`Dashboard::idle`] with its first [`Effect::Load`] performed.
    pub fn new(loc: Localizer, lang: Lang, setup: Setup) -> Dashboard {
        let mut d = Dashboard::idle(loc, lang, setup);
        perform(&mut d, Effect::Load { roster: None });
        d
    }

    /// A dashboard that has read nothing yet; its first [`Effect::Load`] reads the ledger.
    pub fn idle(loc: Localizer, lang: Lang, setup: Setup) -> Dashboard {
        let gate = if setup.pin_hash.is_some() {
            Gate::Pin(PinPrompt::default())
        } else if setup.by.is_none() {
            Gate::Name(TextField::default())
        } else {
            Gate::Open
        };
        let by = setup.by.clone().unwrap_or_default();
        Dashboard {
            loc,
            lang,
            setup,
            gate,
            by,
            view: View::Overview,
            model: Model::default(),
            derived: Derived::default(),
            loaded: false,
            loading: None,
            load_error: None,
            department: 0,
            query: TextField::default(),
            searching: false,
            filter: Filter::default(),
            filtering: None,
            sort: Sort::default(),
            followups: Vec::new(),
            champion_rows: Vec::new(),
            results: Vec::new(),
            searched: String::new(),
            narrowed: Vec::new(),
            selected: [0; 3],
            person: None,
            form: None,
            confirm: None,
            saving: false,
            discard_armed: false,
            overview_scroll: 0,
            help: false,
            help_scroll: 0,
            notice: None,
            quit: false,
            width: 80,
            height: 24,
            last_refresh: None,
            page_viewport: Viewport::default(),
        }
    }

    /// Fluent lookup in the current language.
    pub fn t(&self, id: &str) -> String {
        self.loc.t(&self.lang, id)
    }

    pub fn ctx(&self) -> Ctx {
        if self.help {
            return Ctx::Help;
        }
        self.base_ctx()
    }

    /// Where the user is, ignoring the help.
    pub fn base_ctx(&self) -> Ctx {
        if self.confirm.is_some() {
            return Ctx::DashConfirm;
        }
        if self.filtering.is_some() {
            return Ctx::DashFilter;
        }
        match (&self.gate, &self.form, &self.person) {
            (Gate::Pin(_), _, _) => Ctx::Pin,
            (Gate::Name(_), _, _) => Ctx::DashName,
            (_, Some(Form::Followup(_)), _) => Ctx::DashFollowupForm,
            (_, Some(Form::Stage(_)), _) => Ctx::DashStageForm,
            (_, Some(Form::Pick(_)), _) => Ctx::DashPick,
            (_, Some(Form::Withdrawal(_)), _) => Ctx::DashWithdrawalForm,
            (_, Some(Form::Attendance(_)), _) => Ctx::DashAttendanceForm,
            (_, Some(Form::Void(_)), _) => Ctx::DashVoidForm,
            (_, None, Some(_)) => Ctx::DashPerson,
            _ => match self.view {
                View::Overview => Ctx::DashOverview,
                View::People if self.searching => Ctx::DashPeople,
                View::People => Ctx::DashPeopleList,
                View::Followups => Ctx::DashFollowups,
                View::Champions => Ctx::DashChampions,
            },
        }
    }
}

/// Champions whose id or name contains `filter`, other than the person to be supported.
fn pick_matches(model: &Model, derived: &Derived, filter: &str, person: u32) -> Vec<u32> {
    let q = search::normalize(filter);
    derived
        .champions
        .iter()
        .copied()
        .filter(|&c| c != person && model.keys[c as usize].contains(q.as_str()))
        .collect()
}

fn update_pin(prompt: &mut PinPrompt, cmd: Cmd, quit: &mut bool) -> Option<Effect> {
    match prompt.update(&cmd) {
        PinStep::Typing => None,
        PinStep::Cancel => {
            *quit = true;
            None
        }
        PinStep::Check(pin) => Some(Effect::VerifyPin(pin)),
    }
}

/// Carries out an effect: checks the PIN, or appends the record to this terminal's ledger file
/// (taking the file's lock for that one append, as a kiosk on the same machine does).
pub fn perform(d: &mut Dashboard, effect: Effect) {
    let mut next = Some(effect);
    while let Some(effect) = next {
        next = perform_one(d, effect);
    }
}

/// Carries out each of `effects` (and what each asks for next) in order.
pub fn perform_all(d: &mut Dashboard, effects: impl IntoIterator<Item = Effect>) {
    for effect in effects {
        perform(d, effect);
    }
}

/// Carries out one effect; returns what folding its outcome asks for next.
fn perform_one(d: &mut Dashboard, effect: Effect) -> Option<Effect> {
    match effect {
        Effect::OpenPerson(i) => {
            let read = store::records_of(&d.model, i);
            d.show_person(i, read);
            None
        }
        Effect::RereadPerson(i) => {
            let read = store::records_of(&d.model, i);
            d.reread_person(i, read);
            None
        }
        Effect::Refresh => {
            let appended = store::read_appended(&d.model, &d.setup.ledger_dir);
            d.refreshed(appended)
        }
        Effect::Load { roster } => {
            let loading = Loading::start(
                d.setup.ledger_dir.clone(),
                d.setup.roster_path.clone(),
                roster,
            );
            d.loading_started(loading);
            None
        }
        Effect::VerifyPin(pin) => {
            let now = jiff::Timestamp::now().as_second();
            let outcome = match &d.setup.pin_hash {
                Some(hash) => crate::pin::attempt(
                    &d.setup.data_dir,
                    crate::pin::Counter::Dashboard,
                    hash,
                    &pin,
                    now,
                ),
                None => crate::pin::Outcome::Accepted,
            };
            d.pin_outcome(outcome);
            None
        }
        Effect::Append {
            entry,
            keeps_followup,
        } => {
            let (record_type, mut body) = entry.record();
            if keeps_followup {
                body.insert("followup".into(), crate::state::KEPT.into());
            }
            let dir = d.setup.ledger_dir.clone();
            let policy = d.setup.policy.clone();
            // Under the check lock, against the ledger as it is now (a kiosk or another admin
            // may have recorded something since the dashboard loaded); a refusal makes no file.
            let result = crate::ledger::Writer::open_and_append_checked(
                &dir,
                &d.setup.kiosk_id,
                crate::recorder::LOCK_WAIT,
                || {
                    // A record added after a break in this terminal's own file would never be
                    // used.
                    if let Some(broken) = crate::ledger::own_file_broken(&dir, &d.setup.kiosk_id) {
                        return Err(CheckFailed::Unreadable(broken));
                    }
                    let (state, issues) = crate::status::load(&dir, &entry.employee.id, &policy)
                        .map_err(CheckFailed::Unreadable)?;
                    let withheld = crate::ledger::withheld_about(&issues, &entry.employee.id);
                    if let Err(r) = crate::record::entry::allowed(&entry.change, &state)
                        && !crate::record::entry::withdrawal_despite_withheld(
                            &entry.change,
                            &state,
                            withheld,
                        )
                    {
                        return Err(CheckFailed::Refused(r, state.consent));
                    }
                    let mut body = body;
                    if matches!(entry.change, Change::Withdrawal { .. }) {
                        crate::record::entry::name_withdrawn_version(
                            &mut body,
                            state.consent,
                            state.policy_version.as_deref(),
                            withheld,
                        );
                    }
                    Ok((record_type.as_str().to_string(), body))
                },
            );
            match result {
                Ok(_) => return d.record_saved(&entry),
                Err(Checked::Ledger(e) | Checked::Refused(CheckFailed::Unreadable(e))) => {
                    let reason = ledger_error_text(d, &e);
                    d.record_failed(reason);
                }
                Err(Checked::Refused(CheckFailed::Refused(refusal, state))) => {
                    // The state found under the lock, which refused it (another terminal may
                    // have recorded something since the dashboard read the ledger).
                    let (message, _) = refusal.message_ids();
                    let reason = d.loc.ta(
                        &d.lang,
                        message,
                        &[
                            ("id", entry.employee.id.clone().into()),
                            (
                                "state",
                                d.loc
                                    .t(&d.lang, &format!("state-{}", state.as_str()))
                                    .into(),
                            ),
                        ],
                    );
                    d.record_failed(reason);
                }
            }
            None
        }
    }
}

/// Why a checked append was refused.
enum CheckFailed {
    Unreadable(crate::ledger::LedgerError),
    /// Refused, and the person's consent as the check found it.
    Refused(crate::record::entry::Refusal, crate::state::ConsentState),
}

/// Why an append failed, in the user's language, with the file when there is one.
fn ledger_error_text(d: &Dashboard, e: &crate::ledger::LedgerError) -> String {
    crate::error_text::describe(&d.loc, &d.lang, crate::error_text::Failure::Ledger(e)).line()
}

/// The stage words a trainer can pick, for the views.
pub fn stage_label(stage: Stage) -> String {
    format!("report-stage-{}", stage.as_str())
}
