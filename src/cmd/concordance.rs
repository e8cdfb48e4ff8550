//! `tmkit concordance`: units containing a phrase, highlighted, and how the phrase was translated.

use std::io::Write;

use anyhow::bail;
use tmkit::{Lang, search};

use super::Global;

/// Find the units whose text contains a phrase, in all their languages, and how the phrase was
/// translated.
///
/// The phrase is literal: quotes, *, NEAR, AND and - are searched as written, never as syntax.
/// Matching ignores case (with Azerbaijani/Turkish dotted and dotless i), ё/е, apostrophe and dash
/// variants and the English possessive 's, and finds the phrase's inflected forms (Russian,
/// Azerbaijani, English) unless --exact. Its translations come from the memory's word-alignment
/// models: the spans of each language that translate the phrase in its units, with how many of the
/// units with that language support them; each unit shown marks them between [[ and ]].
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit concordance --lang en \"strategic partnership\"
  tmkit concordance --lang az --to ru \"strateji tərəfdaşlıq\"
  tmkit concordance --lang en --json \"One China\"
  tmkit concordance --lang en --limit 20 --offset 20 \"Azerbaijan\"     (units 21-40)
  tmkit concordance --lang ru --exact \"стратегическое партнерство\"  (this form only)")]
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
    /// Units to skip before showing --limit of them (the next page of 20: --offset 20).
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Find only the phrase's forms as typed (still folding case, ё/е, apostrophes and dashes), not
    /// its other inflected forms.
    #[arg(long)]
    pub exact: bool,
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
    let memory = super::open_existing(global)?;
    let mut wanted = vec![("--lang", &lang)];
    if let Some(to) = &to {
        wanted.push(("--to", to));
    }
    super::check_langs(&memory, global, &wanted)?;
    super::train::note_if_stale(&memory)?;
    memory.prepare_lookups()?;
    let wanted = args.offset.saturating_add(args.limit);
    let options = search::ConcordanceOptions {
        to: to.clone(),
        limit: wanted,
        exact: args.exact,
    };
    let mut found = search::concordance_with(&memory, &args.phrase, &lang, &options)?;
    found.hits.drain(..args.offset.min(found.hits.len()));
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
    let about = found.estimated.map_or(String::new(), |e| {
        format!(
            " (about {} in all, estimated from the first {} of {} candidates)",
            e.units, e.checked, e.candidates
        )
    });
    writeln!(
        out,
        "{}{more} {verb} '{}' in {lang}{about}{}",
        found.total,
        args.phrase,
        page_note(found.total, args.offset, found.hits.len(), args.limit)
    )?;
    if !found.translations.is_empty() {
        let sample = found
            .sample_note()
            .map_or(String::new(), |note| format!(" ({note})"));
        writeln!(out, "\ntranslations{sample}")?;
        for r in &found.translations {
            let mut line = format!(
                "  {:<8} {}  ({} of {} units with {})",
                r.lang, r.text, r.count, r.total, r.lang
            );
            let others: Vec<String> = r
                .forms
                .iter()
                .skip(1)
                .map(|f| format!("{} {}", f.text, f.count))
                .collect();
            if !others.is_empty() {
                line.push_str(&format!("; also {}", others.join(", ")));
            }
            writeln!(out, "{line}")?;
        }
    }
    for hit in &found.hits {
        writeln!(
            out,
            "\nunit {}  {}",
            hit.unit,
            super::state_label(&hit.status, hit.approved, hit.confidence)
        )?;
        let marked = mark(&hit.text, &hit.highlights, "**", "**");
        writeln!(out, "  {:<8} {marked}", lang.as_str())?;
        for (tag, text) in &hit.others {
            let rendered = hit.rendered_in(tag);
            writeln!(out, "  {tag:<8} {}", mark(text, &rendered, "[[", "]]"))?;
        }
    }
    Ok(out.flush()?)
}

/// `text` with each byte range of `ranges` (ascending, apart) between `open` and `close`.
fn mark(text: &str, ranges: &[std::ops::Range<usize>], open: &str, close: &str) -> String {
    let mut marked = String::new();
    let mut at = 0;
    for r in ranges {
        marked.push_str(text.get(at..r.start).unwrap_or(""));
        marked.push_str(open);
        marked.push_str(text.get(r.clone()).unwrap_or(""));
        marked.push_str(close);
        at = r.end;
    }
    marked.push_str(text.get(at..).unwrap_or(""));
    marked
}

/// What part of the matching units is shown, and how to see the rest: empty when all are shown.
fn page_note(total: usize, offset: usize, shown: usize, limit: usize) -> String {
    if offset == 0 && shown >= total {
        return String::new();
    }
    if shown == 0 {
        return format!("; none shown from --offset {offset}");
    }
    let (first, last) = (offset + 1, offset + shown);
    let mut note = format!("; showing {first}-{last}");
    if last < total {
        note.push_str(&format!(
            " (--offset {last} for the next {limit}, --limit N for more at once)"
        ));
    }
    note
}
