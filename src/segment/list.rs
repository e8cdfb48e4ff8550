//! Lists and enumerations: item markers (`1.`, `1)`, `1.)`, `(1)`, `a.`, `(a)`, `i.`, `а)`, and the
//! bullets `•`, `⁃`, `▪`, `◦`, `‣`, `●` before or instead of them), the start of a list item on a line,
//! and runs of items written inline (`1. The first item 2. The second item`).
//!
//! # Method
//!
//! A marker is an enumerator (1–3 digits, one lowercase Latin, Azerbaijani or Cyrillic letter, or a
//! lowercase Roman numeral up to `xxxix`) with its delimiter (`.`, `)`, `.)`, or `(`…`)`),
//! optionally after a bullet, standing after whitespace (or at the start of the paragraph) and
//! followed by whitespace. One marker proves nothing (`in 2. The …`, `Plan b. Then …`); an inline
//! list is a *run*: markers of the same style whose values follow each other (`1.` → `2.`,
//! `a)` → `b)`, `ii.` → `iii.`, `• 9.` → `• 10.`, or the same bullet twice), the first of them where a
//! list can start (the paragraph or a line start, after `:` or after sentence-final punctuation).
//! Inside a paragraph a run's item must start like a sentence (a capital, a digit or a quote), so
//! `1.мороженое, 2.мясо` and `1) рыбу 2) соль` stay inside their sentence; at the start of a line any
//! item counts.
//!
//! Each marker of a run starts a sentence, and no rule breaks between a marker and its item. SRX
//! cannot say this (a break between two words, decided by counting), so `--export-srx` carries only the
//! no-break after a list number at the start of a line.

use std::ops::Range;

/// Bullets that mark list items even inline (`-` and `*` only count at the start of a line).
const BULLETS: [char; 6] = ['•', '⁃', '▪', '◦', '‣', '●'];

/// Azerbaijani Latin letters in alphabetical order (lists lettered `a)`, `b)`, `c)`, `ç)` …).
const AZ_ALPHABET: &str = "abcçdeəfgğhxıijkqlmnoöprsştuüvyz";

/// Russian letters in the order lists use them (`ё`, `й`, `ъ`, `ы`, `ь` are skipped).
const RU_ALPHABET: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

/// How a marker is written: two markers continue one list only if they are written alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    bullet: Option<char>,
    open_paren: bool,
    delimiter: Delimiter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delimiter {
    /// A bullet alone.
    None,
    /// `1.`
    Dot,
    /// `1)` or `(1)`
    Paren,
    /// `1.)`
    DotParen,
}

/// The enumerator's value under each reading it allows (`i` is a letter and a Roman numeral).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Value {
    number: Option<u32>,
    letter: Option<char>,
    roman: Option<u32>,
}

/// A list item marker found in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Marker {
    /// From the bullet or enumerator to the start of the item's text (after the whitespace).
    span: Range<usize>,
    style: Style,
    value: Value,
    /// Where a list can start: the paragraph or a line start, after `:` or after final punctuation.
    at_list_start: bool,
    /// At the start of a line (or of the paragraph).
    at_line_start: bool,
    /// The item's first character starts a sentence (a capital, a digit or an opening quote).
    item_starts_sentence: bool,
}

/// Whether `b` continues the list `a` belongs to.
fn continues(a: &Marker, b: &Marker) -> bool {
    if a.style != b.style {
        return false;
    }
    if a.style.delimiter == Delimiter::None {
        return true;
    }
    let (x, y) = (a.value, b.value);
    let next = |p: Option<u32>, q: Option<u32>| matches!((p, q), (Some(p), Some(q)) if q == p + 1);
    next(x.number, y.number)
        || next(x.roman, y.roman)
        || matches!((x.letter, y.letter), (Some(p), Some(q)) if next_letter(p) == Some(q) || next_in(AZ_ALPHABET, p) == Some(q))
}

/// The letter after `c` in the Latin or the Russian list alphabet.
fn next_letter(c: char) -> Option<char> {
    if c.is_ascii_lowercase() {
        return (c != 'z').then(|| char::from(c as u8 + 1));
    }
    next_in(RU_ALPHABET, c)
}

fn next_in(alphabet: &str, c: char) -> Option<char> {
    let mut chars = alphabet.chars();
    chars.find(|&a| a == c)?;
    chars.next()
}

/// The value of a lowercase Roman numeral (`i` … `xxxix`), if `s` is one.
fn roman(s: &str) -> Option<u32> {
    const NUMERALS: [&str; 39] = [
        "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv",
        "xv", "xvi", "xvii", "xviii", "xix", "xx", "xxi", "xxii", "xxiii", "xxiv", "xxv", "xxvi",
        "xxvii", "xxviii", "xxix", "xxx", "xxxi", "xxxii", "xxxiii", "xxxiv", "xxxv", "xxxvi",
        "xxxvii", "xxxviii", "xxxix",
    ];
    let n = NUMERALS.iter().position(|&r| r == s)?;
    u32::try_from(n + 1).ok()
}

fn is_list_letter(c: char) -> bool {
    c.is_ascii_lowercase() || RU_ALPHABET.contains(c) || AZ_ALPHABET.contains(c) || c == 'ё'
}

/// Parses a marker starting at byte `at` of `text` (the caller checks what comes before it): returns
/// the marker's style, value and the byte where its trailing whitespace starts.
fn parse_marker(text: &str, at: usize, line_start: bool) -> Option<(Style, Value, usize)> {
    let rest = &text[at..];
    let mut chars = rest.char_indices().peekable();
    let mut bullet = None;
    if let Some(&(_, c)) = chars.peek()
        && (BULLETS.contains(&c) || (line_start && matches!(c, '-' | '*' | '–' | '—' | '·')))
    {
        bullet = Some(c);
        chars.next();
        // `• 9.` or `⁃9.`: at most one space between a bullet and its enumerator.
        if let Some(&(_, ' ')) = chars.peek() {
            let mut lookahead = chars.clone();
            lookahead.next();
            if lookahead.peek().is_some_and(|&(_, c)| c.is_ascii_digit()) {
                chars.next();
            }
        }
    }
    let bullet_end = chars.peek().map_or(rest.len(), |&(i, _)| i);
    let open_paren = chars.peek().is_some_and(|&(_, c)| c == '(');
    if open_paren {
        chars.next();
    }
    let body_start = chars.peek().map_or(rest.len(), |&(i, _)| i);
    while chars
        .peek()
        .is_some_and(|&(_, c)| c.is_ascii_digit() || is_list_letter(c))
    {
        chars.next();
    }
    let body_end = chars.peek().map_or(rest.len(), |&(i, _)| i);
    let body = &rest[body_start..body_end];
    let value = if body.is_empty() {
        Value::default()
    } else if body.bytes().all(|b| b.is_ascii_digit()) {
        if body.len() > 3 {
            return None;
        }
        Value {
            number: body.parse().ok(),
            ..Value::default()
        }
    } else {
        let mut letters = body.chars();
        let first = letters.next();
        let single = letters.next().is_none();
        let value = Value {
            letter: first.filter(|_| single),
            roman: roman(body),
            number: None,
        };
        if value.letter.is_none() && value.roman.is_none() {
            return None;
        }
        value
    };
    let delimiter = if body.is_empty() {
        if bullet.is_none() || open_paren {
            return None;
        }
        Delimiter::None
    } else if rest[body_end..].starts_with(".)") {
        chars.next();
        chars.next();
        Delimiter::DotParen
    } else if rest[body_end..].starts_with(')') {
        chars.next();
        Delimiter::Paren
    } else if rest[body_end..].starts_with('.') && !open_paren {
        chars.next();
        Delimiter::Dot
    } else {
        return None;
    };
    if open_paren && delimiter != Delimiter::Paren {
        return None;
    }
    let end = match delimiter {
        Delimiter::None => bullet_end,
        _ => chars.peek().map_or(rest.len(), |&(i, _)| i),
    };
    // A marker is followed by whitespace (a bullet alone, by exactly that).
    if !rest[end..].starts_with(char::is_whitespace) {
        return None;
    }
    let style = Style {
        bullet,
        open_paren,
        delimiter,
    };
    Some((style, value, at + end))
}

/// Whether `line` (trimmed) starts with a list item marker or a speech-turn dash: `- `, `– `, `— `,
/// `• `, `* `, `1. `, `1) `, `1.) `, `(1) `, `a) `, `(a) `, `i. `, `а) `, `⁃9. ` ….
pub(super) fn starts_list_item(line: &str) -> bool {
    parse_marker(line, 0, true).is_some()
}

/// All markers of `para` (see the module docs), in order. `lines` says whether line starts count as
/// list starts (not when line breaks are read as spaces).
fn markers(para: &str, lines: bool) -> Vec<Marker> {
    let bytes = para.as_bytes();
    let mut out: Vec<Marker> = Vec::new();
    let consider = |start: usize, out: &mut Vec<Marker>| {
        if out.last().is_some_and(|m| m.span.start >= start) {
            return;
        }
        let before = para[..start].trim_end_matches([' ', '\t']);
        let at_line_start = before.is_empty() || (lines && before.ends_with('\n'));
        let Some((style, value, end)) = parse_marker(para, start, at_line_start) else {
            return;
        };
        let text_start = end + (para[end..].len() - para[end..].trim_start().len());
        let item_starts_sentence = para[text_start..].chars().next().is_some_and(|c| {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '\'' | '“' | '‘' | '«' | '„' | '(')
        });
        let before = before.trim_end();
        let at_list_start = at_line_start
            || before.ends_with(':')
            || before
                .trim_end_matches(['"', '\'', ')', ']', '”', '’', '»'])
                .ends_with(['.', '!', '?', '…']);
        out.push(Marker {
            span: start..text_start,
            style,
            value,
            at_list_start,
            at_line_start,
            item_starts_sentence,
        });
    };
    for i in memchr::memchr3_iter(b'.', b')', 0xE2, bytes) {
        if bytes[i] == 0xE2 {
            // A bullet (all of them are three-byte characters starting with 0xE2).
            let Some(c) = para.get(i..).and_then(|s| s.chars().next()) else {
                continue;
            };
            if BULLETS.contains(&c) && (i == 0 || para[..i].ends_with(char::is_whitespace)) {
                consider(i, &mut out);
            }
            continue;
        }
        // Walk back over the enumerator (and `.` of `.)`, `(`) to the whitespace before it.
        let mut start = i;
        if bytes[i] == b')' && start > 0 && bytes[start - 1] == b'.' {
            start -= 1;
        }
        let mut steps = 0;
        while let Some(c) = para[..start].chars().next_back() {
            if c.is_whitespace() || steps > 6 {
                break;
            }
            if BULLETS.contains(&c) {
                start -= c.len_utf8();
                break;
            }
            if !(c.is_ascii_digit() || is_list_letter(c) || c == '(') {
                steps = usize::MAX;
                break;
            }
            start -= c.len_utf8();
            steps += 1;
        }
        if steps == usize::MAX || start == i {
            continue;
        }
        // `• 9.`: a bullet and one space before the enumerator.
        let head = &para[..start];
        if let Some(space_stripped) = head.strip_suffix(' ')
            && let Some(b) = space_stripped.chars().next_back()
            && BULLETS.contains(&b)
        {
            let bullet_at = space_stripped.len() - b.len_utf8();
            if bullet_at == 0 || para[..bullet_at].ends_with(char::is_whitespace) {
                // The bullet alone was already taken as a marker: replace it.
                if out.last().is_some_and(|m| m.span.start == bullet_at) {
                    out.pop();
                }
                consider(bullet_at, &mut out);
                continue;
            }
        }
        if start == 0 || para[..start].ends_with(char::is_whitespace) {
            consider(start, &mut out);
        }
    }
    out
}

/// Inline lists of `para`: for each item of each run, the marker's span (from the marker to the
/// start of the item's text). Every such item starts a sentence.
pub(super) fn list_items(para: &str, lines: bool) -> Vec<Range<usize>> {
    let markers = markers(para, lines);
    if markers.len() < 2 {
        return Vec::new();
    }
    let usable = |m: &Marker| m.item_starts_sentence || m.at_line_start;
    let mut in_run = vec![false; markers.len()];
    for (i, a) in markers.iter().enumerate() {
        if !usable(a) || !(a.at_list_start || in_run[i]) {
            continue;
        }
        if let Some(j) = (i + 1..markers.len()).find(|&j| markers[j].style == a.style)
            && usable(&markers[j])
            && continues(a, &markers[j])
        {
            in_run[i] = true;
            in_run[j] = true;
        }
    }
    markers
        .into_iter()
        .zip(in_run)
        .filter_map(|(m, keep)| keep.then_some(m.span))
        .collect()
}

/// Places breaks for inline lists: one before each item of a run, none between a marker and its item.
pub(super) fn apply_list_breaks(para: &str, breaks: &mut Vec<usize>, lines: bool) {
    let items = list_items(para, lines);
    if items.is_empty() {
        return;
    }
    let mut out: Vec<usize> = Vec::with_capacity(breaks.len() + items.len());
    let mut items = items.into_iter().peekable();
    let mut rest = breaks.iter().copied().peekable();
    loop {
        if let Some(span) = items.next_if(|s| rest.peek().is_none_or(|&b| s.start < b)) {
            // A rule break just before the marker (`item. 2. Next`) already starts the item.
            let already = out
                .last()
                .is_some_and(|&last| para[last..span.start].trim().is_empty());
            if span.start > 0 && !already {
                out.push(span.start);
            }
            // No break between the marker and its item.
            while rest.next_if(|&b| b <= span.end).is_some() {}
        } else if let Some(b) = rest.next() {
            out.push(b);
        } else {
            break;
        }
    }
    *breaks = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(para: &str) -> Vec<&str> {
        list_items(para, true)
            .into_iter()
            .map(|r| para[r].trim_end())
            .collect()
    }

    #[test]
    fn runs_of_markers_are_lists() {
        assert_eq!(
            items("1.) The first item 2.) The second item"),
            ["1.)", "2.)"]
        );
        assert_eq!(items("• 9. The first • 10. The second"), ["• 9.", "• 10."]);
        assert_eq!(items("⁃9. The first ⁃10. The second"), ["⁃9.", "⁃10."]);
        assert_eq!(items("a. One b. Two c. Three"), ["a.", "b.", "c."]);
        assert_eq!(items("Steps: (i) Open (ii) Close"), ["(i)", "(ii)"]);
        assert_eq!(items("Пункты: а) Первый б) Второй"), ["а)", "б)"]);
        assert_eq!(items("Bəndlər: ç) Birinci d) İkinci"), ["ç)", "d)"]);
    }

    #[test]
    fn single_or_unrelated_markers_are_not_lists() {
        assert!(items("He came in 2. The rest came in 4. Then it ended.").is_empty());
        assert!(items("Вот список: 1.мороженое, 2.мясо, 3.рис.").is_empty());
        assert!(items("Нужно купить 1) рыбу 2) соль.").is_empty());
        assert!(items("The score was 2. The next game ended 3. Then").is_empty());
    }

    #[test]
    fn line_starts_take_any_item() {
        assert_eq!(items("a) birinci\nb) ikinci"), ["a)", "b)"]);
        assert!(starts_list_item("1.) item"));
        assert!(starts_list_item("(a) item"));
        assert!(starts_list_item("- item"));
        assert!(!starts_list_item("-item"));
        assert!(!starts_list_item("2024. Year"));
    }
}
