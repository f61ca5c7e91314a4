//! A writer process killed at random moments never loses a record it acknowledged.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use sha2::Digest;
use tebiki::ledger::{Writer, merged, verify};

const CHILD_ENV: &str = "TEBIKI_LEDGER_CRASH_CHILD";
const ROUNDS: u32 = 50;
const KIOSK: &str = "kiosk-1";

/// Small deterministic generator; the seed is printed so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Runs inside a child process only: a kiosk appending until it is killed, printing
/// `ACK <seq> <id>` after each record's sync.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut writer = Writer::open(Path::new(&dir), KIOSK, Duration::from_secs(10)).unwrap();
    writer.claim_instance().unwrap();
    let mut out = std::io::stdout().lock();
    writeln!(out, "\nREADY").unwrap();
    out.flush().unwrap();
    for n in 0..100_000u64 {
        let Value::Object(body) = json!({
            "employee": format!("E{n:05}"),
            "decision": "given",
            "purposes": {"line_works": true, "calendar": n % 2 == 0},
        }) else {
            unreachable!()
        };
        let a = writer.append("consent", body).unwrap();
        writeln!(out, "ACK {} {}", a.seq, a.id).unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn acknowledged_records_survive_sigkill() {
    let seed = std::env::var("TEBIKI_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    println!("TEBIKI_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ledger");
    let file = dir.join(format!("{KIOSK}.jsonl"));
    let exe = std::env::current_exe().unwrap();
    let mut acked: HashMap<String, u64> = HashMap::new();
    // The SHA-256 of every partial line injected; each must come back as a recovered tail.
    let mut torn_injected: Vec<String> = Vec::new();

    for _ in 0..ROUNDS {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // A third of the kills land during start-up and recovery, the rest while appending.
        if rng.below(3) > 0 {
            let deadline = Instant::now() + Duration::from_secs(20);
            while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now()))
            {
                if line == "READY" {
                    break;
                }
            }
        }
        thread::sleep(Duration::from_millis(rng.below(31)));
        // SIGKILL on Unix: no destructor, no flush, no unlock runs in the child.
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        for line in rx.try_iter() {
            // Only whole lines count; the harness may prefix the first one.
            if let Some(rest) = line.find("ACK ").map(|i| &line[i + 4..]) {
                let mut parts = rest.split(' ');
                let (Some(seq), Some(id), None) = (parts.next(), parts.next(), parts.next()) else {
                    continue;
                };
                acked.insert(id.to_owned(), seq.parse().unwrap());
            }
        }
        // Now and then, a power cut mid-write: part of a line without its newline.
        let ends_clean = fs::read(&file).map(|b| b.last().is_none_or(|&c| c == b'\n'));
        if ends_clean.unwrap_or(false) && rng.below(3) == 0 {
            let line = br#"{"schema":"tebiki/1","seq":999,"prev":"00","id":"x","at":"2026-11-23T01:02:03.456Z"}"#;
            let cut = 1 + rng.below(line.len() as u64 - 1) as usize;
            OpenOptions::new()
                .append(true)
                .open(&file)
                .unwrap()
                .write_all(&line[..cut])
                .unwrap();
            torn_injected.push(hex::encode(sha2::Sha256::digest(&line[..cut])));
        }
    }
    // The next start of the kiosk recovers what the last round left.
    drop(Writer::open(&dir, KIOSK, Duration::from_secs(10)).unwrap());

    assert!(!acked.is_empty(), "no child got to append (seed {seed})");
    let report = verify(&dir, None).unwrap();
    assert!(report.is_intact(), "seed {seed}: {:#?}", report.findings);
    // A child killed in the middle of its own write leaves a torn tail too, so there may be
    // more recoveries than injections, but never a lost one.
    let recovered: Vec<&str> = report.recovered.iter().map(|r| r.sha256.as_str()).collect();
    for sha in &torn_injected {
        assert!(
            recovered.contains(&sha.as_str()),
            "seed {seed}: injected tail {sha} not recovered"
        );
    }
    assert!(report.recovered.len() >= torn_injected.len(), "seed {seed}");
    assert!(
        report.recovered.iter().all(|r| r.saved_found),
        "seed {seed}"
    );

    let stored: HashMap<String, u64> = merged(&dir)
        .unwrap()
        .map(|r| {
            let r = r.unwrap();
            (r.id.to_string(), r.seq)
        })
        .collect();
    for (id, seq) in &acked {
        assert_eq!(
            stored.get(id),
            Some(seq),
            "acknowledged {id} lost (seed {seed})"
        );
    }
    println!(
        "rounds {ROUNDS}, acknowledged {}, stored {}, torn tails injected {}, recovered {}",
        acked.len(),
        stored.len(),
        torn_injected.len(),
        report.recovered.len()
    );
}
