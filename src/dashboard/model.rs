//! What the dashboard knows of everyone: one small [`Person`] per employee, folded from the
//! ledger with the one rule book ([`Standing::apply`]), and the figures and lists the views
//! show, derived from it after every change.
//!
//! A person keeps where each of their records is stored (file and byte offset), not the
//! records: a timeline is read back from disk when someone opens it.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use super::search;
use crate::ledger::fields::Essentials;
use crate::record::identity;
use crate::roster::Employee;
use crate::state::{ConsentState, Event, Pairings, Stage, Standing, settle};

/// "None" for the interned and roster indices.
pub const NONE: u32 = u32::MAX;

/// Bits of a record's location that hold the byte offset; the file index sits above them.
const OFFSET_BITS: u32 = 48;

/// A record's file (index into [`Model::files`]) and byte offset, in one word.
pub fn pack(file: usize, offset: u64) -> u64 {
    ((file as u64) << OFFSET_BITS) | (offset & ((1 << OFFSET_BITS) - 1))
}

/// The file index and byte offset of a packed location.
pub fn unpack(location: u64) -> (usize, u64) {
    (
        (location >> OFFSET_BITS) as usize,
        location & ((1 << OFFSET_BITS) - 1),
    )
}

/// The open follow-up of one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followup {
    pub due: Option<Date>,
    pub note: Option<Box<str>>,
}

/// One employee, as folded so far.
#[derive(Debug, Clone)]
pub struct Person {
    pub id: Box<str>,
    pub standing: Standing,
    /// Interned policy version of the decision behind the consent state.
    pub policy: u32,
    /// Interned department: the roster's, else the latest recorded.
    pub department: u32,
    /// Index into the roster, or [`NONE`].
    pub roster: u32,
    /// The latest recorded name, kept only for people not on the roster.
    pub name: Option<Box<str>>,
    pub followup: Option<Followup>,
    /// Time of the latest record folded (Unix milliseconds).
    pub last_at: i64,
    /// Where each of their records is stored ([`pack`]), in ledger order.
    pub records: Vec<u64>,
}

impl Person {
    fn new(id: &str, roster: u32) -> Person {
        Person {
            id: id.into(),
            standing: Standing::NEW,
            policy: NONE,
            department: NONE,
            roster,
            name: None,
            followup: None,
            last_at: i64::MIN,
            records: Vec::new(),
        }
    }
}

pub use crate::intern::Interner;

/// A ledger file and how far it has been folded.
#[derive(Debug, Clone)]
pub struct LedgerFile {
    pub path: PathBuf,
    /// Bytes folded from the start: the next record starts here.
    pub end: u64,
    /// The chain of the file breaks: nothing more of it is folded.
    pub broken: bool,
    /// How long the file was when read (at least `end`): shorter later means it was cut or
    /// replaced, and everything is read again.
    pub seen: u64,
    /// SHA-256 and `seq` of the line that ends at `end`, once known: what the next line must
    /// name as its `prev`.
    pub head: Option<([u8; 32], u64)>,
}

/// Everyone, folded.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub roster: Option<Arc<Vec<Employee>>>,
    pub people: Vec<Person>,
    /// People by their id's [`identity::key`]: one person whatever the case of the id.
    index: HashMap<Box<str>, u32>,
    /// One search key per person ([`search::person_key`]), same order as `people`.
    pub keys: Vec<Box<str>>,
    pub departments: Interner,
    pub versions: Interner,
    pub pairings: Pairings,
    pub files: Vec<LedgerFile>,
    /// Records folded.
    pub records: u64,
    /// Lines that could not be read (see `tebiki verify`).
    pub unreadable: u64,
    /// Records read but not used: made up with another record's id, dated back past the
    /// latest seal, or in another kiosk's file (see `tebiki verify`).
    pub not_used: u64,
    /// Entries of the ledger folder named like ledger files that are not regular files (a
    /// link, a folder): not read.
    pub odd: u64,
    /// Where the chain of a file breaks (`file:line`), and the records withheld after it.
    pub breaks: Vec<String>,
    /// With trusted seal keys set up, the newest seal when they do not vouch for it
    /// (`seals/<file>`), or the seals folder when there is no seal.
    pub untrusted_seal: Option<String>,
    /// There are seals (the newest named), but no trusted key to check them with.
    pub unchecked_seals: Option<String>,
    /// Ledger files (their names) that no longer hold what the latest trusted seal (named)
    /// says they held.
    pub seal_mismatches: Vec<(String, String)>,
    /// The first line of the trusted seal keys that could not be read (`seal-signers:N`), and
    /// how many such lines there are.
    pub bad_signers: Option<(String, u64)>,
    pub withheld: u64,
    /// People (their ids' keys) named in the record just before a break (the one a change
    /// most likely hit): see [`Model::is_suspect`].
    pub suspects: std::collections::HashSet<Box<str>>,
    /// People with a `void` folded since they were last folded again: their state counts
    /// only once [`Model::refold`] has left the voided records out.
    pub stale: Vec<u32>,
    /// Where the records cancelled by a `void` are stored ([`pack`]).
    pub voided: std::collections::HashSet<u64>,
    /// Every `champion` record, in ledger order (few): the pairings are folded again from
    /// these when one of them is voided.
    champion_log: Vec<ChampionEntry>,
}

/// A `champion` record, kept to fold the pairings again.
#[derive(Debug, Clone)]
struct ChampionEntry {
    location: u64,
    champion: Box<str>,
    supports: Option<Box<str>>,
    active: Option<bool>,
}

impl Model {
    /// Everyone on the roster, with nothing recorded yet.
    pub fn new(roster: Option<Arc<Vec<Employee>>>) -> Model {
        let mut model = Model::default();
        if let Some(employees) = &roster {
            model.people.reserve(employees.len());
            model.keys.reserve(employees.len());
            model.index.reserve(employees.len());
            for (i, e) in employees.iter().enumerate() {
                if model.find(&e.id).is_some() {
                    continue;
                }
                let mut p = Person::new(&e.id, i as u32);
                let dept = e.department.trim();
                if !dept.is_empty() {
                    p.department = model.departments.intern(dept);
                }
                model.insert(p, Some(&e.name));
            }
        }
        model.roster = roster;
        model
    }

    fn insert(&mut self, p: Person, name: Option<&str>) -> u32 {
        let i = self.people.len() as u32;
        self.index.insert(identity::key(&p.id).into(), i);
        self.keys.push(search::person_key(&p.id, name));
        self.people.push(p);
        i
    }

    /// The person with this id (in any case).
    pub fn find(&self, id: &str) -> Option<u32> {
        identity::with_key(id, |key| self.index.get(key).copied())
    }

    fn find_or_add(&mut self, id: &str) -> u32 {
        match self.find(id) {
            Some(i) => i,
            None => self.insert(Person::new(id, NONE), None),
        }
    }

    /// Whether the person with this id was named in the record just before a break.
    pub fn is_suspect(&self, id: &str) -> bool {
        identity::with_key(id, |key| self.suspects.contains(key))
    }

    /// The index of `path` in [`Model::files`], added when new.
    pub fn file_index(&mut self, path: &std::path::Path) -> usize {
        // Few files, and records of one file come in runs: the last one is checked first.
        if let Some(i) = self.files.iter().rposition(|f| f.path == path) {
            return i;
        }
        self.files.push(LedgerFile {
            path: path.to_path_buf(),
            end: 0,
            broken: false,
            seen: 0,
            head: None,
        });
        self.files.len() - 1
    }

    /// Notes a read issue: a break stops folding its file and marks the person it names.
    pub fn note_issue(&mut self, issue: &crate::ledger::ReadIssue) {
        use crate::ledger::ReadIssue;
        if let ReadIssue::SignersLine { file, line } = issue {
            let name = file
                .file_name()
                .unwrap_or(file.as_os_str())
                .to_string_lossy();
            let (_, n) = self
                .bad_signers
                .get_or_insert_with(|| (format!("{name}:{line}"), 0));
            *n += 1;
            return;
        }
        if !issue.is_break() {
            match issue {
                ReadIssue::NotALedgerFile { .. } => self.odd += 1,
                ReadIssue::Conflict { .. }
                | ReadIssue::Backdated { .. }
                | ReadIssue::FutureDated { .. }
                | ReadIssue::Misplaced { .. } => self.not_used += 1,
                _ => self.unreadable += 1,
            }
            return;
        }
        let (path, line) = issue.place();
        if let ReadIssue::SealMismatch { seal, .. } = issue {
            // Its records were used (the chain holds); the banner says the file no longer
            // matches its seal (not where a chain breaks: it may not break at all, the file
            // rewritten or emptied), and what is appended to it is still followed.
            let name = path.file_name().unwrap_or(path.as_os_str());
            self.seal_mismatches
                .push((name.to_string_lossy().into_owned(), seal.clone()));
            return;
        }
        if let ReadIssue::SealsUnchecked { seal, .. } = issue {
            self.unchecked_seals = Some(seal.clone());
            return;
        }
        if let ReadIssue::SealNotTrusted { seal, .. } = issue {
            // Not about a ledger file: the banner names the seal (or the empty seals folder).
            self.untrusted_seal = Some(seal.clone().unwrap_or_else(|| "seals/".into()));
            return;
        }
        let file = self.file_index(path);
        self.files[file].broken = true;
        match issue {
            ReadIssue::Withheld {
                records, people, ..
            } => {
                // Everyone the withheld records are about: what is shown of them may be
                // missing records.
                self.withheld += records;
                for id in people {
                    self.suspects.insert(identity::key(id).into());
                }
            }
            _ => {
                let name = path.file_name().unwrap_or(path.as_os_str());
                self.breaks
                    .push(format!("{}:{line}", name.to_string_lossy()));
            }
        }
    }

    /// Folds one record (its fields, its time in Unix milliseconds and its [`pack`]ed
    /// location), in ledger order.
    pub fn add(&mut self, f: &Essentials<'_>, at_ms: i64, location: u64) {
        self.records += 1;
        let Some(id) = f.employee_id() else {
            return;
        };
        let i = self.find_or_add(id) as usize;
        let event = Event {
            record_type: f.record_type.as_deref().unwrap_or(""),
            decision: f.decision.as_deref(),
            stage: f.stage.as_deref(),
            active: f.active,
            supports: f.supports.as_deref(),
            keeps_followup: f.followup.as_deref() == Some(crate::state::KEPT),
        };
        if let Some(other) = event.supports {
            // The person supported is someone, even before anything is recorded about them.
            self.find_or_add(other);
        }
        match event.record_type {
            "champion" => self.champion_log.push(ChampionEntry {
                location,
                champion: id.into(),
                supports: event.supports.map(Into::into),
                active: event.active,
            }),
            "void" if self.stale.last() != Some(&(i as u32)) => self.stale.push(i as u32),
            _ => {}
        }
        self.pairings.apply(id, &event);
        let on_roster = self.people[i].roster != NONE;
        if let Some(d) = f.department().map(str::trim).filter(|d| !d.is_empty())
            && !(on_roster && self.people[i].department != NONE)
            && self.departments.get(self.people[i].department) != Some(d)
        {
            self.people[i].department = self.departments.intern(d);
        }
        if !on_roster
            && let Some(name) = f.employee_name()
            && self.people[i].name.as_deref() != Some(name)
        {
            self.people[i].name = Some(name.into());
            self.keys[i] = search::person_key(id, Some(name));
        }
        self.fold_standing(i, f, &event);
        let p = &mut self.people[i];
        p.last_at = p.last_at.max(at_ms);
        p.records.push(location);
    }

    /// Folds one record's event into person `i`'s standing, policy version and follow-up.
    fn fold_standing(&mut self, i: usize, f: &Essentials<'_>, event: &Event<'_>) {
        let version = match f.policy_version() {
            Some(v) => self.versions.intern(v),
            None => NONE,
        };
        let p = &mut self.people[i];
        let applied = p.standing.apply(event);
        if applied.decision {
            p.policy = version;
        }
        if applied.opens_followup {
            p.followup = Some(Followup {
                due: f.due.as_deref().and_then(|d| d.trim().parse::<Date>().ok()),
                note: f.note.as_deref().map(Into::into),
            });
        } else if !p.standing.followup_open {
            p.followup = None;
        }
    }

    /// Folds person `i` again from `records` (all of theirs, read back in ledger order, one
    /// per stored location), leaving out every record a `void` among them cancels, as the
    /// state fold does. A voided champion record folds the pairings again too.
    pub fn refold(&mut self, i: u32, records: &[serde_json::Value]) {
        let Some(p) = self.people.get(i as usize) else {
            return;
        };
        if records.len() != p.records.len() {
            return;
        }
        let voided = crate::state::voided_ids(records.iter());
        let mut pairings_changed = false;
        let mut keep = Vec::with_capacity(records.len());
        for (r, &location) in records.iter().zip(&p.records) {
            let id = r
                .get("id")
                .and_then(serde_json::Value::as_str)
                .unwrap_or("");
            if voided.contains_key(id) {
                pairings_changed |= self.voided.insert(location)
                    && r.get("type").and_then(serde_json::Value::as_str) == Some("champion");
            } else {
                keep.push(r);
            }
        }
        let p = &mut self.people[i as usize];
        p.standing = Standing::NEW;
        p.policy = NONE;
        p.followup = None;
        for r in keep {
            let event = Event::from_value(r);
            self.fold_standing(i as usize, &Essentials::from_value(r), &event);
        }
        if pairings_changed {
            let mut pairings = Pairings::default();
            for c in self
                .champion_log
                .iter()
                .filter(|c| !self.voided.contains(&c.location))
            {
                pairings.apply(
                    &c.champion,
                    &Event {
                        record_type: "champion",
                        supports: c.supports.as_deref(),
                        active: c.active,
                        ..Event::default()
                    },
                );
            }
            self.pairings = pairings;
        }
    }

    /// The person's name: the roster's, else the latest recorded.
    pub fn name(&self, i: u32) -> Option<&str> {
        let p = self.people.get(i as usize)?;
        match &self.roster {
            Some(r) if p.roster != NONE => r
                .get(p.roster as usize)
                .map(|e| e.name.as_str())
                .filter(|n| !n.is_empty()),
            _ => p.name.as_deref(),
        }
    }

    pub fn department(&self, i: u32) -> Option<&str> {
        self.departments
            .get(self.people.get(i as usize)?.department)
    }

    /// The consent state to show, as of the current policy version.
    pub fn consent(&self, i: u32, current_policy: &str) -> ConsentState {
        let p = &self.people[i as usize];
        settle(
            p.standing.consent,
            self.versions.get(p.policy),
            current_policy,
        )
    }

    /// The policy version of the decision behind the consent state.
    pub fn policy_version(&self, i: u32) -> Option<&str> {
        self.versions.get(self.people[i as usize].policy)
    }

    /// The person's champion, when someone supports them.
    pub fn champion_of(&self, i: u32) -> Option<u32> {
        let id = &self.people.get(i as usize)?.id;
        self.pairings.champion(id).and_then(|c| self.find(c))
    }

    /// The people `i` supports, sorted by id.
    pub fn supported_by(&self, i: u32) -> Vec<u32> {
        let Some(p) = self.people.get(i as usize) else {
            return Vec::new();
        };
        self.pairings
            .supported_by(&p.id)
            .into_iter()
            .filter_map(|id| self.find(id))
            .collect()
    }
}

/// Counts of one group of people (everyone, or one department).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    pub people: u64,
    pub reached: u64,
    pub on_roster: u64,
    pub reached_on_roster: u64,
    /// By [`Stage`] (its order).
    pub stage: [u64; 6],
    /// By [`ConsentState::ALL`] order.
    pub consent: [u64; 6],
    pub champions: u64,
    pub open_followups: u64,
    pub overdue: u64,
    /// Using their own phone (in parallel or moved over) without a consent in force, as the
    /// report lists them.
    pub in_use_without_consent: u64,
}

impl Counts {
    fn add(&mut self, p: &Person, consent: ConsentState, today: Date) {
        self.people += 1;
        self.reached += u64::from(p.standing.reached);
        if p.roster != NONE {
            self.on_roster += 1;
            self.reached_on_roster += u64::from(p.standing.reached);
        }
        self.stage[p.standing.stage as usize] += 1;
        let ci = ConsentState::ALL
            .iter()
            .position(|c| *c == consent)
            .unwrap_or(0);
        self.consent[ci] += 1;
        self.in_use_without_consent +=
            u64::from(p.standing.stage.on_own_phone() && consent != ConsentState::Given);
        self.champions += u64::from(p.standing.champion);
        if let Some(f) = &p.followup {
            self.open_followups += 1;
            self.overdue += u64::from(f.due.is_some_and(|d| d < today));
        }
    }

    /// Coverage: (reached, out of). Against the roster when there is one, else against
    /// everyone in the ledger.
    pub fn coverage(&self, has_roster: bool) -> (u64, u64) {
        if has_roster {
            (self.reached_on_roster, self.on_roster)
        } else {
            (self.reached, self.people)
        }
    }
}

/// A row of the champions view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChampionRow {
    /// A champion.
    Champion(u32),
    /// Someone a champion supports: (champion, person).
    Supported(u32, u32),
    /// The heading of the list of hesitant and parallel staff without a champion.
    UnsupportedHeading,
    /// Hesitant or in parallel use, with no champion.
    Unsupported(u32),
}

/// What the views show, derived from the model after each change.
#[derive(Debug, Clone, Default)]
pub struct Derived {
    pub all: Counts,
    /// Departments by name, with their counts; people without one last (name `None`).
    pub departments: Vec<(Option<Box<str>>, Counts)>,
    /// Hesitant and parallel people, and anyone with a follow-up open: overdue first, then
    /// due soonest, then no date.
    pub followups: Vec<u32>,
    pub champion_rows: Vec<ChampionRow>,
    pub champions: Vec<u32>,
}

impl Derived {
    pub fn of(model: &Model, current_policy: &str, today: Date) -> Derived {
        let mut all = Counts::default();
        let mut by_dept: Vec<Counts> = vec![Counts::default(); model.departments.len() + 1];
        let none = model.departments.len();
        let mut followups = Vec::new();
        let mut champions = Vec::new();
        for (i, p) in model.people.iter().enumerate() {
            let i = i as u32;
            let consent = model.consent(i, current_policy);
            all.add(p, consent, today);
            let d = if p.department == NONE {
                none
            } else {
                p.department as usize
            };
            by_dept[d].add(p, consent, today);
            // Whoever is hesitant or in parallel use, and whoever has a follow-up open (one
            // kept through a stage change, as the report and the overview count it).
            if matches!(p.standing.stage, Stage::Hesitant | Stage::Parallel) || p.followup.is_some()
            {
                followups.push(i);
            }
            if p.standing.champion {
                champions.push(i);
            }
        }
        let due = |i: &u32| {
            model.people[*i as usize]
                .followup
                .as_ref()
                .and_then(|f| f.due)
        };
        followups.sort_by(|a, b| {
            let (da, db) = (due(a), due(b));
            (da.is_none(), da, &model.people[*a as usize].id).cmp(&(
                db.is_none(),
                db,
                &model.people[*b as usize].id,
            ))
        });
        let mut departments: Vec<(Option<Box<str>>, Counts)> = by_dept
            .into_iter()
            .enumerate()
            .filter(|(_, c)| c.people > 0)
            .map(|(d, c)| (model.departments.get(d as u32).map(Into::into), c))
            .collect();
        departments.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));

        champions.sort_by(|a, b| {
            model.people[*a as usize]
                .id
                .cmp(&model.people[*b as usize].id)
        });
        let mut supported: HashMap<u32, Vec<u32>> = HashMap::new();
        for (person, champion) in model.pairings.iter() {
            if let (Some(p), Some(c)) = (model.find(person), model.find(champion)) {
                supported.entry(c).or_default().push(p);
            }
        }
        let mut champion_rows = Vec::new();
        let mut listed = champions.clone();
        // Someone may still support a person after their champion flag was switched off by
        // hand in the ledger; they are listed too, so the pairing can be ended.
        for c in supported.keys() {
            if !model.people[*c as usize].standing.champion {
                listed.push(*c);
            }
        }
        listed.sort_by(|a, b| {
            model.people[*a as usize]
                .id
                .cmp(&model.people[*b as usize].id)
        });
        for c in listed {
            champion_rows.push(ChampionRow::Champion(c));
            if let Some(people) = supported.get_mut(&c) {
                people.sort_by(|a, b| {
                    model.people[*a as usize]
                        .id
                        .cmp(&model.people[*b as usize].id)
                });
                champion_rows.extend(people.iter().map(|p| ChampionRow::Supported(c, *p)));
            }
        }
        champion_rows.push(ChampionRow::UnsupportedHeading);
        for &i in &followups {
            if model
                .pairings
                .champion(&model.people[i as usize].id)
                .is_none()
            {
                champion_rows.push(ChampionRow::Unsupported(i));
            }
        }
        Derived {
            all,
            departments,
            followups,
            champion_rows,
            champions,
        }
    }
}

/// People whose key contains `query` (already [`search::normalize`]d), in model order, taken
/// from `within` when given (the matches of a shorter query this one extends).
pub fn search(model: &Model, query: &str, within: Option<&[u32]>) -> Vec<u32> {
    if query.is_empty() {
        return (0..model.people.len() as u32).collect();
    }
    match within {
        Some(candidates) => candidates
            .iter()
            .copied()
            .filter(|&i| model.keys[i as usize].contains(query))
            .collect(),
        None => model
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.contains(query))
            .map(|(i, _)| i as u32)
            .collect(),
    }
}
