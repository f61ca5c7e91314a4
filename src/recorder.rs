//! Carries out the app's effects: appends records to this terminal's ledger file and tells the
//! app whether they are on disk; checks the staff PIN of a kiosk.

use std::path::PathBuf;
use std::time::Duration;

use crate::app::{App, Effect};
use crate::ledger::{Checked, LedgerError, Writer};
use crate::record::RecordType;
use crate::record::codes::Codes;
use crate::record::entry::Refusal;
use crate::state::ConsentState;

/// How long a kiosk waits for another writer (a CLI `record`) to finish with the file.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

pub struct Recorder {
    dir: PathBuf,
    kiosk: String,
    writer: Option<Writer>,
    /// The data folder (for the PIN attempt state) and the PIN hash, on a kiosk.
    pin: Option<(PathBuf, String)>,
    /// Where the personal codes' hashes are (identity mode `code`).
    codes: Option<PathBuf>,
    /// The size and status change time of the terminal's own file when its chain was last
    /// found whole (checked at start and after each record): only this terminal writes it, so
    /// while they stay the same it has not been changed since.
    intact: Option<(u64, (i64, i64))>,
}

impl Recorder {
    /// The ledger folder it writes to.
    pub fn ledger_dir(&self) -> &std::path::Path {
        &self.dir
    }

    pub fn new(dir: PathBuf, kiosk: String) -> Recorder {
        Recorder {
            dir,
            kiosk,
            writer: None,
            pin: None,
            codes: None,
            intact: None,
        }
    }

    /// Lets the recorder check personal codes against the hashes in `path`.
    pub fn with_codes(mut self, path: PathBuf) -> Recorder {
        self.codes = Some(path);
        self
    }

    /// Lets the recorder check the staff PIN against `hash`, keeping attempts in `data`.
    pub fn with_pin(mut self, data: PathBuf, hash: String) -> Recorder {
        self.pin = Some((data, hash));
        self
    }

    /// Opens the ledger file now, so a problem shows before anyone starts, not at the end.
    pub fn open(&mut self) -> Result<&mut Writer, LedgerError> {
        match self.writer {
            Some(ref mut w) => Ok(w),
            None => Ok(self
                .writer
                .insert(Writer::open(&self.dir, &self.kiosk, LOCK_WAIT)?)),
        }
    }

    /// Like [`Recorder::open`], and also claims the kiosk id so a second process cannot run as
    /// it. Refused when the terminal's own file has a break in its hash chain: what it would
    /// record after it would be saved and never used (and a receipt given for it).
    pub fn open_exclusive(&mut self) -> Result<(), LedgerError> {
        self.open()?.claim_instance()?;
        self.own_file_whole()
    }

    /// Whether the terminal's own file still has its hash chain whole: looked at again only
    /// when something other than this terminal's records changed it since it was last found
    /// so (a break made while the terminal runs: what it recorded after would never be used).
    fn own_file_whole(&mut self) -> Result<(), LedgerError> {
        let path = self.open()?.path().to_path_buf();
        let now = std::fs::metadata(&path)
            .ok()
            .map(|m| crate::ledger::file_stamp(&m));
        if now.is_some() && now == self.intact {
            return Ok(());
        }
        match crate::ledger::first_break(&path) {
            Ok(Some(line)) => Err(LedgerError::ChainBroken { path, line }),
            Ok(None) => {
                self.intact = now;
                Ok(())
            }
            // Not made yet (a new terminal): nothing to check.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(LedgerError::io(&path, crate::ledger::IoOp::Read, e)),
        }
    }

    /// Performs one effect and reports the outcome to the app. A failure is final for that
    /// record: the app shows that nothing was saved. The writer has rolled the file back and
    /// re-reads its end on the next append, so it is kept (with its claim on the kiosk id).
    pub fn perform(&mut self, app: &mut App, effect: Effect) {
        match effect {
            Effect::Append { record_type, body } => {
                let version = app.content.manifest.policy_version.clone();
                let dir = self.dir.clone();
                // What the check under the lock found, when it refuses: the person is told it.
                let mut found = None;
                // What it found of a person whose withdrawal it takes: the receipt names the
                // policy version of the consent withdrawn.
                let mut withdrawn = None;
                let whole = self.own_file_whole().map_err(Checked::Ledger);
                let outcome = whole
                    .and_then(|()| self.open().map_err(Checked::Ledger))
                    .and_then(|w| {
                        w.append_checked(|| {
                            if record_type == RecordType::Withdrawal {
                                // Under the check lock, against the ledger as it is now: only a
                                // consent (in force, or given under an older policy version) is
                                // withdrawn, and only once.
                                let id = crate::state::employee_id(&serde_json::Value::Object(
                                    body.clone(),
                                ))
                                .unwrap_or_default()
                                .to_string();
                                // Taken all the same when records about them were withheld by a
                                // break, unless what can be used ends in a withdrawal already.
                                let (state, issues) =
                                    crate::status::load(&dir, &id, &version).map_err(Err)?;
                                let prior = crate::app::Prior::of(&id, state, &issues);
                                if !matches!(
                                    prior.consent,
                                    ConsentState::Given | ConsentState::Expired
                                ) && !prior.withdraws_despite_withheld()
                                {
                                    found = Some(prior);
                                    return Err(Ok(Refusal::NothingToWithdraw));
                                }
                                let mut body = body;
                                crate::record::entry::name_withdrawn_version(
                                    &mut body,
                                    prior.consent,
                                    prior.policy_version.as_deref(),
                                    prior.withheld,
                                );
                                withdrawn = Some(prior);
                                return Ok((record_type.as_str().to_string(), body));
                            }
                            Ok((record_type.as_str().to_string(), body))
                        })
                    });
                match outcome {
                    Ok(done) => {
                        // Its own record: the file is as whole as it was found before it.
                        self.intact = self
                            .writer
                            .as_ref()
                            .and_then(|w| std::fs::metadata(w.path()).ok())
                            .map(|m| crate::ledger::file_stamp(&m));
                        if withdrawn.is_some() {
                            app.person.prior = withdrawn;
                        }
                        app.record_saved(record_type, done.id.to_string(), done.at);
                        app.record_witness(&self.kiosk, done.seq, &done.line_sha256);
                    }
                    // The ledger could not be read to check it: nothing written, said as such
                    // (not as "nothing to withdraw").
                    Err(Checked::Ledger(e) | Checked::Refused(Err(e))) => {
                        let words = crate::error_text::describe(
                            &app.loc,
                            &app.lang,
                            crate::error_text::Failure::Ledger(&e),
                        );
                        app.record_failed(words.line());
                    }
                    Err(Checked::Refused(Ok(_))) => app.record_refused(found),
                }
            }
            Effect::VerifyCode { id, code } => {
                use crate::app::CodeCheck;
                let found = match self.codes.as_deref().map(Codes::load) {
                    Some(Ok(codes)) if !codes.issued_for(&id) => CodeCheck::NotIssued,
                    Some(Ok(codes)) if codes.matches(&id, &code) => CodeCheck::Right,
                    Some(Ok(_)) => CodeCheck::Wrong,
                    Some(Err(_)) | None => CodeCheck::Unavailable,
                };
                if let Some(next) = app.code_outcome(found) {
                    self.perform(app, next);
                }
            }
            Effect::VerifyPin(pin) => {
                let now = jiff::Timestamp::now().as_second();
                let outcome = match &self.pin {
                    Some((data, hash)) => {
                        crate::pin::attempt(data, crate::pin::Counter::Kiosk, hash, &pin, now)
                    }
                    // No PIN configured: nothing can unlock (a kiosk does not start without one).
                    None => crate::pin::Outcome::Blocked { wait_secs: 60 },
                };
                app.pin_outcome(outcome);
            }
            Effect::Lookup(id) => {
                let prior = self.prior(&id, &app.content.manifest.policy_version);
                app.lookup_done(prior);
            }
        }
    }

    /// What the ledger says of `id` now, for content of `policy_version`; `None` when it
    /// cannot be read. Unreadable lines do not stop the person: their decision is recorded
    /// anyway.
    pub fn prior(&self, id: &str, policy_version: &str) -> Option<crate::app::Prior> {
        crate::status::load(&self.dir, id, policy_version)
            .ok()
            .map(|(state, issues)| crate::app::Prior::of(id, state, &issues))
    }
}
