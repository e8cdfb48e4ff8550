-- 0005_drop_norm: variant.norm (a case-folded copy of every text, written by 0001 for a (lang, norm)
-- index that 0004 dropped) is read by nothing: lookups and concordance fold through the match index of
-- 0003. Dropping it halves the text a memory stores and writes.
ALTER TABLE variant DROP COLUMN norm;

-- Units aligned from articles are found by article; imported units have none: index only the rows that
-- do.
DROP INDEX unit_article;
CREATE INDEX unit_article ON unit(article_id) WHERE article_id IS NOT NULL;
