//! `tebiki roster codes`: issues the personal codes of identity mode `code`. Each code is
//! printed once (a list for HR, or slips to cut and hand out) and kept only as a hash in
//! `$DATA/identity-codes.json`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{AtomicFile, arg, count, fail, say};
use crate::command::Env;
use crate::record::codes::Codes;
use crate::record::identity::key;

/// `tebiki roster codes [ID ...] [--all] [--format list|slips] [-o FILE]`
#[derive(Debug, clap::Args)]
pub struct CodesArgs {
    /// Issue (again) for these people only; their earlier codes stop working.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// Issue new codes for everyone on the roster; every earlier code stops working.
    #[arg(long, conflicts_with = "ids")]
    pub all: bool,
    #[arg(long, value_enum, default_value_t = SlipFormat::Slips)]
    pub format: SlipFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SlipFormat {
    /// CSV: employee_id, name, department, code.
    List,
    /// One slip per person to cut out and hand over.
    Slips,
}

pub fn command(env: &Env, args: &CodesArgs) -> ExitCode {
    let config = match super::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(roster) = (match super::roster::load_or_say(env) {
        Ok(r) => r,
        Err(code) => return code,
    }) else {
        return fail(
            env,
            &env.t("codes-error-no-roster"),
            None,
            "codes-todo-no-roster",
        );
    };
    let path = env.data.codes_path();
    let mut codes = match Codes::load(&path) {
        Ok(c) => c,
        Err(e) => return env.io_fail(&e, Some(&path)),
    };
    let directory = crate::roster::directory(&roster);
    // Whom to issue for: the people named, everyone, or everyone who has no code yet.
    let mut people = Vec::new();
    if args.ids.is_empty() {
        for e in &roster {
            if args.all || !codes.codes.contains_key(&key(&e.id)) {
                people.push(e.clone());
            }
        }
    } else {
        let rule = match super::id_rule(env, &config) {
            Ok(r) => r,
            Err(code) => return code,
        };
        for raw in &args.ids {
            let id = match rule.resolve(raw, Some(&directory)) {
                Ok(id) => id,
                Err(problem) => return super::id_fail(env, raw, &problem, &config),
            };
            let Some(p) = directory.find(&id) else {
                return fail(
                    env,
                    &env.ta("record-error-unknown", &[("id", arg(id))]),
                    None,
                    "record-todo-unknown",
                );
            };
            if let Some(e) = roster.iter().find(|e| e.id == p.id) {
                people.push(e.clone());
            }
        }
    }
    if people.is_empty() {
        say(&env.t("codes-none-needed"));
        return ExitCode::SUCCESS;
    }
    let mut issued = Vec::with_capacity(people.len());
    for e in &people {
        match codes.issue(&e.id) {
            Ok(code) => issued.push((e, code)),
            Err(reason) => {
                return fail(
                    env,
                    &env.ta("error-io", &[("reason", arg(reason))]),
                    None,
                    "todo-report-bug",
                );
            }
        }
    }
    let text = match args.format {
        SlipFormat::List => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(["employee_id", "name", "department", "code"]);
            for (e, code) in &issued {
                // Opened in a spreadsheet, like an export: a cell that would start a formula
                // (`=HYPERLINK(...)` beside a secret code) is made plain text, as export does.
                let mut cells = [e.id.clone(), e.name.clone(), e.department.clone()];
                for cell in &mut cells {
                    crate::admin::export::neutralise(cell);
                }
                let [id, name, department] = &cells;
                let _ = w.write_record([id.as_str(), name, department, code]);
            }
            String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
        }
        SlipFormat::Slips => {
            let org = config.org.name.clone().unwrap_or_default();
            let mut out = String::new();
            for (e, code) in &issued {
                out.push_str(&"-".repeat(60));
                out.push('\n');
                for lang in [crate::i18n::Lang::new("ja"), crate::i18n::Lang::new("en")] {
                    out.push_str(&env.loc.ta(
                        &lang,
                        "codes-slip",
                        &[
                            ("org", arg(org.clone())),
                            ("name", arg(e.name.clone())),
                            ("id", arg(e.id.clone())),
                            ("code", arg(code.clone())),
                        ],
                    ));
                    out.push('\n');
                }
            }
            out.push_str(&"-".repeat(60));
            out.push('\n');
            out
        }
    };
    // The codes go out first: hashes of codes nobody could be given would lock people out.
    match &args.output {
        Some(file) => {
            if let Some(code) = super::refuse_over_own_files(env, file) {
                return code;
            }
            // The codes are secrets: the file is its owner's alone.
            let written = AtomicFile::create_secret_output(file).and_then(|mut f| {
                f.write_all(text.as_bytes())?;
                f.commit()
            });
            if let Err(e) = written {
                return env.io_fail(&e, Some(file));
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            // Nothing is saved when the codes could not all be written out: those shown (or
            // written to a file that is now partial) must not be used.
            if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
                let reason = if e.kind() == std::io::ErrorKind::BrokenPipe {
                    env.t("codes-reason-reader-gone")
                } else {
                    env.words(crate::error_text::Failure::Io(&e, None)).what
                };
                return fail(
                    env,
                    &env.ta("codes-error-cut-short", &[("reason", arg(reason))]),
                    None,
                    "codes-todo-cut-short",
                );
            }
        }
    }
    if let Err(e) = codes.save(&path) {
        return fail(
            env,
            &env.ta(
                "codes-error-save",
                &[(
                    "reason",
                    arg(env.words(crate::error_text::Failure::Io(&e, None)).what),
                )],
            ),
            Some(&path.display().to_string()),
            "codes-todo-save",
        );
    }
    eprintln!(
        "{}",
        env.ta(
            // Slips are handed out; a list goes to whoever gives each person their code.
            match args.format {
                SlipFormat::Slips => "codes-issued",
                SlipFormat::List => "codes-issued-list",
            },
            &[
                ("count", count(issued.len() as u64)),
                ("file", arg(path.display().to_string())),
            ]
        )
    );
    ExitCode::SUCCESS
}
