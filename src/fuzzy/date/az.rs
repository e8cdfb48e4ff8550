//! Azerbaijani dates: `3 iyul 2024-cü il`, `3 iyul 2024-cü ildə`, `3 iyulda`, `iyulun 3-də`,
//! `iyul 2024-cü il`. Month names are small letters (a capital is kept, with the dotted `İ`); a
//! case suffix may follow a month name, and a suffix after a hyphen may follow a number. Suffixes
//! follow vowel harmony: a rewritten date re-harmonises them with the new word (the number as it
//! is read aloud: `2024-cü` → `2026-cı`).

use std::ops::Range;

use super::{Cur, Month, Num, SuffixKind, Written, day, finish, plain, year};
pub(super) use crate::fuzzy::adapt::az::{reharmonize, spoken_end};
/// Azerbaijani month names.
pub static AZ: [&str; 12] = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
    "noyabr", "dekabr",
];
/// Azerbaijani case suffixes after a month name (all the names end in a consonant).
const MONTH_SUFFIXES: [&str; 14] = [
    "da", "də", "dan", "dən", "a", "ə", "ın", "in", "un", "ün", "ı", "i", "u", "ü",
];
const GENITIVE: [&str; 4] = ["ın", "in", "un", "ün"];

/// Whether an Azerbaijani date written with a month name may start with `c`.
pub(super) fn may_start_word(c: char) -> bool {
    matches!(
        c,
        'y' | 'f'
            | 'm'
            | 'a'
            | 'i'
            | 's'
            | 'o'
            | 'n'
            | 'd'
            | 'Y'
            | 'F'
            | 'M'
            | 'A'
            | 'İ'
            | 'S'
            | 'O'
            | 'N'
            | 'D'
    )
}
/// An Azerbaijani month name with an optional case suffix.
fn month_name<'a>(cur: Cur<'a>) -> Option<(Cur<'a>, u8, Month, &'a str)> {
    // Stems are compared against the text directly (no word split first): this runs on many words.
    let text = cur.s.get(cur.at..)?;
    let first = text.chars().next()?;
    let capital = first.is_uppercase();
    // The months a first letter can start (indices into the table).
    let months: &[usize] = match first {
        'y' | 'Y' => &[0],
        'f' | 'F' => &[1],
        'm' | 'M' => &[2, 4],
        'a' | 'A' => &[3, 7],
        'i' | 'İ' => &[5, 6],
        's' | 'S' => &[8],
        'o' | 'O' => &[9],
        'n' | 'N' => &[10],
        'd' | 'D' => &[11],
        _ => return None,
    };
    for &i in months {
        let stem = AZ[i];
        let Some(after) = strip_prefix(text, stem) else {
            continue;
        };
        let rest_len: usize = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let rest = after.get(..rest_len)?;
        if !rest.is_empty() && !MONTH_SUFFIXES.contains(&rest) {
            continue;
        }
        let stem_end = cur.at + text.len() - after.len();
        let end = stem_end + rest_len;
        return Some((
            Cur { at: end, ..cur },
            i as u8 + 1,
            Month::Name {
                bytes: cur.at..stem_end,
                names: &AZ,
                capital,
                turkic: true,
                suffix: (!rest.is_empty()).then_some(stem_end..end),
            },
            rest,
        ));
    }
    None
}

/// `text` without the prefix `stem` (lowercase ASCII), compared with Azerbaijani case folding (İ is
/// the capital of i; I is the capital of ı, so it never matches i). No allocation.
fn strip_prefix<'a>(word: &'a str, stem: &str) -> Option<&'a str> {
    let mut chars = word.char_indices();
    for s in stem.chars() {
        let (_, c) = chars.next()?;
        let same = c == s || (s == 'i' && c == 'İ') || (s != 'i' && c == s.to_ascii_uppercase());
        if !same {
            return None;
        }
    }
    let at = chars.next().map_or(word.len(), |(i, _)| i);
    word.get(at..)
}

/// A number and, after a hyphen, an Azerbaijani suffix (`2024-cü`, `3-də`).
fn number(c: Cur<'_>, digits: Range<usize>, required: bool) -> Option<(Cur<'_>, Num)> {
    if let Some((after, w, wr)) = c.bump('-').and_then(|h| h.word())
        && w.chars().count() <= 4
        && w.chars().all(char::is_lowercase)
    {
        return Some((
            after,
            Num {
                digits,
                suffix: Some((wr, SuffixKind::Az)),
            },
        ));
    }
    (!required).then_some((c, plain(digits)))
}

/// ` 2024-cü il` (the year word may carry a case suffix: `ildə`, `ilin`).
fn year_after(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
    let (c, y, yr) = cur.space()?.digits(4, 4)?;
    let y = year(y)?;
    let (c, num) = number(c, yr, false)?;
    let c = match c.space().and_then(|s| s.word()) {
        Some((after, w, _))
            if ["il", "ildə", "ilin", "ili", "ilə", "ildən"].contains(&w)
                && num.suffix.is_some() =>
        {
            after
        }
        _ => c,
    };
    c.at_end().then_some((c, y, num))
}

pub(super) fn day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dr) = cur.digits(1, 2)?;
    let d = day(d)?;
    let (c, m, month, suffix) = month_name(c.space()?)?;
    let (c, y) = match year_after(c).filter(|_| suffix.is_empty()) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, plain(dr))), m, month, y)
}

pub(super) fn month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month, suffix) = month_name(cur)?;
    if GENITIVE.contains(&suffix) {
        let (c, d, dr) = c.space()?.digits(1, 2)?;
        let (c, num) = number(c, dr, true)?;
        return finish(c, Some((day(d)?, num)), m, month, None);
    }
    if !suffix.is_empty() {
        return None;
    }
    let (c, y, yn) = year_after(c)?;
    finish(c, None, m, month, Some((y, yn)))
}
/// The month a word names, for [`super::month_number`]: a month name in its `folded` form with at
/// most four letters of case suffix after it (`iyulda`, `oktyabrın`).
pub(super) fn month_number(folded: &str) -> Option<u32> {
    let len = folded.chars().count();
    let i = AZ
        .iter()
        .position(|name| folded.starts_with(name) && len <= name.chars().count() + 4)?;
    Some(i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use crate::fuzzy::date::tests::{check_recognised, date, rw};

    #[test]
    fn azerbaijani_dates_are_recognised() {
        check_recognised(
            "az",
            &[
                (
                    "3 iyul 2024-cü il tarixində",
                    "3 iyul 2024-cü il",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                (
                    "3 iyul 2024-cü ildə",
                    "3 iyul 2024-cü ildə",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                (
                    "3 iyulda Astanada",
                    "3 iyulda",
                    Some(date(None, 7, Some(3))),
                ),
                ("iyulun 3-də", "iyulun 3-də", Some(date(None, 7, Some(3)))),
                ("3 İyul", "3 İyul", Some(date(None, 7, Some(3)))),
                ("3 iyulxyz", "", None),
                ("3 milyard", "", None),
            ],
        );
    }

    #[test]
    fn rewriting_keeps_the_azerbaijani_form() {
        assert_eq!(
            rw("az", "3 iyul", date(None, 7, Some(10))).as_deref(),
            Some("10 iyul")
        );
        assert_eq!(
            rw("az", "3 iyul 2024-cü il", date(Some(2026), 7, Some(3))).as_deref(),
            Some("3 iyul 2026-cı il")
        );
        assert_eq!(
            rw("az", "iyulun 3-də", date(None, 3, Some(10))).as_deref(),
            Some("martın 10-da")
        );
        assert_eq!(
            rw("az", "3 iyulda", date(None, 4, Some(3))).as_deref(),
            Some("3 apreldə")
        );
        assert_eq!(
            rw("az", "3 İYUL", date(None, 6, Some(3))).as_deref(),
            Some("3 İYUN")
        );
        assert_eq!(
            rw("az", "İyulun 3-ü", date(None, 1, Some(3))).as_deref(),
            Some("Yanvarın 3-ü")
        );
    }
}
