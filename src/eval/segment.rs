//! Segmentation accuracy on ntrex-dev: boundary precision, recall and F1, and the share of gold
//! sentences reproduced exactly, per language.
//!
//! # Gold
//!
//! Each document's running text (`src.raw.txt`, `tgt.raw.txt`) is built, as the data's README says,
//! from the *perturbed* lines of `src.txt`/`tgt.txt`, some of which are two gold lines merged with one
//! space (Chinese: nothing). A merged line holds two sentences, so scoring against the perturbed lines
//! would punish a correct break. The gold here is therefore the *unperturbed* NTREX lines (`all.en`,
//! `all.<lang>`, the document's `gold_lines` lines from `ntrex_first_line`), restricted to the lines
//! that appear in the running text: each perturbed line is matched to one original line or to two
//! consecutive original lines joined as the README says; original lines that were dropped are skipped.
//! The gold sentences are then located in order in the raw text, which gives gold spans.
//!
//! A few NTREX lines hold two or three sentences (the translator's choice); they stay one gold
//! sentence, which caps recall below 1.0.
//!
//! # Scores
//!
//! A boundary is the end offset of every sentence but a document's last. Precision, recall and F1 are
//! over boundaries pooled across documents (micro-averaged). `paragraph_internal` scores only the
//! boundaries inside a paragraph (paragraph breaks are given by blank lines and are trivially right).
//! `exact` is the share of gold sentences whose span a predicted sentence reproduces exactly. English
//! is scored on the source side of all three pairs (the perturbations differ per pair).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::Lang;
use crate::segment::Segmenter;

/// An evaluation error: the data folder is not as its README describes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// `index.tsv` is malformed.
    #[error("{path}:{line}: {what}")]
    Index {
        /// The index file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// The folder holds no `en-*` pair.
    #[error("{0}: no en-az, en-ru or en-zh folder: not an ntrex-dev folder")]
    NoPairs(PathBuf),
}

/// Boundary counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Predicted boundaries that are gold boundaries.
    pub true_positive: usize,
    /// Predicted boundaries that are not.
    pub false_positive: usize,
    /// Gold boundaries not predicted.
    pub false_negative: usize,
}

impl Counts {
    /// Precision in 0..=1 (1.0 when nothing was predicted).
    pub fn precision(&self) -> f32 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    /// Recall in 0..=1 (1.0 when there was nothing to find).
    pub fn recall(&self) -> f32 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f32 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, other: Counts) {
        self.true_positive += other.true_positive;
        self.false_positive += other.false_positive;
        self.false_negative += other.false_negative;
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 1.0 } else { a as f32 / b as f32 }
}

/// The scores of one document, or of many added up.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Score {
    /// Documents scored.
    pub documents: usize,
    /// Gold sentences.
    pub gold_sentences: usize,
    /// Predicted sentences.
    pub predicted_sentences: usize,
    /// Gold sentences reproduced exactly.
    pub exact_sentences: usize,
    /// All boundaries.
    pub boundaries: Counts,
    /// Boundaries inside paragraphs only.
    pub paragraph_internal: Counts,
    /// Gold sentences that could not be located in the raw text (should be 0).
    pub unlocated: usize,
}

impl Score {
    /// Share of gold sentences reproduced exactly, 0..=1.
    pub fn exact_share(&self) -> f32 {
        ratio(self.exact_sentences, self.gold_sentences)
    }
    fn add(&mut self, other: &Score) {
        self.documents += other.documents;
        self.gold_sentences += other.gold_sentences;
        self.predicted_sentences += other.predicted_sentences;
        self.exact_sentences += other.exact_sentences;
        self.boundaries.add(other.boundaries);
        self.paragraph_internal.add(other.paragraph_internal);
        self.unlocated += other.unlocated;
    }
}

/// A per-language result.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LangScore {
    /// The language.
    pub lang: String,
    /// Its scores.
    pub score: Score,
    /// Examples of wrong boundaries (`+` a break that is not gold, `-` a missed one), with context.
    #[serde(skip)]
    pub errors: Vec<String>,
}

/// Scores one document: `raw` is its running text, `gold` its gold sentences in order.
pub fn score_document(raw: &str, gold: &[String], segmenter: &Segmenter) -> (Score, Vec<String>) {
    let mut score = Score {
        documents: 1,
        gold_sentences: gold.len(),
        ..Score::default()
    };
    let mut gold_spans = Vec::new();
    let mut cursor = 0;
    for g in gold {
        match raw[cursor..].find(g.as_str()) {
            Some(i) => {
                gold_spans.push(cursor + i..cursor + i + g.len());
                cursor += i + g.len();
            }
            None => score.unlocated += 1,
        }
    }
    let predicted = segmenter.segment(raw);
    score.predicted_sentences = predicted.len();
    let pred_spans: HashSet<_> = predicted.iter().map(|s| s.span.bytes.clone()).collect();
    score.exact_sentences = gold_spans
        .iter()
        .filter(|s| pred_spans.contains(*s))
        .count();
    let ends = |spans: Vec<std::ops::Range<usize>>| -> HashSet<usize> {
        let n = spans.len();
        spans
            .into_iter()
            .take(n.saturating_sub(1))
            .map(|s| s.end)
            .collect()
    };
    let gold_ends = ends(gold_spans);
    let pred_ends = ends(predicted.iter().map(|s| s.span.bytes.clone()).collect());
    let is_paragraph_break = |end: usize| {
        raw[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with("\n\n")
            || raw[end..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with("\n\n")
    };
    let mut errors = Vec::new();
    for &e in pred_ends.union(&gold_ends) {
        let (p, g) = (pred_ends.contains(&e), gold_ends.contains(&e));
        let internal = !is_paragraph_break(e);
        let counts: [&mut Counts; 2] = [&mut score.boundaries, &mut score.paragraph_internal];
        for (k, c) in counts.into_iter().enumerate() {
            if k == 1 && !internal {
                continue;
            }
            match (p, g) {
                (true, true) => c.true_positive += 1,
                (true, false) => c.false_positive += 1,
                (false, true) => c.false_negative += 1,
                (false, false) => {}
            }
        }
        if p != g {
            let from = floor(raw, e.saturating_sub(60));
            let to = ceil(raw, (e + 40).min(raw.len()));
            errors.push(format!(
                "{} {}⟦|⟧{}",
                if p { "+" } else { "-" },
                &raw[from..e],
                &raw[e..to]
            ));
        }
    }
    (score, errors)
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Recovers the unperturbed gold sentences of a document from its perturbed lines and the original
/// lines (see the module docs). `joiner` is `" "` (Chinese: `""`).
pub fn recover_gold(perturbed: &[&str], original: &[&str], joiner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut j = 0;
    for line in perturbed {
        let mut found = false;
        // A dropped original line is skipped; look a few lines ahead.
        for skip in 0..4 {
            let k = j + skip;
            let Some(first) = original.get(k) else { break };
            if line == first {
                out.push(first.to_string());
                j = k + 1;
                found = true;
                break;
            }
            if let Some(second) = original.get(k + 1)
                && *line == format!("{first}{joiner}{second}")
            {
                out.push(first.to_string());
                out.push(second.to_string());
                j = k + 2;
                found = true;
                break;
            }
        }
        if !found {
            out.push(line.to_string());
        }
    }
    out
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Evaluates the built-in segmenters on an ntrex-dev folder: one result per language (en first).
///
/// # Errors
///
/// A missing or unreadable file, or a malformed `index.tsv`.
pub fn evaluate(dir: &Path) -> Result<Vec<LangScore>, Error> {
    let mut results: Vec<LangScore> = Vec::new();
    let mut entry = |lang: &str, score: &Score, errors: Vec<String>| {
        if let Some(r) = results.iter_mut().find(|r| r.lang == lang) {
            r.score.add(score);
            r.errors.extend(errors);
        } else {
            results.push(LangScore {
                lang: lang.to_string(),
                score: score.clone(),
                errors,
            });
        }
    };
    let mut any = false;
    for tgt in ["az", "ru", "zh"] {
        let pair = dir.join(format!("en-{tgt}"));
        if !pair.is_dir() {
            continue;
        }
        any = true;
        let all_en = read(&pair.join("all.en"))?;
        let all_tgt = read(&pair.join(format!("all.{tgt}")))?;
        let all_en: Vec<&str> = all_en.lines().collect();
        let all_tgt: Vec<&str> = all_tgt.lines().collect();
        let index_path = pair.join("index.tsv");
        let index = read(&index_path)?;
        // all.* hold the split's lines only, documents in order: offsets are cumulative gold_lines.
        let mut offset = 0usize;
        for (n, row) in index.lines().enumerate().skip(1) {
            let cols: Vec<&str> = row.split('\t').collect();
            let bad = |what: &str| Error::Index {
                path: index_path.clone(),
                line: n + 1,
                what: what.to_string(),
            };
            let doc = cols.get(1).ok_or_else(|| bad("no doc_id column"))?;
            let gold_lines: usize = cols
                .get(3)
                .and_then(|c| c.parse().ok())
                .ok_or_else(|| bad("gold_lines is not a number"))?;
            let range = offset..offset + gold_lines;
            offset += gold_lines;
            let (Some(orig_en), Some(orig_tgt)) = (all_en.get(range.clone()), all_tgt.get(range))
            else {
                return Err(bad("gold_lines runs past the end of all.en / all.<lang>"));
            };
            let doc_dir = pair.join(doc);
            for (lang, side, orig) in [("en", "src", orig_en), (tgt, "tgt", orig_tgt)] {
                let lines = read(&doc_dir.join(format!("{side}.txt")))?;
                let raw = read(&doc_dir.join(format!("{side}.raw.txt")))?;
                let perturbed: Vec<&str> = lines.lines().collect();
                let joiner = if lang == "zh" { "" } else { " " };
                let gold = recover_gold(&perturbed, orig, joiner);
                let tag = Lang::parse(lang).expect("en/az/ru/zh are valid tags");
                let (score, errors) = score_document(&raw, &gold, &Segmenter::for_lang(&tag));
                entry(lang, &score, errors);
            }
        }
    }
    if !any {
        return Err(Error::NoPairs(dir.to_path_buf()));
    }
    Ok(results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_and_dropped_lines_are_recovered() {
        let original = ["A.", "B.", "C.", "D.", "E."];
        let perturbed = ["A.", "B. C.", "E."];
        assert_eq!(
            recover_gold(&perturbed, &original, " "),
            ["A.", "B.", "C.", "E."]
        );
    }

    #[test]
    fn a_document_scores_boundaries_and_exact_sentences() {
        let seg = Segmenter::for_lang(&Lang::parse("en").expect("valid"));
        let raw = "Title\n\nOne is here. Two is here. Three, Mr. X said.\n";
        let gold: Vec<String> = ["Title", "One is here.", "Two is here. Three, Mr. X said."]
            .map(String::from)
            .to_vec();
        let (score, errors) = score_document(raw, &gold, &seg);
        assert_eq!(score.boundaries.true_positive, 2);
        assert_eq!(score.boundaries.false_positive, 1);
        assert_eq!(score.paragraph_internal.true_positive, 1);
        assert_eq!(score.exact_sentences, 2);
        assert_eq!(errors.len(), 1);
    }
}
