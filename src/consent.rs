//! What a `consent` or `withdrawal` record says: who, how, what they saw, the check, the
//! decision, each purpose, reasons, the alternative offered, and how to withdraw.

use serde_json::{Map, Value, json};

use crate::app::{Alternative, App, Mode, SessionInfo};

/// The decision words (W3C DPV consent states).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Given,
    Refused,
    Deferred,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Given => "given",
            Decision::Refused => "refused",
            Decision::Deferred => "deferred",
        }
    }
}

/// The alternative every person is offered instead of agreeing.
pub const ALTERNATIVE: &str = "keep-current-channel";

/// A short code the person can keep: 8 characters of Crockford base32 (no I, L, O, U, so it
/// reads back unambiguously over the phone), e.g. `7KQ2-M9XP`.
pub fn new_receipt_code() -> String {
    let bytes = uuid::Uuid::now_v7().into_bytes();
    // The last 10 bytes of a v7 UUID are random; 5 of them give 40 bits = 8 symbols.
    receipt_code(&bytes[11..16])
}

pub fn receipt_code(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bits: u64 = 0;
    for &b in bytes.iter().take(5) {
        bits = (bits << 8) | u64::from(b);
    }
    let mut out = String::with_capacity(9);
    for i in (0..8).rev() {
        out.push(ALPHABET[((bits >> (i * 5)) & 31) as usize] as char);
        if i == 4 {
            out.push('-');
        }
    }
    out
}

fn employee(app: &App) -> Value {
    let p = &app.person;
    let mut e = Map::new();
    let id = crate::app::normalize_id(p.id());
    let typed_otherwise = id != p.id();
    e.insert("id".into(), id.into());
    if typed_otherwise {
        // Kept as typed too: the record holds exactly what the person entered.
        e.insert("id_as_entered".into(), p.id().into());
    }
    e.insert("name".into(), p.name().into());
    if !p.department().is_empty() {
        e.insert("department".into(), p.department().into());
    }
    Value::Object(e)
}

fn how(app: &App) -> Value {
    match &app.session {
        Some(s) => session_how(s, app.mode),
        None => json!({ "method": "kiosk", "mode": app.mode.as_str(), "session": Value::Null }),
    }
}

/// `how` of every record made in a trainer's session (`tebiki present`).
pub fn session_how(session: &SessionInfo, mode: Mode) -> Value {
    json!({
        "method": "trainer-session",
        "mode": mode.as_str(),
        "session": session.id,
        "trainer": session.trainer,
    })
}

/// How to withdraw, as the person was told it, in the language they decided in.
fn withdraw_how(app: &App) -> Value {
    let contact = app
        .content
        .lang(&app.lang)
        .values
        .get("contact")
        .cloned()
        .unwrap_or_default();
    let text = app
        .loc
        .ta_stored(&app.lang, "withdraw-how", &[("contact", contact.into())]);
    json!({ "at_kiosk": true, "text": text })
}

pub fn consent_body(app: &App, decision: Decision, code: &str) -> Map<String, Value> {
    let p = &app.person;
    let m = &app.content.manifest;
    let screens: Vec<Value> = m
        .screens
        .iter()
        .zip(&p.visits)
        .filter(|(_, v)| !v.langs.is_empty())
        .map(|(s, v)| {
            json!({
                "id": s.id,
                "seconds": (v.seconds * 10.0).round() / 10.0,
                "read_to_end": v.read_to_end,
                "languages": v.langs.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut sha = Map::new();
    for lang in &p.langs_shown {
        sha.insert(
            lang.to_string(),
            app.content.lang(lang).sha256.clone().into(),
        );
    }
    let check = &p.check;
    let questions: Vec<Value> = m
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| json!({ "id": q.id, "attempts": check.attempts[i], "first_try": check.first_try[i] }))
        .collect();
    let purposes: Vec<Value> = m
        .purposes
        .iter()
        .zip(&p.choice.purposes)
        .map(|(pm, &granted)| json!({ "id": pm.id, "granted": granted && decision == Decision::Given }))
        .collect();
    let reasons: Vec<&str> = if decision == Decision::Given {
        Vec::new()
    } else {
        m.reasons
            .iter()
            .zip(&p.choice.reasons)
            .filter(|(_, t)| **t)
            .map(|(r, _)| r.id.as_str())
            .collect()
    };
    let mut body = head(app);
    body.insert(
        "content".into(),
        json!({
            "languages": p.langs_shown.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
            "sha256": sha,
            "screens": screens,
        }),
    );
    body.insert(
        "check".into(),
        json!({
            "questions": m.questions.len(),
            "correct": check.passed.iter().filter(|&&p| p).count(),
            "correct_first_try": check.first_try.iter().filter(|&&p| p).count(),
            "attempts": check.attempts.iter().sum::<u32>(),
            "items": questions,
        }),
    );
    body.insert("decision".into(), decision.as_str().into());
    body.insert("purposes".into(), purposes.into());
    body.insert("reasons".into(), json!(reasons));
    if let Some(alt) = p.choice.alternative {
        body.insert(
            "alternative_chosen".into(),
            match alt {
                Alternative::NotNow => "not-now",
                Alternative::Refuse => "no",
            }
            .into(),
        );
    }
    body.insert("alternative_offered".into(), ALTERNATIVE.into());
    body.insert("withdraw".into(), withdraw_how(app));
    if let Some(r) = &p.renewal {
        // The decision this one replaces: consent given under an older policy version.
        body.insert(
            "renews".into(),
            json!({ "consent": "expired", "policy_version": r.policy_version, "decided_at": r.decided_at }),
        );
    }
    tail(app, body, code)
}

pub fn withdrawal_body(app: &App, code: &str) -> Map<String, Value> {
    let mut body = head(app);
    body.insert("requested_by".into(), "employee".into());
    tail(app, body, code)
}

/// Who, how, and under which policy: the first fields of every record the flow writes.
fn head(app: &App) -> Map<String, Value> {
    let m = &app.content.manifest;
    let mut body = Map::new();
    body.insert("employee".into(), employee(app));
    body.insert("how".into(), how(app));
    body.insert(
        "policy".into(),
        json!({ "id": m.policy_id, "version": m.policy_version }),
    );
    body
}

/// The language used, the receipt code and the app version: the last fields of every record.
fn tail(app: &App, mut body: Map<String, Value>, code: &str) -> Map<String, Value> {
    body.insert("ui_language".into(), app.lang.as_str().into());
    body.insert("receipt".into(), code.into());
    body.insert(
        "app".into(),
        json!({ "name": "tebiki", "version": env!("CARGO_PKG_VERSION") }),
    );
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_codes_are_crockford_and_grouped() {
        assert_eq!(receipt_code(&[0, 0, 0, 0, 0]), "0000-0000");
        assert_eq!(receipt_code(&[0xff; 5]), "ZZZZ-ZZZZ");
        let c = new_receipt_code();
        assert_eq!(c.len(), 9);
        assert!(
            c.chars()
                .all(|ch| ch == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(ch))
        );
    }
}
