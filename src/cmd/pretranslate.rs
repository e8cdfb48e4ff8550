//! `tmkit pretranslate`: a draft translation of an article from the memory's best matches.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::bail;
use tmkit::Lang;
use tmkit::search::{self, Draft};
use tmkit::tmx::xliff::{DraftUnit, TargetStyle, XliffWriter};
use tmkit::tmx::{LangStyle, TmxWriter, WriteHeader};

use super::{Global, OutputFile};

/// Write a draft translation of an article: for every sentence the best stored translation (adapted
/// to changed numbers and dates where possible), with the score and where the match came from.
///
/// TSV columns: source, target (empty when nothing matched), score in percent (0 when nothing
/// matched), origin (exact / fuzzy / adapted / none), unit id, article of the match, the unit's
/// review state (ok, approved, needs-review).
/// TMX 1.4b: one <tu> per matched sentence holding the matched unit's own source and target (so a CAT
/// tool scores it against the new sentence as a fuzzy match, and importing the draft adds no 100%
/// match for text that was not translated), with x-score, x-match, x-unit, x-article and x-review
/// props and the new sentence in a note. Matches of units that need review are left out (a CAT tool
/// inserts every exact match of a TMX in its automatic folder and reads no review prop) unless
/// --with-needs-review.
/// XLIFF 1.2: one <trans-unit> per sentence; <target state> says exact or fuzzy (a unit that needs
/// review is never written as translated), approved="yes" marks an approved exact match, <alt-trans
/// match-quality> holds the stored match.
/// XLIFF for OmegaT (--format xliff-omegat): OmegaT 3.6's own XLIFF filter translates the text of
/// each <target> and never reads it as a translation, so every <target> is a copy of its <source> (each
/// sentence a segment); put the TMX draft in the project's tm/auto/ for the matches.
///
/// --min-score defaults to 75, the lowest fuzzy match CAT tools insert into a draft by default (OmegaT,
/// Trados and memoQ all use 70–75%): below it, fixing a match costs more than translating.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit pretranslate samples/2024-07-10-aliyev-chinese-delegation/en.txt --from en --to az -o draft.tsv
  tmkit pretranslate article.txt --from en --to ru --min-score 75 -o -
  tmkit pretranslate article.txt --from en --to zh -o draft.xlf      (format from the extension)
  tmkit pretranslate article.txt --from en --to az --format tmx -o draft.tmx
  tmkit pretranslate article.txt --from en --to ru --format xliff-omegat -o omegat/source/article.xlf
  tmkit pretranslate article.txt --from en --to ru -o omegat/tm/auto/article.tmx   (its matches)")]
pub struct Args {
    #[command(flatten)]
    pub article: super::ArticleArgs,
    /// Lowest score used, in percent.
    #[arg(long, default_value_t = 75, value_parser = clap::value_parser!(u32).range(1..=100))]
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
    /// Keep the matches of units that need review in a TMX draft (left out by default: OmegaT's
    /// tm/auto/ would insert their exact matches as trusted translations).
    #[arg(long)]
    pub with_needs_review: bool,
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
    /// XLIFF 1.2 for OmegaT's own filter: every target a copy of its source.
    XliffOmegat,
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
        Format::Tmx => {
            let left_out = drafts
                .iter()
                .filter(|d| d.matched().is_some_and(|m| m.needs_review))
                .count();
            if left_out > 0 && !args.with_needs_review {
                eprintln!(
                    "left out {} of units that need review (a CAT tool would insert \
                     them as trusted); --with-needs-review keeps them",
                    super::count(left_out as u64, "match", "matches")
                );
            }
            write_tmx(out, &drafts, &from, &to, args.with_needs_review)?
        }
        Format::Xliff | Format::XliffOmegat => {
            let original = args
                .article
                .article
                .file_name()
                .map_or_else(|| "-".into(), |n| n.to_string_lossy());
            let style = if format == Format::XliffOmegat {
                TargetStyle::SourceCopy
            } else {
                TargetStyle::Draft
            };
            let mut writer = XliffWriter::new(out, &from, &to, &original)?.with_target_style(style);
            for d in &drafts {
                writer.write_unit(&DraftUnit {
                    source: &d.source,
                    best: d.matched(),
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
    writeln!(out, "{from}\t{to}\tscore\torigin\tunit\tarticle\tstatus")?;
    for d in drafts {
        match d.matched() {
            Some(m) => writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                clean(&d.source),
                clean(m.target),
                m.percent,
                m.kind(),
                m.unit,
                m.article.unwrap_or(""),
                m.review_status()
            )?,
            None => writeln!(out, "{}\t\t0\tnone\t\t\t", clean(&d.source))?,
        }
    }
    Ok(out)
}

/// One `<tu>` per matched sentence: the matched unit's own source and stored target (never the new
/// sentence with an old target, which a CAT tool would take for an exact match), the match as props
/// and the new sentence in a note; matches of units that need review only `with_needs_review`.
fn write_tmx(
    out: OutputFile,
    drafts: &[Draft],
    from: &Lang,
    to: &Lang,
    with_needs_review: bool,
) -> anyhow::Result<OutputFile> {
    let header = WriteHeader {
        srclang: Some(from.clone()),
        creationdate: tmkit::tm::now(),
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(out, &header)?;
    for unit in drafts
        .iter()
        .filter_map(|d| d.tmx_unit(from, to, with_needs_review))
    {
        writer.write_unit(&unit)?;
    }
    Ok(writer.finish()?)
}
