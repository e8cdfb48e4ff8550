//! Chinese and Japanese dates: `2024年7月3日`, `7月3日`, `7月3号`, `2024年7月`, in ASCII digits, also
//! with spaces around the digits (`2024 年 7 月 3 日`, as text typed with Latin-spaced digits often has).
//! The month is a number, so a rewritten date only changes digits (and keeps the spaces). Han
//! characters may follow a date at once.

use super::{Cur, Date, Month, Written, day, month, plain, year};

/// Optional spaces (no line break) between a number and its character.
fn spaces(c: Cur<'_>) -> Cur<'_> {
    c.space().unwrap_or(c)
}

/// `2024年7月3日`, `7月3日`, `7月3号`, `2024年7月`, spaced or not. Han characters may follow.
pub(super) fn recognize(cur: Cur<'_>) -> Option<Written> {
    let (c, y) = match cur
        .digits(4, 4)
        .and_then(|(c, y, yr)| Some((spaces(spaces(c).bump('年')?), y, yr)))
    {
        Some((c, y, yr)) => (c, Some((year(y)?, plain(yr)))),
        None => (cur, None),
    };
    let (c, m, mr) = c.digits(1, 2)?;
    let after_month = spaces(c).bump('月')?;
    let m = month(m)?;
    let day = spaces(after_month).digits(1, 2).and_then(|(c, d, dr)| {
        let c = spaces(c);
        Some((c.bump('日').or_else(|| c.bump('号'))?, day(d)?, dr))
    });
    let c = after_month;
    let (c, d) = match day {
        Some((after, d, dr)) => (after, Some((d, plain(dr)))),
        None if y.is_some() => (c, None),
        None => return None,
    };
    // Han text may follow at once; a Latin letter or a digit may not.
    if c.peek().is_some_and(|ch| ch.is_ascii_alphanumeric()) {
        return None;
    }
    let (day, day_field) = d.map_or((None, None), |(d, n)| (Some(d), Some(n)));
    let (year, year_field) = y.map_or((None, None), |(y, n)| (Some(y), Some(n)));
    Some(Written {
        date: Date {
            year,
            month: m,
            day,
        },
        len: c.at,
        ambiguous: false,
        day: day_field,
        month: Month::Num(plain(mr)),
        year: year_field,
    })
}

#[cfg(test)]
mod tests {
    use crate::fuzzy::date::tests::{check_recognised, date, rw};

    #[test]
    fn chinese_dates_are_recognised() {
        check_recognised(
            "zh",
            &[
                (
                    "2024年7月3日电",
                    "2024年7月3日",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                ("7月3日电", "7月3日", Some(date(None, 7, Some(3)))),
                ("7月3号", "7月3号", Some(date(None, 7, Some(3)))),
                ("2024年7月在", "2024年7月", Some(date(Some(2024), 7, None))),
                ("7月", "", None),
                ("2024年", "", None),
                (
                    "2026 年 7 月 10 日 ，",
                    "2026 年 7 月 10 日",
                    Some(date(Some(2026), 7, Some(10))),
                ),
                ("7 月 10 日", "7 月 10 日", Some(date(None, 7, Some(10)))),
                (
                    "2026 年 7 月 在",
                    "2026 年 7 月",
                    Some(date(Some(2026), 7, None)),
                ),
                ("2026 年", "", None),
                ("7 月", "", None),
            ],
        );
        check_recognised(
            "ja",
            &[("7月3日に", "7月3日", Some(date(None, 7, Some(3))))],
        );
    }

    #[test]
    fn rewriting_a_chinese_date_changes_only_digits() {
        assert_eq!(
            rw("zh", "7月3日", date(None, 7, Some(10))).as_deref(),
            Some("7月10日")
        );
        assert_eq!(
            rw("zh", "2024年7月3日", date(Some(2025), 8, Some(1))).as_deref(),
            Some("2025年8月1日")
        );
        assert_eq!(
            rw("zh", "2026 年 7 月 3 日", date(Some(2027), 12, Some(10))).as_deref(),
            Some("2027 年 12 月 10 日")
        );
    }
}
