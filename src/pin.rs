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

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinError {
    /// Not only digits, or too short.
    Format,
    /// The two entries differ.
    Mismatch,
    Hash(String),
}

/// Checks the form of a new PIN: digits only, at least [`MIN_DIGITS`].
pub fn check_format(pin: &str) -> Result<(), PinError> {
    if pin.len() >= MIN_DIGITS && pin.bytes().all(|b| b.is_ascii_digit()) {
        Ok(())
    } else {
        Err(PinError::Format)
    }
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
    PasswordHash::new(stored)
        .map(|h| {
            Argon2::default()
                .verify_password(pin.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Wrong tries so far, kept in `$DATA/pin-attempts.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempts {
    pub failures: u32,
    /// Unix seconds before which no PIN is accepted.
    pub blocked_until: i64,
}

impl Attempts {
    pub fn path(data: &Path) -> PathBuf {
        data.join("pin-attempts.json")
    }

    /// Reads the state; a missing or unreadable file means no failures (the file only ever
    /// slows an attacker down, it is not evidence).
    pub fn load(data: &Path) -> Attempts {
        std::fs::read(Attempts::path(data))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, data: &Path) -> std::io::Result<()> {
        let path = Attempts::path(data);
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        crate::safe_file::write_atomic(&path, &bytes, 0o600)
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
}

/// Tries a PIN against the stored hash at time `now` (Unix seconds), updating the kept state.
pub fn attempt(data: &Path, stored_hash: &str, pin: &str, now: i64) -> Outcome {
    let mut state = Attempts::load(data);
    if now < state.blocked_until {
        return Outcome::Blocked {
            wait_secs: state.blocked_until - now,
        };
    }
    if matches(pin, stored_hash) {
        if state != Attempts::default() {
            let _ = Attempts::default().save(data);
        }
        return Outcome::Accepted;
    }
    state.failures += 1;
    let wait = Attempts::delay_after(state.failures);
    state.blocked_until = now + wait;
    // Failing to save only loses the slow-down, never lets a wrong PIN in.
    let _ = state.save(data);
    Outcome::Wrong { wait_secs: wait }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pin_is_digits_only_and_long_enough() {
        assert_eq!(check_format("123456"), Ok(()));
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
            match attempt(dir.path(), &h, "000000", now) {
                Outcome::Wrong { wait_secs } => waits.push(wait_secs),
                other => panic!("{other:?}"),
            }
            // Trying again at once is blocked, even with the right PIN.
            assert!(matches!(
                attempt(dir.path(), &h, "135791", now),
                Outcome::Blocked { .. }
            ));
            now += waits[waits.len() - 1];
        }
        assert_eq!(waits, vec![1, 2, 4, 8, LOCKOUT_SECS]);
        // A restart reads the same state.
        assert_eq!(Attempts::load(dir.path()).failures, MAX_FAILURES);
        assert_eq!(attempt(dir.path(), &h, "135791", now), Outcome::Accepted);
        assert_eq!(Attempts::load(dir.path()), Attempts::default());
    }
}
