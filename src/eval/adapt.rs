//! Adaptation on ntrex-dev: how often the adapted target of a changed number equals the target a
//! translator would write, per pair and per rule, beside the adaptation tmkit had before #12.
//!
//! # Cases
//!
//! NTREX gives parallel sentences (`all.en`, `all.<lang>`, the document's gold lines). For each
//! sentence pair, each rule below looks for a number of the English sentence whose value occurs once
//! in it and once in the translation, changes it in the English sentence (the query) and writes the
//! translation with the new number by the rule's own statement of the target's convention (the
//! expected target). The stored English sentence is then the match of the query, and its translation
//! is adapted. One case per rule and sentence pair at most.
//!
//! - `group`: a whole number below 1000 (not a year) becomes itself + 1200, which English writes
//!   grouped (`832` → `2,032`): ru and az group with a no-break space (`2 032`), zh with a comma.
//!   The last two digits stay, so a Russian noun after it keeps its form.
//! - `decimal`: a decimal number gains 3 in its last place (`2.7` → `3.0`): ru and az write a decimal
//!   comma (`3,0`), zh a point.
//! - `year`: a year (1900–2099) becomes the next one; an Azerbaijani suffix after it (`2017-ci`)
//!   takes the new year's vowel (`2018-ci`, `2019-cu`, `2020-ci`), by the table in
//!   [`az_ordinal_vowel`] (a second statement of the rule, written apart from `fuzzy::adapt`).
//! - `scale`: an amount with a scale word (`3 billion`) gains 100 units (`103 billion`): zh writes
//!   it in 亿 or 万 (`1030亿`), ru and az keep their scale word (the last two digits stay, so the
//!   Russian word keeps its form).
//! - `spelled`: a spelled-out number two to nine becomes the next one (`six` → `seven`): a target
//!   with digits gets digits, one with the word gets the target's word (a Russian case that would
//!   change the noun's form, 4 → 5, is skipped: its expected target is not known).
//!
//! # Outcomes
//!
//! `exact`: the adapted target is the expected one. `marked`: not adapted, and the number is listed
//! as unadapted (the translator is told). `wrong`: adapted, but not as expected (the dangerous
//! outcome). `silent`: neither adapted nor marked. *Before* is the adaptation of tmkit before #12 for
//! numbers: the target's number with the same digits as the source's is replaced by the query's
//! digits as written, when the counts agree; nothing else.

use std::path::Path;

use super::ntrex;
use super::split::Part;
use crate::fuzzy::adapt::number::{self, Figure, ONE};
use crate::fuzzy::score::score_texts;
use crate::fuzzy::token::{Kind, NUMBER_KEY, tokenize};
use crate::fuzzy::{Token, adapt};
use crate::lang::Lang;

/// A rule of the evaluation (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rule {
    /// A number below 1000 becomes a grouped four-digit one.
    Group,
    /// A decimal number changes in its last place.
    Decimal,
    /// A year becomes the next one.
    Year,
    /// An amount with a scale word gains 100 units.
    Scale,
    /// A spelled-out number becomes the next one.
    Spelled,
}

impl Rule {
    /// All rules, in report order.
    pub const ALL: [Rule; 5] = [
        Rule::Group,
        Rule::Decimal,
        Rule::Year,
        Rule::Scale,
        Rule::Spelled,
    ];

    /// The rule's name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Group => "group",
            Rule::Decimal => "decimal",
            Rule::Year => "year",
            Rule::Scale => "scale",
            Rule::Spelled => "spelled",
        }
    }
}

/// What became of one case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Adapted to the expected target.
    Exact,
    /// Not adapted; the number is marked unadapted.
    Marked,
    /// Adapted to something else.
    Wrong,
    /// Neither adapted nor marked.
    Silent,
}

/// The counts of one pair and rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Cases built.
    pub cases: usize,
    /// Outcomes now: exact, marked, wrong, silent.
    pub now: [usize; 4],
    /// Outcomes before #12 (marked never happened then): exact, wrong, silent.
    pub before: [usize; 3],
}

/// One case: the query, the stored pair and the expected target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The rule it tests.
    pub rule: Rule,
    /// The English query (the stored sentence with the number changed).
    pub query: String,
    /// The stored English sentence.
    pub source: String,
    /// The stored translation.
    pub target: String,
    /// The translation with the new number, as the target's convention writes it.
    pub expected: String,
    /// The English number as stored and as changed (for the old adaptation).
    pub from_text: String,
    /// The new English number.
    pub to_text: String,
}

/// The vowel an Azerbaijani four-way suffix (`-cı/-ci/-cu/-cü`) takes after the number `n` read
/// aloud: by its last non-zero place (ones, tens, hundreds *yüz*, thousands *min*).
pub fn az_ordinal_vowel(n: u64) -> char {
    // Ones: bir iki üç dörd beş altı yeddi səkkiz doqquz; tens: on iyirmi otuz qırx əlli altmış
    // yetmiş səksən doxsan.
    const ONES: [char; 10] = ['ı', 'i', 'i', 'ü', 'ü', 'i', 'ı', 'i', 'i', 'u'];
    const TENS: [char; 10] = ['ı', 'u', 'i', 'u', 'ı', 'i', 'ı', 'i', 'i', 'ı'];
    if !n.is_multiple_of(10) {
        ONES[(n % 10) as usize]
    } else if !n.is_multiple_of(100) {
        TENS[((n / 10) % 10) as usize]
    } else if !n.is_multiple_of(1000) {
        'ü'
    } else {
        'i'
    }
}

/// `s` with the first letter upper-cased when `like` starts with a capital.
fn capital_like(s: &str, like: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut c = s.chars();
        c.next().map_or_else(String::new, |f| {
            f.to_uppercase().collect::<String>() + c.as_str()
        })
    } else {
        s.to_string()
    }
}

const EN_WORDS: [&str; 11] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// The target language's word for 1–10 (ru nominative), as the expected target writes it.
fn target_word(n: u64, lang: &str) -> Option<&'static str> {
    let table: [&str; 11] = match lang {
        "az" => [
            "", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz", "on",
        ],
        "ru" => [
            "",
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
        ],
        "zh" => [
            "", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
        ],
        _ => return None,
    };
    table.get(n as usize).copied()
}

/// Whole-number digits grouped by threes with `sep`.
fn grouped(n: u64, sep: char) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (k, c) in s.chars().enumerate() {
        if k > 0 && (s.len() - k).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// The Russian agreement class of a whole number: 0 one, 1 few, 2 many.
fn ru_class(n: u64) -> u8 {
    match (n % 10, n % 100) {
        (_, 11..=14) => 2,
        (1, _) => 0,
        (2..=4, _) => 1,
        _ => 2,
    }
}

/// The cases of one sentence pair (see the module docs).
pub fn cases(en: &str, target: &str, lang: &Lang) -> Vec<Case> {
    let en_lang = Lang::parse("en").expect("a valid tag");
    let code = lang.language();
    let (et, tt) = (tokenize(en, &en_lang), tokenize(target, lang));
    let (ef, tf) = (
        number::figures(en, &et, &en_lang),
        number::figures(target, &tt, lang),
    );
    let mut out: Vec<Case> = Vec::new();
    for f in &ef {
        let Some(from) = f.value() else { continue };
        if ef.iter().filter(|g| g.value() == Some(from)).count() != 1 {
            continue;
        }
        let in_target: Vec<&Figure> = tf.iter().filter(|g| g.reads_as(from)).collect();
        let [t] = in_target[..] else { continue };
        let Some(reading) = f.readings.first() else {
            continue;
        };
        let en_text = en.get(f.bytes()).unwrap_or("");
        let t_digits = target.get(t.digits.clone()).unwrap_or("");
        let whole = (from % ONE == 0).then_some((from / ONE) as u64);
        let suffix = t.suffix.as_ref().and_then(|r| target.get(r.clone()));
        let rule_and_texts: Option<(Rule, String, String)> = if f.spelled {
            let n = whole.filter(|n| (2..=9).contains(n));
            n.and_then(|n| {
                let to = n + 1;
                let query_word = capital_like(EN_WORDS[to as usize], en_text);
                let expected = if t.spelled {
                    if code == "ru" && ru_class(n) != ru_class(to) {
                        return None;
                    }
                    capital_like(target_word(to, code)?, t_digits)
                } else {
                    let mut s = to.to_string();
                    if let Some(sfx) = suffix {
                        s = format!("{s}-{}", az_suffix(sfx, to)?);
                    }
                    s
                };
                Some((Rule::Spelled, query_word, expected))
            })
        } else if let Some(scale) = &f.scale {
            let unit = scale.unit;
            let n = from / ONE / unit;
            let new_units = n + 100;
            let word = en.get(scale.bytes.clone()).unwrap_or("");
            let to = new_units * unit;
            let query = format!("{new_units} {word}");
            let expected = match code {
                "zh" => {
                    let (div, ch) = if to >= 100_000_000 {
                        (100_000_000, "亿")
                    } else {
                        (10_000, "万")
                    };
                    let v = to as f64 / div as f64;
                    // The target's spacing before its scale character stays (`2000 万`).
                    let gap = t
                        .scale
                        .as_ref()
                        .and_then(|s| target.get(t.digits.end..s.bytes.start))
                        .unwrap_or("");
                    (reading.decimals == 0 && t.scale.is_some() && to.is_multiple_of(div))
                        .then(|| format!("{}{gap}{ch}", to / div))
                        .or_else(|| (t.scale.is_some()).then(|| format!("{v}{gap}{ch}")))
                }
                // The scale word stays as written, with the space before it.
                _ => t.scale.as_ref().and_then(|_| {
                    let tail = target.get(t.digits.end..t.bytes().end)?;
                    (t.readings.first()?.decimals == 0 && reading.decimals == 0)
                        .then(|| format!("{new_units}{tail}"))
                }),
            };
            (reading.decimals == 0)
                .then_some(())
                .and(expected)
                .map(|e| (Rule::Scale, query, e))
        } else if reading.decimals > 0 {
            let step = 3 * 10u128.pow(6 - u32::from(reading.decimals));
            let to = from + step;
            let int = to / ONE;
            let frac = format!("{:06}", to % ONE);
            let frac = &frac[..usize::from(reading.decimals)];
            let mark = if matches!(code, "ru" | "az") {
                ','
            } else {
                '.'
            };
            (suffix.is_none()).then(|| {
                (
                    Rule::Decimal,
                    format!("{int}.{frac}"),
                    format!("{int}{mark}{frac}"),
                )
            })
        } else if let Some(n) = whole {
            if (1900..=2099).contains(&n) && !reading.grouped {
                let to = n + 1;
                let expected = match suffix {
                    Some(sfx) => az_suffix(sfx, to).map(|s| format!("{to}-{s}")),
                    None => Some(to.to_string()),
                };
                expected.map(|e| (Rule::Year, to.to_string(), e))
            } else if (1..1000).contains(&n) && !t_digits.starts_with('0') {
                let to = n + 1200;
                let sep = if matches!(code, "ru" | "az") {
                    '\u{a0}'
                } else {
                    ','
                };
                let mut expected = grouped(to, sep);
                let ok = match suffix {
                    Some(sfx) => az_suffix(sfx, to).map(|s| expected = format!("{expected}-{s}")),
                    None => Some(()),
                };
                ok.map(|()| (Rule::Group, grouped(to, ','), expected))
            } else {
                None
            }
        } else {
            None
        };
        let Some((rule, to_text, expected_text)) = rule_and_texts else {
            continue;
        };
        if out.iter().any(|c| c.rule == rule) {
            continue;
        }
        let whole_target = {
            let b = t.bytes();
            t.suffix.as_ref().map_or(b.clone(), |s| b.start..s.end)
        };
        let (Some(before), Some(after)) = (
            target.get(..whole_target.start),
            target.get(whole_target.end..),
        ) else {
            continue;
        };
        let (Some(q_before), Some(q_after)) = (en.get(..f.bytes().start), en.get(f.bytes().end..))
        else {
            continue;
        };
        out.push(Case {
            rule,
            query: format!("{q_before}{to_text}{q_after}"),
            source: en.to_string(),
            target: target.to_string(),
            expected: format!("{before}{expected_text}{after}"),
            from_text: en_text.to_string(),
            to_text,
        });
    }
    out
}

/// An Azerbaijani suffix of the four-way family re-written for `n` (`ci` → `cu`); other suffixes
/// are not used for cases (None).
fn az_suffix(written: &str, n: u64) -> Option<String> {
    let mut chars = written.chars();
    let (c, v) = (chars.next()?, chars.next()?);
    (c == 'c' && "ıiuü".contains(v) && chars.next().is_none())
        .then(|| format!("c{}", az_ordinal_vowel(n)))
}

/// The adaptation tmkit made before #12 for a changed number: the target's number tokens with the
/// source's digits replaced by the query's, when there are as many as in the source.
pub fn before(case: &Case, lang: &Lang) -> Option<String> {
    let en = Lang::parse("en").expect("a valid tag");
    let is_number = |t: &Token| t.kind == Kind::Number && t.key == NUMBER_KEY;
    let from = case.from_text.split_whitespace().next()?;
    let to = case.to_text.split_whitespace().next()?;
    if !from.starts_with(|c: char| c.is_ascii_digit())
        || !to.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let st = tokenize(&case.source, &en);
    let tt = tokenize(&case.target, lang);
    let in_source = st
        .iter()
        .filter(|t| is_number(t) && t.text(&case.source) == from)
        .count();
    let in_target: Vec<&Token> = tt
        .iter()
        .filter(|t| is_number(t) && t.text(&case.target) == from)
        .collect();
    if in_target.is_empty() || in_target.len() != in_source {
        return None;
    }
    let mut out = case.target.clone();
    for t in in_target.iter().rev() {
        out.replace_range(t.bytes.clone(), to);
    }
    Some(out)
}

/// The outcome of a case now.
pub fn outcome(case: &Case, lang: &Lang) -> Outcome {
    adapted(case, lang).0
}

/// The outcome of a case now, and the adapted target.
fn adapted(case: &Case, lang: &Lang) -> (Outcome, Option<String>) {
    let en = Lang::parse("en").expect("a valid tag");
    let scored = score_texts(&case.query, &case.source, &en);
    let a = adapt(&case.query, &case.source, &en, &scored, &case.target, lang);
    let outcome = match &a.target {
        Some(t) if *t == case.expected => Outcome::Exact,
        Some(_) => Outcome::Wrong,
        None if !a.unadapted.is_empty() => Outcome::Marked,
        None => Outcome::Silent,
    };
    (outcome, a.target)
}

/// A case that did not come out exact: what it gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// The case.
    pub case: Case,
    /// Its outcome.
    pub outcome: Outcome,
    /// The adapted target, when there was one.
    pub got: Option<String>,
}

/// The report of one pair: tallies per rule, and the cases that were not exact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairReport {
    /// Per rule, in [`Rule::ALL`] order.
    pub tallies: Vec<(Rule, Tally)>,
    /// The cases that did not come out exact, in data order.
    pub misses: Vec<Miss>,
}

/// The report of one pair folder (`en-az`, …) and part.
///
/// # Errors
/// The data folder is not as its README describes.
pub fn evaluate_pair(pair_dir: &Path, lang: &Lang, part: Part) -> Result<PairReport, ntrex::Error> {
    let rows = ntrex::index(pair_dir, part)?;
    let en_all = ntrex::read(&pair_dir.join("all.en"))?;
    let tgt_all = ntrex::read(&pair_dir.join(format!("all.{}", lang.language())))?;
    let en_lines: Vec<&str> = en_all.lines().collect();
    let tgt_lines: Vec<&str> = tgt_all.lines().collect();
    let mut tallies: Vec<(Rule, Tally)> =
        Rule::ALL.iter().map(|&r| (r, Tally::default())).collect();
    let mut misses = Vec::new();
    for row in rows.iter().filter(|r| r.selected) {
        let (en, tgt) = (row.gold(&en_lines)?, row.gold(&tgt_lines)?);
        for (e, t) in en.iter().zip(tgt) {
            for case in cases(e, t, lang) {
                let Some((_, tally)) = tallies.iter_mut().find(|(r, _)| *r == case.rule) else {
                    continue;
                };
                tally.cases += 1;
                let (now, got) = adapted(&case, lang);
                tally.now[match now {
                    Outcome::Exact => 0,
                    Outcome::Marked => 1,
                    Outcome::Wrong => 2,
                    Outcome::Silent => 3,
                }] += 1;
                tally.before[match before(&case, lang) {
                    Some(t) if t == case.expected => 0,
                    Some(_) => 1,
                    None => 2,
                }] += 1;
                if now != Outcome::Exact {
                    misses.push(Miss {
                        case,
                        outcome: now,
                        got,
                    });
                }
            }
        }
    }
    Ok(PairReport { tallies, misses })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    #[test]
    fn the_second_statement_of_the_azerbaijani_rule_agrees_on_round_numbers() {
        let got: Vec<char> = [2017, 2018, 2019, 2020, 2026, 2030, 2040, 2100, 2000, 3, 6]
            .iter()
            .map(|&n| az_ordinal_vowel(n))
            .collect();
        assert_eq!(got, ['i', 'i', 'u', 'i', 'ı', 'u', 'ı', 'ü', 'i', 'ü', 'ı']);
    }

    #[test]
    fn cases_change_a_number_in_both_sides_by_their_rule() {
        let ru = lang("ru");
        let c = cases(
            "Prices rose 2.7 percent, and 832 people came in 2017.",
            "Цены выросли на 2,7 процента, в 2017 году пришли 832 человека.",
            &ru,
        );
        let got: Vec<(Rule, &str, &str)> = c
            .iter()
            .map(|c| (c.rule, c.query.as_str(), c.expected.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    Rule::Decimal,
                    "Prices rose 3.0 percent, and 832 people came in 2017.",
                    "Цены выросли на 3,0 процента, в 2017 году пришли 832 человека."
                ),
                (
                    Rule::Group,
                    "Prices rose 2.7 percent, and 2,032 people came in 2017.",
                    "Цены выросли на 2,7 процента, в 2017 году пришли 2\u{a0}032 человека."
                ),
                (
                    Rule::Year,
                    "Prices rose 2.7 percent, and 832 people came in 2018.",
                    "Цены выросли на 2,7 процента, в 2018 году пришли 832 человека."
                ),
            ]
        );
        // Now all three are exact; before, the decimal and the grouped number came out wrong.
        let now: Vec<Outcome> = c.iter().map(|c| outcome(c, &ru)).collect();
        assert_eq!(now, [Outcome::Exact; 3]);
        let before: Vec<bool> = c
            .iter()
            .map(|c| before(c, &ru).as_deref() == Some(c.expected.as_str()))
            .collect();
        assert_eq!(before, [false, false, true]);
    }

    #[test]
    fn azerbaijani_and_chinese_cases_carry_suffixes_and_scale_characters() {
        let az = lang("az");
        let c = cases("It was adopted in 2019.", "2019-cu ildə qəbul edilib.", &az);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].expected, "2020-ci ildə qəbul edilib.");
        assert_eq!(outcome(&c[0], &az), Outcome::Exact);
        assert_eq!(
            before(&c[0], &az).as_deref(),
            Some("2020-cu ildə qəbul edilib.")
        );
        let zh = lang("zh");
        let c = cases("It reached 3 billion dollars.", "达到30亿美元。", &zh);
        assert_eq!(c.len(), 1);
        assert_eq!(
            (c[0].query.as_str(), c[0].expected.as_str()),
            ("It reached 103 billion dollars.", "达到1030亿美元。")
        );
        assert_eq!(outcome(&c[0], &zh), Outcome::Exact);
        assert_eq!(before(&c[0], &zh), None);
        let c = cases("Six people died.", "Altı nəfər ölüb.", &az);
        assert_eq!(c[0].expected, "Yeddi nəfər ölüb.");
        assert_eq!(outcome(&c[0], &az), Outcome::Exact);
    }
}
