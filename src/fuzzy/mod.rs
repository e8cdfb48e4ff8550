//! Fuzzy matching (to be written by the fuzzy-matching work, issue #5).
