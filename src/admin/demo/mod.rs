//! `tebiki demo --employees N [--seed S] [--force]`: a synthetic organisation for trying the
//! admin side and for benchmarks, written through the real ledger writer.
//!
//! What it writes: `$DATA/roster.csv` (all but a few "new hires", so the report has someone
//! who is not on the roster) and one ledger file per site (`demo-honsha`, `demo-eigyo`,
//! `demo-tenpo`, `demo-kojo`). Every employee's records go to their site's file, in the order
//! they happened, so each person's history reads in order in the merged ledger.
//!
//! Dating: the writer stamps `at` with the time of writing and that stays the truth about when
//! a record was written. The demo's stories happen over the last eight weeks, so each record
//! carries when it happened in the body, `occurred_at` (RFC 3339 UTC), and `"demo": true`, so
//! that nobody mistakes it for real evidence. Follow-ups carry a `due` date; those due before
//! today and not acted on are overdue in the report.
//!
//! Safety: refuses (exit 2) when the data folder already has ledger records or a roster,
//! unless `--force` is given; then it adds to the ledger (never removes) and replaces the
//! roster. The same `--seed` gives the same people, stories and times of day.

mod bodies;
mod story;

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use jiff::civil::{Date, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use super::{Progress, arg, count, fail, ledger_fail, say};
use crate::command::Env;
use crate::content::Content;
use crate::i18n::{Lang, Localizer};
use crate::ledger::{LedgerError, Writer};
use crate::record::consent::{
    Answered, ConsentFacts, Decision, Made, ScreenSeen, consent_body, receipt_code, withdrawal_body,
};
use crate::record::entry::{Change, Entry};
use crate::record::{How, RecordType, SessionRef, Subject, Verified, Via};
use crate::roster::Employee;
use crate::state::Stage;
use bodies::*;
use story::*;

/// Who the demo's trainer and admin records name as having recorded them.
const DEMO_RECORDER: &str = "demo";

/// `tebiki demo`
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=10_000_000))]
    pub employees: u32,
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    #[arg(long)]
    pub force: bool,
}

/// The policy version of decisions made before the current content (they show as `expired`).
pub const OLD_POLICY_VERSION: &str = "2026-06-01";

/// Records per `append_batch` call: one write and one sync each.
const BATCH: usize = 2048;

/// How long the campaign has run, in days up to today.
const CAMPAIGN_DAYS: i32 = 56;

/// Departments (Japanese names as used in the organisation), their relative size and the site
/// whose terminal records them.
const DEPARTMENTS: [(&str, u32, usize); 11] = [
    ("店舗運営部", 30, 2),
    ("営業部", 18, 1),
    ("製造部", 14, 3),
    ("物流部", 8, 3),
    ("カスタマーサポート部", 7, 1),
    ("総務部", 5, 0),
    ("人事部", 4, 0),
    ("経理部", 4, 0),
    ("情報システム部", 4, 0),
    ("企画部", 3, 0),
    ("品質管理部", 3, 3),
];

const SITES: [&str; 4] = ["demo-honsha", "demo-eigyo", "demo-tenpo", "demo-kojo"];

const SURNAMES: [&str; 60] = [
    "佐藤",
    "鈴木",
    "高橋",
    "田中",
    "伊藤",
    "渡辺",
    "山本",
    "中村",
    "小林",
    "加藤",
    "吉田",
    "山田",
    "佐々木",
    "山口",
    "松本",
    "井上",
    "木村",
    "林",
    "斎藤",
    "清水",
    "山崎",
    "森",
    "池田",
    "橋本",
    "阿部",
    "石川",
    "山下",
    "中島",
    "石井",
    "小川",
    "前田",
    "岡田",
    "長谷川",
    "藤田",
    "後藤",
    "近藤",
    "村上",
    "遠藤",
    "青木",
    "坂本",
    "斉藤",
    "福田",
    "太田",
    "西村",
    "藤井",
    "金子",
    "岡本",
    "藤原",
    "中野",
    "三浦",
    "原田",
    "中川",
    "松田",
    "竹内",
    "小野",
    "田村",
    "中山",
    "和田",
    "石田",
    "森田",
];

const GIVEN_NAMES: [&str; 60] = [
    "太郎",
    "翔太",
    "大輔",
    "健太",
    "拓也",
    "直樹",
    "和也",
    "達也",
    "誠",
    "隆",
    "浩",
    "亮",
    "悠斗",
    "陽向",
    "蓮",
    "湊",
    "大翔",
    "颯",
    "樹",
    "一郎",
    "花子",
    "陽子",
    "美咲",
    "愛",
    "さくら",
    "結衣",
    "陽菜",
    "葵",
    "凛",
    "美穂",
    "恵",
    "由美",
    "真由美",
    "裕子",
    "智子",
    "久美子",
    "明美",
    "優子",
    "彩",
    "舞",
    "千尋",
    "奈々",
    "早紀",
    "瞳",
    "結菜",
    "芽依",
    "美月",
    "紗希",
    "香織",
    "麻衣",
    "涼子",
    "直美",
    "和子",
    "幸子",
    "洋子",
    "京子",
    "純一",
    "修",
    "剛",
    "勇気",
];

/// Colleagues who read the content in English.
const ENGLISH_NAMES: [&str; 15] = [
    "Emily Clark",
    "James Wilson",
    "Maria Santos",
    "Nguyen Van An",
    "Tran Thi Mai",
    "Li Wei",
    "Wang Fang",
    "Kim Min-jun",
    "Park Ji-woo",
    "Ana Silva",
    "Juan Garcia",
    "Sarah Brown",
    "Rahul Sharma",
    "Priya Patel",
    "Jose Reyes",
];

const HESITANT_NOTES: [&str; 4] = [
    "データ通信量が心配とのこと",
    "勤務時間外の通知が不安とのこと",
    "スマートフォンの空き容量が足りない",
    "家族と相談してから決めたいとのこと",
];

const FOLLOWUP_NOTES: [&str; 3] = [
    "2週間後にもう一度ご案内する",
    "通知設定を一緒に確認する",
    "併用の様子を聞く",
];

/// What a demo run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    /// On the roster: exactly as many as asked for.
    pub employees: u64,
    /// In the ledger only (recent hires not yet on the roster).
    pub not_on_roster: u64,
    pub records: u64,
    pub files: u64,
}

/// Generates and writes the demo organisation into `data` (roster and ledger).
pub fn generate(
    data: &crate::config::DataDir,
    content: &Content,
    loc: &Localizer,
    tz: &TimeZone,
    employees: u32,
    seed: u64,
    progress_message: String,
) -> Result<DemoSummary, DemoError> {
    let mut rng = Rng(seed);
    let people = people(employees, &mut rng);
    let today = Timestamp::now().to_zoned(tz.clone()).date();
    let start = today
        .checked_sub(CAMPAIGN_DAYS.days())
        .map_err(|e| DemoError::Io(std::io::Error::other(e)))?;
    // The history ends where today begins, not at this moment: the same seed gives the same
    // organisation all day long.
    let now = today
        .to_zoned(tz.clone())
        .map_err(|e| DemoError::Io(std::io::Error::other(e)))?
        .timestamp();
    let timeline = Timeline { start, tz, now };
    let mut events = Vec::with_capacity(people.len() * 5);
    for i in 0..people.len() {
        // Each story draws from its own generator, seeded in turn: a story cut short by today
        // (the campaign ends where today begins) leaves the others as they were, so the same
        // seed tells nearly the same stories whichever day the demo is made.
        let mut own = Rng(rng.next());
        story(i as u32, &mut own, &timeline, &mut events);
    }
    // Stories are generated person by person; the ledger is written in the order things
    // happened. Each person's events are strictly increasing in time, so a stable sort keeps
    // every history in order.
    events.sort_by_key(|e| e.at);

    let roster: Vec<Employee> = people
        .iter()
        .filter(|p| p.on_roster)
        .map(|p| Employee {
            id: p.id.clone(),
            name: p.name.clone(),
            department: DEPARTMENTS[p.department].0.to_string(),
            email: if p.email {
                format!("{}@example.co.jp", p.id.to_lowercase())
            } else {
                String::new()
            },
        })
        .collect();
    std::fs::create_dir_all(&data.root).map_err(DemoError::Io)?;
    crate::roster::write(&data.roster_path(), &roster).map_err(DemoError::Io)?;

    let shapes = Shapes::new(content, loc);
    let bodies = Bodies {
        shapes: &shapes,
        people: &people,
        tz,
    };
    let dir = data.ledger_dir();
    let mut writers = Vec::new();
    for site in SITES {
        writers.push(Writer::open(&dir, site, Duration::from_secs(10)).map_err(DemoError::Ledger)?);
    }
    let mut pending: Vec<Vec<(&str, Map<String, Value>)>> =
        SITES.iter().map(|_| Vec::with_capacity(BATCH)).collect();
    let progress = Progress::items(events.len() as u64, progress_message);
    for (n, e) in events.iter().enumerate() {
        let site = DEPARTMENTS[people[e.person as usize].department].2;
        pending[site].push(bodies.build(e, &mut rng));
        if pending[site].len() >= BATCH {
            writers[site]
                .append_batch(pending[site].drain(..))
                .map_err(DemoError::Ledger)?;
            progress.set(n as u64);
        }
    }
    for (site, batch) in pending.iter_mut().enumerate() {
        writers[site]
            .append_batch(batch.drain(..))
            .map_err(DemoError::Ledger)?;
    }
    progress.finish();
    Ok(DemoSummary {
        employees: people.iter().filter(|p| p.on_roster).count() as u64,
        not_on_roster: people.iter().filter(|p| !p.on_roster).count() as u64,
        records: events.len() as u64,
        files: SITES.len() as u64,
    })
}

/// Why the demo could not be written.
#[derive(Debug)]
pub enum DemoError {
    Io(std::io::Error),
    Ledger(LedgerError),
}

/// Records already in the ledger folder (any non-empty ledger file counts).
fn ledger_has_records(dir: &Path) -> bool {
    crate::ledger::ledger_files(dir)
        .unwrap_or_default()
        .iter()
        .any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > 0))
}

/// `tebiki demo`.
pub fn command(env: &Env, args: &DemoArgs) -> ExitCode {
    let existing_ledger = ledger_has_records(&env.data.ledger_dir());
    let existing_roster = env.data.roster_path().exists();
    if (existing_ledger || existing_roster) && !args.force {
        return fail(
            env,
            &env.t("demo-error-not-empty"),
            Some(&env.data.root.display().to_string()),
            "demo-todo-not-empty",
        );
    }
    if let Err(e) = env.data.ensure() {
        return crate::command::config_error(env, e);
    }
    let config = match super::load_config(env) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let raw = match super::load_content(env) {
        Ok(raw) => raw,
        Err(code) => return code,
    };
    let content = Content::prepare(&raw, &config.org, &env.loc);
    let tz = config.time_zone();
    let started = Instant::now();
    let summary = match generate(
        &env.data,
        &content,
        &env.loc,
        &tz,
        args.employees,
        args.seed,
        env.t("demo-progress"),
    ) {
        Ok(s) => s,
        Err(DemoError::Ledger(e)) => return ledger_fail(env, &e),
        Err(DemoError::Io(e)) => return env.io_fail(&e, Some(&env.data.root)),
    };
    say(&env.ta(
        "demo-done",
        &[
            ("employees", count(summary.employees)),
            ("records", count(summary.records)),
            ("files", count(summary.files)),
            ("dir", arg(env.data.ledger_dir().display().to_string())),
            (
                "seconds",
                arg(format!("{:.1}", started.elapsed().as_secs_f64())),
            ),
        ],
    ));
    if summary.not_on_roster > 0 {
        say(&env.ta(
            "demo-not-on-roster",
            &[("count", count(summary.not_on_roster))],
        ));
    }
    say(&env.ta(
        "demo-roster",
        &[("path", arg(env.data.roster_path().display().to_string()))],
    ));
    say(&env.t("demo-next"));
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_tells_the_same_stories() {
        let tz = TimeZone::get("Asia/Tokyo").unwrap();
        let now: Timestamp = "2026-11-23T09:00:00Z".parse().unwrap();
        let tl = Timeline {
            start: "2026-09-28".parse().unwrap(),
            tz: &tz,
            now,
        };
        let run = |seed| {
            let mut rng = Rng(seed);
            let mut out = Vec::new();
            for p in 0..500 {
                story(p, &mut rng, &tl, &mut out);
            }
            out.iter()
                .map(|e| (e.at, e.person, e.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert_ne!(run(7), run(8));
        let events = run(7);
        assert!(events.iter().all(|e| e.0 <= now));
        // Each person's events are in strictly increasing time and never on a weekend.
        for w in events.windows(2) {
            if w[0].1 == w[1].1 {
                assert!(w[0].0 < w[1].0, "{w:?}");
            }
        }
        for e in &events {
            let wd = e.0.to_zoned(tz.clone()).weekday();
            assert!(!matches!(wd, Weekday::Saturday | Weekday::Sunday));
        }
    }
}
