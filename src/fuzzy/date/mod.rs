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
//! - Chinese and Japanese: `2024年7月3日`, `7月3日`, `7月3号`, `2024年7月`, also spaced (`2024 年 7 月 3 日`).
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

mod az;
mod en;
mod ru;
mod zh;

use std::ops::Range;

use crate::lang::Lang;

pub use az::AZ;
pub use en::{EN_ABBR, EN_FULL};
pub use ru::{RU_GEN, RU_NOM, RU_PREP};

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
    Dates::of(lang).may_start(c)
}

/// [`may_start`] and [`recognize`] for one language, its table of month names found once: what a
/// tokenizer asks at every piece of a text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dates(Family);

impl Dates {
    /// The dates of `lang`.
    pub(crate) fn of(lang: &Lang) -> Dates {
        Dates(family(lang))
    }

    /// [`may_start`].
    pub(crate) fn may_start(self, c: char) -> bool {
        if c.is_ascii_digit() {
            return true;
        }
        match self.0 {
            Family::En => en::may_start_word(c),
            Family::Az => az::may_start_word(c),
            Family::Ru => ru::may_start_word(c),
            Family::Cjk | Family::Other => false,
        }
    }

    /// [`recognize`].
    pub(crate) fn recognize(self, text: &str) -> Option<Written> {
        let first = text.chars().next()?;
        if !self.may_start(first) {
            return None;
        }
        let cur = Cur { s: text, at: 0 };
        let fam = self.0;
        if first.is_ascii_digit() {
            numeric(cur, fam).or_else(|| match fam {
                Family::En => en::day_first(cur),
                Family::Az => az::day_first(cur),
                Family::Ru => ru::day_first(cur),
                Family::Cjk => zh::recognize(cur),
                Family::Other => None,
            })
        } else {
            match fam {
                Family::En => en::month_first(cur),
                Family::Az => az::month_first(cur),
                Family::Ru => ru::month_first(cur),
                Family::Cjk | Family::Other => None,
            }
        }
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
        // ASCII letters byte by byte; where a non-ASCII character follows, by characters.
        let b = rest.as_bytes();
        let ascii = b.iter().take_while(|c| c.is_ascii_alphabetic()).count();
        let n: usize = if b.get(ascii).is_none_or(u8::is_ascii) {
            ascii
        } else {
            rest.chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum()
        };
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
    Dates::of(lang).recognize(text)
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
            SuffixKind::Ordinal => {
                en::ordinal(new, written.chars().all(|c| c.is_ascii_uppercase()))
            }
            SuffixKind::Az => az::reharmonize(
                written,
                az::spoken_end(old.into()),
                az::spoken_end(new.into()),
            )?,
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
                    let s = az::reharmonize(text.get(range.clone())?, old_name, new_name)?;
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

/// The month (1–12) a single word names in `lang`, from the same tables the recognisers use; None
/// for other words and for languages without month names (Chinese writes the month as a number).
///
/// - English: the full name, capitalised (`March`, `JULY`; not `march`, `may`, nor `Jul`). `May` at
///   the start of a sentence is as likely the verb: a caller that knows the position decides.
/// - Azerbaijani: the name with at most four letters of case suffix (`iyulda`, `Oktyabrın`).
/// - Russian: the stem the three cases share with at most four letters of ending (`июля`, `июле`,
///   not `июльский`); `май` only as `май`, `мая`, `мае`.
///
/// Words are compared case-folded for `lang` (so `İyul` is July in Azerbaijani).
///
/// ```
/// use tmkit::{Lang, fuzzy::date::month_number};
/// assert_eq!(month_number(&Lang::parse("ru")?, "июля"), Some(7));
/// assert_eq!(month_number(&Lang::parse("az")?, "Oktyabrın"), Some(10));
/// assert_eq!(month_number(&Lang::parse("en")?, "may"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn month_number(lang: &Lang, word: &str) -> Option<u32> {
    match family(lang) {
        Family::En => en::month_number(word, &lang.fold(word)),
        Family::Az => az::month_number(&lang.fold(word)),
        Family::Ru => ru::month_number(&lang.fold(word)),
        Family::Cjk | Family::Other => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    pub(super) fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    pub(super) fn date(y: Option<u16>, m: u8, d: Option<u8>) -> Date {
        Date {
            year: y,
            month: m,
            day: d,
        }
    }

    /// Checks a table of `(text, the date as written at its start, its value)`; an empty written
    /// date and None: no date.
    pub(super) fn check_recognised(tag: &str, cases: &[(&str, &str, Option<Date>)]) {
        for (text, expected, value) in cases {
            let got = recognize(text, &lang(tag));
            let got_text = got.as_ref().map(|w| &text[..w.len]);
            let want = value.map(|_| *expected);
            assert_eq!(
                got_text, want,
                "{tag} {text:?}: expected {want:?}, got {got_text:?}\nhelp: see the {tag} rules in fuzzy/date/{tag}.rs"
            );
            assert_eq!(got.map(|w| w.date), *value, "{tag} {text:?}");
        }
    }

    /// `text`, a whole date in `tag`, rewritten to `to`.
    pub(super) fn rw(tag: &str, text: &str, to: Date) -> Option<String> {
        let w = recognize(text, &lang(tag)).expect("a date");
        assert_eq!(w.len, text.len(), "{text}");
        rewrite(text, &w, to)
    }

    #[test]
    fn numeric_dates_are_recognised_in_every_language() {
        let full = Some(date(Some(2024), 7, Some(3)));
        for tag in ["en", "az", "ru", "zh"] {
            check_recognised(
                tag,
                &[
                    ("03.07.2024.", "03.07.2024", full),
                    ("2024-07-03", "2024-07-03", full),
                    ("2024/07/03", "2024/07/03", full),
                    ("2024.07.03", "2024.07.03", full),
                    ("2024-07-03T10", "", None),
                    (
                        "13/07/2024",
                        "13/07/2024",
                        Some(date(Some(2024), 7, Some(13))),
                    ),
                    ("2024", "", None),
                ],
            );
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

    #[test]
    fn rewriting_a_numeric_date_keeps_its_padding() {
        let full = date(Some(2025), 8, Some(1));
        assert_eq!(rw("en", "03.07.2024", full).as_deref(), Some("01.08.2025"));
        assert_eq!(rw("ru", "3.7.2024", full).as_deref(), Some("1.8.2025"));
    }

    #[test]
    fn rewriting_refuses_a_date_with_other_fields() {
        assert_eq!(rw("az", "3 iyul", date(Some(2024), 7, Some(10))), None);
        assert_eq!(rw("ru", "3 июля 2024 года", date(None, 7, Some(10))), None);
        assert_eq!(rw("zh", "2024年7月", date(Some(2024), 7, Some(1))), None);
    }

    #[test]
    fn month_numbers_come_from_the_date_tables() {
        let (en, ru, az, zh) = (lang("en"), lang("ru"), lang("az"), lang("zh"));
        assert_eq!(month_number(&en, "July"), Some(7));
        assert_eq!(month_number(&en, "JULY"), Some(7));
        assert_eq!(month_number(&en, "may"), None);
        assert_eq!(month_number(&en, "May"), Some(5));
        assert_eq!(month_number(&en, "Jul"), None);
        assert_eq!(month_number(&ru, "июля"), Some(7));
        assert_eq!(month_number(&ru, "Июле"), Some(7));
        assert_eq!(month_number(&ru, "мая"), Some(5));
        assert_eq!(month_number(&ru, "маяк"), None);
        assert_eq!(month_number(&ru, "марта"), Some(3));
        assert_eq!(month_number(&ru, "мартовский"), None);
        assert_eq!(month_number(&az, "iyulda"), Some(7));
        assert_eq!(month_number(&az, "İyul"), Some(7));
        assert_eq!(month_number(&az, "Oktyabrın"), Some(10));
        assert_eq!(month_number(&az, "mayda"), Some(5));
        assert_eq!(month_number(&zh, "七月"), None);
        for (i, name) in EN_FULL.iter().enumerate() {
            assert_eq!(month_number(&en, name), Some(i as u32 + 1), "{name}");
            assert_eq!(month_number(&az, AZ[i]), Some(i as u32 + 1), "{}", AZ[i]);
            for table in [&RU_GEN, &RU_NOM, &RU_PREP] {
                assert_eq!(
                    month_number(&ru, table[i]),
                    Some(i as u32 + 1),
                    "{}",
                    table[i]
                );
            }
        }
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
                    az::reharmonize("cü", "dörd", az::spoken_end(y.into())).unwrap_or_default())),
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
