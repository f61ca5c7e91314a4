//! The census: every person's state folded from the ledger once, and the counts the report
//! is made of.

use super::*;
use crate::record::identity;

pub(super) fn consent_index(c: ConsentState) -> usize {
    CONSENT_ORDER.iter().position(|x| *x == c).unwrap_or(0)
}

pub(super) const NONE: u32 = u32::MAX;

/// The open follow-up of one person.
#[derive(Debug, Clone)]
pub(super) struct Followup {
    pub(super) due: Option<Date>,
    pub(super) note: Option<Box<str>>,
}

/// One person's folded state: a few bytes, plus a name only for people not on the roster.
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// The id as the report shows it: the roster's, else as first recorded.
    pub(super) id: Box<str>,
    pub(super) standing: Standing,
    /// Interned policy version of the decision behind the consent state.
    pub(super) policy: u32,
    /// The open follow-up's details (open while `standing.followup_open`).
    pub(super) followup: Option<Followup>,
    /// Interned, the latest recorded.
    pub(super) department: u32,
    /// Index into the roster, or [`NONE`].
    pub(super) roster: u32,
    /// The latest recorded name (kept only for people not on the roster).
    pub(super) name: Option<Box<str>>,
    /// Their latest decision or withdrawal was made without an identity check (open mode, or
    /// a record from before identities were checked).
    pub(super) unverified: bool,
    /// Their latest decision was made after passing a required screen quicker than skimming.
    pub(super) fast: bool,
}

impl Person {
    pub(super) fn new(id: &str, roster: u32) -> Person {
        Person {
            id: id.into(),
            standing: Standing::NEW,
            policy: NONE,
            followup: None,
            department: NONE,
            roster,
            name: None,
            unverified: false,
            fast: false,
        }
    }
}

/// The streaming fold: feed records in ledger order with [`Census::add`], then
/// [`Census::finish`].
#[derive(Debug)]
pub struct Census {
    pub(super) roster: Option<Vec<Employee>>,
    /// Keyed by each id's [`identity::key`] (one person whatever the case their id was
    /// recorded in), with foldhash: the ids are looked up once per record, where the default
    /// SipHash costs more than the fold; its seed is random per process, as SipHash's is.
    pub(super) people: HashMap<Box<str>, Person, foldhash::fast::RandomState>,
    /// People (their keys) in order of first appearance (the roster first), for stable lists.
    pub(super) order: Vec<Box<str>>,
    pub(super) departments: Interner,
    pub(super) versions: Interner,
    pub(super) records: u64,
    /// People (their keys) with a `void` among their records: folded again, without the
    /// records voided, once the pass is over ([`Census::refold`]).
    pub(super) voiding: std::collections::HashSet<Box<str>>,
}

impl Census {
    pub fn new(roster: Option<Vec<Employee>>) -> Census {
        let mut census = Census {
            roster: None,
            people: HashMap::default(),
            order: Vec::new(),
            departments: Interner::default(),
            versions: Interner::default(),
            records: 0,
            voiding: std::collections::HashSet::new(),
        };
        if let Some(employees) = &roster {
            census.people.reserve(employees.len());
            for (i, e) in employees.iter().enumerate() {
                let key: Box<str> = identity::key(&e.id).into();
                if !census.people.contains_key(&key) {
                    census.order.push(key.clone());
                    census.people.insert(key, Person::new(&e.id, i as u32));
                }
            }
        }
        census.roster = roster;
        census
    }

    /// Gives a census folded without a roster the roster read meanwhile: it is then the census
    /// [`Census::new`] with that roster would have folded (the roster's people first, in its
    /// order, the first of a repeated id counting; then the others in order of appearance;
    /// names kept only for people not on the roster).
    pub fn attach_roster(&mut self, roster: Option<Vec<Employee>>) {
        let Some(employees) = roster else { return };
        debug_assert!(self.roster.is_none(), "a roster is attached once");
        let mut order = Vec::with_capacity(employees.len() + self.order.len());
        self.people.reserve(employees.len());
        for (i, e) in employees.iter().enumerate() {
            let key: Box<str> = identity::key(&e.id).into();
            match self.people.get_mut(&key) {
                Some(p) if p.roster == NONE => {
                    p.roster = i as u32;
                    p.name = None;
                    p.id = e.id.as_str().into();
                    order.push(key);
                }
                // A repeated id: the first counts.
                Some(_) => {}
                None => {
                    order.push(key.clone());
                    self.people.insert(key, Person::new(&e.id, i as u32));
                }
            }
        }
        let people = &self.people;
        order.extend(
            self.order
                .drain(..)
                .filter(|id| people.get(id).is_some_and(|p| p.roster == NONE)),
        );
        self.order = order;
        self.roster = Some(employees);
    }

    /// Folds one record (the whole stored object) into its employee's state.
    pub fn add_value(&mut self, record: &Value) {
        self.add(&Essentials::from_value(record));
    }

    /// Folds one record, given by its fields, into its employee's state.
    pub fn add(&mut self, f: &Essentials<'_>) {
        self.records += 1;
        self.fold(f);
    }

    /// The people whose records include a `void`: their state counts only once
    /// [`Census::refold`] has folded them again without the records voided.
    pub fn voiding(&self) -> &std::collections::HashSet<Box<str>> {
        &self.voiding
    }

    /// Folds person `id` again from `records` (all of theirs, in ledger order), leaving out
    /// every record a `void` among them cancels, as the state fold does.
    pub fn refold(&mut self, key: &str, records: &[Value]) {
        let voided = crate::state::voided_ids(records.iter());
        let Some(person) = self.people.get_mut(key) else {
            return;
        };
        let mut fresh = Person::new(&person.id, person.roster);
        fresh.department = person.department;
        fresh.name = person.name.take();
        *person = fresh;
        for r in records {
            let rid = r.get("id").and_then(Value::as_str).unwrap_or("");
            if voided.contains_key(rid)
                || !crate::state::employee_id(r).is_some_and(|id| identity::same_id(id, key))
            {
                continue;
            }
            self.fold(&Essentials::from_value(r));
        }
    }

    pub(super) fn fold(&mut self, f: &Essentials<'_>) {
        let Some(id) = f.employee_id() else {
            return;
        };
        let record_type = f.record_type.as_deref().unwrap_or("");
        let person = identity::with_key(id, |key| {
            if !self.people.contains_key(key) {
                let key: Box<str> = key.into();
                self.order.push(key.clone());
                self.people.insert(key, Person::new(id, NONE));
            }
            self.people.get_mut(key)
        });
        let Some(person) = person else { return };
        if let Some(d) = f.department().map(str::trim).filter(|d| !d.is_empty())
            // Most records repeat the person's department: no lookup needed then.
            && self.departments.get(person.department) != Some(d)
        {
            person.department = self.departments.intern(d);
        }
        if person.roster == NONE
            && let Some(name) = f.employee_name()
            // Most records repeat the person's name: kept as it is then.
            && person.name.as_deref() != Some(name)
        {
            person.name = Some(name.into());
        }
        if record_type == "void" {
            self.voiding.insert(identity::key(id).into());
        }
        let applied = person.standing.apply(&Event {
            record_type,
            decision: f.decision.as_deref(),
            stage: f.stage.as_deref(),
            active: f.active,
            supports: f.supports.as_deref(),
            keeps_followup: f.followup.as_deref() == Some(crate::state::KEPT),
        });
        if applied.decision || record_type == "withdrawal" {
            let verified = f
                .employee
                .as_ref()
                .and_then(|e| e.verified.as_ref())
                .and_then(|v| v.0.as_deref());
            person.unverified = !matches!(verified, Some("roster" | "code"));
        }
        if applied.decision {
            person.fast = f.fast;
            person.policy = match f.policy_version() {
                Some(v) => self.versions.intern(v),
                None => NONE,
            };
        }
        if applied.opens_followup {
            person.followup = Some(Followup {
                due: f.due.as_deref().and_then(|d| d.trim().parse::<Date>().ok()),
                note: f.note.as_deref().map(Into::into),
            });
        } else if !person.standing.followup_open {
            person.followup = None;
        }
    }

    /// The report as of `today`, for content whose policy version is `current_policy`.
    pub fn finish(self, today: Date, current_policy: &str) -> Report {
        let roster = self.roster.as_deref().unwrap_or(&[]);
        let has_roster = self.roster.is_some();
        let mut consent = [0u64; 6];
        let mut stage = [0u64; 6];
        let mut champions = 0;
        let mut open = 0;
        let mut overdue = Vec::new();
        let mut never = Vec::new();
        let mut not_on_roster = Vec::new();
        let mut unverified = Vec::new();
        let mut read_quickly = Vec::new();
        let mut reached_on_roster = 0;
        let mut depts: HashMap<Option<String>, DepartmentRow> = HashMap::new();
        for id in &self.order {
            let Some(p) = self.people.get(id) else {
                continue;
            };
            let on_roster = roster.get(p.roster as usize);
            let name = on_roster
                .map(|e| e.name.as_str())
                .or(p.name.as_deref())
                .unwrap_or("")
                .to_string();
            let department = on_roster
                .map(|e| e.department.as_str())
                .filter(|d| !d.is_empty())
                .or_else(|| self.departments.get(p.department))
                .map(str::to_string);
            let state = settle(
                p.standing.consent,
                self.versions.get(p.policy),
                current_policy,
            );
            let ci = consent_index(state);
            let si = p.standing.stage as usize;
            consent[ci] += 1;
            stage[si] += 1;
            champions += u64::from(p.standing.champion);
            let person = || PersonLine {
                employee_id: p.id.to_string(),
                name: name.clone(),
                department: department.clone(),
            };
            let is_overdue = match &p.followup {
                Some(f) => {
                    open += 1;
                    match f.due {
                        Some(due) if due < today => {
                            overdue.push(OverdueLine {
                                person: person(),
                                due: due.to_string(),
                                days_overdue: (today - due).get_days().max(0) as u64,
                                note: f.note.as_deref().map(str::to_string),
                            });
                            true
                        }
                        _ => false,
                    }
                }
                None => false,
            };
            if on_roster.is_some() {
                if p.standing.reached {
                    reached_on_roster += 1;
                } else {
                    never.push(person());
                }
            } else if has_roster {
                not_on_roster.push(person());
            }
            if p.unverified && state != ConsentState::None {
                unverified.push(person());
            }
            if p.fast && state != ConsentState::None {
                read_quickly.push(person());
            }
            let row = depts
                .entry(department.clone())
                .or_insert_with(|| DepartmentRow {
                    department: department.clone(),
                    ..DepartmentRow::default()
                });
            row.employees += 1;
            row.reached += u64::from(p.standing.reached);
            row.consent.0[ci] += 1;
            row.stage.0[si] += 1;
            row.champions += u64::from(p.standing.champion);
            row.overdue += u64::from(is_overdue);
        }
        let mut departments: Vec<DepartmentRow> = depts.into_values().collect();
        departments.sort_by(|a, b| {
            b.employees
                .cmp(&a.employees)
                .then_with(|| a.department.cmp(&b.department))
        });
        overdue.sort_by(|a, b| {
            a.due
                .cmp(&b.due)
                .then_with(|| a.person.employee_id.cmp(&b.person.employee_id))
        });
        Report {
            generated_at: String::new(),
            today: today.to_string(),
            timezone: String::new(),
            policy_version: current_policy.to_string(),
            ledger: LedgerInfo {
                records: self.records,
                ..LedgerInfo::default()
            },
            roster: has_roster.then_some(RosterInfo {
                employees: roster.len() as u64,
            }),
            employees: self.order.len() as u64,
            coverage: has_roster.then_some(Coverage {
                roster: roster.len() as u64,
                reached: reached_on_roster,
                never_onboarded: never.len() as u64,
            }),
            consent: ConsentCounts(consent),
            stage: StageCounts(stage),
            champions,
            followups: Followups {
                open,
                overdue: overdue.len() as u64,
            },
            departments,
            overdue_followups: overdue,
            never_onboarded: never,
            not_on_roster,
            unverified,
            read_quickly,
            skipped: Vec::new(),
        }
    }
}
