//! Scoring sentence alignments against gold beads, as in vecalign's `score.py` (Thompson & Koehn 2019):
//! strict precision/recall/F1 counts a predicted bead right only when the gold has exactly that bead;
//! lax counts it right when it shares a source and a target sentence with a gold bead. Both are given
//! over the beads with both sides ("non-null") and over all beads. Recall of gold 1-0/0-1 beads is given
//! apart, and a calibration table says how often beads of each confidence band are right.

use std::ops::Range;

use crate::align::Bead;

pub mod length;
pub mod run;
pub mod walk;

/// An error reading a beads file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A line is not `[i, …]:[j, …]`.
    #[error("line {line}: expected a bead like '[0, 1]:[2]', found '{found}'")]
    BadBead {
        /// 1-based line.
        line: usize,
        /// The line.
        found: String,
    },
}

/// A bead as index lists (the gold format).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GoldBead {
    /// Source sentence indices.
    pub src: Vec<usize>,
    /// Target sentence indices.
    pub tgt: Vec<usize>,
}

impl GoldBead {
    /// Whether both sides have sentences.
    pub fn is_linked(&self) -> bool {
        !self.src.is_empty() && !self.tgt.is_empty()
    }
}

impl From<&Bead> for GoldBead {
    fn from(b: &Bead) -> GoldBead {
        GoldBead {
            src: range_vec(&b.src),
            tgt: range_vec(&b.tgt),
        }
    }
}

fn range_vec(r: &Range<usize>) -> Vec<usize> {
    r.clone().collect()
}

/// Formats a bead as `[0, 1]:[2]`.
pub fn format_bead(src: &Range<usize>, tgt: &Range<usize>) -> String {
    let list = |r: &Range<usize>| {
        r.clone()
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("[{}]:[{}]", list(src), list(tgt))
}

/// Parses a beads file (one `[i, …]:[j, …]` per line; blank lines skipped).
///
/// # Errors
/// [`Error::BadBead`] naming the line.
pub fn parse_beads(text: &str) -> Result<Vec<GoldBead>, Error> {
    let mut out = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let bad = || Error::BadBead {
            line: index + 1,
            found: line.to_string(),
        };
        let (a, b) = line.split_once("]:[").ok_or_else(bad)?;
        let a = a.strip_prefix('[').ok_or_else(bad)?;
        let b = b.strip_suffix(']').ok_or_else(bad)?;
        let list = |s: &str| -> Result<Vec<usize>, Error> {
            s.split(',')
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .map(|x| x.parse::<usize>().map_err(|_| bad()))
                .collect()
        };
        out.push(GoldBead {
            src: list(a)?,
            tgt: list(b)?,
        });
    }
    Ok(out)
}

pub use super::metrics::Counts;

/// Scores of one or more documents.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Score {
    /// Strict, non-null beads.
    pub strict_linked: Counts,
    /// Strict, all beads.
    pub strict_all: Counts,
    /// Lax, non-null beads.
    pub lax_linked: Counts,
    /// Lax, all beads.
    pub lax_all: Counts,
    /// Gold 1-0/0-1 beads predicted exactly (`found_gold` of `gold`).
    pub null: Counts,
    /// Calibration: per band of [`BANDS`], (beads, right beads).
    pub calibration: Vec<(usize, usize)>,
}

/// Lower bounds of the confidence bands of the calibration table.
pub const BANDS: &[f32] = &[0.0, 0.5, 0.7, 0.9, 0.98];

impl Score {
    /// Adds another score.
    pub fn add(&mut self, other: &Score) {
        self.strict_linked.add(&other.strict_linked);
        self.strict_all.add(&other.strict_all);
        self.lax_linked.add(&other.lax_linked);
        self.lax_all.add(&other.lax_all);
        self.null.add(&other.null);
        if self.calibration.len() < BANDS.len() {
            self.calibration.resize(BANDS.len(), (0, 0));
        }
        for (a, b) in self.calibration.iter_mut().zip(&other.calibration) {
            a.0 += b.0;
            a.1 += b.1;
        }
    }
}

fn overlaps(a: &GoldBead, b: &GoldBead) -> bool {
    a.src.iter().any(|x| b.src.contains(x)) && a.tgt.iter().any(|x| b.tgt.contains(x))
        || (a.src.is_empty() && b.src.is_empty() && a.tgt.iter().any(|x| b.tgt.contains(x)))
        || (a.tgt.is_empty() && b.tgt.is_empty() && a.src.iter().any(|x| b.src.contains(x)))
}

fn counts(
    predicted: &[&GoldBead],
    gold: &[&GoldBead],
    right: impl Fn(&GoldBead, &GoldBead) -> bool,
) -> Counts {
    Counts {
        right_predicted: predicted
            .iter()
            .filter(|p| gold.iter().any(|g| right(p, g)))
            .count(),
        predicted: predicted.len(),
        found_gold: gold
            .iter()
            .filter(|g| predicted.iter().any(|p| right(p, g)))
            .count(),
        gold: gold.len(),
    }
}

/// Scores `predicted` beads (with confidences) against `gold`.
pub fn score(predicted: &[Bead], gold: &[GoldBead]) -> Score {
    let pred: Vec<GoldBead> = predicted.iter().map(GoldBead::from).collect();
    let all_p: Vec<&GoldBead> = pred.iter().collect();
    let all_g: Vec<&GoldBead> = gold.iter().collect();
    let linked_p: Vec<&GoldBead> = pred.iter().filter(|b| b.is_linked()).collect();
    let linked_g: Vec<&GoldBead> = gold.iter().filter(|b| b.is_linked()).collect();
    let null_g: Vec<&GoldBead> = gold.iter().filter(|b| !b.is_linked()).collect();
    let eq = |a: &GoldBead, b: &GoldBead| a == b;
    let mut calibration = vec![(0usize, 0usize); BANDS.len()];
    for (bead, p) in predicted.iter().zip(&pred) {
        let band = BANDS
            .iter()
            .rposition(|&lo| bead.confidence >= lo)
            .unwrap_or(0);
        calibration[band].0 += 1;
        if gold.contains(p) {
            calibration[band].1 += 1;
        }
    }
    Score {
        strict_linked: counts(&linked_p, &linked_g, eq),
        strict_all: counts(&all_p, &all_g, eq),
        lax_linked: counts(&linked_p, &linked_g, overlaps),
        lax_all: counts(&all_p, &all_g, overlaps),
        null: counts(&all_p, &null_g, eq),
        calibration,
    }
}

/// Text compared in end-to-end scoring: without any whitespace (Chinese is joined without spaces,
/// the others with one; NTREX has no-break and zero-width spaces).
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{200b}' && *c != '\u{feff}')
        .collect()
}

/// End-to-end scoring against gold text pairs (`gold.pairs.tsv`): a predicted pair is right when it
/// equals a gold pair, or when it and its neighbours split a gold pair into finer pairs whose texts
/// concatenate to the gold pair's (the finer-pairs credit of issue #4). Counts are over pairs.
pub fn score_pairs(predicted: &[(String, String)], gold: &[(String, String)]) -> Counts {
    score_pairs_detail(predicted, gold).0
}

/// [`score_pairs`] with, for each predicted pair, whether it is right and, for each gold pair,
/// whether it was found (for error analysis).
pub fn score_pairs_detail(
    predicted: &[(String, String)],
    gold: &[(String, String)],
) -> (Counts, Vec<bool>, Vec<bool>) {
    let p: Vec<(String, String)> = predicted
        .iter()
        .map(|(a, b)| (squeeze(a), squeeze(b)))
        .collect();
    let g: Vec<(String, String)> = gold.iter().map(|(a, b)| (squeeze(a), squeeze(b))).collect();
    let mut right = vec![false; p.len()];
    let mut found = vec![false; g.len()];
    for (gi, (gs, gt)) in g.iter().enumerate() {
        for start in 0..p.len() {
            if !gs.starts_with(p[start].0.as_str()) || !gt.starts_with(p[start].1.as_str()) {
                continue;
            }
            let (mut s, mut t) = (String::new(), String::new());
            for end in start..p.len() {
                s.push_str(&p[end].0);
                t.push_str(&p[end].1);
                if !gs.starts_with(s.as_str()) || !gt.starts_with(t.as_str()) {
                    break;
                }
                if s == *gs && t == *gt {
                    found[gi] = true;
                    right[start..=end].iter_mut().for_each(|r| *r = true);
                    break;
                }
            }
            if found[gi] {
                break;
            }
        }
    }
    let counts = Counts {
        right_predicted: right.iter().filter(|&&r| r).count(),
        predicted: p.len(),
        found_gold: found.iter().filter(|&&f| f).count(),
        gold: g.len(),
    };
    (counts, right, found)
}

#[cfg(test)]
mod tests {
    #[test]
    fn finer_pairs_of_a_merged_gold_pair_count_as_right() {
        let gold = vec![
            ("A. B.".to_string(), "a. b.".to_string()),
            ("C.".to_string(), "c.".to_string()),
        ];
        let pred = vec![
            ("A.".to_string(), "a.".to_string()),
            ("B.".to_string(), "b.".to_string()),
            ("C.".to_string(), "x.".to_string()),
        ];
        let c = score_pairs(&pred, &gold);
        assert_eq!(
            (c.right_predicted, c.predicted, c.found_gold, c.gold),
            (2, 3, 1, 2)
        );
    }

    use super::*;

    fn bead(src: Range<usize>, tgt: Range<usize>, confidence: f32) -> Bead {
        Bead {
            src,
            tgt,
            confidence,
            flags: Vec::new(),
        }
    }

    #[test]
    fn beads_parse_and_format_round_trip() {
        let gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n[3]:[]\n[]:[2]\n").expect("valid beads");
        assert_eq!(gold.len(), 4);
        assert_eq!(gold[1].src, vec![1, 2]);
        assert!(gold[3].src.is_empty());
        assert_eq!(format_bead(&(1..3), &(1..2)), "[1, 2]:[1]");
    }

    #[test]
    fn a_bad_bead_line_names_its_line() {
        assert!(matches!(
            parse_beads("[0]:[0]\n0:0\n"),
            Err(Error::BadBead { line: 2, .. })
        ));
    }

    #[test]
    fn a_split_merge_is_wrong_strictly_and_right_laxly() {
        let gold = parse_beads("[0]:[0]\n[1, 2]:[1]\n").expect("valid");
        let predicted = vec![
            bead(0..1, 0..1, 0.99),
            bead(1..2, 1..2, 0.6),
            bead(2..3, 2..2, 0.3),
        ];
        let s = score(&predicted, &gold);
        assert_eq!(s.strict_linked.right_predicted, 1);
        assert_eq!(s.strict_linked.predicted, 2);
        assert_eq!(s.lax_linked.right_predicted, 2);
        assert!((s.strict_linked.f1() - 0.5).abs() < 1e-9);
        assert_eq!(s.calibration[4], (1, 1));
    }
}
