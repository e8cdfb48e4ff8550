-- 0003_match_index: the fuzzy-match and concordance index (src/tm/index.rs). Inverted posting lists
-- over token keys, written in bulk: inserting a variant only queues its id in match_pending, and
-- the next lookup or an explicit flush merges the queue into compressed posting chunks. Deleted
-- variants leave stale postings that every reader re-checks against the variant table;
-- `match_pending` forgets them at once.

-- Posting lists: for a token (a 63-bit hash of language and key), chunks of delta-encoded
-- (variant id, variant weight, term frequency) entries in ascending variant id.
CREATE TABLE match_posting (
    token  INTEGER NOT NULL,
    chunk  INTEGER NOT NULL,
    n      INTEGER NOT NULL,                   -- entries in this chunk
    data   BLOB NOT NULL,
    PRIMARY KEY (token, chunk)
) WITHOUT ROWID;

-- Variants inserted (or changed) since the last merge.
CREATE TABLE match_pending (
    variant_id INTEGER PRIMARY KEY
);

-- Inserts are queued by tm::unit::insert_unit itself (a trigger on INSERT would make every variant
-- insert open a statement journal, which halves bulk import speed); these two catch the rest.
CREATE TRIGGER variant_match_update AFTER UPDATE OF text, lang ON variant BEGIN
    INSERT OR IGNORE INTO match_pending (variant_id) VALUES (new.id);
END;
CREATE TRIGGER variant_match_delete AFTER DELETE ON variant BEGIN
    DELETE FROM match_pending WHERE variant_id = old.id;
END;

INSERT INTO match_pending (variant_id) SELECT id FROM variant;
