//! What a bead costs: the length model and the evidence (anchors and lexicon words) its sentences share.
//!
//! Length: Gale & Church (1993): `δ = (l₂ − c·l₁) / √(l₁·s²)` over characters, cost `−ln 2(1 − Φ(|δ|))`,
//! with `c` and `s²` measured per pair on NTREX dev (`all.en` against `all.az|ru|zh`). In Chinese
//! text a Latin letter, digit or space counts 0.345 (the Chinese characters per English character):
//! `CBS`, `Simpson`, `DNA` are as long as in the English, which halves the variance of the ratio.
//!
//! Evidence: every sentence yields *items*, each with one or more 64-bit keys in the target's space:
//! - numbers: the digits with separators and trailing zeros removed, so `3 billion` = `3 milyard` =
//!   `3 млрд` = `30亿` and `1,234.5` = `1 234,5` = `12345` (the magnitude word is ignored; `3 million`
//!   against `3 billion` is not caught);
//! - names: capitalised words, case-folded, transliterated to Latin (Cyrillic, Azerbaijani letters)
//!   and reduced to a consonant skeleton without `h`, `j`, `w`, `y` (`Aliyev`, `Əliyev`, `Алиев` → `lv`);
//!   target names match on a prefix, which absorbs case endings (`Трампом`);
//! - punctuation: `?`, `!`, `:`, quotes (full-width forms fold to the same items); separators (`xxx`);
//! - words: a source word's keys are its lexicon translations and itself (cognates, acronyms, Latin
//!   names inside Chinese); target words are keyed by their prefixes of 3 to 6 characters, Chinese by
//!   its character n-grams.
//!
//! A source item is matched in a target sentence when one of its keys occurs there, a target item when
//! one of its keys occurs among the source sentence's keys. Matches are counted per sentence pair inside
//! the search band (through an inverted index, so only pairs that share a key cost anything) and summed
//! per bead, each sentence's total clipped to its own item weight.
//!
//! Coverage: a linked bead pays for each sentence whose matched share of its own (idf-weighted) item
//! weight is below [`COVER`]; without it, a dropped sentence glued onto its neighbour as a 2-1 bead
//! costs less than the 1-1 and 1-0 beads it really is.

use std::collections::{HashMap, HashSet};

use super::lexicon::Lexicon;
use super::{Options, Side};
use crate::hash::Fnv1a;
use crate::lang::{Lang, Script};

/// Characters of a word kept as its key in spaced languages: enough to tell words apart, short enough
/// to absorb Azerbaijani suffixes and Russian endings.
pub const STEM_CHARS: usize = 6;
/// Shortest target prefix that is matched.
const MIN_PREFIX: usize = 3;
/// Longest Chinese n-gram keyed (most Chinese lexicon entries are 2–5 characters).
const MAX_NGRAM: usize = 5;

/// Weight of a number with at least two significant digits: hard to match by chance.
const W_NUMBER: f32 = 3.0;
/// Weight of a one-digit number: common in both texts anyway.
const W_DIGIT: f32 = 1.0;
/// Weight of a name skeleton.
const W_NAME: f32 = 1.5;
/// Weight of punctuation items.
const W_PUNCT: f32 = 1.0;
/// Weight of a word.
const W_WORD: f32 = 1.0;
/// Share of a sentence's evidence weight that a translation is expected to match at least (chosen
/// on NTREX dev among 0.1, 0.15, 0.2: the seed lexicon covers little of a Chinese sentence).
pub const COVER: f32 = 0.1;
/// Evidence weight from which a sentence's missing coverage counts in full.
pub const COVER_WEIGHT: f32 = 3.0;
/// Weight of a section separator line (`xxx`).
const W_SEPARATOR: f32 = 4.0;

/// Length model of a language pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthModel {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance `s²` of `l₂ − c·l₁` per source character.
    pub variance: f64,
}

impl LengthModel {
    /// The model for `src` → `tgt`, measured on NTREX dev where English is one side (az: c = 1.084,
    /// s² = 4.11; ru: 1.103, 4.66; zh: 0.322, 0.548 with Latin runs counted at 0.345 a character, see
    /// the module docs: 0.345, 1.08 when they count 1); Gale & Church's c = 1, s² = 6.8 otherwise.
    pub fn for_pair(src: &Lang, tgt: &Lang) -> LengthModel {
        fn measured(code: &str) -> Option<(f64, f64)> {
            match code {
                "az" => Some((1.084, 4.11)),
                "ru" => Some((1.103, 4.66)),
                "zh" => Some((0.322, 0.548)),
                "en" => Some((1.0, 3.0)),
                _ => None,
            }
        }
        let (s, t) = (src.language(), tgt.language());
        let model = match (s, t) {
            ("en", other) => measured(other),
            (other, "en") => measured(other).map(|(c, v)| (1.0 / c, v / (c * c * c))),
            _ => None,
        };
        let (ratio, variance) = model.unwrap_or_else(|| {
            let c =
                f64::from(tgt.info().chars_per_en_char) / f64::from(src.info().chars_per_en_char);
            (c, 6.8 * c)
        });
        LengthModel { ratio, variance }
    }

    /// `δ` of a bead with `src` and `tgt` characters.
    pub fn delta(&self, src: f64, tgt: f64) -> f64 {
        let mean = (src + tgt / self.ratio) / 2.0;
        (tgt - self.ratio * src) / (mean.max(1.0) * self.variance).sqrt()
    }

    /// Gale & Church's cost `−ln 2(1 − Φ(|δ|))` of a bead with `src` and `tgt` characters.
    pub fn cost(&self, src: f64, tgt: f64) -> f64 {
        let d = self.delta(src, tgt).abs();
        let tail = 2.0 * (1.0 - normal_cdf(d));
        -(tail.max(1e-12)).ln()
    }
}

/// The standard normal distribution function (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let upper = pdf * poly;
    if x >= 0.0 { 1.0 - upper } else { upper }
}

/// The script a character belongs to, as far as alignment cares.
pub fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3040}'..='\u{30ff}' => Script::Han,
        '\u{600}'..='\u{6ff}' => Script::Arabic,
        _ => Script::Other,
    }
}

fn is_han(c: char) -> bool {
    script_of(c) == Script::Han
}

/// FNV-1a over a namespace byte and a string: stable keys without a hashing dependency.
fn key(namespace: u8, text: &str) -> u64 {
    Fnv1a::new()
        .write(&[namespace])
        .write(text.as_bytes())
        .finish()
}

/// A token of a sentence.
struct Token<'t> {
    text: &'t str,
    /// Whether it is a run of Han characters.
    han: bool,
    /// Whether it starts with an upper-case letter.
    capital: bool,
    /// Whether it is the first word of the sentence.
    first: bool,
}

/// Splits a sentence into words (letters and digits) and Han runs.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::new();
    let mut start: Option<(usize, bool)> = None;
    let mut spans: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '\u{301}';
        let han = is_han(c);
        match start {
            Some((_, h)) if word && h == han => {}
            Some((s, h)) => {
                spans.push((s, i, h));
                start = if word { Some((i, han)) } else { None };
            }
            None if word => start = Some((i, han)),
            None => {}
        }
    }
    if let Some((s, h)) = start {
        spans.push((s, text.len(), h));
    }
    for (index, (s, e, han)) in spans.into_iter().enumerate() {
        let t = &text[s..e];
        out.push(Token {
            text: t,
            han,
            capital: t.chars().next().is_some_and(char::is_uppercase),
            first: index == 0,
        });
    }
    out
}

/// The first `n` characters of `s`.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The stem of a folded word in a spaced language.
fn stem(word: &str) -> String {
    prefix(word, STEM_CHARS).to_string()
}

/// Whether the token is made of digits (a number, handled as such).
fn is_numeric(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_digit())
}

/// Lexicon keys of a text's words, in order: stems in spaced languages, Han runs kept whole in
/// Chinese (the seed list's source side).
pub fn word_keys(lang: &Lang, text: &str) -> Vec<String> {
    tokens(text)
        .into_iter()
        .filter(|t| !is_numeric(t.text))
        .map(|t| {
            if t.han {
                t.text.to_string()
            } else {
                stem(&lang.fold(t.text))
            }
        })
        .collect()
}

/// Keys of a lexicon entry's translation: stems of its words; Chinese runs whole.
pub fn entry_keys(lang: &Lang, text: &str) -> Vec<String> {
    word_keys(lang, text)
        .into_iter()
        .filter(|k| k.chars().count() >= 2 || k.chars().any(is_han))
        .collect()
}

/// English function words: they co-occur with everything and translate into endings.
const STOPWORDS: &[&str] = &[
    "the", "and", "of", "to", "in", "a", "an", "is", "was", "for", "on", "that", "with", "as",
    "at", "by", "it", "from", "be", "has", "have", "are", "were", "this", "its", "his", "her",
    "their", "which", "who", "or", "but", "not", "will", "would", "been", "had", "he", "she",
    "they", "we",
];

/// Russian and Azerbaijani function words of three letters or more (conjunctions, pronouns,
/// postpositions, the copula): like English ones they co-occur with everything, and a learned pair of
/// two frequent function words matches in almost every sentence.
const FOREIGN_STOPWORDS: &[&str] = &[
    "что",
    "как",
    "это",
    "для",
    "его",
    "она",
    "они",
    "был",
    "была",
    "были",
    "было",
    "также",
    "который",
    "которая",
    "которые",
    "при",
    "над",
    "под",
    "или",
    "так",
    "уже",
    "все",
    "всё",
    "еще",
    "ещё",
    "только",
    "после",
    "этот",
    "эта",
    "эти",
    "того",
    "этого",
    "чтобы",
    "будет",
    "может",
    "если",
    "нет",
    "него",
    "ее",
    "её",
    "них",
    "ним",
    "ilə",
    "üçün",
    "olan",
    "olaraq",
    "amma",
    "lakin",
    "həm",
    "isə",
    "daha",
    "onun",
    "onlar",
    "onların",
    "bir",
    "görə",
    "kimi",
    "sonra",
    "əvvəl",
    "artıq",
    "edib",
    "edir",
    "olub",
    "olur",
    "etdi",
];

/// Keys counted when learning a lexicon: content-word stems, Chinese character bigrams.
pub fn learn_keys(lang: &Lang, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for t in tokens(text) {
        if t.han {
            let chars: Vec<char> = t.text.chars().collect();
            for w in chars.windows(2) {
                out.push(w.iter().collect());
            }
        } else if !is_numeric(t.text) {
            let folded = lang.fold(t.text);
            if folded.chars().count() >= 3
                && !STOPWORDS.contains(&folded.as_str())
                && !FOREIGN_STOPWORDS.contains(&folded.as_str())
            {
                out.push(stem(&folded));
            }
        }
    }
    out
}

/// Normalised digits of the numbers in a text (see the module docs).
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let mut digits = String::new();
        while i < chars.len() {
            let c = chars[i];
            if c.is_ascii_digit() {
                digits.push(c);
                i += 1;
            } else if matches!(c, ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\'')
                && chars.get(i + 1).is_some_and(char::is_ascii_digit)
                && !(c == ' ' && digits.len() > 3)
            {
                i += 1;
            } else {
                break;
            }
        }
        let trimmed = digits.trim_end_matches('0').trim_start_matches('0');
        out.push(if trimmed.is_empty() {
            "0".to_string()
        } else {
            trimmed.to_string()
        });
    }
    out
}

/// Month names by language (folded prefixes, January first): a date's month is a number in Chinese
/// (`7月3日`), so `July 3` ≈ `3 июля` ≈ `3 iyul` ≈ `7月3日` when the month counts as the number 7.
const MONTHS: &[(&str, [&str; 12])] = &[
    (
        "en",
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
    ),
    (
        "ru",
        [
            "январ",
            "феврал",
            "март",
            "апрел",
            "ма",
            "июн",
            "июл",
            "август",
            "сентябр",
            "октябр",
            "ноябр",
            "декабр",
        ],
    ),
    (
        "az",
        [
            "yanvar", "fevral", "mart", "aprel", "may", "iyun", "iyul", "avqust", "sentyabr",
            "oktyabr", "noyabr", "dekabr",
        ],
    ),
];

/// The month (1–12) a word names, if any. English month names count only capitalised (`march`,
/// `may` are verbs), and `May` not at the start of a sentence; Russian `мая`/`май`/`мае` and the
/// other languages' names match by prefix, with at most four letters of ending.
pub fn month_number(lang: &Lang, word: &str, first: bool) -> Option<u32> {
    let (_, names) = MONTHS.iter().find(|(code, _)| *code == lang.language())?;
    let english = lang.language() == "en";
    if english && !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    let folded = lang.fold(word);
    let len = folded.chars().count();
    for (k, name) in names.iter().enumerate() {
        let name_len = name.chars().count();
        let found = if english {
            folded == *name && !(first && k == 4)
        } else if name_len <= 2 {
            matches!(folded.as_str(), "май" | "мая" | "мае")
        } else {
            folded.starts_with(name) && len <= name_len + 4
        };
        if found {
            return Some(k as u32 + 1);
        }
    }
    None
}

/// Latin consonant skeleton of a folded name (see the module docs).
pub fn skeleton(folded: &str) -> String {
    let mut latin = String::with_capacity(folded.len());
    for c in folded.chars() {
        let s = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' | 'ə' | 'é' | 'è' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'ı' | 'і' => "i",
            'й' => "y",
            'к' | 'q' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' | 'ö' | 'ó' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' | 'ü' | 'ú' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "ts",
            'ч' | 'ç' => "ch",
            'ш' | 'ş' => "sh",
            'щ' => "sch",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ğ' => "g",
            'x' => "ks",
            'c' => "k",
            _ if c.is_ascii_lowercase() => {
                latin.push(c);
                continue;
            }
            _ => "",
        };
        latin.push_str(s);
    }
    let mut out = String::new();
    for c in latin.chars() {
        if matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'j' | 'h' | 'w') {
            continue;
        }
        if out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Punctuation items of a text.
fn punctuation(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let has = |set: &[char]| text.chars().any(|c| set.contains(&c));
    if has(&['?', '？']) {
        out.push("?");
    }
    if has(&['!', '！']) {
        out.push("!");
    }
    if has(&[':', '：']) {
        out.push(":");
    }
    if has(&['"', '“', '”', '«', '»', '„', '「', '」', '『', '』']) {
        out.push("q");
    }
    out
}

/// Closing quotes and brackets that may follow a sentence's final mark.
const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '」', '』', ')', '）', ']'];
/// Opening quotes and brackets that may start a sentence.
const OPENERS: &[char] = &['"', '\'', '“', '‘', '«', '„', '「', '『', '(', '（', '['];

/// How many sentences a line holds: one, plus one for every sentence-final mark (`.` `!` `?` `…`,
/// `。` `！` `？`, with closing quotes or brackets) followed inside the line by the start of another
/// sentence (after a space, a capital letter, digit or opening quote; after a Chinese mark, anything).
/// A period after a single letter or a short capitalised abbreviation (`U.S.`, `Mr.`) ends nothing.
/// A line where one side has two sentences and the other one is likely part of a 1-2 or 2-1 bead.
pub fn sentence_count(text: &str) -> u32 {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut count = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
            i += 1;
            continue;
        }
        let wide = matches!(c, '。' | '！' | '？');
        // The word before a period: an initial or an abbreviation does not end a sentence.
        if c == '.' {
            let word: Vec<char> = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric() || **c == '.')
                .copied()
                .collect();
            let letters = word.iter().filter(|c| c.is_alphabetic()).count();
            let capital = word.last().is_some_and(|c| c.is_uppercase());
            if letters == 1 || (capital && letters <= 3 && word.len() <= 4) {
                i += 1;
                continue;
            }
        }
        let mut k = i + 1;
        while k < chars.len()
            && (matches!(chars[k], '.' | '!' | '?' | '…') || CLOSERS.contains(&chars[k]))
        {
            k += 1;
        }
        if wide {
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if k < chars.len() {
                count += 1;
            }
            i = k;
            continue;
        }
        let spaced = k < chars.len() && chars[k].is_whitespace();
        while k < chars.len() && chars[k].is_whitespace() {
            k += 1;
        }
        if spaced
            && chars.get(k).is_some_and(|&n| {
                n.is_uppercase() || n.is_ascii_digit() || OPENERS.contains(&n) || is_han(n)
            })
        {
            count += 1;
        }
        i = k.max(i + 1);
    }
    count
}

/// Whether a sentence is a section separator such as `xxx` or `***`.
fn is_separator(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= 5
        && (t
            .chars()
            .all(|c| c == 'x' || c == 'X' || c == 'х' || c == 'Х')
            || t.chars().all(|c| matches!(c, '*' | '-' | '—' | '#')))
}

/// Source-side and target-side items of one sentence.
#[derive(Default)]
struct Items {
    /// Each item: weight and keys.
    items: Vec<(f32, Vec<u64>)>,
    /// Kind of each item (for flags): 0 other, 1 number, 2 name.
    kinds: Vec<u8>,
}

impl Items {
    fn push(&mut self, weight: f32, keys: Vec<u64>, kind: u8) {
        if !keys.is_empty() {
            self.items.push((weight, keys));
            self.kinds.push(kind);
        }
    }
}

const NS_NUMBER: u8 = b'n';
const NS_NAME: u8 = b's';
const NS_PUNCT: u8 = b'p';
const NS_WORD: u8 = b'w';
const NS_SEP: u8 = b'x';

fn anchor_items(lang: &Lang, text: &str, target: bool, items: &mut Items) {
    if is_separator(text) {
        items.push(W_SEPARATOR, vec![key(NS_SEP, "")], 0);
        return;
    }
    for n in numbers(text) {
        let w = if n.len() >= 2 { W_NUMBER } else { W_DIGIT };
        items.push(w, vec![key(NS_NUMBER, &n)], 1);
    }
    for (index, t) in tokens(text).iter().enumerate() {
        if let Some(month) = month_number(lang, t.text, index == 0) {
            let n = month.to_string();
            let n = n.trim_end_matches('0');
            items.push(W_DIGIT, vec![key(NS_NUMBER, n)], 1);
        }
    }
    for p in punctuation(text) {
        items.push(W_PUNCT, vec![key(NS_PUNCT, p)], 0);
    }
    for t in tokens(text) {
        if t.han || !t.capital || t.first || is_numeric(t.text) || t.text.chars().count() < 3 {
            continue;
        }
        let sk = skeleton(&lang.fold(t.text));
        if sk.chars().count() < 2 {
            continue;
        }
        let keys = if target {
            (2..=4)
                .filter(|&k| k <= sk.chars().count())
                .map(|k| key(NS_NAME, prefix(&sk, k)))
                .collect()
        } else {
            vec![key(NS_NAME, prefix(&sk, 4))]
        };
        items.push(W_NAME, keys, 2);
    }
}

/// Source word items: translations and the word itself.
fn source_word_items(lang: &Lang, text: &str, lexicon: Option<&Lexicon>, items: &mut Items) {
    for t in tokens(text) {
        if is_numeric(t.text) {
            continue;
        }
        if t.han {
            // Chinese source: the n-grams the lexicon knows.
            let Some(lex) = lexicon else { continue };
            let chars: Vec<char> = t.text.chars().collect();
            for len in 2..=MAX_NGRAM.min(chars.len()) {
                for w in chars.windows(len) {
                    let gram: String = w.iter().collect();
                    let tr = lex.get(&gram);
                    if !tr.is_empty() {
                        items.push(W_WORD, tr.iter().map(|v| key(NS_WORD, v)).collect(), 0);
                    }
                }
            }
            continue;
        }
        let folded = lang.fold(t.text);
        let s = stem(&folded);
        let mut keys: Vec<u64> = lexicon
            .map(|l| l.get(&s).iter().map(|v| key(NS_WORD, v)).collect())
            .unwrap_or_default();
        let acronym = t.text.chars().count() >= 2 && t.text.chars().all(|c| c.is_uppercase());
        if folded.chars().count() >= 4 || acronym {
            keys.push(key(NS_WORD, &s));
        }
        if !STOPWORDS.contains(&folded.as_str()) {
            items.push(W_WORD, keys, 0);
        }
    }
}

/// Target word items (keyed by prefixes) and every key the sentence contains.
fn target_word_items(
    lang: &Lang,
    text: &str,
    vocab: &HashSet<u64>,
    items: &mut Items,
    all: &mut Vec<u64>,
) {
    for t in tokens(text) {
        if is_numeric(t.text) {
            continue;
        }
        if t.han {
            let chars: Vec<char> = t.text.chars().collect();
            for len in 1..=MAX_NGRAM.min(chars.len()) {
                for w in chars.windows(len) {
                    let gram: String = w.iter().collect();
                    let k = key(NS_WORD, &gram);
                    all.push(k);
                    if len >= 2 && vocab.contains(&k) {
                        items.push(W_WORD, vec![k], 0);
                    }
                }
            }
            continue;
        }
        let folded = lang.fold(t.text);
        let n = folded.chars().count();
        let keys: Vec<u64> = (MIN_PREFIX.min(n)..=STEM_CHARS.min(n))
            .map(|k| key(NS_WORD, prefix(&folded, k)))
            .collect();
        all.extend(&keys);
        if n >= 2 {
            items.push(W_WORD, keys, 0);
        }
    }
}

/// Items of a sentence tracked one by one in a [`PairMatch`] mask; further items share bits
/// (`index % MASK_BITS`), which only matters for sentences with more than this many items.
const MASK_BITS: usize = 128;

/// Matches of one sentence pair: weight of matched source items, of matched target items, and which
/// items matched (bit `q % 128` for item `q`), so that a merged bead counts an item found in two of
/// its sentences once.
#[derive(Clone, Copy, Debug, Default)]
struct PairMatch {
    src: f32,
    tgt: f32,
    src_number: f32,
    tgt_number: f32,
    src_mask: u128,
    tgt_mask: u128,
}

/// Weight and number weight of the items of one sentence: per mask bit.
#[derive(Clone, Debug, Default)]
struct Buckets {
    weight: Vec<f32>,
    number: Vec<f32>,
}

impl Buckets {
    fn add(&mut self, q: usize, weight: f32, number: f32) {
        let b = q % MASK_BITS;
        if self.weight.len() <= b {
            self.weight.resize(b + 1, 0.0);
            self.number.resize(b + 1, 0.0);
        }
        self.weight[b] += weight;
        self.number[b] += number;
    }

    /// Weight and number weight of the items whose bits are set.
    fn of(&self, mut mask: u128) -> (f32, f32) {
        let (mut w, mut n) = (0.0, 0.0);
        while mask != 0 {
            let b = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            w += self.weight.get(b).copied().unwrap_or(0.0);
            n += self.number.get(b).copied().unwrap_or(0.0);
        }
        (w, n)
    }
}

/// One band row of pair matches.
struct Row {
    lo: usize,
    cells: Vec<PairMatch>,
}

/// Per-sentence lengths and the evidence shared by sentence pairs within the search band.
pub struct Features {
    /// Source sentences.
    pub n: usize,
    /// Target sentences.
    pub m: usize,
    /// Source lengths in characters.
    pub src_len: Vec<f64>,
    /// Target lengths in characters.
    pub tgt_len: Vec<f64>,
    /// Sentences inside each source line ([`sentence_count`]); all 1 without anchors.
    pub src_sents: Vec<u32>,
    /// The same for the target.
    pub tgt_sents: Vec<u32>,
    /// Whether a paragraph starts at source sentence `i` (length n + 1; the ends count as breaks).
    pub src_break: Vec<bool>,
    /// The same for the target.
    pub tgt_break: Vec<bool>,
    /// Whether both sides have paragraphs to compare.
    pub paragraphs: bool,
    /// The search band: for each source position 0..=n, the target positions allowed.
    pub band: Vec<(usize, usize)>,
    src_weight: Vec<f32>,
    tgt_weight: Vec<f32>,
    src_number: Vec<f32>,
    tgt_number: Vec<f32>,
    /// Number keys and weights of each source sentence.
    src_nums: Vec<Vec<(u64, f32)>>,
    /// Number keys and weights of each target sentence.
    tgt_nums: Vec<Vec<(u64, f32)>>,
    src_buckets: Vec<Buckets>,
    tgt_buckets: Vec<Buckets>,
    src_names: HashSet<u64>,
    tgt_names: HashSet<u64>,
    rows: Vec<Row>,
    src_kinds: Vec<Vec<(u8, Vec<u64>)>>,
    tgt_kinds: Vec<Vec<(u8, Vec<u64>)>>,
    total: usize,
}

/// Collects into `scratch` (sorted, without repeats) the sentences in `within` whose items hold any of
/// `keys`, from `index` (key → ascending sentence numbers), and returns the longest posting list among
/// the keys: the item's document frequency.
fn sentences_with(
    index: &HashMap<u64, Vec<u32>>,
    keys: &[u64],
    within: std::ops::Range<u32>,
    scratch: &mut Vec<u32>,
) -> usize {
    scratch.clear();
    let mut df = 0;
    for k in keys {
        if let Some(list) = index.get(k) {
            df = df.max(list.len());
            let a = list.partition_point(|&x| x < within.start);
            let b = list.partition_point(|&x| x < within.end);
            scratch.extend(&list[a..b]);
        }
    }
    scratch.sort_unstable();
    scratch.dedup();
    df
}

/// Inverse document frequency of an item found in `df` of the other side's `count` sentences: an
/// item that recurs throughout the article (the story's protagonist, a quote mark) tells little
/// about which sentence translates which.
fn idf(df: usize, count: usize) -> f32 {
    if df == 0 {
        return 0.0;
    }
    let total = (count as f32 + 1.0).ln().max(f32::EPSILON);
    ((count as f32 + 1.0) / df as f32).ln().max(0.0) / total
}

/// Coverage gap of one sentence with evidence `weight` of which `matched` has a counterpart (see
/// [`Features::coverage_gap`]).
fn gap(matched: f32, weight: f32) -> f32 {
    if weight <= 0.0 {
        return 0.0;
    }
    (COVER - matched.min(weight) / weight).max(0.0) / COVER * weight.min(COVER_WEIGHT)
        / COVER_WEIGHT
}

/// The evidence of one bead (see [`Features::evidence`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    /// [`Features::matches`].
    pub matched: f32,
    /// [`Features::coverage_gap`] (0 for a null bead).
    pub coverage_gap: f32,
    /// [`Features::unmatched_numbers`] (0 for a null bead).
    pub unmatched_numbers: f32,
}

/// Length of a sentence in characters, runs of whitespace counted as one (NTREX has double and
/// zero-width spaces), as the ratios were measured; +1 so that an empty sentence has a length.
///
/// In a language written in Han characters, Latin letters, digits and the spaces between them
/// (names, acronyms, numbers kept as in English: `CBS`, `Simpson`, `DNA`) count `latin` each, the
/// language's characters per English character: such a run is as long as in the English, where a
/// Chinese character stands for about three English ones.
fn len_chars(s: &str, latin: f64) -> f64 {
    let mut n = 0.0;
    let mut space = true;
    for c in s.chars() {
        let is_space = c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
        if !(is_space && space) {
            let foreign = is_space || c.is_ascii_alphanumeric() || script_of(c) == Script::Latin;
            n += if foreign { latin } else { 1.0 };
        }
        space = is_space;
    }
    n + 1.0
}

/// The weight [`len_chars`] gives a Latin character in text of `lang`.
fn latin_weight(lang: &Lang) -> f64 {
    let info = lang.info();
    if info.script == Script::Han {
        f64::from(info.chars_per_en_char)
    } else {
        1.0
    }
}

/// Search band: for each source position, the range of target positions, around the diagonal.
pub fn band(n: usize, m: usize, min_band: usize) -> Vec<(usize, usize)> {
    let w = min_band.max(1) + n.abs_diff(m);
    (0..=n)
        .map(|i| {
            let center = (i * m).checked_div(n).unwrap_or(0);
            (center.saturating_sub(w), (center + w).min(m))
        })
        .collect()
}

impl Features {
    /// Extracts the features of both sides.
    pub fn new(src: &Side, tgt: &Side, lexicon: Option<&Lexicon>, options: &Options) -> Features {
        let (n, m) = (src.sentences.len(), tgt.sentences.len());
        let src_len: Vec<f64> = src
            .sentences
            .iter()
            .map(|s| len_chars(s, latin_weight(&src.lang)))
            .collect();
        let count = |side: &Side| -> Vec<u32> {
            side.sentences
                .iter()
                .map(|s| {
                    if options.anchors {
                        sentence_count(s)
                    } else {
                        1
                    }
                })
                .collect()
        };
        let (src_sents, tgt_sents) = (count(src), count(tgt));
        let tgt_len: Vec<f64> = tgt
            .sentences
            .iter()
            .map(|s| len_chars(s, latin_weight(&tgt.lang)))
            .collect();
        let breaks = |side: &Side| {
            let k = side.sentences.len();
            (0..=k)
                .map(|i| i == 0 || i == k || side.paragraphs.get(i) != side.paragraphs.get(i - 1))
                .collect::<Vec<bool>>()
        };
        let src_break = breaks(src);
        let tgt_break = breaks(tgt);
        let multi = |b: &[bool]| b.len() > 2 && b[1..b.len() - 1].iter().any(|&x| x);
        let paragraphs = options.anchors && multi(&src_break) && multi(&tgt_break);
        let band = band(n, m, options.min_band);

        let mut src_items: Vec<Items> = Vec::with_capacity(n);
        let mut tgt_items: Vec<Items> = Vec::with_capacity(m);
        let mut tgt_all: Vec<Vec<u64>> = Vec::with_capacity(m);
        let vocab: HashSet<u64> = lexicon
            .map(|l| l.target_keys().map(|k| key(NS_WORD, k)).collect())
            .unwrap_or_default();
        for s in &src.sentences {
            let mut items = Items::default();
            if options.anchors {
                anchor_items(&src.lang, s, false, &mut items);
            }
            if options.lexicon {
                source_word_items(&src.lang, s, lexicon, &mut items);
            }
            src_items.push(items);
        }
        for s in &tgt.sentences {
            let mut items = Items::default();
            let mut all = Vec::new();
            if options.anchors {
                anchor_items(&tgt.lang, s, true, &mut items);
                for (_, keys) in &items.items {
                    all.extend(keys);
                }
            }
            if options.lexicon {
                target_word_items(&tgt.lang, s, &vocab, &mut items, &mut all);
            }
            all.sort_unstable();
            all.dedup();
            tgt_items.push(items);
            tgt_all.push(all);
        }

        // Inverted indexes: key → target sentences containing it; key → source sentences offering it.
        let mut tgt_index: HashMap<u64, Vec<u32>> = HashMap::new();
        for (j, all) in tgt_all.iter().enumerate() {
            for &k in all {
                tgt_index.entry(k).or_default().push(j as u32);
            }
        }
        let mut src_index: HashMap<u64, Vec<u32>> = HashMap::new();
        for (i, items) in src_items.iter().enumerate() {
            let mut keys: Vec<u64> = items
                .items
                .iter()
                .flat_map(|x| x.1.iter().copied())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for k in keys {
                src_index.entry(k).or_default().push(i as u32);
            }
        }

        // Pair rows: source sentence i meets target sentences near the band rows i and i + 1.
        let reach = 3;
        let mut rows: Vec<Row> = (0..n)
            .map(|i| {
                let lo = band[i].0.saturating_sub(reach);
                let hi = (band[i + 1].1 + reach).min(m);
                Row {
                    lo,
                    cells: vec![PairMatch::default(); hi.saturating_sub(lo)],
                }
            })
            .collect();
        let mut total = 0usize;
        let mut scratch: Vec<u32> = Vec::new();
        let mut src_weight = vec![0.0f32; n];
        let mut tgt_weight = vec![0.0f32; m];
        let mut src_number = vec![0.0f32; n];
        let mut tgt_number = vec![0.0f32; m];
        let mut src_buckets = vec![Buckets::default(); n];
        let mut tgt_buckets = vec![Buckets::default(); m];
        for (i, items) in src_items.iter().enumerate() {
            for (q, ((w, keys), &kind)) in items.items.iter().zip(&items.kinds).enumerate() {
                let number = if kind == 1 { *w } else { 0.0 };
                src_number[i] += number;
                // Only the target sentences inside this row of the band are collected; the item's
                // document frequency is its longest posting list (exact for nested prefixes).
                let (row_lo, row_hi) =
                    (rows[i].lo as u32, (rows[i].lo + rows[i].cells.len()) as u32);
                let df = sentences_with(&tgt_index, keys, row_lo..row_hi, &mut scratch);
                let w = &(w * idf(df, m));
                src_weight[i] += w;
                src_buckets[i].add(q, *w, number);
                let bit = 1u128 << (q % MASK_BITS);
                let row = &mut rows[i];
                for &j in &scratch {
                    if let Some(cell) = (j as usize)
                        .checked_sub(row.lo)
                        .and_then(|x| row.cells.get_mut(x))
                    {
                        cell.src += w;
                        cell.src_number += number;
                        cell.src_mask |= bit;
                    }
                }
            }
        }
        for (j, items) in tgt_items.iter().enumerate() {
            // Rows are monotone in the band, so the rows that reach target sentence j are contiguous.
            let first_row = rows.partition_point(|r| r.lo + r.cells.len() <= j);
            let end_row = rows.partition_point(|r| r.lo <= j);
            for (q, ((w, keys), &kind)) in items.items.iter().zip(&items.kinds).enumerate() {
                let number = if kind == 1 { *w } else { 0.0 };
                tgt_number[j] += number;
                let rows_reaching = first_row as u32..end_row as u32;
                let df = sentences_with(&src_index, keys, rows_reaching, &mut scratch);
                let w = &(w * idf(df, n));
                tgt_weight[j] += w;
                tgt_buckets[j].add(q, *w, number);
                let bit = 1u128 << (q % MASK_BITS);
                for &i in &scratch {
                    let row = &mut rows[i as usize];
                    if let Some(cell) = j.checked_sub(row.lo).and_then(|x| row.cells.get_mut(x)) {
                        cell.tgt += w;
                        cell.tgt_number += number;
                        cell.tgt_mask |= bit;
                        total += 1;
                    }
                }
            }
        }
        let kinds = |items: &[Items]| {
            items
                .iter()
                .map(|it| {
                    it.kinds
                        .iter()
                        .zip(&it.items)
                        .filter(|(k, _)| **k != 0)
                        .map(|(k, (_, keys))| (*k, keys.clone()))
                        .collect()
                })
                .collect()
        };
        let nums = |items: &[Items]| -> Vec<Vec<(u64, f32)>> {
            items
                .iter()
                .map(|it| {
                    it.kinds
                        .iter()
                        .zip(&it.items)
                        .filter(|(k, _)| **k == 1)
                        .filter_map(|(_, (w, keys))| keys.first().map(|&k| (k, *w)))
                        .collect()
                })
                .collect()
        };
        let src_kinds: Vec<Vec<(u8, Vec<u64>)>> = kinds(&src_items);
        let tgt_kinds: Vec<Vec<(u8, Vec<u64>)>> = kinds(&tgt_items);
        let names = |v: &[Vec<(u8, Vec<u64>)>]| -> HashSet<u64> {
            v.iter()
                .flatten()
                .filter(|(k, _)| *k == 2)
                .flat_map(|(_, keys)| keys.iter().copied())
                .collect()
        };
        Features {
            src_names: names(&src_kinds),
            tgt_names: names(&tgt_kinds),
            src_kinds,
            tgt_kinds,
            n,
            m,
            src_len,
            src_sents,
            tgt_sents,
            tgt_len,
            src_break,
            tgt_break,
            paragraphs,
            band,
            src_weight,
            tgt_weight,
            src_number,
            tgt_number,
            src_nums: nums(&src_items),
            tgt_nums: nums(&tgt_items),
            src_buckets,
            tgt_buckets,
            rows,
            total,
        }
    }

    fn pair(&self, i: usize, j: usize) -> PairMatch {
        self.rows
            .get(i)
            .and_then(|row| j.checked_sub(row.lo).and_then(|x| row.cells.get(x)))
            .copied()
            .unwrap_or_default()
    }

    /// Weight and number weight of source sentence `i`'s items found in target sentences `j0..j1`,
    /// each item counted once however many of those sentences hold it.
    fn src_matched(&self, i: usize, j0: usize, j1: usize) -> (f32, f32) {
        if j1 == j0 + 1 {
            let c = self.pair(i, j0);
            return (c.src, c.src_number);
        }
        let mask = (j0..j1).fold(0u128, |acc, j| acc | self.pair(i, j).src_mask);
        let (w, n) = self.src_buckets[i].of(mask);
        (w.min(self.src_weight[i]), n.min(self.src_number[i]))
    }

    /// The same for target sentence `j` against source sentences `i0..i1`.
    fn tgt_matched(&self, j: usize, i0: usize, i1: usize) -> (f32, f32) {
        if i1 == i0 + 1 {
            let c = self.pair(i0, j);
            return (c.tgt, c.tgt_number);
        }
        let mask = (i0..i1).fold(0u128, |acc, i| acc | self.pair(i, j).tgt_mask);
        let (w, n) = self.tgt_buckets[j].of(mask);
        (w.min(self.tgt_weight[j]), n.min(self.tgt_number[j]))
    }

    /// [`Features::matches`], [`Features::coverage_gap`] and [`Features::unmatched_numbers`] of one
    /// bead in one pass (each sentence's matches are gathered once).
    pub fn evidence(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> Evidence {
        let mut e = Evidence::default();
        let linked = i1 > i0 && j1 > j0;
        for i in i0..i1 {
            let (w, n) = self.src_matched(i, j0, j1);
            let weight = self.src_weight[i];
            e.matched += w.min(weight);
            if linked {
                e.coverage_gap += gap(w, weight);
                e.unmatched_numbers += self.src_number[i] - n.min(self.src_number[i]);
            }
        }
        for j in j0..j1 {
            let (w, n) = self.tgt_matched(j, i0, i1);
            let weight = self.tgt_weight[j];
            e.matched += w.min(weight);
            if linked {
                e.coverage_gap += gap(w, weight);
                e.unmatched_numbers += self.tgt_number[j] - n.min(self.tgt_number[j]);
            }
        }
        e
    }

    /// Weight of the evidence shared by source sentences `i0..i1` and target sentences `j0..j1`:
    /// each item of each sentence counts once, when it has a counterpart anywhere on the other side
    /// of the bead (a word repeated in two target sentences does not pay a merge twice).
    pub fn matches(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            total += self.src_matched(i, j0, j1).0.min(self.src_weight[i]);
        }
        for j in j0..j1 {
            total += self.tgt_matched(j, i0, i1).0.min(self.tgt_weight[j]);
        }
        total
    }

    /// Coverage gap of a linked bead: for each sentence, how far the share of its evidence weight
    /// matched on the other side falls short of [`COVER`], scaled by how much evidence the sentence
    /// offers (up to [`COVER_WEIGHT`]). A sentence that is a translation of the other side shares
    /// some of its words, numbers or names; one that shares none is more likely dropped or added.
    pub fn coverage_gap(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            total += gap(self.src_matched(i, j0, j1).0, self.src_weight[i]);
        }
        for j in j0..j1 {
            total += gap(self.tgt_matched(j, i0, i1).0, self.tgt_weight[j]);
        }
        total
    }

    /// Weight of the numbers of source sentences `i0..i1` and target sentences `j0..j1` that have no
    /// counterpart on the other side of the bead.
    pub fn unmatched_numbers(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            let s = self.src_matched(i, j0, j1).1;
            total += self.src_number[i] - s.min(self.src_number[i]);
        }
        for j in j0..j1 {
            let t = self.tgt_matched(j, i0, i1).1;
            total += self.tgt_number[j] - t.min(self.tgt_number[j]);
        }
        total
    }

    /// Weight of the numbers a merged bead repeats more often on one side than on the other: a
    /// sentence added by the translator that restates a number of its neighbour (`COP29`) matches
    /// the same source mention twice. Zero for 1-1 and null beads.
    pub fn repeated_numbers(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        if i1 - i0 < 2 && j1 - j0 < 2 {
            return 0.0;
        }
        if self.src_nums[i0..i1].iter().all(Vec::is_empty)
            || self.tgt_nums[j0..j1].iter().all(Vec::is_empty)
        {
            return 0.0;
        }
        let mut s: Vec<(u64, f32)> = self.src_nums[i0..i1].iter().flatten().copied().collect();
        let mut t: Vec<(u64, f32)> = self.tgt_nums[j0..j1].iter().flatten().copied().collect();
        if s.is_empty() || t.is_empty() {
            return 0.0;
        }
        s.sort_by_key(|x| x.0);
        t.sort_by_key(|x| x.0);
        let count = |v: &[(u64, f32)], k: u64| v.iter().filter(|x| x.0 == k).count();
        let mut total = 0.0;
        let mut last = None;
        for &(k, w) in s.iter().chain(&t) {
            if last == Some(k) {
                continue;
            }
            last = Some(k);
            let (a, b) = (count(&s, k), count(&t, k));
            if a > 0 && b > 0 && a != b {
                total += w * a.abs_diff(b) as f32;
            }
        }
        total
    }

    /// How many more sentences one side of the bead holds than the other ([`sentence_count`]).
    pub fn sentence_gap(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> u32 {
        let s: u32 = self.src_sents[i0..i1].iter().sum();
        let t: u32 = self.tgt_sents[j0..j1].iter().sum();
        s.abs_diff(t)
    }

    /// Number of target items matched anywhere in the band (a measure of whether the sides are
    /// translations at all).
    pub fn total_matches(&self) -> usize {
        self.total
    }

    /// Whether numbers (`kind` 1) or names (`kind` 2) of one side of the bead lack a counterpart.
    pub fn has_unmatched(&self, kind: u8, i0: usize, i1: usize, j0: usize, j1: usize) -> bool {
        let collect = |v: &[Vec<(u8, Vec<u64>)>], a: usize, b: usize| -> Vec<Vec<u64>> {
            v[a..b]
                .iter()
                .flatten()
                .filter(|(k, _)| *k == kind)
                .map(|(_, keys)| keys.clone())
                .collect()
        };
        let s = collect(&self.src_kinds, i0, i1);
        let t = collect(&self.tgt_kinds, j0, j1);
        let t_keys: HashSet<u64> = t.iter().flatten().copied().collect();
        let s_keys: HashSet<u64> = s.iter().flatten().copied().collect();
        if kind == 1 {
            let src_miss = s
                .iter()
                .any(|keys| !keys.iter().any(|k| t_keys.contains(k)));
            let tgt_miss = t
                .iter()
                .any(|keys| !keys.iter().any(|k| s_keys.contains(k)));
            return src_miss || tgt_miss;
        }
        // Most capitalised words have no counterpart of the same skeleton (titles, translated names),
        // so a name is a mismatch only when its counterpart is elsewhere in the other text.
        let (all_s, all_t) = (&self.src_names, &self.tgt_names);
        let elsewhere = |keys: &Vec<u64>, here: &HashSet<u64>, all: &HashSet<u64>| {
            !keys.iter().any(|k| here.contains(k)) && keys.iter().any(|k| all.contains(k))
        };
        s.iter().any(|keys| elsewhere(keys, &t_keys, all_t))
            || t.iter().any(|keys| elsewhere(keys, &s_keys, all_s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_are_fnv1a_over_the_namespace_and_the_text() {
        assert_eq!(key(b'n', "3"), 0x08b3_7d07_b558_d826);
        assert_eq!(key(b's', "lv"), 0x8253_9719_5cf6_bb34);
        assert_eq!(key(b'w', "presid"), 0x3882_8cff_5fa3_0ea9);
        assert_eq!(key(b'x', ""), 0xaf63_f54c_8602_1707);
        assert_eq!(key(b'p', "?"), 0x08d5_8907_b575_d2f0);
    }

    #[test]
    fn numbers_agree_across_conventions_and_scripts() {
        assert_eq!(numbers("3 billion"), numbers("30亿"));
        assert_eq!(numbers("1,234.5 tons"), numbers("1 234,5 тонны"));
        assert_eq!(numbers("12.5%"), vec!["125"]);
        assert_eq!(numbers("in 2024, 3 people"), vec!["2024", "3"]);
        assert_eq!(numbers("150万"), numbers("1.5 million"));
    }

    #[test]
    fn months_are_numbers_as_in_chinese_dates() {
        let (en, ru, az) = (
            Lang::parse("en").expect("en"),
            Lang::parse("ru").expect("ru"),
            Lang::parse("az").expect("az"),
        );
        assert_eq!(month_number(&en, "July", false), Some(7));
        assert_eq!(month_number(&en, "may", false), None);
        assert_eq!(month_number(&en, "May", true), None);
        assert_eq!(month_number(&en, "May", false), Some(5));
        assert_eq!(month_number(&ru, "июля", false), Some(7));
        assert_eq!(month_number(&ru, "мая", false), Some(5));
        assert_eq!(month_number(&ru, "маяк", false), None);
        assert_eq!(month_number(&az, "iyulda", false), Some(7));
        assert_eq!(month_number(&az, "Oktyabrın", false), Some(10));
        assert_eq!(month_number(&ru, "мартовский", false), None);
    }

    #[test]
    fn names_share_a_skeleton_across_scripts() {
        let az = Lang::parse("az").expect("az");
        let ru = Lang::parse("ru").expect("ru");
        let en = Lang::parse("en").expect("en");
        assert_eq!(skeleton(&en.fold("Aliyev")), "lv");
        assert_eq!(skeleton(&az.fold("Əliyev")), "lv");
        assert_eq!(skeleton(&ru.fold("Алиев")), "lv");
        assert_eq!(skeleton(&ru.fold("Путин")), skeleton(&en.fold("Putin")));
    }

    #[test]
    fn length_cost_is_lowest_at_the_expected_ratio() {
        let en = Lang::parse("en").expect("en");
        let zh = Lang::parse("zh").expect("zh");
        let model = LengthModel::for_pair(&en, &zh);
        assert!(model.cost(100.0, 32.0) < model.cost(100.0, 100.0));
        assert!(model.cost(100.0, 32.0) < 0.1);
    }

    #[test]
    fn latin_runs_in_chinese_count_at_the_chinese_rate() {
        let zh = Lang::parse("zh").expect("zh");
        let en = Lang::parse("en").expect("en");
        let w = latin_weight(&zh);
        assert!((w - 0.345).abs() < 1e-6);
        assert_eq!(latin_weight(&en), 1.0);
        // Five Han characters and "DNA" (three letters and a space before it).
        let n = len_chars("发现了他的 DNA", w);
        assert!((n - (5.0 + 4.0 * w + 1.0)).abs() < 1e-9, "{n}");
        assert_eq!(len_chars("two  words", 1.0), 10.0);
    }

    #[test]
    fn a_word_in_two_target_sentences_counts_once_in_a_merged_bead() {
        let en = Lang::parse("en").expect("en");
        let ru = Lang::parse("ru").expect("ru");
        let src = Side::new(
            en,
            vec!["The parliament voted on Monday.", "Rain fell in Baku."],
        );
        let tgt = Side::new(
            ru,
            vec![
                "Парламент проголосовал в понедельник.",
                "Парламент разошёлся.",
                "В Баку шёл дождь.",
            ],
        );
        let lexicon = Lexicon::seed(&src.lang, &tgt.lang);
        let f = Features::new(&src, &tgt, Some(&lexicon), &Options::default());
        let one = f.src_matched(0, 0, 1).0;
        let two = f.src_matched(0, 0, 2).0;
        assert!(one > 0.0);
        assert!((one - two).abs() < 1e-6, "1-1 {one} against 1-2 {two}");
        assert!(two <= f.src_weight[0]);
    }

    #[test]
    fn sentence_count_sees_merged_sentences_but_not_abbreviations() {
        assert_eq!(sentence_count("He came. She left."), 2);
        assert_eq!(sentence_count("\"They're playful. Very!\" he said."), 2);
        assert_eq!(
            sentence_count("Mr. Smith met U.S. officials in Washington D.C. today."),
            1
        );
        assert_eq!(sentence_count("Доходы выросли на 3 млрд. Экспорт упал."), 2);
        assert_eq!(sentence_count("他来了。她走了。"), 2);
        assert_eq!(sentence_count("他说：“好。”"), 1);
        assert_eq!(sentence_count("Headline without a stop"), 1);
    }

    #[test]
    fn tokens_split_han_from_latin_with_multibyte_text() {
        let t: Vec<&str> = tokens("习近平会见NATO代表Əliyev")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, vec!["习近平会见", "NATO", "代表", "Əliyev"]);
    }
}
