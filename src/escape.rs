//! Makes text safe to print: control characters, escape sequences, bidi controls, invisible
//! tags, line and paragraph separators and zero-width characters are shown as visible escapes
//! instead of reaching the terminal. This is the one list every output to a terminal uses.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach a terminal raw: C0, DEL and C1 controls; the bidi
/// controls (U+061C, U+200E/F, U+202A-E, U+2066-9); zero-width and invisible characters; the
/// line and paragraph separators U+2028/9; interlinear annotation marks; and the tag characters
/// U+E0000-E007F, which can hide text inside what looks like an emoji.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200F}'
            | '\u{2028}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E007F}')
}

/// Control and format characters (escape sequences, bidi overrides, zero-width marks) have no
/// place in an id or a name: they could hide or reorder what staff see later.
pub fn has_control(s: &str) -> bool {
    s.chars().any(is_unsafe)
}

/// JSON text for a terminal: every unsafe character (see [`is_unsafe`]) as a JSON `\uXXXX`
/// escape (a surrogate pair above U+FFFF), so the output is still the same JSON value. The
/// structure of JSON is ASCII, so only string contents can change.
pub fn json_for_terminal(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    let mut units = [0u16; 2];
    for c in json.chars() {
        if is_unsafe(c) {
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `json` as it should go to stdout: escaped by [`json_for_terminal`] when stdout is a
/// terminal, as it is when it goes to a file or a pipe.
pub fn json_for_stdout(json: &str) -> Cow<'_, str> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        json_for_terminal(json)
    } else {
        Cow::Borrowed(json)
    }
}

/// `s` with every unsafe character replaced by its `\u{XXXX}` form; unchanged when clean.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    escape_where(s, is_unsafe)
}

/// For a cell of a text file people open (CSV): like [`for_terminal`], but tab and line breaks,
/// which the file format quotes and spreadsheets show, stay as they are.
pub fn for_text_cell(s: &str) -> Cow<'_, str> {
    escape_where(s, |c| is_unsafe(c) && !matches!(c, '\t' | '\n' | '\r'))
}

fn escape_where(s: &str, escape: impl Fn(char) -> bool) -> Cow<'_, str> {
    // Printable ASCII is never unsafe: most cells are that alone, checked a byte at a time.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(&escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            let _ = write!(out, "\\u{{{:04X}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text as shown to people: composed (NFC, so a name typed with combining marks looks and
/// compares like its usual form) and safe for the terminal. Records keep the text as entered.
pub fn for_display(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = s.nfc().collect();
    for_terminal(&composed).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_made_visible() {
        assert_eq!(for_terminal("山田"), "山田");
        assert_eq!(
            for_terminal("a\u{1b}[2Jb\u{202E}c\0"),
            "a\\u{001B}[2Jb\\u{202E}c\\u{0000}"
        );
    }

    #[test]
    fn the_list_covers_bidi_tags_and_separators() {
        for c in [
            '\u{9B}',
            '\u{85}',
            '\u{61C}',
            '\u{2028}',
            '\u{2029}',
            '\u{2066}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{7F}',
        ] {
            assert!(is_unsafe(c), "{:04X}", c as u32);
        }
        for c in ['a', '山', 'ｶ', '\u{301}', '😀'] {
            assert!(!is_unsafe(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn json_for_a_terminal_stays_the_same_json() {
        let value = serde_json::json!({"name": "a\u{9B}2J\u{202E}b\u{E0041}\u{2028}山"});
        let text = serde_json::to_string(&value).unwrap();
        let safe = json_for_terminal(&text);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert!(
            safe.contains("\\u009b") && safe.contains("\\udb40\\udc41"),
            "{safe}"
        );
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
        assert!(matches!(json_for_terminal("{\"a\":1}"), Cow::Borrowed(_)));
    }

    #[test]
    fn display_text_is_composed() {
        assert_eq!(for_display("Jose\u{301}"), "Jos\u{e9}");
        assert_eq!(
            for_display("ｶﾀｶﾅ"),
            "ｶﾀｶﾅ",
            "NFC keeps half-width katakana as typed"
        );
    }
}
