//! CSV for spreadsheets: cells that would start a formula neutralised, and Shift_JIS (CP932)
//! for Japanese Excel, with the places where a character had to change.

use super::*;
use crate::admin::report::Skipped;

/// How the output is written.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    /// The purposes of the current content, one column each.
    pub purposes: Vec<String>,
    /// The screens of the current content, for `unread_screens`.
    pub screens: super::columns::Screens,
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
    pub receipts: crate::admin::receipts::Context,
    /// The words of the row that ends an incomplete CSV export (see [`incomplete_row`]).
    pub words: (crate::i18n::Localizer, crate::i18n::Lang),
}

/// The text of the last row of a CSV export that left records out, in its first cell: the file
/// itself then says it is incomplete, what was left out (counted as the warnings count it,
/// `left_out`), where (the first places of `skipped`) and what to do, wherever it is mailed or
/// opened (the terminal's warnings stay behind).
pub(super) fn incomplete_row(
    (loc, lang): &(crate::i18n::Localizer, crate::i18n::Lang),
    left_out: &super::super::LeftOut,
    skipped: &[Skipped],
    filtered: bool,
) -> String {
    use fluent_bundle::FluentValue;
    /// Places named at most; the rest are counted.
    const PLACES: usize = 3;
    // Each place as a file and its lines: a withheld run is its first to its last line, and
    // a place inside one is named by it; a sealed file is named whole (the line it ends at
    // may be gone). In the order of the files and their lines.
    let mut spans: Vec<(&str, u64, u64, bool)> = skipped
        .iter()
        .map(|s| {
            let whole = matches!(
                s.problem,
                "seal_mismatch" | "not_a_ledger_file" | "seal_no_signers"
            );
            (
                s.file.as_str(),
                s.line,
                s.last_line.unwrap_or(s.line),
                whole,
            )
        })
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let covered = |&(file, first, last, whole): &(&str, u64, u64, bool)| {
        !whole
            && spans.iter().any(|&(f, a, z, w)| {
                let wider = a <= first && last <= z && (a, z) != (first, last);
                f == file && (w || wider)
            })
    };
    let mut places: Vec<String> = Vec::new();
    for span in spans.iter().filter(|s| !covered(s)) {
        let place = match *span {
            // What is about no line (a file that could not be opened) is named by its file.
            (file, _, _, true) | (file, 0, _, false) => file.to_string(),
            (file, first, last, false) if last > first => format!("{file}:{first}-{last}"),
            (file, first, _, false) => format!("{file}:{first}"),
        };
        if !places.contains(&place) {
            places.push(place);
        }
    }
    let more = places.len().saturating_sub(PLACES);
    places.truncate(PLACES);
    if more > 0 {
        places.push(loc.ta_stored(
            lang,
            "export-csv-incomplete-more",
            &[("count", FluentValue::from(more))],
        ));
    }
    let separator = loc.ta_stored(lang, "list-separator", &[]);
    let what: Vec<String> = [
        ("export-csv-left-withheld", left_out.withheld),
        ("export-csv-left-lines", left_out.lines),
        ("export-csv-left-sealed", left_out.sealed),
        ("export-csv-left-untrusted", left_out.untrusted),
        ("export-csv-left-unchecked", left_out.unchecked),
        ("export-csv-left-signers", left_out.signers),
        ("export-csv-left-odd", left_out.odd),
        ("export-csv-left-backdated", left_out.backdated),
        ("export-csv-left-future", left_out.future),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(id, n)| {
        let count = FluentValue::from(crate::i18n::group_digits(n));
        loc.ta_stored(lang, id, &[("n", FluentValue::from(n)), ("count", count)])
    })
    .collect();
    loc.ta_stored(
        lang,
        if filtered {
            "export-csv-incomplete-filtered"
        } else {
            "export-csv-incomplete"
        },
        &[
            ("what", FluentValue::from(what.join(&separator))),
            ("places", FluentValue::from(places.join(&separator))),
        ],
    )
}

/// Whether Excel (and similar) would read a cell starting with `c` as a formula.
pub(super) fn formula_start(c: char) -> bool {
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
pub(super) struct CsvPlace {
    pub(super) row: u64,
    pub(super) column: u64,
    pub(super) quoted: bool,
    pub(super) headers: Vec<String>,
}

/// Writes UTF-8 text as Shift_JIS (CP932), counting characters it cannot hold (written as
/// `〓`, the customary stand-in) and characters it holds only as another character, with the
/// row and column of the first few. Input may arrive split inside a character.
pub struct Cp932Writer<W: Write> {
    pub(super) inner: W,
    pub(super) encoder: encoding_rs::Encoder,
    pub(super) pending: Vec<u8>,
    pub(super) out: Vec<u8>,
    pub unmappable: u64,
    /// Characters written as another character.
    pub changed: u64,
    /// The first [`CP932_EXAMPLES`] unmappable or changed characters.
    pub examples: Vec<Cp932Change>,
    pub(super) place: CsvPlace,
    /// What each non-ASCII character becomes: `None` when it is kept exactly.
    pub(super) seen: std::collections::HashMap<char, Option<String>>,
}

/// The character Windows puts for `c` in CP932 where Shift_JIS has none: the JIS characters
/// that CP932 maps to their full-width forms (a wave dash typed on a Mac or in a browser, say,
/// is the full-width tilde that Excel shows the same). `None` for any other character.
pub(super) fn windows_form(c: char) -> Option<char> {
    Some(match c {
        '\u{301C}' => '\u{FF5E}', // 〜 WAVE DASH -> ～
        '\u{2016}' => '\u{2225}', // ‖ DOUBLE VERTICAL LINE -> ∥
        '\u{2212}' => '\u{FF0D}', // − MINUS SIGN -> －
        '\u{00A2}' => '\u{FFE0}', // ¢ -> ￠
        '\u{00A3}' => '\u{FFE1}', // £ -> ￡
        '\u{00AC}' => '\u{FFE2}', // ¬ -> ￢
        '\u{2014}' => '\u{2015}', // — EM DASH -> ―
        _ => return None,
    })
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
    pub(super) fn becomes(&mut self, c: char) -> Option<String> {
        self.seen
            .entry(c)
            .or_insert_with(|| {
                let mut buf = [0u8; 4];
                let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    return Some(windows_form(c).unwrap_or('〓').to_string());
                }
                let (back, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
                let mut chars = back.chars();
                (chars.next() != Some(c) || chars.next().is_some()).then(|| back.into_owned())
            })
            .clone()
    }

    /// Follows the CSV text (RFC 4180 quoting) to know each character's row and column, and
    /// notes every character that does not survive the encoding.
    pub(super) fn follow(&mut self, text: &str) {
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

    pub(super) fn encode(&mut self, text: &str) -> io::Result<()> {
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
                encoding_rs::EncoderResult::Unmappable(c) => match windows_form(c) {
                    // Written as Windows writes it (counted among the changed characters).
                    Some(w) => {
                        let mut buf = [0u8; 4];
                        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(w.encode_utf8(&mut buf));
                        self.out.extend_from_slice(&bytes);
                    }
                    None => {
                        self.unmappable += 1;
                        // 〓 in Shift_JIS.
                        self.out.extend_from_slice(&[0x81, 0xAC]);
                    }
                },
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each Windows form is written in Shift_JIS and read back as itself.
    #[test]
    fn windows_forms_are_written_in_cp932() {
        for c in [
            '\u{301C}', '\u{2016}', '\u{2212}', '\u{00A2}', '\u{00A3}', '\u{00AC}', '\u{2014}',
        ] {
            let w = windows_form(c).unwrap();
            let mut buf = [0u8; 4];
            let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(w.encode_utf8(&mut buf));
            assert!(!unmappable, "{w}");
            let (back, _) = encoding_rs::SHIFT_JIS.decode_without_bom_handling(&bytes);
            assert_eq!(back.chars().collect::<Vec<_>>(), [w], "{c}");
        }
        let mut w = Cp932Writer::new(Vec::new());
        w.encode("〜").unwrap();
        let (out, unmappable) = w.finish().unwrap();
        assert_eq!(unmappable, 0);
        assert_eq!(encoding_rs::SHIFT_JIS.decode(&out).0, "～");
    }
}
