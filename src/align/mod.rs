//! Sentence alignment (to be written by the alignment work, issue #4).

/// An alignment error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Placeholder until the aligner lands.
    #[error("alignment is not built yet")]
    NotBuilt,
}
