//! The default rules, for languages without rules of their own, and the common tail every built-in
//! rule set ends with: elisions (`[...]`), citations and notes after a sentence (`"…" (Smith 55).`,
//! `….[3]`), lone closing quotes, no break before a lowercase word, a break after final punctuation.

use super::srx::Rule;
use super::{en, zh};

/// The rules for languages without their own: Western and CJK sentence-final punctuation, initials,
/// and no break before a lowercase word.
pub fn default_rules() -> Vec<Rule> {
    let mut rules = vec![
        // A single capital with a period before a capitalised word is an initial.
        Rule::no_break(format!("{}\\p{{Lu}}\\.", en::WORD_START), "\\s+\\p{Lu}"),
        // Decimal numbers, dates and times have no space after the point; a list number at the start.
        Rule::no_break("^\\s*\\d{1,3}\\.", "\\s"),
    ];
    rules.extend(common_tail_rules());
    rules
}

/// Rules every spaced language ends with: no break before a lowercase word or a dash + lowercase word
/// (`"Why?" he asked`, `«Да!» – сказал он`), break after final punctuation and closing quotes followed
/// by whitespace, and after CJK full stops.
pub(crate) fn common_tail_rules() -> Vec<Rule> {
    vec![
        // `[...]`, `[…]`: an elision inside a quotation, not a sentence end.
        Rule::no_break(r"\[[.…\s]*", ""),
        Rule::no_break(r"\[(?:\.\s?){3}\]|\[…\]", r"\s"),
        // A citation or note after the sentence and its closing quote belongs to it: `"…" (Smith 55).`,
        // `… end.[1]`.
        Rule::no_break(
            format!("[.!?…]+{}", en::CLOSE),
            r"\s*(?:\([^()\n]{1,80}\)\s*[.!?,;:]|\[\d{1,3}\])",
        ),
        // … and the sentence ends after the note: `Growth slowed.[3] Prices rose.`
        Rule::breaking(format!(r"[.!?…]+{}\[\d{{1,3}}\]", en::CLOSE), r"\s"),
        // A lone closing quote at the end of the paragraph belongs to the sentence before it.
        Rule::no_break(format!("[.!?…。！？]+{}", en::CLOSE), r#"\s*["”’»]+\s*$"#),
        Rule::no_break(
            format!("[.!?…]+{}", en::CLOSE),
            "\\s+(?:[-–—]\\s*)?\\p{Ll}[^\\s\\p{Lu}]*(?:\\s|$)",
        ),
        Rule::breaking(format!("[.!?…]+{}", en::CLOSE), "\\s"),
        Rule::no_break("[。！？]+", zh::CLOSE_ONE),
        Rule::breaking(format!("[。！？]+{}", zh::CLOSE), ""),
    ]
}
