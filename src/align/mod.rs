//! Sentence alignment: which sentences of an article translate which sentences of its translation.
//!
//! The method is a monotone dynamic programme over *beads* (1-1, 1-0, 0-1, 2-1, 1-2, 2-2, 1-3, 3-1),
//! as in Gale & Church (1993, "A program for aligning sentences in bilingual corpora", Computational
//! Linguistics 19:1), with the bead cost extended by evidence that survives translation in news,
//! in the spirit of hunalign (Varga et al. 2005) and Moore (2002):
//! - a length model per language pair ([`length::LengthModel`]: mean and variance of the character
//!   ratio, fitted on the tuning part of NTREX dev: az 1.083, ru 1.105 characters per English
//!   character; zh 0.322, with the Latin names, acronyms and digits inside Chinese text counted at
//!   the Chinese rate);
//! - the number of sentences each line holds ([`anchors::sentence_count`]): a line with two sentences
//!   against two lines with one is a 1-2 bead, not a 1-1 bead next to a 0-1;
//! - anchors ([`anchors`]): numbers normalised across scripts and conventions (`3 billion` ≈ `30亿`,
//!   `1,234.5` ≈ `1 234,5`), names compared through a transliterated consonant skeleton
//!   (`Aliyev` ≈ `Əliyev` ≈ `Алиев`), punctuation (`?`, `!`, `:`, quotes), paragraph boundaries and
//!   section separators (`xxx`);
//! - a bilingual [`Lexicon`]: a seed word list per pair shipped with tmkit plus the word translations
//!   the memory learned from stored units (Dice coefficients, [`lexicon::Counts`]).
//!
//! Every matched anchor or word lowers the cost of the bead that holds both ends, once however many
//! of the bead's sentences hold its counterpart; unmatched ones cost the same in every alignment, so
//! only matches count. A linked bead whose sentence shares (almost) nothing with the other side pays
//! a coverage gap, so a dropped sentence becomes a 1-0 bead rather than half of a 2-1. The search ([`search`]) is banded around the
//! diagonal, so a long article pair takes time linear in its length, and a forward–backward pass gives
//! each bead its posterior probability, which is its [`Bead::confidence`]. The band is as wide as any
//! path needs (`min_band + |n − m|`) while its tables stay small ([`FULL_BAND_STATES`], an article
//! of a few hundred sentences); in a longer text it starts at [`FIRST_BAND`] and is doubled while the
//! best path runs along its edge (as Moore 2002 does), up to [`MAX_STATES`], so memory and time grow
//! with the text, not its square.
//!
//! The module is pure: no I/O and no SQL; the learned lexicon is passed in as a value. It uses `lang`,
//! `hash` and `segment` (to join sentences), nothing above them.
//!
//! Files, each using only those before it (and this file's types; a test checks the `use` lines):
//! [`script`] (the script of a character), [`length`] (the length model), [`keys`] (word keys,
//! stopwords), [`lexicon`] (word lists: seed and learned), `items.rs` (evidence items and their keys),
//! [`anchors`] and `words.rs` (the items of a sentence), `pairs.rs` (the matches of sentence pairs in
//! the band), [`features`] (what the search asks about a bead), [`search`] (the dynamic programme).
//!
//! Limits: the alignment is monotone (a reordered sentence becomes a 1-0 and a 0-1 bead); beads are at
//! most three sentences on one side.
//!
//! ```
//! use tmkit::align::{align, Options, Side};
//! use tmkit::Lang;
//! let en = Lang::parse("en")?;
//! let ru = Lang::parse("ru")?;
//! let src = Side::new(en, vec!["The president met 3 ministers.", "They spoke for an hour."]);
//! let tgt = Side::new(ru, vec!["Президент встретился с 3 министрами.", "Они говорили час."]);
//! let alignment = align(&src, &tgt, None, &Options::default());
//! assert_eq!(alignment.beads.len(), 2);
//! assert_eq!(alignment.beads[1].src, 1..2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod anchors;
pub mod features;
mod items;
pub mod keys;
pub mod length;
pub mod lexicon;
mod pairs;
pub mod script;
pub mod search;
mod words;

use std::ops::Range;

pub use lexicon::Lexicon;

use crate::lang::{Lang, Script};
use crate::segment::join_sentences;

/// An alignment error.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A seed lexicon line is not `word<TAB>translation|translation`.
    #[error("lexicon {pair}:{line}: expected 'word<TAB>translation', found '{found}'")]
    BadLexiconLine {
        /// The language pair (`en-az`).
        pair: String,
        /// 1-based line.
        line: usize,
        /// The line.
        found: String,
    },
}

/// One side of an alignment: a language and its sentences, with the paragraph of each sentence.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    /// The language.
    pub lang: Lang,
    /// The sentences, in order.
    pub sentences: Vec<&'a str>,
    /// 0-based paragraph index of each sentence (same length as `sentences`); all 0 when unknown.
    pub paragraphs: Vec<usize>,
}

impl<'a> Side<'a> {
    /// A side whose sentences all lie in one paragraph.
    pub fn new(lang: Lang, sentences: Vec<&'a str>) -> Side<'a> {
        let paragraphs = vec![0; sentences.len()];
        Side {
            lang,
            sentences,
            paragraphs,
        }
    }

    /// A side with the paragraph index of each sentence.
    pub fn with_paragraphs(
        lang: Lang,
        sentences: Vec<&'a str>,
        paragraphs: Vec<usize>,
    ) -> Side<'a> {
        let mut paragraphs = paragraphs;
        paragraphs.resize(sentences.len(), paragraphs.last().copied().unwrap_or(0));
        Side {
            lang,
            sentences,
            paragraphs,
        }
    }
}

/// Something about a bead a person should check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// A number on one side is missing on the other.
    NumberMismatch,
    /// A name on one side has no counterpart on the other.
    NameMismatch,
    /// The length ratio is far from the pair's usual one.
    LengthOutlier,
    /// A sentence without a translation (1-0 or 0-1 bead).
    Unaligned,
    /// The English pivot gives different alignments for two target languages (multilingual units).
    PivotDisagreement,
}

impl Flag {
    /// The flag as stored (`x-flag` prop) and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::NumberMismatch => "number-mismatch",
            Flag::NameMismatch => "name-mismatch",
            Flag::LengthOutlier => "length-outlier",
            Flag::Unaligned => "unaligned",
            Flag::PivotDisagreement => "pivot-disagreement",
        }
    }
}

/// One alignment step: source sentences `src` translate target sentences `tgt` (either may be empty).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Bead {
    /// Source sentence indices.
    pub src: Range<usize>,
    /// Target sentence indices.
    pub tgt: Range<usize>,
    /// Posterior probability that this bead is right, `0.0..=1.0`.
    pub confidence: f32,
    /// What a reviewer should look at.
    pub flags: Vec<Flag>,
}

impl Bead {
    /// Whether both sides have sentences.
    pub fn is_linked(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }
}

/// Which side of an alignment a [`Warning`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SideName {
    /// The source side.
    Source,
    /// The target side.
    Target,
}

impl std::fmt::Display for SideName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SideName::Source => "source",
            SideName::Target => "target",
        })
    }
}

/// Why a whole alignment is doubtful.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Warning {
    /// One side has no sentences.
    EmptySide {
        /// Which side.
        side: SideName,
    },
    /// The sides' lengths differ far more than translations do.
    LengthMismatch {
        /// Target characters per source character, divided by the pair's usual ratio.
        ratio: f32,
    },
    /// A side's text is not in the script its language is written in (the wrong file?).
    WrongScript {
        /// Which side.
        side: SideName,
        /// The language given.
        lang: String,
    },
    /// Hardly any anchor or word matched across the sides: they may not be translations.
    NoEvidence,
    /// A text of thousands of sentences whose best path ran along the edge of the widest band the
    /// search may use ([`Options::max_states`]): the alignment may be wrong where the sides drift apart.
    BandLimit {
        /// The band's half-width, in sentences.
        width: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::EmptySide { side } => write!(f, "the {side} side has no sentences"),
            Warning::LengthMismatch { ratio } => write!(
                f,
                "the sides' lengths differ {ratio:.1}× more than translations usually do: are they the same article?"
            ),
            Warning::WrongScript { side, lang } => write!(
                f,
                "the {side} text is not in the script of '{lang}': is it the wrong file?"
            ),
            Warning::NoEvidence => write!(
                f,
                "almost no number, name or word matches across the sides: they may not be translations"
            ),
            Warning::BandLimit { width } => write!(
                f,
                "the texts are long and drift apart: the search kept within {width} sentences of the diagonal, so beads may be wrong where they drift"
            ),
        }
    }
}

/// The alignment of two sides.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Alignment {
    /// The beads, in order; every sentence of both sides is in exactly one bead.
    pub beads: Vec<Bead>,
    /// Doubts about the whole alignment (its confidences are capped low when there are any).
    pub warnings: Vec<Warning>,
}

impl Alignment {
    /// Mean confidence of the beads (0 for none).
    pub fn mean_confidence(&self) -> f32 {
        if self.beads.is_empty() {
            return 0.0;
        }
        self.beads.iter().map(|b| b.confidence).sum::<f32>() / self.beads.len() as f32
    }
}

/// What the aligner uses.
#[derive(Clone, Debug)]
pub struct Options {
    /// Use anchors (numbers, names, punctuation, paragraphs); off = Gale-Church.
    pub anchors: bool,
    /// Use the lexicon (seed and learned); off = no word evidence.
    pub lexicon: bool,
    /// Use the null-bead model and larger beads (1-3, 3-1) of tmkit; off = Gale-Church's priors.
    pub extended_beads: bool,
    /// Minimum band half-width, in sentences.
    pub min_band: usize,
    /// Search states (sentence positions in the band) up to which the band is as wide as any path
    /// needs (`min_band + |n − m|`); beyond, it starts at `first_band` and is doubled while the best
    /// path runs along its edge (default [`FULL_BAND_STATES`]).
    pub full_band_states: usize,
    /// Band half-width, in sentences, at which the search of a text past `full_band_states` starts
    /// (default [`FIRST_BAND`]).
    pub first_band: usize,
    /// Search states the band may grow to (default [`MAX_STATES`]); past them the alignment keeps
    /// the band it has and warns ([`Warning::BandLimit`]).
    pub max_states: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            anchors: true,
            lexicon: true,
            extended_beads: true,
            min_band: 30,
            full_band_states: FULL_BAND_STATES,
            first_band: FIRST_BAND,
            max_states: MAX_STATES,
        }
    }
}

impl Options {
    /// Gale & Church (1993) alone: length model and bead priors, nothing else.
    pub fn gale_church() -> Options {
        Options {
            anchors: false,
            lexicon: false,
            extended_beads: false,
            ..Options::default()
        }
    }
}

/// Confidence below which a bead's unit is stored as needs-review.
pub const REVIEW_THRESHOLD: f32 = 0.9;

/// Confidence given to every bead when the whole alignment is doubtful (see [`Warning`]).
const DOUBTFUL_CONFIDENCE: f32 = 0.2;

/// Search states (sentence positions in the band) up to which the band is as wide as any path needs:
/// an article pair of about 500 sentences with the band of 30, more than any news article takes
/// (the longest of NTREX dev has 60). Past it the band starts at [`FIRST_BAND`]: the 1,000 × 1,000
/// pairs of `benches/align.rs` find the same beads in 25,025 states instead of 61,061.
pub const FULL_BAND_STATES: usize = 1 << 15;
/// Band half-width at which the search of a long text starts: with [`EDGE_MARGIN`], a path that
/// strays up to 8 sentences from the diagonal keeps it; one that strays further doubles it.
pub const FIRST_BAND: usize = 12;
/// Search states the band may grow to in a long text: about 700 MB of search tables.
pub const MAX_STATES: usize = 1 << 23;
/// How near the band's edge (in target sentences) a path must come for the band to be widened: the
/// longest bead spans three sentences.
const EDGE_MARGIN: usize = 4;

/// Aligns `src` with `tgt`, using `lexicon` (seed + learned) when given and `options.lexicon` is on.
///
/// Never fails: bad input (an empty side, sides of very different length, a text in the wrong
/// script) gives [`Alignment::warnings`] and low confidences.
pub fn align(src: &Side, tgt: &Side, lexicon: Option<&Lexicon>, options: &Options) -> Alignment {
    let mut warnings = Vec::new();
    let n = src.sentences.len();
    let m = tgt.sentences.len();
    if n == 0 {
        warnings.push(Warning::EmptySide {
            side: SideName::Source,
        });
    }
    if m == 0 {
        warnings.push(Warning::EmptySide {
            side: SideName::Target,
        });
    }
    for (name, side) in [(SideName::Source, src), (SideName::Target, tgt)] {
        if !script_matches(side) {
            warnings.push(Warning::WrongScript {
                side: name,
                lang: side.lang.as_str().to_string(),
            });
        }
    }
    let model = length::LengthModel::for_pair(&src.lang, &tgt.lang);
    let src_chars: usize = src.sentences.iter().map(|s| s.chars().count()).sum();
    let tgt_chars: usize = tgt.sentences.iter().map(|s| s.chars().count()).sum();
    if n > 0 && m > 0 {
        let ratio = (tgt_chars.max(1) as f32 / src_chars.max(1) as f32) / model.ratio as f32;
        let off = ratio.max(1.0 / ratio);
        if off > 3.0 {
            warnings.push(Warning::LengthMismatch { ratio: off });
        }
    }
    let lexicon = if options.lexicon { lexicon } else { None };
    // The band: the full width when its tables are small (every article of ordinary length); for a
    // text of thousands of sentences, a narrow band around the diagonal, doubled while the best path
    // runs along its edge (Moore 2002), so that memory grows with the input, not with its square.
    let full = features::full_width(n, m, options.min_band);
    let states = |width: usize| (n + 1).saturating_mul(2 * width + 1);
    let mut width = if states(full) <= options.full_band_states {
        full
    } else {
        options.first_band.clamp(1, full)
    };
    // What each sentence offers is gathered once; a widened band matches the pairs it adds and
    // reuses the costs of the beads the narrower one held.
    let mut features = features::Features::with_width(src, tgt, lexicon, options, width);
    let mut carry = None;
    let mut beads = loop {
        let forward = search::Forward::new(&features, &model, options, carry.as_ref());
        if width >= full || !forward.touches_edge(&features, EDGE_MARGIN) {
            break forward.beads(&features, &model);
        }
        let wider = width.saturating_mul(2).min(full);
        if states(wider) > options.max_states {
            warnings.push(Warning::BandLimit { width });
            break forward.beads(&features, &model);
        }
        carry = Some(forward.into_carry(&features));
        width = wider;
        features.set_width(width);
    };
    if options.anchors && n >= 3 && m >= 3 && features.total_matches() * 4 < n.min(m) {
        warnings.push(Warning::NoEvidence);
    }
    if !warnings.is_empty() {
        for bead in &mut beads {
            bead.confidence = bead.confidence.min(DOUBTFUL_CONFIDENCE);
        }
    }
    Alignment { beads, warnings }
}

/// Two passes for an article the memory has not seen: align, learn word translations from the
/// confident beads of this very article, and align again with them.
pub fn align_two_pass(src: &Side, tgt: &Side, lexicon: &Lexicon, options: &Options) -> Alignment {
    let first = align(src, tgt, Some(lexicon), options);
    if !options.lexicon || !first.warnings.is_empty() {
        return first;
    }
    let mut counts = lexicon::Counts::default();
    for bead in first
        .beads
        .iter()
        .filter(|b| b.is_linked() && b.confidence >= REVIEW_THRESHOLD)
    {
        let s = join_sentences(&src.lang, src.sentences[bead.src.clone()].iter().copied());
        let t = join_sentences(&tgt.lang, tgt.sentences[bead.tgt.clone()].iter().copied());
        counts.add(&src.lang, &s, &tgt.lang, &t);
    }
    let learned = counts.to_lexicon();
    if learned.is_empty() {
        return first;
    }
    let mut richer = lexicon.clone();
    richer.extend(&learned);
    align(src, tgt, Some(&richer), options)
}

/// A multilingual unit made through the source as pivot: source sentences and, for each target,
/// its sentences.
#[derive(Clone, Debug, PartialEq)]
pub struct PivotUnit {
    /// Source sentences.
    pub src: Range<usize>,
    /// Sentences of each target, in the order of the alignments.
    pub tgt: Vec<Range<usize>>,
    /// The lowest confidence of the beads it was made of.
    pub confidence: f32,
    /// Flags of those beads, and [`Flag::PivotDisagreement`] when the pairs cut the source differently.
    pub flags: Vec<Flag>,
}

/// Combines pairwise alignments of one source (with `n` sentences) into multilingual units: source
/// sentences that any pair puts in one bead stay together; a target sentence aligned to nothing is a
/// unit of its own.
pub fn pivot_units(n: usize, alignments: &[Alignment]) -> Vec<PivotUnit> {
    // A cut after source sentence i is kept only when every alignment has a bead boundary there.
    let mut cut = vec![true; n + 1];
    for a in alignments {
        for b in &a.beads {
            if let Some(inside) = cut.get_mut(b.src.start + 1..b.src.end) {
                inside.iter_mut().for_each(|c| *c = false);
            }
        }
    }
    let mut groups: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for (k, &is_cut) in cut.iter().enumerate().skip(1) {
        if is_cut {
            groups.push(start..k);
            start = k;
        }
    }
    let mut units: Vec<PivotUnit> = groups
        .iter()
        .map(|g| PivotUnit {
            src: g.clone(),
            tgt: vec![0..0; alignments.len()],
            confidence: 1.0,
            flags: Vec::new(),
        })
        .collect();
    let mut orphans: Vec<(usize, PivotUnit)> = Vec::new();
    for (t, a) in alignments.iter().enumerate() {
        for b in &a.beads {
            if b.src.is_empty() {
                let mut tgt = vec![0..0; alignments.len()];
                tgt[t] = b.tgt.clone();
                // Place it after the unit that ends where the bead starts on the source side.
                let after = units
                    .iter()
                    .position(|u| u.src.end > b.src.start)
                    .unwrap_or(units.len());
                orphans.push((
                    after,
                    PivotUnit {
                        src: b.src.start..b.src.start,
                        tgt,
                        confidence: b.confidence,
                        flags: b.flags.clone(),
                    },
                ));
                continue;
            }
            let Some(unit) = units.iter_mut().find(|u| u.src.contains(&b.src.start)) else {
                continue;
            };
            let r = &mut unit.tgt[t];
            *r = if r.start == r.end {
                b.tgt.clone()
            } else {
                r.start.min(b.tgt.start)..r.end.max(b.tgt.end)
            };
            unit.confidence = unit.confidence.min(b.confidence);
            for f in &b.flags {
                if !unit.flags.contains(f) {
                    unit.flags.push(*f);
                }
            }
            if b.src != unit.src && !unit.flags.contains(&Flag::PivotDisagreement) {
                unit.flags.push(Flag::PivotDisagreement);
            }
        }
    }
    for unit in &mut units {
        if unit.tgt.iter().all(|r| !r.is_empty()) {
            unit.flags.retain(|f| *f != Flag::Unaligned);
        }
    }
    orphans.sort_by_key(|(at, _)| *at);
    for (at, unit) in orphans.into_iter().rev() {
        units.insert(at.min(units.len()), unit);
    }
    units
}

/// Whether most letters of the side are in its language's script (true when there are few letters or
/// the language's script is not one we check).
fn script_matches(side: &Side) -> bool {
    let want = side.lang.info().script;
    if !matches!(want, Script::Latin | Script::Cyrillic | Script::Han) {
        return true;
    }
    let (mut letters, mut good) = (0usize, 0usize);
    for s in &side.sentences {
        for c in s.chars().filter(|&c| script::is_alphabetic(c)) {
            letters += 1;
            if script::script_of(c) == want {
                good += 1;
            }
        }
    }
    // Russian and Chinese news quote Latin names and acronyms; a third of the letters in the right
    // script is already far from a text in another language.
    letters < 20 || good * 3 >= letters
}

/// Finds the bead that a sentence index of one side belongs to.
pub fn bead_of(beads: &[Bead], src_index: usize) -> Option<&Bead> {
    beads.iter().find(|b| b.src.contains(&src_index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    fn check_partition(alignment: &Alignment, n: usize, m: usize) {
        let (mut i, mut j) = (0, 0);
        for b in &alignment.beads {
            assert_eq!(b.src.start, i);
            assert_eq!(b.tgt.start, j);
            assert!((0.0..=1.0).contains(&b.confidence));
            i = b.src.end;
            j = b.tgt.end;
        }
        assert_eq!((i, j), (n, m));
    }

    /// The files of the module, in the order of the module docs.
    const FILES: &[(&str, &str)] = &[
        ("script", include_str!("script.rs")),
        ("length", include_str!("length.rs")),
        ("keys", include_str!("keys.rs")),
        ("lexicon", include_str!("lexicon.rs")),
        ("items", include_str!("items.rs")),
        ("anchors", include_str!("anchors.rs")),
        ("words", include_str!("words.rs")),
        ("pairs", include_str!("pairs.rs")),
        ("features", include_str!("features.rs")),
        ("search", include_str!("search.rs")),
    ];

    #[test]
    fn align_files_use_only_the_files_before_them() {
        for (k, (name, text)) in FILES.iter().enumerate() {
            for line in text.lines().filter(|l| l.starts_with("use super::")) {
                let used = line["use super::".len()..]
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .next()
                    .unwrap_or_default();
                // `use super::{Options, Side}` and `use super::Error` take this file's types.
                if used.is_empty() || used.starts_with(char::is_uppercase) {
                    continue;
                }
                assert!(
                    FILES[..k].iter().any(|(earlier, _)| *earlier == used),
                    "{name}.rs uses {used}, which is not listed before it: `{line}`\n\
                     help: move the shared item down, or reorder FILES and the module docs"
                );
            }
        }
    }

    #[test]
    fn a_ten_kilobyte_sentence_pair_aligns_one_to_one() {
        // Issue #16, item 7: a 10 KB pair 10% shorter than the length model expects, with no word
        // the lexicon knows, was aligned as a dropped and an added sentence.
        let en = "x ".repeat(5_000);
        let ru = "у ".repeat(5_000);
        let src = Side::new(lang("en"), vec!["Hello.", en.trim_end(), "Bye."]);
        let tgt = Side::new(lang("ru"), vec!["Привет.", ru.trim_end(), "Пока."]);
        for sides in [
            (&src, &tgt),
            (
                &Side::new(lang("en"), vec![en.trim_end()]),
                &Side::new(lang("ru"), vec![ru.trim_end()]),
            ),
        ] {
            let a = align(sides.0, sides.1, None, &Options::default());
            let beads: Vec<(Range<usize>, Range<usize>)> = a
                .beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect();
            let n = sides.0.sentences.len();
            assert!(
                beads.contains(&(n / 2..n / 2 + 1, n / 2..n / 2 + 1)),
                "{beads:?}"
            );
            assert_eq!(beads.len(), n);
        }
    }

    #[test]
    fn a_long_text_finds_the_full_band_alignment_in_a_band_widened_as_needed() {
        // Issue #16, item 7: two 38k-sentence paragraphs took 7 GB, a band of |n − m| each side of
        // every sentence. The band now starts narrow and is doubled while the path runs along its
        // edge: 40 sentences added at the start of the target drive the path 40 off the diagonal, so
        // a band of 30 is widened to 60, then to the full 70.
        let en: Vec<String> = (0..400)
            .map(|i| format!("The council met on day {i} to discuss the budget."))
            .collect();
        let mut ru: Vec<String> = (0..40)
            .map(|i| format!("Дополнительное примечание {} без перевода.", 100_000 + i))
            .collect();
        ru.extend((0..400).map(|i| format!("Совет собрался в день {i}, чтобы обсудить бюджет.")));
        let src = Side::new(lang("en"), en.iter().map(String::as_str).collect());
        let tgt = Side::new(lang("ru"), ru.iter().map(String::as_str).collect());
        let options = Options {
            full_band_states: 0,
            first_band: 30,
            ..Options::default()
        };
        let a = align(&src, &tgt, None, &options);
        check_partition(&a, 400, 440);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let one_to_one = |beads: &[Bead]| {
            beads
                .iter()
                .filter(|b| b.src.len() == 1 && b.tgt.len() == 1 && b.tgt.start == b.src.start + 40)
                .count()
        };
        assert_eq!(one_to_one(&a.beads), 400);
        let model = length::LengthModel::for_pair(&src.lang, &tgt.lang);
        let full = search::search(
            &features::Features::new(&src, &tgt, None, &options),
            &model,
            &options,
        );
        let spans = |beads: &[Bead]| -> Vec<(Range<usize>, Range<usize>)> {
            beads
                .iter()
                .map(|b| (b.src.clone(), b.tgt.clone()))
                .collect()
        };
        assert_eq!(spans(&a.beads), spans(&full));
        // The widened search reused the narrower bands' bead costs: its confidences are those of
        // a search run at the full band alone, to the last bit.
        assert_eq!(a.beads, full);
        // Kept to the first band, the path cannot follow: a warning says so.
        let narrow = Options {
            max_states: 0,
            ..options
        };
        let a = align(&src, &tgt, None, &narrow);
        assert_eq!(a.warnings, vec![Warning::BandLimit { width: 30 }]);
        assert!(one_to_one(&a.beads) < 400);
    }

    #[test]
    fn a_thousand_sentence_pair_keeps_the_first_band_and_finds_the_full_band_beads() {
        // Issue #15, item 6: past FULL_BAND_STATES the search starts at FIRST_BAND rather than the
        // full band of 30; a pair whose path stays near the diagonal (a merged pair every 50
        // sentences) finds the beads of the full band without widening it.
        let mut en: Vec<String> = Vec::new();
        let mut ru: Vec<String> = Vec::new();
        for i in 0..1_000 {
            en.push(format!("The council met on day {i} to discuss the budget."));
            if i % 50 == 49 {
                let last = ru.pop().expect("a sentence before");
                ru.push(format!("{last} Совет собрался в день {i}."));
            } else {
                ru.push(format!("Совет собрался в день {i}, чтобы обсудить бюджет."));
            }
        }
        let src = Side::new(lang("en"), en.iter().map(String::as_str).collect());
        let tgt = Side::new(lang("ru"), ru.iter().map(String::as_str).collect());
        let (n, m) = (src.sentences.len(), tgt.sentences.len());
        assert!((n + 1) * (2 * (30 + n - m) + 1) > FULL_BAND_STATES);
        // Kept to the first band: no warning says the band was too narrow.
        let first_only = Options {
            max_states: (n + 1) * (2 * FIRST_BAND + 1),
            ..Options::default()
        };
        let a = align(&src, &tgt, None, &first_only);
        check_partition(&a, n, m);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        let merged = a
            .beads
            .iter()
            .filter(|b| b.src.len() == 2 && b.tgt.len() == 1)
            .count();
        assert_eq!((a.beads.len(), merged), (m, 20));
        let full = Options {
            full_band_states: usize::MAX,
            ..Options::default()
        };
        let b = align(&src, &tgt, None, &full);
        assert_eq!(spans(&a), spans(&b));
        let worst = a
            .beads
            .iter()
            .zip(&b.beads)
            .map(|(x, y)| (x.confidence - y.confidence).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 1e-4, "confidences differ by {worst}");
    }

    #[test]
    fn an_empty_side_gives_a_warning_and_null_beads() {
        let src = Side::new(lang("en"), vec!["One.", "Two."]);
        let tgt = Side::new(lang("az"), vec![]);
        let a = align(&src, &tgt, None, &Options::default());
        check_partition(&a, 2, 0);
        assert!(a.warnings.contains(&Warning::EmptySide {
            side: SideName::Target
        }));
        assert!(a.beads.iter().all(|b| b.confidence <= DOUBTFUL_CONFIDENCE));
    }

    #[test]
    fn warnings_name_their_side_in_lowercase_in_text_and_json() {
        let w = Warning::EmptySide {
            side: SideName::Target,
        };
        assert_eq!(w.to_string(), "the target side has no sentences");
        let json = serde_json::to_string(&w).expect("a warning serializes");
        assert_eq!(json, r#"{"kind":"empty-side","side":"target"}"#);
    }

    #[test]
    fn a_wrong_language_file_is_warned_about() {
        let text = "Президент Азербайджана Ильхам Алиев встретился с председателем Китая.";
        let src = Side::new(lang("en"), vec![text, text]);
        let tgt = Side::new(lang("ru"), vec![text, text]);
        let a = align(&src, &tgt, None, &Options::default());
        assert!(a.warnings.iter().any(|w| matches!(
            w,
            Warning::WrongScript {
                side: SideName::Source,
                ..
            }
        )));
    }

    #[test]
    fn a_fifty_times_longer_side_is_warned_about() {
        let long = "word ".repeat(200);
        let src = Side::new(lang("en"), vec!["Short."]);
        let tgt = Side::new(lang("az"), vec![long.as_str(), long.as_str()]);
        let a = align(&src, &tgt, None, &Options::default());
        check_partition(&a, 1, 2);
        assert!(
            a.warnings
                .iter()
                .any(|w| matches!(w, Warning::LengthMismatch { .. }))
        );
    }

    #[test]
    fn numbers_pull_a_dropped_sentence_into_place() {
        let src = Side::new(
            lang("en"),
            vec![
                "The company earned 3 billion dollars in 2023.",
                "Its chief executive resigned on Monday.",
                "Exports rose by 12.5 percent.",
            ],
        );
        let tgt = Side::new(
            lang("ru"),
            vec![
                "Компания заработала 3 млрд долларов в 2023 году.",
                "Экспорт вырос на 12,5 процента.",
            ],
        );
        let a = align(&src, &tgt, None, &Options::default());
        check_partition(&a, 3, 2);
        let spans: Vec<_> = a
            .beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(spans, vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]);
    }

    fn spans(a: &Alignment) -> Vec<(Range<usize>, Range<usize>)> {
        a.beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect()
    }

    #[test]
    fn a_pair_sharing_no_known_word_stays_one_to_one() {
        let src = Side::new(
            lang("en"),
            vec![
                "The company earned 3 billion dollars in 2023.",
                "The original congregation moved out long ago.",
                "Exports rose by 12.5 percent.",
            ],
        );
        let tgt = Side::new(
            lang("ru"),
            vec![
                "Компания заработала 3 млрд долларов в 2023 году.",
                "Первые прихожане покинули приход давным-давно.",
                "Экспорт вырос на 12,5 процента.",
            ],
        );
        let a = align(&src, &tgt, None, &Options::default());
        assert_eq!(spans(&a), vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
    }

    #[test]
    fn a_line_holding_two_sentences_pairs_with_two_lines() {
        let src = Side::new(
            lang("en"),
            vec![
                "The minister arrived in Baku on Monday.",
                "He met the president. They discussed trade.",
                "The visit ends on Friday.",
            ],
        );
        let tgt = Side::new(
            lang("az"),
            vec![
                "Nazir bazar ertəsi Bakıya gəlib.",
                "O, prezidentlə görüşüb.",
                "Onlar ticarəti müzakirə ediblər.",
                "Səfər cümə günü başa çatır.",
            ],
        );
        let a = align(&src, &tgt, None, &Options::default());
        check_partition(&a, 3, 4);
        assert_eq!(spans(&a), vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
    }
}
