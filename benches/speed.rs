//! Speed figures printed by `cargo bench`: full redraws, re-wrapping all content for a new
//! width, and a release process's start-up to its first frame. Prints; never asserts on time.
//!
//! A plain `harness = false` binary with `Instant`: the figures are checked by eye against
//! fixed targets, so a statistics framework would add compile time on a small machine and
//! nothing a reader needs.

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tebiki::app::{App, Mode, Pick, Step};
use tebiki::config::{DataDir, Org};
use tebiki::content::markdown::{Block, Doc};
use tebiki::content::{Content, RawContent, ScreenKind};
use tebiki::i18n::{Lang, Localizer};
use tebiki::keys::Cmd;
use tebiki::recorder::Recorder;
use tebiki::source::Source;
use tebiki::ui;
use tebiki::wrap::line_ranges;

/// What the welcome screen shows in English; its appearance marks the first frame.
const WELCOME_HEADING: &str = "LINE WORKS on your own smartphone";

fn main() {
    // `cargo bench -- <filter>` passes extra arguments; `--bench` is always among them.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));

    let mut table = Table::default();
    if wanted("redraw") {
        redraws(&mut table);
    }
    if wanted("rewrap") {
        rewraps(&mut table);
    }
    if wanted("startup") {
        startup(&mut table);
    }
    table.print();
}

// --- statistics and the printed table -----------------------------------------------------

struct Stats {
    n: usize,
    min: Duration,
    median: Duration,
    p99: Duration,
    mean: Duration,
    max: Duration,
}

impl Stats {
    fn of(mut samples: Vec<Duration>) -> Stats {
        assert!(!samples.is_empty(), "no samples");
        samples.sort_unstable();
        let n = samples.len();
        let at = |q: f64| samples[((n - 1) as f64 * q).round() as usize];
        Stats {
            n,
            min: samples[0],
            median: at(0.5),
            p99: at(0.99),
            mean: samples.iter().sum::<Duration>() / n as u32,
            max: samples[n - 1],
        }
    }
}

/// Runs `f` for a short warm-up, then times each call separately until either `max` samples
/// or `budget` is reached, so slow cases stay quick and fast ones still get many samples.
fn sample(max: usize, budget: Duration, mut f: impl FnMut()) -> Stats {
    for _ in 0..max.min(20) {
        f();
    }
    let mut samples = Vec::with_capacity(max);
    let start = Instant::now();
    while samples.len() < max && (samples.len() < 10 || start.elapsed() < budget) {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    Stats::of(samples)
}

struct Row {
    name: String,
    stats: Stats,
    /// The target, when the row is checked against one.
    target: Option<Duration>,
}

#[derive(Default)]
struct Table {
    rows: Vec<Row>,
    notes: Vec<String>,
}

impl Table {
    fn add(&mut self, name: impl Into<String>, stats: Stats, target: Option<Duration>) {
        let row = Row {
            name: name.into(),
            stats,
            target,
        };
        // Printed as it comes too, so a slow section shows progress.
        eprintln!("  done: {}", row.name);
        self.rows.push(row);
    }

    fn note(&mut self, text: impl Into<String>) {
        self.notes.push(text.into());
    }

    fn print(&self) {
        let name_w = self.rows.iter().map(|r| r.name.len()).max().unwrap_or(0);
        println!();
        println!(
            "{:name_w$}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  verdict",
            "benchmark", "n", "min", "median", "p99", "mean", "max", "target"
        );
        for r in &self.rows {
            let s = &r.stats;
            // The median decides: one slow outlier on a shared machine is not a regression.
            let (target, verdict) = match r.target {
                Some(t) if s.median <= t => (format!("≤{}", fmt(t)), "met"),
                Some(t) => (format!("≤{}", fmt(t)), "MISSED"),
                None => ("-".to_string(), ""),
            };
            println!(
                "{:name_w$}  {:>5}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {:>9}  {verdict}",
                r.name,
                s.n,
                fmt(s.min),
                fmt(s.median),
                fmt(s.p99),
                fmt(s.mean),
                fmt(s.max),
                target,
            );
        }
        for n in &self.notes {
            println!("note: {n}");
        }
    }
}

fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1000.0 {
        format!("{us:.1} µs")
    } else {
        format!("{:.2} ms", us / 1000.0)
    }
}

// --- the app, as the tests build it --------------------------------------------------------

/// The embedded content filled with the default organisation values, as `tests/common` does.
fn content() -> (Content, Localizer) {
    let source = Source::Embedded;
    let (loc, issues) = Localizer::load(&source);
    assert!(issues.is_empty(), "{issues:?}");
    let raw = RawContent::load(&source).expect("embedded content loads");
    (Content::prepare(&raw, &Org::default(), &loc), loc)
}

fn app(lang: &str) -> App {
    let (content, loc) = content();
    let mut app = App::new(
        content,
        loc,
        Lang::new(lang),
        Mode::Attended,
        "bench-kiosk".into(),
    );
    app.tz = jiff::tz::TimeZone::UTC;
    app
}

/// The content screen with the most body lines at 80x24 in `app`'s language.
fn heaviest_screen(app: &mut App) -> (usize, String, usize) {
    app.resize(80, 24);
    let width = app.text_width();
    let mut best = (0, String::new(), 0);
    for (i, meta) in app.content.manifest.screens.clone().iter().enumerate() {
        app.step = Step::Screen(i);
        let lines = ui::body(app, width).lines.len();
        if lines > best.2 {
            best = (i, meta.id.clone(), lines);
        }
    }
    best
}

// --- 1. full redraws --------------------------------------------------------------------

const REDRAW_TARGET: Duration = Duration::from_micros(500);

fn redraws(table: &mut Table) {
    let mut app = app("ja");
    let (heavy, heavy_id, heavy_lines) = heaviest_screen(&mut app);
    table.note(format!(
        "heaviest screen: {heavy_id} ({heavy_lines} body lines at 80x24, ja)"
    ));
    let choice = app
        .content
        .manifest
        .screens
        .iter()
        .position(|s| s.kind == ScreenKind::Choice)
        .expect("a choice screen");

    for (w, h) in [(80u16, 24u16), (200, 60)] {
        app.step = Step::Screen(heavy);
        app.person.choice.pick = None;
        redraw(
            table,
            &mut app,
            &format!("redraw {heavy_id} ja {w}x{h}"),
            w,
            h,
        );

        app.step = Step::Screen(choice);
        // "Not now" opens the reasons: the longest the choice screen gets.
        app.person.choice.pick = Some(Pick::NotNow);
        redraw(table, &mut app, &format!("redraw choice ja {w}x{h}"), w, h);
        app.person.choice.pick = None;

        app.step = Step::Welcome;
        redraw(table, &mut app, &format!("redraw welcome ja {w}x{h}"), w, h);
    }
    // A key press as a person makes it: update, then draw. `update` builds the body too (to
    // keep the focus in view and to note reading to the end), so a frame costs more than a draw.
    app.step = Step::Screen(heavy);
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        app.resize(w, h);
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let mut turn = 0;
        let stats = sample(2000, Duration::from_millis(600), || {
            // Down then Up, so every other frame scrolls and the next one scrolls back.
            let cmd = if turn % 2 == 0 { Cmd::Down } else { Cmd::Up };
            turn += 1;
            black_box(app.update(cmd));
            terminal.draw(|f| ui::draw(f, &app)).expect("draw");
        });
        table.add(
            format!("key ↓/↑ + redraw {heavy_id} ja {w}x{h}"),
            stats,
            None,
        );
    }
    table.note(
        "redraw = whole terminal.draw(ui::draw) after terminal.clear(), so every cell is diffed \
         and written; \"(same frame)\" rows redraw an unchanged screen (diff writes nothing)",
    );
}

fn redraw(table: &mut Table, app: &mut App, name: &str, w: u16, h: u16) {
    app.resize(w, h);
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    let app = &*app;
    // Clearing first makes ratatui forget the previous frame, so the diff covers every cell
    // as on the first frame or after a resize. The clear itself is not timed.
    let mut samples = Vec::with_capacity(2000);
    let budget = Duration::from_millis(800);
    let start = Instant::now();
    for n in 0..2020 {
        terminal.clear().expect("clear");
        let t = Instant::now();
        terminal.draw(|f| ui::draw(f, app)).expect("draw");
        let d = t.elapsed();
        if n >= 20 {
            samples.push(d);
        }
        if samples.len() >= 10 && start.elapsed() > budget {
            break;
        }
    }
    table.add(name, Stats::of(samples), Some(REDRAW_TARGET));

    let same = sample(2000, Duration::from_millis(400), || {
        terminal.draw(|f| ui::draw(f, app)).expect("draw");
    });
    table.add(format!("{name} (same frame)"), same, None);
}

// --- 2. re-wrapping all content -------------------------------------------------------------

const REWRAP_TARGET: Duration = Duration::from_millis(2);

/// Body widths at 80/81 and 199/200 columns (less the margins). Each run alternates between a
/// pair, so every call wraps for a width other than the previous one.
const NARROW: [usize; 2] = [76, 77];
const WIDE: [usize; 2] = [195, 196];

fn rewraps(table: &mut Table) {
    let (content, _) = content();
    let docs: Vec<&Doc> = content
        .langs
        .iter()
        .flat_map(|l| l.screens.iter().map(|s| &s.doc))
        .collect();
    let texts: Vec<&str> = docs.iter().flat_map(|d| texts_of(d)).collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();

    for widths in [NARROW, WIDE] {
        let cols = format!("{}/{} cols", widths[0], widths[1]);
        let mut turn = 0;
        let stats = sample(1000, Duration::from_millis(500), || {
            let width = widths[turn % 2];
            turn += 1;
            for doc in &docs {
                black_box(ui::doc::title_lines(&doc.title, width));
                black_box(ui::doc::render(doc, width));
            }
        });
        table.add(
            format!("rewrap doc::render, {} screens, {cols}", docs.len()),
            stats,
            Some(REWRAP_TARGET),
        );

        // The same text through the line breaker alone, to separate wrapping from building
        // styled lines. Table cells are wrapped at the body width here, not their column's.
        let mut turn = 0;
        let stats = sample(1000, Duration::from_millis(500), || {
            let width = widths[turn % 2];
            turn += 1;
            for t in &texts {
                black_box(line_ranges(black_box(t), width));
            }
        });
        table.add(
            format!("rewrap wrap::line_ranges, {} texts, {cols}", texts.len()),
            stats,
            Some(REWRAP_TARGET),
        );
    }
    table.note(format!(
        "rewrap = title and body of every screen of ja and en ({bytes} bytes of text)"
    ));
}

/// Every wrapped text of a document: title, headings, paragraphs, list items, table cells.
fn texts_of(doc: &Doc) -> Vec<&str> {
    let mut out = vec![doc.title.as_str()];
    for block in &doc.blocks {
        match block {
            Block::Heading { text, .. } | Block::Paragraph(text) => out.push(&text.text),
            Block::List(items) => out.extend(items.iter().map(|i| i.text.as_str())),
            Block::Table { head, rows } => out.extend(
                std::iter::once(head)
                    .chain(rows)
                    .flatten()
                    .map(|c| c.text.as_str()),
            ),
        }
    }
    out
}

// --- 3. start-up of the release binary ----------------------------------------------------------

const STARTUP_TARGET: Duration = Duration::from_millis(20);
const FRESH_RUNS: usize = 10;
const REUSED_RUNS: usize = 20;

fn startup(table: &mut Table) {
    let exe = env!("CARGO_BIN_EXE_tebiki");
    // One untimed run so the binary is in the page cache for all the timed ones.
    let warm = tempfile::tempdir().expect("temp dir");
    if let Err(e) = start_once(exe, &warm.path().join("data")) {
        table.note(format!("start-up skipped: {e}"));
        return;
    }

    let mut fresh = Vec::new();
    for _ in 0..FRESH_RUNS {
        let dir = tempfile::tempdir().expect("temp dir");
        match start_once(exe, &dir.path().join("data")) {
            Ok(d) => fresh.push(d),
            Err(e) => table.note(format!("start-up run failed: {e}")),
        }
    }
    if !fresh.is_empty() {
        table.add(
            "startup to first frame, new data folder",
            Stats::of(fresh),
            Some(STARTUP_TARGET),
        );
    }

    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    let mut reused = Vec::new();
    // The first run creates the folder; the timed ones find it there.
    if start_once(exe, &data).is_ok() {
        for _ in 0..REUSED_RUNS {
            match start_once(exe, &data) {
                Ok(d) => reused.push(d),
                Err(e) => table.note(format!("start-up run failed: {e}")),
            }
        }
    }
    if !reused.is_empty() {
        table.add(
            "startup to first frame, existing data folder",
            Stats::of(reused),
            Some(STARTUP_TARGET),
        );
    }
    table.note(format!(
        "startup = spawn of the release binary in an 80x24 pty (--lang en) until the screen \
         shows {WELCOME_HEADING:?}; then \"q\" and wait for exit"
    ));
    startup_steps(table);
}

/// The start-up's parts run in-process, to show where the time to the first frame goes.
/// `cli::employee_flow` does these steps in this order (and loads the locales twice: once to
/// localize the command line, once for the app). Not timed here: exec and dynamic loading,
/// clap with localized help, and entering the terminal's raw mode and alternate screen.
fn startup_steps(table: &mut Table) {
    let source = Source::Embedded;
    let stats = sample(100, Duration::from_millis(300), || {
        black_box(Localizer::load(&source));
    });
    table.add("  step: Localizer::load", stats, None);

    let mut fresh = Vec::new();
    for _ in 0..FRESH_RUNS {
        let dir = tempfile::tempdir().expect("temp dir");
        let data = dir.path().join("data");
        let t = Instant::now();
        black_box(open_data(&data));
        fresh.push(t.elapsed());
    }
    table.add(
        "  step: data folder + config + ledger, new",
        Stats::of(fresh),
        None,
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("data");
    drop(open_data(&data));
    let stats = sample(REUSED_RUNS, Duration::from_millis(300), || {
        black_box(open_data(&data));
    });
    table.add(
        "  step: data folder + config + ledger, existing",
        stats,
        None,
    );

    let (loc, _) = Localizer::load(&source);
    let stats = sample(100, Duration::from_millis(300), || {
        let raw = RawContent::load(&source).expect("embedded content loads");
        black_box(Content::prepare(&raw, &Org::default(), &loc));
    });
    table.add("  step: RawContent::load + Content::prepare", stats, None);

    let mut first = Vec::new();
    for _ in 0..50 {
        let (content, loc) = content();
        let t = Instant::now();
        let mut app = App::new(content, loc, Lang::new("en"), Mode::Attended, "k".into());
        app.resize(80, 24);
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("test terminal");
        terminal.draw(|f| ui::draw(f, &app)).expect("draw");
        first.push(t.elapsed());
        black_box(terminal);
    }
    table.add(
        "  step: App::new + first draw 80x24",
        Stats::of(first),
        None,
    );
}

/// What the binary does with its data folder before the first frame: create it when missing,
/// read the config, open the ledger and claim the kiosk id. The recorder holds the claim.
fn open_data(root: &Path) -> Recorder {
    let data = DataDir::new(root.to_path_buf());
    data.ensure().expect("data folder");
    let config = data.load_config().expect("config");
    let mut recorder = Recorder::new(data.ledger_dir(), config.kiosk_id);
    recorder.open_exclusive().expect("ledger");
    recorder
}

/// Starts the binary in a pseudo-terminal, returns the time from spawn until the welcome
/// heading is on its screen, then quits it with "q".
fn start_once(exe: &str, data: &Path) -> Result<Duration, String> {
    let pty = native_pty_system();
    let pair = pty
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| format!("openpty: {e}"))?;
    let mut cmd = CommandBuilder::new(exe);
    cmd.args(["--lang", "en"]);
    cmd.env("TEBIKI_DATA", data);
    cmd.env("TERM", "xterm-256color");
    let mut reader = pair.master.try_clone_reader().map_err(|e| e.to_string())?;
    let mut writer = pair.master.take_writer().map_err(|e| e.to_string())?;

    // A thread reads the terminal, so the child never blocks on a full pty, and stamps the
    // moment the heading appears.
    let (tx, rx) = mpsc::channel();
    let t0 = Instant::now();
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| format!("spawn: {e}"))?;
    drop(pair.slave);
    let read = std::thread::spawn(move || {
        let mut vt = vt100::Parser::new(24, 80, 0);
        let mut buf = [0u8; 8192];
        let mut seen = false;
        let mut all = Vec::new();
        loop {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    vt.process(&buf[..n]);
                    if !seen {
                        all.extend_from_slice(&buf[..n]);
                        if vt.screen().contents().contains(WELCOME_HEADING) {
                            seen = true;
                            let _ = tx.send(Instant::now());
                        }
                    }
                }
            }
        }
        // What the child wrote when it never showed the heading, to explain a failure.
        String::from_utf8_lossy(&all).into_owned()
    });

    let outcome = match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(at) => {
            let _ = writer.write_all(b"q");
            let _ = writer.flush();
            Ok(at - t0)
        }
        Err(_) => Err("no welcome screen within 10 s".to_string()),
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    let exited = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(1)),
            _ => break None,
        }
    };
    if exited.is_none() {
        let _ = child.kill();
        let _ = child.wait();
    }
    drop(writer);
    drop(pair.master);
    let output = read.join().unwrap_or_default();
    match (outcome, exited) {
        (Ok(d), Some(status)) if status.success() => Ok(d),
        (Ok(_), Some(status)) => Err(format!("exit status {status:?}")),
        (Ok(_), None) => Err("did not exit after \"q\"".into()),
        (Err(e), _) => Err(format!("{e}; output: {output:?}")),
    }
}
