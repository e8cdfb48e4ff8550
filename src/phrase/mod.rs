//! Phrase translations: how was this phrase translated before?
//!
//! The method is the one of phrase-based statistical machine translation:
//!
//! 1. **Words** ([`token`]): texts are cut into words fit for phrase work (hyphenated compounds one
//!    word, possessives, `ё`, apostrophes and dashes folded, Chinese segmented by jieba) with a
//!    stem per word (Snowball for English and Russian, suffix rules for Azerbaijani).
//! 2. **A word aligner** ([`Model`], [`train`]): IBM Model 1, then the diagonal reparameterisation
//!    of fast_align (Dyer, Chahuneau & Smith 2013), trained by EM over the stems of a memory's
//!    units in both directions at once. The model is kept as a *pruned* translation table (per
//!    word, the translations above a probability floor, at most `top_k`): its size grows with the
//!    vocabulary, at most linearly with the text. [`Model::to_bytes`] and [`Model::from_bytes`]
//!    persist it.
//! 3. **Word links inside a unit** ([`Model::align`]): the Viterbi alignment of each direction,
//!    symmetrised with grow-diag-final-and ([`links`]).
//! 4. **Renderings** ([`renderings`], [`extract`]): the target spans that form a *consistent
//!    phrase pair* with an occurrence of the phrase (Koehn, Och & Marcu 2003, *Statistical
//!    Phrase-Based Translation*: every word of the span linked only to words of the phrase, every
//!    word of the phrase linked only inside the span), and the span that best splits each unit in
//!    two around the phrase under the model (Vogel 2005, PESA), ranked by the number of units that support
//!    them; inflected forms grouped under their most frequent form; never a lone function word or
//!    number.
//! 5. **Evaluation** ([`eval`]): first-rendering precision and top-3 coverage against a judged set.
//!
//! Everything here is pure: no I/O, no SQL. The memory stores one model per language pair
//! (`tm::lexicon`), and `tmkit train` retrains it after units are stored (`ingest::lexicon`).
//!
//! ```
//! use tmkit::Lang;
//! use tmkit::phrase::{self, Model};
//!
//! let (en, ru) = (Lang::parse("en")?, Lang::parse("ru")?);
//! let units = [
//!     ("Prime minister arrived.", "Премьер-министр прибыл."),
//!     ("Prime minister spoke.", "Премьер-министр выступил."),
//!     ("Minister arrived.", "Министр прибыл."),
//!     ("President spoke.", "Президент выступил."),
//!     ("President arrived.", "Президент прибыл."),
//!     ("They met prime minister.", "Они встретились с премьер-министром."),
//!     ("They met president.", "Они встретились с президентом."),
//! ];
//! let model = Model::train(units.iter().copied(), &en, &ru);
//! let found = phrase::renderings(&model, "prime minister", units.iter().copied(), &Default::default());
//! assert_eq!(found[0].text, "Премьер-министр");
//! assert_eq!((found[0].support, found[0].total), (3, 3));
//! assert_eq!(found[0].forms[1].text, "премьер-министром");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod az;
mod en;
pub mod eval;
pub mod extract;
pub mod links;
mod ru;
mod table;
pub mod terms;
pub mod token;
pub mod train;
mod zh;

use std::collections::HashMap;

use crate::lang::Lang;

pub use extract::{Form, Occurrence, Rendering, RenderingOptions, renderings};
pub use token::{Tokenizer, Word, WordKind};
pub use train::TrainOptions;

use table::Table;

/// Errors of this module.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Stored model bytes that do not parse.
    #[error("phrase model, byte {at}: {what}")]
    Corrupt {
        /// Byte offset where reading failed.
        at: usize,
        /// What was expected there.
        what: &'static str,
    },
    /// A stored model of another format version.
    #[error("phrase model: format version {found}, expected {expected}")]
    Version {
        /// The version found.
        found: u8,
        /// The version this build reads.
        expected: u8,
    },
    /// A language tag in a stored model or a judged set.
    #[error(transparent)]
    Lang(#[from] crate::lang::Error),
    /// A judged-set line without the five columns.
    #[error("judged set line {line}: expected 5 tab-separated columns, found {found}")]
    JudgedColumns {
        /// 1-based line.
        line: usize,
        /// Columns found.
        found: usize,
    },
    /// A judged-set direction that is not `src-tgt`.
    #[error("judged set line {line}: direction '{found}' is not 'src-tgt'")]
    JudgedDirection {
        /// 1-based line.
        line: usize,
        /// The direction as written.
        found: String,
    },
}

/// The words of one side: stems by id, id 0 standing for NULL.
#[derive(Clone, Debug, Default, PartialEq)]
struct Vocab {
    stems: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocab {
    fn new() -> Vocab {
        Vocab {
            stems: vec![String::new()],
            ids: HashMap::new(),
        }
    }

    fn intern(&mut self, stem: String) -> u32 {
        if let Some(&id) = self.ids.get(&stem) {
            return id;
        }
        let id = u32::try_from(self.stems.len()).expect("fewer than 2^32 words");
        self.ids.insert(stem.clone(), id);
        self.stems.push(stem);
        id
    }

    fn get(&self, stem: &str) -> Option<u32> {
        self.ids.get(stem).copied()
    }

    fn len(&self) -> usize {
        self.stems.len()
    }
}

/// A trained word-alignment model for one language pair (see the module docs).
#[derive(Debug)]
pub struct Model {
    src: Tokenizer,
    tgt: Tokenizer,
    src_vocab: Vocab,
    tgt_vocab: Vocab,
    /// `p(target stem | source stem)`, rows by source id (row 0: NULL).
    forward: Table,
    /// `p(source stem | target stem)`, rows by target id (row 0: NULL).
    reverse: Table,
    /// Diagonal tension of the forward and the reverse direction.
    tensions: [f32; 2],
    null_probability: f32,
}

/// The words of a unit's two sides and the links between them.
#[derive(Clone, Debug, PartialEq)]
pub struct WordAlignment {
    /// Source words.
    pub src: Vec<Word>,
    /// Target words.
    pub tgt: Vec<Word>,
    /// Links as `(source word, target word)` indices, sorted.
    pub links: Vec<(usize, usize)>,
}

const MAGIC: &[u8; 6] = b"TMKPHR";
const VERSION: u8 = 1;

impl Model {
    /// Trains a model on sentence pairs (`src` text, `tgt` text) with the default [`TrainOptions`].
    pub fn train<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        src: &Lang,
        tgt: &Lang,
    ) -> Model {
        Model::train_with(pairs, src, tgt, &TrainOptions::default())
    }

    /// Trains a model on sentence pairs with `options`. Pairs with an empty side, or with more than
    /// `options.max_words` words on a side, are left out.
    pub fn train_with<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        src: &Lang,
        tgt: &Lang,
        options: &TrainOptions,
    ) -> Model {
        let (src_tok, tgt_tok) = (Tokenizer::new(src), Tokenizer::new(tgt));
        let (mut src_vocab, mut tgt_vocab) = (Vocab::new(), Vocab::new());
        // Stems are computed once per distinct key.
        let (mut src_forms, mut tgt_forms): (HashMap<String, u32>, HashMap<String, u32>) =
            Default::default();
        let mut corpus = train::Corpus::default();
        let (mut s_ids, mut t_ids) = (Vec::new(), Vec::new());
        let ids = |text: &str,
                   tok: &Tokenizer,
                   forms: &mut HashMap<String, u32>,
                   vocab: &mut Vocab,
                   out: &mut Vec<u32>| {
            out.clear();
            for word in tok.words(text) {
                let id = match forms.get(&word.key) {
                    Some(&id) => id,
                    None => {
                        let id = vocab.intern(tok.stem(&word.key));
                        forms.insert(word.key, id);
                        id
                    }
                };
                out.push(id);
            }
        };
        for (s, t) in pairs {
            ids(s, &src_tok, &mut src_forms, &mut src_vocab, &mut s_ids);
            ids(t, &tgt_tok, &mut tgt_forms, &mut tgt_vocab, &mut t_ids);
            let fits = |n: usize| n > 0 && n <= options.max_words;
            if fits(s_ids.len()) && fits(t_ids.len()) {
                corpus.push(&s_ids, &t_ids);
            }
        }
        let trained = train::train(&corpus, src_vocab.len(), tgt_vocab.len(), options);
        Model {
            src: src_tok,
            tgt: tgt_tok,
            src_vocab,
            tgt_vocab,
            forward: trained.forward,
            reverse: trained.reverse,
            tensions: trained.tensions,
            null_probability: options.null_probability,
        }
    }

    /// Trains a model on sentence pairs with `options`, and on the seed lexicon tmkit ships for the
    /// pair (English with az, ru or zh; [`crate::align::lexicon::seed_entries`]) as extra
    /// one-entry pairs: a prior that a small memory needs and a large one outweighs. This is how
    /// the memory trains its models.
    pub fn train_seeded<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        src: &Lang,
        tgt: &Lang,
        options: &TrainOptions,
    ) -> Model {
        let seeds = crate::align::lexicon::seed_entries(src, tgt);
        let seeds = seeds.iter().map(|(a, b)| (a.as_str(), b.as_str()));
        let pairs = pairs.into_iter().map(|(a, b)| -> (&str, &str) { (a, b) });
        Model::train_with(pairs.chain(seeds), src, tgt, options)
    }

    /// The source language.
    pub fn src_lang(&self) -> &Lang {
        self.src.lang()
    }

    /// The target language.
    pub fn tgt_lang(&self) -> &Lang {
        self.tgt.lang()
    }

    /// The source-side tokenizer.
    pub fn src_tokenizer(&self) -> &Tokenizer {
        &self.src
    }

    /// The target-side tokenizer.
    pub fn tgt_tokenizer(&self) -> &Tokenizer {
        &self.tgt
    }

    /// The diagonal tension each direction ended training with (forward, reverse).
    pub fn tensions(&self) -> [f32; 2] {
        self.tensions
    }

    /// The same model the other way round (target → source).
    pub fn reversed(&self) -> Model {
        Model {
            src: Tokenizer::new(self.tgt.lang()),
            tgt: Tokenizer::new(self.src.lang()),
            src_vocab: self.tgt_vocab.clone(),
            tgt_vocab: self.src_vocab.clone(),
            forward: self.reverse.clone(),
            reverse: self.forward.clone(),
            tensions: [self.tensions[1], self.tensions[0]],
            null_probability: self.null_probability,
        }
    }

    /// How many translation-table entries the model keeps (both directions).
    pub fn entries(&self) -> usize {
        self.forward.entries.len() + self.reverse.entries.len()
    }

    /// How many distinct stems the model knows on each side (source, target).
    pub fn vocabulary(&self) -> (usize, usize) {
        (self.src_vocab.len() - 1, self.tgt_vocab.len() - 1)
    }

    /// The stored translations of a source word (any inflected form), most probable first, as
    /// (target stem, `p(target | source)`).
    pub fn translations(&self, word: &str) -> Vec<(&str, f32)> {
        let stem = self.src.stem(&self.src.key(word));
        let Some(id) = self.src_vocab.get(&stem) else {
            return Vec::new();
        };
        let mut out: Vec<(&str, f32)> = self
            .forward
            .row(id)
            .iter()
            .map(|&(t, p)| (self.tgt_vocab.stems[t as usize].as_str(), p))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }

    /// Every entry of the forward table as (source stem, target stem, `p(target | source)`,
    /// `p(source | target)` when the reverse table kept it, else 0), by source stem id.
    pub fn word_pairs(&self) -> impl Iterator<Item = (&str, &str, f32, f32)> + '_ {
        (1..self.forward.rows() as u32).flat_map(move |s| {
            self.forward.row(s).iter().map(move |&(t, p)| {
                let back = self.reverse.get(t, s).unwrap_or(0.0);
                (
                    self.src_vocab.stems[s as usize].as_str(),
                    self.tgt_vocab.stems[t as usize].as_str(),
                    p,
                    back,
                )
            })
        })
    }

    /// The word links between a source text and its translation.
    pub fn align(&self, src: &str, tgt: &str) -> WordAlignment {
        let src_words = self.src.words(src);
        let tgt_words = self.tgt.words(tgt);
        let links = self.link(&src_words, &tgt_words);
        WordAlignment {
            src: src_words,
            tgt: tgt_words,
            links,
        }
    }

    /// The vocabulary ids of the stems of already tokenized sides (None: a word the model has not
    /// seen).
    pub(crate) fn word_ids(
        &self,
        src: &[Word],
        tgt: &[Word],
    ) -> (Vec<Option<u32>>, Vec<Option<u32>>) {
        let ids = |vocab: &Vocab, tok: &Tokenizer, words: &[Word]| -> Vec<Option<u32>> {
            words.iter().map(|w| vocab.get(&tok.stem(&w.key))).collect()
        };
        (
            ids(&self.src_vocab, &self.src, src),
            ids(&self.tgt_vocab, &self.tgt, tgt),
        )
    }

    /// Links of already tokenized sides.
    pub(crate) fn link(&self, src: &[Word], tgt: &[Word]) -> Vec<(usize, usize)> {
        if src.is_empty() || tgt.is_empty() {
            return Vec::new();
        }
        self.link_weighted(&self.word_weights(src, tgt))
    }

    /// The model as bytes: languages, alignment settings, both vocabularies and both pruned
    /// tables (probabilities quantised to 16 bits).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        for lang in [self.src.lang(), self.tgt.lang()] {
            put_str(&mut out, lang.as_str());
        }
        for tension in self.tensions {
            out.extend_from_slice(&tension.to_le_bytes());
        }
        out.extend_from_slice(&self.null_probability.to_le_bytes());
        for vocab in [&self.src_vocab, &self.tgt_vocab] {
            out.extend_from_slice(&(vocab.len() as u32 - 1).to_le_bytes());
            for stem in &vocab.stems[1..] {
                put_str(&mut out, stem);
            }
        }
        for table in [&self.forward, &self.reverse] {
            out.extend_from_slice(&(table.rows() as u32).to_le_bytes());
            for row in 0..table.rows() as u32 {
                let entries = table.row(row);
                out.extend_from_slice(&(entries.len() as u16).to_le_bytes());
                for &(col, p) in entries {
                    out.extend_from_slice(&col.to_le_bytes());
                    out.extend_from_slice(&quantize(p).to_le_bytes());
                }
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    ///
    /// # Errors
    ///
    /// [`Error::Corrupt`] when the bytes are cut short or malformed, [`Error::Version`] for
    /// another format version, [`Error::Lang`] for a bad language tag.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, Error> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len(), "the magic bytes 'TMKPHR'")? != MAGIC {
            return Err(Error::Corrupt {
                at: 0,
                what: "the magic bytes 'TMKPHR'",
            });
        }
        let version = r.take(1, "a version byte")?[0];
        if version != VERSION {
            return Err(Error::Version {
                found: version,
                expected: VERSION,
            });
        }
        let src = Lang::parse(r.str()?)?;
        let tgt = Lang::parse(r.str()?)?;
        let tensions = [
            f32::from_le_bytes(r.array()?),
            f32::from_le_bytes(r.array()?),
        ];
        let null_probability = f32::from_le_bytes(r.array()?);
        let mut vocabs = [Vocab::new(), Vocab::new()];
        for vocab in &mut vocabs {
            let count = u32::from_le_bytes(r.array()?);
            for _ in 0..count {
                let stem = r.str()?.to_owned();
                vocab.intern(stem);
            }
        }
        let mut tables = [Table::default(), Table::default()];
        for (table, cols) in tables.iter_mut().zip([vocabs[1].len(), vocabs[0].len()]) {
            let rows = u32::from_le_bytes(r.array()?);
            let mut all = Vec::new();
            for _ in 0..rows {
                let n = u16::from_le_bytes(r.array()?);
                let mut row = Vec::with_capacity(n as usize);
                for _ in 0..n {
                    let col = u32::from_le_bytes(r.array()?);
                    if col as usize >= cols {
                        return Err(Error::Corrupt {
                            at: r.at,
                            what: "a word id inside the vocabulary",
                        });
                    }
                    row.push((col, dequantize(u16::from_le_bytes(r.array()?))));
                }
                all.push(row);
            }
            *table = Table::from_rows(all, 0.0, usize::MAX);
        }
        if r.at != bytes.len() {
            return Err(Error::Corrupt {
                at: r.at,
                what: "the end of the model",
            });
        }
        let [src_vocab, tgt_vocab] = vocabs;
        let [forward, reverse] = tables;
        Ok(Model {
            src: Tokenizer::new(&src),
            tgt: Tokenizer::new(&tgt),
            src_vocab,
            tgt_vocab,
            forward,
            reverse,
            tensions,
            null_probability,
        })
    }
}

fn quantize(p: f32) -> u16 {
    (p.clamp(0.0, 1.0) * f32::from(u16::MAX)).round() as u16
}

fn dequantize(q: u16) -> f32 {
    f32::from(q) / f32::from(u16::MAX)
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let len = u16::try_from(s.len()).unwrap_or(u16::MAX);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..len as usize]);
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Error> {
        let slice = self
            .bytes
            .get(self.at..self.at + n)
            .ok_or(Error::Corrupt { at: self.at, what })?;
        self.at += n;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Error> {
        let slice = self.take(N, "a number")?;
        Ok(slice.try_into().expect("take returns N bytes"))
    }

    fn str(&mut self) -> Result<&'a str, Error> {
        let len = u16::from_le_bytes(self.array()?) as usize;
        let at = self.at;
        std::str::from_utf8(self.take(len, "a string")?).map_err(|_| Error::Corrupt {
            at,
            what: "UTF-8 text",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Model {
        let pairs = [
            ("the house", "дом"),
            ("the small house", "маленький дом"),
            ("small", "маленький"),
            ("a big house", "большой дом"),
        ];
        Model::train(
            pairs.iter().copied(),
            &Lang::parse("en").expect("tag"),
            &Lang::parse("ru").expect("tag"),
        )
    }

    #[test]
    fn a_model_round_trips_through_bytes() {
        let model = toy();
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("own bytes parse");
        assert_eq!(back.src_vocab, model.src_vocab);
        assert_eq!(back.tgt_vocab, model.tgt_vocab);
        assert_eq!(back.forward.offsets, model.forward.offsets);
        for (a, b) in back.forward.entries.iter().zip(&model.forward.entries) {
            assert_eq!(a.0, b.0);
            assert!((a.1 - b.1).abs() < 1e-4);
        }
        assert_eq!(back.to_bytes(), bytes);
    }

    #[test]
    fn cut_or_foreign_bytes_are_errors() {
        let bytes = toy().to_bytes();
        assert!(matches!(
            Model::from_bytes(&bytes[..bytes.len() - 1]),
            Err(Error::Corrupt { .. })
        ));
        assert!(matches!(
            Model::from_bytes(b"NOTAMODEL"),
            Err(Error::Corrupt { at: 0, .. })
        ));
        let mut other = bytes.clone();
        other[6] = 9;
        assert!(matches!(
            Model::from_bytes(&other),
            Err(Error::Version {
                found: 9,
                expected: 1
            })
        ));
    }

    #[test]
    fn the_model_links_words_it_learned() {
        let model = toy();
        let alignment = model.align("the small house", "маленький дом");
        assert!(
            alignment.links.contains(&(1, 0)) && alignment.links.contains(&(2, 1)),
            "{:?}",
            alignment.links
        );
        assert_eq!(model.translations("houses")[0].0, "дом");
    }
}
