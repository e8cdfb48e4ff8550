-- Word-translation statistics learned from aligned and imported units, so that each article aligned
-- makes the next alignment better (issue #4). Keys are the aligner's word keys (stems, Chinese
-- bigrams); a pair's Dice coefficient comes from the three counts.
CREATE TABLE lexicon_pair_count (
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    units    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (src_lang, tgt_lang)
) WITHOUT ROWID;

CREATE TABLE lexicon_word (
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    side     TEXT NOT NULL CHECK (side IN ('src', 'tgt')),
    word     TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang, side, word)
) WITHOUT ROWID;

CREATE TABLE lexicon_cooccurrence (
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    src_word TEXT NOT NULL,
    tgt_word TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang, src_word, tgt_word)
) WITHOUT ROWID;
