//! Chinese rules (Simplified and Traditional; also used for Japanese): a sentence ends after a
//! full-width `。！？` (or `……`/ASCII `!?` before a Han character), with the closing quotes and
//! brackets that follow it (`。”`, `！）`, `？」`), and no space is needed after it. `；` and `：` do not
//! end a sentence (Chinese news uses them inside sentences). Western punctuation followed by whitespace
//! (embedded Latin text) is handled by the common tail.

use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use super::Rule;

/// Closing quotes and brackets that belong to the sentence they close (any number).
pub const CLOSE: &str = r#"[”’」』）》〉】〗"')\]]*"#;

/// One closing quote or bracket.
pub const CLOSE_ONE: &str = r#"[”’」』）》〉】〗"')\]]"#;

/// What may follow a sentence's final punctuation and closing quote without ending the sentence there:
/// more punctuation (`”。`, `”，`) or another closing quote or bracket (`。””`, `。”）`).
pub const CONTINUATION: &str = r"\s*[。，、.．”’」』）》〉】〗)\]]";

/// A short attribution after a quotation (`……。”他说。`): it stays with the quotation.
pub const ATTRIBUTION: &str = r"(?:[他她]们?|其)(?:说|表示|补充说|补充道|指出|称)。";

/// The speaker of a quotation right after its closing mark (`……，”他说`, `……，" 他还说`).
pub const SPEAKER: &str = r"\s*(?:[他她]们?|其)还?(?:说|表示|补充说|补充道|指出|称)";

/// Whether `rest`, the text right after a quote mark, names the speaker ([`SPEAKER`]): the mark
/// closes a quotation. Used by the quote-parity step of the segmenter.
pub(crate) fn names_speaker(rest: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(SPEAKER).expect("the speaker pattern compiles (tested)"))
        .is_match(Input::new(rest).anchored(Anchored::Yes))
}

/// Whether `rest`, the text right after a closing quote, continues the sentence ([`CONTINUATION`] or
/// [`ATTRIBUTION`]). Used by the quote-parity step of the segmenter.
pub(crate) fn continues_after_quote(rest: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!("(?:{CONTINUATION})|(?:{ATTRIBUTION})"))
            .expect("the continuation patterns compile (tested)")
    })
    .is_match(Input::new(rest).anchored(Anchored::Yes))
}

/// The Chinese rules, in order.
pub fn rules() -> Vec<Rule> {
    let mut rules = vec![
        // `？！`, `。。`, `”。`, `。 .`: one run of final punctuation (stray marks stay with the sentence).
        Rule::no_break(r"[。！？!?]", r"[。！？!?]"),
        Rule::no_break(format!(r"[。！？!?]+{CLOSE}"), CONTINUATION),
        // `……。”他说。`: a short attribution after the quote stays with it.
        Rule::no_break(format!(r"[。！？!?]+{CLOSE}"), ATTRIBUTION),
        // Translators often type the closing quote with the opening character (`“` or `"`): a quote
        // after the full stop closes the sentence when the sentence has an open quote …
        Rule::no_break(r#"[“"][^“”"]*[。！？!?]+"#, r#"[“”"]"#),
        // A quote at the end of the paragraph or before a space closes.
        Rule::no_break(r"[。！？!?]+", r#"[“”"]+(?:\s|$)"#),
        Rule::breaking(r#"[“"][^“”"]*[。！？!?]+[“”"]"#, ""),
        // … and otherwise opens the next one.
        Rule::breaking(r"[。！？]+", r#"[“"‘]"#),
        Rule::no_break(r#"[。！？!?]+["“‘]"#, ""),
        // A closing quote or bracket after the full stop goes with the sentence.
        Rule::no_break(r"[。！？!?…]+", CLOSE_ONE),
        // `……`, ASCII `!?`, or an ASCII `.` after a Han character, directly before a Han character.
        Rule::breaking(format!(r"(?:……|[!?]+|\p{{Han}}\.){CLOSE}"), r"\p{Han}"),
    ];
    // Latin initials and titles inside Chinese text (`Dionisio A. Lind`, `Dr. PawPaw`).
    rules.push(super::en::titles_rule());
    rules.push(Rule::no_break(
        format!(r"{}\p{{Lu}}\.", super::en::WORD_START),
        r"\s*\p{Latin}",
    ));
    rules.extend(super::common_tail_rules());
    rules
}
