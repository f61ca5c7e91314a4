//! How tebiki writes files: never through a symbolic link, and a whole file only by a new
//! file with a random name in the same folder, synced, renamed over the target, and the
//! folder synced. A link planted where tebiki writes cannot make it overwrite another file.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Makes `options` refuse to open a symbolic link as the last part of the path (`O_NOFOLLOW`:
/// the open fails instead of writing through the link).
pub fn no_follow(options: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    options
}

/// The folder `path` is in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new file with a random name beside `target` (`.<name>.<random>.tmp`), created with
/// `mode` and never an existing file or link.
pub fn temp_beside(target: &Path, mode: u32) -> io::Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    let file = builder.tempfile_in(parent_dir(target))?;
    // The umask may have narrowed the mode; set it exactly.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))?;
    }
    Ok(file)
}

/// Syncs `file`, renames it over `target` (replacing a link there, never following it) and
/// syncs the folder, so the new file survives a crash once this returns.
pub fn persist(file: tempfile::NamedTempFile, target: &Path) -> io::Result<()> {
    file.as_file().sync_all()?;
    file.persist(target).map_err(|e| e.error)?;
    sync_dir(&parent_dir(target))
}

/// Writes `bytes` as the whole new content of `target` (mode `mode`): readers see the old file
/// or the new one, never half of it.
pub fn write_atomic(target: &Path, bytes: &[u8], mode: u32) -> io::Result<()> {
    let mut file = temp_beside(target, mode)?;
    file.write_all(bytes)?;
    persist(file, target)
}

/// Opens `path` for appending, creating it with `mode` when missing, without following a link.
pub fn open_append(path: &Path, mode: u32) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(mode);
    }
    #[cfg(not(unix))]
    let _ = mode;
    no_follow(&mut options).open(path)
}

/// Makes a rename or a new file in `dir` durable.
#[cfg(unix)]
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    match File::open(dir).and_then(|d| d.sync_all()) {
        // Some network file systems cannot sync a directory; the file's own sync still holds.
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::InvalidInput | io::ErrorKind::Unsupported
            ) =>
        {
            Ok(())
        }
        other => other,
    }
}

#[cfg(not(unix))]
pub fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_planted_link_is_replaced_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("state.json");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"new", 0o600).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        let meta = std::fs::symlink_metadata(&target).unwrap();
        assert!(meta.file_type().is_file(), "the link itself was replaced");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file left behind");
    }

    #[test]
    fn an_unfinished_file_is_removed_and_a_finished_one_is_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let done = dir.path().join("done.csv");
        let mut f = AtomicFile::create(&done).unwrap();
        f.write_all(b"kept").unwrap();
        f.commit().unwrap();
        let mut half = AtomicFile::create(&dir.path().join("half.csv")).unwrap();
        half.write_all(b"half").unwrap();
        half.flush().unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // What a stop signal does before the process ends (here only to this test's files:
        // other tests run beside it).
        remove_unfinished_where(|p| p.starts_with(dir.path()));
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(left, ["done.csv"]);
        assert_eq!(std::fs::read_to_string(&done).unwrap(), "kept");
        drop(half);
        assert!(unfinished().iter().all(|p| !p.starts_with(dir.path())));
    }

    #[test]
    fn a_device_or_a_pipe_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped the pipe: mkfifo not available");
            return;
        }
        // A link to a device, and `/dev/stdout` itself (a link to `/proc/self/fd/1`, which may
        // be a terminal, a pipe or a regular file).
        let link = dir.path().join("to-null");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        for target in [
            fifo.as_path(),
            Path::new("/dev/null"),
            &link,
            Path::new("/dev/stdout"),
            Path::new("/proc/self/fd/1"),
        ] {
            let e = AtomicFile::create(target).err().expect("refused");
            assert_eq!(e.kind(), io::ErrorKind::Unsupported, "{target:?}");
        }
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(
            &std::fs::symlink_metadata(&fifo).unwrap().file_type()
        ));
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file left behind");
    }

    #[test]
    fn an_output_file_replaced_is_never_made_more_readable() {
        let dir = tempfile::tempdir().unwrap();
        for (before, after) in [(0o600, 0o600), (0o644, 0o640), (0o400, 0o400)] {
            let target = dir.path().join(format!("export-{before:o}.csv"));
            std::fs::write(&target, "old").unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(before)).unwrap();
            let mut f = AtomicFile::create_output(&target).unwrap();
            f.write_all(b"new").unwrap();
            f.commit().unwrap();
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, after, "{before:o}");
        }
        let fresh = dir.path().join("new.csv");
        let mut f = AtomicFile::create_output(&fresh).unwrap();
        f.write_all(b"new").unwrap();
        f.commit().unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[test]
    fn appending_refuses_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let log = dir.path().join("tebiki.log");
        std::os::unix::fs::symlink(&victim, &log).unwrap();
        assert!(open_append(&log, 0o640).is_err());
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}

/// A file written under a temporary name in the target's folder and renamed over the target
/// only by [`AtomicFile::commit`]: readers see the old file or the whole new one, never half of
/// it, and a failed run leaves the old file as it was.
pub struct AtomicFile {
    target: PathBuf,
    /// The temporary file's path, while it may still be left behind by a signal.
    temp: PathBuf,
    out: Option<BufWriter<tempfile::NamedTempFile>>,
}

/// Temporary files of the [`AtomicFile`]s not yet committed or dropped: what a stop signal
/// removes ([`remove_on_stop_signals`]).
static UNFINISHED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

fn unfinished() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    UNFINISHED
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes the temporary files of every unfinished [`AtomicFile`] (what a stop signal does).
pub fn remove_unfinished() {
    remove_unfinished_where(|_| true);
}

fn remove_unfinished_where(which: impl Fn(&Path) -> bool) {
    unfinished().retain(|path| {
        if which(path) {
            let _ = std::fs::remove_file(path);
            false
        } else {
            true
        }
    });
}

/// For a command that writes a whole file for a while (an export, one-time codes): on Ctrl-C,
/// `kill` or a closed terminal, the unfinished file's temporary twin is removed before the
/// process ends by that signal, so nothing half-written is left beside the target. Installed
/// once, by the first [`AtomicFile::create`].
fn remove_on_stop_signals() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("tebiki-stop".into())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    remove_unfinished();
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
    });
}

impl AtomicFile {
    /// A target that is a device, a pipe or a socket, a link to one, or anything in `/dev` or
    /// `/proc` is refused (`ErrorKind::Unsupported`): renaming over it would replace, say,
    /// `/dev/stdout` (a link to `/proc/self/fd/1`) for everyone. Any other link is replaced by
    /// the file, never followed (nor written through); a folder fails at the rename.
    ///
    /// For the commands that write whole files (exports, rosters, codes): from the first one
    /// on, a stop signal removes the unfinished temporary file and ends the process (see
    /// [`remove_on_stop_signals`]); the terminal programs, which handle signals themselves,
    /// write no such files.
    pub fn create(target: &Path) -> io::Result<AtomicFile> {
        Self::create_with_mode(target, 0o640)
    }

    /// [`AtomicFile::create`] for a file given by the user to write output to (`-o`): never
    /// made more readable than the file it replaces was (an export kept 0600 stays 0600).
    pub fn create_output(target: &Path) -> io::Result<AtomicFile> {
        Self::create_with_mode(target, replacing_mode(target))
    }

    /// [`AtomicFile::create_output`] for a file that holds secrets (personal codes): readable
    /// by its owner only, whatever the file it replaces allowed.
    pub fn create_secret_output(target: &Path) -> io::Result<AtomicFile> {
        Self::create_with_mode(target, replacing_mode(target) & 0o600)
    }

    fn create_with_mode(target: &Path, mode: u32) -> io::Result<AtomicFile> {
        remove_on_stop_signals();
        if !replaceable(target) {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "not a regular file",
            ));
        }
        // Rosters and exports hold names: readable by the owner and their group only, like the
        // ledger. The temporary file has a random name and is always new, never a link.
        let file = temp_beside(target, mode)?;
        let temp = file.path().to_path_buf();
        unfinished().push(temp.clone());
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            out: Some(BufWriter::with_capacity(1 << 20, file)),
        })
    }

    /// Flushes, syncs and renames the file into place, then syncs the folder.
    pub fn commit(mut self) -> io::Result<()> {
        let out = self.out.take().ok_or_else(|| io::Error::other("closed"))?;
        let file = out
            .into_inner()
            .map_err(std::io::IntoInnerError::into_error)?;
        persist(file, &self.target)
    }
}

/// The mode of a file that replaces `target`: 0640, narrowed to the mode of the regular file
/// there now (an export kept 0600 stays 0600).
fn replacing_mode(target: &Path) -> u32 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::symlink_metadata(target) {
            Ok(meta) if meta.is_file() => meta.permissions().mode() & 0o640,
            _ => 0o640,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = target;
        0o640
    }
}

/// Whether `target` may be replaced by a file: it does not exist, or it is a regular file, a
/// folder, or a link that leads to one of those or nowhere; and it is not in the system's
/// device or process folders.
fn replaceable(target: &Path) -> bool {
    let regular = |kind: std::fs::FileType| kind.is_file() || kind.is_dir();
    let fits = match std::fs::symlink_metadata(target) {
        Err(_) => true,
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::metadata(target).map_or(true, |to| regular(to.file_type()))
        }
        Ok(meta) => regular(meta.file_type()),
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let system = std::fs::canonicalize(folder)
        .is_ok_and(|f| f.starts_with("/dev") || f.starts_with("/proc"));
    fits && !system
}

impl Drop for AtomicFile {
    /// Committed (renamed into place) or dropped (removed by its `NamedTempFile`): no longer
    /// one for a stop signal to remove.
    fn drop(&mut self) {
        unfinished().retain(|p| p != &self.temp);
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.out {
            Some(out) => out.write(buf),
            None => Err(io::Error::other("closed")),
        }
    }
    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.write_all(buf),
            None => Err(io::Error::other("closed")),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}
