//! The memory's learned lexicon: word co-occurrence counts over the aligned units stored, per language
//! pair, from which [`Memory::learned_lexicon`] derives word translations by Dice coefficient (see
//! [`crate::align::lexicon`]). [`Memory::learn_lexicon`] adds the counts of new sentence pairs; it is
//! called when aligned units are stored (`tmkit align --store`, `tmkit align-dir --store`).

use rusqlite::{OptionalExtension, params};

use super::{Error, Memory, sql};
use crate::align::lexicon::{Counts, Lexicon};
use crate::lang::Lang;

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
        let (sl, tl) = (src.as_str(), tgt.as_str());
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(sql("starting a transaction"))?;
        tx.prepare_cached(
            "INSERT INTO lexicon_pair_count (src_lang, tgt_lang, units) VALUES (?1, ?2, ?3)
             ON CONFLICT (src_lang, tgt_lang) DO UPDATE SET units = units + excluded.units",
        )
        .and_then(|mut s| s.execute(params![sl, tl, counts.units as i64]))
        .map_err(sql("learning the lexicon"))?;
        {
            let mut word = tx
                .prepare_cached(
                    "INSERT INTO lexicon_word (src_lang, tgt_lang, side, word, n) VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (src_lang, tgt_lang, side, word) DO UPDATE SET n = n + excluded.n",
                )
                .map_err(sql("learning the lexicon"))?;
            for (side, map) in [("src", &counts.src), ("tgt", &counts.tgt)] {
                for (w, n) in map {
                    word.execute(params![sl, tl, side, w, *n as i64])
                        .map_err(sql("learning the lexicon"))?;
                }
            }
            let mut pair = tx
                .prepare_cached(
                    "INSERT INTO lexicon_cooccurrence (src_lang, tgt_lang, src_word, tgt_word, n)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (src_lang, tgt_lang, src_word, tgt_word) DO UPDATE SET n = n + excluded.n",
                )
                .map_err(sql("learning the lexicon"))?;
            for ((s, t), n) in &counts.pair {
                pair.execute(params![sl, tl, s, t, *n as i64])
                    .map_err(sql("learning the lexicon"))?;
            }
        }
        tx.commit().map_err(sql("learning the lexicon"))
    }

    /// The word translations the stored counts support for `src` → `tgt` (also read from the counts of
    /// `tgt` → `src`, turned round).
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn learned_lexicon(&self, src: &Lang, tgt: &Lang) -> Result<Lexicon, Error> {
        let mut lexicon = self.counts(src, tgt, false)?.to_lexicon();
        lexicon.extend(&self.counts(tgt, src, true)?.to_lexicon());
        Ok(lexicon)
    }

    /// The words stored as co-occurring at least `min` times with `word` in the `src` → `tgt` counts,
    /// with their counts: `word` is a source word and the rows its target words, or the other way
    /// round when `reversed`.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn lexicon_cooccurrences(
        &self,
        src: &Lang,
        tgt: &Lang,
        word: &str,
        reversed: bool,
        min: u64,
    ) -> Result<Vec<(String, u64)>, Error> {
        let query = if reversed {
            "SELECT src_word, n FROM lexicon_cooccurrence
             WHERE src_lang = ?1 AND tgt_lang = ?2 AND tgt_word = ?3 AND n >= ?4"
        } else {
            "SELECT tgt_word, n FROM lexicon_cooccurrence
             WHERE src_lang = ?1 AND tgt_lang = ?2 AND src_word = ?3 AND n >= ?4"
        };
        self.conn()
            .prepare_cached(query)
            .and_then(|mut s| {
                s.query_map(params![src.as_str(), tgt.as_str(), word, min as i64], |r| {
                    Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64))
                })?
                .collect()
            })
            .map_err(sql("reading the lexicon"))
    }

    /// In how many learned `src` → `tgt` pairs `word` occurs, on the target side when `target_side`;
    /// None when it was never counted.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn lexicon_word_count(
        &self,
        src: &Lang,
        tgt: &Lang,
        target_side: bool,
        word: &str,
    ) -> Result<Option<u64>, Error> {
        let side = if target_side { "tgt" } else { "src" };
        self.conn()
            .prepare_cached(
                "SELECT n FROM lexicon_word
                 WHERE src_lang = ?1 AND tgt_lang = ?2 AND side = ?3 AND word = ?4",
            )
            .and_then(|mut s| {
                s.query_row(params![src.as_str(), tgt.as_str(), side, word], |r| {
                    r.get::<_, i64>(0)
                })
                .optional()
            })
            .map(|n| n.map(|n| n.max(0) as u64))
            .map_err(sql("reading the lexicon"))
    }

    /// The counts stored for `src` → `tgt`, swapped when `swap` (so they read `tgt` → `src`).
    fn counts(&self, src: &Lang, tgt: &Lang, swap: bool) -> Result<Counts, Error> {
        let (sl, tl) = (src.as_str(), tgt.as_str());
        let conn = self.conn();
        let mut counts = Counts::default();
        let min = crate::align::lexicon::MIN_COOCCURRENCE as i64;
        let mut stmt = conn
            .prepare_cached(
                "SELECT src_word, tgt_word, n FROM lexicon_cooccurrence
                 WHERE src_lang = ?1 AND tgt_lang = ?2 AND n >= ?3",
            )
            .map_err(sql("reading the lexicon"))?;
        let rows = stmt
            .query_map(params![sl, tl, min], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(sql("reading the lexicon"))?;
        for row in rows {
            let (s, t, n) = row.map_err(sql("reading the lexicon"))?;
            let key = if swap { (t, s) } else { (s, t) };
            counts.pair.insert(key, n as u64);
        }
        let mut stmt = conn
            .prepare_cached(
                "SELECT side, word, n FROM lexicon_word WHERE src_lang = ?1 AND tgt_lang = ?2",
            )
            .map_err(sql("reading the lexicon"))?;
        let rows = stmt
            .query_map(params![sl, tl], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(sql("reading the lexicon"))?;
        for row in rows {
            let (side, w, n) = row.map_err(sql("reading the lexicon"))?;
            let to_src = (side == "src") != swap;
            if to_src {
                counts.src.insert(w, n as u64);
            } else {
                counts.tgt.insert(w, n as u64);
            }
        }
        Ok(counts)
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
