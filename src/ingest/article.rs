//! Aligning one article: its source version with each of its language versions, the multilingual units
//! through the source as pivot, storing them with provenance, and teaching the memory's lexicon.
//!
//! Each pair is aligned in two passes ([`align::align_two_pass`]) with the pair's lexicon: the seed list
//! plus what the memory learned ([`lexicon_for`]). The units are those of [`align::pivot_units`], plus,
//! where the pivot had to join source sentences that one pair aligns separately, that pair's finer
//! bilingual units ([`units`]); their review status follows a [`ReviewPolicy`]. Storing them
//! ([`store`]) does not retrain the memory's word-alignment models, which the learned lexicon comes
//! from: `tmkit train` does ([`crate::ingest::lexicon`] says why).

use super::review::UnitSpan;
use super::{Doc, Error, ReviewPolicy};
use crate::align::{self, Alignment, Lexicon, Options};
use crate::unit::{AlignedUnit, ArticleMeta, NewDocument, StoreReport};
use crate::{Lang, Memory};

/// The lexicon for a pair: the seed list plus what the memory learned (when there is a memory).
///
/// # Errors
///
/// [`Error::Tm`] when the memory's lexicon cannot be read.
pub fn lexicon_for(src: &Lang, tgt: &Lang, memory: Option<&Memory>) -> Result<Lexicon, Error> {
    let mut lexicon = Lexicon::seed(src, tgt);
    if let Some(memory) = memory {
        lexicon.extend(&memory.learned_lexicon(src, tgt)?);
    }
    Ok(lexicon)
}

/// The lexicons of the pairs aligned so far ([`lexicon_for`]), kept from one article to the next of
/// an archive walk: each is read again only when the memory's model of its pair has changed (another
/// number of units or of bytes), not once per article and pair.
#[derive(Debug, Default)]
pub struct Lexicons {
    /// Per pair, the lexicon and what it was read from.
    pairs: Vec<KeptLexicon>,
    /// Kept as read, without asking the memory whether its models changed ([`Lexicons::read_now`]).
    frozen: bool,
}

/// `(source, target)`, the stored model's `(units, bytes)` the lexicon was read from (None without
/// one), and the lexicon.
type KeptLexicon = ((Lang, Lang), Option<(u64, u64)>, Lexicon);

impl Lexicons {
    /// No lexicon read yet.
    pub fn new() -> Lexicons {
        Lexicons::default()
    }

    /// The lexicons of `src` with each of `targets`, read now and kept as they are: [`Lexicons::get`]
    /// then answers for these pairs without the memory. An archive walk aligns with them on a thread
    /// of its own, while the memory's connection stores; storing trains no model, so the lexicons
    /// read at the start are those the memory would give for every article of the walk (unless
    /// another process runs `tmkit train` meanwhile).
    ///
    /// # Errors
    ///
    /// [`Error::Tm`] when the memory's lexicon cannot be read.
    pub fn read_now(
        src: &Lang,
        targets: &[Lang],
        memory: Option<&Memory>,
    ) -> Result<Lexicons, Error> {
        let mut lexicons = Lexicons::new();
        for tgt in targets {
            lexicons.get(src, tgt, memory)?;
        }
        lexicons.frozen = true;
        Ok(lexicons)
    }

    /// The lexicon of `src`–`tgt`, as [`lexicon_for`] reads it.
    ///
    /// # Errors
    ///
    /// [`Error::Tm`] when the memory's lexicon cannot be read.
    pub fn get(
        &mut self,
        src: &Lang,
        tgt: &Lang,
        memory: Option<&Memory>,
    ) -> Result<&Lexicon, Error> {
        let kept = self
            .pairs
            .iter()
            .position(|((s, t), _, _)| s == src && t == tgt);
        if let (true, Some(at)) = (self.frozen, kept) {
            return Ok(&self.pairs[at].2);
        }
        let stored = match memory {
            Some(memory) => memory
                .phrase_models()?
                .into_iter()
                .find(|r| {
                    (r.src == src.as_str() && r.tgt == tgt.as_str())
                        || (r.src == tgt.as_str() && r.tgt == src.as_str())
                })
                .map(|r| (r.units, r.bytes)),
            None => None,
        };
        let at = match kept {
            Some(at) if self.pairs[at].1 == stored => at,
            Some(at) => {
                self.pairs[at] = (
                    (src.clone(), tgt.clone()),
                    stored,
                    lexicon_for(src, tgt, memory)?,
                );
                at
            }
            None => {
                let lexicon = lexicon_for(src, tgt, memory)?;
                self.pairs
                    .push(((src.clone(), tgt.clone()), stored, lexicon));
                self.pairs.len() - 1
            }
        };
        Ok(&self.pairs[at].2)
    }
}

/// Aligns the source with each target, with the pair's lexicon when `use_lexicon` (none otherwise,
/// seed list included).
///
/// # Errors
///
/// [`Error::Tm`] when the memory's lexicon cannot be read.
pub fn align_all(
    source: &Doc,
    targets: &[Doc],
    memory: Option<&Memory>,
    use_lexicon: bool,
) -> Result<Vec<Alignment>, Error> {
    align_all_with(source, targets, memory, use_lexicon, &mut Lexicons::new())
}

/// [`align_all`] with the lexicons read so far (an archive walk keeps them between articles).
///
/// # Errors
///
/// [`Error::Tm`] when the memory's lexicon cannot be read.
pub fn align_all_with(
    source: &Doc,
    targets: &[Doc],
    memory: Option<&Memory>,
    use_lexicon: bool,
    lexicons: &mut Lexicons,
) -> Result<Vec<Alignment>, Error> {
    let options = Options {
        lexicon: use_lexicon,
        ..Options::default()
    };
    let src = source.side();
    let none = Lexicon::new();
    let mut out = Vec::new();
    for target in targets {
        let lexicon = if use_lexicon {
            lexicons.get(&source.lang, &target.lang, memory)?
        } else {
            &none
        };
        out.push(align::align_two_pass(
            &src,
            &target.side(),
            lexicon,
            &options,
        ));
    }
    Ok(out)
}

/// Multilingual units through the source as pivot (see [`align::pivot_units`]), plus, where the pivot
/// had to join source sentences that one pair aligns separately, that pair's finer bilingual units: a
/// translator looking up one sentence should find its own translation, not only the joined unit.
///
/// `alignments` are those of [`align_all`], one per target; `policy` sets each unit's status.
pub fn units(
    source: &Doc,
    targets: &[Doc],
    alignments: &[Alignment],
    policy: &ReviewPolicy,
) -> Vec<AlignedUnit> {
    let langs: Vec<Lang> = targets.iter().map(|t| t.lang.clone()).collect();
    let doubtful = alignments.iter().any(|a| !a.warnings.is_empty());
    let pivot = align::pivot_units(source.sentences.len(), alignments);
    let mut finer = Vec::new();
    if alignments.len() > 1 {
        for (lang, alignment) in langs.iter().zip(alignments) {
            for bead in alignment.beads.iter().filter(|b| b.is_linked()) {
                let joined = pivot
                    .iter()
                    .find(|u| u.src.contains(&bead.src.start))
                    .is_some_and(|u| u.src != bead.src);
                if joined {
                    let reasons = policy.pair_reasons(doubtful, bead.confidence);
                    let span = UnitSpan {
                        src: &bead.src,
                        targets: vec![(lang, alignment, &bead.tgt)],
                    };
                    finer.push(AlignedUnit {
                        sentences: vec![
                            (source.lang.clone(), bead.src.clone().collect()),
                            (lang.clone(), bead.tgt.clone().collect()),
                        ],
                        confidence: bead.confidence,
                        status: ReviewPolicy::status(&reasons),
                        flags: bead.flags.iter().map(|f| f.as_str().to_string()).collect(),
                        reasons: policy.stored_reasons(&reasons, &span),
                    });
                }
            }
        }
    }
    pivot
        .into_iter()
        .map(|u| {
            let mut sentences = vec![(source.lang.clone(), u.src.clone().collect::<Vec<_>>())];
            for (lang, tgt) in langs.iter().zip(&u.tgt) {
                sentences.push((lang.clone(), tgt.clone().collect()));
            }
            let reasons = policy.reasons(doubtful, u.confidence, &u.flags);
            let span = UnitSpan {
                src: &u.src,
                targets: langs
                    .iter()
                    .zip(alignments)
                    .zip(&u.tgt)
                    .map(|((l, a), t)| (l, a, t))
                    .collect(),
            };
            AlignedUnit {
                sentences,
                confidence: u.confidence,
                status: ReviewPolicy::status(&reasons),
                flags: u.flags.iter().map(|f| f.as_str().to_string()).collect(),
                reasons: policy.stored_reasons(&reasons, &span),
            }
        })
        .chain(finer)
        .collect()
}

/// Checks that every version of an article has sentences, before it is stored by `tmkit align`.
///
/// # Errors
///
/// [`Error::NoSentences`] naming the first file without any.
pub fn check_storable(source: &Doc, targets: &[Doc]) -> Result<(), Error> {
    match std::iter::once(source)
        .chain(targets)
        .find(|d| d.sentences.is_empty())
    {
        Some(empty) => Err(Error::NoSentences {
            path: empty.path.clone(),
        }),
        None => Ok(()),
    }
}

/// Stores an aligned article as `slug`: its documents and `units` (from [`units`]), in one
/// transaction. The memory's word-alignment models are not retrained: the memory records them as
/// stale until `tmkit train` ([`crate::Memory::train_phrase_models`]).
///
/// # Errors
///
/// [`Error::Store`] when the article cannot be stored (nothing of it is).
pub fn store(
    memory: &mut Memory,
    slug: &str,
    source: &Doc,
    targets: &[Doc],
    units: &[AlignedUnit],
) -> Result<StoreReport, Error> {
    memory
        .store_aligned(
            &ArticleMeta::from_slug(slug),
            &documents(source, targets),
            units,
        )
        .map_err(store_failed(slug))
}

/// An article's versions as the documents to store, the source first.
pub(crate) fn documents(source: &Doc, targets: &[Doc]) -> Vec<NewDocument> {
    std::iter::once(source)
        .chain(targets)
        .map(Doc::to_document)
        .collect()
}

/// [`Error::Store`] of the article `slug`, from the memory's error.
pub(crate) fn store_failed(slug: &str) -> impl FnOnce(crate::tm::Error) -> Error + '_ {
    move |source| Error::Store {
        slug: slug.to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::align::{Bead, Flag, Warning};
    use crate::unit::Status;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn doc(tag: &str, text: &str) -> Doc {
        Doc::from_text(
            PathBuf::from(format!("{tag}.sents.txt")),
            lang(tag),
            text.to_string(),
            true,
        )
    }

    fn bead(src: std::ops::Range<usize>, tgt: std::ops::Range<usize>, flags: &[Flag]) -> Bead {
        Bead {
            src,
            tgt,
            confidence: 0.95,
            flags: flags.to_vec(),
        }
    }

    /// en has two sentences; az joins them into one, ru keeps them apart (its second bead has a number
    /// missing).
    fn joined_by_one_pair() -> (Doc, Vec<Doc>, Vec<Alignment>) {
        let en = doc("en", "Trade grew.\nIt reached 3 billion.\n");
        let az = doc("az", "Ticarət artıb və 3 milyarda çatıb.\n");
        let ru = doc("ru", "Торговля выросла.\nОна достигла миллиарда.\n");
        let alignments = vec![
            Alignment {
                beads: vec![bead(0..2, 0..1, &[])],
                warnings: Vec::new(),
            },
            Alignment {
                beads: vec![
                    bead(0..1, 0..1, &[]),
                    bead(1..2, 1..2, &[Flag::NumberMismatch]),
                ],
                warnings: Vec::new(),
            },
        ];
        (en, vec![az, ru], alignments)
    }

    /// A unit's sentence positions by language tag.
    type Positions<'a> = Vec<(&'a str, Vec<usize>)>;

    #[test]
    fn units_keep_a_pairs_finer_units_where_the_pivot_joins_its_sentences() {
        let (en, targets, alignments) = joined_by_one_pair();
        let got = units(&en, &targets, &alignments, &ReviewPolicy::default());
        let shape: Vec<(Positions, Status)> = got
            .iter()
            .map(|u| {
                let sentences = u
                    .sentences
                    .iter()
                    .map(|(l, s)| (l.as_str(), s.clone()))
                    .collect();
                (sentences, u.status)
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (
                    vec![("en", vec![0, 1]), ("az-Latn", vec![0]), ("ru", vec![0, 1])],
                    Status::NeedsReview
                ),
                (vec![("en", vec![0]), ("ru", vec![0])], Status::Ok),
                (vec![("en", vec![1]), ("ru", vec![1])], Status::Ok),
            ]
        );
        assert!(got[0].flags.contains(&"number-mismatch".to_string()));
        // The number is missing in ru only: the reason names ru, not az (issue #11).
        let reasons: Vec<String> = got[0].reasons.iter().map(|r| r.to_string()).collect();
        assert_eq!(
            reasons,
            vec![
                "pivot-disagreement (az-Latn,ru)".to_string(),
                "number-mismatch (ru)".to_string()
            ]
        );
        assert_eq!(got[2].flags, vec!["number-mismatch".to_string()]);
    }

    #[test]
    fn a_warning_on_one_pair_sends_every_unit_of_the_article_to_review() {
        let (en, targets, mut alignments) = joined_by_one_pair();
        alignments[0]
            .warnings
            .push(Warning::LengthMismatch { ratio: 50.0 });
        let got = units(&en, &targets, &alignments, &ReviewPolicy::default());
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|u| u.status == Status::NeedsReview));
    }

    #[test]
    fn storing_needs_sentences_in_every_version() {
        let (en, mut targets, _) = joined_by_one_pair();
        assert!(check_storable(&en, &targets).is_ok());
        targets.push(doc("zh", "\n\n"));
        let err = check_storable(&en, &targets).expect_err("empty zh");
        assert_eq!(
            err.to_string(),
            "zh.sents.txt: the file has no sentences; nothing stored"
        );
    }

    #[test]
    fn storing_an_article_twice_keeps_one_copy_and_training_teaches_the_lexicon() {
        let sample = |name: &str| {
            let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("samples/2024-07-03-aliyev-xi-astana")
                .join(name);
            Doc::read(&path, lang(&name[..2]), true).expect("sample")
        };
        let (en, az) = (sample("en.sents.txt"), sample("az.sents.txt"));
        let targets = [az];
        let mut memory = Memory::open_in_memory().expect("memory");
        assert!(
            memory
                .learned_lexicon(&en.lang, &targets[0].lang)
                .expect("read")
                .is_empty()
        );
        let alignments = align_all(&en, &targets, Some(&memory), true).expect("align");
        let made = units(&en, &targets, &alignments, &ReviewPolicy::default());
        let first = store(&mut memory, "2024-07-03-x", &en, &targets, &made).expect("store");
        assert_eq!(
            first.inserted + first.merged + first.untranslated,
            made.len()
        );
        let count = memory.count_units().expect("count");
        let second = store(&mut memory, "2024-07-03-x", &en, &targets, &made).expect("store again");
        assert!(second.unchanged);
        assert_eq!(memory.count_units().expect("count"), count);
        // Storing trains nothing: the models are stale until trained.
        assert!(
            memory
                .learned_lexicon(&en.lang, &targets[0].lang)
                .expect("read")
                .is_empty()
        );
        assert!(memory.phrase_models_stale().expect("state"));
        memory
            .train_phrase_models(crate::ingest::lexicon::Refresh::Changed)
            .expect("train");
        assert!(!memory.phrase_models_stale().expect("state"));
        assert!(
            !memory
                .learned_lexicon(&en.lang, &targets[0].lang)
                .expect("read")
                .is_empty()
        );
    }

    #[test]
    fn kept_lexicons_are_read_again_once_the_pairs_model_changes() {
        let (en, az) = (lang("en"), lang("az"));
        let mut memory = Memory::open_in_memory().expect("memory");
        let mut lexicons = Lexicons::new();
        let seed = Lexicon::seed(&en, &az);
        assert_eq!(
            lexicons.get(&en, &az, Some(&memory)).expect("read").len(),
            seed.len()
        );
        let pairs = [
            ("The zorblat voted.", "Zorblat səs verdi."),
            ("The zorblat met.", "Zorblat toplandı."),
            ("The zorblat spoke.", "Zorblat danışdı."),
            ("The government met.", "Hökumət toplandı."),
        ];
        let model = crate::phrase::Model::train(pairs.iter().copied(), &en, &az);
        memory.save_phrase_model(&model, 4).expect("save");
        let learned = lexicon_for(&en, &az, Some(&memory)).expect("read");
        assert!(seed.get("zorbla").is_empty());
        assert!(!learned.get("zorbla").is_empty());
        let kept = lexicons.get(&en, &az, Some(&memory)).expect("read");
        assert_eq!(kept, &learned);
        // Without a memory the seed list alone, for the pair asked.
        assert_eq!(lexicons.get(&en, &az, None).expect("read"), &seed);
    }

    #[test]
    fn lexicons_read_now_are_kept_as_read_when_the_model_changes() {
        let (en, az, ru) = (lang("en"), lang("az"), lang("ru"));
        let mut memory = Memory::open_in_memory().expect("memory");
        let mut frozen =
            Lexicons::read_now(&en, &[az.clone(), ru.clone()], Some(&memory)).expect("read");
        let pairs = [
            ("The zorblat voted.", "Zorblat səs verdi."),
            ("The zorblat met.", "Zorblat toplandı."),
        ];
        let model = crate::phrase::Model::train(pairs.iter().copied(), &en, &az);
        memory.save_phrase_model(&model, 2).expect("save");
        let seed = Lexicon::seed(&en, &az);
        assert_eq!(frozen.get(&en, &az, Some(&memory)).expect("kept"), &seed);
        assert_eq!(
            frozen.get(&en, &ru, None).expect("kept"),
            &Lexicon::seed(&en, &ru)
        );
        // Not frozen, the same memory gives the learned entries.
        assert!(
            !Lexicons::new()
                .get(&en, &az, Some(&memory))
                .expect("read")
                .get("zorbla")
                .is_empty()
        );
    }
}
