//! Checking one ledger file: each line's envelope, its chain and its sequence.

use super::*;
use crate::ledger::envelope::Occurred;

/// The envelope of a line: by the writer-form scanner when the line has that form, else by the
/// general parser (which judges every other line); `None` when it is not one JSON object in
/// UTF-8.
pub(super) fn read_envelope<'a>(line: &'a [u8], members: &mut Vec<Member>) -> Option<Envelope<'a>> {
    if let Some(scanned) = scan_record(line, members)
        && scanned.end == line.len()
    {
        return Some(scanned.env);
    }
    // Not the writer's form: no members noted (see [`occurred_at`]).
    members.clear();
    std::str::from_utf8(line).ok()?;
    parse_line(line).ok()
}

/// Calls `each` with every complete line of `file` (without its `\n`) and its offset, up to
/// `limit` lines; reads in large blocks, so it is bound by the hashing and parsing of the
/// lines, not by system calls. A last line without `\n` is waited for (a writer may be
/// mid-append) and then given to `torn` as its offset and length.
pub(super) fn each_line(
    file: &File,
    limit: Option<u64>,
    mut each: impl FnMut(&[u8], u64),
    mut torn: impl FnMut(u64, u64),
) -> io::Result<()> {
    let mut file = file;
    let mut buf = vec![0u8; READ_BUFFER];
    let (mut start, mut filled) = (0usize, 0usize);
    let mut offset = 0u64;
    let mut lines = 0u64;
    let mut settles = 0;
    // Bytes read since the last wait for a writer.
    let mut fresh = 0;
    loop {
        while let Some(nl) = memchr::memchr(b'\n', &buf[start..filled]) {
            if limit.is_some_and(|l| lines >= l) {
                return Ok(());
            }
            each(&buf[start..start + nl], offset);
            lines += 1;
            offset += nl as u64 + 1;
            start += nl + 1;
            settles = 0;
            fresh = 0;
        }
        if limit.is_some_and(|l| lines >= l) {
            return Ok(());
        }
        if start > 0 {
            buf.copy_within(start..filled, 0);
            filled -= start;
            start = 0;
        }
        if filled == buf.len() {
            // A line longer than the buffer.
            buf.resize(buf.len() * 2, 0);
        }
        let n = match file.read(&mut buf[filled..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        filled += n;
        fresh += n;
        if n > 0 {
            continue;
        }
        if filled == 0 {
            return Ok(());
        }
        // A writer may be mid-append: once it is done, the line may be whole.
        if settles == 0 || (fresh > 0 && settles < SETTLE_TRIES) {
            settles += 1;
            fresh = 0;
            wait_for_writers(file, SETTLE_WAIT);
            continue;
        }
        torn(offset, filled as u64);
        return Ok(());
    }
}

/// Per-file progress of the line checks.
pub(super) struct FileCheck<'a> {
    pub(super) shared: &'a Shared<'a>,
    pub(super) idx: u32,
    pub(super) name: &'a str,
    pub(super) kiosk: Option<&'a str>,
    pub(super) line: u64,
    /// Lines that could not be read as a record.
    pub(super) not_records: u64,
    pub(super) offset: u64,
    pub(super) prev_hash: [u8; 32],
    pub(super) next_seq: u64,
    pub(super) last_seq: u64,
    /// The last line that could be read as a record: its number, its SHA-256, and the `seq`
    /// expected after it.
    pub(super) last_read: Option<(u64, [u8; 32], u64)>,
    pub(super) first_at: Option<Timestamp>,
    pub(super) last_at: Option<Timestamp>,
    pub(super) checkpoint: Option<&'a CheckpointEntry>,
    pub(super) checkpoint_hash: Option<[u8; 32]>,
    pub(super) checkpoint_met: bool,
    /// The first line carrying the checkpoint's seq, else the line at that position: where to
    /// point when the checkpoint is not met.
    pub(super) checkpoint_line: Option<(u64, u64, [u8; 32])>,
    pub(super) checkpoint_position: Option<(u64, u64, [u8; 32])>,
    /// After `recovery` records: the offset they name and where the last one ends. Pieces saved
    /// at one offset are recorded back to back, each naming that offset.
    pub(super) recovery_run: Option<(u64, u64)>,
    pub(super) members: Vec<Member>,
    pub(super) findings: Vec<(Finding, u8)>,
    pub(super) recovered: Vec<Recovered>,
    pub(super) ids: Vec<u128>,
    /// For the backdating check: per seal, the bytes of this file it covers, sorted, each with
    /// the latest time (and that seal's index) among the seals covering at most as much.
    pub(super) backdate_steps: Vec<(u64, Timestamp, usize)>,
    /// The records no void can cancel (a person's own decisions, voids), each by the low 64
    /// bits of its id (random in a UUID v7: compact, and enough to match a void's target).
    pub(super) not_voidable: Vec<u64>,
    /// Each `void`: the id it names, and where the void is (line, offset).
    pub(super) voids: Vec<(u128, u64, u64)>,
    pub(super) misplaced: Vec<Misplaced>,
    pub(super) backdated: Vec<HeldBackdated>,
}

pub(super) fn check_file(shared: &Shared<'_>, path: &Path, idx: u32) -> FileOut {
    let name = shared.names[idx as usize].as_str();
    let checkpoint = shared.checkpoint.and_then(|cp| cp.get(name));
    let checkpoint_hash = checkpoint.and_then(|e| parse_hash(&e.sha256));
    let mut steps: Vec<(u64, Timestamp, usize)> = shared
        .bases
        .iter()
        .enumerate()
        .map(|(i, (at, _, files))| (files.get(name).map_or(0, |&(bytes, _)| bytes), *at, i))
        .collect();
    steps.sort_by_key(|s| s.0);
    for k in 1..steps.len() {
        if steps[k].1 < steps[k - 1].1 {
            (steps[k].1, steps[k].2) = (steps[k - 1].1, steps[k - 1].2);
        }
    }
    let mut fc = FileCheck {
        shared,
        idx,
        name,
        kiosk: kiosk_of_file(path),
        line: 0,
        not_records: 0,
        offset: 0,
        prev_hash: [0; 32],
        next_seq: 1,
        last_seq: 0,
        last_read: None,
        first_at: None,
        last_at: None,
        checkpoint,
        checkpoint_hash,
        checkpoint_met: checkpoint.is_some_and(|e| e.seq == 0 && e.sha256 == GENESIS_PREV),
        checkpoint_line: None,
        checkpoint_position: None,
        recovery_run: None,
        members: Vec::new(),
        findings: Vec::new(),
        recovered: Vec::new(),
        ids: Vec::new(),
        backdate_steps: steps,
        not_voidable: Vec::new(),
        voids: Vec::new(),
        misplaced: Vec::new(),
        backdated: Vec::new(),
    };
    let mut torn = None;
    let read = File::open(path).and_then(|file| {
        each_line(
            &file,
            None,
            |line, _| fc.check_line(line),
            |offset, bytes| torn = Some((offset, bytes)),
        )
    });
    if let Some((offset, bytes)) = torn {
        fc.finding(
            Some(fc.line + 1),
            Some(offset),
            FindingKind::TornTail { offset, bytes },
            PHASE_FILE,
        );
    }
    if let Err(e) = read {
        fc.finding(
            None,
            None,
            FindingKind::Unreadable {
                error_kind: format!("{:?}", e.kind()),
            },
            PHASE_FILE,
        );
    }
    if let (Some(entry), false) = (fc.checkpoint, fc.checkpoint_met) {
        let (line, offset, found) = match fc.checkpoint_line.or(fc.checkpoint_position) {
            Some((line, offset, hash)) => (Some(line), Some(offset), Some(hex::encode(hash))),
            None => (None, None, None),
        };
        fc.finding(
            line,
            offset,
            FindingKind::CheckpointNotExtended {
                seq: entry.seq,
                expected_sha256: entry.sha256.clone(),
                found_sha256: found,
                last_seq: fc.last_seq,
            },
            PHASE_FILE,
        );
    }
    let bytes = std::fs::metadata(path).map_or(fc.offset, |m| m.len());
    let sealed = shared.basis.as_ref().and_then(|(at, seal, files)| {
        files.get(name).map(|&(_, seq)| SealMark {
            seq,
            at: at.to_string(),
            seal: seal.clone(),
            unchecked: shared.basis_unchecked,
        })
    });
    fc.ids.sort_unstable();
    FileOut {
        summary: FileSummary {
            file: name.to_owned(),
            records: fc.line,
            not_records: fc.not_records,
            first_at: fc.first_at,
            last_at: fc.last_at,
            last_seq: fc.last_seq,
            sealed,
            copy_of: Vec::new(),
            head_sha256: hex::encode(fc.prev_hash),
            bytes,
        },
        findings: fc.findings,
        recovered: fc.recovered,
        ids: fc.ids,
        misplaced: fc.misplaced,
        backdated: fc.backdated,
        not_voidable: {
            let mut ids = fc.not_voidable;
            ids.sort_unstable();
            ids.shrink_to_fit();
            ids
        },
        voids: fc.voids,
    }
}

impl FileCheck<'_> {
    pub(super) fn check_line(&mut self, line: &[u8]) {
        self.line += 1;
        let start = self.offset;
        self.offset += line.len() as u64 + 1;
        let hash = sha256(line);
        let here = (Some(self.line), Some(start));
        let mut members = std::mem::take(&mut self.members);
        match read_envelope(line, &mut members) {
            None => {
                self.not_records += 1;
                self.finding(here.0, here.1, FindingKind::Unparseable, PHASE_LINE);
                // Assume the broken line held the next seq, so one bad line is one finding.
                self.next_seq += 1;
            }
            Some(env) => {
                // When it happened, for the backdating check (only past a seal).
                let occurred = if self.uncovered(start) {
                    crate::ledger::envelope::occurred_at(line, &members)
                } else {
                    None
                };
                // When it happened, as readers date and order it by: checked against the
                // future as `at` is, and for being a time at all.
                let stated = crate::ledger::envelope::occurred_check(
                    line,
                    &members,
                    self.shared.future,
                    &self.shared.future_text,
                );
                self.check_envelope(line, env, hash, start, (occurred, stated));
                self.last_read = Some((self.line, hash, self.next_seq));
            }
        }
        self.members = members;
        if self.checkpoint.is_some_and(|e| e.seq == self.line) {
            self.checkpoint_position = Some((self.line, start, hash));
        }
        self.prev_hash = hash;
    }

    pub(super) fn check_envelope(
        &mut self,
        line: &[u8],
        env: Envelope<'_>,
        hash: [u8; 32],
        start: u64,
        (occurred, stated): (Option<Timestamp>, Occurred),
    ) {
        let here = (Some(self.line), Some(start));
        if let Some((key, problem)) = env.problem {
            let kind = FindingKind::BadEnvelope {
                key: key.to_owned(),
                problem,
            };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        if let Some(key) = &env.repeated {
            let kind = FindingKind::RepeatedKey { key: key.clone() };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        if let Some(prev) = env.prev.filter(|p| *p != self.prev_hash) {
            // After lines that could not be read, a `prev` naming the last line that could says
            // those lines were inserted: the seq goes on from that line's.
            let follows = self
                .last_read
                .filter(|(n, h, _)| *n + 1 < self.line && *h == prev);
            if let Some((_, _, seq)) = follows {
                self.next_seq = seq;
            }
            let kind = FindingKind::ChainBreak {
                expected: hex::encode(self.prev_hash),
                found: hex::encode(prev),
                follows: follows.map(|(n, ..)| n),
            };
            self.finding(here.0, here.1, kind, PHASE_LINE);
        }
        match env.seq {
            Some(seq) => {
                if seq != self.next_seq {
                    let kind = FindingKind::SeqGap {
                        expected: self.next_seq,
                        found: seq,
                    };
                    self.finding(here.0, here.1, kind, PHASE_LINE);
                }
                // Resynchronise so a gap is reported once, not on every later line.
                self.next_seq = seq.saturating_add(1);
                self.last_seq = seq;
            }
            None => self.next_seq += 1,
        }
        let mut short = [0u8; 16];
        short.copy_from_slice(&hash[..16]);
        if let Some(at) = env.at {
            // When it happened (`occurred_at`), as readers order and filter by it, is checked
            // as `at` is: else a record appended now could say it happened before a seal.
            let when = occurred.filter(|o| *o < at).unwrap_or(at);
            self.backdated(when, start, env.id, short);
            if at > self.shared.future {
                let kind = FindingKind::FutureDated { at: Some(at) };
                self.finding(here.0, here.1, kind, PHASE_LINE);
            } else {
                match stated {
                    Occurred::Ahead(at) => {
                        let kind = FindingKind::FutureDated { at: Some(at) };
                        self.finding(here.0, here.1, kind, PHASE_LINE);
                    }
                    Occurred::NotATime => {
                        let kind = FindingKind::BadEnvelope {
                            key: "occurred_at".to_owned(),
                            problem: crate::ledger::EnvelopeProblem::Invalid,
                        };
                        self.finding(here.0, here.1, kind, PHASE_LINE);
                    }
                    Occurred::Absent | Occurred::Fine => {}
                }
            }
            self.first_at = Some(self.first_at.map_or(at, |t| t.min(at)));
            self.last_at = Some(self.last_at.map_or(at, |t| t.max(at)));
        }
        let home = match (&env.kiosk, self.kiosk) {
            (Some(k), Some(own)) => k == own,
            _ => true,
        };
        if let Some(id) = env.id {
            self.ids.push(id.as_u128());
            let record_type = env.record_type.as_deref().unwrap_or("");
            if crate::state::NOT_VOIDABLE.contains(&record_type) {
                self.not_voidable.push(id.as_u64_pair().1);
            }
            if record_type == "void"
                && let Some(target) = serde_json::from_slice::<serde_json::Value>(line)
                    .ok()
                    .as_ref()
                    .and_then(|v| v.get("voids"))
                    .and_then(serde_json::Value::as_str)
                    .and_then(|t| uuid::Uuid::parse_str(t).ok())
            {
                self.voids.push((target.as_u128(), self.line, start));
            }
        }
        if !home && let Some(k) = &env.kiosk {
            self.misplaced.push(Misplaced {
                file: self.idx,
                line: self.line,
                offset: start,
                id: env.id,
                hash: short,
                kiosk: k.to_string(),
            });
        }
        if env.record_type.as_deref() == Some(RECOVERY_TYPE) {
            let offset = self.recovered(line, start);
            self.recovery_run = Some((offset, start + line.len() as u64 + 1));
        } else {
            self.recovery_run = None;
        }
        if let (Some(entry), Some(seq)) = (self.checkpoint, env.seq)
            && seq == entry.seq
        {
            if Some(hash) == self.checkpoint_hash {
                self.checkpoint_met = true;
            } else if self.checkpoint_line.is_none() {
                self.checkpoint_line = Some((self.line, start, hash));
            }
        }
    }

    /// Lists a recovery record and checks where it says the torn bytes were; returns that offset.
    pub(super) fn recovered(&mut self, line: &[u8], start: u64) -> u64 {
        let value: serde_json::Value = serde_json::from_slice(line).unwrap_or_default();
        let field_u64 = |k: &str| value.get(k).and_then(serde_json::Value::as_u64);
        let field_str = |k: &str| value.get(k).and_then(|v| v.as_str()).unwrap_or("");
        let offset = field_u64("offset");
        // Right after other recovery records naming the same offset is where it belongs too.
        let continues_run = matches!(
            (self.recovery_run, offset),
            (Some((named, end)), Some(o)) if o == named && end == start
        );
        if offset != Some(start) && !continues_run {
            let kind = FindingKind::RecoveryMismatch {
                claimed_offset: offset,
                actual_offset: start,
            };
            self.finding(Some(self.line), Some(start), kind, PHASE_AFTER_ID);
        }
        let saved_as = field_str("saved_as").to_owned();
        let sha = field_str("sha256").to_owned();
        let bytes = field_u64("bytes").unwrap_or(0);
        // Only a plain name beside the ledger: the record must not point the check elsewhere.
        let saved = is_safe_name(&saved_as)
            .then(|| std::fs::read(self.shared.dir.join(&saved_as)).ok())
            .flatten()
            .filter(|data| data.len() as u64 == bytes && hex::encode(sha256(data)) == sha);
        let saved_found = saved.is_some();
        let piece = saved.as_deref().and_then(|data| {
            super::piece::read(
                data,
                field_u64("seq"),
                value.get("prev").and_then(serde_json::Value::as_str),
            )
        });
        if !saved_found {
            let kind = FindingKind::TornPieceMissing {
                saved_as: saved_as.clone(),
            };
            self.finding(Some(self.line), Some(start), kind, PHASE_AFTER_ID);
        }
        self.recovered.push(Recovered {
            file: self.name.to_owned(),
            line: self.line,
            offset: offset.unwrap_or(start),
            bytes,
            sha256: sha,
            saved_as,
            saved_found,
            piece,
        });
        offset.unwrap_or(start)
    }

    /// Whether a seal was made that does not cover the record at `start` (see
    /// [`FileCheck::backdated`]).
    pub(super) fn uncovered(&self, start: u64) -> bool {
        self.backdate_steps.iter().any(|s| s.0 <= start)
    }

    /// A record past what the latest seal covers of its file, dated before that seal.
    /// A record at `start` that a seal does not cover must not be dated before that seal
    /// (less a grace for clocks): it was added after it. Checked against the latest seal that
    /// does not cover it, so that a later seal, which covers it, does not make it look sound.
    /// Held until every file is read (see [`super::HeldBackdated`]).
    pub(super) fn backdated(
        &mut self,
        at: Timestamp,
        start: u64,
        id: Option<Uuid>,
        hash: [u8; 16],
    ) {
        let steps = &self.backdate_steps;
        let Some(&(_, seal_at, seal)) = steps[..steps.partition_point(|s| s.0 <= start)].last()
        else {
            return;
        };
        let grace = jiff::SignedDuration::from_secs(BACKDATE_GRACE_SECS);
        if seal_at.checked_sub(grace).is_ok_and(|limit| at < limit) {
            let kind = FindingKind::Backdated {
                at: Some(at),
                seal: self.shared.bases[seal].1.clone(),
            };
            self.backdated.push(HeldBackdated {
                finding: finding_at(self.name, Some(self.line), Some(start), kind),
                file: self.idx,
                id,
                hash,
            });
        }
    }

    pub(super) fn finding(
        &mut self,
        line: Option<u64>,
        offset: Option<u64>,
        kind: FindingKind,
        phase: u8,
    ) {
        self.findings
            .push((finding_at(self.name, line, offset, kind), phase));
    }
}
