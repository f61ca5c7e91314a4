//! The command line (a contract: see DESIGN.md): parsing, help in the user's language, and
//! dispatch to the employee flow and the commands. Exit codes: 0 success, 1 a finding, 2 usage
//! or input error.

mod evidence;
mod help;
mod receipt;
mod setup;
mod terminal;

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use fluent_bundle::FluentValue;

use crate::app::{App, Mode};
pub use crate::command::{Env, Format};
use crate::command::{config_error, issue_text, place, put, say, take_output_error};
use crate::config::{Config, DataDir};
use crate::content::check::check;
use crate::content::{Content, RawContent};
use crate::escape::for_terminal;
use crate::i18n::{Lang, Localizer};
use crate::ledger::{self, Checkpoint};
use crate::record::identity::{Directory, IdentityMode};
use crate::recorder::Recorder;
use crate::source::Source;
use evidence::*;
use help::*;
use receipt::*;
use setup::*;
use terminal::*;

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
    pub ambiguous_width: Option<crate::glyphs::AmbiguousWidth>,
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
        #[arg(long)]
        despite_findings: bool,
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
    // `tebiki dashboard` is what many call it.
    #[command(alias = "dashboard")]
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
    let source = content_arg.map_or(Source::Embedded, |d| Source::Dir(PathBuf::from(d)));
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
    let raw_args = help::help_word(&command, &raw_args).unwrap_or(raw_args);
    let path = command_path(&command, &raw_args);
    let matches: ArgMatches = match command.try_get_matches_from(&raw_args) {
        Ok(m) => m,
        Err(e) => return clap_error(&e, &path, &raw_args, &loc, &lang),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => return clap_error(&e, &path, &raw_args, &loc, &lang),
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
        let langs: Vec<String> = env
            .loc
            .languages()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
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
    // Commands whose whole result is their output: one that could not be written fails them.
    // (A command that saved something, a record say, still did: its exit stays as it is.)
    let only_output = matches!(
        cli.command,
        Some(
            Command::Status { .. }
                | Command::Verify { .. }
                | Command::Report(_)
                | Command::Config(ConfigCommand::Check)
                | Command::Content(ContentCommand::Check)
        )
    );
    // Commands that read a data folder someone has set up: one that is not there is a
    // mistyped --data (or TEBIKI_DATA), not an empty organisation ("Intact: 0 records").
    let reads_data = matches!(
        cli.command,
        Some(
            Command::Status { .. }
                | Command::Verify { .. }
                | Command::Seal { .. }
                | Command::Report(_)
                | Command::Export(_)
        )
    );
    if reads_data && !env.data.root.is_dir() {
        return env.fail(
            env.t("error-no-data-folder"),
            Some(env.data.root.display().to_string()),
            "todo-no-data-folder",
        );
    }
    let code = match cli.command {
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
        Some(Command::Seal {
            key,
            despite_findings,
        }) => seal(&env, &key, despite_findings),
        Some(Command::Roster(c)) => crate::admin::roster::command(&env, c),
        Some(Command::Export(mut a)) => {
            // "-o -" is standard output, as in other tools, not a file named "-".
            a.output = a.output.filter(|p| p.as_os_str() != "-");
            crate::admin::export::command(&env, &a)
        }
        Some(Command::Report(a)) => crate::admin::report::command(&env, &a),
        Some(Command::Demo(a)) => crate::admin::demo::command(&env, &a),
        Some(Command::Record(c)) => crate::admin::record::command(&env, c),
        Some(Command::Present { lang, notes }) => present(&env, lang.as_deref(), notes),
        Some(Command::Admin { by }) => admin(&env, by),
    };
    // Output that could not be written (a full disk) is told, and the exit says so.
    match take_output_error() {
        Some(e) if only_output => env.io_fail(&e, None),
        _ => code,
    }
}
