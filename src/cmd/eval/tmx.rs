//! `tmkit eval tmx`: export and import timing on a generated memory.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;

/// Generate a memory of N bilingual units, export it as TMX and import the file into a fresh memory:
/// time, units per second and peak RSS of each phase. Use a release build.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  cargo build --release
  target/release/tmkit eval tmx --units 1000000 --dir /tmp/tmx-eval")]
pub struct Args {
    /// How many units to generate.
    #[arg(long, default_value_t = 1_000_000)]
    pub units: u64,
    /// A folder for the memories and the TMX file (created if missing).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let r = tmkit::eval::tmx::run(&args.dir, args.units)?;
    let mut out = super::super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    let mb = |v: Option<f64>| v.map_or("unknown".to_string(), |v| format!("{v:.0} MB"));
    writeln!(out, "units            {}", r.units)?;
    writeln!(out, "generate         {:.1} s", r.generate_secs)?;
    writeln!(
        out,
        "export           {:.2} s, peak RSS {} ({:.0} MB of TMX)",
        r.export_secs,
        mb(r.export_peak_rss_mb),
        r.tmx_mb
    )?;
    writeln!(
        out,
        "import           {:.2} s = {:.0} units/s, peak RSS {}",
        r.import_secs,
        r.import_units_per_sec,
        mb(r.import_peak_rss_mb)
    )?;
    if !r.peak_reset {
        writeln!(out, "note: the peak RSS could not be reset between phases")?;
    }
    Ok(out.flush()?)
}
