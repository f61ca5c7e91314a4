//! The ledger file as a file: the lock with a bounded wait, creating the folder and the file
//! safely, and reading its tail (the last line, line counts, a torn tail's bytes).

use super::*;

pub(super) fn lock_bounded(
    file: &File,
    path: &Path,
    start: Instant,
    wait: Duration,
) -> Result<(), LedgerError> {
    // Polling, because std has no timed lock; short first pauses keep handover fast, the cap
    // keeps a waiting process from hammering the lock.
    let mut pause = Duration::from_micros(50);
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) => {}
            Err(TryLockError::Error(e)) => return Err(LedgerError::io(path, IoOp::Lock, e)),
        }
        let waited = start.elapsed();
        if waited >= wait {
            return Err(LedgerError::LockTimeout {
                path: path.to_path_buf(),
                waited,
            });
        }
        thread::sleep(pause.min(wait.saturating_sub(waited)));
        pause = (pause * 2).min(Duration::from_millis(5));
    }
}

#[cfg(unix)]
pub(super) fn same_file(file: &File, path: &Path) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    // A link put in the file's place is not the file, even when it points to it.
    match fs::symlink_metadata(path) {
        Ok(named) => Ok(open.dev() == named.dev() && open.ino() == named.ino()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
pub(super) fn same_file(_file: &File, path: &Path) -> io::Result<bool> {
    match fs::metadata(path) {
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Creates the ledger folder with mode 0750 set explicitly (umask may have narrowed or widened it).
pub(super) fn ensure_dir(dir: &Path) -> Result<(), LedgerError> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(DIR_MODE);
    }
    builder
        .create(dir)
        .map_err(|e| LedgerError::io(dir, IoOp::CreateDir, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE))
            .map_err(|e| LedgerError::io(dir, IoOp::SetPermissions, e))?;
    }
    if let Some(parent) = dir.parent() {
        sync_dir(parent).map_err(|e| LedgerError::io(parent, IoOp::Sync, e))?;
    }
    Ok(())
}

/// Opens the ledger for reading and appending; a file created here gets mode 0640 and its
/// directory entry is synced, so a record synced into it cannot vanish with the entry.
pub(super) fn open_ledger_file(dir: &Path, path: &Path) -> Result<File, LedgerError> {
    let (file, created) = open_or_create(path, true)?;
    if created {
        sync_dir(dir).map_err(|e| LedgerError::io(dir, IoOp::Sync, e))?;
    }
    Ok(file)
}

/// Opens `path` (append mode when `append`), creating it with mode 0640 when missing. Only an
/// ordinary file is opened: a symbolic link is never followed, and a link, folder or named pipe
/// in its place is refused with [`LedgerError::NotAFile`].
pub(super) fn open_or_create(path: &Path, append: bool) -> Result<(File, bool), LedgerError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(LedgerError::NotAFile {
                path: path.to_path_buf(),
                kind: NodeKind::of(meta.file_type()),
            });
        }
        _ => {}
    }
    let (file, created) = open_or_create_inner(path, append)?;
    // Whatever was opened (something may have been swapped in meanwhile) must be a file.
    let meta = file
        .metadata()
        .map_err(|e| LedgerError::io(path, IoOp::Stat, e))?;
    if !meta.file_type().is_file() {
        return Err(LedgerError::NotAFile {
            path: path.to_path_buf(),
            kind: NodeKind::of(meta.file_type()),
        });
    }
    Ok((file, created))
}

pub(super) fn open_or_create_inner(path: &Path, append: bool) -> Result<(File, bool), LedgerError> {
    let mut options = OpenOptions::new();
    options.read(true);
    if append {
        options.append(true);
    } else {
        options.write(true);
    }
    #[cfg(unix)]
    {
        // Never through a link; and a named pipe swapped in after the check must not block.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut create = options.clone();
    create.create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        create.mode(FILE_MODE);
    }
    match create.open(path) {
        Ok(file) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(fs::Permissions::from_mode(FILE_MODE))
                    .map_err(|e| LedgerError::io(path, IoOp::SetPermissions, e))?;
            }
            Ok((file, true))
        }
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match options.open(path) {
            Ok(f) => Ok((f, false)),
            // ELOOP: a link appeared in the file's place.
            Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Err(LedgerError::NotAFile {
                path: path.to_path_buf(),
                kind: NodeKind::Link,
            }),
            Err(e) => Err(LedgerError::io(path, IoOp::Open, e)),
        },
        Err(e) => Err(LedgerError::io(path, IoOp::Open, e)),
    }
}

/// The end of the last complete line (`end`, just after its `\n`) and that line's bytes.
pub(super) struct TailScan {
    pub(super) end: u64,
    pub(super) last_line: Option<Vec<u8>>,
}

pub(super) fn scan_tail(file: &File, len: u64) -> io::Result<TailScan> {
    let end = match last_newline_before(file, len)? {
        Some(pos) => pos + 1,
        None => 0,
    };
    if end == 0 {
        return Ok(TailScan {
            end,
            last_line: None,
        });
    }
    let start = match last_newline_before(file, end - 1)? {
        Some(pos) => pos + 1,
        None => 0,
    };
    let mut line = vec![0u8; (end - 1 - start) as usize];
    read_exact_at(file, start, &mut line)?;
    Ok(TailScan {
        end,
        last_line: Some(line),
    })
}

/// Position of the last `\n` in `[0, before)`.
pub(super) fn last_newline_before(file: &File, before: u64) -> io::Result<Option<u64>> {
    let mut buf = vec![0u8; TAIL_CHUNK as usize];
    let mut hi = before;
    while hi > 0 {
        let lo = hi.saturating_sub(TAIL_CHUNK);
        let chunk = &mut buf[..(hi - lo) as usize];
        read_exact_at(file, lo, chunk)?;
        if let Some(i) = chunk.iter().rposition(|&b| b == b'\n') {
            return Ok(Some(lo + i as u64));
        }
        hi = lo;
    }
    Ok(None)
}

pub(super) fn read_exact_at(file: &File, offset: u64, buf: &mut [u8]) -> io::Result<()> {
    let mut file = file;
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(buf)
}

/// Line number of the last complete line ending at `end` (for [`LedgerError::CorruptTail`]).
pub(super) fn count_newlines(file: &File, end: u64) -> io::Result<u64> {
    let mut file = file;
    file.seek(SeekFrom::Start(0))?;
    let mut reader = io::BufReader::with_capacity(1 << 16, file.take(end));
    let mut count = 0u64;
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = reader.read(&mut buf)?;
        if n == 0 {
            return Ok(count);
        }
        count += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
    }
}

/// Hashes `[offset, offset + bytes)` of `file`, copying it to `out` when given.
pub(super) fn copy_range(
    file: &File,
    offset: u64,
    bytes: u64,
    out: Option<&File>,
) -> io::Result<([u8; 32], u64)> {
    let mut src = file;
    src.seek(SeekFrom::Start(offset))?;
    let mut src = src.take(bytes);
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut total = 0u64;
    loop {
        let n = src.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        if let Some(mut out) = out {
            out.write_all(&buf[..n])?;
        }
        total += n as u64;
    }
    if total != bytes {
        return Err(io::Error::from(io::ErrorKind::UnexpectedEof));
    }
    Ok((hasher.finalize().into(), total))
}

pub(super) fn hash_file(path: &Path) -> io::Result<([u8; 32], u64)> {
    let file = File::open(path)?;
    let len = file.metadata()?.len();
    copy_range(&file, 0, len, None)
}
