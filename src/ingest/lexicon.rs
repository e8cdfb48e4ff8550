//! The memory's learned lexicon: one word-alignment model per language pair ([`phrase::Model`]),
//! trained on the memory's trusted units (status `ok`, or approved) that hold both languages, and
//! stored in the memory ([`crate::tm::lexicon`]). The same model gives concordance its phrase
//! renderings and the sentence aligner its learned word translations ([`Memory::learned_lexicon`]).
//!
//! **Keeping it current.** Storing units does not retrain the models: `tmkit train`
//! ([`Memory::train_phrase_models`]) does, and the memory records how far its models know its units
//! ([`Memory::phrase_models_stale`]) so that the commands that read them (concordance, terms, the
//! archive walk's aligner) can say when they are stale. Retraining after each stored article, as
//! tmkit did before (at geometrically spaced sizes of each pair), cost `align-dir --store` of the
//! 62-article ntrex-dev archive four fifths of its instructions, and the aligner it taught scored no
//! better for it (`tmkit eval align --mode stored-walk`: F1 within ±0.5 of the walk that learns
//! nothing, better on some pairs and worse on others); `import` of 1M units spent half its time
//! training at its end. [`Refresh::Changed`] retrains the pairs whose number of trusted units
//! changed, and every pair when units were edited, moved, deleted or re-judged in place (which pairs
//! that touched is not recorded), so that after it the models are those a full retrain gives
//! (training depends on the units alone). A language's written forms are recorded from every pair
//! trained with it. Training is from scratch (EM has no cheap incremental form that keeps
//! fast_align's diagonal tension fit).

use std::collections::{HashMap, HashSet};

use crate::align::keys;
use crate::align::lexicon::Lexicon;
use crate::lang::Lang;
use crate::phrase;
use crate::tm::{Error, Memory};

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
    /// Those whose number of trusted units changed (or that have none yet), and all of them when
    /// stored units changed in place since the models were last brought up to date.
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
    /// own transaction, records that the models know the memory's units as they were when it began
    /// ([`Memory::set_phrase_models_current`]) and returns what it trained. `tmkit train` runs it;
    /// it also compacts the memory when that is worth it ([`Memory::compact`]): retrained models and
    /// article-by-article index chunks leave free and half-empty pages behind.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Busy`]; the models trained before the error are stored, and the
    /// memory still records them as stale.
    pub fn train_phrase_models(&mut self, refresh: Refresh) -> Result<Vec<TrainedModel>, Error> {
        // Read first: what is written while the models train counts as new.
        let state = self.phrase_model_state()?;
        let every = refresh == Refresh::All || state.has_changes();
        let counts = self.trusted_pair_counts()?;
        let stored = self.phrase_models()?;
        let mut out = Vec::new();
        // The forms of each language met in this call, over every pair trained: a language's forms
        // come from all its pairs, whichever of them changed.
        let mut forms_seen: HashMap<Lang, HashSet<String>> = HashMap::new();
        for (a, b, units) in counts {
            if units < MIN_UNITS {
                continue;
            }
            let trained = stored
                .iter()
                .find(|r| r.src == a && r.tgt == b)
                .map(|r| r.units);
            // A tag tmkit did not write is left alone: nothing is trained on it.
            let (Ok(src), Ok(tgt)) = (Lang::parse(&a), Lang::parse(&b)) else {
                continue;
            };
            if !every && trained == Some(units) {
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
        if state.is_stale() || !out.is_empty() {
            self.set_phrase_models_current(&state)?;
        }
        self.compact()?;
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
        let trained = memory.train_phrase_models(Refresh::Changed).expect("train");
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
    fn storing_marks_the_models_stale_and_training_brings_them_up_to_date() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        // An empty memory has nothing to learn: not stale.
        assert!(!memory.phrase_models_stale().expect("state"));
        store(&mut memory, &ROWS);
        assert!(memory.phrase_models_stale().expect("state"));
        assert_eq!(
            memory
                .train_phrase_models(Refresh::Changed)
                .expect("train")
                .len(),
            1
        );
        assert!(!memory.phrase_models_stale().expect("state"));
        // Nothing changed: nothing retrained.
        assert!(
            memory
                .train_phrase_models(Refresh::Changed)
                .expect("train")
                .is_empty()
        );
        // One unit more, however few: stale, and retrained on all six.
        store(
            &mut memory,
            &[("The parliament spoke.", "Parlament danışdı.")],
        );
        assert!(memory.phrase_models_stale().expect("state"));
        let trained = memory.train_phrase_models(Refresh::Changed).expect("train");
        assert_eq!(trained[0].units, 5);
        assert!(!memory.phrase_models_stale().expect("state"));
    }

    #[test]
    fn an_edit_in_place_marks_the_models_stale_and_retrains_every_pair_to_a_full_retrain() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        store_three(&mut memory);
        memory.train_phrase_models(Refresh::Changed).expect("train");
        assert!(!memory.phrase_models_stale().expect("state"));
        // A Russian text edited in place: no pair's count changes.
        memory
            .conn()
            .execute(
                "UPDATE variant SET text = 'Министры встретились.' WHERE text = 'Министры собрались.'",
                [],
            )
            .expect("edit");
        assert!(memory.phrase_models_stale().expect("state"));
        let trained = memory.train_phrase_models(Refresh::Changed).expect("train");
        // Which pairs the edit touched is not recorded: all three are retrained...
        assert_eq!(trained.len(), 3);
        assert!(!memory.phrase_models_stale().expect("state"));
        // ... to exactly the models a full retrain gives.
        let models = |m: &Memory| -> Vec<Vec<u8>> {
            let (en, az, ru) = (lang("en"), lang("az"), lang("ru"));
            [(&az, &en), (&az, &ru), (&en, &ru)]
                .iter()
                .map(|(a, b)| {
                    m.phrase_model(a, b)
                        .expect("read")
                        .expect("trained")
                        .to_bytes()
                })
                .collect()
        };
        let after_train = models(&memory);
        memory.train_phrase_models(Refresh::All).expect("train all");
        assert_eq!(models(&memory), after_train);
        // A deletion is a change too.
        memory
            .conn()
            .execute(
                "DELETE FROM unit WHERE id = (SELECT max(unit_id) FROM variant)",
                [],
            )
            .expect("delete");
        assert!(memory.phrase_models_stale().expect("state"));
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
    fn a_languages_written_forms_come_from_every_pair_trained_with_it() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        store_three(&mut memory);
        memory.train_phrase_models(Refresh::Changed).expect("train");
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
