//! TMX interchange (to be written by the TMX work, issue #6).

/// A TMX error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Placeholder until the reader lands.
    #[error("TMX is not built yet")]
    NotBuilt,
}
