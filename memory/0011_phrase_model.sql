-- The word-alignment model of each language pair replaces the co-occurrence lexicon (issue #12): the
-- lexicon stored every co-occurring word pair (27.9 MB of a 31 MB memory built from 62 articles) and
-- grew with word pairs, not with text. The model keeps, per word, its few most probable translations
-- (a pruned table of tmkit::phrase::Model, serialised by Model::to_bytes), so it grows at most
-- linearly with the memory's text. The counts are dropped, not converted: they hold no alignment, and
-- the next store or import trains the model from the units themselves.
DROP TABLE lexicon_cooccurrence;
DROP TABLE lexicon_word;
DROP TABLE lexicon_pair_count;

-- One model per language pair, languages in tag order (src_lang < tgt_lang); the other direction is
-- the same model read the other way round.
CREATE TABLE phrase_model (
    src_lang   TEXT NOT NULL,
    tgt_lang   TEXT NOT NULL,
    units      INTEGER NOT NULL,  -- the units with both languages it was trained on
    trained_at INTEGER NOT NULL,  -- unix seconds
    model      BLOB NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang),
    CHECK (src_lang < tgt_lang)
) STRICT;

-- The written forms of each stem (case-folded, apostrophes, dashes and ё as written), recorded when a
-- model is trained, so that concordance finds a phrase's inflected and variant spellings through the
-- match index (стратегическое партнерство → стратегического партнерства, Korea's → Korea’s). One row
-- per distinct form: it grows with the vocabulary.
CREATE TABLE phrase_form (
    lang TEXT NOT NULL,
    stem TEXT NOT NULL,
    form TEXT NOT NULL,
    PRIMARY KEY (lang, stem, form)
) WITHOUT ROWID;
