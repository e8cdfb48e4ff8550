//! tmkit's command-line tests: one module per subcommand, plus the end-to-end flow over `samples/`.
//!
//! Every test runs the real binary in a temporary directory with `--tm` inside it.

mod align;
mod analyze;
mod architecture;
mod bad_input;
mod common;
mod concordance;
mod concurrency;
mod eval_fuzzy;
mod eval_growth;
mod eval_phrases;
mod export;
mod flow;
mod import;
mod limits;
mod lookup;
mod memsize;
mod migrate;
mod pretranslate;
mod review;
mod segment;
mod segment_cases;
mod segment_props;
mod serve;
mod serve_browser;
mod stats;
mod terms;
mod tmx_check;
mod tmx_roundtrip;
