//! The subcommands of the `tmkit` binary: argument parsing and printing only; the work is in the library.

pub mod eval;
pub mod stats;

pub mod align;
pub mod align_dir;
pub mod analyze;
pub mod concordance;
pub mod export;
pub mod import;
pub mod lookup;
pub mod pretranslate;
pub mod segment;

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand};

/// tmkit: segment, align, store, fuzzy-match and exchange parallel news articles as a translation memory.
#[derive(Debug, Parser)]
#[command(name = "tmkit", version, about, max_term_width = 100)]
#[command(after_help = "Examples:
  tmkit align-dir samples --from en --to az,ru,zh --store
  tmkit lookup --from en --to az \"President Ilham Aliyev received the delegation.\"
  tmkit concordance --lang en \"strategic partnership\"
  tmkit export --format tmx --langs en,az,ru,zh -o memory.tmx")]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// The translation memory (a SQLite file; created when missing).
    #[arg(
        long,
        global = true,
        env = "TMKIT_TM",
        default_value = "memory/tm.db",
        value_name = "PATH"
    )]
    pub tm: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split text into sentences, one per line.
    Segment(segment::Args),
    /// Align the sentences of a text with its translation(s).
    Align(align::Args),
    /// Align every article of a folder (one file per language version) into the memory.
    AlignDir(align_dir::Args),
    /// Find the best fuzzy matches of a sentence in the memory.
    Lookup(lookup::Args),
    /// Find the units that contain a phrase, and how the phrase was translated.
    Concordance(concordance::Args),
    /// Report how much of an article the memory covers (match bands, repetitions).
    Analyze(analyze::Args),
    /// Write a draft translation of an article from the memory's best matches.
    Pretranslate(pretranslate::Args),
    /// Import TMX or TSV files into the memory.
    Import(import::Args),
    /// Export the memory as TMX 1.4b, TSV or Moses parallel text.
    Export(export::Args),
    /// Show what the memory holds.
    Stats(stats::Args),
    /// Measure segmentation, alignment, matching and TMX on external data (release builds).
    #[command(subcommand)]
    Eval(eval::Command),
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let global = &cli.global;
    match cli.command {
        Command::Segment(args) => segment::run(args, global),
        Command::Align(args) => align::run(args, global),
        Command::AlignDir(args) => align_dir::run(args, global),
        Command::Lookup(args) => lookup::run(args, global),
        Command::Concordance(args) => concordance::run(args, global),
        Command::Analyze(args) => analyze::run(args, global),
        Command::Pretranslate(args) => pretranslate::run(args, global),
        Command::Import(args) => import::run(args, global),
        Command::Export(args) => export::run(args, global),
        Command::Stats(args) => stats::run(args, global),
        Command::Eval(command) => eval::run(command, global),
    }
}

/// Whether the error is a closed pipe on stdout (`tmkit … | head`): not worth reporting.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Buffered, locked standard output.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Reads a UTF-8 text file, or standard input for `-`.
///
/// Errors name the file; invalid UTF-8 names the byte offset of the first bad byte. A UTF-8 byte order
/// mark is removed.
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    let shown = display_path(path);
    let mut bytes = Vec::new();
    if path == Path::new("-") {
        io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
    } else {
        bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    }
    text_from_bytes(bytes, &shown)
}

/// Decodes UTF-8 (dropping a byte order mark), naming `shown` and the byte offset on failure.
pub fn text_from_bytes(bytes: Vec<u8>, shown: &str) -> anyhow::Result<String> {
    Ok(tmkit::ingest::decode_text(bytes, Path::new(shown))?)
}

/// How a path is shown in messages (`<stdin>` for `-`).
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// An output file written to a temporary file beside it and renamed into place by [`OutputFile::commit`],
/// so that an error or Ctrl-C never leaves half a file; `-` writes to standard output.
pub enum OutputFile {
    /// Standard output.
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A temporary file and the path it becomes.
    File(BufWriter<tempfile::NamedTempFile>, PathBuf),
}

impl OutputFile {
    /// Creates the temporary file next to `path` (or takes stdout for `-`).
    pub fn create(path: &Path) -> anyhow::Result<OutputFile> {
        if path == Path::new("-") {
            return Ok(OutputFile::Stdout(stdout()));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".tmkit-")
            .suffix(".part")
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a file in {}", dir.display()))?;
        Ok(OutputFile::File(BufWriter::new(tmp), path.to_path_buf()))
    }

    /// Flushes and moves the file into place.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            OutputFile::Stdout(mut w) => Ok(w.flush()?),
            OutputFile::File(w, path) => {
                let tmp = w
                    .into_inner()
                    .map_err(|e| e.into_error())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.as_file()
                    .sync_all()
                    .with_context(|| format!("cannot write {}", path.display()))?;
                tmp.persist(&path)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            OutputFile::Stdout(w) => w.write(buf),
            OutputFile::File(w, _) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Stdout(w) => w.flush(),
            OutputFile::File(w, _) => w.flush(),
        }
    }
}

/// The article and languages of `analyze` and `pretranslate`.
#[derive(Debug, clap::Args)]
pub struct ArticleArgs {
    /// The article (UTF-8 text, paragraphs separated by blank lines; '-' for standard input).
    pub article: PathBuf,
    /// Language of the article.
    #[arg(long, value_name = "LANG")]
    pub from: String,
    /// Language of the translation.
    #[arg(long, value_name = "LANG")]
    pub to: String,
    /// The article has one sentence per line already.
    #[arg(long)]
    pub presegmented: bool,
}

/// Parses a comma-separated list of language tags (`az,ru,zh`).
pub fn parse_langs(list: &str) -> anyhow::Result<Vec<tmkit::Lang>> {
    list.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| tmkit::Lang::parse(s).map_err(anyhow::Error::from))
        .collect()
}
