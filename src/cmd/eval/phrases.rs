//! `tmkit eval phrases DATA`: the judged stock phrases asked of a memory built from ntrex-dev and the
//! samples.

use std::io::Write;
use std::path::PathBuf;

use tmkit::eval::phrases::{Config, Report, evaluate};

use super::PartArg;
use crate::cmd::stdout;

/// Build the memory the judged phrase set was written against (the gold lines of ntrex-dev and the
/// gold beads of the sample article, in RAM), train its word-alignment models as `tmkit train`
/// does, ask every judged phrase as `tmkit concordance --lang SRC --to TGT` asks it, and report
/// how often the first rendering is a correct translation and how often one of the first three
/// is, per direction.
///
/// A phrase is held-out when every document it was read in is in the held-out part of
/// src/eval/ntrex-split.tsv, tuning when every one is in the tuning part or in samples/ (the
/// sample article counts as tuning), mixed otherwise; --part all reports the three apart and
/// their total.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval phrases /work/shared/data/ntrex-dev --part all
  tmkit eval phrases /work/shared/data/ntrex-dev --part held-out --misses")]
pub struct Args {
    /// The ntrex-dev folder (en-az/all.en, all.az …, see its README.md).
    #[arg(value_name = "DATA")]
    pub data: PathBuf,
    /// Which phrases: held-out (the default, as every eval), tuning or all.
    #[arg(long, value_enum, default_value = "held-out")]
    pub part: PartArg,
    /// The judged set (id, direction, phrase, accepted, source; see its README.md).
    #[arg(
        long,
        value_name = "FILE",
        default_value = "tests/fixtures/phrases/judged.tsv"
    )]
    pub judged: PathBuf,
    /// The samples folder: each article in it with gold.en-<lang>.beads adds its beads as units.
    #[arg(long, value_name = "DIR", default_value = "samples")]
    pub samples: PathBuf,
    /// Also list every phrase whose first rendering is wrong, with the accepted translations and the
    /// first three renderings.
    #[arg(long)]
    pub misses: bool,
}

/// `n` of `of` in percent, one decimal place.
fn pct(n: usize, of: usize) -> String {
    super::pct(n, of, 1)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let config = Config {
        data: args.data,
        samples: args.samples,
        judged: args.judged,
        part: args.part.into(),
    };
    let report = evaluate(&config)?;
    let mut out = stdout();
    print_report(&mut out, &config, &report, args.misses)?;
    out.flush()?;
    Ok(())
}

fn print_report(
    out: &mut impl Write,
    config: &Config,
    report: &Report,
    misses: bool,
) -> anyhow::Result<()> {
    let built = &report.built;
    let langs: Vec<&str> = built.ntrex_langs.iter().map(|l| l.language()).collect();
    let samples: Vec<String> = built
        .sample_units
        .iter()
        .map(|(l, n)| format!("{n} en-{}", l.language()))
        .collect();
    writeln!(
        out,
        "memory: {} ntrex-dev lines (en with {}) and {} sample units: {} units",
        built.ntrex_lines,
        langs.join(", "),
        if samples.is_empty() {
            "no".to_owned()
        } else {
            samples.join(", ")
        },
        built.units
    )?;
    for m in &built.models {
        writeln!(
            out,
            "model {:<16} {:>7} units {:>8.1} KB",
            format!("{}/{}", m.src, m.tgt),
            m.units,
            m.bytes as f64 / 1024.0
        )?;
    }
    writeln!(
        out,
        "judged: {} of {} phrases of {} ({} part)\n",
        report.phrases.len(),
        report.judged_total,
        config.judged.display(),
        config.part
    )?;
    writeln!(
        out,
        "{:<9} {:<9} {:>7} {:>7} {:>7} {:>10}",
        "direction", "part", "phrases", "first", "top-3", "unanswered"
    )?;
    for row in &report.rows {
        let direction = row.direction.as_ref().map_or("all".to_owned(), |(s, t)| {
            format!("{}→{}", s.language(), t.language())
        });
        let t = &row.tally;
        writeln!(
            out,
            "{:<9} {:<9} {:>7} {:>7} {:>7} {:>10}",
            direction,
            row.part.map_or("all", |p| p.as_str()),
            t.phrases,
            pct(t.first_correct, t.phrases),
            pct(t.top3_correct, t.phrases),
            t.unanswered
        )?;
    }
    if misses {
        for j in report.phrases.iter().filter(|j| !j.judgement.first_correct) {
            let item = &j.item;
            writeln!(
                out,
                "\n{} {}→{} {} '{}'{}",
                item.id,
                item.src.language(),
                item.tgt.language(),
                j.part.as_str(),
                item.phrase,
                if j.judgement.top3_correct {
                    "  (in the top 3)"
                } else {
                    ""
                }
            )?;
            writeln!(out, "  accepted  {}", item.accepted.join(" | "))?;
            if j.judgement.top.is_empty() {
                writeln!(out, "  got       -")?;
            }
            for (n, (text, support, total)) in j.judgement.top.iter().enumerate() {
                let label = if n == 0 { "got" } else { "" };
                writeln!(
                    out,
                    "  {label:<9} {}. {text}  ({support} of {total})",
                    n + 1
                )?;
            }
        }
    }
    Ok(())
}
