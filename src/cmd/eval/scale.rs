//! `tmkit eval scale`: time and peak memory of segment, import, concordance and align at growing
//! input sizes, each stage in a fresh process.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{Context, bail};
use tmkit::eval::scale::{self, Stage};

/// Time and peak RSS of segment, import, concordance and align on ntrex-dev text repeated to growing
/// sizes, each stage and size in a fresh process (the program runs itself with --stage). Use a
/// release build.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo build --release
  target/release/tmkit eval scale ../shared/data/ntrex-dev --dir /tmp/scale
  target/release/tmkit eval scale ../shared/data/ntrex-dev --dir /tmp/scale --lines 1000,10000")]
pub struct Args {
    /// The ntrex-dev folder (see its README.md); `en-ru/all.en` and `all.ru` are used.
    pub data: PathBuf,
    /// A folder for the generated inputs and memories (created if missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Input sizes in lines, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "1000,2000,4000,8000,16000"
    )]
    pub lines: Vec<usize>,
    /// The largest size the full-band alignment (the search before issue #16, quadratic in memory)
    /// is run at.
    #[arg(long, value_name = "LINES", default_value_t = 4000)]
    pub full_band_up_to: usize,
    /// Run one stage on prepared inputs and print `seconds count peak-MB` (what the parent runs).
    #[arg(long, hide = true)]
    pub stage: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let mut out = super::super::stdout();
    if let Some(name) = &args.stage {
        let Some(stage) = Stage::parse(name) else {
            bail!("unknown stage '{name}'");
        };
        let lines = args.lines.first().copied().unwrap_or(0);
        let (secs, count) = scale::run_stage(stage, &args.dir, lines)?;
        let peak = scale::peak_rss_mb().unwrap_or(f64::NAN);
        writeln!(out, "{secs} {count} {peak}")?;
        return Ok(out.flush()?);
    }
    let exe = std::env::current_exe().context("cannot find the tmkit program")?;
    writeln!(
        out,
        "{:<16} {:>6} {:>8} {:>9} {:>6} {:>8} {:>6}",
        "stage", "lines", "count", "seconds", "×time", "peak MB", "×mem"
    )?;
    for stage in Stage::ALL {
        let mut previous: Option<(f64, f64)> = None;
        for &lines in &args.lines {
            if stage == Stage::AlignFullBand && lines > args.full_band_up_to {
                continue;
            }
            if stage == Stage::Segment {
                scale::prepare(&args.data, &args.dir, lines)?;
            }
            let child = Command::new(&exe)
                .args(["eval", "scale"])
                .arg(&args.data)
                .arg("--dir")
                .arg(&args.dir)
                .args(["--lines", &lines.to_string(), "--stage", stage.as_str()])
                .output()
                .with_context(|| format!("cannot run {}", exe.display()))?;
            if !child.status.success() {
                bail!(
                    "{} at {lines} lines failed: {}",
                    stage.as_str(),
                    String::from_utf8_lossy(&child.stderr).trim()
                );
            }
            let answer = String::from_utf8_lossy(&child.stdout);
            let fields: Vec<f64> = answer
                .split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect();
            let [secs, count, peak] = fields[..] else {
                bail!("{} at {lines} lines answered '{answer}'", stage.as_str());
            };
            let ratio = |now: f64, before: Option<f64>| {
                before.map_or("-".to_string(), |b| format!("{:.2}", now / b))
            };
            writeln!(
                out,
                "{:<16} {:>6} {:>8} {:>9.3} {:>6} {:>8.0} {:>6}",
                stage.as_str(),
                lines,
                count,
                secs,
                ratio(secs, previous.map(|p| p.0)),
                peak,
                ratio(peak, previous.map(|p| p.1)),
            )?;
            out.flush()?;
            previous = Some((secs, peak));
        }
    }
    Ok(out.flush()?)
}
