//! The admin side of the command line: roster import, exports for HR and legal, the coverage
//! report and a synthetic demo organisation, plus what they share (messages, progress, files).

pub mod codes;
pub mod columns;
pub mod demo;
pub mod export;
pub mod fields;
pub mod receipts;
pub mod record;
pub mod report;
pub mod roster;
pub mod roster_changes;

use std::fs;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use fluent_bundle::FluentValue;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

use crate::cli::Env;
use crate::config::Config;
use crate::escape::for_terminal;
use crate::ledger::{IoOp, LedgerError, ReadIssue, Record};

/// A text encoding an admin can choose for files exchanged with Excel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextEncoding {
    // A byte order mark is read and, for Excel, written.
    #[value(name = "utf-8", alias = "utf8")]
    Utf8,
    // Shift_JIS as Windows writes it (CP932): Japanese Excel's default for CSV.
    #[value(
        name = "cp932",
        alias = "shift_jis",
        alias = "shift-jis",
        alias = "sjis"
    )]
    Cp932,
}

impl TextEncoding {
    pub fn as_str(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Cp932 => "Shift_JIS (CP932)",
        }
    }
}

/// Prints an error in the three parts every error has (what, where, what to do), the same way
/// the rest of the command line does, and returns exit code 2.
pub(crate) fn fail(env: &Env, what: &str, place: Option<&str>, todo_id: &str) -> ExitCode {
    eprintln!("{}: {}", env.t("error-label"), for_terminal(what));
    if let Some(place) = place {
        eprintln!("  {}: {}", env.t("error-where"), for_terminal(place));
    }
    eprintln!("  {}", env.t(todo_id));
    ExitCode::from(2)
}

/// Prints a line to stdout. A reader that went away (`| head`) must not crash the command, so
/// the error comes back for the caller to weigh instead of panicking as `println!` does.
pub(crate) fn say(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// A warning line on stderr.
pub(crate) fn warn(env: &Env, text: &str) {
    eprintln!("{}: {}", env.t("warning-label"), for_terminal(text));
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
            &crate::cli::issue_text(env, first),
            Some(&place),
            "todo-content-check",
        )
    })
}

/// Loads `config.toml`, or prints why it cannot be read.
pub(crate) fn load_config(env: &Env) -> Result<Config, ExitCode> {
    use crate::config::ConfigError;
    env.data.load_config().map_err(|e| match e {
        ConfigError::Io { path, source } => env.io_fail(&source, Some(&path)),
        ConfigError::Parse { path, line, reason } => {
            let place = match line {
                Some(l) => format!("{}:{l}", path.display()),
                None => path.display().to_string(),
            };
            fail(
                env,
                &env.ta("error-config", &[("reason", arg(reason))]),
                Some(&place),
                "todo-config",
            )
        }
    })
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
            &env.ta("error-id-pattern", &[("reason", arg(e.to_string()))]),
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

/// The organisation's time zone (config), else the system's: local dates and times use it.
pub fn timezone(config: &Config) -> TimeZone {
    config
        .timezone
        .as_deref()
        .and_then(|t| TimeZone::get(t).ok())
        .unwrap_or_else(TimeZone::system)
}

/// The name of a time zone for people (`Asia/Tokyo`), or its offset when it has none.
pub fn timezone_name(tz: &TimeZone) -> String {
    match tz.iana_name() {
        Some(name) => name.to_string(),
        None => Timestamp::now().to_zoned(tz.clone()).offset().to_string(),
    }
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
pub fn parse_bound(text: &str, tz: &TimeZone, bound: Bound) -> Option<Timestamp> {
    let text = text.trim();
    if let Ok(date) = text.parse::<jiff::civil::Date>()
        && text.len() == 10
    {
        let day = match bound {
            Bound::Since => date,
            Bound::Until => date.tomorrow().ok()?,
        };
        return day.to_zoned(tz.clone()).ok().map(|z| z.timestamp());
    }
    let ts: Timestamp = text.parse().ok()?;
    match bound {
        Bound::Since => Some(ts),
        Bound::Until => ts.checked_add(SignedDuration::from_nanos(1)).ok(),
    }
}

/// The file and 1-based line a read issue is about.
pub fn issue_place(issue: &ReadIssue) -> (PathBuf, u64) {
    let (file, line) = issue.place();
    (file.to_path_buf(), line)
}

/// A short word for what is wrong with a line (for JSON outputs).
pub fn issue_kind(issue: &ReadIssue) -> &'static str {
    issue.kind()
}

/// What is wrong with a ledger line, in words, naming it as `file:line`.
pub(crate) fn read_issue_text(
    loc: &crate::i18n::Localizer,
    lang: &crate::i18n::Lang,
    issue: &ReadIssue,
) -> String {
    let (file, line) = issue.place();
    let place = format!("{}:{line}", file.display());
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
                ("n", (*records).into()),
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
        _ => loc.ta(lang, "warning-unreadable-line", &[("place", arg(place))]),
    }
}

/// Says on stderr which ledger line was skipped or withheld, as `file:line`.
pub(crate) fn warn_read_issue(env: &Env, issue: &ReadIssue) {
    warn(env, &read_issue_text(&env.loc, &env.lang, issue));
}

/// A ledger file that tebiki refuses to append to: the message id, its `kind` argument,
/// where (the file, with the line when known), and what to do.
pub(crate) struct Refusal {
    pub what: &'static str,
    pub kind: &'static str,
    pub place: String,
    pub todo: &'static str,
}

pub(crate) fn ledger_refusal(e: &LedgerError) -> Option<Refusal> {
    match e {
        LedgerError::NotAFile { path, kind } => Some(Refusal {
            what: "error-ledger-not-file",
            kind: kind.as_str(),
            place: path.display().to_string(),
            todo: "todo-ledger-not-file",
        }),
        LedgerError::SeqExhausted { path } => Some(Refusal {
            what: "error-ledger-seq-end",
            kind: "",
            place: path.display().to_string(),
            todo: "todo-ledger-seq-end",
        }),
        LedgerError::CorruptTail { path, line } => Some(Refusal {
            what: "error-ledger-tail",
            kind: "",
            place: format!("{}:{line}", path.display()),
            todo: "todo-verify",
        }),
        _ => None,
    }
}

/// A ledger error in words, with where it happened when known.
pub(crate) fn ledger_fail(env: &Env, e: &LedgerError) -> ExitCode {
    env.ledger_fail(e)
}

/// Records handed from the reading thread to the caller at a time. Small, because each slot of
/// a batch keeps room for the longest line it has held (a few times the average line).
const HANDOVER: usize = 256;

/// One item of the merged ledger.
pub type Item = Result<Record, ReadIssue>;

/// Reads the merged ledger of `dir` (records without their JSON tree, see
/// [`crate::ledger::merged_raw`]) on a second thread and calls `each` with every item in
/// order, so that reading and the caller's work overlap on two cores. At most a few batches
/// are in flight, so memory stays flat; used batches go back to the reading thread, which
/// fills their records again in place (their strings keep their space), so that a pass
/// allocates nothing per record once the first batches are made. Stops early when `each`
/// fails; returns how many duplicate records were skipped.
pub fn stream_ledger<E>(
    dir: &Path,
    mut each: impl FnMut(&Item) -> Result<(), E>,
) -> Result<Result<u64, E>, LedgerError> {
    let mut merged = crate::ledger::merged_raw(dir)?;
    // A batch and how many of its items are this round's (the rest are kept for their space).
    let (tx, rx) = std::sync::mpsc::sync_channel::<(Vec<Item>, usize)>(2);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<Vec<Item>>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let fresh = |back: &std::sync::mpsc::Receiver<Vec<Item>>| {
                back.try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(HANDOVER))
            };
            let mut batch = fresh(&back_rx);
            let mut used = 0;
            while let Some(item) = merged.next_line() {
                let slot = batch.get_mut(used);
                match (item, slot) {
                    (Ok(record), Some(Ok(slot))) => refill(slot, &record),
                    (Ok(record), Some(slot)) => *slot = Ok(owned(&record)),
                    (Ok(record), None) => batch.push(Ok(owned(&record))),
                    (Err(issue), Some(slot)) => *slot = Err(issue),
                    (Err(issue), None) => batch.push(Err(issue)),
                }
                used += 1;
                if used == HANDOVER {
                    let full = std::mem::replace(&mut batch, fresh(&back_rx));
                    used = 0;
                    if tx.send((full, HANDOVER)).is_err() {
                        // The caller stopped; nobody wants the rest.
                        return merged.duplicates();
                    }
                }
            }
            if used > 0 {
                let _ = tx.send((batch, used));
            }
            merged.duplicates()
        });
        let mut outcome = Ok(());
        'batches: while let Ok((batch, used)) = rx.recv() {
            for item in &batch[..used] {
                if let Err(e) = each(item) {
                    outcome = Err(e);
                    break 'batches;
                }
            }
            // When the reader is done it no longer listens; the batch is then freed here.
            let _ = back_tx.send(batch);
        }
        // Dropping the receiver makes a reader still sending stop at its next batch.
        drop(rx);
        match reader.join() {
            Ok(duplicates) => Ok(outcome.map(|_| duplicates)),
            Err(_) => Err(LedgerError::Io {
                path: dir.to_path_buf(),
                op: IoOp::Read,
                source: io::Error::other("the ledger reader stopped unexpectedly"),
            }),
        }
    })
}

/// A lent record as an owned [`Record`] (without its JSON tree).
fn owned(r: &crate::ledger::LineRecord<'_>) -> Record {
    let mut record = Record {
        file: r.file.to_path_buf(),
        line: 0,
        offset: 0,
        raw: String::new(),
        value: serde_json::Value::Null,
        seq: 0,
        id: r.id,
        at: r.at,
        kiosk: String::new(),
        record_type: String::new(),
    };
    refill(&mut record, r);
    record
}

/// Overwrites `slot` with the lent record `r`, reusing the slot's strings.
fn refill(slot: &mut Record, r: &crate::ledger::LineRecord<'_>) {
    if slot.file.as_os_str() != r.file.as_os_str() {
        slot.file.clear();
        slot.file.push(r.file);
    }
    slot.line = r.line;
    slot.offset = r.offset;
    slot.raw.clear();
    // Checked to be UTF-8 when read, so this copies it as it is.
    match std::str::from_utf8(r.raw) {
        Ok(raw) => slot.raw.push_str(raw),
        Err(_) => slot.raw.push_str(&String::from_utf8_lossy(r.raw)),
    }
    slot.value = serde_json::Value::Null;
    slot.seq = r.seq;
    slot.id = r.id;
    slot.at = r.at;
    slot.kiosk.clear();
    slot.kiosk.push_str(r.kiosk);
    slot.record_type.clear();
    slot.record_type.push_str(r.record_type);
}

/// Records handed over at a time by [`stream_picked`], and the bytes after which a batch goes
/// early (keeps batches of long lines small).
const PICKED_RECORDS: usize = 2048;
const PICKED_BYTES: usize = 1 << 20;

/// Batches [`stream_picked`] keeps in flight. They hold only the members picked (a few hundred
/// bytes a record), so that the reading thread can run well ahead while the caller gets ready
/// (`init`), for about 15 MB at most.
const PICKED_IN_FLIGHT: usize = 32;

/// A record as [`stream_picked`] hands it over: the JSON text of the wanted top-level members,
/// or the whole line when they could not be picked for sure.
#[derive(Debug, Clone, Copy)]
pub struct Picked<'a> {
    /// Index of the record's file among the ledger files of the folder (sorted by name).
    pub file: usize,
    /// Byte offset in that file just past the record's line (and its `\n`).
    pub end: u64,
    /// The members' texts one after another, or the line.
    text: &'a [u8],
    /// Where each wanted member is in `text`; (0, 0) when absent.
    spans: &'a [(u32, u32)],
    picked: bool,
}

impl<'a> Picked<'a> {
    /// Whether the wanted members were picked: the line is in the writer's form, has each of
    /// them at most once and nothing that a JSON tree could not read (see
    /// [`crate::ledger::LineRecord::plain`]). When not, the caller reads [`Picked::line`].
    pub fn picked(&self) -> bool {
        self.picked
    }

    /// The JSON text of wanted member `i`; `None` when the line has no such member.
    pub fn member(&self, i: usize) -> Option<&'a str> {
        let (start, end) = *self.spans.get(i)?;
        if end == 0 {
            return None;
        }
        // Checked to be UTF-8 by the reading thread; checked again here, off that thread, to
        // borrow it as text.
        std::str::from_utf8(self.text.get(start as usize..end as usize)?).ok()
    }

    /// The whole line, when the members were not picked.
    pub fn line(&self) -> Option<&'a str> {
        if self.picked {
            return None;
        }
        std::str::from_utf8(self.text).ok()
    }
}

/// One batch of [`stream_picked`]: per record its text (picked members or the line) in `text`,
/// and where its members are in that text.
#[derive(Debug, Default)]
struct PickedBatch {
    text: Vec<u8>,
    spans: Vec<(u32, u32)>,
    items: Vec<Result<PickedRecord, ReadIssue>>,
}

#[derive(Debug)]
struct PickedRecord {
    file: usize,
    end: u64,
    /// The record's range in `text`.
    text: (usize, usize),
    /// Where its `wanted` spans start in `spans`, when picked.
    spans: Option<usize>,
}

impl PickedBatch {
    /// Adds `record`, with its wanted members when they can be picked for sure.
    fn push(
        &mut self,
        record: &crate::ledger::LineRecord<'_>,
        wanted: usize,
        pick: &impl Fn(&[u8]) -> Option<usize>,
    ) {
        let start = self.text.len();
        let first = self.spans.len();
        let picked = match record.members {
            Some(members) if record.plain => {
                self.spans.resize(first + wanted, (0, 0));
                members.iter().all(|m| {
                    let Some(i) = pick(record.key(m)).filter(|&i| i < wanted) else {
                        return true;
                    };
                    let slot = &mut self.spans[first + i];
                    if slot.1 != 0 {
                        // A key twice: which one counts is the caller's call.
                        return false;
                    }
                    let value = record.value(m);
                    let at = (self.text.len() - start) as u32;
                    *slot = (at, at + value.len() as u32);
                    self.text.extend_from_slice(value);
                    true
                })
            }
            _ => false,
        };
        if !picked {
            self.spans.truncate(first);
            self.text.truncate(start);
            self.text.extend_from_slice(record.raw);
        }
        self.items.push(Ok(PickedRecord {
            file: record.file_index,
            end: record.offset + record.raw.len() as u64 + 1,
            text: (start, self.text.len()),
            spans: picked.then_some(first),
        }));
    }
}

/// Reads the merged ledger of `dir` on a second thread, like [`stream_ledger`], for passes that
/// need only a few top-level members of each record: the reading thread, which checks every
/// line anyway, notes where the members lie (`pick` maps a top-level key to its index among
/// `wanted` members) and hands over just those, so the caller parses only them. Nothing is
/// allocated per record. `init` runs on the calling thread while reading starts; `each` then
/// gets every item in order. Stops early when `each` fails; returns `init`'s value and how many
/// duplicate records were skipped.
pub fn stream_picked<S, E>(
    dir: &Path,
    wanted: usize,
    pick: impl Fn(&[u8]) -> Option<usize> + Send,
    init: impl FnOnce() -> S,
    mut each: impl FnMut(&mut S, Result<Picked<'_>, &ReadIssue>) -> Result<(), E>,
) -> Result<(S, Result<u64, E>), LedgerError> {
    let mut merged = crate::ledger::merged_raw(dir)?;
    let (tx, rx) = std::sync::mpsc::sync_channel::<PickedBatch>(PICKED_IN_FLIGHT);
    let (back_tx, back_rx) = std::sync::mpsc::channel::<PickedBatch>();
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let fresh = || match back_rx.try_recv() {
                Ok(mut used) => {
                    used.text.clear();
                    used.spans.clear();
                    used.items.clear();
                    used
                }
                Err(_) => PickedBatch::default(),
            };
            let mut batch = fresh();
            while let Some(item) = merged.next_line() {
                match item {
                    Err(issue) => batch.items.push(Err(issue)),
                    Ok(record) => batch.push(&record, wanted, &pick),
                }
                if batch.items.len() == PICKED_RECORDS || batch.text.len() >= PICKED_BYTES {
                    let full = std::mem::replace(&mut batch, fresh());
                    if tx.send(full).is_err() {
                        // The caller stopped; nobody wants the rest.
                        return merged.duplicates();
                    }
                }
            }
            if !batch.items.is_empty() {
                let _ = tx.send(batch);
            }
            merged.duplicates()
        });
        let mut state = init();
        let mut outcome = Ok(());
        'batches: while let Ok(batch) = rx.recv() {
            for item in &batch.items {
                let item = match item {
                    Ok(r) => Ok(Picked {
                        file: r.file,
                        end: r.end,
                        text: &batch.text[r.text.0..r.text.1],
                        spans: match r.spans {
                            Some(first) => &batch.spans[first..first + wanted],
                            None => &[],
                        },
                        picked: r.spans.is_some(),
                    }),
                    Err(issue) => Err(issue),
                };
                if let Err(e) = each(&mut state, item) {
                    outcome = Err(e);
                    break 'batches;
                }
            }
            // When the reader is done it no longer listens; the batch is then freed here.
            let _ = back_tx.send(batch);
        }
        // Dropping the receiver makes a reader still sending stop at its next batch.
        drop(rx);
        match reader.join() {
            Ok(duplicates) => Ok((state, outcome.map(|_| duplicates))),
            Err(_) => Err(LedgerError::Io {
                path: dir.to_path_buf(),
                op: IoOp::Read,
                source: io::Error::other("the ledger reader stopped unexpectedly"),
            }),
        }
    })
}

/// A progress bar on stderr when stderr is a terminal; silent otherwise (scripts, pipes, tests).
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Progress in bytes of `total`.
    pub fn bytes(total: u64, message: String) -> Progress {
        Progress::new(
            total,
            message,
            "{msg} [{bar:30}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})",
        )
    }

    /// Progress in items of `total`.
    pub fn items(total: u64, message: String) -> Progress {
        Progress::new(
            total,
            message,
            "{msg} [{bar:30}] {human_pos}/{human_len} ({per_sec}, {eta})",
        )
    }

    /// No progress shown, whatever stderr is.
    pub fn hidden() -> Progress {
        Progress { bar: None }
    }

    fn new(total: u64, message: String, template: &str) -> Progress {
        if !io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let Ok(style) = ProgressStyle::with_template(template) else {
            return Progress::hidden();
        };
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
            .with_style(style.progress_chars("=> "))
            .with_message(message);
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress { bar: Some(bar) }
    }

    pub fn set(&self, position: u64) {
        if let Some(bar) = &self.bar {
            bar.set_position(position);
        }
    }

    /// Removes the bar, so that what follows on stderr starts on a clean line.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    /// Prints a line above the bar without breaking it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The total size of the ledger files in `dir` (for progress); 0 when it cannot be read.
pub fn ledger_bytes(dir: &Path) -> u64 {
    crate::ledger::ledger_files(dir)
        .unwrap_or_default()
        .iter()
        .filter_map(|p| fs::metadata(p).ok())
        .map(|m| m.len())
        .sum()
}

/// A file written under a temporary name in the target's folder and renamed over the target
/// only by [`AtomicFile::commit`]: readers see the old file or the whole new one, never half of
/// it, and a failed run leaves the old file as it was.
pub struct AtomicFile {
    target: PathBuf,
    out: Option<BufWriter<tempfile::NamedTempFile>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        // Rosters and exports hold names: readable by the owner and their group only, like the
        // ledger. The temporary file has a random name and is always new, never a link.
        let file = crate::safe_file::temp_beside(target, 0o640)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Flushes, syncs and renames the file into place, then syncs the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let out = self.out.take().ok_or_else(|| io::Error::other("closed"))?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        crate::safe_file::persist(file, &self.target)
    }
}

pub(crate) fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("closed")),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.write_all(buf),
            None => Err(io::Error::other("closed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let text: String = lines.iter().map(|l| format!("{l}\n")).collect();
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
                    Err(issue) => issue_kind(issue).to_string(),
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
