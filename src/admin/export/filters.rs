//! Which records an export takes: dates, departments, statuses (`--since`, `--until`, `--dept`,
//! `--status`).

use super::*;

/// What `--status` can select (see the module comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFilter {
    Given,
    Refused,
    Deferred,
    Withdrawn,
    #[value(name = "not_started")]
    NotStarted,
    Informed,
    Hesitant,
    Parallel,
    Migrated,
    #[value(name = "opted_out")]
    OptedOut,
    /// A `--status` value that is none of these: it matches no record (and is warned about).
    #[value(skip)]
    Unknown,
}

/// One `--status` value as given: a known one, or one that matches nothing known (the export
/// is still written, with a warning naming the known values, and exit 1, as for `--dept`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusArg {
    Known(StatusFilter),
    Unknown(String),
}

impl StatusArg {
    pub fn filter(&self) -> StatusFilter {
        match self {
            StatusArg::Known(f) => *f,
            StatusArg::Unknown(_) => StatusFilter::Unknown,
        }
    }
}

/// Reads a `--status` value without refusing an unknown one; help still lists the known ones.
#[derive(Debug, Clone, Copy)]
pub struct StatusParser;

impl clap::builder::TypedValueParser for StatusParser {
    type Value = StatusArg;

    fn parse_ref(
        &self,
        _cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<StatusArg, clap::Error> {
        let text = value.to_string_lossy();
        let text = text.trim();
        Ok(
            match <StatusFilter as clap::ValueEnum>::from_str(text, true) {
                Ok(f) => StatusArg::Known(f),
                Err(_) => StatusArg::Unknown(text.to_string()),
            },
        )
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            <StatusFilter as clap::ValueEnum>::value_variants()
                .iter()
                .filter_map(clap::ValueEnum::to_possible_value),
        ))
    }
}

impl StatusFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusFilter::Given => "given",
            StatusFilter::Refused => "refused",
            StatusFilter::Deferred => "deferred",
            StatusFilter::Withdrawn => "withdrawn",
            StatusFilter::NotStarted => "not_started",
            StatusFilter::Informed => "informed",
            StatusFilter::Hesitant => "hesitant",
            StatusFilter::Parallel => "parallel",
            StatusFilter::Migrated => "migrated",
            StatusFilter::OptedOut => "opted_out",
            StatusFilter::Unknown => "unknown",
        }
    }

    pub(super) fn matches(self, record_type: &str, f: &Fields<'_>) -> bool {
        match self {
            StatusFilter::Given | StatusFilter::Refused | StatusFilter::Deferred => {
                record_type == "consent" && f.decision.as_deref() == Some(self.as_str())
            }
            StatusFilter::Withdrawn => record_type == "withdrawal",
            StatusFilter::Unknown => false,
            _ => record_type == "stage" && f.stage.as_deref() == Some(self.as_str()),
        }
    }
}

/// Which records an export keeps.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Inclusive.
    pub since: Option<Timestamp>,
    /// Exclusive (see [`parse_bound`]).
    pub until: Option<Timestamp>,
    pub status: Vec<StatusFilter>,
    /// Normalised with [`dept_key`].
    pub depts: Vec<String>,
}

/// A department as compared by `--dept`.
pub fn dept_key(s: &str) -> String {
    s.trim().nfkc().collect()
}

impl Filters {
    /// Whether `at` is inside `--since` / `--until`.
    pub fn in_time(&self, at: Timestamp) -> bool {
        !(self.since.is_some_and(|s| at < s) || self.until.is_some_and(|u| at >= u))
    }

    /// Whether the filters need the record's fields: the status and department filters, and
    /// the time filters (which apply to when the event happened, `occurred_at`).
    pub fn needs_fields(&self) -> bool {
        !self.status.is_empty()
            || !self.depts.is_empty()
            || self.since.is_some()
            || self.until.is_some()
    }

    /// When the event happened: the record's `occurred_at` when it says, else its `at`.
    pub fn when(at: Timestamp, f: &Fields<'_>) -> Timestamp {
        f.occurred_at
            .as_deref()
            .and_then(|t| t.parse().ok())
            .unwrap_or(at)
    }

    /// Every filter, on a record whose envelope time is `at` and whose fields are `f`. A
    /// correction (`void`) passes, to be kept exactly when the record it cancels was written
    /// ([`Exported::keep`]): a record a filtered export holds that was voided is never shown
    /// without the void that cancels it, and no other void is.
    pub fn matches_fields(&self, record_type: &str, at: Timestamp, f: &Fields<'_>) -> bool {
        if record_type == "void" {
            return true;
        }
        if !self.in_time(Self::when(at, f)) {
            return false;
        }
        if !self.status.is_empty() && !self.status.iter().any(|s| s.matches(record_type, f)) {
            return false;
        }
        if !self.depts.is_empty() {
            match f.department() {
                Some(d) if self.depts.contains(&dept_key(d)) => {}
                _ => return false,
            }
        }
        true
    }

    /// Every filter, for one record.
    pub fn matches(&self, r: &Record) -> bool {
        !self.needs_fields()
            || Fields::with(&r.raw, |f| self.matches_fields(&r.record_type, r.at, f))
    }

    pub(super) fn to_json(&self) -> Value {
        serde_json::json!({
            "since": self.since.map(|t| t.to_string()),
            "until_before": self.until.map(|t| t.to_string()),
            "status": self.status.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
            "dept": self.depts,
        })
    }
}

/// With filters, what a filtered export has written so far of the records that can be voided
/// (the low 64 bits of their ids, as `tebiki verify` keeps them): a `void` that passed the
/// filters is kept exactly when the record it cancels was written before it.
#[derive(Debug, Default)]
pub struct Exported(std::collections::HashSet<u64>);

impl Exported {
    /// Whether a record that passed the filters is written; `voids` is a void's target.
    pub fn keep(&mut self, id: uuid::Uuid, record_type: &str, voids: Option<&str>) -> bool {
        if record_type == "void" {
            return voids
                .and_then(|t| t.parse::<uuid::Uuid>().ok())
                .is_some_and(|t| self.0.contains(&low64(t)));
        }
        if !crate::state::NOT_VOIDABLE.contains(&record_type) {
            self.0.insert(low64(id));
        }
        true
    }
}

fn low64(id: uuid::Uuid) -> u64 {
    id.as_u128() as u64
}

/// A void's target as its fields give it (`None` for any other record).
pub fn void_target<'f>(record_type: &str, f: &'f Fields<'_>) -> Option<&'f str> {
    (record_type == "void").then(|| f.voids.as_ref().and_then(|v| v.0.as_deref()).unwrap_or(""))
}
