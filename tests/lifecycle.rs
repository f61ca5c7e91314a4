//! The consent lifecycle over weeks: one hesitant employee from "not now" to moving over and
//! withdrawing, with the trainer's and admin's events recorded through `tebiki record`; and a
//! new policy version turning every `given` into `expired`, after which the kiosk tells the
//! person what changed and asks again.

mod common;

use std::path::Path;

use common::{Kiosk, tebiki, text};
use serde_json::Value;
use tebiki::keys::Ctx;
use tebiki::source::Source;

/// `tebiki status ID --format json`, parsed.
fn status(data: &Path, id: &str, extra: &[&str]) -> Value {
    let mut args = vec!["--lang", "en"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["status", id, "--format", "json"]);
    let out = tebiki(data, &args);
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "status failed: {stderr}");
    serde_json::from_str(&stdout).expect("status prints JSON")
}

fn state(data: &Path, id: &str) -> (String, String) {
    let s = status(data, id, &[]);
    (
        s["consent"].as_str().unwrap_or_default().to_string(),
        s["stage"].as_str().unwrap_or_default().to_string(),
    )
}

/// `tebiki record ...` as a script runs it; the exit code and both outputs.
fn record(data: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["--lang", "en", "record"];
    all.extend_from_slice(args);
    let out = tebiki(data, &all);
    let (o, e) = text(&out);
    (out.status.code().unwrap_or(-1), o, e)
}

fn defer(k: &mut Kiosk, id: &str, name: &str) {
    k.keys("<Enter>")
        .identify(id, name, "Sales")
        .read_all()
        .pass_check();
    // "Not now", two reasons, review, save, and back to the welcome screen.
    k.keys("<Down><Down><Space><Down><Down><Space><Down><Space><Enter><Enter>");
    assert!(
        k.screen().contains("Your choice has been saved"),
        "{}",
        k.screen()
    );
    k.keys("<Enter>");
}

fn agree(k: &mut Kiosk, id: &str, name: &str) {
    k.keys("<Enter>").identify(id, name, "Sales");
    if k.app.renewal_open() {
        k.keys("<Enter>");
    }
    if k.app.step == tebiki::app::Step::Standing(tebiki::identify::OnRecord::Decided) {
        // Told what they chose before; "finish" comes first, "read again and decide" next.
        k.keys("<Down><Enter>");
    }
    k.read_all().pass_check();
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    assert!(
        k.screen().contains("Your choice has been saved"),
        "{}",
        k.screen()
    );
    k.keys("<Enter>");
}

#[test]
fn a_hesitant_employee_over_several_weeks() {
    let mut k = Kiosk::new("en");
    let data = k.dir.path().to_path_buf();
    let id = "E7001";

    // Week 1: not now, with reasons.
    defer(&mut k, id, "Kim Lee");
    assert_eq!(state(&data, id), ("deferred".into(), "hesitant".into()));

    // Week 2: attends a session; still hesitant, still "not now".
    let (code, out, err) = record(
        &data,
        &[
            "attendance",
            id,
            "--session",
            "2026-11-30-osaka",
            "--by",
            "Trainer Tanaka",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Saved: attendance of E7001 Kim Lee."), "{out}");
    assert_eq!(state(&data, id), ("deferred".into(), "hesitant".into()));

    // A follow-up talk, the next one due in a week.
    let (code, out, err) = record(
        &data,
        &[
            "followup",
            id,
            "--in",
            "7",
            "--note",
            "Worried about data costs",
            "--by",
            "Trainer Tanaka",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Now: not now, hesitant."), "{out}");
    let s = status(&data, id, &[]);
    assert_eq!(s["followup"]["note"], "Worried about data costs");

    // Week 3: wants to try LINE WORKS alongside email. Using it on their own phone - next to
    // email or fully - needs their consent first: refused with what to do, nothing written.
    let before = k.records().len();
    for stage in ["parallel", "migrated"] {
        let (code, _, err) = record(&data, &["stage", id, stage, "--by", "Admin Mori"]);
        assert_eq!(code, 2, "{stage}");
        assert!(err.contains("consent"), "{err}");
    }
    assert_eq!(k.records().len(), before, "a refused record is not written");

    // Week 4: agrees at the kiosk, then uses both channels; the follow-up is settled.
    agree(&mut k, id, "Kim Lee");
    let (code, _, err) = record(
        &data,
        &[
            "stage",
            id,
            "parallel",
            "--note",
            "Trying it next to email",
            "--by",
            "Trainer Tanaka",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(state(&data, id), ("given".into(), "parallel".into()));
    assert!(status(&data, id, &[])["followup"].is_null());

    // Week 6: moved over.
    let (code, out, err) = record(&data, &["stage", id, "migrated", "--by", "Admin Mori"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Now: consent given, moved over."), "{out}");

    // A withdrawal cannot have been asked for before the consent was given (today, give or
    // take a day), nor more than a year ago (a slip of the keyboard).
    let days_ago = jiff::Zoned::now()
        .date()
        .checked_sub(jiff::ToSpan::days(3))
        .unwrap()
        .to_string();
    for (day, says) in [
        (days_ago.as_str(), "before the consent"),
        (
            "2020-01-06",
            "2020-01-06 is more than a year ago (the earliest day taken is ",
        ),
    ] {
        let (code, _, err) = record(
            &data,
            &["withdrawal", id, "--requested", day, "--by", "Admin Mori"],
        );
        assert_eq!(code, 2);
        assert!(err.contains(says), "{err}");
        assert!(
            err.contains("where: --requested") || says == "before the consent",
            "{err}"
        );
    }
    // Later: asks the admin to withdraw; recorded with the day they asked (today).
    let today = jiff::Zoned::now().date().to_string();
    let (code, _, err) = record(
        &data,
        &["withdrawal", id, "--note", "By email", "--by", "Admin Mori"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(state(&data, id), ("withdrawn".into(), "opted_out".into()));

    // The history holds every step, newest first, with who recorded the trainer's and
    // admin's events.
    let s = status(&data, id, &[]);
    let types: Vec<&str> = s["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["type"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        types,
        [
            "withdrawal",
            "stage",
            "stage",
            "consent",
            "followup",
            "attendance",
            "consent",
        ]
    );
    let by: Vec<&str> = s["history"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h["recorded_by"].as_str())
        .collect();
    assert_eq!(
        by,
        [
            "Admin Mori",
            "Admin Mori",
            "Trainer Tanaka",
            "Trainer Tanaka",
            "Trainer Tanaka",
        ]
    );
    let withdrawal = k
        .records()
        .into_iter()
        .find(|r| r["type"] == "withdrawal")
        .expect("the withdrawal is in the ledger");
    assert_eq!(withdrawal["requested_on"], today.as_str());
    // status tells the day the person asked, in its JSON and below the withdrawal's line.
    assert_eq!(s["history"][0]["requested_on"], today.as_str());
    let out = tebiki(&data, &["--lang", "en", "status", id]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("asked for on {today}")), "{text}");
    assert_eq!(withdrawal["requested_by"], "employee");
    assert_eq!(withdrawal["recorded_by"]["name"], "Admin Mori");
    assert_eq!(withdrawal["how"]["method"], "admin");
    // Its standard receipt keeps the day it was asked for, and when it was recorded.
    let out = tebiki(&data, &["export", "--format", "receipts"]);
    let receipt: Value = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .find(|r| r["event_type"] == "withdrawal")
        .expect("a withdrawal receipt");
    assert_eq!(receipt["requested_on"], today.as_str(), "{receipt}");
    assert_eq!(receipt["recorded_at"], withdrawal["at"], "{receipt}");

    // The report counts the person where the fold put them.
    let out = tebiki(&data, &["--lang", "en", "report", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert_eq!(report["consent"]["withdrawn"], 1);
    assert_eq!(report["stage"]["opted_out"], 1);

    // Nothing more to withdraw now.
    let (code, _, err) = record(&data, &["withdrawal", id, "--by", "Admin Mori"]);
    assert_eq!(code, 2);
    assert!(err.contains("no consent to withdraw"), "{err}");
}

#[test]
fn bad_record_input_is_refused_with_what_where_and_what_to_do() {
    let mut k = Kiosk::new("en");
    let data = k.dir.path().to_path_buf();
    defer(&mut k, "E7002", "Ana Ruiz");
    let before = k.records().len();
    for (args, says) in [
        (
            vec!["followup", "E7002", "--due", "2026-02-30", "--by", "T"],
            "“2026-02-30” for --due is not a real date: 2026-02 has only 28 days",
        ),
        (
            vec!["followup", "E7002", "--due", "2026-12-O1", "--by", "T"],
            "is not a date",
        ),
        (
            vec!["followup", "E7002", "--due", "2001-01-01", "--by", "T"],
            "in the past",
        ),
        (
            vec!["followup", "E7002", "--due", "9999-12-31", "--by", "T"],
            "more than a year away",
        ),
        (
            vec!["followup", "E7002", "--in", "100000", "--by", "T"],
            "where: --in",
        ),
        (
            vec!["stage", "NOBODY", "hesitant", "--by", "T"],
            "no employee “NOBODY”",
        ),
        (
            vec!["champion", "E7002", "--supports", "E7002", "--by", "T"],
            "cannot support themselves",
        ),
        (
            vec!["attendance", "E7002", "--session", " ", "--by", "T"],
            "not a usable session name",
        ),
        (
            vec!["withdrawal", "E7002", "--by", "T"],
            "no consent to withdraw",
        ),
    ] {
        let (code, _, err) = record(&data, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(says), "{args:?}: {err}");
        // Each message also says what to do, on its own line.
        assert!(err.lines().count() >= 2, "{err}");
    }
    assert_eq!(k.records().len(), before, "nothing was written");
    // In Japanese too.
    let out = tebiki(
        &data,
        &[
            "--lang", "ja", "record", "stage", "NOBODY", "hesitant", "--by", "T",
        ],
    );
    let (_, err) = text(&out);
    assert!(err.contains("名簿にも記録にもありません"), "{err}");
}

#[test]
fn champions_pair_with_the_people_they_support() {
    let mut k = Kiosk::new("en");
    let data = k.dir.path().to_path_buf();
    defer(&mut k, "E7003", "Sam Ito");
    agree(&mut k, "E7004", "Mei Abe");
    let (code, _, err) = record(
        &data,
        &["champion", "E7004", "--supports", "E7003", "--by", "T"],
    );
    assert_eq!(code, 0, "{err}");
    let champ = status(&data, "E7004", &[]);
    assert_eq!(champ["champion"], true);
    assert_eq!(champ["supports"][0], "E7003");
    assert_eq!(status(&data, "E7003", &[])["supported_by"], "E7004");
    // Ending the pairing leaves the champion a champion, supporting nobody.
    let (code, _, _) = record(
        &data,
        &[
            "champion",
            "E7004",
            "--supports",
            "E7003",
            "--off",
            "--by",
            "T",
        ],
    );
    assert_eq!(code, 0);
    assert!(status(&data, "E7003", &[])["supported_by"].is_null());
    assert_eq!(status(&data, "E7004", &[])["champion"], true);
    // The report's fast reading of the same records agrees.
    let out = tebiki(&data, &["--lang", "en", "report", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert_eq!(report["champions"], 1);
    let (code, _, _) = record(&data, &["champion", "E7004", "--off", "--by", "T"]);
    assert_eq!(code, 0);
    assert_eq!(status(&data, "E7004", &[])["champion"], false);
    // Paired again, then the champion stops being one: the person they supported is no
    // longer said to be supported by them (that record names only the champion).
    let (code, _, _) = record(&data, &["champion", "E7004", "--by", "T"]);
    assert_eq!(code, 0);
    let (code, _, err) = record(
        &data,
        &["champion", "E7004", "--supports", "E7003", "--by", "T"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(status(&data, "E7003", &[])["supported_by"], "E7004");
    let (code, _, _) = record(&data, &["champion", "E7004", "--off", "--by", "T"]);
    assert_eq!(code, 0);
    assert!(
        status(&data, "E7003", &[])["supported_by"].is_null(),
        "{}",
        status(&data, "E7003", &[])
    );
    assert!(
        status(&data, "E7004", &[])["supports"]
            .as_array()
            .is_some_and(Vec::is_empty)
    );
}

/// A copy of the built-in content and locales with a newer policy version that changed the
/// costs screen.
fn content_v2(dir: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &dir.join("content"));
    copy_dir(&root.join("locales"), &dir.join("locales"));
    let manifest = dir.join("content/manifest.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text.replace(
        "policy_version = \"2026-11-23\"",
        "policy_version = \"2027-04-01\"",
    );
    assert!(text.contains("2027-04-01"));
    std::fs::write(
        &manifest,
        format!("{text}\n[[changes]]\nversion = \"2027-04-01\"\nscreens = [\"costs\"]\n"),
    )
    .unwrap();
    for (lang, summary) in [
        (
            "en",
            "The monthly allowance for using your own phone is now paid from April.",
        ),
        (
            "ja",
            "自分のスマートフォンを使う手当が、4 月から支給されるようになりました。",
        ),
    ] {
        let forms = dir.join(format!("content/{lang}/forms.toml"));
        let text = std::fs::read_to_string(&forms).unwrap();
        std::fs::write(
            &forms,
            format!("{text}\n[changes.\"2027-04-01\"]\nsummary = \"{summary}\"\n"),
        )
        .unwrap();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

#[test]
fn a_new_policy_version_expires_every_given_and_the_kiosk_asks_again() {
    let mut k = Kiosk::new("en");
    let data = k.dir.path().to_path_buf();
    agree(&mut k, "E8001", "Ken Oda");
    agree(&mut k, "E8002", "Yui Sato");
    defer(&mut k, "E8003", "Rin Goto");
    agree(&mut k, "E8004", "Mai Ito");
    agree(&mut k, "E8005", "Sho Mori");

    let v2 = tempfile::tempdir().unwrap();
    content_v2(v2.path());
    let v2_dir = v2.path().to_str().unwrap();
    let check = tebiki(&data, &["--content", v2_dir, "content", "check"]);
    assert!(check.status.success(), "{:?}", text(&check));

    // Under the new version every `given` is `expired`; other states stay.
    for id in ["E8001", "E8002"] {
        let s = status(&data, id, &["--content", v2_dir]);
        assert_eq!(s["consent"], "expired", "{id}");
        assert_eq!(s["policy_version"], "2026-11-23");
    }
    assert_eq!(
        status(&data, "E8003", &["--content", v2_dir])["consent"],
        "deferred"
    );
    let out = tebiki(&data, &["--content", v2_dir, "report", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("report JSON");
    assert_eq!(report["policy_version"], "2027-04-01");
    assert_eq!(report["consent"]["expired"], 4);
    assert_eq!(report["consent"]["given"], 0);
    // Under the old content nothing changed.
    assert_eq!(state(&data, "E8001").0, "given");

    // The kiosk with the new content: the person is told, and shown what changed.
    let mut k2 = Kiosk::with_source("en", &Source::Dir(v2.path().to_path_buf()));
    k2.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-2".into());
    k2.keys("<Enter>").identify("E8001", "Ken Oda", "Sales");
    assert!(k2.app.renewal_open());
    assert_eq!(k2.app.ctx(), Ctx::Renewal);
    let screen = k2.screen();
    assert!(
        screen.contains("Your earlier consent has expired"),
        "{screen}"
    );
    assert!(
        screen.contains("allowance for using your own phone"),
        "{screen}"
    );
    assert!(screen.contains("Screens that changed"), "{screen}");
    assert!(screen.contains("Read and decide"), "{screen}");
    // The day they agreed is today here: the snapshot keeps a stand-in of the same width.
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    insta::assert_snapshot!("renewal_en_80x24", screen.replace(&today, "YYYY-MM-DD"));
    // F2 shows it in Japanese, over the pop-up.
    k2.keys("<F2>");
    let screen = k2.screen();
    insta::assert_snapshot!("renewal_ja_80x24", screen.replace(&today, "YYYY-MM-DD"));
    assert!(screen.contains("期限切れ"), "{screen}");
    assert!(screen.contains("手当"), "{screen}");
    assert!(screen.contains("決めずに終わる"), "{screen}");
    // Esc leaves without deciding: nothing recorded, and the first screen says so.
    let before = common::read_records(&k.ledger_dir()).len();
    k2.keys("<Esc>");
    assert_eq!(k2.app.step, tebiki::app::Step::Welcome);
    assert!(
        k2.screen().contains("Nothing was recorded"),
        "{}",
        k2.screen()
    );
    assert_eq!(common::read_records(&k.ledger_dir()).len(), before);
    k2.keys("<Enter>").identify("E8001", "Ken Oda", "Sales");
    assert!(k2.app.renewal_open());
    k2.keys("<Enter>");
    assert_eq!(k2.app.ctx(), Ctx::Reading);
    k2.read_all().pass_check();
    k2.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    assert!(
        k2.screen().contains("Your choice has been saved"),
        "{}",
        k2.screen()
    );
    let mut mine: Vec<Value> = common::read_records(&k.ledger_dir())
        .into_iter()
        .filter(|r| r["employee"]["id"] == "E8001")
        .collect();
    mine.sort_by_key(|r| r["at"].as_str().unwrap_or_default().to_string());
    let renewed = mine.pop().unwrap();
    assert_eq!(renewed["policy"]["version"], "2027-04-01");
    assert_eq!(renewed["renews"]["policy_version"], "2026-11-23");
    let s = status(&data, "E8001", &["--content", v2_dir]);
    assert_eq!(s["consent"], "given");

    // Someone who chose "not now" has no consent to expire: not told anything of the kind,
    // but what they chose, before reading again.
    k2.keys("<Enter>");
    k2.keys("<Enter>").identify("E8003", "Rin Goto", "Sales");
    assert!(!k2.app.renewal_open());
    let screen = k2.screen();
    assert!(screen.contains("you chose “not now”"), "{screen}");
    assert!(!screen.contains("expired"), "{screen}");
    k2.keys("<Down><Enter>");
    assert_eq!(k2.app.ctx(), Ctx::Reading);

    // Someone still going by a consent to the older version withdraws it as easily as they
    // gave it: told which consent it is (in both languages), and it is recorded.
    let mut k3 = Kiosk::with_source("en", &Source::Dir(v2.path().to_path_buf()));
    k3.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-3".into());
    k3.choose_withdraw().identify("E8002", "Yui Sato", "Sales");
    assert_eq!(k3.app.step, tebiki::app::Step::Withdraw);
    let screen = k3.screen();
    assert!(screen.contains("earlier version"), "{screen}");
    assert!(screen.contains("2026-11-23"), "{screen}");
    k3.keys("<F2>");
    let screen = k3.screen();
    assert!(screen.contains("以前の版の説明"), "{screen}");
    assert!(screen.contains("2026-11-23"), "{screen}");
    k3.keys("<Enter>");
    let withdrawn: Vec<Value> = common::read_records(&k.ledger_dir())
        .into_iter()
        .filter(|r| r["employee"]["id"] == "E8002" && r["type"] == "withdrawal")
        .collect();
    assert_eq!(withdrawn.len(), 1, "{}", k3.screen());
    // The record and the receipt name the version of the consent withdrawn, not the new one.
    assert_eq!(withdrawn[0]["policy"]["version"], "2026-11-23");
    let screen = k3.screen();
    assert!(screen.contains("2026-11-23"), "{screen}");
    assert!(!screen.contains("2027-04-01"), "{screen}");
    let s = status(&data, "E8002", &["--content", v2_dir]);
    assert_eq!(s["consent"], "withdrawn");
    // Asked again: nothing left to withdraw, and nothing more is written.
    let mut k4 = Kiosk::with_source("en", &Source::Dir(v2.path().to_path_buf()));
    k4.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-4".into());
    k4.choose_withdraw().identify("E8002", "Yui Sato", "Sales");
    assert_eq!(
        k4.app.step,
        tebiki::app::Step::Standing(tebiki::identify::OnRecord::NothingToWithdraw)
    );
    // `tebiki record withdrawal` takes it too, naming the same version.
    let out = tebiki(
        &data,
        &[
            "--lang",
            "en",
            "--content",
            v2_dir,
            "record",
            "withdrawal",
            "E8004",
            "--by",
            "Mori",
        ],
    );
    assert!(out.status.success(), "{:?}", text(&out));
    // Said as the record holds it.
    let said = text(&out)
        .0
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        said.contains("given under policy version 2026-11-23 (the content here is 2027-04-01)"),
        "{said}"
    );
    let by_hand: Vec<Value> = common::read_records(&k.ledger_dir())
        .into_iter()
        .filter(|r| r["employee"]["id"] == "E8004" && r["type"] == "withdrawal")
        .collect();
    assert_eq!(by_hand.len(), 1);
    assert_eq!(by_hand[0]["policy"]["version"], "2026-11-23");
    assert_eq!(
        status(&data, "E8004", &["--content", v2_dir])["consent"],
        "withdrawn"
    );
    // "No" on deciding again ends the older consent as a withdrawal would, and says so.
    let mut k5 = Kiosk::with_source("en", &Source::Dir(v2.path().to_path_buf()));
    k5.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-5".into());
    k5.keys("<Enter>").identify("E8005", "Sho Mori", "Sales");
    assert!(k5.app.renewal_open());
    k5.keys("<Enter>");
    k5.read_all().pass_check();
    k5.keys("<Up><Space><Enter>");
    let screen = k5.screen();
    assert!(screen.contains("ends with this choice"), "{screen}");
    k5.keys("<Enter>");
    let mut text = k5.screen();
    for _ in 0..10 {
        k5.keys("<Down>");
        text.push_str(&k5.screen());
    }
    assert!(
        text.contains("Declined (contacted as before LINE WORKS)"),
        "{text}"
    );
    assert_eq!(
        status(&data, "E8005", &["--content", v2_dir])["consent"],
        "refused"
    );
}

/// A content folder with locales of its own that lack a message this version uses: `content
/// check` names it and where the built-in texts have it, rather than calling the locales
/// complete while screens would show the message's id.
#[test]
fn content_check_names_messages_a_folders_locales_lack() {
    let v2 = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &v2.path().join("content"));
    copy_dir(&root.join("locales"), &v2.path().join("locales"));
    let data = tempfile::tempdir().unwrap();
    let dir = v2.path().to_str().unwrap();
    let check = |lang: &str| {
        tebiki(
            data.path(),
            &["--lang", lang, "--content", dir, "content", "check"],
        )
    };
    let out = check("en");
    assert!(out.status.success(), "{:?}", text(&out));
    // Gone from both languages (an older copy of the locales).
    for lang in ["en", "ja"] {
        let file = v2.path().join(format!("locales/{lang}/record.ftl"));
        let kept: String = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with("record-now ="))
            .flat_map(|l| [l, "\n"])
            .collect();
        std::fs::write(&file, kept).unwrap();
    }
    let out = check("en");
    assert!(!out.status.success());
    let (stdout, stderr) = text(&out);
    let said = format!("{stdout}{stderr}");
    assert!(said.contains("“record-now” is missing in en"), "{said}");
    assert!(said.contains("“record-now” is missing in ja"), "{said}");
    assert!(said.contains("locales/en/record.ftl:"), "{said}");
    assert!(!said.contains("locales complete"), "{said}");
    let (stdout, stderr) = text(&check("ja"));
    assert!(
        format!("{stdout}{stderr}").contains("組み込みの"),
        "{stdout}{stderr}"
    );
    // Meanwhile the built-in text stands in, not the message's id.
    let (loc, _) = tebiki::i18n::Localizer::load(&Source::Dir(v2.path().to_path_buf()));
    for (lang, now) in [("en", "Now:"), ("ja", "現在：")] {
        let said = loc.t(&tebiki::i18n::Lang::new(lang), "record-now");
        assert!(said.starts_with(now), "{lang}: {said}");
    }
}

/// A new version without a summary of its changes: the person is told plainly that none was
/// given and whom to ask, not promised an explanation nobody wrote.
#[test]
fn a_new_version_without_a_summary_says_so() {
    let v2 = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &v2.path().join("content"));
    copy_dir(&root.join("locales"), &v2.path().join("locales"));
    let manifest = v2.path().join("content/manifest.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(
            "policy_version = \"2026-11-23\"",
            "policy_version = \"2027-04-01\"",
        ),
    )
    .unwrap();
    let mut k = Kiosk::new("en");
    agree(&mut k, "E8001", "Ken Oda");
    for (lang, words) in [
        ("en", "No summary of what changed was given here"),
        ("ja", "変わった点のまとめは、ここには用意されていません"),
    ] {
        let mut k2 = Kiosk::with_source(lang, &Source::Dir(v2.path().to_path_buf()));
        k2.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-2".into());
        k2.keys("<Enter>").identify("E8001", "Ken Oda", "Sales");
        assert!(k2.app.renewal_open(), "{}", k2.screen());
        let screen = k2.screen();
        assert!(screen.contains(words), "{lang}: {screen}");
        assert!(
            !screen.contains("explained on the screens that follow"),
            "{screen}"
        );
    }
}

/// A session's day alone (`--date`) lines up with the times of the other records, and is said
/// to have been recorded later only when it was: an attendance recorded on its own day says
/// nothing more.
#[test]
fn a_day_alone_lines_up_and_is_said_recorded_later_only_when_it_was() {
    let mut k = Kiosk::new("en");
    let data = k.dir.path().to_path_buf();
    let id = "E5001";
    defer(&mut k, id, "Kim Lee");
    let today = jiff::Zoned::now().date();
    let yesterday = today.yesterday().unwrap().to_string();
    let today = today.to_string();
    for (session, day) in [("briefing", &yesterday), ("setup", &today)] {
        let (code, _, err) = record(
            &data,
            &[
                "attendance",
                id,
                "--session",
                session,
                "--date",
                day,
                "--by",
                "T",
            ],
        );
        assert_eq!(code, 0, "{err}");
    }
    let o = tebiki(&data, &["--lang", "en", "status", id]);
    let (out, _) = text(&o);
    let lines: Vec<&str> = out.lines().collect();
    let attended: Vec<usize> = (0..lines.len())
        .filter(|&n| lines[n].contains("Attended"))
        .collect();
    let decision = lines.iter().find(|l| l.contains("Decision")).expect(&out);
    for &n in &attended {
        assert_eq!(
            lines[n].find("Attended"),
            decision.find("Decision"),
            "the kinds line up:\n{out}"
        );
    }
    let said_later = |n: usize| lines[n..].iter().take(2).any(|l| l.contains("recorded 2"));
    let on = |day: &str| {
        *attended
            .iter()
            .find(|&&n| lines[n].contains(day))
            .expect(&out)
    };
    assert!(said_later(on(&yesterday)), "{out}");
    assert!(!said_later(on(&today)), "{out}");
}
