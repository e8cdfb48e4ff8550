//! The archive walk behind `tmkit align-dir`: find the articles of a folder and align (and store) each.
//!
//! Language versions are found by file name ([`discover`]), in either layout:
//!
//! ```text
//! DIR/<slug>/<lang>.txt        e.g. samples/2024-07-03-aliyev-xi-astana/en.txt
//! DIR/<slug>.<lang>.txt        e.g. archive/2024-07-03-aliyev-xi.az.txt
//! ```
//!
//! Presegmented files are `<lang>.sents.txt` / `<slug>.<lang>.sents.txt`. A `<lang>` is a language tag
//! of at most 7 characters without a dot; other files are not article files.
//!
//! [`Walk`] then reports one [`Outcome`] per article, in slug order: an article without a source version
//! fails ([`Error::NoSource`]); one without a (wanted) target version is skipped; when storing, one whose
//! files are all stored with the same content hash is skipped unless realigning; the others are aligned
//! ([`align_all`]) and, when storing, stored with their units ([`Memory::store_articles`]), which
//! replaces a changed article's stored version. An article that fails is that article's outcome: the
//! walk goes on. Aligning runs on a thread of its own, ahead of the storing, and aligned articles are
//! stored in batches of up to [`BATCH_ARTICLES`], one transaction each (see [`Walk`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use super::article::{Lexicons, align_all_with, documents, store, store_failed};
use super::{Doc, Error, ReviewPolicy, units};
use crate::align::{Alignment, Warning};
use crate::tm::article::ArticleBatch;
use crate::unit::Status;
use crate::unit::{AlignedUnit, ArticleMeta, NewDocument, StoreReport, content_hash};
use crate::{Lang, Memory};

/// The language versions of one article of an archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleFiles {
    /// The article's slug: its folder, or its file name without language and extension.
    pub slug: String,
    /// Its files, by language, in the order the folder listed them.
    pub files: Vec<(Lang, PathBuf)>,
}

/// The articles of `dir`, in slug order (`.sents.txt` files when `presegmented`, `.txt` otherwise).
///
/// # Errors
///
/// [`Error::Read`] when `dir` or a folder in it cannot be read, [`Error::NoArticles`] when it holds no
/// article file.
pub fn discover(dir: &Path, presegmented: bool) -> Result<Vec<ArticleFiles>, Error> {
    discover_all(dir, presegmented).map(|archive| archive.articles)
}

/// What [`discover_all`] found in a folder: its articles, and the text files that are no article's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Archive {
    /// The articles, in slug order.
    pub articles: Vec<ArticleFiles>,
    /// The `.txt` files whose name has no language code (`english.txt`, `notes.txt`), in path order.
    /// Files of the other mode (`en.sents.txt` without `presegmented`) are not listed.
    pub skipped: Vec<PathBuf>,
}

/// [`discover`], also listing the `.txt` files that are no article's, so that a caller can name them
/// instead of skipping them without a word.
///
/// # Errors
///
/// As [`discover`].
pub fn discover_all(dir: &Path, presegmented: bool) -> Result<Archive, Error> {
    let suffix = if presegmented { ".sents.txt" } else { ".txt" };
    let mut skipped = Vec::new();
    let lang_of = |stem: &str| -> Option<Lang> {
        if stem.contains('.') || stem.len() > 7 {
            return None;
        }
        Lang::parse(stem).ok()
    };
    let unreadable = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Read { path, source }
    };
    let mut articles: BTreeMap<String, Vec<(Lang, PathBuf)>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).map_err(unreadable(dir))? {
        let entry = entry.map_err(unreadable(dir))?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            for file in std::fs::read_dir(&path).map_err(unreadable(&path))? {
                let file = file.map_err(unreadable(&path))?;
                let fname = file.file_name().to_string_lossy().into_owned();
                if let Some(lang) = fname.strip_suffix(suffix).and_then(lang_of) {
                    articles
                        .entry(name.clone())
                        .or_default()
                        .push((lang, file.path()));
                } else if let Some(stem) = text_stem(&fname)
                    && lang_of(stem).is_none()
                {
                    skipped.push(file.path());
                }
            }
        } else if let Some(rest) = name.strip_suffix(suffix)
            && let Some((slug, code)) = rest.rsplit_once('.')
            && let Some(lang) = lang_of(code)
        {
            articles
                .entry(slug.to_string())
                .or_default()
                .push((lang, path.clone()));
        } else if let Some(stem) = text_stem(&name)
            && stem
                .rsplit_once('.')
                .and_then(|(_, code)| lang_of(code))
                .is_none()
        {
            skipped.push(path.clone());
        }
    }
    skipped.sort();
    if articles.is_empty() {
        return Err(Error::NoArticles {
            dir: dir.to_path_buf(),
        });
    }
    Ok(Archive {
        articles: articles
            .into_iter()
            .map(|(slug, files)| ArticleFiles { slug, files })
            .collect(),
        skipped,
    })
}

/// A file of article `slug` as named relative to the archive's folder: `<slug>/<lang>.txt` or
/// `<slug>.<lang>.txt` (issue #16: no absolute local paths in exported TMX).
fn name_in_archive(slug: &str, path: &Path) -> String {
    let file = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let in_folder = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|folder| folder.to_string_lossy() == slug);
    match in_folder {
        true => format!("{slug}/{file}"),
        false => file,
    }
}

/// The name of a text file without `.sents.txt` or `.txt`; `None` for other files.
fn text_stem(name: &str) -> Option<&str> {
    name.strip_suffix(".sents.txt")
        .or_else(|| name.strip_suffix(".txt"))
}

/// How to align an archive.
#[derive(Clone, Debug, PartialEq)]
pub struct ArchiveOptions {
    /// The language of the source versions.
    pub from: Lang,
    /// The target languages; `None` for every other language found.
    pub to: Option<Vec<Lang>>,
    /// The files are one sentence a line (`*.sents.txt`).
    pub presegmented: bool,
    /// Store the units in the memory (when the walk has one).
    pub store: bool,
    /// Use the seed lexicon and the memory's learned one.
    pub use_lexicon: bool,
    /// Align and store articles whose files are stored unchanged too.
    pub realign: bool,
    /// Which units are stored as needs-review.
    pub review: ReviewPolicy,
}

impl ArchiveOptions {
    /// Aligning every other language with `from`, lexicon on, storing nothing.
    pub fn new(from: Lang) -> ArchiveOptions {
        ArchiveOptions {
            from,
            to: None,
            presegmented: false,
            store: false,
            use_lexicon: true,
            realign: false,
            review: ReviewPolicy::default(),
        }
    }
}

/// What became of one article of an archive.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// It has no version in a target language: skipped.
    NoTarget,
    /// Its files are stored with the same content: skipped.
    Unchanged,
    /// Aligned (and stored, when storing).
    Aligned(Aligned),
}

/// An aligned article, in numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Aligned {
    /// The target languages, in the order aligned (sorted).
    pub targets: Vec<Lang>,
    /// Beads of all pairs.
    pub beads: usize,
    /// Mean confidence of those beads (0 for none).
    pub mean_confidence: f32,
    /// Units made.
    pub units: usize,
    /// Of those, units that need review.
    pub to_review: usize,
    /// What storing did, when storing.
    pub stored: Option<StoreReport>,
    /// Warnings of the pairs, with the target file they concern.
    pub warnings: Vec<(PathBuf, Warning)>,
}

/// At most this many aligned articles are stored in one transaction, and at most this many wait for
/// the storing thread (so a walk holds a few articles in memory whatever the archive's size). On the
/// 62-article ntrex-dev archive the storing thread's instructions (callgrind) were 1.68 G with one
/// article a transaction, 1.30 G with 4, 1.13 G with 8, 1.03 G with 16 and 0.87 G with all 62 in one;
/// the last batch is stored after the last article is aligned, so a larger one only adds to the time.
const BATCH_ARTICLES: usize = 16;

/// How long the storing thread waits for more aligned articles once it has one: long enough for a
/// batch to fill when aligning runs at its usual 5–10 ms an article, short enough that the report
/// (and a reader) learns of a stored article soon. The memory is not locked meanwhile.
const BATCH_WAIT: Duration = Duration::from_millis(250);

/// Aligns the articles of an archive and, when storing, stores them: [`Walk::run`] reports each
/// article's [`Outcome`] in order.
///
/// Aligning runs on a thread of its own, a few articles ahead of the storing on the caller's thread
/// (which holds the memory's connection), so the two share the machine's cores. With a memory, its
/// learned lexicons are read once when the walk starts (unless lexicon use is off) and kept: storing
/// trains no model, so they are what the memory gives for every article of the walk. The memory
/// records its models as stale until [`Memory::train_phrase_models`] (`tmkit train`) (`tmkit eval align
/// --mode stored-walk` measured no gain from retraining them as the walk goes; see
/// [`crate::ingest::lexicon`]).
///
/// With [`ArchiveOptions::store`], the storing thread gathers aligned articles, up to
/// [`BATCH_ARTICLES`] or for at most [`BATCH_WAIT`] after the first, and stores them in one transaction
/// ([`Memory::store_articles`]), each in a savepoint of its own, so an article that fails to store
/// leaves nothing of itself and the others are kept. Committing once for several articles writes the
/// pages they share (the match index's above all) once, and the memory is locked only while they are
/// stored, never while aligning. An article's outcome is reported once its batch is committed: what
/// the report calls stored is in the memory, and a crash loses whole articles, never part of one.
/// Units and their ids are those of storing the articles one by one, in the same order; only the
/// match index's chunks (not what a lookup finds) depend on how the articles were batched.
pub struct Walk<'a> {
    articles: &'a [ArticleFiles],
    options: &'a ArchiveOptions,
    memory: Option<&'a mut Memory>,
}

impl<'a> Walk<'a> {
    /// A walk over `articles` (from [`discover`]).
    pub fn new(
        articles: &'a [ArticleFiles],
        options: &'a ArchiveOptions,
        memory: Option<&'a mut Memory>,
    ) -> Walk<'a> {
        Walk {
            articles,
            options,
            memory,
        }
    }

    /// Runs the walk, calling `each` with every article and its outcome, in the articles' order. An
    /// article that fails is that article's outcome: the walk goes on.
    ///
    /// # Errors
    ///
    /// [`Error::Tm`] when the memory's learned lexicons or stored documents cannot be read when the
    /// walk starts; no article is aligned then.
    pub fn run(
        self,
        mut each: impl FnMut(&'a ArticleFiles, Result<Outcome, Error>),
    ) -> Result<(), Error> {
        let Walk {
            articles,
            options,
            memory,
        } = self;
        let lexicons = match options.use_lexicon {
            true => Lexicons::read_now(
                &options.from,
                &target_langs(articles, options),
                memory.as_deref(),
            )?,
            false => Lexicons::new(),
        };
        let storing = options.store && memory.is_some();
        // What each article has stored, read before aligning starts: no other article of the walk
        // has its slug, so storing them changes none of it.
        let stored: Vec<Option<Vec<(String, String)>>> = match (memory.as_deref(), options.realign)
        {
            (Some(memory), false) if storing => articles
                .iter()
                .map(|a| memory.document_hashes(&a.slug).map(Some))
                .collect::<Result<_, _>>()?,
            _ => vec![None; articles.len()],
        };
        std::thread::scope(|scope| {
            let (sender, steps) = std::sync::mpsc::sync_channel(BATCH_ARTICLES);
            scope.spawn(move || {
                let mut lexicons = lexicons;
                for (article, stored) in articles.iter().zip(stored) {
                    let step = prepare(article, options, stored.as_deref(), storing, &mut lexicons);
                    if sender.send((article, step)).is_err() {
                        return;
                    }
                }
            });
            match memory {
                Some(memory) => store_steps(memory, &steps, &mut each),
                None => {
                    for (article, step) in steps {
                        each(article, step.into_unstored());
                    }
                }
            }
        });
        Ok(())
    }
}

/// The target languages of a walk: every language of its articles but the source, or those of
/// [`ArchiveOptions::to`] among them; sorted.
fn target_langs(articles: &[ArticleFiles], options: &ArchiveOptions) -> Vec<Lang> {
    let mut langs: Vec<Lang> = articles
        .iter()
        .flat_map(|a| a.files.iter().map(|(lang, _)| lang))
        .filter(|l| **l != options.from && options.to.as_ref().is_none_or(|w| w.contains(l)))
        .cloned()
        .collect();
    langs.sort();
    langs.dedup();
    langs
}

/// What the aligning thread hands the storing one for an article.
enum Step {
    /// The article's outcome: nothing to store.
    Done(Result<Outcome, Error>),
    /// An aligned article to store.
    Store(Box<ToStore>),
}

/// An aligned article, its versions as documents to store (source first) and its units.
struct ToStore {
    aligned: Aligned,
    documents: Vec<NewDocument>,
    units: Vec<AlignedUnit>,
}

impl Step {
    /// The outcome of an article that is not stored (there is no memory to store it in).
    fn into_unstored(self) -> Result<Outcome, Error> {
        match self {
            Step::Done(outcome) => outcome,
            Step::Store(to_store) => Ok(Outcome::Aligned(to_store.aligned)),
        }
    }
}

/// Reads and aligns one article of a walk (on the aligning thread). `stored` holds the content hashes
/// of its stored documents when an unchanged article is to be skipped; `storing` says whether an
/// aligned article goes on to be stored.
fn prepare(
    article: &ArticleFiles,
    options: &ArchiveOptions,
    stored: Option<&[(String, String)]>,
    storing: bool,
    lexicons: &mut Lexicons,
) -> Step {
    let unchanged = stored.map(|stored| {
        move |hashes: &[(Lang, String)]| -> Result<bool, Error> { Ok(is_unchanged(stored, hashes)) }
    });
    let (source, docs) = match read_article(article, options, unchanged) {
        Ok(Versions::Read(source, docs)) => (source, docs),
        Ok(Versions::Skipped(outcome)) => return Step::Done(Ok(outcome)),
        Err(e) => return Step::Done(Err(e)),
    };
    match align_versions(&source, &docs, options, None, lexicons) {
        // The documents' content hashes are computed here, off the storing thread.
        Ok((aligned, _, units)) if storing => Step::Store(Box::new(ToStore {
            aligned,
            documents: documents(&source, &docs),
            units,
        })),
        Ok((aligned, _, _)) => Step::Done(Ok(Outcome::Aligned(aligned))),
        Err(e) => Step::Done(Err(e)),
    }
}

/// Stores the aligned articles of `steps` in batches of those that are ready, and reports every
/// outcome, in order, once its batch is committed (see [`Walk`]).
fn store_steps<'a>(
    memory: &mut Memory,
    steps: &Receiver<(&'a ArticleFiles, Step)>,
    each: &mut impl FnMut(&'a ArticleFiles, Result<Outcome, Error>),
) {
    let to_store = |group: &[(&ArticleFiles, Step)]| {
        group
            .iter()
            .filter(|(_, step)| matches!(step, Step::Store(_)))
            .count()
    };
    while let Ok(first) = steps.recv() {
        let waited = Instant::now();
        let mut group = vec![first];
        while to_store(&group) < BATCH_ARTICLES {
            match steps.recv_timeout(BATCH_WAIT.saturating_sub(waited.elapsed())) {
                Ok(step) => group.push(step),
                // The time is up, or every article is aligned: store what there is.
                Err(_) => break,
            }
        }
        let mut group = group.into_iter();
        while to_store(group.as_slice()) > 0 {
            store_batch(memory, &mut group, each);
        }
        for (article, step) in group {
            each(article, step.into_unstored());
        }
    }
}

/// Stores the articles of `group` in one transaction, up to the first that fails to store (included),
/// and reports their outcomes.
fn store_batch<'a>(
    memory: &mut Memory,
    group: &mut std::vec::IntoIter<(&'a ArticleFiles, Step)>,
    each: &mut impl FnMut(&'a ArticleFiles, Result<Outcome, Error>),
) {
    let mut batch = match memory.store_articles() {
        Ok(batch) => batch,
        Err(source) => {
            // Nothing of the group can be stored: the others fail with the first.
            let waiting = group
                .map(|(article, step)| match step {
                    Step::Done(outcome) => (article, outcome, false),
                    Step::Store(to_store) => {
                        (article, Ok(Outcome::Aligned(to_store.aligned)), true)
                    }
                })
                .collect();
            return report_batch(waiting, Err(source), each);
        }
    };
    let mut waiting = Vec::new();
    for (article, step) in group.by_ref() {
        let (outcome, stored) = match step {
            Step::Done(outcome) => (outcome, false),
            Step::Store(to_store) => (store_in(&mut batch, article, *to_store), true),
        };
        // After a failed article the batch ends: SQLite may have rolled all of it back, which its
        // commit then says.
        let failed = stored && outcome.is_err();
        waiting.push((article, outcome, stored && !failed));
        if failed {
            break;
        }
    }
    report_batch(waiting, batch.commit(), each);
}

/// Stores one aligned article in `batch`: its outcome, with what storing did.
fn store_in(
    batch: &mut ArticleBatch<'_>,
    article: &ArticleFiles,
    to_store: ToStore,
) -> Result<Outcome, Error> {
    let ToStore {
        mut aligned,
        documents,
        units,
    } = to_store;
    let report = batch
        .store(&ArticleMeta::from_slug(&article.slug), &documents, &units)
        .map_err(store_failed(&article.slug))?;
    aligned.stored = Some(report);
    Ok(Outcome::Aligned(aligned))
}

/// Reports the outcomes of a batch, `(article, outcome, stored in the batch)`: as they are when the
/// batch was committed; otherwise the articles stored in it fail with it, the first with the error.
fn report_batch<'a>(
    waiting: Vec<(&'a ArticleFiles, Result<Outcome, Error>, bool)>,
    committed: Result<(), crate::tm::Error>,
    each: &mut impl FnMut(&'a ArticleFiles, Result<Outcome, Error>),
) {
    let mut error = committed.err();
    let mut first: Option<&str> = None;
    for (article, outcome, stored) in waiting {
        let outcome = match (stored, first) {
            (false, _) => outcome,
            (true, Some(with)) => Err(Error::NotStored {
                slug: article.slug.clone(),
                with: with.to_string(),
            }),
            (true, None) => match error.take() {
                Some(source) => {
                    first = Some(&article.slug);
                    Err(store_failed(&article.slug)(source))
                }
                None => outcome,
            },
        };
        each(article, outcome);
    }
}

/// Whether the stored documents' content hashes (`(language tag, hash)`) include every one of
/// `hashes`.
fn is_unchanged(stored: &[(String, String)], hashes: &[(Lang, String)]) -> bool {
    hashes
        .iter()
        .all(|(lang, hash)| stored.iter().any(|(l, h)| l == lang.as_str() && h == hash))
}

/// An article's versions, read, or why it is not aligned.
enum Versions {
    /// The source version and the target versions (sorted by language).
    Read(Doc, Vec<Doc>),
    /// Not aligned: no target version, or stored unchanged.
    Skipped(Outcome),
}

/// Reads an article's source version and its wanted target versions. With `unchanged`, an article
/// whose files it says are stored with the same content hashes is skipped first.
fn read_article(
    article: &ArticleFiles,
    options: &ArchiveOptions,
    unchanged: Option<impl FnOnce(&[(Lang, String)]) -> Result<bool, Error>>,
) -> Result<Versions, Error> {
    let from = &options.from;
    let Some((_, src_path)) = article.files.iter().find(|(l, _)| l == from) else {
        return Err(Error::NoSource { lang: from.clone() });
    };
    let mut targets: Vec<&(Lang, PathBuf)> = article
        .files
        .iter()
        .filter(|(l, _)| l != from && options.to.as_ref().is_none_or(|w| w.contains(l)))
        .collect();
    targets.sort_by(|a, b| a.0.cmp(&b.0));
    if targets.is_empty() {
        return Ok(Versions::Skipped(Outcome::NoTarget));
    }
    if let Some(unchanged) = unchanged {
        let mut hashes = Vec::new();
        for (lang, path) in
            std::iter::once((from, src_path)).chain(targets.iter().map(|(l, p)| (l, p)))
        {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            hashes.push((lang.clone(), content_hash(&bytes)));
        }
        if unchanged(&hashes)? {
            return Ok(Versions::Skipped(Outcome::Unchanged));
        }
    }
    let read = |path: &PathBuf, lang: &Lang| {
        Doc::read(path, lang.clone(), options.presegmented).map(|mut doc| {
            doc.name = name_in_archive(&article.slug, path);
            doc
        })
    };
    let source = read(src_path, from)?;
    let docs = targets
        .iter()
        .map(|(lang, path)| read(path, lang))
        .collect::<Result<Vec<Doc>, Error>>()?;
    Ok(Versions::Read(source, docs))
}

/// Aligns (and stores) one article of an archive, as a [`Walk`] does, on its own: the memory's
/// lexicons are read for it, and a stored article is committed alone.
///
/// # Errors
///
/// [`Error::NoSource`] without a source version; [`Error::Read`] or [`Error::Utf8`] for a file;
/// [`Error::Store`] or [`Error::Tm`] from the memory.
pub fn align_article(
    article: &ArticleFiles,
    options: &ArchiveOptions,
    memory: Option<&mut Memory>,
) -> Result<Outcome, Error> {
    let checked = memory
        .as_deref()
        .filter(|_| options.store && !options.realign);
    let unchanged = checked.map(|memory| {
        move |hashes: &[(Lang, String)]| -> Result<bool, Error> {
            Ok(is_unchanged(
                &memory.document_hashes(&article.slug)?,
                hashes,
            ))
        }
    });
    let (source, docs) = match read_article(article, options, unchanged)? {
        Versions::Read(source, docs) => (source, docs),
        Versions::Skipped(outcome) => return Ok(outcome),
    };
    let (aligned, _) = align_docs(
        &article.slug,
        &source,
        &docs,
        options,
        memory,
        &mut Lexicons::new(),
    )?;
    Ok(Outcome::Aligned(aligned))
}

/// Aligns an article's versions, read already, and stores them when `options` say so: what the
/// walk does with each article once its files are read, with the alignments (one per target)
/// beside the numbers (the evaluation of a stored walk scores them).
///
/// # Errors
///
/// [`Error::Store`] or [`Error::Tm`] from the memory.
pub(crate) fn align_docs(
    slug: &str,
    source: &Doc,
    docs: &[Doc],
    options: &ArchiveOptions,
    memory: Option<&mut Memory>,
    lexicons: &mut Lexicons,
) -> Result<(Aligned, Vec<Alignment>), Error> {
    let (mut aligned, alignments, units) =
        align_versions(source, docs, options, memory.as_deref(), lexicons)?;
    if let Some(memory) = memory.filter(|_| options.store) {
        aligned.stored = Some(store(memory, slug, source, docs, &units)?);
    }
    Ok((aligned, alignments))
}

/// Aligns an article's versions, read already: the numbers (nothing stored yet), the alignments (one
/// per target) and the units.
///
/// # Errors
///
/// [`Error::Tm`] when the memory's lexicon cannot be read.
fn align_versions(
    source: &Doc,
    docs: &[Doc],
    options: &ArchiveOptions,
    memory: Option<&Memory>,
    lexicons: &mut Lexicons,
) -> Result<(Aligned, Vec<Alignment>, Vec<AlignedUnit>), Error> {
    let alignments = align_all_with(source, docs, memory, options.use_lexicon, lexicons)?;
    let warnings = docs
        .iter()
        .zip(&alignments)
        .flat_map(|(doc, a)| a.warnings.iter().map(|w| (doc.path.clone(), w.clone())))
        .collect();
    let units = units(source, docs, &alignments, &options.review);
    let beads: usize = alignments.iter().map(|a| a.beads.len()).sum();
    let mean_confidence = if beads == 0 {
        0.0
    } else {
        alignments
            .iter()
            .flat_map(|a| &a.beads)
            .map(|b| b.confidence)
            .sum::<f32>()
            / beads as f32
    };
    let to_review = units
        .iter()
        .filter(|u| u.status == Status::NeedsReview)
        .count();
    let aligned = Aligned {
        targets: docs.iter().map(|d| d.lang.clone()).collect(),
        beads,
        mean_confidence,
        units: units.len(),
        to_review,
        stored: None,
        warnings,
    };
    Ok((aligned, alignments, units))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::index;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(path, bytes).expect("write");
    }

    /// `one/` and `two.*` hold the en and az sample; `bad` has an az file that is not UTF-8, `orphan`
    /// only an az version.
    fn archive() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let sample =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2024-07-03-aliyev-xi-astana");
        for tag in ["en", "az"] {
            let text = std::fs::read(sample.join(format!("{tag}.sents.txt"))).expect("sample");
            write(dir.path(), &format!("one/{tag}.sents.txt"), &text);
            write(dir.path(), &format!("two.{tag}.sents.txt"), &text);
        }
        write(dir.path(), "bad.en.sents.txt", b"A sentence.\n");
        write(dir.path(), "bad.az.sents.txt", b"f\xff\n");
        write(dir.path(), "orphan.az.sents.txt", "Şəhər.\n".as_bytes());
        write(dir.path(), "notes.sents.txt", b"not an article\n");
        write(dir.path(), "one/notes.txt", b"not an article either\n");
        dir
    }

    #[test]
    fn discover_finds_both_layouts_in_slug_order() {
        let dir = archive();
        let found: Vec<(String, Vec<String>)> = discover(dir.path(), true)
            .expect("discover")
            .into_iter()
            .map(|a| {
                let mut langs: Vec<String> = a
                    .files
                    .iter()
                    .map(|(l, _)| l.as_str().to_string())
                    .collect();
                langs.sort();
                (a.slug, langs)
            })
            .collect();
        let both = vec!["az-Latn".to_string(), "en".to_string()];
        assert_eq!(
            found,
            vec![
                ("bad".to_string(), both.clone()),
                ("one".to_string(), both.clone()),
                ("orphan".to_string(), vec!["az-Latn".to_string()]),
                ("two".to_string(), both),
            ]
        );
    }

    #[test]
    fn discover_reports_a_folder_without_articles() {
        let dir = archive();
        let err = discover(dir.path(), false).expect_err("no .txt article files");
        assert!(matches!(err, Error::NoArticles { .. }), "{err}");
        let err = discover(&dir.path().join("missing"), false).expect_err("no folder");
        assert!(matches!(err, Error::Read { .. }), "{err}");
    }

    #[test]
    fn the_walk_goes_on_past_bad_articles_skips_unchanged_ones_and_realigns_on_request() {
        let dir = archive();
        let articles = discover(dir.path(), true).expect("discover");
        let mut memory = Memory::open_in_memory().expect("memory");
        let mut options = ArchiveOptions {
            presegmented: true,
            store: true,
            ..ArchiveOptions::new(lang("en"))
        };
        let mut walk_once = |options: &ArchiveOptions| -> Vec<(String, String)> {
            walk(&articles, options, Some(&mut memory))
                .into_iter()
                .map(|(slug, outcome)| {
                    let what = match outcome {
                        Ok(Outcome::Aligned(a)) => format!(
                            "aligned {} units, stored {}",
                            a.units,
                            a.stored.is_some_and(|r| r.inserted + r.merged > 0)
                        ),
                        Ok(other) => format!("{other:?}"),
                        Err(e) => e.to_string(),
                    };
                    (slug, what)
                })
                .collect()
        };
        let first = walk_once(&options);
        let bad = format!(
            "{}:1:2: invalid UTF-8: tmkit reads UTF-8 or UTF-16 text only",
            dir.path().join("bad.az.sents.txt").display()
        );
        let aligned = first[1].1.clone();
        assert!(
            aligned.starts_with("aligned ") && aligned.ends_with(", stored true"),
            "{aligned}"
        );
        assert_eq!(
            first,
            vec![
                ("bad".to_string(), bad.clone()),
                ("one".to_string(), aligned.clone()),
                ("orphan".to_string(), "no en version".to_string()),
                ("two".to_string(), aligned.clone()),
            ]
        );
        let second = walk_once(&options);
        assert_eq!(second[1], ("one".to_string(), "Unchanged".to_string()));
        assert_eq!(second[3], ("two".to_string(), "Unchanged".to_string()));
        options.realign = true;
        let third = walk_once(&options);
        assert!(third[1].1.starts_with("aligned "), "{:?}", third[1]);
        assert_eq!(third[0], ("bad".to_string(), bad));
    }

    /// Runs a walk: each article's slug and outcome, in the order reported.
    fn walk(
        articles: &[ArticleFiles],
        options: &ArchiveOptions,
        memory: Option<&mut Memory>,
    ) -> Vec<(String, Result<Outcome, Error>)> {
        let mut got = Vec::new();
        Walk::new(articles, options, memory)
            .run(|article, outcome| got.push((article.slug.clone(), outcome)))
            .expect("walk");
        got
    }

    /// Five articles from the first sample: `a` and `e` in four languages, `b` its en–az part under
    /// another slug, `c` en–ru with the first 20 sentences, `d` en–zh.
    fn sample_archive() -> (tempfile::TempDir, Vec<ArticleFiles>) {
        let dir = tempfile::tempdir().expect("temp dir");
        let sample =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2024-07-03-aliyev-xi-astana");
        let text = |tag: &str| std::fs::read_to_string(sample.join(format!("{tag}.sents.txt")));
        for (slug, tags, lines) in [
            ("a", &["en", "az", "ru", "zh"][..], usize::MAX),
            ("b", &["en", "az"][..], usize::MAX),
            ("c", &["en", "ru"][..], 20),
            ("d", &["en", "zh"][..], usize::MAX),
            ("e", &["en", "az", "ru", "zh"][..], usize::MAX),
        ] {
            for tag in tags {
                let text = text(tag).expect("sample");
                let kept: Vec<&str> = text.lines().take(lines).collect();
                write(
                    dir.path(),
                    &format!("{slug}/{tag}.sents.txt"),
                    format!("{}\n", kept.join("\n")).as_bytes(),
                );
            }
        }
        let articles = discover(dir.path(), true).expect("discover");
        (dir, articles)
    }

    fn storing() -> ArchiveOptions {
        ArchiveOptions {
            presegmented: true,
            store: true,
            ..ArchiveOptions::new(lang("en"))
        }
    }

    /// What a memory holds, row by row (times left out), and its match index as posting lists.
    fn contents(memory: &Memory) -> Vec<String> {
        let conn = memory.conn();
        let mut rows = Vec::new();
        for table in [
            "article",
            "document",
            "segment",
            "unit",
            "variant",
            "prop",
            "review_reason",
        ] {
            let mut stmt = conn
                .prepare(&format!("SELECT * FROM {table} ORDER BY 1, 2, 3"))
                .expect("select");
            let names: Vec<String> = stmt.column_names().iter().map(|n| n.to_string()).collect();
            let mut query = stmt.query([]).expect("query");
            while let Some(row) = query.next().expect("row") {
                let mut line = table.to_string();
                for (i, name) in names.iter().enumerate() {
                    if !name.ends_with("_at") {
                        line.push_str(&format!(" {name}={:?}", row.get_ref(i).expect("value")));
                    }
                }
                rows.push(line);
            }
        }
        let tokens: Vec<i64> = conn
            .prepare("SELECT DISTINCT token FROM match_posting ORDER BY token")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("tokens");
        for token in tokens {
            let mut list = crate::tm::index::read_list(conn, token).expect("list");
            list.sort_by_key(|p| p.variant);
            rows.push(format!("posting {token} {list:?}"));
        }
        rows
    }

    /// The outcomes of `store_steps` given every article aligned already (so that a batch takes them
    /// all, up to [`BATCH_ARTICLES`]).
    fn store_ready(
        articles: &[ArticleFiles],
        options: &ArchiveOptions,
        memory: &mut Memory,
    ) -> Vec<(String, Result<Outcome, Error>)> {
        let (sender, steps) = std::sync::mpsc::sync_channel(articles.len());
        for article in articles {
            let step = prepare(article, options, None, true, &mut Lexicons::new());
            sender.send((article, step)).expect("send");
        }
        drop(sender);
        let mut got = Vec::new();
        store_steps(memory, &steps, &mut |article, outcome| {
            got.push((article.slug.clone(), outcome))
        });
        got
    }

    fn slugs_stored(memory: &Memory) -> Vec<String> {
        memory
            .conn()
            .prepare("SELECT slug FROM article ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("slugs")
    }

    /// The alignments of outcomes that must all be aligned articles.
    fn aligned<E: std::fmt::Debug>(
        outcomes: Vec<(String, Result<Outcome, E>)>,
    ) -> Vec<(String, Aligned)> {
        outcomes
            .into_iter()
            .map(|(slug, outcome)| match outcome {
                Ok(Outcome::Aligned(a)) => (slug, a),
                other => panic!("{slug}: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_walk_stores_what_storing_the_articles_one_by_one_stores() {
        let (_dir, articles) = sample_archive();
        let options = storing();
        let mut one_by_one = Memory::open_in_memory().expect("memory");
        let mut reports = Vec::new();
        for article in &articles {
            match align_article(article, &options, Some(&mut one_by_one)).expect("stored") {
                Outcome::Aligned(a) => reports.push((article.slug.clone(), a)),
                other => panic!("{other:?}"),
            }
        }
        let expected = contents(&one_by_one);
        assert!(expected.iter().any(|r| r.starts_with("posting ")));
        // `b` repeats `a`'s en–az text: some of its units are merged into others.
        let b = &reports[1].1;
        assert!(b.stored.as_ref().is_some_and(|r| r.merged > 0), "{b:?}");

        let mut walked = Memory::open_in_memory().expect("memory");
        let got = aligned(walk(&articles, &options, Some(&mut walked)));
        assert_eq!(got, reports);
        assert_eq!(contents(&walked), expected);

        // All five in one batch: the same again.
        let mut batched = Memory::open_in_memory().expect("memory");
        let got = aligned(store_ready(&articles, &options, &mut batched));
        assert_eq!(got, reports);
        assert_eq!(contents(&batched), expected);
        assert_eq!(index::pending(batched.conn()).expect("pending"), 0);
    }

    #[test]
    fn an_article_that_fails_to_store_leaves_nothing_of_itself_and_the_others_are_stored() {
        let (_dir, articles) = sample_archive();
        let mut memory = Memory::open_in_memory().expect("memory");
        // Article d fails at its fourth sentence, after its article row, document and three
        // sentences are written.
        memory
            .conn()
            .execute_batch(
                "CREATE TEMP TRIGGER refuse_d BEFORE INSERT ON segment
                 WHEN NEW.position = 3 AND (SELECT a.slug FROM document d JOIN article a
                                            ON a.id = d.article_id WHERE d.id = NEW.document_id) = 'd'
                 BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
            )
            .expect("trigger");
        let got = store_ready(&articles, &storing(), &mut memory);
        let said: Vec<(String, String)> = got
            .iter()
            .map(|(slug, outcome)| {
                let what = match outcome {
                    Ok(Outcome::Aligned(a)) if a.stored.is_some() => "stored".to_string(),
                    Ok(other) => format!("{other:?}"),
                    Err(e) => format!("{e}: {}", std::error::Error::source(e).expect("cause")),
                };
                (slug.clone(), what)
            })
            .collect();
        let stored = |slug: &str| (slug.to_string(), "stored".to_string());
        assert_eq!(
            said,
            vec![
                stored("a"),
                stored("b"),
                stored("c"),
                (
                    "d".to_string(),
                    "cannot store article 'd': memory: storing a sentence".to_string()
                ),
                stored("e"),
            ]
        );
        assert_eq!(slugs_stored(&memory), vec!["a", "b", "c", "e"]);
        let of_d: i64 = memory
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM document WHERE article_id NOT IN (SELECT id FROM article))
                      + (SELECT count(*) FROM segment WHERE document_id NOT IN (SELECT id FROM document))
                      + (SELECT count(*) FROM variant WHERE lang = 'zh-Hans' AND unit_id IN
                           (SELECT id FROM unit WHERE article_id NOT IN (SELECT id FROM article)))",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(of_d, 0);
        assert_eq!(index::pending(memory.conn()).expect("pending"), 0);
        // The units of the others are those of a walk without d.
        let mut without_d = Memory::open_in_memory().expect("memory");
        let others: Vec<ArticleFiles> =
            articles.iter().filter(|a| a.slug != "d").cloned().collect();
        store_ready(&others, &storing(), &mut without_d);
        let units = |m: &Memory| -> Vec<String> {
            contents(m)
                .into_iter()
                .filter(|r| r.starts_with("variant "))
                .map(|r| {
                    r.split_once(" unit_id=")
                        .map_or(r.clone(), |(_, rest)| rest.to_string())
                })
                .collect()
        };
        assert_eq!(units(&memory), units(&without_d));
    }

    #[test]
    fn a_batch_whose_commit_fails_reports_every_article_of_it_unstored() {
        let (_dir, articles) = sample_archive();
        let articles = &articles[..3];
        let mut memory = Memory::open_in_memory().expect("memory");
        // Once article c is written, a queued variant of the batch gets a language tag that cannot
        // be read: bringing the index up to date, the commit fails.
        memory
            .conn()
            .execute_batch(
                "CREATE TEMP TRIGGER spoil AFTER INSERT ON article WHEN NEW.slug = 'c'
                 BEGIN UPDATE variant SET lang = 'not a tag'
                       WHERE id = (SELECT min(variant_id) FROM match_pending); END;",
            )
            .expect("trigger");
        let got = store_ready(articles, &storing(), &mut memory);
        let said: Vec<String> = got
            .iter()
            .map(|(slug, outcome)| match outcome {
                Err(e) => format!("{slug}: {e}"),
                Ok(o) => format!("{slug}: {o:?}"),
            })
            .collect();
        assert_eq!(
            said,
            vec![
                "a: cannot store article 'a'".to_string(),
                "b: not stored: storing it with article 'a' failed".to_string(),
                "c: not stored: storing it with article 'a' failed".to_string(),
            ]
        );
        assert!(slugs_stored(&memory).is_empty());
        assert_eq!(memory.count_units().expect("count"), 0);
    }

    #[test]
    fn an_article_without_the_wanted_target_is_skipped() {
        let dir = archive();
        let articles = discover(dir.path(), true).expect("discover");
        let options = ArchiveOptions {
            to: Some(vec![lang("zh")]),
            presegmented: true,
            ..ArchiveOptions::new(lang("en"))
        };
        let one = articles.iter().find(|a| a.slug == "one").expect("one");
        assert_eq!(
            align_article(one, &options, None).expect("skipped"),
            Outcome::NoTarget
        );
    }
}
