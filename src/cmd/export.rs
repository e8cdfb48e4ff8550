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
///
/// Each TMX unit names its id in this memory (x-unit, as `tmkit review` takes it) and, when it needs
/// review, each reason (x-review-reason, e.g. 'number-mismatch (zh-Hans)'). A TSV export with
/// --status needs-review adds the columns tmkit:unit, tmkit:status and tmkit:reasons. Importing either
/// back into the same memory changes nothing; into another, it keeps status and reasons.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit export --from en --to az -o en-az.tmx                       # OmegaT, Okapi, translate-toolkit
  tmkit export --from en --to ru --lang-style region -o en-ru.tmx   # Trados Studio, memoQ
  tmkit export --langs en,az,ru,zh --require-all --status ok -o all.tmx
  tmkit export --format tsv --from en --to zh --min-confidence 0.8 -o en-zh.tsv
  tmkit export --format moses --from en --to az -o corpus      # corpus.en, corpus.az")]
pub struct Args {
    /// Output format [default: from the extension of FILE (.tmx, .tsv, .tab, .txt); tmx for '-' or a
    /// name without extension; another extension is refused].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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
    /// Output file (`-` = standard output); for moses, the prefix of the files (PREFIX.en, PREFIX.az:
    /// the language without script or region, unless two languages would then share a file name).
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

/// Checks the languages of `--langs`: each listed once, and enough of them in the memory for a unit to
/// qualify (all with --require-all, else two); others absent from the memory are a warning.
fn check_listed_langs(
    memory: &Memory,
    global: &Global,
    langs: &[Lang],
    require_all: bool,
) -> anyhow::Result<()> {
    let mut absent = Vec::new();
    for lang in langs {
        if !memory.has_lang(lang)? {
            absent.push(lang.as_str());
        }
    }
    if require_all || langs.len() - absent.len() < 2 {
        let wanted: Vec<(&str, &Lang)> = langs.iter().map(|l| ("--langs", l)).collect();
        return super::check_langs(memory, global, &wanted);
    }
    if !absent.is_empty() {
        eprintln!(
            "warning: the memory holds no text in {} (--langs)",
            absent.join(", ")
        );
    }
    Ok(())
}

/// The format `--format` gives, else the output's extension.
fn format_of(output: &Path, given: Option<Format>) -> anyhow::Result<Format> {
    if let Some(format) = given {
        return Ok(format);
    }
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    Ok(match extension.as_deref() {
        Some("tmx") | None => Format::Tmx,
        Some("tsv" | "tab" | "txt") => Format::Tsv,
        Some(other) => bail!(
            "{}: tmkit writes no .{other} file: give --format tmx, tsv or moses, or a name ending \
             in .tmx or .tsv",
            output.display()
        ),
    })
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let format = format_of(&args.output, args.format)?;
    super::refuse_overwriting(&args.output, &[&global.tm])?;
    let memory = super::open_existing(global)?;
    let (langs, require_all) = match (&args.from, &args.to, &args.langs) {
        (Some(from), Some(to), _) => {
            let pair = vec![Lang::parse(from)?, Lang::parse(to)?];
            super::check_langs(&memory, global, &[("--from", &pair[0]), ("--to", &pair[1])])?;
            (pair, true)
        }
        (_, _, Some(list)) => {
            let langs = parse_langs(list)?;
            if langs.is_empty() {
                bail!("--langs names no language");
            }
            check_listed_langs(&memory, global, &langs, args.require_all)?;
            (langs, args.require_all)
        }
        _ => (Vec::new(), false),
    };
    if let Some(c) = args.min_confidence.filter(|c| !(0.0..=1.0).contains(c)) {
        bail!("--min-confidence must be between 0 and 1, found {c}");
    }
    let filter = ExportFilter {
        langs: langs.clone(),
        require_all: require_all || format == Format::Moses,
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
    let (count, written) = match format {
        Format::Tmx => (
            export_tmx(&memory, &filter, style, &args.output, tick)?,
            vec![args.output.clone()],
        ),
        Format::Tsv => (
            export_tsv(&memory, &filter, style, &args.output, tick)?,
            vec![args.output.clone()],
        ),
        Format::Moses => export_moses(&memory, &filter, &args.output, &global.tm, tick)?,
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.output != Path::new("-") {
        let names: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "exported {count} {} to {}",
            if count == 1 { "unit" } else { "units" },
            names.join(", ")
        );
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
    let mut tags: Vec<String> = filter
        .langs
        .iter()
        .map(|l| style.tag(l).into_owned())
        .collect();
    // A review export says which unit each line is and why it needs review.
    let review = filter.status == Some(Status::NeedsReview);
    if review {
        tags.extend(tsv::REVIEW_COLUMNS.map(String::from));
    }
    tsv::write_header(&mut out, &tags)?;
    let mut n = 0;
    let count = for_each_unit::<anyhow::Error>(memory, filter, |unit: &NewUnit| {
        tsv::write_unit(&mut out, &filter.langs, unit, review)?;
        n += 1;
        tick(n);
        Ok(())
    })?;
    out.commit()?;
    Ok(count)
}

/// The Moses files of `prefix`: `prefix.en`, `prefix.az`, named for the language without script or
/// region (as Moses and most corpus tools expect), or by the full tag when two languages share one.
fn moses_paths(prefix: &Path, langs: &[Lang]) -> Vec<PathBuf> {
    langs
        .iter()
        .map(|lang| {
            let shared = langs
                .iter()
                .filter(|l| l.language() == lang.language())
                .count()
                > 1;
            let suffix = if shared {
                lang.as_str()
            } else {
                lang.language()
            };
            let mut name = prefix.as_os_str().to_owned();
            name.push(format!(".{suffix}"));
            PathBuf::from(name)
        })
        .collect()
}

/// Writes one file per language; returns the count and the files written.
fn export_moses(
    memory: &Memory,
    filter: &ExportFilter,
    output: &Path,
    tm: &Path,
    mut tick: impl FnMut(u64),
) -> anyhow::Result<(u64, Vec<PathBuf>)> {
    need_langs(filter, "moses")?;
    if output == Path::new("-") {
        bail!("--format moses writes one file per language: give -o PREFIX");
    }
    let paths = moses_paths(output, &filter.langs);
    let mut files = Vec::new();
    for path in &paths {
        super::refuse_overwriting(path, &[tm])?;
        files.push(OutputFile::create(path)?);
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
    Ok((count, paths))
}
