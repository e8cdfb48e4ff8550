//! English rules: `a.m.`/`p.m.` (a break before a capitalised word unless the sentence opened with
//! the time or a time zone or day follows: Golden Rule 18), abbreviations and titles, initials and
//! initialisms (`U.S.`), numbered abbreviations (`No. 5`), list numbers, ellipses (`. . .` inside a
//! sentence; `. . . .` and a period followed by an ellipsis end one), a missing space after final
//! punctuation (`world.Today`, not `Jane.Doe@`, `U.S.A`, `3.5` or a web address), then the common
//! tail (no break before a lowercase word; break after `. ! ? …` and closing quotes followed by
//! whitespace).
//!
//! Abbreviation lists are data: each list becomes one rule (an alternation), so the rules stay few and
//! exportable as SRX. Abbreviations that often end a sentence (`Inc.`, `Co.`, `etc.`) are not listed:
//! the common tail already keeps them before a lowercase word and breaks before a capitalised one.

use super::Rule;

/// Start of a word: the paragraph start or a character that is not a letter, digit, period, hyphen
/// or apostrophe (so `S.` in `U.S.` is not mistaken for an initial).
pub const WORD_START: &str = r"(?:^|[^\p{L}\p{N}.\-'’])";

/// Closing quotes and brackets that belong to the sentence they close.
pub const CLOSE: &str = r#"["'”’»)\]]*"#;

/// Titles and abbreviations that are not sentence-final in news: no break after them, whatever follows.
pub const ALWAYS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mmes", "Dr", "Drs", "Prof", "Gen", "Sen", "Sens", "Rep", "Reps",
    "Gov", "Lt", "Col", "Capt", "Cmdr", "Cdr", "Sgt", "Cpl", "Pvt", "Adm", "Maj", "Brig", "Rev",
    "Hon", "Pres", "Amb", "Atty", "Supt", "Insp", "Det", "Fr", "Msgr", "Gov't", r"e\.g", r"i\.e",
    "cf", "viz", "vs", "v", "approx", "Esq",
];

/// Abbreviations that end a sentence only before a sentence-starting word ([`STARTERS`]): name
/// suffixes, street words, times, months, single initials and initialisms.
pub const UNLESS_STARTER: &[&str] = &[
    "Jr",
    "Sr",
    "St",
    "Ste",
    "Mt",
    "Ft",
    "Ave",
    "Blvd",
    "Rd",
    r"a\.m",
    r"p\.m",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    r"\p{Lu}",
    r"(?:\p{Lu}\.)+\p{Lu}",
];

/// Abbreviations that are not sentence-final before a number (`No. 5`, `p. 55`, `Art. 3`).
pub const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "no", "Art", "art", "Fig", "Figs", "fig", "Vol", "vol", "pp", "p", "Sec", "sec",
    "Ch", "ch", "para", "Op", "ed", "N°", "Nr", "nr",
];

/// Words that start a sentence after an abbreviation in [`UNLESS_STARTER`] (`in the U.S. The …`).
pub const STARTERS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Their",
    "They",
    "Then",
    "He",
    "She",
    "It",
    "Its",
    "His",
    "Her",
    "We",
    "Our",
    "I",
    "You",
    "In",
    "On",
    "At",
    "As",
    "But",
    "And",
    "Or",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "Although",
    "However",
    "Meanwhile",
    "Also",
    "Now",
    "Today",
    "Many",
    "Some",
    "Most",
    "Both",
    "All",
    "Each",
    "What",
    "Who",
    "Why",
    "How",
    "Where",
    "Did",
    "Do",
    "Does",
    "Is",
    "Are",
    "Was",
    "Were",
    "Despite",
    "During",
    "For",
    "From",
    "With",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
];

/// `(?:a|b|c)` from a list of patterns.
pub(crate) fn alternation(items: &[&str]) -> String {
    format!("(?:{})", items.join("|"))
}

/// A clock time with `a.m.`/`p.m.` (`5 a.m.`, `6:30 P.M.`).
const TIME: &str = r"\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.m|[AP]\.M)\.";

/// The English rules, in order.
pub fn rules() -> Vec<Rule> {
    let mut rules = vec![
        // `At 5 a.m. Mr. Smith went …`: a sentence that opens with its time goes on after it.
        Rule::no_break(
            format!(r"(?:^|[.!?]{CLOSE}\s+)\p{{Lu}}\p{{L}}*\s+(?:\p{{L}}+\s+)?{TIME}"),
            "",
        ),
        // `at 9 a.m. EST`, `at 9 a.m. Monday`: a time zone, day or month goes with the time …
        Rule::no_break(
            TIME,
            r"\s+(?:\p{Lu}{1,3}T|GMT|UTC|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)",
        ),
        // … any other capitalised word after a closing time starts a sentence (`at 6 P.M. Mr. Smith
        // then went …`, Golden Rule 18).
        Rule::breaking(TIME, format!(r"\s+{CLOSE_OPEN}\p{{Lu}}")),
    ];
    rules.extend(spaced_language_rules(
        ALWAYS,
        UNLESS_STARTER,
        BEFORE_NUMBER,
        STARTERS,
    ));
    rules.extend(super::default::common_tail_rules());
    rules
}

/// A no-break rule for the English titles and abbreviations of [`ALWAYS`], for text in other
/// languages that quotes English names (`Dr. PawPaw`, `Roe v. Wade`).
pub(crate) fn titles_rule() -> Rule {
    Rule::no_break(format!(r"{WORD_START}{}\.", alternation(ALWAYS)), r"\s")
}

/// The rules shared by the spaced languages (en, az, ru), from their word lists, before the common
/// tail.
pub(crate) fn spaced_language_rules(
    always: &[&str],
    unless_starter: &[&str],
    before_number: &[&str],
    starters: &[&str],
) -> Vec<Rule> {
    let ws = WORD_START;
    let starter_after = format!(r"\s+{}{}[\s,]", CLOSE_OPEN, alternation(starters));
    vec![
        // A web address: no break inside it (a period followed by more of the address).
        Rule::no_break(r"(?:https?://|www\.)\S*", r"\S"),
        // Titles and abbreviations that never end a sentence, whatever follows (`Mr.Smith` too), also
        // right after a sentence that lacks its space (`Tuesday.Mr. Smith`).
        Rule::no_break(
            format!(r"(?:{ws}|\p{{Ll}}\p{{Ll}}[.!?]){}\.", alternation(always)),
            "",
        ),
        // Initials, initialisms, months: a break only before a word that starts sentences.
        Rule::breaking(
            format!(r"{ws}{}\.", alternation(unless_starter)),
            starter_after,
        ),
        Rule::no_break(format!(r"{ws}{}\.", alternation(unless_starter)), r"\s"),
        // `No. 5`, `p. 55`.
        Rule::no_break(
            format!(r"{ws}{}\.", alternation(before_number)),
            r"\s*[\d(]",
        ),
        // A list number at the start of the paragraph or of a line: `1. The first …`.
        Rule::no_break(r"(?:^|\n)[ \t]*\d{1,3}\.", r"\s"),
        // `with a period . . . . Next`: a detached ellipsis and a period end the sentence.
        Rule::breaking(r"\s\.\s\.\s\.\s\.", format!(r"\s+{CLOSE_OPEN}\p{{Lu}}")),
        // `compounds. . . . The practice`, `raak. ...en toen`: a period on its word, then an ellipsis
        // that opens the next sentence.
        Rule::breaking(
            format!(r"[\p{{L}}\p{{N}}][.!?]{CLOSE}"),
            r"\s+(?:\.\s\.\s\.\s+\S|\.\.\.\p{L}|…\p{L})",
        ),
        // A spaced ellipsis `. . .` does not end a sentence.
        Rule::no_break(r"\.\s\.\s\.", r"\s"),
        // Spaced ellipsis `. . .` and punctuation after the point are not a sentence start.
        Rule::no_break(r"[.!?…]", r"\s*[.…,;:]"),
        // `Hello world.Today is Tuesday.Mr. Smith … 1,000.That is`: no space after the final
        // punctuation of a word (two lowercase letters) or a number (`3.5%.`), before a capitalised word that
        // stands alone (`Jane.Doe@example.com`, `U.S.A`, `3.5`, `example.Com/x` do not).
        Rule::breaking(
            format!(r"(?:\p{{Ll}}\p{{Ll}}|[\d%])[.!?]+{CLOSE}"),
            r#"\p{Lu}\p{Ll}+(?:[\s,;:!?"”’»)]|\.(?:\s|$)|$)"#,
        ),
    ]
}

/// An optional opening quote before a sentence-starting word.
const CLOSE_OPEN: &str = r#"["'“‘«„(]?"#;
