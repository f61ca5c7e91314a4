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

/// A small, fast generator (SplitMix64): the same seed gives the same organisation.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, n)`.
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i32
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One synthetic person.
struct Person {
    id: String,
    name: String,
    department: usize,
    email: bool,
    english: bool,
    on_roster: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A session: `briefing` (the onboarding) or `setup` (installing the app together).
    Attendance(&'static str),
    /// `old` when decided under [`OLD_POLICY_VERSION`]; `trainer` when in a session.
    Consent {
        decision: Decision,
        old: bool,
        trainer: bool,
    },
    Stage(&'static str),
    /// Due this many days after the follow-up was recorded.
    Followup(u8),
    Champion,
    Withdrawal,
}

/// An event of one person's story, before it becomes a record.
#[derive(Debug, Clone, Copy)]
struct Event {
    at: Timestamp,
    person: u32,
    kind: Kind,
}

/// One person's clock: a day of the campaign and minutes after 9:00 on that day; it only moves
/// forward, and never onto a weekend.
struct Cursor {
    day: i32,
    minute: i32,
}

/// Turns stories into dated events, dropping whatever would happen after `now`.
struct Timeline<'a> {
    start: Date,
    tz: &'a TimeZone,
    now: Timestamp,
}

impl Timeline<'_> {
    fn date(&self, day: i32) -> Option<Date> {
        self.start.checked_add(day.days()).ok()
    }

    fn weekday_fix(&self, c: &mut Cursor, rng: &mut Rng) {
        while let Some(d) = self.date(c.day) {
            if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                c.day += 1;
                c.minute = rng.range(0, 300);
            } else {
                break;
            }
        }
    }

    /// Moves the cursor `days` ahead (0: later the same day) and returns the time, or `None`
    /// once it is past now.
    fn step(&self, c: &mut Cursor, days: i32, rng: &mut Rng) -> Option<Timestamp> {
        if days == 0 {
            c.minute += rng.range(3, 45);
            if c.minute >= 540 {
                c.day += 1;
                c.minute = rng.range(0, 120);
            }
        } else {
            c.day += days;
            c.minute = rng.range(0, 480);
        }
        self.weekday_fix(c, rng);
        let date = self.date(c.day)?;
        let at = date
            .at(9, 0, 0, 0)
            .checked_add((c.minute as i64).minutes())
            .ok()?
            .to_zoned(self.tz.clone())
            .ok()?
            .timestamp()
            .checked_add((rng.below(60) as i64).seconds())
            .ok()?;
        (at <= self.now).then_some(at)
    }
}

/// Adds an event `days` after the cursor (0: later that day); false once it would be after now.
type Push<'p> = dyn FnMut(&mut Cursor, i32, Kind, &mut Rng) -> bool + 'p;

/// Appends the events of person `p`'s story to `out`. The shares below make a rollout eight
/// weeks in: most people briefed, about half agreed and moving over, a fifth hesitant.
fn story(p: u32, rng: &mut Rng, tl: &Timeline<'_>, out: &mut Vec<Event>) {
    let mut c = Cursor {
        day: rng.range(0, CAMPAIGN_DAYS - 7),
        minute: rng.range(0, 480),
    };
    tl.weekday_fix(&mut c, rng);
    let mut push = |c: &mut Cursor, days: i32, kind: Kind, rng: &mut Rng| -> bool {
        match tl.step(c, days, rng) {
            Some(at) => {
                out.push(Event {
                    at,
                    person: p,
                    kind,
                });
                true
            }
            None => false,
        }
    };
    let push: &mut Push<'_> = &mut push;
    let consent = |decision, trainer| Kind::Consent {
        decision,
        old: false,
        trainer,
    };
    let r = rng.unit();
    if r < 0.09 {
        // Not reached yet.
    } else if r < 0.14 {
        // Briefed, not decided yet; some came to a second briefing.
        if push(&mut c, 0, Kind::Attendance("briefing"), rng) && rng.chance(0.3) {
            let days = rng.range(7, 14);
            push(&mut c, days, Kind::Attendance("briefing"), rng);
        }
    } else if r < 0.46 {
        // Agrees in the briefing, then moves over.
        if push(&mut c, 0, Kind::Attendance("briefing"), rng)
            && push(&mut c, 0, consent(Decision::Given, true), rng)
        {
            moving_over(&mut c, rng, push, 0.85);
        }
    } else if r < 0.72 {
        hesitant(&mut c, rng, push);
    } else if r < 0.80 {
        let _ = push(&mut c, 0, Kind::Attendance("briefing"), rng)
            && push(&mut c, 0, consent(Decision::Refused, true), rng)
            && rng.chance(0.5)
            && push(&mut c, 0, Kind::Stage("opted_out"), rng);
    } else if r < 0.85 {
        // Agrees, tries it, and withdraws.
        let _ = push(&mut c, 0, Kind::Attendance("briefing"), rng)
            && push(&mut c, 0, consent(Decision::Given, true), rng)
            && {
                let days = rng.range(1, 7);
                push(&mut c, days, Kind::Attendance("setup"), rng)
            }
            && push(&mut c, 0, Kind::Stage("parallel"), rng)
            && {
                let due = rng.range(7, 14) as u8;
                push(&mut c, 0, Kind::Followup(due), rng)
            }
            && {
                let days = rng.range(3, 6);
                push(&mut c, days, Kind::Withdrawal, rng)
            }
            && rng.chance(0.5)
            && push(&mut c, 1, Kind::Stage("opted_out"), rng);
    } else if r < 0.97 {
        // Decides alone at a kiosk, without a briefing.
        if push(&mut c, 0, consent(Decision::Given, false), rng) {
            moving_over(&mut c, rng, push, 0.6);
        }
    } else {
        // Agreed under the previous policy and has not been asked again.
        c.day = rng.range(0, 10);
        let _ = push(
            &mut c,
            0,
            Kind::Consent {
                decision: Decision::Given,
                old: true,
                trainer: false,
            },
            rng,
        ) && {
            let days = rng.range(3, 10);
            push(&mut c, days, Kind::Stage("migrated"), rng)
        };
    }
}

/// After agreeing: with probability `setup`, a hands-on setup session, both channels for a
/// while, and check-ins until they have moved over (a few are forgotten and fall overdue).
fn moving_over(c: &mut Cursor, rng: &mut Rng, push: &mut Push<'_>, setup: f64) {
    if !rng.chance(setup) {
        return;
    }
    let days = rng.range(1, 7);
    if !(push(c, days, Kind::Attendance("setup"), rng) && push(c, 0, Kind::Stage("parallel"), rng))
    {
        return;
    }
    for _ in 0..3 {
        let due = rng.range(7, 14);
        if !push(c, 0, Kind::Followup(due as u8), rng) {
            return;
        }
        let r = rng.unit();
        let days = (due + rng.range(-2, 2)).max(1);
        if r < 0.65 {
            if push(c, days, Kind::Stage("migrated"), rng) && rng.chance(0.08) {
                let days = rng.range(1, 10);
                push(c, days, Kind::Champion, rng);
            }
            return;
        } else if r < 0.92 {
            // Still using both: the check-in is recorded and another one planned.
            if !push(c, days, Kind::Stage("parallel"), rng) {
                return;
            }
        } else {
            return;
        }
    }
}

/// "Not now" in the briefing, then follow-ups until they agree, decline, or go quiet.
fn hesitant(c: &mut Cursor, rng: &mut Rng, push: &mut Push<'_>) {
    let deferred = |trainer| Kind::Consent {
        decision: Decision::Deferred,
        old: false,
        trainer,
    };
    if !(push(c, 0, Kind::Attendance("briefing"), rng)
        && push(c, 0, deferred(true), rng)
        && push(c, 0, Kind::Stage("hesitant"), rng))
    {
        return;
    }
    let mut due = rng.range(10, 21);
    if !push(c, 0, Kind::Followup(due as u8), rng) {
        return;
    }
    for _ in 0..3 {
        let r = rng.unit();
        let days = (due + rng.range(-3, 3)).max(1);
        let decide = |decision| Kind::Consent {
            decision,
            old: false,
            trainer: false,
        };
        if r < 0.45 {
            if push(c, days, decide(Decision::Given), rng) {
                moving_over(c, rng, push, 0.8);
            }
            return;
        } else if r < 0.70 {
            due = rng.range(10, 21);
            if !(push(c, days, deferred(false), rng) && push(c, 0, Kind::Followup(due as u8), rng))
            {
                return;
            }
        } else if r < 0.82 {
            let _ = push(c, days, decide(Decision::Refused), rng)
                && push(c, 0, Kind::Stage("opted_out"), rng);
            return;
        } else {
            // Went quiet: the follow-up stays open and falls due.
            return;
        }
    }
}

/// What every consent record of the demo shares, prepared once.
struct Shapes {
    policy_id: String,
    policy_version: String,
    screens: Vec<String>,
    questions: Vec<String>,
    /// Each purpose, and whether it is the core one (granted by agreeing).
    purposes: Vec<(String, bool)>,
    acknowledgements: Vec<String>,
    reasons: Vec<String>,
    sha_ja: String,
    sha_en: String,
    withdraw_ja: String,
    withdraw_en: String,
}

impl Shapes {
    fn new(content: &Content, loc: &Localizer) -> Shapes {
        let m = &content.manifest;
        let withdraw = |lang: &str| {
            let lang = Lang::new(lang);
            let contact = content
                .lang(&lang)
                .values
                .get("contact")
                .cloned()
                .unwrap_or_default();
            loc.ta_stored(&lang, "withdraw-how", &[("contact", contact.into())])
        };
        Shapes {
            policy_id: m.policy_id.clone(),
            policy_version: m.policy_version.clone(),
            screens: m
                .screens
                .iter()
                .filter(|s| !matches!(s.id.as_str(), "receipt"))
                .map(|s| s.id.clone())
                .collect(),
            questions: m.questions.iter().map(|q| q.id.clone()).collect(),
            purposes: m
                .purposes
                .iter()
                .map(|p| (p.id.clone(), p.required))
                .collect(),
            acknowledgements: m.acknowledgements.iter().map(|a| a.id.clone()).collect(),
            reasons: m.reasons.iter().map(|r| r.id.clone()).collect(),
            sha_ja: content.lang(&Lang::new("ja")).sha256.clone(),
            sha_en: content.lang(&Lang::new("en")).sha256.clone(),
            withdraw_ja: withdraw("ja"),
            withdraw_en: withdraw("en"),
        }
    }
}

/// Turns events into record bodies shaped like the ones the employee flow and a trainer write.
struct Bodies<'a> {
    shapes: &'a Shapes,
    people: &'a [Person],
    tz: &'a TimeZone,
}

impl Bodies<'_> {
    fn employee(&self, p: &Person) -> Subject {
        Subject {
            id: p.id.clone(),
            name: Some(p.name.clone()),
            department: Some(DEPARTMENTS[p.department].0.to_string()),
            ..Subject::default()
        }
    }

    fn session(&self, p: &Person, at: Timestamp) -> String {
        let date = at.to_zoned(self.tz.clone()).date();
        format!(
            "{date}-{}",
            SITES[DEPARTMENTS[p.department].2].trim_start_matches("demo-")
        )
    }

    /// A trainer's or admin's record, as `tebiki record` writes it.
    fn entry(
        &self,
        p: &Person,
        change: Change,
        note: Option<&str>,
    ) -> (RecordType, Map<String, Value>) {
        Entry {
            employee: self.employee(p),
            change,
            note: note.map(str::to_string),
            by: DEMO_RECORDER.to_string(),
            via: Via::Demo,
        }
        .record()
    }

    fn build(&self, e: &Event, rng: &mut Rng) -> (&'static str, Map<String, Value>) {
        let p = &self.people[e.person as usize];
        let (record_type, mut body) = match e.kind {
            Kind::Attendance(topic) => {
                let (t, mut body) = self.entry(
                    p,
                    Change::Attendance {
                        session: format!("{}-{topic}", self.session(p, e.at)),
                        on: None,
                    },
                    None,
                );
                if let Some(Value::Object(session)) = body.get_mut("session") {
                    session.insert("topic".into(), topic.into());
                }
                (t, body)
            }
            Kind::Consent {
                decision,
                old,
                trainer,
            } => (
                RecordType::Consent,
                consent_body(&self.consent(p, e.at, decision, old, trainer, rng)),
            ),
            Kind::Withdrawal => (
                RecordType::Withdrawal,
                withdrawal_body(&self.made(p, e.at, false, false, rng)),
            ),
            Kind::Stage(stage) => {
                let note = match stage {
                    "hesitant" => *rng.pick(&HESITANT_NOTES),
                    "parallel" => "メールと併用中",
                    "migrated" => "LINE WORKS に移行済み",
                    _ => "今のメール連絡を続ける",
                };
                let stage = Stage::parse(stage).unwrap_or(Stage::Informed);
                self.entry(p, Change::Stage(stage), Some(note))
            }
            Kind::Followup(days) => {
                let due =
                    e.at.to_zoned(self.tz.clone())
                        .date()
                        .checked_add(i32::from(days).days())
                        .unwrap_or(jiff::civil::Date::MAX);
                self.entry(
                    p,
                    Change::Followup { due },
                    Some(*rng.pick(&FOLLOWUP_NOTES)),
                )
            }
            Kind::Champion => self.entry(
                p,
                Change::Champion {
                    active: true,
                    supports: None,
                },
                Some("部署内の相談役をお願いした"),
            ),
        };
        body.insert("occurred_at".into(), e.at.to_string().into());
        body.insert("demo".into(), true.into());
        (record_type.as_str(), body)
    }

    /// Who decided, how, under which policy, in which language, with which receipt.
    fn made(&self, p: &Person, at: Timestamp, old: bool, trainer: bool, rng: &mut Rng) -> Made {
        let how = if trainer {
            How::Session {
                mode: "attended",
                session: SessionRef {
                    id: self.session(p, at),
                    trainer: DEMO_RECORDER.to_string(),
                },
            }
        } else {
            How::Terminal { mode: "kiosk" }
        };
        let version = if old {
            OLD_POLICY_VERSION
        } else {
            self.shapes.policy_version.as_str()
        };
        let bytes = rng.next().to_le_bytes();
        let mut employee = self.employee(p);
        employee.verified = Some(Verified::Roster);
        Made {
            employee,
            how,
            policy_id: self.shapes.policy_id.clone(),
            policy_version: version.to_string(),
            ui_language: if p.english { "en" } else { "ja" }.to_string(),
            receipt: receipt_code(&bytes[..5]),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn consent(
        &self,
        p: &Person,
        at: Timestamp,
        decision: Decision,
        old: bool,
        trainer: bool,
        rng: &mut Rng,
    ) -> ConsentFacts {
        let s = self.shapes;
        let made = self.made(p, at, old, trainer, rng);
        let lang = if p.english { "en" } else { "ja" };
        let sha = if old {
            hex::encode(Sha256::digest(format!("{OLD_POLICY_VERSION}/{lang}")))
        } else if p.english {
            s.sha_en.clone()
        } else {
            s.sha_ja.clone()
        };
        let screens = s
            .screens
            .iter()
            .map(|id| ScreenSeen {
                id: id.clone(),
                seconds: (rng.range(80, 1200) as f64) / 10.0,
                read_to_end: !rng.chance(0.05),
                languages: vec![lang.to_string()],
                fast: false,
            })
            .collect();
        let check = s
            .questions
            .iter()
            .map(|id| {
                let attempts = if rng.chance(0.8) { 1 } else { 2 };
                Answered {
                    id: id.clone(),
                    attempts,
                    first_try: attempts == 1,
                    passed: true,
                }
            })
            .collect();
        let reasons = if decision == Decision::Given || s.reasons.is_empty() {
            Vec::new()
        } else {
            let a = rng.pick(&s.reasons).clone();
            let b = rng.pick(&s.reasons).clone();
            if a == b { vec![a] } else { vec![a, b] }
        };
        ConsentFacts {
            made,
            content_sha256: vec![(lang.to_string(), sha)],
            screens,
            check,
            decision,
            acknowledged: s.acknowledgements.clone(),
            // Most who agree also accept an optional purpose; some decline it.
            purposes: s
                .purposes
                .iter()
                .map(|(id, core)| (id.clone(), *core || rng.chance(0.7)))
                .collect(),
            reasons,
            alternative_chosen: match decision {
                Decision::Given => None,
                Decision::Deferred => Some("not-now"),
                Decision::Refused => Some("no"),
            },
            withdraw_text: if p.english {
                s.withdraw_en.clone()
            } else {
                s.withdraw_ja.clone()
            },
            renews: None,
        }
    }
}

/// The synthetic people, in id order.
/// The `n` people of the roster, then a few recent hires (3 in 1000) who are in the ledger but
/// not yet on the roster.
fn people(n: u32, rng: &mut Rng) -> Vec<Person> {
    let total: u32 = DEPARTMENTS.iter().map(|d| d.1).sum();
    let not_yet_on_roster = n / 333;
    (0..n + not_yet_on_roster)
        .map(|i| {
            let mut w = rng.below(u64::from(total)) as u32;
            let department = DEPARTMENTS
                .iter()
                .position(|d| {
                    if w < d.1 {
                        true
                    } else {
                        w -= d.1;
                        false
                    }
                })
                .unwrap_or(0);
            let english = rng.chance(0.04);
            let name = if english {
                (*rng.pick(&ENGLISH_NAMES)).to_string()
            } else {
                format!("{} {}", rng.pick(&SURNAMES), rng.pick(&GIVEN_NAMES))
            };
            Person {
                id: format!("E{:06}", i + 1),
                name,
                department,
                email: rng.chance(0.8),
                english,
                on_roster: i < n,
            }
        })
        .collect()
}

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
    let now = Timestamp::now();
    let today = now.to_zoned(tz.clone()).date();
    let start = today
        .checked_sub(CAMPAIGN_DAYS.days())
        .map_err(|e| DemoError::Io(std::io::Error::other(e)))?;
    let timeline = Timeline { start, tz, now };
    let mut events = Vec::with_capacity(people.len() * 5);
    for i in 0..people.len() {
        story(i as u32, &mut rng, &timeline, &mut events);
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
        .any(|p| std::fs::metadata(p).map(|m| m.len() > 0).unwrap_or(false))
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
    let tz = super::timezone(&config);
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
    let _ = say(&env.ta(
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
        let _ = say(&env.ta(
            "demo-not-on-roster",
            &[("count", count(summary.not_on_roster))],
        ));
    }
    let _ = say(&env.ta(
        "demo-roster",
        &[("path", arg(env.data.roster_path().display().to_string()))],
    ));
    let _ = say(&env.t("demo-next"));
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
