//! `tmkit eval align DATA`: alignment quality on NTREX dev (gold beads), cold, warm and Gale-Church.

use std::io::Write;
use std::path::PathBuf;

use anyhow::bail;
use tmkit::Lang;
use tmkit::eval::align::BANDS;
use tmkit::eval::align::run::{Variant, evaluate_end_to_end, evaluate_presegmented};
use tmkit::eval::align::walk::evaluate_walk;

use super::PartArg;
use crate::cmd::stdout;

/// Measure sentence alignment on NTREX dev: strict and lax F1, null-bead recall, calibration.
///
/// For each pair (folders `en-az`, `en-ru`, `en-zh` of DATA, listed in their `index.tsv`), every
/// document is aligned four ways: "cold" (seed lexicon only), "warm" (seed lexicon plus the lexicon
/// learned from the confident cold beads of all the other documents, leave-one-out, as a memory filled
/// by other articles would give it), "two-pass" (cold, then realigned with what the article's own
/// confident beads teach, as `tmkit align` does for an article) and "gale-church" (length and bead
/// priors only, same binary). Only the documents of one part of the split are read (`--part`).
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
    /// Which documents of the data: the held-out part (what the README reports), the tuning part
    /// (what parameters are fitted on) or all (see `src/eval/ntrex-split.tsv`).
    #[arg(long, value_enum, default_value = "held-out")]
    pub part: PartArg,
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
    /// The documents as one four-language archive (English from `all.en`, each pair's
    /// `tgt.raw.txt`) walked and stored as `align-dir --store` does, into a fresh memory in RAM;
    /// each pair scored as end-to-end is.
    StoredWalk,
}

fn pairs(args: &Args) -> anyhow::Result<Vec<(&str, Lang)>> {
    let mut out = Vec::new();
    for pair in args
        .pairs
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some(code) = pair.strip_prefix("en-") else {
            bail!("pair '{pair}': expected en-XX");
        };
        out.push((pair, Lang::parse(code)?));
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    match args.mode {
        Mode::EndToEnd => return end_to_end(&args),
        Mode::StoredWalk => return stored_walk(&args),
        Mode::Presegmented => {}
    }
    let dump = std::env::var_os("TMKIT_EVAL_DUMP").is_some();
    let mut out = stdout();
    if !args.json {
        writeln!(
            out,
            "{:<6} {:<12} {:>9} {:>9} {:>9} {:>9} {:>11} {:>8}",
            "pair", "variant", "strict-nn", "strict", "lax-nn", "lax", "null-recall", "seconds"
        )?;
    }
    for (pair, tgt) in pairs(&args)? {
        let result = evaluate_presegmented(&args.data.join(pair), &tgt, args.part.into())?;
        if dump {
            for line in result.errors(Variant::Cold) {
                eprintln!("{line}");
            }
        }
        for v in &result.variants {
            let (name, s, secs) = (v.variant.as_str(), &v.score, v.seconds);
            if args.json {
                let value = serde_json::json!({
                    "pair": pair, "variant": name, "part": args.part.as_str(),
                    "documents": result.documents.len(), "seconds": secs,
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
        if args.json {
            continue;
        }
        for v in result
            .variants
            .iter()
            .filter(|v| matches!(v.variant, Variant::Cold | Variant::Warm))
        {
            write!(out, "{:<6} calibration {}:", pair, v.variant.as_str())?;
            for (k, (n, right)) in v.score.calibration.iter().enumerate() {
                let lo = BANDS[k];
                write!(out, "  ≥{lo:.2}: {right}/{n} ({:.1}%)", percent(*right, *n))?;
            }
            let (n, right) = v.score.calibration[3..]
                .iter()
                .fold((0, 0), |acc, x| (acc.0 + x.0, acc.1 + x.1));
            writeln!(
                out,
                "  | confidence ≥ 0.9: {right}/{n} right ({:.1}%)",
                percent(right, n)
            )?;
        }
        let bad = result.cold_below(0.9);
        if !bad.is_empty() {
            writeln!(
                out,
                "{pair:<6} documents below 90 strict F1 (cold): {}",
                bad.join(" ")
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

fn percent(right: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * right as f64 / n as f64
    }
}

/// End-to-end: segment the raw files, align (cold, seed lexicon), score text pairs.
fn end_to_end(args: &Args) -> anyhow::Result<()> {
    let dump = std::env::var_os("TMKIT_EVAL_DUMP").is_some();
    let mut out = stdout();
    writeln!(
        out,
        "{:<6} {:<12} {:>9} {:>9} {:>9} {:>8}",
        "pair", "variant", "precision", "recall", "F1", "seconds"
    )?;
    for (pair, tgt) in pairs(args)? {
        for result in evaluate_end_to_end(&args.data.join(pair), &tgt, args.part.into())? {
            if dump && result.variant == Variant::Cold {
                for line in &result.errors {
                    eprintln!("{line}");
                }
            }
            let total = &result.counts;
            writeln!(
                out,
                "{:<6} {:<12} {:>9.2} {:>9.2} {:>9.2} {:>8.3}",
                pair,
                result.variant.as_str(),
                100.0 * total.precision(),
                100.0 * total.recall(),
                100.0 * total.f1(),
                result.seconds
            )?;
        }
    }
    out.flush()?;
    Ok(())
}

/// The stored walk: all pairs in one archive, each pair's text pairs scored.
fn stored_walk(args: &Args) -> anyhow::Result<()> {
    let targets: Vec<Lang> = pairs(args)?.into_iter().map(|(_, tgt)| tgt).collect();
    let walked = evaluate_walk(&args.data, &targets, args.part.into())?;
    let mut out = stdout();
    writeln!(
        out,
        "{:<6} {:<12} {:>9} {:>9} {:>9}",
        "pair", "variant", "precision", "recall", "F1"
    )?;
    for pair in &walked.pairs {
        let c = &pair.counts;
        writeln!(
            out,
            "{:<6} {:<12} {:>9.2} {:>9.2} {:>9.2}",
            format!("en-{}", pair.tgt.language()),
            "stored-walk",
            100.0 * c.precision(),
            100.0 * c.recall(),
            100.0 * c.f1()
        )?;
    }
    let models: Vec<String> = walked
        .models
        .iter()
        .map(|m| format!("{}/{} {}", m.src, m.tgt, m.units))
        .collect();
    writeln!(
        out,
        "{} articles in {:.3} s; models after the walk (units): {}",
        walked.articles,
        walked.seconds,
        if models.is_empty() {
            "none".to_string()
        } else {
            models.join(", ")
        }
    )?;
    out.flush()?;
    Ok(())
}
