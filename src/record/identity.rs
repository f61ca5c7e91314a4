//! The one rule for an employee id, used by roster import, every terminal (attended, kiosk,
//! trainer session), `tebiki record`, `status`, the dashboard and export filters:
//!
//! - NFKC, then trimmed: the full-width letters and digits an input method or Japanese Excel
//!   produces (`Ｅ０００１`) become the ones people mean (`E0001`);
//! - refused: invisible and format characters (Unicode `Cf` such as U+00AD, U+061C,
//!   U+200B-U+200F, U+2060-U+206F, U+FEFF, tags U+E0000-U+E007F; default-ignorable marks such
//!   as U+034F and variation selectors), control characters, white space inside the id, and
//!   digits that NFKC leaves non-ASCII (Arabic-Indic `٣`): each prints like, or hides inside,
//!   a real id;
//! - the organisation's `employee_id_pattern`, when set, else at most [`MAX_ID_CHARS`];
//! - matched to the roster without regard to case ([`key`]); the roster's form is what is
//!   stored, with `id_as_entered` beside it when typed otherwise. [`IdRule::resolve`] turns a
//!   typed id into its recorded form (`status`, `record`, `roster codes`), [`same_id`]
//!   compares two (the roster's changes, a champion and whom they support, a session's
//!   attendees). The dashboard's search folds width, case and spaces the same way, and more
//!   (kana), as it matches parts of ids and names.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// Longest employee id accepted when the organisation sets no pattern.
pub const MAX_ID_CHARS: usize = 32;

/// How a terminal establishes who the person is (config `identity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdentityMode {
    /// Id, name and department as typed; recorded as `verified: false`.
    #[default]
    Open,
    /// Only ids on the roster; the person confirms the roster's name (`verified: "roster"`).
    Roster,
    /// Like `roster`, and the personal code issued by `tebiki roster codes` (`verified: "code"`).
    Code,
}

impl IdentityMode {
    pub fn as_str(self) -> &'static str {
        match self {
            IdentityMode::Open => "open",
            IdentityMode::Roster => "roster",
            IdentityMode::Code => "code",
        }
    }
}

/// What is wrong with a typed id. `at` is the 1-based position of the character in the id as
/// typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdProblem {
    Empty,
    /// An invisible or formatting character (or a control character).
    Invisible {
        ch: char,
        at: usize,
    },
    /// A digit that is not 0-9 even after NFKC.
    ForeignDigit {
        ch: char,
        at: usize,
    },
    /// White space inside the id.
    Space {
        at: usize,
    },
    TooLong {
        max: usize,
    },
    /// Does not have the organisation's form.
    Pattern,
}

impl IdProblem {
    /// The Fluent id of the message (arguments: see [`IdProblem::args`]).
    pub fn message_id(&self) -> &'static str {
        match self {
            IdProblem::Empty => "id-problem-empty",
            IdProblem::Invisible { .. } => "id-problem-invisible",
            IdProblem::ForeignDigit { .. } => "id-problem-digit",
            IdProblem::Space { .. } => "id-problem-space",
            IdProblem::TooLong { .. } => "id-problem-too-long",
            IdProblem::Pattern => "id-problem-pattern",
        }
    }

    /// The message arguments: `char` (as U+XXXX), `at`, `max`.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match *self {
            IdProblem::Invisible { ch, at } | IdProblem::ForeignDigit { ch, at } => {
                vec![("char", code_point(ch)), ("at", at.to_string())]
            }
            IdProblem::Space { at } => vec![("at", at.to_string())],
            IdProblem::TooLong { max } => vec![("max", max.to_string())],
            IdProblem::Empty | IdProblem::Pattern => Vec::new(),
        }
    }
}

/// `U+00AD` for a character.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// Invisible, formatting or control: has no place in an id (or a name) since it could make
/// two different ids look the same, or reorder what staff see.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c.general_category(),
            GeneralCategory::Format | GeneralCategory::Unassigned | GeneralCategory::PrivateUse
        )
        || is_default_ignorable(c)
}

/// Unicode's default-ignorable code points that are not `Cf` (combining grapheme joiner,
/// Hangul fillers, variation selectors, ...): drawn as nothing.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FFA0}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

/// The id as recorded: NFKC, trimmed, checked for characters that do not belong in an id.
/// The organisation's pattern is checked by [`IdRule::check`].
pub fn canonical(raw: &str) -> Result<String, IdProblem> {
    // Printable ASCII without spaces (most ids) is its own NFKC and has nothing to refuse.
    if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(raw.to_string());
    }
    for (i, c) in raw.chars().enumerate() {
        if is_invisible(c) && !matches!(c, '\t' | '\n' | '\r') {
            return Err(IdProblem::Invisible { ch: c, at: i + 1 });
        }
    }
    let id: String = raw.trim().nfkc().collect::<String>().trim().to_string();
    if id.is_empty() {
        return Err(IdProblem::Empty);
    }
    for (i, c) in id.chars().enumerate() {
        if is_invisible(c) {
            return Err(IdProblem::Invisible { ch: c, at: i + 1 });
        }
        if c.is_whitespace() {
            return Err(IdProblem::Space { at: i + 1 });
        }
        if c.is_numeric() && !c.is_ascii_digit() {
            return Err(IdProblem::ForeignDigit { ch: c, at: i + 1 });
        }
    }
    Ok(id)
}

pub use crate::ids::{key, same_id, with_key};

/// What knows people's ids in the form they are recorded in: the roster.
pub trait Known {
    /// The recorded form of `canonical_id` (any case), when known.
    fn recorded_form(&self, canonical_id: &str) -> Option<String>;
}

impl Known for Directory {
    fn recorded_form(&self, canonical_id: &str) -> Option<String> {
        self.find(canonical_id).map(|p| p.id.clone())
    }
}

/// The id rule with the organisation's settings.
#[derive(Debug, Clone, Default)]
pub struct IdRule {
    /// `employee_id_pattern`, anchored.
    pub pattern: Option<regex::Regex>,
}

impl IdRule {
    /// `employee_id_pattern` from config, anchored to the whole id.
    /// What is wrong with a pattern [`IdRule::new`] refused, in one line: the regex crate's
    /// last line (`unclosed character class`), without the pattern drawn above it.
    pub fn pattern_problem(e: &regex::Error) -> String {
        let text = e.to_string();
        let last = text
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        last.trim().trim_start_matches("error:").trim().to_string()
    }

    pub fn new(pattern: Option<&str>) -> Result<IdRule, regex::Error> {
        let pattern = pattern
            .map(|p| regex::Regex::new(&format!("^(?:{p})$")))
            .transpose()?;
        Ok(IdRule { pattern })
    }

    /// An id typed anywhere (a command's argument, a terminal's field) as it is recorded:
    /// [`IdRule::check`], then the roster's form when the roster has it (`ｅ０００１` is the
    /// roster's `E0001`).
    pub fn resolve(&self, raw: &str, known: Option<&impl Known>) -> Result<String, IdProblem> {
        let id = self.check(raw)?;
        Ok(known.and_then(|k| k.recorded_form(&id)).unwrap_or(id))
    }

    /// The canonical id, or what is wrong with it.
    pub fn check(&self, raw: &str) -> Result<String, IdProblem> {
        let id = canonical(raw)?;
        match &self.pattern {
            Some(p) if !p.is_match(&id) => Err(IdProblem::Pattern),
            Some(_) => Ok(id),
            None if id.chars().count() > MAX_ID_CHARS => {
                Err(IdProblem::TooLong { max: MAX_ID_CHARS })
            }
            None => Ok(id),
        }
    }
}

/// The roster's people found by id, without regard to case or width.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    people: Vec<crate::record::Person>,
    by_key: HashMap<String, usize>,
}

impl Directory {
    /// People whose ids are already canonical and unique by [`key`] (as roster import makes
    /// them); a later duplicate is ignored.
    pub fn new(people: Vec<crate::record::Person>) -> Directory {
        let mut by_key = HashMap::with_capacity(people.len());
        for (i, p) in people.iter().enumerate() {
            by_key.entry(key(&p.id)).or_insert(i);
        }
        Directory { people, by_key }
    }

    /// The person with this canonical id (any case).
    pub fn find(&self, canonical_id: &str) -> Option<&crate::record::Person> {
        self.by_key
            .get(&key(canonical_id))
            .map(|&i| &self.people[i])
    }

    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    pub fn people(&self) -> &[crate::record::Person] {
        &self.people
    }
}

/// Whether two names, as people type them, are the same: compared after NFKC (full-width
/// letters as usual ones), without spaces, in lower case.
pub fn same_name(a: &str, b: &str) -> bool {
    let plain = |s: &str| -> String {
        s.nfkc()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    plain(a) == plain(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_spaces_fold_to_the_plain_id() {
        assert_eq!(canonical("  Ｅ０００１ "), Ok("E0001".into()));
        assert_eq!(canonical("\u{3000}A1234\u{3000}"), Ok("A1234".into()));
        assert_eq!(canonical("①２3"), Ok("123".into()));
        assert_eq!(key("E0001"), key(&canonical("ｅ０００１").unwrap()));
    }

    #[test]
    fn same_id_is_equal_keys() {
        for (a, b) in [
            ("E0001", "e0001"),
            ("E0001", "E0002"),
            ("Ä1", "ä1"),
            ("İ1", "i̇1"),
            ("ß", "SS"),
            ("ΑΣ", "ας"),
            ("ΑΣ", "ασ"),
            ("", ""),
            ("E0001", "E00011"),
            ("E0001", "Ｅ０００１"),
            ("E0001", " e0001\t"),
            ("E0001", "E0001\u{200B}"),
        ] {
            assert_eq!(same_id(a, b), key(a) == key(b), "{a} {b}");
        }
    }

    #[test]
    fn an_id_stored_otherwise_than_the_rule_makes_it_is_the_same_person() {
        // tebiki's writers store canonical ids; a record made by hand or by another tool may
        // not, and still names the person its id names.
        for stored in [
            "Ｅ０００１",
            "ｅ０００１",
            "E0001 ",
            " E0001",
            "\u{3000}E0001",
        ] {
            assert_eq!(key(stored), "e0001", "{stored:?}");
            assert!(same_id(stored, "E0001"), "{stored:?}");
            assert_eq!(with_key(stored, str::to_string), "e0001", "{stored:?}");
        }
        // An id with a character the rule refuses stays apart: it is no id of the roster's.
        assert!(!same_id("E0001\u{200B}", "E0001"));
        assert!(!same_id("E00 01", "E0001"));
    }

    #[test]
    fn printable_ascii_is_taken_as_it_is_because_nfkc_keeps_it() {
        let all: String = (0x21u8..=0x7E).map(char::from).collect();
        assert_eq!(all.nfkc().collect::<String>(), all);
        for c in all.chars() {
            assert!(!is_invisible(c) && !c.is_whitespace(), "{c:?}");
            assert!(!c.is_numeric() || c.is_ascii_digit(), "{c:?}");
        }
        assert_eq!(canonical(&all), Ok(all.clone()));
        // With a space it takes the full path: trimmed there, refused inside.
        assert_eq!(canonical(" E0001 "), Ok("E0001".into()));
        assert_eq!(canonical("E0001\t"), Ok("E0001".into()));
    }

    #[test]
    fn every_invisible_class_is_refused_with_its_code_point() {
        for (c, name) in [
            ('\u{00AD}', "soft hyphen"),
            ('\u{034F}', "combining grapheme joiner"),
            ('\u{061C}', "arabic letter mark"),
            ('\u{200B}', "zero width space"),
            ('\u{200D}', "zero width joiner"),
            ('\u{200F}', "right-to-left mark"),
            ('\u{202E}', "right-to-left override"),
            ('\u{2060}', "word joiner"),
            ('\u{2066}', "left-to-right isolate"),
            ('\u{206F}', "nominal digit shapes"),
            ('\u{FEFF}', "byte order mark"),
            ('\u{E0001}', "language tag"),
            ('\u{E0041}', "tag latin capital a"),
            ('\u{E007F}', "cancel tag"),
            ('\u{FE0F}', "variation selector"),
            ('\u{1B}', "escape"),
            ('\u{9B}', "C1 control"),
        ] {
            let typed = format!("E0{c}001");
            assert_eq!(
                canonical(&typed),
                Err(IdProblem::Invisible { ch: c, at: 3 }),
                "{name}"
            );
        }
        assert_eq!(
            IdProblem::Invisible {
                ch: '\u{AD}',
                at: 3
            }
            .args()[0]
                .1,
            "U+00AD"
        );
    }

    #[test]
    fn digits_that_stay_foreign_are_refused() {
        // Arabic-Indic and Devanagari digits are not changed by NFKC.
        assert_eq!(
            canonical("E٠٠٠١"),
            Err(IdProblem::ForeignDigit { ch: '٠', at: 2 })
        );
        assert!(matches!(
            canonical("E००१"),
            Err(IdProblem::ForeignDigit { .. })
        ));
        assert_eq!(canonical("E 0001"), Err(IdProblem::Space { at: 2 }));
        assert_eq!(canonical("   "), Err(IdProblem::Empty));
    }

    #[test]
    fn the_pattern_applies_to_the_canonical_id() {
        let rule = IdRule::new(Some("[A-Z][0-9]{4}")).unwrap();
        assert_eq!(rule.check("Ａ１２３４"), Ok("A1234".into()));
        assert_eq!(rule.check("A12345"), Err(IdProblem::Pattern));
        assert_eq!(rule.check("xA1234"), Err(IdProblem::Pattern));
        let open = IdRule::default();
        assert_eq!(
            open.check(&"9".repeat(33)),
            Err(IdProblem::TooLong { max: 32 })
        );
    }

    #[test]
    fn the_directory_ignores_case_and_width() {
        let d = Directory::new(vec![crate::record::Person {
            id: "E0001".into(),
            name: "山田 太郎".into(),
            department: "営業部".into(),
        }]);
        for typed in ["E0001", "e0001", "Ｅ０００１", "ｅ０００１"] {
            let id = canonical(typed).unwrap();
            assert_eq!(d.find(&id).map(|p| p.name.as_str()), Some("山田 太郎"));
        }
        assert!(d.find("E0002").is_none());
    }
}
