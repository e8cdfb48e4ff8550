//! Stock phrases of a memory: the recurring multi-word expressions of one language, ranked by
//! C-value, with their translations in the other languages.
//!
//! **Candidates.** The units' texts are cut into sentences ([`crate::segment`]), and a sentence met
//! before (the same words, whatever the punctuation) is skipped: the same sentence stored in
//! several units (a 2-1 bead and a 1-1 bead of one article, an article aligned from two versions)
//! counts once, or a repeated paragraph would outrank every real term. A candidate is every run of
//! 2 to 6 [`Word`]s of a sentence (as [`Tokenizer::words`] cuts it: hyphenated compounds one
//! word, Chinese segmented by jieba) that
//!
//! - does not cross punctuation: between two of its words there is only white space (a comma,
//!   quote, bracket or full stop ends a run; Chinese words must touch);
//! - starts and ends with a word of the language that is not a function word
//!   ([`Tokenizer::is_function_word`]: *the, of, in, и, в, və, 的 …*), a number or a sign
//!   (so *of the Republic* and *2,7 %* are never terms; a number inside, *G 20 summit*, is fine),
//!   nor, in English, a preposition, quantifier or verb of saying that the function-word list
//!   leaves out (*between*, *most*, *said*: *police said* is no term);
//! - holds inside no function word but English *of* and *of the* (*President of the Republic of
//!   Azerbaijan*): *cent in the Republic*, *China and Russia* and *seek the death penalty* are no
//!   candidates.
//!
//! Occurrences are grouped by the *stems* of their words ([`Tokenizer::stem`]), so *strategic
//! partnership* and *strategic partnerships*, *стратегическое партнерство* and *стратегического
//! партнерства*, *North Korea* and *North Korea's* are one candidate, shown in its most frequent
//! form (case folded; an English possessive at the end is left out of the form). A candidate's
//! frequency `f` is the number of distinct sentences it occurs in.
//!
//! Two candidates side by side are no term: a candidate that splits into two candidates, each in
//! more sentences than it (*People's Republic of China* + *Xi Jinping*), is not listed (it still
//! counts as a longer candidate below, so that its fragments, *China Xi Jinping*, drop out).
//!
//! **Ranking: C-value** (Frantzi, Ananiadou & Mima 2000, *Automatic recognition of multi-word
//! terms: the C-value/NC-value method*, IJDL 3(2)): for a candidate `a` of `|a|` words,
//!
//! ```text
//! C(a) = log2|a| · f(a)                                   if no longer candidate contains a
//! C(a) = log2|a| · (f(a) − Σ_{b ∈ T(a)} f(b) / |T(a)|)    otherwise
//! ```
//!
//! where `T(a)` are the candidates (of at least [`TermOptions::min_count`] sentences) that contain `a`
//! as a run of words. A nested candidate thus counts only what it has on its own: *Ilham Aliyev*
//! inside *President Ilham Aliyev* keeps its occurrences outside the title. A fragment that never
//! occurs outside one longer candidate (*Republic of China* and *People's Republic*, always inside
//! *People's Republic of China*) drops to zero and out, whatever else contains it (a deviation:
//! the plain average would leave it some of its count when other, rarer candidates contain it too). Candidates whose C-value is below 1 (less
//! than one sentence of its own) are left out. Ties are broken by frequency, then by the form.
//!
//! **Translations** ([`find_terms`]): for each other language, a word-alignment [`Model`] is trained
//! on the units that have both languages, and each term's renderings come from
//! [`renderings`](super::renderings) over the units that contain it (consistent phrase pairs,
//! ranked by support, inflected forms grouped, never a lone function word or number). A term keeps
//! its best rendering when at least [`TermOptions::min_support`] units support it, and up to two
//! more that have at least half of the best one's support.
//!
//! Limits: the candidates of every unit are held in memory (a few hundred bytes per distinct
//! candidate), and each language pair's model is trained in process; a memory of millions of
//! units wants a persisted model and a pruning pass first.
//!
//! Pure: no I/O, no SQL.

use std::collections::{HashMap, HashSet};

use super::{Model, RenderingOptions, Tokenizer, Word, WordKind, renderings};
use crate::lang::Lang;
use crate::segment::Segmenter;

/// How terms are mined.
#[derive(Clone, Debug, PartialEq)]
pub struct TermOptions {
    /// Fewest distinct sentences a term must occur in.
    pub min_count: usize,
    /// Fewest words of a term.
    pub min_words: usize,
    /// Most words of a term.
    pub max_words: usize,
    /// Most terms returned (the best by C-value).
    pub limit: usize,
    /// Fewest units that must support a translation for it to be kept.
    pub min_support: usize,
}

impl Default for TermOptions {
    fn default() -> TermOptions {
        TermOptions {
            min_count: 3,
            min_words: 2,
            max_words: 6,
            limit: 100,
            min_support: 2,
        }
    }
}

/// A translation of a term found in the memory's units.
#[derive(Clone, Debug, PartialEq)]
pub struct TermTranslation {
    /// Its language.
    pub lang: Lang,
    /// The rendering in its most frequent form.
    pub text: String,
    /// Units in which it renders the term.
    pub support: usize,
    /// Units that contain the term and have text in `lang`.
    pub total: usize,
}

/// A term: a recurring multi-word expression of one language.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The most frequent form, as written in a unit.
    pub text: String,
    /// How many words it has.
    pub words: usize,
    /// How many distinct sentences it occurs in.
    pub count: usize,
    /// Its C-value (see the module docs).
    pub c_value: f32,
    /// The units it was counted in (indices into the texts mined), ascending: a unit whose
    /// sentences all came before in other units is not among them.
    pub units: Vec<usize>,
    /// The shortest sentence that contains it: an example of use.
    pub context: String,
    /// Its translations, by language in the order asked, best first within a language.
    pub translations: Vec<TermTranslation>,
}

/// Parallel texts to mine: one row per unit, one column per language; column 0 holds the
/// language whose terms are mined.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermCorpus {
    /// The languages of the columns.
    pub langs: Vec<Lang>,
    /// The units: `rows[u][k]` is unit `u`'s text in `langs[k]`, if it has one.
    pub rows: Vec<Vec<Option<String>>>,
}

/// One candidate while counting.
#[derive(Default)]
struct Candidate {
    words: usize,
    /// Distinct sentences it occurs in.
    count: usize,
    units: Vec<usize>,
    /// The shortest of those sentences.
    context: Option<String>,
    /// Forms by their case-folded text, then as written.
    forms: HashMap<String, HashMap<String, usize>>,
}

/// The terms of `texts` (all in `lang`), best first: see the module docs for the method.
///
/// ```
/// use tmkit::Lang;
/// use tmkit::phrase::terms::{self, TermOptions};
///
/// let texts = [
///     "The prime minister met the foreign minister.",
///     "Prime Minister Ali spoke.",
///     "The prime ministers of both countries spoke.",
///     "The foreign minister left.",
/// ];
/// let found = terms::mine(&texts, &Lang::parse("en")?, &TermOptions { min_count: 2, ..TermOptions::default() });
/// let list: Vec<(&str, usize)> = found.iter().map(|t| (t.text.as_str(), t.count)).collect();
/// assert_eq!(list, [("prime minister", 3), ("foreign minister", 2)]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn mine(texts: &[&str], lang: &Lang, options: &TermOptions) -> Vec<Term> {
    let tok = Tokenizer::new(lang);
    let connectors = connectors(lang);
    let min_words = options.min_words.max(1);
    let max_words = options.max_words.max(min_words);
    // Candidates up to two words longer than a term may be are counted too, only so that a
    // fragment of a longer expression (*President of the People's Republic*, always followed by
    // *of China*) loses its occurrences to it; they are never listed.
    let counted_words = max_words + 2;
    let segmenter = Segmenter::for_lang(lang);
    let mut stems: HashMap<String, String> = HashMap::new();
    let mut candidates: HashMap<Vec<String>, Candidate> = HashMap::new();
    // Sentences met so far, by their word keys: a sentence stored in several units counts once.
    let mut sentences: HashSet<Vec<String>> = HashSet::new();
    for (unit, text) in texts.iter().enumerate() {
        for sentence in segmenter.segment(text) {
            let sentence = sentence.text(text);
            let words = tok.words(&sentence);
            if !sentences.insert(words.iter().map(|w| w.key.clone()).collect()) {
                continue;
            }
            let keys: Vec<String> = words
                .iter()
                .map(|w| {
                    stems
                        .entry(w.key.clone())
                        .or_insert_with(|| tok.stem(&w.key))
                        .clone()
                })
                .collect();
            let edge: Vec<bool> = words.iter().map(|w| is_edge_word(&tok, w)).collect();
            let inner: Vec<bool> = (0..words.len())
                .map(|i| edge[i] || is_inner_word(&tok, &words, i, connectors))
                .collect();
            let mut seen: HashSet<&[String]> = HashSet::new();
            for start in 0..words.len() {
                if !edge[start] {
                    continue;
                }
                for end in start + 1..words.len().min(start + counted_words) {
                    if !joined(&sentence, &words[end - 1], &words[end]) || !inner[end] {
                        break;
                    }
                    let n = end - start + 1;
                    if n < min_words || !edge[end] {
                        continue;
                    }
                    let key = &keys[start..=end];
                    if !seen.insert(key) {
                        continue;
                    }
                    let form =
                        &sentence[words[start].bytes.start..form_end(&tok, &sentence, &words[end])];
                    let candidate = candidates.entry(key.to_vec()).or_default();
                    candidate.words = n;
                    candidate.count += 1;
                    if candidate.units.last() != Some(&unit) {
                        candidate.units.push(unit);
                    }
                    let shorter = candidate
                        .context
                        .as_ref()
                        .is_none_or(|c| sentence.chars().count() < c.chars().count());
                    if shorter {
                        candidate.context = Some(sentence.clone().into_owned());
                    }
                    *candidate
                        .forms
                        .entry(lang.fold(form))
                        .or_default()
                        .entry(form.to_owned())
                        .or_default() += 1;
                }
            }
        }
    }
    candidates.retain(|_, c| c.count >= options.min_count.max(1));
    // Two terms side by side are no term: a candidate that splits into two candidates, each more
    // frequent than it, is not listed (it still takes its fragments' occurrences, so that *China Xi
    // Jinping* does not come up in its place).
    let glued: HashSet<Vec<String>> = candidates
        .iter()
        .filter(|(key, candidate)| {
            (min_words..=key.len().saturating_sub(min_words)).any(|k| {
                let more = |part: &[String]| {
                    candidates
                        .get(part)
                        .is_some_and(|c| c.count > candidate.count)
                };
                more(&key[..k]) && more(&key[k..])
            })
        })
        .map(|(key, _)| key.clone())
        .collect();
    // Nested counts: for each candidate, the candidates inside it (each once).
    // Per nested candidate: the sum and number of the candidates around it, and the largest count
    // among them.
    let mut nested: HashMap<&[String], (usize, usize, usize)> = HashMap::new();
    for (key, candidate) in &candidates {
        let mut inside: HashSet<&[String]> = HashSet::new();
        for len in min_words..key.len() {
            for start in 0..=key.len() - len {
                let sub = &key[start..start + len];
                if candidates.contains_key(sub) {
                    inside.insert(sub);
                }
            }
        }
        for sub in inside {
            let entry = nested.entry(sub).or_default();
            entry.0 += candidate.count;
            entry.1 += 1;
            entry.2 = entry.2.max(candidate.count);
        }
    }
    let mut terms: Vec<Term> = candidates
        .iter()
        .filter(|(key, candidate)| candidate.words <= max_words && !glued.contains(*key))
        .filter_map(|(key, candidate)| {
            let f = candidate.count as f32;
            let own = match nested.get(key.as_slice()) {
                // Never outside one longer candidate: a fragment of it.
                Some(&(_, _, largest)) if largest >= candidate.count => 0.0,
                Some(&(sum, n, _)) => f - sum as f32 / n as f32,
                None => f,
            };
            let c_value = (candidate.words as f32).log2() * own;
            (c_value >= 1.0).then(|| {
                let text = most_frequent(&candidate.forms);
                Term {
                    text,
                    words: candidate.words,
                    count: candidate.count,
                    c_value,
                    units: candidate.units.clone(),
                    context: candidate.context.clone().unwrap_or_default(),
                    translations: Vec::new(),
                }
            })
        })
        .collect();
    terms.sort_by(|a, b| {
        b.c_value
            .total_cmp(&a.c_value)
            .then(b.count.cmp(&a.count))
            .then(a.text.cmp(&b.text))
    });
    terms.truncate(options.limit);
    terms
}

/// The terms of column 0 of `corpus` with their translations in every other column: see the
/// module docs. Terms are mined from the units that have text in column 0; indices in
/// [`Term::units`] are rows of `corpus`.
pub fn find_terms(corpus: &TermCorpus, options: &TermOptions) -> Vec<Term> {
    let Some(src_lang) = corpus.langs.first() else {
        return Vec::new();
    };
    let rows: Vec<usize> = (0..corpus.rows.len())
        .filter(|&u| text_of(corpus, u, 0).is_some())
        .collect();
    let texts: Vec<&str> = rows
        .iter()
        .map(|&u| text_of(corpus, u, 0).unwrap_or_default())
        .collect();
    let mut terms = mine(&texts, src_lang, options);
    for term in &mut terms {
        term.units = term.units.iter().map(|&i| rows[i]).collect();
    }
    for (column, lang) in corpus.langs.iter().enumerate().skip(1) {
        let pairs: Vec<(&str, &str)> = (0..corpus.rows.len())
            .filter_map(|u| Some((text_of(corpus, u, 0)?, text_of(corpus, u, column)?)))
            .collect();
        if pairs.is_empty() {
            continue;
        }
        let model = Model::train(pairs.iter().copied(), src_lang, lang);
        for term in &mut terms {
            let units = term
                .units
                .iter()
                .filter_map(|&u| Some((text_of(corpus, u, 0)?, text_of(corpus, u, column)?)));
            let found = renderings(&model, &term.text, units, &RenderingOptions::default());
            let Some(best) = found.first() else { continue };
            if best.support < options.min_support.max(1) {
                continue;
            }
            let floor = best.support.div_ceil(2).max(options.min_support.max(1));
            for rendering in found.iter().take(3) {
                if rendering.support < floor {
                    break;
                }
                term.translations.push(TermTranslation {
                    lang: lang.clone(),
                    text: rendering.text.clone(),
                    support: rendering.support,
                    total: rendering.total,
                });
            }
        }
    }
    terms
}

/// Row `u`'s text in column `k`, if it has a non-blank one.
fn text_of(corpus: &TermCorpus, u: usize, k: usize) -> Option<&str> {
    corpus
        .rows
        .get(u)?
        .get(k)?
        .as_deref()
        .filter(|t| !t.trim().is_empty())
}

/// Whether a term may start or end with `word`: a word of the language, neither a function word
/// nor one of the language's [`edge_stop_words`].
fn is_edge_word(tok: &Tokenizer, word: &Word) -> bool {
    word.kind == WordKind::Word
        && !tok.is_function_word(&word.key)
        && !edge_stop_words(tok.lang()).contains(&word.key.as_str())
}

/// Words the word aligner treats as content words but that never start or end a term (keys):
/// for English news, the prepositions and quantifiers the function-word list leaves out (*between
/// Azerbaijan*, *one of the most*) and the verbs of saying (*police said*, *Trump said*), the most
/// frequent neighbours of names in news text. Other languages have none yet.
fn edge_stop_words(lang: &Lang) -> &'static [&'static str] {
    match lang.language() {
        "en" => &[
            "according",
            "across",
            "added",
            "against",
            "among",
            "around",
            "between",
            "during",
            "even",
            "just",
            "least",
            "less",
            "many",
            "more",
            "most",
            "much",
            "now",
            "one",
            "only",
            "said",
            "say",
            "says",
            "since",
            "still",
            "through",
            "told",
            "under",
            "until",
            "very",
            "within",
            "without",
        ],
        _ => &[],
    }
}

/// Where a term that ends with `word` ends: before a possessive that the word's key leaves out
/// (*North Korea's* is shown as *North Korea*).
fn form_end(tok: &Tokenizer, text: &str, word: &Word) -> usize {
    let written = &text[word.bytes.clone()];
    for possessive in ["'s", "’s", "'S", "’S"] {
        if let Some(stem) = written.strip_suffix(possessive)
            && tok.key(stem) == word.key
        {
            return word.bytes.start + stem.len();
        }
    }
    word.bytes.end
}

/// Whether `words[i]` may stand inside a term: a number, a word that is not a function word, or
/// one of the language's `connectors` (a connector that must follow another, as English *the*
/// after *of*, only there).
fn is_inner_word(
    tok: &Tokenizer,
    words: &[Word],
    i: usize,
    connectors: &[(&str, Option<&str>)],
) -> bool {
    let word = &words[i];
    match word.kind {
        WordKind::Number => true,
        WordKind::Sign => false,
        WordKind::Word if !tok.is_function_word(&word.key) => true,
        WordKind::Word => connectors.iter().any(|&(key, after)| {
            key == word.key && after.is_none_or(|a| i > 0 && words[i - 1].key == a)
        }),
    }
}

/// The function words a term may hold inside (keys), each with the word it must follow, if any:
/// English names institutions and titles with *of* and *of the* (*President of the Republic of
/// Azerbaijan*, *Ministry of Foreign Affairs*); Azerbaijani, Russian and Chinese say the same
/// with case endings or compounds. Other function words end a run, so that *cent in the
/// Republic*, *China and Russia* or *seek the death penalty* are no candidates.
fn connectors(lang: &Lang) -> &'static [(&'static str, Option<&'static str>)] {
    match lang.language() {
        "en" => &[("of", None), ("the", Some("of"))],
        _ => &[],
    }
}

/// Whether two neighbouring words belong to one run: only white space between them.
fn joined(text: &str, a: &Word, b: &Word) -> bool {
    text.get(a.bytes.end..b.bytes.start)
        .is_some_and(|gap| gap.chars().all(char::is_whitespace))
}

/// The most frequent form (case-folded forms counted together); between equally frequent ones,
/// the one that sorts first. Written as most often, a lower-case start winning a tie (a capital is
/// often only the start of a sentence).
fn most_frequent(forms: &HashMap<String, HashMap<String, usize>>) -> String {
    let total = |written: &HashMap<String, usize>| written.values().sum::<usize>();
    forms
        .iter()
        .max_by(|a, b| total(a.1).cmp(&total(b.1)).then_with(|| b.0.cmp(a.0)))
        .and_then(|(_, written)| {
            written.iter().max_by(|a, b| {
                a.1.cmp(b.1)
                    .then_with(|| starts_lower(a.0).cmp(&starts_lower(b.0)))
                    .then_with(|| b.0.cmp(a.0))
            })
        })
        .map(|(form, _)| form.clone())
        .unwrap_or_default()
}

fn starts_lower(form: &str) -> bool {
    form.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("a valid tag")
    }

    fn options(min_count: usize) -> TermOptions {
        TermOptions {
            min_count,
            ..TermOptions::default()
        }
    }

    fn listed(terms: &[Term]) -> Vec<(String, usize)> {
        terms.iter().map(|t| (t.text.clone(), t.count)).collect()
    }

    #[test]
    fn function_words_numbers_and_punctuation_never_make_an_edge() {
        let texts = [
            "Trade grew by 2.7 per cent in the Republic of Azerbaijan, China said.",
            "Exports fell by 3.1 per cent in the Republic of Azerbaijan, Russia and China said.",
        ];
        let found = mine(&texts, &lang("en"), &options(2));
        let got = listed(&found);
        assert_eq!(
            got,
            [
                ("Republic of Azerbaijan".to_owned(), 2),
                ("per cent".to_owned(), 2),
            ]
        );
        // "China said": a verb of saying is no edge; "seek the death penalty": "the" only after
        // "of" inside a term.
        let found = mine(
            &[
                "They seek the death penalty for him.",
                "Prosecutors seek the death penalty.",
            ],
            &lang("en"),
            &options(2),
        );
        assert_eq!(listed(&found), [("death penalty".to_owned(), 2)]);
        for (text, _) in &got {
            assert!(
                !text.starts_with("of ")
                    && !text.starts_with("the ")
                    && !text.ends_with(" in")
                    && !text.contains(',')
                    && !text.starts_with(|c: char| c.is_ascii_digit()),
                "{text} is no term: {got:?}"
            );
        }
        // "Azerbaijan, China" crosses a comma.
        assert!(
            !got.iter().any(|(t, _)| t.starts_with("Azerbaijan")),
            "{got:?}"
        );
    }

    #[test]
    fn inflected_forms_are_one_term_shown_in_the_most_frequent_form() {
        let texts = [
            "Стороны подписали декларацию о стратегическом партнерстве.",
            "Это стратегическое партнерство важно.",
            "Стратегическое партнерство развивается.",
            "Уровень стратегического партнерства вырос.",
        ];
        let found = mine(&texts, &lang("ru"), &options(3));
        assert_eq!(found[0].text, "стратегическое партнерство");
        assert_eq!(found[0].count, 4);
        assert_eq!(found[0].units, [0, 1, 2, 3]);
        assert_eq!(found[0].context, "Это стратегическое партнерство важно.");
        let en = mine(
            &[
                "North Korea's leader spoke.",
                "North Korea tested a missile.",
                "North Korea’s army marched.",
            ],
            &lang("en"),
            &options(3),
        );
        assert_eq!(listed(&en), [("North Korea".to_owned(), 3)]);
    }

    #[test]
    fn a_fragment_that_never_occurs_on_its_own_is_left_out_by_its_c_value() {
        // "Ilham Aliyev" occurs 4 times, 3 of them inside "President Ilham Aliyev": one unit of
        // its own. "President Ilham" never occurs outside "President Ilham Aliyev".
        let texts = [
            "President Ilham Aliyev arrived.",
            "President Ilham Aliyev spoke.",
            "President Ilham Aliyev left.",
            "Ilham Aliyev met them.",
        ];
        let found = mine(&texts, &lang("en"), &options(2));
        let got: Vec<(&str, f32)> = found.iter().map(|t| (t.text.as_str(), t.c_value)).collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].0, "President Ilham Aliyev");
        assert!((got[0].1 - 3.0 * 3f32.log2()).abs() < 1e-5, "{got:?}");
        assert_eq!(got[1], ("Ilham Aliyev", 1.0));
        // With one more lone "Ilham Aliyev", it has 2 units of its own: C = 1 · (5 − 3).
        let mut more = texts.to_vec();
        more.push("Ilham Aliyev said so.");
        let found = mine(&more, &lang("en"), &options(2));
        let got: Vec<(&str, f32)> = found.iter().map(|t| (t.text.as_str(), t.c_value)).collect();
        assert_eq!(got[1], ("Ilham Aliyev", 2.0), "{got:?}");
        assert_eq!(found[1].count, 5);
    }

    #[test]
    fn a_fragment_inside_one_longer_term_is_left_out_even_when_rarer_terms_hold_it_too() {
        let texts = [
            "The People's Republic of China Xi Jinping spoke.",
            "The People's Republic of China Xi Jinping left.",
            "The People's Republic of China Xi Jinping came.",
            "The People's Republic of China grew.",
            "The People's Republic of China voted.",
            "The People's Republic of China Foreign Ministry said so.",
            "The People's Republic of China Foreign Ministry said no.",
        ];
        let found = mine(&texts, &lang("en"), &options(2));
        let got: Vec<(&str, f32)> = found.iter().map(|t| (t.text.as_str(), t.c_value)).collect();
        // "Republic of China" (7) is inside "People's Republic of China" (7) and the rarer
        // "… Xi Jinping" (3) and "… Foreign Ministry" (2): the plain C-value average would leave
        // it 7 − 2.5 = 4.5. "Xi Jinping" (3) never occurs outside the longer candidate.
        assert_eq!(
            got,
            [
                ("People's Republic of China", 2.0 * (7.0 - 2.5)),
                ("People's Republic of China Xi Jinping", 3.0 * 6f32.log2()),
                (
                    "People's Republic of China Foreign Ministry",
                    2.0 * 6f32.log2()
                ),
            ]
        );
    }

    #[test]
    fn two_terms_side_by_side_are_no_term() {
        let texts = [
            "The People's Republic of China Xi Jinping spoke.",
            "The People's Republic of China Xi Jinping left.",
            "The People's Republic of China grew.",
            "Xi Jinping voted.",
            "Xi Jinping came.",
            "The People's Republic of China voted.",
        ];
        let found = mine(&texts, &lang("en"), &options(2));
        let got: Vec<(&str, f32)> = found.iter().map(|t| (t.text.as_str(), t.c_value)).collect();
        assert_eq!(
            got,
            [("People's Republic of China", 4.0), ("Xi Jinping", 2.0)]
        );
    }

    #[test]
    fn chinese_terms_are_whole_words_that_touch() {
        let texts = [
            "中华人民共和国主席习近平会见了他。",
            "中华人民共和国主席发表讲话。",
            "他会见了中华人民共和国主席，然后离开。",
        ];
        let found = mine(&texts, &lang("zh"), &options(3));
        assert_eq!(listed(&found), [("中华人民共和国主席".to_owned(), 3)]);
    }

    #[test]
    fn terms_come_with_their_translations_and_support() {
        let rows = [
            (
                "The prime minister arrived.",
                Some("Премьер-министр прибыл."),
            ),
            (
                "The prime minister spoke.",
                Some("Премьер-министр выступил."),
            ),
            (
                "They met the prime minister.",
                Some("Они встретились с премьер-министром."),
            ),
            ("The prime minister left.", None),
            ("The minister arrived.", Some("Министр прибыл.")),
            ("The president spoke.", Some("Президент выступил.")),
            (
                "They met the president.",
                Some("Они встретились с президентом."),
            ),
        ];
        let corpus = TermCorpus {
            langs: vec![lang("en"), lang("ru")],
            rows: rows
                .iter()
                .map(|(en, ru)| vec![Some((*en).to_owned()), ru.map(str::to_owned)])
                .collect(),
        };
        let found = find_terms(&corpus, &options(3));
        assert_eq!(listed(&found), [("prime minister".to_owned(), 4)]);
        assert_eq!(found[0].units, [0, 1, 2, 3]);
        assert_eq!(
            found[0].translations,
            [TermTranslation {
                lang: lang("ru"),
                text: "Премьер-министр".to_owned(),
                support: 3,
                total: 3,
            }]
        );
    }

    #[test]
    fn a_translation_below_the_minimum_support_is_left_out() {
        let corpus = TermCorpus {
            langs: vec![lang("en"), lang("ru")],
            rows: vec![
                vec![Some("The prime minister arrived.".to_owned()), None],
                vec![Some("The prime minister spoke.".to_owned()), None],
                vec![
                    Some("The prime minister left.".to_owned()),
                    Some("Премьер-министр уехал.".to_owned()),
                ],
            ],
        };
        let found = find_terms(&corpus, &options(3));
        assert_eq!(found.len(), 1);
        assert!(found[0].translations.is_empty(), "{:?}", found[0]);
    }
}
