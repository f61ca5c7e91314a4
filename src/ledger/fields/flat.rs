//! The small objects of a record (`employee`, `policy`, `how`) read without serde when they
//! are flat: every value a string without escapes, `true`, `false` or `null`, as the writer
//! writes them. Anything else is left to serde, so the fields are the same either way. The
//! report reads these objects of every record from the members the reading thread picked
//! ([`super::Essentials::from_members`]), where serde's generic reading of them cost about a
//! twentieth of the report's CPU.

use std::borrow::Cow;

use super::{Employee, Method, Policy, Verified, typed};

/// One value of a flat object.
#[derive(Debug, Clone, Copy)]
enum Flat<'a> {
    Str(&'a str),
    Bool(bool),
    Null,
}

/// Calls `each` with every member of `json`, a compact JSON object whose values are all
/// [`Flat`], in order; `None` (nothing decided) for any other text, or when `each` gives up.
/// Keys are given as stored: one with an escape gives up too.
fn members<'a>(json: &'a str, mut each: impl FnMut(&'a str, Flat<'a>) -> Option<()>) -> Option<()> {
    let b = json.as_bytes();
    // A string from its opening quote at `i`: its text (none with an escape), and its end.
    let string = |i: usize| -> Option<(&'a str, usize)> {
        let len = memchr::memchr2(b'"', b'\\', b.get(i + 1..)?)?;
        let end = i + 1 + len;
        (b[end] == b'"').then(|| (&json[i + 1..end], end + 1))
    };
    if b.first() != Some(&b'{') {
        return None;
    }
    let mut i = 1;
    if b.get(i) == Some(&b'}') {
        return (i + 1 == b.len()).then_some(());
    }
    loop {
        if b.get(i) != Some(&b'"') {
            return None;
        }
        let (key, end) = string(i)?;
        if b.get(end) != Some(&b':') {
            return None;
        }
        i = end + 1;
        let rest = b.get(i..)?;
        let value = if rest.first() == Some(&b'"') {
            let (text, end) = string(i)?;
            i = end;
            Flat::Str(text)
        } else if rest.starts_with(b"true") {
            i += 4;
            Flat::Bool(true)
        } else if rest.starts_with(b"false") {
            i += 5;
            Flat::Bool(false)
        } else if rest.starts_with(b"null") {
            i += 4;
            Flat::Null
        } else {
            return None;
        };
        each(key, value)?;
        match b.get(i)? {
            b',' => i += 1,
            b'}' => return (i + 1 == b.len()).then_some(()),
            _ => return None,
        }
    }
}

/// A text field as serde reads it (`Option<Cow<str>>`): a string, or `null` for none; `None`
/// for a type it refuses. `seen` marks the field read, once: serde refuses a field twice.
fn text_field<'a>(
    slot: &mut Option<Cow<'a, str>>,
    seen: &mut u8,
    bit: u8,
    value: Flat<'a>,
) -> Option<()> {
    if *seen & bit != 0 {
        return None;
    }
    *seen |= bit;
    *slot = match value {
        Flat::Str(s) => Some(Cow::Borrowed(s)),
        Flat::Null => None,
        Flat::Bool(_) => return None,
    };
    Some(())
}

/// A member of type `T` as [`typed`] reads it, through [`FromFlat`] when the object is flat.
pub(super) fn object<'a, T>(json: Option<&'a str>) -> Option<Option<T>>
where
    T: FromFlat<'a> + serde::Deserialize<'a>,
{
    match json {
        None | Some("null") => Some(None),
        Some(text) => match T::from_flat(text) {
            Some(value) => Some(Some(value)),
            None => typed(json),
        },
    }
}

/// A struct read from a flat object exactly as serde reads it; `None` where serde's answer
/// could differ (or be an error), for serde to give it.
pub(super) trait FromFlat<'a>: Sized {
    fn from_flat(json: &'a str) -> Option<Self>;
}

impl<'a> FromFlat<'a> for Employee<'a> {
    fn from_flat(json: &'a str) -> Option<Employee<'a>> {
        let mut e = Employee::default();
        let mut seen = 0u8;
        members(json, |key, value| match key {
            "id" => text_field(&mut e.id, &mut seen, 1, value),
            "name" => text_field(&mut e.name, &mut seen, 2, value),
            "department" => text_field(&mut e.department, &mut seen, 4, value),
            "id_as_entered" => text_field(&mut e.id_as_entered, &mut seen, 8, value),
            "verified" => {
                if seen & 16 != 0 {
                    return None;
                }
                seen |= 16;
                e.verified = match value {
                    Flat::Str(s) => Some(Verified(Some(Cow::Borrowed(s)))),
                    Flat::Bool(b) => Some(Verified(Some(Cow::Borrowed(if b {
                        "true"
                    } else {
                        "false"
                    })))),
                    Flat::Null => None,
                };
                Some(())
            }
            _ => Some(()),
        })?;
        Some(e)
    }
}

impl<'a> FromFlat<'a> for Policy<'a> {
    fn from_flat(json: &'a str) -> Option<Policy<'a>> {
        let mut p = Policy::default();
        let mut seen = 0u8;
        members(json, |key, value| match key {
            "id" => text_field(&mut p.id, &mut seen, 1, value),
            "version" => text_field(&mut p.version, &mut seen, 2, value),
            _ => Some(()),
        })?;
        Some(p)
    }
}

impl<'a> FromFlat<'a> for Method<'a> {
    fn from_flat(json: &'a str) -> Option<Method<'a>> {
        let mut m = Method::default();
        let mut seen = 0u8;
        members(json, |key, value| match key {
            "method" => text_field(&mut m.method, &mut seen, 1, value),
            _ => Some(()),
        })?;
        Some(m)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// What serde makes of a member, as text to compare (borrowed or not alike).
    fn by_serde<'a, T: serde::Deserialize<'a> + std::fmt::Debug>(json: &'a str) -> String {
        normal(format!("{:?}", typed::<T>(Some(json))))
    }

    fn normal(s: String) -> String {
        s.replace("Owned(", "").replace("Borrowed(", "")
    }

    fn by_flat<'a, T>(json: &'a str) -> String
    where
        T: FromFlat<'a> + serde::Deserialize<'a> + std::fmt::Debug,
    {
        normal(format!("{:?}", object::<T>(Some(json))))
    }

    fn same_as_serde(json: &str) {
        assert_eq!(
            by_flat::<Employee>(json),
            by_serde::<Employee>(json),
            "{json}"
        );
        assert_eq!(by_flat::<Policy>(json), by_serde::<Policy>(json), "{json}");
        assert_eq!(by_flat::<Method>(json), by_serde::<Method>(json), "{json}");
    }

    #[test]
    fn flat_objects_read_as_serde_reads_them() {
        for json in [
            r#"{"id":"E1","name":"山田 凛","department":"営業部","verified":"roster"}"#,
            r#"{"id":"E1","verified":true}"#,
            r#"{"id":"E1","verified":false,"name":null}"#,
            r#"{"id":"E1","verified":null}"#,
            r#"{"id":"line-works-own-phone","version":"2026-11-23"}"#,
            r#"{"method":"kiosk","mode":"kiosk","session":null}"#,
            r#"{"method":"admin","via":"cli","session":"S1","trainer":"t"}"#,
            "{}",
            "null",
            // What the flat reading leaves to serde, which must still give its own answer.
            r#"{"id":"E1","id":"E2"}"#,
            r#"{"id":true}"#,
            r#"{"version":3}"#,
            r#"{"method":5}"#,
            r#"{"name":"a\"b"}"#,
            r#"{"x":{"y":1},"id":"E3"}"#,
            r#"["E4","名前","部署"]"#,
            r#""E5""#,
            r#"{ "id":"E6"}"#,
            r#"{"id":"E7",}"#,
            r#"{"id":"E8"}x"#,
            r#"{"i\u0064":"E9"}"#,
            r#"{"id":"E10","verified":"code","id_as_entered":"e10"}"#,
            r#"{"id":"E11","verified":"code","verified":"roster"}"#,
        ] {
            same_as_serde(json);
        }
        // Taken without serde, as the writer writes them.
        assert!(Employee::from_flat(r#"{"id":"E1","verified":true}"#).is_some());
        assert!(Method::from_flat(r#"{"method":"kiosk","session":null}"#).is_some());
        assert!(Employee::from_flat(r#"{"id":"E1","id":"E2"}"#).is_none());
    }

    fn flat_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[a-zé山\"\\\\ ]{0,6}".prop_map(|s| serde_json::to_string(&s).unwrap()),
            Just("true".to_string()),
            Just("false".to_string()),
            Just("null".to_string()),
            Just("5".to_string()),
            Just("{\"id\":\"x\"}".to_string()),
        ]
    }

    proptest! {
        /// Any object of these keys and values, each key maybe twice, reads the same.
        #[test]
        fn any_small_object_reads_as_serde_reads_it(
            members in proptest::collection::vec(
                (
                    prop_oneof![
                        Just("id"), Just("name"), Just("department"), Just("id_as_entered"),
                        Just("verified"), Just("version"), Just("method"), Just("other"),
                    ],
                    flat_value(),
                ),
                0..6,
            )
        ) {
            same_as_serde(&super::super::json_object(&members));
        }
    }
}
