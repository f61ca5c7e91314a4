//! `tebiki export`: the ledger, merged across every kiosk file, in the formats HR and legal
//! open (CSV for Excel, including Japanese Excel) and the ones scripts and auditors want
//! (JSON Lines, one JSON document with checkpoints). Streams: memory does not grow with the
//! ledger.
//!
//! Formats:
//! - `jsonl`: every selected record exactly as stored, one per line (lossless).
//! - `json`: one document `{"format", "exported_at", "filters", "records": [...], "files":
//!   [...], "skipped": [...], "duplicates", "count", "complete"}`. `records` holds each record
//!   exactly as stored. `files` gives, per ledger file read, its `last_seq` and `head_sha256`
//!   (the SHA-256 of the last line read), so the document is itself a checkpoint:
//!   `tebiki verify --checkpoint export.json` proves the ledger still extends what was
//!   exported.
//! - `csv`: one row per record, RFC 4180 quoting, CRLF line ends, the columns of
//!   [`super::columns::COLUMNS`] (every field of a record, or listed there as JSON-only);
//!   `--labels ja|en` writes headings and coded values in words.
//!
//!   Formula injection: a cell starting with `=`, `+`, `-`, `@`, tab, CR (or their full-width
//!   forms `＝＋－＠`, or the minus signs U+2212 and U+FE63) gets a leading `'`, so Excel shows it as text; a cell that already starts
//!   with `'` gets one too, so removing exactly one leading `'` from every cell that has one
//!   gives back the stored value.
//!
//!   `--excel` writes UTF-8 with a BOM (Excel then detects UTF-8); `--encoding cp932` writes
//!   Shift_JIS as Japanese Excel expects. Characters CP932 cannot hold are written as `〓`, and
//!   characters it holds only as another one (`¥` as `\`, `‾` as `~`, `−` as `－`, ...) are
//!   counted too; the first few are named by row and column, and the export then ends with
//!   exit 1 (complete, but not exact).
//!
//! Filters (all optional, combined with AND):
//! - `--since`, `--until`: on when it happened: the record's `occurred_at`, else its `at` (the
//!   time the ledger vouches for). `YYYY-MM-DD` means that whole local day (in the configured
//!   time zone, else the system's), both ends included; a full RFC 3339 time is an instant,
//!   included.
//! - `--status`: by the record itself, not by the person's current state: `given`, `refused`,
//!   `deferred` match consent records with that decision; `withdrawn` matches withdrawal
//!   records; a stage word (`not_started` ... `opted_out`) matches stage records setting that
//!   stage. Several are given as `--status given,deferred` (any of them matches). A value that
//!   is none of these matches no record and is a warning naming the known ones (exit 1).
//! - `--dept`: the department recorded with the record (surrounding spaces and full/half-width
//!   differences ignored); may be given more than once. One that matches no department of the
//!   roster or the ledger is a warning naming the known ones (exit 1).
//!
//! Unreadable ledger lines are reported on stderr as `file:line`, skipped, listed in the JSON
//! document, and make the exit code 1 (export incomplete); everything else is still written.
//!
//! Output: `-o FILE` is written beside FILE under a temporary name and renamed over it only
//! when the export is finished. Without `-o` it goes to stdout; when that is a terminal,
//! control and invisible characters are shown escaped rather than sent to it raw.
//!
//! Speed: the ledger is read on a second thread (`admin::stream_ledger`) and each record's few
//! fields are read from its line without building a JSON tree (`admin::fields`).

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::columns::{self, Labels};
use super::fields::Fields;
use super::{
    AtomicFile, Bound, Progress, TextEncoding, arg, count, fail, ledger_bytes, ledger_fail,
    parse_bound, say, stream_ledger, warn, warn_read_issue,
};
use crate::command::Env;
use crate::escape::json_for_terminal;
use crate::ledger::{LedgerError, ReadIssue, Record};

/// `tebiki export`
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
    pub format: ExportFormat,
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    #[arg(long, value_delimiter = ',', value_name = "STATUS", value_parser = StatusParser)]
    pub status: Vec<StatusArg>,
    #[arg(long, value_name = "DEPT")]
    pub dept: Vec<String>,
    #[arg(long)]
    pub excel: bool,
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<TextEncoding>,
    /// Headings and coded values in words of this language (CSV); default: the stable keys.
    #[arg(long, value_name = "LANG")]
    pub labels: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Jsonl,
    /// One consent receipt (ISO/IEC TS 27560, DPV words) per consent or withdrawal record.
    Receipts,
}

/// What `--status` can select (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFilter {
    Given,
    Refused,
    Deferred,
    Withdrawn,
    #[value(name = "not_started")]
    NotStarted,
    Informed,
    Hesitant,
    Parallel,
    Migrated,
    #[value(name = "opted_out")]
    OptedOut,
    /// A `--status` value that is none of these: it matches no record (and is warned about).
    #[value(skip)]
    Unknown,
}

/// One `--status` value as given: a known one, or one that matches nothing known (the export
/// is still written, with a warning naming the known values, and exit 1, as for `--dept`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusArg {
    Known(StatusFilter),
    Unknown(String),
}

impl StatusArg {
    pub fn filter(&self) -> StatusFilter {
        match self {
            StatusArg::Known(f) => *f,
            StatusArg::Unknown(_) => StatusFilter::Unknown,
        }
    }
}

/// Reads a `--status` value without refusing an unknown one; help still lists the known ones.
#[derive(Debug, Clone, Copy)]
pub struct StatusParser;

impl clap::builder::TypedValueParser for StatusParser {
    type Value = StatusArg;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<StatusArg, clap::Error> {
        let text = value.to_string_lossy();
        let text = text.trim();
        Ok(
            match <StatusFilter as clap::ValueEnum>::from_str(text, true) {
                Ok(f) => StatusArg::Known(f),
                Err(_) => StatusArg::Unknown(text.to_string()),
            },
        )
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            <StatusFilter as clap::ValueEnum>::value_variants()
                .iter()
                .filter_map(clap::ValueEnum::to_possible_value),
        ))
    }
}

impl StatusFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Given => "given",
            StatusFilter::Refused => "refused",
            StatusFilter::Deferred => "deferred",
            StatusFilter::Withdrawn => "withdrawn",
            StatusFilter::NotStarted => "not_started",
            StatusFilter::Informed => "informed",
            StatusFilter::Hesitant => "hesitant",
            StatusFilter::Parallel => "parallel",
            StatusFilter::Migrated => "migrated",
            StatusFilter::OptedOut => "opted_out",
            StatusFilter::Unknown => "unknown",
        }
    }

    fn matches(self, record_type: &str, f: &Fields<'_>) -> bool {
        match self {
            StatusFilter::Given | StatusFilter::Refused | StatusFilter::Deferred => {
                record_type == "consent" && f.decision.as_deref() == Some(self.as_str())
            }
            StatusFilter::Withdrawn => record_type == "withdrawal",
            StatusFilter::Unknown => false,
            _ => record_type == "stage" && f.stage.as_deref() == Some(self.as_str()),
        }
    }
}

/// Which records an export keeps.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Inclusive.
    pub since: Option<Timestamp>,
    /// Exclusive (see [`parse_bound`]).
    pub until: Option<Timestamp>,
    pub status: Vec<StatusFilter>,
    /// Normalised with [`dept_key`].
    pub depts: Vec<String>,
}

/// A department as compared by `--dept`.
pub fn dept_key(s: &str) -> String {
    s.trim().nfkc().collect()
}

impl Filters {
    /// Whether `at` is inside `--since` / `--until`.
    pub fn in_time(&self, at: Timestamp) -> bool {
        !(self.since.is_some_and(|s| at < s) || self.until.is_some_and(|u| at >= u))
    }

    /// Whether the filters need the record's fields: the status and department filters, and
    /// the time filters (which apply to when the event happened, `occurred_at`).
    pub fn needs_fields(&self) -> bool {
        !self.status.is_empty()
            || !self.depts.is_empty()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// When the event happened: the record's `occurred_at` when it says, else its `at`.
    pub fn when(at: Timestamp, f: &Fields<'_>) -> Timestamp {
        f.occurred_at
            .as_deref()
            .and_then(|t| t.parse().ok())
            .unwrap_or(at)
    }

    /// Every filter, on a record whose envelope time is `at` and whose fields are `f`.
    pub fn matches_fields(&self, record_type: &str, at: Timestamp, f: &Fields<'_>) -> bool {
        if !self.in_time(Self::when(at, f)) {
            return false;
        }
        if !self.status.is_empty() && !self.status.iter().any(|s| s.matches(record_type, f)) {
            return false;
        }
        if !self.depts.is_empty() {
            match f.department() {
                Some(d) if self.depts.contains(&dept_key(d)) => {}
                _ => return false,
            }
        }
        true
    }

    /// Every filter, for one record.
    pub fn matches(&self, r: &Record) -> bool {
        !self.needs_fields()
            || Fields::with(&r.raw, |f| self.matches_fields(&r.record_type, r.at, f))
    }

    fn to_json(&self) -> Value {
        serde_json::json!({
            "since": self.since.map(|t| t.to_string()),
            "until_before": self.until.map(|t| t.to_string()),
            "status": self.status.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "dept": self.depts,
        })
    }
}

/// How the output is written.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// The purposes of the current content, one column each.
    pub purposes: Vec<String>,
    /// For the `at_local` column.
    pub tz: TimeZone,
    /// A UTF-8 byte order mark first (Excel).
    pub bom: bool,
    pub encoding: TextEncoding,
    /// The output is a terminal (any format): control and invisible characters are shown as
    /// `\u{..}` escapes instead of reaching it. Files and pipes get the values exactly.
    pub terminal: bool,
    /// `--labels`: headings and coded values in words of a language.
    pub labels: Option<std::rc::Rc<Labels>>,
    /// What `--format receipts` says about the organisation.
    pub receipts: super::receipts::Context,
}

/// Per ledger file read: where reading ended, as a checkpoint entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHead {
    pub file: String,
    pub kiosk: String,
    pub last_seq: u64,
    pub head_sha256: String,
    pub records: u64,
}

/// What an export did.
#[derive(Debug, Clone, Default)]
pub struct ExportSummary {
    pub read: u64,
    pub written: u64,
    pub skipped: u64,
    pub duplicates: u64,
    /// Characters that the chosen encoding cannot hold.
    pub unmappable: u64,
    /// Characters that the chosen encoding holds only as another character.
    pub changed: u64,
    /// The first few of both, with their row and column.
    pub changes: Vec<Cp932Change>,
    pub files: Vec<FileHead>,
    /// With `--dept`: the departments of the records read (normalised with [`dept_key`]).
    pub departments: std::collections::BTreeSet<String>,
}

#[derive(Debug)]
pub enum ExportError {
    Ledger(LedgerError),
    Write(io::Error),
}

impl From<io::Error> for ExportError {
    fn from(e: io::Error) -> ExportError {
        ExportError::Write(e)
    }
}

/// Whether Excel (and similar) would read a cell starting with `c` as a formula.
fn formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+'
            | '-'
            | '@'
            | '\t'
            | '\r'
            | '＝'
            | '＋'
            | '－'
            | '＠'
            | '\''
            // The minus sign and the small hyphen-minus: Excel reads them as a minus, and CP932
            // writes U+2212 as the full-width minus.
            | '\u{2212}'
            | '\u{FE63}'
    )
}

/// Prefixes `'` to a cell that a spreadsheet could take for a formula (see the module comment).
pub fn neutralise(cell: &mut String) {
    if cell.chars().next().is_some_and(formula_start) {
        cell.insert(0, '\'');
    }
}

/// Undoes [`neutralise`]: what a reader of the CSV does to get the stored values back.
pub fn unneutralise(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// How the ledger writes times (milliseconds, `Z`); the JSON export's own time uses it too.
const AT_PRINTER: jiff::fmt::temporal::DateTimePrinter =
    jiff::fmt::temporal::DateTimePrinter::new().precision(Some(3));

/// How many changed characters a CP932 export names with their place.
pub const CP932_EXAMPLES: usize = 5;

/// A character that a CP932 file does not hold as it was: unmappable (written as `〓`) or
/// written as another character (`¥` as `\`, `‾` as `~`, `−` as `－`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cp932Change {
    /// The CSV row (the header is row 1) and column (1-based), as a spreadsheet shows them.
    pub row: u64,
    pub column: u64,
    /// The column's name from the header row.
    pub header: String,
    pub from: char,
    /// What a reader of the file gets instead.
    pub to: String,
}

/// Where the CSV text being written is: row, column, inside quotes or not, and the header.
#[derive(Debug, Default)]
struct CsvPlace {
    row: u64,
    column: u64,
    quoted: bool,
    headers: Vec<String>,
}

/// Writes UTF-8 text as Shift_JIS (CP932), counting characters it cannot hold (written as
/// `〓`, the customary stand-in) and characters it holds only as another character, with the
/// row and column of the first few. Input may arrive split inside a character.
pub struct Cp932Writer<W: Write> {
    inner: W,
    encoder: encoding_rs::Encoder,
    pending: Vec<u8>,
    out: Vec<u8>,
    pub unmappable: u64,
    /// Characters written as another character.
    pub changed: u64,
    /// The first [`CP932_EXAMPLES`] unmappable or changed characters.
    pub examples: Vec<Cp932Change>,
    place: CsvPlace,
    /// What each non-ASCII character becomes: `None` when it is kept exactly.
    seen: std::collections::HashMap<char, Option<String>>,
}

impl<W: Write> Cp932Writer<W> {
    pub fn new(inner: W) -> Cp932Writer<W> {
        Cp932Writer {
            inner,
            encoder: encoding_rs::SHIFT_JIS.new_encoder(),
            pending: Vec::new(),
            out: Vec::with_capacity(64 * 1024),
            unmappable: 0,
            changed: 0,
            examples: Vec::new(),
            place: CsvPlace {
                row: 1,
                column: 1,
                ..CsvPlace::default()
            },
            seen: std::collections::HashMap::new(),
        }
    }

    /// What `c` becomes in CP932 and back (`None`: itself). ASCII is always kept.
    fn becomes(&mut self, c: char) -> Option<String> {
        self.seen
            .entry(c)
            .or_insert_with(|| {
                let mut buf = [0u8; 4];
                let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    return Some("〓".to_string());
                }
                let (back, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
                let mut chars = back.chars();
                (chars.next() != Some(c) || chars.next().is_some()).then(|| back.into_owned())
            })
            .clone()
    }

    /// Follows the CSV text (RFC 4180 quoting) to know each character's row and column, and
    /// notes every character that does not survive the encoding.
    fn follow(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '"' => self.place.quoted = !self.place.quoted,
                ',' if !self.place.quoted => self.place.column += 1,
                '\n' if !self.place.quoted => {
                    self.place.row += 1;
                    self.place.column = 1;
                }
                '\r' if !self.place.quoted => {}
                _ => {
                    if self.place.row == 1 {
                        let i = self.place.column as usize - 1;
                        if self.place.headers.len() <= i {
                            self.place.headers.resize(i + 1, String::new());
                        }
                        self.place.headers[i].push(c);
                    }
                    if c.is_ascii() {
                        continue;
                    }
                    let Some(to) = self.becomes(c) else { continue };
                    if to != "〓" {
                        self.changed += 1;
                    }
                    if self.examples.len() < CP932_EXAMPLES {
                        let header = self
                            .place
                            .headers
                            .get(self.place.column as usize - 1)
                            .cloned()
                            .unwrap_or_default();
                        self.examples.push(Cp932Change {
                            row: self.place.row,
                            column: self.place.column,
                            header,
                            from: c,
                            to,
                        });
                    }
                }
            }
        }
    }

    fn encode(&mut self, text: &str) -> io::Result<()> {
        self.follow(text);
        let mut rest = text;
        while !rest.is_empty() {
            self.out.reserve(rest.len() * 2 + 16);
            let (result, read) = self.encoder.encode_from_utf8_to_vec_without_replacement(
                rest,
                &mut self.out,
                false,
            );
            rest = &rest[read..];
            match result {
                encoding_rs::EncoderResult::InputEmpty => {}
                encoding_rs::EncoderResult::OutputFull => {}
                encoding_rs::EncoderResult::Unmappable(_) => {
                    self.unmappable += 1;
                    // 〓 in Shift_JIS.
                    self.out.extend_from_slice(&[0x81, 0xAC]);
                }
            }
        }
        if self.out.len() >= 32 * 1024 {
            self.inner.write_all(&self.out)?;
            self.out.clear();
        }
        Ok(())
    }

    /// Writes what is buffered and returns the inner writer.
    pub fn finish(mut self) -> io::Result<(W, u64)> {
        if !self.pending.is_empty() {
            // An incomplete character at the very end cannot come from valid UTF-8 input.
            self.unmappable += 1;
            self.pending.clear();
        }
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()?;
        Ok((self.inner, self.unmappable))
    }
}

impl<W: Write> Write for Cp932Writer<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(_) => self.pending.len(),
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => return Err(io::Error::new(io::ErrorKind::InvalidData, "not UTF-8")),
        };
        let head: Vec<u8> = self.pending.drain(..valid).collect();
        let text = std::str::from_utf8(&head)
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "not UTF-8"))?;
        self.encode(text)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.write_all(&self.out)?;
        self.out.clear();
        self.inner.flush()
    }
}

/// The per-file bookkeeping behind [`FileHead`]: the last record read of each file.
struct Heads {
    files: Vec<(PathBuf, u64, String, u64)>,
}

impl Heads {
    fn see(&mut self, r: &Record) {
        match self
            .files
            .iter_mut()
            .find(|f| f.0.as_os_str() == r.file.as_os_str())
        {
            Some(f) => {
                f.1 = r.seq;
                // Reuses the space of the previous line.
                f.2.clone_from(&r.raw);
                f.3 += 1;
            }
            None => self.files.push((r.file.clone(), r.seq, r.raw.clone(), 1)),
        }
    }

    fn finish(self) -> Vec<FileHead> {
        let mut heads: Vec<FileHead> = self
            .files
            .into_iter()
            .map(|(path, seq, raw, records)| FileHead {
                file: file_name(&path),
                kiosk: crate::ledger::kiosk_of_file(&path)
                    .unwrap_or_default()
                    .to_string(),
                last_seq: seq,
                head_sha256: hex::encode(crate::ledger::sha256(raw.as_bytes())),
                records,
            })
            .collect();
        heads.sort_by(|a, b| a.file.cmp(&b.file));
        heads
    }
}

/// Streams the selected records of `ledger_dir` to `out` in `format`. Unreadable lines go to
/// `on_issue` as they are met; they are skipped, never dropped silently.
pub fn export(
    ledger_dir: &Path,
    format: ExportFormat,
    filters: &Filters,
    csv: &CsvOptions,
    out: &mut dyn Write,
    progress: &Progress,
    on_issue: &mut dyn FnMut(&ReadIssue),
) -> Result<ExportSummary, ExportError> {
    let mut run = Run {
        format,
        filters,
        csv,
        progress,
        on_issue,
        summary: ExportSummary::default(),
        heads: Heads { files: Vec::new() },
        skipped: Vec::new(),
        ends: Vec::new(),
        departments: Default::default(),
    };
    match format {
        ExportFormat::Csv if csv.bom && csv.encoding == TextEncoding::Utf8 => {
            out.write_all("\u{FEFF}".as_bytes())?;
        }
        ExportFormat::Json => {
            write!(
                out,
                "{{\"format\":\"tebiki-export/1\",\"exported_at\":\"{}\",\"filters\":{},\"records\":[",
                AT_PRINTER.timestamp_to_string(&Timestamp::now()),
                filters.to_json()
            )?;
        }
        _ => {}
    }
    let duplicates = if format == ExportFormat::Csv && csv.encoding == TextEncoding::Cp932 {
        let mut encoder = Cp932Writer::new(&mut *out);
        let duplicates = run.records(ledger_dir, &mut encoder)?;
        run.summary.changed = encoder.changed;
        run.summary.changes = std::mem::take(&mut encoder.examples);
        let (_, unmappable) = encoder.finish()?;
        run.summary.unmappable = unmappable;
        duplicates
    } else {
        run.records(ledger_dir, out)?
    };
    let mut summary = run.summary;
    summary.departments = run.departments.into_inner();
    summary.duplicates = duplicates;
    summary.skipped = run.skipped.len() as u64;
    summary.files = run.heads.finish();
    if format == ExportFormat::Json {
        let files: Vec<Value> = summary
            .files
            .iter()
            .map(|f| {
                serde_json::json!({
                    "file": f.file,
                    "kiosk": f.kiosk,
                    "last_seq": f.last_seq,
                    "head_sha256": f.head_sha256,
                    "records_read": f.records,
                })
            })
            .collect();
        let skipped: Vec<Value> = run
            .skipped
            .iter()
            .map(|(file, line, problem)| {
                serde_json::json!({ "file": file, "line": line, "problem": problem })
            })
            .collect();
        write!(
            out,
            "\n],\"files\":{},\"skipped\":{},\"duplicates\":{},\"count\":{},\"complete\":{}}}\n",
            Value::from(files),
            Value::from(skipped),
            summary.duplicates,
            summary.written,
            summary.skipped == 0
        )?;
    }
    out.flush()?;
    Ok(summary)
}

/// A ledger file's name as verify and checkpoints write it (`k1.jsonl`).
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The state of one export while it streams.
struct Run<'a> {
    format: ExportFormat,
    filters: &'a Filters,
    csv: &'a CsvOptions,
    progress: &'a Progress,
    on_issue: &'a mut dyn FnMut(&ReadIssue),
    summary: ExportSummary,
    heads: Heads,
    /// File, line and problem of each line that could not be read.
    skipped: Vec<(String, u64, &'static str)>,
    /// Per file, the offset reading has reached (for progress).
    ends: Vec<(PathBuf, u64)>,
    /// The departments of the records read (with `--dept` only), as [`dept_key`] gives them.
    departments: std::cell::RefCell<std::collections::BTreeSet<String>>,
}

/// Where rows go: through the CSV writer, or raw lines.
enum Sink<'w> {
    // Boxed: the CSV writer is large, and there is one sink per export.
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Raw(&'w mut dyn Write),
}

impl Run<'_> {
    /// Streams every record through the filters into `out`; returns the duplicates skipped.
    fn records(&mut self, dir: &Path, out: &mut dyn Write) -> Result<u64, ExportError> {
        let mut sink = if self.format == ExportFormat::Csv {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .buffer_capacity(256 * 1024)
                .from_writer(out);
            w.write_record(columns::header(
                &self.csv.purposes,
                self.csv.labels.as_deref(),
            ))
            .map_err(csv_error)?;
            Sink::Csv(Box::new(w))
        } else {
            Sink::Raw(out)
        };
        let mut cells: Vec<String> = Vec::new();
        let duplicates = stream_ledger(dir, |item| -> Result<(), ExportError> {
            let record = match item {
                Ok(r) => r,
                Err(issue) => {
                    (self.on_issue)(issue);
                    let (file, line) = super::issue_place(issue);
                    self.skipped
                        .push((file_name(&file), line, super::issue_kind(issue)));
                    return Ok(());
                }
            };
            self.summary.read += 1;
            let end = record.offset + record.raw.len() as u64 + 1;
            match self
                .ends
                .iter_mut()
                .find(|e| e.0.as_os_str() == record.file.as_os_str())
            {
                Some(e) => e.1 = end,
                None => self.ends.push((record.file.clone(), end)),
            }
            if self.summary.read.is_multiple_of(4096) {
                self.progress.set(self.ends.iter().map(|e| e.1).sum());
            }
            if self.write(record, &mut sink, &mut cells)? {
                self.summary.written += 1;
            }
            self.heads.see(record);
            Ok(())
        })
        .map_err(ExportError::Ledger)??;
        if let Sink::Csv(mut w) = sink {
            w.flush()?;
        }
        Ok(duplicates)
    }

    /// Notes the department of a record read, so that a `--dept` matching none can be told.
    fn see_department(&self, f: &Fields<'_>) {
        if self.filters.depts.is_empty() {
            return;
        }
        if let Some(d) = f.department() {
            let key = dept_key(d);
            let mut seen = self.departments.borrow_mut();
            if !seen.contains(&key) {
                seen.insert(key);
            }
        }
    }

    /// Writes `record` when the filters keep it; says whether it did.
    fn write(
        &self,
        record: &Record,
        sink: &mut Sink<'_>,
        cells: &mut Vec<String>,
    ) -> Result<bool, ExportError> {
        let filters = self.filters;
        match sink {
            Sink::Csv(w) => Fields::with(&record.raw, |f| {
                self.see_department(f);
                if filters.needs_fields()
                    && !filters.matches_fields(&record.record_type, record.at, f)
                {
                    return Ok(false);
                }
                let row = columns::Row {
                    record,
                    f,
                    tz: &self.csv.tz,
                };
                columns::fill_row(&row, &self.csv.purposes, self.csv.labels.as_deref(), cells);
                for c in cells.iter_mut() {
                    neutralise(c);
                }
                // CSV is read by people (a spreadsheet, `cat`): control characters, escape
                // sequences and bidi overrides in a cell come out visible and harmless, as
                // `\u{001B}`. jsonl/json keep every record exactly.
                for c in cells.iter() {
                    w.write_field(crate::escape::for_text_cell(c).as_bytes())
                        .map_err(csv_error)?;
                }
                w.write_record(None::<&[u8]>).map_err(csv_error)?;
                Ok(true)
            }),
            Sink::Raw(w) => {
                if filters.needs_fields()
                    && !Fields::with(&record.raw, |f| {
                        self.see_department(f);
                        filters.matches_fields(&record.record_type, record.at, f)
                    })
                {
                    return Ok(false);
                }
                if self.format == ExportFormat::Receipts {
                    return Ok(super::receipts::write(
                        record,
                        &self.csv.receipts,
                        w,
                        self.csv.terminal,
                    )?);
                }
                let raw = if self.csv.terminal {
                    json_for_terminal(&record.raw)
                } else {
                    std::borrow::Cow::Borrowed(record.raw.as_str())
                };
                if self.format == ExportFormat::Json {
                    w.write_all(if self.summary.written == 0 {
                        b"\n"
                    } else {
                        b",\n"
                    })?;
                    w.write_all(raw.as_bytes())?;
                } else {
                    w.write_all(raw.as_bytes())?;
                    w.write_all(b"\n")?;
                }
                Ok(true)
            }
        }
    }
}

fn csv_error(e: csv::Error) -> ExportError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => ExportError::Write(e),
        other => ExportError::Write(io::Error::other(format!("{other:?}"))),
    }
}

/// `tebiki export`.
pub fn command(env: &Env, args: &ExportArgs) -> ExitCode {
    if args.format != ExportFormat::Csv
        && (args.excel || args.encoding.is_some() || args.labels.is_some())
    {
        return fail(
            env,
            &env.t("export-error-excel-format"),
            None,
            "export-todo-excel-format",
        );
    }
    let config = match super::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let tz = super::timezone(&config);
    let mut filters = Filters {
        status: args.status.iter().map(StatusArg::filter).collect(),
        depts: args.dept.iter().map(|d| dept_key(d)).collect(),
        ..Filters::default()
    };
    for (text, bound) in [(&args.since, Bound::Since), (&args.until, Bound::Until)] {
        let Some(text) = text else { continue };
        match parse_bound(text, &tz, bound) {
            Some(t) if bound == Bound::Since => filters.since = Some(t),
            Some(t) => filters.until = Some(t),
            None => {
                return fail(
                    env,
                    &env.ta("export-error-date", &[("value", arg(text.clone()))]),
                    None,
                    "export-todo-date",
                );
            }
        }
    }
    if let (Some(s), Some(u)) = (filters.since, filters.until)
        && s >= u
    {
        return fail(env, &env.t("export-error-range"), None, "export-todo-date");
    }
    let raw = match super::load_content(env) {
        Ok(raw) => raw,
        Err(code) => return code,
    };
    let purposes = raw.manifest.purposes.iter().map(|p| p.id.clone()).collect();
    let labels = match &args.labels {
        None => None,
        Some(lang) => match labels(env, &raw, lang) {
            Ok(l) => Some(std::rc::Rc::new(l)),
            Err(code) => return code,
        },
    };
    let csv_opts = CsvOptions {
        purposes,
        tz,
        bom: args.excel,
        encoding: args.encoding.unwrap_or(TextEncoding::Utf8),
        terminal: args.output.is_none() && io::stdout().is_terminal(),
        labels,
        receipts: super::receipts::Context {
            controller_name: config.org.name.clone(),
            controller_contact: config.org.contact.clone(),
        },
    };
    let dir = env.data.ledger_dir();
    // An export inside the ledger folder would be read back as another kiosk's ledger.
    if let Some(path) = &args.output
        && let (Some(parent), Ok(ledger)) = (
            super::parent_dir(path).canonicalize().ok(),
            dir.canonicalize(),
        )
        && parent == ledger
    {
        return fail(
            env,
            &env.t("export-error-into-ledger"),
            Some(&path.display().to_string()),
            "export-todo-output",
        );
    }
    let progress = Progress::bytes(ledger_bytes(&dir), env.t("export-progress"));
    let mut on_issue = |issue: &ReadIssue| progress.suspend(|| warn_read_issue(env, issue));
    let result = match &args.output {
        Some(path) => {
            let mut file = match AtomicFile::create(path) {
                Ok(f) => f,
                Err(e) => return env.io_fail(&e, Some(path)),
            };
            let r = export(
                &dir,
                args.format,
                &filters,
                &csv_opts,
                &mut file,
                &progress,
                &mut on_issue,
            );
            match r {
                Ok(summary) => file.commit().map(|_| summary).map_err(ExportError::Write),
                Err(e) => Err(e),
            }
        }
        None => {
            if args.format == ExportFormat::Csv
                && io::stdout().is_terminal()
                && (args.excel || args.encoding == Some(TextEncoding::Cp932))
            {
                return fail(
                    env,
                    &env.t("export-error-excel-terminal"),
                    None,
                    "export-todo-output",
                );
            }
            let stdout = io::stdout();
            let mut out = io::BufWriter::with_capacity(1 << 20, stdout.lock());
            export(
                &dir,
                args.format,
                &filters,
                &csv_opts,
                &mut out,
                &progress,
                &mut on_issue,
            )
        }
    };
    progress.finish();
    let summary = match result {
        Ok(s) => s,
        Err(ExportError::Ledger(e)) => return ledger_fail(env, &e),
        // The reader went away (`| head`): nothing to tell it. The export is cut short, so
        // not 0: the status of a process ended by SIGPIPE, as shells expect.
        Err(ExportError::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => {
            return ExitCode::from(141);
        }
        Err(ExportError::Write(e)) => return env.io_fail(&e, args.output.as_deref()),
    };
    if let Some(path) = &args.output {
        let _ = say(&crate::escape::for_terminal(&env.ta(
            "export-done",
            &[
                ("written", count(summary.written)),
                ("read", count(summary.read)),
                ("files", count(summary.files.len() as u64)),
                ("path", arg(path.display().to_string())),
            ],
        )));
    }
    let mut code = ExitCode::SUCCESS;
    if unknown_departments(env, &args.dept, &summary.departments) {
        code = ExitCode::from(1);
    }
    if unknown_statuses(env, &args.status) {
        code = ExitCode::from(1);
    }
    if summary.unmappable > 0 {
        warn(
            env,
            &env.ta("export-unmappable", &[("count", count(summary.unmappable))]),
        );
    }
    if summary.changed > 0 {
        warn(
            env,
            &env.ta("export-cp932-changed", &[("count", count(summary.changed))]),
        );
    }
    if summary.unmappable > 0 || summary.changed > 0 {
        for c in &summary.changes {
            eprintln!(
                "  {}",
                crate::escape::for_terminal(&env.ta(
                    "export-cp932-at",
                    &[
                        ("row", count(c.row)),
                        ("column", count(c.column)),
                        ("header", arg(c.header.clone())),
                        ("from", arg(c.from.to_string())),
                        ("to", arg(c.to.clone())),
                    ],
                ))
            );
        }
        eprintln!("  {}", env.t("export-todo-unmappable"));
        code = ExitCode::from(1);
    }
    if summary.skipped > 0 {
        warn(
            env,
            &env.ta("export-incomplete", &[("count", count(summary.skipped))]),
        );
        eprintln!("  {}", env.t("todo-verify"));
        code = ExitCode::from(1);
    }
    code
}

/// The words of `lang` for `--labels`: Fluent's for headings and codes, the content's own for
/// purposes and reasons.
fn labels(env: &Env, raw: &crate::content::RawContent, lang: &str) -> Result<Labels, ExitCode> {
    if !env.loc.has(lang) {
        let langs: Vec<String> = env.loc.languages().iter().map(|l| l.to_string()).collect();
        return Err(fail(
            env,
            &env.ta(
                "export-error-labels",
                &[("lang", arg(lang)), ("langs", arg(langs.join(", ")))],
            ),
            None,
            "export-todo-labels",
        ));
    }
    let mut words = std::collections::HashMap::new();
    if let Some(forms) = raw.langs.iter().find(|l| l.lang.as_str() == lang) {
        for (id, l) in &forms.forms.reasons {
            words.insert(format!("reason:{id}"), l.label.clone());
        }
        for (id, l) in &forms.forms.purposes {
            words.insert(format!("purpose:{id}"), l.label.clone());
        }
    }
    let (loc, _) = crate::i18n::Localizer::load(&env.source);
    Ok(Labels::new(loc, crate::i18n::Lang::new(lang), words))
}

/// Warns about each `--status` value that is none of the known ones, naming them; says whether
/// there was one.
fn unknown_statuses(env: &Env, given: &[StatusArg]) -> bool {
    let known: Vec<&str> = <StatusFilter as clap::ValueEnum>::value_variants()
        .iter()
        .map(|s| s.as_str())
        .collect();
    let mut any = false;
    for s in given {
        if let StatusArg::Unknown(text) = s {
            any = true;
            warn(
                env,
                &env.ta(
                    "export-unknown-status",
                    &[
                        ("status", arg(text.clone())),
                        ("known", arg(known.join(", "))),
                    ],
                ),
            );
        }
    }
    if any {
        eprintln!("  {}", env.t("export-todo-status"));
    }
    any
}

/// Warns about each `--dept` that matches no department of the roster or the ledger, naming
/// the known ones; says whether there was one.
fn unknown_departments(
    env: &Env,
    wanted: &[String],
    in_ledger: &std::collections::BTreeSet<String>,
) -> bool {
    if wanted.is_empty() {
        return false;
    }
    let mut known = in_ledger.clone();
    if let Ok(Some(roster)) = super::roster::load(&env.data.roster_path()) {
        known.extend(
            roster
                .iter()
                .map(|e| dept_key(&e.department))
                .filter(|d| !d.is_empty()),
        );
    }
    let mut any = false;
    for d in wanted {
        if known.contains(&dept_key(d)) {
            continue;
        }
        any = true;
        let list: Vec<&str> = known.iter().map(String::as_str).take(40).collect();
        let mut list = list.join(", ");
        if known.len() > 40 {
            list.push_str(", …");
        }
        warn(
            env,
            &env.ta(
                "export-unknown-dept",
                &[("dept", arg(d.clone())), ("known", arg(list))],
            ),
        );
    }
    if any {
        eprintln!("  {}", env.t("export-todo-dept"));
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_reversibly() {
        for (input, output) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+81 90", "'+81 90"),
            ("-1", "'-1"),
            ("@SUM(1)", "'@SUM(1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("＝1", "'＝1"),
            ("'quoted", "''quoted"),
            ("山田", "山田"),
            ("", ""),
        ] {
            let mut cell = input.to_string();
            neutralise(&mut cell);
            assert_eq!(cell, output);
            assert_eq!(unneutralise(&cell), input);
        }
    }

    #[test]
    fn cp932_survives_characters_split_across_writes() {
        let text = "社員,山田 太郎\r\n𠮷野家\r\n";
        let mut w = Cp932Writer::new(Vec::new());
        for b in text.as_bytes().chunks(1) {
            w.write_all(b).unwrap();
        }
        let (bytes, unmappable) = w.finish().unwrap();
        assert_eq!(unmappable, 1, "𠮷 is not in CP932");
        let (back, _, errors) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!errors);
        assert_eq!(back, "社員,山田 太郎\r\n〓野家\r\n");
    }
}
