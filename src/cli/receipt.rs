//! `tebiki verify --receipt`: whether the ledger still holds the record a receipt names, by
//! its QR code's line or by its code (and fingerprint) as a person reads them out.

use super::*;

/// `tebiki verify --receipt TEXT`: exit 0 when the ledger holds exactly the record the
/// receipt's line names, 1 (saying what differs) when not, 2 when the text is not a receipt.
pub(super) fn verify_receipt(env: &Env, text: &str) -> ExitCode {
    use crate::ledger::{Receipt, ReceiptCheck};
    let Some(receipt) = Receipt::parse(text) else {
        if let Some((code, fingerprint)) = crate::ledger::parse_code(text)
            && fingerprint
                .as_ref()
                .is_none_or(|f| f.len() >= FINGERPRINT_MIN)
        {
            return verify_code(env, &code, fingerprint.as_deref());
        }
        return env.fail(
            env.t("error-receipt-text"),
            Some(text.chars().take(120).collect()),
            "todo-receipt-text",
        );
    };
    let dir = env.data.ledger_dir();
    let found = match crate::ledger::check_receipt(&dir, &receipt) {
        Ok(found) => found,
        Err(e) => {
            return env.fail(
                env.ta("error-io", &[("reason", e.to_string().into())]),
                Some(dir.display().to_string()),
                "todo-data-folder",
            );
        }
    };
    // Its message says what to do: the general advice on changed records does not apply.
    let unended = matches!(found, ReceiptCheck::Unended { .. });
    let (ok, message) = match found {
        ReceiptCheck::Holds { file, line } => {
            let place = format!("{file}:{line}");
            match crate::ledger::receipt_standing(&dir, &dir.join(&file), line) {
                Ok(()) => (true, env.ta("receipt-holds", &[("place", place.into())])),
                Err(crate::ledger::Doubt::Withheld(at)) => (
                    false,
                    env.ta(
                        "receipt-holds-withheld",
                        &[("place", place.into()), ("line", at.into())],
                    ),
                ),
                Err(crate::ledger::Doubt::Seal(issues)) => {
                    for issue in &issues {
                        crate::admin::warn_read_issue(env, issue);
                    }
                    (
                        false,
                        env.ta("receipt-holds-seal", &[("place", place.into())]),
                    )
                }
            }
        }
        ReceiptCheck::CodeDiffers {
            file,
            line,
            recorded,
        } => (
            false,
            env.ta(
                "receipt-code-differs",
                &[
                    ("place", format!("{file}:{line}").into()),
                    ("code", receipt.code.clone().into()),
                    ("recorded", recorded.unwrap_or_else(|| "-".into()).into()),
                ],
            ),
        ),
        ReceiptCheck::Unended { file, line } => (
            false,
            env.ta(
                "receipt-unended",
                &[("place", format!("{file}:{line}").into())],
            ),
        ),
        ReceiptCheck::NoFile { file } => {
            (false, env.ta("receipt-no-file", &[("file", file.into())]))
        }
        ReceiptCheck::NoRecord { file, seq } => (
            false,
            env.ta(
                "receipt-no-record",
                &[("file", file.into()), ("seq", seq.into())],
            ),
        ),
        ReceiptCheck::Differs {
            file,
            line,
            found_sha256,
            code_matches,
        } => (
            false,
            env.ta(
                if code_matches {
                    "receipt-differs"
                } else {
                    "receipt-differs-other"
                },
                &[
                    ("place", format!("{file}:{line}").into()),
                    ("sha", found_sha256.into()),
                ],
            ),
        ),
    };
    say(&for_terminal(&message));
    if ok {
        ExitCode::SUCCESS
    } else {
        if !unended {
            say(&env.t("todo-verify-receipt"));
        }
        ExitCode::from(1)
    }
}

/// The fewest hex digits of a record's fingerprint `verify --receipt CODE FINGERPRINT` takes
/// (the receipt shows 16).
const FINGERPRINT_MIN: usize = 8;

/// `tebiki verify --receipt CODE [FINGERPRINT]`: the record with that receipt code, found in
/// the ledger (as every reader reads it), and whether its fingerprint (the first hex digits of
/// its line's SHA-256, as the receipt shows them) is the one given. Exit 0 when found (and
/// the fingerprint, if given, is the record's), 1 when not, or when more than one record has
/// the code.
fn verify_code(env: &Env, code: &str, fingerprint: Option<&str>) -> ExitCode {
    use crate::ledger::{CodeFound, fingerprint as shown};
    let dir = env.data.ledger_dir();
    let crate::ledger::CodeSearch {
        found,
        withheld,
        issues,
    } = match crate::ledger::find_code(&dir, code) {
        Ok(search) => search,
        Err(e) => return env.ledger_fail(&e),
    };
    let place = |f: &CodeFound| format!("{}:{}", f.file, f.line);
    let said = |id: &str, f: &CodeFound| {
        env.ta(
            id,
            &[
                ("code", code.into()),
                ("place", place(f).into()),
                ("fingerprint", shown(&f.sha256).into()),
                ("given", shown(fingerprint.unwrap_or_default()).into()),
            ],
        )
    };
    // The record the fingerprint names, when one was given.
    let named = fingerprint.and_then(|g| found.iter().find(|f| f.sha256.starts_with(g)));
    // The one record answered about: when the seals do not vouch for its file as it is, it
    // is not said to be unchanged (its file may have been rewritten with it).
    let answered = named.or(match found.as_slice() {
        [one] => Some(one),
        _ => None,
    });
    let doubted = answered.is_some_and(|f| {
        match crate::ledger::receipt_standing(&dir, &dir.join(&f.file), f.line) {
            Err(crate::ledger::Doubt::Seal(doubts)) => {
                for doubt in &doubts {
                    crate::admin::warn_read_issue(env, doubt);
                }
                true
            }
            _ => false,
        }
    });
    let mut lines = Vec::new();
    match (found.as_slice(), named) {
        (_, Some(f)) | ([f], None) if doubted => lines.push(said("receipt-code-seal", f)),
        // Not among the records used, but there after a break: said as such, not as absent.
        ([], _) if !withheld.is_empty() => {}
        ([], _) => lines.push(env.ta("receipt-code-none", &[("code", code.into())])),
        (_, Some(f)) => lines.push(said("receipt-code-holds", f)),
        ([one], None) if fingerprint.is_none() => lines.push(said("receipt-code-found", one)),
        ([one], None) => lines.push(said("receipt-fingerprint-differs", one)),
        _ => {}
    }
    if found.len() > 1 {
        // A code is given to one record only.
        let places: Vec<String> = found
            .iter()
            .map(|f| format!("{} ({})", place(f), shown(&f.sha256)))
            .collect();
        lines.push(env.ta(
            "receipt-code-many",
            &[("code", code.into()), ("places", places.join(", ").into())],
        ));
    }
    for (f, at) in &withheld {
        lines.push(env.ta(
            "receipt-code-withheld",
            &[
                ("code", code.into()),
                ("place", place(f).into()),
                ("fingerprint", shown(&f.sha256).into()),
                ("line", (*at).into()),
            ],
        ));
    }
    for line in &lines {
        say(&for_terminal(line));
    }
    if !withheld.is_empty() || doubted {
        say(&env.t("todo-verify"));
    } else if issues > 0 {
        warn_incomplete_search(env, issues);
    }
    let ok =
        issues == 0 && !doubted && found.len() == 1 && (fingerprint.is_none() || named.is_some());
    if ok {
        return ExitCode::SUCCESS;
    }
    // A code found nowhere is most likely mistyped: its message says to check it.
    if issues == 0 && !found.is_empty() {
        say(&env.t("todo-verify-receipt"));
    }
    ExitCode::from(1)
}

/// Says that some ledger lines could not be read or used, so a search may have missed them.
fn warn_incomplete_search(env: &Env, issues: usize) {
    eprintln!(
        "{}: {}",
        env.t("warning-label"),
        env.ta("receipt-code-incomplete", &[("count", issues.into())])
    );
    eprintln!("  {}", env.t("todo-verify"));
}
