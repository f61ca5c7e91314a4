//! The records trainers and admins add by hand - a stage change, a follow-up, a champion
//! pairing, attendance at a session, a withdrawal on the employee's request - from `tebiki
//! record` and from the dashboard. Each says who it is about, who recorded it and how.

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use super::{How, RecordType, Subject, Via, app_value, policy_value};
use crate::state::{ConsentState, Stage};

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// The person's migration stage is now this.
    Stage(Stage),
    /// Someone talked with the person; the next talk is due on this date.
    Followup { due: Date },
    /// The person is a champion (or no longer one); with `supports`, the pairing of this
    /// champion with the person they support starts (or ends).
    Champion {
        active: bool,
        supports: Option<Subject>,
    },
    /// The person attended a session.
    Attendance { session: String, on: Option<Date> },
    /// The record `target` (by its id) was a mistake and is cancelled; the entry's note says
    /// why. Only trainers' and admins' records can be voided: a person's own decision (a
    /// consent, a withdrawal) is changed only by that person.
    Void { target: String },
    /// The person asked to withdraw their consent on `requested_on`; recorded by an admin,
    /// under the policy version in use.
    Withdrawal {
        requested_on: Date,
        policy_id: String,
        policy_version: String,
    },
}

/// One record to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub employee: Subject,
    pub change: Change,
    pub note: Option<String>,
    /// Who records it (a trainer's or admin's name).
    pub by: String,
    pub via: Via,
}

impl Change {
    /// The type of the record this change writes.
    pub fn kind(&self) -> RecordType {
        match self {
            Change::Stage(_) => RecordType::Stage,
            Change::Followup { .. } => RecordType::Followup,
            Change::Champion { .. } => RecordType::Champion,
            Change::Attendance { .. } => RecordType::Attendance,
            Change::Void { .. } => RecordType::Void,
            Change::Withdrawal { .. } => RecordType::Withdrawal,
        }
    }

    /// The arguments of the words that describe the change (`.dash-confirm` and `.dash-saved`
    /// of [`RecordType::word_id`]), as plain values: `stage` is the stage's code and `record`
    /// the voided record's id, for the caller to put in words.
    pub fn word_args(&self) -> Vec<(&'static str, String)> {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        match self {
            Change::Stage(s) => vec![("stage", s.as_str().to_string())],
            Change::Followup { due } => vec![("due", due.to_string())],
            Change::Champion { active, supports } => {
                let mut args = vec![
                    ("active", yes_no(*active)),
                    ("pairing", yes_no(supports.is_some())),
                ];
                if let Some(s) = supports {
                    let name = s.name.clone().unwrap_or_default();
                    args.push(("other", format!("{name} ({})", s.id)));
                }
                args
            }
            Change::Attendance { session, on } => vec![
                ("session", session.clone()),
                ("day", on.map(|d| d.to_string()).unwrap_or_default()),
            ],
            Change::Void { target } => vec![("record", target.clone())],
            Change::Withdrawal { requested_on, .. } => vec![("day", requested_on.to_string())],
        }
    }
}

impl Entry {
    /// The record type and body, ready for the ledger writer.
    pub fn record(&self) -> (RecordType, Map<String, Value>) {
        let mut body = Map::new();
        body.insert("employee".into(), self.employee.to_value());
        let record_type = match &self.change {
            Change::Stage(stage) => {
                body.insert("stage".into(), stage.as_str().into());
                RecordType::Stage
            }
            Change::Followup { due } => {
                body.insert("due".into(), due.to_string().into());
                RecordType::Followup
            }
            Change::Champion { active, supports } => {
                body.insert("active".into(), (*active).into());
                if let Some(s) = supports {
                    body.insert("supports".into(), s.id.clone().into());
                    body.insert("supported".into(), s.to_value());
                }
                RecordType::Champion
            }
            Change::Attendance { session, on } => {
                body.insert("session".into(), json!({ "id": session }));
                if let Some(d) = on {
                    body.insert("occurred_on".into(), d.to_string().into());
                }
                RecordType::Attendance
            }
            Change::Void { target } => {
                body.insert("voids".into(), target.clone().into());
                RecordType::Void
            }
            Change::Withdrawal {
                requested_on,
                policy_id,
                policy_version,
            } => {
                body.insert("requested_by".into(), "employee".into());
                body.insert("requested_on".into(), requested_on.to_string().into());
                body.insert("policy".into(), policy_value(policy_id, policy_version));
                RecordType::Withdrawal
            }
        };
        if let Some(n) = self
            .note
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            body.insert("note".into(), n.into());
        }
        body.insert("how".into(), How::Admin { via: self.via }.to_value());
        body.insert("recorded_by".into(), json!({ "name": self.by }));
        body.insert("app".into(), app_value());
        (record_type, body)
    }
}

/// Why a change cannot be recorded for a person as the ledger stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Using LINE WORKS on their own phone (`parallel` or `migrated`) needs their consent under
    /// the current policy.
    NeedsConsent,
    /// A withdrawal needs a consent to withdraw, in force or given under an older policy
    /// version (this also keeps the same withdrawal from being recorded twice).
    NothingToWithdraw,
    /// The withdrawal was asked for before the consent it would withdraw was given.
    RequestedBeforeConsent,
    /// Their attendance at this session is already recorded.
    AlreadyAttended,
    /// No record of theirs has that id.
    VoidUnknown,
    /// A person's own decision (consent, withdrawal) or a void cannot be voided.
    VoidNotAllowed,
    /// That record is voided already.
    AlreadyVoided,
}

impl Refusal {
    /// Fluent ids of the message and of what to do.
    pub fn message_ids(self) -> (&'static str, &'static str) {
        match self {
            Refusal::NeedsConsent => ("record-error-needs-consent", "record-todo-needs-consent"),
            Refusal::NothingToWithdraw => (
                "record-error-nothing-to-withdraw",
                "record-todo-nothing-to-withdraw",
            ),
            Refusal::RequestedBeforeConsent => (
                "record-error-requested-before",
                "record-todo-requested-before",
            ),
            Refusal::AlreadyAttended => (
                "record-error-already-attended",
                "record-todo-already-attended",
            ),
            Refusal::VoidUnknown => ("record-error-void-unknown", "record-todo-void-unknown"),
            Refusal::VoidNotAllowed => (
                "record-error-void-not-allowed",
                "record-todo-void-not-allowed",
            ),
            Refusal::AlreadyVoided => ("record-error-already-voided", "record-todo-already-voided"),
        }
    }
}

/// The rules of [`allowed`] that need only the person's consent state (a form can say them
/// before anything is saved; the full check runs under the lock).
pub fn allowed_by_consent(change: &Change, consent: ConsentState) -> Result<(), Refusal> {
    match change {
        Change::Stage(s) if s.on_own_phone() && consent != ConsentState::Given => {
            Err(Refusal::NeedsConsent)
        }
        // A consent given under an older policy version no longer applies, but the person
        // may still go by it: withdrawing it is taken, as easily as it was given.
        Change::Withdrawal { .. }
            if !matches!(consent, ConsentState::Given | ConsentState::Expired) =>
        {
            Err(Refusal::NothingToWithdraw)
        }
        _ => Ok(()),
    }
}

/// A withdrawal's record names the policy version of the consent it withdraws (`consent`,
/// given under `version`: one in force, or one given under an older version), in place of
/// the current content's one the record was made with, which differs for an expired consent
/// (or for one given under a newer version than this terminal's content). Not when records
/// about the person were `withheld` by a break: the consent in force may be among them, so
/// the content's version stays. Called with the person's state as found under the check
/// lock, just before the record is written.
pub fn name_withdrawn_version(
    body: &mut Map<String, Value>,
    consent: ConsentState,
    version: Option<&str>,
    withheld: bool,
) {
    if let Some(version) = withdrawn_version(consent, version, withheld)
        && let Some(Value::Object(policy)) = body.get_mut("policy")
    {
        policy.insert("version".into(), version.into());
    }
}

/// The version [`name_withdrawn_version`] names, when it names one.
pub fn withdrawn_version(
    consent: ConsentState,
    version: Option<&str>,
    withheld: bool,
) -> Option<&str> {
    (!withheld && matches!(consent, ConsentState::Given | ConsentState::Expired))
        .then_some(version)
        .flatten()
}

/// Whether a refusal of [`allowed`] is set aside because a break in the chain withheld some of
/// the person's records (`withheld`): a person asking to withdraw is never turned away for
/// that, as the consent they withdraw may be among them, and a withdrawal is the safe side of
/// not knowing (it ends a consent if there is one, and grants nothing). Not when the records
/// that can be used end in a withdrawal already, so that asking twice records it once.
pub fn withdrawal_despite_withheld(
    change: &Change,
    state: &crate::state::EmployeeState,
    withheld: bool,
) -> bool {
    matches!(change, Change::Withdrawal { .. })
        && withdraws_despite_withheld(state.consent, withheld)
}

/// [`withdrawal_despite_withheld`] for a withdrawal, from the consent state the records that
/// can be used give: the kiosk's rule, where the person asks to withdraw themselves.
pub fn withdraws_despite_withheld(consent: ConsentState, withheld: bool) -> bool {
    withheld && consent != ConsentState::Withdrawn
}

/// Whether `change` may be recorded for someone the ledger says `state` of. Every writer asks
/// this under the ledger's check lock, against the ledger as it is at that moment (see
/// [`crate::ledger::Writer::append_checked`]):
/// - nobody is recorded as using their own phone (`parallel`, `migrated`) without a current
///   consent;
/// - only a consent can be withdrawn (one in force, or one given under an older policy version,
///   which the person may still go by), and not on a day before it was given;
/// - attendance at one session is recorded once.
pub fn allowed(change: &Change, state: &crate::state::EmployeeState) -> Result<(), Refusal> {
    allowed_by_consent(change, state.consent)?;
    match change {
        Change::Withdrawal { requested_on, .. }
            if state
                .decided_at
                .as_deref()
                .and_then(|at| at.parse::<jiff::Timestamp>().ok())
                .is_some_and(|at| {
                    // The day it was given, wherever it was given: a day's margin for time zones.
                    let given = at.to_zoned(jiff::tz::TimeZone::UTC).date();
                    given.yesterday().is_ok_and(|d| *requested_on < d)
                }) =>
        {
            Err(Refusal::RequestedBeforeConsent)
        }
        Change::Void { target } => match state.history.iter().find(|h| &h.id == target) {
            None => Err(Refusal::VoidUnknown),
            Some(h) if matches!(h.record_type.as_str(), "consent" | "withdrawal" | "void") => {
                Err(Refusal::VoidNotAllowed)
            }
            Some(h) if h.voided.is_some() => Err(Refusal::AlreadyVoided),
            Some(_) => Ok(()),
        },
        Change::Attendance { session, .. }
            if state.history.iter().any(|h| {
                h.record_type == "attendance" && h.session.as_deref() == Some(session.as_str())
            }) =>
        {
            Err(Refusal::AlreadyAttended)
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::{Event, Standing};

    fn entry(change: Change) -> Entry {
        Entry {
            employee: Subject {
                id: "E1".into(),
                name: Some("山田 花子".into()),
                department: Some("営業".into()),
                ..Subject::default()
            },
            change,
            note: Some("  話を聞いた ".into()),
            by: "佐藤".into(),
            via: Via::Cli,
        }
    }

    fn changes() -> Vec<Change> {
        let day = jiff::civil::date(2026, 11, 2);
        let other = Subject {
            name: Some("Ana".into()),
            ..Subject::id("E2")
        };
        vec![
            Change::Stage(Stage::Parallel),
            Change::Followup { due: day },
            Change::Champion {
                active: true,
                supports: None,
            },
            Change::Champion {
                active: false,
                supports: Some(other),
            },
            Change::Attendance {
                session: "intro".into(),
                on: Some(day),
            },
            Change::Void {
                target: "r-1".into(),
            },
            Change::Withdrawal {
                requested_on: day,
                policy_id: "p".into(),
                policy_version: "1".into(),
            },
        ]
    }

    fn words(
        loc: &crate::i18n::Localizer,
        lang: &crate::i18n::Lang,
        id: &str,
        args: &[(&'static str, String)],
    ) -> String {
        let args: Vec<(&str, fluent_bundle::FluentValue<'_>)> =
            args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        loc.ta_stored(lang, id, &args)
    }

    #[test]
    fn every_change_names_its_type_and_has_its_words_in_every_language() {
        let (loc, issues) = crate::i18n::Localizer::load(&crate::source::Source::Embedded);
        assert!(issues.is_empty(), "{issues:?}");
        for change in changes() {
            assert_eq!(change.kind(), entry(change.clone()).record().0);
            let mut args = change.word_args();
            args.extend([("name", "Kai".to_string()), ("id", "E1".to_string())]);
            for lang in loc.languages() {
                for id in [
                    change.kind().word("dash-confirm"),
                    change.kind().dash_saved_id().to_string(),
                ] {
                    let text = words(&loc, &lang, &id, &args);
                    assert!(!text.is_empty() && text != id, "{lang}: {id}");
                    assert!(
                        !text.contains('{') && !text.contains('\n'),
                        "{lang}: {text}"
                    );
                }
            }
        }
        for t in RecordType::ALL {
            for lang in loc.languages() {
                assert!(loc.has_message(&lang, t.word_id()), "{lang}: {t:?}");
                let timeline = t.word("timeline");
                assert_ne!(loc.t_stored(&lang, &timeline), timeline, "{lang}");
            }
        }
        // A champion's words depend on whether they start or stop, and whom they support.
        let en = crate::i18n::Lang::new("en");
        let champion = |active: bool, supports: Option<Subject>| {
            let c = Change::Champion { active, supports };
            let mut args = c.word_args();
            args.extend([("name", "Kai".to_string()), ("id", "E1".to_string())]);
            (
                words(&loc, &en, &c.kind().word("dash-confirm"), &args),
                words(&loc, &en, c.kind().dash_saved_id(), &args),
            )
        };
        let ana = Subject {
            name: Some("Ana".into()),
            ..Subject::id("E2")
        };
        assert_eq!(
            champion(true, None),
            (
                "becomes a champion".to_string(),
                "Saved: Kai (E1) is a champion.".to_string()
            )
        );
        assert_eq!(
            champion(false, None),
            (
                "is no longer a champion".to_string(),
                "Saved: Kai (E1) is no longer a champion.".to_string()
            )
        );
        assert_eq!(
            champion(true, Some(ana.clone())),
            (
                "as champion, supports Ana (E2)".to_string(),
                "Saved: champion Kai (E1) supports Ana (E2).".to_string()
            )
        );
        assert_eq!(
            champion(false, Some(ana)),
            (
                "as champion, no longer supports Ana (E2)".to_string(),
                "Saved: champion Kai (E1) no longer supports Ana (E2).".to_string()
            )
        );
    }

    #[test]
    fn records_carry_who_how_and_what_the_fold_reads() {
        let (t, body) = entry(Change::Stage(Stage::Parallel)).record();
        assert_eq!(t, RecordType::Stage);
        let v = Value::Object(body.clone());
        assert_eq!(v["employee"]["name"], "山田 花子");
        assert_eq!(v["recorded_by"]["name"], "佐藤");
        assert_eq!(v["how"]["via"], "cli");
        assert_eq!(v["note"], "話を聞いた");
        let mut with_type = body;
        with_type.insert("type".into(), t.as_str().into());
        let v = Value::Object(with_type);
        let mut s = Standing::NEW;
        s.apply(&Event::from_value(&v));
        assert_eq!(s.stage, Stage::Parallel);

        let (t, body) = entry(Change::Champion {
            active: true,
            supports: Some(Subject::id("E2")),
        })
        .record();
        assert_eq!(t, RecordType::Champion);
        assert_eq!(body["supports"], "E2");
        let (t, body) = entry(Change::Withdrawal {
            requested_on: Date::constant(2026, 11, 20),
            policy_id: "p".into(),
            policy_version: "2026-11-23".into(),
        })
        .record();
        assert_eq!(t, RecordType::Withdrawal);
        assert_eq!(body["requested_on"], "2026-11-20");
        assert_eq!(body["policy"]["version"], "2026-11-23");
    }

    fn state(consent: ConsentState) -> crate::state::EmployeeState {
        let mut s = crate::state::fold("E1", &[], "v");
        s.consent = consent;
        s
    }

    #[test]
    fn own_phone_stages_need_consent_and_only_a_current_consent_can_be_withdrawn() {
        let migrated = Change::Stage(Stage::Migrated);
        let parallel = Change::Stage(Stage::Parallel);
        let hesitant = Change::Stage(Stage::Hesitant);
        let withdrawal = Change::Withdrawal {
            requested_on: Date::constant(2026, 11, 20),
            policy_id: "p".into(),
            policy_version: "v".into(),
        };
        assert_eq!(allowed(&migrated, &state(ConsentState::Given)), Ok(()));
        assert_eq!(allowed(&parallel, &state(ConsentState::Given)), Ok(()));
        for c in [
            ConsentState::Deferred,
            ConsentState::Refused,
            ConsentState::Withdrawn,
            ConsentState::Expired,
            ConsentState::None,
        ] {
            assert_eq!(allowed(&migrated, &state(c)), Err(Refusal::NeedsConsent));
            assert_eq!(allowed(&parallel, &state(c)), Err(Refusal::NeedsConsent));
            assert_eq!(allowed(&hesitant, &state(c)), Ok(()));
        }
        assert_eq!(allowed(&withdrawal, &state(ConsentState::Given)), Ok(()));
        assert_eq!(allowed(&withdrawal, &state(ConsentState::Expired)), Ok(()));
        // The record names the version of the consent withdrawn, unless records about the
        // person were withheld (the one in force may be among them).
        for (consent, withheld, named) in [
            (ConsentState::Given, false, Some("old")),
            (ConsentState::Expired, false, Some("old")),
            (ConsentState::Expired, true, None),
            (ConsentState::Given, true, None),
            (ConsentState::Refused, false, None),
            (ConsentState::None, true, None),
        ] {
            assert_eq!(
                withdrawn_version(consent, Some("old"), withheld),
                named,
                "{consent:?} {withheld}"
            );
            let mut body = Map::new();
            body.insert("policy".into(), json!({"id": "p", "version": "new"}));
            name_withdrawn_version(&mut body, consent, Some("old"), withheld);
            assert_eq!(body["policy"]["version"], named.unwrap_or("new"));
        }
        for c in [
            ConsentState::Refused,
            ConsentState::Withdrawn,
            ConsentState::Deferred,
            ConsentState::None,
        ] {
            assert_eq!(
                allowed(&withdrawal, &state(c)),
                Err(Refusal::NothingToWithdraw)
            );
        }
        let mut given_later = state(ConsentState::Given);
        given_later.decided_at = Some("2026-11-25T03:00:00Z".into());
        assert_eq!(
            allowed(&withdrawal, &given_later),
            Err(Refusal::RequestedBeforeConsent)
        );
    }
}
