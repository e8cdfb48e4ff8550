//! `tmkit terms`: the memory's stock phrases with their translations, as text, TBX, CSV or an OmegaT
//! glossary.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tmkit::Lang;
use tmkit::phrase::terms::{self, Term, TermCorpus, TermOptions};
use tmkit::tm::{ExportFilter, for_each_unit};
use tmkit::tmx::LangStyle;
use tmkit::tmx::tbx::{self, TermBase};

use super::{Global, OutputFile, UsageError, parse_langs};

/// Find the recurring multi-word expressions of a language in the memory (2–6 words, ranked by
/// C-value, no function word or number at either edge) with their translations learned from the
/// memory's units, and write them as a list, a TBX-Basic term base, CSV or an OmegaT glossary.
///
/// Translations come from a word aligner trained on the memory's units of each language pair (in
/// this run) and the consistent phrase pairs of the units that contain the term; a translation is
/// kept when at least --min-support units render the term so.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit terms --from en                                  # the top 50 English terms, all languages
  tmkit terms --from en --to ru --min-count 5 --limit 20
  tmkit terms --from en -o terms.tbx                     # TBX-Basic (translate-toolkit, OmegaT)
  tmkit terms --from en --to az,ru,zh -o terms.csv
  tmkit terms --from en --to ru -o project/glossary/glossary.txt   # OmegaT's glossary folder")]
pub struct Args {
    /// Language of the terms.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Languages of the translations, comma-separated [default: every other language of the memory].
    #[arg(long, value_name = "L1,L2,…")]
    pub to: Option<String>,
    /// Fewest sentences a term must occur in (a sentence stored in several units counts once).
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: usize,
    /// Fewest units that must render a term the same way for the translation to be listed.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_support: usize,
    /// Most terms, the best by C-value.
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
    /// Output format [default: from the extension of FILE: .tbx, .csv, .txt/.tab/.utf8 (OmegaT's
    /// glossary); text on standard output].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// How language tags are written in TBX and CSV: bcp47 (en, az-Latn, zh-Hans) or region (en-US,
    /// az-AZ, ru-RU, zh-CN).
    #[arg(long, value_enum, default_value = "bcp47")]
    pub lang_style: super::export::Style,
    /// Output file (`-` = standard output).
    #[arg(short, long, default_value = "-", value_name = "FILE")]
    pub output: PathBuf,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A numbered list with counts and translations.
    Text,
    /// TBX-Basic (ISO 30042:2008 martif).
    Tbx,
    /// CSV (RFC 4180) with a header row.
    Csv,
    /// OmegaT's tab-separated glossary (one --to language).
    Omegat,
}

/// The format `--format` gives, else the output's extension.
fn format_of(output: &Path, given: Option<Format>) -> anyhow::Result<Format> {
    if let Some(format) = given {
        return Ok(format);
    }
    if output == Path::new("-") {
        return Ok(Format::Text);
    }
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("tbx") => Format::Tbx,
        Some("csv") => Format::Csv,
        Some("txt" | "tab" | "utf8") => Format::Omegat,
        _ => bail!(
            "{}: give --format text, tbx, csv or omegat, or a name ending in .tbx, .csv or .txt",
            output.display()
        ),
    })
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let format = format_of(&args.output, args.format)?;
    super::refuse_overwriting(&args.output, &[&global.tm])?;
    let from = Lang::parse(&args.from)?;
    if args.min_count == 0 || args.min_support == 0 {
        return Err(UsageError("--min-count and --min-support must be at least 1".into()).into());
    }
    let memory = super::open_existing(global)?;
    super::train::note_if_stale(&memory)?;
    let targets = match &args.to {
        Some(list) => parse_langs(list)?,
        None => super::memory_langs(&memory)?
            .into_iter()
            .filter(|l| l != &from)
            .collect(),
    };
    let mut wanted = vec![("--from", &from)];
    wanted.extend(targets.iter().map(|l| ("--to", l)));
    super::check_langs(&memory, global, &wanted)?;
    if format == Format::Omegat && targets.len() != 1 {
        return Err(UsageError(format!(
            "an OmegaT glossary holds one target language: give --to with one of {}",
            targets
                .iter()
                .map(Lang::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    let mut langs = vec![from.clone()];
    langs.extend(targets.iter().cloned());
    let filter = ExportFilter {
        langs: langs.clone(),
        require_all: false,
        min_confidence: None,
        status: None,
        since: None,
        until: None,
        article: None,
        document: None,
    };
    let mut corpus = TermCorpus {
        langs: langs.clone(),
        rows: Vec::new(),
    };
    for_each_unit::<anyhow::Error>(&memory, &filter, |unit| {
        corpus.rows.push(
            langs
                .iter()
                .map(|lang| {
                    unit.variants
                        .iter()
                        .find(|v| &v.lang == lang)
                        .map(|v| v.text.clone())
                })
                .collect(),
        );
        Ok(())
    })?;
    let options = TermOptions {
        min_count: args.min_count,
        limit: args.limit,
        min_support: args.min_support,
        ..TermOptions::default()
    };
    let found = terms::find_terms(&corpus, &options);
    let source = global.tm.file_name().map_or_else(
        || global.tm.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let base = TermBase {
        src: &from,
        targets: &targets,
        lang_style: match args.lang_style {
            super::export::Style::Bcp47 => LangStyle::Bcp47,
            super::export::Style::Region => LangStyle::Region,
        },
        source: &source,
    };
    let mut out = OutputFile::create(&args.output)?;
    let mut written = super::count(found.len() as u64, "term", "terms");
    match format {
        Format::Text => print_text(&mut out, &found, &from, corpus.rows.len())?,
        Format::Tbx => out = tbx::write_tbx(out, &found, &base)?,
        Format::Csv => tbx::write_csv(&mut out, &found, &base)?,
        Format::Omegat => {
            let entries = tbx::write_omegat(&mut out, &found, &base, &targets[0])?;
            let translated = found
                .iter()
                .filter(|t| t.translations.iter().any(|x| x.lang == targets[0]))
                .count();
            written = format!(
                "{} ({translated} of {} with a translation into {})",
                super::count(entries as u64, "entry", "entries"),
                super::count(found.len() as u64, "term", "terms"),
                targets[0]
            );
        }
    }
    out.commit()?;
    if args.output != Path::new("-") {
        eprintln!("wrote {written} to {}", args.output.display());
    }
    Ok(())
}

/// The numbered list: each term with its unit count and C-value, then one line per translation.
fn print_text(
    out: &mut impl Write,
    found: &[Term],
    from: &Lang,
    units: usize,
) -> anyhow::Result<()> {
    if found.is_empty() {
        writeln!(
            out,
            "no term of {from} occurs in enough units ({units} read)"
        )?;
        return Ok(());
    }
    writeln!(
        out,
        "{} of {from} from {}",
        super::count(found.len() as u64, "term", "terms"),
        super::count(units as u64, "unit", "units")
    )?;
    let width = found.len().to_string().len();
    for (i, term) in found.iter().enumerate() {
        writeln!(
            out,
            "\n{:>width$}. {}  ({}, C-value {:.1})",
            i + 1,
            term.text,
            super::count(term.count as u64, "sentence", "sentences"),
            term.c_value
        )?;
        for t in &term.translations {
            writeln!(
                out,
                "{:width$}  {:<8} {}  ({} of {})",
                "",
                t.lang.as_str(),
                t.text,
                t.support,
                t.total
            )?;
        }
    }
    Ok(())
}
