//! Sentence segmentation (to be written by the segmentation work, issue #3).

/// A segmentation error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Placeholder until the rule engine lands.
    #[error("segmentation is not built yet")]
    NotBuilt,
}
