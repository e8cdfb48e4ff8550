//! `tmkit lookup`: the best fuzzy matches of a sentence, with diff, provenance and adapted target.

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use tmkit::fuzzy::{self, Band, Edit, FuzzyMatch};
use tmkit::search::{self, LookupError, LookupOptions};
use tmkit::{Lang, Memory};

use super::Global;

/// Find the best stored translations of a sentence, scored as CAT tools score them.
///
/// The score is a word-level edit similarity (see the README): 100% means the same text; case,
/// whitespace and punctuation differences cost less than a word; a match that differs only in numbers
/// or dates scores 95-99% and its target is adapted to the new numbers and dates when that is
/// unambiguous (a date is rewritten in the target language's form: "3 iyul" → "10 iyul").
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit lookup --from en --to az \"Trade reached 4 billion dollars.\"
  tmkit lookup --from en --to ru \"Astana, July 10, AZERTAC\"      (3 июля → 10 июля)
  tmkit lookup --from az --to ru --min-score 75 --limit 3 \"Strateji tərəfdaşlıq\"
  tmkit lookup --from en --to zh --json --batch sentences.txt
  producer | tmkit lookup --from en --to az --json --batch -")]
pub struct Args {
    /// Language of the query (and of the stored source side).
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language of the translations to show.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// Lowest score shown, in percent (1-100).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub min_score: u32,
    /// Most matches shown per query.
    #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: u32,
    /// Print one JSON object per query.
    #[arg(long)]
    pub json: bool,
    /// Read one query per line from FILE ('-' for standard input, answered line by line).
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub batch: Option<PathBuf>,
    /// The sentence to look up (it may start with '-', as quoted speech does).
    #[arg(required_unless_present = "batch", allow_hyphen_values = true)]
    pub text: Option<String>,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.from)?;
    let to = Lang::parse(&args.to)?;
    let memory = Memory::open(&global.tm)
        .with_context(|| format!("cannot open the memory {}", global.tm.display()))?;
    memory.prepare_lookups()?;
    let options = LookupOptions {
        min_score: args.min_score as f32 / 100.0,
        limit: args.limit as usize,
    };
    let mut out = super::stdout();
    let Some(batch) = &args.batch else {
        let text = args.text.as_deref().unwrap_or_default();
        answer(&memory, text, &from, &to, &options, args.json, &mut out)
            .with_context(|| "cannot look up the query".to_string())?;
        return Ok(out.flush()?);
    };
    let shown = super::display_path(batch);
    let reader: Box<dyn BufRead> = if batch.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(io::BufReader::new(
            std::fs::File::open(batch).with_context(|| format!("cannot read {shown}"))?,
        ))
    };
    for (i, line) in reader.split(b'\n').enumerate() {
        let line = line.with_context(|| format!("cannot read {shown}"))?;
        let line = super::text_from_bytes(line, &format!("{shown}:{}", i + 1))?;
        let line = line.strip_suffix('\r').unwrap_or(&line);
        if line.trim().is_empty() {
            continue;
        }
        answer(&memory, line, &from, &to, &options, args.json, &mut out)
            .with_context(|| format!("{shown}:{}: cannot look up the query", i + 1))?;
        out.flush()?;
    }
    Ok(out.flush()?)
}

#[derive(serde::Serialize)]
struct JsonMatch<'a> {
    score: u32,
    band: Band,
    #[serde(flatten)]
    m: &'a FuzzyMatch,
}

#[derive(serde::Serialize)]
struct JsonAnswer<'a> {
    query: &'a str,
    matches: Vec<JsonMatch<'a>>,
    ms: f64,
}

fn answer(
    memory: &Memory,
    query: &str,
    from: &Lang,
    to: &Lang,
    options: &LookupOptions,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let start = Instant::now();
    let found = match search::lookup(memory, query, from, to, options) {
        Ok(found) => found,
        Err(LookupError::Memory(e)) => return Err(e.into()),
        Err(e) => return Err(e.into()),
    };
    let ms = (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    if json {
        let matches = found
            .iter()
            .map(|m| JsonMatch {
                score: fuzzy::percent(m.score),
                band: Band::of(Some(m.score)),
                m,
            })
            .collect();
        serde_json::to_writer(&mut *out, &JsonAnswer { query, matches, ms })?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "query   {query}")?;
    if found.is_empty() {
        writeln!(
            out,
            "        no match of {}% or more in {from} → {to}",
            fuzzy::percent(options.min_score)
        )?;
    }
    for m in &found {
        let provenance = match (&m.article, &m.date) {
            (Some(a), Some(d)) if a.starts_with(d.as_str()) => a.clone(),
            (Some(a), Some(d)) => format!("{a} ({d})"),
            (Some(a), None) => a.clone(),
            (None, Some(d)) => format!("{} {d}", m.origin),
            (None, None) => m.origin.clone(),
        };
        writeln!(
            out,
            "{:>3}%    {}  unit {}  {provenance}",
            fuzzy::percent(m.score),
            Band::of(Some(m.score)).label(),
            m.unit
        )?;
        writeln!(out, "  source  {}", render_diff(m))?;
        let mark = if m.adapted {
            "  (adapted: numbers/dates replaced)"
        } else {
            ""
        };
        writeln!(out, "  target  {}{mark}", m.target)?;
    }
    writeln!(out)?;
    Ok(())
}

/// The stored source with the changes the query makes: `[-stored-]{+query+}` as `wdiff` prints them.
fn render_diff(m: &FuzzyMatch) -> String {
    let mut out = String::new();
    for part in &m.diff {
        if !out.is_empty() && part.spaced {
            out.push(' ');
        }
        match part.op {
            Edit::Equal => out.push_str(&part.source),
            Edit::Insert => out.push_str(&format!("{{+{}+}}", part.query)),
            Edit::Delete => out.push_str(&format!("[-{}-]", part.source)),
            Edit::Replace | Edit::Changed => {
                out.push_str(&format!("[-{}-]{{+{}+}}", part.source, part.query))
            }
        }
    }
    out
}
