//! Word keys: how alignment compares words across languages without a stemmer or a tokenizer per
//! language.
//!
//! A text is split into tokens: runs of letters and digits, with Han runs apart from the rest
//! (`习近平会见NATO代表` → `习近平会见`, `NATO`, `代表`). A word's key is its case-folded prefix of
//! [`STEM_CHARS`] characters in spaced languages (a crude stemmer that copes with Azerbaijani suffixes
//! and Russian endings); a Han run is kept whole as a lexicon key, or cut into character bigrams when
//! a lexicon is learned. Function words (English, Russian, Azerbaijani) are left out of learning: they
//! co-occur with everything.

use super::script::{is_alphanumeric, is_han};
use crate::lang::Lang;

/// Characters of a word kept as its key in spaced languages: enough to tell words apart, short enough
/// to absorb Azerbaijani suffixes and Russian endings.
pub const STEM_CHARS: usize = 6;

/// A token of a sentence.
pub(super) struct Token<'t> {
    pub(super) text: &'t str,
    /// Whether it is a run of Han characters.
    pub(super) han: bool,
    /// Whether it starts with an upper-case letter.
    pub(super) capital: bool,
    /// Whether it is the first word of the sentence.
    pub(super) first: bool,
}

/// Splits a sentence into words (letters and digits) and Han runs.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5 + 1);
    let mut start: Option<(usize, bool)> = None;
    fn push<'t>(out: &mut Vec<Token<'t>>, t: &'t str, han: bool) {
        let first = out.is_empty();
        out.push(Token {
            text: t,
            han,
            capital: t.chars().next().is_some_and(char::is_uppercase),
            first,
        });
    }
    for (i, c) in text.char_indices() {
        // ASCII answers both questions without the Unicode tables.
        let (word, han) = if c.is_ascii() {
            (c.is_ascii_alphanumeric(), false)
        } else {
            (is_alphanumeric(c) || c == '\u{301}', is_han(c))
        };
        match start {
            Some((_, h)) if word && h == han => {}
            Some((s, h)) => {
                push(&mut out, &text[s..i], h);
                start = if word { Some((i, han)) } else { None };
            }
            None if word => start = Some((i, han)),
            None => {}
        }
    }
    if let Some((s, h)) = start {
        push(&mut out, &text[s..], h);
    }
    out
}

/// The first `n` characters of `s`.
pub(super) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The stem of a folded word in a spaced language.
pub(super) fn stem(word: &str) -> String {
    prefix(word, STEM_CHARS).to_string()
}

/// Whether the token is made of digits (a number, handled as such).
pub(super) fn is_numeric(token: &str) -> bool {
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
pub(super) const STOPWORDS: &[&str] = &[
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_han_from_latin_with_multibyte_text() {
        let t: Vec<&str> = tokens("习近平会见NATO代表Əliyev")
            .iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(t, vec!["习近平会见", "NATO", "代表", "Əliyev"]);
    }
}
