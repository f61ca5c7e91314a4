//! tebiki: a guided, bilingual onboarding for using LINE WORKS on your own smartphone, with
//! each person's informed choice recorded as evidence.
//!
//! The domain (content, i18n, ledger, state) knows nothing of the terminal; `app` holds the
//! flow's state and update, `ui` draws it, `run` connects both to a real terminal.
#![forbid(unsafe_code)]

pub mod admin;
pub mod app;
pub mod cli;
pub mod command;
pub mod config;
pub mod content;
pub mod dashboard;
pub mod day;
pub mod encoding;
pub mod error_text;
pub mod escape;
pub mod glyphs;
pub mod i18n;
pub mod ids;
pub mod intern;
pub mod keys;
pub mod layout;
pub mod ledger;
pub mod pin;
pub mod present;
pub mod progress;
pub mod record;
pub mod recorder;
pub mod roster;
pub mod run;
pub mod safe_file;
pub mod source;
pub mod state;
pub mod status;
pub mod terminal_width;
pub mod text_field;
pub mod ui;
pub mod verify_text;
pub mod viewport;
pub mod wrap;

/// Who is at the terminal and the kiosk's behaviour are part of the flow (`app::identify`,
/// `app::kiosk`); the old paths stay for callers.
pub use app::{identify, kiosk};
