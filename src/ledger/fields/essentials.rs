//! The few fields the report and the dashboard fold from every record, read without a JSON
//! tree.

use super::*;

/// The few fields the report folds, so that its pass allocates nothing per record for the
/// parts it does not need (check, purposes; of `content`, only whether a screen was passed
/// quickly, found without parsing it).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Essentials<'a> {
    #[serde(borrow, rename = "type", deserialize_with = "borrowed")]
    pub record_type: Option<Cow<'a, str>>,
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
    #[serde(borrow)]
    pub policy: Option<Policy<'a>>,
    pub active: Option<bool>,
    /// On a `champion` record: the person the champion supports.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub supports: Option<Cow<'a, str>>,
    /// On a `stage` record: `kept` when the open follow-up stays open.
    #[serde(borrow, deserialize_with = "borrowed")]
    pub followup: Option<Cow<'a, str>>,
    /// On a decision: a required screen was passed quicker than skimming.
    #[serde(rename = "content", deserialize_with = "any_fast")]
    pub fast: bool,
    /// How the record was made (only its `method` is read).
    #[serde(borrow)]
    pub how: Option<Method<'a>>,
}

/// `how.method`: `kiosk`, `trainer-session`, or `admin` for a record entered by hand.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Method<'a> {
    #[serde(borrow, deserialize_with = "borrowed")]
    pub method: Option<Cow<'a, str>>,
}

/// Only what the report needs of `content`: whether any screen was passed quickly.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct FastContent {
    pub(super) screens: Vec<FastScreen>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct FastScreen {
    pub(super) fast: Option<bool>,
}

pub(super) fn any_fast<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let c = FastContent::deserialize(d)?;
    Ok(c.screens.iter().any(|s| s.fast == Some(true)))
}

/// What marks a screen passed quicker than skimming, searched for in every decision's
/// `content`: the searcher is made once, not per record.
static FAST: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"\"fast\":true"));

impl<'a> Essentials<'a> {
    /// The top-level keys the fields come from, in the order [`Essentials::from_members`] takes
    /// their values.
    pub const KEYS: [&'static str; 12] = [
        "type", "employee", "decision", "stage", "due", "note", "policy", "active", "supports",
        "followup", "content", "how",
    ];

    /// The index of `key` in [`Essentials::KEYS`].
    pub fn key_index(key: &[u8]) -> Option<usize> {
        Some(match key {
            b"type" => 0,
            b"employee" => 1,
            b"decision" => 2,
            b"stage" => 3,
            b"due" => 4,
            b"note" => 5,
            b"policy" => 6,
            b"active" => 7,
            b"supports" => 8,
            b"followup" => 9,
            b"content" => 10,
            b"how" => 11,
            _ => return None,
        })
    }

    /// The fields from the JSON text of the members named in [`Essentials::KEYS`] (`None`:
    /// absent), of a line that is valid JSON with each of these keys at most once: what
    /// [`Essentials::with`] gives for that line, without reading the rest of it. `None` when a
    /// value has a type the fields do not take, where [`Essentials::with`] reads the whole line
    /// as a tree instead: the caller then calls it. `content` is the bytes of member 10
    /// (`content`), only searched for ASCII, so not checked as text (which its length would
    /// cost); `member(10)` is not called.
    pub fn from_members(
        member: impl Fn(usize) -> Option<&'a str>,
        content: Option<&[u8]>,
    ) -> Option<Essentials<'a>> {
        Some(Essentials {
            record_type: text(member(0))?,
            employee: flat::object(member(1))?,
            decision: text(member(2))?,
            stage: text(member(3))?,
            due: text(member(4))?,
            note: text(member(5))?,
            policy: flat::object(member(6))?,
            active: match member(7) {
                None | Some("null") => None,
                Some("true") => Some(true),
                Some("false") => Some(false),
                Some(_) => return None,
            },
            supports: text(member(8))?,
            followup: text(member(9))?,
            fast: match content {
                None => false,
                // Only a line's `"fast":true` makes it so; the screens are not parsed.
                Some(t) => FAST.find(t).is_some(),
            },
            how: flat::object(member(11))?,
        })
    }

    /// What [`Essentials::with`] gives for a line whose [`Essentials::from_members`] is `None`,
    /// from the same members, for a line of which a JSON tree is sure to be built (see
    /// [`crate::ledger::LineRecord::plain`]): the fields then come from the tree, which for
    /// these keys (each at most once) is the tree of just these members.
    pub fn with_member_tree<R>(
        member: impl Fn(usize) -> Option<&'a str>,
        f: impl FnOnce(&Essentials<'_>) -> R,
    ) -> R {
        let mut tree = serde_json::Map::new();
        for (i, key) in Self::KEYS.iter().enumerate() {
            if let Some(text) = member(i) {
                match serde_json::from_str::<Value>(text) {
                    Ok(value) => {
                        tree.insert((*key).to_string(), value);
                    }
                    // Not for such a line; were it to happen, the whole line's tree would
                    // fail too, which `with` reads as no fields.
                    Err(_) => return f(&Essentials::from_value(&Value::Null)),
                }
            }
        }
        f(&Essentials::from_value(&Value::Object(tree)))
    }

    /// Reads `raw` (one stored line) and calls `f` with its fields.
    pub fn with<R>(raw: &'a str, f: impl FnOnce(&Essentials<'_>) -> R) -> R {
        match serde_json::from_str::<Essentials<'a>>(raw) {
            Ok(fields) => f(&fields),
            Err(_) => {
                let value: Value = serde_json::from_str(raw).unwrap_or(Value::Null);
                f(&Essentials::from_value(&value))
            }
        }
    }

    /// The same fields taken from a parsed record.
    pub fn from_value(v: &'a Value) -> Essentials<'a> {
        let full = Fields::from_value(v);
        Essentials {
            record_type: full.record_type,
            employee: full.employee,
            decision: full.decision,
            stage: full.stage,
            due: full.due,
            note: full.note,
            policy: full.policy,
            active: full.active,
            supports: v.get("supports").and_then(Value::as_str).map(Cow::Borrowed),
            followup: full.followup,
            fast: v
                .get("content")
                .and_then(|c| any_fast(c).ok())
                .unwrap_or(false),
            how: v.get("how").filter(|h| h.is_object()).map(|h| Method {
                method: h.get("method").and_then(Value::as_str).map(Cow::Borrowed),
            }),
        }
    }

    /// Whether a person entered the record by hand (`how.method` is `admin`: `tebiki record`
    /// or the dashboard), with the id checked against the roster or the ledger, rather than
    /// the person at a terminal or in a session.
    pub fn entered_by_hand(&self) -> bool {
        self.how.as_ref().and_then(|h| h.method.as_deref()) == Some("admin")
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
}
