//! The admin PIN: stored only as an argon2id hash in config.toml; wrong tries are slowed down
//! and then locked out, and that state is kept on disk so a restart does not reset it.

use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use password_hash::rand_core::OsRng;
use serde::{Deserialize, Serialize};

/// Fewest digits a PIN may have.
pub const MIN_DIGITS: usize = 6;
/// Wrong tries after which the PIN is locked out for [`LOCKOUT_SECS`].
pub const MAX_FAILURES: u32 = 5;
pub const LOCKOUT_SECS: i64 = 15 * 60;
/// A day without a wrong try forgets the earlier ones: one typo months later does not relock.
pub const DECAY_SECS: i64 = 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinError {
    /// Not only digits, or too short.
    Format,
    /// Easy to guess: one digit repeated, a run like 123456, or a repeated pattern.
    Weak,
    /// The two entries differ.
    Mismatch,
    Hash(String),
}

/// Checks the form of a new PIN: digits only, at least [`MIN_DIGITS`], and not one that is
/// guessed first (000000, 123456, 987654, 121212, 123123, ...).
pub fn check_format(pin: &str) -> Result<(), PinError> {
    if pin.len() < MIN_DIGITS || !pin.bytes().all(|b| b.is_ascii_digit()) {
        return Err(PinError::Format);
    }
    if is_weak(pin.as_bytes()) {
        return Err(PinError::Weak);
    }
    Ok(())
}

fn is_weak(digits: &[u8]) -> bool {
    let steps: Vec<i8> = digits
        .windows(2)
        .map(|w| (w[1] as i8 - w[0] as i8 + 10) % 10)
        .collect();
    // One digit repeated, or a run up or down (wrapping 9 to 0).
    let run = steps.iter().all(|&s| s == steps[0]) && matches!(steps[0], 0 | 1 | 9);
    // The same two or three digits again and again (121212, 123123, 112112).
    let pattern = [2, 3]
        .iter()
        .any(|&n| digits.len().is_multiple_of(n) && digits.chunks(n).all(|c| c == &digits[..n]));
    run || pattern
}

/// The argon2id hash (PHC string) of a new PIN, with a fresh random salt.
pub fn hash(pin: &str) -> Result<String, PinError> {
    check_format(pin)?;
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PinError::Hash(e.to_string()))
}

/// Whether `pin` matches the stored hash. A hash that cannot be read matches nothing.
pub fn matches(pin: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &h)
            .is_ok()
    })
}

/// Where a PIN is asked: each place counts its own wrong tries, so wrong PINs typed at the
/// public kiosk do not lock HR out of the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counter {
    Kiosk,
    Dashboard,
}

impl Counter {
    pub const ALL: [Counter; 2] = [Counter::Kiosk, Counter::Dashboard];

    /// The counter's file in the data folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Counter::Kiosk => "pin-attempts.json",
            Counter::Dashboard => "pin-attempts-dashboard.json",
        }
    }
}

/// Wrong tries so far, kept in `$DATA/pin-attempts.json` (kiosk) or
/// `$DATA/pin-attempts-dashboard.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    pub failures: u32,
    /// Unix seconds before which no PIN is accepted.
    pub blocked_until: i64,
    /// Unix seconds of the last wrong try (or try being checked).
    #[serde(default)]
    pub last_failure: i64,
}

impl Attempts {
    pub fn path(data: &Path, counter: Counter) -> PathBuf {
        data.join(counter.file_name())
    }

    /// Reads the state: no file means no failures. Anything else that cannot be read as the
    /// count (a folder, a link or a named pipe in its place, no permission, other content) is
    /// an error: the count is unknown. Never follows a link, never waits on a pipe.
    pub fn load(data: &Path, counter: Counter) -> std::io::Result<Attempts> {
        use std::io::Read;
        let invalid = |e| std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let mut options = std::fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
        }
        let file = match options.open(Attempts::path(data, counter)) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Attempts::default()),
            Err(e) => return Err(e),
        };
        if !file.metadata()?.is_file() {
            return Err(invalid("not an ordinary file".into()));
        }
        let mut bytes = Vec::new();
        file.take(64 * 1024).read_to_end(&mut bytes)?;
        serde_json::from_slice(&bytes).map_err(|e| invalid(e.to_string()))
    }

    /// Saves the state durably: a new file, synced, renamed into place, the folder synced.
    pub fn save(&self, data: &Path, counter: Counter) -> std::io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::safe_file::write_atomic(&Attempts::path(data, counter), &bytes, 0o600)
    }

    /// Clears the count (`tebiki pin unlock`): whatever stands at the path is removed.
    pub fn clear(data: &Path, counter: Counter) -> std::io::Result<bool> {
        let path = Attempts::path(data, counter);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path).map(|()| true),
            Ok(_) => std::fs::remove_file(&path).map(|()| true),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
            Err(e) => Err(e),
        }
        .and_then(|removed| {
            crate::safe_file::sync_dir(data)?;
            Ok(removed)
        })
    }

    /// The wait after `failures` wrong tries: 1, 2, 4, 8 s, then the lockout.
    fn delay_after(failures: u32) -> i64 {
        if failures >= MAX_FAILURES {
            LOCKOUT_SECS
        } else {
            1 << failures.saturating_sub(1).min(10)
        }
    }
}

/// What a PIN try gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Accepted,
    /// Wrong; the next try is possible after this many seconds.
    Wrong {
        wait_secs: i64,
    },
    /// Too soon after a wrong try (or locked out): not even checked.
    Blocked {
        wait_secs: i64,
    },
    /// The try could not be counted durably, so the PIN was not checked at all.
    Unavailable {
        why: Unavailable,
    },
}

/// Why a try could not be counted, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    DiskFull,
    ReadOnly,
    Denied,
    Other,
}

impl Unavailable {
    fn of(e: &std::io::Error) -> Unavailable {
        use std::io::ErrorKind;
        match e.kind() {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Unavailable::DiskFull,
            ErrorKind::ReadOnlyFilesystem => Unavailable::ReadOnly,
            ErrorKind::PermissionDenied => Unavailable::Denied,
            _ => Unavailable::Other,
        }
    }

    /// The word the message selects on.
    pub fn as_str(self) -> &'static str {
        match self {
            Unavailable::DiskFull => "full",
            Unavailable::ReadOnly => "readonly",
            Unavailable::Denied => "denied",
            Unavailable::Other => "other",
        }
    }
}

/// Tries a PIN against the stored hash at time `now` (Unix seconds). Fails closed: the try is
/// counted on disk (synced) before the PIN is checked, and when that is not possible the PIN
/// is not checked at all.
pub fn attempt(data: &Path, counter: Counter, stored_hash: &str, pin: &str, now: i64) -> Outcome {
    let mut state = match Attempts::load(data, counter) {
        Ok(s) => s,
        Err(e) => {
            return Outcome::Unavailable {
                why: Unavailable::of(&e),
            };
        }
    };
    if now < state.blocked_until {
        return Outcome::Blocked {
            wait_secs: state.blocked_until - now,
        };
    }
    if state.failures > 0 && now - state.last_failure >= DECAY_SECS {
        state = Attempts::default();
    }
    state.failures = state.failures.saturating_add(1);
    let wait = Attempts::delay_after(state.failures);
    state.blocked_until = now + wait;
    state.last_failure = now;
    if let Err(e) = state.save(data, counter) {
        return Outcome::Unavailable {
            why: Unavailable::of(&e),
        };
    }
    if matches(pin, stored_hash) {
        // The count was raised before the check; a right PIN clears it.
        let _ = Attempts::default().save(data, counter);
        return Outcome::Accepted;
    }
    Outcome::Wrong { wait_secs: wait }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_digits_only_and_long_enough() {
        assert_eq!(check_format("246813"), Ok(()));
        assert_eq!(check_format("135792"), Ok(()));
        assert_eq!(check_format("12345"), Err(PinError::Format));
        assert_eq!(check_format("12345a"), Err(PinError::Format));
        assert_eq!(check_format("１２３４５６"), Err(PinError::Format));
    }

    #[test]
    fn the_hash_is_argon2id_and_verifies() {
        let h = hash("246810").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(matches("246810", &h));
        assert!(!matches("246811", &h));
        assert!(!matches("246810", "not a hash"));
        assert_ne!(h, hash("246810").unwrap(), "a fresh salt each time");
    }

    #[test]
    fn wrong_tries_slow_down_then_lock_out_and_the_state_survives() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        let mut now = 1_000_000;
        let mut waits = Vec::new();
        for _ in 0..MAX_FAILURES {
            match attempt(dir.path(), Counter::Kiosk, &h, "000000", now) {
                Outcome::Wrong { wait_secs } => waits.push(wait_secs),
                other => panic!("{other:?}"),
            }
            // Trying again at once is blocked, even with the right PIN.
            assert!(matches!(
                attempt(dir.path(), Counter::Kiosk, &h, "135791", now),
                Outcome::Blocked { .. }
            ));
            now += waits[waits.len() - 1];
        }
        assert_eq!(waits, vec![1, 2, 4, 8, LOCKOUT_SECS]);
        // A restart reads the same state.
        assert_eq!(
            Attempts::load(dir.path(), Counter::Kiosk).unwrap().failures,
            MAX_FAILURES
        );
        assert_eq!(
            attempt(dir.path(), Counter::Kiosk, &h, "135791", now),
            Outcome::Accepted
        );
        assert_eq!(
            Attempts::load(dir.path(), Counter::Kiosk).unwrap(),
            Attempts::default()
        );
    }

    #[test]
    fn pins_that_are_guessed_first_are_refused() {
        for weak in [
            "000000",
            "111111",
            "123456",
            "654321",
            "987654",
            "890123",
            "121212",
            "123123",
            "112112",
            "1234567890",
            "99999999",
        ] {
            assert_eq!(check_format(weak), Err(PinError::Weak), "{weak}");
        }
        for ok in ["246810", "135791", "120934", "112233"] {
            assert_eq!(check_format(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn a_try_that_cannot_be_counted_is_never_checked() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        // A folder where the count is kept: it can be neither read nor replaced.
        let path = Attempts::path(dir.path(), Counter::Kiosk);
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), "x").unwrap();
        let mut now = 1_000_000;
        for _ in 0..8 {
            assert!(matches!(
                attempt(dir.path(), Counter::Kiosk, &h, "000000", now),
                Outcome::Unavailable { .. }
            ));
            now += LOCKOUT_SECS;
        }
        assert!(matches!(
            attempt(dir.path(), Counter::Kiosk, &h, "135791", now),
            Outcome::Unavailable { .. }
        ));
        // The dashboard keeps its own count.
        assert_eq!(
            attempt(dir.path(), Counter::Dashboard, &h, "135791", now),
            Outcome::Accepted
        );
        // Unlock clears it; then the right PIN is accepted.
        assert!(Attempts::clear(dir.path(), Counter::Kiosk).unwrap());
        assert_eq!(
            attempt(dir.path(), Counter::Kiosk, &h, "135791", now),
            Outcome::Accepted
        );
    }

    #[test]
    fn a_garbled_count_fails_closed_too() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        std::fs::write(Attempts::path(dir.path(), Counter::Kiosk), "{").unwrap();
        assert!(matches!(
            attempt(dir.path(), Counter::Kiosk, &h, "135791", 1),
            Outcome::Unavailable { .. }
        ));
    }

    #[test]
    fn kiosk_and_dashboard_count_apart_and_a_quiet_day_forgets() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        let mut now = 1_000_000;
        for _ in 0..MAX_FAILURES {
            attempt(dir.path(), Counter::Kiosk, &h, "000000", now);
            now += LOCKOUT_SECS;
        }
        assert_eq!(
            Attempts::load(dir.path(), Counter::Kiosk).unwrap().failures,
            MAX_FAILURES
        );
        assert_eq!(
            Attempts::load(dir.path(), Counter::Dashboard).unwrap(),
            Attempts::default()
        );
        // A day later one typo waits a second, not fifteen minutes.
        now += DECAY_SECS;
        assert_eq!(
            attempt(dir.path(), Counter::Kiosk, &h, "000000", now),
            Outcome::Wrong { wait_secs: 1 }
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(Attempts::path(dir.path(), Counter::Kiosk))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn planted_links_are_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        std::os::unix::fs::symlink(&victim, dir.path().join("pin-attempts.json.tmp")).unwrap();
        std::os::unix::fs::symlink(&victim, Attempts::path(dir.path(), Counter::Dashboard))
            .unwrap();
        // The link where the count is kept is not read as a count: the try fails closed.
        // (So is a named pipe, which would otherwise keep the check waiting forever.)
        assert!(matches!(
            attempt(dir.path(), Counter::Dashboard, &h, "000000", 1),
            Outcome::Unavailable { .. }
        ));
        assert!(matches!(
            attempt(dir.path(), Counter::Kiosk, &h, "000000", 1),
            Outcome::Wrong { .. }
        ));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_in_place_of_the_count_fails_closed_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let h = hash("135791").unwrap();
        let path = Attempts::path(dir.path(), Counter::Kiosk);
        match std::process::Command::new("mkfifo").arg(&path).status() {
            Ok(s) if s.success() => {}
            _ => {
                println!("skipped: mkfifo is not available");
                return;
            }
        }
        let start = std::time::Instant::now();
        assert!(matches!(
            attempt(dir.path(), Counter::Kiosk, &h, "135791", 1),
            Outcome::Unavailable { .. }
        ));
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(Attempts::clear(dir.path(), Counter::Kiosk).unwrap());
    }
}
