//! Paragraph and line structure, which comes before the rules (see the [module docs](super)).
//!
//! - Paragraphs: maximal runs of non-blank lines ([`paragraphs`]).
//! - Line breaks inside a paragraph: a sentence break by the shape of the two lines around it
//!   ([`line_break_is_sentence_break`]), whatever the rules say.
//! - Lone punctuation: a piece without a letter or digit joins a neighbour ([`attach_punctuation_only`]).
//! - Character offsets of sentence spans, counted incrementally ([`CharCursor`]).

use std::ops::Range;

use super::list::starts_list_item;

/// Drops the breaks that would leave a piece made only of punctuation (no letter or digit, e.g. a lone
/// `—` or `…`) as a sentence: the piece joins the sentence before it (or, at the start of the
/// paragraph, the one after it). It never joins across a line break: a piece on a line of its own (a
/// separator such as `***`) stays a sentence, and in [`LineBreaks::Break`] mode no sentence spans two
/// lines (issue #16: the fuzz target `segment` found `-.⏎Dear …` joined at a paragraph's start).
pub(super) fn attach_punctuation_only(para: &str, breaks: &mut Vec<usize>) {
    if breaks.is_empty() {
        return;
    }
    let is_lone_punctuation = |from: usize, to: usize| {
        let text = para[from..to].trim();
        !text.is_empty() && !text.chars().any(char::is_alphanumeric)
    };
    // Whether the pieces on either side of `brk` are on one line: the white space between their texts
    // holds no line break (which may sit before or after `brk`).
    let one_line = |brk: usize| {
        let before = para[..brk].trim_end().len();
        let after = brk + (para.len() - brk - para[brk..].trim_start().len());
        !para[before..after].contains('\n')
    };
    let mut kept: Vec<usize> = Vec::with_capacity(breaks.len());
    for (k, &brk) in breaks.iter().enumerate() {
        let next = breaks.get(k + 1).copied().unwrap_or(para.len());
        let start = kept.last().copied().unwrap_or(0);
        let stays = !is_lone_punctuation(brk, next)
            || para[brk..next].trim().contains('\n')
            || !one_line(brk);
        if !stays && !para[start..brk].trim().is_empty() {
            // The piece after this break joins the sentence before it.
            continue;
        }
        if start == 0
            && kept.is_empty()
            && is_lone_punctuation(0, brk)
            && !para[..brk].trim().contains('\n')
            && one_line(brk)
        {
            // The paragraph starts with a lone piece of punctuation: it joins the sentence after it.
            continue;
        }
        kept.push(brk);
    }
    *breaks = kept;
}

/// Characters that end a sentence (for the line-break rule).
fn is_final(ch: char) -> bool {
    matches!(ch, '.' | '!' | '?' | '…' | '。' | '！' | '？' | '．')
}

fn is_closer(ch: char) -> bool {
    matches!(
        ch,
        '"' | '\'' | ')' | ']' | '”' | '’' | '»' | '」' | '』' | '）' | '》' | '〉' | '】' | '〗'
    )
}

/// How a single line break inside a paragraph is read (a blank line always ends a paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineBreaks {
    /// By the shape of the lines around it: a separator, a list item, a heading, a dateline or a
    /// block of short lines without final punctuation ends a sentence there; a line wrapped inside a
    /// sentence is joined (see the [module docs](super)).
    #[default]
    Auto,
    /// As a space: only the rules break (text hard-wrapped at a fixed width, or as SRX tools read it).
    Space,
    /// As a sentence break: no sentence spans two lines (text with one segment per line).
    Break,
}

/// Whether the line break at byte `nl` of `para` ends a sentence by the structural line rule (see the
/// module docs; [`LineBreaks::Auto`]).
pub(super) fn line_break_is_sentence_break(para: &str, nl: usize) -> bool {
    let line_start = para[..nl].rfind('\n').map_or(0, |i| i + 1);
    let prev = para[line_start..nl].trim();
    let rest = &para[nl + 1..];
    let next = rest[..rest.find('\n').unwrap_or(rest.len())].trim();
    if prev.is_empty() || next.is_empty() {
        return false;
    }
    if is_separator_line(prev) || is_separator_line(next) {
        return true;
    }
    if ends_like_a_sentence(prev) {
        // Ends like a sentence: the rules decide, seeing the line break as a space.
        return false;
    }
    if starts_list_item(next) {
        return true;
    }
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    if matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&') {
        return false;
    }
    if is_short_line_block(para, prev, next) || is_heading(para, line_start, prev, next) {
        return true;
    }
    if last.is_lowercase() {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    first.is_uppercase()
        || first.is_ascii_digit()
        || matches!(
            first,
            '"' | '\'' | '“' | '‘' | '«' | '„' | '(' | '[' | '「' | '『' | '（' | '《'
        )
        // A script without case (Chinese): a line without final punctuation is a headline or
        // dateline (hard-wrapped Chinese needs `LineBreaks::Space`).
        || (first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase())
}

/// Whether `line` ends with sentence-final punctuation (before closing quotes and brackets).
fn ends_like_a_sentence(line: &str) -> bool {
    line.chars()
        .rev()
        .find(|&c| !is_closer(c))
        .is_some_and(is_final)
}

/// Lines this short (in words and in characters) read as items, not as wrapped prose, in a paragraph
/// that does not end like a sentence (`features⏎contact manager⏎events, activities`).
const SHORT_LINE_WORDS: usize = 5;
const SHORT_LINE_CHARS: usize = 48;

fn is_short(line: &str, words: usize) -> bool {
    line.len() <= SHORT_LINE_CHARS * 4
        && line.chars().count() <= SHORT_LINE_CHARS
        && line.split_whitespace().count() <= words
}

/// Two short lines in a paragraph whose end is not a sentence's end: items of a list written one per
/// line. A wrapped sentence ends its paragraph with final punctuation.
fn is_short_line_block(para: &str, prev: &str, next: &str) -> bool {
    is_short(prev, SHORT_LINE_WORDS)
        && is_short(next, SHORT_LINE_WORDS)
        && !ends_like_a_sentence(para.trim_end())
}

/// The most words a heading or byline line has.
const HEADING_WORDS: usize = 8;

/// A heading or byline: a short capitalised line that starts a block (the paragraph's first line or
/// the line after a sentence's end), followed by a capitalised line at least twice as long (wrapped
/// prose fills its first line; a heading is shorter than the text under it).
fn is_heading(para: &str, line_start: usize, prev: &str, next: &str) -> bool {
    let starts_block = line_start == 0 || ends_like_a_sentence(para[..line_start].trim_end());
    starts_block
        && is_short(prev, HEADING_WORDS)
        && prev
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && next.chars().next().is_some_and(char::is_uppercase)
        && next.chars().count() >= 2 * prev.chars().count()
}

/// A line such as `xxx`, `***` or `---`: no letter or digit, or one letter repeated (at most 5 times).
fn is_separator_line(line: &str) -> bool {
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return true;
    };
    let n = line.chars().count();
    (2..=5).contains(&n) && first.is_alphabetic() && chars.all(|c| c == first)
}

/// Paragraph ranges of `text`: maximal runs of non-blank lines, trimmed.
pub(super) fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        let mut start: Option<usize> = None;
        let mut end = 0;
        while pos < text.len() {
            let line_end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
            let line = &text[pos..line_end];
            let trimmed = line.trim();
            if trimmed.is_empty() {
                pos = line_end;
                if start.is_some() {
                    break;
                }
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            end = pos + lead + trimmed.len();
            pos = line_end;
        }
        start.map(|s| s..end)
    })
}

/// Turns increasing byte offsets into character offsets incrementally (linear over a whole text).
#[derive(Default)]
pub(super) struct CharCursor {
    byte: usize,
    char: usize,
}

impl CharCursor {
    /// The character offset of byte offset `byte`.
    fn advance_to(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }

    /// The character range of byte range `bytes` (which must not start before the last one ended).
    pub(super) fn range(&mut self, text: &str, bytes: Range<usize>) -> Range<usize> {
        let start = self.advance_to(text, bytes.start);
        let end = self.advance_to(text, bytes.end);
        start..end
    }
}
