//! Every field a record a person makes at a terminal (a decision, a withdrawal) holds, each
//! with its description in every language (Fluent `field-…`). The privacy notice is generated
//! from this list, so it cannot say less than is recorded: a test builds the fullest records
//! the builders make and fails on any field missing here.

/// One field: its path in the record (`content.screens[].seconds`) and the Fluent id of its
/// description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub path: &'static str,
    pub description: &'static str,
}

/// A group of fields as the notice lists them, under a heading (Fluent id).
#[derive(Debug, Clone, Copy)]
pub struct Group {
    pub heading: &'static str,
    pub fields: &'static [Field],
}

const fn f(path: &'static str, description: &'static str) -> Field {
    Field { path, description }
}

/// What a `consent` or `withdrawal` record holds, grouped as the notice shows it.
pub const GROUPS: &[Group] = &[
    Group {
        heading: "fields-who",
        fields: &[
            f("employee.id", "field-employee-id"),
            f("employee.id_as_entered", "field-employee-id-as-entered"),
            f("employee.name", "field-employee-name"),
            f("employee.department", "field-employee-department"),
            f("employee.verified", "field-employee-verified"),
        ],
    },
    Group {
        heading: "fields-how",
        fields: &[
            f("how.method", "field-how-method"),
            f("how.mode", "field-how-mode"),
            f("how.session", "field-how-session"),
            f("how.trainer", "field-how-trainer"),
            f("kiosk", "field-kiosk"),
            f("at", "field-at"),
            f("ui_language", "field-ui-language"),
        ],
    },
    Group {
        heading: "fields-seen",
        fields: &[
            f("policy.id", "field-policy"),
            f("policy.version", "field-policy"),
            f("content.languages", "field-content-languages"),
            f("content.sha256", "field-content-sha256"),
            f("content.screens[].id", "field-screens"),
            f("content.screens[].seconds", "field-screens-seconds"),
            f("content.screens[].read_to_end", "field-screens-read-to-end"),
            f("content.screens[].languages", "field-screens"),
            f("content.screens[].fast", "field-screens-fast"),
            f("content.slides", "field-slides"),
        ],
    },
    Group {
        heading: "fields-check",
        fields: &[
            f("check.questions", "field-check"),
            f("check.correct", "field-check"),
            f("check.correct_first_try", "field-check"),
            f("check.attempts", "field-check-attempts"),
            f("check.items[].id", "field-check-attempts"),
            f("check.items[].attempts", "field-check-attempts"),
            f("check.items[].first_try", "field-check-attempts"),
        ],
    },
    Group {
        heading: "fields-choice",
        fields: &[
            f("decision", "field-decision"),
            f("acknowledged", "field-acknowledged"),
            f("purposes[].id", "field-purposes"),
            f("purposes[].granted", "field-purposes"),
            f("reasons", "field-reasons"),
            f("alternative_chosen", "field-alternative"),
            f("alternative_offered", "field-alternative"),
            f("withdraw.at_kiosk", "field-withdraw-how"),
            f("withdraw.text", "field-withdraw-how"),
            f("renews.consent", "field-renews"),
            f("renews.policy_version", "field-renews"),
            f("renews.decided_at", "field-renews"),
            f("requested_by", "field-requested-by"),
            f("receipt", "field-receipt"),
        ],
    },
    Group {
        heading: "fields-technical",
        fields: &[
            f("schema", "field-technical"),
            f("seq", "field-technical"),
            f("prev", "field-technical"),
            f("id", "field-technical"),
            f("type", "field-technical"),
            f("app.name", "field-technical"),
            f("app.version", "field-technical"),
        ],
    },
];

/// The field at `path`, if the list has it.
pub fn find(path: &str) -> Option<&'static Field> {
    GROUPS
        .iter()
        .flat_map(|g| g.fields.iter())
        .find(|f| f.path == path)
}

/// Every leaf path of a JSON value, arrays of objects as `name[].field`.
pub fn leaf_paths(v: &serde_json::Value) -> Vec<String> {
    fn walk(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, child) in m {
                    let path = if at.is_empty() {
                        k.clone()
                    } else {
                        format!("{at}.{k}")
                    };
                    // A map keyed by language (content.sha256) is one field.
                    if k == "sha256" {
                        out.push(path);
                    } else {
                        walk(child, path, out);
                    }
                }
            }
            serde_json::Value::Array(items) if items.iter().any(serde_json::Value::is_object) => {
                for item in items {
                    walk(item, format!("{at}[]"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    walk(v, String::new(), &mut out);
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::consent::{
        Answered, ConsentFacts, Decision, Made, Renews, ScreenSeen, consent_body, withdrawal_body,
    };
    use crate::record::{How, SessionRef, Subject, Verified};

    fn fullest() -> ConsentFacts {
        ConsentFacts {
            made: Made {
                employee: Subject {
                    id: "E1".into(),
                    id_as_entered: Some("e1".into()),
                    name: Some("山田".into()),
                    department: Some("営業".into()),
                    verified: Some(Verified::Roster),
                },
                how: How::Session {
                    mode: "attended",
                    session: SessionRef {
                        id: "S".into(),
                        trainer: "T".into(),
                    },
                },
                policy_id: "p".into(),
                policy_version: "v".into(),
                ui_language: "ja".into(),
                receipt: "0000-0000".into(),
            },
            content_sha256: vec![("ja".into(), "00".into())],
            screens: vec![ScreenSeen {
                id: "why".into(),
                seconds: 1.0,
                read_to_end: true,
                languages: vec!["ja".into()],
                fast: true,
            }],
            check: vec![Answered {
                id: "q".into(),
                attempts: 1,
                first_try: true,
                passed: true,
            }],
            decision: Decision::Deferred,
            acknowledged: vec!["working-hours".into()],
            purposes: vec![("core".into(), true)],
            reasons: vec!["cost".into()],
            alternative_chosen: Some("not-now"),
            withdraw_text: "t".into(),
            renews: Some(Renews {
                policy_version: Some("u".into()),
                decided_at: Some("2026".into()),
            }),
            slides: Some(vec!["why".into()]),
        }
    }

    #[test]
    fn every_field_a_person_s_record_holds_is_described() {
        let envelope = ["schema", "seq", "prev", "id", "at", "kiosk", "type"];
        let consent = serde_json::Value::Object(consent_body(&fullest()));
        let withdrawal = serde_json::Value::Object(withdrawal_body(&fullest().made));
        for record in [consent, withdrawal] {
            for path in leaf_paths(&record)
                .into_iter()
                .chain(envelope.iter().map(std::string::ToString::to_string))
            {
                assert!(
                    find(&path).is_some(),
                    "`{path}` is recorded but the privacy notice does not describe it"
                );
            }
        }
    }
}
