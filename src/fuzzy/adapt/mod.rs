//! Adapting a stored target to a new source: when the query differs from the stored source in
//! numbers or dates, the stored translation is rewritten with the query's numbers and dates, each
//! written as the target language writes it.
//!
//! - Numbers (`number.rs`): the value is what maps, not the digits, so `3 billion` finds `30亿` and
//!   `3 milyard`; the new value is written in the target's conventions (`1,203` → ru `1 203`, `1.5`
//!   → ru `1,5`, `4 billion` → zh `40亿`, `1.2 million` → zh `120万`), with the Russian scale word in
//!   agreement (`5 миллиардов`). Spelled-out numbers (`spelled.rs`: `six`, `шесть`, `altı`, `六`) are
//!   numbers too, on either side.
//! - Azerbaijani suffixes after a number (`az.rs`) follow its new reading: `2026-cı ildə` → `2027-ci
//!   ildə`.
//! - Dates ([`super::date::rewrite`]) are rewritten in the target's own form (`3 iyul` → `10 iyul`,
//!   `7月3日` → `7月10日`, `2026 年 7 月 3 日` → `2026 年 7 月 10 日`).
//!
//! A number or date maps when the mapping is unambiguous: every occurrence of the old value in the
//! source changed to the same new value (an occurrence the query kept makes it ambiguous), and the
//! target holds the old value exactly as often as the source. A Russian number whose noun would
//! need another form (`3 человека` → `5 человек`) is not rewritten, nor is a date that gains or
//! loses a field, or an ambiguous one (`03/07/2024` in English).
//!
//! All or nothing: when anything cannot be adapted, the target stays as stored and
//! [`Adaptation::unadapted`] lists what in it is stale, so an adapted target never mixes new and
//! stale values and a stale one is never passed off as current.

pub(crate) mod az;
pub(crate) mod number;
mod spelled;

use std::ops::Range;

use super::date::{self, Date};
use super::score::Scored;
use super::token::{Kind, Token, tokenize};
use crate::lang::Lang;
use number::Figure;

/// What adapting a stored target gave.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adaptation {
    /// The target with every changed number and date rewritten; None when nothing changed or
    /// something could not be adapted.
    pub target: Option<String>,
    /// The target's text of each number or date that changed in the query but could not be
    /// adapted (the stored source's text when the target's cannot be found), in text order. Empty
    /// when `target` is Some.
    pub unadapted: Vec<String>,
}

/// Adapts a stored `target` to the query's numbers and dates (see the module docs): `scored` is
/// the score of the stored `source` against `query`, both in `source_lang`.
///
/// ```
/// use tmkit::{Lang, fuzzy::{adapt, score::score_texts}};
/// let en = Lang::parse("en")?;
/// let (q, s) = ("4 billion dollars", "3 billion dollars");
/// let scored = score_texts(q, s, &en);
/// let zh = Lang::parse("zh")?;
/// let adapted = adapt(q, s, &en, &scored, "30亿美元", &zh);
/// assert_eq!(adapted.target.as_deref(), Some("40亿美元"));
/// let az = Lang::parse("az")?;
/// let (q, s) = ("Astana, July 10, AZERTAC", "Astana, July 3, AZERTAC");
/// let scored = score_texts(q, s, &en);
/// let adapted = adapt(q, s, &en, &scored, "Astana, 3 iyul, AZƏRTAC", &az);
/// assert_eq!(adapted.target.as_deref(), Some("Astana, 10 iyul, AZƏRTAC"));
/// // The target has the number twice, the source once: which one changed is unknown.
/// let (q, s) = ("4 dollars", "3 dollars");
/// let scored = score_texts(q, s, &en);
/// let adapted = adapt(q, s, &en, &scored, "3 dollar, 3 faiz", &az);
/// assert_eq!((adapted.target, adapted.unadapted), (None, vec!["3".to_string()]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn adapt(
    query: &str,
    source: &str,
    source_lang: &Lang,
    scored: &Scored,
    target: &str,
    target_lang: &Lang,
) -> Adaptation {
    let qt = tokenize(query, source_lang);
    let st = tokenize(source, source_lang);
    let qf = number::figures(query, &qt, source_lang);
    let sf = number::figures(source, &st, source_lang);
    let (q_at, s_at) = (figure_at(&qf, qt.len()), figure_at(&sf, st.len()));
    // Source value → (query value, the query figure that writes it); None when ambiguous or gone.
    let mut numbers: Vec<(u128, Option<(u128, usize)>)> = Vec::new();
    let mut dates: Vec<(Date, Option<Date>)> = Vec::new();
    let mut aligned = vec![false; sf.len()];
    let mut dropped = vec![false; sf.len()];
    for step in &scored.steps {
        let s_fig = step.source.and_then(|i| s_at.get(i).copied().flatten());
        let q_fig = step.query.and_then(|i| q_at.get(i).copied().flatten());
        match (s_fig, q_fig) {
            (Some(fs), Some(fq)) => {
                aligned[fs] = true;
                if let (Some(from), Some(to)) = (sf[fs].value(), qf[fq].value()) {
                    remember_number(&mut numbers, from, to, fq);
                }
            }
            // The query has no number where the source had one.
            (Some(fs), None) => dropped[fs] = true,
            _ => {}
        }
        let (Some(s), Some(q)) = (
            step.source.and_then(|i| st.get(i)),
            step.query.and_then(|i| qt.get(i)),
        ) else {
            continue;
        };
        let (from, to) = (s.text(source), q.text(query));
        if s.is_date() && q.is_date() && from != to {
            match (
                date::recognize(from, source_lang).filter(|w| !w.ambiguous),
                date::recognize(to, source_lang).filter(|w| !w.ambiguous),
            ) {
                (Some(f), Some(t)) => remember(&mut dates, f.date, t.date),
                (Some(f), None) => dates.push((f.date, None)),
                _ => {}
            }
        }
    }
    for (fs, fig) in sf.iter().enumerate() {
        if dropped[fs]
            && !aligned[fs]
            && let Some(from) = fig.value()
        {
            numbers.push((from, None));
        }
    }
    let changed_numbers = numbers.iter().any(|(f, t)| t.is_none_or(|(t, _)| t != *f));
    let changed_dates = dates.iter().any(|(f, t)| *t != Some(*f));
    if !changed_numbers && !changed_dates {
        return Adaptation::default();
    }
    let tt = tokenize(target, target_lang);
    let tf = number::figures(target, &tt, target_lang);
    let mut replacements: Vec<(Range<usize>, String)> = Vec::new();
    let mut stale: Vec<(usize, String)> = Vec::new();
    let text_of = |text: &str, r: Range<usize>| text.get(r).unwrap_or("").to_string();
    for (from, to) in &numbers {
        if to.is_some_and(|(t, _)| t == *from) {
            continue;
        }
        let in_source: Vec<&Figure> = sf.iter().filter(|f| f.value() == Some(*from)).collect();
        let in_target: Vec<&Figure> = tf.iter().filter(|f| f.reads_as(*from)).collect();
        let mark = |figs: &[&Figure], stale: &mut Vec<(usize, String)>| {
            if figs.is_empty() {
                // Not found in the target: name the source's figure (after every target position).
                for f in &in_source {
                    stale.push((target.len() + f.digits.start, text_of(source, f.bytes())));
                }
            } else {
                for f in figs {
                    stale.push((f.digits.start, text_of(target, full_bytes(f))));
                }
            }
        };
        let Some((to, fq)) = *to else {
            mark(&in_target, &mut stale);
            continue;
        };
        if in_target.is_empty() || in_target.len() != in_source.len() {
            mark(&in_target, &mut stale);
            continue;
        }
        for fig in &in_target {
            let rewritten = number::rewrite(target, fig, *from, to, &qf[fq], target_lang)
                .filter(|_| !needs_other_noun_form(target, &tt, fig, *from, to, target_lang));
            match rewritten {
                Some(r) => replacements.extend(r.replacements),
                None => mark(&[*fig], &mut stale),
            }
        }
    }
    if changed_dates {
        adapt_dates(
            (source, &st, source_lang),
            (target, &tt, target_lang),
            &dates,
            &mut replacements,
            &mut stale,
        );
    }
    if stale.is_empty() && !overlapping(&mut replacements) && !replacements.is_empty() {
        if let Some(text) = date::splice(target, replacements) {
            return Adaptation {
                target: Some(text),
                unadapted: Vec::new(),
            };
        }
        return Adaptation::default();
    }
    stale.sort();
    let mut unadapted: Vec<String> = Vec::new();
    for (_, text) in stale {
        if !unadapted.contains(&text) {
            unadapted.push(text);
        }
    }
    Adaptation {
        target: None,
        unadapted,
    }
}

/// Bytes of a figure with its Azerbaijani suffix (`2026-cı`), as a reader sees it.
fn full_bytes(f: &Figure) -> Range<usize> {
    let b = f.bytes();
    f.suffix.as_ref().map_or(b.clone(), |s| b.start..s.end)
}

/// For each token, the figure it belongs to.
fn figure_at(figures: &[Figure], tokens: usize) -> Vec<Option<usize>> {
    let mut at = vec![None; tokens];
    for (k, f) in figures.iter().enumerate() {
        for i in f.tokens.clone() {
            if let Some(slot) = at.get_mut(i) {
                *slot = Some(k);
            }
        }
    }
    at
}

/// Whether the replacements overlap (a figure read two ways matched twice); sorts them.
fn overlapping(replacements: &mut [(Range<usize>, String)]) -> bool {
    replacements.sort_by_key(|(r, _)| (r.start, r.end));
    replacements.windows(2).any(|w| w[0].0.end > w[1].0.start)
}

/// Whether a Russian noun after the figure would need another form for the new number
/// (`3 человека` → `5 человек`): a Cyrillic word follows a number without scale word and the
/// agreement class changes. `год` (a year: `в 2026 году`) agrees with the ordinal and never changes.
fn needs_other_noun_form(
    target: &str,
    tokens: &[Token],
    fig: &Figure,
    from: u128,
    to: u128,
    lang: &Lang,
) -> bool {
    if lang.language() != "ru" || fig.scale.is_some() {
        return false;
    }
    if number::ru_form(from) == number::ru_form(to) {
        return false;
    }
    tokens.get(fig.tokens.end).is_some_and(|t| {
        t.kind == Kind::Word
            && t.text(target)
                .starts_with(|c: char| ('\u{400}'..='\u{4ff}').contains(&c))
            && !t.key.starts_with("год")
            && t.key != "г"
    })
}

/// Adds the replacements of the changed dates, or marks them stale.
fn adapt_dates(
    (source, st, source_lang): (&str, &[Token], &Lang),
    (target, tt, target_lang): (&str, &[Token], &Lang),
    dates: &[(Date, Option<Date>)],
    replacements: &mut Vec<(Range<usize>, String)>,
    stale: &mut Vec<(usize, String)>,
) {
    let dates_in =
        |tokens: &[Token], text: &str, lang: &Lang| -> Vec<(Range<usize>, date::Written)> {
            tokens
                .iter()
                .filter(|t| t.is_date())
                .filter_map(|t| Some((t.bytes.clone(), date::recognize(t.text(text), lang)?)))
                .collect()
        };
    let source_dates = dates_in(st, source, source_lang);
    let target_dates = dates_in(tt, target, target_lang);
    for (from, to) in dates {
        if *to == Some(*from) {
            continue;
        }
        let in_source: Vec<&(Range<usize>, date::Written)> = source_dates
            .iter()
            .filter(|(_, w)| w.date == *from)
            .collect();
        let in_target: Vec<&(Range<usize>, date::Written)> = target_dates
            .iter()
            .filter(|(_, w)| w.date == *from)
            .collect();
        let mark = |stale: &mut Vec<(usize, String)>| {
            if in_target.is_empty() {
                for (r, _) in &in_source {
                    stale.push((
                        target.len() + r.start,
                        source.get(r.clone()).unwrap_or("").into(),
                    ));
                }
            } else {
                for (r, _) in &in_target {
                    stale.push((r.start, target.get(r.clone()).unwrap_or("").into()));
                }
            }
        };
        let Some(to) = *to else {
            mark(stale);
            continue;
        };
        if !from.has_same_fields(&to)
            || in_target.is_empty()
            || in_target.len() != in_source.len()
            || in_target.iter().any(|(_, w)| w.ambiguous)
            || in_source.iter().any(|(_, w)| w.ambiguous)
        {
            mark(stale);
            continue;
        }
        let mut done = Vec::new();
        for (range, written) in &in_target {
            match target
                .get(range.clone())
                .and_then(|text| date::rewrite(text, written, to))
            {
                Some(new) => done.push((range.clone(), new)),
                None => {
                    mark(stale);
                    done.clear();
                    break;
                }
            }
        }
        replacements.extend(done);
    }
}

/// Records that the source value `from` became `to` (written by query figure `fq`); a second,
/// different `to` makes the mapping ambiguous (None).
fn remember_number(map: &mut Vec<(u128, Option<(u128, usize)>)>, from: u128, to: u128, fq: usize) {
    match map.iter_mut().find(|(f, _)| *f == from) {
        Some(entry) if entry.1.is_some_and(|(t, _)| t != to) => entry.1 = None,
        Some(_) => {}
        None => map.push((from, Some((to, fq)))),
    }
}

/// Records that `from` became `to`; a second, different `to` makes the mapping ambiguous (None).
fn remember<T: PartialEq + Copy>(map: &mut Vec<(T, Option<T>)>, from: T, to: T) {
    match map.iter_mut().find(|(f, _)| *f == from) {
        Some(entry) if entry.1 != Some(to) => entry.1 = None,
        Some(_) => {}
        None => map.push((from, Some(to))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzzy::score::score_texts;
    use proptest::prelude::*;

    proptest! {
        /// Any query, source and target: no panic, and an adapted target leaves nothing stale.
        #[test]
        fn adapting_never_panics_and_never_mixes_new_and_stale(
            q in proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..8),
            src in proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..8),
            target in proptest::collection::vec(proptest::sample::select(&WORDS[..]), 0..8),
            tag in prop_oneof![Just("az"), Just("ru"), Just("zh"), Just("en")],
        ) {
            let (q, src) = (q.join(" "), src.join(" "));
            let target = target.join(if tag == "zh" { "" } else { " " });
            let en = en();
            let scored = score_texts(&q, &src, &en);
            let got = adapt(&q, &src, &en, &scored, &target, &Lang::parse(tag).expect("tag"));
            prop_assert!(got.target.is_none() || got.unadapted.is_empty());
        }
    }

    /// Pieces the property test builds texts of: numbers in every form, scale words, suffixes.
    const WORDS: [&str; 33] = [
        "3",
        "4",
        "1,203",
        "2.7",
        "2,7",
        "150.000",
        "820",
        "000",
        "billion",
        "million",
        "six",
        "seven",
        "30亿",
        "三十",
        "万",
        "亿",
        "九千九千",
        "milyard",
        "2026-cı",
        "-",
        "ildə",
        "миллиарда",
        "млн",
        "шесть",
        "человека",
        "July",
        "3",
        "iyul",
        "7月3日",
        "2026 年 7 月 3 日",
        "\u{a0}",
        "0800",
        "99999999999999999999999",
    ];

    fn en() -> Lang {
        Lang::parse("en").expect("tag")
    }

    /// The adapted target of `target` (in `tag`) for a query and stored source in English.
    fn adapted(q: &str, src: &str, target: &str, tag: &str) -> Adaptation {
        let en = en();
        let scored = score_texts(q, src, &en);
        adapt(
            q,
            src,
            &en,
            &scored,
            target,
            &Lang::parse(tag).expect("tag"),
        )
    }

    fn adapt_date(q: &str, src: &str, target: &str, tag: &str) -> Option<String> {
        adapted(q, src, target, tag).target
    }

    /// Checks a table of `(query, source, target language, target, adapted target or None)`.
    fn check(cases: &[(&str, &str, &str, &str, Option<&str>)]) {
        for (q, src, tag, target, want) in cases {
            let got = adapted(q, src, target, tag);
            assert_eq!(
                got.target.as_deref(),
                *want,
                "{tag}: {src:?} → {q:?} in {target:?}\nunadapted: {:?}\nhelp: see fuzzy/adapt/",
                got.unadapted
            );
        }
    }

    #[test]
    fn target_is_adapted_only_when_the_mapping_is_unambiguous() {
        let q = "trade reached 4 billion dollars in 2023";
        let src = "trade reached 3 billion dollars in 2023";
        check(&[
            (
                q,
                src,
                "az",
                "ticarət 2023-cü ildə 3 milyard dollara çatıb",
                Some("ticarət 2023-cü ildə 4 milyard dollara çatıb"),
            ),
            // Spelled out in the target: spelled out again.
            (
                q,
                src,
                "az",
                "ticarət üç milyard",
                Some("ticarət dörd milyard"),
            ),
            // The scale word makes the value: `3 faiz` is another number.
            (q, src, "az", "3 milyard, 3 faiz", Some("4 milyard, 3 faiz")),
        ]);
        // The number appears twice in the target but once in the source: ambiguous, and marked.
        let got = adapted("4 dollars", "3 dollars", "3 dollar, 3 faiz", "az");
        assert_eq!((got.target, got.unadapted), (None, vec!["3".to_string()]));
        // The query keeps one of two equal numbers: which target number changed is unknown.
        let got = adapted("3 to 4", "3 to 3", "3-dən 3-ə", "az");
        assert_eq!(
            (got.target, got.unadapted),
            (None, vec!["3-dən".to_string(), "3-ə".to_string()])
        );
    }

    #[test]
    fn russian_numbers_take_the_russian_decimal_comma_and_no_break_space_groups() {
        check(&[
            (
                "Sales reached 1,203 units.",
                "Sales reached 832 units.",
                "ru",
                "Продажи достигли 832 единиц.",
                Some("Продажи достигли 1\u{a0}203 единиц."),
            ),
            (
                "Prices grew by 1.5 percent.",
                "Prices grew by 1.2 percent.",
                "ru",
                "Цены выросли на 1,2 процента.",
                Some("Цены выросли на 1,5 процента."),
            ),
            (
                "In 2027 sales reached 15000 units.",
                "In 2026 sales reached 820000 units.",
                "ru",
                "В 2026 году продажи достигли 820 000 единиц.",
                Some("В 2027 году продажи достигли 15\u{a0}000 единиц."),
            ),
            // The scale word agrees with the new number.
            (
                "It costs 5 billion dollars.",
                "It costs 3 billion dollars.",
                "ru",
                "Это стоит 3 миллиарда долларов.",
                Some("Это стоит 5 миллиардов долларов."),
            ),
            (
                "It costs 1.5 million dollars.",
                "It costs 3 billion dollars.",
                "ru",
                "Это стоит 3 млрд долларов.",
                Some("Это стоит 1,5 млн долларов."),
            ),
        ]);
    }

    #[test]
    fn a_russian_noun_that_would_change_form_leaves_its_number_marked() {
        let got = adapted(
            "5 people were hurt.",
            "3 people were hurt.",
            "Пострадали 3 человека.",
            "ru",
        );
        assert_eq!((got.target, got.unadapted), (None, vec!["3".to_string()]));
        // The same class: 3 → 4 человека.
        check(&[(
            "4 people were hurt.",
            "3 people were hurt.",
            "ru",
            "Пострадали 3 человека.",
            Some("Пострадали 4 человека."),
        )]);
    }

    #[test]
    fn azerbaijani_numbers_group_with_a_no_break_space_and_reharmonise_their_suffix() {
        check(&[
            (
                "The plan for 2027 was signed.",
                "The plan for 2026 was signed.",
                "az",
                "2026-cı ildə plan imzalandı.",
                Some("2027-ci ildə plan imzalandı."),
            ),
            (
                "The plan for 2030 was signed.",
                "The plan for 2026 was signed.",
                "az",
                "2026-cı ilin planı imzalandı.",
                Some("2030-cu ilin planı imzalandı."),
            ),
            (
                "It grew by 2.5 percent to 15,000.",
                "It grew by 2.7 percent to 12,000.",
                "az",
                "2,7 faiz artaraq 12\u{a0}000-ə çatdı.",
                Some("2,5 faiz artaraq 15\u{a0}000-ə çatdı."),
            ),
            (
                "On day 6 it ended.",
                "On day 3 it ended.",
                "az",
                "3-də bitdi.",
                Some("6-da bitdi."),
            ),
            // A suffix on the scale word follows the new word: milyardın → milyonun.
            (
                "The value of 5 million dollars.",
                "The value of 3 billion dollars.",
                "az",
                "3 milyardın dəyəri.",
                Some("5 milyonun dəyəri."),
            ),
        ]);
    }

    #[test]
    fn chinese_amounts_are_written_in_wan_and_yi() {
        check(&[
            (
                "It reached 4 billion dollars.",
                "It reached 3 billion dollars.",
                "zh",
                "达到30亿美元。",
                Some("达到40亿美元。"),
            ),
            (
                "It reached 1.2 million dollars.",
                "It reached 3 billion dollars.",
                "zh",
                "达到30亿美元。",
                Some("达到120万美元。"),
            ),
            (
                "It reached 150 million yuan.",
                "It reached 20 million yuan.",
                "zh",
                "达到2000万元。",
                Some("达到1.5亿元。"),
            ),
            (
                "It reached 1,203 tons.",
                "It reached 832 tons.",
                "zh",
                "达到832吨。",
                Some("达到1,203吨。"),
            ),
        ]);
    }

    #[test]
    fn spelled_out_numbers_are_numbers_on_either_side() {
        let (q, src) = ("Seven people died.", "Six people died.");
        check(&[
            (q, src, "az", "Altı nəfər ölüb.", Some("Yeddi nəfər ölüb.")),
            (q, src, "az", "6 nəfər ölüb.", Some("7 nəfər ölüb.")),
            (
                q,
                src,
                "ru",
                "Погибли шесть человек.",
                Some("Погибли семь человек."),
            ),
            (q, src, "zh", "六人死亡。", Some("七人死亡。")),
            (
                "It reached 4 billion dollars.",
                "It reached 3 billion dollars.",
                "zh",
                "达到三十亿美元。",
                Some("达到四十亿美元。"),
            ),
            (
                "7 people died.",
                "Six people died.",
                "ru",
                "Погибли шесть человек.",
                Some("Погибли семь человек."),
            ),
        ]);
        // A Russian number in another case than the table's is not found: the source's is named.
        let got = adapted(q, src, "Не менее шести человек погибли.", "ru");
        assert_eq!((got.target, got.unadapted), (None, vec!["Six".to_string()]));
    }

    #[test]
    fn a_stale_number_is_marked_and_the_target_not_adapted() {
        // Written in a way not read (三十多亿, "more than 3 billion"): the source's figure is named.
        let got = adapted(
            "It reached 4 billion dollars.",
            "It reached 3 billion dollars.",
            "达到三十多亿美元。",
            "zh",
        );
        assert_eq!(got.target, None);
        assert_eq!(got.unadapted, ["3 billion"]);
        // A number that is gone from the query leaves the target's number stale.
        let got = adapted(
            "Several people died.",
            "Six people died.",
            "Altı nəfər ölüb.",
            "az",
        );
        assert_eq!(
            (got.target, got.unadapted),
            (None, vec!["Altı".to_string()])
        );
        // Nothing changed: nothing to adapt, nothing stale.
        assert_eq!(
            adapted(
                "Six people died.",
                "Six people died!",
                "Altı nəfər ölüb.",
                "az"
            ),
            Adaptation::default()
        );
    }

    #[test]
    fn a_stale_date_is_marked() {
        let got = adapted(
            "On 10 July the talks began.",
            "On 3 July the talks began.",
            "3 iyul, yəni 3 iyul danışıqlar başladı.",
            "az",
        );
        assert_eq!(
            (got.target, got.unadapted),
            (None, vec!["3 iyul".to_string()])
        );
    }

    #[test]
    fn spaced_chinese_dates_are_adapted() {
        check(&[(
            "Signed on 10 July 2026.",
            "Signed on 3 July 2026.",
            "zh",
            "于 2026 年 7 月 3 日签署。",
            Some("于 2026 年 7 月 10 日签署。"),
        )]);
    }

    #[test]
    fn a_changed_date_is_rewritten_in_the_target_language_form() {
        let (q, src) = ("On 10 July the talks began.", "On 3 July the talks began.");
        for (tag, target, want) in [
            (
                "az",
                "3 iyul danışıqlar başladı.",
                "10 iyul danışıqlar başladı.",
            ),
            (
                "ru",
                "3 июля начались переговоры.",
                "10 июля начались переговоры.",
            ),
            ("zh", "会谈于7月3日开始。", "会谈于7月10日开始。"),
            (
                "az",
                "Danışıqlar iyulun 3-də başladı.",
                "Danışıqlar iyulun 10-da başladı.",
            ),
            (
                "ru",
                "Переговоры начались 03.07.",
                "Переговоры начались 03.07.",
            ),
        ] {
            let got = adapt_date(q, src, target, tag);
            let want = (want != target).then_some(want);
            assert_eq!(got.as_deref(), want, "{tag}: {target}");
        }
        let got = adapt_date(
            "Signed on 10 August 2026 in Baku.",
            "Signed on 3 July 2024 in Baku.",
            "3 iyul 2024-cü il tarixində Bakıda imzalanıb.",
            "az",
        );
        assert_eq!(
            got.as_deref(),
            Some("10 avqust 2026-cı il tarixində Bakıda imzalanıb.")
        );
        // Dates and numbers together.
        let got = adapt_date(
            "On July 10, 4 billion dollars.",
            "On July 3, 3 billion dollars.",
            "3 июля — 3 миллиарда долларов.",
            "ru",
        );
        assert_eq!(got.as_deref(), Some("10 июля — 4 миллиарда долларов."));
    }

    #[test]
    fn ambiguous_dates_are_not_adapted() {
        let (q, src) = ("On 10 July the talks began.", "On 3 July the talks began.");
        // The target writes the date in words, or not at all.
        assert_eq!(
            adapt_date(q, src, "üç iyul danışıqlar başladı.", "az"),
            None
        );
        assert_eq!(adapt_date(q, src, "Danışıqlar başladı.", "az"), None);
        // The date appears twice in the target but once in the source.
        assert_eq!(
            adapt_date(q, src, "3 iyul, yəni 3 iyul danışıqlar başladı.", "az"),
            None
        );
        // The target's date has a year the source lacks: another value, not found.
        assert_eq!(
            adapt_date(q, src, "3 iyul 2024-cü il danışıqlar başladı.", "az"),
            None
        );
        // The query adds a year: a field the target has no place for.
        assert_eq!(
            adapt_date(
                "On 10 July 2024 the talks began.",
                src,
                "3 iyul danışıqlar.",
                "az"
            ),
            None
        );
        // One source date became two different dates.
        assert_eq!(
            adapt_date(
                "From 10 July to 11 July.",
                "From 3 July to 3 July.",
                "3 iyul - 3 iyul.",
                "az"
            ),
            None
        );
        // 03/07/2024 may be 3 July or March 7 in English.
        assert_eq!(
            adapt_date(
                "Signed 10/07/2024.",
                "Signed 03/07/2024.",
                "3 iyul 2024-cü il imzalanıb.",
                "az"
            ),
            None
        );
        // Only the form changed: nothing to adapt.
        assert_eq!(
            adapt_date(
                "On July 3 it began.",
                "On 3 July it began.",
                "3 iyul başladı.",
                "az"
            ),
            None
        );
    }
}
