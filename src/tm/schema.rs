//! The memory's schema: numbered SQL migrations from `memory/`, embedded at build time.
//!
//! [`migrate`] applies the ones a database lacks, in order, inside one transaction, and records the
//! number of the last one in `PRAGMA user_version`. A tmkit memory is marked with
//! `PRAGMA application_id` = [`APPLICATION_ID`], so that a SQLite file of another program is refused
//! instead of being altered. Migrations are append-only: a merged file is never edited; a change is the
//! next file.

use rusqlite::{Connection, OptionalExtension};

use super::Error;

/// `PRAGMA application_id` of a tmkit memory: the bytes "TMKT".
pub const APPLICATION_ID: i32 = 0x544D_4B54;

/// The migrations, in order; migration `i` (0-based) brings the schema to version `i + 1`.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../../memory/0001_init.sql")),
    (
        "0002_lexicon",
        include_str!("../../memory/0002_lexicon.sql"),
    ),
    (
        "0003_match_index",
        include_str!("../../memory/0003_match_index.sql"),
    ),
    (
        "0004_lean_variant",
        include_str!("../../memory/0004_lean_variant.sql"),
    ),
    (
        "0005_drop_norm",
        include_str!("../../memory/0005_drop_norm.sql"),
    ),
    (
        "0006_reindex_dates",
        include_str!("../../memory/0006_reindex_dates.sql"),
    ),
    (
        "0007_posting_rowid",
        include_str!("../../memory/0007_posting_rowid.sql"),
    ),
    ("0008_review", include_str!("../../memory/0008_review.sql")),
    ("0009_pivot", include_str!("../../memory/0009_pivot.sql")),
    (
        "0010_reindex_spaced_zh_dates",
        include_str!("../../memory/0010_reindex_spaced_zh_dates.sql"),
    ),
    (
        "0011_phrase_model",
        include_str!("../../memory/0011_phrase_model.sql"),
    ),
    (
        "0012_lean_storage",
        include_str!("../../memory/0012_lean_storage.sql"),
    ),
    (
        "0013_phrase_model_state",
        include_str!("../../memory/0013_phrase_model_state.sql"),
    ),
    (
        "0014_unit_fingerprint_index",
        include_str!("../../memory/0014_unit_fingerprint_index.sql"),
    ),
];

/// The first schema version whose migration rebuilds `unit` (0014): its rows' references to units are
/// checked before such a migration commits.
const UNIT_REBUILT: i64 = 14;

/// The schema version this build of tmkit writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// The schema version of the database on `conn`, after checking that it is a tmkit memory (or an empty
/// database) this build can read.
///
/// # Errors
/// [`Error::NotAMemory`] for a SQLite database of another program, [`Error::TooNew`] for a memory
/// written by a newer tmkit, [`Error::Sql`].
pub fn version(conn: &Connection, path: &str) -> Result<i64, Error> {
    let sql = |source| Error::Sql {
        context: "reading the schema version",
        source,
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(|source| classify_open_error(path, source))?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(sql)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))
            .map_err(sql)?;
        if app_id != 0 || version != 0 || tables != 0 {
            return Err(Error::NotAMemory {
                path: path.to_string(),
                why: "it is a SQLite database of another program",
            });
        }
    }
    if version > current_version() {
        return Err(Error::TooNew {
            path: path.to_string(),
            found: version,
            known: current_version(),
        });
    }
    Ok(version)
}

/// Brings `conn` to the current schema version.
///
/// # Errors
/// As [`version`]; [`Error::Migration`] or [`Error::Sql`] when a migration fails (nothing is changed
/// then).
pub fn migrate(conn: &mut Connection, path: &str) -> Result<(), Error> {
    let version = version(conn, path)?;
    if version == current_version() {
        return Ok(());
    }
    // A migration that rebuilds a table drops it: with foreign keys on, that would delete (cascade)
    // every row that refers to it. SQLite ignores this pragma inside a transaction, so it is set
    // here, and set back whether the migrations succeed or not.
    let foreign_keys: bool = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .map_err(|source| Error::Sql {
            context: "reading the foreign-key setting",
            source,
        })?;
    conn.pragma_update(None, "foreign_keys", false)
        .map_err(|source| Error::Sql {
            context: "starting the migration",
            source,
        })?;
    let result = migrate_in_transaction(conn, path);
    let restored = conn
        .pragma_update(None, "foreign_keys", foreign_keys)
        .map_err(|source| Error::Sql {
            context: "restoring the foreign-key setting",
            source,
        });
    result?;
    restored
}

/// [`migrate`]'s transaction, run with foreign keys off.
fn migrate_in_transaction(conn: &mut Connection, path: &str) -> Result<(), Error> {
    // IMMEDIATE: another process opening a new memory at the same moment waits here, then finds it
    // migrated.
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(|source| Error::Sql {
            context: "starting the migration",
            source,
        })?;
    let version = self::version(&tx, path)?;
    for (name, sql_text) in MIGRATIONS.iter().skip(version as usize) {
        tx.execute_batch(sql_text)
            .map_err(|source| Error::Migration { name, source })?;
    }
    if (1..UNIT_REBUILT).contains(&version) {
        check_unit_references(&tx)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)
        .and_then(|()| tx.pragma_update(None, "user_version", current_version()))
        .and_then(|()| tx.commit())
        .map_err(|source| Error::Sql {
            context: "recording the schema version",
            source,
        })
}

/// Fails when a row refers to a unit that is not stored: what a rebuild of `unit` that lost or
/// renumbered a row would leave (SQLite's `foreign_key_check`, step 10 of its table rebuild).
fn check_unit_references(conn: &Connection) -> Result<(), Error> {
    let broken: Option<(String, i64)> = conn
        .query_row(
            "SELECT \"table\", rowid FROM pragma_foreign_key_check WHERE parent = 'unit' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(|source| Error::Sql {
            context: "checking references to units",
            source,
        })?;
    match broken {
        Some((table, rowid)) => Err(Error::Corrupt {
            what: "a reference to a unit",
            value: format!("{table} row {rowid}"),
        }),
        None => Ok(()),
    }
}

/// Turns SQLite's "file is not a database" into a clear [`Error::NotAMemory`].
pub(crate) fn classify_open_error(path: &str, source: rusqlite::Error) -> Error {
    match source.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotAMemory {
            path: path.to_string(),
            why: "it is not a SQLite database",
        },
        _ => Error::Open {
            path: path.to_string(),
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_to_an_empty_database() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn, ":memory:").expect("migrations apply");
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, current_version());
        // Applying again is a no-op.
        migrate(&mut conn, ":memory:").expect("idempotent");
    }

    #[test]
    fn a_memory_of_an_older_schema_is_upgraded_with_its_texts() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        let tx = conn.transaction().expect("tx");
        for (_, sql_text) in &MIGRATIONS[..4] {
            tx.execute_batch(sql_text).expect("old migration");
        }
        tx.execute_batch(
            "INSERT INTO unit (origin, created_at, changed_at, creation_tool, fingerprint)
                 VALUES ('manual', 1, 1, 't', x'01');
             INSERT INTO variant (unit_id, lang, text, norm) VALUES (1, 'az-Latn', 'İlham Əliyev', 'ilham əliyev');
             PRAGMA application_id = 1414351700; PRAGMA user_version = 4;",
        )
        .expect("old data");
        tx.commit().expect("commit");
        migrate(&mut conn, ":memory:").expect("upgrade");
        let text: String = conn
            .query_row("SELECT text FROM variant", [], |r| r.get(0))
            .expect("text kept");
        assert_eq!(text, "İlham Əliyev");
        let columns: i64 = conn
            .query_row(
                "SELECT count(*) FROM pragma_table_info('variant') WHERE name = 'norm'",
                [],
                |r| r.get(0),
            )
            .expect("columns");
        assert_eq!(columns, 0);
    }

    #[test]
    fn a_foreign_sqlite_database_is_refused() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        conn.execute_batch("CREATE TABLE invoices (id INTEGER)")
            .expect("create");
        let err = migrate(&mut conn, "x.db").expect_err("refused");
        assert!(matches!(err, Error::NotAMemory { .. }), "{err}");
    }

    #[test]
    fn a_memory_from_a_newer_tmkit_is_refused() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        migrate(&mut conn, ":memory:").expect("migrations apply");
        conn.pragma_update(None, "user_version", current_version() + 1)
            .expect("set version");
        let err = migrate(&mut conn, "new.db").expect_err("refused");
        assert!(matches!(err, Error::TooNew { .. }), "{err}");
    }
}
