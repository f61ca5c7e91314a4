//! The command line (a contract: see DESIGN.md): parsing, help in the user's language, and
//! dispatch to the employee flow and the commands. Exit codes: 0 success, 1 a finding, 2 usage
//! or input error.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use fluent_bundle::FluentValue;

use crate::app::{App, Mode};
use crate::config::{Config, ConfigError, DataDir};
use crate::content::check::check;
use crate::content::{Content, ContentIssue, IssueKind, RawContent};
use crate::escape::for_terminal;
use crate::i18n::{Lang, Localizer};
use crate::ledger::{self, Checkpoint, LedgerError};
use crate::record::identity::{Directory, IdentityMode};
use crate::recorder::Recorder;
use crate::source::Source;

#[derive(Debug, Parser)]
#[command(name = "tebiki", version)]
pub struct Cli {
    #[arg(long, env = "TEBIKI_DATA", global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    #[arg(long, env = "TEBIKI_CONTENT", global = true, value_name = "DIR")]
    pub content: Option<PathBuf>,
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Status {
        id: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    Verify {
        #[arg(long, value_name = "FILE")]
        checkpoint: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    #[command(subcommand)]
    Content(ContentCommand),
    Kiosk,
    #[command(subcommand)]
    Pin(PinCommand),
    #[command(subcommand)]
    Roster(crate::admin::roster::RosterCommand),
    Export(crate::admin::export::ExportArgs),
    Report(crate::admin::report::ReportArgs),
    Demo(crate::admin::demo::DemoArgs),
    #[command(subcommand)]
    Record(crate::admin::record::RecordCommand),
    Present {
        // ja, en (any language of the content) or both; checked against the content.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        #[arg(long)]
        notes: bool,
    },
    Admin {
        #[arg(long, value_name = "NAME")]
        by: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    Set,
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

    fn fail(&self, what: String, place: Option<String>, todo_id: &str) -> ExitCode {
        eprintln!("{}: {}", self.t("error-label"), for_terminal(&what));
        if let Some(place) = place {
            eprintln!("  {}: {}", self.t("error-where"), for_terminal(&place));
        }
        eprintln!("  {}", self.t(todo_id));
        ExitCode::from(2)
    }
}

/// The value of `--name VALUE` or `--name=VALUE` in the raw arguments, before clap parses them:
/// the language and data folder decide the language of clap's own help and errors.
fn peek(args: &[String], name: &str) -> Option<String> {
    let flag = format!("--{name}");
    let eq = format!("--{name}=");
    args.iter().enumerate().find_map(|(i, a)| {
        if let Some(v) = a.strip_prefix(&eq) {
            Some(v.to_string())
        } else if *a == flag {
            args.get(i + 1).cloned()
        } else {
            None
        }
    })
}

/// `--lang`, then the config's language, then the system locale, then Japanese; only
/// languages that exist count.
fn resolve_lang(arg: Option<&str>, config: Option<&str>, loc: &Localizer) -> Lang {
    let system = sys_locale::get_locale();
    let system = system
        .as_deref()
        .map(|l| l.split(['-', '_', '.']).next().unwrap_or(l));
    [arg, config, system, Some("ja")]
        .into_iter()
        .flatten()
        .find(|l| loc.has(l))
        .map(Lang::new)
        .or_else(|| loc.languages().into_iter().next())
        .unwrap_or_else(|| Lang::new("ja"))
}

fn data_root(arg: Option<PathBuf>) -> PathBuf {
    arg.or_else(|| std::env::var_os("TEBIKI_DATA").map(PathBuf::from))
        .or_else(DataDir::platform_default)
        .unwrap_or_else(|| PathBuf::from("tebiki-data"))
}

/// Fills the help texts of every argument and subcommand from Fluent: `cli-about`,
/// `cli-<sub>-about`, `cli-arg-<id>` (global) and `cli-<sub>-arg-<id>`.
fn localize(
    cmd: clap::Command,
    loc: &Localizer,
    lang: &Lang,
    prefix: &str,
    data_dir: &Path,
) -> clap::Command {
    let about_id = if prefix.is_empty() {
        "cli-about".to_string()
    } else {
        format!("cli-{prefix}-about")
    };
    // clap's own words (the usage line, the headings, the help and version flags) go through
    // Fluent too; only clap's parse errors stay in English.
    let template = format!(
        "{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        loc.t(lang, "cli-usage")
    );
    let mut cmd = cmd
        .about(loc.t(lang, &about_id))
        .help_template(template)
        .subcommand_help_heading(loc.t(lang, "cli-commands"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(clap::ArgAction::Help)
                .help(loc.t(lang, "cli-help")),
        );
    if prefix.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(clap::ArgAction::Version)
                .help(loc.t(lang, "cli-version")),
        );
    }
    let options = loc.t(lang, "cli-options");
    let arguments = loc.t(lang, "cli-arguments");
    let mut ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    // Headings show in the order they are first given: arguments before options, as clap does.
    ids.sort_by_key(|(_, positional)| !positional);
    for (id, positional) in ids {
        let heading = if positional {
            arguments.clone()
        } else {
            options.clone()
        };
        cmd = cmd.mut_arg(id.as_str(), |a: Arg| a.help_heading(heading));
    }
    if prefix.is_empty() {
        let after = loc.ta(
            lang,
            "cli-after-help",
            &[("dir", data_dir.display().to_string().into())],
        );
        cmd = cmd.after_help(after);
    }
    let arg_ids: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_global_set() || prefix.is_empty())
        .map(|a| a.get_id().to_string())
        .filter(|id| id != "help" && id != "version")
        .collect();
    for id in arg_ids {
        let msg = if prefix.is_empty() {
            format!("cli-arg-{id}")
        } else {
            format!("cli-{prefix}-arg-{id}")
        };
        let text = loc.t(lang, &msg);
        cmd = cmd.mut_arg(id.as_str(), |a: Arg| a.help(text));
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in subs {
        let sub_prefix = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}-{name}")
        };
        cmd = cmd.mut_subcommand(name.as_str(), |s| {
            localize(s, loc, lang, &sub_prefix, data_dir)
        });
    }
    cmd
}

pub fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let content_arg = peek(&args, "content").or_else(|| std::env::var("TEBIKI_CONTENT").ok());
    let source = content_arg
        .map(|d| Source::Dir(PathBuf::from(d)))
        .unwrap_or(Source::Embedded);
    let (loc, locale_issues) = Localizer::load(&source);
    let data = DataDir::new(data_root(peek(&args, "data").map(PathBuf::from)));
    let config_lang = data.load_config().ok().and_then(|c| c.language);
    let lang = resolve_lang(peek(&args, "lang").as_deref(), config_lang.as_deref(), &loc);
    let command = localize(Cli::command(), &loc, &lang, "", &data.root);
    let matches: ArgMatches = command.get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => e.exit(),
    };
    let env = Env {
        data: DataDir::new(data_root(cli.data.clone())),
        source,
        loc,
        lang,
    };
    // `present --lang both` reaches the global option too; `present` checks its own value.
    let own_lang = matches!(cli.command, Some(Command::Present { .. }));
    if let Some(l) = &cli.lang
        && !env.loc.has(l)
        && !own_lang
    {
        let langs: Vec<String> = env.loc.languages().iter().map(|l| l.to_string()).collect();
        return env.fail(
            env.ta(
                "error-unknown-lang",
                &[
                    ("lang", l.clone().into()),
                    ("langs", langs.join(", ").into()),
                ],
            ),
            None,
            "todo-lang",
        );
    }
    match cli.command {
        Some(Command::Content(ContentCommand::Check)) => content_check(&env),
        _ if !locale_issues.is_empty() => {
            let first = &locale_issues[0];
            env.fail(
                env.ta("error-locales", &[("detail", first.detail.clone().into())]),
                Some(place(&first.file, first.line)),
                "todo-content-check",
            )
        }
        None => employee_flow(&env, Mode::Attended),
        Some(Command::Kiosk) => employee_flow(&env, Mode::Kiosk),
        Some(Command::Pin(PinCommand::Set)) => pin_set(&env),
        Some(Command::Status { id, format }) => status(&env, &id, format),
        Some(Command::Verify { checkpoint, format }) => verify(&env, checkpoint.as_deref(), format),
        Some(Command::Roster(c)) => crate::admin::roster::command(&env, c),
        Some(Command::Export(a)) => crate::admin::export::command(&env, &a),
        Some(Command::Report(a)) => crate::admin::report::command(&env, &a),
        Some(Command::Demo(a)) => crate::admin::demo::command(&env, &a),
        Some(Command::Record(c)) => crate::admin::record::command(&env, c),
        Some(Command::Present { lang, notes }) => present(&env, lang.as_deref(), notes),
        Some(Command::Admin { by }) => admin(&env, by),
    }
}

fn place(file: &str, line: Option<usize>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

fn load_config(env: &Env) -> Result<Config, ExitCode> {
    env.data.load_config().map_err(|e| config_error(env, e))
}

pub(crate) fn config_error(env: &Env, e: ConfigError) -> ExitCode {
    match e {
        ConfigError::Io { path, source } => env.io_fail(&source, Some(&path)),
        ConfigError::Parse { path, line, reason } => env.fail(
            env.ta("error-config", &[("reason", reason.into())]),
            Some(place(&path.display().to_string(), line)),
            "todo-config",
        ),
    }
}

/// Loads and fills the content, or says what is wrong with it.
fn load_content(env: &Env, config: &Config) -> Result<Content, ExitCode> {
    match RawContent::load(&env.source) {
        Ok(raw) => Ok(Content::prepare(&raw, &config.org, &env.loc)),
        Err(issues) => {
            let first = &issues[0];
            Err(env.fail(
                issue_text(env, first),
                Some(place(&first.file, first.line)),
                "todo-content-check",
            ))
        }
    }
}

/// What every full-screen command needs first: a terminal, the data folder (created on first
/// use), its config, and the content filled with the organisation's values.
fn interactive_setup(env: &Env) -> Result<(Config, Content), ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(env.fail(env.t("error-no-terminal"), None, "todo-terminal"));
    }
    env.data.ensure().map_err(|e| config_error(env, e))?;
    let config = load_config(env)?;
    let content = load_content(env, &config)?;
    Ok((config, content))
}

fn employee_flow(env: &Env, mode: Mode) -> ExitCode {
    let (config, content) = match interactive_setup(env) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let mut settings = match settings(env, &config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let directory = match identity_setup(env, &config, &mut settings) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let mut recorder = Recorder::new(env.data.ledger_dir(), config.kiosk_id.clone());
    if settings.identity == IdentityMode::Code {
        recorder = recorder.with_codes(env.data.codes_path());
    }
    if mode == Mode::Kiosk {
        match &config.admin_pin_hash {
            // A hash that is not one would refuse every PIN (and count the tries): refused now.
            Some(hash) if !crate::config::pin_hash_is_valid(hash) => {
                return env.fail(
                    env.t("error-pin-hash-invalid"),
                    Some(env.data.config_path().display().to_string()),
                    "todo-pin-again",
                );
            }
            Some(hash) => recorder = recorder.with_pin(env.data.root.clone(), hash.clone()),
            None => {
                return env.fail(
                    env.t("error-no-pin"),
                    Some(env.data.config_path().display().to_string()),
                    "todo-pin-set",
                );
            }
        }
    }
    if let Err(e) = recorder.open_exclusive() {
        return env.ledger_fail(&e);
    }
    let (loc, _) = Localizer::load(&env.source);
    let mut app = App::new(
        content,
        loc,
        env.lang.clone(),
        mode,
        config.kiosk_id.clone(),
    );
    app.settings = settings;
    app.directory = directory;
    if let Some(tz) = config
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
    {
        app.tz = tz;
    }
    // Said before the screen is taken over, so staff starting the terminal see it (and the
    // log of a service keeps it).
    eprintln!(
        "{}",
        env.ta(
            "identity-mode-started",
            &[(
                "mode",
                env.t(&format!("identity-mode-{}", app.settings.identity.as_str()))
                    .into()
            )]
        )
    );
    match crate::run::run(&mut app, &mut recorder, &env.data.log_path()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => env.fail_words(env.words(crate::error_text::Failure::Terminal(&e))),
    }
}

fn status(env: &Env, id: &str, format: Format) -> ExitCode {
    let config = match load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let version = match RawContent::load(&env.source) {
        Ok(raw) => raw.manifest.policy_version,
        Err(issues) => {
            let first = &issues[0];
            return env.fail(
                issue_text(env, first),
                Some(place(&first.file, first.line)),
                "todo-content-check",
            );
        }
    };
    // The one id rule: `ｅ０００１` and `e0001` are the roster's `E0001`.
    let rule = match crate::admin::id_rule(env, &config) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let id = match rule.check(id) {
        Ok(canonical) => canonical,
        Err(problem) => return crate::admin::id_fail(env, id, &problem, &config),
    };
    let id = match crate::admin::roster::load(&env.data.roster_path()) {
        Ok(Some(roster)) => roster
            .iter()
            .find(|e| crate::record::identity::key(&e.id) == crate::record::identity::key(&id))
            .map_or(id, |e| e.id.clone()),
        _ => id,
    };
    let (state, issues) = match crate::status::load(&env.data.ledger_dir(), &id, &version) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    let tz = config
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system);
    match format {
        Format::Text => print!(
            "{}",
            crate::status::to_text(&state, &env.loc, &env.lang, &tz)
        ),
        Format::Json => match serde_json::to_string_pretty(&state) {
            // JSON escapes control characters itself, so the output is already safe.
            Ok(s) => println!("{s}"),
            Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
        },
    }
    report_read_issues(env, &issues)
}

/// Unreadable ledger lines go to stderr with file:line; they make the answer incomplete (exit 1).
fn report_read_issues(env: &Env, issues: &[ledger::ReadIssue]) -> ExitCode {
    for issue in issues {
        let (file, line) = match issue {
            ledger::ReadIssue::Io { file, line, .. }
            | ledger::ReadIssue::Unparseable { file, line, .. }
            | ledger::ReadIssue::BadEnvelope { file, line, .. }
            | ledger::ReadIssue::TornTail { file, line, .. } => (file.display().to_string(), *line),
        };
        eprintln!(
            "{}: {}",
            env.t("warning-label"),
            env.ta(
                "warning-unreadable-line",
                &[("place", format!("{file}:{line}").into())]
            )
        );
    }
    if issues.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("  {}", env.t("todo-verify"));
        ExitCode::from(1)
    }
}

fn verify(env: &Env, checkpoint: Option<&Path>, format: Format) -> ExitCode {
    let checkpoint = match checkpoint {
        None => None,
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => return env.io_fail(&e, Some(path)),
            };
            match Checkpoint::parse(&text) {
                Ok(c) => Some(c),
                Err(e) => {
                    return env.fail(
                        env.t("error-checkpoint"),
                        Some(format!("{}:{}", path.display(), e.line)),
                        "todo-checkpoint",
                    );
                }
            }
        }
    };
    let dir = env.data.ledger_dir();
    let report = match ledger::verify(&dir, checkpoint.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
        },
        Format::Text => print!("{}", crate::verify_text::render(&report, env, &dir)),
    }
    if report.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
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
        IssueKind::LocaleVariables { lang, id, vars } => env.ta(
            "issue-locale-vars",
            &[("lang", s(lang)), ("id", s(id)), ("vars", s(vars))],
        ),
        IssueKind::LocaleParse(r) => env.ta("issue-parse", &[("reason", s(r))]),
    }
}

fn content_check(env: &Env) -> ExitCode {
    let issues = check(&env.source);
    if issues.is_empty() {
        let (screens, langs) = match RawContent::load(&env.source) {
            Ok(raw) => (raw.manifest.screens.len(), raw.langs.len()),
            Err(_) => (0, 0),
        };
        println!(
            "{}",
            env.ta(
                "content-ok",
                &[
                    ("screens", screens.to_string().into()),
                    ("langs", langs.to_string().into())
                ]
            )
        );
        return ExitCode::SUCCESS;
    }
    for issue in &issues {
        println!(
            "{}: {}",
            place(&issue.file, issue.line),
            issue_text(env, issue)
        );
    }
    eprintln!(
        "{}",
        env.ta(
            "content-issues",
            &[("count", issues.len().to_string().into())]
        )
    );
    ExitCode::from(1)
}

/// The roster and the identity mode a terminal runs with: `identity` from config, else
/// `roster` once a roster is imported and `open` without one. Roster and code modes need a
/// readable roster (and code mode issued codes); without them the terminal does not start.
fn identity_setup(
    env: &Env,
    config: &Config,
    settings: &mut crate::app::Settings,
) -> Result<Option<std::sync::Arc<Directory>>, ExitCode> {
    let roster = crate::admin::roster::load_or_say(env)?;
    let mode = config.identity.unwrap_or(if roster.is_some() {
        IdentityMode::Roster
    } else {
        IdentityMode::Open
    });
    settings.identity = mode;
    if mode != IdentityMode::Open && roster.is_none() {
        return Err(env.fail(
            env.ta(
                "error-identity-no-roster",
                &[("mode", mode.as_str().into())],
            ),
            Some(env.data.config_path().display().to_string()),
            "todo-identity-no-roster",
        ));
    }
    if mode == IdentityMode::Code && !env.data.codes_path().is_file() {
        return Err(env.fail(
            env.t("error-identity-no-codes"),
            Some(env.data.codes_path().display().to_string()),
            "todo-identity-no-codes",
        ));
    }
    Ok(roster.map(|r| std::sync::Arc::new(crate::admin::roster::directory(&r))))
}

/// The flow's settings from config.toml; a bad employee id pattern is an input error.
fn settings(env: &Env, config: &Config) -> Result<crate::app::Settings, ExitCode> {
    let id_rule = crate::admin::id_rule(env, config)?;
    Ok(crate::app::Settings {
        idle_timeout: std::time::Duration::from_secs(config.idle_timeout_secs.max(10)),
        attract_after: std::time::Duration::from_secs(config.attract_after_secs.max(5)),
        org_name: config.org.name.clone(),
        id_rule,
        id_example: config.employee_id_example.clone(),
        identity: config.identity.unwrap_or_default(),
    })
}

/// `tebiki pin set`: asks for the new PIN twice without echo (or reads two lines from stdin
/// when it is not a terminal, for provisioning scripts) and stores only its argon2id hash.
fn pin_set(env: &Env) -> ExitCode {
    let (first, second) = if std::io::stdin().is_terminal() {
        let ask = |id: &str| rpassword::prompt_password(format!("{}: ", env.t(id)));
        match (ask("pin-enter"), ask("pin-again")) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => {
                return env.fail_words(env.words(crate::error_text::Failure::Terminal(&e)));
            }
        }
    } else {
        let mut lines = std::io::stdin().lines();
        let mut next = || lines.next().and_then(Result::ok).unwrap_or_default();
        (next(), next())
    };
    let (first, second) = (first.trim().to_string(), second.trim().to_string());
    if crate::pin::check_format(&first).is_err() {
        return env.fail(
            env.ta(
                "error-pin-format",
                &[("min", crate::pin::MIN_DIGITS.to_string().into())],
            ),
            None,
            "todo-pin-again",
        );
    }
    if first != second {
        return env.fail(env.t("error-pin-mismatch"), None, "todo-pin-again");
    }
    let hash = match crate::pin::hash(&first) {
        Ok(h) => h,
        Err(e) => return env.fail(format!("{e:?}"), None, "todo-report-bug"),
    };
    if let Err(e) = env.data.ensure().and_then(|_| env.data.set_pin_hash(&hash)) {
        return config_error(env, e);
    }
    println!(
        "{}",
        env.ta(
            "pin-set-done",
            &[("file", env.data.config_path().display().to_string().into())]
        )
    );
    ExitCode::SUCCESS
}

/// `tebiki present [--lang ja|en|both] [--notes]`: trainer mode (see `crate::present`); with
/// `--notes`, the window that follows the presenting one on this machine.
fn present(env: &Env, lang: Option<&str>, notes: bool) -> ExitCode {
    use crate::present::{Presenter, View, follow::Follower};
    let (config, content) = match interactive_setup(env) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    let langs = content.languages();
    let view = match lang {
        Some(l) => match View::parse(l, &langs) {
            Some(v) => v,
            None => {
                let mut names: Vec<String> = langs.iter().map(|l| l.to_string()).collect();
                names.push("both".into());
                return env.fail(
                    env.ta(
                        "error-unknown-lang",
                        &[
                            ("lang", l.to_string().into()),
                            ("langs", names.join(", ").into()),
                        ],
                    ),
                    None,
                    "todo-lang",
                );
            }
        },
        None => {
            View::parse(env.lang.as_str(), &langs).unwrap_or_else(|| View::One(langs[0].clone()))
        }
    };
    let (loc, _) = Localizer::load(&env.source);
    let log = env.data.log_path();
    let io_fail =
        |e: std::io::Error| env.fail_words(env.words(crate::error_text::Failure::Terminal(&e)));
    if notes {
        let mut follower = Follower::new(content, loc, view, env.lang.clone());
        return match crate::present::terminal::follow(&mut follower, &env.data.root, &log) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => io_fail(e),
        };
    }
    let mut settings = match settings(env, &config) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // A trainer enters who attends: the roster decides as at a terminal, without codes (the
    // trainer sees the person).
    if let Some(mode) = config.identity {
        settings.identity = match mode {
            IdentityMode::Code => IdentityMode::Roster,
            m => m,
        };
    }
    let mut recorder = Recorder::new(env.data.ledger_dir(), config.kiosk_id.clone());
    if let Err(e) = recorder.open_exclusive() {
        return env.ledger_fail(&e);
    }
    // A roster that cannot be read only means names are typed: the session still runs.
    let roster = crate::admin::roster::load(&env.data.roster_path());
    let roster_unreadable = roster.is_err();
    if config.identity.is_none() {
        settings.identity = match &roster {
            Ok(Some(_)) => IdentityMode::Roster,
            _ => IdentityMode::Open,
        };
    }

    let mut app = App::new(
        content,
        loc,
        env.lang.clone(),
        Mode::Attended,
        config.kiosk_id.clone(),
    );
    app.settings = settings;
    if let Some(tz) = config
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
    {
        app.tz = tz;
    }
    let session_id = crate::present::default_session_id(jiff::Timestamp::now(), &app.tz);
    let mut presenter = Presenter::new(app, view, roster.ok().flatten(), &session_id);
    if roster_unreadable {
        presenter.notice = Some(crate::app::Notice {
            id: "present-roster-unreadable",
            args: Vec::new(),
            error: true,
        });
    }
    match crate::present::terminal::present(&mut presenter, &mut recorder, &env.data.root, &log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => io_fail(e),
    }
}

/// `tebiki admin [--by NAME]`: the dashboard (see `crate::dashboard`), behind the admin PIN
/// when one is set.
fn admin(env: &Env, by: Option<String>) -> ExitCode {
    use crate::dashboard::{Dashboard, Setup};
    let by = by.map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
    let (config, content) = match interactive_setup(env) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    if let Err(e) = ledger::validate_kiosk_id(&config.kiosk_id) {
        return env.ledger_fail(&e);
    }
    let tz = crate::admin::timezone(&config);
    let setup = Setup {
        ledger_dir: env.data.ledger_dir(),
        roster_path: env.data.roster_path(),
        data_dir: env.data.root.clone(),
        kiosk_id: config.kiosk_id.clone(),
        pin_hash: config.admin_pin_hash.clone(),
        by,
        policy: content.manifest.policy_version.clone(),
        policy_id: content.manifest.policy_id.clone(),
        today: jiff::Timestamp::now().to_zoned(tz.clone()).date(),
        tz,
    };
    let (loc, _) = Localizer::load(&env.source);
    let mut dashboard = Dashboard::new(loc, env.lang.clone(), setup);
    match crate::dashboard::terminal::run(&mut dashboard, &env.data.log_path()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => env.fail_words(env.words(crate::error_text::Failure::Terminal(&e))),
    }
}
