//! `tebiki verify --receipt`: does the ledger still hold exactly the record a receipt names?

use std::fs::File;
use std::io;
use std::path::Path;

use super::envelope::{self, parse_hash};
use super::{LEDGER_EXT, is_safe_name, sha256};

/// What `tebiki verify --receipt` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiptCheck {
    /// The ledger holds exactly the line at that place: (file, line number).
    Holds { file: String, line: u64 },
    /// The ledger holds exactly that line, but its receipt code is not the one the receipt
    /// shows (`recorded`, if any): this receipt was not given for this record.
    CodeDiffers {
        file: String,
        line: u64,
        recorded: Option<String>,
    },
    /// The kiosk's file is not there.
    NoFile { file: String },
    /// No record with that seq in the file.
    NoRecord { file: String, seq: u64 },
    /// The file's last line is exactly the line the receipt names, but without its `\n` (a
    /// crash just before it was written, or the end cut off): (file, line number). Readers do
    /// not use it yet; the next record written to that file ends it first.
    Unended { file: String, line: u64 },
    /// The record at that seq is another line than the receipt names.
    Differs {
        file: String,
        line: u64,
        found_sha256: String,
        code_matches: bool,
    },
}

/// A receipt line: `tebiki-receipt:1:<kiosk>:<seq>:<sha256 hex>:<receipt code>`. The code is
/// empty for a record made without one (a withdrawal an administrator recorded, which the
/// standard receipts of `export --format receipts` name this way): then the record must have
/// none either.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub kiosk: String,
    pub seq: u64,
    pub sha256: String,
    pub code: String,
}

impl Receipt {
    pub fn parse(text: &str) -> Option<Receipt> {
        let rest = text.trim().strip_prefix("tebiki-receipt:1:")?;
        let mut parts = rest.splitn(4, ':');
        let kiosk = parts.next()?;
        let seq: u64 = parts.next()?.parse().ok()?;
        let sha = parts.next()?.to_ascii_lowercase();
        let code = parts.next()?;
        if !is_safe_name(kiosk) || seq == 0 || parse_hash(&sha).is_none() {
            return None;
        }
        Some(Receipt {
            kiosk: kiosk.to_owned(),
            seq,
            sha256: sha,
            code: code.to_owned(),
        })
    }
}

/// Why a line the ledger holds exactly as a receipt names it may still not be evidence.
pub enum Doubt {
    /// Its file's chain breaks at this line, and the line is at or after the one before it:
    /// the readers do not use it.
    Withheld(u64),
    /// What the latest trusted seal says of its file (or of the seals) does not hold.
    Seal(Vec<super::ReadIssue>),
}

/// Whether line `line` of the ledger file `path` stands as the readers would use it: the
/// file's chain holds up to it, and the file (and the seals) are as the latest trusted seal
/// says.
pub fn receipt_standing(dir: &Path, path: &Path, line: u64) -> Result<(), Doubt> {
    use super::ReadIssue;
    if let Ok(Some(at)) = super::first_break(path)
        && line + 1 >= at
    {
        return Err(Doubt::Withheld(at));
    }
    let (issues, _) = super::seal::sealed_heads(dir);
    let about: Vec<ReadIssue> = issues
        .into_iter()
        .filter(|issue| match issue {
            ReadIssue::SealMismatch { file, .. } => file == path,
            ReadIssue::SealNotTrusted { .. } | ReadIssue::SealsUnchecked { .. } => true,
            _ => false,
        })
        .collect();
    if about.is_empty() {
        Ok(())
    } else {
        Err(Doubt::Seal(about))
    }
}

/// Whether the ledger in `dir` still holds exactly the line `receipt` names.
pub fn check_receipt(dir: &Path, receipt: &Receipt) -> io::Result<ReceiptCheck> {
    let file = format!("{}{LEDGER_EXT}", receipt.kiosk);
    let path = dir.join(&file);
    let f = match File::open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(ReceiptCheck::NoFile { file }),
        Err(e) => return Err(e),
    };
    let mut reader = io::BufReader::with_capacity(1 << 20, f);
    let mut buf = Vec::new();
    let mut line = 0u64;
    loop {
        buf.clear();
        if io::BufRead::read_until(&mut reader, b'\n', &mut buf)? == 0 {
            return Ok(ReceiptCheck::NoRecord {
                file,
                seq: receipt.seq,
            });
        }
        if buf.last() != Some(&b'\n') {
            // The last line, not ended: the receipt's own line but for its `\n`, or not it.
            return Ok(if hex::encode(sha256(&buf)) == receipt.sha256 {
                ReceiptCheck::Unended {
                    file,
                    line: line + 1,
                }
            } else {
                ReceiptCheck::NoRecord {
                    file,
                    seq: receipt.seq,
                }
            });
        }
        line += 1;
        buf.pop();
        let seq = envelope::parse_line(&buf).ok().and_then(|env| env.seq);
        if seq != Some(receipt.seq) {
            continue;
        }
        let found = hex::encode(sha256(&buf));
        if found == receipt.sha256 {
            // The code is what a person reads off the receipt and quotes: it must be the
            // record's own.
            let recorded = serde_json::from_slice::<serde_json::Value>(&buf)
                .ok()
                .and_then(|v| v.get("receipt")?.as_str().map(str::to_owned));
            let expected = (!receipt.code.is_empty()).then_some(receipt.code.as_str());
            if recorded.as_deref() != expected {
                return Ok(ReceiptCheck::CodeDiffers {
                    file,
                    line,
                    recorded,
                });
            }
            return Ok(ReceiptCheck::Holds { file, line });
        }
        let code = if receipt.code.is_empty() {
            "null".to_owned()
        } else {
            serde_json::to_string(&receipt.code).unwrap_or_default()
        };
        let code_matches =
            memchr::memmem::find(&buf, format!("\"receipt\":{code}").as_bytes()).is_some();
        return Ok(ReceiptCheck::Differs {
            file,
            line,
            found_sha256: found,
            code_matches,
        });
    }
}

/// A record's fingerprint as a receipt shows it: the first 16 hex digits of its line's
/// SHA-256 (or of the digits given), in groups of four (`e6bc 5d6d 26f2 55e0`).
pub fn fingerprint(sha256_hex: &str) -> String {
    sha256_hex
        .as_bytes()
        .chunks(4)
        .take(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A receipt code as a person gives it (`NF5M-EHCQ`, maybe with the record's fingerprint as
/// the receipt shows it, `e6bc 5d6d 26f2 55e0`): the code in its stored form, and the
/// fingerprint's hex digits (lower case, at most 64). Letters a reader may take for digits are
/// read as those (`O` as 0, `I` and `L` as 1: codes use none of them). `None` for any other
/// text.
pub fn parse_code(text: &str) -> Option<(String, Option<String>)> {
    let mut words = text.split_whitespace();
    let code: String = words
        .next()?
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    let alphabet = |c: char| c.is_ascii_digit() || (c.is_ascii_uppercase() && c != 'U');
    let (a, b) = code.split_once('-')?;
    if a.len() != 4 || b.len() != 4 || !a.chars().chain(b.chars()).all(alphabet) {
        return None;
    }
    let hex: String = words.collect::<String>().to_ascii_lowercase();
    if hex.len() > 64 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    Some((code, (!hex.is_empty()).then_some(hex)))
}

/// A record found by its receipt code: where, and the SHA-256 (hex) of its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeFound {
    pub file: String,
    pub line: u64,
    pub sha256: String,
}

/// What [`find_code`] found.
#[derive(Debug, Default)]
pub struct CodeSearch {
    /// The records with the code, read as every reader reads them.
    pub found: Vec<CodeFound>,
    /// Lines with the code among the records withheld after a break in their file (not used
    /// by any reader), each with the line where its file's chain breaks.
    pub withheld: Vec<(CodeFound, u64)>,
    /// How many places of the ledger could not be read or used.
    pub issues: usize,
}

/// The records of the ledger in `dir` whose receipt code is `code`, read as every reader reads
/// them (the chain checked: a record after a break is not found, but a line with the code
/// among those withheld is named apart), and how many places could not be read or used.
pub fn find_code(dir: &Path, code: &str) -> Result<CodeSearch, super::LedgerError> {
    let needle = format!("\"receipt\":\"{code}\"");
    let finder = memchr::memmem::Finder::new(needle.as_bytes());
    // The record's own code, not a nested value that happens to read the same.
    let own = |raw: &[u8]| {
        finder.find(raw).is_some()
            && serde_json::from_slice::<serde_json::Value>(raw)
                .ok()
                .is_some_and(|v| v.get("receipt").and_then(|r| r.as_str()) == Some(code))
    };
    let name = |file: &Path| {
        file.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut merged = super::merged_raw(dir)?;
    let mut search = CodeSearch::default();
    let mut withheld = Vec::new();
    while let Some(item) = merged.next_line() {
        let record = match item {
            Ok(record) => record,
            Err(issue) => {
                search.issues += 1;
                if let super::ReadIssue::Withheld {
                    file,
                    line,
                    last_line,
                    ..
                } = issue
                {
                    withheld.push((file, line, last_line));
                }
                continue;
            }
        };
        if own(record.raw) {
            search.found.push(CodeFound {
                file: name(record.file),
                line: record.line,
                sha256: hex::encode(sha256(record.raw)),
            });
        }
    }
    for (path, first, last) in withheld {
        let Ok(f) = File::open(&path) else {
            continue;
        };
        let at = super::first_break(&path)
            .ok()
            .flatten()
            .unwrap_or(first + 1);
        let mut reader = io::BufReader::with_capacity(1 << 20, f);
        let mut buf = Vec::new();
        let mut line = 0u64;
        while line < last {
            buf.clear();
            match io::BufRead::read_until(&mut reader, b'\n', &mut buf) {
                Ok(n) if n > 0 => {}
                _ => break,
            }
            line += 1;
            if buf.last() == Some(&b'\n') {
                buf.pop();
            }
            if line >= first && own(&buf) {
                let found = CodeFound {
                    file: name(&path),
                    line,
                    sha256: hex::encode(sha256(&buf)),
                };
                search.withheld.push((found, at));
            }
        }
    }
    Ok(search)
}
