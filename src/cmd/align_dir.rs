//! `tmkit align-dir`: align every article of a folder, one file per language version.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::bail;
use tmkit::Lang;
use tmkit::ingest::{self, ArchiveOptions, Outcome, Walk};

use super::{Global, UsageError, parse_langs, stdout};

/// Align every article of a folder and (with --store) put the units into the memory.
///
/// Language versions are found by file name, in either layout:
///   DIR/<slug>/<lang>.txt        e.g. samples/2024-07-03-aliyev-xi-astana/en.txt
///   DIR/<slug>.<lang>.txt        e.g. archive/2024-07-03-aliyev-xi.az.txt
/// With --presegmented the files are `<lang>.sents.txt` / `<slug>.<lang>.sents.txt` (one sentence per
/// line). Every article needs a --from file; targets missing for an article are left out of it.
///
/// Re-running is cheap and safe: an article whose files are stored unchanged is skipped (unless
/// --realign); a changed one replaces its stored version. A file that cannot be read or aligned is reported at the end and the
/// exit status is non-zero, but the other articles are still aligned. For each article a summary line
/// gives beads, mean confidence and flagged beads.
///
/// Storing does not retrain the memory's word-alignment models (concordance's renderings, terms and
/// the aligner's learned lexicon come from them): `tmkit train` does, when the walk is done.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit align-dir samples --from en --to az,ru,zh --store && tmkit train
  tmkit align-dir samples --from en --to az,ru,zh --store --realign
  tmkit align-dir archive --from en --presegmented
  tmkit --tm news.db align-dir archive --from en --to az --store")]
pub struct Args {
    /// The folder holding the articles.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Language of the source versions.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Target languages, comma-separated (default: every other language found).
    #[arg(long, value_name = "LANG[,LANG…]")]
    pub to: Option<String>,
    /// Read `*.sents.txt` files, one sentence per line.
    #[arg(long)]
    pub presegmented: bool,
    /// Store the units in the memory (--tm).
    #[arg(long)]
    pub store: bool,
    /// Use neither the seed lexicon nor the memory's learned one.
    #[arg(long)]
    pub no_lexicon: bool,
    /// Align and store articles whose files are stored unchanged too, replacing their aligned units:
    /// after upgrading tmkit, or once the memory's learned lexicon has grown.
    #[arg(long, requires = "store")]
    pub realign: bool,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.from)?;
    let options = ArchiveOptions {
        to: args.to.as_deref().map(parse_langs).transpose()?,
        presegmented: args.presegmented,
        store: args.store,
        use_lexicon: !args.no_lexicon,
        realign: args.realign,
        ..ArchiveOptions::new(from)
    };
    let archive = ingest::archive::discover_all(&args.dir, args.presegmented)?;
    for path in &archive.skipped {
        eprintln!("skipped {}: no language code in the name", path.display());
    }
    let articles = archive.articles;
    check_targets(&articles, &options)?;
    // Without --store the memory only lends its learned lexicon: read-only.
    let mut memory = if args.store {
        Some(super::open_for_writing(global)?)
    } else if global.tm.exists() {
        Some(super::open_existing(global)?)
    } else {
        None
    };
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(articles.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut out = stdout();
    // A closed standard output (`align-dir --store | head -1`) stops the printing, not the storing:
    // the walk finishes, so the memory holds the whole archive either way.
    let mut printing = true;
    let mut aligned = 0usize;
    let mut failures: Vec<String> = Vec::new();
    let mut done = 0usize;
    if let Some(first) = articles.first() {
        bar.set_message(first.slug.clone());
    }
    let mut written: std::io::Result<()> = Ok(());
    Walk::new(&articles, &options, memory.as_mut()).run(|article, outcome| {
        match outcome {
            Ok(outcome) => {
                aligned += usize::from(!matches!(outcome, Outcome::NoTarget));
                let line = summary(&article.slug, &options.from, &outcome);
                if printing && written.is_ok() {
                    match bar.suspend(|| writeln!(out, "{line}").and_then(|()| out.flush())) {
                        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => printing = false,
                        other => written = other,
                    }
                }
            }
            Err(e) => failures.push(format!("{}: {:#}", article.slug, anyhow::Error::from(e))),
        }
        done += 1;
        if let Some(next) = articles.get(done) {
            bar.set_message(next.slug.clone());
        }
        bar.inc(1);
    })?;
    written?;
    bar.finish_and_clear();
    if let Some(memory) = memory.as_ref().filter(|_| args.store) {
        super::train::note_after_storing(memory)?;
    }
    if printing {
        out.flush()?;
    }
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("error: {f}");
        }
        bail!("{} of {} articles failed", failures.len(), articles.len());
    }
    if args.store && aligned == 0 {
        bail!(
            "nothing stored: no article of {} has a version in a target language",
            args.dir.display()
        );
    }
    Ok(())
}

/// Refuses target languages that cannot give a unit: the source language itself, or one no article has
/// a version in (`--to xx` would align, and store, nothing).
fn check_targets(
    articles: &[ingest::ArticleFiles],
    options: &ArchiveOptions,
) -> anyhow::Result<()> {
    let Some(to) = &options.to else {
        return Ok(());
    };
    if to.contains(&options.from) {
        return Err(UsageError(format!(
            "--from and --to are the same language ({}): give two different languages",
            options.from
        ))
        .into());
    }
    let mut found: Vec<&Lang> = articles
        .iter()
        .flat_map(|a| a.files.iter().map(|(lang, _)| lang))
        .collect();
    found.sort();
    found.dedup();
    let missing: Vec<&str> = to
        .iter()
        .filter(|l| !found.contains(l))
        .map(Lang::as_str)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let held: Vec<&str> = found.iter().map(|l| l.as_str()).collect();
    Err(UsageError(format!(
        "no article has a version in {} (--to): the articles' languages are {}",
        missing.join(", "),
        held.join(", ")
    ))
    .into())
}

/// The line printed for an article: what became of it, in numbers, then its warnings.
fn summary(slug: &str, from: &Lang, outcome: &Outcome) -> String {
    let a = match outcome {
        Outcome::NoTarget => return format!("{slug}\tno target language version, skipped"),
        Outcome::Unchanged => return format!("{slug}\tunchanged, skipped"),
        Outcome::Aligned(a) => a,
    };
    let langs: Vec<&str> = a.targets.iter().map(Lang::as_str).collect();
    let mut line = format!(
        "{slug}\t{from} → {}\tbeads {}\tmean confidence {:.2}\tunits {}, {} to review",
        langs.join(", "),
        a.beads,
        a.mean_confidence,
        a.units,
        a.to_review
    );
    if let Some(report) = &a.stored {
        line.push_str(&format!(
            "\tstored {} new, {} updated, {} already stored, {} merged, {} left out (same text in every \
             language){}",
            report.inserted,
            report.updated,
            report.kept_as_is,
            report.merged,
            report.untranslated,
            super::align::stale_note(report.stale)
        ));
    }
    for (path, w) in &a.warnings {
        line.push_str(&format!("\n  warning: {}: {w}", path.display()));
    }
    line
}
