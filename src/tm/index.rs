//! The match index: inverted posting lists over token keys, kept in SQLite (`memory/0003_match_index.sql`).
//!
//! Method: set-similarity search with a length filter, a prefix filter and a count filter (Chaudhuri,
//! Ganti & Kaushik 2006; Bayardo, Ma & Srikant 2007), on the weighted multiset of token keys of
//! [`crate::fuzzy::token`]. For a query of weight `Wq` and a threshold `t`, every source whose score is
//! `≥ t` has weight `Ws ∈ [t·Wq, Wq/t]` and shares key weight `≥ t·max(Wq, Ws)` with the query (the
//! invariant stated in [`crate::fuzzy::score`]). So it contains at least one token of the query's
//! *prefix*: its rarest tokens whose weight exceeds `Wq − t·Wq`. [`candidates`] reads the posting lists
//! of the prefix, then adds the other tokens' lists to the counts, and keeps every variant whose count
//! bound reaches `t`. Recall is complete by construction; the score itself is computed afterwards.
//!
//! Maintenance: `tm::unit::insert_unit` queues each inserted variant in `match_pending` ([`queue`]:
//! one row, cheap enough for bulk imports; triggers queue changed texts); [`flush`] merges the queue into new posting chunks, compacting a token's chunks when they
//! grow many. Deleted variants leave stale postings, which readers re-check against `variant`.
//!
//! Posting entry encoding, per chunk in ascending variant id: varint `(id − previous id) << 1 | (tf > 1)`,
//! varint variant weight, then varint tf when it is above 1. Token ids are FNV-1a hashes of
//! `lang NUL key`, 63 bits; a collision only adds candidates.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::{Connection, params};

use super::{Error, sql};
use crate::fuzzy::token::{DATE_KEY, Keyed, Kind, Token, tokenize_words};
use crate::hash::Fnv1a;
use crate::lang::Lang;

/// Variants merged per batch: bounds the memory a flush uses.
const FLUSH_BATCH: usize = 250_000;
/// A token's chunks are merged into one when there are more than this many.
const MAX_CHUNKS: i64 = 8;

/// The index id of a token key in a language.
pub fn token_id(lang: &str, key: &str) -> i64 {
    let h = Fnv1a::new()
        .write(lang.as_bytes())
        .write(&[0])
        .write(key.as_bytes())
        .finish();
    (h >> 1) as i64
}

/// A multiplicative hasher for integer keys (variant ids): SipHash costs more than the rest of the
/// candidate count on long posting lists, and the keys are not attacker-chosen.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
    fn write_i64(&mut self, v: i64) {
        self.0 = (v as u64)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(26);
    }
}

type IdMap<V> = HashMap<i64, V, BuildHasherDefault<IdHasher>>;
/// A set of integer keys hashed by [`IdHasher`] (ids, and pivot keys, which are hashes already).
pub(crate) type IdSet = HashSet<i64, BuildHasherDefault<IdHasher>>;

/// One entry of a posting list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    /// The variant.
    pub variant: i64,
    /// The variant's total token weight.
    pub weight: u32,
    /// How often the token occurs in it.
    pub tf: u32,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

#[inline(always)]
fn get_varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    // Most deltas, weights and frequencies fit one byte, and nearly all the rest two.
    let first = *data.get(*pos)?;
    if first < 0x80 {
        *pos += 1;
        return Some(u64::from(first));
    }
    if let Some(&second) = data.get(*pos + 1)
        && second < 0x80
    {
        *pos += 2;
        return Some(u64::from(first & 0x7f) | u64::from(second) << 7);
    }
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Appends one entry, `delta` after the chunk's previous variant id.
fn push_entry(out: &mut Vec<u8>, delta: u64, weight: u32, tf: u32) {
    put_varint(out, (delta << 1) | u64::from(tf > 1));
    put_varint(out, u64::from(weight));
    if tf > 1 {
        put_varint(out, u64::from(tf));
    }
}

fn encode(postings: &[Posting]) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() * 3);
    let mut prev = 0i64;
    for p in postings {
        push_entry(&mut out, (p.variant - prev) as u64, p.weight, p.tf);
        prev = p.variant;
    }
    out
}

/// The index keys of one text: its total token weight and each distinct key's token id and frequency.
/// Computing them is the costly, connection-free half of indexing, which a bulk import does on its
/// parsing thread ([`super::unit::Prepared`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Keys {
    /// Total token weight of the text.
    pub weight: u32,
    /// `(token id, occurrences)`, one per distinct key, ascending token id.
    pub tokens: Vec<(i64, u32)>,
}

impl Keys {
    /// The keys of `text` in `lang`.
    pub fn of(lang: &Lang, text: &str) -> Keys {
        Keys::of_in(&mut Keyed::default(), &mut Vec::new(), lang, text)
    }

    /// [`Keys::of`], tokenizing into `keyed` and gathering token ids in `ids` (both replaced): a
    /// caller keying many texts reuses these buffers, so a text's tokens cost no allocation of their
    /// own (an import keys every variant it reads).
    pub(crate) fn of_in(keyed: &mut Keyed, ids: &mut Vec<i64>, lang: &Lang, text: &str) -> Keys {
        // `token_id` of each key: the hash of `lang NUL` is the same for every token, and
        // tokenizing hashes each key after it.
        let seed = Fnv1a::new().write(lang.as_str().as_bytes()).write(&[0]);
        let id = |key: &str| (seed.write(key.as_bytes()).finish() >> 1) as i64;
        keyed.tokenize_after(seed, text, lang);
        ids.clear();
        ids.extend(keyed.tokens.iter().map(|t| (t.hash >> 1) as i64));
        // A date is one token for the score, but phrase search looks for its words ("July" in
        // "3 July 2024"): they are indexed too. Extra keys only loosen the count filter's bound.
        for date in keyed
            .tokens
            .iter()
            .filter(|t| t.kind == Kind::Number && keyed.key(t) == DATE_KEY)
        {
            let words = text.get(date.bytes.0 as usize..date.bytes.1 as usize);
            ids.extend(
                tokenize_words(words.unwrap_or(""), lang)
                    .iter()
                    .map(|t| id(&t.key)),
            );
        }
        ids.sort_unstable();
        let mut out: Vec<(i64, u32)> = Vec::with_capacity(ids.len());
        for &id in ids.iter() {
            match out.last_mut() {
                Some((last, tf)) if *last == id => *tf += 1,
                _ => out.push((id, 1)),
            }
        }
        Keys {
            weight: keyed.weight,
            tokens: out,
        }
    }
}

/// One token's new chunk, encoded as entries arrive.
#[derive(Default)]
struct OpenChunk {
    last: i64,
    n: i64,
    data: Vec<u8>,
}

/// Posting lists gathered in memory and written as new chunks: how an import indexes what it inserts
/// without reading the texts back. Entries are encoded on arrival (a few bytes each); when the lists
/// reach 32 MB they are written, so memory stays bounded whatever the import's size.
#[derive(Default)]
pub struct Builder {
    lists: IdMap<OpenChunk>,
    bytes: usize,
    max_variant: i64,
}

/// What a [`Builder`] holds before it writes its chunks.
const BUILDER_BYTES: usize = 32 << 20;

impl Builder {
    /// An empty builder.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// Adds a variant's keys. Ids normally arrive ascending (rowids of fresh inserts); one that does not
    /// first writes what is held, since a chunk's ids ascend.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`] from writing.
    pub fn add(&mut self, conn: &Connection, variant: i64, keys: &Keys) -> Result<(), Error> {
        if variant <= self.max_variant {
            self.write(conn)?;
        }
        self.max_variant = variant;
        for &(token, tf) in &keys.tokens {
            let chunk = self.lists.entry(token).or_default();
            let before = chunk.data.capacity();
            push_entry(
                &mut chunk.data,
                (variant - chunk.last) as u64,
                keys.weight,
                tf,
            );
            chunk.last = variant;
            chunk.n += 1;
            self.bytes += chunk.data.capacity() - before;
        }
        // The map's own entries count too (about 48 bytes each with the hash table's slack).
        if self.bytes + self.lists.len() * 48 > BUILDER_BYTES {
            self.write(conn)?;
        }
        Ok(())
    }

    /// Writes everything held as new chunks (in token order, so the B-tree is appended to in runs),
    /// and empties the builder.
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn write(&mut self, conn: &Connection) -> Result<(), Error> {
        let mut lists: Vec<(i64, OpenChunk)> = self.lists.drain().collect();
        lists.sort_unstable_by_key(|(t, _)| *t);
        for (token, chunk) in lists {
            write_chunk(conn, token, chunk.n, chunk.data)?;
        }
        self.bytes = 0;
        self.max_variant = 0;
        Ok(())
    }
}

/// Decodes a chunk, calling `f` for each entry.
fn decode(data: &[u8], mut f: impl FnMut(Posting)) -> Result<(), Error> {
    let corrupt = || Error::Corrupt {
        what: "match_posting.data",
        value: format!("{} bytes", data.len()),
    };
    let mut pos = 0;
    let mut prev = 0i64;
    while pos < data.len() {
        let head = get_varint(data, &mut pos).ok_or_else(corrupt)?;
        let weight = get_varint(data, &mut pos).ok_or_else(corrupt)? as u32;
        let tf = if head & 1 == 1 {
            get_varint(data, &mut pos).ok_or_else(corrupt)? as u32
        } else {
            1
        };
        prev += (head >> 1) as i64;
        f(Posting {
            variant: prev,
            weight,
            tf,
        });
    }
    Ok(())
}

/// Queues a newly inserted variant for the next [`flush`] (called by `tm::unit::insert_unit`).
///
/// # Errors
/// [`Error::Sql`].
pub fn queue(conn: &Connection, variant_id: i64) -> Result<(), Error> {
    conn.prepare_cached("INSERT OR IGNORE INTO match_pending (variant_id) VALUES (?1)")
        .and_then(|mut s| s.execute([variant_id]))
        .map(drop)
        .map_err(sql("queueing a variant for the index"))
}

/// Number of variants waiting to be merged into the index.
///
/// # Errors
/// [`Error::Sql`].
pub fn pending(conn: &Connection) -> Result<u64, Error> {
    conn.query_row("SELECT count(*) FROM match_pending", [], |r| r.get(0))
        .map_err(sql("counting pending index entries"))
}

/// Merges the queued variants into the posting lists. Call it inside a transaction (it is one
/// logical write); a no-op when nothing is queued. Returns the number of variants merged.
///
/// # Errors
/// [`Error::Sql`]; [`Error::Corrupt`] for a stored language tag tmkit cannot parse.
pub fn flush(conn: &Connection) -> Result<usize, Error> {
    let mut merged = 0;
    let mut langs: HashMap<String, Lang> = HashMap::new();
    let mut builder = Builder::new();
    loop {
        let mut last = None;
        let mut count = 0;
        {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT p.variant_id, v.lang, v.text FROM match_pending p
                     JOIN variant v ON v.id = p.variant_id ORDER BY p.variant_id LIMIT ?1",
                )
                .map_err(sql("reading pending index entries"))?;
            let mut rows = stmt
                .query([FLUSH_BATCH as i64])
                .map_err(sql("reading pending index entries"))?;
            while let Some(row) = rows.next().map_err(sql("reading pending index entries"))? {
                let id: i64 = row.get(0).map_err(sql("reading a variant"))?;
                let tag: String = row.get(1).map_err(sql("reading a variant"))?;
                let text: String = row.get(2).map_err(sql("reading a variant"))?;
                if !langs.contains_key(&tag) {
                    let lang = Lang::parse(&tag).map_err(|_| Error::Corrupt {
                        what: "variant.lang",
                        value: tag.clone(),
                    })?;
                    langs.insert(tag.clone(), lang);
                }
                builder.add(conn, id, &Keys::of(&langs[&tag], &text))?;
                last = Some(id);
                count += 1;
            }
        }
        let Some(last) = last else {
            // Rows queued for variants that no longer exist.
            conn.execute("DELETE FROM match_pending", [])
                .map_err(sql("clearing the index queue"))?;
            return Ok(merged);
        };
        builder.write(conn)?;
        conn.prepare_cached("DELETE FROM match_pending WHERE variant_id <= ?1")
            .and_then(|mut s| s.execute([last]))
            .map_err(sql("clearing the index queue"))?;
        merged += count;
        if count < FLUSH_BATCH {
            return Ok(merged);
        }
    }
}

/// Writes `data` (`n` entries) as a token's next chunk, or merges all its chunks into one when it has
/// [`MAX_CHUNKS`] already.
fn write_chunk(conn: &Connection, token: i64, n: i64, data: Vec<u8>) -> Result<(), Error> {
    let (max, chunks): (Option<i64>, i64) = conn
        .prepare_cached("SELECT max(chunk), count(*) FROM match_posting WHERE token = ?1")
        .and_then(|mut s| s.query_row([token], |r| Ok((r.get(0)?, r.get(1)?))))
        .map_err(sql("reading the index"))?;
    let mut insert = conn
        .prepare_cached("INSERT INTO match_posting (token, chunk, n, data) VALUES (?1, ?2, ?3, ?4)")
        .map_err(sql("writing the index"))?;
    if chunks >= MAX_CHUNKS {
        let mut all = read_list(conn, token)?;
        decode(&data, |p| all.push(p))?;
        all.sort_by_key(|p| p.variant);
        conn.prepare_cached("DELETE FROM match_posting WHERE token = ?1")
            .and_then(|mut s| s.execute([token]))
            .map_err(sql("compacting the index"))?;
        insert
            .execute(params![token, 0, all.len() as i64, encode(&all)])
            .map_err(sql("writing the index"))?;
    } else {
        insert
            .execute(params![token, max.map_or(0, |m| m + 1), n, data])
            .map_err(sql("writing the index"))?;
    }
    Ok(())
}

/// Merges each token's chunks into one, as [`write_chunk`] does when a token has [`MAX_CHUNKS`]:
/// what [`super::Memory::compact`] does to a small memory, whose lists, written article by article,
/// are mostly chunks of a few entries, each a row and an index entry of its own. Returns the rows
/// removed.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn merge_chunks(conn: &Connection) -> Result<u64, Error> {
    let tokens: Vec<i64> = conn
        .prepare("SELECT token FROM match_posting GROUP BY token HAVING count(*) > 1")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(sql("reading the index"))?;
    let mut removed = 0;
    for token in tokens {
        let mut all = read_list(conn, token)?;
        all.sort_by_key(|p| p.variant);
        removed += conn
            .prepare_cached("DELETE FROM match_posting WHERE token = ?1")
            .and_then(|mut s| s.execute([token]))
            .map_err(sql("compacting the index"))? as u64
            - 1;
        conn.prepare_cached(
            "INSERT INTO match_posting (token, chunk, n, data) VALUES (?1, 0, ?2, ?3)",
        )
        .and_then(|mut s| s.execute(params![token, all.len() as i64, encode(&all)]))
        .map_err(sql("writing the index"))?;
    }
    Ok(removed)
}

/// Every posting of a token, all chunks (not deduplicated; in chunk order).
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn read_list(conn: &Connection, token: i64) -> Result<Vec<Posting>, Error> {
    let mut out = Vec::new();
    for_each_posting(conn, token, |p| out.push(p))?;
    Ok(out)
}

fn for_each_posting(
    conn: &Connection,
    token: i64,
    mut f: impl FnMut(Posting),
) -> Result<(), Error> {
    let mut stmt = conn
        .prepare_cached("SELECT data FROM match_posting WHERE token = ?1 ORDER BY chunk")
        .map_err(sql("reading the index"))?;
    let mut rows = stmt.query([token]).map_err(sql("reading the index"))?;
    while let Some(row) = rows.next().map_err(sql("reading the index"))? {
        let data = row.get_ref(0).map_err(sql("reading the index"))?;
        let bytes = data.as_blob().map_err(|e| Error::Sql {
            context: "reading the index",
            source: e.into(),
        })?;
        decode(bytes, &mut f)?;
    }
    Ok(())
}

/// Number of postings of a token (its document frequency, stale entries included).
///
/// # Errors
/// [`Error::Sql`].
pub fn frequency(conn: &Connection, token: i64) -> Result<u64, Error> {
    conn.prepare_cached("SELECT coalesce(sum(n), 0) FROM match_posting WHERE token = ?1")
        .and_then(|mut s| s.query_row([token], |r| r.get(0)))
        .map_err(sql("reading the index"))
}

/// A variant that may score `≥ t`, with an upper bound of its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Candidate {
    /// The variant.
    pub variant: i64,
    /// Its weight.
    pub weight: u32,
    /// Upper bound of its score against the query.
    pub bound: f32,
}

/// A suffix list longer than this many entries, and this many times longer than the candidate set, is
/// not read: its weight is added to every bound instead (still an upper bound, only looser).
const SKIP_LIST: u64 = 20_000;
const SKIP_RATIO: u64 = 4;
/// How many postings of a skipped list are worth reading to spare one candidate that passes on the
/// list's slack: a verification (reading and tokenizing a text, counting its shared keys) costs
/// about 20,000 instructions and a posting read and counted 40-100, but a candidate passing on the
/// slack is not always verified (the scan stops at the `limit`-th score). Tuned by callgrind at 1M
/// (near-duplicate memory): 20, 40, 60, 90 and 150 spared 4.0, 4.0, 3.7, 4.1 and 3.0% of the
/// instructions of 60 sampled queries, 3.7, 10.8, 11.1, 11.2 and 8.8% of the 60 slowest; 500 cost
/// 19% and 26% more.
const VERIFY_POSTINGS: u64 = 60;

/// The variants in `lang` that may score `≥ min_score` against `query` (tokens of the query), best
/// bound first. Every variant whose score is `≥ min_score` is among them (see the module docs);
/// `min_score` must be above 0 (a threshold of 0 matches everything and needs a scan).
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn candidates(
    conn: &Connection,
    lang: &Lang,
    query: &[Token],
    min_score: f32,
) -> Result<Vec<Candidate>, Error> {
    CandidateSearch::new(conn, lang, query)?.at(min_score)
}

/// One distinct key of a query.
#[derive(Clone, Copy, Debug)]
struct QueryKey {
    token: i64,
    /// Weight of one occurrence.
    weight: u32,
    /// Occurrences in the query.
    tf: u32,
    /// Postings in the index (stale ones included).
    df: u64,
}

/// The candidate search of one query at several thresholds, as a lookup's cascade asks (90%, 75%,
/// then the caller's): the key frequencies are read once, and each posting list is read and decoded
/// once, then kept (sorted by variant) for the lower thresholds, whose prefixes contain the higher
/// ones'. A kept list that is not in a threshold's prefix is probed for the candidates (binary search)
/// instead of scanned when there are few of them, and counted exactly however long it is.
pub struct CandidateSearch<'c> {
    conn: &'c Connection,
    /// Rarest first.
    keys: Vec<QueryKey>,
    /// Total weight of the query.
    wq: u32,
    /// The decoded list of each key (same order), once read.
    lists: Vec<Option<Vec<Posting>>>,
}

impl<'c> CandidateSearch<'c> {
    /// Reads the document frequency of each of the query's keys.
    ///
    /// # Errors
    /// [`Error::Sql`].
    pub fn new(
        conn: &'c Connection,
        lang: &Lang,
        query: &[Token],
    ) -> Result<CandidateSearch<'c>, Error> {
        let mut keys: Vec<QueryKey> = Vec::new();
        for tok in query {
            let id = token_id(lang.as_str(), &tok.key);
            match keys.iter_mut().find(|k| k.token == id) {
                Some(k) => k.tf += 1,
                None => keys.push(QueryKey {
                    token: id,
                    weight: tok.weight(),
                    tf: 1,
                    df: 0,
                }),
            }
        }
        let wq: u32 = keys.iter().map(|k| k.weight * k.tf).sum();
        if wq > 0 {
            for k in &mut keys {
                k.df = frequency(conn, k.token)?;
            }
        }
        keys.sort_by_key(|k| (k.df, k.token));
        let lists = vec![None; keys.len()];
        Ok(CandidateSearch {
            conn,
            keys,
            wq,
            lists,
        })
    }

    /// The list of key `i`, read and decoded on first use.
    fn list(&mut self, i: usize) -> Result<&[Posting], Error> {
        if self.lists[i].is_none() {
            let mut list = Vec::with_capacity(self.keys[i].df as usize);
            for_each_posting(self.conn, self.keys[i].token, |p| list.push(p))?;
            // Chunks normally hold ascending ids already (the check costs less than the sort).
            if !list.is_sorted_by_key(|p| p.variant) {
                list.sort_by_key(|p| p.variant);
            }
            self.lists[i] = Some(list);
        }
        Ok(self.lists[i].as_deref().unwrap_or_default())
    }

    /// Adds the overlap of key `i` to each variant of `acc` (its list is read once, then kept).
    fn count(&mut self, i: usize, acc: &mut IdMap<(u32, u32)>) -> Result<(), Error> {
        let QueryKey {
            weight: w, tf: qtf, ..
        } = self.keys[i];
        let list = self.list(i)?;
        let probes = acc.len() as u64 * (u64::from(list.len().max(2).ilog2()) + 1);
        if probes < list.len() as u64 {
            for (variant, e) in acc.iter_mut() {
                // A variant listed twice (a stale entry beside the current one) counts its
                // larger frequency: a bound may be loose, never too tight.
                let from = list.partition_point(|p| p.variant < *variant);
                let tf = list[from..]
                    .iter()
                    .take_while(|p| p.variant == *variant)
                    .map(|p| p.tf)
                    .max();
                if let Some(tf) = tf {
                    e.0 += w * tf.min(qtf);
                }
            }
        } else {
            for p in list {
                if let Some(e) = acc.get_mut(&p.variant) {
                    e.0 += w * p.tf.min(qtf);
                }
            }
        }
        Ok(())
    }

    /// The variants that may score `≥ min_score`, best bound first (see [`candidates`]).
    ///
    /// # Errors
    /// [`Error::Sql`], [`Error::Corrupt`].
    pub fn at(&mut self, min_score: f32) -> Result<Vec<Candidate>, Error> {
        let wq = self.wq;
        if wq == 0 {
            return Ok(Vec::new());
        }
        let t = f64::from(min_score.clamp(0.01, 1.0));
        let wqf = f64::from(wq);
        // Thresholds arrive as f32 (0.3 is 0.30000001): the filters get a relative slack well above
        // f32's precision, so a source exactly at the threshold is never cut by rounding. Slack only
        // adds candidates; every one is scored exactly.
        const REL: f64 = 1e-5;
        let (min_w, max_w) = (t * wqf * (1.0 - REL), wqf / t * (1.0 + REL));
        let needed = (wqf - t * wqf) * (1.0 + REL);
        let mut acc: IdMap<(u32, u32)> = IdMap::default(); // variant → (overlap, min weight)
        let mut prefix_weight = 0f64;
        let mut slack = 0u32;
        let mut skipped: Vec<usize> = Vec::new();
        for i in 0..self.keys.len() {
            let QueryKey {
                weight: w,
                tf: qtf,
                df,
                ..
            } = self.keys[i];
            let in_prefix = prefix_weight <= needed + 1e-9;
            let share = w * qtf;
            if in_prefix {
                prefix_weight += f64::from(share);
                for p in self.list(i)? {
                    let pw = f64::from(p.weight);
                    if pw < min_w || pw > max_w {
                        continue;
                    }
                    let e = acc.entry(p.variant).or_insert((0, p.weight));
                    e.0 += w * p.tf.min(qtf);
                    e.1 = e.1.min(p.weight);
                }
            } else if self.lists[i].is_none()
                && df > SKIP_LIST
                && df > SKIP_RATIO * acc.len() as u64
            {
                slack += share;
                skipped.push(i);
            } else {
                self.count(i, &mut acc)?;
            }
        }
        // A skipped list loosens every bound by its share. When that lets through enough candidates
        // to pay for reading the list (one for each VERIFY_POSTINGS postings), it is read after all,
        // the list that spares most per posting first.
        let passes = |overlap: u32, ws: u32, slack: u32| {
            let overlap = f64::from((overlap + slack).min(wq));
            overlap / wqf.max(f64::from(ws)) + 1e-4 >= t
        };
        while !skipped.is_empty() {
            let mut spared = vec![0u64; skipped.len()];
            for &(overlap, ws) in acc.values() {
                if !passes(overlap, ws, slack) {
                    continue;
                }
                for (n, &i) in spared.iter_mut().zip(&skipped) {
                    let share = self.keys[i].weight * self.keys[i].tf;
                    *n += u64::from(!passes(overlap, ws, slack - share));
                }
            }
            let Some((at, _)) = spared
                .iter()
                .zip(&skipped)
                .enumerate()
                .filter(|(_, (n, i))| **n * VERIFY_POSTINGS > self.keys[**i].df)
                .max_by_key(|(_, (n, i))| **n * 1_000_000 / self.keys[**i].df.max(1))
            else {
                break;
            };
            let i = skipped.swap_remove(at);
            slack -= self.keys[i].weight * self.keys[i].tf;
            self.count(i, &mut acc)?;
        }
        let mut out: Vec<Candidate> = acc
            .into_iter()
            .filter_map(|(variant, (overlap, ws))| {
                let overlap = f64::from((overlap + slack).min(wq));
                let bound = overlap / wqf.max(f64::from(ws));
                (bound + 1e-4 >= t).then_some(Candidate {
                    variant,
                    weight: ws,
                    bound: bound as f32,
                })
            })
            .collect();
        out.sort_by(|a, b| b.bound.total_cmp(&a.bound).then(a.variant.cmp(&b.variant)));
        Ok(out)
    }
}

/// The variants in `lang` whose token keys include all of `keys` (ascending id; stale entries
/// included, so callers re-check the text).
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn containing_all(conn: &Connection, lang: &Lang, keys: &[&str]) -> Result<Vec<i64>, Error> {
    let mut ids: Vec<(u64, i64)> = Vec::new();
    for key in keys {
        let id = token_id(lang.as_str(), key);
        if !ids.iter().any(|(_, t)| *t == id) {
            ids.push((frequency(conn, id)?, id));
        }
    }
    ids.sort_unstable();
    let mut result: Option<Vec<i64>> = None;
    for (_, token) in ids {
        let mut list: Vec<i64> = Vec::new();
        match &result {
            // The rarest list: decoded whole.
            None => for_each_posting(conn, token, |p| list.push(p.variant))?,
            // Longer lists only filter the candidates (no sort of a long list).
            Some(prev) => for_each_posting(conn, token, |p| {
                if prev.binary_search(&p.variant).is_ok() {
                    list.push(p.variant);
                }
            })?,
        }
        list.sort_unstable();
        list.dedup();
        let empty = list.is_empty();
        result = Some(list);
        if empty {
            break;
        }
    }
    Ok(result.unwrap_or_default())
}

/// Bytes of variant text held, and bytes of posting data in the index.
///
/// # Errors
/// [`Error::Sql`].
pub fn sizes(conn: &Connection) -> Result<(u64, u64), Error> {
    conn.query_row(
        "SELECT (SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM variant),
                (SELECT coalesce(sum(length(data)), 0) FROM match_posting)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .map_err(sql("measuring the memory"))
}

/// Gives the connection a page cache fit for bulk imports and benchmarks (256 MB).
///
/// # Errors
/// [`Error::Sql`].
pub fn bulk_settings(conn: &Connection) -> Result<(), Error> {
    conn.pragma_update(None, "cache_size", -262_144)
        .map_err(sql("setting the page cache"))
}

/// Settings for a connection that answers many lookups: the file memory-mapped (no copy per page
/// read) and a 64 MB page cache.
///
/// # Errors
/// [`Error::Sql`].
pub fn lookup_settings(conn: &Connection) -> Result<(), Error> {
    conn.query_row("PRAGMA mmap_size = 4294967296", [], |_| Ok(()))
        .map(drop)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(()),
            e => Err(e),
        })
        .and_then(|()| conn.pragma_update(None, "cache_size", -65_536))
        .map_err(sql("setting up the memory for lookups"))
}

/// Moves the write-ahead log into the database file (so its size can be measured).
///
/// # Errors
/// [`Error::Sql`].
pub fn checkpoint(conn: &Connection) -> Result<(), Error> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .map_err(sql("checkpointing the memory"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::token::{tokenize, weight};

    /// The keys as first defined: one `String` per token, `token_id` of each.
    fn keys_by_tokens(lang: &Lang, text: &str) -> Keys {
        let tokens = tokenize(text, lang);
        let mut ids: Vec<i64> = tokens
            .iter()
            .map(|t| token_id(lang.as_str(), &t.key))
            .collect();
        for date in tokens.iter().filter(|t| t.is_date()) {
            ids.extend(
                tokenize_words(date.text(text), lang)
                    .iter()
                    .map(|t| token_id(lang.as_str(), &t.key)),
            );
        }
        ids.sort_unstable();
        let mut out: Vec<(i64, u32)> = Vec::new();
        for id in ids {
            match out.last_mut() {
                Some((last, tf)) if *last == id => *tf += 1,
                _ => out.push((id, 1)),
            }
        }
        Keys {
            weight: weight(&tokens),
            tokens: out,
        }
    }

    #[test]
    fn keys_from_reused_buffers_are_the_keys_of_each_token() {
        let cases = [
            (
                "en",
                "On 3 July 2024 the President met THE minister <x1/> twice, twice.",
            ),
            (
                "az",
                "İlham Əliyev 12 may 2024-cü il tarixində Bakıda IĞDIR şəhərinə getdi.",
            ),
            (
                "ru",
                "Президент встретился с министром 5 мая 2024 года. ПРЕЗИДЕНТ",
            ),
            ("zh", "2024年7月3日，习近平在阿斯塔纳会见了阿利耶夫。😀"),
            ("en", ""),
        ];
        let mut keyed = Keyed::default();
        let mut ids = Vec::new();
        for (tag, text) in cases {
            let lang = Lang::parse(tag).expect("tag");
            let expected = keys_by_tokens(&lang, text);
            assert_eq!(
                Keys::of_in(&mut keyed, &mut ids, &lang, text),
                expected,
                "{tag}: {text}"
            );
            assert_eq!(Keys::of(&lang, text), expected, "{tag}: {text}");
            // The buffers go back to the score's hashes: FNV-1a of the key alone.
            keyed.tokenize(text, &lang);
            for t in &keyed.tokens {
                assert_eq!(
                    t.hash,
                    crate::hash::fnv1a(keyed.key(t).as_bytes()),
                    "{text}"
                );
            }
        }
        // A date's words are keys of their own: "july" in "3 July 2024".
        let en = Lang::parse("en").expect("tag");
        let keys = Keys::of(&en, "On 3 July 2024.");
        assert!(
            keys.tokens
                .iter()
                .any(|&(id, _)| id == token_id("en", "july"))
        );
        // on, the date, '.', and its words: the numbers' key twice and july.
        assert_eq!(keys.tokens.len(), 5, "{keys:?}");
        assert!(keys.tokens.contains(&(token_id("en", "#"), 2)), "{keys:?}");
    }

    #[test]
    fn token_ids_keep_the_values_stored_indexes_hold() {
        // Memories on disk key their postings by these ids: a change here orphans every index.
        assert_eq!(token_id("en", "bank"), 2_836_199_575_401_514_148);
        assert_eq!(token_id("az", "bank"), 3_713_489_320_838_426_840);
        assert_eq!(token_id("ru", "парламент"), 704_204_461_339_674_571);
        assert_eq!(token_id("zh", "总统"), 3_704_470_507_430_540_619);
    }

    #[test]
    fn postings_round_trip_through_the_encoding() {
        let postings = [
            Posting {
                variant: 3,
                weight: 40,
                tf: 1,
            },
            Posting {
                variant: 900,
                weight: 200,
                tf: 3,
            },
            Posting {
                variant: 1 << 40,
                weight: 4,
                tf: 1,
            },
        ];
        let mut back = Vec::new();
        decode(&encode(&postings), |p| back.push(p)).expect("decodes");
        assert_eq!(back, postings);
    }

    #[test]
    fn a_truncated_chunk_is_reported_as_corrupt() {
        let data = encode(&[Posting {
            variant: 300,
            weight: 300,
            tf: 1,
        }]);
        let err = decode(&data[..data.len() - 1], |_| {}).expect_err("corrupt");
        assert!(err.to_string().contains("corrupt"), "{err}");
    }

    #[test]
    fn a_probed_list_counts_the_larger_frequency_of_a_variant_listed_twice() {
        // Variant 5 is listed twice under "a": a stale entry (once) and the current one (twice), as
        // after its text changed. The query's rare key "b" makes it the only candidate, so the long
        // list of "a" is probed by binary search; taking the stale frequency would bound its score
        // at 8/12 and lose it at 90%.
        let memory = crate::tm::Memory::open_in_memory().expect("memory");
        let conn = memory.conn();
        let en = Lang::parse("en").expect("tag");
        let (a, b) = (token_id("en", "a"), token_id("en", "b"));
        let mut stale = vec![Posting {
            variant: 5,
            weight: 12,
            tf: 1,
        }];
        stale.extend((1000..1100).map(|variant| Posting {
            variant,
            weight: 40,
            tf: 1,
        }));
        write_chunk(conn, a, stale.len() as i64, encode(&stale)).expect("chunk");
        let current = [Posting {
            variant: 5,
            weight: 12,
            tf: 2,
        }];
        write_chunk(conn, a, 1, encode(&current)).expect("chunk");
        write_chunk(conn, b, 1, encode(&current)).expect("chunk");
        let query = tokenize("a a b", &en);
        let mut search = CandidateSearch::new(conn, &en, &query).expect("search");
        let found = search.at(0.9).expect("candidates");
        assert_eq!(
            found,
            [Candidate {
                variant: 5,
                weight: 12,
                bound: 1.0
            }]
        );
        // The lists are kept: a lower threshold reads the same answer from them.
        assert_eq!(search.at(0.5).expect("candidates"), found);
        assert_eq!(
            candidates(conn, &en, &query, 0.5).expect("candidates"),
            found
        );
    }

    /// The candidates at 90% for "a b" in a memory whose only lists are "a" (`a`'s variants) and
    /// "b" (`b`'s), every posting of weight 8 and frequency 1.
    fn candidates_of_a_b(a: &[i64], b: &[i64]) -> Vec<Candidate> {
        let memory = crate::tm::Memory::open_in_memory().expect("memory");
        let conn = memory.conn();
        let en = Lang::parse("en").expect("tag");
        for (key, variants) in [("b", b), ("a", a)] {
            let list: Vec<Posting> = variants
                .iter()
                .map(|&variant| Posting {
                    variant,
                    weight: 8,
                    tf: 1,
                })
                .collect();
            write_chunk(conn, token_id("en", key), list.len() as i64, encode(&list))
                .expect("chunk");
        }
        candidates(conn, &en, &tokenize("a b", &en), 0.9).expect("candidates")
    }

    #[test]
    fn a_skipped_list_is_read_when_its_slack_passes_many_candidates() {
        // "a" is listed by 30,000 variants, "b" by 605: at 90% the prefix of "a b" is "b" alone and
        // "a" is long enough to be skipped. Its slack passes all 605 ("b c" would bound at 1.0), and
        // 600 spared verifications are worth 36,000 postings: the list is read, and only the 5
        // variants holding both keys remain.
        let a: Vec<i64> = (1..=5).chain(1000..31_000).collect();
        let b: Vec<i64> = (1..=5).chain(100..700).collect();
        let found = candidates_of_a_b(&a, &b);
        let ids: Vec<i64> = found.iter().map(|c| c.variant).collect();
        assert_eq!(ids, (1..=5).collect::<Vec<i64>>());
        assert!(found.iter().all(|c| c.bound == 1.0));
    }

    #[test]
    fn a_skipped_list_stays_unread_when_it_passes_few_candidates() {
        // 100 candidates pass on the slack of 30,000 postings: verifying them costs less.
        let a: Vec<i64> = (1..=5).chain(1000..31_000).collect();
        let b: Vec<i64> = (1..=5).chain(100..200).collect();
        assert_eq!(candidates_of_a_b(&a, &b).len(), 105);
    }

    #[test]
    fn merging_chunks_keeps_every_posting_in_one_row_per_token() {
        let memory = crate::tm::Memory::open_in_memory().expect("memory");
        let conn = memory.conn();
        let (a, b) = (token_id("en", "a"), token_id("en", "b"));
        let posting = |variant, tf| Posting {
            variant,
            weight: 8,
            tf,
        };
        // Three chunks of "a" (the middle one holding a stale entry of variant 5), one of "b".
        for chunk in [
            vec![posting(1, 1), posting(5, 1)],
            vec![posting(3, 1), posting(5, 2)],
            vec![posting(9, 1)],
        ] {
            write_chunk(conn, a, chunk.len() as i64, encode(&chunk)).expect("chunk");
        }
        write_chunk(conn, b, 1, encode(&[posting(3, 1)])).expect("chunk");
        assert_eq!(merge_chunks(conn).expect("merge"), 2);
        let rows: Vec<(i64, i64, i64)> = conn
            .prepare("SELECT token, chunk, n FROM match_posting ORDER BY token")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .expect("rows");
        let mut expected = vec![(a, 0, 5), (b, 0, 1)];
        expected.sort();
        assert_eq!(rows, expected);
        assert_eq!(
            read_list(conn, a).expect("list"),
            [
                posting(1, 1),
                posting(3, 1),
                posting(5, 1),
                posting(5, 2),
                posting(9, 1)
            ]
        );
        assert_eq!(read_list(conn, b).expect("list"), [posting(3, 1)]);
        assert_eq!(merge_chunks(conn).expect("again"), 0);
    }

    #[test]
    fn token_ids_separate_languages() {
        assert_ne!(token_id("en", "bank"), token_id("az", "bank"));
        assert!(token_id("en", "bank") >= 0);
    }
}
