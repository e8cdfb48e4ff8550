//! The split of ntrex-dev into a tuning part and a held-out part, by document.
//!
//! Parameters (bead priors, costs, the length models, segmentation rules, fuzzy thresholds) are fitted on
//! the tuning part; the README reports the held-out part, so that a number says how tmkit does on news it
//! was not tuned on. The split is written down in `src/eval/ntrex-split.tsv` (embedded here): documents
//! whose `doc_index` is a multiple of 4 tune, the others (index ≡ 2 mod 4) are held out. Interleaving by
//! position gives both parts every news source and period of the dev split; a rule rather than a random
//! draw lets anyone recompute it.

use std::collections::HashMap;

/// The split file, one row per ntrex-dev document: `doc_index`, `doc_id`, `part`.
const SPLIT_TSV: &str = include_str!("ntrex-split.tsv");

/// Which documents an evaluation reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    /// The documents parameters are fitted on.
    Tuning,
    /// The documents no parameter was fitted on: the numbers the README reports.
    HeldOut,
    /// Both parts.
    All,
}

impl Part {
    /// The part's name as the split file and the CLI write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Tuning => "tuning",
            Part::HeldOut => "held-out",
            Part::All => "all",
        }
    }

    /// Whether document `doc_id` belongs to this part. A document the split does not list belongs to
    /// [`Part::All`] only: a newer copy of the data with more documents is not silently counted as held out.
    pub fn includes(self, doc_id: &str) -> bool {
        match self {
            Part::All => true,
            part => split().get(doc_id) == Some(&part),
        }
    }
}

impl std::fmt::Display for Part {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The split as a map from document id to its part.
fn split() -> &'static HashMap<&'static str, Part> {
    static SPLIT: std::sync::OnceLock<HashMap<&'static str, Part>> = std::sync::OnceLock::new();
    SPLIT.get_or_init(|| {
        SPLIT_TSV
            .lines()
            .filter(|line| !line.starts_with('#'))
            .skip(1)
            .filter_map(|line| {
                let mut cols = line.split('\t').skip(1);
                let id = cols.next()?;
                let part = match cols.next()? {
                    "tuning" => Part::Tuning,
                    "held-out" => Part::HeldOut,
                    _ => return None,
                };
                Some((id, part))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_split_lists_31_tuning_and_31_held_out_documents() {
        let parts: Vec<Part> = split().values().copied().collect();
        assert_eq!(parts.iter().filter(|&&p| p == Part::Tuning).count(), 31);
        assert_eq!(parts.iter().filter(|&&p| p == Part::HeldOut).count(), 31);
    }

    #[test]
    fn documents_fall_into_their_part_by_index() {
        // bbc.381790 is document 0 (tuning), nytimes.184853 document 2 (held out).
        assert!(Part::Tuning.includes("bbc.381790"));
        assert!(!Part::HeldOut.includes("bbc.381790"));
        assert!(Part::HeldOut.includes("nytimes.184853"));
        assert!(Part::All.includes("nytimes.184853"));
        assert!(!Part::Tuning.includes("not-in-the-split"));
        assert!(Part::All.includes("not-in-the-split"));
    }

    #[test]
    fn every_row_of_the_split_file_is_well_formed() {
        let rows: Vec<&str> = SPLIT_TSV
            .lines()
            .filter(|l| !l.starts_with('#'))
            .skip(1)
            .collect();
        assert_eq!(rows.len(), 62);
        for row in rows {
            let cols: Vec<&str> = row.split('\t').collect();
            assert_eq!(cols.len(), 3, "row {row:?}");
            let index: usize = cols[0].parse().expect("doc_index is a number");
            let expected = if index.is_multiple_of(4) {
                "tuning"
            } else {
                "held-out"
            };
            assert_eq!(cols[2], expected, "row {row:?}");
        }
    }
}
