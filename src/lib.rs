//! tmkit: a translation-memory toolkit for parallel news articles.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod align;
pub mod error;
pub mod eval;
pub mod fuzzy;
pub mod lang;
pub mod segment;
pub mod tm;
pub mod tmx;

pub use error::{Error, Location};
pub use lang::Lang;
pub use tm::Memory;
