//! Personal codes (identity mode `code`): issued by `tebiki roster codes`, handed to each
//! person on a slip, typed after the id at a terminal. Only an argon2id hash of each code is
//! kept, in `$DATA/identity-codes.json`; the codes themselves are printed once.

use std::collections::BTreeMap;
use std::path::Path;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use password_hash::rand_core::{OsRng, RngCore};
use serde::{Deserialize, Serialize};

use super::identity::key;

/// The file's schema word.
pub const SCHEMA: &str = "tebiki-codes/1";

/// `$DATA/identity-codes.json`: the hash of each person's code, by canonical id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Codes {
    pub schema: String,
    /// Canonical id -> argon2id PHC string.
    pub codes: BTreeMap<String, String>,
}

/// Lighter than the PIN's hash, because hundreds are made at once; still far too slow to try
/// 2^40 codes (8 Crockford characters) against.
fn hasher() -> Argon2<'static> {
    let params = Params::new(8 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A new code: 8 characters of Crockford base32 from the OS's random source, grouped `XXXX-XXXX`.
pub fn new_code() -> String {
    let mut bytes = [0u8; 5];
    OsRng.fill_bytes(&mut bytes);
    super::consent::receipt_code(&bytes)
}

/// How a typed code is compared: upper case, without spaces and dashes, with the letters
/// Crockford reads as digits (I, L -> 1; O -> 0).
pub fn normal_form(typed: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    typed
        .nfkc()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'I' | 'L' => '1',
            'O' => '0',
            c => c,
        })
        .collect()
}

impl Codes {
    pub fn path(data: &Path) -> std::path::PathBuf {
        data.join("identity-codes.json")
    }

    /// The issued codes; a missing file has none.
    pub fn load(path: &Path) -> std::io::Result<Codes> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Codes {
                schema: SCHEMA.into(),
                codes: BTreeMap::new(),
            }),
            Err(e) => Err(e),
        }
    }

    /// Issues a new code for `id` (replacing an earlier one) and returns it.
    pub fn issue(&mut self, id: &str) -> Result<String, String> {
        let code = new_code();
        let salt = SaltString::generate(&mut OsRng);
        let hash = hasher()
            .hash_password(normal_form(&code).as_bytes(), &salt)
            .map_err(|e| e.to_string())?
            .to_string();
        self.schema = SCHEMA.into();
        self.codes.insert(key(id), hash);
        Ok(code)
    }

    /// Whether a code was issued for `id` (any case or width of it).
    pub fn issued_for(&self, id: &str) -> bool {
        self.codes.contains_key(&key(id))
    }

    /// Whether `typed` is the code issued for `id`.
    pub fn matches(&self, id: &str, typed: &str) -> bool {
        let Some(stored) = self.codes.get(&key(id)) else {
            return false;
        };
        PasswordHash::new(stored).is_ok_and(|h| {
            hasher()
                .verify_password(normal_form(typed).as_bytes(), &h)
                .is_ok()
        })
    }

    /// Written whole to a new file beside the old one, synced, then renamed over it.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        serde_json::to_writer_pretty(&mut tmp, self)?;
        tmp.as_file().sync_all()?;
        tmp.persist(path).map_err(|e| e.error)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_code_matches_only_its_person_and_is_kept_only_as_a_hash() {
        let mut codes = Codes::default();
        let code = codes.issue("E0001").unwrap();
        let other = codes.issue("E0002").unwrap();
        assert!(codes.matches("E0001", &code));
        assert!(codes.matches("e0001", &code.to_lowercase().replace('-', " ")));
        assert!(!codes.matches("E0001", &other));
        assert!(!codes.matches("E0003", &code));
        let stored = serde_json::to_string(&codes).unwrap();
        assert!(!stored.contains(&code) && !stored.contains(&normal_form(&code)));
        assert!(stored.contains("$argon2id$"));
    }
}
