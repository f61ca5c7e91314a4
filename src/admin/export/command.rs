//! `tebiki export`: the arguments checked, the column labels in the chosen language, and
//! warnings for a department or status that matches nothing.

use super::*;

/// `tebiki export`.
pub fn command(env: &Env, args: &ExportArgs) -> ExitCode {
    if args.format != ExportFormat::Csv {
        // The options given that only CSV takes, named as given.
        let given: Vec<&str> = [
            (args.excel, "--excel"),
            (args.encoding.is_some(), "--encoding"),
            (args.labels.is_some(), "--labels"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        if !given.is_empty() {
            let options = given.join(&env.t("list-separator"));
            return env.fail_words(crate::error_text::Words {
                what: env.ta(
                    "export-error-csv-options",
                    &[("options", arg(options.clone())), ("n", given.len().into())],
                ),
                place: None,
                todo: env.ta("export-todo-csv-options", &[("options", arg(options))]),
            });
        }
    }
    let config = match crate::admin::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let tz = config.time_zone();
    let mut filters = Filters {
        status: args.status.iter().map(StatusArg::filter).collect(),
        depts: args.dept.iter().map(|d| dept_key(d)).collect(),
        ..Filters::default()
    };
    for (text, bound, option) in [
        (&args.since, Bound::Since, "--since"),
        (&args.until, Bound::Until, "--until"),
    ] {
        let Some(text) = text else { continue };
        match parse_bound(text, &tz, bound) {
            Some(t) if bound == Bound::Since => filters.since = Some(t),
            // Past the last time there is: no end to the range.
            Some(t) if t == jiff::Timestamp::MAX => {}
            Some(t) => filters.until = Some(t),
            None => {
                // A real month with a day past its end is said so, not called "not a date";
                // a time's day (`2026-11-31T09:00:00+09:00`) too.
                let trimmed = text.trim();
                let day = match trimmed.get(..10) {
                    Some(day) if trimmed.len() > 10 && day.is_ascii() => day,
                    _ => trimmed,
                };
                let error = match crate::day::parse_day(day)
                    .err()
                    .and_then(|p| p.month_and_days())
                {
                    Some((month, days)) => env.ta(
                        "export-error-no-such-day",
                        &[
                            ("value", arg(text.clone())),
                            ("month", arg(month)),
                            ("days", arg(days.to_string())),
                        ],
                    ),
                    None => env.ta("export-error-date", &[("value", arg(text.clone()))]),
                };
                return fail(env, &error, Some(option), "export-todo-date");
            }
        }
    }
    if let (Some(s), Some(u)) = (filters.since, filters.until)
        && s >= u
    {
        return fail(env, &env.t("export-error-range"), None, "export-todo-range");
    }
    let raw = match crate::admin::load_content(env) {
        Ok(raw) => raw,
        Err(code) => return code,
    };
    let purposes = raw.manifest.purposes.iter().map(|p| p.id.clone()).collect();
    let labels = match &args.labels {
        None => None,
        Some(lang) => match labels(env, &raw, lang) {
            Ok(l) => Some(std::rc::Rc::new(l)),
            Err(code) => return code,
        },
    };
    let csv_opts = CsvOptions {
        purposes,
        screens: columns::Screens::of(&raw.manifest),
        tz,
        bom: args.excel,
        encoding: args.encoding.unwrap_or(TextEncoding::Utf8),
        terminal: args.output.is_none() && io::stdout().is_terminal(),
        labels,
        receipts: crate::admin::receipts::Context {
            org: config.org.clone(),
            loc: env.loc.clone(),
            lang: env.lang.clone(),
            granted: std::cell::RefCell::default(),
        },
        // In the language of the headings when they are in words, else the command's.
        words: (
            env.loc.clone(),
            args.labels
                .as_deref()
                .map_or_else(|| env.lang.clone(), crate::i18n::Lang::new),
        ),
    };
    let dir = env.data.ledger_dir();
    if let Some(code) = args
        .output
        .as_deref()
        .and_then(|path| super::super::refuse_over_own_files(env, path))
    {
        return code;
    }
    let progress = Progress::bytes(ledger_bytes(&dir), env.t("export-progress"));
    let mut on_issue = |issue: &ReadIssue| progress.suspend(|| warn_read_issue(env, issue));
    let result = match &args.output {
        Some(path) => {
            let mut file = match AtomicFile::create_output(path) {
                Ok(f) => f,
                Err(e) => return env.io_fail(&e, Some(path)),
            };
            let r = export(
                &dir,
                args.format,
                &filters,
                &csv_opts,
                &mut file,
                &progress,
                &mut on_issue,
            );
            match r {
                Ok(summary) => file.commit().map(|()| summary).map_err(ExportError::Write),
                Err(e) => Err(e),
            }
        }
        None => {
            if args.format == ExportFormat::Csv
                && io::stdout().is_terminal()
                && (args.excel || args.encoding == Some(TextEncoding::Cp932))
            {
                return fail(
                    env,
                    &env.t("export-error-excel-terminal"),
                    None,
                    "export-todo-output",
                );
            }
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
            export(
                &dir,
                args.format,
                &filters,
                &csv_opts,
                &mut out,
                &progress,
                &mut on_issue,
            )
        }
    };
    progress.finish();
    let summary = match result {
        Ok(s) => s,
        Err(ExportError::Ledger(e)) => return ledger_fail(env, &e),
        // The reader went away (`| head`): nothing to tell it. The export is cut short, so
        // not 0: the status of a process ended by SIGPIPE, as shells expect.
        Err(ExportError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return ExitCode::from(141);
        }
        Err(ExportError::Write(e)) => return env.io_fail(&e, args.output.as_deref()),
    };
    // The line a person copies into a ticket says whether the file holds everything. With the
    // export on standard output (`> file`), it goes to the terminal the person watches, when
    // there is one, not into the export.
    let done = |path: String| {
        env.ta(
            if summary.skipped > 0 {
                "export-done-incomplete"
            } else {
                "export-done"
            },
            &[
                ("written", count(summary.written)),
                ("read", count(summary.read)),
                ("files", count(summary.files.len() as u64)),
                ("path", arg(path)),
            ],
        )
    };
    match &args.output {
        Some(path) => say(&crate::escape::for_terminal(&done(
            path.display().to_string(),
        ))),
        None if std::io::IsTerminal::is_terminal(&std::io::stderr()) => {
            let line =
                crate::escape::for_terminal(&done(env.t("export-standard-output"))).into_owned();
            eprintln!("{}", super::super::for_stderr(&line));
        }
        None => {}
    }
    let mut code = ExitCode::SUCCESS;
    if unknown_departments(env, &args.dept, &summary.departments) {
        code = ExitCode::from(1);
    }
    if unknown_statuses(env, &args.status) {
        code = ExitCode::from(1);
    }
    if args.format == ExportFormat::Receipts {
        // Receipts quote these settings: unset, they say null, which legal must be told.
        // As the receipts of each language take them (`[org.ja]`, `[org.en]`, else `[org]`);
        // the controller is the organisation's name when not set apart.
        let mut unset = Vec::new();
        for lang in ["ja", "en"] {
            let k = config.org.keeper(&crate::i18n::Lang::new(lang));
            if k.controller.is_none() && k.name.is_none() && !unset.contains(&"org.controller") {
                unset.push("org.controller");
            }
            if k.retention.is_none() && !unset.contains(&"org.retention") {
                unset.push("org.retention");
            }
        }
        if !unset.is_empty() {
            warn(
                env,
                &env.ta("export-receipts-unset", &[("keys", arg(unset.join(", ")))]),
            );
            eprintln!("  {}", env.t("export-todo-receipts-unset"));
            code = ExitCode::from(1);
        }
    }
    // Made for Excel: ids such as 000123 lose their zeros when the file is opened by
    // double-click, which HR should know before reading ids off the sheet.
    if (args.excel || args.encoding == Some(TextEncoding::Cp932)) && summary.zero_ids > 0 {
        warn(
            env,
            &env.ta(
                "export-zero-ids",
                &[
                    ("count", count(summary.zero_ids)),
                    (
                        "example",
                        arg(summary.zero_example.clone().unwrap_or_default()),
                    ),
                ],
            ),
        );
        eprintln!("  {}", env.t("export-todo-zero-ids"));
    }
    if summary.unmappable > 0 {
        warn(
            env,
            &env.ta("export-unmappable", &[("count", count(summary.unmappable))]),
        );
    }
    if summary.changed > 0 {
        warn(
            env,
            &env.ta("export-cp932-changed", &[("count", count(summary.changed))]),
        );
    }
    if summary.unmappable > 0 || summary.changed > 0 {
        for c in &summary.changes {
            eprintln!(
                "  {}",
                crate::escape::for_terminal(&env.ta(
                    "export-cp932-at",
                    &[
                        ("row", count(c.row)),
                        ("column", count(c.column)),
                        ("header", arg(c.header.clone())),
                        ("from", arg(c.from.to_string())),
                        ("to", arg(c.to.clone())),
                    ],
                ))
            );
        }
        let listed = summary.changes.len() as u64;
        let all = summary.unmappable + summary.changed;
        if all > listed {
            eprintln!(
                "  {}",
                env.ta("export-cp932-more", &[("count", count(all - listed))])
            );
        }
        eprintln!("  {}", env.t("export-todo-unmappable"));
        code = ExitCode::from(1);
    }
    if summary.skipped > 0 {
        for line in summary.left_out.say(env, "export") {
            warn(env, &line);
        }
        eprintln!("  {}", env.t("todo-verify"));
        code = ExitCode::from(1);
    }
    code
}

/// The words of `lang` for `--labels`: Fluent's for headings and codes, the content's own for
/// purposes and reasons.
pub(super) fn labels(
    env: &Env,
    raw: &crate::content::RawContent,
    lang: &str,
) -> Result<Labels, ExitCode> {
    if !env.loc.has(lang) {
        let langs: Vec<String> = env
            .loc
            .languages()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        return Err(fail(
            env,
            &env.ta(
                "export-error-labels",
                &[("lang", arg(lang)), ("langs", arg(langs.join(", ")))],
            ),
            None,
            "export-todo-labels",
        ));
    }
    let mut words = std::collections::HashMap::new();
    if let Some(forms) = raw.langs.iter().find(|l| l.lang.as_str() == lang) {
        for (id, l) in &forms.forms.reasons {
            words.insert(format!("reason:{id}"), l.label.clone());
        }
        for (id, l) in &forms.forms.purposes {
            words.insert(format!("purpose:{id}"), l.label.clone());
        }
        for (id, l) in &forms.forms.acknowledgements {
            words.insert(format!("acknowledged:{id}"), l.label.clone());
        }
    }
    let loc = env.loc.clone();
    Ok(Labels::new(loc, crate::i18n::Lang::new(lang), words))
}

/// Warns about each `--status` value that is none of the known ones, naming them; says whether
/// there was one.
pub(super) fn unknown_statuses(env: &Env, given: &[StatusArg]) -> bool {
    let known: Vec<&str> = <StatusFilter as clap::ValueEnum>::value_variants()
        .iter()
        .map(|s| s.as_str())
        .collect();
    let mut any = false;
    for s in given {
        if let StatusArg::Unknown(text) = s {
            any = true;
            warn(
                env,
                &env.ta(
                    "export-unknown-status",
                    &[
                        ("status", arg(text.clone())),
                        ("known", arg(known.join(&env.t("list-separator")))),
                    ],
                ),
            );
        }
    }
    if any {
        eprintln!("  {}", env.t("export-todo-status"));
    }
    any
}

/// Warns about each `--dept` that matches no department of the roster or the ledger, naming
/// the known ones; says whether there was one.
pub(super) fn unknown_departments(
    env: &Env,
    wanted: &[String],
    in_ledger: &std::collections::BTreeSet<String>,
) -> bool {
    if wanted.is_empty() {
        return false;
    }
    let mut known = in_ledger.clone();
    if let Ok(Some(roster)) = crate::roster::load(&env.data.roster_path()) {
        known.extend(
            roster
                .iter()
                .map(|e| dept_key(&e.department))
                .filter(|d| !d.is_empty()),
        );
    }
    let mut any = false;
    // `--dept A,B`: one name, unlike `--status`; when each part is a department, say so.
    let mut listed = None;
    for d in wanted {
        if known.contains(&dept_key(d)) {
            continue;
        }
        any = true;
        let parts: Vec<&str> = d
            .split([',', '、', '，'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        // Several names, or one with a stray comma (`--dept '営業部,'`).
        let split = parts.len() > 1 || parts.first().is_some_and(|p| *p != d.trim());
        if split && parts.iter().all(|p| known.contains(&dept_key(p))) {
            let each: Vec<String> = parts
                .iter()
                .map(|p| {
                    // Quoted as a shell needs (a name with a space, a quote, a `$`).
                    let word = shlex::try_quote(p).unwrap_or_else(|_| (*p).into());
                    format!("--dept {word}")
                })
                .collect();
            listed = Some((each.join(" "), parts.len() > 1));
        }
        let separator = env.t("list-separator");
        let list: Vec<&str> = known.iter().map(String::as_str).take(40).collect();
        let mut list = list.join(&separator);
        if known.len() > 40 {
            list.push_str(&separator);
            list.push('…');
        }
        warn(
            env,
            &env.ta(
                "export-unknown-dept",
                &[("dept", arg(d.clone())), ("known", arg(list))],
            ),
        );
    }
    if any {
        match listed {
            Some((each, several)) => {
                let todo = if several {
                    "export-todo-dept-each"
                } else {
                    "export-todo-dept-comma"
                };
                eprintln!("  {}", env.ta(todo, &[("each", arg(each))]));
            }
            None => eprintln!("  {}", env.t("export-todo-dept")),
        }
    }
    any
}
