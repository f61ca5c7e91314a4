//! Scale figures printed by `cargo bench --bench scale`: a demo organisation written through the
//! real writer (`tebiki demo`), then the release binary timed as child processes, each figure
//! beside a plain SHA-256 of the same ledger bytes done here (the `sha2` crate over the whole
//! files) and, when found on PATH, `openssl dgst -sha256` and `jq`:
//!
//! - `tebiki status ID` right after a fresh `tebiki record followup ID` for that person;
//! - `tebiki verify`, `tebiki export --format csv` and `tebiki report`: wall time, CPU time and
//!   peak memory (the child's `ru_maxrss` from `wait4`);
//! - `jq` extracting 5 fields of every ledger line as CSV, and `openssl dgst -sha256`.
//!
//! Then a second demo (another seed, `--force`) is added to the same folder, about doubling the
//! records of the same employees, and everything is measured again: what must stay flat
//! (status, export memory) shows whether it does. Prints ratios and targets; never asserts on
//! time. `TEBIKI_BENCH_EMPLOYEES` sets the size (default 200000, about 0.9M records);
//! `TEBIKI_BENCH_RUNS` how many runs each figure takes the best of (default 3; the reading with and
//! without the chain checks takes 15 at least, turn about, and gives the best and the median, the
//! verdict by the medians).

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

const EXE: &str = env!("CARGO_BIN_EXE_tebiki");

/// Runs of the reading with and without the chain checks, at least.
const READ_RUNS: usize = 15;

/// Targets, as ratios to the in-bench SHA-256 time of the same bytes (export: to `jq`'s).
const STATUS_RATIO: f64 = 0.05;
const VERIFY_RATIO: f64 = 1.5;
const REPORT_RATIO: f64 = 2.0;
const EXPORT_JQ_RATIO: f64 = 0.1;
const EXPORT_PEAK_MB: f64 = 30.0;
const VERIFY_PEAK_MB: f64 = 64.0;

/// One child process run.
#[derive(Debug, Clone, Copy)]
struct Run {
    wall: Duration,
    /// User plus system CPU time.
    cpu: Duration,
    /// Peak resident memory (`ru_maxrss`), in MB of 10^6 bytes.
    peak_mb: f64,
    ok: bool,
}

/// Runs `program` with `args` (stdout to `stdout` or nowhere, stderr nowhere) and measures it
/// with `wait4`, which gives the child's own CPU time and peak memory.
fn run(program: &str, args: &[&str], data: &Path, stdout: Option<&Path>) -> Option<Run> {
    let out = match stdout {
        Some(p) => Stdio::from(File::create(p).ok()?),
        None => Stdio::null(),
    };
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .env("TEBIKI_DATA", data)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value of that plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not yet waited for; both pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    let wall = start.elapsed();
    // The child is reaped; `child` must not be waited for again (dropping it does not wait).
    drop(child);
    if waited != pid {
        return None;
    }
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Some(Run {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        // Linux gives ru_maxrss in KiB.
        peak_mb: usage.ru_maxrss as f64 * 1024.0 / 1e6,
        ok: libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
    })
}

/// The best (shortest wall time) of `runs` runs; peak memory is the largest seen, and `ok`
/// only when every run succeeded.
fn best_of(runs: usize, mut one: impl FnMut() -> Option<Run>) -> Option<Run> {
    let mut best: Option<Run> = None;
    let mut peak: f64 = 0.0;
    let mut ok = true;
    for _ in 0..runs {
        let r = one()?;
        peak = peak.max(r.peak_mb);
        ok &= r.ok;
        if best.is_none_or(|b| r.wall < b.wall) {
            best = Some(r);
        }
    }
    best.map(|b| Run {
        peak_mb: peak,
        ok,
        ..b
    })
}

/// Whether `program` runs (`openssl version`, `jq --version`).
fn on_path(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn ledger_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("ledger"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// SHA-256 of every ledger file, whole, with the `sha2` crate: the time, the bytes and lines.
fn sha_files(files: &[PathBuf]) -> (Duration, u64, u64) {
    let start = Instant::now();
    let mut bytes = 0u64;
    let mut lines = 0u64;
    let mut buf = vec![0u8; 1 << 20];
    for path in files {
        let Ok(mut file) = File::open(path) else {
            continue;
        };
        let mut hasher = Sha256::new();
        loop {
            match file.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    hasher.update(&buf[..n]);
                    bytes += n as u64;
                    lines += memchr::memchr_iter(b'\n', &buf[..n]).count() as u64;
                }
            }
        }
        std::hint::black_box(hasher.finalize());
    }
    (start.elapsed(), bytes, lines)
}

/// The first employee of the roster, whose status the bench asks for.
fn first_employee(data: &Path) -> Option<String> {
    let text = std::fs::read_to_string(data.join("roster.csv")).ok()?;
    let line = text.lines().nth(1)?;
    Some(line.split(',').next()?.to_owned())
}

/// Everything measured over the ledger as it is.
struct Round {
    bytes: u64,
    records: u64,
    sha: Duration,
    openssl: Option<Run>,
    jq: Option<Run>,
    record: Option<Run>,
    status: Option<Run>,
    verify: Option<Run>,
    export: Option<Run>,
    report: Option<Run>,
    /// tebiki's merged reader over every record, in the bench: without and with the checks of
    /// the chain, `seq` and repeated keys (hashing every line).
    /// Each run's time, sorted.
    read_unchecked: Vec<Duration>,
    read_checked: Vec<Duration>,
}

/// Reads every record of the ledger of `data` through tebiki's merged reader (as export and
/// report do), with or without the chain checks: the time, and the records read.
fn read_all(data: &Path, checked: bool) -> (Duration, u64) {
    let dir = data.join("ledger");
    let started = Instant::now();
    let merged = if checked {
        tebiki::ledger::merged_raw(&dir)
    } else {
        tebiki::ledger::merged_raw_unchecked(&dir)
    };
    let mut records = 0;
    if let Ok(mut merged) = merged {
        while let Some(item) = merged.next_line() {
            records += u64::from(item.is_ok());
        }
    }
    (started.elapsed(), records)
}

fn round(data: &Path, tmp: &Path, runs: usize, tools: (bool, bool), label: &str) -> Round {
    let files = ledger_files(data);
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    // The page cache warmed first, so that every figure reads from memory alike.
    let (_, bytes, records) = sha_files(&files);
    let sha = (0..runs)
        .map(|_| sha_files(&files).0)
        .min()
        .unwrap_or_default();
    let openssl = tools.0.then(|| {
        let mut args = vec!["dgst", "-sha256"];
        args.extend(&names);
        best_of(runs, || run("openssl", &args, data, None))
    });
    let jq = tools.1.then(|| {
        let mut args = vec!["-r", "[.seq, .id, .at, .kiosk, .type] | @csv"];
        args.extend(&names);
        // One run: jq takes tens of seconds at this size.
        run("jq", &args, data, None)
    });
    let id = first_employee(data).unwrap_or_else(|| "E000001".into());
    let mut record = None;
    let status = best_of(runs, || {
        let r = run(
            EXE,
            &[
                "record", "followup", &id, "--by", "bench", "--note", "scale",
            ],
            data,
            None,
        )?;
        record = Some(record.map_or(r, |b: Run| if r.wall < b.wall { r } else { b }));
        run(EXE, &["status", &id], data, None)
    });
    let verify = best_of(runs, || run(EXE, &["verify"], data, None));
    let csv = tmp.join("export.csv");
    let csv = csv.display().to_string();
    let export = best_of(runs, || {
        run(EXE, &["export", "--format", "csv", "-o", &csv], data, None)
    });
    let _ = std::fs::remove_file(&csv);
    let report = best_of(runs, || run(EXE, &["report"], data, None));
    // Taken turn about, so that both meet the machine alike, and more often than the
    // commands (a read takes about a second): on a shared machine single runs vary by a third,
    // so the verdict is the medians'.
    let (mut read_unchecked, mut read_checked) = (Vec::new(), Vec::new());
    for _ in 0..runs.max(READ_RUNS) {
        let (time, plain) = read_all(data, false);
        read_unchecked.push(time);
        let (time, checked) = read_all(data, true);
        read_checked.push(time);
        assert_eq!(plain, checked, "records read without and with the checks");
    }
    read_unchecked.sort();
    read_checked.sort();
    eprintln!("  measured: {label}");
    Round {
        bytes,
        records,
        sha,
        openssl: openssl.flatten(),
        jq: jq.flatten(),
        record,
        status,
        verify,
        export,
        report,
        read_unchecked,
        read_checked,
    }
}

fn secs(d: Duration) -> String {
    format!("{:.3} s", d.as_secs_f64())
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filter.is_empty() && !filter.iter().any(|f| "scale".contains(f.as_str())) {
        return;
    }
    let employees: u32 = std::env::var("TEBIKI_BENCH_EMPLOYEES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200_000);
    let runs: usize = std::env::var("TEBIKI_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(3);
    let Ok(tmp) = tempfile::Builder::new().prefix("tebiki-scale-").tempdir() else {
        eprintln!("no temporary folder");
        return;
    };
    let data = tmp.path().join("data");
    let tools = (on_path("openssl", "version"), on_path("jq", "--version"));
    let n = employees.to_string();
    eprintln!("writing the demo organisation ({employees} employees) ...");
    let demo1 = run(
        EXE,
        &["demo", "--employees", &n, "--seed", "1"],
        &data,
        None,
    );
    let first = round(&data, tmp.path(), runs, tools, "ledger 1x");
    eprintln!("adding a second demo (same employees, another seed) ...");
    let demo2 = run(
        EXE,
        &["demo", "--employees", &n, "--seed", "2", "--force"],
        &data,
        None,
    );
    let second = round(&data, tmp.path(), runs, tools, "ledger 2x");

    println!();
    for (name, demo, r) in [("1x", demo1, &first), ("2x", demo2, &second)] {
        println!(
            "ledger {name}: {} records, {:.0} MB; demo written in {}{}",
            r.records,
            r.bytes as f64 / 1e6,
            demo.map_or("?".into(), |d| secs(d.wall)),
            if demo.is_some_and(|d| d.ok) {
                ""
            } else {
                " (demo FAILED)"
            },
        );
    }
    if !tools.0 {
        println!("openssl not found on PATH: its row is skipped");
    }
    if !tools.1 {
        println!("jq not found on PATH: its row and the export target are skipped");
    }
    #[cfg(target_arch = "x86_64")]
    println!(
        "SHA-256 extensions (sha_ni) on this CPU: {}",
        if std::is_x86_feature_detected!("sha") {
            "yes (the sha2 crate detects and uses them at run time)"
        } else {
            "no (the sha2 crate uses its portable code)"
        }
    );
    println!(
        "best of {runs} runs each (jq: one run); ratios are wall time over the bench's own \
         SHA-256 of the same bytes; CPU = user + system time of the child"
    );
    println!();
    println!(
        "{:<26} {:>9} {:>7} {:>9} {:>8}   {:>9} {:>7} {:>9} {:>8}   {:<10} verdict",
        "", "1x wall", "ratio", "CPU", "peak", "2x wall", "ratio", "CPU", "peak", "target"
    );
    let cell = |r: &Round, x: Option<Run>, base: Duration| match x {
        Some(x) => {
            format!(
                "{:>9} {:>6.3}x {:>9} {:>6.1}MB",
                secs(x.wall),
                x.wall.as_secs_f64() / base.as_secs_f64(),
                secs(x.cpu),
                x.peak_mb,
            ) + if x.ok { "" } else { "!" }
                + if r.records == 0 { "?" } else { "" }
        }
        None => format!("{:>9} {:>7} {:>9} {:>8}", "skipped", "", "", ""),
    };
    let row = |name: &str, pick: &dyn Fn(&Round) -> Option<Run>, target: &str, verdict: &str| {
        println!(
            "{name:<26} {}   {}   {target:<10} {verdict}",
            cell(&first, pick(&first), first.sha),
            cell(&second, pick(&second), second.sha),
        );
    };
    println!(
        "{:<26} {:>9} {:>7} {:>9} {:>8}   {:>9} {:>7} {:>9} {:>8}   {:<10}",
        "sha2 SHA-256 (in bench)",
        secs(first.sha),
        "1.000x",
        "",
        "",
        secs(second.sha),
        "1.000x",
        "",
        "",
        "-"
    );
    let ratio = |r: &Round, x: Option<Run>| x.map(|x| x.wall.as_secs_f64() / r.sha.as_secs_f64());
    let met = |ok: bool| if ok { "met" } else { "MISSED" };
    let both = |f: &dyn Fn(&Round) -> Option<bool>| {
        match (f(&first), f(&second)) {
            (Some(a), Some(b)) => met(a && b),
            _ => "?",
        }
        .to_owned()
    };
    row("openssl dgst -sha256", &|r| r.openssl, "-", "");
    row("jq: 5 fields as CSV", &|r| r.jq, "-", "");
    row("record followup", &|r| r.record, "-", "");
    let v = both(&|r| ratio(r, r.status).map(|x| x <= STATUS_RATIO));
    row(
        "status after a record",
        &|r| r.status,
        &format!("<= {STATUS_RATIO}x"),
        &v,
    );
    let v =
        both(&|r| Some(ratio(r, r.verify)? <= VERIFY_RATIO && r.verify?.peak_mb <= VERIFY_PEAK_MB));
    row(
        "verify",
        &|r| r.verify,
        &format!("<= {VERIFY_RATIO}x, {VERIFY_PEAK_MB:.0}MB"),
        &v,
    );
    let v = both(&|r| Some(r.export?.peak_mb <= EXPORT_PEAK_MB));
    row(
        "export --format csv",
        &|r| r.export,
        &format!("<= {EXPORT_PEAK_MB:.0}MB"),
        &v,
    );
    let v = both(&|r| ratio(r, r.report).map(|x| x <= REPORT_RATIO));
    row("report", &|r| r.report, &format!("<= {REPORT_RATIO}x"), &v);
    println!();
    for (name, r) in [("1x", &first), ("2x", &second)] {
        if let (Some(e), Some(j)) = (r.export, r.jq) {
            let x = e.wall.as_secs_f64() / j.wall.as_secs_f64();
            println!(
                "ledger {name}: export takes {x:.3}x jq's time (target <= {EXPORT_JQ_RATIO}x): {}",
                met(x <= EXPORT_JQ_RATIO)
            );
        }
        let (best, median) = (|t: &[Duration]| t[0], |t: &[Duration]| t[t.len() / 2]);
        let cost = |pick: &dyn Fn(&[Duration]) -> Duration| {
            pick(&r.read_checked).as_secs_f64() / pick(&r.read_unchecked).as_secs_f64() - 1.0
        };
        println!(
            "ledger {name}: reading every record ({} runs each, turn about) without chain checks \
             {} best, {} median; with them {} best, {} median ({:+.0}% best, {:+.0}% median; \
             target +10% of the medians: {})",
            r.read_checked.len(),
            secs(best(&r.read_unchecked)),
            secs(median(&r.read_unchecked)),
            secs(best(&r.read_checked)),
            secs(median(&r.read_checked)),
            cost(&best) * 100.0,
            cost(&median) * 100.0,
            met(cost(&median) <= 0.10)
        );
        if let (Some(o), Some(v)) = (r.openssl, r.verify) {
            println!(
                "ledger {name}: openssl takes {:.3}x the bench's SHA-256; verify {:.3}x openssl",
                o.wall.as_secs_f64() / r.sha.as_secs_f64(),
                v.wall.as_secs_f64() / o.wall.as_secs_f64()
            );
        }
    }
    let flat = |pick: &dyn Fn(&Round) -> Option<f64>| match (pick(&first), pick(&second)) {
        (Some(a), Some(b)) if a > 0.0 => format!("{:.2}x", b / a),
        _ => "?".into(),
    };
    println!(
        "doubling the ledger ({:.2}x records): status time {}, export memory {}, verify memory {}",
        second.records as f64 / first.records.max(1) as f64,
        flat(&|r| r.status.map(|s| s.wall.as_secs_f64())),
        flat(&|r| r.export.map(|s| s.peak_mb)),
        flat(&|r| r.verify.map(|s| s.peak_mb)),
    );
    println!("'!' after a figure: that command did not exit 0. MB = 10^6 bytes.");
}
