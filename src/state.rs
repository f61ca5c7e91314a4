//! The one fold of an employee's records into their current state: consent (words of the W3C
//! DPV consent vocabulary), migration stage, champion flag, open follow-up (see DESIGN.md).
//!
//! [`Standing::apply`] is the rule book; everything that shows a state goes through it: `tebiki
//! status` and the kiosk ([`fold`], one person with their history), `tebiki report` and the
//! dashboard (one small [`Standing`] per person over a whole ledger).
//!
//! - Consent: the last `consent` decision or `withdrawal` counts, and `given` under a policy
//!   version older than the current content's is `expired` ([`settle`]); no decision is `none`.
//! - Migration stage: the latest of these events decides it.
//!   - a `stage` record: its `stage` (one of the six stage words; anything else is ignored);
//!   - `consent` given: `informed` (agreed, not yet moving over), but someone already in
//!     `parallel` or `migrated` stays there (a renewed consent does not undo a move);
//!   - `consent` deferred ("not now"): `hesitant`;
//!   - `consent` refused, or a `withdrawal`: `opted_out`;
//!   - `attendance`: `informed` when they were still `not_started`.
//!
//!   No records at all: `not_started`.
//! - Champion: set by a `champion` record (or a `stage` record whose stage is `champion`), unset
//!   by a `champion` record with `"active": false` and no `supports`. A `champion` record with
//!   `"supports": "<id>"` pairs the champion with the person they support (`"active": false`
//!   ends that pairing); see [`Pairings`].
//! - Follow-up: the latest `followup` record is open until a later `stage`, `consent` or
//!   `withdrawal` record about the same person; a `consent` deferred ("not now") decides
//!   nothing and leaves it open.
//! - Reached ("has been through onboarding"): at least one `consent`, `withdrawal` or
//!   `attendance` record.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

/// The consent states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ConsentState {
    None,
    Given,
    Refused,
    Deferred,
    Withdrawn,
    /// Given under a policy version older than the current one: a new decision is needed.
    Expired,
}

impl ConsentState {
    pub const ALL: [ConsentState; 6] = [
        ConsentState::None,
        ConsentState::Given,
        ConsentState::Deferred,
        ConsentState::Refused,
        ConsentState::Withdrawn,
        ConsentState::Expired,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConsentState::None => "none",
            ConsentState::Given => "given",
            ConsentState::Refused => "refused",
            ConsentState::Deferred => "deferred",
            ConsentState::Withdrawn => "withdrawn",
            ConsentState::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<ConsentState> {
        ConsentState::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// The migration stages (DESIGN.md), in the order people move through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    NotStarted,
    Informed,
    Hesitant,
    Parallel,
    Migrated,
    OptedOut,
}

impl Stage {
    /// Using LINE WORKS on their own phone (in parallel with the old channel, or moved over):
    /// the stages that need a consent in force.
    pub fn on_own_phone(self) -> bool {
        matches!(self, Stage::Parallel | Stage::Migrated)
    }

    pub const ALL: [Stage; 6] = [
        Stage::NotStarted,
        Stage::Informed,
        Stage::Hesitant,
        Stage::Parallel,
        Stage::Migrated,
        Stage::OptedOut,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::NotStarted => "not_started",
            Stage::Informed => "informed",
            Stage::Hesitant => "hesitant",
            Stage::Parallel => "parallel",
            Stage::Migrated => "migrated",
            Stage::OptedOut => "opted_out",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.as_str() == s)
    }
}

/// The `followup` of a stage record that leaves the open follow-up open.
pub const KEPT: &str = "kept";

/// What the fold reads of one record; absent fields are `None`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Event<'a> {
    pub record_type: &'a str,
    pub decision: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub active: Option<bool>,
    /// On a `champion` record: the person the champion supports.
    pub supports: Option<&'a str>,
    /// On a `stage` record: `"followup": "kept"`, the open follow-up stays open (a stage record
    /// without it closes it, as every stage record did before).
    pub keeps_followup: bool,
}

impl<'a> Event<'a> {
    pub fn from_value(v: &'a Value) -> Event<'a> {
        let s = |key: &str| v.get(key).and_then(Value::as_str);
        Event {
            record_type: s("type").unwrap_or(""),
            decision: s("decision"),
            stage: s("stage"),
            active: v.get("active").and_then(Value::as_bool),
            supports: s("supports"),
            keeps_followup: s("followup") == Some(KEPT),
        }
    }
}

/// What a record did besides changing the [`Standing`], for readers that keep more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Applied {
    /// The record is a decision: its policy version is now the one behind `consent`.
    pub decision: bool,
    /// The record opens a follow-up (its `due` and `note` are the open one's).
    pub opens_followup: bool,
}

/// One employee's current state, a few bytes: what every reader keeps per person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The last decision, before [`settle`] turns an old `given` into `expired`.
    pub consent: ConsentState,
    pub stage: Stage,
    pub champion: bool,
    /// Has been through onboarding (a consent, withdrawal or attendance record).
    pub reached: bool,
    pub followup_open: bool,
}

impl Default for Standing {
    fn default() -> Self {
        Standing::NEW
    }
}

impl Standing {
    /// Nobody has recorded anything about the person.
    pub const NEW: Standing = Standing {
        consent: ConsentState::None,
        stage: Stage::NotStarted,
        champion: false,
        reached: false,
        followup_open: false,
    };

    /// Folds one record about this person (records in ledger order: by `at`, then id).
    pub fn apply(&mut self, e: &Event<'_>) -> Applied {
        let mut applied = Applied::default();
        match e.record_type {
            "consent" | "withdrawal" => {
                applied.decision = true;
                self.reached = true;
                // "Not now" decides nothing: the follow-up to talk with them again stays open.
                if e.record_type == "withdrawal" || e.decision != Some("deferred") {
                    self.followup_open = false;
                }
                let withdrawal = e.record_type == "withdrawal";
                match (withdrawal, e.decision) {
                    (true, _) => {
                        self.consent = ConsentState::Withdrawn;
                        self.stage = Stage::OptedOut;
                    }
                    (false, Some("given")) => {
                        self.consent = ConsentState::Given;
                        if !self.stage.on_own_phone() {
                            self.stage = Stage::Informed;
                        }
                    }
                    (false, Some("refused")) => {
                        self.consent = ConsentState::Refused;
                        self.stage = Stage::OptedOut;
                    }
                    (false, Some("deferred")) => {
                        self.consent = ConsentState::Deferred;
                        self.stage = Stage::Hesitant;
                    }
                    // A decision word from elsewhere: the record still counts as a decision
                    // under its policy version, the state stays.
                    _ => {}
                }
            }
            "attendance" => {
                self.reached = true;
                if self.stage == Stage::NotStarted {
                    self.stage = Stage::Informed;
                }
            }
            "stage" => {
                match e.stage {
                    Some("champion") => self.champion = true,
                    Some(s) => {
                        if let Some(stage) = Stage::parse(s) {
                            self.stage = stage;
                        }
                    }
                    None => {}
                }
                if !e.keeps_followup {
                    self.followup_open = false;
                }
            }
            // Ending one pairing (`supports` with `active: false`) leaves the flag as it is.
            "champion" if e.supports.is_none() || e.active != Some(false) => {
                self.champion = e.active != Some(false);
            }
            "followup" => {
                self.followup_open = true;
                applied.opens_followup = true;
            }
            _ => {}
        }
        applied
    }
}

/// The state to show once every record is folded: `given` under an older policy version than
/// `current_policy` is `expired`. Versions compare as text, so they must sort (dates like
/// `2026-11-23` do).
pub fn settle(
    consent: ConsentState,
    policy_version: Option<&str>,
    current_policy: &str,
) -> ConsentState {
    if consent == ConsentState::Given && policy_version.is_some_and(|v| v < current_policy) {
        ConsentState::Expired
    } else {
        consent
    }
}

/// Who supports whom: for each supported person, their champion. Fed every `champion` record
/// with a `supports` (in ledger order); a newer pairing for the same person replaces the older.
/// Ids are matched without regard to case, and kept as recorded.
#[derive(Debug, Clone, Default)]
pub struct Pairings {
    /// Supported person (their id's [`crate::ids::key`]) -> their id and their
    /// champion's, as recorded.
    champion_of: HashMap<Box<str>, (Box<str>, Box<str>)>,
}

impl Pairings {
    /// Takes in one record about `employee` (the champion when it is a `champion` record).
    pub fn apply(&mut self, employee: &str, e: &Event<'_>) {
        use crate::ids::{key, same_id};
        if e.record_type != "champion" {
            return;
        }
        match (e.supports, e.active != Some(false)) {
            (Some(other), true) => {
                self.champion_of
                    .insert(key(other).into(), (other.into(), employee.into()));
            }
            (Some(other), false) => {
                let other = key(other);
                if self
                    .champion_of
                    .get(other.as_str())
                    .is_some_and(|(_, c)| same_id(c, employee))
                {
                    self.champion_of.remove(other.as_str());
                }
            }
            // A champion who stops no longer supports anyone.
            (None, false) => self.champion_of.retain(|_, (_, c)| !same_id(c, employee)),
            (None, true) => {}
        }
    }

    /// The champion of `supported`, as recorded.
    pub fn champion(&self, supported: &str) -> Option<&str> {
        crate::ids::with_key(supported, |k| self.champion_of.get(k).map(|(_, c)| &**c))
    }

    /// Every pairing: the person supported and their champion, as recorded.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.champion_of.values().map(|(p, c)| (&**p, &**c))
    }

    /// The people `champion` supports (as recorded), sorted.
    pub fn supported_by(&self, champion: &str) -> Vec<&str> {
        let mut v: Vec<&str> = self
            .iter()
            .filter(|(_, c)| crate::ids::same_id(c, champion))
            .map(|(p, _)| p)
            .collect();
        v.sort_unstable();
        v
    }
}

/// One event in a person's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HistoryEntry {
    /// When it was recorded.
    pub at: String,
    /// When it happened, when the record says so and it was recorded later (`occurred_at`,
    /// or the day of `occurred_on`): what the history is dated by.
    pub occurred: Option<String>,
    #[serde(rename = "type")]
    pub record_type: String,
    pub decision: Option<String>,
    /// The stage a `stage` record set.
    pub stage: Option<String>,
    pub policy_version: Option<String>,
    pub kiosk: String,
    pub receipt: Option<String>,
    pub note: Option<String>,
    pub due: Option<String>,
    /// Who recorded it, for records made by a trainer or admin.
    pub recorded_by: Option<String>,
    /// On a `champion` record: the person supported.
    pub supports: Option<String>,
    pub active: Option<bool>,
    /// On an `attendance` record: the session.
    pub session: Option<String>,
    /// On a `withdrawal` record: the day the person asked (`requested_on`).
    pub requested_on: Option<String>,
    /// This record was voided, and why: it no longer counts (marked so in the text).
    pub voided: Option<String>,
    /// On a `void` record: the id of the record it cancels.
    pub voids: Option<String>,
    pub id: String,
}

impl HistoryEntry {
    /// What the entry is dated by: when it happened, else when it was recorded (as stored).
    pub fn dated_by(&self) -> &str {
        self.occurred.as_deref().unwrap_or(&self.at)
    }
}

/// The open follow-up.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct OpenFollowup {
    pub due: Option<String>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmployeeState {
    pub employee_id: String,
    pub name: Option<String>,
    pub department: Option<String>,
    pub consent: ConsentState,
    /// The policy version of the decision behind `consent`.
    pub policy_version: Option<String>,
    /// When the decision behind `consent` was made (`occurred_at`, else when it was recorded).
    pub decided_at: Option<String>,
    pub stage: Stage,
    pub champion: bool,
    pub reached: bool,
    pub followup: Option<OpenFollowup>,
    /// Their champion, when someone supports them.
    pub supported_by: Option<String>,
    /// The people they support, as a champion.
    pub supports: Vec<String>,
    pub history: Vec<HistoryEntry>,
    /// The id as the person's first record holds it (the same person's id in whatever case
    /// `employee_id` was asked in): what a new record about someone off the roster uses, so
    /// that the ledger keeps one spelling.
    #[serde(skip)]
    pub recorded_id: Option<String>,
    /// Voids among the records that name a record no void can cancel (see
    /// [`refused_voids`]): ignored, for a reader to warn about. Each as (the void's id, the id
    /// and type of the record it names).
    #[serde(skip)]
    pub ignored_voids: Vec<(String, String, String)>,
}

/// The employee id a record is about, if it is about one.
pub fn employee_id(record: &Value) -> Option<&str> {
    record.get("employee")?.get("id")?.as_str()
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut at = v;
    for key in path {
        at = at.get(key)?;
    }
    at.as_str().map(str::to_string)
}

/// Who recorded a record: `recorded_by.name`, else a trainer session's trainer.
pub fn recorded_by(v: &Value) -> Option<String> {
    text(v, &["recorded_by", "name"]).or_else(|| text(v, &["how", "trainer"]))
}

/// When a record says what it records happened, if it was recorded later: `occurred_at`, or
/// the day `occurred_on`. A withdrawal an administrator records keeps the day it was asked
/// for apart (`requested_on`, shown below it): it takes effect, and is listed, when it is
/// recorded, so that the history's order is the order the state was folded in (a day alone
/// cannot be placed among the times of that day's other records).
pub fn occurred(r: &Value) -> Option<String> {
    text(r, &["occurred_at"]).or_else(|| text(r, &["occurred_on"]))
}

/// One line of a person's history.
fn history_entry(r: &Value, event: &Event<'_>, voided: Option<String>) -> HistoryEntry {
    HistoryEntry {
        at: text(r, &["at"]).unwrap_or_default(),
        occurred: occurred(r),
        record_type: event.record_type.to_string(),
        decision: event.decision.map(str::to_string),
        stage: event.stage.map(str::to_string),
        policy_version: text(r, &["policy", "version"]),
        kiosk: text(r, &["kiosk"]).unwrap_or_default(),
        receipt: text(r, &["receipt"]),
        note: text(r, &["note"]),
        due: text(r, &["due"]),
        recorded_by: recorded_by(r),
        supports: event.supports.map(str::to_string),
        active: event.active,
        session: (event.record_type == "attendance")
            .then(|| text(r, &["session", "id"]))
            .flatten(),
        requested_on: (event.record_type == "withdrawal")
            .then(|| text(r, &["requested_on"]))
            .flatten(),
        voided,
        voids: text(r, &["voids"]),
        id: text(r, &["id"]).unwrap_or_default(),
    }
}

/// Record types a `void` cannot cancel: a person's own decisions, and voids (the rule
/// `tebiki record void` keeps; readers keep it too, for a void written some other way).
pub const NOT_VOIDABLE: [&str; 3] = ["consent", "withdrawal", "void"];

/// The records `records` cancel with a `void`: their ids, each with the void's reason (its
/// note). A voided record no longer counts anywhere; it stays in the history, marked. A void
/// naming a record of a type in [`NOT_VOIDABLE`] cancels nothing (see
/// [`refused_voids`]).
pub fn voided_ids<'a>(
    records: impl IntoIterator<Item = &'a Value>,
) -> std::collections::HashMap<&'a str, String> {
    let records: Vec<&Value> = records.into_iter().collect();
    let kept = not_voidable(&records);
    records
        .iter()
        .filter(|r| r.get("type").and_then(Value::as_str) == Some("void"))
        .filter_map(|r| {
            let target = r.get("voids").and_then(Value::as_str)?;
            (!kept.contains(target)).then(|| (target, text(r, &["note"]).unwrap_or_default()))
        })
        .collect()
}

/// The ids of the records among `records` that no void can cancel.
fn not_voidable<'a>(records: &[&'a Value]) -> std::collections::HashSet<&'a str> {
    records
        .iter()
        .filter(|r| {
            r.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| NOT_VOIDABLE.contains(&t))
        })
        .filter_map(|r| r.get("id").and_then(Value::as_str))
        .collect()
}

/// The voids among `records` that name a record no void can cancel (a person's own decision,
/// or a void): ignored by every reader, told as a warning. Each as (the void's id, the id
/// and type of the record it names).
pub fn refused_voids<'a>(records: &[&'a Value]) -> Vec<(&'a str, &'a str, &'a str)> {
    let kept: std::collections::HashMap<&str, &str> = records
        .iter()
        .filter_map(|r| {
            let t = r.get("type").and_then(Value::as_str)?;
            NOT_VOIDABLE
                .contains(&t)
                .then_some((r.get("id").and_then(Value::as_str)?, t))
        })
        .collect();
    records
        .iter()
        .filter(|r| r.get("type").and_then(Value::as_str) == Some("void"))
        .filter_map(|r| {
            let target = r.get("voids").and_then(Value::as_str)?;
            let t = kept.get(target)?;
            Some((r.get("id").and_then(Value::as_str)?, target, *t))
        })
        .collect()
}

/// Folds records (in ledger order) into one employee's state and history. Records about other
/// people count only where they pair a champion with this employee. `current_policy` is the
/// version of the content in use: a `given` under an older version is `expired`.
pub fn fold<'a>(
    employee: &str,
    records: impl IntoIterator<Item = &'a Value>,
    current_policy: &str,
) -> EmployeeState {
    let mut standing = Standing::NEW;
    let mut pairings = Pairings::default();
    let mut state = EmployeeState {
        employee_id: employee.to_string(),
        name: None,
        department: None,
        consent: ConsentState::None,
        policy_version: None,
        decided_at: None,
        stage: Stage::NotStarted,
        champion: false,
        reached: false,
        followup: None,
        supported_by: None,
        supports: Vec::new(),
        history: Vec::new(),
        recorded_id: None,
        ignored_voids: Vec::new(),
    };
    // Records cancelled by a `void` (by id, with the reason) do not count; they stay in the
    // history, marked.
    let records: Vec<&Value> = records.into_iter().collect();
    let voided = voided_ids(records.iter().copied());
    state.ignored_voids = refused_voids(&records)
        .into_iter()
        .map(|(void, target, t)| (void.to_string(), target.to_string(), t.to_string()))
        .collect();
    for r in records {
        let Some(about) = employee_id(r) else {
            continue;
        };
        let id = r.get("id").and_then(Value::as_str).unwrap_or("");
        let void_reason = voided.get(id).cloned();
        let event = Event::from_value(r);
        if void_reason.is_none() {
            pairings.apply(about, &event);
        }
        if !crate::ids::same_id(about, employee) {
            continue;
        }
        if state.recorded_id.is_none() {
            state.recorded_id = Some(about.to_string());
        }
        if void_reason.is_some() {
            state.history.push(history_entry(r, &event, void_reason));
            continue;
        }
        if let Some(n) = text(r, &["employee", "name"]) {
            state.name = Some(n);
        }
        if let Some(d) = text(r, &["employee", "department"]) {
            state.department = Some(d);
        }
        let applied = standing.apply(&event);
        if applied.decision {
            state.policy_version = text(r, &["policy", "version"]);
            // When it happened: a record entered later says so in `occurred_at`.
            state.decided_at = text(r, &["occurred_at"]).or_else(|| text(r, &["at"]));
        }
        if applied.opens_followup {
            state.followup = Some(OpenFollowup {
                due: text(r, &["due"]),
                note: text(r, &["note"]),
            });
        }
        state.history.push(history_entry(r, &event, None));
    }
    if !standing.followup_open {
        state.followup = None;
    }
    state.consent = settle(
        standing.consent,
        state.policy_version.as_deref(),
        current_policy,
    );
    state.stage = standing.stage;
    state.champion = standing.champion;
    state.reached = standing.reached;
    state.supported_by = pairings
        .champion(employee)
        .map(std::string::ToString::to_string);
    state.supports = pairings
        .supported_by(employee)
        .into_iter()
        .map(str::to_string)
        .collect();
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn consent(id: &str, decision: &str, version: &str) -> Value {
        json!({ "type": "consent", "at": "2026-11-23T01:00:00.000Z", "kiosk": "k", "id": "x",
                "employee": { "id": id, "name": "山田" }, "decision": decision,
                "policy": { "id": "p", "version": version } })
    }

    #[test]
    fn the_last_decision_counts_and_old_consent_expires() {
        let recs = [
            consent("E1", "deferred", "2026-11-23"),
            consent("E1", "given", "2026-11-23"),
            consent("E2", "refused", "2026-11-23"),
        ];
        let s = fold("E1", &recs, "2026-11-23");
        assert_eq!(s.consent, ConsentState::Given);
        assert_eq!(s.history.len(), 2);
        assert_eq!(
            fold("E1", &recs, "2027-01-01").consent,
            ConsentState::Expired
        );
        assert_eq!(fold("E3", &recs, "2026-11-23").consent, ConsentState::None);
    }

    #[test]
    fn a_withdrawal_ends_consent() {
        let w = json!({ "type": "withdrawal", "employee": { "id": "E1" }, "policy": { "version": "2026-11-23" } });
        let recs = [consent("E1", "given", "2026-11-23"), w];
        assert_eq!(
            fold("E1", &recs, "2026-11-23").consent,
            ConsentState::Withdrawn
        );
    }
}
