//! The plain reads that searching is built from: candidate variants from the match index, a variant's
//! text, a unit's other languages, a match's provenance. Each returns rows; what they mean (scores,
//! rankings, renderings) is the `search` module's business.
//!
//! Every read here only reads: none flushes the index queue, which writers leave empty (see the module
//! docs of [`crate::tm`]), so they work on a memory opened with [`Memory::open_read_only`]. A search of
//! many reads runs them inside [`Memory::read`].

use rusqlite::{OptionalExtension, params};

use super::index::{self, Candidate, CandidateSearch};
use super::{Error, Memory, sql};
use crate::fuzzy::Token;
use crate::lang::Lang;

/// A matched unit as a lookup shows it: the source and target texts and where the unit came from.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchRow {
    /// The text of the matched source variant.
    pub source: String,
    /// The unit's text in the target language.
    pub target: String,
    /// The unit's origin as stored (`aligned`, `imported`, `manual`).
    pub origin: String,
    /// The slug of the article it was aligned from.
    pub article: Option<String>,
    /// The article's publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// When the unit was created (unix seconds).
    pub created_at: i64,
    /// The unit's status as stored (`ok`, `needs-review`).
    pub status: String,
    /// Whether a reviewer approved it.
    pub approved: bool,
    /// Its alignment confidence.
    pub confidence: Option<f32>,
}

impl Memory {
    /// The variants in `lang` that may score at least `min_score` against `query` (tokens of the
    /// query), best bound first (see [`index::candidates`]).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn candidates(
        &self,
        lang: &Lang,
        query: &[Token],
        min_score: f32,
    ) -> Result<Vec<Candidate>, Error> {
        index::candidates(self.conn(), lang, query, min_score)
    }

    /// The candidate search of `query` (tokens of the query in `lang`), for asking at several
    /// thresholds with each posting list read once (see [`CandidateSearch`]).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn candidate_search(
        &self,
        lang: &Lang,
        query: &[Token],
    ) -> Result<CandidateSearch<'_>, Error> {
        CandidateSearch::new(self.conn(), lang, query)
    }

    /// The variants in `lang` whose token keys include all of `keys`, ascending (deleted variants may
    /// be among them: read their text to check).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn variants_containing(&self, lang: &Lang, keys: &[&str]) -> Result<Vec<i64>, Error> {
        index::containing_all(self.conn(), lang, keys)
    }

    /// How many variants in `lang` the match index lists for the token key `key` (stale entries
    /// included).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn token_frequency(&self, lang: &Lang, key: &str) -> Result<u64, Error> {
        index::frequency(self.conn(), index::token_id(lang.as_str(), key))
    }

    /// Whether unit `unit` has a variant in `to`: None when it has not (or is gone), else whether
    /// the unit needs review.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn unit_target(&self, unit: i64, to: &Lang) -> Result<Option<bool>, Error> {
        self.conn()
            .prepare_cached(UNIT_TARGET)
            .and_then(|mut s| {
                s.query_row(params![unit, to.as_str()], |r| r.get(0))
                    .optional()
            })
            .map_err(sql("reading a candidate's unit"))
    }

    /// Calls `f(variant, unit, text, needs_review)` for every variant in `from` whose unit has a
    /// variant in `to` (a scan of the whole memory).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn for_each_source_variant(
        &self,
        from: &Lang,
        to: &Lang,
        mut f: impl FnMut(i64, i64, &str, bool),
    ) -> Result<(), Error> {
        let mut stmt = self
            .conn()
            .prepare_cached(
                "SELECT s.id, s.unit_id, s.text, u.status = 'needs-review' FROM variant s
                 JOIN unit u ON u.id = s.unit_id WHERE s.lang = ?1
                   AND EXISTS (SELECT 1 FROM variant t WHERE t.unit_id = s.unit_id AND t.lang = ?2)",
            )
            .map_err(sql("scanning the memory"))?;
        let mut rows = stmt
            .query(params![from.as_str(), to.as_str()])
            .map_err(sql("scanning the memory"))?;
        while let Some(row) = rows.next().map_err(sql("scanning the memory"))? {
            let variant: i64 = row.get(0).map_err(sql("scanning the memory"))?;
            let unit: i64 = row.get(1).map_err(sql("scanning the memory"))?;
            let needs_review: bool = row.get(3).map_err(sql("scanning the memory"))?;
            let text = row.get_ref(2).map_err(sql("scanning the memory"))?;
            let text = text.as_str().map_err(|e| Error::Sql {
                context: "scanning the memory",
                source: e.into(),
            })?;
            f(variant, unit, text, needs_review);
        }
        Ok(())
    }

    /// The match shown for source variant `variant`, with its unit's text in `to`.
    ///
    /// # Errors
    /// [`Error::Sql`], also when the variant or its `to` variant is gone.
    pub fn match_row(&self, variant: i64, to: &Lang) -> Result<MatchRow, Error> {
        self.conn()
            .prepare_cached(
                "SELECT s.text, t.text, u.origin, a.slug, a.published, u.created_at, u.status,
                        u.approved_at IS NOT NULL, u.confidence
                 FROM variant s JOIN variant t ON t.unit_id = s.unit_id AND t.lang = ?2
                 JOIN unit u ON u.id = s.unit_id LEFT JOIN article a ON a.id = u.article_id
                 WHERE s.id = ?1",
            )
            .and_then(|mut s| {
                s.query_row(params![variant, to.as_str()], |r| {
                    Ok(MatchRow {
                        source: r.get(0)?,
                        target: r.get(1)?,
                        origin: r.get(2)?,
                        article: r.get(3)?,
                        published: r.get(4)?,
                        created_at: r.get(5)?,
                        status: r.get(6)?,
                        approved: r.get(7)?,
                        confidence: r.get::<_, Option<f64>>(8)?.map(|c| c as f32),
                    })
                })
            })
            .map_err(sql("reading a match"))
    }

    /// The reader of candidates' texts in `from` and of their units' targets in `to`, each with
    /// one statement prepared for all the candidates of a lookup (see [`Candidates`]).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn candidate_reader<'m>(
        &'m self,
        from: &'m Lang,
        to: &'m Lang,
    ) -> Result<Candidates<'m>, Error> {
        let conn = self.conn();
        Ok(Candidates {
            text: conn
                .prepare_cached(VARIANT_TEXT)
                .map_err(sql("reading a variant"))?,
            target: conn
                .prepare_cached(UNIT_TARGET)
                .map_err(sql("reading a candidate's unit"))?,
            from,
            to,
        })
    }

    /// The unit and text of variant `variant` when it is in `lang`.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn variant_text(&self, variant: i64, lang: &Lang) -> Result<Option<(i64, String)>, Error> {
        self.conn()
            .prepare_cached(VARIANT_TEXT)
            .and_then(|mut s| {
                s.query_row(params![variant, lang.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()
            })
            .map_err(sql("reading a variant"))
    }

    /// The variants of `unit` in languages other than `lang` (only `only` when given), as
    /// `(tag, text)` by tag.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn other_variants(
        &self,
        unit: i64,
        lang: &Lang,
        only: Option<&Lang>,
    ) -> Result<Vec<(String, String)>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT lang, text FROM variant WHERE unit_id = ?1 AND lang <> ?2
                   AND (?3 IS NULL OR lang = ?3) ORDER BY lang",
            )
            .and_then(|mut s| {
                s.query_map(params![unit, lang.as_str(), only.map(Lang::as_str)], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
            })
            .map_err(sql("reading a unit"))
    }

    /// Unit `unit`'s review state: status as stored, whether approved, alignment confidence.
    ///
    /// # Errors
    /// [`Error::Sql`], also when there is no such unit.
    pub fn unit_state(&self, unit: i64) -> Result<(String, bool, Option<f32>), Error> {
        self.conn()
            .prepare_cached(
                "SELECT status, approved_at IS NOT NULL, confidence FROM unit WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([unit], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get::<_, Option<f64>>(2)?.map(|c| c as f32),
                    ))
                })
            })
            .map_err(sql("reading a unit's status"))
    }
}

/// The unit and text of a variant (`?1`) when it is in a language (`?2`).
const VARIANT_TEXT: &str = "SELECT unit_id, text FROM variant WHERE id = ?1 AND lang = ?2";

/// Whether a unit needs review, when it has a variant in a language (`?2`).
const UNIT_TARGET: &str = "SELECT u.status = 'needs-review' FROM unit u
     WHERE u.id = ?1
       AND EXISTS (SELECT 1 FROM variant t WHERE t.unit_id = u.id AND t.lang = ?2)";

/// The reads a lookup makes of each candidate it verifies, through statements prepared once: a
/// lookup on a memory of near-duplicate families verifies thousands of candidates, and finding,
/// binding and releasing a cached statement for each read cost about a tenth of its time.
pub struct Candidates<'m> {
    text: rusqlite::CachedStatement<'m>,
    target: rusqlite::CachedStatement<'m>,
    from: &'m Lang,
    to: &'m Lang,
}

impl Candidates<'_> {
    /// `f(unit, text)` of variant `variant` when it is in the source language (None when it is not,
    /// or is gone), without copying the text.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn with_text<R>(
        &mut self,
        variant: i64,
        f: impl FnOnce(i64, &str) -> R,
    ) -> Result<Option<R>, Error> {
        let mut rows = self
            .text
            .query(params![variant, self.from.as_str()])
            .map_err(sql("reading a variant"))?;
        let Some(row) = rows.next().map_err(sql("reading a variant"))? else {
            return Ok(None);
        };
        let unit: i64 = row.get(0).map_err(sql("reading a variant"))?;
        let text = row
            .get_ref(1)
            .and_then(|v| v.as_str().map_err(Into::into))
            .map_err(sql("reading a variant"))?;
        Ok(Some(f(unit, text)))
    }

    /// Whether unit `unit` has a variant in the target language: None when it has not (or is
    /// gone), else whether the unit needs review (as [`Memory::unit_target`]).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn target(&mut self, unit: i64) -> Result<Option<bool>, Error> {
        self.target
            .query_row(params![unit, self.to.as_str()], |r| r.get(0))
            .optional()
            .map_err(sql("reading a candidate's unit"))
    }
}
