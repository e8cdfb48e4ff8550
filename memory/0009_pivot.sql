-- 0009_pivot: one unit per sentence across languages (issue #11). Aligning or importing a variant in
-- one language attaches it to the unit that holds the same source (pivot) sentence instead of adding a
-- unit per language pair. `unit.pivot` is the key of the unit's source language and its normalized
-- source text (tm::pivot), indexed so that a writer finds that unit in one search. The keys are computed
-- in Rust (language-aware case folding), so this migration only queues every unit in `pivot_pending`;
-- opening the memory for writing fills the keys in. `variant.import_id` records the import that brought
-- a variant, so that deleting an import removes its own variants and not those other imports joined to
-- the same unit.
ALTER TABLE unit ADD COLUMN pivot INTEGER;
CREATE INDEX unit_pivot ON unit(pivot) WHERE pivot IS NOT NULL;

CREATE TABLE pivot_pending (
    unit_id INTEGER PRIMARY KEY
);
INSERT INTO pivot_pending (unit_id) SELECT id FROM unit;

ALTER TABLE variant ADD COLUMN import_id INTEGER REFERENCES import(id) ON DELETE SET NULL;
UPDATE variant SET import_id = (SELECT u.import_id FROM unit u WHERE u.id = variant.unit_id)
    WHERE unit_id IN (SELECT id FROM unit WHERE import_id IS NOT NULL);
