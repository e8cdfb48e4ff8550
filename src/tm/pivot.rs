//! One unit per sentence across languages: units are joined through their pivot (source) sentence.
//!
//! A unit's *pivot* is its variant in its source language (`unit.srclang`: the source version of an
//! aligned article, an imported file's `srclang` or first TSV column). Its *pivot key*
//! (`unit.pivot`, [`key`]) is a 63-bit FNV-1a hash of the source language and the pivot text
//! normalized as [`Lang::normalize`] does (case folded the language's way, whitespace collapsed): the
//! form under which two sentences count as the same. A unit without a source language, or without a
//! variant in it, has no key and is never joined. Keys are only an index: every match is checked
//! against the normalized texts, so a hash collision cannot join two sentences.
//!
//! The rules (`memory/0009_pivot.sql` adds the key; [`crate::tm::article`] and [`crate::tm::unit`]
//! apply them):
//! 1. **Nothing is lost.** Storing an article, re-aligning it or importing a file never deletes a
//!    variant and never changes a variant of a language it does not bring. A variant of language L
//!    is only ever replaced by a newer variant of L for the same unit.
//! 2. **Aligned units** of an article attach to the stored aligned units of the same article with the
//!    same pivot key: the k-th new unit with a key takes the k-th stored unit with it (stored units in
//!    the order of their source sentence, then by id), so a sentence repeated in an article keeps one
//!    unit per occurrence. An attached unit gets the new variants (replacing those of the same
//!    languages) and keeps the others. New units with no stored counterpart are inserted; stored units
//!    with no new counterpart are kept as they are, and counted as *stale* when their source sentence
//!    is no longer in the article (the English was edited).
//! 3. **Imported units** (a unit without an article) are matched in this order: the same fingerprint
//!    (the unit is stored already: merged, nothing changes); the same identity, i.e. a stored unit of
//!    the same pivot with the same `tuid`, or the unit `tmkit-N` names when tmkit wrote that tuid
//!    ([`own_tuid`]) — it is updated when the imported `changedate` is newer and kept as it is
//!    otherwise; a stored unit of the same pivot that holds every imported variant already (merged);
//!    the one stored unit without an article whose pivot is the same and which has no variant in any
//!    of the imported unit's other languages (joined: those variants are added to it). Otherwise the
//!    unit is new. Imports never join units aligned from an article: an article's unit holds text of
//!    that article only, and re-aligning would replace an imported variant. But an aligned unit that
//!    holds every imported variant already takes the import as a duplicate, so a bilingual TSV export
//!    of aligned units (which has no tuid) imported back changes nothing.
//!
//! [`join_existing`] applies rule 3's join to a memory stored before the rules existed (`tmkit
//! maintain --join`), replaying the units in id order as if they were imported again.

use std::collections::{BTreeMap, HashMap};

use rusqlite::{Connection, OptionalExtension, params};

use super::{Error, index, sql};
use crate::hash::Fnv1a;
use crate::lang::Lang;
use crate::unit::{NewUnit, NewVariant, Origin};

/// The prefix of the `tuid` tmkit writes for a unit that has none of its own: `tmkit-<unit id>`.
pub const TUID_PREFIX: &str = "tmkit-";

/// The pivot key of a source sentence `text` in `lang` (see the module documentation).
pub fn key(lang: &Lang, text: &str) -> i64 {
    let hash = Fnv1a::new()
        .write(lang.as_str().as_bytes())
        .write(&[0])
        .write(lang.normalize(text).as_bytes())
        .finish();
    // SQLite integers are signed: keep 63 bits so every key is positive.
    (hash >> 1) as i64
}

/// [`key`], case-folding into `folded` (a buffer reused from text to text, whose contents are
/// replaced) and hashing the normalized words as they are found: the same value without building the
/// normalized string.
pub(crate) fn key_in(lang: &Lang, text: &str, folded: &mut String) -> i64 {
    folded.clear();
    crate::lang::fold_into(text, lang.info().turkic_case, folded);
    let mut hash = Fnv1a::new().write(lang.as_str().as_bytes()).write(&[0]);
    let mut first = true;
    // The words of `Lang::normalize`, joined by one space.
    for word in folded
        .split(|c: char| c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}')
        .filter(|w| !w.is_empty())
    {
        if !first {
            hash = hash.write(b" ");
        }
        first = false;
        hash = hash.write(word.as_bytes());
    }
    (hash.finish() >> 1) as i64
}

/// The pivot key of `unit`: of its variant in its source language, when it has both.
pub fn of_unit(unit: &NewUnit) -> Option<i64> {
    of_unit_in(unit, &mut String::new())
}

/// [`of_unit`], folding into `folded` (see [`key_in`]).
pub(crate) fn of_unit_in(unit: &NewUnit, folded: &mut String) -> Option<i64> {
    let src = unit.srclang.as_ref()?;
    let pivot = unit.variants.iter().find(|v| &v.lang == src)?;
    Some(key_in(src, &pivot.text, folded))
}

/// The unit id a tmkit-written `tuid` names (`tmkit-42` → 42).
pub fn own_tuid(tuid: &str) -> Option<i64> {
    tuid.strip_prefix(TUID_PREFIX)?
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
}

/// One stored variant.
#[derive(Clone, Debug)]
pub(crate) struct StoredVariant {
    pub lang: Lang,
    pub text: String,
    pub markup: Option<String>,
}

/// The variants of unit `unit_id`, by language.
pub(crate) fn variants(conn: &Connection, unit_id: i64) -> Result<Vec<StoredVariant>, Error> {
    let rows: Vec<(String, String, Option<String>)> = conn
        .prepare_cached("SELECT lang, text, markup FROM variant WHERE unit_id = ?1 ORDER BY lang")
        .and_then(|mut s| {
            s.query_map([unit_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(sql("reading a unit's variants"))?;
    rows.into_iter()
        .map(|(lang, text, markup)| {
            let lang = Lang::parse(&lang).map_err(|_| Error::Corrupt {
                what: "variant.lang",
                value: lang.clone(),
            })?;
            Ok(StoredVariant { lang, text, markup })
        })
        .collect()
}

/// The stored source language of unit `unit_id`.
fn srclang(conn: &Connection, unit_id: i64) -> Result<Option<Lang>, Error> {
    let tag: Option<String> = conn
        .prepare_cached("SELECT srclang FROM unit WHERE id = ?1")
        .and_then(|mut s| s.query_row([unit_id], |r| r.get(0)).optional())
        .map_err(sql("reading a unit"))?
        .flatten();
    Ok(tag.and_then(|t| Lang::parse(&t).ok()))
}

/// Recomputes the pivot key of unit `unit_id` from its stored source variant.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub(crate) fn refresh(conn: &Connection, unit_id: i64) -> Result<(), Error> {
    let src = srclang(conn, unit_id)?;
    let key = match src {
        Some(src) => variants(conn, unit_id)?
            .iter()
            .find(|v| v.lang == src)
            .map(|v| key(&src, &v.text)),
        None => None,
    };
    conn.prepare_cached("UPDATE unit SET pivot = ?2 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![unit_id, key]))
        .map_err(sql("storing a pivot key"))?;
    Ok(())
}

/// Fills in the pivot keys of the units a migration queued (`pivot_pending`); returns their number.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub(crate) fn fill_pending(conn: &Connection) -> Result<u64, Error> {
    let ids: Vec<i64> = conn
        .prepare("SELECT unit_id FROM pivot_pending ORDER BY unit_id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql("reading the pivot queue"))?;
    for id in &ids {
        refresh(conn, *id)?;
    }
    conn.execute("DELETE FROM pivot_pending", [])
        .map_err(sql("emptying the pivot queue"))?;
    Ok(ids.len() as u64)
}

/// Whether a migration left units without pivot keys.
///
/// # Errors
/// [`Error::Sql`].
pub(crate) fn has_pending(conn: &Connection) -> Result<bool, Error> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM pivot_pending)", [], |r| {
        r.get(0)
    })
    .map_err(sql("reading the pivot queue"))
}

/// Recomputes the fingerprint of unit `unit_id` from its stored variants. When another unit has that
/// fingerprint (the two units now hold the same text in every language), nothing is written and that
/// unit's id is returned.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub(crate) fn refresh_fingerprint(conn: &Connection, unit_id: i64) -> Result<Option<i64>, Error> {
    let mut unit = NewUnit::new(Origin::Manual, Vec::new());
    for v in variants(conn, unit_id)? {
        let mut variant = NewVariant::new(v.lang, v.text);
        variant.markup = v.markup;
        unit.variants.push(variant);
    }
    let fingerprint = unit.fingerprint();
    let other: Option<i64> = conn
        .prepare_cached("SELECT id FROM unit WHERE fingerprint = ?1 AND id <> ?2")
        .and_then(|mut s| {
            s.query_row(params![&fingerprint[..], unit_id], |r| r.get(0))
                .optional()
        })
        .map_err(sql("checking a unit's fingerprint"))?;
    if other.is_some() {
        return Ok(other);
    }
    conn.prepare_cached("UPDATE unit SET fingerprint = ?2 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![unit_id, &fingerprint[..]]))
        .map_err(sql("storing a unit's fingerprint"))?;
    Ok(None)
}

/// Ends a change of unit `unit_id`'s variants: a new fingerprint, or, when the unit now holds the same
/// text in every language as another unit, the unit is deleted (the other holds every text of it) and
/// that unit's id returned.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub(crate) fn settle(conn: &Connection, unit_id: i64) -> Result<Option<i64>, Error> {
    let other = refresh_fingerprint(conn, unit_id)?;
    if other.is_some() {
        delete_unit_rows(conn, unit_id)?;
    }
    Ok(other)
}

/// Deletes unit `unit_id` row by row: bulk loads run without foreign keys, so cascades cannot be
/// relied on.
fn delete_unit_rows(conn: &Connection, unit_id: i64) -> Result<(), Error> {
    for statement in [
        "DELETE FROM prop WHERE unit_id = ?1",
        "DELETE FROM review_reason WHERE unit_id = ?1",
        "DELETE FROM variant WHERE unit_id = ?1",
        "DELETE FROM unit WHERE id = ?1",
    ] {
        conn.prepare_cached(statement)
            .and_then(|mut s| s.execute([unit_id]))
            .map_err(sql("deleting a unit"))?;
    }
    Ok(())
}

/// Sets unit `unit_id`'s variant in `variant.lang`: replaces the text (and segment link) of the stored
/// one when it differs, inserts it when the unit has none. Returns whether anything changed. A changed
/// or new variant is queued for the match index.
///
/// # Errors
/// [`Error::Sql`].
pub(crate) fn put_variant(
    conn: &Connection,
    unit_id: i64,
    variant: &NewVariant,
    import_id: Option<i64>,
    now: i64,
) -> Result<bool, Error> {
    let stored: Option<(i64, String, Option<String>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT id, text, markup, segment_id FROM variant WHERE unit_id = ?1 AND lang = ?2",
        )
        .and_then(|mut s| {
            s.query_row(params![unit_id, variant.lang.as_str()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()
        })
        .map_err(sql("reading a variant"))?;
    let variant_id = match stored {
        Some((id, text, markup, segment)) => {
            if text == variant.text && markup == variant.markup {
                if variant.segment_id.is_some() && segment != variant.segment_id {
                    conn.prepare_cached("UPDATE variant SET segment_id = ?2 WHERE id = ?1")
                        .and_then(|mut s| s.execute(params![id, variant.segment_id]))
                        .map_err(sql("linking a variant to its sentence"))?;
                    replace_variant_props(conn, unit_id, id, variant)?;
                }
                return Ok(false);
            }
            // The trigger of 0003 queues the changed text for the match index.
            conn.prepare_cached(
                "UPDATE variant SET text = ?2, markup = ?3, segment_id = ?4, created_at = ?5,
                        changed_at = ?6, created_by = ?7, changed_by = ?8, import_id = ?9
                 WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.execute(params![
                    id,
                    variant.text,
                    variant.markup,
                    variant.segment_id,
                    variant.created_at,
                    variant.changed_at.or(Some(now)),
                    variant.created_by,
                    variant.changed_by,
                    import_id
                ])
            })
            .map_err(sql("replacing a variant"))?;
            id
        }
        None => {
            let id = super::unit::insert_variant_row(conn, unit_id, variant, import_id)?;
            index::queue(conn, id)?;
            id
        }
    };
    replace_variant_props(conn, unit_id, variant_id, variant)?;
    Ok(true)
}

/// Replaces the props of variant `variant_id` by those of `variant`.
fn replace_variant_props(
    conn: &Connection,
    unit_id: i64,
    variant_id: i64,
    variant: &NewVariant,
) -> Result<(), Error> {
    conn.prepare_cached("DELETE FROM prop WHERE variant_id = ?1")
        .and_then(|mut s| s.execute([variant_id]))
        .map_err(sql("replacing a variant's props"))?;
    for (position, prop) in variant.props.iter().enumerate() {
        super::unit::insert_prop(conn, unit_id, Some(variant_id), prop, position)?;
    }
    Ok(())
}

/// What [`join_existing`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct JoinReport {
    /// Units before.
    pub units_before: u64,
    /// Units joined into another (and gone).
    pub joined: u64,
    /// Units after.
    pub units_after: u64,
}

/// Joins the units of a memory stored before the pivot rules existed, by rule 3 of the module
/// documentation: units without an article, in id order, each attached to the one earlier unit of
/// the same pivot text that has no variant in any of its other languages. The joined unit keeps the
/// earlier unit's id, tuid, import and source text, takes the other's variants (with their own
/// dates, props, import and index entries) and props it lacks, and needs review when either did.
/// Call it inside a transaction.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn join_existing(conn: &Connection) -> Result<JoinReport, Error> {
    let count = |conn: &Connection| -> Result<u64, Error> {
        conn.query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
            .map_err(sql("counting units"))
    };
    let mut report = JoinReport {
        units_before: count(conn)?,
        ..JoinReport::default()
    };
    let rows: Vec<(i64, i64)> = conn
        .prepare(
            "SELECT id, pivot FROM unit WHERE pivot IS NOT NULL AND article_id IS NULL ORDER BY id",
        )
        .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
        .map_err(sql("reading pivot keys"))?;
    // Units seen so far, by key: those an imported unit could join.
    let mut seen: HashMap<i64, Vec<i64>> = HashMap::new();
    for (id, key) in rows {
        let Some(src) = srclang(conn, id)? else {
            continue;
        };
        let mine = variants(conn, id)?;
        let Some(pivot) = mine.iter().find(|v| v.lang == src) else {
            continue;
        };
        let norm = src.normalize(&pivot.text);
        // (unit, whether its source text is the very same): exact ones are preferred, as on import.
        let mut fits: Vec<(i64, bool)> = Vec::new();
        for &other in seen.get(&key).map(Vec::as_slice).unwrap_or_default() {
            let theirs = variants(conn, other)?;
            let theirs_pivot = theirs
                .iter()
                .find(|v| v.lang == src && src.normalize(&v.text) == norm);
            let disjoint = mine
                .iter()
                .filter(|v| v.lang != src)
                .all(|v| theirs.iter().all(|w| w.lang != v.lang));
            if let (Some(p), true) = (theirs_pivot, disjoint) {
                fits.push((other, p.text == pivot.text));
            }
        }
        if fits.iter().any(|(_, exact)| *exact) {
            fits.retain(|(_, exact)| *exact);
        }
        let fits: Vec<i64> = fits.into_iter().map(|(id, _)| id).collect();
        if let [target] = fits[..] {
            move_into(conn, id, target, &src)?;
            report.joined += 1;
            if let Some(other) = settle(conn, target)? {
                // The joined unit equals another: that one stays and stands for both.
                let list = seen.entry(key).or_default();
                list.retain(|u| *u != target);
                if !list.contains(&other) {
                    list.push(other);
                }
            }
        } else {
            seen.entry(key).or_default().push(id);
        }
    }
    report.units_after = count(conn)?;
    Ok(report)
}

impl super::Memory {
    /// Joins the units of a memory stored before the pivot rules existed ([`join_existing`]), in one
    /// transaction; with `dry_run` the transaction is rolled back and only the report is kept.
    ///
    /// ```
    /// use tmkit::unit::{NewUnit, NewVariant, Origin};
    /// use tmkit::{Lang, tm::Memory};
    /// let mut memory = Memory::open_in_memory()?;
    /// let en = Lang::parse("en")?;
    /// let pair = |tag: &str, text: &str| -> Result<NewUnit, tmkit::lang::Error> {
    ///     let mut unit = NewUnit::new(Origin::Imported, vec![
    ///         NewVariant::new(en.clone(), "Good morning."),
    ///         NewVariant::new(Lang::parse(tag)?, text),
    ///     ]);
    ///     unit.srclang = Some(en.clone());
    ///     Ok(unit)
    /// };
    /// // Units inserted one by one, as an older tmkit stored bilingual imports.
    /// memory.insert_units(&[pair("az", "Sabahınız xeyir.")?, pair("ru", "Доброе утро.")?], 0)?;
    /// assert_eq!(memory.count_units()?, 2);
    /// let report = memory.join_units(false)?;
    /// assert_eq!((report.joined, memory.count_units()?), (1, 1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`]; nothing is changed then.
    pub fn join_units(&mut self, dry_run: bool) -> Result<JoinReport, Error> {
        let tx = self
            .conn_mut()
            .transaction()
            .map_err(sql("starting a transaction"))?;
        let report = join_existing(&tx)?;
        if dry_run {
            tx.rollback().map_err(sql("rolling back the join"))?;
        } else {
            index::flush(&tx)?;
            tx.commit().map_err(sql("committing the join"))?;
        }
        Ok(report)
    }
}

/// Moves unit `from`'s variants (all but its source one) into unit `to`, with its unit props `to`
/// lacks and its review reasons, then deletes `from`.
fn move_into(conn: &Connection, from: i64, to: i64, src: &Lang) -> Result<(), Error> {
    conn.prepare_cached("UPDATE variant SET unit_id = ?2 WHERE unit_id = ?1 AND lang <> ?3")
        .and_then(|mut s| s.execute(params![from, to, src.as_str()]))
        .map_err(sql("joining variants"))?;
    conn.prepare_cached(
        "UPDATE prop SET unit_id = ?2 WHERE unit_id = ?1 AND variant_id IN
             (SELECT id FROM variant WHERE unit_id = ?2)",
    )
    .and_then(|mut s| s.execute(params![from, to]))
    .map_err(sql("joining variant props"))?;
    conn.prepare_cached(
        "UPDATE prop SET unit_id = ?2 WHERE unit_id = ?1 AND variant_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM prop p WHERE p.unit_id = ?2 AND p.variant_id IS NULL
                             AND p.kind = prop.kind AND p.type IS prop.type AND p.value = prop.value)",
    )
    .and_then(|mut s| s.execute(params![from, to]))
    .map_err(sql("joining unit props"))?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO review_reason (unit_id, kind, langs)
             SELECT ?2, kind, langs FROM review_reason WHERE unit_id = ?1",
    )
    .and_then(|mut s| s.execute(params![from, to]))
    .map_err(sql("joining review reasons"))?;
    conn.prepare_cached(
        "UPDATE unit SET
             status = CASE WHEN (SELECT status FROM unit WHERE id = ?1) = 'needs-review'
                           THEN 'needs-review' ELSE status END,
             confidence = CASE WHEN confidence IS NULL THEN (SELECT confidence FROM unit WHERE id = ?1)
                               ELSE min(confidence, coalesce((SELECT confidence FROM unit WHERE id = ?1),
                                                             confidence)) END,
             changed_at = max(changed_at, (SELECT changed_at FROM unit WHERE id = ?1)),
             usage_count = usage_count + (SELECT usage_count FROM unit WHERE id = ?1)
         WHERE id = ?2",
    )
    .and_then(|mut s| s.execute(params![from, to]))
    .map_err(sql("joining units"))?;
    delete_unit_rows(conn, from)
}

/// Whether a stored unit has pivot `key`: one search of the pivot index, without reading the units.
pub(crate) fn is_taken(conn: &Connection, key: i64) -> Result<bool, Error> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM unit WHERE pivot = ?1)")
        .and_then(|mut s| s.query_row([key], |r| r.get(0)))
        .map_err(sql("finding units of a pivot"))
}

/// The stored units whose pivot key is `key`, with what identifies them: units without an article,
/// and units aligned from one (which an import may only be contained in: rule 3).
pub(crate) fn import_candidates(conn: &Connection, key: i64) -> Result<Vec<Candidate>, Error> {
    let rows: Vec<(i64, Option<String>, i64, bool)> = conn
        .prepare_cached(
            "SELECT id, tuid, changed_at, article_id IS NOT NULL FROM unit
             WHERE pivot = ?1 ORDER BY id",
        )
        .and_then(|mut s| {
            s.query_map([key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect()
        })
        .map_err(sql("finding units of a pivot"))?;
    rows.into_iter()
        .map(|(id, tuid, changed_at, aligned)| {
            Ok(Candidate {
                id,
                tuid,
                changed_at,
                aligned,
                variants: variants(conn, id)?,
            })
        })
        .collect()
}

/// The unit a tmkit tuid names, when it exists, has no tuid of its own and was created at
/// `created_at` (the tuid's unit id alone could name another unit in another memory).
pub(crate) fn own_candidate(
    conn: &Connection,
    tuid: &str,
    created_at: Option<i64>,
) -> Result<Option<Candidate>, Error> {
    let (Some(id), Some(created_at)) = (own_tuid(tuid), created_at) else {
        return Ok(None);
    };
    let row: Option<i64> = conn
        .prepare_cached(
            "SELECT changed_at FROM unit WHERE id = ?1 AND tuid IS NULL AND created_at = ?2",
        )
        .and_then(|mut s| {
            s.query_row(params![id, created_at], |r| r.get(0))
                .optional()
        })
        .map_err(sql("finding a unit by its tuid"))?;
    let Some(changed_at) = row else {
        return Ok(None);
    };
    Ok(Some(Candidate {
        id,
        tuid: None,
        changed_at,
        aligned: false,
        variants: variants(conn, id)?,
    }))
}

/// A stored unit an imported one may be.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub id: i64,
    pub tuid: Option<String>,
    pub changed_at: i64,
    /// Aligned from an article: an import may be contained in it, never join or update it.
    pub aligned: bool,
    pub variants: Vec<StoredVariant>,
}

/// What an imported unit is to the memory (rule 3 of the module documentation).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Match {
    /// The stored unit holds every variant already.
    Contained(i64),
    /// The same unit, changed later: update it.
    Newer(i64),
    /// The same unit, not changed later: keep the stored one.
    Older(i64),
    /// Join its variants to this unit.
    Join(i64),
    /// A new unit.
    New,
}

/// Rule 3 of the module documentation, after the fingerprint: what `unit` is, given the stored
/// units of its pivot (`candidates`) and the unit its tmkit tuid names (`own`).
pub(crate) fn decide(unit: &NewUnit, candidates: &[Candidate], own: Option<&Candidate>) -> Match {
    let changed = unit.changed_at.or(unit.created_at);
    let identity = |c: &Candidate| match changed {
        Some(t) if t > c.changed_at => Match::Newer(c.id),
        _ => Match::Older(c.id),
    };
    if let Some(tuid) = &unit.tuid {
        let same: Vec<&Candidate> = candidates
            .iter()
            .filter(|c| !c.aligned && c.tuid.as_deref() == Some(tuid.as_str()))
            .collect();
        if let [c] = same[..] {
            return identity(c);
        }
    }
    if let Some(c) = own {
        return identity(c);
    }
    let src = unit.srclang.as_ref();
    // Candidates with the very same source text come first: "It is very bad." and "It Is Very Bad."
    // share a key, and each should find its own unit.
    let pivot_text = unit
        .variants
        .iter()
        .find(|v| Some(&v.lang) == src)
        .map(|v| v.text.as_str());
    let exact: Vec<Candidate> = candidates
        .iter()
        .filter(|c| {
            c.variants
                .iter()
                .any(|w| Some(&w.lang) == src && Some(w.text.as_str()) == pivot_text)
        })
        .cloned()
        .collect();
    let candidates = if exact.is_empty() {
        candidates
    } else {
        &exact[..]
    };
    let holds = |c: &Candidate, v: &NewVariant| {
        c.variants.iter().any(|w| {
            w.lang == v.lang
                && match Some(&v.lang) == src {
                    true => v.lang.normalize(&w.text) == v.lang.normalize(&v.text),
                    false => w.text == v.text && w.markup == v.markup,
                }
        })
    };
    if let Some(c) = candidates
        .iter()
        .find(|c| unit.variants.iter().all(|v| holds(c, v)))
    {
        return Match::Contained(c.id);
    }
    let same_pivot = |c: &&Candidate| {
        !c.aligned
            && unit
                .variants
                .iter()
                .filter(|v| Some(&v.lang) == src)
                .all(|v| holds(c, v))
    };
    let open: Vec<&Candidate> = candidates
        .iter()
        .filter(same_pivot)
        .filter(|c| {
            unit.variants
                .iter()
                .filter(|v| Some(&v.lang) != src)
                .all(|v| c.variants.iter().all(|w| w.lang != v.lang))
        })
        .collect();
    match open[..] {
        [c] => Match::Join(c.id),
        _ => Match::New,
    }
}

/// Unit ids by pivot key.
pub(crate) type ByKey = BTreeMap<i64, Vec<i64>>;

/// The stored aligned units of article `article_id` by pivot key, each list in the order of the
/// unit's source sentence in the article (units whose sentence is gone last), then by id; with the
/// ids of those whose source sentence is no longer linked.
pub(crate) fn article_units(
    conn: &Connection,
    article_id: i64,
) -> Result<(ByKey, Vec<i64>), Error> {
    let rows: Vec<(i64, Option<i64>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT u.id, u.pivot,
                    (SELECT s.position FROM variant v JOIN segment s ON s.id = v.segment_id
                     WHERE v.unit_id = u.id AND v.lang = u.srclang) AS position
             FROM unit u WHERE u.article_id = ?1 AND u.origin = 'aligned'
             ORDER BY position IS NULL, position, u.id",
        )
        .and_then(|mut s| {
            s.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(sql("reading an article's units"))?;
    let mut by_key: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    let mut unlinked = Vec::new();
    for (id, key, position) in rows {
        if position.is_none() {
            unlinked.push(id);
        }
        if let Some(key) = key {
            by_key.entry(key).or_default().push(id);
        }
    }
    Ok((by_key, unlinked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(t: &str) -> Lang {
        Lang::parse(t).expect("tag")
    }

    #[test]
    fn keys_ignore_case_and_spacing_but_not_the_language() {
        let en = lang("en");
        assert_eq!(key(&en, "The  sides met."), key(&en, " the sides met.\n"));
        assert_ne!(
            key(&en, "The sides met."),
            key(&lang("az"), "The sides met.")
        );
        assert!(key(&en, "ə ğ Ж 中 😀") >= 0);
        assert_eq!(own_tuid("tmkit-42"), Some(42));
        assert_eq!(own_tuid("tmkit-x"), None);
        assert_eq!(own_tuid("42"), None);
    }

    #[test]
    fn a_key_folded_in_a_reused_buffer_is_the_key_of_the_normalized_text() {
        let cases = [
            ("az", "  İlham\u{a0} ƏLİYEV\n"),
            ("az", "IĞDIR şəhəri"),
            ("en", "The  sides\u{200b}met.\t"),
            ("ru", "ПРЕЗИДЕНТ  встретился"),
            ("zh", "习近平 会见 😀"),
            ("en", ""),
            ("en", " \u{feff} "),
        ];
        // Left holding the previous text's fold: each key must replace it.
        let mut folded = String::from("leftover");
        for (tag, text) in cases {
            let l = lang(tag);
            let expected = (Fnv1a::new()
                .write(l.as_str().as_bytes())
                .write(&[0])
                .write(l.normalize(text).as_bytes())
                .finish()
                >> 1) as i64;
            assert_eq!(key_in(&l, text, &mut folded), expected, "{tag}: {text:?}");
            assert_eq!(key(&l, text), expected, "{tag}: {text:?}");
        }
    }

    /// The property of issue #11, over any sequence of aligning (or re-aligning) one article with
    /// random subsets of its languages, in random versions, and importing random bilingual subsets of
    /// its sentences.
    mod lifecycle {
        use std::collections::{BTreeMap, BTreeSet};

        use proptest::prelude::*;

        use super::lang;
        use crate::tm::Memory;
        use crate::tm::bulk::{ImportFormat, NewImport};
        use crate::tm::unit::Prepared;
        use crate::unit::{
            AlignedUnit, ArticleMeta, NewDocument, NewSegment, NewUnit, NewVariant, Origin, Status,
            content_hash,
        };

        const TARGETS: [&str; 3] = ["az", "ru", "zh"];
        const SENTENCES: usize = 4;

        /// Sentence `i` of `tag` in `version`: the English of sentence 1 and every translation have
        /// two versions (an edit).
        fn sentence(tag: &str, i: usize, version: usize) -> String {
            match (tag, i) {
                ("en", 1) if version == 1 => "Sentence one, fixed.".to_string(),
                ("en", _) => format!("Sentence {i}."),
                _ => format!("{tag} {i} v{version}"),
            }
        }

        #[derive(Clone, Debug)]
        enum Op {
            /// Align the article: English in this version, these targets in these versions, each
            /// target leaving out the sentences of `gaps` (1-0 beads).
            Align {
                en: usize,
                targets: Vec<(usize, usize)>,
                gaps: Vec<usize>,
            },
            /// Import an en–target file of these sentences in this version.
            Import {
                en: usize,
                target: usize,
                version: usize,
                sentences: Vec<usize>,
            },
        }

        fn op() -> impl Strategy<Value = Op> {
            let targets = proptest::sample::subsequence(vec![0usize, 1, 2], 1..=3)
                .prop_flat_map(|t| {
                    let n = t.len();
                    (Just(t), proptest::collection::vec(0usize..2, n))
                })
                .prop_map(|(t, v)| t.into_iter().zip(v).collect::<Vec<_>>());
            prop_oneof![
                (
                    0usize..2,
                    targets,
                    proptest::sample::subsequence(vec![0usize, 1, 2, 3], 0..=2)
                )
                    .prop_map(|(en, targets, gaps)| Op::Align {
                        en,
                        targets,
                        gaps
                    }),
                (
                    0usize..2,
                    0usize..3,
                    0usize..2,
                    proptest::sample::subsequence(vec![0usize, 1, 2, 3], 1..=4)
                )
                    .prop_map(|(en, target, version, sentences)| Op::Import {
                        en,
                        target,
                        version,
                        sentences
                    }),
            ]
        }

        fn document(tag: &str, version: usize) -> NewDocument {
            let sentences: Vec<String> =
                (0..SENTENCES).map(|i| sentence(tag, i, version)).collect();
            NewDocument {
                lang: lang(tag),
                title: None,
                source_path: None,
                content_hash: content_hash(sentences.join("\n").as_bytes()),
                sentences: sentences
                    .into_iter()
                    .map(|text| NewSegment {
                        paragraph: 0,
                        byte_range: 0..text.len(),
                        text,
                    })
                    .collect(),
            }
        }

        /// Applies `op`; returns the (English, language, text) variants it brought.
        fn apply(memory: &mut Memory, op: &Op) -> Vec<(String, String, String)> {
            let mut brought = Vec::new();
            match op {
                Op::Align { en, targets, gaps } => {
                    let mut docs = vec![document("en", *en)];
                    docs.extend(targets.iter().map(|(t, v)| document(TARGETS[*t], *v)));
                    let units: Vec<AlignedUnit> = (0..SENTENCES)
                        .map(|i| {
                            let mut sentences = vec![(lang("en"), vec![i])];
                            for (k, (t, v)) in targets.iter().enumerate() {
                                // Each target leaves out a gap sentence in turn.
                                let left_out = gaps.get(k % gaps.len().max(1)) == Some(&i);
                                if !left_out {
                                    sentences.push((lang(TARGETS[*t]), vec![i]));
                                    brought.push((
                                        sentence("en", i, *en),
                                        lang(TARGETS[*t]).as_str().to_string(),
                                        sentence(TARGETS[*t], i, *v),
                                    ));
                                }
                            }
                            AlignedUnit {
                                sentences,
                                confidence: 0.9,
                                status: Status::Ok,
                                flags: Vec::new(),
                                reasons: Vec::new(),
                            }
                        })
                        .collect();
                    memory
                        .store_aligned(&ArticleMeta::from_slug("article"), &docs, &units)
                        .expect("store");
                }
                Op::Import {
                    en,
                    target,
                    version,
                    sentences,
                } => {
                    let tag = TARGETS[*target];
                    let import = NewImport::new("x.tsv", ImportFormat::Tsv);
                    memory
                        .load(Some(&import), |loader| -> Result<(), crate::tm::Error> {
                            for &i in sentences {
                                let mut unit = NewUnit::new(
                                    Origin::Imported,
                                    vec![
                                        NewVariant::new(lang("en"), sentence("en", i, *en)),
                                        NewVariant::new(lang(tag), sentence(tag, i, *version)),
                                    ],
                                );
                                unit.srclang = Some(lang("en"));
                                unit.import_id = loader.import_id();
                                loader.insert(&Prepared::new(unit)?)?;
                                brought.push((
                                    sentence("en", i, *en),
                                    lang(tag).as_str().to_string(),
                                    sentence(tag, i, *version),
                                ));
                            }
                            Ok(())
                        })
                        .expect("import");
                }
            }
            brought
        }

        /// Every unit as (article or none, its variants by language).
        fn units(memory: &Memory) -> Vec<(Option<i64>, BTreeMap<String, String>)> {
            let rows: Vec<(i64, Option<i64>, String, String)> = memory
                .conn()
                .prepare(
                    "SELECT u.id, u.article_id, v.lang, v.text FROM unit u
                     JOIN variant v ON v.unit_id = u.id ORDER BY u.id",
                )
                .and_then(|mut s| {
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                        .collect()
                })
                .expect("units");
            let mut out: BTreeMap<i64, (Option<i64>, BTreeMap<String, String>)> = BTreeMap::new();
            for (id, article, lang, text) in rows {
                out.entry(id)
                    .or_insert((article, BTreeMap::new()))
                    .1
                    .insert(lang, text);
            }
            out.into_values().collect()
        }

        fn cases() -> u32 {
            std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|n| n.parse().ok())
                .unwrap_or(48)
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(cases()))]

            #[test]
            fn no_variant_is_lost_and_no_english_sentence_of_an_article_gets_two_units(
                ops in proptest::collection::vec(op(), 1..8)
            ) {
                let mut memory = Memory::open_in_memory().expect("memory");
                // What must be stored: every variant brought, until a newer variant of its language
                // for its English sentence is aligned (an imported unit identical to an aligned one
                // is stored once, as the article's unit, so re-aligning replaces it too).
                let mut aligned: BTreeMap<(String, String), String> = BTreeMap::new();
                let mut imported: BTreeSet<(String, String, String)> = BTreeSet::new();
                for op in &ops {
                    let brought = apply(&mut memory, op);
                    for (en, tag, text) in brought {
                        match op {
                            Op::Align { .. } => {
                                imported.retain(|(e, t, x)| !(*e == en && *t == tag && *x != text));
                                aligned.insert((en, tag), text);
                            }
                            Op::Import { .. } => {
                                imported.insert((en, tag, text));
                            }
                        }
                    }
                    let stored = units(&memory);
                    let holds = |en: &str, tag: &str, text: &str| {
                        stored.iter().any(|(_, v)| {
                            v.get("en").map(String::as_str) == Some(en)
                                && v.get(tag).map(String::as_str) == Some(text)
                        })
                    };
                    for ((en, tag), text) in &aligned {
                        prop_assert!(holds(en, tag, text), "lost {tag} '{text}' of '{en}' after {op:?}");
                    }
                    for (en, tag, text) in &imported {
                        prop_assert!(holds(en, tag, text), "lost imported {tag} '{text}' of '{en}' after {op:?}");
                    }
                    let mut english = BTreeSet::new();
                    for (article, v) in &stored {
                        if let (Some(_), Some(en)) = (article, v.get("en")) {
                            prop_assert!(english.insert(en.clone()), "two units for '{en}' after {op:?}");
                        }
                    }
                }
            }
        }
    }
}
