//! What the flow is told from outside: the organisation's settings and a trainer's session.

use std::time::Duration;

use crate::record::identity::{IdRule, IdentityMode};

/// A trainer-led session, as the records of a person deciding in it name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub id: String,
    pub trainer: String,
    /// The slides shown in the session (their screen ids) when the person's turn began: what
    /// they were shown before deciding, recorded with their decision (`content.slides`).
    pub slides: Vec<String>,
}

/// Organisation settings the flow needs (from config.toml).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Without a key press for this long, a kiosk asks "Still there?".
    pub idle_timeout: Duration,
    /// Untouched this long on its welcome screen, a kiosk shows the attract screen.
    pub attract_after: Duration,
    /// The organisation's name (config `org.name`), for the attract screen.
    pub org_name: Option<String>,
    /// The employee id rule with the organisation's pattern.
    pub id_rule: IdRule,
    /// An id of the organisation's form, shown when a typed one is wrong.
    pub id_example: Option<String>,
    /// How a person shows who they are.
    pub identity: IdentityMode,
    /// Without a key press for this long, the receipt gives way to the welcome screen: the
    /// name and decision of one person do not wait there for the next.
    pub receipt_timeout: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            idle_timeout: Duration::from_secs(90),
            attract_after: Duration::from_secs(30),
            org_name: None,
            id_rule: IdRule::default(),
            id_example: None,
            identity: IdentityMode::Open,
            receipt_timeout: Duration::from_secs(30),
        }
    }
}
