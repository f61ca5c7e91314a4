//! Errors in words: what happened (to which file), and what to do, in the user's language, for
//! every mode (commands, kiosk, trainer, dashboard). An operating system's own error text is
//! never shown: the advice is chosen by the kind of error.

use std::io;
use std::path::Path;

use crate::i18n::{Lang, Localizer};
use crate::ledger::LedgerError;

/// Something that went wrong, as it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Words {
    /// What happened.
    pub what: String,
    /// The file or folder, when there is one.
    pub place: Option<String>,
    /// What to do about it.
    pub todo: String,
}

impl Words {
    /// All of it on one line, for a notice in a full-screen mode: "what (place). todo".
    pub fn line(&self) -> String {
        match &self.place {
            Some(p) => format!("{} ({p}) {}", self.what, self.todo),
            None => format!("{} {}", self.what, self.todo),
        }
    }
}

/// An error to put into words.
#[derive(Debug, Clone, Copy)]
pub enum Failure<'a> {
    /// An I/O error on this file or folder (when known).
    Io(&'a io::Error, Option<&'a Path>),
    /// An I/O error known only by its kind.
    IoKind(io::ErrorKind, Option<&'a Path>),
    Ledger(&'a LedgerError),
    /// The terminal could not be read or written (or set up).
    Terminal(&'a io::Error),
}

/// The message ids (what, what to do) for an I/O error of this kind.
pub fn io_ids(kind: io::ErrorKind) -> (&'static str, &'static str) {
    use io::ErrorKind as K;
    match kind {
        K::NotFound => ("io-not-found", "todo-io-not-found"),
        K::PermissionDenied => ("io-permission", "todo-io-permission"),
        K::StorageFull | K::QuotaExceeded | K::FileTooLarge => ("io-full", "todo-io-full"),
        K::AlreadyExists => ("io-exists", "todo-io-exists"),
        K::ReadOnlyFilesystem => ("io-read-only", "todo-io-read-only"),
        K::InvalidData => ("io-invalid-data", "todo-io-invalid-data"),
        K::IsADirectory => ("io-is-dir", "todo-io-is-dir"),
        // What [`crate::safe_file::AtomicFile::create`] says of a device, pipe or socket.
        K::Unsupported => ("io-not-file", "todo-io-not-file"),
        K::NotADirectory => ("io-not-dir", "todo-io-not-found"),
        K::ResourceBusy | K::WouldBlock | K::Deadlock => ("io-busy", "todo-io-busy"),
        K::TimedOut
        | K::ConnectionReset
        | K::ConnectionAborted
        | K::NotConnected
        | K::NetworkUnreachable
        | K::HostUnreachable
        | K::NetworkDown
        | K::StaleNetworkFileHandle
        | K::BrokenPipe => ("io-network", "todo-io-network"),
        _ => ("io-other", "todo-io-other"),
    }
}

/// The one place an error becomes words, in `lang`.
pub fn describe(loc: &Localizer, lang: &Lang, failure: Failure<'_>) -> Words {
    let place = |p: Option<&Path>| p.map(|p| p.display().to_string());
    match failure {
        Failure::Io(e, path) => {
            let mut w = describe(loc, lang, Failure::IoKind(e.kind(), path));
            if let ("io-other", Some(code)) = (io_ids(e.kind()).0, e.raw_os_error()) {
                w.what = loc.ta(lang, "io-other-code", &[("code", code.into())]);
            }
            w
        }
        Failure::IoKind(kind, path) => {
            let (what, todo) = io_ids(kind);
            Words {
                what: loc.t(lang, what),
                place: place(path),
                todo: loc.t(lang, todo),
            }
        }
        Failure::Terminal(e) => Words {
            what: match e.raw_os_error() {
                Some(code) => loc.ta(lang, "error-terminal-io-code", &[("code", code.into())]),
                None => loc.t(lang, "error-terminal-io"),
            },
            place: None,
            todo: loc.t(lang, "todo-terminal"),
        },
        Failure::Ledger(e) => match e {
            LedgerError::Io { path, source, .. } => {
                describe(loc, lang, Failure::Io(source, Some(path)))
            }
            LedgerError::LockTimeout { path, .. } => Words {
                what: loc.t(lang, "error-ledger-busy"),
                place: place(Some(path)),
                todo: loc.t(lang, "todo-io-busy"),
            },
            LedgerError::InstanceBusy { path } => Words {
                what: loc.t(lang, "error-kiosk-running"),
                place: place(Some(path)),
                todo: loc.t(lang, "todo-kiosk-running"),
            },
            LedgerError::BadKioskId(id) => Words {
                what: loc.ta(lang, "error-kiosk-id", &[("id", id.clone().into())]),
                place: None,
                todo: loc.t(lang, "todo-config"),
            },
            LedgerError::CorruptTail { path, line } => Words {
                what: loc.t(lang, "error-ledger-corrupt-tail"),
                place: Some(format!("{}:{line}", path.display())),
                todo: loc.t(lang, "todo-verify"),
            },
            LedgerError::ChainBroken { path, line } => Words {
                what: loc.t(lang, "error-ledger-chain-broken"),
                place: Some(format!("{}:{line}", path.display())),
                todo: loc.t(lang, "todo-ledger-chain-broken"),
            },
            LedgerError::NotAFile { .. } | LedgerError::SeqExhausted { .. } => {
                // A ledger path that is not a plain file, or a file at the end of its numbers.
                let r = ledger_refusal(e).unwrap_or(Refusal {
                    what: "error-ledger-record-invalid",
                    kind: "",
                    place: String::new(),
                    todo: "todo-verify",
                });
                Words {
                    what: loc.ta(lang, r.what, &[("kind", r.kind.into())]),
                    place: Some(r.place),
                    todo: loc.t(lang, r.todo),
                }
            }
            LedgerError::ClockBehindSeal { seal, seal_at, now } => Words {
                what: loc.ta(
                    lang,
                    "error-clock-behind-seal",
                    &[
                        (
                            "now",
                            now.strftime("%Y-%m-%d %H:%M:%S UTC").to_string().into(),
                        ),
                        (
                            "seal_at",
                            seal_at.strftime("%Y-%m-%d %H:%M:%S UTC").to_string().into(),
                        ),
                    ],
                ),
                place: place(Some(seal)),
                todo: loc.t(lang, "todo-clock-behind-seal"),
            },
            LedgerError::BadRecordType(_) | LedgerError::ReservedKey { .. } => Words {
                what: loc.t(lang, "error-ledger-record-invalid"),
                place: None,
                todo: loc.t(lang, "todo-report-bug"),
            },
        },
    }
}

/// A ledger file that tebiki refuses to append to: the message id, its `kind` argument,
/// where (the file, with the line when known), and what to do.
pub(crate) struct Refusal {
    pub what: &'static str,
    pub kind: &'static str,
    pub place: String,
    pub todo: &'static str,
}

pub(crate) fn ledger_refusal(e: &LedgerError) -> Option<Refusal> {
    match e {
        LedgerError::NotAFile { path, kind } => Some(Refusal {
            what: "error-ledger-not-file",
            kind: kind.as_str(),
            place: path.display().to_string(),
            todo: "todo-ledger-not-file",
        }),
        LedgerError::SeqExhausted { path } => Some(Refusal {
            what: "error-ledger-seq-end",
            kind: "",
            place: path.display().to_string(),
            todo: "todo-ledger-seq-end",
        }),
        LedgerError::CorruptTail { path, line } => Some(Refusal {
            what: "error-ledger-tail",
            kind: "",
            place: format!("{}:{line}", path.display()),
            todo: "todo-verify",
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advice_follows_the_kind_of_error() {
        assert_eq!(io_ids(io::ErrorKind::NotFound).1, "todo-io-not-found");
        assert_eq!(
            io_ids(io::ErrorKind::PermissionDenied).1,
            "todo-io-permission"
        );
        assert_eq!(io_ids(io::ErrorKind::StorageFull).1, "todo-io-full");
        assert_eq!(io_ids(io::ErrorKind::InvalidData).1, "todo-io-invalid-data");
        assert_eq!(io_ids(io::ErrorKind::Unsupported).1, "todo-io-not-file");
        assert_eq!(io_ids(io::ErrorKind::Other).1, "todo-io-other");
    }
}
