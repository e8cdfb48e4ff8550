//! Draft translations (`tmkit pretranslate`): the best match of each sentence of a text.

use super::lookup::{LookupError, LookupOptions, lookup};
use crate::fuzzy::{self, FuzzyMatch};
use crate::lang::Lang;
use crate::tm::Memory;

/// The best match of each sentence, for a draft translation (`tmkit pretranslate`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Draft {
    /// The sentence.
    pub source: String,
    /// Its best match, if any reached the threshold.
    pub best: Option<FuzzyMatch>,
}

/// The best match of every non-empty sentence at `min_score` or more.
///
/// # Errors
/// As [`lookup`].
pub fn pretranslate(
    memory: &Memory,
    sentences: &[String],
    from: &Lang,
    to: &Lang,
    min_score: f32,
) -> Result<Vec<Draft>, LookupError> {
    let options = LookupOptions {
        min_score,
        limit: 1,
    };
    let mut out = Vec::new();
    for sentence in sentences {
        if fuzzy::tokenize(sentence, from).is_empty() {
            continue;
        }
        let best = match lookup(memory, sentence, from, to, &options) {
            Ok(found) => found.into_iter().next(),
            Err(LookupError::TooLong(_)) => None,
            Err(e) => return Err(e),
        };
        out.push(Draft {
            source: sentence.clone(),
            best,
        });
    }
    Ok(out)
}
