//! The employee flow, driven in-process with key presses as a person would type them, and the
//! records it leaves in the ledger.

mod common;

use common::{AGREE, Kiosk};
use serde_json::Value;
use tebiki::app::{Pick, Step};
use tebiki::keys::Ctx;

fn only_record(k: &Kiosk) -> Value {
    let recs = k.records();
    assert_eq!(recs.len(), 1, "exactly one record: {recs:#?}");
    recs.into_iter().next().unwrap_or_default()
}

#[test]
fn an_employee_agrees_in_japanese_and_gets_a_receipt() {
    let mut k = Kiosk::new("ja");
    assert!(k.screen().contains("言語を選んでください"));
    k.keys("<Enter>").identify("E1001", "山田 太郎", "営業部");
    assert!(k.screen().contains("1 / 11"), "{}", k.screen());
    k.read_all();
    assert_eq!(k.app.ctx(), Ctx::Check, "{}", k.screen());
    k.pass_check();
    assert_eq!(k.app.ctx(), Ctx::Choice, "{}", k.screen());
    // Three separate, unticked statements: tick each.
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>");
    assert_eq!(k.app.ctx(), Ctx::Review, "{}", k.screen());
    assert!(
        k.records().is_empty(),
        "nothing is recorded before the final confirm"
    );
    k.keys("<Enter>");
    let screen = k.screen();
    assert!(screen.contains("選んだ内容を保存しました"), "{screen}");
    let code = k
        .app
        .person
        .saved
        .as_ref()
        .map(|s| s.receipt_code.clone())
        .unwrap_or_default();
    assert!(
        screen.contains(&code),
        "the receipt code is shown: {screen}"
    );

    let r = only_record(&k);
    let keys: Vec<&str> = r
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .take(7)
        .collect();
    assert_eq!(keys, ["schema", "seq", "prev", "id", "at", "kiosk", "type"]);
    assert_eq!(r["schema"], "tebiki/1");
    assert_eq!(r["seq"], 1);
    assert_eq!(r["prev"], "0".repeat(64));
    assert_eq!(r["type"], "consent");
    assert_eq!(r["kiosk"], "test-kiosk");
    assert_eq!(r["employee"]["id"], "E1001");
    assert_eq!(r["employee"]["name"], "山田 太郎");
    assert_eq!(r["employee"]["department"], "営業部");
    assert_eq!(r["decision"], "given");
    assert_eq!(r["receipt"], code.as_str());
    assert_eq!(r["how"]["method"], "kiosk");
    assert_eq!(
        r["policy"]["version"],
        k.app.content.manifest.policy_version.as_str()
    );
    assert_eq!(r["content"]["languages"], serde_json::json!(["ja"]));
    let sha = r["content"]["sha256"]["ja"].as_str().unwrap();
    assert_eq!(
        sha,
        k.app.content.lang(&tebiki::i18n::Lang::new("ja")).sha256
    );
    let screens = r["content"]["screens"].as_array().unwrap();
    assert!(screens.len() >= 13, "every screen seen is listed");
    assert!(
        screens
            .iter()
            .filter(|s| s["id"] != "check" && s["id"] != "choice")
            .all(|s| s["read_to_end"] == true)
    );
    // The core purpose granted, the optional one (left unticked) not; both rules confirmed.
    assert_eq!(r["acknowledged"].as_array().map(Vec::len), Some(2));
    assert!(
        r["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["granted"] == (p["id"] == "own-phone"))
    );
    assert_eq!(r["check"]["correct"], r["check"]["questions"]);
    assert_eq!(r["alternative_offered"], "keep-current-channel");
    assert!(
        r["withdraw"]["text"]
            .as_str()
            .unwrap()
            .contains("同意を取り消す")
    );

    // Finishing leaves nothing of this person for the next one.
    k.keys("<Enter>");
    assert_eq!(k.app.step, Step::Welcome);
    assert!(k.app.person.fields.iter().all(|f| f.value().is_empty()));
    assert!(k.app.person.saved.is_none());
    assert!(!k.screen().contains("山田"));
}

#[test]
fn an_employee_defers_in_english_with_two_reasons() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E2002", "Alex Smith", "")
        .read_all()
        .pass_check();
    let screen = k.screen();
    assert!(screen.contains("Not now"), "{screen}");
    // Nothing is under the cursor on arrival: down past "agree" to "Not now", choose it; two
    // reasons appear.
    k.keys("<Down><Down><Space>");
    assert!(k.screen().contains("Reasons"), "{}", k.screen());
    k.keys("<Down><Down><Space><Down><Space>");
    // Unticking "Not now" and ticking it again keeps the reasons ticked.
    k.keys("<Up><Up><Up><Space>");
    assert_eq!(k.app.person.choice.pick, None);
    k.keys("<Space><Enter>");
    assert!(k.screen().contains("Not now"), "{}", k.screen());
    k.keys("<Enter>");
    assert!(
        k.screen().contains("Your choice has been saved"),
        "{}",
        k.screen()
    );
    let r = only_record(&k);
    // The receipt lists the reasons recorded, as the review did.
    let receipt = body_text(&k);
    for reason in r["reasons"].as_array().unwrap() {
        let id = reason.as_str().unwrap();
        let label = &k.app.content.lang(&k.app.lang).forms.reasons[id].label;
        assert!(receipt.contains(label.as_str()), "{label}: {receipt}");
    }
    assert_eq!(r["decision"], "deferred");
    assert_eq!(r["alternative_chosen"], "not-now");
    let reasons: Vec<&str> = r["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        r["purposes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["granted"] == false)
    );
    assert!(
        r["employee"].get("department").is_none(),
        "an empty department is left out"
    );
}

/// No and Not now need no answers: → twice on the check goes on to the choice (one → only says
/// so, as PageDown is the same key), where agreeing still needs the answers.
#[test]
fn no_and_not_now_need_no_answers_to_the_check_but_agreeing_does() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E2003", "Sam Lee", "")
        .read_all();
    assert_eq!(k.app.ctx(), tebiki::keys::Ctx::Check);
    let screen = k.screen();
    assert!(
        screen.contains("Only agreeing needs these answers. For No or Not now: → twice."),
        "{screen}"
    );
    // One →, then another key: still the check.
    k.keys("<Right>");
    assert_eq!(k.app.ctx(), tebiki::keys::Ctx::Check);
    assert!(k.app.person.skip_asked_at.is_some(), "{:?}", k.app.notice);
    assert!(k.screen().contains("press → again"), "{}", k.screen());
    k.keys("<Down><Right>");
    assert_eq!(k.app.ctx(), tebiki::keys::Ctx::Check);
    // Help opened and closed between: the question is asked again.
    k.keys("<F1><Esc><Right>");
    assert_eq!(k.app.ctx(), tebiki::keys::Ctx::Check);
    k.keys("<Right>");
    assert_eq!(k.app.ctx(), tebiki::keys::Ctx::Choice);
    // Agreeing without the answers: said what to do, nothing to confirm, nothing saved.
    // Agree, then the two acknowledgements listed after the three answers.
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>");
    assert_eq!(k.app.person.choice.pick, Some(tebiki::app::Pick::Agree));
    assert!(!k.app.person.choice.reviewing);
    assert!(
        k.screen()
            .contains("To agree, answer the questions before this screen first"),
        "{}",
        k.screen()
    );
    assert!(k.records().is_empty());
    // No, without the answers: saved, with the check as it was (nothing answered).
    k.keys("<Up><Up><Up><Up><Space><Down><Down><Space><Enter>");
    assert!(k.app.person.choice.reviewing, "{}", k.screen());
    k.keys("<Enter>");
    let r = only_record(&k);
    assert_eq!(r["decision"], "refused");
    assert_eq!(r["check"]["correct"], 0, "{r}");
    assert!(r["check"]["questions"].as_u64().unwrap() > 0, "{r}");
}

/// The screen's text with its lines joined (a message wraps): with spaces in English, as is
/// in Japanese.
fn joined(k: &Kiosk, lang: &str) -> String {
    let sep = if lang == "en" { " " } else { "" };
    k.screen()
        .lines()
        .map(|l| l.trim().trim_matches('│').trim())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The text inside the pop-up on screen, its lines joined as [`joined`] joins them.
fn popup_text(k: &Kiosk, lang: &str) -> String {
    let sep = if lang == "en" { " " } else { "" };
    k.screen()
        .lines()
        .filter_map(|l| {
            let (a, b) = (l.find('│')?, l.rfind('│')?);
            (b > a).then(|| l[a + '│'.len_utf8()..b].trim().to_string())
        })
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

#[test]
fn no_and_not_now_need_no_reading_but_agreeing_does() {
    for (lang, asked, agree_first, help) in [
        (
            "en",
            "To choose No or Not now without reading on, press → again.",
            "To agree, first read the explanation to its end",
            "press →, wait a moment, then press → again.",
        ),
        (
            "ja",
            "読まずに「使わない」「今は使わない」を選ぶなら、もう一度 → を押してください。",
            "同意するには、先に説明を最後まで読んでください",
            "→ を押し、少し待ってから、もう一度 → を押します。",
        ),
    ] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>").identify("E2004", "Sam Lee", "");
        let first = k.app.step;
        assert_eq!(k.app.ctx(), Ctx::Reading);
        // Help says how, before anyone tries.
        k.keys("<F1>");
        assert!(
            popup_text(&k, lang).contains(help),
            "{lang}: {}",
            k.screen()
        );
        k.keys("<Esc>");
        // One → on a screen not read to its end: it says how to decide without reading on.
        k.keys("<Right>");
        assert_eq!(k.app.step, first, "{lang}");
        assert!(joined(&k, lang).contains(asked), "{lang}: {}", k.screen());
        // Another key between: asked again, not gone on (a habit never skips the reading).
        k.keys("<Down><Right>");
        assert_eq!(k.app.step, first, "{lang}");
        k.keys("<F1><Esc><Right>");
        assert_eq!(k.app.step, first, "{lang}");
        // A key that does nothing here cancels it too.
        k.keys("x<Right>");
        assert_eq!(k.app.step, first, "{lang}");
        // PgDn, pressed to read on, is the same command as → here, but never the second key.
        k.keys("<PageDown><PageDown><PageDown>");
        assert_eq!(k.app.step, first, "{lang}");
        k.keys("x<Right>");
        assert_eq!(k.app.step, first, "{lang}");
        // Enter says how, but is not the first of the two.
        k.keys("<Enter>");
        assert_eq!(k.app.step, first, "{lang}");
        assert!(joined(&k, lang).contains(asked), "{lang}: {}", k.screen());
        k.keys("<Right>");
        assert_eq!(k.app.step, first, "{lang}");
        k.keys("<Right>");
        assert_eq!(k.app.ctx(), Ctx::Choice, "{lang}");
        assert!(
            joined(&k, lang).contains(agree_first),
            "{lang}: {}",
            k.screen()
        );
        // Esc goes back to the screen left, not to the check.
        k.keys("<Esc>");
        assert_eq!(k.app.step, first, "{lang}");
        k.keys("<Right><Right>");
        assert_eq!(k.app.ctx(), Ctx::Choice, "{lang}");
        // Agreeing without the reading: said what to do, nothing to confirm, nothing saved
        // (agree, then the two acknowledgements listed after the three answers).
        k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::Agree), "{lang}");
        assert!(!k.app.person.choice.reviewing, "{lang}");
        assert!(
            joined(&k, lang).contains(agree_first),
            "{lang}: {}",
            k.screen()
        );
        assert!(k.records().is_empty(), "{lang}");
        // No, without reading on: saved, saying what was read.
        k.keys("<Up><Up><Up><Up><Space><Down><Down><Space><Enter>");
        assert!(k.app.person.choice.reviewing, "{lang}: {}", k.screen());
        k.keys("<Enter>");
        let r = only_record(&k);
        assert_eq!(r["decision"], "refused", "{lang}");
        let screens = r["content"]["screens"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let read: Vec<(&str, bool)> = screens
            .iter()
            .map(|s| {
                (
                    s["id"].as_str().unwrap_or(""),
                    s["read_to_end"].as_bool().unwrap_or(true),
                )
            })
            .collect();
        // The first screen, not read to its end, and the choice; nothing between.
        assert_eq!(read.len(), 2, "{lang}: {read:?}");
        assert!(!read[0].1, "{lang}: {read:?}");
        assert_eq!(r["check"]["correct"], 0, "{lang}: {r}");
        if lang != "en" {
            continue;
        }
        // The export lists every screen to read as not read, opened or not.
        let required: Vec<String> = k
            .app
            .content
            .manifest
            .screens
            .iter()
            .filter(|s| s.kind == tebiki::content::ScreenKind::Info && s.required)
            .map(|s| s.id.clone())
            .collect();
        assert!(required.len() > 5, "{required:?}");
        let out = common::tebiki(k.dir.path(), &["export", "--format", "csv"]);
        let mut rows = csv::Reader::from_reader(&out.stdout[..]);
        let headers = rows.headers().unwrap().clone();
        let unread = headers.iter().position(|h| h == "unread_screens").unwrap();
        let row = rows.records().next().unwrap().unwrap();
        assert_eq!(&row[unread], required.join(";"), "{r}");
        // The standard receipt does not say the notice was read and the check answered.
        let out = common::tebiki(k.dir.path(), &["export", "--format", "receipts"]);
        let receipt: Value = serde_json::from_slice(&out.stdout).unwrap();
        let method = receipt["collection_method"].as_str().unwrap_or("");
        assert!(!method.contains("after reading"), "{method}");
        assert!(
            method.contains("without reading the whole notice"),
            "{method}"
        );
    }
}

/// The second → of a skip counts only after a pause: a key held down, or pressed twice by
/// habit, asks again instead (its repeats come faster than the pause).
#[test]
fn a_second_arrow_too_soon_asks_again() {
    let pause = std::time::Duration::from_millis(300);
    let mut k = Kiosk::new("en");
    k.app.skip_pause = pause;
    k.keys("<Enter>").identify("E2006", "Ren Abe", "");
    let first = k.app.step;
    k.keys("<Right><Right><Right><Right>");
    assert_eq!(k.app.step, first, "held down: still reading");
    assert!(joined(&k, "en").contains("press → again"), "{}", k.screen());
    std::thread::sleep(pause);
    k.keys("<Right>");
    assert_eq!(k.app.ctx(), Ctx::Choice);
    // The same at the check; arriving at the choice says what agreeing needs.
    k.keys("<Esc>").read_all();
    assert_eq!(k.app.ctx(), Ctx::Check);
    k.keys("<Right><Right><Right>");
    assert_eq!(k.app.ctx(), Ctx::Check, "held down: still the check");
    std::thread::sleep(pause);
    k.keys("<Right>");
    assert_eq!(k.app.ctx(), Ctx::Choice);
    assert!(
        joined(&k, "en").contains("To agree, answer the questions before this screen first"),
        "{}",
        k.screen()
    );
}

#[test]
fn agreeing_after_coming_back_to_read_everything_is_taken() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E2005", "Kim Ito", "");
    // To the choice without reading, then back, and through every screen and the check.
    k.keys("<Right><Right><Esc>").read_all().pass_check();
    assert_eq!(k.app.ctx(), Ctx::Choice);
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>");
    assert!(k.app.person.choice.reviewing, "{}", k.screen());
    k.keys("<Enter>");
    assert_eq!(only_record(&k)["decision"], "given");
    let out = common::tebiki(k.dir.path(), &["export", "--format", "receipts"]);
    let receipt: Value = serde_json::from_slice(&out.stdout).unwrap();
    let method = receipt["collection_method"].as_str().unwrap_or("");
    assert!(method.contains("after reading the notice"), "{method}");
}

#[test]
fn switching_language_midway_keeps_progress_and_records_both() {
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>").identify("E3003", "佐藤 花子", "");
    k.keys("<End><Right><End><Right>");
    let before = k.app.step;
    assert!(k.screen().contains("3 / 11"), "{}", k.screen());
    k.keys("<F2>");
    assert_eq!(k.app.step, before, "same screen after switching");
    assert!(k.screen().contains("English"), "{}", k.screen());
    assert!(k.screen().contains("3 / 11"));
    // The typed name is kept.
    assert_eq!(k.app.person.name(), "佐藤 花子");
    k.read_all()
        .pass_check()
        .keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let r = only_record(&k);
    assert_eq!(r["content"]["languages"], serde_json::json!(["ja", "en"]));
    assert!(r["content"]["sha256"]["en"].is_string() && r["content"]["sha256"]["ja"].is_string());
    assert_eq!(r["ui_language"], "en");
    let third = &r["content"]["screens"][2];
    assert_eq!(third["languages"], serde_json::json!(["ja", "en"]));
}

#[test]
fn a_wrong_answer_points_back_to_the_screen_that_explains_it() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E4004", "Kim Lee", "")
        .read_all();
    let q = k.app.content.manifest.questions[0].clone();
    let wrong = if q.answer == 1 { 2 } else { 1 };
    k.keys(&format!("{}<Enter>", "<Down>".repeat(wrong - 1)));
    assert_eq!(k.app.ctx(), Ctx::CheckWrong);
    let explains = k.app.content.screen_index(&q.explains).unwrap();
    let title = k.app.content.lang(&k.app.lang).screens[explains]
        .doc
        .title
        .clone();
    assert!(
        k.screen().contains(&title),
        "names the screen: {}",
        k.screen()
    );
    // Enter goes back to that screen; Enter there returns to the question. So does Esc, and
    // after ← to the screen before, Enter still does.
    k.keys("<Enter>");
    assert_eq!(k.app.step, Step::Screen(explains));
    assert_eq!(k.app.ctx(), Ctx::Revisit);
    k.keys("<Esc>");
    assert_eq!(k.app.ctx(), Ctx::Check, "{}", k.screen());
    k.keys(&format!("{}<Enter>", "<Down>".repeat(wrong - 1)));
    k.keys("<Enter>");
    assert_eq!(k.app.step, Step::Screen(explains));
    if explains > 0 {
        k.keys("<Left>");
        assert_eq!(k.app.step, Step::Screen(explains - 1));
        assert_eq!(k.app.ctx(), Ctx::Revisit, "{}", k.screen());
        assert!(
            k.screen().contains("Back to the question"),
            "{}",
            k.screen()
        );
    }
    k.keys("<Enter>");
    assert_eq!(k.app.ctx(), Ctx::Check);
    // The first answered right: the message under the second question names the first.
    k.keys(&format!("{}<Enter>", "<Down>".repeat(q.answer - 1)));
    assert_eq!(k.app.person.check.current, 1);
    assert!(
        k.screen().contains("Question 1 is correct"),
        "{}",
        k.screen()
    );
    let rest: Vec<usize> = k.app.content.manifest.questions[1..]
        .iter()
        .map(|q| q.answer)
        .collect();
    for answer in rest {
        k.keys(&format!("{}<Enter>", "<Down>".repeat(answer - 1)));
    }
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let r = only_record(&k);
    // Answered wrong twice (once more after Esc), then right.
    assert_eq!(r["check"]["items"][0]["attempts"], 3);
    assert_eq!(r["check"]["items"][0]["first_try"], false);
    assert_eq!(
        r["check"]["correct_first_try"],
        r["check"]["questions"].as_u64().unwrap() - 1
    );
}

#[test]
fn a_required_screen_must_be_read_to_the_end_first() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E5005", "Sam", "");
    let first = k.app.step;
    k.keys("<Right>");
    assert_eq!(k.app.step, first, "not yet read");
    assert!(
        k.screen().contains("read this screen to the end"),
        "{}",
        k.screen()
    );
    k.keys("<Space><Space><Space><Space><Right>");
    assert_ne!(k.app.step, first);
}

/// The current screen's lines at the app's size (the test lays it out itself, as the view does).
fn body_lines(k: &Kiosk) -> usize {
    tebiki::ui::body(&k.app, k.app.text_width()).lines.len()
}

/// One key to the app, with no drawing before or after it.
fn undrawn_key(k: &mut Kiosk, name: &str) {
    let event = common::parse_keys(name).remove(0);
    assert_eq!(k.app.handle_event(&event), None);
}

#[test]
fn a_screen_is_read_to_the_end_only_once_a_drawing_showed_its_end() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E5006", "Sam", "");
    let Step::Screen(i) = k.app.step else {
        panic!("on a text screen: {:?}", k.app.step)
    };
    assert!(
        body_lines(&k) > k.app.viewport(),
        "the screen is longer than a page"
    );
    // Scrolled to the end, but nothing drawn since: not read, and not passed.
    undrawn_key(&mut k, "<End>");
    undrawn_key(&mut k, "<End>");
    assert!(!k.app.person.visits[i].read_to_end);
    undrawn_key(&mut k, "<Right>");
    assert_eq!(
        k.app.step,
        Step::Screen(i),
        "not passed without the end shown"
    );
    // A drawing at another size than the terminal's does not count either.
    common::render(&k.app, 80, 60);
    k.app.note_drawn();
    assert!(
        !k.app.person.visits[i].read_to_end,
        "drawn at 80x60, shown at 80x24"
    );
    // Drawn at the terminal's size, with the last line on screen: read. (The message the →
    // brought takes two lines from the body: a key closes it first.)
    undrawn_key(&mut k, "<End>");
    k.draw();
    assert!(k.app.person.visits[i].read_to_end);
    let last = body_lines(&k) - k.app.viewport();
    assert_eq!(k.app.person.visits[i].scroll, last);

    // The next screen, reached without a drawing, is not read however short it is.
    undrawn_key(&mut k, "<Right>");
    let Step::Screen(next) = k.app.step else {
        panic!("on the next screen: {:?}", k.app.step)
    };
    assert_eq!(next, i + 1);
    undrawn_key(&mut k, "<End>");
    assert!(!k.app.person.visits[next].read_to_end);
    // Drawn in the other language, then switched back before the drawing was taken: not read.
    k.app.lang = tebiki::i18n::Lang::new("ja");
    common::render(&k.app, 80, 24);
    k.app.lang = tebiki::i18n::Lang::new("en");
    k.app.note_drawn();
    assert!(!k.app.person.visits[next].read_to_end);
}

#[test]
fn after_a_resize_the_viewport_follows_the_new_size() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E5007", "Sam", "");
    let Step::Screen(i) = k.app.step else {
        panic!("on a text screen: {:?}", k.app.step)
    };
    k.keys("<End>");
    let lines = body_lines(&k);
    assert_eq!(k.app.person.visits[i].scroll, lines - 20);
    let key = k.app.view_key_at(80, 24);
    let laid = k.app.body_viewport.laid(key).expect("drawn at 80x24");
    assert_eq!((laid.height, laid.lines, laid.top), (20, lines, lines - 20));

    // Smaller: the same lines stay at the top, and the end is now further down.
    let resized = k.app.handle_event(&crossterm::event::Event::Resize(80, 14));
    assert_eq!(resized, None, "a resize asks for nothing");
    k.draw();
    let lines = body_lines(&k);
    let laid = k
        .app
        .body_viewport
        .laid(k.app.view_key_at(80, 14))
        .expect("drawn at 80x14");
    assert_eq!(laid.height, 10, "the body of a 14-line terminal");
    assert_eq!(laid.lines, lines);
    assert!(!laid.end_shown());
    k.keys("<End>");
    assert_eq!(k.app.person.visits[i].scroll, lines - 10);
    assert!(k.screen().contains(&last_text_line(&k)), "{}", k.screen());

    // Larger again: the scroll comes back within the text, its last line on the last row.
    k.app.resize(80, 24);
    k.draw();
    assert_eq!(k.app.person.visits[i].scroll, body_lines(&k) - 20);
}

/// The last non-blank line of the current screen's text.
fn last_text_line(k: &Kiosk) -> String {
    tebiki::ui::body(&k.app, k.app.text_width())
        .lines
        .iter()
        .rev()
        .map(|l| l.to_string().trim().to_string())
        .find(|l| !l.is_empty())
        .expect("a screen with text")
}

#[test]
fn scrolling_stops_at_the_last_line() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E5008", "Sam", "");
    let Step::Screen(i) = k.app.step else {
        panic!("on a text screen: {:?}", k.app.step)
    };
    let last = body_lines(&k) - k.app.viewport();
    for _ in 0..last + 5 {
        k.keys("<Down>");
    }
    assert_eq!(k.app.person.visits[i].scroll, last);
    k.keys("<Up>");
    assert_eq!(
        k.app.person.visits[i].scroll,
        last - 1,
        "one up from the end"
    );
    k.keys("<Space><Space><Space><Space><Space>");
    assert_eq!(k.app.person.visits[i].scroll, last);
    k.keys("<End><Up>");
    assert_eq!(k.app.person.visits[i].scroll, last - 1);
    k.keys("<Home>");
    assert_eq!(k.app.person.visits[i].scroll, 0);
}

/// On arrival no answer is under the cursor, so none is a key closer than another: Space
/// alone chooses nothing and says how to choose; "agree" is one ↓ away and "No" one ↑ away.
#[test]
fn no_answer_is_under_the_cursor_on_arrival_and_agree_and_no_are_as_near() {
    for lang in ["en", "ja"] {
        let arrive = || {
            let mut k = Kiosk::new(lang);
            k.keys("<Enter>")
                .identify("E6007", "Pat", "")
                .read_all()
                .pass_check();
            assert_eq!(k.app.ctx(), Ctx::Choice);
            k
        };
        let mut k = arrive();
        assert_eq!(k.app.person.choice.focus, None, "{lang}");
        assert!(!k.screen().contains('▶'), "{lang}: {}", k.screen());
        k.keys("<Space>");
        assert_eq!(k.app.person.choice.pick, None, "{lang}");
        let told = if lang == "en" {
            "Move to an answer"
        } else {
            "答えに移って"
        };
        assert!(k.screen().contains(told), "{lang}: {}", k.screen());
        k.keys("<Down><Space>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::Agree), "{lang}");
        let mut k = arrive();
        k.keys("<Up><Space>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::Refuse), "{lang}");
        let mut k = arrive();
        k.keys("<Tab><Tab><Space>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::NotNow), "{lang}");
    }
}

/// Where the choice's text goes on below the answers, the hint names PgDn, not ↓ (↓ lands on
/// "agree"), and Space, which pages on the screens before, is not named: PgDn reads on without
/// putting an answer under the cursor, so a Space pressed next still chooses nothing.
#[test]
fn reading_on_from_the_choice_never_lands_on_an_answer() {
    for (lang, hint, down_hint) in [
        ("en", "PgDn to read on", "↓ to read on"),
        ("ja", "PgDn で読み進めて", "↓ で読み進めて"),
    ] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>")
            .identify("E6008", "Pat", "")
            .read_all()
            .pass_check();
        assert_eq!(k.app.ctx(), Ctx::Choice);
        let Step::Screen(i) = k.app.step else {
            panic!("on a screen")
        };
        let screen = k.screen();
        assert!(screen.contains(hint), "{lang}: {screen}");
        assert!(!screen.contains(down_hint), "{lang}: {screen}");
        k.keys("<PageDown>");
        assert!(k.app.person.visits[i].scroll > 0, "{lang}: PgDn read on");
        assert_eq!(k.app.person.choice.focus, None, "{lang}");
        assert_eq!(k.app.ctx(), Ctx::Choice, "{lang}: PgDn stays on the choice");
        k.keys("<Space>");
        assert_eq!(k.app.person.choice.pick, None, "{lang}");
        // Read back up; ↑ with nothing focused still goes to "No", as on arrival.
        k.keys("<PageUp><PageUp><PageUp>");
        assert_eq!(k.app.person.visits[i].scroll, 0, "{lang}");
        k.keys("<PageDown><Up><Space>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::Refuse), "{lang}");
    }
}

/// A kiosk at 40x12 in `lang`, at the choice screen for `id` (identified, every screen read,
/// the check passed).
fn at_the_choice_40x12(lang: &str, id: &str) -> Kiosk {
    let mut k = Kiosk::new(lang);
    k.app.resize(40, 12);
    k.keys("<Enter>")
        .identify(id, "Pat", "")
        .read_all()
        .pass_check();
    k
}

/// On the smallest screen the three answers are in view on arrival, alike (the title and the
/// lead are above them), and "No" is one ↑ away as "agree" is one ↓ away.
#[test]
fn at_40x12_the_three_answers_are_in_view_on_arrival() {
    for (lang, answers) in [
        ("en", ["( ) I agree", "( ) Not now", "( ) No"]),
        ("ja", ["( ) このルール", "( ) 今は使わない", "( ) 使わない"]),
    ] {
        let mut k = at_the_choice_40x12(lang, "E6009");
        assert_eq!(k.app.ctx(), Ctx::Choice);
        let screen = k.screen();
        for answer in answers {
            assert!(screen.contains(answer), "{lang} {answer}:\n{screen}");
        }
        k.keys("<Up><Space>");
        assert_eq!(k.app.person.choice.pick, Some(Pick::Refuse), "{lang}");
    }
}

/// On the smallest screen the summary to confirm shows what is being saved, not only whose
/// name: the answer is in view with "Enter: save".
#[test]
fn at_40x12_the_summary_to_confirm_shows_the_answer_being_saved() {
    for (lang, answer, save) in [
        ("en", "No: you keep the current", "Enter: save"),
        ("ja", "使わない：今の連絡方法", "Enter："),
    ] {
        let mut k = at_the_choice_40x12(lang, "E6011");
        k.keys("<Up><Space><Enter>");
        assert!(k.app.person.choice.reviewing, "{lang}");
        let screen = k.screen();
        assert!(screen.contains("Pat"), "{lang}:\n{screen}");
        assert!(screen.contains(answer), "{lang}:\n{screen}");
        assert!(screen.contains(save), "{lang}:\n{screen}");
    }
}

/// On the smallest screen a message keeps its end (what to do), taking lines from the body:
/// going on with nothing chosen says how to choose, whole.
#[test]
fn at_40x12_a_message_keeps_what_to_do() {
    for (lang, end) in [("en", "press Space."), ("ja", "びます）。")] {
        let mut k = at_the_choice_40x12(lang, "E6012");
        k.keys("<Right>");
        let screen: String = k.screen().lines().map(str::trim_end).collect();
        assert!(screen.contains(end), "{lang}:\n{}", k.screen());
    }
}

/// Back from the choice to the check once every answer was right: the check says so and Enter
/// goes on to the choice; nothing counts as another answer (the record's tries stay as they
/// were).
#[test]
fn back_at_the_passed_check_enter_goes_on_without_answering_again() {
    for (lang, done) in [
        ("en", "You answered all 5 questions correctly"),
        ("ja", "5 問すべてに正しく答えました"),
    ] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>")
            .identify("E6010", "Pat", "")
            .read_all()
            .pass_check();
        assert_eq!(k.app.ctx(), Ctx::Choice);
        let tries = k.app.person.check.attempts.clone();
        k.keys("<Esc>");
        let screen = k.screen();
        assert!(screen.contains(done), "{lang}: {screen}");
        assert!(
            !screen.contains("( )"),
            "{lang}: no answers to tick\n{screen}"
        );
        k.keys("<Down><Space><Enter>");
        assert_eq!(k.app.ctx(), Ctx::Choice, "{lang}: {}", k.screen());
        assert_eq!(k.app.person.check.attempts, tries, "{lang}");
        k.keys("<Up><Space><Enter><Enter>");
        let records = k.records();
        let consent = records.last().expect("saved");
        assert_eq!(consent["decision"], "refused", "{lang}");
        assert_eq!(consent["check"]["attempts"], 5, "{lang}: {consent}");
        assert_eq!(consent["check"]["correct_first_try"], 5, "{lang}");
    }
}

#[test]
fn agreeing_needs_both_acknowledgements_and_optional_purposes_can_be_declined() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E6006", "Pat", "")
        .read_all()
        .pass_check();
    // On arrival at 80x24: all three answers in view, alike.
    let screen = k.screen();
    for answer in ["( ) I agree", "( ) Not now", "( ) No"] {
        assert!(screen.contains(answer), "{answer}: {screen}");
    }
    k.keys("<Enter>");
    assert!(
        k.screen().contains("Choose one of the three"),
        "{}",
        k.screen()
    );
    // Agree without confirming the two points: not yet.
    k.keys("<Down><Space><Enter>");
    assert!(k.screen().contains("confirm both points"), "{}", k.screen());
    assert_eq!(k.app.ctx(), Ctx::Choice);
    // Confirm them, leave the optional purpose unticked: a consent with that purpose declined.
    k.keys("<Down><Down><Down><Space><Down><Space><Enter>");
    assert_eq!(k.app.ctx(), Ctx::Review, "{}", k.screen());
    assert!(k.screen().contains("Not agreed"), "{}", k.screen());
    k.keys("<Enter>");
    let records = k.records();
    assert_eq!(records.len(), 1);
    let r = &records[0];
    assert_eq!(r["decision"], "given");
    assert_eq!(
        r["acknowledged"],
        serde_json::json!(["hours-rules", "report-loss"])
    );
    let purposes = r["purposes"].as_array().unwrap();
    assert_eq!(purposes[0]["id"], "own-phone");
    assert_eq!(purposes[0]["granted"], true);
    assert_eq!(purposes[1]["id"], "emergency-contact");
    assert_eq!(purposes[1]["granted"], false);
    // Remote deletion is not asked (nor recorded) unless the company uses it.
    assert!(purposes.iter().all(|p| p["id"] != "remote-wipe"));
    // The receipt says so too: the declined purpose is as much on record as the rest.
    assert_eq!(k.app.ctx(), Ctx::Receipt);
    let receipt = body_text(&k);
    assert!(receipt.contains("Not agreed"), "{receipt}");
    assert!(receipt.contains("✓"), "{receipt}");
}

#[test]
fn a_failed_write_says_nothing_was_saved_and_keeps_the_choice() {
    let mut k = Kiosk::new("en");
    // A file where the ledger folder should be: every write fails.
    std::fs::write(k.ledger_dir(), b"not a folder").unwrap();
    k.keys("<Enter>")
        .identify("E7007", "Robin", "")
        .read_all()
        .pass_check();
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let screen = k.screen();
    assert!(screen.contains("NOT saved"), "{screen}");
    assert!(!screen.contains("has been saved"), "{screen}");
    assert!(k.app.person.saved.is_none());
    assert_eq!(
        k.app.ctx(),
        Ctx::Review,
        "still on the choice, ready to try again"
    );
    // Staff fix the folder; a second explicit Enter saves it.
    std::fs::remove_file(k.ledger_dir()).unwrap();
    k.keys("<Enter>");
    assert!(k.screen().contains("has been saved"), "{}", k.screen());
    assert_eq!(k.records().len(), 1);
}

#[test]
fn withdrawing_takes_three_steps_from_the_welcome_screen() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E8008", "Jo", "")
        .read_all()
        .pass_check();
    k.keys(&format!("{AGREE}<Enter><Enter><Enter>"));
    k.choose_withdraw();
    k.identify("E8008", "Jo", "");
    assert_eq!(k.app.step, Step::Withdraw, "{}", k.screen());
    k.keys("<Enter>");
    assert!(k.screen().contains("Consent withdrawn"), "{}", k.screen());
    let records = k.records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["type"], "withdrawal");
    assert_eq!(records[1]["employee"]["id"], "E8008");
}

#[test]
fn two_people_in_a_row_chain_their_records() {
    use sha2::Digest;
    let mut k = Kiosk::new("en");
    for (id, name) in [("A1", "First"), ("A2", "Second")] {
        k.keys("<Enter>")
            .identify(id, name, "")
            .read_all()
            .pass_check();
        k.keys("<Up><Space><Enter><Enter><Enter>");
    }
    let recs = k.records();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[1]["seq"], 2);
    assert_eq!(recs[0]["decision"], "refused");
    let first_line = std::fs::read_to_string(k.ledger_dir().join("test-kiosk.jsonl")).unwrap();
    let first_line = first_line.lines().next().unwrap();
    assert_eq!(
        recs[1]["prev"],
        hex::encode(sha2::Sha256::digest(first_line.as_bytes()))
    );
}

#[test]
fn identity_needs_an_id_and_a_name_and_refuses_control_characters() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter><Enter>");
    assert!(
        k.screen().contains("enter your employee ID"),
        "{}",
        k.screen()
    );
    // An escape sequence, a bidi override and a zero-width space never get into the field:
    // nothing of that paste does (what is left without them is not what was meant).
    k.paste("E9\u{1b}[2J\u{202E}\u{200B}");
    assert!(k.screen().contains("control characters"), "{}", k.screen());
    assert_eq!(k.app.person.fields[0].value(), "");
    // An id with a space is not an id: said as soon as the id field is left.
    k.keys("<Home>").paste("A E9").keys("<Enter>");
    assert!(k.screen().contains("has a space in it"), "{}", k.screen());
    assert_eq!(k.app.person.field, tebiki::app::FIELD_ID);
    assert_eq!(k.app.step, Step::Identity);
}

#[test]
fn a_full_width_id_is_recorded_in_its_usual_form() {
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>")
        .identify("Ｅ１００１", "ﾔﾏﾀﾞ ﾀﾛｳ", "")
        .read_all()
        .pass_check();
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let r = only_record(&k);
    assert_eq!(r["employee"]["id"], "E1001");
    assert_eq!(r["employee"]["id_as_entered"], "Ｅ１００１");
    assert_eq!(
        r["employee"]["name"], "ﾔﾏﾀﾞ ﾀﾛｳ",
        "a name is stored exactly as entered"
    );
}

#[test]
fn the_organisation_can_require_an_id_form() {
    let mut k = Kiosk::new("en");
    k.app.settings.id_rule = tebiki::record::identity::IdRule::new(Some("[A-Z][0-9]{4}")).unwrap();
    k.app.settings.id_example = Some("A1234".into());
    // Said as soon as the id field is left, with an example of the form.
    k.keys("<Enter>").paste("12345").keys("<Enter>");
    let screen = k.screen();
    assert!(screen.contains("organisation's form"), "{screen}");
    assert!(screen.contains("A1234"), "{screen}");
    assert_eq!(k.app.person.field, tebiki::app::FIELD_ID);
    k.keys("<End><BS><BS><BS><BS><BS>")
        .paste("A1234")
        .keys("<Enter>")
        .paste("Max")
        .keys("<Enter><Enter>");
    assert_eq!(k.app.step, Step::Screen(0), "{}", k.screen());
}

#[test]
fn space_ticks_an_option_and_only_enter_answers() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E4104", "Kim Lee", "")
        .read_all();
    let q = k.app.content.manifest.questions[0].clone();
    // Space twice, as when reading on: nothing is answered, the first option is ticked.
    k.keys("<Space><Space>");
    assert_eq!(k.app.ctx(), Ctx::Check);
    assert_eq!(k.app.person.check.current, 0);
    assert_eq!(k.app.person.check.attempts[0], 0);
    assert_eq!(k.app.person.check.ticked, Some(0));
    assert!(k.screen().contains("(•)"), "{}", k.screen());
    // Tick the right option, move the highlight away: Enter answers with what is ticked.
    k.keys(&"<Down>".repeat(q.answer - 1));
    k.keys("<Space><Up>");
    if q.answer > 1 {
        assert_ne!(k.app.person.check.focus + 1, q.answer);
    }
    k.keys("<Enter>");
    assert_eq!(k.app.person.check.attempts[0], 1);
    assert!(k.app.person.check.passed[0], "{}", k.screen());
    assert_eq!(k.app.person.check.current, 1);
    assert_eq!(
        k.app.person.check.ticked, None,
        "the next question starts unticked"
    );
}

#[test]
fn a_wrong_answer_opens_the_screen_at_its_rule_highlighted() {
    for lang in ["ja", "en"] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>")
            .identify("E4204", "Kim Lee", "")
            .read_all();
        let questions = k.app.content.manifest.questions.clone();
        for (n, q) in questions.iter().enumerate() {
            assert_eq!(k.app.person.check.current, n);
            let wrong = if q.answer == 1 { 2 } else { 1 };
            k.keys(&format!("{}<Enter>", "<Down>".repeat(wrong - 1)));
            assert_eq!(k.app.ctx(), Ctx::CheckWrong, "{lang} {}", q.id);
            k.keys("<Enter>");
            let explains = k.app.content.screen_index(&q.explains).unwrap();
            assert_eq!(k.app.step, Step::Screen(explains));
            let body = tebiki::ui::body(&k.app, k.app.text_width());
            let (first, end) = body
                .mark
                .unwrap_or_else(|| panic!("{lang} {}: no rule", q.id));
            let top = k.app.person.visits[explains].scroll;
            assert!(
                top <= first && first < top + k.app.viewport(),
                "{lang} {}: the rule starts on screen\n{}",
                q.id,
                k.screen()
            );
            for line in &body.lines[first..end] {
                assert!(
                    line.spans.iter().all(|s| s
                        .style
                        .add_modifier
                        .contains(ratatui::style::Modifier::REVERSED)),
                    "{lang} {}: {line:?}",
                    q.id
                );
            }
            let before = &body.lines[first.saturating_sub(1)];
            assert!(before.spans.iter().all(|s| {
                !s.style
                    .add_modifier
                    .contains(ratatui::style::Modifier::REVERSED)
            }));
            // Back to the question: the highlight is gone, and the right answer passes it.
            k.keys("<Enter>");
            assert_eq!(k.app.ctx(), Ctx::Check);
            // The highlight stays on the option answered wrongly.
            let moves = if q.answer > wrong {
                "<Down>".repeat(q.answer - wrong)
            } else {
                "<Up>".repeat(wrong - q.answer)
            };
            k.keys(&format!("{moves}<Enter>"));
        }
        assert!(k.app.person.check.all_passed());
        let info = k.app.content.screen_index("hours").unwrap();
        k.app.person.revisit = false;
        k.app.step = Step::Screen(info);
        assert!(tebiki::ui::body(&k.app, 76).mark.is_none());
    }
}

#[test]
fn the_right_answer_is_not_always_the_longest_option() {
    let k = Kiosk::new("ja");
    for lang in &k.app.content.langs {
        let questions = &k.app.content.manifest.questions;
        let longest = questions
            .iter()
            .filter(|q| {
                let options = &lang.forms.questions[&q.id].options;
                let width = |o: &String| tebiki::wrap::display_width(o);
                let right = width(&options[q.answer - 1]);
                options
                    .iter()
                    .enumerate()
                    .all(|(i, o)| i + 1 == q.answer || width(o) < right)
            })
            .count();
        assert!(
            longest * 2 < questions.len(),
            "{}: the right answer is the longest in {longest} of {} questions",
            lang.lang,
            questions.len()
        );
        let answers: std::collections::BTreeSet<usize> =
            questions.iter().map(|q| q.answer).collect();
        assert!(
            answers.len() > 2,
            "the right answer moves around: {answers:?}"
        );
        // The cursor starts on the first option: were it right, Enter alone would pass.
        assert!(
            !answers.contains(&1),
            "no right answer is the option the cursor starts on: {answers:?}"
        );
    }
}

/// Everything the current screen holds, scrolled or not, its lines joined by spaces.
fn body_text(k: &Kiosk) -> String {
    tebiki::ui::body(&k.app, k.app.text_width())
        .lines
        .iter()
        .map(|l| l.to_string().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn receipt_idle_and_choice_texts_fit_what_was_just_done() {
    use tebiki::app::{Mode, SessionInfo};
    // Agreeing on an attended terminal: how to withdraw here, and a trainer helps.
    let mut k = Kiosk::new("en");
    k.keys("<Enter>")
        .identify("E9101", "Pat", "")
        .read_all()
        .pass_check();
    assert!(body_text(&k).contains("first screen of this terminal"));
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let text = body_text(&k);
    assert!(text.contains("To withdraw, choose"), "{text}");
    assert!(text.contains("A trainer will help"), "{text}");
    // Idle on the receipt: the choice is saved, nothing is lost.
    k.app.idle_left = Some(10);
    let screen = k.screen();
    assert!(screen.contains("Your choice is saved"), "{screen}");
    assert!(!screen.contains("what you entered is cleared"), "{screen}");
    k.app.idle_left = None;
    k.keys("<Enter>");

    // An unattended kiosk promises no trainer.
    k.app.mode = Mode::Kiosk;
    k.keys("<Enter>")
        .identify("E9102", "Sam", "")
        .read_all()
        .pass_check();
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let text = body_text(&k);
    assert!(text.contains("To withdraw, choose"), "{text}");
    assert!(!text.to_lowercase().contains("trainer"), "{text}");
    k.keys("<Enter>");

    // "Not now": nothing to withdraw, so no word on how to.
    k.keys("<Enter>")
        .identify("E9103", "Jo", "")
        .read_all()
        .pass_check();
    k.keys("<Down><Down><Space><Enter><Enter>");
    let text = body_text(&k);
    assert!(text.contains("Not now"), "{text}");
    assert!(!text.contains("To withdraw"), "{text}");
    assert!(text.contains("contacted the way you are today"), "{text}");
    k.keys("<Enter>");

    // A withdrawal: told what follows, not how to withdraw.
    k.choose_withdraw();
    k.identify("E9101", "Pat", "").keys("<Enter>");
    let text = body_text(&k);
    assert!(text.contains("Consent withdrawn"), "{text}");
    assert!(!text.contains("To withdraw"), "{text}");
    assert!(text.contains("please delete them"), "{text}");
    k.keys("<Enter>");

    // In a trainer's session the terminal is the trainer's: withdrawing is at a kiosk.
    k.app.session = Some(SessionInfo {
        id: "S1".into(),
        trainer: "Lee".into(),
        slides: vec!["why".into()],
    });
    k.keys("<Enter>")
        .identify("E9104", "Ali", "")
        .read_all()
        .pass_check();
    let text = body_text(&k);
    assert!(!text.contains("first screen of this terminal"), "{text}");
    assert!(text.contains("a kiosk terminal"), "{text}");
    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
    let r = k.records().pop().unwrap();
    assert!(
        r["withdraw"]["text"]
            .as_str()
            .unwrap()
            .contains("kiosk terminal"),
        "{r}"
    );
}

#[test]
fn a_screen_passed_quicker_than_skimming_is_recorded_and_the_person_asked_once_to_slow_down() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>").identify("E7007", "Quick Reader", "");
    // The first screen, passed at once: the next one asks, gently, to take one's time.
    k.keys("<End><Right>");
    assert!(
        k.screen().contains("Please take your time"),
        "{}",
        k.screen()
    );
    assert_eq!(k.app.step, Step::Screen(1), "nothing is held back");
    // The second screen read slowly: not flagged, and the request is not repeated.
    k.app.person.visits[1].seconds = 600.0;
    k.keys("<End><Right>");
    assert!(
        !k.screen().contains("Please take your time"),
        "{}",
        k.screen()
    );
    k.read_all().pass_check();
    k.keys(&format!("{AGREE}<Enter><Enter>"));
    let r = only_record(&k);
    let screens = r["content"]["screens"].as_array().unwrap();
    assert_eq!(screens[0]["fast"], true, "{:#}", screens[0]);
    assert!(screens[1].get("fast").is_none(), "{:#}", screens[1]);
    // The export names the screens passed quickly.
    let out = common::tebiki(k.dir.path(), &["export", "--format", "csv"]);
    let mut rows = csv::Reader::from_reader(&out.stdout[..]);
    let headers = rows.headers().unwrap().clone();
    let col = headers.iter().position(|h| h == "fast_screens").unwrap();
    let unread = headers.iter().position(|h| h == "unread_screens").unwrap();
    let row = rows.records().next().unwrap().unwrap();
    // Every screen to read was read to its end; the check and the choice are not listed.
    assert_eq!(&row[unread], "", "{:#}", r["content"]["screens"]);
    assert!(
        row[col].starts_with(screens[0]["id"].as_str().unwrap()),
        "{:?}",
        &row[col]
    );
    // The report lists the person among those whose decision followed a quick screen.
    let out = common::tebiki(k.dir.path(), &["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let quick = report["read_quickly"].as_array().unwrap();
    assert_eq!(quick.len(), 1, "{report:#}");
    assert_eq!(quick[0]["employee_id"], "E7007");
}

/// At 80x24 the choice screen's text goes on below the answers (among it, how to withdraw
/// later): ↓ past the last field reads on to its end, which counts as read; at the end, ↓
/// goes round to the first answer.
#[test]
fn the_choice_screen_is_read_to_its_end_with_the_arrow_keys() {
    for (lang, words) in [
        ("en", "withdrawing is as easy as agreeing"),
        ("ja", "取り消せます"),
    ] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>")
            .identify("E7007", "Robin", "")
            .read_all()
            .pass_check();
        assert_eq!(k.app.ctx(), Ctx::Choice);
        let Step::Screen(i) = k.app.step else {
            panic!("on a screen")
        };
        assert!(!k.screen().contains(words), "{lang}: shown at once?");
        let mut presses = 0;
        while !k.app.person.visits[i].read_to_end {
            k.keys("<Down>");
            presses += 1;
            assert!(
                presses < 60,
                "{lang}: never reached the end\n{}",
                k.screen()
            );
        }
        let screen = k.screen();
        assert!(screen.contains(words), "{lang}: {screen}");
        // At the end, ↓ goes round to the first answer, brought back into view.
        k.keys("<Down>");
        assert_eq!(k.app.person.choice.focus, Some(0), "{lang}");
        let screen = k.screen();
        assert!(screen.contains("▶"), "{lang}: the focus in view\n{screen}");
    }
}

/// A message longer than the line takes a second line at 80x24 rather than lose its end
/// (here, the other answers the person may choose).
#[test]
fn a_long_message_is_read_whole_at_80x24() {
    let mut k = Kiosk::new("ja");
    k.keys("<Enter>")
        .identify("E7007", "Robin", "")
        .read_all()
        .pass_check();
    // Agree without confirming the two points.
    k.keys("<Down><Space><Enter>");
    let screen = k.screen();
    let joined: String = screen.lines().map(str::trim).collect();
    assert!(
        joined.contains("「今は使わない」か「使わない」を選んでください。"),
        "{screen}"
    );
    assert!(!screen.contains('…'), "{screen}");
    // The body gives up one line for it, and takes it back once the message goes.
    k.keys("<Down>");
    assert!(k.app.notice.is_none());
    let after = k.screen();
    let joined: String = after.lines().map(str::trim).collect();
    assert!(
        !joined.contains("か「使わない」を選んでください。"),
        "{after}"
    );
}

/// The receipt's countdown and its "more below" fit one line at 80 columns in both
/// languages: neither is cut.
#[test]
fn the_receipt_countdown_and_more_below_are_not_cut_at_80_columns() {
    for (lang, more) in [("ja", "続きは ↓"), ("en", "more (↓)")] {
        let mut k = Kiosk::new(lang);
        k.keys("<Enter>")
            .identify("E0001", "山田 花子", "")
            .read_all()
            .pass_check();
        k.keys(&format!("{AGREE}<Enter><Enter>"));
        k.app.receipt_left = Some(30);
        let screen = k.screen();
        let line = screen
            .lines()
            .rev()
            .nth(1)
            .unwrap_or_default()
            .trim_end()
            .to_string();
        assert!(line.contains("30"), "{screen}");
        assert!(line.contains(more), "{screen}");
        assert!(!line.ends_with('…'), "{line}");
    }
}

/// On the welcome screen the hint bar names what Enter does on the item highlighted.
#[test]
fn the_welcome_hint_bar_names_what_enter_does_on_each_item() {
    for (lang, start, withdraw, read) in [
        ("en", "Enter Start", "Enter Withdraw", "Enter Read"),
        ("ja", "Enter 始める", "Enter 取り消しへ進む", "Enter 読む"),
    ] {
        let mut k = Kiosk::new(lang);
        let hints = |k: &mut Kiosk| k.screen().lines().last().unwrap_or("").to_owned();
        assert!(hints(&mut k).contains(start), "{}", hints(&mut k));
        let langs = k.app.content.languages().len();
        while k.app.welcome_focus != langs {
            k.keys("<Down>");
        }
        assert!(hints(&mut k).contains(withdraw), "{}", hints(&mut k));
        assert!(!hints(&mut k).contains(start));
        k.keys("<Down>");
        assert!(hints(&mut k).contains(read), "{}", hints(&mut k));
        // And Enter does it: the notice opens.
        k.keys("<Enter>");
        assert_eq!(k.app.step, Step::Notice);
    }
}

/// A pop-up offers ↑↓ only when its text is longer than its room: help on the welcome screen
/// fits at 80x24 (no ↑↓, and ↓ moves nothing); help while identifying holds the privacy notice
/// too, so it scrolls, and ↓ moves it. The same pop-up on a taller terminal fits again.
#[test]
fn a_pop_up_offers_scrolling_only_when_its_text_does_not_fit() {
    for (lang, scroll) in [("en", "↑↓ Scroll"), ("ja", "↑↓ スクロール")] {
        let hints = |k: &Kiosk| k.screen().lines().last().unwrap_or("").to_owned();
        let mut k = Kiosk::new(lang);
        k.keys("<F1>");
        assert!(!hints(&k).contains(scroll), "{lang}: {}", hints(&k));
        let before = k.screen();
        k.keys("<Down>");
        assert_eq!(k.screen(), before, "{lang}: ↓ moved a pop-up that fits");

        k.keys("<Esc><Enter>");
        assert_eq!(k.app.step, tebiki::app::Step::Identity);
        k.keys("<F1>");
        assert!(hints(&k).contains(scroll), "{lang}: {}", hints(&k));
        let before = k.screen();
        k.keys("<Down>");
        assert_ne!(k.screen(), before, "{lang}: ↓ did not scroll the help");

        k.app.resize(160, 120);
        k.draw();
        assert!(!hints(&k).contains(scroll), "{lang} 160x120: {}", hints(&k));
    }
}
