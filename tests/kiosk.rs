//! A locked kiosk: keys that would quit do nothing, leaving takes the staff PIN, and an idle
//! terminal counts down and starts over with nothing of the previous person left.

mod common;

use std::time::{Duration, Instant};

use common::Kiosk;
use tebiki::app::{Effect, Mode, Step};
use tebiki::kiosk::COUNTDOWN;
use tebiki::pin::Outcome;

fn kiosk(lang: &str) -> Kiosk {
    let mut k = Kiosk::new(lang);
    k.app.mode = Mode::Kiosk;
    k
}

#[test]
fn quitting_keys_do_nothing_on_a_kiosk() {
    let mut k = kiosk("en");
    k.keys("q<Esc><C-c><C-d><C-z><C-\\>");
    assert!(!k.app.quit);
    assert_eq!(k.app.step, Step::Welcome);
    // The same keys quit an attended session.
    let mut attended = Kiosk::new("en");
    attended.keys("<C-c>");
    assert!(attended.app.quit);
}

#[test]
fn a_kiosk_shows_and_obeys_the_staff_exit_not_quit_and_an_attended_terminal_the_reverse() {
    use tebiki::keys::{Cmd, Ctx};
    let mut k = kiosk("en");
    let disabled = common::keys_agree(Ctx::Welcome, &k.app);
    assert!(disabled.contains(&Cmd::Quit), "{disabled:?}");
    assert!(!disabled.contains(&Cmd::StaffExit), "{disabled:?}");
    let bar = k.screen().lines().last().unwrap_or_default().to_string();
    assert!(!bar.contains(&k.app.t("act-quit")), "{bar}");
    k.keys("q");
    assert!(!k.app.quit);
    assert!(k.app.pin.is_none());
    // Help lists what works here, F10 among it, and its own keys agree too.
    k.keys("<F1>");
    assert_eq!(k.app.ctx(), Ctx::Help);
    common::keys_agree(Ctx::Help, &k.app);
    assert!(k.screen().contains("F10"), "{}", k.screen());
    k.keys("<Esc><F10>");
    assert!(k.app.pin.is_some());

    let mut attended = Kiosk::new("en");
    let disabled = common::keys_agree(Ctx::Welcome, &attended.app);
    assert!(disabled.contains(&Cmd::StaffExit), "{disabled:?}");
    assert!(!disabled.contains(&Cmd::Quit), "{disabled:?}");
    attended.keys("<F1>");
    assert!(!attended.screen().contains("F10"), "{}", attended.screen());
    attended.keys("<Esc><F10>");
    assert!(attended.app.pin.is_none());
    attended.keys("q");
    assert!(attended.app.quit);
}

#[test]
fn leaving_takes_the_staff_pin() {
    let mut k = kiosk("ja");
    k.keys("<F10>");
    assert!(k.screen().contains("管理者 PIN"), "{}", k.screen());
    // Typed digits show as dots, never as digits.
    for event in common::parse_keys("1357") {
        assert_eq!(k.app.handle_event(&event), None);
    }
    assert!(k.screen().contains("●●●●"), "{}", k.screen());
    assert!(!k.screen().contains("1357"));
    let effect = k.app.handle_event(&common::parse_keys("<Enter>")[0]);
    assert_eq!(effect, Some(Effect::VerifyPin("1357".into())));
    k.app.pin_outcome(Outcome::Wrong { wait_secs: 4 });
    assert!(k.screen().contains("PIN が違います"), "{}", k.screen());
    assert!(!k.app.quit);
    // Too soon: not even sent for checking.
    let effect = k.app.handle_event(&common::parse_keys("<Enter>")[0]);
    assert_eq!(effect, None);
    assert!(k.screen().contains("秒待って"), "{}", k.screen());
    // Once the wait is over, the message says so rather than still counting.
    k.app.tick(Instant::now() + Duration::from_secs(5));
    assert!(
        k.screen().contains("もう一度 PIN を入力できます"),
        "{}",
        k.screen()
    );
    assert!(!k.screen().contains("秒待って"), "{}", k.screen());
    // Esc closes the prompt; F10 again, a right PIN, and the kiosk may close.
    k.keys("<Esc>");
    assert!(k.app.pin.is_none());
    k.keys("<F10>");
    k.app.pin_outcome(Outcome::Accepted);
    assert!(k.app.quit);
}

#[test]
fn an_idle_kiosk_counts_down_then_starts_over_with_nothing_kept() {
    let mut k = kiosk("en");
    k.app.settings.idle_timeout = Duration::from_secs(90);
    let t0 = Instant::now();
    for event in common::parse_keys("<Enter>") {
        k.app.handle_event_at(&event, t0);
    }
    k.paste("E1001").keys("<Enter>").paste("Secret Name");
    k.app.last_input = t0;
    k.app.tick(t0 + Duration::from_secs(89));
    assert_eq!(k.app.idle_left, None);
    k.app.tick(t0 + Duration::from_secs(91));
    assert!(k.app.idle_left.is_some());
    assert!(k.screen().contains("Still there?"), "{}", k.screen());
    // The hint bar names what a key does now, not the keys of the screen under it.
    let bar = k.screen().lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("Any key I am still here"), "{bar}");
    assert!(!bar.contains("Back"), "{bar}");
    // A key during the countdown only says "still here": it changes nothing else.
    let before = k.app.person.fields[1].value().to_string();
    k.app
        .handle_event_at(&common::parse_keys("x")[0], t0 + Duration::from_secs(92));
    assert_eq!(k.app.idle_left, None);
    assert_eq!(k.app.person.fields[1].value(), before);
    // Nobody answers the next time.
    let later = t0 + Duration::from_secs(92) + k.app.settings.idle_timeout + COUNTDOWN;
    k.app.tick(later);
    assert_eq!(k.app.step, Step::Welcome);
    assert!(k.app.person.fields.iter().all(|f| f.value().is_empty()));
    assert!(
        k.app.wipe_screen,
        "the terminal is wiped, scrollback included"
    );
    assert!(!k.screen().contains("Secret Name"));
    // The welcome screen itself never times out.
    k.app.tick(later + Duration::from_secs(1000));
    assert_eq!(k.app.idle_left, None);
}

#[test]
fn an_attended_session_does_not_time_out() {
    let mut k = Kiosk::new("en");
    k.keys("<Enter>");
    let t = k.app.last_input;
    k.app.tick(t + Duration::from_secs(10_000));
    assert_eq!(k.app.step, Step::Identity);
}

#[test]
fn a_kiosk_never_offers_to_quit_but_help_tells_staff_how_to_leave() {
    let mut k = kiosk("en");
    assert!(!k.screen().contains("Quit"), "{}", k.screen());
    k.keys("<F1>");
    assert!(
        k.screen().contains("Staff: leave the kiosk"),
        "{}",
        k.screen()
    );
    let mut attended = Kiosk::new("en");
    assert!(attended.screen().contains("Quit"));
    attended.keys("<F1>");
    assert!(!attended.screen().contains("Staff"));
}

#[test]
fn esc_back_to_the_welcome_screen_forgets_the_person_as_the_idle_reset_does() {
    let mut k = kiosk("en");
    // The person picks English (the second language) and starts typing.
    k.keys("<Down><Enter>");
    k.paste("E1001").keys("<Enter>").paste("Secret Name");
    k.keys("<Esc>");
    assert_eq!(k.app.step, Step::Welcome);
    assert!(k.app.person.is_blank(), "{:?}", k.app.person.fields);
    assert!(
        k.app.wipe_screen,
        "the terminal is wiped, scrollback included"
    );
    assert_eq!(
        k.app.lang, k.app.start_lang,
        "the next person starts afresh"
    );
    k.keys("<Enter>");
    assert!(!k.screen().contains("Secret Name"), "{}", k.screen());
    assert!(!k.screen().contains("E1001"), "{}", k.screen());
}

#[test]
fn the_receipt_counts_down_and_gives_way_to_the_welcome_screen() {
    let mut k = kiosk("en");
    k.app.settings.receipt_timeout = Duration::from_secs(30);
    k.keys("<Enter>")
        .identify("E1001", "Secret Name", "Sales")
        .read_all()
        .pass_check();
    k.keys(&format!("{}<Enter><Enter>", common::AGREE));
    assert!(
        k.screen().contains("Your choice has been saved"),
        "{}",
        k.screen()
    );
    let t0 = Instant::now();
    k.app.tick(t0);
    assert_eq!(k.app.receipt_left, Some(30));
    assert!(
        k.screen().contains("Back to the start in 30 s"),
        "{}",
        k.screen()
    );
    k.app.tick(t0 + Duration::from_millis(20_500));
    assert_eq!(k.app.receipt_left, Some(10));
    // A key gives more time (the person is still reading).
    k.app.handle_event_at(
        &common::parse_keys("<Down>")[0],
        t0 + Duration::from_secs(25),
    );
    k.app.tick(t0 + Duration::from_secs(31));
    assert_eq!(k.app.receipt_left, Some(24));
    k.app.tick(t0 + Duration::from_secs(55));
    assert_eq!(k.app.step, Step::Welcome);
    assert!(k.app.person.is_blank());
    assert!(k.app.wipe_screen);
    assert_eq!(k.app.receipt_left, None);
    assert!(!k.screen().contains("Secret Name"), "{}", k.screen());
    assert_eq!(
        k.records().len(),
        1,
        "the record stays, only the screen is cleared"
    );
}

#[test]
fn an_untouched_welcome_screen_gives_way_to_a_moving_attract_screen_and_any_key_brings_it_back() {
    let mut k = kiosk("ja");
    k.app.settings.attract_after = Duration::from_secs(30);
    // The organisation's name, and its English one: each shown (the kiosk may be in either).
    let org = tebiki::config::Config::parse(
        "[org]\nname = \"株式会社サンプル\"\n[org.en]\nname = \"Sample Co.\"\n",
    )
    .unwrap()
    .org;
    let raw = tebiki::content::RawContent::load(&tebiki::source::Source::Embedded).unwrap();
    k.app.content = tebiki::content::Content::prepare(&raw, &org, &k.app.loc);
    k.app.settings.org_name = org.name.clone();
    let t0 = Instant::now();
    k.app.last_input = t0;
    k.app.tick(t0 + Duration::from_secs(29));
    assert_eq!(k.app.attract, None);
    let welcome = k.screen();
    k.app.tick(t0 + Duration::from_secs(31));
    assert!(k.app.attract.is_some());
    let first = k.screen();
    assert!(first.contains("株式会社サンプル"), "{first}");
    assert!(first.contains("Sample Co."), "{first}");
    assert!(first.contains("何かキーを押して開始"), "{first}");
    assert!(first.contains("Press any key to start"), "{first}");
    assert_ne!(first, welcome);
    // It moves, slowly.
    k.app.tick(t0 + Duration::from_secs(31 + 20));
    let later = k.screen();
    assert_ne!(first, later, "the text has moved");
    // Enter would start on the welcome screen: here it only brings the welcome screen back.
    k.app.handle_event_at(
        &common::parse_keys("<Enter>")[0],
        t0 + Duration::from_secs(60),
    );
    assert_eq!(k.app.attract, None);
    assert_eq!(k.app.step, Step::Welcome);
    assert_eq!(k.screen(), welcome);
    // And the next Enter does what it says.
    k.keys("<Enter>");
    assert_ne!(k.app.step, Step::Welcome);
}

#[test]
fn the_attract_screen_is_only_for_an_empty_welcome_screen() {
    let mut k = kiosk("en");
    k.keys("<Enter>");
    let t = k.app.last_input;
    k.app.tick(t + Duration::from_secs(40));
    assert_eq!(k.app.attract, None, "someone is typing who they are");
    let mut attended = Kiosk::new("en");
    let t = attended.app.last_input;
    attended.app.tick(t + Duration::from_secs(4000));
    assert_eq!(
        attended.app.attract, None,
        "an attended terminal has a trainer"
    );
}
