//! Evaluating phrase translations against a judged set (issue #12; the set and how it was made:
//! `tests/fixtures/phrases/README.md`).
//!
//! For every judged phrase, a model is trained on the corpus of its language pair (once per
//! corpus, with the seed lexicon as the memory trains it: [`Model::train_seeded`]), the phrase's [`renderings`] are taken from that corpus's units, and two numbers are
//! counted per direction: whether the first rendering is one of the accepted translations
//! (*first-rendering precision*, over all judged phrases: a phrase without any rendering counts
//! as wrong) and whether one of the first three is (*top-3 coverage*). A rendering matches an
//! accepted translation when both are equal after the language's case fold, `ё` → `е`,
//! apostrophe and dash variants folded and white space collapsed.
//!
//! Pure: the caller reads the judged set and the corpora.

use super::{Error, Model, RenderingOptions, TrainOptions, renderings};
use crate::lang::Lang;

/// One judged phrase: a phrase in one language and its accepted translations in another.
#[derive(Clone, Debug, PartialEq)]
pub struct JudgedPhrase {
    /// Its id (`p001`).
    pub id: String,
    /// The phrase's language.
    pub src: Lang,
    /// The language of the translations.
    pub tgt: Lang,
    /// The phrase.
    pub phrase: String,
    /// Accepted translations.
    pub accepted: Vec<String>,
}

/// Reads a judged set: tab-separated `id, direction, phrase, accepted, source` with a header
/// line; `accepted` holds alternatives separated by ` | `. Blank lines and lines starting with `#`
/// are skipped.
///
/// # Errors
///
/// [`Error::JudgedColumns`] for a line without five columns, [`Error::JudgedDirection`] for a
/// direction that is not two language tags joined by `-`, [`Error::Lang`] for a bad tag.
pub fn parse_judged(tsv: &str) -> Result<Vec<JudgedPhrase>, Error> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let [id, direction, phrase, accepted, _source] = columns[..] else {
            return Err(Error::JudgedColumns {
                line: n + 1,
                found: columns.len(),
            });
        };
        let Some((src, tgt)) = direction.split_once('-') else {
            return Err(Error::JudgedDirection {
                line: n + 1,
                found: direction.to_owned(),
            });
        };
        out.push(JudgedPhrase {
            id: id.to_owned(),
            src: Lang::parse(src)?,
            tgt: Lang::parse(tgt)?,
            phrase: phrase.to_owned(),
            accepted: accepted
                .split(" | ")
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect(),
        });
    }
    Ok(out)
}

/// Parallel units of one language pair.
#[derive(Clone, Debug, PartialEq)]
pub struct Corpus {
    /// Language of the first text of each pair.
    pub src: Lang,
    /// Language of the second text.
    pub tgt: Lang,
    /// The units.
    pub pairs: Vec<(String, String)>,
}

/// What tmkit answered for one judged phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// The judged phrase's id.
    pub id: String,
    /// Up to three renderings, best first, with `support/total`.
    pub top: Vec<(String, usize, usize)>,
    /// Whether the first rendering is accepted.
    pub first_correct: bool,
    /// Whether one of the first three is.
    pub top3_correct: bool,
}

/// The scores of one direction.
#[derive(Clone, Debug, PartialEq)]
pub struct DirectionScore {
    /// Phrase language.
    pub src: Lang,
    /// Translation language.
    pub tgt: Lang,
    /// Judged phrases.
    pub phrases: usize,
    /// Phrases whose first rendering is accepted.
    pub first_correct: usize,
    /// Phrases with an accepted rendering among the first three.
    pub top3_correct: usize,
    /// Phrases without any rendering.
    pub unanswered: usize,
}

impl DirectionScore {
    /// First-rendering precision, `0.0..=1.0`.
    pub fn first(&self) -> f32 {
        ratio(self.first_correct, self.phrases)
    }

    /// Top-3 coverage, `0.0..=1.0`.
    pub fn top3(&self) -> f32 {
        ratio(self.top3_correct, self.phrases)
    }
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// The evaluation: per direction (in the order first met in the judged set) and per phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Scores per direction.
    pub directions: Vec<DirectionScore>,
    /// One judgement per judged phrase that had a corpus.
    pub judgements: Vec<Judgement>,
}

/// Whether `rendering` equals one of `accepted` (see the module docs for the folding).
pub fn is_accepted(rendering: &str, accepted: &[String], lang: &Lang) -> bool {
    let r = canonical(rendering, lang);
    accepted.iter().any(|a| canonical(a, lang) == r)
}

fn canonical(text: &str, lang: &Lang) -> String {
    lang.normalize(text)
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            '’' | 'ʼ' | '‘' | '`' => '\'',
            '‐' | '‑' | '‒' | '–' => '-',
            c => c,
        })
        .collect()
}

/// Evaluates every judged phrase whose language pair has a corpus (in either order).
pub fn evaluate(judged: &[JudgedPhrase], corpora: &[Corpus], options: &TrainOptions) -> Report {
    let same = |a: &Lang, b: &Lang| a.language() == b.language();
    let mut models: Vec<Option<Model>> = corpora.iter().map(|_| None).collect();
    let mut directions: Vec<DirectionScore> = Vec::new();
    let mut judgements = Vec::new();
    for item in judged {
        let found = corpora.iter().position(|c| {
            (same(&c.src, &item.src) && same(&c.tgt, &item.tgt))
                || (same(&c.src, &item.tgt) && same(&c.tgt, &item.src))
        });
        let Some(k) = found else { continue };
        let corpus = &corpora[k];
        let model = models[k].get_or_insert_with(|| {
            Model::train_seeded(
                corpus.pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())),
                &corpus.src,
                &corpus.tgt,
                options,
            )
        });
        let forward = same(&corpus.src, &item.src);
        let reversed;
        let (model, units): (&Model, Vec<(&str, &str)>) = if forward {
            (
                model,
                corpus
                    .pairs
                    .iter()
                    .map(|(a, b)| (a.as_str(), b.as_str()))
                    .collect(),
            )
        } else {
            reversed = model.reversed();
            (
                &reversed,
                corpus
                    .pairs
                    .iter()
                    .map(|(a, b)| (b.as_str(), a.as_str()))
                    .collect(),
            )
        };
        let found = renderings(model, &item.phrase, units, &RenderingOptions::default());
        let ok = |r: &super::Rendering| is_accepted(&r.text, &item.accepted, &item.tgt);
        let first_correct = found.first().is_some_and(ok);
        let top3_correct = found.iter().take(3).any(ok);
        let score = match directions
            .iter()
            .position(|d| same(&d.src, &item.src) && same(&d.tgt, &item.tgt))
        {
            Some(i) => &mut directions[i],
            None => {
                directions.push(DirectionScore {
                    src: item.src.clone(),
                    tgt: item.tgt.clone(),
                    phrases: 0,
                    first_correct: 0,
                    top3_correct: 0,
                    unanswered: 0,
                });
                directions.last_mut().expect("just pushed")
            }
        };
        score.phrases += 1;
        score.first_correct += usize::from(first_correct);
        score.top3_correct += usize::from(top3_correct);
        score.unanswered += usize::from(found.is_empty());
        judgements.push(Judgement {
            id: item.id.clone(),
            top: found
                .iter()
                .take(3)
                .map(|r| (r.text.clone(), r.support, r.total))
                .collect(),
            first_correct,
            top3_correct,
        });
    }
    Report {
        directions,
        judgements,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("a valid tag")
    }

    #[test]
    fn the_judged_set_parses_with_all_six_directions() {
        let judged = parse_judged(include_str!("../../tests/fixtures/phrases/judged.tsv"))
            .expect("the fixture parses");
        assert_eq!(judged.len(), 153);
        let count = |d: &str| {
            judged
                .iter()
                .filter(|j| format!("{}-{}", j.src.language(), j.tgt.language()) == d)
                .count()
        };
        assert_eq!(
            [count("en-az"), count("en-ru"), count("en-zh")],
            [29, 29, 29]
        );
        assert_eq!(
            [count("az-en"), count("ru-en"), count("zh-en")],
            [20, 23, 23]
        );
        assert_eq!(judged[1].accepted[0], "Ali Məhkəmə");
    }

    #[test]
    fn malformed_judged_lines_are_errors_with_their_line() {
        assert!(matches!(
            parse_judged("id\tx\np1\ten-ru\tx"),
            Err(Error::JudgedColumns { line: 2, found: 3 })
        ));
        assert!(matches!(
            parse_judged("p1\tenru\ta\tb\tc"),
            Err(Error::JudgedDirection { line: 1, .. })
        ));
    }

    #[test]
    fn accepted_forms_match_after_folding() {
        let ru = lang("ru");
        let accepted = vec!["Премьер-министр".to_owned(), "ещё раз".to_owned()];
        assert!(is_accepted("премьер‑министр", &accepted, &ru));
        assert!(is_accepted("Еще  раз", &accepted, &ru));
        assert!(!is_accepted("министр", &accepted, &ru));
        assert!(is_accepted("İLHAM", &["ilham".to_owned()], &lang("az")));
    }

    #[test]
    fn evaluate_counts_first_and_top3_per_direction_and_uses_the_reversed_model() {
        let pairs = [
            ("the White House said", "Белый дом заявил"),
            ("White House", "Белый дом"),
            ("the White House", "Белого дома"),
            ("the house", "дом"),
            ("said", "заявил"),
            ("he said", "он заявил"),
            ("a white cat", "белый кот"),
        ];
        let corpus = Corpus {
            src: lang("en"),
            tgt: lang("ru"),
            pairs: pairs
                .iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect(),
        };
        let judged = parse_judged(
            "id\tdirection\tphrase\taccepted\tsource\n\
             p1\ten-ru\tWhite House\tБелый дом | Белого дома\ttoy\n\
             p2\tru-en\tБелый дом\tWhite House\ttoy\n\
             p3\ten-ru\tWhite House\tКремль\ttoy\n\
             p4\ten-zh\tWhite House\t白宫\tno corpus\n",
        )
        .expect("parses");
        let report = evaluate(&judged, &[corpus], &TrainOptions::default());
        assert_eq!(report.judgements.len(), 3);
        let en_ru = &report.directions[0];
        assert_eq!(
            (en_ru.phrases, en_ru.first_correct, en_ru.top3_correct),
            (2, 1, 1)
        );
        assert_eq!(en_ru.first(), 0.5);
        let ru_en = &report.directions[1];
        assert_eq!((ru_en.src.language(), ru_en.tgt.language()), ("ru", "en"));
        assert_eq!((ru_en.phrases, ru_en.first_correct), (1, 1));
        assert_eq!(report.judgements[1].top[0].0, "White House");
    }
}

/// The evaluation on real data: the judged set against the ntrex-dev lines and the sample article.
/// `TMKIT_PHRASE_DATA` names the ntrex-dev folder (`../shared/data/ntrex-dev`; not part of the
/// repository). Run with `cargo test --lib phrase::eval::data -- --ignored --nocapture`.
#[cfg(test)]
mod data {
    use super::*;
    use std::path::Path;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// The sample article's units for `en`-`tgt`, one per gold bead.
    fn sample_units(tgt: &str) -> Vec<(String, String)> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/2024-07-03-aliyev-xi-astana");
        let en: Vec<String> = read(&dir.join("en.sents.txt"))
            .lines()
            .map(str::to_owned)
            .collect();
        let other: Vec<String> = read(&dir.join(format!("{tgt}.sents.txt")))
            .lines()
            .map(str::to_owned)
            .collect();
        let join = if tgt == "zh" { "" } else { " " };
        let side = |list: &str, lines: &[String]| -> String {
            let list = list.trim().trim_start_matches('[').trim_end_matches(']');
            let picked: Vec<&str> = list
                .split(',')
                .filter(|x| !x.trim().is_empty())
                .map(|x| lines[x.trim().parse::<usize>().expect("a line number")].as_str())
                .collect();
            picked.join(join)
        };
        read(&dir.join(format!("gold.en-{tgt}.beads")))
            .lines()
            .filter_map(|bead| bead.split_once(':'))
            .map(|(s, t)| (side(s, &en), side(t, &other)))
            .collect()
    }

    pub(super) fn corpora(ntrex: &Path) -> Vec<Corpus> {
        ["az", "ru", "zh"]
            .iter()
            .map(|tgt| {
                let dir = ntrex.join(format!("en-{tgt}"));
                let en = read(&dir.join("all.en"));
                let other = read(&dir.join(format!("all.{tgt}")));
                let mut pairs: Vec<(String, String)> = en
                    .lines()
                    .zip(other.lines())
                    .map(|(a, b)| (a.to_owned(), b.to_owned()))
                    .collect();
                pairs.extend(sample_units(tgt));
                Corpus {
                    src: Lang::parse("en").expect("tag"),
                    tgt: Lang::parse(tgt).expect("tag"),
                    pairs,
                }
            })
            .collect()
    }

    #[test]
    #[ignore = "needs TMKIT_PHRASE_DATA, the ntrex-dev folder"]
    fn judged_set_on_ntrex_dev_and_samples() {
        let data = std::env::var_os("TMKIT_PHRASE_DATA")
            .expect("TMKIT_PHRASE_DATA names the ntrex-dev folder");
        let corpora = corpora(Path::new(&data));
        assert_eq!(corpora[0].pairs.len(), 1007 + 65);
        let judged = parse_judged(include_str!("../../tests/fixtures/phrases/judged.tsv"))
            .expect("the fixture parses");
        let report = evaluate(&judged, &corpora, &TrainOptions::default());
        for (item, j) in judged.iter().zip(&report.judgements) {
            let mark = if j.first_correct {
                "ok "
            } else if j.top3_correct {
                "top3"
            } else {
                "MISS"
            };
            eprintln!(
                "{} {mark} {}-{} {:?} -> {:?}",
                j.id,
                item.src.language(),
                item.tgt.language(),
                item.phrase,
                j.top
            );
        }
        eprintln!("direction  phrases  first  top-3  unanswered");
        for d in &report.directions {
            eprintln!(
                "{}-{}  {:>7}  {:>5.1}%  {:>5.1}%  {:>10}",
                d.src.language(),
                d.tgt.language(),
                d.phrases,
                100.0 * d.first(),
                100.0 * d.top3(),
                d.unanswered
            );
        }
        assert_eq!(report.judgements.len(), 153);
    }
}
