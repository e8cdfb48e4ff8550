//! TMX at scale: a generated memory of N bilingual (en–az) units is exported to TMX and the file is
//! imported into a fresh memory, timing both and reading the process's peak resident set size
//! (`VmHWM` in `/proc/self/status`, reset between phases by writing `5` to `/proc/self/clear_refs`).
//!
//! `clear_refs` resets the peak to the current RSS, so the export's peak includes heap the generation
//! left behind; `/usr/bin/time -v tmkit export …` in a fresh process measures the export alone.
//!
//! The answer is checked before it is reported: the export must hold N units and the import must
//! store N new units. Run it on a release build (`tmkit eval tmx --units 1000000 --dir /tmp/x`).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use crate::ingest::import::import_tmx;
use crate::lang::Lang;
use crate::tm::bulk::pipelined;
use crate::tm::unit::Prepared;
use crate::tm::{ExportFilter, Memory, for_each_unit};
use crate::tmx::{LangStyle, TmxReader, TmxWriter, WriteHeader};
use crate::unit::{NewUnit, NewVariant, Origin, Status};

/// The measurements.
#[derive(Clone, Debug, serde::Serialize)]
pub struct TmxEval {
    /// Units generated, exported and imported.
    pub units: u64,
    /// Seconds to generate the memory.
    pub generate_secs: f64,
    /// Seconds to export it as TMX.
    pub export_secs: f64,
    /// Peak RSS during the export, in MB (None when it cannot be read).
    pub export_peak_rss_mb: Option<f64>,
    /// Size of the TMX file in MB.
    pub tmx_mb: f64,
    /// Seconds to import the file into a fresh memory (one transaction, indexes maintained).
    pub import_secs: f64,
    /// Units imported per second.
    pub import_units_per_sec: f64,
    /// Peak RSS during the import, in MB.
    pub import_peak_rss_mb: Option<f64>,
    /// Whether the peak could be reset between phases (otherwise peaks include earlier phases).
    pub peak_reset: bool,
}

/// An error of the evaluation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The memory.
    #[error(transparent)]
    Tm(#[from] crate::tm::Error),
    /// Any library error.
    #[error(transparent)]
    Crate(#[from] crate::Error),
    /// Files in the work folder.
    #[error("eval tmx: cannot use {path}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A wrong answer: counts do not match.
    #[error("eval tmx: {what}: expected {expected}, found {found}")]
    Wrong {
        /// What was counted.
        what: &'static str,
        /// Expected.
        expected: u64,
        /// Found.
        found: u64,
    },
}

const EN: &[&str] = &[
    "president",
    "received",
    "the",
    "delegation",
    "economic",
    "cooperation",
    "between",
    "countries",
    "talks",
    "were",
    "held",
    "in",
    "Baku",
    "minister",
    "said",
    "agreement",
    "signed",
    "on",
    "energy",
    "transport",
    "and",
    "trade",
    "growth",
    "strategic",
    "partnership",
];
const AZ: &[&str] = &[
    "prezident",
    "qəbul",
    "etdi",
    "nümayəndə",
    "heyətini",
    "iqtisadi",
    "əməkdaşlıq",
    "ölkələr",
    "arasında",
    "danışıqlar",
    "keçirildi",
    "Bakıda",
    "nazir",
    "bildirib",
    "saziş",
    "imzalanıb",
    "enerji",
    "nəqliyyat",
    "və",
    "ticarət",
    "artım",
    "strateji",
    "tərəfdaşlıq",
    "şəhər",
    "ğ",
];

/// A sentence of 10–17 words, distinct for every `i`.
fn sentence(words: &[&str], i: u64, salt: u64) -> String {
    let mut x = i.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(salt) | 1;
    let n = 10 + (x % 8) as usize;
    let mut out = String::with_capacity(120);
    for k in 0..n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if k > 0 {
            out.push(' ');
        }
        out.push_str(words[(x % words.len() as u64) as usize]);
    }
    out.push_str(&format!(" {i}."));
    out
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Generates, exports and imports `units` units in `dir` (which must exist; files are replaced).
///
/// # Errors
/// [`Error`] on any failure, or [`Error::Wrong`] when a count is off.
pub fn run(dir: &Path, units: u64) -> Result<TmxEval, Error> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    let gen_path = dir.join("eval-tmx-source.db");
    let imp_path = dir.join("eval-tmx-import.db");
    let tmx_path = dir.join("eval-tmx.tmx");
    for p in [&gen_path, &imp_path] {
        for suffix in ["", "-wal", "-shm"] {
            let mut name = p.as_os_str().to_owned();
            name.push(suffix);
            let _ = std::fs::remove_file(&name);
        }
    }
    let en = Lang::parse("en").map_err(crate::Error::from)?;
    let az = Lang::parse("az").map_err(crate::Error::from)?;

    let started = Instant::now();
    let mut memory = Memory::open(&gen_path)?;
    memory.load(None, |loader| {
        let generated = (0..units).map(|i| {
            let mut u = NewUnit::new(
                Origin::Aligned,
                vec![
                    NewVariant::new(en.clone(), sentence(EN, i, 1)),
                    NewVariant::new(az.clone(), sentence(AZ, i, 2)),
                ],
            );
            u.confidence = Some(0.5 + (i % 50) as f32 / 100.0);
            u.status = if i % 10 == 0 {
                Status::NeedsReview
            } else {
                Status::Ok
            };
            u.tuid = Some(format!("u{i}"));
            u.created_at = Some(1_720_000_000 + i as i64);
            Prepared::new(u)
        });
        pipelined(generated, |u| -> Result<(), crate::tm::Error> {
            loader.insert(&u?)?;
            Ok(())
        })
    })?;
    let generate_secs = started.elapsed().as_secs_f64();

    let peak_reset = reset_peak();
    let started = Instant::now();
    let file = File::create(&tmx_path).map_err(io(&tmx_path))?;
    let header = WriteHeader {
        srclang: Some(en.clone()),
        creationdate: 1_720_000_000,
        lang_style: LangStyle::Bcp47,
    };
    let mut writer = TmxWriter::new(BufWriter::with_capacity(256 * 1024, file), &header)
        .map_err(crate::Error::from)?;
    let filter = ExportFilter {
        langs: vec![en.clone(), az.clone()],
        require_all: true,
        ..ExportFilter::default()
    };
    let exported = for_each_unit::<crate::Error>(&memory, &filter, |u| Ok(writer.write_unit(u)?))?;
    let out = writer.finish().map_err(crate::Error::from)?;
    out.into_inner()
        .map_err(|e| Error::Io {
            path: tmx_path.display().to_string(),
            source: e.into_error(),
        })?
        .sync_all()
        .map_err(io(&tmx_path))?;
    let export_secs = started.elapsed().as_secs_f64();
    let export_peak_rss_mb = peak_rss_mb();
    drop(memory);
    if exported != units {
        return Err(Error::Wrong {
            what: "units exported",
            expected: units,
            found: exported,
        });
    }
    let tmx_mb = std::fs::metadata(&tmx_path).map_err(io(&tmx_path))?.len() as f64 / 1e6;

    reset_peak();
    let started = Instant::now();
    let mut fresh = Memory::open(&imp_path)?;
    let file = File::open(&tmx_path).map_err(io(&tmx_path))?;
    let reader = TmxReader::new(file, Some(tmx_path.clone())).map_err(crate::Error::from)?;
    let report = import_tmx(&mut fresh, reader, "eval-tmx.tmx", false, |_| {})
        .map_err(crate::Error::from)?;
    let import_secs = started.elapsed().as_secs_f64();
    let import_peak_rss_mb = peak_rss_mb();
    if report.new != units {
        return Err(Error::Wrong {
            what: "units imported",
            expected: units,
            found: report.new,
        });
    }
    Ok(TmxEval {
        units,
        generate_secs,
        export_secs,
        export_peak_rss_mb,
        tmx_mb,
        import_secs,
        import_units_per_sec: units as f64 / import_secs,
        import_peak_rss_mb,
        peak_reset,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_run_exports_and_imports_every_unit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let result = run(dir.path(), 200).expect("runs");
        assert_eq!(result.units, 200);
        assert!(result.tmx_mb > 0.0);
    }
}
