//! Which records are about a person: their id as the employee, or as the person a champion
//! supports, in any case (ids are matched without regard to case).

use aho_corasick::AhoCorasick;

use crate::ids::same_id;

/// The lines about `employee` among `lines` (in the order given), as `status::records` selects them.
pub(crate) fn select<'a>(
    lines: impl Iterator<Item = &'a [u8]>,
    employee: &str,
) -> Vec<serde_json::Value> {
    let matcher = Matcher::new(employee);
    lines.filter_map(|raw| matcher.about(raw)).collect()
}

/// The people a record is about, as `status` matches them: `employee.id`, and `supports`.
pub(crate) fn people_of(line: &[u8]) -> Option<Vec<String>> {
    use serde_json::Value;
    #[derive(serde::Deserialize)]
    struct Who {
        #[serde(default)]
        employee: Option<Value>,
        #[serde(default)]
        supports: Option<Value>,
    }
    let who: Who = serde_json::from_slice(line).ok()?;
    let mut ids = Vec::new();
    if let Some(id) = who
        .employee
        .as_ref()
        .and_then(|e| e.get("id"))
        .and_then(Value::as_str)
    {
        ids.push(id.to_string());
    }
    if let Some(s) = who.supports.as_ref().and_then(Value::as_str)
        && !ids.iter().any(|i| crate::ids::same_id(i, s))
    {
        ids.push(s.to_string());
    }
    Some(ids)
}

/// Finds lines that may hold one of some ids as a JSON string, in any case: the others need
/// not be parsed, which makes a pass over a large ledger several times faster.
pub(crate) struct IdFinder {
    /// `None` when a line cannot be ruled out this way (too many ids, or an id with letters
    /// that have a case outside ASCII).
    ids: Option<AhoCorasick>,
    escape: memchr::memmem::Finder<'static>,
}

impl IdFinder {
    pub(crate) fn new<'a>(ids: impl Iterator<Item = &'a str>) -> IdFinder {
        let ids: Vec<&str> = ids.collect();
        // With many people a plain parse of every line is quicker than looking for each id;
        // and the search tells cases apart only in ASCII (kanji, kana and digits have none).
        let caseless = |c: char| c.is_ascii() || !(c.is_lowercase() || c.is_uppercase());
        let usable = ids.len() <= 32 && ids.iter().all(|id| id.chars().all(caseless));
        IdFinder {
            ids: usable
                .then(|| {
                    let needles = ids
                        .iter()
                        .map(|id| serde_json::to_string(id).unwrap_or_default());
                    AhoCorasick::builder()
                        .ascii_case_insensitive(true)
                        .build(needles)
                        .ok()
                })
                .flatten(),
            escape: memchr::memmem::Finder::new(b"\\u").into_owned(),
        }
    }

    /// Whether `raw` may hold one of the ids (always true when they cannot be looked for).
    /// The ids are searched for as they are written; a line whose ids are not all plain ASCII
    /// (full width, spaces around, written by hand or by another tool) may hold one of them in
    /// another form that the id rule makes the same, so it is not ruled out either.
    pub(crate) fn may_hold(&self, raw: &[u8]) -> bool {
        match &self.ids {
            Some(ids) => {
                ids.is_match(raw) || self.escape.find(raw).is_some() || !ids_are_plain(raw)
            }
            None => true,
        }
    }
}

/// Whether every employee id and supported id of `raw` is written as the writer writes a plain
/// ASCII id (`"employee":{"id":"E0001"`, `"supports":"E0001"`): its own form under the id
/// rule, so a search for an id's bytes in any ASCII case finds it. False when one may be in
/// another form (or the line is laid out otherwise), to be parsed.
fn ids_are_plain(raw: &[u8]) -> bool {
    fn plain_string(b: &[u8]) -> bool {
        let Some(rest) = b.strip_prefix(b"\"") else {
            return false;
        };
        match rest
            .iter()
            .position(|&c| c == b'"' || c == b'\\' || !c.is_ascii_graphic())
        {
            Some(end) => rest[end] == b'"' && end > 0,
            None => false,
        }
    }
    let each = |key: &[u8], value_ok: &dyn Fn(&[u8]) -> bool| {
        memchr::memmem::find_iter(raw, key).all(|at| value_ok(&raw[at + key.len()..]))
    };
    each(b"\"employee\":", &|v| {
        v.strip_prefix(b"{\"id\":").is_some_and(plain_string)
    }) && each(b"\"supports\":", &|v| {
        !v.starts_with(b"\"") || plain_string(v)
    })
}

pub(crate) struct Matcher<'a> {
    employee: &'a str,
    finder: IdFinder,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(employee: &'a str) -> Matcher<'a> {
        Matcher {
            employee,
            finder: IdFinder::new(std::iter::once(employee)),
        }
    }

    /// The record of `raw` when it is about the person (their id in any case).
    pub(crate) fn about(&self, raw: &[u8]) -> Option<serde_json::Value> {
        if !self.finder.may_hold(raw) {
            return None;
        }
        let value = serde_json::from_slice::<serde_json::Value>(raw).ok()?;
        let is = |id: Option<&str>| id.is_some_and(|id| same_id(id, self.employee));
        (is(crate::state::employee_id(&value))
            || is(value.get("supports").and_then(|s| s.as_str())))
        .then_some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_found_in_any_case_and_only_where_they_may_be() {
        let line = |id: &str| format!(r#"{{"employee":{{"id":"{id}"}},"x":"E00011"}}"#);
        let f = IdFinder::new(["E0001", "山田１"].into_iter());
        assert!(f.may_hold(line("e0001").as_bytes()));
        assert!(f.may_hold(line("E0001").as_bytes()));
        assert!(f.may_hold(line("山田１").as_bytes()));
        assert!(
            !f.may_hold(line("E0002").as_bytes()),
            "not a prefix of a longer id"
        );
        assert!(
            f.may_hold(br#"{"employee":{"id":"\u0045\u0030001"}}"#),
            "escapes are parsed"
        );
        // Letters with a case outside ASCII cannot be looked for this way: every line is parsed.
        let f = IdFinder::new(["Иван1"].into_iter());
        assert!(f.may_hold(line("x").as_bytes()));
        let m = Matcher::new("E0001");
        assert!(m.about(line("e0001").as_bytes()).is_some());
        assert!(m.about(line("E0002").as_bytes()).is_none());
    }

    #[test]
    fn an_id_in_another_width_or_with_spaces_is_found() {
        let f = IdFinder::new(["E0001"].into_iter());
        let m = Matcher::new("E0001");
        for stored in ["Ｅ０００１", "ｅ0001", " E0001", "E0001\u{3000}"] {
            let employee = format!(r#"{{"employee":{{"id":"{stored}"}}}}"#);
            assert!(f.may_hold(employee.as_bytes()), "{stored:?}");
            assert!(m.about(employee.as_bytes()).is_some(), "{stored:?}");
            let champion =
                format!(r#"{{"employee":{{"id":"E0009"}},"supports":"{stored}","active":true}}"#);
            assert!(f.may_hold(champion.as_bytes()), "{stored:?}");
            assert!(m.about(champion.as_bytes()).is_some(), "{stored:?}");
        }
        // Laid out otherwise than the writer does: parsed, not ruled out.
        assert!(f.may_hold(r#"{"employee":{"name":"x","id":"Ｅ０００１"}}"#.as_bytes()));
        assert!(f.may_hold(r#"{"employee": {"id": "Ｅ０００１"}}"#.as_bytes()));
        // Plain ids of other people are still ruled out, names in kanji or not.
        assert!(!f.may_hold(
            r#"{"employee":{"id":"E0002","name":"山田 太郎"},"supports":"E0003"}"#.as_bytes()
        ));
        assert!(!f.may_hold(br#"{"employee":{"id":"E0002"},"supports":null}"#));
        assert!(
            m.about(r#"{"employee":{"id":"Ｅ０００２"}}"#.as_bytes())
                .is_none()
        );
    }
}
