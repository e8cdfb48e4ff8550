//! The memory's word-alignment models, one per language pair (`memory/0011_phrase_model.sql`): the
//! bytes of a [`phrase::Model`] (its pruned translation tables) with the number of units it was
//! trained on. This module stores and reads them and the unit pairs they are trained on; training
//! itself, and when to retrain, is `ingest::lexicon`'s business.
//!
//! A pair is stored once, its languages in tag order; [`Memory::phrase_model`] reads it in either
//! direction.
//!
//! **Read once per connection.** A model of a large memory is megabytes that take milliseconds to
//! decode, more than a concordance query may spend on everything else: each [`Memory`] keeps the
//! models it has read, by direction, and answers them again while the stored row is the same one.
//! Which row is told by its stamp, `(trained_at, units, length(model))`: every save makes
//! `trained_at` larger than the one it replaces (a second later than the old one when two saves fall
//! in the same second), so a model saved by any connection or process is read anew, and a pair
//! whose model was removed has none. The stamp is one indexed row read per query.
//!
//! **Stale or not.** Storing units does not retrain the models (`tmkit train` does): the memory
//! records, in `phrase_model_state` (`memory/0013_phrase_model_state.sql`), how far the models
//! know its units, so that a command reading them can say when units came in or changed since
//! ([`Memory::phrase_models_stale`]): a unit stored since has a variant id above the one recorded,
//! an edit, move or deletion of a variant or a unit's change of trust is counted by triggers.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use rusqlite::{OptionalExtension, params};

use super::{Error, Memory, now, sql};
use crate::lang::Lang;
use crate::phrase;

/// What is stored of one language pair's model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelRecord {
    /// The first language (in tag order).
    pub src: String,
    /// The second language.
    pub tgt: String,
    /// Units with both languages it was trained on.
    pub units: u64,
    /// The model's size in bytes.
    pub bytes: u64,
}

/// How far the models know the memory's units (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelState {
    /// The last variant id when the models were last brought up to date.
    pub trained_variant: i64,
    /// The variants edited, moved or deleted and the units re-judged, ever.
    pub changes: i64,
    /// `changes` when the models were last brought up to date.
    pub trained_changes: i64,
    /// The memory's last variant id now.
    pub last_variant: i64,
}

impl ModelState {
    /// Whether units were stored or changed since the models were last brought up to date.
    pub fn is_stale(&self) -> bool {
        self.last_variant > self.trained_variant || self.changes > self.trained_changes
    }

    /// Whether stored units changed in place (edited, moved, deleted, re-judged) since: which pairs
    /// it touched is not recorded, so every pair's model is retrained.
    pub fn has_changes(&self) -> bool {
        self.changes > self.trained_changes
    }
}

/// Which stored row a model was read from: `trained_at`, `units`, byte length.
type Stamp = (i64, i64, i64);

/// The models a connection has read, by direction (source tag, target tag), with the stamp of the
/// row each was read from (see the module docs).
#[derive(Default)]
pub(crate) struct ModelCache(RefCell<HashMap<Direction, (Stamp, Arc<phrase::Model>)>>);

/// A model's direction: (source tag, target tag).
type Direction = (String, String);

impl ModelCache {
    fn get(&self, key: &Direction, stamp: Stamp) -> Option<Arc<phrase::Model>> {
        self.0
            .borrow()
            .get(key)
            .filter(|(s, _)| *s == stamp)
            .map(|(_, model)| Arc::clone(model))
    }

    fn put(&self, key: Direction, stamp: Stamp, model: Arc<phrase::Model>) {
        self.0.borrow_mut().insert(key, (stamp, model));
    }

    fn clear(&self) {
        self.0.borrow_mut().clear();
    }
}

/// `(a, b)` in tag order, and whether that swapped them.
fn ordered<'a>(a: &'a Lang, b: &'a Lang) -> (&'a Lang, &'a Lang, bool) {
    if a.as_str() <= b.as_str() {
        (a, b, false)
    } else {
        (b, a, true)
    }
}

impl Memory {
    /// Stores the model of `model.src_lang()`–`model.tgt_lang()`, trained on `units` units,
    /// replacing the pair's model (in either direction), in one transaction.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing changes then.
    pub fn save_phrase_model(&mut self, model: &phrase::Model, units: u64) -> Result<(), Error> {
        let (a, b, swapped) = ordered(model.src_lang(), model.tgt_lang());
        let bytes = if swapped {
            model.reversed().to_bytes()
        } else {
            model.to_bytes()
        };
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO phrase_model (src_lang, tgt_lang, units, trained_at, model)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (src_lang, tgt_lang) DO UPDATE SET
               units = excluded.units,
               trained_at = max(excluded.trained_at, phrase_model.trained_at + 1),
               model = excluded.model",
        )
        .and_then(|mut s| s.execute(params![a.as_str(), b.as_str(), units as i64, now(), bytes]))
        .map_err(sql("storing the phrase model"))?;
        tx.commit("storing the phrase model")?;
        self.models.clear();
        Ok(())
    }

    /// The stored model of `src` → `tgt` (read the other way round when it is stored as
    /// `tgt`–`src`), or None when the pair has none. Read from the memory once per connection and
    /// stored row (see the module docs).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::PhraseModel`] for stored bytes that do not read back.
    pub fn phrase_model(
        &self,
        src: &Lang,
        tgt: &Lang,
    ) -> Result<Option<Arc<phrase::Model>>, Error> {
        let (a, b, swapped) = ordered(src, tgt);
        let stamp: Option<Stamp> = self
            .conn()
            .prepare_cached(
                "SELECT trained_at, units, length(model) FROM phrase_model
                 WHERE src_lang = ?1 AND tgt_lang = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![a.as_str(), b.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
            })
            .map_err(sql("reading the phrase model"))?;
        let Some(stamp) = stamp else {
            return Ok(None);
        };
        let key = (src.as_str().to_owned(), tgt.as_str().to_owned());
        if let Some(model) = self.models.get(&key, stamp) {
            return Ok(Some(model));
        }
        // The stamp again with the bytes: a save committed in between is read with its own stamp.
        let row: Option<(Stamp, Vec<u8>)> = self
            .conn()
            .prepare_cached(
                "SELECT trained_at, units, length(model), model FROM phrase_model
                 WHERE src_lang = ?1 AND tgt_lang = ?2",
            )
            .and_then(|mut s| {
                s.query_row(params![a.as_str(), b.as_str()], |r| {
                    Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?))
                })
                .optional()
            })
            .map_err(sql("reading the phrase model"))?;
        let Some((stamp, bytes)) = row else {
            return Ok(None);
        };
        let model = phrase::Model::from_bytes(&bytes).map_err(|source| Error::PhraseModel {
            src: a.as_str().to_owned(),
            tgt: b.as_str().to_owned(),
            source,
        })?;
        let model = Arc::new(if swapped { model.reversed() } else { model });
        self.models.put(key, stamp, Arc::clone(&model));
        Ok(Some(model))
    }

    /// Records written forms of `lang` words with their stems (see `memory/0011_phrase_model.sql`),
    /// in one transaction; forms already recorded are left as they are.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is recorded then.
    pub fn add_phrase_forms(
        &mut self,
        lang: &Lang,
        forms: &[(String, String)],
    ) -> Result<(), Error> {
        let tx = self.write()?;
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO phrase_form (lang, stem, form) VALUES (?1, ?2, ?3)",
                )
                .map_err(sql("recording word forms"))?;
            for (stem, form) in forms {
                insert
                    .execute(params![lang.as_str(), stem, form])
                    .map_err(sql("recording word forms"))?;
            }
        }
        tx.commit("recording word forms")
    }

    /// The written forms recorded for `stem` in `lang`, in order.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn phrase_forms(&self, lang: &Lang, stem: &str) -> Result<Vec<String>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT form FROM phrase_form WHERE lang = ?1 AND stem = ?2 ORDER BY form",
            )
            .and_then(|mut s| {
                s.query_map(params![lang.as_str(), stem], |r| r.get(0))?
                    .collect()
            })
            .map_err(sql("reading word forms"))
    }

    /// Where the models' knowledge of the memory's units stands ([`ModelState`]): one row and one
    /// index probe, cheap enough for every command that reads a model.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn phrase_model_state(&self) -> Result<ModelState, Error> {
        self.conn()
            .prepare_cached(
                "SELECT trained_variant, changes, trained_changes,
                        coalesce((SELECT max(id) FROM variant), 0)
                 FROM phrase_model_state WHERE id = 1",
            )
            .and_then(|mut s| {
                s.query_row([], |r| {
                    Ok(ModelState {
                        trained_variant: r.get(0)?,
                        changes: r.get(1)?,
                        trained_changes: r.get(2)?,
                        last_variant: r.get(3)?,
                    })
                })
            })
            .map_err(sql("reading the phrase models' state"))
    }

    /// Whether units were stored or changed since the models were last brought up to date
    /// ([`Memory::set_phrase_models_current`]): what a command reading a model tells its user.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn phrase_models_stale(&self) -> Result<bool, Error> {
        Ok(self.phrase_model_state()?.is_stale())
    }

    /// Records that the models know the memory as `state` saw it (read before they were trained, so
    /// that what was written during the training still counts as new).
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing changes then.
    pub fn set_phrase_models_current(&mut self, state: &ModelState) -> Result<(), Error> {
        let tx = self.write()?;
        tx.prepare_cached(
            "UPDATE phrase_model_state SET trained_variant = ?1, trained_changes = ?2 WHERE id = 1",
        )
        .and_then(|mut s| s.execute(params![state.last_variant, state.changes]))
        .map_err(sql("recording the phrase models' state"))?;
        tx.commit("recording the phrase models' state")
    }

    /// Every stored model's pair, training size and byte size, by pair.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn phrase_models(&self) -> Result<Vec<ModelRecord>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT src_lang, tgt_lang, units, length(model) FROM phrase_model
                 ORDER BY src_lang, tgt_lang",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok(ModelRecord {
                        src: r.get(0)?,
                        tgt: r.get(1)?,
                        units: r.get::<_, i64>(2)?.max(0) as u64,
                        bytes: r.get::<_, i64>(3)?.max(0) as u64,
                    })
                })?
                .collect()
            })
            .map_err(sql("reading the phrase models"))
    }

    /// For each pair of languages that some trusted unit (status `ok`, or approved) holds both of,
    /// in tag order, how many such units there are.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn trusted_pair_counts(&self) -> Result<Vec<(String, String, u64)>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT a.lang, b.lang, COUNT(*) FROM unit u
                 JOIN variant a ON a.unit_id = u.id
                 JOIN variant b ON b.unit_id = u.id AND a.lang < b.lang
                 WHERE u.status = 'ok' OR u.approved_at IS NOT NULL
                 GROUP BY a.lang, b.lang ORDER BY a.lang, b.lang",
            )
            .and_then(|mut s| {
                s.query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)?.max(0) as u64))
                })?
                .collect()
            })
            .map_err(sql("counting the units of each language pair"))
    }

    /// The `(src text, tgt text)` of every trusted unit (status `ok`, or approved) with both
    /// languages, by unit id: what a phrase model is trained on.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn trusted_pairs(&self, src: &Lang, tgt: &Lang) -> Result<Vec<(String, String)>, Error> {
        self.conn()
            .prepare_cached(
                "SELECT a.text, b.text FROM variant a
                 JOIN variant b ON b.unit_id = a.unit_id AND b.lang = ?2
                 JOIN unit u ON u.id = a.unit_id
                 WHERE a.lang = ?1 AND (u.status = 'ok' OR u.approved_at IS NOT NULL)
                 ORDER BY a.unit_id",
            )
            .and_then(|mut s| {
                s.query_map(params![src.as_str(), tgt.as_str()], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect()
            })
            .map_err(sql("reading the units of a language pair"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    #[test]
    fn a_stored_model_reads_back_in_both_directions() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let (ru, en) = (lang("ru"), lang("en"));
        assert!(memory.phrase_model(&en, &ru).expect("read").is_none());
        let pairs = [("дом", "house"), ("большой дом", "big house")];
        let model = phrase::Model::train(pairs.iter().copied(), &ru, &en);
        memory.save_phrase_model(&model, 2).expect("save");
        let forward = memory
            .phrase_model(&en, &ru)
            .expect("read")
            .expect("stored");
        assert_eq!(forward.src_lang(), &en);
        assert_eq!(forward.translations("house")[0].0, "дом");
        let back = memory
            .phrase_model(&ru, &en)
            .expect("read")
            .expect("stored");
        assert_eq!(back.translations("дом")[0].0, "hous");
        let records = memory.phrase_models().expect("records");
        assert_eq!(records.len(), 1);
        assert_eq!(
            (records[0].src.as_str(), records[0].tgt.as_str()),
            ("en", "ru")
        );
        assert_eq!(records[0].units, 2);
        assert_eq!(records[0].bytes, model.to_bytes().len() as u64);
    }

    #[test]
    fn a_model_is_decoded_once_per_connection_and_again_after_any_save() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut writer = Memory::open(&path).expect("memory");
        let (ru, en) = (lang("ru"), lang("en"));
        let first = phrase::Model::train([("дом", "house")], &ru, &en);
        writer.save_phrase_model(&first, 1).expect("save");
        let reader = Memory::open_read_only(&path).expect("reader");
        let read = reader
            .phrase_model(&en, &ru)
            .expect("read")
            .expect("stored");
        let again = reader
            .phrase_model(&en, &ru)
            .expect("read")
            .expect("stored");
        assert!(Arc::ptr_eq(&read, &again));
        assert_eq!(read.translations("house")[0].0, "дом");
        // The other direction is a model of its own.
        let back = reader
            .phrase_model(&ru, &en)
            .expect("read")
            .expect("stored");
        assert_eq!(back.translations("дом")[0].0, "hous");
        // Another connection saves a model of the same size on as many units, within the same
        // second as often as not: the stored row's trained_at still moves on, and the reader sees it.
        let trained_at = |m: &Memory| -> i64 {
            m.conn()
                .query_row("SELECT trained_at FROM phrase_model", [], |r| r.get(0))
                .expect("trained_at")
        };
        let before = trained_at(&writer);
        let second = phrase::Model::train([("сад", "house")], &ru, &en);
        assert_eq!(second.to_bytes().len(), first.to_bytes().len());
        writer.save_phrase_model(&second, 1).expect("save");
        assert!(trained_at(&writer) > before);
        let fresh = reader
            .phrase_model(&en, &ru)
            .expect("read")
            .expect("stored");
        assert!(!Arc::ptr_eq(&read, &fresh));
        assert_eq!(fresh.translations("house")[0].0, "сад");
        // The writer's own cache is dropped by its save.
        let own = writer
            .phrase_model(&en, &ru)
            .expect("read")
            .expect("stored");
        assert_eq!(own.translations("house")[0].0, "сад");
    }

    #[test]
    fn recorded_forms_read_back_by_stem_once_each() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let ru = lang("ru");
        let forms = [("ещ", "ещё"), ("ещ", "еще"), ("ещ", "ещё"), ("дом", "дома")]
            .map(|(s, f)| (s.to_string(), f.to_string()));
        memory.add_phrase_forms(&ru, &forms).expect("add");
        memory.add_phrase_forms(&ru, &forms[..1]).expect("again");
        assert_eq!(
            memory.phrase_forms(&ru, "ещ").expect("read"),
            ["еще", "ещё"]
        );
        assert!(
            memory
                .phrase_forms(&lang("en"), "ещ")
                .expect("read")
                .is_empty()
        );
    }

    #[test]
    fn trusted_pairs_leave_out_units_that_need_review() {
        let mut memory = Memory::open_in_memory().expect("in-memory memory");
        let (en, az) = (lang("en"), lang("az"));
        let unit = |e: &str, a: &str| {
            NewUnit::new(
                Origin::Manual,
                vec![
                    NewVariant::new(en.clone(), e),
                    NewVariant::new(az.clone(), a),
                ],
            )
        };
        let mut doubtful = unit("The house.", "Ev.");
        doubtful.status = crate::unit::Status::NeedsReview;
        memory
            .insert_units(&[unit("The parliament.", "Parlament."), doubtful], 0)
            .expect("insert");
        assert_eq!(
            memory.trusted_pairs(&az, &en).expect("pairs"),
            [("Parlament.".to_string(), "The parliament.".to_string())]
        );
        assert_eq!(
            memory.trusted_pair_counts().expect("counts"),
            [("az-Latn".to_string(), "en".to_string(), 1)]
        );
    }
}
