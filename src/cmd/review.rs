//! `tmkit review`: the review workflow — list the units that need review with their reasons, show
//! one with its neighbours, approve, edit, split, merge, delete.

use std::io::Write;

use anyhow::{Context, bail};
use tmkit::Lang;
use tmkit::curate::{self, UnitView};
use tmkit::tm::review::{Actor, QueueFilter, UnitRecord};
use tmkit::unit::Check;

use super::{Global, MemoryArg, WithMemory};

/// Review the units the aligner flagged: list them with their reasons, show one with its neighbours
/// in the article, approve, edit, split, merge or delete them.
///
/// Every change is one transaction and records who (--user, default $USER) and when on the unit
/// (TMX changeid/changedate, which export writes) and in the unit's review log (review show).
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit review list --reason number
  tmkit review show 42
  tmkit review approve 42 43 44
  tmkit review edit 42 --lang ru \"Баку, 10 июля, АЗЕРТАДЖ.\"
  tmkit review split 42 en=1 ru=1 az=1
  tmkit review merge 42 43
  tmkit review delete 44")]
pub struct Args {
    #[command(subcommand)]
    pub action: Action,
}

/// A review action.
#[derive(Debug, clap::Subcommand)]
pub enum Action {
    /// List the units that need review: id, article, confidence, reasons and texts.
    List(WithMemory<ListArgs>),
    /// Show a unit with its neighbours in the article, its reasons and its review log.
    Show(WithMemory<ShowArgs>),
    /// Approve units: status ok, approved by --user now.
    Approve(WithMemory<IdsArgs>),
    /// Set one language's text of a unit (adds the language when the unit has none).
    Edit(WithMemory<EditArgs>),
    /// Split a unit where the aligner joined sentences: in each language the first N sentences stay,
    /// the rest make a new unit right after it.
    Split(WithMemory<SplitArgs>),
    /// Merge two neighbouring units of an article that the aligner cut apart.
    Merge(WithMemory<MergeArgs>),
    /// Delete units.
    Delete(WithMemory<IdsArgs>),
}

/// The reason filter of `review list`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReasonArg {
    /// A number on one side is missing on the other.
    Number,
    /// The length ratio is far from the pair's usual one.
    Length,
    /// Alignment confidence below 0.9.
    Confidence,
    /// A name without counterpart.
    Name,
    /// The pairs cut the source differently.
    Pivot,
    /// An alignment of the article had a warning.
    Article,
}

impl ReasonArg {
    fn check(self) -> Check {
        match self {
            ReasonArg::Number => Check::NumberMismatch,
            ReasonArg::Length => Check::LengthOutlier,
            ReasonArg::Confidence => Check::LowConfidence,
            ReasonArg::Name => Check::NameMismatch,
            ReasonArg::Pivot => Check::PivotDisagreement,
            ReasonArg::Article => Check::DoubtfulArticle,
        }
    }
}

/// `review list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only units with this reason.
    #[arg(long, value_enum)]
    pub reason: Option<ReasonArg>,
    /// Only units of this article (its slug, see `tmkit article list`).
    #[arg(long, value_name = "SLUG")]
    pub article: Option<String>,
    /// Print one JSON object per unit (JSON Lines).
    #[arg(long)]
    pub json: bool,
}

/// `review show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The unit's id.
    pub id: i64,
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// Who makes a change.
#[derive(Debug, clap::Args)]
pub struct UserArg {
    /// Who makes the change (TMX changeid) [default: $USER].
    #[arg(long)]
    pub user: Option<String>,
    /// Print the result as JSON.
    #[arg(long)]
    pub json: bool,
}

impl UserArg {
    /// Who makes the change (--user, else $USER), now.
    ///
    /// # Errors
    /// Neither --user nor USER is given.
    pub fn actor(&self) -> anyhow::Result<Actor> {
        let user = match &self.user {
            Some(user) => user.clone(),
            None => std::env::var("USER")
                .ok()
                .filter(|u| !u.trim().is_empty())
                .context(
                    "give --user NAME: USER is not set, and every change records who made it",
                )?,
        };
        Ok(Actor {
            user,
            at: tmkit::tm::now(),
        })
    }
}

/// `review approve` and `review delete`.
#[derive(Debug, clap::Args)]
pub struct IdsArgs {
    /// The units' ids.
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    #[command(flatten)]
    pub user: UserArg,
}

/// `review edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The unit's id.
    pub id: i64,
    /// The language whose text is set.
    #[arg(long)]
    pub lang: String,
    /// The new text.
    pub text: String,
    #[command(flatten)]
    pub user: UserArg,
}

/// `review split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// The unit's id.
    pub id: i64,
    /// LANG=N: the first N sentences of LANG stay in the unit. Every language with more than one
    /// sentence needs one; a language of one sentence not named stays.
    #[arg(required = true, value_name = "LANG=N")]
    pub keep: Vec<String>,
    #[command(flatten)]
    pub user: UserArg,
}

/// `review merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// One unit.
    pub first: i64,
    /// Its neighbour in the article (before or after it).
    pub second: i64,
    #[command(flatten)]
    pub user: UserArg,
}

fn global(memory: MemoryArg, before: Option<std::path::PathBuf>) -> anyhow::Result<Global> {
    memory.resolve(before)
}

pub fn run(args: Args, before: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    match args.action {
        Action::List(w) => list(w.args, &global(w.memory, before)?),
        Action::Show(w) => show(w.args, &global(w.memory, before)?),
        Action::Approve(w) => {
            let mut memory = super::open_existing_for_writing(&global(w.memory, before)?)?;
            curate::approve(&mut memory, &w.args.ids, w.args.user.actor()?)?;
            done(&w.args.user, "approved", &w.args.ids)
        }
        Action::Delete(w) => {
            let mut memory = super::open_existing_for_writing(&global(w.memory, before)?)?;
            curate::delete(&mut memory, &w.args.ids, w.args.user.actor()?)?;
            done(&w.args.user, "deleted", &w.args.ids)
        }
        Action::Edit(w) => {
            let lang = Lang::parse(&w.args.lang)?;
            let mut memory = super::open_existing_for_writing(&global(w.memory, before)?)?;
            curate::edit(
                &mut memory,
                w.args.id,
                &lang,
                &w.args.text,
                w.args.user.actor()?,
            )?;
            done(&w.args.user, "edited", &[w.args.id])
        }
        Action::Split(w) => {
            let keep = w
                .args
                .keep
                .iter()
                .map(|k| split_point(k))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let mut memory = super::open_existing_for_writing(&global(w.memory, before)?)?;
            let new = curate::split(&mut memory, w.args.id, &keep, w.args.user.actor()?)?;
            done(&w.args.user, "split", &[w.args.id, new])
        }
        Action::Merge(w) => {
            let mut memory = super::open_existing_for_writing(&global(w.memory, before)?)?;
            let kept = curate::merge(
                &mut memory,
                w.args.first,
                w.args.second,
                w.args.user.actor()?,
            )?;
            done(&w.args.user, "merged into", &[kept])
        }
    }
}

/// `en=1` → (en, 1).
fn split_point(arg: &str) -> anyhow::Result<(Lang, usize)> {
    let Some((lang, n)) = arg.split_once('=') else {
        bail!("'{arg}' is not LANG=N (e.g. en=1): say how many sentences of LANG stay");
    };
    let n: usize = n
        .parse()
        .with_context(|| format!("'{arg}': '{n}' is not a number of sentences"))?;
    Ok((Lang::parse(lang)?, n))
}

/// Says what was done: `approved 3 units: 4 5 6`, or `{"action":"approved","units":[4,5,6]}`.
fn done(user: &UserArg, action: &str, ids: &[i64]) -> anyhow::Result<()> {
    let mut out = super::stdout();
    if user.json {
        let value = serde_json::json!({ "action": action, "units": ids });
        writeln!(out, "{value}")?;
    } else {
        let list: Vec<String> = ids.iter().map(i64::to_string).collect();
        writeln!(out, "{action} unit {}", list.join(" "))?;
    }
    Ok(out.flush()?)
}

fn list(args: ListArgs, global: &Global) -> anyhow::Result<()> {
    let memory = super::open_existing(global)?;
    let filter = QueueFilter {
        check: args.reason.map(ReasonArg::check),
        article: args.article,
    };
    let units = memory.review_queue(&filter)?;
    let mut out = super::stdout();
    for unit in &units {
        if args.json {
            serde_json::to_writer(&mut out, unit)?;
            writeln!(out)?;
        } else {
            write_unit(&mut out, unit, "")?;
        }
    }
    if !args.json {
        writeln!(out, "{} units need review", units.len())?;
    }
    Ok(out.flush()?)
}

fn show(args: ShowArgs, global: &Global) -> anyhow::Result<()> {
    let memory = super::open_existing(global)?;
    let view: UnitView = curate::show(&memory, args.id)?;
    let mut out = super::stdout();
    if args.json {
        serde_json::to_writer(&mut out, &view)?;
        writeln!(out)?;
        return Ok(out.flush()?);
    }
    if let Some(before) = &view.before {
        writeln!(out, "before:")?;
        write_unit(&mut out, before, "  ")?;
    }
    write_unit(&mut out, &view.unit, "")?;
    let u = &view.unit;
    writeln!(
        out,
        "      changed {}{}",
        timestamp(u.changed_at),
        u.changed_by
            .as_deref()
            .map(|b| format!(" by {b}"))
            .unwrap_or_default()
    )?;
    if let (Some(at), Some(by)) = (u.approved_at, &u.approved_by) {
        writeln!(out, "      approved {} by {by}", timestamp(at))?;
    }
    for entry in &view.log {
        writeln!(
            out,
            "      {} {} by {}{}",
            timestamp(entry.at),
            entry.action,
            entry.user,
            if entry.detail.is_empty() {
                String::new()
            } else {
                format!(": {}", entry.detail)
            }
        )?;
    }
    if let Some(after) = &view.after {
        writeln!(out, "after:")?;
        write_unit(&mut out, after, "  ")?;
    }
    Ok(out.flush()?)
}

/// One unit: a line `ID status confidence article reasons`, then one line per variant with its
/// sentence numbers (1-based) in the article.
fn write_unit(out: &mut impl Write, unit: &UnitRecord, indent: &str) -> anyhow::Result<()> {
    let reasons: Vec<String> = unit.reasons.iter().map(|r| r.to_string()).collect();
    let mut status = unit.status.as_str().to_string();
    if unit.approved_at.is_some() && unit.status == tmkit::unit::Status::Ok {
        status = "approved".into();
    }
    writeln!(
        out,
        "{indent}unit {}  {status}  confidence {}  {}{}",
        unit.id,
        unit.confidence
            .map_or_else(|| "-".to_string(), |c| format!("{c:.2}")),
        unit.article.as_deref().unwrap_or(unit.origin.as_str()),
        if reasons.is_empty() {
            String::new()
        } else {
            format!("  [{}]", reasons.join("; "))
        }
    )?;
    for v in &unit.variants {
        let at = if v.sentences.is_empty() {
            String::new()
        } else {
            let n: Vec<String> = v.sentences.iter().map(|p| (p + 1).to_string()).collect();
            format!(" #{}", n.join(","))
        };
        writeln!(out, "{indent}  {:<8}{at:<6} {}", v.lang.as_str(), v.text)?;
    }
    Ok(())
}

/// Unix seconds as `YYYY-MM-DD HH:MM UTC`.
pub fn timestamp(unix: i64) -> String {
    match time::OffsetDateTime::from_unix_timestamp(unix) {
        Ok(t) => format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            t.year(),
            u8::from(t.month()),
            t.day(),
            t.hour(),
            t.minute()
        ),
        Err(_) => unix.to_string(),
    }
}
