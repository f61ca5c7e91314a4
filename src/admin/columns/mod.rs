//! The CSV export's columns as one table: each column's stable key, the record fields it is
//! made from, and how its cell is written - as stored (the default, which scripts rely on) or,
//! with `--labels ja|en`, in words of that language. Every field a record can hold is either
//! the source of a column here or listed in [`JSON_ONLY`] with the reason it has none (a test
//! builds a record of every type and checks).

use std::fmt::Write as _;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::ledger::Record;
use crate::ledger::fields::{Fields, Text};

mod labels;
pub use labels::Labels;

/// One record while its row is written.
pub struct Row<'a, 'b> {
    pub record: &'a Record,
    pub f: &'a Fields<'b>,
    pub tz: &'a TimeZone,
    /// The current content's screens (see `unread_screens`).
    pub screens: &'a Screens,
}

/// The current content's screens, as `unread_screens` goes by them.
#[derive(Debug, Clone, Default)]
pub struct Screens {
    /// Not text to read to its end (the check, the choice, the receipt).
    pub not_reading: Vec<String>,
    /// The text screens a person must read to agree ([`crate::content::Manifest::to_read`]).
    pub required: Vec<String>,
    /// The content's policy version: a decision under it was shown these screens.
    pub policy_version: String,
}

impl Screens {
    pub fn of(manifest: &crate::content::Manifest) -> Screens {
        let id = |i: usize| manifest.screens[i].id.clone();
        Screens {
            not_reading: (0..manifest.screens.len())
                .filter(|&i| manifest.screens[i].kind != crate::content::ScreenKind::Info)
                .map(id)
                .collect(),
            required: manifest.to_read().map(id).collect(),
            policy_version: manifest.policy_version.clone(),
        }
    }
}

/// How a column's cells are made.
pub enum Fill {
    /// One cell, written by this function.
    One(fn(&Row<'_, '_>, &mut Cell<'_>)),
    /// One column per purpose of the current content (`purpose_<id>`): `yes`, `no` or empty.
    Purposes,
}

/// A column of the CSV export.
pub struct Column {
    /// The header (without `--labels`), stable for scripts; `export-col-<key>` in Fluent.
    pub key: &'static str,
    /// The record fields it shows, as paths (`employee.id`; a path covers what is under it).
    pub from: &'static [&'static str],
    pub fill: Fill,
}

/// Record fields without a column of their own, and why. They are all in `--format jsonl`
/// and `--format json`, exactly as stored.
pub const JSON_ONLY: &[(&str, &str)] = &[
    ("schema", "the same on every record (tebiki/1)"),
    (
        "prev",
        "the hash chain: tebiki verify (or sha256sum) checks it",
    ),
    (
        "content.screens",
        "per screen: seconds spent and languages - a list per record (the screens passed \
         quickly and those not read to their end: fast_screens, unread_screens)",
    ),
    ("check.items", "per question: attempts and first try"),
    (
        "withdraw.at_kiosk",
        "always true: a consent can be withdrawn at a kiosk; withdraw_how says how",
    ),
    ("renews.consent", "always expired: what a renewal renews"),
    ("app.name", "always tebiki; app_version has the version"),
    (
        "session.topic",
        "the theme of a demo session, part of its id",
    ),
    (
        "session.started_at",
        "when the session's slides started; at_utc is when the record was made",
    ),
    (
        "session.trainer",
        "the same as how.trainer, shown as recorded_by",
    ),
    (
        "supported.department",
        "the supported person's department; their own rows show it",
    ),
    (
        "offset",
        "recovery records: where a torn write was cut (for the auditor)",
    ),
    ("bytes", "recovery records: how many torn bytes were saved"),
    ("sha256", "recovery records: the SHA-256 of the saved bytes"),
    (
        "saved_as",
        "recovery records: the file the torn bytes were saved to",
    ),
];

fn text(f: Option<&str>, c: &mut Cell<'_>) {
    c.text(f);
}

/// The export's columns, in order.
pub const COLUMNS: &[Column] = &[
    Column {
        key: "at_utc",
        from: &["at"],
        fill: Fill::One(|r, c| text(r.f.at.as_deref(), c)),
    },
    Column {
        key: "at_local",
        from: &["at"],
        fill: Fill::One(|r, c| c.local(Some(r.record.at), r.tz)),
    },
    Column {
        key: "occurred_at",
        from: &["occurred_at"],
        fill: Fill::One(|r, c| text(r.f.occurred_at.as_deref(), c)),
    },
    Column {
        key: "occurred_at_local",
        from: &["occurred_at"],
        fill: Fill::One(|r, c| c.local(instant(r.f.occurred_at.as_deref()), r.tz)),
    },
    Column {
        key: "occurred_on",
        from: &["occurred_on"],
        fill: Fill::One(|r, c| text(r.f.occurred_on.as_deref(), c)),
    },
    Column {
        key: "employee_id",
        from: &["employee.id"],
        fill: Fill::One(|r, c| text(r.f.employee_id(), c)),
    },
    Column {
        key: "id_as_entered",
        from: &["employee.id_as_entered"],
        fill: Fill::One(|r, c| {
            text(
                r.f.employee
                    .as_ref()
                    .and_then(|e| e.id_as_entered.as_deref()),
                c,
            );
        }),
    },
    Column {
        key: "employee_name",
        from: &["employee.name"],
        fill: Fill::One(|r, c| text(r.f.employee_name(), c)),
    },
    Column {
        key: "department",
        from: &["employee.department"],
        fill: Fill::One(|r, c| text(r.f.department(), c)),
    },
    Column {
        key: "verified",
        from: &["employee.verified"],
        fill: Fill::One(|r, c| {
            let v = r.f.employee.as_ref().and_then(|e| e.verified.as_ref());
            match v.and_then(|v| v.0.as_deref()) {
                Some("false") => c.flag(Some(false)),
                Some("true") => c.flag(Some(true)),
                how => c.code("export-verified-", how),
            }
        }),
    },
    Column {
        key: "type",
        from: &["type"],
        fill: Fill::One(|r, c| c.code("record-type-", Some(&r.record.record_type))),
    },
    Column {
        key: "decision",
        from: &["decision"],
        fill: Fill::One(|r, c| c.code("report-consent-", r.f.decision.as_deref())),
    },
    Column {
        key: "stage",
        from: &["stage"],
        fill: Fill::One(|r, c| c.code("report-stage-", r.f.stage.as_deref())),
    },
    Column {
        key: "due",
        from: &["due"],
        fill: Fill::One(|r, c| text(r.f.due.as_deref(), c)),
    },
    Column {
        key: "followup",
        from: &["followup"],
        fill: Fill::One(|r, c| c.code("export-followup-", r.f.followup.as_deref())),
    },
    Column {
        key: "active",
        from: &["active"],
        fill: Fill::One(|r, c| c.flag(r.f.active)),
    },
    Column {
        key: "supports",
        from: &["supports", "supported.id"],
        fill: Fill::One(|r, c| {
            let id =
                r.f.supports
                    .as_deref()
                    .or_else(|| r.f.supported.as_ref().and_then(|s| s.id.as_deref()));
            text(id, c);
        }),
    },
    Column {
        key: "supports_name",
        from: &["supported.name"],
        fill: Fill::One(|r, c| text(r.f.supported.as_ref().and_then(|s| s.name.as_deref()), c)),
    },
    Column {
        key: "requested_by",
        from: &["requested_by"],
        fill: Fill::One(|r, c| c.code("export-requested-by-", r.f.requested_by.as_deref())),
    },
    Column {
        key: "requested_on",
        from: &["requested_on"],
        fill: Fill::One(|r, c| text(r.f.requested_on.as_deref(), c)),
    },
    Column {
        key: "purpose_",
        from: &["purposes"],
        fill: Fill::Purposes,
    },
    Column {
        key: "other_purposes",
        from: &["purposes"],
        fill: Fill::One(|r, c| {
            for g in r.f.purposes.as_deref().unwrap_or(&[]) {
                let Some(id) = g.id.as_deref() else { continue };
                if c.purposes.iter().any(|p| p == id) {
                    continue;
                }
                c.sep();
                c.out.push_str(id);
                c.out.push('=');
                c.flag(Some(g.granted == Some(true)));
            }
        }),
    },
    Column {
        key: "reasons",
        from: &["reasons"],
        fill: Fill::One(|r, c| c.codes("reason:", r.f.reasons.as_deref())),
    },
    Column {
        key: "acknowledged",
        from: &["acknowledged"],
        fill: Fill::One(|r, c| {
            for a in r.f.acknowledged.as_deref().unwrap_or(&[]) {
                if let Some(id) = a.0.as_deref() {
                    c.sep();
                    // In the words the person confirmed, from the content.
                    c.code("acknowledged:", Some(id));
                }
            }
        }),
    },
    Column {
        key: "alternative_chosen",
        from: &["alternative_chosen"],
        fill: Fill::One(|r, c| c.code("export-alternative-", r.f.alternative_chosen.as_deref())),
    },
    Column {
        key: "alternative_offered",
        from: &["alternative_offered"],
        fill: Fill::One(|r, c| c.code("export-alternative-", r.f.alternative_offered.as_deref())),
    },
    Column {
        key: "policy_id",
        from: &["policy.id"],
        fill: Fill::One(|r, c| text(r.f.policy.as_ref().and_then(|p| p.id.as_deref()), c)),
    },
    Column {
        key: "policy_version",
        from: &["policy.version"],
        fill: Fill::One(|r, c| text(r.f.policy_version(), c)),
    },
    Column {
        key: "renews_policy_version",
        from: &["renews.policy_version"],
        fill: Fill::One(|r, c| {
            text(
                r.f.renews
                    .as_ref()
                    .and_then(|x| x.policy_version.as_deref()),
                c,
            );
        }),
    },
    Column {
        key: "renews_decided_at",
        from: &["renews.decided_at"],
        fill: Fill::One(|r, c| text(r.f.renews.as_ref().and_then(|x| x.decided_at.as_deref()), c)),
    },
    Column {
        key: "renews_decided_at_local",
        from: &["renews.decided_at"],
        fill: Fill::One(|r, c| {
            let at = r.f.renews.as_ref().and_then(|x| x.decided_at.as_deref());
            c.local(instant(at), r.tz);
        }),
    },
    Column {
        key: "content_sha256",
        from: &["content.sha256"],
        fill: Fill::One(|r, c| {
            let Some(h) = r.f.content.as_ref().and_then(|c| c.sha256.as_ref()) else {
                return;
            };
            if h.0.len() == 1 {
                c.out.push_str(&h.0[0].1);
            } else {
                for (lang, hash) in &h.0 {
                    c.sep();
                    let _ = write!(c.out, "{lang}:{hash}");
                }
            }
        }),
    },
    Column {
        key: "languages",
        from: &["content.languages"],
        fill: Fill::One(|r, c| {
            c.codes(
                "export-lang-",
                r.f.content.as_ref().and_then(|c| c.languages.as_deref()),
            );
        }),
    },
    Column {
        key: "fast_screens",
        from: &["content.screens.fast"],
        fill: Fill::One(|r, c| {
            let screens = r.f.content.as_ref().and_then(|c| c.screens.as_deref());
            for screen in screens.unwrap_or(&[]) {
                if screen.fast == Some(true) {
                    c.sep();
                    c.out.push_str(screen.id.as_deref().unwrap_or(""));
                }
            }
        }),
    },
    Column {
        key: "unread_screens",
        from: &["content.screens.read_to_end"],
        fill: Fill::One(|r, c| {
            let screens = r.f.content.as_ref().and_then(|c| c.screens.as_deref());
            let screens = screens.unwrap_or(&[]);
            let not_reading = &r.screens.not_reading;
            for screen in screens {
                // The check and the choice are answered, not read to an end.
                let id = screen.id.as_deref().unwrap_or("");
                if screen.read_to_end == Some(false) && !not_reading.iter().any(|n| n == id) {
                    c.sep();
                    c.out.push_str(id);
                }
            }
            // A No or Not now at a terminal may come before the reading's end (agreeing
            // cannot): the screens never opened were not read either. Only under the
            // content's own version, whose screens these are.
            let at_terminal = r.f.how.as_ref().and_then(|h| h.method.as_deref()) == Some("kiosk");
            if at_terminal
                && r.f.record_type.as_deref() == Some("consent")
                && matches!(r.f.decision.as_deref(), Some("refused" | "deferred"))
                && r.f.policy_version() == Some(r.screens.policy_version.as_str())
            {
                for id in &r.screens.required {
                    if !screens.iter().any(|s| s.id.as_deref() == Some(id.as_str())) {
                        c.sep();
                        c.out.push_str(id);
                    }
                }
            }
        }),
    },
    Column {
        key: "slides",
        from: &["content.slides"],
        fill: Fill::One(|r, c| {
            c.list(r.f.content.as_ref().and_then(|c| c.slides.as_deref()));
        }),
    },
    Column {
        key: "check_questions",
        from: &["check.questions"],
        fill: Fill::One(|r, c| c.number(r.f.check.as_ref().and_then(|x| x.questions))),
    },
    Column {
        key: "check_correct",
        from: &["check.correct"],
        fill: Fill::One(|r, c| c.number(r.f.check.as_ref().and_then(|x| x.correct))),
    },
    Column {
        key: "check_first_try",
        from: &["check.correct_first_try"],
        fill: Fill::One(|r, c| c.number(r.f.check.as_ref().and_then(|x| x.correct_first_try))),
    },
    Column {
        key: "check_attempts",
        from: &["check.attempts"],
        fill: Fill::One(|r, c| c.number(r.f.check.as_ref().and_then(|x| x.attempts))),
    },
    Column {
        key: "ui_language",
        from: &["ui_language"],
        fill: Fill::One(|r, c| c.code("export-lang-", r.f.ui_language.as_deref())),
    },
    Column {
        key: "method",
        from: &["how.method"],
        fill: Fill::One(|r, c| {
            c.code(
                "export-method-",
                r.f.how.as_ref().and_then(|h| h.method.as_deref()),
            );
        }),
    },
    Column {
        key: "mode",
        from: &["how.mode"],
        fill: Fill::One(|r, c| {
            c.code(
                "export-mode-",
                r.f.how.as_ref().and_then(|h| h.mode.as_deref()),
            );
        }),
    },
    Column {
        key: "via",
        from: &["how.via"],
        fill: Fill::One(|r, c| {
            c.code(
                "export-via-",
                r.f.how.as_ref().and_then(|h| h.via.as_deref()),
            );
        }),
    },
    Column {
        key: "session",
        from: &["how.session", "session.id"],
        fill: Fill::One(|r, c| text(r.f.session_id(), c)),
    },
    Column {
        key: "recorded_by",
        from: &["recorded_by.name", "how.trainer"],
        fill: Fill::One(|r, c| text(r.f.recorded_by(), c)),
    },
    Column {
        key: "on_roster",
        from: &["on_roster"],
        fill: Fill::One(|r, c| c.flag(r.f.on_roster)),
    },
    Column {
        key: "action",
        from: &["action"],
        fill: Fill::One(|r, c| c.code("export-action-", r.f.action.as_deref())),
    },
    Column {
        key: "receipt",
        from: &["receipt"],
        fill: Fill::One(|r, c| text(r.f.receipt.as_deref(), c)),
    },
    Column {
        key: "withdraw_how",
        from: &["withdraw.text"],
        fill: Fill::One(|r, c| text(r.f.withdraw.as_ref().and_then(|w| w.text.as_deref()), c)),
    },
    Column {
        key: "note",
        from: &["note"],
        fill: Fill::One(|r, c| text(r.f.note.as_deref(), c)),
    },
    Column {
        key: "voids",
        from: &["voids"],
        fill: Fill::One(|r, c| text(r.f.voids.as_ref().and_then(|v| v.0.as_deref()), c)),
    },
    Column {
        key: "demo",
        from: &["demo"],
        fill: Fill::One(|r, c| c.flag(r.f.demo)),
    },
    Column {
        key: "app_version",
        from: &["app.version"],
        fill: Fill::One(|r, c| text(r.f.app.as_ref().and_then(|a| a.version.as_deref()), c)),
    },
    Column {
        key: "kiosk",
        from: &["kiosk"],
        fill: Fill::One(|r, c| c.text(Some(&r.record.kiosk))),
    },
    Column {
        key: "seq",
        from: &["seq"],
        fill: Fill::One(|r, c| c.number(Some(r.record.seq))),
    },
    Column {
        key: "record_id",
        from: &["id"],
        fill: Fill::One(|r, c| {
            let _ = write!(c.out, "{}", r.record.id);
        }),
    },
];

/// An RFC 3339 time as stored, when it is one.
fn instant(text: Option<&str>) -> Option<Timestamp> {
    text?.parse().ok()
}

/// The cell being written.
pub struct Cell<'c> {
    pub out: &'c mut String,
    labels: Option<&'c Labels>,
    purposes: &'c [String],
}

impl Cell<'_> {
    fn text(&mut self, t: Option<&str>) {
        self.out.push_str(t.unwrap_or(""));
    }

    /// A `;` before every item but the first.
    fn sep(&mut self) {
        if !self.out.is_empty() {
            self.out.push(';');
        }
    }

    /// A coded value: as stored, or with labels its words (the code itself when it has none).
    fn code(&mut self, prefix: &str, code: Option<&str>) {
        let Some(code) = code else { return };
        match self.labels.and_then(|l| l.word(prefix, code)) {
            Some(w) => self.out.push_str(&w),
            None => self.out.push_str(code),
        }
    }

    fn codes(&mut self, prefix: &str, codes: Option<&[Text<'_>]>) {
        for t in codes.unwrap_or(&[]) {
            self.sep();
            self.code(prefix, Some(&t.0));
        }
    }

    fn list(&mut self, items: Option<&[Text<'_>]>) {
        for t in items.unwrap_or(&[]) {
            self.sep();
            self.out.push_str(&t.0);
        }
    }

    /// `yes` / `no` (or their words).
    fn flag(&mut self, b: Option<bool>) {
        match b {
            Some(true) => self.code("export-value-", Some("yes")),
            Some(false) => self.code("export-value-", Some("no")),
            None => {}
        }
    }

    fn number(&mut self, n: Option<u64>) {
        if let Some(n) = n {
            let _ = write!(self.out, "{n}");
        }
    }

    /// An instant in the organisation's time zone, `YYYY-MM-DD HH:MM:SS`.
    fn local(&mut self, at: Option<Timestamp>, tz: &TimeZone) {
        let Some(at) = at else { return };
        super::local_time(self.out, at, tz);
    }
}

/// The header row: the stable keys, or with labels the headings in words.
pub fn header(purposes: &[String], labels: Option<&Labels>) -> Vec<String> {
    let mut out = Vec::new();
    for col in COLUMNS {
        match col.fill {
            Fill::Purposes => {
                for p in purposes {
                    out.push(match labels {
                        Some(l) => {
                            let what = l.word("purpose:", p).unwrap_or_else(|| p.clone());
                            l.loc
                                .ta(&l.lang, "export-col-purpose", &[("purpose", what.into())])
                        }
                        None => format!("purpose_{p}"),
                    });
                }
            }
            Fill::One(_) => out.push(match labels {
                Some(l) => l.heading(col.key),
                None => col.key.to_string(),
            }),
        }
    }
    out
}

/// How many cells a row has.
pub fn width(purposes: &[String]) -> usize {
    COLUMNS.len() - 1 + purposes.len()
}

/// Fills `cells` (reused between rows: no allocation once they have grown) with `row`.
pub fn fill_row(
    row: &Row<'_, '_>,
    purposes: &[String],
    labels: Option<&Labels>,
    cells: &mut Vec<String>,
) {
    cells.resize_with(width(purposes), String::new);
    let mut slots = cells.iter_mut();
    for col in COLUMNS {
        match col.fill {
            Fill::One(fill) => {
                if let Some(out) = slots.next() {
                    out.clear();
                    fill(
                        row,
                        &mut Cell {
                            out,
                            labels,
                            purposes,
                        },
                    );
                }
            }
            Fill::Purposes => {
                let given = row.f.purposes.as_deref().unwrap_or(&[]);
                for p in purposes {
                    let Some(out) = slots.next() else { break };
                    out.clear();
                    let granted = given
                        .iter()
                        .find(|g| g.id.as_deref() == Some(p.as_str()))
                        .map(|g| g.granted == Some(true));
                    Cell {
                        out,
                        labels,
                        purposes,
                    }
                    .flag(granted);
                }
            }
        }
    }
}

/// Whether the field at `path` (`employee.id`) is shown by a column or listed as JSON-only.
pub fn covered(path: &str) -> bool {
    let under = |p: &str| path == p || path.starts_with(&format!("{p}."));
    COLUMNS.iter().flat_map(|c| c.from.iter()).any(|p| under(p))
        || JSON_ONLY.iter().any(|(p, _)| under(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Localizer;

    #[test]
    fn keys_are_unique_and_every_column_names_its_fields() {
        let mut keys: Vec<&str> = COLUMNS.iter().map(|c| c.key).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "duplicate column keys");
        for c in COLUMNS {
            assert!(!c.from.is_empty(), "{} names no field", c.key);
        }
        assert!(covered("employee.id"));
        assert!(covered("content.screens.0.seconds"));
        assert!(!covered("employee.shoe_size"));
    }

    #[test]
    fn every_column_has_a_heading_in_every_language() {
        let (loc, issues) = Localizer::load(&crate::source::Source::Embedded);
        assert!(issues.is_empty(), "{issues:?}");
        for lang in loc.languages() {
            for c in COLUMNS {
                let id = match c.fill {
                    Fill::Purposes => "export-col-purpose".to_string(),
                    Fill::One(_) => format!("export-col-{}", c.key),
                };
                assert!(loc.has_message(&lang, &id), "{lang}: {id}");
            }
        }
    }
}
