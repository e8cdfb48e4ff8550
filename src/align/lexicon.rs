//! Bilingual word lists for alignment: the seed list shipped per language pair, and what the memory
//! learns from stored units.
//!
//! Words are compared as *keys* ([`keys::word_keys`]): case-folded, cut to a short prefix in spaced
//! languages (a crude stemmer that copes with Azerbaijani suffixes and Russian endings), and character
//! bigrams in Chinese. Learning counts, for each stored unit, which source keys co-occur with which
//! target keys, and keeps the pairs whose Dice coefficient `2·c(s,t) / (c(s) + c(t))` is high
//! (Smadja et al. 1996; the association measure hunalign's dictionary building also starts from).

use std::collections::HashMap;

use super::Error;
use super::keys;
use crate::lang::Lang;

/// Seed lists, `english<TAB>translation|translation` per line, `#` comments.
const SEEDS: &[(&str, &str)] = &[
    ("az", include_str!("lexicon/en-az.tsv")),
    ("ru", include_str!("lexicon/en-ru.tsv")),
    ("zh", include_str!("lexicon/en-zh.tsv")),
];

/// Word translations for one language pair, by source key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Lexicon {
    entries: HashMap<String, Vec<String>>,
}

impl Lexicon {
    /// An empty lexicon.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// The seed list tmkit ships for `src`→`tgt` (English to az, ru or zh; the reverse direction is
    /// the same list turned round); empty for other pairs.
    pub fn seed(src: &Lang, tgt: &Lang) -> Lexicon {
        let (flip, other) = if src.language() == "en" {
            (false, tgt)
        } else if tgt.language() == "en" {
            (true, src)
        } else {
            return Lexicon::new();
        };
        let en = Lang::parse("en").expect("'en' is a valid tag");
        let Some((_, text)) = SEEDS.iter().find(|(code, _)| *code == other.language()) else {
            return Lexicon::new();
        };
        let parsed = Lexicon::parse(text, &en, other, &format!("en-{}", other.language()))
            .expect("the shipped seed lexicons parse (checked by a unit test)");
        if flip { parsed.reversed() } else { parsed }
    }

    /// Parses `word<TAB>translation|translation` lines (`#` starts a comment line).
    ///
    /// # Errors
    /// [`Error::BadLexiconLine`] for a line without a tab.
    pub fn parse(text: &str, src: &Lang, tgt: &Lang, pair: &str) -> Result<Lexicon, Error> {
        let mut lexicon = Lexicon::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((word, translations)) = line.split_once('\t') else {
                return Err(Error::BadLexiconLine {
                    pair: pair.to_string(),
                    line: index + 1,
                    found: line.to_string(),
                });
            };
            for translation in translations.split('|') {
                lexicon.insert_words(src, word.trim(), tgt, translation.trim());
            }
        }
        Ok(lexicon)
    }

    /// Adds `word` → `translation` (both as written; multi-word entries use their first content word
    /// on the source side and every key on the target side).
    pub fn insert_words(&mut self, src: &Lang, word: &str, tgt: &Lang, translation: &str) {
        let Some(key) = keys::word_keys(src, word).into_iter().next() else {
            return;
        };
        for value in keys::entry_keys(tgt, translation) {
            self.insert(key.clone(), value);
        }
    }

    /// Adds a key → key translation.
    pub fn insert(&mut self, src_key: String, tgt_key: String) {
        let list = self.entries.entry(src_key).or_default();
        if !list.contains(&tgt_key) {
            list.push(tgt_key);
        }
    }

    /// The translations of a source key.
    pub fn get(&self, src_key: &str) -> &[String] {
        self.entries.get(src_key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Number of source keys.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds every entry of `other`.
    pub fn extend(&mut self, other: &Lexicon) {
        for (k, vs) in &other.entries {
            for v in vs {
                self.insert(k.clone(), v.clone());
            }
        }
    }

    /// The same entries from target to source.
    pub fn reversed(&self) -> Lexicon {
        let mut out = Lexicon::new();
        for (k, vs) in &self.entries {
            for v in vs {
                out.insert(v.clone(), k.clone());
            }
        }
        out
    }

    /// All target keys, for telling known target words from unknown ones.
    pub fn target_keys(&self) -> impl Iterator<Item = &str> {
        self.entries.values().flatten().map(String::as_str)
    }
}

/// The seed list's entries for `src`→`tgt` as written, one `(word, translation)` per translation
/// (English to az, ru or zh, or turned round; empty for other pairs): what the phrase aligner
/// trains on besides the memory's units, as a prior.
pub fn seed_entries(src: &Lang, tgt: &Lang) -> Vec<(String, String)> {
    let (flip, other) = if src.language() == "en" {
        (false, tgt)
    } else if tgt.language() == "en" {
        (true, src)
    } else {
        return Vec::new();
    };
    let Some((_, text)) = SEEDS.iter().find(|(code, _)| *code == other.language()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((word, translations)) = line.split_once('\t') else {
            continue;
        };
        for t in translations
            .split('|')
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let pair = (word.trim().to_owned(), t.to_owned());
            out.push(if flip { (pair.1, pair.0) } else { pair });
        }
    }
    out
}

/// Co-occurrence counts of source and target keys over aligned sentence pairs.
#[derive(Clone, Debug, Default)]
pub struct Counts {
    /// Pairs counted.
    pub units: u64,
    /// In how many pairs each source key occurs.
    pub src: HashMap<String, u64>,
    /// In how many pairs each target key occurs.
    pub tgt: HashMap<String, u64>,
    /// In how many pairs each (source key, target key) occurs.
    pub pair: HashMap<(String, String), u64>,
}

/// A pair must co-occur this often before it is trusted (one co-occurrence is chance).
pub const MIN_COOCCURRENCE: u64 = 2;
/// Dice below this is association by chance or by frequency, not translation.
pub const MIN_DICE: f64 = 0.6;
/// Translations kept per source key.
const MAX_TRANSLATIONS: usize = 3;

impl Counts {
    /// Counts one aligned pair of texts.
    pub fn add(&mut self, src_lang: &Lang, src: &str, tgt_lang: &Lang, tgt: &str) {
        let mut s = keys::learn_keys(src_lang, src);
        let mut t = keys::learn_keys(tgt_lang, tgt);
        s.sort_unstable();
        s.dedup();
        t.sort_unstable();
        t.dedup();
        self.units += 1;
        for k in &s {
            *self.src.entry(k.clone()).or_default() += 1;
        }
        for k in &t {
            *self.tgt.entry(k.clone()).or_default() += 1;
        }
        for a in &s {
            for b in &t {
                *self.pair.entry((a.clone(), b.clone())).or_default() += 1;
            }
        }
    }

    /// Adds the counts of `other` (a corpus made of both).
    pub fn merge(&mut self, other: &Counts) {
        self.units += other.units;
        for (k, c) in &other.src {
            *self.src.entry(k.clone()).or_default() += c;
        }
        for (k, c) in &other.tgt {
            *self.tgt.entry(k.clone()).or_default() += c;
        }
        for (k, c) in &other.pair {
            *self.pair.entry(k.clone()).or_default() += c;
        }
    }

    /// Takes away the counts of `other`, which must have been merged in (leave-one-out learning);
    /// counts never go below zero.
    pub fn subtract(&mut self, other: &Counts) {
        self.units = self.units.saturating_sub(other.units);
        for (k, c) in &other.src {
            if let Some(v) = self.src.get_mut(k) {
                *v = v.saturating_sub(*c);
            }
        }
        for (k, c) in &other.tgt {
            if let Some(v) = self.tgt.get_mut(k) {
                *v = v.saturating_sub(*c);
            }
        }
        for (k, c) in &other.pair {
            if let Some(v) = self.pair.get_mut(k) {
                *v = v.saturating_sub(*c);
            }
        }
    }

    /// The translations these counts support: pairs seen at least [`MIN_COOCCURRENCE`] times with Dice
    /// at least [`MIN_DICE`], the best few per source key.
    pub fn to_lexicon(&self) -> Lexicon {
        let mut best: HashMap<&str, Vec<(f64, &str)>> = HashMap::new();
        for ((s, t), &c) in &self.pair {
            if c < MIN_COOCCURRENCE {
                continue;
            }
            let cs = self.src.get(s).copied().unwrap_or(c);
            let ct = self.tgt.get(t).copied().unwrap_or(c);
            let dice = 2.0 * c as f64 / (cs + ct) as f64;
            if dice >= MIN_DICE {
                best.entry(s).or_default().push((dice, t));
            }
        }
        let mut lexicon = Lexicon::new();
        for (s, mut list) in best {
            list.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
            for (_, t) in list.into_iter().take(MAX_TRANSLATIONS) {
                lexicon.insert(s.to_string(), t.to_string());
            }
        }
        lexicon
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang(tag: &str) -> Lang {
        Lang::parse(tag).expect("valid tag")
    }

    #[test]
    fn seed_entries_are_the_written_pairs_either_way_round() {
        let (en, ru) = (lang("en"), lang("ru"));
        let forward = seed_entries(&en, &ru);
        assert!(forward.contains(&("president".to_string(), "президент".to_string())));
        let back = seed_entries(&ru, &en);
        assert!(back.contains(&("президент".to_string(), "president".to_string())));
        assert_eq!(forward.len(), back.len());
        assert!(seed_entries(&ru, &lang("az")).is_empty());
    }

    #[test]
    fn the_shipped_seed_lexicons_parse() {
        for (code, text) in SEEDS {
            let parsed = Lexicon::parse(text, &lang("en"), &lang(code), code);
            assert!(parsed.is_ok(), "en-{code}: {parsed:?}");
            assert!(parsed.map(|l| l.len()).unwrap_or(0) > 100, "en-{code}");
        }
    }

    #[test]
    fn seed_lexicon_maps_president_across_pairs() {
        let az = Lexicon::seed(&lang("en"), &lang("az"));
        assert!(az.get("presid").iter().any(|t| t == "prezid"));
        let zh = Lexicon::seed(&lang("en"), &lang("zh"));
        assert!(zh.get("presid").iter().any(|t| t == "总统"));
    }

    #[test]
    fn a_line_without_a_tab_is_an_error_with_its_line() {
        let err = Lexicon::parse("# c\nword only\n", &lang("en"), &lang("az"), "en-az");
        assert!(matches!(err, Err(Error::BadLexiconLine { line: 2, .. })));
    }

    #[test]
    fn subtracting_merged_counts_restores_the_original() {
        let (en, ru) = (lang("en"), lang("ru"));
        let mut a = Counts::default();
        a.add(&en, "The parliament voted.", &ru, "Парламент проголосовал.");
        let mut b = Counts::default();
        b.add(&en, "The parliament met.", &ru, "Парламент собрался.");
        let mut total = a.clone();
        total.merge(&b);
        assert_eq!(total.pair[&("parlia".to_string(), "парлам".to_string())], 2);
        total.subtract(&b);
        assert_eq!(total.units, a.units);
        assert_eq!(total.pair[&("parlia".to_string(), "парлам".to_string())], 1);
        assert_eq!(total.pair[&("met".to_string(), "собрал".to_string())], 0);
    }

    #[test]
    fn counts_learn_a_repeated_translation() {
        let (en, ru) = (lang("en"), lang("ru"));
        let mut counts = Counts::default();
        counts.add(&en, "The parliament voted.", &ru, "Парламент проголосовал.");
        counts.add(
            &en,
            "The parliament met today.",
            &ru,
            "Парламент собрался сегодня.",
        );
        counts.add(
            &en,
            "The parliament adjourned.",
            &ru,
            "Парламент ушёл на перерыв.",
        );
        counts.add(&en, "Rain fell.", &ru, "Шёл дождь.");
        let lexicon = counts.to_lexicon();
        assert_eq!(lexicon.get("parlia"), &["парлам".to_string()]);
    }
}
