//! Who records: the name kept with every record made on the command line.

use std::process::ExitCode;

use super::fail;
use crate::command::Env;

/// Who is recording: `--by`, else the login name of the account (`$USER`, `$USERNAME`, then
/// the system's user database, so a service or `env -i` still names the account).
fn recorder_name(by: Option<&str>) -> Option<String> {
    let clean = |n: String| Some(n.trim().to_string()).filter(|n| !n.is_empty());
    by.map(str::to_string)
        .and_then(clean)
        .or_else(|| std::env::var("USER").ok().and_then(clean))
        .or_else(|| std::env::var("USERNAME").ok().and_then(clean))
        .or_else(|| login_name().and_then(clean))
}

/// Who is recording (see [`recorder_name`]), or the exit code after saying why there is
/// nobody, or why the name cannot be recorded.
pub(crate) fn recorder(env: &Env, by: Option<&str>) -> Result<String, ExitCode> {
    // `--by ""` (a script's empty variable) is a mistake, not "the login name".
    if by.is_some_and(|b| b.trim().is_empty()) {
        return Err(fail(
            env,
            &env.t("record-error-by-empty"),
            None,
            "record-todo-by",
        ));
    }
    if let Some(b) = by
        && b.chars().count() > crate::text_field::MAX_GRAPHEMES
    {
        return Err(fail(
            env,
            &env.ta(
                "record-error-by-long",
                &[("max", crate::text_field::MAX_GRAPHEMES.into())],
            ),
            None,
            "record-todo-by",
        ));
    }
    let Some(by) = recorder_name(by) else {
        return Err(fail(env, &env.t("record-error-by"), None, "record-todo-by"));
    };
    refuse_hidden_name(env, &by)?;
    Ok(by)
}

/// Who recorded is shown to staff later: nothing in the name may hide or reorder what they
/// see (a control, bidi or invisible character), as in an id. The exit code after saying so.
pub(crate) fn refuse_hidden_name(env: &Env, name: &str) -> Result<(), ExitCode> {
    if !crate::escape::has_control(name) {
        return Ok(());
    }
    Err(fail(
        env,
        &env.ta(
            "record-error-by-control",
            &[(
                "name",
                crate::escape::for_terminal(name).into_owned().into(),
            )],
        ),
        None,
        "record-todo-by-control",
    ))
}

/// The name of the account this process runs as, from the system's user database.
#[cfg(unix)]
pub fn login_name() -> Option<String> {
    nix::unistd::User::from_uid(nix::unistd::Uid::current())
        .ok()
        .flatten()
        .map(|u| u.name)
}

#[cfg(not(unix))]
pub fn login_name() -> Option<String> {
    None
}
