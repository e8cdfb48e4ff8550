//! tmkit's integration tests: one binary, one module per subcommand.

mod segment;
mod segment_cases;
mod segment_props;
