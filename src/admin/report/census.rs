//! The census: every person's state folded from the ledger once, and the counts the report
//! is made of.

use compact_str::CompactString;

use super::people::People;
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

/// One person's folded state: the few bytes every record of theirs updates, which with the
/// person's key take one cache line of the table (what is shown of them is kept apart).
#[derive(Debug, Clone)]
pub(super) struct Person {
    pub(super) standing: Standing,
    /// Their latest decision or withdrawal was made without an identity check (open mode, or
    /// a record from before identities were checked).
    pub(super) unverified: bool,
    /// Their latest decision was made after passing a required screen quicker than skimming.
    pub(super) fast: bool,
    /// Interned policy version of the decision behind the consent state.
    pub(super) policy: u32,
    /// Interned, the latest recorded.
    pub(super) department: u32,
    /// Index into the roster, or [`NONE`].
    pub(super) roster: u32,
    /// The open follow-up's details (open while `standing.followup_open`).
    pub(super) followup: Option<Box<Followup>>,
}

impl Person {
    pub(super) fn new(roster: u32) -> Person {
        Person {
            standing: Standing::NEW,
            unverified: false,
            fast: false,
            policy: NONE,
            department: NONE,
            roster,
            followup: None,
        }
    }
}

/// What the report shows of a person besides their roster entry.
#[derive(Debug, Clone)]
pub(super) struct Shown {
    /// The id as the report shows it: the roster's, else as first recorded.
    pub(super) id: CompactString,
    /// The latest recorded name (kept only for people not on the roster).
    pub(super) name: Option<CompactString>,
}

impl Shown {
    pub(super) fn new(id: &str) -> Shown {
        Shown {
            id: id.into(),
            name: None,
        }
    }
}

/// The streaming fold: feed records in ledger order with [`Census::add`], then
/// [`Census::finish`].
#[derive(Debug)]
pub struct Census {
    pub(super) roster: Option<Vec<Employee>>,
    /// Everyone, by their id's [`identity::key`] (one person whatever the case their id was
    /// recorded in), in order of first appearance (those of a roster given first, first).
    pub(super) people: People,
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
            people: People::default(),
            departments: Interner::default(),
            versions: Interner::default(),
            records: 0,
            voiding: std::collections::HashSet::new(),
        };
        if let Some(employees) = &roster {
            census.people.reserve(employees.len());
            for (i, e) in employees.iter().enumerate() {
                // A repeated id: the first counts.
                identity::with_key(&e.id, |key| {
                    census
                        .people
                        .find_or_add(key, &e.id, || Person::new(i as u32))
                });
            }
        }
        census.roster = roster;
        census
    }

    /// Gives a census folded without a roster (so far, or all through) the roster read
    /// meanwhile: it then goes on as, and finishes as, the census [`Census::new`] with that
    /// roster would have (the roster's people listed first, in its order, the first of a
    /// repeated id counting; then the others in order of appearance; names kept only for
    /// people not on the roster).
    pub fn attach_roster(&mut self, roster: Option<Vec<Employee>>) {
        let Some(employees) = roster else { return };
        debug_assert!(self.roster.is_none(), "a roster is attached once");
        self.people.reserve(employees.len());
        for (i, e) in employees.iter().enumerate() {
            let people = &mut self.people;
            identity::with_key(&e.id, |key| {
                let (at, added) = people.find_or_add(key, &e.id, || Person::new(i as u32));
                // Else a repeated id: the first counts.
                if !added && people.person(at).roster == NONE {
                    people.person_mut(at).roster = i as u32;
                    *people.shown_mut(at) = Shown::new(&e.id);
                }
            });
        }
        self.roster = Some(employees);
    }

    /// The people in the order the report lists them: the roster's in its order, then the
    /// others in order of first appearance.
    fn listing_order(&self) -> Vec<usize> {
        let roster = self.roster.as_deref().map_or(0, <[Employee]>::len);
        let mut on_roster = vec![usize::MAX; roster];
        for (i, p) in self.people.persons().enumerate() {
            if let Some(slot) = on_roster.get_mut(p.roster as usize) {
                *slot = i;
            }
        }
        let mut order: Vec<usize> = on_roster.into_iter().filter(|&i| i != usize::MAX).collect();
        order.extend(
            self.people
                .persons()
                .enumerate()
                .filter(|(_, p)| p.roster == NONE)
                .map(|(i, _)| i),
        );
        order
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
        let Some(at) = self.people.find(key) else {
            return;
        };
        let person = self.people.person_mut(at);
        let mut fresh = Person::new(person.roster);
        fresh.department = person.department;
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
        let people = &mut self.people;
        let (at, _) =
            identity::with_key(id, |key| people.find_or_add(key, id, || Person::new(NONE)));
        let (person, shown) = self.people.both_mut(at);
        if let Some(d) = f.department().map(str::trim).filter(|d| !d.is_empty())
            // Most records repeat the person's department: no lookup needed then.
            && self.departments.get(person.department) != Some(d)
        {
            person.department = self.departments.intern(d);
        }
        if person.roster == NONE
            && let Some(name) = f.employee_name()
            // Most records repeat the person's name: kept as it is then.
            && shown.name.as_deref() != Some(name)
        {
            shown.name = Some(CompactString::from(name));
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
            let verified = f.employee.as_ref().and_then(|e| e.verified.as_ref());
            person.unverified = match verified.map(|v| v.0.as_deref()) {
                Some(Some("roster" | "code")) => false,
                // Entered by HR (a withdrawal asked for in person), who took the id, name and
                // department from the roster: not typed at an open terminal.
                None => !f.entered_by_hand(),
                _ => true,
            };
        }
        if applied.decision {
            person.fast = f.fast;
            person.policy = match f.policy_version() {
                Some(v) => self.versions.intern(v),
                None => NONE,
            };
        }
        if applied.opens_followup {
            person.followup = Some(Box::new(Followup {
                due: f.due.as_deref().and_then(|d| d.trim().parse::<Date>().ok()),
                note: f.note.as_deref().map(Into::into),
            }));
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
        let mut undecided = Vec::new();
        let mut decide_again = Vec::new();
        let mut in_use = Vec::new();
        let mut not_on_roster = Vec::new();
        let mut unverified = Vec::new();
        let mut read_quickly = Vec::new();
        let mut reached_on_roster = 0;
        let mut newer_policy = 0;
        let mut depts: HashMap<Option<&str>, DepartmentRow, foldhash::fast::RandomState> =
            HashMap::default();
        for at in self.listing_order() {
            let (p, shown) = (self.people.person(at), self.people.shown(at));
            let on_roster = roster.get(p.roster as usize);
            let name = on_roster
                .map(|e| e.name.as_str())
                .or(shown.name.as_deref())
                .unwrap_or("");
            let department = on_roster
                .map(|e| e.department.as_str())
                .filter(|d| !d.is_empty())
                .or_else(|| self.departments.get(p.department));
            let state = settle(
                p.standing.consent,
                self.versions.get(p.policy),
                current_policy,
            );
            // Given to a version after the content's: the content in use may be an older
            // one than the kiosks showed (counted as given; the report says so).
            if state == ConsentState::Given
                && self
                    .versions
                    .get(p.policy)
                    .is_some_and(|v| v > current_policy)
            {
                newer_policy += 1;
            }
            let ci = consent_index(state);
            let si = p.standing.stage as usize;
            consent[ci] += 1;
            stage[si] += 1;
            champions += u64::from(p.standing.champion);
            let person = || PersonLine {
                employee_id: shown.id.to_string(),
                name: name.to_string(),
                department: department.map(str::to_string),
                in_withheld_records: false,
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
            if p.standing.reached
                && state == ConsentState::None
                && (on_roster.is_some() || !has_roster)
            {
                undecided.push(UndecidedLine {
                    person: person(),
                    followup_open: p.followup.is_some(),
                    followup_due: p
                        .followup
                        .as_ref()
                        .and_then(|f| f.due)
                        .map(|d| d.to_string()),
                });
            }
            if p.standing.stage.on_own_phone() && state != ConsentState::Given {
                in_use.push(person());
            }
            if state == ConsentState::Expired {
                decide_again.push(DecideAgainLine {
                    person: person(),
                    policy_version: self.versions.get(p.policy).unwrap_or("").to_string(),
                });
            }
            if p.unverified && state != ConsentState::None {
                unverified.push(person());
            }
            if p.fast && state != ConsentState::None {
                read_quickly.push(person());
            }
            let row = depts.entry(department).or_insert_with(|| DepartmentRow {
                department: department.map(str::to_string),
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
        // Nobody is following up first; then by due date, the most overdue first; then open
        // follow-ups without a date (the listing order kept within each).
        undecided.sort_by(|a, b| {
            (a.followup_open, a.followup_due.is_none(), &a.followup_due).cmp(&(
                b.followup_open,
                b.followup_due.is_none(),
                &b.followup_due,
            ))
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
            employees: self.people.len() as u64,
            coverage: has_roster.then_some(Coverage {
                roster: roster.len() as u64,
                reached: reached_on_roster,
                // The list holds only roster people when there is a roster.
                reached_undecided: undecided.len() as u64,
                never_onboarded: never.len() as u64,
            }),
            consent: ConsentCounts(consent),
            consent_to_newer_policy: newer_policy,
            stage: StageCounts(stage),
            champions,
            followups: Followups {
                open,
                overdue: overdue.len() as u64,
            },
            departments,
            overdue_followups: overdue,
            never_onboarded: never,
            undecided,
            decide_again,
            in_use_without_consent: in_use,
            not_on_roster,
            unverified,
            read_quickly,
            skipped: Vec::new(),
        }
    }
}
