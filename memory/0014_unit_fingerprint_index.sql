-- 0014_unit_fingerprint_index: the unit's fingerprint keeps its uniqueness in a named index,
-- unit_fingerprint, instead of the column's UNIQUE constraint (issue #15 item 5). SQLite cannot drop
-- the automatic index of a UNIQUE column; a named one a load into an empty memory drops, answers
-- "is this fingerprint stored" from memory meanwhile, and builds again sorted before it commits
-- (src/tm/bulk.rs): at 1M units the random inserts into this index were most of the import's time.
-- SQLite's table rebuild (https://sqlite.org/lang_altertable.html#otheralter): the migration runs with
-- foreign keys off (src/tm/schema.rs), the rows keep their ids, so variant, prop and review_reason
-- keep pointing at them; the columns stay in their order; the indexes and the trigger on unit are
-- created again as the earlier migrations left them.
CREATE TABLE unit_rebuilt (
    id           INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL CHECK (origin IN ('aligned', 'imported', 'manual')),
    status       TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'needs-review')),
    confidence   REAL,                           -- alignment confidence in 0..1; NULL unless aligned
    article_id   INTEGER REFERENCES article(id) ON DELETE CASCADE,
    import_id    INTEGER REFERENCES import(id) ON DELETE SET NULL,
    tuid         TEXT,                           -- the TMX tuid it was imported with
    srclang      TEXT,                           -- the unit's source language when known
    created_at   INTEGER NOT NULL,               -- unix seconds
    changed_at   INTEGER NOT NULL,
    created_by   TEXT,                           -- user (TMX creationid)
    changed_by   TEXT,                           -- TMX changeid
    creation_tool TEXT NOT NULL,                 -- e.g. 'tmkit 0.1.0', or the importing file's tool
    usage_count  INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    fingerprint  BLOB NOT NULL,                  -- SHA-256 over the sorted (lang, text) variants: dedup
    approved_at  INTEGER,
    approved_by  TEXT,
    pivot        INTEGER
) STRICT;
INSERT INTO unit_rebuilt (id, origin, status, confidence, article_id, import_id, tuid, srclang,
                          created_at, changed_at, created_by, changed_by, creation_tool, usage_count,
                          last_used_at, fingerprint, approved_at, approved_by, pivot)
SELECT id, origin, status, confidence, article_id, import_id, tuid, srclang, created_at, changed_at,
       created_by, changed_by, creation_tool, usage_count, last_used_at, fingerprint, approved_at,
       approved_by, pivot
FROM unit ORDER BY id;
DROP TABLE unit;
ALTER TABLE unit_rebuilt RENAME TO unit;
CREATE UNIQUE INDEX unit_fingerprint ON unit(fingerprint);
CREATE INDEX unit_article ON unit(article_id) WHERE article_id IS NOT NULL;
CREATE INDEX unit_import ON unit(import_id);
CREATE INDEX unit_changed ON unit(changed_at);
CREATE INDEX unit_pivot ON unit(pivot) WHERE pivot IS NOT NULL;
CREATE TRIGGER phrase_state_unit_trust AFTER UPDATE OF status, approved_at ON unit BEGIN
    UPDATE phrase_model_state SET changes = changes + 1;
END;
