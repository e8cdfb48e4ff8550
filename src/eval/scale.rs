//! How time and memory grow with the input (issue #16): segmentation, import, concordance and
//! alignment of NTREX text repeated to a given number of lines.
//!
//! The input of size `lines` is the first `lines` lines of ntrex-dev's `en-ru/all.en` and `all.ru`
//! repeated; in the `k`-th repetition (k ≥ 1) each line starts with `Copy k: `, so that the import
//! stores every line as a unit of its own instead of merging the repeats. [`prepare`] writes, for one
//! size, the English and Russian running text without blank lines (one paragraph each: what made
//! `align` quadratic) and a TSV file of the line pairs.
//!
//! Each stage ([`Stage`]) is meant to run in a fresh process (`tmkit eval scale` starts itself once per
//! stage and size), so that the peak RSS it reports ([`peak_rss_mb`], `VmHWM` of `/proc/self/status`)
//! is that stage's own: an allocator keeps freed memory, so a peak taken after another stage in the
//! same process would be wrong either way.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::align::{self, Options};
use crate::ingest::{self, Doc};
use crate::lang::Lang;
use crate::search;
use crate::segment::Segmenter;
use crate::tm::Memory;
use crate::tmx::tsv::TsvReader;

/// A scale evaluation that could not run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("cannot read or write {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The data folder is not as its README describes.
    #[error(transparent)]
    Data(#[from] super::ntrex::Error),
    /// The library failed.
    #[error(transparent)]
    Tmkit(#[from] crate::Error),
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Segmenting the English running text.
    Segment,
    /// Importing the TSV file of line pairs into a fresh memory.
    Import,
    /// A concordance search (`said` in English, with Russian) in the memory the import made.
    Concordance,
    /// Aligning the English with the Russian text (each one paragraph), as `tmkit align` does.
    Align,
    /// [`Stage::Align`] with the band at its full width `min_band + |n − m|` whatever the size: the
    /// search before issue #16.
    AlignFullBand,
}

impl Stage {
    /// Every stage, in the order of the table.
    pub const ALL: [Stage; 5] = [
        Stage::Segment,
        Stage::Import,
        Stage::Concordance,
        Stage::Align,
        Stage::AlignFullBand,
    ];

    /// The stage's name (`--stage`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Segment => "segment",
            Stage::Import => "import",
            Stage::Concordance => "concordance",
            Stage::Align => "align",
            Stage::AlignFullBand => "align-full-band",
        }
    }

    /// The stage of a name.
    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.as_str() == name)
    }
}

/// The files of one size, in `dir`.
pub struct Inputs {
    /// English running text.
    pub en: PathBuf,
    /// Russian running text.
    pub ru: PathBuf,
    /// `en<TAB>ru` line pairs.
    pub tsv: PathBuf,
    /// The memory the import makes and the concordance reads.
    pub memory: PathBuf,
}

/// The file names of size `lines` in `dir`.
pub fn inputs(dir: &Path, lines: usize) -> Inputs {
    Inputs {
        en: dir.join(format!("{lines}.en.txt")),
        ru: dir.join(format!("{lines}.ru.txt")),
        tsv: dir.join(format!("{lines}.tsv")),
        memory: dir.join(format!("{lines}.db")),
    }
}

/// Writes the inputs of size `lines` into `dir` from the ntrex-dev folder `data`.
///
/// # Errors
/// [`Error::Data`] when `data` lacks `en-ru/all.en` or `all.ru`, [`Error::Io`] when a file cannot be
/// written.
pub fn prepare(data: &Path, dir: &Path, lines: usize) -> Result<Inputs, Error> {
    let en_all = super::ntrex::read(&data.join("en-ru/all.en"))?;
    let ru_all = super::ntrex::read(&data.join("en-ru/all.ru"))?;
    let pairs: Vec<(&str, &str)> = en_all
        .lines()
        .zip(ru_all.lines())
        .filter(|(e, r)| !e.trim().is_empty() && !r.trim().is_empty() && !e.contains('\t'))
        .collect();
    let files = inputs(dir, lines);
    let (mut en, mut ru, mut tsv) = (String::new(), String::new(), String::from("en\tru\n"));
    for (i, (e, r)) in pairs.iter().cycle().take(lines).enumerate() {
        let prefix = match i / pairs.len().max(1) {
            0 => String::new(),
            k => format!("Copy {k}: "),
        };
        let _ = writeln!(en, "{prefix}{e}");
        let _ = writeln!(ru, "{prefix}{r}");
        let _ = writeln!(tsv, "{prefix}{e}\t{prefix}{r}");
    }
    for (path, text) in [(&files.en, en), (&files.ru, ru), (&files.tsv, tsv)] {
        std::fs::write(path, text).map_err(io(path))?;
    }
    Ok(files)
}

/// Runs one stage on the inputs of size `lines` in `dir` (the import's memory must exist for the
/// concordance); returns its seconds and a count that shows it did the work (sentences, units
/// stored, units found, beads).
///
/// # Errors
/// The library's errors, [`Error::Io`] when the inputs cannot be read.
pub fn run_stage(stage: Stage, dir: &Path, lines: usize) -> Result<(f64, usize), Error> {
    let files = inputs(dir, lines);
    let en = Lang::parse("en").map_err(crate::Error::from)?;
    let ru = Lang::parse("ru").map_err(crate::Error::from)?;
    let started = Instant::now();
    let count = match stage {
        Stage::Segment => {
            let text = std::fs::read_to_string(&files.en).map_err(io(&files.en))?;
            Segmenter::for_lang(&en).segment(&text).len()
        }
        Stage::Import => {
            for suffix in ["", "-wal", "-shm"] {
                let path = PathBuf::from(format!("{}{suffix}", files.memory.display()));
                if path.exists() {
                    std::fs::remove_file(&path).map_err(io(&path))?;
                }
            }
            let mut memory = Memory::open(&files.memory).map_err(crate::Error::from)?;
            let file = std::fs::File::open(&files.tsv).map_err(io(&files.tsv))?;
            let reader = TsvReader::new(std::io::BufReader::new(file), Some(files.tsv.clone()))
                .map_err(crate::Error::from)?;
            let report = ingest::import::import_tsv(
                &mut memory,
                reader,
                &files.tsv.display().to_string(),
                "scale",
                false,
                |_| {},
            )
            .map_err(crate::Error::from)?;
            report.units as usize
        }
        Stage::Concordance => {
            let memory = Memory::open_read_only(&files.memory).map_err(crate::Error::from)?;
            memory.prepare_lookups().map_err(crate::Error::from)?;
            let found = search::concordance(&memory, "said", &en, Some(&ru), 20)
                .map_err(crate::Error::from)?;
            found.total
        }
        Stage::Align | Stage::AlignFullBand => {
            let read = |path: &Path, lang: &Lang| {
                Doc::read(path, lang.clone(), false).map_err(|e| Error::from(crate::Error::from(e)))
            };
            let source = read(&files.en, &en)?;
            let target = read(&files.ru, &ru)?;
            let mut options = Options::default();
            if stage == Stage::AlignFullBand {
                options.full_band_states = usize::MAX;
                options.max_states = usize::MAX;
            }
            let lexicon = ingest::lexicon_for(&en, &ru, None).map_err(crate::Error::from)?;
            let a = align::align_two_pass(&source.side(), &target.side(), &lexicon, &options);
            a.beads.len()
        }
    };
    Ok((started.elapsed().as_secs_f64(), count))
}

/// This process's peak resident set size in MB (`VmHWM`), None where `/proc` does not tell.
pub fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_is_found_by_its_name() {
        for stage in Stage::ALL {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
        assert_eq!(Stage::parse("export"), None);
    }

    #[test]
    fn the_stages_run_on_inputs_made_from_a_small_data_folder() {
        let data = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(data.path().join("en-ru")).expect("en-ru");
        std::fs::write(
            data.path().join("en-ru/all.en"),
            "The minister said the talks went well. They will meet again.\nPrices rose by 5 percent.\n",
        )
        .expect("en");
        std::fs::write(
            data.path().join("en-ru/all.ru"),
            "Министр сказал, что переговоры прошли хорошо. Они встретятся снова.\nЦены выросли на 5 процентов.\n",
        )
        .expect("ru");
        let dir = tempfile::tempdir().expect("tempdir");
        let files = prepare(data.path(), dir.path(), 5).expect("prepare");
        let tsv = std::fs::read_to_string(&files.tsv).expect("tsv");
        assert_eq!(tsv.lines().count(), 6);
        assert!(
            tsv.lines()
                .nth(3)
                .expect("line")
                .starts_with("Copy 1: The minister"),
            "{tsv}"
        );
        let count = |stage| run_stage(stage, dir.path(), 5).expect("runs").1;
        assert_eq!(count(Stage::Segment), 8);
        assert_eq!(count(Stage::Import), 5);
        assert_eq!(count(Stage::Concordance), 3);
        assert_eq!(count(Stage::Align), count(Stage::AlignFullBand));
    }
}
