//! The roster's ids, kept in the cache folder beside the person index, to find the roster's
//! form of an id without reading the whole roster.

use super::*;

/// The roster's ids, to find the roster's form of an id (`e0001` is `E0001`) without reading
/// the whole roster: kept in this account's cache folder (`roster-ids`, beside the person
/// index), valid while `roster.csv` is the same file with the same size and times.
#[derive(Debug)]
pub struct RosterIds {
    /// `key\tid\n` lines sorted by key.
    pub(super) text: Vec<u8>,
    pub(super) lines: Vec<(u32, u32)>,
}

pub(super) const IDS_MAGIC: &str = "tebiki-roster-ids 1";

impl RosterIds {
    pub fn from_employees(roster: &[Employee]) -> RosterIds {
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
    pub(super) fn from_text(text: Vec<u8>, from: usize, to: usize) -> Option<RosterIds> {
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
    pub(super) fn line(&self, i: usize) -> Option<[&str; 4]> {
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
}

impl crate::record::identity::Known for RosterIds {
    fn recorded_form(&self, canonical_id: &str) -> Option<String> {
        self.find(canonical_id)
    }
}

impl RosterIds {
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
pub(super) fn roster_stamp(path: &Path) -> Option<String> {
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

pub(super) fn read_ids(cache: &Path, stamp: &str) -> Option<RosterIds> {
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

pub(super) fn write_ids(cache: &Path, stamp: &str, ids: &RosterIds) {
    let mut body = format!("{IDS_MAGIC}\n{stamp}\n").into_bytes();
    body.extend_from_slice(&ids.text);
    let check = hex::encode(crate::ledger::line_sha256(&body));
    body.extend_from_slice(check.as_bytes());
    body.push(b'\n');
    crate::ledger::person_index::write_cache_file(cache, "roster-ids", &body);
}

/// Whether `roster`'s ids can be kept in the cache (its lines are tab-separated).
fn cacheable(roster: &[Employee]) -> bool {
    roster.iter().all(|e| {
        [&e.id, &e.name, &e.department]
            .iter()
            .all(|f| !f.contains(['\t', '\n']))
    })
}

/// Caches the ids of `roster`, just stored as the data folder's roster by [`write`] (which
/// said it `wrote` that), so that the first lookup after an import does not read the whole
/// roster (seconds for a million rows). Only while the stored file is still the one written,
/// unchanged while it is checked (another import at the same moment may have replaced it):
/// a roster's ids are never cached under another roster's stamp. Best effort: a cache that
/// cannot be written is made at the first lookup.
pub fn cache_ids(data: &crate::config::DataDir, roster: &[Employee], wrote: Written) {
    let path = data.roster_path();
    let Some(stamp) = roster_stamp(&path) else {
        return;
    };
    let still = std::fs::read(&path).is_ok_and(|b| crate::ledger::line_sha256(&b) == wrote.sha)
        && roster_stamp(&path).as_deref() == Some(stamp.as_str());
    if let Some(cache) = crate::ledger::person_index::cache_dir(&data.ledger_dir())
        && still
        && cacheable(roster)
    {
        write_ids(&cache, &stamp, &RosterIds::from_employees(roster));
    }
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
        && cacheable(&roster)
    {
        write_ids(cache, stamp, &ids);
    }
    Ok(Some(ids))
}
