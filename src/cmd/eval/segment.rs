//! `tmkit eval segment DIR`: boundary precision, recall, F1 and exact sentences on ntrex-dev.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::eval::segment::{ReviewedBreaks, Score, evaluate_with};

use super::PartArg;

/// Score the built-in segmenters on ntrex-dev (running text vs unperturbed gold sentences).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval segment /work/shared/data/ntrex-dev
  tmkit eval segment --errors 20 /work/shared/data/ntrex-dev
  tmkit eval segment --reviewed tests/fixtures/segment/ntrex-dev-reviewed-breaks.tsv --errors 60 /work/shared/data/ntrex-dev
  tmkit eval segment --json /work/shared/data/ntrex-dev")]
pub struct Args {
    /// The ntrex-dev folder (holding en-az/, en-ru/, en-zh/).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Also print up to N wrong boundaries per language (`+` spurious, `-` missed, `=` a reviewed break
    /// inside a gold line holding several sentences; ⟦|⟧ marks the spot).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Hand-reviewed sentence breaks inside gold lines (TSV: lang, line of all.<lang>, char offset,
    /// note): also score against the gold lines split there, and classify the wrong boundaries.
    #[arg(long, value_name = "FILE.tsv")]
    pub reviewed: Option<PathBuf>,
    /// Which documents: the held-out part (what the README reports), the tuning part (what the
    /// rules are tuned on) or all (see `src/eval/ntrex-split.tsv`).
    #[arg(long, value_enum, default_value = "held-out")]
    pub part: PartArg,
    /// One JSON object per language instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn json_score(s: &Score) -> serde_json::Value {
    serde_json::json!({
        "gold_sentences": s.gold_sentences,
        "predicted_sentences": s.predicted_sentences,
        "precision": s.boundaries.precision(),
        "recall": s.boundaries.recall(),
        "f1": s.boundaries.f1(),
        "false_positive": s.boundaries.false_positive(),
        "false_negative": s.boundaries.false_negative(),
        "paragraph_internal": {
            "precision": s.paragraph_internal.precision(),
            "recall": s.paragraph_internal.recall(),
            "f1": s.paragraph_internal.f1(),
        },
        "exact_share": s.exact_share(),
        "unlocated": s.unlocated,
    })
}

fn table_row(out: &mut impl Write, label: &str, docs: usize, s: &Score) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<5} {:>4} {:>5} {:>5}  {:.4} {:.4} {:.4} | {:.4} {:.4} {:.4}        | {:.4}",
        label,
        docs,
        s.gold_sentences,
        s.predicted_sentences,
        s.boundaries.precision(),
        s.boundaries.recall(),
        s.boundaries.f1(),
        s.paragraph_internal.precision(),
        s.paragraph_internal.recall(),
        s.paragraph_internal.f1(),
        s.exact_share()
    )
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let reviewed = match &args.reviewed {
        Some(path) => {
            let text = crate::cmd::read_text(path)?;
            Some(ReviewedBreaks::parse(&text, path)?)
        }
        None => None,
    };
    let results = evaluate_with(&args.dir, args.part.into(), reviewed.as_ref())
        .with_context(|| format!("cannot evaluate on {}", args.dir.display()))?;
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
            let mut value = json_score(s);
            value["lang"] = r.lang.clone().into();
            value["documents"] = s.documents.into();
            if let Some(split) = &r.split {
                value["reviewed_breaks"] = r.reviewed_breaks.into();
                value["split_gold"] = json_score(split);
            }
            serde_json::to_writer(&mut out, &value)?;
            writeln!(out)?;
        } else {
            table_row(&mut out, &r.lang, s.documents, s)?;
            if let Some(split) = &r.split {
                table_row(&mut out, &format!("{}*", r.lang), s.documents, split)?;
            }
        }
        for e in r.errors.iter().take(args.errors) {
            writeln!(out, "    {}", e.replace('\n', "⏎"))?;
        }
    }
    if !args.json && reviewed.is_some() {
        writeln!(out)?;
        for r in &results {
            let genuine = r.errors.iter().filter(|e| e.starts_with('=')).count();
            let spurious = r.errors.iter().filter(|e| e.starts_with('+')).count();
            let missed = r.errors.iter().filter(|e| e.starts_with('-')).count();
            writeln!(
                out,
                "{}* gold lines split at {} reviewed breaks; wrong boundaries: {} genuine breaks inside a gold line, {} spurious and {} missed by the segmenter",
                r.lang, r.reviewed_breaks, genuine, spurious, missed
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
