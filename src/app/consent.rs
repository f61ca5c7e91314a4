//! The facts of the flow's own records (a decision, a withdrawal) read off the app's state;
//! the records themselves are built by [`crate::record::consent`].

use crate::app::{App, Pick};
use crate::record::How;
use crate::record::consent::{Answered, ConsentFacts, Decision, Made, Renews, ScreenSeen};

/// How the record came about: at a terminal, or in a trainer's session.
fn how(app: &App) -> How {
    match &app.session {
        Some(s) => How::Session {
            mode: app.mode.as_str(),
            session: crate::record::SessionRef {
                id: s.id.clone(),
                trainer: s.trainer.clone(),
            },
        },
        None => How::Terminal {
            mode: app.mode.as_str(),
        },
    }
}

/// Who, how, under which policy, in which language, with which receipt; `None` while the
/// person has not settled who they are (nothing is recorded then).
pub fn made(app: &App, receipt: &str) -> Option<Made> {
    let m = &app.content.manifest;
    Some(Made {
        employee: app.person.who.clone()?,
        how: how(app),
        policy_id: m.policy_id.clone(),
        policy_version: m.policy_version.clone(),
        ui_language: app.lang.as_str().to_string(),
        receipt: receipt.to_string(),
    })
}

/// How to withdraw, as the person was told it, in the language they decided in.
fn withdraw_text(app: &App) -> String {
    let contact = app.org_contact();
    // In a trainer's session the terminal is the trainer's: withdrawing is at a kiosk.
    let id = if app.session.is_some() {
        "withdraw-how-session"
    } else {
        "withdraw-how"
    };
    app.loc
        .ta_stored(&app.lang, id, &[("contact", contact.into())])
}

/// Everything the `consent` record says of this person's decision.
pub fn facts(app: &App, decision: Decision, receipt: &str) -> Option<ConsentFacts> {
    let p = &app.person;
    let m = &app.content.manifest;
    let screens = m
        .screens
        .iter()
        .zip(&p.visits)
        .filter(|(_, v)| !v.langs.is_empty())
        .map(|(s, v)| ScreenSeen {
            id: s.id.clone(),
            seconds: v.seconds,
            read_to_end: v.read_to_end,
            languages: v.langs.iter().map(|l| l.as_str().to_string()).collect(),
            fast: v.fast,
        })
        .collect();
    let check = m
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| Answered {
            id: q.id.clone(),
            attempts: p.check.attempts[i],
            first_try: p.check.first_try[i],
            passed: p.check.passed[i],
        })
        .collect();
    let reasons = m
        .reasons
        .iter()
        .zip(&p.choice.reasons)
        .filter(|(_, t)| **t)
        .map(|(r, _)| r.id.clone())
        .collect();
    Some(ConsentFacts {
        made: made(app, receipt)?,
        content_sha256: p
            .langs_shown
            .iter()
            .map(|l| (l.as_str().to_string(), app.content.lang(l).sha256.clone()))
            .collect(),
        screens,
        check,
        decision,
        acknowledged: m
            .acknowledgements
            .iter()
            .zip(&p.choice.acks)
            .filter(|(_, ticked)| **ticked)
            .map(|(a, _)| a.id.clone())
            .collect(),
        purposes: app.purposes_granted(),
        reasons,
        alternative_chosen: match p.choice.pick {
            Some(Pick::NotNow) => Some("not-now"),
            Some(Pick::Refuse) => Some("no"),
            _ => None,
        },
        withdraw_text: withdraw_text(app),
        renews: p.renewal.as_ref().map(|r| Renews {
            policy_version: r.policy_version.clone(),
            decided_at: r.decided_at.clone(),
        }),
        slides: app.session.as_ref().map(|s| s.slides.clone()),
    })
}

impl App {
    /// Whom to ask, as the screens name them in the current language (the company's
    /// `contact`, or the words for "your manager or the administrator" while it is unset).
    pub fn org_contact(&self) -> String {
        self.content
            .lang(&self.lang)
            .values
            .get("contact")
            .cloned()
            .unwrap_or_default()
    }
}
