//! Anchors: what survives translation unchanged or nearly so, and is rare enough to tell which
//! sentence translates which.
//!
//! - numbers: the digits with separators and trailing zeros removed, so `3 billion` = `3 milyard` =
//!   `3 млрд` = `30亿` and `1,234.5` = `1 234,5` = `12345` (the magnitude word is ignored; `3 million`
//!   against `3 billion` is not caught); month names count as their number, as Chinese writes them
//!   (`July 3` ≈ `7月3日`);
//! - names: capitalised words, case-folded, transliterated to Latin (Cyrillic, Azerbaijani letters)
//!   and reduced to a consonant skeleton without `h`, `j`, `w`, `y` (`Aliyev`, `Əliyev`, `Алиев` → `lv`);
//!   target names match on a prefix, which absorbs case endings (`Трампом`);
//! - punctuation: `?`, `!`, `:`, quotes (full-width forms fold to the same items); separators (`xxx`);
//! - the number of sentences a line holds ([`sentence_count`]), for lines that merge two sentences.
//!
//! The month names here repeat those of [`crate::fuzzy::date`], which has no function answering
//! "which month does this word name" with the prefix matching alignment needs.

use super::items::{ItemKind, Items, Namespace, key};
use super::keys::{Token, is_numeric, prefix};
use super::script::{is_alphabetic, is_alphanumeric, is_han};
use crate::lang::Lang;

/// Weight of a number with at least two significant digits: hard to match by chance.
const W_NUMBER: f32 = 3.0;
/// Weight of a one-digit number: common in both texts anyway.
const W_DIGIT: f32 = 1.0;
/// Weight of a name skeleton.
const W_NAME: f32 = 1.5;
/// Weight of punctuation items.
const W_PUNCT: f32 = 1.0;
/// Weight of a section separator line (`xxx`).
const W_SEPARATOR: f32 = 4.0;

/// Normalised digits of the numbers in a text (see the module docs).
pub fn numbers(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Most sentences hold no digit: they need no list of their characters.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
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

/// The month (1–12) a word names, if any, by the month tables of [`crate::fuzzy::date`]: a date's
/// month is a number in Chinese (`7月3日`), so `July 3` ≈ `3 июля` ≈ `3 iyul` ≈ `7月3日` when the month
/// counts as the number 7. English month names count only capitalised (`march`, `may` are verbs), and
/// `May` not at the start of a sentence (`May I …`).
pub fn month_number(lang: &Lang, word: &str, first: bool) -> Option<u32> {
    month_at(lang, crate::fuzzy::date::month_number(lang, word), first)
}

/// The month a word names where it stands: `month` (what [`crate::fuzzy::date::month_number`] says
/// of the word), unless it is an English `May` that starts the sentence (see [`month_number`]).
fn month_at(lang: &Lang, month: Option<u32>, first: bool) -> Option<u32> {
    let month = month?;
    let sentence_initial_may = first && month == 5 && lang.language() == "en";
    (!sentence_initial_may).then_some(month)
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

/// A punctuation mark that survives translation: a question stays a question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Punctuation {
    /// `?`
    Question,
    /// `!`
    Exclamation,
    /// `:`
    Colon,
    /// Any quotation mark.
    Quote,
}

impl Punctuation {
    /// Each mark with the characters that write it (full-width forms are the same mark).
    const MARKS: [(Punctuation, &'static [char]); 4] = [
        (Punctuation::Question, &['?', '？']),
        (Punctuation::Exclamation, &['!', '！']),
        (Punctuation::Colon, &[':', '：']),
        (
            Punctuation::Quote,
            &['"', '“', '”', '«', '»', '„', '「', '」', '『', '』'],
        ),
    ];

    /// The text of the mark's key.
    fn key_text(self) -> &'static str {
        match self {
            Punctuation::Question => "?",
            Punctuation::Exclamation => "!",
            Punctuation::Colon => ":",
            Punctuation::Quote => "q",
        }
    }
}

/// The punctuation marks a text holds, each once, in the order of [`Punctuation::MARKS`].
fn punctuation(text: &str) -> Vec<Punctuation> {
    // One pass over the text, noting which marks occur.
    let mut seen = [false; Punctuation::MARKS.len()];
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == ' ' {
            continue;
        }
        for (found, (_, chars)) in seen.iter_mut().zip(&Punctuation::MARKS) {
            *found |= chars.contains(&c);
        }
    }
    Punctuation::MARKS
        .iter()
        .zip(seen)
        .filter(|(_, found)| *found)
        .map(|((mark, _), _)| *mark)
        .collect()
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
                .take_while(|c| is_alphanumeric(**c) || **c == '.')
                .copied()
                .collect();
            let letters = word.iter().filter(|c| is_alphabetic(**c)).count();
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

/// The anchors a token offers wherever it stands, computed once per distinct token of a side: the
/// month it names (as if it did not start the sentence) with that month's number key, and its name
/// keys (as if it were not the first word; empty when it is no name).
#[derive(Clone, Debug, Default)]
pub(super) struct TokenAnchors {
    month: Option<(u32, u64)>,
    name: Vec<u64>,
}

/// The [`TokenAnchors`] of token `t`, with `folded` its case-folded text where the caller has it. On
/// the target side names are keyed by skeleton prefixes of 2 to 4 letters, which absorb case endings.
pub(super) fn token_anchors(
    lang: &Lang,
    t: &Token,
    folded: Option<&str>,
    target: bool,
) -> TokenAnchors {
    let month = crate::fuzzy::date::month_number(lang, t.text).map(|month| {
        let n = month.to_string();
        (month, key(Namespace::Number, n.trim_end_matches('0')))
    });
    let mut name = Vec::new();
    if !(t.han || !t.capital || is_numeric(t.text) || t.text.chars().count() < 3) {
        let sk = match folded {
            Some(folded) => skeleton(folded),
            None => skeleton(&lang.fold(t.text)),
        };
        let letters = sk.chars().count();
        if letters >= 2 {
            name = if target {
                (2..=4)
                    .filter(|&k| k <= letters)
                    .map(|k| key(Namespace::Name, prefix(&sk, k)))
                    .collect()
            } else {
                vec![key(Namespace::Name, prefix(&sk, 4))]
            };
        }
    }
    TokenAnchors { month, name }
}

/// Anchor items of a sentence `text` with its `tokens` and their [`TokenAnchors`]: a separator line
/// is that alone; otherwise its numbers and months, punctuation and names.
pub(super) fn anchor_items(
    lang: &Lang,
    text: &str,
    tokens: &[Token],
    anchors: &[&TokenAnchors],
    items: &mut Items,
) {
    if is_separator(text) {
        items.push(
            ItemKind::Other,
            W_SEPARATOR,
            &[key(Namespace::Separator, "")],
        );
        return;
    }
    for n in numbers(text) {
        let w = if n.len() >= 2 { W_NUMBER } else { W_DIGIT };
        items.push(ItemKind::Number, w, &[key(Namespace::Number, &n)]);
    }
    for (t, a) in tokens.iter().zip(anchors) {
        if let Some((month, k)) = a.month
            && month_at(lang, Some(month), t.first).is_some()
        {
            items.push(ItemKind::Number, W_DIGIT, &[k]);
        }
    }
    for p in punctuation(text) {
        items.push(
            ItemKind::Other,
            W_PUNCT,
            &[key(Namespace::Punctuation, p.key_text())],
        );
    }
    for (t, a) in tokens.iter().zip(anchors) {
        if !t.first && !a.name.is_empty() {
            items.push(ItemKind::Name, W_NAME, &a.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
