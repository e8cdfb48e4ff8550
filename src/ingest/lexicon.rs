//! The memory's learned lexicon: word co-occurrence counts over the aligned units stored, per language
//! pair, from which [`Memory::learned_lexicon`] derives word translations by Dice coefficient (see
//! [`crate::align::lexicon`]). [`Memory::learn_lexicon`] adds the counts of new sentence pairs; it is
//! called when aligned units are stored (`tmkit align --store`, `tmkit align-dir --store`).
//!
//! The counting and the Dice coefficient are the aligner's ([`Counts`]); the memory stores and reads
//! the counts as plain rows ([`crate::tm::lexicon`]). These two methods of [`Memory`] live here, where
//! both may be used.

use crate::align::lexicon::{Counts, Lexicon, MIN_COOCCURRENCE};
use crate::lang::Lang;
use crate::tm::lexicon::LexiconCounts;
use crate::tm::{Error, Memory};

impl Memory {
    /// Adds the word co-occurrences of aligned `(source, target)` text pairs to the memory's counts,
    /// in one transaction.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is added then.
    pub fn learn_lexicon(
        &mut self,
        src: &Lang,
        tgt: &Lang,
        pairs: &[(String, String)],
    ) -> Result<(), Error> {
        let mut counts = Counts::default();
        for (s, t) in pairs {
            counts.add(src, s, tgt, t);
        }
        let counts = LexiconCounts {
            units: counts.units,
            src: counts.src,
            tgt: counts.tgt,
            pair: counts.pair,
        };
        self.add_lexicon_counts(src, tgt, &counts)
    }

    /// The word translations the stored counts support for `src` → `tgt` (also read from the counts of
    /// `tgt` → `src`, turned round).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn learned_lexicon(&self, src: &Lang, tgt: &Lang) -> Result<Lexicon, Error> {
        let forward = self.lexicon_counts(src, tgt, MIN_COOCCURRENCE)?;
        let backward = self.lexicon_counts(tgt, src, MIN_COOCCURRENCE)?;
        let mut lexicon = as_counts(forward, false).to_lexicon();
        lexicon.extend(&as_counts(backward, true).to_lexicon());
        Ok(lexicon)
    }
}

/// Stored counts as the aligner's, turned round (so they read target → source) when `swap`.
fn as_counts(stored: LexiconCounts, swap: bool) -> Counts {
    if !swap {
        return Counts {
            units: stored.units,
            src: stored.src,
            tgt: stored.tgt,
            pair: stored.pair,
        };
    }
    Counts {
        units: stored.units,
        src: stored.tgt,
        tgt: stored.src,
        pair: stored
            .pair
            .into_iter()
            .map(|((s, t), n)| ((t, s), n))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_pair_seen_twice_becomes_a_translation_in_both_directions() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let en = Lang::parse("en").expect("en");
        let az = Lang::parse("az").expect("az");
        let pairs = vec![
            (
                "The parliament voted.".to_string(),
                "Parlament səs verdi.".to_string(),
            ),
            (
                "The parliament met.".to_string(),
                "Parlament toplandı.".to_string(),
            ),
        ];
        memory.learn_lexicon(&en, &az, &pairs).expect("learned");
        let lexicon = memory.learned_lexicon(&en, &az).expect("read");
        assert!(lexicon.get("parlia").contains(&"parlam".to_string()));
        let back = memory.learned_lexicon(&az, &en).expect("read");
        assert!(back.get("parlam").contains(&"parlia".to_string()));
    }
}
