//! tmkit's command-line tests: one module per subcommand, plus the end-to-end flow over `samples/`.
//!
//! Every test runs the real binary in a temporary directory with `--tm` inside it.

mod analyze;
mod common;
mod concordance;
mod lookup;
mod pretranslate;
mod stats;
