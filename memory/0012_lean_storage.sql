-- 0012_lean_storage: the memory stores less (issue #12: a memory ≤ 3× its raw text). First, a memory
-- built from articles held every sentence's text twice, once as the segment the segmenter found and
-- once as the variant aligned from it (a 1-1 bead's variant is its sentence).
-- A segment whose text is that of its first variant (the variant with the lowest id that links to it)
-- now stores '' instead (the segmenter never yields an empty sentence, so '' is free to mean this), and
-- readers take the variant's text (tm::article::SEGMENT_TEXT). The variant stays the copy every reader
-- uses; the segment borrows it. Before that variant's text or link changes, or it is deleted, the
-- triggers below give the segment its own text back, so a review edit of a variant never changes the
-- sentence it came from. A new variant never takes over: its id is higher than every stored one.
CREATE TRIGGER variant_segment_text_update BEFORE UPDATE OF text, segment_id ON variant
WHEN old.segment_id IS NOT NULL OR new.segment_id IS NOT NULL BEGIN
    UPDATE segment SET text = (SELECT v.text FROM variant v WHERE v.segment_id = segment.id
                               ORDER BY v.id LIMIT 1)
    WHERE id IN (old.segment_id, new.segment_id) AND text = '';
END;
CREATE TRIGGER variant_segment_text_delete BEFORE DELETE ON variant
WHEN old.segment_id IS NOT NULL BEGIN
    UPDATE segment SET text = (SELECT v.text FROM variant v WHERE v.segment_id = segment.id
                               ORDER BY v.id LIMIT 1)
    WHERE id = old.segment_id AND text = '';
END;

UPDATE segment SET text = ''
WHERE text = (SELECT v.text FROM variant v WHERE v.segment_id = segment.id ORDER BY v.id LIMIT 1);

-- Imported variants come from no sentence, yet each had an entry of NULL in the segment_id index (20 MB
-- of a 600 MB memory of 1M imported en–az units): index only the variants that link to a sentence.
-- Every reader joins on `segment_id = …`, which a partial index serves (foreign-key checks too).
DROP INDEX variant_segment;
CREATE INDEX variant_segment ON variant(segment_id) WHERE segment_id IS NOT NULL;
