//! The list of employees expected to take part: read from what HR has (English or Japanese
//! headers, UTF-8 with or without BOM, or Shift_JIS/CP932 from Japanese Excel), checked row by
//! row, and stored as `$DATA/roster.csv`.
//!
//! The stored roster is UTF-8 without BOM, header `employee_id,name,department,email`, one row
//! per employee in the order of the input; it is itself a valid input for this parser.

mod ids;

use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

use sha2::Digest;
use unicode_normalization::UnicodeNormalization;

use crate::encoding::TextEncoding;
use crate::escape::is_unsafe;
use crate::progress::Progress;
use crate::safe_file::AtomicFile;
pub use ids::*;

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
    /// A control or invisible formatting character (line break, tab, escape, bidi override):
    /// which, and at which character of the value (1-based).
    Unsafe {
        column: Column,
        ch: char,
        at: usize,
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
    /// Fewer values than the header has columns, so the id or the name is not in the row
    /// (often a line break inside a value that was not in quotes, which splits a row in two).
    /// A row short of only optional values (department, email) is taken: some spreadsheets
    /// leave out the commas of empty cells at the end of a row.
    MissingFields {
        found: usize,
        expected: usize,
    },
    /// A double quote opened in this row is never closed: the rest of the file was read as
    /// one value.
    OpenQuote,
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
    /// An Excel workbook (`.xlsx`, a ZIP archive; or `.xls`), not CSV text.
    Workbook,
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
    /// Optional columns the header does not have (department, email): empty for everyone.
    pub absent_columns: Vec<Column>,
    /// Two rows one after the other, each with fewer values than the header, that together
    /// have one more than it: most likely one row split by a line break inside a value not in
    /// double quotes, whose second half was read as another person. The lines of both, and
    /// the id the second half was read with.
    pub split_rows: Vec<(u64, u64, String)>,
    /// Rows with fewer values than the header, read all the same: their line, how many values
    /// they have, and the columns tebiki uses that they have none for (taken as empty).
    pub short_rows: Vec<(u64, usize, Vec<Column>)>,
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
    // `.xlsx` is a ZIP archive, `.xls` a compound document: what Excel saves by default.
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Workbook);
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
    crate::encoding::decode_cp932(bytes).map_err(|at| ImportError::Encoding {
        line: line_at(bytes, at),
        encoding: TextEncoding::Cp932,
    })
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() as u64 + 1
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
    // One record read into again and again: a row allocates only what is kept of it.
    let mut record = csv::StringRecord::new();
    let header = loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Err(ImportError::Empty),
            Ok(true) if record.iter().all(|c| c.trim().is_empty()) => {}
            Ok(true) => break record.clone(),
            Err(_) => return Err(ImportError::Empty),
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
    // About as many rows as the text has lines, so that the lists grow once or not at all (at
    // most a quarter of a million reserved: a file of blank lines reserves no more).
    let rows = memchr::memchr_iter(b'\n', text.as_bytes())
        .count()
        .min(1 << 18);
    let mut employees = Vec::with_capacity(rows);
    let mut row_lines = Vec::with_capacity(rows);
    let mut bad = Vec::new();
    // Keys kept inline (most ids are short): no allocation per row for them.
    let mut seen: HashMap<compact_str::CompactString, u64, foldhash::fast::RandomState> =
        HashMap::with_capacity_and_hasher(rows, foldhash::fast::RandomState::default());
    let mut blank_rows = 0;
    // An odd number of double quotes: one may be opened and never closed, which makes the
    // rest of the file one value of the last row (the CSV reader says nothing of it).
    let odd_quotes = memchr::memchr_iter(b'"', text.as_bytes()).count() % 2 == 1;
    let mut last_line = None;
    let mut split_rows = Vec::new();
    let mut short_rows = Vec::new();
    // The row before, when it was short: its line and how many values it had.
    let mut short_before: Option<(u64, usize)> = None;
    for n in 0u64.. {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                bad.push(BadRow {
                    line: e.position().map_or(0, |p| lines.line_of(p.byte())),
                    problem: RowProblem::Unreadable,
                });
                continue;
            }
        }
        let record = &record;
        let line = record.position().map_or(0, |p| lines.line_of(p.byte()));
        if n % 4096 == 0 {
            progress.set(record.position().map_or(0, csv::Position::byte));
        }
        if record.iter().all(|c| c.trim().is_empty()) {
            blank_rows += 1;
            short_before = None;
            continue;
        }
        // A value holding a line end or the delimiter: what a quote left open swallows.
        last_line = Some((
            line,
            record
                .iter()
                .any(|c| c.contains(['\n', '\r', char::from(delimiter)])),
        ));
        let short = (record.len() < header.len()).then_some((line, record.len()));
        if let (Some((before, had)), Some((_, has))) = (short_before, short)
            && before + 1 == line
            && had + has == header.len() + 1
        {
            let id = index[Column::Id as usize]
                .and_then(|i| record.get(i))
                .unwrap_or("");
            split_rows.push((before, line, id.trim().to_string()));
        }
        short_before = short;
        let required = [Column::Id, Column::Name].map(|c| index[c as usize]);
        if required.iter().flatten().any(|&i| i >= record.len()) {
            bad.push(BadRow {
                line,
                problem: RowProblem::MissingFields {
                    found: record.len(),
                    expected: header.len(),
                },
            });
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
                .map_or("", str::trim)
        };
        if let Some((c, at, ch)) = Column::ALL.into_iter().find_map(|c| {
            cell(c)
                .chars()
                .enumerate()
                .find(|&(_, ch)| is_unsafe(ch))
                .map(|(i, ch)| (c, i + 1, ch))
        }) {
            bad.push(BadRow {
                line,
                problem: RowProblem::Unsafe { column: c, ch, at },
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
        let key: compact_str::CompactString = canonical
            .as_deref()
            .map(crate::record::identity::key)
            .unwrap_or_default()
            .into();
        let problem = if id.is_empty() {
            Some(RowProblem::MissingId)
        } else if let Err(problem) = &canonical {
            Some(RowProblem::BadId {
                problem: problem.clone(),
            })
        } else if let Ok(id) = &canonical
            && id.chars().count() > MAX_FIELD_CHARS
        {
            // NFKC can lengthen an id (`…` is `...`): what is stored must pass when read back.
            Some(RowProblem::TooLong {
                column: Column::Id,
                chars: id.chars().count(),
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
        // Fewer values than the header: the columns it has no value for are taken as empty.
        let without: Vec<Column> = [Column::Department, Column::Email]
            .into_iter()
            .filter(|&c| index[c as usize].is_some_and(|i| i >= record.len()))
            .collect();
        if !without.is_empty() {
            short_rows.push((line, record.len(), without));
        }
        row_lines.push(line);
        employees.push(Employee {
            // Stored normalised, so every later lookup meets one form.
            id: canonical.unwrap_or_default(),
            name: name.to_string(),
            department: department.to_string(),
            email: email.to_string(),
        });
    }
    // The last row has a value that ran over line ends or delimiters, with an odd count of
    // quotes: a quote never closed. That is what is wrong with the row, whatever else was
    // found in its value.
    if odd_quotes && let Some((line, true)) = last_line {
        bad.retain(|b| b.line != line);
        if row_lines.last() == Some(&line) {
            row_lines.pop();
            employees.pop();
        }
        bad.push(BadRow {
            line,
            problem: RowProblem::OpenQuote,
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
        absent_columns: [Column::Department, Column::Email]
            .into_iter()
            .filter(|c| index[*c as usize].is_none())
            .collect(),
        // A row split in two is told as such, not as two short rows.
        short_rows: short_rows
            .into_iter()
            .filter(|(line, ..)| {
                !split_rows
                    .iter()
                    .any(|(first, second, _)| line == first || line == second)
            })
            .collect(),
        split_rows,
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
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..to]).count() as u64;
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
pub fn write(path: &Path, employees: &[Employee]) -> std::io::Result<Written> {
    let mut file = AtomicFile::create(path)?;
    let mut hashed = Hashing {
        out: &mut file,
        sha: sha2::Sha256::new(),
    };
    {
        let mut w = csv::WriterBuilder::new().from_writer(&mut hashed);
        w.write_record(Column::ALL.map(Column::as_str))?;
        for e in employees {
            w.write_record([&e.id, &e.name, &e.department, &e.email])?;
        }
        w.flush()?;
    }
    let sha = hashed.sha.finalize().into();
    file.flush()?;
    file.commit()?;
    Ok(Written { sha })
}

/// What [`write`] wrote: to tell later whether the stored roster is still that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// SHA-256 of the bytes written.
    pub sha: [u8; 32],
}

/// Passes bytes on to `out`, hashing them on the way.
struct Hashing<'a, W: std::io::Write> {
    out: &'a mut W,
    sha: sha2::Sha256,
}

impl<W: std::io::Write> std::io::Write for Hashing<'_, W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.sha.update(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
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
    // The imported roster is a file tebiki wrote: a pipe or a device put in its place would
    // hold every reader waiting, or feed it anything.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return Err(LoadError::Io(std::io::Error::new(
            std::io::ErrorKind::Unsupported,
            "not a regular file",
        )));
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(LoadError::Io(e)),
    };
    parse(&bytes, Some(TextEncoding::Utf8), &Progress::hidden())
        .map(|p| Some(p.employees))
        .map_err(LoadError::Invalid)
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
                column: Column::Name,
                ch: '\n',
                at: 2
            }
        );
    }

    /// An id within the limit as typed but over it once normalised (NFKC writes `…` as `...`)
    /// is refused at import, as reading the stored roster back would refuse it.
    #[test]
    fn an_id_too_long_once_normalised_is_refused() {
        let fits = "…".repeat(MAX_FIELD_CHARS / 3);
        let over = "…".repeat(MAX_FIELD_CHARS / 3 + 1);
        assert!(parse_str(&format!("id,name\n{fits},A\n")).is_ok());
        let Err(ImportError::BadRows(rows)) = parse_str(&format!("id,name\n{over},A\n")) else {
            panic!("bad rows expected");
        };
        assert_eq!(
            rows[0].problem,
            RowProblem::TooLong {
                column: Column::Id,
                chars: 3 * (MAX_FIELD_CHARS / 3 + 1),
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

    /// An import caches the ids of the roster it wrote only while the stored file is still
    /// that roster: when another import replaced it meanwhile, nothing is cached, and a
    /// lookup finds the other roster's ids.
    #[test]
    fn an_import_caches_its_ids_only_while_its_roster_is_the_one_stored() {
        let dir = tempfile::tempdir().unwrap();
        let data = crate::config::DataDir::new(dir.path().to_path_buf());
        let person = |id: &str| Employee {
            id: id.into(),
            name: "Aoki".into(),
            department: String::new(),
            email: String::new(),
        };
        let cache = crate::ledger::person_index::cache_dir(&data.ledger_dir())
            .unwrap()
            .join("roster-ids");
        let mine = vec![person("E0001")];
        let wrote = write(&data.roster_path(), &mine).unwrap();
        // Another import stores its roster before this one caches its ids.
        write(&data.roster_path(), &[person("E0002")]).unwrap();
        cache_ids(&data, &mine, wrote);
        assert!(
            !cache.exists(),
            "no ids cached under the other roster's stamp"
        );
        let found = ids(&data).unwrap().unwrap();
        assert_eq!(found.find("e0002").as_deref(), Some("E0002"));
        assert_eq!(found.find("E0001"), None);
        // With its roster still stored, an import caches exactly what a lookup would.
        let wrote = write(&data.roster_path(), &mine).unwrap();
        cache_ids(&data, &mine, wrote);
        let cached = std::fs::read(&cache).unwrap();
        std::fs::remove_file(&cache).unwrap();
        assert_eq!(
            ids(&data).unwrap().unwrap().find("e0001").as_deref(),
            Some("E0001")
        );
        assert_eq!(std::fs::read(&cache).unwrap(), cached);
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
