//! `tebiki export --format receipts`: one consent receipt per `consent` or `withdrawal` record,
//! as JSON Lines, with the fields of ISO/IEC TS 27560 (consent record information structure)
//! as the W3C Data Privacy Vocabulary's profile of it names them, and states in DPV words.

use std::io::Write;

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::ledger::Record;

/// The receipt format written: the standard, and the DPV profile of it used for the words.
pub const SCHEMA_VERSION: &str = "ISO/IEC TS 27560:2023 (W3C DPV profile), tebiki-receipt/1";

/// What every receipt says about the organisation, from `config.toml`: the controller
/// (`controller`, else `name`), its address (`controller_address`), whom to ask about a record
/// (`privacy_contact`, else `contact`) and how long records are kept (`retention`), each as the
/// privacy notice in the record's language names it ([`crate::config::Org::keeper`]); `null`
/// when not set.
#[derive(Debug, Clone)]
pub struct Context {
    pub org: crate::config::Org,
    /// The words of what tebiki says itself (how a record was made, how the ledger keeps it,
    /// the law), in each receipt's language; in `lang` for a record that names none that
    /// tebiki speaks (an administrator's withdrawal).
    pub loc: crate::i18n::Localizer,
    pub lang: crate::i18n::Lang,
    /// Per person (their id's key), the purposes their latest consent granted, as read so far
    /// ([`see`]): what a withdrawal's receipt says is withdrawn.
    pub granted: std::cell::RefCell<std::collections::HashMap<String, Vec<Value>>>,
}

/// Notes what a record read grants (every record, filtered out of the export or not): a
/// `consent` given sets the person's granted purposes, any other decision clears them.
pub fn see(record: &Record, ctx: &Context) {
    if record.record_type != "consent" {
        return;
    }
    let Ok(v) = serde_json::from_str::<Value>(&record.raw) else {
        return;
    };
    let Some(id) = crate::state::employee_id(&v) else {
        return;
    };
    let key = crate::ids::key(id);
    let mut granted = ctx.granted.borrow_mut();
    if v.get("decision").and_then(Value::as_str) == Some("given") {
        let ids = v
            .get("purposes")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .filter(|p| p.get("granted").and_then(Value::as_bool) == Some(true))
                    .filter_map(|p| p.get("id").cloned())
                    .collect()
            })
            .unwrap_or_default();
        granted.insert(key, ids);
    } else {
        granted.remove(&key);
    }
}

/// DPV's word for a consent decision.
fn state(record_type: &str, decision: Option<&str>, renews: bool) -> &'static str {
    match (record_type, decision) {
        ("withdrawal", _) => "dpv:ConsentWithdrawn",
        (_, Some("given")) if renews => "dpv:RenewedConsentGiven",
        (_, Some("given")) => "dpv:ConsentGiven",
        (_, Some("refused")) => "dpv:ConsentRefused",
        (_, Some("deferred")) => "dpv:ConsentRequestDeferred",
        _ => "dpv:ConsentUnknown",
    }
}

/// The receipt of one record, or `None` for a record that is not a consent or withdrawal.
pub fn receipt(record: &Record, ctx: &Context) -> Option<Value> {
    let kind = record.record_type.as_str();
    if kind != "consent" && kind != "withdrawal" {
        return None;
    }
    let v: Value = serde_json::from_str(&record.raw).ok()?;
    let s = |path: &[&str]| {
        let mut at = &v;
        for key in path {
            at = at.get(key)?;
        }
        Some(at.clone())
    };
    let decision = v.get("decision").and_then(Value::as_str);
    let event_state = state(kind, decision, v.get("renews").is_some());
    // A withdrawal withdraws what the consent before it granted.
    let withdrawn = (kind == "withdrawal")
        .then(|| {
            let id = crate::state::employee_id(&v)?;
            ctx.granted.borrow().get(&crate::ids::key(id)).cloned()
        })
        .flatten();
    let purposes: Vec<Value> = match withdrawn {
        Some(ids) => ids
            .into_iter()
            .map(|id| {
                json!({
                    "purpose_id": id,
                    "lawful_basis": "dpv:Consent",
                    "consent_state": "dpv:ConsentWithdrawn",
                })
            })
            .collect(),
        None => v
            .get("purposes")
            .and_then(Value::as_array)
            .map(|list| {
                list.iter()
                    .map(|p| {
                        let granted = p.get("granted").and_then(Value::as_bool) == Some(true);
                        let purpose_state = match (kind, decision) {
                            ("consent", Some("given")) if granted => "dpv:ConsentGiven",
                            ("consent", Some("deferred")) => "dpv:ConsentRequestDeferred",
                            _ => "dpv:ConsentRefused",
                        };
                        json!({
                            "purpose_id": p.get("id").cloned().unwrap_or(Value::Null),
                            "lawful_basis": "dpv:Consent",
                            "consent_state": purpose_state,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default(),
    };
    let language = v.get("ui_language").and_then(Value::as_str).unwrap_or("");
    // The receipt's own words, in its language.
    let lang = if ctx.loc.has(language) {
        crate::i18n::Lang::new(language)
    } else {
        ctx.lang.clone()
    };
    let words = |id: &str| ctx.loc.t(&lang, id);
    let method = s(&["how", "method"]).and_then(|m| m.as_str().map(str::to_owned));
    // Whether every question of the check was answered right: the check comes after every
    // screen to read, so then the notice was read too. Agreeing at a terminal needs both; No
    // and Not now need neither, and are not said to have followed them otherwise.
    let number = |key: &str| s(&["check", key]).and_then(|n| n.as_u64());
    let checked = matches!(
        (number("questions"), number("correct")),
        (Some(q), Some(c)) if q > 0 && c == q
    );
    let collection_method = words(match method.as_deref() {
        // A withdrawal needs no notice or check: it is asked for and recorded.
        Some("kiosk") if kind == "withdrawal" => "std-receipt-method-kiosk-withdrawal",
        Some("kiosk") if decision == Some("given") || checked => "std-receipt-method-kiosk",
        Some("kiosk") => "std-receipt-method-kiosk-declined",
        Some("trainer-session") => "std-receipt-method-session",
        Some(_) | None => "std-receipt-method-admin",
    });
    let line_sha256 = hex::encode(Sha256::digest(record.raw.as_bytes()));
    let mut out = Map::new();
    out.insert("schema_version".into(), SCHEMA_VERSION.into());
    out.insert(
        "record_id".into(),
        record.id.hyphenated().to_string().into(),
    );
    out.insert(
        "pii_principal_id".into(),
        s(&["employee", "id"]).unwrap_or(Value::Null),
    );
    out.insert(
        "privacy_notice".into(),
        json!({
            "policy_id": s(&["policy", "id"]),
            "version": s(&["policy", "version"]),
            "content_sha256": s(&["content", "sha256"]),
        }),
    );
    out.insert(
        "language".into(),
        s(&["ui_language"]).unwrap_or(Value::Null),
    );
    out.insert("purposes".into(), purposes.into());
    let keeper = ctx.org.keeper(&crate::i18n::Lang::new(language));
    out.insert(
        "controller".into(),
        json!({
            "name": keeper.controller.or(keeper.name),
            "address": keeper.address,
            "contact": keeper.privacy_contact.or(keeper.contact),
        }),
    );
    out.insert("collection_method".into(), collection_method.into());
    out.insert(
        "jurisdiction".into(),
        json!({ "country": "JP", "law": words("std-receipt-law") }),
    );
    out.insert(
        "withdrawal_method".into(),
        s(&["withdraw", "text"]).unwrap_or_else(|| words("std-receipt-withdrawal").into()),
    );
    out.insert(
        "retention".into(),
        json!({
            // The period the organisation set; null when it has not, never made up.
            "period": keeper.retention,
            "storage": words("std-receipt-storage"),
        }),
    );
    // When it happened (a record entered later says so in `occurred_at`), and when it was
    // recorded; a withdrawal recorded by an administrator also keeps the day it was asked for.
    let occurred = v
        .get("occurred_at")
        .and_then(Value::as_str)
        .and_then(|t| t.parse::<jiff::Timestamp>().ok())
        .filter(|o| *o < record.at);
    out.insert(
        "event_time".into(),
        crate::ledger::ledger_time(occurred.unwrap_or(record.at)).into(),
    );
    out.insert(
        "recorded_at".into(),
        crate::ledger::ledger_time(record.at).into(),
    );
    if let Some(day) = v.get("requested_on").filter(|d| d.is_string()) {
        out.insert("requested_on".into(), day.clone());
    }
    out.insert("event_type".into(), kind.into());
    out.insert("event_state".into(), event_state.into());
    if let Some(reasons) = v
        .get("reasons")
        .filter(|r| r.as_array().is_some_and(|a| !a.is_empty()))
    {
        out.insert("reasons".into(), reasons.clone());
    }
    out.insert(
        "evidence".into(),
        json!({
            "kiosk": record.kiosk,
            "seq": record.seq,
            "line_sha256": line_sha256,
            "receipt": v.get("receipt"),
            "verify": format!(
                "tebiki verify --receipt tebiki-receipt:1:{}:{}:{line_sha256}:{}",
                record.kiosk,
                record.seq,
                v.get("receipt").and_then(Value::as_str).unwrap_or("")
            ),
        }),
    );
    Some(Value::Object(out))
}

/// Writes the receipt of `record` as one line (escaped for a `terminal`, as every export
/// format is); says whether there was one.
pub fn write(
    record: &Record,
    ctx: &Context,
    out: &mut dyn Write,
    terminal: bool,
) -> std::io::Result<bool> {
    let Some(receipt) = receipt(record, ctx) else {
        return Ok(false);
    };
    let text = receipt.to_string();
    let text = if terminal {
        crate::escape::for_terminal(&text)
    } else {
        std::borrow::Cow::Borrowed(text.as_str())
    };
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    Ok(true)
}
