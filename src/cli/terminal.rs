//! The full-screen commands: the employee flow (attended and kiosk), trainer mode and the
//! dashboard, each after the same set-up (a terminal, the data folder, config and content).

use super::*;

/// A kiosk shows its screens to people alone: it does not start while a value they rely on
/// is unset (attended terminals say whom to ask instead).
pub(super) fn kiosk_settings_complete(env: &Env, config: &Config) -> Result<(), ExitCode> {
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

pub(super) fn load_config(env: &Env) -> Result<Config, ExitCode> {
    env.data.load_config().map_err(|e| config_error(env, e))
}

/// Loads and fills the content, or says what is wrong with it.
pub(super) fn load_content(env: &Env, config: &Config) -> Result<Content, ExitCode> {
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
pub(super) fn interactive_setup(env: &Env) -> Result<(Config, Content), ExitCode> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(env.fail(env.t("error-no-terminal"), None, "todo-terminal"));
    }
    env.data.ensure().map_err(|e| config_error(env, e))?;
    let config = load_config(env)?;
    let content = load_content(env, &config)?;
    Ok((config, content))
}

pub(super) fn employee_flow(env: &Env, mode: Mode) -> ExitCode {
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
    let loc = env.loc.clone();
    let mut app = App::new(
        content,
        loc,
        env.lang.clone(),
        mode,
        config.kiosk_id.clone(),
    );
    app.settings = settings;
    app.directory = directory;
    app.tz = config.time_zone();
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
    warm_person_index(env.data.ledger_dir());
    match crate::run::run(&mut app, &mut recorder, &env.data.log_path()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => env.fail_words(env.words(crate::error_text::Failure::Terminal(&e))),
    }
}

/// Brings the per-person index up to date while the welcome screen shows, so that the first
/// person identified after a start (or after the cache was deleted) does not wait for it to be
/// built. Nothing is lost if the terminal quits first: the index's files are replaced whole.
fn warm_person_index(ledger: std::path::PathBuf) {
    std::thread::spawn(move || {
        // No person has an empty id: the lookup only brings the index up to date.
        let _ = crate::ledger::person_index::lookup(
            &ledger,
            "",
            &crate::ledger::seal::SealFloor::default(),
        );
    });
}

/// The roster and the identity mode a terminal runs with: `identity` from config, else
/// `roster` once a roster is imported and `open` without one. Roster and code modes need a
/// readable roster (and code mode issued codes); without them the terminal does not start.
pub(super) fn identity_setup(
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
    Ok(roster.map(|r| std::sync::Arc::new(crate::roster::directory(&r))))
}

/// The flow's settings from config.toml; a bad employee id pattern is an input error.
pub(super) fn settings(env: &Env, config: &Config) -> Result<crate::app::Settings, ExitCode> {
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

/// `tebiki present [--lang ja|en|both] [--notes]`: trainer mode (see `crate::present`); with
/// `--notes`, the window that follows the presenting one on this machine.
pub(super) fn present(env: &Env, lang: Option<&str>, notes: bool) -> ExitCode {
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
                let mut names: Vec<String> =
                    langs.iter().map(std::string::ToString::to_string).collect();
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
    let loc = env.loc.clone();
    let log = env.data.log_path();
    let io_fail =
        |e: std::io::Error| env.fail_words(env.words(crate::error_text::Failure::Terminal(&e)));
    if notes {
        let mut follower = Follower::new(content, loc, view, env.lang.clone());
        return match crate::run::present::follow(&mut follower, &env.data.root, &log) {
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
    let roster = crate::roster::load(&env.data.roster_path());
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
    app.tz = config.time_zone();
    let session_id =
        crate::present::default_session_id(jiff::Timestamp::now(), &app.tz, &config.kiosk_id);
    let mut presenter = Presenter::new(app, view, roster.ok().flatten(), &session_id);
    if roster_unreadable {
        presenter.notice = Some(crate::app::Notice {
            id: "present-roster-unreadable",
            args: Vec::new(),
            error: true,
        });
    }
    warm_person_index(env.data.ledger_dir());
    match crate::run::present::present(&mut presenter, &mut recorder, &env.data.root, &log) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => io_fail(e),
    }
}

/// `tebiki admin [--by NAME]`: the dashboard (see `crate::dashboard`), behind the admin PIN
/// when one is set.
pub(super) fn admin(env: &Env, by: Option<String>) -> ExitCode {
    use crate::dashboard::{Dashboard, Setup};
    let by = by.map(|b| b.trim().to_string()).filter(|b| !b.is_empty());
    if let Some(name) = &by
        && let Err(code) = crate::admin::record::refuse_hidden_name(env, name)
    {
        return code;
    }
    let (config, content) = match interactive_setup(env) {
        Ok(ready) => ready,
        Err(code) => return code,
    };
    if let Err(e) = ledger::validate_kiosk_id(&config.kiosk_id) {
        return env.ledger_fail(&e);
    }
    let tz = config.time_zone();
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
    let loc = env.loc.clone();
    let mut dashboard = Dashboard::new(loc, env.lang.clone(), setup);
    match crate::run::dashboard::run(&mut dashboard, &env.data.log_path()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => env.fail_words(env.words(crate::error_text::Failure::Terminal(&e))),
    }
}
