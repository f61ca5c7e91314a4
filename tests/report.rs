//! `tebiki report` told as the admin's story: who has been through onboarding, who decided
//! what, where each person is in moving over, and which follow-ups are overdue; plus the demo
//! organisation that feeds it.

mod common;

use common::{tebiki, text};

use std::path::Path;
use std::time::Duration;

use proptest::prelude::*;
use serde_json::{Map, Value, json};
use tebiki::admin::report::{Census, Stage};
use tebiki::ledger::Writer;
use tebiki::state::{ConsentState, fold};

const POLICY: &str = "2026-11-23";

fn body(id: &str, name: &str, dept: &str, extra: Value) -> Map<String, Value> {
    let mut b = json!({ "employee": { "id": id, "name": name, "department": dept } })
        .as_object()
        .cloned()
        .unwrap_or_default();
    if let Value::Object(m) = extra {
        b.extend(m);
    }
    b
}

fn decision(d: &str) -> Value {
    json!({ "decision": d, "policy": { "id": "line-works-own-phone", "version": POLICY } })
}

/// A data folder with a four-person roster.
fn organisation() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let roster = dir.path().join("roster.csv");
    std::fs::write(
        &roster,
        "社員番号,氏名,部署\nE1,山田 太郎,営業部\nE2,佐藤 花子,総務部\nE3,鈴木 一郎,営業部\nE4,田中 次郎,総務部\n",
    )
    .unwrap();
    let o = tebiki(&data, &["roster", "import", roster.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    (dir, data)
}

#[test]
fn a_hesitant_employee_defers_a_trainer_records_parallel_use_and_the_report_shows_it() {
    let (_keep, data) = organisation();
    let mut kiosk = Writer::open(&data.join("ledger"), "kiosk-1", Duration::from_secs(1)).unwrap();
    let mut trainer =
        Writer::open(&data.join("ledger"), "trainer", Duration::from_secs(1)).unwrap();
    // 山田 says "not now"; a follow-up is planned; two weeks later they use both channels.
    kiosk
        .append(
            "consent",
            body("E1", "山田 太郎", "営業部", decision("deferred")),
        )
        .unwrap();
    trainer
        .append(
            "followup",
            body(
                "E1",
                "山田 太郎",
                "営業部",
                json!({ "due": "2026-01-05", "note": "2週間後" }),
            ),
        )
        .unwrap();
    trainer
        .append(
            "stage",
            body("E1", "山田 太郎", "営業部", json!({ "stage": "parallel" })),
        )
        .unwrap();
    // 佐藤 agrees and becomes a champion.
    kiosk
        .append(
            "consent",
            body("E2", "佐藤 花子", "総務部", decision("given")),
        )
        .unwrap();
    trainer
        .append("champion", body("E2", "佐藤 花子", "総務部", json!({})))
        .unwrap();
    // 鈴木 defers; nobody followed up in time.
    kiosk
        .append(
            "consent",
            body("E3", "鈴木 一郎", "営業部", decision("deferred")),
        )
        .unwrap();
    trainer
        .append(
            "followup",
            body(
                "E3",
                "鈴木 一郎",
                "営業部",
                json!({ "due": "2026-01-05", "note": "電話する" }),
            ),
        )
        .unwrap();
    // Someone not on the roster declined (a new hire, or a mistyped ID).
    kiosk
        .append(
            "consent",
            body("E9", "Eve\u{1b}[2J", "営業部", decision("refused")),
        )
        .unwrap();

    let o = tebiki(&data, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["employees"], 5);
    assert_eq!(
        r["coverage"],
        json!({ "roster": 4, "reached": 3, "reached_undecided": 0, "never_onboarded": 1 })
    );
    assert_eq!(
        r["consent"],
        json!({ "none": 1, "given": 1, "deferred": 2, "refused": 1, "withdrawn": 0, "expired": 0 })
    );
    assert_eq!(
        r["stage"],
        json!({ "not_started": 1, "informed": 1, "hesitant": 1, "parallel": 1, "migrated": 0, "opted_out": 1 })
    );
    assert_eq!(r["champions"], 1);
    assert_eq!(r["followups"], json!({ "open": 1, "overdue": 1 }));
    assert_eq!(r["overdue_followups"][0]["employee_id"], "E3");
    assert_eq!(r["overdue_followups"][0]["note"], "電話する");
    assert_eq!(
        r["never_onboarded"],
        json!([{ "employee_id": "E4", "name": "田中 次郎", "department": "総務部", "in_withheld_records": false }])
    );
    assert_eq!(r["not_on_roster"][0]["employee_id"], "E9");
    let sales = r["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["department"] == "営業部")
        .unwrap();
    assert_eq!(sales["employees"], 3);
    assert_eq!(sales["stage"]["parallel"], 1);
    assert_eq!(sales["overdue"], 1);
    assert_eq!(r["ledger"]["complete"], true);

    // The readable form: bars, both languages, names escaped for the terminal.
    let o = tebiki(&data, &["report", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("Been through onboarding"), "{out}");
    // The total counted and the roster's, told apart on the first line.
    assert!(
        out.contains("5 people (4 on the roster, 1 only in the\n    ledger)"),
        "{out}"
    );
    assert!(out.contains('█'), "{out}");
    // Each part says whom its shares are of: the roster's 4, or all 5.
    for heading in [
        "■ Coverage against the roster (4 people)",
        "■ Consent (shares of all 5 people)",
        "■ Migration stage (shares of all 5 people)",
        "■ By department (all 5 people)",
    ] {
        assert!(out.contains(heading), "{heading}: {out}");
    }
    assert!(out.contains("using both (parallel)"), "{out}");
    assert!(
        out.contains("■ Overdue follow-ups (1, oldest first)"),
        "{out}"
    );
    assert!(
        out.contains("2026-01-05") && out.contains("E3  鈴木 一郎  営業部  電話する"),
        "{out}"
    );
    assert!(
        out.contains("■ Never onboarded (1)") && out.contains("E4  田中 次郎  総務部"),
        "{out}"
    );
    assert!(
        out.contains("Eve\\u{001B}[2J") && !out.contains('\u{1b}'),
        "{out:?}"
    );
    let o = tebiki(&data, &["report", "--lang", "ja"]);
    let (out, _) = text(&o);
    assert!(
        out.contains("■ 名簿に対するカバー率（名簿の 4 人）"),
        "{out}"
    );
    assert!(out.contains("■ 同意の状態（全 5 人に対する割合）"), "{out}");
    assert!(out.contains("併用中 (parallel)"), "{out}");
    assert!(out.contains("■ 未実施の人（1 人）"), "{out}");
}

/// People who were reached (a session attended) but never chose are counted under coverage
/// and listed for the trainer: those nobody is following up first, then by due date (an
/// overdue one said so); people who decided are not in that list.
#[test]
fn people_reached_who_never_decided_are_counted_and_listed_nobody_following_up_first() {
    let (_keep, data) = organisation();
    let mut trainer =
        Writer::open(&data.join("ledger"), "trainer", Duration::from_secs(1)).unwrap();
    let session = || json!({ "session": { "id": "2026-11-20-briefing", "topic": "briefing" } });
    let later = jiff::Zoned::now()
        .date()
        .checked_add(jiff::ToSpan::days(10))
        .unwrap()
        .to_string();
    // 山田 attended and a follow-up is planned; 田中 too, long overdue; 佐藤 attended and
    // nobody followed up.
    for (id, name, dept, due) in [
        ("E1", "山田 太郎", "営業部", Some(later.as_str())),
        ("E2", "佐藤 花子", "総務部", None),
        ("E4", "田中 次郎", "総務部", Some("2026-01-05")),
    ] {
        trainer
            .append("attendance", body(id, name, dept, session()))
            .unwrap();
        if let Some(due) = due {
            trainer
                .append("followup", body(id, name, dept, json!({ "due": due })))
                .unwrap();
        }
    }
    // 鈴木 attended and decided.
    trainer
        .append("attendance", body("E3", "鈴木 一郎", "営業部", session()))
        .unwrap();
    trainer
        .append(
            "consent",
            body("E3", "鈴木 一郎", "営業部", decision("refused")),
        )
        .unwrap();

    let o = tebiki(&data, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r["coverage"],
        json!({ "roster": 4, "reached": 4, "reached_undecided": 3, "never_onboarded": 0 })
    );
    let listed: Vec<(&str, bool, &Value)> = r["undecided"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["employee_id"].as_str().unwrap(),
                u["followup_open"].as_bool().unwrap(),
                &u["followup_due"],
            )
        })
        .collect();
    let later_json = json!(later);
    assert_eq!(
        listed,
        vec![
            ("E2", false, &Value::Null),
            ("E4", true, &json!("2026-01-05")),
            ("E1", true, &later_json),
        ]
    );

    let (en, _) = text(&tebiki(&data, &["report", "--lang", "en"]));
    assert!(
        en.contains("Been through onboarding but not decided yet: 3 (listed below)."),
        "{en}"
    );
    let at = en
        .find("■ Been through onboarding, not decided yet (3;")
        .expect(&en);
    let section: Vec<&str> = en[at..].lines().skip(1).take(3).collect();
    assert_eq!(
        section,
        [
            "  E2  佐藤 花子  総務部  no follow-up open".to_string(),
            "  E4  田中 次郎  総務部  follow-up overdue since 2026-01-05".to_string(),
            format!("  E1  山田 太郎  営業部  follow-up due {later}"),
        ],
        "{en}"
    );
    let (ja, _) = text(&tebiki(&data, &["report", "--lang", "ja"]));
    assert!(
        ja.contains("実施済みのうち、まだ回答していない人：3 人"),
        "{ja}"
    );
    assert!(
        ja.contains("■ 説明を受けたが、まだ回答していない人（3 人、")
            && ja.contains("E2  佐藤 花子  総務部  フォローアップなし")
            && ja.contains("E4  田中 次郎  総務部  フォローアップ期日 2026-01-05（期日超過）")
            && ja.contains(&format!(
                "E1  山田 太郎  営業部  フォローアップ期日 {later}"
            )),
        "{ja}"
    );
}

/// The stage and consent of one person after `records`, through the report's fold.
fn one(records: &[Value]) -> (Stage, ConsentState, u64, u64) {
    let mut census = Census::new(None);
    for r in records {
        census.add_value(r);
    }
    let today: jiff::civil::Date = "2026-11-23".parse().unwrap();
    let report = census.finish(today, POLICY);
    let stage = Stage::ALL
        .into_iter()
        .find(|s| report.stage.get(*s) == 1)
        .unwrap_or(Stage::NotStarted);
    let consent = tebiki::admin::report::CONSENT_ORDER
        .into_iter()
        .find(|c| report.consent.get(*c) == 1)
        .unwrap_or(ConsentState::None);
    (stage, consent, report.champions, report.followups.overdue)
}

fn rec(kind: &str, extra: Value) -> Value {
    let mut v = json!({ "type": kind, "employee": { "id": "E1", "name": "山田" } });
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    v
}

#[test]
fn stages_follow_the_documented_rules() {
    use Stage::*;
    let given = || rec("consent", decision("given"));
    let deferred = || rec("consent", decision("deferred"));
    let stage = |s: &str| rec("stage", json!({ "stage": s }));
    let cases: Vec<(Vec<Value>, Stage)> = vec![
        (vec![], NotStarted),
        (vec![rec("attendance", json!({}))], Informed),
        (vec![given()], Informed),
        (vec![deferred()], Hesitant),
        (vec![rec("consent", decision("refused"))], OptedOut),
        (vec![given(), rec("withdrawal", json!({}))], OptedOut),
        // A trainer's stage record decides, until a later decision.
        (vec![deferred(), stage("parallel")], Parallel),
        (vec![stage("migrated"), given()], Migrated),
        (vec![stage("migrated"), deferred()], Hesitant),
        (
            vec![stage("parallel"), rec("attendance", json!({}))],
            Parallel,
        ),
        (vec![given(), stage("no-such-stage")], Informed),
    ];
    for (records, expected) in cases {
        assert_eq!(one(&records).0, expected, "{records:?}");
    }
    // Champions and follow-ups.
    assert_eq!(one(&[stage("champion")]).2, 1);
    assert_eq!(one(&[rec("champion", json!({}))]).2, 1);
    assert_eq!(
        one(&[
            rec("champion", json!({})),
            rec("champion", json!({ "active": false }))
        ])
        .2,
        0
    );
    let followup = |due: &str| rec("followup", json!({ "due": due }));
    assert_eq!(one(&[followup("2026-11-22")]).3, 1, "due yesterday");
    assert_eq!(
        one(&[followup("2026-11-23")]).3,
        0,
        "due today is not overdue"
    );
    assert_eq!(
        one(&[followup("2026-11-01"), given()]).3,
        0,
        "a decision closes it"
    );
    assert_eq!(
        one(&[followup("2026-11-01"), deferred()]).3,
        1,
        "\"not now\" decides nothing: it stays open"
    );
    assert_eq!(one(&[followup("2026-11-01"), stage("parallel")]).3, 0);
    assert_eq!(
        one(&[followup("2026-11-01"), rec("attendance", json!({}))]).3,
        1
    );
    assert_eq!(one(&[followup("soon")]).3, 0, "no date, not overdue");
}

fn arb_record() -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        Just("consent"),
        Just("withdrawal"),
        Just("stage"),
        Just("followup"),
        Just("attendance")
    ];
    let decision = prop_oneof![
        Just(Some("given")),
        Just(Some("refused")),
        Just(Some("deferred")),
        Just(Some("maybe")),
        Just(None)
    ];
    let version = prop_oneof![Just(Some("2026-06-01")), Just(Some(POLICY)), Just(None)];
    let who = prop_oneof![Just("E1"), Just("E2")];
    (kind, decision, version, who).prop_map(|(kind, decision, version, who)| {
        let mut v = json!({ "type": kind, "employee": { "id": who } });
        if let Some(d) = decision {
            v["decision"] = json!(d);
        }
        if let Some(ver) = version {
            v["policy"] = json!({ "version": ver });
        }
        v
    })
}

fn arb_person_record() -> impl Strategy<Value = Value> {
    let who = prop_oneof![Just("E1"), Just("E2"), Just("E3"), Just("X9")];
    let name = prop_oneof![Just("佐藤"), Just("Sato"), Just("")];
    let dept = prop_oneof![Just("営業部"), Just(""), Just("製造部")];
    (arb_record(), who, name, dept).prop_map(|(mut v, who, name, dept)| {
        v["employee"] = json!({ "id": who, "name": name, "department": dept });
        v
    })
}

fn arb_roster() -> impl Strategy<Value = Option<Vec<tebiki::roster::Employee>>> {
    let id = prop_oneof![Just("E1"), Just("E2"), Just("E3"), Just("E4")];
    let person = (
        id,
        prop_oneof![Just("佐藤 一郎"), Just("山田")],
        prop_oneof![Just("総務部"), Just("")],
    )
        .prop_map(|(id, name, department)| tebiki::roster::Employee {
            id: id.into(),
            name: name.into(),
            department: department.into(),
            email: String::new(),
        });
    proptest::option::of(proptest::collection::vec(person, 0..5))
}

proptest! {
    /// The report's one-pass fold gives every person the consent state `tebiki status` gives.
    #[test]
    fn the_report_counts_consent_exactly_as_status_folds_it(records in proptest::collection::vec(arb_record(), 0..12)) {
        let mut census = Census::new(None);
        for r in &records {
            census.add_value(r);
        }
        let report = census.finish("2026-11-23".parse().unwrap(), POLICY);
        let mut expected = [0u64; 6];
        for who in ["E1", "E2"] {
            if records.iter().any(|r| r["employee"]["id"] == who) {
                let state = fold(who, &records, POLICY).consent;
                let i = tebiki::admin::report::CONSENT_ORDER.iter().position(|c| *c == state).unwrap();
                expected[i] += 1;
            }
        }
        prop_assert_eq!(report.consent.0, expected);
    }

    /// The report reads the roster while it folds the ledger and gives it to the census as
    /// soon as it is read (during the fold, or after it): the report is the one it makes with
    /// the roster given first.
    #[test]
    fn a_roster_given_during_or_after_the_fold_makes_the_same_report(
        roster in arb_roster(),
        records in proptest::collection::vec(arb_person_record(), 0..16),
        given_at in 0usize..17,
    ) {
        let today: jiff::civil::Date = "2026-11-23".parse().unwrap();
        let given_at = given_at.min(records.len());
        let mut first = Census::new(roster.clone());
        let mut later = Census::new(None);
        for r in &records[..given_at] {
            first.add_value(r);
            later.add_value(r);
        }
        later.attach_roster(roster);
        for r in &records[given_at..] {
            first.add_value(r);
            later.add_value(r);
        }
        let a = serde_json::to_value(first.finish(today, POLICY)).unwrap();
        let b = serde_json::to_value(later.finish(today, POLICY)).unwrap();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn a_damaged_line_makes_the_report_say_it_is_incomplete() {
    let (_keep, data) = organisation();
    let ledger = data.join("ledger");
    let mut w = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    w.append(
        "consent",
        body("E1", "山田 太郎", "営業部", decision("given")),
    )
    .unwrap();
    w.append(
        "consent",
        body("E2", "佐藤 花子", "総務部", decision("given")),
    )
    .unwrap();
    drop(w);
    let path = ledger.join("k1.jsonl");
    let s = std::fs::read_to_string(&path).unwrap();
    let first = s.lines().next().unwrap().to_string();
    std::fs::write(&path, s.replacen(&first, "{\"garbage\"", 1)).unwrap();
    let o = tebiki(&data, &["report", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(err.contains("k1.jsonl:1"), "{err}");
    // The first line is gone, so the second no longer chains to it and is withheld too.
    assert!(err.contains("k1.jsonl:2"), "{err}");
    // One line not read, and one record after it not used (not 3 issues).
    assert!(
        err.contains("the report is incomplete: 1 ledger line(s) could not be read"),
        "{err}"
    );
    assert!(
        err.contains(
            "the report is incomplete: 1 record(s) from a break in the hash chain onwards were not used"
        ),
        "{err}"
    );
    assert!(
        out.contains("the report is incomplete: 1 record(s) from a break"),
        "the report itself says so: {out}"
    );
    assert!(
        out.contains("Been through onboarding"),
        "the rest is still reported: {out}"
    );
    let o = tebiki(&data, &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["complete"], false);
    assert_eq!(
        r["skipped"],
        json!([
            { "file": "k1.jsonl", "line": 1, "problem": "unparseable" },
            { "file": "k1.jsonl", "line": 2, "problem": "chain_break" },
            {
                "file": "k1.jsonl", "line": 2, "problem": "withheld", "last_line": 2,
                "records": 1, "people": ["E2"]
            },
        ])
    );
    assert_eq!(r["ledger"]["skipped_lines"], 1);
    assert_eq!(r["ledger"]["withheld_records"], 1);
    assert_eq!(r["ledger"]["withheld_people"], json!(["E2"]));
    // Listed as never onboarded, E2 is marked: their records were withheld, not missing.
    let never = r["never_onboarded"].as_array().unwrap();
    for p in never {
        let withheld = p["employee_id"] == "E2";
        assert_eq!(p["in_withheld_records"], withheld, "{p}");
    }
    assert!(never.iter().any(|p| p["employee_id"] == "E2"));
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("E2 "))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("[some records withheld"), "{line}");
    assert!(
        !out.lines()
            .any(|l| l.trim_start().starts_with("E3 ") && l.contains("withheld")),
        "{out}"
    );
}

#[test]
fn without_a_roster_the_report_says_how_to_get_coverage() {
    let dir = tempfile::tempdir().unwrap();
    let o = tebiki(dir.path(), &["report", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("No roster imported"), "{out}");
    let o = tebiki(dir.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["roster"], Value::Null);
    assert_eq!(r["employees"], 0);
    // A roster edited by hand into something unreadable is located.
    std::fs::write(dir.path().join("roster.csv"), "employee_id,name\nE1,\n").unwrap();
    let o = tebiki(dir.path(), &["report", "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("roster.csv:2"), "{err}");
    assert!(err.contains("tebiki roster import"), "{err}");
    // With a ledger folder that cannot be opened too, the roster is still told first.
    std::fs::write(dir.path().join("ledger"), "not a folder").unwrap();
    let o = tebiki(dir.path(), &["report", "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("roster.csv:2"), "{err}");
    assert!(!err.contains("ledger"), "{err}");
}

/// Record bodies without the envelope, which differs between runs (ids, times, hashes).
fn bodies(data: &Path) -> Vec<Value> {
    tebiki::ledger::merged(&data.join("ledger"))
        .unwrap()
        .map(|r| {
            let mut v = r.unwrap().value;
            if let Value::Object(m) = &mut v {
                for k in tebiki::ledger::ENVELOPE_KEYS {
                    if k != "kiosk" && k != "type" {
                        m.remove(k);
                    }
                }
            }
            v
        })
        .collect()
}

#[test]
fn the_demo_is_realistic_deterministic_and_careful_with_existing_data() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for data in [&a, &b] {
        let o = tebiki(
            data,
            &["demo", "--employees", "400", "--seed", "7", "--lang", "en"],
        );
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{out}{err}");
        assert!(
            out.contains("for 400 employees into 4 ledger files"),
            "{out}"
        );
    }
    assert_eq!(
        std::fs::read(a.join("roster.csv")).unwrap(),
        std::fs::read(b.join("roster.csv")).unwrap()
    );
    for n in [1, 50, 400] {
        let data = dir.path().join(format!("n{n}"));
        let o = tebiki(&data, &["demo", "--employees", &n.to_string()]);
        assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
        let roster = std::fs::read_to_string(data.join("roster.csv")).unwrap();
        assert_eq!(
            roster.lines().count(),
            n + 1,
            "exactly {n} people and a header"
        );
    }
    let (ba, bb) = (bodies(&a), bodies(&b));
    assert!(
        ba.len() > 1000,
        "about 4-5 records per person: {}",
        ba.len()
    );
    let mut sa: Vec<String> = ba.iter().map(Value::to_string).collect();
    let mut sb: Vec<String> = bb.iter().map(Value::to_string).collect();
    sa.sort();
    sb.sort();
    assert_eq!(sa, sb, "the same seed writes the same records");
    assert!(
        ba.iter()
            .all(|v| v["demo"] == true && v["occurred_at"].is_string())
    );
    // The history ends before today began (in the organisation's zone: the system's, with no
    // time zone configured), so that runs later the same day give the same records.
    let zone = jiff::tz::TimeZone::system();
    let today = jiff::Timestamp::now().to_zoned(zone.clone()).date();
    let midnight = today.to_zoned(zone).unwrap().timestamp();
    for v in &ba {
        let at: jiff::Timestamp = v["occurred_at"].as_str().unwrap().parse().unwrap();
        assert!(at <= midnight, "{at} is today: {v}");
    }
    let types: std::collections::BTreeSet<&str> =
        ba.iter().filter_map(|v| v["type"].as_str()).collect();
    for t in [
        "consent",
        "withdrawal",
        "stage",
        "followup",
        "attendance",
        "champion",
    ] {
        assert!(types.contains(t), "{t} in {types:?}");
    }
    assert_eq!(tebiki(&a, &["verify"]).status.code(), Some(0));

    // The report over it: every kind of state appears.
    let o = tebiki(&a, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    for (_, n) in r["consent"].as_object().unwrap() {
        assert!(n.as_u64().unwrap() > 0, "{}", r["consent"]);
    }
    for (_, n) in r["stage"].as_object().unwrap() {
        assert!(n.as_u64().unwrap() > 0, "{}", r["stage"]);
    }
    assert!(r["followups"]["overdue"].as_u64().unwrap() > 0);
    assert!(r["departments"].as_array().unwrap().len() >= 8);

    // A folder with data is not mixed with demo records unless asked.
    let before = std::fs::read(a.join("ledger/demo-tenpo.jsonl")).unwrap();
    let o = tebiki(&a, &["demo", "--employees", "10", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("--force"), "{:?}", text(&o));
    assert_eq!(
        std::fs::read(a.join("ledger/demo-tenpo.jsonl")).unwrap(),
        before
    );
    let o = tebiki(
        &a,
        &["demo", "--employees", "10", "--force", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let after = std::fs::read(a.join("ledger/demo-tenpo.jsonl")).unwrap();
    assert!(after.starts_with(&before), "the ledger is only added to");
    assert_eq!(tebiki(&a, &["verify"]).status.code(), Some(0));
    assert_eq!(
        tebiki(&a, &["demo", "--employees", "0"]).status.code(),
        Some(2)
    );
}

/// A withdrawal HR records by hand (`tebiki record withdrawal`: the id checked against the
/// roster, name and department taken from it) does not put the person among those who decided
/// without an identity check; a decision typed at an open terminal (`verified: false`) does, and
/// so does a terminal's record that says nothing of a check (written before there was one).
#[test]
fn only_decisions_taken_without_an_identity_check_are_listed_as_such() {
    let (_keep, data) = organisation();
    let ledger = data.join("ledger");
    let mut w = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    let consent = |id: &str, name: &str, verified: Option<Value>| {
        let mut b = body(id, name, "営業部", decision("given"));
        if let (Some(v), Some(Value::Object(e))) = (verified, b.get_mut("employee")) {
            e.insert("verified".into(), v);
        }
        b.insert(
            "how".into(),
            json!({ "method": "kiosk", "mode": "kiosk", "session": null }),
        );
        b
    };
    for (id, name, verified) in [
        ("E1", "山田 太郎", Some(json!("roster"))),
        ("E2", "佐藤 花子", Some(json!(false))),
        ("E3", "鈴木 一郎", None),
    ] {
        w.append("consent", consent(id, name, verified)).unwrap();
    }
    drop(w);
    let o = tebiki(
        &data,
        &[
            "record",
            "withdrawal",
            "E1",
            "--by",
            "hr-tanaka",
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = tebiki(&data, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    let listed: Vec<&str> = r["unverified"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["employee_id"].as_str())
        .collect();
    assert_eq!(listed, ["E2", "E3"], "{}", r["unverified"]);
    assert_eq!(r["consent"]["withdrawn"], 1, "{}", r["consent"]);
}

/// A consent given to an earlier policy version has expired: the report lists whom to ask to
/// decide again, with the version they agreed to, in text (both languages) and JSON.
#[test]
fn the_report_lists_who_must_decide_again_after_a_new_policy_version() {
    let (_keep, data) = organisation();
    let mut kiosk = Writer::open(&data.join("ledger"), "kiosk-1", Duration::from_secs(1)).unwrap();
    let old = json!({ "decision": "given", "policy": { "id": "line-works-own-phone", "version": "2025-04-01" } });
    kiosk
        .append("consent", body("E1", "山田 太郎", "営業部", old.clone()))
        .unwrap();
    kiosk
        .append("consent", body("E2", "佐藤 花子", "総務部", old))
        .unwrap();
    // 佐藤 has since agreed to the current version: nothing to decide again.
    kiosk
        .append(
            "consent",
            body("E2", "佐藤 花子", "総務部", decision("given")),
        )
        .unwrap();
    let o = tebiki(&data, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["consent"]["expired"], 1);
    // Nobody of them has moved over: nobody uses their phone without a consent in force.
    assert_eq!(r["in_use_without_consent"], json!([]));
    assert_eq!(
        r["decide_again"],
        json!([{ "employee_id": "E1", "name": "山田 太郎", "department": "営業部", "policy_version": "2025-04-01", "in_withheld_records": false }])
    );
    for (lang, title, version) in [
        ("en", "to decide again (1)", "agreed to 2025-04-01"),
        (
            "ja",
            "改めて選択が必要な人（1 人）",
            "2025-04-01 の版に同意",
        ),
    ] {
        let o = tebiki(&data, &["--lang", lang, "report"]);
        let out = text(&o).0;
        assert!(out.contains(title), "{out}");
        let line = out
            .lines()
            .find(|l| l.contains(version))
            .unwrap_or_else(|| panic!("{out}"));
        assert!(line.contains("E1") && line.contains("山田 太郎"), "{line}");
        assert!(!out.lines().any(|l| l.contains("E2") && l.contains(version)));
        // Headings and tables fit an 80-column terminal, in the words the dashboard uses.
        for l in out.lines() {
            assert!(tebiki::wrap::display_width(l) <= 80, "{l}");
        }
        let words = if lang == "ja" {
            ["今は使わない", "併用中"]
        } else {
            ["Not now", "Using both"]
        };
        assert!(words.iter().all(|w| out.contains(w)), "{out}");
    }
}

/// The department tables fit 80 columns whatever the department names: a long one is cut
/// in the text (the JSON has it whole), and those to decide again have a column.
#[test]
fn the_department_tables_fit_80_columns_with_long_names() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let roster = dir.path().join("roster.csv");
    let long = "東日本営業本部第一営業部法人営業第二課";
    std::fs::write(
        &roster,
        format!("社員番号,氏名,部署\nE1,山田 太郎,{long}\nE2,佐藤 花子,International Business Development Division (EMEA)\n"),
    )
    .unwrap();
    let o = tebiki(&data, &["roster", "import", roster.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    for lang in ["ja", "en"] {
        let out = text(&tebiki(&data, &["--lang", lang, "report"])).0;
        let start = out
            .find("■ 部署別")
            .or_else(|| out.find("■ By department"))
            .unwrap();
        let table = &out[start..];
        let table = &table[..table[3..].find("■").map_or(table.len(), |i| i + 3)];
        for l in table.lines() {
            assert!(tebiki::wrap::display_width(l) <= 80, "{l}");
        }
        let expired = if lang == "ja" {
            "期限切れ"
        } else {
            "Expired"
        };
        assert!(table.contains(expired), "{table}");
    }
    let r: Value =
        serde_json::from_slice(&tebiki(&data, &["report", "--format", "json"]).stdout).unwrap();
    assert!(
        r["departments"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["department"] == long)
    );
}

/// Someone who moved over to their own phone and whose consent then expired is listed as
/// using it without a consent in force, in text and JSON; someone with a current consent is not.
#[test]
fn the_report_lists_who_uses_their_phone_without_a_consent_in_force() {
    let (_keep, data) = organisation();
    let mut kiosk = Writer::open(&data.join("ledger"), "kiosk-1", Duration::from_secs(1)).unwrap();
    let old = json!({ "decision": "given", "policy": { "id": "line-works-own-phone", "version": "2025-04-01" } });
    for (id, name, dept, d) in [
        ("E1", "山田 太郎", "営業部", old.clone()),
        ("E2", "佐藤 花子", "総務部", decision("given")),
    ] {
        kiosk.append("consent", body(id, name, dept, d)).unwrap();
        kiosk
            .append(
                "stage",
                body(id, name, dept, json!({ "stage": "migrated" })),
            )
            .unwrap();
    }
    let o = tebiki(&data, &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = r["in_use_without_consent"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["employee_id"].as_str())
        .collect();
    assert_eq!(ids, ["E1"]);
    for (lang, title) in [
        ("en", "without a consent in force (1)"),
        (
            "ja",
            "有効な同意なしで自分のスマートフォンを使っている人（1 人）",
        ),
    ] {
        let out = text(&tebiki(&data, &["--lang", lang, "report"])).0;
        let at = out.find(title).unwrap_or_else(|| panic!("{out}"));
        let next = out[at..].lines().nth(1).unwrap_or_default();
        assert!(next.contains("E1"), "{out}");
    }
}

/// A follow-up one day overdue is "1 day late" (the plural picked by the number, not its text).
#[test]
fn one_day_late_is_singular() {
    let (_keep, data) = organisation();
    let r: Value =
        serde_json::from_slice(&tebiki(&data, &["report", "--format", "json"]).stdout).unwrap();
    let today: jiff::civil::Date = r["today"].as_str().unwrap().parse().unwrap();
    let mut w = Writer::open(&data.join("ledger"), "trainer", Duration::from_secs(1)).unwrap();
    for (id, days) in [("E1", 1), ("E2", 3)] {
        let due = today.checked_sub(jiff::Span::new().days(days)).unwrap();
        w.append(
            "followup",
            body(
                id,
                "名前",
                "営業部",
                json!({ "due": due.to_string(), "note": "n" }),
            ),
        )
        .unwrap();
    }
    let out = text(&tebiki(&data, &["--lang", "en", "report"])).0;
    assert!(out.contains(" 1 day late  E1"), "{out}");
    assert!(out.contains(" 3 days late  E2"), "{out}");
}

/// An overdue follow-up with a long note keeps every line of the report within 80 columns: the
/// note goes on indented lines of its own below, whole; a short note stays on the line.
#[test]
fn a_long_follow_up_note_wraps_below_within_80_columns() {
    let (_keep, data) = organisation();
    let r: Value =
        serde_json::from_slice(&tebiki(&data, &["report", "--format", "json"]).stdout).unwrap();
    let today: jiff::civil::Date = r["today"].as_str().unwrap().parse().unwrap();
    let due = today.checked_sub(jiff::Span::new().days(31)).unwrap();
    let long_ja =
        "通知設定を一緒に確認し、勤務時間外の通知を切る方法と、紛失したときの連絡先を説明する。";
    let long_en = "Check the notification settings together, show how to silence them out of hours, and who to call when the phone is lost.";
    let mut w = Writer::open(&data.join("ledger"), "trainer", Duration::from_secs(1)).unwrap();
    for (id, note) in [("E1", long_ja), ("E2", long_en), ("E3", "電話する")] {
        w.append(
            "followup",
            body(
                id,
                "名前",
                "カスタマーサポート部",
                json!({ "due": due.to_string(), "note": note }),
            ),
        )
        .unwrap();
    }
    for lang in ["ja", "en"] {
        let out = text(&tebiki(&data, &["--lang", lang, "report"])).0;
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{lang}: {} columns: {line}",
                unicode_width::UnicodeWidthStr::width(line)
            );
        }
        for note in [long_ja, long_en] {
            let at = out.find(&note[..12]).unwrap_or_else(|| panic!("{out}"));
            let joined: String = out[at..]
                .lines()
                .take(4)
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(if note.is_ascii() { " " } else { "" });
            assert!(joined.starts_with(note), "{lang}: {out}");
        }
        let short = out.lines().find(|l| l.contains("電話する")).unwrap();
        assert!(short.contains("E3  "), "{lang}: {out}");
    }
}

/// A consent given to a later policy version than the content the report is made with counts
/// as given, and the report says how many there are and what to do (the content in use may be
/// older than what the kiosks showed), within 80 columns, in both languages and in its JSON.
#[test]
fn consents_to_a_later_policy_than_the_content_are_pointed_out() {
    let (_keep, data) = organisation();
    let r: Value =
        serde_json::from_slice(&tebiki(&data, &["report", "--format", "json"]).stdout).unwrap();
    assert_eq!(r["consent_to_newer_policy"], 0, "{r}");
    let mut w = Writer::open(&data.join("ledger"), "kiosk2", Duration::from_secs(1)).unwrap();
    w.append(
        "consent",
        body(
            "E4",
            "田中 次郎",
            "総務部",
            json!({ "decision": "given", "policy": { "id": "line-works-own-phone", "version": "2099-01-01" } }),
        ),
    )
    .unwrap();
    let r: Value =
        serde_json::from_slice(&tebiki(&data, &["report", "--format", "json"]).stdout).unwrap();
    assert_eq!(r["consent_to_newer_policy"], 1, "{r}");
    assert_eq!(r["decide_again"].as_array().unwrap().len(), 0, "{r}");
    for (lang, words) in [
        (
            "en",
            "1 consent counted as given was given to a later policy version",
        ),
        ("ja", "より新しい版への同意です"),
    ] {
        let out = text(&tebiki(&data, &["--lang", lang, "report"])).0;
        let flat: String = out.lines().map(str::trim).collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(words) || flat.replace(' ', "").contains(&words.replace(' ', "")),
            "{lang}: {out}"
        );
        assert!(out.contains("--content"), "{lang}: {out}");
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{lang}: {line}"
            );
        }
    }
}
