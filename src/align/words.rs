//! Word items: the lexical evidence of a sentence.
//!
//! A source word's keys are its lexicon translations and itself (cognates, acronyms, Latin names
//! inside Chinese); a Chinese source run offers the character n-grams the lexicon knows. Target words
//! are keyed by their prefixes of 3 to 6 characters (so a translation's stem matches whatever ending
//! the word has), Chinese by its character n-grams. English function words offer nothing.

use std::collections::HashSet;

use super::items::{ItemKind, Items, Namespace, key};
use super::keys::{STEM_CHARS, STOPWORDS, is_numeric, prefix, stem, tokens};
use super::lexicon::Lexicon;
use crate::lang::Lang;

/// Shortest target prefix that is matched.
const MIN_PREFIX: usize = 3;
/// Longest Chinese n-gram keyed (most Chinese lexicon entries are 2–5 characters).
const MAX_NGRAM: usize = 5;
/// Weight of a word.
const W_WORD: f32 = 1.0;

/// The keys of every target word the lexicon knows: a Chinese target n-gram is an item only when it
/// is one of them (most n-grams are not words).
pub(super) fn target_vocabulary(lexicon: Option<&Lexicon>) -> HashSet<u64> {
    lexicon
        .map(|l| l.target_keys().map(|k| key(Namespace::Word, k)).collect())
        .unwrap_or_default()
}

/// Source word items: translations and the word itself.
pub(super) fn source_word_items(
    lang: &Lang,
    text: &str,
    lexicon: Option<&Lexicon>,
    items: &mut Items,
) {
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
                        items.push(
                            ItemKind::Other,
                            W_WORD,
                            tr.iter().map(|v| key(Namespace::Word, v)).collect(),
                        );
                    }
                }
            }
            continue;
        }
        let folded = lang.fold(t.text);
        let s = stem(&folded);
        let mut keys: Vec<u64> = lexicon
            .map(|l| l.get(&s).iter().map(|v| key(Namespace::Word, v)).collect())
            .unwrap_or_default();
        let acronym = t.text.chars().count() >= 2 && t.text.chars().all(|c| c.is_uppercase());
        if folded.chars().count() >= 4 || acronym {
            keys.push(key(Namespace::Word, &s));
        }
        if !STOPWORDS.contains(&folded.as_str()) {
            items.push(ItemKind::Other, W_WORD, keys);
        }
    }
}

/// Target word items (keyed by prefixes) and every key the sentence contains.
pub(super) fn target_word_items(
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
                    let k = key(Namespace::Word, &gram);
                    all.push(k);
                    if len >= 2 && vocab.contains(&k) {
                        items.push(ItemKind::Other, W_WORD, vec![k]);
                    }
                }
            }
            continue;
        }
        let folded = lang.fold(t.text);
        let n = folded.chars().count();
        let keys: Vec<u64> = (MIN_PREFIX.min(n)..=STEM_CHARS.min(n))
            .map(|k| key(Namespace::Word, prefix(&folded, k)))
            .collect();
        all.extend(&keys);
        if n >= 2 {
            items.push(ItemKind::Other, W_WORD, keys);
        }
    }
}
