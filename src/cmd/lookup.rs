//! `tmkit lookup`: the best fuzzy matches of a sentence, with diff, provenance and adapted target.

use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};
use tmkit::fuzzy::{self, Band, Edit, FuzzyMatch};
use tmkit::search::{self, LookupError, LookupOptions, Readers};
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
    /// Read one query per line from FILE ('-' for standard input, answered line by line). Every line
    /// gets one answer: an empty line an answer with no match, a line that cannot be looked up (too
    /// long, not UTF-8) an error line (JSON: {"query", "error"}); the exit code is then 1.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub batch: Option<PathBuf>,
    /// Threads answering a batch file [default: all cores]; the answers keep the order of the lines
    /// whatever their number. Standard input and a single query are answered on one thread.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
    /// Score every stored sentence instead of asking the match index (an audit of the index: the
    /// same matches and scores, hundreds of times slower on a large memory).
    #[arg(long)]
    pub exhaustive: bool,
    /// The sentence to look up ('-' alone reads it from standard input; it may start with '-', as
    /// quoted speech does).
    #[arg(required_unless_present = "batch", allow_hyphen_values = true)]
    pub text: Option<String>,
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.from)?;
    let to = Lang::parse(&args.to)?;
    let memory = super::open_existing(global)?;
    super::check_langs(&memory, global, &[("--from", &from), ("--to", &to)])?;
    memory.prepare_lookups()?;
    let options = LookupOptions {
        min_score: args.min_score as f32 / 100.0,
        limit: args.limit as usize,
    };
    let look_up: Search = match args.exhaustive {
        true => search::lookup_exhaustive,
        false => search::lookup,
    };
    let mut out = super::stdout();
    let Some(batch) = &args.batch else {
        let text = match args.text.as_deref() {
            Some("-") => {
                let text = super::read_text(Path::new("-"))?;
                text.trim_end_matches(['\n', '\r']).to_string()
            }
            other => other.unwrap_or_default().to_string(),
        };
        if text.trim().is_empty() {
            bail!("the query is empty");
        }
        let found = find(look_up, &memory, &text, &from, &to, &options)?;
        answer(&text, found, &from, &to, &options, args.json, &mut out)?;
        return Ok(out.flush()?);
    };
    let shown = super::display_path(batch);
    let mut failed = 0usize;
    // Prints the answer of line `i`, or its error line; only a closed output stops the batch.
    let mut answer_line =
        |i: usize, query: &str, found: anyhow::Result<Found>| -> anyhow::Result<()> {
            let answered = found
                .and_then(|found| answer(query, found, &from, &to, &options, args.json, &mut out));
            if let Err(e) = answered {
                if super::is_broken_pipe(&e) {
                    return Err(e);
                }
                failed += 1;
                unanswered(
                    query,
                    &format!("{shown}:{}", i + 1),
                    &e,
                    args.json,
                    &mut out,
                )?;
            }
            Ok(out.flush()?)
        };
    // The matches of line `i`; `Err` (the batch stops) when the memory fails.
    let look = |memory: &Memory, i: usize, query: &str| -> anyhow::Result<anyhow::Result<Found>> {
        match find(look_up, memory, query, &from, &to, &options) {
            Ok(found) => Ok(Ok(found)),
            Err(Failure::Query(e)) => Ok(Err(e)),
            Err(Failure::Memory(e)) => Err(e.context(format!("{shown}:{}: cannot look up", i + 1))),
        }
    };
    if batch.as_os_str() == "-" {
        // Line by line, so that a program feeding queries gets each answer before it sends the next.
        for (i, line) in io::stdin().lock().split(b'\n').enumerate() {
            let line = line.context("cannot read standard input")?;
            let line = super::text_from_bytes(line, &format!("{shown}:{}", i + 1));
            match line.map(|l| l.strip_suffix('\r').map(str::to_string).unwrap_or(l)) {
                Ok(query) => {
                    let found = look(&memory, i, &query)?;
                    answer_line(i, &query, found)?;
                }
                Err(e) => answer_line(i, "", Err(anyhow::anyhow!("{}", super::describe(&e))))?,
            }
        }
    } else {
        // A file: lines looked up on every worker, answered in the order of the lines.
        let text = super::read_text(batch)?;
        let lines: Vec<(usize, &str)> = text
            .split_terminator('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .enumerate()
            .collect();
        let threads = args.threads.map_or_else(search::all_cores, |n| n as usize);
        let readers = Readers::new(&memory, threads)?;
        // Each answer is printed as soon as it and those before it are found.
        readers.for_each_in_order(
            &lines,
            |memory, (i, query)| look(memory, *i, query),
            |(i, query), found| answer_line(*i, query, found),
        )?;
    }
    if failed > 0 {
        bail!(
            "{shown}: {failed} {} not looked up (see the error lines in the output)",
            if failed == 1 {
                "query was"
            } else {
                "queries were"
            }
        );
    }
    Ok(())
}

/// The matches of a query and the milliseconds they took.
type Found = (Vec<FuzzyMatch>, f64);

/// A lookup: [`search::lookup`] or, auditing the index, [`search::lookup_exhaustive`].
type Search =
    fn(&Memory, &str, &Lang, &Lang, &LookupOptions) -> Result<Vec<FuzzyMatch>, LookupError>;

/// Why a query got no answer: the query itself (the batch goes on) or the memory (it stops).
enum Failure {
    Query(anyhow::Error),
    Memory(anyhow::Error),
}

impl From<Failure> for anyhow::Error {
    fn from(f: Failure) -> anyhow::Error {
        match f {
            Failure::Query(e) | Failure::Memory(e) => e,
        }
    }
}

/// The matches of one query; an empty query has none.
fn find(
    look_up: Search,
    memory: &Memory,
    query: &str,
    from: &Lang,
    to: &Lang,
    options: &LookupOptions,
) -> Result<Found, Failure> {
    let start = Instant::now();
    let found = match look_up(memory, query, from, to, options) {
        Ok(found) => found,
        Err(LookupError::Empty) if query.trim().is_empty() => Vec::new(),
        Err(LookupError::Memory(e)) => return Err(Failure::Memory(e.into())),
        Err(e) => return Err(Failure::Query(e.into())),
    };
    let ms = (start.elapsed().as_secs_f64() * 1000.0 * 1000.0).round() / 1000.0;
    Ok((found, ms))
}

/// The answer line of a query that could not be looked up: a JSON object with its error, or the
/// query and the error in text.
fn unanswered(
    query: &str,
    at: &str,
    err: &anyhow::Error,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let error = format!("{at}: {}", super::describe(err));
    eprintln!("error: {error}");
    if json {
        let query: String = query.chars().take(SHOWN_CHARS).collect();
        serde_json::to_writer(
            &mut *out,
            &JsonError {
                query: &query,
                error: &error,
            },
        )?;
        writeln!(out)?;
    } else {
        writeln!(
            out,
            "query   {}",
            query.chars().take(SHOWN_CHARS).collect::<String>()
        )?;
        writeln!(out, "        error: {error}")?;
        writeln!(out)?;
    }
    Ok(())
}

/// How much of a query that could not be looked up is repeated in its error answer: enough to
/// recognise it, not 64 KiB of it.
const SHOWN_CHARS: usize = 80;

#[derive(serde::Serialize)]
struct JsonError<'a> {
    query: &'a str,
    error: &'a str,
}

/// Prints the matches of one query.
fn answer(
    query: &str,
    (found, ms): Found,
    from: &Lang,
    to: &Lang,
    options: &LookupOptions,
    json: bool,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    if json {
        let matches = found.iter().map(search::ScoredMatch::new).collect();
        serde_json::to_writer(&mut *out, &search::Answer { query, matches, ms })?;
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
            "{:>3}%    {}  unit {}  {provenance}  {}",
            fuzzy::percent(m.score),
            Band::of(Some(m.score)).label(),
            m.unit,
            super::state_label(&m.status, m.approved, m.confidence)
        )?;
        writeln!(out, "  source  {}", render_diff(m))?;
        let mark = if m.adapted {
            "  (adapted: numbers/dates replaced)"
        } else {
            ""
        };
        writeln!(out, "  target  {}{mark}", m.target)?;
        if !m.unadapted.is_empty() {
            writeln!(
                out,
                "  stale   {}  (changed in the query, not adapted: check them)",
                m.unadapted.join(", ")
            )?;
        }
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
