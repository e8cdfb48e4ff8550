//! One language version of an article ([`Doc`]): its text, read as running text or presegmented, and
//! its sentences; and the article slug a path implies ([`slug_of`]).
//!
//! Running text is segmented by [`crate::segment`] (SRX rules of the language; paragraphs are separated
//! by blank lines). Presegmented text has one sentence per non-blank line, and a blank line ends a
//! paragraph. Either way a sentence keeps its byte range in the file (the segmenter's span, or the line
//! without its line break) and its text trimmed of surrounding white space; empty sentences are
//! dropped.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::Error;
use crate::Lang;
use crate::align::Side;
use crate::segment::join_sentences;
use crate::unit::{NewDocument, NewSegment, content_hash};

/// A language version of an article, read from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Doc {
    /// Its language.
    pub lang: Lang,
    /// Its path.
    pub path: PathBuf,
    /// How the memory names it (`document.source_path`, exported as `x-document`): the path as given,
    /// or relative to the archive's folder for an article of an archive (no local folders).
    pub name: String,
    /// Its text.
    pub text: String,
    /// Its sentences.
    pub sentences: Vec<NewSegment>,
}

impl Doc {
    /// Reads a UTF-8 or UTF-16 text file (a byte order mark is dropped) and segments it, or takes its lines as the
    /// sentences when `presegmented`.
    ///
    /// # Errors
    ///
    /// [`Error::Read`] when the file cannot be read; the errors of [`super::decode_text`] when it is not
    /// UTF-8 or UTF-16 text.
    pub fn read(path: &Path, lang: Lang, presegmented: bool) -> Result<Doc, Error> {
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text = super::decode_text(bytes, path)?;
        Ok(Doc::from_text(path.to_path_buf(), lang, text, presegmented))
    }

    /// A document of `text`, which was read from `path`: segmented, or one sentence a line when
    /// `presegmented`.
    pub fn from_text(path: PathBuf, lang: Lang, text: String, presegmented: bool) -> Doc {
        let sentences = if presegmented {
            presegmented_sentences(&text)
        } else {
            running_sentences(&text, &lang)
        };
        Doc {
            name: path.display().to_string(),
            lang,
            path,
            text,
            sentences,
        }
    }

    /// The side to align.
    pub fn side(&self) -> Side<'_> {
        Side::with_paragraphs(
            self.lang.clone(),
            self.sentences.iter().map(|s| s.text.as_str()).collect(),
            self.sentences.iter().map(|s| s.paragraph).collect(),
        )
    }

    /// The document to store.
    pub fn to_document(&self) -> NewDocument {
        NewDocument {
            lang: self.lang.clone(),
            title: self.sentences.first().map(|s| s.text.clone()),
            source_path: Some(self.name.clone()),
            content_hash: content_hash(self.text.as_bytes()),
            sentences: self.sentences.clone(),
        }
    }

    /// The text of the sentences in `range` (a bead's side), joined as the language joins sentences;
    /// positions past the end are left out.
    pub fn join(&self, range: &Range<usize>) -> String {
        join_sentences(
            &self.lang,
            range
                .clone()
                .filter_map(|i| self.sentences.get(i).map(|s| s.text.as_str())),
        )
    }
}

/// One sentence per non-blank line; blank lines separate paragraphs.
pub fn presegmented_sentences(text: &str) -> Vec<NewSegment> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut blank = false;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            blank = true;
            continue;
        }
        if blank && !out.is_empty() {
            paragraph += 1;
        }
        blank = false;
        out.push(NewSegment {
            paragraph,
            byte_range: start..start + content.len(),
            text: content.trim().to_string(),
        });
    }
    out
}

/// Running text, segmented by [`crate::segment`] (paragraphs are separated by blank lines).
pub fn running_sentences(text: &str, lang: &Lang) -> Vec<NewSegment> {
    crate::segment::Segmenter::for_lang(lang)
        .segment(text)
        .into_iter()
        .filter_map(|s| {
            let sentence = s.text(text).trim().to_string();
            (!sentence.is_empty()).then(|| NewSegment {
                paragraph: s.paragraph,
                byte_range: s.span.bytes.clone(),
                text: sentence,
            })
        })
        .collect()
}

/// The article slug a source path implies: the folder of `DIR/<slug>/<lang>.txt`, otherwise the file
/// name without its extension and a language (`<slug>.<lang>.txt`, `<slug>.txt`).
pub fn slug_of(path: &Path) -> String {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article");
    let first = name.split('.').next().unwrap_or(name);
    if Lang::parse(first).is_ok()
        && first.len() <= 3
        && let Some(dir) = path.canonicalize().ok().and_then(|p| {
            p.parent()
                .and_then(|d| d.file_name())
                .map(|d| d.to_string_lossy().into_owned())
        })
    {
        return dir;
    }
    // `<slug>.<lang>.txt`: drop the extension and the language.
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() > 1 {
        parts.pop();
    }
    if parts.len() > 1
        && parts
            .last()
            .is_some_and(|l| Lang::parse(l).is_ok() && l.len() <= 7)
    {
        parts.pop();
    }
    parts.join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presegmented_lines_count_without_blank_lines() {
        let s = presegmented_sentences("A.\nB.\n\nC ə.\n");
        assert_eq!(s.len(), 3);
        assert_eq!(s[2].paragraph, 1);
        assert_eq!(s[2].byte_range, 7..12);
    }

    #[test]
    fn slugs_come_from_file_or_folder_names() {
        assert_eq!(
            slug_of(Path::new("x/2024-07-03-aliyev-xi.en.txt")),
            "2024-07-03-aliyev-xi"
        );
        assert_eq!(slug_of(Path::new("story.txt")), "story");
    }

    #[test]
    fn a_slug_is_the_folder_of_a_file_named_for_its_language() {
        let dir = tempfile::tempdir().expect("temp dir");
        let article = dir.path().join("2024-07-03-şəhər");
        std::fs::create_dir(&article).expect("mkdir");
        std::fs::write(article.join("az.txt"), "Şəhər.").expect("write");
        assert_eq!(slug_of(&article.join("az.txt")), "2024-07-03-şəhər");
    }

    #[test]
    fn running_text_keeps_byte_ranges_and_paragraphs_of_multibyte_text() {
        let az = Lang::parse("az").expect("tag");
        let doc = Doc::from_text(
            PathBuf::from("az.txt"),
            az,
            "Şəhər böyükdür. Əliyev gəldi.\n\nİqtisadiyyat.\n".to_string(),
            false,
        );
        let got: Vec<(&str, usize, Range<usize>)> = doc
            .sentences
            .iter()
            .map(|s| (s.text.as_str(), s.paragraph, s.byte_range.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Şəhər böyükdür.", 0, 0..21),
                ("Əliyev gəldi.", 0, 22..37),
                ("İqtisadiyyat.", 1, 39..53),
            ]
        );
        assert_eq!(doc.join(&(0..2)), "Şəhər böyükdür. Əliyev gəldi.");
        assert_eq!(doc.to_document().title.as_deref(), Some("Şəhər böyükdür."));
    }

    #[test]
    fn reading_a_missing_file_names_it() {
        let err = Doc::read(
            Path::new("/nonexistent/en.txt"),
            Lang::parse("en").expect("tag"),
            false,
        )
        .expect_err("missing");
        assert!(
            matches!(&err, Error::Read { path, .. } if path == Path::new("/nonexistent/en.txt"))
        );
        assert_eq!(err.to_string(), "cannot read /nonexistent/en.txt");
    }
}
