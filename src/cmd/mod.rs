//! The subcommands of the `tmkit` binary: argument parsing and printing only; the work is in the library.

pub mod eval;
pub mod stats;

pub mod align;
pub mod align_dir;
pub mod analyze;
pub mod article;
pub mod concordance;
pub mod export;
pub mod import;
pub mod lookup;
pub mod maintain;
pub mod pretranslate;
pub mod review;
pub mod segment;
pub mod serve;
pub mod terms;
pub mod train;

use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::{Duration, SystemTime};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use tmkit::{Lang, Memory};

/// Where the memory is when neither `--tm` nor `TMKIT_TM` says.
pub const DEFAULT_TM: &str = "memory/tm.db";

/// The environment variable that names the memory when `--tm` does not.
pub const TM_ENV: &str = "TMKIT_TM";

/// tmkit: segment, align, store, fuzzy-match and exchange parallel news articles as a translation memory.
#[derive(Debug, Parser)]
#[command(name = "tmkit", version, about, max_term_width = 100)]
#[command(after_help = "Examples:
  tmkit align-dir samples --from en --to az,ru,zh --store
  tmkit lookup --from en --to az \"President Ilham Aliyev received the delegation.\"
  tmkit concordance --lang en \"strategic partnership\"
  tmkit export --format tmx --langs en,az,ru,zh -o memory.tmx")]
pub struct Cli {
    /// The translation memory of a subcommand that uses one (the same as its own --tm; segment and
    /// eval use none) [env: TMKIT_TM] [default: memory/tm.db].
    #[arg(long, value_name = "PATH")]
    pub tm: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

/// The `--tm` option of the subcommands that use a memory.
///
/// Neither a clap `env` nor a `default_value`: clap would then show `--tm <PATH>` as required in the
/// usage line whenever `TMKIT_TM` is set; [`MemoryArg::resolve`] applies both.
#[derive(Debug, clap::Args)]
pub struct MemoryArg {
    /// The translation memory, a SQLite file [env: TMKIT_TM] [default: memory/tm.db].
    #[arg(long = "tm", value_name = "PATH")]
    pub tm: Option<PathBuf>,
    /// How long to wait for another process that is writing the memory before giving up.
    #[arg(long, value_name = "SECONDS", env = "TMKIT_WAIT", default_value = "60", value_parser = parse_wait)]
    pub wait: Duration,
}

/// Parses `--wait`: seconds, whole or decimal, up to a day.
fn parse_wait(value: &str) -> Result<Duration, String> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| (0.0..=86_400.0).contains(s))
        .map(Duration::from_secs_f64)
        .ok_or_else(|| format!("'{value}' is not a number of seconds from 0 to 86400"))
}

impl MemoryArg {
    /// The memory's path: `--tm` after the subcommand, else before it, else `TMKIT_TM`, else
    /// [`DEFAULT_TM`].
    ///
    /// # Errors
    /// A [`UsageError`] when both places give a `--tm`.
    pub fn resolve(self, before: Option<PathBuf>) -> anyhow::Result<Global> {
        let tm = match (before, self.tm) {
            (Some(a), Some(b)) if a != b => {
                return Err(UsageError(format!(
                    "--tm is given twice ({} and {}): give it once",
                    a.display(),
                    b.display()
                ))
                .into());
            }
            (Some(path), _) | (None, Some(path)) => path,
            (None, None) => std::env::var_os(TM_ENV)
                .filter(|v| !v.is_empty())
                .map_or_else(|| PathBuf::from(DEFAULT_TM), PathBuf::from),
        };
        Ok(Global {
            tm,
            wait: self.wait,
        })
    }
}

/// A subcommand's own arguments and the memory it works on.
#[derive(Debug, clap::Args)]
pub struct WithMemory<A: clap::Args> {
    /// The subcommand's arguments.
    #[command(flatten)]
    pub args: A,
    /// The memory.
    #[command(flatten)]
    pub memory: MemoryArg,
}

/// What the subcommands that use a memory share.
#[derive(Debug)]
pub struct Global {
    /// The memory's path.
    pub tm: PathBuf,
    /// How long to wait for another writer (`--wait`).
    pub wait: Duration,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Split text into sentences, one per line.
    Segment(segment::Args),
    /// Align the sentences of a text with its translation(s).
    Align(WithMemory<align::Args>),
    /// Align every article of a folder (one file per language version) into the memory.
    AlignDir(WithMemory<align_dir::Args>),
    /// Find the best fuzzy matches of a sentence in the memory.
    Lookup(WithMemory<lookup::Args>),
    /// Find the units that contain a phrase, and how the phrase was translated.
    Concordance(WithMemory<concordance::Args>),
    /// List the memory's stock phrases with their translations, or export them (TBX, CSV, OmegaT).
    Terms(WithMemory<terms::Args>),
    /// Report how much of an article the memory covers (match bands, repetitions).
    Analyze(WithMemory<analyze::Args>),
    /// Write a draft translation of an article from the memory's best matches.
    Pretranslate(WithMemory<pretranslate::Args>),
    /// Import TMX or TSV files into the memory.
    Import(WithMemory<import::Args>),
    /// Export the memory as TMX 1.4b, TSV or Moses parallel text.
    Export(WithMemory<export::Args>),
    /// Show what the memory holds.
    Stats(WithMemory<stats::Args>),
    /// Bring the memory's word-alignment models up to date (stores and imports do it themselves).
    Train(WithMemory<train::Args>),
    /// Bring a memory stored by an older tmkit in line (join units of one source sentence).
    Maintain(WithMemory<maintain::Args>),
    /// Review flagged units: list with reasons, show, approve, edit, split, merge, delete.
    Review(review::Args),
    /// List the memory's articles, or delete one with its units.
    Article(article::Args),
    /// Serve the memory over HTTP: a web page, a JSON API and a tmserver for CAT tools.
    Serve(WithMemory<serve::Args>),
    /// Measure segmentation, alignment, matching and TMX on external data (release builds).
    #[command(subcommand)]
    Eval(eval::Command),
}

/// A unit's review state as the reading commands show it: `[needs review] conf 0.62` (the mark a
/// translator must not miss), `approved`, `ok conf 0.99`, or `ok`.
pub fn state_label(status: &str, approved: bool, confidence: Option<f32>) -> String {
    let conf = confidence
        .map(|c| format!(" conf {c:.2}"))
        .unwrap_or_default();
    match status {
        "needs-review" => format!("[needs review]{conf}"),
        _ if approved => "approved".to_string(),
        other => format!("{other}{conf}"),
    }
}

/// Runs the parsed command line.
///
/// A `--tm` before a subcommand that uses no memory (`segment`, `eval`) is accepted and unused, so
/// that an alias such as `tmkit --tm ~/news.db` serves every subcommand.
///
/// # Errors
/// The subcommand's error.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    LazyLock::force(&STARTED);
    let before = cli.tm;
    match cli.command {
        Command::Segment(args) => segment::run(args),
        Command::Align(w) => align::run(w.args, &w.memory.resolve(before)?),
        Command::AlignDir(w) => align_dir::run(w.args, &w.memory.resolve(before)?),
        Command::Lookup(w) => lookup::run(w.args, &w.memory.resolve(before)?),
        Command::Concordance(w) => concordance::run(w.args, &w.memory.resolve(before)?),
        Command::Terms(w) => terms::run(w.args, &w.memory.resolve(before)?),
        Command::Analyze(w) => analyze::run(w.args, &w.memory.resolve(before)?),
        Command::Pretranslate(w) => pretranslate::run(w.args, &w.memory.resolve(before)?),
        Command::Import(w) => import::run(w.args, &w.memory.resolve(before)?),
        Command::Export(w) => export::run(w.args, &w.memory.resolve(before)?),
        Command::Stats(w) => stats::run(w.args, &w.memory.resolve(before)?),
        Command::Train(w) => train::run(w.args, &w.memory.resolve(before)?),
        Command::Maintain(w) => maintain::run(w.args, &w.memory.resolve(before)?),
        Command::Review(args) => review::run(args, before),
        Command::Article(args) => article::run(args, before),
        Command::Serve(w) => serve::run(w.args, &w.memory.resolve(before)?),
        Command::Eval(command) => eval::run(command),
    }
}

impl Cli {
    /// Whether the command handles Ctrl-C and SIGTERM itself (`serve` finishes its requests first);
    /// the others end at once, removing their partial output files.
    pub fn handles_signals(&self) -> bool {
        matches!(self.command, Command::Serve(_))
    }
}

/// A mistake in the command line found after parsing (a language the memory does not hold, `--to`
/// equal to `--from`, `--tm` given twice): printed like clap's own usage errors and exits 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The exit code for an error: 2 for a usage error, 1 for anything else.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    if err.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// The error as one line, each cause said once and SQLite's codes in words.
///
/// A cause whose text the previous one already ends with is left out (a library error that prints its
/// source, as `rusqlite::Error::ToSqlConversionFailure` does, would otherwise say it twice); the first
/// SQLite error ends the chain, said in words where tmkit knows what it means for a memory.
pub fn describe(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        if let Some(sqlite) = cause.downcast_ref::<rusqlite::Error>() {
            let said = sqlite_in_words(sqlite).unwrap_or_else(|| sqlite.to_string());
            push_once(&mut parts, said);
            break;
        }
        push_once(&mut parts, cause.to_string());
    }
    parts.join(": ")
}

fn push_once(parts: &mut Vec<String>, said: String) {
    let repeated = parts
        .last()
        .is_some_and(|last| last == &said || last.ends_with(&format!(": {said}")));
    if !repeated && !said.is_empty() {
        parts.push(said);
    }
}

/// What a SQLite result code means for a tmkit memory, where that is more than SQLite's words.
fn sqlite_in_words(err: &rusqlite::Error) -> Option<String> {
    use rusqlite::ErrorCode;
    let said = match err.sqlite_error_code()? {
        ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
            "the memory is being written by another process; try again when it finishes"
        }
        ErrorCode::ReadOnly => {
            "the memory cannot be written here (the file or its folder is read-only)"
        }
        ErrorCode::DiskFull => "the disk is full",
        ErrorCode::NotADatabase => "the file is not a SQLite database, so not a tmkit memory",
        ErrorCode::DatabaseCorrupt => "the memory file is damaged",
        ErrorCode::CannotOpen => "SQLite cannot open the file (is it a folder, or unreadable?)",
        ErrorCode::PermissionDenied => "permission denied",
        _ => return None,
    };
    Some(said.to_string())
}

/// Whether the error is a closed pipe on stdout (`tmkit … | head`): not worth reporting.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_kind = cause.downcast_ref::<io::Error>().map(io::Error::kind);
        // JSON written straight to stdout fails as a serde_json error holding the I/O error.
        let json_kind = cause
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        io_kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}

/// `n thing` or `n things`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Buffered, locked standard output.
pub fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Reads a text file, or standard input for `-`, as [`text_from_bytes`] decodes it.
///
/// # Errors
/// The file cannot be read, or is not text (see [`text_from_bytes`]); the message names the file.
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

/// Decodes text: UTF-8 (dropping a byte order mark), or UTF-16 when a byte order mark or the pattern
/// of NUL bytes of ASCII text in UTF-16 says so (see [`tmkit::ingest::decode_text`]).
///
/// # Errors
/// Binary formats people give as text are named (`this is a Word document (.docx); save it as plain
/// text`); invalid UTF-8 or UTF-16 is reported at `shown:line:col` of the first bad character.
pub fn text_from_bytes(bytes: Vec<u8>, shown: &str) -> anyhow::Result<String> {
    Ok(tmkit::ingest::decode_text(bytes, Path::new(shown))?)
}

/// A text input read as a stream (`segment`): a binary format is refused as [`text_from_bytes`] refuses
/// it, UTF-16 is decoded (whole: UTF-16 input is rare and small), anything else streams through
/// unchanged.
///
/// Only the bytes the first read returns are looked at, so that a program that writes a little at a
/// time is not kept waiting.
///
/// # Errors
/// The input cannot be read, is a binary format, or is invalid UTF-16.
pub fn text_input(mut input: Box<dyn Read>, shown: &str) -> anyhow::Result<Box<dyn Read>> {
    let mut head = vec![0; 512];
    let n = loop {
        match input.read(&mut head) {
            Ok(n) => break n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {shown}")),
        }
    };
    head.truncate(n);
    if let Some(format) = tmkit::ingest::decode::binary_format(&head) {
        bail!("{shown}: this is {format}; save it as plain text");
    }
    if tmkit::ingest::decode::utf16_order(&head).is_some() {
        input
            .read_to_end(&mut head)
            .with_context(|| format!("cannot read {shown}"))?;
        let text = text_from_bytes(head, shown)?;
        return Ok(Box::new(io::Cursor::new(text.into_bytes())));
    }
    Ok(Box::new(io::Cursor::new(head).chain(input)))
}

/// How a path is shown in messages (`<stdin>` for `-`).
pub fn display_path(path: &Path) -> String {
    if path == Path::new("-") {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Opens the memory of a command that only reads: it must exist and be a memory. It is opened
/// read-only ([`Memory::open_read_only`]: nothing is written, and a memory this user may only read is
/// read without leaving `-wal`/`-shm` files); a memory of an older schema, or with unindexed variants
/// left by an older tmkit, is opened for writing once to bring it up to date.
///
/// # Errors
/// No file at the path (the message says how to create a memory), a folder, an empty file, or what
/// [`Memory::open_read_only`] refuses.
pub fn open_existing(global: &Global) -> anyhow::Result<Memory> {
    let path = &global.tm;
    check_existing(path)?;
    match Memory::open_read_only(path) {
        Ok(mut memory) => {
            memory.set_wait(global.wait)?;
            Ok(memory)
        }
        Err(tmkit::tm::Error::NeedsMigration { .. } | tmkit::tm::Error::IndexNotFlushed { .. }) => {
            open_for_writing(global)
        }
        // tm::Error names the memory itself: no context, or the path would be said twice.
        Err(e) => Err(e.into()),
    }
}

/// Opens an existing memory for a command that changes what it holds (review, article and import
/// deletions): such a command never creates a memory.
///
/// # Errors
/// As [`open_existing`] for a missing memory, as [`open_for_writing`] otherwise.
pub fn open_existing_for_writing(global: &Global) -> anyhow::Result<Memory> {
    check_existing(&global.tm)?;
    open_for_writing(global)
}

/// Refuses a path with no memory: nothing there (the message says how to create one), a folder or an
/// empty file.
fn check_existing(path: &Path) -> anyhow::Result<()> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => bail!(
            "there is no memory at {shown}: create one with `tmkit import FILE.tmx` or \
             `tmkit align-dir FOLDER --from L1 --to L2 --store`, or give --tm PATH"
        ),
        Err(e) => Err(e).with_context(|| format!("cannot open the memory {shown}")),
        Ok(meta) => check_memory_file(path, &meta),
    }
}

/// Opens the memory of a command that writes, creating it (and its folder) when missing. Its writes
/// wait for other writers up to `--wait`, and are recorded as this command line (see
/// [`tmkit::tm::writer`]).
///
/// # Errors
/// A folder or an empty file at the path, or what [`Memory::open`] refuses.
pub fn open_for_writing(global: &Global) -> anyhow::Result<Memory> {
    let path = &global.tm;
    if let Ok(meta) = std::fs::metadata(path) {
        check_memory_file(path, &meta)?;
    }
    // tm::Error names the memory itself: no context, or the path would be said twice.
    let mut memory = Memory::open_waiting(path, global.wait)?;
    memory.set_operation(command_line());
    Ok(memory)
}

/// Refuses a folder or an empty file where a memory should be.
fn check_memory_file(path: &Path, meta: &std::fs::Metadata) -> anyhow::Result<()> {
    let shown = path.display();
    if meta.is_dir() {
        bail!("{shown}: this is a folder, not a tmkit memory: give the memory's file with --tm");
    }
    if meta.len() == 0 {
        bail!("{shown}: empty file, not a tmkit memory (remove it to start a new memory there)");
    }
    Ok(())
}

/// This process's command line, as a writer record names it (`tmkit import big.tmx`).
fn command_line() -> String {
    let mut words = vec!["tmkit".to_string()];
    words.extend(std::env::args().skip(1));
    words.join(" ")
}

/// The languages the memory holds, as `tmkit stats` lists them.
fn memory_langs(memory: &Memory) -> anyhow::Result<Vec<Lang>> {
    Ok(memory
        .stats()?
        .languages
        .iter()
        .filter_map(|l| Lang::parse(&l.lang).ok())
        .collect())
}

/// Checks that the memory holds every language of `wanted`, each given by an option (`("--to", az)`),
/// and that no language is given twice.
///
/// # Errors
/// A [`UsageError`] that lists the memory's languages.
pub fn check_langs(
    memory: &Memory,
    global: &Global,
    wanted: &[(&str, &Lang)],
) -> anyhow::Result<()> {
    for (i, (option, lang)) in wanted.iter().enumerate() {
        if let Some((other, _)) = wanted[..i].iter().find(|(_, l)| l == lang) {
            let said = if other == option {
                format!("{option} names {lang} twice")
            } else {
                format!(
                    "{other} and {option} are the same language ({lang}): give two different languages"
                )
            };
            return Err(UsageError(said).into());
        }
    }
    let mut missing = Vec::new();
    for (option, lang) in wanted {
        if !memory.has_lang(lang)? {
            missing.push(format!("{lang} ({option})"));
        }
    }
    if missing.is_empty() {
        return Ok(());
    }
    // Only now the whole list, which reads every variant.
    let held = memory_langs(memory)?;
    let holds = if held.is_empty() {
        "it holds no units yet".to_string()
    } else {
        let list: Vec<&str> = held.iter().map(Lang::as_str).collect();
        format!("its languages are {}", list.join(", "))
    };
    Err(UsageError(format!(
        "the memory {} holds no text in {}: {holds}",
        global.tm.display(),
        missing.join(" or ")
    ))
    .into())
}

/// Refuses an output that is one of the inputs (`pretranslate a.txt -o a.txt` would overwrite its
/// article; `export -o memory/tm.db` the memory).
///
/// # Errors
/// The output and an input are the same file.
pub fn refuse_overwriting(output: &Path, inputs: &[&Path]) -> anyhow::Result<()> {
    if output == Path::new("-") {
        return Ok(());
    }
    for input in inputs {
        if *input != Path::new("-") && same_file(output, input) {
            bail!(
                "the output {} is the input {}: tmkit will not overwrite its input",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// When the process started: a partial output file older than this, and unlocked, belongs to a run that
/// ended without cleaning up.
static STARTED: LazyLock<SystemTime> = LazyLock::new(SystemTime::now);

/// The temporary output files being written. A signal handler can reach nothing else: this list is
/// what Ctrl-C and SIGTERM remove ([`remove_partial_outputs`]) before the process ends.
static PARTIAL: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes the temporary output files being written (called on Ctrl-C and SIGTERM).
pub fn remove_partial_outputs() {
    let paths = match PARTIAL.lock() {
        Ok(paths) => paths,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in paths.iter() {
        // Best effort while the process ends: a file already gone is fine.
        let _ = std::fs::remove_file(path);
    }
}

/// A temporary output file, listed in [`PARTIAL`] while it lives.
pub struct Partial(PathBuf);

impl Partial {
    fn new(path: &Path) -> Partial {
        if let Ok(mut paths) = PARTIAL.lock() {
            paths.push(path.to_path_buf());
        }
        Partial(path.to_path_buf())
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if let Ok(mut paths) = PARTIAL.lock() {
            paths.retain(|p| p != &self.0);
        }
    }
}

/// The prefix of the temporary files of the output `name`: `.tmkit-NAME-`, then 6 random characters
/// and `.part`.
fn partial_prefix(name: &str) -> String {
    format!(".tmkit-{name}-")
}

/// Removes the partial files of `name` in `dir` that a run which ended without cleaning up left (older
/// than this process and not locked by a running one), and says so on standard error.
fn clean_stale_partials(dir: &Path, name: &str) {
    let prefix = partial_prefix(name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(file_name) = file_name.to_str() else {
            continue;
        };
        let is_ours = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".part"))
            .is_some_and(|random| {
                random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
            });
        if !is_ours {
            continue;
        }
        let path = entry.path();
        let older = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < *STARTED);
        // A running tmkit holds a lock on the file it writes.
        let unlocked = std::fs::File::open(&path).is_ok_and(|f| f.try_lock().is_ok());
        if older && unlocked && std::fs::remove_file(&path).is_ok() {
            eprintln!(
                "removed {}, left by an earlier run that was stopped",
                path.display()
            );
        }
    }
}

/// An output file written to a temporary file beside it and renamed into place by [`OutputFile::commit`],
/// so that an error, Ctrl-C or SIGTERM never leaves half a file; `-` writes to standard output.
///
/// The file gets the mode the umask gives new files (not the 0600 of temporary files).
pub enum OutputFile {
    /// Standard output.
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A device or a named pipe (`-o /dev/null`), written in place: renaming a file over it would
    /// replace the device.
    Device(BufWriter<std::fs::File>),
    /// A temporary file and the path it becomes.
    File(BufWriter<tempfile::NamedTempFile>, PathBuf, Partial),
}

impl OutputFile {
    /// Creates the temporary file next to `path` (or takes stdout for `-`), first removing the partial
    /// files of `path` that earlier runs left.
    ///
    /// # Errors
    /// The folder cannot be written.
    pub fn create(path: &Path) -> anyhow::Result<OutputFile> {
        if path == Path::new("-") {
            return Ok(OutputFile::Stdout(stdout()));
        }
        if path.is_dir() {
            bail!(
                "{}: this is a folder: give the name of a file to write",
                path.display()
            );
        }
        if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
            let device = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            return Ok(OutputFile::Device(BufWriter::new(device)));
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .with_context(|| format!("{} names no file", path.display()))?;
        clean_stale_partials(dir, &name);
        let mut builder = tempfile::Builder::new();
        let prefix = partial_prefix(&name);
        builder.prefix(&prefix).suffix(".part");
        // The mode new files get: open() applies the umask to 0666.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder
            .tempfile_in(dir)
            .with_context(|| format!("cannot create a file in {}", dir.display()))?;
        let partial = Partial::new(tmp.path());
        // Tells a later run that this file is being written (see `clean_stale_partials`). Where the file
        // system has no locks, that run cannot lock the file either, and leaves it alone.
        let _locked = tmp.as_file().try_lock();
        Ok(OutputFile::File(
            BufWriter::new(tmp),
            path.to_path_buf(),
            partial,
        ))
    }

    /// Flushes and moves the file into place.
    ///
    /// # Errors
    /// Writing or renaming fails; the message names the output.
    pub fn commit(self) -> anyhow::Result<()> {
        match self {
            OutputFile::Stdout(mut w) => Ok(w.flush()?),
            OutputFile::Device(mut w) => Ok(w.flush()?),
            OutputFile::File(w, path, _partial) => {
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
            OutputFile::Device(w) => w.write(buf),
            OutputFile::File(w, _, _) => w.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            OutputFile::Stdout(w) => w.flush(),
            OutputFile::Device(w) => w.flush(),
            OutputFile::File(w, _, _) => w.flush(),
        }
    }
}

/// The article and languages of `analyze` and `pretranslate`.
#[derive(Debug, clap::Args)]
pub struct ArticleArgs {
    /// The article (UTF-8 or UTF-16 text, paragraphs separated by blank lines; '-' for standard input).
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `tmkit review list --json | head -1` said `error: Broken pipe (os error 32)`: JSON written
    /// straight to stdout fails as a serde_json error.
    #[test]
    fn a_closed_pipe_under_json_output_is_a_broken_pipe() {
        let closed = serde_json::Error::io(io::Error::from(io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(
            &anyhow::Error::new(closed).context("listing units")
        ));
        let denied = serde_json::Error::io(io::Error::from(io::ErrorKind::PermissionDenied));
        assert!(!is_broken_pipe(&anyhow::Error::new(denied)));
    }

    fn sqlite(code: i32, message: &str) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), Some(message.into()))
    }

    #[test]
    fn a_wait_is_seconds_from_0_to_a_day() {
        assert_eq!(parse_wait("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_wait("0"), Ok(Duration::ZERO));
        assert_eq!(
            parse_wait("-1"),
            Err("'-1' is not a number of seconds from 0 to 86400".to_string())
        );
        assert!(parse_wait("soon").is_err());
        assert!(parse_wait("NaN").is_err());
    }

    /// Issue #16, item 9: raw SQLite codes (`database is locked: Error code 5`).
    #[test]
    fn a_locked_memory_is_said_in_words_and_sqlite_codes_are_not_printed() {
        let err = anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_BUSY, "database is locked"))
            .context("recording the import");
        assert_eq!(
            describe(&err),
            "recording the import: the memory is being written by another process; try again when it finishes"
        );
        let err = anyhow::Error::new(sqlite(rusqlite::ffi::SQLITE_READONLY, "attempt to write"));
        assert_eq!(
            describe(&err),
            "the memory cannot be written here (the file or its folder is read-only)"
        );
    }

    /// Issue #16, item 9: `Is a directory (os error 21): Is a directory (os error 21)`, as a cause
    /// that prints its own source gave it.
    #[test]
    fn a_cause_that_repeats_its_source_is_said_once() {
        let io = io::Error::from(io::ErrorKind::IsADirectory);
        let said = io.to_string();
        let err = anyhow::Error::new(tempfile::PathPersistError {
            error: io,
            path: tempfile::TempPath::try_from_path("/nonexistent/x").expect("an absolute path"),
        })
        .context("cannot write d");
        assert_eq!(
            describe(&err),
            format!("cannot write d: failed to persist temporary file path: {said}")
        );
    }
}
