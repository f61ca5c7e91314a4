//! `tebiki export` as HR, legal and scripts use it: lossless JSON Lines, a JSON document that
//! is its own checkpoint, CSV that reads back to the records and that Excel (Japanese Excel
//! too) opens safely, filters, and a damaged ledger that is reported, not hidden.

mod common;

use common::{tebiki, text};

use std::path::Path;
use std::process::Output;
use std::time::Duration;

use serde_json::{Map, Value, json};
use sha2::Digest;
use tebiki::admin::export::unneutralise;
use tebiki::ledger::{Writer, merged};

/// A consent record body shaped like the employee flow's.
fn consent(id: &str, name: &str, dept: &str, decision: &str) -> Map<String, Value> {
    let granted = decision == "given";
    let v = json!({
        "employee": { "id": id, "name": name, "department": dept },
        "how": { "method": "kiosk", "mode": "kiosk", "session": null },
        "policy": { "id": "line-works-own-phone", "version": "2026-11-23" },
        "content": { "languages": ["ja", "en"], "sha256": { "ja": "a".repeat(64), "en": "b".repeat(64) } },
        "decision": decision,
        "purposes": [
            { "id": "own-phone", "granted": granted },
            { "id": "hours-rules", "granted": granted },
            { "id": "report-loss", "granted": granted },
            { "id": "retired-purpose", "granted": false },
        ],
        "reasons": if granted { json!([]) } else { json!(["privacy", "data-cost"]) },
        "ui_language": "ja",
        "receipt": "ABCD-EFGH",
    });
    v.as_object().cloned().unwrap_or_default()
}

/// A trainer's record about `id`, with `extra` fields.
fn other(id: &str, dept: &str, extra: Value) -> Map<String, Value> {
    let mut body = json!({ "employee": { "id": id, "name": "研修 担当", "department": dept } })
        .as_object()
        .cloned()
        .unwrap_or_default();
    if let Value::Object(m) = extra {
        body.extend(m);
    }
    body
}

/// Names a spreadsheet would take for formulas, and one that needs no care.
const TRICKY: [&str; 8] = [
    "=HYPERLINK(\"http://x\",\"click\")",
    "+81 90-1234-5678",
    "@SUM(1)",
    "-1",
    "\tTabbed",
    "'quoted",
    "＝全角",
    "山田 太郎",
];

/// A data folder with a Tokyo time zone and a small two-kiosk ledger.
fn ledger() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("config.toml"),
        "kiosk_id = \"k1\"\ntimezone = \"Asia/Tokyo\"\n",
    )
    .unwrap();
    let ledger = data.join("ledger");
    let mut k1 = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    let mut k2 = Writer::open(&ledger, "k2", Duration::from_secs(1)).unwrap();
    for (i, name) in TRICKY.iter().enumerate() {
        let dept = if i % 2 == 0 { "営業部" } else { "総務部" };
        let decision = ["given", "refused", "deferred"][i % 3];
        let w = if i % 2 == 0 { &mut k1 } else { &mut k2 };
        w.append("consent", consent(&format!("E{i}"), name, dept, decision))
            .unwrap();
    }
    k2.append("withdrawal", consent("E0", TRICKY[0], "営業部", "given"))
        .unwrap();
    k1.append(
        "stage",
        other(
            "E2",
            "営業部",
            json!({ "stage": "parallel", "note": "メールと併用" }),
        ),
    )
    .unwrap();
    k1.append(
        "followup",
        other(
            "E2",
            "営業部",
            json!({ "due": "2026-12-01", "note": "-様子を聞く" }),
        ),
    )
    .unwrap();
    k2.append(
        "attendance",
        other(
            "E3",
            "総務部",
            json!({ "session": { "id": "S-1", "topic": "briefing" } }),
        ),
    )
    .unwrap();
    (dir, data)
}

fn raw_lines(data: &Path) -> Vec<String> {
    merged(&data.join("ledger"))
        .unwrap()
        .map(|r| r.unwrap().raw)
        .collect()
}

fn export(data: &Path, args: &[&str]) -> Output {
    let mut all = vec!["export", "--lang", "en"];
    all.extend_from_slice(args);
    tebiki(data, &all)
}

#[test]
fn jsonl_is_every_record_exactly_as_stored_in_ledger_order() {
    let (_keep, data) = ledger();
    let o = export(&data, &["--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let out = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines, raw_lines(&data));
    // Every line of every kiosk file is there, byte for byte.
    let mut stored: Vec<String> = ["k1", "k2"]
        .iter()
        .flat_map(|k| {
            std::fs::read_to_string(data.join(format!("ledger/{k}.jsonl")))
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut got: Vec<String> = lines.iter().map(std::string::ToString::to_string).collect();
    stored.sort();
    got.sort();
    assert_eq!(got, stored);
}

#[test]
fn the_json_document_holds_the_records_and_is_a_checkpoint_for_verify() {
    let (dir, data) = ledger();
    let file = dir.path().join("export.json");
    let o = export(&data, &["--format", "json", "-o", file.to_str().unwrap()]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("Exported 12 of 12 records from 2 ledger file(s)"),
        "{out}"
    );
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(doc["format"], "tebiki-export/1");
    assert_eq!(doc["complete"], true);
    assert_eq!(doc["count"], 12);
    let records: Vec<Value> = doc["records"].as_array().unwrap().clone();
    let expected: Vec<Value> = raw_lines(&data)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records, expected);
    // Each record is stored exactly: its bytes hash to the next record's `prev`.
    let text = std::fs::read_to_string(&file).unwrap();
    let k1_first = text
        .lines()
        .find(|l| l.contains("\"kiosk\":\"k1\"") && l.contains("\"seq\":1,"))
        .unwrap()
        .trim_end_matches(',');
    let k1_second: Value = records
        .iter()
        .find(|r| r["kiosk"] == "k1" && r["seq"] == 2)
        .cloned()
        .unwrap();
    assert_eq!(
        k1_second["prev"].as_str().unwrap(),
        hex::encode(sha2::Sha256::digest(k1_first.as_bytes()))
    );
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["file"], "k1.jsonl");
    assert_eq!(files[0]["last_seq"], 6);

    // `tebiki verify` takes the export as a checkpoint, and still does after more records.
    let verify = |data: &Path| tebiki(data, &["verify", "--checkpoint", file.to_str().unwrap()]);
    assert_eq!(verify(&data).status.code(), Some(0));
    Writer::open(&data.join("ledger"), "k1", Duration::from_secs(1))
        .unwrap()
        .append("consent", consent("E9", "後日", "営業部", "given"))
        .unwrap();
    assert_eq!(verify(&data).status.code(), Some(0));
    // A changed record no longer matches what was exported.
    let k1 = data.join("ledger/k1.jsonl");
    let s = std::fs::read_to_string(&k1).unwrap();
    std::fs::write(&k1, s.replacen("ABCD-EFGH", "ABCD-EFGX", 1)).unwrap();
    assert_eq!(verify(&data).status.code(), Some(1));
}

/// The CSV columns read back by name.
fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().from_reader(bytes);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|c| unneutralise(c).to_string())
                .collect()
        })
        .collect();
    (header, rows)
}

#[test]
fn csv_reads_back_to_the_records() {
    let (_keep, data) = ledger();
    let o = export(&data, &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(
        o.stdout.windows(2).any(|w| w == b"\r\n"),
        "RFC 4180 line ends"
    );
    let (header, rows) = csv_rows(&o.stdout);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(
        header[..6],
        [
            "at_utc",
            "at_local",
            "occurred_at",
            "occurred_at_local",
            "occurred_on",
            "employee_id",
        ]
    );
    let keys: Vec<&str> = tebiki::admin::columns::COLUMNS
        .iter()
        .map(|c| c.key)
        .filter(|k| *k != "purpose_")
        .collect();
    for key in keys {
        assert!(header.iter().any(|h| h == key), "{key} in {header:?}");
    }
    assert!(header.contains(&"purpose_own-phone".to_string()));
    let records: Vec<Value> = raw_lines(&data)
        .iter()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), records.len());
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    for (row, rec) in rows.iter().zip(&records) {
        assert_eq!(row[col("at_utc")], s(&rec["at"]));
        assert_eq!(row[col("employee_id")], s(&rec["employee"]["id"]));
        assert_eq!(row[col("employee_name")], s(&rec["employee"]["name"]));
        assert_eq!(row[col("department")], s(&rec["employee"]["department"]));
        assert_eq!(row[col("type")], s(&rec["type"]));
        assert_eq!(row[col("decision")], s(&rec["decision"]));
        assert_eq!(row[col("stage")], s(&rec["stage"]));
        assert_eq!(row[col("due")], s(&rec["due"]));
        assert_eq!(row[col("note")], s(&rec["note"]));
        assert_eq!(row[col("policy_version")], s(&rec["policy"]["version"]));
        assert_eq!(row[col("kiosk")], s(&rec["kiosk"]));
        assert_eq!(row[col("seq")], rec["seq"].to_string());
        assert_eq!(row[col("record_id")], s(&rec["id"]));
        assert_eq!(row[col("receipt")], s(&rec["receipt"]));
        // Local time: Tokyo is nine hours ahead of UTC.
        let at: jiff::Timestamp = s(&rec["at"]).parse().unwrap();
        let tokyo = at.to_zoned(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
        assert_eq!(
            row[col("at_local")],
            tokyo.strftime("%Y-%m-%d %H:%M:%S").to_string()
        );
        if rec["type"] == "consent" {
            let granted = if rec["decision"] == "given" {
                "yes"
            } else {
                "no"
            };
            assert_eq!(row[col("purpose_own-phone")], granted);
            // Purposes the current content does not ask about (the former statements, now
            // acknowledgements, and a retired one) keep their place in one column.
            let current = ["own-phone", "emergency-contact", "remote-wipe"];
            let others: Vec<String> = rec["purposes"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| !current.contains(&p["id"].as_str().unwrap_or("")))
                .map(|p| {
                    let yes = if p["granted"] == true { "yes" } else { "no" };
                    format!("{}={yes}", s(&p["id"]))
                })
                .collect();
            assert_eq!(row[col("other_purposes")], others.join(";"));
            assert_eq!(
                row[col("content_sha256")],
                format!("ja:{};en:{}", "a".repeat(64), "b".repeat(64))
            );
            assert_eq!(row[col("languages")], "ja;en");
            assert_eq!(row[col("method")], "kiosk");
        }
        if rec["type"] == "attendance" {
            assert_eq!(row[col("session")], "S-1");
        }
    }
}

#[test]
fn formula_like_cells_are_neutralised_and_excel_encodings_decode_to_the_same_text() {
    let (dir, data) = ledger();
    let plain = export(&data, &["--format", "csv"]).stdout;
    let plain_text = String::from_utf8(plain.clone()).unwrap();
    for (name, expected) in [
        (
            "=HYPERLINK(\"http://x\",\"click\")",
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\"",
        ),
        ("+81 90-1234-5678", "'+81 90-1234-5678"),
        ("@SUM(1)", "'@SUM(1)"),
        ("-1", "'-1"),
        ("\tTabbed", "'\tTabbed"),
        ("'quoted", "''quoted"),
        ("＝全角", "'＝全角"),
    ] {
        assert!(
            plain_text.contains(&format!(",{expected},")),
            "{name:?} -> {expected} in {plain_text}"
        );
    }
    assert!(plain_text.contains(",山田 太郎,"));
    // A note starting with "-" is a cell like any other.
    assert!(plain_text.contains(",'-様子を聞く,"));

    let bom_file = dir.path().join("excel.csv");
    let o = export(
        &data,
        &[
            "--format",
            "csv",
            "--excel",
            "-o",
            bom_file.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let bom = std::fs::read(&bom_file).unwrap();
    assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
    assert_eq!(std::str::from_utf8(&bom[3..]).unwrap(), plain_text);

    let sjis_file = dir.path().join("excel-sjis.csv");
    let o = export(
        &data,
        &[
            "--format",
            "csv",
            "--encoding",
            "cp932",
            "-o",
            sjis_file.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let sjis = std::fs::read(&sjis_file).unwrap();
    let (decoded, _, errors) = encoding_rs::SHIFT_JIS.decode(&sjis);
    assert!(!errors);
    assert_eq!(decoded, plain_text);

    // A character Shift_JIS cannot hold: written as 〓, said, and the exit code tells.
    Writer::open(&data.join("ledger"), "k1", Duration::from_secs(1))
        .unwrap()
        .append("consent", consent("E20", "𠮷田 一", "営業部", "given"))
        .unwrap();
    let o = export(
        &data,
        &[
            "--format",
            "csv",
            "--encoding",
            "cp932",
            "-o",
            sjis_file.to_str().unwrap(),
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("1 character(s) cannot be written in Shift_JIS"),
        "{err}"
    );
    let bytes = std::fs::read(&sjis_file).unwrap();
    let (decoded, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
    assert!(decoded.contains("〓田 一"));
}

#[test]
fn filters_select_by_day_decision_and_department() {
    let (_keep, data) = ledger();
    let count = |args: &[&str]| -> usize {
        let mut all = vec!["--format", "jsonl"];
        all.extend_from_slice(args);
        let o = export(&data, &all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", text(&o));
        String::from_utf8(o.stdout).unwrap().lines().count()
    };
    let tz = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
    let today = jiff::Timestamp::now().to_zoned(tz).date();
    let (yesterday, tomorrow) = (
        today.yesterday().unwrap().to_string(),
        today.tomorrow().unwrap().to_string(),
    );
    let today = today.to_string();
    assert_eq!(count(&[]), 12);
    assert_eq!(
        count(&["--since", &today, "--until", &today]),
        12,
        "a day includes both ends"
    );
    assert_eq!(count(&["--since", &tomorrow]), 0);
    assert_eq!(count(&["--until", &yesterday]), 0);
    assert_eq!(count(&["--since", "2000-01-01T00:00:00+09:00"]), 12);
    assert_eq!(count(&["--until", "2000-01-01T00:00:00Z"]), 0);
    // Days as people type them, as in the other commands.
    assert_eq!(count(&["--since", "２０００年１月１日"]), 12);
    assert_eq!(count(&["--until", "2000/1/1"]), 0);
    // Decisions of consent records; withdrawals; stage records by their stage.
    assert_eq!(count(&["--status", "given"]), 3);
    assert_eq!(count(&["--status", "refused,deferred"]), 5);
    assert_eq!(count(&["--status", "withdrawn"]), 1);
    assert_eq!(count(&["--status", "parallel"]), 1);
    assert_eq!(count(&["--status", "given", "--dept", "営業部"]), 2);
    assert_eq!(count(&["--dept", " 総務部 "]), 5);
    assert_eq!(count(&["--dept", "営業部", "--dept", "総務部"]), 12);

    for (args, what) in [
        (
            vec!["--since", "2026-02-30"],
            "“2026-02-30” is not a real date: 2026-02 has only 28 days",
        ),
        (vec!["--until", "2026-02-3x"], "is not a date"),
        (
            vec!["--until", "2026-11-31T09:00:00+09:00"],
            "is not a real date: 2026-11 has only 30 days",
        ),
        (
            vec!["--since", "2026-12-02", "--until", "2026-12-01"],
            "--since is after --until",
        ),
        (
            vec!["--format", "json", "--excel"],
            "--excel only applies to --format csv",
        ),
        (
            vec!["--format", "jsonl", "--labels", "ja"],
            "--labels only applies to --format csv",
        ),
    ] {
        let mut all = vec!["export", "--lang", "en"];
        all.extend_from_slice(&args);
        let o = tebiki(&data, &all);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(text(&o).1.contains(what), "{args:?}: {:?}", text(&o));
    }
    // An unknown status is a warning naming the known ones (exit 1), as for --dept; the
    // export is still written and selects nothing for it.
    let o = tebiki(&data, &["export", "--status", "maybe", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).1.contains("“maybe”"), "{:?}", text(&o));
    assert_eq!(text(&o).0.lines().count(), 1, "{:?}", text(&o));
    // `--dept A,B` is one name; when each part is a department, the warning shows how to
    // choose several, in both languages. A name that is simply unknown gets the usual advice.
    for (lang, how) in [
        (
            "en",
            "give --dept once for each: --dept '営業部' --dept '総務部'",
        ),
        (
            "ja",
            "部署ごとに --dept を付けてください：--dept '営業部' --dept '総務部'",
        ),
    ] {
        let o = tebiki(
            &data,
            &["export", "--dept", "営業部,総務部", "--lang", lang],
        );
        assert_eq!(o.status.code(), Some(1));
        assert!(text(&o).1.contains(how), "{lang}: {:?}", text(&o));
        let o = tebiki(&data, &["export", "--dept", "営業部、人事", "--lang", lang]);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            !text(&o).1.contains("once for each") && !text(&o).1.contains("部署ごとに"),
            "{lang}: {:?}",
            text(&o)
        );
    }
    // A stray comma after one name: the advice shows the name without it, and the known
    // departments are listed as the language lists things.
    for (lang, how, listed) in [
        ("en", "without the comma: --dept '営業部'", "営業部, 総務部"),
        (
            "ja",
            "カンマを付けずに指定してください：--dept '営業部'",
            "営業部、総務部",
        ),
    ] {
        let o = tebiki(&data, &["export", "--dept", "営業部,", "--lang", lang]);
        assert_eq!(o.status.code(), Some(1));
        let err = text(&o).1;
        assert!(err.contains(how), "{lang}: {err}");
        assert!(
            !err.contains("once for each") && !err.contains("部署ごとに"),
            "{err}"
        );
        assert!(err.contains(listed), "{lang}: {err}");
    }
}

#[test]
fn a_damaged_line_is_reported_with_its_place_and_skipped_and_the_export_says_incomplete() {
    let (dir, data) = ledger();
    let k1 = data.join("ledger/k1.jsonl");
    let mut lines: Vec<String> = std::fs::read_to_string(&k1)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    lines[1] = "{\"not\": \"a record\"".to_string();
    std::fs::write(&k1, lines.join("\n") + "\n").unwrap();

    // The line is gone, so the chain breaks there: the record before it cannot be checked
    // against it, and nothing after it in k1 can be told apart from an edit. All of k2 is
    // written.
    let k2_records = std::fs::read_to_string(data.join("ledger/k2.jsonl"))
        .unwrap()
        .lines()
        .count();
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "the previous export\n").unwrap();
    let o = export(&data, &["--format", "csv", "-o", out.to_str().unwrap()]);
    let (stdout, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{stdout}{err}");
    assert!(err.contains("k1.jsonl:2"), "{err}");
    assert!(err.contains("chain of records breaks at"), "{err}");
    assert!(err.contains("the export is incomplete"), "{err}");
    let (header, rows) = csv_rows(&std::fs::read(&out).unwrap());
    assert_eq!(rows.len(), k2_records + 1, "everything else is written");
    // The last row says so in the file itself, with as many cells as any row.
    let last = rows.last().unwrap();
    assert_eq!(last.len(), header.len());
    assert!(last[0].starts_with("INCOMPLETE EXPORT:"), "{last:?}");
    // Counted as the warnings count: the line that could not be read, and the records
    // withheld after the break; each place named once.
    assert!(
        last[0].contains("1 ledger line that could not be read"),
        "{last:?}"
    );
    // The unreadable line is inside the withheld run, which names it.
    assert!(last[0].contains("(k1.jsonl:1-6)"), "{last:?}");
    assert!(last.iter().skip(1).all(String::is_empty), "{last:?}");

    let o = export(&data, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["complete"], false);
    let skipped = doc["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["file"] == "k1.jsonl" && s["line"] == 2 && s["problem"] == "unparseable"),
        "{skipped:?}"
    );
    // The withheld run says how far it goes and how many records it holds: every line of k1
    // but the unreadable one.
    let k1_lines = lines.len() as u64;
    assert!(
        skipped.iter().any(|s| s["file"] == "k1.jsonl"
            && s["line"] == 1
            && s["problem"] == "withheld"
            && s["last_line"] == k1_lines
            && s["records"] == k1_lines - 1),
        "{skipped:?}"
    );
    assert_eq!(doc["count"], k2_records);
    // The summary counts the line not read and the records not used, not the issues.
    let (_, err) = text(&o);
    assert!(
        err.contains("the export is incomplete: 1 ledger line(s) could not be read"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "the export is incomplete: {} record(s) from a break in the hash chain onwards were not used",
            k1_lines - 1
        )),
        "{err}"
    );

    // In Japanese too.
    let o = tebiki(&data, &["export", "--format", "jsonl", "--lang", "ja"]);
    let (_, err) = text(&o);
    assert!(err.contains("書き出しは不完全です"), "{err}");
}

#[test]
fn an_output_file_is_replaced_only_by_a_finished_export() {
    let (dir, data) = ledger();
    let out = dir.path().join("out.jsonl");
    std::fs::write(&out, "old\n").unwrap();
    // A usage error leaves the old file alone.
    let o = export(
        &data,
        &["--format", "jsonl", "--excel", "-o", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    let o = export(&data, &["--format", "jsonl", "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 12);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let tmp = |n: &String| std::path::Path::new(n).extension() == Some("tmp".as_ref());
    assert!(!names.iter().any(tmp), "{names:?}");
    // Never over tebiki's own files: in the ledger folder it would be read as another kiosk's
    // ledger, and in the data folder it could replace the settings, the roster or a seal.
    let config = std::fs::read(data.join("config.toml")).unwrap();
    for inside in [
        data.join("ledger/export.jsonl"),
        data.join("config.toml"),
        data.join("roster.csv"),
        data.join("seals/x.json"),
        data.join("ledger/../config.toml"),
        data.join("pin-attempts.json"),
        data.join("pin-attempts-dashboard.json"),
    ] {
        let _ = std::fs::create_dir_all(data.join("seals"));
        let o = export(
            &data,
            &["--format", "jsonl", "-o", inside.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(2), "{inside:?}");
        assert!(text(&o).1.contains("tebiki's own files"), "{:?}", text(&o));
    }
    assert!(!data.join("ledger/export.jsonl").exists());
    assert!(!data.join("seals/x.json").exists());
    assert!(!data.join("pin-attempts.json").exists());
    assert_eq!(std::fs::read(data.join("config.toml")).unwrap(), config);
    // Any other file beside them is fine.
    let beside = data.join("export.jsonl");
    let o = export(
        &data,
        &["--format", "jsonl", "-o", beside.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    assert!(beside.exists());
    // A folder that does not exist is an input error with its place.
    let o = export(
        &data,
        &["-o", dir.path().join("no/such/dir/x.csv").to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("no/such/dir"));
}

#[test]
fn an_empty_or_missing_ledger_exports_just_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let o = export(dir.path(), &["--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let (header, rows) = csv_rows(&o.stdout);
    assert_eq!(header[0], "at_utc");
    assert!(rows.is_empty());
    let o = export(dir.path(), &["--format", "json"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["records"], json!([]));
    assert_eq!(doc["files"], json!([]));
}

#[test]
fn a_ledger_folder_that_cannot_be_read_is_told_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    // A file where the ledger folder should be.
    std::fs::write(dir.path().join("ledger"), "not a folder").unwrap();
    for format in ["csv", "json", "jsonl"] {
        let o = export(dir.path(), &["--format", format]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{format}: {out} {err}");
        assert!(out.is_empty(), "{format}: nothing on stdout, got {out:?}");
        assert!(
            err.contains("ledger"),
            "{format}: the place is named: {err}"
        );
    }
}

#[test]
fn a_demo_organisation_exports_completely_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = tebiki(&data, &["demo", "--employees", "300", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let stored = raw_lines(&data);
    let jsonl = export(&data, &["--format", "jsonl"]).stdout;
    assert_eq!(
        String::from_utf8(jsonl)
            .unwrap()
            .lines()
            .collect::<Vec<_>>(),
        stored
    );
    let csv_out = export(&data, &["--format", "csv"]).stdout;
    let (header, rows) = csv_rows(&csv_out);
    assert_eq!(rows.len(), stored.len());
    let id = header.iter().position(|h| h == "record_id").unwrap();
    for (row, raw) in rows.iter().zip(&stored) {
        let v: Value = serde_json::from_str(raw).unwrap();
        assert_eq!(row[id], v["id"].as_str().unwrap());
    }
}

#[test]
fn hostile_names_come_out_visible_and_harmless_in_csv_and_exact_in_jsonl() {
    let data = tempfile::tempdir().unwrap();
    let name = "Eve\u{1b}[2J\u{202E}x\0";
    let mut w = Writer::open(&data.path().join("ledger"), "k1", Duration::from_secs(1)).unwrap();
    w.append("consent", consent("E66", name, "営業部", "given"))
        .unwrap();
    drop(w);
    let out = data.path().join("out.csv");
    let o = export(
        data.path(),
        &["--format", "csv", "-o", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let bytes = std::fs::read(&out).unwrap();
    let csv = String::from_utf8(bytes).unwrap();
    assert!(
        !csv.contains('\u{1b}') && !csv.contains('\u{202E}') && !csv.contains('\0'),
        "{csv:?}"
    );
    assert!(csv.contains("Eve\\u{001B}[2J\\u{202E}x\\u{0000}"), "{csv}");
    // The lossless form keeps the name exactly as entered.
    let o = export(data.path(), &["--format", "jsonl"]);
    let line: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(line["employee"]["name"], name);
}

#[test]
fn an_export_stopped_by_ctrl_c_leaves_nothing_half_written() {
    use std::os::unix::process::ExitStatusExt;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let o = tebiki(data, &["demo", "--employees", "5000", "--lang", "en"]);
    assert!(o.status.success(), "{:?}", text(&o));
    let out = data.join("out");
    std::fs::create_dir(&out).unwrap();
    let target = out.join("consent.csv");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["export", "--lang", "en", "-o"])
        .arg(&target)
        .env("TEBIKI_DATA", data)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // The export has begun once its temporary file is there.
    let started = std::time::Instant::now();
    while std::fs::read_dir(&out).unwrap().next().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no temporary file"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    // 22,000 records take the export most of a second; the signal comes within milliseconds.
    let status = child.wait().unwrap();
    assert_eq!(status.signal(), Some(2), "ended by the signal: {status:?}");
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// A filtered export keeps the corrections of the people it covers: a voided record it holds
/// comes with the void that cancels it, whatever the dates and statuses asked for; another
/// department's corrections stay out.
#[test]
fn a_filtered_export_keeps_the_voids_of_the_records_it_holds() {
    let (_keep, data) = ledger();
    let stage = raw_lines(&data)
        .iter()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["type"] == "stage")
        .unwrap();
    let id = stage["id"].as_str().unwrap().to_string();
    let o = tebiki(
        &data,
        &[
            "--lang",
            "en",
            "record",
            "void",
            &id,
            "--note",
            "wrong person",
            "--by",
            "hr",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let tz = jiff::tz::TimeZone::get("Asia/Tokyo").unwrap();
    let yesterday = jiff::Timestamp::now()
        .to_zoned(tz)
        .date()
        .yesterday()
        .unwrap()
        .to_string();
    // The void comes with the record it cancels, and only with it: whatever the filters,
    // in both the JSON lines and the CSV.
    for (args, with_void) in [
        (vec!["--status", "parallel"], true),
        (vec!["--status", "parallel", "--dept", "営業部"], true),
        (vec!["--status", "parallel", "--until", &yesterday], false),
        (vec!["--status", "given"], false),
        (vec!["--dept", "総務部"], false),
        (vec!["--dept", "営業部"], true),
    ] {
        let mut all = vec!["--format", "jsonl"];
        all.extend_from_slice(&args);
        let o = export(&data, &all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", text(&o));
        let rows: Vec<Value> = String::from_utf8(o.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let has = |t: &str, key: &str| rows.iter().any(|r| r["type"] == t && r[key] == id.as_str());
        assert_eq!(has("void", "voids"), with_void, "{args:?}: {rows:?}");
        assert_eq!(has("stage", "id"), with_void, "{args:?}: {rows:?}");
        assert_eq!(
            rows.iter().filter(|r| r["type"] == "void").count(),
            usize::from(with_void)
        );
        let mut all = vec!["--format", "csv"];
        all.extend_from_slice(&args);
        let o = export(&data, &all);
        let (_, csv) = csv_rows(&o.stdout);
        let voids = csv.iter().filter(|r| r.iter().any(|c| c == "void")).count();
        assert_eq!(voids, usize::from(with_void), "{args:?}: {csv:?}");
    }
}

/// An export made for Excel says when employee ids start with 0 (Excel drops the zeros of
/// such an id when the file is opened by double-click) and how to keep them; the ids are
/// written exactly, and a plain CSV for scripts says nothing.
#[test]
fn an_export_for_excel_warns_of_ids_whose_zeros_excel_drops() {
    let data = tempfile::tempdir().unwrap();
    let mut w = Writer::open(&data.path().join("ledger"), "k1", Duration::from_secs(1)).unwrap();
    for id in ["000123", "000456", "E0001", "1234"] {
        w.append("consent", consent(id, "山田 太郎", "営業部", "given"))
            .unwrap();
    }
    // A champion's row names the person supported by id: those zeros go too.
    w.append(
        "champion",
        other(
            "E0001",
            "営業部",
            json!({ "active": true, "supports": "0042" }),
        ),
    )
    .unwrap();
    drop(w);
    for (lang, said, todo) in [
        (
            "en",
            "3 row(s) have an employee ID that starts with 0 (such as 000123)",
            "Data > From Text/CSV",
        ),
        (
            "ja",
            "社員番号が 0 で始まる行が 3 行あります（例：000123）",
            "［テキストまたは CSV から］",
        ),
    ] {
        for excel in [vec!["--excel"], vec!["--encoding", "cp932"]] {
            let mut args = vec!["--lang", lang, "export"];
            args.extend(&excel);
            let o = tebiki(data.path(), &args);
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(0), "{err}");
            assert!(
                err.contains(said) && err.contains(todo),
                "{lang} {excel:?}: {err}"
            );
            assert!(out.contains(",000123,") && out.contains(",0042,"), "{out}");
        }
    }
    let o = export(data.path(), &[]);
    assert!(!text(&o).1.contains("000123"), "{}", text(&o).1);
}
