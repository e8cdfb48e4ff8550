//! `tmkit eval fuzzy`: the fuzzy-matching benchmark (memory build, lookup latency, recall).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::eval::fuzzy::{Config, Latency, Shape, run as run_bench};

/// The queries of a fuzzy benchmark: shared by `eval fuzzy` and `eval growth`.
#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Edited queries (each has a near match).
    #[arg(long, default_value_t = 1000)]
    pub edited: usize,
    /// Queries without a match.
    #[arg(long, default_value_t = 200)]
    pub unmatched: usize,
    /// Two-word concordance queries.
    #[arg(long, default_value_t = 200)]
    pub phrases: usize,
    /// Lookup threshold in percent.
    #[arg(long, default_value_t = 50)]
    pub min_score: u32,
    /// Matches per lookup.
    #[arg(long, default_value_t = 5)]
    pub limit: usize,
}

/// Build a deterministic news memory of N units (or one of near-duplicate families), then measure import, index build, database size,
/// lookup latency and recall against an exhaustive scan, and concordance latency (release builds).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit eval fuzzy --units 100000 --data /work/shared/data/ntrex-dev
  tmkit eval fuzzy --units 1000000 --data /work/shared/data/ntrex-dev --scanned 20 --db /tmp/bench.db
  tmkit eval fuzzy --shape near-duplicate --units 1000000 --data /work/shared/data/ntrex-dev
  tmkit eval fuzzy --shape near-duplicate --units 1000000 --data /work/shared/data/ntrex-dev --reuse --scanned 0")]
pub struct Args {
    /// The ntrex-dev folder (en-az/all.en, all.az …).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// The samples folder, whose aligned article adds templates.
    #[arg(long, value_name = "DIR", default_value = "samples")]
    pub samples: PathBuf,
    /// Units to generate.
    #[arg(long, default_value_t = 100_000)]
    pub units: usize,
    /// The memory: news (every template alike, with other numbers, names and dates) or
    /// near-duplicate (families of variants of stock sentences, Zipf-like popularity: median 200,
    /// largest 10,000 units; datelines, substitutions, insertions, deletions, recombined clauses).
    #[arg(long, value_enum, default_value = "news")]
    pub shape: ShapeArg,
    /// Languages of each unit; the first two are the lookup's source and target.
    #[arg(long, default_value = "en,az")]
    pub langs: String,
    /// Where to write the memory (replaced, unless --reuse finds it built with the same parameters).
    #[arg(long, value_name = "FILE", default_value = "target/eval-fuzzy.db")]
    pub db: PathBuf,
    /// Measure the memory already at --db instead of building it, when it was built with the same
    /// --shape, --units, --langs, --data and --samples (recorded in FILE.build.json beside it);
    /// otherwise build it as without --reuse.
    #[arg(long)]
    pub reuse: bool,
    /// The queries.
    #[command(flatten)]
    pub query: QueryArgs,
    /// Queries also answered by the exhaustive scan (an even sample).
    #[arg(long, default_value_t = 50)]
    pub scanned: usize,
    /// Also write the queries to FILE, one a line, edited ones first (a batch for `tmkit lookup
    /// --batch`, as benches/batch-threads.sh uses them).
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `--shape`.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ShapeArg {
    /// Every template equally often.
    News,
    /// Families of near-duplicates.
    NearDuplicate,
}

/// The languages of a benchmark memory (at least two) and the samples folder when it holds the
/// sample article whose beads add templates.
pub(super) fn memory_inputs(
    langs: &str,
    samples: &std::path::Path,
) -> anyhow::Result<(Vec<tmkit::Lang>, Option<PathBuf>)> {
    let langs = crate::cmd::parse_langs(langs)?;
    anyhow::ensure!(langs.len() >= 2, "--langs needs at least two languages");
    let samples = samples
        .join("2024-07-03-aliyev-xi-astana")
        .is_dir()
        .then(|| samples.to_path_buf());
    Ok((langs, samples))
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let (langs, samples) = memory_inputs(&args.langs, &args.samples)?;
    let config = Config {
        shape: match args.shape {
            ShapeArg::News => Shape::News,
            ShapeArg::NearDuplicate => Shape::NearDuplicate,
        },
        data: args.data,
        samples,
        db: args.db,
        units: args.units,
        langs,
        edited: args.query.edited,
        unmatched: args.query.unmatched,
        scanned: args.scanned,
        phrases: args.query.phrases,
        min_score: args.query.min_score as f32 / 100.0,
        limit: args.query.limit.max(1),
        reuse: args.reuse,
        scan_budget_s: None,
        rebuild_index: true,
        queries_out: args.queries,
    };
    let r = run_bench(&config).context("the fuzzy benchmark failed")?;
    let mut out = crate::cmd::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &r)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    let mb = |b: u64| b as f64 / 1e6;
    let lat = |l: &Latency| {
        format!(
            "median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
            l.median_ms, l.p95_ms, l.max_ms
        )
    };
    writeln!(out, "templates          {}", r.templates)?;
    if r.families > 0 {
        writeln!(
            out,
            "families           {} (largest {} units, median {})",
            r.families, r.largest_family, r.median_family
        )?;
    }
    writeln!(
        out,
        "units              {} generated, {} stored",
        r.generated, r.stored
    )?;
    if r.reused {
        writeln!(
            out,
            "memory             reused {} (built with the same parameters; import not measured)",
            config.db.display()
        )?;
    } else {
        writeln!(
            out,
            "import             {:.1} s = {:.0} units/s (indexing included)",
            r.import_s, r.units_per_s
        )?;
        writeln!(
            out,
            "index rebuild      {:.1} s = {:.0} stored units/s",
            r.index_s,
            r.stored as f64 / r.index_s.max(1e-9)
        )?;
    }
    writeln!(
        out,
        "database           {:.1} MB for {:.1} MB of text ({:.2}x); posting data {:.1} MB ({:.2}x)",
        mb(r.db_bytes),
        mb(r.text_bytes),
        r.db_bytes as f64 / r.text_bytes.max(1) as f64,
        mb(r.index_bytes),
        r.index_bytes as f64 / r.text_bytes.max(1) as f64
    )?;
    // A part not asked for (`--edited 0 --unmatched 0`, `--scanned 0`, `--phrases 0`) prints nothing
    // rather than zeros that would read as a measurement.
    if config.edited + config.unmatched > 0 {
        writeln!(
            out,
            "lookup, edited     {} ({} of {} with a match)",
            lat(&r.edited),
            r.edited_with_match,
            config.edited
        )?;
        writeln!(
            out,
            "lookup, no match   {} ({} of {} matched)",
            lat(&r.unmatched),
            r.unmatched_with_match,
            config.unmatched
        )?;
        writeln!(out, "lookup, all        {}", lat(&r.all))?;
    }
    if r.scanned > 0 {
        writeln!(
            out,
            "exhaustive scan    {} over {} queries",
            lat(&r.scan),
            r.scanned
        )?;
        if config.edited + config.unmatched > 0 {
            writeln!(
                out,
                "speed-up           {:.0}x (median scan / median lookup)",
                r.scan.median_ms / r.all.median_ms.max(1e-6)
            )?;
        }
        writeln!(
            out,
            "recall             {}/{} = {:.1}% of the scan's top-{} matches >= {}%",
            r.found,
            r.scan_matches,
            100.0 * r.found as f64 / r.scan_matches.max(1) as f64,
            config.limit,
            args.query.min_score
        )?;
    }
    if config.phrases > 0 {
        writeln!(
            out,
            "concordance        {} (two-word phrases)",
            lat(&r.concordance)
        )?;
    }
    Ok(out.flush()?)
}
