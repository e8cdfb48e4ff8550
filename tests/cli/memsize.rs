//! The memory's size on disk (issue #12): a sentence stored once (`memory/0012_lean_storage.sql`) and the
//! memory compacted after training.

use crate::common::aligned_samples;

/// The TMX of every unit in every language.
fn export_all(sandbox: &crate::common::Sandbox) -> String {
    let out = sandbox
        .tmkit()
        .args(["export", "--langs", "en,az,ru,zh", "-o", "-"])
        .output()
        .expect("export runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 TMX")
}

/// The text of every sentence as readers see it (a lent text is its first variant's), by id.
const SENTENCES: &str = "SELECT CASE s.text WHEN '' THEN (SELECT v.text FROM variant v
     WHERE v.segment_id = s.id ORDER BY v.id LIMIT 1) ELSE s.text END FROM segment s ORDER BY s.id";

fn sentences(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare(SENTENCES)
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("sentences")
}

fn one(conn: &rusqlite::Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).expect(sql)
}

#[test]
fn a_memory_of_schema_11_stores_its_sentences_once_after_migrating_and_exports_the_same_tmx() {
    let sandbox = aligned_samples();
    let before = export_all(&sandbox);
    // The memory as tmkit wrote it at schema 11: every sentence with its own text, no triggers of
    // 0012, no model state of 0013; and free pages, as a retrained model leaves them.
    let (old_sentences, lendable, old_pages) = {
        let conn = rusqlite::Connection::open(sandbox.tm()).expect("open");
        conn.execute_batch(
            "UPDATE segment SET text = (SELECT v.text FROM variant v WHERE v.segment_id = segment.id
                                        ORDER BY v.id LIMIT 1)
             WHERE text = '';
             DROP TRIGGER variant_segment_text_update;
             DROP TRIGGER variant_segment_text_delete;
             DROP INDEX variant_segment;
             CREATE INDEX variant_segment ON variant(segment_id);
             CREATE TABLE filler (x BLOB); INSERT INTO filler VALUES (zeroblob(2000000));
             DROP TABLE filler;
             DROP TRIGGER phrase_state_variant_update;
             DROP TRIGGER phrase_state_variant_delete;
             DROP TRIGGER phrase_state_unit_trust;
             DROP TABLE phrase_model_state;
             PRAGMA user_version = 11;",
        )
        .expect("downgrade");
        assert_eq!(
            one(&conn, "SELECT count(*) FROM segment WHERE text = ''"),
            0
        );
        let lendable = one(
            &conn,
            "SELECT count(*) FROM segment s WHERE s.text = (SELECT v.text FROM variant v
                 WHERE v.segment_id = s.id ORDER BY v.id LIMIT 1)",
        );
        let pages = one(&conn, "PRAGMA page_count");
        assert!(one(&conn, "PRAGMA freelist_count") > 400);
        (sentences(&conn), lendable, pages)
    };
    assert!(lendable > 200, "{lendable} sentences lendable");
    // Any command that writes migrates; `train` also compacts.
    sandbox.tmkit().arg("train").assert().success();
    let conn = rusqlite::Connection::open(sandbox.tm()).expect("open");
    assert_eq!(one(&conn, "PRAGMA user_version"), 14);
    // It had models, trained by the tmkit that stored its units: 0013 takes them as up to date.
    assert_eq!(
        one(
            &conn,
            "SELECT trained_variant = (SELECT max(id) FROM variant) AND changes = trained_changes
             FROM phrase_model_state"
        ),
        1
    );
    assert_eq!(
        one(&conn, "SELECT count(*) FROM segment WHERE text = ''"),
        lendable
    );
    assert_eq!(sentences(&conn), old_sentences);
    assert_eq!(one(&conn, "PRAGMA freelist_count"), 0);
    // Only variants aligned from a sentence have an entry in the segment index.
    let index: String = conn
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'variant_segment'",
            [],
            |r| r.get(0),
        )
        .expect("index");
    assert!(index.ends_with("WHERE segment_id IS NOT NULL"), "{index}");
    assert!(one(&conn, "PRAGMA page_count") < old_pages - 400);
    drop(conn);
    assert_eq!(export_all(&sandbox), before);
}
