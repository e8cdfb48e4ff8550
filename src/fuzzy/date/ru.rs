//! Russian dates: `3 июля 2024 года`, `3 июля 2024 г.`, `3 июля`, `в июле 2024 года`, `июль 2024`.
//! A day is followed by the genitive (`3 июля`); a month without a day may be in the nominative or the
//! prepositional (`июль 2024`, `в июле 2024 года`). A rewritten month keeps its case and capitals.

use super::{Cur, Month, Num, Written, day, finish, plain, year};
/// Russian month names in the genitive (`3 июля`).
pub static RU_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];
/// Russian month names in the nominative (`июль 2024`).
pub static RU_NOM: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];
/// Russian month names in the prepositional (`в июле`).
pub static RU_PREP: [&str; 12] = [
    "январе",
    "феврале",
    "марте",
    "апреле",
    "мае",
    "июне",
    "июле",
    "августе",
    "сентябре",
    "октябре",
    "ноябре",
    "декабре",
];

/// Whether a Russian date written with a month name may start with `c`.
pub(super) fn may_start_word(c: char) -> bool {
    matches!(
        c,
        'я' | 'ф'
            | 'м'
            | 'а'
            | 'и'
            | 'с'
            | 'о'
            | 'н'
            | 'д'
            | 'Я'
            | 'Ф'
            | 'М'
            | 'А'
            | 'И'
            | 'С'
            | 'О'
            | 'Н'
            | 'Д'
    )
}
/// A Russian month name: the genitive only when `genitive_only`.
fn month_name(cur: Cur<'_>, genitive_only: bool) -> Option<(Cur<'_>, u8, Month)> {
    // Names are compared against the text directly (no word split, one case conversion): this
    // runs on many words.
    let text = cur.s.get(cur.at..)?;
    let mut chars = text.chars();
    let first = chars.next()?;
    let lower = first.to_lowercase().next()?;
    let tail = chars.as_str();
    let all_caps = first != lower && tail.starts_with(char::is_uppercase);
    let tables: &[&'static [&'static str; 12]] = if genitive_only {
        &[&RU_GEN]
    } else {
        &[&RU_GEN, &RU_NOM, &RU_PREP]
    };
    // The months a first letter can start (indices into the tables).
    let months: &[usize] = match lower {
        'я' => &[0],
        'ф' => &[1],
        'м' => &[2, 4],
        'а' => &[3, 7],
        'и' => &[5, 6],
        'с' => &[8],
        'о' => &[9],
        'н' => &[10],
        'д' => &[11],
        _ => return None,
    };
    for names in tables {
        for &i in months {
            let Some(name_tail) = names[i].get(lower.len_utf8()..) else {
                continue;
            };
            // Cyrillic capitals and small letters have the same UTF-8 length.
            let Some(written) = tail.get(..name_tail.len()) else {
                continue;
            };
            // All capitals (a headline) take the slow comparison; other text the byte one.
            let same = written == name_tail
                || (all_caps
                    && written
                        .chars()
                        .flat_map(char::to_lowercase)
                        .eq(name_tail.chars()));
            if same
                && tail
                    .get(name_tail.len()..)
                    .is_some_and(|after| !after.starts_with(char::is_alphabetic))
            {
                let end = cur.at + first.len_utf8() + name_tail.len();
                return Some((
                    Cur { at: end, ..cur },
                    i as u8 + 1,
                    Month::Name {
                        bytes: cur.at..end,
                        names,
                        capital: first != lower,
                        turkic: false,
                        suffix: None,
                    },
                ));
            }
        }
    }
    None
}

/// ` 2024 года`, ` 2024 г.`, ` 2024`.
fn year_after(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
    let (c, y, yr) = cur.space()?.digits(4, 4)?;
    let y = year(y)?;
    let c = match c.space().and_then(|s| s.word()) {
        Some((after, w, _)) if ["года", "году", "год", "г"].contains(&w) => {
            if w == "г" { after.opt('.') } else { after }
        }
        _ => c,
    };
    c.at_end().then_some((c, y, plain(yr)))
}

pub(super) fn day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dr) = cur.digits(1, 2)?;
    let d = day(d)?;
    let (c, m, month) = month_name(c.space()?, true)?;
    let (c, y) = match year_after(c) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, plain(dr))), m, month, y)
}

pub(super) fn month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month) = month_name(cur, false)?;
    let (c, y, yn) = year_after(c)?;
    finish(c, None, m, month, Some((y, yn)))
}

/// The month a word names, for [`super::month_number`], in its `folded` form: the stem the three
/// cases share (`июл` of `июля`, `июль`, `июле`) with at most four letters of ending (`июльский` is
/// not a month); `май`, whose stem `ма` is too short to test by prefix, only in one of its three
/// forms.
pub(super) fn month_number(folded: &str) -> Option<u32> {
    let len = folded.chars().count();
    let i = (0..12).find(|&i| {
        let stem = RU_NOM[i].trim_end_matches(['ь', 'й']);
        let stem_len = stem.chars().count();
        if stem_len <= 2 {
            [RU_GEN[i], RU_NOM[i], RU_PREP[i]].contains(&folded)
        } else {
            folded.starts_with(stem) && len <= stem_len + 4
        }
    })?;
    Some(i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use crate::fuzzy::date::tests::{check_recognised, date, rw};

    #[test]
    fn russian_dates_are_recognised() {
        check_recognised(
            "ru",
            &[
                (
                    "3 июля 2024 года в Астане",
                    "3 июля 2024 года",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                (
                    "3 июля 2024 г. в",
                    "3 июля 2024 г.",
                    Some(date(Some(2024), 7, Some(3))),
                ),
                ("Астана, 3 июля, АЗЕРТАДЖ", "", None),
                ("3 июля, АЗЕРТАДЖ", "3 июля", Some(date(None, 7, Some(3)))),
                (
                    "июле 2024 года",
                    "июле 2024 года",
                    Some(date(Some(2024), 7, None)),
                ),
                ("3 июль", "", None),
            ],
        );
    }

    #[test]
    fn rewriting_keeps_the_russian_case_and_capitals() {
        assert_eq!(
            rw("ru", "3 июля", date(None, 7, Some(10))).as_deref(),
            Some("10 июля")
        );
        assert_eq!(
            rw("ru", "3 июля 2024 года", date(Some(2025), 8, Some(1))).as_deref(),
            Some("1 августа 2025 года")
        );
        assert_eq!(
            rw("ru", "Июле 2024 года", date(Some(2024), 3, None)).as_deref(),
            Some("Марте 2024 года")
        );
    }
}
