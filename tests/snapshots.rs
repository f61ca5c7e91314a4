//! Every screen of the employee flow at 80x24, in Japanese and English, as the person sees it.
//! Review changes with `cargo insta review` (or INSTA_UPDATE=always and read the diff).

mod common;

use common::Kiosk;
use tebiki::content::ScreenKind;

fn snap(k: &Kiosk, name: &str) {
    let lang = k.app.lang.to_string();
    insta::assert_snapshot!(format!("{lang}_{name}"), k.screen());
}

fn every_screen(lang: &str) {
    let mut k = Kiosk::new(lang);
    snap(&k, "01_welcome");
    k.keys("<F1>");
    snap(&k, "02_help");
    k.keys("<Esc><Enter>");
    let (id, name, dept) = if lang == "ja" {
        ("E1001", "山田 太郎", "営業部")
    } else {
        ("E1001", "Alex Smith", "Sales")
    };
    k.paste(id)
        .keys("<Enter>")
        .paste(name)
        .keys("<Enter>")
        .paste(dept);
    snap(&k, "03_identity");
    k.keys("<Enter>");
    let screens = k.app.content.manifest.screens.clone();
    for (i, s) in screens.iter().enumerate() {
        if s.kind != ScreenKind::Info {
            continue;
        }
        snap(&k, &format!("{:02}_{}", 10 + i, s.id));
        k.keys("<End><Right>");
    }
    snap(&k, "30_check");
    let q = k.app.content.manifest.questions[0].clone();
    let wrong = if q.answer == 1 { 2 } else { 1 };
    k.keys(&format!("{}<Enter>", "<Down>".repeat(wrong - 1)));
    snap(&k, "31_check_wrong");
    // Enter opens the explaining screen at its rule (highlighted, which text cannot show).
    k.keys("<Enter>");
    snap(&k, "32_check_rule");
    k.keys("<Enter>").pass_check();
    snap(&k, "40_choice");
    k.keys("<Down><Down><Space><Down><Down><Space>");
    snap(&k, "41_choice_not_now");
    k.keys("<Up><Up><Up><Space><Down><Down><Down><Space><Down><Space>");
    snap(&k, "42_choice_ticked");
    k.keys("<Enter>");
    snap(&k, "43_review");
    // The receipt with a fixed time and code, so the snapshot does not change from run to run.
    k.app.person.pending_code = Some("7KQ2-M9XP".into());
    let at: jiff::Timestamp = "2026-11-23T01:02:03.456Z".parse().unwrap();
    k.app.record_saved(
        tebiki::record::RecordType::Consent,
        "0192f0e0-0000-7000-8000-000000000000".into(),
        at,
    );
    k.app
        .record_witness("test-kiosk", 1, &"3f2a9c0177be0d41".repeat(4));
    snap(&k, "50_receipt");
    // The same receipt after "Not now": nothing to withdraw, so no word on how to.
    if let Some(saved) = k.app.person.saved.as_mut() {
        saved.decision = Some(tebiki::record::consent::Decision::Deferred);
    }
    k.keys("<Down><Down><Down><Down><Down><Down>");
    snap(&k, "51_receipt_not_now");
    // The record the receipt stands for, as the ledger holds it: a withdrawal needs it.
    let mut body = serde_json::Map::new();
    body.insert(
        "employee".into(),
        serde_json::json!({ "id": id, "name": name }),
    );
    body.insert("decision".into(), "given".into());
    body.insert(
        "policy".into(),
        serde_json::json!({ "id": "p", "version": k.app.content.manifest.policy_version }),
    );
    tebiki::ledger::Writer::open(
        &k.ledger_dir(),
        "test-kiosk",
        std::time::Duration::from_secs(5),
    )
    .unwrap()
    .append("consent", body)
    .unwrap();
    k.keys("<Enter>");
    k.choose_withdraw();
    k.paste(id)
        .keys("<Enter>")
        .paste(name)
        .keys("<Enter><Enter>");
    snap(&k, "60_withdraw");
    k.keys("<Enter>");
    if let Some(saved) = k.app.person.saved.as_mut() {
        saved.receipt_code = "7KQ2-M9XP".into();
        saved.at = at;
    }
    // The record's fingerprint depends on its time and id: a fixed one for the snapshot.
    k.app
        .record_witness("test-kiosk", 2, &"5e1d0c8b7a694f32".repeat(4));
    k.keys("<Down><Down><Down><Down><Down><Down>");
    snap(&k, "61_withdrawn_receipt");
    k.app.resize(30, 10);
    snap(&k, "70_too_small");
}

#[test]
fn every_screen_in_japanese() {
    every_screen("ja");
}

#[test]
fn every_screen_in_english() {
    every_screen("en");
}

#[test]
fn a_table_screen_on_a_large_terminal() {
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>").identify("E1", "山田", "");
    let target = k.app.content.screen_index("paid-plans").unwrap();
    while k.app.step != tebiki::app::Step::Screen(target) {
        k.keys("<End><Right>");
    }
    k.app.resize(160, 48);
    insta::assert_snapshot!("ja_large_paid_plans_160x48", k.screen());
}

#[test]
fn the_review_and_help_at_the_smallest_size_keep_their_keys_in_view() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E1", "Alex Smith", "")
        .read_all()
        .pass_check();
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>");
    k.app.resize(40, 12);
    let screen = k.screen();
    assert!(
        screen.contains("Enter: save") && screen.contains("change it"),
        "{screen}"
    );
    assert!(
        screen.contains("Esc Change"),
        "the hint bar keeps the way back: {screen}"
    );
    assert!(!screen.contains("More below"), "{screen}");
    insta::assert_snapshot!("en_small_review_40x12", screen);
    k.keys("<Down><Down><Down><Down>");
    insta::assert_snapshot!("en_small_review_40x12_scrolled", k.screen());
    k.keys("<Esc><F1>");
    insta::assert_snapshot!("en_small_help_40x12", k.screen());
}

/// "Is this you?" at the smallest size the kiosk supports, in both languages: the roster's
/// name stays on screen with the answers (it was scrolled away to show the highlighted one),
/// and the line below them is read by scrolling on.
#[test]
fn the_name_to_confirm_stays_on_screen_at_40x12() {
    for (lang, question, answer) in [
        ("ja", "山田 太郎さん", "はい、本人です"),
        ("en", "山田 太郎 (営業部)", "Yes, that is me"),
    ] {
        let mut k = Kiosk::new(lang).with_roster(common::roster_people(&[(
            "E1001",
            "山田 太郎",
            "営業部",
        )]));
        k.app.resize(40, 12);
        k.keys("<Enter>").paste("E1001").keys("<Enter>");
        assert_eq!(k.app.step, tebiki::app::Step::Confirm);
        let screen = k.screen();
        assert!(screen.contains(question), "{lang}: {screen}");
        assert!(screen.contains(answer), "{lang}: {screen}");
    }
}

/// The roster-checked steps: the id alone, "is this you?", what is on record, and nothing to
/// withdraw.
fn roster_screens(lang: &str) {
    let mut k = Kiosk::new(lang).with_roster(common::roster_people(&[
        ("E1001", "山田 太郎", "営業部"),
        ("E1002", "Alex Smith", ""),
    ]));
    k.keys("<Enter>").paste("ｅ１００１");
    snap(&k, "80_roster_identity");
    k.keys("<Enter>");
    snap(&k, "81_roster_confirm");
    k.keys("<Down><Enter>").paste("E9999").keys("<Enter>");
    snap(&k, "82_roster_not_listed");
    k.keys("<Esc>");
    k.choose_withdraw().identify_on_roster("E1002");
    snap(&k, "83_nothing_to_withdraw");
    k.keys("<Down><Enter>");
    k.agree_as("E1002").keys("<Enter>");
    k.keys("<Enter>").identify_on_roster("E1002");
    // The date is the day of the record: fixed for the snapshot.
    if let Some(p) = k.app.person.prior.as_mut() {
        p.decided_at = Some("2026-11-29T01:02:03Z".into());
    }
    snap(&k, "84_returning");
}

#[test]
fn roster_screens_in_japanese() {
    roster_screens("ja");
}

#[test]
fn roster_screens_in_english() {
    roster_screens("en");
}
