//! What every command needs: the process's [`Env`] (data folder, content source, language,
//! messages) and the one way an error is told (what, where, what to do; exit 2).

use std::process::ExitCode;

use clap::ValueEnum;
use fluent_bundle::FluentValue;

use crate::config::{ConfigError, DataDir};
use crate::content::{ContentIssue, IssueKind};
use crate::escape::for_terminal;
use crate::i18n::{Lang, Localizer};
use crate::ledger::LedgerError;
use crate::source::Source;

/// The first error met writing a command's output to stdout, other than a reader that went
/// away (`| head`): the command goes on, and once it is done the error is told and the exit
/// says the output was not all written ([`take_output_error`]).
static OUTPUT_ERROR: std::sync::Mutex<Option<std::io::Error>> = std::sync::Mutex::new(None);

/// Writes `text` to stdout. A reader that went away has what it wanted: the rest is dropped
/// quietly, never a panic as with `print!`. Any other failure (a full disk) is kept for
/// [`take_output_error`].
pub(crate) fn put(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        let mut kept = OUTPUT_ERROR
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        kept.get_or_insert(e);
    }
}

/// [`put`] with a line end.
pub(crate) fn say(text: &str) {
    put(&format!("{text}\n"));
}

/// The output error [`put`] met, if any (taken once).
pub(crate) fn take_output_error() -> Option<std::io::Error> {
    OUTPUT_ERROR
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .take()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What the process needs before any command runs: where data lives, the language, messages.
pub struct Env {
    pub data: DataDir,
    pub source: Source,
    pub loc: Localizer,
    pub lang: Lang,
}

impl Env {
    pub fn t(&self, id: &str) -> String {
        self.loc.t(&self.lang, id)
    }
    pub fn ta(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.loc.ta(&self.lang, id, args)
    }

    /// Prints an error in the three parts every error has (what, where, what to do) and
    /// returns exit code 2.
    /// An error in words (see [`crate::error_text::describe`]), in the user's language.
    pub fn words(&self, failure: crate::error_text::Failure<'_>) -> crate::error_text::Words {
        crate::error_text::describe(&self.loc, &self.lang, failure)
    }

    /// Prints an error already in words (what, where, what to do); exit 2.
    pub fn fail_words(&self, w: crate::error_text::Words) -> ExitCode {
        eprintln!("{}: {}", self.t("error-label"), for_terminal(&w.what));
        if let Some(place) = w.place {
            eprintln!("  {}: {}", self.t("error-where"), for_terminal(&place));
        }
        eprintln!("  {}", for_terminal(&w.todo));
        ExitCode::from(2)
    }

    /// An I/O error on `path`, in words chosen by its kind; exit 2.
    pub fn io_fail(&self, e: &std::io::Error, path: Option<&std::path::Path>) -> ExitCode {
        self.fail_words(self.words(crate::error_text::Failure::Io(e, path)))
    }

    /// A ledger error in words; exit 2.
    pub fn ledger_fail(&self, e: &LedgerError) -> ExitCode {
        self.fail_words(self.words(crate::error_text::Failure::Ledger(e)))
    }

    pub(crate) fn fail(&self, what: String, place: Option<String>, todo_id: &str) -> ExitCode {
        fail(self, &what, place.as_deref(), todo_id)
    }
}

/// Prints an error in the three parts every error has (what, where, what to do), the one way
/// every command does, and returns exit code 2.
pub(crate) fn fail(env: &Env, what: &str, place: Option<&str>, todo_id: &str) -> ExitCode {
    eprintln!("{}: {}", env.t("error-label"), for_terminal(what));
    if let Some(place) = place {
        eprintln!("  {}: {}", env.t("error-where"), for_terminal(place));
    }
    eprintln!("  {}", env.t(todo_id));
    ExitCode::from(2)
}

pub(crate) fn place(file: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

pub(crate) fn config_error(env: &Env, e: ConfigError) -> ExitCode {
    match e {
        ConfigError::Io { path, source } => env.io_fail(&source, Some(&path)),
        ConfigError::Parse { path, line, reason } => env.fail(
            env.ta(
                "error-config",
                &[("reason", config_reason(env, &reason).into())],
            ),
            Some(place(&path.display().to_string(), line)),
            "todo-config",
        ),
    }
}

/// Why config.toml could not be read, in the reader's words.
pub(crate) fn config_reason(env: &Env, reason: &crate::config::ConfigReason) -> String {
    use crate::config::{ConfigReason, ValueKind};
    let list = |known: &[String]| FluentValue::from(known.join(&env.t("list-separator")));
    match reason {
        ConfigReason::UnknownKey { key, known } => env.ta(
            "config-unknown-key",
            &[("key", key.clone().into()), ("known", list(known))],
        ),
        ConfigReason::UnknownValue { value, known } => env.ta(
            "config-unknown-value",
            &[("value", value.clone().into()), ("known", list(known))],
        ),
        ConfigReason::Wants(ValueKind::Text) => env.t("config-wants-text"),
        ConfigReason::Wants(ValueKind::WholeNumber) => env.t("config-wants-number"),
        ConfigReason::Wants(ValueKind::TrueOrFalse) => env.t("config-wants-switch"),
        ConfigReason::UnknownTimeZone(tz) => {
            env.ta("config-unknown-time-zone", &[("zone", tz.clone().into())])
        }
        ConfigReason::RemoteWipeOnFreePlan => env.t("config-remote-wipe-free-plan"),
        // The TOML parser's own words (English), said as such in any language.
        ConfigReason::Syntax(words) => {
            env.ta("config-not-toml", &[("words", words.clone().into())])
        }
        ConfigReason::Other(words) => words.clone(),
    }
}

/// A content issue in words.
pub fn issue_text(env: &Env, issue: &ContentIssue) -> String {
    let s = |v: &str| FluentValue::from(v.to_string());
    match &issue.kind {
        IssueKind::Missing => env.t("issue-missing"),
        IssueKind::Unreadable(r) => env.ta("issue-unreadable", &[("reason", s(r))]),
        IssueKind::Parse(r) => env.ta("issue-parse", &[("reason", s(r))]),
        IssueKind::NoTitle => env.t("issue-no-title"),
        IssueKind::UnknownPlaceholder(p) => env.ta("issue-placeholder", &[("name", s(p))]),
        IssueKind::Unmatched { what, id } => {
            env.ta("issue-unmatched", &[("what", s(what)), ("id", s(id))])
        }
        IssueKind::OptionCount {
            id,
            expected,
            found,
        } => env.ta(
            "issue-option-count",
            &[
                ("id", s(id)),
                ("expected", s(&expected.to_string())),
                ("found", s(&found.to_string())),
            ],
        ),
        IssueKind::BadAnswer { id } => env.ta("issue-bad-answer", &[("id", s(id))]),
        IssueKind::ScreenOrder { id, before } => env.ta(
            "issue-screen-order",
            &[("id", s(id)), ("before", s(before))],
        ),
        IssueKind::UnknownScreen { id } => env.ta("issue-unknown-screen", &[("id", s(id))]),
        IssueKind::DuplicateId { id } => env.ta("issue-duplicate-id", &[("id", s(id))]),
        IssueKind::Directive(r) => env.ta("issue-directive", &[("reason", s(r))]),
        IssueKind::MissingRule { question, screen } => env.ta(
            "issue-missing-rule",
            &[("question", s(question)), ("screen", s(screen))],
        ),
        IssueKind::NoLanguages => env.t("issue-no-languages"),
        IssueKind::LocaleMissing { lang, id, defined } => env.ta(
            "issue-locale-missing",
            &[("lang", s(lang)), ("id", s(id)), ("defined", s(defined))],
        ),
        IssueKind::LocaleMissingBuiltIn { lang, id, defined } => env.ta(
            "issue-locale-missing-built-in",
            &[("lang", s(lang)), ("id", s(id)), ("defined", s(defined))],
        ),
        IssueKind::LocaleVariables { lang, id, vars } => env.ta(
            "issue-locale-vars",
            &[("lang", s(lang)), ("id", s(id)), ("vars", s(vars))],
        ),
        IssueKind::LocaleParse(r) => env.ta("issue-parse", &[("reason", s(r))]),
    }
}
