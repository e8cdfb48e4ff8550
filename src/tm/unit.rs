//! Storing units (the values of [`crate::unit`]): inserting, merging, deleting.
//!
//! A unit is identified by its fingerprint ([`NewUnit::fingerprint`]). Inserting a unit whose
//! fingerprint is already stored merges it into the stored one ([`Inserted::Merged`]): the usage count
//! and dates become the larger of the two and props or notes the stored unit lacks are added. So
//! importing or aligning the same material twice stores it once. Merging never adds tmkit's own
//! provenance props (`x-origin`, `x-article`), so importing an export into the same memory changes
//! nothing. Imports go through [`insert_prepared`], which also joins units through their source
//! sentence and updates a unit from a later version of it ([`super::pivot`]).
//!
//! [`insert_unit`] queues the new variants for the match index; the writer that started the
//! transaction flushes the queue before committing ([`Memory::insert_units`] does), so readers never
//! find it non-empty.

use rusqlite::{Connection, Params, Statement, params};

use super::pivot::Match;
use super::{Error, Memory, index, sql};
use crate::lang::Lang;
use crate::unit::{NewUnit, NewVariant, Prop, PropKind, ReviewReason};

/// What [`insert_unit`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// A new unit with this id.
    New(i64),
    /// The same unit was stored already (this id); it was merged.
    Merged(i64),
}

impl Inserted {
    /// The unit's id.
    pub fn id(self) -> i64 {
        match self {
            Inserted::New(id) | Inserted::Merged(id) => id,
        }
    }
}

/// Inserts `unit` (or merges it into the stored unit with the same fingerprint), with `now` as the
/// default for its dates. Call it inside a transaction. Its variants are queued for the match index:
/// call [`index::flush`] before committing.
///
/// # Errors
/// [`Error::InvalidUnit`] for a unit without variants or with two in one language; [`Error::Sql`].
pub fn insert_unit(conn: &Connection, unit: &NewUnit, now: i64) -> Result<Inserted, Error> {
    unit.validate()?;
    let pivot = super::pivot::of_unit(unit);
    insert_with(
        conn,
        None,
        unit,
        (&unit.fingerprint(), Stored::Unknown),
        pivot,
        now,
        |_, variant_id| index::queue(conn, variant_id),
    )
}

impl Memory {
    /// Inserts `units` (merging duplicates) in one transaction, with `now` as the default for their
    /// dates, and brings the match index up to date before committing.
    ///
    /// ```
    /// use tmkit::unit::{NewUnit, NewVariant, Origin};
    /// use tmkit::{Lang, tm::Memory};
    /// let mut memory = Memory::open_in_memory()?;
    /// let unit = NewUnit::new(Origin::Manual, vec![
    ///     NewVariant::new(Lang::parse("en")?, "strategic partnership"),
    ///     NewVariant::new(Lang::parse("az")?, "strateji tərəfdaşlıq"),
    /// ]);
    /// let inserted = memory.insert_units(&[unit.clone(), unit], 0)?;
    /// assert_eq!(inserted[0].id(), inserted[1].id());
    /// assert_eq!(memory.count_units()?, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// As [`insert_unit`]; nothing is stored then.
    pub fn insert_units(&mut self, units: &[NewUnit], now: i64) -> Result<Vec<Inserted>, Error> {
        let tx = self.write()?;
        let inserted = units
            .iter()
            .map(|u| insert_unit(&tx, u, now))
            .collect::<Result<Vec<_>, _>>()?;
        index::flush(&tx)?;
        tx.commit("committing the units")?;
        Ok(inserted)
    }

    /// Deletes the units with these ids (their variants and props go with them), in one transaction.
    ///
    /// # Errors
    /// [`Error::Sql`]; nothing is deleted then.
    pub fn delete_units(&mut self, ids: &[i64]) -> Result<(), Error> {
        let tx = self.write()?;
        delete_units(&tx, ids)?;
        tx.commit("committing the deletion")
    }
}

/// A unit made ready for [`insert_prepared`]: validated, with its fingerprint and the index keys of its
/// variants computed. That is the costly part of an insert that needs no connection, so a bulk import
/// prepares units on one thread while another inserts them.
#[derive(Clone, Debug)]
pub struct Prepared {
    unit: NewUnit,
    fingerprint: [u8; 32],
    pivot: Option<i64>,
    keys: Vec<index::Keys>,
}

impl Prepared {
    /// This prepared unit with another fingerprint: a seam for tests of fingerprints that share a
    /// prefix, which SHA-256 does not give on demand.
    #[cfg(test)]
    pub(crate) fn with_fingerprint(mut self, fingerprint: [u8; 32]) -> Prepared {
        self.fingerprint = fingerprint;
        self
    }

    /// Validates and prepares `unit`.
    ///
    /// # Errors
    /// [`Error::InvalidUnit`] as [`insert_unit`].
    pub fn new(unit: NewUnit) -> Result<Prepared, Error> {
        Preparer::default().prepare(unit)
    }

    /// The unit.
    pub fn unit(&self) -> &NewUnit {
        &self.unit
    }

    /// The pivot key of its source sentence, when it has one.
    pub(crate) fn pivot(&self) -> Option<i64> {
        self.pivot
    }
}

/// Prepares units one after another ([`Prepared::new`]), reusing its buffers: tokenizing a text for
/// the index and folding its case for the pivot key then allocate nothing once the buffers have grown
/// (an import prepares every unit it reads on one thread).
#[derive(Default)]
pub struct Preparer {
    keyed: crate::fuzzy::token::Keyed,
    ids: Vec<i64>,
    folded: String,
}

impl Preparer {
    /// Validates and prepares `unit`, as [`Prepared::new`].
    ///
    /// # Errors
    /// [`Error::InvalidUnit`] as [`insert_unit`].
    pub fn prepare(&mut self, unit: NewUnit) -> Result<Prepared, Error> {
        unit.validate()?;
        let keys = unit
            .variants
            .iter()
            .map(|v| index::Keys::of_in(&mut self.keyed, &mut self.ids, &v.lang, &v.text))
            .collect();
        Ok(Prepared {
            fingerprint: unit.fingerprint(),
            pivot: super::pivot::of_unit_in(&unit, &mut self.folded),
            unit,
            keys,
        })
    }
}

/// What [`insert_prepared`] did with an imported unit (rule 3 of [`super::pivot`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Imported {
    /// A new unit with this id.
    New(i64),
    /// This stored unit holds every variant already (the same fingerprint, or the same texts).
    Merged(i64),
    /// Its variants joined this stored unit of the same source sentence.
    Joined(i64),
    /// It is this stored unit, changed later: the stored unit took its variants.
    Updated(i64),
    /// It is this stored unit, not changed later: the stored unit is kept as it is.
    Older(i64),
}

/// Unit props tmkit writes from its own columns on export: an import merging into a stored unit never
/// adds them (the stored unit has its own provenance), so export → import changes nothing.
const PROVENANCE: &[&str] = &["x-origin", "x-article", "x-confidence", "x-status"];

fn is_provenance(prop: &Prop) -> bool {
    prop.kind == PropKind::Prop && prop.key.as_deref().is_some_and(|k| PROVENANCE.contains(&k))
}

/// Whether an imported prop is one an export computes for one memory only
/// ([`super::export::UNIT_LOCAL`]): never stored, for it would be wrong in another memory. An
/// `x-review-reason` tmkit cannot read is kept as a prop instead, so nothing of the file is lost.
fn is_local(prop: &Prop) -> bool {
    prop.kind == PropKind::Prop
        && match prop.key.as_deref() {
            Some("x-review-reason") => ReviewReason::parse(&prop.value).is_some(),
            Some(key) => super::export::UNIT_LOCAL.contains(&key),
            None => false,
        }
}

/// Stores the reasons an imported unit that needs review brings (its `x-review-reason` props) for
/// stored unit `id`.
fn restore_reasons(conn: &Connection, id: i64, unit: &NewUnit) -> Result<(), Error> {
    if unit.status != crate::unit::Status::NeedsReview {
        return Ok(());
    }
    let reasons: Vec<ReviewReason> = unit
        .props
        .iter()
        .filter(|p| p.kind == PropKind::Prop && p.key.as_deref() == Some("x-review-reason"))
        .filter_map(|p| ReviewReason::parse(&p.value))
        .collect();
    super::review::insert_reasons(conn, id, &reasons)
}

/// Inserts a prepared imported unit, or finds the stored unit it is or belongs to (rule 3 of
/// [`super::pivot`]): the same fingerprint merges; the same identity (tuid) updates when newer; a
/// stored unit with every variant merges; the one stored unit of the same source sentence without its
/// other languages takes its variants. New variants go into `index` directly; changed ones are queued.
/// Call it inside a transaction and write `index` before committing.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn insert_prepared(
    conn: &Connection,
    prepared: &Prepared,
    now: i64,
    index: &mut index::Builder,
) -> Result<Imported, Error> {
    insert_prepared_in(conn, None, prepared, now, index, None)
}

/// [`insert_prepared`] in a load into a memory that was empty ([`super::bulk::Fresh`]): a pivot key
/// it has not stored needs no search, and its deferred indexes are built before a query needs them.
pub(crate) fn insert_prepared_in(
    conn: &Connection,
    held: Option<&mut Inserter<'_>>,
    prepared: &Prepared,
    now: i64,
    index: &mut index::Builder,
    mut fresh: Option<&mut super::bulk::Fresh>,
) -> Result<Imported, Error> {
    let unit = &prepared.unit;
    // A stored unit of the same fingerprint comes first: the insert's conflict clause merges into it.
    // Only a unit that has other candidates needs to know before: new units, the common case, then
    // cost one search of the fingerprint index instead of two.
    if unit.article_id.is_none() {
        let maybe_taken = prepared
            .pivot
            .filter(|&key| fresh.as_deref().is_none_or(|f| f.may_hold(key)));
        // By rowid: needs no index.
        let own = match &unit.tuid {
            Some(tuid) => super::pivot::own_candidate(conn, tuid, unit.created_at)?,
            None => None,
        };
        if (maybe_taken.is_some() || own.is_some())
            && let Some(fresh) = fresh.as_deref_mut()
        {
            fresh.restore(conn)?;
        }
        let pivot = match maybe_taken {
            Some(key) if super::pivot::is_taken(conn, key)? => Some(key),
            _ => None,
        };
        if (pivot.is_some() || own.is_some()) && !has_fingerprint(conn, &prepared.fingerprint)? {
            let candidates = match pivot {
                Some(key) => super::pivot::import_candidates(conn, key)?,
                None => Vec::new(),
            };
            match super::pivot::decide(unit, &candidates, own.as_ref()) {
                Match::Contained(id) => return Ok(Imported::Merged(id)),
                Match::Older(id) => return Ok(Imported::Older(id)),
                Match::Newer(id) => return update(conn, id, unit, now).map(Imported::Updated),
                Match::Join(id) => return join(conn, id, unit, now).map(Imported::Joined),
                Match::New => {}
            }
        }
    }
    // While a fresh load defers the fingerprint index, the load's own record of the fingerprints it
    // stored answers instead (no B-tree of random 32-byte keys to insert into).
    let stored = match fresh.as_deref() {
        Some(f) if f.defers_fingerprints() => match f.stored_unit(conn, &prepared.fingerprint)? {
            Some(id) => Stored::At(id),
            None => Stored::Absent,
        },
        _ => Stored::Unknown,
    };
    let inserted = insert_with(
        conn,
        held,
        unit,
        (&prepared.fingerprint, stored),
        prepared.pivot,
        now,
        |i, variant_id| index.add(conn, variant_id, &prepared.keys[i]),
    )?;
    Ok(match inserted {
        Inserted::New(id) => {
            if let Some(fresh) = fresh {
                fresh.stored(&prepared.fingerprint, id);
            }
            Imported::New(id)
        }
        Inserted::Merged(id) => Imported::Merged(id),
    })
}

/// Whether a stored unit has this fingerprint.
fn has_fingerprint(conn: &Connection, fingerprint: &[u8; 32]) -> Result<bool, Error> {
    conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM unit WHERE fingerprint = ?1)")
        .and_then(|mut s| s.query_row([&fingerprint[..]], |r| r.get(0)))
        .map_err(sql("looking up a unit's fingerprint"))
}

/// Rule 3's update: stored unit `id` takes the variants of `unit` (a later version of it), keeps its
/// other languages, and takes its dates, status and confidence. Returns the unit that stands for it.
fn update(conn: &Connection, id: i64, unit: &NewUnit, now: i64) -> Result<i64, Error> {
    for variant in &unit.variants {
        super::pivot::put_variant(conn, id, variant, unit.import_id, now)?;
    }
    for (position, prop) in unit.props.iter().enumerate() {
        if !is_provenance(prop) && !is_local(prop) {
            insert_prop_if_missing(conn, id, None, prop, position)?;
        }
    }
    conn.prepare_cached(
        "UPDATE unit SET changed_at = ?2, changed_by = coalesce(?3, changed_by), status = ?4,
                confidence = coalesce(?5, confidence), usage_count = max(usage_count, ?6)
         WHERE id = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            unit.changed_at.unwrap_or(now),
            unit.changed_by,
            unit.status.as_str(),
            unit.confidence.map(f64::from),
            unit.usage_count as i64
        ])
    })
    .map_err(sql("updating a unit"))?;
    if unit.status == crate::unit::Status::Ok {
        conn.prepare_cached("DELETE FROM review_reason WHERE unit_id = ?1")
            .and_then(|mut s| s.execute([id]))
            .map_err(sql("updating a unit's review reasons"))?;
    }
    restore_reasons(conn, id, unit)?;
    super::pivot::refresh(conn, id)?;
    Ok(super::pivot::settle(conn, id)?.unwrap_or(id))
}

/// Rule 3's join: stored unit `id` takes the variants of `unit` in its other languages (it has none
/// of them), and props it lacks; it needs review when either does. Returns the unit that stands for it.
fn join(conn: &Connection, id: i64, unit: &NewUnit, now: i64) -> Result<i64, Error> {
    for variant in &unit.variants {
        if Some(&variant.lang) != unit.srclang.as_ref() {
            super::pivot::put_variant(conn, id, variant, unit.import_id, now)?;
        }
    }
    for (position, prop) in unit.props.iter().enumerate() {
        if !is_provenance(prop) && !is_local(prop) {
            insert_prop_if_missing(conn, id, None, prop, position)?;
        }
    }
    conn.prepare_cached(
        "UPDATE unit SET changed_at = max(changed_at, ?2),
                status = CASE WHEN ?3 = 'needs-review' THEN 'needs-review' ELSE status END,
                confidence = CASE WHEN ?4 IS NULL THEN confidence
                                  ELSE min(coalesce(confidence, ?4), ?4) END
         WHERE id = ?1",
    )
    .and_then(|mut s| {
        s.execute(params![
            id,
            unit.changed_at.or(unit.created_at).unwrap_or(now),
            unit.status.as_str(),
            unit.confidence.map(f64::from)
        ])
    })
    .map_err(sql("joining a unit"))?;
    restore_reasons(conn, id, unit)?;
    Ok(super::pivot::settle(conn, id)?.unwrap_or(id))
}

/// The SQL that inserts a unit whose fingerprint is not stored.
macro_rules! insert_new_unit {
    () => {
        "INSERT INTO unit (origin, status, confidence, article_id, import_id, tuid, srclang,
                           created_at, changed_at, created_by, changed_by, creation_tool,
                           usage_count, last_used_at, fingerprint, pivot)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)"
    };
}
/// The SQL that inserts a new unit, or nothing when its fingerprint is stored (it needs the index
/// `unit_fingerprint`).
const INSERT_UNIT: &str = concat!(insert_new_unit!(), " ON CONFLICT (fingerprint) DO NOTHING");
/// The SQL that inserts a unit known to be new (a fresh load without `unit_fingerprint`).
const INSERT_NEW_UNIT: &str = insert_new_unit!();

/// What is known of a unit's fingerprint before it is inserted.
#[derive(Clone, Copy)]
enum Stored {
    /// Nothing: the insert's conflict clause finds out.
    Unknown,
    /// No stored unit has it.
    Absent,
    /// This stored unit has it.
    At(i64),
}
/// The SQL that inserts a variant.
const INSERT_VARIANT: &str =
    "INSERT INTO variant (unit_id, lang, text, markup, segment_id, created_at,
                                          changed_at, created_by, changed_by, import_id)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
/// The SQL that inserts a variant of plain text without dates, users or segment (what most imported
/// `<tuv>`s are): the other columns are NULL, as [`INSERT_VARIANT`] would store them.
const INSERT_PLAIN_VARIANT: &str =
    "INSERT INTO variant (unit_id, lang, text, import_id) VALUES (?1, ?2, ?3, ?4)";
/// The SQL that inserts a unit's or a variant's prop or note.
const INSERT_PROP: &str =
    "INSERT INTO prop (unit_id, variant_id, kind, type, lang, o_encoding, value, position)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/// The statements that insert new units, prepared once for a bulk load ([`super::bulk::Loader`]).
/// Fetching a statement from the connection's cache hashes its SQL and hands it back after each use:
/// about a tenth of the inserting thread's instructions in an import (callgrind), for statements
/// that run a few times per unit.
pub(crate) struct Inserter<'c> {
    conn: &'c Connection,
    /// [`INSERT_UNIT`] and [`INSERT_NEW_UNIT`], each prepared when first needed: the first cannot be
    /// while a fresh load defers the fingerprint index.
    unit: Option<Statement<'c>>,
    new_unit: Option<Statement<'c>>,
    variant: Statement<'c>,
    plain_variant: Statement<'c>,
    prop: Statement<'c>,
}

impl<'c> Inserter<'c> {
    /// Prepares the statements on `conn`.
    pub(crate) fn new(conn: &'c Connection) -> Result<Inserter<'c>, Error> {
        let prepare = |sql_text: &str| {
            conn.prepare(sql_text)
                .map_err(sql("preparing the bulk inserts"))
        };
        Ok(Inserter {
            conn,
            unit: None,
            new_unit: None,
            variant: prepare(INSERT_VARIANT)?,
            plain_variant: prepare(INSERT_PLAIN_VARIANT)?,
            prop: prepare(INSERT_PROP)?,
        })
    }
}

impl<'c> Inserter<'c> {
    /// The statement that inserts a unit of fingerprint `stored`.
    fn unit_statement(&mut self, stored: Stored) -> Result<&mut Statement<'c>, Error> {
        let (held, sql_text) = match stored {
            Stored::Absent => (&mut self.new_unit, INSERT_NEW_UNIT),
            _ => (&mut self.unit, INSERT_UNIT),
        };
        let statement = match held.take() {
            Some(statement) => statement,
            None => self
                .conn
                .prepare(sql_text)
                .map_err(sql("preparing the bulk inserts"))?,
        };
        Ok(held.insert(statement))
    }
}

/// Runs `held` when there is one, else `sql_text` from the connection's statement cache.
fn execute(
    conn: &Connection,
    held: Option<&mut Statement<'_>>,
    sql_text: &str,
    params: impl Params,
) -> rusqlite::Result<usize> {
    match held {
        Some(statement) => statement.execute(params),
        None => conn.prepare_cached(sql_text)?.execute(params),
    }
}

/// The insert itself, through the `held` statements when given, of a unit with `fingerprint`, of which
/// `stored` is known; `indexed(i, id)` is told each new variant (`i`-th of the unit, stored as `id`).
fn insert_with(
    conn: &Connection,
    mut held: Option<&mut Inserter<'_>>,
    unit: &NewUnit,
    (fingerprint, stored): (&[u8; 32], Stored),
    pivot: Option<i64>,
    now: i64,
    mut indexed: impl FnMut(usize, i64) -> Result<(), Error>,
) -> Result<Inserted, Error> {
    let created_at = unit.created_at.unwrap_or(now);
    let changed_at = unit.changed_at.unwrap_or(created_at);
    let tool = unit
        .creation_tool
        .as_deref()
        .unwrap_or(concat!("tmkit ", env!("CARGO_PKG_VERSION")));
    // Unless the fingerprint is known, insert first and look it up only when it is taken: new units,
    // the common case, cost one B-tree search instead of two.
    let statement = match held.as_deref_mut() {
        Some(h) if !matches!(stored, Stored::At(_)) => Some(h.unit_statement(stored)?),
        _ => None,
    };
    let sql_text = match stored {
        Stored::Absent => INSERT_NEW_UNIT,
        _ => INSERT_UNIT,
    };
    let params = params![
        unit.origin.as_str(),
        unit.status.as_str(),
        unit.confidence.map(f64::from),
        unit.article_id,
        unit.import_id,
        unit.tuid,
        unit.srclang.as_ref().map(Lang::as_str),
        created_at,
        changed_at,
        unit.created_by,
        unit.changed_by,
        tool,
        unit.usage_count as i64,
        unit.last_used_at,
        &fingerprint[..],
        pivot,
    ];
    let merged_into = match stored {
        Stored::At(id) => Some(id),
        Stored::Absent | Stored::Unknown => {
            let inserted =
                execute(conn, statement, sql_text, params).map_err(sql("inserting a unit"))?;
            if inserted == 0 {
                Some(
                    conn.prepare_cached("SELECT id FROM unit WHERE fingerprint = ?1")
                        .and_then(|mut s| s.query_row([&fingerprint[..]], |r| r.get(0)))
                        .map_err(sql("looking up a unit's fingerprint"))?,
                )
            } else {
                None
            }
        }
    };
    if let Some(id) = merged_into {
        conn.prepare_cached(
            "UPDATE unit SET usage_count = max(usage_count, ?2), changed_at = max(changed_at, ?3),
                    last_used_at = max(coalesce(last_used_at, ?4), coalesce(?4, last_used_at))
             WHERE id = ?1",
        )
        .and_then(|mut s| {
            s.execute(params![
                id,
                unit.usage_count as i64,
                changed_at,
                unit.last_used_at
            ])
        })
        .map_err(sql("merging a duplicate unit"))?;
        for (position, prop) in unit.props.iter().enumerate() {
            if !is_provenance(prop) && !is_local(prop) {
                insert_prop_if_missing(conn, id, None, prop, position)?;
            }
        }
        return Ok(Inserted::Merged(id));
    }
    let unit_id = conn.last_insert_rowid();
    for (position, prop) in unit.props.iter().enumerate() {
        if !is_local(prop) {
            insert_prop_with(
                conn,
                held.as_deref_mut().map(|h| &mut h.prop),
                (unit_id, None),
                prop,
                position,
            )?;
        }
    }
    restore_reasons(conn, unit_id, unit)?;
    for (i, variant) in unit.variants.iter().enumerate() {
        let variant_id = match held.as_deref_mut() {
            Some(held) if is_plain(variant) => {
                held.plain_variant
                    .execute(params![
                        unit_id,
                        variant.lang.as_str(),
                        variant.text,
                        unit.import_id
                    ])
                    .map_err(sql("inserting a variant"))?;
                conn.last_insert_rowid()
            }
            held => insert_variant_with(
                conn,
                held.map(|h| &mut h.variant),
                unit_id,
                variant,
                unit.import_id,
            )?,
        };
        indexed(i, variant_id)?;
        for (position, prop) in variant.props.iter().enumerate() {
            insert_prop_with(
                conn,
                held.as_deref_mut().map(|h| &mut h.prop),
                (unit_id, Some(variant_id)),
                prop,
                position,
            )?;
        }
    }
    Ok(Inserted::New(unit_id))
}

/// Inserts one `variant` row of unit `unit_id` (its props and index entry are the caller's); returns
/// its id.
pub(crate) fn insert_variant_row(
    conn: &Connection,
    unit_id: i64,
    variant: &NewVariant,
    import_id: Option<i64>,
) -> Result<i64, Error> {
    insert_variant_with(conn, None, unit_id, variant, import_id)
}

/// Whether `variant` is plain text without dates, users or segment: what [`INSERT_PLAIN_VARIANT`]
/// stores in full.
fn is_plain(variant: &NewVariant) -> bool {
    variant.markup.is_none()
        && variant.segment_id.is_none()
        && variant.created_at.is_none()
        && variant.changed_at.is_none()
        && variant.created_by.is_none()
        && variant.changed_by.is_none()
}

/// [`insert_variant_row`] through `held` when given.
fn insert_variant_with(
    conn: &Connection,
    held: Option<&mut Statement<'_>>,
    unit_id: i64,
    variant: &NewVariant,
    import_id: Option<i64>,
) -> Result<i64, Error> {
    execute(
        conn,
        held,
        INSERT_VARIANT,
        params![
            unit_id,
            variant.lang.as_str(),
            variant.text,
            variant.markup,
            variant.segment_id,
            variant.created_at,
            variant.changed_at,
            variant.created_by,
            variant.changed_by,
            import_id,
        ],
    )
    .map_err(sql("inserting a variant"))?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_prop(
    conn: &Connection,
    unit_id: i64,
    variant_id: Option<i64>,
    prop: &Prop,
    position: usize,
) -> Result<(), Error> {
    insert_prop_with(conn, None, (unit_id, variant_id), prop, position)
}

/// [`insert_prop`] through `held` when given: a prop of unit `owner.0`, of its variant `owner.1`
/// when given.
fn insert_prop_with(
    conn: &Connection,
    held: Option<&mut Statement<'_>>,
    (unit_id, variant_id): (i64, Option<i64>),
    prop: &Prop,
    position: usize,
) -> Result<(), Error> {
    execute(
        conn,
        held,
        INSERT_PROP,
        params![
            unit_id,
            variant_id,
            kind_str(prop.kind),
            prop.key,
            prop.lang,
            prop.o_encoding,
            prop.value,
            position as i64
        ],
    )
    .map(drop)
    .map_err(sql("inserting a prop or note"))
}

pub(crate) fn insert_prop_if_missing(
    conn: &Connection,
    unit_id: i64,
    variant_id: Option<i64>,
    prop: &Prop,
    position: usize,
) -> Result<(), Error> {
    let present: bool = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM prop WHERE unit_id = ?1 AND variant_id IS ?2 AND kind = ?3
                            AND type IS ?4 AND value = ?5)",
        )
        .and_then(|mut s| {
            s.query_row(
                params![unit_id, variant_id, kind_str(prop.kind), prop.key, prop.value],
                |r| r.get(0),
            )
        })
        .map_err(sql("looking up a prop"))?;
    if present {
        return Ok(());
    }
    insert_prop(conn, unit_id, variant_id, prop, position)
}

fn kind_str(kind: PropKind) -> &'static str {
    match kind {
        PropKind::Prop => "prop",
        PropKind::Note => "note",
    }
}

/// Inserts a header-level prop or note of an import.
///
/// # Errors
/// [`Error::Sql`].
pub fn insert_import_prop(
    conn: &Connection,
    import_id: i64,
    prop: &Prop,
    position: usize,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO prop (import_id, kind, type, lang, o_encoding, value, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| {
        s.execute(params![
            import_id,
            kind_str(prop.kind),
            prop.key,
            prop.lang,
            prop.o_encoding,
            prop.value,
            position as i64
        ])
    })
    .map(drop)
    .map_err(sql("inserting a header prop or note"))
}

/// Deletes the units with these ids (their variants and props go with them).
///
/// # Errors
/// [`Error::Sql`].
pub fn delete_units(conn: &Connection, ids: &[i64]) -> Result<(), Error> {
    let mut stmt = conn
        .prepare_cached("DELETE FROM unit WHERE id = ?1")
        .map_err(sql("deleting a unit"))?;
    for id in ids {
        stmt.execute([id]).map_err(sql("deleting a unit"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewVariant, Origin};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    fn pair(en: &str, az: &str) -> NewUnit {
        NewUnit::new(
            Origin::Imported,
            vec![
                NewVariant::new(lang("en"), en),
                NewVariant::new(lang("az"), az),
            ],
        )
    }

    #[test]
    fn the_same_unit_inserted_twice_is_stored_once() {
        let memory = Memory::open_in_memory().expect("memory");
        let mut unit = pair("strategic partnership", "strateji tərəfdaşlıq");
        let first = insert_unit(memory.conn(), &unit, 100).expect("insert");
        unit.usage_count = 3;
        unit.props.push(Prop::note("seen twice"));
        let second = insert_unit(memory.conn(), &unit, 200).expect("insert again");
        assert_eq!(first, Inserted::New(first.id()));
        assert_eq!(second, Inserted::Merged(first.id()));
        assert_eq!(memory.count_units().expect("count"), 1);
        let (usage, notes): (i64, i64) = memory
            .conn()
            .query_row(
                "SELECT usage_count, (SELECT count(*) FROM prop WHERE kind = 'note') FROM unit",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("row");
        assert_eq!((usage, notes), (3, 1));
    }

    #[test]
    fn a_unit_with_two_variants_in_one_language_is_refused() {
        let memory = Memory::open_in_memory().expect("memory");
        let unit = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(lang("en"), "a"),
                NewVariant::new(lang("en-GB"), "b"),
            ],
        );
        let err = insert_unit(memory.conn(), &unit, 1).expect_err("refused");
        assert!(err.to_string().contains("two variants in en"), "{err}");
    }
}
