//! `tebiki status ID`: one employee's current consent state and full history.

use std::fmt::Write;
use std::path::Path;

use crate::escape::{for_display, for_terminal};
use crate::i18n::{Lang, Localizer};
use crate::ledger::about::Matcher;
use crate::ledger::{self, LedgerError, ReadIssue};
use crate::state::{EmployeeState, HistoryEntry, fold};

/// Reads every ledger file and folds the records about `employee`. Lines that could not be
/// read come back too, so the caller can say the answer may be incomplete.
pub fn load(
    ledger_dir: &Path,
    employee: &str,
    current_policy: &str,
) -> Result<(EmployeeState, Vec<ReadIssue>), LedgerError> {
    let (mine, issues) = records(ledger_dir, employee)?;
    Ok((fold(employee, &mine, current_policy), issues))
}

/// The records [`fold`] needs for `employee`, in ledger order: those about them, and champion
/// pairings that name them as the person supported. Read through the per-person index in
/// `$DATA/cache` when it can answer (see `ledger::person_index`), else from the whole ledger.
pub fn records(
    ledger_dir: &Path,
    employee: &str,
) -> Result<(Vec<serde_json::Value>, Vec<ReadIssue>), LedgerError> {
    // The index checks the chain; what the latest seal vouches for is checked here, once.
    let (sealed, floor) = ledger::seal::sealed_heads(ledger_dir);
    let lookup = |id: &str| ledger::person_index::lookup(ledger_dir, id, &floor);
    let (mut mine, issues) = match lookup(employee) {
        Some(mine) => (mine, sealed),
        None => records_scanned(ledger_dir, employee)?,
    };
    // A champion who stopped no longer supports anyone; that is in the champion's records,
    // which do not name the people they supported. (What could not be read is told of the
    // whole ledger, by the first look already.)
    for champion in champions_of(&mine, employee) {
        let theirs = match lookup(&champion) {
            Some(theirs) => theirs,
            None => records_scanned(ledger_dir, &champion)?.0,
        };
        let stops = theirs.into_iter().filter(|r| {
            let kind = r.get("type").and_then(serde_json::Value::as_str);
            kind == Some("void") || (kind == Some("champion") && r.get("supports").is_none())
        });
        merge_in(&mut mine, stops);
    }
    Ok((mine, issues))
}

/// The champions `records` pair with `employee` (once each, as first recorded).
fn champions_of(records: &[serde_json::Value], employee: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in records {
        let supports = r.get("supports").and_then(serde_json::Value::as_str);
        if r.get("type").and_then(serde_json::Value::as_str) == Some("champion")
            && supports.is_some_and(|s| crate::ids::same_id(s, employee))
            && let Some(champion) = crate::state::employee_id(r)
            && !crate::ids::same_id(champion, employee)
            && !out.iter().any(|c| crate::ids::same_id(c, champion))
        {
            out.push(champion.to_string());
        }
    }
    out
}

/// Puts `more` into `records` (both in ledger order: by time, then id) where they belong, but
/// for those there already (the same id).
fn merge_in(
    records: &mut Vec<serde_json::Value>,
    more: impl IntoIterator<Item = serde_json::Value>,
) {
    let key = |r: &serde_json::Value| {
        let text = |k: &str| r.get(k).and_then(serde_json::Value::as_str);
        (
            text("at").and_then(|a| a.parse::<jiff::Timestamp>().ok()),
            text("id").unwrap_or_default().to_owned(),
        )
    };
    let mut keys: Vec<_> = records.iter().map(key).collect();
    for r in more {
        let k = key(&r);
        if keys.iter().any(|m| m.1 == k.1) {
            continue;
        }
        let at = keys.iter().position(|m| *m > k).unwrap_or(keys.len());
        keys.insert(at, k);
        records.insert(at, r);
    }
}

/// [`records`] by reading every line of the ledger.
pub fn records_scanned(
    ledger_dir: &Path,
    employee: &str,
) -> Result<(Vec<serde_json::Value>, Vec<ReadIssue>), LedgerError> {
    let mut mine = Vec::new();
    let mut issues = Vec::new();
    let matcher = Matcher::new(employee);
    if ledger_dir.is_dir() {
        let mut merged = ledger::merged_raw(ledger_dir)?;
        // Lines are lent, not copied: only the few about this person are parsed.
        while let Some(item) = merged.next_line() {
            match item {
                Ok(rec) => {
                    if let Some(value) = matcher.about(rec.raw) {
                        mine.push(value);
                    }
                }
                Err(issue) => issues.push(issue),
            }
        }
    }
    Ok((mine, issues))
}

/// The day a follow-up is due, said to be past when it is (as the report lists it overdue).
fn due_text(due: Option<&str>, loc: &Localizer, lang: &Lang, tz: &jiff::tz::TimeZone) -> String {
    let shown = for_terminal(due.unwrap_or("-")).into_owned();
    let today = jiff::Timestamp::now().to_zoned(tz.clone()).date();
    match due.and_then(|d| d.trim().parse::<jiff::civil::Date>().ok()) {
        Some(day) if day < today => loc.ta(lang, "status-due-overdue", &[("due", shown.into())]),
        _ => shown,
    }
}

/// Columns a line of `status` keeps within (a terminal's usual width).
const WIDTH: usize = 80;

/// `text` with every line wider than [`WIDTH`] columns wrapped, its following lines indented
/// four columns more than it (a long name, department, note or kiosk id).
fn within_width(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        out.push_str(&crate::wrap::hanging(line, WIDTH, 4));
        out.push('\n');
    }
    out
}

/// What the ledger read for an answer may lack: "no records" is then not said as such.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gaps {
    /// Everything was read and used.
    None,
    /// Some of the ledger could not be read or used (a line, an entry that is not a ledger
    /// file, ...): the person may have records there.
    Ledger,
    /// Every line was read, but the seals could not vouch for the ledger (a file no longer
    /// holds what was sealed, the seals are not trusted or not checked): records of the person
    /// may have been changed or removed.
    Seals,
    /// Records about the person were withheld after a break in the chain.
    Withheld,
}

impl Gaps {
    /// From whether records about the person were `withheld`, and the `issues` of the read.
    pub fn of(withheld: bool, issues: &[crate::ledger::ReadIssue]) -> Gaps {
        if withheld {
            Gaps::Withheld
        } else if issues.is_empty() {
            Gaps::None
        } else if issues.iter().all(crate::ledger::ReadIssue::is_about_seals) {
            Gaps::Seals
        } else {
            Gaps::Ledger
        }
    }
}

/// The readable form, every value escaped for the terminal. `gaps`: what the ledger read may
/// lack, so that "no records" is not said as such when it does.
pub fn to_text(
    s: &EmployeeState,
    loc: &Localizer,
    lang: &Lang,
    tz: &jiff::tz::TimeZone,
    gaps: Gaps,
) -> String {
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
                    for_terminal(s.policy_version.as_deref().unwrap_or("-"))
                        .into_owned()
                        .into()
                ),
            ],
        )
    );
    let stage = s.stage.as_str();
    let _ = writeln!(
        out,
        "{}",
        loc.ta(
            lang,
            "status-stage",
            &[
                ("stage", stage.into()),
                (
                    "label",
                    loc.t(lang, &format!("report-stage-{stage}")).into()
                ),
            ],
        )
    );
    // Their own phone in use without a consent in force (expired, withdrawn, never given):
    // said at once, as the report and the dashboard say it.
    if s.stage.on_own_phone() && s.consent != crate::state::ConsentState::Given {
        let _ = writeln!(out, "{}", loc.t(lang, "status-in-use-without-consent"));
    }
    if s.champion {
        let supports = if s.supports.is_empty() {
            "-".to_string()
        } else {
            s.supports
                .iter()
                .map(|p| for_terminal(p).into_owned())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "{}",
            loc.ta(lang, "status-champion", &[("supports", supports.into())])
        );
    }
    if let Some(c) = &s.supported_by {
        let _ = writeln!(
            out,
            "{}",
            loc.ta(
                lang,
                "status-supported-by",
                &[("champion", for_terminal(c).into_owned().into())]
            )
        );
    }
    if let Some(f) = &s.followup {
        let _ = writeln!(
            out,
            "{}",
            loc.ta(
                lang,
                // Without a note, nothing after the day (not a colon leading nowhere).
                if f.note.as_deref().is_some_and(|n| !n.trim().is_empty()) {
                    "status-followup"
                } else {
                    "status-followup-no-note"
                },
                &[
                    ("due", due_text(f.due.as_deref(), loc, lang, tz).into()),
                    (
                        "note",
                        for_terminal(&for_display(f.note.as_deref().unwrap_or("")))
                            .into_owned()
                            .into()
                    ),
                ],
            )
        );
    }
    if s.history.is_empty() {
        let id = match gaps {
            Gaps::Withheld => "status-no-records-withheld",
            Gaps::Ledger => "status-no-records-incomplete",
            Gaps::Seals => "status-no-records-seals",
            Gaps::None => "status-no-records",
        };
        let _ = writeln!(out, "{}", loc.t(lang, id));
        return within_width(&out);
    }
    let _ = writeln!(out, "{}", loc.t(lang, "status-history"));
    let local = |at: &str| {
        at.parse::<jiff::Timestamp>().map_or_else(
            |_| for_terminal(at).into_owned(),
            |t| {
                t.to_zoned(tz.clone())
                    .strftime("%Y-%m-%d %H:%M")
                    .to_string()
            },
        )
    };
    // Each record's kind and what it says, in words, and the columns' widths.
    let words: Vec<(String, String)> = s
        .history
        .iter()
        .map(|h| history_words(h, loc, lang))
        .collect();
    let width = |f: fn(&(String, String)) -> &String| {
        words
            .iter()
            .map(|w| crate::wrap::display_width(f(w)))
            .max()
            .unwrap_or(0)
    };
    let (kind_w, what_w) = (width(|w| &w.0), width(|w| &w.1));
    // Dated by when it happened, as the dashboard dates it (a day alone for a session's date,
    // padded to line up); when recorded later, that time follows.
    let whens: Vec<String> = s
        .history
        .iter()
        .map(|h| h.occurred.as_deref().map_or_else(|| local(&h.at), local))
        .collect();
    let when_w = whens
        .iter()
        .map(|w| crate::wrap::display_width(w))
        .max()
        .unwrap_or(0);
    for (n, h) in s.history.iter().enumerate() {
        let recorded = local(&h.at);
        let when = pad(&whens[n], when_w);
        let (kind, what) = &words[n];
        let mut line = format!(
            "  {when}  {}  {}  {:<11} {:<14} {}",
            pad(kind, kind_w),
            pad(what, what_w),
            for_terminal(h.policy_version.as_deref().unwrap_or("-")),
            for_terminal(&h.kiosk),
            for_terminal(h.receipt.as_deref().unwrap_or("")),
        );
        line.truncate(line.trim_end().len());
        // Who recorded it, when if later, and whether it was voided: on the line when it
        // still fits 80 columns, else on the line below.
        let mut extra = String::new();
        if let Some(by) = &h.recorded_by {
            let by = for_terminal(&for_display(by)).into_owned();
            extra.push_str(&loc.ta(lang, "status-by", &[("name", by.into())]));
        }
        // A day alone (an attendance's `--date`) that is the day recorded says nothing more.
        if whens[n] != recorded && !recorded.starts_with(&whens[n]) {
            extra.push_str(&loc.ta(
                lang,
                "status-recorded-at",
                &[("at", recorded.clone().into())],
            ));
        }
        if let Some(reason) = &h.voided {
            // Voided: kept in the history, marked, and it no longer counts. Marked in words,
            // not struck through with combining characters, so that the line can still be
            // searched and copied, and lines up on every terminal.
            let reason = for_terminal(&for_display(reason)).into_owned();
            extra.push_str(&loc.ta(lang, "status-voided", &[("reason", reason.into())]));
        }
        let _ = writeln!(
            out,
            "{}",
            crate::wrap::beside_or_below(line, extra.trim_start(), WIDTH, 6)
        );
        // The session attended, the day a withdrawal was asked for, the record a void
        // cancels: each on a line of its own below.
        let below = [
            (
                "status-session",
                "session",
                h.session.as_ref().filter(|_| h.record_type == "attendance"),
            ),
            ("status-requested-on", "day", h.requested_on.as_ref()),
            (
                "status-voids",
                "id",
                h.voids.as_ref().filter(|_| h.record_type == "void"),
            ),
        ];
        for (id, name, value) in below {
            if let Some(value) = value {
                let value = for_terminal(value).into_owned();
                let _ = writeln!(out, "      {}", loc.ta(lang, id, &[(name, value.into())]));
            }
        }
        if let Some(note) = h.note.as_deref().filter(|n| !n.is_empty()) {
            for part in crate::wrap::wrap(&for_terminal(&for_display(note)), WIDTH - 6) {
                let _ = writeln!(out, "      {part}");
            }
        }
    }
    within_width(&out)
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    let w = crate::wrap::display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(w)))
}

/// A history entry's kind and what it says (a decision, a stage, a pairing, a due date), in
/// the words of `lang`, made safe for a terminal.
fn history_words(h: &HistoryEntry, loc: &Localizer, lang: &Lang) -> (String, String) {
    let word = |id: String, code: &str| match loc.t(lang, &id) {
        t if t == id => for_terminal(code).into_owned(),
        t => t,
    };
    let kind = word(
        format!("record-type-{}.timeline", h.record_type),
        &h.record_type,
    );
    let what = match h.record_type.as_str() {
        "stage" => h
            .stage
            .as_deref()
            .map(|st| word(format!("report-stage-{st}"), st)),
        "followup" => h
            .due
            .as_ref()
            .map(|d| format!("{}{}", crate::glyphs::glyphs().due, for_terminal(d))),
        "champion" => Some(match (&h.supports, h.active) {
            (Some(p), Some(false)) => format!("-{}", for_terminal(p)),
            (Some(p), _) => format!("+{}", for_terminal(p)),
            (None, Some(false)) => loc.t(lang, "dash-champion-no"),
            (None, _) => loc.t(lang, "dash-champion-yes"),
        }),
        // The record it cancels: a whole id, given on a line of its own below.
        "void" => None,
        _ => h
            .decision
            .as_deref()
            .map(|dec| word(format!("state-{dec}"), dec)),
    };
    (kind, what.unwrap_or_else(|| "-".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Source;

    /// An open follow-up whose day has passed is said to be overdue; one still to come not.
    #[test]
    fn an_overdue_follow_up_is_said_so() {
        let (loc, _) = Localizer::load(&Source::Embedded);
        let tz = jiff::tz::TimeZone::UTC;
        for (due, overdue) in [("2020-01-06", true), ("2999-01-06", false)] {
            let record = serde_json::json!({
                "type": "followup", "at": "2020-01-01T00:00:00Z", "id": "x",
                "employee": {"id": "E1"}, "due": due, "note": "call",
            });
            let state = crate::state::fold("E1", &[record], "2026-11-23");
            for (lang, word) in [("en", "(overdue)"), ("ja", "（期日超過）")] {
                let text = to_text(&state, &loc, &Lang::new(lang), &tz, Gaps::None);
                assert!(text.contains(due), "{text}");
                assert_eq!(text.contains(word), overdue, "{lang} {due}: {text}");
            }
        }
    }

    /// Someone whose every record was withheld, or whose records may be in what could not
    /// be read, is not said to have none yet.
    #[test]
    fn no_records_is_said_apart_from_records_withheld_or_unread() {
        let (loc, _) = Localizer::load(&Source::Embedded);
        let state = crate::state::fold("E1", &[], "2026-11-23");
        let tz = jiff::tz::TimeZone::UTC;
        for (lang, words) in [
            (
                "en",
                [
                    "No records for this ID yet.",
                    "No record of this ID could be used",
                    "No record of this ID was found in what could be read",
                    "No record of this ID is in the ledger as it stands",
                ],
            ),
            (
                "ja",
                [
                    "記録はまだありません",
                    "記録で使えたものはありません",
                    "読めた範囲には、この社員番号の記録はありません",
                    "今の台帳には、この社員番号の記録はありません",
                ],
            ),
        ] {
            let lang = Lang::new(lang);
            let said = |gaps| {
                let text = to_text(&state, &loc, &lang, &tz, gaps);
                words.map(|t| text.contains(t))
            };
            assert_eq!(said(Gaps::None), [true, false, false, false]);
            assert_eq!(said(Gaps::Withheld), [false, true, false, false]);
            assert_eq!(said(Gaps::Ledger), [false, false, true, false]);
            assert_eq!(said(Gaps::Seals), [false, false, false, true]);
        }
    }
}
