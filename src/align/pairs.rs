//! Pair matches: which items of each sentence pair inside the search band find a counterpart.
//!
//! An inverted index per side maps each key to the sentences holding it, so only the pairs that share
//! a key cost anything. Each item's weight is scaled by its inverse document frequency over the other
//! side ([`idf`]), and each pair records the matched weight of both sentences and a bit mask of which
//! items matched, so that a merged bead counts an item found in two of its sentences once.
//!
//! Rows follow the band: source sentence `i` meets the target sentences of band rows `i` and `i + 1`,
//! widened by [`ROW_REACH`] so that every bead the search can build from that row has its pairs.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use super::items::{ItemKind, Items};

/// Items of a sentence tracked one by one in a [`PairMatch`] mask; further items share bits
/// (`index % MASK_BITS`), which only matters for sentences with more than this many items.
const MASK_BITS: usize = 128;

/// Target sentences beyond a band row that the row still holds matches for: a bead starting inside
/// the band reaches up to three sentences further (1-3 beads).
const ROW_REACH: usize = 3;

/// Matches of one sentence pair: weight of matched source items, of matched target items, and which
/// items matched (bit `q % 128` for item `q`), so that a merged bead counts an item found in two of
/// its sentences once.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PairMatch {
    /// Idf-weighted weight of the source sentence's items matched in the target sentence.
    pub(super) src: f32,
    /// The same for the target sentence's items.
    pub(super) tgt: f32,
    /// Weight of the source sentence's numbers matched (before idf weighting).
    pub(super) src_number: f32,
    /// The same for the target sentence's numbers.
    pub(super) tgt_number: f32,
    /// Which source items matched.
    pub(super) src_mask: u128,
    /// Which target items matched.
    pub(super) tgt_mask: u128,
}

/// Weight and number weight of the items of one sentence: per mask bit.
#[derive(Clone, Debug, Default)]
pub(super) struct Buckets {
    weight: Vec<f32>,
    number: Vec<f32>,
}

impl Buckets {
    fn add(&mut self, q: usize, weight: f32, number: f32) {
        let b = q % MASK_BITS;
        if self.weight.len() <= b {
            self.weight.resize(b + 1, 0.0);
            self.number.resize(b + 1, 0.0);
        }
        self.weight[b] += weight;
        self.number[b] += number;
    }

    /// Weight and number weight of the items whose bits are set.
    pub(super) fn of(&self, mut mask: u128) -> (f32, f32) {
        let (mut w, mut n) = (0.0, 0.0);
        while mask != 0 {
            let b = mask.trailing_zeros() as usize;
            mask &= mask - 1;
            w += self.weight.get(b).copied().unwrap_or(0.0);
            n += self.number.get(b).copied().unwrap_or(0.0);
        }
        (w, n)
    }
}

/// One band row of pair matches: source sentence `i` against target sentences `lo..lo + cells.len()`.
pub(super) struct Row {
    /// The first target sentence of the row.
    pub(super) lo: usize,
    /// The matches, one per target sentence.
    pub(super) cells: Vec<PairMatch>,
}

impl Row {
    /// The match with target sentence `j`, when the row reaches it.
    pub(super) fn get(&self, j: usize) -> Option<&PairMatch> {
        j.checked_sub(self.lo).and_then(|x| self.cells.get(x))
    }

    fn get_mut(&mut self, j: usize) -> Option<&mut PairMatch> {
        j.checked_sub(self.lo).and_then(|x| self.cells.get_mut(x))
    }

    /// One past the last target sentence of the row.
    fn end(&self) -> usize {
        self.lo + self.cells.len()
    }
}

/// Empty rows for a band (`band[i]`: the target positions allowed at source position `i`) over `m`
/// target sentences: one per source sentence.
pub(super) fn band_rows(band: &[(usize, usize)], m: usize) -> Vec<Row> {
    band.windows(2)
        .map(|rows| {
            let lo = rows[0].0.saturating_sub(ROW_REACH);
            let hi = (rows[1].1 + ROW_REACH).min(m);
            Row {
                lo,
                cells: vec![PairMatch::default(); hi.saturating_sub(lo)],
            }
        })
        .collect()
}

/// A hasher for item keys, which are FNV-1a values already: one multiply and shift spread them over
/// the table (no seed is needed: the keys come from one article pair, not from an adversary).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, n: u64) {
        let x = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = x ^ (x >> 32);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// An inverted index: key → the ascending numbers of the sentences holding it.
pub(super) struct Index(HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>>);

impl Index {
    /// The index of sentences given by their keys (each list sorted, without repeats).
    pub(super) fn new(sentences: &[Vec<u64>]) -> Index {
        let mut index: HashMap<u64, Vec<u32>, BuildHasherDefault<KeyHasher>> = HashMap::default();
        for (number, keys) in sentences.iter().enumerate() {
            for &k in keys {
                index.entry(k).or_default().push(number as u32);
            }
        }
        Index(index)
    }

    /// The document frequency of an item with `keys`: the longest posting list among them.
    fn frequency(&self, keys: &[u64]) -> usize {
        keys.iter()
            .filter_map(|k| self.0.get(k))
            .map(Vec::len)
            .max()
            .unwrap_or(0)
    }

    /// Collects into `scratch` (sorted, without repeats) the sentences in `within` that hold any of
    /// `keys`.
    fn sentences_with(&self, keys: &[u64], within: Range<u32>, scratch: &mut Vec<u32>) {
        scratch.clear();
        for k in keys {
            if let Some(list) = self.0.get(k) {
                let a = list.partition_point(|&x| x < within.start);
                let b = list.partition_point(|&x| x < within.end);
                scratch.extend(&list[a..b]);
            }
        }
        scratch.sort_unstable();
        scratch.dedup();
    }
}

/// The keys of each sentence's items, sorted and without repeats (what [`Index::new`] takes).
pub(super) fn item_keys(items: &[Items]) -> Vec<Vec<u64>> {
    items
        .iter()
        .map(|items| {
            let mut keys = items.all_keys().to_vec();
            keys.sort_unstable();
            keys.dedup();
            keys
        })
        .collect()
}

/// Inverse document frequency of an item found in `df` of the other side's `count` sentences: an
/// item that recurs throughout the article (the story's protagonist, a quote mark) tells little
/// about which sentence translates which.
fn idf(df: usize, count: usize) -> f32 {
    if df == 0 {
        return 0.0;
    }
    let total = (count as f32 + 1.0).ln().max(f32::EPSILON);
    ((count as f32 + 1.0) / df as f32).ln().max(0.0) / total
}

/// Per sentence of one side: the weight of its items once idf-weighted, of its numbers, and both per
/// mask bit; and the idf-weighted weight of each item, which the band's rows add up. None of it
/// depends on the band: an item's document frequency is over the whole other side.
pub(super) struct SideWeights {
    /// Idf-weighted item weight of each sentence.
    pub(super) weight: Vec<f32>,
    /// Weight of each sentence's numbers (before idf weighting).
    pub(super) number: Vec<f32>,
    /// The same two per mask bit.
    pub(super) buckets: Vec<Buckets>,
    /// Idf-weighted weight of each item of each sentence, in the order of its items.
    items: Vec<Vec<f32>>,
}

/// The weight a number item adds to its sentence's number weight (0 for other kinds).
fn number_weight(kind: ItemKind, weight: f32) -> f32 {
    if kind == ItemKind::Number {
        weight
    } else {
        0.0
    }
}

/// Weighs each sentence's items of one side by their inverse document frequency among the other
/// side's `count` sentences (`index` indexes them).
pub(super) fn weigh(items: &[Items], index: &Index, count: usize) -> SideWeights {
    let mut out = SideWeights {
        weight: vec![0.0; items.len()],
        number: vec![0.0; items.len()],
        buckets: vec![Buckets::default(); items.len()],
        items: Vec::with_capacity(items.len()),
    };
    for (i, items) in items.iter().enumerate() {
        let mut weights = Vec::with_capacity(items.len());
        for (q, item) in items.iter().enumerate() {
            let number = number_weight(item.kind, item.weight);
            out.number[i] += number;
            let w = item.weight * idf(index.frequency(item.keys), count);
            out.weight[i] += w;
            out.buckets[i].add(q, w, number);
            weights.push(w);
        }
        out.items.push(weights);
    }
    out
}

/// Matches each source sentence's items (weighed by [`weigh`]) against the target sentences of its
/// row (`tgt_index` indexes the target sentences), recording them in `rows`.
pub(super) fn match_source(
    src_items: &[Items],
    weights: &SideWeights,
    tgt_index: &Index,
    rows: &mut [Row],
) {
    let mut scratch: Vec<u32> = Vec::new();
    for ((items, item_weights), row) in src_items.iter().zip(&weights.items).zip(rows) {
        for ((q, item), &w) in items.iter().enumerate().zip(item_weights) {
            let number = number_weight(item.kind, item.weight);
            // Only the target sentences inside this row of the band are collected.
            let within = row.lo as u32..row.end() as u32;
            tgt_index.sentences_with(item.keys, within, &mut scratch);
            let bit = 1u128 << (q % MASK_BITS);
            for &j in &scratch {
                if let Some(cell) = row.get_mut(j as usize) {
                    cell.src += w;
                    cell.src_number += number;
                    cell.src_mask |= bit;
                }
            }
        }
    }
}

/// Matches each target sentence's items (weighed by [`weigh`]) against the source sentences whose
/// rows reach it (`src_index` indexes the source sentences), recording them in `rows`; returns how
/// many target items matched in some pair.
pub(super) fn match_target(
    tgt_items: &[Items],
    weights: &SideWeights,
    src_index: &Index,
    rows: &mut [Row],
) -> usize {
    let mut total = 0usize;
    let mut scratch: Vec<u32> = Vec::new();
    for (j, (items, item_weights)) in tgt_items.iter().zip(&weights.items).enumerate() {
        // Rows are monotone in the band, so the rows that reach target sentence j are contiguous.
        let first_row = rows.partition_point(|r| r.end() <= j);
        let end_row = rows.partition_point(|r| r.lo <= j);
        for ((q, item), &w) in items.iter().enumerate().zip(item_weights) {
            let number = number_weight(item.kind, item.weight);
            let rows_reaching = first_row as u32..end_row as u32;
            src_index.sentences_with(item.keys, rows_reaching, &mut scratch);
            let bit = 1u128 << (q % MASK_BITS);
            for &i in &scratch {
                if let Some(cell) = rows.get_mut(i as usize).and_then(|row| row.get_mut(j)) {
                    cell.tgt += w;
                    cell.tgt_number += number;
                    cell.tgt_mask |= bit;
                    total += 1;
                }
            }
        }
    }
    total
}
