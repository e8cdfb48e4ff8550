//! The stored walk, scored: what `tmkit align-dir --store` makes of ntrex-dev as an archive of
//! four-language articles, pair by pair, against the gold text pairs.
//!
//! The archive is the one `benches/review-session.sh` lays out, read from the data folder instead of
//! files: per document of the part, in index order, the English of `all.en` (the headline, a blank
//! line, the other sentences as one paragraph) and each pair's running target text (`tgt.raw.txt`,
//! with NTREX-dev's merged and dropped sentences). The documents are walked as the archive walk does
//! ([`crate::ingest::archive`]): each article aligned with the memory's learned lexicon (seed list plus
//! the pair's model, read again when the model changes) and stored in a memory held in RAM, with
//! whatever training the walk does after each store. Each pair's beads are then scored end to end
//! against its `gold.pairs.tsv` ([`super::score_pairs_detail`], finer pairs of a merged gold pair
//! counting as right), so a change of the walk's training schedule shows in the pairs it aligns.

use std::path::{Path, PathBuf};
use std::time::Instant;

use super::Counts;
use super::score_pairs_detail;
use crate::Lang;
use crate::eval::ntrex;
use crate::eval::split::Part;
use crate::ingest::archive::{ArchiveOptions, align_docs};
use crate::ingest::article::Lexicons;
use crate::ingest::{self, Doc};
use crate::segment::join_sentences;
use crate::tm::lexicon::ModelRecord;
use crate::tm::{self, Memory};

/// An error of the stored-walk evaluation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data folder is not as its README describes.
    #[error(transparent)]
    Data(#[from] ntrex::Error),
    /// Aligning or storing an article.
    #[error(transparent)]
    Ingest(#[from] ingest::Error),
    /// The memory.
    #[error(transparent)]
    Tm(#[from] tm::Error),
}

/// One pair's score over the walk.
pub struct PairScore {
    /// The target language.
    pub tgt: Lang,
    /// Text pairs right and found, added over the documents.
    pub counts: Counts,
}

/// What the walk made: each pair's score, the time it took, and the models the memory holds after
/// it.
pub struct Walked {
    /// Articles walked.
    pub articles: usize,
    /// Per target language, in the order asked.
    pub pairs: Vec<PairScore>,
    /// Seconds spent aligning, storing and training (not reading or scoring).
    pub seconds: f64,
    /// The memory's models after the walk.
    pub models: Vec<ModelRecord>,
}

/// Walks the documents of `part` as a four-language archive (`data/en-XX` for each of `targets`)
/// into a fresh memory and scores each pair end to end.
///
/// # Errors
/// A missing or malformed file of the data folder; [`Error::Ingest`], [`Error::Tm`] from the walk.
pub fn evaluate_walk(data: &Path, targets: &[Lang], part: Part) -> Result<Walked, Error> {
    let en = Lang::parse("en").expect("'en' is a valid language tag");
    let first = targets.first().map_or("az", |t| t.language());
    let rows: Vec<ntrex::IndexRow> = ntrex::index(&data.join(format!("en-{first}")), part)?;
    let all_en = ntrex::read(&data.join(format!("en-{first}")).join("all.en"))?;
    let all_en: Vec<&str> = all_en.lines().collect();
    let mut memory = Memory::open_in_memory()?;
    let options = ArchiveOptions {
        store: true,
        ..ArchiveOptions::new(en.clone())
    };
    let mut lexicons = Lexicons::new();
    let mut counts: Vec<Counts> = vec![Counts::default(); targets.len()];
    let mut seconds = 0.0;
    let mut articles = 0;
    for row in rows.iter().filter(|r| r.selected) {
        let source = Doc::from_text(
            PathBuf::from(format!("{}/en.txt", row.doc_id)),
            en.clone(),
            archive_english(row.gold(&all_en)?),
            false,
        );
        let mut docs = Vec::new();
        let mut golds = Vec::new();
        for tgt in targets {
            let dir = data
                .join(format!("en-{}", tgt.language()))
                .join(&row.doc_id);
            let text = ntrex::read(&dir.join("tgt.raw.txt"))?;
            docs.push(Doc::from_text(
                dir.join("tgt.raw.txt"),
                tgt.clone(),
                text,
                false,
            ));
            golds.push(gold_pairs(&ntrex::read(&dir.join("gold.pairs.tsv"))?));
        }
        let start = Instant::now();
        let (_, alignments) = align_docs(
            &row.doc_id,
            &source,
            &docs,
            &options,
            Some(&mut memory),
            &mut lexicons,
        )?;
        seconds += start.elapsed().as_secs_f64();
        articles += 1;
        for (((doc, alignment), gold), total) in
            docs.iter().zip(&alignments).zip(&golds).zip(&mut counts)
        {
            let text = |d: &Doc, r: &std::ops::Range<usize>| {
                join_sentences(
                    &d.lang,
                    r.clone()
                        .filter_map(|i| d.sentences.get(i).map(|s| s.text.as_str())),
                )
            };
            let predicted: Vec<(String, String)> = alignment
                .beads
                .iter()
                .filter(|b| b.is_linked())
                .map(|b| (text(&source, &b.src), text(doc, &b.tgt)))
                .collect();
            total.add(&score_pairs_detail(&predicted, gold).0);
        }
    }
    let models = memory.phrase_models()?;
    Ok(Walked {
        articles,
        pairs: targets
            .iter()
            .zip(counts)
            .map(|(tgt, counts)| PairScore {
                tgt: tgt.clone(),
                counts,
            })
            .collect(),
        seconds,
        models,
    })
}

/// A document's English lines as the archive's `en.txt`: the headline, a blank line, the other lines
/// as one paragraph (as `benches/review-session.sh` writes it).
fn archive_english(lines: &[&str]) -> String {
    let mut text = String::new();
    for (i, line) in lines.iter().enumerate() {
        match i {
            0 => {
                text.push_str(line);
                text.push_str("\n\n");
            }
            1 => text.push_str(line),
            _ => {
                text.push(' ');
                text.push_str(line);
            }
        }
    }
    text.push('\n');
    text
}

/// The rows of a `gold.pairs.tsv`: source and target text.
fn gold_pairs(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_archive_english_is_a_headline_and_one_paragraph() {
        assert_eq!(
            archive_english(&["Title", "One.", "Two.", "Three."]),
            "Title\n\nOne. Two. Three.\n"
        );
        assert_eq!(archive_english(&["Title"]), "Title\n\n\n");
    }
}
