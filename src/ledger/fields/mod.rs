//! The fields of a stored record that exports and reports use, read straight from its line.
//!
//! Building a whole JSON tree per record would cost most of a pass over a large ledger, so the
//! line is read into borrowed fields, skipping the rest. A record whose fields have unexpected
//! types (hand-written, or from a future version) falls back to the JSON tree, so it gives the
//! same answer either way.

mod essentials;
mod flat;

use std::borrow::Cow;
use std::fmt;

pub use essentials::*;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

/// The fields used by `export` and `report`; absent or mistyped ones are `None`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Fields<'a> {
    #[serde(borrow, rename = "type", deserialize_with = "borrowed")]
    pub record_type: Option<Cow<'a, str>>,
    /// The envelope's time, as stored.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub at: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub occurred_at: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub employee: Option<Employee<'a>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub decision: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub stage: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub due: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub note: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub receipt: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub ui_language: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub purposes: Option<Vec<Purpose<'a>>>,
    #[serde(borrow)]
    pub reasons: Option<Vec<Text<'a>>>,
    #[serde(borrow)]
    pub policy: Option<Policy<'a>>,
    #[serde(borrow)]
    pub content: Option<ContentFields<'a>>,
    #[serde(borrow)]
    pub how: Option<How<'a>>,
    #[serde(borrow)]
    pub session: Option<Session<'a>>,
    pub active: Option<bool>,
    /// `champion`: the supported person's id, and as the roster knew them.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub supports: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub supported: Option<Employee<'a>>,
    /// `withdrawal`: who asked (`employee`) and on which day.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub requested_by: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub requested_on: Option<Cow<'a, str>>,
    /// `attendance`: the day of the session, when given.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub occurred_on: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub recorded_by: Option<Named<'a>>,
    pub check: Option<Check>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub alternative_chosen: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub alternative_offered: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub withdraw: Option<Withdraw<'a>>,
    #[serde(borrow)]
    pub renews: Option<Renews<'a>>,
    #[serde(borrow)]
    pub app: Option<App<'a>>,
    pub on_roster: Option<bool>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub action: Option<Cow<'a, str>>,
    pub demo: Option<bool>,
    /// The acknowledgements a consent records (ids, or objects with an `id`).
    #[serde(borrow)]
    pub acknowledged: Option<Vec<Session<'a>>>,
    /// `void`: the id of the record it cancels (or an object with that `id`).
    #[serde(borrow)]
    pub voids: Option<Session<'a>>,
    /// `stage`: `kept` when the open follow-up stays open.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub followup: Option<Cow<'a, str>>,
}

/// `recorded_by`: who entered the record.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Named<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub name: Option<Cow<'a, str>>,
}

/// The consent check's counts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Check {
    pub questions: Option<u64>,
    pub correct: Option<u64>,
    pub correct_first_try: Option<u64>,
    pub attempts: Option<u64>,
}

/// How to withdraw, as the person was told.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Withdraw<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub text: Option<Cow<'a, str>>,
}

/// The earlier decision a consent renews.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Renews<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub policy_version: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub decided_at: Option<Cow<'a, str>>,
}

/// The program that wrote the record.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct App<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub version: Option<Cow<'a, str>>,
}

/// `employee.verified`: how the person's identity was checked (`roster`, `code`), or `false`.
#[derive(Debug, Default)]
pub struct Verified<'a>(pub Option<Cow<'a, str>>);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Employee<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub name: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub department: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub id_as_entered: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub verified: Option<Verified<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Purpose<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub id: Option<Cow<'a, str>>,
    pub granted: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Policy<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub id: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub version: Option<Cow<'a, str>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContentFields<'a> {
    #[serde(borrow)]
    pub languages: Option<Vec<Text<'a>>>,
    #[serde(borrow)]
    pub sha256: Option<Hashes<'a>>,
    /// The slides shown in a trainer's session.
    #[serde(borrow)]
    pub slides: Option<Vec<Text<'a>>>,
    /// Each screen seen (only what the export shows of it: which were passed quicker than
    /// skimming, and which were not read to their end).
    #[serde(borrow)]
    pub screens: Option<Vec<ScreenSeen<'a>>>,
}

/// One screen of `content.screens`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ScreenSeen<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub id: Option<Cow<'a, str>>,
    pub fast: Option<bool>,
    /// Whether the person scrolled to its end.
    pub read_to_end: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct How<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub method: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub session: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub mode: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub via: Option<Cow<'a, str>>,
    #[serde(borrow, deserialize_with = "borrowed")]
    pub trainer: Option<Cow<'a, str>>,
}

/// A string in a list.
#[derive(Debug, Deserialize)]
pub struct Text<'a>(#[serde(borrow)] pub Cow<'a, str>);

/// `content.sha256`: per language (`{"ja": "..."}`, in stored order), or one hash.
#[derive(Debug, Default)]
pub struct Hashes<'a>(pub Vec<(Cow<'a, str>, Cow<'a, str>)>);

/// A session: its id, whether written as a string or as an object with an `id`.
#[derive(Debug, Default)]
pub struct Session<'a>(pub Option<Cow<'a, str>>);

/// A string field that borrows from the line when it can (no escapes in it). Serde's own
/// `Option<Cow<str>>` always copies, even with `#[serde(borrow)]`, which borrows only a `Cow`
/// that is the field itself (as in [`Text`]).
pub(super) fn borrowed<'de: 'a, 'a, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Cow<'a, str>>, D::Error> {
    Option::<Text<'de>>::deserialize(d).map(|t| t.map(|t| t.0))
}

impl<'a> Fields<'a> {
    /// Reads `raw` (one stored line) and calls `f` with its fields.
    pub fn with<R>(raw: &'a str, f: impl FnOnce(&Fields<'_>) -> R) -> R {
        match serde_json::from_str::<Fields<'a>>(raw) {
            Ok(fields) => f(&fields),
            Err(_) => {
                let value: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
                f(&Fields::from_value(&value))
            }
        }
    }

    /// The same fields taken from a parsed record.
    pub fn from_value(v: &'a Value) -> Fields<'a> {
        let s = |v: Option<&'a Value>| v.and_then(Value::as_str).map(Cow::Borrowed);
        let texts = |v: Option<&'a Value>| {
            v.and_then(Value::as_array).map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(|t| Text(Cow::Borrowed(t)))
                    .collect()
            })
        };
        let person = |e: &'a Value| Employee {
            id: s(e.get("id")),
            name: s(e.get("name")),
            department: s(e.get("department")),
            id_as_entered: s(e.get("id_as_entered")),
            verified: e
                .get("verified")
                .filter(|v| !v.is_null())
                .and_then(Verified::from_value),
        };
        let employee = v.get("employee").filter(|e| e.is_object()).map(person);
        let id_item = |v: &'a Value| match v {
            Value::String(id) => Some(Session(Some(Cow::Borrowed(id)))),
            Value::Object(m) => Some(Session(s(m.get("id")))),
            Value::Null => Some(Session(None)),
            _ => None,
        };
        let object = |key: &str| v.get(key).filter(|o| o.is_object());
        let number = |o: &'a Value, key: &str| o.get(key).and_then(Value::as_u64);
        let purposes = v.get("purposes").and_then(Value::as_array).map(|a| {
            a.iter()
                .map(|p| Purpose {
                    id: s(p.get("id")),
                    granted: p.get("granted").and_then(Value::as_bool),
                })
                .collect()
        });
        let policy = v.get("policy").filter(|p| p.is_object()).map(|p| Policy {
            id: s(p.get("id")),
            version: s(p.get("version")),
        });
        let content = v
            .get("content")
            .filter(|c| c.is_object())
            .map(|c| ContentFields {
                languages: texts(c.get("languages")),
                slides: texts(c.get("slides")),
                screens: c.get("screens").and_then(Value::as_array).map(|a| {
                    a.iter()
                        .map(|x| ScreenSeen {
                            id: s(x.get("id")),
                            fast: x.get("fast").and_then(Value::as_bool),
                            read_to_end: x.get("read_to_end").and_then(Value::as_bool),
                        })
                        .collect()
                }),
                sha256: match c.get("sha256") {
                    Some(Value::Object(m)) => Some(Hashes(
                        m.iter()
                            .filter_map(|(k, h)| {
                                Some((Cow::Borrowed(k.as_str()), Cow::Borrowed(h.as_str()?)))
                            })
                            .collect(),
                    )),
                    Some(Value::String(h)) => {
                        Some(Hashes(vec![(Cow::Borrowed(""), Cow::Borrowed(h))]))
                    }
                    _ => None,
                },
            });
        let how = v.get("how").filter(|h| h.is_object()).map(|h| How {
            method: s(h.get("method")),
            session: s(h.get("session")),
            mode: s(h.get("mode")),
            via: s(h.get("via")),
            trainer: s(h.get("trainer")),
        });
        let session = match v.get("session") {
            Some(Value::String(id)) => Some(Session(Some(Cow::Borrowed(id)))),
            Some(Value::Object(m)) => Some(Session(s(m.get("id")))),
            _ => None,
        };
        Fields {
            record_type: s(v.get("type")),
            at: s(v.get("at")),
            occurred_at: s(v.get("occurred_at")),
            employee,
            decision: s(v.get("decision")),
            stage: s(v.get("stage")),
            due: s(v.get("due")),
            note: s(v.get("note")),
            receipt: s(v.get("receipt")),
            ui_language: s(v.get("ui_language")),
            purposes,
            reasons: texts(v.get("reasons")),
            policy,
            content,
            how,
            session,
            active: v.get("active").and_then(Value::as_bool),
            supports: s(v.get("supports")),
            supported: object("supported").map(person),
            requested_by: s(v.get("requested_by")),
            requested_on: s(v.get("requested_on")),
            occurred_on: s(v.get("occurred_on")),
            recorded_by: object("recorded_by").map(|r| Named {
                name: s(r.get("name")),
            }),
            check: object("check").map(|c| Check {
                questions: number(c, "questions"),
                correct: number(c, "correct"),
                correct_first_try: number(c, "correct_first_try"),
                attempts: number(c, "attempts"),
            }),
            alternative_chosen: s(v.get("alternative_chosen")),
            alternative_offered: s(v.get("alternative_offered")),
            withdraw: object("withdraw").map(|w| Withdraw {
                text: s(w.get("text")),
            }),
            renews: object("renews").map(|r| Renews {
                policy_version: s(r.get("policy_version")),
                decided_at: s(r.get("decided_at")),
            }),
            app: object("app").map(|a| App {
                version: s(a.get("version")),
            }),
            on_roster: v.get("on_roster").and_then(Value::as_bool),
            action: s(v.get("action")),
            demo: v.get("demo").and_then(Value::as_bool),
            acknowledged: v
                .get("acknowledged")
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(id_item).collect()),
            voids: v.get("voids").filter(|v| !v.is_null()).and_then(id_item),
            followup: s(v.get("followup")),
        }
    }

    /// Who entered the record: `recorded_by.name`, else the trainer of the session.
    pub fn recorded_by(&self) -> Option<&str> {
        self.recorded_by
            .as_ref()
            .and_then(|r| r.name.as_deref())
            .or_else(|| self.how.as_ref().and_then(|h| h.trainer.as_deref()))
    }

    pub fn employee_id(&self) -> Option<&str> {
        self.employee.as_ref()?.id.as_deref()
    }
    pub fn employee_name(&self) -> Option<&str> {
        self.employee.as_ref()?.name.as_deref()
    }
    pub fn department(&self) -> Option<&str> {
        self.employee.as_ref()?.department.as_deref()
    }
    pub fn policy_version(&self) -> Option<&str> {
        self.policy.as_ref()?.version.as_deref()
    }
    /// The trainer session: `how.session`, else a `session` of the record itself.
    pub fn session_id(&self) -> Option<&str> {
        self.how
            .as_ref()
            .and_then(|h| h.session.as_deref())
            .or_else(|| self.session.as_ref().and_then(|s| s.0.as_deref()))
    }
}

/// A string member as the derived reader takes it: `Some(None)` for `null`, `None` (a type it
/// does not take) for anything but a string. Strings without escapes are borrowed as they are.
fn text(json: Option<&str>) -> Option<Option<Cow<'_, str>>> {
    let Some(json) = json else {
        return Some(None);
    };
    if let Some(inner) = json.strip_prefix('"').and_then(|j| j.strip_suffix('"'))
        && !inner.contains('\\')
    {
        // Valid JSON: a quoted run without backslashes is the string itself.
        return Some(Some(Cow::Borrowed(inner)));
    }
    serde_json::from_str::<Option<String>>(json)
        .ok()
        .map(|t| t.map(Cow::Owned))
}

/// Any other member, read as the derived reader reads it; `None` when that fails.
fn typed<'a, T: Deserialize<'a>>(json: Option<&'a str>) -> Option<Option<T>> {
    match json {
        None => Some(None),
        Some(json) => serde_json::from_str::<Option<T>>(json).ok(),
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Hashes<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Hashes<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of hashes or one hash")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Hashes(vec![(Cow::Borrowed(""), Cow::Borrowed(v))]))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Hashes(vec![(Cow::Borrowed(""), Cow::Owned(v.to_owned()))]))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(k) = map.next_key::<Text<'de>>()? {
                    let h = map.next_value::<Text<'de>>()?;
                    out.push((k.0, h.0));
                }
                Ok(Hashes(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'a> Verified<'a> {
    fn from_value(v: &'a Value) -> Option<Verified<'a>> {
        match v {
            Value::String(t) => Some(Verified(Some(Cow::Borrowed(t)))),
            Value::Bool(b) => Some(Verified(Some(Cow::Borrowed(if *b {
                "true"
            } else {
                "false"
            })))),
            Value::Null => Some(Verified(None)),
            _ => None,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Verified<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Verified<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("how the identity was checked, or false")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Verified(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Verified(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
                Ok(Verified(Some(Cow::Borrowed(if v {
                    "true"
                } else {
                    "false"
                }))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Verified(None))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Session<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Session<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a session id or an object with an id")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Session(Some(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Session(Some(Cow::Owned(v.to_owned()))))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(Session(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut id = None;
                while let Some(k) = map.next_key::<Text<'de>>()? {
                    if k.0 == "id" {
                        id = Some(map.next_value::<Text<'de>>()?.0);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Session(id))
            }
        }
        d.deserialize_any(V)
    }
}

/// A JSON object of `members` (keys, and values as JSON text), compact as the writer writes.
#[cfg(test)]
pub(crate) fn json_object(members: &[(impl fmt::Display, impl fmt::Display)]) -> String {
    let members: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("\"{k}\":{v}"))
        .collect();
    format!("{{{}}}", members.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONSENT: &str = r#"{"schema":"tebiki/1","type":"consent","employee":{"id":"E1","name":"山田 \"太郎\"","department":"営業部"},"how":{"method":"kiosk","session":null},"policy":{"id":"p","version":"2026-11-23"},"content":{"languages":["ja","en"],"sha256":{"ja":"aa","en":"bb"}},"decision":"given","purposes":[{"id":"own-phone","granted":true}],"reasons":[],"receipt":"ABCD-EFGH"}"#;

    #[test]
    fn the_fast_path_and_the_tree_agree() {
        let value: Value = serde_json::from_str(CONSENT).unwrap();
        let slow = format!("{:?}", Fields::from_value(&value));
        let fast = Fields::with(CONSENT, |f| format!("{f:?}"));
        assert_eq!(
            fast.replace("Owned(", "").replace("Borrowed(", ""),
            slow.replace("Owned(", "").replace("Borrowed(", "")
        );
        Fields::with(CONSENT, |f| {
            assert_eq!(f.employee_name(), Some("山田 \"太郎\""));
            assert_eq!(f.decision.as_deref(), Some("given"));
            assert_eq!(f.session_id(), None);
        });
    }

    #[test]
    fn unexpected_types_fall_back_to_the_tree() {
        let odd = r#"{"type":"stage","employee":{"id":"E2","name":7},"stage":"parallel","session":{"id":"S1","x":[1]}}"#;
        Fields::with(odd, |f| {
            assert_eq!(f.employee_id(), Some("E2"));
            assert_eq!(f.employee_name(), None);
            assert_eq!(f.stage.as_deref(), Some("parallel"));
            assert_eq!(f.session_id(), Some("S1"));
        });
    }

    /// `from_members`, or `with_member_tree` when it gives up, reads what `with` reads from the
    /// whole line.
    #[test]
    fn the_members_give_what_the_whole_line_gives() {
        let normal = |s: String| s.replace("Owned(", "").replace("Borrowed(", "");
        let cases: [&[(&str, &str)]; 17] = [
            &[
                ("type", r#""consent""#),
                (
                    "employee",
                    r#"{"id":"E1","name":"山田 \"太郎\"","department":"営業部"}"#,
                ),
                ("decision", r#""given""#),
                ("policy", r#"{"id":"p","version":"2026-11-23"}"#),
                ("content", r#"{"languages":["ja"],"x":[1,{"y":null}]}"#),
            ],
            &[
                ("type", r#""consent""#),
                ("decision", r#""given""#),
                (
                    "content",
                    r#"{"screens":[{"id":"a","seconds":1.5,"fast":true},{"id":"b"}]}"#,
                ),
            ],
            &[
                ("type", r#""consent""#),
                ("content", r#"{"screens":[{"id":"a","fast":false}]}"#),
            ],
            &[
                ("type", r#""followup""#),
                ("employee", r#"{"id":"E2"}"#),
                ("due", r#""2026-01-05""#),
                ("note", r#""a\nb \u00e9""#),
            ],
            &[
                ("type", r#""stage""#),
                ("employee", "null"),
                ("stage", "null"),
            ],
            &[("type", r#""champion""#), ("active", "false")],
            &[("type", r#""champion""#), ("active", r#""no""#)],
            &[("type", r#""consent""#), ("decision", "5")],
            &[
                ("type", r#""stage""#),
                ("employee", r#"{"id":"E3","name":7}"#),
            ],
            &[
                ("type", r#""stage""#),
                ("employee", r#"["E4","名前","部署"]"#),
            ],
            &[
                ("type", r#""stage""#),
                ("employee", r#"{"id":"E5","id":"E6"}"#),
            ],
            &[("type", r#""consent""#), ("policy", r#"{"version":3}"#)],
            &[("type", r#""consent""#), ("policy", r#""2026""#)],
            &[
                ("type", "1"),
                ("employee", r#"{"id":"E7","extra":{"deep":[1,2]}}"#),
            ],
            &[
                ("type", r#""withdrawal""#),
                ("employee", r#"{"id":"E8"}"#),
                ("how", r#"{"method":"admin","via":"cli","session":null}"#),
            ],
            &[("type", r#""withdrawal""#), ("how", r#""admin""#)],
            &[("type", r#""withdrawal""#), ("how", r#"{"method":5}"#)],
        ];
        for members in cases {
            let line = json_object(members);
            let member = |i: usize| {
                members
                    .iter()
                    .find(|(k, _)| *k == Essentials::KEYS[i])
                    .map(|(_, v)| *v)
            };
            let whole = normal(Essentials::with(&line, |f| format!("{f:?}")));
            let picked = normal(
                match Essentials::from_members(member, member(10).map(str::as_bytes)) {
                    Some(f) => format!("{f:?}"),
                    None => Essentials::with_member_tree(member, |f| format!("{f:?}")),
                },
            );
            assert_eq!(picked, whole, "{line}");
        }
        for (i, key) in Essentials::KEYS.iter().enumerate() {
            assert_eq!(Essentials::key_index(key.as_bytes()), Some(i));
        }
        for other in [
            &b"check"[..],
            b"typ",
            b"types",
            b"type\0",
            b"",
            b"employees",
        ] {
            assert_eq!(Essentials::key_index(other), None);
        }
    }
}
#[cfg(test)]
mod borrowing {
    use super::*;

    /// Strings without escapes are read in place (no copy per field); escaped ones decoded.
    #[test]
    fn plain_strings_borrow_from_the_line_and_escaped_ones_are_decoded() {
        let line = r#"{"type":"consent","employee":{"id":"E1","name":"山田"},"policy":{"version":"v1"},"note":"a\"b"}"#;
        let f: Fields = serde_json::from_str(line).unwrap();
        assert!(matches!(f.record_type, Some(Cow::Borrowed("consent"))));
        let e = f.employee.as_ref().unwrap();
        assert!(matches!(e.name, Some(Cow::Borrowed("山田"))));
        assert!(matches!(e.id, Some(Cow::Borrowed("E1"))));
        assert!(matches!(
            f.policy.as_ref().unwrap().version,
            Some(Cow::Borrowed("v1"))
        ));
        assert!(matches!(&f.note, Some(Cow::Owned(n)) if n == "a\"b"));
        let e: Essentials = serde_json::from_str(line).unwrap();
        assert!(matches!(e.record_type, Some(Cow::Borrowed("consent"))));
        // A field of another type is still an error, so the line falls back to the JSON tree.
        assert!(serde_json::from_str::<Fields>(r#"{"note":5}"#).is_err());
        assert!(
            serde_json::from_str::<Fields>(r#"{"note":null}"#)
                .unwrap()
                .note
                .is_none()
        );
    }
}
