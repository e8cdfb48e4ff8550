//! `tmkit maintain`: bring a memory stored by an older tmkit in line with today's rules.

use std::io::Write;

use super::Global;

/// Join the units of a memory stored before units were joined through their source sentence.
///
/// Importing bilingual files (en–az, en–ru, en–zh) of the same English sentences now gives one unit
/// per sentence holding every language; a memory filled by an older tmkit has one unit per file. --join
/// applies today's rule to it: each unit without an article, in id order, joins the one earlier unit
/// with the same source sentence that has none of its other languages. Nothing is lost: the joined
/// unit holds every variant of both. Units aligned from articles are left as they are.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit maintain --join --dry-run     # how many units would be joined
  tmkit maintain --join")]
pub struct Args {
    /// Join units of the same source sentence (see above).
    #[arg(long, required = true)]
    pub join: bool,
    /// Report what would be done, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print one JSON object instead of a sentence.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    // A dry run joins inside a transaction it rolls back: it needs a writer too.
    let mut memory = super::open_existing_for_writing(global)?;
    let report = memory.join_units(args.dry_run)?;
    let mut out = super::stdout();
    if args.json {
        let value = serde_json::json!({
            "dry_run": args.dry_run,
            "units_before": report.units_before,
            "joined": report.joined,
            "units_after": report.units_after,
        });
        writeln!(out, "{value}")?;
    } else {
        let verb = if args.dry_run { "would join" } else { "joined" };
        writeln!(
            out,
            "{verb} {} of {} units into units of the same source sentence: {} units {}",
            report.joined,
            report.units_before,
            report.units_after,
            if args.dry_run { "after" } else { "now" }
        )?;
    }
    Ok(out.flush()?)
}
