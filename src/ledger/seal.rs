//! Signed seals of the ledger (ledger-format.md, "Seals"): what every ledger file held at a
//! time, signed with an Ed25519 key as an OpenSSH signature (SSHSIG), so that an auditor checks
//! it with `ssh-keygen -Y verify` and `tebiki verify` proves the files still extend it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};

use super::envelope::parse_line;
pub use super::signers::Signers;
use super::{GENESIS_PREV, LedgerError, ReadIssue, file_name_string, ledger_files, sha256};

/// The SSHSIG namespace of a seal signature.
pub const NAMESPACE: &str = "tebiki-seal";
/// The `schema` of a seal.
pub const SEAL_SCHEMA: &str = "tebiki-seal/1";
/// A record appended after a seal yet dated more than this before it is backdated; less is
/// left to clock skew and to a record stamped just before the seal and written just after.
pub const BACKDATE_GRACE_SECS: i64 = 60;

/// One seal, with its keys in the order of the format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    pub schema: String,
    pub at: String,
    pub previous: String,
    pub signer: String,
    pub files: Vec<SealedFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedFile {
    pub name: String,
    pub bytes: u64,
    pub seq: u64,
    pub last_line_sha256: String,
    pub file_sha256: String,
}

/// Why a seal could not be made.
#[derive(Debug)]
pub enum SealError {
    /// The key file could not be read or is not an OpenSSH private key.
    KeyUnreadable(String),
    /// The key is protected by a passphrase.
    KeyEncrypted,
    /// The file is a public key (`.pub`), not the private key.
    KeyPublic,
    /// The key is not Ed25519.
    KeyNotEd25519,
    Ledger(LedgerError),
    Io {
        path: PathBuf,
        source: io::Error,
    },
    /// A seal with this second's name exists already.
    Exists(PathBuf),
    Sign(String),
}

/// Reads an unencrypted Ed25519 private key in OpenSSH format (as `ssh-keygen -t ed25519 -N ''`
/// writes it).
pub fn read_key(path: &Path) -> Result<PrivateKey, SealError> {
    let text = fs::read(path).map_err(|e| SealError::KeyUnreadable(e.to_string()))?;
    if PublicKey::from_openssh(String::from_utf8_lossy(&text).trim()).is_ok() {
        return Err(SealError::KeyPublic);
    }
    let key =
        PrivateKey::from_openssh(&text).map_err(|e| SealError::KeyUnreadable(e.to_string()))?;
    if key.is_encrypted() {
        return Err(SealError::KeyEncrypted);
    }
    if key.algorithm() != ssh_key::Algorithm::Ed25519 {
        return Err(SealError::KeyNotEd25519);
    }
    Ok(key)
}

/// The fingerprint of a key as `ssh-keygen -l` prints it (`SHA256:...`).
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// What a ledger file holds up to its last complete line, and whether it still begins with
/// what `before` (the seal before's entry for it, if any) says it held.
fn describe(path: &Path, before: Option<&SealedFile>) -> io::Result<(SealedFile, bool)> {
    let mut reader = BufReader::with_capacity(1 << 20, File::open(path)?);
    let mut whole = Sha256::new();
    let mut line = Vec::new();
    let mut bytes = 0u64;
    let mut last_line: Vec<u8> = Vec::new();
    let holds = |whole: &Sha256| {
        before.is_none_or(|b| hex::encode(whole.clone().finalize()) == b.file_sha256)
    };
    let mut extends = before.is_none_or(|b| b.bytes == 0 && holds(&whole));
    loop {
        line.clear();
        reader.read_until(b'\n', &mut line)?;
        if line.last() != Some(&b'\n') {
            // The end, or a line still being written: sealed next time.
            break;
        }
        whole.update(&line);
        bytes += line.len() as u64;
        if before.is_some_and(|b| b.bytes == bytes) {
            extends = holds(&whole);
        }
        std::mem::swap(&mut last_line, &mut line);
    }
    let (last, seq) = match last_line.split_last() {
        Some((_, text)) => (
            hex::encode(sha256(text)),
            parse_line(text).ok().and_then(|env| env.seq).unwrap_or(0),
        ),
        None => (GENESIS_PREV.to_owned(), 0),
    };
    let file = SealedFile {
        name: file_name_string(path),
        bytes,
        seq,
        last_line_sha256: last,
        file_sha256: hex::encode(whole.finalize()),
    };
    Ok((file, extends))
}

/// `$DATA/seals`.
pub fn seals_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("seals")
}

/// The seal files (`*.json`) of a folder, oldest first (their names are UTC times).
pub fn seal_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if Path::new(name).extension() == Some("json".as_ref()) && !name.starts_with('.') {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// A seal written: where, and the files whose entry repeats the seal before's (see [`seal`]).
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub repeated: Vec<String>,
}

/// Writes a seal of every ledger file of `data_dir` at `now`, signed with `key`; returns the
/// path of the seal (`<stamp>.json`, its signature beside it as `<stamp>.json.sig`).
///
/// `before` is what the latest trusted seal lists. A seal vouches only for what extends it: a
/// file it lists that no longer begins with what it held, or is gone (or is no longer a
/// regular file), keeps that seal's entry in this one rather than one for what it holds now
/// (named in [`Written::repeated`]). So a rewrite stays a mismatch for every reader however
/// many seals are made after it, rather than being vouched for by the next one.
pub fn seal(
    data_dir: &Path,
    key: &PrivateKey,
    now: Timestamp,
    before: &[SealedFile],
) -> Result<Written, SealError> {
    let dir = seals_dir(data_dir);
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| SealError::Io { path, source }
    };
    fs::create_dir_all(&dir).map_err(io_err(&dir))?;
    let ledger = super::ledger_dir(data_dir);
    let paths = match ledger_files(&ledger) {
        Ok(paths) => paths,
        Err(LedgerError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Vec::new()
        }
        Err(e) => return Err(SealError::Ledger(e)),
    };
    let mut files = Vec::with_capacity(paths.len());
    let mut repeated = Vec::new();
    for path in &paths {
        // Only regular files are sealed; `tebiki verify` reports anything else.
        let regular = fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_file());
        if regular {
            let name = file_name_string(path);
            let earlier = before.iter().find(|b| b.name == name);
            let (file, extends) = describe(path, earlier).map_err(io_err(path))?;
            match earlier {
                Some(earlier) if !extends => {
                    files.push(earlier.clone());
                    repeated.push(name);
                }
                _ => files.push(file),
            }
        }
    }
    // Sealed before, and gone (or no longer a regular file) since.
    for earlier in before {
        if !files.iter().any(|f| f.name == earlier.name) {
            files.push(earlier.clone());
            repeated.push(earlier.name.clone());
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let previous = match seal_files(&dir).map_err(io_err(&dir))?.last() {
        Some(last) => hex::encode(sha256(&fs::read(last).map_err(io_err(last))?)),
        None => GENESIS_PREV.to_owned(),
    };
    let now = now.round(jiff::Unit::Millisecond).unwrap_or(now);
    let seal = Seal {
        schema: SEAL_SCHEMA.to_owned(),
        at: now.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
        previous,
        signer: fingerprint(key.public_key()),
        files,
    };
    let mut text = serde_json::to_string(&seal).map_err(|e| SealError::Sign(e.to_string()))?;
    text.push('\n');
    let sig = key
        .sign(NAMESPACE, HashAlg::Sha512, text.as_bytes())
        .and_then(|sig| sig.to_pem(LineEnding::LF))
        .map_err(|e| SealError::Sign(e.to_string()))?;
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    let path = dir.join(format!("{stamp}.json"));
    let sig_path = dir.join(format!("{stamp}.json.sig"));
    // The signature first, then the seal, whole (written aside and renamed into place): a
    // reader never finds the newest seal without its signature, or half written, while one
    // is being made (readers say when the newest seal is not signed).
    if path.exists() {
        return Err(SealError::Exists(path));
    }
    write_new(&sig_path, sig.as_bytes()).map_err(|source| {
        if source.kind() == io::ErrorKind::AlreadyExists {
            SealError::Exists(path.clone())
        } else {
            SealError::Io {
                path: sig_path.clone(),
                source,
            }
        }
    })?;
    let aside = dir.join(format!(".{stamp}.json.new"));
    let _ = fs::remove_file(&aside);
    write_new(&aside, text.as_bytes()).map_err(io_err(&aside))?;
    fs::rename(&aside, &path).map_err(io_err(&path))?;
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(Written { path, repeated })
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// A seal read back, with what its checks found.
#[derive(Debug, Clone)]
pub struct ReadSeal {
    /// Where it was read, e.g. `seals/20261129T230000Z.json`.
    pub name: String,
    pub seal: Option<Seal>,
    pub at: Option<Timestamp>,
    pub problem: Option<SealProblem>,
    /// SHA-256 of the seal file.
    pub sha256: [u8; 32],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SealProblem {
    Unreadable,
    SignatureMissing,
    SignatureInvalid,
    /// Signed by a key not trusted for the seal (its fingerprint), and the line of
    /// seal-signers with a certificate of that key, if any.
    UntrustedSigner(String, Option<usize>),
    NoSigners,
}

/// Reads the seals of `dirs` (the same name in several folders is read once, from the first
/// that has it) and checks each signature against `signers`. The last of `dirs` is the data
/// folder's own (its seals are named `seals/<name>`); a seal read from another folder (an
/// auditor's copy, `--seals`) is named with that folder, so that what is said of it points
/// to the file that was read.
pub fn read_seals(dirs: &[PathBuf], signers: Option<&Signers>) -> Vec<ReadSeal> {
    let mut seen: Vec<String> = Vec::new();
    let mut all: Vec<(String, PathBuf, String)> = Vec::new();
    for (n, dir) in dirs.iter().enumerate() {
        for path in seal_files(dir).unwrap_or_default() {
            let name = file_name_string(&path);
            if !seen.contains(&name) {
                seen.push(name.clone());
                let shown = if n + 1 == dirs.len() {
                    format!("seals/{name}")
                } else {
                    path.display().to_string()
                };
                all.push((name, path, shown));
            }
        }
    }
    all.sort();
    all.into_iter()
        .map(|(_, path, shown)| read_one(&path, shown, signers))
        .collect()
}

fn read_one(path: &Path, name: String, signers: Option<&Signers>) -> ReadSeal {
    let mut out = ReadSeal {
        name,
        seal: None,
        at: None,
        problem: None,
        sha256: [0; 32],
    };
    let Ok(bytes) = fs::read(path) else {
        out.problem = Some(SealProblem::Unreadable);
        return out;
    };
    out.sha256 = sha256(&bytes);
    out.seal = serde_json::from_slice::<Seal>(&bytes)
        .ok()
        .filter(|s| s.schema == SEAL_SCHEMA);
    out.at = out.seal.as_ref().and_then(|s| s.at.parse().ok());
    if out.seal.is_none() || out.at.is_none() {
        out.problem = Some(SealProblem::Unreadable);
        return out;
    }
    let mut sig_path = path.as_os_str().to_owned();
    sig_path.push(".sig");
    let sig = fs::read(PathBuf::from(sig_path))
        .ok()
        .and_then(|pem| SshSig::from_pem(pem).ok());
    let Some(sig) = sig else {
        out.problem = Some(SealProblem::SignatureMissing);
        return out;
    };
    // A file listing no key (nor a certificate to point at) is no trusted key, as readers
    // take it: not a signer that is not trusted.
    let Some(signers) = signers.filter(|s| !s.keys.is_empty() || !s.certificates.is_empty()) else {
        out.problem = Some(SealProblem::NoSigners);
        return out;
    };
    let key = signers
        .keys
        .iter()
        .find(|k| k.key_data() == sig.public_key())
        .filter(|_| signers.trusts_at(sig.public_key(), out.at));
    out.problem = match key {
        None => Some(SealProblem::UntrustedSigner(
            sig.public_key().fingerprint(HashAlg::Sha256).to_string(),
            // Named only when no plain line lists the key (one outside its time window,
            // say, is another matter).
            signers
                .keys
                .iter()
                .all(|k| k.key_data() != sig.public_key())
                .then(|| signers.certificate_line_of(sig.public_key()))
                .flatten(),
        )),
        Some(key) => match key.verify(NAMESPACE, &bytes, &sig) {
            Ok(())
                if out
                    .seal
                    .as_ref()
                    .is_some_and(|s| s.signer == fingerprint(key)) =>
            {
                None
            }
            _ => Some(SealProblem::SignatureInvalid),
        },
    };
    out
}

/// The SHA-256 of the first `n` bytes of `path` for each `n` of `offsets` (ascending); `None`
/// for an offset past the end of the file. One read of the file.
pub fn prefix_hashes(path: &Path, offsets: &[u64]) -> io::Result<Vec<Option<[u8; 32]>>> {
    let mut out = vec![None; offsets.len()];
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut pos = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    let mut next = 0;
    loop {
        while next < order.len() && offsets[order[next]] == pos {
            out[order[next]] = Some(hasher.clone().finalize().into());
            next += 1;
        }
        if next == order.len() {
            return Ok(out);
        }
        let want = (offsets[order[next]] - pos).min(buf.len() as u64) as usize;
        let n = match file.read(&mut buf[..want]) {
            Ok(0) => return Ok(out),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        hasher.update(&buf[..n]);
        pos += n as u64;
    }
}

/// `$DATA/seal-signers`: the keys whose seals are trusted.
pub fn signers_path(data_dir: &Path) -> PathBuf {
    data_dir.join("seal-signers")
}

/// The newest seal in `$DATA/seals` of the data folder holding `ledger_dir`, and its time (as
/// the seal says it; its signature is not checked: this only keeps writers from dating records
/// before it, see [`LedgerError::ClockBehindSeal`]).
pub fn newest_seal_time(ledger_dir: &Path) -> Option<(PathBuf, Timestamp)> {
    let path = seal_files(&seals_dir(ledger_dir.parent()?)).ok()?.pop()?;
    let text = fs::read(&path).ok()?;
    let at = serde_json::from_slice::<Seal>(&text)
        .ok()?
        .at
        .parse()
        .ok()?;
    Some((path, at))
}

/// What readers check of the latest seal before they read:
/// for the latest seal in `$DATA/seals` whose signature a key of `$DATA/seal-signers` checks
/// (none without that file), every file it lists is still there, at least as long as sealed,
/// with the sealed last line ending where the seal says, byte for byte (its SHA-256). With the
/// chain checks readers make as they read, that line vouches for every line before it. Each
/// file that fails is one [`ReadIssue::SealMismatch`]. Cheap: one signature and a line per
/// file. `tebiki verify` checks every seal in full.
pub fn sealed_head_issues(ledger_dir: &Path) -> Vec<ReadIssue> {
    sealed_heads(ledger_dir).0
}

/// What the latest trusted seal says of records written after it: each file's sealed length
/// (0 for a file it does not list) and the seal's time. A record past its file's sealed
/// length, yet dated more than [`BACKDATE_GRACE_SECS`] before the seal, was added after the
/// seal and dated back: readers do not use it ([`ReadIssue::Backdated`]).
#[derive(Debug, Clone, Default)]
pub struct SealFloor {
    /// `seals/<name>`, as readers name the seal.
    pub seal: String,
    /// Records dated before this and not covered by the seal are backdated.
    pub before: Option<Timestamp>,
    /// Per ledger file name, how many of its bytes the seal covers.
    pub covered: std::collections::HashMap<String, u64>,
}

impl SealFloor {
    /// How many bytes of `file` the seal covers (0 for a file it does not list).
    pub fn covered_of(&self, file: &Path) -> u64 {
        file.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| self.covered.get(n))
            .copied()
            .unwrap_or(0)
    }

    /// Whether a record of `file` at byte `offset`, dated `at`, was dated back past the seal.
    pub fn backdated(&self, file: &Path, offset: u64, at: Timestamp) -> bool {
        self.before.is_some_and(|before| at < before) && offset >= self.covered_of(file)
    }
}

/// With no trusted seal key (`$DATA/seal-signers` missing, or listing none), nothing the
/// seals vouch for can be checked. When there is a seal (signed or not: `tebiki seal` always
/// signs, so one without its signature had it deleted), the ledger was sealed: the keys were
/// deleted (to hide a rewrite, say) or not yet added, which the newest seal then says
/// ([`ReadIssue::SealsUnchecked`]). Without any seal, sealing is
/// not in use (or every seal was deleted, which only the auditors' copy can show), and nothing
/// is said.
fn sealed_without_signers(data_dir: &Path) -> Vec<ReadIssue> {
    let seals = seal_files(&seals_dir(data_dir)).unwrap_or_default();
    seals
        .last()
        .map(|newest| ReadIssue::SealsUnchecked {
            file: signers_path(data_dir),
            seal: format!("seals/{}", file_name_string(newest)),
        })
        .into_iter()
        .collect()
}

/// [`sealed_head_issues`] and the [`SealFloor`] of the same seal (an empty floor without one).
pub fn sealed_heads(ledger_dir: &Path) -> (Vec<ReadIssue>, SealFloor) {
    let none = || (Vec::new(), SealFloor::default());
    let Some(data_dir) = ledger_dir.parent() else {
        return none();
    };
    let signers = fs::read_to_string(signers_path(data_dir))
        .map(|text| Signers::parse(&text))
        .ok();
    // A mistyped line is told, not read as no key: the key it was meant to hold is not used.
    let mut issues: Vec<ReadIssue> = signers
        .iter()
        .flat_map(|signers| &signers.bad_lines)
        .map(|&line| ReadIssue::SignersLine {
            file: signers_path(data_dir),
            line: line as u64,
        })
        .collect();
    let Some(signers) = signers.filter(|signers| !signers.keys.is_empty()) else {
        issues.extend(sealed_without_signers(data_dir));
        return (issues, SealFloor::default());
    };
    let seals = seal_files(&seals_dir(data_dir)).unwrap_or_default();
    let Some(newest) = seals.last() else {
        // Sealing is set up, yet there is no seal: deleted with a rewrite, say.
        issues.push(ReadIssue::SealNotTrusted {
            file: seals_dir(data_dir),
            seal: None,
        });
        return (issues, SealFloor::default());
    };
    // The newest seal first: usually the only one whose signature is checked.
    let latest = seals
        .iter()
        .rev()
        .map(|path| {
            let seal = read_one(
                path,
                format!("seals/{}", file_name_string(path)),
                Some(&signers),
            );
            (path, seal)
        })
        // Named by its own time, as `tebiki seal` names it: an older seal copied to a later
        // name is not taken for the latest (`tebiki verify` checks every seal in full).
        .find(|(path, s)| {
            s.problem.is_none()
                && s.at.is_some_and(|at| {
                    path.file_stem().and_then(|n| n.to_str())
                        == Some(at.strftime("%Y%m%dT%H%M%SZ").to_string().as_str())
                })
        });
    if latest.as_ref().is_none_or(|(path, _)| *path != newest) {
        // The newest is unsigned, signed by another key, or misnamed: an older trusted seal
        // (if any) is still checked below.
        issues.push(ReadIssue::SealNotTrusted {
            file: newest.clone(),
            seal: Some(format!("seals/{}", file_name_string(newest))),
        });
    }
    let Some((name, seal)) = latest.and_then(|(_, s)| Some((s.name, s.seal?))) else {
        return (issues, SealFloor::default());
    };
    let grace = jiff::SignedDuration::from_secs(BACKDATE_GRACE_SECS);
    let mut floor = SealFloor {
        seal: name.clone(),
        before: seal
            .at
            .parse::<Timestamp>()
            .ok()
            .and_then(|at| at.checked_sub(grace).ok()),
        covered: std::collections::HashMap::new(),
    };
    for f in &seal.files {
        // A name that is not a plain file name is not one of the ledger's.
        if f.name.contains(['/', '\\']) || f.name.starts_with('.') {
            continue;
        }
        let path = ledger_dir.join(&f.name);
        let holds = sealed_line_holds(&path, f);
        // In a file that no longer holds what was sealed, where the sealed part ends is not
        // known (a line inserted or removed moves it): none of its records is taken for one
        // added after the seal, the mismatch being told instead.
        floor
            .covered
            .insert(f.name.clone(), if holds { f.bytes } else { u64::MAX });
        if !holds {
            issues.push(ReadIssue::SealMismatch {
                file: path,
                line: f.seq,
                seal: name.clone(),
                seq: f.seq,
            });
        }
    }
    (issues, floor)
}

/// Whether the file at `path` still holds the sealed last line of `f`, ending at `f.bytes`.
fn sealed_line_holds(path: &Path, f: &SealedFile) -> bool {
    use std::io::{Read, Seek, SeekFrom};
    // A regular file, looked at before it is opened (opening a FIFO would wait).
    let regular = fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() >= f.bytes);
    if !regular {
        return false;
    }
    if f.bytes == 0 {
        return true;
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    // Back from the sealed end, a block at a time, to the `\n` before the sealed last line;
    // then that line is hashed forward, a block at a time: memory stays flat however long the
    // line a changed file holds there.
    let end = f.bytes - 1;
    let mut block = vec![0u8; 64 * 1024];
    let mut at = end;
    let start = loop {
        let from = at.saturating_sub(block.len() as u64);
        let piece = &mut block[..(at - from) as usize];
        if file.seek(SeekFrom::Start(from)).is_err() || file.read_exact(piece).is_err() {
            return false;
        }
        match piece.iter().rposition(|&b| b == b'\n') {
            Some(i) => break from + i as u64 + 1,
            None if from == 0 => break 0,
            None => at = from,
        }
    };
    let mut hasher = Sha256::new();
    let mut left = end - start;
    if file.seek(SeekFrom::Start(start)).is_err() {
        return false;
    }
    while left > 0 {
        let piece = &mut block[..left.min(64 * 1024) as usize];
        if file.read_exact(piece).is_err() {
            return false;
        }
        hasher.update(&*piece);
        left -= piece.len() as u64;
    }
    let mut newline = [0u8; 1];
    let ends = file.read_exact(&mut newline).is_ok() && newline[0] == b'\n';
    ends && hex::encode(hasher.finalize()) == f.last_line_sha256
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed(text: &[u8], last: &[u8]) -> SealedFile {
        SealedFile {
            name: "k.jsonl".into(),
            bytes: text.len() as u64,
            seq: 1,
            last_line_sha256: hex::encode(sha256(last)),
            file_sha256: String::new(),
        }
    }

    /// The sealed last line is found back from the sealed end, whether it is the first line
    /// of its file or longer than a block, and only those bytes, ending in `\n`, hold.
    #[test]
    fn the_sealed_last_line_is_checked_wherever_it_starts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k.jsonl");
        let long = vec![b'x'; 200 * 1024];
        for (text, last) in [
            (b"abc\n".to_vec(), b"abc".to_vec()),
            ([b"first\n".as_slice(), &long, b"\n"].concat(), long.clone()),
            ([long.as_slice(), b"\nlast\n"].concat(), b"last".to_vec()),
        ] {
            let f = sealed(&text, &last);
            fs::write(&path, &text).unwrap();
            assert!(sealed_line_holds(&path, &f));
            // Appended to: still holds.
            fs::write(&path, [text.as_slice(), b"more\n"].concat()).unwrap();
            assert!(sealed_line_holds(&path, &f));
            // One byte of the last line changed, or the file cut short: no longer.
            let mut changed = text.clone();
            let at = changed.len() - 2;
            changed[at] ^= 1;
            fs::write(&path, &changed).unwrap();
            assert!(!sealed_line_holds(&path, &f));
            fs::write(&path, &text[..text.len() - 1]).unwrap();
            assert!(!sealed_line_holds(&path, &f));
        }
        fs::remove_file(&path).unwrap();
        assert!(!sealed_line_holds(&path, &sealed(b"abc\n", b"abc")));
    }
}
