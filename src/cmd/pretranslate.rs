//! `tmkit pretranslate`: a draft translation of an article from the memory's best matches.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tmkit::search::{self, Draft};
use tmkit::tmx::xliff::{DraftMatch, DraftUnit, XliffWriter};
use tmkit::tmx::{LangStyle, TmxWriter, WriteHeader};
use tmkit::unit::{NewUnit, NewVariant, Origin, Prop};
use tmkit::{Lang, fuzzy};

use super::{Global, OutputFile};

/// Write a draft translation of an article: for every sentence the best stored translation (adapted
/// to changed numbers and dates where possible), with the score and where the match came from.
///
/// TSV columns: source, target (empty when nothing matched), score in percent (0 when nothing
/// matched), origin (exact / fuzzy / adapted / none), unit id, article of the match.
/// TMX 1.4b: one <tu> per matched sentence, with x-score, x-match, x-unit and x-article props.
/// XLIFF 1.2: one <trans-unit> per sentence; <target state> says exact or fuzzy, <alt-trans
/// match-quality> holds the stored match.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit pretranslate samples/2024-07-10-aliyev-chinese-delegation/en.txt --from en --to az -o draft.tsv
  tmkit pretranslate article.txt --from en --to ru --min-score 75 -o -
  tmkit pretranslate article.txt --from en --to zh -o draft.xlf      (format from the extension)
  tmkit pretranslate article.txt --from en --to az --format tmx -o draft.tmx")]
pub struct Args {
    #[command(flatten)]
    pub article: super::ArticleArgs,
    /// Lowest score used, in percent.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub min_score: u32,
    /// The draft; '-' for standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Output format [default: from the extension of FILE (.tmx, .xlf, .xliff, .tsv, .txt); tsv for
    /// '-' or a name without extension; another extension is refused].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Threads looking the sentences up [default: all cores]; the output does not depend on it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub threads: Option<u32>,
}

/// The draft's file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Tab-separated values with a header line.
    Tsv,
    /// TMX 1.4b: the matched sentences as units.
    Tmx,
    /// XLIFF 1.2: every sentence as a trans-unit.
    Xliff,
}

impl Format {
    /// The format `--format` gives, else the output's extension: .tmx, .xlf/.xliff, .tsv/.tab/.txt, and
    /// TSV for standard output or a name without extension.
    fn of(path: &Path, given: Option<Format>) -> anyhow::Result<Format> {
        if let Some(format) = given {
            return Ok(format);
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        Ok(match extension.as_deref() {
            Some("tmx") => Format::Tmx,
            Some("xlf" | "xliff") => Format::Xliff,
            Some("tsv" | "tab" | "txt") | None => Format::Tsv,
            Some(other) => bail!(
                "{}: tmkit writes no .{other} file: give --format tsv, tmx or xliff, or a name \
                 ending in .tsv, .tmx or .xlf",
                path.display()
            ),
        })
    }
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

/// The match of a draft as the writers describe it.
fn draft_match(d: &Draft) -> Option<DraftMatch<'_>> {
    d.best.as_ref().map(|m| DraftMatch {
        percent: fuzzy::percent(m.score),
        target: &m.target,
        adapted: m.adapted,
        stored_source: &m.source,
        stored_target: m.original_target.as_deref().unwrap_or(&m.target),
        unit: m.unit,
        article: m.article.as_deref(),
    })
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.article.from)?;
    let to = Lang::parse(&args.article.to)?;
    let format = Format::of(&args.output, args.format)?;
    super::refuse_overwriting(&args.output, &[&args.article.article, &global.tm])?;
    let memory = super::open_existing(global)?;
    super::check_langs(&memory, global, &[("--from", &from), ("--to", &to)])?;
    // The output first: a folder that cannot be written fails before the work, not after it.
    let out = OutputFile::create(&args.output)?;
    let sentences =
        super::analyze::sentences_of(&args.article.article, &from, args.article.presegmented)?;
    memory.prepare_lookups()?;
    let threads = args.threads.map_or_else(search::all_cores, |n| n as usize);
    let readers = search::Readers::new(&memory, threads)?;
    let drafts = search::pretranslate(
        &readers,
        &sentences,
        &from,
        &to,
        args.min_score as f32 / 100.0,
    )?;
    let out = match format {
        Format::Tsv => write_tsv(out, &drafts, &from, &to)?,
        Format::Tmx => write_tmx(out, &drafts, &from, &to)?,
        Format::Xliff => {
            let original = args
                .article
                .article
                .file_name()
                .map_or_else(|| "-".into(), |n| n.to_string_lossy());
            let mut writer = XliffWriter::new(out, &from, &to, &original)?;
            for d in &drafts {
                writer.write_unit(&DraftUnit {
                    source: &d.source,
                    best: draft_match(d),
                })?;
            }
            writer.finish()?
        }
    };
    // commit names the file itself.
    out.commit()
}

fn write_tsv(
    mut out: OutputFile,
    drafts: &[Draft],
    from: &Lang,
    to: &Lang,
) -> anyhow::Result<OutputFile> {
    writeln!(out, "{from}\t{to}\tscore\torigin\tunit\tarticle")?;
    for d in drafts {
        match draft_match(d) {
            Some(m) => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                clean(&d.source),
                clean(m.target),
                m.percent,
                m.kind(),
                m.unit,
                m.article.unwrap_or("")
            )?,
            None => writeln!(out, "{}\t\t0\tnone\t\t", clean(&d.source))?,
        }
    }
    Ok(out)
}

/// One `<tu>` per matched sentence: the sentence and its draft target, with the match as props.
fn write_tmx(
    out: OutputFile,
    drafts: &[Draft],
    from: &Lang,
    to: &Lang,
) -> anyhow::Result<OutputFile> {
    let header = WriteHeader {
        srclang: Some(from.clone()),
        creationdate: tmkit::tm::now(),
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(out, &header)?;
    for d in drafts {
        let Some(m) = draft_match(d) else { continue };
        let mut unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(from.clone(), d.source.as_str()),
                NewVariant::new(to.clone(), m.target),
            ],
        );
        unit.props = vec![
            Prop::typed("x-score", m.percent.to_string()),
            Prop::typed("x-match", m.kind()),
            Prop::typed("x-unit", m.unit.to_string()),
        ];
        if let Some(article) = m.article {
            unit.props.push(Prop::typed("x-article", article));
        }
        if m.adapted {
            unit.props.push(Prop::note(format!(
                "adapted from the stored target: {}",
                m.stored_target
            )));
        }
        writer.write_unit(&unit)?;
    }
    Ok(writer.finish()?)
}
