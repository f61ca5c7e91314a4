//! How two employee ids are compared: canonical ids (NFKC, trimmed: the id rule of
//! `record::identity`) are the same person's whatever their case. Below everything that groups
//! records by person.

/// The form two ids are compared in: canonical and case-folded (`e0001` is `E0001`).
pub fn key(canonical_id: &str) -> String {
    canonical_id.to_lowercase()
}

/// Calls `f` with the [`key`] of `id`, made on the stack for a short ASCII id (most ids):
/// for readers that look a person up by key for every record.
pub fn with_key<R>(id: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if let Some(b) = buf.get_mut(..id.len())
        && id.is_ascii()
    {
        b.copy_from_slice(id.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(k) = std::str::from_utf8(b) {
            return f(k);
        }
    }
    f(&key(id))
}

/// Whether two canonical ids are the same person's (any case): their [`key`]s are equal
/// (for ASCII ids, the most, compared without making them).
pub fn same_id(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a == b || key(a) == key(b)
}
