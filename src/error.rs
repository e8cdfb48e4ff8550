//! The crate's error type and the [`Location`] that input errors carry.
//!
//! Every module has its own error enum (`segment::Error`, `tm::Error`, `tmx::Error`, …); they are
//! gathered here by `#[from]` so that library callers can hold one type. Input errors say where, like a
//! compiler: `path:line:col: what is wrong`.

use std::fmt;
use std::path::PathBuf;

/// Any error tmkit's library returns.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A language tag that is not one.
    #[error(transparent)]
    Lang(#[from] crate::lang::Error),
    /// Segmentation rules or input.
    #[error(transparent)]
    Segment(#[from] crate::segment::Error),
    /// Alignment input.
    #[error(transparent)]
    Align(#[from] crate::align::Error),
    /// A value of the unit model.
    #[error(transparent)]
    Unit(#[from] crate::unit::Error),
    /// The memory (SQLite).
    #[error(transparent)]
    Tm(#[from] crate::tm::Error),
    /// A fuzzy lookup.
    #[error(transparent)]
    Lookup(#[from] crate::search::LookupError),
    /// An import of a TMX or TSV file.
    #[error(transparent)]
    Import(#[from] crate::ingest::import::Error),
    /// TMX or TSV interchange.
    #[error(transparent)]
    Tmx(#[from] crate::tmx::Error),
    /// Ingesting articles.
    #[error(transparent)]
    Ingest(#[from] crate::ingest::Error),
    /// A review action.
    #[error(transparent)]
    Curate(#[from] crate::curate::Error),
}

/// Where in an input something is: a file (if any), a 1-based line and a 1-based column.
///
/// Displays as `path:line:col`, `path:line`, `line:col` or `path`, whichever parts are known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The input file, when the input is a file.
    pub path: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: u64,
    /// 1-based column in characters, 0 when unknown.
    pub col: u64,
}

impl Location {
    /// A location in a file, line and column 1-based (0 = unknown).
    pub fn new(path: Option<PathBuf>, line: u64, col: u64) -> Location {
        Location { path, line, col }
    }

    /// The location of a whole file.
    pub fn file(path: impl Into<PathBuf>) -> Location {
        Location {
            path: Some(path.into()),
            line: 0,
            col: 0,
        }
    }

    /// Computes the 1-based line and column (in characters) of byte `offset` in `text`.
    pub fn in_text(path: Option<PathBuf>, text: &str, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let before = &text[..end];
        let line = before.bytes().filter(|&b| b == b'\n').count() as u64 + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() as u64 + 1;
        Location { path, line, col }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut sep = "";
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            sep = ":";
        }
        if self.line > 0 {
            write!(f, "{sep}{}", self.line)?;
            if self.col > 0 {
                write!(f, ":{}", self.col)?;
            }
        } else if self.path.is_none() {
            f.write_str("<input>")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "ə\nİlham Əliyev";
        let at = Location::in_text(
            Some("a.txt".into()),
            text,
            text.find("Əliyev").expect("present"),
        );
        assert_eq!(at.to_string(), "a.txt:2:7");
    }

    #[test]
    fn location_without_path_or_line() {
        assert_eq!(Location::default().to_string(), "<input>");
        assert_eq!(Location::new(None, 3, 4).to_string(), "3:4");
        assert_eq!(Location::file("x.tmx").to_string(), "x.tmx");
    }
}
