//! clap's help and errors in the user's language: every argument's help from the Fluent
//! messages, and a usage error said in the three parts every error has.

use super::*;

/// Fills the help texts of every argument and subcommand from Fluent: `cli-about`,
/// `cli-<sub>-about`, `cli-arg-<id>` (global) and `cli-<sub>-arg-<id>`.
pub(super) fn localize(
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
    // clap breaks lines only at spaces, which Japanese has few of: Japanese help is broken here
    // by the rules of line breaking instead, each help on the line below its option (indented
    // `HELP_INDENT`), at the width clap then lays it out at.
    let fit = Fit::for_lang(lang);
    let mut cmd = fit
        .layout(cmd)
        .about(fit.text(&loc.t(lang, &about_id), HELP_INDENT))
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
    let global = loc.t(lang, "cli-global-options");
    let ids: Vec<(String, bool, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional(), a.is_global_set()))
        .collect();
    // clap shows the headings in the order of the first argument declared under each: a
    // command's options, then its arguments (declared after them), then the options of every
    // command (their display order puts them last).
    for (id, positional, is_global) in ids {
        // The options every command takes (--data, --lang, ...) under a heading of their own,
        // after the command's own options: they are given to every command the same way.
        let (heading, order) = if positional {
            (arguments.clone(), None)
        } else if is_global {
            // The most used first.
            let rank = ["data", "lang", "content"]
                .iter()
                .position(|g| *g == id)
                .unwrap_or(3);
            (global.clone(), Some(1000 + rank))
        } else {
            (options.clone(), None)
        };
        cmd = cmd.mut_arg(id.as_str(), |a: Arg| {
            let a = a.help_heading(heading);
            match order {
                Some(n) => a.display_order(n),
                None => a,
            }
        });
    }
    if prefix.is_empty() {
        let after = loc.ta(
            lang,
            "cli-after-help",
            &[("dir", data_dir.display().to_string().into())],
        );
        cmd = cmd.after_help(fit.text(&after, 0));
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
            let text = fit.text(&text, HELP_INDENT);
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

/// Where clap puts an argument's or a subcommand's help when it is on the line below: two
/// spaces and eight more.
const HELP_INDENT: usize = 10;

/// How help texts are laid out for clap: as they are (clap wraps them at spaces), or, for
/// Japanese, broken by the rules of line breaking at `width` columns, the width clap is then
/// told to use.
#[derive(Debug, Clone, Copy)]
struct Fit {
    width: Option<usize>,
}

impl Fit {
    fn for_lang(lang: &Lang) -> Fit {
        Fit {
            width: (lang.as_str() == "ja").then(help_width),
        }
    }

    /// `cmd` set to lay help out as [`Fit::text`] breaks it.
    fn layout(self, cmd: clap::Command) -> clap::Command {
        match self.width {
            Some(width) => cmd.term_width(width).next_line_help(true),
            None => cmd,
        }
    }

    /// `text` as clap is to print it `indent` columns in.
    fn text(self, text: &str, indent: usize) -> String {
        let Some(width) = self.width else {
            return text.to_string();
        };
        crate::wrap::wrap(text, width.saturating_sub(indent).max(20)).join("\n")
    }
}

/// The width to lay help out at: `COLUMNS`, else the terminal's when the help goes to one,
/// else 100 as clap. Asked once per run (the commands are localised one by one), and never by
/// running a program: off a terminal, crossterm would run `tput` each time.
fn help_width() -> usize {
    static WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *WIDTH.get_or_init(|| {
        use std::io::IsTerminal;
        let columns = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&c| c > 0);
        columns
            .or_else(|| {
                if !std::io::stdout().is_terminal() {
                    return None;
                }
                let (w, _) = crossterm::terminal::size().ok()?;
                (w > 0).then_some(usize::from(w))
            })
            .unwrap_or(100)
    })
}

/// The help of argument `id` of the command `prefix` (e.g. `record-stage`): its own message
/// `cli-record-stage-arg-note`, else the one its parent commands share (`cli-record-arg-note`),
/// else the global `cli-arg-note`.
pub(super) fn arg_help(loc: &Localizer, lang: &Lang, prefix: &str, id: &str) -> String {
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
pub(super) fn arg_details(a: &Arg, loc: &Localizer, lang: &Lang) -> String {
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
pub(super) fn clap_error(
    e: &clap::Error,
    command: &str,
    args: &[std::ffi::OsString],
    loc: &Localizer,
    lang: &Lang,
) -> ExitCode {
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
                    .map(std::string::ToString::to_string)
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
            // A number option (`--limit`, `--employees`): say what it takes.
            None if let Some(n) = std::error::Error::source(e)
                .and_then(|s| s.downcast_ref::<std::num::ParseIntError>()) =>
            {
                let id = if *n.kind() == std::num::IntErrorKind::PosOverflow {
                    "cli-error-number-too-large"
                } else {
                    "cli-error-not-whole-number"
                };
                t(id, &[("arg", arg.clone()), ("value", value)])
            }
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
    if let Some((option, value)) = dash_value(e, args) {
        eprintln!(
            "  {}",
            for_terminal(&t(
                "cli-todo-dash-value",
                &[("option", option), ("value", value)]
            ))
        );
    }
    eprintln!(
        "  {}",
        t("cli-todo-help", &[("command", command.to_string())])
    );
    ExitCode::from(2)
}

/// A value starting with `-` given after its option with a space (`--note -mistake`), which
/// clap reads as another option: the option and the value, to show the form that works
/// (`--note=-mistake`). Only when the error is about that value: an unknown option that
/// begins it, or its option left without a value.
fn dash_value(e: &clap::Error, args: &[std::ffi::OsString]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let invalid = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(s)) => s.clone(),
        _ => String::new(),
    };
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    args.windows(2).find_map(|pair| {
        let (option, value) = (pair[0], pair[1]);
        let fits = option.starts_with("--")
            && option.len() > 2
            && !option.contains('=')
            && value.starts_with('-')
            && value.len() > 1
            && value != "--"
            && match e.kind() {
                ErrorKind::UnknownArgument => !invalid.is_empty() && value.starts_with(&invalid),
                // `--note --off`: more likely a forgotten value than a note `--off`.
                ErrorKind::InvalidValue => invalid.starts_with(option) && !value.starts_with("--"),
                _ => false,
            };
        fits.then(|| (option.to_string(), value.to_string()))
    })
}

/// The command the arguments name, as far as they name one (`tebiki record stage`), for
/// "run … --help" in a parse error.
pub(super) fn command_path(cmd: &clap::Command, args: &[std::ffi::OsString]) -> String {
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

/// `tebiki help [COMMAND...]`, as people type it, read as `tebiki [COMMAND...] --help`: the
/// arguments to parse instead, or `None` when the first word of the command line (after the
/// options and their values) is not `help`. Kept out of the command list, where a `help`
/// command would only repeat `--help`.
pub(super) fn help_word(
    cmd: &clap::Command,
    args: &[std::ffi::OsString],
) -> Option<Vec<std::ffi::OsString>> {
    let takes_value = |long: &str| {
        cmd.get_arguments()
            .any(|a| a.get_long() == Some(long) && a.get_action().takes_values())
    };
    let mut i = 1;
    while let Some(a) = args.get(i).and_then(|a| a.to_str()) {
        match a.strip_prefix("--") {
            // `--` ends the options: what follows is no command.
            Some("") => return None,
            Some(long) if !long.contains('=') && takes_value(long) => i += 2,
            Some(_) => i += 1,
            None if a.starts_with('-') && a.len() > 1 => i += 1,
            None => break,
        }
    }
    if args.get(i).and_then(|a| a.to_str()) != Some("help") {
        return None;
    }
    // The command's words, then the help flag, then anything after them (options).
    let rest = &args[i + 1..];
    let words = rest
        .iter()
        .take_while(|a| a.to_str().is_some_and(|a| !a.starts_with('-')))
        .count();
    let mut out = args[..i].to_vec();
    out.extend_from_slice(&rest[..words]);
    out.push("--help".into());
    out.extend_from_slice(&rest[words..]);
    Some(out)
}
