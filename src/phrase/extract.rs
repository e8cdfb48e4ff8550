//! Renderings of a phrase: the target spans that form consistent phrase pairs with its
//! occurrences (Koehn, Och & Marcu 2003), counted over units and grouped by inflection.
//!
//! For each unit whose source side contains the phrase (its words' stems in a row, or its keys
//! with [`RenderingOptions::exact`]) and whose target side is not empty:
//!
//! - the unit's words are linked ([`Model::align`](super::Model::align));
//! - the *tight* span is the smallest target span holding every target word linked to the phrase;
//!   it is a rendering when no word inside it is linked to a source word outside the phrase, and
//!   it is at most `3 × phrase words + 3` words long;
//! - the tight span widened by up to [`RenderingOptions::unaligned_edge`] unlinked words on each
//!   side is a rendering too (Koehn's rule extracts those as well), and so is the tight span
//!   without the function words and numbers at its edges;
//! - the span that best splits the unit in two around the occurrence is a rendering too
//!   ([`best_split`]; Vogel 2005, *PESA*): the phrase's words generate the span's and the other
//!   words the rest, both ways, each word by IBM Model 1 over its part. It sums over every
//!   translation a word has instead of taking the one best link, so a word whose best link goes
//!   outside the phrase (*смертной* to *seek* in *seek the death penalty* of a small memory) is
//!   not left out, and a neighbour its own words explain better is not glued on. On the tuning
//!   phrases it put an accepted rendering into the first three for three more phrases (top-3
//!   89.7% → 93.6%); taken *instead of* the consistent pairs it lowered top-3 (87.2%), and so did
//!   a best split made to hold every word linked to the phrase (88.5%): the model's own mistakes
//!   (*seek* → *смертной*) then decide alone;
//! - a span made only of function words and numbers is never a rendering;
//! - a unit in which no occurrence of the phrase gives a consistent pair gives only its best split:
//!   taking the span of the words linked to the phrase there instead was tried, and on the tuning
//!   phrases it moved no first rendering, lowered top-3 (89.7% → 88.5%) and showed glued
//!   neighbours (*Президент Азербайджанской Республики Ильхам Алиев*).
//!
//! Deviations from Koehn's rule, for the noisy links of function words that small memories give
//! (English articles have no counterpart in Azerbaijani, Russian or Chinese, and get linked to a
//! neighbour): a link from a source function word outside the phrase does not make a span
//! inconsistent, a link from a function word of the phrase does not widen it (unless the phrase
//! has no other linked word), and a target function word at the edge of the span may be left out.
//!
//! Renderings are grouped by the stems of their words (so *стратегическое партнерство* and
//! *стратегического партнерства* are one), shown in their most frequent form, and ranked by
//! *support*, the number of units in which the group is a rendering (Koehn's phrase translation
//! probability `φ(rendering | phrase)` up to the common denominator); then by the units whose best
//! split it is (of two renderings one unit each supports, the one the whole unit's words place
//! wins over a fragment of the links: tuning first rendering 80.8% → 82.1%); then by the sum of
//! their lexical weights both ways over those units ([`lexical_weight`]), so that between renderings
//! of equal support the one that explains every content word of the phrase and adds none of its
//! own comes first; then spans whose edge words are content words first; then (between two spaced languages) spans whose word count is closest
//! to the phrase's; then spans that were tight more often; then by text. A span never starts or
//! ends inside a word: spans are made of whole [`Word`]s.

use std::collections::HashMap;
use std::ops::Range;

use super::links::{UNSEEN, WordWeights};
use super::{Model, Word, WordKind};

/// How to look for renderings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderingOptions {
    /// Match the phrase by word keys (case- and variant-folded forms) instead of stems, so that
    /// other inflected forms of it are not found.
    pub exact: bool,
    /// How many unlinked target words a rendering may add on each side of the tight span.
    pub unaligned_edge: usize,
}

impl Default for RenderingOptions {
    fn default() -> RenderingOptions {
        RenderingOptions {
            exact: false,
            unaligned_edge: 1,
        }
    }
}

/// One inflected (or otherwise varying) form of a rendering and how many units use it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Form {
    /// The form as written in a unit.
    pub text: String,
    /// Units that use it.
    pub count: usize,
}

/// Where a rendering was found: a unit (its index in the input) and the byte range of the
/// rendering in that unit's target text, for highlighting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Index of the unit in the input.
    pub unit: usize,
    /// Byte range in the unit's target text.
    pub bytes: Range<usize>,
}

/// A translation of the phrase found in the units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendering {
    /// The most frequent form.
    pub text: String,
    /// Every form, most frequent first.
    pub forms: Vec<Form>,
    /// Units in which it renders the phrase.
    pub support: usize,
    /// Units that contain the phrase and have target text ("12 of 15").
    pub total: usize,
    /// Where it was found, one per supporting unit.
    pub occurrences: Vec<Occurrence>,
}

#[derive(Default)]
struct Group {
    support: usize,
    score: f32,
    tight: usize,
    splits: usize,
    content_edges: bool,
    words: usize,
    forms: HashMap<String, (usize, String)>,
    first_seen: usize,
    occurrences: Vec<Occurrence>,
}

/// The renderings of `phrase` (in the model's source language) in `units` (source text, target
/// text), best first. See the module docs for the method.
pub fn renderings<'a>(
    model: &Model,
    phrase: &str,
    units: impl IntoIterator<Item = (&'a str, &'a str)>,
    options: &RenderingOptions,
) -> Vec<Rendering> {
    let (src_tok, tgt_tok) = (model.src_tokenizer(), model.tgt_tokenizer());
    let match_key = |w: &Word| {
        if options.exact {
            w.key.clone()
        } else {
            src_tok.stem(&w.key)
        }
    };
    let wanted: Vec<String> = src_tok.words(phrase).iter().map(match_key).collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let both_spaced = model.src_lang().is_spaced() && model.tgt_lang().is_spaced();
    let mut groups: HashMap<String, Group> = HashMap::new();
    let mut total = 0;
    for (unit, (src, tgt)) in units.into_iter().enumerate() {
        if tgt.trim().is_empty() {
            continue;
        }
        let src_words = src_tok.words(src);
        let keys: Vec<String> = src_words.iter().map(match_key).collect();
        let starts: Vec<usize> = (0..keys.len().saturating_sub(wanted.len() - 1))
            .filter(|&i| keys[i..i + wanted.len()] == wanted[..])
            .collect();
        if starts.is_empty() {
            continue;
        }
        total += 1;
        let tgt_words = tgt_tok.words(tgt);
        // The word weights serve both the links and the phrase pairs' lexical weights.
        let weights = model.word_weights(&src_words, &tgt_words);
        let links = model.link_weighted(&weights);
        let weak: Vec<bool> = src_words
            .iter()
            .map(|w| src_tok.is_function_word(&w.key))
            .collect();
        // Whether anything but white space separates target word j from word j + 1.
        let apart: Vec<bool> = tgt_words
            .windows(2)
            .map(|w| {
                tgt.get(w[0].bytes.end..w[1].bytes.start)
                    .is_some_and(|gap| gap.chars().any(|c| !c.is_whitespace()))
            })
            .collect();
        // Whether a clause or quotation mark separates them: no rendering spans it.
        let broken: Vec<bool> = tgt_words
            .windows(2)
            .map(|w| {
                tgt.get(w[0].bytes.end..w[1].bytes.start)
                    .is_some_and(|gap| gap.chars().any(breaks_phrase))
            })
            .collect();
        let mut tgt_aligned = vec![false; tgt_words.len()];
        for &(_, j) in &links {
            tgt_aligned[j] = true;
        }
        let target_weak: Vec<bool> = tgt_words
            .iter()
            .map(|w| w.kind == WordKind::Number || tgt_tok.is_function_word(&w.key))
            .collect();
        let is_weak = |j: usize| target_weak[j];
        let mut seen_here: HashMap<String, Found> = HashMap::new();
        for start in starts {
            let phrase_span = start..start + wanted.len();
            // The best split may start or end with a function word only when the phrase does.
            let edge_weak = weak[phrase_span.start] || weak[phrase_span.end - 1];
            // The renderings of this occurrence: (target span, is the tight span, is the best split).
            let mut renderings: Vec<(Range<usize>, bool, bool)> = Vec::new();
            if let Some(span) = best_split(
                &weights,
                &phrase_span,
                &broken,
                &target_weak,
                model.null_probability,
                !edge_weak,
            ) {
                renderings.push((span, false, true));
            }
            if let Some((tight, true)) = tight_span(&links, &phrase_span, &weak)
                && tight.len() <= 3 * wanted.len() + 3
            {
                // The tight span, and the tight span without function words at its edges.
                let mut trimmed = tight.clone();
                while trimmed.len() > 1 && is_weak(trimmed.start) {
                    trimmed.start += 1;
                }
                while trimmed.len() > 1 && is_weak(trimmed.end - 1) {
                    trimmed.end -= 1;
                }
                let mut spans: Vec<(Range<usize>, bool)> =
                    widenings(&tight, &tgt_aligned, &apart, options.unaligned_edge)
                        .into_iter()
                        .map(|(before, after)| {
                            (
                                tight.start - before..tight.end + after,
                                before == 0 && after == 0,
                            )
                        })
                        .collect();
                if trimmed != tight {
                    spans.push((trimmed, true));
                }
                for (span, is_tight) in spans {
                    if !span.clone().all(is_weak)
                        && !broken[span.start..span.end - 1].iter().any(|&b| b)
                    {
                        renderings.push((span, is_tight, false));
                    }
                }
            }
            for (span, is_tight, is_best_split) in renderings {
                let words = &tgt_words[span.clone()];
                let key: Vec<String> = words.iter().map(|w| tgt_tok.stem(&w.key)).collect();
                let bytes = words[0].bytes.start..words[words.len() - 1].bytes.end;
                let quality = lexical_weight(&weights, &phrase_span, &span, &weak, &target_weak);
                let entry = seen_here.entry(key.join(" ")).or_insert(Found {
                    tight: false,
                    best_split: false,
                    bytes,
                    quality: 0.0,
                });
                entry.tight |= is_tight;
                entry.best_split |= is_best_split;
                entry.quality = entry.quality.max(quality);
            }
        }
        for (key, found) in in_text_order(seen_here) {
            let Found {
                tight,
                best_split,
                bytes,
                quality,
            } = found;
            let text = &tgt[bytes.clone()];
            let n_groups = groups.len();
            let group = groups.entry(key).or_insert_with(|| {
                let words = tgt_tok.words(text);
                let content = |w: Option<&Word>| {
                    w.is_some_and(|w| {
                        w.kind != WordKind::Number && !tgt_tok.is_function_word(&w.key)
                    })
                };
                Group {
                    content_edges: content(words.first()) && content(words.last()),
                    words: words.len(),
                    first_seen: n_groups,
                    ..Group::default()
                }
            });
            group.support += 1;
            group.score += quality;
            group.tight += usize::from(tight);
            group.splits += usize::from(best_split);
            let form = tgt_tok.lang().normalize(text);
            group.forms.entry(form).or_insert((0, text.to_owned())).0 += 1;
            group.occurrences.push(Occurrence { unit, bytes });
        }
    }
    let phrase_words = wanted.len();
    let mut ranked: Vec<Group> = groups.into_values().collect();
    ranked.sort_by(|a, b| {
        let closeness = |g: &Group| {
            if both_spaced {
                g.words.abs_diff(phrase_words)
            } else {
                0
            }
        };
        b.support
            .cmp(&a.support)
            .then(b.splits.cmp(&a.splits))
            .then(b.score.total_cmp(&a.score))
            .then(b.content_edges.cmp(&a.content_edges))
            .then(closeness(a).cmp(&closeness(b)))
            .then(b.tight.cmp(&a.tight))
            .then(a.first_seen.cmp(&b.first_seen))
    });
    ranked
        .into_iter()
        .map(|g| {
            let mut forms: Vec<Form> = g
                .forms
                .into_values()
                .map(|(count, text)| Form { text, count })
                .collect();
            forms.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
            let mut occurrences = g.occurrences;
            occurrences.sort_by_key(|o| (o.unit, o.bytes.start));
            Rendering {
                text: forms[0].text.clone(),
                forms,
                support: g.support,
                total,
                occurrences,
            }
        })
        .collect()
}

/// Whether `c`, between two words, ends a phrase: clause punctuation (`,` `;` `:` `!` `?` and
/// their full-width forms, `。` `、` `…`), quotation marks and brackets. Word-internal marks
/// (hyphens and dashes, apostrophes, `.` of abbreviations, `/`, `&`, the middle dot of
/// transcribed names) do not.
fn breaks_phrase(c: char) -> bool {
    if c.is_ascii_punctuation() {
        return !matches!(c, '-' | '\'' | '.' | '/' | '&');
    }
    matches!(
        c,
        '。' | '，'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '…'
            | '“'
            | '”'
            | '„'
            | '«'
            | '»'
            | '《'
            | '》'
            | '「'
            | '」'
            | '『'
            | '』'
            | '（'
            | '）'
            | '【'
            | '】'
    )
}

/// The smallest target span holding every word linked to `phrase`, if the pair is consistent.
/// `weak[i]` marks source function words: their links never widen the span (unless the phrase
/// has nothing else) and, outside the phrase, never make it inconsistent. A target word linked
/// to a word of the phrase may also be linked outside it (grow-diag-final-and adds such links
/// between neighbours, as *House* — *said* in *White House said*); only a word of the span linked
/// outside the phrase alone makes the pair inconsistent.
fn tight_span(
    links: &[(usize, usize)],
    phrase: &Range<usize>,
    weak: &[bool],
) -> Option<(Range<usize>, bool)> {
    let has_strong = phrase
        .clone()
        .any(|i| !weak[i] && links.iter().any(|&(a, _)| a == i));
    let linked = links
        .iter()
        .filter(|&&(i, _)| phrase.contains(&i) && (!has_strong || !weak[i]))
        .map(|&(_, j)| j);
    let lo = linked.clone().min()?;
    let hi = linked.max()?;
    let inside = |j: usize| links.iter().any(|&(i, b)| b == j && phrase.contains(&i));
    let consistent = links
        .iter()
        .all(|&(i, j)| !(lo..=hi).contains(&j) || phrase.contains(&i) || weak[i] || inside(j));
    Some((lo..hi + 1, consistent))
}

/// The target span that best splits the unit in two around `phrase` (Vogel 2005, *PESA: Phrase
/// Pair Extraction as Sentence Splitting*): the phrase's words generate the span's words and the
/// other source words the rest, and back, each word by IBM Model 1 over its own part with NULL
/// (probability `p0`): `p(t | part) = p0 · w(t | NULL) + (1 − p0) · mean over s in part of
/// w(t | s)`. The best split maximises the product over every word of the unit, both ways. Unlike
/// the Viterbi links, it weighs every translation a word has on each side, so one wrong argmax
/// does not leave a word of the rendering out or glue a neighbour on.
///
/// Spans are at most `3 × phrase words + 3` long, never cross a clause or quotation mark
/// (`broken[j]`: between target words `j` and `j + 1`), are never only function words and numbers,
/// and, when `content_edges`, neither start nor end with one.
fn best_split(
    w: &WordWeights,
    phrase: &Range<usize>,
    broken: &[bool],
    target_weak: &[bool],
    p0: f32,
    content_edges: bool,
) -> Option<Range<usize>> {
    let n = target_weak.len();
    let m = w.source_len();
    if n == 0 || phrase.is_empty() || phrase.end > m {
        return None;
    }
    let mix = |null: f32, sum: f32, count: usize| {
        let lexical = if count > 0 { sum / count as f32 } else { 0.0 };
        (p0 * null + (1.0 - p0) * lexical)
            .max(f32::MIN_POSITIVE)
            .ln()
    };
    // Target given source: each target word from the phrase (inside the span) or from the rest,
    // as a running sum of what moving it inside gains.
    let mut gain = vec![0.0f32; n + 1];
    let mut base = 0.0f32;
    for j in 0..n {
        let (mut inside, mut outside) = (0.0, 0.0);
        for i in 0..m {
            if phrase.contains(&i) {
                inside += w.target_given_source(i, j);
            } else {
                outside += w.target_given_source(i, j);
            }
        }
        let null = w.target_given_null(j);
        let (fin, fout) = (
            mix(null, inside, phrase.len()),
            mix(null, outside, m - phrase.len()),
        );
        base += fout;
        gain[j + 1] = gain[j] + fin - fout;
    }
    // Source given target. A source word outside the phrase is generated by the words outside the
    // span; almost all of its weights are the UNSEEN floor, so its term is computed once per span
    // length as if all were, and corrected only for the words of the span that it has a real
    // weight for (`known[j]`).
    let totals: Vec<f32> = (0..m)
        .map(|i| (0..n).map(|j| w.source_given_target(i, j)).sum())
        .collect();
    let known: Vec<Vec<(usize, f32)>> = (0..n)
        .map(|j| {
            (0..m)
                .filter(|i| !phrase.contains(i))
                .map(|i| (i, w.source_given_target(i, j) - UNSEEN))
                .filter(|&(_, extra)| extra > 0.0)
                .collect()
        })
        .collect();
    let limit = (3 * phrase.len() + 3).min(n);
    let rest_term = |i: usize, inside: f32, len: usize| {
        mix(w.source_given_null(i), totals[i] - inside, n - len)
    };
    let floor_terms: Vec<f32> = (0..=limit)
        .map(|len| {
            (0..m)
                .filter(|i| !phrase.contains(i))
                .map(|i| rest_term(i, len as f32 * UNSEEN, len))
                .sum()
        })
        .collect();
    let mut extra = vec![0.0f32; m];
    let mut touched: Vec<usize> = Vec::new();
    let mut best: Option<(f32, Range<usize>)> = None;
    for a in 0..n {
        for b in a + 1..=(a + limit).min(n) {
            if b - 1 > a && broken[b - 2] {
                break;
            }
            if (a..b).all(|j| target_weak[j])
                || (content_edges && (target_weak[a] || target_weak[b - 1]))
            {
                continue;
            }
            let len = b - a;
            let mut score = base + gain[b] - gain[a] + floor_terms[len];
            for i in phrase.clone() {
                let inside = (a..b).map(|j| w.source_given_target(i, j)).sum();
                score += mix(w.source_given_null(i), inside, len);
            }
            for weights in &known[a..b] {
                for &(i, e) in weights {
                    if extra[i] == 0.0 {
                        touched.push(i);
                    }
                    extra[i] += e;
                }
            }
            for &i in &touched {
                let floor = len as f32 * UNSEEN;
                score += rest_term(i, floor + extra[i], len) - rest_term(i, floor, len);
                extra[i] = 0.0;
            }
            touched.clear();
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, a..b));
            }
        }
    }
    best.map(|(_, span)| span)
}

/// A span found in one unit: whether it was the tight span, its bytes, and its best lexical weight.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    tight: bool,
    best_split: bool,
    bytes: Range<usize>,
    quality: f32,
}

/// How well the words of `span` (target) and of `phrase` (source) explain each other: the lexical
/// weights of Koehn, Och & Marcu (2003) both ways, `lex(span | phrase)` and `lex(phrase | span)`,
/// combined by their geometric mean. Deviations, for the noisy links of a small memory: each word
/// is explained by its most probable translation on the other side of the pair or by NULL,
/// whichever is likelier, whether or not the symmetrised alignment linked them (a link to a
/// neighbouring function word would otherwise leave a content word unexplained, and a link
/// grow-diag-final-and added to a neighbour would explain a glued word); function words and
/// numbers are not scored (the model gives them no reliable probabilities, and the
/// consistent-pair rule places them); and each side's weight is the geometric mean per word
/// instead of the product, so that a span is not lower for its length alone, only for the words
/// it cannot explain: a rendering that leaves a content word of the phrase out, or adds one of its
/// own, loses to one that renders the phrase whole.
fn lexical_weight(
    weights: &WordWeights,
    phrase: &Range<usize>,
    span: &Range<usize>,
    source_weak: &[bool],
    target_weak: &[bool],
) -> f32 {
    let mean = |logs: Vec<f32>| {
        if logs.is_empty() {
            0.0
        } else {
            logs.iter().sum::<f32>() / logs.len() as f32
        }
    };
    let source = phrase
        .clone()
        .filter(|&i| !source_weak[i])
        .map(|i| {
            span.clone()
                .filter(|&j| !target_weak[j])
                .map(|j| weights.source_given_target(i, j))
                .fold(weights.source_given_null(i), f32::max)
                .ln()
        })
        .collect();
    let target = span
        .clone()
        .filter(|&j| !target_weak[j])
        .map(|j| {
            phrase
                .clone()
                .filter(|&i| !source_weak[i])
                .map(|i| weights.target_given_source(i, j))
                .fold(weights.target_given_null(j), f32::max)
                .ln()
        })
        .collect();
    ((mean(source) + mean(target)) / 2.0).exp()
}

/// The ways to widen `tight` by up to `limit` unlinked words on each side, `(0, 0)` first.
/// `apart[j]` says that punctuation separates word `j` from word `j + 1`: a widening never
/// crosses it (an unlinked word beyond a comma belongs to the next phrase, not to this one).
fn widenings(
    tight: &Range<usize>,
    aligned: &[bool],
    apart: &[bool],
    limit: usize,
) -> Vec<(usize, usize)> {
    let free_before = (1..=limit)
        .take_while(|&k| tight.start >= k && !aligned[tight.start - k] && !apart[tight.start - k])
        .count();
    let free_after = (1..=limit)
        .take_while(|&k| {
            tight.end + k <= aligned.len()
                && !aligned[tight.end + k - 1]
                && !apart[tight.end + k - 2]
        })
        .count();
    let mut out = Vec::new();
    for before in 0..=free_before {
        for after in 0..=free_after {
            out.push((before, after));
        }
    }
    out
}

/// The spans found in one unit (by stem key: whether one was tight, its bytes) in the order of
/// the text, then shorter first: a group's `first_seen`, the ranking's last tie-break, follows it.
/// A HashMap's own order differs from run to run, and so did the order of renderings that tie.
fn in_text_order(spans: HashMap<String, Found>) -> Vec<(String, Found)> {
    let mut out: Vec<_> = spans.into_iter().collect();
    out.sort_by(|a, b| {
        (a.1.bytes.start, a.1.bytes.end, &a.0).cmp(&(b.1.bytes.start, b.1.bytes.end, &b.0))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    #[test]
    fn a_span_word_linked_to_the_phrase_may_be_linked_outside_it_too() {
        // source "White House said", target "Белый дом заявил"; "said" also linked to "дом".
        let strong = [false; 3];
        assert_eq!(
            tight_span(&[(0, 0), (1, 1), (2, 1), (2, 2)], &(0..2), &strong),
            Some((0..2, true))
        );
    }

    #[test]
    fn tight_span_marks_a_span_linked_outside_the_phrase_inconsistent() {
        // source: 0 1 2 ; target: 0 1 2 ; phrase = source 1
        let strong = [false; 3];
        assert_eq!(
            tight_span(&[(0, 0), (1, 1), (2, 2)], &(1..2), &strong),
            Some((1..2, true))
        );
        assert_eq!(
            tight_span(&[(0, 1), (1, 0), (1, 2)], &(1..2), &strong),
            Some((0..3, false))
        );
        assert_eq!(tight_span(&[(0, 0), (2, 2)], &(1..2), &strong), None);
    }

    #[test]
    fn a_span_that_leaves_a_content_word_of_the_phrase_unexplained_weighs_less() {
        // source "death penalty", target "смертная казнь": w(смертная|death) = 0.6,
        // w(казнь|penalty) = 0.5 and back 0.5, 0.4; everything else unseen.
        let mut weights = WordWeights::unseen(2, 2);
        weights.set(0, 0, 0.6, 0.5);
        weights.set(1, 1, 0.5, 0.4);
        let strong = [false; 2];
        let whole = lexical_weight(&weights, &(0..2), &(0..2), &strong, &strong);
        let part = lexical_weight(&weights, &(0..2), &(1..2), &strong, &strong);
        // whole: source (0.5 · 0.4)^(1/2), target (0.6 · 0.5)^(1/2), combined by their mean log.
        let expected = (0.5f32 * 0.4 * 0.6 * 0.5).powf(0.25);
        assert!((whole - expected).abs() < 1e-6, "{whole} vs {expected}");
        // part: "death" is explained by NULL only (unseen), "казнь" by "penalty": source
        // (UNSEEN · 0.4)^(1/2), target 0.5.
        let expected = (UNSEEN * 0.4f32).powf(0.25) * 0.5f32.sqrt();
        assert!((part - expected).abs() < 1e-6, "{part} vs {expected}");
        assert!(part < whole / 10.0);
    }

    /// Source "prosecutors will seek death penalty", target "прокуроры будут добиваться смертной
    /// казни": the model gives "смертной" more to "seek" (0.5) than to "death" (0.45), as a rare
    /// verb soaks up what co-occurs with it, so the best link of "смертной" goes outside the phrase
    /// and the consistent pair is "казни" alone.
    fn seek_death_penalty() -> WordWeights {
        let mut w = WordWeights::unseen(5, 5);
        w.set(0, 0, 0.8, 0.8);
        w.set(1, 1, 0.6, 0.6);
        w.set(2, 2, 0.4, 0.8);
        w.set(2, 3, 0.5, 0.5);
        w.set(3, 3, 0.45, 0.45);
        w.set(3, 4, 0.4, 0.4);
        w.set(4, 3, 0.3, 0.3);
        w.set(4, 4, 0.5, 0.5);
        w
    }

    #[test]
    fn the_best_split_keeps_a_word_whose_best_link_is_outside_the_phrase() {
        let w = seek_death_penalty();
        assert!(w.target_given_source(2, 3) > w.target_given_source(3, 3));
        let weak = [false; 5];
        let broken = [false; 4];
        assert_eq!(
            best_split(&w, &(3..5), &broken, &weak, 0.08, true),
            Some(3..5)
        );
        // "will" is rendered by its own word, not glued to a neighbour.
        assert_eq!(
            best_split(&w, &(1..2), &broken, &weak, 0.08, true),
            Some(1..2)
        );
    }

    #[test]
    fn the_best_split_never_crosses_a_clause_mark_nor_ends_on_a_function_word() {
        let w = seek_death_penalty();
        // A comma between "смертной" and "казни": the span cannot hold both.
        let broken = [false, false, false, true];
        let found = best_split(&w, &(3..5), &broken, &[false; 5], 0.08, true);
        assert!(matches!(found, Some(ref s) if s.len() == 1), "{found:?}");
        // "казни" taken as a function word: no span may end on it, and none is only it.
        let weak = [false, false, false, false, true];
        assert_eq!(
            best_split(&w, &(3..5), &[false; 4], &weak, 0.08, true),
            Some(3..4)
        );
        assert_eq!(
            best_split(&w, &(3..5), &[false; 4], &[true; 5], 0.08, true),
            None
        );
    }

    #[test]
    fn function_words_and_numbers_are_not_weighed() {
        // source "the death penalty" (0 weak), target "смертная казнь 2" (2 a number).
        let mut weights = WordWeights::unseen(3, 3);
        weights.set(1, 0, 0.6, 0.5);
        weights.set(2, 1, 0.5, 0.4);
        let source_weak = [true, false, false];
        let target_weak = [false, false, true];
        let with_number = lexical_weight(&weights, &(0..3), &(0..3), &source_weak, &target_weak);
        let without = lexical_weight(&weights, &(0..3), &(0..2), &source_weak, &target_weak);
        assert_eq!(with_number, without);
    }

    #[test]
    fn a_unit_without_a_consistent_pair_gives_its_best_split_never_a_glued_span() {
        let pairs = [
            ("death penalty", "смертная казнь"),
            ("death", "смертная"),
            ("penalty", "казнь"),
            ("murder", "убийство"),
            ("a murder", "убийство"),
        ];
        let m = model("en", "ru", &pairs);
        // "убийство" sits inside the tight span of "death penalty" and is linked to "murder",
        // outside the phrase: no consistent pair, and the span of the linked words would glue it
        // in. The best split takes a part of the phrase's rendering instead.
        let unit = ("death penalty for murder", "смертная убийство казнь");
        let links = m.align(unit.0, unit.1).links;
        assert!(links.contains(&(3, 1)), "{links:?}");
        let found = renderings(&m, "death penalty", [unit], &RenderingOptions::default());
        let texts: Vec<&str> = found.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(texts, ["смертная"]);
        let found = renderings(
            &m,
            "death penalty",
            [("death penalty", "смертная казнь")],
            &RenderingOptions::default(),
        );
        assert_eq!(found[0].text, "смертная казнь");
    }

    #[test]
    fn function_words_neither_block_nor_widen_a_span() {
        // source "of strategic partnership": "of" (0) is linked into the rendering.
        let weak = [true, false, false];
        assert_eq!(
            tight_span(&[(0, 0), (1, 0), (2, 1)], &(1..3), &weak),
            Some((0..2, true))
        );
        // phrase "of strategic": its "of" linked far away does not widen it.
        assert_eq!(
            tight_span(&[(0, 5), (1, 0)], &(0..2), &weak),
            Some((0..1, true))
        );
    }

    #[test]
    fn widenings_add_unlinked_neighbours_only() {
        let aligned = [false, true, true, false, true];
        let apart = [false; 4];
        assert_eq!(
            widenings(&(1..3), &aligned, &apart, 1),
            [(0, 0), (0, 1), (1, 0), (1, 1)]
        );
        assert_eq!(widenings(&(3..5), &aligned, &apart, 1), [(0, 0)]);
    }

    #[test]
    fn clause_and_quotation_marks_end_a_phrase_but_word_marks_do_not() {
        for c in [',', ';', '"', '“', '»', '，', '。', '《', '（'] {
            assert!(breaks_phrase(c), "{c}");
        }
        for c in ['-', '\'', '.', '·', '–', '’'] {
            assert!(!breaks_phrase(c), "{c}");
        }
    }

    #[test]
    fn widenings_never_cross_punctuation() {
        // "期间，阿塞拜疆 共和国": a comma between word 0 and word 1.
        let aligned = [false, true, true, false];
        let apart = [true, false, false];
        assert_eq!(widenings(&(1..3), &aligned, &apart, 1), [(0, 0), (0, 1)]);
    }

    fn model(src: &str, tgt: &str, pairs: &[(&str, &str)]) -> Model {
        Model::train(
            pairs.iter().copied(),
            &Lang::parse(src).expect("tag"),
            &Lang::parse(tgt).expect("tag"),
        )
    }

    #[test]
    fn inflected_forms_are_grouped_under_the_most_frequent() {
        let pairs = [
            ("strategic partnership", "стратегическое партнерство"),
            ("of strategic partnership", "стратегического партнерства"),
            (
                "the strategic partnership grows",
                "стратегическое партнерство растет",
            ),
            ("partnership", "партнерство"),
            ("strategic", "стратегическое"),
        ];
        let m = model("en", "ru", &pairs);
        let found = renderings(
            &m,
            "strategic partnership",
            pairs.iter().copied(),
            &RenderingOptions::default(),
        );
        assert_eq!(found[0].text, "стратегическое партнерство");
        assert_eq!(found[0].support, 3);
        assert_eq!(found[0].total, 3);
        assert_eq!(found[0].forms.len(), 2);
        assert_eq!(found[0].forms[1].text, "стратегического партнерства");
        assert_eq!(
            found[0].occurrences[1],
            Occurrence {
                unit: 1,
                bytes: 0..found[0].forms[1].text.len()
            }
        );
    }

    #[test]
    fn exact_search_does_not_find_other_forms() {
        let pairs = [
            ("strategic partnerships", "стратегические партнерства"),
            ("strategic partnership", "стратегическое партнерство"),
        ];
        let m = model("en", "ru", &pairs);
        let exact = RenderingOptions {
            exact: true,
            ..RenderingOptions::default()
        };
        let found = renderings(&m, "strategic partnership", pairs.iter().copied(), &exact);
        assert_eq!(found[0].total, 1);
    }

    #[test]
    fn chinese_renderings_are_whole_words() {
        let pairs = [
            ("People's Republic of China", "中华人民共和国"),
            (
                "the President of the People's Republic of China",
                "中华人民共和国主席",
            ),
            ("President", "主席"),
            ("the President", "主席"),
            ("exports grew", "出口增长"),
            (
                "exports of the People's Republic of China grew",
                "中华人民共和国出口增长",
            ),
        ];
        let m = model("en", "zh", &pairs);
        let found = renderings(
            &m,
            "People's Republic of China",
            pairs.iter().copied(),
            &RenderingOptions::default(),
        );
        assert_eq!(found[0].text, "中华人民共和国");
        assert_eq!((found[0].support, found[0].total), (3, 3));
    }

    #[test]
    fn spans_of_a_unit_are_taken_in_the_order_of_the_text() {
        let spans: HashMap<String, Found> = [
            ("c", (false, 9..20)),
            ("b", (true, 0..12)),
            ("a", (false, 0..5)),
            ("d", (true, 9..15)),
        ]
        .into_iter()
        .map(|(k, (tight, bytes))| {
            (
                k.to_owned(),
                Found {
                    tight,
                    best_split: false,
                    bytes,
                    quality: 0.5,
                },
            )
        })
        .collect();
        let keys: Vec<String> = in_text_order(spans).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["a", "b", "d", "c"]);
    }

    #[test]
    fn units_without_target_text_are_not_counted() {
        let pairs = [
            ("White House", "Белый дом"),
            ("the White House said", ""),
            ("White House", "Белый дом"),
        ];
        let m = model("en", "ru", &pairs);
        let found = renderings(
            &m,
            "White House",
            pairs.iter().copied(),
            &RenderingOptions::default(),
        );
        assert_eq!(found[0].total, 2);
        assert!(found.iter().all(|r| r.text != "с" && r.text != "в"));
    }
}
