//! The translation memory: a SQLite database of articles, their sentences and multilingual units.
//!
//! A [`Memory`] is one SQLite file (default `memory/tm.db`). [`Memory::open`] creates it if needed and
//! brings its schema up to date ([`schema`]); every write that belongs together (one article, one
//! imported file) runs in one transaction, so an error leaves the memory as it was.
//!
//! This module is storage only: it stores and reads the values of [`crate::unit`] and answers the
//! plain queries (rows, posting lists, counts) that the `search` module builds its answers from.
//!
//! Reads never write. Every writer brings the match index up to date ([`index::flush`]) inside its own
//! transaction, so the index queue is empty after each commit; [`Memory::open`] flushes a queue left by
//! a migration or an older tmkit, and [`Memory::open_read_only`] opens a memory for searching without
//! any write at all.
//!
//! Layout of the data (see `memory/0001_init.sql`): an *article* groups its language versions
//! (*documents*), which hold *segments* (sentences with paragraph and position). A *unit* holds
//! *variants*, one per language, each linked back to the segment it came from when it was aligned; a
//! unit's *origin* is `aligned`, `imported` or `manual`. TMX `<prop>`s and `<note>`s live in `prop`.
//!
//! Storing is idempotent: a unit is identified by a fingerprint of its variants, so inserting the same
//! unit twice merges it into the first ([`unit::insert_unit`]), and an article whose files have not
//! changed is not stored again ([`article`]). Units are joined through their source sentence and
//! nothing stored is lost when an article is aligned again or a file imported: the rules are in
//! [`pivot`].
//!
//! SQLite settings: foreign keys on, WAL journal, a 5 s busy timeout.

pub mod article;
pub mod bulk;
pub mod export;
pub mod index;
pub mod lexicon;
pub mod pivot;
pub mod read;
pub mod review;
pub mod schema;
pub mod unit;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use crate::lang::Lang;

pub use export::{ExportFilter, for_each_unit};
pub use unit::Inserted;

/// An error of the memory.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The memory's folder could not be created.
    #[error("cannot create the folder of memory {path}")]
    CreateDir {
        /// The memory's path.
        path: String,
        /// The file system's reason.
        #[source]
        source: std::io::Error,
    },
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
    /// A memory opened read-only has an older schema: it must be opened for writing once, which
    /// upgrades it.
    #[error(
        "{path}: the memory has schema version {found}, but this tmkit reads only version {known}: open it for writing once to upgrade it"
    )]
    NeedsMigration {
        /// The memory's path.
        path: String,
        /// Its schema version.
        found: i64,
        /// The version this build reads.
        known: i64,
    },
    /// A memory opened read-only has variants waiting for the match index, which a lookup would miss.
    #[error(
        "{path}: {pending} variants are not in the match index yet: open the memory for writing once to index them"
    )]
    IndexNotFlushed {
        /// The memory's path.
        path: String,
        /// Variants waiting.
        pending: u64,
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
    /// A review change would make a unit equal to another stored one (same text in every language).
    #[error("the change would make the unit the same as unit {other}: delete one of them instead")]
    SameAsUnit {
        /// The other unit.
        other: i64,
    },
    /// A unit without variants, or with two variants in one language.
    #[error(transparent)]
    InvalidUnit(#[from] crate::unit::Error),
    /// An aligned unit names a language the article has no document in.
    #[error(
        "a unit needs at least one variant and at most one per language (no document in {lang})"
    )]
    NoDocument {
        /// The language.
        lang: Lang,
    },
    /// An aligned unit names a sentence its document does not have.
    #[error(
        "a unit needs at least one variant and at most one per language ({lang} has no sentence {position})"
    )]
    NoSentence {
        /// The document's language.
        lang: Lang,
        /// The 0-based sentence position.
        position: usize,
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
    /// A match-index queue left by a migration or an older tmkit is flushed here.
    ///
    /// # Errors
    /// [`Error::NotAMemory`] for a file that is not a tmkit memory, [`Error::TooNew`] for one written by a
    /// newer tmkit, [`Error::CreateDir`] when its folder cannot be created, [`Error::Open`] when SQLite
    /// cannot open it.
    pub fn open(path: &Path) -> Result<Memory, Error> {
        let shown = path.display().to_string();
        if let Some(parent) = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty() && !p.exists())
        {
            std::fs::create_dir_all(parent).map_err(|source| Error::CreateDir {
                path: shown.clone(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: shown.clone(),
            source,
        })?;
        Memory::setup(conn, path.to_path_buf(), &shown)
    }

    /// Opens the memory at `path` for reading only (lookups, concordance, export, stats): SQLite
    /// refuses every write through it. Nothing is migrated or indexed.
    ///
    /// ```
    /// use tmkit::unit::{NewUnit, NewVariant, Origin};
    /// use tmkit::{Lang, tm::Memory};
    /// let dir = tempfile::tempdir()?;
    /// let path = dir.path().join("tm.db");
    /// let unit = NewUnit::new(Origin::Manual, vec![
    ///     NewVariant::new(Lang::parse("en")?, "Hello"),
    ///     NewVariant::new(Lang::parse("az")?, "Salam"),
    /// ]);
    /// Memory::open(&path)?.insert_units(&[unit], 0)?;
    /// let memory = Memory::open_read_only(&path)?;
    /// assert_eq!(memory.count_units()?, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Open`] when the file is missing or SQLite cannot open it, [`Error::NotAMemory`],
    /// [`Error::TooNew`], [`Error::NeedsMigration`] for a memory of an older schema,
    /// [`Error::IndexNotFlushed`] for one whose match index is behind its units.
    pub fn open_read_only(path: &Path) -> Result<Memory, Error> {
        let shown = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| Error::Open {
            path: shown.clone(),
            source,
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|source| schema::classify_open_error(&shown, source))?;
        let found = schema::version(&conn, &shown)?;
        if found < schema::current_version() {
            return Err(Error::NeedsMigration {
                path: shown,
                found,
                known: schema::current_version(),
            });
        }
        let pending = index::pending(&conn)?;
        if pending > 0 {
            return Err(Error::IndexNotFlushed {
                path: shown,
                pending,
            });
        }
        Ok(Memory {
            conn,
            path: path.to_path_buf(),
        })
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
        let mut memory = Memory { conn, path };
        if pivot::has_pending(memory.conn())? {
            let tx = memory
                .conn_mut()
                .transaction()
                .map_err(sql("starting a transaction"))?;
            pivot::fill_pending(&tx)?;
            tx.commit().map_err(sql("committing pivot keys"))?;
        }
        memory.flush_index()?;
        Ok(memory)
    }

    /// Merges the variants waiting in the match-index queue into the index, in one transaction, and
    /// returns their number. Writers leave the queue empty, so this matters only for a memory whose
    /// queue was filled by a migration (re-indexing) or by an older tmkit; [`Memory::open`] calls it.
    ///
    /// # Errors
    /// [`Error::Sql`]; [`Error::Corrupt`] for a stored language tag tmkit cannot parse.
    pub fn flush_index(&mut self) -> Result<usize, Error> {
        let pending = index::pending(self.conn())?;
        if pending == 0 {
            return Ok(0);
        }
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(sql("starting a transaction"))?;
        // Most of the memory queued (a migration re-indexes everything): rebuilding on every core is
        // faster than merging the queue.
        let variants: u64 = match pending > 50_000 {
            true => tx
                .query_row("SELECT count(*) FROM variant", [], |r| r.get(0))
                .map_err(sql("counting variants"))?,
            false => u64::MAX,
        };
        let n = if 2 * pending >= variants {
            bulk::rebuild_index(&tx)? as usize
        } else {
            index::flush(&tx)?
        };
        tx.commit().map_err(sql("committing the index"))?;
        Ok(n)
    }

    /// Runs `f` inside one read transaction: SQLite takes its file lock once, not once per statement,
    /// and every read of `f` sees the same state of the memory.
    ///
    /// # Errors
    /// [`Error::Sql`] when the transaction cannot start or end; what `f` returns.
    pub fn read<T, E: From<Error>>(&self, f: impl FnOnce(&Memory) -> Result<T, E>) -> Result<T, E> {
        let read = self
            .conn
            .unchecked_transaction()
            .map_err(sql("starting a read"))?;
        let value = f(self)?;
        read.commit().map_err(sql("ending a read"))?;
        Ok(value)
    }

    /// Sets the connection up for answering many lookups (memory-mapped reads, a larger page cache).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn prepare_lookups(&self) -> Result<(), Error> {
        index::lookup_settings(self.conn())
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
    fn a_missing_folder_that_cannot_be_created_is_an_io_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("file");
        std::fs::write(&file, "x").expect("write");
        let err = Memory::open(&file.join("sub/tm.db"))
            .err()
            .expect("refused");
        assert!(matches!(err, Error::CreateDir { .. }), "{err}");
    }

    #[test]
    fn a_read_only_memory_refuses_writes() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        drop(Memory::open(&path).expect("create"));
        let mut memory = Memory::open_read_only(&path).expect("read-only");
        let err = memory.delete_units(&[1]).expect_err("a write is refused");
        assert!(matches!(err, Error::Sql { .. }), "{err}");
    }

    #[test]
    fn a_read_only_open_refuses_a_memory_that_needs_a_migration() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("old.db");
        let conn = Connection::open(&path).expect("sqlite");
        conn.execute_batch(schema::MIGRATIONS[0].1)
            .expect("first migration");
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .and_then(|()| conn.pragma_update(None, "user_version", 1))
            .expect("version");
        drop(conn);
        let err = Memory::open_read_only(&path).err().expect("refused");
        assert!(
            matches!(err, Error::NeedsMigration { found: 1, .. }),
            "{err}"
        );
        assert!(Memory::open(&path).is_ok());
        assert!(Memory::open_read_only(&path).is_ok());
    }

    #[test]
    fn opening_a_memory_flushes_a_leftover_index_queue() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        {
            let memory = Memory::open(&path).expect("create");
            let unit = crate::unit::NewUnit::new(
                crate::unit::Origin::Manual,
                vec![crate::unit::NewVariant::new(
                    Lang::parse("en").expect("tag"),
                    "queued, as an older tmkit left it",
                )],
            );
            unit::insert_unit(memory.conn(), &unit, 0).expect("insert");
            assert_eq!(index::pending(memory.conn()).expect("pending"), 1);
        }
        let err = Memory::open_read_only(&path).err().expect("refused");
        assert!(
            matches!(err, Error::IndexNotFlushed { pending: 1, .. }),
            "{err}"
        );
        let memory = Memory::open(&path).expect("reopen");
        assert_eq!(index::pending(memory.conn()).expect("pending"), 0);
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
