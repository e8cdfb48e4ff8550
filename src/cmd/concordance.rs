//! `tmkit concordance`: units containing a phrase, highlighted, and how the phrase was translated.

use std::io::Write;

use anyhow::{Context, bail};
use tmkit::{Lang, Memory, search};

use super::Global;

/// Find the units whose text contains a phrase, in all their languages, and the phrase's most likely
/// translations learned from the memory.
///
/// The phrase is literal: quotes, *, NEAR, AND and - are searched as written, never as syntax.
/// Matching ignores case (with Azerbaijani/Turkish dotted and dotless i).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit concordance --lang en \"strategic partnership\"
  tmkit concordance --lang az --to ru \"strateji tərəfdaşlıq\"
  tmkit concordance --lang en --json \"One China\"")]
pub struct Args {
    /// Language of the phrase.
    #[arg(long, value_name = "LANG")]
    pub lang: String,
    /// Show only this other language (all by default).
    #[arg(long, value_name = "LANG")]
    pub to: Option<String>,
    /// Most units shown.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
    /// The phrase (it may start with '-').
    #[arg(allow_hyphen_values = true)]
    pub phrase: String,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let lang = Lang::parse(&args.lang)?;
    let to = args.to.as_deref().map(Lang::parse).transpose()?;
    if args.phrase.trim().is_empty() {
        bail!("the phrase is empty");
    }
    let memory = Memory::open(&global.tm)
        .with_context(|| format!("cannot open the memory {}", global.tm.display()))?;
    memory.prepare_lookups()?;
    let found = search::concordance(&memory, &args.phrase, &lang, to.as_ref(), args.limit)?;
    let mut out = super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &found)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    if found.total == 0 {
        writeln!(out, "no unit contains '{}' in {lang}", args.phrase)?;
        return Ok(out.flush()?);
    }
    let more = if found.truncated { "+" } else { "" };
    let verb = if found.total == 1 && more.is_empty() {
        "unit contains"
    } else {
        "units contain"
    };
    writeln!(
        out,
        "{}{more} {verb} '{}' in {lang}",
        found.total, args.phrase
    )?;
    if !found.translations.is_empty() {
        writeln!(out, "\ntranslations")?;
        for r in &found.translations {
            writeln!(out, "  {:<8} {} ({})", r.lang, r.text, r.count)?;
        }
    }
    for hit in &found.hits {
        writeln!(out, "\nunit {}", hit.unit)?;
        let mut marked = String::new();
        let mut at = 0;
        for r in &hit.highlights {
            marked.push_str(hit.text.get(at..r.start).unwrap_or(""));
            marked.push_str("**");
            marked.push_str(hit.text.get(r.clone()).unwrap_or(""));
            marked.push_str("**");
            at = r.end;
        }
        marked.push_str(hit.text.get(at..).unwrap_or(""));
        writeln!(out, "  {:<8} {marked}", lang.as_str())?;
        for (tag, text) in &hit.others {
            writeln!(out, "  {tag:<8} {text}")?;
        }
    }
    Ok(out.flush()?)
}
