//! Shared test helpers: an app driven in-process with key sequences written the way a person
//! types them, a ledger in a temporary folder, and screens rendered to plain text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use tebiki::app::{App, Mode};
use tebiki::config::Org;
use tebiki::content::{Content, RawContent};
use tebiki::i18n::{Lang, Localizer};
use tebiki::recorder::Recorder;
use tebiki::source::Source;

/// The embedded content, filled with the default organisation values.
pub fn content() -> (Content, Localizer) {
    content_from(&Source::Embedded)
}

/// Content and locales from `source`, filled with the default organisation values.
pub fn content_from(source: &Source) -> (Content, Localizer) {
    let (loc, issues) = Localizer::load(source);
    assert!(issues.is_empty(), "{issues:?}");
    let raw = RawContent::load(source).expect("content loads");
    (Content::prepare(&raw, &Org::default(), &loc), loc)
}

/// An app, a temporary data folder and a recorder writing into it.
pub struct Kiosk {
    pub app: App,
    pub recorder: Recorder,
    pub dir: tempfile::TempDir,
}

impl Kiosk {
    pub fn new(lang: &str) -> Kiosk {
        Kiosk::with_source(lang, &Source::Embedded)
    }

    /// A kiosk showing the content of `source` (a folder with content/ and locales/).
    pub fn with_source(lang: &str, source: &Source) -> Kiosk {
        let (content, loc) = content_from(source);
        let mut app = App::new(
            content,
            loc,
            Lang::new(lang),
            Mode::Attended,
            "test-kiosk".into(),
        );
        app.tz = jiff::tz::TimeZone::UTC;
        // Keys come as fast as the test sends them: the pause between the two → of a skip
        // is tested on its own.
        app.skip_pause = std::time::Duration::ZERO;
        app.resize(80, 24);
        let dir = tempfile::tempdir().expect("temp dir");
        let recorder = Recorder::new(dir.path().join("ledger"), "test-kiosk".into());
        Kiosk { app, recorder, dir }
    }

    pub fn ledger_dir(&self) -> PathBuf {
        self.dir.path().join("ledger")
    }

    /// Draws the app at its size and takes what was drawn, as the runner does after every
    /// event (the view writes back what it laid out, which scrolling and read-to-end go by).
    pub fn draw(&mut self) -> &mut Kiosk {
        render(&self.app, self.app.width, self.app.height);
        self.app.note_drawn();
        self
    }

    /// Types a key sequence: `<Enter>`, `<Down>`, `<S-Tab>`, `<F2>` ... and plain characters,
    /// drawn before each key and after the last, as the runner does.
    pub fn keys(&mut self, seq: &str) -> &mut Kiosk {
        for event in parse_keys(seq) {
            self.draw();
            if let Some(effect) = self.app.handle_event(&event) {
                self.recorder.perform(&mut self.app, effect);
            }
        }
        self.draw()
    }

    /// Pastes text, as a terminal with bracketed paste (or an IME commit) delivers it.
    pub fn paste(&mut self, text: &str) -> &mut Kiosk {
        self.draw();
        if let Some(effect) = self.app.handle_event(&Event::Paste(text.to_string())) {
            self.recorder.perform(&mut self.app, effect);
        }
        self.draw()
    }

    pub fn screen(&self) -> String {
        render(&self.app, self.app.width, self.app.height)
    }

    /// Every record in the ledger, parsed.
    pub fn records(&self) -> Vec<Value> {
        read_records(&self.ledger_dir())
    }

    /// Identity form filled and submitted.
    pub fn identify(&mut self, id: &str, name: &str, dept: &str) -> &mut Kiosk {
        self.paste(id)
            .keys("<Enter>")
            .paste(name)
            .keys("<Enter>")
            .paste(dept)
            .keys("<Enter>")
    }

    /// Reads every text screen to its end and moves on, until the check.
    pub fn read_all(&mut self) -> &mut Kiosk {
        for _ in 0..20 {
            if self.app.ctx() != tebiki::keys::Ctx::Reading {
                break;
            }
            self.keys("<End><Right>");
        }
        self
    }

    /// On the welcome screen: moves to "withdraw my consent" and chooses it.
    pub fn choose_withdraw(&mut self) -> &mut Kiosk {
        let withdraw = self.app.content.langs.len();
        for _ in 0..=withdraw {
            if self.app.welcome_focus == withdraw {
                break;
            }
            self.keys("<Down>");
        }
        self.keys("<Enter>")
    }

    /// Answers every question of the check correctly.
    pub fn pass_check(&mut self) -> &mut Kiosk {
        let answers: Vec<usize> = self
            .app
            .content
            .manifest
            .questions
            .iter()
            .map(|q| q.answer)
            .collect();
        for answer in answers {
            // Options are chosen by moving down from the first.
            let downs = "<Down>".repeat(answer - 1);
            self.keys(&format!("{downs}<Enter>"));
        }
        self
    }
}

pub fn read_records(dir: &Path) -> Vec<Value> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for e in entries.flatten() {
        if e.path().extension().is_some_and(|x| x == "jsonl") {
            let text = std::fs::read_to_string(e.path()).expect("ledger readable");
            out.extend(
                text.lines()
                    .map(|l| serde_json::from_str::<Value>(l).expect("record is JSON")),
            );
        }
    }
    out
}

pub fn parse_keys(seq: &str) -> Vec<Event> {
    let mut out = Vec::new();
    let mut rest = seq;
    while let Some(c) = rest.chars().next() {
        if c == '<'
            && let Some(end) = rest.find('>')
        {
            let name = &rest[1..end];
            let (code, mods) = match name {
                "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
                "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
                "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
                "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
                "Up" => (KeyCode::Up, KeyModifiers::NONE),
                "Down" => (KeyCode::Down, KeyModifiers::NONE),
                "Left" => (KeyCode::Left, KeyModifiers::NONE),
                "Right" => (KeyCode::Right, KeyModifiers::NONE),
                "Home" => (KeyCode::Home, KeyModifiers::NONE),
                "End" => (KeyCode::End, KeyModifiers::NONE),
                "PageUp" => (KeyCode::PageUp, KeyModifiers::NONE),
                "PageDown" => (KeyCode::PageDown, KeyModifiers::NONE),
                "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
                "Del" => (KeyCode::Delete, KeyModifiers::NONE),
                "F1" => (KeyCode::F(1), KeyModifiers::NONE),
                "F2" => (KeyCode::F(2), KeyModifiers::NONE),
                "F4" => (KeyCode::F(4), KeyModifiers::NONE),
                "C-c" => (KeyCode::Char('c'), KeyModifiers::CONTROL),
                "C-d" => (KeyCode::Char('d'), KeyModifiers::CONTROL),
                "C-u" => (KeyCode::Char('u'), KeyModifiers::CONTROL),
                "C-z" => (KeyCode::Char('z'), KeyModifiers::CONTROL),
                "C-\\" => (KeyCode::Char('\\'), KeyModifiers::CONTROL),
                "F5" => (KeyCode::F(5), KeyModifiers::NONE),
                "F10" => (KeyCode::F(10), KeyModifiers::NONE),
                other => panic!("unknown key <{other}>"),
            };
            out.push(Event::Key(KeyEvent::new(code, mods)));
            rest = &rest[end + 1..];
            continue;
        }
        out.push(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The screen as text, one line per row. A wide character fills two cells; the second is
/// skipped so the text reads as the person sees it (TestBackend's own Display pads them).
pub fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
    terminal.draw(|f| tebiki::ui::draw(f, app)).expect("draw");
    buffer_text(terminal.backend().buffer())
}

pub fn buffer_text(buf: &ratatui::buffer::Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let sym = buf[(x, y)].symbol();
            line.push_str(sym);
            x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Runs the real binary as a script would: its own data folder, the built-in content, no input.
pub fn tebiki(data: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_tebiki"))
        .args(args)
        .env("TEBIKI_DATA", data)
        .env_remove("TEBIKI_CONTENT")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("tebiki runs")
}

/// stdout and stderr of a run, as text.
pub fn text(o: &std::process::Output) -> (String, String) {
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The people of a small roster, as roster import stores them.
pub fn roster_people(rows: &[(&str, &str, &str)]) -> Vec<tebiki::record::Person> {
    rows.iter()
        .map(|(id, name, dept)| tebiki::record::Person {
            id: (*id).into(),
            name: (*name).into(),
            department: (*dept).into(),
        })
        .collect()
}

impl Kiosk {
    /// The terminal checks ids against this roster (identity mode `roster`).
    pub fn with_roster(mut self, people: Vec<tebiki::record::Person>) -> Kiosk {
        self.app.settings.identity = tebiki::record::identity::IdentityMode::Roster;
        self.app.directory = Some(std::sync::Arc::new(
            tebiki::record::identity::Directory::new(people),
        ));
        self
    }

    /// Roster mode: the id typed and the roster's name confirmed ("Yes, that is me").
    pub fn identify_on_roster(&mut self, id: &str) -> &mut Kiosk {
        self.paste(id).keys("<Enter>");
        if self.app.step == tebiki::app::Step::Confirm {
            self.keys("<Enter>");
        }
        self
    }

    /// Everything from the welcome screen to a saved consent (every statement ticked).
    pub fn agree_as(&mut self, id: &str) -> &mut Kiosk {
        self.keys("<Enter>")
            .identify_on_roster(id)
            .read_all()
            .pass_check();
        self.keys(&format!("{AGREE}<Enter><Enter>"))
    }
}

/// On the choice screen, from its first line: "agree" (Space), down past "Not now" and "No" to
/// the two acknowledgements, each confirmed. Optional purposes stay unticked.
pub const AGREE: &str = "<Down><Space><Down><Down><Down><Space><Down><Space>";

/// The key event a binding's key sends.
pub fn key_event(key: &tebiki::keys::Key) -> KeyEvent {
    let mut mods = KeyModifiers::NONE;
    if key.shift {
        mods |= KeyModifiers::SHIFT;
    }
    if key.ctrl {
        mods |= KeyModifiers::CONTROL;
    }
    KeyEvent::new(key.code, mods)
}

/// The hint bar, help and the key handler of `machine` agree in `ctx`: every hint shown is a
/// binding whose command is enabled and that one of its keys reaches; a binding whose command
/// is disabled is neither shown nor reached by any of its keys. Returns the commands disabled.
pub fn keys_agree(
    ctx: tebiki::keys::Ctx,
    machine: &impl tebiki::keys::Enabled,
) -> Vec<tebiki::keys::Cmd> {
    use tebiki::keys::{self, BINDINGS};
    let here: Vec<_> = BINDINGS.iter().filter(|b| b.ctx.contains(&ctx)).collect();
    let hints = keys::hints_for(ctx, machine);
    let help = keys::help_rows_for(ctx, machine);
    for (key_label, action) in &hints {
        let works = here.iter().any(|b| {
            b.in_hint_bar
                && b.key_label == *key_label
                && b.action_label == *action
                && b.keys
                    .iter()
                    .any(|k| keys::cmd_for_in(&key_event(k), ctx, machine).as_ref() == Some(&b.cmd))
        });
        assert!(works, "{ctx:?}: hint {key_label} {action} does nothing");
        assert!(
            help.contains(&(key_label, action)),
            "{ctx:?}: {action} not in help"
        );
    }
    let mut disabled = Vec::new();
    for b in here.iter().filter(|b| !machine.enabled(ctx, &b.cmd)) {
        let row = (b.key_label, b.action_label);
        let same_row_enabled = here
            .iter()
            .any(|o| (o.key_label, o.action_label) == row && machine.enabled(ctx, &o.cmd));
        if !same_row_enabled {
            assert!(!hints.contains(&row), "{ctx:?}: {row:?} shown but disabled");
            assert!(
                !help.contains(&row),
                "{ctx:?}: {row:?} in help but disabled"
            );
        }
        for k in b.keys {
            assert_ne!(
                keys::cmd_for_in(&key_event(k), ctx, machine).as_ref(),
                Some(&b.cmd),
                "{ctx:?}: {:?} reaches the disabled {:?}",
                k.code,
                b.cmd
            );
        }
        disabled.push(b.cmd.clone());
    }
    disabled
}
