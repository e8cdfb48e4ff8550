//! The near-duplicate memory of the fuzzy benchmark: an agency's archive, where the same stock
//! sentence comes back hundreds of times with another number, name or dateline (issue #15).
//!
//! *Families.* Each family has a base sentence. The first families take the templates as they are;
//! later ones fork a template: its first clause joined to the rest of another template, or two of its
//! words replaced by others (a stock sentence the agency derived from another). Family sizes follow a
//! Zipf law: the family of rank `r` has `LARGEST · r^-s` units, with `s` chosen so that the median
//! family has `MEDIAN` units, and as many families as it takes to reach the memory's size (239 for
//! 100,000 units, 3,473 for 1,000,000, 19,319 for 5,000,000). From 100,000 units on the sizes do not
//! grow with the memory: a larger archive has more stock sentences, not larger families, and the law
//! flattens (`s` falls from 0.82 at 100,000 units to 0.52 at 1,000,000 and 0.43 at 5,000,000, so the
//! largest family is 10% of a 100k memory, 1% of a 1M one and 0.2% of a 5M one; the median stays 200).
//! A smaller memory (a young archive) scales both down with its size, to a largest family of a tenth
//! of the memory and a median of a 500th: 10,000 units are the 239 families of the 100k memory at a
//! tenth of their size (largest 1,000, median 20), not one family of 10,000. With about 1,000 NTREX
//! templates, a 5M memory's families are each template's own family and about 18 forks of it. The
//! units of all families are shuffled, as an archive interleaves them.
//!
//! *Variants.* A unit of a family is its base sentence with its numbers replaced (in every language
//! where the number is written alike), and, each with its own chance: an agency dateline in front
//! ("Baku, May 12 (AZERTAC) – …", in the other languages in their form), a capitalised word replaced
//! by a name, a word replaced by another, a word inserted, a word deleted (these three in the first
//! language only, as an editor's touch), or its first clause joined to the rest of another template.
//!
//! Everything is driven by fixed SplitMix64 seeds, so a run is repeatable.

use super::fuzzy::{NAMES, Rng, is_number, replace_word};
use crate::fuzzy::date;
use crate::lang::Lang;

/// Units of the largest family.
const LARGEST: f64 = 10_000.0;

/// Units of the median family.
const MEDIAN: f64 = 200.0;

/// Chance of each variation of a unit, in percent.
const DATELINE: usize = 60;
const NAME: usize = 40;
const SUBSTITUTION: usize = 30;
const INSERTION: usize = 20;
const DELETION: usize = 20;
const RECOMBINATION: usize = 10;

/// Cities of the datelines: English, Azerbaijani, Russian, Chinese.
const CITIES: &[[&str; 4]] = &[
    ["Baku", "Bakı", "Баку", "巴库"],
    ["Ganja", "Gəncə", "Гянджа", "占贾"],
    ["Shusha", "Şuşa", "Шуша", "舒沙"],
    ["Nakhchivan", "Naxçıvan", "Нахчыван", "纳希切万"],
    ["Astana", "Astana", "Астана", "阿斯塔纳"],
    ["Ankara", "Ankara", "Анкара", "安卡拉"],
    ["Moscow", "Moskva", "Москва", "莫斯科"],
    ["Tbilisi", "Tbilisi", "Тбилиси", "第比利斯"],
];

/// News agencies of the datelines, English and Azerbaijani.
const AGENCIES: &[[&str; 2]] = &[
    ["AZERTAC", "AZƏRTAC"],
    ["Trend", "Trend"],
    ["APA", "APA"],
    ["Report", "Report"],
];

/// The family sizes of a memory of `units` units, largest first; they add up to `units`.
pub(crate) fn family_sizes(units: usize) -> Vec<usize> {
    // Below 100,000 units both ends scale with the memory (see the module doc).
    let largest = LARGEST.min(units as f64 / 10.0).max(1.0);
    let median = MEDIAN * largest / LARGEST;
    let sizes_for = |families: usize| -> Vec<usize> {
        // The median family has rank families / 2: largest · (families/2)^-s = median.
        let half = (families as f64 / 2.0).max(2.0);
        let s = (largest / median).ln() / half.ln();
        (1..=families)
            .map(|r| ((largest * (r as f64).powf(-s)).round() as usize).max(1))
            .collect()
    };
    // The fewest families whose sizes reach `units` (the sum grows with the number of families).
    let (mut low, mut high) = (1usize, 1usize);
    while sizes_for(high).iter().sum::<usize>() < units {
        low = high;
        high *= 2;
    }
    while low < high {
        let mid = (low + high) / 2;
        if sizes_for(mid).iter().sum::<usize>() < units {
            low = mid + 1;
        } else {
            high = mid;
        }
    }
    let mut sizes = sizes_for(high);
    // Trim the smallest families so the sizes add up exactly.
    let mut excess = sizes.iter().sum::<usize>().saturating_sub(units);
    while excess > 0 {
        let Some(last) = sizes.last_mut() else { break };
        let cut = excess.min(*last);
        *last -= cut;
        excess -= cut;
        if *last == 0 {
            sizes.pop();
        }
    }
    sizes
}

/// The first clause of `text` (up to and including its first comma) and the rest, if it has a comma
/// with words on both sides.
fn split_clause(text: &str) -> Option<(&str, &str)> {
    let at = text.find(", ")?;
    let (first, rest) = (&text[..=at], text[at + 1..].trim_start());
    (first.len() > 3 && rest.len() > 3).then_some((first, rest))
}

/// The first clause of `a` joined to the rest of `b`, in each language where both split.
fn recombine(a: &[String], b: &[String]) -> Vec<String> {
    a.iter()
        .zip(b)
        .map(|(a, b)| match (split_clause(a), split_clause(b)) {
            (Some((first, _)), Some((_, rest))) => format!("{first} {rest}"),
            _ => a.clone(),
        })
        .collect()
}

/// A dateline in a language.
fn dateline(lang: &str, city: &[&str; 4], agency: &[&str; 2], day: usize, month: usize) -> String {
    match lang {
        "az" => format!("{}, {day} {} ({}) – ", city[1], date::AZ[month], agency[1]),
        "ru" => format!(
            "{}, {day} {} ({}) – ",
            city[2],
            date::RU_GEN[month],
            agency[0]
        ),
        "zh" => format!("{}，{}月{day}日（{}）– ", city[3], month + 1, agency[0]),
        _ => format!(
            "{}, {} {day} ({}) – ",
            city[0],
            date::EN_FULL[month],
            agency[0]
        ),
    }
}

/// The near-duplicate memory's generator: the families, their base sentences and the shuffled order
/// of their units.
pub(crate) struct NearDuplicates<'a> {
    rows: &'a [Vec<String>],
    langs: &'a [Lang],
    vocab: &'a [String],
    /// Base sentence of each family, one text per language.
    bases: Vec<Vec<String>>,
    /// Units of each family, largest first.
    pub(crate) sizes: Vec<usize>,
    /// The family of each unit, in archive order.
    order: Vec<u32>,
}

impl<'a> NearDuplicates<'a> {
    /// The families of a memory of `units` units over the template `rows`.
    pub(crate) fn new(
        rows: &'a [Vec<String>],
        langs: &'a [Lang],
        vocab: &'a [String],
        units: usize,
    ) -> NearDuplicates<'a> {
        let sizes = family_sizes(units);
        let mut rng = Rng(0x0fa3_11e5);
        let bases = (0..sizes.len())
            .map(|f| {
                let row = &rows[f % rows.len()];
                if f < rows.len() {
                    return row.clone();
                }
                let other = &rows[rng.below(rows.len())];
                let forked = recombine(row, other);
                if forked != *row {
                    return forked;
                }
                let mut forked = row.clone();
                for _ in 0..2 {
                    forked[0] = substitute(&forked[0], vocab, &mut rng);
                }
                forked
            })
            .collect();
        let mut order: Vec<u32> = sizes
            .iter()
            .enumerate()
            .flat_map(|(f, &n)| std::iter::repeat_n(f as u32, n))
            .collect();
        // Fisher–Yates with the benchmark's generator.
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i + 1));
        }
        NearDuplicates {
            rows,
            langs,
            vocab,
            bases,
            sizes,
            order,
        }
    }

    /// The texts of unit `i` (in archive order).
    pub(crate) fn unit(&self, i: usize, rng: &mut Rng) -> Vec<String> {
        let family = self.order.get(i).copied().unwrap_or(0) as usize;
        self.variant(family, rng)
    }

    /// A fresh variant of the family of a unit drawn at random (so popular families are drawn
    /// more often, as a translator meets them more often).
    pub(crate) fn popular_variant(&self, rng: &mut Rng) -> Vec<String> {
        let i = rng.below(self.order.len());
        self.unit(i, rng)
    }

    /// A variant of family `family`.
    fn variant(&self, family: usize, rng: &mut Rng) -> Vec<String> {
        let mut texts = self.bases[family].clone();
        if rng.below(100) < RECOMBINATION {
            texts = recombine(&texts, &self.rows[rng.below(self.rows.len())]);
        }
        let words: Vec<String> = texts[0].split(' ').map(str::to_string).collect();
        for w in &words {
            let core = w.trim_end_matches(|c: char| c.is_ascii_punctuation());
            if is_number(core) {
                let new = (rng.below(2000) + 1).to_string();
                for t in &mut texts {
                    *t = replace_word(t, core, &new);
                }
            }
        }
        if rng.below(100) < NAME {
            let caps: Vec<&String> = words
                .iter()
                .skip(1)
                .filter(|w| w.starts_with(|c: char| c.is_uppercase()))
                .collect();
            if !caps.is_empty() {
                let w = caps[rng.below(caps.len())]
                    .trim_end_matches(|c: char| c.is_ascii_punctuation());
                let name = NAMES[rng.below(NAMES.len())];
                for t in &mut texts {
                    *t = replace_word(t, w, name);
                }
            }
        }
        if rng.below(100) < SUBSTITUTION {
            texts[0] = substitute(&texts[0], self.vocab, rng);
        }
        if rng.below(100) < INSERTION {
            let mut words: Vec<&str> = texts[0].split(' ').collect();
            let at = rng.below(words.len() + 1);
            words.insert(at, &self.vocab[rng.below(self.vocab.len())]);
            texts[0] = words.join(" ");
        }
        if rng.below(100) < DELETION {
            let mut words: Vec<&str> = texts[0].split(' ').collect();
            if words.len() > 3 {
                words.remove(rng.below(words.len()));
                texts[0] = words.join(" ");
            }
        }
        if rng.below(100) < DATELINE {
            let city = &CITIES[rng.below(CITIES.len())];
            let agency = &AGENCIES[rng.below(AGENCIES.len())];
            let (day, month) = (1 + rng.below(28), rng.below(12));
            for (t, lang) in texts.iter_mut().zip(self.langs) {
                *t = format!("{}{t}", dateline(lang.language(), city, agency, day, month));
            }
        }
        texts
    }
}

/// `text` with one word replaced by a vocabulary word.
fn substitute(text: &str, vocab: &[String], rng: &mut Rng) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    let at = rng.below(words.len());
    words[at] = &vocab[rng.below(vocab.len())];
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_sizes_follow_the_shape_of_the_issue() {
        let sizes = family_sizes(1_000_000);
        assert_eq!(sizes.iter().sum::<usize>(), 1_000_000);
        assert_eq!(sizes[0], 10_000);
        let median = sizes[sizes.len() / 2];
        assert!((190..=210).contains(&median), "median {median}");
        assert!(
            (3000..4000).contains(&sizes.len()),
            "{} families",
            sizes.len()
        );
        let small = family_sizes(100_000);
        assert_eq!(small.iter().sum::<usize>(), 100_000);
        assert_eq!(small[0], 10_000);
        assert_eq!(family_sizes(10), [1; 10]);
    }

    #[test]
    fn family_sizes_keep_their_median_at_five_million_and_shrink_below_one_hundred_thousand() {
        let large = family_sizes(5_000_000);
        assert_eq!(large.iter().sum::<usize>(), 5_000_000);
        assert_eq!((large.len(), large[0]), (19_319, 10_000));
        assert_eq!(large[large.len() / 2], 200);
        assert!(large.windows(2).all(|w| w[0] >= w[1]), "largest first");
        // A young archive: the families of 100,000 units at a tenth of their size.
        let young = family_sizes(10_000);
        assert_eq!(young.iter().sum::<usize>(), 10_000);
        assert_eq!((young.len(), young[0]), (239, 1_000));
        assert_eq!(young[young.len() / 2], 20);
        assert_eq!(family_sizes(100_000).len(), 239);
    }

    #[test]
    fn variants_are_deterministic_and_keep_their_family() {
        let langs = [
            Lang::parse("en").expect("tag"),
            Lang::parse("az").expect("tag"),
        ];
        let rows = vec![
            vec![
                "Trade rose 3 percent, officials in Baku said.".to_string(),
                "Ticarət 3 faiz artıb, Bakıda rəsmilər bildirib.".to_string(),
            ],
            vec![
                "The talks ended, and the delegations left.".to_string(),
                "Danışıqlar başa çatıb, nümayəndə heyətləri ayrılıb.".to_string(),
            ],
        ];
        let vocab = vec!["market".to_string(), "week".to_string()];
        let families = NearDuplicates::new(&rows, &langs, &vocab, 500);
        assert_eq!(families.order.len(), 500);
        let (mut a, mut b) = (Rng(7), Rng(7));
        let units: Vec<Vec<String>> = (0..50).map(|i| families.unit(i, &mut a)).collect();
        assert_eq!(
            units,
            (0..50)
                .map(|i| families.unit(i, &mut b))
                .collect::<Vec<_>>()
        );
        assert!(
            units.iter().any(|u| u[0].contains(") – ")),
            "a dateline: {units:?}"
        );
        // A dateline is in every language or in none.
        for u in &units {
            assert_eq!(u[0].contains(") – "), u[1].contains(") – "), "{u:?}");
        }
    }

    #[test]
    fn a_dateline_is_written_in_each_language() {
        let city = &CITIES[0];
        let agency = &AGENCIES[0];
        assert_eq!(
            dateline("en", city, agency, 12, 4),
            "Baku, May 12 (AZERTAC) – "
        );
        assert_eq!(
            dateline("az", city, agency, 12, 4),
            "Bakı, 12 may (AZƏRTAC) – "
        );
    }

    #[test]
    fn recombination_joins_a_first_clause_to_another_rest() {
        let a = vec!["In Baku, trade rose.".to_string()];
        let b = vec!["On Monday, the talks ended.".to_string()];
        assert_eq!(recombine(&a, &b), ["In Baku, the talks ended."]);
    }
}
