//! `tebiki status ID`: one employee's current consent state and full history.

use std::fmt::Write;
use std::path::Path;

use crate::escape::{for_display, for_terminal};
use crate::i18n::{Lang, Localizer};
use crate::ledger::{self, LedgerError, ReadIssue};
use crate::state::{EmployeeState, fold};

/// Reads every ledger file and folds the records about `employee`. Lines that could not be
/// read come back too, so the caller can say the answer may be incomplete.
pub fn load(
    ledger_dir: &Path,
    employee: &str,
    current_policy: &str,
) -> Result<(EmployeeState, Vec<ReadIssue>), LedgerError> {
    let mut mine = Vec::new();
    let mut issues = Vec::new();
    if ledger_dir.is_dir() {
        for item in ledger::merged(ledger_dir)? {
            match item {
                Ok(rec) if crate::state::employee_id(&rec.value) == Some(employee) => {
                    mine.push(rec.value)
                }
                Ok(_) => {}
                Err(issue) => issues.push(issue),
            }
        }
    }
    Ok((fold(employee, &mine, current_policy), issues))
}

/// The readable form, every value escaped for the terminal.
pub fn to_text(s: &EmployeeState, loc: &Localizer, lang: &Lang, tz: &jiff::tz::TimeZone) -> String {
    let mut out = String::new();
    let name = s.name.as_deref().map(for_display).unwrap_or_default();
    let dept = s.department.as_deref().map(for_display).unwrap_or_default();
    let _ = writeln!(
        out,
        "{}",
        loc.ta(
            lang,
            "status-who",
            &[
                ("id", for_terminal(&s.employee_id).into_owned().into()),
                ("name", name.into()),
                ("dept", dept.into()),
            ],
        )
    );
    let state_word = s.consent.as_str();
    let _ = writeln!(
        out,
        "{}",
        loc.ta(
            lang,
            "status-consent",
            &[
                ("state", state_word.into()),
                ("label", loc.t(lang, &format!("state-{state_word}")).into()),
                (
                    "version",
                    s.policy_version
                        .clone()
                        .unwrap_or_else(|| "-".into())
                        .into()
                ),
            ],
        )
    );
    if s.history.is_empty() {
        let _ = writeln!(out, "{}", loc.t(lang, "status-no-records"));
        return out;
    }
    let _ = writeln!(out, "{}", loc.t(lang, "status-history"));
    for h in &s.history {
        let when =
            h.at.parse::<jiff::Timestamp>()
                .map(|t| {
                    t.to_zoned(tz.clone())
                        .strftime("%Y-%m-%d %H:%M")
                        .to_string()
                })
                .unwrap_or_else(|_| for_terminal(&h.at).into_owned());
        let _ = writeln!(
            out,
            "  {when}  {:<10} {:<9} {:<11} {:<14} {}",
            for_terminal(&h.record_type),
            for_terminal(h.decision.as_deref().unwrap_or("-")),
            for_terminal(h.policy_version.as_deref().unwrap_or("-")),
            for_terminal(&h.kiosk),
            for_terminal(h.receipt.as_deref().unwrap_or("")),
        );
    }
    out
}
