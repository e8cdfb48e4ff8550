//! Training the word aligner: IBM Model 1, then the reparameterised diagonal model of fast_align
//! (Dyer, Chahuneau & Smith 2013, *A Simple, Fast, and Effective Reparameterization of IBM Model 2*,
//! NAACL), in both directions at once, with the mean-field variational Bayes update of the
//! translation table that fast_align uses (a symmetric Dirichlet prior `alpha`).
//!
//! Every sentence pair has an `(m + 1) × (n + 1)` grid of *cells*, the index of the word pair
//! `(source word or NULL, target word or NULL)` in one list of co-occurring pairs; both directions
//! keep their parameters (`p(target | source)` and `p(source | target)`) over that one list. The
//! grids are built once (up to [`CELL_BUDGET`] cells; past it they are rebuilt in each iteration
//! from a hash map), so an EM iteration reads arrays only. The diagonal prior
//! `p(i | j, m, n) ∝ exp(−tension · |i/m − j/n|)` is cached per sentence-length pair. As in
//! fast_align, each direction re-estimates its tension after every diagonal iteration: the tension
//! whose prior expects the same mean `−|i/m − j/n|` as the posterior links of that iteration had
//! (fast_align takes gradient steps towards it; we take secant steps, inside `0.1..=20`), so a
//! language pair that reorders a lot (en–zh, en–az) gets a flatter prior than one that does not.
//! Deviation from fast_align: the first iteration is plain Model 1 (no diagonal).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::table::Table;

/// How many grid cells are kept between iterations (4 bytes each): 64 Mi cells, 256 MiB.
pub(crate) const CELL_BUDGET: usize = 64 << 20;

/// A hasher for `u64` pair keys: the splitmix64 finaliser, which mixes the high half (the source
/// word) into the low bits that pick a bucket (the keys are word ids, not attacker input).
#[derive(Default)]
pub(crate) struct PairHasher(u64);

impl Hasher for PairHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn write_u64(&mut self, n: u64) {
        let mut z = (self.0 ^ n).wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }
}

type PairMap = HashMap<u64, u32, BuildHasherDefault<PairHasher>>;

/// The alignment priors of one length pair `(m, n)` in one iteration, both laid out by source row
/// (`m × n`, row-major) so that the E-step reads them in the order of a sentence pair's cells.
struct Priors {
    /// `p(source position i | target position j)`, the forward direction's prior, transposed.
    forward: Vec<f32>,
    /// `p(target position j | source position i)`, the reverse direction's prior.
    reverse: Vec<f32>,
    /// Sentence pairs of this length pair in the current iteration.
    count: usize,
}

impl Priors {
    fn new(m: usize, n: usize, [t_f, t_r]: [f32; 2], p0: f32) -> Priors {
        // The forward prior is computed by target row and written straight into source rows.
        let mut forward = vec![0.0f32; m * n];
        diagonal_into(n, m, t_f, p0, &mut forward, true);
        let mut reverse = vec![0.0f32; m * n];
        diagonal_into(m, n, t_r, p0, &mut reverse, false);
        Priors {
            forward,
            reverse,
            count: 0,
        }
    }
}

/// The E-step's buffers, reused from one sentence pair to the next.
#[derive(Default)]
struct Scratch {
    /// Forward scores `p(t_j | s_i) · prior`, then posteriors, `m × n` by source row.
    forward: Vec<f32>,
    /// Reverse scores `p(s_i | t_j) · prior`, `m × n`.
    reverse: Vec<f32>,
    /// Per target word: the NULL score, and the inverse of the forward normaliser.
    null_f: Vec<f32>,
    inv_f: Vec<f32>,
    /// Per source word: the inverse of the reverse normaliser.
    inv_r: Vec<f32>,
}

impl Scratch {
    /// Adds the posterior link counts of one sentence pair (`m` source and `n` target words, its
    /// grid `cells`, its length pair's priors and cell features) to `params`, both directions in one
    /// pass over the grid; returns the forward
    /// direction's link mass and feature sum, then the reverse direction's.
    fn expect(
        &mut self,
        cells: &[u32],
        m: usize,
        n: usize,
        params: &mut [[f32; 4]],
        (prior, feature): (&Priors, &[f32]),
        p0: f32,
    ) -> [f32; 4] {
        let w = n + 1;
        self.forward.clear();
        self.forward.resize(m * n, 0.0);
        self.reverse.clear();
        self.reverse.resize(m * n, 0.0);
        self.null_f.clear();
        self.null_f
            .extend(cells[1..w].iter().map(|&c| p0 * params[c as usize][0]));
        // Forward normalisers: NULL plus every source word, summed over the source rows.
        self.inv_f.clear();
        self.inv_f.extend_from_slice(&self.null_f);
        self.inv_r.clear();
        for i in 1..=m {
            let row = &cells[i * w..(i + 1) * w];
            let scores_f = &mut self.forward[(i - 1) * n..i * n];
            let scores_r = &mut self.reverse[(i - 1) * n..i * n];
            let prior_f = &prior.forward[(i - 1) * n..i * n];
            let prior_r = &prior.reverse[(i - 1) * n..i * n];
            let mut sum = p0 * params[row[0] as usize][1];
            for j in 0..n {
                let p = &params[row[j + 1] as usize];
                let f = p[0] * prior_f[j];
                let r = p[1] * prior_r[j];
                scores_f[j] = f;
                scores_r[j] = r;
                self.inv_f[j] += f;
                sum += r;
            }
            self.inv_r.push(if sum > 0.0 { 1.0 / sum } else { 0.0 });
        }
        for x in &mut self.inv_f {
            *x = if *x > 0.0 { 1.0 / *x } else { 0.0 };
        }
        for j in 0..n {
            params[cells[j + 1] as usize][2] += self.null_f[j] * self.inv_f[j];
        }
        let (mut mass_f, mut sum_f, mut mass_r, mut sum_r) = (0.0f32, 0.0f32, 0.0f32, 0.0f32);
        for i in 1..=m {
            let row = &cells[i * w..(i + 1) * w];
            let inv = self.inv_r[i - 1];
            let null = &mut params[row[0] as usize];
            null[3] += p0 * null[1] * inv;
            let scores_f = &self.forward[(i - 1) * n..i * n];
            let scores_r = &self.reverse[(i - 1) * n..i * n];
            let h = &feature[(i - 1) * n..i * n];
            for j in 0..n {
                let post_f = scores_f[j] * self.inv_f[j];
                let post_r = scores_r[j] * inv;
                let p = &mut params[row[j + 1] as usize];
                p[2] += post_f;
                p[3] += post_r;
                mass_f += post_f;
                sum_f += post_f * h[j];
                mass_r += post_r;
                sum_r += post_r * h[j];
            }
        }
        [mass_f, sum_f, mass_r, sum_r]
    }
}

fn pair_key(src: u32, tgt: u32) -> u64 {
    (u64::from(src) << 32) | u64::from(tgt)
}

/// Sentence pairs as word ids (0 is NULL, never in a sentence).
#[derive(Debug, Default)]
pub(crate) struct Corpus {
    pub(crate) src: Vec<u32>,
    pub(crate) tgt: Vec<u32>,
    /// `(src start, src len, tgt start, tgt len)` per pair.
    pub(crate) pairs: Vec<(u32, u32, u32, u32)>,
}

impl Corpus {
    pub(crate) fn push(&mut self, src: &[u32], tgt: &[u32]) {
        let (s, t) = (self.src.len() as u32, self.tgt.len() as u32);
        self.src.extend_from_slice(src);
        self.tgt.extend_from_slice(tgt);
        self.pairs.push((s, src.len() as u32, t, tgt.len() as u32));
    }

    fn sides(&self, k: usize) -> (&[u32], &[u32]) {
        let (s, m, t, n) = self.pairs[k];
        (
            &self.src[s as usize..(s + m) as usize],
            &self.tgt[t as usize..(t + n) as usize],
        )
    }
}

/// Training settings.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainOptions {
    /// EM iterations of IBM Model 1 (uniform alignment prior) first.
    pub model1_iterations: usize,
    /// EM iterations of the diagonal model after them.
    pub diagonal_iterations: usize,
    /// How sharply the alignment prior favours the diagonal at first (fast_align's `-T`, default
    /// 4); re-estimated per direction after each diagonal iteration.
    pub tension: f32,
    /// Probability that a word is aligned to NULL (fast_align's `-p0`, default 0.08).
    pub null_probability: f32,
    /// Dirichlet prior of the translation table (fast_align's `-a`, whose default is 0.01; 0.05 here,
    /// chosen on the tuning phrases of `tmkit eval phrases`: see README, Concordance).
    pub alpha: f32,
    /// Table entries below this probability are dropped from the stored model.
    pub floor: f32,
    /// At most this many translations are stored per word.
    pub top_k: usize,
    /// Sentence pairs with more words than this on either side are left out of training: their
    /// grids cost quadratic time, and news sentences are far shorter.
    pub max_words: usize,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            model1_iterations: 1,
            diagonal_iterations: 4,
            tension: 4.0,
            null_probability: 0.08,
            alpha: 0.05,
            floor: 0.01,
            top_k: 16,
            max_words: 200,
        }
    }
}

/// The alignment prior for `rows` positions of one side over `cols` positions of the other,
/// row-major, each row summing to `1 − p0`; uniform when `tension` is 0.
///
/// Along a row the distances `|r/rows − c/cols|` step by `1/cols`, so the weights are two
/// geometric sequences from the column nearest the diagonal: two `exp` calls a row.
pub(crate) fn diagonal(rows: usize, cols: usize, tension: f32, p0: f32) -> Vec<f32> {
    let mut out = vec![0.0f32; rows * cols];
    diagonal_into(rows, cols, tension, p0, &mut out, false);
    out
}

/// [`diagonal`] written into `out` (`rows × cols`), or, `transposed`, column by column (`out[c · rows
/// + r]`), which is the layout of the other direction's grid.
fn diagonal_into(
    rows: usize,
    cols: usize,
    tension: f32,
    p0: f32,
    out: &mut [f32],
    transposed: bool,
) {
    let step = (-f64::from(tension) / cols as f64).exp();
    let mut scratch = vec![0.0f32; if transposed { cols } else { 0 }];
    for r in 1..=rows {
        let row: &mut [f32] = if transposed {
            &mut scratch
        } else {
            &mut out[(r - 1) * cols..r * cols]
        };
        // x: where the diagonal crosses this row, in column units (1-based).
        let x = r as f64 * cols as f64 / rows as f64;
        let left = (x.floor() as usize).clamp(1, cols);
        let mut w = (-f64::from(tension) * (x - left as f64).abs() / cols as f64).exp();
        for c in (1..=left).rev() {
            row[c - 1] = w as f32;
            w *= step;
        }
        if left < cols {
            let mut w = (-f64::from(tension) * ((left + 1) as f64 - x).abs() / cols as f64).exp();
            for c in left + 1..=cols {
                row[c - 1] = w as f32;
                w *= step;
            }
        }
        let z: f32 = row.iter().sum();
        for w in row.iter_mut() {
            *w *= (1.0 - p0) / z;
        }
        if transposed {
            for (c, &w) in scratch.iter().enumerate() {
                out[c * rows + r - 1] = w;
            }
        }
    }
}

/// `log Σ_c exp(−tension · |x − c| / cols)` over the columns `1..=cols` of a row whose diagonal
/// point is `x`, in closed form (two geometric series).
fn log_z(x: f64, cols: usize, tension: f64) -> f64 {
    let q = (-tension / cols as f64).exp();
    let series = |a: f64, k: usize| -> f64 {
        if k == 0 {
            0.0
        } else if (1.0 - q).abs() < 1e-12 {
            k as f64
        } else {
            (-tension * a / cols as f64).exp() * (1.0 - q.powi(k as i32)) / (1.0 - q)
        }
    };
    let left = (x.floor() as usize).min(cols);
    let z = series(x - left as f64, left) + series((left + 1) as f64 - x, cols - left);
    z.ln()
}

/// ψ(x), by recurrence up to 6 and the asymptotic series (as fast_align computes it).
fn digamma(mut x: f64) -> f64 {
    let mut result = 0.0;
    while x < 6.0 {
        result -= 1.0 / x;
        x += 1.0;
    }
    asymptotic(x) + result
}

fn asymptotic(x: f64) -> f64 {
    let f = 1.0 / (x * x);
    let t = f
        * (-1.0 / 12.0
            + f * (1.0 / 120.0 + f * (-1.0 / 252.0 + f * (1.0 / 240.0 + f * (-1.0 / 132.0)))));
    x.ln() - 0.5 / x + t
}

/// `exp(ψ(x))`, tabulated for the M-step, which needs it once per co-occurring word pair and
/// iteration: on `1..7` directly (linear interpolation, relative error below 1e-6), below 1 by the
/// recurrence `exp(ψ(x)) = exp(ψ(x + 1)) · exp(−1/x)` with `exp(−u)` tabulated on `u` in `1..80`
/// (relative error below 4e-5), above 7 from the asymptotic series. Past `u = 80` (`x < 0.0125`)
/// it is 0: `exp(−80)` is near the smallest normal `f32`, and subnormal numbers would slow every
/// product they enter by two orders of magnitude.
struct Digamma {
    exp_psi: Vec<f32>,
    exp_neg: Vec<f32>,
}

impl Digamma {
    const STEPS: usize = 2048;
    const WIDTH: f64 = 6.0;
    /// Steps per unit of `u` in the `exp(−u)` table, and its last `u`.
    const NEG_STEPS: f64 = 64.0;
    const NEG_MAX: f64 = 80.0;

    fn new() -> Digamma {
        let exp_psi = (0..=Self::STEPS)
            .map(|k| digamma(1.0 + k as f64 * Self::WIDTH / Self::STEPS as f64).exp() as f32)
            .collect();
        let exp_neg = (0..=((Self::NEG_MAX - 1.0) * Self::NEG_STEPS) as usize + 1)
            .map(|k| (-(1.0 + k as f64 / Self::NEG_STEPS)).exp() as f32)
            .collect();
        Digamma { exp_psi, exp_neg }
    }

    /// `exp(ψ(x))` for `x > 0`.
    fn exp_at(&self, x: f32) -> f32 {
        if x < 1.0 {
            let u = 1.0 / f64::from(x);
            if u >= Self::NEG_MAX {
                return 0.0;
            }
            let pos = (u - 1.0) * Self::NEG_STEPS;
            let k = pos as usize;
            let frac = (pos - k as f64) as f32;
            let e = self.exp_neg[k] + frac * (self.exp_neg[k + 1] - self.exp_neg[k]);
            return self.exp_at(x + 1.0) * e;
        }
        if f64::from(x) >= 1.0 + Self::WIDTH {
            return asymptotic(f64::from(x)).exp() as f32;
        }
        let pos = (x - 1.0) * (Self::STEPS as f64 / Self::WIDTH) as f32;
        let k = (pos as usize).min(Self::STEPS - 1);
        let frac = pos - k as f32;
        self.exp_psi[k] + frac * (self.exp_psi[k + 1] - self.exp_psi[k])
    }
}

/// The two trained directions: `p(target | source)` by source row, `p(source | target)` by target
/// row, and the tension each direction ended with.
pub(crate) struct Trained {
    pub(crate) forward: Table,
    pub(crate) reverse: Table,
    pub(crate) tensions: [f32; 2],
}

/// Accumulates, for one direction and one iteration, the posterior mass of non-NULL links and
/// their feature `−|r/rows − c/cols|`, and how many rows each length pair had.
#[derive(Default)]
struct Feature {
    mass: f64,
    sum: f64,
    lengths: HashMap<(usize, usize), usize>,
}

impl Feature {
    /// How many of the most frequent length pairs the tension is fitted on.
    const LENGTHS: usize = 128;

    /// The tension whose prior expects the observed mean feature, searched from `current`.
    fn solve(&self, current: f32) -> Option<f32> {
        if self.mass <= 0.0 {
            return None;
        }
        let observed = self.sum / self.mass;
        // The most frequent length pairs stand for all: the tension moves little with the rest,
        // and each costs a pass over its rows per step.
        let mut lengths: Vec<((usize, usize), usize)> =
            self.lengths.iter().map(|(&k, &v)| (k, v)).collect();
        lengths.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        lengths.truncate(Self::LENGTHS);
        // The prior's expected feature is d log Z / d tension of Z = Σ exp(tension · h), h = −d.
        let expected = |tension: f32| {
            let t = f64::from(tension);
            let (mut num, mut den) = (0.0f64, 0.0f64);
            for &((rows, cols), count) in &lengths {
                for r in 1..=rows {
                    let x = r as f64 * cols as f64 / rows as f64;
                    let e = 1e-3;
                    let d = (log_z(x, cols, t - e) - log_z(x, cols, t + e)) / (2.0 * e);
                    num -= count as f64 * d;
                }
                den += (count * rows) as f64;
            }
            num / den
        };
        // The expected feature rises with the tension: secant steps from the current tension,
        // kept inside 0.1..=20.
        let (mut a, mut b) = (current, current * 1.25 + 0.1);
        let (mut fa, mut fb) = (expected(a) - observed, expected(b) - observed);
        for _ in 0..6 {
            if (fb - fa).abs() < 1e-12 {
                break;
            }
            let next = (b - (fb * f64::from(b - a) / (fb - fa)) as f32).clamp(0.1, 20.0);
            (a, fa) = (b, fb);
            b = next;
            fb = expected(b) - observed;
            if fb.abs() < 1e-6 {
                break;
            }
        }
        Some(b)
    }
}

/// Runs EM over `corpus` with `src_vocab` and `tgt_vocab` words (counting NULL).
pub(crate) fn train(
    corpus: &Corpus,
    src_vocab: usize,
    tgt_vocab: usize,
    options: &TrainOptions,
) -> Trained {
    // The list of co-occurring pairs, NULL rows and columns included, and (within the budget)
    // every sentence pair's grid of cells.
    let total_cells: usize = corpus
        .pairs
        .iter()
        .map(|&(_, m, _, n)| (m as usize + 1) * (n as usize + 1))
        .sum();
    let keep = total_cells <= CELL_BUDGET;
    let mut index: PairMap = PairMap::default();
    let (mut pair_src, mut pair_tgt, mut all, mut starts) = if keep {
        grids(corpus, src_vocab, tgt_vocab, total_cells)
    } else {
        Default::default()
    };
    if !keep {
        // Past the budget: only the pair list (by hashing), the grids are rebuilt per iteration.
        index.reserve(total_cells / 2);
        for k in 0..corpus.pairs.len() {
            let (src, tgt) = corpus.sides(k);
            let mut intern = |s: u32, t: u32| {
                index.entry(pair_key(s, t)).or_insert_with(|| {
                    pair_src.push(s);
                    pair_tgt.push(t);
                    (pair_src.len() - 1) as u32
                });
            };
            tgt.iter().for_each(|&t| intern(0, t));
            for &s in src {
                intern(s, 0);
                tgt.iter().for_each(|&t| intern(s, t));
            }
        }
        all.clear();
        starts.clear();
    }
    let fill = |k: usize, cells: &mut Vec<u32>| {
        let (src, tgt) = corpus.sides(k);
        cells.clear();
        cells.push(u32::MAX);
        cells.extend(tgt.iter().map(|&t| index[&pair_key(0, t)]));
        for &s in src {
            cells.push(index[&pair_key(s, 0)]);
            cells.extend(tgt.iter().map(|&t| index[&pair_key(s, t)]));
        }
    };
    let cached: Option<(Vec<u32>, Vec<usize>)> = keep.then_some((all, starts));

    let pairs = pair_src.len();
    // Per co-occurring pair, side by side so that one cache line serves both directions:
    // [p(t | s), p(s | t), expected count forward, expected count reverse].
    let mut params = vec![[1.0f32, 1.0, 0.0, 0.0]; pairs];
    let p0 = options.null_probability;
    let mut buf = Vec::new();
    let mut scratch = Scratch::default();
    let mut tensions = [options.tension; 2];
    let psi = Digamma::new();
    // The feature `−|i/m − j/n|` of each cell of a length pair, which both directions and every
    // iteration share.
    let mut features_by_length: HashMap<(usize, usize), Vec<f32>> = HashMap::new();
    let iterations = options.model1_iterations + options.diagonal_iterations;
    for iteration in 0..iterations {
        let model1 = iteration < options.model1_iterations;
        let [t_f, t_r] = if model1 { [0.0; 2] } else { tensions };
        // Per length pair (m, n): both directions' priors, by source row, and the feature.
        let mut priors: HashMap<(usize, usize), Priors> = HashMap::new();
        let mut features: [Feature; 2] = Default::default();
        params.iter_mut().for_each(|p| {
            p[2] = 0.0;
            p[3] = 0.0;
        });
        for k in 0..corpus.pairs.len() {
            let (_, m, _, n) = corpus.pairs[k];
            let (m, n) = (m as usize, n as usize);
            let cells: &[u32] = match &cached {
                Some((all, starts)) => &all[starts[k]..starts[k + 1]],
                None => {
                    fill(k, &mut buf);
                    &buf
                }
            };
            let prior = priors
                .entry((m, n))
                .or_insert_with(|| Priors::new(m, n, [t_f, t_r], p0));
            prior.count += 1;
            let feature = features_by_length
                .entry((m, n))
                .or_insert_with(|| features_of(m, n));
            let [mass_f, sum_f, mass_r, sum_r] =
                scratch.expect(cells, m, n, &mut params, (prior, feature), p0);
            for (feature, (mass, sum)) in
                features.iter_mut().zip([(mass_f, sum_f), (mass_r, sum_r)])
            {
                feature.mass += f64::from(mass);
                feature.sum += f64::from(sum);
            }
        }
        if !model1 {
            for (&(m, n), prior) in &priors {
                *features[0].lengths.entry((n, m)).or_default() += prior.count;
                *features[1].lengths.entry((m, n)).or_default() += prior.count;
            }
        }
        normalize(
            &mut params,
            &pair_src,
            &pair_tgt,
            [src_vocab, tgt_vocab],
            options.alpha,
            &psi,
        );
        if !model1 {
            for (tension, feature) in tensions.iter_mut().zip(&features) {
                if let Some(t) = feature.solve(*tension) {
                    *tension = t;
                }
            }
        }
    }
    let t_fwd: Vec<f32> = params.iter().map(|p| p[0]).collect();
    let t_rev: Vec<f32> = params.iter().map(|p| p[1]).collect();

    let rows = |t: &[f32], by: &[u32], other: &[u32], n_rows: usize| -> Vec<Vec<(u32, f32)>> {
        let mut rows = vec![Vec::new(); n_rows];
        for p in 0..t.len() {
            if other[p] != 0 {
                rows[by[p] as usize].push((other[p], t[p]));
            }
        }
        rows
    };
    Trained {
        forward: Table::from_rows(
            rows(&t_fwd, &pair_src, &pair_tgt, src_vocab),
            options.floor,
            options.top_k,
        ),
        reverse: Table::from_rows(
            rows(&t_rev, &pair_tgt, &pair_src, tgt_vocab),
            options.floor,
            options.top_k,
        ),
        tensions,
    }
}

/// Every sentence pair's grid of cells (row-major `(m + 1) × (n + 1)`, each starting at its
/// entry of the second list, the unused NULL–NULL corner `u32::MAX`) and the source and target
/// word of each co-occurring pair, without hashing: the rows of one source word (NULL first) are
/// filled together, while an array by target word holds the ids of that word's pairs.
fn grids(
    corpus: &Corpus,
    src_vocab: usize,
    tgt_vocab: usize,
    total_cells: usize,
) -> (Vec<u32>, Vec<u32>, Vec<u32>, Vec<usize>) {
    let mut starts = Vec::with_capacity(corpus.pairs.len() + 1);
    let mut total = 0;
    for &(_, m, _, n) in &corpus.pairs {
        starts.push(total);
        total += (m as usize + 1) * (n as usize + 1);
    }
    starts.push(total);
    // The rows of each source word as (sentence pair, row start), by a counting sort.
    let mut first = vec![0usize; src_vocab + 1];
    first[1] = corpus.pairs.len();
    for &s in &corpus.src {
        first[s as usize + 1] += 1;
    }
    for s in 1..=src_vocab {
        first[s] += first[s - 1];
    }
    let mut rows = vec![(0u32, 0usize); first[src_vocab]];
    let mut next = first.clone();
    for (k, &(_, _, _, n)) in corpus.pairs.iter().enumerate() {
        let (src, _) = corpus.sides(k);
        let w = n as usize + 1;
        rows[next[0]] = (k as u32, starts[k]);
        next[0] += 1;
        for (i, &s) in src.iter().enumerate() {
            rows[next[s as usize]] = (k as u32, starts[k] + (i + 1) * w);
            next[s as usize] += 1;
        }
    }
    let mut all = vec![u32::MAX; total_cells];
    let (mut pair_src, mut pair_tgt) = (Vec::new(), Vec::new());
    let mut slot = vec![u32::MAX; tgt_vocab];
    let mut touched: Vec<u32> = Vec::new();
    for s in 0..src_vocab {
        for &(k, row) in &rows[first[s]..first[s + 1]] {
            let (_, tgt) = corpus.sides(k as usize);
            let cells = &mut all[row..row + tgt.len() + 1];
            // Column 0 is the target side's NULL, which the NULL row does not have.
            let columns = std::iter::once(0).chain(tgt.iter().copied());
            for (cell, t) in cells.iter_mut().zip(columns).skip(usize::from(s == 0)) {
                let id = &mut slot[t as usize];
                if *id == u32::MAX {
                    *id = pair_src.len() as u32;
                    pair_src.push(s as u32);
                    pair_tgt.push(t);
                    touched.push(t);
                }
                *cell = *id;
            }
        }
        for t in touched.drain(..) {
            slot[t as usize] = u32::MAX;
        }
    }
    (pair_src, pair_tgt, all, starts)
}

/// The variational Bayes M-step of both directions of `params` in one pass over the pairs:
/// `t = exp(ψ(count + α)) / exp(ψ(Σ_row (count + α)))` per row, the forward direction's rows by source
/// word (`src[p]`), the reverse direction's by target word (`tgt[p]`), each skipping the pairs whose
/// column is NULL, which that direction never uses.
fn normalize(
    params: &mut [[f32; 4]],
    src: &[u32],
    tgt: &[u32],
    [src_rows, tgt_rows]: [usize; 2],
    alpha: f32,
    psi: &Digamma,
) {
    let mut totals = [vec![0.0f64; src_rows], vec![0.0f64; tgt_rows]];
    for ((p, &s), &t) in params.iter().zip(src).zip(tgt) {
        if t != 0 {
            totals[0][s as usize] += f64::from(p[2] + alpha);
        }
        if s != 0 {
            totals[1][t as usize] += f64::from(p[3] + alpha);
        }
    }
    // t = exp(ψ(count + α)) / exp(ψ(total)): one table read per pair, no `exp`.
    let [inv_src, inv_tgt] = totals.map(|totals| {
        totals
            .iter()
            .map(|&x| {
                let e = if x > 0.0 { psi.exp_at(x as f32) } else { 0.0 };
                if e > 0.0 { 1.0 / e } else { 0.0 }
            })
            .collect::<Vec<f32>>()
    });
    for ((p, &s), &t) in params.iter_mut().zip(src).zip(tgt) {
        if t != 0 {
            p[0] = psi.exp_at(p[2] + alpha) * inv_src[s as usize];
        }
        if s != 0 {
            p[1] = psi.exp_at(p[3] + alpha) * inv_tgt[t as usize];
        }
    }
}

/// The feature `−|r/rows − c/cols|` of every cell, row-major.
fn features_of(rows: usize, cols: usize) -> Vec<f32> {
    let mut out = Vec::with_capacity(rows * cols);
    for r in 1..=rows {
        for c in 1..=cols {
            out.push(-(r as f32 / rows as f32 - c as f32 / cols as f32).abs());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digamma_matches_known_values() {
        assert!((digamma(1.0) + 0.577_215_664_9).abs() < 1e-9);
        assert!((digamma(0.5) + 1.963_510_026_0).abs() < 1e-9);
        assert!((digamma(10.0) - 2.251_752_589_1).abs() < 1e-9);
    }

    #[test]
    fn the_exp_digamma_table_matches_the_series() {
        let psi = Digamma::new();
        for x in [
            0.02f32, 0.05, 0.3, 0.99, 1.0, 1.7, 3.3, 6.9, 7.0, 12.5, 400.0,
        ] {
            let exact = digamma(f64::from(x)).exp();
            let table = f64::from(psi.exp_at(x));
            assert!(
                ((table - exact) / exact).abs() < 1e-4,
                "exp(ψ({x})): {table} vs {exact}"
            );
        }
        assert_eq!(psi.exp_at(0.012), 0.0, "exp(−83) is cut to 0");
    }

    #[test]
    fn the_diagonal_matches_its_definition() {
        let (rows, cols, tension) = (4, 7, 3.0f32);
        let d = diagonal(rows, cols, tension, 0.0);
        for r in 1..=rows {
            let w: Vec<f32> = (1..=cols)
                .map(|c| (-tension * (r as f32 / rows as f32 - c as f32 / cols as f32).abs()).exp())
                .collect();
            let z: f32 = w.iter().sum();
            for c in 0..cols {
                assert!((d[(r - 1) * cols + c] - w[c] / z).abs() < 1e-5);
            }
        }
    }

    #[test]
    fn log_z_matches_the_sum() {
        for (x, cols, t) in [(2.5, 7, 4.0), (1.0, 3, 0.5), (7.0, 7, 9.0), (3.2, 10, 2.0)] {
            let direct: f64 = (1..=cols)
                .map(|c| (-t * (x - c as f64).abs() / cols as f64).exp())
                .sum::<f64>()
                .ln();
            assert!(
                (log_z(x, cols, t) - direct).abs() < 1e-9,
                "x {x} cols {cols}"
            );
        }
    }

    #[test]
    fn diagonal_rows_sum_to_one_minus_p0_and_peak_on_the_diagonal() {
        let d = diagonal(3, 5, 4.0, 0.08);
        for r in 0..3 {
            let row = &d[r * 5..(r + 1) * 5];
            assert!((row.iter().sum::<f32>() - 0.92).abs() < 1e-5);
        }
        let last = &d[2 * 5..3 * 5];
        assert!(last[4] > last[0]);
    }

    #[test]
    fn every_grid_cell_names_its_word_pair() {
        let mut corpus = Corpus::default();
        corpus.push(&[2, 1], &[1]);
        corpus.push(&[2, 3, 1, 2], &[2, 1, 2]);
        corpus.push(&[3], &[2]);
        let (pair_src, pair_tgt, all, starts) = grids(&corpus, 4, 3, 6 + 20 + 4);
        assert_eq!(starts, vec![0, 6, 26, 30]);
        assert_eq!(
            pair_src.len(),
            11,
            "2 NULL-row pairs, 3 for each source word"
        );
        for k in 0..3 {
            let (src, tgt) = corpus.sides(k);
            let w = tgt.len() + 1;
            let grid = &all[starts[k]..starts[k + 1]];
            assert_eq!(grid[0], u32::MAX);
            for i in 0..=src.len() {
                for j in 0..=tgt.len() {
                    if i + j == 0 {
                        continue;
                    }
                    let s = if i == 0 { 0 } else { src[i - 1] };
                    let t = if j == 0 { 0 } else { tgt[j - 1] };
                    let c = grid[i * w + j] as usize;
                    assert_eq!(
                        (pair_src[c], pair_tgt[c]),
                        (s, t),
                        "pair {k} cell ({i}, {j})"
                    );
                }
            }
        }
        let mut seen: Vec<(u32, u32)> = pair_src
            .iter()
            .copied()
            .zip(pair_tgt.iter().copied())
            .collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), pair_src.len(), "each pair listed once");
    }

    #[test]
    fn em_learns_the_word_pairs_of_a_toy_corpus() {
        // 1 = "house" 2 = "the" 3 = "small"  ↔  1 = "dom" 2 = "maly"
        let mut corpus = Corpus::default();
        corpus.push(&[2, 1], &[1]);
        corpus.push(&[2, 3, 1], &[2, 1]);
        corpus.push(&[3], &[2]);
        let trained = train(&corpus, 4, 3, &TrainOptions::default());
        let fwd = |s, t| trained.forward.get(s, t).unwrap_or(0.0);
        assert!(fwd(1, 1) > 0.9, "p(dom | house) = {}", fwd(1, 1));
        assert!(fwd(3, 2) > 0.9, "p(maly | small) = {}", fwd(3, 2));
        let rev = |t, s| trained.reverse.get(t, s).unwrap_or(0.0);
        assert!(
            rev(1, 1) > rev(1, 2),
            "p(house | dom) should beat p(the | dom)"
        );
    }
}
