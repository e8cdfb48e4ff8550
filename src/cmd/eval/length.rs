//! `tmkit eval length DATA`: the aligner's length models fitted to one part of ntrex-dev.

use std::io::Write;
use std::path::PathBuf;

use tmkit::Lang;
use tmkit::align::length::LengthModel;
use tmkit::eval::align::length::fit_pair;

use super::PartArg;
use crate::cmd::stdout;

/// Fit the aligner's length model of each pair (Gale & Church's ratio c and variance s²) to the gold
/// sentence pairs of one part of ntrex-dev, beside the model tmkit ships.
///
/// The shipped numbers are this fit on the tuning part; run it on `--part held-out` to see how far
/// they are from news they were not fitted on.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval length /work/shared/data/ntrex-dev
  tmkit eval length /work/shared/data/ntrex-dev --part held-out")]
pub struct Args {
    /// The ntrex-dev folder (see its README.md).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Which documents: the tuning part (what the shipped models are fitted on), held-out or all.
    #[arg(long, value_enum, default_value = "tuning")]
    pub part: PartArg,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let en = Lang::parse("en")?;
    let mut out = stdout();
    writeln!(
        out,
        "{:<6} {:<9} {:>9} {:>8} {:>8} {:>12} {:>12}",
        "pair", "part", "sentences", "c", "s²", "shipped c", "shipped s²"
    )?;
    for code in ["az", "ru", "zh"] {
        let tgt = Lang::parse(code)?;
        let pair = format!("en-{code}");
        let Some(fit) = fit_pair(&args.data.join(&pair), &tgt, args.part.into())? else {
            continue;
        };
        let shipped = LengthModel::for_pair(&en, &tgt);
        writeln!(
            out,
            "{:<6} {:<9} {:>9} {:>8.3} {:>8.3} {:>12.3} {:>12.3}",
            pair,
            args.part.as_str(),
            fit.sentences,
            fit.model.ratio,
            fit.model.variance,
            shipped.ratio,
            shipped.variance
        )?;
    }
    out.flush()?;
    Ok(())
}
