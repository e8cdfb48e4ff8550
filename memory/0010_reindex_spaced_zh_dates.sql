-- 0010_reindex_spaced_zh_dates: match keys changed (tmkit.fuzzy.token VERSION 3: a Chinese date written
-- with spaces, `2026 年 7 月 10 日`, is one date placeable, as `2026年7月10日` already was; issue #12).
-- Postings built with the old keys (numbers and characters) would make lookups miss matches that
-- contain such a date, so the index is emptied and every variant queued: the next lookup or
-- concordance rebuilds it.
DELETE FROM match_posting;
INSERT OR IGNORE INTO match_pending (variant_id) SELECT id FROM variant;
