//! `tmkit analyze`: the leverage report of an article against the memory.

use std::io::Write;
use std::path::Path;

use tmkit::Lang;
use tmkit::search::{self, Volume};

use super::Global;

/// Report how much of an article the memory covers: segments, words and characters per match band
/// (100%, 95-99, 85-94, 75-84, 50-74, no match) and internal repetitions, as CAT tools print before
/// a job.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit analyze samples/2024-07-10-aliyev-chinese-delegation/en.txt --from en --to az
  tmkit analyze article.txt --from en --to ru --csv > leverage.csv
  tmkit analyze en.sents.txt --presegmented --from en --to zh --json")]
pub struct Args {
    #[command(flatten)]
    pub article: super::ArticleArgs,
    /// Print one JSON object.
    #[arg(long, conflicts_with = "csv")]
    pub json: bool,
    /// Print CSV (band,segments,words,characters).
    #[arg(long)]
    pub csv: bool,
    /// Threads looking the sentences up [default: all cores]; the output does not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
}

/// The sentences of an article: its non-empty lines when presegmented, otherwise what
/// `tmkit::segment` finds (read as `tmkit align` reads a side).
pub fn sentences_of(path: &Path, lang: &Lang, presegmented: bool) -> anyhow::Result<Vec<String>> {
    let doc = super::align::read_doc(path, lang.clone(), presegmented)?;
    let out: Vec<String> = doc
        .sentences
        .into_iter()
        .map(|s| s.text)
        .filter(|s| !s.trim().is_empty())
        .collect();
    anyhow::ensure!(
        !out.is_empty(),
        "{}: the article is empty",
        super::display_path(path)
    );
    Ok(out)
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.article.from)?;
    let to = Lang::parse(&args.article.to)?;
    let sentences = sentences_of(&args.article.article, &from, args.article.presegmented)?;
    let memory = super::open_existing(global)?;
    super::check_langs(&memory, global, &[("--from", &from), ("--to", &to)])?;
    memory.prepare_lookups()?;
    let threads = args.threads.map_or_else(search::all_cores, |n| n as usize);
    let readers = search::Readers::new(&memory, threads)?;
    let analysis = search::analyze(&readers, &sentences, &from, &to)?;
    let mut out = super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &analysis)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    let mut rows: Vec<(&str, Volume)> = analysis
        .bands
        .iter()
        .map(|(b, v)| (b.label(), *v))
        .collect();
    rows.push(("repetitions", analysis.repetitions));
    rows.push(("total", analysis.total));
    if args.csv {
        writeln!(out, "band,segments,words,characters")?;
        for (label, v) in rows {
            writeln!(out, "{label},{},{},{}", v.segments, v.words, v.chars)?;
        }
        return Ok(out.flush()?);
    }
    writeln!(
        out,
        "{} {from} → {to}",
        super::display_path(&args.article.article)
    )?;
    writeln!(
        out,
        "{:<12} {:>8} {:>8} {:>10} {:>7}",
        "band", "segments", "words", "characters", "words%"
    )?;
    let total_words = analysis.total.words.max(1) as f64;
    for (label, v) in rows {
        writeln!(
            out,
            "{label:<12} {:>8} {:>8} {:>10} {:>6.1}%",
            v.segments,
            v.words,
            v.chars,
            100.0 * v.words as f64 / total_words
        )?;
    }
    if analysis.needs_review.segments > 0 {
        let v = analysis.needs_review;
        writeln!(
            out,
            "of which the best match needs review: {}, {} (check before trusting)",
            super::count(v.segments as u64, "segment", "segments"),
            super::count(v.words as u64, "word", "words")
        )?;
    }
    Ok(out.flush()?)
}
