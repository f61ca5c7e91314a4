//! Dashboard speed figures printed by `cargo bench --bench dashboard`: a demo organisation
//! written by the release binary (`tebiki demo`), then, in this process, the dashboard's first
//! full pass (time and peak memory), a search typed one key at a time, opening timelines, and
//! drawing frames at 160x48. Prints; never asserts on time.
//!
//! `TEBIKI_BENCH_EMPLOYEES` sets the size (default 200000, about 0.9M records).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tebiki::content::RawContent;
use tebiki::dashboard::{Dashboard, Effect, Setup, View, perform, perform_all};
use tebiki::i18n::{Lang, Localizer};
use tebiki::keys::Cmd;
use tebiki::source::Source;

const EXE: &str = env!("CARGO_BIN_EXE_tebiki");

/// A line of /proc/self/status in MB (VmHWM: peak resident, VmRSS: now), when it can tell.
fn proc_mb(key: &str) -> Option<f64> {
    let text = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = text
        .lines()
        .find_map(|l| l.strip_prefix(key))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> String {
    if v.is_empty() {
        return "-".into();
    }
    v.sort_by(f64::total_cmp);
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    format!(
        "median {:.2} ms, mean {:.2} ms, max {:.2} ms (n={})",
        v[v.len() / 2],
        mean,
        v[v.len() - 1],
        v.len()
    )
}

fn main() {
    let employees: u32 = std::env::var("TEBIKI_BENCH_EMPLOYEES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();
    println!("dashboard bench: {employees} employees");
    let start = Instant::now();
    let status = Command::new(EXE)
        .args([
            "demo",
            "--employees",
            &employees.to_string(),
            "--lang",
            "en",
        ])
        .env("TEBIKI_DATA", data)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !status.is_ok_and(|s| s.success()) {
        eprintln!("tebiki demo failed; nothing to measure");
        return;
    }
    let ledger = data.join("ledger");
    let (mut bytes, mut records) = (0u64, 0u64);
    for e in std::fs::read_dir(&ledger).expect("ledger").flatten() {
        if let Ok(text) = std::fs::read(e.path()) {
            bytes += text.len() as u64;
            records += memchr::memchr_iter(b'\n', &text).count() as u64;
        }
    }
    println!(
        "  demo written in {:.1} s: {records} records, {:.0} MB",
        start.elapsed().as_secs_f64(),
        bytes as f64 / 1e6
    );

    let (loc, _) = Localizer::load(&Source::Embedded);
    let manifest = RawContent::load(&Source::Embedded)
        .expect("content")
        .manifest;
    let tz = jiff::tz::TimeZone::system();
    let setup = Setup {
        ledger_dir: ledger.clone(),
        roster_path: data.join("roster.csv"),
        data_dir: data.to_path_buf(),
        kiosk_id: "bench".into(),
        pin_hash: None,
        by: Some("bench".into()),
        policy: manifest.policy_version,
        policy_id: manifest.policy_id,
        today: jiff::Timestamp::now().to_zoned(tz.clone()).date(),
        tz,
    };
    let before = proc_mb("VmRSS:");
    let start = Instant::now();
    let mut d = Dashboard::new(loc, Lang::new("ja"), setup);
    // The UI answers at once: the first frame is drawn while the pass runs.
    let mut terminal = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let t = Instant::now();
    terminal
        .draw(|f| tebiki::ui::dashboard::draw(f, &d))
        .expect("draw");
    let first_frame = t.elapsed();
    let effects = d.wait_loaded();
    perform_all(&mut d, effects);
    let load = start.elapsed();
    println!(
        "  load (roster + ledger, roster and demo on disk): {:.2} s; first frame while loading {:.2} ms",
        load.as_secs_f64(),
        ms(first_frame)
    );
    println!(
        "  memory: peak {:.0} MB (VmHWM), resident after load {:.0} MB, before {:.0} MB; {} people",
        proc_mb("VmHWM:").unwrap_or(f64::NAN),
        proc_mb("VmRSS:").unwrap_or(f64::NAN),
        before.unwrap_or(f64::NAN),
        d.model.people.len()
    );

    // A refresh that finds nothing new: the cost of looking every two seconds.
    let t = Instant::now();
    let effects = d.refresh();
    perform_all(&mut d, effects);
    println!("  refresh with nothing new: {:.2} ms", ms(t.elapsed()));

    // Search typed one key at a time, then erased: the first key scans everyone, further keys
    // narrow the last matches, erasing goes back to matches already found.
    d.view = View::People;
    let mut first = Vec::new();
    let mut narrowing = Vec::new();
    let mut erase = Vec::new();
    for query in ["e012345", "山田", "田中太郎", "ｅ００９９", "yamada"] {
        for (n, c) in query.chars().enumerate() {
            let t = Instant::now();
            d.update(Cmd::Input(c.to_string()));
            let took = ms(t.elapsed());
            if n == 0 { &mut first } else { &mut narrowing }.push(took);
        }
        for _ in 0..query.chars().count() {
            let t = Instant::now();
            d.update(Cmd::Backspace);
            erase.push(ms(t.elapsed()));
        }
    }
    println!("  search, first key (scans everyone): {}", stats(first));
    println!(
        "  search, further keys (narrow the matches): {}",
        stats(narrowing)
    );
    println!(
        "  search, erasing a key (earlier matches): {}",
        stats(erase)
    );

    // Opening timelines of people spread over the organisation.
    let n = d.model.people.len().max(1);
    let mut open = Vec::new();
    let mut history = 0;
    for k in 0..200 {
        let i = ((k * 7919) % n) as u32;
        let t = Instant::now();
        perform(&mut d, Effect::OpenPerson(i));
        open.push(ms(t.elapsed()));
        history += d.person.as_ref().map_or(0, |p| p.state.history.len());
    }
    println!(
        "  open a person's timeline (read from disk): {} ({:.1} records each)",
        stats(open),
        history as f64 / 200.0
    );
    d.person = None;

    // Frames at 160x48, each view.
    d.resize(160, 48);
    for view in View::ALL {
        d.view = view;
        let mut frames = Vec::new();
        for _ in 0..50 {
            let t = Instant::now();
            terminal
                .draw(|f| tebiki::ui::dashboard::draw(f, &d))
                .expect("draw");
            frames.push(ms(t.elapsed()));
        }
        println!("  frame 160x48, {view:?}: {}", stats(frames));
    }
    d.view = View::People;
    perform(&mut d, Effect::OpenPerson(0));
    let mut frames = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        terminal
            .draw(|f| tebiki::ui::dashboard::draw(f, &d))
            .expect("draw");
        frames.push(ms(t.elapsed()));
    }
    println!("  frame 160x48, person: {}", stats(frames));
}
