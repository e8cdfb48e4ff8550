-- 0004_lean_variant: leaner indexes for fast imports. First, drop the (lang, norm) index of 0001:
-- lookups and concordance use the match index of 0003, so this copy of every text only slowed imports
-- (random inserts into a text B-tree) and made the memory larger.
DROP INDEX variant_lang_norm;

-- Most props belong to a unit and have neither a variant nor an import: index only the rows that do, so
-- an import writes one B-tree less per prop.
DROP INDEX prop_variant;
DROP INDEX prop_import;
CREATE INDEX prop_variant ON prop(variant_id) WHERE variant_id IS NOT NULL;
CREATE INDEX prop_import ON prop(import_id) WHERE import_id IS NOT NULL;
