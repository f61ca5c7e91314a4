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
//! Unreadable ledger lines, and the records from a break in the chain onwards (a `withheld`
//! entry gives their `last_line` and how many `records`), are reported on stderr as
//! `file:line`, skipped, listed in the JSON document, and make the exit code 1 (export
//! incomplete); everything else is still written.
//!
//! Output: `-o FILE` is written beside FILE under a temporary name and renamed over it only
//! when the export is finished (stopped by Ctrl-C, `kill` or a closed terminal, the temporary
//! file is removed); a FILE that is a device, a pipe or a socket is refused (exit 2),
//! never replaced. Without `-o` it goes to stdout; when that is a terminal,
//! control and invisible characters are shown escaped rather than sent to it raw.
//!
//! Speed: the ledger is read on a second thread (`ledger::stream`) and each record's few
//! fields are read from its line without building a JSON tree (`ledger::fields`).

mod command;
mod filters;
mod spreadsheet;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use super::columns::{self, Labels};
use super::{
    AtomicFile, Bound, Progress, TextEncoding, arg, count, fail, ledger_fail, parse_bound, say,
    warn, warn_read_issue,
};
use crate::command::Env;
use crate::escape::json_for_terminal;
use crate::ledger::fields::Fields;
use crate::ledger::stream::{Item, ledger_bytes, stream_ledger};
use crate::ledger::{LedgerError, ReadIssue, Record};
pub use command::*;
pub use filters::*;
pub use spreadsheet::*;

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
    /// Issues met (lines not read, breaks and what they withheld).
    pub skipped: u64,
    /// What was left out, counted for the summary (see [`super::LeftOut`]).
    pub left_out: super::LeftOut,
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
    /// CSV rows whose employee id is digits starting with 0 (a spreadsheet opening the file
    /// by double-click makes it a number and drops the zeros), and the first of those ids.
    pub zero_ids: u64,
    pub zero_example: Option<String>,
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

/// How the ledger writes times (milliseconds, `Z`); the JSON export's own time uses it too.
const AT_PRINTER: jiff::fmt::temporal::DateTimePrinter =
    jiff::fmt::temporal::DateTimePrinter::new().precision(Some(3));

/// How many changed characters a CP932 export names with their place.
pub const CP932_EXAMPLES: usize = 5;

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

    /// [`Heads::see`] for every record of a batch, copying only each file's last line.
    fn see_batch(&mut self, items: &[Item]) {
        // Per file seen in the batch: its place in `files` and its last record.
        let mut last: Vec<(usize, &Record)> = Vec::new();
        for r in items.iter().filter_map(|i| i.as_ref().ok()) {
            let at = match self
                .files
                .iter()
                .position(|f| f.0.as_os_str() == r.file.as_os_str())
            {
                Some(at) => at,
                None => {
                    self.files.push((r.file.clone(), r.seq, String::new(), 0));
                    self.files.len() - 1
                }
            };
            let f = &mut self.files[at];
            f.1 = r.seq;
            f.3 += 1;
            match last.iter_mut().find(|l| l.0 == at) {
                Some(l) => l.1 = r,
                None => last.push((at, r)),
            }
        }
        for (at, r) in last {
            self.files[at].2.clone_from(&r.raw);
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
    // A ledger folder that cannot be read is told before anything is written (a missing one
    // is an empty ledger).
    match crate::ledger::ledger_files(ledger_dir) {
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(ExportError::Ledger(e)),
        Ok(_) => {}
    }
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
        departments: std::cell::RefCell::default(),
        exported: std::cell::RefCell::default(),
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
        let skipped = serde_json::to_value(&run.skipped).unwrap_or_default();
        write!(
            out,
            "\n],\"files\":{},\"skipped\":{},\"duplicates\":{},\"count\":{},\"complete\":{}}}\n",
            Value::from(files),
            skipped,
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
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
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
    /// File, line and problem of each line that could not be read or was not used; for a
    /// withheld run, also its last line and how many records it holds.
    skipped: Vec<super::report::Skipped>,
    /// Per file, the offset reading has reached (for progress).
    ends: Vec<(PathBuf, u64)>,
    /// The departments of the records read (with `--dept` only), as [`dept_key`] gives them.
    departments: std::cell::RefCell<std::collections::BTreeSet<String>>,
    /// With filters: what was written, for the voids (see [`filters::Exported`]).
    exported: std::cell::RefCell<filters::Exported>,
}

/// What a worker making CSV rows keeps from batch to batch.
struct RowWorker {
    cells: Vec<String>,
    labels: Option<Labels>,
    /// With `--dept`: the departments of the records it read (see [`Run::see_department`]).
    departments: std::collections::BTreeSet<String>,
}

/// A batch's CSV rows, and how many records passed the filters.
struct Rows {
    text: Result<Vec<u8>, ExportError>,
    written: u64,
    /// Rows whose employee id a spreadsheet would take for a number with zeros in front (see
    /// [`ExportSummary::zero_ids`]), and the first such id.
    zero_ids: u64,
    zero_example: Option<String>,
    /// With filters, each row: where it ends in `text`, its record's id and type, and for a
    /// void the record it cancels; the rows are then kept or not in ledger order, as written
    /// ([`filters::Exported`]).
    marks: Vec<RowMark>,
}

struct RowMark {
    end: usize,
    id: uuid::Uuid,
    record_type: String,
    voids: Option<String>,
}

/// Whether `id` is digits with a 0 in front (`000123`): a spreadsheet opening a CSV by
/// double-click takes it for the number 123.
fn leading_zero(id: &str) -> bool {
    id.len() > 1 && id.starts_with('0') && id.bytes().all(|b| b.is_ascii_digit())
}

/// Makes the CSV rows of a batch of records (on a worker thread).
struct RowMaker<'a> {
    filters: &'a Filters,
    purposes: &'a [String],
    screens: &'a columns::Screens,
    tz: &'a TimeZone,
}

impl RowMaker<'_> {
    fn make(&self, worker: &mut RowWorker, items: &[Item]) -> Rows {
        let mut text = Vec::with_capacity(items.len() * 512);
        let mut written = 0;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut text);
        let filters = self.filters;
        let marking = filters.needs_fields();
        let mut marks = Vec::new();
        let (mut zero_ids, mut zero_example) = (0, None);
        for record in items.iter().filter_map(|i| i.as_ref().ok()) {
            let row = Fields::with(&record.raw, |f| -> Result<bool, csv::Error> {
                note_department(filters, f, &mut worker.departments);
                if marking && !filters.matches_fields(&record.record_type, record.at, f) {
                    return Ok(false);
                }
                let row = columns::Row {
                    record,
                    f,
                    tz: self.tz,
                    screens: self.screens,
                };
                let cells = &mut worker.cells;
                columns::fill_row(&row, self.purposes, worker.labels.as_ref(), cells);
                // The person's id, or the id of the person a champion supports.
                let ids = [
                    f.employee.as_ref().and_then(|e| e.id.as_deref()),
                    f.supports.as_deref(),
                ];
                if let Some(id) = ids.into_iter().flatten().find(|id| leading_zero(id)) {
                    zero_ids += 1;
                    zero_example.get_or_insert_with(|| id.to_string());
                }
                // CSV is read by people (a spreadsheet, `cat`): control characters, escape
                // sequences and bidi overrides in a cell come out visible and harmless, as
                // `\u{001B}`. jsonl/json keep every record exactly. Most cells of a row are
                // empty: nothing to check then.
                for c in cells.iter_mut() {
                    if c.is_empty() {
                        w.write_field(b"")?;
                        continue;
                    }
                    neutralise(c);
                    w.write_field(crate::escape::for_text_cell(c).as_bytes())?;
                }
                w.write_record(None::<&[u8]>)?;
                if marking {
                    // Where the row ends, for the writer to keep it or not.
                    w.flush()?;
                    marks.push(RowMark {
                        end: w.get_ref().len(),
                        id: record.id,
                        record_type: record.record_type.clone(),
                        voids: filters::void_target(&record.record_type, f).map(str::to_string),
                    });
                }
                Ok(true)
            });
            match row {
                Ok(true) => written += 1,
                Ok(false) => {}
                Err(e) => {
                    return Rows {
                        text: Err(csv_error(e)),
                        written,
                        zero_ids,
                        zero_example,
                        marks,
                    };
                }
            }
        }
        let flushed = w.flush();
        drop(w);
        Rows {
            text: flushed.map(|()| text).map_err(ExportError::Write),
            written,
            zero_ids,
            zero_example,
            marks,
        }
    }
}

impl Run<'_> {
    /// Streams every record through the filters into `out`; returns the duplicates skipped.
    fn records(&mut self, dir: &Path, out: &mut dyn Write) -> Result<u64, ExportError> {
        if self.format == ExportFormat::Csv {
            return self.csv_records(dir, out);
        }
        let duplicates = stream_ledger(dir, |item| -> Result<(), ExportError> {
            let Some(record) = self.read(item) else {
                return Ok(());
            };
            if self.write(record, &mut *out)? {
                self.summary.written += 1;
            }
            self.heads.see(record);
            Ok(())
        })
        .map_err(ExportError::Ledger)??;
        Ok(duplicates)
    }

    /// Notes an item read (its place for progress, or the issue); the record, if it is one.
    fn read<'i>(&mut self, item: &'i Item) -> Option<&'i Record> {
        let record = match item {
            Ok(r) => r,
            Err(issue) => {
                (self.on_issue)(issue);
                self.summary.left_out.see(issue);
                self.skipped.push(super::report::Skipped::of(issue));
                return None;
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
        Some(record)
    }

    /// CSV: rows are made on worker threads, a batch of records each, and written here in
    /// ledger order (making a row costs several times reading its record).
    fn csv_records(&mut self, dir: &Path, out: &mut dyn Write) -> Result<u64, ExportError> {
        {
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            w.write_record(columns::header(
                &self.csv.purposes,
                self.csv.labels.as_deref(),
            ))
            .map_err(csv_error)?;
            w.flush()?;
        }
        let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 4));
        let states = (0..workers)
            .map(|_| RowWorker {
                cells: Vec::new(),
                labels: self.csv.labels.as_deref().map(Labels::fresh),
                departments: std::collections::BTreeSet::new(),
            })
            .collect();
        let rows = RowMaker {
            filters: self.filters,
            purposes: &self.csv.purposes,
            screens: &self.csv.screens,
            tz: &self.csv.tz,
        };
        let (duplicates, states) = crate::ledger::stream::stream_mapped(
            dir,
            states,
            |worker, items| rows.make(worker, items),
            |items, rows| -> Result<(), ExportError> {
                for item in items {
                    self.read(item);
                }
                self.heads.see_batch(items);
                // Batches come in ledger order: the first example is the first such row's.
                self.summary.zero_ids += rows.zero_ids;
                if self.summary.zero_example.is_none() {
                    self.summary.zero_example = rows.zero_example;
                }
                let text = rows.text?;
                if rows.marks.is_empty() {
                    out.write_all(&text)?;
                    self.summary.written += rows.written;
                    return Ok(());
                }
                // With filters: each row in ledger order, a void only after what it cancels.
                let mut exported = self.exported.borrow_mut();
                let mut start = 0;
                for m in &rows.marks {
                    if exported.keep(m.id, &m.record_type, m.voids.as_deref()) {
                        out.write_all(&text[start..m.end])?;
                        self.summary.written += 1;
                    }
                    start = m.end;
                }
                Ok(())
            },
        )
        .map_err(ExportError::Ledger)??;
        if !self.skipped.is_empty() {
            // With filters, what was left out is counted for the whole ledger.
            let filtered = self.filters.needs_fields();
            let text = incomplete_row(
                &self.csv.words,
                &self.summary.left_out,
                &self.skipped,
                filtered,
            );
            let text = crate::escape::for_text_cell(&text);
            // The text in the first cell, the others empty: as many cells as every row, so
            // that a strict reader takes the file too (and shows this row).
            let mut row = vec![""; columns::width(&self.csv.purposes)];
            row[0] = &text;
            let mut w = csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(&mut *out);
            w.write_record(&row).map_err(csv_error)?;
            w.flush()?;
        }
        let mut seen = self.departments.borrow_mut();
        for worker in states {
            seen.extend(worker.departments);
        }
        Ok(duplicates)
    }

    /// Notes the department of a record read, so that a `--dept` matching none can be told.
    fn see_department(&self, f: &Fields<'_>) {
        note_department(self.filters, f, &mut self.departments.borrow_mut());
    }

    /// Writes `record` when the filters keep it; says whether it did.
    fn write(&self, record: &Record, w: &mut dyn Write) -> Result<bool, ExportError> {
        let filters = self.filters;
        if self.format == ExportFormat::Receipts {
            // What each consent grants, read from every record: a withdrawal in the window
            // may withdraw a consent before it.
            super::receipts::see(record, &self.csv.receipts);
        }
        if filters.needs_fields()
            && !Fields::with(&record.raw, |f| {
                self.see_department(f);
                filters.matches_fields(&record.record_type, record.at, f)
                    && self.exported.borrow_mut().keep(
                        record.id,
                        &record.record_type,
                        filters::void_target(&record.record_type, f),
                    )
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

/// With `--dept`: notes the department of a record read in `seen`, so that a `--dept` matching
/// none can be told.
fn note_department(
    filters: &Filters,
    f: &Fields<'_>,
    seen: &mut std::collections::BTreeSet<String>,
) {
    if !filters.depts.is_empty()
        && let Some(d) = f.department()
    {
        seen.insert(dept_key(d));
    }
}

fn csv_error(e: csv::Error) -> ExportError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => ExportError::Write(e),
        other => ExportError::Write(io::Error::other(format!("{other:?}"))),
    }
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
