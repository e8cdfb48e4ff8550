//! The memory's learned lexicon: one word-alignment model per language pair ([`phrase::Model`]),
//! trained on the memory's trusted units (status `ok`, or approved) that hold both languages, and
//! stored in the memory ([`crate::tm::lexicon`]). The same model gives concordance its phrase
//! renderings and the sentence aligner its learned word translations ([`Memory::learned_lexicon`]).
//!
//! **Keeping it current.** [`Memory::train_phrase_models`] retrains the model of every pair whose
//! number of trusted units has changed by at least [`STALE_GROWTH`] of what the model was trained on
//! ([`Refresh::Stale`]), or has changed at all ([`Refresh::Changed`]). Storing an aligned article
//! (`tmkit align --store`) refreshes stale models, so each article aligned still teaches the next
//! ones while the total training time stays linear in the memory's size (the models are retrained
//! at geometrically spaced sizes); each article of `tmkit align-dir --store` refreshes only the
//! stale models of the pairs the aligner reads (source and target,
//! [`Memory::train_phrase_models_of`]): the pairs between two targets teach no aligner, and
//! `align-dir` and `import` end by refreshing every changed model, so after them the models are
//! trained on every unit, the same models either way (training depends on the units alone). A
//! language's written forms are recorded from every pair trained with it.
//! Training is from scratch (EM has no cheap incremental form that keeps fast_align's diagonal
//! tension fit); at about 9,000 unit pairs a CPU second and language pair it is the price of a store.

use std::collections::{HashMap, HashSet};

use crate::align::keys;
use crate::align::lexicon::Lexicon;
use crate::lang::Lang;
use crate::phrase;
use crate::tm::{Error, Memory};

/// A model is stale when its pair's trusted units grew (or shrank) by this fraction of the units
/// it was trained on: a quarter keeps every model trained on at least four fifths of its units, and
/// the sum of all retrainings within five times the cost of the last one.
pub const STALE_GROWTH: f64 = 0.25;

/// Fewer units with both languages than this train no model: one pair teaches nothing that a
/// second could not contradict.
pub const MIN_UNITS: u64 = 2;

/// A learned translation needs at least this `p(target | source)`...
const MIN_FORWARD: f32 = 0.2;
/// ... and at least this `p(source | target)`: a frequent target word that every rare source word
/// half-explains is not its translation.
const MIN_REVERSE: f32 = 0.05;
/// Translations kept per source word, as the co-occurrence lexicon kept.
const MAX_TRANSLATIONS: usize = 3;

/// Which models [`Memory::train_phrase_models`] retrains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refresh {
    /// Those whose units changed by [`STALE_GROWTH`] or more (or that have none yet).
    Stale,
    /// Those whose units changed at all.
    Changed,
    /// Every pair with units, changed or not (after an upgrade of the trainer).
    All,
}

/// A model trained by [`Memory::train_phrase_models`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainedModel {
    /// The pair's first language (tag order).
    pub src: Lang,
    /// The second language.
    pub tgt: Lang,
    /// Units it was trained on.
    pub units: u64,
    /// Its stored size in bytes.
    pub bytes: u64,
}

impl Memory {
    /// Retrains and stores the models that `refresh` selects (see the module docs), each in its
    /// own transaction; returns what it trained. This ends every command that writes a memory in
    /// bulk (`align-dir --store`, `import`, `train`), so it also compacts the memory when that is
    /// worth it ([`Memory::compact`]): retrained models and article-by-article index chunks leave
    /// free and half-empty pages behind.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Busy`]; the models trained before the error are stored.
    pub fn train_phrase_models(&mut self, refresh: Refresh) -> Result<Vec<TrainedModel>, Error> {
        let trained = self.train_models(refresh, None)?;
        self.compact()?;
        Ok(trained)
    }

    /// [`Memory::train_phrase_models`] for the language pairs `pairs` only (either order): what an
    /// archive walk keeps current after each article, the pairs its aligner reads; the others wait
    /// for the refresh that ends the walk, which trains them on the same units.
    ///
    /// # Errors
    /// As [`Memory::train_phrase_models`].
    pub fn train_phrase_models_of(
        &mut self,
        refresh: Refresh,
        pairs: &[(Lang, Lang)],
    ) -> Result<Vec<TrainedModel>, Error> {
        self.train_models(refresh, Some(pairs))
    }

    fn train_models(
        &mut self,
        refresh: Refresh,
        only: Option<&[(Lang, Lang)]>,
    ) -> Result<Vec<TrainedModel>, Error> {
        let counts = self.trusted_pair_counts()?;
        let stored = self.phrase_models()?;
        let mut out = Vec::new();
        // The forms of each language met in this call, over every pair trained: a language's forms
        // come from all its pairs, whichever of them were stale.
        let mut forms_seen: HashMap<Lang, HashSet<String>> = HashMap::new();
        for (a, b, units) in counts {
            if units < MIN_UNITS {
                continue;
            }
            let wanted = only.is_none_or(|pairs| {
                pairs.iter().any(|(x, y)| {
                    (x.as_str() == a && y.as_str() == b) || (x.as_str() == b && y.as_str() == a)
                })
            });
            if !wanted {
                continue;
            }
            let trained = stored
                .iter()
                .find(|r| r.src == a && r.tgt == b)
                .map(|r| r.units);
            let stale = match trained {
                None => true,
                Some(_) if refresh == Refresh::All => true,
                Some(t) if t == units => false,
                Some(t) => {
                    refresh == Refresh::Changed
                        || (units.abs_diff(t) as f64) >= STALE_GROWTH * t as f64
                }
            };
            // A tag tmkit did not write is left alone: nothing is trained on it.
            let (Ok(src), Ok(tgt)) = (Lang::parse(&a), Lang::parse(&b)) else {
                continue;
            };
            if !stale {
                continue;
            }
            let pairs = self.trusted_pairs(&src, &tgt)?;
            let model = phrase::Model::train_seeded(
                pairs.iter().map(|(s, t)| (s.as_str(), t.as_str())),
                &src,
                &tgt,
                &phrase::TrainOptions::default(),
            );
            let n = pairs.len() as u64;
            self.save_phrase_model(&model, n)?;
            for (lang, side) in [(&src, 0), (&tgt, 1)] {
                if lang.is_spaced() {
                    let texts = pairs.iter().map(|p| if side == 0 { &p.0 } else { &p.1 });
                    let seen = forms_seen.entry(lang.clone()).or_default();
                    let forms = written_forms(lang, texts, seen);
                    if !forms.is_empty() {
                        self.add_phrase_forms(lang, &forms)?;
                    }
                }
            }
            out.push(TrainedModel {
                src,
                tgt,
                units: n,
                bytes: model.to_bytes().len() as u64,
            });
        }
        Ok(out)
    }

    /// The word translations the memory's model of `src`–`tgt` supports, as the sentence aligner's
    /// lexicon: per source word, up to three target words with `p(target | source)` ≥ 0.2 and
    /// `p(source | target)` ≥ 0.05, most probable first, both as aligner keys
    /// ([`keys::word_keys`]); function words and numbers left out. Empty without a model.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::PhraseModel`].
    pub fn learned_lexicon(&self, src: &Lang, tgt: &Lang) -> Result<Lexicon, Error> {
        let Some(model) = self.phrase_model(src, tgt)? else {
            return Ok(Lexicon::new());
        };
        Ok(lexicon_of(&model))
    }
}

/// The distinct `(stem, written form)` of the words of `texts` not in `seen` (forms case-folded,
/// otherwise as written; numbers left out), which records them.
fn written_forms<'a>(
    lang: &Lang,
    texts: impl Iterator<Item = &'a String>,
    seen: &mut HashSet<String>,
) -> Vec<(String, String)> {
    let tok = phrase::Tokenizer::new(lang);
    let mut out = Vec::new();
    for text in texts {
        for word in tok.words(text) {
            if word.kind != phrase::WordKind::Word {
                continue;
            }
            let form = lang.fold(&text[word.bytes.clone()]);
            if seen.insert(form.clone()) {
                out.push((tok.stem(&word.key), form));
            }
        }
    }
    out
}

/// The aligner's lexicon from a model (see [`Memory::learned_lexicon`]).
fn lexicon_of(model: &phrase::Model) -> Lexicon {
    let (src, tgt) = (model.src_lang(), model.tgt_lang());
    let (src_tok, tgt_tok) = (model.src_tokenizer(), model.tgt_tokenizer());
    let mut best: Vec<(&str, &str, f32)> = model
        .word_pairs()
        .filter(|&(s, t, p, back)| {
            p >= MIN_FORWARD
                && back >= MIN_REVERSE
                && !src_tok.is_function_word(s)
                && !tgt_tok.is_function_word(t)
                && !keys::learn_keys(src, s).is_empty()
                && !keys::learn_keys(tgt, t).is_empty()
        })
        .map(|(s, t, p, _)| (s, t, p))
        .collect();
    best.sort_by(|a, b| a.0.cmp(b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(b.1)));
    let mut lexicon = Lexicon::new();
    let mut kept = 0;
    let mut last = "";
    for (s, t, _) in best {
        if s != last {
            (last, kept) = (s, 0);
        }
        if kept < MAX_TRANSLATIONS {
            lexicon.insert_words(src, s, tgt, t);
            kept += 1;
        }
    }
    lexicon
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn store(memory: &mut Memory, rows: &[(&str, &str)]) {
        let (en, az) = (lang("en"), lang("az"));
        let units: Vec<NewUnit> = rows
            .iter()
            .map(|(e, a)| {
                NewUnit::new(
                    Origin::Manual,
                    vec![
                        NewVariant::new(en.clone(), *e),
                        NewVariant::new(az.clone(), *a),
                    ],
                )
            })
            .collect();
        memory.insert_units(&units, 0).expect("insert");
    }

    const ROWS: [(&str, &str); 4] = [
        ("The parliament voted.", "Parlament səs verdi."),
        ("The parliament met.", "Parlament toplandı."),
        ("The government met.", "Hökumət toplandı."),
        ("The government voted.", "Hökumət səs verdi."),
    ];

    #[test]
    fn a_trained_model_becomes_a_translation_in_both_directions() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let (en, az) = (lang("en"), lang("az"));
        assert!(memory.learned_lexicon(&en, &az).expect("read").is_empty());
        store(&mut memory, &ROWS);
        let trained = memory.train_phrase_models(Refresh::Stale).expect("train");
        assert_eq!(trained.len(), 1);
        assert_eq!((trained[0].src.as_str(), trained[0].units), ("az-Latn", 4));
        let lexicon = memory.learned_lexicon(&en, &az).expect("read");
        assert!(lexicon.get("parlia").contains(&"parlam".to_string()));
        assert!(lexicon.get("govern").contains(&"hökumə".to_string()));
        // Function words teach nothing.
        assert!(lexicon.get("the").is_empty());
        let back = memory.learned_lexicon(&az, &en).expect("read");
        assert!(back.get("parlam").contains(&"parlia".to_string()));
        // The written forms of both languages are recorded by stem.
        assert_eq!(memory.phrase_forms(&en, "vote").expect("forms"), ["voted"]);
        assert_eq!(
            memory.phrase_forms(&az, "parlament").expect("forms"),
            ["parlament"]
        );
    }

    #[test]
    fn only_stale_models_are_retrained_until_every_change_is_asked_for() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        store(&mut memory, &ROWS);
        assert_eq!(
            memory
                .train_phrase_models(Refresh::Stale)
                .expect("train")
                .len(),
            1
        );
        // A fifth unit is growth of a quarter: stale.
        store(
            &mut memory,
            &[("The parliament spoke.", "Parlament danışdı.")],
        );
        assert_eq!(
            memory
                .train_phrase_models(Refresh::Stale)
                .expect("train")
                .len(),
            1
        );
        // A sixth is growth of a fifth: not stale, but changed.
        store(
            &mut memory,
            &[("The government spoke.", "Hökumət danışdı.")],
        );
        assert!(
            memory
                .train_phrase_models(Refresh::Stale)
                .expect("train")
                .is_empty()
        );
        let trained = memory.train_phrase_models(Refresh::Changed).expect("train");
        assert_eq!(trained[0].units, 6);
        assert!(
            memory
                .train_phrase_models(Refresh::Changed)
                .expect("train")
                .is_empty()
        );
    }

    /// Units of en, az and ru: the first two with all three, the last two with en and ru only
    /// (their English words, "ministers" and "signed", are in no unit with az).
    fn store_three(memory: &mut Memory) {
        let (en, az, ru) = (lang("en"), lang("az"), lang("ru"));
        let unit = |texts: &[(&Lang, &str)]| {
            NewUnit::new(
                Origin::Manual,
                texts
                    .iter()
                    .map(|(l, t)| NewVariant::new((*l).clone(), *t))
                    .collect(),
            )
        };
        let units = [
            unit(&[
                (&en, "The parliament voted."),
                (&az, "Parlament səs verdi."),
                (&ru, "Парламент проголосовал."),
            ]),
            unit(&[
                (&en, "The parliament met."),
                (&az, "Parlament toplandı."),
                (&ru, "Парламент собрался."),
            ]),
            unit(&[(&en, "The ministers met."), (&ru, "Министры собрались.")]),
            unit(&[(&en, "The ministers signed."), (&ru, "Министры подписали.")]),
        ];
        memory.insert_units(&units, 0).expect("insert");
    }

    #[test]
    fn only_the_pairs_asked_for_are_trained_and_the_rest_wait_for_the_next_refresh() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        store_three(&mut memory);
        let (en, az, ru) = (lang("en"), lang("az"), lang("ru"));
        let trained = memory
            .train_phrase_models_of(Refresh::Stale, &[(en.clone(), az.clone())])
            .expect("train");
        let pairs = |t: &[TrainedModel]| -> Vec<(String, String, u64)> {
            t.iter()
                .map(|m| (m.src.to_string(), m.tgt.to_string(), m.units))
                .collect()
        };
        assert_eq!(pairs(&trained), [("az-Latn".into(), "en".into(), 2)]);
        assert!(memory.learned_lexicon(&en, &ru).expect("read").is_empty());
        // The end of a walk: every changed model, en–az no longer among them.
        let rest = memory.train_phrase_models(Refresh::Changed).expect("train");
        assert_eq!(
            pairs(&rest),
            [
                ("az-Latn".into(), "ru".into(), 2),
                ("en".into(), "ru".into(), 4)
            ]
        );
        assert!(!memory.learned_lexicon(&en, &ru).expect("read").is_empty());
    }

    #[test]
    fn a_languages_written_forms_come_from_every_pair_trained_with_it() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        store_three(&mut memory);
        memory.train_phrase_models(Refresh::Stale).expect("train");
        let en = lang("en");
        // "signed" is in an en–ru unit only; az-Latn–en is the first pair trained.
        assert_eq!(memory.phrase_forms(&en, "sign").expect("forms"), ["signed"]);
        assert_eq!(
            memory.phrase_forms(&en, "minist").expect("forms"),
            ["ministers"]
        );
        assert_eq!(memory.phrase_forms(&en, "vote").expect("forms"), ["voted"]);
    }
}
