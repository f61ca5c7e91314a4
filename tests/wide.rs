//! Every screen of every mode (employee flow, kiosk, trainer, follower, dashboard) drawn for a
//! terminal that shows East Asian ambiguous characters two columns wide, at 80x24 and 160x48,
//! in Japanese and English: no cell may hold a character whose width differs between the usual
//! and the CJK count, or the terminal would push the rest of its line out of place.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use tebiki::app::{App, Mode};
use tebiki::content::ScreenKind;
use tebiki::dashboard::{Dashboard, Setup, perform, perform_all};
use tebiki::i18n::{Lang, Localizer};
use tebiki::present::follow::Follower;
use tebiki::present::{Presenter, View, session};
use tebiki::recorder::Recorder;
use tebiki::source::Source;
use tebiki::ui::glyphs;
use unicode_width::UnicodeWidthStr;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

/// The cells whose character a wide terminal would draw wider than counted: (x, y, symbol).
fn ambiguous_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let s = buf[(x, y)].symbol();
            if s.width() != s.width_cjk() {
                out.push((x, y, s.to_string()));
            }
        }
    }
    out
}

/// Draws with `draw` at `w`x`h` and fails on any ambiguous cell, showing where.
#[track_caller]
fn check(what: &str, w: u16, h: u16, draw: impl FnOnce(&mut ratatui::Frame)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(draw).expect("draw");
    let buf = terminal.backend().buffer();
    let screen = common::buffer_text(buf);
    let bad = ambiguous_cells(buf);
    assert!(
        bad.is_empty(),
        "{what} at {w}x{h}: ambiguous characters {:?}\n{screen}",
        &bad[..bad.len().min(10)]
    );
    screen
}

/// Counts the screens checked, so a walk that stops early cannot pass unnoticed.
struct Walk {
    lang: String,
    checked: usize,
}

// --- the employee flow and the kiosk ---------------------------------------------------------

fn flow_screen(walk: &mut Walk, k: &mut common::Kiosk, name: &str) {
    for (w, h) in SIZES {
        k.app.resize(w, h);
        check(&format!("{} flow {name}", walk.lang), w, h, |f| {
            tebiki::ui::draw(f, &k.app);
        });
        walk.checked += 1;
    }
    k.app.resize(80, 24);
}

fn every_flow_screen(lang: &str) -> usize {
    let mut walk = Walk {
        lang: lang.into(),
        checked: 0,
    };
    let mut k = common::Kiosk::new(lang);
    flow_screen(&mut walk, &mut k, "welcome");
    k.keys("<F1>");
    flow_screen(&mut walk, &mut k, "help");
    k.keys("<Esc><Enter>");
    flow_screen(&mut walk, &mut k, "identity empty");
    k.keys("<Enter>");
    assert!(
        k.app.notice.is_some(),
        "an empty id is refused with a notice"
    );
    flow_screen(&mut walk, &mut k, "identity refused");
    k.paste("E1001")
        .keys("<Enter>")
        .paste(if lang == "ja" {
            "山田 太郎"
        } else {
            "Alex Smith"
        })
        .keys("<Enter>")
        .paste(if lang == "ja" { "営業部" } else { "Sales" });
    flow_screen(&mut walk, &mut k, "identity");
    k.keys("<Enter>");
    let screens = k.app.content.manifest.screens.clone();
    for s in &screens {
        if s.kind != ScreenKind::Info {
            continue;
        }
        // The top, and scrolled to the end (tables, long lists and the scroll bar).
        flow_screen(&mut walk, &mut k, &s.id);
        k.keys("<End>");
        flow_screen(&mut walk, &mut k, &format!("{} end", s.id));
        k.keys("<Right>");
    }
    flow_screen(&mut walk, &mut k, "check");
    let q = k.app.content.manifest.questions[0].clone();
    let wrong = if q.answer == 1 { 2 } else { 1 };
    k.keys(&format!("{}<Enter>", "<Down>".repeat(wrong - 1)));
    flow_screen(&mut walk, &mut k, "check wrong");
    k.keys("<Esc>").pass_check();
    flow_screen(&mut walk, &mut k, "choice");
    k.keys("<Down><Down><Space><Down><Down><Space>");
    flow_screen(&mut walk, &mut k, "choice not now");
    k.keys("<Up><Up><Up><Space><Down><Down><Down><Space><Down><Space>");
    flow_screen(&mut walk, &mut k, "choice ticked");
    k.keys("<Enter>");
    flow_screen(&mut walk, &mut k, "review");
    k.app.person.pending_code = Some("7KQ2-M9XP".into());
    let at: jiff::Timestamp = "2026-11-23T01:02:03.456Z".parse().unwrap();
    k.app.record_saved(
        tebiki::record::RecordType::Consent,
        "0192f0e0-0000-7000-8000-000000000000".into(),
        at,
    );
    flow_screen(&mut walk, &mut k, "receipt");
    k.keys("<Enter>");
    k.choose_withdraw();
    flow_screen(&mut walk, &mut k, "withdraw");
    k.keys("<Esc>");

    // The kiosk: the staff PIN prompt and the "still there?" question.
    let (content, loc) = common::content();
    let mut app = App::new(content, loc, Lang::new(lang), Mode::Kiosk, "kiosk".into());
    app.tz = jiff::tz::TimeZone::UTC;
    app.resize(80, 24);
    let mut kiosk = common::Kiosk {
        app,
        recorder: Recorder::new(k.dir.path().join("kiosk-ledger"), "kiosk".into()),
        dir: tempfile::tempdir().expect("temp dir"),
    };
    flow_screen(&mut walk, &mut kiosk, "kiosk welcome");
    kiosk.keys("<F10>");
    flow_screen(&mut walk, &mut kiosk, "kiosk pin");
    kiosk.keys("123");
    flow_screen(&mut walk, &mut kiosk, "kiosk pin typed");
    kiosk.keys("<Esc><Enter>");
    kiosk.identify("E1", "山田", "");
    let t0 = std::time::Instant::now();
    kiosk.app.last_input = t0;
    kiosk.app.tick(t0 + std::time::Duration::from_secs(91));
    assert!(kiosk.app.idle_left.is_some(), "the idle question is up");
    flow_screen(&mut walk, &mut kiosk, "kiosk idle");

    // Too small for anything: the message alone.
    k.app.resize(30, 10);
    check(&format!("{lang} too small"), 30, 10, |f| {
        tebiki::ui::draw(f, &k.app);
    });
    walk.checked
}

#[test]
fn the_employee_flow_and_kiosk_draw_no_ambiguous_character_when_wide() {
    glyphs::with_wide(true, || {
        for lang in ["ja", "en"] {
            let n = every_flow_screen(lang);
            assert!(n >= 60, "{lang}: only {n} screens checked");
        }
    });
}

#[test]
fn the_check_finds_what_a_narrow_terminal_is_given() {
    // The same screen in the usual set is full of ambiguous characters: the check above can
    // fail, and would if a glyph bypassed the table.
    let k = common::Kiosk::new("ja");
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
    terminal
        .draw(|f| tebiki::ui::draw(f, &k.app))
        .expect("draw");
    let bad = ambiguous_cells(terminal.backend().buffer());
    assert!(bad.iter().any(|(_, _, s)| s == "─"), "{bad:?}");
    assert!(bad.iter().any(|(_, _, s)| s == "▶"), "{bad:?}");
}

#[test]
fn wide_screens_keep_their_text_whole() {
    glyphs::with_wide(true, || {
        let mut k = common::Kiosk::new("ja");
        let screen = common::render(&k.app, 80, 24);
        let first = screen.lines().next().unwrap_or_default();
        // The header keeps ようこそ whole, the rule stays on one row, the marker its space.
        assert!(first.contains("tebiki | "), "{screen}");
        assert!(first.contains("ようこそ"), "{screen}");
        assert_eq!(
            screen.lines().nth(1).map(str::trim_end),
            Some(&*"-".repeat(80))
        );
        assert!(screen.contains("> 日本語"), "{screen}");
        // Content: the arrows of the drawbacks screen come out as ASCII, wrapped by their
        // real width.
        k.keys("<Enter>").identify("E1", "山田", "");
        let target = k.app.content.screen_index("drawbacks").unwrap();
        while k.app.step != tebiki::app::Step::Screen(target) {
            k.keys("<End><Right>");
        }
        let mut all = String::new();
        for _ in 0..40 {
            all.push_str(&common::render(&k.app, 80, 24));
            k.keys("<Down>");
        }
        assert!(all.contains("->"), "{all}");
        assert!(!all.contains('→'), "{all}");
    });
}

/// Where arrows are folded to ASCII, keys are named in words: "v" would read as the V key.
#[test]
fn wide_screens_name_the_arrow_keys_in_words() {
    glyphs::with_wide(true, || {
        for (lang, more, keys) in [
            ("en", "Down arrow", "Up/Down"),
            ("ja", "下矢印キー", "上下の矢印"),
        ] {
            let mut k = common::Kiosk::new(lang);
            k.keys("<Enter>").identify("E1", "山田", "");
            let screen = common::render(&k.app, 80, 24);
            assert!(screen.contains(more), "{lang}: {screen}");
            assert!(screen.contains(keys), "{lang}: {screen}");
            let hints = screen.lines().last().unwrap_or_default();
            assert!(!hints.contains("^v"), "{lang}: {hints}");
        }
    });
}

// --- trainer mode and the follower -----------------------------------------------------------

fn presenter(lang: &str, view: &str, roster: bool) -> (Presenter, Recorder, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let roster = roster.then(|| {
        let path = dir.path().join("roster.csv");
        std::fs::write(
            &path,
            "employee_id,name,department,email\nE1001,山田 太郎,営業部,\nE1002,Alex Smith,Sales,\n",
        )
        .expect("roster written");
        tebiki::admin::roster::load(&path)
            .expect("roster reads")
            .expect("roster present")
    });
    let (content, loc) = common::content();
    let view = View::parse(view, &content.languages()).expect("a known view");
    let mut app = App::new(content, loc, Lang::new(lang), Mode::Attended, "t".into());
    app.tz = jiff::tz::TimeZone::UTC;
    let mut p = Presenter::new(app, view, roster, "S-20261124-0900");
    p.resize(80, 24);
    let recorder = Recorder::new(dir.path().join("ledger"), "t".into());
    (p, recorder, dir)
}

fn trainer_keys(p: &mut Presenter, r: &mut Recorder, seq: &str) {
    for event in common::parse_keys(seq) {
        if let Some(effect) = p.handle_event(&event) {
            session::perform(p, r, effect);
        }
    }
}

fn trainer_paste(p: &mut Presenter, r: &mut Recorder, text: &str) {
    let event = crossterm::event::Event::Paste(text.to_string());
    if let Some(effect) = p.handle_event(&event) {
        session::perform(p, r, effect);
    }
}

fn trainer_screen(walk: &mut Walk, p: &mut Presenter, name: &str) {
    for (w, h) in SIZES {
        p.resize(w, h);
        check(&format!("{} trainer {name}", walk.lang), w, h, |f| {
            tebiki::ui::present::draw(f, p);
        });
        walk.checked += 1;
    }
    p.resize(80, 24);
}

fn every_trainer_screen(lang: &str) -> usize {
    let mut walk = Walk {
        lang: lang.into(),
        checked: 0,
    };
    // A session: set-up, attendees, the list, one attendee through the flow.
    let (mut p, mut r, _dir) = presenter(lang, lang, true);
    trainer_screen(&mut walk, &mut p, "setup");
    trainer_paste(&mut p, &mut r, "佐藤 花子");
    trainer_keys(&mut p, &mut r, "<Enter><Enter>");
    trainer_paste(&mut p, &mut r, "E1001");
    trainer_keys(&mut p, &mut r, "<Enter>");
    trainer_paste(&mut p, &mut r, "E2002");
    trainer_keys(&mut p, &mut r, "<Enter>");
    trainer_paste(&mut p, &mut r, "Alex Smith");
    trainer_keys(&mut p, &mut r, "<Enter>");
    trainer_screen(&mut walk, &mut p, "setup with attendees");
    trainer_keys(&mut p, &mut r, "<F1>");
    trainer_screen(&mut walk, &mut p, "setup help");
    trainer_keys(&mut p, &mut r, "<Esc><Enter><Enter>");
    trainer_screen(&mut walk, &mut p, "first slide");
    let slides = p.slides.len();
    for n in 1..slides {
        trainer_keys(&mut p, &mut r, "<Right>");
        trainer_screen(&mut walk, &mut p, &format!("slide {n}"));
    }
    trainer_keys(&mut p, &mut r, "g<Right><Right>n");
    trainer_screen(&mut walk, &mut p, "slide with notes");
    trainer_keys(&mut p, &mut r, "n<F1>");
    trainer_screen(&mut walk, &mut p, "slide help");
    trainer_keys(&mut p, &mut r, "<Esc>a");
    trainer_screen(&mut walk, &mut p, "attendee list");
    trainer_keys(&mut p, &mut r, "<Enter>");
    trainer_screen(&mut walk, &mut p, "one attendee");
    trainer_keys(&mut p, &mut r, "<Esc><Esc>q");
    trainer_screen(&mut walk, &mut p, "quit question");

    // Both languages side by side, with notes.
    let (mut p, mut r, _dir) = presenter(lang, "both", false);
    trainer_keys(&mut p, &mut r, "<Enter><Right><Right>");
    trainer_screen(&mut walk, &mut p, "both");
    trainer_keys(&mut p, &mut r, "n");
    trainer_screen(&mut walk, &mut p, "both with notes");
    let state = p.follow_state(4242).expect("slides started");

    // The follower in a second terminal.
    let (content, loc) = common::content();
    let mut f = Follower::new(content, loc, View::One(Lang::new(lang)), Lang::new(lang));
    for (w, h) in SIZES {
        check(&format!("{lang} follower waiting"), w, h, |frame| {
            tebiki::ui::present::notes::draw(frame, &f);
        });
    }
    let started: jiff::Timestamp = state.started_at.parse().unwrap();
    let now = started + jiff::SignedDuration::from_secs(754);
    f.poll(
        Some(tebiki::present::follow::FollowState {
            updated_at: now.to_string(),
            ..state
        }),
        now,
    );
    for (w, h) in SIZES {
        f.width = w;
        f.height = h;
        let screen = check(&format!("{lang} follower"), w, h, |frame| {
            tebiki::ui::present::notes::draw(frame, &f);
        });
        assert!(screen.contains("12:34"), "{screen}");
        walk.checked += 1;
    }
    walk.checked
}

#[test]
fn trainer_mode_and_the_follower_draw_no_ambiguous_character_when_wide() {
    glyphs::with_wide(true, || {
        for lang in ["ja", "en"] {
            let n = every_trainer_screen(lang);
            assert!(n >= 30, "{lang}: only {n} screens checked");
        }
    });
}

// --- the dashboard ---------------------------------------------------------------------------

fn dashboard(lang: &str, dir: &std::path::Path, pin: Option<String>) -> Dashboard {
    let (loc, issues) = Localizer::load(&Source::Embedded);
    assert!(issues.is_empty(), "{issues:?}");
    let raw = tebiki::content::RawContent::load(&Source::Embedded).expect("content loads");
    let setup = Setup {
        ledger_dir: dir.join("ledger"),
        roster_path: dir.join("roster.csv"),
        data_dir: dir.to_path_buf(),
        kiosk_id: "admin-desk".into(),
        pin_hash: pin,
        by: Some("森".into()),
        policy: raw.manifest.policy_version.clone(),
        policy_id: raw.manifest.policy_id.clone(),
        tz: jiff::tz::TimeZone::UTC,
        today: jiff::Timestamp::now()
            .to_zoned(jiff::tz::TimeZone::UTC)
            .date(),
    };
    let mut d = Dashboard::new(loc, Lang::new(lang), setup);
    d.resize(80, 24);
    let effects = d.wait_loaded();
    perform_all(&mut d, effects);
    d
}

fn admin_keys(d: &mut Dashboard, seq: &str) {
    for event in common::parse_keys(seq) {
        if let Some(effect) = d.handle_event(&event) {
            perform(d, effect);
        }
    }
}

fn admin_screen(walk: &mut Walk, d: &mut Dashboard, name: &str) {
    for (w, h) in SIZES {
        d.resize(w, h);
        check(&format!("{} dashboard {name}", walk.lang), w, h, |f| {
            tebiki::ui::dashboard::draw(f, d);
        });
        walk.checked += 1;
    }
    d.resize(80, 24);
}

/// A demo organisation: every consent state, stage, champion and follow-up there is.
fn demo_org() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = tebiki::config::DataDir::new(dir.path().to_path_buf());
    data.ensure().expect("data folder");
    let (content, loc) = common::content();
    tebiki::admin::demo::generate(
        &data,
        &content,
        &loc,
        &jiff::tz::TimeZone::UTC,
        120,
        7,
        String::new(),
    )
    .expect("demo written");
    dir
}

fn every_dashboard_screen(lang: &str, dir: &std::path::Path) -> usize {
    let mut walk = Walk {
        lang: lang.into(),
        checked: 0,
    };
    let mut d = dashboard(lang, dir, None);
    admin_screen(&mut walk, &mut d, "overview");
    admin_keys(&mut d, "<Down>");
    admin_screen(&mut walk, &mut d, "overview department");
    admin_keys(&mut d, "<Home>2");
    admin_screen(&mut walk, &mut d, "people");
    admin_keys(&mut d, "<Enter>");
    admin_screen(&mut walk, &mut d, "person");
    for form in ["s", "f", "c", "a", "t", "w"] {
        admin_keys(&mut d, form);
        admin_screen(&mut walk, &mut d, &format!("person form {form}"));
        admin_keys(&mut d, "<Esc>");
    }
    admin_keys(&mut d, "<Esc><Esc>3");
    admin_screen(&mut walk, &mut d, "follow-ups");
    admin_keys(&mut d, "f");
    admin_screen(&mut walk, &mut d, "follow-up form");
    admin_keys(&mut d, "<Esc>s");
    admin_screen(&mut walk, &mut d, "stage form");
    admin_keys(&mut d, "<Esc>4");
    admin_screen(&mut walk, &mut d, "champions");
    admin_keys(&mut d, "<Down><Down><Enter>");
    admin_screen(&mut walk, &mut d, "champion chosen");
    admin_keys(&mut d, "<Esc><Esc>4<F1>");
    admin_screen(&mut walk, &mut d, "help");

    // Behind a PIN.
    let hash = tebiki::pin::hash("246810").expect("hash");
    let mut locked = dashboard(lang, dir, Some(hash));
    admin_screen(&mut walk, &mut locked, "pin");
    admin_keys(&mut locked, "1234");
    admin_screen(&mut walk, &mut locked, "pin typed");
    walk.checked
}

#[test]
fn the_dashboard_draws_no_ambiguous_character_when_wide() {
    let dir = demo_org();
    glyphs::with_wide(true, || {
        for lang in ["ja", "en"] {
            let n = every_dashboard_screen(lang, dir.path());
            assert!(n >= 36, "{lang}: only {n} screens checked");
        }
    });
}

// --- the command line ------------------------------------------------------------------------

#[test]
fn the_reports_bars_use_the_wide_set_when_asked() {
    let dir = demo_org();
    let run = |width: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
            .args(["report", "--ambiguous-width", width, "--lang", "ja"])
            .env("TEBIKI_DATA", dir.path())
            .env_remove("TEBIKI_CONTENT")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("tebiki runs");
        assert!(out.status.success() || out.status.code() == Some(1));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let narrow = run("narrow");
    assert!(narrow.contains('█'), "{narrow}");
    let wide = run("wide");
    assert!(!wide.contains('█'), "{wide}");
    assert!(wide.contains('#'), "{wide}");
    let ambiguous: Vec<char> = wide
        .chars()
        .filter(|c| glyphs::is_ambiguous(&c.to_string()))
        .collect();
    assert!(ambiguous.is_empty(), "{ambiguous:?}\n{wide}");
}

// --- what is stored does not depend on the terminal ------------------------------------------

#[test]
fn records_and_content_hashes_are_the_same_on_a_wide_terminal() {
    let consent = |wide: bool| {
        glyphs::with_wide(wide, || {
            let mut k = common::Kiosk::new("en");
            k.keys("<Enter>")
                .identify("E1001", "Alex Smith", "Sales")
                .read_all()
                .pass_check();
            k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter>");
            let recs = k.records();
            assert_eq!(recs.len(), 1, "one consent recorded");
            let sha = k.app.content.lang(&Lang::new("en")).sha256.clone();
            (recs[0]["withdraw"]["text"].clone(), sha)
        })
    };
    let (narrow_text, narrow_sha) = consent(false);
    let (wide_text, wide_sha) = consent(true);
    // The person was told this in quotation marks; the record keeps them on any terminal.
    assert!(
        narrow_text.as_str().unwrap_or("").contains('“'),
        "{narrow_text}"
    );
    assert_eq!(wide_text, narrow_text);
    assert_eq!(wide_sha, narrow_sha);
}

#[test]
fn names_with_ambiguous_characters_keep_the_columns_in_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("roster.csv"),
        "employee_id,name,department,email\nE1,山田 ①郎 “Ⅱ”,営業部,\nE2,佐藤 花子,営業部,\n",
    )
    .expect("roster written");
    glyphs::with_wide(true, || {
        let mut d = dashboard("ja", dir.path(), None);
        admin_keys(&mut d, "2");
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal
            .draw(|f| tebiki::ui::dashboard::draw(f, &d))
            .expect("draw");
        let buf = terminal.backend().buffer();
        let screen = common::buffer_text(buf);
        assert!(ambiguous_cells(buf).is_empty(), "{screen}");
        // The department column starts at the same cell on both rows.
        let row =
            |y: u16| -> String { (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect() };
        let dept_x = |id: &str| {
            let y = (0..buf.area.height)
                .find(|&y| row(y).contains(id))
                .unwrap_or_else(|| panic!("{id} listed:\n{screen}"));
            (0..buf.area.width)
                .find(|&x| buf[(x, y)].symbol() == "営")
                .unwrap_or_else(|| panic!("{id}'s department:\n{screen}"))
        };
        assert_eq!(dept_x("E1 "), dept_x("E2 "), "{screen}");
        assert!(screen.contains("山田 1郎 \"II\""), "{screen}");
    });
}

/// The embedded content and locales under a new policy version that changed one screen.
fn content_v2(dir: &std::path::Path) {
    fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("folder");
        for e in std::fs::read_dir(from).expect("readable").flatten() {
            let target = to.join(e.file_name());
            if e.path().is_dir() {
                copy_dir(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), target).expect("copied");
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_dir(&root.join("content"), &dir.join("content"));
    copy_dir(&root.join("locales"), &dir.join("locales"));
    let manifest = dir.join("content/manifest.toml");
    let text = std::fs::read_to_string(&manifest).expect("manifest");
    let old = tebiki::content::RawContent::load(&Source::Embedded)
        .expect("content loads")
        .manifest
        .policy_version;
    let text = text.replace(
        &format!("policy_version = \"{old}\""),
        "policy_version = \"2099-04-01\"",
    );
    std::fs::write(
        &manifest,
        format!("{text}\n[[changes]]\nversion = \"2099-04-01\"\nscreens = [\"costs\"]\n"),
    )
    .expect("manifest written");
    for (lang, summary) in [
        (
            "en",
            "The monthly allowance is now paid from April — see “Costs”.",
        ),
        ("ja", "手当が 4 月から支給されます（→「通信費について」）。"),
    ] {
        let forms = dir.join(format!("content/{lang}/forms.toml"));
        let text = std::fs::read_to_string(&forms).expect("forms");
        std::fs::write(
            &forms,
            format!("{text}\n[changes.\"2099-04-01\"]\nsummary = \"{summary}\"\n"),
        )
        .expect("forms written");
    }
}

#[test]
fn the_renewal_question_draws_no_ambiguous_character_when_wide() {
    let v2 = tempfile::tempdir().expect("temp dir");
    content_v2(v2.path());
    glyphs::with_wide(true, || {
        for lang in ["ja", "en"] {
            let mut k = common::Kiosk::new(lang);
            k.keys("<Enter>")
                .identify("E8001", "Ken Oda", "Sales")
                .read_all()
                .pass_check();
            k.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter><Enter><Enter>");
            assert_eq!(k.records().len(), 1, "agreed under the first version");
            let mut k2 = common::Kiosk::with_source(lang, &Source::Dir(v2.path().to_path_buf()));
            k2.recorder = Recorder::new(k.ledger_dir(), "kiosk-2".into());
            k2.keys("<Enter>").identify("E8001", "Ken Oda", "Sales");
            assert!(k2.app.renewal_open(), "{}", k2.screen());
            let mut walk = Walk {
                lang: lang.into(),
                checked: 0,
            };
            flow_screen(&mut walk, &mut k2, "renewal");
            let screen = k2.screen();
            // The summary's dash, quotation marks and arrow, as the wide set writes them.
            let folded = if lang == "en" { "\"Costs\"" } else { "->「" };
            assert!(screen.contains(folded), "{screen}");
            assert_eq!(walk.checked, 2);
        }
    });
}
