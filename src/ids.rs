//! How two employee ids are compared: ids are the same person's when they are after the id
//! rule of `record::identity` (NFKC, trimmed), whatever their case. Below everything that
//! groups records by person. tebiki's writers store ids in that form already; a record written
//! otherwise (by hand, by another tool) still counts for the person its id names.

use unicode_normalization::UnicodeNormalization;

/// Printable ASCII without spaces: its own NFKC, trimmed (most ids).
fn is_plain(id: &str) -> bool {
    id.bytes().all(|b| b.is_ascii_graphic())
}

/// The form two ids are compared in: NFKC, trimmed and case-folded (`e0001`, `E0001 ` and
/// `Ｅ０００１` are `E0001`).
pub fn key(id: &str) -> String {
    if is_plain(id) {
        return id.to_ascii_lowercase();
    }
    id.trim().nfkc().collect::<String>().trim().to_lowercase()
}

/// Calls `f` with the [`key`] of `id`, made on the stack for a short ASCII id (most ids):
/// for readers that look a person up by key for every record.
pub fn with_key<R>(id: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if let Some(b) = buf.get_mut(..id.len())
        && is_plain(id)
    {
        b.copy_from_slice(id.as_bytes());
        b.make_ascii_lowercase();
        if let Ok(k) = std::str::from_utf8(b) {
            return f(k);
        }
    }
    f(&key(id))
}

/// Whether two ids are the same person's (any case or width): their [`key`]s are equal
/// (for plain ASCII ids, the most, compared without making them).
pub fn same_id(a: &str, b: &str) -> bool {
    if is_plain(a) && is_plain(b) {
        return a.eq_ignore_ascii_case(b);
    }
    a == b || key(a) == key(b)
}
