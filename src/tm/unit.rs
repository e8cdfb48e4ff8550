//! Translation units and their variants: the values stored, and how they are inserted.
//!
//! A unit is identified by its *fingerprint*: SHA-256 over its variants sorted by language, each as
//! `lang NUL content US`, where content is the variant's TMX markup when it has inline codes and its
//! text otherwise. Inserting a unit whose fingerprint is already stored merges it into the stored one
//! ([`Inserted::Merged`]): the usage count and dates become the larger of the two and props or notes the
//! stored unit lacks are added. So importing or aligning the same material twice stores it once.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use super::{Error, sql};
use crate::lang::Lang;

/// Where a unit came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Aligned from parallel articles by `tmkit align`.
    Aligned,
    /// Imported from a TMX or TSV file.
    Imported,
    /// Entered by a person.
    Manual,
}

impl Origin {
    /// The value stored in `unit.origin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Aligned => "aligned",
            Origin::Imported => "imported",
            Origin::Manual => "manual",
        }
    }

    /// Reads a stored value.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for a value tmkit does not write.
    pub fn parse(value: &str) -> Result<Origin, Error> {
        match value {
            "aligned" => Ok(Origin::Aligned),
            "imported" => Ok(Origin::Imported),
            "manual" => Ok(Origin::Manual),
            other => Err(Error::Corrupt {
                what: "unit.origin",
                value: other.to_string(),
            }),
        }
    }
}

/// Whether a unit can be used as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Status {
    /// Usable.
    #[serde(rename = "ok")]
    Ok,
    /// Aligned with low confidence (or flagged): a person should check it.
    #[serde(rename = "needs-review")]
    NeedsReview,
}

impl Status {
    /// The value stored in `unit.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::NeedsReview => "needs-review",
        }
    }

    /// Reads a stored value.
    ///
    /// # Errors
    /// [`Error::Corrupt`] for a value tmkit does not write.
    pub fn parse(value: &str) -> Result<Status, Error> {
        match value {
            "ok" => Ok(Status::Ok),
            "needs-review" => Ok(Status::NeedsReview),
            other => Err(Error::Corrupt {
                what: "unit.status",
                value: other.to_string(),
            }),
        }
    }
}

/// Whether a [`Prop`] is a TMX `<prop>` or a `<note>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PropKind {
    /// `<prop type="…">value</prop>`.
    Prop,
    /// `<note>value</note>`.
    Note,
}

/// A TMX `<prop>` or `<note>` of a unit, a variant or an import header.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Prop {
    /// Prop or note.
    pub kind: PropKind,
    /// The prop's `type` (None for notes).
    pub key: Option<String>,
    /// `xml:lang` of the prop or note, as written.
    pub lang: Option<String>,
    /// `o-encoding`, as written.
    pub o_encoding: Option<String>,
    /// The text.
    pub value: String,
}

impl Prop {
    /// A `<prop type="key">value</prop>`.
    pub fn typed(key: impl Into<String>, value: impl Into<String>) -> Prop {
        Prop {
            kind: PropKind::Prop,
            key: Some(key.into()),
            lang: None,
            o_encoding: None,
            value: value.into(),
        }
    }

    /// A `<note>value</note>`.
    pub fn note(value: impl Into<String>) -> Prop {
        Prop {
            kind: PropKind::Note,
            key: None,
            lang: None,
            o_encoding: None,
            value: value.into(),
        }
    }
}

/// One language's text of a unit, to be inserted.
#[derive(Clone, Debug, PartialEq)]
pub struct NewVariant {
    /// Its language.
    pub lang: Lang,
    /// Plain text, inline codes removed.
    pub text: String,
    /// The TMX `<seg>` content (XML) when it has inline codes; None otherwise.
    pub markup: Option<String>,
    /// The segment it was aligned from.
    pub segment_id: Option<i64>,
    /// TMX `<tuv>` dates and users, when imported.
    pub created_at: Option<i64>,
    /// `<tuv changedate>`.
    pub changed_at: Option<i64>,
    /// `<tuv creationid>`.
    pub created_by: Option<String>,
    /// `<tuv changeid>`.
    pub changed_by: Option<String>,
    /// `<tuv>`-level props and notes.
    pub props: Vec<Prop>,
}

impl NewVariant {
    /// A variant with just a language and a text.
    pub fn new(lang: Lang, text: impl Into<String>) -> NewVariant {
        NewVariant {
            lang,
            text: text.into(),
            markup: None,
            segment_id: None,
            created_at: None,
            changed_at: None,
            created_by: None,
            changed_by: None,
            props: Vec::new(),
        }
    }
}

/// A unit to be inserted.
#[derive(Clone, Debug, PartialEq)]
pub struct NewUnit {
    /// Where it comes from.
    pub origin: Origin,
    /// Usable or needs review.
    pub status: Status,
    /// Alignment confidence in `0.0..=1.0`.
    pub confidence: Option<f32>,
    /// The article it was aligned from.
    pub article_id: Option<i64>,
    /// The import that brought it.
    pub import_id: Option<i64>,
    /// TMX `tuid`.
    pub tuid: Option<String>,
    /// The unit's source language.
    pub srclang: Option<Lang>,
    /// Creation time (unix seconds); now when None.
    pub created_at: Option<i64>,
    /// Change time; the creation time when None.
    pub changed_at: Option<i64>,
    /// TMX `creationid`.
    pub created_by: Option<String>,
    /// TMX `changeid`.
    pub changed_by: Option<String>,
    /// Creation tool; `tmkit <version>` when None.
    pub creation_tool: Option<String>,
    /// TMX `usagecount`.
    pub usage_count: u64,
    /// TMX `lastusagedate`.
    pub last_used_at: Option<i64>,
    /// Unit-level props and notes.
    pub props: Vec<Prop>,
    /// Its variants, at most one per language.
    pub variants: Vec<NewVariant>,
}

impl NewUnit {
    /// A unit of the given origin with these variants and nothing else set.
    pub fn new(origin: Origin, variants: Vec<NewVariant>) -> NewUnit {
        NewUnit {
            origin,
            status: Status::Ok,
            confidence: None,
            article_id: None,
            import_id: None,
            tuid: None,
            srclang: None,
            created_at: None,
            changed_at: None,
            created_by: None,
            changed_by: None,
            creation_tool: None,
            usage_count: 0,
            last_used_at: None,
            props: Vec::new(),
            variants,
        }
    }

    /// The unit's fingerprint (see the module documentation).
    pub fn fingerprint(&self) -> [u8; 32] {
        let mut parts: Vec<(&str, &str)> = self
            .variants
            .iter()
            .map(|v| (v.lang.as_str(), v.markup.as_deref().unwrap_or(&v.text)))
            .collect();
        parts.sort_unstable();
        let mut hasher = Sha256::new();
        for (lang, content) in parts {
            hasher.update(lang.as_bytes());
            hasher.update([0]);
            hasher.update(content.as_bytes());
            hasher.update([0x1f]);
        }
        hasher.finalize().into()
    }

    fn validate(&self) -> Result<(), Error> {
        if self.variants.is_empty() {
            return Err(Error::InvalidUnit {
                why: "it has no variant".into(),
            });
        }
        for (i, v) in self.variants.iter().enumerate() {
            if self.variants[..i].iter().any(|w| w.lang == v.lang) {
                return Err(Error::InvalidUnit {
                    why: format!("two variants in {}", v.lang),
                });
            }
        }
        Ok(())
    }
}

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
/// default for its dates. Call it inside a transaction. Its variants are queued for the match index,
/// which the next lookup (or [`super::index::flush`]) brings up to date.
///
/// # Errors
/// [`Error::InvalidUnit`] for a unit without variants or with two in one language; [`Error::Sql`].
pub fn insert_unit(conn: &Connection, unit: &NewUnit, now: i64) -> Result<Inserted, Error> {
    unit.validate()?;
    insert_with(conn, unit, &unit.fingerprint(), now, |_, variant_id| {
        super::index::queue(conn, variant_id)
    })
}

/// A unit made ready for [`insert_prepared`]: validated, with its fingerprint and the index keys of its
/// variants computed. That is the costly part of an insert that needs no connection, so a bulk import
/// prepares units on one thread while another inserts them.
#[derive(Clone, Debug)]
pub struct Prepared {
    unit: NewUnit,
    fingerprint: [u8; 32],
    keys: Vec<super::index::Keys>,
}

impl Prepared {
    /// Validates and prepares `unit`.
    ///
    /// # Errors
    /// [`Error::InvalidUnit`] as [`insert_unit`].
    pub fn new(unit: NewUnit) -> Result<Prepared, Error> {
        unit.validate()?;
        let keys = unit
            .variants
            .iter()
            .map(|v| super::index::Keys::of(&v.lang, &v.text))
            .collect();
        Ok(Prepared {
            fingerprint: unit.fingerprint(),
            unit,
            keys,
        })
    }

    /// The unit.
    pub fn unit(&self) -> &NewUnit {
        &self.unit
    }
}

/// Inserts a prepared unit as [`insert_unit`] does, adding its variants to `index` directly (no queue,
/// no second reading of the texts). Call it inside a transaction and write `index` before committing.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn insert_prepared(
    conn: &Connection,
    prepared: &Prepared,
    now: i64,
    index: &mut super::index::Builder,
) -> Result<Inserted, Error> {
    insert_with(
        conn,
        &prepared.unit,
        &prepared.fingerprint,
        now,
        |i, variant_id| index.add(conn, variant_id, &prepared.keys[i]),
    )
}

/// The insert itself; `indexed(i, id)` is told each new variant (`i`-th of the unit, stored as `id`).
fn insert_with(
    conn: &Connection,
    unit: &NewUnit,
    fingerprint: &[u8; 32],
    now: i64,
    mut indexed: impl FnMut(usize, i64) -> Result<(), Error>,
) -> Result<Inserted, Error> {
    let created_at = unit.created_at.unwrap_or(now);
    let changed_at = unit.changed_at.unwrap_or(created_at);
    let tool = unit
        .creation_tool
        .as_deref()
        .unwrap_or(concat!("tmkit ", env!("CARGO_PKG_VERSION")));
    // Insert first and look the fingerprint up only when it is taken: new units, the common case, cost
    // one B-tree search instead of two.
    let inserted = conn
        .prepare_cached(
            "INSERT INTO unit (origin, status, confidence, article_id, import_id, tuid, srclang, created_at,
                               changed_at, created_by, changed_by, creation_tool, usage_count, last_used_at,
                               fingerprint)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
             ON CONFLICT (fingerprint) DO NOTHING",
        )
        .and_then(|mut s| {
            s.execute(params![
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
            ])
        })
        .map_err(sql("inserting a unit"))?;
    if inserted == 0 {
        let id: i64 = conn
            .prepare_cached("SELECT id FROM unit WHERE fingerprint = ?1")
            .and_then(|mut s| s.query_row([&fingerprint[..]], |r| r.get(0)))
            .map_err(sql("looking up a unit's fingerprint"))?;
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
            insert_prop_if_missing(conn, id, None, prop, position)?;
        }
        return Ok(Inserted::Merged(id));
    }
    let unit_id = conn.last_insert_rowid();
    for (position, prop) in unit.props.iter().enumerate() {
        insert_prop(conn, unit_id, None, prop, position)?;
    }
    for (i, variant) in unit.variants.iter().enumerate() {
        conn.prepare_cached(
            "INSERT INTO variant (unit_id, lang, text, markup, segment_id, created_at, changed_at,
                                  created_by, changed_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )
        .and_then(|mut s| {
            s.execute(params![
                unit_id,
                variant.lang.as_str(),
                variant.text,
                variant.markup,
                variant.segment_id,
                variant.created_at,
                variant.changed_at,
                variant.created_by,
                variant.changed_by,
            ])
        })
        .map_err(sql("inserting a variant"))?;
        let variant_id = conn.last_insert_rowid();
        indexed(i, variant_id)?;
        for (position, prop) in variant.props.iter().enumerate() {
            insert_prop(conn, unit_id, Some(variant_id), prop, position)?;
        }
    }
    Ok(Inserted::New(unit_id))
}

fn insert_prop(
    conn: &Connection,
    unit_id: i64,
    variant_id: Option<i64>,
    prop: &Prop,
    position: usize,
) -> Result<(), Error> {
    conn.prepare_cached(
        "INSERT INTO prop (unit_id, variant_id, kind, type, lang, o_encoding, value, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .and_then(|mut s| {
        s.execute(params![
            unit_id,
            variant_id,
            kind_str(prop.kind),
            prop.key,
            prop.lang,
            prop.o_encoding,
            prop.value,
            position as i64
        ])
    })
    .map(drop)
    .map_err(sql("inserting a prop or note"))
}

fn insert_prop_if_missing(
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
    use crate::tm::Memory;

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
