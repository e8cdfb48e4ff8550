//! The translation memory: a SQLite database of articles, their sentences and multilingual units.
//!
//! A [`Memory`] is one SQLite file (default `memory/tm.db`). [`Memory::open`] creates it if needed and
//! brings its schema up to date ([`schema`]); every write that belongs together (one article, one
//! imported file) runs in one transaction, so an error leaves the memory as it was.
//!
//! Layout of the data (see `memory/0001_init.sql`): an *article* groups its language versions
//! (*documents*), which hold *segments* (sentences with paragraph and position). A *unit* holds
//! *variants*, one per language, each linked back to the segment it came from when it was aligned; a
//! unit's *origin* is `aligned`, `imported` or `manual`. TMX `<prop>`s and `<note>`s live in `prop`.
//!
//! Storing is idempotent: a unit is identified by a fingerprint of its variants, so inserting the same
//! unit twice merges it into the first ([`unit::insert_unit`]), and an article whose files have not
//! changed is not stored again ([`article`]).
//!
//! SQLite settings: foreign keys on, WAL journal, a 5 s busy timeout.

pub mod article;
pub mod bulk;
pub mod concordance;
pub mod exchange;
pub mod index;
pub mod lexicon;
pub mod lookup;
pub mod schema;
pub mod unit;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use article::{AlignedUnit, ArticleMeta, NewDocument, NewSegment, StoreReport};
pub use unit::{Inserted, NewUnit, NewVariant, Origin, Prop, PropKind, Status};

/// An error of the memory.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file could not be opened as a SQLite database.
    #[error("cannot open memory {path}")]
    Open {
        /// The memory's path.
        path: String,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a tmkit memory.
    #[error("{path}: not a tmkit memory: {why}")]
    NotAMemory {
        /// The memory's path.
        path: String,
        /// What it is instead.
        why: &'static str,
    },
    /// The memory was written by a newer tmkit.
    #[error(
        "{path}: the memory has schema version {found}, but this tmkit knows only up to {known}: upgrade tmkit"
    )]
    TooNew {
        /// The memory's path.
        path: String,
        /// Its schema version.
        found: i64,
        /// The newest this build knows.
        known: i64,
    },
    /// A migration failed; the memory is unchanged.
    #[error("migration {name} failed")]
    Migration {
        /// The migration's name.
        name: &'static str,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// A database operation failed.
    #[error("memory: {context}")]
    Sql {
        /// What tmkit was doing.
        context: &'static str,
        /// SQLite's reason.
        #[source]
        source: rusqlite::Error,
    },
    /// A value stored in the memory is not what tmkit wrote (the file was edited by hand).
    #[error("memory: {what} is corrupt: '{value}'")]
    Corrupt {
        /// Which value.
        what: &'static str,
        /// The value found.
        value: String,
    },
    /// A unit without variants, or with two variants in one language.
    #[error("a unit needs at least one variant and at most one per language ({why})")]
    InvalidUnit {
        /// What is wrong.
        why: String,
    },
}

/// Shorthand for SQL errors with context.
pub(crate) fn sql(context: &'static str) -> impl FnOnce(rusqlite::Error) -> Error {
    move |source| Error::Sql { context, source }
}

/// How long a writer waits for another process's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// An open translation memory.
pub struct Memory {
    conn: Connection,
    path: PathBuf,
}

impl Memory {
    /// Opens (creating if needed) the memory at `path` and brings its schema up to date.
    ///
    /// The parent folder is created when missing.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let memory = tmkit::tm::Memory::open(&dir.path().join("tm.db"))?;
    /// assert_eq!(memory.count_units()?, 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NotAMemory`] for a file that is not a tmkit memory, [`Error::TooNew`] for one written by a
    /// newer tmkit, [`Error::Open`] when SQLite cannot open it.
    pub fn open(path: &Path) -> Result<Memory, Error> {
        let shown = path.display().to_string();
        if let Some(parent) = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        {
            std::fs::create_dir_all(parent).map_err(|e| Error::Open {
                path: shown.clone(),
                source: rusqlite::Error::ToSqlConversionFailure(Box::new(e)),
            })?;
        }
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: shown.clone(),
            source,
        })?;
        Memory::setup(conn, path.to_path_buf(), &shown)
    }

    /// Opens a fresh memory that lives only in RAM (for tests and benchmarks).
    ///
    /// # Errors
    /// [`Error::Open`] if SQLite cannot allocate it.
    pub fn open_in_memory() -> Result<Memory, Error> {
        let conn = Connection::open_in_memory().map_err(|source| Error::Open {
            path: ":memory:".into(),
            source,
        })?;
        Memory::setup(conn, PathBuf::from(":memory:"), ":memory:")
    }

    fn setup(mut conn: Connection, path: PathBuf, shown: &str) -> Result<Memory, Error> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|source| schema::classify_open_error(shown, source))?;
        // The first real read: a file that is not SQLite fails here.
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|source| schema::classify_open_error(shown, source))?;
        schema::migrate(&mut conn, shown)?;
        if path.as_os_str() != ":memory:" {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
                .map_err(sql("setting the WAL journal"))?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(sql("setting synchronous mode"))?;
        }
        Ok(Memory { conn, path })
    }

    /// The memory's path (`:memory:` for an in-memory one).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for the memory's own modules.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The underlying connection, mutable (to start transactions).
    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Number of units.
    ///
    /// # Errors
    /// [`Error::Sql`] if the query fails.
    pub fn count_units(&self) -> Result<u64, Error> {
        self.conn
            .query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
            .map_err(sql("counting units"))
    }

    /// Whether the memory holds any text in `lang` (a variant or a document).
    ///
    /// Stops at the first one found, so it costs next to nothing for a language the memory holds,
    /// where [`Memory::stats`] reads every variant.
    ///
    /// ```
    /// let memory = tmkit::tm::Memory::open_in_memory()?;
    /// assert!(!memory.has_lang(&tmkit::Lang::parse("en")?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Sql`] if the query fails.
    pub fn has_lang(&self, lang: &crate::Lang) -> Result<bool, Error> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM variant WHERE lang = ?1)
                     OR EXISTS (SELECT 1 FROM document WHERE lang = ?1)",
                [lang.as_str()],
                |r| r.get(0),
            )
            .map_err(sql("looking for a language"))
    }

    /// Counts for `tmkit stats`: documents, units and variants per language, units per language pair.
    ///
    /// # Errors
    /// [`Error::Sql`] if a query fails.
    pub fn stats(&self) -> Result<Stats, Error> {
        let one = |q: &str| -> Result<u64, Error> {
            self.conn
                .query_row(q, [], |r| r.get(0))
                .map_err(sql("counting"))
        };
        let mut stats = Stats {
            articles: one("SELECT count(*) FROM article")?,
            documents: one("SELECT count(*) FROM document")?,
            segments: one("SELECT count(*) FROM segment")?,
            units: one("SELECT count(*) FROM unit")?,
            needs_review: one("SELECT count(*) FROM unit WHERE status = 'needs-review'")?,
            by_origin: Vec::new(),
            languages: Vec::new(),
            pairs: Vec::new(),
        };
        let mut stmt = self
            .conn
            .prepare("SELECT origin, count(*) FROM unit GROUP BY origin ORDER BY origin")
            .map_err(sql("counting units by origin"))?;
        stats.by_origin = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(sql("counting units by origin"))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT l.lang, (SELECT count(*) FROM document d WHERE d.lang = l.lang),
                        (SELECT count(*) FROM variant v WHERE v.lang = l.lang)
                 FROM (SELECT lang FROM document UNION SELECT lang FROM variant) l ORDER BY l.lang",
            )
            .map_err(sql("counting languages"))?;
        stats.languages = stmt
            .query_map([], |r| {
                Ok(LangCount {
                    lang: r.get(0)?,
                    documents: r.get(1)?,
                    variants: r.get(2)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(sql("counting languages"))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT a.lang, b.lang, count(*) FROM variant a JOIN variant b
                   ON a.unit_id = b.unit_id AND a.lang < b.lang
                 GROUP BY a.lang, b.lang ORDER BY a.lang, b.lang",
            )
            .map_err(sql("counting language pairs"))?;
        stats.pairs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(sql("counting language pairs"))?;
        Ok(stats)
    }
}

/// What a memory holds (`tmkit stats`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Articles.
    pub articles: u64,
    /// Documents (language versions of articles).
    pub documents: u64,
    /// Segments (sentences of documents).
    pub segments: u64,
    /// Units.
    pub units: u64,
    /// Units whose status is needs-review.
    pub needs_review: u64,
    /// Units per origin.
    pub by_origin: Vec<(String, u64)>,
    /// Per language.
    pub languages: Vec<LangCount>,
    /// Units per language pair (each pair once, tags in alphabetical order).
    pub pairs: Vec<(String, String, u64)>,
}

/// Documents and variants of one language.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LangCount {
    /// Canonical tag.
    pub lang: String,
    /// Documents in this language.
    pub documents: u64,
    /// Variants in this language.
    pub variants: u64,
}

/// Seconds since the Unix epoch now, or `SOURCE_DATE_EPOCH` when set (reproducible output).
pub fn now() -> i64 {
    if let Some(epoch) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        return epoch;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_file_is_not_a_memory() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("notes.txt");
        std::fs::write(
            &path,
            "this is not SQLite, just some text that is long enough to have a header",
        )
        .expect("write");
        let err = Memory::open(&path).err().expect("refused");
        assert!(err.to_string().contains("not a tmkit memory"), "{err}");
    }

    #[test]
    fn opening_twice_keeps_the_schema() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub/tm.db");
        drop(Memory::open(&path).expect("create"));
        let memory = Memory::open(&path).expect("reopen");
        assert_eq!(memory.count_units().expect("count"), 0);
    }
}
