//! The dashboard (`tebiki admin`) driven in-process, the way an admin or trainer types: one
//! hesitant employee's weeks from "not now" to moving over and back out, with some steps
//! recorded at a kiosk and some through the dashboard's own keys; search across widths and
//! kana; the admin PIN; and every view as it looks at 80x24 and 160x48 in both languages.

mod common;

use std::path::Path;

use jiff::civil::Date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Map, Value, json};
use tebiki::content::RawContent;
use tebiki::dashboard::model::ChampionRow;
use tebiki::dashboard::{Dashboard, Gate, Setup, View, perform, perform_all};
use tebiki::i18n::{Lang, Localizer};
use tebiki::ledger::Writer;
use tebiki::source::Source;
use tebiki::state::{ConsentState, Stage};

/// "Today" for every test: figures that depend on the date must not depend on the clock.
const TODAY: Date = Date::constant(2026, 11, 24);
const TRAINER: &str = "佐藤 トレーナー";

fn policy() -> String {
    RawContent::load(&Source::Embedded)
        .expect("embedded content loads")
        .manifest
        .policy_version
}

fn policy_id() -> String {
    RawContent::load(&Source::Embedded)
        .expect("embedded content loads")
        .manifest
        .policy_id
}

/// The dashboard on a temporary data folder.
struct Admin {
    d: Dashboard,
    dir: tempfile::TempDir,
}

impl Admin {
    fn open(
        dir: tempfile::TempDir,
        lang: &str,
        by: Option<&str>,
        pin_hash: Option<String>,
    ) -> Admin {
        Admin::open_as(dir, lang, by, pin_hash, "admin-desk")
    }

    /// As [`Admin::open`], writing as `kiosk_id`.
    fn open_as(
        dir: tempfile::TempDir,
        lang: &str,
        by: Option<&str>,
        pin_hash: Option<String>,
        kiosk_id: &str,
    ) -> Admin {
        let (loc, issues) = Localizer::load(&Source::Embedded);
        assert!(issues.is_empty(), "{issues:?}");
        let setup = Setup {
            ledger_dir: dir.path().join("ledger"),
            roster_path: dir.path().join("roster.csv"),
            data_dir: dir.path().to_path_buf(),
            kiosk_id: kiosk_id.into(),
            pin_hash,
            by: by.map(str::to_string),
            policy: policy(),
            policy_id: policy_id(),
            tz: jiff::tz::TimeZone::get("Asia/Tokyo").expect("time zone"),
            today: TODAY,
        };
        let mut d = Dashboard::new(loc, Lang::new(lang), setup);
        d.resize(80, 24);
        let effects = d.wait_loaded();
        perform_all(&mut d, effects);
        Admin { d, dir }
    }

    fn ledger(&self) -> std::path::PathBuf {
        self.dir.path().join("ledger")
    }

    /// Types a key sequence: `<Enter>`, `<Tab>`, `<F2>` ... and plain characters.
    fn keys(&mut self, seq: &str) -> &mut Admin {
        for event in common::parse_keys(seq) {
            self.draw();
            if let Some(effect) = self.d.handle_event(&event) {
                perform(&mut self.d, effect);
            }
        }
        self.draw()
    }

    /// Looks for what was appended to the ledger, as the runner's tick does every two
    /// seconds, and folds it in.
    fn refresh(&mut self) -> &mut Admin {
        let effect = self.d.refresh();
        perform_all(&mut self.d, effect);
        self
    }

    /// Draws at the dashboard's size and takes what was drawn, as the runner does after
    /// every event.
    fn draw(&mut self) -> &mut Admin {
        let (w, h) = (self.d.width, self.d.height);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal
            .draw(|f| tebiki::ui::dashboard::draw(f, &self.d))
            .expect("draw");
        self.d.note_drawn();
        self
    }

    /// Pastes text, as a terminal with bracketed paste (or an IME commit) delivers it.
    fn paste(&mut self, text: &str) -> &mut Admin {
        self.draw();
        let event = crossterm::event::Event::Paste(text.to_string());
        if let Some(effect) = self.d.handle_event(&event) {
            perform(&mut self.d, effect);
        }
        self.draw()
    }

    fn sized(&mut self, w: u16, h: u16) -> String {
        self.d.resize(w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        terminal
            .draw(|f| tebiki::ui::dashboard::draw(f, &self.d))
            .expect("draw");
        common::buffer_text(terminal.backend().buffer())
    }

    fn screen(&mut self) -> String {
        let (w, h) = (self.d.width, self.d.height);
        self.sized(w, h)
    }

    /// The state the dashboard shows for `id`.
    fn state_of(&self, id: &str) -> (ConsentState, Stage) {
        let i = self.d.model.find(id).expect("person known");
        (
            self.d.model.consent(i, &self.d.setup.policy),
            self.d.model.people[i as usize].standing.stage,
        )
    }
}

/// Appends a record as a kiosk or a trainer terminal does: through the ledger writer.
fn write(ledger: &Path, kiosk: &str, record_type: &str, body: Value) {
    let Value::Object(body) = body else {
        panic!("a body is an object")
    };
    Writer::open(ledger, kiosk, std::time::Duration::from_secs(5))
        .expect("writer opens")
        .append(record_type, body)
        .expect("record appended");
}

fn employee(id: &str, name: &str, dept: &str) -> Value {
    let mut e = Map::new();
    e.insert("id".into(), id.into());
    if !name.is_empty() {
        e.insert("name".into(), name.into());
    }
    if !dept.is_empty() {
        e.insert("department".into(), dept.into());
    }
    Value::Object(e)
}

/// A consent record as the kiosk writes it (the parts the dashboard reads, and reasons).
fn consent(who: Value, decision: &str, version: &str, reasons: &[&str], occurred: &str) -> Value {
    let mut v = json!({
        "employee": who,
        "how": { "method": "kiosk", "session": null },
        "policy": { "id": "lineworks-byod", "version": version },
        "decision": decision,
        "reasons": reasons,
        "receipt": "ABCD-EFGH",
    });
    // A kiosk does not write it; trainer entries and the demo do.
    if !occurred.is_empty() {
        v["occurred_at"] = occurred.into();
    }
    v
}

fn roster(dir: &Path, rows: &[(&str, &str, &str)]) {
    let mut csv = String::from("employee_id,name,department,email\n");
    for (id, name, dept) in rows {
        csv.push_str(&[id, ",", name, ",", dept, ",\n"].concat());
    }
    std::fs::write(dir.join("roster.csv"), csv).expect("roster written");
}

/// The ledger's records of one type about one person, parsed.
fn records(ledger: &Path, record_type: &str, id: &str) -> Vec<Value> {
    common::read_records(ledger)
        .into_iter()
        .filter(|r| r["type"] == record_type && r["employee"]["id"] == id)
        .collect()
}

#[test]
fn a_hesitant_employee_over_several_weeks() {
    let dir = tempfile::tempdir().expect("temp dir");
    roster(
        dir.path(),
        &[
            ("E100", "Hanako Yamada", "Sales"),
            ("E101", "Ken Tanaka", "Sales"),
        ],
    );
    let mut a = Admin::open(dir, "en", None, None);
    // Asked once who is using the dashboard.
    assert!(a.screen().contains("Who is using the dashboard?"));
    a.keys("<Enter>");
    assert!(a.screen().contains("Please type your name first"));
    a.paste(TRAINER).keys("<Enter>");
    assert!(matches!(a.d.gate, Gate::Open));
    assert_eq!(a.state_of("E100"), (ConsentState::None, Stage::NotStarted));
    let ledger = a.ledger();
    let hanako = || employee("E100", "Hanako Yamada", "Sales");
    let v = policy();

    // Week 1: at the kiosk, "not now", with reasons.
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(hanako(), "deferred", &v, &["privacy", "cost"], ""),
    );
    a.refresh();
    assert_eq!(
        a.state_of("E100"),
        (ConsentState::Deferred, Stage::Hesitant)
    );
    a.keys("2").paste("e100").keys("<Enter>");
    let screen = a.screen();
    assert!(screen.contains("Hanako Yamada (E100)"), "{screen}");
    assert!(screen.contains("not now"), "{screen}");
    assert!(screen.contains("hesitant"), "{screen}");

    // Week 2: attends a session; still hesitant.
    write(
        &ledger,
        "trainer-pc",
        "attendance",
        json!({ "employee": hanako(), "session": { "id": "S-1" }, "how": { "method": "session", "trainer": "Mori" } }),
    );
    a.refresh();
    assert_eq!(
        a.state_of("E100"),
        (ConsentState::Deferred, Stage::Hesitant)
    );
    assert!(a.screen().contains("Attended"));

    // A follow-up, recorded here. A date that is not one is refused and nothing is lost.
    a.keys("f")
        .paste("Worried about the data plan")
        .keys("<Tab>");
    a.keys(&"<BS>".repeat(10)).keys("2026-13-01<Enter>");
    let screen = a.screen();
    assert!(screen.contains("is not a date"), "{screen}");
    assert!(records(&ledger, "followup", "E100").is_empty());
    a.keys(&"<BS>".repeat(10)).keys("2026-12-08<Enter>");
    // Nothing is written before the user has seen what will be recorded and confirmed it.
    let screen = a.screen();
    assert!(screen.contains("Record this?"), "{screen}");
    assert!(
        screen.contains("follow-up talk; the next one is due 2026-12-08"),
        "{screen}"
    );
    assert!(records(&ledger, "followup", "E100").is_empty());
    a.keys("<Enter>");
    let saved = records(&ledger, "followup", "E100");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["due"], "2026-12-08");
    assert_eq!(saved[0]["note"], "Worried about the data plan");
    assert_eq!(saved[0]["recorded_by"]["name"], TRAINER);
    assert_eq!(saved[0]["how"]["via"], "dashboard");
    let screen = a.screen();
    assert!(
        screen.contains("Saved: follow-up with Hanako Yamada"),
        "{screen}"
    );
    assert!(screen.contains("Next due 2026-12-08"), "{screen}");
    assert!(screen.contains("Worried about the data plan"), "{screen}");

    // Two weeks later: wants to try LINE WORKS beside the old channel. The form starts at the
    // current stage (hesitant). Using their own phone needs their consent first: refused
    // before anything is asked, and nothing is written.
    a.keys("s");
    assert!(a.screen().contains("Record a stage change"));
    assert_eq!(
        a.d.form.as_ref().map(|f| match f {
            tebiki::dashboard::forms::Form::Stage(s) => s.stage(),
            _ => Stage::NotStarted,
        }),
        Some(Stage::Hesitant)
    );
    a.keys("<Down>")
        .paste("Installed the app, keeps the old group too")
        .keys("<Enter>");
    let screen = a.screen();
    assert!(
        screen.contains("Using LINE WORKS on their own phone"),
        "{screen}"
    );
    assert!(records(&ledger, "stage", "E100").is_empty());
    // Esc with a note typed asks once; the second Esc drops it.
    a.keys("<Esc>");
    assert!(a.d.form.is_some());
    assert!(a.screen().contains("Press Esc again"), "{}", a.screen());
    a.keys("<Esc>");
    assert!(a.d.form.is_none());

    // Agrees at the kiosk (which settles the follow-up); then uses both channels, recorded
    // here with a note after a confirmation.
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(hanako(), "given", &v, &[], ""),
    );
    a.refresh();
    assert!(a.screen().contains("consent given"));
    // "using both": the third of the stages, whichever the form starts on.
    a.keys("s<Up><Up><Up><Up><Up><Down><Down>");
    a.paste("Installed the app, keeps the old group too")
        .keys("<Enter>");
    let screen = a.screen();
    assert!(screen.contains("stage is now “using both”"), "{screen}");
    assert!(
        records(&ledger, "stage", "E100").is_empty(),
        "not before Enter"
    );
    a.keys("<Enter>");
    assert_eq!(a.state_of("E100"), (ConsentState::Given, Stage::Parallel));
    let stage = records(&ledger, "stage", "E100");
    assert_eq!(stage[0]["stage"], "parallel");
    assert_eq!(stage[0]["recorded_by"]["name"], TRAINER);

    // Moves over: recorded from the follow-up list, without leaving it.
    a.keys("<Esc><Tab>");
    let screen = a.screen();
    assert!(screen.contains("E100"), "{screen}");
    assert_eq!(a.d.view, View::Followups);
    a.keys("s<Down><Enter><Enter>");
    assert_eq!(a.state_of("E100"), (ConsentState::Given, Stage::Migrated));
    assert_eq!(records(&ledger, "stage", "E100")[1]["stage"], "migrated");
    let screen = a.screen();
    assert!(
        !screen.contains("E100 "),
        "moved over: off the list at once\n{screen}"
    );
    assert!(screen.contains("Saved: stage of Hanako Yamada"), "{screen}");

    // Later withdraws (recorded elsewhere).
    write(
        &ledger,
        "kiosk-1",
        "withdrawal",
        json!({ "employee": hanako(), "policy": { "id": "lineworks-byod", "version": v } }),
    );
    a.refresh();
    assert_eq!(
        a.state_of("E100"),
        (ConsentState::Withdrawn, Stage::OptedOut)
    );
    a.keys("2<Esc>").paste("E100").keys("<Enter>");
    let screen = a.screen();
    assert!(screen.contains("withdrawn"), "{screen}");
    assert!(screen.contains("opted out"), "{screen}");
    assert!(screen.contains("History (7)"), "{screen}");
    // Newest first: the withdrawal just recorded is the first entry.
    let first = screen
        .lines()
        .skip_while(|l| !l.contains("History (7)"))
        .nth(1)
        .unwrap_or_default();
    assert!(first.contains("Withdrawal"), "{screen}");
    assert!(screen.contains(&format!("by {TRAINER}")), "{screen}");
}

#[test]
fn search_ignores_width_case_spaces_and_kana() {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = dir.path().join("ledger");
    let v = policy();
    for (id, name) in [
        ("EMP001", "山田 太郎"),
        ("ＥＭＰ００２", "ヤマダ ハナコ"),
        ("EMP003", "やまだ じろう"),
        ("EMP004", "Suzuki Ichiro"),
    ] {
        write(
            &ledger,
            "kiosk-1",
            "consent",
            consent(
                employee(id, name, ""),
                "deferred",
                &v,
                &[],
                "2026-11-01T00:00:00Z",
            ),
        );
    }
    let mut a = Admin::open(dir, "ja", Some(TRAINER), None);
    a.keys("2");
    let found = |a: &Admin| -> Vec<String> {
        a.d.results
            .iter()
            .map(|&i| a.d.model.people[i as usize].id.to_string())
            .collect()
    };
    a.paste("ＥＭＰ００１");
    assert_eq!(found(&a), ["EMP001"]);
    a.keys("<Esc><Esc>/").paste("emp002");
    assert_eq!(found(&a), ["ＥＭＰ００２"]);
    a.keys("<Esc><Esc>/").paste("ﾔﾏﾀﾞ");
    assert_eq!(found(&a), ["ＥＭＰ００２", "EMP003"]);
    a.keys("<Esc><Esc>/").paste("suzukiICHIRO");
    assert_eq!(found(&a), ["EMP004"]);
    // Typed one key at a time, each key narrowing the last matches.
    a.keys("<Esc><Esc>/emp0");
    assert_eq!(found(&a).len(), 4);
    a.keys("0");
    assert_eq!(found(&a).len(), 4);
    a.keys("3");
    assert_eq!(found(&a), ["EMP003"]);
    a.keys("<BS>");
    assert_eq!(found(&a).len(), 4);
    let screen = a.screen();
    assert!(screen.contains("ヤマダ ハナコ"), "{screen}");
}

#[test]
fn with_a_pin_nothing_shows_until_the_right_pin() {
    let hash = tebiki::pin::hash("246810").expect("hash");
    let dir = tempfile::tempdir().expect("temp dir");
    roster(dir.path(), &[("E1", "Secret Person", "Sales")]);
    let mut a = Admin::open(dir, "en", Some(TRAINER), Some(hash.clone()));
    let screen = a.screen();
    assert!(screen.contains("Enter the admin PIN"), "{screen}");
    assert!(
        !screen.contains("Secret Person") && !screen.contains("Overview"),
        "{screen}"
    );
    // Letters are not part of a PIN and do not reach anything behind the prompt.
    a.paste("Secret");
    let screen = a.screen();
    assert!(
        !screen.contains("Secret Person") && !screen.contains('●'),
        "{screen}"
    );
    a.keys("246810<Enter>");
    assert!(matches!(a.d.gate, Gate::Open));
    a.keys("2").paste("secret");
    assert!(a.screen().contains("Secret Person"));

    let dir = tempfile::tempdir().expect("temp dir");
    roster(dir.path(), &[("E1", "Secret Person", "Sales")]);
    let mut a = Admin::open(dir, "en", Some(TRAINER), Some(hash));
    a.keys("111111<Enter>");
    let screen = a.screen();
    assert!(screen.contains("Wrong PIN"), "{screen}");
    assert!(matches!(a.d.gate, Gate::Pin(_)));
    assert!(!screen.contains("Secret Person"), "{screen}");
}

/// A small organisation with fixed times: roster, decisions, a session, follow-ups (one
/// overdue), a champion and the person they support.
fn sample() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    roster(
        dir.path(),
        &[
            ("E001", "佐藤 一郎", "営業部"),
            ("E002", "山田 花子", "営業部"),
            ("E003", "Ken Tanaka", "製造部"),
            ("E004", "鈴木 美咲", "製造部"),
            ("E005", "高橋 翔", "物流部"),
            ("E006", "伊藤 さくら", "物流部"),
            ("E007", "渡辺 健太", ""),
        ],
    );
    let ledger = dir.path().join("ledger");
    let v = policy();
    let who = |id: &str, name: &str, dept: &str| employee(id, name, dept);
    let by = |name: &str| json!({ "name": name });
    let at = |day: u32| format!("2026-11-{day:02}T01:30:00Z");
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(who("E001", "佐藤 一郎", "営業部"), "given", &v, &[], &at(2)),
    );
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(
            who("E002", "山田 花子", "営業部"),
            "deferred",
            &v,
            &["privacy"],
            &at(3),
        ),
    );
    write(
        &ledger,
        "trainer-pc",
        "attendance",
        json!({ "employee": who("E002", "山田 花子", "営業部"), "session": { "id": "S-20261105" }, "how": { "method": "session", "trainer": "森" }, "occurred_at": at(5) }),
    );
    write(
        &ledger,
        "trainer-pc",
        "followup",
        json!({ "employee": who("E002", "山田 花子", "営業部"), "due": "2026-11-20", "note": "家族と相談してから決めたい", "recorded_by": by("森"), "occurred_at": at(6) }),
    );
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(
            who("E003", "Ken Tanaka", "製造部"),
            "deferred",
            &v,
            &["cost"],
            &at(4),
        ),
    );
    write(
        &ledger,
        "trainer-pc",
        "stage",
        json!({ "employee": who("E003", "Ken Tanaka", "製造部"), "stage": "parallel", "note": "Keeps the old group chat for now", "recorded_by": by("Mori"), "occurred_at": at(10) }),
    );
    write(
        &ledger,
        "trainer-pc",
        "followup",
        json!({ "employee": who("E003", "Ken Tanaka", "製造部"), "due": "2026-12-01", "recorded_by": by("Mori"), "occurred_at": at(11) }),
    );
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(who("E004", "鈴木 美咲", "製造部"), "given", &v, &[], &at(4)),
    );
    write(
        &ledger,
        "trainer-pc",
        "stage",
        json!({ "employee": who("E004", "鈴木 美咲", "製造部"), "stage": "migrated", "recorded_by": by("森"), "occurred_at": at(12) }),
    );
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(
            who("E005", "高橋 翔", "物流部"),
            "refused",
            &v,
            &["own-phone"],
            &at(7),
        ),
    );
    write(
        &ledger,
        "kiosk-1",
        "consent",
        consent(
            who("E007", "渡辺 健太", ""),
            "given",
            "2026-06-01",
            &[],
            &at(1),
        ),
    );
    write(
        &ledger,
        "trainer-pc",
        "champion",
        json!({ "employee": who("E001", "佐藤 一郎", "営業部"), "active": true, "supports": "E002", "recorded_by": by("森"), "occurred_at": at(8) }),
    );
    write(
        &ledger,
        "kiosk-2",
        "consent",
        consent(
            who("E008", "ヤマダ タロウ", "営業部"),
            "deferred",
            &v,
            &[],
            &at(9),
        ),
    );
    dir
}

/// Someone using their own phone without a consent in force (the report's list) is told on
/// the overview, in red.
#[test]
fn the_overview_tells_who_uses_their_phone_without_a_consent_in_force() {
    let dir = sample();
    let mut a = Admin::open(dir, "en", Some("森"), None);
    // E003 said "not now" and is using both.
    assert_eq!(a.d.derived.all.in_use_without_consent, 1);
    assert!(
        a.screen().contains("1 person uses their own phone"),
        "{}",
        a.screen()
    );
    // E007's consent is to an older version (expired): moved over all the same.
    write(
        &a.ledger(),
        "trainer-pc",
        "stage",
        json!({ "employee": employee("E007", "渡辺 健太", ""), "stage": "migrated" }),
    );
    a.refresh();
    a.keys("1");
    let screen = a.screen();
    assert!(
        screen.contains("2 people use their own phone (in parallel or moved over) without a"),
        "{screen}"
    );
    assert_eq!(a.d.derived.all.in_use_without_consent, 2);
}

/// A follow-up kept open through a stage change (the default) stays in the Follow-ups view,
/// so that its overdue count is the overview's and the report's; and Esc on the overview does
/// not end the session (only q does), however many times it is pressed to get out of things.
#[test]
fn a_follow_up_kept_through_a_stage_change_stays_in_the_worklist() {
    let dir = sample();
    let ledger = dir.path().join("ledger");
    let who = employee("E006", "伊藤 さくら", "物流部");
    write(
        &ledger,
        "trainer-pc",
        "followup",
        json!({ "employee": who, "due": "2026-11-10", "note": "電話する" }),
    );
    write(
        &ledger,
        "trainer-pc",
        "stage",
        json!({ "employee": who, "stage": "opted_out", "followup": "kept" }),
    );
    let mut a = Admin::open(dir, "en", Some("森"), None);
    let e006 =
        a.d.model
            .people
            .iter()
            .position(|p| p.id.as_ref() == "E006")
            .unwrap() as u32;
    assert_eq!(
        a.d.model.people[e006 as usize].standing.stage,
        Stage::OptedOut
    );
    assert!(a.d.followups.contains(&e006), "in the worklist");
    a.keys("3");
    let screen = a.screen();
    assert!(screen.contains("E006"), "{screen}");
    assert!(screen.contains("(2 overdue)"), "{screen}");
    a.keys("1<Esc><Esc><Esc>");
    assert!(!a.d.quit, "Esc does not end the session");
    a.keys("q");
    assert!(a.d.quit);
}

/// The banner says what was left out in its own words (a link in the ledger folder is no
/// "unreadable line"), and a long one takes two lines so that "run tebiki verify" is seen.
#[cfg(unix)]
#[test]
fn the_banner_names_what_was_left_out_and_keeps_what_to_do_in_view() {
    let dir = sample();
    let ledger = dir.path().join("ledger");
    std::os::unix::fs::symlink("/etc/hostname", ledger.join("evil.jsonl")).unwrap();
    let mut a = Admin::open(dir, "en", Some("森"), None);
    let screen = a.sized(80, 24);
    assert!(
        screen.contains("1 entry of the ledger folder is not a regular ledger file"),
        "{screen}"
    );
    assert!(!screen.contains("could not be read"), "{screen}");
    assert!(screen.contains("Run tebiki verify."), "{screen}");
    // A break: its long message whole at 80 columns, in Japanese too.
    let broken = || {
        let dir = sample();
        let file = dir.path().join("ledger").join("kiosk-1.jsonl");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("\"given\"", "\"refused\"", 1)).unwrap();
        dir
    };
    for (lang, end) in [
        ("en", "Run tebiki verify."),
        ("ja", "tebiki verify を実行してください。"),
    ] {
        let mut a = Admin::open(broken(), lang, Some("森"), None);
        let screen = a.sized(80, 24);
        assert!(!a.d.model.breaks.is_empty(), "{lang}: a break");
        // Its lines joined again, as they were broken (spaces aside).
        let bare = |t: &str| t.split_whitespace().collect::<String>();
        assert!(bare(&screen).contains(&bare(end)), "{lang}: {screen}");
        assert!(!screen.contains('…'), "{lang}: nothing cut: {screen}");
    }
    // E001's consent is the record before the break: marked in text in the list, and a
    // withdrawal for them is not answered with "has not given consent".
    let mut a = Admin::open(broken(), "en", Some("森"), None);
    assert!(a.d.model.is_suspect("E001"));
    a.keys("2");
    let screen = a.sized(80, 24);
    // Everyone in the records withheld (kiosk-1's) is marked; the others are not.
    assert!(screen.contains("E001! 佐藤"), "{screen}");
    assert!(screen.contains("E006  伊藤"), "{screen}");
    assert!(!screen.contains("E006!"), "{screen}");
    a.keys("<Esc>").keys("w");
    a.paste("E001").keys("<Enter>w");
    let screen = a.sized(80, 24);
    assert!(!screen.contains("has not given consent"), "{screen}");
    assert!(screen.contains("could not be used"), "{screen}");
    // ... and is recorded all the same: a person asking to withdraw is never turned away.
    let ledger = a.ledger();
    a.keys(&"<BS>".repeat(10)).keys("2026-11-23<Enter>");
    assert!(a.d.confirm.is_some(), "{}", a.screen());
    // The confirmation alone, not over the edges of the form behind it.
    let screen = a.sized(80, 24);
    assert!(screen.contains("Record this?"), "{screen}");
    assert!(!screen.contains("Withdrawal of consent"), "{screen}");
    assert_eq!(screen.matches('└').count(), 1, "{screen}");
    a.keys("<Esc>");
    assert!(a.sized(80, 24).contains("Withdrawal of consent"));
    a.keys("<Enter>");
    assert!(a.d.confirm.is_some(), "{}", a.screen());
    a.keys("<Enter>");
    assert_eq!(
        records(&ledger, "withdrawal", "E001").len(),
        1,
        "{}",
        a.screen()
    );
}

/// At 40x12 a form scrolls to what is being worked on: the stage chosen (the last ones were
/// never in view), with the note below it; a problem with what was typed is always in view.
#[test]
fn at_40x12_forms_show_the_choice_the_note_and_the_problem() {
    let mut a = Admin::open(sample(), "en", Some("森"), None);
    a.keys("2")
        .paste("E002")
        .keys("<Enter>s<Down><Down><Down><Down><Down>");
    let screen = a.sized(40, 12);
    assert!(screen.contains("opted out"), "{screen}");
    assert!(screen.contains("Note (optional)"), "{screen}");
    a.keys("<Esc>f<Tab>").keys(&"<BS>".repeat(10));
    a.paste("2026-02-30").keys("<Enter>");
    let screen = a.sized(40, 12);
    let bare: String = screen.split_whitespace().collect();
    assert!(bare.contains("“2026-02-30”isnotareal"), "{screen}");
    assert!(bare.contains("2026-02hasonly28days"), "{screen}");
    assert!(screen.contains("Next due: 2026-02-30"), "{screen}");
}

/// "Nobody found" is read whole at 80x24 (its end says how the search matches), and a name
/// of half-width katakana with voiced marks is drawn in full width, leaving no stray mark.
#[test]
fn nobody_found_is_whole_and_half_width_voiced_kana_draw_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    roster(
        dir.path(),
        &[
            ("ab-003", "ｽｽﾞｷ ｲﾁﾛｳ", "営業部"),
            ("ab-004", "山田 花子", "総務部"),
        ],
    );
    let mut a = Admin::open(dir, "ja", Some("森"), None);
    a.keys("2");
    let screen = a.sized(80, 24);
    assert!(screen.contains("スズキ イチロウ  "), "whole: {screen}");
    assert!(!screen.contains('ﾞ'), "{screen}");
    a.paste("zzzz");
    let screen = a.sized(80, 24);
    let bare: String = screen.split_whitespace().collect();
    assert!(bare.contains("区別しません"), "{screen}");
}

/// A new data folder (no roster, no records): the overview and People say where people come
/// from (the roster import, the kiosk, sessions), whole at 80x24; the coverage label is
/// wrapped, not cut. Once a record is appended, the hint goes.
#[test]
fn a_new_data_folder_says_where_people_come_from() {
    for (lang, hint, coverage) in [
        (
            "en",
            "tebiki roster import FILE.csv",
            "(no roster imported)",
        ),
        (
            "ja",
            "tebiki roster import ファイル.csv",
            "（名簿は未登録）",
        ),
    ] {
        let mut a = Admin::open(tempfile::tempdir().unwrap(), lang, Some("森"), None);
        for view in ["1", "2"] {
            a.keys(view);
            let screen = a.sized(80, 24);
            // Wrapped text, read without the line breaks.
            let bare = |t: &str| t.split_whitespace().collect::<String>();
            let joined = bare(&screen);
            assert!(joined.contains(&bare(hint)), "{lang} {view}: {screen}");
            if view == "1" {
                assert!(joined.contains(&bare(coverage)), "{lang}: {screen}");
            }
        }
        let ledger = a.ledger();
        write(
            &ledger,
            "kiosk-1",
            "consent",
            consent(
                employee("E1", "Aoi", "Sales"),
                "given",
                &policy(),
                &[],
                "2026-11-20T10:00:00Z",
            ),
        );
        a.refresh();
        a.keys("1");
        let screen = a.sized(80, 24);
        let joined: String = screen.split_whitespace().collect();
        assert!(!joined.contains("tebikiroster"), "{lang}: {screen}");
    }
}

/// A very long recorder's name gives way in the header: the view's title and the date stay.
#[test]
fn a_long_recorder_name_leaves_the_header_readable() {
    let long = "名".repeat(200);
    let mut a = Admin::open(sample(), "en", Some(&long), None);
    let screen = a.sized(80, 24);
    let header = screen.lines().next().unwrap();
    assert!(header.contains("Overview"), "{header}");
    assert!(header.contains("2026-11-24"), "{header}");
    assert!(header.contains('…'), "{header}");
}

/// At 40x12 the overview says there is more below and PgDn reads it (the consent chart and
/// the follow-up totals were never in view); ↑↓ still choose the department.
#[test]
fn at_40x12_the_overview_reads_on_with_page_down() {
    let mut a = Admin::open(sample(), "en", Some("森"), None);
    let screen = a.sized(40, 12);
    assert!(screen.contains("More below: PgDn"), "{screen}");
    assert!(!screen.contains("Champions: 1"), "{screen}");
    for _ in 0..6 {
        a.keys("<PageDown>");
    }
    let screen = a.sized(40, 12);
    assert!(screen.contains("Open follow-ups"), "{screen}");
    assert!(!screen.contains("More below"), "at the end: {screen}");
    assert_eq!(a.d.department, 0, "the department is not changed");
    a.keys("<PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp><PageUp>");
    assert!(a.sized(40, 12).contains("Coverage"), "back at the top");
}

/// At the smallest size (40x12) the lists keep each id and each state word whole: a cut id
/// tells nobody apart, and a cut word can say another thing ("利用しない" cut to "利用",
/// "uses"). What gives way is the name and the department.
#[test]
fn at_40_columns_lists_keep_ids_and_state_words_whole() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        let stage = |s: &str| -> String {
            let id = format!("report-stage-{s}");
            let text = std::fs::read_to_string(format!(
                "{}/locales/{lang}/admin.ftl",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap();
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{id} = ")))
                .unwrap()
                .to_string()
        };
        // People (its search has the keyboard, so Esc before the next view's key), Follow-ups.
        for (view, ids) in [("2", 8), ("<Esc>3", 3)] {
            a.keys(view);
            let screen = a.sized(40, 12);
            let rows: Vec<&str> = screen.lines().filter(|l| l.contains(" E00")).collect();
            assert!(rows.len() >= ids.min(2), "{lang} {view}: {screen}");
            for row in &rows {
                assert!(unicode_width::UnicodeWidthStr::width(*row) <= 40, "{row}");
                let id = row
                    .split_whitespace()
                    .find(|w| w.starts_with("E00"))
                    .unwrap();
                assert_eq!(id.len(), 4, "{lang} {view}: a whole id: {row}\n{screen}");
                assert!(
                    [
                        "not_started",
                        "informed",
                        "hesitant",
                        "parallel",
                        "migrated",
                        "opted_out"
                    ]
                    .iter()
                    .any(|s| row.trim_end().ends_with(&stage(s))),
                    "{lang} {view}: a whole stage word: {row}\n{screen}"
                );
            }
        }
    }
}

#[test]
fn every_view_at_both_sizes_in_both_languages() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        for (w, h) in [(80, 24), (160, 48)] {
            let size = format!("{w}x{h}");
            a.keys("1");
            insta::assert_snapshot!(format!("dashboard_{lang}_overview_{size}"), a.sized(w, h));
            a.keys("<Down>");
            insta::assert_snapshot!(
                format!("dashboard_{lang}_overview_dept_{size}"),
                a.sized(w, h)
            );
            a.keys("<Home>2");
            insta::assert_snapshot!(format!("dashboard_{lang}_people_{size}"), a.sized(w, h));
            a.paste("ﾔﾏﾀﾞ");
            insta::assert_snapshot!(
                format!("dashboard_{lang}_people_search_{size}"),
                a.sized(w, h)
            );
            a.keys("<Esc><Esc>/").paste("山田花子").keys("<Enter>");
            insta::assert_snapshot!(format!("dashboard_{lang}_person_{size}"), a.sized(w, h));
            a.keys("<Esc><Esc><Esc>3");
            insta::assert_snapshot!(format!("dashboard_{lang}_followups_{size}"), a.sized(w, h));
            a.keys("f");
            insta::assert_snapshot!(
                format!("dashboard_{lang}_followup_form_{size}"),
                a.sized(w, h)
            );
            a.keys("<Esc>s");
            insta::assert_snapshot!(format!("dashboard_{lang}_stage_form_{size}"), a.sized(w, h));
            a.keys("<Esc>4");
            insta::assert_snapshot!(format!("dashboard_{lang}_champions_{size}"), a.sized(w, h));
            a.keys("<F1>");
            insta::assert_snapshot!(format!("dashboard_{lang}_help_{size}"), a.sized(w, h));
            a.keys("<Esc>");
        }
        let small = a.sized(30, 10);
        assert!(
            small.contains("40"),
            "too small says the minimum
{small}"
        );
    }
}

#[test]
fn a_person_and_the_people_found_show_exactly_the_keys_that_work() {
    use tebiki::keys::{Cmd, Ctx};
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    // E003 has no champion: there is no pairing to end.
    a.keys("2").paste("E003").keys("<Enter>");
    assert_eq!(a.d.ctx(), Ctx::DashPerson);
    let disabled = common::keys_agree(Ctx::DashPerson, &a.d);
    assert!(disabled.contains(&Cmd::Remove), "{disabled:?}");
    assert!(!disabled.contains(&Cmd::Assign), "{disabled:?}");
    let before = a.screen();
    a.keys("x");
    assert_eq!(a.screen(), before, "x does nothing");
    a.keys("<F1>");
    let help = a.screen();
    assert!(!help.contains(&a.d.t("dash-act-end-pairing")), "{help}");
    assert!(help.contains(&a.d.t("dash-act-assign")), "{help}");
    common::keys_agree(Ctx::Help, &a.d);
    // Back in the people found, Esc first clears the search, then goes back.
    a.keys("<Esc><Esc>");
    assert_eq!(a.d.ctx(), Ctx::DashPeopleList);
    let disabled = common::keys_agree(Ctx::DashPeopleList, &a.d);
    assert!(disabled.contains(&Cmd::Back) && !disabled.contains(&Cmd::Clear));
    a.keys("<Esc>");
    assert_eq!(a.d.ctx(), Ctx::DashPeopleList);
    assert_eq!(a.d.query.value(), "");
    let disabled = common::keys_agree(Ctx::DashPeopleList, &a.d);
    assert!(disabled.contains(&Cmd::Clear) && !disabled.contains(&Cmd::Back));
    a.keys("<Esc>");
    assert_eq!(a.d.ctx(), Ctx::DashOverview);

    // The search finds an id typed full-width, in another case, with spaces around it.
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    for typed in ["Ｅ００３", " e003 ", "\u{3000}ｅ００３\u{3000}"] {
        a.keys("2").paste(typed);
        let found: Vec<&str> =
            a.d.results
                .iter()
                .map(|&i| &*a.d.model.people[i as usize].id)
                .collect();
        assert_eq!(found, ["E003"], "{typed:?}");
        a.keys("<Esc><Esc><Esc>");
        assert_eq!(a.d.ctx(), Ctx::DashOverview, "{typed:?}");
    }

    // E002 is supported by E001: the pairing can be ended.
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    a.keys("2").paste("E002").keys("<Enter>");
    let disabled = common::keys_agree(Ctx::DashPerson, &a.d);
    assert!(!disabled.contains(&Cmd::Remove), "{disabled:?}");
    let before = a.screen();
    a.keys("x");
    assert_ne!(a.screen(), before, "x ends the pairing");
}

#[test]
fn champions_are_made_paired_and_unpaired_from_the_champions_view() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    a.keys("4");
    // Rows: E001 (champion), its E002, the heading, then E003 and E008 without a champion.
    let row_of = |a: &Admin, id: &str| {
        a.d.derived
            .champion_rows
            .iter()
            .position(|r| match r {
                tebiki::dashboard::model::ChampionRow::Unsupported(p)
                | tebiki::dashboard::model::ChampionRow::Supported(_, p) => {
                    &*a.d.model.people[*p as usize].id == id
                }
                _ => false,
            })
            .expect("listed")
    };
    let e003 = row_of(&a, "E003");
    a.keys(&"<Down>".repeat(e003));
    a.keys("a");
    assert!(a.screen().contains("Who will support Ken Tanaka (E003)?"));
    a.keys("<Enter><Enter>");
    assert!(
        a.screen()
            .contains("Saved: champion 佐藤 一郎 (E001) supports Ken Tanaka (E003)."),
        "{}",
        a.screen()
    );
    let i = a.d.model.find("E003").unwrap();
    let champion = a.d.model.champion_of(i).expect("paired");
    assert_eq!(&*a.d.model.people[champion as usize].id, "E001");
    let rec: Vec<Value> = records(&a.ledger(), "champion", "E001")
        .into_iter()
        .filter(|r| r["supports"] == "E003")
        .collect();
    assert_eq!(rec.len(), 1);
    assert_eq!(rec[0]["active"], true);
    assert_eq!(rec[0]["recorded_by"]["name"], "Mori");
    // End that pairing.
    let e003 = row_of(&a, "E003");
    a.d.selected[2] = e003;
    a.keys("x");
    assert!(
        a.screen().contains("no longer supports Ken Tanaka (E003)"),
        "{}",
        a.screen()
    );
    a.keys("<Enter>");
    // Said as what it did, not as the pairing it ended.
    assert!(
        a.screen()
            .contains("(E001) no longer supports Ken Tanaka (E003)."),
        "{}",
        a.screen()
    );
    assert_eq!(a.d.model.champion_of(i), None);
    // Make E008 a champion.
    let e008 = row_of(&a, "E008");
    a.d.selected[2] = e008;
    // `c` writes nothing by itself: Esc on the confirmation leaves everything as it was.
    a.keys("c");
    assert!(a.screen().contains("becomes a champion"), "{}", a.screen());
    a.keys("<Esc>");
    let j = a.d.model.find("E008").unwrap();
    assert!(!a.d.model.people[j as usize].standing.champion);
    a.keys("c<Enter>");
    assert!(a.d.model.people[j as usize].standing.champion);
    assert!(
        a.screen().contains("(E008) is a champion."),
        "{}",
        a.screen()
    );
    assert_eq!(a.d.derived.champions.len(), 2);
}

#[test]
fn a_record_that_cannot_be_saved_says_why_and_keeps_what_was_typed() {
    // A kiosk id that cannot name a file: every append fails before touching the disk.
    let mut a = Admin::open_as(sample(), "en", Some("Mori"), None, "bad/id");
    a.keys("3f").paste("Talked at lunch").keys("<Enter><Enter>");
    let screen = a.screen();
    assert!(screen.contains("Not saved"), "{screen}");
    assert!(screen.contains("Talked at lunch"), "{screen}");
    assert!(!screen.contains("Saved:"), "{screen}");
    assert!(a.d.form.is_some(), "the form stays open");
    let i = a.d.model.find("E002").expect("known");
    assert_eq!(
        a.d.model.people[i as usize]
            .followup
            .as_ref()
            .and_then(|f| f.due),
        Some(Date::constant(2026, 11, 20)),
        "nothing changed"
    );
}

#[test]
fn appended_records_are_folded_and_a_shrunk_file_means_reading_it_all_again() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let records = a.d.model.records;
    let ledger = a.ledger();
    write(
        &ledger,
        "kiosk-2",
        "consent",
        consent(
            employee("E006", "伊藤 さくら", "物流部"),
            "given",
            &policy(),
            &[],
            "",
        ),
    );
    a.refresh();
    assert!(a.d.loading.is_none(), "only the new bytes were read");
    assert_eq!(a.d.model.records, records + 1);
    assert_eq!(a.state_of("E006"), (ConsentState::Given, Stage::Informed));
    // An appended line that breaks the envelope contract is counted as unreadable, not folded,
    // as a full read would do.
    let unreadable = a.d.model.unreadable;
    // Time and id are there (all an ordering needs), but `seq` is not a number.
    let forged = format!(
        r#"{{"schema":"tebiki/1","seq":"x","prev":"{}","id":"0190f5a0-0000-7000-8000-000000000001","at":"2099-01-01T00:00:00.000Z","kiosk":"kiosk-2","type":"withdrawal","employee":{{"id":"E006"}}}}"#,
        "0".repeat(64)
    );
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(ledger.join("kiosk-2.jsonl"))
        .expect("ledger file opens");
    std::io::Write::write_all(&mut f, format!("{forged}\n").as_bytes()).expect("appended");
    // It does not go on the chain: the ledger is read again in full, which says what a fresh
    // start says (the record before a break may have been folded already).
    a.refresh();
    assert!(a.d.loading.is_some(), "a full pass started");
    let effects = a.d.wait_loaded();
    perform_all(&mut a.d, effects);
    // Its `seq` is not a number: an unreadable line, and the chain breaks there, so the record
    // before it (E006's consent) is withheld, as a fresh start withholds it.
    assert_eq!(a.d.model.unreadable, unreadable + 1);
    assert_eq!(a.d.model.breaks.len(), 1, "{:?}", a.d.model.breaks);
    assert!(a.d.model.is_suspect("E006"));
    assert_eq!(a.state_of("E006"), (ConsentState::None, Stage::NotStarted));
    // A file that shrank (restored from a backup, say) is read again in full.
    let file = ledger.join("kiosk-2.jsonl");
    let text = std::fs::read_to_string(&file).expect("readable");
    let first_line = text.lines().next().expect("a line");
    std::fs::write(&file, format!("{first_line}\n")).expect("rewritten");
    a.refresh();
    assert!(a.d.loading.is_some(), "a full pass started");
    let effects = a.d.wait_loaded();
    perform_all(&mut a.d, effects);
    assert_eq!(a.state_of("E006"), (ConsentState::None, Stage::NotStarted));
    assert_eq!(a.d.model.records, records);
}

/// A withdrawal refused under the check lock (another terminal recorded one meanwhile) says
/// the state that check found, not the one the dashboard read before.
#[test]
fn a_refusal_under_the_lock_names_the_state_found_there() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let ledger = a.ledger();
    a.keys("2").paste("E001").keys("<Enter>w");
    a.keys(&"<BS>".repeat(10)).keys("2026-11-23<Enter>");
    assert!(a.d.confirm.is_some(), "{}", a.screen());
    write(
        &ledger,
        "kiosk-9",
        "withdrawal",
        json!({ "employee": employee("E001", "佐藤 一郎", "営業部"), "requested_by": "employee", "requested_on": "2026-11-23" }),
    );
    a.keys("<Enter>");
    let screen = a.screen();
    assert_eq!(
        records(&ledger, "withdrawal", "E001").len(),
        1,
        "nothing more written"
    );
    assert!(screen.contains("withdrawn"), "{screen}");
    assert!(!screen.contains("consent given)"), "{screen}");
}

#[test]
fn a_withdrawal_the_employee_asked_for_is_recorded_from_their_page() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let ledger = a.ledger();
    assert_eq!(a.state_of("E001"), (ConsentState::Given, Stage::Informed));
    a.keys("2").paste("E001").keys("<Enter>w");
    let screen = a.screen();
    assert!(screen.contains("Withdrawal of consent"), "{screen}");
    assert!(screen.contains("opted out"), "{screen}");
    // A day after today is refused, and what was typed stays.
    a.keys(&"<BS>".repeat(10)).keys("2026-11-25<Enter>");
    let screen = a.screen();
    assert!(screen.contains("is after today"), "{screen}");
    assert!(records(&ledger, "withdrawal", "E001").is_empty());
    // A day before the consent was given is told in the form, with that day, before any
    // confirmation.
    a.keys(&"<BS>".repeat(10)).keys("2026-10-01<Enter>");
    let screen = a.screen();
    assert!(a.d.confirm.is_none(), "{screen}");
    assert!(
        screen.contains("cannot be before the consent was given"),
        "{screen}"
    );
    assert!(
        screen.contains("(2026-11-02): type the day they asked"),
        "{screen}"
    );
    assert!(records(&ledger, "withdrawal", "E001").is_empty());
    a.keys(&"<BS>".repeat(10)).keys("2026-11-23<Tab>");
    a.paste("Asked by phone").keys("<Enter>");
    assert!(
        a.screen().contains("asked on 2026-11-23 to withdraw"),
        "{}",
        a.screen()
    );
    a.keys("<Enter>");
    let saved = records(&ledger, "withdrawal", "E001");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["requested_on"], "2026-11-23");
    assert_eq!(saved[0]["requested_by"], "employee");
    assert_eq!(saved[0]["policy"]["version"], policy().as_str());
    assert_eq!(saved[0]["policy"]["id"], policy_id().as_str());
    assert_eq!(saved[0]["note"], "Asked by phone");
    assert_eq!(saved[0]["recorded_by"]["name"], "Mori");
    assert_eq!(saved[0]["how"]["via"], "dashboard");
    assert!(a.d.form.is_none());
    assert_eq!(
        a.state_of("E001"),
        (ConsentState::Withdrawn, Stage::OptedOut)
    );
    let screen = a.screen();
    assert!(
        screen.contains("Saved: withdrawal of consent by 佐藤 一郎"),
        "{screen}"
    );
    assert!(screen.contains("withdrawn"), "{screen}");
}

/// A withdrawal closes the person's open follow-up (a decision does): the confirmation says
/// so before anything is recorded, and it is so after.
#[test]
fn a_withdrawal_says_it_closes_an_open_follow_up() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let ledger = a.ledger();
    write(
        &ledger,
        "trainer-pc",
        "followup",
        json!({ "employee": employee("E001", "佐藤 一郎", "営業部"), "due": "2026-11-30", "recorded_by": { "name": "Mori" } }),
    );
    a.refresh();
    a.keys("2").paste("E001").keys("<Enter>w");
    a.keys(&"<BS>".repeat(10)).keys("2026-11-23<Enter>");
    let screen = a.screen();
    assert!(a.d.confirm.is_some(), "{screen}");
    assert!(screen.contains("closed by this change"), "{screen}");
    a.keys("<Enter>");
    assert_eq!(records(&ledger, "withdrawal", "E001").len(), 1);
    assert!(
        a.d.model
            .people
            .iter()
            .any(|p| &*p.id == "E001" && p.followup.is_none())
    );
}

#[test]
fn a_withdrawal_without_a_consent_to_withdraw_is_refused() {
    // E006 never gave consent; E005 is told by what their records show.
    for id in ["E006", "E005"] {
        let mut a = Admin::open(sample(), "en", Some("Mori"), None);
        let ledger = a.ledger();
        let before = a.state_of(id);
        a.keys("2").paste(id).keys("<Enter>w");
        let screen = a.screen();
        // Said at once, and no form opens that could not be saved.
        assert!(screen.contains("no consent to withdraw"), "{screen}");
        let why = match before.0 {
            ConsentState::Withdrawn => "withdrawn their consent already",
            _ => "has not given consent",
        };
        assert!(screen.contains(why), "{id}: {screen}");
        assert!(a.d.form.is_none(), "{id}: no form");
        a.keys("<Enter>");
        assert!(records(&ledger, "withdrawal", id).is_empty());
        assert_eq!(a.state_of(id), before);
    }
    // A person who withdrew already is told so, not that they never consented.
    let mut a = Admin::open(sample(), "ja", Some("Mori"), None);
    let ledger = a.ledger();
    write(
        &ledger,
        "kiosk-9",
        "withdrawal",
        json!({ "employee": employee("E001", "佐藤 一郎", "営業部"), "requested_by": "employee", "requested_on": "2026-11-23" }),
    );
    a.refresh();
    a.keys("2").paste("E001").keys("<Enter>w");
    let screen = a.screen();
    assert_eq!(a.state_of("E001").0, ConsentState::Withdrawn, "{screen}");
    assert!(screen.contains("すでに取り消しています"), "{screen}");
    assert!(a.d.form.is_none());
}

/// A consent given under an older policy version no longer applies, but the person may still
/// go by it: their withdrawal is taken, as at the kiosk.
#[test]
fn a_consent_given_under_an_older_version_can_be_withdrawn() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let ledger = a.ledger();
    write(
        &ledger,
        "kiosk-9",
        "consent",
        consent(
            employee("E006", "", ""),
            "given",
            "2000-01-01",
            &[],
            "2026-11-20T09:00:00+09:00",
        ),
    );
    a.refresh();
    assert_eq!(a.state_of("E006").0, ConsentState::Expired);
    a.keys("2").paste("E006").keys("<Enter>w");
    assert!(a.d.form.is_some(), "{}", a.screen());
    // The form says which consent it withdraws.
    let words = a.screen().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("(2000-01-01)"), "{}", a.screen());
    assert!(words.contains("2026-11-20"), "{}", a.screen());
    a.keys(&"<BS>".repeat(10)).keys("2026-11-23<Enter>");
    assert!(a.d.confirm.is_some(), "{}", a.screen());
    a.keys("<Enter>");
    let saved = records(&ledger, "withdrawal", "E006");
    assert_eq!(saved.len(), 1);
    // It names the version of the consent withdrawn.
    assert_eq!(saved[0]["policy"]["version"], "2000-01-01");
    assert_eq!(a.state_of("E006").0, ConsentState::Withdrawn);
}

#[test]
fn an_attendance_is_recorded_from_the_persons_page() {
    let mut a = Admin::open(sample(), "ja", Some("森"), None);
    let ledger = a.ledger();
    assert_eq!(a.state_of("E006"), (ConsentState::None, Stage::NotStarted));
    a.keys("2").paste("E006").keys("<Enter>t");
    assert!(a.screen().contains("説明会への参加"));
    // A session needs a name.
    a.keys("<Enter>");
    let screen = a.screen();
    assert!(
        screen.contains("説明会の名前を入力してください"),
        "{screen}"
    );
    assert!(records(&ledger, "attendance", "E006").is_empty());
    a.paste("11月説明会").keys("<Tab>");
    a.keys(&"<BS>".repeat(10)).keys("2026-11-30<Enter>");
    let screen = a.screen();
    assert!(screen.contains("今日（2026-11-24）より後"), "{screen}");
    assert!(records(&ledger, "attendance", "E006").is_empty());
    a.keys(&"<BS>".repeat(10)).keys("2026-11-20<Enter>");
    assert!(records(&ledger, "attendance", "E006").is_empty());
    a.keys("<Enter>");
    let saved = records(&ledger, "attendance", "E006");
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0]["session"]["id"], "11月説明会");
    assert_eq!(saved[0]["occurred_on"], "2026-11-20");
    assert_eq!(saved[0]["recorded_by"]["name"], "森");
    assert_eq!(saved[0]["how"]["via"], "dashboard");
    assert_eq!(a.state_of("E006"), (ConsentState::None, Stage::Informed));
    let screen = a.screen();
    assert!(screen.contains("説明会への参加。"), "{screen}");
}

#[test]
fn the_withdrawal_form_in_both_languages() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        a.keys("2").paste("E001").keys("<Enter>w");
        insta::assert_snapshot!(
            format!("dashboard_{lang}_withdrawal_form_80x24"),
            a.sized(80, 24)
        );
        // The pointer marks the field with the keyboard, and follows Tab.
        let note = if lang == "ja" { "メモ" } else { "Note" };
        let marked = |screen: &str| {
            screen
                .lines()
                .find(|l| l.contains("▶ ") && l.contains('│') && !l.contains("  ▶"))
                .map(str::to_string)
        };
        let screen = a.sized(80, 24);
        assert!(
            marked(&screen).is_some_and(|l| !l.contains(note)),
            "{screen}"
        );
        a.keys("<Tab>");
        let screen = a.sized(80, 24);
        assert!(
            marked(&screen).is_some_and(|l| l.contains(note)),
            "{screen}"
        );
    }
}

/// On a terminal whose own ledger file breaks its chain, a record would be saved and never
/// used: nothing is written, and the message says where and what to do.
#[test]
fn nothing_is_recorded_after_a_break_in_the_terminals_own_file() {
    let dir = sample();
    let own = dir.path().join("ledger").join("trainer-pc.jsonl");
    let text = std::fs::read_to_string(&own).expect("trainer-pc's file");
    let changed = text.replacen("Keeps the old group chat", "Keeps the old group chaT", 1);
    assert_ne!(changed, text);
    std::fs::write(&own, &changed).expect("changed");
    let mut a = Admin::open_as(dir, "en", Some("Mori"), None, "trainer-pc");
    let ledger = a.ledger();
    let before = common::read_records(&ledger).len();
    a.keys("3f").paste("talked at lunch").keys("<Enter><Enter>");
    assert_eq!(
        common::read_records(&ledger).len(),
        before,
        "nothing written"
    );
    assert_eq!(std::fs::read_to_string(&own).expect("file"), changed);
    let screen = a.sized(100, 30);
    assert!(
        screen.contains("Not saved (what you typed is kept): this terminal's ledger file breaks"),
        "{screen}"
    );
    assert!(screen.contains("trainer-pc.jsonl:4)"), "{screen}");
}

#[test]
fn every_write_shows_what_will_be_recorded_first_in_both_languages() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        let ledger = a.ledger();
        // E002, hesitant with an open follow-up: the stage form starts at "hesitant" and
        // offers to close the follow-up (off).
        a.keys("3s<Down>");
        insta::assert_snapshot!(
            format!("dashboard_{lang}_stage_form_open_followup_80x24"),
            a.sized(80, 24)
        );
        a.keys("<Esc>");
        let before = records(&ledger, "followup", "E002").len();
        a.keys("f").paste("昼休みに話した").keys("<Enter>");
        insta::assert_snapshot!(
            format!("dashboard_{lang}_confirm_followup_80x24"),
            a.sized(80, 24)
        );
        // Esc goes back to the form with what was typed; nothing is written.
        a.keys("<Esc>");
        assert!(a.d.confirm.is_none() && a.d.form.is_some());
        assert_eq!(records(&ledger, "followup", "E002").len(), before);
        a.keys("<Enter><Enter>");
        assert_eq!(records(&ledger, "followup", "E002").len(), before + 1);
        // This change closes the follow-up: Tab to "close", Space ticks it.
        a.keys("2").paste("E002").keys("<Enter>s<Up><Tab> <Enter>");
        let screen = a.screen();
        let closed = if lang == "ja" {
            "フォローアップ  この変更で終える"
        } else {
            "Follow-up    closed by this change"
        };
        assert!(screen.contains(closed), "{screen}");
        a.keys("<Enter>");
        let i = a.d.model.find("E002").unwrap();
        assert!(a.d.model.people[i as usize].followup.is_none(), "closed");
        let stage = records(&ledger, "stage", "E002");
        assert!(stage.last().unwrap().get("followup").is_none());
    }
}

#[test]
fn digits_and_q_are_search_text_only_while_the_search_box_has_focus() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    a.keys("2");
    assert_eq!(a.d.view, View::People);
    // In the search box: digits and q are text.
    a.keys("q2");
    assert_eq!(a.d.query.value(), "q2");
    assert!(!a.d.quit);
    assert_eq!(a.d.view, View::People);
    // Esc leaves the box (the query stays); then they are commands again.
    a.keys("<BS><BS>E00<Esc>");
    assert_eq!(a.d.query.value(), "E00");
    assert!(a.screen().contains("/ Search"), "{}", a.screen());
    a.keys("j");
    assert_eq!(a.d.selected[0], 1, "j moves in the list");
    a.keys("3");
    assert_eq!(a.d.view, View::Followups);
    a.keys("2");
    assert!(
        a.d.searching,
        "back in People, the keyboard is in the search box"
    );
    a.keys("<Esc><Esc>");
    assert_eq!(a.d.query.value(), "", "Esc in the list clears the search");
    a.keys("/x<Esc>q");
    assert!(a.d.quit, "q quits from the list");
}

#[test]
fn large_counts_have_thousands_separators() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = common::tebiki(dir.path(), &["demo", "--employees", "1200", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{:?}", common::text(&o));
    // The roster's 1,200 and the few people the demo records off it (how many depends on the
    // day it runs), as the report counts them.
    let o = common::tebiki(dir.path(), &["report", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("report JSON");
    let everyone = report["employees"].as_u64().expect("employees");
    assert!((1_200..2_000).contains(&everyone), "{everyone}");
    let shown = format!("1,{:03}", everyone - 1_000);
    for (lang, people) in [
        ("en", format!("{shown} people")),
        ("ja", format!("{shown} 人")),
    ] {
        let copy = tempfile::tempdir().expect("temp dir");
        for name in ["roster.csv", "ledger"] {
            let from = dir.path().join(name);
            if from.is_dir() {
                std::fs::create_dir_all(copy.path().join(name)).unwrap();
                for e in std::fs::read_dir(&from).unwrap().flatten() {
                    std::fs::copy(e.path(), copy.path().join(name).join(e.file_name())).unwrap();
                }
            } else {
                std::fs::copy(&from, copy.path().join(name)).unwrap();
            }
        }
        let mut a = Admin::open(copy, lang, Some("森"), None);
        let screen = a.screen();
        assert!(screen.contains(&people), "{screen}");
    }
}

#[test]
fn every_key_of_a_view_is_on_its_hint_bar_or_behind_more_at_80_columns() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        let more = a.d.t("act-help-more");
        for keys in ["1", "2<Esc>", "3", "4", "3<Enter>"] {
            a.keys(keys);
            let ctx = a.d.ctx();
            let screen = a.sized(80, 24);
            let bar = screen.lines().last().unwrap_or_default().to_string();
            let missing: Vec<String> = tebiki::keys::hints_for(ctx, &a.d)
                .into_iter()
                .filter(|(_, action)| *action != "act-language")
                .map(|(_, action)| a.d.t(action))
                .filter(|word| !bar.contains(word.as_str()))
                .collect();
            if !missing.is_empty() {
                assert!(bar.contains(&more), "{ctx:?}: {missing:?} not on {bar:?}");
                // The help it opens lists them.
                a.keys("<F1>");
                let help = a.sized(80, 24);
                for word in &missing {
                    if word != &a.d.t("act-help") {
                        assert!(help.contains(word.as_str()), "{ctx:?}: {word} in\n{help}");
                    }
                }
                a.keys("<Esc>");
            }
            a.keys("<Esc>");
        }
    }
}

#[test]
fn filters_carry_across_views_show_above_the_lists_and_lists_sort() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    a.keys("1<Down>");
    let dept = a.d.derived.departments[0].0.as_deref().map(str::to_string);
    let dept_name = dept.clone().unwrap_or_default();
    // The overview's department is the filter of People and Follow-ups too.
    a.keys("2<Esc>");
    assert!(!a.d.results.is_empty());
    for &i in &a.d.results {
        assert_eq!(a.d.model.department(i).map(str::to_string), dept);
    }
    let screen = a.screen();
    assert!(
        screen.contains(&format!("Filter: {dept_name} (v to change)")),
        "{screen}"
    );
    a.keys("3");
    for &i in &a.d.followups {
        assert_eq!(a.d.model.department(i).map(str::to_string), dept);
    }
    // Champions: the people listed are the department's; a champion shows with them.
    a.keys("4");
    let rows = a.d.champion_rows.clone();
    assert!(rows.len() < a.d.derived.champion_rows.len(), "{rows:?}");
    let in_dept = |i: u32| a.d.model.department(i).map(str::to_string) == dept;
    for (n, row) in rows.iter().enumerate() {
        match *row {
            ChampionRow::Supported(_, p) | ChampionRow::Unsupported(p) => assert!(in_dept(p)),
            ChampionRow::Champion(c) => assert!(
                in_dept(c) || matches!(rows.get(n + 1), Some(ChampionRow::Supported(..))),
                "{row:?}"
            ),
            ChampionRow::UnsupportedHeading => {}
        }
    }
    assert!(
        a.screen()
            .contains(&format!("Filter: {dept_name} (v to change)")),
        "{}",
        a.screen()
    );
    a.keys("3");
    // v: all departments again, only hesitant people, only overdue follow-ups.
    a.keys("v<Left><Down><Right><Right><Right><Down><Down><Right>");
    assert!(a.screen().contains("Filter the lists"), "{}", a.screen());
    a.keys("<Enter>");
    assert_eq!(a.d.department, 0);
    assert_eq!(a.d.filter.stage, Some(Stage::Hesitant));
    assert!(a.d.filter.overdue);
    let screen = a.screen();
    assert!(
        screen.contains("Filter: Stage hesitant · overdue only"),
        "{screen}"
    );
    for &i in &a.d.followups {
        let p = &a.d.model.people[i as usize];
        assert_eq!(p.standing.stage, Stage::Hesitant);
        assert!(p.followup.as_ref().and_then(|f| f.due).unwrap() < TODAY);
    }
    // On the overview, whose figures follow the department only, it says so.
    a.keys("1");
    let screen = a.screen();
    assert!(
        screen.contains("Filter of the lists: Stage hesitant · overdue only (the figures"),
        "{screen}"
    );
    a.keys("3");
    // Cleared again, then sorted by name in People.
    a.keys("v<Down><Left><Left><Left><Down><Down><Right><Enter>");
    assert_eq!(a.d.filter, tebiki::dashboard::Filter::default());
    a.keys("2<Esc>o");
    assert!(a.screen().contains("Order: name"), "{}", a.screen());
    let names: Vec<String> =
        a.d.results
            .iter()
            .map(|&i| tebiki::dashboard::search::normalize(a.d.model.name(i).unwrap_or("")))
            .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
}

/// A champion outside the filter is listed for the person they support who passes it, and
/// says how many of their people are shown; the lower heading goes when the filter leaves
/// nobody under it.
#[test]
fn a_champion_kept_for_someone_shown_says_how_many_of_their_people_are_listed() {
    for (lang, tail) in [
        ("en", "supports 2, 1 shown"),
        ("ja", "2 人を担当（表示は 1 人）"),
    ] {
        let dir = sample();
        write(
            &dir.path().join("ledger"),
            "trainer-pc",
            "champion",
            json!({ "employee": employee("E001", "佐藤 一郎", "営業部"), "active": true, "supports": "E003", "recorded_by": { "name": "森" }, "occurred_at": "2026-11-13T01:30:00Z" }),
        );
        let mut a = Admin::open(dir, lang, Some("森"), None);
        a.keys("4");
        let all = a.sized(100, 30);
        assert!(all.contains("↑↓"), "{lang}: {all}");
        let supports_two = if lang == "en" {
            "supports 2"
        } else {
            "2 人を担当"
        };
        assert!(
            all.contains(supports_two) && !all.contains(tail),
            "{lang}: {all}"
        );
        // 製造部 only: E001 (営業部) stays, for E003; E002 (営業部) is not listed.
        let at =
            a.d.derived
                .departments
                .iter()
                .position(|(n, _)| n.as_deref() == Some("製造部"))
                .expect("department");
        a.keys("1").keys(&"<Down>".repeat(at + 1)).keys("4");
        let e = |id: &str| a.d.model.find(id).expect(id);
        assert_eq!(
            a.d.champion_rows,
            vec![
                ChampionRow::Champion(e("E001")),
                ChampionRow::Supported(e("E001"), e("E003")),
            ],
            "{lang}: nobody of 製造部 is hesitant or parallel without a champion"
        );
        let screen = a.sized(100, 30);
        assert!(screen.contains(tail), "{lang}: {screen}");
        let heading = if lang == "en" {
            "without a champion ("
        } else {
            "いない、迷っている"
        };
        assert!(!screen.contains(heading), "{lang}: {screen}");
    }
}

/// With no champion and nobody hesitant or in parallel use, a filter leaves the view with no
/// row at all: nothing to move through is offered.
#[test]
fn a_filtered_champions_view_without_champions_has_no_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    roster(
        dir.path(),
        &[("E1", "山田 花子", "営業部"), ("E2", "鈴木 一郎", "総務部")],
    );
    let mut a = Admin::open(dir, "en", Some("Mori"), None);
    a.keys("4");
    assert_eq!(a.d.champion_rows, vec![ChampionRow::UnsupportedHeading]);
    a.keys("v<Down><Right><Enter>");
    assert!(a.d.filter.stage.is_some());
    assert!(a.d.champion_rows.is_empty(), "{:?}", a.d.champion_rows);
    let screen = a.sized(80, 24);
    assert!(
        screen.contains("Nobody in this view passes the filter ("),
        "{screen}"
    );
    let hints = screen.lines().last().unwrap_or_default();
    assert!(!hints.contains("↑↓"), "{hints}");
}

/// A list the filter empties says so, naming the filter, and does not blame the search.
#[test]
fn an_empty_list_names_the_filter_that_empties_it() {
    for (lang, alone, searched, nobody) in [
        (
            "en",
            "Nobody passes the filter (",
            "Nobody found by the search passes the filter (",
            "Nobody matches",
        ),
        (
            "ja",
            "絞り込み（",
            "検索で見つかった人のうち、絞り込み（",
            "該当する人がいません",
        ),
    ] {
        let mut a = Admin::open(sample(), lang, Some("Mori"), None);
        a.d.filter.stage = Some(Stage::Migrated);
        a.d.filter.overdue = true;
        a.keys("2").paste("E001");
        let screen = a.sized(100, 30);
        assert!(a.d.results.is_empty(), "{lang}");
        assert!(screen.contains(searched), "{lang}: {screen}");
        assert!(
            !screen.contains("Nobody matches") && !screen.contains("Search by"),
            "{lang}: {screen}"
        );
        a.keys(&"<BS>".repeat(4));
        let screen = a.sized(100, 30);
        assert!(a.d.results.is_empty(), "{lang}");
        assert!(screen.contains(alone), "{lang}: {screen}");
        // A search that finds nobody at all is the search's to say, filter or not.
        a.paste("zzz");
        let screen = a.sized(100, 30);
        assert!(screen.contains(nobody), "{lang}: {screen}");
        assert!(!screen.contains(searched), "{lang}: {screen}");
        // The follow-ups there are, none of them passing the filter: the filter is named.
        a.keys("<Esc>3");
        assert_eq!(a.d.view, View::Followups, "{lang}");
        assert!(a.d.followups.is_empty() && !a.d.derived.followups.is_empty());
        let screen = a.sized(100, 30);
        assert!(screen.contains(alone), "{lang}: {screen}");
        // So do the champions, of the people this view lists.
        a.keys("4");
        assert_eq!(a.d.view, View::Champions, "{lang}");
        assert!(a.d.champion_rows.is_empty(), "{:?}", a.d.champion_rows);
        let screen = a.sized(100, 30);
        let in_view = if lang == "en" {
            "Nobody in this view passes the filter ("
        } else {
            "この画面には、絞り込み（"
        };
        assert!(screen.contains(in_view), "{lang}: {screen}");
        // With no row, the keys that move or act on one are not offered.
        let hints = screen.lines().last().unwrap_or_default();
        assert!(
            !hints.contains("↑↓") && hints.contains("Tab"),
            "{lang}: {hints}"
        );
        let key = |code| crossterm::event::KeyEvent::from(code);
        let cmd = |code| tebiki::keys::cmd_for_in(&key(code), a.d.ctx(), &a.d);
        assert_eq!(cmd(crossterm::event::KeyCode::Down), None, "{lang}");
        assert_eq!(cmd(crossterm::event::KeyCode::Char('c')), None, "{lang}");
    }
}

#[test]
fn long_department_names_are_ellipsised_in_lists_and_whole_on_the_persons_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "東日本営業本部 第二営業部 法人ソリューション課 西東京エリア担当グループ";
    roster(
        dir.path(),
        &[("E1", "山田 花子", long), ("E2", "鈴木 一郎", "総務部")],
    );
    let mut a = Admin::open(dir, "ja", Some("森"), None);
    a.keys("2");
    let screen = a.sized(80, 24);
    let row = screen
        .lines()
        .find(|l| l.contains("E1 "))
        .unwrap_or_default();
    assert!(row.contains('…') && !row.contains(long), "{screen}");
    a.keys("<Enter>");
    let screen = a.sized(120, 30);
    assert!(screen.contains(long), "{screen}");
}

#[test]
fn a_mistaken_record_is_voided_from_the_timeline_and_no_longer_counts() {
    for lang in ["ja", "en"] {
        let mut a = Admin::open(sample(), lang, Some("森"), None);
        let ledger = a.ledger();
        let migrated = |a: &Admin| a.d.derived.all.stage[Stage::Migrated as usize];
        assert_eq!(a.state_of("E004"), (ConsentState::Given, Stage::Migrated));
        assert_eq!(migrated(&a), 1);
        // E004's page: the newest record (the stage) is selected; v opens the form.
        a.keys("2").paste("E004").keys("<Enter>v");
        assert!(matches!(
            a.d.form,
            Some(tebiki::dashboard::forms::Form::Void(_))
        ));
        // A void needs its reason: nothing is written without one.
        a.keys("<Enter>");
        assert!(a.d.confirm.is_none());
        assert!(records(&ledger, "void", "E004").is_empty());
        let reason = if lang == "ja" {
            "別の人と取り違えた"
        } else {
            "entered for the wrong person"
        };
        a.paste(reason);
        // The record's id is new in every run.
        let id = records(&ledger, "stage", "E004")[0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let form = a.sized(80, 24);
        assert!(form.contains(&id), "{form}");
        insta::assert_snapshot!(
            format!("dashboard_{lang}_void_form_80x24"),
            form.replace(&id, "<record id>")
        );
        a.keys("<Enter>");
        insta::assert_snapshot!(
            format!("dashboard_{lang}_confirm_void_80x24"),
            a.sized(80, 24)
        );
        assert!(
            records(&ledger, "void", "E004").is_empty(),
            "only shown so far"
        );
        a.keys("<Enter>");
        let saved = records(&ledger, "void", "E004");
        assert_eq!(saved.len(), 1);
        let stage = records(&ledger, "stage", "E004");
        assert_eq!(saved[0]["voids"], stage[0]["id"]);
        assert_eq!(saved[0]["note"], reason);
        assert_eq!(saved[0]["recorded_by"]["name"], "森");
        // The previous stage is back, in the person's state and in every count.
        assert_eq!(a.state_of("E004"), (ConsentState::Given, Stage::Informed));
        assert_eq!(migrated(&a), 0);
        let screen = a.screen();
        let word = if lang == "ja" {
            "無効（訂正）"
        } else {
            "voided:"
        };
        assert!(screen.contains(word) && screen.contains(reason), "{screen}");
        // The timeline shows the voided record struck through.
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal
            .draw(|f| tebiki::ui::dashboard::draw(f, &a.d))
            .unwrap();
        let struck = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .any(|c| c.modifier.contains(ratatui::style::Modifier::CROSSED_OUT));
        assert!(struck, "{screen}");
        // The consent, the person's own decision, cannot be voided here: it says why.
        a.keys("<Down><Down>v");
        assert!(a.d.form.is_none());
        let screen = a.screen();
        let why = if lang == "ja" {
            "本人の選択"
        } else {
            "own decision"
        };
        assert!(screen.contains(why), "{screen}");
        assert_eq!(records(&ledger, "void", "E004").len(), 1);
        // Read again from the start, the void still counts.
        let Admin { d, dir } = a;
        drop(d);
        let a = Admin::open(dir, lang, Some("森"), None);
        assert_eq!(a.state_of("E004"), (ConsentState::Given, Stage::Informed));
        assert_eq!(migrated(&a), 0);
    }
}

#[test]
fn a_voided_pairing_no_longer_pairs() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    let e002 = a.d.model.find("E002").unwrap();
    assert!(a.d.model.champion_of(e002).is_some());
    a.keys("2").paste("E001").keys("<Enter>v");
    a.paste("wrong champion").keys("<Enter><Enter>");
    assert_eq!(records(&a.ledger(), "void", "E001").len(), 1);
    assert_eq!(a.d.model.champion_of(e002), None);
    let Admin { d, dir } = a;
    drop(d);
    let a = Admin::open(dir, "en", Some("Mori"), None);
    let e002 = a.d.model.find("E002").unwrap();
    assert_eq!(a.d.model.champion_of(e002), None);
}

#[test]
fn a_long_timeline_follows_the_selected_record_and_scrolls_no_further_than_its_end() {
    let dir = sample();
    let ledger = dir.path().join("ledger");
    for _ in 0..30 {
        let who = employee("E005", "高橋 翔", "物流部");
        write(
            &ledger,
            "kiosk-b",
            "consent",
            consent(who, "deferred", &policy(), &[], ""),
        );
    }
    let mut a = Admin::open(dir, "en", Some("森"), None);
    a.keys("2").paste("E005").keys("<Enter>");
    let entries =
        a.d.person
            .as_ref()
            .expect("E005's page")
            .state
            .history
            .len();
    assert!(entries > 30, "{entries}");
    let laid = |a: &Admin| {
        let key = a.d.page_key_at(a.d.width, a.d.height).expect("a page open");
        a.d.page_viewport.laid(key).expect("the page was drawn")
    };
    assert_eq!(laid(&a).top, 0);
    // Down through the timeline: the selected record is always on the page.
    for n in 1..entries {
        a.keys("<Down>");
        let pv = a.d.person.as_ref().expect("page open");
        assert_eq!(pv.cursor, n);
        let drawn = laid(&a);
        let (row, _) = drawn.focus.expect("the selected record's row");
        assert!(
            drawn.top <= row && row < drawn.top + drawn.height,
            "record {n} at row {row}, page from {} ({} rows)",
            drawn.top,
            drawn.height
        );
    }
    let drawn = laid(&a);
    assert_eq!(drawn.top, drawn.max_top(), "the oldest is at the bottom");
    // Paging on stops at the last line.
    a.keys("<PageDown><PageDown><PageDown>");
    assert_eq!(
        a.d.person.as_ref().map(|pv| pv.scroll),
        Some(drawn.max_top())
    );
    // Home: the page starts at the top again, with the person's state.
    a.keys("<Home>");
    assert_eq!(laid(&a).top, 0);
    // A page down goes on by what was shown at once, its last line kept in view.
    let shown = laid(&a);
    assert!(
        shown.height > 2 && shown.max_top() > shown.height,
        "{shown:?}"
    );
    a.keys("<PageDown>");
    assert_eq!(laid(&a).top, shown.height - 1);
    a.keys("<PageUp>");
    assert_eq!(laid(&a).top, 0);
}

#[test]
fn the_tick_asks_for_the_ledger_as_an_effect_and_folding_what_was_read_updates_the_figures() {
    use tebiki::dashboard::{Effect, REFRESH_EVERY, store};
    let mut a = Admin::open(sample(), "en", Some("森"), None);
    let given_at = ConsentState::ALL
        .iter()
        .position(|c| *c == ConsentState::Given)
        .expect("a state");
    let given = |a: &Admin| a.d.derived.all.consent[given_at];
    let before = given(&a);
    assert_ne!(a.state_of("E007").0, ConsentState::Given);
    // E007's page is open when a kiosk records their consent.
    a.keys("2").paste("E007").keys("<Enter>");
    let history = |a: &Admin| a.d.person.as_ref().map(|pv| pv.state.history.len());
    let shown = history(&a).expect("E007's page");
    write(
        &a.ledger(),
        "kiosk-9",
        "consent",
        consent(
            employee("E007", "渡辺 健太", ""),
            "given",
            &policy(),
            &[],
            "",
        ),
    );

    // The tick reads nothing itself: it asks.
    let t0 = std::time::Instant::now();
    let effects = a.d.tick(t0, TODAY);
    assert_eq!(effects, vec![Effect::Refresh]);
    assert_eq!(given(&a), before);
    // The effect performer reads (and folds nothing) ...
    let appended = store::read_appended(&a.d.model, &a.ledger());
    assert_eq!(given(&a), before);
    // ... update folds what was read: the figures count it, and the open page asks to be
    // read again.
    let i = a.d.model.find("E007").expect("on the roster");
    assert_eq!(a.d.refreshed(appended), Some(Effect::RereadPerson(i)));
    assert_eq!(given(&a), before + 1);
    assert_eq!(a.state_of("E007").0, ConsentState::Given);
    assert_eq!(history(&a), Some(shown), "not read yet");
    perform(&mut a.d, Effect::RereadPerson(i));
    assert_eq!(history(&a), Some(shown + 1));

    // Until the next look is due, the tick asks for nothing; then it asks again.
    assert!(a.d.tick(t0 + REFRESH_EVERY / 2, TODAY).is_empty());
    assert_eq!(a.d.tick(t0 + REFRESH_EVERY, TODAY), vec![Effect::Refresh]);
}

#[test]
fn a_full_pass_is_asked_for_as_an_effect_and_started_by_the_performer() {
    use tebiki::dashboard::{Effect, store};
    let mut a = Admin::open(sample(), "en", Some("森"), None);
    let before = a.d.model.records;
    assert!(before > 1);
    // A ledger file shorter than what was folded of it: only a full pass gives the right
    // state.
    let file = std::fs::read_dir(a.ledger())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .max_by_key(|p| std::fs::metadata(p).unwrap().len())
        .expect("a ledger file");
    let text = std::fs::read_to_string(&file).unwrap();
    let first = text.split_inclusive('\n').next().unwrap().to_string();
    std::fs::write(&file, first).unwrap();
    let appended = store::read_appended(&a.d.model, &a.ledger());
    let asked = a.d.refreshed(appended);
    assert!(
        matches!(asked, Some(Effect::Load { roster: Some(_) })),
        "{asked:?}"
    );
    // Update started nothing itself: no pass runs until the performer starts it.
    assert!(a.d.loading.is_none());
    assert_eq!(
        a.d.model.records, before,
        "the figures stay until the pass is done"
    );
    tebiki::dashboard::perform_all(&mut a.d, asked);
    assert!(a.d.loading.is_some());
    // Asking again while it runs asks for nothing.
    assert!(a.d.reload().is_none());
    let effects = a.d.wait_loaded();
    tebiki::dashboard::perform_all(&mut a.d, effects);
    assert!(
        a.d.model.records < before,
        "read again: {} of {before}",
        a.d.model.records
    );
}

/// A pairing recorded from the supported person's page shows on that page at once (it is
/// recorded under the champion's id, not theirs), and so does its end.
#[test]
fn the_person_page_shows_a_pairing_as_soon_as_it_is_saved() {
    let mut a = Admin::open(sample(), "en", Some("Mori"), None);
    a.keys("2").paste("E003").keys("<Enter>");
    assert!(a.d.person.is_some(), "{}", a.screen());
    assert_eq!(a.d.person.as_ref().unwrap().state.supported_by, None);
    a.keys("a");
    assert!(a.screen().contains("Who will support"), "{}", a.screen());
    a.keys("<Enter><Enter>");
    let pv = a.d.person.as_ref().expect("the page stays open");
    let champion = pv.state.supported_by.clone().expect("shown at once");
    assert!(a.screen().contains(&champion), "{}", a.screen());
    a.keys("x<Enter>");
    let screen = a.screen();
    let pv = a.d.person.as_ref().expect("the page stays open");
    assert_eq!(pv.state.supported_by, None, "{screen}");
}

/// In the stage form, text typed while "close the follow-up" has the focus goes to the note
/// (with the focus), never lost; the focused line is marked where colours do not show.
#[test]
fn typing_on_the_close_box_of_the_stage_form_goes_to_the_note() {
    let mut a = Admin::open(sample(), "ja", Some("森"), None);
    a.keys("3s<Tab>");
    let screen = a.screen();
    let marked = screen
        .lines()
        .find(|l| l.contains("[ ]"))
        .expect("the close box");
    assert!(marked.contains('▶'), "{screen}");
    a.paste("面談済み、来月再確認");
    a.keys("<Tab> ");
    let Some(tebiki::dashboard::forms::Form::Stage(f)) = &a.d.form else {
        panic!("the stage form")
    };
    assert_eq!(f.note.value(), "面談済み、来月再確認");
    assert!(f.close_followup, "Tab back to the box, Space ticks it");
}
