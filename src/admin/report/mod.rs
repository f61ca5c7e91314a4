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

mod census;
mod people;
mod text;

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

use super::{Progress, arg, count, fail, ledger_fail, say, warn_read_issue};
use crate::command::{Env, Format};
use crate::escape::for_terminal;
use crate::i18n::group_digits;
use crate::intern::Interner;
use crate::ledger::fields::Essentials;
use crate::ledger::stream::{ledger_bytes, stream_picked};
use crate::ledger::{LedgerError, ReadIssue};
use crate::roster::Employee;
use crate::state::{ConsentState, Event, Standing, settle};
pub use census::*;
pub use text::*;

/// `tebiki report`
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    // Names listed per section in the text form; 0 lists everyone.
    // `-1` reaches the number's check (and is refused there as a value), rather than being
    // taken for an unknown option.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 20,
        allow_negative_numbers = true
    )]
    pub limit: usize,
}

pub use crate::state::Stage;

/// The consent states in the order the report lists them.
pub const CONSENT_ORDER: [ConsentState; 6] = ConsentState::ALL;

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
    /// Lines that could not be read (each in `skipped`).
    pub skipped_lines: u64,
    /// Records from a break in the chain onwards, not used (each run in `skipped`, as
    /// `withheld` with its `last_line` and `records`).
    pub withheld_records: u64,
    /// The people the withheld records are about, each once: what the report says of them
    /// may be missing records.
    pub withheld_people: Vec<String>,
    /// Ledger files that no longer hold what the latest trusted seal says they held (each in
    /// `skipped`, as `seal_mismatch`).
    pub seal_mismatches: u64,
    /// 1 when trusted seal keys are set up but the newest seal is not one they vouch for, or
    /// there is no seal (in `skipped`, as `seal_not_trusted`).
    pub seal_not_trusted: u64,
    /// 1 when there are seals but no trusted seal key is set up, so that none is checked (in
    /// `skipped`, as `seal_no_signers`).
    pub seal_no_signers: u64,
    /// Lines of the trusted seal keys (`seal-signers`) that could not be read, so not used
    /// (each in `skipped`, as `bad_signers_line`).
    pub bad_signers_lines: u64,
    /// Entries of the ledger folder named like ledger files that are not regular files.
    pub not_ledger_files: u64,
    /// Records added after the latest trusted seal yet dated before it, not used (each in
    /// `skipped`, as `backdated`).
    pub backdated: u64,
    /// Records dated more than a few minutes ahead of the clock, not used (each in
    /// `skipped`, as `future_dated`).
    pub future_dated: u64,
    /// False when some ledger lines could not be read or were not used, or a file no longer
    /// matches its seal (see `skipped`).
    pub complete: bool,
}

impl LedgerInfo {
    /// What the report left out, as its summary line tells it.
    pub fn left_out(&self) -> super::LeftOut {
        super::LeftOut {
            lines: self.skipped_lines,
            withheld: self.withheld_records,
            sealed: self.seal_mismatches,
            untrusted: self.seal_not_trusted,
            unchecked: self.seal_no_signers,
            signers: self.bad_signers_lines,
            odd: self.not_ledger_files,
            backdated: self.backdated,
            future: self.future_dated,
            people: self.withheld_people.clone(),
        }
    }
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
    /// Of `reached`, those who have never decided (attended a session, say, and chose
    /// nothing yet): listed in [`Report::undecided`].
    pub reached_undecided: u64,
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
    /// Some records about them were withheld (after a break in the chain): what the report
    /// says of them may be missing records.
    pub in_withheld_records: bool,
}

/// Someone whose consent was given to an earlier version of the policy: it has expired, and
/// they are to decide again.
#[derive(Debug, Clone, Serialize)]
pub struct DecideAgainLine {
    #[serde(flatten)]
    pub person: PersonLine,
    /// The policy version their consent was given to.
    pub policy_version: String,
}

/// Someone reached (a session attended, a stage recorded) who has never decided.
#[derive(Debug, Clone, Serialize)]
pub struct UndecidedLine {
    #[serde(flatten)]
    pub person: PersonLine,
    /// Whether a follow-up of theirs is open.
    pub followup_open: bool,
    /// Its due date, when it has one.
    pub followup_due: Option<String>,
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
    /// 0 for what is about no line (a file that could not be opened, an entry that is not a
    /// ledger file, the seals): `null` in the JSON.
    #[serde(serialize_with = "line_or_null")]
    pub line: u64,
    pub problem: &'static str,
    /// `withheld`: the last line not used, how many records were not, and whom they are about.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub records: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<String>>,
    /// `seal_mismatch`: the seal (`seals/<file>`) and the last record (`seq`) of what it
    /// sealed of the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
}

// serde's `serialize_with` hands the field by reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn line_or_null<S: serde::Serializer>(line: &u64, s: S) -> Result<S::Ok, S::Error> {
    match line {
        0 => s.serialize_none(),
        n => s.serialize_u64(*n),
    }
}

impl Skipped {
    /// The entry of a line that could not be read or was not used (report and JSON export).
    pub fn of(issue: &ReadIssue) -> Skipped {
        let (file, line) = issue.place();
        let withheld = match issue {
            ReadIssue::Withheld {
                last_line,
                records,
                people,
                ..
            } => Some((*last_line, *records, people.clone())),
            _ => None,
        };
        let sealed = match issue {
            ReadIssue::SealMismatch { seal, seq, .. } => Some((seal.clone(), *seq)),
            _ => None,
        };
        Skipped {
            file: file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            line,
            problem: issue.kind(),
            last_line: withheld.as_ref().map(|w| w.0),
            records: withheld.as_ref().map(|w| w.1),
            people: withheld.map(|w| w.2),
            seal: sealed.as_ref().map(|s| s.0.clone()),
            seq: sealed.map(|s| s.1),
        }
    }
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
    /// Consents counted as given that were given to a later policy version than the content
    /// the report was made with (`policy_version`): that content may be older than what the
    /// kiosks showed.
    pub consent_to_newer_policy: u64,
    pub stage: StageCounts,
    pub champions: u64,
    pub followups: Followups,
    pub departments: Vec<DepartmentRow>,
    /// Oldest due date first.
    pub overdue_followups: Vec<OverdueLine>,
    pub never_onboarded: Vec<PersonLine>,
    /// Reached but never decided (on the roster; everyone when there is no roster): those
    /// with no follow-up open first, then by its due date. What a trainer follows up.
    pub undecided: Vec<UndecidedLine>,
    /// Whose consent expired with a new policy version: to decide again (listing order).
    pub decide_again: Vec<DecideAgainLine>,
    /// Using their own phone (stage `parallel` or `migrated`) without a consent in force (it
    /// expired, or was ended or withdrawn after the stage was recorded): to talk to first.
    pub in_use_without_consent: Vec<PersonLine>,
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

/// Why a report was not built.
#[derive(Debug)]
pub enum BuildError {
    Ledger(LedgerError),
    /// The roster could not be read.
    Roster(crate::roster::LoadError),
}

impl From<LedgerError> for BuildError {
    fn from(e: LedgerError) -> BuildError {
        BuildError::Ledger(e)
    }
}

/// Reads the whole ledger once and builds the report. `roster` reads the roster (`None`: none
/// imported) on a thread of its own while the records are read and folded; the census is
/// given it once it is read (looked for every 1,024 records), so that the rest of the fold and
/// what follows it keep nothing the roster already says (a roster that cannot be read stops
/// the fold: no report). Unreadable lines are passed to `on_issue` as they are met (and listed
/// in the report).
pub fn build(
    ledger_dir: &Path,
    roster: impl FnOnce() -> Result<Option<Vec<Employee>>, crate::roster::LoadError> + Send,
    today: Date,
    current_policy: &str,
    progress: &Progress,
    on_issue: &mut dyn FnMut(&ReadIssue),
) -> Result<Report, BuildError> {
    let mut skipped = Vec::new();
    let mut left_out = super::LeftOut::default();
    // Where each file has been read to, for progress.
    let mut ends: Vec<u64> = Vec::new();
    let mut n = 0u64;
    // The roster as read, until the census takes it.
    let (roster_tx, roster_rx) = std::sync::mpsc::sync_channel(1);
    let mut roster_error = None;
    let (read, reading_roster) = std::thread::scope(|scope| {
        let reading_roster = scope.spawn(move || {
            // Nobody listens once the fold has stopped for another reason.
            let _ = roster_tx.send(roster());
        });
        let mut taken = false;
        let read = stream_picked(
            ledger_dir,
            Essentials::KEYS.len(),
            Essentials::key_index,
            || Census::new(None),
            // Stops (`Err(())`) once the roster failed: the report is then not made.
            |census, item| -> Result<(), ()> {
                if !taken && n.is_multiple_of(1024) {
                    match roster_rx.try_recv() {
                        Ok(Ok(roster)) => {
                            census.attach_roster(roster);
                            taken = true;
                        }
                        Ok(Err(e)) => {
                            roster_error = Some(e);
                            return Err(());
                        }
                        // Still being read (or its thread panicked: said once it is joined).
                        Err(_) => {}
                    }
                }
                match item {
                    Ok(record) => {
                        let member = |i| record.member(i);
                        if !record.picked() {
                            Essentials::with(record.line().unwrap_or(""), |f| census.add(f));
                        } else if let Some(f) =
                            Essentials::from_members(member, record.member_bytes(10))
                        {
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
                        left_out.see(issue);
                        skipped.push(Skipped::of(issue));
                    }
                }
                Ok(())
            },
        );
        (read, reading_roster.join())
    });
    if let Err(panic) = reading_roster {
        std::panic::resume_unwind(panic);
    }
    if let Some(e) = roster_error {
        return Err(BuildError::Roster(e));
    }
    // Read after the last record, or before none (the ledger could not be read): waiting,
    // its thread ended. A roster that cannot be read is told first.
    let late = match roster_rx.try_recv() {
        Ok(Err(e)) => return Err(BuildError::Roster(e)),
        Ok(Ok(roster)) => roster,
        Err(_) => None,
    };
    let (mut census, duplicates) = read?;
    census.attach_roster(late);
    // The fold stops only for a roster that failed, which has returned above.
    let duplicates = duplicates.unwrap_or_default();
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
    report.ledger.files = crate::ledger::ledger_files(ledger_dir).map_or(0, |f| f.len() as u64);
    report.ledger.duplicates = duplicates;
    report.ledger.skipped_lines = left_out.lines;
    report.ledger.withheld_records = left_out.withheld;
    report.ledger.seal_mismatches = left_out.sealed;
    report.ledger.seal_not_trusted = left_out.untrusted;
    report.ledger.seal_no_signers = left_out.unchecked;
    report.ledger.bad_signers_lines = left_out.signers;
    report.ledger.not_ledger_files = left_out.odd;
    report.ledger.backdated = left_out.backdated;
    report.ledger.future_dated = left_out.future;
    mark_withheld(&mut report, &left_out.people);
    report.ledger.withheld_people = left_out.people;
    report.ledger.complete = skipped.is_empty();
    report.skipped = skipped;
    Ok(report)
}

/// Marks every person the report lists whose records were partly withheld.
fn mark_withheld(report: &mut Report, people: &[String]) {
    if people.is_empty() {
        return;
    }
    let keys: std::collections::HashSet<String> =
        people.iter().map(|id| crate::ids::key(id)).collect();
    let mark = |p: &mut PersonLine| {
        p.in_withheld_records = keys.contains(&crate::ids::key(&p.employee_id));
    };
    report
        .overdue_followups
        .iter_mut()
        .for_each(|o| mark(&mut o.person));
    report
        .decide_again
        .iter_mut()
        .for_each(|d| mark(&mut d.person));
    report
        .undecided
        .iter_mut()
        .for_each(|u| mark(&mut u.person));
    for list in [
        &mut report.in_use_without_consent,
        &mut report.never_onboarded,
        &mut report.not_on_roster,
        &mut report.unverified,
        &mut report.read_quickly,
    ] {
        list.iter_mut().for_each(mark);
    }
}

/// The records about each of `ids` (people's [`crate::record::identity::key`]s), parsed, in
/// ledger order. Only lines that hold one of the ids as a JSON string in any case (or an
/// escape that may spell one) are parsed.
fn records_about(
    ledger_dir: &Path,
    ids: &std::collections::HashSet<Box<str>>,
) -> Result<HashMap<Box<str>, Vec<Value>>, LedgerError> {
    let finder = crate::ledger::about::IdFinder::new(ids.iter().map(|id| &**id));
    let mut out: HashMap<Box<str>, Vec<Value>> = HashMap::new();
    let mut merged = crate::ledger::merged_raw(ledger_dir)?;
    while let Some(item) = merged.next_line() {
        let Ok(rec) = item else { continue };
        if !finder.may_hold(rec.raw) {
            continue;
        }
        let Ok(value) = serde_json::from_slice::<Value>(rec.raw) else {
            continue;
        };
        if let Some(id) = crate::state::employee_id(&value) {
            let key = crate::record::identity::key(id);
            if ids.contains(key.as_str()) {
                out.entry(key.into()).or_default().push(value);
            }
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
    let tz = config.time_zone();
    let now = Timestamp::now()
        .round(jiff::Unit::Millisecond)
        .unwrap_or_else(|_| Timestamp::now());
    let today = now.to_zoned(tz.clone()).date();
    let dir = env.data.ledger_dir();
    let progress = Progress::bytes(ledger_bytes(&dir), env.t("report-progress"));
    let roster_path = env.data.roster_path();
    let roster = || crate::roster::load(&roster_path);
    let result = build(&dir, roster, today, &policy, &progress, &mut |issue| {
        progress.suspend(|| warn_read_issue(env, issue));
    });
    progress.finish();
    let mut report = match result {
        Ok(r) => r,
        Err(BuildError::Ledger(e)) => return ledger_fail(env, &e),
        Err(BuildError::Roster(e)) => return super::roster::say_load_error(env, &e),
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
    say(text.trim_end());
    if !report.ledger.complete {
        for line in report.ledger.left_out().say(env, "report") {
            eprintln!("{}: {line}", env.t("warning-label"));
        }
        eprintln!("  {}", env.t("todo-verify"));
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

// --- the text form -------------------------------------------------------------------------

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
