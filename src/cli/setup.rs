//! The commands that check or set up a terminal: `config check`, `content check`, `pin set`
//! and `pin unlock`.

use super::*;

/// `tebiki config check`: every setting people rely on that is not set, and every value that
/// is not valid (exit 1 when there is any; 0 when all is set).
pub(super) fn config_check(env: &Env) -> ExitCode {
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
    // Without it every local date and time (the report's, the CSV's, due days) follows this
    // machine's zone, which another machine (a server in UTC) need not share.
    if config.timezone.is_none() {
        let zone = jiff::tz::TimeZone::system()
            .iana_name()
            .unwrap_or("UTC")
            .to_owned();
        findings.push(env.ta("config-timezone-unset", &[("zone", zone.into())]));
    }
    // English screens would show these as written: an English reader could not read whom
    // to call about a lost phone, or how long records are kept.
    for (key, value) in config.without_english() {
        findings.push(env.ta(
            "config-no-english",
            &[
                ("key", key.into()),
                ("value", value.into()),
                ("en", key.replacen("org.", "[org.en] ", 1).into()),
            ],
        ));
    }
    // A language the screens are not in would silently start people in another one.
    if let Some(lang) = &config.language {
        let known: Vec<String> = env
            .loc
            .languages()
            .iter()
            .map(|l| l.as_str().to_string())
            .collect();
        if !known.contains(lang) {
            findings.push(env.ta(
                "config-bad-language",
                &[
                    ("value", lang.clone().into()),
                    ("known", known.join(&env.t("list-separator")).into()),
                ],
            ));
        }
    }
    // A wait of 0 seconds: the kiosk would start over, or close the receipt, at once.
    for (key, secs) in [
        ("idle_timeout_secs", config.idle_timeout_secs),
        ("receipt_timeout_secs", config.receipt_timeout_secs),
    ] {
        if secs < 5 {
            findings.push(env.ta(
                "config-too-short",
                &[("key", key.into()), ("value", secs.to_string().into())],
            ));
        }
    }
    if let Some(p) = &config.employee_id_pattern
        && let Err(e) = crate::record::identity::IdRule::new(Some(p))
    {
        findings.push(env.ta(
            "error-id-pattern",
            &[(
                "reason",
                crate::record::identity::IdRule::pattern_problem(&e).into(),
            )],
        ));
    }
    if let Some(hash) = &config.admin_pin_hash
        && argon2::password_hash::PasswordHash::new(hash).is_err()
    {
        findings.push(env.t("config-bad-pin-hash"));
    }
    if let Err(e) = crate::ledger::validate_kiosk_id(&config.kiosk_id) {
        findings.push(env.words(crate::error_text::Failure::Ledger(&e)).what);
    }
    if config.identity == Some(crate::record::identity::IdentityMode::Code) {
        findings.extend(code_mode_findings(env));
    }
    if findings.is_empty() {
        say(&env.ta("config-all-set", &[("file", path.into())]));
        return ExitCode::SUCCESS;
    }
    say(&env.ta(
        "config-findings",
        &[("file", path.into()), ("count", findings.len().into())],
    ));
    for f in findings {
        say(&format!("  - {}", for_terminal(&f)));
    }
    ExitCode::from(1)
}

/// In identity mode `code`, what stops people from showing who they are: no roster, no codes,
/// or people on the roster who were never given one (they could not get past the code).
fn code_mode_findings(env: &Env) -> Vec<String> {
    let roster = match crate::roster::load(&env.data.roster_path()) {
        Ok(Some(r)) => r,
        Ok(None) => {
            return vec![env.ta("error-identity-no-roster", &[("mode", "code".into())])];
        }
        Err(e) => return vec![crate::admin::roster::load_error_text(env, &e).0],
    };
    let codes = match crate::record::codes::Codes::load(&env.data.codes_path()) {
        Ok(c) => c,
        Err(e) => {
            let path = env.data.codes_path().display().to_string();
            let why = env.ta("error-io", &[("reason", e.to_string().into())]);
            return vec![format!("{path}: {why}")];
        }
    };
    let mut keys = std::collections::HashSet::new();
    let without: Vec<&str> = roster
        .iter()
        .filter(|e| keys.insert(crate::ids::key(&e.id)) && !codes.issued_for(&e.id))
        .map(|e| e.id.as_str())
        .collect();
    if without.is_empty() {
        return Vec::new();
    }
    let shown: Vec<&str> = without.iter().take(5).copied().collect();
    vec![env.ta(
        "config-codes-missing",
        &[
            ("count", without.len().into()),
            ("of", keys.len().into()),
            ("ids", shown.join(", ").into()),
            ("more", (without.len() - shown.len()).into()),
        ],
    )]
}

pub(super) fn content_check(env: &Env) -> ExitCode {
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

/// `tebiki pin unlock`: clears the count of wrong PINs of the kiosk and of the dashboard, run
/// by an admin at the machine (it needs write access to the data folder).
pub(super) fn pin_unlock(env: &Env) -> ExitCode {
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
pub(super) fn pin_set(env: &Env) -> ExitCode {
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
    if let Err(e) = env
        .data
        .ensure()
        .and_then(|()| env.data.set_pin_hash(&hash))
    {
        return config_error(env, e);
    }
    put(&format!(
        "{}\n",
        for_terminal(&env.ta(
            "pin-set-done",
            &[("file", env.data.config_path().display().to_string().into())]
        ))
    ));
    // The PIN is kept whatever else the file holds; a mistake elsewhere in it still stops
    // the kiosk, so it is named now rather than found at the kiosk.
    if let Err(crate::config::ConfigError::Parse { path, line, reason }) = env.data.load_config() {
        crate::admin::warn(
            env,
            &env.ta(
                "pin-set-config-mistake",
                &[
                    ("reason", crate::command::config_reason(env, &reason).into()),
                    (
                        "place",
                        crate::command::place(&path.display().to_string(), line).into(),
                    ),
                ],
            ),
        );
    }
    ExitCode::SUCCESS
}
