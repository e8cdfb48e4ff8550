//! `tmkit pretranslate`: a draft translation of an article from the memory's best matches.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tmkit::{Lang, Memory, fuzzy};

use super::{Global, OutputFile};

/// Write a draft translation of an article: for every sentence the best stored translation (adapted
/// to changed numbers where possible), as TSV with the score and where the match came from.
///
/// Columns: source, target (empty when nothing matched), score in percent (0 when nothing matched),
/// origin (exact / fuzzy / adapted / none), unit id, article of the match.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit pretranslate samples/2024-07-10-aliyev-chinese-delegation/en.txt --from en --to az -o draft.tsv
  tmkit pretranslate article.txt --from en --to ru --min-score 75 -o -")]
pub struct Args {
    #[command(flatten)]
    pub article: super::ArticleArgs,
    /// Lowest score used, in percent.
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub min_score: u32,
    /// The draft (TSV); '-' for standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

fn clean(text: &str) -> String {
    text.replace(['\t', '\n', '\r'], " ")
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    let from = Lang::parse(&args.article.from)?;
    let to = Lang::parse(&args.article.to)?;
    let sentences =
        super::analyze::sentences_of(&args.article.article, &from, args.article.presegmented)?;
    let memory = Memory::open(&global.tm)
        .with_context(|| format!("cannot open the memory {}", global.tm.display()))?;
    memory.prepare_lookups()?;
    let drafts = memory.pretranslate(&sentences, &from, &to, args.min_score as f32 / 100.0)?;
    let mut out = OutputFile::create(&args.output)?;
    writeln!(out, "{}\t{}\tscore\torigin\tunit\tarticle", from, to)?;
    for d in &drafts {
        match &d.best {
            Some(m) => {
                let percent = fuzzy::percent(m.score);
                let origin = if m.adapted {
                    "adapted"
                } else if percent == 100 {
                    "exact"
                } else {
                    "fuzzy"
                };
                writeln!(
                    out,
                    "{}\t{}\t{percent}\t{origin}\t{}\t{}",
                    clean(&d.source),
                    clean(&m.target),
                    m.unit,
                    m.article.as_deref().unwrap_or("")
                )?;
            }
            None => writeln!(out, "{}\t\t0\tnone\t\t", clean(&d.source))?,
        }
    }
    out.commit()
        .with_context(|| format!("cannot write {}", super::display_path(&args.output)))
}
