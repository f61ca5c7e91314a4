//! The commands about the evidence: `status` (one person, from the ledger), `verify` (the
//! ledger, a checkpoint or seals; one receipt is `receipt`'s) and `seal`.

use super::*;

pub(super) fn status(env: &Env, id: &str, format: Format) -> ExitCode {
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
    // A roster that cannot be read leaves the answer without the roster's words (told below).
    let (roster, roster_problem) = match crate::roster::ids(&env.data) {
        Ok(roster) => (roster, None),
        Err(e) => (None, Some(e)),
    };
    let id = match rule.resolve(id, roster.as_ref()) {
        Ok(id) => id,
        Err(problem) => return crate::admin::id_fail(env, id, &problem, &config),
    };
    let (mut state, issues) = match crate::status::load(&env.data.ledger_dir(), &id, &version) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    // Newest first, in the text and the JSON alike (as the dashboard shows a timeline), by
    // when it happened: a record entered later for an earlier day stands at that day. Records
    // of the same time keep the ledger's order, newest first.
    state.history.reverse();
    state.history.sort_by(|a, b| b.dated_by().cmp(a.dated_by()));
    // Someone on the roster is shown by the roster's name and department, as the report and
    // the dashboard show them (their records keep the names they were made with); the people
    // paired with them by their ids as on the roster (a champion record may have been typed
    // in another case). Whether the id is on the roster at all is told below.
    let mut on_roster = true;
    if let Some(roster) = &roster {
        use crate::record::identity::Known;
        match roster.find_person(&state.employee_id) {
            Some(person) => {
                state.name = Some(person.name);
                if !person.department.is_empty() {
                    state.department = Some(person.department);
                }
            }
            None => on_roster = false,
        }
        let as_recorded = |id: &mut String| {
            if let Some(form) = roster.recorded_form(id) {
                *id = form;
            }
        };
        state.supports.iter_mut().for_each(as_recorded);
        if let Some(id) = state.supported_by.as_mut() {
            as_recorded(id);
        }
    }
    // Named in records a break withheld: the answer may be missing some of theirs.
    let withheld_about = ledger::withheld_about(&issues, &state.employee_id);
    let tz = config.time_zone();
    // An id on no roster and in no record is most likely mistyped: the text answer is then
    // only the warning below, not a state that reads as a real person's (the JSON keeps the
    // state, with `on_roster: false`, for scripts).
    let unknown = !on_roster && state.history.is_empty() && roster_problem.is_none();
    match format {
        Format::Text if unknown => {}
        Format::Text => {
            crate::terminal_width::settle_for_text();
            let gaps = crate::status::Gaps::of(withheld_about, &issues);
            let mut text = crate::status::to_text(&state, &env.loc, &env.lang, &tz, gaps);
            // Said first, in the answer itself (the warnings go to stderr, after it, and not
            // into a file the answer is saved to).
            if gaps != crate::status::Gaps::None {
                let id = match gaps {
                    crate::status::Gaps::Withheld => "status-incomplete-about",
                    crate::status::Gaps::Seals => "status-incomplete-seals",
                    _ => "status-incomplete",
                };
                let head = env.ta(id, &[("id", state.employee_id.clone().into())]);
                let head = crate::wrap::hanging(&head, 80, 2);
                text = format!("{head}\n{text}");
            }
            put(&crate::glyphs::fold(&text));
        }
        Format::Json => {
            // Beside the person's state, what a script needs to trust it, as the report says
            // it: whether every ledger line was read and used, each place that was not, and
            // whether the id is on the roster (null without a readable roster).
            let answer = serde_json::to_value(&state).map(|mut value| {
                if let serde_json::Value::Object(map) = &mut value {
                    map.insert(
                        "on_roster".into(),
                        roster.as_ref().map(|_| on_roster).into(),
                    );
                    map.insert("complete".into(), issues.is_empty().into());
                    map.insert(
                        "in_use_without_consent".into(),
                        (state.stage.on_own_phone()
                            && state.consent != crate::state::ConsentState::Given)
                            .into(),
                    );
                    map.insert("in_withheld_records".into(), withheld_about.into());
                    // Whom else withheld records are about is the report's to tell.
                    let skipped: Vec<_> = issues
                        .iter()
                        .map(|issue| crate::admin::report::Skipped {
                            people: None,
                            ..crate::admin::report::Skipped::of(issue)
                        })
                        .collect();
                    map.insert("skipped".into(), serde_json::json!(skipped));
                }
                value
            });
            match answer.and_then(|v| serde_json::to_string_pretty(&v)) {
                // JSON escapes C0 controls itself; the rest is escaped for a terminal.
                Ok(s) => put(&format!("{}\n", crate::escape::json_for_stdout(&s))),
                Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
            }
        }
    }
    for (void, target, record_type) in &state.ignored_voids {
        crate::admin::warn(
            env,
            &env.ta(
                "warning-void-refused",
                &[
                    ("void", void.clone().into()),
                    ("target", target.clone().into()),
                    ("type", record_type.clone().into()),
                ],
            ),
        );
    }
    if withheld_about {
        crate::admin::warn(
            env,
            &env.ta(
                "status-in-withheld-records",
                &[("id", state.employee_id.clone().into())],
            ),
        );
    }
    let mut code = report_read_issues(env, &issues);
    if !state.ignored_voids.is_empty() {
        code = ExitCode::from(1);
    }
    if let Some(e) = &roster_problem {
        let (what, place) = crate::admin::roster::load_error_text(env, e);
        crate::admin::warn(
            env,
            &env.ta(
                "status-roster-unreadable",
                &[("detail", format!("{place}: {what}").into())],
            ),
        );
        eprintln!("  {}", env.t("report-todo-roster"));
        return ExitCode::from(1);
    }
    if !on_roster && state.history.is_empty() {
        // A mistyped id reads as someone who never decided otherwise.
        crate::admin::warn(
            env,
            &env.ta(
                "status-not-on-roster",
                &[("id", state.employee_id.clone().into())],
            ),
        );
        return ExitCode::from(1);
    }
    code
}

/// Unreadable ledger lines go to stderr with file:line; they make the answer incomplete (exit 1).
pub(super) fn report_read_issues(env: &Env, issues: &[ledger::ReadIssue]) -> ExitCode {
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

/// Verify's text as a terminal shows it: each line wrapped at the terminal's width by the
/// rules of line breaking, the rest indented two columns, rather than cut by the terminal
/// inside a word or a time; the checkpoint lines (`<file> <seq> <sha256>`) stay whole, as
/// `--checkpoint` reads them back. To a file or a pipe, as it is.
fn for_terminal_width(text: &str) -> String {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        return text.to_string();
    }
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).max(20));
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        let entry = line.starts_with(' ')
            && Checkpoint::parse(line.trim()).is_ok_and(|c| c.entries.len() == 1);
        if entry {
            out.push_str(line);
        } else {
            out.push_str(&crate::wrap::hanging(line, width, 2));
        }
        out.push('\n');
    }
    out
}

/// `tebiki seal --key FILE`.
pub(super) fn seal(env: &Env, key_path: &Path, despite_findings: bool) -> ExitCode {
    use crate::ledger::seal::{self, SealError};
    let key = key_path;
    let where_key = Some(key.display().to_string());
    // The key signs for the ledger: whoever can read it can sign a rewritten one. So not in
    // the data folder (the kiosk account reads it), and not readable by other accounts.
    if let (Ok(k), Ok(root)) = (key.canonicalize(), env.data.root.canonicalize())
        && k.starts_with(&root)
    {
        return env.fail(
            env.t("error-seal-key-in-data"),
            where_key,
            "todo-seal-key-in-data",
        );
    }
    // What the path is comes first: a folder or a device is no key, whatever its mode.
    match std::fs::metadata(key) {
        Err(e) => return env.io_fail(&e, Some(key)),
        Ok(meta) if !meta.is_file() => {
            return env.fail(env.t("error-seal-key-not-file"), where_key, "todo-seal-key");
        }
        Ok(_) => {}
    }
    if let Err(e) = std::fs::File::open(key) {
        return env.io_fail(&e, Some(key));
    }
    // A public key (`.pub`, readable by all as it should be) is told as such, not by its mode.
    if matches!(seal::read_key(key), Err(SealError::KeyPublic)) {
        return env.fail(env.t("error-seal-key-public"), where_key, "todo-seal-key");
    }
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(key) {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return env.fail(
                env.ta(
                    "error-seal-key-open",
                    &[("mode", format!("{mode:04o}").into())],
                ),
                where_key,
                "todo-seal-key-open",
            );
        }
    }
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
        Err(SealError::KeyPublic) => {
            return env.fail(env.t("error-seal-key-public"), where_key, "todo-seal-key");
        }
        // Opened above: what is left is that it is not a key in OpenSSH's form.
        Err(SealError::KeyUnreadable(_)) => {
            return env.fail(env.t("error-seal-key-format"), where_key, "todo-seal-key");
        }
        Err(other) => {
            return env.fail(
                env.ta("error-seal-key", &[("reason", format!("{other:?}").into())]),
                where_key,
                "todo-seal-key",
            );
        }
    };
    // What a seal signs is taken as it is from then on (a record dated before it and not in
    // it is backdated; a damaged file stays damaged): so the ledger is checked first, as
    // `tebiki verify` checks it, trusting this key beside the data folder's signers.
    let signers_path = seal::signers_path(&env.data.root);
    let signers_text = std::fs::read_to_string(&signers_path).unwrap_or_default();
    let listed = seal::Signers::parse(&signers_text);
    let own_line = seal::Signers::line_for(key.public_key(), "seal");
    let trusted = seal::Signers::parse(&format!("{signers_text}\n{own_line}\n"));
    let seals = seal::read_seals(&[seal::seals_dir(&env.data.root)], Some(&trusted));
    let findings = match ledger::verify_sealed(&env.data.ledger_dir(), None, &seals) {
        Ok(report) => report.findings.len(),
        Err(e) => return env.ledger_fail(&e),
    };
    // What the latest seal this key or the signers vouch for lists: the new seal vouches
    // only for what extends it.
    let before = seals
        .iter()
        .rev()
        .find(|s| s.problem.is_none())
        .and_then(|s| Some((s.name.clone(), s.seal.as_ref()?.files.clone())));
    let (before_name, before_files) = before.unwrap_or_default();
    match seal::seal(&env.data.root, &key, jiff::Timestamp::now(), &before_files) {
        Ok(written) => {
            say(&env.ta(
                "seal-written",
                &[("path", written.path.display().to_string().into())],
            ));
            for file in &written.repeated {
                crate::admin::warn(
                    env,
                    &env.ta(
                        "seal-repeated",
                        &[
                            ("file", crate::escape::for_display(file).into()),
                            ("seal", crate::escape::for_display(&before_name).into()),
                        ],
                    ),
                );
            }
            // Sealed all the same: a seal hides nothing (a break stays a break, and a record
            // dated before any seal that does not hold it stays backdated), and refusing would
            // let whoever plants a finding stop the sealing. Exit 1 makes the timer show it.
            if findings > 0 {
                crate::admin::warn(
                    env,
                    &env.ta(
                        "seal-despite-findings",
                        &[("count", (findings as u64).into())],
                    ),
                );
                if !despite_findings {
                    eprintln!("  {}", env.t("todo-seal-findings"));
                }
            }
            if !listed
                .keys
                .iter()
                .any(|k| k.key_data() == key.public_key().key_data())
            {
                say(&env.ta(
                    "seal-signers-hint",
                    &[("file", signers_path.display().to_string().into())],
                ));
                say(&format!("  {own_line}"));
            }
            // Sealed before, and no trusted key now (deleted, say): the readers check no seal
            // until there is one, which the timer must show.
            let unchecked = !seals.is_empty() && listed.keys.is_empty();
            if unchecked {
                crate::admin::warn(
                    env,
                    &env.ta(
                        "seal-no-signers",
                        &[("file", signers_path.display().to_string().into())],
                    ),
                );
            }
            if (findings > 0 && !despite_findings) || unchecked {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
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

pub(super) fn verify(
    env: &Env,
    checkpoint: Option<&Path>,
    seals: Option<&Path>,
    signers: Option<&Path>,
    format: Format,
) -> ExitCode {
    use crate::ledger::seal;
    let given = signers.is_some();
    let signers_path =
        signers.map_or_else(|| seal::signers_path(&env.data.root), Path::to_path_buf);
    let signers = match std::fs::read_to_string(&signers_path) {
        Ok(text) => Some(seal::Signers::parse(&text)),
        Err(e) if signers.is_some() || e.kind() != std::io::ErrorKind::NotFound => {
            return env.io_fail(&e, Some(&signers_path));
        }
        Err(_) => None,
    };
    // A mistyped line would otherwise read as "no trusted key", and every seal as untrusted.
    if let Some(line) = signers.as_ref().and_then(|s| s.bad_lines.first()) {
        return env.fail(
            env.t("error-signers-line"),
            Some(format!("{}:{line}", signers_path.display())),
            // The data folder's own file is to be fixed, not replaced by another.
            if given {
                "todo-signers"
            } else {
                "todo-signers-data"
            },
        );
    }
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
                    let (what, place) = match e.kind {
                        ledger::CheckpointErrorKind::Empty => {
                            ("error-checkpoint-empty", path.display().to_string())
                        }
                        // JSON is named as a whole (line 0).
                        _ if e.line == 0 => ("error-checkpoint", path.display().to_string()),
                        _ => ("error-checkpoint", format!("{}:{}", path.display(), e.line)),
                    };
                    return env.fail(env.t(what), Some(place), "todo-checkpoint");
                }
            }
        }
    };
    let dir = env.data.ledger_dir();
    let mut report = match ledger::verify_sealed(&dir, checkpoint.as_ref(), &seals) {
        Ok(r) => r,
        Err(e) => {
            return env.ledger_fail(&e);
        }
    };
    // Sealing is set up (trusted keys), yet no seal: deleted with a rewrite, say. Nothing here
    // can prove the ledger then; the auditors' copy of the seals can (--seals).
    if signers.as_ref().is_some_and(|s| !s.keys.is_empty()) && seals.is_empty() {
        report.findings.push(ledger::Finding {
            file: "seals".into(),
            line: None,
            offset: None,
            kind: ledger::FindingKind::SealsMissing,
        });
    }
    match format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => put(&format!("{}\n", crate::escape::json_for_stdout(&s))),
            Err(e) => return env.fail(e.to_string(), None, "todo-report-bug"),
        },
        Format::Text => {
            crate::terminal_width::settle_for_text();
            let mut text = crate::verify_text::render(&report, env, &dir, seals.len());
            // What "Intact" covers when nothing outside the chain vouched for the files.
            if report.is_intact() && seals.is_empty() && checkpoint.is_none() {
                text.push_str(&env.t("verify-unsealed-caveat"));
                text.push('\n');
            }
            put(&crate::glyphs::fold(&for_terminal_width(&text)));
        }
    }
    if report.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
