//! `tmkit stats`: what the memory holds.

use std::io::Write;

use super::Global;

/// Show documents, units and variants per language and per language pair, and the word-alignment
/// models: the units each was trained on against the trusted units its pair holds now, and whether
/// units were stored or changed since (then `tmkit train` brings them up to date).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit stats
  tmkit stats --tm archive.db --json")]
pub struct Args {
    /// Print one JSON object instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let memory = super::open_existing(global)?;
    let stats = memory.stats()?;
    let mut out = super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &stats)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    writeln!(out, "memory     {}", global.tm.display())?;
    writeln!(out, "articles   {}", stats.articles)?;
    writeln!(out, "documents  {}", stats.documents)?;
    writeln!(out, "sentences  {}", stats.segments)?;
    let origins: Vec<String> = stats
        .by_origin
        .iter()
        .map(|(origin, n)| format!("{n} {origin}"))
        .collect();
    let origins = if origins.is_empty() {
        String::new()
    } else {
        format!(" ({})", origins.join(", "))
    };
    writeln!(out, "units      {}{origins}", stats.units)?;
    writeln!(out, "  needs review  {}", stats.needs_review)?;
    if !stats.languages.is_empty() {
        writeln!(
            out,
            "\n{:<10} {:>9} {:>9}",
            "language", "documents", "variants"
        )?;
        for l in &stats.languages {
            writeln!(out, "{:<10} {:>9} {:>9}", l.lang, l.documents, l.variants)?;
        }
    }
    if !stats.pairs.is_empty() {
        writeln!(out, "\n{:<20} {:>9}", "pair", "units")?;
        for (a, b, n) in &stats.pairs {
            writeln!(out, "{:<20} {n:>9}", format!("{a} – {b}"))?;
        }
    }
    if !stats.models.is_empty() {
        writeln!(out, "\n{:<20} {:>9} {:>9}", "model", "units", "now")?;
        for m in &stats.models {
            writeln!(
                out,
                "{:<20} {:>9} {:>9}",
                format!("{} – {}", m.src, m.tgt),
                m.units,
                m.trusted_units
            )?;
        }
    }
    if stats.units > 0 {
        let state = match (stats.models.is_empty(), stats.models_stale) {
            (true, _) => "none trained: `tmkit train` trains them",
            (false, true) => "stale (units stored or changed since): `tmkit train` updates them",
            (false, false) => "up to date",
        };
        writeln!(out, "\nword-alignment models: {state}")?;
    }
    Ok(out.flush()?)
}
