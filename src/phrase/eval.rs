//! Judging phrase translations against a judged set (issue #12; the set and how it was made:
//! `tests/fixtures/phrases/README.md`).
//!
//! For every judged phrase, the renderings tmkit offers (best first, as concordance ranks them;
//! `tmkit eval phrases` asks a memory for them, `crate::eval::phrases`) are judged, and two
//! numbers are counted per direction: whether the first rendering is one of the accepted
//! translations (*first-rendering precision*, over all judged phrases: a phrase without any
//! rendering counts as wrong) and whether one of the first three is (*top-3 coverage*). A
//! rendering matches an accepted translation when both are equal after the language's case fold,
//! `ё` → `е`, apostrophe and dash variants folded and white space collapsed.
//!
//! Pure: the caller reads the judged set and finds the renderings.

use super::Error;
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
    /// Where the phrase was read (the `source` column, as written).
    pub source: String,
    /// Its 1-based line in the judged set.
    pub line: usize,
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
        let [id, direction, phrase, accepted, source] = columns[..] else {
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
            source: source.to_owned(),
            line: n + 1,
        });
    }
    Ok(out)
}

/// What tmkit answered for one judged phrase.
#[derive(Clone, Debug, PartialEq)]
pub struct Judgement {
    /// The judged phrase's id.
    pub id: String,
    /// Up to three renderings, best first, with the units that support each and the units with
    /// the phrase and the target language (`support of total`).
    pub top: Vec<(String, usize, usize)>,
    /// Whether the first rendering is accepted.
    pub first_correct: bool,
    /// Whether one of the first three is.
    pub top3_correct: bool,
}

/// Judges the renderings found for `item` (best first, as `(text, support, total)`).
pub fn judge(item: &JudgedPhrase, renderings: &[(String, usize, usize)]) -> Judgement {
    let ok = |r: &(String, usize, usize)| is_accepted(&r.0, &item.accepted, &item.tgt);
    Judgement {
        id: item.id.clone(),
        top: renderings.iter().take(3).cloned().collect(),
        first_correct: renderings.first().is_some_and(ok),
        top3_correct: renderings.iter().take(3).any(ok),
    }
}

/// The counts of a set of judgements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Judged phrases.
    pub phrases: usize,
    /// Phrases whose first rendering is accepted.
    pub first_correct: usize,
    /// Phrases with an accepted rendering among the first three.
    pub top3_correct: usize,
    /// Phrases without any rendering.
    pub unanswered: usize,
}

impl Tally {
    /// Counts one judgement.
    pub fn add(&mut self, judgement: &Judgement) {
        self.phrases += 1;
        self.first_correct += usize::from(judgement.first_correct);
        self.top3_correct += usize::from(judgement.top3_correct);
        self.unanswered += usize::from(judgement.top.is_empty());
    }

    /// First-rendering precision, `0.0..=1.0` (0 without phrases).
    pub fn first(&self) -> f32 {
        ratio(self.first_correct, self.phrases)
    }

    /// Top-3 coverage, `0.0..=1.0` (0 without phrases).
    pub fn top3(&self) -> f32 {
        ratio(self.top3_correct, self.phrases)
    }
}

/// The counts of one direction.
#[derive(Clone, Debug, PartialEq)]
pub struct DirectionScore {
    /// Phrase language.
    pub src: Lang,
    /// Translation language.
    pub tgt: Lang,
    /// Its counts.
    pub tally: Tally,
}

fn ratio(a: usize, b: usize) -> f32 {
    if b == 0 { 0.0 } else { a as f32 / b as f32 }
}

/// The counts per direction, directions in the order first met.
pub fn by_direction<'a>(
    judged: impl IntoIterator<Item = (&'a JudgedPhrase, &'a Judgement)>,
) -> Vec<DirectionScore> {
    let same = |a: &Lang, b: &Lang| a.language() == b.language();
    let mut out: Vec<DirectionScore> = Vec::new();
    for (item, judgement) in judged {
        let at = match out
            .iter()
            .position(|d| same(&d.src, &item.src) && same(&d.tgt, &item.tgt))
        {
            Some(at) => at,
            None => {
                out.push(DirectionScore {
                    src: item.src.clone(),
                    tgt: item.tgt.clone(),
                    tally: Tally::default(),
                });
                out.len() - 1
            }
        };
        out[at].tally.add(judgement);
    }
    out
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
    fn judgements_count_first_and_top3_per_direction() {
        let judged = parse_judged(
            "id\tdirection\tphrase\taccepted\tsource\n\
             p1\ten-ru\tWhite House\tБелый дом | Белого дома\ttoy\n\
             p2\tru-en\tБелый дом\tWhite House\ttoy\n\
             p3\ten-ru\tWhite House\tКремль\ttoy\n\
             p4\ten-ru\tprime minister\tпремьер-министр\ttoy\n",
        )
        .expect("parses");
        let found = |list: &[&str]| -> Vec<(String, usize, usize)> {
            list.iter().map(|t| ((*t).to_owned(), 2, 3)).collect()
        };
        let judgements = [
            judge(&judged[0], &found(&["белого дома", "дом"])),
            judge(&judged[1], &found(&["the", "White House"])),
            judge(&judged[2], &found(&["Белый дом", "a", "b", "Кремль"])),
            judge(&judged[3], &[]),
        ];
        assert!(judgements[0].first_correct && judgements[0].top3_correct);
        assert!(!judgements[1].first_correct && judgements[1].top3_correct);
        // Only the first three count.
        assert!(!judgements[2].top3_correct);
        assert_eq!(judgements[2].top.len(), 3);
        let scores = by_direction(judged.iter().zip(&judgements));
        assert_eq!(scores.len(), 2);
        assert_eq!(
            (scores[0].src.language(), scores[0].tgt.language()),
            ("en", "ru")
        );
        assert_eq!(
            scores[0].tally,
            Tally {
                phrases: 3,
                first_correct: 1,
                top3_correct: 1,
                unanswered: 1
            }
        );
        assert_eq!(scores[0].tally.first(), 1.0 / 3.0);
        assert_eq!(
            (scores[1].tally.phrases, scores[1].tally.top3_correct),
            (1, 1)
        );
        assert_eq!(scores[1].tally.first(), 0.0);
        assert_eq!(judged[3].line, 5);
        assert_eq!(judged[3].source, "toy");
    }
}
