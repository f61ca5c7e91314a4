//! The report as text for people: bars, percentages, the sections and the department table.

use super::*;

/// Width of the longest bar, in terminal cells.
pub(super) const BAR: usize = 30;

/// A bar of `share` (0..=1) of `width` cells, in eighths of a cell (in the glyph set's
/// blocks: whole cells and a half mark on a terminal that draws blocks wide).
pub fn bar(share: f64, width: usize) -> String {
    let g = crate::glyphs::glyphs();
    let eighths = (share.clamp(0.0, 1.0) * (width * 8) as f64).round() as usize;
    let mut s = g.full.repeat(eighths / 8);
    s.push_str(g.eighths[eighths % 8]);
    s
}

/// `s` padded with spaces to `width` terminal cells (CJK counts two).
pub(super) fn pad(s: &str, width: usize) -> String {
    let w = crate::wrap::display_width(s);
    format!("{s}{}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn pad_left(s: &str, width: usize) -> String {
    let w = crate::wrap::display_width(s);
    format!("{}{s}", " ".repeat(width.saturating_sub(w)))
}

pub(super) fn percent(n: u64, total: u64) -> String {
    if total == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

/// Label, count, share and bar, one line each, labels aligned.
pub(super) fn bar_lines(out: &mut String, rows: &[(String, u64)], total: u64) {
    let label_w = rows
        .iter()
        .map(|(l, _)| crate::wrap::display_width(l))
        .max()
        .unwrap_or(0);
    let count_w = rows
        .iter()
        .map(|(_, n)| group_digits(*n).len())
        .max()
        .unwrap_or(1);
    for (label, n) in rows {
        let share = if total == 0 {
            0.0
        } else {
            *n as f64 / total as f64
        };
        let _ = writeln!(
            out,
            "  {}  {}  {:>6}  {}",
            pad(label, label_w),
            pad_left(&group_digits(*n), count_w),
            percent(*n, total),
            bar(share, BAR)
        );
    }
}

/// The readable form. Every name and note is escaped for the terminal.
pub fn to_text(r: &Report, env: &Env, tz: &TimeZone, now: Timestamp, limit: usize) -> String {
    let mut out = String::new();
    let t = |id: &str| env.t(id);
    let when = now
        .to_zoned(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string();
    let _ = writeln!(
        out,
        "{}",
        env.ta(
            "report-title",
            &[("time", arg(when)), ("tz", arg(r.timezone.clone()))]
        )
    );
    // Everyone counted: with a roster, how many of them are on it and how many only in the
    // ledger, so that this total and the coverage's (the roster's) are seen to agree.
    let off_roster = r.not_on_roster.len() as u64;
    let sources = match &r.roster {
        Some(roster) if off_roster > 0 => env.ta(
            "report-sources-roster",
            &[
                ("records", count(r.ledger.records)),
                ("files", count(r.ledger.files)),
                ("employees", count(r.employees)),
                ("roster", count(roster.employees)),
                ("extra", count(off_roster)),
                ("policy", arg(r.policy_version.clone())),
            ],
        ),
        _ => env.ta(
            "report-sources",
            &[
                ("records", count(r.ledger.records)),
                ("files", count(r.ledger.files)),
                ("employees", count(r.employees)),
                ("policy", arg(r.policy_version.clone())),
            ],
        ),
    };
    let _ = writeln!(out, "{}", crate::wrap::hanging(&sources, 80, 4));
    if r.ledger.duplicates > 0 {
        let _ = writeln!(
            out,
            "{}",
            env.ta(
                "report-duplicates",
                &[("count", count(r.ledger.duplicates))]
            )
        );
    }
    // Within 80 columns: the lines that follow the first of each, indented.
    for line in r.ledger.left_out().say(env, "report") {
        let _ = writeln!(out, "{}", crate::wrap::hanging(&line, 80, 4));
    }

    out.push('\n');
    // Each part says whom its shares are of: the roster, or everyone (the roster and
    // those only in the ledger).
    let people = |id: &str, n: u64| env.ta(id, &[("people", count(n)), ("n", n.into())]);
    let coverage = match &r.coverage {
        Some(c) => people("report-coverage", c.roster),
        None => t("report-coverage-no-roster"),
    };
    let _ = writeln!(out, "{coverage}");
    match &r.coverage {
        Some(c) => {
            let rows = [
                (t("report-reached"), c.reached),
                (t("report-never"), c.never_onboarded),
            ];
            bar_lines(&mut out, &rows, c.roster);
            if c.reached_undecided > 0 {
                let _ = writeln!(
                    out,
                    "  {}",
                    env.ta(
                        "report-reached-undecided",
                        &[
                            ("count", count(c.reached_undecided)),
                            ("n", c.reached_undecided.into())
                        ]
                    )
                );
            }
            if !r.not_on_roster.is_empty() {
                let _ = writeln!(
                    out,
                    "  {}",
                    env.ta(
                        "report-not-on-roster-count",
                        &[
                            ("count", count(r.not_on_roster.len() as u64)),
                            ("n", (r.not_on_roster.len() as u64).into())
                        ]
                    )
                );
            }
        }
        None => {
            let line = format!("  {}", t("report-no-roster"));
            let _ = writeln!(out, "{}", crate::wrap::hanging(&line, 80, 0));
        }
    }

    out.push('\n');
    let _ = writeln!(out, "{}", people("report-consent", r.employees));
    let rows: Vec<(String, u64)> = CONSENT_ORDER
        .iter()
        .map(|c| {
            (
                format!(
                    "{} ({})",
                    t(&format!("report-consent-{}", c.as_str())),
                    c.as_str()
                ),
                r.consent.get(*c),
            )
        })
        .collect();
    bar_lines(&mut out, &rows, r.employees);
    if r.consent_to_newer_policy > 0 {
        let note = env.ta(
            "report-newer-policy",
            &[
                ("count", count(r.consent_to_newer_policy)),
                ("n", r.consent_to_newer_policy.into()),
                ("version", arg(r.policy_version.clone())),
            ],
        );
        let _ = writeln!(out, "{}", crate::wrap::hanging(&format!("  {note}"), 80, 0));
    }

    out.push('\n');
    let _ = writeln!(out, "{}", people("report-stage", r.employees));
    let rows: Vec<(String, u64)> = Stage::ALL
        .iter()
        .map(|s| {
            (
                format!(
                    "{} ({})",
                    t(&format!("report-stage-{}", s.as_str())),
                    s.as_str()
                ),
                r.stage.get(*s),
            )
        })
        .collect();
    bar_lines(&mut out, &rows, r.employees);
    let _ = writeln!(
        out,
        "  {}",
        env.ta("report-champions", &[("count", count(r.champions))])
    );

    out.push('\n');
    let _ = writeln!(
        out,
        "{}",
        env.ta(
            "report-followups",
            &[
                ("open", count(r.followups.open)),
                ("overdue", count(r.followups.overdue)),
            ]
        )
    );

    out.push('\n');
    let _ = writeln!(out, "{}", people("report-departments", r.employees));
    department_table(&mut out, r, env);

    list_section(
        &mut out,
        env,
        "report-overdue-list",
        r.overdue_followups.len(),
        limit,
        |out| {
            for o in r.overdue_followups.iter().take(shown(limit, usize::MAX)) {
                let prefix = format!(
                    "  {}  {}  ",
                    o.due,
                    pad_left(
                        &env.ta(
                            "report-days",
                            &[
                                ("days", count(o.days_overdue)),
                                ("n", o.days_overdue.into())
                            ]
                        ),
                        13
                    ),
                );
                let _ = writeln!(
                    out,
                    "{}",
                    person_text(env, &prefix, &o.person, o.note.as_deref())
                );
            }
        },
    );
    people_section(
        &mut out,
        env,
        "report-never-list",
        &r.never_onboarded,
        limit,
    );
    list_section(
        &mut out,
        env,
        "report-undecided-list",
        r.undecided.len(),
        limit,
        |out| {
            for u in r.undecided.iter().take(shown(limit, usize::MAX)) {
                let followup = match (&u.followup_due, u.followup_open) {
                    // Dates as YYYY-MM-DD compare as text.
                    (Some(due), _) if *due < r.today => {
                        env.ta("report-undecided-overdue", &[("due", arg(due.clone()))])
                    }
                    (Some(due), _) => env.ta("report-undecided-due", &[("due", arg(due.clone()))]),
                    (None, true) => env.t("report-undecided-open"),
                    (None, false) => env.t("report-undecided-none"),
                };
                let _ = writeln!(
                    out,
                    "{}",
                    person_text(env, "  ", &u.person, Some(&followup))
                );
            }
        },
    );
    people_section(
        &mut out,
        env,
        "report-in-use-list",
        &r.in_use_without_consent,
        limit,
    );
    list_section(
        &mut out,
        env,
        "report-decide-again-list",
        r.decide_again.len(),
        limit,
        |out| {
            for d in r.decide_again.iter().take(shown(limit, usize::MAX)) {
                let version = env.ta(
                    "report-decide-again-version",
                    // From the ledger: shown as text, whatever it holds.
                    &[("version", arg(for_terminal(&d.policy_version).into_owned()))],
                );
                let _ = writeln!(out, "{}", person_text(env, "  ", &d.person, Some(&version)));
            }
        },
    );
    people_section(
        &mut out,
        env,
        "report-not-on-roster-list",
        &r.not_on_roster,
        limit,
    );
    people_section(
        &mut out,
        env,
        "report-read-quickly-list",
        &r.read_quickly,
        limit,
    );
    people_section(
        &mut out,
        env,
        "report-unverified-list",
        &r.unverified,
        limit,
    );
    out
}

/// A section listing `people` under its title, as many as `limit` allows.
fn people_section(
    out: &mut String,
    env: &Env,
    title_id: &str,
    people: &[PersonLine],
    limit: usize,
) {
    list_section(out, env, title_id, people.len(), limit, |out| {
        for p in people.iter().take(shown(limit, usize::MAX)) {
            let _ = writeln!(out, "{}", person_text(env, "  ", p, None));
        }
    });
}

pub(super) fn shown(limit: usize, len: usize) -> usize {
    if limit == 0 { len } else { limit.min(len) }
}

/// `prefix`, then the person (id, name, department), then their `note` and marks: on the line
/// when all fit 80 columns, else the marks and note wrapped on indented lines below.
pub(super) fn person_text(env: &Env, prefix: &str, p: &PersonLine, note: Option<&str>) -> String {
    let line = format!(
        "{prefix}{}  {}  {}",
        for_terminal(&p.employee_id),
        for_terminal(&p.name),
        for_terminal(p.department.as_deref().unwrap_or("-"))
    );
    // The note (what they agreed to, when a follow-up is due) belongs to the person's line
    // and comes first; the mark after it.
    let mut extra: Vec<String> = Vec::new();
    if let Some(n) = note.filter(|n| !n.trim().is_empty()) {
        extra.push(for_terminal(n).into_owned());
    }
    if p.in_withheld_records {
        extra.push(env.t("report-person-withheld"));
    }
    crate::wrap::beside_or_below(line, &extra.join("  "), 80, 6)
}

pub(super) fn list_section(
    out: &mut String,
    env: &Env,
    title_id: &str,
    len: usize,
    limit: usize,
    body: impl FnOnce(&mut String),
) {
    if len == 0 {
        return;
    }
    out.push('\n');
    let _ = writeln!(out, "{}", env.ta(title_id, &[("count", count(len as u64))]));
    body(out);
    let shown_n = shown(limit, len);
    if shown_n < len {
        let _ = writeln!(
            out,
            "  {}",
            env.ta("report-more", &[("count", count((len - shown_n) as u64))])
        );
    }
}

/// The widest a department name is shown in the report's tables.
const DEPARTMENT_COLUMNS: usize = 22;

/// The departments in two tables that each fit 80 columns: how far onboarding reached (with
/// those to decide again and the overdue follow-ups), then what people decided and how far they moved over, in the
/// words the dashboard and the status use.
pub(super) fn department_table(out: &mut String, r: &Report, env: &Env) {
    let none = env.t("report-no-department");
    // A department name wider than this is cut, so that the tables fit (the JSON has it whole).
    let dept = |d: &DepartmentRow| {
        crate::ui::truncate(
            &for_terminal(d.department.as_deref().unwrap_or(&none)),
            DEPARTMENT_COLUMNS,
        )
    };
    // The bar (reached, of 10 cells) sits beside the reached share it draws.
    let reach: Vec<Vec<String>> = r
        .departments
        .iter()
        .map(|d| {
            let share = if d.employees == 0 {
                0.0
            } else {
                d.reached as f64 / d.employees as f64
            };
            vec![
                dept(d),
                group_digits(d.employees),
                percent(d.reached, d.employees),
                bar(share, 10),
                group_digits(d.consent.get(ConsentState::Expired)),
                group_digits(d.overdue),
            ]
        })
        .collect();
    table(
        out,
        &[
            env.t("report-col-department"),
            env.t("report-col-employees"),
            env.t("report-col-reached"),
            " ".repeat(10),
            env.t("report-col-expired"),
            env.t("report-col-overdue"),
        ],
        &reach,
        &[0, 3],
    );
    out.push('\n');
    let decided: Vec<Vec<String>> = r
        .departments
        .iter()
        .map(|d| {
            vec![
                dept(d),
                group_digits(d.consent.get(ConsentState::Given)),
                group_digits(d.consent.get(ConsentState::Deferred)),
                group_digits(d.consent.get(ConsentState::Refused)),
                group_digits(d.consent.get(ConsentState::Withdrawn)),
                group_digits(d.stage.get(Stage::Parallel)),
                group_digits(d.stage.get(Stage::Migrated)),
            ]
        })
        .collect();
    table(
        out,
        &[
            env.t("report-col-department"),
            env.t("report-col-given"),
            env.t("report-col-deferred"),
            env.t("report-col-refused"),
            env.t("report-col-withdrawn"),
            env.t("report-col-parallel"),
            env.t("report-col-migrated"),
        ],
        &decided,
        &[0],
    );
}

/// A table of `rows` under `headers`, each column as wide as its widest cell; the columns in
/// `left` are aligned left, the others (numbers) right.
fn table(out: &mut String, headers: &[String], rows: &[Vec<String>], left: &[usize]) {
    let mut widths: Vec<usize> = headers
        .iter()
        .map(|h| crate::wrap::display_width(h))
        .collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(crate::wrap::display_width(cell));
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::from(" ");
        for (i, (cell, &w)) in cells.iter().zip(&widths).enumerate() {
            s.push(' ');
            if left.contains(&i) {
                s.push_str(&pad(cell, w));
            } else {
                s.push_str(&pad_left(cell, w));
            }
        }
        s.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(headers));
    for row in rows {
        let _ = writeln!(out, "{}", line(row));
    }
}
