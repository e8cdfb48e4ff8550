//! Running the aligner over ntrex-dev: the variants `tmkit eval align` compares, on one part of the
//! split.
//!
//! - cold: the shipped seed lexicon only;
//! - warm: the seed plus the lexicon learned from the confident cold beads of all the *other* documents
//!   of the part (leave-one-out, as a memory filled by other articles would give it);
//! - two-pass: cold, then realigned with what the article's own confident beads teach (as `tmkit align`
//!   does for one article);
//! - gale-church: length and bead priors only, as a baseline in the same binary.
//!
//! End to end, the running text of each document is segmented first and the predicted text pairs are
//! scored against `gold.pairs.tsv` (see [`super::score_pairs`]).

use std::path::Path;
use std::time::Instant;

use super::{Counts, GoldBead, Score, parse_beads, score, score_pairs_detail};
use crate::Lang;
use crate::align::lexicon::Counts as Cooccurrences;
use crate::align::{self, Alignment, Lexicon, Options, Side};
use crate::eval::ntrex::{self, Error};
use crate::eval::split::Part;
use crate::segment::join_sentences;

/// A way of aligning that the evaluation compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// Seed lexicon only.
    Cold,
    /// Seed lexicon plus what the other documents taught (leave-one-out).
    Warm,
    /// Cold, then realigned with the article's own confident beads.
    TwoPass,
    /// Length and bead priors only.
    GaleChurch,
}

impl Variant {
    /// The variant's name in tables and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Variant::Cold => "cold",
            Variant::Warm => "warm",
            Variant::TwoPass => "two-pass",
            Variant::GaleChurch => "gale-church",
        }
    }
}

/// One presegmented document: its sentences and gold beads.
pub struct Document {
    /// The document id.
    pub id: String,
    /// Source sentences (one a line of `src.txt`).
    pub src: String,
    /// Target sentences (one a line of `tgt.txt`).
    pub tgt: String,
    /// The gold beads.
    pub gold: Vec<GoldBead>,
}

impl Document {
    fn src_lines(&self) -> Vec<&str> {
        lines(&self.src)
    }
    fn tgt_lines(&self) -> Vec<&str> {
        lines(&self.tgt)
    }
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

/// A variant's result over the documents of a pair.
pub struct VariantResult {
    /// The variant.
    pub variant: Variant,
    /// Its scores, added over the documents.
    pub score: Score,
    /// Seconds spent aligning (not reading or scoring).
    pub seconds: f64,
    /// Each document's alignment, in document order.
    pub alignments: Vec<Alignment>,
}

/// The presegmented evaluation of one pair.
pub struct PairResult {
    /// The documents of the part, in index order.
    pub documents: Vec<Document>,
    /// Cold, warm, two-pass and Gale-Church, in that order.
    pub variants: Vec<VariantResult>,
}

impl PairResult {
    /// The documents whose cold strict F1 (all beads) is below `floor`, for error analysis.
    pub fn cold_below(&self, floor: f64) -> Vec<&str> {
        let Some(cold) = self.variants.iter().find(|v| v.variant == Variant::Cold) else {
            return Vec::new();
        };
        self.documents
            .iter()
            .zip(&cold.alignments)
            .filter(|(d, a)| score(&a.beads, &d.gold).strict_all.f1() < floor)
            .map(|(d, _)| d.id.as_str())
            .collect()
    }

    /// The gold beads each variant missed and the beads it got wrong, with their text, one
    /// line-group per bead (`TMKIT_EVAL_DUMP=1` prints them for the cold variant).
    pub fn errors(&self, variant: Variant) -> Vec<String> {
        let Some(result) = self.variants.iter().find(|v| v.variant == variant) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (doc, a) in self.documents.iter().zip(&result.alignments) {
            let (s, t) = (doc.src_lines(), doc.tgt_lines());
            let predicted: Vec<GoldBead> = a.beads.iter().map(GoldBead::from).collect();
            let show = |b: &GoldBead| {
                let st: Vec<&str> = b.src.iter().filter_map(|&i| s.get(i).copied()).collect();
                let tt: Vec<&str> = b.tgt.iter().filter_map(|&j| t.get(j).copied()).collect();
                format!(
                    "{:?}:{:?}\n      S: {}\n      T: {}",
                    b.src,
                    b.tgt,
                    st.join(" | "),
                    tt.join(" | ")
                )
            };
            for g in doc.gold.iter().filter(|g| !predicted.contains(g)) {
                out.push(format!("{} MISSED {}", doc.id, show(g)));
            }
            for (p, b) in predicted.iter().zip(&a.beads) {
                if !doc.gold.contains(p) {
                    out.push(format!(
                        "{} WRONG conf={:.2} {}",
                        doc.id,
                        b.confidence,
                        show(p)
                    ));
                }
            }
        }
        out
    }
}

/// Reads the presegmented documents of `pair_dir` that belong to `part`.
///
/// # Errors
/// A missing or malformed file of the data folder.
pub fn load_presegmented(pair_dir: &Path, part: Part) -> Result<Vec<Document>, Error> {
    let mut docs = Vec::new();
    for row in ntrex::index(pair_dir, part)?
        .into_iter()
        .filter(|r| r.selected)
    {
        let dir = pair_dir.join(&row.doc_id);
        let gold_path = dir.join("gold.beads");
        let gold = parse_beads(&ntrex::read(&gold_path)?).map_err(|source| Error::Gold {
            path: gold_path,
            source,
        })?;
        docs.push(Document {
            id: row.doc_id,
            src: ntrex::read(&dir.join("src.txt"))?,
            tgt: ntrex::read(&dir.join("tgt.txt"))?,
            gold,
        });
    }
    Ok(docs)
}

fn run_variant(
    variant: Variant,
    docs: &[Document],
    (src_lang, tgt_lang): (&Lang, &Lang),
    lexicons: &[Lexicon],
) -> VariantResult {
    let options = match variant {
        Variant::GaleChurch => Options::gale_church(),
        _ => Options::default(),
    };
    let start = Instant::now();
    let alignments: Vec<Alignment> = docs
        .iter()
        .zip(lexicons)
        .map(|(doc, lexicon)| {
            let src = Side::new(src_lang.clone(), doc.src_lines());
            let tgt = Side::new(tgt_lang.clone(), doc.tgt_lines());
            if variant == Variant::TwoPass {
                align::align_two_pass(&src, &tgt, lexicon, &options)
            } else {
                align::align(&src, &tgt, Some(lexicon), &options)
            }
        })
        .collect();
    let seconds = start.elapsed().as_secs_f64();
    let mut total = Score::default();
    for (doc, a) in docs.iter().zip(&alignments) {
        total.add(&score(&a.beads, &doc.gold));
    }
    VariantResult {
        variant,
        score: total,
        seconds,
        alignments,
    }
}

/// Word co-occurrences in the confident beads of one document's alignment.
fn cooccurrences(doc: &Document, a: &Alignment, src: &Lang, tgt: &Lang) -> Cooccurrences {
    let mut counts = Cooccurrences::default();
    let (s, t) = (doc.src_lines(), doc.tgt_lines());
    for b in a
        .beads
        .iter()
        .filter(|b| b.is_linked() && b.confidence >= 0.9)
    {
        let st = join_sentences(src, b.src.clone().filter_map(|i| s.get(i).copied()));
        let tt = join_sentences(tgt, b.tgt.clone().filter_map(|j| t.get(j).copied()));
        counts.add(src, &st, tgt, &tt);
    }
    counts
}

/// Aligns the presegmented documents of one pair (English → `tgt`) of `part` in the four variants.
///
/// # Errors
/// A missing or malformed file of the data folder.
pub fn evaluate_presegmented(pair_dir: &Path, tgt: &Lang, part: Part) -> Result<PairResult, Error> {
    let en = Lang::parse("en").expect("'en' is a valid language tag");
    let documents = load_presegmented(pair_dir, part)?;
    let seed = Lexicon::seed(&en, tgt);
    let seeds = vec![seed.clone(); documents.len()];
    let cold = run_variant(Variant::Cold, &documents, (&en, tgt), &seeds);
    // Warm: leave one out; each document is aligned with what all the others taught.
    let per_doc: Vec<Cooccurrences> = documents
        .iter()
        .zip(&cold.alignments)
        .map(|(d, a)| cooccurrences(d, a, &en, tgt))
        .collect();
    let mut all = Cooccurrences::default();
    for c in &per_doc {
        all.merge(c);
    }
    let mut warm_lexicons = Vec::with_capacity(documents.len());
    for c in &per_doc {
        all.subtract(c);
        let mut lexicon = seed.clone();
        lexicon.extend(&all.to_lexicon());
        warm_lexicons.push(lexicon);
        all.merge(c);
    }
    let warm = run_variant(Variant::Warm, &documents, (&en, tgt), &warm_lexicons);
    let gale_church = run_variant(Variant::GaleChurch, &documents, (&en, tgt), &seeds);
    let two_pass = run_variant(Variant::TwoPass, &documents, (&en, tgt), &seeds);
    Ok(PairResult {
        documents,
        variants: vec![cold, warm, two_pass, gale_church],
    })
}

/// A variant's end-to-end result over the documents of a pair.
pub struct EndToEndResult {
    /// Cold or Gale-Church.
    pub variant: Variant,
    /// Text pairs right and found, added over the documents.
    pub counts: Counts,
    /// Seconds spent segmenting and aligning.
    pub seconds: f64,
    /// The gold pairs missed and the predicted pairs that are wrong, with their text.
    pub errors: Vec<String>,
}

/// Segments the running text of each document of `part`, aligns it (cold and Gale-Church) and scores
/// the text pairs.
///
/// # Errors
/// A missing or malformed file of the data folder.
pub fn evaluate_end_to_end(
    pair_dir: &Path,
    tgt: &Lang,
    part: Part,
) -> Result<Vec<EndToEndResult>, Error> {
    let en = Lang::parse("en").expect("'en' is a valid language tag");
    let seed = Lexicon::seed(&en, tgt);
    let rows: Vec<_> = ntrex::index(pair_dir, part)?
        .into_iter()
        .filter(|r| r.selected)
        .collect();
    let mut results = Vec::new();
    for variant in [Variant::Cold, Variant::GaleChurch] {
        let options = match variant {
            Variant::GaleChurch => Options::gale_church(),
            _ => Options::default(),
        };
        let mut result = EndToEndResult {
            variant,
            counts: Counts::default(),
            seconds: 0.0,
            errors: Vec::new(),
        };
        for row in &rows {
            let dir = pair_dir.join(&row.doc_id);
            let src_text = ntrex::read(&dir.join("src.raw.txt"))?;
            let tgt_text = ntrex::read(&dir.join("tgt.raw.txt"))?;
            let gold: Vec<(String, String)> = ntrex::read(&dir.join("gold.pairs.tsv"))?
                .lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            let start = Instant::now();
            let s = crate::ingest::running_sentences(&src_text, &en);
            let t = crate::ingest::running_sentences(&tgt_text, tgt);
            let a = align::align(&side(&en, &s), &side(tgt, &t), Some(&seed), &options);
            result.seconds += start.elapsed().as_secs_f64();
            let texts = |lang: &Lang, v: &[crate::unit::NewSegment], r: &std::ops::Range<usize>| {
                join_sentences(
                    lang,
                    r.clone().filter_map(|i| v.get(i).map(|x| x.text.as_str())),
                )
            };
            let predicted: Vec<(String, String)> = a
                .beads
                .iter()
                .filter(|b| b.is_linked())
                .map(|b| (texts(&en, &s, &b.src), texts(tgt, &t, &b.tgt)))
                .collect();
            let (counts, right, found) = score_pairs_detail(&predicted, &gold);
            result.counts.add(&counts);
            let id = &row.doc_id;
            for ((s, t), _) in gold.iter().zip(&found).filter(|(_, f)| !**f) {
                result
                    .errors
                    .push(format!("{id} MISSED\n      S: {s}\n      T: {t}"));
            }
            for ((s, t), _) in predicted.iter().zip(&right).filter(|(_, r)| !**r) {
                result
                    .errors
                    .push(format!("{id} WRONG\n      S: {s}\n      T: {t}"));
            }
        }
        results.push(result);
    }
    Ok(results)
}

fn side<'a>(lang: &Lang, v: &'a [crate::unit::NewSegment]) -> Side<'a> {
    Side::with_paragraphs(
        lang.clone(),
        v.iter().map(|x| x.text.as_str()).collect(),
        v.iter().map(|x| x.paragraph).collect(),
    )
}
