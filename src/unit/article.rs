//! What an aligned article brings to the memory: its identity ([`ArticleMeta`]), its language
//! versions ([`NewDocument`]) with their sentences ([`NewSegment`]), and the aligned units as sentence
//! positions ([`AlignedUnit`]). [`crate::tm::Memory::store_aligned`] stores them and answers with a
//! [`StoreReport`].

use std::ops::Range;

use super::Status;
use crate::lang::Lang;

/// What identifies an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleMeta {
    /// Unique name, e.g. `2024-07-03-aliyev-xi-astana` (from the folder or file name).
    pub slug: String,
    /// Headline, when known.
    pub title: Option<String>,
    /// Publication date `YYYY-MM-DD`, when known (a slug that starts with a date gives it).
    pub published: Option<String>,
}

impl ArticleMeta {
    /// An article named `slug`, its date taken from a leading `YYYY-MM-DD` in the slug.
    pub fn from_slug(slug: &str) -> ArticleMeta {
        let published = slug
            .get(..10)
            .filter(|d| {
                d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
            })
            .map(str::to_string);
        ArticleMeta {
            slug: slug.to_string(),
            title: None,
            published,
        }
    }
}

/// One language version of an article, with its sentences.
#[derive(Clone, Debug, PartialEq)]
pub struct NewDocument {
    /// Its language.
    pub lang: Lang,
    /// Its headline (first sentence), when known.
    pub title: Option<String>,
    /// The file it was read from.
    pub source_path: Option<String>,
    /// SHA-256 of the file's bytes, hex (see [`content_hash`]).
    pub content_hash: String,
    /// Its sentences, in order.
    pub sentences: Vec<NewSegment>,
}

/// One sentence of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSegment {
    /// 0-based paragraph index.
    pub paragraph: usize,
    /// Byte range in the document's text.
    pub byte_range: Range<usize>,
    /// The sentence.
    pub text: String,
}

/// One aligned unit: for each language, the positions (0-based sentence indices) of the sentences of
/// that language's document that make it up.
#[derive(Clone, Debug, PartialEq)]
pub struct AlignedUnit {
    /// `(language, sentence positions)`; a language with no sentences is left out.
    pub sentences: Vec<(Lang, Vec<usize>)>,
    /// Alignment confidence in `0.0..=1.0`.
    pub confidence: f32,
    /// Whether a person should check it.
    pub status: Status,
    /// Flags the aligner raised (number mismatch, pivot disagreement …), stored as `x-flag` props.
    pub flags: Vec<String>,
    /// Why it needs review (empty when its status is ok), stored with it for the reviewer.
    pub reasons: Vec<super::ReviewReason>,
}

/// What [`crate::tm::Memory::store_aligned`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct StoreReport {
    /// The article's id.
    pub article_id: i64,
    /// Whether every document was stored already with the same content.
    pub unchanged: bool,
    /// Units inserted.
    pub inserted: usize,
    /// Units merged into identical stored ones (e.g. the same sentence pair in another article).
    pub merged: usize,
    /// Stored units of the article that got new or changed variants (their other languages kept).
    pub updated: usize,
    /// Stored units of the article that the alignment gave again unchanged.
    pub kept_as_is: usize,
    /// Stored units of the article whose source sentence is no longer in it (the source version
    /// changed): kept with all their variants, no longer linked to a sentence.
    pub stale: usize,
    /// Beads left out because their text is the same in every language (separators such as "xxx").
    pub untranslated: usize,
}

/// SHA-256 of `bytes`, in lowercase hex.
pub fn content_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
