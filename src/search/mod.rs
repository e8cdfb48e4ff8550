//! Searching the memory: fuzzy lookup, concordance, the leverage report and draft translations.
//!
//! Each search is a free function over a [`Memory`](crate::tm::Memory): it asks the memory for plain
//! rows (candidates from the match index, variant texts, provenance) and does the rest itself — scoring
//! with [`crate::fuzzy`], pruning, ranking renderings with the lexicons of [`crate::align::lexicon`].
//! No SQL lives here, and no search writes: every one works on a memory opened with
//! [`Memory::open_read_only`](crate::tm::Memory::open_read_only).
//!
//! - [`lookup()`]: the best fuzzy matches of a sentence (a threshold cascade with top-k pruning over the
//!   match index), and [`lookup_exhaustive`], the scan that checks it.
//! - [`concordance()`]: the units containing a phrase, and how the phrase was translated.
//! - [`analyze`]: how much of a text the memory covers, per match band (`tmkit analyze`).
//! - [`pretranslate`]: the best match of each sentence, for a draft (`tmkit pretranslate`).
//! - [`Readers`]: a batch of searches on every core, one read-only connection per worker thread.

pub mod analysis;
pub mod concordance;
pub mod draft;
pub mod lookup;
pub mod parallel;

pub use analysis::{Analysis, Volume, analyze};
pub use concordance::{
    Concordance, ConcordanceHit, ConcordanceOptions, Rendering, RenderingForm, concordance,
    concordance_with,
};
pub use draft::{Draft, pretranslate};
pub use lookup::{
    Answer, LookupError, LookupOptions, MAX_QUERY_BYTES, ScoredMatch, lookup, lookup_exhaustive,
};
pub use parallel::{Readers, all_cores};
