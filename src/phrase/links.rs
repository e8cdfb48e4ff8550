//! Word links inside one unit: the Viterbi alignment of each direction under the trained model,
//! symmetrised with grow-diag-final-and (Koehn, Och & Marcu 2003; the heuristic of the Moses
//! `train-model.perl` step 3).
//!
//! A word the model has not seen gets `p = UNSEEN` against every word; two words with the same key
//! that are not function words (a name written alike in both languages, a number) get at least
//! `SAME_KEY`.

use super::{Model, Word};

/// The probability of a pair the model holds no entry for.
pub(crate) const UNSEEN: f32 = 1e-6;
/// The least probability of two identical non-function words: names and numbers written alike in
/// both languages translate each other far more often than not.
pub(crate) const SAME_KEY: f32 = 0.5;

/// Shortest word (in characters) taken for a cognate: shorter words share bigrams by chance.
const COGNATE_CHARS: usize = 5;
/// Dice coefficient of character bigrams at which two words are cognates: *strategic* / *strateji*
/// 0.67, *president* / *prezident* 0.75, *parliament* / *parlament* 0.82, while unrelated words of
/// one script rarely pass 0.4. Words of different scripts share no bigram.
const COGNATE_DICE: f32 = 0.6;

/// Whether two keys are cognates: both at least [`COGNATE_CHARS`] characters and the Dice
/// coefficient of their character bigrams at least [`COGNATE_DICE`] (Simard, Foster & Isabelle
/// 1992 used shared prefixes for the same purpose in sentence alignment). The model asks it through
/// [`Model::same_keys`], with each word's bigrams made once.
#[cfg(test)]
fn is_cognate(a: &str, b: &str) -> bool {
    match (bigrams(a), bigrams(b)) {
        (Some(a), Some(b)) => cognate_bigrams(&a, &b),
        _ => false,
    }
}

/// The character bigrams of a key, sorted; None for a key shorter than [`COGNATE_CHARS`].
fn bigrams(key: &str) -> Option<Vec<(char, char)>> {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < COGNATE_CHARS {
        return None;
    }
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    Some(pairs)
}

/// [`is_cognate`] of two keys' sorted bigrams: the bigrams they share (as multisets) by one merge.
fn cognate_bigrams(a: &[(char, char)], b: &[(char, char)]) -> bool {
    // They share at most the shorter one's bigrams: keys of too different lengths are never
    // cognates, without the merge.
    if (2.0 * a.len().min(b.len()) as f32) < COGNATE_DICE * (a.len() + b.len()) as f32 {
        return false;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f32 >= COGNATE_DICE * (a.len() + b.len()) as f32
}

/// For each word of the *row* side (1-based positions), the best word of the other side or `None`
/// for NULL: `score(i, j)` is `p(row word j | other word i)` times the prior, `null(j)` the NULL score.
pub(crate) fn viterbi(
    rows: usize,
    cols: usize,
    prior: &[f32],
    score: impl Fn(usize, usize) -> f32,
    null: impl Fn(usize) -> f32,
) -> Vec<Option<usize>> {
    (0..rows)
        .map(|j| {
            let mut best = (null(j), None);
            for i in 0..cols {
                let p = score(i, j) * prior[j * cols + i];
                if p > best.0 {
                    best = (p, Some(i));
                }
            }
            best.1
        })
        .collect()
}

/// grow-diag-final-and over a source of `m` words and a target of `n` words: `forward[j]` is the
/// source word target word `j` links to, `reverse[i]` the target word source word `i` links to.
/// Returns the links as `(source, target)` pairs, sorted.
pub(crate) fn grow_diag_final_and(
    m: usize,
    n: usize,
    forward: &[Option<usize>],
    reverse: &[Option<usize>],
) -> Vec<(usize, usize)> {
    let mut in_fwd = vec![false; m * n];
    let mut in_rev = vec![false; m * n];
    for (j, i) in forward.iter().enumerate() {
        if let Some(i) = *i {
            in_fwd[i * n + j] = true;
        }
    }
    for (i, j) in reverse.iter().enumerate() {
        if let Some(j) = *j {
            in_rev[i * n + j] = true;
        }
    }
    let mut grid = Grid {
        n,
        links: vec![false; m * n],
        src: vec![false; m],
        tgt: vec![false; n],
    };
    for i in 0..m {
        for j in 0..n {
            if in_fwd[i * n + j] && in_rev[i * n + j] {
                grid.add(i, j);
            }
        }
    }
    // grow-diag: add union links next to (also diagonally) an existing link while they align a
    // word not aligned yet, until nothing changes.
    const NEIGHBOURS: [(isize, isize); 8] = [
        (-1, 0),
        (0, -1),
        (1, 0),
        (0, 1),
        (-1, -1),
        (-1, 1),
        (1, -1),
        (1, 1),
    ];
    loop {
        let mut added = false;
        for i in 0..m {
            for j in 0..n {
                if !grid.links[i * n + j] {
                    continue;
                }
                for (di, dj) in NEIGHBOURS {
                    let (Some(a), Some(b)) = (i.checked_add_signed(di), j.checked_add_signed(dj))
                    else {
                        continue;
                    };
                    if a >= m || b >= n || grid.links[a * n + b] {
                        continue;
                    }
                    if (!grid.src[a] || !grid.tgt[b]) && (in_fwd[a * n + b] || in_rev[a * n + b]) {
                        grid.add(a, b);
                        added = true;
                    }
                }
            }
        }
        if !added {
            break;
        }
    }
    // final-and: a directional link whose two words are both still unaligned.
    for table in [&in_fwd, &in_rev] {
        for i in 0..m {
            for j in 0..n {
                if table[i * n + j] && !grid.src[i] && !grid.tgt[j] {
                    grid.add(i, j);
                }
            }
        }
    }
    let mut out = Vec::new();
    for i in 0..m {
        for j in 0..n {
            if grid.links[i * n + j] {
                out.push((i, j));
            }
        }
    }
    out
}

/// Word translation probabilities between the words of one unit, both ways, for the lexical
/// weights of a phrase pair (Koehn, Och & Marcu 2003, section 3.3): `forward[i * n + j]` is
/// `w(target j | source i)`, `reverse[i * n + j]` is `w(source i | target j)`, `*_null` the
/// probability of a word given NULL. Pairs the pruned tables do not hold get [`UNSEEN`]; two equal
/// keys or cognates get at least [`SAME_KEY`], as when linking.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct WordWeights {
    n: usize,
    forward: Vec<f32>,
    reverse: Vec<f32>,
    forward_null: Vec<f32>,
    reverse_null: Vec<f32>,
}

impl WordWeights {
    /// Source words.
    pub(crate) fn source_len(&self) -> usize {
        self.reverse_null.len()
    }

    /// `w(target j | source i)`.
    pub(crate) fn target_given_source(&self, i: usize, j: usize) -> f32 {
        self.forward[i * self.n + j]
    }

    /// `w(source i | target j)`.
    pub(crate) fn source_given_target(&self, i: usize, j: usize) -> f32 {
        self.reverse[i * self.n + j]
    }

    /// `w(target j | NULL)`.
    pub(crate) fn target_given_null(&self, j: usize) -> f32 {
        self.forward_null[j]
    }

    /// `w(source i | NULL)`.
    pub(crate) fn source_given_null(&self, i: usize) -> f32 {
        self.reverse_null[i]
    }
}

#[cfg(test)]
impl WordWeights {
    /// Weights of `m` source and `n` target words that are all unseen, NULL included.
    pub(crate) fn unseen(m: usize, n: usize) -> WordWeights {
        WordWeights {
            n,
            forward: vec![UNSEEN; m * n],
            reverse: vec![UNSEEN; m * n],
            forward_null: vec![UNSEEN; n],
            reverse_null: vec![UNSEEN; m],
        }
    }

    /// Sets `w(target j | source i)` and `w(source i | target j)`.
    pub(crate) fn set(
        &mut self,
        i: usize,
        j: usize,
        target_given_source: f32,
        source_given_target: f32,
    ) {
        self.forward[i * self.n + j] = target_given_source;
        self.reverse[i * self.n + j] = source_given_target;
    }
}

impl Model {
    /// Which word pairs of one unit are likely links whatever the tables say, row-major
    /// (`src.len() × tgt.len()`): equal keys (names, numbers) and cognates, neither a function word.
    /// Computed once per unit: asked per cell, the function-word lists and the cognate test were
    /// most of a concordance's time on a large memory (issue #12).
    pub(crate) fn same_keys(&self, src: &[Word], tgt: &[Word]) -> Vec<bool> {
        let src_weak: Vec<bool> = src
            .iter()
            .map(|w| self.src.is_function_word(&w.key))
            .collect();
        let tgt_weak: Vec<bool> = tgt
            .iter()
            .map(|w| self.tgt.is_function_word(&w.key))
            .collect();
        let tgt_bigrams: Vec<Option<Vec<(char, char)>>> =
            tgt.iter().map(|w| bigrams(&w.key)).collect();
        let mut same = vec![false; src.len() * tgt.len()];
        for (i, s) in src.iter().enumerate() {
            if src_weak[i] {
                continue;
            }
            let s_bigrams = bigrams(&s.key);
            for (j, t) in tgt.iter().enumerate() {
                let cognate = || match (&s_bigrams, &tgt_bigrams[j]) {
                    (Some(a), Some(b)) => cognate_bigrams(a, b),
                    _ => false,
                };
                same[i * tgt.len() + j] = !tgt_weak[j] && (s.key == t.key || cognate());
            }
        }
        same
    }

    /// The links of one unit from its word weights ([`Model::word_weights`], computed once for
    /// both the links and the phrase pairs' lexical weights): a Viterbi pass each way, the diagonal
    /// prior for each, symmetrised by grow-diag-final-and. Equal keys (names, numbers) and cognates
    /// (strategic / strateji, parliament / parlament) are likely links whatever the tables say, as
    /// the weights' [`SAME_KEY`] floor has it: a small memory has not seen them often enough.
    pub(crate) fn link_weighted(&self, w: &WordWeights) -> Vec<(usize, usize)> {
        let (m, n) = (w.source_len(), w.n);
        if m == 0 || n == 0 {
            return Vec::new();
        }
        let p0 = self.null_probability;
        let prior = super::train::diagonal(n, m, self.tensions[0], p0);
        let forward = viterbi(
            n,
            m,
            &prior,
            |i, j| w.forward[i * n + j],
            |j| p0 * w.forward_null[j],
        );
        let prior = super::train::diagonal(m, n, self.tensions[1], p0);
        let reverse = viterbi(
            m,
            n,
            &prior,
            |j, i| w.reverse[i * n + j],
            |i| p0 * w.reverse_null[i],
        );
        grow_diag_final_and(m, n, &forward, &reverse)
    }

    /// The word translation probabilities between the words of one unit (see [`WordWeights`]).
    ///
    /// Each table row of a word is merged once with the other side's ids, sorted: a row holds at
    /// most `top_k` entries, so this is linear in the unit's words where a binary search per cell
    /// was quadratic (a concordance aligns hundreds of units per query).
    pub(crate) fn word_weights(&self, src: &[Word], tgt: &[Word]) -> WordWeights {
        let (m, n) = (src.len(), tgt.len());
        let (s_ids, t_ids) = self.word_ids(src, tgt);
        let sorted = |ids: &[Option<u32>]| -> Vec<(u32, usize)> {
            let mut out: Vec<(u32, usize)> = ids
                .iter()
                .enumerate()
                .filter_map(|(at, id)| id.map(|id| (id, at)))
                .collect();
            out.sort_unstable();
            out
        };
        let (s_sorted, t_sorted) = (sorted(&s_ids), sorted(&t_ids));
        let mut forward = vec![UNSEEN; m * n];
        let mut reverse = vec![UNSEEN; m * n];
        for (i, id) in s_ids.iter().enumerate() {
            if let Some(row) = id {
                merge(self.forward.row(*row), &t_sorted, |j, p| {
                    forward[i * n + j] = p
                });
            }
        }
        for (j, id) in t_ids.iter().enumerate() {
            if let Some(row) = id {
                merge(self.reverse.row(*row), &s_sorted, |i, p| {
                    reverse[i * n + j] = p
                });
            }
        }
        let same_keys = self.same_keys(src, tgt);
        for (cell, &same) in same_keys.iter().enumerate() {
            if same {
                forward[cell] = forward[cell].max(SAME_KEY);
                reverse[cell] = reverse[cell].max(SAME_KEY);
            }
        }
        let null = |table: &super::Table, id: Option<u32>| {
            id.and_then(|c| table.get(0, c)).unwrap_or(UNSEEN)
        };
        WordWeights {
            n,
            forward,
            reverse,
            forward_null: t_ids.iter().map(|&t| null(&self.forward, t)).collect(),
            reverse_null: s_ids.iter().map(|&s| null(&self.reverse, s)).collect(),
        }
    }
}

/// Calls `set(position, p)` for each entry `(id, p)` of a table row (sorted by id) whose id is a
/// word of the unit (`words`: `(id, position)`, sorted), once per position.
fn merge(row: &[(u32, f32)], words: &[(u32, usize)], mut set: impl FnMut(usize, f32)) {
    let (mut a, mut b) = (0, 0);
    while a < row.len() && b < words.len() {
        match row[a].0.cmp(&words[b].0) {
            std::cmp::Ordering::Less => a += 1,
            std::cmp::Ordering::Greater => b += 1,
            std::cmp::Ordering::Equal => {
                set(words[b].1, row[a].1);
                b += 1;
            }
        }
    }
}

/// Links being grown, and which words they align.
struct Grid {
    n: usize,
    links: Vec<bool>,
    src: Vec<bool>,
    tgt: Vec<bool>,
}

impl Grid {
    fn add(&mut self, i: usize, j: usize) {
        self.links[i * self.n + j] = true;
        self.src[i] = true;
        self.tgt[j] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cognates_share_most_bigrams_and_are_long_enough() {
        assert!(is_cognate("strategic", "strateji"));
        assert!(is_cognate("president", "prezident"));
        assert!(is_cognate("parliament", "parlament"));
        assert!(!is_cognate("partnership", "tərəfdaşlıq"));
        assert!(!is_cognate("house", "hause"));
        assert!(!is_cognate("president", "президент"));
    }

    #[test]
    fn intersection_grows_into_the_union_next_to_it() {
        // forward: t0←s0, t1←s1, t2←s1 ; reverse: s0→t0, s1→t1, s2→t2
        let links = grow_diag_final_and(
            3,
            3,
            &[Some(0), Some(1), Some(1)],
            &[Some(0), Some(1), Some(2)],
        );
        // intersection {(0,0),(1,1)}; (1,2) and (2,2) neighbour (1,1); (1,2) comes first and aligns
        // t2, then (2,2) still aligns the unaligned s2.
        assert_eq!(links, [(0, 0), (1, 1), (1, 2), (2, 2)]);
    }

    #[test]
    fn final_and_adds_isolated_links_only_between_unaligned_words() {
        let links = grow_diag_final_and(3, 3, &[Some(0), None, Some(2)], &[Some(0), None, None]);
        assert_eq!(links, [(0, 0), (2, 2)]);
    }

    #[test]
    fn viterbi_prefers_null_when_nothing_scores_higher() {
        let prior = [0.5, 0.5, 0.5, 0.5];
        let best = viterbi(
            2,
            2,
            &prior,
            |i, j| if i == j && j == 0 { 0.9 } else { 0.01 },
            |_| 0.05,
        );
        assert_eq!(best, [Some(0), None]);
    }
}
