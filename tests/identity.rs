//! Who is recorded is who was there: the one id rule, the roster-checked terminal (roster and
//! code modes), withdrawal only of a current consent, a returning person told where they
//! stand, and checks made under the ledger's lock by every writer.

mod common;

use std::path::Path;

use common::{AGREE, Kiosk, roster_people, tebiki, text};
use tebiki::app::Step;
use tebiki::identify::OnRecord;
use tebiki::record::codes::Codes;
use tebiki::record::identity::IdentityMode;

fn people() -> Vec<tebiki::record::Person> {
    roster_people(&[
        ("E0001", "山田 太郎", "営業部"),
        ("A1234", "髙橋 﨑子", "総務部"),
        ("E0003", "Max Mustermann", ""),
    ])
}

fn roster_kiosk(lang: &str) -> Kiosk {
    Kiosk::new(lang).with_roster(people())
}

#[test]
fn an_id_not_on_the_roster_never_reaches_the_first_screen() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        k.keys("<Enter>").paste("E9999").keys("<Enter>");
        assert_eq!(k.app.step, Step::Identity);
        let screen = k.screen();
        let expected = if lang == "ja" {
            "名簿にありません"
        } else {
            "not on the employee list"
        };
        assert!(screen.contains(expected), "{screen}");
        // Only the id is asked: no name or department to type through an input method.
        let label = if lang == "ja" { "氏名" } else { "Name" };
        assert!(!screen.lines().any(|l| l.trim() == label), "{screen}");
        k.keys("<Enter><Enter>");
        assert_eq!(k.app.step, Step::Identity);
        assert!(k.records().is_empty());
    }
}

#[test]
fn a_known_id_shows_the_roster_name_and_not_me_keeps_nothing() {
    let mut k = roster_kiosk("ja");
    k.keys("<Enter>").paste("e0001").keys("<Enter>");
    assert_eq!(k.app.step, Step::Confirm);
    let screen = k.screen();
    assert!(
        screen.contains("山田 太郎さん（営業部、社員番号 E0001）でよろしいですか？"),
        "{screen}"
    );
    // "No, that is not me": back to the id, with nothing of it kept.
    k.keys("<Down><Enter>");
    assert_eq!(k.app.step, Step::Identity);
    assert!(k.app.person.who.is_none());
    assert!(k.app.person.fields.iter().all(|f| f.value().is_empty()));
    assert!(k.records().is_empty());
    // Esc on the question is "not me" too.
    k.paste("E0001").keys("<Enter><Esc>");
    assert_eq!(k.app.step, Step::Identity);
    assert!(k.app.person.who.is_none());
}

#[test]
fn any_width_or_case_of_a_roster_id_is_recorded_in_the_roster_form() {
    for typed in ["e0001", "Ｅ０００１", "ｅ０００１", " E0001 "] {
        let mut k = roster_kiosk("en");
        k.agree_as(typed);
        let records = k.records();
        assert_eq!(records.len(), 1, "{typed}: {}", k.screen());
        let e = &records[0]["employee"];
        assert_eq!(e["id"], "E0001", "{typed}");
        assert_eq!(e["name"], "山田 太郎");
        assert_eq!(e["department"], "営業部");
        assert_eq!(e["verified"], "roster");
        if typed.trim() == "E0001" {
            assert!(e.get("id_as_entered").is_none(), "{e}");
        } else {
            assert_eq!(e["id_as_entered"], typed.trim(), "{typed}");
        }
        // The receipt shows the roster's name, not what was typed.
        assert!(k.screen().contains("山田 太郎"), "{}", k.screen());
    }
}

#[test]
fn open_mode_records_typed_names_as_unverified() {
    let mut k = Kiosk::new("en");
    assert_eq!(k.app.settings.identity, IdentityMode::Open);
    k.keys("<Enter>")
        .identify("x9", "Someone", "")
        .read_all()
        .pass_check();
    k.keys(&format!("{AGREE}<Enter><Enter>"));
    let r = &k.records()[0];
    assert_eq!(r["employee"]["verified"], false);
    assert_eq!(r["employee"]["name"], "Someone");
    assert_eq!(r["how"]["method"], "kiosk");
}

#[test]
fn invisible_characters_in_an_id_are_named_and_refused() {
    // Named by the id rule when the id field is left.
    for c in ['\u{AD}', '\u{34F}', '\u{206A}', '\u{FE0F}'] {
        let mut k = Kiosk::new("en");
        k.keys("<Enter>")
            .paste(&format!("E0{c}001"))
            .keys("<Enter>");
        assert_eq!(k.app.step, Step::Identity);
        assert_eq!(k.app.person.field, tebiki::app::FIELD_ID);
        let code = format!("U+{:04X}", c as u32);
        assert!(k.screen().contains(&code), "{code}: {}", k.screen());
    }
    // Zero-width and bidi characters never even get into the field: the person is told, and
    // what is recorded is the plain id.
    for c in [
        '\u{200B}',
        '\u{200F}',
        '\u{2060}',
        '\u{FEFF}',
        '\u{202E}',
        '\u{61C}',
        '\u{E0041}',
        '\u{E007F}',
    ] {
        let mut k = Kiosk::new("en");
        k.keys("<Enter>").paste(&format!("E0{c}001"));
        // Refused as the command line refuses it: nothing of it is entered.
        assert_eq!(k.app.person.fields[0].value(), "");
        assert!(k.screen().contains("control characters"), "{}", k.screen());
    }
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>").paste("E٠٠٠١").keys("<Enter>");
    assert!(k.screen().contains("0〜9 以外の数字"), "{}", k.screen());
}

#[test]
fn code_mode_asks_for_the_personal_code_and_a_wrong_one_never_passes() {
    let mut k = roster_kiosk("en");
    let path = k.dir.path().join("identity-codes.json");
    let mut codes = Codes::default();
    let code = codes.issue("E0001").unwrap();
    let other = codes.issue("A1234").unwrap();
    codes.save(&path).unwrap();
    k.app.settings.identity = IdentityMode::Code;
    k.recorder =
        tebiki::recorder::Recorder::new(k.ledger_dir(), "test-kiosk".into()).with_codes(path);
    k.keys("<Enter>").identify_on_roster("E0001");
    assert_eq!(k.app.step, Step::Code);
    // The roster's name and department are not shown before the code: typing ids at the
    // kiosk does not give them away.
    let screen = k.screen();
    assert!(screen.contains("E0001"), "{screen}");
    assert!(
        !screen.contains("山田") && !screen.contains("営業部"),
        "{screen}"
    );
    // Someone else's code, then a made-up one: the terminal does not go on.
    k.paste(&other).keys("<Enter>");
    assert_eq!(k.app.step, Step::Code);
    assert!(k.screen().contains("not right"), "{}", k.screen());
    // The code is not shown as typed.
    k.paste("ABCD");
    assert!(!k.screen().contains("ABCD"), "{}", k.screen());
    // A try before the wait is over is not even checked.
    k.keys("<Enter>");
    assert!(k.screen().contains("Please wait"), "{}", k.screen());
    // What was typed is kept for when the wait is over.
    assert_eq!(k.app.code.field.value(), "ABCD");
    k.keys(&"<BS>".repeat(4));
    k.app.code.wait_until = None;
    k.paste("ZZZZ-ZZZZ").keys("<Enter>");
    k.app.code.wait_until = None;
    k.paste("YYYY-YYYY").keys("<Enter>");
    // Three wrong codes: the terminal starts over.
    assert_eq!(k.app.step, Step::Welcome);
    assert!(k.app.person.who.is_none());
    assert!(k.records().is_empty());
    // The right code, typed in lower case with a space: on to the explanation.
    k.app.code.wait_until = None;
    k.keys("<Enter>").identify_on_roster("E0001");
    k.paste(&code.to_lowercase().replace('-', " "))
        .keys("<Enter>");
    // Then "is this you?" with the roster's name, and on.
    assert_eq!(k.app.step, Step::Confirm, "{}", k.screen());
    assert!(k.screen().contains("山田 太郎"), "{}", k.screen());
    k.keys("<Enter>");
    assert_eq!(k.app.step, Step::Screen(0), "{}", k.screen());
    k.read_all().pass_check();
    k.keys(&format!("{AGREE}<Enter><Enter>"));
    let r = &k.records()[0];
    assert_eq!(r["employee"]["verified"], "code");
}

#[test]
fn code_mode_tells_a_person_without_a_code_whom_to_ask_not_that_their_code_is_wrong() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        let path = k.dir.path().join("identity-codes.json");
        let mut codes = Codes::default();
        codes.issue("E0001").unwrap();
        codes.save(&path).unwrap();
        k.app.settings.identity = IdentityMode::Code;
        k.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "test-kiosk".into())
            .with_codes(path.clone());
        // The id is the only field: no field to move to is offered.
        k.keys("<Enter>");
        let hints = k.screen().lines().last().unwrap_or("").to_owned();
        assert!(
            !hints.contains("↑↓") && !hints.contains("Next field") && !hints.contains("次の欄"),
            "{hints}"
        );
        // E0003 is on the roster but was never given a code.
        k.identify_on_roster("E0003");
        assert_eq!(k.app.step, Step::Code);
        let hints = k.screen().lines().last().unwrap_or("").to_owned();
        assert!(!hints.contains("↑↓"), "{hints}");
        for _ in 0..4 {
            k.paste("ABCD-EFGH").keys("<Enter>");
            let screen = k.screen();
            let told = if lang == "ja" {
                "個人コードが発行されていない"
            } else {
                "No personal code has been issued for this ID"
            };
            assert!(screen.contains(told), "{screen}");
            assert!(!screen.contains("not right") && !screen.contains("違います"));
            // Not a wrong try: no wait, no start over.
            assert_eq!(k.app.step, Step::Code);
            assert!(k.app.code.wait_until.is_none());
        }
        // Codes that cannot be read: said so, nothing passes.
        std::fs::write(&path, "{ not json").unwrap();
        k.keys("<Esc>");
        k.identify_on_roster("E0001");
        k.paste("ABCD-EFGH").keys("<Enter>");
        assert_eq!(k.app.step, Step::Code);
        let screen = k.screen();
        let told = if lang == "ja" {
            "いま個人コードを確認できません"
        } else {
            "cannot be checked on this terminal"
        };
        assert!(screen.contains(told), "{screen}");
        assert!(k.records().is_empty());
    }
}

/// On the way to a withdrawal, the identity step says so in its title (and the header's).
#[test]
fn the_identity_step_says_when_it_is_on_the_way_to_a_withdrawal() {
    for (lang, decide, withdraw) in [
        ("en", "Who you are", "Withdrawing consent: who you are"),
        ("ja", "あなたについて", "同意の取り消し：あなたについて"),
    ] {
        let mut k = roster_kiosk(lang);
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Identity);
        let screen = k.screen();
        assert!(
            screen.contains(decide) && !screen.contains(withdraw),
            "{screen}"
        );
        let mut k = roster_kiosk(lang);
        k.choose_withdraw();
        assert_eq!(k.app.step, Step::Identity);
        let screen = k.screen();
        assert_eq!(screen.matches(withdraw).count(), 2, "{screen}");
    }
}

#[test]
fn a_withdrawal_needs_a_consent_to_withdraw() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        // Never agreed: told so, and nothing is written.
        k.choose_withdraw().identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
        let screen = k.screen();
        let expected = if lang == "ja" {
            "取り消せる有効な同意はありません"
        } else {
            "no consent in force to withdraw"
        };
        assert!(screen.contains(expected), "{screen}");
        assert!(k.records().is_empty());
        // "Nothing more" comes first, under the cursor: Enter goes back to the welcome screen.
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Welcome);
        // Agreed: the withdrawal is recorded.
        k.agree_as("A1234").keys("<Enter>");
        k.choose_withdraw().identify_on_roster("a1234");
        assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
        // The hint bar says what Enter and Esc do here, as the text does.
        let screen = k.screen();
        let hints = screen.lines().last().unwrap_or("");
        let (enter, not) = if lang == "ja" {
            ("Enter 同意を取り消す", "保存")
        } else {
            ("Enter Withdraw my consent", "Save")
        };
        assert!(hints.contains(enter) && !hints.contains(not), "{hints}");
        // Its text fits 80x24, so no scrolling is offered; on a small screen it is.
        assert!(!hints.contains("↑↓"), "{hints}");
        k.app.resize(80, 12);
        k.screen();
        let screen = k.screen();
        assert!(
            screen.lines().last().unwrap_or("").contains("↑↓"),
            "{screen}"
        );
        k.app.resize(80, 24);
        k.keys("<Enter>");
        let records = k.records();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1]["type"], "withdrawal");
        assert_eq!(records[1]["employee"]["id"], "A1234");
        assert_eq!(records[1]["employee"]["verified"], "roster");
        // A second withdrawal finds nothing left to withdraw.
        k.keys("<Enter>")
            .choose_withdraw()
            .identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
        assert_eq!(k.records().len(), 2);
    }
}

/// A person whose consent is among records a break in the ledger withheld is not turned away
/// at the kiosk: the records that can be used show no consent, yet the withdrawal is taken,
/// said to be taken so, and recorded once (asked again, what can be used ends in it).
#[test]
fn a_withdrawal_is_taken_at_the_kiosk_despite_withheld_records() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        k.agree_as("A1234").keys("<Enter>");
        k.agree_as("E0003").keys("<Enter>");
        // Their consent at line 1 is changed: the chain breaks at line 2, and both records
        // are withheld.
        let file = k.ledger_dir().join("test-kiosk.jsonl");
        let body = std::fs::read_to_string(&file).unwrap();
        let (first, rest) = body.split_once('\n').unwrap();
        assert!(first.contains("\"A1234\""), "{first}");
        let changed = first.replacen("\"given\"", "\"refused\"", 1);
        assert_ne!(changed, first);
        std::fs::write(&file, format!("{changed}\n{rest}")).unwrap();
        // The person comes to a second kiosk, whose own file is intact.
        k.recorder = tebiki::recorder::Recorder::new(k.ledger_dir(), "kiosk-2".into());
        k.choose_withdraw().identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
        let screen = k.screen();
        let told = if lang == "ja" {
            "以前の記録の一部を確認できないため"
        } else {
            "Some of your earlier records could not be checked"
        };
        assert!(screen.contains(told), "{screen}");
        k.keys("<Enter>");
        assert!(k.app.person.saved.is_some(), "{}", k.screen());
        let second = common::read_records(&k.ledger_dir())
            .into_iter()
            .filter(|r| r["kiosk"] == "kiosk-2")
            .collect::<Vec<_>>();
        assert_eq!(second.len(), 1);
        assert_eq!(second[0]["type"], "withdrawal");
        assert_eq!(second[0]["employee"]["id"], "A1234");
        // Asked again: what can be used now ends in that withdrawal.
        k.keys("<Enter>")
            .choose_withdraw()
            .identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
        // Someone else in the withheld records who never agreed is taken too; someone the
        // ledger holds nothing about is not.
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Welcome);
        k.choose_withdraw().identify_on_roster("E0001");
        assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
        assert!(!k.screen().contains(told));
    }
}

/// Someone who declined or withdrew before, coming back to decide, is told that first: it is
/// what is on record, and stays so unless they choose again. They may read again and decide,
/// or finish, and coming records nothing.
#[test]
fn a_returning_person_who_declined_or_withdrew_is_told_so_first() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        k.keys("<Enter>")
            .identify_on_roster("E0001")
            .read_all()
            .pass_check();
        // "No" is the third answer: one up from none.
        k.keys("<Up><Space><Enter><Enter><Enter>");
        assert_eq!(k.records().len(), 1);
        assert_eq!(k.records()[0]["decision"], "refused");
        k.agree_as("A1234").keys("<Enter>");
        k.choose_withdraw()
            .identify_on_roster("A1234")
            .keys("<Enter><Enter>");
        assert_eq!(k.records().len(), 3);

        let (declined, withdrew, again) = if lang == "ja" {
            (
                "使わないと選びました",
                "使うことへの同意を取り消",
                "説明を読んで、あらためて選ぶ",
            )
        } else {
            (
                "you declined to use LINE WORKS",
                "you withdrew your consent",
                "Read the explanation and decide again",
            )
        };
        for (id, said) in [("E0001", declined), ("A1234", withdrew)] {
            k.keys("<Enter>").identify_on_roster(id);
            assert_eq!(k.app.step, Step::Standing(OnRecord::Decided), "{lang} {id}");
            let screen = k.screen();
            assert!(screen.contains(said), "{lang} {id}: {screen}");
            assert!(screen.contains(again), "{lang} {id}: {screen}");
            // Finishing, under the cursor at first, records nothing, and says so on the first
            // screen.
            k.keys("<Enter>");
            assert_eq!(k.app.step, Step::Welcome);
            assert_eq!(k.records().len(), 3);
            let finished = if lang == "ja" {
                "何も記録していません"
            } else {
                "Nothing was recorded"
            };
            assert!(k.screen().contains(finished), "{lang} {id}: {}", k.screen());
        }
        // Reading again, the item after "finish", starts at the first screen.
        k.keys("<Enter>")
            .identify_on_roster("E0001")
            .keys("<Down><Enter>");
        assert_eq!(k.app.step, Step::Screen(0), "{lang}");
    }
}

/// A withdrawal an administrator recorded for a day the person asked earlier is dated, when
/// they come back, by that day, not by the day it was entered.
#[test]
fn a_withdrawal_an_administrator_recorded_is_dated_by_the_day_asked() {
    let yesterday = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .yesterday()
        .unwrap()
        .to_string();
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        k.agree_as("A1234").keys("<Enter>");
        let o = common::tebiki(
            k.dir.path(),
            &[
                "record",
                "withdrawal",
                "A1234",
                "--requested",
                &yesterday,
                "--by",
                "HR",
                "--lang",
                "en",
            ],
        );
        assert!(o.status.success(), "{o:?}");
        let records = common::read_records(&k.ledger_dir());
        let withdrawal = records.iter().find(|r| r["type"] == "withdrawal").unwrap();
        assert_eq!(
            withdrawal["requested_on"],
            yesterday.as_str(),
            "{withdrawal}"
        );
        k.keys("<Enter>").identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Standing(OnRecord::Decided), "{lang}");
        let screen = k.screen();
        assert!(screen.contains(&yesterday), "{lang}: {screen}");
    }
}

/// A consent line that cannot be read at all names no one for sure: a person whose id it may
/// hold is not turned away from withdrawing (the consent may be theirs), and is told why; a
/// person it does not name is.
#[test]
fn a_withdrawal_is_taken_when_an_unreadable_line_may_be_the_consent() {
    let mut k = roster_kiosk("en");
    k.agree_as("A1234").keys("<Enter>");
    k.agree_as("E0003").keys("<Enter>");
    let file = k.ledger_dir().join("test-kiosk.jsonl");
    let body = std::fs::read_to_string(&file).unwrap();
    let broken = body.replacen("\"decision\":\"given\"", "\"decision\":given\"", 1);
    assert_ne!(broken, body);
    std::fs::write(&file, broken).unwrap();
    k.choose_withdraw().identify_on_roster("A1234");
    assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
    assert!(
        k.screen()
            .contains("Some of your earlier records could not be checked")
    );
    k.keys("<Esc>");
    k.choose_withdraw().identify_on_roster("E0001");
    assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
}

/// What is on record is told with a warning when some of the person's records could not be
/// used: it may be missing some of them.
#[test]
fn what_is_on_record_says_when_records_may_be_missing() {
    for (lang, said) in [
        ("en", "could not be checked, so what is shown here may"),
        ("ja", "以前の記録の一部を確認できないため"),
    ] {
        let mut k = roster_kiosk(lang);
        k.keys("<Enter>")
            .identify_on_roster("A1234")
            .read_all()
            .pass_check();
        k.keys("<Up><Space><Enter><Enter><Enter>");
        k.agree_as("E0003").keys("<Enter>");
        k.keys("<Enter>")
            .identify_on_roster("A1234")
            .keys("<Down><Enter>");
        k.read_all().pass_check();
        k.keys(&format!("{}<Enter><Enter><Enter>", common::AGREE));
        k.agree_as("E0001").keys("<Enter>");
        assert_eq!(k.records().len(), 4);
        // A1234's consent (line 3) changed: it and E0001's are withheld; the refusal stands.
        let file = k.ledger_dir().join("test-kiosk.jsonl");
        let body = std::fs::read_to_string(&file).unwrap();
        let third = body.lines().nth(2).unwrap().to_owned();
        assert!(
            third.contains("A1234") && third.contains("\"given\""),
            "{third}"
        );
        let changed = third.replacen("\"given\"", "\"refused\"", 1);
        std::fs::write(&file, body.replacen(&third, &changed, 1)).unwrap();
        k.keys("<Enter>").identify_on_roster("A1234");
        assert_eq!(k.app.step, Step::Standing(OnRecord::Decided), "{lang}");
        let screen = k.screen();
        assert!(screen.contains(said), "{lang}: {screen}");
        // E0003, whose records are all usable, is told nothing of the kind.
        k.keys("<Enter>");
        k.keys("<Enter>").identify_on_roster("E0003");
        assert_eq!(k.app.step, Step::Standing(OnRecord::Agreed), "{lang}");
        assert!(!k.screen().contains(said), "{lang}");
    }
}

/// A terminal whose own ledger file breaks its hash chain does not start: what it recorded
/// after the break would be saved, a receipt given for it, and never used by any reader. It
/// says where, and what to do; an intact file, and a new terminal's, start.
#[test]
fn a_terminal_whose_own_file_is_broken_does_not_start() {
    let mut k = roster_kiosk("en");
    k.agree_as("A1234").keys("<Enter>");
    k.agree_as("E0003").keys("<Enter>");
    k.agree_as("E0001").keys("<Enter>");
    let dir = k.ledger_dir();
    let file = dir.join("test-kiosk.jsonl");
    let fresh = |kiosk: &str| tebiki::recorder::Recorder::new(dir.clone(), kiosk.into());
    drop(k.recorder);
    assert!(fresh("test-kiosk").open_exclusive().is_ok());
    assert!(fresh("new-kiosk").open_exclusive().is_ok());
    // The second record changed: the chain breaks at the third line.
    let body = std::fs::read_to_string(&file).unwrap();
    let lines: Vec<&str> = body.lines().collect();
    let changed = lines[1].replacen("\"given\"", "\"refused\"", 1);
    assert_ne!(changed, lines[1]);
    std::fs::write(&file, body.replacen(lines[1], &changed, 1)).unwrap();
    let err = fresh("test-kiosk").open_exclusive().unwrap_err();
    assert!(
        matches!(
            &err,
            tebiki::ledger::LedgerError::ChainBroken { line: 3, .. }
        ),
        "{err:?}"
    );
    for (lang, said) in [
        ("en", "breaks its hash chain here"),
        ("ja", "ハッシュの連鎖が切れています"),
    ] {
        let words = tebiki::error_text::describe(
            &k.app.loc,
            &tebiki::i18n::Lang::new(lang),
            tebiki::error_text::Failure::Ledger(&err),
        );
        let line = words.line();
        assert!(line.contains(said), "{lang}: {line}");
        assert!(line.contains("test-kiosk.jsonl:3"), "{lang}: {line}");
        assert!(line.contains("kiosk_id"), "{lang}: {line}");
    }
    // Another terminal, whose own file is intact, starts.
    assert!(fresh("new-kiosk").open_exclusive().is_ok());

    // A break made while a terminal runs: its next record is not saved, and the person is
    // told so.
    let mut k = roster_kiosk("en");
    k.agree_as("A1234").keys("<Enter>");
    k.agree_as("E0003").keys("<Enter>");
    let file = k.ledger_dir().join("test-kiosk.jsonl");
    let body = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, body.replacen("\"given\"", "\"refused\"", 1)).unwrap();
    k.agree_as("E0001");
    assert!(k.app.person.saved.is_none(), "{}", k.screen());
    assert!(k.app.person.save_failed.is_some());
    assert_eq!(k.records().len(), 2);
}

#[test]
fn a_returning_person_is_told_what_is_on_record() {
    for lang in ["ja", "en"] {
        let mut k = roster_kiosk(lang);
        k.agree_as("E0003").keys("<Enter>");
        k.keys("<Enter>").identify_on_roster("e0003");
        assert_eq!(k.app.step, Step::Standing(OnRecord::Agreed));
        let screen = k.screen();
        let expected = if lang == "ja" {
            "同意しています"
        } else {
            "You agreed on"
        };
        assert!(screen.contains(expected), "{screen}");
        assert!(
            screen.contains(&k.app.content.manifest.policy_version),
            "{screen}"
        );
        // Choices: finish, read again, withdraw.
        k.keys("<Down><Down><Enter>");
        assert_eq!(k.app.step, Step::Withdraw);
        k.keys("<Esc>");
        assert_eq!(k.app.step, Step::Welcome);
        k.keys("<Enter>")
            .identify_on_roster("E0003")
            .keys("<Down><Enter>");
        assert_eq!(k.app.step, Step::Screen(0));
        assert_eq!(k.records().len(), 1);
    }
}

fn roster_csv(dir: &Path, text: &str) -> std::path::PathBuf {
    let p = dir.join("in.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn roster_import_normalises_ids_and_refuses_collisions() {
    let data = tempfile::tempdir().unwrap();
    let file = roster_csv(
        data.path(),
        "社員番号,氏名,部署\nE0001,山田 太郎,営業部\nＡ１２３４,髙橋 﨑子,総務部\nｅ０００１,山田 二郎,営業部\n",
    );
    let out = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", file.to_str().unwrap()],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(":4"), "the second row's line: {err}");
    assert!(err.contains("line 2"), "the first row's line: {err}");
    assert!(!data.path().join("roster.csv").exists());
    let file = roster_csv(
        data.path(),
        "社員番号,氏名,部署\nE0001,山田 太郎,営業部\nＡ１２３４,髙橋 﨑子,総務部\n",
    );
    let out = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let stored = std::fs::read_to_string(data.path().join("roster.csv")).unwrap();
    assert!(stored.contains("A1234,髙橋 﨑子"), "{stored}");
    // An invisible character in a roster id is named with its line.
    let file = roster_csv(data.path(), "社員番号,氏名\nE00\u{AD}02,佐藤\n");
    let out = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", file.to_str().unwrap()],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains(":2"), "{err}");
}

#[test]
fn record_and_status_use_the_one_id_rule() {
    let data = tempfile::tempdir().unwrap();
    let file = roster_csv(
        data.path(),
        "社員番号,氏名,部署\nＥ０００１,山田 太郎,営業部\n",
    );
    assert!(
        tebiki(data.path(), &["roster", "import", file.to_str().unwrap()])
            .status
            .success()
    );
    let out = tebiki(
        data.path(),
        &[
            "--lang", "en", "record", "stage", "e0001", "hesitant", "--by", "佐藤",
        ],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    for typed in ["E0001", "e0001", "Ｅ０００１", "ｅ０００１"] {
        let out = tebiki(
            data.path(),
            &["--lang", "en", "status", typed, "--format", "json"],
        );
        let (o, e) = text(&out);
        assert!(out.status.success(), "{typed}: {e}");
        let v: serde_json::Value = serde_json::from_str(&o).unwrap();
        assert_eq!(v["employee_id"], "E0001", "{typed}");
        assert_eq!(v["stage"], "hesitant", "{typed}");
    }
    let out = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "record",
            "stage",
            "E0\u{200B}001",
            "hesitant",
            "--by",
            "x",
        ],
    );
    let (_, e) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(e.contains("U+200B"), "{e}");
    // The organisation's pattern applies to `record` too.
    let config = data.path().join("config.toml");
    let mut text_cfg = std::fs::read_to_string(&config).unwrap_or_default();
    text_cfg = format!(
        "employee_id_pattern = \"[A-Z][0-9]{{4}}\"\nemployee_id_example = \"A1234\"\n{text_cfg}"
    );
    std::fs::write(&config, text_cfg).unwrap();
    let out = tebiki(
        data.path(),
        &[
            "--lang", "en", "record", "stage", "E00001", "hesitant", "--by", "x",
        ],
    );
    let (_, e) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{e}");
    assert!(e.contains("A1234"), "{e}");
    let lines = std::fs::read_dir(data.path().join("ledger"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap().lines().count())
        .sum::<usize>();
    assert_eq!(lines, 1, "only the first record was written");
}

#[test]
fn parallel_withdrawals_and_migrations_record_one_withdrawal_and_no_migration_after_it() {
    for round in 0..20 {
        let data = tempfile::tempdir().unwrap();
        let file = roster_csv(data.path(), "社員番号,氏名\nE0001,山田 太郎\n");
        assert!(
            tebiki(data.path(), &["roster", "import", file.to_str().unwrap()])
                .status
                .success()
        );
        // The person agrees at a kiosk of their own (another ledger file in the same folder).
        let mut k = Kiosk::new("en").with_roster(people());
        k.recorder = tebiki::recorder::Recorder::new(data.path().join("ledger"), "kiosk-a".into());
        k.agree_as("E0001");
        assert_eq!(k.records().len(), 0, "the harness's own folder stays empty");
        let bin = env!("CARGO_BIN_EXE_tebiki");
        let children: Vec<_> = (0..8)
            .map(|i| {
                let args: Vec<&str> = if i % 2 == 0 {
                    vec!["record", "withdrawal", "E0001", "--by", "hr"]
                } else {
                    vec!["record", "stage", "E0001", "migrated", "--by", "hr"]
                };
                std::process::Command::new(bin)
                    .args(["--data", data.path().to_str().unwrap(), "--lang", "en"])
                    .args(&args)
                    .env_remove("TEBIKI_DATA")
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut c in children {
            c.wait().unwrap();
        }
        // The order the writers appended in: the admin's file, line by line.
        let records: Vec<serde_json::Value> = common::read_records(&data.path().join("ledger"))
            .into_iter()
            .filter(|r| r["kiosk"] != "kiosk-a")
            .collect();
        let withdrawals = records.iter().filter(|r| r["type"] == "withdrawal").count();
        assert_eq!(withdrawals, 1, "round {round}: {records:#?}");
        let at = records
            .iter()
            .position(|r| r["type"] == "withdrawal")
            .unwrap();
        assert!(
            records[at..].iter().all(|r| r["type"] != "stage"),
            "round {round}: a migration after the withdrawal"
        );
    }
}

#[test]
fn a_mistaken_stage_is_voided_and_the_previous_stage_comes_back() {
    let data = tempfile::tempdir().unwrap();
    let file = roster_csv(data.path(), "社員番号,氏名\nE0001,山田 太郎\n");
    assert!(
        tebiki(data.path(), &["roster", "import", file.to_str().unwrap()])
            .status
            .success()
    );
    let rec = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "record"];
        all.extend_from_slice(args);
        tebiki(data.path(), &all)
    };
    let status = || -> serde_json::Value {
        let o = tebiki(data.path(), &["status", "E0001", "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    assert!(
        rec(&["stage", "E0001", "hesitant", "--by", "hr"])
            .status
            .success()
    );
    assert!(
        rec(&["stage", "E0001", "informed", "--by", "hr"])
            .status
            .success()
    );
    assert_eq!(status()["stage"], "informed");
    // Newest first: the mistaken stage is at the top.
    let history = status()["history"].clone();
    assert_eq!(history[0]["stage"], "informed");
    let wrong = history[0]["id"].as_str().unwrap().to_string();
    // A void needs a reason.
    let o = rec(&["void", &wrong, "--by", "hr"]);
    assert_eq!(o.status.code(), Some(2));
    // Given in capitals (a spreadsheet upper-cased it): the same record.
    let o = rec(&[
        "void",
        &wrong.to_uppercase(),
        "--note",
        "entered for the wrong person",
        "--by",
        "hr",
    ]);
    assert!(o.status.success(), "{}", text(&o).1);
    // Said as every record is: what was saved, when and where, and the state now.
    let said = text(&o).0;
    assert!(
        said.contains(&format!("Saved: record {wrong} of E0001 is voided")),
        "{said}"
    );
    assert!(said.contains("(record 3)"), "{said}");
    assert!(said.contains("Now: never decided, hesitant."), "{said}");
    let s = status();
    assert_eq!(s["stage"], "hesitant", "the previous stage is back");
    assert_eq!(s["history"][1]["voided"], "entered for the wrong person");
    assert_eq!(s["history"][0]["type"], "void");
    // The report counts the stage the person is back at, in the JSON and the text.
    let o = tebiki(data.path(), &["report", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["stage"]["hesitant"], 1, "{r:#}");
    assert_eq!(r["stage"]["informed"], 0, "{r:#}");
    assert_eq!(r["departments"][0]["stage"]["hesitant"], 1, "{r:#}");
    let o = tebiki(data.path(), &["--lang", "en", "report"]);
    let report = text(&o).0;
    let line = |label: &str| {
        report
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("{label} in {report}"))
            .to_string()
    };
    assert!(line("hesitant").contains(" 1 "), "{report}");
    assert!(line("informed").contains(" 0 "), "{report}");
    let plain = text(&tebiki(data.path(), &["--lang", "en", "status", "E0001"])).0;
    assert!(
        plain.contains("[voided: entered for the wrong person]"),
        "{plain}"
    );
    // Marked in words, with nothing struck through: the line can be searched and copied.
    // (On the record's line, or below it when the line would pass 80 columns.)
    let lines: Vec<&str> = plain.lines().collect();
    let at = lines.iter().position(|l| l.contains("[voided:")).unwrap();
    let record = if lines[at].contains("Stage") {
        lines[at]
    } else {
        lines[at - 1]
    };
    assert!(record.contains("Stage"), "{plain}");
    assert!(!plain.contains('\u{336}'), "{plain}");
    // Not twice, and not an unknown id.
    assert_eq!(
        rec(&["void", &wrong, "--note", "again", "--by", "hr"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        rec(&[
            "void",
            "0192f0e0-0000-7000-8000-000000000000",
            "--note",
            "x",
            "--by",
            "hr"
        ])
        .status
        .code(),
        Some(2)
    );
    // The export keeps both rows, linked.
    let out = tebiki(data.path(), &["export", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(&out.stdout[..]);
    let headers = rows.headers().unwrap().clone();
    let voids = headers.iter().position(|h| h == "voids").unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 3);
    assert_eq!(&records[2][voids], wrong.as_str());
    // Said as JSON too, like the other records.
    assert!(
        rec(&["stage", "E0001", "informed", "--by", "hr"])
            .status
            .success()
    );
    let latest = status()["history"][0]["id"].as_str().unwrap().to_string();
    let o = rec(&[
        "void", &latest, "--note", "typo", "--by", "hr", "--format", "json",
    ]);
    assert!(o.status.success(), "{}", text(&o).1);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["saved"], true, "{j}");
    assert_eq!(j["type"], "void", "{j}");
    assert_eq!(j["stage"], "hesitant", "{j}");
    assert_eq!(j["seq"], 5, "{j}");
    assert_eq!(j["complete"], true, "{j}");
}

#[test]
fn a_person_s_own_decision_cannot_be_voided_by_an_admin() {
    let data = tempfile::tempdir().unwrap();
    let mut k = Kiosk::new("en").with_roster(people());
    k.recorder = tebiki::recorder::Recorder::new(data.path().join("ledger"), "kiosk-a".into());
    k.agree_as("E0001");
    let consent = common::read_records(&data.path().join("ledger"))[0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let o = tebiki(
        data.path(),
        &[
            "--lang", "en", "record", "void", &consent, "--note", "x", "--by", "hr",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).1.contains("own decision"), "{}", text(&o).1);
    assert_eq!(common::read_records(&data.path().join("ledger")).len(), 1);
}

#[test]
fn config_check_names_the_people_code_mode_would_stop() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        tebiki(data.path(), &["config", "check"])
            .status
            .code()
            .is_some()
    );
    let config = data.path().join("config.toml");
    let cfg = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("identity = \"code\"\n{cfg}")).unwrap();
    let file = roster_csv(
        data.path(),
        "社員番号,氏名\nA1234,山田\nB2345,佐藤\nC3456,鈴木\n",
    );
    let o = tebiki(data.path(), &["roster", "import", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let o = tebiki(data.path(), &["roster", "codes", "A1234", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    for (lang, said) in [
        (
            "en",
            "2 of the 3 people on the roster have no personal code",
        ),
        ("ja", "名簿の 3 人のうち 2 人に個人コードがなく"),
    ] {
        let o = tebiki(data.path(), &["--lang", lang, "config", "check"]);
        let out = text(&o).0;
        assert_eq!(o.status.code(), Some(1), "{out}");
        assert!(out.contains(said), "{out}");
        assert!(out.contains("B2345, C3456"), "{out}");
        assert!(!out.contains("A1234"), "{out}");
    }
    // Once everyone has a code, that finding is gone.
    let o = tebiki(data.path(), &["roster", "codes", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let out = text(&tebiki(data.path(), &["--lang", "en", "config", "check"])).0;
    assert!(!out.contains("personal code"), "{out}");
}

#[test]
fn roster_import_applies_the_organisation_s_id_form() {
    let data = tempfile::tempdir().unwrap();
    assert!(
        tebiki(data.path(), &["config", "check"])
            .status
            .code()
            .is_some()
    );
    let config = data.path().join("config.toml");
    let cfg = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        format!("employee_id_pattern = \"[A-Z][0-9]{{4}}\"\n{cfg}"),
    )
    .unwrap();
    let file = roster_csv(data.path(), "社員番号,氏名\nA1234,山田\n12345,佐藤\n");
    let out = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", file.to_str().unwrap()],
    );
    let (_, err) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(":3"), "{err}");
    assert!(err.contains("organisation's form"), "{err}");
    assert!(!data.path().join("roster.csv").exists());
}

#[test]
fn a_stage_change_leaves_the_open_follow_up_open_unless_told_to_close_it() {
    let data = tempfile::tempdir().unwrap();
    let file = roster_csv(data.path(), "社員番号,氏名\nE0001,山田 太郎\n");
    assert!(
        tebiki(data.path(), &["roster", "import", file.to_str().unwrap()])
            .status
            .success()
    );
    let rec = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "record"];
        all.extend_from_slice(args);
        tebiki(data.path(), &all)
    };
    let status = || -> serde_json::Value {
        let o = tebiki(data.path(), &["status", "E0001", "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap()
    };
    let open = || -> u64 {
        let o = tebiki(data.path(), &["report", "--format", "json"]);
        let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        r["followups"]["open"].as_u64().unwrap()
    };
    assert!(
        rec(&["followup", "E0001", "--in", "7", "--by", "hr"])
            .status
            .success()
    );
    assert_eq!(open(), 1);
    // By default the follow-up stays open, and the output says so.
    let o = rec(&["stage", "E0001", "hesitant", "--by", "hr"]);
    assert!(o.status.success(), "{}", text(&o).1);
    assert!(text(&o).0.contains("stays open"), "{}", text(&o).0);
    let s = status();
    assert_eq!(s["stage"], "hesitant");
    assert!(!s["followup"].is_null(), "{s:#}");
    assert_eq!(open(), 1);
    let stages = || -> Vec<serde_json::Value> {
        common::read_records(&data.path().join("ledger"))
            .into_iter()
            .filter(|r| r["type"] == "stage")
            .collect()
    };
    assert_eq!(stages()[0]["followup"], "kept");
    // --close-followup closes it.
    let o = rec(&[
        "stage",
        "E0001",
        "informed",
        "--close-followup",
        "--by",
        "hr",
    ]);
    assert!(o.status.success(), "{}", text(&o).1);
    assert!(text(&o).0.contains("is closed"), "{}", text(&o).0);
    assert!(status()["followup"].is_null());
    assert_eq!(open(), 0);
    assert!(stages()[1].get("followup").is_none());
    // Without an open follow-up there is nothing to keep: the record says nothing of it.
    assert!(
        rec(&["stage", "E0001", "hesitant", "--by", "hr"])
            .status
            .success()
    );
    assert!(stages()[2].get("followup").is_none());
}

#[test]
fn a_full_width_or_spaced_id_finds_the_same_person_at_every_command() {
    let data = tempfile::tempdir().unwrap();
    // Roster import: a full-width id with ideographic spaces around it is stored plainly.
    let file = roster_csv(
        data.path(),
        "社員番号,氏名,部署\n\u{3000}Ｅ０００１\u{3000},山田 太郎,営業部\nE0002,鈴木 花子,総務部\n",
    );
    let out = tebiki(data.path(), &["roster", "import", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out).1);
    let stored = std::fs::read_to_string(data.path().join("roster.csv")).unwrap();
    assert!(stored.contains("E0001,山田 太郎"), "{stored}");
    let ledger_lines = |data: &Path| -> Vec<serde_json::Value> {
        let mut out = Vec::new();
        for e in std::fs::read_dir(data.join("ledger")).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "jsonl") {
                for l in std::fs::read_to_string(e.path()).unwrap().lines() {
                    out.push(serde_json::from_str(l).unwrap());
                }
            }
        }
        out
    };
    let typed = ["Ｅ０００１", " e0001 ", "\u{3000}ｅ０００１\u{3000}"];
    for (n, id) in typed.iter().enumerate() {
        // `record ... ID`: stored in the roster's form.
        let stage = ["hesitant", "informed", "hesitant"][n];
        let out = tebiki(
            data.path(),
            &["--lang", "en", "record", "stage", id, stage, "--by", "佐藤"],
        );
        assert!(out.status.success(), "{id:?}: {}", text(&out).1);
        let last = ledger_lines(data.path()).pop().unwrap();
        assert_eq!(last["employee"]["id"], "E0001", "{id:?}: {last}");
        // `status ID`: the same person, with what was just recorded.
        for asked in typed {
            let out = tebiki(
                data.path(),
                &["--lang", "en", "status", asked, "--format", "json"],
            );
            let (o, e) = text(&out);
            assert!(out.status.success(), "{asked:?}: {e}");
            let v: serde_json::Value = serde_json::from_str(&o).unwrap();
            assert_eq!(v["employee_id"], "E0001", "{asked:?}");
            assert_eq!(v["stage"], stage, "{asked:?}");
        }
    }
    // `record champion ID --supports ID`: both in the roster's form, and one person typed
    // two ways is refused as supporting themselves.
    let out = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "record",
            "champion",
            " ｅ０００２",
            "--supports",
            "Ｅ０００１ ",
            "--by",
            "x",
        ],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let last = ledger_lines(data.path()).pop().unwrap();
    assert_eq!(last["employee"]["id"], "E0002", "{last}");
    assert_eq!(last["supports"], "E0001", "{last}");
    let before = ledger_lines(data.path()).len();
    for (who, whom) in [("E0003", "ｅ０００３"), ("e0004", " Ｅ０００４ ")] {
        let out = tebiki(
            data.path(),
            &[
                "--lang",
                "en",
                "record",
                "champion",
                who,
                "--supports",
                whom,
                "--by",
                "x",
            ],
        );
        let (_, e) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{who} {whom}: {e}");
        assert!(e.contains("cannot support themselves"), "{who} {whom}: {e}");
    }
    assert_eq!(ledger_lines(data.path()).len(), before, "nothing written");
    // `roster codes ID`: the roster's person.
    let codes = data.path().join("codes.csv");
    let out = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "roster",
            "codes",
            "\u{3000}ｅ０００１ ",
            "--format",
            "list",
            "-o",
            codes.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let list = std::fs::read_to_string(&codes).unwrap();
    assert!(list.contains("E0001,山田 太郎"), "{list}");
    assert!(!list.contains("E0002"), "{list}");
    // Never over tebiki's own files (here its settings), and then no code is issued.
    let config = data.path().join("config.toml");
    let settings = std::fs::read(&config).unwrap();
    let issued = std::fs::read(data.path().join("identity-codes.json")).unwrap();
    let out = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "roster",
            "codes",
            "E0002",
            "-o",
            config.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", text(&out).1);
    assert!(
        text(&out).1.contains("tebiki's own files"),
        "{}",
        text(&out).1
    );
    assert_eq!(std::fs::read(&config).unwrap(), settings);
    assert_eq!(
        std::fs::read(data.path().join("identity-codes.json")).unwrap(),
        issued
    );
}

/// The list of personal codes is opened in a spreadsheet like an export: a name or department
/// that would start a formula (beside a secret code) is made plain text as the export makes it,
/// and the file is readable by its owner alone.
#[test]
fn the_codes_list_neutralises_formulas_and_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir().unwrap();
    let roster = data.path().join("in.csv");
    std::fs::write(
        &roster,
        "employee_id,name,department,email\nE1,\"=HYPERLINK(\"\"http://x/?\"\"&A1)\",営業部,\nE2,+cmd|calc,@SUM(1),\n",
    )
    .unwrap();
    let out = tebiki(
        data.path(),
        &["--lang", "en", "roster", "import", roster.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    let codes = data.path().join("codes.csv");
    let out = tebiki(
        data.path(),
        &[
            "--lang",
            "en",
            "roster",
            "codes",
            "--all",
            "--format",
            "list",
            "-o",
            codes.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out).1);
    // A list is not slips: what to do with it, not "hand out the slips".
    assert!(
        text(&out)
            .1
            .contains("give each person their code from this list"),
        "{}",
        text(&out).1
    );
    let list = std::fs::read_to_string(&codes).unwrap();
    let mut rows = csv::Reader::from_reader(list.as_bytes());
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{list}");
    for row in &rows {
        for cell in row.iter().take(3) {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "a formula cell: {cell:?} in {list}"
            );
        }
    }
    assert_eq!(&rows[0][1], "'=HYPERLINK(\"http://x/?\"&A1)");
    assert_eq!(&rows[1][2], "'@SUM(1)");
    let mode = std::fs::metadata(&codes).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

/// Records of one person whose id was recorded in another case (typed in open mode before the
/// roster came, or a roster imported again in another case) are that person's: for status,
/// record, the report and the dashboard alike.
#[test]
fn an_id_recorded_in_another_case_is_the_same_person_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let o = tebiki(data, &["demo", "--employees", "40", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    // Someone who never decided, and the policy version in use.
    let status = |id: &str| -> serde_json::Value {
        let o = tebiki(data, &["status", id, "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap_or_default()
    };
    let (id, version) = (1..=40)
        .map(|n| format!("E{n:06}"))
        .find_map(|id| {
            let s = status(&id);
            (s["consent"] == "none").then_some(id)
        })
        .map(|id| (id, status("E000001")["policy_version"].clone()))
        .expect("someone who never decided");
    let typed = id.to_lowercase();
    append(
        data,
        "open-kiosk",
        "consent",
        serde_json::json!({
            "employee": {"id": typed, "name": "typed", "verified": false},
            "decision": "given",
            "policy": {"id": "line-works-own-phone", "version": version},
            "how": {"method": "kiosk", "mode": "kiosk", "session": null},
        }),
    );

    for asked in [id.as_str(), typed.as_str()] {
        let s = status(asked);
        assert_eq!(s["consent"], "given", "{asked}: {s}");
    }
    // A champion paired with them by the typed id: both status answers name them as on the
    // roster.
    let champion = if id == "E000001" {
        "E000002"
    } else {
        "E000001"
    };
    append(
        data,
        "open-kiosk",
        "champion",
        serde_json::json!({
            "employee": {"id": champion.to_lowercase(), "name": "typed", "verified": false},
            "supports": typed,
            "active": true,
        }),
    );
    let s = status(champion);
    assert_eq!(s["supports"], serde_json::json!([id]), "{s}");
    // Shown by the roster's name, not the one the record was made with.
    let roster = std::fs::read_to_string(data.join("roster.csv")).unwrap();
    let on_roster = roster
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{champion},")))
        .and_then(|rest| rest.split(',').next())
        .expect("the champion on the roster");
    assert_eq!(s["name"], on_roster, "{s}");
    let s = status(&typed);
    assert_eq!(s["supported_by"], champion, "{s}");
    // The history shows the record as it is; the summary, the person.
    let o = tebiki(data, &["--lang", "en", "status", champion]);
    let (out, _) = text(&o);
    assert!(out.contains(&format!("supports: {id}")), "{out}");
    let o = tebiki(data, &["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let named = |list: &str| {
        report[list].as_array().unwrap().iter().any(|p| {
            p["employee_id"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(&id))
        })
    };
    assert!(!named("not_on_roster"), "{report}");
    assert!(!named("never_onboarded"), "{report}");
    assert_eq!(report["employees"], 40, "{report}");
    // The withdrawal is taken: the person has a consent to withdraw.
    let o = tebiki(
        data,
        &["--lang", "en", "record", "withdrawal", &id, "--by", "HR"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    assert_eq!(status(&typed)["consent"], "withdrawn");
}

/// A record whose id was stored in another width or with spaces around it (made by hand, or by
/// another tool: tebiki's writers store the roster's form) is the person's too: the id rule
/// holds for stored ids as for typed ones.
#[test]
fn an_id_stored_in_another_width_is_the_same_person() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let o = tebiki(data, &["demo", "--employees", "40", "--lang", "en"]);
    assert!(o.status.success(), "{}", text(&o).1);
    let status = |id: &str| -> serde_json::Value {
        let o = tebiki(data, &["status", id, "--format", "json"]);
        serde_json::from_slice(&o.stdout).unwrap_or_default()
    };
    let (id, version) = (1..=40)
        .map(|n| format!("E{n:06}"))
        .find_map(|id| (status(&id)["consent"] == "none").then_some(id))
        .zip(
            // The latest version anyone decided on (versions are dates) is the one in use.
            (1..=40)
                .filter_map(|n| {
                    status(&format!("E{n:06}"))["policy_version"]
                        .as_str()
                        .map(str::to_string)
                })
                .max(),
        )
        .expect("someone who never decided, and the policy version in use");
    // Full width, lower case, an ideographic space after it.
    let stored: String = id
        .to_lowercase()
        .chars()
        .map(|c| char::from_u32(c as u32 + 0xFEE0).unwrap())
        .chain(['\u{3000}'])
        .collect();
    append(
        data,
        "other-tool",
        "consent",
        serde_json::json!({
            "employee": {"id": stored, "name": "typed", "verified": false},
            "decision": "given",
            "policy": {"id": "line-works-own-phone", "version": version},
            "how": {"method": "kiosk", "mode": "kiosk", "session": null},
        }),
    );
    let s = status(&id);
    assert_eq!(s["consent"], "given", "{s}");
    let o = tebiki(data, &["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["not_on_roster"], serde_json::json!([]), "{report}");
    assert_eq!(report["employees"], 40, "{report}");
    assert!(
        !report["never_onboarded"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["employee_id"] == id.as_str()),
        "{report}"
    );
}

/// Someone off the roster recorded as `E5`: a record typed for `e5` is theirs, and keeps the
/// spelling the ledger already holds.
#[test]
fn a_record_for_someone_off_the_roster_keeps_the_id_as_the_ledger_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    append(
        data,
        "k1",
        "stage",
        serde_json::json!({
            "employee": {"id": "E5", "name": "Walk-in", "verified": false},
            "stage": "informed",
        }),
    );
    let o = tebiki(
        data,
        &[
            "--lang", "en", "record", "stage", "e5", "hesitant", "--by", "x",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o).1);
    let mut files: Vec<_> = std::fs::read_dir(data.join("ledger"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let ids: Vec<String> = files
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .collect::<Vec<_>>()
        })
        .map(|v| v["employee"]["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["E5", "E5"], "{ids:?}");
}

/// Appends a record of `record_type` with `body` to kiosk `kiosk`'s file, as a terminal would.
fn append(data: &Path, kiosk: &str, record_type: &str, body: serde_json::Value) {
    let serde_json::Value::Object(body) = body else {
        panic!("a record body is an object")
    };
    tebiki::ledger::Writer::open(
        &data.join("ledger"),
        kiosk,
        std::time::Duration::from_secs(5),
    )
    .unwrap()
    .append(record_type, body)
    .unwrap();
}

/// Deciding again over a consent in force: "No" ends it, and the person is told so before
/// saving and on the receipt (which tells them what a withdrawal would: delete saved files).
/// The way they are contacted is then the one from before LINE WORKS, not "as today" (today
/// is LINE WORKS): so say the answers, the summary and the receipt.
#[test]
fn no_on_deciding_again_says_the_consent_in_force_ends() {
    for (lang, review, receipt, before, recorded, today) in [
        (
            "en",
            "ends with this choice",
            "The consent you gave before ends",
            "the way I was before LINE WORKS",
            "Declined (contacted as before LINE WORKS)",
            "current",
        ),
        (
            "ja",
            "この選択で終わります",
            "以前の同意は、この選択で終わりました",
            "LINE WORKS を使う前と同じ方法",
            "使わない（LINE WORKS を使う前の連絡方法）",
            "今の連絡方法",
        ),
    ] {
        let mut k = roster_kiosk(lang);
        k.agree_as("E0003").keys("<Enter>");
        k.keys("<Enter>")
            .identify_on_roster("E0003")
            .keys("<Down><Enter>");
        assert_eq!(k.app.step, Step::Screen(0));
        k.read_all().pass_check();
        let screen = k.screen();
        assert!(screen.contains(before), "{lang}: {screen}");
        // "No" is the third answer: one up from none.
        k.keys("<Up><Space><Enter>");
        let screen = k.screen();
        assert!(screen.contains(review), "{lang}: {screen}");
        assert!(!screen.contains(today), "{lang}: {screen}");
        k.keys("<Enter>");
        let mut text = k.screen();
        for _ in 0..10 {
            k.keys("<Down>");
            text.push_str(&k.screen());
        }
        assert!(text.contains(receipt), "{lang}: {text}");
        assert!(text.contains(recorded), "{lang}: {text}");
        assert!(!text.contains(today), "{lang}: {text}");
        let records = k.records();
        assert_eq!(records.len(), 2);
        assert_eq!(records[1]["decision"], "refused");
    }
}

/// A withdrawal refused under the lock (staff recorded one meanwhile) tells the person what
/// the ledger says now, not what it said when they identified themselves.
#[test]
fn a_withdrawal_refused_under_the_lock_tells_the_state_found_then() {
    let mut k = roster_kiosk("en");
    k.agree_as("A1234").keys("<Enter>");
    k.choose_withdraw().identify_on_roster("A1234");
    assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
    // Meanwhile, at another terminal: the consent is withdrawn.
    let mut other = tebiki::ledger::Writer::open(
        &k.ledger_dir(),
        "hr-desk",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let serde_json::Value::Object(body) = serde_json::json!({
        "employee": {"id": "A1234", "name": "x"},
        "how": {"method": "admin", "via": "cli"},
    }) else {
        unreachable!()
    };
    other.append("withdrawal", body).unwrap();
    drop(other);
    k.keys("<Enter>");
    assert_eq!(k.app.step, Step::Standing(OnRecord::NothingToWithdraw));
    let screen = k.screen();
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Your current choice: withdrawn"), "{screen}");
    assert_eq!(
        k.records()
            .iter()
            .filter(|r| r["type"] == "withdrawal")
            .count(),
        1
    );
}

/// Open mode checks nobody's identity; still, an id whose records give another name than the
/// one typed is neither shown nor recorded over: someone else could otherwise read that
/// person's choice, or end or withdraw it.
#[test]
fn open_mode_records_nothing_over_an_id_whose_records_give_another_name() {
    for lang in ["ja", "en"] {
        let mut k = Kiosk::new(lang);
        assert_eq!(k.app.settings.identity, IdentityMode::Open);
        k.keys("<Enter>")
            .identify("A0003", "Real Person", "")
            .read_all()
            .pass_check();
        k.keys(&format!("{AGREE}<Enter><Enter>")).keys("<Enter>");
        assert_eq!(k.records().len(), 1);
        // Someone else types the id with their own name, to withdraw: nothing is shown of
        // the consent on record, nothing is recorded.
        k.choose_withdraw().identify("a0003", "Mallory", "");
        assert_eq!(
            k.app.step,
            Step::Standing(OnRecord::OtherName),
            "{}",
            k.screen()
        );
        let screen = k.screen();
        assert!(!screen.contains("Real Person"), "{screen}");
        let told = if lang == "ja" {
            "別の名前"
        } else {
            "under another name"
        };
        assert!(screen.contains(told), "{screen}");
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Welcome);
        // Deciding under that id is stopped the same way.
        k.keys("<Enter>").identify("A0003", "Mallory", "");
        assert_eq!(k.app.step, Step::Standing(OnRecord::OtherName));
        k.keys("<Enter>");
        assert_eq!(k.records().len(), 1);
        // The same name, typed with other spacing or case, is the person on record.
        k.choose_withdraw().identify("a0003", "real  person", "");
        assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
        k.keys("<Enter>");
        assert_eq!(k.records().len(), 2);
        assert_eq!(k.records()[1]["type"], "withdrawal");
    }
}

/// A message that names whom to ask names them in the language shown: F2 right after it
/// switches the whole message, the contact too, not only the words around it.
#[test]
fn the_contact_in_a_message_follows_a_switch_of_language() {
    let mut k = roster_kiosk("ja");
    k.keys("<Enter>").paste("E9999").keys("<Enter>");
    let flat = |k: &Kiosk| k.screen().lines().map(str::trim).collect::<String>();
    let ja = k.app.org_contact();
    assert!(flat(&k).contains("名簿にありません"), "{}", k.screen());
    assert!(flat(&k).contains(&ja), "{}", k.screen());
    k.keys("<F2>");
    let en = k.app.org_contact();
    assert_ne!(ja, en);
    let screen = flat(&k);
    assert!(
        screen.contains("not on the employee list"),
        "{}",
        k.screen()
    );
    assert!(
        screen.replace(' ', "").contains(&en.replace(' ', "")) && !screen.contains(&ja),
        "{}",
        k.screen()
    );
}

/// Two people of the same name on the roster: "is this you?" has no answer under the cursor
/// and says to check the ID and department, so that one wrong digit and an Enter by habit do
/// not record someone as their namesake; ↓ then Enter goes on. Without a namesake, "yes" is
/// under the cursor as before.
#[test]
fn a_namesake_on_the_roster_is_pointed_out_before_is_this_you() {
    for (lang, warning, choose) in [
        ("en", "of this name: check that the ID", "then press Enter"),
        (
            "ja",
            "同じ氏名の人がほかに 1 人います",
            "Enter を押してください",
        ),
    ] {
        let mut k = Kiosk::new(lang).with_roster(roster_people(&[
            ("A0001", "山田 太郎", "営業部"),
            ("A0002", "山田　太郎", "製造部"),
            ("A0003", "佐藤 花子", "総務部"),
        ]));
        k.keys("<Enter>").paste("A0002").keys("<Enter>");
        assert_eq!(k.app.step, Step::Confirm);
        let screen = k.screen();
        let bare: String = screen.split_whitespace().collect();
        let warning: String = warning.split_whitespace().collect();
        assert!(bare.contains(&warning), "{lang}: {screen}");
        assert!(
            !screen.contains('▶'),
            "{lang}: nothing under the cursor: {screen}"
        );
        // Enter by habit answers nothing: it says how to answer.
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Confirm);
        let bare: String = k.screen().split_whitespace().collect();
        let choose: String = choose.split_whitespace().collect();
        assert!(bare.contains(&choose), "{lang}: {}", k.screen());
        k.keys("<Down><Enter>");
        assert_ne!(k.app.step, Step::Confirm, "{}", k.screen());
        assert_eq!(k.app.person.who.as_ref().unwrap().id, "A0002");

        // No namesake: "yes" is under the cursor.
        let mut k = Kiosk::new(lang).with_roster(roster_people(&[
            ("A0001", "山田 太郎", "営業部"),
            ("A0003", "佐藤 花子", "総務部"),
        ]));
        k.keys("<Enter>").paste("A0003").keys("<Enter>");
        assert_eq!(k.app.step, Step::Confirm);
        assert!(k.screen().contains('▶'), "{}", k.screen());
        let bare: String = k.screen().split_whitespace().collect();
        assert!(!bare.contains(&warning), "{}", k.screen());
    }
}

/// Ctrl-U in the identity form erases what is before the cursor, as help says, in both
/// languages.
#[test]
fn ctrl_u_erases_what_was_typed_before_the_cursor() {
    for lang in ["en", "ja"] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>").paste("ABCE000005");
        k.keys("<Left><Left><C-u>");
        assert_eq!(k.app.person.fields[0].value(), "05", "{lang}");
        k.keys("<End><C-u>");
        assert_eq!(k.app.person.fields[0].value(), "", "{lang}");
        k.keys("<F1>");
        assert!(k.screen().contains("Ctrl+U"), "{lang}: {}", k.screen());
    }
}
