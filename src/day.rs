//! A day typed by a person (a due date, the day something happened), as the dashboard's forms
//! and `tebiki record` take it.

use jiff::civil::Date;
use unicode_normalization::UnicodeNormalization;

/// Why text typed for a day is not one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayProblem {
    /// Not year, month and day in a form [`parse_day`] takes.
    NotADay,
    /// A year, a month of it and a day past its last (`2026-02-30`): `month` as (year, month),
    /// and how many days it has.
    NoSuchDay { month: (i16, i8), days: i8 },
}

impl DayProblem {
    /// The month of a [`DayProblem::NoSuchDay`] as `YYYY-MM`, and its number of days.
    pub fn month_and_days(&self) -> Option<(String, i8)> {
        match *self {
            DayProblem::NoSuchDay { month, days } => {
                Some((format!("{:04}-{:02}", month.0, month.1), days))
            }
            DayProblem::NotADay => None,
        }
    }
}

/// A day typed as year, month and day in that order: `2026-12-08`, `2026/12/8`, `2026.12.08`
/// or `2026年12月8日` (full-width digits too, spaces around the separators), if it is a real
/// day.
pub fn parse_day(typed: &str) -> Result<Date, DayProblem> {
    // Full-width digits and separators as ASCII; nothing else is changed (a circled or
    // superscript digit is not taken for one).
    let ascii: String = typed
        .chars()
        .map(|c| match c {
            '０'..='９' | '－' | '／' | '．' => c.nfkc().next().unwrap_or(c),
            c => c,
        })
        .collect();
    let text = ascii.trim();
    let text = text.strip_suffix('日').unwrap_or(text);
    // Spaces may stand around the separators, not inside a number.
    let parts: Vec<&str> = text
        .split(['-', '/', '.', '年', '月'])
        .map(str::trim)
        .collect();
    let [year, month, day] = parts[..] else {
        return Err(DayProblem::NotADay);
    };
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !(digits(year, 4..=4) && digits(month, 1..=2) && digits(day, 1..=2)) {
        return Err(DayProblem::NotADay);
    }
    let number = |s: &str| s.parse::<i8>().map_err(|_| DayProblem::NotADay);
    let (year, month, day) = (
        year.parse::<i16>().map_err(|_| DayProblem::NotADay)?,
        number(month)?,
        number(day)?,
    );
    if let Ok(d) = Date::new(year, month, day) {
        return Ok(d);
    }
    // A real month with a day past its end is told as such, not as a wrong form.
    match Date::new(year, month, 1) {
        Ok(first) if day > 0 => Err(DayProblem::NoSuchDay {
            month: (year, month),
            days: first.days_in_month(),
        }),
        _ => Err(DayProblem::NotADay),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_forms_people_type_are_days_and_a_day_past_its_month_is_named() {
        let d = Date::new(2026, 12, 8).unwrap();
        for typed in [
            "2026-12-08",
            "2026/12/8",
            "2026.12.08",
            "2026年12月8日",
            "２０２６年１２月８日",
            " 2026 / 12 / 8 ",
            "2026年 12月 8日",
            "２０２６－１２－０８",
            "　2026/12/8　",
        ] {
            assert_eq!(parse_day(typed), Ok(d), "{typed}");
        }
        assert_eq!(
            parse_day("2026-02-30"),
            Err(DayProblem::NoSuchDay {
                month: (2026, 2),
                days: 28
            })
        );
        assert_eq!(
            parse_day("2028/2/30").unwrap_err().month_and_days(),
            Some(("2028-02".to_string(), 29))
        );
        for typed in [
            "",
            "2026-13-01",
            "2026-00-10",
            "2026-12-00",
            "26-12-08",
            "2026-12",
            "tomorrow",
            "2026-12-08-1",
            "2026-1a-08",
        ] {
            assert_eq!(parse_day(typed), Err(DayProblem::NotADay), "{typed}");
        }
    }
}
