//! Storage for the review workflow (`memory/0008_review.sql`): the reasons a unit needs review, the
//! reads a reviewer needs (the review queue, one unit with its sentence positions, its neighbours in
//! its article, articles and imports, the review log) and a write transaction ([`ReviewTx`]) whose
//! primitive changes (set or remove a variant, insert, approve, delete, log) the `curate` module
//! composes into approve, edit, split and merge.
//!
//! Every change through a [`ReviewTx`] ends by stamping ([`ReviewTx::stamp`]) the unit's `changed_at`/`changed_by` (TMX `changedate`/
//! `changeid`, which export writes) and the changed variant's, recomputes the unit's fingerprint (a
//! change that would make it equal to another stored unit is refused: [`Error::SameAsUnit`]) and is
//! logged in `review_log`. [`ReviewTx::commit`] brings the match index up to date first, so the
//! transaction leaves the index queue empty like every writer.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::{Error, Memory, index, sql};
use crate::lang::Lang;
use crate::unit::{Check, NewUnit, NewVariant, Origin, Prop, ReviewReason, Status};

/// Stores the reasons of unit `unit_id` (a reason already stored for the same check is replaced).
///
/// # Errors
/// [`Error::Sql`].
pub fn insert_reasons(
    conn: &Connection,
    unit_id: i64,
    reasons: &[ReviewReason],
) -> Result<(), Error> {
    for reason in reasons {
        let langs: Vec<&str> = reason.langs.iter().map(Lang::as_str).collect();
        conn.prepare_cached(
            "INSERT OR REPLACE INTO review_reason (unit_id, kind, langs) VALUES (?1, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![unit_id, reason.check.as_str(), langs.join(",")]))
        .map_err(sql("storing a review reason"))?;
    }
    Ok(())
}

/// The stored reasons unit `unit_id` needs review, in the order of [`Check::ALL`].
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`] for a check or language tmkit does not know.
pub(crate) fn reasons_of(conn: &Connection, unit_id: i64) -> Result<Vec<ReviewReason>, Error> {
    let corrupt = |what: &'static str, value: &str| Error::Corrupt {
        what,
        value: value.to_string(),
    };
    let reasons: Vec<(String, String)> = conn
        .prepare_cached("SELECT kind, langs FROM review_reason WHERE unit_id = ?1")
        .and_then(|mut s| {
            s.query_map([unit_id], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect()
        })
        .map_err(sql("reading review reasons"))?;
    let mut parsed = Vec::new();
    for (kind, langs) in reasons {
        let check = Check::parse(&kind).map_err(|_| corrupt("review_reason.kind", &kind))?;
        let langs = langs
            .split(',')
            .filter(|l| !l.is_empty())
            .map(|l| Lang::parse(l).map_err(|_| corrupt("review_reason.langs", l)))
            .collect::<Result<Vec<_>, _>>()?;
        parsed.push(ReviewReason { check, langs });
    }
    parsed.sort_by_key(|r| r.check);
    Ok(parsed)
}

/// Who makes a change and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    /// The user (TMX `changeid`).
    pub user: String,
    /// Unix seconds (TMX `changedate`).
    pub at: i64,
}

/// One language's text of a stored unit.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct VariantRecord {
    /// Its language.
    pub lang: Lang,
    /// Its plain text.
    pub text: String,
    /// The 0-based positions of the sentences of the article's document it was aligned from (empty
    /// for an imported or manual variant).
    pub sentences: Vec<usize>,
}

/// A stored unit as a reviewer sees it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UnitRecord {
    /// Its id.
    pub id: i64,
    /// Aligned, imported or manual.
    pub origin: Origin,
    /// Ok or needs-review.
    pub status: Status,
    /// Alignment confidence in `0.0..=1.0`, for aligned units.
    pub confidence: Option<f32>,
    /// The article's id.
    #[serde(skip)]
    pub article_id: Option<i64>,
    /// The article's slug.
    pub article: Option<String>,
    /// The import that brought it.
    pub import: Option<i64>,
    /// The unit's source language.
    pub srclang: Option<Lang>,
    /// Who approved it.
    pub approved_by: Option<String>,
    /// When it was approved (unix seconds).
    pub approved_at: Option<i64>,
    /// Who changed it last (TMX `changeid`).
    pub changed_by: Option<String>,
    /// When it was changed last (unix seconds, TMX `changedate`).
    pub changed_at: i64,
    /// Why it needs (or needed, before approval) review.
    pub reasons: Vec<ReviewReason>,
    /// Its variants, by language tag.
    pub variants: Vec<VariantRecord>,
}

impl UnitRecord {
    /// Its variant in `lang`.
    pub fn variant(&self, lang: &Lang) -> Option<&VariantRecord> {
        self.variants.iter().find(|v| &v.lang == lang)
    }
}

/// Which units the review queue lists.
#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    /// Only units with a reason of this check.
    pub check: Option<Check>,
    /// Only units of this article (slug).
    pub article: Option<String>,
}

/// An article as `tmkit article list` shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ArticleRecord {
    /// Its id.
    pub id: i64,
    /// Its slug.
    pub slug: String,
    /// Its publication date, when known.
    pub published: Option<String>,
    /// The languages of its documents, by tag.
    pub langs: Vec<String>,
    /// Units aligned from it.
    pub units: u64,
    /// Of those, the units that need review.
    pub needs_review: u64,
}

/// An import as `tmkit import --list` shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportRecord {
    /// Its id.
    pub id: i64,
    /// The file imported.
    pub path: String,
    /// `tmx` or `tsv`.
    pub format: String,
    /// When (unix seconds).
    pub imported_at: i64,
    /// Units it brought that are still stored.
    pub units: u64,
}

/// One entry of the review log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LogEntry {
    /// The unit.
    pub unit: i64,
    /// approve, edit, split, merge or delete.
    pub action: String,
    /// Who.
    pub user: String,
    /// When (unix seconds).
    pub at: i64,
    /// What changed, in words.
    pub detail: String,
}

/// The query that orders units in their article: by the position of their first source sentence.
const ORDER_IN_ARTICLE: &str =
    "(SELECT s.position FROM variant v JOIN segment s ON s.id = v.segment_id
                                WHERE v.unit_id = u.id AND v.lang = u.srclang)";

fn unit_ids(conn: &Connection, query: &str, p: impl rusqlite::Params) -> Result<Vec<i64>, Error> {
    conn.prepare_cached(query)
        .and_then(|mut s| s.query_map(p, |r| r.get(0))?.collect())
        .map_err(sql("listing units"))
}

/// The unit `id` as stored, or None.
fn read_unit(conn: &Connection, id: i64) -> Result<Option<UnitRecord>, Error> {
    type Row = (
        String,
        String,
        Option<f64>,
        Option<i64>,
        Option<String>,
        Option<i64>,
        Option<String>,
        Option<String>,
        Option<i64>,
        Option<String>,
        i64,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT u.origin, u.status, u.confidence, u.article_id, a.slug, u.import_id, u.srclang,
                    u.approved_by, u.approved_at, u.changed_by, u.changed_at
             FROM unit u LEFT JOIN article a ON a.id = u.article_id WHERE u.id = ?1",
        )
        .and_then(|mut s| {
            s.query_row([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ))
            })
            .optional()
        })
        .map_err(sql("reading a unit"))?;
    let Some((origin, status, confidence, article_id, article, import, srclang, ab, aa, cb, ca)) =
        row
    else {
        return Ok(None);
    };
    let corrupt = |what: &'static str, value: &str| Error::Corrupt {
        what,
        value: value.to_string(),
    };
    let parsed = reasons_of(conn, id)?;
    let variants: Vec<(String, String, Option<i64>, Option<String>)> = conn
        .prepare_cached(
            "SELECT v.lang, v.text, s.position,
                    (SELECT p.value FROM prop p WHERE p.variant_id = v.id AND p.type = 'x-segments')
             FROM variant v LEFT JOIN segment s ON s.id = v.segment_id
             WHERE v.unit_id = ?1 ORDER BY v.lang",
        )
        .and_then(|mut s| {
            s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .map_err(sql("reading a unit's variants"))?;
    let mut records = Vec::new();
    for (lang, text, first, list) in variants {
        let lang = Lang::parse(&lang).map_err(|_| corrupt("variant.lang", &lang))?;
        let sentences = match (first, list) {
            (_, Some(list)) => list
                .split(',')
                .map(|p| p.parse().map_err(|_| corrupt("x-segments prop", &list)))
                .collect::<Result<Vec<usize>, _>>()?,
            (Some(p), None) => vec![p as usize],
            (None, None) => Vec::new(),
        };
        records.push(VariantRecord {
            lang,
            text,
            sentences,
        });
    }
    Ok(Some(UnitRecord {
        id,
        origin: Origin::parse(&origin).map_err(|_| corrupt("unit.origin", &origin))?,
        status: Status::parse(&status).map_err(|_| corrupt("unit.status", &status))?,
        confidence: confidence.map(|c| c as f32),
        article_id,
        article,
        import,
        srclang: srclang
            .map(|l| Lang::parse(&l).map_err(|_| corrupt("unit.srclang", &l)))
            .transpose()?,
        approved_by: ab,
        approved_at: aa,
        changed_by: cb,
        changed_at: ca,
        reasons: parsed,
        variants: records,
    }))
}

/// The sentences of the document in `lang` of article `article_id`, by position.
fn document_sentences(
    conn: &Connection,
    article_id: i64,
    lang: &Lang,
) -> Result<Vec<String>, Error> {
    conn.prepare_cached(&format!(
        "SELECT {} FROM segment s JOIN document d ON d.id = s.document_id
         WHERE d.article_id = ?1 AND d.lang = ?2 ORDER BY s.position",
        super::article::SEGMENT_TEXT
    ))
    .and_then(|mut s| {
        s.query_map(params![article_id, lang.as_str()], |r| r.get(0))?
            .collect()
    })
    .map_err(sql("reading an article's sentences"))
}

/// The units of article `article_id` in article order.
fn article_units(conn: &Connection, article_id: i64) -> Result<Vec<i64>, Error> {
    unit_ids(
        conn,
        &format!(
            "SELECT u.id FROM unit u WHERE u.article_id = ?1 ORDER BY {ORDER_IN_ARTICLE}, u.id"
        ),
        [article_id],
    )
}

impl Memory {
    /// The unit `id` as a reviewer sees it, or None when there is no such unit.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn unit_record(&self, id: i64) -> Result<Option<UnitRecord>, Error> {
        read_unit(self.conn(), id)
    }

    /// The units that need review, by article (slug) and position in it, then by id (imported units
    /// last).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn review_queue(&self, filter: &QueueFilter) -> Result<Vec<UnitRecord>, Error> {
        let ids = unit_ids(
            self.conn(),
            &format!(
                "SELECT u.id FROM unit u LEFT JOIN article a ON a.id = u.article_id
                 WHERE u.status = 'needs-review'
                   AND (?1 IS NULL OR EXISTS (SELECT 1 FROM review_reason r
                                              WHERE r.unit_id = u.id AND r.kind = ?1))
                   AND (?2 IS NULL OR a.slug = ?2)
                 ORDER BY a.slug IS NULL, a.slug, {ORDER_IN_ARTICLE}, u.id"
            ),
            params![filter.check.map(Check::as_str), filter.article],
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(read_unit(self.conn(), id)?);
        }
        Ok(out)
    }

    /// The units of the article `slug` in article order (its language versions side by side), or None
    /// when there is no such article.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn article_unit_records(&self, slug: &str) -> Result<Option<Vec<UnitRecord>>, Error> {
        let id: Option<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM article WHERE slug = ?1")
            .and_then(|mut s| s.query_row([slug], |r| r.get(0)).optional())
            .map_err(sql("finding an article"))?;
        let Some(id) = id else {
            return Ok(None);
        };
        let mut out = Vec::new();
        for unit in article_units(self.conn(), id)? {
            out.extend(read_unit(self.conn(), unit)?);
        }
        Ok(Some(out))
    }

    /// The units before and after unit `id` in its article: the ones whose source sentences end right
    /// before it and start right after it (None at either end, or for a unit of no article).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn neighbours(&self, id: i64) -> Result<(Option<i64>, Option<i64>), Error> {
        neighbours(self.conn(), id)
    }

    /// The sentences of the document in `lang` of article `article_id`, by position.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn document_sentences(&self, article_id: i64, lang: &Lang) -> Result<Vec<String>, Error> {
        document_sentences(self.conn(), article_id, lang)
    }

    /// Every article, by slug.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn articles(&self) -> Result<Vec<ArticleRecord>, Error> {
        self.conn()
            .prepare(
                "SELECT a.id, a.slug, a.published,
                        coalesce((SELECT group_concat(lang, ',') FROM
                                   (SELECT lang FROM document d WHERE d.article_id = a.id ORDER BY lang)), ''),
                        (SELECT count(*) FROM unit u WHERE u.article_id = a.id),
                        (SELECT count(*) FROM unit u WHERE u.article_id = a.id AND u.status = 'needs-review')
                 FROM article a ORDER BY a.slug",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    let langs: String = r.get(3)?;
                    Ok(ArticleRecord {
                        id: r.get(0)?,
                        slug: r.get(1)?,
                        published: r.get(2)?,
                        langs: langs
                            .split(',')
                            .filter(|l| !l.is_empty())
                            .map(str::to_string)
                            .collect(),
                        units: r.get(4)?,
                        needs_review: r.get(5)?,
                    })
                })?
                .collect()
            })
            .map_err(sql("listing articles"))
    }

    /// Every import, by id.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn imports(&self) -> Result<Vec<ImportRecord>, Error> {
        self.conn()
            .prepare(
                "SELECT i.id, i.path, i.format, i.imported_at,
                        (SELECT count(*) FROM unit u WHERE u.import_id = i.id)
                 FROM import i ORDER BY i.id",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(ImportRecord {
                        id: r.get(0)?,
                        path: r.get(1)?,
                        format: r.get(2)?,
                        imported_at: r.get(3)?,
                        units: r.get(4)?,
                    })
                })?
                .collect()
            })
            .map_err(sql("listing imports"))
    }

    /// The review log of unit `id` (oldest first).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn review_log(&self, id: i64) -> Result<Vec<LogEntry>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT unit_id, action, user, at, detail FROM review_log WHERE unit_id = ?1 ORDER BY id",
            )
            .and_then(|mut s| {
                s.query_map([id], |r| {
                    Ok(LogEntry {
                        unit: r.get(0)?,
                        action: r.get(1)?,
                        user: r.get(2)?,
                        at: r.get(3)?,
                        detail: r.get(4)?,
                    })
                })?
                .collect()
            })
            .map_err(sql("reading the review log"))
    }

    /// Starts a review transaction by `actor`: nothing is stored until [`ReviewTx::commit`].
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn review(&mut self, actor: Actor) -> Result<ReviewTx<'_>, Error> {
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(sql("starting a transaction"))?;
        Ok(ReviewTx { tx, actor })
    }
}

/// The units before and after unit `id` in its article: the one whose source sentences end right
/// before the unit's first and the one whose source sentences start right after its last (a unit of
/// every language before a pair's finer unit over the same sentences, then the lower id).
fn neighbours(conn: &Connection, id: i64) -> Result<(Option<i64>, Option<i64>), Error> {
    let Some(unit) = read_unit(conn, id)? else {
        return Ok((None, None));
    };
    let (Some(article), Some((first, last))) = (unit.article_id, source_span(&unit)) else {
        return Ok((None, None));
    };
    let mut others = Vec::new();
    for other in article_units(conn, article)? {
        if other == id {
            continue;
        }
        if let Some(u) = read_unit(conn, other)?
            && let Some(span) = source_span(&u)
        {
            others.push((span, std::cmp::Reverse(u.variants.len()), other));
        }
    }
    others.sort();
    let before = others
        .iter()
        .filter(|((_, end), _, _)| end + 1 == first)
        .min_by_key(|(_, n, other)| (*n, *other))
        .map(|(_, _, other)| *other);
    let after = others
        .iter()
        .find(|((start, _), _, _)| *start == last + 1)
        .map(|(_, _, other)| *other);
    Ok((before, after))
}

/// The first and last source sentence of `unit` (its source language's variant).
fn source_span(unit: &UnitRecord) -> Option<(usize, usize)> {
    let lang = unit.srclang.as_ref()?;
    let sentences = &unit.variant(lang)?.sentences;
    Some((*sentences.iter().min()?, *sentences.iter().max()?))
}

/// A review transaction (see the module documentation).
pub struct ReviewTx<'a> {
    tx: Transaction<'a>,
    actor: Actor,
}

impl ReviewTx<'_> {
    /// Who makes the changes, and when.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The unit `id` as stored now (inside the transaction).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn unit(&self, id: i64) -> Result<Option<UnitRecord>, Error> {
        read_unit(&self.tx, id)
    }

    /// The units before and after unit `id` in its article.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn neighbours(&self, id: i64) -> Result<(Option<i64>, Option<i64>), Error> {
        neighbours(&self.tx, id)
    }

    /// The sentences of the document in `lang` of article `article_id`, by position.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn document_sentences(&self, article_id: i64, lang: &Lang) -> Result<Vec<String>, Error> {
        document_sentences(&self.tx, article_id, lang)
    }

    /// The segment id of sentence `position` of the document in `lang` of article `article_id`.
    fn segment_id(&self, article_id: i64, lang: &Lang, position: usize) -> Result<i64, Error> {
        self.tx
            .prepare_cached(
                "SELECT s.id FROM segment s JOIN document d ON d.id = s.document_id
                 WHERE d.article_id = ?1 AND d.lang = ?2 AND s.position = ?3",
            )
            .and_then(|mut s| {
                s.query_row(params![article_id, lang.as_str(), position as i64], |r| {
                    r.get(0)
                })
                .optional()
            })
            .map_err(sql("finding a sentence"))?
            .ok_or_else(|| Error::NoSentence {
                lang: lang.clone(),
                position,
            })
    }

    /// Sets unit `id`'s variant in `lang` to `text` (plain text: stored inline codes are dropped),
    /// made of sentences `sentences` of its article's document in `lang` when given (the provenance).
    /// Adds the variant when the unit has none in `lang`. Call [`ReviewTx::stamp`] after the last
    /// change of the unit.
    ///
    /// # Errors
    /// [`Error::NoSentence`] for a position the document lacks; [`Error::Sql`].
    pub fn set_variant(
        &self,
        id: i64,
        lang: &Lang,
        text: &str,
        sentences: Option<&[usize]>,
    ) -> Result<(), Error> {
        let article: Option<i64> = self
            .tx
            .query_row("SELECT article_id FROM unit WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .map_err(sql("reading a unit"))?;
        let segment = match (article, sentences.and_then(|s| s.first())) {
            (Some(article), Some(&first)) => Some(self.segment_id(article, lang, first)?),
            _ => None,
        };
        let existing: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM variant WHERE unit_id = ?1 AND lang = ?2")
            .and_then(|mut s| {
                s.query_row(params![id, lang.as_str()], |r| r.get(0))
                    .optional()
            })
            .map_err(sql("reading a variant"))?;
        let (at, user) = (self.actor.at, &self.actor.user);
        let variant_id = match existing {
            Some(variant_id) => {
                self.tx
                    .prepare_cached(
                        "UPDATE variant SET text = ?2, markup = NULL, changed_at = ?3, changed_by = ?4,
                                segment_id = CASE WHEN ?6 THEN ?5 ELSE segment_id END
                         WHERE id = ?1",
                    )
                    .and_then(|mut s| {
                        s.execute(params![
                            variant_id,
                            text,
                            at,
                            user,
                            segment,
                            sentences.is_some()
                        ])
                    })
                    .map_err(sql("changing a variant"))?;
                variant_id
            }
            None => {
                self.tx
                    .prepare_cached(
                        "INSERT INTO variant (unit_id, lang, text, segment_id, created_at, changed_at,
                                              created_by, changed_by)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?6)",
                    )
                    .and_then(|mut s| s.execute(params![id, lang.as_str(), text, segment, at, user]))
                    .map_err(sql("adding a variant"))?;
                let variant_id = self.tx.last_insert_rowid();
                index::queue(&self.tx, variant_id)?;
                variant_id
            }
        };
        if let Some(sentences) = sentences {
            self.tx
                .execute(
                    "DELETE FROM prop WHERE variant_id = ?1 AND type = 'x-segments'",
                    [variant_id],
                )
                .map_err(sql("changing a variant's sentences"))?;
            if sentences.len() > 1 {
                let list: Vec<String> = sentences.iter().map(usize::to_string).collect();
                self.tx
                    .execute(
                        "INSERT INTO prop (unit_id, variant_id, kind, type, value, position)
                         VALUES (?1, ?2, 'prop', 'x-segments', ?3, 0)",
                        params![id, variant_id, list.join(",")],
                    )
                    .map_err(sql("changing a variant's sentences"))?;
            }
        }
        Ok(())
    }

    /// Removes unit `id`'s variant in `lang` (a unit keeps at least one: the caller checks).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn remove_variant(&self, id: i64, lang: &Lang) -> Result<(), Error> {
        self.tx
            .execute(
                "DELETE FROM variant WHERE unit_id = ?1 AND lang = ?2",
                params![id, lang.as_str()],
            )
            .map_err(sql("removing a variant"))?;
        Ok(())
    }

    /// Inserts a new unit (made by a split) with the actor as its creator, and its reasons.
    ///
    /// # Errors
    /// [`Error::SameAsUnit`] when a stored unit has the same variants; [`Error::Sql`].
    pub fn insert(&self, unit: &NewUnit, reasons: &[ReviewReason]) -> Result<i64, Error> {
        let mut unit = unit.clone();
        unit.created_at = Some(self.actor.at);
        unit.created_by = Some(self.actor.user.clone());
        unit.changed_by = Some(self.actor.user.clone());
        match super::unit::insert_unit(&self.tx, &unit, self.actor.at)? {
            super::Inserted::New(id) => {
                insert_reasons(&self.tx, id, reasons)?;
                Ok(id)
            }
            super::Inserted::Merged(other) => Err(Error::SameAsUnit { other }),
        }
    }

    /// The segment id of sentence `position` in `lang` of `article_id`, for a new unit's variant.
    ///
    /// # Errors
    /// [`Error::NoSentence`]; [`Error::Sql`].
    pub fn variant_of_sentences(
        &self,
        article_id: i64,
        lang: &Lang,
        text: &str,
        sentences: &[usize],
    ) -> Result<NewVariant, Error> {
        let mut variant = NewVariant::new(lang.clone(), text);
        if let Some(&first) = sentences.first() {
            variant.segment_id = Some(self.segment_id(article_id, lang, first)?);
        }
        if sentences.len() > 1 {
            let list: Vec<String> = sentences.iter().map(usize::to_string).collect();
            variant
                .props
                .push(Prop::typed("x-segments", list.join(",")));
        }
        variant.created_at = Some(self.actor.at);
        variant.changed_at = Some(self.actor.at);
        variant.created_by = Some(self.actor.user.clone());
        variant.changed_by = Some(self.actor.user.clone());
        Ok(variant)
    }

    /// Marks unit `id` approved by the actor: status ok.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn approve(&self, id: i64) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "UPDATE unit SET status = 'ok', approved_at = ?2, approved_by = ?3 WHERE id = ?1",
            )
            .and_then(|mut s| s.execute(params![id, self.actor.at, self.actor.user]))
            .map_err(sql("approving a unit"))?;
        self.stamp(id)
    }

    /// Sets the status of unit `id` (a split or merge keeps needs-review until approved).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn set_status(&self, id: i64, status: Status) -> Result<(), Error> {
        self.tx
            .execute(
                "UPDATE unit SET status = ?2 WHERE id = ?1",
                params![id, status.as_str()],
            )
            .map_err(sql("changing a unit's status"))?;
        Ok(())
    }

    /// Adds `reasons` to unit `id`'s.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn add_reasons(&self, id: i64, reasons: &[ReviewReason]) -> Result<(), Error> {
        insert_reasons(&self.tx, id, reasons)
    }

    /// Deletes unit `id` (its variants, props and reasons go with it).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn delete(&self, id: i64) -> Result<(), Error> {
        super::unit::delete_units(&self.tx, &[id])
    }

    /// Deletes article `slug` with its documents, sentences and units; returns the units deleted, or
    /// None when there is no such article.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn delete_article(&self, slug: &str) -> Result<Option<u64>, Error> {
        let id: Option<i64> = self
            .tx
            .query_row("SELECT id FROM article WHERE slug = ?1", [slug], |r| {
                r.get(0)
            })
            .optional()
            .map_err(sql("finding an article"))?;
        let Some(id) = id else { return Ok(None) };
        let units = self
            .tx
            .execute("DELETE FROM unit WHERE article_id = ?1", [id])
            .map_err(sql("deleting an article's units"))?;
        self.tx
            .execute("DELETE FROM article WHERE id = ?1", [id])
            .map_err(sql("deleting an article"))?;
        Ok(Some(units as u64))
    }

    /// Deletes import `id` and what it brought; returns the units deleted, or None when there is no
    /// such import. The variants the import brought go; a unit it brought whose source sentence other
    /// imports joined keeps that sentence and their variants (it is deleted when nothing but its
    /// source sentence is left), so deleting one import never removes another's translations.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn delete_import(&self, id: i64) -> Result<Option<u64>, Error> {
        let exists: bool = self
            .tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM import WHERE id = ?1)",
                [id],
                |r| r.get(0),
            )
            .map_err(sql("finding an import"))?;
        if !exists {
            return Ok(None);
        }
        let touched: Vec<i64> = self
            .tx
            .prepare(
                "SELECT DISTINCT unit_id FROM variant WHERE import_id = ?1
                 UNION SELECT id FROM unit WHERE import_id = ?1",
            )
            .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
            .map_err(sql("finding an import's variants"))?;
        self.tx
            .execute(
                "DELETE FROM variant WHERE (import_id = ?1 OR (import_id IS NULL AND unit_id IN
                     (SELECT id FROM unit WHERE import_id = ?1)))
                   AND lang IS NOT (SELECT srclang FROM unit WHERE unit.id = variant.unit_id)",
                [id],
            )
            .map_err(sql("deleting an import's variants"))?;
        let mut deleted = 0u64;
        for unit in touched {
            let (variants, others): (i64, i64) = self
                .tx
                .query_row(
                    "SELECT count(*), count(*) FILTER (WHERE import_id IS NOT ?2)
                     FROM variant WHERE unit_id = ?1",
                    params![unit, id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(sql("counting a unit's variants"))?;
            if variants < 2 || others == 0 {
                super::unit::delete_units(&self.tx, &[unit])?;
                deleted += 1;
                continue;
            }
            self.tx
                .execute(
                    "UPDATE unit SET import_id = (SELECT v.import_id FROM variant v
                         WHERE v.unit_id = unit.id AND v.import_id IS NOT NULL ORDER BY v.id LIMIT 1)
                     WHERE id = ?1 AND import_id = ?2",
                    params![unit, id],
                )
                .map_err(sql("deleting an import"))?;
            if super::pivot::settle(&self.tx, unit)?.is_some() {
                deleted += 1;
            }
        }
        self.tx
            .execute("DELETE FROM import WHERE id = ?1", [id])
            .map_err(sql("deleting an import"))?;
        Ok(Some(deleted))
    }

    /// Logs `action` on unit `id`.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn log(&self, id: i64, action: &str, detail: &str) -> Result<(), Error> {
        self.tx
            .prepare_cached(
                "INSERT INTO review_log (unit_id, action, user, at, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| {
                s.execute(params![id, action, self.actor.user, self.actor.at, detail])
            })
            .map_err(sql("logging a review action"))?;
        Ok(())
    }

    /// Stamps unit `id` as changed by the actor and recomputes its fingerprint: call it once the
    /// unit's variants are final ([`ReviewTx::set_variant`] and [`ReviewTx::remove_variant`] don't).
    ///
    /// # Errors
    /// [`Error::SameAsUnit`] when another stored unit has the same variants; [`Error::Sql`].
    pub fn stamp(&self, id: i64) -> Result<(), Error> {
        let variants: Vec<(String, String, Option<String>)> = self
            .tx
            .prepare_cached("SELECT lang, text, markup FROM variant WHERE unit_id = ?1")
            .and_then(|mut s| {
                s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(sql("reading a unit's variants"))?;
        let mut unit = NewUnit::new(Origin::Manual, Vec::new());
        for (lang, text, markup) in variants {
            let lang = Lang::parse(&lang).map_err(|_| Error::Corrupt {
                what: "variant.lang",
                value: lang.clone(),
            })?;
            let mut v = NewVariant::new(lang, text);
            v.markup = markup;
            unit.variants.push(v);
        }
        let fingerprint = unit.fingerprint();
        let other: Option<i64> = self
            .tx
            .prepare_cached("SELECT id FROM unit WHERE fingerprint = ?1 AND id <> ?2")
            .and_then(|mut s| {
                s.query_row(params![&fingerprint[..], id], |r| r.get(0))
                    .optional()
            })
            .map_err(sql("checking a unit's fingerprint"))?;
        if let Some(other) = other {
            return Err(Error::SameAsUnit { other });
        }
        self.tx
            .prepare_cached(
                "UPDATE unit SET fingerprint = ?2, changed_at = ?3, changed_by = ?4 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    &fingerprint[..],
                    self.actor.at,
                    self.actor.user
                ])
            })
            .map_err(sql("stamping a unit"))?;
        // An edit of the source sentence moves the unit to another pivot.
        super::pivot::refresh(&self.tx, id)
    }

    /// Brings the match index up to date and commits every change.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is stored then.
    pub fn commit(self) -> Result<(), Error> {
        index::flush(&self.tx)?;
        self.tx.commit().map_err(sql("committing the review"))
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;
    use crate::tm::schema::{MIGRATIONS, migrate};

    #[test]
    fn a_memory_of_version_7_keeps_its_flags_as_review_reasons() {
        let mut conn = Connection::open_in_memory().expect("in-memory database");
        let tx = conn.transaction().expect("tx");
        for (_, sql_text) in &MIGRATIONS[..7] {
            tx.execute_batch(sql_text).expect("old migration");
        }
        tx.execute_batch(
            "INSERT INTO unit (id, origin, status, created_at, changed_at, creation_tool, fingerprint)
                 VALUES (1, 'aligned', 'needs-review', 1, 1, 't', x'01'),
                        (2, 'aligned', 'needs-review', 1, 1, 't', x'02'),
                        (3, 'aligned', 'ok', 1, 1, 't', x'03');
             INSERT INTO prop (unit_id, kind, type, value, position)
                 VALUES (1, 'prop', 'x-flag', 'number-mismatch', 0), (1, 'prop', 'x-flag', 'unaligned', 1),
                        (3, 'prop', 'x-flag', 'name-mismatch', 0);
             PRAGMA application_id = 1414351700; PRAGMA user_version = 7;",
        )
        .expect("old data");
        tx.commit().expect("commit");
        migrate(&mut conn, ":memory:").expect("upgrade");
        let reasons: Vec<(i64, String)> = conn
            .prepare("SELECT unit_id, kind FROM review_reason ORDER BY unit_id, kind")
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("reasons");
        assert_eq!(
            reasons,
            vec![
                (1, "number-mismatch".to_string()),
                (2, "low-confidence".to_string())
            ]
        );
    }

    fn pair(en: &str, ru: &str) -> NewUnit {
        NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(Lang::parse("en").expect("tag"), en),
                NewVariant::new(Lang::parse("ru").expect("tag"), ru),
            ],
        )
    }

    #[test]
    fn an_edit_that_makes_two_units_equal_is_refused_and_rolled_back() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let ids = memory
            .insert_units(
                &[pair("Hello.", "Привет."), pair("Hello.", "Здравствуйте.")],
                5,
            )
            .expect("insert");
        let actor = Actor {
            user: "ana".into(),
            at: 10,
        };
        let tx = memory.review(actor).expect("tx");
        let ru = Lang::parse("ru").expect("tag");
        tx.set_variant(ids[1].id(), &ru, "Привет.", None)
            .expect("set");
        let err = tx.stamp(ids[1].id()).expect_err("same as unit 1");
        assert_eq!(
            err.to_string(),
            format!(
                "the change would make the unit the same as unit {}: delete one of them instead",
                ids[0].id()
            )
        );
        drop(tx);
        let unit = memory
            .unit_record(ids[1].id())
            .expect("read")
            .expect("unit");
        assert_eq!(unit.variant(&ru).expect("ru").text, "Здравствуйте.");
        assert_eq!((unit.changed_at, unit.changed_by), (5, None));
    }
}
