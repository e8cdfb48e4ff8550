//! `tmkit article`: list the articles of the memory, delete one with its units.

use std::io::Write;

use tmkit::curate;

use super::review::{UserArg, timestamp};
use super::{MemoryArg, WithMemory};

/// List the memory's articles (languages, units, units that need review) or delete one.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit article list
  tmkit article delete 2024-07-10-aliyev-chinese-delegation")]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// An article action.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the articles: slug, date, languages, units, units that need review.
    List(WithMemory<ListArgs>),
    /// Delete an article with its language versions, sentences and units.
    Delete(WithMemory<DeleteArgs>),
}

/// `article list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Print one JSON object per article (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// `article delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The article's slug.
    pub slug: String,
    #[command(flatten)]
    pub user: UserArg,
}

fn resolve(memory: MemoryArg, before: Option<std::path::PathBuf>) -> anyhow::Result<super::Global> {
    memory.resolve(before)
}

pub fn run(args: Args, before: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let mut out = super::stdout();
    match args.action {
        Action::List(w) => {
            let memory = super::open_existing(&resolve(w.memory, before)?)?;
            for a in memory.articles()? {
                if w.args.json {
                    serde_json::to_writer(&mut out, &a)?;
                    writeln!(out)?;
                } else {
                    writeln!(
                        out,
                        "{}  {}  {}  {} units, {} need review",
                        a.slug,
                        a.published.as_deref().unwrap_or("-"),
                        a.langs.join(","),
                        a.units,
                        a.needs_review
                    )?;
                }
            }
        }
        Action::Delete(w) => {
            let mut memory = super::open_existing_for_writing(&resolve(w.memory, before)?)?;
            let actor = w.args.user.actor()?;
            let at = timestamp(actor.at);
            let units = curate::delete_article(&mut memory, &w.args.slug, actor)?;
            if w.args.user.json {
                let value = serde_json::json!({ "action": "deleted", "article": w.args.slug, "units": units });
                writeln!(out, "{value}")?;
            } else {
                writeln!(
                    out,
                    "deleted article {} and its {units} units ({at})",
                    w.args.slug
                )?;
            }
        }
    }
    Ok(out.flush()?)
}
