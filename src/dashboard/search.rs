//! Search keys: how a name or id typed one way finds it written another way. Full-width and
//! half-width forms (NFKC), upper and lower case, spaces, and hiragana and katakana all compare
//! equal, so `ＥＭＰ００１` finds `EMP001` and `ﾔﾏﾀﾞ` finds `やまだ` and `ヤマダ`.

use unicode_normalization::UnicodeNormalization;

/// Separates the id from the name in a person's key; never part of a normalised query (it is
/// whitespace), so a match never spans both.
pub const SEPARATOR: char = '\n';

/// `text` as compared: NFKC, lower case, no whitespace, katakana as hiragana.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkc() {
        if c.is_whitespace() {
            continue;
        }
        for l in c.to_lowercase() {
            out.push(to_hiragana(l));
        }
    }
    out
}

/// Katakana letters (ァ to ヶ) as their hiragana; everything else unchanged.
fn to_hiragana(c: char) -> char {
    match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

/// The key a person is found by: their id and their name, normalised.
pub fn person_key(id: &str, name: Option<&str>) -> Box<str> {
    let mut key = normalize(id);
    if let Some(name) = name {
        key.push(SEPARATOR);
        key.push_str(&normalize(name));
    }
    key.into_boxed_str()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_spaces_and_kana_do_not_matter() {
        assert_eq!(normalize("ＥＭＰ００１"), "emp001");
        assert_eq!(normalize("ﾔﾏﾀﾞ"), "やまだ");
        assert_eq!(normalize("ヤマダ　タロウ"), "やまだたろう");
        assert_eq!(normalize("Yamada Taro"), "yamadataro");
        assert!(person_key("EMP001", Some("山田 太郎")).contains(&normalize("山田太郎")));
        assert!(!person_key("E1", Some("Xa")).contains(&normalize("1x")));
    }
}
