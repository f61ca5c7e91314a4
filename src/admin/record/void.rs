//! `tebiki record void`: cancelling a mistaken trainer's or admin's record.

use super::*;

/// The employee record `record_id` is about, when the ledger holds it as a record that can be
/// used; else the lines that could not be read or used (it may be among them).
fn record_owner(
    dir: &std::path::Path,
    record_id: &str,
) -> Result<Result<String, Vec<crate::ledger::ReadIssue>>, crate::ledger::LedgerError> {
    let needle = serde_json::to_string(record_id).unwrap_or_default();
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    if !dir.is_dir() {
        return Ok(Err(Vec::new()));
    }
    let mut issues = Vec::new();
    let mut merged = crate::ledger::merged_raw(dir)?;
    while let Some(item) = merged.next_line() {
        let line = match item {
            Ok(line) => line,
            Err(issue) => {
                issues.push(issue);
                continue;
            }
        };
        if finder.find(line.raw).is_none() || line.id.to_string() != record_id {
            continue;
        }
        let v: Value = serde_json::from_slice(line.raw).unwrap_or_default();
        if let Some(owner) = crate::state::employee_id(&v) {
            return Ok(Ok(owner.to_string()));
        }
    }
    Ok(Err(issues))
}

/// `tebiki record void RECORD_ID --note WHY`: cancels a mistaken trainer's or admin's
/// record by appending a `void` record; the ledger keeps both, and every reader then leaves
/// the voided one out. A person's own decision cannot be voided.
pub(super) fn void(
    env: &Env,
    config: &crate::config::Config,
    policy: &str,
    record_id: &str,
    common: &Common,
) -> ExitCode {
    // An id as uuid writes it (lower case, hyphenated), however it was typed or pasted
    // (`01A22F7B-...` from a spreadsheet that upper-cased it).
    let typed = record_id.trim();
    let record_id =
        uuid::Uuid::parse_str(typed).map_or_else(|_| typed.to_string(), |u| u.to_string());
    let record_id = record_id.as_str();
    let by = match recorder(env, common.by.as_deref()) {
        Ok(by) => by,
        Err(code) => return code,
    };
    let Some(note) = common
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    else {
        return fail(
            env,
            &env.t("record-error-void-note"),
            None,
            "record-todo-void-note",
        );
    };
    let dir = env.data.ledger_dir();
    let owner = match record_owner(&dir, record_id) {
        Ok(Ok(o)) => o,
        Ok(Err(issues)) => {
            // It may be among the lines not read or used: they are told first.
            for issue in &issues {
                crate::admin::warn_read_issue(env, issue);
            }
            if !issues.is_empty() {
                eprintln!("  {}", env.t("todo-verify"));
            }
            return fail(
                env,
                &env.ta("record-error-void-unknown", &[("id", arg(record_id))]),
                None,
                "record-todo-void-unknown",
            );
        }
        Err(e) => return ledger_fail(env, &e),
    };
    let change = Change::Void {
        target: record_id.to_string(),
    };
    let decide = || {
        // A void added after a break in this terminal's own file would never be used.
        if let Some(broken) = crate::ledger::own_file_broken(&dir, &config.kiosk_id) {
            return Err(NotRecorded::Unreadable(broken));
        }
        let (records, issues) =
            crate::status::records(&dir, &owner).map_err(NotRecorded::Unreadable)?;
        let state = crate::state::fold(&owner, &records, policy);
        if let Err(r) = allowed(&change, &state) {
            return Err(NotRecorded::Refused(r, state.consent, issues));
        }
        let entry = Entry {
            employee: Subject {
                id: owner.clone(),
                name: state.name.clone(),
                department: state.department.clone(),
                ..Subject::default()
            },
            change: change.clone(),
            note: Some(note.to_string()),
            by: by.clone(),
            via: Via::Cli,
        };
        let (t, body) = entry.record();
        Ok((t.as_str().to_string(), body))
    };
    // Under the check lock; a refusal makes no file.
    let appended = crate::ledger::Writer::open_and_append_checked(
        &dir,
        &config.kiosk_id,
        crate::recorder::LOCK_WAIT,
        decide,
    );
    match appended {
        Ok(a) => {
            // Where it went and the state now, as every other record says: read again, with
            // the void in it.
            let headline = env.ta(
                "record-saved-void",
                &[("record", arg(record_id)), ("id", arg(owner.as_str()))],
            );
            let Ok((records, issues)) = crate::status::records(&dir, &owner) else {
                // Saved all the same; only the state after it could not be read.
                say(&headline);
                return ExitCode::SUCCESS;
            };
            let after = crate::state::fold(&owner, &records, policy);
            say(&super::saved::text(
                env,
                common.format,
                &super::saved::Saved {
                    record_type: "void",
                    appended: &a,
                    id: &owner,
                    after: &after,
                    issues: &issues,
                    tz: &config.time_zone(),
                    headline,
                    extra: None,
                },
            ));
            ExitCode::SUCCESS
        }
        Err(Checked::Ledger(e) | Checked::Refused(NotRecorded::Unreadable(e))) => {
            ledger_fail(env, &e)
        }
        Err(Checked::Refused(NotRecorded::Refused(refusal, _, issues))) => {
            let (message, todo) = refusal.message_ids();
            let todo = warn_before_refusal(env, &owner, &issues, todo);
            fail(env, &env.ta(message, &[("id", arg(record_id))]), None, todo)
        }
        Err(Checked::Refused(NotRecorded::Unknown(who))) => fail(
            env,
            &env.ta("record-error-unknown", &[("id", arg(who.as_str()))]),
            None,
            "record-todo-unknown",
        ),
    }
}
