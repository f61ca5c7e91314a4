//! The CSV export keeps every fact a record holds, and reads for people with `--labels`:
//! records of every type (from the employee flow, a trainer's session, `tebiki record`, the
//! demo, and fields records will carry) each have every field in a column or in the documented
//! JSON-only list; champion on and off rows differ; headings and codes come out in words;
//! `--since/--until` apply to when it happened; an unknown department is a warning; and
//! LibreOffice opens the file for Excel.

mod common;

use std::path::PathBuf;
use std::time::Duration;

use common::{Kiosk, tebiki, text};
use jiff::civil::Date;
use serde_json::{Map, Value, json};
use tebiki::admin::columns::{COLUMNS, JSON_ONLY, covered};
use tebiki::app::{App, Mode};
use tebiki::i18n::Lang;
use tebiki::ledger::Writer;
use tebiki::present::{Presenter, View};
use tebiki::record::entry::{Change, Entry};
use tebiki::record::{Subject, Via};
use tebiki::recorder::Recorder;
use tebiki::state::Stage;

/// Every leaf path of a record (`employee.id`; array items share their array's path).
fn paths(v: &Value, prefix: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            for (k, x) in m {
                let p = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                paths(x, &p, out);
            }
        }
        Value::Array(a) if a.iter().any(Value::is_object) => {
            for x in a {
                paths(x, prefix, out);
            }
        }
        _ => out.push(prefix.to_string()),
    }
}

fn body_of(record: &Value) -> (String, Map<String, Value>) {
    let mut m = record.as_object().cloned().unwrap();
    for k in tebiki::ledger::ENVELOPE_KEYS {
        m.remove(k);
    }
    (record["type"].as_str().unwrap().to_string(), m)
}

/// Records as the employee flow writes them: a consent and a withdrawal.
fn kiosk_records() -> Vec<Value> {
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>")
        .identify("Ｅ１００１", "山田 花子", "営業部")
        .read_all()
        .pass_check();
    k.keys(&format!("{}<Enter><Enter><Enter>", common::AGREE));
    k.choose_withdraw().identify("E1001", "山田 花子", "営業部");
    k.keys("<Enter>");
    let records = k.records();
    let types: Vec<&str> = records.iter().filter_map(|r| r["type"].as_str()).collect();
    assert_eq!(types, ["consent", "withdrawal"], "{}", k.screen());
    records
}

/// Records of a trainer's session: attendance, and a follow-up to decide at a kiosk later.
fn session_records() -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let (content, loc) = common::content();
    let view = View::parse("ja", &content.languages()).unwrap();
    let app = App::new(content, loc, Lang::new("ja"), Mode::Attended, "k".into());
    let mut p = Presenter::new(app, view, None, "S-1");
    p.resize(80, 24);
    let mut r = Recorder::new(dir.path().join("ledger"), "k".into());
    drive(&mut p, &mut r, &paste("佐藤 講師"));
    drive(&mut p, &mut r, &common::parse_keys("<Enter><Enter>"));
    drive(&mut p, &mut r, &paste("E9"));
    drive(&mut p, &mut r, &common::parse_keys("<Enter>"));
    drive(&mut p, &mut r, &paste("Pat Doe"));
    drive(
        &mut p,
        &mut r,
        &common::parse_keys("<Enter><Enter><Enter>G<Right>sll"),
    );
    let records = common::read_records(&dir.path().join("ledger"));
    let types: Vec<&str> = records.iter().filter_map(|r| r["type"].as_str()).collect();
    assert_eq!(types, ["attendance", "followup"]);
    records
}

fn paste(text: &str) -> Vec<crossterm::event::Event> {
    vec![crossterm::event::Event::Paste(text.to_string())]
}

/// Hands `events` to the presenter, carrying out what they ask, as `tebiki present` does.
fn drive(p: &mut Presenter, r: &mut Recorder, events: &[crossterm::event::Event]) {
    for event in events {
        if let Some(effect) = p.handle_event(event) {
            tebiki::present::session::perform(p, r, effect);
        }
    }
}

/// Records `tebiki record` and the dashboard write: every kind of change.
fn admin_bodies() -> Vec<(&'static str, Map<String, Value>)> {
    let person = Subject {
        id: "E2".into(),
        name: Some("鈴木 一郎".into()),
        department: Some("総務部".into()),
        ..Subject::default()
    };
    let changes = [
        Change::Stage(Stage::Parallel),
        Change::Followup {
            due: Date::constant(2026, 12, 1),
        },
        Change::Champion {
            active: true,
            supports: None,
        },
        Change::Champion {
            active: false,
            supports: None,
        },
        Change::Champion {
            active: true,
            supports: Some(Subject {
                id: "E3".into(),
                name: Some("高橋 次郎".into()),
                department: Some("営業部".into()),
                ..Subject::default()
            }),
        },
        Change::Attendance {
            session: "2026-11-24-osaka".into(),
            on: Some(Date::constant(2026, 11, 24)),
        },
        Change::Withdrawal {
            requested_on: Date::constant(2026, 11, 20),
            policy_id: "line-works-own-phone".into(),
            policy_version: "2026-11-23".into(),
        },
    ];
    changes
        .into_iter()
        .enumerate()
        .map(|(i, change)| {
            Entry {
                employee: person.clone(),
                change,
                note: Some(format!("メモ {i}")),
                by: "佐藤".into(),
                via: if i % 2 == 0 { Via::Cli } else { Via::Dashboard },
            }
            .record()
        })
        .map(|(t, body)| (t.as_str(), body))
        .collect()
}

/// Fields records are about to carry: identity checked against the roster, acknowledgements,
/// a renewal of an expired consent, and a `void` cancelling a record.
fn coming_bodies() -> Vec<(&'static str, Map<String, Value>)> {
    let consent = json!({
        "employee": { "id": "E4", "name": "伊藤 三郎", "department": "営業部", "verified": "roster" },
        "how": { "method": "kiosk", "mode": "kiosk", "session": null },
        "policy": { "id": "line-works-own-phone", "version": "2027-04-01" },
        "decision": "given",
        "acknowledged": ["hours-rules", "report-loss"],
        "renews": { "consent": "expired", "policy_version": "2026-11-23", "decided_at": "2026-11-23T01:02:03.456Z" },
    });
    let void = json!({
        "employee": { "id": "E2", "name": "鈴木 一郎", "department": "総務部" },
        "voids": "019a8f4e-7c2b-7d3e-9a1b-0123456789ab",
        "note": "別の人の記録だった",
        "recorded_by": { "name": "佐藤" },
        "how": { "method": "admin", "via": "cli", "session": null },
    });
    // The dashboard's stage change that leaves the open follow-up open.
    let (_, mut kept) = Entry {
        employee: Subject::id("E2"),
        change: Change::Stage(Stage::Hesitant),
        note: None,
        by: "佐藤".into(),
        via: Via::Dashboard,
    }
    .record();
    kept.insert("followup".into(), "kept".into());
    vec![
        ("consent", consent.as_object().cloned().unwrap()),
        ("void", void.as_object().cloned().unwrap()),
        ("stage", kept),
    ]
}

/// A data folder whose ledger holds records of every type from every writer.
fn every_kind_of_record() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = tebiki(
        &data,
        &["demo", "--employees", "30", "--seed", "7", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let mut w = Writer::open(&data.join("ledger"), "test", Duration::from_secs(1)).unwrap();
    let mut bodies: Vec<(String, Map<String, Value>)> = Vec::new();
    for r in kiosk_records().iter().chain(&session_records()) {
        bodies.push(body_of(r));
    }
    for (t, b) in admin_bodies().into_iter().chain(coming_bodies()) {
        bodies.push((t.to_string(), b));
    }
    for (t, b) in bodies {
        w.append(&t, b).unwrap();
    }
    (dir, data)
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|x| {
            x.unwrap()
                .iter()
                .map(|c| tebiki::admin::export::unneutralise(c).to_string())
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn every_field_of_every_record_type_has_a_column_or_a_documented_reason() {
    let (_keep, data) = every_kind_of_record();
    let o = tebiki(&data, &["export", "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let records: Vec<Value> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut types: Vec<&str> = records.iter().filter_map(|r| r["type"].as_str()).collect();
    types.sort_unstable();
    types.dedup();
    for t in [
        "attendance",
        "champion",
        "consent",
        "followup",
        "stage",
        "void",
        "withdrawal",
    ] {
        assert!(types.contains(&t), "{t} in {types:?}");
    }
    let mut missing = std::collections::BTreeSet::new();
    for r in &records {
        let mut ps = Vec::new();
        paths(r, "", &mut ps);
        for p in ps {
            if !covered(&p) {
                missing.insert(format!("{p} (in a {} record)", r["type"]));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields without a column or a reason in JSON_ONLY: {missing:#?}"
    );
    for (path, why) in JSON_ONLY {
        assert!(!why.is_empty(), "{path}");
    }

    // Every field a column names shows in that column of the CSV, for every record.
    let o = tebiki(&data, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let (header, rows) = csv_rows(&o.stdout);
    assert_eq!(rows.len(), records.len());
    for (row, r) in rows.iter().zip(&records) {
        // The purposes show in their own columns; other_purposes only holds those without one.
        for c in COLUMNS
            .iter()
            .filter(|c| !["purpose_", "other_purposes"].contains(&c.key))
        {
            let at = header.iter().position(|h| h == c.key).unwrap();
            for from in c.from {
                let mut v = r;
                for part in from.split('.') {
                    v = &v[part];
                }
                let has = match v {
                    Value::String(s) => !s.is_empty(),
                    Value::Null => false,
                    Value::Array(a) => !a.is_empty(),
                    _ => true,
                };
                if has {
                    assert!(
                        !row[at].is_empty(),
                        "{} is empty though {from} is {v} in {r}",
                        c.key
                    );
                }
            }
        }
    }
}

#[test]
fn champion_on_and_off_rows_can_be_told_apart_in_keys_and_in_words() {
    let (_keep, data) = every_kind_of_record();
    for (labels, on, off, champion) in [
        (None, "yes", "no", "champion"),
        (Some("ja"), "はい", "いいえ", "推進役"),
        (Some("en"), "yes", "no", "champion"),
    ] {
        let mut args = vec!["export", "--format", "csv", "--lang", "en"];
        if let Some(l) = labels {
            args.extend(["--labels", l]);
        }
        let o = tebiki(&data, &args);
        assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
        let (header, rows) = csv_rows(&o.stdout);
        let (t, active, supports) = match labels {
            Some("ja") => (
                "記録の種類",
                "開始（推進役・担当）",
                "担当する相手（社員番号）",
            ),
            Some(_) => ("record", "started (champion or pairing)", "supports (ID)"),
            None => ("type", "active", "supports"),
        };
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let id = header
            .iter()
            .position(|h| ["employee_id", "employee ID", "社員番号"].contains(&h.as_str()))
            .unwrap();
        let champions: Vec<(&str, &str)> = rows
            .iter()
            .filter(|r| r[col(t)] == champion && r[id] == "E2")
            .map(|r| (r[col(active)].as_str(), r[col(supports)].as_str()))
            .collect();
        assert_eq!(
            champions,
            [(on, ""), (off, ""), (on, "E3")],
            "{labels:?}: {header:?}"
        );
    }
}

#[test]
fn labels_give_headings_and_coded_values_in_words_of_the_language() {
    let (_keep, data) = every_kind_of_record();
    let o = tebiki(&data, &["export", "--labels", "ja", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let (header, rows) = csv_rows(&o.stdout);
    for h in [
        "記録日時（UTC）",
        "記録日時（現地時刻）",
        "社員番号",
        "回答",
        "記録者",
    ] {
        assert!(header.iter().any(|x| x == h), "{h} in {header:?}");
    }
    assert!(
        header.iter().any(|h| h.starts_with("目的：")),
        "purposes in the content's words: {header:?}"
    );
    assert!(!header.iter().any(|h| h.contains('_')), "{header:?}");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let cells = |name: &str| -> Vec<&str> { rows.iter().map(|r| r[col(name)].as_str()).collect() };
    let decisions = cells("回答");
    assert!(decisions.contains(&"同意"), "{decisions:?}");
    assert!(!decisions.contains(&"given"), "{decisions:?}");
    assert!(cells("移行段階").contains(&"併用中"));
    assert!(cells("記録の種類").contains(&"同意の取り消し"));
    assert!(cells("記録の種類").contains(&"訂正（記録の無効化）"));
    assert!(cells("本人確認").contains(&"名簿の氏名で確認"));
    assert!(cells("デモデータ").contains(&"はい"));
    let reasons = cells("理由").join("|");
    assert!(
        reasons.contains("が心配") || reasons.contains("通信費"),
        "reasons in the content's words: {reasons}"
    );
    // What was confirmed before agreeing, in the words the person confirmed (the content's).
    assert!(
        cells("確認した事項").contains(
            &"勤務時間のルールを理解しました。;スマートフォンをなくしたり盗まれたりしたら、すぐに報告します。"
        ),
        "{:?}",
        cells("確認した事項")
    );

    for (args, what) in [
        (vec!["--labels", "fr"], "“fr”"),
        (vec!["--labels", "ja", "--format", "jsonl"], "--format csv"),
    ] {
        let mut all = vec!["export", "--lang", "en"];
        all.extend(args.iter());
        let o = tebiki(&data, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o).1.contains(what), "{args:?}: {}", text(&o).1);
        assert!(o.stdout.is_empty());
    }
}

/// The screens a consent was given without reading to their end, and those passed quicker
/// than skimming, each in a column of their own (legal asks whether the consent was informed).
#[test]
fn screens_not_read_to_their_end_and_read_quickly_have_their_columns() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut w = Writer::open(&data.join("ledger"), "k", Duration::from_secs(1)).unwrap();
    let body = json!({
        "employee": { "id": "E1" },
        "decision": "given",
        "content": { "screens": [
            { "id": "why", "seconds": 40.0, "read_to_end": true },
            { "id": "costs", "seconds": 2.0, "read_to_end": false, "fast": true },
            { "id": "where", "seconds": 9.0, "read_to_end": false },
            { "id": "check", "seconds": 30.0, "read_to_end": false },
            { "id": "choice", "seconds": 20.0, "read_to_end": false },
        ] },
    });
    w.append("consent", body.as_object().cloned().unwrap())
        .unwrap();
    let o = tebiki(data, &["export", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let (header, rows) = csv_rows(&o.stdout);
    let cell = |key: &str| &rows[0][header.iter().position(|h| h == key).unwrap()];
    // The check and the choice are answered, not read: never listed.
    assert_eq!(cell("unread_screens"), "costs;where");
    assert_eq!(cell("fast_screens"), "costs");
    let o = tebiki(data, &["export", "--format", "csv", "--labels", "ja"]);
    let (header, _) = csv_rows(&o.stdout);
    assert!(
        header.iter().any(|h| h == "最後まで読まなかった画面"),
        "{header:?}"
    );
}

#[test]
fn since_and_until_apply_to_when_it_happened() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let mut w = Writer::open(&data.join("ledger"), "k", Duration::from_secs(1)).unwrap();
    let body = |id: &str, occurred: Option<&str>| {
        let mut b = json!({ "employee": { "id": id }, "stage": "informed" });
        if let Some(t) = occurred {
            b["occurred_at"] = t.into();
        }
        b.as_object().cloned().unwrap()
    };
    w.append("stage", body("OLD", Some("2020-03-01T00:00:00Z")))
        .unwrap();
    w.append("stage", body("NOW", None)).unwrap();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["export", "--format", "jsonl"];
        all.extend_from_slice(args);
        let o = tebiki(data, &all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", text(&o));
        String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["employee"]["id"].to_string())
            .collect()
    };
    assert_eq!(ids(&["--until", "2020-12-31"]), ["\"OLD\""]);
    assert_eq!(ids(&["--since", "2021-01-01"]), ["\"NOW\""]);
    assert_eq!(
        ids(&["--since", "2020-03-01", "--until", "2020-03-01"]),
        ["\"OLD\""]
    );
}

#[test]
fn a_department_matching_nothing_known_is_a_warning_naming_the_known_ones() {
    let (_keep, data) = every_kind_of_record();
    let o = tebiki(&data, &["export", "--dept", "営業", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("“営業”") && err.contains("営業部") && err.contains("総務部"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 1, "just the header: {out}");
    let o = tebiki(&data, &["export", "--dept", "営業部", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
}

#[test]
fn a_status_matching_nothing_known_is_a_warning_naming_the_known_ones() {
    let (_keep, data) = every_kind_of_record();
    // Not a parse error (exit 2): the export is written (just the header), with a warning.
    let o = tebiki(&data, &["export", "--status", "agreed", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("“agreed”") && err.contains("given, refused, deferred"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 1, "just the header: {out}");
    // With a known one beside it, the known one still selects its records.
    let o = tebiki(
        &data,
        &["export", "--status", "given,agreed", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).0.lines().count() > 1, "{:?}", text(&o));
    let o = tebiki(&data, &["export", "--status", "given", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    // Help still lists the known values.
    let o = tebiki(&data, &["export", "--help", "--lang", "en"]);
    assert!(text(&o).0.contains("opted_out"), "{}", text(&o).0);
}

/// Where LibreOffice's command-line converter is, if it is installed.
fn soffice() -> Option<PathBuf> {
    ["soffice", "libreoffice"].iter().find_map(|name| {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
    })
}

#[test]
fn libreoffice_opens_the_excel_csv_with_japanese_headings_and_words() {
    let Some(soffice) = soffice() else {
        println!("skipped: LibreOffice (soffice) is not installed");
        return;
    };
    let (keep, data) = every_kind_of_record();
    let file = keep.path().join("同意記録.csv");
    let o = tebiki(
        &data,
        &[
            "export",
            "--format",
            "csv",
            "--labels",
            "ja",
            "--excel",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let out = keep.path().join("out");
    let profile = keep.path().join("profile");
    let o = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--infilter=CSV:44,34,76,1", "--convert-to"])
        .arg("html:HTML (StarCalc)")
        .arg("--outdir")
        .arg(&out)
        .arg(&file)
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{:?}", text(&o));
    let html = std::fs::read_to_string(out.join("同意記録.html")).expect("converted");
    for word in [
        "記録日時（UTC）",
        "社員番号",
        "推進役",
        "はい",
        "いいえ",
        "同意",
    ] {
        assert!(html.contains(word), "{word} in LibreOffice's reading");
    }
}
