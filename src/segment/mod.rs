//! Sentence segmentation with SRX 2.0 rule semantics.
//!
//! # Method
//!
//! A [`Segmenter`] holds an ordered list of [`Rule`]s, each a *before-break* and an *after-break*
//! pattern and a break / no-break decision, as in SRX 2.0 (LISA, *Segmentation Rules eXchange*, 2008,
//! §2.4 "Rules"): at a candidate position the first rule, in order, whose before-pattern matches text
//! ending there and whose after-pattern matches text starting there decides; when no rule matches there
//! is no break. Rules come built in ([`Segmenter::for_lang`]: `en.rs`, `az.rs`, `ru.rs`, `zh.rs`, and a
//! default for every other language) or from an `.srx` file ([`Segmenter::from_srx`], see [`srx`]).
//!
//! Structure comes before rules:
//!
//! - **Paragraphs.** A blank line (a line holding only whitespace) ends a paragraph; no sentence spans
//!   two paragraphs. [`Sentence::paragraph`] numbers the paragraphs from 0.
//! - **Line breaks inside a paragraph** are spaces to the rules (the text is not rewritten: rules see
//!   `\n` as whitespace). In addition a line break is a sentence break, whatever the rules say, when the
//!   line before it ends without sentence-final punctuation and
//!   1. that line or the next is a separator (no letter or digit, or one short repeated letter such
//!      as `xxx`; this holds even after final punctuation), or
//!   2. the next line starts a list item or a speech turn (`- `, `– `, `— `, `• `, `* `, `1. `, `1) `), or
//!   3. that line ends neither in a lowercase letter nor in a continuation mark (`, ; : - – — ( / &`) and
//!      the next line starts with an uppercase letter, a digit, an opening quote or bracket, or a letter
//!      of a script without case (Chinese).
//!
//!   This makes headlines and datelines (`Astana, July 3, AZERTAC`) sentences of their own while text
//!   hard-wrapped in the middle of a sentence (a line ending in a lowercase word or a comma) is joined.
//! - **Lone punctuation.** A piece that holds no letter or digit (a trailing `—` in
//!   `«…», — сказал он. —`, a leading `…`) is never a sentence of its own: it joins the sentence before
//!   it (at the start of a paragraph, the one after it). A separator on a line of its own stays one.
//! - **Chinese quote marks** (built-in Chinese rules only): a `"` or `“` right after `。！？` may close
//!   the sentence before it or open the next one (translators type both ends of a quotation with one
//!   character); the quote marks around it decide, by parity (see `quote_parity_breaks`). SRX cannot
//!   count, so exported Chinese rules carry only the regex approximation of this step.
//!
//! # Invariants
//!
//! Sentences are trimmed views into the input, in order, non-overlapping and never empty: the
//! sentences of a text together with the whitespace between them give back the text exactly
//! ([`Span`] holds byte and character ranges). Nothing is rewritten; [`Sentence::text`] shows a
//! sentence with its line breaks as spaces.
//!
//! # Deviations from SRX 2.0
//!
//! - Candidate positions: rules are only consulted right after a character that is neither a letter,
//!   a digit nor whitespace, and at the end of a whitespace run that follows such a character (for the
//!   built-in rules: only after sentence-final punctuation and closing quotes). A rule that would break
//!   between two letters is never consulted. This keeps segmentation linear and fast.
//! - Look-behind is bounded: a before-pattern sees at most [`WINDOW`] bytes before the position, and
//!   an after-pattern at most [`WINDOW`] bytes after it; no text outside the paragraph.
//! - Patterns use the syntax of the `regex` family (regex-automata), which covers the Java syntax SRX
//!   files use except look-around, back-references, possessive quantifiers and atomic groups; a rule
//!   using them is an error naming the rule ([`Error::UnsupportedPattern`]), never silently skipped.
//!   Matching is by finite automata, so there is no catastrophic backtracking.
//! - Exported rules use this syntax too: `\p{Han}` and `\p{Latin}` are `\p{IsHan}` and `\p{IsLatin}` in
//!   Java, so OmegaT and Okapi need those two spelled their way.
//! - `<formathandle>` and `segmentsubflows` are read and written but have no effect (tmkit segments
//!   plain text).

pub mod az;
pub mod en;
pub mod join;
pub mod ru;
pub mod srx;
pub mod zh;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use regex_automata::meta::Regex;
use regex_automata::{Anchored, Input};

use crate::Lang;
use crate::location::Location;

pub use join::join_sentences;
pub use srx::{LanguageMap, LanguageRules, Rule, Srx};

/// How far (in bytes) a before-pattern may look back and an after-pattern may look ahead. Abbreviation
/// and initial rules need a word or two; 256 bytes leaves room for any sensible rule and bounds the work
/// per candidate position, so segmentation stays linear.
pub const WINDOW: usize = 256;

/// A segmentation error: rules that cannot be read or compiled.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The SRX file is not well-formed XML.
    #[error("{at}: malformed SRX")]
    Xml {
        /// Where the parser stopped.
        at: Location,
        /// The parser's error.
        #[source]
        source: Box<quick_xml::Error>,
    },
    /// The SRX file is XML but not SRX as expected.
    #[error("{at}: {what}")]
    Srx {
        /// Where the problem is.
        at: Location,
        /// What is wrong (expected vs found).
        what: String,
    },
    /// A rule's pattern uses a construct that tmkit's automata cannot run.
    #[error("{rule}: {side} pattern '{pattern}' uses {construct}, which tmkit cannot run")]
    UnsupportedPattern {
        /// Which rule.
        rule: Box<RuleRef>,
        /// `before` or `after`.
        side: &'static str,
        /// The pattern as written.
        pattern: String,
        /// The construct, e.g. `look-ahead '(?='`.
        construct: &'static str,
    },
    /// A rule's pattern does not compile.
    #[error("{rule}: {side} pattern '{pattern}' does not compile")]
    BadPattern {
        /// Which rule.
        rule: Box<RuleRef>,
        /// `before` or `after`.
        side: &'static str,
        /// The pattern as written.
        pattern: String,
        /// The regex compiler's error.
        #[source]
        source: Box<regex_automata::meta::BuildError>,
    },
    /// No `<languagemap>` of the SRX file matches the language.
    #[error("{at}: no <languagemap> matches language '{lang}'")]
    NoRulesForLang {
        /// The SRX file.
        at: Location,
        /// The language asked for.
        lang: String,
    },
}

/// A rule in an error message: where it is, its rule set and its 1-based position there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRef {
    /// Where the rule is (the SRX file and the `<rule>`'s line and column; no path for built-in rules).
    pub at: Location,
    /// The `languagerulename`.
    pub rules: String,
    /// 1-based position of the rule in its language rules.
    pub index: usize,
}

impl std::fmt::Display for RuleRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: rule {} of '{}'", self.at, self.index, self.rules)
    }
}

/// Where a sentence is: byte and character ranges into the segmented text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Span {
    /// Byte range: slice the text with it.
    pub bytes: Range<usize>,
    /// Character (Unicode scalar value) range: report it to people and tools that count characters.
    pub chars: Range<usize>,
}

/// One sentence: a trimmed span of the input and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Sentence {
    /// Where the sentence is in the text.
    pub span: Span,
    /// 0-based index of the paragraph (paragraphs are separated by blank lines).
    pub paragraph: usize,
}

impl Sentence {
    /// The sentence as people read it: the span's text with each line break (and surrounding spaces)
    /// inside it shown as one space. `Cow::Borrowed` when nothing changes.
    ///
    /// # Panics
    ///
    /// If `source` is not the text the sentence was segmented from (the span is out of range).
    pub fn text<'t>(&self, source: &'t str) -> Cow<'t, str> {
        let raw = &source[self.span.bytes.clone()];
        if !raw.contains(['\n', '\r']) {
            return Cow::Borrowed(raw);
        }
        let mut out = String::with_capacity(raw.len());
        for (i, line) in raw.split('\n').enumerate() {
            let line = line.trim_end_matches(['\r']);
            if i == 0 {
                out.push_str(line.trim_end());
            } else {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                out.push(' ');
                out.push_str(line);
            }
        }
        Cow::Owned(out)
    }

    /// The sentence's byte range (a shortcut for `span.bytes`).
    pub fn byte_range(&self) -> Range<usize> {
        self.span.bytes.clone()
    }
}

/// Which positions the rules are consulted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Candidates {
    /// After sentence-final punctuation and closing quotes/brackets (the built-in rules only break there).
    Terminators,
    /// After any character that is not a letter, digit or whitespace, and after whitespace following one.
    AnyPunctuation,
}

/// One compiled rule.
#[derive(Debug)]
struct CompiledRule {
    is_break: bool,
    /// `None` for an empty pattern (matches everywhere).
    before: Option<Regex>,
    after: Option<Regex>,
}

#[derive(Debug)]
struct Compiled {
    rules: Vec<CompiledRule>,
    /// Indices of the break rules, to answer "could anything break here?" quickly.
    break_rules: Vec<usize>,
    candidates: Candidates,
    /// Place breaks around ambiguous quote marks after `。！？` by quote parity (built-in Chinese rules).
    quote_parity: bool,
}

/// Compiled segmentation rules for one language. Cheap to clone (the rules are shared).
#[derive(Debug, Clone)]
pub struct Segmenter {
    compiled: Arc<Compiled>,
}

/// Which built-in rule set a language uses.
fn builtin_key(lang: &Lang) -> &'static str {
    match lang.language() {
        "en" => "en",
        "az" => "az",
        "ru" => "ru",
        "zh" | "ja" | "yue" | "wuu" => "zh",
        _ => "default",
    }
}

/// The built-in rules of every language tmkit has rules for, as SRX: one `<languagerule>` per
/// language (`en`, `az`, `ru`, `zh`, `default`) and language maps `en.*`, `az.*`, `ru.*`, `(zh|ja).*`,
/// `.*` (no cascading: each rule set is complete).
pub fn builtin_srx() -> Srx {
    let sets = [
        ("en", "(?i)en.*", en::rules()),
        ("az", "(?i)az.*", az::rules()),
        ("ru", "(?i)ru.*", ru::rules()),
        ("zh", "(?i)(zh|ja|yue|wuu).*", zh::rules()),
        ("default", ".*", default_rules()),
    ];
    let mut srx = Srx {
        cascade: false,
        segment_subflows: true,
        language_rules: Vec::new(),
        maps: Vec::new(),
    };
    for (name, pattern, rules) in sets {
        srx.language_rules.push(LanguageRules {
            name: name.to_string(),
            rules,
        });
        srx.maps.push(LanguageMap {
            pattern: pattern.to_string(),
            rules_name: name.to_string(),
        });
    }
    srx
}

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

impl Segmenter {
    /// The built-in rules for a language (compiled once per process and shared).
    ///
    /// English, Azerbaijani, Russian and Chinese have their own rules; other languages get
    /// [`default_rules`].
    pub fn for_lang(lang: &Lang) -> Segmenter {
        static CACHE: [OnceLock<Segmenter>; 5] = [const { OnceLock::new() }; 5];
        let key = builtin_key(lang);
        let slot = match key {
            "en" => 0,
            "az" => 1,
            "ru" => 2,
            "zh" => 3,
            _ => 4,
        };
        CACHE[slot]
            .get_or_init(|| {
                let rules = match key {
                    "en" => en::rules(),
                    "az" => az::rules(),
                    "ru" => ru::rules(),
                    "zh" => zh::rules(),
                    _ => default_rules(),
                };
                let mut segmenter = Segmenter::compile(&rules, key, None, Candidates::Terminators)
                    .expect("the built-in rules compile (tested)");
                if key == "zh" {
                    Arc::get_mut(&mut segmenter.compiled)
                        .expect("the segmenter was just built: nothing shares it")
                        .quote_parity = true;
                }
                segmenter
            })
            .clone()
    }

    /// Rules from an SRX 2.0 document, for `lang` (language maps and cascading as SRX says).
    ///
    /// `path` is only used in error messages.
    ///
    /// # Errors
    ///
    /// Malformed XML or SRX (with line and column), a rule whose pattern does not compile or uses a
    /// construct without an equivalent (naming the rule), or no language map for `lang`.
    pub fn from_srx(srx_xml: &str, path: Option<&Path>, lang: &Lang) -> Result<Segmenter, Error> {
        let srx = srx::parse(srx_xml, path)?;
        let rules = srx.rules_for(lang.as_str());
        if rules.is_empty() {
            return Err(Error::NoRulesForLang {
                at: Location::new(path.map(Path::to_path_buf), 0, 0),
                lang: lang.as_str().to_string(),
            });
        }
        // Report compile errors against the rule's own language rule set and position.
        let mut compiled = Vec::new();
        for (name, index, rule) in &rules {
            compiled.push(compile_rule(rule, name, *index, path)?);
        }
        Ok(Segmenter::from_compiled(
            compiled,
            Candidates::AnyPunctuation,
        ))
    }

    fn compile(
        rules: &[Rule],
        name: &str,
        path: Option<&Path>,
        candidates: Candidates,
    ) -> Result<Segmenter, Error> {
        let compiled = rules
            .iter()
            .enumerate()
            .map(|(i, r)| compile_rule(r, name, i + 1, path))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Segmenter::from_compiled(compiled, candidates))
    }

    fn from_compiled(rules: Vec<CompiledRule>, candidates: Candidates) -> Segmenter {
        let break_rules = rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.is_break)
            .map(|(i, _)| i)
            .collect();
        Segmenter {
            compiled: Arc::new(Compiled {
                rules,
                break_rules,
                candidates,
                quote_parity: false,
            }),
        }
    }

    /// Splits `text` into sentences: trimmed, non-empty spans in order, with their paragraph index.
    ///
    /// ```
    /// use tmkit::{Lang, segment::Segmenter};
    /// let text = "Mr. Aliyev met Xi Jinping in Astana. They adopted a declaration.";
    /// let seg = Segmenter::for_lang(&Lang::parse("en")?);
    /// let sentences: Vec<_> = seg.segment(text).iter().map(|s| s.text(text).into_owned()).collect();
    /// assert_eq!(sentences, ["Mr. Aliyev met Xi Jinping in Astana.", "They adopted a declaration."]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn segment(&self, text: &str) -> Vec<Sentence> {
        let mut out = Vec::new();
        let mut chars = CharCursor::default();
        for (paragraph, range) in paragraphs(text).enumerate() {
            let para = &text[range.clone()];
            let mut start = 0;
            let mut emit = |from: usize, to: usize, out: &mut Vec<Sentence>| {
                let piece = &para[from..to];
                let trimmed_start = from + (piece.len() - piece.trim_start().len());
                let trimmed_end = from + piece.trim_end().len();
                if trimmed_start < trimmed_end {
                    let bytes = range.start + trimmed_start..range.start + trimmed_end;
                    let chars = chars.range(text, bytes.clone());
                    out.push(Sentence {
                        span: Span { bytes, chars },
                        paragraph,
                    });
                }
            };
            for brk in self.breaks(para) {
                emit(start, brk, &mut out);
                start = brk;
            }
            emit(start, para.len(), &mut out);
        }
        out
    }

    /// Break positions (byte offsets into `para`, increasing) inside one paragraph.
    fn breaks(&self, para: &str) -> Vec<usize> {
        let bytes = para.as_bytes();
        let mut out: Vec<usize> = Vec::new();
        let stops = match self.compiled.candidates {
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
                if line_break_is_sentence_break(para, i) {
                    push_break(&mut out, i);
                }
                i += 1;
                continue;
            }
            if b.is_ascii() {
                if is_candidate_ascii(b, self.compiled.candidates) {
                    self.consider(para, i + 1, &mut out);
                }
                i += 1;
                continue;
            }
            let ch = para[i..].chars().next().expect("i is a char boundary");
            let len = ch.len_utf8();
            if is_candidate_char(ch, self.compiled.candidates) {
                self.consider(para, i + len, &mut out);
            }
            i += len;
        }
        if self.compiled.quote_parity {
            out = quote_parity_breaks(para, &out);
        }
        attach_punctuation_only(para, &mut out);
        out
    }

    /// Consults the rules at `pos` (and, for generic SRX rules, after the whitespace that follows).
    fn consider(&self, para: &str, pos: usize, out: &mut Vec<usize>) {
        if self.is_break_at(para, pos) {
            push_break(out, pos);
        }
        if self.compiled.candidates == Candidates::AnyPunctuation {
            let ws = para[pos..].len() - para[pos..].trim_start().len();
            if ws > 0 && pos + ws < para.len() && self.is_break_at(para, pos + ws) {
                push_break(out, pos + ws);
            }
        }
    }

    /// Whether the first rule matching at `pos` is a break rule.
    fn is_break_at(&self, para: &str, pos: usize) -> bool {
        let c = &self.compiled;
        let before_from = floor_boundary(para, pos.saturating_sub(WINDOW));
        let after_to = ceil_boundary(para, (pos + WINDOW).min(para.len()));
        let before_hay = &para[..pos];
        let matches = |rule: &CompiledRule| {
            let before_ok = rule
                .before
                .as_ref()
                .is_none_or(|re| re.is_match(Input::new(before_hay).range(before_from..pos)));
            before_ok
                && rule.after.as_ref().is_none_or(|re| {
                    re.is_match(
                        Input::new(para)
                            .range(pos..after_to)
                            .anchored(Anchored::Yes),
                    )
                })
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

/// Drops the breaks that would leave a piece made only of punctuation (no letter or digit, e.g. a lone
/// `—` or `…`) as a sentence: the piece joins the sentence before it (or, at the start of the
/// paragraph, the one after it). A piece on a line of its own (a separator such as `***`) stays a
/// sentence.
fn attach_punctuation_only(para: &str, breaks: &mut Vec<usize>) {
    if breaks.is_empty() {
        return;
    }
    let is_lone_punctuation = |from: usize, to: usize| {
        let piece = &para[from..to];
        let text = piece.trim();
        !text.is_empty() && !text.chars().any(char::is_alphanumeric) && !piece.contains('\n')
    };
    let mut kept: Vec<usize> = Vec::with_capacity(breaks.len());
    for (k, &brk) in breaks.iter().enumerate() {
        let next = breaks.get(k + 1).copied().unwrap_or(para.len());
        let start = kept.last().copied().unwrap_or(0);
        if is_lone_punctuation(brk, next) && !para[start..brk].trim().is_empty() {
            // The piece after this break joins the sentence before it.
            continue;
        }
        if start == 0 && kept.is_empty() && is_lone_punctuation(0, brk) {
            // The paragraph starts with a lone piece of punctuation: it joins the sentence after it.
            continue;
        }
        kept.push(brk);
    }
    *breaks = kept;
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
fn quote_parity_breaks(para: &str, breaks: &[usize]) -> Vec<usize> {
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
        count = if after_punctuation && zh::names_speaker(&para[m + len..]) {
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
            None if broke && !zh::continues_after_quote(&para[run_end..]) => {
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

fn push_break(out: &mut Vec<usize>, pos: usize) {
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

fn compile_rule(
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
    Ok(CompiledRule {
        is_break: rule.is_break,
        before: compile("before", &rule.before)?,
        after: compile("after", &rule.after)?,
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

/// Whether the line break at byte `nl` of `para` ends a sentence by the structural line rule (see the
/// module docs).
fn line_break_is_sentence_break(para: &str, nl: usize) -> bool {
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
    let last_meaningful = prev.chars().rev().find(|&c| !is_closer(c));
    if last_meaningful.is_some_and(is_final) {
        // Ends like a sentence: the rules decide, seeing the line break as a space.
        return false;
    }
    if starts_list_item(next) {
        return true;
    }
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    if last.is_lowercase() || matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&')
    {
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
        || (first.is_alphabetic() && !first.is_lowercase() && !first.is_uppercase())
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

/// A line that starts a list item or a speech turn: `- `, `– `, `— `, `• `, `* `, `1. `, `1) `.
fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '–' | '—' | '•' | '*' | '·') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &line[digits..];
            digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

/// Paragraph ranges of `text`: maximal runs of non-blank lines, trimmed.
fn paragraphs(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
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
struct CharCursor {
    byte: usize,
    char: usize,
}

impl CharCursor {
    fn advance_to(&mut self, text: &str, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += text[self.byte..byte].chars().count();
        self.byte = byte;
        self.char
    }

    fn range(&mut self, text: &str, bytes: Range<usize>) -> Range<usize> {
        let start = self.advance_to(text, bytes.start);
        let end = self.advance_to(text, bytes.end);
        start..end
    }
}

/// Segments `text` with the built-in rules for `lang` (see [`Segmenter::for_lang`]).
///
/// ```
/// use tmkit::{Lang, segment::segment};
/// let text = "Президент И. Алиев прибыл в г. Астану. Визит продлится два дня.";
/// let n = segment(text, &Lang::parse("ru")?).len();
/// assert_eq!(n, 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn segment(text: &str, lang: &Lang) -> Vec<Sentence> {
    Segmenter::for_lang(lang).segment(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(text: &str, lang: &str) -> Vec<String> {
        let lang = Lang::parse(lang).expect("valid tag");
        segment(text, &lang)
            .iter()
            .map(|s| s.text(text).into_owned())
            .collect()
    }

    #[test]
    fn builtin_rules_compile_for_every_language() {
        for lang in ["en", "az", "ru", "zh", "fr", "ja"] {
            let l = Lang::parse(lang).expect("valid");
            assert!(!Segmenter::for_lang(&l).compiled.rules.is_empty());
        }
    }

    #[test]
    fn paragraphs_are_numbered_and_trimmed() {
        let text = "  One. Two.\n \nThree.\n";
        let sents = segment(text, &Lang::parse("en").expect("valid"));
        let got: Vec<_> = sents
            .iter()
            .map(|s| (&text[s.byte_range()], s.paragraph))
            .collect();
        assert_eq!(got, [("One.", 0), ("Two.", 0), ("Three.", 1)]);
    }

    #[test]
    fn char_ranges_count_characters() {
        let text = "Əliyev gəldi. Şəhər böyükdür.";
        let sents = segment(text, &Lang::parse("az").expect("valid"));
        assert_eq!(sents[1].span.chars, 14..29);
        assert_eq!(sents[1].span.bytes, 16..37);
    }

    #[test]
    fn text_shows_line_breaks_as_spaces() {
        let text = "The President  \n  said that\nall is well.";
        let sents = segment(text, &Lang::parse("en").expect("valid"));
        assert_eq!(sents.len(), 1);
        assert_eq!(sents[0].text(text), "The President said that all is well.");
        assert!(matches!(
            Sentence {
                span: Span {
                    bytes: 0..3,
                    chars: 0..3
                },
                paragraph: 0
            }
            .text(text),
            Cow::Borrowed("The")
        ));
    }

    #[test]
    fn headline_and_dateline_lines_are_sentences() {
        assert_eq!(
            seg(
                "Aliyev meets Xi VIDEO\nAstana, July 3, AZERTAC\nThey met.",
                "en"
            ),
            [
                "Aliyev meets Xi VIDEO",
                "Astana, July 3, AZERTAC",
                "They met."
            ]
        );
    }

    #[test]
    fn separator_lines_are_sentences() {
        assert_eq!(seg("One.\nxxx\nTwo.", "en"), ["One.", "xxx", "Two."]);
    }

    #[test]
    fn unsupported_constructs_are_found() {
        assert_eq!(unsupported_construct("a(?=b)"), Some("look-ahead '(?='"));
        assert_eq!(unsupported_construct("\\(?=b"), None);
        assert_eq!(unsupported_construct("[(?=]"), None);
        assert_eq!(
            unsupported_construct("a++"),
            Some("a possessive quantifier '++'")
        );
        assert_eq!(
            unsupported_construct("(a)\\1"),
            Some("a back-reference '\\N'")
        );
    }

    #[test]
    fn a_long_paragraph_without_punctuation_is_one_sentence() {
        let text = "word ".repeat(100_000);
        assert_eq!(segment(&text, &Lang::parse("en").expect("valid")).len(), 1);
    }
}
