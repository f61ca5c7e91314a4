//! The admin and trainer dashboard (`tebiki admin`): who has been reached, where everyone
//! stands, whom to follow up with, and who supports whom; stage changes, follow-ups and
//! champion pairings are recorded from here.
//!
//! Like the other full-screen modes, nothing here draws: keys come in, the state changes, and
//! effects (a record to append, a PIN to check) go out to [`perform`]. The ledger is read on a
//! second thread at start ([`store::Loading`]), then only what is appended is folded in.

pub mod forms;
pub mod model;
pub mod search;
pub mod store;
pub mod terminal;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde_json::Value;

use crate::app::Notice;
use crate::i18n::{Lang, Localizer};
use crate::keys::{self, Cmd, Ctx};
use crate::kiosk::{PinPrompt, PinStep};
use crate::ledger::Checked;
use crate::record::entry::{Change, Entry};
use crate::record::{Subject, Via};
use crate::state::{ConsentState, EmployeeState, Stage};
use crate::text_field::TextField;
use forms::{AttendanceForm, FollowupForm, Form, PickForm, StageForm, VoidForm, WithdrawalForm};
use model::{ChampionRow, Derived, Model};
use store::{Loading, Refreshed};

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
    pub help: bool,
    pub help_scroll: usize,
    pub notice: Option<Notice>,
    pub quit: bool,
    pub width: u16,
    pub height: u16,
    last_refresh: Option<Instant>,
}

impl Dashboard {
    /// A dashboard that starts reading the ledger at once, behind the PIN and name prompts.
    pub fn new(loc: Localizer, lang: Lang, setup: Setup) -> Dashboard {
        let gate = if setup.pin_hash.is_some() {
            Gate::Pin(PinPrompt::default())
        } else if setup.by.is_none() {
            Gate::Name(TextField::default())
        } else {
            Gate::Open
        };
        let by = setup.by.clone().unwrap_or_default();
        let loading = Loading::start(setup.ledger_dir.clone(), setup.roster_path.clone(), None);
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
            loading: Some(loading),
            load_error: None,
            department: 0,
            query: TextField::default(),
            searching: false,
            filter: Filter::default(),
            filtering: None,
            sort: Sort::default(),
            followups: Vec::new(),
            results: Vec::new(),
            searched: String::new(),
            narrowed: Vec::new(),
            selected: [0; 3],
            person: None,
            form: None,
            confirm: None,
            saving: false,
            help: false,
            help_scroll: 0,
            notice: None,
            quit: false,
            width: 80,
            height: 24,
            last_refresh: None,
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

    // --- loading and refreshing ---------------------------------------------------------

    /// Waits for the first full pass (or a reload) to end and takes its result.
    pub fn wait_loaded(&mut self) {
        if let Some(loading) = self.loading.take() {
            self.take_loaded(loading);
        }
    }

    fn take_loaded(&mut self, loading: Loading) {
        match loading.finish() {
            Ok(loaded) => {
                if loaded.roster_unreadable {
                    self.notice = Some(Notice::error("dash-roster-unreadable"));
                }
                self.model = loaded.model;
                self.loaded = true;
                self.load_error = None;
                self.after_change(true);
                // What was appended while the pass ran.
                self.refresh();
            }
            Err(e) => self.load_error = Some(ledger_error_text(self, &e)),
        }
    }

    /// Called several times a second: takes a finished pass, and every [`REFRESH_EVERY`]
    /// folds what was appended to the ledger.
    pub fn tick(&mut self, now: Instant, today: Date) {
        if today != self.setup.today {
            self.setup.today = today;
            self.after_change(false);
        }
        if self.loading.as_ref().is_some_and(Loading::is_finished)
            && let Some(loading) = self.loading.take()
        {
            self.take_loaded(loading);
            self.last_refresh = Some(now);
        }
        let due = self
            .last_refresh
            .is_none_or(|at| now.saturating_duration_since(at) >= REFRESH_EVERY);
        if due {
            self.last_refresh = Some(now);
            self.refresh();
        }
    }

    /// Folds what was appended since the last look; starts a full pass when only that gives
    /// the right state (a file shrank, or older records arrived from another site).
    pub fn refresh(&mut self) {
        if !self.loaded || self.loading.is_some() {
            return;
        }
        match store::refresh(&mut self.model, &self.setup.ledger_dir) {
            Refreshed::Nothing => {}
            Refreshed::Folded(_) => self.after_change(false),
            Refreshed::Reload => self.reload(),
        }
    }

    /// Reads the whole ledger again on the second thread; the current figures stay shown
    /// until it is done.
    pub fn reload(&mut self) {
        if self.loading.is_none() {
            self.loading = Some(Loading::start(
                self.setup.ledger_dir.clone(),
                self.setup.roster_path.clone(),
                Some(self.model.roster.clone()),
            ));
        }
    }

    /// The model changed: figures, lists and the open person follow.
    fn after_change(&mut self, everything: bool) {
        self.derived = Derived::of(&self.model, &self.setup.policy, self.setup.today);
        self.department = self.department.min(self.derived.departments.len());
        self.search(true);
        self.clamp_selection();
        if let Some(pv) = &self.person {
            let i = pv.person;
            let now = self.model.people.get(i as usize).map(|p| p.records.len());
            if everything || now != Some(pv.records) {
                let scroll = pv.scroll;
                self.open_person(i);
                if let Some(pv) = self.person.as_mut() {
                    pv.scroll = scroll;
                }
            }
        }
        if let Some(Form::Pick(f)) = &mut self.form {
            f.matches = pick_matches(&self.model, &self.derived, f.filter.value(), f.person);
        }
    }

    /// Runs the search for the query; a query that extends the last one searches only its
    /// matches.
    fn search(&mut self, full: bool) {
        let q = search::normalize(self.query.value());
        if full {
            self.narrowed.clear();
            self.results = model::search(&self.model, &q, None);
        } else if q == self.searched {
            return;
        } else if !self.searched.is_empty() && q.contains(self.searched.as_str()) {
            let narrowed = model::search(&self.model, &q, Some(&self.results));
            let wider = std::mem::replace(&mut self.results, narrowed);
            self.narrowed
                .push((std::mem::take(&mut self.searched), wider));
        } else {
            while let Some((earlier, _)) = self.narrowed.last()
                && !q.contains(earlier.as_str())
            {
                self.narrowed.pop();
            }
            self.results = match self.narrowed.pop() {
                Some((earlier, matches)) if earlier == q => matches,
                Some((earlier, matches)) => {
                    let narrowed = model::search(&self.model, &q, Some(&matches));
                    self.narrowed.push((earlier, matches));
                    narrowed
                }
                None => model::search(&self.model, &q, None),
            };
        }
        self.searched = q;
        self.arrange();
    }

    /// Whether person `i` passes the department, stage, consent and overdue filters.
    pub fn passes(&self, i: u32) -> bool {
        let p = &self.model.people[i as usize];
        if let Some(dept) = self.department.checked_sub(1) {
            let wanted = self
                .derived
                .departments
                .get(dept)
                .map(|(n, _)| n.as_deref());
            if wanted.is_some_and(|w| w != self.model.department(i)) {
                return false;
            }
        }
        self.filter.stage.is_none_or(|s| p.standing.stage == s)
            && self
                .filter
                .consent
                .is_none_or(|c| self.model.consent(i, &self.setup.policy) == c)
            && (!self.filter.overdue
                || p.followup
                    .as_ref()
                    .and_then(|f| f.due)
                    .is_some_and(|d| d < self.setup.today))
    }

    /// Applies the filters and the order to the people found and the follow-ups.
    fn arrange(&mut self) {
        let mut results = std::mem::take(&mut self.results);
        results.retain(|&i| self.passes(i));
        let mut followups: Vec<u32> = self
            .derived
            .followups
            .iter()
            .copied()
            .filter(|&i| self.passes(i))
            .collect();
        let name = |i: &u32| search::normalize(self.model.name(*i).unwrap_or(""));
        let dept = |i: &u32| {
            self.model
                .department(*i)
                .unwrap_or("\u{10FFFF}")
                .to_string()
        };
        match self.sort {
            Sort::Due => {}
            Sort::Name => {
                results.sort_by_cached_key(name);
                followups.sort_by_cached_key(name);
            }
            Sort::Department => {
                results.sort_by_cached_key(|i| (dept(i), name(i)));
                followups.sort_by_cached_key(|i| (dept(i), name(i)));
            }
        }
        self.results = results;
        self.followups = followups;
    }

    /// The filters or the order changed: the lists follow, from the top.
    fn refilter(&mut self) {
        self.search(true);
        self.selected = [0; 3];
    }

    /// The filter pop-up: ↑↓ a row, ←→ its value, Enter or Esc closes it.
    fn update_filter(&mut self, cmd: Cmd) -> Option<Effect> {
        let row = self.filtering?;
        let step = |forward: bool, at: usize, n: usize| {
            if forward {
                (at + 1) % n
            } else {
                (at + n - 1) % n
            }
        };
        let forward = matches!(cmd, Cmd::CursorRight | Cmd::Toggle | Cmd::Input(_));
        match cmd {
            Cmd::Up => self.filtering = Some(row.saturating_sub(1)),
            Cmd::Down => self.filtering = Some((row + 1).min(FILTER_ROWS - 1)),
            Cmd::Confirm | Cmd::Back | Cmd::Filter => self.filtering = None,
            Cmd::CursorLeft | Cmd::CursorRight | Cmd::Toggle => {
                match row {
                    0 => {
                        let n = self.derived.departments.len() + 1;
                        self.department = step(forward, self.department, n);
                    }
                    1 => {
                        let all = &forms::STAGES_ALL;
                        let at = self
                            .filter
                            .stage
                            .map_or(0, |s| all.iter().position(|x| *x == s).map_or(0, |p| p + 1));
                        let next = step(forward, at, all.len() + 1);
                        self.filter.stage = next.checked_sub(1).map(|k| all[k]);
                    }
                    2 => {
                        let all = &ConsentState::ALL;
                        let at = self
                            .filter
                            .consent
                            .map_or(0, |s| all.iter().position(|x| *x == s).map_or(0, |p| p + 1));
                        let next = step(forward, at, all.len() + 1);
                        self.filter.consent = next.checked_sub(1).map(|k| all[k]);
                    }
                    _ => self.filter.overdue = !self.filter.overdue,
                }
                self.refilter();
            }
            _ => {}
        }
        None
    }

    fn clamp_selection(&mut self) {
        let lens = [
            self.results.len(),
            self.followups.len(),
            self.derived.champion_rows.len(),
        ];
        for (s, len) in self.selected.iter_mut().zip(lens) {
            *s = (*s).min(len.saturating_sub(1));
        }
    }

    // --- events -------------------------------------------------------------------------

    /// A terminal event in, maybe an effect out.
    pub fn handle_event(&mut self, event: &Event) -> Option<Effect> {
        match event {
            Event::Resize(w, h) => {
                self.resize(*w, *h);
                None
            }
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
                    self.quit = true;
                    return None;
                }
                let cmd = keys::cmd_for(key, self.ctx())?;
                if cmd == Cmd::Digit {
                    if let KeyCode::Char(c) = key.code
                        && let Some(v) = c.to_digit(10).and_then(|d| View::ALL.get(d as usize - 1))
                    {
                        self.notice = None;
                        self.switch_view(*v);
                    }
                    return None;
                }
                self.update(cmd)
            }
            Event::Paste(text) if is_text_ctx(self.ctx()) => self.update(Cmd::Input(text.clone())),
            _ => None,
        }
    }

    pub fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.clamp_scroll();
    }

    /// The one place a command changes the dashboard's state.
    pub fn update(&mut self, cmd: Cmd) -> Option<Effect> {
        self.notice = None;
        if cmd == Cmd::SwitchLang {
            let langs = self.loc.languages();
            let at = langs.iter().position(|l| *l == self.lang).unwrap_or(0);
            self.lang = langs[(at + 1) % langs.len().max(1)].clone();
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
        if cmd == Cmd::Help {
            self.help = true;
            self.help_scroll = 0;
            return None;
        }
        match &mut self.gate {
            Gate::Pin(prompt) => return update_pin(prompt, cmd, &mut self.quit),
            Gate::Name(field) => {
                match cmd {
                    Cmd::Back => self.quit = true,
                    Cmd::Confirm => {
                        let name = field.value().trim().to_string();
                        if name.is_empty() {
                            self.notice = Some(Notice::error("dash-name-missing"));
                        } else {
                            self.by = name;
                            self.gate = Gate::Open;
                        }
                    }
                    other => self.notice = forms::edit(field, &other),
                }
                return None;
            }
            Gate::Open => {}
        }
        if self.confirm.is_some() {
            return self.update_confirm(cmd);
        }
        if self.filtering.is_some() {
            return self.update_filter(cmd);
        }
        if self.form.is_some() {
            return self.update_form(cmd);
        }
        if self.person.is_some() {
            return self.update_person(cmd);
        }
        match self.view {
            View::Overview => self.update_overview(cmd),
            View::People => self.update_people(cmd),
            View::Followups => self.update_followups(cmd),
            View::Champions => self.update_champions(cmd),
        }
    }

    fn switch_view(&mut self, view: View) {
        self.person = None;
        self.form = None;
        // Arriving at People, the keyboard is in the search box.
        self.searching = view == View::People;
        self.view = view;
    }

    fn step_view(&mut self, forward: bool) {
        let n = View::ALL.len();
        let at = self.view.index();
        let next = if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        };
        self.switch_view(View::ALL[next]);
    }

    /// Rows a list shows at the current size (for paging).
    pub fn page(&self) -> usize {
        (self.height as usize).saturating_sub(9).max(1)
    }

    /// Moves a list selection by a command; true when the command was a move.
    fn move_in(sel: &mut usize, len: usize, cmd: &Cmd, page: usize) -> bool {
        let last = len.saturating_sub(1);
        match cmd {
            Cmd::Up => *sel = sel.saturating_sub(1),
            Cmd::Down => *sel = (*sel + 1).min(last),
            Cmd::Prev => *sel = sel.saturating_sub(page),
            Cmd::Next => *sel = (*sel + page).min(last),
            Cmd::Top => *sel = 0,
            Cmd::Bottom => *sel = last,
            _ => return false,
        }
        true
    }

    /// Tab, Shift-Tab, q, the filters and the order, the same in every top-level view.
    fn common_view_cmd(&mut self, cmd: &Cmd) -> bool {
        match cmd {
            Cmd::FocusNext => self.step_view(true),
            Cmd::FocusPrev => self.step_view(false),
            Cmd::Quit => self.quit = true,
            Cmd::Filter => self.filtering = Some(0),
            Cmd::Sort => {
                self.sort = self.sort.next();
                self.refilter();
            }
            _ => return false,
        }
        true
    }

    fn update_overview(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let n = self.derived.departments.len() + 1;
        let before = self.department;
        match cmd {
            Cmd::Up => self.department = (self.department + n - 1) % n,
            Cmd::Down => self.department = (self.department + 1) % n,
            Cmd::Top => self.department = 0,
            Cmd::Bottom => self.department = n - 1,
            Cmd::Back => self.quit = true,
            _ => {}
        }
        // The department chosen here is the filter of the other views too.
        if self.department != before {
            self.refilter();
        }
        None
    }

    fn update_people(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(&mut self.selected[0], self.results.len(), &cmd, page) {
            return None;
        }
        match cmd {
            Cmd::Confirm => {
                if let Some(&i) = self.results.get(self.selected[0]) {
                    self.open_person(i);
                    // Back from the person, the keyboard is on the list.
                    self.searching = false;
                }
            }
            // Esc leaves the search box; the list keeps what was found.
            Cmd::Back if self.searching => self.searching = false,
            Cmd::Search => self.searching = true,
            Cmd::Back if !self.query.value().is_empty() => {
                self.query.clear();
                self.selected[0] = 0;
                self.search(true);
            }
            Cmd::Back => self.switch_view(View::Overview),
            _ if !self.searching => {}
            other => {
                let before = self.query.value().to_string();
                self.notice = forms::edit(&mut self.query, &other);
                if self.query.value() != before {
                    self.selected[0] = 0;
                    self.search(false);
                }
            }
        }
        None
    }

    fn update_followups(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(&mut self.selected[1], self.followups.len(), &cmd, page) {
            return None;
        }
        let person = self.followups.get(self.selected[1]).copied();
        match (cmd, person) {
            (Cmd::Back, _) => self.switch_view(View::Overview),
            (cmd, Some(i)) => return self.person_cmd(i, cmd),
            _ => {}
        }
        None
    }

    fn update_champions(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.common_view_cmd(&cmd) {
            return None;
        }
        let page = self.page();
        if Self::move_in(
            &mut self.selected[2],
            self.derived.champion_rows.len(),
            &cmd,
            page,
        ) {
            return None;
        }
        let row = self.derived.champion_rows.get(self.selected[2]).copied();
        let person = match row {
            Some(ChampionRow::Champion(c)) => Some(c),
            Some(ChampionRow::Supported(_, p)) | Some(ChampionRow::Unsupported(p)) => Some(p),
            _ => None,
        };
        match (cmd, person) {
            (Cmd::Back, _) => self.switch_view(View::Overview),
            // Assigning is for the people supported, not for the champion's own row.
            (Cmd::Assign, _) if matches!(row, Some(ChampionRow::Champion(_))) => {
                self.notice = Some(Notice::error("dash-pick-a-person"));
            }
            (cmd, Some(i)) => return self.person_cmd(i, cmd),
            _ => {}
        }
        None
    }

    /// What the keys about one person do, wherever the person is selected.
    fn person_cmd(&mut self, i: u32, cmd: Cmd) -> Option<Effect> {
        if !self.loaded {
            return None;
        }
        match cmd {
            Cmd::Confirm => self.open_person(i),
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
                let mut form = WithdrawalForm::new(i, self.setup.today);
                // Said at once when there is no consent to withdraw.
                form.problem = self.withdrawal_refused(i);
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

    fn update_person(&mut self, cmd: Cmd) -> Option<Effect> {
        let pv = self.person.as_mut()?;
        let page = (self.height as usize).saturating_sub(8).max(1);
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
            Cmd::Up => pv.scroll = pv.scroll.saturating_sub(1),
            Cmd::Down => pv.scroll += 1,
            Cmd::Void => {
                self.void_selected();
                return None;
            }
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
        self.clamp_scroll();
        None
    }

    /// Scrolls the person's page so the selected record is in view (the top of the page, with
    /// the person's state, when the newest is selected).
    fn follow_cursor(&mut self) {
        let height = crate::ui::dashboard::person::page_height(self);
        let Some(rows) = crate::ui::dashboard::person::entry_rows(self) else {
            return;
        };
        let Some(pv) = self.person.as_mut() else {
            return;
        };
        let row = rows.get(pv.cursor).copied().unwrap_or(0);
        if pv.cursor == 0 {
            pv.scroll = 0;
        } else if row < pv.scroll {
            pv.scroll = row;
        } else if row + 1 > pv.scroll + height {
            pv.scroll = row + 1 - height;
        }
        self.clamp_scroll();
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

    fn clamp_scroll(&mut self) {
        if self.person.is_some() {
            let max = crate::ui::dashboard::person::max_scroll(self);
            if let Some(pv) = self.person.as_mut() {
                pv.scroll = pv.scroll.min(max);
            }
        }
    }

    /// Opens person `i`: their history is read back from the ledger now.
    pub fn open_person(&mut self, i: u32) {
        let Some(p) = self.model.people.get(i as usize) else {
            return;
        };
        let (values, error) = match store::records_of(&self.model, i) {
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
        let occurred = values
            .iter()
            .map(|v| {
                v.get("occurred_at")
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .collect();
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

    // --- forms --------------------------------------------------------------------------

    fn update_form(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.saving {
            return None;
        }
        let today = self.setup.today;
        let refused = match &self.form {
            Some(Form::Withdrawal(f)) => self.withdrawal_refused(f.person),
            _ => None,
        };
        let form = self.form.as_mut()?;
        if cmd == Cmd::Back {
            self.form = None;
            return None;
        }
        match form {
            Form::Followup(f) => match cmd {
                Cmd::FocusNext | Cmd::FocusPrev | Cmd::Up | Cmd::Down => f.on_due = !f.on_due,
                Cmd::Confirm => match f.due_date(today) {
                    Ok(due) => {
                        let (i, note) = (f.person, f.note.value().to_string());
                        return self.entry(i, Change::Followup { due }, Some(note));
                    }
                    Err(problem) => {
                        f.on_due = true;
                        f.problem = Some(problem);
                    }
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Stage(f) => match cmd {
                Cmd::Up => f.choice = f.choice.saturating_sub(1),
                Cmd::Down => f.choice = (f.choice + 1).min(forms::STAGES.len() - 1),
                // With an open follow-up: Tab moves between the note and "close it".
                Cmd::FocusNext | Cmd::FocusPrev if f.followup_open => {
                    f.on_close = !f.on_close;
                }
                Cmd::Input(ref t) if f.on_close && t == " " => f.close_followup = !f.close_followup,
                Cmd::Confirm => {
                    let (i, stage, note) = (f.person, f.stage(), f.note.value().to_string());
                    let consent = self.model.consent(i, &self.setup.policy);
                    // Nobody is recorded as moved over without a current consent.
                    if crate::record::entry::allowed_by_consent(&Change::Stage(stage), consent)
                        .is_err()
                    {
                        f.problem = Some(Notice::error("dash-stage-needs-consent"));
                        return None;
                    }
                    let keeps = f.followup_open && !f.close_followup;
                    let closes = f.followup_open && f.close_followup;
                    return self.ask(i, Change::Stage(stage), Some(note), keeps, closes);
                }
                _ if f.on_close => {}
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.note, &other);
                }
            },
            Form::Withdrawal(f) => match cmd {
                Cmd::FocusNext | Cmd::FocusPrev => f.on_note = !f.on_note,
                Cmd::Confirm => {
                    let i = f.person;
                    // Only a consent can be withdrawn: nothing is written otherwise.
                    if let Some(problem) = refused {
                        f.problem = Some(problem);
                        return None;
                    }
                    match forms::past_day(&f.requested_on, today) {
                        Ok(requested_on) => {
                            let note = f.note.value().to_string();
                            let change = Change::Withdrawal {
                                requested_on,
                                policy_id: self.setup.policy_id.clone(),
                                policy_version: self.setup.policy.clone(),
                            };
                            return self.entry(i, change, Some(note));
                        }
                        Err(problem) => {
                            f.on_note = false;
                            f.problem = Some(problem);
                        }
                    }
                }
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Attendance(f) => match cmd {
                Cmd::FocusNext => f.focus = (f.focus + 1) % 3,
                Cmd::FocusPrev => f.focus = (f.focus + 2) % 3,
                Cmd::Confirm => match (f.session_name(), forms::past_day(&f.on, today)) {
                    (Ok(session), Ok(on)) => {
                        let (i, note) = (f.person, f.note.value().to_string());
                        let change = Change::Attendance {
                            session,
                            on: Some(on),
                        };
                        return self.entry(i, change, Some(note));
                    }
                    (Err(problem), _) => {
                        f.focus = 0;
                        f.problem = Some(problem);
                    }
                    (_, Err(problem)) => {
                        f.focus = 1;
                        f.problem = Some(problem);
                    }
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(f.field(), &other);
                }
            },
            Form::Void(f) => match cmd {
                Cmd::Confirm => {
                    let note = f.note.value().trim().to_string();
                    // A void says why: the ledger keeps the mistake and the reason together.
                    if note.is_empty() {
                        f.problem = Some(Notice::error("dash-void-note-missing"));
                        return None;
                    }
                    let change = Change::Void {
                        target: f.target.id.clone(),
                    };
                    let i = f.person;
                    return self.entry(i, change, Some(note));
                }
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.note, &other);
                }
            },
            Form::Pick(f) => match cmd {
                Cmd::Up => f.selected = f.selected.saturating_sub(1),
                Cmd::Down => f.selected = (f.selected + 1).min(f.matches.len().saturating_sub(1)),
                Cmd::Confirm => match f.matches.get(f.selected) {
                    Some(&c) => {
                        let i = f.person;
                        let supports = Some(self.subject(i));
                        return self.entry(
                            c,
                            Change::Champion {
                                active: true,
                                supports,
                            },
                            None,
                        );
                    }
                    None => f.problem = Some(Notice::error("dash-pick-none")),
                },
                other => {
                    f.problem = None;
                    self.notice = forms::edit(&mut f.filter, &other);
                    let person = f.person;
                    f.matches = pick_matches(&self.model, &self.derived, f.filter.value(), person);
                    f.selected = f.selected.min(f.matches.len().saturating_sub(1));
                }
            },
        }
        None
    }

    /// Why a withdrawal cannot be recorded for person `i` (no consent to withdraw), if so.
    fn withdrawal_refused(&self, i: u32) -> Option<Notice> {
        let change = Change::Withdrawal {
            requested_on: self.setup.today,
            policy_id: self.setup.policy_id.clone(),
            policy_version: self.setup.policy.clone(),
        };
        let consent = self.model.consent(i, &self.setup.policy);
        crate::record::entry::allowed_by_consent(&change, consent)
            .err()
            .map(|_| Notice::error("dash-withdrawal-nothing"))
    }

    /// The person as a record names them.
    pub fn subject(&self, i: u32) -> Subject {
        Subject {
            id: self.model.people[i as usize].id.to_string(),
            name: self.model.name(i).map(str::to_string),
            department: self.model.department(i).map(str::to_string),
            ..Subject::default()
        }
    }

    /// A record about person `i`, by the dashboard's user, shown for confirmation first.
    fn entry(&mut self, i: u32, change: Change, note: Option<String>) -> Option<Effect> {
        self.ask(i, change, note, false, false)
    }

    /// As [`Dashboard::entry`], saying what happens to the person's open follow-up.
    fn ask(
        &mut self,
        i: u32,
        change: Change,
        note: Option<String>,
        keeps_followup: bool,
        closes_followup: bool,
    ) -> Option<Effect> {
        self.confirm = Some(Pending {
            entry: Entry {
                employee: self.subject(i),
                change,
                note: note.filter(|n| !n.trim().is_empty()),
                by: self.by.clone(),
                via: Via::Dashboard,
            },
            keeps_followup,
            closes_followup,
        });
        None
    }

    /// The confirmation: Enter writes the record shown, Esc goes back (to the form, if any).
    fn update_confirm(&mut self, cmd: Cmd) -> Option<Effect> {
        if self.saving {
            return None;
        }
        match cmd {
            Cmd::Confirm => {
                let p = self.confirm.as_ref()?;
                self.saving = true;
                Some(Effect::Append {
                    entry: Box::new(p.entry.clone()),
                    keeps_followup: p.keeps_followup,
                })
            }
            Cmd::Back => {
                self.confirm = None;
                None
            }
            _ => None,
        }
    }

    /// The record is on disk: the form closes and the lists show it at once.
    pub fn record_saved(&mut self, entry: &Entry) {
        self.saving = false;
        self.confirm = None;
        self.form = None;
        self.refresh();
        let id = match &entry.change {
            Change::Stage(_) => "dash-saved-stage",
            Change::Followup { .. } => "dash-saved-followup",
            Change::Champion { supports: None, .. } => "dash-saved-champion",
            Change::Champion { .. } => "dash-saved-pairing",
            Change::Withdrawal { .. } => "dash-saved-withdrawal",
            Change::Attendance { .. } => "dash-saved-attendance",
            Change::Void { .. } => "dash-saved-void",
        };
        let name = entry.employee.name.clone().unwrap_or_default();
        self.notice = Some(Notice {
            id,
            args: vec![("name", name), ("id", entry.employee.id.clone())],
            error: false,
        });
    }

    /// Nothing was saved: the form stays open with what was typed, and says why.
    pub fn record_failed(&mut self, reason: String) {
        self.saving = false;
        self.confirm = None;
        let notice = Notice {
            id: "dash-save-failed",
            args: vec![("reason", reason)],
            error: true,
        };
        match self.form.as_mut() {
            Some(form) => form.set_problem(Some(notice)),
            None => self.notice = Some(notice),
        }
    }

    /// The runner checked the PIN.
    pub fn pin_outcome(&mut self, outcome: crate::pin::Outcome) {
        use crate::pin::Outcome;
        let Gate::Pin(prompt) = &mut self.gate else {
            return;
        };
        match outcome {
            Outcome::Accepted => {
                self.gate = if self.setup.by.is_none() {
                    Gate::Name(TextField::default())
                } else {
                    Gate::Open
                };
            }
            Outcome::Wrong { .. } | Outcome::Blocked { .. } | Outcome::Unavailable { .. } => {
                prompt.refused(outcome, &self.setup.tz)
            }
        }
    }
}

/// Whether typed text goes into a field here.
pub fn is_text_ctx(ctx: Ctx) -> bool {
    matches!(
        ctx,
        Ctx::Pin
            | Ctx::DashName
            | Ctx::DashPeople
            | Ctx::DashFollowupForm
            | Ctx::DashStageForm
            | Ctx::DashPick
            | Ctx::DashWithdrawalForm
            | Ctx::DashAttendanceForm
            | Ctx::DashVoidForm
    )
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
    match effect {
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
            let result =
                crate::ledger::Writer::open(&dir, &d.setup.kiosk_id, crate::recorder::LOCK_WAIT)
                    .map_err(Checked::Ledger)
                    .and_then(|mut w| {
                        // Under the check lock, against the ledger as it is now (a kiosk or
                        // another admin may have recorded something since the dashboard loaded).
                        w.append_checked(|| {
                            let (state, _) = crate::status::load(&dir, &entry.employee.id, &policy)
                                .map_err(CheckFailed::Unreadable)?;
                            crate::record::entry::allowed(&entry.change, &state)
                                .map_err(CheckFailed::Refused)?;
                            Ok((record_type.as_str().to_string(), body))
                        })
                    });
            match result {
                Ok(_) => d.record_saved(&entry),
                Err(Checked::Ledger(e) | Checked::Refused(CheckFailed::Unreadable(e))) => {
                    let reason = ledger_error_text(d, &e);
                    d.record_failed(reason);
                }
                Err(Checked::Refused(CheckFailed::Refused(refusal))) => {
                    let (message, _) = refusal.message_ids();
                    let state = d
                        .model
                        .consent(d.model.find(&entry.employee.id).unwrap_or(0), &policy);
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
        }
    }
}

/// Why a checked append was refused.
enum CheckFailed {
    Unreadable(crate::ledger::LedgerError),
    Refused(crate::record::entry::Refusal),
}

/// Why an append failed, in the user's language, with the file when there is one.
fn ledger_error_text(d: &Dashboard, e: &crate::ledger::LedgerError) -> String {
    crate::error_text::describe(&d.loc, &d.lang, crate::error_text::Failure::Ledger(e)).line()
}

/// The stage words a trainer can pick, for the views.
pub fn stage_label(stage: Stage) -> String {
    format!("report-stage-{}", stage.as_str())
}
