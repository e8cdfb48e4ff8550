//! Reading units out of the memory for export: a filtered stream of [`NewUnit`]s.
//!
//! [`for_each_unit`] walks three cursors ordered by unit id in step (units, variants, props) and hands
//! out one unit at a time, so memory stays constant whatever the memory's size. Each unit gets tmkit's
//! provenance props in a fixed order (`x-origin`, `x-article`, `x-confidence`, `x-status` on the unit,
//! `x-document` on a variant); a stored prop of the same type (from an earlier import) is used instead
//! of the computed one, so export → import → export gives the same file. Then come the props that hold
//! in this memory only: `x-unit` (the unit's id, as `tmkit review` takes it) and, for a unit that needs
//! review, one `x-review-reason` per reason (`number-mismatch (zh-Hans)`). Writing the units as TMX or
//! TSV is the `tmx` module's business. Every unit gets a stable `tuid`: the one it was imported with,
//! or `tmkit-<unit id>` ([`super::pivot::TUID_PREFIX`]), by which an import recognises it.

use rusqlite::params;

use super::{Error, Memory, sql};
use crate::lang::Lang;
use crate::unit::{NewUnit, NewVariant, Origin, Prop, PropKind, ReviewReason, Status};
/// Unit props tmkit computes, in the order they are written.
const UNIT_PROVENANCE: &[&str] = &["x-origin", "x-article", "x-confidence", "x-status"];
/// Unit props that describe the unit in this memory only, written after the provenance props and never
/// taken from a stored prop (an import never stores them: [`super::unit`]): the unit's id here, which
/// `tmkit review` takes, and each reason it needs review (`number-mismatch (zh-Hans)`), which an
/// import into another memory restores.
pub(crate) const UNIT_LOCAL: &[&str] = &["x-unit", "x-review-reason"];

/// Which units an export holds.
#[derive(Clone, Debug, Default)]
pub struct ExportFilter {
    /// The languages, in output order; empty = every language.
    pub langs: Vec<Lang>,
    /// Keep only units that have every language of `langs` (bilingual exports set it).
    pub require_all: bool,
    /// Minimum alignment confidence (units without one, e.g. imported, are kept).
    pub min_confidence: Option<f32>,
    /// Only units with this status.
    pub status: Option<Status>,
    /// Changed at or after (unix seconds).
    pub since: Option<i64>,
    /// Changed at or before (unix seconds).
    pub until: Option<i64>,
    /// Only units aligned from this article (slug).
    pub article: Option<String>,
    /// Only units with a variant aligned from this document (its source path).
    pub document: Option<String>,
}

struct UnitRow {
    id: i64,
    unit: NewUnit,
    slug: Option<String>,
    origin: Origin,
}

struct VariantRow {
    unit_id: i64,
    variant_id: i64,
    variant: NewVariant,
    document: Option<String>,
}

struct PropRow {
    unit_id: i64,
    variant_id: Option<i64>,
    prop: Prop,
}

/// Calls `f` with every unit the filter selects, in unit id order, with its variants (in the filter's
/// language order, else by language) and props. Returns the number of units.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`], or what `f` returns.
pub fn for_each_unit<E: From<Error>>(
    memory: &Memory,
    filter: &ExportFilter,
    mut f: impl FnMut(&NewUnit) -> Result<(), E>,
) -> Result<u64, E> {
    let conn = memory.conn();
    let mut units = conn
        .prepare(
            "SELECT u.id, u.origin, u.status, u.confidence, u.tuid, u.srclang, u.created_at, u.changed_at,
                    u.created_by, u.changed_by, u.usage_count, u.last_used_at, a.slug
             FROM unit u LEFT JOIN article a ON a.id = u.article_id
             WHERE (?1 IS NULL OR u.confidence IS NULL OR u.confidence >= ?1)
               AND (?2 IS NULL OR u.status = ?2)
               AND (?3 IS NULL OR u.changed_at >= ?3)
               AND (?4 IS NULL OR u.changed_at <= ?4)
               AND (?5 IS NULL OR a.slug = ?5)
               AND (?6 IS NULL OR EXISTS (
                     SELECT 1 FROM variant v JOIN segment s ON s.id = v.segment_id
                     JOIN document d ON d.id = s.document_id
                     WHERE v.unit_id = u.id AND d.source_path = ?6))
             ORDER BY u.id",
        )
        .map_err(sql("preparing the export"))?;
    let mut variants = conn
        .prepare(
            "SELECT v.unit_id, v.id, v.lang, v.text, v.markup, v.created_at, v.changed_at, v.created_by,
                    v.changed_by, d.source_path
             FROM variant v LEFT JOIN segment s ON s.id = v.segment_id
             LEFT JOIN document d ON d.id = s.document_id
             ORDER BY v.unit_id, v.lang",
        )
        .map_err(sql("preparing the export"))?;
    let mut props = conn
        .prepare(
            "SELECT unit_id, variant_id, kind, type, lang, o_encoding, value FROM prop
             WHERE unit_id IS NOT NULL ORDER BY unit_id, id",
        )
        .map_err(sql("preparing the export"))?;
    let status = filter.status.map(Status::as_str);
    let mut unit_rows = units
        .query_map(
            params![
                filter.min_confidence.map(f64::from),
                status,
                filter.since,
                filter.until,
                filter.article,
                filter.document
            ],
            |r| {
                let mut unit = NewUnit::new(Origin::Imported, Vec::new());
                let origin: String = r.get(1)?;
                let status: String = r.get(2)?;
                unit.confidence = r.get::<_, Option<f64>>(3)?.map(|c| c as f32);
                unit.tuid = r.get(4)?;
                unit.srclang = r
                    .get::<_, Option<String>>(5)?
                    .and_then(|s| Lang::parse(&s).ok());
                unit.created_at = r.get(6)?;
                unit.changed_at = r.get(7)?;
                unit.created_by = r.get(8)?;
                unit.changed_by = r.get(9)?;
                unit.usage_count = r.get::<_, i64>(10)?.max(0) as u64;
                unit.last_used_at = r.get(11)?;
                Ok((r.get::<_, i64>(0)?, unit, r.get(12)?, origin, status))
            },
        )
        .map_err(sql("reading units"))?;
    let mut variant_rows = variants
        .query_map([], |r| {
            let lang: String = r.get(2)?;
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                lang,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                [r.get::<_, Option<i64>>(5)?, r.get(6)?],
                [r.get::<_, Option<String>>(7)?, r.get(8)?],
                r.get::<_, Option<String>>(9)?,
            ))
        })
        .map_err(sql("reading variants"))?
        .peekable();
    let mut prop_rows = props
        .query_map([], |r| {
            let kind: String = r.get(2)?;
            Ok(PropRow {
                unit_id: r.get(0)?,
                variant_id: r.get(1)?,
                prop: Prop {
                    kind: if kind == "note" {
                        PropKind::Note
                    } else {
                        PropKind::Prop
                    },
                    key: r.get(3)?,
                    lang: r.get(4)?,
                    o_encoding: r.get(5)?,
                    value: r.get(6)?,
                },
            })
        })
        .map_err(sql("reading props"))?
        .peekable();

    let mut count = 0u64;
    let mut unit_variants: Vec<VariantRow> = Vec::new();
    let mut unit_props: Vec<PropRow> = Vec::new();
    for row in unit_rows.by_ref() {
        let (id, unit, slug, origin, status) = row.map_err(sql("reading units"))?;
        let mut row = UnitRow {
            id,
            unit,
            slug,
            origin: Origin::parse(&origin).map_err(|_| Error::Corrupt {
                what: "unit.origin",
                value: origin.clone(),
            })?,
        };
        // A stable tuid: the one the unit was imported with, else `tmkit-<id>`, which names the unit
        // when the file comes back (an edited unit updates the stored one: tm::pivot).
        if row.unit.tuid.is_none() {
            row.unit.tuid = Some(format!("{}{}", super::pivot::TUID_PREFIX, row.id));
        }
        row.unit.status = Status::parse(&status).map_err(|_| Error::Corrupt {
            what: "unit.status",
            value: status.clone(),
        })?;
        // Variants and props of this unit (skipping those of units the filter left out).
        unit_variants.clear();
        let mut variant_error = None;
        rows_of_unit(
            &mut variant_rows,
            row.id,
            |v| v.0,
            "reading variants",
            |v| {
                let lang = match Lang::parse(&v.2) {
                    Ok(lang) => lang,
                    Err(_) => {
                        variant_error = Some(Error::Corrupt {
                            what: "variant.lang",
                            value: v.2.clone(),
                        });
                        return;
                    }
                };
                if !filter.langs.is_empty() && !filter.langs.contains(&lang) {
                    return;
                }
                let mut variant = NewVariant::new(lang, v.3);
                variant.markup = v.4;
                [variant.created_at, variant.changed_at] = v.5;
                [variant.created_by, variant.changed_by] = v.6;
                unit_variants.push(VariantRow {
                    unit_id: v.0,
                    variant_id: v.1,
                    variant,
                    document: v.7,
                });
            },
        )?;
        if let Some(e) = variant_error {
            return Err(e.into());
        }
        unit_props.clear();
        rows_of_unit(
            &mut prop_rows,
            row.id,
            |p| p.unit_id,
            "reading props",
            |p| {
                unit_props.push(p);
            },
        )?;
        let wanted = if filter.langs.is_empty() {
            1
        } else if filter.require_all {
            filter.langs.len()
        } else {
            2.min(filter.langs.len())
        };
        if unit_variants.len() < wanted {
            continue;
        }
        debug_assert!(unit_variants.iter().all(|v| v.unit_id == row.id));
        if !filter.langs.is_empty() {
            unit_variants.sort_by_key(|v| filter.langs.iter().position(|l| *l == v.variant.lang));
        } else if let Some(src) = &row.unit.srclang {
            // The unit's source language first: tools without srclang take the first <tuv> as source.
            unit_variants.sort_by_key(|v| v.variant.lang != *src);
        }
        let reasons = if row.unit.status == Status::NeedsReview {
            super::review::reasons_of(conn, row.id)?
        } else {
            Vec::new()
        };
        assemble(&mut row, &reasons, &mut unit_variants, &mut unit_props);
        f(&row.unit)?;
        count += 1;
    }
    Ok(count)
}

/// Hands `take` the rows of unit `unit` from a cursor ordered by unit id, dropping the rows of units
/// before it (units the filter left out), and stops at the first row of a later unit.
fn rows_of_unit<T, I: Iterator<Item = rusqlite::Result<T>>>(
    rows: &mut std::iter::Peekable<I>,
    unit: i64,
    unit_of: impl Fn(&T) -> i64,
    context: &'static str,
    mut take: impl FnMut(T),
) -> Result<(), Error> {
    while let Some(next) = rows.peek() {
        // An error row is taken at once, so that it is reported.
        if next.as_ref().is_ok_and(|r| unit_of(r) > unit) {
            break;
        }
        let Some(row) = rows.next() else { break };
        let row = row.map_err(sql(context))?;
        if unit_of(&row) == unit {
            take(row);
        }
    }
    Ok(())
}

/// Puts the provenance and stored props into the unit and its variants.
fn assemble(
    row: &mut UnitRow,
    reasons: &[ReviewReason],
    variants: &mut Vec<VariantRow>,
    props: &mut Vec<PropRow>,
) {
    let unit = &mut row.unit;
    let stored: Vec<Prop> = props
        .iter()
        .filter(|p| p.variant_id.is_none())
        .map(|p| p.prop.clone())
        .collect();
    let is_stored = |key: &str| {
        stored
            .iter()
            .find(|p| p.kind == PropKind::Prop && p.key.as_deref() == Some(key))
    };
    for key in UNIT_PROVENANCE {
        let computed = match *key {
            "x-origin" => Some(row.origin.as_str().to_string()),
            "x-article" => row.slug.clone(),
            "x-confidence" => unit.confidence.map(|c| format!("{c:.4}")),
            "x-status" => Some(unit.status.as_str().to_string()),
            _ => None,
        };
        if let Some(p) = is_stored(key) {
            unit.props.push(p.clone());
        } else if let Some(value) = computed {
            unit.props.push(Prop::typed(*key, value));
        }
    }
    unit.props.push(Prop::typed("x-unit", row.id.to_string()));
    unit.props.extend(
        reasons
            .iter()
            .map(|r| Prop::typed("x-review-reason", r.to_string())),
    );
    unit.props.extend(
        stored
            .iter()
            .filter(|p| {
                !(p.kind == PropKind::Prop
                    && p.key
                        .as_deref()
                        .is_some_and(|k| UNIT_PROVENANCE.contains(&k) || UNIT_LOCAL.contains(&k)))
            })
            .cloned(),
    );
    for v in variants.drain(..) {
        let mut variant = v.variant;
        let own: Vec<Prop> = props
            .iter()
            .filter(|p| p.variant_id == Some(v.variant_id))
            .map(|p| p.prop.clone())
            .collect();
        let has_document = own
            .iter()
            .any(|p| p.kind == PropKind::Prop && p.key.as_deref() == Some("x-document"));
        if let (false, Some(doc)) = (has_document, v.document) {
            variant.props.push(Prop::typed("x-document", doc));
        }
        variant.props.extend(own);
        unit.variants.push(variant);
    }
    props.clear();
}
