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
//! sentence, so a correct break inside one counts as spurious and caps precision below 1.0.
//!
//! # Reviewed breaks
//!
//! [`ReviewedBreaks`] lists, by hand, the sentence breaks inside gold lines (a TSV file:
//! `lang`, 0-based line in `all.<lang>`, character offset in the line where a further sentence starts,
//! note). With it, [`evaluate_with`] also scores against the gold lines split at those breaks, and
//! marks each wrong boundary as a genuine break inside a gold line (`=`) or an error of the segmenter
//! (`+` spurious, `-` missed). The list is a review of candidates found independently of the
//! segmenter (every `. ! ? …` followed by a space and a capital, digit, quote or dash, and every
//! `。！？` followed by more text, inside a gold line) and of every break the segmenter makes inside one.
//!
//! # Scores
//!
//! A boundary is the end offset of every sentence but a document's last. Precision, recall and F1 are
//! over boundaries pooled across documents (micro-averaged). `paragraph_internal` scores only the
//! boundaries inside a paragraph (paragraph breaks are given by blank lines and are trivially right).
//! `exact` is the share of gold sentences whose span a predicted sentence reproduces exactly. English
//! is scored on the source side of all three pairs (the perturbations differ per pair).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::ntrex;
use super::split::Part;
use crate::Lang;
use crate::segment::{Segmenter, Sentence};

/// An evaluation error: the data folder is not as its README describes.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder: an unreadable file or a malformed index.
    #[error(transparent)]
    Data(#[from] ntrex::Error),
    /// The reviewed-breaks file is malformed or does not fit the data.
    #[error("{path}:{line}: {what}")]
    Reviewed {
        /// The reviewed-breaks file.
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

pub use super::metrics::Counts;
use super::metrics::ratio;

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
    pub fn exact_share(&self) -> f64 {
        ratio(self.exact_sentences, self.gold_sentences)
    }
    fn add(&mut self, other: &Score) {
        self.documents += other.documents;
        self.gold_sentences += other.gold_sentences;
        self.predicted_sentences += other.predicted_sentences;
        self.exact_sentences += other.exact_sentences;
        self.boundaries.add(&other.boundaries);
        self.paragraph_internal.add(&other.paragraph_internal);
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
    /// Scores against the gold lines split at the reviewed breaks (when a review was given).
    pub split: Option<Score>,
    /// Reviewed breaks inside this language's gold lines (only lines present in the running text).
    pub reviewed_breaks: usize,
    /// Wrong boundaries with context (`+` a break that is not gold, `-` a missed one, `=` a break that
    /// is not gold but a reviewed break inside a gold line holding several sentences), in text order.
    #[serde(skip)]
    pub errors: Vec<String>,
}

/// Hand-reviewed sentence breaks inside NTREX gold lines (see the module docs), read from a TSV file.
#[derive(Debug, Clone, Default)]
pub struct ReviewedBreaks {
    path: PathBuf,
    /// (language, 0-based line in `all.<lang>`) → (character offset, 1-based line in the file).
    breaks: HashMap<(String, usize), Vec<(usize, usize)>>,
}

impl ReviewedBreaks {
    /// Reads the TSV text of a review: `lang<TAB>line<TAB>char offset<TAB>note`, `#` comments and blank
    /// lines ignored. `path` is used in error messages.
    ///
    /// # Errors
    ///
    /// A row with a language other than en, az, ru, zh, a line or offset that is not a number, or an
    /// offset of 0, naming the file and line.
    pub fn parse(text: &str, path: &Path) -> Result<ReviewedBreaks, Error> {
        let mut breaks: HashMap<(String, usize), Vec<(usize, usize)>> = HashMap::new();
        for (n, row) in text.lines().enumerate() {
            if row.trim().is_empty() || row.starts_with('#') {
                continue;
            }
            let bad = |what: String| Error::Reviewed {
                path: path.to_path_buf(),
                line: n + 1,
                what,
            };
            let cols: Vec<&str> = row.split('\t').collect();
            let lang = cols.first().copied().unwrap_or_default();
            if !["en", "az", "ru", "zh"].contains(&lang) {
                return Err(bad(format!(
                    "expected a language en, az, ru or zh, found '{lang}'"
                )));
            }
            let number = |i: usize, what: &str| -> Result<usize, Error> {
                let col = cols.get(i).copied().unwrap_or_default();
                col.trim()
                    .parse()
                    .map_err(|_| bad(format!("expected {what} (a number), found '{col}'")))
            };
            let line = number(1, "a 0-based line")?;
            let offset = number(2, "a character offset")?;
            if offset == 0 {
                return Err(bad("a break at offset 0 splits nothing".to_string()));
            }
            let entry = breaks.entry((lang.to_string(), line)).or_default();
            entry.push((offset, n + 1));
            entry.sort_unstable();
        }
        Ok(ReviewedBreaks {
            path: path.to_path_buf(),
            breaks,
        })
    }

    /// Number of reviewed breaks.
    pub fn len(&self) -> usize {
        self.breaks.values().map(Vec::len).sum()
    }

    /// Whether the review lists no break.
    pub fn is_empty(&self) -> bool {
        self.breaks.is_empty()
    }

    /// `text`, line `line` of `all.<lang>`, split at its reviewed breaks (trimmed pieces).
    fn split(&self, lang: &str, line: usize, text: &str) -> Result<Vec<String>, Error> {
        let Some(offsets) = self.breaks.get(&(lang.to_string(), line)) else {
            return Ok(vec![text.to_string()]);
        };
        let mut pieces = Vec::new();
        let mut from = 0;
        for &(offset, file_line) in offsets {
            let at = text
                .char_indices()
                .nth(offset)
                .map(|(i, _)| i)
                .filter(|&i| !text[from..i].trim().is_empty() && !text[i..].trim().is_empty())
                .ok_or_else(|| Error::Reviewed {
                    path: self.path.clone(),
                    line: file_line,
                    what: format!(
                        "offset {offset} does not split line {line} of all.{lang} into two sentences"
                    ),
                })?;
            pieces.push(text[from..at].trim().to_string());
            from = at;
        }
        pieces.push(text[from..].trim().to_string());
        Ok(pieces)
    }
}

/// Scores one document: `raw` is its running text, `gold` its gold sentences in order.
pub fn score_document(raw: &str, gold: &[String], segmenter: &Segmenter) -> (Score, Vec<String>) {
    let predicted = segmenter.segment(raw);
    let (score, wrong) = score_spans(raw, gold, &predicted);
    let errors = wrong
        .into_iter()
        .map(|(e, spurious)| describe(raw, e, if spurious { '+' } else { '-' }))
        .collect();
    (score, errors)
}

/// Scores predicted sentences against gold sentences; also returns the wrong boundaries in text order
/// (`true`: spurious, `false`: missed).
fn score_spans(raw: &str, gold: &[String], predicted: &[Sentence]) -> (Score, Vec<(usize, bool)>) {
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
    let mut all_ends: Vec<usize> = pred_ends.union(&gold_ends).copied().collect();
    all_ends.sort_unstable();
    let mut wrong = Vec::new();
    for e in all_ends {
        let (p, g) = (pred_ends.contains(&e), gold_ends.contains(&e));
        let internal = !is_paragraph_break(e);
        let counts: [&mut Counts; 2] = [&mut score.boundaries, &mut score.paragraph_internal];
        for (k, c) in counts.into_iter().enumerate() {
            if k == 1 && !internal {
                continue;
            }
            match (p, g) {
                (true, true) => c.count(true, true),
                (true, false) => c.count(true, false),
                (false, true) => c.count(false, true),
                (false, false) => {}
            }
        }
        if p != g {
            wrong.push((e, p));
        }
    }
    (score, wrong)
}

/// A wrong boundary with 60 bytes of context before and 40 after, `⟦|⟧` marking the spot.
fn describe(raw: &str, e: usize, mark: char) -> String {
    let from = floor(raw, e.saturating_sub(60));
    let to = ceil(raw, (e + 40).min(raw.len()));
    format!("{mark} {}⟦|⟧{}", &raw[from..e], &raw[e..to])
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
    recover_gold_lines(perturbed, original, joiner)
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

/// [`recover_gold`], with each sentence's index in `original` (`None` for a perturbed line that
/// matches no original line).
fn recover_gold_lines(
    perturbed: &[&str],
    original: &[&str],
    joiner: &str,
) -> Vec<(String, Option<usize>)> {
    let mut out = Vec::new();
    let mut j = 0;
    for line in perturbed {
        let mut found = false;
        // A dropped original line is skipped; look a few lines ahead.
        for skip in 0..4 {
            let k = j + skip;
            let Some(first) = original.get(k) else { break };
            if line == first {
                out.push((first.to_string(), Some(k)));
                j = k + 1;
                found = true;
                break;
            }
            if let Some(second) = original.get(k + 1)
                && *line == format!("{first}{joiner}{second}")
            {
                out.push((first.to_string(), Some(k)));
                out.push((second.to_string(), Some(k + 1)));
                j = k + 2;
                found = true;
                break;
            }
        }
        if !found {
            out.push((line.to_string(), None));
        }
    }
    out
}

fn read(path: &Path) -> Result<String, Error> {
    Ok(ntrex::read(path)?)
}

/// Evaluates the built-in segmenters on the documents of `part` of an ntrex-dev folder: one result per
/// language (en first).
///
/// # Errors
///
/// A missing or unreadable file, or a malformed `index.tsv`.
pub fn evaluate(dir: &Path, part: Part) -> Result<Vec<LangScore>, Error> {
    evaluate_with(dir, part, None)
}

/// [`evaluate`], also scoring against the gold lines split at `reviewed` breaks and classifying each
/// wrong boundary (see the module docs).
///
/// # Errors
///
/// A missing or unreadable file, a malformed `index.tsv`, or a reviewed break that does not fit its
/// gold line.
pub fn evaluate_with(
    dir: &Path,
    part: Part,
    reviewed: Option<&ReviewedBreaks>,
) -> Result<Vec<LangScore>, Error> {
    let mut results: Vec<LangScore> = Vec::new();
    let mut entry = |lang: &str, doc: DocResult| {
        let i = match results.iter().position(|r| r.lang == lang) {
            Some(i) => i,
            None => {
                results.push(LangScore {
                    lang: lang.to_string(),
                    score: Score::default(),
                    split: reviewed.map(|_| Score::default()),
                    reviewed_breaks: 0,
                    errors: Vec::new(),
                });
                results.len() - 1
            }
        };
        let r = &mut results[i];
        r.score.add(&doc.score);
        if let (Some(total), Some(split)) = (r.split.as_mut(), doc.split.as_ref()) {
            total.add(split);
        }
        r.reviewed_breaks += doc.reviewed_breaks;
        r.errors.extend(doc.errors);
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
        for row in ntrex::index(&pair, part)? {
            if !row.selected {
                continue;
            }
            let (orig_en, orig_tgt) = (row.gold(&all_en)?, row.gold(&all_tgt)?);
            let first_line = row.first_line;
            let doc = &row.doc_id;
            let doc_dir = pair.join(doc);
            for (lang, side, orig) in [("en", "src", orig_en), (tgt, "tgt", orig_tgt)] {
                let lines = read(&doc_dir.join(format!("{side}.txt")))?;
                let raw = read(&doc_dir.join(format!("{side}.raw.txt")))?;
                let perturbed: Vec<&str> = lines.lines().collect();
                let joiner = if lang == "zh" { "" } else { " " };
                let gold = recover_gold_lines(&perturbed, orig, joiner);
                let tag = Lang::parse(lang).expect("en/az/ru/zh are valid tags");
                let predicted = Segmenter::for_lang(&tag).segment(&raw);
                let doc = score_with_review(&raw, &gold, &predicted, lang, first_line, reviewed)?;
                entry(lang, doc);
            }
        }
    }
    if !any {
        return Err(Error::NoPairs(dir.to_path_buf()));
    }
    Ok(results)
}

/// One document's scores, against the gold lines and against the reviewed split.
struct DocResult {
    score: Score,
    split: Option<Score>,
    reviewed_breaks: usize,
    errors: Vec<String>,
}

/// Scores one document against its gold lines (`gold`: text and index among the document's lines,
/// whose first is line `first_line` of `all.<lang>`) and, with a review, against the lines split at
/// the reviewed breaks; classifies each wrong boundary.
fn score_with_review(
    raw: &str,
    gold: &[(String, Option<usize>)],
    predicted: &[Sentence],
    lang: &str,
    first_line: usize,
    reviewed: Option<&ReviewedBreaks>,
) -> Result<DocResult, Error> {
    let lines: Vec<String> = gold.iter().map(|(text, _)| text.clone()).collect();
    let (score, wrong) = score_spans(raw, &lines, predicted);
    let Some(reviewed) = reviewed else {
        let errors = wrong
            .into_iter()
            .map(|(e, spurious)| describe(raw, e, if spurious { '+' } else { '-' }))
            .collect();
        return Ok(DocResult {
            score,
            split: None,
            reviewed_breaks: 0,
            errors,
        });
    };
    let mut split_gold = Vec::new();
    for (text, index) in gold {
        match index {
            Some(k) => split_gold.extend(reviewed.split(lang, first_line + k, text)?),
            None => split_gold.push(text.clone()),
        }
    }
    let reviewed_breaks = split_gold.len() - lines.len();
    let (split, split_wrong) = score_spans(raw, &split_gold, predicted);
    // Wrong against the lines but right against the split: a genuine break inside a gold line.
    let still_wrong: HashSet<usize> = split_wrong.iter().map(|&(e, _)| e).collect();
    let mut marked: Vec<(usize, char)> = wrong
        .iter()
        .map(|&(e, spurious)| {
            let mark = match (spurious, still_wrong.contains(&e)) {
                (true, false) => '=',
                (true, true) => '+',
                (false, _) => '-',
            };
            (e, mark)
        })
        .collect();
    // Reviewed breaks the segmenter missed are errors too.
    let was_wrong: HashSet<usize> = wrong.iter().map(|&(e, _)| e).collect();
    marked.extend(
        split_wrong
            .iter()
            .filter(|(e, _)| !was_wrong.contains(e))
            .map(|&(e, spurious)| (e, if spurious { '+' } else { '-' })),
    );
    marked.sort_unstable();
    Ok(DocResult {
        score,
        split: Some(split),
        reviewed_breaks,
        errors: marked
            .into_iter()
            .map(|(e, mark)| describe(raw, e, mark))
            .collect(),
    })
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
        assert_eq!(score.boundaries.right_predicted, 2);
        assert_eq!(score.boundaries.false_positive(), 1);
        assert_eq!(score.paragraph_internal.right_predicted, 1);
        assert_eq!(score.exact_sentences, 2);
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn reviewed_breaks_are_read_with_locations() {
        let path = Path::new("review.tsv");
        let review =
            ReviewedBreaks::parse("# comment\n\nen\t4\t13\ttwo sentences\nen\t4\t5\tx\n", path)
                .expect("well-formed");
        assert_eq!(review.len(), 2);
        assert_eq!(
            review.split("en", 4, "One. Two is. Three.").expect("fits"),
            ["One.", "Two is.", "Three."]
        );
        assert_eq!(review.split("en", 5, "Other.").expect("fits"), ["Other."]);
        let err = review
            .split("en", 4, "Short.")
            .expect_err("offset past the end");
        assert_eq!(
            err.to_string(),
            "review.tsv:3: offset 13 does not split line 4 of all.en into two sentences"
        );
        let err = ReviewedBreaks::parse("en\t4\t13\nfr\t1\t2\n", path).expect_err("bad language");
        assert_eq!(
            err.to_string(),
            "review.tsv:2: expected a language en, az, ru or zh, found 'fr'"
        );
        let err = ReviewedBreaks::parse("ru\tone\t2\n", path).expect_err("bad line");
        assert_eq!(
            err.to_string(),
            "review.tsv:1: expected a 0-based line (a number), found 'one'"
        );
    }

    #[test]
    fn wrong_boundaries_are_classified_against_the_review() {
        let seg = Segmenter::for_lang(&Lang::parse("en").expect("valid"));
        // Line 11 holds two sentences (reviewed); around "Mr. X." the gold and the segmenter
        // disagree: one missed and one spurious break.
        let raw = "Title\n\nOne is here. Two is here. He met Mr. X. Then left.\n";
        let gold = [
            ("Title", Some(0)),
            ("One is here. Two is here.", Some(1)),
            ("He met Mr.", Some(2)),
            ("X. Then left.", Some(3)),
        ]
        .map(|(t, i)| (t.to_string(), i));
        let review = ReviewedBreaks::parse("en\t11\t13\tx\n", Path::new("r.tsv")).expect("ok");
        let predicted = seg.segment(raw);
        let doc = score_with_review(raw, &gold, &predicted, "en", 10, Some(&review)).expect("fits");
        assert_eq!(doc.reviewed_breaks, 1);
        assert_eq!(doc.score.boundaries.false_positive(), 2);
        let split = doc.split.expect("reviewed");
        assert_eq!(split.boundaries.false_positive(), 1);
        assert_eq!(split.boundaries.false_negative(), 1);
        assert_eq!(split.boundaries.right_predicted, 3);
        let marks: Vec<char> = doc.errors.iter().filter_map(|e| e.chars().next()).collect();
        assert_eq!(marks, ['=', '-', '+']);
    }
}
