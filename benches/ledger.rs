//! Ledger speed figures printed by `cargo bench`: verify throughput and the cost of one append.
//!
//! Prints each figure beside its target and never asserts on time. `TEBIKI_BENCH_RECORDS`
//! sets the ledger size for a quick run (default 1,000,000); `cargo bench --bench ledger --
//! verify` or `-- append` runs one part.

use std::fs::{self, File, OpenOptions};
use std::hint::black_box;
use std::io::{self, BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use jiff::fmt::temporal::DateTimePrinter;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use tebiki::ledger::{SCHEMA, Writer, merged, merged_raw, merged_raw_unchecked, verify};
use tebiki::record::consent::receipt_code;
use uuid::Builder;

const DEFAULT_RECORDS: u64 = 1_000_000;
/// Two kiosks, so that verify's cross-file id checks and the merged read's interleaving run.
const KIOSKS: [&str; 2] = ["k1", "k2"];
const VERIFY_RUNS: usize = 3;
const VERIFY_TARGET_MB_S: f64 = 200.0;
const APPEND_ROUNDS: usize = 400;
const APPEND_WARMUP: usize = 10;
const APPEND_TARGET_RATIO: f64 = 1.2;
/// Free space asked for per record: lines average ~950 bytes; the rest is headroom.
const SPACE_PER_RECORD: u64 = 1_200;
/// 2026-11-23T00:00:00Z: records are dated from the policy's version day on.
const START_MS: u64 = 1_795_392_000_000;
const MB: f64 = 1e6;

fn main() {
    // `cargo bench` passes `--bench`; any other argument filters the parts by name.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f));

    let start = Instant::now();
    let mut phases = Vec::new();
    if wanted("verify") {
        verify_bench(&mut phases);
    }
    if wanted("append") {
        let t = Instant::now();
        append_bench();
        phases.push(("append", t.elapsed()));
    }
    let parts: Vec<String> = phases
        .iter()
        .map(|(name, d)| format!("{name} {:.1} s", d.as_secs_f64()))
        .collect();
    println!();
    println!(
        "total {:.1} s ({})",
        start.elapsed().as_secs_f64(),
        parts.join(", ")
    );
}

// --- 1. verify over a large ledger ---------------------------------------------------------

fn verify_bench(phases: &mut Vec<(&'static str, Duration)>) {
    let tmp = tempfile::Builder::new()
        .prefix("tebiki-bench-")
        .tempdir()
        .expect("temp dir");
    let dir = tmp.path().join("ledger");
    fs::create_dir(&dir).expect("ledger dir");

    let mut notes = Vec::new();
    let asked = requested_records();
    let records = fit_to_disk(tmp.path(), asked, &mut notes);

    let t = Instant::now();
    let bytes = build_ledger(&dir, records).expect("build ledger");
    let build = t.elapsed();
    phases.push(("build", build));

    println!();
    println!(
        "ledger verify: {} records in {} files ({}), {:.1} MB, {:.0} B/record",
        group(records),
        KIOSKS.len(),
        KIOSKS.map(|k| format!("{k}.jsonl")).join(" + "),
        bytes as f64 / MB,
        bytes as f64 / records.max(1) as f64,
    );
    println!(
        "  built directly in {:.2} s ({:.0} MB/s; chained, not through Writer::append)",
        build.as_secs_f64(),
        bytes as f64 / MB / build.as_secs_f64()
    );
    for n in &notes {
        println!("  note: {n}");
    }

    let rss_before = proc_status_kb("VmRSS");
    let peak_reset = reset_peak_rss();
    let t = Instant::now();
    let mut runs = Vec::with_capacity(VERIFY_RUNS);
    for _ in 0..VERIFY_RUNS {
        let t = Instant::now();
        let report = verify(&dir, None).expect("verify");
        runs.push(t.elapsed());
        // Figures over a ledger verify rejects would measure the wrong path.
        assert!(
            report.is_intact(),
            "built ledger not intact: {} findings, first {:#?}",
            report.findings.len(),
            report.findings.first()
        );
        assert_eq!(report.records(), records, "records counted by verify");
    }
    phases.push(("verify x3", t.elapsed()));
    let verify_peak = proc_status_kb("VmHWM");

    let reset_again = reset_peak_rss();
    let t = Instant::now();
    let mut seen = 0u64;
    let mut issues = 0u64;
    for item in merged(&dir).expect("merged") {
        match item {
            Ok(record) => {
                black_box(&record);
                seen += 1;
            }
            Err(_) => issues += 1,
        }
    }
    let merge_time = t.elapsed();
    phases.push(("merged", merge_time));
    let merge_peak = proc_status_kb("VmHWM");
    assert_eq!((seen, issues), (records, 0), "records and issues of merged");

    // What the readers' chain checks cost: the lent read (as export, report and status read)
    // with and without them, best of three each, alternating; and a bare SHA-256 of the same
    // bytes beside verify.
    let lent = |checked: bool| {
        let t = Instant::now();
        let mut m = if checked {
            merged_raw(&dir)
        } else {
            merged_raw_unchecked(&dir)
        }
        .expect("merged");
        let mut n = 0u64;
        while let Some(item) = m.next_line() {
            let rec = item.expect("an intact ledger");
            black_box(rec.raw);
            n += 1;
        }
        assert_eq!(n, records);
        t.elapsed()
    };
    let mut checked_runs = Vec::new();
    let mut unchecked_runs = Vec::new();
    let mut sha_runs = Vec::new();
    let mut line_sha_runs = Vec::new();
    for _ in 0..3 {
        unchecked_runs.push(lent(false));
        checked_runs.push(lent(true));
        let t = Instant::now();
        for kiosk in KIOSKS {
            let data = fs::read(dir.join(format!("{kiosk}.jsonl"))).expect("ledger file");
            black_box(Sha256::digest(&data));
        }
        sha_runs.push(t.elapsed());
        // What the chain check must do: each line hashed on its own (a final block each).
        let t = Instant::now();
        for kiosk in KIOSKS {
            let data = fs::read(dir.join(format!("{kiosk}.jsonl"))).expect("ledger file");
            let mut start = 0;
            for end in memchr::memchr_iter(b'\n', &data) {
                black_box(Sha256::digest(&data[start..end]));
                start = end + 1;
            }
        }
        line_sha_runs.push(t.elapsed());
    }
    let best = |v: &[Duration]| v.iter().min().copied().unwrap_or_default();
    let (checked_best, unchecked_best, sha_best) =
        (best(&checked_runs), best(&unchecked_runs), best(&sha_runs));
    let mb_s = |d: Duration| bytes as f64 / MB / d.as_secs_f64();
    let rec_s = |d: Duration| records as f64 / d.as_secs_f64();
    let mut sorted = runs.clone();
    sorted.sort_unstable();
    let verdict = |d: Duration| {
        if mb_s(d) >= VERIFY_TARGET_MB_S {
            "met"
        } else {
            "MISSED"
        }
    };
    let target = format!(">= {VERIFY_TARGET_MB_S:.0} MB/s");

    println!();
    println!(
        "  {:<22} {:>9} {:>10} {:>12}  {:<13} verdict",
        "", "time", "MB/s", "records/s", "target"
    );
    let row = |name: &str, d: Duration, target: &str, verdict: &str| {
        println!(
            "  {name:<22} {:>7.2} s {:>10.1} {:>12}  {target:<13} {verdict}",
            d.as_secs_f64(),
            mb_s(d),
            group(rec_s(d) as u64),
        );
    };
    for (i, d) in runs.iter().enumerate() {
        row(&format!("verify run {}", i + 1), *d, &target, verdict(*d));
    }
    row("verify best", sorted[0], &target, verdict(sorted[0]));
    let median = sorted[sorted.len() / 2];
    row("verify median", median, &target, verdict(median));
    row("merged (full read)", merge_time, "-", "(informative)");
    row("read, no chain checks", unchecked_best, "-", "(best of 3)");
    row("read, chain checks", checked_best, "<= +10%", "(best of 3)");
    row("bare SHA-256, same bytes", sha_best, "-", "(best of 3)");
    row(
        "SHA-256 line by line",
        best(&line_sha_runs),
        "-",
        "(best of 3, one thread)",
    );
    println!(
        "  chain checks cost {:+.1}% over the read without them; verify takes {:.1}x a bare \
         SHA-256 of the same bytes",
        (checked_best.as_secs_f64() / unchecked_best.as_secs_f64() - 1.0) * 100.0,
        sorted[0].as_secs_f64() / sha_best.as_secs_f64()
    );
    #[cfg(target_arch = "x86_64")]
    println!(
        "  SHA-256 extensions (sha_ni) on this CPU: {}",
        if std::is_x86_feature_detected!("sha") {
            "yes; the sha2 crate detects and uses them at run time"
        } else {
            "no; the sha2 crate uses its portable code"
        }
    );

    println!();
    match (rss_before, verify_peak, merge_peak) {
        (Some(before), Some(v), Some(m)) if peak_reset && reset_again => println!(
            "  peak RSS (VmHWM, process-wide, reset before each part): verify {:.0} MB, \
             merged {:.0} MB; {:.0} MB resident before",
            v as f64 / 1e3,
            m as f64 / 1e3,
            before as f64 / 1e3
        ),
        (Some(before), Some(v), Some(m)) => println!(
            "  peak RSS (VmHWM, process-wide, not resettable here): {:.0} MB after verify, \
             {:.0} MB after merged; {:.0} MB resident before verify",
            v as f64 / 1e3,
            m as f64 / 1e3,
            before as f64 / 1e3
        ),
        _ => println!("  peak RSS: /proc/self/status not readable"),
    }
    println!("  files were just written, so reads come from the page cache: hashing and parsing");
    println!("  are measured, not the disk. MB = 10^6 bytes.");

    let t = Instant::now();
    drop(tmp);
    phases.push(("cleanup", t.elapsed()));
}

fn requested_records() -> u64 {
    match std::env::var("TEBIKI_BENCH_RECORDS") {
        Ok(v) => match v.replace('_', "").parse::<u64>() {
            Ok(n) if n >= KIOSKS.len() as u64 => n,
            _ => panic!("TEBIKI_BENCH_RECORDS must be a number >= {}", KIOSKS.len()),
        },
        Err(_) => DEFAULT_RECORDS,
    }
}

/// Fewer records when the temp disk cannot hold the ledger comfortably, saying so.
fn fit_to_disk(dir: &Path, records: u64, notes: &mut Vec<String>) -> u64 {
    let need = records * SPACE_PER_RECORD;
    match free_bytes(dir) {
        Some(free) if free >= need => records,
        Some(free) => {
            // Half the free space at most: the machine still needs room for everything else.
            let fit = (free / 2 / SPACE_PER_RECORD).max(KIOSKS.len() as u64);
            notes.push(format!(
                "only {:.0} MB free on the temp disk ({:.0} MB wanted): {} records instead of {}",
                free as f64 / MB,
                need as f64 / MB,
                group(fit),
                group(records)
            ));
            fit
        }
        None => {
            notes.push("free space of the temp disk unknown (df failed); not checked".into());
            records
        }
    }
}

/// Available bytes on the file system of `dir`, from POSIX `df -Pk`.
fn free_bytes(dir: &Path) -> Option<u64> {
    let out = Command::new("df").arg("-Pk").arg(dir).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let kb: u64 = text
        .lines()
        .nth(1)?
        .split_whitespace()
        .nth(3)?
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Writes the kiosks' files in parallel (one thread each); returns the total bytes.
fn build_ledger(dir: &Path, records: u64) -> io::Result<u64> {
    let n = KIOSKS.len() as u64;
    thread::scope(|s| {
        let handles: Vec<_> = KIOSKS
            .iter()
            .enumerate()
            .map(|(k, kiosk)| {
                let count = records / n + u64::from((k as u64) < records % n);
                let path = dir.join(format!("{kiosk}.jsonl"));
                s.spawn(move || write_kiosk(&path, kiosk, k as u64, count))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("builder thread"))
            .sum()
    })
}

/// One kiosk's file, chained exactly as the format says, without a sync per record.
fn write_kiosk(path: &Path, kiosk: &str, k: u64, records: u64) -> io::Result<u64> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let printer = DateTimePrinter::new().precision(Some(3));
    let mut rng = Rng::new(0x7EB1_C1A5 + k);
    let mut line = Vec::with_capacity(2048);
    let mut prev = [0u8; 32];
    let mut prev_hex = [0u8; 64];
    let mut bytes = 0u64;
    for seq in 1..=records {
        // Each kiosk gets its own half of every 2 s slot, so the files interleave in time and
        // a merged read alternates between them, while each file stays in time order.
        let ms = START_MS + seq * 2_000 + k * 1_000 + rng.below(1_000);
        let at = Timestamp::from_millisecond(ms as i64).expect("time in range");
        let mut random = [0u8; 10];
        rng.fill(&mut random);
        let id = Builder::from_unix_timestamp_millis(ms, &random).into_uuid();
        hex::encode_to_slice(prev, &mut prev_hex).expect("64 hex digits");

        line.clear();
        write!(line, "{{\"schema\":\"{SCHEMA}\",\"seq\":{seq},\"prev\":\"")?;
        line.extend_from_slice(&prev_hex);
        write!(
            line,
            "\",\"id\":\"{}\",\"at\":\"{}\",\"kiosk\":\"{kiosk}\",\"type\":\"consent\"",
            id.hyphenated(),
            printer.timestamp_to_string(&at)
        )?;
        consent_fields(&mut line, &mut rng, seq * 2 + k)?;
        line.push(b'}');
        prev = Sha256::digest(&line).into();
        line.push(b'\n');
        out.write_all(&line)?;
        bytes += line.len() as u64;
    }
    out.flush()?;
    Ok(bytes)
}

// --- a realistic consent body --------------------------------------------------------------

const NAMES: [&str; 12] = [
    "山田 花子",
    "佐藤 健太",
    "鈴木 美咲",
    "高橋 大輔",
    "田中 さくら",
    "渡辺 翔",
    "伊藤 陽菜",
    "グエン・ヴァン・アン",
    "Emily Carter",
    "James O'Neil",
    "María José García",
    "Priya Natarajan",
];
const DEPARTMENTS: [&str; 6] = [
    "製造部 第一課",
    "物流センター",
    "総務部",
    "Sales",
    "Maintenance",
    "",
];
const SCREENS: [&str; 11] = [
    "why",
    "gains-you",
    "gains-company",
    "drawbacks",
    "costs",
    "hours",
    "lost",
    "leaving",
    "incident",
    "paid-plans",
    "where",
];
/// Screens listed per record. A real record lists every screen shown and carries a few more
/// fields (check items, the alternative offered, withdrawal text, app version); the generated one is cut to the
/// ~900-byte record the target was set for, keeping the real keys, nesting and value kinds.
const SCREENS_PER_RECORD: usize = 2;
const QUESTIONS: usize = 4;
const PURPOSES: [&str; 3] = ["own-phone", "hours-rules", "report-loss"];
const REASONS: [&str; 4] = ["data-cost", "privacy", "working-hours", "security"];
const SHA_JA: &str = "3f2a9c41d07be85e6a1c94f0b2d3e8a7c5f61b09d4e2a87c3b5f0e19d6a4c728";
const SHA_EN: &str = "a81d4e0f7c29b36e5d18f4a0c9e2b7d3618f05a4e9c2d7b0f3a6e18c5d92b047";

/// The body fields of a consent record, each preceded by a comma, with the keys and shapes
/// `consent::consent_body` writes. All strings are JSON-safe as they stand.
fn consent_fields(out: &mut Vec<u8>, rng: &mut Rng, n: u64) -> io::Result<()> {
    let name = NAMES[rng.below(NAMES.len() as u64) as usize];
    let dept = DEPARTMENTS[rng.below(DEPARTMENTS.len() as u64) as usize];
    write!(
        out,
        ",\"employee\":{{\"id\":\"E{:06}\",\"name\":\"{name}\"",
        n % 40_000
    )?;
    if !dept.is_empty() {
        write!(out, ",\"department\":\"{dept}\"")?;
    }
    let attended = rng.below(4) == 0;
    write!(
        out,
        "}},\"how\":{{\"method\":\"kiosk\",\"mode\":\"{}\",\"session\":",
        if attended { "attended" } else { "kiosk" }
    )?;
    if attended {
        write!(out, "\"S-{:04}\"}}", rng.below(10_000))?;
    } else {
        out.extend_from_slice(b"null}");
    }
    out.extend_from_slice(
        b",\"policy\":{\"id\":\"line-works-own-phone\",\"version\":\"2026-11-23\"}",
    );

    // Japanese names mostly read in Japanese; one in five looks at both languages.
    let both = rng.below(5) == 0;
    let ja = name.chars().next().is_some_and(|c| !c.is_ascii()) || rng.below(4) == 0;
    let (langs, shas) = match (both, ja) {
        (true, _) => (
            "\"ja\",\"en\"",
            format!("\"ja\":\"{SHA_JA}\",\"en\":\"{SHA_EN}\""),
        ),
        (false, true) => ("\"ja\"", format!("\"ja\":\"{SHA_JA}\"")),
        (false, false) => ("\"en\"", format!("\"en\":\"{SHA_EN}\"")),
    };
    write!(
        out,
        ",\"content\":{{\"languages\":[{langs}],\"sha256\":{{{shas}}},\"screens\":["
    )?;
    let first_screen = rng.below((SCREENS.len() - SCREENS_PER_RECORD + 1) as u64) as usize;
    for (i, screen) in SCREENS[first_screen..][..SCREENS_PER_RECORD]
        .iter()
        .enumerate()
    {
        let tenths = 30 + rng.below(900);
        let read = rng.below(10) != 0;
        write!(
            out,
            "{}{{\"id\":\"{screen}\",\"seconds\":{}.{},\"read_to_end\":{read},\"languages\":[{langs}]}}",
            if i == 0 { "" } else { "," },
            tenths / 10,
            tenths % 10
        )?;
    }

    let retries = rng.below(3) * rng.below(2);
    write!(
        out,
        "]}},\"check\":{{\"questions\":{QUESTIONS},\"correct\":{QUESTIONS},\"attempts\":{}}}",
        QUESTIONS as u64 + retries
    )?;

    let decision = match rng.below(10) {
        0 => "refused",
        1 => "deferred",
        _ => "given",
    };
    write!(out, ",\"decision\":\"{decision}\",\"purposes\":[")?;
    for (i, p) in PURPOSES.iter().enumerate() {
        write!(
            out,
            "{}{{\"id\":\"{p}\",\"granted\":{}}}",
            if i == 0 { "" } else { "," },
            decision == "given"
        )?;
    }
    out.extend_from_slice(b"],\"reasons\":[");
    if decision == "given" {
        out.push(b']');
    } else {
        let first = rng.below(REASONS.len() as u64) as usize;
        write!(out, "\"{}\"", REASONS[first])?;
        if rng.below(2) == 0 {
            write!(out, ",\"{}\"", REASONS[(first + 1) % REASONS.len()])?;
        }
        let chosen = if decision == "deferred" {
            "not-now"
        } else {
            "no"
        };
        write!(out, "],\"alternative_chosen\":\"{chosen}\"")?;
    }

    let mut code = [0u8; 5];
    rng.fill(&mut code);
    write!(
        out,
        ",\"ui_language\":\"{}\",\"receipt\":\"{}\"",
        if ja { "ja" } else { "en" },
        receipt_code(&code)
    )
}

/// xorshift64*: deterministic, dependency-free variety for the generated records.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn fill(&mut self, bytes: &mut [u8]) {
        for chunk in bytes.chunks_mut(8) {
            let r = self.next().to_le_bytes();
            chunk.copy_from_slice(&r[..chunk.len()]);
        }
    }
}

// --- 2. one append against a bare write + sync ---------------------------------------------

fn append_bench() {
    let tmp = tempfile::Builder::new()
        .prefix("tebiki-bench-")
        .tempdir()
        .expect("temp dir");
    let dir = tmp.path();
    let mut writer = Writer::open(dir, "bench", Duration::from_secs(5)).expect("open writer");
    let body = sample_body();
    for _ in 0..APPEND_WARMUP {
        writer.append("consent", body.clone()).expect("append");
    }
    // The bare side writes the very bytes an append wrote: the ledger's last line.
    let ledger = fs::read(writer.path()).expect("read ledger");
    let start = ledger[..ledger.len() - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = &ledger[start..];
    let mut bare = OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join("bare.dat"))
        .expect("open bare file");
    let bare_write = |file: &mut File| {
        file.write_all(line).expect("bare write");
        file.sync_data().expect("bare sync");
    };
    for _ in 0..APPEND_WARMUP {
        bare_write(&mut bare);
    }

    let mut appends = Vec::with_capacity(APPEND_ROUNDS);
    let mut bares = Vec::with_capacity(APPEND_ROUNDS);
    // The body is cloned before the clock starts: `append` takes it by value.
    let mut time_append = |body: Map<String, Value>| {
        let t = Instant::now();
        black_box(writer.append("consent", body).expect("append"));
        appends.push(t.elapsed());
    };
    let mut time_bare = || {
        let t = Instant::now();
        bare_write(&mut bare);
        bares.push(t.elapsed());
    };
    for round in 0..APPEND_ROUNDS {
        let body = body.clone();
        // Interleaved, and the order swapped every round so neither side always goes first.
        if round % 2 == 0 {
            time_append(body);
            time_bare();
        } else {
            time_bare();
            time_append(body);
        }
    }

    let (a_med, a_p90) = median_p90(&mut appends);
    let (b_med, b_p90) = median_p90(&mut bares);
    let ratio = a_med.as_secs_f64() / b_med.as_secs_f64();
    println!();
    println!(
        "append one record: {APPEND_ROUNDS} interleaved rounds, {}-byte line, each synced (sync_data)",
        line.len()
    );
    println!();
    println!("  {:<28} {:>10} {:>10}", "", "median", "p90");
    println!(
        "  {:<28} {:>10} {:>10}",
        "Writer::append",
        ms(a_med),
        ms(a_p90)
    );
    println!(
        "  {:<28} {:>10} {:>10}",
        "bare write_all + sync_data",
        ms(b_med),
        ms(b_p90)
    );
    println!(
        "  {:<28} {:>10.3} {:>10.3}  target <= {APPEND_TARGET_RATIO:.1}x (medians)  {}",
        "ratio append / bare",
        ratio,
        a_p90.as_secs_f64() / b_p90.as_secs_f64(),
        if ratio <= APPEND_TARGET_RATIO {
            "met"
        } else {
            "MISSED"
        }
    );
}

/// One consent body as the recorder hands it to `Writer::append`.
fn sample_body() -> Map<String, Value> {
    let mut fields = Vec::new();
    consent_fields(&mut fields, &mut Rng::new(1), 1).expect("body");
    // The fields start with a comma; swapping it for `{` makes one object.
    fields[0] = b'{';
    fields.push(b'}');
    serde_json::from_slice(&fields).expect("generated body is a JSON object")
}

fn median_p90(samples: &mut [Duration]) -> (Duration, Duration) {
    samples.sort_unstable();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.9))
}

// --- small helpers -------------------------------------------------------------------------

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// 1234567 as "1,234,567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A `kB` field of `/proc/self/status` (Linux); None elsewhere.
fn proc_status_kb(key: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets VmHWM to the current RSS (Linux 4.0+), so each part's peak is its own.
fn reset_peak_rss() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}
