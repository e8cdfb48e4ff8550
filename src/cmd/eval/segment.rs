//! `tmkit eval segment DIR`: boundary precision, recall, F1 and exact sentences on ntrex-dev.

use std::io::Write;
use std::path::PathBuf;

use tmkit::eval::segment::evaluate;

use crate::cmd::Global;

/// Score the built-in segmenters on ntrex-dev (running text vs unperturbed gold sentences).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval segment /work/shared/data/ntrex-dev
  tmkit eval segment --errors 20 /work/shared/data/ntrex-dev
  tmkit eval segment --json /work/shared/data/ntrex-dev")]
pub struct Args {
    /// The ntrex-dev folder (holding en-az/, en-ru/, en-zh/).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Also print up to N wrong boundaries per language (`+` spurious, `-` missed; ⟦|⟧ marks the spot).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// One JSON object per language instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, _global: &Global) -> anyhow::Result<()> {
    let results = evaluate(&args.dir)?;
    let mut out = crate::cmd::stdout();
    if !args.json {
        writeln!(
            out,
            "lang  docs  gold  pred   P      R      F1     | in-paragraph P  R      F1     | exact"
        )?;
    }
    for r in &results {
        let s = &r.score;
        if args.json {
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({
                    "lang": r.lang,
                    "documents": s.documents,
                    "gold_sentences": s.gold_sentences,
                    "predicted_sentences": s.predicted_sentences,
                    "precision": s.boundaries.precision(),
                    "recall": s.boundaries.recall(),
                    "f1": s.boundaries.f1(),
                    "paragraph_internal": {
                        "precision": s.paragraph_internal.precision(),
                        "recall": s.paragraph_internal.recall(),
                        "f1": s.paragraph_internal.f1(),
                    },
                    "exact_share": s.exact_share(),
                    "unlocated": s.unlocated,
                }),
            )?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{:<5} {:>4} {:>5} {:>5}  {:.4} {:.4} {:.4} | {:.4} {:.4} {:.4}        | {:.4}",
                r.lang,
                s.documents,
                s.gold_sentences,
                s.predicted_sentences,
                s.boundaries.precision(),
                s.boundaries.recall(),
                s.boundaries.f1(),
                s.paragraph_internal.precision(),
                s.paragraph_internal.recall(),
                s.paragraph_internal.f1(),
                s.exact_share()
            )?;
        }
        for e in r.errors.iter().take(args.errors) {
            writeln!(out, "    {}", e.replace('\n', "⏎"))?;
        }
    }
    out.flush()?;
    Ok(())
}
