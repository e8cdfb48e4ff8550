//! Curating the memory: the review workflow a TM manager runs on what the aligner flagged (issue #11).
//!
//! The aligner's doubts are stored with each unit as reasons ([`crate::unit::ReviewReason`]: which
//! check, which languages). A reviewer lists the units that need review ([`Memory::review_queue`]),
//! looks at one with its neighbours in the article ([`show`]), and then
//! - [`approve`]s it: status ok, approved by whom and when;
//! - [`edit`]s one language's text (or adds a language);
//! - [`split`]s it where the aligner joined sentences that are translated apart: for each language, the
//!   first N of its sentences stay, the rest make a new unit right after it;
//! - [`merge`]s it with its neighbour where the aligner cut a translation in two;
//! - [`delete`]s it.
//!
//! Every change is one transaction ([`crate::tm::review::ReviewTx`]) that records who and when on the
//! unit (TMX `changeid`/`changedate`, which export writes) and in the review log, keeps provenance
//! (each variant's sentences in its article's document) and brings the match index up to date before
//! it commits. A split or merge is a correction, not an approval: the units it leaves keep their status
//! and reasons until approved.
//!
//! Split texts are the article's own sentences (joined as [`crate::segment::join_sentences`] joins
//! them), so a split needs a unit aligned from an article; an imported unit is corrected with [`edit`].

use crate::lang::Lang;
use crate::segment::join_sentences;
use crate::tm::review::{Actor, LogEntry, ReviewTx, UnitRecord};
use crate::tm::{self, Memory};
use crate::unit::{NewUnit, Status};

/// A review action that cannot be done.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No unit has this id.
    #[error("there is no unit {id}")]
    NoUnit {
        /// The id given.
        id: i64,
    },
    /// No article has this slug.
    #[error("there is no article '{slug}'")]
    NoArticle {
        /// The slug given.
        slug: String,
    },
    /// No import has this id.
    #[error("there is no import {id}")]
    NoImport {
        /// The id given.
        id: i64,
    },
    /// Two units to merge that do not follow each other in one article.
    #[error("units {first} and {second} are not neighbours in one article: only neighbours merge")]
    NotNeighbours {
        /// The first id given.
        first: i64,
        /// The second id given.
        second: i64,
    },
    /// A split of a unit that was not aligned from an article.
    #[error(
        "unit {id} was not aligned from an article: it has no sentences to split (edit it instead)"
    )]
    NoSentences {
        /// The unit.
        id: i64,
    },
    /// A split point the unit does not have.
    #[error(
        "unit {id} has {len} sentences in {lang}: the split keeps 0 to {len} of them, not {at}"
    )]
    BadSplitPoint {
        /// The unit.
        id: i64,
        /// The language.
        lang: Lang,
        /// The point given.
        at: usize,
        /// The sentences the unit has in that language.
        len: usize,
    },
    /// A split that does not say where to cut a language of several sentences.
    #[error("unit {id} has {len} sentences in {lang}: say how many stay, e.g. {lang}=1")]
    MissingSplitPoint {
        /// The unit.
        id: i64,
        /// The language.
        lang: Lang,
        /// Its sentences.
        len: usize,
    },
    /// A split point for a language the unit does not have.
    #[error("unit {id} has no {lang} variant")]
    NoVariant {
        /// The unit.
        id: i64,
        /// The language.
        lang: Lang,
    },
    /// A split that leaves a part with fewer than two languages.
    #[error(
        "the split leaves the {part} part of unit {id} with {langs}: a unit needs two languages (remove a sentence with edit instead)"
    )]
    OneSided {
        /// The unit.
        id: i64,
        /// "first" or "second".
        part: &'static str,
        /// The languages left, in words.
        langs: String,
    },
    /// An edit with an empty text.
    #[error("the new {lang} text of unit {id} is empty: delete the unit instead")]
    EmptyText {
        /// The unit.
        id: i64,
        /// The language.
        lang: Lang,
    },
    /// The memory failed.
    #[error(transparent)]
    Tm(#[from] tm::Error),
}

/// A unit with its neighbours in its article and its review log (`tmkit review show`).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UnitView {
    /// The unit before it in the article.
    pub before: Option<UnitRecord>,
    /// The unit.
    pub unit: UnitRecord,
    /// The unit after it.
    pub after: Option<UnitRecord>,
    /// What reviewers did to it, oldest first.
    pub log: Vec<LogEntry>,
}

fn unit_of(tx: &ReviewTx<'_>, id: i64) -> Result<UnitRecord, Error> {
    tx.unit(id)?.ok_or(Error::NoUnit { id })
}

/// Unit `id` with its neighbours in its article and its log.
///
/// # Errors
/// [`Error::NoUnit`]; the memory's errors.
pub fn show(memory: &Memory, id: i64) -> Result<UnitView, Error> {
    memory.read(|memory| {
        let unit = memory.unit_record(id)?.ok_or(Error::NoUnit { id })?;
        let (before, after) = memory.neighbours(id)?;
        let read = |n: Option<i64>| -> Result<Option<UnitRecord>, Error> {
            Ok(match n {
                Some(n) => memory.unit_record(n)?,
                None => None,
            })
        };
        Ok(UnitView {
            before: read(before)?,
            unit,
            after: read(after)?,
            log: memory.review_log(id)?,
        })
    })
}

/// Approves units `ids` (status ok, approved by the actor); all or none.
///
/// # Errors
/// [`Error::NoUnit`] for an id no unit has (nothing is approved then); the memory's errors.
pub fn approve(memory: &mut Memory, ids: &[i64], actor: Actor) -> Result<(), Error> {
    let tx = memory.review(actor)?;
    for &id in ids {
        unit_of(&tx, id)?;
        tx.approve(id)?;
        tx.log(id, "approve", "")?;
    }
    Ok(tx.commit()?)
}

/// Sets the `lang` text of unit `id` to `text` (adds the language when the unit lacks it). An aligned
/// variant keeps its sentences as provenance.
///
/// # Errors
/// [`Error::NoUnit`], [`Error::EmptyText`]; [`tm::Error::SameAsUnit`] when the unit would equal
/// another; the memory's errors.
pub fn edit(
    memory: &mut Memory,
    id: i64,
    lang: &Lang,
    text: &str,
    actor: Actor,
) -> Result<(), Error> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::EmptyText {
            id,
            lang: lang.clone(),
        });
    }
    let tx = memory.review(actor)?;
    let unit = unit_of(&tx, id)?;
    let before = unit.variant(lang).map(|v| v.text.clone());
    tx.set_variant(id, lang, text, None)?;
    tx.stamp(id)?;
    let detail = match before {
        Some(old) => format!("{lang}: '{old}' -> '{text}'"),
        None => format!("{lang}: added '{text}'"),
    };
    tx.log(id, "edit", &detail)?;
    Ok(tx.commit()?)
}

/// Deletes units `ids`; all or none.
///
/// # Errors
/// [`Error::NoUnit`] (nothing is deleted then); the memory's errors.
pub fn delete(memory: &mut Memory, ids: &[i64], actor: Actor) -> Result<(), Error> {
    let tx = memory.review(actor)?;
    for &id in ids {
        let unit = unit_of(&tx, id)?;
        let texts: Vec<String> = unit
            .variants
            .iter()
            .map(|v| format!("{}: '{}'", v.lang, v.text))
            .collect();
        tx.delete(id)?;
        tx.log(id, "delete", &texts.join("; "))?;
    }
    Ok(tx.commit()?)
}

/// Splits unit `id`: in each language the first `keep` sentences stay, the others make a new unit
/// placed right after it (same article, origin, status, confidence and reasons). A language not named
/// in `keep` must have at most one sentence, which stays. Returns the new unit's id.
///
/// # Errors
/// [`Error::NoUnit`], [`Error::NoSentences`] for a unit not aligned from an article,
/// [`Error::NoVariant`], [`Error::BadSplitPoint`], [`Error::MissingSplitPoint`],
/// [`Error::OneSided`]; the memory's errors.
pub fn split(
    memory: &mut Memory,
    id: i64,
    keep: &[(Lang, usize)],
    actor: Actor,
) -> Result<i64, Error> {
    let tx = memory.review(actor)?;
    let unit = unit_of(&tx, id)?;
    let article = unit.article_id.ok_or(Error::NoSentences { id })?;
    let mut sentences = Vec::new();
    for v in &unit.variants {
        if v.sentences.is_empty() {
            return Err(Error::NoSentences { id });
        }
        sentences.push(tx.document_sentences(article, &v.lang)?);
    }
    for (lang, _) in keep {
        if unit.variant(lang).is_none() {
            return Err(Error::NoVariant {
                id,
                lang: lang.clone(),
            });
        }
    }
    // (lang, sentences, text) of each part.
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (v, doc) in unit.variants.iter().zip(&sentences) {
        let len = v.sentences.len();
        let at = match keep.iter().find(|(l, _)| l == &v.lang) {
            Some(&(_, at)) if at <= len => at,
            Some(&(_, at)) => {
                return Err(Error::BadSplitPoint {
                    id,
                    lang: v.lang.clone(),
                    at,
                    len,
                });
            }
            None if len <= 1 => len,
            None => {
                return Err(Error::MissingSplitPoint {
                    id,
                    lang: v.lang.clone(),
                    len,
                });
            }
        };
        let text = |positions: &[usize]| -> Result<String, Error> {
            let mut parts = Vec::new();
            for &p in positions {
                parts.push(
                    doc.get(p)
                        .map(String::as_str)
                        .ok_or(tm::Error::NoSentence {
                            lang: v.lang.clone(),
                            position: p,
                        })?,
                );
            }
            Ok(join_sentences(&v.lang, parts))
        };
        let (a, b) = v.sentences.split_at(at);
        if !a.is_empty() {
            first.push((v.lang.clone(), a.to_vec(), text(a)?));
        }
        if !b.is_empty() {
            second.push((v.lang.clone(), b.to_vec(), text(b)?));
        }
    }
    for (part, langs) in [("first", &first), ("second", &second)] {
        if langs.len() < 2 {
            let names: Vec<&str> = langs.iter().map(|(l, _, _)| l.as_str()).collect();
            return Err(Error::OneSided {
                id,
                part,
                langs: if names.is_empty() {
                    "no language".into()
                } else {
                    format!("only {}", names.join(","))
                },
            });
        }
    }
    for v in &unit.variants {
        match first.iter().find(|(l, _, _)| l == &v.lang) {
            Some((lang, positions, text)) => tx.set_variant(id, lang, text, Some(positions))?,
            None => tx.remove_variant(id, &v.lang)?,
        }
    }
    tx.stamp(id)?;
    let mut variants = Vec::new();
    for (lang, positions, text) in &second {
        variants.push(tx.variant_of_sentences(article, lang, text, positions)?);
    }
    let mut new = NewUnit::new(unit.origin, variants);
    new.status = unit.status;
    new.confidence = unit.confidence;
    new.article_id = Some(article);
    new.srclang = unit.srclang.clone();
    let new_id = tx.insert(&new, &unit.reasons)?;
    let describe = |part: &[(Lang, Vec<usize>, String)]| -> String {
        part.iter()
            .map(|(l, p, _)| format!("{l} {}", positions(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let detail = format!(
        "kept {}; unit {new_id} got {}",
        describe(&first),
        describe(&second)
    );
    tx.log(id, "split", &detail)?;
    tx.log(new_id, "split", &format!("split from unit {id}"))?;
    tx.commit()?;
    Ok(new_id)
}

/// Sentence positions as shown (1-based): `1`, `2-3`, `1,3`.
fn positions(p: &[usize]) -> String {
    match p {
        [] => String::new(),
        [one] => (one + 1).to_string(),
        [a, .., b] if b - a + 1 == p.len() => format!("{}-{}", a + 1, b + 1),
        _ => p
            .iter()
            .map(|x| (x + 1).to_string())
            .collect::<Vec<_>>()
            .join(","),
    }
}

/// Merges units `first` and `second`, neighbours in one article (the source sentences of one end
/// right before those of the other start; in either order), into the earlier one: each language's text is the two texts joined, its sentences both units' sentences. The later
/// unit is deleted. The merged unit needs review when either did, with both units' reasons. Returns
/// the id of the merged unit.
///
/// # Errors
/// [`Error::NoUnit`], [`Error::NotNeighbours`]; [`tm::Error::SameAsUnit`] when the merged unit would
/// equal another; the memory's errors.
pub fn merge(memory: &mut Memory, first: i64, second: i64, actor: Actor) -> Result<i64, Error> {
    let tx = memory.review(actor)?;
    let a = unit_of(&tx, first)?;
    let b = unit_of(&tx, second)?;
    // Neighbours: one article, the source sentences of one end right before the other's start.
    let span = |u: &UnitRecord| -> Option<(i64, usize, usize)> {
        let sentences = &u.variant(u.srclang.as_ref()?)?.sentences;
        Some((
            u.article_id?,
            *sentences.iter().min()?,
            *sentences.iter().max()?,
        ))
    };
    let (a, b) = match (span(&a), span(&b)) {
        (Some((x, _, end)), Some((y, start, _))) if x == y && end + 1 == start => (a, b),
        (Some((x, start, _)), Some((y, _, end))) if x == y && end + 1 == start => (b, a),
        _ => return Err(Error::NotNeighbours { first, second }),
    };
    let mut langs: Vec<&Lang> = a.variants.iter().map(|v| &v.lang).collect();
    langs.extend(b.variants.iter().map(|v| &v.lang));
    langs.sort();
    langs.dedup();
    for lang in langs {
        let (va, vb) = (a.variant(lang), b.variant(lang));
        let texts: Vec<&str> = [va, vb]
            .into_iter()
            .flatten()
            .map(|v| v.text.as_str())
            .collect();
        let mut sentences: Vec<usize> = [va, vb]
            .into_iter()
            .flatten()
            .flat_map(|v| v.sentences.iter().copied())
            .collect();
        sentences.sort_unstable();
        sentences.dedup();
        let text = join_sentences(lang, texts);
        let provenance = (!sentences.is_empty()).then_some(sentences.as_slice());
        tx.set_variant(a.id, lang, &text, provenance)?;
    }
    // The later unit goes first, so that the merged one does not collide with it.
    tx.delete(b.id)?;
    tx.stamp(a.id)?;
    if b.status == Status::NeedsReview {
        tx.set_status(a.id, Status::NeedsReview)?;
    }
    tx.add_reasons(a.id, &b.reasons)?;
    tx.log(a.id, "merge", &format!("merged unit {} into it", b.id))?;
    tx.log(b.id, "merge", &format!("merged into unit {}", a.id))?;
    tx.commit()?;
    Ok(a.id)
}

/// Deletes article `slug` with its documents, sentences and units; returns the units deleted.
///
/// # Errors
/// [`Error::NoArticle`]; the memory's errors.
pub fn delete_article(memory: &mut Memory, slug: &str, actor: Actor) -> Result<u64, Error> {
    let tx = memory.review(actor)?;
    let units = tx.delete_article(slug)?.ok_or_else(|| Error::NoArticle {
        slug: slug.to_string(),
    })?;
    Ok(tx.commit().map(|()| units)?)
}

/// Deletes import `id` and the units it brought; returns the units deleted.
///
/// # Errors
/// [`Error::NoImport`]; the memory's errors.
pub fn delete_import(memory: &mut Memory, id: i64, actor: Actor) -> Result<u64, Error> {
    let tx = memory.review(actor)?;
    let units = tx.delete_import(id)?.ok_or(Error::NoImport { id })?;
    Ok(tx.commit().map(|()| units)?)
}
