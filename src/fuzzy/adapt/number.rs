//! Numbers as each language writes them: reading a written number's value, and writing a value in
//! a target language's conventions.
//!
//! A *figure* is a number as written in a text, with what belongs to it:
//! - its digits, with the language's decimal mark and digit grouping (`1,203.5` in English and
//!   Chinese; `1 203,5` in Russian and Azerbaijani, the space a no-break space U+00A0 — what
//!   Azerbaijani news in NTREX writes; Russian NTREX writes a plain space, which is read too);
//! - or a spelled-out number (`six`, `шесть`, `altı`, `六`: see [`super::spelled`]);
//! - an optional scale word after it (`billion`, `миллиарда`/`млрд`, `milyard`, `亿`/`万`), so
//!   `3 billion` and `30亿` have one value, 3 000 000 000;
//! - in Azerbaijani, a suffix after a hyphen (`2026-cı`), which [`super::az`] re-harmonises.
//!
//! Values are exact: whole millionths in a `u128`, so `1.2 million` and `120万` are equal.
//!
//! Reading is lenient in a target (a stored translation may copy the English form: `1,203` in a
//! Russian text is read both as 1203 and as 1.203) and strict in the source and query (the first
//! reading: the language's own convention).
//!
//! Writing ([`rewrite`]) follows the target language: the decimal mark (`,` in ru and az, `.` in en and
//! zh), grouping of the whole part from five digits on, and of four digits when the query groups
//! them (`1,203` → `1 203`, while a year `2027` stays `2027`); in Chinese, a figure with a scale
//! character is written in 亿 (from 10⁸) or 万 (from 10⁴); in Russian, the scale word agrees with
//! the number (`1 миллиард`, `4 миллиарда`, `5 миллиардов`, `1,5 миллиарда`).
//!
//! Limits: negative numbers (the sign is punctuation), fractions, percentages beyond the digits,
//! Roman numerals, full-width digits and more than six decimal places are not read.

use std::ops::Range;

use super::spelled;
use crate::fuzzy::token::{Kind, NUMBER_KEY, Token};
use crate::lang::Lang;

/// One, in the millionths values are kept in.
pub(crate) const ONE: u128 = 1_000_000;
/// Decimal places a value keeps.
const PLACES: u8 = 6;

/// How a language writes numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Style {
    /// The decimal mark.
    decimal: char,
    /// The digit-group separator written.
    group: char,
}

/// The style of `lang`: Russian and Azerbaijani write a decimal comma and group with a no-break
/// space; English, Chinese and other languages a decimal point and comma groups.
pub(crate) fn style(lang: &Lang) -> Style {
    match lang.language() {
        "ru" | "az" => Style {
            decimal: ',',
            group: '\u{a0}',
        },
        _ => Style {
            decimal: '.',
            group: ',',
        },
    }
}

/// One reading of a number's digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    /// The value in millionths.
    pub value: u128,
    /// Decimal places written.
    pub decimals: u8,
    /// Whether the whole part is written in groups (`1,203`, `1 203`).
    pub grouped: bool,
}

fn whole(digits: &str) -> Option<u128> {
    // Eighteen digits keep value × scale (at most 10¹² × 10⁶) inside a u128.
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse::<u128>().ok()?.checked_mul(ONE)
}

fn with_fraction(int: u128, frac: &str) -> Option<Digits> {
    let decimals = u8::try_from(frac.len()).ok()?;
    if decimals == 0 || decimals > PLACES || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let f: u128 = frac.parse().ok()?;
    Some(Digits {
        value: int + f * 10u128.pow(u32::from(PLACES - decimals)),
        decimals,
        grouped: false,
    })
}

/// The whole part of `parts` joined as groups: the first of one to three digits, the others of three.
fn groups(parts: &[&str]) -> Option<u128> {
    let (first, rest) = parts.split_first()?;
    if first.is_empty() || first.len() > 3 || rest.iter().any(|p| p.len() != 3) {
        return None;
    }
    whole(&parts.concat())
}

/// The readings of a number token's text (`1,203`, `2,7`, `150.000`, `1.234,5`) in `lang`, its own
/// convention first; none when it is not a number we read.
pub(crate) fn read(text: &str, lang: &Lang) -> Vec<Digits> {
    let decimal = style(lang).decimal;
    let seps: Vec<char> = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    let plain = |value| Digits {
        value,
        decimals: 0,
        grouped: false,
    };
    let grouped = |value| Digits {
        value,
        decimals: 0,
        grouped: true,
    };
    let Some(&last) = seps.last() else {
        return whole(text).map(plain).into_iter().collect();
    };
    let parts: Vec<&str> = text.split(|c: char| !c.is_ascii_digit()).collect();
    if seps.iter().all(|&c| c == last) {
        if seps.len() > 1 || matches!(last, '\'' | '_') {
            return groups(&parts).map(grouped).into_iter().collect();
        }
        let (int, frac) = (parts[0], parts[1]);
        let as_decimal = whole(int).and_then(|i| with_fraction(i, frac));
        let as_groups = groups(&parts).map(grouped);
        let decimal_first = last == decimal || lang.language() == "zh" && last == '.';
        let mut out: Vec<Digits> = if decimal_first {
            [as_decimal, as_groups].into_iter().flatten().collect()
        } else {
            [as_groups, as_decimal].into_iter().flatten().collect()
        };
        out.dedup();
        return out;
    }
    // Two kinds of mark: the last one, once, is the decimal mark; the others group.
    if seps.iter().filter(|&&c| c == last).count() != 1 || !matches!(last, '.' | ',') {
        return Vec::new();
    }
    let (frac, int_parts) = parts.split_last().expect("at least two parts");
    groups(int_parts)
        .and_then(|i| with_fraction(i, frac))
        .map(|d| Digits { grouped: true, ..d })
        .into_iter()
        .collect()
}

/// A scale word: its value and how it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Scale {
    /// Bytes of the scale word (or characters) in the text.
    pub bytes: Range<usize>,
    /// What it multiplies by.
    pub unit: u128,
    /// An Azerbaijani case suffix glued to it (`milyarda`): its bytes.
    pub suffix: Option<Range<usize>>,
}

/// Azerbaijani case suffixes a scale word may carry (`milyarda`, `milyonun`, `mindən`).
const AZ_SUFFIXES: [&str; 20] = [
    "da", "də", "dan", "dən", "a", "ə", "ya", "yə", "ın", "in", "un", "ün", "ı", "i", "u", "ü",
    "la", "lə", "lar", "lər",
];

/// The unit of a scale word (`word` as written) in `lang`, and the length of its stem when an
/// Azerbaijani suffix follows it.
fn scale_word(word: &str, lang: &Lang) -> Option<(u128, usize)> {
    let folded = lang.fold(word);
    let f = folded.as_str();
    let e = |n: u32| 10u128.pow(n);
    match lang.language() {
        "en" => {
            let stem = f.strip_suffix('s').unwrap_or(f);
            let unit = match stem {
                "thousand" => e(3),
                "million" => e(6),
                "billion" => e(9),
                "trillion" => e(12),
                _ => return None,
            };
            Some((unit, word.len()))
        }
        "ru" => {
            let unit = if f.starts_with("тысяч") || f == "тыс" {
                e(3)
            } else if f.starts_with("миллиард") || f == "млрд" {
                e(9)
            } else if f.starts_with("миллион") || f == "млн" {
                e(6)
            } else if f.starts_with("триллион") || f == "трлн" {
                e(12)
            } else {
                return None;
            };
            // A derived word (`миллионный`, `тысячелетие`) is not a scale word.
            let stem = ["тысяч", "миллиард", "миллион", "триллион"]
                .iter()
                .find(|s| f.starts_with(*s))
                .map_or(0, |s| s.chars().count());
            let abbreviation = ["тыс", "млн", "млрд", "трлн"].contains(&f);
            (abbreviation || f.chars().count() <= stem + 3).then_some((unit, word.len()))
        }
        "az" => {
            for (stem, unit) in [
                ("milyard", e(9)),
                ("milyon", e(6)),
                ("trilyon", e(12)),
                ("min", e(3)),
                ("mlrd", e(9)),
                ("mln", e(6)),
            ] {
                if let Some(rest) = f.strip_prefix(stem)
                    && (rest.is_empty() || AZ_SUFFIXES.contains(&rest))
                {
                    // The stems are ASCII: the same length in the word as written.
                    return Some((unit, stem.len()));
                }
            }
            None
        }
        _ => None,
    }
}

/// A number written in a text (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Figure {
    /// Tokens it covers (digits and scale word), as indices into the text's tokens.
    pub tokens: Range<usize>,
    /// Bytes of the digits (or the spelled word).
    pub digits: Range<usize>,
    /// Its readings, the first the language's own.
    pub readings: Vec<Digits>,
    /// Whether it is spelled out (`six`, `altı`).
    pub spelled: bool,
    /// The scale word after it.
    pub scale: Option<Scale>,
    /// An Azerbaijani suffix after a hyphen (`2026-cı`): its bytes.
    pub suffix: Option<Range<usize>>,
}

impl Figure {
    /// The values of its readings, scale included.
    pub fn values(&self) -> impl Iterator<Item = u128> + '_ {
        let unit = self.scale.as_ref().map_or(1, |s| s.unit);
        self.readings.iter().map(move |d| d.value * unit)
    }

    /// Its value in the language's own reading.
    pub fn value(&self) -> Option<u128> {
        self.values().next()
    }

    /// Whether `value` is one of its readings.
    pub fn reads_as(&self, value: u128) -> bool {
        self.values().any(|v| v == value)
    }

    /// Bytes of the whole figure: digits and scale word (not an Azerbaijani suffix after a hyphen).
    pub fn bytes(&self) -> Range<usize> {
        let end = self.scale.as_ref().map_or(self.digits.end, |s| {
            s.suffix.as_ref().map_or(s.bytes.end, |r| r.end)
        });
        self.digits.start..end
    }
}

fn is_number(t: &Token) -> bool {
    t.kind == Kind::Number && t.key == NUMBER_KEY
}

/// Whether the text between two tokens is one space that may separate digit groups.
fn group_gap(text: &str, a: &Token, b: &Token) -> bool {
    matches!(
        text.get(a.bytes.end..b.bytes.start),
        Some(" " | "\u{a0}" | "\u{202f}")
    )
}

/// The figures of a text in `lang`, in text order.
pub(crate) fn figures(text: &str, tokens: &[Token], lang: &Lang) -> Vec<Figure> {
    let zh = lang.language() == "zh";
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let start = i;
        let (digits, readings, spelled) = if is_number(t) {
            let mut end = i;
            let mut bytes = t.bytes.clone();
            // Space-grouped digits: `820 000`, `1 203 000`.
            let first = t.text(text);
            if first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit()) {
                while let Some(next) = tokens.get(end + 1)
                    && is_number(next)
                    && next.text(text).len() == 3
                    && next.text(text).bytes().all(|b| b.is_ascii_digit())
                    && group_gap(text, &tokens[end], next)
                {
                    end += 1;
                    bytes.end = next.bytes.end;
                }
            }
            let readings = if end > i {
                let joined: String = text
                    .get(bytes.clone())
                    .unwrap_or("")
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect();
                whole(&joined)
                    .map(|value| Digits {
                        value,
                        decimals: 0,
                        grouped: true,
                    })
                    .into_iter()
                    .collect()
            } else {
                read(first, lang)
            };
            i = end + 1;
            (bytes, readings, false)
        } else if let Some((n, len)) = spelled::read(text, tokens, i, lang) {
            let bytes = t.bytes.start..tokens[i + len - 1].bytes.end;
            i += len;
            (
                bytes,
                vec![Digits {
                    value: u128::from(n) * ONE,
                    decimals: 0,
                    grouped: false,
                }],
                true,
            )
        } else {
            i += 1;
            continue;
        };
        if readings.is_empty() {
            continue;
        }
        let mut scale = None;
        if let Some(next) = tokens.get(i)
            && next.kind == Kind::Word
        {
            let word = next.text(text);
            if zh {
                let unit = match word {
                    "万" => Some(10u128.pow(4)),
                    "亿" => Some(10u128.pow(8)),
                    _ => None,
                };
                if let Some(mut unit) = unit {
                    let mut end = next.bytes.end;
                    i += 1;
                    // 万亿: a trillion.
                    if unit == 10u128.pow(4)
                        && let Some(yi) = tokens.get(i)
                        && yi.text(text) == "亿"
                        && yi.gap == 0
                    {
                        unit = 10u128.pow(12);
                        end = yi.bytes.end;
                        i += 1;
                    }
                    scale = Some(Scale {
                        bytes: next.bytes.start..end,
                        unit,
                        suffix: None,
                    });
                }
            } else if next.gap != 0
                && let Some((unit, stem)) = scale_word(word, lang)
            {
                let at = next.bytes.start;
                let mut end = if stem < word.len() {
                    at + stem
                } else {
                    next.bytes.end
                };
                let suffix = (stem < word.len()).then(|| at + stem..next.bytes.end);
                // `тыс.` and `млн.` take their abbreviation dot with them.
                if let Some(dot) = tokens.get(i + 1)
                    && dot.gap == 0
                    && dot.text(text) == "."
                    && matches!(lang.fold(word).as_str(), "тыс" | "млн" | "млрд" | "трлн")
                {
                    end = dot.bytes.end;
                    i += 1;
                }
                scale = Some(Scale {
                    bytes: at..end,
                    unit,
                    suffix,
                });
                i += 1;
            }
        }
        let mut suffix = None;
        if scale.is_none()
            && !spelled
            && lang.language() == "az"
            && let (Some(hyphen), Some(word)) = (tokens.get(i), tokens.get(i + 1))
            && hyphen.gap == 0
            && word.gap == 0
            && hyphen.text(text) == "-"
            && word.kind == Kind::Word
            && word.text(text).chars().count() <= 4
            && word.text(text).chars().all(char::is_lowercase)
        {
            suffix = Some(word.bytes.clone());
            i += 2;
        }
        out.push(Figure {
            tokens: start..i,
            digits,
            readings,
            spelled,
            scale,
            suffix,
        });
    }
    out
}

/// The digits of `value` (millionths) with at least `decimals` decimal places (more when the value
/// needs them), grouped when `group` says so, in `style`.
fn digits(value: u128, decimals: u8, group4: bool, style: Style) -> String {
    let int = value / ONE;
    let mut frac = format!("{:06}", value % ONE);
    while frac.len() > usize::from(decimals) && frac.ends_with('0') {
        frac.pop();
    }
    let int_text = int.to_string();
    let mut out = String::with_capacity(int_text.len() + 8);
    let group = int_text.len() >= 5 || int_text.len() == 4 && group4;
    for (k, c) in int_text.chars().enumerate() {
        if group && k > 0 && (int_text.len() - k).is_multiple_of(3) {
            out.push(style.group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push(style.decimal);
        out.push_str(&frac);
    }
    out
}

/// Russian number agreement: the form of a noun after a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RuForm {
    /// 1, 21, 101: nominative singular (`миллиард`).
    One,
    /// 2–4, 22–24: genitive singular (`миллиарда`); also any decimal (`1,5 миллиарда`).
    Few,
    /// 0, 5–20, 25–30: genitive plural (`миллиардов`).
    Many,
}

/// The form a Russian noun takes after `value` (millionths).
pub(crate) fn ru_form(value: u128) -> RuForm {
    if !value.is_multiple_of(ONE) {
        return RuForm::Few;
    }
    let n = value / ONE;
    match (n % 10, n % 100) {
        (_, 11..=14) => RuForm::Many,
        (1, _) => RuForm::One,
        (2..=4, _) => RuForm::Few,
        _ => RuForm::Many,
    }
}

/// A Russian scale word's three forms (one, few, many).
fn ru_scale_forms(unit: u128) -> Option<[&'static str; 3]> {
    Some(match unit {
        1_000 => ["тысяча", "тысячи", "тысяч"],
        1_000_000 => ["миллион", "миллиона", "миллионов"],
        1_000_000_000 => ["миллиард", "миллиарда", "миллиардов"],
        1_000_000_000_000 => ["триллион", "триллиона", "триллионов"],
        _ => return None,
    })
}

fn ru_abbreviation(unit: u128) -> Option<&'static str> {
    Some(match unit {
        1_000 => "тыс.",
        1_000_000 => "млн",
        1_000_000_000 => "млрд",
        1_000_000_000_000 => "трлн",
        _ => return None,
    })
}

fn form_index(form: RuForm) -> usize {
    match form {
        RuForm::One => 0,
        RuForm::Few => 1,
        RuForm::Many => 2,
    }
}

/// The scale word of `unit` in `lang`, written as `old` (the scale word the figure had, of unit
/// `old_unit` after the value `old_value`) was: abbreviated or in full, with Russian agreement.
/// None when the word cannot be written (a Russian word in another case than agreement gives).
fn scale_text(
    lang: &Lang,
    unit: u128,
    new_value: u128,
    old: &str,
    old_unit: u128,
    old_value: u128,
) -> Option<String> {
    match lang.language() {
        "en" => {
            let name = match unit {
                1_000 => "thousand",
                1_000_000 => "million",
                1_000_000_000 => "billion",
                1_000_000_000_000 => "trillion",
                _ => return None,
            };
            let upper = old.chars().next().is_some_and(char::is_uppercase);
            let mut s = name.to_string();
            if upper {
                s = s[..1].to_uppercase() + &s[1..];
            }
            Some(s)
        }
        "ru" => {
            let folded = lang.fold(old);
            if [
                "тыс.",
                "тыс",
                "млн",
                "млн.",
                "млрд",
                "млрд.",
                "трлн",
                "трлн.",
            ]
            .contains(&folded.as_str())
            {
                let abbr = ru_abbreviation(unit)?;
                // Keep the dot as written (`млн.`).
                return Some(if folded.ends_with('.') && !abbr.ends_with('.') {
                    format!("{abbr}.")
                } else if !folded.ends_with('.') && abbr.ends_with('.') && unit == old_unit {
                    abbr.trim_end_matches('.').to_string()
                } else {
                    abbr.to_string()
                });
            }
            let old_forms = ru_scale_forms(old_unit)?;
            let new_forms = ru_scale_forms(unit)?;
            let (old_form, new_form) = (ru_form(old_value / old_unit), ru_form(new_value / unit));
            if folded == old_forms[form_index(old_form)] {
                Some(new_forms[form_index(new_form)].to_string())
            } else if old_form == new_form && unit == old_unit {
                // Another case (`более 3 миллиардов`) that the new number keeps.
                Some(old.to_string())
            } else {
                None
            }
        }
        "az" => {
            let short = old.starts_with("ml");
            Some(
                match (unit, short) {
                    (1_000, _) => "min",
                    (1_000_000, false) => "milyon",
                    (1_000_000, true) => "mln",
                    (1_000_000_000, false) => "milyard",
                    (1_000_000_000, true) => "mlrd",
                    (1_000_000_000_000, _) => "trilyon",
                    _ => return None,
                }
                .to_string(),
            )
        }
        "zh" => Some(
            match unit {
                10_000 => "万",
                100_000_000 => "亿",
                1_000_000_000_000 => "万亿",
                _ => return None,
            }
            .to_string(),
        ),
        _ => None,
    }
}

/// What a figure is rewritten to: the replacements in the target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Rewrite {
    /// Byte ranges of the target and their new text.
    pub replacements: Vec<(Range<usize>, String)>,
}

/// Rewrites the target's figure `old` (read as `from`) to the value `to` in `lang`'s conventions
/// (see the module docs); `query` is how the query wrote the new number (its decimals, grouping and
/// scale unit). None when it cannot be written.
pub(crate) fn rewrite(
    target: &str,
    old: &Figure,
    from: u128,
    to: u128,
    query: &Figure,
    lang: &Lang,
) -> Option<Rewrite> {
    let style = style(lang);
    let query_digits = query.readings.first()?;
    let query_unit = query.scale.as_ref().map(|s| s.unit);
    let mut replacements = Vec::new();
    let old_digits = old
        .readings
        .iter()
        .find(|d| d.value * old.scale.as_ref().map_or(1, |s| s.unit) == from)?;
    // The unit the new figure is written in.
    let unit = match &old.scale {
        None => 1,
        Some(_) if lang.language() == "zh" => {
            if to >= 10u128.pow(12) * ONE {
                10u128.pow(12)
            } else if to >= 10u128.pow(8) * ONE {
                10u128.pow(8)
            } else if to >= 10u128.pow(4) * ONE {
                10u128.pow(4)
            } else {
                1
            }
        }
        Some(s) => match query_unit {
            Some(u) if u > 1 => u,
            _ if to >= s.unit * ONE => s.unit,
            _ => 1,
        },
    };
    let same_unit_as_query = query_unit.unwrap_or(1) == unit;
    let decimals = if same_unit_as_query {
        query_digits.decimals
    } else {
        0
    };
    let group4 = query_digits.grouped || old_digits.grouped;
    let new_value = to / unit;
    if new_value * unit != to {
        return None;
    }
    if old.spelled {
        let written = target.get(old.digits.clone())?;
        let word = spelled::write(u32::try_from(new_value / ONE).ok()?, lang, written)
            .filter(|_| new_value.is_multiple_of(ONE))?;
        replacements.push((old.digits.clone(), word));
    } else {
        let mut text = digits(new_value, decimals, group4, style);
        let written = target.get(old.digits.clone())?;
        // Zero padding of a code-like number (`0800`) is kept.
        if written.starts_with('0') && written.len() > 1 && old_digits.decimals == 0 {
            text = format!("{text:0>width$}", width = written.len());
        }
        replacements.push((old.digits.clone(), text));
    }
    if let Some(s) = &old.scale {
        let written = target.get(s.bytes.clone())?;
        if unit == 1 {
            // The scale word goes, with the space before it (and a suffix on it: not carried over).
            if s.suffix.is_some() {
                return None;
            }
            replacements.push((old.digits.end..old.bytes().end, String::new()));
        } else {
            let word = scale_text(lang, unit, to, written, s.unit, from)?;
            if let Some(range) = &s.suffix {
                let suffix = target.get(range.clone())?;
                let new_suffix = super::az::reharmonize(suffix, &lang.fold(written), &word)?;
                replacements.push((range.clone(), new_suffix));
            }
            replacements.push((s.bytes.clone(), word));
        }
    }
    if let Some(range) = &old.suffix {
        let suffix = target.get(range.clone())?;
        let end = |v: u128| {
            let int = u64::try_from(v / ONE).unwrap_or(0);
            let frac = (v % ONE) as u64;
            let mut f = frac;
            let mut d = PLACES;
            while d > 0 && f.is_multiple_of(10) && f > 0 {
                f /= 10;
                d -= 1;
            }
            super::az::spoken_end_decimal(int, f, if frac == 0 { 0 } else { d })
        };
        let new = super::az::reharmonize(suffix, end(from), end(to))?;
        replacements.push((range.clone(), new));
    }
    Some(Rewrite { replacements })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::token::tokenize;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn values(text: &str, tag: &str) -> Vec<u128> {
        read(text, &lang(tag)).iter().map(|d| d.value).collect()
    }

    #[test]
    fn digits_are_read_in_the_language_convention_first() {
        assert_eq!(values("1,203", "en"), [1_203 * ONE, 1_203_000]);
        assert_eq!(values("1.5", "en"), [1_500_000]);
        assert_eq!(values("2,7", "ru"), [2_700_000]);
        assert_eq!(values("1,203", "ru"), [1_203_000, 1_203 * ONE]);
        assert_eq!(values("150.000", "az"), [150_000 * ONE, 150 * ONE]);
        assert_eq!(values("1,234.5", "en"), [1_234_500_000]);
        assert_eq!(values("1.234,5", "ru"), [1_234_500_000]);
        assert_eq!(values("1.2", "zh"), [1_200_000]);
        assert_eq!(values("1,2,3", "en"), Vec::<u128>::new());
        assert_eq!(values("0800", "en"), [800 * ONE]);
    }

    fn figure_values(text: &str, tag: &str) -> Vec<(String, u128)> {
        let l = lang(tag);
        let tokens = tokenize(text, &l);
        figures(text, &tokens, &l)
            .iter()
            .map(|f| (text[f.bytes()].to_string(), f.value().unwrap_or(0) / ONE))
            .collect()
    }

    #[test]
    fn figures_take_their_groups_and_scale_words() {
        assert_eq!(
            figure_values("trade reached 3 billion dollars and 1,203 tons", "en"),
            [("3 billion".into(), 3_000_000_000), ("1,203".into(), 1_203)]
        );
        assert_eq!(
            figure_values("30亿美元，120万人，1.2亿，2 万亿", "zh"),
            [
                ("30亿".into(), 3_000_000_000),
                ("120万".into(), 1_200_000),
                ("1.2亿".into(), 120_000_000),
                ("2 万亿".into(), 2_000_000_000_000),
            ]
        );
        assert_eq!(
            figure_values("820 000 рублей и 3 млрд долларов, 5 миллионов", "ru"),
            [
                ("820 000".into(), 820_000),
                ("3 млрд".into(), 3_000_000_000),
                ("5 миллионов".into(), 5_000_000),
            ]
        );
        assert_eq!(
            figure_values("15\u{a0}000 dollar, 3 milyarda, 2026-cı ildə", "az"),
            [
                ("15\u{a0}000".into(), 15_000),
                ("3 milyarda".into(), 3_000_000_000),
                ("2026".into(), 2026),
            ]
        );
        // A year followed by a number is not a digit group.
        assert_eq!(
            figure_values("in 2017 100 people", "en"),
            [("2017".into(), 2017), ("100".into(), 100)]
        );
    }

    #[test]
    fn digits_are_written_in_the_target_convention() {
        let (ru, az, zh, en) = (
            style(&lang("ru")),
            style(&lang("az")),
            style(&lang("zh")),
            style(&lang("en")),
        );
        assert_eq!(digits(1_203 * ONE, 0, true, ru), "1\u{a0}203");
        assert_eq!(digits(2027 * ONE, 0, false, ru), "2027");
        assert_eq!(digits(15_000 * ONE, 0, false, ru), "15\u{a0}000");
        assert_eq!(digits(1_500_000, 0, false, ru), "1,5");
        assert_eq!(digits(1_500_000, 2, false, az), "1,50");
        assert_eq!(digits(1_234_567 * ONE, 0, false, az), "1\u{a0}234\u{a0}567");
        assert_eq!(digits(1_203 * ONE, 0, true, zh), "1,203");
        assert_eq!(digits(3_100_000, 0, false, en), "3.1");
    }

    #[test]
    fn russian_agreement_follows_the_last_digits() {
        let n = |v: u128| ru_form(v * ONE);
        assert_eq!(
            [
                n(1),
                n(2),
                n(4),
                n(5),
                n(11),
                n(12),
                n(21),
                n(22),
                n(25),
                n(101),
                n(111)
            ],
            [
                RuForm::One,
                RuForm::Few,
                RuForm::Few,
                RuForm::Many,
                RuForm::Many,
                RuForm::Many,
                RuForm::One,
                RuForm::Few,
                RuForm::Many,
                RuForm::One,
                RuForm::Many
            ]
        );
        assert_eq!(ru_form(1_500_000), RuForm::Few);
    }
}
