//! Everything the ledger holds, built in one place: the record types, the fields every record
//! shares (`employee`, `how`, `recorded_by`, `app`), the employee id rule, the bodies of the
//! employee's own records (consent, withdrawal) and of the records trainers and admins add,
//! and the rules of what may be recorded for whom. Bodies are built from plain facts, so the
//! flow, a trainer's session, `tebiki record`, the dashboard and `tebiki demo` write the same
//! shapes.

pub mod codes;
pub mod consent;
pub mod entry;
pub mod fields;
pub mod identity;

use serde_json::{Map, Value, json};

/// The record types (`type` in the envelope).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RecordType {
    Consent,
    Withdrawal,
    Stage,
    Followup,
    Attendance,
    Champion,
    /// Cancels a mistaken trainer's or admin's record, naming it (`voids`) and why (`note`).
    Void,
    /// Written by the ledger writer itself after a torn tail.
    Recovery,
}

impl RecordType {
    pub const ALL: [RecordType; 8] = [
        RecordType::Consent,
        RecordType::Withdrawal,
        RecordType::Stage,
        RecordType::Followup,
        RecordType::Attendance,
        RecordType::Champion,
        RecordType::Void,
        RecordType::Recovery,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordType::Consent => "consent",
            RecordType::Withdrawal => "withdrawal",
            RecordType::Stage => "stage",
            RecordType::Followup => "followup",
            RecordType::Attendance => "attendance",
            RecordType::Champion => "champion",
            RecordType::Void => "void",
            RecordType::Recovery => "recovery",
        }
    }

    pub fn parse(s: &str) -> Option<RecordType> {
        RecordType::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// The Fluent message that names the type (`record-type-<type>` in `record.ftl`): its
    /// value is the export's word; its attributes are the timeline's word (`.timeline`),
    /// what `tebiki record` says once one is written (`.saved`), and what the dashboard says
    /// before and after writing one (`.dash-confirm`, `.dash-saved`).
    pub fn word_id(self) -> &'static str {
        match self {
            RecordType::Consent => "record-type-consent",
            RecordType::Withdrawal => "record-type-withdrawal",
            RecordType::Stage => "record-type-stage",
            RecordType::Followup => "record-type-followup",
            RecordType::Attendance => "record-type-attendance",
            RecordType::Champion => "record-type-champion",
            RecordType::Void => "record-type-void",
            RecordType::Recovery => "record-type-recovery",
        }
    }

    /// The message `attr` of [`RecordType::word_id`], e.g. `record-type-stage.timeline`.
    pub fn word(self, attr: &str) -> String {
        format!("{}.{attr}", self.word_id())
    }

    /// What the dashboard says once a record of this type is saved (`.dash-saved`).
    pub fn dash_saved_id(self) -> &'static str {
        match self {
            RecordType::Consent => "record-type-consent.dash-saved",
            RecordType::Withdrawal => "record-type-withdrawal.dash-saved",
            RecordType::Stage => "record-type-stage.dash-saved",
            RecordType::Followup => "record-type-followup.dash-saved",
            RecordType::Attendance => "record-type-attendance.dash-saved",
            RecordType::Champion => "record-type-champion.dash-saved",
            RecordType::Void => "record-type-void.dash-saved",
            RecordType::Recovery => "record-type-recovery.dash-saved",
        }
    }
}

/// A person as the roster lists them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    /// Canonical (see [`identity::canonical`]).
    pub id: String,
    pub name: String,
    /// May be empty.
    pub department: String,
}

/// How the person at a terminal showed who they are (`employee.verified`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verified {
    /// Typed their id and confirmed the roster's name for it.
    Roster,
    /// Also gave the personal code issued to them (`tebiki roster codes`).
    Code,
    /// Open mode: id, name and department as typed, nothing checked (`false`).
    No,
}

impl Verified {
    pub fn to_value(self) -> Value {
        match self {
            Verified::Roster => "roster".into(),
            Verified::Code => "code".into(),
            Verified::No => false.into(),
        }
    }
}

/// The person a record is about.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Subject {
    /// Canonical; the roster's form when they are on it.
    pub id: String,
    /// What was typed, when it differs from `id`.
    pub id_as_entered: Option<String>,
    pub name: Option<String>,
    pub department: Option<String>,
    /// Records the person makes themselves at a terminal say how they were identified.
    pub verified: Option<Verified>,
}

impl Subject {
    pub fn id(id: &str) -> Subject {
        Subject {
            id: id.to_string(),
            ..Subject::default()
        }
    }

    /// The roster's person.
    pub fn from_person(p: &Person) -> Subject {
        Subject {
            id: p.id.clone(),
            id_as_entered: None,
            name: Some(p.name.clone()),
            department: Some(p.department.clone()).filter(|d| !d.is_empty()),
            verified: None,
        }
    }

    /// `typed` is kept as `id_as_entered` when it is not exactly the recorded id.
    pub fn typed_as(mut self, typed: &str) -> Subject {
        let typed = typed.trim();
        self.id_as_entered = (typed != self.id).then(|| typed.to_string());
        self
    }

    pub fn to_value(&self) -> Value {
        let mut e = Map::new();
        e.insert("id".into(), self.id.clone().into());
        if let Some(t) = &self.id_as_entered {
            e.insert("id_as_entered".into(), t.clone().into());
        }
        if let Some(n) = self.name.as_deref().filter(|n| !n.is_empty()) {
            e.insert("name".into(), n.into());
        }
        if let Some(d) = self.department.as_deref().filter(|d| !d.is_empty()) {
            e.insert("department".into(), d.into());
        }
        if let Some(v) = self.verified {
            e.insert("verified".into(), v.to_value());
        }
        Value::Object(e)
    }
}

/// The words of `how.method`: a person alone at a terminal, a trainer's session, or a trainer
/// or admin recording by hand.
pub const METHODS: [&str; 3] = ["kiosk", "trainer-session", "admin"];

/// A trainer-led session, as records name it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRef {
    pub id: String,
    pub trainer: String,
}

/// Where a trainer's or admin's record was entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// `tebiki record ...`
    Cli,
    /// `tebiki admin`
    Dashboard,
    /// `tebiki demo` (synthetic records)
    Demo,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Cli => "cli",
            Via::Dashboard => "dashboard",
            Via::Demo => "demo",
        }
    }
}

/// How a record came about (`how`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum How {
    /// The person at a terminal (`tebiki`, attended, or `tebiki kiosk`): method `kiosk`.
    Terminal { mode: &'static str },
    /// In a trainer's session (`tebiki present`): method `trainer-session`.
    Session {
        mode: &'static str,
        session: SessionRef,
    },
    /// A trainer or admin recording by hand: method `admin`.
    Admin { via: Via },
}

impl How {
    pub fn method(&self) -> &'static str {
        match self {
            How::Terminal { .. } => METHODS[0],
            How::Session { .. } => METHODS[1],
            How::Admin { .. } => METHODS[2],
        }
    }

    pub fn to_value(&self) -> Value {
        match self {
            How::Terminal { mode } => {
                json!({ "method": self.method(), "mode": mode, "session": Value::Null })
            }
            How::Session { mode, session } => json!({
                "method": self.method(),
                "mode": mode,
                "session": session.id,
                "trainer": session.trainer,
            }),
            How::Admin { via } => {
                json!({ "method": self.method(), "via": via.as_str(), "session": Value::Null })
            }
        }
    }
}

/// `app`: the program that wrote the record.
pub fn app_value() -> Value {
    json!({ "name": "tebiki", "version": env!("CARGO_PKG_VERSION") })
}

/// `policy`: the policy a record was made under.
pub fn policy_value(id: &str, version: &str) -> Value {
    json!({ "id": id, "version": version })
}
