//! Numbers spelled out in words: 0–20 and the tens, and a ten with a one (`twenty-one`,
//! `двадцать пять`, `iyirmi beş`, `二十五`), so that `six` → `seven` in a query is a changed number
//! and a target writing `altı` or `6` can follow it.
//!
//! - English: `zero` … `twenty`, `thirty` … `ninety`, `twenty-one` (hyphenated), any case.
//! - Russian: the nominative (`пять`, `двадцать пять`; `один`/`одна`/`одно`, `два`/`две`). Other
//!   cases (`пяти`) are not read, so a number written in them is never rewritten.
//! - Azerbaijani: `bir` … `doqquz`, `on` … `doxsan`, `on bir`.
//! - Chinese: a run of 零一二两三四五六七八九十百千 (`二十五`, `一百`), not a lone 一 (a word part as
//!   often as a number) nor a run before 年, 月, 日 or 号 (dates and the calendar).
//!
//! Writing ([`write`]) covers what reading covers, in the plain form: English and Azerbaijani words
//! (a capital kept), the Russian nominative for 0 and 3–99 (1 and 2 have a gender the text decides:
//! not written), Chinese numerals up to 99 (`两` when the old number was written so).

use crate::fuzzy::token::{Kind, Token};
use crate::lang::Lang;

const EN: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];
const EN_TENS: [&str; 10] = [
    "", "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const RU: [&str; 21] = [
    "ноль",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
    "двадцать",
];
const RU_TENS: [&str; 10] = [
    "",
    "десять",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const AZ: [&str; 10] = [
    "sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz",
];
const AZ_TENS: [&str; 10] = [
    "", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan",
];
const ZH: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/// The value of a single number word (folded) in `lang`, and whether it is a ten (20, 30 …).
fn word_value(folded: &str, lang: &str) -> Option<(u32, bool)> {
    let find = |table: &[&str]| table.iter().position(|w| *w == folded);
    let (ones, tens): (&[&str], &[&str]) = match lang {
        "en" => (&EN, &EN_TENS),
        "ru" => (&RU, &RU_TENS),
        "az" => (&AZ, &AZ_TENS),
        _ => return None,
    };
    // Azerbaijani `on bir` is a ten and a one; English and Russian 11–19 are one word.
    if let Some(t) = find(tens).filter(|&t| t >= 2 || lang == "az") {
        return Some((t as u32 * 10, true));
    }
    if let Some(n) = find(ones) {
        return Some((n as u32, false));
    }
    if lang == "ru" {
        return match folded {
            "одна" | "одно" => Some((1, false)),
            "две" => Some((2, false)),
            _ => None,
        };
    }
    None
}

fn zh_digit(c: char) -> Option<u32> {
    if c == '两' {
        return Some(2);
    }
    ZH.iter().position(|&z| z == c).map(|n| n as u32)
}

fn is_zh_numeral(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if zh_digit(c).is_some() || matches!(c, '十' | '百' | '千'))
}

/// A Chinese numeral (`二十五`, `一百`, `十`); None when malformed.
fn zh_value(s: &str) -> Option<u32> {
    let (mut total, mut current, mut seen) = (0u32, None::<u32>, false);
    for c in s.chars() {
        if let Some(d) = zh_digit(c) {
            if current.is_some() {
                return None;
            }
            current = Some(d);
        } else {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => return None,
            };
            total = total.checked_add(current.take().unwrap_or(1) * unit)?;
            seen = true;
        }
    }
    let value = total.checked_add(current.unwrap_or(0))?;
    (seen || s.chars().count() == 1).then_some(value)
}

/// A spelled number starting at token `i`: its value and how many tokens it takes.
pub(crate) fn read(text: &str, tokens: &[Token], i: usize, lang: &Lang) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    if t.kind != Kind::Word {
        return None;
    }
    let code = lang.language();
    if code == "zh" {
        let mut end = i;
        while let Some(next) = tokens.get(end)
            && (end == i || next.gap == 0)
            && is_zh_numeral(next.text(text))
        {
            end += 1;
        }
        if end == i {
            return None;
        }
        let run = text.get(t.bytes.start..tokens.get(end - 1)?.bytes.end)?;
        if run == "一" {
            return None;
        }
        if let Some(after) = tokens.get(end)
            && matches!(after.text(text), "年" | "月" | "日" | "号")
        {
            return None;
        }
        return Some((zh_value(run)?, end - i));
    }
    let (value, is_ten) = word_value(&t.key, code)?;
    if is_ten {
        let ones = |j: usize, gap: bool| -> Option<u32> {
            let w = tokens.get(j)?;
            if (w.gap != 0) != gap || w.kind != Kind::Word {
                return None;
            }
            match word_value(&w.key, code)? {
                (n @ 1..=9, false) => Some(n),
                _ => None,
            }
        };
        if code == "en"
            && tokens
                .get(i + 1)
                .is_some_and(|h| h.gap == 0 && h.text(text) == "-")
            && let Some(n) = ones(i + 2, false)
        {
            return Some((value + n, 3));
        }
        if code != "en"
            && let Some(n) = ones(i + 1, true)
        {
            return Some((value + n, 2));
        }
    }
    Some((value, 1))
}

/// `n` spelled out in `lang` in place of the spelled number `old` (see the module docs: a capital
/// and 两 are kept); None when it is not written.
pub(crate) fn write(n: u32, lang: &Lang, old: &str) -> Option<String> {
    let capital = old.chars().next().is_some_and(char::is_uppercase);
    let (ones, tens, hyphen): (&[&str], &[&str], &str) = match lang.language() {
        "en" => (&EN, &EN_TENS, "-"),
        "ru" if n == 0 || (3..100).contains(&n) => (&RU, &RU_TENS, " "),
        "az" => (&AZ, &AZ_TENS, " "),
        "zh" => {
            let (t, o) = (n / 10, n % 10);
            let mut s = String::new();
            match n {
                2 if old.contains('两') => s.push('两'),
                0..=9 => s.push(ZH[n as usize]),
                10..=99 => {
                    if t > 1 {
                        s.push(ZH[t as usize]);
                    }
                    s.push('十');
                    if o > 0 {
                        s.push(ZH[o as usize]);
                    }
                }
                _ => return None,
            }
            return Some(s);
        }
        _ => return None,
    };
    let word = if let Some(w) = ones.get(n as usize) {
        (*w).to_string()
    } else if n < 100 {
        let (t, o) = ((n / 10) as usize, (n % 10) as usize);
        if o == 0 {
            tens[t].to_string()
        } else {
            format!("{}{hyphen}{}", tens[t], ones[o])
        }
    } else {
        return None;
    };
    Some(if capital {
        let mut chars = word.chars();
        chars.next().map_or_else(String::new, |c| {
            let upper: String = if lang.info().turkic_case && c == 'i' {
                "İ".into()
            } else {
                c.to_uppercase().collect()
            };
            upper + chars.as_str()
        })
    } else {
        word
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::token::tokenize;

    fn values(text: &str, tag: &str) -> Vec<u32> {
        let lang = Lang::parse(tag).expect("tag");
        let tokens = tokenize(text, &lang);
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            match read(text, &tokens, i, &lang) {
                Some((n, len)) => {
                    out.push(n);
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    #[test]
    fn spelled_numbers_are_read_in_each_language() {
        assert_eq!(
            values("Six people and twenty-one dogs, ten cats", "en"),
            [6, 21, 10]
        );
        assert_eq!(
            values("погибли шесть человек, двадцать пять ранены", "ru"),
            [6, 25]
        );
        assert_eq!(values("altı nəfər, on bir ev, iyirmi", "az"), [6, 11, 20]);
        assert_eq!(values("六人死亡，二十五人受伤，一百", "zh"), [6, 25, 100]);
        // A lone 一 and the calendar are not numbers.
        assert_eq!(values("统一，七月，三日", "zh"), Vec::<u32>::new());
    }

    #[test]
    fn spelled_numbers_are_written_in_each_language() {
        let w = |n: u32, tag: &str, capital: bool| {
            let old = if capital { "X" } else { "x" };
            write(n, &Lang::parse(tag).expect("tag"), old)
        };
        assert_eq!(w(7, "en", true).as_deref(), Some("Seven"));
        assert_eq!(w(21, "en", false).as_deref(), Some("twenty-one"));
        assert_eq!(w(7, "ru", false).as_deref(), Some("семь"));
        assert_eq!(w(2, "ru", false), None);
        assert_eq!(w(25, "ru", false).as_deref(), Some("двадцать пять"));
        assert_eq!(w(7, "az", false).as_deref(), Some("yeddi"));
        assert_eq!(w(10, "az", false).as_deref(), Some("on"));
        assert_eq!(w(2, "az", true).as_deref(), Some("İki"));
        assert_eq!(w(7, "zh", false).as_deref(), Some("七"));
        assert_eq!(w(25, "zh", false).as_deref(), Some("二十五"));
        assert_eq!(w(10, "zh", false).as_deref(), Some("十"));
        let zh = Lang::parse("zh").expect("tag");
        assert_eq!(write(2, &zh, "两").as_deref(), Some("两"));
        assert_eq!(write(2, &zh, "三").as_deref(), Some("二"));
    }
}
