//! The command line as scripts and admins use it: exit codes, messages with file:line, and
//! what `status`, `verify` and `content check` print.

mod common;

use common::{tebiki, text};

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{Map, Value, json};
use tebiki::ledger::Writer;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// A copy of the project's content and locales to break on purpose.
fn content_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &dir.path().join("content"));
    copy_dir(&root.join("locales"), &dir.path().join("locales"));
    let p = dir.path().to_path_buf();
    (dir, p)
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{} has {from:?}", path.display());
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

/// Makes the content copy in `dir` put a required screen (`where`) after the check.
fn required_screen_after_the_check(dir: &Path) {
    edit(
        &dir.join("content/manifest.toml"),
        "[[screens]]\nid = \"where\"\nkind = \"info\"\nrequired = false\n\n[[screens]]\nid = \"check\"\nkind = \"check\"\nrequired = true\n",
        "[[screens]]\nid = \"check\"\nkind = \"check\"\nrequired = true\n\n[[screens]]\nid = \"where\"\nkind = \"info\"\nrequired = true\n",
    );
}

fn body(id: &str, name: &str, decision: &str, version: &str) -> Map<String, Value> {
    let v = json!({ "employee": { "id": id, "name": name }, "decision": decision,
                    "policy": { "id": "line-works-own-phone", "version": version }, "receipt": "ABCD-EFGH" });
    v.as_object().unwrap().clone()
}

#[test]
fn content_check_passes_on_the_built_in_content() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["content", "check", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(
        out.contains("Content OK: 14 screens in 2 languages"),
        "{out}"
    );
}

#[test]
fn content_check_finds_every_kind_of_problem_with_its_place() {
    let data = tempfile::tempdir().unwrap();
    let (_keep, dir) = content_copy();
    // A message missing in one language, another with a different variable, a parse error.
    edit(&dir.join("locales/ja/ui.ftl"), "act-quit = 終了\n", "");
    edit(
        &dir.join("locales/ja/ui.ftl"),
        "check-counter = 質問 { $n } / { $of }",
        "check-counter = 質問 { $n } / { $total }",
    );
    std::fs::write(
        dir.join("locales/en/broken.ftl"),
        "fine = ok\n\nbroken = {\n",
    )
    .unwrap();
    // A screen missing, an unknown placeholder, a question with the wrong number of options.
    std::fs::remove_file(dir.join("content/en/leaving.md")).unwrap();
    edit(
        &dir.join("content/ja/costs.md"),
        "\n\n",
        "\n\n{allowance}\n\n",
    );
    edit(
        &dir.join("content/en/forms.toml"),
        "options = [\n",
        "options = [\n  \"An extra option\",\n",
    );
    // A required screen after the check.
    required_screen_after_the_check(&dir);
    // A misspelt condition, and a question whose rule is no longer marked.
    edit(
        &dir.join("content/ja/receipt.md"),
        "<!-- when: deferred|refused -->",
        "<!-- when: deffered|refused -->",
    );
    edit(
        &dir.join("content/en/hours.md"),
        "<!-- rule: after-hours -->\n",
        "",
    );
    let o = tebiki(
        data.path(),
        &[
            "content",
            "check",
            "--lang",
            "en",
            "--content",
            dir.to_str().unwrap(),
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(
        out.contains("message “act-quit” is missing in ja (defined at "),
        "{out}"
    );
    assert!(out.contains("locales/ja/ui.ftl:"), "{out}");
    assert!(out.contains("check-counter"), "{out}");
    assert!(out.contains("locales/en/broken.ftl:3"), "{out}");
    assert!(out.contains("content/en/leaving.md: file missing"), "{out}");
    assert!(
        out.contains("content/ja/costs.md:3: unknown placeholder {allowance}"),
        "{out}"
    );
    assert!(out.contains("has 4 options, the manifest says 3"), "{out}");
    assert!(
        out.contains("content/ja/receipt.md:") && out.contains("“deffered” is not one of"),
        "{out}"
    );
    assert!(
        out.contains("content/en/hours.md: question “after-hours” is explained here"),
        "{out}"
    );
    assert!(
        out.contains("content/manifest.toml: screen “where” comes after “check”"),
        "{out}"
    );
    assert!(err.contains("problem(s) found"), "{err}");
}

/// Content whose screens are out of the order the flow takes (a required screen after the
/// check) is refused where it is loaded, not only named by `content check`: an agreement
/// could otherwise be saved without that screen ever shown.
#[test]
fn content_with_a_required_screen_after_the_check_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let (_keep, dir) = content_copy();
    required_screen_after_the_check(&dir);
    for lang in ["en", "ja"] {
        let o = tebiki(
            data.path(),
            &["export", "--lang", lang, "--content", dir.to_str().unwrap()],
        );
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{out}{err}");
        let named = if lang == "en" {
            "screen “where” comes after “check”"
        } else {
            "画面「where」が「check」より後にあります"
        };
        assert!(err.contains(named), "{lang}: {err}");
        assert!(out.is_empty(), "{out}");
    }
}

/// Someone moved over under a consent to an earlier version (expired): status says at once
/// that they use their own phone without a consent in force, as the report lists them.
#[test]
fn status_tells_own_phone_use_without_a_consent_in_force() {
    let data = tempfile::tempdir().unwrap();
    let mut w = Writer::open(&data.path().join("ledger"), "k1", Duration::from_secs(1)).unwrap();
    w.append("consent", body("E1", "Aoi", "given", "2020-01-01"))
        .unwrap();
    let stage = json!({ "employee": { "id": "E1", "name": "Aoi" }, "stage": "migrated" });
    w.append("stage", stage.as_object().unwrap().clone())
        .unwrap();
    for (lang, words) in [
        ("en", "without a consent in force"),
        ("ja", "有効な同意がないまま"),
    ] {
        let o = tebiki(data.path(), &["status", "E1", "--lang", lang]);
        let (out, _) = text(&o);
        assert!(out.contains(words), "{lang}: {out}");
    }
    let o = tebiki(data.path(), &["status", "E1", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["consent"], "expired", "{v}");
    assert_eq!(v["in_use_without_consent"], true, "{v}");
    let o = tebiki(data.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        r["in_use_without_consent"].as_array().map(Vec::len),
        Some(1),
        "{r}"
    );
}

#[test]
fn status_shows_the_current_state_and_history() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["status", "E1", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    assert!(out.contains("never decided (none)"), "{out}");
    assert!(
        !data.path().join("ledger").exists(),
        "a read does not create the ledger"
    );

    let version = toml::from_str::<toml::Value>(include_str!("../content/manifest.toml")).unwrap()
        ["policy_version"]
        .as_str()
        .unwrap()
        .to_string();
    let mut w = Writer::open(&data.path().join("ledger"), "k1", Duration::from_secs(1)).unwrap();
    w.append("consent", body("E1", "山田 太郎", "deferred", &version))
        .unwrap();
    w.append("consent", body("E2", "Other", "given", &version))
        .unwrap();
    w.append("consent", body("E1", "山田 太郎", "given", &version))
        .unwrap();
    let o = tebiki(data.path(), &["status", "E1", "--lang", "en"]);
    let (out, _) = text(&o);
    assert!(out.contains("Consent: consent given (given)"), "{out}");
    assert!(out.contains("山田 太郎"));
    // Two history lines in words (a "not now", then the consent), and the state.
    assert_eq!(out.matches("Decision").count(), 2, "{out}");
    assert_eq!(out.matches("consent given").count(), 1 + 1, "{out}");
    assert!(out.contains("Decision  not now"), "{out}");

    let o = tebiki(data.path(), &["status", "E1", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["consent"], "given");
    assert_eq!(v["history"].as_array().unwrap().len(), 2);

    // A policy version newer than the one decided on makes the consent expire.
    let (_keep, dir) = content_copy();
    edit(&dir.join("content/manifest.toml"), &version, "9999-01-01");
    let o = tebiki(
        data.path(),
        &[
            "status",
            "E1",
            "--format",
            "json",
            "--content",
            dir.to_str().unwrap(),
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["consent"], "expired");
}

#[test]
fn status_escapes_control_characters_in_names() {
    let data = tempfile::tempdir().unwrap();
    let mut w = Writer::open(&data.path().join("ledger"), "k1", Duration::from_secs(1)).unwrap();
    w.append(
        "consent",
        body("E9", "Eve\u{1b}[2J\u{202E}x\0", "given", "2026-11-23"),
    )
    .unwrap();
    let o = tebiki(data.path(), &["status", "E9", "--lang", "en"]);
    let (out, _) = text(&o);
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}') && !out.contains('\0'),
        "{out:?}"
    );
    assert!(out.contains("Eve\\u{001B}[2J\\u{202E}x\\u{0000}"), "{out}");
}

/// Counts read as numbers are written: one record, and thousands grouped.
#[test]
fn verify_counts_one_record_as_one_and_groups_thousands() {
    let data = tempfile::tempdir().unwrap();
    let ledger = data.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    w.append("consent", body("E1", "A", "given", "2026-11-23"))
        .unwrap();
    let out = text(&tebiki(data.path(), &["verify", "--lang", "en"])).0;
    assert!(out.contains("k1.jsonl: 1 record, "), "{out}");
    assert!(out.contains("Intact: 1 record in 1 file(s)"), "{out}");
    let mut w = Writer::open(&ledger, "k2", Duration::from_secs(1)).unwrap();
    for i in 0..1200 {
        w.append("stage", body(&format!("E{i}"), "A", "given", "2026-11-23"))
            .unwrap();
    }
    let out = text(&tebiki(data.path(), &["verify", "--lang", "en"])).0;
    assert!(out.contains("k2.jsonl: 1,200 records, "), "{out}");
    assert!(out.contains("Intact: 1,201 records in 2 file(s)"), "{out}");
    let out = text(&tebiki(data.path(), &["verify", "--lang", "ja"])).0;
    assert!(out.contains("1,201 件"), "{out}");
}

#[test]
fn verify_reports_intact_then_locates_damage_and_checks_a_checkpoint() {
    let data = tempfile::tempdir().unwrap();
    let ledger = data.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    for i in 0..5 {
        w.append(
            "consent",
            body(&format!("E{i}"), "A", "given", "2026-11-23"),
        )
        .unwrap();
    }
    let o = tebiki(data.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("Intact: 5 records in 1 file(s)"), "{out}");
    // With nothing but the chain to go by, it says what "Intact" does not cover.
    assert!(out.contains("No seal or checkpoint was checked"), "{out}");
    // The checkpoint line verify prints can be given back later.
    let checkpoint_line = out
        .lines()
        .find(|l| l.trim_start().starts_with("k1.jsonl "))
        .unwrap()
        .trim()
        .to_string();
    let cp = data.path().join("checkpoint.txt");
    std::fs::write(&cp, format!("{checkpoint_line}\n")).unwrap();
    let o = tebiki(
        data.path(),
        &[
            "verify",
            "--lang",
            "en",
            "--checkpoint",
            cp.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).0);
    assert!(
        !text(&o).0.contains("No seal or checkpoint"),
        "{}",
        text(&o).0
    );

    // One byte changed in the third record.
    let path = ledger.join("k1.jsonl");
    let s = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    let changed = lines[2].replacen("\"E2\"", "\"E7\"", 1);
    let tampered = s.replacen(lines[2], &changed, 1);
    std::fs::write(&path, tampered).unwrap();
    let o = tebiki(data.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    // The line before, which was changed, is named with the line whose `prev` shows it.
    assert!(
        out.contains("k1.jsonl:4: chain break: “prev” is not the SHA-256 of line 3: line 3 or"),
        "{out}"
    );
    assert!(out.contains("DAMAGED"), "{out}");
    let o = tebiki(data.path(), &["verify", "--lang", "ja"]);
    let (out, _) = text(&o);
    assert!(
        out.contains("k1.jsonl:4: 連鎖の切れ目：「prev」が 3 行目の"),
        "{out}"
    );

    let o = tebiki(data.path(), &["verify", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["findings"][0]["line"], 4);
    assert!(v["findings"][0].get("follows").is_none(), "{v}");

    // Put back, then two lines that cannot be read inserted after the second record: the
    // record after them names the second, so they are said to be inserted, and its seq
    // (which goes on from the second's) is no gap.
    let mut lines: Vec<String> = lines.iter().map(ToString::to_string).collect();
    lines.insert(2, String::new());
    lines.insert(3, "not json".into());
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let o = tebiki(data.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("k1.jsonl:5: chain break: “prev” is the SHA-256 of line 2, the last line"),
        "{out}"
    );
    assert!(
        out.contains("lines 3–4, which could not be read, were inserted"),
        "{out}"
    );
    assert!(!out.contains("seq gap"), "{out}");
    let o = tebiki(data.path(), &["verify", "--lang", "ja"]);
    let (out, _) = text(&o);
    assert!(
        out.contains("読めなかった 3～4 行目は、その後に挿入"),
        "{out}"
    );
    let o = tebiki(data.path(), &["verify", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let kinds: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["unparseable", "unparseable", "chain_break"], "{v}");
    assert_eq!(v["findings"][2]["follows"], 2, "{v}");
    // The two lines are not counted as records: the file's line says them apart.
    let k1 = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"] == "k1.jsonl")
        .unwrap();
    let records = k1["records"].as_u64().unwrap();
    assert_eq!(k1["not_records"], 2, "{v}");
    let o = tebiki(data.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    let said = format!(
        "k1.jsonl: {} records (and lines that could not be read as a record: 2)",
        records - 2
    );
    assert!(out.contains(&said), "{out}");
    let o = tebiki(data.path(), &["verify", "--lang", "ja"]);
    let (out, _) = text(&o);
    let said = format!(
        "k1.jsonl：{} 件（ほかに記録として読めない行が 2 行）",
        records - 2
    );
    assert!(out.contains(&said), "{out}");
}

#[test]
fn usage_and_input_errors_exit_2_and_say_what_to_do() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["status", "E1", "--lang", "xx"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("xx") && err.contains("en, ja"),
        "names the language and the choices: {err}"
    );

    std::fs::write(
        data.path().join("config.toml"),
        "kiosk_id = \"k\"\n\n[org]\nallowance_yen = \"lots\"\n",
    )
    .unwrap();
    let o = tebiki(data.path(), &["status", "E1", "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("config.toml:4"), "{err}");
    assert!(err.contains("Fix that line"), "{err}");

    let o = tebiki(data.path(), &["--lang", "ja"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.contains("端末が必要です"), "{err}");

    let o = tebiki(data.path(), &["no-such-command"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn help_speaks_the_chosen_language_including_its_headings() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["--help", "--lang", "ja"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(0));
    for word in [
        "使い方",
        "コマンド",
        "オプション",
        "ヘルプを表示する",
        "データフォルダー",
    ] {
        assert!(out.contains(word), "{word}: {out}");
    }
    assert!(!out.contains("Print help"), "{out}");
    let o = tebiki(data.path(), &["verify", "--help", "--lang", "en"]);
    let (out, _) = text(&o);
    assert!(
        out.contains("Usage: tebiki verify") && out.contains("--checkpoint"),
        "{out}"
    );
}

#[test]
fn verify_output_as_it_is_printed_is_a_checkpoint_in_text_and_json() {
    let data = tempfile::tempdir().unwrap();
    let ledger = data.path().join("ledger");
    let mut w = Writer::open(&ledger, "k1", Duration::from_secs(1)).unwrap();
    let mut k2 = Writer::open(&ledger, "k2", Duration::from_secs(1)).unwrap();
    for i in 0..3 {
        w.append(
            "consent",
            body(&format!("E{i}"), "A", "given", "2026-11-23"),
        )
        .unwrap();
        k2.append(
            "consent",
            body(&format!("F{i}"), "B", "refused", "2026-11-23"),
        )
        .unwrap();
    }
    // `tebiki verify > cp.txt` in each language, and `--format json`; then the ledger grows.
    let mut checkpoints = Vec::new();
    for args in [
        vec!["verify", "--lang", "ja"],
        vec!["verify", "--lang", "en"],
        vec!["verify", "--format", "json"],
    ] {
        let o = tebiki(data.path(), &args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {:?}", text(&o));
        let cp = data.path().join(format!("cp-{}.txt", checkpoints.len()));
        std::fs::write(&cp, &o.stdout).unwrap();
        checkpoints.push(cp);
    }
    w.append("consent", body("E9", "C", "deferred", "2026-11-23"))
        .unwrap();
    for cp in &checkpoints {
        let o = tebiki(
            data.path(),
            &[
                "verify",
                "--checkpoint",
                cp.to_str().unwrap(),
                "--lang",
                "en",
            ],
        );
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(0), "{}: {out}{err}", cp.display());
    }

    // A checkpoint the ledger no longer extends is a finding, from the text output too.
    let path = ledger.join("k1.jsonl");
    let s = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = s.lines().collect();
    std::fs::write(&path, format!("{}\n", lines[..2].join("\n"))).unwrap();
    let o = tebiki(
        data.path(),
        &[
            "verify",
            "--checkpoint",
            checkpoints[0].to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));

    // Hand-written checkpoints keep their line-located errors.
    let bad = data.path().join("bad.txt");
    std::fs::write(&bad, "k1.jsonl 3 nothex\n").unwrap();
    let o = tebiki(
        data.path(),
        &[
            "verify",
            "--checkpoint",
            bad.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    assert!(text(&o).1.contains("bad.txt:1"), "{:?}", text(&o));

    // A checkpoint that names no file (a failed copy, the wrong file) would check nothing:
    // refused, never "Intact".
    for (name, body) in [
        ("empty.txt", ""),
        ("blank.txt", "\n\n# nothing\n"),
        ("none.json", "{\"files\": []}"),
    ] {
        let cp = data.path().join(name);
        std::fs::write(&cp, body).unwrap();
        for lang in ["en", "ja"] {
            let o = tebiki(
                data.path(),
                &[
                    "verify",
                    "--checkpoint",
                    cp.to_str().unwrap(),
                    "--lang",
                    lang,
                ],
            );
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{name}: {out}{err}");
            assert!(
                err.contains("names no ledger file") || err.contains("1 つも書かれていない"),
                "{name}: {err}"
            );
            assert!(!err.contains(&format!("{name}:0")), "{err}");
        }
    }
}

#[test]
fn a_missing_or_unreadable_file_is_told_in_japanese_without_the_systems_own_words() {
    let data = tempfile::tempdir().unwrap();
    let missing = data.path().join("nai.csv");
    let o = tebiki(
        data.path(),
        &[
            "--lang",
            "ja",
            "roster",
            "import",
            missing.to_str().unwrap(),
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("ファイルまたはフォルダーがありません"),
        "{err}"
    );
    assert!(err.contains("nai.csv"), "which file: {err}");
    assert!(err.contains("パス"), "advice for a missing file: {err}");
    assert!(!err.contains("os error"), "{err}");
    assert!(!err.contains("No such file"), "{err}");
    assert!(
        !err.contains("CSV UTF-8"),
        "no advice about the encoding: {err}"
    );
    // A folder where a file is expected: other words, other advice.
    let o = tebiki(
        data.path(),
        &[
            "--lang",
            "ja",
            "roster",
            "import",
            data.path().to_str().unwrap(),
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        !err.contains("os error") && !err.contains("Is a directory"),
        "{err}"
    );
    assert!(err.contains("フォルダー"), "{err}");
    // The same in English.
    let o = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "roster",
            "import",
            missing.to_str().unwrap(),
        ],
    );
    let (_, err) = text(&o);
    assert!(
        err.contains("does not exist") && !err.contains("os error"),
        "{err}"
    );
}

#[test]
fn record_names_the_login_account_when_user_is_unset() {
    let data = tempfile::tempdir().unwrap();
    let csv = data.path().join("in.csv");
    std::fs::write(
        &csv,
        "employee_id,name,department,email\nE0001,Aoi,Sales,\n",
    )
    .unwrap();
    let o = tebiki(data.path(), &["roster", "import", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(["--lang", "en", "record", "stage", "E0001", "hesitant"])
        .env("TEBIKI_DATA", data.path())
        .env_remove("TEBIKI_CONTENT")
        .env_remove("USER")
        .env_remove("USERNAME")
        .env_remove("LOGNAME")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("tebiki runs");
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    let records = common::read_records(&data.path().join("ledger"));
    let by = records[0]["recorded_by"]["name"]
        .as_str()
        .unwrap_or_default();
    assert!(!by.is_empty(), "{records:?}");
    #[cfg(unix)]
    assert_eq!(Some(by.to_string()), tebiki::admin::record::login_name());
}

/// A data folder that is not there (a mistyped --data) is told, not read as an empty one:
/// `verify` would otherwise say "Intact: 0 records", and nothing is created.
#[test]
fn a_data_folder_that_is_not_there_is_refused_by_the_commands_that_read_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("typo");
    for args in [
        &["verify"][..],
        &["report"],
        &["export", "--format", "jsonl"],
        &["status", "E1"],
        &["seal", "--key", "/nonexistent"],
    ] {
        for (lang, words) in [
            ("en", "there is no data folder here"),
            ("ja", "データフォルダーがありません"),
        ] {
            let mut all = args.to_vec();
            all.extend(["--lang", lang]);
            let o = tebiki(&missing, &all);
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{args:?}: {out}{err}");
            assert!(err.contains(words), "{args:?}: {err}");
            assert!(err.contains(&missing.display().to_string()), "{err}");
            assert!(out.is_empty(), "{args:?}: {out}");
        }
    }
    assert!(!missing.exists(), "nothing was created");
}

/// `-o -` is standard output, as in other tools: never a file named "-" left in the current
/// folder (for `roster codes`, one holding codes meant to be shown once).
#[test]
fn dash_as_the_output_file_is_standard_output() {
    let data = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(args)
            .env("TEBIKI_DATA", data.path())
            .current_dir(here.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap()
    };
    let o = run(&["demo", "--employees", "5", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let o = run(&["export", "--format", "jsonl", "-o", "-", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.lines().count() > 5, "{out}");
    let o = run(&[
        "roster", "codes", "E000001", "--format", "list", "-o", "-", "--lang", "en",
    ]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("E000001"), "{out}");
    assert!(!here.path().join("-").exists(), "a file named '-'");
}

/// `config check` names every value people rely on that is not set (in words, never a raw
/// message id), and the values an English screen would show in Japanese.
#[test]
fn config_check_names_what_is_unset_and_what_english_screens_would_show_untranslated() {
    let data = tempfile::tempdir().unwrap();
    for lang in ["en", "ja"] {
        let o = tebiki(data.path(), &["config", "check", "--lang", lang]);
        let (out, err) = text(&o);
        assert_ne!(o.status.code(), Some(0), "{out}{err}");
        for key in ["org.plan", "org.record_readers", "org.contact"] {
            assert!(out.contains(key), "{lang} {key}: {out}");
        }
        assert!(!out.contains("config-key-"), "{lang}: {out}");
        // The time zone too: without it, local times follow whatever machine runs tebiki.
        assert!(out.contains("timezone"), "{lang}: {out}");
    }
    let config = data.path().join("config.toml");
    let text_before = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text_before.replacen("# timezone = ", "timezone = ", 1).replace(
            "[org]\n",
            "[org]\nallowance_yen = 0\nwifi_places = \"\"\nplan = \"paid\"\nnotify_window = \"9:00–20:00\"\nlost_contact = \"情報システム担当\"\ncontact = \"総務部\"\ncontroller = \"株式会社サンプル\"\nretention = \"退職後 5 年間\"\nrecord_readers = \"人事部\"\n",
        ),
    )
    .unwrap();
    let o = tebiki(data.path(), &["config", "check", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_ne!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("org.contact is written only as “総務部”"),
        "{out}"
    );
    assert!(out.contains("[org.en] contact"), "{out}");
    assert!(!out.contains("org.plan"), "{out}");
    // With the English versions, all is set.
    let full = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!(
            "{full}\n[org.en]\nlost_contact = \"the IT desk\"\ncontact = \"General Affairs\"\ncontroller = \"Sample Co.\"\nretention = \"5 years after leaving\"\nrecord_readers = \"HR\"\n"
        ),
    )
    .unwrap();
    let o = tebiki(data.path(), &["config", "check", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
}

/// Values that read as TOML but make no sense for a kiosk are named by `config check`: a
/// language the screens are not in, and a wait too short to read anything.
#[test]
fn config_check_names_a_language_without_screens_and_a_wait_too_short() {
    let data = tempfile::tempdir().unwrap();
    std::fs::write(
        data.path().join("config.toml"),
        "language = \"fr\"\nidle_timeout_secs = 0\nreceipt_timeout_secs = 30\n",
    )
    .unwrap();
    for (lang, words) in [
        (
            "en",
            [
                "language = \"fr\" is not a language",
                "idle_timeout_secs = 0: too short",
            ],
        ),
        (
            "ja",
            [
                "language = \"fr\" は画面の言語",
                "idle_timeout_secs = 0：短すぎて",
            ],
        ),
    ] {
        let o = tebiki(data.path(), &["config", "check", "--lang", lang]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        for w in words {
            assert!(out.contains(w), "{lang}: {w}: {out}");
        }
        assert!(!out.contains("receipt_timeout_secs"), "{out}");
    }
}

/// A mistake in config.toml is named with its own line (also inside `[org.en]`) and told in
/// the reader's language: which setting does not exist and which do, what kind of value a
/// setting takes.
#[test]
fn a_config_mistake_is_told_in_words_at_its_line() {
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("config.toml");
    let cases = [
        (
            "[org]\nname = \"株式会社サンプル\"\n\n[org.en]\nname = \"Sample\"\ncontact_phone = \"1\"\n",
            ":6",
            "there is no setting “contact_phone” in this table; its settings are: name, ",
            "この表には「contact_phone」という設定はありません。この表の設定：name、",
        ),
        (
            "[org]\nname = \"A\"\nallowance_yen = \"3000\"\n",
            ":3",
            "takes a whole number, 0 or more, without quotes",
            "引用符なしの 0 以上の整数です",
        ),
        (
            "timezone = \"Asia/Tokio\"\n",
            ":1",
            "“Asia/Tokio” is not a time zone",
            "「Asia/Tokio」はタイムゾーンの名前ではありません",
        ),
        (
            "[org]\nplan = \"free\"\nremote_wipe = true\n",
            ":3",
            "only on paid plans, so people would be asked to agree to something the company cannot do",
            "遠隔で削除できるのは有料プランだけなので",
        ),
    ];
    for (text_of_config, line, en, ja) in cases {
        std::fs::write(&config, text_of_config).unwrap();
        for (lang, words) in [("en", en), ("ja", ja)] {
            let o = tebiki(data.path(), &["config", "check", "--lang", lang]);
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{out}{err}");
            assert!(err.contains(words), "{lang}: {err}");
            assert!(
                err.contains(&format!("config.toml{line}\n")),
                "{lang}: {err}"
            );
        }
    }
}

/// `status` dates each record by when it happened (as the dashboard does), with when it was
/// recorded beside it when that was later; an attendance entered with --date shows that day.
#[test]
fn status_dates_records_by_when_they_happened() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["demo", "--employees", "10", "--lang", "en"]);
    // A day of the past month (a day more than a year back is refused).
    let old = jiff::Zoned::now()
        .date()
        .checked_sub(jiff::ToSpan::days(31))
        .unwrap()
        .to_string();
    let old = old.as_str();
    assert!(o.status.success(), "{}", text(&o).1);
    let o = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "record",
            "attendance",
            "E000001",
            "--session",
            "OLD-1",
            "--date",
            old,
            "--by",
            "HR",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let o = tebiki(data.path(), &["status", "E000001", "--format", "json"]);
    let s: Value = serde_json::from_slice(&o.stdout).unwrap();
    let history = s["history"].as_array().unwrap();
    let attended = history
        .iter()
        .find(|h| h["session"] == "OLD-1")
        .expect("the attendance");
    assert_eq!(attended["occurred"], old, "{attended}");
    let o = tebiki(data.path(), &["status", "E000001", "--lang", "en"]);
    let (out, _) = text(&o);
    let lines: Vec<&str> = out.lines().collect();
    // The session is named on a line below the record's.
    let session = lines
        .iter()
        .position(|l| l.trim() == "session OLD-1")
        .unwrap_or_else(|| panic!("{out}"));
    let at = (0..session)
        .rev()
        .find(|&i| lines[i].starts_with("  20"))
        .unwrap_or_else(|| panic!("{out}"));
    let line = lines[at];
    assert!(line.contains("Attended"), "{out}");
    // Listed by the day shown, newest first: after everything later, before everything earlier,
    // although it was recorded last.
    for (i, l) in lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  20"))
    {
        let day = &l.trim_start()[..10];
        if i < at {
            assert!(day >= old, "{out}");
        } else if i > at {
            assert!(day <= old, "{out}");
        }
    }
    assert!(line.trim_start().starts_with(old), "{line}");
    // Beside it when that fits 80 columns, else on the line below.
    assert!(
        line.contains("(recorded ") || lines[at + 1].trim_start().starts_with("by HR  (recorded "),
        "{out}"
    );
    // No line is wider than 80 columns.
    for l in &lines {
        assert!(unicode_width::UnicodeWidthStr::width(*l) <= 80, "{l}");
    }
    // Demo records happened earlier than they were written: dated by when they happened.
    let demo = history
        .iter()
        .find(|h| h["occurred"].is_string() && h["session"] != "OLD-1")
        .expect("a demo record");
    let day = &demo["occurred"].as_str().unwrap()[..10];
    assert!(out.contains(day), "{day}: {out}");
}

/// verify gives times as the ledger writes them (milliseconds, "Z"), so that an auditor can
/// compare them with the records' `at` as text.
#[test]
fn verify_gives_times_as_the_ledger_writes_them() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["demo", "--employees", "5", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    // A record whose time ends in zeros, as any tenth one does.
    let line = serde_json::json!({
        "schema": "tebiki/1", "seq": 1, "prev": "0".repeat(64),
        "id": uuid::Uuid::now_v7().to_string(), "at": "2026-11-30T10:00:00.100Z",
        "kiosk": "k9", "type": "attendance",
    });
    std::fs::write(
        data.path().join("ledger").join("k9.jsonl"),
        format!("{line}\n"),
    )
    .unwrap();
    let o = tebiki(data.path(), &["verify", "--format", "json"]);
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["first_at"] == "2026-11-30T10:00:00.100Z"),
        "{report}"
    );
    for f in report["files"].as_array().unwrap() {
        let name = f["file"].as_str().unwrap();
        let body = std::fs::read_to_string(data.path().join("ledger").join(name)).unwrap();
        let ats: Vec<String> = body
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["at"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        match (ats.iter().min(), ats.iter().max()) {
            (Some(first), Some(last)) => {
                assert_eq!(f["first_at"], *first, "{f}");
                assert_eq!(f["last_at"], *last, "{f}");
            }
            _ => assert!(f["last_at"].is_null(), "{f}"),
        }
    }
    let o = tebiki(data.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert!(
        out.lines()
            .filter(|l| l.contains(" – "))
            .all(|l| l.matches('.').count() >= 2 && l.contains("Z – ")),
        "{out}"
    );
}

/// An open follow-up recorded without a note is said without a colon leading nowhere.
#[test]
fn status_says_a_follow_up_without_a_note_whole() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["demo", "--employees", "5", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let o = tebiki(
        data.path(),
        &[
            "record", "followup", "E000001", "--in", "7", "--by", "hr", "--lang", "en",
        ],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    for (lang, start) in [
        ("en", "Open follow-up, due "),
        ("ja", "未完了のフォローアップ、予定日 "),
    ] {
        let o = tebiki(data.path(), &["status", "E000001", "--lang", lang]);
        let out = text(&o).0;
        let line = out
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{lang}: {out}"));
        let day = &line[start.len()..];
        assert!(day.parse::<jiff::civil::Date>().is_ok(), "{lang}: {line}");
    }
}

/// A machine whose clock is more than a minute behind the newest seal saves nothing: its
/// record would be dated before a seal it follows, which readers do not use. It says so, in
/// words, with the seal, and the ledger is as it was.
#[test]
fn a_clock_behind_the_newest_seal_saves_nothing_and_says_why() {
    let data = tempfile::tempdir().unwrap();
    let o = tebiki(data.path(), &["demo", "--employees", "5", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let ledger = data.path().join("ledger");
    let before: Vec<(std::path::PathBuf, u64)> = tebiki::ledger::ledger_files(&ledger)
        .unwrap()
        .into_iter()
        .map(|p| (p.clone(), std::fs::metadata(&p).unwrap().len()))
        .collect();
    // A seal made (as far as this clock can tell) in 2099.
    let seals = data.path().join("seals");
    std::fs::create_dir_all(&seals).unwrap();
    std::fs::write(
        seals.join("20991231T000000Z.json"),
        r#"{"schema":"tebiki-seal/1","at":"2099-12-31T00:00:00Z","previous":"","signer":"","files":[]}"#,
    )
    .unwrap();
    for lang in ["en", "ja"] {
        let o = tebiki(
            data.path(),
            &[
                "record", "followup", "E000001", "--in", "7", "--by", "hr", "--lang", lang,
            ],
        );
        let (out, err) = text(&o);
        assert_ne!(o.status.code(), Some(0), "{out}{err}");
        let words = if lang == "en" {
            "is more than a minute behind the newest seal"
        } else {
            "1 分以上遅れています"
        };
        assert!(err.contains(words), "{lang}: {err}");
        assert!(err.contains("20991231T000000Z.json"), "{lang}: {err}");
        assert!(!out.contains("Saved"), "{out}");
    }
    // Every file as it was; this terminal's own file, opened to write, holds nothing.
    for path in tebiki::ledger::ledger_files(&ledger).unwrap() {
        let len = std::fs::metadata(&path).unwrap().len();
        let was = before
            .iter()
            .find(|(p, _)| *p == path)
            .map_or(0, |(_, l)| *l);
        assert_eq!(len, was, "{}", path.display());
    }
}
