//! The crate's error type.
//!
//! Every module has its own error enum (`segment::Error`, `tm::Error`, `tmx::Error`, …); they are
//! gathered here by `#[from]` so that library callers can hold one type. Input errors say where, like a
//! compiler: `path:line:col: what is wrong` (see [`crate::location::Location`]). No module below this
//! one uses it (ARCHITECTURE.md): a module returns its own error.

/// Any error tmkit's library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A language tag that is not one.
    #[error(transparent)]
    Lang(#[from] crate::lang::Error),
    /// Segmentation rules or input.
    #[error(transparent)]
    Segment(#[from] crate::segment::Error),
    /// Alignment input.
    #[error(transparent)]
    Align(#[from] crate::align::Error),
    /// A value of the unit model.
    #[error(transparent)]
    Unit(#[from] crate::unit::Error),
    /// The memory (SQLite).
    #[error(transparent)]
    Tm(#[from] crate::tm::Error),
    /// A fuzzy lookup.
    #[error(transparent)]
    Lookup(#[from] crate::search::LookupError),
    /// An import of a TMX or TSV file.
    #[error(transparent)]
    Import(#[from] crate::ingest::import::Error),
    /// TMX or TSV interchange.
    #[error(transparent)]
    Tmx(#[from] crate::tmx::Error),
    /// Ingesting articles.
    #[error(transparent)]
    Ingest(#[from] crate::ingest::Error),
    /// A review action.
    #[error(transparent)]
    Curate(#[from] crate::curate::Error),
}
