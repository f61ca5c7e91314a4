//! Admin speed figures printed by `cargo bench --bench admin`: a demo organisation written
//! through the real writer, then the release binary's `export` (ledger JSON Lines to CSV) and
//! `report` timed as child processes, with their peak memory (VmHWM from /proc). Prints;
//! never asserts on time.
//!
//! `TEBIKI_BENCH_EMPLOYEES` sets the size (default 200000, about 0.9M records). After the
//! first round a second demo is added to the same folder (same employees, about twice the
//! records), to show that export memory does not grow with the ledger and report memory grows
//! with employees, not records.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXE: &str = env!("CARGO_BIN_EXE_tebiki");

/// Targets from the issue.
const EXPORT_MB_PER_S: f64 = 250.0;
const EXPORT_PEAK_MB: f64 = 30.0;
const REPORT_SECONDS: f64 = 1.5;

struct Run {
    seconds: f64,
    /// User plus system CPU time, when /proc could tell: on a busy shared machine it says
    /// more than the wall clock about the work done.
    cpu_seconds: Option<f64>,
    /// Peak resident memory in MB (VmHWM), when /proc could tell.
    peak_mb: Option<f64>,
    ok: bool,
}

/// Runs the binary on `data`, stdout to `stdout` (or nowhere), and measures it.
fn run(data: &Path, args: &[&str], stdout: Option<&Path>) -> Run {
    let out = match stdout {
        Some(p) => match std::fs::File::create(p) {
            Ok(f) => Stdio::from(f),
            Err(_) => Stdio::null(),
        },
        None => Stdio::null(),
    };
    let start = Instant::now();
    let mut child = match Command::new(EXE)
        .args(args)
        .args(["--lang", "en"])
        .env("TEBIKI_DATA", data)
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot run {EXE}: {e}");
            return Run {
                seconds: 0.0,
                cpu_seconds: None,
                peak_mb: None,
                ok: false,
            };
        }
    };
    let status_path = format!("/proc/{}/status", child.id());
    let stat_path = format!("/proc/{}/stat", child.id());
    let mut peak_kb: Option<u64> = None;
    let mut cpu_ticks: Option<u64> = None;
    let status = loop {
        // VmHWM only grows, so the last reading before exit is the peak (give or take the
        // last few milliseconds, which do not allocate).
        if let Ok(text) = std::fs::read_to_string(&status_path)
            && let Some(kb) = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kb = Some(peak_kb.map_or(kb, |p| p.max(kb)));
        }
        // Fields 14 and 15 (utime, stime), counted after the command name in parentheses.
        if let Ok(text) = std::fs::read_to_string(&stat_path)
            && let Some((_, rest)) = text.rsplit_once(')')
        {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            if let (Some(u), Some(s)) = (fields.get(11), fields.get(12))
                && let (Ok(u), Ok(s)) = (u.parse::<u64>(), s.parse::<u64>())
            {
                cpu_ticks = Some(u + s);
            }
        }
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => std::thread::sleep(Duration::from_millis(2)),
            Err(_) => break None,
        }
    };
    Run {
        seconds: start.elapsed().as_secs_f64(),
        // Linux counts in clock ticks of 1/100 s on every common configuration.
        cpu_seconds: cpu_ticks.map(|t| t as f64 / 100.0),
        peak_mb: peak_kb.map(|kb| kb as f64 / 1024.0),
        // Exit 1 would mean skipped lines: not expected in a fresh demo ledger.
        ok: status.is_some_and(|s| s.success()),
    }
}

fn ledger_size(data: &Path) -> (u64, u64) {
    let mut bytes = 0;
    let mut lines = 0;
    if let Ok(entries) = std::fs::read_dir(data.join("ledger")) {
        for e in entries.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "jsonl") {
                if let Ok(m) = std::fs::metadata(&p) {
                    bytes += m.len();
                }
                if let Ok(text) = std::fs::read(&p) {
                    lines += memchr::memchr_iter(b'\n', &text).count() as u64;
                }
            }
        }
    }
    (bytes, lines)
}

fn median(mut v: Vec<Run>) -> Run {
    v.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
    let peak = v
        .iter()
        .filter_map(|r| r.peak_mb)
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.max(x))));
    let ok = v.iter().all(|r| r.ok);
    let mid = v.swap_remove(v.len() / 2);
    Run {
        seconds: mid.seconds,
        cpu_seconds: mid.cpu_seconds,
        peak_mb: peak,
        ok,
    }
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn verdict(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

fn peak(r: &Run) -> String {
    r.peak_mb
        .map_or_else(|| "?".into(), |m| format!("{m:.1} MB"))
}

/// One round over the ledger as it is: export to CSV (three runs) and report (three runs).
fn round(data: &Path, tmp: &Path, label: &str) -> (Run, Run, u64, u64) {
    let (bytes, records) = ledger_size(data);
    let csv = tmp.join("export.csv");
    let csv_arg = csv.display().to_string();
    let exports: Vec<Run> = (0..3)
        .map(|_| run(data, &["export", "--format", "csv", "-o", &csv_arg], None))
        .collect();
    let export = median(exports);
    let reports: Vec<Run> = (0..3)
        .map(|_| run(data, &["report", "--format", "json"], None))
        .collect();
    let report = median(reports);
    eprintln!("  done: {label}");
    (export, report, bytes, records)
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filter.is_empty() && !filter.iter().any(|f| "admin".contains(f.as_str())) {
        return;
    }
    let employees: u32 = std::env::var("TEBIKI_BENCH_EMPLOYEES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let Ok(tmp) = tempfile::tempdir() else {
        eprintln!("no temporary folder");
        return;
    };
    let data = tmp.path().join("data");
    let n = employees.to_string();
    eprintln!("writing the demo organisation ({employees} employees) ...");
    let demo = run(&data, &["demo", "--employees", &n, "--seed", "1"], None);
    let (bytes1, records1) = ledger_size(&data);
    let (export1, report1, _, _) = round(&data, tmp.path(), "first round");

    eprintln!("adding a second demo (same employees, about twice the records) ...");
    let demo2 = run(
        &data,
        &["demo", "--employees", &n, "--seed", "2", "--force"],
        None,
    );
    let (export2, report2, bytes2, records2) = round(&data, tmp.path(), "second round");

    let rate1 = mb(bytes1) / export1.seconds;
    let rate2 = mb(bytes2) / export2.seconds;
    let per_million = |r: &Run, records: u64| r.seconds * 1_000_000.0 / records.max(1) as f64;
    println!();
    println!(
        "demo --employees {employees}: {records1} records, {:.0} MB, {:.1} s, peak {} (ok: {})",
        mb(bytes1),
        demo.seconds,
        peak(&demo),
        demo.ok
    );
    println!(
        "second demo (--seed 2 --force): now {records2} records, {:.0} MB ({:.1} s, ok: {})",
        mb(bytes2),
        demo2.seconds,
        demo2.ok
    );
    println!();
    println!(
        "{:<44} {:>12} {:>12} {:>12}  verdict",
        "measure", "ledger 1x", "ledger 2x", "target"
    );
    let row = |name: &str, a: String, b: String, target: String, ok: bool| {
        println!("{name:<44} {a:>12} {b:>12} {target:>12}  {}", verdict(ok));
    };
    row(
        "export jsonl -> csv: ledger read (median)",
        format!("{rate1:.0} MB/s"),
        format!("{rate2:.0} MB/s"),
        format!(">= {EXPORT_MB_PER_S:.0} MB/s"),
        rate1 >= EXPORT_MB_PER_S && rate2 >= EXPORT_MB_PER_S && export1.ok && export2.ok,
    );
    let cpu = |r: &Run| {
        r.cpu_seconds
            .map_or_else(|| "?".into(), |c| format!("{c:.2} s"))
    };
    row(
        "export: wall / CPU seconds (median run)",
        format!("{:.2} / {}", export1.seconds, cpu(&export1)),
        format!("{:.2} / {}", export2.seconds, cpu(&export2)),
        "-".into(),
        true,
    );
    row(
        "export: peak memory (max of 3 runs)",
        peak(&export1),
        peak(&export2),
        format!("<= {EXPORT_PEAK_MB:.0} MB"),
        [&export1, &export2]
            .iter()
            .all(|r| r.peak_mb.is_some_and(|m| m <= EXPORT_PEAK_MB)),
    );
    row(
        "report --format json: time (median)",
        format!("{:.2} s", report1.seconds),
        format!("{:.2} s", report2.seconds),
        "-".into(),
        report1.ok && report2.ok,
    );
    row(
        "report: CPU seconds (median run)",
        cpu(&report1),
        cpu(&report2),
        "-".into(),
        true,
    );
    row(
        "report: time per 1M records",
        format!("{:.2} s", per_million(&report1, records1)),
        format!("{:.2} s", per_million(&report2, records2)),
        format!("<= {REPORT_SECONDS:.1} s"),
        per_million(&report1, records1) <= REPORT_SECONDS
            && per_million(&report2, records2) <= REPORT_SECONDS,
    );
    let grows = match (report1.peak_mb, report2.peak_mb) {
        (Some(a), Some(b)) => b / a,
        _ => f64::NAN,
    };
    row(
        "report: peak memory (max of 3 runs)",
        peak(&report1),
        peak(&report2),
        "flat in records".into(),
        grows < 1.25,
    );
    println!();
    println!(
        "Records grew {:.2}x between the rounds with the same employees; report memory {:.2}x.",
        records2 as f64 / records1.max(1) as f64,
        grows
    );
}
