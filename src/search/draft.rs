//! Draft translations (`tmkit pretranslate`): the best match of each sentence of a text.

use super::lookup::{LookupError, LookupOptions, lookup};
use super::parallel::Readers;
use crate::fuzzy::{self, FuzzyMatch};
use crate::lang::Lang;

/// The best match of each sentence, for a draft translation (`tmkit pretranslate`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Draft {
    /// The sentence.
    pub source: String,
    /// Its best match, if any reached the threshold.
    pub best: Option<FuzzyMatch>,
}

/// The best match of every non-empty sentence at `min_score` or more, in the order of `sentences`,
/// looked up on every worker of `readers`.
///
/// # Errors
/// As [`lookup`].
pub fn pretranslate(
    readers: &Readers,
    sentences: &[String],
    from: &Lang,
    to: &Lang,
    min_score: f32,
) -> Result<Vec<Draft>, LookupError> {
    let options = LookupOptions {
        min_score,
        limit: 1,
    };
    let sentences: Vec<&String> = sentences
        .iter()
        .filter(|s| !fuzzy::tokenize(s, from).is_empty())
        .collect();
    readers.map(&sentences, |memory, sentence| {
        let best = match lookup(memory, sentence, from, to, &options) {
            Ok(found) => found.into_iter().next(),
            Err(LookupError::TooLong(_)) => None,
            Err(e) => return Err(e),
        };
        Ok(Draft {
            source: sentence.to_string(),
            best,
        })
    })
}
