//! Fuzzy lookup: the best stored translations of a sentence, from any stored language to any other.
//!
//! [`lookup`] asks the match index ([`Memory::candidates`]) for every variant that may reach the
//! threshold (complete by construction), and scores them best bound first with [`crate::fuzzy::score`],
//! keeping the best `limit`. It first tries the thresholds 90% and 75% (short prefixes, rare lists):
//! when one of them already yields `limit` matches, nothing below it can displace them. Top-k pruning:
//! once `limit` matches are held, a candidate whose bound is below the worst of them cannot enter, and
//! neither can any later one, so the scan stops. The result equals that of [`lookup_exhaustive`], which
//! scores every stored variant (the baseline of the benchmark and the property test).
//!
//! A variant is verified (read and scored) once per lookup where it can be: while a level has fewer
//! than `limit` matches, its candidates are scored down to the next level and the scores kept, so
//! that when the level falls short the next one reuses them instead of reading the same near-duplicate
//! family again; a level with fewer than `limit` candidates is not verified at all. On a memory of
//! near-duplicate families (issue #15) four lookups in five fall through at least one level. When the
//! scores kept already hold `limit` usable ones, the `limit`-th of them (`s`) is a floor of the
//! answer, and the next level is `s` rather than the next of the cascade when `s` is higher: every
//! variant scoring at least `s` is among its candidates, and its prefix is shorter (at 1M units the
//! caller's 50% read lists of 750,000 postings that a level at the known 72% does not).
//!
//! A candidate is tokenized and its shared keys counted before its score's table is filled: most of
//! those a near-duplicate lookup verifies owe their index bound to the long lists the index did not
//! read (see `tm::index`), and the shared keys alone put them below the floor.
//!
//! A lookup only reads: it works on a memory opened with [`Memory::open_read_only`].

use crate::fuzzy::{self, FuzzyMatch, Matcher, Scored, Token};
use crate::lang::Lang;
use crate::tm::{self, Memory};

/// How many matches, and how good.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LookupOptions {
    /// Lowest score returned, in `0.0..=1.0` (above 0).
    pub min_score: f32,
    /// Most matches returned.
    pub limit: usize,
}

impl Default for LookupOptions {
    fn default() -> LookupOptions {
        LookupOptions {
            min_score: 0.5,
            limit: 5,
        }
    }
}

/// Longest query accepted, in bytes: a lookup is for a sentence or a paragraph.
pub const MAX_QUERY_BYTES: usize = 64 * 1024;

/// A lookup that cannot be answered.
#[derive(Debug, thiserror::Error)]
pub enum LookupError {
    /// The query has no word, number or punctuation mark.
    #[error("the query is empty")]
    Empty,
    /// The query is longer than [`MAX_QUERY_BYTES`].
    #[error(
        "the query is {0} bytes long; tmkit looks up sentences of at most {MAX_QUERY_BYTES} bytes"
    )]
    TooLong(usize),
    /// The memory failed.
    #[error(transparent)]
    Memory(#[from] tm::Error),
}

/// A match as `tmkit lookup --json` and `tmkit serve`'s `/api/lookup` write it: the score in percent
/// and its band beside the match's own fields.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ScoredMatch<'a> {
    /// The score in percent.
    pub score: u32,
    /// The score's band.
    pub band: crate::fuzzy::Band,
    /// The match.
    #[serde(flatten)]
    pub m: &'a crate::fuzzy::FuzzyMatch,
}

impl<'a> ScoredMatch<'a> {
    /// The match with its percent and band.
    pub fn new(m: &'a crate::fuzzy::FuzzyMatch) -> ScoredMatch<'a> {
        ScoredMatch {
            score: crate::fuzzy::percent(m.score),
            band: crate::fuzzy::Band::of(Some(m.score)),
            m,
        }
    }
}

/// The answer to one query as `tmkit lookup --json` writes it (one line per query) and `/api/lookup`
/// returns it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Answer<'a> {
    /// The query.
    pub query: &'a str,
    /// Its matches, best first.
    pub matches: Vec<ScoredMatch<'a>>,
    /// How long the lookup took, in milliseconds.
    pub ms: f64,
}

/// Scores are rounded to four decimals, which can lift one a little above its bound.
const SLACK: f32 = 1e-4;

/// Thresholds tried before the caller's, highest first (see [`lookup`]).
const CASCADE: [f32; 2] = [0.9, 0.75];

/// What verifying a candidate found, kept for the lower levels of the cascade.
#[derive(Clone, Copy)]
enum Verified {
    /// Its exact score, at least the caller's threshold, its unit, and whether the unit needs review.
    Score(f32, i64, bool),
    /// Its score is below this floor.
    Below(f32),
    /// It has no variant in the target language (or is gone).
    Unusable,
}

/// Scores found so far in one lookup, by variant.
type Seen = std::collections::HashMap<i64, Verified>;

/// A scored source variant before its target and provenance are read.
struct Hit {
    score: f32,
    /// Its unit needs review: it ranks after units that don't at the same score.
    needs_review: bool,
    unit: i64,
    variant: i64,
}

/// The lowest threshold the index answers; a lookup below it scans every stored variant instead
/// ([`lookup_exhaustive`]): exact, and slow on a large memory (issue #16). It was set when the mark `#`
/// paired cheaply with a number, so that a unit could reach a low threshold sharing no token of the
/// index's reckoning; that pairing is a replacement since issue #15, but below 15% the prefix filter
/// needs nearly every list of the query and the candidates are most of the memory, so the scan stays.
pub const INDEX_FLOOR: f32 = 0.15;

/// The best `limit` units whose `from` variant scores at least `min_score` against `query` and that
/// have a `to` variant, best first (ties: a unit that needs review after one that does not, then lower
/// unit id first).
///
/// ```
/// use tmkit::search::{self, LookupOptions};
/// use tmkit::unit::{NewUnit, NewVariant, Origin};
/// use tmkit::{Lang, tm::Memory};
/// let mut memory = Memory::open_in_memory()?;
/// let (en, az) = (Lang::parse("en")?, Lang::parse("az")?);
/// let unit = NewUnit::new(Origin::Manual, vec![
///     NewVariant::new(en.clone(), "Trade reached 3 billion dollars."),
///     NewVariant::new(az.clone(), "Ticarət 3 milyard dollara çatıb."),
/// ]);
/// memory.insert_units(&[unit], 0)?;
/// let found = search::lookup(&memory, "Trade reached 4 billion dollars.", &en, &az, &LookupOptions::default())?;
/// assert_eq!(found[0].target, "Ticarət 4 milyard dollara çatıb.");
/// assert!(found[0].adapted);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`LookupError::Empty`] for a query without tokens, [`LookupError::TooLong`], and the memory's
/// errors.
pub fn lookup(
    memory: &Memory,
    query: &str,
    from: &Lang,
    to: &Lang,
    options: &LookupOptions,
) -> Result<Vec<FuzzyMatch>, LookupError> {
    let t = options.min_score.clamp(0.01, 1.0);
    if t < INDEX_FLOOR {
        return lookup_exhaustive(memory, query, from, to, options);
    }
    let matcher = prepare(query, from)?;
    let limit = options.limit.max(1);
    memory.read(|memory| {
        // Cascade: a high threshold first needs a short prefix (few, rare posting lists). If it
        // yields `limit` matches, no unit outside its candidates (all scoring below that threshold)
        // can beat them, so the answer is exact; otherwise retry lower, down to `t`.
        let mut seen = Seen::new();
        let mut scratch = fuzzy::Scratch::default();
        let mut search = memory.candidate_search(from, matcher.tokens())?;
        let mut reader = memory.candidate_reader(from, to)?;
        // The cascade level below `level` (the caller's threshold last).
        let below = |level: f32| {
            CASCADE
                .into_iter()
                .find(|&l| l < level && l > t)
                .unwrap_or(t)
        };
        let mut level = CASCADE.into_iter().find(|&l| l > t).unwrap_or(t);
        let hits = loop {
            let next = below(level);
            let candidates = search.at(level)?;
            let hits = scan_candidates(
                &mut reader,
                &matcher,
                candidates,
                (level, next),
                limit,
                (&mut seen, &mut scratch),
            )?;
            if hits.len() >= limit || level <= t {
                break hits;
            }
            // `limit` variants already scored at least `s` (below this level, or they would be
            // hits): the answer scores at least `s`, and a level at `s` finds every variant that
            // does, with a shorter prefix than the next level's.
            level = match TopScores::of(&seen, limit).kth() {
                Some(s) if s > next && s < level => s,
                _ => next,
            };
        };
        finish(memory, &matcher, hits, from, to)
    })
}

/// The best `limit` variants among `candidates`, the index's at the cascade level `level`, scored;
/// `next` is the next level (or `level` itself for the last), down to which a level short of `limit`
/// matches scores its candidates into `seen`. Not below the `limit`-th best score found so far,
/// though (in `seen`, at this level or a higher one): the answer scores at least that much, so a
/// candidate bounded below it needs no verifying, here or at the next level, and the scan stops at
/// the first (candidates come best bound first).
fn scan_candidates(
    reader: &mut tm::read::Candidates<'_>,
    matcher: &Matcher,
    candidates: Vec<tm::index::Candidate>,
    (level, next): (f32, f32),
    limit: usize,
    (seen, scratch): (&mut Seen, &mut fuzzy::Scratch),
) -> Result<Vec<Hit>, LookupError> {
    if candidates.len() < limit && level > next {
        // This level cannot yield `limit` matches: the next one will verify its candidates.
        return Ok(Vec::new());
    }
    let mut hits: Vec<Hit> = Vec::new();
    // The best `limit` usable scores found, best first.
    let mut best = TopScores::of(seen, limit);
    for c in candidates {
        let known = match hits.get(limit - 1) {
            Some(kth) => Some(kth.score),
            None => best.kth(),
        };
        if known.is_some_and(|kth| c.bound + SLACK < kth) {
            break;
        }
        // Below the k-th score (less the slack of ties) or this level, a candidate cannot enter the
        // hits. Short of `limit` hits, candidates are scored down to the next level, which may need
        // the score (with `limit` hits this level is the last), or to the `limit`-th score known.
        let (admit, scoring) = match (hits.get(limit - 1), best.kth()) {
            (Some(kth), _) => {
                let floor = (kth.score - SLACK).max(level) - 1e-6;
                (floor, floor)
            }
            (None, Some(kth)) => (level - 1e-6, (kth - SLACK).max(next) - 1e-6),
            (None, None) => (level - 1e-6, next - 1e-6),
        };
        let verified = match seen.get(&c.variant).copied() {
            Some(Verified::Below(f)) if f <= scoring => continue,
            Some(known @ (Verified::Score(..) | Verified::Unusable)) => known,
            _ => {
                // The unit's target is looked for only when the score is good enough.
                let score = reader.with_text(c.variant, |unit, text| {
                    (unit, matcher.score_value_with(text, scoring, scratch))
                })?;
                let verified = match score {
                    None => Verified::Unusable,
                    Some((_, None)) => Verified::Below(scoring),
                    Some((unit, Some(score))) => match reader.target(unit)? {
                        None => Verified::Unusable,
                        Some(needs_review) => {
                            best.add(score);
                            Verified::Score(score, unit, needs_review)
                        }
                    },
                };
                seen.insert(c.variant, verified);
                verified
            }
        };
        let Verified::Score(score, unit, needs_review) = verified else {
            continue;
        };
        if score < admit {
            continue;
        }
        // Stale postings may list a variant twice.
        if hits.iter().any(|h| h.variant == c.variant) {
            continue;
        }
        insert_hit(
            &mut hits,
            Hit {
                score,
                needs_review,
                unit,
                variant: c.variant,
            },
            limit,
        );
    }
    Ok(hits)
}

/// The best `limit` usable scores of one lookup, best first.
struct TopScores {
    scores: Vec<f32>,
    limit: usize,
}

impl TopScores {
    /// The best of the scores in `seen`.
    fn of(seen: &Seen, limit: usize) -> TopScores {
        let mut top = TopScores {
            scores: Vec::with_capacity(limit + 1),
            limit,
        };
        for v in seen.values() {
            if let Verified::Score(score, ..) = v {
                top.add(*score);
            }
        }
        top
    }

    fn add(&mut self, score: f32) {
        let at = self.scores.partition_point(|&s| s >= score);
        if at < self.limit {
            self.scores.insert(at, score);
            self.scores.truncate(self.limit);
        }
    }

    /// The `limit`-th best score, once there are `limit`.
    fn kth(&self) -> Option<f32> {
        self.scores.get(self.limit.checked_sub(1)?).copied()
    }
}

/// The same answer as [`lookup`], by scoring every stored `from` variant (slow: the baseline that
/// checks the index).
///
/// # Errors
/// As [`lookup`].
pub fn lookup_exhaustive(
    memory: &Memory,
    query: &str,
    from: &Lang,
    to: &Lang,
    options: &LookupOptions,
) -> Result<Vec<FuzzyMatch>, LookupError> {
    let matcher = prepare(query, from)?;
    let limit = options.limit.max(1);
    let t = options.min_score.clamp(0.01, 1.0);
    let mut hits = Vec::new();
    let mut scratch = fuzzy::Scratch::default();
    memory.for_each_source_variant(from, to, |variant, unit, text, needs_review| {
        if let Some(score) = matcher.score_value_with(text, t - 1e-6, &mut scratch) {
            insert_hit(
                &mut hits,
                Hit {
                    score,
                    needs_review,
                    unit,
                    variant,
                },
                limit,
            );
        }
    })?;
    finish(memory, &matcher, hits, from, to)
}

/// The matches of `hits`: target, provenance, the diff against the query and the adapted target.
fn finish(
    memory: &Memory,
    matcher: &Matcher,
    hits: Vec<Hit>,
    from: &Lang,
    to: &Lang,
) -> Result<Vec<FuzzyMatch>, LookupError> {
    let mut out = Vec::with_capacity(hits.len());
    for hit in hits {
        let row = memory.match_row(hit.variant, to)?;
        let (source, target) = (row.source, row.target);
        let (scored, st): (Scored, Vec<Token>) = matcher.score(&source);
        let diff = fuzzy::diff(
            matcher.text(),
            matcher.tokens(),
            &source,
            &st,
            &scored.steps,
        );
        let adapted = fuzzy::adapt(matcher.text(), &source, from, &scored, &target, to);
        // Issue #16: the day a unit was stored is no article's date.
        let date = match row.article {
            Some(_) => row.published,
            None => date_of(row.created_at),
        };
        out.push(FuzzyMatch {
            score: hit.score,
            unit: hit.unit,
            adapted: adapted.target.is_some(),
            original_target: adapted.target.as_ref().map(|_| target.clone()),
            target: adapted.target.unwrap_or(target),
            unadapted: adapted.unadapted,
            source,
            diff,
            origin: row.origin,
            article: row.article,
            date,
            status: row.status,
            approved: row.approved,
            confidence: row.confidence,
        });
    }
    Ok(out)
}

/// The matcher of a query, or why the query cannot be looked up.
fn prepare(query: &str, from: &Lang) -> Result<Matcher, LookupError> {
    if query.len() > MAX_QUERY_BYTES {
        return Err(LookupError::TooLong(query.len()));
    }
    let matcher = Matcher::new(query, from);
    if matcher.tokens().is_empty() {
        return Err(LookupError::Empty);
    }
    Ok(matcher)
}

/// Keeps `hits` sorted (score descending, then units that need review after the others, then unit
/// ascending) and at most `limit` long.
fn insert_hit(hits: &mut Vec<Hit>, hit: Hit, limit: usize) {
    let key = |h: &Hit| (std::cmp::Reverse(h.score.to_bits()), h.needs_review, h.unit);
    // Scores are non-negative, so their bit patterns order as the scores do.
    let pos = hits
        .iter()
        .position(|h| key(h) > key(&hit))
        .unwrap_or(hits.len());
    if pos < limit {
        hits.insert(pos, hit);
        hits.truncate(limit);
    }
}

fn date_of(unix: i64) -> Option<String> {
    let t = time::OffsetDateTime::from_unix_timestamp(unix).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        t.year(),
        u8::from(t.month()),
        t.day()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};
    use proptest::prelude::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn store(memory: &mut Memory, pairs: &[(&str, &str)]) -> Vec<i64> {
        let units: Vec<NewUnit> = pairs
            .iter()
            .map(|(en, az)| {
                NewUnit::new(
                    Origin::Manual,
                    vec![
                        NewVariant::new(lang("en"), *en),
                        NewVariant::new(lang("az"), *az),
                    ],
                )
            })
            .collect();
        let inserted = memory.insert_units(&units, 0).expect("insert");
        inserted.iter().map(|i| i.id()).collect()
    }

    #[test]
    fn lookup_finds_exact_and_fuzzy_matches_best_first() {
        let mut memory = Memory::open_in_memory().expect("memory");
        store(
            &mut memory,
            &[
                (
                    "The president received the delegation.",
                    "Prezident nümayəndə heyətini qəbul etdi.",
                ),
                (
                    "The president received the ambassador.",
                    "Prezident səfiri qəbul etdi.",
                ),
                ("Completely different words here.", "Tamamilə başqa sözlər."),
            ],
        );
        let found = lookup(
            &memory,
            "The president received the delegation.",
            &lang("en"),
            &lang("az"),
            &LookupOptions::default(),
        )
        .expect("lookup");
        let scores: Vec<u32> = found.iter().map(|m| fuzzy::percent(m.score)).collect();
        assert_eq!(scores, [100, 81]);
        assert_eq!(found[0].target, "Prezident nümayəndə heyətini qəbul etdi.");
    }

    #[test]
    fn lookup_works_between_any_two_stored_languages() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(lang("en"), "strategic partnership"),
                NewVariant::new(lang("az"), "strateji tərəfdaşlıq"),
                NewVariant::new(lang("ru"), "стратегическое партнерство"),
            ],
        );
        memory.insert_units(&[unit], 0).expect("insert");
        let found = lookup(
            &memory,
            "Strateji tərəfdaşlıq",
            &lang("az"),
            &lang("ru"),
            &LookupOptions::default(),
        )
        .expect("lookup");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].target, "стратегическое партнерство");
    }

    #[test]
    fn deleted_units_are_not_found() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let ids = store(&mut memory, &[("a b c d", "x"), ("a b c e", "y")]);
        let opts = LookupOptions::default();
        assert_eq!(
            lookup(&memory, "a b c d", &lang("en"), &lang("az"), &opts)
                .expect("lookup")
                .len(),
            2
        );
        memory.delete_units(&ids[..1]).expect("delete");
        let found = lookup(&memory, "a b c d", &lang("en"), &lang("az"), &opts).expect("lookup");
        assert_eq!(
            found.iter().map(|m| m.target.as_str()).collect::<Vec<_>>(),
            ["y"]
        );
    }

    #[test]
    fn a_lookup_needs_only_read_access() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut writer = Memory::open(&path).expect("memory");
        store(
            &mut writer,
            &[(
                "The talks took place in Baku.",
                "Danışıqlar Bakıda keçirilib.",
            )],
        );
        let reader = Memory::open_read_only(&path).expect("read-only");
        let found = lookup(
            &reader,
            "The talks took place in Baku.",
            &lang("en"),
            &lang("az"),
            &LookupOptions::default(),
        )
        .expect("lookup");
        assert_eq!(found[0].target, "Danışıqlar Bakıda keçirilib.");
        let found = lookup_exhaustive(
            &reader,
            "The talks took place in Baku.",
            &lang("en"),
            &lang("az"),
            &LookupOptions::default(),
        )
        .expect("scan");
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn empty_and_huge_queries_are_clear_errors() {
        let memory = Memory::open_in_memory().expect("memory");
        let opts = LookupOptions::default();
        let err = lookup(&memory, " \u{7} ", &lang("en"), &lang("az"), &opts).expect_err("empty");
        assert!(matches!(err, LookupError::Empty));
        let huge = "word ".repeat(30_000);
        let err = lookup(&memory, &huge, &lang("en"), &lang("az"), &opts).expect_err("huge");
        assert!(matches!(err, LookupError::TooLong(_)));
    }

    #[test]
    fn the_kth_score_found_bounds_the_scan_and_the_answer_is_the_scans() {
        // Ten words; one unit changes one word (90%), four change two (80%), one changes three
        // (70%). At 90% one match is short of the limit of 2: the level's candidates are scored
        // down to the best two found, and the next level starts at 80%.
        let mut memory = Memory::open_in_memory().expect("memory");
        let ids = store(
            &mut memory,
            &[
                ("a b c d e f g h i x", "t1"),
                ("a b c d e f g h y z", "t2"),
                ("a b c d e f g y x j", "t3"),
                ("x b c d e f g h i y", "t4"),
                ("a b c d e f x h i y", "t5"),
                ("a b c d e f g x y z", "t6"),
            ],
        );
        let opts = LookupOptions {
            min_score: 0.5,
            limit: 2,
        };
        let query = "a b c d e f g h i j";
        let found = lookup(&memory, query, &lang("en"), &lang("az"), &opts).expect("lookup");
        let scanned =
            lookup_exhaustive(&memory, query, &lang("en"), &lang("az"), &opts).expect("scan");
        let found: Vec<(i64, f32)> = found.iter().map(|m| (m.unit, m.score)).collect();
        assert_eq!(found, [(ids[0], 0.9), (ids[1], 0.8)]);
        let scanned: Vec<(i64, f32)> = scanned.iter().map(|m| (m.unit, m.score)).collect();
        assert_eq!(found, scanned);
    }

    #[test]
    fn top_scores_keep_the_best_limit() {
        let mut top = TopScores::of(&Seen::new(), 2);
        top.add(0.5);
        assert_eq!(top.kth(), None);
        top.add(0.9);
        assert_eq!(top.kth(), Some(0.5));
        top.add(0.7);
        top.add(0.6);
        assert_eq!(top.kth(), Some(0.7));
        let mut seen = Seen::new();
        seen.insert(1, Verified::Score(0.8, 1, false));
        seen.insert(2, Verified::Below(0.95));
        seen.insert(3, Verified::Unusable);
        seen.insert(4, Verified::Score(0.6, 4, true));
        assert_eq!(TopScores::of(&seen, 2).kth(), Some(0.6));
        assert_eq!(TopScores::of(&seen, 3).kth(), None);
    }

    #[test]
    fn the_candidate_reader_reads_source_texts_and_targets() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let ids = store(&mut memory, &[("The talks ended.", "Danışıqlar bitdi.")]);
        let only_en = NewUnit::new(
            Origin::Manual,
            vec![NewVariant::new(lang("en"), "No translation.")],
        );
        let lone = memory.insert_units(&[only_en], 0).expect("insert")[0].id();
        let variants: Vec<(i64, i64, String)> = memory
            .conn()
            .prepare("SELECT id, unit_id, lang FROM variant ORDER BY id")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .expect("variants");
        let (en, az) = (lang("en"), lang("az"));
        let mut reader = memory.candidate_reader(&en, &az).expect("reader");
        for (variant, unit, tag) in variants {
            let text = reader
                .with_text(variant, |u, text| (u, text.to_string()))
                .expect("read");
            match tag.as_str() {
                "en" => assert_eq!(text.map(|(u, _)| u), Some(unit)),
                _ => assert_eq!(text, None, "{tag} is not the source language"),
            }
        }
        assert_eq!(reader.target(ids[0]).expect("target"), Some(false));
        assert_eq!(reader.target(lone).expect("target"), None);
        assert_eq!(reader.with_text(9_999, |_, _| ()).expect("read"), None);
    }

    fn sentence() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("the"),
                Just("The"),
                Just("talks"),
                Just("of"),
                Just("Baku"),
                Just("3"),
                Just("4"),
                Just(","),
                Just("."),
                Just("partnership"),
                Just("strategic"),
                Just("trade"),
                Just("  ")
            ],
            1..12,
        )
        .prop_map(|w| w.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn the_index_finds_everything_an_exhaustive_scan_finds(
            memory_texts in proptest::collection::vec(sentence(), 1..40),
            queries in proptest::collection::vec(sentence(), 1..5),
            threshold in 1u32..100,
            deletions in proptest::collection::vec(any::<bool>(), 40),
            // A small limit runs the threshold cascade and its kept scores; 1000 rarely stops early.
            limit in prop_oneof![Just(1000usize), 1usize..4],
        ) {
            let mut memory = Memory::open_in_memory().expect("memory");
            let mut ids = Vec::new();
            for (i, text) in memory_texts.iter().enumerate() {
                let unit = NewUnit::new(
                    Origin::Manual,
                    vec![NewVariant::new(lang("en"), text.as_str()), NewVariant::new(lang("az"), format!("t{i}"))],
                );
                ids.push(memory.insert_units(&[unit], 0).expect("insert")[0].id());
            }
            let doomed: Vec<i64> = ids.iter().zip(&deletions).filter(|(_, d)| **d).map(|(id, _)| *id).collect();
            memory.delete_units(&doomed[..doomed.len() / 2]).expect("delete");
            let opts = LookupOptions { min_score: threshold as f32 / 100.0, limit };
            for q in queries.iter().filter(|q| !q.trim().is_empty()) {
                let fast = lookup(&memory, q, &lang("en"), &lang("az"), &opts).expect("lookup");
                let slow = lookup_exhaustive(&memory, q, &lang("en"), &lang("az"), &opts).expect("scan");
                let fast: Vec<(i64, f32)> = fast.iter().map(|m| (m.unit, m.score)).collect();
                let slow: Vec<(i64, f32)> = slow.iter().map(|m| (m.unit, m.score)).collect();
                prop_assert_eq!(fast, slow);
            }
        }
    }
}
/// Issue #16, item 5: below 12% the index lost matches (`#` against "Kim was 30 years old." scored
/// 13% by pairing the mark with the number, which issue #15 made a replacement: it now scores 0).
#[cfg(test)]
mod low_thresholds {
    use super::*;
    use crate::lang::Lang;
    use crate::unit::{NewUnit, NewVariant, Origin};

    #[test]
    fn low_thresholds_find_what_the_scan_finds() {
        let (en, ru) = (
            Lang::parse("en").expect("en"),
            Lang::parse("ru").expect("ru"),
        );
        let mut memory = Memory::open_in_memory().expect("memory");
        let unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(en.clone(), "Kim was 30 years old."),
                NewVariant::new(ru.clone(), "Киму было 30 лет."),
            ],
        );
        memory.insert_units(&[unit], 0).expect("insert");
        // "." shares the full stop: 2 of 22, 9%. "#" shares nothing of its kind.
        for (query, percent, expected) in [
            (".", 1u8, 1),
            (".", 5, 1),
            (".", 9, 1),
            (".", 10, 0),
            (".", 12, 0),
            ("#", 1, 0),
            ("#", 12, 0),
        ] {
            let opts = LookupOptions {
                min_score: f32::from(percent) / 100.0,
                limit: 7,
            };
            let scanned = lookup_exhaustive(&memory, query, &en, &ru, &opts).expect("scan");
            let found = lookup(&memory, query, &en, &ru, &opts).expect("lookup");
            assert_eq!(scanned.len(), expected, "the scan of {query} at {percent}%");
            assert_eq!(found, scanned, "{query} at {percent}%");
        }
    }
}

/// Regression: a source scoring exactly the threshold was cut by the length filter, because the
/// threshold 0.3 arrives as the f32 0.30000001 (found by the recall property test).
#[cfg(test)]
mod threshold_rounding {
    use super::*;
    use crate::lang::Lang;
    use crate::unit::{NewUnit, NewVariant, Origin};

    #[test]
    fn a_source_scoring_exactly_the_threshold_is_found() {
        let en = Lang::parse("en").expect("valid");
        let az = Lang::parse("az").expect("valid");
        let mut memory = Memory::open_in_memory().expect("memory");
        let source = "the the of the , partnership the of partnership partnership ,";
        let unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(en.clone(), source),
                NewVariant::new(az.clone(), "t0"),
            ],
        );
        memory.insert_units(&[unit], 0).expect("insert");
        let opts = LookupOptions {
            min_score: 0.30,
            limit: 1000,
        };
        let found = lookup(&memory, "the of of", &en, &az, &opts).expect("lookup");
        let scanned = lookup_exhaustive(&memory, "the of of", &en, &az, &opts).expect("scan");
        assert_eq!(scanned.len(), 1);
        assert_eq!(found.len(), 1, "the index misses the match the scan finds");
        assert_eq!(found[0].score, scanned[0].score);
    }
}
/// Regression (issue #15): the mark `#` shares the key of numbers, and the score paired the two as a
/// changed number, above the bound the index computes; at 80% the index lost "# b" for "7 b".
#[cfg(test)]
mod hash_mark {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};

    #[test]
    fn a_hash_mark_is_not_a_number_to_the_score_or_the_index() {
        let en = Lang::parse("en").expect("en");
        let az = Lang::parse("az").expect("az");
        let mut memory = Memory::open_in_memory().expect("memory");
        for text in ["7 b", "# b"] {
            let unit = NewUnit::new(
                Origin::Manual,
                vec![
                    NewVariant::new(en.clone(), text),
                    NewVariant::new(az.clone(), "x"),
                ],
            );
            memory.insert_units(&[unit], 0).expect("insert");
        }
        for (query, threshold, expected) in [
            ("# b", 0.8, vec![(2, 1.0)]),
            ("7 b", 0.8, vec![(1, 1.0)]),
            ("# b", 0.5, vec![(2, 1.0), (1, 0.5)]),
        ] {
            let opts = LookupOptions {
                min_score: threshold,
                limit: 5,
            };
            let found = |m: Vec<FuzzyMatch>| -> Vec<(i64, f32)> {
                m.iter().map(|m| (m.unit, m.score)).collect()
            };
            let fast = found(lookup(&memory, query, &en, &az, &opts).expect("lookup"));
            let slow = found(lookup_exhaustive(&memory, query, &en, &az, &opts).expect("scan"));
            assert_eq!(slow, expected, "{query} at {threshold}");
            assert_eq!(fast, slow, "{query} at {threshold}");
        }
    }
}
