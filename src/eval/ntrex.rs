//! Reading the ntrex-dev folder (`../shared/data/ntrex-dev`, see its README): the pairs, their
//! `index.tsv` and each document's files, restricted to one [`Part`] of the split.

use std::path::{Path, PathBuf};

use super::split::Part;

/// An evaluation error: the data folder is not as its README describes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `index.tsv` is malformed.
    #[error("{path}:{line}: {what}")]
    Index {
        /// The index file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// A gold file is malformed.
    #[error("{path}: {source}")]
    Gold {
        /// The gold file.
        path: PathBuf,
        /// What is wrong with it.
        #[source]
        source: super::align::Error,
    },
    /// The part of the split selects no document of a pair.
    #[error("{path}: no document of the {part} part")]
    NoDocuments {
        /// The pair's index file.
        path: PathBuf,
        /// The part asked for.
        part: Part,
    },
}

/// Reads a UTF-8 file of the data folder.
///
/// # Errors
/// [`Error::Read`] naming the file.
pub fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// One row of a pair's `index.tsv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexRow {
    /// The index file.
    pub path: PathBuf,
    /// The row's 1-based line in it.
    pub line: usize,
    /// The document id, also its folder's name (`bbc.381790`).
    pub doc_id: String,
    /// The document's first line in `all.en` / `all.<lang>` (0-based): those files hold the split's
    /// lines, documents in index order, so it is the sum of the earlier rows' `gold_lines`.
    pub first_line: usize,
    /// Its gold lines in `all.en` / `all.<lang>`.
    pub gold_lines: usize,
    /// Whether the document belongs to the part asked for.
    pub selected: bool,
}

impl IndexRow {
    /// This document's lines of `all`, the lines of a whole `all.en` or `all.<lang>`.
    ///
    /// # Errors
    /// [`Error::Index`] naming this row when the file is shorter than the index says.
    pub fn gold<'a, 'b>(&self, all: &'b [&'a str]) -> Result<&'b [&'a str], Error> {
        all.get(self.first_line..self.first_line + self.gold_lines)
            .ok_or_else(|| Error::Index {
                path: self.path.clone(),
                line: self.line,
                what: format!(
                    "{}: gold_lines runs past the end of all.en / all.<lang>",
                    self.doc_id
                ),
            })
    }
}

/// The rows of `pair_dir/index.tsv`, every document in order, each marked as in `part` or not
/// (a reader of `all.*` needs the unselected rows too, for the line offsets).
///
/// # Errors
/// An unreadable or malformed index, or a part that selects none of its documents.
pub fn index(pair_dir: &Path, part: Part) -> Result<Vec<IndexRow>, Error> {
    let path = pair_dir.join("index.tsv");
    let text = read(&path)?;
    let mut rows = Vec::new();
    let mut first_line = 0;
    for (n, line) in text.lines().enumerate().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| Error::Index {
            path: path.clone(),
            line: n + 1,
            what: what.to_string(),
        };
        let doc_id = cols.get(1).ok_or_else(|| bad("no doc_id column"))?;
        let gold_lines = cols
            .get(3)
            .and_then(|c| c.parse().ok())
            .ok_or_else(|| bad("gold_lines is not a number"))?;
        rows.push(IndexRow {
            path: path.clone(),
            line: n + 1,
            doc_id: doc_id.to_string(),
            first_line,
            gold_lines,
            selected: part.includes(doc_id),
        });
        first_line += gold_lines;
    }
    if !rows.iter().any(|r| r.selected) {
        return Err(Error::NoDocuments { path, part });
    }
    Ok(rows)
}
