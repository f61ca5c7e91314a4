//! What a torn piece saved aside begins with, read as far as it goes.

use super::PieceStart;

/// Where the body names its person.
const EMPLOYEE: &[u8] = b"\"employee\":{\"id\":\"";

/// The start of a record in `data` (a torn piece, cut anywhere), read in the order the writer
/// puts the envelope; `None` when it does not begin as a record does. `seq` and `prev` are the
/// recovery record's, which took the piece's place: the same two say it was next on the chain.
pub(super) fn read(data: &[u8], seq: Option<u64>, prev: Option<&str>) -> Option<PieceStart> {
    let rest = data.strip_prefix(b"{\"schema\":\"tebiki/1\"")?;
    let mut piece = PieceStart {
        seq: None,
        id: None,
        at: None,
        record_type: None,
        employee: None,
        chained: None,
    };
    let mut rest = rest;
    let number = |r: &[u8]| -> Option<(u64, usize)> {
        let digits = r.iter().take_while(|c| c.is_ascii_digit()).count();
        // A number cut off at the end of the piece may be missing digits.
        if digits == 0 || digits == r.len() {
            return None;
        }
        Some((
            std::str::from_utf8(&r[..digits]).ok()?.parse().ok()?,
            digits,
        ))
    };
    let Some(r) = rest.strip_prefix(b",\"seq\":") else {
        return Some(piece);
    };
    let Some((n, used)) = number(r) else {
        return Some(piece);
    };
    piece.seq = Some(n);
    rest = &r[used..];
    let mut piece_prev = None;
    for key in ["prev", "id", "at", "kiosk", "type"] {
        let Some((value, after)) = text_member(rest, key) else {
            break;
        };
        match key {
            "prev" => piece_prev = Some(value),
            "id" => piece.id = Some(value),
            "at" => piece.at = Some(value),
            "type" => piece.record_type = Some(value),
            _ => {}
        }
        rest = after;
    }
    // The person: the body's `employee` object and its id, when the piece reaches it.
    if let Some(at) = memchr::memmem::find(rest, EMPLOYEE) {
        piece.employee = string(&rest[at + EMPLOYEE.len()..]).map(|(v, _)| v);
    }
    // Told only when the piece reaches both: a crash early in a write leaves less.
    piece.chained = match (piece.seq, piece_prev.as_deref()) {
        (Some(n), Some(p)) => Some(Some(n) == seq && Some(p) == prev),
        _ => None,
    };
    Some(piece)
}

/// `,"key":"value"` at the start of `r`: the value, and what follows it.
fn text_member<'a>(r: &'a [u8], key: &str) -> Option<(String, &'a [u8])> {
    let r = r.strip_prefix(b",\"")?;
    let r = r.strip_prefix(key.as_bytes())?;
    let r = r.strip_prefix(b"\":\"")?;
    string(r)
}

/// The most characters of a value a description shows (a piece can hold anything).
const SHOWN_CHARS: usize = 64;

/// A string's text up to its closing quote (its first [`SHOWN_CHARS`] characters, then "…"),
/// and what follows the quote; `None` when the piece ends first or the text has an escape (the
/// description keeps to plain text).
fn string(r: &[u8]) -> Option<(String, &[u8])> {
    let end = memchr::memchr2(b'"', b'\\', r)?;
    if r[end] != b'"' {
        return None;
    }
    let text = std::str::from_utf8(&r[..end]).ok()?;
    let shown = match text.char_indices().nth(SHOWN_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    };
    Some((shown, &r[end + 1..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"schema":"tebiki/1","seq":4,"prev":"ab12","id":"01a2-x","at":"2026-12-01T02:41:37.682Z","kiosk":"k1","type":"followup","employee":{"id":"E000004","name":"福田 蓮"},"due":"2026-12-08"}"#;

    #[test]
    fn a_piece_cut_anywhere_gives_what_it_holds_whole() {
        let whole = read(LINE.as_bytes(), Some(4), Some("ab12")).unwrap();
        assert_eq!(whole.seq, Some(4));
        assert_eq!(whole.id.as_deref(), Some("01a2-x"));
        assert_eq!(whole.at.as_deref(), Some("2026-12-01T02:41:37.682Z"));
        assert_eq!(whole.record_type.as_deref(), Some("followup"));
        assert_eq!(whole.employee.as_deref(), Some("E000004"));
        assert_eq!(whole.chained, Some(true));
        // Another place on the chain: not the record next after the line before.
        let chained = |seq, prev| {
            read(LINE.as_bytes(), Some(seq), Some(prev))
                .unwrap()
                .chained
        };
        assert_eq!(chained(5, "ab12"), Some(false));
        assert_eq!(chained(4, "cd34"), Some(false));
        // Cut inside the time: the time is not given, nor anything after it.
        let cut = &LINE.as_bytes()[..LINE.find("02:41").unwrap()];
        let part = read(cut, Some(4), Some("ab12")).unwrap();
        assert_eq!(part.id.as_deref(), Some("01a2-x"));
        assert_eq!(
            (part.at, part.record_type, part.employee),
            (None, None, None)
        );
        // Cut inside the seq: its digits may be missing, so none is given.
        let cut = &LINE.as_bytes()[..LINE.find(",\"prev").unwrap()];
        assert_eq!(read(cut, Some(4), None).unwrap().seq, None);
        // Cut before its `prev` is whole: whether it was next on the chain cannot be told.
        let cut = &LINE.as_bytes()[..LINE.find("ab12").unwrap()];
        assert_eq!(read(cut, Some(4), Some("ab12")).unwrap().chained, None);
        // Every cut reads without a panic, and gives no more than the whole.
        for n in 0..LINE.len() {
            if let Some(p) = read(&LINE.as_bytes()[..n], Some(4), Some("ab12")) {
                assert!(p.employee.is_none() || p.employee == whole.employee);
            }
        }
        // A very long value is cut in the description.
        let long = LINE.replace("E000004", &"E".repeat(1000));
        let p = read(long.as_bytes(), Some(4), Some("ab12")).unwrap();
        assert_eq!(p.employee.unwrap().chars().count(), SHOWN_CHARS + 1);
        // Not a record's start.
        assert_eq!(read(b"garbage", Some(4), None), None);
        assert_eq!(read(b"{\"schema\":\"other\"", Some(4), None), None);
    }
}
