-- 0006_reindex_dates: match keys changed (tmkit.fuzzy.token VERSION 2: a date is one placeable, and its
-- words are indexed beside it for phrase search). Postings built with the old keys would make lookups
-- miss matches that contain a date, so the index is emptied and every variant queued: the next lookup
-- or concordance rebuilds it.
DELETE FROM match_posting;
INSERT OR IGNORE INTO match_pending (variant_id) SELECT id FROM variant;
