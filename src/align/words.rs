//! Word items: the lexical evidence of a sentence.
//!
//! A source word's keys are its lexicon translations and itself (cognates, acronyms, Latin names
//! inside Chinese); a Chinese source run offers the character n-grams the lexicon knows. Target words
//! are keyed by their prefixes of 3 to 6 characters (so a translation's stem matches whatever ending
//! the word has), Chinese by its character n-grams. English function words offer nothing.

use std::collections::HashSet;

use super::items::{Namespace, key};
use super::keys::{STEM_CHARS, STOPWORDS, Token, is_numeric, prefix, stem};
use super::lexicon::Lexicon;

/// Shortest target prefix that is matched.
const MIN_PREFIX: usize = 3;
/// Longest Chinese n-gram keyed (most Chinese lexicon entries are 2–5 characters).
const MAX_NGRAM: usize = 5;

/// The keys of every target word the lexicon knows: a Chinese target n-gram is an item only when it
/// is one of them (most n-grams are not words).
pub(super) fn target_vocabulary(lexicon: Option<&Lexicon>) -> HashSet<u64> {
    lexicon
        .map(|l| l.target_keys().map(|k| key(Namespace::Word, k)).collect())
        .unwrap_or_default()
}

/// The word evidence a token offers wherever it stands, computed once per distinct token of a side:
/// the keys of each of its items and, on the target side, every key it holds.
#[derive(Clone, Debug, Default)]
pub(super) struct TokenWords {
    /// The keys of each item, in order (an item without keys is left out when pushed).
    pub(super) items: Vec<Vec<u64>>,
    /// Every key the token holds (target side only).
    pub(super) keys: Vec<u64>,
}

/// The byte offset of each character of `text`, and the text's length after them: a Chinese run's
/// n-grams are slices of it.
fn char_bounds(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Source word items of token `t` (`folded`: its case-folded text, for a word that is not Han or
/// numeric): the word's translations and itself; a Chinese run offers the n-grams the lexicon knows.
pub(super) fn source_token_words(t: &Token, folded: &str, lexicon: Option<&Lexicon>) -> TokenWords {
    let mut out = TokenWords::default();
    if is_numeric(t.text) {
        return out;
    }
    if t.han {
        let Some(lex) = lexicon else { return out };
        let bounds = char_bounds(t.text);
        let chars = bounds.len() - 1;
        for len in 2..=MAX_NGRAM.min(chars) {
            for a in 0..=chars - len {
                let gram = &t.text[bounds[a]..bounds[a + len]];
                let tr = lex.get(gram);
                if !tr.is_empty() {
                    out.items
                        .push(tr.iter().map(|v| key(Namespace::Word, v)).collect());
                }
            }
        }
        return out;
    }
    let s = stem(folded);
    let mut keys: Vec<u64> = lexicon
        .map(|l| l.get(&s).iter().map(|v| key(Namespace::Word, v)).collect())
        .unwrap_or_default();
    let acronym = t.text.chars().count() >= 2 && t.text.chars().all(|c| c.is_uppercase());
    if folded.chars().count() >= 4 || acronym {
        keys.push(key(Namespace::Word, &s));
    }
    if !STOPWORDS.contains(&folded) {
        out.items.push(keys);
    }
    out
}

/// Target word items of token `t` (keyed by prefixes; Chinese n-grams when `known`: when they are
/// among the lexicon's target keys, [`target_vocabulary`]) and every key it holds.
pub(super) fn target_token_words(
    t: &Token,
    folded: &str,
    known: &dyn Fn(u64) -> bool,
) -> TokenWords {
    let mut out = TokenWords::default();
    if is_numeric(t.text) {
        return out;
    }
    if t.han {
        let bounds = char_bounds(t.text);
        let chars = bounds.len() - 1;
        for len in 1..=MAX_NGRAM.min(chars) {
            for a in 0..=chars - len {
                let k = key(Namespace::Word, &t.text[bounds[a]..bounds[a + len]]);
                out.keys.push(k);
                if len >= 2 && known(k) {
                    out.items.push(vec![k]);
                }
            }
        }
        return out;
    }
    let n = folded.chars().count();
    let keys: Vec<u64> = (MIN_PREFIX.min(n)..=STEM_CHARS.min(n))
        .map(|k| key(Namespace::Word, prefix(folded, k)))
        .collect();
    out.keys.extend(&keys);
    if n >= 2 {
        out.items.push(keys);
    }
    out
}
