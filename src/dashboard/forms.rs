//! The small forms the dashboard opens over a list or a person: a follow-up (note and next due
//! date), a stage change (stage and note), a withdrawal of consent the person asked for, an
//! attendance at a session, and choosing a champion for someone.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::app::Notice;
use crate::day::{DayProblem, parse_day};
use crate::keys::Cmd;
use crate::state::Stage;
use crate::text_field::{Inserted, TextField};

/// The stages a trainer can set by hand (not `not_started`: nobody goes back to before).
pub const STAGES: [Stage; 5] = [
    Stage::Informed,
    Stage::Hesitant,
    Stage::Parallel,
    Stage::Migrated,
    Stage::OptedOut,
];

/// Every stage, for the filter.
pub const STAGES_ALL: [Stage; 6] = [
    Stage::NotStarted,
    Stage::Informed,
    Stage::Hesitant,
    Stage::Parallel,
    Stage::Migrated,
    Stage::OptedOut,
];

/// Days until the next follow-up, unless the trainer types another date.
pub const FOLLOWUP_DAYS: i32 = 14;

/// Edits `field` with a text command; a notice when typed text had to be changed.
pub fn edit(field: &mut TextField, cmd: &Cmd) -> Option<Notice> {
    match field.edit(cmd)? {
        Inserted::All => None,
        Inserted::Cut => Some(Notice::error("dash-field-cut")),
        Inserted::Removed => Some(Notice::error("dash-field-cleaned")),
    }
}

/// A follow-up: what was talked about, and when to talk again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowupForm {
    pub person: u32,
    pub note: TextField,
    pub due: TextField,
    /// The due date field has the keyboard (else the note).
    pub on_due: bool,
    /// Why the form was not saved, shown in it.
    pub problem: Option<Notice>,
}

impl FollowupForm {
    pub fn new(person: u32, today: Date) -> FollowupForm {
        let mut due = TextField::default();
        let next = today.checked_add(FOLLOWUP_DAYS.days()).unwrap_or(today);
        due.insert(&next.to_string());
        FollowupForm {
            person,
            note: TextField::default(),
            due,
            on_due: false,
            problem: None,
        }
    }

    pub fn field(&mut self) -> &mut TextField {
        if self.on_due {
            &mut self.due
        } else {
            &mut self.note
        }
    }

    /// The due date typed, or why it is not one: a real day (see [`parse_day`]), from today to a
    /// year ahead.
    pub fn due_date(&self, today: Date) -> Result<Date, Notice> {
        let typed = self.due.value().trim();
        match parse_day(typed) {
            Err(problem @ DayProblem::NoSuchDay { .. }) => Err(no_such_day(typed, problem)),
            Err(DayProblem::NotADay) => Err(Notice {
                id: "dash-due-invalid",
                args: vec![("typed", typed.to_string())],
                error: true,
            }),
            Ok(d) if d < today => Err(Notice {
                id: "dash-due-past",
                args: vec![("typed", d.to_string()), ("today", today.to_string())],
                error: true,
            }),
            Ok(d) if d > within_a_year(today).1 => Err(Notice {
                id: "dash-due-far",
                args: vec![
                    ("typed", d.to_string()),
                    ("limit", within_a_year(today).1.to_string()),
                ],
                error: true,
            }),
            Ok(d) => Ok(d),
        }
    }
}

/// The notice for a day past the end of its month.
fn no_such_day(typed: &str, problem: DayProblem) -> Notice {
    let (month, days) = problem.month_and_days().unwrap_or_default();
    Notice {
        id: "dash-no-such-day",
        args: vec![
            ("typed", typed.to_string()),
            ("month", month),
            ("days", days.to_string()),
        ],
        error: true,
    }
}

/// How far from today a day typed in a form may be (a year, either way): further is taken for
/// a slip of the keyboard (`2062` for `2026`), not recorded.
fn within_a_year(today: Date) -> (Date, Date) {
    let year = jiff::ToSpan::years(1);
    (
        today.checked_sub(year).unwrap_or(today),
        today.checked_add(year).unwrap_or(today),
    )
}

/// A day something happened, typed in `field`, or why it is not one: a real day (see
/// [`parse_day`]), from a year ago to today.
pub fn past_day(field: &TextField, today: Date) -> Result<Date, Notice> {
    let typed = field.value().trim();
    match parse_day(typed) {
        Err(problem @ DayProblem::NoSuchDay { .. }) => Err(no_such_day(typed, problem)),
        Err(DayProblem::NotADay) => Err(Notice {
            id: "dash-day-invalid",
            args: vec![("typed", typed.to_string())],
            error: true,
        }),
        Ok(d) if d > today => Err(Notice {
            id: "dash-day-future",
            args: vec![("typed", d.to_string()), ("today", today.to_string())],
            error: true,
        }),
        Ok(d) if d < within_a_year(today).0 => Err(Notice {
            id: "dash-day-long-ago",
            args: vec![
                ("typed", d.to_string()),
                ("limit", within_a_year(today).0.to_string()),
            ],
            error: true,
        }),
        Ok(d) => Ok(d),
    }
}

/// A field holding `today`, for a day that defaults to it.
fn day_field(today: Date) -> TextField {
    let mut f = TextField::default();
    f.insert(&today.to_string());
    f
}

/// A withdrawal of consent the person asked for: the day they asked, and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithdrawalForm {
    pub person: u32,
    pub requested_on: TextField,
    pub note: TextField,
    /// The note has the keyboard (else the day).
    pub on_note: bool,
    pub problem: Option<Notice>,
}

impl WithdrawalForm {
    pub fn new(person: u32, today: Date) -> WithdrawalForm {
        WithdrawalForm {
            person,
            requested_on: day_field(today),
            note: TextField::default(),
            on_note: false,
            problem: None,
        }
    }

    pub fn field(&mut self) -> &mut TextField {
        if self.on_note {
            &mut self.note
        } else {
            &mut self.requested_on
        }
    }
}

/// An attendance at a session: its name, the day, and a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceForm {
    pub person: u32,
    pub session: TextField,
    pub on: TextField,
    pub note: TextField,
    /// Which field has the keyboard: 0 the session, 1 the day, 2 the note.
    pub focus: usize,
    pub problem: Option<Notice>,
}

impl AttendanceForm {
    pub fn new(person: u32, today: Date) -> AttendanceForm {
        AttendanceForm {
            person,
            session: TextField::default(),
            on: day_field(today),
            note: TextField::default(),
            focus: 0,
            problem: None,
        }
    }

    pub fn field(&mut self) -> &mut TextField {
        match self.focus {
            0 => &mut self.session,
            1 => &mut self.on,
            _ => &mut self.note,
        }
    }

    /// The session name typed, or why it is not one: something, without control characters.
    pub fn session_name(&self) -> Result<String, Notice> {
        let name = self.session.value().trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            Err(Notice::error("dash-session-missing"))
        } else {
            Ok(name.to_string())
        }
    }
}

/// A stage change: the new stage, an optional note, and (when the person has an open
/// follow-up) whether this change closes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageForm {
    pub person: u32,
    /// Index into [`STAGES`].
    pub choice: usize,
    pub note: TextField,
    /// The person has an open follow-up.
    pub followup_open: bool,
    /// Close it with this change (off: it stays open).
    pub close_followup: bool,
    /// "Close the follow-up" has the keyboard (else the note).
    pub on_close: bool,
    pub problem: Option<Notice>,
}

impl StageForm {
    /// Starts at the person's current stage, so that Enter without a choice records no
    /// surprise (`not_started` is not a choice: it starts at `informed`).
    pub fn new(person: u32, current: Stage, followup_open: bool) -> StageForm {
        StageForm {
            person,
            choice: STAGES.iter().position(|s| *s == current).unwrap_or(0),
            note: TextField::default(),
            followup_open,
            close_followup: false,
            on_close: false,
            problem: None,
        }
    }

    pub fn stage(&self) -> Stage {
        STAGES[self.choice.min(STAGES.len() - 1)]
    }
}

/// Choosing the champion who will support `person`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickForm {
    pub person: u32,
    pub filter: TextField,
    /// Champions matching the filter.
    pub matches: Vec<u32>,
    pub selected: usize,
    pub problem: Option<Notice>,
}

/// Voiding a mistaken record of the person's timeline: which record, and why (required).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidForm {
    pub person: u32,
    /// The record to void, as the timeline shows it.
    pub target: crate::state::HistoryEntry,
    /// When it happened (`occurred_at`), when the record says.
    pub occurred: Option<String>,
    pub note: TextField,
    pub problem: Option<Notice>,
}

/// A form open over the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Followup(FollowupForm),
    Stage(StageForm),
    Pick(PickForm),
    Withdrawal(WithdrawalForm),
    Attendance(AttendanceForm),
    Void(Box<VoidForm>),
}

impl Form {
    pub fn person(&self) -> u32 {
        match self {
            Form::Followup(f) => f.person,
            Form::Stage(f) => f.person,
            Form::Pick(f) => f.person,
            Form::Withdrawal(f) => f.person,
            Form::Attendance(f) => f.person,
            Form::Void(f) => f.person,
        }
    }

    /// Whether something was typed that closing the form would lose (a note, a session's
    /// name).
    pub fn typed(&self) -> bool {
        let some = |t: &TextField| !t.value().trim().is_empty();
        match self {
            Form::Followup(f) => some(&f.note),
            Form::Stage(f) => some(&f.note),
            Form::Pick(_) => false,
            Form::Withdrawal(f) => some(&f.note),
            Form::Attendance(f) => some(&f.note) || some(&f.session),
            Form::Void(f) => some(&f.note),
        }
    }

    pub fn set_problem(&mut self, n: Option<Notice>) {
        match self {
            Form::Followup(f) => f.problem = n,
            Form::Stage(f) => f.problem = n,
            Form::Pick(f) => f.problem = n,
            Form::Withdrawal(f) => f.problem = n,
            Form::Attendance(f) => f.problem = n,
            Form::Void(f) => f.problem = n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_must_be_real_days_from_today_on() {
        let today = Date::constant(2026, 11, 24);
        let mut f = FollowupForm::new(0, today);
        assert_eq!(f.due.value(), "2026-12-08");
        assert_eq!(f.due_date(today), Ok(Date::constant(2026, 12, 8)));
        for bad in [
            "2026-13-01",
            "2026-00-10",
            "2026-12-00",
            "12/08",
            "26-12-05",
            "2026-012-5",
            "2026-12",
            "",
        ] {
            f.due.clear();
            f.due.insert(bad);
            assert_eq!(
                f.due_date(today).unwrap_err().id,
                "dash-due-invalid",
                "{bad}"
            );
        }
        // A day past the end of a real month is told as that, with the month's length.
        for (typed, month, days) in [
            ("2026-02-30", "2026-02", "28"),
            ("2028/2/30", "2028-02", "29"),
            ("2026年11月31日", "2026-11", "30"),
        ] {
            f.due.clear();
            f.due.insert(typed);
            let notice = f.due_date(today).unwrap_err();
            assert_eq!(notice.id, "dash-no-such-day", "{typed}");
            assert_eq!(notice.args[1], ("month", month.to_string()));
            assert_eq!(notice.args[2], ("days", days.to_string()));
        }
        f.due.clear();
        f.due.insert("２０２６－１２－０１");
        assert_eq!(f.due_date(today), Ok(Date::constant(2026, 12, 1)));
        // As Japanese is written, or with slashes or dots; month and day of one digit.
        for (typed, day) in [
            ("2026年12月8日", Date::constant(2026, 12, 8)),
            ("２０２６年１２月８日", Date::constant(2026, 12, 8)),
            ("2026/12/08", Date::constant(2026, 12, 8)),
            ("2026.12.08", Date::constant(2026, 12, 8)),
            ("2027-1-5", Date::constant(2027, 1, 5)),
        ] {
            f.due.clear();
            f.due.insert(typed);
            assert_eq!(f.due_date(today), Ok(day), "{typed}");
        }
        f.due.clear();
        f.due.insert("2026-11-01");
        assert_eq!(f.due_date(today).unwrap_err().id, "dash-due-past");
        // More than a year ahead: a slip of the keyboard.
        f.due.clear();
        f.due.insert("2027-11-24");
        assert_eq!(f.due_date(today), Ok(Date::constant(2027, 11, 24)));
        f.due.clear();
        f.due.insert("2027-11-25");
        let far = f.due_date(today).unwrap_err();
        assert_eq!(far.id, "dash-due-far");
        assert_eq!(far.args[1], ("limit", "2027-11-24".to_string()));
        f.due.clear();
        f.due.insert("9999-12-31");
        assert_eq!(f.due_date(today).unwrap_err().id, "dash-due-far");
    }

    #[test]
    fn days_that_happened_are_real_days_up_to_today() {
        let today = Date::constant(2026, 11, 24);
        let mut f = WithdrawalForm::new(0, today);
        assert_eq!(past_day(&f.requested_on, today), Ok(today));
        f.requested_on.clear();
        f.requested_on.insert("2026-11-01");
        assert_eq!(
            past_day(&f.requested_on, today),
            Ok(Date::constant(2026, 11, 1))
        );
        f.requested_on.clear();
        f.requested_on.insert("2026-11-25");
        assert_eq!(
            past_day(&f.requested_on, today).unwrap_err().id,
            "dash-day-future"
        );
        f.requested_on.clear();
        f.requested_on.insert("2026/9/31");
        assert_eq!(
            past_day(&f.requested_on, today).unwrap_err().id,
            "dash-no-such-day"
        );
        f.requested_on.clear();
        f.requested_on.insert("11/20");
        assert_eq!(
            past_day(&f.requested_on, today).unwrap_err().id,
            "dash-day-invalid"
        );
        // A year back at most: 1990 is a slip of the keyboard.
        f.requested_on.clear();
        f.requested_on.insert("2025年11月24日");
        assert_eq!(
            past_day(&f.requested_on, today),
            Ok(Date::constant(2025, 11, 24))
        );
        for long_ago in ["2025-11-23", "1990-01-01"] {
            f.requested_on.clear();
            f.requested_on.insert(long_ago);
            let notice = past_day(&f.requested_on, today).unwrap_err();
            assert_eq!(notice.id, "dash-day-long-ago", "{long_ago}");
            assert_eq!(notice.args[1], ("limit", "2025-11-24".to_string()));
        }
        let mut a = AttendanceForm::new(0, today);
        assert_eq!(a.session_name().unwrap_err().id, "dash-session-missing");
        a.session.insert("  ");
        assert!(a.session_name().is_err());
        a.session.insert("説明会 11月");
        assert_eq!(a.session_name(), Ok("説明会 11月".to_string()));
    }
}
