//! The rules engine: SRX 2.0 rules compiled to finite automata and consulted at candidate positions.
//!
//! SRX 2.0 (LISA, *Segmentation Rules eXchange*, 2008, §2.4 "Rules"): at a candidate position the first
//! rule, in order, whose before-pattern matches text ending there and whose after-pattern matches text
//! starting there decides; when no rule matches there is no break. The deviations (candidate positions,
//! bounded look-behind, the `regex` syntax) are listed in the [module docs](super).
//!
//! The scan over a paragraph also asks the line structure ([`super::structure`]) about every line
//! break, so that one pass finds every break before the post-passes (Chinese quote parity, lone
//! punctuation) adjust them.

use std::path::Path;

use regex_automata::hybrid::dfa::DFA as LazyDfa;
use regex_automata::meta::Regex;
use regex_automata::nfa::thompson;
use regex_automata::util::start;
use regex_automata::{Anchored, Input};

use super::srx::Rule;
use super::structure::{LineBreaks, line_break_is_sentence_break};
use super::{Error, RuleRef, WINDOW};
use crate::location::Location;

/// Which positions the rules are consulted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Candidates {
    /// After sentence-final punctuation and closing quotes/brackets (the built-in rules only break there).
    Terminators,
    /// After any character that is not a letter, digit or whitespace, and after whitespace following one.
    AnyPunctuation,
}

/// One compiled rule.
#[derive(Debug)]
pub(super) struct CompiledRule {
    is_break: bool,
    /// `None` for an empty pattern (matches everywhere).
    before: Option<Regex>,
    after: Option<Regex>,
    /// The bytes a before-match can end with and an after-match can start with: most rules are
    /// rejected at a position by these two lookups, without a search.
    before_last: EdgeBytes,
    after_first: EdgeBytes,
}

/// The bytes that can stand at one edge of a pattern's match (the first two bytes of a forward match,
/// the last two of a match ending at the position), from the pattern's lazy DFA: a byte pair that leads
/// the anchored start state to the dead state cannot. Most rules are rejected at a position by two
/// lookups, without a search (the built-in rules have ~30 rules and most positions are `. The`).
#[derive(Debug)]
struct EdgeBytes {
    /// Whether a byte can be the edge byte.
    first: [bool; 256],
    /// For an edge byte, a bit set of the bytes that can come next (inwards); `None`: any.
    second: Option<Box<[[u64; 4]; 256]>>,
}

impl EdgeBytes {
    /// Every byte (an empty pattern, or one whose automaton cannot be built lazily).
    fn any() -> EdgeBytes {
        EdgeBytes {
            first: [true; 256],
            second: None,
        }
    }

    /// The edge bytes of `pattern`'s matches: the first two, or with `reverse` the last two.
    fn of(pattern: &str, reverse: bool) -> EdgeBytes {
        let Ok(dfa) = LazyDfa::builder()
            .thompson(
                thompson::Config::new()
                    .reverse(reverse)
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build(pattern)
        else {
            return EdgeBytes::any();
        };
        let mut cache = dfa.create_cache();
        let config = start::Config::new().anchored(Anchored::Yes);
        let Ok(start) = dfa.start_state(&mut cache, &config) else {
            return EdgeBytes::any();
        };
        let mut edge = EdgeBytes::any();
        let mut states = Vec::new();
        for byte in 0..=u8::MAX {
            let next = dfa.next_state(&mut cache, start, byte);
            let possible = next.as_ref().map_or(true, |s| !s.is_dead());
            edge.first[usize::from(byte)] = possible;
            if let Ok(state) = next
                && possible
            {
                states.push((byte, state));
            }
        }
        // A pattern open to many bytes (`[^》]*`, `\p{L}`) gains little from a second byte.
        if states.len() > 16 {
            return edge;
        }
        let mut second = Box::new([[u64::MAX; 4]; 256]);
        for (byte, state) in states {
            let mut bits = [0u64; 4];
            for next_byte in 0..=u8::MAX {
                let possible = dfa
                    .next_state(&mut cache, state, next_byte)
                    .map_or(true, |s| !s.is_dead());
                if possible {
                    bits[usize::from(next_byte / 64)] |= 1 << (next_byte % 64);
                }
            }
            second[usize::from(byte)] = bits;
        }
        edge.second = Some(second);
        edge
    }

    /// Whether a match can have `edge` as its edge byte and `inner` as the one next to it (`None`:
    /// the text ends there, so nothing is ruled out).
    fn allows(&self, edge: Option<u8>, inner: Option<u8>) -> bool {
        let Some(edge) = edge else { return true };
        if !self.first[usize::from(edge)] {
            return false;
        }
        match (&self.second, inner) {
            (Some(second), Some(inner)) => {
                second[usize::from(edge)][usize::from(inner / 64)] & (1 << (inner % 64)) != 0
            }
            _ => true,
        }
    }
}

/// An ordered list of compiled rules and the positions they are consulted at.
#[derive(Debug)]
pub(super) struct Compiled {
    pub(super) rules: Vec<CompiledRule>,
    /// Indices of the break rules, to answer "could anything break here?" quickly.
    break_rules: Vec<usize>,
    candidates: Candidates,
}

impl Compiled {
    /// Compiles `rules` (the rule set `name`; `path` for error messages only).
    pub(super) fn new(
        rules: &[Rule],
        name: &str,
        path: Option<&Path>,
        candidates: Candidates,
    ) -> Result<Compiled, Error> {
        let compiled = rules
            .iter()
            .enumerate()
            .map(|(i, r)| compile_rule(r, name, i + 1, path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Compiled::from_rules(compiled, candidates))
    }

    /// Rules already compiled (each by [`compile_rule`]), in order.
    pub(super) fn from_rules(rules: Vec<CompiledRule>, candidates: Candidates) -> Compiled {
        let break_rules = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_break)
            .map(|(i, _)| i)
            .collect();
        Compiled {
            rules,
            break_rules,
            candidates,
        }
    }

    /// Break positions (byte offsets into `para`, increasing) inside one paragraph: where the rules
    /// break and where the line structure does (read as `line_breaks` says).
    pub(super) fn breaks(&self, para: &str, line_breaks: LineBreaks) -> Vec<usize> {
        let bytes = para.as_bytes();
        let mut out: Vec<usize> = Vec::new();
        let stops = match self.candidates {
            Candidates::Terminators => &STOPS_TERMINATORS,
            Candidates::AnyPunctuation => &STOPS_ANY_PUNCTUATION,
        };
        let mut i = 0;
        while i < bytes.len() {
            // Skip the bytes that never matter (ASCII letters, digits, spaces, most punctuation).
            while i < bytes.len() && !stops[usize::from(bytes[i])] {
                i += 1;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b == b'\n' {
                let is_break = match line_breaks {
                    LineBreaks::Auto => line_break_is_sentence_break(para, i),
                    LineBreaks::Space => false,
                    LineBreaks::Break => !para[i + 1..].trim().is_empty(),
                };
                if is_break {
                    push_break(&mut out, i);
                }
                i += 1;
                continue;
            }
            if b.is_ascii() {
                if is_candidate_ascii(b, self.candidates) {
                    self.consider(para, i + 1, &mut out);
                }
                i += 1;
                continue;
            }
            let ch = para[i..].chars().next().expect("i is a char boundary");
            let len = ch.len_utf8();
            if is_candidate_char(ch, self.candidates) {
                self.consider(para, i + len, &mut out);
            }
            i += len;
        }
        out
    }

    /// Consults the rules at `pos` (and, for generic SRX rules, after the whitespace that follows).
    fn consider(&self, para: &str, pos: usize, out: &mut Vec<usize>) {
        if self.is_break_at(para, pos) {
            push_break(out, pos);
        }
        if self.candidates == Candidates::AnyPunctuation {
            let ws = para[pos..].len() - para[pos..].trim_start().len();
            if ws > 0 && pos + ws < para.len() && self.is_break_at(para, pos + ws) {
                push_break(out, pos + ws);
            }
        }
    }

    /// Whether the first rule matching at `pos` is a break rule.
    fn is_break_at(&self, para: &str, pos: usize) -> bool {
        let c = self;
        let before_from = floor_boundary(para, pos.saturating_sub(WINDOW));
        let after_to = ceil_boundary(para, (pos + WINDOW).min(para.len()));
        let before_hay = &para[..pos];
        // The after-pattern first: it is anchored at the position and most fail on the first
        // character, while a before-pattern searches back through the window.
        let bytes = para.as_bytes();
        let after = |i: usize| bytes.get(i).copied().filter(|_| i < after_to);
        let (next_byte, next_next_byte) = (after(pos), after(pos + 1));
        let before = |back: usize| {
            pos.checked_sub(back)
                .filter(|&i| i >= before_from)
                .and_then(|i| bytes.get(i).copied())
        };
        let (last_byte, last_but_one) = (before(1), before(2));
        let matches = |rule: &CompiledRule| {
            rule.after_first.allows(next_byte, next_next_byte)
                && rule.before_last.allows(last_byte, last_but_one)
                && rule.after.as_ref().is_none_or(|re| {
                    re.is_match(
                        Input::new(para)
                            .range(pos..after_to)
                            .anchored(Anchored::Yes),
                    )
                })
                && rule
                    .before
                    .as_ref()
                    .is_none_or(|re| re.is_match(Input::new(before_hay).range(before_from..pos)))
        };
        // Nothing breaks unless some break rule matches: check those first (most candidates stop here).
        let Some(&first_break) = c.break_rules.iter().find(|&&i| matches(&c.rules[i])) else {
            return false;
        };
        !c.rules[..first_break]
            .iter()
            .any(|r| !r.is_break && matches(r))
    }
}

/// Appends break `pos` unless it does not come after the last one (breaks stay increasing).
pub(super) fn push_break(out: &mut Vec<usize>, pos: usize) {
    if out.last().is_none_or(|&last| last < pos) {
        out.push(pos);
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Compiles one rule; `rules_name`, `index` and `path` say where it is in error messages.
pub(super) fn compile_rule(
    rule: &Rule,
    rules_name: &str,
    index: usize,
    path: Option<&Path>,
) -> Result<CompiledRule, Error> {
    let rule_ref = || {
        Box::new(RuleRef {
            at: Location::new(
                path.map(Path::to_path_buf),
                rule.line.unwrap_or(0),
                rule.col.unwrap_or(0),
            ),
            rules: rules_name.to_string(),
            index,
        })
    };
    let compile = |side: &'static str, pattern: &str| -> Result<Option<Regex>, Error> {
        if pattern.is_empty() {
            return Ok(None);
        }
        if let Some(construct) = unsupported_construct(pattern) {
            return Err(Error::UnsupportedPattern {
                rule: rule_ref(),
                side,
                pattern: pattern.to_string(),
                construct,
            });
        }
        let full = if side == "before" {
            format!("(?:{pattern})$")
        } else {
            format!("(?:{pattern})")
        };
        Regex::new(&full)
            .map(Some)
            .map_err(|source| Error::BadPattern {
                rule: rule_ref(),
                side,
                pattern: pattern.to_string(),
                source: Box::new(source),
            })
    };
    let edge = |pattern: &str, reverse: bool| {
        if pattern.is_empty() {
            EdgeBytes::any()
        } else {
            EdgeBytes::of(pattern, reverse)
        }
    };
    Ok(CompiledRule {
        is_break: rule.is_break,
        before: compile("before", &rule.before)?,
        after: compile("after", &rule.after)?,
        before_last: edge(&rule.before, true),
        after_first: edge(&rule.after, false),
    })
}

/// Java regex constructs that finite automata cannot run (look-around, atomic groups, possessive
/// quantifiers, back-references), so a rule using one is reported rather than misread.
fn unsupported_construct(pattern: &str) -> Option<&'static str> {
    const CONSTRUCTS: &[(&str, &str)] = &[
        ("(?<=", "look-behind '(?<='"),
        ("(?<!", "negative look-behind '(?<!'"),
        ("(?=", "look-ahead '(?='"),
        ("(?!", "negative look-ahead '(?!'"),
        ("(?>", "an atomic group '(?>'"),
        ("*+", "a possessive quantifier '*+'"),
        ("++", "a possessive quantifier '++'"),
        ("?+", "a possessive quantifier '?+'"),
        ("}+", "a possessive quantifier '}+'"),
    ];
    // Skip escaped characters so that `\(?=` or `\++` are not mistaken for constructs.
    let bytes = pattern.as_bytes();
    let mut i = 0;
    let mut in_class = false;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if let Some(&next) = bytes.get(i + 1)
                    && !in_class
                    && next.is_ascii_digit()
                    && next != b'0'
                {
                    return Some("a back-reference '\\N'");
                }
                // `\p{L}+` is a class and a quantifier, not a possessive `}+`: skip the braces.
                if matches!(bytes.get(i + 1), Some(b'p' | b'P'))
                    && bytes.get(i + 2) == Some(&b'{')
                    && let Some(close) = bytes[i + 2..].iter().position(|&b| b == b'}')
                {
                    i += 2 + close + 1;
                    continue;
                }
                i += 2;
                continue;
            }
            b'[' => in_class = true,
            b']' => in_class = false,
            _ if !in_class => {
                let rest = &bytes[i..];
                for (text, name) in CONSTRUCTS {
                    if rest.starts_with(text.as_bytes()) {
                        return Some(name);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Bytes the scan in `breaks` must stop at: a line break, any non-ASCII byte, and the ASCII
/// candidates.
const fn stop_table(candidates: Candidates) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = byte == b'\n' || !byte.is_ascii() || is_candidate_ascii(byte, candidates);
        b += 1;
    }
    table
}

static STOPS_TERMINATORS: [bool; 256] = stop_table(Candidates::Terminators);
static STOPS_ANY_PUNCTUATION: [bool; 256] = stop_table(Candidates::AnyPunctuation);

const fn is_candidate_ascii(b: u8, candidates: Candidates) -> bool {
    match candidates {
        Candidates::Terminators => matches!(b, b'.' | b'!' | b'?' | b'"' | b'\'' | b')' | b']'),
        Candidates::AnyPunctuation => !(b.is_ascii_alphanumeric() || b.is_ascii_whitespace()),
    }
}

fn is_candidate_char(ch: char, candidates: Candidates) -> bool {
    match candidates {
        Candidates::Terminators => matches!(
            ch,
            '…' | '。'
                | '！'
                | '？'
                | '．'
                | '”'
                | '’'
                | '»'
                | '“'
                | '」'
                | '』'
                | '）'
                | '》'
                | '〉'
                | '】'
                | '〗'
        ),
        Candidates::AnyPunctuation => !(ch.is_alphanumeric() || ch.is_whitespace()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edge_bytes_rule_out_what_cannot_match() {
        let after = EdgeBytes::of(r"\s+\p{Lu}", false);
        assert!(after.allows(Some(b' '), Some(b'T')));
        assert!(!after.allows(Some(b' '), Some(b't')));
        assert!(!after.allows(Some(b'x'), None));
        // `Ə` is 0xC6 0x8F: its first byte may follow the space.
        assert!(after.allows(Some(b' '), Some(0xC6)));
        let before = EdgeBytes::of(r"\d\s*[ap]\.m\.", true);
        assert!(before.allows(Some(b'.'), Some(b'm')));
        assert!(!before.allows(Some(b'.'), Some(b'e')));
        // At the edge of the window nothing is ruled out.
        assert!(before.allows(None, None));
        assert!(EdgeBytes::any().allows(Some(b'x'), Some(b'y')));
    }

    #[test]
    fn unsupported_constructs_are_found() {
        assert_eq!(unsupported_construct("a(?=b)"), Some("look-ahead '(?='"));
        assert_eq!(unsupported_construct("\\(?=b"), None);
        assert_eq!(unsupported_construct("[(?=]"), None);
        assert_eq!(unsupported_construct("\\p{L}+\\s"), None);
        assert_eq!(
            unsupported_construct("a{2}+"),
            Some("a possessive quantifier '}+'")
        );
        assert_eq!(
            unsupported_construct("a++"),
            Some("a possessive quantifier '++'")
        );
        assert_eq!(
            unsupported_construct("(a)\\1"),
            Some("a back-reference '\\N'")
        );
    }
}
