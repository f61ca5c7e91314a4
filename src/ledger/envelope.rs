//! Reads the fixed envelope of one ledger line without building a JSON tree.

use std::borrow::Cow;
use std::fmt;

use jiff::Timestamp;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

use super::{ENVELOPE_KEYS, SCHEMA};

/// What is wrong with an envelope key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvelopeProblem {
    /// The key is not where the contract puts it (absent or out of order).
    Missing,
    /// The key is there but its value breaks the contract.
    Invalid,
    /// The key appears a second time after the envelope.
    Repeated,
}

/// The envelope fields that could be read; `problem` names the first key that broke the contract.
/// Fields stay readable even when another one is bad, so checks that need them still run.
#[derive(Debug, Default)]
pub(crate) struct Envelope<'a> {
    pub seq: Option<u64>,
    pub prev: Option<[u8; 32]>,
    pub id: Option<Uuid>,
    pub at: Option<Timestamp>,
    pub kiosk: Option<Cow<'a, str>>,
    pub record_type: Option<Cow<'a, str>>,
    pub problem: Option<(&'static str, EnvelopeProblem)>,
}

impl Envelope<'_> {
    fn flag(&mut self, key: &'static str, problem: EnvelopeProblem) {
        if self.problem.is_none() {
            self.problem = Some((key, problem));
        }
    }
}

/// The line is not a single JSON object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unparseable;

/// Parses the envelope of `line` (without its `\n`) and checks that the whole line is one valid
/// JSON object; the body is skipped, not materialised.
pub(crate) fn parse_line(line: &[u8]) -> Result<Envelope<'_>, Unparseable> {
    let mut env = Envelope::default();
    let mut de = serde_json::Deserializer::from_slice(line);
    de.deserialize_map(EnvelopeVisitor { out: &mut env })
        .map_err(|_| Unparseable)?;
    de.end().map_err(|_| Unparseable)?;
    Ok(env)
}

/// Checks one envelope value; used by the fast parser and by readers holding a `serde_json::Value`.
pub(crate) fn check_field<'a>(env: &mut Envelope<'a>, index: usize, value: Scalar<'a>) {
    let key = ENVELOPE_KEYS[index];
    let ok = match (index, value) {
        (0, Scalar::Str(s)) => s == SCHEMA,
        (1, Scalar::U64(n)) if n >= 1 => {
            env.seq = Some(n);
            true
        }
        (2, Scalar::Str(s)) => match parse_hash(&s) {
            Some(h) => {
                env.prev = Some(h);
                true
            }
            None => false,
        },
        (3, Scalar::Str(s)) => match parse_uuid_v7(&s) {
            Some(id) => {
                env.id = Some(id);
                true
            }
            None => false,
        },
        (4, Scalar::Str(s)) => match parse_at(&s) {
            Some(at) => {
                env.at = Some(at);
                true
            }
            None => false,
        },
        (5, Scalar::Str(s)) if !s.is_empty() => {
            env.kiosk = Some(s);
            true
        }
        (6, Scalar::Str(s)) if !s.is_empty() => {
            env.record_type = Some(s);
            true
        }
        _ => false,
    };
    if !ok {
        env.flag(key, EnvelopeProblem::Invalid);
    }
}

/// 64 lowercase hex digits.
pub(crate) fn parse_hash(s: &str) -> Option<[u8; 32]> {
    if s.len() != 64 || !s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        return None;
    }
    // The digits were checked above, so decoding cannot fail; done by hand because every
    // record's `prev` passes here and the general decoder was a sixth of a ledger read.
    let nibble = |b: u8| if b <= b'9' { b - b'0' } else { b - b'a' + 10 };
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(s.as_bytes().chunks_exact(2)) {
        *o = (nibble(pair[0]) << 4) | nibble(pair[1]);
    }
    Some(out)
}

/// The canonical hyphenated lowercase form of a version 7 UUID.
fn parse_uuid_v7(s: &str) -> Option<Uuid> {
    if s.len() != 36 || s.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let id = Uuid::try_parse(s).ok()?;
    (id.get_version_num() == 7).then_some(id)
}

/// RFC 3339 in UTC, written with `Z`.
pub(crate) fn parse_at(s: &str) -> Option<Timestamp> {
    if !s.ends_with('Z') {
        return None;
    }
    s.parse().ok()
}

/// A JSON value reduced to what envelope checks need, borrowing strings when possible.
pub(crate) enum Scalar<'a> {
    Str(Cow<'a, str>),
    U64(u64),
    Other,
}

struct EnvelopeVisitor<'p, 'a> {
    out: &'p mut Envelope<'a>,
}

impl<'de, 'p> Visitor<'de> for EnvelopeVisitor<'p, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // `next` is the index of the envelope key expected next; once the order breaks it is
        // pushed past the envelope so the rest of the line is only syntax-checked.
        let mut next = 0usize;
        while let Some(key) = map.next_key_seed(StrSeed)? {
            if next < ENVELOPE_KEYS.len() {
                if key == ENVELOPE_KEYS[next] {
                    let value = map.next_value_seed(ScalarSeed)?;
                    check_field(self.out, next, value);
                    next += 1;
                    continue;
                }
                self.out.flag(ENVELOPE_KEYS[next], EnvelopeProblem::Missing);
                next = usize::MAX;
            } else if let Some(k) = ENVELOPE_KEYS.iter().find(|k| **k == key) {
                self.out.flag(k, EnvelopeProblem::Repeated);
            }
            map.next_value::<IgnoredAny>()?;
        }
        if next < ENVELOPE_KEYS.len() {
            self.out.flag(ENVELOPE_KEYS[next], EnvelopeProblem::Missing);
        }
        Ok(())
    }
}

struct StrSeed;

impl<'de> DeserializeSeed<'de> for StrSeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(StrVisitor)
    }
}

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Scalar<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::U64(v))
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Scalar::Other)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"schema":"tebiki/1","seq":3,"prev":"0000000000000000000000000000000000000000000000000000000000000000","id":"019a8f4e-7c2b-7d3e-9a1b-0123456789ab","at":"2026-11-23T01:02:03.456Z","kiosk":"k1","type":"consent","x":{"a":[1,2]}}"#;

    #[test]
    fn good_line() {
        let env = parse_line(GOOD.as_bytes()).unwrap();
        assert_eq!(env.problem, None);
        assert_eq!(env.seq, Some(3));
        assert_eq!(env.kiosk.as_deref(), Some("k1"));
        assert_eq!(env.record_type.as_deref(), Some("consent"));
        assert_eq!(
            env.at.unwrap().to_string(),
            "2026-11-23T01:02:03.456Z".to_string()
        );
    }

    #[test]
    fn hashes_decode_as_hex() {
        let s = "0123456789abcdef".repeat(4);
        let mut expected = [0u8; 32];
        hex::decode_to_slice(&s, &mut expected).unwrap();
        assert_eq!(parse_hash(&s), Some(expected));
        assert_eq!(parse_hash(&s.to_uppercase()), None);
        assert_eq!(parse_hash(&s[..62]), None);
        assert_eq!(parse_hash(&s.replace('a', "g")), None);
    }

    #[test]
    fn broken_json() {
        assert!(parse_line(b"").is_err());
        assert!(parse_line(b"[1]").is_err());
        assert!(parse_line(&GOOD.as_bytes()[..GOOD.len() - 1]).is_err());
        let trailing = format!("{GOOD} x");
        assert!(parse_line(trailing.as_bytes()).is_err());
    }

    #[test]
    fn envelope_problems() {
        let cases = [
            (
                GOOD.replace("tebiki/1", "tebiki/2"),
                "schema",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("\"seq\":3", "\"seq\":\"3\""),
                "seq",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("\"seq\":3", "\"seq\":0"),
                "seq",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("000000000000000000000000", "00000000000000000000000A"),
                "prev",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("-7d3e-", "-4d3e-"),
                "id",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace(".456Z", ".456+09:00"),
                "at",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("\"kiosk\":\"k1\"", "\"kiosk\":\"\""),
                "kiosk",
                EnvelopeProblem::Invalid,
            ),
            (
                GOOD.replace("\"x\":", "\"seq\":"),
                "seq",
                EnvelopeProblem::Repeated,
            ),
            (
                GOOD.replace("\"schema\":\"tebiki/1\",", ""),
                "schema",
                EnvelopeProblem::Missing,
            ),
        ];
        for (line, key, problem) in cases {
            let env = parse_line(line.as_bytes()).unwrap();
            assert_eq!(env.problem, Some((key, problem)), "{line}");
        }
    }
}
