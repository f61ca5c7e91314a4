//! Why `config.toml` could not be read, as facts the caller puts in the reader's words.

use serde::Deserialize;

use super::{Org, OrgText};

/// Why `config.toml` could not be read: the usual mistakes as facts, for the caller to put in
/// the reader's words; any other in the parser's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigReason {
    /// A setting its table does not have (misspelt, or in the wrong table), and those it has.
    UnknownKey { key: String, known: Vec<String> },
    /// A value that is none of the words allowed there, and those.
    UnknownValue { value: String, known: Vec<String> },
    /// A value of the wrong kind, and the kind wanted.
    Wants(ValueKind),
    /// `timezone` names no time zone.
    UnknownTimeZone(String),
    /// `[org] remote_wipe = true` with `plan = "free"`: LINE WORKS deletes data remotely only
    /// on paid plans, so people would be asked to agree to what the company cannot do.
    RemoteWipeOnFreePlan,
    /// Not TOML at all (an unclosed string, a missing `=`): the parser's own words.
    Syntax(String),
    /// The reader's own words (a rarer mistake).
    Other(String),
}

/// The kind of value a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    WholeNumber,
    TrueOrFalse,
}

impl ConfigReason {
    /// Reads the usual mistakes out of serde's words (`unknown field `x`, expected one of `a`,
    /// `b``, `invalid type: integer `7`, expected a string`, `unknown variant ...`).
    pub(super) fn of(message: &str) -> ConfigReason {
        // The words between backticks, in order.
        let quoted = |text: &str| -> Vec<String> {
            text.split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect()
        };
        let listed = |rest: &str| -> Option<(String, Vec<String>)> {
            let (name, known) = rest.split_once('`')?;
            (!name.is_empty()).then(|| (name.to_string(), quoted(known)))
        };
        if let Some(rest) = message.strip_prefix("unknown field `")
            && let Some((key, known)) = listed(rest)
        {
            return ConfigReason::UnknownKey { key, known };
        }
        if let Some(rest) = message.strip_prefix("unknown variant `")
            && let Some((value, known)) = listed(rest)
        {
            return ConfigReason::UnknownValue { value, known };
        }
        if let Some(rest) = message
            .strip_prefix("invalid type: ")
            .or_else(|| message.strip_prefix("invalid value: "))
            && let Some((_, wanted)) = rest.rsplit_once(", expected ")
        {
            let kind = match wanted.trim() {
                "a string" => Some(ValueKind::Text),
                "u64" | "u32" | "u16" | "u8" | "i64" | "i32" | "usize" | "an integer" => {
                    Some(ValueKind::WholeNumber)
                }
                "a boolean" => Some(ValueKind::TrueOrFalse),
                _ => None,
            };
            if let Some(kind) = kind {
                return ConfigReason::Wants(kind);
            }
        }
        ConfigReason::Other(message.to_string())
    }
}

/// The first mistake in a per-language `[org.<lang>]` table of `text`, with its place.
pub(super) fn org_text_error(text: &str) -> Option<(Option<usize>, ConfigReason)> {
    let doc = toml::de::DeTable::parse(text).ok()?;
    let (_, org) = doc.get_ref().iter().find(|(k, _)| k.get_ref() == "org")?;
    let toml::de::DeValue::Table(org) = org.get_ref() else {
        return None;
    };
    let line = |at: usize| Some(crate::i18n::line_of(text, at));
    // `[org]`'s own settings (a misspelt one would be taken for a language's table).
    let known: Vec<String> = match serde_json::to_value(Org::default()) {
        Ok(serde_json::Value::Object(fields)) => fields.keys().cloned().collect(),
        _ => Vec::new(),
    };
    org.iter().find_map(|(k, v)| match v.get_ref() {
        toml::de::DeValue::Table(_) => {
            let e = OrgText::deserialize(toml::de::ValueDeserializer::from(v.clone())).err()?;
            Some((
                e.span().and_then(|s| line(s.start)),
                ConfigReason::of(e.message()),
            ))
        }
        _ if !known.iter().any(|f| f == k.get_ref()) => Some((
            line(k.span().start),
            ConfigReason::UnknownKey {
                key: k.get_ref().to_string(),
                known: known.clone(),
            },
        )),
        _ => None,
    })
}
