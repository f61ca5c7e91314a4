//! The whole app under random keys, pastes, resizes and the passing of time: it never panics,
//! never records without an explicit confirm, records exactly once per confirm, and an idle
//! kiosk always starts over with nothing of the previous person left.

mod common;

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode};
use proptest::prelude::*;
use tebiki::app::{App, Effect, Mode, Step};
use tebiki::keys::Ctx;
use tebiki::kiosk::COUNTDOWN;
use tebiki::pin::Outcome;

#[derive(Debug, Clone)]
enum Ev {
    Key(&'static str),
    Paste(String),
    Resize(u16, u16),
    /// Seconds pass.
    Wait(u64),
}

const KEYS: &[&str] = &[
    "<Enter>",
    "<Enter>",
    "<Down>",
    "<Down>",
    "<Up>",
    "<Space>",
    "<Space>",
    "<End>",
    "<Right>",
    "<Right>",
    "<Left>",
    "<Esc>",
    "<Tab>",
    "<S-Tab>",
    "<F1>",
    "<F2>",
    "<F10>",
    "<PageDown>",
    "<PageUp>",
    "<Home>",
    "<BS>",
    "<Del>",
    "q",
    "j",
    "k",
    "?",
    "1",
    "<C-c>",
    "<C-d>",
    "<C-z>",
    "<C-\\>",
];

fn pastes() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("E1001".to_string()),
        Just("山田 太郎".to_string()),
        Just("Ｅ１００１".to_string()),
        Just("ｶﾀｶﾅ ﾃｽﾄ".to_string()),
        Just("Eve\u{1b}[2J\u{202E}x\0\u{200B}".to_string()),
        Just("x".repeat(10_000)),
        Just("line\nbreak\ttab".to_string()),
        Just("123456".to_string()),
        "\\PC{0,24}",
    ]
}

/// Terminal sizes, drawn where layout bugs live: degenerate ones, the usual range around
/// 80x24, and now and then a huge one (drawing costs grow with the area, so huge ones are rare).
fn sizes() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (1u16..=12, 1u16..=8),
        5 => (20u16..=120, 5u16..=50),
        1 => (121u16..=400, 51u16..=120),
    ]
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        12 => proptest::sample::select(KEYS).prop_map(Ev::Key),
        2 => pastes().prop_map(Ev::Paste),
        1 => sizes().prop_map(|(w, h)| Ev::Resize(w, h)),
        1 => (0u64..=200).prop_map(Ev::Wait),
    ]
}

thread_local! {
    /// Prepared apps by (language, kiosk, where they start): loading the content and
    /// walking to the check or the choice screen cost more than most cases, and every case starts from a
    /// fresh copy, so preparing each once changes nothing the cases see.
    static PREPARED: RefCell<HashMap<(&'static str, bool, Start), App>> = RefCell::new(HashMap::new());
}

fn prepared(lang: &'static str, kiosk: bool, start: Start) -> App {
    PREPARED.with(|cell| {
        cell.borrow_mut()
            .entry((lang, kiosk, start))
            .or_insert_with(|| {
                let mut k = common::Kiosk::new(lang);
                if kiosk {
                    k.app.mode = Mode::Kiosk;
                }
                if start != Start::Welcome {
                    k.keys("<Enter>").identify("E1", "Test", "").read_all();
                    assert_eq!(k.app.ctx(), Ctx::Check, "the walk reaches the check");
                }
                if start == Start::Skipped {
                    // On to the choice without the answers, agree and both acknowledgements
                    // ticked: two Enters from a consent, were agreeing not held back.
                    k.keys("<Right><Right>");
                    assert_eq!(k.app.ctx(), Ctx::Choice, "→ twice goes on to the choice");
                    k.keys("<Down><Space><Down><Down><Down><Space><Down><Space>");
                    assert_eq!(k.app.person.choice.pick, Some(tebiki::app::Pick::Agree));
                }
                if start == Start::Choice {
                    k.pass_check();
                    assert_eq!(
                        k.app.ctx(),
                        Ctx::Choice,
                        "the walk reaches the choice screen"
                    );
                }
                k.app
            })
            .clone()
    })
}

/// Where a case starts: the deep states are reached often, not only by luck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Start {
    Welcome,
    /// The choice, reached without answering the check (→ twice on it), agree and its
    /// acknowledgements ticked.
    Skipped,
    /// The choice, every answer of the check right.
    Choice,
}

fn start() -> impl Strategy<Value = Start> {
    prop_oneof![7 => Just(Start::Welcome), 2 => Just(Start::Choice), 1 => Just(Start::Skipped)]
}

/// Checks every invariant while playing `events` from `start`.
fn play(lang: &'static str, kiosk: bool, start: Start, events: &[Ev]) -> Result<(), TestCaseError> {
    let mut app = prepared(lang, kiosk, start);
    let mut now = Instant::now();
    app.last_input = now;
    let mut records = 0;
    let mut terminal =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).expect("test terminal");
    for ev in events {
        if app.quit {
            break;
        }
        let ctx_before = app.ctx();
        let countdown_before = app.idle_left.is_some();
        let (effect, was_enter) = match ev {
            Ev::Key(name) => {
                let event = common::parse_keys(name).remove(0);
                let enter = matches!(&event, Event::Key(key) if key.code == KeyCode::Enter);
                (app.handle_event_at(&event, now), enter)
            }
            Ev::Paste(text) => (app.handle_event_at(&Event::Paste(text.clone()), now), false),
            Ev::Resize(w, h) => {
                app.handle_event_at(&Event::Resize(*w, *h), now);
                // Drawing at every size is where a layout bug would panic.
                common::render(&app, *w, *h);
                (None, false)
            }
            Ev::Wait(secs) => {
                now += Duration::from_secs(*secs);
                app.tick(now);
                if kiosk
                    && now.saturating_duration_since(app.last_input)
                        >= app.settings.idle_timeout + COUNTDOWN
                {
                    prop_assert_eq!(app.step, Step::Welcome);
                    prop_assert!(app.person.fields.iter().all(|f| f.value().is_empty()));
                    prop_assert!(app.pin.is_none() && !app.help);
                    prop_assert_eq!(app.person.check.attempts.iter().sum::<u32>(), 0);
                }
                (None, false)
            }
        };
        // Saving a choice (its review) or a withdrawal (its own screen) takes Enter there.
        let confirm =
            was_enter && matches!(ctx_before, Ctx::Review | Ctx::Withdraw) && !countdown_before;
        match effect {
            Some(Effect::Append { record_type, body }) => {
                prop_assert!(
                    confirm,
                    "a record without an explicit confirm (in {:?})",
                    ctx_before
                );
                // No consent is given without every answer of the check right (No and Not
                // now may go without them).
                if body.get("decision").and_then(|d| d.as_str()) == Some("given") {
                    prop_assert!(app.check_done(), "given without the check: {:?}", body);
                }
                records += 1;
                // Saves fail now and then, as disks do; a failure must leave the person able
                // to confirm again.
                if records % 3 == 0 {
                    app.record_failed("disk full".into());
                    prop_assert_eq!(app.ctx(), ctx_before);
                } else {
                    let at = jiff::Timestamp::now();
                    app.record_saved(record_type, "0".into(), at);
                    prop_assert!(app.person.saved.is_some());
                }
            }
            Some(Effect::VerifyPin(_)) => app.pin_outcome(Outcome::Wrong { wait_secs: 1 }),
            Some(Effect::Lookup(id)) => {
                // Some people come back with a consent on record, most do not.
                let prior = (id.len() % 2 == 0).then(|| tebiki::app::Prior {
                    consent: tebiki::state::ConsentState::Given,
                    policy_version: Some(app.content.manifest.policy_version.clone()),
                    decided_at: Some("2026-11-20T01:02:03Z".into()),
                    decided_on: None,
                    name: None,
                    withheld: false,
                });
                app.lookup_done(prior);
            }
            Some(Effect::VerifyCode { .. }) => {
                prop_assert!(false, "a code asked for in open mode");
            }
            None => prop_assert!(!confirm, "a confirm without exactly one record"),
        }
        // Drawn after every event, as the runner does: scrolling and read-to-end go by what
        // was drawn.
        let size = ratatui::layout::Rect::new(0, 0, app.width, app.height);
        terminal.resize(size).expect("test terminal resized");
        terminal.draw(|f| tebiki::ui::draw(f, &app)).expect("draw");
        app.note_drawn();
    }
    common::render(&app, app.width, app.height);
    Ok(())
}

// 10,000 cases in all, half in each language: two tests, so that they run side by side on two
// cores.
proptest! {
    #![proptest_config(ProptestConfig { cases: 5_000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_app_survives_anything_typed_and_keeps_its_promises_in_japanese(
        kiosk in any::<bool>(),
        start in start(),
        events in proptest::collection::vec(event(), 1..40),
    ) {
        play("ja", kiosk, start, &events)?;
    }

    #[test]
    fn the_app_survives_anything_typed_and_keeps_its_promises_in_english(
        kiosk in any::<bool>(),
        start in start(),
        events in proptest::collection::vec(event(), 1..40),
    ) {
        play("en", kiosk, start, &events)?;
    }
}
