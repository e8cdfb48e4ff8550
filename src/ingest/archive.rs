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
//! [`Walk`] then yields one [`Outcome`] per article, in slug order: an article without a source version
//! fails ([`Error::NoSource`]); one without a (wanted) target version is skipped; when storing, one whose
//! files are all stored with the same content hash is skipped unless realigning; the others are aligned
//! ([`align_all`]) and, when storing, stored with their units ([`store`]), which replaces a changed
//! article's stored version. An article that fails is that article's outcome: the walk goes on.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::article::{Lexicons, align_all_with, store};
use super::{Doc, Error, ReviewPolicy, units};
use crate::align::{Alignment, Warning};
use crate::unit::Status;
use crate::unit::{StoreReport, content_hash};
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

/// Aligns the articles of an archive one by one: an iterator of `(article, outcome)`, in order.
///
/// With a memory, its learned lexicon is used (unless lexicon use is off; read once per pair and
/// again only when its model changed), and with [`ArchiveOptions::store`] every aligned article is
/// stored in one transaction of its own. No model is retrained: the memory records its models as
/// stale until [`Memory::train_phrase_models`] (`tmkit train`), and the aligner reads the models
/// as they were (`tmkit eval align --mode stored-walk` measured no gain from retraining them as the
/// walk goes; see [`crate::ingest::lexicon`]).
pub struct Walk<'a> {
    articles: std::slice::Iter<'a, ArticleFiles>,
    options: &'a ArchiveOptions,
    memory: Option<&'a mut Memory>,
    lexicons: Lexicons,
}

impl<'a> Walk<'a> {
    /// A walk over `articles` (from [`discover`]).
    pub fn new(
        articles: &'a [ArticleFiles],
        options: &'a ArchiveOptions,
        memory: Option<&'a mut Memory>,
    ) -> Walk<'a> {
        Walk {
            articles: articles.iter(),
            options,
            memory,
            lexicons: Lexicons::new(),
        }
    }

    /// The article the next step aligns, if any (for a progress display).
    pub fn upcoming(&self) -> Option<&'a ArticleFiles> {
        self.articles.as_slice().first()
    }
}

impl<'a> Iterator for Walk<'a> {
    type Item = (&'a ArticleFiles, Result<Outcome, Error>);

    fn next(&mut self) -> Option<Self::Item> {
        let article = self.articles.next()?;
        let outcome = align_article_with(
            article,
            self.options,
            self.memory.as_deref_mut(),
            &mut self.lexicons,
        );
        Some((article, outcome))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.articles.size_hint()
    }
}

/// Aligns (and stores) one article of an archive.
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
    align_article_with(article, options, memory, &mut Lexicons::new())
}

/// [`align_article`] with the lexicons read for earlier articles ([`Walk`] keeps them).
fn align_article_with(
    article: &ArticleFiles,
    options: &ArchiveOptions,
    memory: Option<&mut Memory>,
    lexicons: &mut Lexicons,
) -> Result<Outcome, Error> {
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
        return Ok(Outcome::NoTarget);
    }
    if options.store
        && !options.realign
        && let Some(memory) = memory.as_deref()
    {
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
        if memory.is_article_unchanged(&article.slug, &hashes)? {
            return Ok(Outcome::Unchanged);
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
    let (aligned, _) = align_docs(&article.slug, &source, &docs, options, memory, lexicons)?;
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
    let alignments = align_all_with(
        source,
        docs,
        memory.as_deref(),
        options.use_lexicon,
        lexicons,
    )?;
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
    let stored = match memory {
        Some(memory) if options.store => Some(store(memory, slug, source, docs, &units)?),
        _ => None,
    };
    let aligned = Aligned {
        targets: docs.iter().map(|d| d.lang.clone()).collect(),
        beads,
        mean_confidence,
        units: units.len(),
        to_review,
        stored,
        warnings,
    };
    Ok((aligned, alignments))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            Walk::new(&articles, options, Some(&mut memory))
                .map(|(article, outcome)| {
                    let what = match outcome {
                        Ok(Outcome::Aligned(a)) => format!(
                            "aligned {} units, stored {}",
                            a.units,
                            a.stored.is_some_and(|r| r.inserted + r.merged > 0)
                        ),
                        Ok(other) => format!("{other:?}"),
                        Err(e) => e.to_string(),
                    };
                    (article.slug.clone(), what)
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
