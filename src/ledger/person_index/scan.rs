//! Bringing the index up to the ledger: which files changed, and the people of each new line.

use super::*;

/// The files as they are now, after reading what was added since the index was saved.
pub(super) struct Refreshed {
    pub(super) files: Vec<FileState>,
    pub(super) next_slot: u32,
    /// Entries of the lines read now.
    pub(super) added: Vec<Entry>,
    /// Whether anything differs from what was saved.
    pub(super) changed: bool,
    /// A file ends with a line still incomplete after waiting for writers: read the whole
    /// ledger (which reports it), and save nothing about it.
    pub(super) torn: bool,
}

pub(super) fn refresh(ledger: &Path, saved: &Saved) -> Option<Refreshed> {
    let names = ledger_files(ledger).ok()?;
    let mut out = Refreshed {
        files: Vec::with_capacity(names.len()),
        next_slot: saved.next_slot,
        added: Vec::new(),
        changed: names.len() != saved.files.len(),
        torn: false,
    };
    for path in names {
        let name = crate::ledger::file_name_string(&path);
        let file = File::open(&path).ok()?;
        let meta = file.metadata().ok()?;
        let (dev, ino) = dev_ino(&meta);
        let (_, changed) = crate::ledger::file_stamp(&meta);
        let known = saved.files.iter().find(|f| f.name == name);
        let mut state = match known {
            // Written to without growing: a line may have been changed in place.
            Some(f)
                if f.dev == dev
                    && f.ino == ino
                    && (meta.len() > f.size || f.changed_at == changed)
                    && still_there(&file, meta.len(), f) =>
            {
                f.clone()
            }
            _ => {
                out.changed = true;
                let slot = out.next_slot;
                out.next_slot = out.next_slot.checked_add(1)?;
                FileState::new(name, slot, dev, ino)
            }
        };
        if !state.irregular && meta.len() > state.size {
            let before = state.size;
            let torn = index_from(&file, &mut state, &mut out.added).ok()?;
            out.torn |= torn;
            out.changed |= state.size != before || state.irregular;
        }
        if state.changed_at != changed {
            state.changed_at = changed;
            out.changed = true;
        }
        out.files.push(state);
    }
    Some(out)
}

/// Whether the file still holds what was indexed of it: at least as long, and the last line
/// indexed still there with its hash.
pub(super) fn still_there(file: &File, len: u64, f: &FileState) -> bool {
    if len < f.size {
        return false;
    }
    if f.lines == 0 {
        return f.size == 0;
    }
    let mut line = vec![0u8; f.last_len as usize + 1];
    if read_exact_at(file, f.last_offset, &mut line).is_err() || line.pop() != Some(b'\n') {
        return false;
    }
    hex::encode(sha256(&line)) == f.last_hash && f.last_offset + f.last_len + 1 == f.size
}

/// Checks and indexes the complete lines of `file` after `state.size`. Returns whether the
/// file ends with an incomplete line (after waiting once for a writer to finish).
pub(super) fn index_from(
    file: &File,
    state: &mut FileState,
    out: &mut Vec<Entry>,
) -> io::Result<bool> {
    let mut waited = false;
    let mut f = file;
    let mut buf: Vec<u8> = Vec::with_capacity(READ_CHUNK);
    let mut members = Vec::new();
    let mut last_hash = crate::ledger::envelope::parse_hash(&state.last_hash).unwrap_or([0xff; 32]);
    let mut last_key = state.last_key();
    loop {
        f.seek(SeekFrom::Start(state.size))?;
        buf.clear();
        let mut pos = 0usize;
        let mut offset = state.size;
        loop {
            // Take the complete lines in `buf[pos..]`.
            while let Some(n) = memchr::memchr(b'\n', &buf[pos..]) {
                let line = &buf[pos..pos + n];
                if !state.irregular {
                    take_line(
                        line,
                        offset,
                        state,
                        &mut last_hash,
                        &mut last_key,
                        &mut members,
                        out,
                    );
                }
                pos += n + 1;
                offset += n as u64 + 1;
                if !state.irregular {
                    state.size = offset;
                }
            }
            if state.irregular {
                return Ok(false);
            }
            buf.drain(..pos);
            pos = 0;
            let have = buf.len();
            buf.resize(have + READ_CHUNK, 0);
            let n = loop {
                match f.read(&mut buf[have..]) {
                    Ok(n) => break n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            };
            buf.truncate(have + n);
            if n == 0 {
                break;
            }
        }
        if buf.is_empty() {
            return Ok(false);
        }
        if waited {
            return Ok(true);
        }
        // A writer may be mid-append: once it is done, the line may be whole.
        wait_for_writers(file, SETTLE_WAIT);
        waited = true;
    }
}

/// What a line is when it is a record: its `seq`, `prev`, merge key and the ids it is about.
pub(super) struct LineFacts {
    pub(super) seq: u64,
    pub(super) prev: [u8; 32],
    pub(super) key: (i128, u128),
    /// Whether the record is of the kiosk given to [`record_facts`] (true when none is).
    pub(super) home: bool,
}

/// The envelope of `line` by the checks every reader makes (the writer's form read in one
/// pass, any other line by the general parser); `None` when the line is not a record. `kiosk`:
/// the kiosk whose file the line is in, when [`LineFacts::home`] is wanted.
pub(super) fn record_facts(
    line: &[u8],
    members: &mut Vec<Member>,
    kiosk: Option<&str>,
) -> Option<LineFacts> {
    let env = match scan_record(line, members).filter(|s| s.end == line.len()) {
        Some(scanned) => scanned.env,
        None => {
            members.clear();
            std::str::from_utf8(line).ok()?;
            parse_line(line).ok()?
        }
    };
    if env.problem.is_some() || env.repeated.is_some() {
        return None;
    }
    let (Some(seq), Some(prev), Some(id), Some(at), Some(own), Some(_)) = (
        env.seq,
        env.prev,
        env.id,
        env.at,
        env.kiosk,
        env.record_type,
    ) else {
        return None;
    };
    Some(LineFacts {
        seq,
        prev,
        key: (at.as_nanosecond(), id.as_u128()),
        home: kiosk.is_none_or(|k| k == own),
    })
}

/// Checks one line against the chain as indexed so far and notes its entries; a line that is
/// not the next record of a chain in time order makes the file irregular.
pub(super) fn take_line(
    line: &[u8],
    offset: u64,
    state: &mut FileState,
    last_hash: &mut [u8; 32],
    last_key: &mut Option<(i128, u128)>,
    members: &mut Vec<Member>,
    out: &mut Vec<Entry>,
) {
    let facts = record_facts(line, members, None);
    let people = facts.as_ref().and(crate::ledger::about::people_of(line));
    let (Some(facts), Some(people)) = (facts, people) else {
        state.irregular = true;
        return;
    };
    let in_order = last_key.is_none_or(|k| facts.key >= k);
    let Ok(len) = u32::try_from(line.len()) else {
        state.irregular = true;
        return;
    };
    if facts.prev != *last_hash || facts.seq != state.next_seq || !in_order {
        state.irregular = true;
        return;
    }
    let Some(next_seq) = facts.seq.checked_add(1) else {
        state.irregular = true;
        return;
    };
    let sha = sha256(line);
    for id in &people {
        out.push(Entry {
            key: key_of(id),
            slot: state.slot,
            len,
            offset,
            sha,
        });
    }
    *last_hash = sha;
    *last_key = Some(facts.key);
    state.next_seq = next_seq;
    state.lines += 1;
    state.last_hash = hex::encode(sha);
    state.last_offset = offset;
    state.last_len = line.len() as u64;
    state.last_at = facts.key.0.to_string();
    state.last_id = facts.key.1.to_string();
}
