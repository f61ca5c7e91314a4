//! The index on disk: the base and the delta, each replaced whole and checked when read, the
//! cache folder and its lock.

use super::*;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Header {
    /// Names the base, so that a delta written for another base is never used with it.
    pub(super) base: String,
    pub(super) files: Vec<FileState>,
    pub(super) next_slot: u32,
    #[serde(default)]
    pub(super) buckets: u64,
    #[serde(default)]
    pub(super) entries: u64,
}

/// An open base file: its header read and checked; buckets are read on demand.
pub(super) struct Base {
    pub(super) file: File,
    pub(super) header: Header,
    pub(super) dir_start: u64,
    pub(super) entries_start: u64,
}

impl Base {
    pub(super) fn open(path: &Path) -> Option<Base> {
        let mut file = File::open(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut head = [0u8; 8 + 4 + 32];
        file.read_exact(&mut head).ok()?;
        if &head[..8] != BASE_MAGIC {
            return None;
        }
        let header_len = u64::from(u32::from_le_bytes(head[8..12].try_into().ok()?));
        if header_len > len {
            return None;
        }
        let mut text = vec![0u8; header_len as usize];
        file.read_exact(&mut text).ok()?;
        if sha256(&text)[..] != head[12..44] {
            return None;
        }
        let header: Header = serde_json::from_slice(&text).ok()?;
        let dir_start = head.len() as u64 + header_len;
        let entries_start =
            dir_start.checked_add(header.buckets.checked_mul(BUCKET_SIZE as u64)?)?;
        let end = entries_start.checked_add(header.entries.checked_mul(ENTRY_SIZE as u64)?)?;
        if end != len || !header.buckets.is_power_of_two() {
            return None;
        }
        Some(Base {
            file,
            header,
            dir_start,
            entries_start,
        })
    }

    /// The entries of the bucket of `key`; `None` when the bucket fails its check.
    pub(super) fn bucket(&self, key: u64) -> Option<Vec<Entry>> {
        let bucket = key & (self.header.buckets - 1);
        let mut dir = [0u8; BUCKET_SIZE];
        read_exact_at(
            &self.file,
            self.dir_start + bucket * BUCKET_SIZE as u64,
            &mut dir,
        )
        .ok()?;
        let start = u64::from_le_bytes(dir[0..8].try_into().ok()?);
        let count = u64::from(u32::from_le_bytes(dir[8..12].try_into().ok()?));
        if start.checked_add(count)? > self.header.entries {
            return None;
        }
        let mut bytes = vec![0u8; (count as usize) * ENTRY_SIZE];
        read_exact_at(
            &self.file,
            self.entries_start + start * ENTRY_SIZE as u64,
            &mut bytes,
        )
        .ok()?;
        if bucket_check(&self.header.base, bucket, &bytes) != dir[12..20] {
            return None;
        }
        Some(bytes.chunks_exact(ENTRY_SIZE).map(Entry::read).collect())
    }

    /// Every entry (to fold the delta in), each bucket checked.
    pub(super) fn all(&self) -> Option<Vec<Entry>> {
        let mut dir = vec![0u8; self.header.buckets as usize * BUCKET_SIZE];
        read_exact_at(&self.file, self.dir_start, &mut dir).ok()?;
        let mut bytes = vec![0u8; self.header.entries as usize * ENTRY_SIZE];
        read_exact_at(&self.file, self.entries_start, &mut bytes).ok()?;
        let mut out = Vec::with_capacity(self.header.entries as usize);
        for (bucket, d) in dir.chunks_exact(BUCKET_SIZE).enumerate() {
            let start = u64::from_le_bytes(d[0..8].try_into().ok()?) as usize;
            let count = u32::from_le_bytes(d[8..12].try_into().ok()?) as usize;
            let part = bytes.get(start * ENTRY_SIZE..(start + count) * ENTRY_SIZE)?;
            if bucket_check(&self.header.base, bucket as u64, part) != d[12..20] {
                return None;
            }
            out.extend(part.chunks_exact(ENTRY_SIZE).map(Entry::read));
        }
        (out.len() as u64 == self.header.entries).then_some(out)
    }
}

pub(super) fn bucket_check(base: &str, bucket: u64, bytes: &[u8]) -> [u8; 8] {
    let mut h = Sha256::new();
    h.update(base.as_bytes());
    h.update(bucket.to_le_bytes());
    h.update(bytes);
    let d: [u8; 32] = h.finalize().into();
    d[..8].try_into().unwrap_or_default()
}

/// The saved index as found: the base (if it reads and checks), and the delta written for it.
pub(super) struct Saved {
    pub(super) base: Option<Base>,
    /// The files as of the delta (else as of the base).
    pub(super) files: Vec<FileState>,
    pub(super) next_slot: u32,
    pub(super) delta: Vec<Entry>,
}

impl Saved {
    pub(super) fn empty() -> Saved {
        Saved {
            base: None,
            files: Vec::new(),
            next_slot: 0,
            delta: Vec::new(),
        }
    }

    pub(super) fn load(cache: &Path) -> Saved {
        let base = Base::open(&cache.join(BASE_NAME));
        let Some(base) = base else {
            return Saved::empty();
        };
        match read_delta(&cache.join(DELTA_NAME), &base.header.base) {
            Some((header, delta)) => Saved {
                files: header.files,
                next_slot: header.next_slot,
                delta,
                base: Some(base),
            },
            None => Saved {
                files: base.header.files.clone(),
                next_slot: base.header.next_slot,
                delta: Vec::new(),
                base: Some(base),
            },
        }
    }
}

pub(super) fn read_delta(path: &Path, base: &str) -> Option<(Header, Vec<Entry>)> {
    let bytes = fs::read(path).ok()?;
    let rest = bytes.strip_prefix(DELTA_MAGIC.as_slice())?;
    let (check, rest) = rest.split_at_checked(32)?;
    if sha256(rest)[..] != *check {
        return None;
    }
    let (len, rest) = rest.split_at_checked(4)?;
    let len = u32::from_le_bytes(len.try_into().ok()?) as usize;
    let (text, entries) = rest.split_at_checked(len)?;
    let header: Header = serde_json::from_slice(text).ok()?;
    if header.base != base || entries.len() % ENTRY_SIZE != 0 {
        return None;
    }
    Some((
        header,
        entries.chunks_exact(ENTRY_SIZE).map(Entry::read).collect(),
    ))
}

/// Saves the refreshed state: a new delta, or a new base when there is none or the delta has
/// grown large. Returns the index as saved, to answer from.
pub(super) fn save(cache: &Path, saved: &Saved, fresh: &Refreshed) -> Option<Saved> {
    create_cache_dir(cache).ok()?;
    let live = |e: &Entry| fresh.files.iter().any(|f| f.slot == e.slot);
    let mut delta: Vec<Entry> = saved.delta.iter().copied().filter(live).collect();
    delta.extend(fresh.added.iter().copied());
    let base_entries = saved.base.as_ref().map_or(0, |b| b.header.entries as usize);
    let files = fresh.files.clone();
    if let Some(base) = &saved.base
        && delta.len() <= DELTA_MIN.max(base_entries / 32)
    {
        let header = Header {
            base: base.header.base.clone(),
            files,
            next_slot: fresh.next_slot,
            buckets: 0,
            entries: 0,
        };
        write_delta(cache, &header, &delta).ok()?;
        return Some(Saved {
            base: Base::open(&cache.join(BASE_NAME)).filter(|b| b.header.base == header.base),
            files: header.files,
            next_slot: header.next_slot,
            delta,
        })
        .filter(|s| s.base.is_some());
    }
    let mut all = match &saved.base {
        Some(base) => base.all()?,
        None => Vec::new(),
    };
    all.retain(live);
    all.extend(delta);
    let header = write_base(cache, fresh, all).ok()?;
    let _ = fs::remove_file(cache.join(DELTA_NAME));
    let base = Base::open(&cache.join(BASE_NAME)).filter(|b| b.header.base == header.base)?;
    Some(Saved {
        files: base.header.files.clone(),
        next_slot: base.header.next_slot,
        delta: Vec::new(),
        base: Some(base),
    })
}

pub(super) fn write_base(
    cache: &Path,
    fresh: &Refreshed,
    mut all: Vec<Entry>,
) -> io::Result<Header> {
    let buckets = (all.len() as u64 / BUCKET_FILL).max(1).next_power_of_two();
    let mask = buckets - 1;
    all.sort_by(|a, b| {
        (a.key & mask)
            .cmp(&(b.key & mask))
            .then(a.slot.cmp(&b.slot))
            .then(a.offset.cmp(&b.offset))
            .then(a.key.cmp(&b.key))
    });
    let header = Header {
        base: uuid::Uuid::now_v7().simple().to_string(),
        files: fresh.files.clone(),
        next_slot: fresh.next_slot,
        buckets,
        entries: all.len() as u64,
    };
    let text = serde_json::to_vec(&header).map_err(io::Error::other)?;
    let mut entries = Vec::with_capacity(all.len() * ENTRY_SIZE);
    for e in &all {
        e.write(&mut entries);
    }
    let mut dir = Vec::with_capacity(buckets as usize * BUCKET_SIZE);
    let mut i = 0usize;
    for bucket in 0..buckets {
        let start = i;
        while i < all.len() && all[i].key & mask == bucket {
            i += 1;
        }
        let count = u32::try_from(i - start).map_err(io::Error::other)?;
        dir.extend_from_slice(&(start as u64).to_le_bytes());
        dir.extend_from_slice(&count.to_le_bytes());
        let part = &entries[start * ENTRY_SIZE..i * ENTRY_SIZE];
        dir.extend_from_slice(&bucket_check(&header.base, bucket, part));
    }
    let mut out = Vec::with_capacity(44 + text.len() + dir.len() + entries.len());
    out.extend_from_slice(BASE_MAGIC);
    out.extend_from_slice(&(text.len() as u32).to_le_bytes());
    out.extend_from_slice(&sha256(&text));
    out.extend_from_slice(&text);
    out.extend_from_slice(&dir);
    out.extend_from_slice(&entries);
    replace(&cache.join(BASE_NAME), &out)?;
    Ok(header)
}

pub(super) fn write_delta(cache: &Path, header: &Header, entries: &[Entry]) -> io::Result<()> {
    let text = serde_json::to_vec(header).map_err(io::Error::other)?;
    let mut rest = Vec::with_capacity(4 + text.len() + entries.len() * ENTRY_SIZE);
    rest.extend_from_slice(&(text.len() as u32).to_le_bytes());
    rest.extend_from_slice(&text);
    for e in entries {
        e.write(&mut rest);
    }
    let mut out = Vec::with_capacity(40 + rest.len());
    out.extend_from_slice(DELTA_MAGIC);
    out.extend_from_slice(&sha256(&rest));
    out.extend_from_slice(&rest);
    replace(&cache.join(DELTA_NAME), &out)
}

/// Writes `name` in the cache folder `cache` (created when missing), whole; a failure only
/// means the cache is not used.
pub fn write_cache_file(cache: &Path, name: &str, bytes: &[u8]) {
    if create_cache_dir(cache).is_ok() {
        let _ = replace(&cache.join(name), bytes);
    }
}

pub(super) fn make_dir(dir: &Path, mode: u32) -> io::Result<()> {
    match fs::create_dir(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(()),
        Err(e) => return Err(e),
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(mode))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    Ok(())
}

/// Whether `dir` is a folder (not a link) of this account.
#[cfg(unix)]
pub(super) fn owned(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(dir)
        .is_ok_and(|m| m.is_dir() && m.uid() == nix::unistd::Uid::effective().as_raw())
}

#[cfg(not(unix))]
pub(super) fn owned(dir: &Path) -> bool {
    fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir())
}

/// An exclusive lock on `$DATA/cache/person-index.lock`, released when dropped.
pub(super) struct CacheLock(pub(super) File);

impl CacheLock {
    /// Waits at most [`LOCK_WAIT`]; `None` when the lock cannot be had (busy, or the cache
    /// folder cannot be written).
    pub(super) fn acquire(cache: &Path) -> Option<CacheLock> {
        create_cache_dir(cache).ok()?;
        let mut options = fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        crate::safe_file::no_follow(&mut options);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(cache.join(LOCK_NAME)).ok()?;
        let start = Instant::now();
        let mut pause = Duration::from_micros(100);
        loop {
            match file.try_lock() {
                Ok(()) => return Some(CacheLock(file)),
                Err(fs::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(pause);
                    pause = (pause * 2).min(Duration::from_millis(10));
                }
                Err(_) => return None,
            }
        }
    }
}

impl Drop for CacheLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}
