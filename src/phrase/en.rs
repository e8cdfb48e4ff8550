//! English for phrase work: the possessive fold and the function words. Stems come from the
//! Snowball English stemmer (rust-stemmers).

/// Drops a possessive `'s` (and the bare `'` of *countries'*) from a folded key, so that
/// *North Korea's* finds *North Korea*. Apostrophes are already folded to `'`.
pub(crate) fn drop_possessive(key: &mut String) {
    if key.len() > 2 && key.ends_with("'s") {
        key.truncate(key.len() - 2);
    } else if key.len() > 2 && key.ends_with("s'") {
        key.truncate(key.len() - 1);
    }
}

/// Articles, prepositions, conjunctions, pronouns, auxiliaries and particles (keys).
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "before", "being", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
    "has", "have", "he", "her", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
    "its", "may", "me", "might", "must", "my", "no", "not", "of", "on", "or", "our", "out", "over",
    "shall", "she", "should", "so", "some", "such", "than", "that", "the", "their", "them", "then",
    "there", "these", "they", "this", "those", "to", "up", "upon", "us", "was", "we", "were",
    "what", "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with",
    "would", "you", "your",
];
