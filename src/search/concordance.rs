//! Concordance: the units whose text in one language contains a phrase, and how the phrase was
//! translated.
//!
//! **Finding the phrase.** The phrase is always a literal: it is cut into words like stored text
//! for phrase work ([`phrase::Tokenizer`]), so quotes, `*`, `NEAR`, `AND` or `-` are never query
//! syntax. A unit contains the phrase when its words have the phrase's words in sequence, compared
//! by *stem* (so стратегическое партнерство finds стратегического партнерства, and Azerbaijani
//! case and possessive suffixes are found the same way) or, with [`ConcordanceOptions::exact`], by
//! *key*. Keys and stems are folded (case with Azerbaijani i, `ё` as `е`, apostrophe and dash
//! variants, English possessive `'s`/`’s`), so *Azerbaijan's* finds *Azerbaijan’s* and
//! *Баку-Тбилиси-Карс* the en-dash spelling, in both modes. Hyphenated compounds are one word:
//! *министр* does not find *премьер-министр*.
//!
//! Candidates come from the match index: for each content word of the phrase, the variants that
//! hold one of its written forms (the form typed, and the forms of its stem recorded when the
//! memory's phrase models were trained, `tm::lexicon`); the candidates are those holding a form of
//! every content word (and, while more than [`NARROW_ABOVE`] remain, of each function word), each
//! then checked for the words in sequence.
//!
//! **Renderings.** For each other language, the phrase's renderings come from the memory's
//! word-alignment model of the pair ([`phrase::renderings`]): the target spans that form a
//! consistent phrase pair with the phrase, or split the unit best around it, in the first
//! [`LEARN_UNITS`] matching units, grouped by
//! inflection and shown in their most frequent form, ranked by the number of units that support
//! them ("12 of 15 units with ru"); never a lone function word or number, never a span cut inside
//! a word. A language without a stored model has no renderings. The best [`RENDERINGS`] per
//! language are kept; once the phrase is in three units or more, a rendering that only one of them
//! supports is left out unless none has more support. Each hit marks, in each other language, where the best rendering found in
//! that unit is ([`ConcordanceHit::rendered`]).
//!
//! With [`ConcordanceOptions::to`], only units that have text in that language are counted and
//! shown.
//!
//! **Counting.** Candidates are checked in variant-id order until the units of the page and of the
//! renderings are found, and one more; a phrase in many units is not read to its end. The count is
//! then `N+` with an [`Estimate`]: the share of the candidates checked that held the phrase, times all
//! candidates (the first candidates are the sample, so the same memory gives the same estimate). At
//! most [`MAX_CHECKED`] candidates are checked, which bounds the time of a phrase whose words are
//! common but seldom side by side; its count is estimated the same way.
//!
//! A search only reads: it works on a memory opened with [`Memory::open_read_only`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use crate::fuzzy::token::{Kind, tokenize_words};
use crate::lang::Lang;
use crate::phrase::{self, RenderingOptions, Tokenizer, Word, WordKind};
use crate::tm::{Error, Memory};

/// Candidates checked at most: variants holding every word of the phrase but not in sequence ("year
/// president") can be tens of thousands on a large memory, and each costs reading and cutting its text
/// into words (about 5 µs: 20,000 of them were the 100–170 ms tail of concordance on a 1M-unit memory).
/// Past them the count is an [`Estimate`].
pub const MAX_CHECKED: usize = 5_000;
/// Candidates above which the function words of a phrase narrow them too (they are read from the
/// index after its content words): *said on* has 113,000 candidates holding *said* on a 1M-unit
/// memory, of which 5,000 were checked (about 50 ms) to find 76 units, where the list of *on* leaves
/// a few thousand. Below this, checking the candidates costs less than reading a function word's long
/// list.
pub const NARROW_ABOVE: usize = 1_000;
/// Matching units whose other languages give the phrase's renderings: the first found (a
/// deterministic sample of a common phrase's units, which the output names: "from the first 100
/// of about 5,108 units"). Units are read until these and the page are found, and one more (which
/// says that there are more); the rest are counted by an [`Estimate`]. Word-aligning them was two
/// thirds of a concordance's work on a 1M-unit memory: 100 halve it where 200 did. Of 92 two-word
/// phrases with renderings there, 79 keep the first rendering that 200 units gave (and 85 keep it
/// in their first three); the others were phrases of function words (*he was*, *for a*), whose
/// renderings are noise either way, or another form of the same word (*dünya* for *dünyanın*).
pub const LEARN_UNITS: usize = 100;
/// Renderings kept per language.
pub const RENDERINGS: usize = 3;

/// How to search.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConcordanceOptions {
    /// Only units with text in this language, and only it shown (all other languages by default).
    pub to: Option<Lang>,
    /// Most hits returned.
    pub limit: usize,
    /// Compare words by their folded keys, not their stems: other inflected forms are not found.
    pub exact: bool,
}

/// Characters of context shown on each side of the phrase in a hit: a concordance line is read by a
/// person, and a unit of megabytes must not be printed whole (issue #16, item 7).
pub const CONTEXT_CHARS: usize = 300;

/// `text` cut to [`CONTEXT_CHARS`] before the first highlight and after its end (the first
/// `2 × CONTEXT_CHARS` without highlights), `…` marking each cut; the highlights inside, moved with it.
fn window(text: &str, highlights: &[Range<usize>]) -> (String, Vec<Range<usize>>) {
    let first = highlights.first().cloned().unwrap_or(0..0);
    let back = |at: usize| {
        text[..at]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i)
    };
    let ahead = |at: usize, n: usize| {
        text[at..]
            .char_indices()
            .nth(n)
            .map_or(text.len(), |(i, _)| at + i)
    };
    let start = back(first.start);
    let end = ahead(
        first.end,
        if highlights.is_empty() {
            2 * CONTEXT_CHARS
        } else {
            CONTEXT_CHARS
        },
    );
    if start == 0 && end == text.len() {
        return (text.to_string(), highlights.to_vec());
    }
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < text.len() { "…" } else { "" };
    let shift = |at: usize| at - start + lead.len();
    let kept = highlights
        .iter()
        .filter(|r| r.start >= start && r.end <= end)
        .map(|r| shift(r.start)..shift(r.end))
        .collect();
    (format!("{lead}{}{tail}", &text[start..end]), kept)
}

/// A variant of a unit that contains the phrase.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct ConcordanceHit {
    /// The unit.
    pub unit: i64,
    /// The text in the searched language, cut to [`CONTEXT_CHARS`] around the phrase (`…` where cut).
    pub text: String,
    /// Byte ranges of the phrase in `text`.
    pub highlights: Vec<Range<usize>>,
    /// The unit's other languages: (tag, text), each cut to its first `2 ×` [`CONTEXT_CHARS`].
    pub others: Vec<(String, String)>,
    /// Where the phrase's rendering is in the other languages' texts: (tag, byte range in that
    /// language's text of `others`), for the languages where one was found.
    pub rendered: Vec<(String, Range<usize>)>,
    /// The unit's review status as stored: `ok` or `needs-review`.
    pub status: String,
    /// Whether a reviewer approved the unit.
    pub approved: bool,
    /// The unit's alignment confidence (aligned units only).
    pub confidence: Option<f32>,
}

impl Concordance {
    /// Which units the renderings come from, when not from every unit found: "from the first 100
    /// of about 5108 units".
    pub fn sample_note(&self) -> Option<String> {
        match self.estimated {
            Some(e) if self.learned < e.units => Some(format!(
                "from the first {} of about {} units",
                self.learned, e.units
            )),
            _ if self.learned < self.total => Some(format!(
                "from the first {} of {} units",
                self.learned, self.total
            )),
            _ => None,
        }
    }
}

impl ConcordanceHit {
    /// Byte ranges of the phrase's rendering in the text of `tag` in [`others`](Self::others) (empty
    /// where none was found).
    pub fn rendered_in(&self, tag: &str) -> Vec<Range<usize>> {
        self.rendered
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, r)| r.clone())
            .collect()
    }
}

/// One written form of a rendering and how many units use it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct RenderingForm {
    /// The form as written.
    pub text: String,
    /// Units that use it.
    pub count: usize,
}

/// A translation of the phrase found in the memory.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rendering {
    /// The language.
    pub lang: String,
    /// The rendering in its most frequent form.
    pub text: String,
    /// Units in which it renders the phrase (any of its forms).
    pub count: usize,
    /// Units with the phrase and text in this language, among those the renderings come from
    /// ("`count` of `total`").
    pub total: usize,
    /// Its written forms, most frequent first.
    pub forms: Vec<RenderingForm>,
}

/// How many units contain the phrase in all, estimated when the search stopped before checking every
/// candidate: the share of the candidates checked that hold the phrase, times all candidates.
///
/// The candidates checked are the first by variant id (a deterministic sample: the same memory gives
/// the same estimate), so a phrase that became common only in the newest units is underestimated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Estimate {
    /// About how many units contain the phrase (never fewer than were found).
    pub units: usize,
    /// Candidates checked.
    pub checked: usize,
    /// Candidates in all: the variants that hold every content word of the phrase.
    pub candidates: usize,
}

/// The answer of a concordance search.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Concordance {
    /// Units found containing the phrase: all of them, or, when `truncated`, those read before the
    /// search had the page and the [`LEARN_UNITS`] units of the renderings, and one more.
    pub total: usize,
    /// Whether more units than `total` may contain it: not every candidate was checked.
    pub truncated: bool,
    /// When `truncated`, about how many units contain the phrase (left out of the JSON otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub estimated: Option<Estimate>,
    /// The first matching units, by unit id.
    pub hits: Vec<ConcordanceHit>,
    /// The phrase's renderings, best first per language, languages by tag.
    pub translations: Vec<Rendering>,
    /// Units the renderings come from: the first [`LEARN_UNITS`] found (fewer when `total` is).
    pub learned: usize,
}

/// Searches the `lang` variants for `phrase` by stem, returning up to `limit` hits with the unit's
/// other languages (only `to` when given) and the phrase's renderings. See
/// [`concordance_with`].
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`], [`Error::PhraseModel`].
pub fn concordance(
    memory: &Memory,
    phrase: &str,
    lang: &Lang,
    to: Option<&Lang>,
    limit: usize,
) -> Result<Concordance, Error> {
    let options = ConcordanceOptions {
        to: to.cloned(),
        limit,
        exact: false,
    };
    concordance_with(memory, phrase, lang, &options)
}

/// Searches the `lang` variants for `phrase` (see the module docs).
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`], [`Error::PhraseModel`].
pub fn concordance_with(
    memory: &Memory,
    phrase: &str,
    lang: &Lang,
    options: &ConcordanceOptions,
) -> Result<Concordance, Error> {
    let tok = Tokenizer::new(lang);
    let words = tok.words(phrase);
    if words.is_empty() {
        return Ok(Concordance {
            total: 0,
            truncated: false,
            estimated: None,
            hits: Vec::new(),
            translations: Vec::new(),
            learned: 0,
        });
    }
    let query = Query {
        phrase,
        lang,
        tok: &tok,
        words: &words,
        exact: options.exact,
        stems: RefCell::new(HashMap::new()),
    };
    // One read transaction: SQLite takes its file lock once, not once per statement.
    memory.read(|memory| search(memory, &query, options))
}

/// A phrase to search, cut into words.
struct Query<'a> {
    phrase: &'a str,
    lang: &'a Lang,
    tok: &'a Tokenizer,
    words: &'a [Word],
    exact: bool,
    /// The stems of the keys met so far: the candidates of a phrase share most of their words, and
    /// stemming each word of each candidate anew was most of a check's work.
    stems: RefCell<HashMap<String, String>>,
}

impl Query<'_> {
    /// What a word is compared by: its key when exact, else its stem.
    fn compared(&self, key: &str) -> String {
        if self.exact {
            return key.to_owned();
        }
        self.remember_stems([key]);
        self.stems
            .borrow()
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_owned())
    }

    /// Stems the keys not met before, into [`Query::stems`].
    fn remember_stems<'k>(&self, keys: impl IntoIterator<Item = &'k str>) {
        let mut stems = self.stems.borrow_mut();
        for key in keys {
            if !stems.contains_key(key) {
                stems.insert(key.to_owned(), self.tok.stem(key));
            }
        }
    }

    /// The byte ranges of `text` where the phrase's words occur in sequence.
    fn find(&self, wanted: &[String], text: &str) -> Vec<Range<usize>> {
        let words = self.tok.words(text);
        let n = wanted.len();
        let mut out = Vec::new();
        if words.len() < n {
            return out;
        }
        if !self.exact {
            self.remember_stems(words.iter().map(|w| w.key.as_str()));
        }
        let stems = self.stems.borrow();
        let compared: Vec<&str> = words
            .iter()
            .map(|w| {
                if self.exact {
                    w.key.as_str()
                } else {
                    stems.get(&w.key).map_or(w.key.as_str(), String::as_str)
                }
            })
            .collect();
        let mut i = 0;
        while i + n <= words.len() {
            if compared[i..i + n].iter().zip(wanted).all(|(c, w)| c == w) {
                out.push(words[i].bytes.start..words[i + n - 1].bytes.end);
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// The variants that may contain the phrase: for each content word (every word when the phrase
    /// has none), those holding one of its written forms, and while more than [`NARROW_ABOVE`]
    /// remain, those holding a form of each function word too; ascending ids.
    fn candidates(&self, memory: &Memory) -> Result<Vec<i64>, Error> {
        let (content, function): (Vec<&Word>, Vec<&Word>) = self
            .words
            .iter()
            .partition(|w| w.kind != WordKind::Word || !self.tok.is_function_word(&w.key));
        // Words that must narrow the candidates, then words that narrow them only while many
        // remain (a function word's list is long: reading it costs more than checking a few
        // candidates).
        let (always, narrowing) = if content.is_empty() {
            (function, Vec::new())
        } else {
            (content, function)
        };
        let mut result: Option<Vec<i64>> = None;
        for (word, is_narrowing) in always
            .into_iter()
            .map(|w| (w, false))
            .chain(narrowing.into_iter().map(|w| (w, true)))
        {
            if is_narrowing && result.as_ref().is_some_and(|r| r.len() <= NARROW_ABOVE) {
                break;
            }
            let typed = self.phrase.get(word.bytes.clone()).unwrap_or("");
            let mut forms = vec![self.lang.fold(typed)];
            if word.key != forms[0] {
                forms.push(word.key.clone());
            }
            if word.kind == WordKind::Word {
                for form in memory.phrase_forms(self.lang, &self.tok.stem(&word.key))? {
                    let same = if self.exact {
                        self.tok.key(&form) == word.key
                    } else {
                        true
                    };
                    if same && !forms.contains(&form) {
                        forms.push(form);
                    }
                }
            }
            let mut found: Vec<i64> = Vec::new();
            for form in &forms {
                let tokens = tokenize_words(form, self.lang);
                let keys: Vec<&str> = tokens
                    .iter()
                    .filter(|t| t.kind != Kind::Punct)
                    .map(|t| t.key.as_str())
                    .collect();
                if !keys.is_empty() {
                    found.extend(memory.variants_containing(self.lang, &keys)?);
                }
            }
            found.sort_unstable();
            found.dedup();
            let next = match result {
                None => found,
                Some(prev) => prev
                    .into_iter()
                    .filter(|v| found.binary_search(v).is_ok())
                    .collect(),
            };
            let empty = next.is_empty();
            result = Some(next);
            if empty {
                break;
            }
        }
        Ok(result.unwrap_or_default())
    }
}

/// The units of one other language that the renderings come from: (hit index, phrase-language
/// text, text).
type Learning = Vec<(usize, String, String)>;

/// The renderings of one language that are shown: the best [`RENDERINGS`]; once three units or
/// more have the phrase, a rendering only one unit supports is left out when another has more
/// support (it is noise beside that one), and kept when none has (it is the best there is).
fn kept(found: Vec<phrase::Rendering>) -> Vec<phrase::Rendering> {
    let best_support = found.iter().map(|r| r.support).max().unwrap_or(0);
    found
        .into_iter()
        .filter(|r| r.total < 3 || r.support >= 2 || best_support < 2)
        .take(RENDERINGS)
        .collect()
}

/// The search itself, inside the read transaction of [`concordance_with`].
fn search(
    memory: &Memory,
    query: &Query<'_>,
    options: &ConcordanceOptions,
) -> Result<Concordance, Error> {
    let mut result = Concordance {
        total: 0,
        truncated: false,
        estimated: None,
        hits: Vec::new(),
        translations: Vec::new(),
        learned: 0,
    };
    let wanted: Vec<String> = query.words.iter().map(|w| query.compared(&w.key)).collect();
    let to = options.to.as_ref();
    let mut learning: HashMap<String, Learning> = HashMap::new();
    let mut units_seen: std::collections::HashSet<i64> = std::collections::HashSet::new();
    let mut learned = 0;
    let candidates = query.candidates(memory)?;
    // The units of the page and of the renderings, and one more: it says that there are more.
    let enough = options.limit.max(LEARN_UNITS).saturating_add(1);
    let mut checked = 0;
    for &variant in &candidates {
        if result.total >= enough || checked >= MAX_CHECKED {
            result.truncated = true;
            break;
        }
        checked += 1;
        let Some((unit, text)) = memory.variant_text(variant, query.lang)? else {
            continue;
        };
        if units_seen.contains(&unit) {
            continue;
        }
        let highlights = query.find(&wanted, &text);
        if highlights.is_empty() {
            continue;
        }
        let is_learning = learned < LEARN_UNITS;
        let needs_others = is_learning || result.hits.len() < options.limit;
        let others = if needs_others {
            memory.other_variants(unit, query.lang, to)?
        } else {
            Vec::new()
        };
        // A unit only counted needs no text of its other languages: with `to`, whether it has one.
        let lacks_to = match to {
            Some(_) if needs_others => others.is_empty(),
            Some(to) => {
                to.as_str() == query.lang.as_str() || memory.unit_target(unit, to)?.is_none()
            }
            None => false,
        };
        if lacks_to {
            continue;
        }
        units_seen.insert(unit);
        result.total += 1;
        if is_learning {
            for (tag, other) in &others {
                learning.entry(tag.clone()).or_default().push((
                    learned,
                    text.clone(),
                    other.clone(),
                ));
            }
            learned += 1;
        }
        if result.hits.len() < options.limit {
            let (status, approved, confidence) = memory.unit_state(unit)?;
            let (text, highlights) = window(&text, &highlights);
            let others = others
                .into_iter()
                .map(|(tag, other)| (tag, window(&other, &[]).0))
                .collect();
            result.hits.push(ConcordanceHit {
                unit,
                text,
                highlights,
                others,
                rendered: Vec::new(),
                status,
                approved,
                confidence,
            });
        }
    }
    result.learned = learned;
    if result.truncated {
        let share = result.total as f64 / checked.max(1) as f64;
        result.estimated = Some(Estimate {
            units: ((share * candidates.len() as f64).round() as usize).max(result.total),
            checked,
            candidates: candidates.len(),
        });
    }
    let mut tags: Vec<String> = learning.keys().cloned().collect();
    tags.sort();
    for tag in tags {
        let Ok(other) = Lang::parse(&tag) else {
            continue;
        };
        let Some(model) = memory.phrase_model(query.lang, &other)? else {
            continue;
        };
        let units = &learning[&tag];
        let found = phrase::renderings(
            &model,
            query.phrase,
            units.iter().map(|(_, s, t)| (s.as_str(), t.as_str())),
            &RenderingOptions {
                exact: query.exact,
                ..RenderingOptions::default()
            },
        );
        // Each hit marks the best rendering found in it.
        for r in &found {
            for occurrence in &r.occurrences {
                let Some(&(hit, _, _)) = units.get(occurrence.unit) else {
                    continue;
                };
                if let Some(hit) = result.hits.get_mut(hit)
                    && !hit.rendered.iter().any(|(t, _)| *t == tag)
                {
                    hit.rendered.push((tag.clone(), occurrence.bytes.clone()));
                }
            }
        }
        result.translations.extend(kept(found).into_iter().map(|r| {
            Rendering {
                lang: tag.clone(),
                text: r.text,
                count: r.support,
                total: r.total,
                forms: r
                    .forms
                    .into_iter()
                    .map(|f| RenderingForm {
                        text: f.text,
                        count: f.count,
                    })
                    .collect(),
            }
        }));
    }
    for hit in &mut result.hits {
        hit.rendered.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    /// One manual unit per row, a variant per (language, text).
    fn store<const N: usize>(memory: &mut Memory, rows: &[[(&str, &str); N]]) {
        let units: Vec<NewUnit> = rows
            .iter()
            .map(|row| {
                let variants = row
                    .iter()
                    .filter(|(_, text)| !text.is_empty())
                    .map(|(tag, text)| NewVariant::new(lang(tag), *text));
                NewUnit::new(Origin::Manual, variants.collect())
            })
            .collect();
        memory.insert_units(&units, 0).expect("insert");
    }

    /// Trains and stores the `src`–`tgt` model on `rows` and records the written forms of both
    /// sides, as `Memory::train_phrase_models` does.
    fn train(memory: &mut Memory, src: &str, tgt: &str, rows: &[[(&str, &str); 2]]) {
        let (s, t) = (lang(src), lang(tgt));
        let pairs: Vec<(&str, &str)> = rows.iter().map(|r| (r[0].1, r[1].1)).collect();
        let model = phrase::Model::train(pairs.iter().copied(), &s, &t);
        memory
            .save_phrase_model(&model, pairs.len() as u64)
            .expect("save");
        for (l, side) in [(&s, 0), (&t, 1)] {
            let tok = Tokenizer::new(l);
            let mut forms = Vec::new();
            for p in &pairs {
                let text = if side == 0 { p.0 } else { p.1 };
                for w in tok.words(text) {
                    forms.push((tok.stem(&w.key), l.fold(&text[w.bytes.clone()])));
                }
            }
            memory.add_phrase_forms(l, &forms).expect("forms");
        }
    }

    const EN_AZ: [[(&str, &str); 2]; 5] = [
        [
            ("en", "The strategic partnership grows."),
            ("az", "Strateji tərəfdaşlıq böyüyür."),
        ],
        [
            ("en", "A new strategic partnership."),
            ("az", "Yeni strateji tərəfdaşlıq."),
        ],
        [
            ("en", "Strategic Partnership with China"),
            ("az", "Çinlə strateji tərəfdaşlıq"),
        ],
        [
            ("en", "Partnership that is strategic."),
            ("az", "Strateji olan tərəfdaşlıq."),
        ],
        [("en", "He said \"NOT\" AND -left*."), ("az", "O dedi.")],
    ];

    /// Units that teach the model the words of the phrase apart.
    const EN_AZ_MORE: [[(&str, &str); 2]; 6] = [
        [
            ("en", "The partnership grows."),
            ("az", "Tərəfdaşlıq böyüyür."),
        ],
        [("en", "A strategic goal."), ("az", "Strateji məqsəd.")],
        [("en", "China grows."), ("az", "Çin böyüyür.")],
        [("en", "A new goal."), ("az", "Yeni məqsəd.")],
        [("en", "The new partnership."), ("az", "Yeni tərəfdaşlıq.")],
        [
            ("en", "A strategic partnership."),
            ("az", "Strateji tərəfdaşlıq."),
        ],
    ];

    fn rendering(text: &str, support: usize, total: usize) -> phrase::Rendering {
        phrase::Rendering {
            text: text.to_owned(),
            forms: vec![phrase::Form {
                text: text.to_owned(),
                count: support,
            }],
            support,
            total,
            occurrences: Vec::new(),
        }
    }

    #[test]
    fn a_rendering_of_one_unit_is_shown_only_when_none_has_more() {
        let texts = |found: Vec<phrase::Rendering>| -> Vec<String> {
            kept(found).into_iter().map(|r| r.text).collect()
        };
        let found = vec![
            rendering("Белый дом", 3, 4),
            rendering("Белого дома", 1, 4),
            rendering("дом", 1, 4),
        ];
        assert_eq!(texts(found), ["Белый дом"]);
        let found = vec![
            rendering("Белый дом", 1, 4),
            rendering("Белого дома", 1, 4),
            rendering("дом", 1, 4),
            rendering("дома", 1, 4),
        ];
        assert_eq!(texts(found), ["Белый дом", "Белого дома", "дом"]);
        let found = vec![rendering("Белый дом", 2, 2), rendering("дом", 1, 2)];
        assert_eq!(texts(found), ["Белый дом", "дом"]);
    }

    fn memory() -> Memory {
        let mut memory = Memory::open_in_memory().expect("memory");
        store(&mut memory, &EN_AZ);
        memory
    }

    #[test]
    fn a_hit_in_a_long_text_shows_a_window_around_the_phrase() {
        // Issue #16, item 7: a concordance printed a 140 MB unit whole.
        let before = "ə".repeat(1_000);
        let after = "x ".repeat(1_000);
        let text = format!("{before} strategic partnership {after} strategic partnership");
        let at = text.find("strategic").expect("phrase");
        let highlights = vec![at..at + 21, text.len() - 21..text.len()];
        let (shown, kept) = window(&text, &highlights);
        assert_eq!(
            shown.chars().count(),
            2 + CONTEXT_CHARS + 21 + CONTEXT_CHARS
        );
        assert!(
            shown.starts_with("…əə") && shown.ends_with(" x…"),
            "{shown}"
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(&shown[kept[0].clone()], "strategic partnership");
        let (other, _) = window(&after, &[]);
        assert_eq!(other.chars().count(), 2 * CONTEXT_CHARS + 1);
        // A sentence of ordinary length is shown as it is.
        let short = "The sides discussed strategic partnership.";
        let phrase = 20..41;
        let highlights = std::slice::from_ref(&phrase);
        assert_eq!(
            window(short, highlights),
            (short.to_string(), highlights.to_vec())
        );
    }

    #[test]
    fn a_phrase_is_found_case_insensitively_and_highlighted() {
        let found =
            concordance(&memory(), "strategic partnership", &lang("en"), None, 10).expect("search");
        assert_eq!(found.total, 3);
        let first = &found.hits[0];
        assert_eq!(
            &first.text[first.highlights[0].clone()],
            "strategic partnership"
        );
        assert_eq!(
            found.hits[2].others,
            [(
                "az-Latn".to_string(),
                "Çinlə strateji tərəfdaşlıq".to_string()
            )]
        );
        // Without a stored model there are no renderings.
        assert!(found.translations.is_empty());
    }

    #[test]
    fn a_word_inside_a_date_is_found() {
        let mut memory = Memory::open_in_memory().expect("memory");
        store(
            &mut memory,
            &[[
                ("en", "Astana, July 3, AZERTAC"),
                ("az", "Astana, 3 iyul, AZƏRTAC"),
            ]],
        );
        for phrase in ["July", "July 3", "3"] {
            let found = concordance(&memory, phrase, &lang("en"), None, 10).expect("search");
            assert_eq!(found.total, 1, "{phrase}");
        }
        let found = concordance(&memory, "iyul", &lang("az"), None, 10).expect("search");
        assert_eq!(found.total, 1);
    }

    #[test]
    fn renderings_come_from_the_stored_model_with_their_support_and_marks() {
        let mut memory = memory();
        let rows = [&EN_AZ[..], &EN_AZ_MORE[..]].concat();
        train(&mut memory, "en", "az", &rows);
        let found =
            concordance(&memory, "strategic partnership", &lang("en"), None, 10).expect("search");
        let top = &found.translations[0];
        assert_eq!(top.lang, "az-Latn");
        // Case variants are one form, shown as first written.
        assert_eq!(top.text, "Strateji tərəfdaşlıq");
        assert_eq!((top.count, top.total), (3, 3));
        assert_eq!(top.forms.len(), 1);
        for hit in &found.hits {
            let (tag, range) = &hit.rendered[0];
            assert_eq!(tag, "az-Latn");
            let text = &hit.others[0].1;
            assert_eq!(
                lang("az").fold(&text[range.clone()]),
                "strateji tərəfdaşlıq"
            );
        }
    }

    #[test]
    fn to_counts_and_shows_only_units_with_that_language() {
        let mut memory = Memory::open_in_memory().expect("memory");
        store(
            &mut memory,
            &[
                [
                    ("en", "The White House said."),
                    ("ru", "Белый дом заявил."),
                    ("az", "Ağ Ev bildirdi."),
                ],
                [
                    ("en", "The White House spoke."),
                    ("ru", ""),
                    ("az", "Ağ Ev danışdı."),
                ],
            ],
        );
        let found = concordance(&memory, "White House", &lang("en"), Some(&lang("ru")), 10)
            .expect("search");
        assert_eq!(found.total, 1);
        assert_eq!(
            found.hits[0].others,
            [("ru".to_string(), "Белый дом заявил.".to_string())]
        );
        let all = concordance(&memory, "White House", &lang("en"), None, 10).expect("search");
        assert_eq!(all.total, 2);
    }

    #[test]
    fn units_counted_beyond_the_page_and_the_learning_ones_still_need_the_to_language() {
        // Past the LEARN_UNITS units the renderings come from and the page shown, a unit is only
        // counted: whether it has the `to` language is asked of the memory without reading its texts.
        let mut memory = Memory::open_in_memory().expect("memory");
        // Numbered: identical units would merge. One in four has no Russian.
        let texts: Vec<String> = (0..300)
            .map(|i| format!("The White House said {i}."))
            .collect();
        let rows: Vec<[(&str, &str); 2]> = texts
            .iter()
            .enumerate()
            .map(|(i, en)| {
                let ru = if i % 4 == 3 {
                    ""
                } else {
                    "Белый дом заявил."
                };
                [("en", en.as_str()), ("ru", ru)]
            })
            .collect();
        store(&mut memory, &rows);
        let (en, ru) = (lang("en"), lang("ru"));
        let with_ru = rows.iter().filter(|r| !r[1].1.is_empty()).count();
        assert_eq!(with_ru, 225);
        // The search stops at the 101st unit with Russian (the 134th candidate: one in four has
        // none), which is only counted, and estimates the rest from the share of candidates that
        // had the phrase and Russian: 101 of 134, times 300 candidates (225 in truth).
        let found = concordance(&memory, "White House", &en, Some(&ru), 1).expect("search");
        assert_eq!((found.total, found.hits.len()), (LEARN_UNITS + 1, 1));
        assert!(found.truncated);
        let estimate = Estimate {
            units: 226,
            checked: 134,
            candidates: 300,
        };
        assert_eq!(found.estimated, Some(estimate));
        // The renderings came from the first 100 units, and the answer says so.
        assert_eq!(found.learned, LEARN_UNITS);
        assert_eq!(
            found.sample_note().as_deref(),
            Some("from the first 100 of about 226 units")
        );
        let found = concordance(&memory, "White House", &en, None, 1).expect("search");
        assert_eq!(found.total, LEARN_UNITS + 1);
        let estimate = Estimate {
            units: 300,
            checked: 101,
            candidates: 300,
        };
        assert_eq!(found.estimated, Some(estimate));
        // A page past the renderings' units is read whole, and exact when every candidate was.
        let found = concordance(&memory, "White House", &en, None, 300).expect("search");
        assert_eq!(
            (found.total, found.truncated, found.estimated),
            (300, false, None)
        );
        assert_eq!(
            found.sample_note().as_deref(),
            Some("from the first 100 of 300 units")
        );
        // Asking for the phrase's own language as `to` finds no unit, as before.
        let found = concordance(&memory, "White House", &en, Some(&en), 1).expect("search");
        assert_eq!(found.total, 0);
    }

    #[test]
    fn at_most_max_checked_candidates_are_checked_and_the_rest_estimated() {
        // Words common but seldom side by side: every unit is a candidate, two hold the phrase, one
        // of them past the candidates checked.
        let mut memory = Memory::open_in_memory().expect("memory");
        let texts: Vec<String> = (0..MAX_CHECKED + 100)
            .map(|i| match i {
                10 | 5_050 => format!("The White House said {i}."),
                _ => format!("The house {i} is white."),
            })
            .collect();
        let rows: Vec<[(&str, &str); 1]> = texts.iter().map(|t| [("en", t.as_str())]).collect();
        store(&mut memory, &rows);
        let found = concordance(&memory, "White House", &lang("en"), None, 20).expect("search");
        assert_eq!((found.total, found.truncated), (1, true));
        assert_eq!(found.hits[0].text, "The White House said 10.");
        let estimate = Estimate {
            units: 1,
            checked: MAX_CHECKED,
            candidates: MAX_CHECKED + 100,
        };
        assert_eq!(found.estimated, Some(estimate));
    }

    #[test]
    fn function_words_narrow_a_content_word_held_by_many_candidates() {
        // *said* is in every unit, *said on* in two, one of them past the MAX_CHECKED candidates
        // that hold *said*: the list of *on* leaves only those two to check.
        let mut memory = Memory::open_in_memory().expect("memory");
        let texts: Vec<String> = (0..MAX_CHECKED + 100)
            .map(|i| match i {
                10 | 5_050 => format!("He said on day {i}."),
                _ => format!("He said it {i} times."),
            })
            .collect();
        let rows: Vec<[(&str, &str); 1]> = texts.iter().map(|t| [("en", t.as_str())]).collect();
        store(&mut memory, &rows);
        let found = concordance(&memory, "said on", &lang("en"), None, 20).expect("search");
        assert_eq!(
            (found.total, found.truncated, found.estimated),
            (2, false, None)
        );
        assert_eq!(found.hits[1].text, "He said on day 5050.");
        assert_eq!((found.learned, found.sample_note()), (2, None));
        // Few candidates are not narrowed further: *on* is not read for a rare content word.
        let found = concordance(&memory, "day on", &lang("en"), None, 20).expect("search");
        assert_eq!(found.total, 0);
    }

    #[test]
    fn inflected_forms_are_found_unless_the_search_is_exact() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let rows = [
            [
                ("ru", "Стратегическое партнерство растет."),
                ("en", "The strategic partnership grows."),
            ],
            [
                ("ru", "Развитие стратегического партнерства."),
                ("en", "Development of the strategic partnership."),
            ],
        ];
        store(&mut memory, &rows);
        let ru = lang("ru");
        // Before any training only the form typed is looked up in the index.
        let found =
            concordance(&memory, "стратегическое партнерство", &ru, None, 10).expect("search");
        assert_eq!(found.total, 1);
        train(&mut memory, "ru", "en", &rows);
        let found =
            concordance(&memory, "стратегическое партнерство", &ru, None, 10).expect("search");
        assert_eq!(found.total, 2);
        assert_eq!(
            &found.hits[1].text[found.hits[1].highlights[0].clone()],
            "стратегического партнерства"
        );
        let exact = ConcordanceOptions {
            limit: 10,
            exact: true,
            ..ConcordanceOptions::default()
        };
        let found =
            concordance_with(&memory, "стратегическое партнерство", &ru, &exact).expect("search");
        assert_eq!(found.total, 1);
    }

    #[test]
    fn apostrophes_possessives_yo_and_dashes_are_folded() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let rows = [
            [
                ("en", "Azerbaijan’s exports to North Korea's ports."),
                (
                    "ru",
                    "Экспорт Азербайджана ещё растет по линии Баку–Тбилиси–Карс.",
                ),
            ],
            [
                ("en", "Azerbaijan's exports grew."),
                ("ru", "Экспорт еще вырос по линии Баку-Тбилиси-Карс."),
            ],
        ];
        store(&mut memory, &rows);
        train(&mut memory, "en", "ru", &rows);
        let (en, ru) = (lang("en"), lang("ru"));
        let exact = ConcordanceOptions {
            limit: 10,
            exact: true,
            ..ConcordanceOptions::default()
        };
        for (phrase, l, units) in [
            ("Azerbaijan's exports", &en, 2),
            ("North Korea", &en, 1),
            ("ещё", &ru, 2),
            ("еще", &ru, 2),
            ("Баку-Тбилиси-Карс", &ru, 2),
        ] {
            let found = concordance_with(&memory, phrase, l, &exact).expect("search");
            assert_eq!(found.total, units, "{phrase}");
        }
    }

    #[test]
    fn query_syntax_is_literal() {
        let m = memory();
        let found = concordance(&m, "\"NOT\" AND -left*", &lang("en"), None, 10).expect("search");
        assert_eq!(found.total, 1);
        assert_eq!(
            concordance(&m, "NOT strategic", &lang("en"), None, 10)
                .expect("search")
                .total,
            0
        );
    }

    #[test]
    fn a_concordance_needs_only_read_access() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("tm.db");
        let mut writer = Memory::open(&path).expect("memory");
        store(&mut writer, &EN_AZ);
        train(
            &mut writer,
            "en",
            "az",
            &[&EN_AZ[..], &EN_AZ_MORE[..]].concat(),
        );
        let reader = Memory::open_read_only(&path).expect("read-only");
        let found =
            concordance(&reader, "strategic partnership", &lang("en"), None, 10).expect("search");
        assert_eq!(found.total, 3);
        assert_eq!(found.translations[0].text, "Strateji tərəfdaşlıq");
    }

    #[test]
    fn azerbaijani_i_folding_applies() {
        let found =
            concordance(&memory(), "STRATEJİ TƏRƏFDAŞLIQ", &lang("az"), None, 10).expect("search");
        assert_eq!(found.total, 3);
    }
}
