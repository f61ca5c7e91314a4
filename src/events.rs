//! The records trainers and admins add by hand - a stage change, a follow-up, a champion
//! pairing, attendance at a session, a withdrawal on the employee's request - from `tebiki
//! record` and from the dashboard. Each says who it is about, who recorded it and how.

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use crate::state::{ConsentState, Stage};

/// The person a record is about, as the roster (or the ledger) knows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Subject {
    pub id: String,
    pub name: Option<String>,
    pub department: Option<String>,
}

impl Subject {
    pub fn id(id: &str) -> Subject {
        Subject {
            id: id.to_string(),
            ..Subject::default()
        }
    }

    fn to_value(&self) -> Value {
        let mut e = Map::new();
        e.insert("id".into(), self.id.clone().into());
        if let Some(n) = self.name.as_deref().filter(|n| !n.is_empty()) {
            e.insert("name".into(), n.into());
        }
        if let Some(d) = self.department.as_deref().filter(|d| !d.is_empty()) {
            e.insert("department".into(), d.into());
        }
        Value::Object(e)
    }
}

/// Where a record was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `tebiki record ...`
    Cli,
    /// `tebiki admin`
    Dashboard,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Cli => "cli",
            Via::Dashboard => "dashboard",
        }
    }
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The person's migration stage is now this.
    Stage(Stage),
    /// Someone talked with the person; the next talk is due on this date.
    Followup { due: Date },
    /// The person is a champion (or no longer one); with `supports`, the pairing of this
    /// champion with the person they support starts (or ends).
    Champion {
        active: bool,
        supports: Option<Subject>,
    },
    /// The person attended a session.
    Attendance { session: String, on: Option<Date> },
    /// The person asked to withdraw their consent on `requested_on`; recorded by an admin,
    /// under the policy version in use.
    Withdrawal {
        requested_on: Date,
        policy_id: String,
        policy_version: String,
    },
}

/// One record to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub employee: Subject,
    pub change: Change,
    pub note: Option<String>,
    /// Who records it (a trainer's or admin's name).
    pub by: String,
    pub via: Via,
}

impl Entry {
    /// The record type and body, ready for the ledger writer.
    pub fn record(&self) -> (&'static str, Map<String, Value>) {
        let mut body = Map::new();
        body.insert("employee".into(), self.employee.to_value());
        let record_type = match &self.change {
            Change::Stage(stage) => {
                body.insert("stage".into(), stage.as_str().into());
                "stage"
            }
            Change::Followup { due } => {
                body.insert("due".into(), due.to_string().into());
                "followup"
            }
            Change::Champion { active, supports } => {
                body.insert("active".into(), (*active).into());
                if let Some(s) = supports {
                    body.insert("supports".into(), s.id.clone().into());
                    body.insert("supported".into(), s.to_value());
                }
                "champion"
            }
            Change::Attendance { session, on } => {
                body.insert("session".into(), json!({ "id": session }));
                if let Some(d) = on {
                    body.insert("occurred_on".into(), d.to_string().into());
                }
                "attendance"
            }
            Change::Withdrawal {
                requested_on,
                policy_id,
                policy_version,
            } => {
                body.insert("requested_by".into(), "employee".into());
                body.insert("requested_on".into(), requested_on.to_string().into());
                body.insert(
                    "policy".into(),
                    json!({ "id": policy_id, "version": policy_version }),
                );
                "withdrawal"
            }
        };
        if let Some(n) = self
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            body.insert("note".into(), n.into());
        }
        body.insert(
            "how".into(),
            json!({ "method": "admin", "via": self.via.as_str(), "session": Value::Null }),
        );
        body.insert("recorded_by".into(), json!({ "name": self.by }));
        body.insert(
            "app".into(),
            json!({ "name": "tebiki", "version": env!("CARGO_PKG_VERSION") }),
        );
        (record_type, body)
    }
}

/// Why a change cannot be recorded for a person in their current state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Moving over to their own phone needs their consent under the current policy.
    NeedsConsent,
    /// A withdrawal needs a consent to withdraw.
    NothingToWithdraw,
}

/// Whether `change` may be recorded for someone whose consent state is `consent`: nobody is
/// recorded as moved over to their own phone without a current consent (trying LINE WORKS
/// next to the current channel comes before deciding, so `parallel` needs none), and only a
/// consent can be withdrawn.
pub fn allowed(change: &Change, consent: ConsentState) -> Result<(), Refusal> {
    match change {
        Change::Stage(Stage::Migrated) if consent != ConsentState::Given => {
            Err(Refusal::NeedsConsent)
        }
        Change::Withdrawal { .. }
            if !matches!(consent, ConsentState::Given | ConsentState::Expired) =>
        {
            Err(Refusal::NothingToWithdraw)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Event, Standing};

    fn entry(change: Change) -> Entry {
        Entry {
            employee: Subject {
                id: "E1".into(),
                name: Some("山田 花子".into()),
                department: Some("営業".into()),
            },
            change,
            note: Some("  話を聞いた ".into()),
            by: "佐藤".into(),
            via: Via::Cli,
        }
    }

    #[test]
    fn records_carry_who_how_and_what_the_fold_reads() {
        let (t, body) = entry(Change::Stage(Stage::Parallel)).record();
        assert_eq!(t, "stage");
        let v = Value::Object(body.clone());
        assert_eq!(v["employee"]["name"], "山田 花子");
        assert_eq!(v["recorded_by"]["name"], "佐藤");
        assert_eq!(v["how"]["via"], "cli");
        assert_eq!(v["note"], "話を聞いた");
        let mut with_type = body;
        with_type.insert("type".into(), t.into());
        let v = Value::Object(with_type);
        let mut s = Standing::NEW;
        s.apply(&Event::from_value(&v));
        assert_eq!(s.stage, Stage::Parallel);

        let (t, body) = entry(Change::Champion {
            active: true,
            supports: Some(Subject::id("E2")),
        })
        .record();
        assert_eq!(t, "champion");
        assert_eq!(body["supports"], "E2");
        let (t, body) = entry(Change::Withdrawal {
            requested_on: Date::constant(2026, 11, 20),
            policy_id: "p".into(),
            policy_version: "2026-11-23".into(),
        })
        .record();
        assert_eq!(t, "withdrawal");
        assert_eq!(body["requested_on"], "2026-11-20");
        assert_eq!(body["policy"]["version"], "2026-11-23");
    }

    #[test]
    fn moving_over_needs_consent_and_only_consent_can_be_withdrawn() {
        let migrated = Change::Stage(Stage::Migrated);
        let parallel = Change::Stage(Stage::Parallel);
        let withdrawal = Change::Withdrawal {
            requested_on: Date::constant(2026, 11, 20),
            policy_id: "p".into(),
            policy_version: "v".into(),
        };
        assert_eq!(allowed(&migrated, ConsentState::Given), Ok(()));
        for c in [
            ConsentState::Deferred,
            ConsentState::Expired,
            ConsentState::None,
        ] {
            assert_eq!(allowed(&migrated, c), Err(Refusal::NeedsConsent));
        }
        assert_eq!(allowed(&parallel, ConsentState::Deferred), Ok(()));
        assert_eq!(allowed(&withdrawal, ConsentState::Expired), Ok(()));
        assert_eq!(
            allowed(&withdrawal, ConsentState::Refused),
            Err(Refusal::NothingToWithdraw)
        );
    }
}
