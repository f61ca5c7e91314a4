//! What verify found: the report, each file's summary, the findings and what they mean.

use super::*;

/// The outcome of [`verify`]. Intact only when `findings` is empty; `recovered` torn tails and
/// `duplicates` (identical copies of a record in another file) are facts, not damage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    pub files: Vec<FileSummary>,
    pub findings: Vec<Finding>,
    pub recovered: Vec<Recovered>,
    pub duplicates: u64,
}

impl VerifyReport {
    pub fn is_intact(&self) -> bool {
        self.findings.is_empty()
    }

    /// Complete lines in all files.
    pub fn records(&self) -> u64 {
        self.files.iter().map(|f| f.records).sum()
    }

    /// The checkpoint of this state: per file, the last seq and the SHA-256 of the last line.
    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint {
            entries: self
                .files
                .iter()
                .map(|f| CheckpointEntry {
                    file: f.file.clone(),
                    seq: f.last_seq,
                    sha256: f.head_sha256.clone(),
                })
                .collect(),
        }
    }
}

/// For `skip_serializing_if`, which passes a reference.
#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde passes a reference"
)]
fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// One ledger file as verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileSummary {
    /// File name within the ledger folder.
    pub file: String,
    /// Complete (`\n`-terminated) lines, valid or not.
    pub records: u64,
    /// Of those, the lines that could not be read as a record at all (not JSON, a blank
    /// line): each is a finding too.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub not_records: u64,
    #[serde(with = "ts_serde")]
    pub first_at: Option<Timestamp>,
    #[serde(with = "ts_serde")]
    pub last_at: Option<Timestamp>,
    /// The `seq` of the last record (0 for an empty file).
    pub last_seq: u64,
    /// Up to where the latest valid seal covers the file, when one does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sealed: Option<SealMark>,
    /// When every record of the file is an identical copy of one in its own kiosk's file:
    /// those files (the file adds no record).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy_of: Vec<String>,
    /// SHA-256 of the last complete line without its `\n` (64 zeros for an empty file).
    pub head_sha256: String,
    pub bytes: u64,
}

/// How far a seal covers a file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealMark {
    pub seq: u64,
    pub at: String,
    pub seal: String,
    /// The seal's signature could not be checked: no trusted seal keys are set up, or it has
    /// no signature beside it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unchecked: bool,
}

/// A problem at a place: `line` is 1-based, `offset` the byte offset of that line's start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub file: String,
    pub line: Option<u64>,
    pub offset: Option<u64>,
    #[serde(flatten)]
    pub kind: FindingKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// `prev` of this line is not the SHA-256 of the line before it.
    ChainBreak {
        expected: String,
        found: String,
        /// When the lines before it up to an earlier one could not be read, and `prev` is the
        /// SHA-256 of that earlier line (its number here): the lines between were inserted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        follows: Option<u64>,
    },
    /// `seq` of this line is not one more than the previous line's.
    SeqGap {
        expected: u64,
        found: u64,
    },
    /// Not one JSON object in UTF-8.
    Unparseable,
    /// Valid JSON whose envelope breaks the contract at `key`.
    BadEnvelope {
        key: String,
        problem: EnvelopeProblem,
    },
    /// The file ends with a partial line (`bytes` long at `offset`) that no writer has recovered.
    TornTail {
        offset: u64,
        bytes: u64,
    },
    /// The record's `kiosk` is not the file's kiosk, and it is not a copy of a record of that
    /// kiosk's own file.
    KioskMismatch {
        expected: String,
        found: String,
    },
    /// The same id with different content elsewhere (`other_*` is where it was seen first).
    Conflict {
        id: String,
        other_file: String,
        other_line: u64,
    },
    /// A `recovery` record whose `offset` is not where the record itself starts.
    RecoveryMismatch {
        claimed_offset: Option<u64>,
        actual_offset: u64,
    },
    /// The file does not extend the checkpoint: the line with the checkpoint's `seq` has another
    /// hash (`found_sha256`, `line` points at it), or the file ends before it (`found_sha256`
    /// is None, `last_seq` says where).
    CheckpointNotExtended {
        seq: u64,
        expected_sha256: String,
        found_sha256: Option<String>,
        last_seq: u64,
    },
    /// A file named in the checkpoint is gone.
    CheckpointFileMissing {
        seq: u64,
        sha256: String,
    },
    /// The file could not be read (`error_kind` is the `io::ErrorKind` name).
    Unreadable {
        error_kind: String,
    },
    /// A key appears twice in one object of the record: readers could take either value.
    RepeatedKey {
        key: String,
    },
    /// Something in the ledger folder named like a ledger file that is not one: a symlink, a
    /// directory, a FIFO or other special file, or a name ending in another case (`.JSONL`).
    NotALedgerFile {
        what: String,
    },
    /// A torn tail was recorded as saved aside, but the saved piece is gone or differs.
    TornPieceMissing {
        saved_as: String,
    },
    /// A seal (`file` names it) could not be read, or has no signature beside it.
    SealUnreadable,
    SealSignatureMissing,
    /// The signature does not verify, or the seal names another signer.
    SealSignatureInvalid,
    /// Signed by a key not in the trusted signers.
    SealUntrustedSigner {
        signer: String,
        /// The line of the trusted signers with a certificate of that key (a certificate
        /// does not vouch for a seal signed with the key itself).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        certificate_line: Option<usize>,
    },
    /// Seals exist but no trusted signers were given (`$DATA/seal-signers` or `--signers`).
    SealNoSigners,
    /// Trusted signers are set up but no seal was found: the seals may have been deleted.
    SealsMissing,
    /// `previous` is not the SHA-256 of the seal before (a seal removed, added or changed).
    SealChainBreak,
    /// A file the seal lists is gone.
    SealedFileMissing {
        seal: String,
        seq: u64,
        /// The seal's signature could not be checked (no trusted keys, or no signature: see
        /// `SealNoSigners`, `SealSignatureMissing`).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        unchecked: bool,
    },
    /// The file no longer begins with the bytes sealed (cut, emptied, or rewritten).
    SealedFileChanged {
        seal: String,
        seq: u64,
        bytes: u64,
        /// As for `SealedFileMissing`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        unchecked: bool,
    },
    /// A `void` naming a record no void can cancel (a person's own consent or withdrawal, or
    /// a void): readers ignore it, and no tebiki command writes one.
    VoidNotAllowed {
        target: String,
    },
    /// A record dated later than the time of checking (beyond a few minutes): a writer's clock
    /// ahead, or a forged date. Merged by date, it would count as the latest until then.
    FutureDated {
        #[serde(with = "ts_serde")]
        at: Option<Timestamp>,
    },
    /// A record appended after the latest seal, yet dated before it.
    Backdated {
        #[serde(with = "ts_serde")]
        at: Option<Timestamp>,
        seal: String,
    },
}

/// A torn tail that a writer saved aside and recorded (a crash mid-write, handled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovered {
    pub file: String,
    /// The line of the `recovery` record.
    pub line: u64,
    pub offset: u64,
    pub bytes: u64,
    pub sha256: String,
    pub saved_as: String,
    /// The saved file is beside the ledger and its SHA-256 matches.
    pub saved_found: bool,
    /// What the saved piece begins with, when it begins as a record does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub piece: Option<PieceStart>,
}

/// The start of a record read from a torn piece (cut anywhere: what is cut off is `None`).
/// A write cut short by a crash leaves such a piece, and so does cutting a record off the end
/// of the file: a piece holding a whole record's worth, dated well before the recovery, is
/// worth comparing with the receipts given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PieceStart {
    pub seq: Option<u64>,
    pub id: Option<String>,
    pub at: Option<String>,
    #[serde(rename = "type")]
    pub record_type: Option<String>,
    pub employee: Option<String>,
    /// Its `seq` and `prev` are those of the recovery record now in its place: it was the
    /// record next on the chain; `None` when the piece ends before both (cannot tell).
    pub chained: Option<bool>,
}
