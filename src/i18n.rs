//! Every user-facing string, looked up in Fluent bundles (`locales/<lang>/*.ftl`).

use std::fmt;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::source::{Source, SourceError};

/// A language code as used in folder names (`ja`, `en`). Cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lang(Arc<str>);

impl Lang {
    pub fn new(code: &str) -> Lang {
        Lang(Arc::from(code))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A problem in a locale file, located as `file:line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocaleIssue {
    pub file: String,
    pub line: Option<usize>,
    pub detail: String,
}

/// The one constructor for Fluent bundles: isolation marks off, because they would leak into
/// the terminal as invisible characters and into records and exports.
pub fn new_bundle(lang: &str) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    bundle.set_use_isolating(false);
    bundle
}

/// Parses one `.ftl` text; parse errors come back located by line.
pub fn parse_ftl(display: &str, text: &str) -> (FluentResource, Vec<LocaleIssue>) {
    match FluentResource::try_new(text.to_string()) {
        Ok(res) => (res, Vec::new()),
        Err((res, errors)) => {
            let issues = errors
                .into_iter()
                .map(|e| LocaleIssue {
                    file: display.to_string(),
                    line: Some(line_of(
                        text,
                        e.slice.clone().map_or(e.pos.start, |s| s.start),
                    )),
                    detail: e.kind.to_string(),
                })
                .collect();
            (res, issues)
        }
    }
}

/// 1-based line number of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    memchr::memchr_iter(b'\n', &text.as_bytes()[..end]).count() + 1
}

/// All languages' bundles. Lookups never fail loudly: a missing message shows its id, which
/// `tebiki content check` reports before it can reach a screen. Loaded once per process.
#[derive(Clone)]
pub struct Localizer {
    /// Shared, so that a copy of the localizer (for another screen or thread) costs nothing.
    bundles: Arc<Vec<(Lang, FluentBundle<FluentResource>)>>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("languages", &self.languages())
            .finish()
    }
}

impl Localizer {
    /// Loads every language folder under `locales/`. Returns the issues found on the way;
    /// the localizer is still usable (for reporting them) when there are some.
    pub fn load(source: &Source) -> (Localizer, Vec<LocaleIssue>) {
        let source = source.locales_source();
        let mut issues = Vec::new();
        let mut bundles = Vec::new();
        for code in source.subdirs("locales") {
            let mut bundle = new_bundle(&code);
            for name in source.files("locales", &code) {
                if std::path::Path::new(&name).extension() != Some("ftl".as_ref()) {
                    continue;
                }
                let file = match source.read("locales", &format!("{code}/{name}")) {
                    Ok(f) => f,
                    Err(SourceError::Missing { path } | SourceError::Unreadable { path, .. }) => {
                        issues.push(LocaleIssue {
                            file: path,
                            line: None,
                            detail: "unreadable".into(),
                        });
                        continue;
                    }
                };
                let (res, mut found) = parse_ftl(&file.display, &file.text);
                issues.append(&mut found);
                if let Err(errors) = bundle.add_resource(res) {
                    for e in errors {
                        issues.push(LocaleIssue {
                            file: file.display.clone(),
                            line: None,
                            detail: e.to_string(),
                        });
                    }
                }
            }
            // A folder's own locales may be older than this version: what they lack is taken
            // from the built-in texts of the language (their own messages win; `tebiki content
            // check` names what was missing), rather than shown as its id.
            if matches!(source, Source::Dir(_)) {
                let built_in = Source::Embedded;
                for name in built_in.files("locales", &code) {
                    if let Ok(file) = built_in.read("locales", &format!("{code}/{name}")) {
                        let (res, _) = parse_ftl(&file.display, &file.text);
                        // Those the folder has are refused as overriding: expected.
                        let _ = bundle.add_resource(res);
                    }
                }
            }
            bundles.push((Lang::new(&code), bundle));
        }
        (
            Localizer {
                bundles: Arc::new(bundles),
            },
            issues,
        )
    }

    /// The languages there are bundles for, in folder order.
    pub fn languages(&self) -> Vec<Lang> {
        self.bundles.iter().map(|(l, _)| l.clone()).collect()
    }

    pub fn has(&self, lang: &str) -> bool {
        self.bundles.iter().any(|(l, _)| l.as_str() == lang)
    }

    fn bundle(&self, lang: &Lang) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.bundles.first())
            .map(|(_, b)| b)
    }

    /// Whether `lang` has the message `id` (without its attribute part).
    pub fn has_message(&self, lang: &Lang, id: &str) -> bool {
        let msg_id = id.split_once('.').map_or(id, |(m, _)| m);
        self.bundle(lang).is_some_and(|b| b.has_message(msg_id))
    }

    /// A message without arguments, to be shown: on a terminal that draws ambiguous-width
    /// characters wide, they are folded to unambiguous ones (`crate::glyphs::fold`).
    pub fn t(&self, lang: &Lang, id: &str) -> String {
        shown(self.format(lang, &self.for_terminal(lang, id), None))
    }

    /// `id`, or its `.wide` attribute where the terminal draws ambiguous characters wide and
    /// the message has one: words where folding alone would mislead (an arrow key folded to
    /// "v" reads as the V key).
    fn for_terminal(&self, lang: &Lang, id: &str) -> String {
        if crate::glyphs::wide() && !id.contains('.') {
            let wide = format!("{id}.wide");
            if self
                .bundle(lang)
                .and_then(|b| b.get_message(id))
                .is_some_and(|m| m.get_attribute("wide").is_some())
            {
                return wide;
            }
        }
        id.to_string()
    }

    /// A message with arguments, to be shown (folded as `t` is), e.g.
    /// `loc.ta(&lang, "progress", &[("n", 3.into()), ("of", 11.into())])`.
    pub fn ta(&self, lang: &Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        shown(self.ta_stored(lang, &self.for_terminal(lang, id), args))
    }

    /// A message as the locale has it, whatever the terminal: for text written into a record
    /// or hashed with the content.
    pub fn t_stored(&self, lang: &Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// A message with arguments as the locale has it (see `t_stored`).
    pub fn ta_stored(&self, lang: &Lang, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            fargs.set(*k, v.clone());
        }
        self.format(lang, id, Some(&fargs))
    }

    fn format(&self, lang: &Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(bundle) = self.bundle(lang) else {
            return id.to_string();
        };
        let (msg_id, attr) = match id.split_once('.') {
            Some((m, a)) => (m, Some(a)),
            None => (id, None),
        };
        let Some(msg) = bundle.get_message(msg_id) else {
            return id.to_string();
        };
        let pattern = match attr {
            Some(a) => msg.get_attribute(a).map(|a| a.value()),
            None => msg.value(),
        };
        let Some(pattern) = pattern else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

fn shown(text: String) -> String {
    match crate::glyphs::fold(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(folded) => folded,
    }
}

/// Groups the digits of an amount as people write it (`3000` -> `3,000`).
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits(0), "0");
        assert_eq!(group_digits(999), "999");
        assert_eq!(group_digits(3000), "3,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }

    #[test]
    fn isolation_marks_are_off() {
        let mut b = new_bundle("en");
        let (res, issues) = parse_ftl("t.ftl", "hello = Hello { $name }!\n");
        assert!(issues.is_empty());
        b.add_resource(res).map_err(|_| ()).unwrap();
        let msg = b.get_message("hello").unwrap();
        let mut args = FluentArgs::new();
        args.set("name", "山田");
        let mut errs = vec![];
        let s = b.format_pattern(msg.value().unwrap(), Some(&args), &mut errs);
        assert_eq!(s, "Hello 山田!");
    }

    #[test]
    fn parse_errors_are_located_by_line() {
        let (_, issues) = parse_ftl("x.ftl", "ok = fine\n\nbroken = {\n");
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].line, Some(3));
    }
}
