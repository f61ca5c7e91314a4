//! The demo organisation's people and what happens to each of them over the campaign, from a
//! seeded random number generator.

use super::*;

/// A small, fast generator (SplitMix64): the same seed gives the same organisation.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `[0, n)`.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
    pub(super) fn range(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo + 1).max(1) as u64) as i32
    }
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// One synthetic person.
pub(super) struct Person {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) department: usize,
    pub(super) email: bool,
    pub(super) english: bool,
    pub(super) on_roster: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
pub(super) struct Event {
    pub(super) at: Timestamp,
    pub(super) person: u32,
    pub(super) kind: Kind,
}

/// One person's clock: a day of the campaign and minutes after 9:00 on that day; it only moves
/// forward, and never onto a weekend.
pub(super) struct Cursor {
    pub(super) day: i32,
    pub(super) minute: i32,
}

/// Turns stories into dated events, dropping whatever would happen after `now`.
pub(super) struct Timeline<'a> {
    pub(super) start: Date,
    pub(super) tz: &'a TimeZone,
    pub(super) now: Timestamp,
}

impl Timeline<'_> {
    pub(super) fn date(&self, day: i32) -> Option<Date> {
        self.start.checked_add(day.days()).ok()
    }

    pub(super) fn weekday_fix(&self, c: &mut Cursor, rng: &mut Rng) {
        // Drawn whether or not it is used, so that the draws after it, and so the stories, do
        // not depend on which weekday the campaign started (the day the demo is made).
        let minute = rng.range(0, 300);
        while let Some(d) = self.date(c.day) {
            if matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
                c.day += 1;
                c.minute = minute;
            } else {
                break;
            }
        }
    }

    /// Moves the cursor `days` ahead (0: later the same day) and returns the time, or `None`
    /// once it is past now.
    pub(super) fn step(&self, c: &mut Cursor, days: i32, rng: &mut Rng) -> Option<Timestamp> {
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
            .checked_add(i64::from(c.minute).minutes())
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
pub(super) type Push<'p> = dyn FnMut(&mut Cursor, i32, Kind, &mut Rng) -> bool + 'p;

/// Appends the events of person `p`'s story to `out`. The shares below make a rollout eight
/// weeks in: most people briefed, about half agreed and moving over, a fifth hesitant.
pub(super) fn story(p: u32, rng: &mut Rng, tl: &Timeline<'_>, out: &mut Vec<Event>) {
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
pub(super) fn moving_over(c: &mut Cursor, rng: &mut Rng, push: &mut Push<'_>, setup: f64) {
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
pub(super) fn hesitant(c: &mut Cursor, rng: &mut Rng, push: &mut Push<'_>) {
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

/// The synthetic people, in id order.
/// The `n` people of the roster, then a few recent hires (3 in 1000) who are in the ledger but
/// not yet on the roster.
pub(super) fn people(n: u32, rng: &mut Rng) -> Vec<Person> {
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
