-- 0004_lean_variant: drop the (lang, norm) index of 0001. Lookups and concordance use the match index of
-- 0003, so this copy of every text only slowed imports (random inserts into a text B-tree) and made the
-- memory larger.
DROP INDEX variant_lang_norm;
