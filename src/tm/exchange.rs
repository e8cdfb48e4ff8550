//! Moving units between the memory and TMX/TSV files: filtered streaming export and transactional import.
//!
//! Export ([`for_each_unit`]) walks three cursors ordered by unit id in step (units, variants, props)
//! and hands out one unit at a time, so memory stays constant whatever the memory's size. Each unit
//! gets tmkit's provenance props in a fixed order (`x-origin`, `x-article`, `x-confidence`, `x-status`
//! on the unit, `x-document` on a variant); a stored prop of the same type (from an earlier import) is
//! used instead of the computed one, so export → import → export gives the same file.
//!
//! Import ([`import_tmx`], [`import_tsv`]) runs one transaction per file: an `import` row with the
//! header, header props, then the units through [`unit::insert_prepared`] (duplicates merged), parsed
//! and prepared on a second thread, their match-index entries built in memory. By default
//! the first bad unit rolls the whole file back; with `skip_bad` each bad unit is reported with its
//! location and skipped. `x-confidence` and `x-status` props go back into the unit's columns.

use std::io::{BufRead, Read};

use rusqlite::params;

use super::unit::{self, NewUnit, NewVariant, Origin, Prop, PropKind, Status};
use super::{Error, Memory, sql};
use crate::error::Location;
use crate::lang::Lang;
use crate::tmx::{TmxReader, tsv::TsvReader};

/// Unit props tmkit computes, in the order they are written.
const UNIT_PROVENANCE: &[&str] = &["x-origin", "x-article", "x-confidence", "x-status"];

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
            origin: Origin::parse(&origin)?,
        };
        row.unit.status = Status::parse(&status)?;
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
        assemble(&mut row, &mut unit_variants, &mut unit_props);
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
fn assemble(row: &mut UnitRow, variants: &mut Vec<VariantRow>, props: &mut Vec<PropRow>) {
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
    unit.props.extend(
        stored
            .iter()
            .filter(|p| {
                !(p.kind == PropKind::Prop
                    && p.key
                        .as_deref()
                        .is_some_and(|k| UNIT_PROVENANCE.contains(&k)))
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

/// SQLite page cache for bulk imports, in KiB (negative `cache_size` = KiB): the unit fingerprint and
/// variant indexes take random inserts, which with SQLite's default 2 MB cache turn into page
/// evictions and re-reads on every unit. 96 MiB keeps an import of 1M units well under 200 MB RSS.
const BULK_CACHE_KIB: i64 = 96 * 1024;

/// Runs `f` with the bulk page cache and without foreign-key checks (every row a bulk write inserts
/// refers to a row it inserted just before, and nothing is deleted), restoring both after.
pub(crate) fn with_bulk_settings<T>(
    memory: &mut Memory,
    f: impl FnOnce(&mut Memory) -> Result<T, crate::Error>,
) -> Result<T, crate::Error> {
    let conn = memory.conn();
    let previous: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(sql("reading the cache size"))?;
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)
        .and_then(|()| conn.pragma_update(None, "foreign_keys", false))
        .map_err(sql("setting up a bulk write"))?;
    // Into an empty memory, a rollback journal costs less than the WAL: the pages a transaction appends
    // are not journaled at all, where the WAL writes every page twice (log, then checkpoint). Nobody
    // reads an empty memory, so taking the database for the load is free. Switching fails harmlessly
    // (the WAL stays) when another connection has the file open.
    let empty: bool = conn
        .query_row("SELECT NOT EXISTS (SELECT 1 FROM unit)", [], |r| r.get(0))
        .map_err(sql("reading the memory"))?;
    let rollback_journal = empty
        && memory.path().as_os_str() != ":memory:"
        && conn
            .pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get::<_, String>(0))
            .is_ok_and(|mode| mode.eq_ignore_ascii_case("delete"));
    let result = f(memory);
    let conn = memory.conn();
    let restored = conn
        .pragma_update(None, "foreign_keys", true)
        .and_then(|()| conn.pragma_update(None, "cache_size", previous))
        .and_then(|()| match rollback_journal {
            true => conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(())),
            false => Ok(()),
        })
        .map_err(sql("restoring the connection after a bulk write"));
    let value = result?;
    restored?;
    Ok(value)
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Units read and stored.
    pub units: u64,
    /// Of those, new units.
    pub new: u64,
    /// Of those, duplicates merged into a stored unit.
    pub merged: u64,
    /// Units skipped (`skip_bad`), each with its error.
    pub skipped: Vec<String>,
}

/// Imports one TMX stream in one transaction. `progress` is called after each unit with the count.
///
/// # Errors
/// The first bad unit's [`crate::tmx::Error`] (unless `skip_bad`), any other reading error (the memory is
/// unchanged then), [`Error::Sql`].
pub fn import_tmx<R: Read + Send>(
    memory: &mut Memory,
    reader: TmxReader<R>,
    path: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, crate::Error> {
    with_bulk_settings(memory, |memory| {
        import_tmx_inner(memory, reader, path, skip_bad, progress)
    })
}

fn import_tmx_inner<R: Read + Send>(
    memory: &mut Memory,
    mut reader: TmxReader<R>,
    path: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, crate::Error> {
    let now = super::now();
    let tx = memory
        .conn_mut()
        .transaction()
        .map_err(sql("starting the import"))?;
    let h = reader.header().clone();
    tx.execute(
        "INSERT INTO import (path, content_hash, format, version, srclang, creationtool, creationtoolversion,
                             segtype, o_tmf, adminlang, datatype, o_encoding, creationdate, creationid,
                             changedate, changeid, imported_at)
         VALUES (?1, '', 'tmx', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            path,
            h.version,
            h.srclang,
            h.creationtool,
            h.creationtoolversion,
            h.segtype,
            h.o_tmf,
            h.adminlang,
            h.datatype,
            h.o_encoding,
            h.creationdate,
            h.creationid,
            h.changedate,
            h.changeid,
            now
        ],
    )
    .map_err(sql("recording the import"))?;
    let import_id = tx.last_insert_rowid();
    for (position, prop) in h.props.iter().enumerate() {
        unit::insert_import_prop(&tx, import_id, prop, position)?;
    }
    let units = std::iter::from_fn(|| reader.next_unit())
        .map(|next| next.map(|read| (read.unit, read.line)));
    let report = load_units(&tx, import_id, now, path, skip_bad, units, progress)?;
    tx.execute(
        "UPDATE import SET content_hash = ?2 WHERE id = ?1",
        params![import_id, reader.content_hash()],
    )
    .map_err(sql("recording the import"))?;
    tx.commit().map_err(sql("committing the import"))?;
    Ok(report)
}

/// Stores the units read from one file: parsed and prepared on a second thread
/// ([`super::bulk::pipelined`]), inserted here by a [`super::bulk::Loader`], duplicates merged. Bad units are
/// skipped and reported with their location when `skip_bad`, else the first one is the error.
fn load_units(
    tx: &rusqlite::Transaction<'_>,
    import_id: i64,
    now: i64,
    path: &str,
    skip_bad: bool,
    units: impl Iterator<Item = Result<(NewUnit, u64), crate::tmx::Error>> + Send,
    mut progress: impl FnMut(u64),
) -> Result<ImportReport, crate::Error> {
    let mut report = ImportReport::default();
    let mut loader = super::bulk::Loader::new(tx, now);
    let prepared = units.map(|next| {
        next.map(|(mut u, line)| {
            u.import_id = Some(import_id);
            (unit::Prepared::new(u), line)
        })
    });
    super::bulk::pipelined(prepared, |next| -> Result<(), crate::Error> {
        match next {
            Ok((Ok(prepared), _)) => {
                match loader.insert(&prepared)? {
                    unit::Inserted::New(_) => report.new += 1,
                    unit::Inserted::Merged(_) => report.merged += 1,
                }
                report.units += 1;
            }
            Ok((Err(Error::InvalidUnit { why }), line)) if skip_bad => {
                let at = reader_location(path, line);
                report.skipped.push(format!("{at}: bad unit: {why}"));
            }
            Ok((Err(e), _)) => return Err(e.into()),
            Err(e) if skip_bad && e.is_unit_error() => report.skipped.push(e.to_string()),
            Err(e) => return Err(e.into()),
        }
        progress(report.units);
        Ok(())
    })?;
    // Index the new variants now, so the import is searchable at once and its time includes indexing.
    loader.finish()?;
    Ok(report)
}

fn reader_location(path: &str, line: u64) -> Location {
    Location::new(Some(path.into()), line, 0)
}

/// Imports one TSV stream (header line naming the languages) in one transaction.
///
/// # Errors
/// As [`import_tmx`].
pub fn import_tsv<R: BufRead + Send>(
    memory: &mut Memory,
    reader: TsvReader<R>,
    path: &str,
    content_hash: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, crate::Error> {
    with_bulk_settings(memory, |memory| {
        import_tsv_inner(memory, reader, path, content_hash, skip_bad, progress)
    })
}

fn import_tsv_inner<R: BufRead + Send>(
    memory: &mut Memory,
    mut reader: TsvReader<R>,
    path: &str,
    content_hash: &str,
    skip_bad: bool,
    progress: impl FnMut(u64),
) -> Result<ImportReport, crate::Error> {
    let now = super::now();
    let tx = memory
        .conn_mut()
        .transaction()
        .map_err(sql("starting the import"))?;
    let srclang = reader.langs().first().map(|l| l.as_str().to_string());
    tx.execute(
        "INSERT INTO import (path, content_hash, format, srclang, imported_at) VALUES (?1, ?2, 'tsv', ?3, ?4)",
        params![path, content_hash, srclang, now],
    )
    .map_err(sql("recording the import"))?;
    let import_id = tx.last_insert_rowid();
    let units = std::iter::from_fn(|| reader.next_unit());
    let report = load_units(&tx, import_id, now, path, skip_bad, units, progress)?;
    tx.commit().map_err(sql("committing the import"))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tmx::{LangStyle, TmxWriter, WriteHeader};

    fn lang(t: &str) -> Lang {
        Lang::parse(t).expect("tag")
    }

    fn export(memory: &Memory, filter: &ExportFilter) -> String {
        let header = WriteHeader {
            srclang: filter.langs.first().cloned(),
            creationdate: 0,
            lang_style: LangStyle::Bcp47,
        };
        let mut w = TmxWriter::new(Vec::new(), &header).expect("header");
        for_each_unit::<crate::Error>(memory, filter, |u| Ok(w.write_unit(u)?)).expect("export");
        String::from_utf8(w.finish().expect("finish")).expect("utf-8")
    }

    #[test]
    fn a_bilingual_export_holds_only_units_with_both_languages() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let tx = memory.conn_mut().transaction().expect("tx");
        let mut a = NewUnit::new(
            Origin::Aligned,
            vec![
                NewVariant::new(lang("en"), "Hello"),
                NewVariant::new(lang("az"), "Salam"),
            ],
        );
        a.confidence = Some(0.5);
        a.status = Status::NeedsReview;
        unit::insert_unit(&tx, &a, 10).expect("a");
        let b = NewUnit::new(
            Origin::Manual,
            vec![
                NewVariant::new(lang("en"), "Bye"),
                NewVariant::new(lang("ru"), "Пока"),
            ],
        );
        unit::insert_unit(&tx, &b, 20).expect("b");
        tx.commit().expect("commit");
        let filter = ExportFilter {
            langs: vec![lang("en"), lang("az")],
            require_all: true,
            ..ExportFilter::default()
        };
        let out = export(&memory, &filter);
        assert!(out.contains("<seg>Salam</seg>"), "{out}");
        assert!(!out.contains("Bye"), "{out}");
        assert!(
            out.contains("<prop type=\"x-confidence\">0.5000</prop>"),
            "{out}"
        );
        let filter = ExportFilter {
            status: Some(Status::Ok),
            ..ExportFilter::default()
        };
        let out = export(&memory, &filter);
        assert!(!out.contains("Salam") && out.contains("Пока"), "{out}");
    }

    #[test]
    fn import_then_export_gives_the_same_tmx() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let tx = memory.conn_mut().transaction().expect("tx");
        let mut u = NewUnit::new(
            Origin::Aligned,
            vec![
                NewVariant::new(lang("en"), " a & b <c> "),
                NewVariant::new(lang("zh"), "中文😀"),
            ],
        );
        u.props.push(Prop::note("checked"));
        u.tuid = Some("t1".into());
        u.confidence = Some(0.93);
        unit::insert_unit(&tx, &u, 1_700_000_000).expect("insert");
        tx.commit().expect("commit");
        let first = export(&memory, &ExportFilter::default());
        let mut fresh = Memory::open_in_memory().expect("memory");
        let reader = TmxReader::new(first.as_bytes(), None).expect("reader");
        let report = import_tmx(&mut fresh, reader, "x.tmx", false, |_| {}).expect("import");
        assert_eq!(report.new, 1);
        let second = export(&fresh, &ExportFilter::default());
        assert_eq!(first, second);
    }

    #[test]
    fn a_load_into_an_empty_memory_ends_in_wal_mode_with_foreign_keys_on() {
        let dir = tempfile::tempdir().expect("tempdir");
        let tmx = "<tmx version=\"1.4\"><header srclang=\"en\" creationtool=\"t\" creationtoolversion=\"1\" \
                   segtype=\"sentence\" o-tmf=\"t\" adminlang=\"en\" datatype=\"plaintext\"/><body>\
                   <tu><tuv xml:lang=\"en\"><seg>a</seg></tuv><tuv xml:lang=\"az\"><seg>b</seg></tuv></tu>\
                   </body></tmx>";
        let mut memory = Memory::open(&dir.path().join("tm.db")).expect("memory");
        for expected_new in [1, 0] {
            let reader = TmxReader::new(tmx.as_bytes(), None).expect("reader");
            let report = import_tmx(&mut memory, reader, "x.tmx", false, |_| {}).expect("import");
            assert_eq!(report.new, expected_new);
            let (mode, fk): (String, bool) = memory
                .conn()
                .query_row(
                    "SELECT * FROM pragma_journal_mode, pragma_foreign_keys",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("pragmas");
            assert_eq!((mode.as_str(), fk), ("wal", true));
        }
    }
}
