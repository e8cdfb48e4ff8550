-- 0001_init: the first schema of the translation memory. It serves the whole mission: articles and their
-- language versions (documents), the sentences segmented from them, multilingual translation units that
-- remember where they came from, TMX props and notes, and the imports that brought units in. Matching
-- indexes and the learned lexicon come in later migrations.

-- One story, grouping its language versions.
CREATE TABLE article (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,            -- e.g. '2024-07-03-aliyev-xi-astana'
    title       TEXT,                            -- the English headline when known
    published   TEXT,                            -- 'YYYY-MM-DD' when known (from the slug or the user)
    created_at  INTEGER NOT NULL                 -- unix seconds
) STRICT;

-- One language version of an article.
CREATE TABLE document (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,
    lang          TEXT NOT NULL,                 -- canonical BCP 47 tag (src/lang.rs)
    title         TEXT,                          -- first sentence (the headline)
    source_path   TEXT,
    content_hash  TEXT NOT NULL,                 -- SHA-256 of the file's bytes, hex
    imported_at   INTEGER NOT NULL,
    UNIQUE (article_id, lang)
) STRICT;

-- A sentence of a document, as the segmenter found it.
CREATE TABLE segment (
    id           INTEGER PRIMARY KEY,
    document_id  INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
    paragraph    INTEGER NOT NULL,               -- 0-based paragraph index
    position     INTEGER NOT NULL,               -- 0-based sentence index in the document
    byte_start   INTEGER NOT NULL,
    byte_end     INTEGER NOT NULL,
    text         TEXT NOT NULL,
    UNIQUE (document_id, position)
) STRICT;

-- A file of units brought in by `tmkit import` (TMX or TSV), with its header.
CREATE TABLE import (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    format         TEXT NOT NULL,                -- 'tmx' or 'tsv'
    version        TEXT,                         -- TMX version attribute
    srclang        TEXT,                         -- canonical tag, or '*all*'
    creationtool   TEXT,
    creationtoolversion TEXT,
    segtype        TEXT,
    o_tmf          TEXT,
    adminlang      TEXT,
    datatype       TEXT,
    o_encoding     TEXT,
    creationdate   TEXT,
    creationid     TEXT,
    changedate     TEXT,
    changeid       TEXT,
    imported_at    INTEGER NOT NULL
) STRICT;

-- A translation unit: variants of one piece of text in any number of languages.
CREATE TABLE unit (
    id           INTEGER PRIMARY KEY,
    origin       TEXT NOT NULL CHECK (origin IN ('aligned', 'imported', 'manual')),
    status       TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'needs-review')),
    confidence   REAL,                           -- alignment confidence in 0..1; NULL unless aligned
    article_id   INTEGER REFERENCES article(id) ON DELETE CASCADE,
    import_id    INTEGER REFERENCES import(id) ON DELETE SET NULL,
    tuid         TEXT,                           -- the TMX tuid it was imported with
    srclang      TEXT,                           -- the unit's source language when known
    created_at   INTEGER NOT NULL,               -- unix seconds
    changed_at   INTEGER NOT NULL,
    created_by   TEXT,                           -- user (TMX creationid)
    changed_by   TEXT,                           -- TMX changeid
    creation_tool TEXT NOT NULL,                 -- e.g. 'tmkit 0.1.0', or the importing file's tool
    usage_count  INTEGER NOT NULL DEFAULT 0,
    last_used_at INTEGER,
    fingerprint  BLOB NOT NULL UNIQUE            -- SHA-256 over the sorted (lang, text) variants: dedup
) STRICT;
CREATE INDEX unit_article ON unit(article_id);
CREATE INDEX unit_import ON unit(import_id);
CREATE INDEX unit_changed ON unit(changed_at);

-- One language's text of a unit (TMX <tuv>).
CREATE TABLE variant (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,
    lang        TEXT NOT NULL,
    text        TEXT NOT NULL,                   -- plain text, inline codes removed
    markup      TEXT,                            -- the <seg> content as TMX XML when it has inline codes
    norm        TEXT NOT NULL,                   -- case-folded, whitespace-collapsed text for matching
    segment_id  INTEGER REFERENCES segment(id) ON DELETE SET NULL,
    created_at  INTEGER,
    changed_at  INTEGER,
    created_by  TEXT,
    changed_by  TEXT,
    UNIQUE (unit_id, lang)
) STRICT;
CREATE INDEX variant_lang_norm ON variant(lang, norm);
CREATE INDEX variant_segment ON variant(segment_id);

-- TMX <prop> and <note> of a unit, a variant or an import's header, in document order.
CREATE TABLE prop (
    id          INTEGER PRIMARY KEY,
    unit_id     INTEGER REFERENCES unit(id) ON DELETE CASCADE,
    variant_id  INTEGER REFERENCES variant(id) ON DELETE CASCADE,
    import_id   INTEGER REFERENCES import(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('prop', 'note')),
    type        TEXT,                            -- <prop type="…">; NULL for notes
    lang        TEXT,                            -- xml:lang of the prop or note, if any
    o_encoding  TEXT,
    value       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    CHECK ((unit_id IS NOT NULL) + (import_id IS NOT NULL) = 1)
) STRICT;
CREATE INDEX prop_unit ON prop(unit_id);
CREATE INDEX prop_variant ON prop(variant_id);
CREATE INDEX prop_import ON prop(import_id);
