//! Migrations that rebuild a table keep every row: `memory/0014_unit_fingerprint_index.sql`.

use crate::common::{Sandbox, aligned_samples, stdout_of};

/// The TMX of every unit in every language (export migrates an older memory first).
fn export_all(sandbox: &Sandbox) -> String {
    stdout_of(
        sandbox
            .tmkit()
            .args(["export", "--langs", "en,az,ru,zh", "-o", "-"]),
    )
}

/// Every row of every table but the schema's, as SQL literals, in rowid order.
fn every_row(conn: &rusqlite::Connection) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = conn
                .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
                .and_then(|mut s| s.query_map([&table], |r| r.get(0))?.collect())
                .expect("columns");
            let quoted: Vec<String> = columns.iter().map(|c| format!("quote({c})")).collect();
            let without_rowid: bool = conn
                .query_row(
                    "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_schema WHERE name = ?1",
                    [&table],
                    |r| r.get(0),
                )
                .expect("schema");
            let order = if without_rowid { "1" } else { "rowid" };
            let rows: Vec<String> = conn
                .prepare(&format!(
                    "SELECT {} FROM {table} ORDER BY {order}",
                    quoted.join(" || '|' || ")
                ))
                .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                .expect("rows");
            (table, rows)
        })
        .collect()
}

fn one(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

/// `unit` as migration 0001 (and 0008, 0009 after it) left it: the fingerprint's uniqueness in the
/// column's automatic index.
/// Foreign keys off: with them on, dropping `unit` would delete every variant (the cascade).
const DOWNGRADE_TO_13: &str = "
PRAGMA foreign_keys = OFF;
CREATE TABLE unit_old (
    id           INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL CHECK (origin IN ('aligned', 'imported', 'manual')),
    status       TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'needs-review')),
    confidence   REAL,
    article_id   INTEGER REFERENCES article(id) ON DELETE CASCADE,
    import_id    INTEGER REFERENCES import(id) ON DELETE SET NULL,
    tuid         TEXT,
    srclang      TEXT,
    created_at   INTEGER NOT NULL,
    changed_at   INTEGER NOT NULL,
    created_by   TEXT,
    changed_by   TEXT,
    creation_tool TEXT NOT NULL,
    usage_count  INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    fingerprint  BLOB NOT NULL UNIQUE
, approved_at INTEGER, approved_by TEXT, pivot INTEGER) STRICT;
INSERT INTO unit_old SELECT * FROM unit;
DROP TABLE unit;
ALTER TABLE unit_old RENAME TO unit;
CREATE INDEX unit_article ON unit(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX unit_import ON unit(import_id);
CREATE INDEX unit_changed ON unit(changed_at);
CREATE INDEX unit_pivot ON unit(pivot) WHERE pivot IS NOT NULL;
CREATE TRIGGER phrase_state_unit_trust AFTER UPDATE OF status, approved_at ON unit BEGIN
    UPDATE phrase_model_state SET changes = changes + 1;
END;
PRAGMA user_version = 13;";

#[test]
fn a_memory_of_schema_13_keeps_every_row_when_its_units_move_to_a_named_fingerprint_index() {
    // Aligned articles with their sentences, an imported TMX with props and notes, a review log.
    let sandbox = aligned_samples();
    let tmx = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tmx/okapi.tmx");
    sandbox.tmkit().arg("import").arg(&tmx).assert().success();
    stdout_of(
        sandbox
            .tmkit()
            .args(["review", "approve", "26", "--user", "ana"]),
    );
    let before = export_all(&sandbox);
    let rows = {
        let conn = rusqlite::Connection::open(sandbox.tm()).expect("open");
        let rows = every_row(&conn);
        for table in [
            "unit",
            "variant",
            "prop",
            "article",
            "segment",
            "review_log",
            "import",
        ] {
            let n = rows
                .iter()
                .find(|(t, _)| t == table)
                .map_or(0, |(_, r)| r.len());
            assert!(n > 0, "{table} has rows");
        }
        conn.execute_batch(DOWNGRADE_TO_13).expect("downgrade");
        assert_eq!(
            one(
                &conn,
                "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_unit_1'"
            ),
            1
        );
        assert!(every_row(&conn) == rows, "the downgrade keeps every row");
        rows
    };
    assert_eq!(export_all(&sandbox), before);
    let conn = rusqlite::Connection::open(sandbox.tm()).expect("open");
    assert_eq!(one(&conn, "PRAGMA user_version"), 14);
    for ((table, after), (_, before)) in every_row(&conn).iter().zip(&rows) {
        assert!(
            after == before,
            "{table}: {} rows, {} before",
            after.len(),
            before.len()
        );
    }
    assert_eq!(every_row(&conn).len(), rows.len());
    assert_eq!(
        one(&conn, "SELECT count(*) FROM pragma_foreign_key_check"),
        0
    );
    let unit_schema: Vec<String> = conn
        .prepare(
            "SELECT name || ': ' || coalesce(sql, '') FROM sqlite_schema
             WHERE tbl_name = 'unit' AND type IN ('index', 'trigger') ORDER BY name",
        )
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("schema");
    assert_eq!(
        unit_schema,
        vec![
            "phrase_state_unit_trust: CREATE TRIGGER phrase_state_unit_trust AFTER UPDATE OF status, \
             approved_at ON unit BEGIN\n    UPDATE phrase_model_state SET changes = changes + 1;\nEND",
            "unit_article: CREATE INDEX unit_article ON unit(article_id) WHERE article_id IS NOT NULL",
            "unit_changed: CREATE INDEX unit_changed ON unit(changed_at)",
            "unit_fingerprint: CREATE UNIQUE INDEX unit_fingerprint ON unit(fingerprint)",
            "unit_import: CREATE INDEX unit_import ON unit(import_id)",
            "unit_pivot: CREATE INDEX unit_pivot ON unit(pivot) WHERE pivot IS NOT NULL",
        ]
    );
    // The trigger still counts a unit's change of trust, and the index still refuses a duplicate.
    let changes = one(&conn, "SELECT changes FROM phrase_model_state");
    conn.execute("UPDATE unit SET status = 'needs-review' WHERE id = 26", [])
        .expect("update");
    assert_eq!(
        one(&conn, "SELECT changes FROM phrase_model_state"),
        changes + 1
    );
    let duplicate = conn.execute(
        "INSERT INTO unit (origin, created_at, changed_at, creation_tool, fingerprint)
         SELECT origin, 1, 1, 't', fingerprint FROM unit WHERE id = 1",
        [],
    );
    let message = duplicate.expect_err("unique").to_string();
    assert!(
        message.contains("UNIQUE constraint failed: unit.fingerprint"),
        "{message}"
    );
}
