//! Evaluations over external data (ntrex-dev) and generated memories: the numbers the issues ask for.

pub mod fuzzy;
