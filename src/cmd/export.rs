//! `tmkit export`: the memory as TMX 1.4b, TSV or Moses parallel text, filtered and streamed.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::tm::{ExportFilter, for_each_unit};
use tmkit::tmx::{LangStyle, TmxWriter, WriteHeader, tsv};
use tmkit::unit::{NewUnit, Status};
use tmkit::{Lang, Memory};

use super::{Global, OutputFile, parse_langs};

/// Export the memory as TMX 1.4b (validates against the TMX 1.4b DTD), TSV or Moses parallel text.
///
/// A bilingual export (--from/--to) holds only units that have both languages. A multilingual one
/// (--langs) holds the units with at least two of the languages, or only the complete ones with
/// --require-all. Without either, every unit in every language is exported (srclang="*all*").
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit export --from en --to az -o en-az.tmx                       # OmegaT, Okapi, translate-toolkit
  tmkit export --from en --to ru --lang-style region -o en-ru.tmx   # Trados Studio, memoQ
  tmkit export --langs en,az,ru,zh --require-all --status ok -o all.tmx
  tmkit export --format tsv --from en --to zh --min-confidence 0.8 -o en-zh.tsv
  tmkit export --format moses --from en --to az -o corpus      # corpus.en, corpus.az")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "tmx")]
    pub format: Format,
    /// Source language of a bilingual export.
    #[arg(long, requires = "to", conflicts_with = "langs", value_name = "LANG")]
    pub from: Option<String>,
    /// Target language of a bilingual export.
    #[arg(long, requires = "from", value_name = "LANG")]
    pub to: Option<String>,
    /// Languages of a multilingual export, comma-separated; the first is the source language.
    #[arg(long, value_name = "L1,L2,…")]
    pub langs: Option<String>,
    /// With --langs: keep only units that have every listed language.
    #[arg(long)]
    pub require_all: bool,
    /// How language tags are written: bcp47 (en, az-Latn, zh-Hans) or region (en-US, az-AZ, ru-RU,
    /// zh-CN, as Trados Studio and memoQ expect).
    #[arg(long, value_enum, default_value = "bcp47")]
    pub lang_style: Style,
    /// Leave out aligned units whose alignment confidence is below this (0–1); units without a
    /// confidence (imported, manual) are kept.
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f32>,
    /// Which units by status.
    #[arg(long, value_enum, default_value = "any")]
    pub status: StatusArg,
    /// Only units changed on or after this date (YYYY-MM-DD or YYYYMMDDThhmmssZ, UTC).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only units changed on or before this date (a day includes all of it).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only units aligned from this article (its slug).
    #[arg(long, value_name = "SLUG")]
    pub article: Option<String>,
    /// Only units with a variant aligned from this document (its source path as stored).
    #[arg(long, value_name = "PATH")]
    pub document: Option<String>,
    /// Output file (`-` = standard output); for moses, the prefix of the files (PREFIX.en, PREFIX.az).
    #[arg(short, long, default_value = "-", value_name = "FILE")]
    pub output: PathBuf,
}

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.4b.
    Tmx,
    /// Tab-separated, first line naming the languages.
    Tsv,
    /// One file per language, line-aligned (needs -o PREFIX).
    Moses,
}

/// A language tag style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Style {
    /// en, az-Latn, ru, zh-Hans.
    Bcp47,
    /// en-US, az-AZ, ru-RU, zh-CN.
    Region,
}

/// A status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusArg {
    /// Usable units only.
    Ok,
    /// Units that need review only.
    NeedsReview,
    /// Every unit.
    Any,
}

/// Parses `YYYY-MM-DD` (start of the day, or its end when `end_of_day`) or a TMX date.
fn parse_day(value: &str, end_of_day: bool) -> anyhow::Result<i64> {
    if let Some(t) = tmkit::tmx::parse_date(value) {
        return Ok(t);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(value, &format).with_context(|| {
        format!("'{value}' is not a date: expected YYYY-MM-DD or YYYYMMDDThhmmssZ")
    })?;
    let start = date.midnight().assume_utc().unix_timestamp();
    Ok(if end_of_day { start + 86_399 } else { start })
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let memory = Memory::open(&global.tm)
        .with_context(|| format!("cannot open the memory {}", global.tm.display()))?;
    let (langs, require_all) = match (&args.from, &args.to, &args.langs) {
        (Some(from), Some(to), _) => {
            let pair = vec![Lang::parse(from)?, Lang::parse(to)?];
            if pair[0] == pair[1] {
                bail!("--from and --to are the same language ({})", pair[0]);
            }
            (pair, true)
        }
        (_, _, Some(list)) => {
            let langs = parse_langs(list)?;
            if langs.is_empty() {
                bail!("--langs names no language");
            }
            (langs, args.require_all)
        }
        _ => (Vec::new(), false),
    };
    if let Some(c) = args.min_confidence.filter(|c| !(0.0..=1.0).contains(c)) {
        bail!("--min-confidence must be between 0 and 1, found {c}");
    }
    let filter = ExportFilter {
        langs: langs.clone(),
        require_all: require_all || args.format == Format::Moses,
        min_confidence: args.min_confidence,
        status: match args.status {
            StatusArg::Ok => Some(Status::Ok),
            StatusArg::NeedsReview => Some(Status::NeedsReview),
            StatusArg::Any => None,
        },
        since: args
            .since
            .as_deref()
            .map(|d| parse_day(d, false))
            .transpose()?,
        until: args
            .until
            .as_deref()
            .map(|d| parse_day(d, true))
            .transpose()?,
        article: args.article.clone(),
        document: args.document.clone(),
    };
    let style = match args.lang_style {
        Style::Bcp47 => LangStyle::Bcp47,
        Style::Region => LangStyle::Region,
    };
    let bar = super::import::progress_bar("exporting");
    let tick = |n: u64| {
        if n.is_multiple_of(1000)
            && let Some(bar) = &bar
        {
            bar.set_position(n);
        }
    };
    let count = match args.format {
        Format::Tmx => export_tmx(&memory, &filter, style, &args.output, tick)?,
        Format::Tsv => export_tsv(&memory, &filter, style, &args.output, tick)?,
        Format::Moses => export_moses(&memory, &filter, style, &args.output, tick)?,
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.output != Path::new("-") {
        eprintln!("exported {count} units to {}", args.output.display());
    }
    Ok(())
}

fn export_tmx(
    memory: &Memory,
    filter: &ExportFilter,
    style: LangStyle,
    output: &Path,
    mut tick: impl FnMut(u64),
) -> anyhow::Result<u64> {
    // A srclang every unit has: the first language when all units have it, else *all*.
    let srclang = if filter.require_all || filter.langs.len() == 2 {
        filter.langs.first().cloned()
    } else {
        None
    };
    let header = WriteHeader {
        srclang,
        creationdate: tmkit::tm::now(),
        lang_style: style,
    };
    let mut writer = TmxWriter::new(OutputFile::create(output)?, &header)?;
    let mut n = 0;
    let count = for_each_unit::<anyhow::Error>(memory, filter, |unit| {
        writer.write_unit(unit)?;
        n += 1;
        tick(n);
        Ok(())
    })?;
    if writer.dropped_chars() > 0 {
        eprintln!(
            "warning: {} characters that XML 1.0 cannot carry (control characters, U+FFFE/U+FFFF …) were left out",
            writer.dropped_chars()
        );
    }
    writer.finish()?.commit()?;
    Ok(count)
}

fn need_langs(filter: &ExportFilter, format: &str) -> anyhow::Result<()> {
    if filter.langs.len() < 2 {
        bail!("--format {format} needs the languages: --from L1 --to L2 or --langs L1,L2,…");
    }
    Ok(())
}

fn export_tsv(
    memory: &Memory,
    filter: &ExportFilter,
    style: LangStyle,
    output: &Path,
    mut tick: impl FnMut(u64),
) -> anyhow::Result<u64> {
    need_langs(filter, "tsv")?;
    let mut out = OutputFile::create(output)?;
    let tags: Vec<String> = filter
        .langs
        .iter()
        .map(|l| style.tag(l).into_owned())
        .collect();
    tsv::write_header(&mut out, &tags)?;
    let mut n = 0;
    let count = for_each_unit::<anyhow::Error>(memory, filter, |unit: &NewUnit| {
        tsv::write_unit(&mut out, &filter.langs, unit)?;
        n += 1;
        tick(n);
        Ok(())
    })?;
    out.commit()?;
    Ok(count)
}

fn export_moses(
    memory: &Memory,
    filter: &ExportFilter,
    style: LangStyle,
    output: &Path,
    mut tick: impl FnMut(u64),
) -> anyhow::Result<u64> {
    need_langs(filter, "moses")?;
    if output == Path::new("-") {
        bail!("--format moses writes one file per language: give -o PREFIX");
    }
    let mut files = Vec::new();
    for lang in &filter.langs {
        let mut name = output.as_os_str().to_owned();
        name.push(format!(".{}", style.tag(lang)));
        files.push(OutputFile::create(Path::new(&name))?);
    }
    let mut n = 0;
    let count = for_each_unit::<anyhow::Error>(memory, filter, |unit: &NewUnit| {
        for (file, lang) in files.iter_mut().zip(&filter.langs) {
            let text = unit
                .variants
                .iter()
                .find(|v| &v.lang == lang)
                .map_or(String::new(), |v| tsv::moses_line(&v.text));
            writeln!(file, "{text}")?;
        }
        n += 1;
        tick(n);
        Ok(())
    })?;
    for file in files {
        file.commit()?;
    }
    Ok(count)
}
