//! Concordance: the units whose text in one language contains a phrase, and how the phrase was
//! translated.
//!
//! The phrase is always a literal: it is tokenized like stored text ([`crate::fuzzy::token`], with
//! dates kept as their words, so "July" finds "3 July 2024"), so
//! quotes, `*`, `NEAR`, `AND` or `-` are ordinary tokens, never query syntax. Matching is on token keys
//! (case folded, Azerbaijani/Turkish i-aware), numbers and tags by their exact text. Candidates come
//! from the match index (the variants containing every key of the phrase); each is checked for the
//! keys in sequence.
//!
//! Translations of the phrase are learned from co-occurrence over the memory: among the other
//! languages' variants of the first [`LEARN_UNITS`] matching units, every n-gram of 1–4 tokens (1–6
//! for languages written without spaces) without punctuation is counted once per unit. Inflected
//! forms count together: n-grams are grouped by a stem key per word, the folded word cut to the
//! aligner's stem length [`keys::STEM_CHARS`] (a prefix stemmer: Azerbaijani case and possessive
//! suffixes and Russian endings fall outside it, so tərəfdaşlıq/tərəfdaşlığın and
//! партнерство/партнерства are one group), and a group shows its most frequent surface form. A group
//! must occur in at least a fifth of the units (and in two when there are several). Groups are then
//! scored by
//!
//! `dice · (1 + lexical) · 2^(−|len − expected| / u)`
//!
//! - `dice = 2·c / (units with the phrase + units with the n-gram)`, the n-gram's count bounded from
//!   above by its rarest token's index frequency;
//! - `lexical`: word evidence from the aligner's bilingual lexicons ([`crate::align::lexicon`]: the
//!   seed list shipped for the pair plus the lexicon the memory learned, [`Memory::learned_lexicon`],
//!   read for the phrase's words only).
//!   Each phrase word whose translation occurs in the candidate adds `1/r`, `r` being that
//!   translation's rank in the lexicon's best-first list (equal stems in spaced languages, a
//!   substring in Han text). A candidate with any lexical evidence always ranks above one without
//!   (co-occurrence alone — "Joint Declaration" beside "strategic partnership" — is chance);
//! - a length prior: `expected` is the phrase's word count between spaced languages, its characters
//!   times the character ratio of the two languages into Chinese, half its Han characters from
//!   Chinese; `u` is one word, or two Han characters.
//!
//! The best three groups per language that do not overlap a better one are kept, with the number of
//! units `c` that use them (Dice as in Smadja et al. 1996).
//!
//! A search only reads: it works on a memory opened with [`Memory::open_read_only`].

use std::collections::HashMap;
use std::ops::Range;

use crate::align::keys;
use crate::align::lexicon::{Counts, Lexicon, MIN_COOCCURRENCE};
use crate::fuzzy::token::{Kind, Token, tokenize_words};
use crate::lang::Lang;
use crate::tm::lexicon::Side;
use crate::tm::{Error, Memory};

/// Matching units read for counts at most (the display shows fewer).
pub const MAX_UNITS: usize = 1_000;
/// Candidates checked at most: variants holding every word of the phrase but not in sequence ("of the")
/// can be many, and each costs reading and tokenizing its text.
pub const MAX_CHECKED: usize = 20_000;
/// Matching units whose other languages teach the phrase's translations: enough for stable counts,
/// few enough to answer in milliseconds.
pub const LEARN_UNITS: usize = 200;

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
    /// The unit's review status as stored: `ok` or `needs-review`.
    pub status: String,
    /// Whether a reviewer approved the unit.
    pub approved: bool,
    /// The unit's alignment confidence (aligned units only).
    pub confidence: Option<f32>,
}

/// A likely translation of the phrase.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Rendering {
    /// The language.
    pub lang: String,
    /// The rendering in its most frequent form in the memory (the first seen among equals).
    pub text: String,
    /// Units where the phrase and the rendering occur together.
    pub count: usize,
}

/// The answer of a concordance search.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Concordance {
    /// Units containing the phrase (at most [`MAX_UNITS`] read, among at most [`MAX_CHECKED`]
    /// candidates).
    pub total: usize,
    /// Whether more units than `total` may contain it (a limit was reached).
    pub truncated: bool,
    /// The first matching units, by unit id.
    pub hits: Vec<ConcordanceHit>,
    /// The phrase's most likely translations, best first per language.
    pub translations: Vec<Rendering>,
}

fn matches(a: &Token, at: &str, b: &Token, bt: &str) -> bool {
    a.key == b.key && (!matches!(a.kind, Kind::Number | Kind::Tag) || a.text(at) == b.text(bt))
}

/// Byte ranges where the token sequence `phrase` occurs in `tokens`.
fn find_phrase(phrase: &[Token], ptext: &str, tokens: &[Token], text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if phrase.is_empty() || tokens.len() < phrase.len() {
        return out;
    }
    let mut i = 0;
    while i + phrase.len() <= tokens.len() {
        if phrase
            .iter()
            .zip(&tokens[i..])
            .all(|(p, t)| matches(p, ptext, t, text))
        {
            out.push(tokens[i].bytes.start..tokens[i + phrase.len() - 1].bytes.end);
            i += phrase.len();
        } else {
            i += 1;
        }
    }
    out
}

/// Searches the `lang` variants for `phrase`, returning up to `limit` hits with the unit's other
/// languages (only `to` when given) and the phrase's likely translations.
///
/// # Errors
/// [`Error::Sql`], [`Error::Corrupt`].
pub fn concordance(
    memory: &Memory,
    phrase: &str,
    lang: &Lang,
    to: Option<&Lang>,
    limit: usize,
) -> Result<Concordance, Error> {
    let ptokens = tokenize_words(phrase, lang);
    let keys: Vec<&str> = ptokens.iter().map(|t| t.key.as_str()).collect();
    let result = Concordance {
        total: 0,
        truncated: false,
        hits: Vec::new(),
        translations: Vec::new(),
    };
    if keys.is_empty() {
        return Ok(result);
    }
    // One read transaction: SQLite takes its file lock once, not once per statement.
    memory.read(|memory| search(memory, phrase, &ptokens, &keys, lang, to, limit, result))
}

/// The search itself, inside the read transaction of [`concordance`].
#[allow(clippy::too_many_arguments)]
fn search(
    memory: &Memory,
    phrase: &str,
    ptokens: &[Token],
    keys: &[&str],
    lang: &Lang,
    to: Option<&Lang>,
    limit: usize,
    mut result: Concordance,
) -> Result<Concordance, Error> {
    let candidates = memory.variants_containing(lang, keys)?;
    // (lang → n-gram key → (count, first text)) over the matching units.
    let mut grams: HashMap<String, HashMap<Vec<String>, Gram>> = HashMap::new();
    let mut langs: HashMap<String, Option<Lang>> = HashMap::new();
    let mut units_seen: std::collections::HashSet<i64> = std::collections::HashSet::new();
    for (checked, variant) in candidates.into_iter().enumerate() {
        if result.total >= MAX_UNITS || checked >= MAX_CHECKED {
            result.truncated = true;
            break;
        }
        let Some((unit, text)) = memory.variant_text(variant, lang)? else {
            continue;
        };
        let tokens = tokenize_words(&text, lang);
        let highlights = find_phrase(ptokens, phrase, &tokens, &text);
        if highlights.is_empty() || units_seen.contains(&unit) {
            continue;
        }
        units_seen.insert(unit);
        result.total += 1;
        let learning = units_seen.len() <= LEARN_UNITS;
        if !learning && result.hits.len() >= limit {
            // Only counted from here on: the unit's other languages are not needed.
            continue;
        }
        let others = memory.other_variants(unit, lang, to)?;
        for (tag, other) in others.iter().filter(|_| learning) {
            let Some(olang) = langs
                .entry(tag.clone())
                .or_insert_with(|| Lang::parse(tag).ok())
                .clone()
            else {
                continue;
            };
            count_grams(grams.entry(tag.clone()).or_default(), other, &olang);
        }
        if result.hits.len() < limit {
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
                status,
                approved,
                confidence,
            });
        }
    }
    // Counts and Dice are over the units the renderings were learned from.
    let learned = result.total.min(LEARN_UNITS);
    result.translations = rank_renderings(memory, phrase, lang, grams, &langs, learned)?;
    Ok(result)
}

/// The best renderings per language of `phrase` (in `plang`), from the grouped n-gram counts of
/// `total` units (see the module docs for the score).
fn rank_renderings(
    memory: &Memory,
    phrase: &str,
    plang: &Lang,
    grams: HashMap<String, HashMap<Vec<String>, Gram>>,
    langs: &HashMap<String, Option<Lang>>,
    total: usize,
) -> Result<Vec<Rendering>, Error> {
    let mut out = Vec::new();
    let mut tags: Vec<&String> = grams.keys().collect();
    tags.sort();
    // One co-occurrence proves nothing once the phrase occurs more than once.
    let min_count = if total >= 2 {
        total.div_ceil(5).max(2)
    } else {
        1
    };
    let mut source_keys = keys::learn_keys(plang, phrase);
    for k in keys::word_keys(plang, phrase) {
        if !source_keys.contains(&k) {
            source_keys.push(k);
        }
    }
    let ptokens: Vec<Token> = tokenize_words(phrase, plang)
        .into_iter()
        .filter(|t| t.kind != Kind::Punct)
        .collect();
    for tag in tags {
        let Some(Some(lang)) = langs.get(tag) else {
            continue;
        };
        let mut ranked: Vec<(&Vec<String>, &Gram)> = grams[tag]
            .iter()
            .filter(|(_, g)| g.count >= min_count)
            .collect();
        if ranked.is_empty() {
            continue;
        }
        let mut lexicon = Lexicon::seed(plang, lang);
        lexicon.extend(&phrase_lexicon(memory, &source_keys, plang, lang)?);
        let translations: Vec<&[String]> = source_keys
            .iter()
            .map(|k| lexicon.get(k))
            .filter(|ts| !ts.is_empty())
            .collect();
        let expected = expected_length(phrase, &ptokens, plang, lang);
        // The most frequent first; only the first hundred are worth an index look-up.
        ranked.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then(b.0.len().cmp(&a.0.len()))
                .then(a.0.cmp(b.0))
        });
        ranked.truncate(100);
        let mut scored: Vec<(bool, f64, usize, &Vec<String>, &str)> = Vec::new();
        for (key, gram) in ranked {
            let mut df = u64::MAX;
            for k in &gram.keys {
                df = df.min(memory.token_frequency(lang, k)?);
            }
            let df = df.max(gram.count as u64) as f64;
            let dice = 2.0 * gram.count as f64 / (total as f64 + df);
            // Each phrase word counts once, by its best translation found in the candidate:
            // the lexicon lists translations best first, the r-th weighs 1/r.
            let covered: f64 = translations
                .iter()
                .filter_map(|ts| ts.iter().position(|t| renders(key, t, lang)))
                .map(|r| 1.0 / (r as f64 + 1.0))
                .sum();
            let unit = if lang.is_spaced() { 1.0 } else { 2.0 };
            let length = 0.5f64.powf((key.len() as f64 - expected).abs() / unit);
            let score = dice * (1.0 + covered) * length;
            scored.push((covered > 0.0, score, gram.count, key, gram.shown()));
        }
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.total_cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.len().cmp(&a.3.len()))
                .then(a.3.cmp(b.3))
        });
        let mut kept: Vec<&Vec<String>> = Vec::new();
        for (_, _, count, key, text) in scored {
            if kept.len() == 3 {
                break;
            }
            if kept.iter().any(|k| overlaps(k, key)) {
                continue;
            }
            kept.push(key);
            out.push(Rendering {
                lang: tag.clone(),
                text: text.to_string(),
                count,
            });
        }
    }
    Ok(out)
}

/// The learned translations of the phrase's keys: [`Memory::learned_lexicon`] restricted to
/// `keys`, read by key (the pair table's primary key) rather than whole, so the cost does not grow
/// with the memory's vocabulary. Both stored directions count, as there.
fn phrase_lexicon(
    memory: &Memory,
    keys: &[String],
    src: &Lang,
    tgt: &Lang,
) -> Result<Lexicon, Error> {
    let min = MIN_COOCCURRENCE;
    let mut lexicon = Lexicon::new();
    // (the pairs' languages, whether the phrase's keys are their target side, the side of the keys
    // and of their translations)
    for (l1, l2, reversed, kside, tside) in [
        (src, tgt, false, Side::Src, Side::Tgt),
        (tgt, src, true, Side::Tgt, Side::Src),
    ] {
        let mut counts = Counts::default();
        for k in keys {
            let rows = memory.lexicon_cooccurrences(l1, l2, k, reversed, min)?;
            if rows.is_empty() {
                continue;
            }
            if let Some(n) = memory.lexicon_word_count(l1, l2, kside, k)? {
                counts.src.insert(k.clone(), n);
            }
            for (t, n) in rows {
                if !counts.tgt.contains_key(&t)
                    && let Some(m) = memory.lexicon_word_count(l1, l2, tside, &t)?
                {
                    counts.tgt.insert(t.clone(), m);
                }
                counts.pair.insert((k.clone(), t), n);
            }
        }
        lexicon.extend(&counts.to_lexicon());
    }
    Ok(lexicon)
}

/// A group of n-grams of one language that share a stem key.
#[derive(Default)]
struct Gram {
    /// Units using any form of the group.
    count: usize,
    /// Each surface form with its number of units, in first-seen order.
    forms: Vec<(String, usize)>,
    /// The token keys of the first form, for index frequencies.
    keys: Vec<String>,
}

impl Gram {
    /// The most frequent surface form (the first seen among equals).
    fn shown(&self) -> &str {
        let mut best: Option<&(String, usize)> = None;
        for f in &self.forms {
            if best.is_none_or(|b| f.1 > b.1) {
                best = Some(f);
            }
        }
        best.map_or("", |b| b.0.as_str())
    }
}

/// The stem key of a token: in spaced languages a word's folded key cut to the aligner's stem
/// length ([`keys::STEM_CHARS`] characters), which groups Azerbaijani case and possessive suffixes
/// (tərəfdaşlıq, tərəfdaşlığın) and Russian endings (партнерство, партнерства) under one key and
/// is the form the bilingual lexicons are keyed by; other tokens (Han characters, numbers) as they are.
fn stem_key(token: &Token, spaced: bool) -> String {
    if spaced && token.kind == Kind::Word {
        match token.key.char_indices().nth(keys::STEM_CHARS) {
            Some((i, _)) => token.key[..i].to_string(),
            None => token.key.clone(),
        }
    } else {
        token.key.clone()
    }
}

/// Whether a candidate (stem keys) contains the lexicon target key `t`: an equal stem in spaced
/// languages; in Han text the key as a substring, or the candidate (two characters or more) inside it.
fn renders(key: &[String], t: &str, lang: &Lang) -> bool {
    if lang.is_spaced() {
        return key.iter().any(|k| k == t);
    }
    let text: String = key.concat();
    text.contains(t) || (key.len() >= 2 && t.contains(text.as_str()))
}

/// The length in tokens (words, or Han characters) a rendering of the phrase in `to` is expected to
/// have: the phrase's word count between spaced languages, its characters times the two languages'
/// character ratio ([`crate::lang::LangInfo::chars_per_en_char`]) into unspaced ones, and one word per
/// two Han characters into spaced ones.
fn expected_length(phrase: &str, ptokens: &[Token], from: &Lang, to: &Lang) -> f64 {
    let n = ptokens.len() as f64;
    match (from.is_spaced(), to.is_spaced()) {
        (true, true) | (false, false) => n,
        (false, true) => (n / 2.0).max(1.0),
        (true, false) => {
            let chars: usize = ptokens
                .iter()
                .map(|t| phrase.get(t.bytes.clone()).map_or(0, |s| s.chars().count()))
                .sum();
            let ratio = f64::from(to.info().chars_per_en_char)
                / f64::from(from.info().chars_per_en_char).max(0.01);
            (chars as f64 * ratio).max(1.0)
        }
    }
}

/// Whether one key sequence contains the other.
fn overlaps(a: &[String], b: &[String]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.windows(short.len()).any(|w| w == short)
}

/// Counts once per unit every n-gram group of `text` (see the module docs).
fn count_grams(grams: &mut HashMap<Vec<String>, Gram>, text: &str, lang: &Lang) {
    let tokens = tokenize_words(text, lang);
    let spaced = lang.is_spaced();
    let stems: Vec<String> = tokens.iter().map(|t| stem_key(t, spaced)).collect();
    let max_n = if spaced { 4 } else { 6 };
    let mut seen: Vec<Vec<String>> = Vec::new();
    for i in 0..tokens.len() {
        if tokens[i].kind == Kind::Punct {
            continue;
        }
        for n in 1..=max_n.min(tokens.len() - i) {
            let last = &tokens[i + n - 1];
            if last.kind == Kind::Punct {
                // A rendering never spans punctuation.
                break;
            }
            let key: Vec<String> = stems[i..i + n].to_vec();
            if seen.contains(&key) {
                continue;
            }
            let shown = text
                .get(tokens[i].bytes.start..last.bytes.end)
                .unwrap_or("");
            seen.push(key.clone());
            let gram = grams.entry(key).or_default();
            if gram.keys.is_empty() {
                gram.keys = tokens[i..i + n].iter().map(|t| t.key.clone()).collect();
            }
            gram.count += 1;
            match gram.forms.iter_mut().find(|f| f.0 == shown) {
                Some(f) => f.1 += 1,
                None => gram.forms.push((shown.to_string(), 1)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::unit::{NewUnit, NewVariant, Origin};

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("tag")
    }

    fn memory() -> Memory {
        let mut memory = Memory::open_in_memory().expect("memory");
        let rows = [
            (
                "The strategic partnership grows.",
                "Strateji tərəfdaşlıq böyüyür.",
            ),
            ("A new strategic partnership.", "Yeni strateji tərəfdaşlıq."),
            (
                "Strategic Partnership with China",
                "Çinlə strateji tərəfdaşlıq",
            ),
            (
                "Partnership that is strategic.",
                "Strateji olan tərəfdaşlıq.",
            ),
            ("He said \"NOT\" AND -left*.", "O dedi."),
        ];
        let rows: Vec<[(&str, &str); 2]> = rows
            .iter()
            .map(|&(en, az)| [("en", en), ("az", az)])
            .collect();
        store(&mut memory, &rows);
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
    fn the_translation_of_the_phrase_is_learned_from_co_occurrence() {
        let found = concordance(
            &memory(),
            "strategic partnership",
            &lang("en"),
            Some(&lang("az")),
            10,
        )
        .expect("search");
        // The most frequent of the forms (two units write it in lower case).
        assert_eq!(found.translations[0].text, "strateji tərəfdaşlıq");
        assert_eq!(found.translations[0].count, 3);
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
        store(
            &mut writer,
            &[[
                ("en", "The strategic partnership grows."),
                ("az", "Strateji tərəfdaşlıq böyüyür."),
            ]],
        );
        let reader = Memory::open_read_only(&path).expect("read-only");
        let found =
            concordance(&reader, "strategic partnership", &lang("en"), None, 10).expect("search");
        assert_eq!(found.total, 1);
    }

    #[test]
    fn azerbaijani_i_folding_applies() {
        let found =
            concordance(&memory(), "STRATEJİ TƏRƏFDAŞLIQ", &lang("az"), None, 10).expect("search");
        assert_eq!(found.total, 3);
    }

    /// Units of four languages each.
    /// One manual unit per row, a variant per (language, text).
    fn store<const N: usize>(memory: &mut Memory, rows: &[[(&str, &str); N]]) {
        let units: Vec<NewUnit> = rows
            .iter()
            .map(|row| {
                let variants = row
                    .iter()
                    .map(|(tag, text)| NewVariant::new(lang(tag), *text));
                NewUnit::new(Origin::Manual, variants.collect())
            })
            .collect();
        memory.insert_units(&units, 0).expect("insert");
    }

    /// The best rendering into `tag`: (text, count).
    fn top(found: &Concordance, tag: &str) -> (String, usize) {
        let r = found
            .translations
            .iter()
            .find(|r| r.lang == tag)
            .expect("a rendering");
        (r.text.clone(), r.count)
    }

    /// The distractor ("Joint Declaration") is in every unit; the translation in three of four,
    /// in different inflected forms; one unit paraphrases.
    fn declaration_memory() -> Memory {
        let mut memory = Memory::open_in_memory().expect("memory");
        store(
            &mut memory,
            &[
                [
                    ("en", "The Joint Declaration develops economic cooperation."),
                    (
                        "az",
                        "Birgə Bəyannamə iqtisadi əməkdaşlığı inkişaf etdirir.",
                    ),
                    (
                        "ru",
                        "Совместная декларация развивает экономическое сотрудничество.",
                    ),
                    ("zh", "联合声明发展经济合作。"),
                ],
                [
                    (
                        "en",
                        "They confirmed economic cooperation in the Joint Declaration.",
                    ),
                    (
                        "az",
                        "Onlar iqtisadi əməkdaşlığı Birgə Bəyannamədə təsdiqlədi.",
                    ),
                    (
                        "ru",
                        "Они подтвердили экономическое сотрудничество в Совместной декларации.",
                    ),
                    ("zh", "他们在联合声明中确认了经济合作。"),
                ],
                [
                    (
                        "en",
                        "The Joint Declaration on economic cooperation was signed.",
                    ),
                    ("az", "İqtisadi əməkdaşlığın Birgə Bəyannaməsi imzalandı."),
                    (
                        "ru",
                        "Совместная декларация об экономическом сотрудничестве подписана.",
                    ),
                    ("zh", "关于经济合作的联合声明已签署。"),
                ],
                [
                    (
                        "en",
                        "Under the Joint Declaration, economic cooperation grows.",
                    ),
                    ("az", "Birgə Bəyannamə ilə təsərrüfat birliyi artır."),
                    ("ru", "По Совместной декларации хозяйственные связи растут."),
                    ("zh", "根据联合声明，双方往来增加。"),
                ],
            ],
        );
        memory
    }

    #[test]
    fn inflected_renderings_with_seed_lexicon_evidence_beat_co_occurring_distractors() {
        let found = concordance(
            &declaration_memory(),
            "economic cooperation",
            &lang("en"),
            None,
            10,
        )
        .expect("search");
        assert_eq!(found.total, 4);
        // The most frequent form is shown; the count is the units of every form.
        assert_eq!(
            top(&found, "az-Latn"),
            ("iqtisadi əməkdaşlığı".to_string(), 3)
        );
        assert_eq!(
            top(&found, "ru"),
            ("экономическое сотрудничество".to_string(), 3)
        );
        assert_eq!(top(&found, "zh-Hans"), ("经济合作".to_string(), 3));
    }

    #[test]
    fn without_lexicon_evidence_co_occurrence_and_length_decide() {
        // Nothing in the seed lexicons translates "joint" or "declaration": the distractor of the
        // other test is now the phrase, and found in every unit.
        let found = concordance(
            &declaration_memory(),
            "Joint Declaration",
            &lang("en"),
            Some(&lang("az")),
            10,
        )
        .expect("search");
        assert_eq!(top(&found, "az-Latn"), ("Birgə Bəyannamə".to_string(), 4));
    }

    #[test]
    fn the_learned_lexicon_ranks_a_translation_above_a_more_frequent_co_occurrence() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let rows = [
            (
                "The strategic partnership grows.",
                "Birgə Bəyannamə: strateji tərəfdaşlıq böyüyür.",
            ),
            (
                "A strategic partnership is declared.",
                "Birgə Bəyannamə strateji tərəfdaşlığın başlanğıcıdır.",
            ),
            (
                "Strategic partnership, they said.",
                "Birgə Bəyannamə, dedilər.",
            ),
        ];
        let rows: Vec<[(&str, &str); 2]> = rows
            .iter()
            .map(|&(en, az)| [("en", en), ("az", az)])
            .collect();
        store(&mut memory, &rows);
        let pairs = learned_pairs();
        memory
            .learn_lexicon(&lang("en"), &lang("az"), &pairs)
            .expect("learn");
        let found =
            concordance(&memory, "strategic partnership", &lang("en"), None, 10).expect("search");
        assert_eq!(
            top(&found, "az-Latn"),
            ("strateji tərəfdaşlıq".to_string(), 2)
        );
    }

    /// Confident beads that teach the lexicon `strategic` → `strateji`, `partnership` → `tərəfdaşlıq`.
    fn learned_pairs() -> Vec<(String, String)> {
        [
            ("strategic goals", "strateji məqsədlər"),
            ("strategic aims", "strateji hədəflər"),
            ("new partnership", "yeni tərəfdaşlıq"),
            ("partnership talks", "tərəfdaşlıq danışıqları"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn stems_group_inflections_and_lengths_follow_the_script() {
        let az = lang("az");
        let keys = |text: &str| -> Vec<String> {
            tokenize_words(text, &az)
                .iter()
                .map(|t| stem_key(t, true))
                .collect()
        };
        assert_eq!(keys("tərəfdaşlıq"), keys("Tərəfdaşlığın"));
        assert_ne!(keys("tərəfdaşlıq"), keys("strateji"));
        let phrase = "strategic partnership";
        let p = tokenize_words(phrase, &lang("en"));
        assert_eq!(expected_length(phrase, &p, &lang("en"), &az), 2.0);
        let zh = expected_length(phrase, &p, &lang("en"), &lang("zh"));
        assert!((6.0..8.0).contains(&zh), "{zh}");
    }

    #[test]
    fn the_phrase_lexicon_is_the_learned_lexicon_read_by_key() {
        let mut memory = Memory::open_in_memory().expect("memory");
        let pairs = learned_pairs();
        let (en, az) = (lang("en"), lang("az"));
        memory.learn_lexicon(&en, &az, &pairs).expect("learn");
        for (src, tgt, keys) in [
            (&en, &az, ["strate", "partne", "goals"]),
            (&az, &en, ["strate", "tərəfd", "yeni"]),
        ] {
            let keys: Vec<String> = keys.iter().map(|k| k.to_string()).collect();
            let whole = memory.learned_lexicon(src, tgt).expect("whole");
            let by_key = phrase_lexicon(&memory, &keys, src, tgt).expect("by key");
            for k in &keys {
                assert_eq!(by_key.get(k), whole.get(k), "{k}");
            }
            assert!(!by_key.get("strate").is_empty());
        }
    }
}
