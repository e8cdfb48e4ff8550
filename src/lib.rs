//! tmkit: a translation-memory toolkit for parallel news articles.
//!
//! The pipeline, one module a stage:
//!
//! ```text
//!  article (en) ─┐                                    ┌─ lookup / concordance (search::lookup, search::concordance,
//!  article (az) ─┼─ segment ── align ── tm::Memory ───┤    fuzzy: score, placeables, diff)
//!  article (ru) ─┤  (SRX      (beads,   (SQLite:      ├─ analyze / pretranslate
//!  article (zh) ─┘   rules)   confid.)   units with   └─ tmx: TMX 1.4b / TSV / Moses export and import
//!                                        provenance)
//! ```
//!
//! - [`lang`]: BCP 47 tags normalised once ([`Lang`]), per-language facts, Azerbaijani-aware folding.
//! - [`segment`]: sentences as byte/char spans of the input, by SRX 2.0 rules per language.
//! - [`align`]: a banded dynamic programme over 1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1 beads scored by
//!   length, anchors and a lexicon, with a confidence per bead. Pure: no I/O, no SQL.
//! - [`unit`](mod@unit): the unit model (units, variants, props, origin, status; articles and documents as
//!   data). Plain data: no SQL, no XML.
//! - [`tm`]: the memory, one SQLite file: storage only, and all SQL lives here (migrations in
//!   `memory/`). Writers keep the match index up to date, so reads never write.
//! - [`fuzzy`]: the CAT match score, tokens and placeables. Pure.
//! - [`search`]: fuzzy lookup (threshold cascade, top-k pruning), concordance and the renderings of
//!   a phrase, the leverage report, draft translations. Reads only.
//! - [`tmx`]: streaming TMX reading and writing, TSV; term bases (TBX-Basic, CSV, OmegaT glossary).
//! - [`ingest`]: getting material into the memory: articles and their language versions, aligning an
//!   article set, the review-status policy, storing, the walk over an archive of articles that
//!   `tmkit align-dir` runs, and TMX/TSV import.
//! - `serve` (feature `serve`, on with `cli`): the memory over HTTP for `tmkit serve`: a web page,
//!   a JSON API and the tmserver protocol.
//! - [`eval`]: the measurements behind the README's numbers.
//!
//! From two versions of an article to a fuzzy match:
//!
//! ```
//! use tmkit::align::{self, Lexicon, Side};
//! use tmkit::search::{self, LookupOptions};
//! use tmkit::tm::Memory;
//! use tmkit::unit::{AlignedUnit, ArticleMeta, NewDocument, NewSegment, Status, content_hash};
//! use tmkit::{Lang, segment};
//!
//! let (en, az) = (Lang::parse("en")?, Lang::parse("az")?);
//! let en_text = "Astana, July 3, AZERTAC\n\nThe sides signed a declaration. Trade reached 3 billion dollars.";
//! let az_text = "Astana, 3 iyul, AZƏRTAC\n\nTərəflər bəyannamə imzalayıblar. Ticarət 3 milyard dollara çatıb.";
//! let read = |text: &str, lang: &Lang| -> Vec<String> {
//!     segment::segment(text, lang).iter().map(|s| s.text(text).into_owned()).collect()
//! };
//! let (en_sents, az_sents) = (read(en_text, &en), read(az_text, &az));
//! let src = Side::new(en.clone(), en_sents.iter().map(String::as_str).collect());
//! let tgt = Side::new(az.clone(), az_sents.iter().map(String::as_str).collect());
//! let alignment = align::align(&src, &tgt, Some(&Lexicon::seed(&en, &az)), &Default::default());
//! assert_eq!(alignment.beads.len(), 3);
//!
//! let doc = |lang: &Lang, text: &str, sents: &[String]| NewDocument {
//!     lang: lang.clone(),
//!     title: None,
//!     source_path: None,
//!     content_hash: content_hash(text.as_bytes()),
//!     sentences: sents
//!         .iter()
//!         .map(|s| NewSegment { paragraph: 0, byte_range: 0..0, text: s.clone() })
//!         .collect(),
//! };
//! let units: Vec<AlignedUnit> = alignment
//!     .beads
//!     .iter()
//!     .map(|b| AlignedUnit {
//!         sentences: vec![(en.clone(), b.src.clone().collect()), (az.clone(), b.tgt.clone().collect())],
//!         confidence: b.confidence,
//!         status: Status::Ok,
//!         flags: Vec::new(),
//!         reasons: Vec::new(),
//!     })
//!     .collect();
//! let mut memory = Memory::open_in_memory()?;
//! memory.store_aligned(
//!     &ArticleMeta::from_slug("2024-07-03-example"),
//!     &[doc(&en, en_text, &en_sents), doc(&az, az_text, &az_sents)],
//!     &units,
//! )?;
//!
//! let hits = search::lookup(&memory, "Trade reached 4 billion dollars.", &en, &az, &LookupOptions::default())?;
//! assert_eq!(hits[0].target, "Ticarət 4 milyard dollara çatıb.");
//! assert!(hits[0].adapted);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod curate;
pub mod error;
pub mod eval;
pub mod fuzzy;
pub mod hash;
pub mod ingest;
pub mod lang;
pub mod location;
pub mod phrase;
pub mod search;
pub mod segment;
#[cfg(feature = "serve")]
pub mod serve;
pub mod tm;
pub mod tmx;
pub mod unit;

pub use error::Error;
pub use lang::Lang;
pub use location::Location;
pub use tm::Memory;
