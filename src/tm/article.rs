//! Articles, their language versions (documents) and sentences, and the units aligned from them.
//!
//! [`Memory::store_aligned`] writes one aligned article in one transaction: the article row (found by
//! slug or created), each document with its sentences, and the aligned units with provenance (article,
//! the segments each variant came from, confidence, status). It follows the rules of [`super::pivot`]:
//! - a document whose content hash is stored already is kept as it is (its segments are reused); one
//!   whose content changed replaces the stored one, and the variants aligned from it keep their text
//!   and lose their link to sentences that are gone;
//! - each new unit attaches to the stored aligned unit of the article with the same source sentence
//!   (the k-th occurrence of a sentence to the k-th unit), replacing the variants of the languages it
//!   brings and keeping the others ([`StoreReport::updated`], [`StoreReport::kept_as_is`]); a new unit
//!   without one is inserted (or merged into an identical stored unit);
//! - no unit and no variant is deleted: stored units the alignment did not give again stay as they are;
//!   when the source version changed, those whose source sentence is still in it are linked to it again
//!   and the others are counted as [`StoreReport::stale`].
//!
//! So aligning the same article twice leaves one copy, and aligning it with only some languages never
//! removes the others. The match index is brought up to date in the same transaction, so a stored
//! article is searchable as soon as it is committed and readers never write.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, Memory, index, pivot, sql, unit};
use crate::lang::Lang;
use crate::unit::{
    AlignedUnit, ArticleMeta, NewDocument, NewUnit, NewVariant, Origin, Prop, ReviewReason,
    StoreReport,
};

use crate::segment::join_sentences;

impl Memory {
    /// The content hash of each stored document of the article `slug`, as `(language tag, hash)`
    /// (none when the article is not stored): what an archive walk compares with the
    /// hashes of an article's files to skip it when it is stored unchanged.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn document_hashes(&self, slug: &str) -> Result<Vec<(String, String)>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT d.lang, d.content_hash FROM document d JOIN article a ON a.id = d.article_id
                 WHERE a.slug = ?1",
            )
            .and_then(|mut s| {
                s.query_map([slug], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect()
            })
            .map_err(sql("looking up a document"))
    }

    /// Stores an aligned article, its documents and units in one transaction (see the module docs).
    ///
    /// # Errors
    /// [`Error::NoSentence`] when a unit names a sentence position its document does not have,
    /// [`Error::NoDocument`] when it names a language that has no document; [`Error::Sql`]. Nothing
    /// is stored then.
    pub fn store_aligned(
        &mut self,
        article: &ArticleMeta,
        documents: &[NewDocument],
        units: &[AlignedUnit],
    ) -> Result<StoreReport, Error> {
        let mut batch = self.store_articles()?;
        let report = batch.store(article, documents, units)?;
        batch.commit()?;
        Ok(report)
    }

    /// Starts storing several aligned articles in one transaction ([`ArticleBatch`]): what an archive
    /// walk does, so that the pages each article touches (the match index's above all) are written
    /// once per batch instead of once per article.
    ///
    /// # Errors
    /// [`Error::Busy`] when another writer holds the memory past the wait; [`Error::Sql`].
    pub fn store_articles(&mut self) -> Result<ArticleBatch<'_>, Error> {
        Ok(ArticleBatch {
            tx: self.write()?,
            articles: 0,
        })
    }
}

/// Aligned articles stored in one transaction, each in a savepoint of its own: an article that
/// fails leaves nothing of itself and keeps the others of the batch. Nothing of the batch is
/// visible to readers, nor durable, before [`ArticleBatch::commit`], which brings the match index up
/// to date first (so a committed memory never has a queued variant). Dropped without a commit, the
/// batch is rolled back.
pub struct ArticleBatch<'m> {
    tx: super::writer::Writing<'m>,
    articles: usize,
}

impl ArticleBatch<'_> {
    /// Stores one aligned article as [`Memory::store_aligned`] does (see the module docs), inside
    /// the batch.
    ///
    /// # Errors
    /// As [`Memory::store_aligned`]; nothing of this article is stored then, and the articles stored
    /// before it in the batch stay (unless SQLite rolled the whole transaction back, which the
    /// [`ArticleBatch::commit`] then reports).
    pub fn store(
        &mut self,
        article: &ArticleMeta,
        documents: &[NewDocument],
        units: &[AlignedUnit],
    ) -> Result<StoreReport, Error> {
        let now = super::now();
        let savepoint = self
            .tx
            .savepoint()
            .map_err(sql("starting to store an article"))?;
        // Dropped on an error: rolled back to where the article started.
        let report = store_aligned_in(&savepoint, article, documents, units, now)?;
        savepoint.commit().map_err(sql("storing an article"))?;
        self.articles += 1;
        Ok(report)
    }

    /// The articles stored in the batch so far.
    pub fn len(&self) -> usize {
        self.articles
    }

    /// Whether no article is stored in the batch yet.
    pub fn is_empty(&self) -> bool {
        self.articles == 0
    }

    /// Brings the match index up to date with the batch's units and commits the batch.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`]; nothing of the batch is stored then.
    pub fn commit(self) -> Result<(), Error> {
        index::flush(&self.tx)?;
        self.tx.commit("committing the articles")
    }
}

fn store_aligned_in(
    conn: &Connection,
    article: &ArticleMeta,
    documents: &[NewDocument],
    units: &[AlignedUnit],
    now: i64,
) -> Result<StoreReport, Error> {
    let article_id = ensure_article(conn, article, now)?;
    let mut report = StoreReport {
        article_id,
        unchanged: true,
        ..StoreReport::default()
    };
    let mut segment_ids: Vec<(Lang, Vec<i64>)> = Vec::new();
    for doc in documents {
        // A changed document replaces the stored one; the variants aligned from it keep their text
        // (nothing is lost) and lose their link to a sentence that is gone.
        let (ids, changed) = store_document(conn, article_id, doc, now)?;
        report.unchanged &= !changed;
        segment_ids.push((doc.lang.clone(), ids));
    }
    let src = documents.first().map(|d| d.lang.clone());
    // The stored units of the article by pivot key: the k-th new unit of a key takes the k-th stored.
    let (mut stored, unlinked) = pivot::article_units(conn, article_id)?;
    let mut taken = BTreeSet::new();

    for aligned in units {
        let mut variants = Vec::new();
        for (lang, positions) in &aligned.sentences {
            if positions.is_empty() {
                continue;
            }
            let (doc, ids) = documents
                .iter()
                .zip(&segment_ids)
                .find(|(d, _)| &d.lang == lang)
                .map(|(d, (_, ids))| (d, ids))
                .ok_or_else(|| Error::NoDocument { lang: lang.clone() })?;
            let mut texts = Vec::new();
            for &p in positions {
                let sentence = doc.sentences.get(p).ok_or_else(|| Error::NoSentence {
                    lang: lang.clone(),
                    position: p,
                })?;
                texts.push(sentence.text.as_str());
            }
            let mut variant = NewVariant::new(lang.clone(), join_sentences(lang, texts));
            // A variant links to its first sentence; the positions of the others are in x-segments.
            variant.segment_id = ids.get(positions[0]).copied();
            if positions.len() > 1 {
                let list: Vec<String> = positions.iter().map(usize::to_string).collect();
                variant
                    .props
                    .push(Prop::typed("x-segments", list.join(",")));
            }
            variants.push(variant);
        }
        if variants.len() < 2 {
            // A sentence without a translation (1-0 bead) is not a translation unit.
            continue;
        }
        if variants.iter().all(|v| v.text == variants[0].text) {
            // The same text in every language (a section separator such as "xxx", a bare number)
            // teaches a translator nothing.
            report.untranslated += 1;
            continue;
        }
        let mut new = NewUnit::new(Origin::Aligned, variants);
        new.status = aligned.status;
        new.confidence = Some(aligned.confidence);
        new.article_id = Some(article_id);
        new.srclang = src.clone();
        new.props = aligned
            .flags
            .iter()
            .map(|f| Prop::typed("x-flag", f.clone()))
            .collect();
        let existing = pivot::of_unit(&new)
            .and_then(|key| stored.get_mut(&key))
            .and_then(|ids| (!ids.is_empty()).then(|| ids.remove(0)));
        if let Some(id) = existing {
            taken.insert(id);
            match attach(conn, id, &new, &aligned.reasons, now)? {
                Attached::Unchanged => report.kept_as_is += 1,
                Attached::Updated => report.updated += 1,
                Attached::SameAs => report.merged += 1,
            }
            continue;
        }
        let inserted = unit::insert_unit(conn, &new, now)?;
        super::review::insert_reasons(conn, inserted.id(), &aligned.reasons)?;
        match inserted {
            unit::Inserted::New(_) => report.inserted += 1,
            unit::Inserted::Merged(_) => report.merged += 1,
        }
    }
    // Units this alignment did not give again lost their source sentence's link when the source
    // version changed: those whose sentence is still in it are linked again, the others are stale.
    let left: Vec<i64> = unlinked
        .into_iter()
        .filter(|id| !taken.contains(id))
        .collect();
    if let (false, Some(doc), Some((src, ids))) =
        (left.is_empty(), documents.first(), segment_ids.first())
    {
        let runs = sentence_runs(src, doc, ids);
        for id in left {
            let stored = pivot::variants(conn, id)?;
            let relinked = match stored.iter().find(|v| v.lang == *src) {
                Some(v) => match runs.get(&pivot::key(src, &v.text)) {
                    Some(variant) => {
                        let mut variant = variant.clone();
                        variant.text = v.text.clone();
                        variant.markup = v.markup.clone();
                        pivot::put_variant(conn, id, &variant, None, now)?;
                        true
                    }
                    None => false,
                },
                None => false,
            };
            report.stale += usize::from(!relinked);
        }
    }
    lend_segment_texts(conn, article_id)?;
    Ok(report)
}

/// The text of segment `s` (SQL alias), whether it stores it or lends it to its first variant
/// (`memory/0012_lean_storage.sql`).
pub(crate) const SEGMENT_TEXT: &str = "CASE s.text WHEN '' THEN (SELECT v.text FROM variant v
     WHERE v.segment_id = s.id ORDER BY v.id LIMIT 1) ELSE s.text END";

/// Stores the text of each sentence of article `article_id` only once: a segment whose text its first
/// variant holds keeps '' instead (`memory/0012_lean_storage.sql`; its triggers give the text back before
/// that variant changes).
fn lend_segment_texts(conn: &Connection, article_id: i64) -> Result<(), Error> {
    conn.prepare_cached(
        "UPDATE segment SET text = ''
         WHERE document_id IN (SELECT id FROM document WHERE article_id = ?1) AND text <> ''
           AND text = (SELECT v.text FROM variant v WHERE v.segment_id = segment.id
                       ORDER BY v.id LIMIT 1)",
    )
    .and_then(|mut s| s.execute([article_id]))
    .map(drop)
    .map_err(sql("storing sentences once"))
}

/// Beads join at most this many sentences of one side (the aligner's largest bead is 3-1).
const MAX_BEAD_SENTENCES: usize = 3;

/// The source variants the runs of up to [`MAX_BEAD_SENTENCES`] consecutive sentences of `doc` make,
/// by pivot key (the first run of a text wins), linked to their sentences as aligned units are.
fn sentence_runs(
    src: &Lang,
    doc: &NewDocument,
    ids: &[i64],
) -> std::collections::HashMap<i64, NewVariant> {
    let mut runs = std::collections::HashMap::new();
    for len in 1..=MAX_BEAD_SENTENCES {
        for start in 0..doc.sentences.len().saturating_sub(len - 1) {
            let texts = doc
                .sentences
                .iter()
                .skip(start)
                .take(len)
                .map(|s| s.text.as_str());
            let mut variant = NewVariant::new(src.clone(), join_sentences(src, texts));
            variant.segment_id = ids.get(start).copied();
            if len > 1 {
                let list: Vec<String> = (start..start + len).map(|p| p.to_string()).collect();
                variant
                    .props
                    .push(Prop::typed("x-segments", list.join(",")));
            }
            runs.entry(pivot::key(src, &variant.text))
                .or_insert(variant);
        }
    }
    runs
}

/// What [`attach`] did.
enum Attached {
    /// Every variant was stored already, with the same text.
    Unchanged,
    /// Variants were added or replaced.
    Updated,
    /// The unit now held the same text in every language as another unit, which stands for it.
    SameAs,
}

/// Attaches the variants of a newly aligned unit to stored unit `id` of the same article and pivot:
/// each replaces the stored variant of its language (or is added); the stored unit keeps its other
/// languages. When a variant changed, the unit's confidence becomes the lower of the two, its flags
/// and reasons those it had for the other languages plus the new ones, its status needs-review when a
/// reason remains.
fn attach(
    conn: &Connection,
    id: i64,
    new: &NewUnit,
    reasons: &[ReviewReason],
    now: i64,
) -> Result<Attached, Error> {
    let mut changed: Vec<&Lang> = Vec::new();
    for variant in &new.variants {
        if pivot::put_variant(conn, id, variant, None, now)? {
            changed.push(&variant.lang);
        }
    }
    if changed.is_empty() {
        return Ok(Attached::Unchanged);
    }
    // Reasons raised only by the languages replaced now are the old alignment's.
    let stored: Vec<(String, String)> = conn
        .prepare_cached("SELECT kind, langs FROM review_reason WHERE unit_id = ?1")
        .and_then(|mut s| s.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(sql("reading review reasons"))?;
    for (kind, langs) in stored {
        let replaced = !langs.is_empty()
            && langs
                .split(',')
                .all(|l| changed.iter().any(|c| c.as_str() == l));
        if replaced {
            conn.prepare_cached("DELETE FROM review_reason WHERE unit_id = ?1 AND kind = ?2")
                .and_then(|mut s| s.execute(params![id, kind]))
                .map_err(sql("replacing review reasons"))?;
        }
    }
    super::review::insert_reasons(conn, id, reasons)?;
    for (position, prop) in new.props.iter().enumerate() {
        unit::insert_prop_if_missing(conn, id, None, prop, position)?;
    }
    conn.prepare_cached(
        "UPDATE unit SET
             confidence = min(coalesce(confidence, ?2), ?2),
             status = CASE WHEN EXISTS (SELECT 1 FROM review_reason WHERE unit_id = ?1)
                           THEN 'needs-review' ELSE 'ok' END,
             changed_at = ?3
         WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![id, new.confidence.map(f64::from), now]))
    .map_err(sql("updating a unit"))?;
    pivot::refresh(conn, id)?;
    Ok(match pivot::settle(conn, id)? {
        Some(_) => Attached::SameAs,
        None => Attached::Updated,
    })
}

fn ensure_article(conn: &Connection, article: &ArticleMeta, now: i64) -> Result<i64, Error> {
    conn.prepare_cached(
        "INSERT INTO article (slug, title, published, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (slug) DO UPDATE SET title = coalesce(excluded.title, title),
                                          published = coalesce(excluded.published, published)",
    )
    .and_then(|mut s| s.execute(params![article.slug, article.title, article.published, now]))
    .map_err(sql("storing an article"))?;
    conn.prepare_cached("SELECT id FROM article WHERE slug = ?1")
        .and_then(|mut s| s.query_row([&article.slug], |r| r.get(0)))
        .map_err(sql("storing an article"))
}

/// Stores a document unless it is stored with the same hash; returns its segment ids by position and
/// whether anything changed.
fn store_document(
    conn: &Connection,
    article_id: i64,
    doc: &NewDocument,
    now: i64,
) -> Result<(Vec<i64>, bool), Error> {
    let stored: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, content_hash FROM document WHERE article_id = ?1 AND lang = ?2")
        .and_then(|mut s| {
            s.query_row(params![article_id, doc.lang.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
        })
        .map_err(sql("looking up a document"))?;
    if let Some((id, hash)) = &stored {
        if *hash == doc.content_hash {
            let ids: Vec<i64> = conn
                .prepare_cached("SELECT id FROM segment WHERE document_id = ?1 ORDER BY position")
                .and_then(|mut s| s.query_map([id], |r| r.get(0))?.collect())
                .map_err(sql("reading segments"))?;
            if ids.len() == doc.sentences.len() {
                return Ok((ids, false));
            }
        }
        conn.execute("DELETE FROM document WHERE id = ?1", [id])
            .map_err(sql("replacing a document"))?;
    }
    conn.prepare_cached(
        "INSERT INTO document (article_id, lang, title, source_path, content_hash, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
    .and_then(|mut s| {
        s.execute(params![
            article_id,
            doc.lang.as_str(),
            doc.title,
            doc.source_path,
            doc.content_hash,
            now
        ])
    })
    .map_err(sql("storing a document"))?;
    let doc_id = conn.last_insert_rowid();
    let mut stmt = conn
        .prepare_cached(
            "INSERT INTO segment (document_id, paragraph, position, byte_start, byte_end, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(sql("storing a sentence"))?;
    let mut ids = Vec::with_capacity(doc.sentences.len());
    for (position, s) in doc.sentences.iter().enumerate() {
        stmt.execute(params![
            doc_id,
            s.paragraph as i64,
            position as i64,
            s.byte_range.start as i64,
            s.byte_range.end as i64,
            s.text
        ])
        .map_err(sql("storing a sentence"))?;
        ids.push(conn.last_insert_rowid());
    }
    Ok((ids, true))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::unit::{NewSegment, Status, content_hash};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    fn doc(tag: &str, sentences: &[&str]) -> NewDocument {
        let text = sentences.join(" ");
        let mut offset = 0;
        NewDocument {
            lang: lang(tag),
            title: sentences.first().map(|s| s.to_string()),
            source_path: None,
            content_hash: content_hash(text.as_bytes()),
            sentences: sentences
                .iter()
                .map(|s| {
                    let start = offset;
                    offset += s.len() + 1;
                    NewSegment {
                        paragraph: 0,
                        byte_range: start..start + s.len(),
                        text: s.to_string(),
                    }
                })
                .collect(),
        }
    }

    fn unit(pairs: &[(&str, &[usize])], confidence: f32) -> AlignedUnit {
        AlignedUnit {
            sentences: pairs.iter().map(|(l, p)| (lang(l), p.to_vec())).collect(),
            confidence,
            status: Status::Ok,
            flags: Vec::new(),
            reasons: Vec::new(),
        }
    }

    #[test]
    fn storing_the_same_article_twice_does_not_duplicate_units() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("2024-07-03-test");
        assert_eq!(meta.published.as_deref(), Some("2024-07-03"));
        let docs = [
            doc("en", &["One.", "Two.", "Three."]),
            doc("az", &["Bir.", "İki və üç."]),
        ];
        let units = [
            unit(&[("en", &[0]), ("az", &[0])], 0.99),
            unit(&[("en", &[1, 2]), ("az", &[1])], 0.8),
        ];
        let first = memory.store_aligned(&meta, &docs, &units).expect("store");
        assert_eq!((first.inserted, first.unchanged), (2, false));
        let again = memory
            .store_aligned(&meta, &docs, &units)
            .expect("store again");
        assert_eq!(
            (again.inserted, again.kept_as_is, again.unchanged),
            (0, 2, true)
        );
        assert_eq!(memory.count_units().expect("count"), 2);
        let text: String = memory
            .conn()
            .query_row(
                "SELECT text FROM variant WHERE lang = 'en' ORDER BY length(text) DESC",
                [],
                |r| r.get(0),
            )
            .expect("row");
        assert_eq!(text, "Two. Three.");
    }

    #[test]
    fn a_stored_article_leaves_the_index_queue_empty() {
        let mut memory = Memory::open_in_memory().expect("memory");
        memory
            .store_aligned(
                &ArticleMeta::from_slug("q"),
                &[doc("en", &["One.", "Two."]), doc("az", &["Bir.", "İki."])],
                &[
                    unit(&[("en", &[0]), ("az", &[0])], 1.0),
                    unit(&[("en", &[1]), ("az", &[1])], 1.0),
                ],
            )
            .expect("store");
        assert_eq!(index::pending(memory.conn()).expect("pending"), 0);
        let indexed: i64 = memory
            .conn()
            .query_row("SELECT count(*) FROM match_posting", [], |r| r.get(0))
            .expect("postings");
        assert!(indexed > 0);
    }

    #[test]
    fn a_changed_document_replaces_its_variants_in_place() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("a");
        let en = doc("en", &["One."]);
        memory
            .store_aligned(
                &meta,
                &[en.clone(), doc("ru", &["Один."])],
                &[unit(&[("en", &[0]), ("ru", &[0])], 1.0)],
            )
            .expect("store");
        let report = memory
            .store_aligned(
                &meta,
                &[en, doc("ru", &["Раз."])],
                &[unit(&[("en", &[0]), ("ru", &[0])], 1.0)],
            )
            .expect("store changed");
        assert!(!report.unchanged);
        assert_eq!(memory.count_units().expect("count"), 1);
    }

    #[test]
    fn a_unit_pointing_past_its_document_stores_nothing() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let err = memory
            .store_aligned(
                &ArticleMeta::from_slug("b"),
                &[doc("en", &["One."]), doc("zh", &["一。"])],
                &[unit(&[("en", &[0]), ("zh", &[3])], 1.0)],
            )
            .expect_err("refused");
        assert!(
            err.to_string().contains("zh-Hans has no sentence 3"),
            "{err}"
        );
        assert_eq!(memory.stats().expect("stats").articles, 0);
    }

    #[test]
    fn a_bead_with_the_same_text_in_every_language_is_not_stored() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let report = memory
            .store_aligned(
                &ArticleMeta::from_slug("c"),
                &[doc("en", &["One.", "xxx"]), doc("az", &["Bir.", "xxx"])],
                &[
                    unit(&[("en", &[0]), ("az", &[0])], 1.0),
                    unit(&[("en", &[1]), ("az", &[1])], 1.0),
                ],
            )
            .expect("store");
        assert_eq!((report.inserted, report.untranslated), (1, 1));
    }

    /// Each unit's variants as `lang=text`, units in id order (the bulk loader's tests use it too).
    pub(in crate::tm) fn contents(memory: &Memory) -> Vec<String> {
        memory
            .conn()
            .prepare(
                "SELECT group_concat(lang || '=' || text, ' ') FROM
                     (SELECT unit_id, lang, text FROM variant ORDER BY unit_id, lang)
                 GROUP BY unit_id ORDER BY unit_id",
            )
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("units")
    }

    fn one_to_one(langs: &[&str], n: usize) -> Vec<AlignedUnit> {
        (0..n)
            .map(|i| {
                let pairs: Vec<(&str, &[usize])> = langs
                    .iter()
                    .map(|l| (*l, &[0usize, 1, 2, 3][i..=i]))
                    .collect();
                unit(&pairs, 0.9)
            })
            .collect()
    }

    #[test]
    fn aligning_an_article_again_with_one_language_keeps_the_others() {
        // Issue #11: `align-dir --to ru --store` on an article stored with az and zh deleted them.
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("2024-07-10-baku");
        let en = doc("en", &["Baku, July 10.", "Trade grew."]);
        let first = [
            en.clone(),
            doc("az", &["Bakı, 10 iyul.", "Ticarət artıb."]),
            doc("zh", &["巴库，7月10日。", "贸易增长了。"]),
        ];
        memory
            .store_aligned(&meta, &first, &one_to_one(&["en", "az", "zh"], 2))
            .expect("store");
        let ru = [en, doc("ru", &["Баку, 10 июля.", "Торговля выросла."])];
        let report = memory
            .store_aligned(&meta, &ru, &one_to_one(&["en", "ru"], 2))
            .expect("store ru");
        assert_eq!((report.inserted, report.updated, report.stale), (0, 2, 0));
        assert_eq!(
            contents(&memory),
            vec![
                "az-Latn=Bakı, 10 iyul. en=Baku, July 10. ru=Баку, 10 июля. zh-Hans=巴库，7月10日。",
                "az-Latn=Ticarət artıb. en=Trade grew. ru=Торговля выросла. zh-Hans=贸易增长了。",
            ]
        );
        // The same again changes nothing.
        let again = memory
            .store_aligned(&meta, &ru, &one_to_one(&["en", "ru"], 2))
            .expect("store ru again");
        assert_eq!((again.inserted, again.updated, again.kept_as_is), (0, 0, 2));
    }

    #[test]
    fn an_article_whose_english_changed_updates_its_units_in_place_and_keeps_the_rest() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("edit");
        memory
            .store_aligned(
                &meta,
                &[
                    doc("en", &["One.", "Two.", "Three."]),
                    doc("az", &["Bir.", "İki.", "Üç."]),
                ],
                &one_to_one(&["en", "az"], 3),
            )
            .expect("store");
        // The English of the second sentence is fixed; the article is aligned again with ru only.
        let report = memory
            .store_aligned(
                &meta,
                &[
                    doc("en", &["One.", "Two, fixed.", "Three."]),
                    doc("ru", &["Один.", "Два, исправлено.", "Три."]),
                ],
                &one_to_one(&["en", "ru"], 3),
            )
            .expect("store fixed");
        assert_eq!(
            (report.inserted, report.updated, report.stale),
            (1, 2, 1),
            "{report:?}"
        );
        assert_eq!(
            contents(&memory),
            vec![
                "az-Latn=Bir. en=One. ru=Один.",
                "az-Latn=İki. en=Two.",
                "az-Latn=Üç. en=Three. ru=Три.",
                "en=Two, fixed. ru=Два, исправлено.",
            ]
        );
        // The kept unit lost its link to a sentence that is gone, not its text.
        let linked: i64 = memory
            .conn()
            .query_row(
                "SELECT count(*) FROM variant WHERE segment_id IS NOT NULL AND text = 'Two.'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(linked, 0);
    }

    #[test]
    fn a_changed_translation_replaces_its_variant_and_its_reasons_only() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("fix-ru");
        let en = doc("en", &["It cost 5 dollars."]);
        let mut flagged = unit(&[("en", &[0]), ("az", &[0]), ("ru", &[0])], 0.4);
        flagged.status = Status::NeedsReview;
        flagged.reasons = vec![crate::unit::ReviewReason {
            check: crate::unit::Check::NumberMismatch,
            langs: vec![lang("ru")],
        }];
        memory
            .store_aligned(
                &meta,
                &[
                    en.clone(),
                    doc("az", &["5 dollara başa gəldi."]),
                    doc("ru", &["Это стоило долларов."]),
                ],
                &[flagged],
            )
            .expect("store");
        memory
            .store_aligned(
                &meta,
                &[en, doc("ru", &["Это стоило 5 долларов."])],
                &[unit(&[("en", &[0]), ("ru", &[0])], 0.95)],
            )
            .expect("store fixed ru");
        assert_eq!(
            contents(&memory),
            vec!["az-Latn=5 dollara başa gəldi. en=It cost 5 dollars. ru=Это стоило 5 долларов."]
        );
        let (status, confidence): (String, f64) = memory
            .conn()
            .query_row("SELECT status, confidence FROM unit", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .expect("unit");
        // The ru reason went with the ru text; the confidence stays the lower one.
        assert_eq!(status, "ok");
        assert!((confidence - 0.4).abs() < 1e-6, "{confidence}");
    }

    /// The text of every sentence of the document in `tag`, as readers see it, and how many of
    /// them store their own text.
    fn sentences(memory: &Memory, tag: &str) -> (Vec<String>, i64) {
        let texts = memory
            .conn()
            .prepare(&format!(
                "SELECT {SEGMENT_TEXT} FROM segment s JOIN document d ON d.id = s.document_id
                 WHERE d.lang = ?1 ORDER BY s.position"
            ))
            .and_then(|mut st| st.query_map([tag], |r| r.get(0))?.collect())
            .expect("sentences");
        let own: i64 = memory
            .conn()
            .query_row(
                "SELECT count(*) FROM segment s JOIN document d ON d.id = s.document_id
                 WHERE d.lang = ?1 AND s.text <> ''",
                [tag],
                |r| r.get(0),
            )
            .expect("count");
        (texts, own)
    }

    #[test]
    fn a_sentence_is_stored_once_and_keeps_its_text_when_its_variant_changes_or_goes() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let meta = ArticleMeta::from_slug("2024-07-03-once");
        let docs = [
            doc("en", &["One.", "Two.", "Three.", "Four."]),
            doc("az", &["Bir.", "İki və üç.", "Dörd."]),
        ];
        let units = [
            unit(&[("en", &[0]), ("az", &[0])], 0.99),
            unit(&[("en", &[1, 2]), ("az", &[1])], 0.8),
            unit(&[("en", &[3]), ("az", &[2])], 0.99),
        ];
        memory.store_aligned(&meta, &docs, &units).expect("store");
        // "Two." starts the variant "Two. Three.", which cannot lend it its text; "Three." has no
        // variant of its own.
        assert_eq!(
            sentences(&memory, "en"),
            (
                vec![
                    "One.".into(),
                    "Two.".into(),
                    "Three.".into(),
                    "Four.".into()
                ],
                2
            )
        );
        assert_eq!(
            sentences(&memory, "az-Latn"),
            (vec!["Bir.".into(), "İki və üç.".into(), "Dörd.".into()], 0)
        );
        // A review edit of a variant leaves the sentence it came from as the segmenter found it.
        memory
            .conn()
            .execute("UPDATE variant SET text = 'Bir!' WHERE text = 'Bir.'", [])
            .expect("edit");
        // Deleting a unit keeps its sentences too.
        memory
            .conn()
            .execute(
                "DELETE FROM unit WHERE id = (SELECT unit_id FROM variant WHERE text = 'Four.')",
                [],
            )
            .expect("delete");
        assert_eq!(
            sentences(&memory, "az-Latn"),
            (vec!["Bir.".into(), "İki və üç.".into(), "Dörd.".into()], 2)
        );
        assert_eq!(
            sentences(&memory, "en"),
            (
                vec![
                    "One.".into(),
                    "Two.".into(),
                    "Three.".into(),
                    "Four.".into()
                ],
                3
            )
        );
        // Aligning the article again replaces the edit and stores the unit again: each sentence
        // lends its text to its variant once more.
        memory.store_aligned(&meta, &docs, &units).expect("again");
        assert_eq!(
            sentences(&memory, "az-Latn"),
            (vec!["Bir.".into(), "İki və üç.".into(), "Dörd.".into()], 0)
        );
        assert_eq!(sentences(&memory, "en").1, 2);
    }
}
