//! The records a person makes themselves - a `consent` decision, a `withdrawal` - built from
//! plain facts: who, how, what they saw, the check, the decision, each purpose, reasons, the
//! alternative offered, and how to withdraw.

use serde_json::{Map, Value, json};

use super::{How, Subject, app_value, policy_value};

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

/// Who decided, how, under which policy, in which language, with which receipt: what every
/// record a person makes themselves carries.
#[derive(Debug, Clone, PartialEq)]
pub struct Made {
    pub employee: Subject,
    pub how: How,
    pub policy_id: String,
    pub policy_version: String,
    /// The language of the screen when the record was made.
    pub ui_language: String,
    pub receipt: String,
}

/// One content screen as the person saw it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenSeen {
    pub id: String,
    pub seconds: f64,
    pub read_to_end: bool,
    pub languages: Vec<String>,
    /// Passed quicker than the content's skimming speed.
    pub fast: bool,
}

/// One question of the check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub id: String,
    pub attempts: u32,
    pub first_try: bool,
    pub passed: bool,
}

/// An earlier consent this decision replaces (it expired with a newer policy version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renews {
    pub policy_version: Option<String>,
    pub decided_at: Option<String>,
}

/// Everything a `consent` record says.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsentFacts {
    pub made: Made,
    /// Every language shown, with the SHA-256 of that language's content.
    pub content_sha256: Vec<(String, String)>,
    pub screens: Vec<ScreenSeen>,
    pub check: Vec<Answered>,
    pub decision: Decision,
    /// The acknowledgements the person confirmed (understood the working-hours rules; will
    /// report a lost phone): required for agreeing, and not consents.
    pub acknowledged: Vec<String>,
    /// Each purpose and whether it is granted (never granted unless the decision is `given`).
    pub purposes: Vec<(String, bool)>,
    /// Reasons ticked for not agreeing.
    pub reasons: Vec<String>,
    /// "not-now" or "no" when the person chose an alternative.
    pub alternative_chosen: Option<&'static str>,
    /// How to withdraw, as the person was told it.
    pub withdraw_text: String,
    pub renews: Option<Renews>,
    /// In a trainer's session: the slides shown there before the person decided.
    pub slides: Option<Vec<String>>,
}

/// The `consent` record's body.
pub fn consent_body(f: &ConsentFacts) -> Map<String, Value> {
    let mut body = head(&f.made);
    let languages: Vec<&str> = f.content_sha256.iter().map(|(l, _)| l.as_str()).collect();
    let mut sha = Map::new();
    for (lang, hash) in &f.content_sha256 {
        sha.insert(lang.clone(), hash.clone().into());
    }
    let screens: Vec<Value> = f
        .screens
        .iter()
        .map(|s| {
            let mut v = json!({
                "id": s.id,
                "seconds": (s.seconds * 10.0).round() / 10.0,
                "read_to_end": s.read_to_end,
                "languages": s.languages,
            });
            if s.fast {
                v["fast"] = true.into();
            }
            v
        })
        .collect();
    let mut content = json!({ "languages": languages, "sha256": sha, "screens": screens });
    if let Some(slides) = &f.slides {
        content["slides"] = json!(slides);
    }
    body.insert("content".into(), content);
    let items: Vec<Value> = f
        .check
        .iter()
        .map(|a| json!({ "id": a.id, "attempts": a.attempts, "first_try": a.first_try }))
        .collect();
    body.insert(
        "check".into(),
        json!({
            "questions": f.check.len(),
            "correct": f.check.iter().filter(|a| a.passed).count(),
            "correct_first_try": f.check.iter().filter(|a| a.first_try).count(),
            "attempts": f.check.iter().map(|a| a.attempts).sum::<u32>(),
            "items": items,
        }),
    );
    let given = f.decision == Decision::Given;
    body.insert("decision".into(), f.decision.as_str().into());
    let acknowledged: &[String] = if given { &f.acknowledged } else { &[] };
    body.insert("acknowledged".into(), json!(acknowledged));
    let purposes: Vec<Value> = f
        .purposes
        .iter()
        .map(|(id, granted)| json!({ "id": id, "granted": *granted && given }))
        .collect();
    body.insert("purposes".into(), purposes.into());
    let reasons: &[String] = if given { &[] } else { &f.reasons };
    body.insert("reasons".into(), json!(reasons));
    if let Some(alt) = f.alternative_chosen {
        body.insert("alternative_chosen".into(), alt.into());
    }
    body.insert("alternative_offered".into(), ALTERNATIVE.into());
    body.insert(
        "withdraw".into(),
        json!({ "at_kiosk": true, "text": f.withdraw_text }),
    );
    if let Some(r) = &f.renews {
        // The decision this one replaces: consent given under an older policy version.
        body.insert(
            "renews".into(),
            json!({ "consent": "expired", "policy_version": r.policy_version, "decided_at": r.decided_at }),
        );
    }
    tail(&f.made, body)
}

/// A `withdrawal` the person makes at a terminal.
pub fn withdrawal_body(made: &Made) -> Map<String, Value> {
    let mut body = head(made);
    body.insert("requested_by".into(), "employee".into());
    tail(made, body)
}

/// Who, how, and under which policy: the first fields.
fn head(m: &Made) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("employee".into(), m.employee.to_value());
    body.insert("how".into(), m.how.to_value());
    body.insert(
        "policy".into(),
        policy_value(&m.policy_id, &m.policy_version),
    );
    body
}

/// The language used, the receipt code and the app version: the last fields.
fn tail(m: &Made, mut body: Map<String, Value>) -> Map<String, Value> {
    body.insert("ui_language".into(), m.ui_language.clone().into());
    body.insert("receipt".into(), m.receipt.clone().into());
    body.insert("app".into(), app_value());
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
