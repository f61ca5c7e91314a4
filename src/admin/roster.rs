//! `tebiki roster import FILE.csv`: the roster (see [`crate::roster`]) read from what HR has and
//! stored as `$DATA/roster.csv` only when every row is valid.

use std::path::PathBuf;
use std::process::ExitCode;

use fluent_bundle::FluentValue;

use super::{Progress, TextEncoding, arg, count, fail, say, warn};
use crate::command::Env;
// The roster itself is domain; its paths stay here for the commands that use them.
pub use crate::roster::*;

/// `tebiki roster ...`
#[derive(Debug, clap::Subcommand)]
pub enum RosterCommand {
    Import(ImportArgs),
    Codes(super::codes::CodesArgs),
}

/// `tebiki roster import FILE.csv [--encoding utf-8|cp932]`
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    // Detected when not given: a BOM or valid UTF-8 means UTF-8, anything else Shift_JIS.
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<TextEncoding>,
    /// Show what the import would change, without importing.
    #[arg(long)]
    pub dry_run: bool,
    /// Import even when the file would take many people off the roster, or clear everyone's
    /// department or email (a file without that column).
    #[arg(long)]
    pub yes: bool,
}

/// An import that takes more than this share of the roster's people off it (and at least
/// [`MANY_REMOVED_MIN`]) is refused without `--yes`: it is more often part of the roster (a
/// filtered sheet, a truncated export) than that many people leaving at once.
const MANY_REMOVED_SHARE: usize = 4;
const MANY_REMOVED_MIN: usize = 5;

/// What the import would lose that is seldom meant: the words for each (the removals, the
/// columns whose values it clears), empty when nothing.
fn losses(
    env: &Env,
    file: &str,
    parsed: &Parsed,
    old: &[Employee],
    changes: &super::roster_changes::Changes<'_>,
) -> Vec<String> {
    let removed = changes.removed.len();
    let mut out = Vec::new();
    // IDs of the roster in place that come back without their leading zeros (000123 as
    // 123): what a spreadsheet does to IDs it reads as numbers. Those people would leave and
    // come back under other IDs, no longer matching their records.
    let added: std::collections::HashSet<String> = changes
        .added
        .iter()
        .map(|e| crate::record::identity::key(&e.id))
        .collect();
    let dropped: Vec<(&str, &str)> = changes
        .removed
        .iter()
        .filter_map(|e| {
            let short = e.id.trim_start_matches('0');
            (short.len() < e.id.len()
                && !short.is_empty()
                && added.contains(&crate::record::identity::key(short)))
            .then_some((e.id.as_str(), short))
        })
        .collect();
    if let Some((before, after)) = dropped.first() {
        out.push(env.ta(
            "roster-zeros-dropped",
            &[
                ("file", arg(file.to_owned())),
                ("count", count(dropped.len() as u64)),
                ("n", (dropped.len() as u64).into()),
                ("before", arg(before.to_string())),
                ("after", arg(after.to_string())),
            ],
        ));
    }
    if removed >= MANY_REMOVED_MIN && removed * MANY_REMOVED_SHARE > old.len() {
        out.push(env.ta(
            "roster-many-removed",
            &[
                ("file", arg(file.to_owned())),
                ("removed", count(removed as u64)),
                ("old", count(old.len() as u64)),
                ("rows", count(parsed.employees.len() as u64)),
            ],
        ));
    }
    for (first, second, id) in &parsed.split_rows {
        out.push(env.ta(
            "roster-split-row",
            &[
                ("file", arg(file.to_owned())),
                ("first", arg(first.to_string())),
                ("second", arg(second.to_string())),
                ("id", arg(id.clone())),
            ],
        ));
    }
    for &column in &parsed.absent_columns {
        let cleared = old
            .iter()
            .filter(|e| match column {
                Column::Department => !e.department.is_empty(),
                _ => !e.email.is_empty(),
            })
            .count();
        if cleared > 0 {
            out.push(env.ta(
                "roster-column-absent",
                &[
                    ("file", arg(file.to_owned())),
                    ("column", arg(column_label(env, column))),
                    ("count", count(cleared as u64)),
                ],
            ));
        }
    }
    out
}

/// Warns of rows with fewer values than the header (the first few, then how many more): the
/// department or email they have no value for is taken as empty, which may not be meant.
fn short_rows(env: &Env, file: &str, parsed: &Parsed) {
    const SHOWN: usize = 5;
    for (line, found, without) in parsed.short_rows.iter().take(SHOWN) {
        let columns: Vec<String> = without.iter().map(|&c| column_label(env, c)).collect();
        warn(
            env,
            &env.ta(
                "roster-short-row",
                &[
                    ("file", arg(file.to_owned())),
                    ("line", arg(line.to_string())),
                    ("found", count(*found as u64)),
                    ("n", (*found as u64).into()),
                    (
                        "columns",
                        arg(columns.join(&env.t("roster-short-row-join"))),
                    ),
                ],
            ),
        );
    }
    let more = parsed.short_rows.len().saturating_sub(SHOWN);
    if more > 0 {
        warn(
            env,
            &env.ta("roster-short-rows-more", &[("more", count(more as u64))]),
        );
    }
}

/// [`ids`], or why the roster cannot be read, said on stderr (the exit code is then returned).
pub fn ids_or_say(env: &Env) -> Result<Option<RosterIds>, ExitCode> {
    match ids(&env.data) {
        Ok(ids) => Ok(ids),
        // The same words as every other command that reads the roster.
        Err(_) => load_or_say(env).map(|r| r.map(|r| RosterIds::from_employees(&r))),
    }
}

/// The imported roster (`None` when there is none), or why it cannot be read, said on stderr
/// (the exit code is then returned).
pub fn load_or_say(env: &Env) -> Result<Option<Vec<Employee>>, ExitCode> {
    load(&env.data.roster_path()).map_err(|e| say_load_error(env, &e))
}

/// Says on stderr why the imported roster cannot be read; the exit code.
pub fn say_load_error(env: &Env, e: &LoadError) -> ExitCode {
    match e {
        LoadError::Io(e) => env.io_fail(e, Some(&env.data.roster_path())),
        LoadError::Invalid(_) => {
            let (what, place) = load_error_text(env, e);
            fail(
                env,
                &env.ta("report-error-roster", &[("detail", arg(what))]),
                Some(&place),
                "report-todo-roster",
            )
        }
    }
}

/// What is wrong with the stored roster, and where (`roster.csv:LINE` when a line is to blame).
pub fn load_error_text(env: &Env, e: &LoadError) -> (String, String) {
    let roster_path = env.data.roster_path();
    let (what, line) = match e {
        LoadError::Io(e) => (env.ta("error-io", &[("reason", arg(e.to_string()))]), None),
        LoadError::Invalid(ImportError::BadRows(rows)) => {
            (row_text(env, &rows[0].problem), Some(rows[0].line))
        }
        LoadError::Invalid(other) => error_text(env, other),
    };
    let place = match line {
        Some(l) => format!("{}:{l}", roster_path.display()),
        None => roster_path.display().to_string(),
    };
    (what, place)
}

pub fn error_text(env: &Env, e: &ImportError) -> (String, Option<u64>) {
    match e {
        ImportError::Utf16 => (env.t("roster-error-utf16"), Some(1)),
        ImportError::Workbook => (env.t("roster-error-workbook"), None),
        ImportError::Encoding { line, encoding } => (
            env.ta(
                "roster-error-encoding",
                &[("encoding", arg(encoding.as_str()))],
            ),
            Some(*line),
        ),
        ImportError::Empty => (env.t("roster-error-empty"), None),
        ImportError::NoRows => (env.t("roster-error-no-rows"), None),
        ImportError::MissingColumns { missing, header } => {
            let names: Vec<String> = missing.iter().map(|c| column_label(env, *c)).collect();
            // A header of any length is shown within a line or two.
            let mut found = header.join(", ");
            if found.chars().count() > HEADER_SHOWN {
                found = found.chars().take(HEADER_SHOWN).collect::<String>() + "…";
            }
            let what = env.ta(
                "roster-error-missing-columns",
                &[("columns", arg(names.join(", "))), ("header", arg(found))],
            );
            (what, Some(1))
        }
        ImportError::DuplicateColumn {
            column,
            first,
            second,
        } => (
            env.ta(
                "roster-error-duplicate-column",
                &[
                    ("column", arg(column_label(env, *column))),
                    ("first", arg(first.clone())),
                    ("second", arg(second.clone())),
                ],
            ),
            Some(1),
        ),
        ImportError::BadRows(rows) => (
            env.ta(
                "roster-error-bad-rows",
                &[("count", count(rows.len() as u64))],
            ),
            None,
        ),
    }
}

fn column_label(env: &Env, c: Column) -> String {
    env.t(&format!("roster-column-{}", c.as_str().replace('_', "-")))
}

/// One bad row in words.
pub fn row_text(env: &Env, problem: &RowProblem) -> String {
    match problem {
        RowProblem::MissingId => env.t("roster-row-missing-id"),
        RowProblem::MissingName => env.t("roster-row-missing-name"),
        RowProblem::Duplicate { id, first_line } => env.ta(
            "roster-row-duplicate",
            &[
                ("id", arg(id.clone())),
                ("line", arg(first_line.to_string())),
            ],
        ),
        // A line break inside a value comes only from quotes around it: a break typed in a
        // cell, or a quote never closed, so that the next lines became part of the value.
        RowProblem::Unsafe {
            column,
            ch: '\n' | '\r',
            ..
        } => env.ta(
            "roster-row-line-break",
            &[("column", arg(column_label(env, *column)))],
        ),
        RowProblem::Unsafe { column, ch, at } => env.ta(
            "roster-row-unsafe",
            &[
                ("column", arg(column_label(env, *column))),
                ("char", arg(crate::record::identity::code_point(*ch))),
                ("at", arg(at.to_string())),
            ],
        ),
        RowProblem::TooLong { column, chars } => env.ta(
            "roster-row-too-long",
            &[
                ("column", arg(column_label(env, *column))),
                ("chars", arg(chars.to_string())),
                ("max", arg(MAX_FIELD_CHARS.to_string())),
            ],
        ),
        RowProblem::ExtraFields { found, expected } => env.ta(
            "roster-row-extra-fields",
            &[
                ("found", arg(found.to_string())),
                ("expected", arg(expected.to_string())),
            ],
        ),
        RowProblem::MissingFields { found, expected } => env.ta(
            "roster-row-missing-fields",
            &[
                ("found", arg(found.to_string())),
                ("expected", arg(expected.to_string())),
            ],
        ),
        RowProblem::OpenQuote => env.t("roster-row-open-quote"),
        RowProblem::BadEmail { email } => {
            env.ta("roster-row-bad-email", &[("email", arg(email.clone()))])
        }
        RowProblem::BadId { problem } => {
            let mut args: Vec<(&str, FluentValue<'static>)> = problem
                .args()
                .into_iter()
                .map(|(k, v)| (k, arg(v)))
                .collect();
            args.push(("example", arg("none")));
            env.ta(
                "roster-row-bad-id",
                &[("why", arg(env.ta(problem.message_id(), &args)))],
            )
        }
        RowProblem::Unreadable => env.t("roster-row-unreadable"),
    }
}

/// At most this many bad rows are listed; the count says how many there are in all.
const SHOWN_BAD_ROWS: usize = 50;

/// The most of a header's text an error shows.
const HEADER_SHOWN: usize = 200;

/// `tebiki roster import`.
pub fn command(env: &Env, command: RosterCommand) -> ExitCode {
    match command {
        RosterCommand::Import(args) => import(env, &args),
        RosterCommand::Codes(mut args) => {
            // "-o -" is standard output, as in other tools, not a file named "-".
            args.output = args.output.filter(|p| p.as_os_str() != "-");
            super::codes::command(env, &args)
        }
    }
}

/// How long an import waits for another one in the same data folder to finish.
const IMPORT_WAIT: std::time::Duration = std::time::Duration::from_secs(60);

/// Holds the data folder's lock for roster imports (the folder itself is locked: no file is
/// added to it), waiting for another import to finish; says so while it waits, and fails with
/// exit 2 after [`IMPORT_WAIT`].
fn import_lock(env: &Env) -> Result<std::fs::File, ExitCode> {
    let folder = &env.data.root;
    let lock = std::fs::File::open(folder).map_err(|e| env.io_fail(&e, Some(folder)))?;
    let start = std::time::Instant::now();
    let mut told = false;
    loop {
        match lock.try_lock() {
            Ok(()) => return Ok(lock),
            Err(std::fs::TryLockError::WouldBlock) => {}
            Err(std::fs::TryLockError::Error(e)) => return Err(env.io_fail(&e, Some(folder))),
        }
        if start.elapsed() >= IMPORT_WAIT {
            return Err(fail(
                env,
                &env.t("roster-error-busy"),
                Some(&folder.display().to_string()),
                "roster-todo-busy",
            ));
        }
        if !told {
            eprintln!("{}", env.t("roster-waiting"));
            told = true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn import(env: &Env, args: &ImportArgs) -> ExitCode {
    let file = args.file.display().to_string();
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => return env.io_fail(&e, Some(&args.file)),
    };
    let progress = Progress::bytes(bytes.len() as u64, env.t("roster-progress"));
    let parsed = parse(&bytes, args.encoding, &progress);
    progress.finish();
    // The organisation's id form applies to the roster too: an id of another form could never
    // be typed at a terminal.
    let rule = crate::config::Config::parse(
        &std::fs::read_to_string(env.data.config_path()).unwrap_or_default(),
    )
    .ok()
    .and_then(|c| crate::record::identity::IdRule::new(c.employee_id_pattern.as_deref()).ok())
    .unwrap_or_default();
    let parsed = parsed.and_then(|p| {
        let wrong: Vec<BadRow> = p
            .employees
            .iter()
            .zip(&p.lines)
            .filter_map(|(e, &line)| {
                rule.check(&e.id).err().map(|problem| BadRow {
                    line,
                    problem: RowProblem::BadId { problem },
                })
            })
            .collect();
        if wrong.is_empty() {
            Ok(p)
        } else {
            Err(ImportError::BadRows(wrong))
        }
    });
    let parsed = match parsed {
        Ok(p) => p,
        Err(ImportError::BadRows(rows)) => {
            eprintln!(
                "{}: {}",
                env.t("error-label"),
                env.ta(
                    "roster-error-bad-rows",
                    &[("count", count(rows.len() as u64))]
                )
            );
            for row in rows.iter().take(SHOWN_BAD_ROWS) {
                eprintln!(
                    "  {}:{}: {}",
                    crate::escape::for_terminal(&file),
                    row.line,
                    crate::escape::for_terminal(&row_text(env, &row.problem))
                );
            }
            if rows.len() > SHOWN_BAD_ROWS {
                eprintln!(
                    "  {}",
                    env.ta(
                        "roster-more-bad-rows",
                        &[("count", count((rows.len() - SHOWN_BAD_ROWS) as u64))]
                    )
                );
            }
            eprintln!("  {}", env.t("roster-todo-rows"));
            return ExitCode::from(2);
        }
        Err(e) => {
            let (what, line) = error_text(env, &e);
            let place = match line {
                Some(l) => format!("{file}:{l}"),
                None => file.clone(),
            };
            let todo = match e {
                // The encoding was given already: saving as UTF-8 is what is left.
                ImportError::Encoding { .. } if args.encoding.is_some() => {
                    "roster-todo-encoding-given"
                }
                ImportError::Encoding { .. } | ImportError::Utf16 => "roster-todo-encoding",
                ImportError::Workbook => "roster-todo-workbook",
                // One column holding the names joined by semicolons: saved by a spreadsheet
                // set to separate values with ";" (as in much of Europe).
                ImportError::MissingColumns { header, .. }
                    if header.len() == 1 && header[0].contains(';') =>
                {
                    "roster-todo-semicolons"
                }
                ImportError::MissingColumns { .. } | ImportError::DuplicateColumn { .. } => {
                    "roster-todo-header"
                }
                _ => "roster-todo-file",
            };
            return fail(env, &what, Some(&place), todo);
        }
    };
    let target = env.data.roster_path();
    // One import at a time, from here to the roster saved: the roster the changes are
    // counted against is the one this import replaces.
    let _one_import = if args.dry_run {
        None
    } else {
        if let Err(e) = env.data.ensure() {
            return crate::command::config_error(env, e);
        }
        match import_lock(env) {
            Ok(lock) => Some(lock),
            Err(code) => return code,
        }
    };
    let previous = match load(&target) {
        Ok(Some(old)) => Some(old),
        Ok(None) => None,
        Err(e) => {
            // Replaced anyway (that is what an import is for), but not as if there were none.
            let (what, place) = load_error_text(env, &e);
            warn(
                env,
                &env.ta(
                    "roster-previous-unreadable",
                    &[("detail", arg(format!("{place}: {what}")))],
                ),
            );
            None
        }
    };
    let changes =
        super::roster_changes::compare(previous.as_deref().unwrap_or(&[]), &parsed.employees);
    let losses = losses(
        env,
        &file,
        &parsed,
        previous.as_deref().unwrap_or(&[]),
        &changes,
    );
    // Said first, whether the import goes ahead or not.
    short_rows(env, &file, &parsed);
    if !losses.is_empty() && !args.yes && !args.dry_run {
        super::roster_changes::print(env, &changes);
        for what in &losses {
            eprintln!(
                "{}: {}",
                env.t("error-label"),
                crate::escape::for_terminal(what)
            );
        }
        eprintln!("  {}", env.t("roster-todo-losses"));
        return ExitCode::from(2);
    }
    for what in &losses {
        warn(env, what);
    }
    if args.dry_run {
        say(&crate::escape::for_terminal(&env.ta(
            "roster-read",
            &[
                ("count", count(parsed.employees.len() as u64)),
                ("n", (parsed.employees.len() as u64).into()),
                ("file", arg(file.clone())),
                ("encoding", arg(parsed.encoding.as_str())),
            ],
        )));
        super::roster_changes::print(env, &changes);
        say(&env.t("roster-dry-run"));
        return ExitCode::SUCCESS;
    }
    match write(&target, &parsed.employees) {
        Ok(wrote) => crate::roster::cache_ids(&env.data, &parsed.employees, wrote),
        Err(e) => return env.io_fail(&e, Some(&target)),
    }
    let mut departments: Vec<&str> = parsed
        .employees
        .iter()
        .map(|e| e.department.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    departments.sort_unstable();
    departments.dedup();
    if !parsed.ignored_columns.is_empty() {
        warn(
            env,
            &env.ta(
                "roster-ignored-columns",
                &[("columns", arg(parsed.ignored_columns.join(", ")))],
            ),
        );
    }
    say(&crate::escape::for_terminal(&env.ta(
        "roster-imported",
        &[
            ("count", count(parsed.employees.len() as u64)),
            ("n", (parsed.employees.len() as u64).into()),
            ("departments", count(departments.len() as u64)),
            ("nd", (departments.len() as u64).into()),
            ("file", arg(file.clone())),
            ("encoding", arg(parsed.encoding.as_str())),
        ],
    )));
    if parsed.blank_rows > 0 {
        say(&env.ta("roster-blank-rows", &[("count", count(parsed.blank_rows))]));
    }
    super::roster_changes::print(env, &changes);
    let saved = match previous {
        Some(old) => env.ta(
            "roster-saved-replacing",
            &[
                ("path", arg(target.display().to_string())),
                ("count", count(old.len() as u64)),
                ("n", (old.len() as u64).into()),
            ],
        ),
        None => env.ta(
            "roster-saved",
            &[("path", arg(target.display().to_string()))],
        ),
    };
    say(&crate::escape::for_terminal(&saved));
    ExitCode::SUCCESS
}
