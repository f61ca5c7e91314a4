//! The admin side of the command line: roster import, exports for HR and legal, the coverage
//! report and a synthetic demo organisation, plus what they share (messages, progress, files).

pub mod codes;
pub mod columns;
pub mod demo;
pub mod export;
pub mod receipts;
pub mod record;
pub mod report;
pub mod roster;
pub mod roster_changes;

// Shared with the domain; these paths stay for the commands that use them.
pub(crate) use crate::command::{fail, say};
pub use crate::encoding::TextEncoding;
pub use crate::progress::Progress;
pub use crate::safe_file::AtomicFile;

use std::process::ExitCode;

use fluent_bundle::FluentValue;
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::command::Env;
use crate::config::Config;
use crate::escape::for_terminal;
use crate::ledger::{LedgerError, ReadIssue};

/// A warning line on stderr.
pub(crate) fn warn(env: &Env, text: &str) {
    let line = format!("{}: {}", env.t("warning-label"), for_terminal(text));
    eprintln!("{}", for_stderr(&line));
}

/// `line` as it goes to stderr: on a terminal, wrapped at its width (by the rules of line
/// breaking, the rest indented two columns) rather than cut by the terminal inside a word;
/// to a file or a pipe, one line, as scripts read it.
pub(crate) fn for_stderr(line: &str) -> std::borrow::Cow<'_, str> {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return line.into();
    }
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w).max(20));
    crate::wrap::hanging(line, width, 2).into()
}

/// A FluentValue for a text argument.
pub(crate) fn arg(s: impl Into<String>) -> FluentValue<'static> {
    FluentValue::from(s.into())
}

/// A count as people read it (`1,234`), as a Fluent argument.
pub(crate) fn count(n: u64) -> FluentValue<'static> {
    FluentValue::from(crate::i18n::group_digits(n))
}

/// Loads the content (for its manifest), or prints the first problem and returns exit code 2.
pub(crate) fn load_content(env: &Env) -> Result<crate::content::RawContent, ExitCode> {
    crate::content::RawContent::load(&env.source).map_err(|issues| {
        let first = &issues[0];
        let place = match first.line {
            Some(l) => format!("{}:{l}", first.file),
            None => first.file.clone(),
        };
        fail(
            env,
            &crate::command::issue_text(env, first),
            Some(&place),
            "todo-content-check",
        )
    })
}

/// Loads `config.toml`, or prints why it cannot be read.
pub(crate) fn load_config(env: &Env) -> Result<Config, ExitCode> {
    env.data
        .load_config()
        .map_err(|e| crate::command::config_error(env, e))
}

/// The employee id rule with the organisation's `employee_id_pattern`; a pattern that is not a
/// valid regular expression is an input error naming config.toml.
pub(crate) fn id_rule(
    env: &Env,
    config: &Config,
) -> Result<crate::record::identity::IdRule, ExitCode> {
    crate::record::identity::IdRule::new(config.employee_id_pattern.as_deref()).map_err(|e| {
        fail(
            env,
            &env.ta(
                "error-id-pattern",
                &[(
                    "reason",
                    arg(crate::record::identity::IdRule::pattern_problem(&e)),
                )],
            ),
            Some(&env.data.config_path().display().to_string()),
            "todo-config",
        )
    })
}

/// An id the rule refuses: what is wrong with it (the character and where), exit 2.
pub(crate) fn id_fail(
    env: &Env,
    raw: &str,
    problem: &crate::record::identity::IdProblem,
    config: &Config,
) -> ExitCode {
    let mut args: Vec<(&str, FluentValue<'static>)> = problem
        .args()
        .into_iter()
        .map(|(k, v)| (k, arg(v)))
        .collect();
    args.push((
        "example",
        arg(config
            .employee_id_example
            .clone()
            .unwrap_or_else(|| "none".into())),
    ));
    let why = env.ta(problem.message_id(), &args);
    fail(
        env,
        &env.ta(
            "record-error-id",
            &[
                ("id", arg(crate::escape::for_terminal(raw).into_owned())),
                ("why", arg(why)),
            ],
        ),
        None,
        "record-todo-id",
    )
}

/// The name of a time zone for people (`Asia/Tokyo`), or its offset when it has none.
pub fn timezone_name(tz: &TimeZone) -> String {
    match tz.iana_name() {
        Some(name) => name.to_string(),
        None => Timestamp::now().to_zoned(tz.clone()).offset().to_string(),
    }
}

/// Appends `at` in the time zone `tz` as `YYYY-MM-DD HH:MM:SS` (two of every exported row's
/// cells in CSV: put together digit by digit, which took a tenth of the time formatting did).
pub(crate) fn local_time(out: &mut String, at: Timestamp, tz: &TimeZone) {
    let local = tz.to_datetime(at);
    let year = local.year();
    if !(0..=9999).contains(&year) {
        use std::fmt::Write as _;
        let _ = write!(
            out,
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
            year,
            local.month(),
            local.day(),
            local.hour(),
            local.minute(),
            local.second()
        );
        return;
    }
    let mut text = *b"0000-00-00 00:00:00";
    let mut put = |at: usize, digits: usize, mut n: u16| {
        for i in (at..at + digits).rev() {
            text[i] = b'0' + (n % 10) as u8;
            n /= 10;
        }
    };
    put(0, 4, year.unsigned_abs());
    for (at, n) in [
        (5, local.month()),
        (8, local.day()),
        (11, local.hour()),
        (14, local.minute()),
        (17, local.second()),
    ] {
        put(at, 2, n.unsigned_abs().into());
    }
    out.extend(text.iter().map(|&b| char::from(b)));
}

/// Which end of a time range a command-line value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Since,
    Until,
}

/// `YYYY-MM-DD` (a local day in `tz`) or a full RFC 3339 time, as the first instant *not*
/// before (`Since`) or the first instant after (`Until`) the range, so that both ends of
/// `--since D --until D` include the whole day D, and a full time is inclusive at both ends.
/// A range that starts or ends past the last time there is gives [`Timestamp::MAX`]: after
/// every record (an `Until` there bounds nothing).
pub fn parse_bound(text: &str, tz: &TimeZone, bound: Bound) -> Option<Timestamp> {
    let text = text.trim();
    // A day in any form people type it (see `crate::day::parse_day`), else a time.
    if let Ok(date) = crate::day::parse_day(text) {
        // A day whose start lies past the last time that can be written (late on 9999-12-30)
        // is after every record: the range then starts or ends there.
        let day = match bound {
            Bound::Since => Some(date),
            Bound::Until => date.tomorrow().ok(),
        };
        return Some(
            day.and_then(|d| d.to_zoned(tz.clone()).ok())
                .map_or(Timestamp::MAX, |z| z.timestamp()),
        );
    }
    let ts: Timestamp = text.parse().ok()?;
    match bound {
        Bound::Since => Some(ts),
        // The last instant there is: the range ends past everything.
        Bound::Until => Some(
            ts.checked_add(SignedDuration::from_nanos(1))
                .unwrap_or(Timestamp::MAX),
        ),
    }
}

/// What a reader left out of the ledger, for the line that says an output is incomplete: the
/// lines it could not read, and the records after a break in the chain that it did not use (a
/// break is counted by the records it withholds, which can be hundreds), with the people those
/// records are about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeftOut {
    pub lines: u64,
    pub withheld: u64,
    /// Files that no longer hold what the latest seal says they held.
    pub sealed: u64,
    /// The newest seal is not one the trusted seal keys vouch for, or there is none (0 or 1).
    pub untrusted: u64,
    /// There are seals, but no trusted key to check them with (0 or 1).
    pub unchecked: u64,
    /// Lines of the trusted seal keys that could not be read, so not used.
    pub signers: u64,
    /// Entries named like ledger files that are not regular files (a link, a folder), not read.
    pub odd: u64,
    /// Records added after the latest seal yet dated before it, not used.
    pub backdated: u64,
    /// Records dated in the future, not used.
    pub future: u64,
    /// The ids of the people the withheld records are about, each once (as first stored).
    pub people: Vec<String>,
}

/// People named in the line that says who withheld records are about; the rest are counted.
const PEOPLE_NAMED: usize = 10;

impl LeftOut {
    pub fn see(&mut self, issue: &ReadIssue) {
        match issue {
            ReadIssue::Withheld {
                records, people, ..
            } => {
                self.withheld += records;
                // Each run is one file's and names each person once; across files a person
                // may come again. A set of keys, not a scan: a break early in a large file can
                // name a great many people.
                let mut keys: std::collections::HashSet<String> =
                    self.people.iter().map(|p| crate::ids::key(p)).collect();
                for id in people {
                    if keys.insert(crate::ids::key(id)) {
                        self.people.push(id.clone());
                    }
                }
            }
            // Told with the records it withholds (a `Withheld` always follows).
            ReadIssue::ChainBreak { .. } | ReadIssue::SeqGap { .. } => {}
            ReadIssue::SealMismatch { .. } => self.sealed += 1,
            ReadIssue::SealNotTrusted { .. } => self.untrusted += 1,
            ReadIssue::SealsUnchecked { .. } => self.unchecked += 1,
            ReadIssue::SignersLine { .. } => self.signers += 1,
            ReadIssue::NotALedgerFile { .. } => self.odd += 1,
            ReadIssue::Backdated { .. } => self.backdated += 1,
            ReadIssue::FutureDated { .. } => self.future += 1,
            _ => self.lines += 1,
        }
    }

    /// The incomplete output's lines, from `{what}-incomplete` (lines not read),
    /// `{what}-incomplete-withheld` (records not used) and `{what}-withheld-people` (whom
    /// those are about) in Fluent.
    pub fn say(&self, env: &Env, what: &str) -> Vec<String> {
        let mut out = Vec::new();
        if self.lines > 0 {
            out.push(env.ta(
                &format!("{what}-incomplete"),
                &[("count", count(self.lines))],
            ));
        }
        if self.withheld > 0 {
            out.push(env.ta(
                &format!("{what}-incomplete-withheld"),
                &[("count", count(self.withheld))],
            ));
        }
        if self.sealed > 0 {
            out.push(env.ta("left-out-sealed", &[("count", count(self.sealed))]));
        }
        if self.untrusted > 0 {
            out.push(env.t("left-out-untrusted"));
        }
        if self.unchecked > 0 {
            out.push(env.t("left-out-unchecked"));
        }
        if self.signers > 0 {
            out.push(env.ta("left-out-signers", &[("count", count(self.signers))]));
        }
        if self.odd > 0 {
            out.push(env.ta("left-out-odd", &[("count", count(self.odd))]));
        }
        if self.backdated > 0 {
            out.push(env.ta("left-out-backdated", &[("count", count(self.backdated))]));
        }
        if self.future > 0 {
            out.push(env.ta("left-out-future", &[("count", count(self.future))]));
        }
        if !self.people.is_empty() {
            let mut ids: Vec<String> = self
                .people
                .iter()
                .take(PEOPLE_NAMED)
                .map(|id| crate::escape::for_display(id))
                .collect();
            if self.people.len() > PEOPLE_NAMED {
                ids.push(env.ta(
                    "people-more",
                    &[("count", count((self.people.len() - PEOPLE_NAMED) as u64))],
                ));
            }
            out.push(env.ta(
                &format!("{what}-withheld-people"),
                &[
                    ("count", count(self.people.len() as u64)),
                    ("ids", arg(ids.join(", "))),
                ],
            ));
        }
        out
    }
}

/// What is wrong with a ledger line, in words, naming it as `file:line`.
pub(crate) fn read_issue_text(
    loc: &crate::i18n::Localizer,
    lang: &crate::i18n::Lang,
    issue: &ReadIssue,
) -> String {
    let (file, line) = issue.place();
    // What is about no line (a file that could not be opened) is named by its file.
    let place = match line {
        0 => file.display().to_string(),
        n => format!("{}:{n}", file.display()),
    };
    match issue {
        ReadIssue::ChainBreak { .. } => {
            loc.ta(lang, "warning-chain-break", &[("place", arg(place))])
        }
        ReadIssue::SeqGap {
            expected, found, ..
        } => loc.ta(
            lang,
            "warning-seq-gap",
            &[
                ("place", arg(place)),
                ("expected", (*expected).into()),
                ("found", (*found).into()),
            ],
        ),
        ReadIssue::Withheld {
            last_line, records, ..
        } => loc.ta(
            lang,
            "warning-withheld",
            &[
                ("place", arg(place)),
                ("last", (*last_line).into()),
                ("n", count(*records)),
            ],
        ),
        ReadIssue::RepeatedKey { key, .. } => loc.ta(
            lang,
            "warning-repeated-key",
            &[
                ("place", arg(place)),
                ("key", arg(crate::escape::for_display(key))),
            ],
        ),
        ReadIssue::SealMismatch { seal, seq, .. } => loc.ta(
            lang,
            "warning-seal-mismatch",
            &[
                ("file", arg(file.display().to_string())),
                ("seal", arg(crate::escape::for_display(seal))),
                ("seq", (*seq).into()),
            ],
        ),
        ReadIssue::Conflict {
            other_file,
            other_line,
            ..
        } => loc.ta(
            lang,
            "warning-conflicting-id",
            &[
                ("place", arg(place)),
                (
                    "other",
                    arg(format!("{}:{other_line}", other_file.display())),
                ),
            ],
        ),
        // The finding's words (as verify says it), after the file's name; not read.
        ReadIssue::NotALedgerFile { what, .. } => format!(
            "{}: {}",
            file.display(),
            loc.ta(lang, "finding-not-ledger-file", &[("what", arg(*what))])
        ),
        ReadIssue::SealsUnchecked { seal, .. } => loc.ta(
            lang,
            "warning-seal-no-signers",
            &[
                ("seal", arg(crate::escape::for_display(seal))),
                ("file", arg(file.display().to_string())),
            ],
        ),
        ReadIssue::SignersLine { .. } => {
            loc.ta(lang, "warning-signers-line", &[("place", arg(place))])
        }
        ReadIssue::SealNotTrusted {
            seal: Some(seal), ..
        } => loc.ta(
            lang,
            "warning-seal-not-trusted",
            &[("seal", arg(crate::escape::for_display(seal)))],
        ),
        ReadIssue::SealNotTrusted { seal: None, .. } => loc.ta(
            lang,
            "warning-no-seal",
            &[("dir", arg(file.display().to_string()))],
        ),
        ReadIssue::Backdated { seal, .. } => loc.ta(
            lang,
            "warning-backdated",
            &[
                ("place", arg(place)),
                ("seal", arg(crate::escape::for_display(seal))),
            ],
        ),
        ReadIssue::FutureDated { at, .. } => loc.ta(
            lang,
            "warning-future-dated",
            &[
                ("place", arg(place)),
                ("at", arg(crate::ledger::ledger_time(*at))),
            ],
        ),
        ReadIssue::Misplaced { kiosk, .. } => loc.ta(
            lang,
            "warning-misplaced",
            &[
                ("place", arg(place)),
                ("kiosk", arg(crate::escape::for_display(kiosk))),
            ],
        ),
        _ => loc.ta(lang, "warning-unreadable-line", &[("place", arg(place))]),
    }
}

/// Says on stderr which ledger line was skipped or withheld, as `file:line`.
pub(crate) fn warn_read_issue(env: &Env, issue: &ReadIssue) {
    warn(env, &read_issue_text(&env.loc, &env.lang, issue));
}

/// A ledger error in words, with where it happened when known.
pub(crate) fn ledger_fail(env: &Env, e: &LedgerError) -> ExitCode {
    env.ledger_fail(e)
}

/// Refuses an output file `path` (given with `-o`) that is one of tebiki's own files in the
/// data folder (settings, roster, codes, log, seal keys) or inside one of its folders (ledger,
/// seals, cache), where it would replace what tebiki keeps or be read as part of the ledger:
/// the exit code, after saying so; `None` for any other path.
pub(crate) fn refuse_over_own_files(env: &Env, path: &std::path::Path) -> Option<ExitCode> {
    const FOLDERS: [&str; 3] = ["ledger", "seals", "cache"];
    const FILES: [&str; 5] = [
        "config.toml",
        "roster.csv",
        "identity-codes.json",
        "tebiki.log",
        "seal-signers",
    ];
    let parent = crate::safe_file::parent_dir(path).canonicalize().ok()?;
    let data = env.data.root.canonicalize().ok()?;
    let name = path.file_name()?.to_str().unwrap_or_default();
    // The PIN counters too: one that cannot be read means the PIN is not checked at all.
    let counter = crate::pin::Counter::ALL
        .iter()
        .any(|c| c.file_name() == name);
    let own = FOLDERS.iter().any(|f| parent.starts_with(data.join(f)))
        || (parent == data && (FILES.contains(&name) || FOLDERS.contains(&name) || counter));
    own.then(|| {
        env.fail(
            env.t("output-error-own-file"),
            Some(path.display().to_string()),
            "todo-output-own-file",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::ledger::stream::stream_picked;
    use std::fs;
    use std::io::Write;

    /// Local times put together digit by digit read as formatting them through the zoned time
    /// reads, across years, days, seconds and zones with and without summer time.
    #[test]
    fn local_times_read_as_formatted() {
        let zones = [
            TimeZone::UTC,
            TimeZone::fixed(jiff::tz::offset(9)),
            TimeZone::fixed(jiff::tz::Offset::from_seconds(-(3 * 3600 + 30 * 60)).unwrap()),
        ]
        .into_iter()
        .chain(
            ["Asia/Tokyo", "America/New_York", "Australia/Lord_Howe"]
                .iter()
                .filter_map(|n| TimeZone::get(n).ok()),
        );
        for tz in zones {
            // From 1970 to 2100 in steps that reach every second of a minute and hour of a day.
            let mut second = 0i64;
            while second < 4_102_444_800 {
                let at = Timestamp::from_second(second).unwrap();
                let zoned = at.to_zoned(tz.clone());
                let expected = format!(
                    "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
                    zoned.year(),
                    zoned.month(),
                    zoned.day(),
                    zoned.hour(),
                    zoned.minute(),
                    zoned.second()
                );
                let mut out = String::from("x");
                local_time(&mut out, at, &tz);
                assert_eq!(out, format!("x{expected}"), "{at} {tz:?}");
                second += 86_399 * 3 + 7;
            }
        }
    }

    #[test]
    fn dates_cover_whole_local_days_and_times_are_inclusive() {
        let tz = TimeZone::get("Asia/Tokyo").unwrap();
        let since = parse_bound("2026-11-23", &tz, Bound::Since).unwrap();
        assert_eq!(since.to_string(), "2026-11-22T15:00:00Z");
        let until = parse_bound("2026-11-23", &tz, Bound::Until).unwrap();
        assert_eq!(until.to_string(), "2026-11-23T15:00:00Z");
        let t = parse_bound("2026-11-23T01:02:03Z", &tz, Bound::Until).unwrap();
        assert!(t > "2026-11-23T01:02:03Z".parse::<Timestamp>().unwrap());
        assert!(parse_bound("2026-13-01", &tz, Bound::Since).is_none());
        // The last instant there is, as a time: the range ends past everything.
        assert_eq!(
            parse_bound("9999-12-30T22:00:00.999999999Z", &tz, Bound::Until),
            Some(Timestamp::MAX)
        );
        // The last days there are: after every record, not "not a date".
        for day in ["9999-12-31", "9999-12-30"] {
            for bound in [Bound::Since, Bound::Until] {
                let t = parse_bound(day, &tz, bound).unwrap();
                assert!(
                    t > "9999-12-29T00:00:00Z".parse().unwrap(),
                    "{day} {bound:?}"
                );
            }
        }
        assert!(parse_bound("yesterday", &tz, Bound::Since).is_none());
    }

    #[test]
    fn an_atomic_file_appears_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"a,b\n").unwrap();
        assert!(!target.exists());
        f.commit().unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"a,b\n");
        let mut f = AtomicFile::create(&target).unwrap();
        f.write_all(b"half").unwrap();
        drop(f);
        assert_eq!(fs::read(&target).unwrap(), b"a,b\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "no temp left");
    }

    #[test]
    fn picked_members_come_with_their_record_and_odd_lines_come_whole() {
        let dir = tempfile::tempdir().unwrap();
        // Chained as a writer chains them, over the unreadable first line too, so that every
        // record is handed on; the odd ones (an escaped key, a space) come whole.
        let envelope = |seq: u32, prev: &str| {
            format!(
                r#"{{"schema":"tebiki/1","seq":{seq},"prev":"{}","id":"019a8f4e-7c2b-7d3e-9a1b-0123456789a{seq}","at":"2026-11-23T01:02:0{seq}.456Z","kiosk":"k1","type":"stage""#,
                hex::encode(crate::ledger::line_sha256(prev.as_bytes()))
            )
        };
        let bodies = [
            r#","employee":{"id":"E1"},"stage":"parallel"}"#,
            r#","employee":{"id":"E2"},"n\u006fte":"x"}"#,
            r#","employee":{"id":"E4"},"note":"\u00e9"}"#,
            r#", "employee":{"id":"E5"}}"#,
        ];
        let mut lines = vec!["garbage".to_string()];
        for (n, body) in bodies.iter().enumerate() {
            let prev = lines.last().unwrap().clone();
            lines.push(format!("{}{body}", envelope(n as u32 + 2, &prev)));
        }
        let text: String = lines.iter().flat_map(|l| [l.as_str(), "\n"]).collect();
        fs::write(dir.path().join("k1.jsonl"), &text).unwrap();
        let pick = |key: &[u8]| match key {
            b"employee" => Some(0),
            b"stage" => Some(1),
            _ => None,
        };
        let mut seen = Vec::new();
        let (state, outcome) = stream_picked(
            dir.path(),
            2,
            pick,
            || 7,
            |state, item| -> Result<(), ()> {
                assert_eq!(*state, 7);
                seen.push(match item {
                    Ok(r) => format!(
                        "{} {} {:?} {:?} {:?}",
                        r.file,
                        r.end,
                        r.member(0),
                        r.member(1),
                        r.line().map(str::len)
                    ),
                    Err(issue) => issue.kind().to_string(),
                });
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(state, 7);
        assert_eq!(outcome, Ok(0));
        let ends: Vec<usize> = lines
            .iter()
            .scan(0, |end, l| {
                *end += l.len() + 1;
                Some(*end)
            })
            .collect();
        assert_eq!(
            seen,
            [
                "unparseable".to_string(),
                format!(
                    r#"0 {} Some("{{\"id\":\"E1\"}}") Some("\"parallel\"") None"#,
                    ends[1]
                ),
                format!("0 {} None None Some({})", ends[2], lines[2].len()),
                format!("0 {} None None Some({})", ends[3], lines[3].len()),
                format!("0 {} None None Some({})", ends[4], lines[4].len()),
            ]
        );
    }
}
