//! `tmkit import`: TMX (1.1–1.4b, UTF-8 or UTF-16) and TSV files into the memory, one transaction per file.

use std::io::{BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use tmkit::ingest::import::{self, ImportReport};
use tmkit::tmx::tsv::TsvReader;
use tmkit::tmx::{Limits, TmxReader};

use super::{Global, count, display_path};

/// Import TMX or TSV files into the memory (duplicates are merged, not stored twice).
///
/// Each file is imported in one transaction: a bad unit rolls the whole file back, unless --skip-bad
/// is given, which skips bad units and reports each with its line.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  tmkit import memory.tmx
  tmkit import --skip-bad trados-export.tmx omegat/project_save.tmx
  tmkit import --format tsv glossary.txt     # first line: en<TAB>az
  tmkit import --list
  tmkit import --delete 3                    # the import and the units it brought")]
pub struct Args {
    /// The files' format; by default from the extension (.tmx → tmx, .tsv/.tab/.txt → tsv).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Skip units that are malformed (missing xml:lang, bad date, unknown element …) and report each,
    /// instead of rolling the file back. XML that is not well formed still stops the file.
    #[arg(long)]
    pub skip_bad: bool,
    /// Most languages one unit may have (a TSV header may name at most this many); a unit with more
    /// is a bad unit, a header with more stops the file.
    #[arg(long, value_name = "N", default_value_t = Limits::MAX_LANGS)]
    pub max_langs: usize,
    /// Most bytes of one segment's text; a longer segment is a bad unit. Text of more than this (and
    /// at least 64 KiB) without a tag stops a TMX file before it is read whole.
    #[arg(long, value_name = "BYTES", default_value_t = Limits::MAX_SEGMENT_BYTES)]
    pub max_segment_bytes: usize,
    /// The files to import.
    #[arg(required_unless_present_any = ["list", "delete"], value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// List the imports instead: id, date, units still stored, format, file.
    #[arg(long, conflicts_with_all = ["files", "delete"])]
    pub list: bool,
    /// Delete import ID and the units it brought, instead of importing.
    #[arg(long, value_name = "ID", conflicts_with = "files")]
    pub delete: Option<i64>,
    #[command(flatten)]
    pub user: super::review::UserArg,
}

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// TMX 1.1–1.4b.
    Tmx,
    /// Tab-separated, first line naming the languages.
    Tsv,
}

fn format_of(path: &Path, given: Option<Format>) -> anyhow::Result<Format> {
    if let Some(f) = given {
        return Ok(f);
    }
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("tmx") | Some("xml") => Ok(Format::Tmx),
        Some("tsv") | Some("tab") | Some("txt") => Ok(Format::Tsv),
        _ => bail!(
            "{}: cannot tell the format from the extension: give --format tmx or --format tsv",
            path.display()
        ),
    }
}

/// `--list` and `--delete`.
fn manage(args: &Args, global: &Global) -> anyhow::Result<()> {
    let mut out = super::stdout();
    let json = args.user.json;
    if let Some(id) = args.delete {
        let mut memory = super::open_existing_for_writing(global)?;
        let units = tmkit::curate::delete_import(&mut memory, id, args.user.actor()?)?;
        if json {
            let value = serde_json::json!({ "action": "deleted", "import": id, "units": units });
            writeln!(out, "{value}")?;
        } else {
            writeln!(
                out,
                "deleted import {id} and its {}",
                count(units, "unit", "units")
            )?;
        }
        return Ok(out.flush()?);
    }
    let memory = super::open_existing(global)?;
    for i in memory.imports()? {
        if json {
            serde_json::to_writer(&mut out, &i)?;
            writeln!(out)?;
        } else {
            writeln!(
                out,
                "{:>4}  {}  {:>7} units  {}  {}",
                i.id,
                super::review::timestamp(i.imported_at),
                i.units,
                i.format,
                i.path
            )?;
        }
    }
    Ok(out.flush()?)
}

pub fn run(args: Args, global: &Global) -> anyhow::Result<()> {
    if args.list || args.delete.is_some() {
        return manage(&args, global);
    }
    let created = !global.tm.exists();
    let mut memory = super::open_for_writing(global)?;
    let imported = import_files(&args, &mut memory);
    if imported.is_err() && created && memory.count_units().is_ok_and(|n| n == 0) {
        // A first import that failed leaves no empty memory behind, which a later command would take
        // for a memory (issue #16: a refused file must not create one).
        drop(memory);
        for suffix in ["", "-wal", "-shm"] {
            let mut path = global.tm.clone().into_os_string();
            path.push(suffix);
            let _ = std::fs::remove_file(path);
        }
    }
    imported
}

/// Imports every file of `args` into `memory`, each in its own transaction, then trains the phrase
/// models on what came in.
fn import_files(args: &Args, memory: &mut tmkit::tm::Memory) -> anyhow::Result<()> {
    let mut out = super::stdout();
    // Once standard output is closed (`tmkit import … | head -1`), the remaining files are still
    // imported: the reports go unread, but the memory gets every file asked for.
    let mut stdout_open = true;
    let limits = Limits {
        max_langs: args.max_langs,
        max_segment_bytes: args.max_segment_bytes,
    };
    for path in &args.files {
        let format = format_of(path, args.format)?;
        let shown = display_path(path);
        let file = std::fs::File::open(path).with_context(|| format!("cannot read {shown}"))?;
        let bar = progress_bar(&shown);
        let tick = |n: u64| {
            if n.is_multiple_of(1000)
                && let Some(bar) = &bar
            {
                bar.set_position(n);
            }
        };
        let report: ImportReport = match format {
            Format::Tmx => {
                let reader = TmxReader::with_limits(file, Some(path.clone()), limits)?;
                import::import_tmx(memory, reader, &shown, args.skip_bad, tick)?
            }
            Format::Tsv => {
                let hash = file_hash(path)?;
                let reader =
                    TsvReader::with_limits(BufReader::new(file), Some(path.clone()), limits)?;
                import::import_tsv(memory, reader, &shown, &hash, args.skip_bad, tick)?
            }
        };
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        for skipped in &report.skipped {
            eprintln!("warning: skipped: {skipped}");
        }
        if stdout_open {
            let mut parts = vec![
                format!("{} new", report.new),
                format!("{} merged", count(report.merged, "duplicate", "duplicates")),
            ];
            if report.joined > 0 {
                parts.push(format!(
                    "{} joined to units of the same source sentence",
                    report.joined
                ));
            }
            if report.updated > 0 {
                parts.push(format!("{} updated (newer changedate)", report.updated));
            }
            if report.older > 0 {
                parts.push(format!(
                    "{} not newer than the stored unit, kept",
                    report.older
                ));
            }
            let line = format!(
                "{shown}: {} imported ({}), {} skipped",
                count(report.units, "unit", "units"),
                parts.join(", "),
                report.skipped.len()
            );
            stdout_open = keep_writing(writeln!(out, "{line}").and_then(|()| out.flush()))?;
        }
    }
    // The phrase models learn the imported units in `tmkit train`, not here.
    super::train::note_after_storing(memory)?;
    Ok(())
}

/// Whether standard output still takes lines: false once it is a closed pipe.
///
/// # Errors
/// Any other write error.
fn keep_writing(written: std::io::Result<()>) -> anyhow::Result<bool> {
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

fn file_hash(path: &Path) -> anyhow::Result<String> {
    use sha2::Digest;
    let mut hasher = sha2::Sha256::new();
    let mut file = std::fs::File::open(path)?;
    std::io::copy(&mut file, &mut hasher)?;
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// A unit counter on standard error when it is a terminal.
pub fn progress_bar(what: &str) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {msg}: {pos} units ({per_sec})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.set_message(what.to_string());
    Some(bar)
}
