//! `tmkit train`: bring the memory's word-alignment models up to date.

use std::io::Write;

use tmkit::ingest::lexicon::Refresh;

use super::Global;

/// Retrain the word-alignment model of every language pair whose units changed since it was
/// trained, and list the models.
///
/// One model per language pair gives concordance its phrase translations and the sentence aligner
/// its learned word translations. `align --store` and `align-dir --store` retrain the models that
/// grew by a quarter after each article, and `align-dir --store` and `import` bring every changed
/// model up to date when they finish, so this command is needed only after review changes (edits,
/// approvals, deletions) or with --all after an upgrade of tmkit.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit train
  tmkit train --all      (retrain every pair, changed or not)")]
pub struct Args {
    /// Retrain every language pair, not only those whose units changed.
    #[arg(long)]
    pub all: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let mut memory = super::open_for_writing(global)?;
    let refresh = if args.all {
        Refresh::All
    } else {
        Refresh::Changed
    };
    let trained = memory.train_phrase_models(refresh)?;
    let mut out = super::stdout();
    let models = memory.phrase_models()?;
    if models.is_empty() {
        writeln!(
            out,
            "no language pair has two units to learn from: no model trained"
        )?;
    }
    for m in &models {
        let done = trained
            .iter()
            .any(|t| t.src.as_str() == m.src && t.tgt.as_str() == m.tgt);
        writeln!(
            out,
            "{:<16} {:>9} units {:>7.1} KB  {}",
            format!("{}/{}", m.src, m.tgt),
            m.units,
            m.bytes as f64 / 1024.0,
            if done { "trained" } else { "up to date" }
        )?;
    }
    Ok(out.flush()?)
}
