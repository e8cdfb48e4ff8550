//! Evaluations over external data (ntrex-dev) and generated memories: the numbers the issues ask for.

pub mod adapt;
pub mod align;
pub mod fuzzy;
pub mod growth;
pub mod metrics;
mod near_duplicate;
pub mod ntrex;
pub mod phrases;
pub mod scale;
pub mod segment;
pub mod split;
pub mod tmx;
