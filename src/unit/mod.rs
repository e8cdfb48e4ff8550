//! The unit model: translation units, their variants and props, and the article data they are aligned
//! from. Plain data: no SQL (the `tm` module stores it), no XML (the `tmx` module reads and writes it).
//!
//! A *unit* (TMX `<tu>`) holds *variants* (`<tuv>`), at most one per language, and *props*
//! (`<prop>`, `<note>`). Its *origin* says where it came from (aligned, imported, manual), its
//! *status* whether it can be used as it is.
//!
//! A unit is identified by its *fingerprint* ([`NewUnit::fingerprint`]): SHA-256 over its variants
//! sorted by language, each as `lang NUL content US`, where content is the variant's TMX markup when
//! it has inline codes and its text otherwise. The memory merges units with equal fingerprints, so
//! importing or aligning the same material twice stores it once.
//!
//! [`article`] holds what an aligned article brings: its identity, its language versions
//! (documents) with their sentences, and the aligned units as sentence positions.

pub mod article;
pub mod review;

use sha2::{Digest, Sha256};

use crate::lang::Lang;

pub use article::{AlignedUnit, ArticleMeta, NewDocument, NewSegment, StoreReport, content_hash};
pub use review::{Check, ReviewReason};

/// A value of the unit model that is not one.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An origin tmkit does not know.
    #[error("unknown unit origin '{value}' (expected 'aligned', 'imported' or 'manual')")]
    UnknownOrigin {
        /// The value found.
        value: String,
    },
    /// A status tmkit does not know.
    #[error("unknown unit status '{value}' (expected 'ok' or 'needs-review')")]
    UnknownStatus {
        /// The value found.
        value: String,
    },
    /// A review check tmkit does not know.
    #[error(
        "unknown review check '{value}' (expected doubtful-article, low-confidence, number-mismatch, length-outlier, pivot-disagreement or name-mismatch)"
    )]
    UnknownCheck {
        /// The value found.
        value: String,
    },
    /// A unit without variants.
    #[error("a unit needs at least one variant and at most one per language (it has no variant)")]
    NoVariant,
    /// A unit with two variants in one language.
    #[error(
        "a unit needs at least one variant and at most one per language (two variants in {lang})"
    )]
    TwoVariants {
        /// The language.
        lang: Lang,
    },
}

/// Where a unit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Aligned from parallel articles by `tmkit align`.
    Aligned,
    /// Imported from a TMX or TSV file.
    Imported,
    /// Entered by a person.
    Manual,
}

impl Origin {
    /// The value stored in `unit.origin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Aligned => "aligned",
            Origin::Imported => "imported",
            Origin::Manual => "manual",
        }
    }

    /// Reads a stored value.
    ///
    /// # Errors
    /// [`Error::UnknownOrigin`] for a value tmkit does not write.
    pub fn parse(value: &str) -> Result<Origin, Error> {
        match value {
            "aligned" => Ok(Origin::Aligned),
            "imported" => Ok(Origin::Imported),
            "manual" => Ok(Origin::Manual),
            other => Err(Error::UnknownOrigin {
                value: other.to_string(),
            }),
        }
    }
}

/// Whether a unit can be used as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Usable.
    #[serde(rename = "ok")]
    Ok,
    /// Aligned with low confidence (or flagged): a person should check it.
    #[serde(rename = "needs-review")]
    NeedsReview,
}

impl Status {
    /// The value stored in `unit.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NeedsReview => "needs-review",
        }
    }

    /// Reads a stored value.
    ///
    /// # Errors
    /// [`Error::UnknownStatus`] for a value tmkit does not write.
    pub fn parse(value: &str) -> Result<Status, Error> {
        match value {
            "ok" => Ok(Status::Ok),
            "needs-review" => Ok(Status::NeedsReview),
            other => Err(Error::UnknownStatus {
                value: other.to_string(),
            }),
        }
    }
}

/// Whether a [`Prop`] is a TMX `<prop>` or a `<note>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropKind {
    /// `<prop type="…">value</prop>`.
    Prop,
    /// `<note>value</note>`.
    Note,
}

/// A TMX `<prop>` or `<note>` of a unit, a variant or an import header.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Prop {
    /// Prop or note.
    pub kind: PropKind,
    /// The prop's `type` (None for notes).
    pub key: Option<String>,
    /// `xml:lang` of the prop or note, as written.
    pub lang: Option<String>,
    /// `o-encoding`, as written.
    pub o_encoding: Option<String>,
    /// The text.
    pub value: String,
}

impl Prop {
    /// A `<prop type="key">value</prop>`.
    pub fn typed(key: impl Into<String>, value: impl Into<String>) -> Prop {
        Prop {
            kind: PropKind::Prop,
            key: Some(key.into()),
            lang: None,
            o_encoding: None,
            value: value.into(),
        }
    }

    /// A `<note>value</note>`.
    pub fn note(value: impl Into<String>) -> Prop {
        Prop {
            kind: PropKind::Note,
            key: None,
            lang: None,
            o_encoding: None,
            value: value.into(),
        }
    }
}

/// One language's text of a unit, to be inserted.
#[derive(Clone, Debug, PartialEq)]
pub struct NewVariant {
    /// Its language.
    pub lang: Lang,
    /// Plain text, inline codes removed.
    pub text: String,
    /// The TMX `<seg>` content (XML) when it has inline codes; None otherwise.
    pub markup: Option<String>,
    /// The segment it was aligned from.
    pub segment_id: Option<i64>,
    /// TMX `<tuv>` dates and users, when imported.
    pub created_at: Option<i64>,
    /// `<tuv changedate>`.
    pub changed_at: Option<i64>,
    /// `<tuv creationid>`.
    pub created_by: Option<String>,
    /// `<tuv changeid>`.
    pub changed_by: Option<String>,
    /// `<tuv>`-level props and notes.
    pub props: Vec<Prop>,
}

impl NewVariant {
    /// A variant with just a language and a text.
    pub fn new(lang: Lang, text: impl Into<String>) -> NewVariant {
        NewVariant {
            lang,
            text: text.into(),
            markup: None,
            segment_id: None,
            created_at: None,
            changed_at: None,
            created_by: None,
            changed_by: None,
            props: Vec::new(),
        }
    }
}

/// A unit to be inserted.
#[derive(Clone, Debug, PartialEq)]
pub struct NewUnit {
    /// Where it comes from.
    pub origin: Origin,
    /// Usable or needs review.
    pub status: Status,
    /// Alignment confidence in `0.0..=1.0`.
    pub confidence: Option<f32>,
    /// The article it was aligned from.
    pub article_id: Option<i64>,
    /// The import that brought it.
    pub import_id: Option<i64>,
    /// TMX `tuid`.
    pub tuid: Option<String>,
    /// The unit's source language.
    pub srclang: Option<Lang>,
    /// Creation time (unix seconds); now when None.
    pub created_at: Option<i64>,
    /// Change time; the creation time when None.
    pub changed_at: Option<i64>,
    /// TMX `creationid`.
    pub created_by: Option<String>,
    /// TMX `changeid`.
    pub changed_by: Option<String>,
    /// Creation tool; `tmkit <version>` when None.
    pub creation_tool: Option<String>,
    /// TMX `usagecount`.
    pub usage_count: u64,
    /// TMX `lastusagedate`.
    pub last_used_at: Option<i64>,
    /// Unit-level props and notes.
    pub props: Vec<Prop>,
    /// Its variants, at most one per language.
    pub variants: Vec<NewVariant>,
}

impl NewUnit {
    /// A unit of the given origin with these variants and nothing else set.
    pub fn new(origin: Origin, variants: Vec<NewVariant>) -> NewUnit {
        NewUnit {
            origin,
            status: Status::Ok,
            confidence: None,
            article_id: None,
            import_id: None,
            tuid: None,
            srclang: None,
            created_at: None,
            changed_at: None,
            created_by: None,
            changed_by: None,
            creation_tool: None,
            usage_count: 0,
            last_used_at: None,
            props: Vec::new(),
            variants,
        }
    }

    /// The unit's fingerprint (see the module documentation).
    pub fn fingerprint(&self) -> [u8; 32] {
        let mut parts: Vec<(&str, &str)> = self
            .variants
            .iter()
            .map(|v| (v.lang.as_str(), v.markup.as_deref().unwrap_or(&v.text)))
            .collect();
        parts.sort_unstable();
        let mut hasher = Sha256::new();
        for (lang, content) in parts {
            hasher.update(lang.as_bytes());
            hasher.update([0]);
            hasher.update(content.as_bytes());
            hasher.update([0x1f]);
        }
        hasher.finalize().into()
    }

    /// Checks that the unit can be stored: at least one variant, at most one per language.
    ///
    /// # Errors
    /// [`Error::NoVariant`], [`Error::TwoVariants`].
    pub fn validate(&self) -> Result<(), Error> {
        if self.variants.is_empty() {
            return Err(Error::NoVariant);
        }
        // A real unit has a handful of variants: comparing each with those before it is fastest there;
        // a hash set keeps a unit of thousands of languages linear (issue #16).
        const FEW: usize = 16;
        let twice = |v: &NewVariant| {
            Err(Error::TwoVariants {
                lang: v.lang.clone(),
            })
        };
        if self.variants.len() <= FEW {
            for (i, v) in self.variants.iter().enumerate() {
                if self.variants[..i].iter().any(|w| w.lang == v.lang) {
                    return twice(v);
                }
            }
        } else {
            let mut seen = std::collections::HashSet::with_capacity(self.variants.len());
            for v in &self.variants {
                if !seen.insert(&v.lang) {
                    return twice(v);
                }
            }
        }
        Ok(())
    }
}

/// The `<header>` of an imported TMX file, as written there: what an import keeps of its origin.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportHeader {
    /// `<tmx version>`.
    pub version: Option<String>,
    /// `srclang`: a canonical tag, or `*all*`.
    pub srclang: Option<String>,
    /// `creationtool`.
    pub creationtool: Option<String>,
    /// `creationtoolversion`.
    pub creationtoolversion: Option<String>,
    /// `segtype`.
    pub segtype: Option<String>,
    /// `o-tmf`.
    pub o_tmf: Option<String>,
    /// `adminlang`.
    pub adminlang: Option<String>,
    /// `datatype`.
    pub datatype: Option<String>,
    /// `o-encoding`.
    pub o_encoding: Option<String>,
    /// `creationdate`, as written.
    pub creationdate: Option<String>,
    /// `creationid`.
    pub creationid: Option<String>,
    /// `changedate`, as written.
    pub changedate: Option<String>,
    /// `changeid`.
    pub changeid: Option<String>,
    /// Header props and notes, in order.
    pub props: Vec<Prop>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    #[test]
    fn the_fingerprint_ignores_the_order_of_variants() {
        let a = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(lang("en"), "a"),
                NewVariant::new(lang("az"), "b"),
            ],
        );
        let b = NewUnit::new(
            Origin::Imported,
            vec![
                NewVariant::new(lang("az"), "b"),
                NewVariant::new(lang("en"), "a"),
            ],
        );
        assert_eq!(a.fingerprint(), b.fingerprint());
    }

    #[test]
    fn validation_finds_a_repeated_language_among_few_and_among_many_variants() {
        for count in [3, 5_000] {
            let mut variants: Vec<NewVariant> = (0..count)
                .map(|i| NewVariant::new(lang(&format!("qaa-{i:05}")), "t"))
                .collect();
            let unit = NewUnit::new(Origin::Imported, variants.clone());
            assert!(unit.validate().is_ok(), "{count}");
            variants.push(NewVariant::new(lang("qaa-00001"), "again"));
            let err = NewUnit::new(Origin::Imported, variants)
                .validate()
                .expect_err("two variants");
            assert_eq!(
                err.to_string(),
                "a unit needs at least one variant and at most one per language (two variants in qaa-00001)"
            );
        }
    }

    #[test]
    fn origin_and_status_parse_what_they_write() {
        for origin in [Origin::Aligned, Origin::Imported, Origin::Manual] {
            assert_eq!(Origin::parse(origin.as_str()).expect("known"), origin);
        }
        for status in [Status::Ok, Status::NeedsReview] {
            assert_eq!(Status::parse(status.as_str()).expect("known"), status);
        }
        let err = Status::parse("done").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "unknown unit status 'done' (expected 'ok' or 'needs-review')"
        );
    }
}
