//! Phrase translations on ntrex-dev and the samples: how often the rendering concordance lists first
//! for a judged phrase is a correct translation, and how often one of the first three is (issue #12,
//! item 6).
//!
//! **The memory.** The judged set (`tests/fixtures/phrases/judged.tsv`, how it was made in its
//! README) was written against the gold lines of ntrex-dev and the gold beads of the sample article,
//! so the memory is built from exactly those: one unit per line of `<data>/en-<lang>/all.en` with
//! its line of every `all.<lang>` present (az, ru, zh; the English lines are the same in every pair),
//! and one unit per linked bead of each `samples/<article>/gold.en-<lang>.beads` (its sentences of
//! `<lang>.sents.txt` joined as `segment::join` joins them). The memory is in RAM and thrown away.
//! Its word-alignment models are then trained as `tmkit train --all` trains them
//! ([`Memory::train_phrase_models`]): one per language pair, on every unit that has both languages,
//! with the seed lexicon as a prior.
//!
//! **The question.** Each judged phrase is asked as `tmkit concordance --lang SRC --to TGT PHRASE`
//! asks it ([`concordance_with`]), and its renderings in TGT, best first, are judged by
//! [`phrase::eval::judge`]: first-rendering precision and top-3 coverage.
//!
//! **Parts.** A judged phrase names the documents it was read in (its `source` column). It is
//! *held-out* when all of them are in the held-out part of `src/eval/ntrex-split.tsv`, *tuning*
//! when all are in the tuning part or in `samples/` (the sample article was read while the phrase
//! module was written, so it counts as tuning), and *mixed* when it has both. `--part held-out` and
//! `--part tuning` evaluate only those phrases; `--part all` evaluates every phrase and reports each
//! part apart beside the total. The memory is the same in every case: the part chooses the
//! questions, not the units (word alignment is unsupervised, and a translator's memory holds every
//! article).

use std::path::{Path, PathBuf};

use super::split::Part;
use crate::ingest::lexicon::{Refresh, TrainedModel};
use crate::lang::Lang;
use crate::phrase::eval::{JudgedPhrase, Judgement, Tally, judge, parse_judged};
use crate::search::{ConcordanceOptions, concordance_with};
use crate::segment::join::join_sentences;
use crate::tm::{self, Memory};
use crate::unit::{NewUnit, NewVariant, Origin};

/// An error of the phrase evaluation.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The judged set does not parse.
    #[error("{path}")]
    Judged {
        /// The judged set.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: crate::phrase::Error,
    },
    /// A judged phrase's `source` column names no document tmkit knows.
    #[error("{path}:{line}: {what}")]
    Source {
        /// The judged set.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        what: String,
    },
    /// A beads file of the samples does not parse.
    #[error("{path}")]
    Beads {
        /// The beads file.
        path: PathBuf,
        /// What is wrong.
        #[source]
        source: super::align::Error,
    },
    /// A bead names a sentence its `*.sents.txt` does not have.
    #[error("{path}:{line}: sentence {index} is not in {sentences} ({count} sentences)")]
    BeadSentence {
        /// The beads file.
        path: PathBuf,
        /// 1-based line of the bead.
        line: usize,
        /// The sentence index.
        index: usize,
        /// The sentences file.
        sentences: PathBuf,
        /// Its sentences.
        count: usize,
    },
    /// Two parallel files of ntrex-dev do not fit together.
    #[error("{path}: {what}")]
    Misaligned {
        /// The file.
        path: PathBuf,
        /// How it differs.
        what: String,
    },
    /// The data folder has none of `en-az`, `en-ru`, `en-zh`.
    #[error("{path}: no en-az, en-ru or en-zh folder (is it the ntrex-dev folder?)")]
    NoPairs {
        /// The folder.
        path: PathBuf,
    },
    /// The memory failed.
    #[error(transparent)]
    Memory(#[from] tm::Error),
}

/// The languages ntrex-dev pairs with English, in the order they are read.
const PAIRS: [&str; 3] = ["az", "ru", "zh"];

/// Which documents a judged phrase was read in (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PhrasePart {
    /// Only held-out documents.
    HeldOut,
    /// Only tuning documents or the samples.
    Tuning,
    /// Both.
    Mixed,
}

impl PhrasePart {
    /// Its name in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            PhrasePart::HeldOut => "held-out",
            PhrasePart::Tuning => "tuning",
            PhrasePart::Mixed => "mixed",
        }
    }

    /// Whether `--part part` evaluates phrases of this part.
    pub fn is_in(self, part: Part) -> bool {
        match part {
            Part::All => true,
            Part::Tuning => self == PhrasePart::Tuning,
            Part::HeldOut => self == PhrasePart::HeldOut,
        }
    }
}

/// The part of a judged phrase, from the documents its `source` column names: `ntrex-dev
/// en-<lang>/all.* <doc> <part> L<lines>; <doc> <part> L<lines> …` and `samples/<article> …`,
/// joined by ` + ` when both. Each document's part is the split's (`ntrex-split.tsv`); a part
/// written beside it must agree.
///
/// # Errors
/// [`Error::Source`] naming the judged set's line, for a source of another form, a document the
/// split does not list, or a written part the split contradicts.
pub fn phrase_part(item: &JudgedPhrase, path: &Path) -> Result<PhrasePart, Error> {
    let bad = |what: String| Error::Source {
        path: path.to_path_buf(),
        line: item.line,
        what,
    };
    let (mut tuning, mut held_out) = (false, false);
    for piece in item.source.split(" + ").map(str::trim) {
        if piece.starts_with("samples/") {
            tuning = true;
            continue;
        }
        let Some(rest) = piece.strip_prefix("ntrex-dev ") else {
            return Err(bad(format!(
                "source '{piece}' names neither 'ntrex-dev' nor 'samples/'"
            )));
        };
        // The pair's files (`en-az/all.*`), then the documents.
        let documents = rest.split_once(' ').map_or("", |(_, docs)| docs);
        let mut any = false;
        for document in documents.split(';').map(str::trim) {
            let mut words = document.split_whitespace();
            let Some(doc_id) = words.next() else {
                continue;
            };
            any = true;
            let part = if Part::Tuning.includes(doc_id) {
                Part::Tuning
            } else if Part::HeldOut.includes(doc_id) {
                Part::HeldOut
            } else {
                return Err(bad(format!(
                    "document '{doc_id}' is not in src/eval/ntrex-split.tsv"
                )));
            };
            if let Some(written @ ("tuning" | "held-out")) = words.next()
                && written != part.as_str()
            {
                return Err(bad(format!(
                    "document '{doc_id}' is marked '{written}', but ntrex-split.tsv puts it in '{part}'"
                )));
            }
            tuning |= part == Part::Tuning;
            held_out |= part == Part::HeldOut;
        }
        if !any {
            return Err(bad(format!("source '{piece}' names no document")));
        }
    }
    Ok(match (tuning, held_out) {
        (true, true) => PhrasePart::Mixed,
        (false, true) => PhrasePart::HeldOut,
        (true, false) => PhrasePart::Tuning,
        (false, false) => return Err(bad("the source column is empty".to_owned())),
    })
}

/// What the evaluation's memory was built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Built {
    /// Lines of ntrex-dev's `all.en` (one unit each).
    pub ntrex_lines: usize,
    /// The languages ntrex-dev gave beside English.
    pub ntrex_langs: Vec<Lang>,
    /// Units from the samples' gold beads, per language paired with English.
    pub sample_units: Vec<(Lang, usize)>,
    /// Units stored (identical units are stored once).
    pub units: u64,
    /// The models trained.
    pub models: Vec<TrainedModel>,
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })
}

fn lang(code: &str) -> Lang {
    Lang::parse(code).expect("tmkit's own language codes parse")
}

/// The units of ntrex-dev's gold lines: one per line of `all.en`, with every pair's line.
fn ntrex_units(data: &Path) -> Result<(Vec<NewUnit>, usize, Vec<Lang>), Error> {
    let en = lang("en");
    let mut english: Option<(PathBuf, String)> = None;
    let mut others: Vec<(Lang, String)> = Vec::new();
    for code in PAIRS {
        let dir = data.join(format!("en-{code}"));
        if !dir.is_dir() {
            continue;
        }
        let en_path = dir.join("all.en");
        let en_text = read(&en_path)?;
        let other_path = dir.join(format!("all.{code}"));
        let other = read(&other_path)?;
        match &english {
            None => english = Some((en_path.clone(), en_text)),
            Some((first, text)) => {
                if let Some(n) = text.lines().zip(en_text.lines()).position(|(a, b)| a != b) {
                    return Err(Error::Misaligned {
                        path: en_path,
                        what: format!("line {} differs from {}", n + 1, first.display()),
                    });
                }
                if text.lines().count() != en_text.lines().count() {
                    return Err(Error::Misaligned {
                        path: en_path,
                        what: format!("not as many lines as {}", first.display()),
                    });
                }
            }
        }
        let (found, expected) = (
            other.lines().count(),
            english.as_ref().map_or(0, |e| e.1.lines().count()),
        );
        if found != expected {
            return Err(Error::Misaligned {
                path: other_path,
                what: format!("{found} lines, but {expected} in all.en"),
            });
        }
        others.push((lang(code), other));
    }
    let Some((_, english)) = english else {
        return Err(Error::NoPairs {
            path: data.to_path_buf(),
        });
    };
    let mut columns: Vec<std::str::Lines<'_>> = others.iter().map(|(_, t)| t.lines()).collect();
    let mut units = Vec::new();
    for line in english.lines() {
        let mut variants = Vec::new();
        if !line.trim().is_empty() {
            variants.push(NewVariant::new(en.clone(), line));
        }
        for ((code, _), column) in others.iter().zip(&mut columns) {
            let text = column.next().unwrap_or("");
            if !text.trim().is_empty() {
                variants.push(NewVariant::new(code.clone(), text));
            }
        }
        if variants.len() >= 2 {
            units.push(NewUnit::new(Origin::Manual, variants));
        }
    }
    let langs = others.into_iter().map(|(l, _)| l).collect();
    Ok((units, english.lines().count(), langs))
}

/// Units, and how many came from each language paired with English.
type SampleUnits = (Vec<NewUnit>, Vec<(Lang, usize)>);

/// The units of the samples' gold beads: every article folder of `samples` with an
/// `en.sents.txt`, every `gold.en-<lang>.beads` in it, one unit per bead with both sides.
fn sample_units(samples: &Path) -> Result<SampleUnits, Error> {
    let en = lang("en");
    let listing = std::fs::read_dir(samples).map_err(|source| Error::Read {
        path: samples.to_path_buf(),
        source,
    })?;
    let mut articles: Vec<PathBuf> = listing
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("en.sents.txt").is_file())
        .collect();
    articles.sort();
    let mut units = Vec::new();
    let mut counts: Vec<(Lang, usize)> = PAIRS.iter().map(|c| (lang(c), 0)).collect();
    for article in articles {
        let en_path = article.join("en.sents.txt");
        let en_text = read(&en_path)?;
        let en_lines: Vec<&str> = en_text.lines().collect();
        for (code, count) in PAIRS.iter().zip(&mut counts) {
            let beads_path = article.join(format!("gold.en-{code}.beads"));
            if !beads_path.is_file() {
                continue;
            }
            let beads =
                super::align::parse_beads(&read(&beads_path)?).map_err(|source| Error::Beads {
                    path: beads_path.clone(),
                    source,
                })?;
            let other_path = article.join(format!("{code}.sents.txt"));
            let other_text = read(&other_path)?;
            let other_lines: Vec<&str> = other_text.lines().collect();
            let other = lang(code);
            for (n, bead) in beads.iter().enumerate() {
                if !bead.is_linked() {
                    continue;
                }
                let side = |indices: &[usize], lines: &[&str], path: &Path, l: &Lang| {
                    let picked = indices
                        .iter()
                        .map(|&i| {
                            lines.get(i).copied().ok_or_else(|| Error::BeadSentence {
                                path: beads_path.clone(),
                                line: n + 1,
                                index: i,
                                sentences: path.to_path_buf(),
                                count: lines.len(),
                            })
                        })
                        .collect::<Result<Vec<&str>, Error>>()?;
                    Ok::<String, Error>(join_sentences(l, picked))
                };
                let src = side(&bead.src, &en_lines, &en_path, &en)?;
                let tgt = side(&bead.tgt, &other_lines, &other_path, &other)?;
                units.push(NewUnit::new(
                    Origin::Manual,
                    vec![
                        NewVariant::new(en.clone(), src),
                        NewVariant::new(other.clone(), tgt),
                    ],
                ));
                count.1 += 1;
            }
        }
    }
    counts.retain(|(_, n)| *n > 0);
    Ok((units, counts))
}

/// Builds the memory the judged set was written against (see the module docs) in RAM and trains
/// its word-alignment models.
///
/// # Errors
/// An unreadable or malformed data or samples folder; [`Error::Memory`].
pub fn build_memory(data: &Path, samples: &Path) -> Result<(Memory, Built), Error> {
    let (mut units, ntrex_lines, ntrex_langs) = ntrex_units(data)?;
    let (samples, sample_units) = sample_units(samples)?;
    units.extend(samples);
    let mut memory = Memory::open_in_memory()?;
    memory.insert_units(&units, 0)?;
    let models = memory.train_phrase_models(Refresh::All)?;
    let built = Built {
        ntrex_lines,
        ntrex_langs,
        sample_units,
        units: memory.count_units()?,
        models,
    };
    Ok((memory, built))
}

/// The renderings of `item`'s phrase in its target language, best first, as `(text, support,
/// total)`: what `tmkit concordance --lang SRC --to TGT PHRASE` lists.
///
/// # Errors
/// [`Error::Memory`].
pub fn ask(memory: &Memory, item: &JudgedPhrase) -> Result<Vec<(String, usize, usize)>, Error> {
    let options = ConcordanceOptions {
        to: Some(item.tgt.clone()),
        limit: 0,
        exact: false,
    };
    let found = concordance_with(memory, &item.phrase, &item.src, &options)?;
    Ok(found
        .translations
        .into_iter()
        .filter(|r| r.lang == item.tgt.as_str())
        .map(|r| (r.text, r.count, r.total))
        .collect())
}

/// What to evaluate.
#[derive(Clone, Debug)]
pub struct Config {
    /// The ntrex-dev folder.
    pub data: PathBuf,
    /// The samples folder.
    pub samples: PathBuf,
    /// The judged set.
    pub judged: PathBuf,
    /// Which phrases (see the module docs).
    pub part: Part,
}

/// One judged phrase and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// The phrase.
    pub item: JudgedPhrase,
    /// Its part.
    pub part: PhrasePart,
    /// The judgement.
    pub judgement: Judgement,
}

/// One row of the report: a direction (or all) and a part (or all).
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Phrase and translation language; `None` for every direction.
    pub direction: Option<(Lang, Lang)>,
    /// The part; `None` for every part evaluated.
    pub part: Option<PhrasePart>,
    /// The counts.
    pub tally: Tally,
}

/// The evaluation.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The memory.
    pub built: Built,
    /// Phrases in the judged set (of every part).
    pub judged_total: usize,
    /// Each evaluated phrase, in the judged set's order.
    pub phrases: Vec<Judged>,
    /// Per direction (in the order first met), its parts that have phrases and, with `--part all`,
    /// their total; then the same over every direction.
    pub rows: Vec<Row>,
}

/// The rows of the report (see [`Report::rows`]).
pub fn rows(phrases: &[Judged], part: Part) -> Vec<Row> {
    let same = |a: &(Lang, Lang), item: &JudgedPhrase| {
        a.0.language() == item.src.language() && a.1.language() == item.tgt.language()
    };
    let mut directions: Vec<(Lang, Lang)> = Vec::new();
    for j in phrases {
        if !directions.iter().any(|d| same(d, &j.item)) {
            directions.push((j.item.src.clone(), j.item.tgt.clone()));
        }
    }
    let parts = [PhrasePart::HeldOut, PhrasePart::Tuning, PhrasePart::Mixed];
    let mut out = Vec::new();
    let groups = directions.into_iter().map(Some).chain([None]);
    for direction in groups {
        let of_direction: Vec<&Judged> = phrases
            .iter()
            .filter(|j| direction.as_ref().is_none_or(|d| same(d, &j.item)))
            .collect();
        let tally = |filter: &dyn Fn(&Judged) -> bool| {
            let mut t = Tally::default();
            for j in of_direction.iter().filter(|j| filter(j)) {
                t.add(&j.judgement);
            }
            t
        };
        for p in parts.into_iter().filter(|p| p.is_in(part)) {
            let t = tally(&|j| j.part == p);
            if t.phrases > 0 {
                out.push(Row {
                    direction: direction.clone(),
                    part: Some(p),
                    tally: t,
                });
            }
        }
        if part == Part::All {
            out.push(Row {
                direction: direction.clone(),
                part: None,
                tally: tally(&|_| true),
            });
        }
    }
    out
}

/// Runs the evaluation: reads the judged set, builds the memory, asks every phrase of the part.
///
/// # Errors
/// An unreadable or malformed judged set, data or samples folder; [`Error::Memory`].
pub fn evaluate(config: &Config) -> Result<Report, Error> {
    let judged = parse_judged(&read(&config.judged)?).map_err(|source| Error::Judged {
        path: config.judged.clone(),
        source,
    })?;
    let mut selected = Vec::new();
    for item in &judged {
        let part = phrase_part(item, &config.judged)?;
        if part.is_in(config.part) {
            selected.push((item, part));
        }
    }
    let (memory, built) = build_memory(&config.data, &config.samples)?;
    let mut phrases = Vec::new();
    for (item, part) in selected {
        let found = ask(&memory, item)?;
        phrases.push(Judged {
            item: item.clone(),
            part,
            judgement: judge(item, &found),
        });
    }
    Ok(Report {
        built,
        judged_total: judged.len(),
        rows: rows(&phrases, config.part),
        phrases,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const FROZEN: &str = include_str!("../../tests/fixtures/phrases/judged.tsv");

    fn item(source: &str) -> JudgedPhrase {
        let line = format!("p1\ten-ru\tWhite House\tБелый дом\t{source}");
        parse_judged(&line).expect("parses").remove(0)
    }

    #[test]
    fn the_frozen_set_falls_into_parts_as_its_readme_counts() {
        // README: 55 tuning only, 15 held-out only, 60 both, 22 sample only, 1 tuning + sample.
        let judged = parse_judged(FROZEN).expect("parses");
        let path = Path::new("judged.tsv");
        let count = |want: PhrasePart| {
            judged
                .iter()
                .filter(|j| phrase_part(j, path).expect("every source is known") == want)
                .count()
        };
        assert_eq!(
            [
                count(PhrasePart::HeldOut),
                count(PhrasePart::Tuning),
                count(PhrasePart::Mixed)
            ],
            [15, 55 + 22 + 1, 60]
        );
    }

    #[test]
    fn a_phrase_part_comes_from_the_split_and_samples_count_as_tuning() {
        let path = Path::new("j.tsv");
        let part = |s: &str| phrase_part(&item(s), path);
        assert_eq!(
            part("ntrex-dev en-ru/all.* nytimes.184853 held-out L30").expect("known"),
            PhrasePart::HeldOut
        );
        assert_eq!(
            part("samples/x gold.en-ru.beads beads 1").expect("known"),
            PhrasePart::Tuning
        );
        assert_eq!(
            part("ntrex-dev en-ru/all.* nytimes.184853 held-out L30 + samples/x beads 1")
                .expect("known"),
            PhrasePart::Mixed
        );
        assert_eq!(
            part("ntrex-dev en-ru/all.* bbc.381790 tuning L1; nytimes.184853 held-out L30")
                .expect("known"),
            PhrasePart::Mixed
        );
        let err = part("ntrex-dev en-ru/all.* bbc.381790 held-out L1").expect_err("contradicts");
        assert_eq!(
            err.to_string(),
            "j.tsv:1: document 'bbc.381790' is marked 'held-out', but ntrex-split.tsv puts it in 'tuning'"
        );
        let err = part("ntrex-dev en-ru/all.* nowhere.1 tuning L1").expect_err("unknown");
        assert_eq!(
            err.to_string(),
            "j.tsv:1: document 'nowhere.1' is not in src/eval/ntrex-split.tsv"
        );
        assert!(part("a web page").is_err());
    }

    #[test]
    fn rows_give_each_part_and_the_total_per_direction_then_over_all() {
        let judged = parse_judged("p1\ten-ru\ta\tx\ts\np2\ten-ru\tb\tx\ts\np3\tru-en\tc\tx\ts\n")
            .expect("parses");
        let answer = |item: &JudgedPhrase, text: &str| judge(item, &[(text.to_owned(), 1, 1)]);
        let phrases = vec![
            Judged {
                item: judged[0].clone(),
                part: PhrasePart::HeldOut,
                judgement: answer(&judged[0], "x"),
            },
            Judged {
                item: judged[1].clone(),
                part: PhrasePart::Tuning,
                judgement: answer(&judged[1], "y"),
            },
            Judged {
                item: judged[2].clone(),
                part: PhrasePart::HeldOut,
                judgement: answer(&judged[2], "x"),
            },
        ];
        let all = rows(&phrases, Part::All);
        // en-ru: held-out, tuning, all; ru-en: held-out, all; every direction: the same three.
        assert_eq!(all.len(), 8);
        assert_eq!(all[0].part, Some(PhrasePart::HeldOut));
        assert_eq!((all[0].tally.phrases, all[0].tally.first_correct), (1, 1));
        assert_eq!((all[1].tally.phrases, all[1].tally.first_correct), (1, 0));
        assert_eq!(all[2].part, None);
        assert_eq!((all[2].tally.phrases, all[2].tally.first_correct), (2, 1));
        assert_eq!(all[3].part, Some(PhrasePart::HeldOut));
        assert!(all[5].direction.is_none());
        assert_eq!((all[5].tally.phrases, all[5].tally.first_correct), (2, 2));
        assert_eq!((all[7].tally.phrases, all[7].tally.first_correct), (3, 2));
        let held_out = rows(&phrases, Part::HeldOut);
        assert_eq!(held_out.len(), 3);
        assert_eq!(held_out[1].tally.phrases, 1);
    }

    /// The evaluation on the real data, as `tmkit eval phrases` runs it: `TMKIT_PHRASE_DATA` names
    /// the ntrex-dev folder (`../shared/data/ntrex-dev`; not part of the repository). Run with
    /// `cargo test --lib eval::phrases -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs TMKIT_PHRASE_DATA, the ntrex-dev folder"]
    fn judged_set_on_ntrex_dev_and_samples() {
        let data = std::env::var_os("TMKIT_PHRASE_DATA")
            .expect("TMKIT_PHRASE_DATA names the ntrex-dev folder");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let report = evaluate(&Config {
            data: PathBuf::from(data),
            samples: root.join("samples"),
            judged: root.join("tests/fixtures/phrases/judged.tsv"),
            part: Part::All,
        })
        .expect("the evaluation runs");
        assert_eq!(report.built.ntrex_lines, 1007);
        assert_eq!(report.phrases.len(), 153);
        for row in &report.rows {
            eprintln!("{row:?}");
        }
    }
}
