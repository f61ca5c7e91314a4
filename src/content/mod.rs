//! The onboarding content: the manifest (policy, screens in order, check, choices) and each
//! language's screens and form texts, filled with the organisation's values.

pub mod check;
pub mod markdown;

use std::collections::BTreeMap;

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::config::{Org, Placeholders};
use crate::i18n::{Lang, Localizer};
use crate::source::{Source, SourceError, SourceFile};
use markdown::{Doc, parse, split_notes};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub policy_id: String,
    pub policy_version: String,
    pub screens: Vec<ScreenMeta>,
    #[serde(default)]
    pub questions: Vec<QuestionMeta>,
    /// What a person confirms before agreeing (understood the rules; will report a lost
    /// phone): required for agreeing, recorded as `acknowledged`, and not consents.
    #[serde(default)]
    pub acknowledgements: Vec<AckMeta>,
    /// The consents: the core one (`required`) and optional ones that can be declined while
    /// keeping the core.
    #[serde(default)]
    pub purposes: Vec<PurposeMeta>,
    #[serde(default)]
    pub reasons: Vec<ReasonMeta>,
    /// What each policy version changed, newest last: shown to people whose consent expired.
    #[serde(default)]
    pub changes: Vec<ChangeMeta>,
    /// A skimming speed per language, well above ordinary reading: a required screen passed
    /// quicker than this is recorded with `fast: true` (and the person is asked, once, to take
    /// their time; nothing is blocked).
    #[serde(default)]
    pub skimming: BTreeMap<String, Skimming>,
}

impl Manifest {
    /// The text screens a person must read to their end to agree: the required ones before
    /// the choice (where [`check::screen_order`] holds, every required one), as indices.
    pub fn to_read(&self) -> impl Iterator<Item = usize> + '_ {
        let choice = self
            .screens
            .iter()
            .position(|s| s.kind == ScreenKind::Choice)
            .unwrap_or(0);
        (0..choice)
            .filter(|&i| self.screens[i].kind == ScreenKind::Info && self.screens[i].required)
    }
}

/// How fast one can skim a language: `per_minute` characters (`unit = "chars"`, for Japanese)
/// or words (`unit = "words"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Skimming {
    pub unit: SkimUnit,
    pub per_minute: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SkimUnit {
    Chars,
    Words,
}

impl Skimming {
    /// The fewest seconds `text` can be skimmed in.
    pub fn seconds(&self, text: &str) -> f64 {
        let units = match self.unit {
            SkimUnit::Chars => text.chars().filter(|c| !c.is_whitespace()).count(),
            SkimUnit::Words => text.split_whitespace().count(),
        };
        units as f64 * 60.0 / f64::from(self.per_minute.max(1))
    }
}

/// One policy version's changes: the screens whose substance changed (the words are in each
/// language's `forms.toml`, `[changes."<version>"]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeMeta {
    pub version: String,
    #[serde(default)]
    pub screens: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ScreenKind {
    Info,
    Check,
    Choice,
    Receipt,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreenMeta {
    pub id: String,
    pub kind: ScreenKind,
    #[serde(default = "yes")]
    pub required: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionMeta {
    pub id: String,
    /// How many options the question has.
    pub options: usize,
    /// The correct option, 1-based.
    pub answer: usize,
    /// The screen that explains the answer.
    pub explains: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PurposeMeta {
    pub id: String,
    /// The core consent: agreeing is agreeing to this one. The others are optional.
    #[serde(default = "yes")]
    pub required: bool,
    /// Shown (and recorded) only when the organisation's config turns this on, e.g.
    /// `remote_wipe` for `[org] remote_wipe = true`.
    #[serde(default)]
    pub when: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AckMeta {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReasonMeta {
    pub id: String,
}

/// `content/<lang>/forms.toml`: the words of the check and the choice.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Forms {
    #[serde(default)]
    pub questions: BTreeMap<String, QuestionText>,
    #[serde(default)]
    pub acknowledgements: BTreeMap<String, Label>,
    #[serde(default)]
    pub purposes: BTreeMap<String, Label>,
    #[serde(default)]
    pub reasons: BTreeMap<String, Label>,
    /// What changed in each policy version, in words, keyed by version.
    #[serde(default)]
    pub changes: BTreeMap<String, ChangeText>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeText {
    pub summary: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    pub text: String,
    pub options: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub label: String,
}

/// A problem in the content, located as `file:line` where there is a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentIssue {
    pub file: String,
    pub line: Option<usize>,
    pub kind: IssueKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueKind {
    Missing,
    Unreadable(String),
    Parse(String),
    NoTitle,
    UnknownPlaceholder(String),
    /// An id in one place with no counterpart in another (a screen, question, purpose, reason).
    Unmatched {
        what: &'static str,
        id: String,
    },
    OptionCount {
        id: String,
        expected: usize,
        found: usize,
    },
    BadAnswer {
        id: String,
    },
    /// A screen after one it must come before: a required text screen after the check or the
    /// choice, or the check after the choice (the flow, and what records say of it, take
    /// every required screen as read before the check, and the check before the choice).
    ScreenOrder {
        id: String,
        before: String,
    },
    UnknownScreen {
        id: String,
    },
    DuplicateId {
        id: String,
    },
    /// A `<!-- when: ... -->`, `<!-- rule: ... -->` comment that cannot be read.
    Directive(String),
    /// The screen that explains a question does not mark the rule it asks about.
    MissingRule {
        question: String,
        screen: String,
    },
    NoLanguages,
    /// A locale message missing in one language, or with other variables.
    /// `defined` is where another language has it (`file:line`).
    LocaleMissing {
        lang: String,
        id: String,
        defined: String,
    },
    /// A content folder's own locales lack a message that this version of tebiki uses (and
    /// no other language of the folder has): `defined` is where tebiki's built-in locales
    /// have it. The screens would show its id.
    LocaleMissingBuiltIn {
        lang: String,
        id: String,
        defined: String,
    },
    LocaleVariables {
        lang: String,
        id: String,
        vars: String,
    },
    LocaleParse(String),
}

/// The content as read from its files, before the organisation's values are filled in.
#[derive(Debug, Clone)]
pub struct RawContent {
    pub manifest: Manifest,
    pub langs: Vec<RawLang>,
}

#[derive(Debug, Clone)]
pub struct RawLang {
    pub lang: Lang,
    /// One file per manifest screen, in manifest order.
    pub screens: Vec<SourceFile>,
    pub forms: Forms,
}

impl RawContent {
    /// Reads the manifest and every language folder; any issue makes it an error, with every
    /// issue found listed, not just the first.
    pub fn load(source: &Source) -> Result<RawContent, Vec<ContentIssue>> {
        let (raw, issues) = RawContent::load_lenient(source)?;
        if issues.is_empty() {
            Ok(raw)
        } else {
            Err(issues)
        }
    }

    /// Like [`RawContent::load`], but a missing or broken screen or forms file only adds an issue
    /// (the file reads as empty), so a check can go on to find everything else. Only a manifest
    /// that cannot be read stops it.
    pub fn load_lenient(
        source: &Source,
    ) -> Result<(RawContent, Vec<ContentIssue>), Vec<ContentIssue>> {
        let mut issues = Vec::new();
        let manifest_file = source
            .read("content", "manifest.toml")
            .map_err(|e| vec![source_issue(e)])?;
        let manifest: Manifest = toml::from_str(&manifest_file.text).map_err(|e| {
            vec![ContentIssue {
                file: manifest_file.display.clone(),
                line: e
                    .span()
                    .map(|s| crate::i18n::line_of(&manifest_file.text, s.start)),
                kind: IssueKind::Parse(e.message().to_string()),
            }]
        })?;
        // The flow, and what records and receipts say of a decision, go by this order.
        issues.extend(check::screen_order(&manifest, &manifest_file.display));
        let mut langs = Vec::new();
        for code in source.subdirs("content") {
            let lang = Lang::new(&code);
            let mut screens = Vec::new();
            for meta in &manifest.screens {
                match source.read("content", &format!("{code}/{}.md", meta.id)) {
                    Ok(f) => screens.push(f),
                    Err(e) => {
                        issues.push(source_issue(e));
                        screens.push(SourceFile {
                            display: String::new(),
                            text: String::new(),
                        });
                    }
                }
            }
            let forms = match source.read("content", &format!("{code}/forms.toml")) {
                Ok(f) => match toml::from_str::<Forms>(&f.text) {
                    Ok(forms) => forms,
                    Err(e) => {
                        issues.push(ContentIssue {
                            file: f.display.clone(),
                            line: e.span().map(|s| crate::i18n::line_of(&f.text, s.start)),
                            kind: IssueKind::Parse(e.message().to_string()),
                        });
                        Forms::default()
                    }
                },
                Err(e) => {
                    issues.push(source_issue(e));
                    Forms::default()
                }
            };
            langs.push(RawLang {
                lang,
                screens,
                forms,
            });
        }
        if langs.is_empty() {
            issues.push(ContentIssue {
                file: "content/".into(),
                line: None,
                kind: IssueKind::NoLanguages,
            });
        }
        Ok((RawContent { manifest, langs }, issues))
    }
}

fn source_issue(e: SourceError) -> ContentIssue {
    match e {
        SourceError::Missing { path } => ContentIssue {
            file: path,
            line: None,
            kind: IssueKind::Missing,
        },
        SourceError::Unreadable { path, reason } => ContentIssue {
            file: path,
            line: None,
            kind: IssueKind::Unreadable(reason),
        },
    }
}

/// One screen, ready to show.
#[derive(Debug, Clone)]
pub struct Screen {
    pub id: String,
    pub kind: ScreenKind,
    pub required: bool,
    pub doc: Doc,
    pub notes: Option<Doc>,
    /// The fewest seconds this screen can be skimmed in (0 without a declared speed).
    pub skim_seconds: f64,
}

/// One language's screens and forms, filled with the organisation's values.
#[derive(Debug, Clone)]
pub struct LangContent {
    pub lang: Lang,
    pub screens: Vec<Screen>,
    pub forms: Forms,
    /// SHA-256 of exactly what this language shows (see [`content_hash`]).
    pub sha256: String,
    /// The organisation's values the placeholders were filled with.
    pub values: Placeholders,
}

/// The content the app shows: every language, filled in.
#[derive(Debug, Clone)]
pub struct Content {
    pub manifest: Manifest,
    pub langs: Vec<LangContent>,
}

impl Content {
    /// Fills the placeholders of every language with the organisation's values and parses
    /// the Markdown. Only languages that also have locales are kept.
    pub fn prepare(raw: &RawContent, org: &Org, loc: &Localizer) -> Content {
        // Purposes the organisation does not use are neither shown nor recorded.
        let mut manifest = raw.manifest.clone();
        manifest
            .purposes
            .retain(|p| p.when.as_deref().is_none_or(|switch| org.uses(switch)));
        let langs = raw
            .langs
            .iter()
            .filter(|l| loc.has(l.lang.as_str()))
            .map(|l| {
                let values = org.placeholders(loc, &l.lang);
                let mut shown = Vec::new();
                let screens = raw
                    .manifest
                    .screens
                    .iter()
                    .zip(&l.screens)
                    .map(|(meta, file)| {
                        let (text, notes) = split_notes(&file.text);
                        let text = fill(text, &values);
                        let skim_seconds = raw
                            .manifest
                            .skimming
                            .get(l.lang.as_str())
                            .map_or(0.0, |s| s.seconds(&text));
                        let screen = Screen {
                            id: meta.id.clone(),
                            kind: meta.kind,
                            required: meta.required,
                            doc: parse(&text),
                            notes: notes.map(|n| parse(&fill(n, &values))),
                            skim_seconds,
                        };
                        shown.push((meta.id.as_str(), text));
                        screen
                    })
                    .collect();
                let forms = fill_forms(&l.forms, &values);
                let sha256 = content_hash(&shown, &manifest, &forms);
                LangContent {
                    lang: l.lang.clone(),
                    screens,
                    forms,
                    sha256,
                    values,
                }
            })
            .collect();
        Content { manifest, langs }
    }

    pub fn languages(&self) -> Vec<Lang> {
        self.langs.iter().map(|l| l.lang.clone()).collect()
    }

    /// The content in `lang`, or the first language when there is none in it.
    pub fn lang(&self, lang: &Lang) -> &LangContent {
        self.langs
            .iter()
            .find(|l| &l.lang == lang)
            .unwrap_or(&self.langs[0])
    }

    pub fn screen_index(&self, id: &str) -> Option<usize> {
        self.manifest.screens.iter().position(|s| s.id == id)
    }
}

/// Replaces each `{name}` whose name is a known placeholder; anything else stays as written
/// (and `tebiki content check` reports it).
pub fn fill(text: &str, values: &Placeholders) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if values.contains_key(&after[..close]) => {
                let value = &values[&after[..close]];
                if starts_sentence(&out) {
                    // "the company does ..." at the start of a sentence reads "The company ...".
                    let mut chars = value.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                } else {
                    out.push_str(value);
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether text appended to `before` starts a sentence (or a heading, list item, table cell).
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t']);
    match trimmed.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '\n' | '.' | '!' | '?' | '#' | '-' | '|' | ':' | '*' | '>'
        ),
    }
}

/// The `{name}` placeholders a text uses, with their byte offsets.
pub fn placeholders_in(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{') {
        let start = from + open + 1;
        match text[start..].find('}') {
            Some(close) => {
                let name = &text[start..start + close];
                if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    found.push((start - 1, name));
                }
                from = start + close + 1;
            }
            None => break,
        }
    }
    found
}

fn fill_forms(forms: &Forms, values: &Placeholders) -> Forms {
    let labels = |map: &BTreeMap<String, Label>| -> BTreeMap<String, Label> {
        map.iter()
            .map(|(k, l)| {
                (
                    k.clone(),
                    Label {
                        label: fill(&l.label, values),
                    },
                )
            })
            .collect()
    };
    Forms {
        questions: forms
            .questions
            .iter()
            .map(|(k, q)| {
                let q = QuestionText {
                    text: fill(&q.text, values),
                    options: q.options.iter().map(|o| fill(o, values)).collect(),
                };
                (k.clone(), q)
            })
            .collect(),
        acknowledgements: labels(&forms.acknowledgements),
        purposes: labels(&forms.purposes),
        reasons: labels(&forms.reasons),
        changes: forms
            .changes
            .iter()
            .map(|(k, c)| {
                (
                    k.clone(),
                    ChangeText {
                        summary: fill(&c.summary, values),
                    },
                )
            })
            .collect(),
    }
}

/// The hash recorded as "the exact content shown". Its input, so that anyone can recompute
/// it: for each screen in manifest order `screen <id>\n` then the filled Markdown shown (speaker
/// notes excluded) then `\n`; then for each question in manifest order `question <id>\n`, its
/// text and each option, one per line; then `purpose <id>\n<label>\n` and `reason <id>\n<label>\n`.
pub fn content_hash(shown: &[(&str, String)], manifest: &Manifest, forms: &Forms) -> String {
    let mut h = Sha256::new();
    for (id, text) in shown {
        h.update(format!("screen {id}\n"));
        h.update(text.as_bytes());
        h.update(b"\n");
    }
    for q in &manifest.questions {
        h.update(format!("question {}\n", q.id));
        if let Some(t) = forms.questions.get(&q.id) {
            h.update(format!("{}\n", t.text));
            for o in &t.options {
                h.update(format!("{o}\n"));
            }
        }
    }
    for a in &manifest.acknowledgements {
        let label = forms
            .acknowledgements
            .get(&a.id)
            .map_or("", |l| l.label.as_str());
        h.update(format!("acknowledgement {}\n{label}\n", a.id));
    }
    for p in &manifest.purposes {
        let label = forms.purposes.get(&p.id).map_or("", |l| l.label.as_str());
        h.update(format!("purpose {}\n{label}\n", p.id));
    }
    for r in &manifest.reasons {
        let label = forms.reasons.get(&r.id).map_or("", |l| l.label.as_str());
        h.update(format!("reason {}\n{label}\n", r.id));
    }
    hex::encode(h.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_placeholders_are_filled_and_others_kept() {
        let mut v = Placeholders::new();
        v.insert("org", "株式会社サンプル".into());
        assert_eq!(
            fill("{org}の{unknown}と{", &v),
            "株式会社サンプルの{unknown}と{"
        );
        assert_eq!(
            placeholders_in("a {org} b {x_y} {not ok}"),
            vec![(2, "org"), (10, "x_y")]
        );
    }
}
