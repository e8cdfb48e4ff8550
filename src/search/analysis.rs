//! The leverage report of a text against the memory (`tmkit analyze`): how many of its sentences,
//! words and characters fall in each fuzzy-match band, and how many repeat earlier sentences.
//!
//! Each sentence falls in the band of its best match at 50% or more ([`lookup`] with limit 1); a
//! sentence seen earlier in the text (after normalisation) is a repetition and is not looked up.
//! Words are counted as written ([`fuzzy::token::tokenize_words`]): a date counts its words.

use super::lookup::{LookupError, LookupOptions, lookup};
use super::parallel::Readers;
use crate::fuzzy::{self, Token};
use crate::lang::Lang;

/// Segments, words and characters of one band of a leverage report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Volume {
    /// Sentences.
    pub segments: usize,
    /// Words (words and numbers, a date counting its words; one per Han/Kana character).
    pub words: usize,
    /// Characters, whitespace included.
    pub chars: usize,
}

impl Volume {
    fn add(&mut self, text: &str, tokens: &[Token]) {
        self.segments += 1;
        self.words += tokens
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    fuzzy::token::Kind::Word | fuzzy::token::Kind::Number
                )
            })
            .count();
        self.chars += text.chars().count();
    }
}

/// The leverage report of a text against the memory (`tmkit analyze`).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Analysis {
    /// Per band, best first (100%, 95–99, 85–94, 75–84, 50–74, no match).
    pub bands: Vec<(fuzzy::Band, Volume)>,
    /// Sentences that occur earlier in the same text (counted here, not in a band).
    pub repetitions: Volume,
    /// Everything.
    pub total: Volume,
    /// Sentences whose best match is a unit that needs review (also counted in its band): their
    /// matches must be checked before they are trusted.
    pub needs_review: Volume,
}

/// The leverage report of `sentences` (in `from`) against the memory's `from`→`to` units: each
/// sentence falls in the band of its best match at 50% or more; a sentence seen earlier in the text
/// is a repetition. The lookups run on every worker of `readers`; the report does not depend on their
/// number.
///
/// # Errors
/// As [`lookup`], except that empty sentences are skipped.
pub fn analyze(
    readers: &Readers,
    sentences: &[String],
    from: &Lang,
    to: &Lang,
) -> Result<Analysis, LookupError> {
    let mut analysis = Analysis {
        bands: fuzzy::Band::ALL
            .iter()
            .map(|b| (*b, Volume::default()))
            .collect(),
        ..Analysis::default()
    };
    let options = LookupOptions {
        min_score: 0.5,
        limit: 1,
    };
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    // First the counts that need no lookup (totals, repetitions), then the lookups of the first
    // occurrences on every worker.
    let mut first = Vec::new();
    for sentence in sentences {
        // Words as written: a date counts its words here, not as one placeable.
        let tokens = fuzzy::token::tokenize_words(sentence, from);
        if tokens.is_empty() {
            continue;
        }
        analysis.total.add(sentence, &tokens);
        if !seen.insert(from.normalize(sentence)) {
            analysis.repetitions.add(sentence, &tokens);
            continue;
        }
        first.push((sentence, tokens));
    }
    let best = readers.map(&first, |memory, (sentence, _)| {
        match lookup(memory, sentence, from, to, &options) {
            Ok(found) => Ok(found.first().map(|m| (m.score, m.status == "needs-review"))),
            Err(LookupError::TooLong(_)) => Ok(None),
            Err(e) => Err(e),
        }
    })?;
    for ((sentence, tokens), best) in first.iter().zip(best) {
        if best.is_some_and(|(_, needs_review)| needs_review) {
            analysis.needs_review.add(sentence, tokens);
        }
        let band = fuzzy::Band::of(best.map(|(score, _)| score));
        if let Some((_, volume)) = analysis.bands.iter_mut().find(|(b, _)| *b == band) {
            volume.add(sentence, tokens);
        }
    }
    Ok(analysis)
}
