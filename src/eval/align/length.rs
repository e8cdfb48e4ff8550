//! Fitting the aligner's length models ([`LengthModel::fit`]) to the line-aligned sentences of one
//! part of ntrex-dev (`all.en` against `all.<lang>`, the documents of the part only): the numbers
//! `LengthModel::for_pair` ships are this fit on the tuning part.

use std::path::Path;

use crate::Lang;
use crate::align::length::LengthModel;
use crate::eval::ntrex::{self, Error};
use crate::eval::split::Part;

/// A fitted model and the sentence pairs it was fitted on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fit {
    /// Sentence pairs.
    pub sentences: usize,
    /// The model.
    pub model: LengthModel,
}

/// Fits English → `tgt` on the gold sentence pairs of `part` in `pair_dir` (`all.en`, `all.<tgt>`).
///
/// # Errors
/// A missing or malformed file of the data folder.
pub fn fit_pair(pair_dir: &Path, tgt: &Lang, part: Part) -> Result<Option<Fit>, Error> {
    let en = Lang::parse("en").expect("'en' is a valid language tag");
    let all_en = ntrex::read(&pair_dir.join("all.en"))?;
    let all_tgt = ntrex::read(&pair_dir.join(format!("all.{}", tgt.language())))?;
    let (all_en, all_tgt): (Vec<&str>, Vec<&str>) =
        (all_en.lines().collect(), all_tgt.lines().collect());
    let mut pairs = Vec::new();
    for row in ntrex::index(pair_dir, part)? {
        if !row.selected {
            continue;
        }
        let (src, tgt) = (row.gold(&all_en)?, row.gold(&all_tgt)?);
        pairs.extend(src.iter().copied().zip(tgt.iter().copied()));
    }
    Ok(
        LengthModel::fit(pairs.iter().copied(), &en, tgt).map(|model| Fit {
            sentences: pairs.len(),
            model,
        }),
    )
}
