-- 0007_posting_rowid: posting chunks move from a WITHOUT ROWID table to a rowid table with an index on
-- (token, chunk, n). A WITHOUT ROWID table keeps whole rows in its B-tree, so a seek that compares
-- against a row whose blob spills onto overflow pages reads the whole blob first: with chunks of
-- hundreds of kilobytes, a third of a lookup's time went to copying blobs it never used. Now the
-- index holds only the small key, and a chunk's data is read once, when it is wanted.
CREATE TABLE match_posting_new (
    id     INTEGER PRIMARY KEY,
    token  INTEGER NOT NULL,
    chunk  INTEGER NOT NULL,
    n      INTEGER NOT NULL,                   -- entries in this chunk
    data   BLOB NOT NULL
);
INSERT INTO match_posting_new (token, chunk, n, data)
    SELECT token, chunk, n, data FROM match_posting ORDER BY token, chunk;
DROP TABLE match_posting;
ALTER TABLE match_posting_new RENAME TO match_posting;
CREATE INDEX match_posting_token ON match_posting(token, chunk, n);
