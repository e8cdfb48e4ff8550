//! `tmkit eval growth`: growth curves of import, size, lookup and concordance for both memory shapes.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::eval::fuzzy::Shape;
use tmkit::eval::growth::{Config, Point, measure};

use super::fuzzy::QueryArgs;

/// Build fresh memories of growing size, of each shape, and measure the import with indexing
/// (units/s), the database size against its text, lookup median/p95 over edited and unmatched
/// queries, concordance median/p95, and the exhaustive scan with the index's recall where the scans
/// fit in --scan-budget (release builds). One row per memory, printed as it is measured; each memory
/// is deleted once measured unless --keep.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval growth --data /work/shared/data/ntrex-dev
  tmkit eval growth --data /work/shared/data/ntrex-dev --sizes 10k,100k --shape near-duplicate --keep")]
pub struct Args {
    /// The ntrex-dev folder (en-az/all.en, all.az …).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// The samples folder, whose aligned article adds templates.
    #[arg(long, value_name = "DIR", default_value = "samples")]
    pub samples: PathBuf,
    /// Memory sizes in units, smallest first as given (k = thousand, M = million).
    #[arg(long, value_delimiter = ',', value_parser = parse_size, default_value = "10k,100k,1M,5M")]
    pub sizes: Vec<usize>,
    /// Memory shapes: news, near-duplicate (see `tmkit eval fuzzy --help`).
    #[arg(
        long,
        value_delimiter = ',',
        value_enum,
        default_value = "news,near-duplicate"
    )]
    pub shape: Vec<super::fuzzy::ShapeArg>,
    /// Languages of each unit; the first two are the lookup's source and target.
    #[arg(long, default_value = "en,az")]
    pub langs: String,
    /// The folder the memories are written to (growth-SHAPE-UNITS.db, replaced).
    #[arg(long, value_name = "DIR", default_value = "target")]
    pub dir: PathBuf,
    /// Keep each memory instead of deleting it once measured (a 5M memory takes several GB).
    #[arg(long)]
    pub keep: bool,
    /// The queries.
    #[command(flatten)]
    pub query: QueryArgs,
    /// Queries also answered by the exhaustive scan (an even sample), where they fit in --scan-budget.
    #[arg(long, default_value_t = 20)]
    pub scanned: usize,
    /// Seconds the scans of one memory may take together; when the first ones project past it the
    /// rest are skipped and the row shows the scan time without a recall.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub scan_budget: f64,
    /// Print one JSON object per memory.
    #[arg(long)]
    pub json: bool,
}

/// `10k`, `1M`, `250000`.
fn parse_size(text: &str) -> Result<usize, String> {
    let (digits, scale) = match text.strip_suffix(['k', 'K']) {
        Some(d) => (d, 1_000),
        None => match text.strip_suffix('M') {
            Some(d) => (d, 1_000_000),
            None => (text, 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(scale))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("'{text}' is not a size such as 10k, 1M or 250000"))
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let (langs, samples) = super::fuzzy::memory_inputs(&args.langs, &args.samples)?;
    std::fs::create_dir_all(&args.dir)
        .with_context(|| format!("cannot create {}", args.dir.display()))?;
    let config = Config {
        data: args.data,
        samples,
        dir: args.dir,
        langs,
        edited: args.query.edited,
        unmatched: args.query.unmatched,
        scanned: args.scanned,
        scan_budget_s: args.scan_budget,
        phrases: args.query.phrases,
        min_score: args.query.min_score as f32 / 100.0,
        limit: args.query.limit.max(1),
        keep: args.keep,
    };
    let mut out = crate::cmd::stdout();
    if !args.json {
        writeln!(
            out,
            "{:<15} {:>9} {:>9} {:>9} {:>10} {:>9} {:>7} {:>10} {:>9} {:>10} {:>9} {:>10}  recall",
            "shape",
            "units",
            "stored",
            "families",
            "import u/s",
            "db MB",
            "x text",
            "lookup med",
            "p95",
            "conc med",
            "p95",
            "scan/query"
        )?;
        out.flush()?;
    }
    for &shape in &args.shape {
        let shape = match shape {
            super::fuzzy::ShapeArg::News => Shape::News,
            super::fuzzy::ShapeArg::NearDuplicate => Shape::NearDuplicate,
        };
        for &units in &args.sizes {
            let point = measure(&config, shape, units).with_context(|| {
                format!("the growth benchmark failed at {units} units ({shape:?})")
            })?;
            if args.json {
                serde_json::to_writer(&mut out, &point)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}", row(&point, shape))?;
            }
            out.flush()?;
        }
    }
    Ok(out.flush()?)
}

/// The table row of one memory.
fn row(point: &Point, shape: Shape) -> String {
    let r = &point.report;
    let shape = match shape {
        Shape::News => "news",
        Shape::NearDuplicate => "near-duplicate",
    };
    let families = match r.families {
        0 => "-".to_string(),
        n => n.to_string(),
    };
    let recall = match (r.scanned, r.scan_cut) {
        (0, _) => "not scanned".to_string(),
        (_, true) => format!("over budget after {} scan(s)", r.scanned),
        (n, false) => format!("{}/{} over {n} queries", r.found, r.scan_matches),
    };
    format!(
        "{shape:<15} {:>9} {:>9} {families:>9} {:>10.0} {:>9.1} {:>7.2} {:>7.2} ms {:>6.2} ms {:>7.2} ms {:>6.2} ms {:>8.2} s  {recall}",
        point.units,
        r.stored,
        r.units_per_s,
        r.db_bytes as f64 / 1e6,
        r.db_bytes as f64 / r.text_bytes.max(1) as f64,
        r.all.median_ms,
        r.all.p95_ms,
        r.concordance.median_ms,
        r.concordance.p95_ms,
        r.scan.median_ms / 1000.0,
    )
}
