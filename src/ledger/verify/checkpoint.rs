//! The checkpoint: each file's length and hash at a moment, which proves later that the log
//! still extends what it was.

use std::fmt::Write as _;

use super::*;

/// Per file, the `seq` and SHA-256 of a line the log must still contain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checkpoint {
    pub entries: Vec<CheckpointEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointEntry {
    pub file: String,
    pub seq: u64,
    pub sha256: String,
}

/// Where and why a checkpoint text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckpointError {
    /// 1-based line of the text (0 for JSON input).
    pub line: u64,
    pub kind: CheckpointErrorKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckpointErrorKind {
    /// A line does not have the three fields `<file> <seq> <sha256>`.
    MissingField,
    BadSeq,
    BadSha256,
    /// The same file twice.
    DuplicateFile,
    /// JSON that is not a verify report.
    BadJson,
    /// No file at all (an empty or blank file, `{"files": []}`): it would check nothing.
    Empty,
}

impl fmt::Display for CheckpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "checkpoint line {}: {:?}", self.line, self.kind)
    }
}

impl std::error::Error for CheckpointError {}

impl Checkpoint {
    /// Reads either the text form (one `<file> <seq> <sha256>` per line, `#` comments and blank
    /// lines ignored; the file name may contain spaces, the last two fields are split off the
    /// end) or the JSON of a [`VerifyReport`].
    ///
    /// An auditor can write an entry without tebiki:
    /// `echo "k1.jsonl $(tail -n1 k1.jsonl | jq .seq) $(tail -n1 k1.jsonl | tr -d '\n' | sha256sum | cut -c1-64)"`.
    ///
    /// The whole text output of `tebiki verify` (in any language) is a checkpoint too: when the
    /// text starts with a line that is not indented and its indented lines are entries, those
    /// entries are read and the rest (headings, counts, findings) is skipped.
    ///
    /// A checkpoint naming no file is refused: it would vouch for nothing, yet read as a check.
    pub fn parse(text: &str) -> Result<Checkpoint, CheckpointError> {
        let checkpoint = if text.trim_start().starts_with('{') {
            Checkpoint::parse_report_json(text)
        } else {
            Checkpoint::parse_lines(text)
                .or_else(|e| Checkpoint::parse_verify_output(text).ok_or(e))
        }?;
        if checkpoint.entries.is_empty() {
            return Err(CheckpointError {
                line: 0,
                kind: CheckpointErrorKind::Empty,
            });
        }
        Ok(checkpoint)
    }

    /// The indented checkpoint lines of `tebiki verify`'s text output, if `text` is one.
    pub(super) fn parse_verify_output(text: &str) -> Option<Checkpoint> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let first = lines.next()?;
        if first.starts_with(char::is_whitespace) {
            return None;
        }
        let indented: String = lines
            .filter(|l| l.starts_with(char::is_whitespace))
            .filter(|l| Checkpoint::parse_lines(l).is_ok())
            .fold(String::new(), |mut text, l| {
                text.push_str(l.trim());
                text.push('\n');
                text
            });
        let checkpoint = Checkpoint::parse_lines(&indented).ok()?;
        (!checkpoint.entries.is_empty()).then_some(checkpoint)
    }

    /// The text form, strictly: every line an entry, a comment or blank.
    pub(super) fn parse_lines(text: &str) -> Result<Checkpoint, CheckpointError> {
        let mut checkpoint = Checkpoint::default();
        for (i, raw) in text.lines().enumerate() {
            let line = (i + 1) as u64;
            let err = |kind| CheckpointError { line, kind };
            let raw = raw.trim();
            if raw.is_empty() || raw.starts_with('#') {
                continue;
            }
            let (rest, sha) = raw
                .rsplit_once(char::is_whitespace)
                .ok_or(err(CheckpointErrorKind::MissingField))?;
            let (file, seq) = rest
                .trim_end()
                .rsplit_once(char::is_whitespace)
                .ok_or(err(CheckpointErrorKind::MissingField))?;
            let file = file.trim();
            if file.is_empty() {
                return Err(err(CheckpointErrorKind::MissingField));
            }
            let seq: u64 = seq.parse().map_err(|_| err(CheckpointErrorKind::BadSeq))?;
            let sha = sha.to_ascii_lowercase();
            if parse_hash(&sha).is_none() {
                return Err(err(CheckpointErrorKind::BadSha256));
            }
            checkpoint
                .push(CheckpointEntry {
                    file: file.to_owned(),
                    seq,
                    sha256: sha,
                })
                .map_err(|()| err(CheckpointErrorKind::DuplicateFile))?;
        }
        Ok(checkpoint)
    }

    pub(super) fn parse_report_json(text: &str) -> Result<Checkpoint, CheckpointError> {
        #[derive(Deserialize)]
        struct Report {
            files: Vec<FileEntry>,
        }
        #[derive(Deserialize)]
        struct FileEntry {
            file: String,
            last_seq: u64,
            head_sha256: String,
        }
        let err = |kind| CheckpointError { line: 0, kind };
        let report: Report =
            serde_json::from_str(text).map_err(|_| err(CheckpointErrorKind::BadJson))?;
        let mut checkpoint = Checkpoint::default();
        for f in report.files {
            let sha = f.head_sha256.to_ascii_lowercase();
            if parse_hash(&sha).is_none() {
                return Err(err(CheckpointErrorKind::BadSha256));
            }
            checkpoint
                .push(CheckpointEntry {
                    file: f.file,
                    seq: f.last_seq,
                    sha256: sha,
                })
                .map_err(|()| err(CheckpointErrorKind::DuplicateFile))?;
        }
        Ok(checkpoint)
    }

    pub(super) fn push(&mut self, entry: CheckpointEntry) -> Result<(), ()> {
        if self.get(&entry.file).is_some() {
            return Err(());
        }
        self.entries.push(entry);
        Ok(())
    }

    pub fn get(&self, file: &str) -> Option<&CheckpointEntry> {
        self.entries.iter().find(|e| e.file == file)
    }

    /// The text form read by [`Checkpoint::parse`].
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let _ = writeln!(out, "{} {} {}", e.file, e.seq, e.sha256);
        }
        out
    }
}
