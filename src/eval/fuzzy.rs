//! The fuzzy-matching benchmark: a deterministic news-agency memory, edited and unmatched queries,
//! index latency against an exhaustive scan timed in the same run.
//!
//! Memory: the line-aligned NTREX-128 dev sentences (`<data>/en-az/all.en`, `all.az`, and `all.ru`,
//! `all.zh` from the other pairs when asked for) plus the sentences of `samples/` are the *templates*.
//! Unit `k` takes template `k mod n` and, like a wire service re-running a stock sentence, replaces its
//! numbers by others (the same replacement in every language where the number is written alike) and,
//! in every second unit, one capitalised English word by a name (in the other languages too where the
//! word is written alike). Everything is driven by a fixed SplitMix64 seed, so a run is repeatable.
//! Identical units collapse by fingerprint; the report gives the number stored.
//!
//! Queries: `edited` queries are generated units (a fresh seed) with one to three edits — a word
//! replaced, a word dropped, a word's case changed, a number changed — and `unmatched` queries are
//! strings of random vocabulary words, which share too little with any stored sentence to match at 50%.
//!
//! Measured: import time (one transaction through `tm::bulk`, as `tmkit import`: units generated and
//! prepared on a second thread, inserted and indexed on this one), the time to rebuild the whole match
//! index from the stored variants (`tm::bulk::rebuild_index`), database size against the raw text held, median and 95th-percentile lookup
//! latency, and, for a sample of queries, an exhaustive scan (every stored variant scored) timed in
//! the same run, with recall = share of the scan's top-k matches (unit and score) the index returned.
//! Concordance: median latency of two-word phrases taken from the templates.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::near_duplicate::NearDuplicates;
use crate::fuzzy::date;
use crate::lang::Lang;
use crate::search::{self, LookupOptions};
use crate::tm::unit::Prepared;
use crate::tm::{self, Memory};
use crate::unit::{NewUnit, NewVariant, Origin};

/// An error of the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file the benchmark writes (the queries, the parameters beside the memory) could not be written.
    #[error("cannot write {path}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The parallel files differ in length.
    #[error("{path}: {found} lines, but {expected} in the English file")]
    Misaligned {
        /// The file.
        path: String,
        /// Its line count.
        found: usize,
        /// The English line count.
        expected: usize,
    },
    /// A measured memory could not be deleted.
    #[error("cannot delete {path}")]
    Remove {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The memory failed.
    #[error(transparent)]
    Memory(#[from] tm::Error),
    /// A lookup failed.
    #[error(transparent)]
    Lookup(#[from] search::LookupError),
}

/// The shape of the generated memory.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// Every template equally often, with other numbers, names and a date (the memory above).
    #[default]
    News,
    /// Families of near-duplicates with a Zipf-like popularity (see [`near_duplicate`](super::near_duplicate)).
    NearDuplicate,
}

/// What to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// The shape of the memory.
    pub shape: Shape,
    /// The ntrex-dev folder.
    pub data: PathBuf,
    /// The samples folder (its `*.sents.txt` of articles with gold beads are added as templates).
    pub samples: Option<PathBuf>,
    /// Where the memory is written (a file, so its size can be measured).
    pub db: PathBuf,
    /// Units to generate.
    pub units: usize,
    /// Languages of each unit (the first is the lookup's source side).
    pub langs: Vec<Lang>,
    /// Edited queries.
    pub edited: usize,
    /// Queries with no match.
    pub unmatched: usize,
    /// Queries also answered by the exhaustive scan.
    pub scanned: usize,
    /// Concordance queries.
    pub phrases: usize,
    /// Lookup threshold.
    pub min_score: f32,
    /// Matches per lookup.
    pub limit: usize,
    /// Keep the memory at `db` when it was built with the same parameters (see [`BuildParams`]).
    pub reuse: bool,
    /// Seconds the exhaustive scans may take in all: once the scans done so far, at their mean,
    /// project past it, the rest are not scanned and [`Report::scan_cut`] says so (None: no limit).
    pub scan_budget_s: Option<f64>,
    /// Whether to time a rebuild of the whole match index after the import ([`Report::index_s`]).
    pub rebuild_index: bool,
    /// Where to write the queries, one a line, edited ones first (as `lookup --batch` reads them).
    pub queries_out: Option<PathBuf>,
}

/// Version of the memory generators: bump it whenever a generated memory changes, so that `--reuse`
/// does not measure a memory an older generator built.
const GENERATOR: u32 = 2; // 2: near-duplicate families scale down below 100k units

/// What a benchmark memory was built from, written beside it ([`params_path`]) once it is complete:
/// a run asked to reuse the memory does so only when its own parameters are the same.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BuildParams {
    /// [`GENERATOR`] of the binary that built it.
    pub generator: u32,
    /// [`crate::fuzzy::token::VERSION`] of the index it holds.
    pub token_version: u32,
    /// The shape of the memory.
    pub shape: Shape,
    /// Units generated.
    pub units: usize,
    /// Language tags of each unit.
    pub langs: Vec<String>,
    /// The data folder, as given.
    pub data: PathBuf,
    /// The samples folder, when one was read.
    pub samples: Option<PathBuf>,
}

impl BuildParams {
    /// The parameters of `config`'s memory.
    pub fn of(config: &Config) -> BuildParams {
        BuildParams {
            generator: GENERATOR,
            token_version: crate::fuzzy::token::VERSION,
            shape: config.shape,
            units: config.units,
            langs: config
                .langs
                .iter()
                .map(|l| l.as_str().to_string())
                .collect(),
            data: config.data.clone(),
            samples: config.samples.clone(),
        }
    }
}

/// Where the parameters of the memory at `db` are kept: `<db>.build.json`.
pub fn params_path(db: &Path) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(".build.json");
    PathBuf::from(p)
}

/// Deletes the benchmark memory at `db` with its WAL files and its parameters, the parameters first:
/// a memory half deleted or half rebuilt is never taken for a complete one. Files already missing
/// are fine.
///
/// # Errors
/// [`Error::Remove`] naming the file that could not be deleted.
pub fn remove_memory(db: &Path) -> Result<(), Error> {
    for suffix in [".build.json", "", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let path = PathBuf::from(path);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(Error::Remove {
                    path: path.display().to_string(),
                    source: e,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the memory at `config.db` exists and was built with `config`'s parameters.
fn reusable(config: &Config) -> bool {
    let Ok(text) = std::fs::read_to_string(params_path(&config.db)) else {
        return false;
    };
    config.db.is_file()
        && serde_json::from_str::<BuildParams>(&text).is_ok_and(|p| p == BuildParams::of(config))
}

/// Writes the parameters beside the memory (a temporary file renamed into place).
fn write_params(config: &Config) -> Result<(), Error> {
    let path = params_path(&config.db);
    let mut tmp = path.clone().into_os_string();
    tmp.push(".tmp");
    let tmp = PathBuf::from(tmp);
    let write_err = |source| Error::Write {
        path: path.display().to_string(),
        source,
    };
    // Fails only for a path that is not UTF-8, which JSON cannot hold.
    let json = serde_json::to_string_pretty(&BuildParams::of(config))
        .map_err(|e| write_err(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))?;
    std::fs::write(&tmp, json + "\n").map_err(write_err)?;
    std::fs::rename(&tmp, &path).map_err(write_err)
}

/// Latency statistics in milliseconds.
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct Latency {
    /// Median.
    pub median_ms: f64,
    /// 95th percentile.
    pub p95_ms: f64,
    /// Largest.
    pub max_ms: f64,
}

impl Latency {
    fn of(mut times: Vec<Duration>) -> Latency {
        if times.is_empty() {
            return Latency::default();
        }
        times.sort();
        let at = |q: f64| {
            let i = ((times.len() - 1) as f64 * q).round() as usize;
            times[i].as_secs_f64() * 1000.0
        };
        Latency {
            median_ms: at(0.5),
            p95_ms: at(0.95),
            max_ms: at(1.0),
        }
    }
}

/// The measurements.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Report {
    /// The shape of the memory.
    pub shape: Shape,
    /// The memory was not built but reused (built earlier with the same parameters): import and
    /// index rebuild were not measured.
    pub reused: bool,
    /// Templates read.
    pub templates: usize,
    /// Families of near-duplicates (0 for the news shape).
    pub families: usize,
    /// Units of the largest family.
    pub largest_family: usize,
    /// Units of the median family.
    pub median_family: usize,
    /// Units generated.
    pub generated: usize,
    /// Units stored (after fingerprint dedup).
    pub stored: u64,
    /// Seconds to store them, indexing included (one transaction, as `tmkit import` does).
    pub import_s: f64,
    /// Seconds to rebuild the whole match index from the stored variants (0 when not asked).
    pub index_s: f64,
    /// Units generated per second of `import_s`.
    pub units_per_s: f64,
    /// Bytes of text held (all variants).
    pub text_bytes: u64,
    /// Size of the database file.
    pub db_bytes: u64,
    /// Bytes of posting data in the index.
    pub index_bytes: u64,
    /// Lookup latency, edited queries.
    pub edited: Latency,
    /// Lookup latency, unmatched queries.
    pub unmatched: Latency,
    /// Lookup latency, all queries.
    pub all: Latency,
    /// Edited queries with at least one match.
    pub edited_with_match: usize,
    /// Unmatched queries that nonetheless matched.
    pub unmatched_with_match: usize,
    /// Queries also scanned exhaustively.
    pub scanned: usize,
    /// Median latency of the exhaustive scan.
    pub scan: Latency,
    /// Whether fewer queries were scanned than asked, because the scans would have run past
    /// [`Config::scan_budget_s`] (recall then covers only the queries scanned).
    pub scan_cut: bool,
    /// Matches the scan found (top-k, ≥ threshold).
    pub scan_matches: usize,
    /// Of those, found by the index with the same score.
    pub found: usize,
    /// Concordance latency, two-word phrases.
    pub concordance: Latency,
}

/// SplitMix64 (Steele, Lea & Flood 2014): small, fast, repeatable.
#[derive(Clone, Debug)]
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

pub(super) const NAMES: &[&str] = &[
    "Aliyev", "Mammadov", "Huseynov", "Petrov", "Ivanova", "Wang", "Li", "Zhang", "Smith",
    "Garcia", "Müller", "Rossi", "Kowalski", "Novak", "Yilmaz", "Hasanov", "Bayramov", "Karimova",
    "Chen", "Liu",
];

fn read_lines(path: &Path) -> Result<Vec<String>, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(text.lines().map(str::to_string).collect())
}

/// Reads the templates: one row per sentence, one text per language of `langs`.
fn templates(config: &Config) -> Result<Vec<Vec<String>>, Error> {
    let en_path = config.data.join("en-az/all.en");
    let en = read_lines(&en_path)?;
    let mut columns: Vec<Vec<String>> = Vec::new();
    for lang in &config.langs {
        let code = lang.language();
        let col = if code == "en" {
            en.clone()
        } else {
            let path = config.data.join(format!("en-{code}/all.{code}"));
            let col = read_lines(&path)?;
            if col.len() != en.len() {
                return Err(Error::Misaligned {
                    path: path.display().to_string(),
                    found: col.len(),
                    expected: en.len(),
                });
            }
            col
        };
        columns.push(col);
    }
    let mut rows: Vec<Vec<String>> = (0..en.len())
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect();
    if let Some(samples) = &config.samples {
        rows.extend(sample_rows(samples, &config.langs)?);
    }
    rows.retain(|r| r.iter().all(|t| !t.trim().is_empty()));
    Ok(rows)
}

/// The 1-1 beads of the sample article, as template rows (languages without gold beads are skipped).
fn sample_rows(samples: &Path, langs: &[Lang]) -> Result<Vec<Vec<String>>, Error> {
    let dir = samples.join("2024-07-03-aliyev-xi-astana");
    let en = read_lines(&dir.join("en.sents.txt"))?;
    let en: Vec<String> = en.into_iter().filter(|l| !l.is_empty()).collect();
    let mut per_lang: Vec<std::collections::HashMap<usize, String>> = Vec::new();
    for lang in langs.iter().skip(1) {
        let code = lang.language();
        let beads = read_lines(&dir.join(format!("gold.en-{code}.beads")))?;
        let other: Vec<String> = read_lines(&dir.join(format!("{code}.sents.txt")))?
            .into_iter()
            .filter(|l| !l.is_empty())
            .collect();
        let mut map = std::collections::HashMap::new();
        for bead in beads {
            let Some((l, r)) = bead.split_once(':') else {
                continue;
            };
            let parse = |s: &str| -> Vec<usize> {
                s.trim_matches(|c| c == '[' || c == ']')
                    .split(',')
                    .filter_map(|x| x.trim().parse().ok())
                    .collect()
            };
            if let ([a], [b]) = (parse(l).as_slice(), parse(r).as_slice())
                && let Some(t) = other.get(*b)
            {
                map.insert(*a, t.clone());
            }
        }
        per_lang.push(map);
    }
    Ok(en
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let mut row = vec![e.clone()];
            for map in &per_lang {
                row.push(map.get(&i)?.clone());
            }
            Some(row)
        })
        .collect())
}

pub(super) fn is_number(w: &str) -> bool {
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Replaces whole space-separated words equal to `from` (ignoring trailing punctuation) by `to`.
pub(super) fn replace_word(text: &str, from: &str, to: &str) -> String {
    text.split(' ')
        .map(|w| {
            let core = w.trim_end_matches(|c: char| c.is_ascii_punctuation());
            if core == from {
                format!("{to}{}", &w[core.len()..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A dateline prefix in a language.
fn dated(lang: &str, day: usize, month: usize) -> String {
    match lang {
        "az" => format!("{day} {} tarixində: ", date::AZ[month]),
        "ru" => format!("{day} {}: ", date::RU_GEN[month]),
        "zh" => format!("{}月{day}日，", month + 1),
        _ => format!("On {day} {}: ", date::EN_FULL[month]),
    }
}

/// A generated unit generated with `seed`.
fn generate(rows: &[Vec<String>], langs: &[Lang], rng: &mut Rng) -> (usize, Vec<String>) {
    let base = rng.below(rows.len());
    let mut texts = rows[base].clone();
    let words: Vec<String> = texts[0].split(' ').map(str::to_string).collect();
    for w in &words {
        let core = w.trim_end_matches(|c: char| c.is_ascii_punctuation());
        if is_number(core) {
            let new = (rng.below(2000) + 1).to_string();
            for t in &mut texts {
                *t = replace_word(t, core, &new);
            }
        }
    }
    // Most news sentences get a date in front, the way a wire service dates a stock sentence.
    if rng.below(4) != 0 {
        let (day, month) = (1 + rng.below(28), rng.below(12));
        for (t, lang) in texts.iter_mut().zip(langs) {
            *t = format!("{}{t}", dated(lang.language(), day, month));
        }
    }
    if rng.below(2) == 0 {
        let caps: Vec<&String> = words
            .iter()
            .skip(1)
            .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
            .collect();
        if !caps.is_empty() {
            let w =
                caps[rng.below(caps.len())].trim_end_matches(|c: char| c.is_ascii_punctuation());
            let name = NAMES[rng.below(NAMES.len())];
            for t in &mut texts {
                *t = replace_word(t, w, name);
            }
        }
    }
    (base, texts)
}

fn edit(text: &str, vocab: &[String], rng: &mut Rng) -> String {
    let mut words: Vec<String> = text.split(' ').map(str::to_string).collect();
    for _ in 0..1 + rng.below(3) {
        if words.len() < 2 {
            break;
        }
        let i = rng.below(words.len());
        match rng.below(4) {
            0 => words[i] = vocab[rng.below(vocab.len())].clone(),
            1 => {
                words.remove(i);
            }
            2 => words[i] = words[i].to_uppercase(),
            _ => words[i] = (rng.below(9000) + 1).to_string(),
        }
    }
    words.join(" ")
}

/// Builds the memory at `config.db` (replacing any), timing the import and the index rebuild into
/// `report`, and writes its parameters beside it.
fn build(
    config: &Config,
    rows: &[Vec<String>],
    families: Option<&NearDuplicates>,
    report: &mut Report,
) -> Result<Memory, Error> {
    remove_memory(&config.db)?;
    let mut memory = Memory::open(&config.db)?;
    tm::index::bulk_settings(memory.conn())?;
    let start = Instant::now();
    let now = tm::now();
    // One transaction, as an import: units generated and prepared on a second thread, inserted and
    // indexed on this one.
    let tx = memory
        .conn_mut()
        .transaction()
        .map_err(tm::sql("starting a transaction"))?;
    let mut loader = tm::bulk::Loader::new(&tx, now);
    let mut rng = Rng(0x7e57_da7a);
    let units = (0..config.units).map(|i| {
        let texts = match families {
            Some(f) => f.unit(i, &mut rng),
            None => generate(rows, &config.langs, &mut rng).1,
        };
        let variants = config
            .langs
            .iter()
            .zip(texts)
            .map(|(l, t)| NewVariant::new(l.clone(), t))
            .collect();
        Prepared::new(NewUnit::new(Origin::Imported, variants))
    });
    tm::bulk::pipelined(units, |unit| -> Result<(), Error> {
        loader.insert(&unit?)?;
        Ok(())
    })?;
    loader.finish()?;
    tx.commit().map_err(tm::sql("committing"))?;
    report.import_s = start.elapsed().as_secs_f64();
    report.units_per_s = config.units as f64 / report.import_s;
    // The index alone: rebuilt from every stored variant.
    if config.rebuild_index {
        let start = Instant::now();
        let tx = memory
            .conn_mut()
            .transaction()
            .map_err(tm::sql("starting a transaction"))?;
        tm::bulk::rebuild_index(&tx)?;
        tx.commit().map_err(tm::sql("committing"))?;
        report.index_s = start.elapsed().as_secs_f64();
    }
    write_params(config)?;
    Ok(memory)
}

/// Runs the benchmark.
///
/// # Errors
/// [`Error::Read`] when the data is missing, and the memory's errors.
pub fn run(config: &Config) -> Result<Report, Error> {
    let rows = templates(config)?;
    let vocab: Vec<String> = rows
        .iter()
        .flat_map(|r| r[0].split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| w.chars().all(char::is_alphabetic) && w.len() > 3)
        .collect();
    let mut report = Report {
        shape: config.shape,
        templates: rows.len(),
        ..Report::default()
    };
    let families = match config.shape {
        Shape::News => None,
        Shape::NearDuplicate => Some(NearDuplicates::new(
            &rows,
            &config.langs,
            &vocab,
            config.units,
        )),
    };
    if let Some(f) = &families {
        report.families = f.sizes.len();
        report.largest_family = f.sizes.first().copied().unwrap_or(0);
        report.median_family = f.sizes.get(f.sizes.len() / 2).copied().unwrap_or(0);
    }
    let memory = if config.reuse && reusable(config) {
        report.reused = true;
        Memory::open(&config.db)?
    } else {
        build(config, &rows, families.as_ref(), &mut report)?
    };
    report.generated = config.units;
    report.stored = memory.count_units()?;
    let (text_bytes, index_bytes) = tm::index::sizes(memory.conn())?;
    report.text_bytes = text_bytes;
    report.index_bytes = index_bytes;
    tm::index::checkpoint(memory.conn())?;
    memory.prepare_lookups()?;
    report.db_bytes = std::fs::metadata(&config.db)
        .map_err(|source| Error::Read {
            path: config.db.display().to_string(),
            source,
        })?
        .len();

    // Queries.
    let mut qrng = Rng(0x9e7_0001);
    let mut queries: Vec<(bool, String)> = Vec::new();
    for _ in 0..config.edited {
        let texts = match &families {
            Some(f) => f.popular_variant(&mut qrng),
            None => generate(&rows, &config.langs, &mut qrng).1,
        };
        queries.push((true, edit(&texts[0], &vocab, &mut qrng)));
    }
    for _ in 0..config.unmatched {
        let n = 8 + qrng.below(12);
        let words: Vec<&str> = (0..n)
            .map(|_| vocab[qrng.below(vocab.len())].as_str())
            .collect();
        queries.push((false, words.join(" ")));
    }
    if let Some(path) = &config.queries_out {
        let text: String = queries.iter().map(|(_, q)| format!("{q}\n")).collect();
        std::fs::write(path, text).map_err(|source| Error::Write {
            path: path.display().to_string(),
            source,
        })?;
    }
    let (from, to) = (&config.langs[0], &config.langs[1]);
    let options = LookupOptions {
        min_score: config.min_score,
        limit: config.limit,
    };
    let (mut edited_t, mut unmatched_t, mut all_t, mut scan_t) = (vec![], vec![], vec![], vec![]);
    // Scan an evenly spread sample of the queries.
    let every = queries.len().div_ceil(config.scanned.max(1)).max(1);
    let planned = queries.len().div_ceil(every).min(config.scanned);
    for (i, (is_edited, q)) in queries.iter().enumerate() {
        let start = Instant::now();
        let found = search::lookup(&memory, q, from, to, &options)?;
        let took = start.elapsed();
        all_t.push(took);
        if *is_edited {
            edited_t.push(took);
            report.edited_with_match += usize::from(!found.is_empty());
        } else {
            unmatched_t.push(took);
            report.unmatched_with_match += usize::from(!found.is_empty());
        }
        if config.scanned > 0 && i % every == 0 {
            // All the planned scans, at the mean of those done, would take longer than allowed.
            let spent: f64 = scan_t.iter().map(Duration::as_secs_f64).sum();
            let projected = spent / scan_t.len().max(1) as f64 * planned as f64;
            report.scan_cut |= config
                .scan_budget_s
                .is_some_and(|budget| projected > budget);
        }
        if config.scanned > 0 && i % every == 0 && !report.scan_cut {
            let start = Instant::now();
            let truth = search::lookup_exhaustive(&memory, q, from, to, &options)?;
            scan_t.push(start.elapsed());
            report.scanned += 1;
            report.scan_matches += truth.len();
            report.found += truth
                .iter()
                .filter(|t| found.iter().any(|f| f.unit == t.unit && f.score == t.score))
                .count();
        }
    }
    report.edited = Latency::of(edited_t);
    report.unmatched = Latency::of(unmatched_t);
    report.all = Latency::of(all_t);
    report.scan = Latency::of(scan_t);

    let mut conc_t = Vec::new();
    let mut prng = Rng(0xc0c0);
    for _ in 0..config.phrases {
        let row = &rows[prng.below(rows.len())];
        let words: Vec<&str> = row[0]
            .split(' ')
            .filter(|w| w.chars().all(char::is_alphabetic))
            .collect();
        if words.len() < 2 {
            continue;
        }
        let i = prng.below(words.len() - 1);
        let phrase = format!("{} {}", words[i], words[i + 1]);
        let start = Instant::now();
        search::concordance(&memory, &phrase, from, Some(to), 20)?;
        conc_t.push(start.elapsed());
    }
    report.concordance = Latency::of(conc_t);
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generation_is_deterministic_and_varies_numbers() {
        let rows = vec![vec![
            "Trade rose 3 percent in Baku.".to_string(),
            "Ticarət 3 faiz artıb.".to_string(),
        ]];
        let (mut a, mut b) = (Rng(1), Rng(1));
        let langs = [
            Lang::parse("en").expect("tag"),
            Lang::parse("az").expect("tag"),
        ];
        let first = generate(&rows, &langs, &mut a);
        assert_eq!(first, generate(&rows, &langs, &mut b));
        let number = first.1[0]
            .split(' ')
            .rfind(|w| is_number(w))
            .expect("a new number")
            .to_string();
        assert!(first.1[1].contains(&format!(" {number} ")), "{first:?}");
    }

    #[test]
    fn the_near_duplicate_benchmark_runs_end_to_end_with_full_recall() {
        let dir = tempfile::tempdir().expect("tempdir");
        let data = dir.path().join("data");
        std::fs::create_dir_all(data.join("en-az")).expect("folder");
        let en = "Trade rose 3 percent in Baku, officials said on Monday.\n\
                  The talks ended, and the delegations left for Ankara.\n\
                  President Ilham Aliyev received the delegation of 12 members.\n";
        let az = "Ticarət 3 faiz artıb, rəsmilər bazar ertəsi bildirib.\n\
                  Danışıqlar başa çatıb, nümayəndə heyətləri Ankaraya yola düşüb.\n\
                  Prezident İlham Əliyev 12 nəfərlik nümayəndə heyətini qəbul edib.\n";
        std::fs::write(data.join("en-az/all.en"), en).expect("write");
        std::fs::write(data.join("en-az/all.az"), az).expect("write");
        let config = Config {
            shape: Shape::NearDuplicate,
            data,
            samples: None,
            db: dir.path().join("bench.db"),
            units: 400,
            langs: vec![
                Lang::parse("en").expect("tag"),
                Lang::parse("az").expect("tag"),
            ],
            edited: 20,
            unmatched: 5,
            scanned: 25,
            phrases: 0,
            min_score: 0.5,
            limit: 5,
            reuse: false,
            scan_budget_s: None,
            rebuild_index: true,
            queries_out: Some(dir.path().join("queries.txt")),
        };
        let report = run(&config).expect("benchmark");
        assert_eq!(report.shape, Shape::NearDuplicate);
        assert_eq!(report.templates, 3);
        // A young archive of 400 units: families a tenth of the memory at most (40 units).
        assert_eq!((report.families, report.largest_family), (208, 40));
        assert_eq!(report.generated, 400);
        assert!(
            report.stored > 100 && report.stored <= 400,
            "{}",
            report.stored
        );
        assert_eq!(report.scanned, 25);
        assert_eq!(report.found, report.scan_matches);
        assert!(report.scan_matches >= 5 * 19, "{}", report.scan_matches);
        assert_eq!(report.edited_with_match, 20);
        assert!(!report.scan_cut);
        assert!(report.index_s > 0.0);
        let written = std::fs::read_to_string(dir.path().join("queries.txt")).expect("queries");
        assert_eq!(written.lines().count(), 25);
    }

    #[test]
    fn replace_word_keeps_punctuation() {
        assert_eq!(
            replace_word("in Baku, today", "Baku", "Ganja"),
            "in Ganja, today"
        );
    }
}
