//! What `tebiki record` says once a record is saved: where it went and the person's state now,
//! in words or as JSON.

use jiff::tz::TimeZone;
use serde_json::json;

use super::arg;
use crate::command::{Env, Format};
use crate::escape::for_terminal;
use crate::ledger::{Appended, ReadIssue};
use crate::state::EmployeeState;

/// A record just saved, and the person's state with it.
pub(super) struct Saved<'a> {
    pub record_type: &'a str,
    pub appended: &'a Appended,
    pub id: &'a str,
    pub after: &'a EmployeeState,
    /// What the reading of their records left out (the state is only as complete as that).
    pub issues: &'a [ReadIssue],
    pub tz: &'a TimeZone,
    /// "Saved: ..." in words.
    pub headline: String,
    /// A line more in words, after the state.
    pub extra: Option<String>,
}

/// The text to print for `s` in `format`.
pub(super) fn text(env: &Env, format: Format, s: &Saved<'_>) -> String {
    let (appended, after, id) = (s.appended, s.after, s.id);
    match format {
        Format::Json => crate::escape::json_for_stdout(
            &json!({
                "saved": true,
                "type": s.record_type,
                "id": appended.id.to_string(),
                "at": appended.at.to_string(),
                "file": appended.file.display().to_string(),
                "seq": appended.seq,
                "employee_id": id,
                "consent": after.consent,
                "stage": after.stage,
                "champion": after.champion,
                "supported_by": after.supported_by,
                "followup": after.followup,
                // The state after it is as complete as the ledger read: as status says.
                "complete": s.issues.is_empty(),
                "in_withheld_records": crate::ledger::withheld_about(s.issues, id),
                // Each place not read or used, as status lists them.
                "skipped": s
                    .issues
                    .iter()
                    .map(|issue| crate::admin::report::Skipped {
                        people: None,
                        ..crate::admin::report::Skipped::of(issue)
                    })
                    .collect::<Vec<_>>(),
            })
            .to_string(),
        )
        .into_owned(),
        Format::Text => {
            let when = appended
                .at
                .to_zoned(s.tz.clone())
                .strftime("%Y-%m-%d %H:%M:%S")
                .to_string();
            let consent = after.consent.as_str();
            let stage = after.stage.as_str();
            [
                s.headline.clone(),
                env.ta(
                    "record-saved-where",
                    &[
                        ("at", arg(when)),
                        (
                            "file",
                            arg(for_terminal(&appended.file.display().to_string()).into_owned()),
                        ),
                        ("seq", appended.seq.into()),
                    ],
                ),
                env.ta(
                    "record-now",
                    &[
                        ("consent", arg(env.t(&format!("state-{consent}")))),
                        ("stage", arg(env.t(&format!("report-stage-{stage}")))),
                    ],
                ),
            ]
            .into_iter()
            .chain(s.extra.clone())
            .collect::<Vec<_>>()
            .join("\n")
        }
    }
}
