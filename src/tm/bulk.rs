//! Bulk writes: many units into one transaction, using both cores.
//!
//! An import spends its time in work that needs no database (parsing XML; the unit's SHA-256
//! fingerprint and tokenizing every variant for the match index) and SQLite's inserts.
//! [`pipelined`] runs the first on a second thread, handing units over in batches through a bounded
//! channel, and [`pipelined_map`] splits it over two threads (parsing, then preparing), while a
//! [`Loader`] inserts on the caller's thread: units go in through
//! [`unit::insert_prepared`], and their index entries are gathered in memory by an
//! [`index::Builder`] instead of being queued and read back. [`rebuild_index`] rebuilds the whole
//! match index the same way, tokenizing on every core.
//!
//! [`Memory::load`] is the writer that wraps it all: bulk connection settings, one transaction, the
//! `import` row recording where the units came from, a [`Loader`], and the index written before the
//! commit (so the index queue is empty afterwards, as after every write). A load into a memory without
//! units drops four indexes of `unit` (the fingerprint's unique index among them) and builds them
//! again before the commit, and knows which pivot keys and fingerprints are taken without searching
//! (`Fresh`).

use rusqlite::{Connection, OptionalExtension, params};

use super::index::{self, Builder, IdSet, Keys};
use super::unit::{self, Imported, Inserter, Prepared};
use super::{Error, Memory, sql};
use crate::lang::Lang;
use crate::unit::ImportHeader;

/// Items per message from the producing thread to the consuming one.
const BATCH: usize = 256;
/// Messages in flight: bounds the memory between the threads.
const IN_FLIGHT: usize = 8;

/// Runs `items` on a second thread, in batches, while `consume` takes them on this one. When `consume`
/// fails, the producer stops at its next send and the error is returned.
///
/// # Errors
/// The first error of `consume`.
pub fn pipelined<I, E>(items: I, consume: impl FnMut(I::Item) -> Result<(), E>) -> Result<(), E>
where
    I: Iterator + Send,
    I::Item: Send,
{
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<I::Item>>(IN_FLIGHT);
    std::thread::scope(|scope| {
        scope.spawn(move || send_batches(items, &sender));
        // The receiver is moved in and dropped when this returns, so a producer blocked on a full
        // channel wakes up (its send fails) before the scope joins it.
        let mut consume = consume;
        (move || {
            for batch in receiver {
                for item in batch {
                    consume(item)?;
                }
            }
            Ok(())
        })()
    })
}

/// Sends `items` in batches of [`BATCH`] until they end or the receiver is gone.
fn send_batches<I: Iterator>(items: I, sender: &std::sync::mpsc::SyncSender<Vec<I::Item>>) {
    let mut batch = Vec::with_capacity(BATCH);
    for item in items {
        batch.push(item);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            if sender.send(full).is_err() {
                return;
            }
        }
    }
    if !batch.is_empty() {
        let _ = sender.send(batch);
    }
}

/// Like [`pipelined`] with a stage between: `items` are drawn on one thread, `map` runs on a second,
/// and `consume` on this one, in order. An import reads XML on the first, validates, fingerprints and
/// tokenizes on the second and inserts on this one: three threads whose costs differ by file, which the
/// OS balances over the cores, where two fixed halves leave a core idle whenever one half is the
/// larger. When `consume` fails, the other two stop at their next send and the error is returned.
///
/// # Errors
/// The first error of `consume`.
pub fn pipelined_map<I, T, E>(
    items: I,
    map: impl FnMut(I::Item) -> T + Send,
    consume: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator + Send,
    I::Item: Send,
    T: Send,
{
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<I::Item>>(IN_FLIGHT);
    std::thread::scope(|scope| {
        scope.spawn(move || send_batches(items, &sender));
        // The middle stage is the producer of `pipelined`; when that one's consumer stops, the
        // receiver here is dropped and the first stage's next send fails.
        let mapped = receiver.into_iter().flatten().map(map);
        pipelined(mapped, consume)
    })
}

/// Inserts prepared units into an open transaction, building their match-index entries in memory.
/// [`Loader::finish`] writes the index; dropping a loader without it leaves the new variants
/// unindexed, so only drop it when the transaction is rolled back.
pub struct Loader<'c> {
    conn: &'c Connection,
    /// The insert statements, prepared when the first unit arrives.
    inserter: Option<Inserter<'c>>,
    index: Builder,
    now: i64,
    import_id: Option<i64>,
    fresh: Option<Fresh>,
}

/// Indexes of `unit` that no query of a load reads as long as every unit it stores is new: a load into
/// a memory without units drops them and builds them again from the table before it commits (in
/// the same transaction), which costs a sort instead of a B-tree insert per unit (SQLite's
/// fastest bulk path).
const DEFERRED: &[&str] = &[
    "unit_import",
    "unit_changed",
    "unit_pivot",
    FINGERPRINT_INDEX,
];

/// The unique index of the units' fingerprints (`memory/0014_unit_fingerprint_index.sql`): deferred
/// like the others, while [`Fingerprints`] answers the one question a load asks of it.
const FINGERPRINT_INDEX: &str = "unit_fingerprint";

/// The page cache (and so the sorter's memory) while deferred indexes are built, in KiB: a 1M-unit
/// import peaked at 232 MB with the bulk cache, against 200 MB allowed.
const SORT_CACHE_KIB: i64 = 8 * 1024;

/// What a load into a memory that held no unit when it began knows without asking SQLite.
pub(crate) struct Fresh {
    /// Every pivot key stored since the load began (and, after a join or an update, the stored
    /// unit's): with no unit before, a superset of the pivot keys stored, so a key not in it is
    /// not taken and needs no search.
    pivots: IdSet,
    /// The `CREATE INDEX` statements of the [`DEFERRED`] indexes, as the schema holds them, while
    /// they are dropped.
    deferred: Vec<String>,
    /// The fingerprints stored since the load began, while [`FINGERPRINT_INDEX`] is dropped.
    fingerprints: Option<Fingerprints>,
}

/// The fingerprints of the units a fresh load stored, in memory: what the dropped unique index would
/// answer. An open-addressing table of 4-byte slots over (first 8 bytes of the fingerprint, unit id)
/// entries, 16 bytes a unit plus at most 8 for the slots (24 MB at 1M units, where a `HashMap` of the
/// same entries takes 34). SHA-256 output is uniform, so the prefix is its own hash. Two fingerprints
/// of one prefix are told apart by reading the stored unit's full fingerprint by its rowid, so a
/// shared prefix never merges different units.
#[derive(Default)]
pub(crate) struct Fingerprints {
    /// (prefix, unit id), in the order stored.
    entries: Vec<(u64, i64)>,
    /// 0 for an empty slot, else an index into `entries` plus 1; a power of two long, at most half
    /// full.
    slots: Vec<u32>,
}

impl Fingerprints {
    fn prefix(fingerprint: &[u8; 32]) -> u64 {
        let mut first = [0; 8];
        first.copy_from_slice(&fingerprint[..8]);
        u64::from_le_bytes(first)
    }

    /// The stored unit with this fingerprint, if any.
    fn find(&self, conn: &Connection, fingerprint: &[u8; 32]) -> Result<Option<i64>, Error> {
        if self.slots.is_empty() {
            return Ok(None);
        }
        let prefix = Fingerprints::prefix(fingerprint);
        let mask = self.slots.len() - 1;
        let mut slot = prefix as usize & mask;
        while let Some(&entry) = self.slots.get(slot).filter(|&&e| e != 0) {
            let (stored_prefix, id) = self.entries[entry as usize - 1];
            if stored_prefix == prefix {
                let stored: Vec<u8> = conn
                    .prepare_cached("SELECT fingerprint FROM unit WHERE id = ?1")
                    .and_then(|mut s| s.query_row([id], |r| r.get(0)))
                    .map_err(sql("reading a unit's fingerprint"))?;
                if stored == fingerprint[..] {
                    return Ok(Some(id));
                }
            }
            slot = (slot + 1) & mask;
        }
        Ok(None)
    }

    /// Records that unit `id` has `fingerprint` (not stored before).
    fn insert(&mut self, fingerprint: &[u8; 32], id: i64) {
        if (self.entries.len() + 1) * 2 > self.slots.len() {
            let len = (self.slots.len() * 2).max(1024);
            self.slots = vec![0; len];
            for entry in 0..self.entries.len() {
                self.place(entry);
            }
        }
        self.entries.push((Fingerprints::prefix(fingerprint), id));
        self.place(self.entries.len() - 1);
    }

    /// Puts entry `entry` in the first free slot from its prefix on.
    fn place(&mut self, entry: usize) {
        let mask = self.slots.len() - 1;
        let mut slot = self.entries[entry].0 as usize & mask;
        while self.slots[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = u32::try_from(entry + 1).expect("fewer than 4 billion units in a load");
    }
}

impl Fresh {
    /// Begins a fresh load when the memory holds no unit: drops the [`DEFERRED`] indexes.
    fn begin(conn: &Connection) -> Result<Option<Fresh>, Error> {
        let empty: bool = conn
            .query_row("SELECT NOT EXISTS (SELECT 1 FROM unit)", [], |r| r.get(0))
            .map_err(sql("counting units"))?;
        if !empty {
            return Ok(None);
        }
        let mut deferred = Vec::with_capacity(DEFERRED.len());
        let mut fingerprints = None;
        for name in DEFERRED {
            let create: Option<String> = conn
                .query_row(
                    "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                    [name],
                    |r| r.get(0),
                )
                .optional()
                .map_err(sql("reading the schema"))?;
            if let Some(create) = create {
                conn.execute_batch(&format!("DROP INDEX {name}"))
                    .map_err(sql("deferring an index"))?;
                deferred.push(create);
                if *name == FINGERPRINT_INDEX {
                    fingerprints = Some(Fingerprints::default());
                }
            }
        }
        Ok(Some(Fresh {
            pivots: IdSet::default(),
            deferred,
            fingerprints,
        }))
    }

    /// Whether the fingerprint index is dropped: then [`Fresh::stored_unit`] answers for it, and each
    /// new unit must be told with [`Fresh::stored`].
    pub(crate) fn defers_fingerprints(&self) -> bool {
        self.fingerprints.is_some()
    }

    /// The unit stored by this load with `fingerprint` (none was stored before it), while the
    /// fingerprint index is dropped.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub(crate) fn stored_unit(
        &self,
        conn: &Connection,
        fingerprint: &[u8; 32],
    ) -> Result<Option<i64>, Error> {
        match &self.fingerprints {
            Some(fingerprints) => fingerprints.find(conn, fingerprint),
            None => Ok(None),
        }
    }

    /// Records new unit `id` with `fingerprint`.
    pub(crate) fn stored(&mut self, fingerprint: &[u8; 32], id: i64) {
        if let Some(fingerprints) = &mut self.fingerprints {
            fingerprints.insert(fingerprint, id);
        }
    }

    /// Whether a stored unit may have pivot `key`.
    pub(crate) fn may_hold(&self, key: i64) -> bool {
        self.pivots.contains(&key)
    }

    /// Builds the deferred indexes again, before a query that needs them or the commit. SQLite's sorter
    /// holds as much as the page cache may, which would double the load's peak memory: the sort runs
    /// with a small cache ([`SORT_CACHE_KIB`]) and spills the rest to temporary files.
    pub(crate) fn restore(&mut self, conn: &Connection) -> Result<(), Error> {
        // The index answers from here on; the record of fingerprints goes before the sort.
        self.fingerprints = None;
        if self.deferred.is_empty() {
            return Ok(());
        }
        let previous: i64 = conn
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .map_err(sql("reading the cache size"))?;
        conn.pragma_update(None, "cache_size", -SORT_CACHE_KIB)
            .map_err(sql("building a deferred index"))?;
        for create in self.deferred.drain(..) {
            conn.execute_batch(&create)
                .map_err(sql("building a deferred index"))?;
        }
        conn.pragma_update(None, "cache_size", previous)
            .map_err(sql("building a deferred index"))
    }
}

impl<'c> Loader<'c> {
    /// A loader writing through `conn` (inside a transaction), with `now` as the default date.
    pub fn new(conn: &'c Connection, now: i64) -> Loader<'c> {
        Loader {
            conn,
            inserter: None,
            index: Builder::new(),
            now,
            import_id: None,
            fresh: None,
        }
    }

    /// The id of the import this load records (see [`Memory::load`]), for the units' `import_id`.
    pub fn import_id(&self) -> Option<i64> {
        self.import_id
    }

    /// Records the content hash of the imported file, when it is known only after reading it.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn set_content_hash(&self, content_hash: &str) -> Result<(), Error> {
        let Some(id) = self.import_id else {
            return Ok(());
        };
        self.conn
            .execute(
                "UPDATE import SET content_hash = ?2 WHERE id = ?1",
                params![id, content_hash],
            )
            .map(drop)
            .map_err(sql("recording the import"))
    }

    /// Inserts one unit, or finds the stored unit it is or belongs to ([`unit::insert_prepared`]).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn insert(&mut self, prepared: &Prepared) -> Result<Imported, Error> {
        if self.inserter.is_none() {
            self.inserter = Some(Inserter::new(self.conn)?);
        }
        let imported = unit::insert_prepared_in(
            self.conn,
            self.inserter.as_mut(),
            prepared,
            self.now,
            &mut self.index,
            self.fresh.as_mut(),
        )?;
        if let Some(fresh) = &mut self.fresh {
            fresh.pivots.extend(prepared.pivot());
            // A join or an update may give the stored unit another pivot key (or keep its own).
            if let Imported::Joined(id) | Imported::Updated(id) = imported {
                let stored: Option<i64> = self
                    .conn
                    .prepare_cached("SELECT pivot FROM unit WHERE id = ?1")
                    .and_then(|mut s| s.query_row([id], |r| r.get(0)))
                    .map_err(sql("reading a unit's pivot"))?;
                fresh.pivots.extend(stored);
            }
        }
        Ok(imported)
    }

    /// Writes the index entries still held, and indexes variants queued before by other writers.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn finish(mut self) -> Result<(), Error> {
        // The held index entries and the pivot keys first: their memory is free before the deferred
        // indexes' sort.
        self.index.write(self.conn)?;
        if let Some(mut fresh) = self.fresh.take() {
            fresh.pivots = IdSet::default();
            fresh.restore(self.conn)?;
        }
        index::flush(self.conn)?;
        Ok(())
    }
}

/// The file format of an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    /// TMX.
    Tmx,
    /// Tab-separated values, one column per language.
    Tsv,
}

impl ImportFormat {
    /// The value stored in `import.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            ImportFormat::Tmx => "tmx",
            ImportFormat::Tsv => "tsv",
        }
    }
}

/// Where loaded units come from: one row of `import`, with the file's TMX header as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewImport {
    /// The file, as given.
    pub path: String,
    /// TMX or TSV.
    pub format: ImportFormat,
    /// SHA-256 of the file's bytes, hex; empty until [`Loader::set_content_hash`] when read as it
    /// streams.
    pub content_hash: String,
    /// The file's TMX header as written (empty for TSV).
    pub header: ImportHeader,
}

impl NewImport {
    /// An import of `path` in `format` with nothing else known.
    pub fn new(path: impl Into<String>, format: ImportFormat) -> NewImport {
        NewImport {
            path: path.into(),
            format,
            content_hash: String::new(),
            header: ImportHeader::default(),
        }
    }
}

/// Records `import` with its header props; returns its id.
fn insert_import(conn: &Connection, import: &NewImport, now: i64) -> Result<i64, Error> {
    conn.execute(
        "INSERT INTO import (path, content_hash, format, version, srclang, creationtool, creationtoolversion,
                             segtype, o_tmf, adminlang, datatype, o_encoding, creationdate, creationid,
                             changedate, changeid, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        params![
            import.path,
            import.content_hash,
            import.format.as_str(),
            import.header.version,
            import.header.srclang,
            import.header.creationtool,
            import.header.creationtoolversion,
            import.header.segtype,
            import.header.o_tmf,
            import.header.adminlang,
            import.header.datatype,
            import.header.o_encoding,
            import.header.creationdate,
            import.header.creationid,
            import.header.changedate,
            import.header.changeid,
            now
        ],
    )
    .map_err(sql("recording the import"))?;
    let import_id = conn.last_insert_rowid();
    for (position, prop) in import.header.props.iter().enumerate() {
        unit::insert_import_prop(conn, import_id, prop, position)?;
    }
    Ok(import_id)
}

impl Memory {
    /// Loads units in one transaction: `body` inserts them through the [`Loader`] it is given; then
    /// the match index is written and the transaction committed. With `import`, an `import` row
    /// records where the units came from ([`Loader::import_id`]). The connection runs with bulk
    /// settings meanwhile (see [`with_bulk_settings`]).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`], or what `body` returns; nothing is stored then.
    pub fn load<T, E: From<Error>>(
        &mut self,
        import: Option<&NewImport>,
        body: impl FnOnce(&mut Loader<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        with_bulk_settings(self, |memory| {
            let now = super::now();
            let tx = memory.write()?;
            let mut loader = Loader::new(&tx, now);
            loader.fresh = Fresh::begin(&tx)?;
            if loader.fresh.is_some() {
                tx.pragma_update(None, "cache_size", -FRESH_CACHE_KIB)
                    .map_err(sql("setting up a bulk write"))?;
            }
            if let Some(import) = import {
                loader.import_id = Some(insert_import(&tx, import, now)?);
            }
            let value = body(&mut loader)?;
            loader.finish()?;
            tx.commit("committing the load")?;
            Ok(value)
        })
    }
}

/// SQLite page cache for bulk imports, in KiB (negative `cache_size` = KiB): the unit fingerprint and
/// variant indexes take random inserts, which with SQLite's default 2 MB cache turn into page
/// evictions and re-reads on every unit. 96 MiB keeps an import of 1M units well under 200 MB RSS.
const BULK_CACHE_KIB: i64 = 96 * 1024;

/// The page cache of a load into an empty memory, in KiB: with its deferred indexes (the fingerprint
/// index among them), every B-tree it writes grows at its end, and the pivot keys (19 MB at 1M units)
/// and fingerprints (24 MB) it holds in memory must fit in the same 200 MB.
const FRESH_CACHE_KIB: i64 = 32 * 1024;

/// Runs `f` with the bulk page cache, without foreign-key checks (every row a bulk write inserts
/// refers to a row it inserted just before, and nothing is deleted) and without CHECK constraints,
/// restoring all three after.
///
/// The CHECK constraints are off because of what they cost, not what they check: `unit.origin IN
/// ('aligned', 'imported', 'manual')` makes SQLite build a temporary B-tree of the three values for
/// every unit it inserts, about a third of an import's insert instructions (callgrind). The values a
/// load writes come from Rust enums (`Origin`, `Status`, `PropKind`) and a prop names its unit, so they
/// hold by construction; every other write keeps the checks (changing the setting expires the
/// prepared statements, so none compiled without them outlives the load).
///
/// # Errors
/// [`Error::Sql`] when the settings cannot be changed or restored; what `f` returns.
pub fn with_bulk_settings<T, E: From<Error>>(
    memory: &mut Memory,
    f: impl FnOnce(&mut Memory) -> Result<T, E>,
) -> Result<T, E> {
    let conn = memory.conn();
    let previous: i64 = conn
        .query_row("PRAGMA cache_size", [], |r| r.get(0))
        .map_err(sql("reading the cache size"))?;
    conn.pragma_update(None, "cache_size", -BULK_CACHE_KIB)
        .and_then(|()| conn.pragma_update(None, "foreign_keys", false))
        .and_then(|()| conn.pragma_update(None, "ignore_check_constraints", true))
        .map_err(sql("setting up a bulk write"))?;
    // The journal stays the WAL even for the first load into an empty memory: a rollback journal would
    // save writing the appended pages twice, but every reader opening the memory meanwhile would fail
    // (issue #16).
    let result = f(memory);
    let conn = memory.conn();
    let restored = conn
        .pragma_update(None, "foreign_keys", true)
        .and_then(|()| conn.pragma_update(None, "ignore_check_constraints", false))
        .and_then(|()| conn.pragma_update(None, "cache_size", previous))
        .map_err(sql("restoring the connection after a bulk write"));
    let value = result?;
    restored?;
    Ok(value)
}

/// Variants read per round of [`rebuild_index`].
const REBUILD_BATCH: usize = 50_000;

/// Rebuilds the match index from the stored variants: drops every posting and the queue, then
/// tokenizes all variants (split across the machine's cores) and writes fresh, compact posting lists.
/// Call it inside a transaction. Returns the number of variants indexed.
///
/// # Errors
/// [`Error::Sql`]; [`Error::Corrupt`] for a stored language tag tmkit cannot parse.
pub fn rebuild_index(conn: &Connection) -> Result<u64, Error> {
    conn.execute_batch("DELETE FROM match_posting; DELETE FROM match_pending;")
        .map_err(sql("clearing the match index"))?;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut builder = Builder::new();
    let mut stmt = conn
        .prepare("SELECT id, lang, text FROM variant ORDER BY id")
        .map_err(sql("reading the variants"))?;
    let mut rows = stmt.query([]).map_err(sql("reading the variants"))?;
    let mut langs: Vec<(String, Lang)> = Vec::new();
    let mut batch: Vec<(i64, usize, String)> = Vec::with_capacity(REBUILD_BATCH);
    let mut total = 0u64;
    loop {
        let row = rows.next().map_err(sql("reading the variants"))?;
        if let Some(row) = row {
            let id: i64 = row.get(0).map_err(sql("reading a variant"))?;
            let tag = row.get_ref(1).and_then(|v| Ok(v.as_str()?.to_string()));
            let tag = tag.map_err(sql("reading a variant"))?;
            let text: String = row.get(2).map_err(sql("reading a variant"))?;
            let lang = match langs.iter().position(|(t, _)| *t == tag) {
                Some(i) => i,
                None => {
                    let lang = Lang::parse(&tag).map_err(|_| Error::Corrupt {
                        what: "variant.lang",
                        value: tag.clone(),
                    })?;
                    langs.push((tag, lang));
                    langs.len() - 1
                }
            };
            batch.push((id, lang, text));
            if batch.len() < REBUILD_BATCH {
                continue;
            }
        }
        if batch.is_empty() {
            break;
        }
        let keys = keys_in_parallel(&batch, &langs, threads);
        for ((id, _, _), keys) in batch.iter().zip(&keys) {
            builder.add(conn, *id, keys)?;
        }
        total += batch.len() as u64;
        batch.clear();
        if row.is_none() {
            break;
        }
    }
    builder.write(conn)?;
    Ok(total)
}

/// The keys of each text of `batch`, computed on `threads` threads.
fn keys_in_parallel(
    batch: &[(i64, usize, String)],
    langs: &[(String, Lang)],
    threads: usize,
) -> Vec<Keys> {
    let per = batch.len().div_ceil(threads.max(1)).max(1);
    std::thread::scope(|scope| {
        let parts: Vec<_> = batch
            .chunks(per)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|(_, lang, text)| Keys::of(&langs[*lang].1, text))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        parts
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::Memory;
    use crate::unit::{NewUnit, NewVariant, Origin};

    fn lang(t: &str) -> Lang {
        Lang::parse(t).expect("tag")
    }

    fn pair(i: usize) -> NewUnit {
        NewUnit::new(
            Origin::Imported,
            vec![
                NewVariant::new(
                    lang("en"),
                    format!("The minister met the delegation {i} times."),
                ),
                NewVariant::new(
                    lang("az"),
                    format!("Nazir nümayəndə heyəti ilə {i} dəfə görüşdü."),
                ),
            ],
        )
    }

    fn postings(memory: &Memory) -> Vec<(i64, Vec<index::Posting>)> {
        let tokens: Vec<i64> = memory
            .conn()
            .prepare("SELECT DISTINCT token FROM match_posting ORDER BY token")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("tokens");
        tokens
            .into_iter()
            .map(|t| {
                let mut list = index::read_list(memory.conn(), t).expect("list");
                list.sort_by_key(|p| p.variant);
                (t, list)
            })
            .collect()
    }

    #[test]
    fn a_loaded_memory_has_the_index_that_queued_inserts_build() {
        let mut loaded = Memory::open_in_memory().expect("memory");
        let tx = loaded.conn_mut().transaction().expect("tx");
        let mut loader = Loader::new(&tx, 5);
        let units: Vec<NewUnit> = (0..300).map(|i| pair(i % 250)).collect();
        let mut merged = 0;
        pipelined(
            units.into_iter().map(Prepared::new),
            |p| -> Result<(), Error> {
                if let Imported::Merged(_) = loader.insert(&p?)? {
                    merged += 1;
                }
                Ok(())
            },
        )
        .expect("load");
        loader.finish().expect("finish");
        tx.commit().expect("commit");
        assert_eq!(merged, 50);

        let mut queued = Memory::open_in_memory().expect("memory");
        for i in 0..300 {
            unit::insert_unit(queued.conn(), &pair(i % 250), 5).expect("insert");
        }
        queued.flush_index().expect("flush");
        assert_eq!(postings(&loaded), postings(&queued));
        assert!(!postings(&loaded).is_empty());
    }

    /// Every row of `table` as text, in id order.
    fn rows(memory: &Memory, table: &str) -> Vec<String> {
        let columns: Vec<String> = memory
            .conn()
            .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
            .and_then(|mut s| s.query_map([table], |r| r.get(0))?.collect())
            .expect("columns");
        let quoted: Vec<String> = columns.iter().map(|c| format!("quote({c})")).collect();
        let select = format!(
            "SELECT {} FROM {table} ORDER BY id",
            quoted.join(" || '|' || ")
        );
        memory
            .conn()
            .prepare(&select)
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("rows")
    }

    #[test]
    fn a_load_stores_every_column_that_inserting_one_unit_at_a_time_stores() {
        // Plain variants take the load's short statement; one with markup, dates, users or props the
        // full one. Both must store what `insert_unit` stores, column by column.
        let mut units: Vec<NewUnit> = (0..6).map(pair).collect();
        for u in &mut units {
            // Else the load's own clock would date them.
            u.created_at = Some(1_720_000_000);
        }
        units[1].variants[0].markup = Some("The <b>minister</b> met.".into());
        units[2].variants[1].created_at = Some(1_700_000_000);
        units[2].variants[1].changed_by = Some("anar".into());
        units[3].variants[0]
            .props
            .push(crate::unit::Prop::note("checked"));
        units[3]
            .props
            .push(crate::unit::Prop::typed("x-domain", "politics"));
        units[4].tuid = Some("t-4".into());
        units[4].created_by = Some("leyla".into());
        units[4].usage_count = 3;
        units[5].srclang = Some(lang("en"));
        let mut loaded = Memory::open_in_memory().expect("memory");
        loaded
            .load(None, |loader| -> Result<(), Error> {
                for u in &units {
                    loader.insert(&Prepared::new(u.clone())?)?;
                }
                Ok(())
            })
            .expect("load");
        let mut one_by_one = Memory::open_in_memory().expect("memory");
        one_by_one.insert_units(&units, 5).expect("insert");
        for table in ["unit", "variant", "prop"] {
            assert_eq!(rows(&loaded, table), rows(&one_by_one, table), "{table}");
        }
        assert_eq!(rows(&loaded, "variant").len(), 12);
        assert!(rows(&loaded, "variant")[2].contains("'The <b>minister</b> met.'"));
        assert_eq!(rows(&loaded, "prop").len(), 2);
    }

    #[test]
    fn a_rebuilt_index_equals_the_one_built_on_insert() {
        let mut memory = Memory::open_in_memory().expect("memory");
        for i in 0..120 {
            unit::insert_unit(memory.conn(), &pair(i), 5).expect("insert");
        }
        memory.flush_index().expect("flush");
        let before = postings(&memory);
        let tx = memory.conn_mut().transaction().expect("tx");
        assert_eq!(rebuild_index(&tx).expect("rebuild"), 240);
        tx.commit().expect("commit");
        assert_eq!(postings(&memory), before);
    }

    /// An imported unit in `langs` (source first) with these texts.
    fn imported(texts: &[(&str, &str)]) -> NewUnit {
        let mut u = NewUnit::new(
            Origin::Imported,
            texts
                .iter()
                .map(|(l, t)| NewVariant::new(lang(l), *t))
                .collect(),
        );
        u.srclang = Some(lang(texts[0].0));
        u
    }

    /// What a file of units that join, repeat and are new does: loaded into `memory`.
    fn load_mixed(memory: &mut Memory) -> Vec<Imported> {
        let units = vec![
            imported(&[("en", "Good morning."), ("az", "Sabahınız xeyir.")]),
            imported(&[("en", "Thanks."), ("az", "Sağ olun.")]),
            // The same source sentence in another language: joins the first unit.
            imported(&[("en", "Good morning."), ("ru", "Доброе утро.")]),
            imported(&[("en", "Bye."), ("zh", "再见。")]),
            // A repeat of the second: merged by its fingerprint.
            imported(&[("en", "Thanks."), ("az", "Sağ olun.")]),
            // The joined unit's sentence once more, in a third language.
            imported(&[("en", "Good morning."), ("zh", "早上好。")]),
            imported(&[("en", "Bye."), ("ru", "Пока.")]),
        ];
        memory
            .load(None, |loader| -> Result<Vec<Imported>, Error> {
                units
                    .into_iter()
                    .map(|u| loader.insert(&Prepared::new(u)?))
                    .collect()
            })
            .expect("load")
    }

    /// Each unit's variants as `lang=text`, units in id order, and the schema of `unit`'s indexes.
    fn stored(memory: &Memory) -> (Vec<String>, Vec<(String, String)>) {
        let units = crate::tm::article::tests::contents(memory);
        let indexes = memory
            .conn()
            .prepare(
                "SELECT name, coalesce(sql, '') FROM sqlite_schema
                 WHERE type = 'index' AND tbl_name = 'unit' ORDER BY name",
            )
            .and_then(|mut s| s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect())
            .expect("schema");
        (units, indexes)
    }

    #[test]
    fn a_load_into_an_empty_memory_stores_what_a_load_into_a_used_one_does() {
        let mut empty = Memory::open_in_memory().expect("memory");
        let schema_before = stored(&empty).1;
        let outcomes = load_mixed(&mut empty);
        assert!(matches!(
            outcomes.as_slice(),
            [
                Imported::New(1),
                Imported::New(2),
                Imported::Joined(1),
                Imported::New(3),
                Imported::Merged(2),
                Imported::Joined(1),
                Imported::Joined(3),
            ]
        ));
        let (units, schema) = stored(&empty);
        assert_eq!(
            units,
            vec![
                "az-Latn=Sabahınız xeyir. en=Good morning. ru=Доброе утро. zh-Hans=早上好。",
                "az-Latn=Sağ olun. en=Thanks.",
                "en=Bye. ru=Пока. zh-Hans=再见。",
            ]
        );
        // The deferred indexes are back, as the migrations wrote them.
        assert_eq!(schema, schema_before);
        assert!(schema.iter().any(|(name, sql)| name == "unit_pivot"
            && sql == "CREATE INDEX unit_pivot ON unit(pivot) WHERE pivot IS NOT NULL"));

        // The same file into a memory that holds a unit already takes the path without deferring.
        let mut used = Memory::open_in_memory().expect("memory");
        used.load(None, |loader| -> Result<(), Error> {
            loader.insert(&Prepared::new(imported(&[
                ("en", "Unrelated."),
                ("az", "Başqa."),
            ]))?)?;
            Ok(())
        })
        .expect("first load");
        load_mixed(&mut used);
        let (mut used_units, used_schema) = stored(&used);
        assert_eq!(used_units.remove(0), "az-Latn=Başqa. en=Unrelated.");
        assert_eq!((used_units, used_schema), (units, schema));
    }

    #[test]
    fn a_fresh_load_tells_fingerprints_of_one_prefix_apart_and_merges_only_equal_ones() {
        // Without a source language a unit has no pivot key: only its fingerprint can merge it.
        let one = [7u8; 32];
        let mut other = one;
        other[31] = 8;
        let mut third = one;
        third[8] = 9;
        let units = [
            (pair(1), one),
            (pair(2), other),
            (pair(3), third),
            (pair(4), other),
            (pair(5), one),
        ];
        let mut memory = Memory::open_in_memory().expect("memory");
        let outcomes = memory
            .load(None, |loader| -> Result<Vec<Imported>, Error> {
                units
                    .iter()
                    .map(|(u, f)| loader.insert(&Prepared::new(u.clone())?.with_fingerprint(*f)))
                    .collect()
            })
            .expect("load");
        assert!(
            matches!(
                outcomes.as_slice(),
                [
                    Imported::New(1),
                    Imported::New(2),
                    Imported::New(3),
                    Imported::Merged(2),
                    Imported::Merged(1),
                ]
            ),
            "{outcomes:?}"
        );
        let fingerprints: Vec<Vec<u8>> = memory
            .conn()
            .prepare("SELECT fingerprint FROM unit ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("fingerprints");
        assert_eq!(
            fingerprints,
            vec![one.to_vec(), other.to_vec(), third.to_vec()]
        );
        // The unique index is back and the next load merges through it.
        let schema = stored(&memory).1;
        assert!(schema.iter().any(|(name, sql)| name == "unit_fingerprint"
            && sql == "CREATE UNIQUE INDEX unit_fingerprint ON unit(fingerprint)"));
        let again = memory
            .load(None, |loader| -> Result<Imported, Error> {
                loader.insert(&Prepared::new(pair(6))?.with_fingerprint(third))
            })
            .expect("second load");
        assert!(matches!(again, Imported::Merged(3)), "{again:?}");
    }

    #[test]
    fn fingerprints_of_one_prefix_fill_the_slots_after_it() {
        let memory = Memory::open_in_memory().expect("memory");
        let mut fingerprints = Fingerprints::default();
        // 3000 units (the table grows twice), every tenth sharing its prefix with the one before.
        let mut all = Vec::new();
        for i in 0..3000u32 {
            let mut f = [0u8; 32];
            let prefix = if i % 10 == 1 { i - 1 } else { i };
            f[..4].copy_from_slice(&prefix.to_le_bytes());
            f[28..].copy_from_slice(&i.to_le_bytes());
            let id = i64::from(i) + 1;
            memory
                .conn()
                .execute(
                    "INSERT INTO unit (id, origin, created_at, changed_at, creation_tool, fingerprint)
                     VALUES (?1, 'imported', 1, 1, 't', ?2)",
                    params![id, &f[..]],
                )
                .expect("unit");
            assert_eq!(fingerprints.find(memory.conn(), &f).expect("find"), None);
            fingerprints.insert(&f, id);
            all.push((f, id));
        }
        assert_eq!(fingerprints.slots.len(), 8192);
        for (f, id) in &all {
            assert_eq!(
                fingerprints.find(memory.conn(), f).expect("find"),
                Some(*id)
            );
        }
        let mut absent = all[1].0;
        absent[31] = 0xff;
        assert_eq!(
            fingerprints.find(memory.conn(), &absent).expect("find"),
            None
        );
    }

    #[test]
    fn a_failed_load_into_an_empty_memory_keeps_its_indexes() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let before = stored(&memory);
        let result = memory.load(None, |loader| -> Result<(), Error> {
            loader.insert(&Prepared::new(imported(&[("en", "One."), ("az", "Bir.")]))?)?;
            loader.insert(&Prepared::new(NewUnit::new(Origin::Imported, Vec::new()))?)?;
            Ok(())
        });
        assert!(matches!(result, Err(Error::InvalidUnit(_))), "{result:?}");
        assert_eq!(stored(&memory), before);
        assert!(before.1.iter().any(|(name, _)| name == "unit_changed"));
    }

    #[test]
    fn check_constraints_apply_again_after_a_load() {
        let mut memory = Memory::open_in_memory().expect("memory");
        load_mixed(&mut memory);
        let bad_origin =
            "INSERT INTO unit (origin, created_at, changed_at, creation_tool, fingerprint)
                          VALUES ('invented', 1, 1, 't', x'00')";
        // Compiled and cached without the check during a bulk write (and rolled back)…
        let during = with_bulk_settings(&mut memory, |memory| -> Result<usize, Error> {
            let tx = memory.conn_mut().transaction().map_err(sql("test"))?;
            let n = tx
                .prepare_cached(bad_origin)
                .and_then(|mut s| s.execute([]))
                .map_err(sql("test"))?;
            Ok(n)
        });
        assert_eq!(during.expect("checks are off in a bulk write"), 1);
        assert_eq!(memory.count_units().expect("count"), 3);
        // …the same cached statement checks again after it.
        for _ in 0..2 {
            let result = memory
                .conn()
                .prepare_cached(bad_origin)
                .and_then(|mut s| s.execute([]));
            let message = result.expect_err("the CHECK holds").to_string();
            assert!(message.contains("CHECK constraint failed"), "{message}");
        }
        let ignored: bool = memory
            .conn()
            .query_row("PRAGMA ignore_check_constraints", [], |r| r.get(0))
            .expect("pragma");
        assert!(!ignored);
    }

    #[test]
    fn a_three_stage_pipeline_keeps_the_order_and_stops_on_the_first_error() {
        let mut seen = Vec::new();
        let result = pipelined_map(
            0..100_000u64,
            |i| i * 2,
            |i| {
                seen.push(i);
                if i == 2 * 70_000 { Err(i) } else { Ok(()) }
            },
        );
        assert_eq!(result, Err(140_000));
        assert_eq!(seen.len(), 70_001);
        assert!(seen.iter().enumerate().all(|(k, &i)| i == 2 * k as u64));
        let mut sum = 0;
        pipelined_map(
            1..=1000u64,
            |i| i,
            |i| -> Result<(), ()> {
                sum += i;
                Ok(())
            },
        )
        .expect("all");
        assert_eq!(sum, 500_500);
    }

    #[test]
    fn a_failing_consumer_stops_the_producer() {
        let mut seen = 0;
        let result = pipelined(0..1_000_000u64, |i| {
            seen += 1;
            if i == 1000 { Err("stop") } else { Ok(()) }
        });
        assert_eq!(result, Err("stop"));
        assert_eq!(seen, 1001);
    }
}
