//! Joining sentences back into one text: the inverse of segmentation for a run of sentences, as a
//! unit's variant or a bead's side stores them.
//!
//! Sentences are joined with one space in languages written with spaces and with nothing in those
//! written without ([`Lang::is_spaced`]: Chinese); the whitespace the article had between them is not
//! kept (a [`super::Span`] has the original text when it matters).

use crate::lang::Lang;

/// Joins the sentences of one variant: with a space, or with nothing in languages written without
/// spaces (Chinese).
pub fn join_sentences<'a>(lang: &Lang, sentences: impl IntoIterator<Item = &'a str>) -> String {
    let sep = if lang.is_spaced() { " " } else { "" };
    sentences.into_iter().collect::<Vec<_>>().join(sep)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    #[test]
    fn chinese_sentences_are_joined_without_space() {
        assert_eq!(join_sentences(&lang("zh"), ["一。", "二。"]), "一。二。");
        assert_eq!(join_sentences(&lang("ru"), ["Раз.", "Два."]), "Раз. Два.");
    }
}
