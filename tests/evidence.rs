//! Evidence that holds: every reader checks the chain as it reads (a flipped decision is
//! reported by export, report, status and the dashboard, and never counted), and signed seals
//! that `ssh-keygen -Y verify` accepts let `tebiki verify` catch what the chain alone cannot.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{tebiki, text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tebiki::content::RawContent;
use tebiki::dashboard::{Dashboard, Setup, perform_all};
use tebiki::i18n::{Lang, Localizer};
use tebiki::ledger::{self, ReadIssue};
use tebiki::source::Source;

/// A demo organisation, and the place of one `refused` consent in it. The demo's history
/// is drawn around today's weekdays, so a small one differs from day to day: seeds are tried
/// until one has a refused consent that is not the last line of its file.
fn demo() -> (tempfile::TempDir, PathBuf, usize, String) {
    for seed in 1..=50 {
        let dir = tempfile::tempdir().unwrap();
        let seed = seed.to_string();
        let o = tebiki(
            dir.path(),
            &["demo", "--employees", "40", "--seed", &seed, "--lang", "en"],
        );
        assert!(o.status.success(), "{}", text(&o).1);
        let ledger = dir.path().join("ledger");
        for file in ledger::ledger_files(&ledger).unwrap() {
            let body = fs::read_to_string(&file).unwrap();
            // Not the last line: a change to the last line is what seals are for.
            let lines: Vec<&str> = body.lines().collect();
            let found = lines[..lines.len() - 1].iter().enumerate().find(|(_, l)| {
                l.contains(r#""type":"consent""#) && l.contains(r#""decision":"refused""#)
            });
            if let Some((n, line)) = found {
                let value: Value = serde_json::from_str(line).unwrap();
                let id = value["employee"]["id"].as_str().unwrap().to_owned();
                return (dir, file, n + 1, id);
            }
        }
    }
    panic!("no demo of 40 people with a refused consent in 50 seeds");
}

/// Turns the `refused` on line `n` (1-based) of `file` into `given`, nothing else changed.
fn flip(file: &Path, n: usize) {
    let body = fs::read_to_string(file).unwrap();
    let mut lines: Vec<String> = body.lines().map(str::to_owned).collect();
    lines[n - 1] = lines[n - 1].replace(r#""decision":"refused""#, r#""decision":"given""#);
    fs::write(file, lines.join("\n") + "\n").unwrap();
}

/// An export's text without the last row of an incomplete CSV export (which names the places
/// left out).
fn records_of(export: &str) -> String {
    export
        .lines()
        .filter(|l| !l.trim_start_matches('"').starts_with("INCOMPLETE EXPORT:"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn place(file: &Path, n: usize) -> String {
    format!("{}:{n}", file.display())
}

#[test]
fn the_reader_withholds_a_flipped_record_and_everything_after_it_in_that_file() {
    let (_dir, file, n, _) = demo();
    let total = fs::read_to_string(&file).unwrap().lines().count();
    let clean: Vec<_> = ledger::merged(file.parent().unwrap()).unwrap().collect();
    assert!(clean.iter().all(std::result::Result::is_ok));
    flip(&file, n);
    let mut records = 0;
    let mut issues = Vec::new();
    for item in ledger::merged(file.parent().unwrap()).unwrap() {
        match item {
            Ok(r) => {
                assert!(
                    !(r.file == file && r.line >= n as u64),
                    "line {} used",
                    r.line
                );
                records += 1;
            }
            Err(issue) => issues.push(issue),
        }
    }
    assert!(
        matches!(&issues[0], ReadIssue::ChainBreak { line, .. } if *line == n as u64 + 1),
        "{issues:?}"
    );
    match &issues[1] {
        ReadIssue::Withheld {
            line,
            last_line,
            records: withheld,
            first,
            ..
        } => {
            assert_eq!((*line, *last_line), (n as u64, total as u64));
            assert_eq!(*withheld as usize, total - n + 1);
            assert!(String::from_utf8_lossy(first).contains(r#""decision":"given""#));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(issues.len(), 2);
    assert_eq!(records + total - n + 1, clean.len());
}

#[test]
fn a_repeated_key_is_reported_by_the_reader_and_by_verify() {
    let (dir, file, n, _) = demo();
    let body = fs::read_to_string(&file).unwrap();
    let mut lines: Vec<String> = body.lines().map(str::to_owned).collect();
    // The second "decision" is the one many JSON readers keep.
    lines[n - 1] = lines[n - 1].replace(
        r#""decision":"refused""#,
        r#""decision":"refused","decision":"given""#,
    );
    fs::write(&file, lines.join("\n") + "\n").unwrap();
    let issues: Vec<_> = ledger::merged(file.parent().unwrap())
        .unwrap()
        .filter_map(Result::err)
        .collect();
    assert!(
        issues.iter().any(
            |i| matches!(i, ReadIssue::RepeatedKey { line, key, .. } if *line == n as u64 && key == "decision")
        ),
        "{issues:?}"
    );
    let o = tebiki(dir.path(), &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(&format!(
        "{}:{n}",
        file.file_name().unwrap().to_string_lossy()
    )));
    assert!(out.contains("appears twice"), "{out}");
}

/// A record whose string holds half a surrogate pair (`"\udc00"`): valid JSON grammar, but no
/// text, so no reader can take its fields; it is reported by every reader and by verify, never
/// dropped without a word.
#[test]
fn a_record_whose_text_is_half_a_surrogate_pair_is_reported_everywhere() {
    planted_everywhere("\"\\udc00\"");
}

/// A record with a number too large for any reader (`1e400`, JSON grammar all the same):
/// verify called it intact while the readers that build its tree could not read it.
#[test]
fn a_record_with_a_number_out_of_range_is_reported_everywhere() {
    planted_everywhere("1e400");
}

/// Plants in a new ledger file a record whose `note` is `note` (JSON text no reader can take)
/// and checks that verify, export, report and status each report it by file and line.
fn planted_everywhere(note: &str) {
    let (dir, file, n, id) = demo();
    let data = dir.path();
    let body = fs::read_to_string(&file).unwrap();
    let line = body.lines().nth(n - 1).unwrap();
    let mut record: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
    let kiosk = record["kiosk"].as_str().unwrap().to_owned();
    record.insert("kiosk".into(), "planted".into());
    record.insert("seq".into(), 1.into());
    record.insert("prev".into(), "0".repeat(64).into());
    record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
    record.insert("decision".into(), "given".into());
    record.remove("note");
    let text_line = serde_json::to_string(&record).unwrap();
    let planted = format!("{},\"note\":{note}}}\n", &text_line[..text_line.len() - 1]);
    let path = data.join("ledger").join("planted.jsonl");
    fs::write(&path, &planted).unwrap();
    assert_ne!(kiosk, "planted");
    let at = "planted.jsonl:1";

    let o = tebiki(data, &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains(at), "{out}");
    for format in ["csv", "jsonl"] {
        let o = tebiki(data, &["export", "--format", format, "--lang", "en"]);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{format}: {err}");
        assert!(err.contains(at), "{format}: {err}");
        // Named only by the CSV's last row, which says the export is incomplete.
        assert!(
            !records_of(&out).contains("planted"),
            "{format}: the record was used"
        );
    }
    let o = tebiki(data, &["report", "--format", "json", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["ledger"]["complete"], false, "{out}");
    assert!(
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["file"] == "planted.jsonl" && s["line"] == 1),
        "{out}"
    );
    let o = tebiki(data, &["status", &id, "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(at), "{err}");
}

/// A record of one kiosk put into another file (a replay, chained anew) is reported by every
/// reader and never used: each kiosk writes only its own file.
#[test]
fn a_record_in_another_kiosks_file_is_reported_and_not_used() {
    let (dir, file, n, id) = demo();
    let data = dir.path();
    let before = text(&tebiki(data, &["status", &id, "--format", "json"])).0;
    let body = fs::read_to_string(&file).unwrap();
    let mut record: serde_json::Map<String, Value> =
        serde_json::from_str(body.lines().nth(n - 1).unwrap()).unwrap();
    record.insert("seq".into(), 1.into());
    record.insert("prev".into(), "0".repeat(64).into());
    record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
    record.insert("decision".into(), "given".into());
    let path = data.join("ledger").join("replay.jsonl");
    fs::write(&path, serde_json::to_string(&record).unwrap() + "\n").unwrap();
    let at = "replay.jsonl:1";

    let o = tebiki(data, &["export", "--format", "csv", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(at) && err.contains("another kiosk"), "{err}");
    assert!(!records_of(&out).contains("replay"), "the record was used");
    let o = tebiki(data, &["report", "--format", "json", "--lang", "ja"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(at) && err.contains("別の端末"), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert!(
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["file"] == "replay.jsonl" && s["problem"] == "misplaced"),
        "{out}"
    );
    // Twice: the second answer comes through the person index.
    let before: Value = serde_json::from_str(&before).unwrap();
    assert_eq!(before["complete"], true, "{before}");
    assert_eq!(before["skipped"], serde_json::json!([]), "{before}");
    for _ in 0..2 {
        let o = tebiki(data, &["status", &id, "--lang", "en"]);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(at), "{err}");
        let o = tebiki(data, &["status", &id, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1));
        let mut after: Value = serde_json::from_slice(&o.stdout).unwrap();
        // The answer says it is not complete, and where...
        assert_eq!(after["complete"], false, "{after}");
        assert_eq!(
            after["skipped"],
            serde_json::json!([{"file": "replay.jsonl", "line": 1, "problem": "misplaced"}]),
            "{after}"
        );
        // ...and is otherwise the answer before: the replayed decision was not used.
        for key in ["complete", "skipped"] {
            after[key] = before[key].clone();
        }
        assert_eq!(after, before, "the replayed decision was used");
    }
}

#[test]
fn export_report_and_status_name_the_break_and_never_count_the_flipped_decision() {
    let (dir, file, n, id) = demo();
    let data = dir.path();
    let before = text(&tebiki(data, &["status", &id, "--format", "json"])).0;
    flip(&file, n);

    let o = tebiki(data, &["export", "--format", "csv", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(&place(&file, n + 1)), "{err}");
    assert!(err.contains(&place(&file, n)), "{err}");
    assert!(err.contains("tebiki verify"), "{err}");
    assert!(!out.is_empty(), "export still writes what it can");
    assert!(
        !out.lines()
            .any(|l| l.contains(&id) && l.contains(",given,")),
        "the flipped decision was exported"
    );

    let o = tebiki(data, &["report", "--format", "json", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["ledger"]["complete"], false, "{out}");
    let skipped = report["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["problem"] == "chain_break" && s["line"] == n as u64 + 1),
        "{out}"
    );
    assert!(
        skipped
            .iter()
            .any(|s| s["problem"] == "withheld" && s["line"] == n as u64)
    );

    for lang in ["en", "ja"] {
        let o = tebiki(data, &["status", &id, "--lang", lang]);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(&place(&file, n + 1)), "{err}");
        assert!(err.contains("tebiki verify"), "{err}");
    }
    // The flipped record is not folded: the person's history does not hold it. The JSON says
    // the answer is not complete, and why.
    let o = tebiki(data, &["status", &id, "--format", "json"]);
    let (out, _) = text(&o);
    let answer: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(answer["complete"], false, "{out}");
    assert_eq!(answer["on_roster"], true, "{out}");
    let skipped = answer["skipped"].as_array().unwrap();
    assert!(
        skipped
            .iter()
            .any(|s| s["problem"] == "chain_break" && s["line"] == n as u64 + 1),
        "{out}"
    );
    assert!(
        skipped
            .iter()
            .any(|s| s["problem"] == "withheld" && s["line"] == n as u64 && s["records"].is_u64()),
        "{out}"
    );
    assert!(
        !out.contains(r#""decision": "given""#) || before.contains(r#""decision": "given""#),
        "{out}"
    );
}

fn policy() -> RawContent {
    RawContent::load(&Source::Embedded).expect("embedded content loads")
}

/// The admin dashboard of the data folder `data`, in English at 80x24, loaded.
fn dashboard(data: &Path) -> Dashboard {
    let (loc, _) = Localizer::load(&Source::Embedded);
    let manifest = policy().manifest;
    let setup = Setup {
        ledger_dir: data.join("ledger"),
        roster_path: data.join("roster.csv"),
        data_dir: data.to_path_buf(),
        kiosk_id: "admin-desk".into(),
        pin_hash: None,
        by: Some("auditor".into()),
        policy: manifest.policy_version,
        policy_id: manifest.policy_id,
        tz: jiff::tz::TimeZone::get("Asia/Tokyo").unwrap(),
        today: jiff::civil::date(2026, 11, 24),
    };
    let mut d = Dashboard::new(loc, Lang::new("en"), setup);
    d.resize(80, 24);
    let effects = d.wait_loaded();
    perform_all(&mut d, effects);
    d
}

/// The text of the dashboard `d` as drawn at 80x24.
fn dashboard_screen(d: &Dashboard) -> String {
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| tebiki::ui::dashboard::draw(f, d))
        .unwrap();
    common::buffer_text(terminal.backend().buffer())
}

#[test]
fn the_dashboard_shows_a_red_banner_and_marks_the_person() {
    let (dir, file, n, id) = demo();
    // The person of the last record in the file: withheld too, so marked as well.
    let body = fs::read_to_string(&file).unwrap();
    let last: Value = serde_json::from_str(body.lines().last().unwrap()).unwrap();
    let last = last["employee"]["id"].as_str().unwrap().to_owned();
    flip(&file, n);
    let d = dashboard(dir.path());
    assert!(d.model.is_suspect(&id), "{:?}", d.model.suspects);
    assert!(d.model.is_suspect(&last), "{:?}", d.model.suspects);
    assert!(
        (1..=40)
            .map(|k| format!("E{k:06}"))
            .any(|e| !d.model.is_suspect(&e)),
        "not everyone is marked: {:?}",
        d.model.suspects
    );
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|f| tebiki::ui::dashboard::draw(f, &d))
        .unwrap();
    let buffer = terminal.backend().buffer().clone();
    let screen = common::buffer_text(&buffer);
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(screen.contains("chain breaks at"), "{screen}");
    assert!(screen.contains(&format!("{name}:{}", n + 1)), "{screen}");
    // The banner is red.
    let row = screen
        .lines()
        .position(|l| l.contains("chain breaks at"))
        .unwrap();
    let x = screen.lines().nth(row).unwrap().find("chain").unwrap();
    let cell = &buffer[(x as u16, row as u16)];
    assert_eq!(cell.fg, ratatui::style::Color::Red, "{cell:?}");
}

// --- seals ------------------------------------------------------------------------------

fn ssh_keygen() -> bool {
    Command::new("ssh-keygen").arg("-?").output().is_ok()
}

/// A data folder with a demo ledger, an Ed25519 key made by ssh-keygen outside it, and the
/// key trusted in `$DATA/seal-signers`.
struct Sealed {
    data: tempfile::TempDir,
    keys: tempfile::TempDir,
}

impl Sealed {
    fn new() -> Sealed {
        let data = tempfile::tempdir().unwrap();
        let o = tebiki(data.path(), &["demo", "--employees", "30", "--lang", "en"]);
        assert!(o.status.success(), "{}", text(&o).1);
        let keys = tempfile::tempdir().unwrap();
        let key = keys.path().join("seal");
        let o = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-C", "hr-seal", "-f"])
            .arg(&key)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o).1);
        let public = fs::read_to_string(keys.path().join("seal.pub")).unwrap();
        let signers = format!("seal namespaces=\"tebiki-seal\" {public}");
        fs::write(data.path().join("seal-signers"), &signers).unwrap();
        fs::write(keys.path().join("allowed_signers"), &signers).unwrap();
        Sealed { data, keys }
    }

    fn key(&self) -> PathBuf {
        self.keys.path().join("seal")
    }

    fn seal(&self) -> PathBuf {
        let o = tebiki(
            self.data.path(),
            &[
                "seal",
                "--key",
                self.key().to_str().unwrap(),
                "--lang",
                "en",
            ],
        );
        assert!(o.status.success(), "{}", text(&o).1);
        let seals = self.data.path().join("seals");
        ledger::seal::seal_files(&seals).unwrap().pop().unwrap()
    }

    fn ledger(&self) -> PathBuf {
        self.data.path().join("ledger")
    }

    fn file(&self) -> PathBuf {
        ledger::ledger_files(&self.ledger()).unwrap().remove(0)
    }

    fn verify(&self) -> (Option<i32>, String) {
        let o = tebiki(self.data.path(), &["verify", "--lang", "en"]);
        (o.status.code(), text(&o).0)
    }
}

#[test]
fn a_seal_is_checked_by_ssh_keygen_and_by_verify() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let seal = s.seal();
    let o = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(s.keys.path().join("allowed_signers"))
        .args(["-I", "seal", "-n", "tebiki-seal", "-s"])
        .arg(seal.with_extension("json.sig"))
        .stdin(fs::File::open(&seal).unwrap())
        .output()
        .unwrap();
    assert!(o.status.success(), "{:?}", text(&o));
    // The seal's own fields, as the format says.
    let v: Value = serde_json::from_slice(&fs::read(&seal).unwrap()).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["schema", "at", "previous", "signer", "files"]);
    assert_eq!(v["previous"], ledger::GENESIS_PREV);
    let fp = Command::new("ssh-keygen")
        .arg("-lf")
        .arg(s.keys.path().join("seal.pub"))
        .output()
        .unwrap();
    assert!(text(&fp).0.contains(v["signer"].as_str().unwrap()));
    let (code, out) = s.verify();
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("sealed up to seq"), "{out}");

    // A second seal chains to the first; new records after it are "not sealed yet" only
    // when they are in a file the seal does not list.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = s.seal();
    let v2: Value = serde_json::from_slice(&fs::read(&second).unwrap()).unwrap();
    let first_hash = hex_sha256(&fs::read(&seal).unwrap());
    assert_eq!(v2["previous"], first_hash.as_str());
    let (code, out) = s.verify();
    assert_eq!(code, Some(0), "{out}");

    // Editing a seal breaks its signature (ssh-keygen agrees).
    let edited = fs::read_to_string(&second)
        .unwrap()
        .replacen("\"seq\":", "\"seq\":1", 1);
    fs::write(&second, &edited).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("signature does not verify"), "{out}");
    let o = Command::new("ssh-keygen")
        .args(["-Y", "verify", "-f"])
        .arg(s.keys.path().join("allowed_signers"))
        .args(["-I", "seal", "-n", "tebiki-seal", "-s"])
        .arg(second.with_extension("json.sig"))
        .stdin(fs::File::open(&second).unwrap())
        .output()
        .unwrap();
    assert!(!o.status.success());
}

/// The trusted keys' options are read as ssh-keygen reads them: a key retired with
/// `valid-before` (a date before the seal) no longer vouches for a seal, a `cert-authority` line
/// never does for a plain signature, and a revoked marker is a mistyped line; with a window
/// holding the seal's time, both trust it.
#[test]
fn signer_options_are_honoured_as_ssh_keygen_honours_them() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let seal = s.seal();
    let public = fs::read_to_string(s.keys.path().join("seal.pub")).unwrap();
    let keygen_accepts = |signers: &str| {
        let allowed = s.keys.path().join("allowed_test");
        fs::write(&allowed, signers).unwrap();
        Command::new("ssh-keygen")
            .args(["-Y", "verify", "-f"])
            .arg(&allowed)
            .args(["-I", "seal", "-n", "tebiki-seal", "-s"])
            .arg(seal.with_extension("json.sig"))
            .stdin(fs::File::open(&seal).unwrap())
            .output()
            .unwrap()
            .status
            .success()
    };
    for (options, trusted) in [
        (
            "namespaces=\"tebiki-seal\",valid-before=\"20200101Z\"",
            false,
        ),
        (
            "namespaces=\"tebiki-seal\",valid-after=\"20990101Z\"",
            false,
        ),
        (
            "namespaces=\"tebiki-seal\",valid-after=\"20200101Z\",valid-before=\"20990101Z\"",
            true,
        ),
        ("cert-authority,namespaces=\"tebiki-seal\"", false),
    ] {
        let signers = format!("seal {options} {public}");
        assert_eq!(keygen_accepts(&signers), trusted, "ssh-keygen: {options}");
        fs::write(s.data.path().join("seal-signers"), &signers).unwrap();
        let (code, out) = s.verify();
        assert_eq!(code == Some(0), trusted, "{options}: {out}");
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        assert_eq!(o.status.success(), trusted, "{options}: {:?}", text(&o).1);
    }
    let revoked = format!("@revoked seal {public}");
    assert!(!keygen_accepts(&revoked));
    fs::write(s.data.path().join("seal-signers"), &revoked).unwrap();
    let o = tebiki(s.data.path(), &["verify", "--lang", "en"]);
    assert_ne!(o.status.code(), Some(0), "{:?}", text(&o));
}

fn hex_sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Each tampering of the issue's list, on a freshly sealed ledger: verify exits 1 and says
/// `expect`.
#[test]
fn verify_with_a_seal_catches_each_tampering() {
    type Tamper = fn(&Sealed);
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let cases: Vec<(&str, Tamper, &str)> = vec![
        (
            "last line cut",
            |s| {
                let body = fs::read_to_string(s.file()).unwrap();
                let mut lines: Vec<&str> = body.lines().collect();
                lines.pop();
                fs::write(s.file(), lines.join("\n") + "\n").unwrap();
            },
            "no longer begins with",
        ),
        (
            "file emptied",
            |s| fs::write(s.file(), "").unwrap(),
            "no longer begins with",
        ),
        (
            "file deleted",
            |s| fs::remove_file(s.file()).unwrap(),
            "but is gone",
        ),
        (
            "a new file with a backdated record",
            |s| {
                let mut w =
                    ledger::Writer::open(&s.ledger(), "zz-new", std::time::Duration::from_secs(5))
                        .unwrap();
                w.append("consent", serde_json::Map::new()).unwrap();
                drop(w);
                let path = s.ledger().join("zz-new.jsonl");
                let line = fs::read_to_string(&path).unwrap();
                let v: Value = serde_json::from_str(line.trim()).unwrap();
                let at = v["at"].as_str().unwrap();
                let old = line.replace(at, "2025-01-02T03:04:05.000Z");
                fs::write(&path, old).unwrap();
            },
            "backdated",
        ),
        (
            "a record appended now that says it happened before the seals",
            |s| {
                let mut w =
                    ledger::Writer::open(&s.ledger(), "zz-now", std::time::Duration::from_secs(5))
                        .unwrap();
                let Value::Object(body) = serde_json::json!({
                    "employee": {"id": "E000005"}, "decision": "given",
                    "occurred_at": "2026-10-01T00:00:00Z",
                }) else {
                    unreachable!()
                };
                w.append("consent", body).unwrap();
            },
            "backdated",
        ),
        (
            "the same, behind a nested occurred_at of today",
            |s| {
                let mut w =
                    ledger::Writer::open(&s.ledger(), "zz-now", std::time::Duration::from_secs(5))
                        .unwrap();
                let Value::Object(body) = serde_json::json!({
                    "employee": {"id": "E000005", "occurred_at": jiff::Timestamp::now().to_string()},
                    "decision": "given",
                    "occurred_at": "2026-10-01T00:00:00Z",
                }) else {
                    unreachable!()
                };
                w.append("consent", body).unwrap();
            },
            "backdated",
        ),
        (
            "the chain recomputed after an edit",
            |s| {
                let body = fs::read_to_string(s.file()).unwrap();
                let mut out = String::new();
                let mut prev = ledger::GENESIS_PREV.to_owned();
                for (n, line) in body.lines().enumerate() {
                    let mut v: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
                    v.insert("prev".into(), Value::String(prev.clone()));
                    if n == 2 {
                        v.insert("note".into(), Value::String("changed".into()));
                    }
                    let line = serde_json::to_string(&v).unwrap();
                    prev = hex_sha256(line.as_bytes());
                    out.push_str(&line);
                    out.push('\n');
                }
                fs::write(s.file(), out).unwrap();
            },
            "no longer begins with",
        ),
        (
            "a file replaced by a symlink",
            |s| {
                let file = s.file();
                let other = s.data.path().join("elsewhere.jsonl");
                fs::copy(&file, &other).unwrap();
                fs::remove_file(&file).unwrap();
                std::os::unix::fs::symlink(&other, &file).unwrap();
            },
            "(symlink)",
        ),
        (
            "a .JSONL file",
            |s| {
                fs::copy(s.file(), s.ledger().join("extra.JSONL")).unwrap();
            },
            "(name)",
        ),
        (
            "a directory named x.jsonl",
            |s| fs::create_dir(s.ledger().join("x.jsonl")).unwrap(),
            "(directory)",
        ),
        (
            "the seal removed from the chain",
            |s| {
                let seals = ledger::seal::seal_files(&s.data.path().join("seals")).unwrap();
                fs::remove_file(&seals[0]).unwrap();
            },
            "is not the SHA-256 of the seal before",
        ),
    ];
    for (name, tamper, expect) in cases {
        let s = Sealed::new();
        s.seal();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        s.seal();
        let (code, out) = s.verify();
        assert_eq!(code, Some(0), "{name}: intact before\n{out}");
        tamper(&s);
        let (code, out) = s.verify();
        assert_eq!(code, Some(1), "{name}\n{out}");
        assert!(out.contains(expect), "{name}: expected {expect:?}\n{out}");
    }
}

#[test]
fn an_off_machine_copy_of_the_seals_still_proves_the_ledger_after_the_local_ones_go() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let seal = s.seal();
    let copy = tempfile::tempdir().unwrap();
    for p in [seal.clone(), seal.with_extension("json.sig")] {
        fs::copy(&p, copy.path().join(p.file_name().unwrap())).unwrap();
    }
    fs::remove_dir_all(s.data.path().join("seals")).unwrap();
    fs::write(s.file(), "").unwrap();
    // Without the seals, the emptied file cannot be told from a new one; but the seals being
    // gone while sealing is set up is told.
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("no seal was found"), "{out}");
    let o = tebiki(
        s.data.path(),
        &[
            "verify",
            "--seals",
            copy.path().to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("no longer begins with"), "{out}");
    // The seal is named where it was read: the copy, not the data folder's seals/.
    let read_from = copy.path().join(seal.file_name().unwrap());
    assert!(out.contains(&read_from.display().to_string()), "{out}");
    assert!(!out.contains("seals/"), "{out}");
    // Without a trusted key, a seal is not taken on trust.
    fs::remove_file(s.data.path().join("seal-signers")).unwrap();
    let o = tebiki(
        s.data.path(),
        &[
            "verify",
            "--seals",
            copy.path().to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    assert!(
        text(&o).0.contains("no trusted seal keys"),
        "{:?}",
        text(&o)
    );
    // The emptied file is still told as damage.
    assert!(
        text(&o).0.contains("DAMAGED: 2 finding(s)"),
        "{:?}",
        text(&o)
    );
}

/// Seals with no trusted keys, and nothing else wrong: told as not checked (the keys are
/// missing, right after the first seal or removed), not as damage in the ledger; not exit 0.
#[test]
fn seals_without_trusted_keys_are_not_checked_rather_than_damaged() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    s.seal();
    fs::remove_file(s.data.path().join("seal-signers")).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("NOT CHECKED: nothing else was found (4 file(s), ")
            && out.contains("add the line “tebiki seal” printed to seal-signers"),
        "{out}"
    );
    assert!(!out.contains("DAMAGED"), "{out}");
    let o = tebiki(s.data.path(), &["verify", "--lang", "ja"]);
    assert!(
        text(&o)
            .0
            .contains("未確認：ほかに問題は見つかりませんでした"),
        "{:?}",
        text(&o)
    );
    // A file made before the key's line is pasted in (only a comment): the same.
    fs::write(
        s.data.path().join("seal-signers"),
        "# the seal key goes here\n",
    )
    .unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("NOT CHECKED: nothing else was found"), "{out}");
}

#[test]
fn a_bad_seal_key_is_refused_with_what_where_and_what_to_do() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let keys = tempfile::tempdir().unwrap();
    let key = keys.path().join("not-a-key");
    fs::write(&key, "hello").unwrap();
    fs::set_permissions(&key, fs::Permissions::from_mode(0o600)).unwrap();
    let seal = |key: &Path| {
        tebiki(
            data.path(),
            &["seal", "--key", key.to_str().unwrap(), "--lang", "en"],
        )
    };
    let o = seal(&key);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("is not an OpenSSH private key"), "{err}");
    assert!(err.contains("ssh-keygen -t ed25519"), "{err}");
    // A path that is no key file: said in words (no system message), before the mode.
    let folder = keys.path().join("folder");
    fs::create_dir(&folder).unwrap();
    for (path, words) in [
        (keys.path().join("missing"), "does not exist"),
        (folder.clone(), "is not a file"),
        (PathBuf::from("/dev/null"), "is not a file"),
    ] {
        let o = seal(&path);
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(
            err.to_lowercase().contains(&words.to_lowercase()),
            "{path:?}: {err}"
        );
        assert!(!err.contains("os error") && !err.contains("chmod"), "{err}");
    }
    // A key others can read, or one in the data folder (which the kiosk account reads), is
    // refused before it is read: whoever can read it could sign a rewritten ledger.
    fs::set_permissions(&key, fs::Permissions::from_mode(0o644)).unwrap();
    let o = seal(&key);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("can be read by other accounts (mode 0644)"),
        "{err}"
    );
    assert!(err.contains("chmod 600"), "{err}");
    // The public key given by mistake: said so, in words.
    if ssh_keygen() {
        let made = keys.path().join("k");
        let o = Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", "", "-f"])
            .arg(&made)
            .output()
            .unwrap();
        assert!(o.status.success());
        // As ssh-keygen leaves it (readable by all) and made private: the same words, not
        // advice on its mode.
        let public = keys.path().join("k.pub");
        for mode in [0o644, 0o600] {
            fs::set_permissions(&public, fs::Permissions::from_mode(mode)).unwrap();
            let o = seal(&public);
            let (_, err) = text(&o);
            assert_eq!(o.status.code(), Some(2), "{err}");
            assert!(err.contains("this is the public key"), "{mode:o}: {err}");
            assert!(!err.contains("chmod"), "{mode:o}: {err}");
        }
    } else {
        eprintln!("skipped: the public-key case needs ssh-keygen");
    }
    let inside = data.path().join("seal-key");
    fs::write(&inside, "hello").unwrap();
    fs::set_permissions(&inside, fs::Permissions::from_mode(0o600)).unwrap();
    let o = seal(&inside);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("inside the data folder"), "{err}");
    assert!(
        !data.path().join("seals").exists()
            || ledger::seal::seal_files(&data.path().join("seals"))
                .unwrap()
                .is_empty()
    );
}

/// `seal` checks the ledger first: over findings it seals all the same but says so and exits 1
/// (0 once told someone looked into them); and it says what line `seal-signers` needs when its
/// key is not there yet.
/// A sync or backup tool's copy of a sealed ledger file, under another name, holds only
/// identical copies of sealed records: verify names it as a copy of that file and stays intact
/// (its records were not added after the seal, only copied). One record changed in the copy,
/// or one record of its own added to it, is damage again.
#[test]
fn a_copy_of_a_sealed_file_is_named_as_a_copy_not_as_backdated() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    s.seal();
    let original = s.file();
    let name = original.file_name().unwrap().to_str().unwrap().to_owned();
    let copy = s
        .ledger()
        .join(name.replace(".jsonl", " (conflicted copy).jsonl"));
    fs::copy(&original, &copy).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("backdated"), "{out}");
    assert!(
        out.contains(&format!(
            "every record in it is an identical copy of one in {name}"
        )),
        "{out}"
    );
    let o = tebiki(s.data.path(), &["verify", "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let copies: Vec<&Value> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f.get("copy_of").is_some())
        .collect();
    assert_eq!(copies.len(), 1, "{v:#}");
    assert_eq!(copies[0]["copy_of"], serde_json::json!([name]));

    // One record of the copy changed: a conflict, and backdated (it is not a copy any more).
    let body = fs::read_to_string(&copy).unwrap();
    let changed = body.replacen("\"demo\":true", "\"demo\":false", 1);
    assert_ne!(changed, body);
    fs::write(&copy, &changed).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("backdated"), "{out}");
    assert!(!out.contains("identical copy of one in"), "{out}");

    // The copy whole again, with a record of its own added under the same kiosk name: that
    // record is backdated; the copied ones are not.
    fs::copy(&original, &copy).unwrap();
    let last: Value = serde_json::from_str(body.lines().last().unwrap()).unwrap();
    let mut forged = last.clone();
    forged["id"] = Value::from("01900000-0000-7000-8000-000000000001");
    forged["seq"] = Value::from(last["seq"].as_u64().unwrap() + 1);
    let prev = hex_sha256(body.lines().last().unwrap().as_bytes());
    forged["prev"] = Value::from(prev);
    let mut more = body.clone();
    more.push_str(&serde_json::to_string(&forged).unwrap());
    more.push('\n');
    fs::write(&copy, &more).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    let lines = body.lines().count();
    let copy_name = copy.file_name().unwrap().to_str().unwrap();
    assert!(
        out.contains(&format!("{copy_name}:{}: ", lines + 1)) && out.contains("backdated"),
        "{out}"
    );
    assert!(!out.contains(&format!("{copy_name}:{lines}: ")), "{out}");
}

#[test]
fn a_seal_over_findings_says_so_and_exits_1_unless_told() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen not found");
        return;
    }
    let s = Sealed::new();
    // The data folder's signers do not list the key yet: the seal says what to add.
    fs::remove_file(s.data.path().join("seal-signers")).unwrap();
    let o = tebiki(
        s.data.path(),
        &["seal", "--key", s.key().to_str().unwrap(), "--lang", "en"],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let public = fs::read_to_string(s.keys.path().join("seal.pub")).unwrap();
    let data_key = public.split_whitespace().nth(1).unwrap();
    let line = out
        .lines()
        .find(|l| l.contains(data_key))
        .unwrap_or_else(|| panic!("no signers line: {out}"));
    assert!(out.contains("seal-signers"), "{out}");
    fs::write(s.data.path().join("seal-signers"), line.trim()).unwrap();
    let o = tebiki(s.data.path(), &["verify", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).0);

    // A backdated file appears: the next seal would take it as sealed. Refused, exit 1.
    let (_, file) = (0, s.file());
    let first = fs::read_to_string(&file).unwrap();
    let first = first.lines().next().unwrap();
    let mut record: serde_json::Map<String, Value> = serde_json::from_str(first).unwrap();
    record.insert("kiosk".into(), "late".into());
    record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
    record.insert("at".into(), "2026-01-01T00:00:00.000Z".into());
    fs::write(
        s.ledger().join("late.jsonl"),
        serde_json::to_string(&record).unwrap() + "\n",
    )
    .unwrap();
    // Sealed all the same (refusing would let whoever plants a finding stop the sealing),
    // with exit 1 and the findings said; the record stays backdated after the seal.
    for (lang, words) in [
        ("en", "the ledger has 1 finding(s)"),
        ("ja", "1 件の問題があります"),
    ] {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let o = tebiki(
            s.data.path(),
            &["seal", "--key", s.key().to_str().unwrap(), "--lang", lang],
        );
        let (_, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(words), "{err}");
        assert!(err.contains("--despite-findings"), "{err}");
    }
    // Told that someone looked into them: exit 0.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = tebiki(
        s.data.path(),
        &[
            "seal",
            "--key",
            s.key().to_str().unwrap(),
            "--despite-findings",
            "--lang",
            "en",
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(
        ledger::seal::seal_files(&s.data.path().join("seals"))
            .unwrap()
            .len(),
        4
    );
    let o = tebiki(s.data.path(), &["verify", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o).0);
}

/// A trusted-signers file with a line that is not one is told, with its line, rather than read
/// as "no trusted key" (which would call every seal untrusted).
#[test]
fn a_mistyped_signers_line_is_told_with_its_place() {
    let data = tempfile::tempdir().unwrap();
    let signers = data.path().join("allowed");
    fs::write(&signers, "# auditors\nhr garbage line\n").unwrap();
    let o = tebiki(
        data.path(),
        &[
            "verify",
            "--signers",
            signers.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&format!("{}:2", signers.display())), "{err}");
    assert!(err.contains("not an allowed_signers line"), "{err}");
    // A signers file that is not there is said in words, with its path.
    let missing = data.path().join("no-such-file");
    let o = tebiki(
        data.path(),
        &[
            "verify",
            "--signers",
            missing.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("does not exist"), "{err}");
    assert!(!err.contains("os error"), "{err}");
    assert!(err.contains("no-such-file"), "{err}");
}

/// The unit in deploy/ runs the same command line that seals here, and its timer fires hourly.
#[test]
fn the_systemd_timer_seals_hourly_with_the_command_tested_here() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let service = fs::read_to_string(root.join("tebiki-seal.service")).unwrap();
    let timer = fs::read_to_string(root.join("tebiki-seal.timer")).unwrap();
    let setting = |text: &str, key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("{key}= missing"))
            .to_owned()
    };
    assert_eq!(setting(&timer, "OnCalendar"), "hourly");
    assert_eq!(setting(&timer, "Unit"), "tebiki-seal.service");
    assert_eq!(setting(&service, "Type"), "oneshot");
    let exec = setting(&service, "ExecStart");
    let words: Vec<&str> = exec.split_whitespace().collect();
    assert_eq!(words[..3], ["/usr/local/bin/tebiki", "seal", "--key"]);
    let data_dir = setting(&service, "Environment");
    assert_eq!(data_dir, "TEBIKI_DATA=/var/lib/tebiki");
    assert!(setting(&service, "ReadWritePaths").starts_with("/var/lib/tebiki/seals"));
    if Command::new("systemd-analyze")
        .arg("--version")
        .output()
        .is_ok()
    {
        let o = Command::new("systemd-analyze")
            .args(["calendar", "hourly"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{:?}", text(&o));
    } else {
        eprintln!("skipped: systemd-analyze is not installed (calendar check)");
    }
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed (seal run)");
        return;
    }
    // The unit's arguments, with the key and data folder of this test.
    let s = Sealed::new();
    let mut args: Vec<String> = words[1..]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    args[2] = s.key().display().to_string();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = tebiki(s.data.path(), &args);
    assert!(o.status.success(), "{:?}", text(&o));
    let (code, out) = s.verify();
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("sealed up to seq"), "{out}");
}

// --- standard receipts --------------------------------------------------------------------

#[test]
fn export_receipts_writes_one_iso_27560_receipt_per_consent_or_withdrawal() {
    // A demo with a withdrawal in it (the small demo's history differs from day to day).
    let dir = (1..=50)
        .map(|seed| {
            let dir = tempfile::tempdir().unwrap();
            let seed = seed.to_string();
            let args = ["demo", "--employees", "40", "--seed", &seed, "--lang", "en"];
            let o = tebiki(dir.path(), &args);
            assert!(o.status.success(), "{}", text(&o).1);
            dir
        })
        .find(|dir| {
            ledger::merged(&dir.path().join("ledger"))
                .unwrap()
                .any(|r| r.is_ok_and(|r| r.record_type == "withdrawal"))
        })
        .expect("a demo of 40 people with a withdrawal in 50 seeds");
    let data = dir.path();
    let config = fs::read_to_string(data.join("config.toml")).unwrap();
    let config = config.replacen(
        "[org]\n",
        "[org]\nname = \"Example K.K.\"\ncontact = \"hr@example.jp\"\n",
        1,
    );
    fs::write(data.join("config.toml"), config).unwrap();
    let records: Vec<Value> = ledger::merged(&data.join("ledger"))
        .unwrap()
        .map(|r| r.unwrap().value)
        .filter(|v| v["type"] == "consent" || v["type"] == "withdrawal")
        .collect();
    let o = tebiki(data, &["export", "--format", "receipts", "--lang", "en"]);
    let (out, err) = text(&o);
    // No retention period is set: the receipts are written, and the person exporting them
    // is told that they say null for it (exit 1).
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("org.retention"), "{err}");
    assert!(
        !err.contains("org.controller"),
        "the organisation's name stands in: {err}"
    );
    let receipts: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(receipts.len(), records.len());
    for (r, v) in receipts.iter().zip(&records) {
        for key in [
            "schema_version",
            "record_id",
            "pii_principal_id",
            "privacy_notice",
            "language",
            "purposes",
            "controller",
            "collection_method",
            "jurisdiction",
            "withdrawal_method",
            "retention",
            "event_time",
            "event_state",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert_eq!(r["record_id"], v["id"]);
        assert_eq!(r["pii_principal_id"], v["employee"]["id"]);
        assert_eq!(r["privacy_notice"]["version"], v["policy"]["version"]);
        assert_eq!(r["controller"]["name"], "Example K.K.");
        assert_eq!(r["controller"]["contact"], "hr@example.jp");
        // No retention period configured: none is made up.
        assert!(r["retention"]["period"].is_null(), "{r}");
        // What tebiki says itself is in the receipt's language.
        let japanese = |key: &str| {
            r[key]
                .as_str()
                .or_else(|| r[key]["storage"].as_str())
                .or_else(|| r[key]["law"].as_str())
                .is_some_and(|t| t.chars().any(|c| c > '\u{3000}'))
        };
        for key in ["collection_method", "retention", "jurisdiction"] {
            assert_eq!(japanese(key), r["language"] == "ja", "{key}: {r}");
        }
        let expected = match (v["type"].as_str(), v["decision"].as_str()) {
            (Some("withdrawal"), _) => "dpv:ConsentWithdrawn",
            (_, Some("given")) if v.get("renews").is_some() => "dpv:RenewedConsentGiven",
            (_, Some("given")) => "dpv:ConsentGiven",
            (_, Some("refused")) => "dpv:ConsentRefused",
            _ => "dpv:ConsentRequestDeferred",
        };
        assert_eq!(r["event_state"], expected, "{r}");
        // When it happened (the demo's records were entered for earlier days), and when it
        // was recorded.
        let occurred = v["occurred_at"].as_str().unwrap();
        let (event, recorded): (jiff::Timestamp, jiff::Timestamp) = (
            r["event_time"].as_str().unwrap().parse().unwrap(),
            r["recorded_at"].as_str().unwrap().parse().unwrap(),
        );
        assert_eq!(event, occurred.parse::<jiff::Timestamp>().unwrap(), "{r}");
        assert_eq!(recorded, v["at"].as_str().unwrap().parse().unwrap(), "{r}");
    }
    // A withdrawal's receipt names what it withdraws: the purposes the consent before it
    // granted, each withdrawn; and it came about without a notice or check.
    let withdrawals: Vec<&Value> = receipts
        .iter()
        .filter(|r| r["event_type"] == "withdrawal")
        .collect();
    assert!(!withdrawals.is_empty());
    for w in &withdrawals {
        let purposes = w["purposes"].as_array().unwrap();
        assert!(
            purposes.iter().any(|p| p["purpose_id"] == "own-phone"),
            "{w}"
        );
        assert!(
            purposes
                .iter()
                .all(|p| p["consent_state"] == "dpv:ConsentWithdrawn"),
            "{w}"
        );
        let method = w["collection_method"].as_str().unwrap();
        assert!(
            !method.contains("after reading") && !method.contains("説明を読み"),
            "{w}"
        );
    }
    // Each receipt names its record so that verify --receipt finds it.
    let line = receipts[0]["evidence"]["verify"]
        .as_str()
        .unwrap()
        .trim_start_matches("tebiki verify --receipt ")
        .to_owned();
    let o = tebiki(data, &["verify", "--receipt", &line, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));

    // The controller, its address, the privacy contact and the retention period the privacy
    // notice names are the ones the receipts name.
    let config = fs::read_to_string(data.join("config.toml")).unwrap();
    let config = config.replacen(
        "[org]\n",
        "[org]\ncontroller = \"サンプル株式会社\"\ncontroller_address = \"東京都千代田区1-1\"\n\
         privacy_contact = \"総務部 個人情報窓口\"\nretention = \"退職後 5 年間\"\n",
        1,
    );
    fs::write(data.join("config.toml"), config).unwrap();
    let o = tebiki(data, &["export", "--format", "receipts", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["controller"]["name"], "サンプル株式会社");
    assert_eq!(first["controller"]["address"], "東京都千代田区1-1");
    assert_eq!(first["controller"]["contact"], "総務部 個人情報窓口");
    assert_eq!(first["retention"]["period"], "退職後 5 年間");

    // A blank value is not set, as on the privacy notice: the next one, or null.
    let config = fs::read_to_string(data.join("config.toml"))
        .unwrap()
        .replacen("controller = \"サンプル株式会社\"", "controller = \"\"", 1)
        .replacen(
            "controller_address = \"東京都千代田区1-1\"",
            "controller_address = \" \"",
            1,
        )
        .replacen(
            "privacy_contact = \"総務部 個人情報窓口\"",
            "privacy_contact = \"\"",
            1,
        )
        .replacen("retention = \"退職後 5 年間\"", "retention = \"  \"", 1);
    fs::write(data.join("config.toml"), config).unwrap();
    let o = tebiki(data, &["export", "--format", "receipts", "--lang", "en"]);
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("org.retention"), "{err}");
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["controller"]["name"], "Example K.K.");
    assert!(first["controller"]["address"].is_null(), "{first}");
    assert_eq!(first["controller"]["contact"], "hr@example.jp");
    assert!(first["retention"]["period"].is_null(), "{first}");

    // Values set per language are the ones the notice in the record's language names.
    let config = fs::read_to_string(data.join("config.toml")).unwrap()
        + "\n[org.ja]\ncontroller = \"サンプル株式会社\"\n\n[org.en]\ncontroller = \"Sample K.K.\"\n\
           retention = \"5 years\"\n";
    fs::write(data.join("config.toml"), config).unwrap();
    let o = tebiki(data, &["export", "--format", "receipts", "--lang", "en"]);
    let (out, err) = text(&o);
    // Japanese receipts still have no retention period.
    assert_eq!(o.status.code(), Some(1), "{err}");
    let mut languages = std::collections::BTreeSet::new();
    for line in out.lines() {
        let r: Value = serde_json::from_str(line).unwrap();
        let language = r["language"].as_str().unwrap_or("").to_owned();
        let (name, period) = match language.as_str() {
            "ja" => ("サンプル株式会社", Value::Null),
            _ => ("Sample K.K.", Value::from("5 years")),
        };
        assert_eq!(r["controller"]["name"], name, "{r}");
        assert_eq!(r["retention"]["period"], period, "{r}");
        languages.insert(language);
    }
    assert!(!languages.is_empty(), "{out}");

    // A withdrawal an administrator records has no receipt code: its receipt's command names
    // it with an empty code, which verify takes (and a code made up for it it does not).
    let given = receipts
        .iter()
        .filter_map(|r| r["pii_principal_id"].as_str())
        .find(|id| {
            let o = tebiki(data, &["status", id, "--format", "json"]);
            serde_json::from_slice::<Value>(&o.stdout).is_ok_and(|v| v["consent"] == "given")
        })
        .expect("someone with consent given")
        .to_owned();
    let o = tebiki(
        data,
        &["record", "withdrawal", &given, "--by", "HR", "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    let o = tebiki(data, &["export", "--format", "receipts", "--lang", "en"]);
    let line = text(&o)
        .0
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|r| r["pii_principal_id"] == given.as_str())
        .filter_map(|r| r["evidence"]["verify"].as_str().map(str::to_owned))
        .next_back()
        .unwrap()
        .trim_start_matches("tebiki verify --receipt ")
        .to_owned();
    assert!(line.ends_with(':'), "{line}");
    let o = tebiki(data, &["verify", "--receipt", &line, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{line}: {:?}", text(&o));
    let made_up = format!("{line}ABCD-EFGH");
    let o = tebiki(data, &["verify", "--receipt", &made_up, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{made_up}: {:?}", text(&o));
}

#[test]
fn the_dashboard_folds_no_appended_line_that_does_not_chain_on() {
    let (dir, file, _, _) = demo();
    let mut d = dashboard(dir.path());
    assert!(d.model.breaks.is_empty());
    let records = d.model.records;
    // A well-formed record for the last line's successor, but with a made-up `prev`.
    let body = fs::read_to_string(&file).unwrap();
    let last: Value = serde_json::from_str(body.lines().last().unwrap()).unwrap();
    let mut forged = last.as_object().unwrap().clone();
    forged.insert("seq".into(), (last["seq"].as_u64().unwrap() + 1).into());
    forged.insert("prev".into(), "1".repeat(64).into());
    forged.insert("id".into(), "019a8f4e-7c2b-7d3e-9a1b-0123456789ab".into());
    forged.insert("at".into(), "2099-01-01T00:00:00.000Z".into());
    let line = serde_json::to_string(&forged).unwrap();
    fs::write(&file, format!("{body}{line}\n")).unwrap();
    let effects = d.refresh();
    perform_all(&mut d, effects);
    // Read again in full, as a fresh start would: the break named at its line, the record
    // before it (folded already, from the first read) withheld too.
    let effects = d.wait_loaded();
    perform_all(&mut d, effects);
    assert_eq!(d.model.records, records - 1, "the forged line was folded");
    assert_eq!(d.model.breaks.len(), 1, "{:?}", d.model.breaks);
    let name = file.file_name().unwrap().to_string_lossy();
    assert!(
        d.model.breaks[0].starts_with(&format!("{name}:")),
        "the place: {:?}",
        d.model.breaks
    );
    // The line before the break and the forged line itself.
    assert_eq!(d.model.withheld, 2);
}

/// A record appended while the dashboard is open that a full read does not use (here one
/// made up with another record's id and time) asks for one full pass, as an older record
/// does; after it the dashboard says the record was not used and follows the file from past
/// it, rather than taking it for new again and reading the whole ledger again for ever.
#[test]
fn a_record_not_used_that_comes_while_the_dashboard_is_open_is_read_once() {
    let (dir, file, _, _) = demo();
    let mut d = dashboard(dir.path());
    assert_eq!(d.model.not_used, 0);
    let records = d.model.records;
    let body = fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = body.lines().collect();
    let last: Value = serde_json::from_str(lines[lines.len() - 1]).unwrap();
    // A record of someone with a later record, again, as if another kiosk had made it, dated
    // back: not used by a full read (it is not this kiosk's). Older than what its person
    // has, it asks for a full pass.
    let person = |line: &str| {
        let v: Value = serde_json::from_str(line).unwrap();
        v["employee"]["id"].as_str().map(str::to_owned)
    };
    let first = (0..lines.len() - 1)
        .find(|&n| {
            person(lines[n]).is_some_and(|id| {
                lines[n + 1..]
                    .iter()
                    .any(|l| person(l).as_deref() == Some(id.as_str()))
            })
        })
        .expect("someone with two records");
    let mut made_up: Value = serde_json::from_str(lines[first]).unwrap();
    made_up["seq"] = (last["seq"].as_u64().unwrap() + 1).into();
    made_up["prev"] = sha256_hex(lines[lines.len() - 1].as_bytes()).into();
    made_up["kiosk"] = "somewhere-else".into();
    made_up["at"] = "2026-01-05T09:00:00.000Z".into();
    fs::write(
        &file,
        format!("{body}{}\n", serde_json::to_string(&made_up).unwrap()),
    )
    .unwrap();
    let effects = d.refresh();
    perform_all(&mut d, effects);
    assert!(d.loading.is_some(), "read again in full");
    let effects = d.wait_loaded();
    perform_all(&mut d, effects);
    assert_eq!(d.model.not_used, 1, "told as not used");
    assert_eq!(d.model.records, records, "not folded");
    // Followed on from past it: looking again finds nothing new, and reads nothing again.
    for _ in 0..3 {
        let effects = d.refresh();
        perform_all(&mut d, effects);
        assert!(d.loading.is_none(), "the whole ledger is read again");
    }
    let screen = dashboard_screen(&d);
    assert!(screen.contains("1 record was not used"), "{screen}");
    assert!(!screen.contains("Reading the ledger again"), "{screen}");
}

/// The people the withheld records are about are named: in the report (text, stderr and
/// JSON), the JSON export, and `status` for each of them; no one else is.
#[test]
fn the_people_whose_records_were_withheld_are_named() {
    let (dir, file, n, id) = demo();
    let data = dir.path();
    // Whom lines n.. of the file are about (employee and supported person), each once.
    let body = fs::read_to_string(&file).unwrap();
    let mut about: Vec<String> = Vec::new();
    for line in body.lines().skip(n - 1) {
        let v: Value = serde_json::from_str(line).unwrap();
        for who in [&v["employee"]["id"], &v["supports"]] {
            if let Some(who) = who.as_str()
                && !about.iter().any(|a| a == who)
            {
                about.push(who.to_owned());
            }
        }
    }
    assert_eq!(about[0], id);
    // Intact, the export's last row is a record like the others.
    let intact = data.join("intact.csv");
    let o = tebiki(data, &["export", "-o", intact.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0));
    let mut rows = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(&intact)
        .unwrap();
    let width = rows.headers().unwrap().len();
    let rows: Vec<_> = rows.records().map(Result::unwrap).collect();
    assert!(!rows.is_empty() && rows.iter().all(|r| r.len() == width));
    assert!(!rows.iter().any(|r| r[0].contains("INCOMPLETE")));
    let everyone: Vec<String> = (1..=40).map(|k| format!("E{k:06}")).collect();
    let untouched = everyone
        .iter()
        .find(|e| !about.contains(e))
        .expect("someone with no record after the break")
        .clone();
    flip(&file, n);

    let o = tebiki(data, &["report", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        report["ledger"]["withheld_people"],
        serde_json::json!(about),
        "{report}"
    );
    let withheld = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["problem"] == "withheld")
        .unwrap();
    assert_eq!(withheld["people"], serde_json::json!(about), "{withheld}");
    let (_, err) = text(&o);
    assert!(
        err.contains(&format!(
            "the records not used are about {} person(s)",
            about.len()
        )) && err.contains(&id),
        "{err}"
    );
    let o = tebiki(data, &["report", "--lang", "ja"]);
    let (out, _) = text(&o);
    assert!(
        out.contains(&format!(
            "使わなかった記録は {} 人に関するもの",
            about.len()
        )),
        "{out}"
    );
    // The marks on the people listed keep every line within 80 columns (below the person
    // when beside them would not fit).
    for lang in ["ja", "en"] {
        let (out, _) = text(&tebiki(data, &["report", "--lang", lang, "--limit", "0"]));
        for line in out.lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= 80,
                "{lang}: {line}"
            );
        }
    }

    let o = tebiki(data, &["export", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let export: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        export["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["problem"] == "withheld" && s["people"] == serde_json::json!(about)),
        "{}",
        export["skipped"]
    );

    // Written to a file, the summary line itself says the export is incomplete.
    let out = data.join("hr-export.csv");
    let o = tebiki(
        data,
        &["export", "-o", out.to_str().unwrap(), "--lang", "en"],
    );
    assert_eq!(o.status.code(), Some(1));
    let (said, _) = text(&o);
    assert!(said.contains("the export is INCOMPLETE"), "{said}");
    // So does the file itself, in its last row (the first cell), wherever it is mailed or opened:
    // how many records are left out and where, in the command's language, or in the
    // language of the headings when they are in words.
    let name = file.file_name().unwrap().to_str().unwrap();
    let total = body.lines().count();
    let last_row = |path: &Path| {
        let mut rows = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(path)
            .unwrap();
        rows.records().last().unwrap().unwrap()
    };
    let row = last_row(&out);
    assert!(row.iter().skip(1).all(str::is_empty), "{row:?}");
    let expected = format!(
        "INCOMPLETE EXPORT: not in this file: {} records from a break in the chain of records onwards (",
        total - n + 1
    );
    assert!(row[0].starts_with(&expected), "{row:?}");
    // The withheld run from its first to its last line; the break inside it is not named
    // again.
    assert!(row[0].contains(&format!("({name}:{n}-{total})")), "{row:?}");
    assert!(row[0].contains("tebiki verify"), "{row:?}");
    for (args, start) in [
        (&["--lang", "ja"][..], "不完全な書き出し："),
        (
            &["--lang", "ja", "--labels", "en"][..],
            "INCOMPLETE EXPORT:",
        ),
    ] {
        let o = tebiki(
            data,
            &[&["export", "-o", out.to_str().unwrap()][..], args].concat(),
        );
        assert_eq!(o.status.code(), Some(1));
        let row = last_row(&out);
        assert!(row[0].starts_with(start), "{args:?}: {row:?}");
    }
    // With a filter the count is the whole ledger's, and the row says so.
    let o = tebiki(
        data,
        &[
            "export",
            "-o",
            out.to_str().unwrap(),
            "--status",
            "given",
            "--lang",
            "en",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let row = last_row(&out);
    assert!(
        row[0].starts_with("INCOMPLETE EXPORT: the ledger has ")
            && row[0].contains("may have matched this export's filters"),
        "{row:?}"
    );

    for (who, named) in [(&id, true), (&untouched, false)] {
        let o = tebiki(data, &["status", who, "--format", "json", "--lang", "en"]);
        assert_eq!(o.status.code(), Some(1), "{who}");
        let answer: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(answer["in_withheld_records"], named, "{who}: {answer}");
        assert!(
            answer["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .all(|s| s.get("people").is_none()),
            "{answer}"
        );
        let (_, err) = text(&o);
        assert_eq!(
            err.contains(&format!("records about {who} are among those")),
            named,
            "{who}: {err}"
        );
    }
    let o = tebiki(data, &["status", &id, "--lang", "ja"]);
    let (out, err) = text(&o);
    assert!(
        err.contains(&format!("{id} に関する記録が、ハッシュの連鎖が切れた")),
        "{err}"
    );
    // The answer itself says so first: saved to a file, it does not look complete.
    assert!(
        out.starts_with(&format!(
            "不完全：{id} に関する記録の一部を使えませんでした"
        )),
        "{out}"
    );
    for (who, words) in [
        (&id, "INCOMPLETE: records about"),
        (&untouched, "INCOMPLETE: some ledger lines"),
    ] {
        let o = tebiki(data, &["status", who, "--lang", "en"]);
        assert!(text(&o).0.starts_with(words), "{who}: {}", text(&o).0);
    }

    // A withdrawal for someone whose records were withheld and whose usable records hold no
    // consent: recorded all the same (the consent may be among those withheld), and said so.
    // For someone whose records are all there, refused with the usual advice.
    let consent = |who: &str| -> String {
        let o = tebiki(data, &["status", who, "--format", "json"]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        v["consent"].as_str().unwrap_or_default().to_string()
    };
    let withheld = about
        .iter()
        .find(|p| p.starts_with('E') && consent(p) != "given")
        .expect("someone withheld whose usable records hold no consent");
    let unaffected = everyone
        .iter()
        .find(|p| !about.contains(p) && consent(p) != "given")
        .expect("someone not withheld without consent");
    for (who, uncertain) in [(withheld, true), (unaffected, false)] {
        let o = tebiki(data, &["record", "withdrawal", who, "--lang", "en"]);
        let (_, err) = text(&o);
        assert_eq!(
            o.status.code(),
            Some(if uncertain { 0 } else { 2 }),
            "{who}: {err}"
        );
        assert_eq!(
            err.contains("recorded although the records that could be used show no consent"),
            uncertain,
            "{who}: {err}"
        );
        assert_eq!(
            err.contains("Nothing needs recording"),
            !uncertain,
            "{who}: {err}"
        );
    }
    // A record saved meanwhile: its JSON says the state after it is as incomplete as the read.
    for (who, withheld) in [(withheld, true), (unaffected, false)] {
        let o = tebiki(
            data,
            &["record", "followup", who, "--format", "json", "--by", "hr"],
        );
        assert!(o.status.success(), "{}", text(&o).1);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["saved"], true);
        assert_eq!(v["complete"], false, "{v}");
        assert_eq!(v["in_withheld_records"], withheld, "{v}");
        // Each place not read or used, as status lists them.
        let skipped = v["skipped"].as_array().expect("skipped listed");
        assert!(skipped.iter().any(|k| k["problem"] == "withheld"), "{v}");
    }
}

/// A `void` naming a person's own decision (consent or withdrawal) or another void is refused
/// by `tebiki record void`; written some other way, every reader ignores it too, and `status`
/// says so.
#[test]
fn a_void_of_a_persons_own_decision_cancels_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let o = tebiki(
        data,
        &["demo", "--employees", "60", "--seed", "11", "--lang", "en"],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let status = |id: &str| -> Value {
        serde_json::from_slice(&tebiki(data, &["status", id, "--format", "json"]).stdout).unwrap()
    };
    let (id, withdrawal) = (1..=60)
        .map(|k| format!("E{k:06}"))
        .find_map(|id| {
            let s = status(&id);
            let w = s["history"]
                .as_array()?
                .iter()
                .find(|h| h["type"] == "withdrawal")?["id"]
                .as_str()?
                .to_owned();
            (s["consent"] == "withdrawn").then_some((id, w))
        })
        .expect("someone who withdrew");
    let before = status(&id);
    let mut writer = tebiki::ledger::Writer::open(
        &data.join("ledger"),
        "elsewhere",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let serde_json::Value::Object(body) = serde_json::json!({
        "employee": {"id": id, "name": "x"},
        "voids": withdrawal,
        "note": "entered by mistake",
    }) else {
        unreachable!()
    };
    writer.append("void", body).unwrap();
    drop(writer);

    let after = status(&id);
    assert_eq!(after["consent"], "withdrawn", "{after}");
    assert_eq!(after["consent"], before["consent"]);
    assert_eq!(after["stage"], before["stage"]);
    let o = tebiki(data, &["status", &id, "--lang", "en"]);
    let (out, err) = text(&o);
    assert!(out.contains("withdrawn"), "{out}");
    assert!(
        err.contains("cannot be voided") && err.contains(&withdrawal),
        "{err}"
    );
    let o = tebiki(data, &["status", &id, "--lang", "ja"]);
    assert!(text(&o).1.contains("無効にできません"), "{}", text(&o).1);
    // The report counts the person as withdrawn still.
    let count = |r: &Value| r["consent"]["withdrawn"].as_u64().unwrap();
    let report: Value =
        serde_json::from_slice(&tebiki(data, &["report", "--format", "json"]).stdout).unwrap();
    let o = tebiki(data, &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("cannot be voided"), "{out}");
    // Taking the void out of the count changes nothing: the same withdrawn people.
    let fresh = tempfile::tempdir().unwrap();
    let o = tebiki(
        fresh.path(),
        &["demo", "--employees", "60", "--seed", "11", "--lang", "en"],
    );
    assert!(o.status.success());
    let clean: Value =
        serde_json::from_slice(&tebiki(fresh.path(), &["report", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(count(&report), count(&clean), "{}", report["consent"]);
}

/// A withdrawal asked for by a person some of whose records were withheld is recorded all the
/// same (the consent it withdraws may be among them), said to be so; a refusal made without
/// some of the person's records (`record void`) names the break before refusing.
#[test]
fn a_withdrawal_is_recorded_despite_withheld_records_and_a_refusal_names_the_break() {
    let (dir, file, n, id) = demo();
    let data = dir.path();
    // A record of the file after line n, to void (it is withheld once the file breaks).
    let body = fs::read_to_string(&file).unwrap();
    let later: Value = body
        .lines()
        .skip(n)
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|v| v["type"] == "attendance" || v["type"] == "stage")
        .expect("a trainer's record after the changed line");
    let later = later["id"].as_str().unwrap().to_owned();
    flip(&file, n);

    let o = tebiki(
        data,
        &[
            "--lang",
            "en",
            "record",
            "withdrawal",
            &id,
            "--by",
            "HR",
            "--note",
            "asked",
        ],
    );
    // Their refusal at line n is withheld: no consent to withdraw, as far as can be read;
    // their withdrawal is recorded even so, and said to be recorded so.
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert!(out.contains("Saved"), "{out}");
    assert!(err.contains(&place(&file, n + 1)), "{err}");
    assert!(
        err.contains(&format!("records about {id} are among those")),
        "{err}"
    );
    assert!(
        err.contains(&format!("show no consent of {id} to withdraw")),
        "{err}"
    );
    let o = tebiki(data, &["status", &id, "--format", "json"]);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["consent"], "withdrawn", "{v}");
    // Asked twice, it is recorded once: the records that can be used now end in it.
    let o = tebiki(
        data,
        &["--lang", "en", "record", "withdrawal", &id, "--by", "HR"],
    );
    assert_eq!(o.status.code(), Some(2), "{:?}", text(&o));
    let withdrawals = fs::read_dir(data.join("ledger"))
        .unwrap()
        .map(|e| fs::read_to_string(e.unwrap().path()).unwrap_or_default())
        .flat_map(|body| body.lines().map(str::to_owned).collect::<Vec<_>>())
        .filter(|l| {
            l.contains("\"type\":\"withdrawal\"") && l.contains(&format!("\"id\":\"{id}\""))
        })
        .count();
    assert_eq!(withdrawals, 1);
    let o = tebiki(
        data,
        &[
            "--lang", "en", "record", "void", &later, "--note", "mistake",
        ],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&place(&file, n + 1)), "{err}");
    assert!(err.contains("tebiki verify"), "{err}");
}

/// A demo organisation in `data`, and the stored line of a consent in force there with its
/// person's id.
fn demo_with_a_given_consent(data: &Path) -> (String, String) {
    let o = tebiki(data, &["demo", "--employees", "40", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    ledger::ledger_files(&data.join("ledger"))
        .unwrap()
        .iter()
        .flat_map(|f| {
            fs::read_to_string(f)
                .unwrap()
                .lines()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .filter_map(|l| {
            let v: Value = serde_json::from_str(&l).ok()?;
            let id = v["employee"]["id"].as_str()?.to_owned();
            (v["type"] == "consent" && v["decision"] == "given").then_some((l, id))
        })
        .find(|(_, id)| {
            let o = tebiki(data, &["status", id, "--format", "json"]);
            serde_json::from_slice::<Value>(&o.stdout).unwrap()["consent"] == "given"
        })
        .expect("someone whose consent is given")
}

/// `occurred_at` (when a record says it happened, which dates a decision and orders the
/// history) is a date as `at` is: a record appended now that says it happened next year is
/// dated ahead, and one whose `occurred_at` is no time (no offset) would be shown and ordered
/// as it reads. `verify` names each; the readers do not use such a record, so a withdrawal
/// asked for today is not refused for a consent said to have been given next year.
#[test]
fn a_record_said_to_have_happened_ahead_or_at_no_time_is_told_and_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (line, id) = demo_with_a_given_consent(data);
    let now = jiff::Timestamp::now()
        .strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        .to_string();
    let forged = |occurred: &str, decision: &str| {
        let mut record: serde_json::Map<String, Value> = serde_json::from_str(&line).unwrap();
        record.insert("seq".into(), 1.into());
        record.insert("prev".into(), "0".repeat(64).into());
        record.insert("kiosk".into(), "forged".into());
        record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
        record.insert("at".into(), now.clone().into());
        record.insert("occurred_at".into(), occurred.into());
        record.insert("decision".into(), decision.into());
        fs::write(
            data.join("ledger").join("forged.jsonl"),
            serde_json::to_string(&record).unwrap() + "\n",
        )
        .unwrap();
    };
    for (occurred, decision, finding, problem) in [
        (
            "2027-06-01T00:00:00Z",
            "given",
            "forged.jsonl:1: the record is dated in the future (2027-06-01T00:00:00",
            "future_dated",
        ),
        (
            "2026-11-10T09:00:00",
            "refused",
            "forged.jsonl:1: the envelope is not valid at “occurred_at”",
            "bad_envelope",
        ),
        (
            "yesterday",
            "refused",
            "forged.jsonl:1: the envelope is not valid at “occurred_at”",
            "bad_envelope",
        ),
    ] {
        forged(occurred, decision);
        let o = tebiki(data, &["verify", "--lang", "en"]);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{occurred}: {out}");
        assert!(out.contains(finding), "{occurred}: {out}");
        let o = tebiki(data, &["status", &id, "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{occurred}");
        let state: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(state["consent"], "given", "{occurred}: {state}");
        assert_eq!(state["complete"], false, "{occurred}: {state}");
        let o = tebiki(data, &["report", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{occurred}");
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            r["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["file"] == "forged.jsonl" && k["problem"] == problem),
            "{occurred}: {r}"
        );
    }
    // With the consent said to come next year in the ledger, a withdrawal asked for today is
    // recorded.
    forged("2027-06-01T00:00:00Z", "given");
    let o = tebiki(
        data,
        &["--lang", "en", "record", "withdrawal", &id, "--by", "HR"],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out} {err}");
    assert!(out.contains("Saved"), "{out}");
    // A time in the writer's form, or with an offset, that has come is a date like any other.
    forged("2026-11-10T09:00:00+09:00", "given");
    let o = tebiki(data, &["verify", "--lang", "en"]);
    assert!(!text(&o).0.contains("forged.jsonl:1"), "{:?}", text(&o));
}

/// A record dated ahead (a kiosk's clock ahead, or a forged date) would count as the person's
/// latest until then, over everything recorded meanwhile: `verify` reports it, and the readers
/// say so and do not use it (a withdrawal recorded after it then counts, and one asked for
/// today is not refused as being before a consent dated next year).
#[test]
fn a_record_dated_in_the_future_is_told_and_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    // Someone's current consent, copied to a kiosk whose clock is 20 minutes ahead.
    let (line, id) = demo_with_a_given_consent(data);
    let mut record: serde_json::Map<String, Value> = serde_json::from_str(&line).unwrap();
    let ahead = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(20);
    record.insert("seq".into(), 1.into());
    record.insert("prev".into(), "0".repeat(64).into());
    record.insert("kiosk".into(), "fast".into());
    record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
    record.insert(
        "at".into(),
        ahead.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string().into(),
    );
    fs::write(
        data.join("ledger").join("fast.jsonl"),
        serde_json::to_string(&record).unwrap() + "\n",
    )
    .unwrap();

    let o = tebiki(data, &["verify", "--lang", "en"]);
    let (out, _) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("fast.jsonl:1: the record is dated in the future"),
        "{out}"
    );
    let o = tebiki(
        data,
        &[
            "--lang",
            "en",
            "record",
            "withdrawal",
            &id,
            "--by",
            "HR",
            "--note",
            "asked",
        ],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(out.contains("Saved"), "{out}");
    assert!(
        err.contains("fast.jsonl:1") && err.contains("more than 5 minutes ahead"),
        "{err}"
    );
    // The dated-ahead copy is not the latest: the withdrawal is, and the answer says what
    // was left out.
    let o = tebiki(data, &["status", &id, "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let state: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(state["consent"], "withdrawn", "{state}");
    assert_eq!(state["complete"], false, "{state}");
    let o = tebiki(data, &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["future_dated"], 1, "{r}");
    assert!(
        r["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["problem"] == "future_dated"),
        "{r}"
    );
    for lang in ["en", "ja"] {
        let o = tebiki(data, &["status", &id, "--lang", lang]);
        let words = if lang == "en" {
            "ahead of this machine's clock"
        } else {
            "5 分以上先"
        };
        assert!(text(&o).1.contains(words), "{lang}: {:?}", text(&o));
    }

    // A consent forged for next year does not stand in the way of a withdrawal asked for
    // today.
    record.insert("seq".into(), 2.into());
    let first = fs::read_to_string(data.join("ledger").join("fast.jsonl")).unwrap();
    record.insert(
        "prev".into(),
        sha256_hex(first.trim_end().as_bytes()).into(),
    );
    record.insert("id".into(), uuid::Uuid::now_v7().to_string().into());
    record.insert("at".into(), "2027-12-01T00:00:00.000Z".into());
    fs::write(
        data.join("ledger").join("fast.jsonl"),
        first + &serde_json::to_string(&record).unwrap() + "\n",
    )
    .unwrap();
    let o = tebiki(
        data,
        &["--lang", "en", "record", "withdrawal", &id, "--by", "HR"],
    );
    // Withdrawn already, as far as the records that can be used go: refused as such, not
    // as "before the consent".
    let (_, err) = text(&o);
    assert!(!err.contains("before the consent"), "{err}");
    let o = tebiki(data, &["status", &id, "--format", "json"]);
    let state: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(state["consent"], "withdrawn", "{state}");
}

/// With trusted seal keys set up but no seal at all (deleted with a rewrite, say), verify does
/// not call the ledger intact.
#[test]
fn seals_gone_while_sealing_is_set_up_is_a_finding() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen not found");
        return;
    }
    let s = Sealed::new();
    for lang in ["en", "ja"] {
        let o = tebiki(s.data.path(), &["verify", "--lang", lang]);
        let (out, _) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(
            out.contains("no seal was found") || out.contains("封印が見つかりません"),
            "{out}"
        );
    }
    s.seal();
    let o = tebiki(s.data.path(), &["verify", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).0);
}

/// Readers check what the latest trusted seal vouches for: a sealed file deleted, cut short,
/// or rewritten whole with a chain of its own makes report, export and status incomplete,
/// naming the file and the seal; records appended after the seal do not.
#[test]
fn readers_tell_a_sealed_file_that_no_longer_holds_what_was_sealed() {
    type Tamper = fn(&Sealed);
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let cases: Vec<(&str, Tamper)> = vec![
        ("deleted", |s| fs::remove_file(s.file()).unwrap()),
        ("cut short", |s| {
            let body = fs::read_to_string(s.file()).unwrap();
            let mut lines: Vec<&str> = body.lines().collect();
            lines.pop();
            fs::write(s.file(), lines.join("\n") + "\n").unwrap();
        }),
        ("rewritten whole, its chain computed again", |s| {
            let file = s.file();
            let n = fs::read_to_string(&file).unwrap().lines().count();
            let kiosk = file.file_stem().unwrap().to_str().unwrap().to_owned();
            fs::remove_file(&file).unwrap();
            let mut w =
                ledger::Writer::open(&s.ledger(), &kiosk, std::time::Duration::from_secs(5))
                    .unwrap();
            for i in 0..n {
                let Value::Object(body) = serde_json::json!({
                    "employee": {"id": format!("E{i:06}")}, "decision": "refused",
                    "policy": {"id": "line-works-own-phone", "version": "2026-11-23"},
                }) else {
                    unreachable!()
                };
                w.append("consent", body).unwrap();
            }
        }),
    ];
    for (what, tamper) in cases {
        let s = Sealed::new();
        s.seal();
        // Records written after the seal are no finding.
        let mut w = ledger::Writer::open(
            &s.ledger(),
            "kiosk-after",
            std::time::Duration::from_secs(5),
        )
        .unwrap();
        w.append("stage", serde_json::Map::new()).unwrap();
        drop(w);
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(r["ledger"]["complete"], true, "{what}: before: {r}");
        let name = s.file().file_name().unwrap().to_str().unwrap().to_owned();
        tamper(&s);
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(r["ledger"]["complete"], false, "{what}");
        assert_eq!(r["ledger"]["seal_mismatches"], 1, "{what}");
        // About the file's sealed part, not a line of it (the file may have fewer lines now):
        // the seal and the last record it sealed are given instead.
        assert!(
            r["skipped"].as_array().unwrap().iter().any(|k| {
                k["problem"] == "seal_mismatch"
                    && k["file"] == name.as_str()
                    && k["line"].is_null()
                    && k["seq"].as_u64().is_some_and(|seq| seq > 0)
                    && k["seal"]
                        .as_str()
                        .is_some_and(|seal| seal.starts_with("seals/"))
            }),
            "{what}: {r}"
        );
        let o = tebiki(s.data.path(), &["export", "--lang", "en"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        let err = text(&o).1;
        assert!(err.contains("no longer holds what seals/"), "{what}: {err}");
        assert!(
            err.contains("no longer match the latest seal"),
            "{what}: {err}"
        );
        let o = tebiki(s.data.path(), &["status", "E000001", "--lang", "en"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        assert!(
            text(&o).1.contains("no longer holds what"),
            "{what}: {:?}",
            text(&o)
        );
        // The dashboard says the same, naming the file and the seal: not a break in a chain
        // (there may be none, the file rewritten or emptied) at the sealed record's place.
        let screen = dashboard_screen(&dashboard(s.data.path()));
        assert!(
            screen.contains(&format!("{name} no longer holds what")) && screen.contains("seals/"),
            "{what}: {screen}"
        );
        assert!(!screen.contains("chain breaks"), "{what}: {screen}");
    }
}

/// A record made up with the id and time of a real one (its decision turned round), put in a
/// file of its own with a chain of its own: ids are never reused, so readers use neither
/// silently: the second is not used, both places are named, and every output says it is
/// incomplete (as verify calls it damaged).
#[test]
fn a_record_reusing_another_records_id_is_not_used_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let o = tebiki(
        data,
        &["demo", "--employees", "30", "--seed", "5", "--lang", "en"],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let ledger = data.join("ledger");
    let (source, line, mut record) = fs::read_dir(&ledger)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .find_map(|p| {
            let body = fs::read_to_string(&p).unwrap();
            body.lines().enumerate().find_map(|(i, l)| {
                let v: Value = serde_json::from_str(l).unwrap();
                (v["type"] == "consent" && v["decision"] == "given").then(|| (p.clone(), i + 1, v))
            })
        })
        .expect("a consent given");
    let who = record["employee"]["id"].as_str().unwrap().to_string();
    record["kiosk"] = "dupk".into();
    record["seq"] = 1.into();
    record["prev"] = "0".repeat(64).into();
    record["decision"] = "refused".into();
    fs::write(
        ledger.join("dupk.jsonl"),
        format!("{}\n", serde_json::to_string(&record).unwrap()),
    )
    .unwrap();
    let source = source.file_name().unwrap().to_str().unwrap().to_string();

    let csv = data.join("out.csv");
    let o = tebiki(
        data,
        &["export", "-o", csv.to_str().unwrap(), "--lang", "en"],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("same id and time"), "{err}");
    let places = [format!("{source}:{line}"), "dupk.jsonl:1".to_string()];
    assert!(places.iter().all(|p| err.contains(p.as_str())), "{err}");
    let rows = fs::read_to_string(&csv).unwrap();
    let id = record["id"].as_str().unwrap();
    assert_eq!(rows.matches(id).count(), 1, "one of the two is used");
    assert!(rows.contains("INCOMPLETE EXPORT"), "{rows}");

    let o = tebiki(data, &["report", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["ledger"]["complete"], false, "{report}");
    assert!(
        report["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["problem"] == "conflicting_id"),
        "{report}"
    );

    let o = tebiki(data, &["status", &who, "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("same id and time"), "{err}");

    let o = tebiki(data, &["verify", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
}

/// Something in the ledger folder named like a ledger file that is not a regular file (a
/// link to a file elsewhere, a folder): readers never read through it and say their answer is
/// incomplete, as verify calls it a finding.
#[test]
fn readers_do_not_read_through_a_link_in_the_ledger_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let o = tebiki(
        &data,
        &["demo", "--employees", "20", "--seed", "3", "--lang", "en"],
    );
    assert!(o.status.success(), "{}", text(&o).1);
    let ledger = data.join("ledger");
    // A whole kiosk's file, kept outside the data folder and linked in under another name.
    let outside = dir.path().join("elsewhere.jsonl");
    let first = fs::read_dir(&ledger)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .unwrap();
    fs::copy(&first, &outside).unwrap();
    std::os::unix::fs::symlink(&outside, ledger.join("ext.jsonl")).unwrap();
    fs::create_dir(ledger.join("dir.jsonl")).unwrap();

    let csv = dir.path().join("out.csv");
    let o = tebiki(
        &data,
        &["export", "-o", csv.to_str().unwrap(), "--lang", "en"],
    );
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ext.jsonl: not a regular ledger file (symlink)"),
        "{err}"
    );
    assert!(
        err.contains("dir.jsonl: not a regular ledger file (directory)"),
        "{err}"
    );
    let rows = fs::read_to_string(&csv).unwrap();
    assert!(rows.contains("(dir.jsonl, ext.jsonl)"), "{rows}");
    // Read through, the linked copy's records would have been met twice (duplicates).
    let o = tebiki(&data, &["export", "--format", "json", "--lang", "en"]);
    let doc: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(doc["duplicates"], 0, "nothing read through the link");
    assert_eq!(doc["complete"], false);

    let o = tebiki(&data, &["report", "--format", "json", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["ledger"]["complete"], false, "{report}");
    let odd: Vec<&Value> = report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["problem"] == "not_a_ledger_file")
        .collect();
    assert_eq!(odd.len(), 2, "{report}");
    // About no line: its line is null, not 0.
    assert!(odd.iter().all(|s| s["line"].is_null()), "{report}");
    assert_eq!(report["ledger"]["not_ledger_files"], 2, "{report}");
    assert_eq!(
        report["ledger"]["skipped_lines"], 0,
        "counted as entries, not lines"
    );

    let o = tebiki(&data, &["status", "E000001", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));
    assert!(text(&o).0.starts_with("INCOMPLETE"), "{}", text(&o).0);
}

/// After a seal, a record added in a file of its own, dated before the seal (its decision made
/// up for a real person): readers that load the latest trusted seal do not use it and say so,
/// as verify calls it backdated; export and report exit 1, status warns and shows the person
/// as before it (through the person index as through a full read).
#[test]
fn readers_do_not_use_a_record_added_after_the_seal_and_dated_before_it() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let state = || {
        let o = tebiki(s.data.path(), &["status", "E000005", "--format", "json"]);
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        (
            o.status.code(),
            v["consent"].clone(),
            v["history"].as_array().unwrap().len(),
        )
    };
    // Sealing set up, no seal yet: the person is answered, and told to be unchecked.
    let before = state();
    assert_eq!(before.0, Some(1), "no seal yet: {before:?}");
    s.seal();
    let after = state();
    assert_eq!(
        (after.0, &after.1, after.2),
        (Some(0), &before.1, before.2),
        "sealing changes nothing but the warning"
    );
    let mut w =
        ledger::Writer::open(&s.ledger(), "zz-new", std::time::Duration::from_secs(5)).unwrap();
    let Value::Object(body) = serde_json::json!({
        "employee": {"id": "E000005"}, "decision": "refused",
        "policy": {"id": "line-works-own-phone", "version": "2026-11-23"},
    }) else {
        unreachable!()
    };
    w.append("consent", body).unwrap();
    drop(w);
    let path = s.ledger().join("zz-new.jsonl");
    let line = fs::read_to_string(&path).unwrap();
    let v: Value = serde_json::from_str(line.trim()).unwrap();
    let forged_id = v["id"].as_str().unwrap().to_owned();
    fs::write(
        &path,
        line.replace(v["at"].as_str().unwrap(), "2025-01-02T03:04:05.000Z"),
    )
    .unwrap();
    // verify calls it backdated.
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("backdated"), "{out}");

    let o = tebiki(s.data.path(), &["export", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1));
    let (csv, err) = text(&o);
    assert!(!csv.contains(&forged_id), "not used");
    assert!(
        err.contains("zz-new.jsonl:1 was added after the latest seal"),
        "{err}"
    );
    assert!(
        err.contains("1 record(s) added after the latest seal"),
        "{err}"
    );
    let o = tebiki(s.data.path(), &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["complete"], false, "{r}");
    assert_eq!(r["ledger"]["backdated"], 1, "{r}");
    assert!(
        r["skipped"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["problem"] == "backdated" && k["file"] == "zz-new.jsonl"),
        "{r}"
    );
    // Dated back through `occurred_at` (readers order by it), `at` being now: the same.
    let mut w =
        ledger::Writer::open(&s.ledger(), "zz-occ", std::time::Duration::from_secs(5)).unwrap();
    let Value::Object(body) = serde_json::json!({
        "employee": {"id": "E000005"}, "decision": "refused",
        "policy": {"id": "line-works-own-phone", "version": "2026-11-23"},
        "occurred_at": "2026-10-01T00:00:00Z",
    }) else {
        unreachable!()
    };
    w.append("consent", body).unwrap();
    drop(w);
    let o = tebiki(s.data.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["backdated"], 2, "{r}");
    // The person as before both, with a warning, twice (the second time through the index).
    for _ in 0..2 {
        let (code, consent, history) = state();
        assert_eq!(
            (consent, history),
            (before.1.clone(), before.2),
            "the forged refusal is not used"
        );
        assert_eq!(code, Some(1));
        let o = tebiki(s.data.path(), &["status", "E000005", "--lang", "ja"]);
        assert!(text(&o).1.contains("さかのぼって"), "{:?}", text(&o));
    }
}

/// Readers take the latest trusted seal by its own time: an older one copied under a later
/// name (its signature still good) does not make a record backdated against the real latest
/// one usable.
#[test]
fn an_older_seal_copied_under_a_later_name_is_not_taken_for_the_latest() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let key = ledger::seal::read_key(&s.key()).unwrap();
    let now = jiff::Timestamp::now();
    let hours = |h: i64| {
        now.checked_sub(jiff::SignedDuration::from_hours(h))
            .unwrap()
    };
    let older = ledger::seal::seal(s.data.path(), &key, hours(2), &[])
        .unwrap()
        .path;
    ledger::seal::seal(s.data.path(), &key, hours(1), &[]).unwrap();
    // Said to have happened between the two seals, written now.
    let mut w =
        ledger::Writer::open(&s.ledger(), "zz-mid", std::time::Duration::from_secs(5)).unwrap();
    let between = now
        .checked_sub(jiff::SignedDuration::from_mins(90))
        .unwrap()
        .to_string();
    let Value::Object(body) = serde_json::json!({
        "employee": {"id": "E000005"}, "decision": "refused", "occurred_at": between,
    }) else {
        unreachable!()
    };
    w.append("consent", body).unwrap();
    drop(w);
    let backdated = || {
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        r["ledger"]["backdated"].clone()
    };
    assert_eq!(backdated(), 1);
    let later = older.with_file_name("20991231T000000Z.json");
    fs::copy(&older, &later).unwrap();
    fs::copy(
        older.with_extension("json.sig"),
        later.with_extension("json.sig"),
    )
    .unwrap();
    assert_eq!(backdated(), 1, "the copy is not the latest seal");
}

/// With sealing set up (trusted keys in `$DATA/seal-signers`), a newest seal whose signature
/// is gone, or no seal at all, is what hiding a rewrite looks like: report, export, status and
/// the dashboard say so and are incomplete (exit 1), as verify is damaged, even when the
/// ledger was rewritten with its chain computed again. An older trusted seal is still checked.
#[test]
fn readers_tell_when_the_newest_seal_is_unsigned_or_gone() {
    type Tamper = fn(&Sealed, &Path);
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let cases: Vec<(&str, Tamper, &str)> = vec![
        (
            "the newest seal's signature deleted",
            |_, newest| fs::remove_file(newest.with_extension("json.sig")).unwrap(),
            "is not vouched for by the trusted seal keys",
        ),
        (
            "every seal deleted",
            |s, _| fs::remove_dir_all(s.data.path().join("seals")).unwrap(),
            "no seal was found in",
        ),
        (
            "every seal deleted, a decision turned and the chain computed again",
            |s, _| {
                fs::remove_dir_all(s.data.path().join("seals")).unwrap();
                turn_and_rechain(&s.file(), "given", "refused");
            },
            "no seal was found in",
        ),
        (
            "the trusted keys deleted",
            |s, _| fs::remove_file(s.data.path().join("seal-signers")).unwrap(),
            "no trusted seal key is set up",
        ),
        (
            "the trusted keys and every signature deleted",
            |s, _| {
                fs::remove_file(s.data.path().join("seal-signers")).unwrap();
                for entry in fs::read_dir(s.data.path().join("seals")).unwrap() {
                    let path = entry.unwrap().path();
                    if path.extension().is_some_and(|e| e == "sig") {
                        fs::remove_file(path).unwrap();
                    }
                }
            },
            "no trusted seal key is set up",
        ),
        (
            "the trusted keys emptied, a decision turned and the chain computed again",
            |s, _| {
                fs::write(s.data.path().join("seal-signers"), "# none\n").unwrap();
                turn_and_rechain(&s.file(), "given", "refused");
            },
            "no trusted seal key is set up",
        ),
    ];
    for (what, tamper, said) in cases {
        // Seals, and no trusted key to check them with: told apart from an untrusted seal.
        let unchecked = said == "no trusted seal key is set up";
        let (kind, left, trailer, banner) = if unchecked {
            (
                "seal_no_signers",
                "no seal was checked",
                "check against the seals",
                "(seal-signers)",
            )
        } else {
            (
                "seal_not_trusted",
                "newest seal could not be checked",
                "check against the newest seal",
                "The newest seal",
            )
        };
        let s = Sealed::new();
        s.seal();
        // A second seal, a second later: the first is still trusted when the newest is not.
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let newest = s.seal();
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(r["ledger"]["complete"], true, "{what}: before: {r}");
        tamper(&s, &newest);

        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(r["ledger"]["complete"], false, "{what}: {r}");
        assert_eq!(r["ledger"][kind], 1, "{what}: {r}");
        assert!(
            r["skipped"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["problem"] == kind),
            "{what}: {r}"
        );
        let out = s.data.path().join("out.csv");
        let o = tebiki(
            s.data.path(),
            &["export", "--lang", "en", "-o", out.to_str().unwrap()],
        );
        assert_eq!(o.status.code(), Some(1), "{what}");
        let err = text(&o).1;
        assert!(err.contains(said), "{what}: {err}");
        assert!(err.contains(left), "{what}: {err}");
        let csv = fs::read_to_string(&out).unwrap();
        assert!(
            csv.contains("INCOMPLETE EXPORT") && csv.contains(trailer),
            "{what}: {}",
            csv.lines().last().unwrap_or_default()
        );
        for (lang, words, head) in [
            ("en", said, "INCOMPLETE: the seals could not be checked"),
            ("ja", "封印", "不完全：封印を確かめられない"),
        ] {
            let o = tebiki(s.data.path(), &["status", "E000001", "--lang", lang]);
            assert_eq!(o.status.code(), Some(1), "{what} {lang}");
            assert!(text(&o).1.contains(words), "{what} {lang}: {:?}", text(&o));
            // The answer's own first line says what is in doubt: the seals, not lines.
            assert!(
                text(&o).0.starts_with(head),
                "{what} {lang}: {}",
                text(&o).0
            );
        }
        let screen = dashboard_screen(&dashboard(s.data.path()));
        assert!(
            screen.contains(banner) && screen.contains("trusted"),
            "{what}: {screen}"
        );
    }
}

/// A seal vouches only for what extends the seal before it: made after a file was rewritten
/// (its chain computed again) or removed, as the hourly timer would, it repeats the earlier
/// entry for that file, says so, and every reader goes on telling the mismatch, rather than
/// the rewrite being vouched for by the next seal.
#[test]
fn a_seal_made_after_a_rewrite_does_not_vouch_for_it() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    s.seal();
    let file = s.file();
    let id = turn_and_rechain(&file, "refused", "given");
    let report = |what: &str| {
        let o = tebiki(s.data.path(), &["report", "--format", "json"]);
        assert_eq!(o.status.code(), Some(1), "{what}");
        let r: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(r["ledger"]["complete"], false, "{what}: {r}");
        assert_eq!(r["ledger"]["seal_mismatches"], 1, "{what}: {r}");
    };
    report("before the next seal");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let seal = |what: &str| {
        let o = tebiki(
            s.data.path(),
            &["seal", "--key", s.key().to_str().unwrap(), "--lang", "en"],
        );
        let err = text(&o).1;
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(err.contains("repeats that seal's entry"), "{what}: {err}");
    };
    seal("the rewrite");
    report("after the next seal");
    let o = tebiki(s.data.path(), &["status", &id, "--lang", "en"]);
    assert_eq!(o.status.code(), Some(1), "{:?}", text(&o));
    let newest = ledger::seal::seal_files(&s.data.path().join("seals"))
        .unwrap()
        .pop()
        .unwrap();
    let sealed: Value = serde_json::from_slice(&fs::read(&newest).unwrap()).unwrap();
    let name = file.file_name().unwrap().to_str().unwrap();
    let entry = sealed["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap();
    assert_ne!(entry["file_sha256"], sha256_hex(&fs::read(&file).unwrap()));
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    // A receipt made from the rewritten line names a line the ledger holds, in a file that no
    // longer holds what was sealed: not vouched for.
    let line = fs::read_to_string(&file)
        .unwrap()
        .lines()
        .find(|l| l.contains(&format!("\"id\":\"{id}\"")) && l.contains("\"consent\""))
        .unwrap()
        .to_owned();
    let v: Value = serde_json::from_str(&line).unwrap();
    let receipt = format!(
        "tebiki-receipt:1:{}:{}:{}:{}",
        v["kiosk"].as_str().unwrap(),
        v["seq"],
        sha256_hex(line.as_bytes()),
        v["receipt"].as_str().unwrap_or("")
    );
    let o = tebiki(
        s.data.path(),
        &["verify", "--receipt", &receipt, "--lang", "en"],
    );
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(
        out.contains("what the seals say of the ledger does not hold"),
        "{out}"
    );
    assert!(err.contains("no longer holds"), "{err}");
    // By its code and fingerprint, as a person reads them out: not "unchanged" either.
    if let Some(code) = v["receipt"].as_str() {
        let sha = sha256_hex(line.as_bytes());
        for (lang, says) in [
            ("en", "cannot be said to be unchanged"),
            ("ja", "変わっていないとは言えません"),
        ] {
            let o = tebiki(
                s.data.path(),
                &[
                    "verify",
                    "--receipt",
                    &format!("{code} {}", &sha[..16]),
                    "--lang",
                    lang,
                ],
            );
            let (out, err) = text(&o);
            assert_eq!(o.status.code(), Some(1), "{out}{err}");
            assert!(out.contains(says), "{lang}: {out}");
            assert!(
                !out.contains("unchanged:") && !out.contains("変わらずに"),
                "{out}"
            );
        }
    }
    // The other files, untouched, are sealed as they are now; a file removed keeps its entry.
    let other = ledger::ledger_files(&s.ledger()).unwrap().remove(1);
    let other_name = other.file_name().unwrap().to_str().unwrap().to_owned();
    let other_entry = sealed["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == other_name.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        other_entry["file_sha256"],
        sha256_hex(&fs::read(&other).unwrap())
    );
    fs::remove_file(&other).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    seal("a file removed");
    let newest = ledger::seal::seal_files(&s.data.path().join("seals"))
        .unwrap()
        .pop()
        .unwrap();
    let sealed: Value = serde_json::from_slice(&fs::read(&newest).unwrap()).unwrap();
    assert!(
        sealed["files"].as_array().unwrap().contains(&other_entry),
        "{sealed}"
    );
    let o = tebiki(s.data.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["seal_mismatches"], 2, "{r}");
}

/// A demo of 40 people in `data`: its first ledger file and what it holds.
fn small_demo(data: &Path) -> (PathBuf, String) {
    let o = tebiki(data, &["demo", "--employees", "40", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let file = ledger::ledger_files(&data.join("ledger"))
        .unwrap()
        .remove(0);
    let body = fs::read_to_string(&file).unwrap();
    (file, body)
}

/// The receipt's QR line for the ledger line `line` (its code empty when it has none).
fn receipt_line(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    format!(
        "tebiki-receipt:1:{}:{}:{}:{}",
        v["kiosk"].as_str().unwrap(),
        v["seq"],
        sha256_hex(line.as_bytes()),
        v["receipt"].as_str().unwrap_or("")
    )
}

/// A receipt's line that the ledger still holds, but after a break in its file's chain, is
/// not vouched for: the readers do not use it.
#[test]
fn a_receipt_line_after_a_break_is_not_vouched_for() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (file, body) = small_demo(data);
    let lines: Vec<&str> = body.lines().collect();
    let (n, line) = lines
        .iter()
        .enumerate()
        .skip(3)
        .find(|(_, l)| l.contains("\"receipt\":\""))
        .expect("a record with a receipt code");
    let receipt = receipt_line(line);
    let check = || tebiki(data, &["verify", "--receipt", &receipt, "--lang", "en"]);
    assert_eq!(check().status.code(), Some(0), "{:?}", text(&check()));
    // The second line changed: the chain breaks at the third, and everything from the second
    // on is withheld.
    let changed = lines[1].replacen("\"at\":\"", "\"at\":\" ", 1);
    assert_ne!(changed, lines[1]);
    fs::write(&file, body.replacen(lines[1], &changed, 1)).unwrap();
    let o = check();
    let (out, err) = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{err}");
    assert!(
        out.contains(&format!(
            ":{}, but its file's hash chain breaks at line 3",
            n + 1
        )),
        "{out}"
    );
}

/// A receipt for the file's last record, whose end of line is gone (a crash just as it was
/// written, or the byte cut off): the line is said to be there but not ended, and not used
/// yet, rather than missing; once the next writer ends it, the receipt holds again.
#[test]
fn a_receipt_for_a_last_line_without_its_end_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let (file, body) = small_demo(data);
    let last = body.lines().last().unwrap().to_string();
    let v: Value = serde_json::from_str(&last).unwrap();
    let receipt = receipt_line(&last);
    let lines = body.lines().count();
    let check = |lang: &str| tebiki(data, &["verify", "--receipt", &receipt, "--lang", lang]);
    assert_eq!(
        check("en").status.code(),
        Some(0),
        "{:?}",
        text(&check("en"))
    );
    fs::write(&file, &body[..body.len() - 1]).unwrap();
    for (lang, said) in [
        ("en", "its line has no end"),
        ("ja", "行が終わっていません"),
    ] {
        let o = check(lang);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(out.contains(said), "{lang}: {out}");
        assert!(out.contains(&format!(":{lines}")), "{lang}: {out}");
        // Not the advice for a changed record: nothing was changed.
        assert!(
            !out.contains("computed again") && !out.contains("計算し直"),
            "{lang}: {out}"
        );
    }
    // Cut one byte more: the line is no longer the receipt's.
    fs::write(&file, &body[..body.len() - 2]).unwrap();
    let (out, _) = text(&check("en"));
    assert!(out.contains("is not there"), "{out}");
    // The next writer ends the whole line: the receipt holds again.
    fs::write(&file, &body[..body.len() - 1]).unwrap();
    let kiosk = v["kiosk"].as_str().unwrap();
    let mut w = ledger::Writer::open(
        &data.join("ledger"),
        kiosk,
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let serde_json::Value::Object(more) = serde_json::json!({
        "employee": {"id": "E000001"},
        "note": "after"
    }) else {
        unreachable!()
    };
    w.append("followup", more).unwrap();
    drop(w);
    assert_eq!(
        check("en").status.code(),
        Some(0),
        "{:?}",
        text(&check("en"))
    );
}

/// A line duplicated inside what was sealed moves every record after it: in a file that no
/// longer begins with what was sealed, no record is called backdated by where it now lies
/// (verify and the readers), the change itself being told.
#[test]
fn records_moved_by_a_change_in_a_sealed_file_are_not_called_backdated() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    // Sealed later than its records were written (by more than the minute of grace), as an
    // hourly seal is.
    let key = ledger::seal::read_key(&s.key()).unwrap();
    let later = jiff::Timestamp::now() + jiff::SignedDuration::from_mins(10);
    ledger::seal::seal(s.data.path(), &key, later, &[]).unwrap();
    let file = s.file();
    let body = fs::read_to_string(&file).unwrap();
    let third = body.lines().nth(2).unwrap();
    fs::write(&file, body.replacen(third, &format!("{third}\n{third}"), 1)).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("no longer begins with"), "{out}");
    assert!(!out.contains("backdated"), "{out}");
    let o = tebiki(s.data.path(), &["report", "--format", "json"]);
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["backdated"], 0, "{r}");
    assert_eq!(r["ledger"]["seal_mismatches"], 1, "{r}");
}

/// The first seal before the key is trusted is the normal set-up (exit 0); a seal made when
/// the ledger was sealed before and no trusted key is set up any more fails, so that the timer
/// shows that no reader checks the seals.
#[test]
fn sealing_without_trusted_keys_after_a_seal_fails() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    fs::remove_file(s.data.path().join("seal-signers")).unwrap();
    let seal = |lang: &str| {
        tebiki(
            s.data.path(),
            &["seal", "--key", s.key().to_str().unwrap(), "--lang", lang],
        )
    };
    let o = seal("en");
    assert_eq!(o.status.code(), Some(0), "{:?}", text(&o));
    for (lang, said) in [
        ("en", "no reader checks the seals"),
        ("ja", "封印を確かめません"),
    ] {
        std::thread::sleep(std::time::Duration::from_millis(1100));
        let o = seal(lang);
        let (out, err) = text(&o);
        assert_eq!(o.status.code(), Some(1), "{out}{err}");
        assert!(err.contains(said), "{lang}: {err}");
        assert!(
            out.contains("namespaces="),
            "{lang}: the line to put back: {out}"
        );
    }
}

/// The first decision `from` of the ledger file turned to `to`, and every line's `prev`
/// computed again, as an insider hiding the change would: the id of the person whose decision
/// it was.
fn turn_and_rechain(file: &Path, from: &str, to: &str) -> String {
    let body = fs::read_to_string(file).unwrap();
    let mut prev = "0".repeat(64);
    let mut out = String::new();
    let mut turned = None;
    for line in body.lines() {
        let mut v: Value = serde_json::from_str(line).unwrap();
        if turned.is_none() && v["decision"] == from {
            v["decision"] = to.into();
            turned = v["employee"]["id"].as_str().map(str::to_owned);
        }
        v["prev"] = prev.clone().into();
        let text = serde_json::to_string(&v).unwrap();
        prev = sha256_hex(text.as_bytes());
        out.push_str(&text);
        out.push('\n');
    }
    fs::write(file, out).unwrap();
    turned.expect("a decision to turn")
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}

/// Without trusted keys (`seal-signers` deleted, say) a seal's signature cannot be checked,
/// and that is a finding; the files are still compared with what the seal says, so a file
/// rewritten with its chain computed again is named too (marked as resting on an unchecked
/// seal), and each file's line says how far the seal covers it rather than "not sealed yet".
#[test]
fn without_trusted_keys_verify_still_names_a_rewrite_the_seal_shows() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    s.seal();
    fs::remove_file(s.data.path().join("seal-signers")).unwrap();
    let file = s.file();
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    // Intact: only the missing keys are a finding, and every file is sealed (unchecked).
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("no trusted seal keys"), "{out}");
    assert!(!out.contains("no longer begins"), "{out}");
    assert!(!out.contains("not sealed yet"), "{out}");
    assert!(
        out.contains("the seal’s signature was not checked"),
        "{out}"
    );

    turn_and_rechain(&file, "given", "refused");
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains(&format!("{name}: the file no longer begins with the"))
            && out.contains("a seal whose signature could not be checked"),
        "{out}"
    );
    let o = tebiki(s.data.path(), &["verify", "--lang", "ja"]);
    let (ja, _) = text(&o);
    assert!(
        ja.contains("封印そのものが偽物でない限り") && ja.contains(&name),
        "{ja}"
    );
    let o = tebiki(s.data.path(), &["verify", "--format", "json"]);
    let v: Value = serde_json::from_str(&text(&o).0).unwrap();
    let changed: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "sealed_file_changed")
        .collect();
    assert_eq!(changed.len(), 1, "{v}");
    assert_eq!(changed[0]["file"], name.as_str());
    assert_eq!(changed[0]["unchecked"], true);
    assert_eq!(v["files"][0]["sealed"]["unchecked"], true, "{v}");

    // The file gone: named as gone, on the same unchecked seal.
    fs::remove_file(&file).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("a seal whose signature could not be checked (no trusted keys, or no signature beside it), but is gone"),
        "{out}"
    );
}

/// A mistyped line in `$DATA/seal-signers` is not read as no key: report, export, status and
/// the dashboard name it as `seal-signers:N` and are incomplete (exit 1), since a key meant to
/// be trusted may be missing; the other lines' keys still check the seals. verify refuses the
/// file with its place and says to fix that line (not to give another file).
#[test]
fn readers_name_a_mistyped_line_of_the_trusted_seal_keys() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    s.seal();
    let signers = s.data.path().join("seal-signers");
    let good = fs::read_to_string(&signers).unwrap();
    fs::write(
        &signers,
        format!("# auditors\nhr ssh-ed25519 AAAAnot-a-key\n{good}"),
    )
    .unwrap();
    let o = tebiki(s.data.path(), &["report", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let r: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["ledger"]["complete"], false, "{r}");
    assert_eq!(r["ledger"]["bad_signers_lines"], 1, "{r}");
    // The seal is still checked with the key of the good line.
    assert_eq!(r["ledger"]["seal_not_trusted"], 0, "{r}");
    let skipped = r["skipped"].as_array().unwrap();
    assert!(
        skipped.iter().any(|k| k["problem"] == "bad_signers_line"
            && k["line"] == 2
            && k["file"] == "seal-signers"),
        "{r}"
    );
    let out = s.data.path().join("out.csv");
    let o = tebiki(
        s.data.path(),
        &["export", "--lang", "en", "-o", out.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o).1;
    let place = format!("{}:2", signers.display());
    assert!(
        err.contains(&format!("{place} is not an allowed_signers line")),
        "{err}"
    );
    let csv = fs::read_to_string(&out).unwrap();
    assert!(
        csv.contains("INCOMPLETE EXPORT") && csv.contains("seal-signers:2"),
        "{}",
        csv.lines().last().unwrap_or_default()
    );
    for (lang, words) in [
        ("en", "not an allowed_signers line"),
        ("ja", "使っていません"),
    ] {
        let o = tebiki(s.data.path(), &["status", "E000001", "--lang", lang]);
        assert_eq!(o.status.code(), Some(1), "{lang}");
        let (answer, err) = text(&o);
        assert!(err.contains(&place) && err.contains(words), "{lang}: {err}");
        assert!(
            answer.starts_with(if lang == "en" {
                "INCOMPLETE: the seals could not be checked"
            } else {
                "不完全：封印を確かめられない"
            }),
            "{lang}: {answer}"
        );
    }
    let screen = dashboard_screen(&dashboard(s.data.path()));
    assert!(
        screen.contains("(seal-signers:2)") && screen.contains("cannot be read"),
        "{screen}"
    );
    // verify refuses the file with its place, and says to fix that line.
    let o = tebiki(s.data.path(), &["verify", "--lang", "en"]);
    let (_, err) = text(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains(&place), "{err}");
    assert!(err.contains("Correct that line"), "{err}");
    assert!(!err.contains("leave out --signers"), "{err}");
}

/// With seals there and none trusted (the seal changed after signing, here), verify does not
/// call the files "not sealed yet": no seal that can be trusted covers them, the seal's finding
/// says why. With its signature deleted instead, the files are compared with it all the same,
/// as without trusted keys.
#[test]
fn verify_says_no_trusted_seal_covers_a_file_rather_than_not_sealed_yet() {
    if !ssh_keygen() {
        eprintln!("skipped: ssh-keygen is not installed");
        return;
    }
    let s = Sealed::new();
    let seal = s.seal();
    let (code, out) = s.verify();
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("sealed up to seq"), "{out}");
    let body = fs::read_to_string(&seal).unwrap();
    fs::write(&seal, format!("{body} ")).unwrap();
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("signature does not verify"), "{out}");
    assert!(
        out.contains("no seal that can be trusted covers it"),
        "{out}"
    );
    assert!(!out.contains("not sealed yet"), "{out}");
    let o = tebiki(s.data.path(), &["verify", "--lang", "ja"]);
    assert!(
        text(&o).0.contains("信頼できる封印はありません"),
        "{:?}",
        text(&o)
    );
    // Its signature deleted instead, and a file rewritten with its chain computed again: the
    // rewrite is named, on a seal whose signature was not checked.
    fs::write(&seal, body).unwrap();
    fs::remove_file(seal.with_extension("json.sig")).unwrap();
    turn_and_rechain(&s.file(), "given", "refused");
    let (code, out) = s.verify();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("no signature"), "{out}");
    assert!(
        out.contains("a seal whose signature could not be checked"),
        "{out}"
    );
}
