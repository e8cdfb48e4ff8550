//! Growth curves (issue #15, item 7): how import, size, lookup and concordance cost grow with the
//! memory, for both shapes of the fuzzy benchmark.
//!
//! Each point is one run of [`fuzzy::run`](super::fuzzy::run) on a fresh memory of one shape and
//! size: the import with indexing (units/s of the whole import, generation on a second thread, as
//! `tmkit import` parses on one), the database file against the raw text it holds, lookup latency over
//! the benchmark's edited and unmatched queries, concordance latency of two-word phrases, and the
//! exhaustive scan with the index's recall against it where the scans fit in a time budget (at the
//! sizes where they do not, the first scan is still timed, so the scan's own growth shows). The index
//! is not rebuilt a second time (`tmkit eval fuzzy` times that).
//!
//! A 5M-unit memory takes several GB: each point's memory is deleted once measured unless the caller
//! keeps it.

use std::path::{Path, PathBuf};

use super::fuzzy::{self, Report, Shape};
use crate::lang::Lang;

/// What every point of the curves shares.
#[derive(Clone, Debug)]
pub struct Config {
    /// The ntrex-dev folder.
    pub data: PathBuf,
    /// The samples folder (its aligned article adds templates), if any.
    pub samples: Option<PathBuf>,
    /// The folder the memories are written to.
    pub dir: PathBuf,
    /// Languages of each unit (the first is the lookup's source side).
    pub langs: Vec<Lang>,
    /// Edited queries per point.
    pub edited: usize,
    /// Queries without a match per point.
    pub unmatched: usize,
    /// Queries also answered by the exhaustive scan, where the scans fit in `scan_budget_s`.
    pub scanned: usize,
    /// Seconds all the scans of a point may take together.
    pub scan_budget_s: f64,
    /// Two-word concordance queries per point.
    pub phrases: usize,
    /// Lookup threshold.
    pub min_score: f32,
    /// Matches per lookup.
    pub limit: usize,
    /// Whether to keep each point's memory instead of deleting it once measured.
    pub keep: bool,
}

/// One point of the curves.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Point {
    /// Units generated.
    pub units: usize,
    /// The memory, when kept.
    pub kept: Option<PathBuf>,
    /// The measurements.
    #[serde(flatten)]
    pub report: Report,
}

/// The memory file of a point.
pub fn db_path(dir: &Path, shape: Shape, units: usize) -> PathBuf {
    let shape = match shape {
        Shape::News => "news",
        Shape::NearDuplicate => "near-duplicate",
    };
    dir.join(format!("growth-{shape}-{units}.db"))
}

/// Measures one point: a fresh memory of `units` units of `shape` in the config's folder.
///
/// # Errors
/// The benchmark's errors; [`fuzzy::Error::Remove`] when the memory cannot be deleted afterwards.
pub fn measure(config: &Config, shape: Shape, units: usize) -> Result<Point, fuzzy::Error> {
    let db = db_path(&config.dir, shape, units);
    let report = fuzzy::run(&fuzzy::Config {
        shape,
        data: config.data.clone(),
        samples: config.samples.clone(),
        db: db.clone(),
        units,
        langs: config.langs.clone(),
        edited: config.edited,
        unmatched: config.unmatched,
        scanned: config.scanned,
        phrases: config.phrases,
        min_score: config.min_score,
        limit: config.limit,
        scan_budget_s: Some(config.scan_budget_s),
        reuse: false,
        rebuild_index: false,
        queries_out: None,
    })?;
    if !config.keep {
        fuzzy::remove_memory(&db)?;
    }
    Ok(Point {
        units,
        kept: config.keep.then_some(db),
        report,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path, keep: bool) -> Config {
        let data = dir.join("data");
        std::fs::create_dir_all(data.join("en-az")).expect("folder");
        let en = "Trade rose 3 percent in Baku, officials said on Monday.\n\
                  The talks ended, and the delegations left for Ankara.\n";
        let az = "Ticarət 3 faiz artıb, rəsmilər bazar ertəsi bildirib.\n\
                  Danışıqlar başa çatıb, nümayəndə heyətləri Ankaraya yola düşüb.\n";
        std::fs::write(data.join("en-az/all.en"), en).expect("write");
        std::fs::write(data.join("en-az/all.az"), az).expect("write");
        Config {
            data,
            samples: None,
            dir: dir.to_path_buf(),
            langs: vec![
                Lang::parse("en").expect("tag"),
                Lang::parse("az").expect("tag"),
            ],
            edited: 6,
            unmatched: 2,
            scanned: 4,
            scan_budget_s: 30.0,
            phrases: 3,
            min_score: 0.5,
            limit: 5,
            keep,
        }
    }

    #[test]
    fn a_point_is_measured_and_its_memory_deleted() {
        let dir = tempfile::tempdir().expect("tempdir");
        let point = measure(&config(dir.path(), false), Shape::News, 300).expect("point");
        assert_eq!((point.units, point.report.generated), (300, 300));
        assert!(point.report.stored > 0 && point.report.stored <= 300);
        assert!(point.report.db_bytes > point.report.text_bytes);
        assert_eq!(point.report.index_s, 0.0, "no second index build");
        assert_eq!((point.report.scanned, point.report.scan_cut), (4, false));
        assert_eq!(point.report.found, point.report.scan_matches);
        assert_eq!(point.kept, None);
        assert!(!db_path(dir.path(), Shape::News, 300).exists());
    }

    #[test]
    fn a_kept_memory_stays_and_a_spent_budget_stops_the_scans() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut config = config(dir.path(), true);
        config.scan_budget_s = 0.0;
        let point = measure(&config, Shape::NearDuplicate, 200).expect("point");
        let db = db_path(dir.path(), Shape::NearDuplicate, 200);
        assert_eq!(point.kept.as_deref(), Some(db.as_path()));
        assert!(db.exists());
        // The first scan is timed, the budget of 0 s then stops the rest.
        assert_eq!((point.report.scanned, point.report.scan_cut), (1, true));
    }
}
