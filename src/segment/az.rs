//! Azerbaijani (Latin script) rules: titles and academic abbreviations (`akad.`, `prof.`, `dos.`,
//! `məs.`, `küç.`), initials (`İ. Əliyev`), numbered abbreviations (`№`, `səh. 5`), list numbers,
//! era abbreviations (`b.e.ə.`, `e.ə.`: a break only before a sentence-starting word), then the common
//! tail. Abbreviations that often end a sentence (`və s.`, `mln.`, `mlrd.`) are left to the common tail: no break before a lowercase word, a break before a capitalised
//! one. Case is Unicode-aware, so `İ`, `Ə`, `Ş`, `Ç`, `Ğ`, `Ö`, `Ü` start sentences and `ı`, `ə` do not.

use super::Rule;
use super::en::spaced_language_rules;

/// Titles and abbreviations that never end a sentence in news.
pub const ALWAYS: &[&str] = &[
    "akad",
    "Akad",
    "prof",
    "Prof",
    "dos",
    "Dos",
    "dr",
    "Dr",
    "gen",
    "Gen",
    "məs",
    "Məs",
    "bax",
    "Bax",
    "küç",
    "şəh",
    "qəs",
    "pr",
    "prosp",
    "cən",
    "Cən",
    "xan",
    r"t\.e\.d",
    r"f\.e\.d",
    r"t\.e\.n",
    r"f\.e\.n",
    r"i\.e\.d",
    r"i\.e\.n",
    r"s\.a\.",
    "ak",
    "mühəndis-pol",
];

/// Abbreviations that end a sentence only before a sentence-starting word: initials, initialisms,
/// era abbreviations, months.
pub const UNLESS_STARTER: &[&str] = &[
    r"\p{Lu}",
    r"b\.e\.ə",
    r"e\.ə",
    r"m\.ö",
    r"(?:\p{Lu}\.)+\p{Lu}",
    "yan",
    "fev",
    "avq",
    "sent",
    "okt",
    "noy",
    "dek",
];

/// Abbreviations that are not sentence-final before a number.
pub const BEFORE_NUMBER: &[&str] = &[
    "№", "səh", "s", "b", "m", "maddə", "bənd", "cild", "No", "nömrə",
];

/// Words that start a sentence after an initial or initialism.
pub const STARTERS: &[&str] = &[
    "Bu",
    "O",
    "Onlar",
    "Onun",
    "Biz",
    "Mən",
    "Siz",
    "Lakin",
    "Amma",
    "Ancaq",
    "Həmçinin",
    "Eyni",
    "Belə",
    "Bununla",
    "Bundan",
    "Buna",
    "Daha",
    "Artıq",
    "Hazırda",
    "Sonra",
    "Qeyd",
    "Həm",
    "Və",
    "Bütün",
    "Əgər",
    "Nə",
    "Kim",
    "Niyə",
    "Necə",
    "Harada",
    "Bəzi",
    "Çox",
];

/// The Azerbaijani rules, in order.
pub fn rules() -> Vec<Rule> {
    let mut rules = spaced_language_rules(ALWAYS, UNLESS_STARTER, BEFORE_NUMBER, STARTERS);
    // English titles inside Azerbaijani text (`Mr. Bean`, `Roe v. Wade`).
    rules.push(super::en::titles_rule());
    rules.extend(super::default::common_tail_rules());
    rules
}
