//! `tmkit eval adapt DATA`: adaptation of changed numbers on ntrex-dev, now and before #12.

use std::io::Write;
use std::path::PathBuf;

use tmkit::Lang;
use tmkit::eval::adapt::evaluate_pair;

use super::PartArg;
use crate::cmd::stdout;

/// Measure how often an adapted target equals the target a translator would write, on sentence
/// pairs of ntrex-dev where a number of the English sentence is changed by a rule (grouped
/// thousands, decimals, years with Azerbaijani suffixes, amounts with scale words, spelled-out
/// numbers) and the translation is changed by the target language's convention.
///
/// Per pair and rule: the cases, and the share that is exact, marked unadapted, wrong (adapted to
/// something else) or silent (neither), now and with the digit copy tmkit did before.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval adapt /work/shared/data/ntrex-dev --part held-out")]
pub struct Args {
    /// The ntrex-dev folder (see its README.md).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Which documents: held-out (what the README reports), tuning or all.
    #[arg(long, value_enum, default_value = "held-out")]
    pub part: PartArg,
    /// Also list every case that did not come out exact: query, stored target, expected, got.
    #[arg(long)]
    pub misses: bool,
}

/// `n` of `of` in percent, whole.
fn pct(n: usize, of: usize) -> String {
    super::pct(n, of, 0)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let mut out = stdout();
    writeln!(
        out,
        "{:<6} {:<8} {:>5}  {:>6} {:>6} {:>6} {:>6}  {:>13} {:>12}",
        "pair",
        "rule",
        "cases",
        "exact",
        "marked",
        "wrong",
        "silent",
        "before:exact",
        "before:wrong"
    )?;
    let mut misses = Vec::new();
    for code in ["az", "ru", "zh"] {
        let lang = Lang::parse(code)?;
        let pair = format!("en-{code}");
        let report = evaluate_pair(&args.data.join(&pair), &lang, args.part.into())?;
        misses.extend(report.misses.into_iter().map(|m| (pair.clone(), m)));
        for (rule, t) in report.tallies {
            writeln!(
                out,
                "{:<6} {:<8} {:>5}  {:>6} {:>6} {:>6} {:>6}  {:>13} {:>12}",
                pair,
                rule.as_str(),
                t.cases,
                pct(t.now[0], t.cases),
                pct(t.now[1], t.cases),
                pct(t.now[2], t.cases),
                pct(t.now[3], t.cases),
                pct(t.before[0], t.cases),
                pct(t.before[1], t.cases),
            )?;
        }
    }
    if args.misses {
        for (pair, m) in &misses {
            writeln!(out, "\n{pair} {} {:?}", m.case.rule.as_str(), m.outcome)?;
            writeln!(out, "  query     {}", m.case.query)?;
            writeln!(out, "  stored    {}", m.case.target)?;
            writeln!(out, "  expected  {}", m.case.expected)?;
            writeln!(out, "  got       {}", m.got.as_deref().unwrap_or("-"))?;
        }
    }
    out.flush()?;
    Ok(())
}
