//! `tebiki content check`: every screen in every language, the same message ids and variables in
//! every locale, placeholders that can be filled, and parse errors located as file:line.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::markdown::{Directive, directive, parse, split_notes};
use super::{
    ContentIssue, IssueKind, Manifest, RawContent, ScreenKind, ScreenMeta, placeholders_in,
};
use crate::config::PLACEHOLDERS;
use crate::i18n::{line_of, parse_ftl};
use crate::source::Source;

/// Every issue in the content and locales of `source`; empty means all is well.
pub fn check(source: &Source) -> Vec<ContentIssue> {
    let mut issues = check_locales(source);
    match RawContent::load_lenient(source) {
        Ok((raw, mut found)) => {
            issues.append(&mut found);
            issues.extend(check_content(&raw));
        }
        Err(mut found) => issues.append(&mut found),
    }
    issues
}

fn issue(file: &str, line: Option<usize>, kind: IssueKind) -> ContentIssue {
    ContentIssue {
        file: file.to_string(),
        line,
        kind,
    }
}

/// The order the flow takes: every required text screen before the check and the choice, and
/// the check before the choice. Each screen after one it must come before is named.
pub(super) fn screen_order(m: &Manifest, manifest: &str) -> Vec<ContentIssue> {
    let mut issues = Vec::new();
    // The first check, then the choice: what the screens after it must not be.
    let mut past: Option<&ScreenMeta> = None;
    for s in &m.screens {
        let must_precede = match s.kind {
            ScreenKind::Info => s.required,
            ScreenKind::Check => true,
            _ => false,
        };
        // A second check may follow the first.
        let both_checks = s.kind == ScreenKind::Check && past.is_some_and(|p| p.kind == s.kind);
        if let Some(p) = past
            && must_precede
            && !both_checks
        {
            issues.push(issue(
                manifest,
                None,
                IssueKind::ScreenOrder {
                    id: s.id.clone(),
                    before: p.id.clone(),
                },
            ));
        }
        match s.kind {
            ScreenKind::Choice => past = Some(s),
            ScreenKind::Check if past.is_none() => past = Some(s),
            _ => {}
        }
    }
    issues
}

fn check_content(raw: &RawContent) -> Vec<ContentIssue> {
    let m = &raw.manifest;
    let mut issues = Vec::new();
    let manifest = "content/manifest.toml";
    let mut seen = BTreeSet::new();
    for id in m
        .screens
        .iter()
        .map(|s| &s.id)
        .chain(m.questions.iter().map(|q| &q.id))
        .chain(m.acknowledgements.iter().map(|a| &a.id))
        .chain(m.purposes.iter().map(|p| &p.id))
        .chain(m.reasons.iter().map(|r| &r.id))
    {
        if !seen.insert(id.clone()) {
            issues.push(issue(
                manifest,
                None,
                IssueKind::DuplicateId { id: id.clone() },
            ));
        }
    }
    for c in &m.changes {
        for s in &c.screens {
            if !m.screens.iter().any(|x| &x.id == s) {
                issues.push(issue(
                    manifest,
                    None,
                    IssueKind::UnknownScreen { id: s.clone() },
                ));
            }
        }
    }
    for q in &m.questions {
        if q.answer == 0 || q.answer > q.options {
            issues.push(issue(
                manifest,
                None,
                IssueKind::BadAnswer { id: q.id.clone() },
            ));
        }
        if !m.screens.iter().any(|s| s.id == q.explains) {
            issues.push(issue(
                manifest,
                None,
                IssueKind::UnknownScreen {
                    id: q.explains.clone(),
                },
            ));
        }
    }
    for lang in &raw.langs {
        // A missing file has no display name and was reported when loading.
        for (meta, file) in m
            .screens
            .iter()
            .zip(&lang.screens)
            .filter(|(_, f)| !f.display.is_empty())
        {
            let (text, _notes) = split_notes(&file.text);
            if parse(text).title.is_empty() {
                issues.push(issue(&file.display, Some(1), IssueKind::NoTitle));
            }
            let mut rules = Vec::new();
            for (n, line) in text.lines().enumerate() {
                match directive(line) {
                    Some(Err(reason)) => issues.push(issue(
                        &file.display,
                        Some(n + 1),
                        IssueKind::Directive(reason),
                    )),
                    Some(Ok(Directive::Rule(id))) => {
                        // A rule belongs on the screen its question sends people back to.
                        if !m
                            .questions
                            .iter()
                            .any(|q| q.id == id && q.explains == meta.id)
                        {
                            issues.push(issue(
                                &file.display,
                                Some(n + 1),
                                IssueKind::Unmatched {
                                    what: "rule",
                                    id: id.clone(),
                                },
                            ));
                        }
                        rules.push(id);
                    }
                    _ => {}
                }
            }
            for q in m.questions.iter().filter(|q| q.explains == meta.id) {
                if !rules.contains(&q.id) {
                    issues.push(issue(
                        &file.display,
                        None,
                        IssueKind::MissingRule {
                            question: q.id.clone(),
                            screen: meta.id.clone(),
                        },
                    ));
                }
            }
            for (offset, name) in placeholders_in(&file.text) {
                if !PLACEHOLDERS.contains(&name) {
                    issues.push(issue(
                        &file.display,
                        Some(line_of(&file.text, offset)),
                        IssueKind::UnknownPlaceholder(name.to_string()),
                    ));
                }
            }
        }
        let forms_file = format!("content/{}/forms.toml", lang.lang);
        let f = &lang.forms;
        for q in &m.questions {
            match f.questions.get(&q.id) {
                None => issues.push(unmatched(&forms_file, "question", &q.id)),
                Some(t) if t.options.len() != q.options => issues.push(issue(
                    &forms_file,
                    None,
                    IssueKind::OptionCount {
                        id: q.id.clone(),
                        expected: q.options,
                        found: t.options.len(),
                    },
                )),
                Some(_) => {}
            }
        }
        let known = |ids: Vec<&String>,
                     have: Vec<&String>,
                     what: &'static str,
                     out: &mut Vec<ContentIssue>| {
            for id in &ids {
                if !have.contains(id) {
                    out.push(unmatched(&forms_file, what, id));
                }
            }
            for id in have {
                if !ids.contains(&id) {
                    out.push(unmatched(&forms_file, what, id));
                }
            }
        };
        known(
            m.questions.iter().map(|q| &q.id).collect(),
            f.questions.keys().collect(),
            "question",
            &mut Vec::new(), // missing questions are reported above with their option count
        );
        for id in f.questions.keys() {
            if !m.questions.iter().any(|q| &q.id == id) {
                issues.push(unmatched(&forms_file, "question", id));
            }
        }
        known(
            m.acknowledgements.iter().map(|a| &a.id).collect(),
            f.acknowledgements.keys().collect(),
            "acknowledgement",
            &mut issues,
        );
        known(
            m.purposes.iter().map(|p| &p.id).collect(),
            f.purposes.keys().collect(),
            "purpose",
            &mut issues,
        );
        known(
            m.reasons.iter().map(|r| &r.id).collect(),
            f.reasons.keys().collect(),
            "reason",
            &mut issues,
        );
        known(
            m.changes.iter().map(|c| &c.version).collect(),
            f.changes.keys().collect(),
            "change",
            &mut issues,
        );
        let texts = f
            .questions
            .values()
            .flat_map(|q| std::iter::once(&q.text).chain(&q.options))
            .chain(f.acknowledgements.values().map(|p| &p.label))
            .chain(f.purposes.values().map(|p| &p.label))
            .chain(f.reasons.values().map(|r| &r.label))
            .chain(f.changes.values().map(|c| &c.summary));
        for text in texts {
            for (_, name) in placeholders_in(text) {
                if !PLACEHOLDERS.contains(&name) {
                    issues.push(issue(
                        &forms_file,
                        None,
                        IssueKind::UnknownPlaceholder(name.to_string()),
                    ));
                }
            }
        }
    }
    issues
}

fn unmatched(file: &str, what: &'static str, id: &str) -> ContentIssue {
    issue(
        file,
        None,
        IssueKind::Unmatched {
            what,
            id: id.to_string(),
        },
    )
}

/// Message (and `message.attribute`) ids of one language, each with its variables and where it is.
type Messages = BTreeMap<String, (BTreeSet<String>, String, usize)>;

/// Every message of every language of `source`'s locales; what cannot be read goes to
/// `issues`.
fn messages_of(source: &Source, issues: &mut Vec<ContentIssue>) -> BTreeMap<String, Messages> {
    let mut per_lang: BTreeMap<String, Messages> = BTreeMap::new();
    for lang in source.subdirs("locales") {
        let messages = per_lang.entry(lang.clone()).or_default();
        for name in source.files("locales", &lang) {
            if std::path::Path::new(&name).extension() != Some("ftl".as_ref()) {
                continue;
            }
            let file = match source.read("locales", &format!("{lang}/{name}")) {
                Ok(f) => f,
                Err(e) => {
                    issues.push(super::source_issue(e));
                    continue;
                }
            };
            for e in parse_ftl(&file.display, &file.text).1 {
                issues.push(issue(&e.file, e.line, IssueKind::LocaleParse(e.detail)));
            }
            let resource = match fluent_syntax::parser::parse(file.text.as_str()) {
                Ok(r) => r,
                Err((r, _)) => r,
            };
            for entry in resource.body {
                if let ast::Entry::Message(msg) = entry {
                    let id = msg.id.name.to_string();
                    let line = message_line(&file.text, &id);
                    let mut vars = BTreeSet::new();
                    if let Some(p) = &msg.value {
                        pattern_vars(p, &mut vars);
                    }
                    messages.insert(id.clone(), (vars, file.display.clone(), line));
                    for attr in &msg.attributes {
                        let mut vars = BTreeSet::new();
                        pattern_vars(&attr.value, &mut vars);
                        messages.insert(
                            format!("{id}.{}", attr.id.name),
                            (vars, file.display.clone(), line),
                        );
                    }
                }
            }
        }
    }
    per_lang
}

fn check_locales(source: &Source) -> Vec<ContentIssue> {
    let source = source.locales_source();
    let mut issues = Vec::new();
    let per_lang = messages_of(&source, &mut issues);
    let all_ids: BTreeSet<&String> = per_lang.values().flat_map(|m| m.keys()).collect();
    for (lang, messages) in &per_lang {
        for id in &all_ids {
            match messages.get(*id) {
                None => {
                    let defined = per_lang
                        .values()
                        .find_map(|m| m.get(*id))
                        .map(|(_, file, line)| format!("{file}:{line}"))
                        .unwrap_or_default();
                    issues.push(issue(
                        &format!("locales/{lang}/"),
                        None,
                        IssueKind::LocaleMissing {
                            lang: lang.clone(),
                            id: (*id).clone(),
                            defined,
                        },
                    ));
                }
                Some((vars, file, line)) => {
                    // Compare with the first language that has the message.
                    let reference = per_lang
                        .values()
                        .find_map(|m| m.get(*id))
                        .map(|(v, _, _)| v);
                    if reference.is_some_and(|r| r != vars) {
                        issues.push(issue(
                            file,
                            Some(*line),
                            IssueKind::LocaleVariables {
                                lang: lang.clone(),
                                id: (*id).clone(),
                                vars: vars.iter().cloned().collect::<Vec<_>>().join(", "),
                            },
                        ));
                    }
                }
            }
        }
    }
    // A folder's own locales replace the built-in ones whole: a message this version uses
    // that none of its languages has would show as its id.
    if matches!(source, Source::Dir(_)) {
        let built_in = messages_of(&Source::Embedded, &mut Vec::new());
        let needed: BTreeSet<&String> = built_in.values().flat_map(|m| m.keys()).collect();
        for lang in per_lang.keys() {
            for id in needed.iter().filter(|id| !all_ids.contains(**id)) {
                // Where the built-in texts have it: in this language, else in the first.
                let defined = built_in
                    .get(lang)
                    .and_then(|m| m.get(*id))
                    .or_else(|| built_in.values().find_map(|m| m.get(*id)))
                    .map(|(_, file, line)| format!("{file}:{line}"))
                    .unwrap_or_default();
                issues.push(issue(
                    &format!("locales/{lang}/"),
                    None,
                    IssueKind::LocaleMissingBuiltIn {
                        lang: lang.clone(),
                        id: (*id).clone(),
                        defined,
                    },
                ));
            }
        }
    }
    issues
}

fn message_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            l.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(1, |i| i + 1)
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}
