//! The trusted seal keys: an OpenSSH allowed_signers file, read as `ssh-keygen -Y verify`
//! reads it.

use jiff::Timestamp;
use ssh_key::PublicKey;

use super::seal::NAMESPACE;

/// Trusted seal keys, from an OpenSSH allowed_signers file.
#[derive(Debug, Clone, Default)]
pub struct Signers {
    pub keys: Vec<PublicKey>,
    /// For each of `keys`, when it may sign (`valid-after`, `valid-before`): a seal made
    /// outside that time is not trusted by it.
    pub windows: Vec<(Option<Timestamp>, Option<Timestamp>)>,
    /// The 1-based numbers of the lines that are not `principals [options] keytype base64`
    /// with a key that can be read (a mistyped file should be told, not read as "no key").
    pub bad_lines: Vec<usize>,
    /// The 1-based numbers of the certificate lines, each with its data (decoded): never
    /// trusted for a seal, but worth naming when a seal is signed by the key they certify.
    pub certificates: Vec<(usize, Vec<u8>)>,
}

impl Signers {
    /// Reads `principals [options] keytype base64 [comment]` lines as `ssh-keygen -Y verify`
    /// reads them; `#` comments and blank lines are skipped, as are lines whose key cannot be
    /// read (an error would hide the others). A line with a `namespaces=` option that does not
    /// list `tebiki-seal` is not trusted for seals, nor is a `cert-authority` (it vouches for
    /// certificates, not for signatures made with the key itself); `valid-after` and
    /// `valid-before` bound when the key may have signed. A line ssh-keygen would refuse (a
    /// marker such as `@revoked`, an unknown option, a time it cannot read) is a bad line.
    pub fn parse(text: &str) -> Signers {
        let mut keys = Vec::new();
        let mut windows = Vec::new();
        let mut bad_lines = Vec::new();
        let mut certificates = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.starts_with('@') {
                bad_lines.push(n + 1);
                continue;
            }
            let words: Vec<&str> = line.split_whitespace().collect();
            // The key type: the first word after the principals that names a key algorithm
            // ssh-keygen knows (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `sk-ssh-ed25519@…`,
            // `ssh-rsa` …); a principal such as `hr@example.com` does not.
            let Some(at) = words
                .iter()
                .skip(1)
                .position(|w| is_key_type(w) || is_certificate_type(w))
                .map(|p| p + 1)
            else {
                bad_lines.push(n + 1);
                continue;
            };
            let certificate = is_certificate_type(words[at]);
            let readable = words.get(at + 1).is_some_and(|data| {
                if certificate {
                    certificate_of_type(data, words[at])
                } else {
                    PublicKey::from_openssh(&format!("{} {data}", words[at])).is_ok()
                }
            });
            if !readable {
                bad_lines.push(n + 1);
                continue;
            }
            // An option given twice is refused by ssh-keygen too.
            let Some(options) = signer_options(&words[1..at].join(" ")).filter(|o| {
                o.iter()
                    .enumerate()
                    .all(|(i, (name, _))| o[..i].iter().all(|(other, _)| other != name))
            }) else {
                bad_lines.push(n + 1);
                continue;
            };
            let mut window = (None, None);
            let mut trusted = true;
            for (name, value) in &options {
                match (name.as_str(), value) {
                    ("namespaces", Some(list)) => {
                        trusted &= namespace_allowed(list);
                    }
                    ("cert-authority", None) => trusted = false,
                    ("valid-after", Some(t)) => window.0 = Some(t),
                    ("valid-before", Some(t)) => window.1 = Some(t),
                    _ => {
                        bad_lines.push(n + 1);
                        trusted = false;
                        break;
                    }
                }
            }
            let times = (
                window.0.map(|t| signer_time(t)),
                window.1.map(|t| signer_time(t)),
            );
            if matches!(times, (Some(None), _) | (_, Some(None))) {
                if !bad_lines.contains(&(n + 1)) {
                    bad_lines.push(n + 1);
                }
                continue;
            }
            // A certificate is read by ssh-keygen but does not vouch for a signature made with
            // the key alone, as a seal is: not trusted, and not a mistake either.
            if certificate {
                use base64ct::Encoding;
                if let Some(data) = words
                    .get(at + 1)
                    .and_then(|d| base64ct::Base64::decode_vec(d).ok())
                {
                    certificates.push((n + 1, data));
                }
                continue;
            }
            if !trusted {
                continue;
            }
            let Some(data) = words.get(at + 1) else {
                continue;
            };
            if let Ok(key) = PublicKey::from_openssh(&format!("{} {data}", words[at])) {
                keys.push(key);
                windows.push((times.0.flatten(), times.1.flatten()));
            }
        }
        Signers {
            keys,
            windows,
            bad_lines,
            certificates,
        }
    }

    /// The line of a certificate of `key`, if one is listed: its data holds the certificate's
    /// type and nonce, then the key's own fields as a plain key's data has them after its
    /// algorithm (PROTOCOL.certkeys), which is what is compared.
    pub fn certificate_line_of(&self, key: &ssh_key::public::KeyData) -> Option<usize> {
        let plain = PublicKey::from(key.clone()).to_bytes().ok()?;
        let fields = skip_string(&plain)?;
        self.certificates.iter().find_map(|(line, data)| {
            let after_nonce = skip_string(skip_string(data)?)?;
            after_nonce.starts_with(fields).then_some(*line)
        })
    }

    /// Whether `key` (found among the signers) may have signed at `at`: some line of it has a
    /// window holding that time.
    pub fn trusts_at(&self, key: &ssh_key::public::KeyData, at: Option<Timestamp>) -> bool {
        self.keys
            .iter()
            .zip(&self.windows)
            .filter(|(k, _)| k.key_data() == key)
            .any(|(_, (after, before))| match at {
                Some(at) => after.is_none_or(|a| at >= a) && before.is_none_or(|b| at <= b),
                None => after.is_none() && before.is_none(),
            })
    }

    /// The `allowed_signers` line that trusts `key` for seals.
    pub fn line_for(key: &PublicKey, principal: &str) -> String {
        let public = key.to_openssh().unwrap_or_default();
        format!("{principal} namespaces=\"{NAMESPACE}\" {public}")
    }
}

/// What follows the length-prefixed string at the start of `data` (SSH wire form).
fn skip_string(data: &[u8]) -> Option<&[u8]> {
    let (len, rest) = data.split_first_chunk::<4>()?;
    rest.get(u32::from_be_bytes(*len) as usize..)
}

/// Whether a `namespaces` list allows seals, as ssh-keygen matches it: comma-separated
/// patterns with `*` and `?`, a pattern after `!` excluding what it matches.
fn namespace_allowed(list: &str) -> bool {
    let mut allowed = false;
    for pattern in list.split(',') {
        match pattern.strip_prefix('!') {
            Some(not) if wildcard(not.as_bytes(), NAMESPACE.as_bytes()) => return false,
            Some(_) => {}
            None => allowed |= wildcard(pattern.as_bytes(), NAMESPACE.as_bytes()),
        }
    }
    allowed
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters and `?` for
/// one.
fn wildcard(pattern: &[u8], text: &[u8]) -> bool {
    match pattern.split_first() {
        None => text.is_empty(),
        Some((b'*', rest)) => (0..=text.len()).any(|i| wildcard(rest, &text[i..])),
        Some((b'?', rest)) => !text.is_empty() && wildcard(rest, &text[1..]),
        Some((c, rest)) => text.first() == Some(c) && wildcard(rest, &text[1..]),
    }
}

/// Whether `word` names a public key algorithm (one ssh-keygen writes before a key's data),
/// rather than an unknown `name@domain`.
fn is_key_type(word: &str) -> bool {
    ssh_key::Algorithm::new(word).is_ok_and(|a| !matches!(a, ssh_key::Algorithm::Other(_)))
}

/// Whether `data` (base64) is an OpenSSH certificate of type `kind`: its first field names
/// that type. Not parsed further: ssh-keygen's own certificates may be valid "forever", a
/// time the `ssh-key` crate does not read.
fn certificate_of_type(data: &str, kind: &str) -> bool {
    use base64ct::Encoding;
    let Ok(bytes) = base64ct::Base64::decode_vec(data) else {
        return false;
    };
    let Some((len, rest)) = bytes.split_first_chunk::<4>() else {
        return false;
    };
    rest.get(..u32::from_be_bytes(*len) as usize) == Some(kind.as_bytes())
        && rest.len() > kind.len()
}

/// Whether `word` names an OpenSSH certificate type (`ssh-ed25519-cert-v01@openssh.com`, …).
fn is_certificate_type(word: &str) -> bool {
    word.strip_suffix("-cert-v01@openssh.com")
        .is_some_and(|base| !base.is_empty())
}

/// The options of an allowed_signers line (`name` or `name=value`, a value maybe in double
/// quotes, separated by commas); `None` when they cannot be read.
fn signer_options(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let end = rest.find([',', '=']).unwrap_or(rest.len());
        let name = rest[..end].trim().to_ascii_lowercase();
        if name.is_empty() || name.contains(char::is_whitespace) {
            return None;
        }
        rest = &rest[end..];
        let value = if let Some(after) = rest.strip_prefix('=') {
            let (value, left) = match after.strip_prefix('"') {
                Some(quoted) => {
                    let close = quoted.find('"')?;
                    (&quoted[..close], &quoted[close + 1..])
                }
                // ssh-keygen takes a value only in quotes ("missing start quote").
                None => return None,
            };
            rest = left;
            Some(value.to_owned())
        } else {
            None
        };
        out.push((name, value));
        rest = match rest.strip_prefix(',') {
            Some(more) => more,
            None if rest.trim().is_empty() => "",
            None => return None,
        };
    }
    Some(out)
}

/// A `valid-after` / `valid-before` time as ssh-keygen reads it: `YYYYMMDD`, `YYYYMMDDHHMM` or
/// `YYYYMMDDHHMMSS`, in UTC with a final `Z`, else in this machine's time zone.
fn signer_time(text: &str) -> Option<Timestamp> {
    let (digits, utc) = match text.strip_suffix(['Z', 'z']) {
        Some(d) => (d, true),
        None => (text, false),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) || ![8, 12, 14].contains(&digits.len()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| digits.get(r).map_or(Some(0), |d| d.parse::<i8>().ok());
    let date = jiff::civil::Date::new(
        digits[..4].parse().ok()?,
        digits[4..6].parse().ok()?,
        digits[6..8].parse().ok()?,
    )
    .ok()?;
    let time = jiff::civil::Time::new(num(8..10)?, num(10..12)?, num(12..14)?, 0).ok()?;
    let zone = if utc {
        jiff::tz::TimeZone::UTC
    } else {
        jiff::tz::TimeZone::system()
    };
    date.to_datetime(time)
        .to_zoned(zone)
        .ok()
        .map(|z| z.timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAILz+n0ITMRk+9IAg0K9rXsz7jYiBNeFNsMFhPVjmq723";

    /// A user certificate made by `ssh-keygen -s ca -I hr -n hr -V 20260101:20360101`.
    const CERT: &str = "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIL6bUaq9/3w9ciQ9SF7F36UpiVlGeFI6drJjo6+3rttBAAAAIEK7ex5FW0XZcPu4RdnmBNoigEf7Ms1uUeh3ZcoJGvOZAAAAAAAAAAAAAAABAAAAAmhyAAAABgAAAAJocgAAAABpVbkAAAAAAHwkXwAAAAAAAAAAggAAABVwZXJtaXQtWDExLWZvcndhcmRpbmcAAAAAAAAAF3Blcm1pdC1hZ2VudC1mb3J3YXJkaW5nAAAAAAAAABZwZXJtaXQtcG9ydC1mb3J3YXJkaW5nAAAAAAAAAApwZXJtaXQtcHR5AAAAAAAAAA5wZXJtaXQtdXNlci1yYwAAAAAAAAAAAAAAMwAAAAtzc2gtZWQyNTUxOQAAACA+yNE2NuZGhPG2saf1mLsxRNZfGpH2Dq1IWRGfHBmcTAAAAFMAAAALc3NoLWVkMjU1MTkAAABAzwALSIKpOSezz7Ha8w03TquoKqgEJIngXjnGGQBnZ+2dgtTm0jnfqeYmDp8yNKuoTUUraZsrA8HAmbDAek2HAg==";

    /// One made by `ssh-keygen -s ca -I hr -n hr`: valid forever, a time the `ssh-key`
    /// crate does not read.
    const FOREVER: &str = "ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tAAAAIMd+UDyPYuQtVn/kgJBeUVI26w4+UmyEs2Mz7DKRw60FAAAAIEK7ex5FW0XZcPu4RdnmBNoigEf7Ms1uUeh3ZcoJGvOZAAAAAAAAAAAAAAABAAAAAmhyAAAABgAAAAJocgAAAAAAAAAA//////////8AAAAAAAAAmwAAABFuby10b3VjaC1yZXF1aXJlZAAAAAAAAAAVcGVybWl0LVgxMS1mb3J3YXJkaW5nAAAAAAAAABdwZXJtaXQtYWdlbnQtZm9yd2FyZGluZwAAAAAAAAAWcGVybWl0LXBvcnQtZm9yd2FyZGluZwAAAAAAAAAKcGVybWl0LXB0eQAAAAAAAAAOcGVybWl0LXVzZXItcmMAAAAAAAAAAAAAADMAAAALc3NoLWVkMjU1MTkAAAAgPsjRNjbmRoTxtrGn9Zi7MUTWXxqR9g6tSFkRnxwZnEwAAABTAAAAC3NzaC1lZDI1NTE5AAAAQActeTFZa3MiPie/xlUuuf0zW95b72rC9dWcjOdw54I/qr6/KLPqlUJLaHD5iGzvJ0vso1f/3/q087TV50B9SwA=";

    /// The key both certificates certify (read from their data with Python's base64 and
    /// struct modules).
    const CERTIFIED: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEK7ex5FW0XZcPu4RdnmBNoigEf7Ms1uUeh3ZcoJGvOZ";

    /// A certificate line is kept aside, by its line, so that a seal signed by the key it
    /// certifies can point at it; it never makes that key trusted.
    #[test]
    fn a_certificate_line_is_found_for_the_key_it_certifies() {
        let s = Signers::parse(&format!("# keys\nhr {KEY}\nhr {CERT}\nhr {FOREVER}\n"));
        assert_eq!(s.keys.len(), 1);
        assert!(s.bad_lines.is_empty());
        assert_eq!(
            s.certificates.iter().map(|c| c.0).collect::<Vec<_>>(),
            [3, 4]
        );
        let key = |text: &str| PublicKey::from_openssh(text).unwrap().key_data().clone();
        assert_eq!(s.certificate_line_of(&key(CERTIFIED)), Some(3));
        assert!(!s.trusts_at(&key(CERTIFIED), None));
        assert_eq!(s.certificate_line_of(&key(KEY)), None);
        let forever = Signers::parse(&format!("hr {FOREVER}\n"));
        assert_eq!(forever.certificate_line_of(&key(CERTIFIED)), Some(1));
    }

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// Lines are read as ssh-keygen reads them: a marker or an unknown option is a bad line, a
    /// certificate authority or another namespace is not trusted for seals, and the validity
    /// window bounds when the key may have signed.
    #[test]
    fn options_are_read_as_ssh_keygen_reads_them() {
        let one = |line: &str| Signers::parse(&format!("{line}\n"));
        let s = one(&format!("hr {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.len()), (1, 0));
        let key = s.keys[0].key_data().clone();
        assert!(s.trusts_at(&key, Some(at("2020-01-01T00:00:00Z"))));

        let s = one(&format!("@revoked hr {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]));
        let s = one(&format!("hr no-such-option {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]));
        let s = one(&format!("hr valid-before=\"2027\" {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]));
        let s = one(&format!("hr cert-authority {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.len()), (0, 0));
        let s = one(&format!("hr namespaces=\"git,file\" {KEY}"));
        assert_eq!((s.keys.len(), s.bad_lines.len()), (0, 0));

        let s = one(&format!(
            "hr namespaces=\"git,tebiki-seal\",valid-after=\"20260101Z\",valid-before=\"202612011230Z\" {KEY}"
        ));
        assert_eq!((s.keys.len(), s.bad_lines.len()), (1, 0));
        assert!(!s.trusts_at(&key, Some(at("2025-12-31T23:59:59Z"))));
        assert!(s.trusts_at(&key, Some(at("2026-06-01T00:00:00Z"))));
        assert!(s.trusts_at(&key, Some(at("2026-12-01T12:30:00Z"))));
        assert!(!s.trusts_at(&key, Some(at("2026-12-01T12:30:01Z"))));
        // A seal whose time cannot be read is trusted only by a key without a window.
        assert!(!s.trusts_at(&key, None));
        // The same key on another line, without a window, trusts it at any time.
        let s = Signers::parse(&format!(
            "hr valid-before=\"20260101Z\" {KEY}\nauditor {KEY}\n"
        ));
        assert!(s.trusts_at(&key, Some(at("2030-01-01T00:00:00Z"))));
    }

    /// An auditors' file may hold keys of other types beside the seal key: each is a key
    /// (ssh-keygen reads it), not a mistyped line; a principal that looks like a key type's
    /// `name@domain` is still a principal.
    #[test]
    fn keys_of_every_type_ssh_keygen_reads_are_keys() {
        let ecdsa = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIg/RSmRPzyAMNlZOvSLR4JsTApJxO4bVu5FJ8irKG1ldRaHzqvIWulnavvAsGOn4SNxJRuzDM4nTFB1WBP0zU=";
        let sk = "sk-ssh-ed25519@openssh.com AAAAGnNrLXNzaC1lZDI1NTE5QG9wZW5zc2guY29tAAAAIEX/dQ0v4127bEo8eeG1EV0ApO2lWbSnN6RXusxhZ6tGAAAABHNzaDo=";
        let text = format!(
            "hr {KEY}\naudit@example.com {ecdsa} laptop\nfido namespaces=\"tebiki-seal\" {sk}\n"
        );
        let s = Signers::parse(&text);
        assert_eq!(s.bad_lines, Vec::<usize>::new());
        assert_eq!(s.keys.len(), 3);
        assert!(matches!(
            s.keys[1].algorithm(),
            ssh_key::Algorithm::Ecdsa { .. }
        ));
        assert_eq!(s.keys[2].algorithm(), ssh_key::Algorithm::SkEd25519);
        // A certificate is read as ssh-keygen reads it (a key it does not trust for a plain
        // signature), not as a mistyped line; one whose data cannot be read is mistyped.
        let s = Signers::parse(&format!("hr {CERT}\nhr {KEY}\nhr {FOREVER}\n"));
        assert_eq!((s.keys.len(), s.bad_lines.clone()), (1, vec![]));
        // Its options are read as any line's: an unknown one makes it a bad line.
        let s = Signers::parse(&format!("hr bogus {FOREVER}\n"));
        assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]));
        // Data that is not base64, or a certificate of another type than named: mistyped.
        let garbled = CERT.replacen("AAAA", "A!AA", 1);
        let (kind, data) = FOREVER.split_once(' ').unwrap();
        let other = kind.replace("ed25519", "rsa");
        for line in [format!("hr {garbled}"), format!("hr {other} {data}")] {
            let s = Signers::parse(&format!("{line}\n"));
            assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]), "{line}");
        }
        // No principal, a key type with no key, an unknown type: each is a bad line.
        let s = Signers::parse(&format!(
            "{KEY}\nhr ecdsa-sha2-nistp256\nhr ssh-foo AAAA\nhr x@y.z AAAA\n"
        ));
        assert_eq!(s.bad_lines, vec![1, 2, 3, 4]);
        assert!(s.keys.is_empty());
    }

    /// Option values as ssh-keygen takes them: only in quotes, each option once, and
    /// `namespaces` as a list of patterns.
    #[test]
    fn namespaces_are_patterns_and_values_are_quoted() {
        let one = |line: &str| Signers::parse(&format!("{line}\n"));
        for (options, trusted) in [
            ("namespaces=\"tebiki-*\"", true),
            ("namespaces=\"*\"", true),
            ("namespaces=\"git,tebiki-se?l\"", true),
            ("namespaces=\"*,!tebiki-seal\"", false),
            ("namespaces=\"tebiki\"", false),
        ] {
            let s = one(&format!("hr {options} {KEY}"));
            assert_eq!(
                (s.keys.len(), s.bad_lines.len()),
                (usize::from(trusted), 0),
                "{options}"
            );
        }
        for bad in [
            "namespaces=tebiki-seal",
            "valid-before=20270101",
            "namespaces=\"tebiki-seal\",namespaces=\"git\"",
        ] {
            let s = one(&format!("hr {bad} {KEY}"));
            assert_eq!((s.keys.len(), s.bad_lines.clone()), (0, vec![1]), "{bad}");
        }
    }

    #[test]
    fn signer_times_take_every_form_ssh_keygen_takes() {
        assert_eq!(signer_time("20261201Z"), Some(at("2026-12-01T00:00:00Z")));
        assert_eq!(
            signer_time("202612011230Z"),
            Some(at("2026-12-01T12:30:00Z"))
        );
        assert_eq!(
            signer_time("20261201123045z"),
            Some(at("2026-12-01T12:30:45Z"))
        );
        for bad in [
            "2026120",
            "20261301Z",
            "20261201T1230Z",
            "x0261201",
            "202612012",
            "",
        ] {
            assert_eq!(signer_time(bad), None, "{bad}");
        }
        assert!(signer_time("20261201").is_some());
    }
}
