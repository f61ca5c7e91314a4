//! The dates a read checks a record by: not ahead of this machine's clock (with the grace
//! terminals' clocks get), `at` or when it says it happened, and the latter a time at all.

use std::path::Path;

use jiff::Timestamp;

use super::ReadIssue;
use super::file::Slot;
use crate::ledger::envelope::{EnvelopeProblem, Occurred, occurred_check};

/// `t` as `YYYY-MM-DDTHH:MM:SS` in UTC, as the writer spells times (to the second).
pub(crate) fn writer_seconds(t: Timestamp) -> [u8; 19] {
    let mut out = [b'0'; 19];
    let text = t.strftime("%Y-%m-%dT%H:%M:%S").to_string();
    if text.len() == 19 {
        out.copy_from_slice(text.as_bytes());
    }
    out
}

/// The time after which a record read now is dated in the future: this machine's clock plus
/// the grace `tebiki verify` gives terminals' clocks.
pub(crate) fn future_from_now() -> Timestamp {
    let now = Timestamp::now();
    now.checked_add(jiff::SignedDuration::from_secs(
        crate::ledger::verify::FUTURE_GRACE_SECS,
    ))
    .unwrap_or(now)
}

/// Why the record in `current` (its line `line`, in the file `path`) is not used for its
/// dates, if it is not: dated ahead of `future` (`at`, or `occurred_at`: it would be its
/// person's latest until then, or date their decision then), or an `occurred_at` that is no
/// time (it would be shown, and ordered, as it reads). `future_text` is `future` as
/// [`writer_seconds`] spells it.
pub(super) fn dated_wrongly(
    current: &Slot,
    line: &[u8],
    path: &Path,
    (future, future_text): (Timestamp, &[u8; 19]),
) -> Option<ReadIssue> {
    let members = if current.scanned {
        &current.members[..]
    } else {
        &[]
    };
    let occurred = if current.at > future {
        Occurred::Ahead(current.at)
    } else {
        occurred_check(line, members, future, future_text)
    };
    let (file, line, offset) = (path.to_path_buf(), current.line, current.offset);
    match occurred {
        Occurred::Ahead(at) => Some(ReadIssue::FutureDated {
            file,
            line,
            offset,
            at,
        }),
        Occurred::NotATime => Some(ReadIssue::BadEnvelope {
            file,
            line,
            offset,
            key: "occurred_at",
            problem: EnvelopeProblem::Invalid,
        }),
        Occurred::Absent | Occurred::Fine => None,
    }
}
