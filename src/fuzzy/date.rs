//! Dates as placeables: recognising a date written in English, Azerbaijani, Russian, Chinese or
//! Japanese, or in a numeric form, and rewriting it to another date in the same written form.
//!
//! Recognised forms (a day and a month, a month and a year, or all three; never a bare year):
//! - every language: ISO `2024-07-03` (also `2024/07/03`, `2024.07.03`), `03.07.2024`, `03/07/2024`;
//! - English (month names capitalised, `Sept` and three-letter abbreviations with an optional dot):
//!   `3 July 2024`, `3rd of July`, `July 3, 2024`, `July 3rd`, `July 2024`;
//! - Azerbaijani: `3 iyul 2024-cü il`, `3 iyul 2024-cü ildə`, `3 iyulda`, `iyulun 3-də`,
//!   `iyul 2024-cü il`;
//! - Russian: `3 июля 2024 года`, `3 июля 2024 г.`, `3 июля`, `в июле 2024 года`, `июль 2024`;
//! - Chinese and Japanese: `2024年7月3日`, `7月3日`, `7月3号`, `2024年7月`.
//!
//! Ambiguity: `03/07/2024` in English may be 3 July or March 7. It is still one date token (so it
//! scores as a placeable) but [`Written::ambiguous`] is set, and nothing is adapted through it. A day
//! above 12 decides (`13/07/2024` is 13 July, `07/13/2024` July 13). Other languages read `/` as
//! day/month/year.
//!
//! Rewriting ([`rewrite`]) changes only the fields whose value changes and keeps each field's form:
//! zero padding (`03` → `10`), the month's spelling (full, abbreviated, the Russian case — `июля`,
//! `июле`, `июль` — and the capital), the English ordinal (`3rd` → `10th`) and the Azerbaijani
//! suffixes after a number or a month name, re-harmonised for the new word (`2024-cü` → `2026-cı`,
//! `3-də` → `10-da`). It refuses (None) when the new date lacks a field the written one has, or has one
//! it lacks.
//!
//! Limits: no weekdays, times, two-digit years, Roman or spelled-out numerals, Chinese numerals
//! (`七月三日`), full-width digits, or day/month validity beyond `1..=31` and `1..=12`.

use std::ops::Range;

use crate::lang::Lang;

/// A calendar date, or part of one: the month is always known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Date {
    /// Four-digit year, when written.
    pub year: Option<u16>,
    /// Month, `1..=12`.
    pub month: u8,
    /// Day of the month, `1..=31`, when written.
    pub day: Option<u8>,
}

impl Date {
    /// Whether the two dates have the same fields (day, year) written.
    pub fn has_same_fields(&self, other: &Date) -> bool {
        self.year.is_some() == other.year.is_some() && self.day.is_some() == other.day.is_some()
    }
}

/// The suffix written after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SuffixKind {
    /// English `st`, `nd`, `rd`, `th`.
    Ordinal,
    /// Azerbaijani letters after a hyphen (`-cü`, `-də`), harmonised with the number.
    Az,
}

/// A number field: its digits and the suffix after them.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Num {
    digits: Range<usize>,
    suffix: Option<(Range<usize>, SuffixKind)>,
}

/// The month field.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Month {
    /// Digits.
    Num(Num),
    /// A name from one row of a table; an Azerbaijani case suffix may follow it.
    Name {
        bytes: Range<usize>,
        names: &'static [&'static str; 12],
        capital: bool,
        /// Azerbaijani: capitals and suffixes follow its rules.
        turkic: bool,
        suffix: Option<Range<usize>>,
    },
}

/// A date as written: its value, its length and where its fields are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The date's value.
    pub date: Date,
    /// Length in bytes of the written date.
    pub len: usize,
    /// Whether the value is a guess (`03/07/2024` in English).
    pub ambiguous: bool,
    day: Option<Num>,
    month: Month,
    year: Option<Num>,
}

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
/// Azerbaijani month names.
pub static AZ: [&str; 12] = [
    "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr", "oktyabr",
    "noyabr", "dekabr",
];
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
/// Azerbaijani case suffixes after a month name (all the names end in a consonant).
const AZ_MONTH_SUFFIXES: [&str; 14] = [
    "da", "də", "dan", "dən", "a", "ə", "ın", "in", "un", "ün", "ı", "i", "u", "ü",
];
const AZ_GENITIVE: [&str; 4] = ["ın", "in", "un", "ün"];

/// Which table of month names a language uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    En,
    Az,
    Ru,
    Cjk,
    Other,
}

fn family(lang: &Lang) -> Family {
    match lang.language() {
        "en" => Family::En,
        "az" => Family::Az,
        "ru" => Family::Ru,
        "zh" | "ja" => Family::Cjk,
        _ => Family::Other,
    }
}

/// Whether a date may start with `c` in `lang`: a cheap test before [`recognize`].
pub fn may_start(c: char, lang: &Lang) -> bool {
    if c.is_ascii_digit() {
        return true;
    }
    match family(lang) {
        Family::En => matches!(c, 'J' | 'F' | 'M' | 'A' | 'S' | 'O' | 'N' | 'D'),
        Family::Az => matches!(
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
        ),
        Family::Ru => matches!(
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
        ),
        Family::Cjk | Family::Other => false,
    }
}

/// A position in the text being read.
#[derive(Clone, Copy)]
struct Cur<'a> {
    s: &'a str,
    at: usize,
}

impl<'a> Cur<'a> {
    fn peek(self) -> Option<char> {
        self.s.get(self.at..)?.chars().next()
    }

    fn bump(self, c: char) -> Option<Cur<'a>> {
        (self.peek()? == c).then_some(Cur {
            at: self.at + c.len_utf8(),
            ..self
        })
    }

    fn opt(self, c: char) -> Cur<'a> {
        self.bump(c).unwrap_or(self)
    }

    /// `min..=max` ASCII digits not followed by another digit.
    fn digits(self, min: usize, max: usize) -> Option<(Cur<'a>, u32, Range<usize>)> {
        let rest = self.s.get(self.at..)?;
        let n = rest.bytes().take_while(u8::is_ascii_digit).count();
        if n < min || n > max {
            return None;
        }
        let value = rest.get(..n)?.parse().ok()?;
        Some((
            Cur {
                at: self.at + n,
                ..self
            },
            value,
            self.at..self.at + n,
        ))
    }

    /// One or more spaces (no line break).
    fn space(self) -> Option<Cur<'a>> {
        let rest = self.s.get(self.at..)?;
        let n: usize = rest
            .chars()
            .take_while(|&c| c.is_whitespace() && c != '\n' && c != '\r')
            .map(char::len_utf8)
            .sum();
        (n > 0).then_some(Cur {
            at: self.at + n,
            ..self
        })
    }

    /// A run of letters.
    fn word(self) -> Option<(Cur<'a>, &'a str, Range<usize>)> {
        let rest = self.s.get(self.at..)?;
        let n: usize = rest
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        (n > 0).then_some((
            Cur {
                at: self.at + n,
                ..self
            },
            rest.get(..n)?,
            self.at..self.at + n,
        ))
    }

    /// Whether the date may end here: no letter or digit follows.
    fn at_end(self) -> bool {
        self.peek().is_none_or(|c| !c.is_alphanumeric())
    }
}

fn day(v: u32) -> Option<u8> {
    (1..=31).contains(&v).then_some(v as u8)
}

fn month(v: u32) -> Option<u8> {
    (1..=12).contains(&v).then_some(v as u8)
}

fn year(v: u32) -> Option<u16> {
    (1000..=2999).contains(&v).then_some(v as u16)
}

fn plain(digits: Range<usize>) -> Num {
    Num {
        digits,
        suffix: None,
    }
}

/// Recognises a date at the start of `text` (which must start at a word boundary) written in
/// `lang`'s forms (see the module docs); the longest form wins.
///
/// ```
/// use tmkit::{Lang, fuzzy::date::{recognize, Date}};
/// let ru = Lang::parse("ru")?;
/// let w = recognize("3 июля 2024 года в Астане", &ru).expect("a date");
/// assert_eq!(w.len, "3 июля 2024 года".len());
/// assert_eq!(w.date, Date { year: Some(2024), month: 7, day: Some(3) });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn recognize(text: &str, lang: &Lang) -> Option<Written> {
    let first = text.chars().next()?;
    if !may_start(first, lang) {
        return None;
    }
    let cur = Cur { s: text, at: 0 };
    let fam = family(lang);
    if first.is_ascii_digit() {
        numeric(cur, fam).or_else(|| match fam {
            Family::En => en_day_first(cur),
            Family::Az => az_day_first(cur),
            Family::Ru => ru_day_first(cur),
            Family::Cjk => cjk(cur),
            Family::Other => None,
        })
    } else {
        match fam {
            Family::En => en_month_first(cur),
            Family::Az => az_month_first(cur),
            Family::Ru => ru_month_first(cur),
            Family::Cjk | Family::Other => None,
        }
    }
}

/// `2024-07-03`, `2024/07/03`, `2024.07.03`, `03.07.2024`, `03/07/2024`.
fn numeric(cur: Cur<'_>, fam: Family) -> Option<Written> {
    if let Some((c, y, yr)) = cur.digits(4, 4) {
        let sep = c.peek().filter(|s| matches!(s, '-' | '/' | '.'))?;
        let (c, m, mr) = c.bump(sep)?.digits(1, 2)?;
        let (c, d, dr) = c.bump(sep)?.digits(1, 2)?;
        if !c.at_end() {
            return None;
        }
        return Some(Written {
            date: Date {
                year: Some(year(y)?),
                month: month(m)?,
                day: Some(day(d)?),
            },
            len: c.at,
            ambiguous: false,
            day: Some(plain(dr)),
            month: Month::Num(plain(mr)),
            year: Some(plain(yr)),
        });
    }
    let (c, a, ar) = cur.digits(1, 2)?;
    let sep = c.peek().filter(|s| matches!(s, '.' | '/'))?;
    let (c, b, br) = c.bump(sep)?.digits(1, 2)?;
    let (c, y, yr) = c.bump(sep)?.digits(4, 4)?;
    if !c.at_end() {
        return None;
    }
    // English slashes are month first unless the first number cannot be a month.
    let (month_first, ambiguous) = if sep == '/' && fam == Family::En {
        match (a > 12, b > 12) {
            (true, _) => (false, false),
            (false, true) => (true, false),
            (false, false) => (true, a != b),
        }
    } else {
        (false, false)
    };
    let ((d, dr), (m, mr)) = if month_first {
        ((b, br), (a, ar))
    } else {
        ((a, ar), (b, br))
    };
    Some(Written {
        date: Date {
            year: Some(year(y)?),
            month: month(m)?,
            day: Some(day(d)?),
        },
        len: c.at,
        ambiguous,
        day: Some(plain(dr)),
        month: Month::Num(plain(mr)),
        year: Some(plain(yr)),
    })
}

/// An English month name (capitalised) at `cur`, with an optional dot after an abbreviation.
fn en_month(cur: Cur<'_>) -> Option<(Cur<'_>, u8, Month)> {
    let (c, w, r) = cur.word()?;
    let capital = w.chars().next().is_some_and(char::is_uppercase);
    if !capital {
        return None;
    }
    let find = |names: &'static [&'static str; 12]| {
        names
            .iter()
            .position(|n| n.eq_ignore_ascii_case(w))
            .map(|i| (i, names))
    };
    let (i, names, abbr) = find(&EN_FULL)
        .map(|(i, n)| (i, n, false))
        .or_else(|| find(&EN_ABBR).map(|(i, n)| (i, n, true)))
        .or_else(|| {
            w.eq_ignore_ascii_case("Sept")
                .then_some((8, &EN_ABBR, true))
        })?;
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
fn en_day(cur: Cur<'_>) -> Option<(Cur<'_>, u8, Num)> {
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
fn en_year(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
    let (c, y, yr) = cur.opt(',').space()?.digits(4, 4)?;
    c.at_end().then_some(())?;
    Some((c, year(y)?, plain(yr)))
}

fn en_day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dn) = en_day(cur)?;
    let c = c.space()?;
    let c = match c.word() {
        Some((after, "of", _)) => after.space()?,
        _ => c,
    };
    let (c, m, month) = en_month(c)?;
    let (c, y) = match en_year(c) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, dn)), m, month, y)
}

fn en_month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month) = en_month(cur)?;
    let c = c.space()?;
    if let Some((after, d, dn)) = en_day(c).filter(|(after, ..)| after.at_end()) {
        let (after, y) = match en_year(after) {
            Some((a, y, yn)) => (a, Some((y, yn))),
            None => (after, None),
        };
        return finish(after, Some((d, dn)), m, month, y);
    }
    let (c, y, yr) = c.digits(4, 4)?;
    finish(c, None, m, month, Some((year(y)?, plain(yr))))
}

fn finish(
    c: Cur<'_>,
    day: Option<(u8, Num)>,
    month: u8,
    month_field: Month,
    year: Option<(u16, Num)>,
) -> Option<Written> {
    if !c.at_end() {
        return None;
    }
    let (day, day_field) = day.map_or((None, None), |(d, n)| (Some(d), Some(n)));
    let (year, year_field) = year.map_or((None, None), |(y, n)| (Some(y), Some(n)));
    Some(Written {
        date: Date { year, month, day },
        len: c.at,
        ambiguous: false,
        day: day_field,
        month: month_field,
        year: year_field,
    })
}

/// An Azerbaijani month name with an optional case suffix.
fn az_month<'a>(cur: Cur<'a>) -> Option<(Cur<'a>, u8, Month, &'a str)> {
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
        let Some(after) = strip_az_prefix(text, stem) else {
            continue;
        };
        let rest_len: usize = after
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum();
        let rest = after.get(..rest_len)?;
        if !rest.is_empty() && !AZ_MONTH_SUFFIXES.contains(&rest) {
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
fn strip_az_prefix<'a>(word: &'a str, stem: &str) -> Option<&'a str> {
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
fn az_num(c: Cur<'_>, digits: Range<usize>, required: bool) -> Option<(Cur<'_>, Num)> {
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
fn az_year(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
    let (c, y, yr) = cur.space()?.digits(4, 4)?;
    let y = year(y)?;
    let (c, num) = az_num(c, yr, false)?;
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

fn az_day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dr) = cur.digits(1, 2)?;
    let d = day(d)?;
    let (c, m, month, suffix) = az_month(c.space()?)?;
    let (c, y) = match az_year(c).filter(|_| suffix.is_empty()) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, plain(dr))), m, month, y)
}

fn az_month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month, suffix) = az_month(cur)?;
    if AZ_GENITIVE.contains(&suffix) {
        let (c, d, dr) = c.space()?.digits(1, 2)?;
        let (c, num) = az_num(c, dr, true)?;
        return finish(c, Some((day(d)?, num)), m, month, None);
    }
    if !suffix.is_empty() {
        return None;
    }
    let (c, y, yn) = az_year(c)?;
    finish(c, None, m, month, Some((y, yn)))
}

/// A Russian month name: the genitive only when `genitive_only`.
fn ru_month(cur: Cur<'_>, genitive_only: bool) -> Option<(Cur<'_>, u8, Month)> {
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
fn ru_year(cur: Cur<'_>) -> Option<(Cur<'_>, u16, Num)> {
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

fn ru_day_first(cur: Cur<'_>) -> Option<Written> {
    let (c, d, dr) = cur.digits(1, 2)?;
    let d = day(d)?;
    let (c, m, month) = ru_month(c.space()?, true)?;
    let (c, y) = match ru_year(c) {
        Some((after, y, yn)) => (after, Some((y, yn))),
        None => (c, None),
    };
    finish(c, Some((d, plain(dr))), m, month, y)
}

fn ru_month_first(cur: Cur<'_>) -> Option<Written> {
    let (c, m, month) = ru_month(cur, false)?;
    let (c, y, yn) = ru_year(c)?;
    finish(c, None, m, month, Some((y, yn)))
}

/// `2024年7月3日`, `7月3日`, `7月3号`, `2024年7月`. Han characters may follow.
fn cjk(cur: Cur<'_>) -> Option<Written> {
    let (c, y) = match cur
        .digits(4, 4)
        .and_then(|(c, y, yr)| Some((c.bump('年')?, y, yr)))
    {
        Some((c, y, yr)) => (c, Some((year(y)?, plain(yr)))),
        None => (cur, None),
    };
    let (c, m, mr) = c.digits(1, 2)?;
    let c = c.bump('月')?;
    let m = month(m)?;
    let day = c
        .digits(1, 2)
        .and_then(|(c, d, dr)| Some((c.bump('日').or_else(|| c.bump('号'))?, day(d)?, dr)));
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

/// The last vowel of a word.
fn last_vowel(word: &str) -> Option<char> {
    word.chars().rev().find(|c| "aıoueəiöü".contains(*c))
}

/// The last word of `n` read aloud in Azerbaijani: suffixes after the digits harmonise with it.
fn az_spoken_end(n: u32) -> &'static str {
    const ONES: [&str; 10] = [
        "sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz",
    ];
    const TENS: [&str; 10] = [
        "", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan",
    ];
    if n == 0 {
        ONES[0]
    } else if !n.is_multiple_of(10) {
        ONES[(n % 10) as usize]
    } else if !(n / 10).is_multiple_of(10) {
        TENS[((n / 10) % 10) as usize]
    } else if !(n / 100).is_multiple_of(10) {
        "yüz"
    } else if !(n / 1000).is_multiple_of(1000) {
        "min"
    } else {
        "milyon"
    }
}

/// Re-harmonises an Azerbaijani suffix written after `old` for `new` (both the words it follows):
/// two-way vowels (a/ə) follow front/back, four-way vowels (ı/i/u/ü) also follow rounding. None
/// when the suffix cannot be carried over: uppercase letters, or a suffix whose shape depends on
/// whether the word ends in a vowel when that changes.
fn az_reharmonize(suffix: &str, old: &str, new: &str) -> Option<String> {
    if suffix.chars().any(char::is_uppercase) {
        return None;
    }
    let ends_in_vowel = |w: &str| {
        w.chars()
            .next_back()
            .is_some_and(|c| "aıoueəiöü".contains(c))
    };
    if ends_in_vowel(old) != ends_in_vowel(new)
        && suffix
            .chars()
            .next()
            .is_some_and(|c| "aıoueəiöüny".contains(c))
    {
        return None;
    }
    let v = last_vowel(new)?;
    let back = "aıou".contains(v);
    let four = match v {
        'a' | 'ı' => 'ı',
        'o' | 'u' => 'u',
        'ö' | 'ü' => 'ü',
        _ => 'i',
    };
    Some(
        suffix
            .chars()
            .map(|c| match c {
                'a' | 'ə' => {
                    if back {
                        'a'
                    } else {
                        'ə'
                    }
                }
                'ı' | 'i' | 'u' | 'ü' => four,
                c => c,
            })
            .collect(),
    )
}

fn en_ordinal(n: u32, upper: bool) -> String {
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

/// The uppercase of `c`, with the Azerbaijani dotted İ when `turkic`.
fn upper(c: char, turkic: bool) -> String {
    if turkic && c == 'i' {
        "İ".to_string()
    } else {
        c.to_uppercase().collect()
    }
}

fn capitalize(word: &str, turkic: bool) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        let mut out = upper(first, turkic);
        out.extend(chars);
        out
    })
}

/// The replacements that turn the number field `num` (value `old`) into `new`.
fn rewrite_num(
    text: &str,
    num: &Num,
    old: u32,
    new: u32,
    out: &mut Vec<(Range<usize>, String)>,
) -> Option<()> {
    if old == new {
        return Some(());
    }
    let width = num.digits.len();
    out.push((num.digits.clone(), format!("{new:0width$}")));
    if let Some((range, kind)) = &num.suffix {
        let written = text.get(range.clone())?;
        let suffix = match kind {
            SuffixKind::Ordinal => en_ordinal(new, written.chars().all(|c| c.is_ascii_uppercase())),
            SuffixKind::Az => az_reharmonize(written, az_spoken_end(old), az_spoken_end(new))?,
        };
        out.push((range.clone(), suffix));
    }
    Some(())
}

/// Rewrites the date `written` (recognised in `text`) to the date `to`, keeping its form (see the
/// module docs). None when `to` has other fields than the written date, or a suffix cannot be
/// carried over.
///
/// ```
/// use tmkit::{Lang, fuzzy::date::{recognize, rewrite, Date}};
/// let az = Lang::parse("az")?;
/// let text = "3 iyul 2024-cü il";
/// let w = recognize(text, &az).expect("a date");
/// let to = Date { year: Some(2026), month: 8, day: Some(10) };
/// assert_eq!(rewrite(text, &w, to).as_deref(), Some("10 avqust 2026-cı il"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn rewrite(text: &str, written: &Written, to: Date) -> Option<String> {
    let from = written.date;
    if !from.has_same_fields(&to) {
        return None;
    }
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    if let (Some(num), Some(old), Some(new)) = (&written.day, from.day, to.day) {
        rewrite_num(text, num, old.into(), new.into(), &mut out)?;
    }
    if let (Some(num), Some(old), Some(new)) = (&written.year, from.year, to.year) {
        rewrite_num(text, num, old.into(), new.into(), &mut out)?;
    }
    if from.month != to.month {
        match &written.month {
            Month::Num(num) => {
                rewrite_num(text, num, from.month.into(), to.month.into(), &mut out)?;
            }
            Month::Name {
                bytes,
                names,
                capital,
                turkic,
                suffix,
            } => {
                let old_name = names.get(usize::from(from.month) - 1)?;
                let new_name = names.get(usize::from(to.month) - 1)?;
                let written_name = text.get(bytes.clone())?;
                let name = if written_name.chars().skip(1).any(char::is_uppercase) {
                    new_name.chars().map(|c| upper(c, *turkic)).collect()
                } else if *capital {
                    capitalize(new_name, *turkic)
                } else {
                    new_name.to_string()
                };
                out.push((bytes.clone(), name));
                if let Some(range) = suffix {
                    let s = az_reharmonize(text.get(range.clone())?, old_name, new_name)?;
                    out.push((range.clone(), s));
                }
            }
        }
    }
    splice(text.get(..written.len)?, out)
}

/// `text` with each byte range replaced (ranges disjoint, in any order); None when a range does not
/// fall on character boundaries.
pub(crate) fn splice(text: &str, mut replacements: Vec<(Range<usize>, String)>) -> Option<String> {
    replacements.sort_by_key(|(r, _)| r.start);
    let mut out = String::with_capacity(text.len() + 8);
    let mut at = 0;
    for (range, with) in replacements {
        out.push_str(text.get(at..range.start)?);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(text.get(at..)?);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn date(y: Option<u16>, m: u8, d: Option<u8>) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// (language, text, the date's length in chars or 0 for none, year, month, day)
    #[test]
    fn dates_are_recognised_in_every_language() {
        let cases: &[(&str, &str, &str, Option<Date>)] = &[
            (
                "en",
                "3 July 2024 in Baku",
                "3 July 2024",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "en",
                "July 3, 2024, Baku",
                "July 3, 2024",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "en",
                "July 3, AZERTAC",
                "July 3",
                Some(date(None, 7, Some(3))),
            ),
            (
                "en",
                "3rd of July",
                "3rd of July",
                Some(date(None, 7, Some(3))),
            ),
            (
                "en",
                "Sept. 30 2024",
                "Sept. 30 2024",
                Some(date(Some(2024), 9, Some(30))),
            ),
            (
                "en",
                "July 2024 was hot",
                "July 2024",
                Some(date(Some(2024), 7, None)),
            ),
            ("en", "Dec.", "", None),
            ("en", "May 35", "", None),
            ("en", "3 may be", "", None),
            (
                "en",
                "03.07.2024.",
                "03.07.2024",
                Some(date(Some(2024), 7, Some(3))),
            ),
            ("en", "2024-07-03T10", "", None),
            (
                "en",
                "2024-07-03",
                "2024-07-03",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "en",
                "13/07/2024",
                "13/07/2024",
                Some(date(Some(2024), 7, Some(13))),
            ),
            ("en", "2024", "", None),
            (
                "az",
                "3 iyul 2024-cü il tarixində",
                "3 iyul 2024-cü il",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "az",
                "3 iyul 2024-cü ildə",
                "3 iyul 2024-cü ildə",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "az",
                "3 iyulda Astanada",
                "3 iyulda",
                Some(date(None, 7, Some(3))),
            ),
            (
                "az",
                "iyulun 3-də",
                "iyulun 3-də",
                Some(date(None, 7, Some(3))),
            ),
            ("az", "3 İyul", "3 İyul", Some(date(None, 7, Some(3)))),
            ("az", "3 iyulxyz", "", None),
            ("az", "3 milyard", "", None),
            (
                "ru",
                "3 июля 2024 года в Астане",
                "3 июля 2024 года",
                Some(date(Some(2024), 7, Some(3))),
            ),
            (
                "ru",
                "3 июля 2024 г. в",
                "3 июля 2024 г.",
                Some(date(Some(2024), 7, Some(3))),
            ),
            ("ru", "Астана, 3 июля, АЗЕРТАДЖ", "", None),
            (
                "ru",
                "3 июля, АЗЕРТАДЖ",
                "3 июля",
                Some(date(None, 7, Some(3))),
            ),
            (
                "ru",
                "июле 2024 года",
                "июле 2024 года",
                Some(date(Some(2024), 7, None)),
            ),
            ("ru", "3 июль", "", None),
            (
                "zh",
                "2024年7月3日电",
                "2024年7月3日",
                Some(date(Some(2024), 7, Some(3))),
            ),
            ("zh", "7月3日电", "7月3日", Some(date(None, 7, Some(3)))),
            (
                "zh",
                "2024年7月在",
                "2024年7月",
                Some(date(Some(2024), 7, None)),
            ),
            ("zh", "7月", "", None),
            ("zh", "2024年", "", None),
        ];
        for (tag, text, expected, value) in cases {
            let got = recognize(text, &lang(tag));
            let got_text = got.as_ref().map(|w| &text[..w.len]);
            let want = value.map(|_| *expected);
            assert_eq!(
                got_text, want,
                "{tag} {text:?}: expected {want:?}, got {got_text:?}\nhelp: see the {tag} rules in recognize"
            );
            assert_eq!(got.map(|w| w.date), *value, "{tag} {text:?}");
        }
    }

    #[test]
    fn an_english_slash_date_with_both_numbers_up_to_12_is_ambiguous() {
        let w = recognize("03/07/2024", &lang("en")).expect("date");
        assert!(w.ambiguous);
        let w = recognize("03/07/2024", &lang("ru")).expect("date");
        assert!(!w.ambiguous);
        assert_eq!(w.date, date(Some(2024), 7, Some(3)));
        let w = recognize("07/13/2024", &lang("en")).expect("date");
        assert_eq!(
            (w.ambiguous, w.date),
            (false, date(Some(2024), 7, Some(13)))
        );
    }

    fn rw(tag: &str, text: &str, to: Date) -> Option<String> {
        let w = recognize(text, &lang(tag)).expect("a date");
        assert_eq!(w.len, text.len(), "{text}");
        rewrite(text, &w, to)
    }

    #[test]
    fn rewriting_keeps_the_written_form() {
        let d10 = date(None, 7, Some(10));
        assert_eq!(rw("az", "3 iyul", d10).as_deref(), Some("10 iyul"));
        assert_eq!(rw("ru", "3 июля", d10).as_deref(), Some("10 июля"));
        assert_eq!(rw("zh", "7月3日", d10).as_deref(), Some("7月10日"));
        assert_eq!(rw("en", "July 3", d10).as_deref(), Some("July 10"));
        assert_eq!(
            rw("en", "3rd of July", d10).as_deref(),
            Some("10th of July")
        );
        assert_eq!(
            rw("en", "July 1ST", date(None, 7, Some(22))).as_deref(),
            Some("July 22ND")
        );
        let full = date(Some(2025), 8, Some(1));
        assert_eq!(rw("en", "03.07.2024", full).as_deref(), Some("01.08.2025"));
        assert_eq!(
            rw("en", "Jul. 3, 2024", full).as_deref(),
            Some("Aug. 1, 2025")
        );
        assert_eq!(
            rw("ru", "3 июля 2024 года", full).as_deref(),
            Some("1 августа 2025 года")
        );
        assert_eq!(
            rw("ru", "Июле 2024 года", date(Some(2024), 3, None)).as_deref(),
            Some("Марте 2024 года")
        );
        assert_eq!(
            rw("zh", "2024年7月3日", full).as_deref(),
            Some("2025年8月1日")
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

    #[test]
    fn rewriting_refuses_a_date_with_other_fields() {
        assert_eq!(rw("az", "3 iyul", date(Some(2024), 7, Some(10))), None);
        assert_eq!(rw("ru", "3 июля 2024 года", date(None, 7, Some(10))), None);
        assert_eq!(rw("zh", "2024年7月", date(Some(2024), 7, Some(1))), None);
    }

    #[test]
    fn azerbaijani_suffixes_follow_the_number_read_aloud() {
        let cases = [
            (2024, "cü"),
            (2025, "ci"),
            (2026, "cı"),
            (2029, "cu"),
            (2030, "cu"),
            (2040, "cı"),
            (2000, "ci"),
            (2100, "cü"),
        ];
        for (n, want) in cases {
            assert_eq!(
                az_reharmonize("cü", az_spoken_end(2024), az_spoken_end(n)).as_deref(),
                Some(want),
                "{n}"
            );
        }
        // The genitive -ün after a consonant becomes -nin after a vowel: not carried over.
        assert_eq!(
            az_reharmonize("ün", az_spoken_end(3), az_spoken_end(2)),
            None
        );
        assert_eq!(
            az_reharmonize("də", az_spoken_end(3), az_spoken_end(10)).as_deref(),
            Some("da")
        );
    }

    proptest! {
        #[test]
        fn every_valid_date_round_trips_through_every_form(
            y in 1990u16..2100, m in 1u8..=12, d in 1u8..=28,
            y2 in 1990u16..2100, m2 in 1u8..=12, d2 in 1u8..=28,
        ) {
            let forms = [
                ("en", format!("{d} {} {y}", EN_FULL[usize::from(m) - 1])),
                ("en", format!("{} {d}, {y}", EN_FULL[usize::from(m) - 1])),
                ("en", format!("{y}-{m:02}-{d:02}")),
                ("az", format!("{d} {} {y}-{} il", AZ[usize::from(m) - 1],
                    az_reharmonize("cü", "dörd", az_spoken_end(y.into())).unwrap_or_default())),
                ("ru", format!("{d} {} {y} года", RU_GEN[usize::from(m) - 1])),
                ("zh", format!("{y}年{m}月{d}日")),
                ("ru", format!("{d:02}.{m:02}.{y}")),
            ];
            let from = date(Some(y), m, Some(d));
            let to = date(Some(y2), m2, Some(d2));
            for (tag, text) in &forms {
                let w = recognize(text, &lang(tag));
                prop_assert!(w.is_some(), "{} {:?} not recognised", tag, text);
                let w = w.expect("checked");
                prop_assert_eq!(w.len, text.len());
                prop_assert_eq!(w.date, from);
                let new = rewrite(text, &w, to);
                prop_assert!(new.is_some(), "{} {:?} not rewritten", tag, text);
                let new = new.expect("checked");
                let back = recognize(&new, &lang(tag));
                prop_assert_eq!(back.map(|b| (b.len, b.date)), Some((new.len(), to)), "{}", new);
            }
        }

        #[test]
        fn recognising_never_panics_and_stays_inside_the_text(text in "\\PC{0,24}") {
            for tag in ["en", "az", "ru", "zh"] {
                if let Some(w) = recognize(&text, &lang(tag)) {
                    prop_assert!(w.len <= text.len() && text.is_char_boundary(w.len));
                }
            }
        }
    }
}
