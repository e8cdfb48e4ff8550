-- Storing units no longer retrains the word-alignment models (issue #15 item 6, issue #12 item 1):
-- `align-dir --store` spent four fifths of its time retraining them after each article and `import`
-- half of its time at its end, for an aligner that measured no better for it. `tmkit train` brings
-- the models up to date; this row lets every command that reads them tell, in one indexed read,
-- whether units were stored or changed since. A unit stored since has a variant id above
-- trained_variant (ids grow; a reused id is one whose row was deleted, which counts as a change); a
-- variant edited, moved or deleted, or a unit's trust changed, counts in `changes` by the triggers
-- below, and the models know the changes up to trained_changes.
CREATE TABLE phrase_model_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    trained_variant INTEGER NOT NULL,  -- max(variant.id) when the models were last brought up to date
    changes         INTEGER NOT NULL,  -- variants edited, moved or deleted and units re-judged, ever
    trained_changes INTEGER NOT NULL   -- `changes` when the models were last brought up to date
) STRICT;

-- Until this migration every store and import ended by retraining every changed model: a memory with
-- models is taken as up to date, one without as never trained.
INSERT INTO phrase_model_state (id, trained_variant, changes, trained_changes)
VALUES (1, CASE WHEN EXISTS (SELECT 1 FROM phrase_model)
                THEN coalesce((SELECT max(id) FROM variant), 0) ELSE 0 END, 0, 0);

CREATE TRIGGER phrase_state_variant_update AFTER UPDATE OF text, lang, unit_id ON variant BEGIN
    UPDATE phrase_model_state SET changes = changes + 1;
END;
CREATE TRIGGER phrase_state_variant_delete AFTER DELETE ON variant BEGIN
    UPDATE phrase_model_state SET changes = changes + 1;
END;
CREATE TRIGGER phrase_state_unit_trust AFTER UPDATE OF status, approved_at ON unit BEGIN
    UPDATE phrase_model_state SET changes = changes + 1;
END;
