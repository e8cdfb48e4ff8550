//! English dates: capitalised month names, full (`July`) or abbreviated to three letters (`Jul`,
//! also `Sept`) with an optional dot; `3 July 2024`, `3rd of July`, `July 3, 2024`, `July 3rd`,
//! `July 2024`. Days may carry an ordinal suffix (`st`, `nd`, `rd`, `th`), kept when rewritten.

use super::{Cur, Month, Num, SuffixKind, Written, day, finish, plain, year};
/// English month names.
pub static EN_FULL: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// English month abbreviations (`Sept` is read as `Sep`).
pub static EN_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Whether an English date written with a month name may start with `c` (the names are capitalised).
pub(super) fn may_start_word(c: char) -> bool {
    matches!(c, 'J' | 'F' | 'M' | 'A' | 'S' | 'O' | 'N' | 'D')
}
/// The month whose name starts with the first three letters of `w` (any case): those of its
/// abbreviation.
fn month_by_prefix(w: &str) -> Option<usize> {
    let prefix = w.as_bytes().get(..3)?;
    EN_ABBR
        .iter()
        .position(|abbr| abbr.as_bytes().eq_ignore_ascii_case(prefix))
}

/// An English month name (capitalised) at `cur`, with an optional dot after an abbreviation.
fn month_name(cur: Cur<'_>) -> Option<(Cur<'_>, u8, Month)> {
    let (c, w, r) = cur.word()?;
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    if !capital {
        return None;
    }
    // The names' first three letters tell the twelve months apart: only one can be `w`.
    let i = month_by_prefix(w)?;
    let (names, abbr) = if EN_FULL[i].eq_ignore_ascii_case(w) {
        (&EN_FULL, false)
    } else if EN_ABBR[i].eq_ignore_ascii_case(w) || (i == 8 && w.eq_ignore_ascii_case("Sept")) {
        (&EN_ABBR, true)
    } else {
        return None;
    };
    let c = if abbr {
        // The dot of an abbreviation belongs to the date only when more of it follows.
        match c.bump('.') {
            Some(after) if after.space().is_some() => after,
            _ => c,
        }
    } else {
        c
    };
    Some((
        c,
        i as u8 + 1,
        Month::Name {
            bytes: r,
            names,
            capital,
            turkic: false,
            suffix: None,
        },
    ))
}

/// A day number with an optional English ordinal suffix.
fn day_number(cur: Cur<'_>) -> Option<(Cur<'_>, u8, Num)> {
    let (c, d, dr) = cur.digits(1, 2)?;
    let d = day(d)?;
    if let Some((after, w, wr)) = c.word() {
        return ["st", "nd", "rd", "th"]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w))
            .then(|| {
                (
                    after,
                    d,
                    Num {
                        digits: dr.clone(),
                        suffix: Some((wr, SuffixKind::Ordinal)),
                    },
                )
            });
    }
    Some((c, d, plain(dr)))
}

/// `, 2024` or ` 2024` after an English date.
fn year_after(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
    let (c, y, yr) = cur.opt(',').space()?.digits(4, 4)?;
    c.at_end().then_some(())?;
    Some((c, year(y)?, plain(yr)))
}

pub(super) fn day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dn) = day_number(cur)?;
    let c = c.space()?;
    let c = match c.word() {
        Some((after, "of", _)) => after.space()?,
        _ => c,
    };
    let (c, m, month) = month_name(c)?;
    let (c, y) = match year_after(c) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, dn)), m, month, y)
}

pub(super) fn month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month) = month_name(cur)?;
    let c = c.space()?;
    if let Some((after, d, dn)) = day_number(c).filter(|(after, ..)| after.at_end()) {
        let (after, y) = match year_after(after) {
            Some((a, y, yn)) => (a, Some((y, yn))),
            None => (after, None),
        };
        return finish(after, Some((d, dn)), m, month, y);
    }
    let (c, y, yr) = c.digits(4, 4)?;
    finish(c, None, m, month, Some((year(y)?, plain(yr))))
}

pub(super) fn ordinal(n: u32, upper: bool) -> String {
    let s = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    if upper {
        s.to_ascii_uppercase()
    } else {
        s.to_string()
    }
}

/// The month a word names, for [`super::month_number`]: the full name, capitalised in `word`
/// (`march` and `may` are verbs), compared in its `folded` form. Abbreviations do not count.
pub(super) fn month_number(word: &str, folded: &str) -> Option<u32> {
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let i = EN_FULL
        .iter()
        .position(|name| name.eq_ignore_ascii_case(folded))?;
    Some(i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use crate::fuzzy::date::tests::{check_recognised, date, rw};

    #[test]
    fn a_month_is_told_by_its_first_three_letters_and_its_whole_word() {
        check_recognised(
            "en",
            &[
                (
                    "MARCH 3, 2024",
                    "MARCH 3, 2024",
                    Some(date(Some(2024), 3, Some(3))),
                ),
                (
                    "Sept. 3, 2024",
                    "Sept. 3, 2024",
                    Some(date(Some(2024), 9, Some(3))),
                ),
                ("Sep 3", "Sep 3", Some(date(None, 9, Some(3)))),
                ("May 2024", "May 2024", Some(date(Some(2024), 5, None))),
                // Same first letters, another word: a longer one, or one going on past ASCII.
                ("Marching 3", "", None),
                ("Septa 3", "", None),
                ("Marché 3", "", None),
                ("Ma 3", "", None),
            ],
        );
    }

    #[test]
    fn english_dates_are_recognised() {
        check_recognised(
            "en",
            &[
                (
                    "3 July 2024 in Baku",
                    "3 July 2024",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                (
                    "July 3, 2024, Baku",
                    "July 3, 2024",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                ("July 3, AZERTAC", "July 3", Some(date(None, 7, Some(3)))),
                ("3rd of July", "3rd of July", Some(date(None, 7, Some(3)))),
                (
                    "Sept. 30 2024",
                    "Sept. 30 2024",
                    Some(date(Some(2024), 9, Some(30))),
                ),
                (
                    "July 2024 was hot",
                    "July 2024",
                    Some(date(Some(2024), 7, None)),
                ),
                ("Dec.", "", None),
                ("May 35", "", None),
                ("3 may be", "", None),
            ],
        );
    }

    #[test]
    fn rewriting_keeps_the_english_form() {
        let d10 = date(None, 7, Some(10));
        assert_eq!(rw("en", "July 3", d10).as_deref(), Some("July 10"));
        assert_eq!(
            rw("en", "3rd of July", d10).as_deref(),
            Some("10th of July")
        );
        assert_eq!(
            rw("en", "July 1ST", date(None, 7, Some(22))).as_deref(),
            Some("July 22ND")
        );
        assert_eq!(
            rw("en", "Jul. 3, 2024", date(Some(2025), 8, Some(1))).as_deref(),
            Some("Aug. 1, 2025")
        );
    }
}
