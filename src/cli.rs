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
    #[arg(long, global = true, value_enum, value_name = "WIDTH")]
    pub ambiguous_width: Option<crate::ui::glyphs::AmbiguousWidth>,
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
        #[arg(long, value_name = "DIR")]
        seals: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        signers: Option<PathBuf>,
        #[arg(long, value_name = "TEXT")]
        receipt: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    Seal {
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
    },
    #[command(subcommand)]
    Content(ContentCommand),
    #[command(subcommand)]
    Config(ConfigCommand),
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
pub enum ConfigCommand {
    Check,
}

#[derive(Debug, Subcommand)]
pub enum PinCommand {
    Set,
    Unlock,
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
    // clap's own words (the usage line, the headings, the help and version flags, defaults and
    // possible values: see `arg_details`; parse errors: see `clap_error`) go through Fluent too.
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
        let text = arg_help(loc, lang, prefix, &id);
        cmd = cmd.mut_arg(id.as_str(), |a: Arg| {
            let details = arg_details(&a, loc, lang);
            let text = if details.is_empty() {
                text
            } else {
                format!("{text} {details}")
            };
            // clap insists that only arguments taking values hide theirs.
            let takes_values = a.get_action().takes_values();
            let has_env = a.get_env().is_some();
            a.help(text)
                .hide_env(has_env)
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values)
        });
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

/// A reader that closes the pipe early (`| head -1`) ends the command quietly. Output to stdout
/// goes through [`put`], which drops the rest; anything still printed with `print!` or
/// `eprint!` (which panic on a closed pipe) ends here with the conventional status of a
/// process ended by SIGPIPE, 141, instead of a panic message.
fn quiet_on_closed_pipe() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if text.starts_with("failed printing to std") && text.contains("Broken pipe") {
            std::process::exit(141);
        }
        previous(info);
    }));
}

/// The help of argument `id` of the command `prefix` (e.g. `record-stage`): its own message
/// `cli-record-stage-arg-note`, else the one its parent commands share (`cli-record-arg-note`),
/// else the global `cli-arg-note`.
fn arg_help(loc: &Localizer, lang: &Lang, prefix: &str, id: &str) -> String {
    let mut scope = prefix;
    loop {
        let msg = if scope.is_empty() {
            format!("cli-arg-{id}")
        } else {
            format!("cli-{scope}-arg-{id}")
        };
        if scope.is_empty() || loc.has_message(lang, &msg) {
            return loc.t(lang, &msg);
        }
        scope = scope.rsplit_once('-').map_or("", |(parent, _)| parent);
    }
}

/// What clap would add after an argument's help (`[env: …] [default: …] [possible values: …]`),
/// in the user's language.
fn arg_details(a: &Arg, loc: &Localizer, lang: &Lang) -> String {
    let mut parts = Vec::new();
    if let Some(name) = a.get_env().filter(|_| !a.is_hide_env_set()) {
        let name = name.to_string_lossy().into_owned();
        parts.push(loc.ta(lang, "cli-env", &[("name", name.into())]));
    }
    let takes_values = a.get_action().takes_values();
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !a.is_hide_default_value_set() {
        parts.push(loc.ta(
            lang,
            "cli-default",
            &[("value", defaults.join(", ").into())],
        ));
    }
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() && !a.is_hide_possible_values_set() {
        parts.push(loc.ta(lang, "cli-values", &[("values", values.join(", ").into())]));
    }
    parts
        .iter()
        .map(|p| format!("[{p}]"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A parse error in the user's language, from clap's error kind and context (clap's own
/// rendering is English only): what was wrong, the usage line, a suggestion, what to do.
/// Help and version requests print as clap prints them (their text is already localised).
fn clap_error(e: &clap::Error, command: &str, loc: &Localizer, lang: &Lang) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let get = |kind: ContextKind| -> Option<String> {
        match e.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(v) => Some(v.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(v) => Some(
                v.iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let choices = get(ContextKind::ValidValue);
    let t = |id: &str, args: &[(&str, String)]| -> String {
        let args: Vec<(&str, FluentValue<'_>)> =
            args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        loc.ta(lang, id, &args)
    };
    let what = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            t("cli-error-missing-value", &[("arg", arg.clone())])
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => match &choices {
            Some(c) => t(
                "cli-error-invalid-value-choices",
                &[
                    ("arg", arg.clone()),
                    ("value", value),
                    ("values", c.clone()),
                ],
            ),
            None => t(
                "cli-error-invalid-value",
                &[("arg", arg.clone()), ("value", value)],
            ),
        },
        ErrorKind::UnknownArgument => match get(ContextKind::TrailingArg) {
            Some(_) => t("cli-error-unexpected", &[("arg", arg.clone())]),
            None => t("cli-error-unknown-arg", &[("arg", arg.clone())]),
        },
        ErrorKind::InvalidSubcommand => t(
            "cli-error-unknown-command",
            &[(
                "command",
                get(ContextKind::InvalidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::MissingRequiredArgument => t("cli-error-missing-required", &[("args", arg)]),
        ErrorKind::MissingSubcommand => t(
            "cli-error-missing-command",
            &[(
                "commands",
                get(ContextKind::ValidSubcommand).unwrap_or_default(),
            )],
        ),
        ErrorKind::ArgumentConflict => t(
            "cli-error-conflict",
            &[
                ("arg", arg),
                ("other", get(ContextKind::PriorArg).unwrap_or_default()),
            ],
        ),
        ErrorKind::NoEquals
        | ErrorKind::TooFewValues
        | ErrorKind::TooManyValues
        | ErrorKind::WrongNumberOfValues => {
            t("cli-error-value-count", &[("arg", arg), ("value", value)])
        }
        ErrorKind::InvalidUtf8 => t("cli-error-utf8", &[]),
        _ => t("cli-error-other", &[]),
    };
    eprintln!("{}: {}", loc.t(lang, "error-label"), for_terminal(&what));
    let suggestion = get(ContextKind::SuggestedSubcommand)
        .or_else(|| get(ContextKind::SuggestedArg))
        .or_else(|| get(ContextKind::SuggestedValue));
    if let Some(s) = suggestion {
        eprintln!(
            "  {}",
            for_terminal(&t("cli-error-suggest", &[("value", s)]))
        );
    }
    let usage = get(ContextKind::Usage).map(|u| {
        let u = u.trim();
        u.strip_prefix("Usage:").unwrap_or(u).trim().to_string()
    });
    if let Some(u) = usage {
        eprintln!("  {}: {}", loc.t(lang, "cli-usage"), for_terminal(&u));
    }
    eprintln!(
        "  {}",
        t("cli-todo-help", &[("command", command.to_string())])
    );
    ExitCode::from(2)
}

/// The command the arguments name, as far as they name one (`tebiki record stage`), for
/// "run … --help" in a parse error.
fn command_path(cmd: &clap::Command, args: &[std::ffi::OsString]) -> String {
    let mut path = vec![cmd.get_name().to_string()];
    let mut current = cmd;
    for a in args.iter().skip(1) {
        let Some(a) = a.to_str() else { continue };
        if let Some(sub) = current.find_subcommand(a) {
            path.push(sub.get_name().to_string());
            current = sub;
        }
    }
    path.join(" ")
}

pub fn main() -> ExitCode {
    quiet_on_closed_pipe();
    // An argument that is not UTF-8 is refused below with a message, not a panic.
    let raw_args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let not_utf8 = raw_args
        .iter()
        .skip(1)
        .find(|a| a.to_str().is_none())
        .cloned();
    let args: Vec<String> = raw_args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let content_arg = peek(&args, "content").or_else(|| std::env::var("TEBIKI_CONTENT").ok());
    let source = content_arg
        .map(|d| Source::Dir(PathBuf::from(d)))
        .unwrap_or(Source::Embedded);
    let (loc, locale_issues) = Localizer::load(&source);
    let data = DataDir::new(data_root(peek(&args, "data").map(PathBuf::from)));
    let config = data.load_config().ok();
    let config_lang = config.as_ref().and_then(|c| c.language.clone());
    let config_width = config.map(|c| c.ambiguous_width).unwrap_or_default();
    let lang = resolve_lang(peek(&args, "lang").as_deref(), config_lang.as_deref(), &loc);
    if let Some(bad) = not_utf8 {
        let env = Env {
            data,
            source,
            loc,
            lang,
        };
        return env.fail(
            env.ta(
                "error-arg-not-utf8",
                &[("arg", bad.to_string_lossy().into_owned().into())],
            ),
            None,
            "todo-arg-not-utf8",
        );
    }
    let command = localize(Cli::command(), &loc, &lang, "", &data.root);
    let path = command_path(&command, &raw_args);
    let matches: ArgMatches = match command.try_get_matches_from(&raw_args) {
        Ok(m) => m,
        Err(e) => return clap_error(&e, &path, &loc, &lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_error(&e, &path, &loc, &lang),
    };
    crate::terminal_width::request(cli.ambiguous_width.unwrap_or(config_width));
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
        Some(Command::Config(ConfigCommand::Check)) => config_check(&env),
        Some(Command::Pin(PinCommand::Set)) => pin_set(&env),
        Some(Command::Pin(PinCommand::Unlock)) => pin_unlock(&env),
        Some(Command::Status { id, format }) => status(&env, &id, format),
        Some(Command::Verify {
            receipt: Some(receipt),
            ..
        }) => verify_receipt(&env, &receipt),
        Some(Command::Verify {
            checkpoint,
            seals,
            signers,
            format,
            receipt: None,
        }) => verify(
            &env,
            checkpoint.as_deref(),
            seals.as_deref(),
            signers.as_deref(),
            format,
        ),
        Some(Command::Seal { key }) => seal(&env, &key),
        Some(Command::Roster(c)) => crate::admin::roster::command(&env, c),
        Some(Command::Export(a)) => crate::admin::export::command(&env, &a),
        Some(Command::Report(a)) => crate::admin::report::command(&env, &a),
        Some(Command::Demo(a)) => crate::admin::demo::command(&env, &a),
        Some(Command::Record(c)) => crate::admin::record::command(&env, c),
        Some(Command::Present { lang, notes }) => present(&env, lang.as_deref(), notes),
        Some(Command::Admin { by }) => admin(&env, by),
    }
}

/// `tebiki config check`: every setting people rely on that is not set, and every value that
/// is not valid (exit 1 when there is any; 0 when all is set).
fn config_check(env: &Env) -> ExitCode {
    if let Err(e) = env.data.ensure() {
        return config_error(env, e);
    }
    let config = match load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let path = env.data.config_path().display().to_string();
    let mut findings = Vec::new();
    for key in config.unset() {
        let what = env.t(&format!("config-key-{}", key.replace(['.', '_'], "-")));
        findings.push(env.ta(
            "config-unset",
            &[("key", key.into()), ("what", what.into())],
        ));
    }
    if let Some(p) = &config.employee_id_pattern
        && let Err(e) = crate::record::identity::IdRule::new(Some(p))
    {
        findings.push(env.ta("error-id-pattern", &[("reason", e.to_string().into())]));
    }
    if let Some(hash) = &config.admin_pin_hash
        && argon2::password_hash::PasswordHash::new(hash).is_err()
    {
        findings.push(env.t("config-bad-pin-hash"));
    }
    if let Err(e) = crate::ledger::validate_kiosk_id(&config.kiosk_id) {
        findings.push(env.words(crate::error_text::Failure::Ledger(&e)).what);
    }
    if findings.is_empty() {
        println!("{}", env.ta("config-all-set", &[("file", path.into())]));
        return ExitCode::SUCCESS;
    }
    println!(
        "{}",
        env.ta(
            "config-findings",
            &[("file", path.into()), ("count", findings.len().into())]
        )
    );
    for f in findings {
        println!("  - {}", for_terminal(&f));
    }
    ExitCode::from(1)
}

/// A kiosk shows its screens to people alone: it does not start while a value they rely on
/// is unset (attended terminals say whom to ask instead).
fn kiosk_settings_complete(env: &Env, config: &Config) -> Result<(), ExitCode> {
    let unset = config.unset();
    if unset.is_empty() {
        return Ok(());
    }
    Err(env.fail(
        env.ta("error-kiosk-unset", &[("keys", unset.join(", ").into())]),
        Some(env.data.config_path().display().to_string()),
        "todo-kiosk-unset",
    ))
}

/// Writes to stdout. A reader that went away (`| head -1`) has what it wanted: the rest is
/// dropped quietly, never a panic as with `print!`.
fn put(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
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
    if mode == Mode::Kiosk
        && let Err(code) = kiosk_settings_complete(env, &config)
    {
        return code;
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
    let id = match crate::admin::roster::ids(&env.data) {
        Ok(Some(roster)) => roster.find(&id).unwrap_or(id),
        _ => id,
    };
    let (mut state, issues) = match crate::status::load(&env.data.ledger_dir(), &id, &version) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    // Newest first, in the text and the JSON alike (as the dashboard shows a timeline).
    state.history.reverse();
    let tz = config
        .timezone
        .as_deref()
        .and_then(|t| jiff::tz::TimeZone::get(t).ok())
        .unwrap_or_else(jiff::tz::TimeZone::system);
    match format {
        Format::Text => {
            crate::terminal_width::settle_for_text();
            let text = crate::status::to_text(&state, &env.loc, &env.lang, &tz);
            put(&crate::ui::glyphs::fold(&text))
        }
        Format::Json => match serde_json::to_string_pretty(&state) {
            // JSON escapes C0 controls itself; the rest of the list is escaped for a terminal.
            Ok(s) => put(&format!("{}\n", crate::escape::json_for_stdout(&s))),
            Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
        },
    }
    report_read_issues(env, &issues)
}

/// Unreadable ledger lines go to stderr with file:line; they make the answer incomplete (exit 1).
fn report_read_issues(env: &Env, issues: &[ledger::ReadIssue]) -> ExitCode {
    for issue in issues {
        eprintln!(
            "{}: {}",
            env.t("warning-label"),
            crate::admin::read_issue_text(&env.loc, &env.lang, issue)
        );
    }
    if issues.is_empty() {
        ExitCode::SUCCESS
    } else {
        eprintln!("  {}", env.t("todo-verify"));
        ExitCode::from(1)
    }
}

/// `tebiki verify --receipt TEXT`: exit 0 when the ledger holds exactly the record the
/// receipt's line names, 1 (saying what differs) when not, 2 when the text is not a receipt.
fn verify_receipt(env: &Env, text: &str) -> ExitCode {
    use crate::ledger::{Receipt, ReceiptCheck};
    let Some(receipt) = Receipt::parse(text) else {
        return env.fail(
            env.t("error-receipt-text"),
            Some(text.chars().take(120).collect()),
            "todo-receipt-text",
        );
    };
    let dir = env.data.ledger_dir();
    let found = match crate::ledger::check_receipt(&dir, &receipt) {
        Ok(found) => found,
        Err(e) => {
            return env.fail(
                env.ta("error-io", &[("reason", e.to_string().into())]),
                Some(dir.display().to_string()),
                "todo-data-folder",
            );
        }
    };
    let (ok, message) = match found {
        ReceiptCheck::Holds { file, line } => (
            true,
            env.ta(
                "receipt-holds",
                &[("place", format!("{file}:{line}").into())],
            ),
        ),
        ReceiptCheck::NoFile { file } => {
            (false, env.ta("receipt-no-file", &[("file", file.into())]))
        }
        ReceiptCheck::NoRecord { file, seq } => (
            false,
            env.ta(
                "receipt-no-record",
                &[("file", file.into()), ("seq", seq.into())],
            ),
        ),
        ReceiptCheck::Differs {
            file,
            line,
            found_sha256,
            code_matches,
        } => (
            false,
            env.ta(
                if code_matches {
                    "receipt-differs"
                } else {
                    "receipt-differs-other"
                },
                &[
                    ("place", format!("{file}:{line}").into()),
                    ("sha", found_sha256.into()),
                ],
            ),
        ),
    };
    println!("{}", for_terminal(&message));
    if ok {
        ExitCode::SUCCESS
    } else {
        println!("{}", env.t("todo-verify"));
        ExitCode::from(1)
    }
}

/// `tebiki seal --key FILE`.
fn seal(env: &Env, key: &Path) -> ExitCode {
    use crate::ledger::seal::{self, SealError};
    let where_key = Some(key.display().to_string());
    let key = match seal::read_key(key) {
        Ok(k) => k,
        Err(SealError::KeyEncrypted) => {
            return env.fail(
                env.t("error-seal-key-encrypted"),
                where_key,
                "todo-seal-key",
            );
        }
        Err(SealError::KeyNotEd25519) => {
            return env.fail(env.t("error-seal-key-type"), where_key, "todo-seal-key");
        }
        Err(e) => {
            let reason = match e {
                SealError::KeyUnreadable(r) => r,
                other => format!("{other:?}"),
            };
            return env.fail(
                env.ta("error-seal-key", &[("reason", reason.into())]),
                where_key,
                "todo-seal-key",
            );
        }
    };
    match seal::seal(&env.data.root, &key, jiff::Timestamp::now()) {
        Ok(path) => {
            println!(
                "{}",
                env.ta(
                    "seal-written",
                    &[("path", path.display().to_string().into())]
                )
            );
            ExitCode::SUCCESS
        }
        Err(SealError::Exists(path)) => env.fail(
            env.t("error-seal-exists"),
            Some(path.display().to_string()),
            "todo-seal-again",
        ),
        Err(SealError::Io { path, source }) => env.fail(
            env.ta("error-io", &[("reason", source.to_string().into())]),
            Some(path.display().to_string()),
            "todo-data-folder",
        ),
        Err(SealError::Ledger(e)) => env.ledger_fail(&e),
        Err(e) => env.fail(format!("{e:?}"), None, "todo-report-bug"),
    }
}

fn verify(
    env: &Env,
    checkpoint: Option<&Path>,
    seals: Option<&Path>,
    signers: Option<&Path>,
    format: Format,
) -> ExitCode {
    use crate::ledger::seal;
    let signers_path = signers
        .map(Path::to_path_buf)
        .unwrap_or_else(|| env.data.root.join("seal-signers"));
    let signers = match std::fs::read_to_string(&signers_path) {
        Ok(text) => Some(seal::Signers::parse(&text)),
        Err(e) if signers.is_some() || e.kind() != std::io::ErrorKind::NotFound => {
            return env.fail(
                env.ta("error-io", &[("reason", e.to_string().into())]),
                Some(signers_path.display().to_string()),
                "todo-signers",
            );
        }
        Err(_) => None,
    };
    let mut seal_dirs = vec![seal::seals_dir(&env.data.root)];
    if let Some(dir) = seals {
        if !dir.is_dir() {
            return env.fail(
                env.t("error-seals-dir"),
                Some(dir.display().to_string()),
                "todo-seals-dir",
            );
        }
        seal_dirs.insert(0, dir.to_path_buf());
    }
    let seals = seal::read_seals(&seal_dirs, signers.as_ref());
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
    let report = match ledger::verify_sealed(&dir, checkpoint.as_ref(), &seals) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => put(&format!("{}\n", crate::escape::json_for_stdout(&s))),
            Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
        },
        Format::Text => {
            crate::terminal_width::settle_for_text();
            let text = crate::verify_text::render(&report, env, &dir, seals.len());
            put(&crate::ui::glyphs::fold(&text))
        }
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
        put(&format!(
            "{}\n",
            env.ta(
                "content-ok",
                &[
                    ("screens", screens.to_string().into()),
                    ("langs", langs.to_string().into())
                ]
            )
        ));
        return ExitCode::SUCCESS;
    }
    for issue in &issues {
        put(&format!(
            "{}: {}\n",
            for_terminal(&place(&issue.file, issue.line)),
            for_terminal(&issue_text(env, issue))
        ));
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
        receipt_timeout: std::time::Duration::from_secs(config.receipt_timeout_secs.max(5)),
    })
}

/// `tebiki pin unlock`: clears the count of wrong PINs of the kiosk and of the dashboard, run
/// by an admin at the machine (it needs write access to the data folder).
fn pin_unlock(env: &Env) -> ExitCode {
    let mut cleared = false;
    for counter in crate::pin::Counter::ALL {
        match crate::pin::Attempts::clear(&env.data.root, counter) {
            Ok(removed) => cleared |= removed,
            Err(e) => {
                return env.fail(
                    env.ta("error-io", &[("reason", e.to_string().into())]),
                    Some(
                        crate::pin::Attempts::path(&env.data.root, counter)
                            .display()
                            .to_string(),
                    ),
                    "todo-data-folder",
                );
            }
        }
    }
    let id = if cleared {
        "pin-unlock-done"
    } else {
        "pin-unlock-none"
    };
    put(&format!("{}\n", env.t(id)));
    ExitCode::SUCCESS
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
    match crate::pin::check_format(&first) {
        Ok(()) => {}
        Err(crate::pin::PinError::Weak) => {
            return env.fail(env.t("error-pin-weak"), None, "todo-pin-again");
        }
        Err(_) => {
            return env.fail(
                env.ta(
                    "error-pin-format",
                    &[("min", crate::pin::MIN_DIGITS.to_string().into())],
                ),
                None,
                "todo-pin-again",
            );
        }
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
    put(&format!(
        "{}\n",
        for_terminal(&env.ta(
            "pin-set-done",
            &[("file", env.data.config_path().display().to_string().into())]
        ))
    ));
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
