//! Chinese rules (Simplified and Traditional; also used for Japanese): a sentence ends after a
//! full-width `。！？` (or `……`/ASCII `!?` before a Han character), with the closing quotes and
//! brackets that follow it (`。”`, `！）`, `？」`), and no space is needed after it. `；` and `：` do not
//! end a sentence (Chinese news uses them inside sentences). Western punctuation followed by whitespace
//! (embedded Latin text) is handled by the common tail.
//!
//! Book titles (`《》`, `〈〉`), corner quotes (`「」`, `『』`) and full-width brackets (`（）`, `【】`, …)
//! are kept whole: a `！` inside `《摔跤吧！爸爸》` ends no sentence. A rule says so for a pair closed
//! within the window (that much SRX carries); after the rules, `keep_brackets_whole` pairs them by
//! nesting over the whole paragraph.
//!
//! After the rules, `quote_parity_breaks` re-places the breaks around the ambiguous quote marks that
//! follow `。！？` by counting quote marks, which SRX cannot express: exported Chinese rules carry only
//! the regex approximation above it.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use super::Rule;
use super::rules::push_break;

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
/// closes a quotation. Used by `quote_parity_breaks`.
fn names_speaker(rest: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(SPEAKER).expect("the speaker pattern compiles (tested)"))
        .is_match(Input::new(rest).anchored(Anchored::Yes))
}

/// Whether `rest`, the text right after a closing quote, continues the sentence ([`CONTINUATION`] or
/// [`ATTRIBUTION`]). Used by `quote_parity_breaks`.
fn continues_after_quote(rest: &str) -> bool {
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
        // `《摔跤吧！爸爸》`: no break inside a book title, corner quotes or full-width brackets that
        // close within the window (`keep_brackets_whole` after the rules also pairs nested and longer
        // ones; this rule is what SRX can carry of it).
        Rule::no_break(
            r"[《〈「『（【][^《》〈〉「」『』（）【】]*[。！？!?…]+",
            r"[^《》〈〉「」『』（）【】]*[》〉」』）】]",
        ),
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
    rules.extend(super::default::common_tail_rules());
    rules
}

/// Whether `ch` ends a sentence in Chinese text (for the quote-parity step).
fn is_han_final(ch: char) -> bool {
    matches!(ch, '。' | '！' | '？')
}

/// Re-places the breaks around the quote marks that follow `。！？`. Chinese translators often type
/// both quotes of a pair as ASCII `"` (or both as `“`), so such a mark alone does not say whether it
/// closes the sentence before it or opens the next one. The double quote marks (`"`, `“`, `”`) around
/// it do:
///
/// 1. after `”。` the quotation is already closed: the mark opens the next sentence;
/// 2. when the sentence before it holds an odd number of marks, the mark closes its quotation;
/// 3. otherwise parity decides: the mark closes a quotation when an odd number of marks comes before
///    it, counted from the start of the paragraph or from the last mark that certainly closed one
///    (a mark after a comma or full stop followed by the speaker: `……，“他说`, `……，” 他还说`),
///    and opens one when that number is even. A paragraph whose first mark is `”` starts inside a
///    quotation (one more mark is counted).
///
/// `”` and closing brackets always close. For each run of final punctuation followed by quote marks,
/// the breaks the rules put inside the run are replaced by one: before the first opening mark, or,
/// when every mark closes and the rules broke there, after the last one unless a continuation
/// follows (`，`, `。`, `他说。`).
pub(super) fn quote_parity_breaks(para: &str, breaks: &[usize]) -> Vec<usize> {
    let marks: Vec<usize> = para
        .char_indices()
        .filter(|&(_, c)| matches!(c, '"' | '“' | '”'))
        .map(|(i, _)| i)
        .collect();
    if marks.is_empty() {
        return breaks.to_vec();
    }
    // A paragraph whose first mark is `”` starts inside a quotation opened in an earlier one.
    let starts_inside = usize::from(para[marks[0]..].starts_with('”'));
    // For each mark, how many marks since the quotation state was last known to be closed.
    let mut since_closed = Vec::with_capacity(marks.len());
    let mut count = starts_inside;
    for &m in &marks {
        since_closed.push(count);
        let after_punctuation = para[..m]
            .trim_end()
            .ends_with(['，', ',', '。', '！', '？', '!', '?']);
        let len = para[m..].chars().next().map_or(1, char::len_utf8);
        count = if after_punctuation && names_speaker(&para[m + len..]) {
            0
        } else {
            count + 1
        };
    }
    let mut out: Vec<usize> = Vec::with_capacity(breaks.len() + 1);
    let mut next_break = 0;
    let mut chars = para.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        if !is_han_final(ch) {
            continue;
        }
        let closed_before = para[..i].ends_with('”');
        let mut run_start = i + ch.len_utf8();
        while let Some(&(j, c)) = chars.peek() {
            if !is_han_final(c) {
                break;
            }
            run_start = j + c.len_utf8();
            chars.next();
        }
        if !para[run_start..].starts_with(['"', '“']) {
            continue;
        }
        // Breaks before the run stay; the last of them starts the sentence the run ends.
        while let Some(&b) = breaks.get(next_break).filter(|&&b| b < run_start) {
            push_break(&mut out, b);
            next_break += 1;
        }
        let sentence_start = out.last().copied().unwrap_or(0);
        let first_in_sentence = marks.partition_point(|&m| m < sentence_start);
        // Walk the marks and closers after the run: where the first opening mark is, and where the
        // closing ones end.
        let mut run_end = run_start;
        let mut opening: Option<Range<usize>> = None;
        while let Some(&(j, c)) = chars.peek() {
            let closes = match c {
                '"' | '“' => {
                    let index = marks.partition_point(|&m| m < j);
                    if j == run_start && closed_before {
                        false
                    } else if j == run_start && (index - first_in_sentence) % 2 == 1 {
                        true
                    } else {
                        since_closed[index] % 2 == 1
                    }
                }
                '”' | '’' | '」' | '』' | '）' | '》' | '〉' | '】' | '〗' | ')' | ']' => {
                    true
                }
                _ => break,
            };
            if !closes {
                opening = Some(j..j + c.len_utf8());
                break;
            }
            run_end = j + c.len_utf8();
            chars.next();
        }
        let mut broke = false;
        while breaks
            .get(next_break)
            .is_some_and(|&b| b <= opening.as_ref().map_or(run_end, |o| o.end))
        {
            broke = true;
            next_break += 1;
        }
        match opening {
            Some(o) => push_break(&mut out, o.start),
            None if broke && !continues_after_quote(&para[run_end..]) => {
                push_break(&mut out, run_end);
            }
            None => {}
        }
    }
    for &b in &breaks[next_break..] {
        push_break(&mut out, b);
    }
    out
}

/// The bracket pairs Chinese text keeps whole: book-title marks (`《》`, `〈〉`), corner quotes
/// (`「」`, `『』`) and full-width brackets (`（）`, `【】`, `〔〕`, `〖〗`).
const BRACKETS: [(char, char); 8] = [
    ('《', '》'),
    ('〈', '〉'),
    ('「', '」'),
    ('『', '』'),
    ('（', '）'),
    ('【', '】'),
    ('〔', '〕'),
    ('〖', '〗'),
];

/// Drops the breaks inside a matched pair of [`BRACKETS`] (`《摔跤吧！爸爸》`, `「我很好。你呢？」`): a
/// title or a quotation in them is part of the sentence around it. A title or bracket is part of a
/// sentence even when what it holds ends in `！？。` (`《摔跤吧！》这部电影`, `（为什么？）值得研究`): no
/// break right after it either, unless it opens a sentence (`结果如何？（待定。）下周公布。`); after a
/// corner quote the rules decide, as after `”`. Pairs nest; an
/// opening mark that is never closed in the paragraph, or a closing mark without its opening one,
/// keeps nothing whole.
pub(super) fn keep_brackets_whole(para: &str, breaks: &mut Vec<usize>) {
    if breaks.is_empty() {
        return;
    }
    let mut open: Vec<(char, usize)> = Vec::new();
    // Each matched pair and whether it is embedded in a sentence: a title or bracket that opens
    // inside a sentence (not a corner quote, after which the rules decide as after `”`).
    let mut pairs: Vec<(Range<usize>, bool)> = Vec::new();
    // Every bracket is a three-byte character starting with 0xE3 or 0xEF.
    for i in memchr::memchr2_iter(0xE3, 0xEF, para.as_bytes()) {
        let Some(c) = para.get(i..).and_then(|s| s.chars().next()) else {
            continue;
        };
        if let Some(&(o, _)) = BRACKETS.iter().find(|&&(o, _)| o == c) {
            open.push((o, i));
        } else if let Some(&(o, _)) = BRACKETS.iter().find(|&&(_, close)| close == c)
            && let Some(depth) = open.iter().rposition(|&(p, _)| p == o)
        {
            let start = open[depth].1;
            open.truncate(depth);
            let embedded = !matches!(o, '「' | '『') && !opens_sentence(&para[..start]);
            pairs.push((start..i + c.len_utf8(), embedded));
        }
    }
    if pairs.is_empty() {
        return;
    }
    breaks.retain(|&b| {
        !pairs
            .iter()
            .any(|(p, embedded)| p.start < b && (b < p.end || (b == p.end && *embedded)))
    });
}

/// Whether a sentence starts after `before` (it is empty or ends with final punctuation and closers).
fn opens_sentence(before: &str) -> bool {
    before
        .trim_end()
        .trim_end_matches([
            '”', '’', '」', '』', '）', '》', '〉', '】', '〗', '"', '\'', ')', ']',
        ])
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '.' | '…'))
}
