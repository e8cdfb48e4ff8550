-- 0008_review: the review workflow (issue #11). The aligner's reasons for sending a unit to review were
-- turned into a needs-review status and then lost; a reviewer needs them (which check, which
-- languages) to list and judge units. Approving a unit is recorded on the unit (who and when), and every
-- review action is logged, so a memory curated for years can say who changed what.

-- Why a unit needs review: one row per check, with the languages whose alignment raised it.
CREATE TABLE review_reason (
    unit_id  INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('doubtful-article', 'low-confidence', 'number-mismatch',
                                           'length-outlier', 'pivot-disagreement', 'name-mismatch')),
    langs    TEXT NOT NULL DEFAULT '',              -- canonical tags, comma-separated, sorted
    PRIMARY KEY (unit_id, kind)
) STRICT, WITHOUT ROWID;

-- A reviewer's approval: the unit's status is 'ok' and these say who approved it and when.
ALTER TABLE unit ADD COLUMN approved_at INTEGER;
ALTER TABLE unit ADD COLUMN approved_by TEXT;

-- Every review action (approve, edit, split, merge, delete), kept after the unit is gone.
CREATE TABLE review_log (
    id       INTEGER PRIMARY KEY,
    unit_id  INTEGER NOT NULL,                      -- no foreign key: deletions are logged too
    action   TEXT NOT NULL CHECK (action IN ('approve', 'edit', 'split', 'merge', 'delete')),
    user     TEXT NOT NULL,
    at       INTEGER NOT NULL,                      -- unix seconds
    detail   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX review_log_unit ON review_log(unit_id);

-- Units stored before this migration kept their flags as x-flag props: those become reasons (their
-- languages are not known); a needs-review unit without one was sent to review by its confidence or a
-- doubtful article, which the memory cannot tell apart, so it is listed as low confidence.
INSERT OR IGNORE INTO review_reason (unit_id, kind)
    SELECT p.unit_id, p.value FROM prop p JOIN unit u ON u.id = p.unit_id
    WHERE u.status = 'needs-review' AND p.type = 'x-flag' AND p.variant_id IS NULL
      AND p.value IN ('number-mismatch', 'length-outlier', 'pivot-disagreement');
INSERT OR IGNORE INTO review_reason (unit_id, kind)
    SELECT id, 'low-confidence' FROM unit u WHERE status = 'needs-review'
      AND NOT EXISTS (SELECT 1 FROM review_reason r WHERE r.unit_id = u.id);
