//! Trainer mode driven in-process, the way a trainer types: moving through the slides, jumping,
//! switching language and notes; a session whose attendance, choices and kiosk appointments
//! land in the ledger with the session id; and the follower's view of the presenter.

mod common;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tebiki::app::{App, Mode};
use tebiki::i18n::Lang;
use tebiki::keys::{self, Cmd, Ctx};
use tebiki::present::follow::{self, FollowState, Follower};
use tebiki::present::session::{self, Status};
use tebiki::present::{Phase, Presenter, View};
use tebiki::recorder::Recorder;

const SESSION: &str = "S-20261124-0900";

/// A presenter on an 80x24 terminal, a temporary data folder and a recorder writing into it.
struct Trainer {
    p: Presenter,
    recorder: Recorder,
    dir: tempfile::TempDir,
}

impl Trainer {
    fn new(lang: &str, view: &str) -> Trainer {
        Trainer::with_roster(lang, view, None)
    }

    /// With `$DATA/roster.csv` holding `rows` (id, name, department), loaded as `tebiki
    /// present` loads it.
    fn with_roster(lang: &str, view: &str, rows: Option<&[(&str, &str, &str)]>) -> Trainer {
        let dir = tempfile::tempdir().expect("temp dir");
        let roster = rows.map(|rows| {
            let mut csv = String::from("employee_id,name,department,email\n");
            for (id, name, dept) in rows {
                csv.push_str(&[id, ",", name, ",", dept, ",\n"].concat());
            }
            let path = dir.path().join("roster.csv");
            std::fs::write(&path, csv).expect("roster written");
            tebiki::admin::roster::load(&path)
                .expect("roster reads")
                .expect("roster present")
        });
        let (content, loc) = common::content();
        let view = View::parse(view, &content.languages()).expect("a known view");
        let mut app = App::new(
            content,
            loc,
            Lang::new(lang),
            Mode::Attended,
            "test-kiosk".into(),
        );
        app.tz = jiff::tz::TimeZone::UTC;
        let mut p = Presenter::new(app, view, roster, SESSION);
        p.resize(80, 24);
        let recorder = Recorder::new(dir.path().join("ledger"), "test-kiosk".into());
        Trainer { p, recorder, dir }
    }

    /// A session by trainer Kim Lee with one attendee not on a roster (E1, "A B"), its
    /// slides started.
    fn with_one_attendee(lang: &str, view: &str) -> Trainer {
        let mut t = Trainer::new(lang, view);
        t.paste("Kim Lee").keys("<Enter><Enter>");
        t.paste("E1")
            .keys("<Enter>")
            .paste("A B")
            .keys("<Enter><Enter><Enter>");
        t
    }

    /// A `decision` of `employee` under the current policy, recorded at another terminal
    /// before the session.
    fn decided_at_a_kiosk(&self, employee: Value, decision: &str) {
        let version = self.p.flow.content.manifest.policy_version.clone();
        let mut w = tebiki::ledger::Writer::open(
            &self.dir.path().join("ledger"),
            "kiosk-1",
            std::time::Duration::from_secs(5),
        )
        .unwrap();
        let Value::Object(body) = serde_json::json!({
            "employee": employee,
            "decision": decision,
            "policy": {"id": "line-works-own-phone", "version": version},
            "how": {"method": "kiosk", "mode": "kiosk", "session": null},
        }) else {
            unreachable!()
        };
        w.append("consent", body).unwrap();
    }

    /// Types a key sequence: `<Enter>`, `<Right>`, `<F2>` ... and plain characters;
    /// `<Through>` is → once per slide: from the first slide, through every one to the list.
    fn keys(&mut self, seq: &str) -> &mut Trainer {
        let seq = seq.replace("<Through>", &"<Right>".repeat(self.p.slides.len()));
        for event in common::parse_keys(&seq) {
            self.draw();
            if let Some(effect) = self.p.handle_event(&event) {
                session::perform(&mut self.p, &mut self.recorder, effect);
            }
        }
        self.draw()
    }

    /// Draws at the presenter's size and takes what was drawn, as the runner does after
    /// every event.
    fn draw(&mut self) -> &mut Trainer {
        render(&self.p, self.p.width, self.p.height);
        self.p.note_drawn();
        self
    }

    /// Pastes text (a name typed through an input method arrives like this).
    fn paste(&mut self, text: &str) -> &mut Trainer {
        self.draw();
        let event = crossterm::event::Event::Paste(text.to_string());
        if let Some(effect) = self.p.handle_event(&event) {
            session::perform(&mut self.p, &mut self.recorder, effect);
        }
        self.draw()
    }

    fn screen(&mut self) -> String {
        let (w, h) = (self.p.width, self.p.height);
        render(&self.p, w, h)
    }

    fn sized(&mut self, w: u16, h: u16) -> String {
        self.p.resize(w, h);
        render(&self.p, w, h)
    }

    fn records(&self) -> Vec<Value> {
        common::read_records(&self.dir.path().join("ledger"))
    }

    /// The manifest id of the slide shown.
    fn slide(&self) -> String {
        let i = self.p.screen().expect("a slide");
        self.p.flow.content.manifest.screens[i].id.clone()
    }

    /// Slides only: Enter on the empty trainer name.
    fn present_only(&mut self) -> &mut Trainer {
        self.keys("<Enter>");
        assert_eq!(self.p.phase, Phase::Slides);
        self
    }

    /// Answers every question of the check correctly.
    fn pass_check(&mut self) -> &mut Trainer {
        let answers: Vec<usize> = self
            .p
            .flow
            .content
            .manifest
            .questions
            .iter()
            .map(|q| q.answer)
            .collect();
        for answer in answers {
            self.keys(&format!("{}<Enter>", "<Down>".repeat(answer - 1)));
        }
        self
    }
}

fn render(p: &Presenter, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| tebiki::ui::present::draw(f, p))
        .expect("draw");
    common::buffer_text(terminal.backend().buffer())
}

/// The first words of a slide's first speaker note, short enough never to be wrapped apart.
fn note_start(t: &Trainer, lang: &str, screen: &str) -> String {
    let content = &t.p.flow.content;
    let i = content.screen_index(screen).expect("screen");
    let notes = content.lang(&Lang::new(lang)).screens[i]
        .notes
        .as_ref()
        .expect("the slide has notes");
    let first = match &notes.blocks[0] {
        tebiki::content::markdown::Block::List(items) => items[0].text.clone(),
        tebiki::content::markdown::Block::Paragraph(p) => p.text.clone(),
        other => panic!("unexpected notes block {other:?}"),
    };
    first.chars().take(8).collect()
}

fn title(t: &Trainer, lang: &str, screen: &str) -> String {
    let content = &t.p.flow.content;
    let i = content.screen_index(screen).expect("screen");
    content.lang(&Lang::new(lang)).screens[i].doc.title.clone()
}

#[test]
fn next_previous_and_first_last_move_through_the_slides() {
    let mut t = Trainer::new("ja", "ja");
    t.present_only();
    let n = t.p.slides.len();
    assert!(t.screen().contains(&format!("1 / {n}")), "{}", t.screen());
    t.keys("<Right>");
    assert_eq!(t.p.at, 1);
    t.keys("<Space><PageDown>");
    assert_eq!(t.p.at, 3);
    t.keys("<Left><PageUp>");
    assert_eq!(t.p.at, 1);
    t.keys("<Left><Left>");
    assert_eq!(t.p.at, 0, "no slide before the first");
    t.keys("G");
    assert_eq!(t.p.at, n - 1);
    assert!(t.screen().contains(&format!("{n} / {n}")));
    t.keys("<Right>");
    assert_eq!(t.p.at, n - 1, "no session: the last slide stays");
    assert!(t.screen().contains("最後のスライドです"), "{}", t.screen());
    t.keys("g");
    assert_eq!(t.p.at, 0);
    t.keys("<End>");
    assert_eq!(t.p.at, n - 1);
    t.keys("<Home>");
    assert_eq!(t.p.at, 0);
    // Only the text screens are slides: the check, choice and receipt are not.
    assert!(t.p.slides.iter().all(|&i| {
        t.p.flow.content.manifest.screens[i].kind == tebiki::content::ScreenKind::Info
    }));
}

#[test]
fn a_long_slide_scrolls_to_its_last_line_and_no_further_at_any_size() {
    let mut t = Trainer::new("en", "both");
    t.present_only();
    t.sized(80, 14);
    let laid = |t: &Trainer| {
        let key = t.p.slide_key_at(t.p.width, t.p.height);
        t.p.slide_viewport.laid(key).expect("the slide was drawn")
    };
    t.draw();
    let max = laid(&t).max_top();
    assert!(max > 2, "both languages stacked are longer than 14 rows");
    for _ in 0..max + 5 {
        t.keys("j");
    }
    assert_eq!(t.p.scroll, max, "stops at the last line");
    t.keys("k");
    assert_eq!(t.p.scroll, max - 1);
    // Taller: the slide is drawn from within its text, and the viewport says so.
    t.sized(80, 24);
    t.draw();
    let taller = laid(&t);
    assert!(taller.height > 10);
    assert_eq!(t.p.scroll, (max - 1).min(taller.max_top()));
}

#[test]
fn a_number_and_enter_jump_to_that_slide() {
    let mut t = Trainer::new("en", "en");
    t.present_only();
    t.keys("3");
    assert!(t.screen().contains("Go to slide 3"), "{}", t.screen());
    t.keys("<Enter>");
    assert_eq!(t.p.at, 2);
    assert_eq!(t.slide(), "gains-company");
    assert!(t.screen().contains(&title(&t, "en", "gains-company")));
    t.keys("11<Enter>");
    assert_eq!(t.p.at, 10);
    t.keys("99<Enter>");
    assert_eq!(t.p.at, 10, "an unknown number goes nowhere");
    assert!(
        t.screen().contains("There is no slide 99"),
        "{}",
        t.screen()
    );
    // Esc forgets half-typed digits instead of quitting.
    t.keys("4<Esc>");
    assert!(t.p.jump.is_empty() && !t.p.quit);
    t.keys("<Enter>");
    assert_eq!(
        t.p.at, 10,
        "Enter after Esc is a plain 'next' on the last slide"
    );
}

#[test]
fn f2_switches_between_japanese_english_and_both_keeping_the_slide() {
    let mut t = Trainer::new("ja", "ja");
    t.present_only().keys("<Right><Right>");
    let (ja, en) = (
        title(&t, "ja", "gains-company"),
        title(&t, "en", "gains-company"),
    );
    let s = t.screen();
    assert!(s.contains(&ja) && !s.contains(&en), "{s}");
    t.keys("<F2>");
    assert_eq!(t.p.view, View::One(Lang::new("en")));
    let s = t.screen();
    assert!(s.contains(&en) && !s.contains(&ja), "{s}");
    t.keys("<F2>");
    assert_eq!(t.p.view, View::Both);
    let s = t.screen();
    assert!(s.contains(&en) && s.contains(&ja), "both languages: {s}");
    t.keys("<F2>");
    assert_eq!(t.p.view, View::One(Lang::new("ja")));
    assert_eq!(t.p.at, 2, "the slide is kept");
}

#[test]
fn n_shows_and_hides_the_speaker_notes() {
    let mut t = Trainer::new("en", "en");
    t.present_only().keys("<Right><Right>");
    let note = note_start(&t, "en", "gains-company");
    assert!(!t.screen().contains(&note));
    t.keys("n");
    assert!(t.p.notes);
    let s = t.screen();
    assert!(s.contains("Speaker notes") && s.contains(&note), "{s}");
    // On a wide screen the notes sit beside the slide.
    let wide = t.sized(160, 48);
    assert!(wide.contains(&note), "{wide}");
    t.keys("n");
    assert!(!t.sized(80, 24).contains(&note));
}

#[test]
fn both_languages_sit_side_by_side_when_wide_and_stack_when_narrow() {
    let mut t = Trainer::new("ja", "both");
    t.present_only();
    let (ja, en) = (title(&t, "ja", "why"), title(&t, "en", "why"));
    let wide = t.sized(160, 48);
    // Below the header, which names the slide too.
    let row = wide
        .lines()
        .skip(2)
        .find(|l| l.contains(&ja))
        .expect("the Japanese title");
    assert!(row.contains(&en), "one row holds both titles: {wide}");
    assert!(
        row.find(&ja) < row.find(&en),
        "ja | en for a Japanese trainer"
    );
    let narrow = t.sized(80, 24);
    let row = narrow
        .lines()
        .skip(2)
        .find(|l| l.contains(&ja))
        .expect("the Japanese title");
    assert!(!row.contains(&en), "stacked: {narrow}");
    t.keys("<Down>".repeat(200).as_str());
    let end = t.screen();
    assert!(
        end.contains("record your choice"),
        "the English part is below: {end}"
    );
}

#[test]
fn a_session_with_three_attendees_records_attendance_and_three_choices() {
    let mut t = Trainer::with_roster("ja", "ja", Some(&[("E1001", "山田 太郎", "営業部")]));
    // Setup: the trainer's name, the suggested session id, and two attendees.
    t.paste("佐藤 花子").keys("<Enter><Enter>");
    t.paste("E1001").keys("<Enter>");
    assert!(t.screen().contains("山田 太郎"), "found on the roster");
    t.paste("E2002").keys("<Enter>");
    assert!(t.screen().contains("名簿にありません"), "{}", t.screen());
    t.paste("Alex Smith").keys("<Enter><Enter>");
    assert_eq!(t.p.attendees.len(), 2);
    t.keys("<Enter>");
    assert_eq!(t.p.phase, Phase::Slides);
    // A late arrival, added during the slides.
    t.keys("<Right>a<Tab>");
    t.paste("E3003").keys("<Enter>");
    t.paste("鈴木 一郎")
        .keys("<Enter>")
        .paste("総務部")
        .keys("<Enter><Esc><Esc>");
    assert_eq!(t.p.phase, Phase::Slides);
    assert_eq!(t.p.attendees.len(), 3);
    // After the last slide: the list.
    t.keys("<Through>");
    assert_eq!(t.p.phase, Phase::Attendees);
    assert!(
        t.records().is_empty(),
        "nothing recorded before the trainer confirms"
    );
    // Before attendance is recorded nobody can choose: Enter is not offered and does nothing.
    let before = t.screen();
    assert!(!before.contains("ここで選択"), "{before}");
    t.keys("<Enter>");
    assert_eq!(t.p.phase, Phase::Attendees);
    assert_eq!(t.screen(), before);
    t.keys("s");
    let attendance: Vec<Value> = t
        .records()
        .into_iter()
        .filter(|r| r["type"] == "attendance")
        .collect();
    assert_eq!(attendance.len(), 3);

    // Each attendee in turn: the kiosk's check and choice, on the trainer's terminal.
    for (n, choice) in ["given", "deferred", "refused"].iter().enumerate() {
        assert_eq!(t.p.focus, n, "the next undecided attendee is highlighted");
        t.keys("<Enter>");
        // First the screen is turned to the attendee: no slides, no list, no one's choice.
        assert_eq!(t.p.phase, Phase::Handover);
        let screen = t.screen();
        assert!(screen.contains("画面を"), "{screen}");
        assert!(!screen.contains("✓"), "{screen}");
        t.keys("<Enter>");
        assert_eq!(t.p.phase, Phase::Attendee);
        assert_eq!(t.p.flow.ctx(), Ctx::Check, "{}", t.screen());
        if n == 0 {
            // Back from the check: the list, with the same person still highlighted, so
            // that Enter does not start someone else's turn; nothing is recorded. One Esc
            // only says what a second one does.
            t.keys("<Esc>");
            assert_eq!(t.p.phase, Phase::Attendee);
            assert!(t.screen().contains("もう一度 Esc"), "{}", t.screen());
            assert!(t.screen().contains("ほかのキー 続ける"), "{}", t.screen());
            t.keys("<Esc>");
            // The attendee is asked to turn the screen back: they see nobody's name or
            // choice, until the trainer goes on to the list.
            assert_eq!(t.p.phase, Phase::Handback);
            let screen = t.screen();
            assert!(
                screen.contains("画面を研修担当者に向けてください"),
                "{screen}"
            );
            // The same words as after a choice: the room may see this screen.
            assert!(screen.contains("ありがとうございました"), "{screen}");
            assert!(!screen.contains("記録"), "{screen}");
            for a in &t.p.attendees[1..] {
                assert!(!screen.contains(&a.name), "{screen}");
            }
            assert!(!screen.contains("✓"), "{screen}");
            // An Enter by habit (the attendee still holds the terminal) does not show them
            // the list: the trainer's own key does.
            t.keys("<Enter>");
            assert_eq!(t.p.phase, Phase::Handback);
            assert!(
                t.screen().contains("t 研修担当者：受講者一覧を表示"),
                "{}",
                t.screen()
            );
            t.keys("t");
            assert_eq!(t.p.phase, Phase::Attendees);
            assert_eq!(t.p.focus, n, "the same attendee, not the next");
            t.keys("<Enter><Enter>");
            assert_eq!(t.p.current, Some(n));
            assert_eq!(t.p.flow.ctx(), Ctx::Check);
        }
        t.pass_check();
        assert_eq!(t.p.flow.ctx(), Ctx::Choice);
        match *choice {
            "given" => t.keys("<Down><Space><Down><Down><Down><Space><Down><Space><Enter>"),
            "deferred" => t.keys("<Down><Down><Space><Enter>"),
            _ => t.keys("<Up><Space><Enter>"),
        };
        assert_eq!(t.p.flow.ctx(), Ctx::Review, "{}", t.screen());
        t.keys("<Enter>");
        assert_eq!(t.p.flow.ctx(), Ctx::Receipt, "{}", t.screen());
        if n == 1 {
            // Left on the receipt, its countdown ends the turn: the screen goes back to the
            // trainer all the same.
            t.p.tick(std::time::Instant::now() + std::time::Duration::from_secs(600));
        } else {
            t.keys("<Enter>");
        }
        assert_eq!(t.p.phase, Phase::Handback);
        let screen = t.screen();
        assert!(screen.contains("ありがとうございました"), "{screen}");
        assert!(!screen.contains("記録"), "{screen}");
        assert!(!screen.contains("✓"), "{screen}");
        t.keys("<Enter>");
        assert_eq!(t.p.phase, Phase::Handback);
        t.keys("t");
        assert_eq!(t.p.phase, Phase::Attendees);
    }
    assert!(
        t.p.attendees
            .iter()
            .all(|a| matches!(a.status, Status::Chosen(_)))
    );
    // The list, perhaps on a projector, says that each choice is recorded, never which.
    let screen = t.screen();
    assert_eq!(screen.matches("選択を記録済み").count(), 3, "{screen}");
    for word in ["✓ 同意", "✓ 今は使わない", "✓ 使わない"] {
        assert!(!screen.contains(word), "{word}: {screen}");
    }

    let records = t.records();
    assert_eq!(records.len(), 6, "{records:#?}");
    let ids = ["E1001", "E2002", "E3003"];
    for r in &records {
        assert_eq!(r["how"]["method"], "trainer-session", "{r:#}");
        assert_eq!(r["how"]["mode"], "attended");
        assert_eq!(r["how"]["session"], SESSION);
        assert_eq!(r["how"]["trainer"], "佐藤 花子");
    }
    for r in records.iter().filter(|r| r["type"] == "attendance") {
        assert_eq!(r["session"]["id"], SESSION);
        assert_eq!(r["session"]["trainer"], "佐藤 花子");
        assert!(
            r["content"]["slides"]
                .as_array()
                .is_some_and(|s| !s.is_empty())
        );
    }
    let consents: Vec<&Value> = records.iter().filter(|r| r["type"] == "consent").collect();
    assert_eq!(consents.len(), 3);
    for (r, (id, decision)) in consents
        .iter()
        .zip(ids.iter().zip(["given", "deferred", "refused"]))
    {
        assert_eq!(r["employee"]["id"], *id);
        assert_eq!(r["decision"], decision);
        // What the attendee was shown before deciding: the slides shown in the session then,
        // at least as many as the attendance taken earlier lists.
        let slides = r["content"]["slides"].as_array().expect("slides");
        let at_roll = records
            .iter()
            .find(|a| a["type"] == "attendance" && a["employee"]["id"] == *id)
            .and_then(|a| a["content"]["slides"].as_array())
            .map_or(0, Vec::len);
        assert!(!slides.is_empty() && slides.len() >= at_roll, "{r:#}");
    }
    assert_eq!(consents[0]["employee"]["name"], "山田 太郎");
    assert_eq!(consents[0]["employee"]["department"], "営業部");
    assert_eq!(consents[2]["employee"]["department"], "総務部");
    let first_attendance = records
        .iter()
        .find(|r| r["type"] == "attendance")
        .expect("attendance");
    assert_eq!(first_attendance["on_roster"], true);

    // Nothing left undone: quitting asks nothing.
    t.keys("q");
    assert!(t.p.quit);
}

#[test]
fn an_attendee_marked_for_a_kiosk_gets_a_followup_with_the_session() {
    let mut t = Trainer::new("en", "en");
    t.paste("Kim Lee").keys("<Enter><Enter>");
    t.paste("E9")
        .keys("<Enter>")
        .paste("Pat Doe")
        .keys("<Enter><Enter><Enter>");
    t.keys("<Through>s");
    // `l` first asks; any other key takes the question back with nothing recorded.
    t.keys("l");
    assert!(t.screen().contains("Press l again"), "{}", t.screen());
    // The whole question shows at 80 columns, on a second line: when the follow-up is due,
    // and that any other key records nothing.
    let screen = t.sized(80, 24);
    assert!(screen.contains("due in 7 days"), "{screen}");
    assert!(screen.contains("nothing is recorded"), "{screen}");
    t.keys("<Down>l");
    assert!(t.screen().contains("Press l again"), "{}", t.screen());
    t.keys("<F1><F1>l");
    assert_eq!(t.p.attendees[0].status, Status::Pending);
    assert!(t.records().iter().all(|r| r["type"] != "followup"));
    t.keys("l");
    assert_eq!(t.p.attendees[0].status, Status::Kiosk);
    assert!(t.screen().contains("at a kiosk later"), "{}", t.screen());
    let records = t.records();
    let followup = records
        .iter()
        .find(|r| r["type"] == "followup")
        .expect("a followup record");
    assert_eq!(followup["employee"]["id"], "E9");
    assert_eq!(followup["session"]["id"], SESSION);
    assert_eq!(followup["how"]["session"], SESSION);
    assert_eq!(followup["action"], "decide-at-kiosk");
    let due: jiff::civil::Date = followup["due"].as_str().unwrap().parse().unwrap();
    let today = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date();
    assert_eq!((due - today).get_days(), session::FOLLOWUP_DAYS);
    assert!(followup["note"].as_str().unwrap().contains(SESSION));
    t.keys("q");
    assert!(t.p.quit, "everyone is accounted for");
}

/// Someone whose consent is in force has nothing to choose later at a kiosk: `l` records no
/// follow-up for them, and says why.
#[test]
fn no_kiosk_followup_for_someone_whose_consent_is_in_force() {
    let mut t = Trainer::new("en", "en");
    t.decided_at_a_kiosk(
        serde_json::json!({"id": "E9", "name": "Pat Doe", "verified": false}),
        "given",
    );
    t.paste("Kim Lee").keys("<Enter><Enter>");
    t.paste("E9")
        .keys("<Enter>")
        .paste("Pat Doe")
        .keys("<Enter><Enter><Enter>");
    t.keys("<Through>s");
    // The first `l` already says so: nothing is offered to record.
    t.keys("l");
    assert!(
        t.screen().contains("has a consent in force"),
        "{}",
        t.screen()
    );
    assert!(!t.screen().contains("Press l again"), "{}", t.screen());
    t.keys("l");
    assert!(t.records().iter().all(|r| r["type"] != "followup"));
    assert_ne!(t.p.attendees[0].status, Status::Kiosk);
    // Their turn here: "Not now" would end the consent in force, and they are told so
    // before saving and on the receipt, as at a kiosk.
    t.keys("<Enter><Enter>");
    assert_eq!(t.p.flow.ctx(), Ctx::Check, "{}", t.screen());
    t.pass_check();
    t.keys("<Down><Down><Space><Enter>");
    assert_eq!(t.p.flow.ctx(), Ctx::Review, "{}", t.screen());
    assert!(
        t.screen().contains("ends with this choice"),
        "{}",
        t.screen()
    );
    t.keys("<Enter>");
    assert_eq!(t.p.flow.ctx(), Ctx::Receipt, "{}", t.screen());
    let receipt = tebiki::ui::body(&t.p.flow, t.p.flow.text_width())
        .lines
        .iter()
        .map(std::string::ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(receipt.contains("ends with this choice"), "{receipt}");
    assert!(receipt.contains("please delete them"), "{receipt}");
    // The receipt's code pop-up counts down back to the trainer, as the receipt does.
    t.keys("<F4>");
    t.p.flow.receipt_left = Some(30);
    let screen = t.screen();
    assert!(screen.contains("Back to the trainer in"), "{screen}");
    assert!(!screen.contains("Back to the start"), "{screen}");
}

/// A choice in a session comes after the slides, as at a kiosk it comes after every screen:
/// with slides not shown, Enter first says how many, and only a second Enter on the same
/// attendee turns the screen to them.
#[test]
fn choosing_before_every_slide_was_shown_asks_first() {
    for (lang, words) in [
        ("en", "10 of the 11 slides have not been shown"),
        ("ja", "11 枚のスライドのうち 10 枚をまだ表示していません"),
    ] {
        let mut t = Trainer::with_one_attendee(lang, lang);
        assert_eq!(t.p.slides.len(), 11);
        // The first slide, then straight to the list.
        t.keys("as");
        assert_eq!(t.p.phase, Phase::Attendees);
        t.keys("<Enter>");
        assert_eq!(t.p.phase, Phase::Attendees, "{lang}");
        assert!(t.screen().contains(words), "{lang}: {}", t.screen());
        // Another key in between: the question no longer stands.
        t.keys("<Down><Enter>");
        assert_eq!(t.p.phase, Phase::Attendees, "{lang}");
        t.keys("<Enter>");
        assert_eq!(t.p.phase, Phase::Handover, "{lang}");
    }
    // With both languages on screen, the message is whole in both, at 80x24.
    let mut t = Trainer::with_one_attendee("ja", "both");
    t.keys("as<Enter>");
    let screen = t.screen();
    let bare: String = screen.split_whitespace().collect();
    for words in [
        "11 枚のスライドのうち 10 枚をまだ表示していません",
        "10 of the 11 slides have not been shown",
    ] {
        let words: String = words.split_whitespace().collect();
        assert!(bare.contains(&words), "{screen}");
    }
    assert!(!screen.contains('…'), "nothing cut: {screen}");
}

#[test]
fn back_at_the_check_returns_to_the_list_with_nothing_recorded() {
    let mut t = Trainer::with_one_attendee("en", "en");
    t.keys("<Through>s<Enter><Enter>");
    assert_eq!(t.p.flow.ctx(), Ctx::Check);
    assert_eq!(t.p.flow.person.name(), "A B", "who they are is filled in");
    // A stray Esc does not end the turn: it says what a second one does, and any other key
    // carries on (the question still there, its answer moving on).
    t.keys("<Esc>");
    assert_eq!(t.p.phase, Phase::Attendee);
    let screen = t.screen();
    assert!(
        screen.contains("Press Esc again to end your turn without choosing"),
        "{screen}"
    );
    // The hint bar names what the message names, not the question's keys.
    let bar = screen.lines().last().unwrap_or_default().to_string();
    assert!(
        bar.contains("Esc End my turn") && bar.contains("Other keys Carry on"),
        "{bar}"
    );
    assert!(!bar.contains("Back"), "{bar}");
    t.keys("<Enter>");
    assert_eq!(t.p.phase, Phase::Attendee);
    assert_eq!(t.p.flow.ctx(), Ctx::Check);
    assert_eq!(
        t.p.flow.person.check.attempts[0], 0,
        "the key that closes the message does only that"
    );
    assert!(!t.screen().contains("Press Esc again"), "{}", t.screen());
    assert!(!t.screen().contains("Carry on"), "{}", t.screen());

    t.keys("<Esc>");
    assert_eq!(t.p.phase, Phase::Attendee);
    t.keys("<Esc>");
    assert_eq!(t.p.phase, Phase::Handback);
    assert!(
        t.screen().contains("Thank you") && !t.screen().contains("without choosing"),
        "{}",
        t.screen()
    );
    t.keys("t");
    assert_eq!(t.p.phase, Phase::Attendees);
    assert_eq!(t.p.attendees[0].status, Status::Pending);
    assert!(
        t.p.flow.person.is_blank(),
        "nothing of theirs stays in the flow"
    );
    assert!(t.records().iter().all(|r| r["type"] == "attendance"));
}

/// Ctrl-C while the screen is an attendee's does not offer to close the session (their turn,
/// and the trainer's session, would be lost by one key): it says who closes it, in the
/// attendee's turn and on the screens that hand it over and back. On the trainer's list it
/// asks, as `q` does.
#[test]
fn ctrl_c_in_an_attendees_turn_does_not_close_the_session() {
    for (lang, said) in [
        ("en", "Only the trainer can close the session"),
        ("ja", "セッションを閉じられるのはトレーナーだけです"),
    ] {
        let mut t = Trainer::with_one_attendee(lang, lang);
        t.keys("<Through>s<Enter><Enter>");
        assert_eq!(t.p.phase, Phase::Attendee);
        let step = t.p.flow.step;
        t.keys("<C-c>");
        assert!(!t.p.confirm_quit && !t.p.quit, "{lang}");
        assert_eq!(t.p.phase, Phase::Attendee);
        assert_eq!(t.p.flow.step, step);
        let bare: String = t.screen().split_whitespace().collect();
        let said: String = said.split_whitespace().collect();
        assert!(bare.contains(&said), "{lang}: {}", t.screen());
        t.keys("y");
        assert!(!t.p.quit, "{lang}");
        // Their turn ended: the screen says to turn it back, and Ctrl-C still closes nothing.
        t.keys("<Esc><Esc><Esc>");
        let screen = t.screen();
        assert_eq!(t.p.phase, Phase::Handback, "{lang}: {screen}");
        t.keys("<C-c>y");
        assert!(!t.p.confirm_quit && !t.p.quit, "{lang}");
        assert_eq!(t.p.phase, Phase::Handback);
        t.keys("t<C-c>");
        assert_eq!(t.p.phase, Phase::Attendees);
        assert!(t.p.confirm_quit, "{lang}: on the list it asks");
        t.keys("y");
        assert!(t.p.quit, "{lang}");
    }
}

#[test]
fn quitting_with_unrecorded_attendees_asks_first() {
    let mut t = Trainer::with_one_attendee("en", "en");
    t.keys("q");
    assert!(t.p.confirm_quit && !t.p.quit);
    let s = t.screen();
    assert!(
        s.contains("Quit trainer mode?") && s.contains("y Quit anyway"),
        "{s}"
    );
    t.keys("n");
    assert!(!t.p.confirm_quit && !t.p.quit);
    t.keys("<Esc>y");
    assert!(t.p.quit);
    // With both languages on screen, the question is in both.
    let mut t = Trainer::with_one_attendee("ja", "both");
    t.keys("q");
    let s = t.screen();
    let bare: String = s.split_whitespace().collect();
    for words in [
        "研修モードを終了しますか",
        "Quit trainer mode?",
        "1 attendee still has",
    ] {
        let words: String = words.split_whitespace().collect();
        assert!(bare.contains(&words), "{words}: {s}");
    }
}

#[test]
fn an_attendee_not_yet_recorded_can_be_taken_off_the_list() {
    let mut t = Trainer::new("en", "en");
    t.paste("Kim Lee").keys("<Enter><Enter>");
    for (id, name) in [("E1", "One"), ("E2", "Two")] {
        t.paste(id)
            .keys("<Enter>")
            .paste(name)
            .keys("<Enter><Enter>");
    }
    t.paste("E1").keys("<Enter>");
    assert!(
        t.screen().contains("E1 is already on the list"),
        "{}",
        t.screen()
    );
    t.keys(&"<BS>".repeat(2)).keys("<Enter><Through>");
    assert_eq!(t.p.ctx(), Ctx::Attendees);
    let disabled = common::keys_agree(Ctx::Attendees, &t.p);
    for cmd in [Cmd::Remove, Cmd::Edit, Cmd::Record] {
        assert!(!disabled.contains(&cmd), "{cmd:?} in {disabled:?}");
    }
    // Not recorded yet: they cannot choose now.
    assert!(disabled.contains(&Cmd::Confirm), "{disabled:?}");
    t.keys("x");
    assert_eq!(t.p.attendees.len(), 1);
    assert_eq!(t.p.attendees[0].id, "E2");
    t.keys("s");
    let disabled = common::keys_agree(Ctx::Attendees, &t.p);
    for cmd in [Cmd::Remove, Cmd::Edit, Cmd::Record] {
        assert!(disabled.contains(&cmd), "{cmd:?} not in {disabled:?}");
    }
    let bar = t.screen().lines().last().unwrap_or_default().to_string();
    assert!(!bar.contains(" x "), "{bar}");
    t.keys("x");
    assert_eq!(t.p.attendees.len(), 1, "a recorded attendee stays");
}

#[test]
fn without_a_trainer_name_the_slides_run_without_a_session_and_a_says_why() {
    let mut t = Trainer::new("en", "en");
    t.keys("<Enter>");
    assert!(t.p.session.is_none());
    assert!(
        !t.screen().contains("Attendees"),
        "no attendee key without a session"
    );
    // A trainer who knows `a` is told why there are no attendees, and how to have them.
    t.keys("a");
    assert_eq!(t.p.phase, Phase::Slides);
    let screen = t.screen();
    assert!(
        screen.contains("These are the slides only: nobody’s attendance or choice is recorded"),
        "{screen}"
    );
    assert!(screen.contains("start again with your name"), "{screen}");
    t.keys("q");
    assert!(t.p.quit, "nothing to lose");
    assert!(t.records().is_empty());
}

#[test]
fn every_trainer_screen_shows_language_and_help_in_its_hint_bar() {
    for ctx in [
        Ctx::PresentSetup,
        Ctx::Slides,
        Ctx::Attendees,
        Ctx::AddAttendee,
        Ctx::Follow,
    ] {
        let h = keys::hints(ctx);
        assert!(h.iter().any(|(_, a)| *a == "act-language"), "{ctx:?}");
        assert!(h.iter().any(|(_, a)| *a == "act-help"), "{ctx:?}");
    }
}

#[test]
fn the_follower_shows_the_presenters_notes_next_title_and_clock() {
    let mut t = Trainer::new("ja", "ja");
    t.present_only().keys("<Right><Right>");
    let state = t.p.follow_state(4242).expect("slides started");
    assert_eq!((state.slide, state.screen.as_str()), (3, "gains-company"));
    let path = follow::path(t.dir.path());
    follow::write(&path, &state).expect("state written");
    let read = follow::read(&path).expect("state read");
    assert!(read.same_as(&state));

    let (content, loc) = common::content();
    let mut f = Follower::new(content, loc, View::One(Lang::new("ja")), Lang::new("ja"));
    let started: jiff::Timestamp = state.started_at.parse().unwrap();
    let now = started + jiff::SignedDuration::from_secs(754);
    let fresh = FollowState {
        updated_at: now.to_string(),
        ..read
    };
    f.poll(Some(fresh.clone()), now);
    let screen = follow_screen(&f, 80, 24);
    assert!(
        screen.contains(&note_start(&t, "ja", "gains-company")),
        "{screen}"
    );
    assert!(
        screen.contains(&title(&t, "ja", "drawbacks")),
        "next: {screen}"
    );
    assert!(screen.contains("12:34"), "the clock: {screen}");
    insta::assert_snapshot!("present_follower_ja_80x24", screen);

    // A presenter that stopped writing is gone; one that removed its file too.
    f.poll(Some(fresh), now + jiff::SignedDuration::from_secs(60));
    assert!(follow_screen(&f, 80, 24).contains("まだ発表が始まっていません"));
    follow::remove(&path, 1);
    assert!(path.exists(), "another process's file is left alone");
    follow::remove(&path, 4242);
    assert!(!path.exists());
}

fn follow_screen(f: &Follower, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|frame| tebiki::ui::present::notes::draw(frame, f))
        .expect("draw");
    common::buffer_text(terminal.backend().buffer())
}

// --- snapshots: what the room sees -----------------------------------------------------------

#[test]
fn snapshot_a_slide_at_80x24_in_japanese_and_english() {
    for lang in ["ja", "en"] {
        let mut t = Trainer::new(lang, lang);
        t.present_only().keys("<Right><Right>");
        insta::assert_snapshot!(format!("present_{lang}_slide_80x24"), t.screen());
        t.keys("n");
        insta::assert_snapshot!(format!("present_{lang}_slide_notes_80x24"), t.screen());
    }
}

#[test]
fn snapshot_both_languages_at_160x48() {
    let mut t = Trainer::new("ja", "both");
    t.present_only().keys("<Right><Right>");
    insta::assert_snapshot!("present_both_slide_160x48", t.sized(160, 48));
    t.keys("n");
    insta::assert_snapshot!("present_both_slide_notes_160x48", t.sized(160, 48));
    insta::assert_snapshot!("present_both_slide_80x24", t.sized(80, 24));
}

/// "Leave it empty ..." says what an empty name does: shown while the name is empty, gone
/// once one is typed (it no longer applies), back when it is erased.
#[test]
fn the_empty_name_hint_shows_only_while_the_name_is_empty() {
    for (lang, hint) in [("en", "Leave it empty"), ("ja", "空欄のまま")] {
        let mut t = Trainer::with_roster(lang, lang, None);
        assert!(t.screen().contains(hint), "{lang}: {}", t.screen());
        t.paste("Sato");
        assert!(!t.screen().contains(hint), "{lang}: {}", t.screen());
        t.keys("<BS><BS><BS><BS>");
        assert!(t.screen().contains(hint), "{lang}: {}", t.screen());
    }
}

#[test]
fn snapshot_setup_and_attendee_list() {
    let mut t = Trainer::with_roster("ja", "ja", Some(&[("E1001", "山田 太郎", "営業部")]));
    t.paste("佐藤 花子").keys("<Enter><Enter>");
    t.paste("E1001").keys("<Enter>");
    t.paste("E2002")
        .keys("<Enter>")
        .paste("Alex Smith")
        .keys("<Enter>");
    insta::assert_snapshot!("present_ja_setup_80x24", t.screen());
    t.keys("<Enter><Enter><Through>s");
    insta::assert_snapshot!("present_ja_attendees_80x24", t.screen());
}

#[test]
fn snapshot_the_screen_turned_to_the_attendee() {
    for lang in ["ja", "en"] {
        let mut t = Trainer::with_roster(lang, lang, Some(&[("E1001", "山田 太郎", "営業部")]));
        t.paste("佐藤 花子").keys("<Enter><Enter>");
        t.paste("E1001").keys("<Enter><Enter>");
        t.keys("<Through>s<Enter>");
        let screen = t.screen();
        assert_eq!(t.p.phase, Phase::Handover, "{screen}");
        insta::assert_snapshot!(format!("present_{lang}_handover_80x24"), t.sized(80, 24));
    }
}

#[test]
fn attendees_are_found_by_name_edited_removed_and_recorded() {
    let roster: &[(&str, &str, &str)] = &[
        ("E1001", "山田 太郎", "営業部"),
        ("E1002", "ヤマダ ハナコ", "総務部"),
        ("E1003", "やまだ じろう", "総務部"),
        ("E2001", "Kim Lee", "Sales"),
    ];
    let mut t = Trainer::with_roster("ja", "ja", Some(roster));
    // The roster decides who is who: nobody off it is added.
    t.p.flow.settings.identity = tebiki::record::identity::IdentityMode::Roster;
    t.paste("佐藤 花子").keys("<Enter><Enter>");
    // Half-width katakana finds both Yamadas written in kana, in katakana or hiragana: the
    // first is highlighted, Down moves to the second, Enter adds that one.
    t.paste("ﾔﾏﾀﾞ");
    let screen = t.screen();
    assert!(
        screen.contains("ヤマダ ハナコ") && screen.contains("やまだ じろう"),
        "{screen}"
    );
    t.keys("<Down><Enter>");
    assert_eq!(t.p.attendees.len(), 1);
    assert_eq!(t.p.attendees[0].id, "E1003");
    assert!(t.p.add.is_empty(), "the field is cleared for the next one");
    // Case and width do not matter either.
    t.paste("ＫＩＭ").keys("<Enter>");
    assert_eq!(t.p.attendees[1].id, "E2001");
    // A name that matches nobody, and is no id on the roster: refused, and the field cleared.
    t.paste("nobody").keys("<Enter>");
    assert_eq!(t.p.attendees.len(), 2);
    assert!(t.p.notice.as_ref().is_some_and(|n| n.error));
    assert!(t.screen().contains("nobody に当たる"), "{}", t.screen());
    assert!(t.p.add.is_empty(), "a refused entry is cleared");
    // The list on the setup screen: Tab reaches it, the hint bar names edit and remove.
    t.keys("<Tab>");
    assert_eq!(t.p.ctx(), Ctx::SetupList);
    let screen = t.screen();
    assert!(
        screen.contains("e 修正") && screen.contains("x 一覧から外す"),
        "{screen}"
    );
    // Edit the first: it goes back into the form; another is chosen instead.
    t.keys("e");
    assert_eq!(t.p.attendees.len(), 1);
    assert_eq!(t.p.add.fields[0].value(), "E1003");
    t.keys(&"<BS>".repeat(5));
    t.paste("山田").keys("<Enter>");
    assert_eq!(t.p.attendees.len(), 2);
    assert!(t.p.attendees.iter().any(|a| a.id == "E1001"));
    // Remove Kim Lee.
    t.keys("<Tab>");
    let kim =
        t.p.attendees
            .iter()
            .position(|a| a.id == "E2001")
            .expect("listed");
    t.p.focus = 0;
    t.keys(&"<Down>".repeat(kim)).keys("x");
    assert_eq!(t.p.attendees.len(), 1);
    assert_eq!(t.p.attendees[0].id, "E1001");
    // Start, reach the list, record: one attendance, for the one left.
    t.keys("<F5><Through>s");
    let attendance: Vec<Value> = t
        .records()
        .into_iter()
        .filter(|r| r["type"] == "attendance")
        .collect();
    assert_eq!(attendance.len(), 1);
    assert_eq!(attendance[0]["employee"]["id"], "E1001");
    // Recorded: no more editing.
    t.keys("e");
    assert_eq!(t.p.attendees.len(), 1);
}

/// `e` takes an attendee out of the list into the form; Esc gives the edit up and puts them
/// back as they were, where they were (on the set-up screen it does not ask to quit, and in
/// the attendee list it does not drop them), in both languages.
#[test]
fn giving_up_an_edit_puts_the_attendee_back() {
    let roster: &[(&str, &str, &str)] = &[
        ("E1001", "山田 太郎", "営業部"),
        ("E2001", "Kim Lee", "Sales"),
    ];
    for (lang, said, hint) in [
        ("ja", "元のまま一覧に戻っています", "修正をやめる"),
        ("en", "back in the list as before", "Give up the edit"),
    ] {
        let mut t = Trainer::with_roster(lang, lang, Some(roster));
        t.paste("佐藤 花子").keys("<Enter><Enter>");
        t.paste("E1001").keys("<Enter>");
        t.paste("E2001").keys("<Enter>");
        assert_eq!(t.p.attendees.len(), 2);
        // The set-up screen's list: the first is edited, a few letters typed, then Esc.
        t.keys("<Tab>");
        assert_eq!(t.p.ctx(), Ctx::SetupList);
        t.p.focus = 0;
        t.keys("e");
        assert_eq!(t.p.attendees.len(), 1);
        // Help says what Esc does now.
        t.keys("<F1>");
        let screen = t.sized(80, 24);
        assert!(screen.contains(hint), "{lang}: {screen}");
        t.keys("<F1>");
        assert!(!t.p.help);
        t.keys("<BS><BS>");
        t.keys("<Esc>");
        assert!(
            !t.p.quit && !t.p.confirm_quit,
            "{lang}: Esc gave up the edit only"
        );
        let ids: Vec<&str> = t.p.attendees.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["E1001", "E2001"], "{lang}");
        assert_eq!(t.p.attendees[0].name, "山田 太郎");
        assert!(t.p.add.is_empty(), "{lang}");
        assert!(t.screen().contains(said), "{lang}: {}", t.screen());
        // While one is edited, another cannot be taken out too, nor the session started
        // (the field emptied or not): the one edited would drop off the list.
        t.keys("<Tab>");
        t.p.focus = 0;
        t.keys("e");
        assert_eq!(t.p.attendees.len(), 1);
        t.keys("<Tab>e");
        assert_eq!(t.p.attendees.len(), 1, "{lang}: a second edit is refused");
        assert!(
            t.p.notice
                .as_ref()
                .is_some_and(|n| n.id == "present-edit-pending")
        );
        t.keys("<C-u><F5>");
        assert_eq!(t.p.phase, Phase::Setup, "{lang}");
        assert!(
            t.p.notice
                .as_ref()
                .is_some_and(|n| n.id == "present-edit-pending")
        );
        t.keys("<Esc>");
        assert_eq!(t.p.attendees.len(), 2, "{lang}");
        // Esc again, with nothing edited, is Esc as before: quitting (nothing recorded yet).
        t.keys("<Esc>");
        assert!(t.p.quit || t.p.confirm_quit, "{lang}");

        // In the attendee list after the slides: the same.
        let mut t = Trainer::with_roster(lang, lang, Some(roster));
        t.paste("佐藤 花子").keys("<Enter><Enter>");
        t.paste("E1001").keys("<Enter>");
        t.paste("E2001").keys("<Enter>");
        t.keys("<F5><Through>");
        assert_eq!(t.p.phase, Phase::Attendees, "{lang}");
        t.p.focus = 1;
        t.keys("e");
        assert_eq!(t.p.attendees.len(), 1);
        t.keys("<Esc>");
        let ids: Vec<&str> = t.p.attendees.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(
            ids,
            ["E1001", "E2001"],
            "{lang}: no one dropped off the list"
        );
        assert_eq!(t.p.focus, 1);
        assert!(!t.p.adding);
        // An edit carried through is not undone by a later Esc.
        t.keys("e");
        t.keys(&"<BS>".repeat(5));
        t.paste("E2001").keys("<Enter><Esc>");
        assert_eq!(t.p.attendees.len(), 2, "{lang}");
    }
}

#[test]
fn the_overview_lists_every_slide_and_jumps_to_one() {
    let mut t = Trainer::new("en", "en");
    t.present_only().keys("o");
    assert_eq!(t.p.ctx(), Ctx::Overview);
    let screen = t.screen();
    let last = t.p.slides.len();
    let last_title = {
        let i = t.p.slides[last - 1];
        t.p.flow.content.lang(&Lang::new("en")).screens[i]
            .doc
            .title
            .clone()
    };
    assert!(screen.contains(&title(&t, "en", &t.slide())), "{screen}");
    assert!(screen.contains(&format!("{last}. ")), "{screen}");
    assert!(
        screen.contains(&last_title[..last_title.len().min(20)]),
        "{screen}"
    );
    t.keys("<Down><Down><Enter>");
    assert_eq!(t.p.ctx(), Ctx::Slides);
    assert_eq!(t.p.at, 2);
    t.keys("o<Esc>");
    assert_eq!(t.p.ctx(), Ctx::Slides);
    assert_eq!(t.p.at, 2, "Esc closes without moving");
}

#[test]
fn with_both_languages_the_setup_and_notes_are_in_both() {
    let mut t = Trainer::new("ja", "both");
    let screen = t.screen();
    assert!(
        screen.contains("セッションの準備") && screen.contains("set up the session"),
        "{screen}"
    );
    t.keys("<Enter>n");
    let screen = t.sized(120, 40);
    assert!(
        screen.contains("研修担当者のメモ / Speaker notes"),
        "{screen}"
    );
    assert!(screen.contains("English"), "{screen}");
}

#[test]
fn a_failed_save_is_told_in_the_trainers_language_without_the_systems_own_words() {
    let mut t = Trainer::new("ja", "ja");
    // Where the ledger folder should be, a file: nothing can be written there.
    std::fs::write(t.dir.path().join("ledger"), "not a folder").expect("written");
    t.paste("佐藤 花子").keys("<Enter><Enter>");
    t.paste("E1")
        .keys("<Enter>")
        .paste("One")
        .keys("<Enter><Enter>");
    t.keys("<Enter><Through>s");
    let n = t.p.notice.clone().expect("a notice");
    assert_eq!(n.id, "present-save-failed");
    let screen = t.screen();
    assert!(screen.contains("保存できませんでした"), "{screen}");
    assert!(
        !screen.contains("os error") && !screen.contains("ledger:"),
        "{screen}"
    );
    let reason = &n.args[0].1;
    assert!(
        !reason.contains("os error") && !reason.is_ascii(),
        "{reason}"
    );
}

/// At 80 columns a long department is shown whole in the attendee list: it is cut only when
/// the line has no room for it.
#[test]
fn a_long_department_is_shown_whole_when_there_is_room() {
    for lang in ["ja", "en"] {
        let mut t = Trainer::with_roster(
            lang,
            lang,
            Some(&[("E1001", "山田 太郎", "カスタマーサポート部")]),
        );
        t.paste("佐藤 花子").keys("<Enter><Enter>");
        t.paste("E1001").keys("<Enter><Enter>");
        t.keys("<Through>");
        let screen = t.sized(80, 24);
        assert!(screen.contains("カスタマーサポート部"), "{screen}");
        let screen = t.sized(44, 24);
        assert!(!screen.contains("カスタマーサポート部"), "{screen}");
        assert!(screen.contains("カスタマー"), "{screen}");
    }
}

/// Without a roster nobody's identity is checked; still, an attendee typed with an id whose
/// records give another name does not choose under it (it could end that person's consent),
/// and nothing of that person is shown.
#[test]
fn an_attendee_typed_with_someone_elses_id_does_not_choose_under_it() {
    let mut t = Trainer::new("en", "en");
    let mut w = tebiki::ledger::Writer::open(
        &t.dir.path().join("ledger"),
        "kiosk-1",
        std::time::Duration::from_secs(5),
    )
    .unwrap();
    let serde_json::Value::Object(body) = serde_json::json!({
        "employee": {"id": "E9", "name": "Pat Doe", "verified": false},
        "decision": "given",
        "policy": {"id": "line-works-own-phone", "version": t.p.flow.content.manifest.policy_version},
    }) else {
        unreachable!()
    };
    w.append("consent", body).unwrap();
    drop(w);
    t.paste("Kim Lee").keys("<Enter><Enter>");
    t.paste("E9")
        .keys("<Enter>")
        .paste("Someone Else")
        .keys("<Enter><Enter><Enter>");
    // Attendance is not recorded under that id, and so they cannot choose here.
    t.keys("<Through>s");
    let screen = t.sized(80, 24);
    assert!(screen.contains("under another name"), "{screen}");
    assert!(!screen.contains("Pat Doe"), "{screen}");
    assert!(!t.p.attendees[0].attendance);
    assert_eq!(t.records().len(), 1, "{:?}", t.records());
    t.keys("<Enter>");
    assert_eq!(t.p.phase, Phase::Attendees);
    assert_eq!(t.records().len(), 1);
}

/// With both languages on screen, the session's own lines are in both: the line naming the
/// session and its trainer, and a short message such as "added"; a message too long for its
/// two lines in both is shown whole in the trainer's language.
#[test]
fn with_both_languages_the_session_line_and_short_messages_are_in_both() {
    let mut t = Trainer::with_roster("ja", "both", Some(&[("E1001", "山田 太郎", "営業部")]));
    t.paste("佐藤 花子").keys("<Enter><Enter>");
    t.paste("E1001").keys("<Enter>");
    let flat = |t: &mut Trainer| {
        t.screen()
            .lines()
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let screen = flat(&mut t);
    assert!(
        screen.contains("追加しました：山田 太郎（E1001）")
            && screen.contains("Added: 山田 太郎 (E1001)."),
        "{}",
        t.screen()
    );
    t.keys("<Enter><Through>s");
    assert_eq!(t.p.phase, Phase::Attendees);
    // The screen turned to the attendee says so in both languages.
    t.keys("<Enter>");
    assert_eq!(t.p.phase, Phase::Handover);
    let screen = flat(&mut t);
    assert!(
        screen.contains("画面を") && screen.contains("turn the screen to"),
        "{}",
        t.screen()
    );
    t.keys("<Enter>");
    t.keys("<Esc><Esc>");
    assert_eq!(t.p.phase, Phase::Handback);
    let screen = flat(&mut t);
    assert!(
        screen.contains("研修担当者に向けて") && screen.contains("trainer"),
        "{}",
        t.screen()
    );
    t.keys("t");
    assert_eq!(t.p.phase, Phase::Attendees);
    let screen = flat(&mut t);
    assert!(
        screen.contains("研修担当者：佐藤 花子") && screen.contains("Trainer: 佐藤 花子"),
        "{}",
        t.screen()
    );
}

/// The trainer says who each attendee is: from their turn there is no way back to the
/// question of who they are (a wrong answer, the screen it explains, then Esc after Esc goes
/// back through the screens and stops at the first), so nobody can record a choice or a
/// withdrawal under someone else's id from a session.
/// In a trainer's session the slides were the reading: an attendee who goes back to a screen
/// and on to the choice without reading it is told only what agreeing still needs there (the
/// check), never that they must read first.
#[test]
fn an_attendee_skipping_to_the_choice_is_told_only_about_the_check() {
    let mut t = Trainer::with_roster("en", "en", Some(&[("E1001", "Kim Lee", "Sales")]));
    t.p.flow.skip_pause = std::time::Duration::ZERO;
    t.paste("Pat Trainer").keys("<Enter><Enter>");
    t.paste("E1001").keys("<Enter><Enter>");
    t.keys("<Through>s<Enter><Enter>");
    assert_eq!(t.p.flow.ctx(), Ctx::Check);
    // Back to a required screen this terminal never showed, then → twice.
    loop {
        t.keys("<Left>");
        let tebiki::app::Step::Screen(i) = t.p.flow.step else {
            panic!("on a screen: {:?}", t.p.flow.step)
        };
        if t.p.flow.content.manifest.screens[i].required {
            break;
        }
    }
    t.keys("<Right><Right>");
    assert_eq!(t.p.flow.ctx(), Ctx::Choice, "{}", t.screen());
    let screen = t.screen();
    let joined: String = screen.lines().map(str::trim).collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("To agree, answer the questions"),
        "{screen}"
    );
    assert!(!joined.contains("read the explanation"), "{screen}");
}

#[test]
fn an_attendee_cannot_go_back_to_say_who_they_are() {
    let mut t = Trainer::with_roster(
        "en",
        "en",
        Some(&[("E1001", "Kim Lee", "Sales"), ("E2002", "Max Moe", "HR")]),
    );
    t.paste("Pat Trainer").keys("<Enter><Enter>");
    t.paste("E1001").keys("<Enter><Enter>");
    t.keys("<Through>s<Enter><Enter>");
    assert_eq!(t.p.phase, Phase::Attendee);
    assert_eq!(t.p.flow.ctx(), Ctx::Check);
    // ← at the check reads the screen before, as in the kiosk: it does not end the turn.
    t.keys("<Left>");
    assert_eq!(t.p.phase, Phase::Attendee);
    assert_eq!(t.p.flow.ctx(), Ctx::Reading);
    t.keys("<Right>");
    assert_eq!(t.p.flow.ctx(), Ctx::Check, "{}", t.screen());
    // A wrong answer: the option after the right one (or before it, for the last).
    let q = &t.p.flow.content.manifest.questions[0];
    let wrong = if q.answer < q.options {
        q.answer
    } else {
        q.answer - 2
    };
    t.keys(&format!("{}<Enter>", "<Down>".repeat(wrong)));
    assert!(t.p.flow.person.check.wrong.is_some(), "{}", t.screen());
    t.keys("<Enter>");
    assert!(matches!(t.p.flow.step, tebiki::app::Step::Screen(_)));
    // Esc on the screen read again goes back to the question; ← from there reads on back.
    t.keys("<Esc>");
    assert_eq!(t.p.flow.ctx(), Ctx::Check, "{}", t.screen());
    t.keys("<Left>");
    assert_eq!(t.p.flow.ctx(), Ctx::Reading, "{}", t.screen());
    while t.p.flow.step != tebiki::app::Step::Screen(0) {
        t.keys("<Esc>");
        let (phase, step) = (t.p.phase, t.p.flow.step);
        let screen = t.screen();
        assert_eq!(phase, Phase::Attendee, "{screen}");
        assert!(
            matches!(step, tebiki::app::Step::Screen(_)),
            "{step:?}\n{screen}"
        );
    }
    assert_eq!(t.p.flow.person.who.as_ref().unwrap().id, "E1001");
    let screen = t.screen();
    assert!(!screen.contains("Employee ID"), "{screen}");
    // Esc on the first screen does what it does at the check: the first says what a second
    // does, which ends the turn with nothing recorded, never reaching who they are.
    t.keys("<Esc>");
    assert_eq!(t.p.phase, Phase::Attendee);
    assert_eq!(t.p.flow.step, tebiki::app::Step::Screen(0));
    let screen = t.screen();
    assert!(!screen.contains("Employee ID"), "{screen}");
    t.keys("<Esc>");
    let screen = t.screen();
    assert_eq!(t.p.phase, Phase::Handback, "{screen}");
    assert!(t.records().iter().all(|r| r["type"] == "attendance"));
}

/// A full name typed to add an attendee that matches nobody on the roster is said to be no
/// name on it (not an ID with a space in it), in either language.
#[test]
fn a_name_not_on_the_roster_is_said_to_be_one() {
    for (lang, said) in [
        ("en", "佐藤 次郎 is not a name on the roster"),
        ("ja", "佐藤 次郎 という氏名は名簿にありません"),
    ] {
        let mut t = Trainer::with_roster(lang, lang, Some(&[("E1001", "山田 太郎", "営業部")]));
        t.paste("Trainer A").keys("<Enter><Enter>");
        t.paste("佐藤 次郎").keys("<Enter>");
        let screen = t.screen();
        let bare: String = screen.split_whitespace().collect();
        assert!(
            bare.contains(&said.split_whitespace().collect::<String>()),
            "{lang}: {screen}"
        );
        assert!(!screen.contains("space"), "{lang}: {screen}");
        assert!(t.p.attendees.is_empty());
    }
}

/// An attendee whose decision is on record from before the session is listed as "decided
/// before" (never which decision: the list may be on a projector), not as "not decided yet",
/// and quitting does not count them as having a choice to make; others are as before.
#[test]
fn an_attendee_who_decided_before_is_listed_so() {
    for (lang, before, pending) in [
        ("en", "decided before", "not decided yet"),
        ("ja", "以前に回答済み", "未選択"),
    ] {
        let mut t = Trainer::with_roster(
            lang,
            lang,
            Some(&[
                ("E1001", "山田 太郎", "営業部"),
                ("E1002", "佐藤 花子", "総務部"),
            ]),
        );
        t.decided_at_a_kiosk(
            serde_json::json!({"id": "E1001", "name": "山田 太郎", "verified": "roster"}),
            "refused",
        );
        t.paste("Kim Lee").keys("<Enter><Enter>");
        t.paste("E1001").keys("<Enter>");
        t.paste("E1002").keys("<Enter>");
        assert_eq!(t.p.attendees.len(), 2, "{}", t.screen());
        assert!(t.p.attendees[0].decided_before);
        assert!(!t.p.attendees[1].decided_before);
        t.keys("<Enter><Through>s");
        let screen = t.screen();
        let row = |id: &str| {
            screen
                .lines()
                .find(|l| l.contains(id))
                .unwrap_or_default()
                .to_owned()
        };
        assert!(row("E1001").contains(before), "{lang}: {screen}");
        assert!(row("E1002").contains(pending), "{lang}: {screen}");
        for word in ["declined", "refused", "拒否", "同意しない"] {
            assert!(!row("E1001").contains(word), "{lang}: {screen}");
        }
        // Attendance recorded: only E1002 still has a choice to make.
        assert_eq!(t.p.unrecorded(), 0, "{screen}");
        assert_eq!(t.p.unfinished(), 1, "{screen}");
    }
}

/// The session id suggested at the set-up screen names the minute and the terminal, so that
/// two trainers starting in the same minute at two terminals do not share one.
#[test]
fn the_suggested_session_id_names_the_minute_and_the_terminal() {
    let now: jiff::Timestamp = "2026-11-24T00:00:30Z".parse().unwrap();
    let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(9));
    let a = tebiki::present::default_session_id(now, &tz, "room-1");
    let b = tebiki::present::default_session_id(now, &tz, "room-2");
    assert_eq!(a, "S-20261124-0900-room-1");
    assert_ne!(a, b);
}
