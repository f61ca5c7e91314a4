//! The per-person index in `$DATA/cache` answers exactly as reading the whole ledger does: for
//! every person of a demo organisation, after appends, rewritten and added files, a deleted or
//! damaged cache, and a damaged ledger.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use serde_json::{Map, Value, json};
use tebiki::ledger::{self, Writer, person_index};
use tebiki::status;

fn ids(ledger_dir: &Path) -> Vec<String> {
    let mut ids = BTreeSet::new();
    for rec in ledger::merged(ledger_dir).unwrap().flatten() {
        if let Some(id) = tebiki::state::employee_id(&rec.value) {
            ids.insert(id.to_string());
        }
        if let Some(s) = rec.value.get("supports").and_then(Value::as_str) {
            ids.insert(s.to_string());
        }
    }
    ids.insert("nobody-at-all".into());
    ids.into_iter().collect()
}

/// What `status` shows of the issues: kind and place.
fn issue_list(issues: &[ledger::ReadIssue]) -> Vec<(String, String, u64)> {
    issues
        .iter()
        .map(|i| {
            let (file, line) = i.place();
            (i.kind().to_string(), file.display().to_string(), line)
        })
        .collect()
}

/// Every person's records and issues through the index equal the full read's. Returns how
/// many lookups the index answered itself.
fn same_as_full_read(ledger_dir: &Path, ids: &[String]) -> usize {
    let mut answered = 0;
    for id in ids {
        let (scanned, scan_issues) = status::records_scanned(ledger_dir, id).unwrap();
        if let Some(indexed) =
            person_index::lookup(ledger_dir, id, &tebiki::ledger::seal::SealFloor::default())
        {
            assert_eq!(indexed, scanned, "index answer for {id}");
            assert!(
                scan_issues.is_empty(),
                "index answered on a damaged ledger ({id})"
            );
            answered += 1;
        }
        let (through, issues) = status::records(ledger_dir, id).unwrap();
        assert_eq!(through, scanned, "records of {id}");
        assert_eq!(
            issue_list(&issues),
            issue_list(&scan_issues),
            "issues for {id}"
        );
    }
    answered
}

fn consent(id: &str, n: u64) -> Map<String, Value> {
    let Value::Object(body) = json!({
        "employee": {"id": id, "name": "Test"},
        "decision": "consent",
        "policy": {"version": "2026-01"},
        "n": n,
    }) else {
        unreachable!()
    };
    body
}

fn demo(employees: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let data = tempfile::tempdir().unwrap();
    let o = common::tebiki(
        data.path(),
        &["demo", "--employees", employees, "--lang", "en"],
    );
    assert!(o.status.success(), "{:?}", common::text(&o));
    let ledger_dir = data.path().join("ledger");
    (data, ledger_dir)
}

#[test]
fn the_index_answers_as_the_full_read_through_appends_rewrites_and_a_lost_cache() {
    let (_data, ledger_dir) = demo("80");
    let cache = person_index::cache_dir(&ledger_dir).unwrap();
    let people = ids(&ledger_dir);
    assert!(people.len() > 40, "{}", people.len());

    // Built on first use, then answering every lookup itself.
    assert_eq!(same_as_full_read(&ledger_dir, &people), people.len());
    assert!(cache.join("person-index").is_file());

    // Appends to an existing file and a new file.
    let files = ledger::ledger_files(&ledger_dir).unwrap();
    let kiosk = ledger::kiosk_of_file(&files[0]).unwrap().to_string();
    let mut w = Writer::open(&ledger_dir, &kiosk, Duration::from_secs(5)).unwrap();
    for (n, id) in people.iter().take(5).enumerate() {
        w.append("consent", consent(id, n as u64)).unwrap();
    }
    let mut added = Writer::open(&ledger_dir, "added-kiosk", Duration::from_secs(5)).unwrap();
    added.append("consent", consent(&people[0], 99)).unwrap();
    added
        .append("consent", consent("only-in-new-file", 1))
        .unwrap();
    let mut more = people.clone();
    more.push("only-in-new-file".into());
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());
    assert!(cache.join("person-index.delta").is_file());

    // A file rewritten shorter (its last records cut off, the chain intact).
    let text = fs::read(&files[1]).unwrap();
    let cut: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
    let keep: Vec<u8> = cut[..cut.len() - 3].concat();
    fs::write(&files[1], &keep).unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());
    // ... and rewritten as a new file with the same bytes and one record more.
    let tmp = ledger_dir.join(".swap");
    fs::write(&tmp, &keep).unwrap();
    fs::rename(&tmp, &files[1]).unwrap();
    let kiosk1 = ledger::kiosk_of_file(&files[1]).unwrap().to_string();
    Writer::open(&ledger_dir, &kiosk1, Duration::from_secs(5))
        .unwrap()
        .append("consent", consent(&people[1], 7))
        .unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());

    // A file copied whole by a sync tool: its records are used once.
    fs::copy(&files[2], ledger_dir.join("zz-copy.jsonl")).unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());
    fs::remove_file(ledger_dir.join("zz-copy.jsonl")).unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());

    // The cache deleted.
    fs::remove_dir_all(cache.parent().unwrap()).unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &more), more.len());
    assert!(cache.join("person-index").is_file());
}

#[test]
fn garbage_in_the_cache_is_rebuilt_never_a_wrong_answer() {
    let (_data, ledger_dir) = demo("40");
    let cache = person_index::cache_dir(&ledger_dir).unwrap();
    let people = ids(&ledger_dir);
    same_as_full_read(&ledger_dir, &people);
    let mut w = Writer::open(&ledger_dir, "k-extra", Duration::from_secs(5)).unwrap();
    w.append("consent", consent(&people[3], 1)).unwrap();
    same_as_full_read(&ledger_dir, &people);
    let base = cache.join("person-index");
    let delta = cache.join("person-index.delta");
    assert!(base.is_file() && delta.is_file());
    let good = fs::read(&base).unwrap();
    let good_delta = fs::read(&delta).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut noise = |n: usize| -> Vec<u8> {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect()
    };
    let len = good.len();
    let damaged: Vec<(&str, Vec<u8>, Vec<u8>)> = vec![
        ("all garbage", noise(len), good_delta.clone()),
        ("cut in half", good[..len / 2].to_vec(), good_delta.clone()),
        ("empty", Vec::new(), good_delta.clone()),
        (
            "entries overwritten",
            [&good[..len - 2000], &noise(2000)[..]].concat(),
            good_delta.clone(),
        ),
        (
            "header overwritten",
            [&good[..20], &noise(40)[..], &good[60..]].concat(),
            good_delta.clone(),
        ),
        ("delta garbage", good.clone(), noise(good_delta.len())),
        (
            "delta cut",
            good.clone(),
            good_delta[..good_delta.len() - 10].to_vec(),
        ),
    ];
    for (what, b, d) in damaged {
        fs::write(&base, &b).unwrap();
        fs::write(&delta, &d).unwrap();
        for id in &people {
            let (scanned, _) = status::records_scanned(&ledger_dir, id).unwrap();
            let (through, issues) = status::records(&ledger_dir, id).unwrap();
            assert_eq!(through, scanned, "{what}: {id}");
            assert!(issues.is_empty(), "{what}");
        }
        // Rebuilt: the index answers again.
        assert_eq!(
            same_as_full_read(&ledger_dir, &people),
            people.len(),
            "{what}"
        );
    }
}

#[test]
fn a_damaged_ledger_is_read_whole_with_its_warnings() {
    let (_data, ledger_dir) = demo("40");
    let people = ids(&ledger_dir);
    same_as_full_read(&ledger_dir, &people);
    let files = ledger::ledger_files(&ledger_dir).unwrap();

    // One byte of a record changed in place, the file's size and last line unchanged.
    let mut text = fs::read(&files[0]).unwrap();
    let lines: Vec<usize> = text
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let middle = lines[lines.len() / 2..]
        .iter()
        .map(|i| i + 1)
        .find(|&start| {
            let end = start + memchr::memchr(b'\n', &text[start..]).unwrap();
            memchr::memmem::find(&text[start..end], b"\"employee\":{\"id\":").is_some()
        })
        .unwrap();
    let at = middle + memchr::memmem::find(&text[middle..], b"\"id\":\"").unwrap() + 6;
    text[at] = if text[at] == b'X' { b'Y' } else { b'X' };
    let line_of: &[u8] = &text[middle..middle + memchr::memchr(b'\n', &text[middle..]).unwrap()];
    let record: Value = serde_json::from_slice(line_of).unwrap();
    fs::write(&files[0], &text).unwrap();
    // Whoever is looked up first, the file was written to without growing: it is indexed
    // again, which finds the change, and nobody is answered from the index.
    assert_eq!(same_as_full_read(&ledger_dir, &people), 0);
    // The person of a changed line is never answered from the index; once a change is seen,
    // no one is.
    let victim = tebiki::state::employee_id(&record).unwrap().to_string();
    let (_, issues) = status::records(&ledger_dir, &victim).unwrap();
    assert!(!issues.is_empty());
    assert_eq!(same_as_full_read(&ledger_dir, &people), 0);

    // A break appended after the index was built.
    let (_data2, ledger2) = demo("30");
    let people2 = ids(&ledger2);
    same_as_full_read(&ledger2, &people2);
    let file = &ledger::ledger_files(&ledger2).unwrap()[0];
    let mut f = fs::OpenOptions::new().append(true).open(file).unwrap();
    f.write_all(b"{\"not\":\"a record\"}\n").unwrap();
    assert_eq!(same_as_full_read(&ledger2, &people2), 0);
}

#[test]
fn a_torn_tail_is_left_to_the_full_read() {
    let (_data, ledger_dir) = demo("20");
    let people = ids(&ledger_dir);
    same_as_full_read(&ledger_dir, &people);
    let file = &ledger::ledger_files(&ledger_dir).unwrap()[1];
    let mut f = fs::OpenOptions::new().append(true).open(file).unwrap();
    f.write_all(b"{\"schema\":\"tebiki/1\",\"seq\":").unwrap();
    let id = &people[2];
    assert!(
        person_index::lookup(&ledger_dir, id, &tebiki::ledger::seal::SealFloor::default())
            .is_none()
    );
    let (scanned, scan_issues) = status::records_scanned(&ledger_dir, id).unwrap();
    let (through, issues) = status::records(&ledger_dir, id).unwrap();
    assert_eq!(through, scanned);
    assert_eq!(issue_list(&issues), issue_list(&scan_issues));
    assert_eq!(issues[0].kind(), "torn_tail");
}

#[test]
fn many_appends_fold_into_a_new_base() {
    let (_data, ledger_dir) = demo("20");
    let people = ids(&ledger_dir);
    same_as_full_read(&ledger_dir, &people);
    let base = person_index::cache_dir(&ledger_dir)
        .unwrap()
        .join("person-index");
    let before = fs::read(&base).unwrap();
    let mut w = Writer::open(&ledger_dir, "k-bulk", Duration::from_secs(5)).unwrap();
    let batch: Vec<(&str, Map<String, Value>)> = (0..9000)
        .map(|n| ("consent", consent(&people[n % people.len()], n as u64)))
        .collect();
    w.append_batch(batch).unwrap();
    assert_eq!(same_as_full_read(&ledger_dir, &people), people.len());
    assert_ne!(
        fs::read(&base).unwrap(),
        before,
        "the base was written again"
    );
    assert!(
        !person_index::cache_dir(&ledger_dir)
            .unwrap()
            .join("person-index.delta")
            .exists()
    );
}
