//! `tmkit pretranslate`: a draft translation of an article from the memory's best matches.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tmkit::search::{self, Draft};
use tmkit::tmx::xliff::{DraftMatch, DraftUnit, XliffWriter};
use tmkit::tmx::{LangStyle, TmxWriter, WriteHeader};
use tmkit::unit::{NewUnit, NewVariant, Origin, Prop};
use tmkit::{Lang, Memory, fuzzy};

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
    /// Output format [default: from the extension of FILE (.tmx, .xlf, .xliff), else tsv].
    #[arg(long, value_enum)]
    pub format: Option<Format>,
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
    fn of(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("tmx") => Format::Tmx,
            Some("xlf" | "xliff") => Format::Xliff,
            _ => Format::Tsv,
        }
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
    let sentences =
        super::analyze::sentences_of(&args.article.article, &from, args.article.presegmented)?;
    let memory = Memory::open(&global.tm)
        .with_context(|| format!("cannot open the memory {}", global.tm.display()))?;
    memory.prepare_lookups()?;
    let drafts = search::pretranslate(
        &memory,
        &sentences,
        &from,
        &to,
        args.min_score as f32 / 100.0,
    )?;
    let out = OutputFile::create(&args.output)?;
    let out = match args.format.unwrap_or_else(|| Format::of(&args.output)) {
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
    out.commit()
        .with_context(|| format!("cannot write {}", super::display_path(&args.output)))
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
