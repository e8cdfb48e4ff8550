//! `tmkit train`: bring the memory's word-alignment models up to date.

use std::io::{IsTerminal, Write};

use tmkit::Memory;
use tmkit::ingest::lexicon::Refresh;

use super::Global;

/// Retrain the word-alignment model of every language pair whose units changed since it was
/// trained, and list the models.
///
/// One model per language pair gives concordance its phrase translations, terms their
/// translations and the sentence aligner its learned word translations. Storing units (`import`,
/// `align --store`, `align-dir --store`) and review changes do not retrain them: the memory records
/// that its models are stale, those commands and the ones that read the models say so, and this
/// command brings them up to date. It retrains the pairs whose number of trusted units changed,
/// and every pair when stored units were edited, moved, deleted or approved since (which pairs that
/// touched is not recorded); after it the models are those of a full retrain (--all retrains every
/// pair, after an upgrade of tmkit). It also compacts a small memory.
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

/// After a command stored units: tells the user (on standard error, when it is a terminal, as
/// progress is: a script's standard error stays its warnings and errors) that the models are stale
/// and how to bring them up to date.
///
/// # Errors
/// Reading the memory.
pub fn note_after_storing(memory: &Memory) -> anyhow::Result<()> {
    if std::io::stderr().is_terminal() && memory.phrase_models_stale()? {
        eprintln!(
            "note: the word-alignment models have not learned the units stored: run `tmkit train` \
             (concordance renderings, terms and the aligner's learned lexicon come from them)"
        );
    }
    Ok(())
}

/// Before a command answers from the models: tells the user (on standard error) when units were
/// stored or changed since they were trained.
///
/// # Errors
/// Reading the memory.
pub fn note_if_stale(memory: &Memory) -> anyhow::Result<()> {
    if memory.phrase_models_stale()? {
        eprintln!(
            "note: units were stored or changed after the word-alignment models were trained: \
             translations miss them until `tmkit train`"
        );
    }
    Ok(())
}
