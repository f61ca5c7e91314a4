//! What a roster import changes: who is added, removed, or changed (name, department, email),
//! compared by employee id with the roster in place - counted, with the first few of each
//! shown, so that an admin sees a wrong file before (`--dry-run`) or right after importing it.

use std::collections::HashMap;

use super::{count, say};
use crate::command::Env;
use crate::escape::for_terminal;
use crate::record::identity::key;
use crate::roster::Employee;

/// How many people of each kind are listed by name.
pub const SHOWN: usize = 5;

/// The differences between two rosters.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes<'a> {
    pub added: Vec<&'a Employee>,
    pub removed: Vec<&'a Employee>,
    /// Before and after.
    pub changed: Vec<(&'a Employee, &'a Employee)>,
}

/// Compares `new` with `old` by id; each list is in the order of its roster.
pub fn compare<'a>(old: &'a [Employee], new: &'a [Employee]) -> Changes<'a> {
    // The one id rule's comparison: an id whose case changed is the same person, changed.
    let old_by_id: HashMap<String, &Employee> = old.iter().map(|e| (key(&e.id), e)).collect();
    let new_by_id: HashMap<String, &Employee> = new.iter().map(|e| (key(&e.id), e)).collect();
    let mut changes = Changes::default();
    for e in new {
        match old_by_id.get(&key(&e.id)) {
            None => changes.added.push(e),
            Some(before) if *before != e => changes.changed.push((before, e)),
            Some(_) => {}
        }
    }
    changes.removed = old
        .iter()
        .filter(|e| !new_by_id.contains_key(&key(&e.id)))
        .collect();
    changes
}

fn person(e: &Employee) -> String {
    if e.department.is_empty() {
        format!("{} {}", e.id, e.name)
    } else {
        format!("{} {} ({})", e.id, e.name, e.department)
    }
}

/// What changed for one person: `name: A → B; department: X → Y`.
fn difference(env: &Env, before: &Employee, after: &Employee) -> String {
    let mut parts = Vec::new();
    for (id, a, b) in [
        ("roster-column-employee-id", &before.id, &after.id),
        ("roster-column-name", &before.name, &after.name),
        (
            "roster-column-department",
            &before.department,
            &after.department,
        ),
        ("roster-column-email", &before.email, &after.email),
    ] {
        if a != b {
            let empty = env.t("roster-empty-value");
            let a = if a.is_empty() {
                empty.clone()
            } else {
                a.clone()
            };
            let b = if b.is_empty() { empty } else { b.clone() };
            parts.push(format!("{}: {a} → {b}", env.t(id)));
        }
    }
    parts.join("; ")
}

/// Prints the counts and the first few of each kind.
pub fn print(env: &Env, changes: &Changes<'_>) {
    say(&env.ta(
        "roster-changes",
        &[
            ("added", count(changes.added.len() as u64)),
            ("removed", count(changes.removed.len() as u64)),
            ("changed", count(changes.changed.len() as u64)),
        ],
    ));
    let lines = |heading: &str, items: Vec<String>| {
        if items.is_empty() {
            return;
        }
        say(&format!("  {}", env.t(heading)));
        for item in items.iter().take(SHOWN) {
            say(&for_terminal(&format!("    {item}")));
        }
        if items.len() > SHOWN {
            say(&format!(
                "    {}",
                env.ta(
                    "roster-changes-more",
                    &[("count", count((items.len() - SHOWN) as u64))]
                )
            ));
        }
    };
    lines(
        "roster-added",
        changes.added.iter().map(|e| person(e)).collect(),
    );
    lines(
        "roster-removed",
        changes.removed.iter().map(|e| person(e)).collect(),
    );
    lines(
        "roster-changed",
        changes
            .changed
            .iter()
            .map(|(a, b)| format!("{}: {}", person(b), difference(env, a, b)))
            .collect(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(id: &str, name: &str, dept: &str) -> Employee {
        Employee {
            id: id.into(),
            name: name.into(),
            department: dept.into(),
            email: String::new(),
        }
    }

    #[test]
    fn added_removed_and_changed_are_told_apart_by_id() {
        let old = [
            e("E1", "山田", "営業"),
            e("E2", "鈴木", "総務"),
            e("E3", "佐藤", ""),
        ];
        let new = [
            e("E3", "佐藤", ""),
            e("E1", "山田", "経理"),
            e("E4", "高橋", "営業"),
        ];
        let c = compare(&old, &new);
        assert_eq!(c.added, [&new[2]]);
        assert_eq!(c.removed, [&old[1]]);
        assert_eq!(c.changed, [(&old[0], &new[1])]);
        assert_eq!(compare(&new, &new), Changes::default());
    }

    #[test]
    fn an_id_whose_case_changed_is_the_same_person_changed() {
        let old = [e("e0001", "山田", "営業")];
        let new = [e("E0001", "山田", "営業")];
        let c = compare(&old, &new);
        assert!(c.added.is_empty() && c.removed.is_empty(), "{c:?}");
        assert_eq!(c.changed, [(&old[0], &new[0])]);
    }
}
