//! Features: everything the search asks about a bead, computed once per article pair.
//!
//! Per sentence: its length ([`super::length`]), how many sentences it holds
//! ([`super::anchors::sentence_count`]), whether a paragraph starts there; its *items* (anchors from
//! [`super::anchors`], words from `words.rs`), matched against the other side's sentences inside the
//! search band ([`band`]) through inverted indexes (`pairs.rs`).
//!
//! A source item is matched in a target sentence when one of its keys occurs there, a target item when
//! one of its keys occurs among the source sentence's keys. Matches are summed per bead, each item
//! counted once however many of the bead's sentences hold its counterpart, each sentence's total
//! clipped to its own item weight.
//!
//! Coverage: a linked bead pays for each sentence whose matched share of its own (idf-weighted) item
//! weight is below [`COVER`]; without it, a dropped sentence glued onto its neighbour as a 2-1 bead
//! costs less than the 1-1 and 1-0 beads it really is.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::anchors::{TokenAnchors, anchor_items, sentence_count, token_anchors};
use super::items::{ItemKind, Items};
use super::keys::{Token, is_numeric, tokens};
use super::length::{latin_weight, len_chars};
use super::lexicon::Lexicon;
use super::pairs::{self, Index, PairMatch, Row, SideWeights};
use super::words::{TokenWords, source_token_words, target_token_words, target_vocabulary};
use super::{Options, Side};
use crate::hash::Fnv1a;

/// Share of a sentence's evidence weight that a translation is expected to match at least (chosen
/// on NTREX dev among 0.1, 0.15, 0.2: the seed lexicon covers little of a Chinese sentence).
pub const COVER: f32 = 0.1;
/// Evidence weight from which a sentence's missing coverage counts in full.
pub const COVER_WEIGHT: f32 = 3.0;
/// Weight of a word item.
const W_WORD: f32 = 1.0;

/// Per-sentence lengths and the evidence shared by sentence pairs within the search band.
pub struct Features {
    /// Source sentences.
    pub n: usize,
    /// Target sentences.
    pub m: usize,
    /// Source lengths in characters.
    pub src_len: Vec<f64>,
    /// Target lengths in characters.
    pub tgt_len: Vec<f64>,
    /// Sentences inside each source line ([`sentence_count`]); all 1 without anchors.
    pub src_sents: Vec<u32>,
    /// The same for the target.
    pub tgt_sents: Vec<u32>,
    /// Whether a paragraph starts at source sentence `i` (length n + 1; the ends count as breaks).
    pub src_break: Vec<bool>,
    /// The same for the target.
    pub tgt_break: Vec<bool>,
    /// Whether both sides have paragraphs to compare.
    pub paragraphs: bool,
    /// The search band: for each source position 0..=n, the target positions allowed.
    pub band: Vec<(usize, usize)>,
    /// The items of each source sentence.
    src_items: Vec<Items>,
    /// The items of each target sentence.
    tgt_items: Vec<Items>,
    /// The source sentences holding each key of their items.
    src_index: Index,
    /// The target sentences holding each key they hold.
    tgt_index: Index,
    /// Idf-weighted item weights of each source sentence: in all, of its numbers, per mask bit.
    src_weights: SideWeights,
    /// The same for each target sentence.
    tgt_weights: SideWeights,
    /// Number keys and weights of each source sentence.
    src_nums: Vec<Vec<(u64, f32)>>,
    /// Number keys and weights of each target sentence.
    tgt_nums: Vec<Vec<(u64, f32)>>,
    /// Number items of source sentences `0..i`, for each `i` in `0..=n`.
    src_nums_before: Vec<usize>,
    /// The same for the target.
    tgt_nums_before: Vec<usize>,
    /// Every name key of the source side.
    src_names: HashSet<u64>,
    /// Every name key of the target side.
    tgt_names: HashSet<u64>,
    /// Matches of the sentence pairs in the band, one row per source sentence.
    rows: Vec<Row>,
    /// Target items matched in some pair of the band.
    total: usize,
}

/// Coverage gap of one sentence with evidence `weight` of which `matched` has a counterpart (see
/// [`Features::coverage_gap`]).
fn gap(matched: f32, weight: f32) -> f32 {
    if weight <= 0.0 {
        return 0.0;
    }
    (COVER - matched.min(weight) / weight).max(0.0) / COVER * weight.min(COVER_WEIGHT)
        / COVER_WEIGHT
}

/// The number keys and weights of a bead's source and target sentences, as
/// [`Features::repeated_numbers_in`] gathers them.
pub(super) type NumberScratch = (Vec<(u64, f32)>, Vec<(u64, f32)>);

/// The evidence of one bead (see [`Features::evidence`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence {
    /// [`Features::matches`].
    pub matched: f32,
    /// [`Features::coverage_gap`] (0 for a null bead).
    pub coverage_gap: f32,
    /// [`Features::unmatched_numbers`] (0 for a null bead).
    pub unmatched_numbers: f32,
}

/// The band half-width that holds any path however the sides' extra sentences are spread:
/// `min_band + |n − m|`.
pub fn full_width(n: usize, m: usize, min_band: usize) -> usize {
    min_band.max(1) + n.abs_diff(m)
}

/// Search band of half-width `width`: for each source position, the range of target positions,
/// around the diagonal.
pub fn band(n: usize, m: usize, width: usize) -> Vec<(usize, usize)> {
    let w = width.max(1);
    (0..=n)
        .map(|i| {
            let center = (i * m).checked_div(n).unwrap_or(0);
            (center.saturating_sub(w), (center + w).min(m))
        })
        .collect()
}

/// Length in characters of each sentence of a side ([`len_chars`]).
fn lengths(side: &Side) -> Vec<f64> {
    let latin = latin_weight(&side.lang);
    side.sentences.iter().map(|s| len_chars(s, latin)).collect()
}

/// Sentences inside each line of a side ([`sentence_count`]), or 1 each without anchors.
fn sentence_counts(side: &Side, options: &Options) -> Vec<u32> {
    side.sentences
        .iter()
        .map(|s| {
            if options.anchors {
                sentence_count(s)
            } else {
                1
            }
        })
        .collect()
}

/// For each position 0..=k of a side with k sentences, whether a paragraph starts there (both ends
/// count as breaks).
fn paragraph_breaks(side: &Side) -> Vec<bool> {
    let k = side.sentences.len();
    (0..=k)
        .map(|i| i == 0 || i == k || side.paragraphs.get(i) != side.paragraphs.get(i - 1))
        .collect()
}

/// Whether a side has a paragraph break other than at its ends.
fn has_inner_break(breaks: &[bool]) -> bool {
    breaks.len() > 2 && breaks[1..breaks.len() - 1].iter().any(|&x| x)
}

/// A hasher for token texts: FNV-1a with a final mix (the texts come from one article pair).
#[derive(Default)]
struct TextHasher(Option<Fnv1a>);

impl Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = Some(self.0.unwrap_or_default().write(bytes));
    }
    fn finish(&self) -> u64 {
        let x = self
            .0
            .unwrap_or_default()
            .finish()
            .wrapping_mul(0x9e37_79b9_7f4a_7c15);
        x ^ (x >> 29)
    }
}

/// What a token offers as evidence wherever it stands ([`TokenAnchors`], [`TokenWords`]).
struct TokenFacts {
    anchors: TokenAnchors,
    words: TokenWords,
}

/// The [`TokenFacts`] of token `t` of a side in `lang` (`known`: whether a key is among the
/// lexicon's target keys).
fn token_facts(
    lang: &crate::lang::Lang,
    t: &Token,
    lexicon: Option<&Lexicon>,
    options: &Options,
    target: bool,
    known: &dyn Fn(u64) -> bool,
) -> TokenFacts {
    let folded = (!t.han && !is_numeric(t.text)).then(|| lang.fold(t.text));
    let anchors = if options.anchors {
        token_anchors(lang, t, folded.as_deref(), target)
    } else {
        TokenAnchors::default()
    };
    let words = match (options.lexicon, folded.as_deref()) {
        (false, _) => TokenWords::default(),
        (true, _) if t.han => {
            if target {
                target_token_words(t, "", known)
            } else {
                source_token_words(t, "", lexicon)
            }
        }
        (true, None) => TokenWords::default(),
        (true, Some(f)) if target => target_token_words(t, f, known),
        (true, Some(f)) => source_token_words(t, f, lexicon),
    };
    TokenFacts { anchors, words }
}

/// The items of each sentence of a side and, on the target side, every key each sentence holds
/// (sorted, without repeats), which source items are matched against. Each sentence is cut into
/// tokens once, and each distinct token is looked at once (folded, its month, name and word keys):
/// news repeats its words, and a token's evidence does not depend on where it stands, except for
/// what the first word of a sentence may be ([`anchor_items`]).
fn side_items(
    side: &Side,
    lexicon: Option<&Lexicon>,
    options: &Options,
    target: bool,
) -> (Vec<Items>, Vec<Vec<u64>>) {
    let count = side.sentences.len();
    // Gale-Church alone weighs no evidence: no sentence needs cutting into tokens.
    if !options.anchors && !options.lexicon {
        return (vec![Items::default(); count], vec![Vec::new(); count]);
    }
    let lang = &side.lang;
    let vocab: OnceCell<HashSet<u64>> = OnceCell::new();
    let known = |k: u64| {
        vocab
            .get_or_init(|| target_vocabulary(lexicon))
            .contains(&k)
    };
    let mut seen: HashMap<&str, usize, BuildHasherDefault<TextHasher>> = HashMap::default();
    let mut facts: Vec<TokenFacts> = Vec::new();
    let mut all_items = Vec::with_capacity(side.sentences.len());
    let mut all_keys = Vec::with_capacity(side.sentences.len());
    let mut ids: Vec<usize> = Vec::new();
    for &s in &side.sentences {
        let tokens = tokens(s);
        ids.clear();
        for t in &tokens {
            let id = match seen.get(t.text) {
                Some(&id) => id,
                None => {
                    facts.push(token_facts(lang, t, lexicon, options, target, &known));
                    seen.insert(t.text, facts.len() - 1);
                    facts.len() - 1
                }
            };
            ids.push(id);
        }
        let mut items = Items::default();
        let mut keys = Vec::new();
        if options.anchors {
            let anchors: Vec<&TokenAnchors> = ids.iter().map(|&k| &facts[k].anchors).collect();
            anchor_items(lang, s, &tokens, &anchors, &mut items);
            if target {
                keys.extend_from_slice(items.all_keys());
            }
        }
        if options.lexicon {
            for &k in &ids {
                let words = &facts[k].words;
                for item in &words.items {
                    items.push(ItemKind::Other, W_WORD, item);
                }
                if target {
                    keys.extend(&words.keys);
                }
            }
        }
        if target {
            keys.sort_unstable();
            keys.dedup();
        }
        all_items.push(items);
        all_keys.push(keys);
    }
    (all_items, all_keys)
}

/// The key and weight of each number item of each sentence.
fn number_keys(items: &[Items]) -> Vec<Vec<(u64, f32)>> {
    items
        .iter()
        .map(|items| {
            items
                .iter()
                .filter(|item| item.kind == ItemKind::Number)
                .filter_map(|item| item.keys.first().map(|&k| (k, item.weight)))
                .collect()
        })
        .collect()
}

/// For each position `0..=k` of a side with `k` sentences, how many number items its sentences before
/// it hold.
fn counts_before(nums: &[Vec<(u64, f32)>]) -> Vec<usize> {
    std::iter::once(0)
        .chain(nums.iter().scan(0, |total, list| {
            *total += list.len();
            Some(*total)
        }))
        .collect()
}

/// Every key of a side's name items.
fn name_keys(items: &[Items]) -> HashSet<u64> {
    items
        .iter()
        .flat_map(Items::iter)
        .filter(|item| item.kind == ItemKind::Name)
        .flat_map(|item| item.keys.iter().copied())
        .collect()
}

/// The items of `kind` in sentences `range` of one side: the keys of each, and all their keys.
fn keys_of(items: &[Items], range: Range<usize>, kind: ItemKind) -> (Vec<&[u64]>, HashSet<u64>) {
    let items: Vec<&[u64]> = items[range]
        .iter()
        .flat_map(Items::iter)
        .filter(|item| item.kind == kind)
        .map(|item| item.keys)
        .collect();
    let all = items.iter().flat_map(|keys| keys.iter().copied()).collect();
    (items, all)
}

impl Features {
    /// Extracts the features of both sides: lengths, sentence counts and paragraph breaks; the items
    /// of every sentence; their matches in the band.
    pub fn new(src: &Side, tgt: &Side, lexicon: Option<&Lexicon>, options: &Options) -> Features {
        let width = full_width(src.sentences.len(), tgt.sentences.len(), options.min_band);
        Features::with_width(src, tgt, lexicon, options, width)
    }

    /// [`Features::new`] in a band of half-width `width` ([`band`]).
    pub fn with_width(
        src: &Side,
        tgt: &Side,
        lexicon: Option<&Lexicon>,
        options: &Options,
        width: usize,
    ) -> Features {
        let (n, m) = (src.sentences.len(), tgt.sentences.len());
        let (src_break, tgt_break) = (paragraph_breaks(src), paragraph_breaks(tgt));
        let paragraphs =
            options.anchors && has_inner_break(&src_break) && has_inner_break(&tgt_break);

        let (src_items, _) = side_items(src, lexicon, options, false);
        let (tgt_items, tgt_keys) = side_items(tgt, lexicon, options, true);
        let tgt_index = Index::new(&tgt_keys);
        let src_index = Index::new(&pairs::item_keys(&src_items));
        let src_weights = pairs::weigh(&src_items, &tgt_index, m);
        let tgt_weights = pairs::weigh(&tgt_items, &src_index, n);
        let (src_nums, tgt_nums) = (number_keys(&src_items), number_keys(&tgt_items));
        let mut features = Features {
            n,
            m,
            src_len: lengths(src),
            tgt_len: lengths(tgt),
            src_sents: sentence_counts(src, options),
            tgt_sents: sentence_counts(tgt, options),
            src_break,
            tgt_break,
            paragraphs,
            band: Vec::new(),
            src_names: name_keys(&src_items),
            tgt_names: name_keys(&tgt_items),
            src_items,
            tgt_items,
            src_index,
            tgt_index,
            src_weights,
            tgt_weights,
            src_nums_before: counts_before(&src_nums),
            tgt_nums_before: counts_before(&tgt_nums),
            src_nums,
            tgt_nums,
            rows: Vec::new(),
            total: 0,
        };
        features.set_width(width);
        features
    }

    /// Sets the search band to half-width `width` ([`band`]) and matches the sentence pairs inside
    /// it; what each sentence offers is kept, so a band widened costs only the pairs it adds.
    pub fn set_width(&mut self, width: usize) {
        self.band = band(self.n, self.m, width);
        self.rows = pairs::band_rows(&self.band, self.m);
        pairs::match_source(
            &self.src_items,
            &self.src_weights,
            &self.tgt_index,
            &mut self.rows,
        );
        self.total = pairs::match_target(
            &self.tgt_items,
            &self.tgt_weights,
            &self.src_index,
            &mut self.rows,
        );
    }

    /// The target sentences `start..end` that the row of pair matches of source sentence `i` reaches.
    pub(super) fn row_span(&self, i: usize) -> (usize, usize) {
        self.rows
            .get(i)
            .map_or((0, 0), |row| (row.lo, row.lo + row.cells.len()))
    }

    /// The matches of source sentence `i` with target sentence `j`; None (no match) outside the band.
    fn pair(&self, i: usize, j: usize) -> Option<&PairMatch> {
        self.rows.get(i)?.get(j)
    }

    /// Weight and number weight of source sentence `i`'s items found in target sentences `j0..j1`,
    /// each item counted once however many of those sentences hold it.
    fn src_matched(&self, i: usize, j0: usize, j1: usize) -> (f32, f32) {
        if j1 == j0 + 1 {
            return self
                .pair(i, j0)
                .map_or((0.0, 0.0), |c| (c.src, c.src_number));
        }
        let mask = (j0..j1).fold(0u128, |acc, j| {
            acc | self.pair(i, j).map_or(0, |c| c.src_mask)
        });
        let (w, n) = self.src_weights.buckets[i].of(mask);
        (
            w.min(self.src_weights.weight[i]),
            n.min(self.src_weights.number[i]),
        )
    }

    /// The same for target sentence `j` against source sentences `i0..i1`.
    fn tgt_matched(&self, j: usize, i0: usize, i1: usize) -> (f32, f32) {
        if i1 == i0 + 1 {
            return self
                .pair(i0, j)
                .map_or((0.0, 0.0), |c| (c.tgt, c.tgt_number));
        }
        let mask = (i0..i1).fold(0u128, |acc, i| {
            acc | self.pair(i, j).map_or(0, |c| c.tgt_mask)
        });
        let (w, n) = self.tgt_weights.buckets[j].of(mask);
        (
            w.min(self.tgt_weights.weight[j]),
            n.min(self.tgt_weights.number[j]),
        )
    }

    /// [`Features::matches`], [`Features::coverage_gap`] and [`Features::unmatched_numbers`] of one
    /// bead in one pass (each sentence's matches are gathered once).
    pub fn evidence(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> Evidence {
        let mut e = Evidence::default();
        let linked = i1 > i0 && j1 > j0;
        for i in i0..i1 {
            let (w, n) = self.src_matched(i, j0, j1);
            let weight = self.src_weights.weight[i];
            e.matched += w.min(weight);
            if linked {
                e.coverage_gap += gap(w, weight);
                e.unmatched_numbers +=
                    self.src_weights.number[i] - n.min(self.src_weights.number[i]);
            }
        }
        for j in j0..j1 {
            let (w, n) = self.tgt_matched(j, i0, i1);
            let weight = self.tgt_weights.weight[j];
            e.matched += w.min(weight);
            if linked {
                e.coverage_gap += gap(w, weight);
                e.unmatched_numbers +=
                    self.tgt_weights.number[j] - n.min(self.tgt_weights.number[j]);
            }
        }
        e
    }

    /// Weight of the evidence shared by source sentences `i0..i1` and target sentences `j0..j1`:
    /// each item of each sentence counts once, when it has a counterpart anywhere on the other side
    /// of the bead (a word repeated in two target sentences does not pay a merge twice).
    pub fn matches(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            total += self
                .src_matched(i, j0, j1)
                .0
                .min(self.src_weights.weight[i]);
        }
        for j in j0..j1 {
            total += self
                .tgt_matched(j, i0, i1)
                .0
                .min(self.tgt_weights.weight[j]);
        }
        total
    }

    /// Coverage gap of a linked bead: for each sentence, how far the share of its evidence weight
    /// matched on the other side falls short of [`COVER`], scaled by how much evidence the sentence
    /// offers (up to [`COVER_WEIGHT`]). A sentence that is a translation of the other side shares
    /// some of its words, numbers or names; one that shares none is more likely dropped or added.
    pub fn coverage_gap(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            total += gap(self.src_matched(i, j0, j1).0, self.src_weights.weight[i]);
        }
        for j in j0..j1 {
            total += gap(self.tgt_matched(j, i0, i1).0, self.tgt_weights.weight[j]);
        }
        total
    }

    /// Weight of the numbers of source sentences `i0..i1` and target sentences `j0..j1` that have no
    /// counterpart on the other side of the bead.
    pub fn unmatched_numbers(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        let mut total = 0.0;
        for i in i0..i1 {
            let s = self.src_matched(i, j0, j1).1;
            total += self.src_weights.number[i] - s.min(self.src_weights.number[i]);
        }
        for j in j0..j1 {
            let t = self.tgt_matched(j, i0, i1).1;
            total += self.tgt_weights.number[j] - t.min(self.tgt_weights.number[j]);
        }
        total
    }

    /// Weight of the numbers a merged bead repeats more often on one side than on the other: a
    /// sentence added by the translator that restates a number of its neighbour (`COP29`) matches
    /// the same source mention twice. Zero for 1-1 and null beads.
    pub fn repeated_numbers(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> f32 {
        self.repeated_numbers_in(i0, i1, j0, j1, &mut (Vec::new(), Vec::new()))
    }

    /// [`Features::repeated_numbers`] with the lists of both sides' number keys in `scratch`, which
    /// the search keeps from bead to bead so that no bead allocates.
    pub(super) fn repeated_numbers_in(
        &self,
        i0: usize,
        i1: usize,
        j0: usize,
        j1: usize,
        scratch: &mut NumberScratch,
    ) -> f32 {
        if i1 - i0 < 2 && j1 - j0 < 2 {
            return 0.0;
        }
        // Most beads have no number on one side: the prefix counts say so without a look at the lists.
        if self.src_nums_before[i1] == self.src_nums_before[i0]
            || self.tgt_nums_before[j1] == self.tgt_nums_before[j0]
        {
            return 0.0;
        }
        let (s, t) = scratch;
        s.clear();
        t.clear();
        s.extend(self.src_nums[i0..i1].iter().flatten().copied());
        t.extend(self.tgt_nums[j0..j1].iter().flatten().copied());
        s.sort_by_key(|x| x.0);
        t.sort_by_key(|x| x.0);
        let count = |v: &[(u64, f32)], k: u64| v.iter().filter(|x| x.0 == k).count();
        let mut total = 0.0;
        let mut last = None;
        for &(k, w) in s.iter().chain(t.iter()) {
            if last == Some(k) {
                continue;
            }
            last = Some(k);
            let (a, b) = (count(s, k), count(t, k));
            if a > 0 && b > 0 && a != b {
                total += w * a.abs_diff(b) as f32;
            }
        }
        total
    }

    /// How many more sentences one side of the bead holds than the other ([`sentence_count`]).
    pub fn sentence_gap(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> u32 {
        let s: u32 = self.src_sents[i0..i1].iter().sum();
        let t: u32 = self.tgt_sents[j0..j1].iter().sum();
        s.abs_diff(t)
    }

    /// Number of target items matched anywhere in the band (a measure of whether the sides are
    /// translations at all).
    pub fn total_matches(&self) -> usize {
        self.total
    }

    /// Whether a number of one side of the bead has no counterpart on the other.
    pub fn has_unmatched_numbers(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> bool {
        let (s, s_keys) = keys_of(&self.src_items, i0..i1, ItemKind::Number);
        let (t, t_keys) = keys_of(&self.tgt_items, j0..j1, ItemKind::Number);
        let missing = |items: &[&[u64]], other: &HashSet<u64>| {
            items
                .iter()
                .any(|keys| !keys.iter().any(|k| other.contains(k)))
        };
        missing(&s, &t_keys) || missing(&t, &s_keys)
    }

    /// Whether a name of one side of the bead has its counterpart elsewhere in the other text.
    pub fn has_unmatched_names(&self, i0: usize, i1: usize, j0: usize, j1: usize) -> bool {
        let (s, s_keys) = keys_of(&self.src_items, i0..i1, ItemKind::Name);
        let (t, t_keys) = keys_of(&self.tgt_items, j0..j1, ItemKind::Name);
        // Most capitalised words have no counterpart of the same skeleton (titles, translated names),
        // so a name is a mismatch only when its counterpart is elsewhere in the other text.
        let elsewhere = |keys: &[u64], here: &HashSet<u64>, all: &HashSet<u64>| {
            !keys.iter().any(|k| here.contains(k)) && keys.iter().any(|k| all.contains(k))
        };
        s.iter()
            .any(|keys| elsewhere(keys, &t_keys, &self.tgt_names))
            || t.iter()
                .any(|keys| elsewhere(keys, &s_keys, &self.src_names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn a_token_met_again_is_judged_where_it_stands() {
        // Issue #15, item 6: each distinct token of a side is looked at once, but a sentence-initial
        // `May` is no month and a sentence's first word no name, wherever else the token occurs.
        let en = Lang::parse("en").expect("en");
        let src = Side::new(
            en,
            vec![
                "May Baku host the talks?",
                "Talks open in May in Baku.",
                "Baku hosted them in May.",
            ],
        );
        let (items, _) = side_items(&src, None, &Options::default(), false);
        let count = |kind: ItemKind| -> Vec<usize> {
            items
                .iter()
                .map(|items| items.iter().filter(|item| item.kind == kind).count())
                .collect()
        };
        assert_eq!(count(ItemKind::Number), [0, 1, 1]);
        assert_eq!(count(ItemKind::Name), [1, 1, 0]);
    }

    #[test]
    fn gale_church_alone_gathers_no_evidence() {
        // Issue #15, item 6: the length model is all Gale-Church uses, so no sentence is cut into
        // tokens for it.
        let en = Lang::parse("en").expect("en");
        let ru = Lang::parse("ru").expect("ru");
        let src = Side::new(en, vec!["Putin met Aliyev on 3 May.", "Rain fell."]);
        let tgt = Side::new(ru, vec!["Путин встретился с Алиевым 3 мая.", "Шёл дождь."]);
        let f = Features::new(&src, &tgt, None, &Options::gale_church());
        assert_eq!(f.total_matches(), 0);
        assert!(f.src_items.iter().chain(&f.tgt_items).all(|i| i.len() == 0));
        assert_eq!(f.src_len.len(), 2);
        let with_anchors = Features::new(&src, &tgt, None, &Options::default());
        // 3, May and the name Aliyev; the words putin and aliyev.
        assert_eq!(with_anchors.src_items[0].len(), 5);
    }

    #[test]
    fn a_word_in_two_target_sentences_counts_once_in_a_merged_bead() {
        let en = Lang::parse("en").expect("en");
        let ru = Lang::parse("ru").expect("ru");
        let src = Side::new(
            en,
            vec!["The parliament voted on Monday.", "Rain fell in Baku."],
        );
        let tgt = Side::new(
            ru,
            vec![
                "Парламент проголосовал в понедельник.",
                "Парламент разошёлся.",
                "В Баку шёл дождь.",
            ],
        );
        let lexicon = Lexicon::seed(&src.lang, &tgt.lang);
        let f = Features::new(&src, &tgt, Some(&lexicon), &Options::default());
        let one = f.src_matched(0, 0, 1).0;
        let two = f.src_matched(0, 0, 2).0;
        assert!(one > 0.0);
        assert!((one - two).abs() < 1e-6, "1-1 {one} against 1-2 {two}");
        assert!(two <= f.src_weights.weight[0]);
    }
}
