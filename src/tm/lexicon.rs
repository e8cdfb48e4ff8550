//! The memory's learned-lexicon counts: word co-occurrence counts over the aligned units stored, per
//! language pair (`memory/0002_lexicon.sql`). This module stores and reads the counts as plain rows;
//! which words are counted, and which translations the counts support (Dice), is the aligner's
//! lexicon's business (`align::lexicon`), brought together with these rows by `ingest::lexicon` and
//! `search::concordance`.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::{Error, Memory, sql};
use crate::lang::Lang;

/// Which side of a language pair a counted word is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The pair's source language.
    Src,
    /// The pair's target language.
    Tgt,
}

impl Side {
    /// The value stored in `lexicon_word.side`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Src => "src",
            Side::Tgt => "tgt",
        }
    }
}

/// Co-occurrence counts of aligned text pairs of one language pair, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LexiconCounts {
    /// Pairs counted.
    pub units: u64,
    /// In how many pairs each source word occurs.
    pub src: HashMap<String, u64>,
    /// In how many pairs each target word occurs.
    pub tgt: HashMap<String, u64>,
    /// In how many pairs each (source word, target word) occurs.
    pub pair: HashMap<(String, String), u64>,
}

impl Memory {
    /// Adds `counts` of `src` → `tgt` text pairs to the stored ones, in one transaction.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is added then.
    pub fn add_lexicon_counts(
        &mut self,
        src: &Lang,
        tgt: &Lang,
        counts: &LexiconCounts,
    ) -> Result<(), Error> {
        let (sl, tl) = (src.as_str(), tgt.as_str());
        let tx = self.write()?;
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
            for (side, map) in [(Side::Src, &counts.src), (Side::Tgt, &counts.tgt)] {
                for (w, n) in map {
                    word.execute(params![sl, tl, side.as_str(), w, *n as i64])
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
        tx.commit("learning the lexicon")
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

    /// In how many learned `src` → `tgt` pairs `word` occurs on `side`; None when it was never
    /// counted.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn lexicon_word_count(
        &self,
        src: &Lang,
        tgt: &Lang,
        side: Side,
        word: &str,
    ) -> Result<Option<u64>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT n FROM lexicon_word
                 WHERE src_lang = ?1 AND tgt_lang = ?2 AND side = ?3 AND word = ?4",
            )
            .and_then(|mut s| {
                s.query_row(
                    params![src.as_str(), tgt.as_str(), side.as_str(), word],
                    |r| r.get::<_, i64>(0),
                )
                .optional()
            })
            .map(|n| n.map(|n| n.max(0) as u64))
            .map_err(sql("reading the lexicon"))
    }

    /// The counts stored for `src` → `tgt`, pairs seen fewer than `min` times left out.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn lexicon_counts(&self, src: &Lang, tgt: &Lang, min: u64) -> Result<LexiconCounts, Error> {
        let (sl, tl) = (src.as_str(), tgt.as_str());
        let conn = self.conn();
        let mut counts = LexiconCounts::default();
        let mut stmt = conn
            .prepare_cached(
                "SELECT src_word, tgt_word, n FROM lexicon_cooccurrence
                 WHERE src_lang = ?1 AND tgt_lang = ?2 AND n >= ?3",
            )
            .map_err(sql("reading the lexicon"))?;
        let rows = stmt
            .query_map(params![sl, tl, min as i64], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .map_err(sql("reading the lexicon"))?;
        for row in rows {
            let (s, t, n) = row.map_err(sql("reading the lexicon"))?;
            counts.pair.insert((s, t), n as u64);
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
            if side == Side::Src.as_str() {
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
    fn added_counts_add_up_and_read_back_above_the_minimum() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let en = Lang::parse("en").expect("en");
        let az = Lang::parse("az").expect("az");
        let mut counts = LexiconCounts {
            units: 1,
            ..LexiconCounts::default()
        };
        counts.src.insert("parlia".into(), 1);
        counts.tgt.insert("parlam".into(), 1);
        counts.pair.insert(("parlia".into(), "parlam".into()), 1);
        memory.add_lexicon_counts(&en, &az, &counts).expect("once");
        assert!(
            memory
                .lexicon_counts(&en, &az, 2)
                .expect("read")
                .pair
                .is_empty()
        );
        memory.add_lexicon_counts(&en, &az, &counts).expect("twice");
        let stored = memory.lexicon_counts(&en, &az, 2).expect("read");
        assert_eq!(
            stored.pair[&("parlia".to_string(), "parlam".to_string())],
            2
        );
        assert_eq!(stored.src["parlia"], 2);
        assert_eq!(
            memory
                .lexicon_word_count(&en, &az, Side::Tgt, "parlam")
                .expect("word"),
            Some(2)
        );
        assert_eq!(
            memory
                .lexicon_cooccurrences(&en, &az, "parlam", true, 2)
                .expect("rows"),
            [("parlia".to_string(), 2)]
        );
    }
}
