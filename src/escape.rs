//! Makes text safe to print: control characters, escape sequences, bidi overrides and
//! zero-width characters are shown as visible `\u{..}` escapes instead of reaching the terminal.

use std::borrow::Cow;

/// Whether a character must not reach a terminal raw.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c,
            '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
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
    if !s.chars().any(&escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if escape(c) {
            out.push_str(&format!("\\u{{{:04X}}}", c as u32));
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
    fn display_text_is_composed() {
        assert_eq!(for_display("Jose\u{301}"), "Jos\u{e9}");
        assert_eq!(
            for_display("ｶﾀｶﾅ"),
            "ｶﾀｶﾅ",
            "NFC keeps half-width katakana as typed"
        );
    }
}
