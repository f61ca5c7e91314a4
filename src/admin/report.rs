//! `tebiki report [--format text|json]`: coverage against the roster, counts by consent state
//! and migration stage, per department, and overdue follow-ups, from one pass over the ledger.
//!
//! The pass keeps one small state per employee and none per record, so memory grows with the
//! number of people, not the size of the ledger. Records are folded per employee in ledger
//! order (`ledger::merged`: by `at`, then id). The rules:
//!
//! Every person's state comes from [`crate::state::Standing::apply`], the one fold (its rules
//! are written there). A follow-up is overdue when its `due` date (`YYYY-MM-DD`) is before
//! today in the organisation's time zone.
//! - Department and name: the roster's, else the latest recorded with the person's records.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value;

use super::fields::Essentials;
use super::roster::Employee;
use super::{Progress, arg, count, fail, ledger_bytes, ledger_fail, say, warn_read_issue};
use crate::command::{Env, Format};
use crate::escape::for_terminal;
use crate::i18n::group_digits;
use crate::intern::Interner;
use crate::ledger::{LedgerError, ReadIssue};
use crate::state::{ConsentState, Event, Standing, settle};

/// `tebiki report`
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    // Names listed per section in the text form; 0 lists everyone.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
}

pub use crate::state::Stage;

/// The consent states in the order the report lists them.
pub const CONSENT_ORDER: [ConsentState; 6] = ConsentState::ALL;

fn consent_index(c: ConsentState) -> usize {
    CONSENT_ORDER.iter().position(|x| *x == c).unwrap_or(0)
}

const NONE: u32 = u32::MAX;

/// The open follow-up of one person.
#[derive(Debug, Clone)]
struct Followup {
    due: Option<Date>,
    note: Option<Box<str>>,
}

/// One person's folded state: a few bytes, plus a name only for people not on the roster.
#[derive(Debug, Clone)]
struct Person {
    standing: Standing,
    /// Interned policy version of the decision behind the consent state.
    policy: u32,
    /// The open follow-up's details (open while `standing.followup_open`).
    followup: Option<Followup>,
    /// Interned, the latest recorded.
    department: u32,
    /// Index into the roster, or [`NONE`].
    roster: u32,
    /// The latest recorded name (kept only for people not on the roster).
    name: Option<Box<str>>,
    /// Their latest decision or withdrawal was made without an identity check (open mode, or
    /// a record from before identities were checked).
    unverified: bool,
    /// Their latest decision was made after passing a required screen quicker than skimming.
    fast: bool,
}

impl Person {
    fn new(roster: u32) -> Person {
        Person {
            standing: Standing::NEW,
            policy: NONE,
            followup: None,
            department: NONE,
            roster,
            name: None,
            unverified: false,
            fast: false,
        }
    }
}

/// The streaming fold: feed records in ledger order with [`Census::add`], then
/// [`Census::finish`].
#[derive(Debug)]
pub struct Census {
    roster: Option<Vec<Employee>>,
    people: HashMap<Box<str>, Person>,
    /// People in order of first appearance (the roster first), for stable lists.
    order: Vec<Box<str>>,
    departments: Interner,
    versions: Interner,
    records: u64,
    /// People with a `void` among their records: folded again, without the records voided,
    /// once the pass is over ([`Census::refold`]).
    voiding: std::collections::HashSet<Box<str>>,
}

impl Census {
    pub fn new(roster: Option<Vec<Employee>>) -> Census {
        let mut census = Census {
            roster: None,
            people: HashMap::new(),
            order: Vec::new(),
            departments: Interner::default(),
            versions: Interner::default(),
            records: 0,
            voiding: std::collections::HashSet::new(),
        };
        if let Some(employees) = &roster {
            census.people.reserve(employees.len());
            for (i, e) in employees.iter().enumerate() {
                let key: Box<str> = e.id.as_str().into();
                if !census.people.contains_key(&key) {
                    census.order.push(key.clone());
                    census.people.insert(key, Person::new(i as u32));
                }
            }
        }
        census.roster = roster;
        census
    }

    /// Folds one record (the whole stored object) into its employee's state.
    pub fn add_value(&mut self, record: &Value) {
        self.add(&Essentials::from_value(record));
    }

    /// Folds one record, given by its fields, into its employee's state.
    pub fn add(&mut self, f: &Essentials<'_>) {
        self.records += 1;
        self.fold(f);
    }

    /// The people whose records include a `void`: their state counts only once
    /// [`Census::refold`] has folded them again without the records voided.
    pub fn voiding(&self) -> &std::collections::HashSet<Box<str>> {
        &self.voiding
    }

    /// Folds person `id` again from `records` (all of theirs, in ledger order), leaving out
    /// every record a `void` among them cancels, as the state fold does.
    pub fn refold(&mut self, id: &str, records: &[Value]) {
        let voided = crate::state::voided_ids(records.iter());
        let Some(person) = self.people.get_mut(id) else {
            return;
        };
        let mut fresh = Person::new(person.roster);
        fresh.department = person.department;
        fresh.name = person.name.take();
        *person = fresh;
        for r in records {
            let rid = r.get("id").and_then(Value::as_str).unwrap_or("");
            if voided.contains_key(rid) || crate::state::employee_id(r) != Some(id) {
                continue;
            }
            self.fold(&Essentials::from_value(r));
        }
    }

    fn fold(&mut self, f: &Essentials<'_>) {
        let Some(id) = f.employee_id() else {
            return;
        };
        let record_type = f.record_type.as_deref().unwrap_or("");
        let person = match self.people.get_mut(id) {
            Some(p) => p,
            None => {
                let key: Box<str> = id.into();
                self.order.push(key.clone());
                self.people.entry(key).or_insert_with(|| Person::new(NONE))
            }
        };
        if let Some(d) = f.department().map(str::trim).filter(|d| !d.is_empty())
            // Most records repeat the person's department: no lookup needed then.
            && self.departments.get(person.department) != Some(d)
        {
            person.department = self.departments.intern(d);
        }
        if person.roster == NONE
            && let Some(name) = f.employee_name()
        {
            person.name = Some(name.into());
        }
        if record_type == "void" && !self.voiding.contains(id) {
            self.voiding.insert(id.into());
        }
        let applied = person.standing.apply(&Event {
            record_type,
            decision: f.decision.as_deref(),
            stage: f.stage.as_deref(),
            active: f.active,
            supports: f.supports.as_deref(),
            keeps_followup: f.followup.as_deref() == Some(crate::state::KEPT),
        });
        if applied.decision || record_type == "withdrawal" {
            let verified = f
                .employee
                .as_ref()
                .and_then(|e| e.verified.as_ref())
                .and_then(|v| v.0.as_deref());
            person.unverified = !matches!(verified, Some("roster" | "code"));
        }
        if applied.decision {
            person.fast = f.fast;
            person.policy = match f.policy_version() {
                Some(v) => self.versions.intern(v),
                None => NONE,
            };
        }
        if applied.opens_followup {
            person.followup = Some(Followup {
                due: f.due.as_deref().and_then(|d| d.trim().parse::<Date>().ok()),
                note: f.note.as_deref().map(Into::into),
            });
        } else if !person.standing.followup_open {
            person.followup = None;
        }
    }

    /// The report as of `today`, for content whose policy version is `current_policy`.
    pub fn finish(self, today: Date, current_policy: &str) -> Report {
        let roster = self.roster.as_deref().unwrap_or(&[]);
        let has_roster = self.roster.is_some();
        let mut consent = [0u64; 6];
        let mut stage = [0u64; 6];
        let mut champions = 0;
        let mut open = 0;
        let mut overdue = Vec::new();
        let mut never = Vec::new();
        let mut not_on_roster = Vec::new();
        let mut unverified = Vec::new();
        let mut read_quickly = Vec::new();
        let mut reached_on_roster = 0;
        let mut depts: HashMap<Option<String>, DepartmentRow> = HashMap::new();
        for id in &self.order {
            let Some(p) = self.people.get(id) else {
                continue;
            };
            let on_roster = roster.get(p.roster as usize);
            let name = on_roster
                .map(|e| e.name.as_str())
                .or(p.name.as_deref())
                .unwrap_or("")
                .to_string();
            let department = on_roster
                .map(|e| e.department.as_str())
                .filter(|d| !d.is_empty())
                .or_else(|| self.departments.get(p.department))
                .map(str::to_string);
            let state = settle(
                p.standing.consent,
                self.versions.get(p.policy),
                current_policy,
            );
            let ci = consent_index(state);
            let si = p.standing.stage as usize;
            consent[ci] += 1;
            stage[si] += 1;
            champions += u64::from(p.standing.champion);
            let person = || PersonLine {
                employee_id: id.to_string(),
                name: name.clone(),
                department: department.clone(),
            };
            let is_overdue = match &p.followup {
                Some(f) => {
                    open += 1;
                    match f.due {
                        Some(due) if due < today => {
                            overdue.push(OverdueLine {
                                person: person(),
                                due: due.to_string(),
                                days_overdue: (today - due).get_days().max(0) as u64,
                                note: f.note.as_deref().map(str::to_string),
                            });
                            true
                        }
                        _ => false,
                    }
                }
                None => false,
            };
            if on_roster.is_some() {
                if p.standing.reached {
                    reached_on_roster += 1;
                } else {
                    never.push(person());
                }
            } else if has_roster {
                not_on_roster.push(person());
            }
            if p.unverified && state != ConsentState::None {
                unverified.push(person());
            }
            if p.fast && state != ConsentState::None {
                read_quickly.push(person());
            }
            let row = depts
                .entry(department.clone())
                .or_insert_with(|| DepartmentRow {
                    department: department.clone(),
                    ..DepartmentRow::default()
                });
            row.employees += 1;
            row.reached += u64::from(p.standing.reached);
            row.consent.0[ci] += 1;
            row.stage.0[si] += 1;
            row.champions += u64::from(p.standing.champion);
            row.overdue += u64::from(is_overdue);
        }
        let mut departments: Vec<DepartmentRow> = depts.into_values().collect();
        departments.sort_by(|a, b| {
            b.employees
                .cmp(&a.employees)
                .then_with(|| a.department.cmp(&b.department))
        });
        overdue.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.person.employee_id.cmp(&b.person.employee_id))
        });
        Report {
            generated_at: String::new(),
            today: today.to_string(),
            timezone: String::new(),
            policy_version: current_policy.to_string(),
            ledger: LedgerInfo {
                records: self.records,
                ..LedgerInfo::default()
            },
            roster: has_roster.then_some(RosterInfo {
                employees: roster.len() as u64,
            }),
            employees: self.order.len() as u64,
            coverage: has_roster.then_some(Coverage {
                roster: roster.len() as u64,
                reached: reached_on_roster,
                never_onboarded: never.len() as u64,
            }),
            consent: ConsentCounts(consent),
            stage: StageCounts(stage),
            champions,
            followups: Followups {
                open,
                overdue: overdue.len() as u64,
            },
            departments,
            overdue_followups: overdue,
            never_onboarded: never,
            not_on_roster,
            unverified,
            read_quickly,
            skipped: Vec::new(),
        }
    }
}

/// Counts by consent state, serialised as `{ "none": n, "given": n, ... }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConsentCounts(pub [u64; 6]);

impl ConsentCounts {
    pub fn get(&self, c: ConsentState) -> u64 {
        self.0[consent_index(c)]
    }
}

impl Serialize for ConsentCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        for (c, n) in CONSENT_ORDER.iter().zip(self.0) {
            m.serialize_entry(c.as_str(), &n)?;
        }
        m.end()
    }
}

/// Counts by stage, serialised as `{ "not_started": n, ... }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StageCounts(pub [u64; 6]);

impl StageCounts {
    pub fn get(&self, s: Stage) -> u64 {
        self.0[s as usize]
    }
}

impl Serialize for StageCounts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(6))?;
        for (st, n) in Stage::ALL.iter().zip(self.0) {
            m.serialize_entry(st.as_str(), &n)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct LedgerInfo {
    pub records: u64,
    pub files: u64,
    pub duplicates: u64,
    pub skipped_lines: u64,
    /// False when some ledger lines could not be read (see `skipped`).
    pub complete: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RosterInfo {
    pub employees: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    pub roster: u64,
    /// Roster employees with a consent, withdrawal or attendance record.
    pub reached: u64,
    pub never_onboarded: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Followups {
    pub open: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct DepartmentRow {
    /// `null` for people without a department.
    pub department: Option<String>,
    pub employees: u64,
    pub reached: u64,
    pub consent: ConsentCounts,
    pub stage: StageCounts,
    pub champions: u64,
    pub overdue: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct PersonLine {
    pub employee_id: String,
    pub name: String,
    pub department: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OverdueLine {
    #[serde(flatten)]
    pub person: PersonLine,
    pub due: String,
    pub days_overdue: u64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub file: String,
    pub line: u64,
    pub problem: &'static str,
}

/// Everything the report says; the JSON form is this, serialised.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub generated_at: String,
    pub today: String,
    pub timezone: String,
    pub policy_version: String,
    pub ledger: LedgerInfo,
    /// `null` when no roster was imported.
    pub roster: Option<RosterInfo>,
    /// Everyone on the roster or in the ledger.
    pub employees: u64,
    pub coverage: Option<Coverage>,
    pub consent: ConsentCounts,
    pub stage: StageCounts,
    pub champions: u64,
    pub followups: Followups,
    pub departments: Vec<DepartmentRow>,
    /// Oldest due date first.
    pub overdue_followups: Vec<OverdueLine>,
    pub never_onboarded: Vec<PersonLine>,
    /// In the ledger but not on the roster (empty when there is no roster).
    pub not_on_roster: Vec<PersonLine>,
    /// People whose current decision was recorded without an identity check (`employee.verified`
    /// is `false` or missing): their name and department are as typed.
    pub unverified: Vec<PersonLine>,
    /// People whose current decision followed a required screen passed quicker than skimming
    /// (`fast: true` in the record): worth a talk, never held against them.
    pub read_quickly: Vec<PersonLine>,
    /// Ledger lines that could not be read, so the report may be incomplete.
    pub skipped: Vec<Skipped>,
}

/// Reads the whole ledger once and builds the report. Unreadable lines are passed to
/// `on_issue` as they are met (and listed in the report).
pub fn build(
    ledger_dir: &Path,
    roster: Option<Vec<Employee>>,
    today: Date,
    current_policy: &str,
    progress: &Progress,
    on_issue: &mut dyn FnMut(&ReadIssue),
) -> Result<Report, LedgerError> {
    let mut skipped = Vec::new();
    // Where each file has been read to, for progress.
    let mut ends: Vec<u64> = Vec::new();
    let mut n = 0u64;
    let (census, duplicates) = super::stream_picked(
        ledger_dir,
        Essentials::KEYS.len(),
        Essentials::key_index,
        // The roster's index is built while the first records are read.
        || Census::new(roster),
        |census, item| -> Result<(), LedgerError> {
            match item {
                Ok(record) => {
                    let member = |i| record.member(i);
                    if !record.picked() {
                        Essentials::with(record.line().unwrap_or(""), |f| census.add(f));
                    } else if let Some(f) = Essentials::from_members(member) {
                        census.add(&f);
                    } else {
                        Essentials::with_member_tree(member, |f| census.add(f));
                    }
                    n += 1;
                    if ends.len() <= record.file {
                        ends.resize(record.file + 1, 0);
                    }
                    ends[record.file] = record.end;
                    if n.is_multiple_of(4096) {
                        progress.set(ends.iter().sum());
                    }
                }
                Err(issue) => {
                    on_issue(issue);
                    let (file, line) = super::issue_place(issue);
                    skipped.push(Skipped {
                        file: file
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_else(|| file.display().to_string()),
                        line,
                        problem: super::issue_kind(issue),
                    });
                }
            }
            Ok(())
        },
    )?;
    let duplicates = duplicates?;
    let mut census = census;
    if !census.voiding().is_empty() {
        // Corrections are rare: only then is the ledger read again, for the people concerned.
        let mut about = records_about(ledger_dir, census.voiding())?;
        let ids: Vec<Box<str>> = census.voiding().iter().cloned().collect();
        for id in ids {
            let records = about.remove(&id).unwrap_or_default();
            census.refold(&id, &records);
        }
    }
    let mut report = census.finish(today, current_policy);
    report.ledger.files = crate::ledger::ledger_files(ledger_dir)
        .map(|f| f.len() as u64)
        .unwrap_or(0);
    report.ledger.duplicates = duplicates;
    report.ledger.skipped_lines = skipped.len() as u64;
    report.ledger.complete = skipped.is_empty();
    report.skipped = skipped;
    Ok(report)
}

/// The records about each of `ids`, parsed, in ledger order. Only lines that hold one of the
/// ids as a JSON string (or an escape that may spell one) are parsed.
fn records_about(
    ledger_dir: &Path,
    ids: &std::collections::HashSet<Box<str>>,
) -> Result<HashMap<Box<str>, Vec<Value>>, LedgerError> {
    let needles: Vec<Vec<u8>> = ids
        .iter()
        .map(|id| serde_json::to_vec(&**id).unwrap_or_default())
        .collect();
    // With many people a plain parse of every line is quicker than looking for each id.
    let finders: Vec<memchr::memmem::Finder<'_>> = if needles.len() <= 32 {
        needles.iter().map(memchr::memmem::Finder::new).collect()
    } else {
        Vec::new()
    };
    let escape = memchr::memmem::Finder::new(b"\\u");
    let mut out: HashMap<Box<str>, Vec<Value>> = HashMap::new();
    let mut merged = crate::ledger::merged_raw(ledger_dir)?;
    while let Some(item) = merged.next_line() {
        let Ok(rec) = item else { continue };
        if !finders.is_empty()
            && escape.find(rec.raw).is_none()
            && !finders.iter().any(|f| f.find(rec.raw).is_some())
        {
            continue;
        }
        let Ok(value) = serde_json::from_slice::<Value>(rec.raw) else {
            continue;
        };
        if let Some(id) = crate::state::employee_id(&value)
            && ids.contains(id)
        {
            out.entry(id.into()).or_default().push(value);
        }
    }
    Ok(out)
}

/// `tebiki report`.
pub fn command(env: &Env, args: &ReportArgs) -> ExitCode {
    let config = match super::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let policy = match super::load_content(env) {
        Ok(raw) => raw.manifest.policy_version,
        Err(code) => return code,
    };
    let roster = match super::roster::load_or_say(env) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let tz = super::timezone(&config);
    let now = Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| Timestamp::now());
    let today = now.to_zoned(tz.clone()).date();
    let dir = env.data.ledger_dir();
    let progress = Progress::bytes(ledger_bytes(&dir), env.t("report-progress"));
    let mut issues = 0u64;
    let result = build(&dir, roster, today, &policy, &progress, &mut |issue| {
        issues += 1;
        progress.suspend(|| warn_read_issue(env, issue));
    });
    progress.finish();
    let mut report = match result {
        Ok(r) => r,
        Err(e) => return ledger_fail(env, &e),
    };
    report.generated_at = now.to_string();
    report.timezone = super::timezone_name(&tz);
    let text = match args.format {
        // JSON escapes C0 controls itself; the rest of the list is escaped for a terminal.
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => crate::escape::json_for_stdout(&s).into_owned(),
            Err(e) => return fail(env, &e.to_string(), None, "todo-report-bug"),
        },
        // Names from the roster, folded for a terminal that draws ambiguous characters wide.
        Format::Text => {
            crate::terminal_width::settle_for_text();
            crate::glyphs::fold(&to_text(&report, env, &tz, now, args.limit)).into_owned()
        }
    };
    match say(text.trim_end()) {
        Ok(()) => {}
        // The reader has what it wanted (`| head`).
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(e) => return env.io_fail(&e, None),
    }
    if issues > 0 {
        eprintln!(
            "{}: {}",
            env.t("warning-label"),
            env.ta("report-incomplete", &[("count", count(issues))])
        );
        eprintln!("  {}", env.t("todo-verify"));
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

// --- the text form -------------------------------------------------------------------------

/// Width of the longest bar, in terminal cells.
const BAR: usize = 30;

/// A bar of `share` (0..=1) of `width` cells, in eighths of a cell (in the glyph set's
/// blocks: whole cells and a half mark on a terminal that draws blocks wide).
pub fn bar(share: f64, width: usize) -> String {
    let g = crate::glyphs::glyphs();
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = g.full.repeat(eighths / 8);
    s.push_str(g.eighths[eighths % 8]);
    s
}

/// `s` padded with spaces to `width` terminal cells (CJK counts two).
fn pad(s: &str, width: usize) -> String {
    let w = crate::wrap::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

fn pad_left(s: &str, width: usize) -> String {
    let w = crate::wrap::display_width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

fn percent(n: u64, total: u64) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

/// Label, count, share and bar, one line each, labels aligned.
fn bar_lines(out: &mut String, rows: &[(String, u64)], total: u64) {
    let label_w = rows
        .iter()
        .map(|(l, _)| crate::wrap::display_width(l))
        .max()
        .unwrap_or(0);
    let count_w = rows
        .iter()
        .map(|(_, n)| group_digits(*n).len())
        .max()
        .unwrap_or(1);
    for (label, n) in rows {
        let share = if total == 0 {
            0.0
        } else {
            *n as f64 / total as f64
        };
        let _ = writeln!(
            out,
            "  {}  {}  {:>6}  {}",
            pad(label, label_w),
            pad_left(&group_digits(*n), count_w),
            percent(*n, total),
            bar(share, BAR)
        );
    }
}

/// The readable form. Every name and note is escaped for the terminal.
pub fn to_text(r: &Report, env: &Env, tz: &TimeZone, now: Timestamp, limit: usize) -> String {
    let mut out = String::new();
    let t = |id: &str| env.t(id);
    let when = now
        .to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    let _ = writeln!(
        out,
        "{}",
        env.ta(
            "report-title",
            &[("time", arg(when)), ("tz", arg(r.timezone.clone()))]
        )
    );
    let _ = writeln!(
        out,
        "{}",
        env.ta(
            "report-sources",
            &[
                ("records", count(r.ledger.records)),
                ("files", count(r.ledger.files)),
                ("employees", count(r.employees)),
                ("policy", arg(r.policy_version.clone())),
            ]
        )
    );
    if r.ledger.duplicates > 0 {
        let _ = writeln!(
            out,
            "{}",
            env.ta(
                "report-duplicates",
                &[("count", count(r.ledger.duplicates))]
            )
        );
    }
    if !r.ledger.complete {
        let _ = writeln!(
            out,
            "{}",
            env.ta(
                "report-incomplete",
                &[("count", count(r.ledger.skipped_lines))]
            )
        );
    }

    out.push('\n');
    let _ = writeln!(out, "{}", t("report-coverage"));
    match &r.coverage {
        Some(c) => {
            let rows = [
                (t("report-reached"), c.reached),
                (t("report-never"), c.never_onboarded),
            ];
            bar_lines(&mut out, &rows, c.roster);
            if !r.not_on_roster.is_empty() {
                let _ = writeln!(
                    out,
                    "  {}",
                    env.ta(
                        "report-not-on-roster-count",
                        &[("count", count(r.not_on_roster.len() as u64))]
                    )
                );
            }
        }
        None => {
            let _ = writeln!(out, "  {}", t("report-no-roster"));
        }
    }

    out.push('\n');
    let _ = writeln!(out, "{}", t("report-consent"));
    let rows: Vec<(String, u64)> = CONSENT_ORDER
        .iter()
        .map(|c| {
            (
                format!(
                    "{} ({})",
                    t(&format!("report-consent-{}", c.as_str())),
                    c.as_str()
                ),
                r.consent.get(*c),
            )
        })
        .collect();
    bar_lines(&mut out, &rows, r.employees);

    out.push('\n');
    let _ = writeln!(out, "{}", t("report-stage"));
    let rows: Vec<(String, u64)> = Stage::ALL
        .iter()
        .map(|s| {
            (
                format!(
                    "{} ({})",
                    t(&format!("report-stage-{}", s.as_str())),
                    s.as_str()
                ),
                r.stage.get(*s),
            )
        })
        .collect();
    bar_lines(&mut out, &rows, r.employees);
    let _ = writeln!(
        out,
        "  {}",
        env.ta("report-champions", &[("count", count(r.champions))])
    );

    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        env.ta(
            "report-followups",
            &[
                ("open", count(r.followups.open)),
                ("overdue", count(r.followups.overdue)),
            ]
        )
    );

    out.push('\n');
    let _ = writeln!(out, "{}", t("report-departments"));
    department_table(&mut out, r, env);

    list_section(
        &mut out,
        env,
        "report-overdue-list",
        r.overdue_followups.len(),
        limit,
        |out| {
            for o in r.overdue_followups.iter().take(shown(limit, usize::MAX)) {
                let _ = writeln!(
                    out,
                    "  {}  {}  {}",
                    o.due,
                    pad_left(
                        &env.ta("report-days", &[("days", count(o.days_overdue))]),
                        13
                    ),
                    person_text(&o.person, o.note.as_deref())
                );
            }
        },
    );
    list_section(
        &mut out,
        env,
        "report-never-list",
        r.never_onboarded.len(),
        limit,
        |out| {
            for p in r.never_onboarded.iter().take(shown(limit, usize::MAX)) {
                let _ = writeln!(out, "  {}", person_text(p, None));
            }
        },
    );
    list_section(
        &mut out,
        env,
        "report-not-on-roster-list",
        r.not_on_roster.len(),
        limit,
        |out| {
            for p in r.not_on_roster.iter().take(shown(limit, usize::MAX)) {
                let _ = writeln!(out, "  {}", person_text(p, None));
            }
        },
    );
    list_section(
        &mut out,
        env,
        "report-read-quickly-list",
        r.read_quickly.len(),
        limit,
        |out| {
            for p in r.read_quickly.iter().take(shown(limit, usize::MAX)) {
                let _ = writeln!(out, "  {}", person_text(p, None));
            }
        },
    );
    list_section(
        &mut out,
        env,
        "report-unverified-list",
        r.unverified.len(),
        limit,
        |out| {
            for p in r.unverified.iter().take(shown(limit, usize::MAX)) {
                let _ = writeln!(out, "  {}", person_text(p, None));
            }
        },
    );
    out
}

fn shown(limit: usize, len: usize) -> usize {
    if limit == 0 { len } else { limit.min(len) }
}

fn person_text(p: &PersonLine, note: Option<&str>) -> String {
    let mut s = format!(
        "{}  {}  {}",
        for_terminal(&p.employee_id),
        for_terminal(&p.name),
        for_terminal(p.department.as_deref().unwrap_or("-"))
    );
    if let Some(n) = note.filter(|n| !n.is_empty()) {
        s.push_str("  ");
        s.push_str(&for_terminal(n));
    }
    s
}

fn list_section(
    out: &mut String,
    env: &Env,
    title_id: &str,
    len: usize,
    limit: usize,
    body: impl FnOnce(&mut String),
) {
    if len == 0 {
        return;
    }
    out.push('\n');
    let _ = writeln!(out, "{}", env.ta(title_id, &[("count", count(len as u64))]));
    body(out);
    let shown_n = shown(limit, len);
    if shown_n < len {
        let _ = writeln!(
            out,
            "  {}",
            env.ta("report-more", &[("count", count((len - shown_n) as u64))])
        );
    }
}

fn department_table(out: &mut String, r: &Report, env: &Env) {
    // The bar (reached, of 10 cells) sits beside the reached share it draws.
    let headers = [
        env.t("report-col-department"),
        env.t("report-col-employees"),
        env.t("report-col-reached"),
        String::new(),
        env.t("report-col-given"),
        env.t("report-col-deferred"),
        env.t("report-col-refused"),
        env.t("report-col-withdrawn"),
        env.t("report-col-parallel"),
        env.t("report-col-migrated"),
        env.t("report-col-overdue"),
    ];
    let none = env.t("report-no-department");
    let rows: Vec<[String; 11]> = r
        .departments
        .iter()
        .map(|d| {
            let share = if d.employees == 0 {
                0.0
            } else {
                d.reached as f64 / d.employees as f64
            };
            [
                for_terminal(d.department.as_deref().unwrap_or(&none)).into_owned(),
                group_digits(d.employees),
                percent(d.reached, d.employees),
                bar(share, 10),
                group_digits(d.consent.get(ConsentState::Given)),
                group_digits(d.consent.get(ConsentState::Deferred)),
                group_digits(d.consent.get(ConsentState::Refused)),
                group_digits(d.consent.get(ConsentState::Withdrawn)),
                group_digits(d.stage.get(Stage::Parallel)),
                group_digits(d.stage.get(Stage::Migrated)),
                group_digits(d.overdue),
            ]
        })
        .collect();
    let mut widths = headers.clone().map(|h| crate::wrap::display_width(&h));
    widths[3] = 10;
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(crate::wrap::display_width(cell));
        }
    }
    let line = |cells: &[String; 11]| {
        let mut s = String::from(" ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            s.push(' ');
            if i == 0 || i == 3 {
                s.push_str(&pad(cell, w));
            } else {
                s.push_str(&pad_left(cell, w));
            }
        }
        s.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(&headers));
    for row in &rows {
        let _ = writeln!(out, "{}", line(row));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_use_eighths() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 2), "██");
        assert_eq!(bar(0.5, 1), "▌");
        assert_eq!(bar(2.0, 1), "█");
    }

    #[test]
    fn padding_counts_wide_characters_twice() {
        assert_eq!(pad("営業", 6), "営業  ");
        assert_eq!(pad_left("12", 4), "  12");
    }
}
