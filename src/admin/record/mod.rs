//! `tebiki record ...`: a trainer or admin adds an event about one employee - a stage change, a
//! follow-up, a champion (and whom they support), attendance at a session, or a withdrawal of
//! consent on the employee's request. Scriptable: exit 0 only once the record is synced to
//! disk; 2 with what, where and what to do when the input is wrong. The writer waits a bounded
//! time for the ledger file's lock (a kiosk on the same machine may be writing).

mod by;
mod saved;
mod void;

pub use by::login_name;
use by::recorder;
pub(crate) use by::refuse_hidden_name;

use std::process::ExitCode;

use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::Value;

use super::roster::RosterIds;
use super::{arg, fail, ledger_fail, say};
use crate::command::{Env, Format};
use crate::escape::{for_display, for_terminal};
use crate::ledger::Checked;
use crate::record::entry::{Change, Entry, Refusal, allowed};
use crate::record::{Subject, Via};
use crate::state::{ConsentState, EmployeeState, Stage};

/// The longest note kept, in characters.
pub const MAX_NOTE: usize = 2000;

/// How many days ahead a follow-up is due when no date is given.
pub const FOLLOWUP_DAYS: i64 = 14;

#[derive(Debug, clap::Subcommand)]
pub enum RecordCommand {
    /// The employee's migration stage is now STAGE.
    Stage {
        id: String,
        #[arg(value_enum)]
        stage: StageArg,
        /// Close the open follow-up with this change; without it, an open follow-up stays open.
        #[arg(long)]
        close_followup: bool,
        #[command(flatten)]
        common: Common,
    },
    /// A follow-up conversation, and when the next one is due.
    Followup {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD", conflicts_with = "days")]
        due: Option<String>,
        #[arg(long = "in", value_name = "DAYS")]
        days: Option<u32>,
        #[command(flatten)]
        common: Common,
    },
    /// The employee is a champion (or, with --off, no longer); with --supports, whom they support.
    Champion {
        id: String,
        #[arg(long, value_name = "ID")]
        supports: Option<String>,
        #[arg(long)]
        off: bool,
        #[command(flatten)]
        common: Common,
    },
    /// The employee attended a session.
    Attendance {
        id: String,
        #[arg(long, value_name = "NAME")]
        session: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// A trainer's or admin's record was a mistake: cancel it (the ledger keeps both).
    Void {
        #[arg(value_name = "RECORD_ID")]
        record_id: String,
        #[command(flatten)]
        common: Common,
    },
    /// The employee asked to withdraw their consent.
    Withdrawal {
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        requested: Option<String>,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, Clone, clap::Args)]
pub struct Common {
    // A note starting with `-` is written `--note=-mistake`; `--note -mistake` is told so.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// The stages a person can be moved to by hand (`not_started` is only ever the beginning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum StageArg {
    Informed,
    Hesitant,
    Parallel,
    Migrated,
    OptedOut,
}

impl StageArg {
    pub fn stage(self) -> Stage {
        match self {
            StageArg::Informed => Stage::Informed,
            StageArg::Hesitant => Stage::Hesitant,
            StageArg::Parallel => Stage::Parallel,
            StageArg::Migrated => Stage::Migrated,
            StageArg::OptedOut => Stage::OptedOut,
        }
    }
}

fn parse_date(env: &Env, text: &str, option: &str) -> Result<Date, ExitCode> {
    let problem = match crate::day::parse_day(text) {
        Ok(d) => return Ok(d),
        Err(problem) => problem,
    };
    let error = match problem.month_and_days() {
        // A real month with a day past its end: said so, rather than "not a date".
        Some((month, days)) => env.ta(
            "record-error-no-such-day",
            &[
                ("value", arg(text)),
                ("option", arg(option)),
                ("month", arg(&month)),
                ("days", arg(days.to_string())),
            ],
        ),
        None => env.ta(
            "record-error-date",
            &[("value", arg(text)), ("option", arg(option))],
        ),
    };
    Err(fail(
        env,
        &error,
        None,
        // A due date is ahead; the other dates are of what happened.
        if option == "--due" {
            "record-todo-due-date"
        } else {
            "record-todo-date"
        },
    ))
}

/// Refuses a day something happened (`option`) that is after today or more than a year ago:
/// as in the dashboard's forms, an older day is taken for a slip of the keyboard (`2016` for
/// `2026`), not recorded.
fn happened_when(env: &Env, day: Date, today: Date, option: &str) -> Option<ExitCode> {
    let year_ago = today.checked_sub(jiff::ToSpan::years(1)).unwrap_or(today);
    let error = if day > today {
        env.ta("record-error-future", &[("date", arg(day.to_string()))])
    } else if day < year_ago {
        env.ta(
            "record-error-long-ago",
            &[
                ("date", arg(day.to_string())),
                ("limit", arg(year_ago.to_string())),
            ],
        )
    } else {
        return None;
    };
    Some(fail(env, &error, Some(option), "record-todo-date"))
}

/// The person as the roster knows them (found without regard to case or width).
fn on_roster(id: &str, roster: Option<&RosterIds>) -> Option<Subject> {
    roster?.find_person(id).map(|p| Subject::from_person(&p))
}

/// The person as the roster knows them, else as the ledger does.
fn subject(id: &str, roster: Option<&RosterIds>, state: &EmployeeState) -> Option<Subject> {
    if let Some(s) = on_roster(id, roster) {
        return Some(s);
    }
    (!state.history.is_empty()).then(|| Subject {
        // As the ledger holds it, whatever the case it was typed in.
        id: state.recorded_id.clone().unwrap_or_else(|| id.to_string()),
        name: state.name.clone(),
        department: state.department.clone(),
        ..Subject::default()
    })
}

/// A change the ledger allows: the person's records and the lines not read meanwhile, the
/// record to write, and whether it is written although the ledger as read would refuse it.
struct Decided {
    records: Vec<Value>,
    issues: Vec<crate::ledger::ReadIssue>,
    record_type: crate::record::RecordType,
    body: serde_json::Map<String, Value>,
    uncertain: bool,
}

/// Why a record was not written, found under the ledger's check lock.
enum NotRecorded {
    /// Nobody with this id on the roster or in the ledger.
    Unknown(String),
    /// Refused, with the lines that could not be read or used meanwhile (a refusal made
    /// without some of the person's records must say so).
    Refused(Refusal, ConsentState, Vec<crate::ledger::ReadIssue>),
    Unreadable(crate::ledger::LedgerError),
}

/// Before a refusal: the ledger lines that were not read or used, and whether the person's
/// own records are among those a break withheld (then the refusal may be wrong). The todo of
/// the refusal: `todo`, or, when the person's records were withheld, one that keeps their
/// request rather than say that nothing needs recording.
fn warn_before_refusal(
    env: &Env,
    id: &str,
    issues: &[crate::ledger::ReadIssue],
    todo: &'static str,
) -> &'static str {
    for issue in issues {
        super::warn_read_issue(env, issue);
    }
    let withheld_about = crate::ledger::withheld_about(issues, id);
    if withheld_about {
        super::warn(
            env,
            &env.ta("status-in-withheld-records", &[("id", arg(id))]),
        );
    }
    if withheld_about {
        // The refusal's own advice ("nothing needs recording") may be wrong: the request is
        // kept instead.
        return "record-todo-refusal-uncertain";
    }
    if !issues.is_empty() {
        eprintln!("  {}", env.t("todo-verify"));
    }
    todo
}

/// `tebiki record ...`
pub fn command(env: &Env, cmd: RecordCommand) -> ExitCode {
    let config = match super::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let manifest = match super::load_content(env) {
        Ok(raw) => raw.manifest,
        Err(code) => return code,
    };
    let tz = config.time_zone();
    let today = Timestamp::now().to_zoned(tz.clone()).date();
    if let RecordCommand::Void { record_id, common } = &cmd {
        return void::void(env, &config, &manifest.policy_version, record_id, common);
    }
    let (raw_id, common) = match &cmd {
        RecordCommand::Stage { id, common, .. }
        | RecordCommand::Followup { id, common, .. }
        | RecordCommand::Champion { id, common, .. }
        | RecordCommand::Attendance { id, common, .. }
        | RecordCommand::Withdrawal { id, common, .. } => (id.as_str(), common.clone()),
        RecordCommand::Void { .. } => return ExitCode::SUCCESS,
    };
    let rule = match super::id_rule(env, &config) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let id = match rule.check(raw_id) {
        Ok(id) => id,
        Err(problem) => return super::id_fail(env, raw_id, &problem, &config),
    };
    let by = match recorder(env, common.by.as_deref()) {
        Ok(by) => by,
        Err(code) => return code,
    };
    let note = common
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if let Some(n) = note
        && n.chars().count() > MAX_NOTE
    {
        return fail(
            env,
            &env.ta(
                "record-error-note",
                &[
                    ("max", MAX_NOTE.into()),
                    ("length", n.chars().count().into()),
                ],
            ),
            None,
            "record-todo-note",
        );
    }
    let change = match &cmd {
        RecordCommand::Stage { stage, .. } => Change::Stage(stage.stage()),
        RecordCommand::Followup { due, days, .. } => {
            let option = if due.is_some() { "--due" } else { "--in" };
            let due = match (due, days) {
                (Some(text), _) => match parse_date(env, text, "--due") {
                    Ok(d) => d,
                    Err(code) => return code,
                },
                (None, days) => {
                    let days = days.map_or(FOLLOWUP_DAYS, i64::from);
                    // A day count beyond the calendar is an input error, not a panic.
                    match jiff::Span::new()
                        .try_days(days)
                        .and_then(|span| today.checked_add(span))
                    {
                        Ok(d) => d,
                        Err(_) => {
                            return fail(
                                env,
                                &env.ta("record-error-days", &[("value", arg(days.to_string()))]),
                                None,
                                "record-todo-days",
                            );
                        }
                    }
                }
            };
            if due < today {
                return fail(
                    env,
                    &env.ta("record-error-past", &[("due", arg(due.to_string()))]),
                    None,
                    "record-todo-past",
                );
            }
            // Further than a year: a typo more likely than a plan, and the person would drop
            // out of every overdue list until then.
            if today
                .checked_add(jiff::Span::new().years(1))
                .is_ok_and(|limit| due > limit)
            {
                return fail(
                    env,
                    &env.ta("record-error-far", &[("due", arg(due.to_string()))]),
                    Some(option),
                    "record-todo-far",
                );
            }
            Change::Followup { due }
        }
        RecordCommand::Champion { supports, off, .. } => Change::Champion {
            active: !off,
            supports: supports.as_deref().map(|s| Subject::id(s.trim())),
        },
        RecordCommand::Attendance { session, date, .. } => {
            let on = match date.as_deref().map(|d| parse_date(env, d, "--date")) {
                Some(Ok(d)) => Some(d),
                Some(Err(code)) => return code,
                None => None,
            };
            if let Some(code) = on.and_then(|d| happened_when(env, d, today, "--date")) {
                return code;
            }
            let session = session.trim();
            if session.is_empty() || crate::escape::has_control(session) {
                return fail(
                    env,
                    &env.ta("record-error-session", &[("session", arg(session))]),
                    None,
                    "record-todo-session",
                );
            }
            Change::Attendance {
                session: session.to_string(),
                on,
            }
        }
        RecordCommand::Void { .. } => return ExitCode::SUCCESS,
        RecordCommand::Withdrawal { requested, .. } => {
            let requested_on = match requested
                .as_deref()
                .map(|d| parse_date(env, d, "--requested"))
            {
                Some(Ok(d)) => d,
                Some(Err(code)) => return code,
                None => today,
            };
            if let Some(code) = happened_when(env, requested_on, today, "--requested") {
                return code;
            }
            Change::Withdrawal {
                requested_on,
                policy_id: manifest.policy_id.clone(),
                policy_version: manifest.policy_version.clone(),
            }
        }
    };
    let roster = match super::roster::ids_or_say(env) {
        Ok(r) => r,
        Err(code) => return code,
    };
    // The roster's form of the id, when it knows it (`e0001` is `E0001`).
    let id = match rule.resolve(&id, roster.as_ref()) {
        Ok(id) => id,
        Err(problem) => return super::id_fail(env, &id, &problem, &config),
    };
    let change = match change {
        Change::Champion {
            active,
            supports: Some(other),
        } => {
            let other_id = match rule.resolve(&other.id, roster.as_ref()) {
                Ok(o) => o,
                Err(problem) => return super::id_fail(env, &other.id, &problem, &config),
            };
            if crate::record::identity::same_id(&other_id, &id) {
                return fail(env, &env.t("record-error-self"), None, "record-todo-self");
            }
            Change::Champion {
                active,
                supports: Some(Subject::id(&other_id)),
            }
        }
        other => other,
    };
    let dir = env.data.ledger_dir();
    let close_followup = matches!(
        cmd,
        RecordCommand::Stage {
            close_followup: true,
            ..
        }
    );
    // What the ledger, as it is read now, makes of the change: the record to write, or why not.
    let decide = || -> Result<Decided, NotRecorded> {
        // A record added after a break in this terminal's own file would never be used.
        if let Some(broken) = crate::ledger::own_file_broken(&dir, &config.kiosk_id) {
            return Err(NotRecorded::Unreadable(broken));
        }
        let (records, issues) =
            crate::status::records(&dir, &id).map_err(NotRecorded::Unreadable)?;
        let state = crate::state::fold(&id, &records, &manifest.policy_version);
        let employee = subject(&id, roster.as_ref(), &state)
            .ok_or_else(|| NotRecorded::Unknown(id.clone()))?;
        let change = match &change {
            Change::Champion {
                active,
                supports: Some(other),
            } => {
                // The ledger is read a second time only for someone not on the roster.
                let known = match on_roster(&other.id, roster.as_ref()) {
                    Some(s) => Some(s),
                    None => {
                        let (other_state, _) =
                            crate::status::load(&dir, &other.id, &manifest.policy_version)
                                .map_err(NotRecorded::Unreadable)?;
                        subject(&other.id, None, &other_state)
                    }
                };
                Change::Champion {
                    active: *active,
                    supports: Some(known.ok_or_else(|| NotRecorded::Unknown(other.id.clone()))?),
                }
            }
            other => other.clone(),
        };
        let mut uncertain = false;
        if let Err(r) = allowed(&change, &state) {
            let withheld = crate::ledger::withheld_about(&issues, &id);
            if !crate::record::entry::withdrawal_despite_withheld(&change, &state, withheld) {
                return Err(NotRecorded::Refused(r, state.consent, issues));
            }
            uncertain = true;
        }
        let entry = Entry {
            employee,
            change,
            note: note.map(str::to_string),
            by: by.clone(),
            via: Via::Cli,
        };
        let (record_type, mut body) = entry.record();
        if matches!(entry.change, Change::Withdrawal { .. }) {
            crate::record::entry::name_withdrawn_version(
                &mut body,
                state.consent,
                state.policy_version.as_deref(),
                crate::ledger::withheld_about(&issues, &id),
            );
        }
        // A stage change leaves the open follow-up open unless told to close it.
        if matches!(entry.change, Change::Stage(_)) && state.followup.is_some() && !close_followup {
            body.insert("followup".into(), crate::state::KEPT.into());
        }
        Ok(Decided {
            records,
            issues,
            record_type,
            body,
            uncertain,
        })
    };
    let mut read = None;
    // Recorded although the ledger, as it could be read, would refuse it (see below).
    let mut uncertain = false;
    // Under the check lock: the ledger as it is now decides whether this may be recorded, so
    // two of these at once cannot both withdraw the same consent; a refusal makes no file.
    let appended = crate::ledger::Writer::open_and_append_checked(
        &dir,
        &config.kiosk_id,
        crate::recorder::LOCK_WAIT,
        || {
            let d = decide()?;
            uncertain = d.uncertain;
            let record_type = d.record_type.as_str().to_string();
            let body = d.body.clone();
            read = Some((d.records, d.issues, d.record_type, d.body));
            Ok((record_type, body))
        },
    );
    let appended = match appended {
        Ok(a) => a,
        Err(Checked::Ledger(e) | Checked::Refused(NotRecorded::Unreadable(e))) => {
            return ledger_fail(env, &e);
        }
        Err(Checked::Refused(NotRecorded::Unknown(who))) => {
            return fail(
                env,
                &env.ta("record-error-unknown", &[("id", arg(who.as_str()))]),
                None,
                if roster.is_some() {
                    "record-todo-unknown"
                } else {
                    "record-todo-unknown-no-roster"
                },
            );
        }
        Err(Checked::Refused(NotRecorded::Refused(refusal, consent, issues))) => {
            let (message, todo) = refusal.message_ids();
            let todo = warn_before_refusal(env, &id, &issues, todo);
            let state_word = consent.as_str();
            return fail(
                env,
                &env.ta(
                    message,
                    &[
                        ("id", arg(id.as_str())),
                        ("state", arg(env.t(&format!("state-{state_word}")))),
                    ],
                ),
                None,
                todo,
            );
        }
    };
    let Some((mut records, issues, record_type, body)) = read else {
        return ExitCode::SUCCESS;
    };
    // What happened to an open follow-up, for a stage change.
    let open_before = crate::state::fold(&id, &records, &manifest.policy_version).followup;
    for issue in &issues {
        super::warn_read_issue(env, issue);
    }
    if crate::ledger::withheld_about(&issues, &id) {
        // What is said of them below may be missing records.
        super::warn(
            env,
            &env.ta("status-in-withheld-records", &[("id", arg(id.as_str()))]),
        );
    }
    if uncertain {
        super::warn(
            env,
            &env.ta(
                "record-warning-withdrawal-uncertain",
                &[("id", arg(id.as_str()))],
            ),
        );
    }
    let record_type = record_type.as_str();
    // The state now: the records before, and this one as stored.
    let mut stored = body;
    stored.insert("type".into(), record_type.into());
    stored.insert("at".into(), appended.at.to_string().into());
    stored.insert("id".into(), appended.id.to_string().into());
    stored.insert("kiosk".into(), config.kiosk_id.clone().into());
    // A record of theirs dated after this one (a clock ahead where it was written, or a
    // forged date) stays "the latest" until then: said, since the state follows the dates.
    let ahead = records
        .iter()
        .filter_map(|r| {
            let at: jiff::Timestamp = r.get("at")?.as_str()?.parse().ok()?;
            (at > appended.at).then_some((at, r))
        })
        .max_by_key(|(at, _)| *at);
    if let Some((at, r)) = ahead {
        let kiosk = r.get("kiosk").and_then(Value::as_str).unwrap_or("-");
        super::warn(
            env,
            &env.ta(
                "record-warning-dated-ahead",
                &[
                    ("id", arg(id.as_str())),
                    (
                        "at",
                        arg(at
                            .to_zoned(tz.clone())
                            .strftime("%Y-%m-%d %H:%M:%S")
                            .to_string()),
                    ),
                    ("kiosk", arg(for_terminal(kiosk).into_owned())),
                ],
            ),
        );
    }
    // A withdrawal of a consent given under another policy version than the content's names
    // that version: said, as the record holds it.
    let withdrawn_version = (record_type == "withdrawal")
        .then(|| {
            stored
                .get("policy")?
                .get("version")?
                .as_str()
                .map(str::to_owned)
        })
        .flatten()
        .filter(|v| *v != manifest.policy_version);
    // The records read before, and this one, in the order the ledger is read (by date): read
    // again, the ledger would say the same.
    records.push(Value::Object(stored));
    records.sort_by_cached_key(|r| {
        (
            r.get("at")
                .and_then(Value::as_str)
                .and_then(|a| a.parse::<jiff::Timestamp>().ok()),
            r.get("id").and_then(Value::as_str).map(str::to_owned),
        )
    });
    let after = crate::state::fold(&id, &records, &manifest.policy_version);
    let who = match after.name.as_deref() {
        Some(n) => format!("{} {}", for_terminal(&id), for_terminal(&for_display(n))),
        None => for_terminal(&id).into_owned(),
    };
    let headline = env.ta(
        &format!("record-type-{record_type}.saved"),
        &[("who", arg(who))],
    );
    // What happened to an open follow-up, for a stage change.
    let followup = open_before
        .filter(|_| record_type == "stage")
        .map(|_| match &after.followup {
            Some(f) => env.ta(
                "record-followup-kept",
                &[("due", arg(f.due.clone().unwrap_or_default()))],
            ),
            None => env.t("record-followup-closed"),
        })
        .or_else(|| {
            withdrawn_version.map(|v| {
                env.ta(
                    "record-withdrew-version",
                    &[
                        ("version", arg(for_terminal(&v).into_owned())),
                        ("current", arg(manifest.policy_version.clone())),
                    ],
                )
            })
        });
    let text = saved::text(
        env,
        common.format,
        &saved::Saved {
            record_type,
            appended: &appended,
            id: &id,
            after: &after,
            issues: &issues,
            tz: &tz,
            headline,
            extra: followup,
        },
    );
    // Saved is what counts: unreadable lines were warned about above.
    say(&text);
    ExitCode::SUCCESS
}
