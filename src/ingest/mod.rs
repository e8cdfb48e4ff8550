//! Ingest: from the language versions of news articles to aligned units in the memory.
//!
//! This is the pipeline behind `tmkit align` and `tmkit align-dir`, as a library:
//!
//! ```text
//!  files ── Doc::read ── align_all ── units (pivot + finer pair units, review status) ── store
//!  (running text or                                                                   (Memory::store_aligned)
//!   one sentence a line)          tmkit train: Memory::train_phrase_models (word-alignment models)
//! ```
//!
//! - [`doc`]: one language version of an article ([`Doc`]): read from a path as running text (segmented by
//!   [`crate::segment`]) or presegmented (one sentence a line), and the article slug a path implies
//!   ([`slug_of`]).
//! - [`article`]: aligning an article's source with each of its language versions ([`align_all`]) with
//!   the lexicon of the pair ([`lexicon_for`]), the multilingual units through the source as pivot
//!   ([`units`]) and storing them ([`store`]).
//! - [`review`]: the review-status policy, which units are stored as needs-review and why
//!   ([`ReviewPolicy`]).
//! - [`import`]: TMX and TSV files read into the memory, one transaction per file.
//! - [`lexicon`]: the memory's word-alignment models, trained on its trusted units by `tmkit train`
//!   (stored units mark them stale), and the aligner's learned lexicon read from them.
//! - [`archive`]: the walk over a folder of articles in either layout ([`discover`], [`Walk`]): align and
//!   store each article (aligning on a thread of its own, storing batches of articles in one
//!   transaction each), skip the ones stored unchanged (unless realigning), and go on past an article
//!   that fails, reporting it as that article's outcome.
//!
//! Aligning an article with one language version, without a memory:
//!
//! ```
//! use tmkit::ingest::{self, Doc, ReviewPolicy};
//! use tmkit::Lang;
//!
//! let en = Doc::from_text(
//!     "en.txt".into(),
//!     Lang::parse("en")?,
//!     "The sides signed a declaration. Trade reached 3 billion dollars.".into(),
//!     false,
//! );
//! let az = Doc::from_text(
//!     "az.txt".into(),
//!     Lang::parse("az")?,
//!     "Tərəflər bəyannamə imzalayıblar. Ticarət 3 milyard dollara çatıb.".into(),
//!     false,
//! );
//! let targets = [az];
//! let alignments = ingest::align_all(&en, &targets, None, true)?;
//! let units = ingest::units(&en, &targets, &alignments, &ReviewPolicy::default());
//! assert_eq!(units.len(), 2);
//! assert_eq!(targets[0].join(&alignments[0].beads[1].tgt), "Ticarət 3 milyard dollara çatıb.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Nothing here prints: per-article results come back as values ([`Outcome`]) for the caller to show.
//! Uses `segment`, `align` and the memory (`tm`); nothing below uses it.

pub mod archive;
pub mod article;
pub mod decode;
pub mod doc;
pub mod import;
pub mod lexicon;
pub mod review;

use std::path::PathBuf;

use crate::Lang;
use crate::location::Location;

pub use archive::{Aligned, ArchiveOptions, ArticleFiles, Outcome, Walk, align_article, discover};
pub use article::{align_all, check_storable, lexicon_for, store, units};
pub use decode::decode_text;
pub use doc::{Doc, presegmented_sentences, running_sentences, slug_of};
pub use review::{Reason, ReviewPolicy};

/// What can go wrong while ingesting articles.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or folder that cannot be read.
    #[error("cannot read {}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A binary format (a Word document, a PDF …) where text was expected.
    #[error("{}: this is {format}; save it as plain text", path.display())]
    NotText {
        /// The file.
        path: PathBuf,
        /// The format, as a sentence would name it ("a Word document (.docx)").
        format: &'static str,
    },
    /// A file that is neither UTF-8 nor UTF-16.
    #[error("{at}: invalid UTF-8: tmkit reads UTF-8 or UTF-16 text only")]
    Utf8 {
        /// The first character that is not UTF-8.
        at: Location,
    },
    /// UTF-16 with an unpaired surrogate.
    #[error("{at}: invalid UTF-16 (an unpaired surrogate)")]
    Utf16 {
        /// Where the surrogate is.
        at: Location,
    },
    /// A NUL character in text.
    #[error("{at}: a NUL character: this is a binary file, not text")]
    Nul {
        /// Where it is.
        at: Location,
    },
    /// A language version with no sentences, which is not stored.
    #[error("{}: the file has no sentences; nothing stored", path.display())]
    NoSentences {
        /// The file.
        path: PathBuf,
    },
    /// A folder without any article file.
    #[error(
        "{}: no article files found (expected DIR/<slug>/<lang>.txt or DIR/<slug>.<lang>.txt)",
        dir.display()
    )]
    NoArticles {
        /// The folder.
        dir: PathBuf,
    },
    /// An article of an archive without a version in the source language.
    #[error("no {lang} version")]
    NoSource {
        /// The source language.
        lang: Lang,
    },
    /// Storing an aligned article failed (the article's transaction was rolled back).
    #[error("cannot store article '{slug}'")]
    Store {
        /// The article.
        slug: String,
        /// Why.
        #[source]
        source: crate::tm::Error,
    },
    /// An aligned article of a walk not stored because storing the batch it was stored with failed
    /// (the error is reported for the article `with`, the batch's first).
    #[error("not stored: storing it with article '{with}' failed")]
    NotStored {
        /// The article.
        slug: String,
        /// The batch's first article, whose error says why.
        with: String,
    },
    /// Reading or teaching the memory's lexicon, or reading what is stored of an article.
    #[error(transparent)]
    Tm(#[from] crate::tm::Error),
}
