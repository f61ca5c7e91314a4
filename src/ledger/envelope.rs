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
    /// A key that appears twice in one object of the line (at any depth), as decoded: JSON
    /// readers disagree on which value counts, so such a line is never taken as a record.
    pub repeated: Option<String>,
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
    if !escapes_are_text(line) {
        return Err(Unparseable);
    }
    Ok(env)
}

/// Whether every `\uXXXX` escape of a JSON line spells text: JSON's grammar lets a string hold
/// half of a UTF-16 surrogate pair alone (`"\udc00"`), which is no character, so no reader can
/// take such a string as text and one that skips it would drop the record's fields without a
/// word (the writer never writes one). Only lines with an escape are parsed for this.
fn escapes_are_text(line: &[u8]) -> bool {
    memchr::memmem::find(line, b"\\u").is_none()
        || serde_json::from_slice::<serde_json::Value>(line).is_ok()
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

/// The `prev` of a line that starts as the writer writes it (`{"schema":"tebiki/1","seq":N,
/// "prev":"<hex>"`), read from its first bytes only; `None` for any other start.
pub(crate) fn prefix_prev(data: &[u8]) -> Option<[u8; 32]> {
    let rest = data.strip_prefix(b"{\"schema\":\"tebiki/1\",\"seq\":".as_slice())?;
    let digits = rest.iter().take(21).position(|b| !b.is_ascii_digit())?;
    let rest = rest[digits..].strip_prefix(b",\"prev\":\"".as_slice())?;
    if digits == 0 || rest.get(64) != Some(&b'"') || !is_hash(&rest[..64]) {
        return None;
    }
    Some(decode_hash(&rest[..64]))
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

/// One top-level member of a line: where its key (inside the quotes, as stored) and its value
/// (as JSON text) lie, as byte ranges of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Member {
    pub key: (u32, u32),
    pub value: (u32, u32),
}

/// [`parse_line`] in one pass over the bytes of a line, noting every top-level member in
/// `members` (stored order). Takes only the form the writer produces (compact, envelope first
/// and valid, no escapes in the envelope or in top-level keys, no key of the envelope
/// repeated, no key twice in any object), and checks that the line is UTF-8 as it goes. For
/// such a line it returns what [`parse_line`] would (no problem, the same fields). Any other
/// line gives `None` and is left to the general checks, which judge it; so this never accepts
/// a line that they reject or flag.
#[cfg(test)]
pub(crate) fn scan_line<'a>(line: &'a [u8], members: &mut Vec<Member>) -> Option<Envelope<'a>> {
    let scanned = scan_record(line, members)?;
    (scanned.end == line.len()).then_some(scanned.env)
}

/// What [`scan_record`] read.
#[derive(Debug)]
pub(crate) struct Scanned<'a> {
    pub env: Envelope<'a>,
    /// Where the record's object ends.
    pub end: usize,
    /// No `\uXXXX` escape and no number with an exponent or of more than 300 characters: a
    /// record that a JSON tree (`serde_json::Value`) surely reads too, as nothing in it can be
    /// out of range for one (a number, a surrogate) and it is nested far less deep than the
    /// tree's limit.
    pub plain: bool,
}

/// [`scan_line`] for the record at the start of `data`, which may go on past it. A line is that
/// record when `data` has its `\n` where the object ends (no line break can be inside: the form
/// has no whitespace, and strings no control characters).
pub(crate) fn scan_record<'a>(data: &'a [u8], members: &mut Vec<Member>) -> Option<Scanned<'a>> {
    members.clear();
    let mut keys = KEYS.take();
    let scanned = scan_record_with(data, members, &mut keys);
    KEYS.set(keys);
    scanned
}

thread_local! {
    /// The keys of the nested objects being scanned, kept from line to line.
    static KEYS: std::cell::Cell<Vec<(u32, u32)>> = const { std::cell::Cell::new(Vec::new()) };
}

fn scan_record_with<'a>(
    data: &'a [u8],
    members: &mut Vec<Member>,
    keys: &mut Vec<(u32, u32)>,
) -> Option<Scanned<'a>> {
    if u32::try_from(data.len()).is_err() {
        return None;
    }
    let b = data;
    // Every member: its key and value ranges, and where the scan goes on.
    let mut note = |key: (usize, usize), value: (usize, usize)| {
        members.push(Member {
            key: (key.0 as u32, key.1 as u32),
            value: (value.0 as u32, value.1 as u32),
        });
    };
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    let mut texts: [(usize, usize); 7] = [(0, 0); 7];
    let mut unusual = false;
    let mut seq = 0;
    for (index, pattern) in ENVELOPE_PATTERNS.iter().enumerate() {
        if index > 0 {
            if b.get(i) != Some(&b',') {
                return None;
            }
            i += 1;
        }
        if b.get(i..i + pattern.len())? != *pattern {
            return None;
        }
        // The key without its quotes and colon.
        let key = (i + 1, i + pattern.len() - 2);
        i += pattern.len();
        let start = i;
        if index == 1 {
            (seq, i) = positive_u64(b, i)?;
        } else {
            if b.get(i) != Some(&b'"') {
                return None;
            }
            let (end, escapes) = skip_string(b, i + 1, &mut unusual)?;
            if escapes {
                return None;
            }
            texts[index] = (i + 1, end - 1);
            i = end;
        }
        note(key, (start, i));
    }
    let text = |index: usize| &b[texts[index].0..texts[index].1];
    if text(0) != SCHEMA.as_bytes() || !is_hash(text(2)) {
        return None;
    }
    let id = uuid_v7_fast(text(3))?;
    let at = at_fast(text(4))?;
    // Checked to be UTF-8 by `skip_string` already; short, so checking again costs little.
    let kiosk = std::str::from_utf8(text(5)).ok()?;
    let record_type = std::str::from_utf8(text(6)).ok()?;
    if kiosk.is_empty() || record_type.is_empty() {
        return None;
    }
    while b.get(i) == Some(&b',') {
        if b.get(i + 1) != Some(&b'"') {
            return None;
        }
        let (end, escapes) = skip_string(b, i + 2, &mut unusual)?;
        let key = (i + 2, end - 1);
        if escapes || is_envelope_key(&b[key.0..key.1]) || b.get(end) != Some(&b':') {
            return None;
        }
        let start = end + 1;
        i = skip_value(b, start, &mut unusual, keys)?;
        note(key, (start, i));
    }
    if b.get(i) != Some(&b'}') {
        return None;
    }
    if has_repeat(b, &members[ENVELOPE_KEYS.len()..], keys) {
        return None;
    }
    // A `\uXXXX` escape or a number with an exponent makes the line unusual: such lines are
    // rare, and left to the general checks when those would not take them (half a surrogate
    // pair; a number too large for any reader, as `1e400`).
    if unusual && parse_line(&b[..=i]).is_err() {
        return None;
    }
    let env = Envelope {
        seq: Some(seq),
        // `is_hash` checked it as `parse_hash` would.
        prev: Some(decode_hash(text(2))),
        id: Some(id),
        at: Some(at),
        kiosk: Some(Cow::Borrowed(kiosk)),
        record_type: Some(Cow::Borrowed(record_type)),
        problem: None,
        repeated: None,
    };
    Some(Scanned {
        env,
        end: i + 1,
        plain: !unusual,
    })
}

/// What a record's top-level `occurred_at` (when it happened, which readers order its
/// history by and date its decision with) says against `future` (see
/// [`crate::ledger::reader::future_from_now`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Occurred {
    /// None, or not text (readers then go by `at`).
    Absent,
    /// A time, not after `future`.
    Fine,
    /// A time after `future`: the record is dated ahead, as by an `at` ahead.
    Ahead(Timestamp),
    /// Text that is not a time with its offset (RFC 3339, as the writer puts it): readers
    /// would show and order it as it reads.
    NotATime,
}

/// [`Occurred`] of the record `line` (its top-level members from the scan, or none to read
/// its JSON tree). `future_text` is `future` as the writer spells times
/// (`YYYY-MM-DDTHH:MM:SS`, UTC): a value in that form is compared as text, the usual case,
/// without parsing it.
pub(crate) fn occurred_check(
    line: &[u8],
    members: &[Member],
    future: Timestamp,
    future_text: &[u8; 19],
) -> Occurred {
    let text: Cow<'_, str> = if members.is_empty() {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            return Occurred::Absent;
        };
        match v.get("occurred_at") {
            Some(serde_json::Value::String(t)) => Cow::Owned(t.clone()),
            _ => return Occurred::Absent,
        }
    } else {
        let Some(m) = members
            .iter()
            .find(|m| line.get(m.key.0 as usize..m.key.1 as usize) == Some(b"occurred_at"))
        else {
            return Occurred::Absent;
        };
        let value = line
            .get(m.value.0 as usize..m.value.1 as usize)
            .unwrap_or(b"");
        match value
            .strip_prefix(b"\"")
            .and_then(|v| v.strip_suffix(b"\""))
        {
            Some(inner) if utc_seconds(inner) => {
                // The writer's form: as text, it sorts as its time does.
                if inner[..19] < future_text[..] {
                    return Occurred::Fine;
                }
                match std::str::from_utf8(inner).ok().and_then(|t| t.parse().ok()) {
                    Some(t) if t > future => return Occurred::Ahead(t),
                    Some(_) => return Occurred::Fine,
                    None => return Occurred::NotATime,
                }
            }
            _ => match serde_json::from_slice::<String>(value) {
                Ok(t) => Cow::Owned(t),
                Err(_) => return Occurred::Absent,
            },
        }
    };
    match text.parse::<Timestamp>() {
        Ok(t) if t > future => Occurred::Ahead(t),
        Ok(_) => Occurred::Fine,
        Err(_) => Occurred::NotATime,
    }
}

/// Whether `t` is `YYYY-MM-DDTHH:MM:SS`, maybe a fraction of up to nine digits, then `Z`,
/// with a date and time that exist.
fn utc_seconds(t: &[u8]) -> bool {
    let digits = |r: std::ops::Range<usize>| t[r].iter().all(u8::is_ascii_digit);
    let number =
        |r: std::ops::Range<usize>| t[r].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'));
    if t.len() < 20 || t.last() != Some(&b'Z') {
        return false;
    }
    let form = digits(0..4)
        && t[4] == b'-'
        && digits(5..7)
        && t[7] == b'-'
        && digits(8..10)
        && t[10] == b'T'
        && digits(11..13)
        && t[13] == b':'
        && digits(14..16)
        && t[16] == b':'
        && digits(17..19)
        && match t.len() {
            20 => true,
            22..=30 => t[19] == b'.' && digits(20..t.len() - 1),
            _ => false,
        };
    form && number(11..13) < 24
        && number(14..16) < 60
        && number(17..19) < 60
        && i16::try_from(number(0..4)).is_ok_and(|y| {
            jiff::civil::Date::new(y, number(5..7) as i8, number(8..10) as i8).is_ok()
        })
}

/// The record's top-level `occurred_at`, from the members the scan noted (a nested key of
/// that name does not count), or, for a line not in the writer's form, from its JSON tree.
pub(crate) fn occurred_at(line: &[u8], members: &[Member]) -> Option<Timestamp> {
    let text = if members.is_empty() {
        let v: serde_json::Value = serde_json::from_slice(line).ok()?;
        v.get("occurred_at")?.as_str()?.to_owned()
    } else {
        let m = members
            .iter()
            .find(|m| line.get(m.key.0 as usize..m.key.1 as usize) == Some(b"occurred_at"))?;
        let value = line.get(m.value.0 as usize..m.value.1 as usize)?;
        serde_json::from_slice::<String>(value).ok()?
    };
    text.parse().ok()
}

/// The envelope keys as the writer puts them before their values.
const ENVELOPE_PATTERNS: [&[u8]; 7] = [
    b"\"schema\":",
    b"\"seq\":",
    b"\"prev\":",
    b"\"id\":",
    b"\"at\":",
    b"\"kiosk\":",
    b"\"type\":",
];

// The functions below, which `scan_record` uses, take the line and where to start, and give
// where the thing they read ends, or `None` for anything outside the form they take: that sends
// the line to the general checks. Outside strings only ASCII is taken, and inside them every
// run of other bytes is checked to be UTF-8, so a line they get through is UTF-8.

const ONES: u64 = u64::MAX / 255;
const HIGHS: u64 = ONES << 7;

/// Marks (high bit) the bytes of `w` that end a run of plain ASCII string bytes: `"`, `\`,
/// control characters and, when `NON_ASCII`, bytes of 0x80 and above. Only the lowest mark is
/// exact (borrows may mark bytes above it), which is all a search needs.
#[inline(always)]
fn string_stops<const NON_ASCII: bool>(w: u64) -> u64 {
    let quote = w ^ (ONES * u64::from(b'"'));
    let backslash = w ^ (ONES * u64::from(b'\\'));
    let mut stops = (w.wrapping_sub(ONES * 0x20) & !w)
        | (quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash);
    if NON_ASCII {
        stops |= w;
    }
    stops & HIGHS
}

/// The first byte at or after `i` that [`string_stops`] marks, if any.
#[inline(always)]
fn string_stop<const NON_ASCII: bool>(b: &[u8], mut i: usize) -> Option<usize> {
    while let Some(chunk) = b.get(i..i + 8) {
        let stops = string_stops::<NON_ASCII>(u64::from_le_bytes(chunk.try_into().ok()?));
        if stops != 0 {
            return Some(i + (stops.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let p = b
        .get(i..)?
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20 || (NON_ASCII && c >= 0x80))?;
    Some(i + p)
}

/// The rest of a string from `i` (after its opening quote): where it ends (after the closing
/// quote), and whether it has escapes. Escapes are checked as serde_json checks them when it
/// skips a string (any `\uXXXX`, paired surrogates or not); a `\uXXXX` sets `unusual` (see
/// [`Scanned::plain`]).
#[inline(always)]
fn skip_string(b: &[u8], mut i: usize, unusual: &mut bool) -> Option<(usize, bool)> {
    let mut escapes = false;
    loop {
        let stop = string_stop::<true>(b, i)?;
        match b[stop] {
            b'"' => return Some((stop + 1, escapes)),
            b'\\' => {
                escapes = true;
                if b.get(stop + 1) == Some(&b'u') {
                    *unusual = true;
                }
                i = skip_escape(b, stop)?;
            }
            c if c >= 0x80 => i = skip_non_ascii(b, stop)?,
            _ => return None,
        }
    }
}

/// An escape at `i` (its backslash).
fn skip_escape(b: &[u8], i: usize) -> Option<usize> {
    match *b.get(i + 1)? {
        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => Some(i + 2),
        b'u' => b
            .get(i + 2..i + 6)?
            .iter()
            .all(u8::is_ascii_hexdigit)
            .then_some(i + 6),
        _ => None,
    }
}

/// A run of non-ASCII bytes in a string from `i`, checked to be UTF-8 as `std::str::from_utf8`
/// checks it (the well-formed sequences of the Unicode standard, table 3-7): where the run ends,
/// at the next ASCII byte. Most text other than English is three-byte characters, checked first.
#[inline(never)]
fn skip_non_ascii(b: &[u8], mut i: usize) -> Option<usize> {
    let continues = |c: u8| c & 0xC0 == 0x80;
    loop {
        let c = *b.get(i)?;
        if c < 0x80 {
            return Some(i);
        }
        if let (0xE1..=0xEC | 0xEE..=0xEF, Some(&[c1, c2])) = (c, b.get(i + 1..i + 3)) {
            if !continues(c1) || !continues(c2) {
                return None;
            }
            i += 3;
            continue;
        }
        let (second, width) = match c {
            0xE1..=0xEC | 0xEE..=0xEF => (0x80..=0xBF, 3),
            0xC2..=0xDF => (0x80..=0xBF, 2),
            0xE0 => (0xA0..=0xBF, 3),
            0xED => (0x80..=0x9F, 3),
            0xF0 => (0x90..=0xBF, 4),
            0xF1..=0xF3 => (0x80..=0xBF, 4),
            0xF4 => (0x80..=0x8F, 4),
            _ => return None,
        };
        let rest = b.get(i + 1..i + width)?;
        if !second.contains(&rest[0]) || !rest[1..].iter().all(|&x| continues(x)) {
            return None;
        }
        i += width;
    }
}

/// `"key":` inside a nested object, from `i` (its opening quote), noted in `keys`; a key with
/// an escape gives `None`.
#[inline(always)]
fn skip_key(b: &[u8], i: usize, unusual: &mut bool, keys: &mut Vec<(u32, u32)>) -> Option<usize> {
    if b.get(i) != Some(&b'"') {
        return None;
    }
    let (end, escapes) = skip_string(b, i + 1, unusual)?;
    if escapes || b.get(end) != Some(&b':') {
        return None;
    }
    keys.push(((i + 1) as u32, (end - 1) as u32));
    Some(end + 1)
}

/// A number as JSON spells it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`. One with an
/// exponent or of more than 300 characters sets `unusual` (see [`Scanned::plain`]).
fn skip_number(b: &[u8], start: usize, unusual: &mut bool) -> Option<usize> {
    let mut i = start;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match *b.get(i)? {
        b'0' => i += 1,
        b'1'..=b'9' => i = skip_digits(b, i + 1),
        _ => return None,
    }
    if b.get(i) == Some(&b'.') {
        i = skip_some_digits(b, i + 1)?;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        *unusual = true;
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        i = skip_some_digits(b, i)?;
    }
    if i - start > 300 {
        *unusual = true;
    }
    Some(i)
}

#[inline(always)]
fn skip_digits(b: &[u8], mut i: usize) -> usize {
    while matches!(b.get(i), Some(b'0'..=b'9')) {
        i += 1;
    }
    i
}

#[inline(always)]
fn skip_some_digits(b: &[u8], i: usize) -> Option<usize> {
    matches!(b.get(i), Some(b'0'..=b'9')).then(|| skip_digits(b, i + 1))
}

/// A positive integer that fits in u64 (no sign, fraction or exponent): its value, and its end.
fn positive_u64(b: &[u8], mut i: usize) -> Option<(u64, usize)> {
    if !matches!(b.get(i), Some(b'1'..=b'9')) {
        return None;
    }
    let mut n: u64 = 0;
    while let Some(&d @ b'0'..=b'9') = b.get(i) {
        n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
        i += 1;
    }
    Some((n, i))
}

/// One whole JSON value from `i`, nested as deep as 64 levels, without whitespace. The keys of
/// every object are noted in `keys` (reused scratch space) and must differ within the object;
/// a key with an escape gives `None` (the general checks then compare keys as decoded).
fn skip_value(
    b: &[u8],
    mut i: usize,
    unusual: &mut bool,
    keys: &mut Vec<(u32, u32)>,
) -> Option<usize> {
    // Bit n of `objects` says whether level n+1 is an object (else an array).
    let mut objects: u64 = 0;
    let mut depth: u32 = 0;
    // Where the keys of each open object start in `keys`.
    let mut starts = [0u32; 64];
    keys.clear();
    loop {
        let c = *b.get(i)?;
        i = match c {
            b'"' => skip_string(b, i + 1, unusual)?.0,
            b'{' | b'[' => {
                // `}` and `]` come two after `{` and `[`.
                if *b.get(i + 1)? == c + 2 {
                    i + 2
                } else {
                    if depth == 64 {
                        return None;
                    }
                    objects = (objects << 1) | u64::from(c == b'{');
                    depth += 1;
                    i = if c == b'{' {
                        starts[depth as usize - 1] = keys.len() as u32;
                        skip_key(b, i + 1, unusual, keys)?
                    } else {
                        i + 1
                    };
                    continue;
                }
            }
            b't' => skip_literal(b, i, b"true")?,
            b'f' => skip_literal(b, i, b"false")?,
            b'n' => skip_literal(b, i, b"null")?,
            b'-' | b'0'..=b'9' => skip_number(b, i, unusual)?,
            _ => return None,
        };
        // A value is complete: close what it completes, or move on to the next element.
        loop {
            if depth == 0 {
                return Some(i);
            }
            let in_object = objects & 1 == 1;
            match *b.get(i)? {
                b',' if in_object => {
                    i = skip_key(b, i + 1, unusual, keys)?;
                    break;
                }
                b',' => {
                    i += 1;
                    break;
                }
                b'}' if in_object => {
                    let start = starts[depth as usize - 1] as usize;
                    let object = &keys[start..];
                    // Most objects are small: their keys are compared here, pair by pair.
                    if if object.len() <= SMALL_OBJECT {
                        same_pair(b, object)
                    } else {
                        has_repeat_keys(b, object)
                    } {
                        return None;
                    }
                    keys.truncate(start);
                }
                b']' if !in_object => {}
                _ => return None,
            }
            i += 1;
            objects >>= 1;
            depth -= 1;
        }
    }
}

/// Whether two of the top-level members (after the envelope) have the same key.
fn has_repeat(b: &[u8], members: &[Member], keys: &mut Vec<(u32, u32)>) -> bool {
    if members.len() < 2 {
        return false;
    }
    keys.clear();
    keys.extend(members.iter().map(|m| m.key));
    has_repeat_keys(b, keys)
}

/// Whether two of `keys` (ranges of `b`, without escapes) are the same text.
fn has_repeat_keys(b: &[u8], keys: &[(u32, u32)]) -> bool {
    let text = |k: &(u32, u32)| &b[k.0 as usize..k.1 as usize];
    if keys.len() <= SMALL_OBJECT {
        return same_pair(b, keys);
    }
    if keys.len() <= PRINTED_KEYS {
        // Each key's fingerprint goes into a small table. Equal keys have equal fingerprints,
        // so only when a fingerprint is met again are the keys compared.
        let mut table = [0u64; 2 * PRINTED_KEYS];
        for key in keys {
            // Never 0, which marks a free place.
            let print = fingerprint(text(key)) | 1;
            let mut at = (print >> 58) as usize;
            loop {
                match table[at] {
                    0 => {
                        table[at] = print;
                        break;
                    }
                    seen if seen == print => return same_pair(b, keys),
                    _ => at = (at + 1) % table.len(),
                }
            }
        }
        return false;
    }
    let mut sorted: Vec<&[u8]> = keys.iter().map(text).collect();
    sorted.sort_unstable();
    sorted.windows(2).any(|w| w[0] == w[1])
}

/// Whether two of `keys` are the same text, compared pair by pair. Keys of different lengths
/// differ (most pairs): only others are compared byte for byte.
#[inline(always)]
fn same_pair(b: &[u8], keys: &[(u32, u32)]) -> bool {
    for (n, &(a, z)) in keys.iter().enumerate() {
        for &(c, e) in &keys[n + 1..] {
            if e - c == z - a && b[a as usize..z as usize] == b[c as usize..e as usize] {
                return true;
            }
        }
    }
    false
}

/// Objects with at most this many keys compare their keys pair by pair, which costs less than
/// fingerprinting them.
const SMALL_OBJECT: usize = 4;

/// Objects with at most this many keys look for a repeated key through a table of their keys'
/// fingerprints (twice as many places as keys, indexed by the top 6 bits); larger ones sort
/// their keys. Keys made to share a fingerprint only send an object to the pairwise compare.
const PRINTED_KEYS: usize = 32;

/// A 64-bit fingerprint of a key. The same key always gives the same one (different keys
/// seldom do).
#[inline]
fn fingerprint(key: &[u8]) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(key)
}

#[inline(always)]
fn skip_literal(b: &[u8], i: usize, word: &[u8]) -> Option<usize> {
    (b.get(i..i + word.len())? == word).then_some(i + word.len())
}

/// Whether `key` is one of [`ENVELOPE_KEYS`].
fn is_envelope_key(key: &[u8]) -> bool {
    let found = matches!(
        key,
        b"schema" | b"seq" | b"prev" | b"id" | b"at" | b"kiosk" | b"type"
    );
    debug_assert_eq!(found, ENVELOPE_KEYS.iter().any(|k| k.as_bytes() == key));
    found
}

/// The bytes of 64 lowercase hex digits that [`is_hash`] took.
fn decode_hash(s: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(s.chunks_exact(2)) {
        *o = (HEX[usize::from(pair[0])] << 4) | (HEX[usize::from(pair[1])] & 0x0F);
    }
    out
}

/// 64 lowercase hex digits (what [`parse_hash`] takes), without decoding them.
fn is_hash(s: &[u8]) -> bool {
    s.len() == 64
        && s.chunks_exact(8).all(|chunk| {
            let w = chunk.try_into().map_or(HIGHS, u64::from_le_bytes);
            w & HIGHS == 0 && (in_range(w, b'0', b'9') | in_range(w, b'a', b'f')) == HIGHS
        })
}

/// Marks (high bit) the bytes of `w` that lie in `lo..=hi`; every byte of `w` must be ASCII
/// and `lo` above 0, so that no sum carries into the next byte.
#[inline(always)]
fn in_range(w: u64, lo: u8, hi: u8) -> u64 {
    let from_lo = w.wrapping_add(ONES * u64::from(0x80 - lo));
    let past_hi = w.wrapping_add(ONES * u64::from(0x7F - hi));
    from_lo & !past_hi & HIGHS
}

/// The value of a lowercase hex digit; 0xFF for any other byte.
const fn hex_value(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        _ => 0xFF,
    }
}

static HEX: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        table[c] = hex_value(c as u8);
        c += 1;
    }
    table
};

/// Where the 32 hex digits of a hyphenated UUID are.
const UUID_DIGITS: [usize; 32] = [
    0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 14, 15, 16, 17, 19, 20, 21, 22, 24, 25, 26, 27, 28, 29,
    30, 31, 32, 33, 34, 35,
];

/// The canonical form (`xxxxxxxx-xxxx-7xxx-xxxx-xxxxxxxxxxxx`, lowercase hex) of a version 7 UUID,
/// decoded directly: every id of a ledger passes here. `None` for anything else, which
/// [`parse_uuid_v7`] then judges; for what it takes, it gives what `parse_uuid_v7` gives.
fn uuid_v7_fast(b: &[u8]) -> Option<Uuid> {
    let b: &[u8; 36] = b.try_into().ok()?;
    if b[8] != b'-' || b[13] != b'-' || b[18] != b'-' || b[23] != b'-' || b[14] != b'7' {
        return None;
    }
    let mut out = [0u8; 16];
    let mut bad = 0u8;
    for (k, o) in out.iter_mut().enumerate() {
        let hi = HEX[usize::from(b[UUID_DIGITS[2 * k]])];
        let lo = HEX[usize::from(b[UUID_DIGITS[2 * k + 1]])];
        bad |= hi | lo;
        *o = (hi << 4) | (lo & 0x0F);
    }
    // Valid digits are below 16; 0xFF marks any other byte.
    (bad < 16).then(|| Uuid::from_bytes(out))
}

/// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with a valid date and time, computed directly: every
/// `at` of a ledger passes here. `None` for anything else (other years, leap seconds, other
/// spellings), which [`parse_at`] then judges; for what it takes, it gives what `parse_at` gives.
fn at_fast(b: &[u8]) -> Option<Timestamp> {
    if b.len() < 20 || b.len() > 30 || b[b.len() - 1] != b'Z' {
        return None;
    }
    if b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let digit = |k: usize| -> Option<i64> {
        let d = b[k].wrapping_sub(b'0');
        (d < 10).then_some(i64::from(d))
    };
    let two = |k: usize| Some(digit(k)? * 10 + digit(k + 1)?);
    let year = two(0)? * 100 + two(2)?;
    let (month, day) = (two(5)?, two(8)?);
    let (hour, minute, second) = (two(11)?, two(14)?, two(17)?);
    let nanos = match &b[19..b.len() - 1] {
        [] => 0,
        [b'.', fraction @ ..] if (1..=9).contains(&fraction.len()) => {
            let mut n = 0;
            for k in 20..b.len() - 1 {
                n = n * 10 + digit(k)?;
            }
            n * 10i64.pow(9 - fraction.len() as u32)
        }
        _ => return None,
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1000..=9998).contains(&year)
        || !(1..=month_days).contains(&day)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second;
    Timestamp::new(seconds, nanos as i32).ok()
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

impl<'de> Visitor<'de> for EnvelopeVisitor<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        // `next` is the index of the envelope key expected next; once the order breaks it is
        // pushed past the envelope so the rest of the line is only syntax-checked.
        let mut next = 0usize;
        let mut seen: Vec<Cow<'de, str>> = Vec::with_capacity(24);
        while let Some(key) = map.next_key_seed(StrSeed)? {
            if seen.contains(&key) {
                if self.out.repeated.is_none() {
                    self.out.repeated = Some(key.clone().into_owned());
                }
            } else {
                seen.push(key.clone());
            }
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
            map.next_value_seed(NoRepeats {
                repeated: &mut self.out.repeated,
            })?;
        }
        if next < ENVELOPE_KEYS.len() {
            self.out.flag(ENVELOPE_KEYS[next], EnvelopeProblem::Missing);
        }
        Ok(())
    }
}

/// Skips a value, noting in `repeated` the first key that appears twice in one of its objects.
struct NoRepeats<'r> {
    repeated: &'r mut Option<String>,
}

impl<'de> DeserializeSeed<'de> for NoRepeats<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NoRepeats<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq
            .next_element_seed(NoRepeats {
                repeated: &mut *self.repeated,
            })?
            .is_some()
        {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<Cow<'de, str>> = Vec::new();
        while let Some(key) = map.next_key_seed(StrSeed)? {
            if seen.contains(&key) {
                if self.repeated.is_none() {
                    *self.repeated = Some(key.into_owned());
                }
            } else {
                seen.push(key);
            }
            map.next_value_seed(NoRepeats {
                repeated: &mut *self.repeated,
            })?;
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

    /// `occurred_at` read fast (the writer's form, compared as text) agrees with it parsed:
    /// every form, a date that does not exist, text that is no time, and no `occurred_at`.
    #[test]
    fn occurred_at_is_read_fast_as_it_would_be_parsed() {
        let future: Timestamp = "2026-12-02T10:00:00Z".parse().unwrap();
        let text = crate::ledger::reader::writer_seconds(future);
        assert_eq!(&text, b"2026-12-02T10:00:00");
        let line = |occurred: &str| {
            format!(
                r#"{{"schema":"tebiki/1","seq":1,"prev":"{}","id":"01a236c6-c477-7409-be47-9a4bb44d5b7a","at":"2026-12-01T00:00:00.000Z","kiosk":"k","type":"consent","occurred_at":{occurred}}}"#,
                "0".repeat(64)
            )
        };
        let ahead = |t: &str| Occurred::Ahead(t.parse().unwrap());
        for (occurred, expected) in [
            (r#""2026-10-07T09:11:13Z""#, Occurred::Fine),
            (r#""2026-12-02T09:59:59.999Z""#, Occurred::Fine),
            (r#""2026-12-02T10:00:00Z""#, Occurred::Fine),
            (
                r#""2026-12-02T10:00:00.001Z""#,
                ahead("2026-12-02T10:00:00.001Z"),
            ),
            (r#""2026-12-02T10:00:01Z""#, ahead("2026-12-02T10:00:01Z")),
            (
                r#""2027-06-01T00:00:00.5Z""#,
                ahead("2027-06-01T00:00:00.5Z"),
            ),
            (r#""2026-12-02T19:00:00+09:00""#, Occurred::Fine),
            (
                r#""2026-12-02T20:00:00+09:00""#,
                ahead("2026-12-02T11:00:00Z"),
            ),
            (r#""2027-02-30T00:00:00Z""#, Occurred::NotATime),
            (r#""2026-10-07T24:00:00Z""#, Occurred::NotATime),
            (r#""2026-11-10T09:00:00""#, Occurred::NotATime),
            (r#""2026-11-30""#, Occurred::NotATime),
            (r#""""#, Occurred::NotATime),
            ("null", Occurred::Absent),
            ("20261130", Occurred::Absent),
        ] {
            let l = line(occurred);
            let mut members = Vec::new();
            assert!(scan_record(l.as_bytes(), &mut members).is_some(), "{l}");
            let fast = occurred_check(l.as_bytes(), &members, future, &text);
            assert_eq!(fast, expected, "{occurred}");
            // The same read from the JSON tree (a line not in the writer's form).
            let slow = occurred_check(l.as_bytes(), &[], future, &text);
            assert_eq!(slow, expected, "{occurred} (tree)");
        }
        let none = line("0").replace(r#","occurred_at":0"#, "");
        let mut members = Vec::new();
        assert!(scan_record(none.as_bytes(), &mut members).is_some());
        let found = occurred_check(none.as_bytes(), &members, future, &text);
        assert_eq!(found, Occurred::Absent);
    }

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

    /// What the general checks make of a line, in the terms of a clean record.
    fn general(line: &[u8]) -> Option<(u64, Uuid, Timestamp, String, String)> {
        std::str::from_utf8(line).ok()?;
        let env = parse_line(line).ok()?;
        if env.problem.is_some() || env.repeated.is_some() {
            return None;
        }
        Some((
            env.seq?,
            env.id?,
            env.at?,
            env.kiosk?.into_owned(),
            env.record_type?.into_owned(),
        ))
    }

    /// The one-pass scan takes a line only when the general checks find it clean, and then
    /// reads the same fields.
    fn assert_sound(line: &[u8]) -> bool {
        let mut members = Vec::new();
        let Some(env) = scan_line(line, &mut members) else {
            return false;
        };
        let fast = (
            env.seq.unwrap(),
            env.id.unwrap(),
            env.at.unwrap(),
            env.kiosk.unwrap().into_owned(),
            env.record_type.unwrap().into_owned(),
        );
        assert_eq!(
            general(line),
            Some(fast),
            "{}",
            String::from_utf8_lossy(line)
        );
        true
    }

    #[test]
    fn the_scan_takes_what_the_writer_writes_and_notes_each_member() {
        let line = GOOD.replace(
            r#""x":{"a":[1,2]}"#,
            r#""employee":{"id":"E1","name":"山田 \"太郎\""},"n":-1.5e+3,"ok":[true,false,null,{}],"s":"\u00e9\n""#,
        );
        let mut members = Vec::new();
        assert!(scan_line(line.as_bytes(), &mut members).is_some());
        let text = |r: (u32, u32)| &line[r.0 as usize..r.1 as usize];
        let keys: Vec<_> = members.iter().map(|m| text(m.key)).collect();
        assert_eq!(
            keys,
            [
                "schema", "seq", "prev", "id", "at", "kiosk", "type", "employee", "n", "ok", "s"
            ]
        );
        assert_eq!(text(members[1].value), "3");
        assert_eq!(text(members[6].value), r#""consent""#);
        assert_eq!(
            text(members[7].value),
            r#"{"id":"E1","name":"山田 \"太郎\""}"#
        );
        assert_eq!(text(members[10].value), r#""\u00e9\n""#);
        assert!(assert_sound(line.as_bytes()));
        assert!(assert_sound(GOOD.as_bytes()));
        let bare = GOOD.replace(r#","x":{"a":[1,2]}"#, "");
        assert!(assert_sound(bare.as_bytes()));
    }

    #[test]
    fn the_scan_leaves_every_other_line_to_the_general_checks() {
        let cases = [
            GOOD.replace("\"seq\":3", "\"seq\": 3"),
            GOOD.replace("\"seq\":3", "\"seq\":03"),
            GOOD.replace("\"seq\":3", "\"seq\":0"),
            GOOD.replace("\"seq\":3", "\"seq\":3.0"),
            GOOD.replace("\"seq\":3", "\"seq\":18446744073709551616"),
            GOOD.replace("\"kiosk\":\"k1\"", "\"kiosk\":\"k\\u0031\""),
            GOOD.replace("\"kiosk\":\"k1\"", "\"kiosk\":\"\""),
            GOOD.replace("\"x\":", "\"type\":"),
            GOOD.replace("\"x\":", "\"t\\u0079pe\":"),
            GOOD.replace("[1,2]", "[1,2,]"),
            GOOD.replace("[1,2]", "[01]"),
            GOOD.replace("[1,2]", "[1.]"),
            GOOD.replace("[1,2]", "[1e]"),
            GOOD.replace("[1,2]", "[-]"),
            GOOD.replace("[1,2]", "[tru]"),
            GOOD.replace("[1,2]", "[\"a\u{1}\"]"),
            GOOD.replace("[1,2]", "[\"\\x\"]"),
            GOOD.replace("[1,2]", "[\"\\u12g4\"]"),
            GOOD.replace("[1,2]", "{\"a\"}"),
            GOOD.replace("[1,2]", "{1:2}"),
            GOOD.replace("2026-11-23T01:02:03.456Z", "2026-02-30T01:02:03.456Z"),
            GOOD.replace("2026-11-23T01:02:03.456Z", "2026-11-23T23:59:60Z"),
            GOOD.replace("2026-11-23T01:02:03.456Z", "2026-11-23t01:02:03Z"),
            GOOD.replace("-7d3e-", "-4d3e-"),
            GOOD.replace("-7d3e-", "-7D3E-"),
            format!("{GOOD} "),
            format!(" {GOOD}"),
            format!("{GOOD}\r"),
            "[1]".to_string(),
            String::new(),
        ];
        for line in cases {
            let mut members = Vec::new();
            assert!(scan_line(line.as_bytes(), &mut members).is_none(), "{line}");
        }
        let deep = GOOD.replace("[1,2]", &format!("{}1{}", "[".repeat(70), "]".repeat(70)));
        assert!(scan_line(deep.as_bytes(), &mut Vec::new()).is_none());
        let fine = GOOD.replace("[1,2]", &format!("{}1{}", "[".repeat(60), "]".repeat(60)));
        assert!(assert_sound(fine.as_bytes()));
    }

    #[test]
    fn half_a_surrogate_pair_is_no_text_and_the_line_no_record() {
        for lone in [
            r"\udc00",
            r"\ud800",
            r"\ud800x",
            r"\udc00\ud800",
            r"\ud83d\u0041",
        ] {
            let line = GOOD.replace(r#""x":{"a":[1,2]}"#, &format!(r#""note":"{lone}""#));
            assert!(parse_line(line.as_bytes()).is_err(), "{line}");
            assert!(
                scan_line(line.as_bytes(), &mut Vec::new()).is_none(),
                "{line}"
            );
        }
        for fine in [r"\ud83d\ude00", r"C:\\users", r"\u0041\u3042"] {
            let line = GOOD.replace(r#""x":{"a":[1,2]}"#, &format!(r#""note":"{fine}""#));
            assert!(parse_line(line.as_bytes()).is_ok(), "{line}");
            assert!(assert_sound(line.as_bytes()), "{line}");
        }
    }

    /// A number JSON's grammar allows but too large for a reader (`1e400`) makes a line that
    /// the general checks reject: the scan must not take it either (it did, so readers that
    /// skip a record's tree used a line verify called unreadable).
    #[test]
    fn numbers_out_of_range_are_judged_as_the_general_checks_judge_them() {
        for (number, readable) in [
            ("1e400", false),
            ("-1.5e+340", false),
            ("1e308", true),
            ("1.5e-400", true),
            ("-0.0e0", true),
        ] {
            let line = GOOD.replace("[1,2]", &format!("[1,{number}]"));
            assert_eq!(parse_line(line.as_bytes()).is_ok(), readable, "{line}");
            assert_eq!(assert_sound(line.as_bytes()), readable, "{line}");
        }
    }

    #[test]
    fn a_key_twice_in_any_object_is_flagged_and_never_scanned() {
        for (body, key) in [
            (r#""x":{"a":1,"b":2,"a":3}"#, "a"),
            (r#""x":[{"k":1},{"k":1,"k":2}]"#, "k"),
            (r#""x":1,"y":2,"x":3"#, "x"),
            (r#""x":1,"\u0078":2"#, "x"),
            (
                r#""x":{"abcdefgh-1-abcdefgh":1,"z":0,"abcdefgh-1-abcdefgh":2}"#,
                "abcdefgh-1-abcdefgh",
            ),
        ] {
            let line = GOOD.replace(r#""x":{"a":[1,2]}"#, body);
            let env = parse_line(line.as_bytes()).unwrap();
            assert_eq!(env.repeated.as_deref(), Some(key), "{line}");
            assert!(
                scan_line(line.as_bytes(), &mut Vec::new()).is_none(),
                "{line}"
            );
        }
        // Keys alike in length and ends but not the same are fine.
        let line = GOOD.replace(
            r#""x":{"a":[1,2]}"#,
            r#""x":{"abcdefgh-1-abcdefgh":1,"abcdefgh-2-abcdefgh":2,"":3,"ab":4,"ba":5}"#,
        );
        assert_eq!(parse_line(line.as_bytes()).unwrap().repeated, None);
        assert!(assert_sound(line.as_bytes()));
        // The same key in different objects is fine.
        let line = GOOD.replace(r#""x":{"a":[1,2]}"#, r#""x":{"a":1},"y":{"a":{"a":2}}"#);
        assert_eq!(parse_line(line.as_bytes()).unwrap().repeated, None);
        assert!(assert_sound(line.as_bytes()));
    }

    /// Repeated keys are found however alike the keys are: keys that agree in length and first
    /// bytes but differ later, keys at the very end of the bytes, empty keys, and more keys
    /// than are compared pair by pair.
    #[test]
    fn repeated_keys_are_found_by_their_whole_text() {
        let check = |text: &str, keys: &[(u32, u32)], repeated: bool| {
            assert_eq!(
                has_repeat_keys(text.as_bytes(), keys),
                repeated,
                "{text} {keys:?}"
            );
        };
        // "abcdefgX" and "abcdefgY": same length and first seven bytes.
        check("abcdefgXabcdefgY", &[(0, 8), (8, 16)], false);
        check("abcdefgXabcdefgX", &[(0, 8), (8, 16)], true);
        // Short keys ending the bytes (no eight bytes to read at once).
        check("abab", &[(0, 2), (2, 4)], true);
        check("abac", &[(0, 2), (2, 4)], false);
        check("aba", &[(0, 2), (2, 3)], false);
        check("xx", &[(0, 0), (2, 2)], true);
        // Keys of 9 to 16 bytes, alike but for one byte, some ending the bytes.
        for len in 9..=16 {
            let a = "k".repeat(len);
            let mut c = a.clone();
            c.replace_range(len - 1.., "j");
            let (l, m) = (len as u32, 2 * len as u32);
            check(&format!("{a}{c}"), &[(0, l), (l, m)], false);
            check(&format!("{a}{a}"), &[(0, l), (l, m)], true);
            c = a.clone();
            c.replace_range(..1, "j");
            check(&format!("{a}{c}"), &[(0, l), (l, m)], false);
        }
        // A key of 300 bytes twice, and once beside one differing in its last byte.
        let long = format!("{0}{0}{1}b", "a".repeat(300), "a".repeat(299));
        check(&long, &[(0, 300), (300, 600)], true);
        check(&long, &[(0, 300), (600, 900)], false);
        // Among many keys: sorted past the fingerprint table's 32.
        let many: String = (0..40)
            .map(|n| format!("k{n:02}"))
            .collect::<Vec<_>>()
            .concat();
        let mut keys: Vec<(u32, u32)> = (0..40).map(|n| (n * 3, n * 3 + 3)).collect();
        // Every count of keys the fingerprint table takes: none repeated, the first one repeated
        // last, or two neighbours alike.
        for n in SMALL_OBJECT + 1..=PRINTED_KEYS {
            check(&many, &keys[..n], false);
            let mut repeated = keys[..n].to_vec();
            repeated[n - 1] = repeated[0];
            check(&many, &repeated, true);
            let mut repeated = keys[..n].to_vec();
            repeated[n / 2] = repeated[n / 2 - 1];
            check(&many, &repeated, true);
        }
        check(&many, &keys, false);
        keys.push((51, 54));
        check(&many, &keys, true);
        check(&many, &keys[17..], true);
        check(&many, &keys[18..], false);
    }

    #[test]
    fn non_ascii_text_is_checked_as_utf8_is() {
        // Every sequence of two bytes, and of three or four with the bytes that matter, as the
        // whole text of a string: taken exactly when it is UTF-8 with no quote, backslash or
        // control character.
        let plain = |s: &[u8]| {
            std::str::from_utf8(s).is_ok()
                && !s.iter().any(|&c| c == b'"' || c == b'\\' || c < 0x20)
        };
        let check = |s: &[u8]| {
            let mut line = s.to_vec();
            line.push(b'"');
            let taken = skip_string(&line, 0, &mut false) == Some((line.len(), false));
            assert_eq!(taken, plain(s), "{s:02x?}");
        };
        let tails = [
            0x00, 0x22, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF,
        ];
        for a in 0x80..=0xFFu8 {
            for b in 0..=0xFFu8 {
                check(&[a, b]);
                for c in tails {
                    check(&[a, b, c]);
                    for d in tails {
                        check(&[a, b, c, d]);
                    }
                }
            }
        }
        check("山田 太郎 😀 é".as_bytes());
    }

    #[test]
    fn times_and_ids_read_directly_match_the_general_parsers() {
        let mut day = jiff::civil::date(1999, 12, 25);
        let mut checked = 0;
        while day.year() < 2102 {
            for time in [
                "00:00:00",
                "23:59:59.999999999",
                "12:34:56.7",
                "01:02:03.456",
            ] {
                let text = format!("{day}T{time}Z");
                assert_eq!(at_fast(text.as_bytes()), parse_at(&text), "{text}");
                checked += 1;
            }
            day = day.checked_add(jiff::Span::new().days(13)).unwrap();
        }
        assert!(checked > 10_000);
        for text in [
            "2024-02-29T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
        ] {
            assert_eq!(
                at_fast(text.as_bytes()).is_some(),
                parse_at(text).is_some(),
                "{text}"
            );
        }
        for text in [
            "019a8f4e-7c2b-7d3e-9a1b-0123456789ab",
            "ffffffff-ffff-7fff-ffff-ffffffffffff",
            "00000000-0000-7000-0000-000000000000",
        ] {
            assert_eq!(uuid_v7_fast(text.as_bytes()), parse_uuid_v7(text), "{text}");
            assert!(uuid_v7_fast(text.as_bytes()).is_some());
        }
        for text in [
            "019a8f4e-7c2b-7d3e-9a1b-0123456789ag",
            "019a8f4e-7c2b-4d3e-9a1b-0123456789ab",
            "019a8f4e7c2b-7d3e-9a1b-0123456789abc",
        ] {
            assert_eq!(uuid_v7_fast(text.as_bytes()), None, "{text}");
        }
        let hash = "0123456789abcdef".repeat(4);
        assert!(is_hash(hash.as_bytes()));
        for bad in ["g", "A", "/", ":", "`", "é"] {
            let h = format!("{bad}{}", &hash[bad.len()..]);
            assert_eq!(is_hash(h.as_bytes()), parse_hash(&h).is_some(), "{h}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config { failure_persistence: None, ..proptest::test_runner::Config::default() })]
        /// Lines that differ from a good one by a few bytes: whenever the scan takes one, the
        /// general checks take it too, with the same fields.
        #[test]
        fn the_scan_never_takes_what_the_general_checks_would_not(
            edits in proptest::collection::vec((0usize..400, proptest::sample::select(
                b"{}[]\",:\\-+.eE0123456789tfnuxa \x01\x7f\xc3\xa9\xe3\x81\x82\xff".to_vec()
            ), 0u8..3), 1..4)
        ) {
            let base = GOOD.replace(
                r#""x":{"a":[1,2]}"#,
                r#""employee":{"id":"E1","name":"山田"},"n":[-1.5e+3,0,true,null],"s":"a\"b""#,
            );
            let mut line = base.into_bytes();
            for (at, byte, how) in edits {
                let at = at % (line.len() + 1);
                match how {
                    0 if at < line.len() => line[at] = byte,
                    1 if at < line.len() => {
                        line.remove(at);
                    }
                    _ => line.insert(at, byte),
                }
            }
            assert_sound(&line);
        }

        /// Objects nested in objects and arrays, with keys from a few alike (same lengths,
        /// same first or last bytes) so that repeats are common: the scan takes a line exactly
        /// when no object in it has a key twice, as the general parser decides.
        #[test]
        fn the_scan_finds_every_repeated_key(
            body in proptest::collection::vec((key_names(), value_text()), 0..30)
        ) {
            let members: Vec<String> =
                body.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let line = GOOD.replace(r#""x":{"a":[1,2]}"#, &members.join(","));
            let line = line.replace(",}", "}");
            let general = parse_line(line.as_bytes()).unwrap();
            let scanned = scan_line(line.as_bytes(), &mut Vec::new()).is_some();
            proptest::prop_assert_eq!(scanned, general.repeated.is_none(), "{}", line);
        }
    }

    /// Keys alike in length and ends, and keys longer than 8 and 16 bytes.
    fn key_names() -> proptest::sample::Select<&'static str> {
        proptest::sample::select(&[
            "",
            "a",
            "b",
            "ab",
            "ba",
            "aa",
            "xy",
            "xay",
            "xby",
            "abcdefgh",
            "abcdefgx",
            "abcdefghi",
            "abcdefghij0123456",
            "abcdefghij0123457",
            "bbcdefghij0123456",
            "read_to_end",
            "read_to_fin",
            "languages",
            "recorded_by",
            "occurred_at",
        ])
    }

    /// A JSON value as the writer writes it: objects (keys from [`key_names`]) and arrays
    /// nested a few levels, numbers and strings.
    fn value_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![Just("1".to_string()), Just("\"s\"".to_string())];
        leaf.prop_recursive(4, 40, 8, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5)
                    .prop_map(|items| format!("[{}]", items.join(","))),
                proptest::collection::vec((key_names(), inner), 0..10).prop_map(|members| {
                    let members: Vec<String> = members
                        .iter()
                        .map(|(k, v)| format!("\"{k}\":{v}"))
                        .collect();
                    format!("{{{}}}", members.join(","))
                }),
            ]
        })
    }
}
