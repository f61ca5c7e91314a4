//! `tebiki roster import FILE.csv`: the list of employees expected to take part, read from what
//! HR has (English or Japanese headers, UTF-8 with or without BOM, or Shift_JIS/CP932 from
//! Japanese Excel) and stored as `$DATA/roster.csv` only when every row is valid.
//!
//! The stored roster is UTF-8 without BOM, header `employee_id,name,department,email`, one row
//! per employee in the order of the input; it is itself a valid input for this parser.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use unicode_normalization::UnicodeNormalization;

use super::{AtomicFile, Progress, TextEncoding, arg, count, fail, say, warn};
use crate::cli::Env;
use crate::escape::is_unsafe;
use fluent_bundle::FluentValue;

/// `tebiki roster ...`
#[derive(Debug, clap::Subcommand)]
pub enum RosterCommand {
    Import(ImportArgs),
    Codes(super::codes::CodesArgs),
}

/// `tebiki roster import FILE.csv [--encoding utf-8|cp932]`
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE.csv")]
    pub file: PathBuf,
    // Detected when not given: a BOM or valid UTF-8 means UTF-8, anything else Shift_JIS.
    #[arg(long, value_enum, value_name = "ENCODING")]
    pub encoding: Option<TextEncoding>,
    /// Show what the import would change, without importing.
    #[arg(long)]
    pub dry_run: bool,
}

/// One person on the roster. Department and email may be empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Employee {
    pub id: String,
    pub name: String,
    pub department: String,
    pub email: String,
}

/// The columns tebiki uses; any other column is ignored (and named, so a typo is noticed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Name,
    Department,
    Email,
}

impl Column {
    const ALL: [Column; 4] = [Column::Id, Column::Name, Column::Department, Column::Email];

    /// The header written in `$DATA/roster.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Column::Id => "employee_id",
            Column::Name => "name",
            Column::Department => "department",
            Column::Email => "email",
        }
    }

    /// Header names accepted for the column, compared after [`header_key`].
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Id => &[
                "employeeid",
                "id",
                "employeeno",
                "employeenumber",
                "empid",
                "staffid",
                "staffno",
                "社員番号",
                "社員id",
                "社員no",
                "社員コード",
                "従業員番号",
                "従業員id",
                "従業員コード",
                "職員番号",
                "個人番号",
            ],
            Column::Name => &[
                "name",
                "fullname",
                "employeename",
                "staffname",
                "氏名",
                "名前",
                "社員名",
                "従業員名",
                "職員名",
                "氏名(漢字)",
            ],
            Column::Department => &[
                "department",
                "dept",
                "division",
                "部署",
                "部署名",
                "所属",
                "所属部署",
                "所属名",
                "部門",
                "部門名",
            ],
            Column::Email => &[
                "email",
                "mail",
                "emailaddress",
                "mailaddress",
                "メール",
                "メールアドレス",
                "eメール",
                "eメールアドレス",
                "電子メール",
            ],
        }
    }
}

/// A header cell reduced to what matters for recognising it: full-width forms folded (NFKC),
/// lower case, without spaces, `_`, `-`, `.` and `・`.
fn header_key(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace() && !matches!(c, '_' | '-' | '.' | '・'))
        .collect()
}

fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    Column::ALL
        .into_iter()
        .find(|c| c.names().contains(&key.as_str()))
}

/// The most characters a roster value may have.
pub const MAX_FIELD_CHARS: usize = 200;

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    MissingId,
    MissingName,
    /// The same employee id as an earlier row, once both are normalised (full-width and
    /// case do not make two people: `E0001`, `Ｅ０００１` and `e0001` are one id).
    Duplicate {
        id: String,
        first_line: u64,
    },
    /// The id breaks the id rule (an invisible character, a foreign digit, a space inside).
    BadId {
        problem: crate::record::identity::IdProblem,
    },
    /// A control or invisible formatting character (line break, tab, escape, bidi override).
    Unsafe {
        column: Column,
    },
    /// Longer than [`MAX_FIELD_CHARS`]: no real id, name, department or address is, and a
    /// huge value would slow every screen that shows it.
    TooLong {
        column: Column,
        chars: usize,
    },
    /// More values than the header has columns (often an unquoted comma inside a value).
    ExtraFields {
        found: usize,
        expected: usize,
    },
    BadEmail {
        email: String,
    },
    /// Not readable as CSV.
    Unreadable,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// 1-based line of the input where the row starts.
    pub line: u64,
    pub problem: RowProblem,
}

/// Why a roster could not be read; nothing is imported in any of these cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// UTF-16 (Excel's "Unicode text"): not a CSV this reads.
    Utf16,
    /// The bytes at `line` are not valid in `encoding`.
    Encoding {
        line: u64,
        encoding: TextEncoding,
    },
    /// No header row (an empty file).
    Empty,
    /// The header lacks a required column.
    MissingColumns {
        missing: Vec<Column>,
        header: Vec<String>,
    },
    /// Two header cells name the same column.
    DuplicateColumn {
        column: Column,
        first: String,
        second: String,
    },
    /// No rows besides the header.
    NoRows,
    BadRows(Vec<BadRow>),
}

/// A roster read completely.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub employees: Vec<Employee>,
    /// The line of the input each employee's row starts on.
    pub lines: Vec<u64>,
    pub encoding: TextEncoding,
    /// Header cells that name no column tebiki uses.
    pub ignored_columns: Vec<String>,
    /// Rows whose cells were all empty (Excel leaves them below a table).
    pub blank_rows: u64,
}

/// Decodes the file: a forced encoding, else BOM means UTF-8, valid UTF-8 means UTF-8, and
/// anything else is taken as Shift_JIS (CP932), the default of Japanese Excel.
pub fn decode(
    bytes: &[u8],
    forced: Option<TextEncoding>,
) -> Result<(String, TextEncoding), ImportError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::Utf16);
    }
    let utf8 = |b: &[u8]| match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => Err(ImportError::Encoding {
            line: line_at(b, e.valid_up_to()),
            encoding: TextEncoding::Utf8,
        }),
    };
    let bom = bytes.strip_prefix(b"\xEF\xBB\xBF");
    match (forced, bom) {
        (Some(TextEncoding::Utf8), _) | (None, Some(_)) => {
            utf8(bom.unwrap_or(bytes)).map(|s| (s, TextEncoding::Utf8))
        }
        (Some(TextEncoding::Cp932), _) => cp932(bytes).map(|s| (s, TextEncoding::Cp932)),
        (None, None) => match std::str::from_utf8(bytes) {
            Ok(s) => Ok((s.to_owned(), TextEncoding::Utf8)),
            Err(_) => cp932(bytes).map(|s| (s, TextEncoding::Cp932)),
        },
    }
}

fn cp932(bytes: &[u8]) -> Result<String, ImportError> {
    let mut decoder = encoding_rs::SHIFT_JIS.new_decoder_without_bom_handling();
    let capacity = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3);
    let mut out = String::with_capacity(capacity);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(ImportError::Encoding {
            line: line_at(
                bytes,
                read.saturating_sub(usize::from(after) + usize::from(bad)),
            ),
            encoding: TextEncoding::Cp932,
        }),
        // The buffer was sized for the worst case; should it still be short, say where.
        encoding_rs::DecoderResult::OutputFull => Err(ImportError::Encoding {
            line: line_at(bytes, read),
            encoding: TextEncoding::Cp932,
        }),
    }
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count() as u64
        + 1
}

/// Reads and checks a whole roster; every bad row is reported, not only the first.
pub fn parse(
    bytes: &[u8],
    forced: Option<TextEncoding>,
    progress: &Progress,
) -> Result<Parsed, ImportError> {
    let (text, encoding) = decode(bytes, forced)?;
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // Excel's "Text (tab delimited)" is read too, when the header shows it.
    let delimiter = if !first_line.contains(',') && first_line.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(ImportError::Empty),
            Some(Ok(r)) if r.iter().all(|c| c.trim().is_empty()) => continue,
            Some(Ok(r)) => break r,
            Some(Err(_)) => return Err(ImportError::Empty),
        }
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let mut index: [Option<usize>; 4] = [None; 4];
    let mut ignored_columns = Vec::new();
    for (i, h) in header.iter().enumerate() {
        match column_of(h) {
            Some(c) => {
                let slot = &mut index[c as usize];
                if let Some(first) = *slot {
                    return Err(ImportError::DuplicateColumn {
                        column: c,
                        first: header[first].clone(),
                        second: h.clone(),
                    });
                }
                *slot = Some(i);
            }
            None if h.is_empty() => {}
            None => ignored_columns.push(h.clone()),
        }
    }
    let missing: Vec<Column> = [Column::Id, Column::Name]
        .into_iter()
        .filter(|c| index[*c as usize].is_none())
        .collect();
    if !missing.is_empty() {
        return Err(ImportError::MissingColumns { missing, header });
    }
    let mut lines = LineCounter {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    let mut employees = Vec::new();
    let mut row_lines = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut blank_rows = 0;
    for (n, record) in records.enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                bad.push(BadRow {
                    line: e.position().map_or(0, |p| lines.line_of(p.byte())),
                    problem: RowProblem::Unreadable,
                });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        if n % 4096 == 0 {
            progress.set(record.position().map(|p| p.byte()).unwrap_or(0));
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            blank_rows += 1;
            continue;
        }
        let extra = record
            .iter()
            .skip(header.len())
            .any(|c| !c.trim().is_empty());
        if extra {
            bad.push(BadRow {
                line,
                problem: RowProblem::ExtraFields {
                    found: record.len(),
                    expected: header.len(),
                },
            });
            continue;
        }
        let cell = |c: Column| {
            index[c as usize]
                .and_then(|i| record.get(i))
                .map(str::trim)
                .unwrap_or("")
        };
        if let Some(c) = Column::ALL
            .into_iter()
            .find(|c| cell(*c).contains(is_unsafe))
        {
            bad.push(BadRow {
                line,
                problem: RowProblem::Unsafe { column: c },
            });
            continue;
        }
        if let Some((column, chars)) = Column::ALL
            .into_iter()
            .map(|c| (c, cell(c).chars().count()))
            .find(|(_, chars)| *chars > MAX_FIELD_CHARS)
        {
            bad.push(BadRow {
                line,
                problem: RowProblem::TooLong { column, chars },
            });
            continue;
        }
        let (id, name, department, email) = (
            cell(Column::Id),
            cell(Column::Name),
            cell(Column::Department),
            cell(Column::Email),
        );
        let canonical = crate::record::identity::canonical(id);
        let key = canonical
            .as_deref()
            .map(crate::record::identity::key)
            .unwrap_or_default();
        let problem = if id.is_empty() {
            Some(RowProblem::MissingId)
        } else if let Err(problem) = &canonical {
            Some(RowProblem::BadId {
                problem: problem.clone(),
            })
        } else if name.is_empty() {
            Some(RowProblem::MissingName)
        } else if !email.is_empty() && !plausible_email(email) {
            Some(RowProblem::BadEmail {
                email: email.to_string(),
            })
        } else if let Some(&first_line) = seen.get(&key) {
            Some(RowProblem::Duplicate {
                id: id.to_string(),
                first_line,
            })
        } else {
            None
        };
        if let Some(problem) = problem {
            bad.push(BadRow { line, problem });
            continue;
        }
        seen.insert(key, line);
        row_lines.push(line);
        employees.push(Employee {
            // Stored normalised, so every later lookup meets one form.
            id: canonical.unwrap_or_default(),
            name: name.to_string(),
            department: department.to_string(),
            email: email.to_string(),
        });
    }
    if !bad.is_empty() {
        return Err(ImportError::BadRows(bad));
    }
    if employees.is_empty() {
        return Err(ImportError::NoRows);
    }
    Ok(Parsed {
        employees,
        lines: row_lines,
        encoding,
        ignored_columns,
        blank_rows,
    })
}

/// 1-based line numbers of record positions met in increasing order. csv's own line count,
/// and its record start after a CRLF (which Excel writes), lag one line behind: its position
/// is on the `\n` left over from the line before, so line ends there are skipped first.
struct LineCounter<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_of(&mut self, byte: u64) -> u64 {
        let mut to = (byte as usize).min(self.text.len());
        while matches!(self.text.get(to), Some(b'\r' | b'\n')) {
            to += 1;
        }
        if to < self.at {
            return line_at(self.text, to);
        }
        self.line += self.text[self.at..to]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64;
        self.at = to;
        self.line
    }
}

/// One `@` with something on both sides and a dot in the domain, no spaces: enough to catch a
/// column mix-up without rejecting unusual but valid addresses.
fn plausible_email(s: &str) -> bool {
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

/// Writes the normalised roster atomically.
pub fn write(path: &Path, employees: &[Employee]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    {
        let mut w = csv::WriterBuilder::new().from_writer(&mut file);
        w.write_record(Column::ALL.map(Column::as_str))?;
        for e in employees {
            w.write_record([&e.id, &e.name, &e.department, &e.email])?;
        }
        w.flush()?;
    }
    file.flush()?;
    file.commit()
}

/// Why `$DATA/roster.csv` could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    Io(std::io::Error),
    /// The stored file no longer parses (edited by hand?).
    Invalid(ImportError),
}

/// The stored roster, or `None` when none was imported.
pub fn load(path: &Path) -> Result<Option<Vec<Employee>>, LoadError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::Io(e)),
    };
    parse(&bytes, Some(TextEncoding::Utf8), &Progress::hidden())
        .map(|p| Some(p.employees))
        .map_err(LoadError::Invalid)
}

/// The roster's ids, to find the roster's form of an id (`e0001` is `E0001`) without reading
/// the whole roster: kept in this account's cache folder (`roster-ids`, beside the person
/// index), valid while `roster.csv` is the same file with the same size and times.
#[derive(Debug)]
pub struct RosterIds {
    /// `key\tid\n` lines sorted by key.
    text: Vec<u8>,
    lines: Vec<(u32, u32)>,
}

const IDS_MAGIC: &str = "tebiki-roster-ids 1";

impl RosterIds {
    fn from_employees(roster: &[Employee]) -> RosterIds {
        let mut rows: Vec<(String, &Employee)> = roster
            .iter()
            .map(|e| (crate::record::identity::key(&e.id), e))
            .collect();
        // The first row of a key, as a search through the roster finds it.
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows.dedup_by(|b, a| a.0 == b.0);
        let mut text = Vec::new();
        for (key, e) in rows {
            for (i, field) in [key.as_str(), &e.id, &e.name, &e.department]
                .into_iter()
                .enumerate()
            {
                if i > 0 {
                    text.push(b'\t');
                }
                text.extend_from_slice(field.as_bytes());
            }
            text.push(b'\n');
        }
        let len = text.len();
        RosterIds::from_text(text, 0, len).unwrap_or(RosterIds {
            text: Vec::new(),
            lines: Vec::new(),
        })
    }

    /// The lines of `text[from..to]`, which must end with a line break.
    fn from_text(text: Vec<u8>, from: usize, to: usize) -> Option<RosterIds> {
        let mut lines = Vec::new();
        let mut start = from;
        for end in memchr::memchr_iter(b'\n', text.get(from..to)?) {
            let end = from + end;
            lines.push((u32::try_from(start).ok()?, u32::try_from(end).ok()?));
            start = end + 1;
        }
        (start == to).then_some(RosterIds { text, lines })
    }

    /// The key, id, name and department of line `i`.
    fn line(&self, i: usize) -> Option<[&str; 4]> {
        let (a, z) = self.lines[i];
        let line = std::str::from_utf8(&self.text[a as usize..z as usize]).ok()?;
        let mut fields = line.split('\t');
        let out = [
            fields.next()?,
            fields.next()?,
            fields.next()?,
            fields.next()?,
        ];
        fields.next().is_none().then_some(out)
    }

    /// The roster's form of `id` (any case), when it is on the roster.
    pub fn find(&self, id: &str) -> Option<String> {
        self.find_person(id).map(|p| p.id)
    }

    /// The person with `id` (any case), as the roster has them.
    pub fn find_person(&self, id: &str) -> Option<crate::record::Person> {
        let key = crate::record::identity::key(id);
        let i = self
            .lines
            .binary_search_by(|&(a, z)| {
                let line = &self.text[a as usize..z as usize];
                let tab = memchr::memchr(b'\t', line).unwrap_or(line.len());
                line[..tab].cmp(key.as_bytes())
            })
            .ok()?;
        let [_, id, name, department] = self.line(i)?;
        Some(crate::record::Person {
            id: id.to_string(),
            name: name.to_string(),
            department: department.to_string(),
        })
    }
}

/// What identifies the stored roster file as it is now.
fn roster_stamp(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    #[cfg(unix)]
    let more = {
        use std::os::unix::fs::MetadataExt;
        format!(
            "{} {} {}.{}",
            meta.dev(),
            meta.ino(),
            meta.ctime(),
            meta.ctime_nsec()
        )
    };
    #[cfg(not(unix))]
    let more = String::new();
    Some(format!(
        "{} {}.{} {more}",
        meta.len(),
        modified.as_secs(),
        modified.subsec_nanos()
    ))
}

fn read_ids(cache: &Path, stamp: &str) -> Option<RosterIds> {
    let bytes = std::fs::read(cache.join("roster-ids")).ok()?;
    let body_len = bytes.len().checked_sub(65)?;
    let (body, check) = bytes.split_at(body_len);
    if check.last() != Some(&b'\n')
        || hex::encode(crate::ledger::line_sha256(body)).as_bytes() != &check[..64]
    {
        return None;
    }
    let head = format!("{IDS_MAGIC}\n{stamp}\n");
    if !body.starts_with(head.as_bytes()) {
        return None;
    }
    RosterIds::from_text(bytes, head.len(), body_len)
}

fn write_ids(cache: &Path, stamp: &str, ids: &RosterIds) {
    let mut body = format!("{IDS_MAGIC}\n{stamp}\n").into_bytes();
    body.extend_from_slice(&ids.text);
    let check = hex::encode(crate::ledger::line_sha256(&body));
    body.extend_from_slice(check.as_bytes());
    body.push(b'\n');
    crate::ledger::person_index::write_cache_file(cache, "roster-ids", &body);
}

/// The ids of the stored roster (`None` when none was imported): from the cache when it is
/// fresh, else by reading the roster (then cached).
pub fn ids(data: &crate::config::DataDir) -> Result<Option<RosterIds>, LoadError> {
    let path = data.roster_path();
    let cache = crate::ledger::person_index::cache_dir(&data.ledger_dir());
    let stamp = roster_stamp(&path);
    if let (Some(cache), Some(stamp)) = (&cache, &stamp)
        && let Some(ids) = read_ids(cache, stamp)
    {
        return Ok(Some(ids));
    }
    let Some(roster) = load(&path)? else {
        return Ok(None);
    };
    let ids = RosterIds::from_employees(&roster);
    // Cached only when the file did not change while it was read.
    if let (Some(cache), Some(stamp)) = (&cache, &stamp)
        && roster_stamp(&path).as_deref() == Some(stamp.as_str())
        && roster.iter().all(|e| {
            [&e.id, &e.name, &e.department]
                .iter()
                .all(|f| !f.contains(['\t', '\n']))
        })
    {
        write_ids(cache, stamp, &ids);
    }
    Ok(Some(ids))
}

/// [`ids`], or why the roster cannot be read, said on stderr (the exit code is then returned).
pub fn ids_or_say(env: &Env) -> Result<Option<RosterIds>, ExitCode> {
    match ids(&env.data) {
        Ok(ids) => Ok(ids),
        // The same words as every other command that reads the roster.
        Err(_) => load_or_say(env).map(|r| r.map(|r| RosterIds::from_employees(&r))),
    }
}

/// The text of an import error for one place (`what` in the error's three parts).
/// The imported roster (`None` when there is none), or why it cannot be read, said on stderr
/// (the exit code is then returned).
pub fn load_or_say(env: &Env) -> Result<Option<Vec<Employee>>, ExitCode> {
    let roster_path = env.data.roster_path();
    match load(&roster_path) {
        Ok(r) => Ok(r),
        Err(LoadError::Io(e)) => Err(env.io_fail(&e, Some(&roster_path))),
        Err(LoadError::Invalid(e)) => {
            let (what, line) = match &e {
                ImportError::BadRows(rows) => (row_text(env, &rows[0].problem), Some(rows[0].line)),
                other => error_text(env, other),
            };
            let place = match line {
                Some(l) => format!("{}:{l}", roster_path.display()),
                None => roster_path.display().to_string(),
            };
            Err(fail(
                env,
                &env.ta("report-error-roster", &[("detail", arg(what))]),
                Some(&place),
                "report-todo-roster",
            ))
        }
    }
}

pub fn error_text(env: &Env, e: &ImportError) -> (String, Option<u64>) {
    match e {
        ImportError::Utf16 => (env.t("roster-error-utf16"), Some(1)),
        ImportError::Encoding { line, encoding } => (
            env.ta(
                "roster-error-encoding",
                &[("encoding", arg(encoding.as_str()))],
            ),
            Some(*line),
        ),
        ImportError::Empty => (env.t("roster-error-empty"), None),
        ImportError::NoRows => (env.t("roster-error-no-rows"), None),
        ImportError::MissingColumns { missing, header } => {
            let names: Vec<String> = missing.iter().map(|c| column_label(env, *c)).collect();
            (
                env.ta(
                    "roster-error-missing-columns",
                    &[
                        ("columns", arg(names.join(", "))),
                        ("header", arg(header.join(", "))),
                    ],
                ),
                Some(1),
            )
        }
        ImportError::DuplicateColumn {
            column,
            first,
            second,
        } => (
            env.ta(
                "roster-error-duplicate-column",
                &[
                    ("column", arg(column_label(env, *column))),
                    ("first", arg(first.clone())),
                    ("second", arg(second.clone())),
                ],
            ),
            Some(1),
        ),
        ImportError::BadRows(rows) => (
            env.ta(
                "roster-error-bad-rows",
                &[("count", count(rows.len() as u64))],
            ),
            None,
        ),
    }
}

fn column_label(env: &Env, c: Column) -> String {
    env.t(&format!("roster-column-{}", c.as_str().replace('_', "-")))
}

/// One bad row in words.
pub fn row_text(env: &Env, problem: &RowProblem) -> String {
    match problem {
        RowProblem::MissingId => env.t("roster-row-missing-id"),
        RowProblem::MissingName => env.t("roster-row-missing-name"),
        RowProblem::Duplicate { id, first_line } => env.ta(
            "roster-row-duplicate",
            &[
                ("id", arg(id.clone())),
                ("line", arg(first_line.to_string())),
            ],
        ),
        RowProblem::Unsafe { column } => env.ta(
            "roster-row-unsafe",
            &[("column", arg(column_label(env, *column)))],
        ),
        RowProblem::TooLong { column, chars } => env.ta(
            "roster-row-too-long",
            &[
                ("column", arg(column_label(env, *column))),
                ("chars", arg(chars.to_string())),
                ("max", arg(MAX_FIELD_CHARS.to_string())),
            ],
        ),
        RowProblem::ExtraFields { found, expected } => env.ta(
            "roster-row-extra-fields",
            &[
                ("found", arg(found.to_string())),
                ("expected", arg(expected.to_string())),
            ],
        ),
        RowProblem::BadEmail { email } => {
            env.ta("roster-row-bad-email", &[("email", arg(email.clone()))])
        }
        RowProblem::BadId { problem } => {
            let mut args: Vec<(&str, FluentValue<'static>)> = problem
                .args()
                .into_iter()
                .map(|(k, v)| (k, arg(v)))
                .collect();
            args.push(("example", arg("none")));
            env.ta(
                "roster-row-bad-id",
                &[("why", arg(env.ta(problem.message_id(), &args)))],
            )
        }
        RowProblem::Unreadable => env.t("roster-row-unreadable"),
    }
}

/// The roster's people found by id without regard to case or width.
pub fn directory(roster: &[Employee]) -> crate::record::identity::Directory {
    crate::record::identity::Directory::new(
        roster
            .iter()
            .map(|e| crate::record::Person {
                id: e.id.clone(),
                name: e.name.clone(),
                department: e.department.clone(),
            })
            .collect(),
    )
}

/// At most this many bad rows are listed; the count says how many there are in all.
const SHOWN_BAD_ROWS: usize = 50;

/// `tebiki roster import`.
pub fn command(env: &Env, command: RosterCommand) -> ExitCode {
    match command {
        RosterCommand::Import(args) => import(env, &args),
        RosterCommand::Codes(args) => super::codes::command(env, &args),
    }
}

fn import(env: &Env, args: &ImportArgs) -> ExitCode {
    let file = args.file.display().to_string();
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => return env.io_fail(&e, Some(&args.file)),
    };
    let progress = Progress::bytes(bytes.len() as u64, env.t("roster-progress"));
    let parsed = parse(&bytes, args.encoding, &progress);
    progress.finish();
    // The organisation's id form applies to the roster too: an id of another form could never
    // be typed at a terminal.
    let rule = crate::config::Config::parse(
        &std::fs::read_to_string(env.data.config_path()).unwrap_or_default(),
    )
    .ok()
    .and_then(|c| crate::record::identity::IdRule::new(c.employee_id_pattern.as_deref()).ok())
    .unwrap_or_default();
    let parsed = parsed.and_then(|p| {
        let wrong: Vec<BadRow> = p
            .employees
            .iter()
            .zip(&p.lines)
            .filter_map(|(e, &line)| {
                rule.check(&e.id).err().map(|problem| BadRow {
                    line,
                    problem: RowProblem::BadId { problem },
                })
            })
            .collect();
        if wrong.is_empty() {
            Ok(p)
        } else {
            Err(ImportError::BadRows(wrong))
        }
    });
    let parsed = match parsed {
        Ok(p) => p,
        Err(ImportError::BadRows(rows)) => {
            eprintln!(
                "{}: {}",
                env.t("error-label"),
                env.ta(
                    "roster-error-bad-rows",
                    &[("count", count(rows.len() as u64))]
                )
            );
            for row in rows.iter().take(SHOWN_BAD_ROWS) {
                eprintln!(
                    "  {}:{}: {}",
                    crate::escape::for_terminal(&file),
                    row.line,
                    crate::escape::for_terminal(&row_text(env, &row.problem))
                );
            }
            if rows.len() > SHOWN_BAD_ROWS {
                eprintln!(
                    "  {}",
                    env.ta(
                        "roster-more-bad-rows",
                        &[("count", count((rows.len() - SHOWN_BAD_ROWS) as u64))]
                    )
                );
            }
            eprintln!("  {}", env.t("roster-todo-rows"));
            return ExitCode::from(2);
        }
        Err(e) => {
            let (what, line) = error_text(env, &e);
            let place = match line {
                Some(l) => format!("{file}:{l}"),
                None => file.clone(),
            };
            let todo = match e {
                ImportError::Encoding { .. } | ImportError::Utf16 => "roster-todo-encoding",
                ImportError::MissingColumns { .. } | ImportError::DuplicateColumn { .. } => {
                    "roster-todo-header"
                }
                _ => "roster-todo-file",
            };
            return fail(env, &what, Some(&place), todo);
        }
    };
    let target = env.data.roster_path();
    let previous = match load(&target) {
        Ok(Some(old)) => Some(old),
        _ => None,
    };
    let changes =
        super::roster_changes::compare(previous.as_deref().unwrap_or(&[]), &parsed.employees);
    if args.dry_run {
        let _ = say(&crate::escape::for_terminal(&env.ta(
            "roster-read",
            &[
                ("count", count(parsed.employees.len() as u64)),
                ("file", arg(file.clone())),
                ("encoding", arg(parsed.encoding.as_str())),
            ],
        )));
        super::roster_changes::print(env, &changes);
        let _ = say(&env.t("roster-dry-run"));
        return ExitCode::SUCCESS;
    }
    if let Err(e) = env.data.ensure() {
        return crate::cli::config_error(env, e);
    }
    if let Err(e) = write(&target, &parsed.employees) {
        return env.io_fail(&e, Some(&target));
    }
    let mut departments: Vec<&str> = parsed
        .employees
        .iter()
        .map(|e| e.department.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    departments.sort_unstable();
    departments.dedup();
    if !parsed.ignored_columns.is_empty() {
        warn(
            env,
            &env.ta(
                "roster-ignored-columns",
                &[("columns", arg(parsed.ignored_columns.join(", ")))],
            ),
        );
    }
    let _ = say(&crate::escape::for_terminal(&env.ta(
        "roster-imported",
        &[
            ("count", count(parsed.employees.len() as u64)),
            ("departments", count(departments.len() as u64)),
            ("file", arg(file.clone())),
            ("encoding", arg(parsed.encoding.as_str())),
        ],
    )));
    if parsed.blank_rows > 0 {
        let _ = say(&env.ta("roster-blank-rows", &[("count", count(parsed.blank_rows))]));
    }
    super::roster_changes::print(env, &changes);
    let saved = match previous {
        Some(old) => env.ta(
            "roster-saved-replacing",
            &[
                ("path", arg(target.display().to_string())),
                ("count", count(old.len() as u64)),
            ],
        ),
        None => env.ta(
            "roster-saved",
            &[("path", arg(target.display().to_string()))],
        ),
    };
    let _ = say(&crate::escape::for_terminal(&saved));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Parsed, ImportError> {
        parse(s.as_bytes(), None, &Progress::hidden())
    }

    #[test]
    fn headers_are_recognised_in_either_language_and_width() {
        assert_eq!(column_of("社員番号"), Some(Column::Id));
        assert_eq!(column_of(" Employee ID "), Some(Column::Id));
        assert_eq!(column_of("ＩＤ"), Some(Column::Id));
        assert_eq!(column_of("氏名"), Some(Column::Name));
        assert_eq!(column_of("部署"), Some(Column::Department));
        assert_eq!(column_of("E-Mail"), Some(Column::Email));
        assert_eq!(column_of("Ｅメール"), Some(Column::Email));
        assert_eq!(column_of("役職"), None);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let text = "id,name,dept,email\nE1,山田,営業部,\n,佐藤,,\nE1,鈴木,,\nE3,,,\nE4,\"a\nb\",,\nE5,x,,not-an-email\nE6,x,,,extra\n";
        let Err(ImportError::BadRows(rows)) = parse_str(text) else {
            panic!("bad rows expected");
        };
        let lines: Vec<u64> = rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 8, 9]);
        // Excel writes CRLF; the lines must be the same.
        let Err(ImportError::BadRows(crlf)) = parse_str(&text.replace('\n', "\r\n")) else {
            panic!("bad rows expected");
        };
        assert_eq!(crlf.iter().map(|r| r.line).collect::<Vec<_>>(), lines);
        assert_eq!(rows[0].problem, RowProblem::MissingId);
        assert_eq!(
            rows[1].problem,
            RowProblem::Duplicate {
                id: "E1".into(),
                first_line: 2
            }
        );
        assert_eq!(
            rows[3].problem,
            RowProblem::Unsafe {
                column: Column::Name
            }
        );
    }

    #[test]
    fn blank_rows_and_unknown_columns_are_tolerated() {
        let p = parse_str("社員番号,氏名,役職\r\nE1,山田 太郎,課長\r\n,,\r\n").unwrap();
        assert_eq!(p.employees.len(), 1);
        assert_eq!(p.employees[0].department, "");
        assert_eq!(p.ignored_columns, ["役職"]);
        assert_eq!(p.blank_rows, 1);
        let tabs = parse_str("id\tname\nE1\tA\n").unwrap();
        assert_eq!(tabs.employees[0].name, "A");
    }

    #[test]
    fn missing_columns_and_encodings_are_located() {
        assert!(matches!(
            parse_str("番号,名前\n1,a\n"),
            Err(ImportError::MissingColumns { .. })
        ));
        let bad_utf8 = b"id,name\nE1,\xE5\xB1\n";
        assert_eq!(
            parse(bad_utf8, Some(TextEncoding::Utf8), &Progress::hidden()).unwrap_err(),
            ImportError::Encoding {
                line: 2,
                encoding: TextEncoding::Utf8
            }
        );
        // Shift_JIS 0x81 followed by a byte that cannot follow it.
        let bad_sjis = b"id,name\nE1,a\nE2,\x81\x20b\n";
        assert_eq!(
            parse(bad_sjis, None, &Progress::hidden()).unwrap_err(),
            ImportError::Encoding {
                line: 3,
                encoding: TextEncoding::Cp932
            }
        );
    }

    #[test]
    fn roster_ids_come_from_the_cache_only_while_the_roster_is_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let data = crate::config::DataDir::new(dir.path().to_path_buf());
        let header = "employee_id,name,department,email\n";
        std::fs::write(
            data.roster_path(),
            format!("{header}E0001,Aoki,Sales,\nE0002,Baba,Sales,\n"),
        )
        .unwrap();
        let first = ids(&data).unwrap().unwrap();
        assert_eq!(first.find("e0001").as_deref(), Some("E0001"));
        assert_eq!(first.find("E0003"), None);
        let cache = crate::ledger::person_index::cache_dir(&data.ledger_dir())
            .unwrap()
            .join("roster-ids");
        let cached = std::fs::read(&cache).unwrap();
        assert_eq!(
            ids(&data).unwrap().unwrap().find("E0002").as_deref(),
            Some("E0002")
        );

        // A new roster (imported as a new file) is read again.
        let tmp = dir.path().join("roster.tmp");
        std::fs::write(&tmp, format!("{header}E0003,Chiba,Sales,\n")).unwrap();
        std::fs::rename(&tmp, data.roster_path()).unwrap();
        let second = ids(&data).unwrap().unwrap();
        assert_eq!(second.find("e0003").as_deref(), Some("E0003"));
        assert_eq!(second.find("E0001"), None);
        assert_ne!(std::fs::read(&cache).unwrap(), cached);

        // Garbage, or a changed id whose check no longer holds, is never used.
        for bad in [b"garbage".to_vec(), {
            let mut b = std::fs::read(&cache).unwrap();
            let at = b.windows(5).position(|w| w == b"E0003").unwrap();
            b[at + 4] = b'9';
            b
        }] {
            std::fs::write(&cache, &bad).unwrap();
            let again = ids(&data).unwrap().unwrap();
            assert_eq!(again.find("E0003").as_deref(), Some("E0003"));
            assert_eq!(again.find("E0009"), None);
        }

        // An unreadable roster is still an error.
        std::fs::write(data.roster_path(), "not,a,roster\n").unwrap();
        assert!(matches!(ids(&data), Err(LoadError::Invalid(_))));
        std::fs::remove_file(data.roster_path()).unwrap();
        assert!(ids(&data).unwrap().is_none());
    }
}
