//! The search: a banded dynamic programme over beads (Viterbi for the path) and a forward–backward pass
//! over the same lattice for each bead's posterior probability (its confidence).
//!
//! Costs are negative log-probabilities (nats): bead prior + length cost − evidence + coverage gap
//! (linked beads whose sentences share too little with the other side) + paragraph penalties. Posteriors use the costs divided by [`TEMPERATURE`], which was fitted so that beads with
//! confidence ≥ 0.9 are right at least 98% of the time on NTREX dev.

use super::features::{Features, NumberScratch};
use super::length::LengthModel;
use super::{Bead, Flag, Options};

/// Bead shapes `(source sentences, target sentences)` and prior probabilities measured on NTREX dev
/// (1-1 80%, 1-2 and 2-1 7% each, 1-0 and 0-1 3% each; 2-2, 1-3, 3-1 rare).
const EXTENDED: &[(usize, usize, f64)] = &[
    (1, 1, 0.80),
    (1, 0, 0.03),
    (0, 1, 0.03),
    (2, 1, 0.06),
    (1, 2, 0.06),
    (2, 2, 0.0005),
    (1, 3, 0.001),
    (3, 1, 0.001),
];

/// Gale & Church's (1993) bead priors.
const GALE_CHURCH: &[(usize, usize, f64)] = &[
    (1, 1, 0.89),
    (1, 0, 0.0099 / 2.0),
    (0, 1, 0.0099 / 2.0),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
    (2, 2, 0.011),
];

/// Cost saved per unit of shared evidence weight.
const EVIDENCE: f64 = 0.8;
/// Cost per unit of number weight that a bead with both sides leaves without counterpart (a bead
/// that says "these translate each other" predicts that their numbers agree; a 1-0 bead does not).
const UNMATCHED_NUMBER: f64 = 0.5;
/// Cost per unit of coverage gap ([`Features::coverage_gap`]) of a linked bead: a sentence that
/// shares (almost) nothing with the other side of its bead is more likely dropped or added than
/// merged or translated (chosen on NTREX dev among 0, 2, 4, 6 for null-bead recall without F1 loss).
const COVERAGE_GAP: f64 = 4.0;
/// [`COVERAGE_GAP`] for a 1-1 bead: its alternative is not one null bead but two (a 1-0 and a 0-1),
/// and a translated sentence pair that shares no known word is far likelier than a dropped sentence
/// next to an added one: a bare 1-1 bead pays at most 2 nats, as if one true 1-1 bead in seven shared
/// nothing the seed lexicon knows (chosen on NTREX dev among 0, 1, 1.5, 2, 4).
const COVERAGE_GAP_ONE_TO_ONE: f64 = 1.0;
/// Cost per unit of number weight that a merged bead repeats on one side more often than the other
/// ([`Features::repeated_numbers`]); three times [`UNMATCHED_NUMBER`] (chosen on NTREX dev among
/// 0.5, 1, 1.5, 3).
const REPEATED_NUMBER: f64 = 1.5;
/// Cost per sentence that one side of a linked bead holds more than the other (a line with two
/// sentences against one line with one is a 2-1 bead with something missing, or a 1-2 bead).
const SENTENCE_GAP: f64 = 2.0;
/// Cost of a bead boundary that is a paragraph break on one side only, or a bead across a break.
const PARAGRAPH: f64 = 4.0;
/// Temperature of the posteriors.
pub const TEMPERATURE: f64 = 1.0;
/// `|δ|` beyond which a bead's length ratio is flagged.
const LENGTH_OUTLIER: f64 = 3.0;

/// The lattice of the band: the states (sentence positions) each source position allows, numbered
/// row by row, and the cost of every bead between two of them.
struct Lattice<'a> {
    f: &'a Features,
    model: &'a LengthModel,
    gale_church: bool,
    /// Number of the first state of each row (source position).
    offsets: Vec<usize>,
    /// Scratch lists of the number keys of a bead's two sides ([`Features::repeated_numbers_in`]),
    /// kept between beads so that no bead allocates.
    numbers: NumberScratch,
}

/// The number of state `(i, j)` in a band whose rows start at `offsets`, when the band holds it.
fn state(band: &[(usize, usize)], offsets: &[usize], i: usize, j: usize) -> Option<usize> {
    let (lo, hi) = *band.get(i)?;
    (lo..=hi).contains(&j).then(|| offsets[i] + j - lo)
}

impl Lattice<'_> {
    fn index(&self, i: usize, j: usize) -> Option<usize> {
        state(&self.f.band, &self.offsets, i, j)
    }

    fn cost(&mut self, i: usize, j: usize, di: usize, dj: usize, prior: f64) -> f64 {
        // `prior` is −ln p of the bead's shape.
        let f = self.f;
        let ls: f64 = f.src_len[i..i + di].iter().sum();
        let lt: f64 = f.tgt_len[j..j + dj].iter().sum();
        let mut c = prior;
        // Gale & Church score 1-0 beads by length too; tmkit leaves them to the prior.
        if (di > 0 && dj > 0) || self.gale_church {
            c += self.model.cost(ls, lt);
        }
        // A null bead shares nothing: no evidence to weigh.
        if !self.gale_church && di > 0 && dj > 0 {
            let e = f.evidence(i, i + di, j, j + dj);
            let gap_cost = if di + dj > 2 {
                COVERAGE_GAP
            } else {
                COVERAGE_GAP_ONE_TO_ONE
            };
            c -= EVIDENCE * f64::from(e.matched);
            c += UNMATCHED_NUMBER * f64::from(e.unmatched_numbers);
            c += gap_cost * f64::from(e.coverage_gap);
            let repeated = f.repeated_numbers_in(i, i + di, j, j + dj, &mut self.numbers);
            c += REPEATED_NUMBER * f64::from(repeated);
            c += SENTENCE_GAP * f64::from(f.sentence_gap(i, i + di, j, j + dj));
        }
        if f.paragraphs {
            let inside =
                (i + 1..i + di).any(|k| f.src_break[k]) || (j + 1..j + dj).any(|k| f.tgt_break[k]);
            if inside {
                c += PARAGRAPH;
            }
            if f.src_break[i + di] != f.tgt_break[j + dj] {
                c += PARAGRAPH;
            }
        }
        c
    }
}

/// Most shapes a bead may have (the length of [`EXTENDED`]).
const MAX_SHAPES: usize = 8;

/// `ln Σ exp(x)` over `terms`, the largest taken out so that only the others are exponentiated and a
/// single logarithm is taken (the forward–backward sums of a state in one step).
fn log_sum(terms: &[f64]) -> f64 {
    let Some((top, hi)) = terms.iter().copied().enumerate().fold(
        None,
        |acc: Option<(usize, f64)>, (q, x)| match acc {
            Some((_, h)) if h >= x => acc,
            _ => Some((q, x)),
        },
    ) else {
        return f64::NEG_INFINITY;
    };
    if hi == f64::NEG_INFINITY {
        return hi;
    }
    let mut rest = 0.0;
    for (q, &x) in terms.iter().enumerate() {
        // Below e^-36 a term is lost in f64 rounding anyway.
        if q != top && x - hi >= -36.0 {
            rest += (x - hi).exp();
        }
    }
    if rest == 0.0 { hi } else { hi + rest.ln_1p() }
}

/// Whether the path of `beads` comes within `margin` target sentences of an edge of the band that is
/// not an end of the target side: there the band may have kept the path from a better course.
pub fn touches_edge(f: &Features, beads: &[Bead], margin: usize) -> bool {
    let ends = beads.iter().map(|b| (b.src.end, b.tgt.end));
    ends_touch_edge(f, ends, margin)
}

/// [`touches_edge`] over the bead ends `(source, target)` of a path (the start is added).
fn ends_touch_edge(
    f: &Features,
    ends: impl Iterator<Item = (usize, usize)>,
    margin: usize,
) -> bool {
    for (i, j) in std::iter::once((0, 0)).chain(ends) {
        let Some(&(lo, hi)) = f.band.get(i) else {
            continue;
        };
        if (lo > 0 && j < lo + margin) || (hi < f.m && j + margin > hi) {
            return true;
        }
    }
    false
}

/// Finds the best bead sequence and each bead's posterior ([`Forward::new`], then
/// [`Forward::beads`]).
pub fn search(f: &Features, model: &LengthModel, options: &Options) -> Vec<Bead> {
    Forward::new(f, model, options, None).beads(f, model)
}

/// The bead costs of a search in a narrower band, which a wider band of the same features reuses:
/// every bead both bands hold costs the same, unless it reads a sentence pair the narrower band's
/// rows did not reach.
pub struct Carry {
    band: Vec<(usize, usize)>,
    offsets: Vec<usize>,
    /// Each source sentence's row of pair matches, as target sentences `start..end`.
    rows: Vec<(usize, usize)>,
    /// Whether a path reached each state (only those have their beads' costs).
    reached: Vec<bool>,
    costs: Vec<f64>,
}

impl Carry {
    /// The cost of the bead of shape `s` (`di`, `dj`) from state `(i, j)`, when the narrower band
    /// computed it and read every sentence pair of it.
    fn cost(
        &self,
        i: usize,
        j: usize,
        (s, di, dj): (usize, usize, usize),
        k: usize,
    ) -> Option<f64> {
        let here = state(&self.band, &self.offsets, i, j)?;
        if !self.reached[here] {
            return None;
        }
        state(&self.band, &self.offsets, i + di, j + dj)?;
        if dj > 0 {
            for &(start, end) in &self.rows[i..i + di] {
                if j < start || j + dj > end {
                    return None;
                }
            }
        }
        Some(self.costs[here * k + s])
    }
}

/// A bead of the Viterbi path: its first and last states, its shape, and the sentence positions
/// it ends at.
struct PathBead {
    start: usize,
    end: usize,
    shape: usize,
    src_end: usize,
    tgt_end: usize,
}

/// The forward pass of a search: the Viterbi path's back pointers and the cost of every bead from a
/// state a path reaches, computed once, when its first state is reached; [`Forward::beads`] runs
/// the forward–backward pass over them. Enough to tell whether the path runs along the band's edge
/// ([`Forward::touches_edge`]) without the posteriors.
///
/// Both passes pull: a state gathers what its predecessors (forward) or successors (backward) hold,
/// so that its log-sum over up to eight beads takes one logarithm. Predecessors are visited in the
/// order the states are numbered, so among equally good paths the Viterbi path keeps the bead from the
/// earliest state.
pub struct Forward {
    shapes: Vec<(usize, usize, f64)>,
    /// Shape numbers in the order a state pulls its beads.
    pull: Vec<usize>,
    offsets: Vec<usize>,
    best: Vec<f64>,
    back: Vec<u8>,
    /// Bead costs by (first state, shape); infinite for a bead that leaves the band or starts at a
    /// state no path reaches.
    costs: Vec<f64>,
}

impl Forward {
    /// Runs the forward pass over the band of `f`, taking the costs `carry` (a narrower band's
    /// search over the same features) holds.
    pub fn new(
        f: &Features,
        model: &LengthModel,
        options: &Options,
        carry: Option<&Carry>,
    ) -> Forward {
        let gale_church = !options.extended_beads;
        let priors = if gale_church { GALE_CHURCH } else { EXTENDED };
        // Shapes with their prior as a cost (−ln p), computed once.
        let shapes: Vec<(usize, usize, f64)> = priors
            .iter()
            .map(|&(di, dj, p)| (di, dj, -p.ln()))
            .collect();
        // A bead into state (i, j) from (i − di, j − dj): the more source sentences it takes, then
        // the more target sentences, the earlier its first state is numbered.
        let mut pull: Vec<usize> = (0..shapes.len()).collect();
        pull.sort_by_key(|&s| std::cmp::Reverse((shapes[s].0, shapes[s].1)));
        let mut offsets = Vec::with_capacity(f.band.len() + 1);
        let mut total = 0;
        for &(lo, hi) in &f.band {
            offsets.push(total);
            total += hi - lo + 1;
        }
        let mut lattice = Lattice {
            f,
            model,
            gale_church,
            offsets,
            numbers: (Vec::new(), Vec::new()),
        };
        let (n, m) = (f.n, f.m);
        let mut best = vec![f64::INFINITY; total];
        let mut back: Vec<u8> = vec![u8::MAX; total];
        let k = shapes.len();
        let mut costs = vec![f64::INFINITY; total * k];
        for i in 0..=n {
            let (lo, hi) = f.band[i];
            for j in lo..=hi {
                let here = lattice.offsets[i] + j - lo;
                if i == 0 && j == 0 {
                    best[here] = 0.0;
                } else {
                    for &s in &pull {
                        let (di, dj, _) = shapes[s];
                        if di > i || dj > j {
                            continue;
                        }
                        let Some(from) = lattice.index(i - di, j - dj) else {
                            continue;
                        };
                        let c = costs[from * k + s];
                        if c.is_infinite() {
                            continue;
                        }
                        if best[from] + c < best[here] {
                            best[here] = best[from] + c;
                            back[here] = s as u8;
                        }
                    }
                }
                if best[here].is_infinite() {
                    continue;
                }
                for (s, &(di, dj, prior)) in shapes.iter().enumerate() {
                    let (ni, nj) = (i + di, j + dj);
                    if ni > n || nj > m || lattice.index(ni, nj).is_none() {
                        continue;
                    }
                    let carried = carry.and_then(|c| c.cost(i, j, (s, di, dj), k));
                    costs[here * k + s] =
                        carried.unwrap_or_else(|| lattice.cost(i, j, di, dj, prior));
                }
            }
        }
        Forward {
            shapes,
            pull,
            offsets: lattice.offsets,
            best,
            back,
            costs,
        }
    }

    fn index(&self, f: &Features, i: usize, j: usize) -> Option<usize> {
        state(&f.band, &self.offsets, i, j)
    }

    /// The beads of the Viterbi path, last first.
    fn path(&self, f: &Features) -> Vec<PathBead> {
        let mut path = Vec::new();
        let (mut i, mut j) = (f.n, f.m);
        while i > 0 || j > 0 {
            let Some(end) = self.index(f, i, j) else {
                break;
            };
            let shape = self.back[end] as usize;
            let Some(&(di, dj, _)) = self.shapes.get(shape) else {
                break;
            };
            let (pi, pj) = (i - di, j - dj);
            // A back pointer leads to a state in the band.
            let Some(start) = self.index(f, pi, pj) else {
                break;
            };
            path.push(PathBead {
                start,
                end,
                shape,
                src_end: i,
                tgt_end: j,
            });
            i = pi;
            j = pj;
        }
        path
    }

    /// Whether the Viterbi path comes within `margin` target sentences of an edge of the band
    /// ([`touches_edge`]).
    pub fn touches_edge(&self, f: &Features, margin: usize) -> bool {
        let path = self.path(f);
        ends_touch_edge(f, path.iter().rev().map(|b| (b.src_end, b.tgt_end)), margin)
    }

    /// What a wider band's search over the same features may reuse.
    pub fn into_carry(self, f: &Features) -> Carry {
        Carry {
            band: f.band.clone(),
            offsets: self.offsets,
            rows: (0..f.n).map(|i| f.row_span(i)).collect(),
            reached: self.best.iter().map(|b| b.is_finite()).collect(),
            costs: self.costs,
        }
    }

    /// The beads of the Viterbi path with their posteriors (the forward–backward pass) and flags.
    pub fn beads(&self, f: &Features, model: &LengthModel) -> Vec<Bead> {
        let (n, m) = (f.n, f.m);
        let (shapes, costs) = (&self.shapes, &self.costs);
        let k = shapes.len();
        let total = self.best.len();
        let mut terms = [f64::NEG_INFINITY; MAX_SHAPES];
        let mut alpha = vec![f64::NEG_INFINITY; total];
        for i in 0..=n {
            let (lo, hi) = f.band[i];
            for j in lo..=hi {
                let here = self.offsets[i] + j - lo;
                if i == 0 && j == 0 {
                    alpha[here] = 0.0;
                    continue;
                }
                let mut count = 0;
                for &s in &self.pull {
                    let (di, dj, _) = shapes[s];
                    if di > i || dj > j {
                        continue;
                    }
                    let Some(from) = self.index(f, i - di, j - dj) else {
                        continue;
                    };
                    let c = costs[from * k + s];
                    if c.is_infinite() {
                        continue;
                    }
                    terms[count] = alpha[from] - c / TEMPERATURE;
                    count += 1;
                }
                alpha[here] = log_sum(&terms[..count]);
            }
        }
        let Some(end) = self.index(f, n, m) else {
            return Vec::new();
        };
        // Backward pass.
        let mut beta = vec![f64::NEG_INFINITY; total];
        beta[end] = 0.0;
        for i in (0..=n).rev() {
            let (lo, hi) = f.band[i];
            for j in (lo..=hi).rev() {
                let here = self.offsets[i] + j - lo;
                if here == end {
                    continue;
                }
                let mut count = 0;
                for (s, &(di, dj, _)) in shapes.iter().enumerate() {
                    let c = costs[here * k + s];
                    if c.is_infinite() {
                        continue;
                    }
                    // A bead with a cost ends in the band; one that would not counts for nothing.
                    let Some(there) = self.index(f, i + di, j + dj) else {
                        continue;
                    };
                    if beta[there] == f64::NEG_INFINITY {
                        continue;
                    }
                    terms[count] = beta[there] - c / TEMPERATURE;
                    count += 1;
                }
                beta[here] = log_sum(&terms[..count]);
            }
        }
        let z = alpha[end];
        let mut beads = Vec::new();
        for PathBead {
            start,
            end: here,
            shape,
            src_end: i,
            tgt_end: j,
        } in self.path(f)
        {
            let (di, dj, _) = shapes[shape];
            let (pi, pj) = (i - di, j - dj);
            let c = costs[start * k + shape];
            let posterior = (alpha[start] - c / TEMPERATURE + beta[here] - z).exp();
            let mut flags = Vec::new();
            if di == 0 || dj == 0 {
                flags.push(Flag::Unaligned);
            } else {
                if f.has_unmatched_numbers(pi, i, pj, j) {
                    flags.push(Flag::NumberMismatch);
                }
                if f.has_unmatched_names(pi, i, pj, j) {
                    flags.push(Flag::NameMismatch);
                }
                let ls: f64 = f.src_len[pi..i].iter().sum();
                let lt: f64 = f.tgt_len[pj..j].iter().sum();
                if model.delta(ls, lt).abs() > LENGTH_OUTLIER {
                    flags.push(Flag::LengthOutlier);
                }
            }
            beads.push(Bead {
                src: pi..i,
                tgt: pj..j,
                confidence: if posterior.is_finite() {
                    posterior.clamp(0.0, 1.0) as f32
                } else {
                    0.0
                },
                flags,
            });
        }
        beads.reverse();
        beads
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_sum_adds_probabilities_in_log_space() {
        let sum = log_sum(&[1f64.ln(), 2f64.ln(), 3f64.ln()]);
        assert!((sum - 6f64.ln()).abs() < 1e-12, "{sum}");
        assert_eq!(log_sum(&[-2.5]), -2.5);
        assert_eq!(log_sum(&[f64::NEG_INFINITY, -1.0]), -1.0);
        assert_eq!(log_sum(&[]), f64::NEG_INFINITY);
        assert_eq!(log_sum(&[f64::NEG_INFINITY; 3]), f64::NEG_INFINITY);
        // A term e^-40 below the largest is lost in rounding and left out.
        assert_eq!(log_sum(&[0.0, -40.0]), 0.0);
    }
}
