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
//! SQLite settings: foreign keys on, the WAL journal always (readers never wait for a writer, even
//! during the first bulk load), and a wait for other writers ([`writer`]): 60 s unless
//! [`Memory::set_wait`] says otherwise. Writes take the write lock when they start ([`Memory::write`]).
//!
//! Reading a memory one may not write: [`Memory::open_read_only`] opens a file this process cannot write,
//! or one in a folder it cannot write, as *immutable* when no writer is active (no `-wal`), so SQLite
//! creates no `-wal`/`-shm` beside it. Limit: a writer (another user who may write the file) that
//! starts while such a reader reads may make the reader fail; it never harms the writer.

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
pub mod writer;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use crate::lang::Lang;

/// Memories up to this size are always compacted by [`Memory::compact`] (16 MiB).
pub const COMPACT_WHOLE_BYTES: u64 = 16 << 20;

pub use export::{ExportFilter, for_each_unit};
pub use unit::Inserted;
pub use writer::DEFAULT_WAIT;

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
    /// A new memory could not be put in place.
    #[error("cannot create memory {path}")]
    Create {
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
    /// Another process kept the memory's write lock longer than this one would wait.
    #[error(
        "the memory {path} is being written by {}; gave up after waiting {waited_secs} s",
        holder.as_deref().unwrap_or("another process")
    )]
    Busy {
        /// The memory's path.
        path: String,
        /// How long this process waited, in seconds.
        waited_secs: f64,
        /// The other writer, as its record beside the memory says (see [`writer`]), when it runs.
        /// (SQLite's busy error is not kept as the source: this says all it says.)
        holder: Option<String>,
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
    /// A stored phrase model that does not read back (the file was edited, or written by another
    /// build).
    #[error("memory: the phrase model {src}-{tgt} cannot be read")]
    PhraseModel {
        /// The pair's first language, as stored.
        src: String,
        /// The pair's second language.
        tgt: String,
        /// What is wrong with it.
        #[source]
        source: crate::phrase::Error,
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

/// An open translation memory.
pub struct Memory {
    conn: Connection,
    path: PathBuf,
    /// How long a write waits for another writer ([`Memory::set_wait`]).
    wait: Duration,
    /// What this process does, for the writer record ([`Memory::set_operation`]).
    operation: String,
    /// The phrase models this connection has read, by direction ([`Memory::phrase_model`]).
    models: lexicon::ModelCache,
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
        Memory::open_waiting(path, DEFAULT_WAIT)
    }

    /// [`Memory::open`], waiting up to `wait` for other writers (when opening needs to write, and in
    /// every write after; see [`Memory::set_wait`]).
    ///
    /// # Errors
    /// As [`Memory::open`]; [`Error::Busy`] when another writer keeps the memory longer than `wait`.
    pub fn open_waiting(path: &Path, wait: Duration) -> Result<Memory, Error> {
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
        remove_stale_files(path);
        if !path.exists() {
            create(path, &shown, wait)?;
        }
        let conn = Connection::open(path).map_err(|source| Error::Open {
            path: shown.clone(),
            source,
        })?;
        Memory::setup(conn, path.to_path_buf(), &shown, wait)
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
        let connect = |uri: &str, flags: OpenFlags| {
            let conn = Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI)
                .map_err(|source| schema::classify_open_error(&shown, source))?;
            conn.busy_timeout(DEFAULT_WAIT)
                .map_err(|source| schema::classify_open_error(&shown, source))?;
            Ok(conn)
        };
        // The first read: a missing `-wal` that cannot be created fails here.
        let first_read =
            |conn: Connection| schema::version(&conn, &shown).map(|found| (conn, found));
        let open = |uri: &str, flags: OpenFlags| connect(uri, flags).and_then(first_read);
        let uri = file_uri(path);
        let flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // A file this process may write: opened for writing but refusing writes, so that closing the
        // last connection removes the `-wal` and `-shm` as a writer's close does. SQLite opens a file
        // this user may only read read-only instead: that one takes the read-only way below. Never
        // probe the file with a descriptor of our own: closing it would drop every POSIX lock this
        // process holds on the memory, SQLite's included, and a writer in another process would then
        // take itself for the last connection and delete the `-wal` and `-shm` under our readers
        // ("database disk image is malformed" for the rest of their life; issue #14's load benchmark).
        // SQLite knows before the first read, which would create the `-wal` and `-shm` beside a file
        // opened read-only.
        let opened = match connect(&uri, flags | OpenFlags::SQLITE_OPEN_READ_WRITE) {
            Ok(conn) if !conn.is_readonly("main").unwrap_or(true) => Some(
                conn.pragma_update(None, "query_only", true)
                    .map_err(sql("opening the memory for reading"))
                    .and_then(|()| first_read(conn)),
            ),
            Ok(_) => None,
            Err(e) => Some(Err(e)),
        };
        let (conn, found) = match opened {
            Some(Ok(opened)) => opened,
            Some(Err(e)) if !matches!(e, Error::Open { .. } | Error::Sql { .. }) => return Err(e),
            // Not writable here (the file, or its folder for the `-wal`): immutable unless a writer is
            // active, whose `-wal` must be read.
            _ if !has_wal(path) => open(
                &format!("{uri}?mode=ro&immutable=1"),
                flags | OpenFlags::SQLITE_OPEN_READ_ONLY,
            )?,
            _ => open(
                &format!("{uri}?mode=ro"),
                flags | OpenFlags::SQLITE_OPEN_READ_ONLY,
            )?,
        };
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
            wait: DEFAULT_WAIT,
            operation: default_operation(),
            models: lexicon::ModelCache::default(),
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
        Memory::setup(conn, PathBuf::from(":memory:"), ":memory:", DEFAULT_WAIT)
    }

    fn setup(
        mut conn: Connection,
        path: PathBuf,
        shown: &str,
        wait: Duration,
    ) -> Result<Memory, Error> {
        conn.busy_timeout(wait)
            .map_err(|source| schema::classify_open_error(shown, source))?;
        // The first real read: a file that is not SQLite fails here.
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(|source| schema::classify_open_error(shown, source))?;
        // Refuses a file that is not a memory before changing anything in it.
        schema::version(&conn, shown)?;
        if path.as_os_str() != ":memory:" {
            // Before the migration, so that a new memory is in WAL mode from its first transaction.
            ensure_wal(&conn, &path, wait)?;
            conn.pragma_update(None, "synchronous", "NORMAL")
                .map_err(sql("setting synchronous mode"))?;
        }
        schema::migrate(&mut conn, shown).map_err(|e| e.busy_as(&path, wait))?;
        let mut memory = Memory {
            conn,
            path,
            wait,
            operation: default_operation(),
            models: lexicon::ModelCache::default(),
        };
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
        let tx = self.write()?;
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
        tx.commit("committing the index")?;
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

    /// Rewrites the memory file without its free pages and half-empty B-tree pages (SQLite's
    /// `VACUUM`) when that is worth its cost: always for a memory of up to [`COMPACT_WHOLE_BYTES`],
    /// whose match index is first merged into one chunk per token ([`index::merge_chunks`]: written
    /// article by article, its chunks are small and fill half their pages), and for a larger one when a quarter of its pages or more are
    /// free (after a big deletion or a migration that rewrote its text). A larger memory is not
    /// rewritten otherwise: that costs as much as copying it, and the pages it frees are reused by
    /// later writes. A small memory with no free page and no list to merge is left as it is.
    /// Returns the file's size in bytes before and after.
    ///
    /// # Errors
    /// [`Error::Busy`] when another writer holds the memory past the wait; [`Error::Sql`]. The
    /// memory is unchanged then.
    pub fn compact(&mut self) -> Result<(u64, u64), Error> {
        let size = |conn: &Connection| -> Result<(i64, i64, i64), Error> {
            conn.query_row(
                "SELECT (SELECT page_count FROM pragma_page_count),
                        (SELECT freelist_count FROM pragma_freelist_count),
                        (SELECT page_size FROM pragma_page_size)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(sql("measuring the memory"))
        };
        let (pages, free, page_size) = size(&self.conn)?;
        let before = (pages * page_size) as u64;
        if before > COMPACT_WHOLE_BYTES && free * 4 < pages {
            return Ok((before, before));
        }
        if before <= COMPACT_WHOLE_BYTES {
            let tx = self.write()?;
            let merged = index::merge_chunks(&tx)?;
            tx.commit("merging index chunks")?;
            if merged == 0 && free == 0 {
                // Compacted already, and nothing written since has freed a page or split a list.
                return Ok((before, before));
            }
        }
        self.conn
            .execute_batch("VACUUM")
            .map_err(|source| writer::busy_or(source, &self.path, self.wait, "compacting"))?;
        let (pages, _, page_size) = size(&self.conn)?;
        Ok((before, (pages * page_size) as u64))
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

    /// The languages the memory holds text in (a variant or a document), sorted.
    ///
    /// Reads every variant once, without counting, where [`Memory::stats`] also joins them in pairs:
    /// a fraction of its time on a large memory.
    ///
    /// ```
    /// let memory = tmkit::tm::Memory::open_in_memory()?;
    /// assert!(memory.langs()?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Sql`] if the query fails.
    pub fn langs(&self) -> Result<Vec<String>, Error> {
        let mut stmt = self
            .conn
            .prepare("SELECT lang FROM document UNION SELECT lang FROM variant ORDER BY 1")
            .map_err(sql("listing languages"))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(sql("listing languages"))
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
            models: Vec::new(),
            models_stale: self.phrase_models_stale()?,
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
        let trusted = self.trusted_pair_counts()?;
        stats.models = self
            .phrase_models()?
            .into_iter()
            .map(|m| {
                let trusted_units = trusted
                    .iter()
                    .find(|(a, b, _)| *a == m.src && *b == m.tgt)
                    .map_or(0, |t| t.2);
                ModelCount {
                    src: m.src,
                    tgt: m.tgt,
                    units: m.units,
                    trusted_units,
                }
            })
            .collect();
        Ok(stats)
    }
}

impl Error {
    /// A busy or locked SQLite error as [`Error::Busy`] (naming the writer), anything else as it is.
    fn busy_as(self, path: &Path, wait: Duration) -> Error {
        match self {
            Error::Sql { context, source }
            | Error::Migration {
                name: context,
                source,
            } => writer::busy_or(source, path, wait, context),
            other => other,
        }
    }
}

/// The folder of the memory at `path` and the prefix of the names it is created under
/// (`.tm.db.new-PID`).
fn creation_prefix(path: &Path) -> (PathBuf, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    (dir, format!(".{name}.new-"))
}

/// Removes what writers killed with `kill -9` left beside the memory at `path`: a writer record whose
/// process is gone, and the files of a creation whose process is gone. Best effort: a writer's next
/// step does not depend on it.
fn remove_stale_files(path: &Path) {
    let record = writer::record_path(path);
    if record.exists() && writer::current_holder(path).is_none() {
        let _ = std::fs::remove_file(&record);
    }
    let (dir, prefix) = creation_prefix(path);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let pid = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok());
        if pid.is_some_and(|pid| !writer::is_running(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates a new memory at `path` whole: built (WAL mode, every migration) under a temporary name
/// beside it, then linked into place, so that a process killed meanwhile leaves no empty or half-made
/// memory at `path`. Two processes creating one memory at once both succeed: the second link fails and
/// that process opens the first one's.
fn create(path: &Path, shown: &str, wait: Duration) -> Result<(), Error> {
    let open_error = |source| Error::Open {
        path: shown.to_string(),
        source,
    };
    let (dir, prefix) = creation_prefix(path);
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    let built = Connection::open(&tmp)
        .map_err(open_error)
        .and_then(|conn| Memory::setup(conn, tmp.clone(), shown, wait).map(drop));
    let linked = built.and_then(|()| match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        // A file system without hard links: a rename, which a creator at the same moment may win.
        Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(|source| Error::Create {
            path: shown.to_string(),
            source,
        }),
        Err(_) => Ok(()),
    });
    let _ = std::fs::remove_file(&tmp);
    linked
}

/// The memory's path as a SQLite `file:` URI, `?` and `#` escaped.
fn file_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => uri.push_str("%3f"),
            '#' => uri.push_str("%23"),
            '%' => uri.push_str("%25"),
            c => uri.push(c),
        }
    }
    uri
}

/// Whether a writer may be active: its `-wal` beside the memory is not empty.
fn has_wal(path: &Path) -> bool {
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    std::fs::metadata(PathBuf::from(wal)).is_ok_and(|m| m.len() > 0)
}

/// Puts the memory in WAL mode (a no-op when it is). Switching a new memory needs the file to
/// itself, which SQLite does not wait for: this retries until `wait` runs out.
fn ensure_wal(conn: &Connection, path: &Path, wait: Duration) -> Result<(), Error> {
    let started = Instant::now();
    loop {
        let mode =
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0));
        match mode {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) if started.elapsed() < wait => {}
            Err(e)
                if started.elapsed() < wait
                    && matches!(
                        e.sqlite_error_code(),
                        Some(
                            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                        )
                    ) => {}
            Ok(mode) => {
                return Err(Error::Corrupt {
                    what: "journal mode",
                    value: mode,
                });
            }
            Err(e) => return Err(writer::busy_or(e, path, wait, "setting the WAL journal")),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The operation a writer record names when the caller names none: the command line.
fn default_operation() -> String {
    let args: Vec<String> = std::env::args().collect();
    match args.is_empty() {
        true => "tmkit".to_string(),
        false => args.join(" "),
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
    /// The word-alignment models, by pair.
    pub models: Vec<ModelCount>,
    /// Whether units were stored or changed since the models were last brought up to date.
    pub models_stale: bool,
}

/// A word-alignment model against what its pair holds now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ModelCount {
    /// The first language (in tag order).
    pub src: String,
    /// The second language.
    pub tgt: String,
    /// Units it was trained on.
    pub units: u64,
    /// Trusted units (status `ok`, or approved) the pair holds now.
    pub trusted_units: u64,
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
    fn compacting_gives_free_pages_back_and_keeps_what_is_stored() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut memory = Memory::open(&path).expect("create");
        let pages = |m: &Memory| -> (i64, i64) {
            m.conn()
                .query_row(
                    "SELECT (SELECT page_count FROM pragma_page_count),
                            (SELECT freelist_count FROM pragma_freelist_count)",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("pages")
        };
        let empty = pages(&memory).0;
        // 2,000 log rows of 1,000 bytes, 1,990 of them deleted: their pages are free.
        memory
            .conn()
            .execute_batch(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
                 INSERT INTO review_log (unit_id, action, user, at, detail)
                     SELECT i, 'edit', 'ana', i, printf('%.1000c', 'x') FROM n;
                 DELETE FROM review_log WHERE unit_id > 10;",
            )
            .expect("rows");
        let (before_pages, free) = pages(&memory);
        assert!(free > 400, "{free} free of {before_pages}");
        let (before, after) = memory.compact().expect("compact");
        assert_eq!(before, before_pages as u64 * 4096);
        let (after_pages, free) = pages(&memory);
        assert_eq!((after, free), (after_pages as u64 * 4096, 0));
        // The ten rows left fit on the pages of an empty memory and three more.
        assert!(
            after_pages <= empty + 3,
            "{after_pages} pages, {empty} empty"
        );
        let kept: i64 = memory
            .conn()
            .query_row("SELECT count(*) FROM review_log", [], |r| r.get(0))
            .expect("count");
        assert_eq!(kept, 10);
        // Compact already: left as it is.
        assert_eq!(memory.compact().expect("again"), (after, after));
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

    /// Issue #16: `kill -9` of a writer leaves its record, and of a creator its temporary memory; the
    /// next writer removes both.
    #[test]
    fn the_next_writer_removes_what_killed_writers_left() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        drop(Memory::open(&path).expect("create"));
        // Linux pids stay below 2^22.
        let record = writer::record_path(&path);
        std::fs::write(&record, "4194999\t1720000000\ttmkit import x.tmx\n").expect("record");
        let creation = dir.path().join(".tm.db.new-4194999");
        std::fs::write(&creation, "half a memory").expect("creation");
        drop(Memory::open(&path).expect("reopen"));
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["tm.db"]);
    }

    #[test]
    fn a_new_memory_is_made_whole_and_leaves_nothing_beside_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let memory = Memory::open(&path).expect("create");
        let mode: String = memory
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .expect("mode");
        assert_eq!(mode, "wal");
        drop(memory);
        let left: Vec<String> = std::fs::read_dir(dir.path())
            .expect("read_dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["tm.db"]);
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
