//! The bodies of the demo's records: each kind of record as the real terminal, dashboard or
//! trainer would write it, with when it happened.

use super::*;

/// What every consent record of the demo shares, prepared once.
pub(super) struct Shapes {
    pub(super) policy_id: String,
    pub(super) policy_version: String,
    pub(super) screens: Vec<String>,
    /// The screens a trainer shows as slides.
    pub(super) slides: Vec<String>,
    pub(super) questions: Vec<String>,
    /// Each purpose, and whether it is the core one (granted by agreeing).
    pub(super) purposes: Vec<(String, bool)>,
    pub(super) acknowledgements: Vec<String>,
    pub(super) reasons: Vec<String>,
    pub(super) sha_ja: String,
    pub(super) sha_en: String,
    pub(super) withdraw_ja: String,
    pub(super) withdraw_en: String,
}

impl Shapes {
    pub(super) fn new(content: &Content, loc: &Localizer) -> Shapes {
        let m = &content.manifest;
        let withdraw = |lang: &str| {
            let lang = Lang::new(lang);
            let contact = content
                .lang(&lang)
                .values
                .get("contact")
                .cloned()
                .unwrap_or_default();
            loc.ta_stored(&lang, "withdraw-how", &[("contact", contact.into())])
        };
        Shapes {
            policy_id: m.policy_id.clone(),
            policy_version: m.policy_version.clone(),
            screens: m
                .screens
                .iter()
                .filter(|s| !matches!(s.id.as_str(), "receipt"))
                .map(|s| s.id.clone())
                .collect(),
            slides: m
                .screens
                .iter()
                .filter(|s| s.kind == crate::content::ScreenKind::Info)
                .map(|s| s.id.clone())
                .collect(),
            questions: m.questions.iter().map(|q| q.id.clone()).collect(),
            purposes: m
                .purposes
                .iter()
                .map(|p| (p.id.clone(), p.required))
                .collect(),
            acknowledgements: m.acknowledgements.iter().map(|a| a.id.clone()).collect(),
            reasons: m.reasons.iter().map(|r| r.id.clone()).collect(),
            sha_ja: content.lang(&Lang::new("ja")).sha256.clone(),
            sha_en: content.lang(&Lang::new("en")).sha256.clone(),
            withdraw_ja: withdraw("ja"),
            withdraw_en: withdraw("en"),
        }
    }
}

/// Turns events into record bodies shaped like the ones the employee flow and a trainer write.
pub(super) struct Bodies<'a> {
    pub(super) shapes: &'a Shapes,
    pub(super) people: &'a [Person],
    pub(super) tz: &'a TimeZone,
}

impl Bodies<'_> {
    pub(super) fn employee(p: &Person) -> Subject {
        Subject {
            id: p.id.clone(),
            name: Some(p.name.clone()),
            department: Some(DEPARTMENTS[p.department].0.to_string()),
            ..Subject::default()
        }
    }

    pub(super) fn session(&self, p: &Person, at: Timestamp) -> String {
        let date = at.to_zoned(self.tz.clone()).date();
        format!(
            "{date}-{}",
            SITES[DEPARTMENTS[p.department].2].trim_start_matches("demo-")
        )
    }

    /// A trainer's or admin's record, as `tebiki record` writes it.
    pub(super) fn entry(
        p: &Person,
        change: Change,
        note: Option<&str>,
    ) -> (RecordType, Map<String, Value>) {
        Entry {
            employee: Self::employee(p),
            change,
            note: note.map(str::to_string),
            by: DEMO_RECORDER.to_string(),
            via: Via::Demo,
        }
        .record()
    }

    pub(super) fn build(&self, e: &Event, rng: &mut Rng) -> (&'static str, Map<String, Value>) {
        let p = &self.people[e.person as usize];
        let (record_type, mut body) = match e.kind {
            Kind::Attendance(topic) => {
                let (t, mut body) = Self::entry(
                    p,
                    Change::Attendance {
                        session: format!("{}-{topic}", self.session(p, e.at)),
                        on: None,
                    },
                    None,
                );
                if let Some(Value::Object(session)) = body.get_mut("session") {
                    session.insert("topic".into(), topic.into());
                }
                (t, body)
            }
            Kind::Consent {
                decision,
                old,
                trainer,
            } => (
                RecordType::Consent,
                consent_body(&self.consent(p, e.at, decision, old, trainer, rng)),
            ),
            Kind::Withdrawal => (
                RecordType::Withdrawal,
                withdrawal_body(&self.made(p, e.at, false, false, rng)),
            ),
            Kind::Stage(stage) => {
                let note = match stage {
                    "hesitant" => *rng.pick(&HESITANT_NOTES),
                    "parallel" => "メールと併用中",
                    "migrated" => "LINE WORKS に移行済み",
                    _ => "今のメール連絡を続ける",
                };
                let stage = Stage::parse(stage).unwrap_or(Stage::Informed);
                Self::entry(p, Change::Stage(stage), Some(note))
            }
            Kind::Followup(days) => {
                let due =
                    e.at.to_zoned(self.tz.clone())
                        .date()
                        .checked_add(i32::from(days).days())
                        .unwrap_or(jiff::civil::Date::MAX);
                Self::entry(
                    p,
                    Change::Followup { due },
                    Some(*rng.pick(&FOLLOWUP_NOTES)),
                )
            }
            Kind::Champion => Self::entry(
                p,
                Change::Champion {
                    active: true,
                    supports: None,
                },
                Some("部署内の相談役をお願いした"),
            ),
        };
        body.insert("occurred_at".into(), e.at.to_string().into());
        body.insert("demo".into(), true.into());
        (record_type.as_str(), body)
    }

    /// Who decided, how, under which policy, in which language, with which receipt.
    pub(super) fn made(
        &self,
        p: &Person,
        at: Timestamp,
        old: bool,
        trainer: bool,
        rng: &mut Rng,
    ) -> Made {
        let how = if trainer {
            How::Session {
                mode: "attended",
                session: SessionRef {
                    id: self.session(p, at),
                    trainer: DEMO_RECORDER.to_string(),
                },
            }
        } else {
            How::Terminal { mode: "kiosk" }
        };
        let version = if old {
            OLD_POLICY_VERSION
        } else {
            self.shapes.policy_version.as_str()
        };
        let bytes = rng.next().to_le_bytes();
        let mut employee = Self::employee(p);
        employee.verified = Some(Verified::Roster);
        Made {
            employee,
            how,
            policy_id: self.shapes.policy_id.clone(),
            policy_version: version.to_string(),
            ui_language: if p.english { "en" } else { "ja" }.to_string(),
            receipt: receipt_code(&bytes[..5]),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn consent(
        &self,
        p: &Person,
        at: Timestamp,
        decision: Decision,
        old: bool,
        trainer: bool,
        rng: &mut Rng,
    ) -> ConsentFacts {
        let s = self.shapes;
        let made = self.made(p, at, old, trainer, rng);
        let lang = if p.english { "en" } else { "ja" };
        let sha = if old {
            hex::encode(Sha256::digest(format!("{OLD_POLICY_VERSION}/{lang}")))
        } else if p.english {
            s.sha_en.clone()
        } else {
            s.sha_ja.clone()
        };
        let screens = s
            .screens
            .iter()
            .map(|id| ScreenSeen {
                id: id.clone(),
                seconds: f64::from(rng.range(80, 1200)) / 10.0,
                // Agreeing at a terminal needs the reading; No and Not now do not.
                read_to_end: !rng.chance(0.05) || decision == Decision::Given,
                languages: vec![lang.to_string()],
                fast: false,
            })
            .collect();
        let check = s
            .questions
            .iter()
            .map(|id| {
                let attempts = if rng.chance(0.8) { 1 } else { 2 };
                Answered {
                    id: id.clone(),
                    attempts,
                    first_try: attempts == 1,
                    passed: true,
                }
            })
            .collect();
        let reasons = if decision == Decision::Given || s.reasons.is_empty() {
            Vec::new()
        } else {
            let a = rng.pick(&s.reasons).clone();
            let b = rng.pick(&s.reasons).clone();
            if a == b { vec![a] } else { vec![a, b] }
        };
        ConsentFacts {
            made,
            content_sha256: vec![(lang.to_string(), sha)],
            screens,
            check,
            decision,
            acknowledged: s.acknowledgements.clone(),
            // Most who agree also accept an optional purpose; some decline it.
            purposes: s
                .purposes
                .iter()
                .map(|(id, core)| (id.clone(), *core || rng.chance(0.7)))
                .collect(),
            reasons,
            alternative_chosen: match decision {
                Decision::Given => None,
                Decision::Deferred => Some("not-now"),
                Decision::Refused => Some("no"),
            },
            withdraw_text: if p.english {
                s.withdraw_en.clone()
            } else {
                s.withdraw_ja.clone()
            },
            renews: None,
            // In a session, every slide was shown before the choice.
            slides: trainer.then(|| s.slides.clone()),
        }
    }
}
