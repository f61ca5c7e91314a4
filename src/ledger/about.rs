//! Which records are about a person: their id as the employee, or as the person a champion
//! supports.

/// The lines about `employee` among `lines` (in the order given), as `status::records` selects them.
pub(crate) fn select<'a>(
    lines: impl Iterator<Item = &'a [u8]>,
    employee: &str,
) -> Vec<serde_json::Value> {
    let matcher = Matcher::new(employee);
    lines.filter_map(|raw| matcher.about(raw)).collect()
}

pub(crate) struct Matcher<'a> {
    employee: &'a str,
    needle: memchr::memmem::Finder<'static>,
    escape: memchr::memmem::Finder<'static>,
}

impl<'a> Matcher<'a> {
    pub(crate) fn new(employee: &'a str) -> Matcher<'a> {
        let needle = serde_json::to_string(employee).unwrap_or_default();
        Matcher {
            employee,
            needle: memchr::memmem::Finder::new(needle.as_bytes()).into_owned(),
            escape: memchr::memmem::Finder::new(b"\\u").into_owned(),
        }
    }

    /// The record of `raw` when it is about the person. Only a line that holds the id as a
    /// JSON string can be about them: the others are not parsed, which makes a lookup in a
    /// large ledger several times faster.
    pub(crate) fn about(&self, raw: &[u8]) -> Option<serde_json::Value> {
        if self.needle.find(raw).is_none() && self.escape.find(raw).is_none() {
            return None;
        }
        let value = serde_json::from_slice::<serde_json::Value>(raw).ok()?;
        (crate::state::employee_id(&value) == Some(self.employee)
            || value.get("supports").and_then(|s| s.as_str()) == Some(self.employee))
        .then_some(value)
    }
}
