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
    // Text with no byte that can start an unsafe character is left as it is, checked a byte at
    // a time (most text: ASCII, kana, kanji); only other text is checked a character at a time.
    // (Every byte is looked at, without stopping at the first flagged: that the compiler can
    // do many bytes at once.)
    if !s.bytes().fold(false, |seen, b| seen | may_start_unsafe(b)) || !s.chars().any(&escape) {
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

/// Whether `b` may be the first byte, in UTF-8, of a character [`is_unsafe`] takes: the C0
/// controls and DEL themselves, and the lead bytes of the C1 controls (C2), U+061C (D8),
/// U+180E (E1), U+200B-2069 (E2), U+FEFF and U+FFF9-FFFB (EF) and the tags (F3).
#[inline]
fn may_start_unsafe(b: u8) -> bool {
    b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF | 0xF3)
}

/// Text as shown to people: composed (NFC, so a name typed with combining marks looks and
/// compares like its usual form) and safe for the terminal. Records keep the text as entered.
/// Half-width katakana with a half-width voiced mark (`ｽﾞ`, common in older HR exports) is
/// shown in full width (`ズ`): a terminal draws the mark in a cell of its own while screen
/// drawing counts the pair as one wide character, which left gaps and stray marks on screen.
pub fn for_display(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let composed: String = if s.contains(['\u{FF9E}', '\u{FF9F}']) {
        let mut out = String::with_capacity(s.len());
        let mut run = String::new();
        for c in s.chars() {
            if ('\u{FF61}'..='\u{FF9F}').contains(&c) {
                run.push(c);
                continue;
            }
            out.extend(run.nfkc());
            run.clear();
            out.push(c);
        }
        out.extend(run.nfkc());
        out.nfc().collect()
    } else {
        s.nfc().collect()
    };
    for_terminal(&composed).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_kana_with_voiced_marks_is_shown_in_full_width() {
        assert_eq!(for_display("ｽｽﾞｷ ｲﾁﾛｳ"), "スズキ イチロウ");
        assert_eq!(for_display("ﾊﾟｸ 太郎"), "パク 太郎");
        // Without a voiced mark, as it is (drawn one cell a character anyway).
        assert_eq!(for_display("ｲﾁﾛｳ"), "ｲﾁﾛｳ");
        assert_eq!(for_display("山田"), "山田");
    }

    /// Every character the terminal must not get raw starts with a byte the quick check
    /// flags, so text it passes is surely safe.
    #[test]
    fn the_quick_check_flags_every_unsafe_character() {
        let mut unsafe_chars = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let text = c.encode_utf8(&mut buf);
            if is_unsafe(c) {
                unsafe_chars += 1;
                assert!(may_start_unsafe(text.as_bytes()[0]), "U+{:04X}", c as u32);
            }
            if !text.bytes().any(may_start_unsafe) {
                assert_eq!(
                    for_terminal(text),
                    Cow::Borrowed(&*text),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
        // The C0 and C1 controls and DEL, and the characters listed by `is_unsafe`.
        assert!(unsafe_chars > 65 + 128, "{unsafe_chars}");
        assert_eq!(for_text_cell("部署\u{202E}名"), "部署\\u{202E}名");
        assert_eq!(for_text_cell("（株）山田"), "（株）山田");
    }

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
