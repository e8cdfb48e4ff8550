//! `tmkit align-dir`: align every article of a folder, one file per language version.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::Lang;
use tmkit::Memory;
use tmkit::unit::{ArticleMeta, Status, content_hash};

use super::align::{Doc, align_all, learn, units};
use super::{Global, parse_langs, stdout};

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
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit align-dir samples --from en --to az,ru,zh --store
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

/// The language files of each article, by slug.
fn discover(
    dir: &Path,
    presegmented: bool,
) -> anyhow::Result<BTreeMap<String, Vec<(Lang, PathBuf)>>> {
    let suffix = if presegmented { ".sents.txt" } else { ".txt" };
    let lang_of = |stem: &str| -> Option<Lang> {
        if stem.contains('.') || stem.len() > 7 {
            return None;
        }
        Lang::parse(stem).ok()
    };
    let mut articles: BTreeMap<String, Vec<(Lang, PathBuf)>> = BTreeMap::new();
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            let inner = std::fs::read_dir(&path)
                .with_context(|| format!("cannot read {}", path.display()))?;
            for file in inner {
                let file = file.with_context(|| format!("cannot read {}", path.display()))?;
                let fname = file.file_name().to_string_lossy().into_owned();
                if let Some(lang) = fname.strip_suffix(suffix).and_then(lang_of) {
                    articles
                        .entry(name.clone())
                        .or_default()
                        .push((lang, file.path()));
                }
            }
        } else if let Some(rest) = name.strip_suffix(suffix)
            && let Some((slug, code)) = rest.rsplit_once('.')
            && let Some(lang) = lang_of(code)
        {
            articles
                .entry(slug.to_string())
                .or_default()
                .push((lang, path.clone()));
        }
    }
    Ok(articles)
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.from)?;
    let wanted = args.to.as_deref().map(parse_langs).transpose()?;
    let articles = discover(&args.dir, args.presegmented)?;
    if articles.is_empty() {
        bail!(
            "{}: no article files found (expected DIR/<slug>/<lang>.txt or DIR/<slug>.<lang>.txt)",
            args.dir.display()
        );
    }
    let mut memory = if args.store || global.tm.exists() {
        Some(
            Memory::open(&global.tm)
                .with_context(|| format!("cannot open the memory {}", global.tm.display()))?,
        )
    } else {
        None
    };
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(articles.len() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut out = stdout();
    let mut failures: Vec<String> = Vec::new();
    for (slug, files) in &articles {
        bar.set_message(slug.clone());
        let result = align_article(
            slug,
            files,
            &from,
            wanted.as_deref(),
            &args,
            memory.as_mut(),
        );
        match result {
            Ok(line) => {
                bar.suspend(|| writeln!(out, "{line}").and_then(|()| out.flush()))?;
            }
            Err(e) => failures.push(format!("{slug}: {e:#}")),
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    out.flush()?;
    if !failures.is_empty() {
        for f in &failures {
            eprintln!("error: {f}");
        }
        bail!("{} of {} articles failed", failures.len(), articles.len());
    }
    Ok(())
}

fn align_article(
    slug: &str,
    files: &[(Lang, PathBuf)],
    from: &Lang,
    wanted: Option<&[Lang]>,
    args: &Args,
    memory: Option<&mut Memory>,
) -> anyhow::Result<String> {
    let Some((_, src_path)) = files.iter().find(|(l, _)| l == from) else {
        bail!("no {from} version");
    };
    let mut targets: Vec<&(Lang, PathBuf)> = files
        .iter()
        .filter(|(l, _)| l != from && wanted.is_none_or(|w| w.contains(l)))
        .collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    if targets.is_empty() {
        return Ok(format!("{slug}\tno target language version, skipped"));
    }
    if args.store
        && let Some(memory) = memory.as_deref()
    {
        let mut hashes = Vec::new();
        for (lang, path) in
            std::iter::once(&(from.clone(), src_path.clone())).chain(targets.iter().copied())
        {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            hashes.push((lang.clone(), content_hash(&bytes)));
        }
        if !args.realign && memory.is_article_unchanged(slug, &hashes)? {
            return Ok(format!("{slug}\tunchanged, skipped"));
        }
    }
    let source = Doc::read(src_path, from.clone(), args.presegmented)?;
    let docs = targets
        .iter()
        .map(|(lang, path)| Doc::read(path, lang.clone(), args.presegmented))
        .collect::<anyhow::Result<Vec<Doc>>>()?;
    let alignments = align_all(&source, &docs, memory.as_deref(), !args.no_lexicon)?;
    let mut warnings = Vec::new();
    for (doc, a) in docs.iter().zip(&alignments) {
        for w in &a.warnings {
            warnings.push(format!("{}: {w}", doc.path.display()));
        }
    }
    let units = units(&source, &docs, &alignments);
    let beads: usize = alignments.iter().map(|a| a.beads.len()).sum();
    let mean = if beads == 0 {
        0.0
    } else {
        alignments
            .iter()
            .flat_map(|a| &a.beads)
            .map(|b| b.confidence)
            .sum::<f32>()
            / beads as f32
    };
    let flagged = units
        .iter()
        .filter(|u| u.status == Status::NeedsReview)
        .count();
    let langs: Vec<&str> = docs.iter().map(|d| d.lang.as_str()).collect();
    let mut line = format!(
        "{slug}\t{from} → {}\tbeads {beads}\tmean confidence {mean:.2}\tunits {}, {flagged} to review",
        langs.join(", "),
        units.len()
    );
    if args.store
        && let Some(memory) = memory
    {
        let mut documents = vec![source.to_document()];
        documents.extend(docs.iter().map(Doc::to_document));
        let report = memory
            .store_aligned(&ArticleMeta::from_slug(slug), &documents, &units)
            .with_context(|| format!("cannot store article '{slug}'"))?;
        learn(memory, &source, &docs, &alignments)?;
        line.push_str(&format!(
            "\tstored {} new, {} merged, {} replaced, {} left out (same text in every language)",
            report.inserted, report.merged, report.replaced, report.untranslated
        ));
    }
    for w in warnings {
        line.push_str(&format!("\n  warning: {w}"));
    }
    Ok(line)
}
