//! Folds an employee's records into their current consent state (words of the W3C DPV consent
//! vocabulary, see DESIGN.md) and their history.

use serde::Serialize;
use serde_json::Value;

/// The consent states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
}

/// One event in a person's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub at: String,
    #[serde(rename = "type")]
    pub record_type: String,
    pub decision: Option<String>,
    pub policy_version: Option<String>,
    pub kiosk: String,
    pub receipt: Option<String>,
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EmployeeState {
    pub employee_id: String,
    pub name: Option<String>,
    pub department: Option<String>,
    pub consent: ConsentState,
    /// The policy version of the decision behind `consent`.
    pub policy_version: Option<String>,
    pub history: Vec<HistoryEntry>,
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

/// Folds records (in time order) about one employee. `current_policy` is the version of the
/// content in use: a `given` under an older version is `expired`. Versions compare as text,
/// so they must sort (dates like `2026-11-23` do).
pub fn fold<'a>(
    employee: &str,
    records: impl IntoIterator<Item = &'a Value>,
    current_policy: &str,
) -> EmployeeState {
    let mut state = EmployeeState {
        employee_id: employee.to_string(),
        name: None,
        department: None,
        consent: ConsentState::None,
        policy_version: None,
        history: Vec::new(),
    };
    for r in records {
        if employee_id(r) != Some(employee) {
            continue;
        }
        let record_type = text(r, &["type"]).unwrap_or_default();
        let decision = text(r, &["decision"]);
        let version = text(r, &["policy", "version"]);
        if let Some(n) = text(r, &["employee", "name"]) {
            state.name = Some(n);
        }
        if let Some(d) = text(r, &["employee", "department"]) {
            state.department = Some(d);
        }
        match record_type.as_str() {
            "consent" => {
                state.consent = match decision.as_deref() {
                    Some("given") => ConsentState::Given,
                    Some("refused") => ConsentState::Refused,
                    Some("deferred") => ConsentState::Deferred,
                    _ => state.consent,
                };
                state.policy_version = version.clone();
            }
            "withdrawal" => {
                state.consent = ConsentState::Withdrawn;
                state.policy_version = version.clone();
            }
            _ => {}
        }
        state.history.push(HistoryEntry {
            at: text(r, &["at"]).unwrap_or_default(),
            record_type,
            decision,
            policy_version: version,
            kiosk: text(r, &["kiosk"]).unwrap_or_default(),
            receipt: text(r, &["receipt"]),
            id: text(r, &["id"]).unwrap_or_default(),
        });
    }
    if state.consent == ConsentState::Given
        && state
            .policy_version
            .as_deref()
            .is_some_and(|v| v < current_policy)
    {
        state.consent = ConsentState::Expired;
    }
    state
}

/// How one record changes the consent part of an employee's state, by the rules of [`fold`],
/// for readers that keep one small state per employee instead of their records (the report).
/// `Some(state)` when the record is a decision (its policy version then becomes the state's),
/// `None` when it leaves consent as it was.
pub fn consent_effect(
    record_type: &str,
    decision: Option<&str>,
    previous: ConsentState,
) -> Option<ConsentState> {
    match record_type {
        "consent" => Some(match decision {
            Some("given") => ConsentState::Given,
            Some("refused") => ConsentState::Refused,
            Some("deferred") => ConsentState::Deferred,
            _ => previous,
        }),
        "withdrawal" => Some(ConsentState::Withdrawn),
        _ => None,
    }
}

/// The state to show once every record is folded: `given` under an older policy version than
/// `current_policy` is `expired` (as in [`fold`]).
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
