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
        if io::BufRead::read_until(&mut reader, b'\n', &mut buf)? == 0 || buf.last() != Some(&b'\n')
        {
            return Ok(ReceiptCheck::NoRecord {
                file,
                seq: receipt.seq,
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
