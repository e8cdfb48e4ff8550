//! `tmkit eval align DATA`: alignment quality on NTREX dev (gold beads), cold, warm and Gale-Church.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use tmkit::Lang;
use tmkit::align::{self, Lexicon, Options, Side, lexicon::Counts};
use tmkit::eval::align::{BANDS, GoldBead, Score, parse_beads, score};

use crate::cmd::{read_text, stdout};

/// Measure sentence alignment on NTREX dev: strict and lax F1, null-bead recall, calibration.
///
/// For each pair (folders `en-az`, `en-ru`, `en-zh` of DATA, listed in their `index.tsv`), every
/// document is aligned four ways: "cold" (seed lexicon only), "warm" (seed lexicon plus the lexicon
/// learned from the confident cold beads of all the other documents, leave-one-out, as a memory filled
/// by other articles would give it), "two-pass" (cold, then realigned with what the article's own
/// confident beads teach, as `tmkit align` does for an article) and "gale-church" (length and bead
/// priors only, same binary).
/// `TMKIT_EVAL_DUMP=1` prints every missed gold bead and wrong bead with its text to stderr.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval align /work/shared/data/ntrex-dev
  tmkit eval align /work/shared/data/ntrex-dev --pairs en-zh --json")]
pub struct Args {
    /// The ntrex-dev folder (see its README.md).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// What is aligned: the presegmented `src.txt`/`tgt.txt` against `gold.beads`.
    #[arg(long, value_enum, default_value = "presegmented")]
    pub mode: Mode,
    /// Pairs to measure, comma-separated.
    #[arg(long, default_value = "en-az,en-ru,en-zh")]
    pub pairs: String,
    /// One JSON object per pair and variant instead of the table.
    #[arg(long)]
    pub json: bool,
}

/// Evaluation mode.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Mode {
    /// Gold sentences (`src.txt`, `tgt.txt`), scored against `gold.beads`.
    Presegmented,
    /// Running text (`src.raw.txt`, `tgt.raw.txt`) segmented, then aligned, scored against
    /// `gold.pairs.tsv` with credit for finer pairs.
    EndToEnd,
}

struct Doc {
    id: String,
    src: String,
    tgt: String,
    gold: Vec<GoldBead>,
}

fn load_pair(dir: &Path) -> anyhow::Result<Vec<Doc>> {
    let index = read_text(&dir.join("index.tsv"))?;
    let mut docs = Vec::new();
    for line in index.lines().skip(1) {
        let Some(id) = line.split('\t').nth(1) else {
            continue;
        };
        let d = dir.join(id);
        let gold_path = d.join("gold.beads");
        let gold = parse_beads(&read_text(&gold_path)?)
            .with_context(|| format!("in {}", gold_path.display()))?;
        docs.push(Doc {
            id: id.to_string(),
            src: read_text(&d.join("src.txt"))?,
            tgt: read_text(&d.join("tgt.txt"))?,
            gold,
        });
    }
    if docs.is_empty() {
        bail!("{}: index.tsv lists no documents", dir.display());
    }
    Ok(docs)
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.trim().is_empty()).collect()
}

fn run_variant(
    docs: &[Doc],
    src_lang: &Lang,
    tgt_lang: &Lang,
    lexicons: &[Lexicon],
    options: &Options,
    two_pass: bool,
) -> (Score, Vec<align::Alignment>, f64) {
    let mut total = Score::default();
    let mut out = Vec::new();
    let start = Instant::now();
    for (doc, lexicon) in docs.iter().zip(lexicons) {
        let src = Side::new(src_lang.clone(), lines(&doc.src));
        let tgt = Side::new(tgt_lang.clone(), lines(&doc.tgt));
        out.push(if two_pass {
            align::align_two_pass(&src, &tgt, lexicon, options)
        } else {
            align::align(&src, &tgt, Some(lexicon), options)
        });
    }
    let seconds = start.elapsed().as_secs_f64();
    let dump = std::env::var_os("TMKIT_EVAL_DUMP").is_some();
    for (doc, a) in docs.iter().zip(&out) {
        total.add(&score(&a.beads, &doc.gold));
        if dump {
            dump_errors(doc, a);
        }
    }
    (total, out, seconds)
}

/// Prints (to stderr) the gold beads the alignment missed and the predicted beads that are wrong,
/// with their text: for error analysis (`TMKIT_EVAL_DUMP=1`).
fn dump_errors(doc: &Doc, a: &align::Alignment) {
    let s = lines(&doc.src);
    let t = lines(&doc.tgt);
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
        eprintln!("{} MISSED {}", doc.id, show(g));
    }
    for (p, b) in predicted.iter().zip(&a.beads) {
        if !doc.gold.contains(p) {
            eprintln!("{} WRONG conf={:.2} {}", doc.id, b.confidence, show(p));
        }
    }
}

/// Counts word co-occurrences in the confident beads of one document's alignment.
fn doc_counts(doc: &Doc, a: &align::Alignment, src: &Lang, tgt: &Lang) -> Counts {
    let mut counts = Counts::default();
    let s = lines(&doc.src);
    let t = lines(&doc.tgt);
    for b in a
        .beads
        .iter()
        .filter(|b| b.is_linked() && b.confidence >= 0.9)
    {
        let st = tmkit::tm::article::join_sentences(
            src,
            b.src.clone().filter_map(|i| s.get(i).copied()),
        );
        let tt = tmkit::tm::article::join_sentences(
            tgt,
            b.tgt.clone().filter_map(|j| t.get(j).copied()),
        );
        counts.add(src, &st, tgt, &tt);
    }
    counts
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if let Mode::EndToEnd = args.mode {
        return end_to_end(&args);
    }
    let en = Lang::parse("en")?;
    let mut out = stdout();
    if !args.json {
        writeln!(
            out,
            "{:<6} {:<12} {:>9} {:>9} {:>9} {:>9} {:>11} {:>8}",
            "pair", "variant", "strict-nn", "strict", "lax-nn", "lax", "null-recall", "seconds"
        )?;
    }
    for pair in args
        .pairs
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some(code) = pair.strip_prefix("en-") else {
            bail!("pair '{pair}': expected en-XX");
        };
        let tgt = Lang::parse(code)?;
        let docs = load_pair(&args.data.join(pair))?;
        let seed = Lexicon::seed(&en, &tgt);
        let seeds = vec![seed.clone(); docs.len()];
        let (cold, cold_alignments, cold_s) =
            run_variant(&docs, &en, &tgt, &seeds, &Options::default(), false);
        // Warm: leave one out; each document is aligned with what all the others taught (as if
        // the memory held every other article of the pair).
        let per_doc: Vec<Counts> = docs
            .iter()
            .zip(&cold_alignments)
            .map(|(d, a)| doc_counts(d, a, &en, &tgt))
            .collect();
        let mut all = Counts::default();
        for c in &per_doc {
            all.merge(c);
        }
        let mut warm_lexicons = Vec::with_capacity(docs.len());
        for c in &per_doc {
            all.subtract(c);
            let mut lexicon = seed.clone();
            lexicon.extend(&all.to_lexicon());
            warm_lexicons.push(lexicon);
            all.merge(c);
        }
        let (warm, _, warm_s) =
            run_variant(&docs, &en, &tgt, &warm_lexicons, &Options::default(), false);
        let (gc, _, gc_s) = run_variant(&docs, &en, &tgt, &seeds, &Options::gale_church(), false);
        let (two, _, two_s) = run_variant(&docs, &en, &tgt, &seeds, &Options::default(), true);
        for (name, s, secs) in [
            ("cold", &cold, cold_s),
            ("warm", &warm, warm_s),
            ("two-pass", &two, two_s),
            ("gale-church", &gc, gc_s),
        ] {
            if args.json {
                let value = serde_json::json!({
                    "pair": pair, "variant": name, "documents": docs.len(), "seconds": secs,
                    "strict_nonnull_f1": s.strict_linked.f1(), "strict_all_f1": s.strict_all.f1(),
                    "lax_nonnull_f1": s.lax_linked.f1(), "lax_all_f1": s.lax_all.f1(),
                    "null_recall": s.null.recall(), "score": s,
                });
                writeln!(out, "{value}")?;
            } else {
                writeln!(
                    out,
                    "{:<6} {:<12} {:>9.2} {:>9.2} {:>9.2} {:>9.2} {:>7}/{:<3} {:>8.3}",
                    pair,
                    name,
                    100.0 * s.strict_linked.f1(),
                    100.0 * s.strict_all.f1(),
                    100.0 * s.lax_linked.f1(),
                    100.0 * s.lax_all.f1(),
                    s.null.found_gold,
                    s.null.gold,
                    secs
                )?;
            }
        }
        if !args.json {
            for (name, s) in [("cold", &cold), ("warm", &warm)] {
                write!(out, "{:<6} calibration {name}:", pair)?;
                for (k, (n, right)) in s.calibration.iter().enumerate() {
                    let lo = BANDS[k];
                    let pct = if *n == 0 {
                        0.0
                    } else {
                        100.0 * *right as f64 / *n as f64
                    };
                    write!(out, "  ≥{lo:.2}: {right}/{n} ({pct:.1}%)")?;
                }
                let (n, right) = s.calibration[3..]
                    .iter()
                    .fold((0, 0), |acc, x| (acc.0 + x.0, acc.1 + x.1));
                let pct = if n == 0 {
                    0.0
                } else {
                    100.0 * right as f64 / n as f64
                };
                writeln!(out, "  | confidence ≥ 0.9: {right}/{n} right ({pct:.1}%)")?;
            }
            let bad: Vec<&str> = docs
                .iter()
                .zip(&cold_alignments)
                .filter(|(d, a)| score(&a.beads, &d.gold).strict_all.f1() < 0.9)
                .map(|(d, _)| d.id.as_str())
                .collect();
            if !bad.is_empty() {
                writeln!(
                    out,
                    "{pair:<6} documents below 90 strict F1 (cold): {}",
                    bad.join(" ")
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// End-to-end: segment the raw files, align (cold, seed lexicon), score text pairs.
fn end_to_end(args: &Args) -> anyhow::Result<()> {
    use tmkit::eval::align::{Counts as PairCounts, score_pairs_detail};
    let dump = std::env::var_os("TMKIT_EVAL_DUMP").is_some();
    let en = Lang::parse("en")?;
    let mut out = stdout();
    writeln!(
        out,
        "{:<6} {:<12} {:>9} {:>9} {:>9} {:>8}",
        "pair", "variant", "precision", "recall", "F1", "seconds"
    )?;
    for pair in args
        .pairs
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some(code) = pair.strip_prefix("en-") else {
            bail!("pair '{pair}': expected en-XX");
        };
        let tgt = Lang::parse(code)?;
        let dir = args.data.join(pair);
        let index = read_text(&dir.join("index.tsv"))?;
        let seed = Lexicon::seed(&en, &tgt);
        for (name, options) in [
            ("cold", Options::default()),
            ("gale-church", Options::gale_church()),
        ] {
            let mut total = PairCounts::default();
            let mut seconds = 0.0;
            for line in index.lines().skip(1) {
                let Some(id) = line.split('\t').nth(1) else {
                    continue;
                };
                let d = dir.join(id);
                let src_text = read_text(&d.join("src.raw.txt"))?;
                let tgt_text = read_text(&d.join("tgt.raw.txt"))?;
                let gold: Vec<(String, String)> = read_text(&d.join("gold.pairs.tsv"))?
                    .lines()
                    .filter_map(|l| l.split_once('\t'))
                    .map(|(a, b)| (a.to_string(), b.to_string()))
                    .collect();
                let start = Instant::now();
                let s = crate::cmd::align::segment(&src_text, &en);
                let t = crate::cmd::align::segment(&tgt_text, &tgt);
                let a = align::align(&side(&en, &s), &side(&tgt, &t), Some(&seed), &options);
                seconds += start.elapsed().as_secs_f64();
                let texts = |lang: &Lang,
                             v: &[tmkit::tm::article::NewSegment],
                             r: &std::ops::Range<usize>| {
                    tmkit::tm::article::join_sentences(
                        lang,
                        r.clone().filter_map(|i| v.get(i).map(|x| x.text.as_str())),
                    )
                };
                let predicted: Vec<(String, String)> = a
                    .beads
                    .iter()
                    .filter(|b| b.is_linked())
                    .map(|b| (texts(&en, &s, &b.src), texts(&tgt, &t, &b.tgt)))
                    .collect();
                let (counts, right, found) = score_pairs_detail(&predicted, &gold);
                total.add(&counts);
                if dump && name == "cold" {
                    for ((s, t), _) in gold.iter().zip(&found).filter(|(_, f)| !**f) {
                        eprintln!("{id} MISSED\n      S: {s}\n      T: {t}");
                    }
                    for ((s, t), _) in predicted.iter().zip(&right).filter(|(_, r)| !**r) {
                        eprintln!("{id} WRONG\n      S: {s}\n      T: {t}");
                    }
                }
            }
            writeln!(
                out,
                "{:<6} {:<12} {:>9.2} {:>9.2} {:>9.2} {:>8.3}",
                pair,
                name,
                100.0 * total.precision(),
                100.0 * total.recall(),
                100.0 * total.f1(),
                seconds
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn side<'a>(lang: &Lang, v: &'a [tmkit::tm::article::NewSegment]) -> Side<'a> {
    Side::with_paragraphs(
        lang.clone(),
        v.iter().map(|x| x.text.as_str()).collect(),
        v.iter().map(|x| x.paragraph).collect(),
    )
}
