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
//! Structure comes before and after the rules:
//!
//! - **Paragraphs.** A blank line (a line holding only whitespace) ends a paragraph; no sentence spans
//!   two paragraphs. [`Sentence::paragraph`] numbers the paragraphs from 0.
//! - **Line breaks inside a paragraph** are read as [`LineBreaks`] says ([`Segmenter::with_line_breaks`],
//!   `tmkit segment --line-breaks auto|space|break`). The rules always see `\n` as whitespace (the text
//!   is not rewritten); `space` adds nothing, `break` makes every line break a sentence break, and
//!   `auto` (the default) decides by the shape of the two lines: a line break is a sentence break,
//!   whatever the rules say, when the line before it ends without sentence-final punctuation and
//!   1. that line or the next is a separator (no letter or digit, or one short repeated letter such
//!      as `xxx`; this holds even after final punctuation), or
//!   2. the next line starts a list item or a speech turn (`- `, `– `, `• `, `* `, `1. `, `1) `, `1.) `,
//!      `(a) `, `a) `, `i. `, `а) `, `⁃9. `; see `list.rs`), or
//!   3. it does not end in a continuation mark (`, ; : - – — ( / &`) and either both lines are short
//!      (at most 5 words) in a paragraph that does not end like a sentence (`features⏎contact
//!      manager⏎events, activities`: items one per line), or the line is a heading or byline (at most
//!      8 words, capitalised, first in its block, and the capitalised line after it at least twice as
//!      long), or
//!   4. that line ends in neither a lowercase letter nor a continuation mark, and the next line starts
//!      with an uppercase letter, a digit, an opening quote or bracket, or a letter of a script without
//!      case (Chinese).
//!
//!   This makes headlines and datelines (`Astana, July 3, AZERTAC`) sentences of their own while text
//!   hard-wrapped in the middle of a sentence (a line ending in a lowercase word or a comma, in a
//!   paragraph that ends with final punctuation) is joined. Hard-wrapped Chinese has no such clue: use
//!   [`LineBreaks::Space`] for it.
//! - **Lists** (`list.rs`): inline runs of consecutive item markers (`1. The first item 2. The second
//!   item`, `a) … b) …`, `• 9. … • 10. …`) start a sentence at each marker, and no rule breaks between a
//!   marker and its item (`2.) The second item`).
//! - **Lone punctuation.** A piece that holds no letter or digit (a trailing `—` in
//!   `«…», — сказал он. —`, a leading `…`) is never a sentence of its own: it joins the sentence before
//!   it (at the start of a paragraph, the one after it). A separator on a line of its own stays one.
//! - **Chinese quote marks and brackets** (built-in Chinese rules only): a `"` or `“` right after
//!   `。！？` may close the sentence before it or open the next one (translators type both ends of a
//!   quotation with one character); the quote marks around it decide, by parity (see
//!   `zh::quote_parity_breaks`). Book titles, corner quotes and full-width brackets (`《》〈〉「」『』（）【】`)
//!   are kept whole, nested (`zh::keep_brackets_whole`).
//!
//! # What SRX cannot carry
//!
//! `--export-srx` ([`builtin_srx`]) writes every rule; the structural steps above are not rules and
//! SRX 2.0 has no way to say them (they count, pair or compare lines). The export approximates them:
//!
//! - line breaks: SRX tools read them their own way (OmegaT and Okapi: as a break, or as a space when
//!   told to join lines); the export carries the no-break after a list number at the start of a line;
//! - inline lists: not carried (a break between two words decided by counting markers); the exported
//!   rules keep `1. The` and `2.) The` unbroken only at the start of a line, so an inline list stays one
//!   segment or breaks after its item numbers;
//! - Chinese brackets: a rule keeps `。！？` unbroken inside a pair closed within the rule window
//!   (`《摔跤吧！爸爸》`), without nesting beyond the window; quote parity: the regex rules before it;
//! - lone punctuation: not carried (a lone `—` or `…` may become a segment of its own).
//!
//! # Files
//!
//! - `mod.rs`: [`Segmenter`], [`Sentence`], [`Span`], errors, and the one table that maps a language to
//!   its built-in rule set.
//! - `structure.rs`: paragraphs, line breaks, lone punctuation (everything decided by shape, not rules);
//!   `list.rs`: list item markers and inline lists.
//! - `rules.rs`: the rules engine (compiling rules, candidate positions, the SRX decision).
//! - `en.rs`, `az.rs`, `ru.rs`, `zh.rs`: each language's rules (and, in `zh.rs`, quote parity and
//!   brackets); `default.rs`: the rules of every other language and the common tail they all end with.
//! - `srx.rs`: SRX 2.0 read and write.
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
mod default;
pub mod en;
pub mod join;
mod list;
pub mod ru;
mod rules;
pub mod srx;
mod structure;
pub mod zh;

use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::Lang;
use crate::location::Location;

pub use default::default_rules;
pub use join::join_sentences;
use rules::{Candidates, Compiled};
pub use srx::{LanguageMap, LanguageRules, Rule, Srx};
pub use structure::LineBreaks;
use structure::{CharCursor, attach_punctuation_only, paragraphs};

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

/// Compiled segmentation rules for one language. Cheap to clone (the rules are shared).
#[derive(Debug, Clone)]
pub struct Segmenter {
    compiled: Arc<Compiled>,
    /// Place breaks around ambiguous quote marks after `。！？` by quote parity and keep book titles and
    /// full-width brackets whole (built-in Chinese rules).
    quote_parity: bool,
    /// How a single line break inside a paragraph is read.
    line_breaks: LineBreaks,
}

/// The built-in rule sets: one per language with rules of its own, and the default. The one table
/// of language dispatch: the rules, the SRX names and language maps, and the per-process cache slot
/// all come from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Builtin {
    En,
    Az,
    Ru,
    Zh,
    Default,
}

impl Builtin {
    /// Every rule set, in the order of the SRX export (the default last: its map matches everything).
    const ALL: [Builtin; 5] = [
        Builtin::En,
        Builtin::Az,
        Builtin::Ru,
        Builtin::Zh,
        Builtin::Default,
    ];

    /// The rule set a language uses: Japanese and the Chinese languages use the Chinese rules.
    fn for_lang(lang: &Lang) -> Builtin {
        match lang.language() {
            "en" => Builtin::En,
            "az" => Builtin::Az,
            "ru" => Builtin::Ru,
            "zh" | "ja" | "yue" | "wuu" => Builtin::Zh,
            _ => Builtin::Default,
        }
    }

    /// The `languagerulename` (also used in error messages).
    fn name(self) -> &'static str {
        match self {
            Builtin::En => "en",
            Builtin::Az => "az",
            Builtin::Ru => "ru",
            Builtin::Zh => "zh",
            Builtin::Default => "default",
        }
    }

    /// The SRX `languagepattern` that selects this rule set, matching [`Builtin::for_lang`].
    fn language_pattern(self) -> &'static str {
        match self {
            Builtin::En => "(?i)en.*",
            Builtin::Az => "(?i)az.*",
            Builtin::Ru => "(?i)ru.*",
            Builtin::Zh => "(?i)(zh|ja|yue|wuu).*",
            Builtin::Default => ".*",
        }
    }

    /// The rules, in order.
    fn rules(self) -> Vec<Rule> {
        match self {
            Builtin::En => en::rules(),
            Builtin::Az => az::rules(),
            Builtin::Ru => ru::rules(),
            Builtin::Zh => zh::rules(),
            Builtin::Default => default_rules(),
        }
    }

    /// Whether the quote-parity step (see `zh::quote_parity_breaks`) runs after the rules.
    fn has_quote_parity(self) -> bool {
        self == Builtin::Zh
    }
}

/// The built-in rules of every language tmkit has rules for, as SRX: one `<languagerule>` per
/// language (`en`, `az`, `ru`, `zh`, `default`) and language maps `en.*`, `az.*`, `ru.*`, `(zh|ja).*`,
/// `.*` (no cascading: each rule set is complete).
pub fn builtin_srx() -> Srx {
    let mut srx = Srx {
        cascade: false,
        segment_subflows: true,
        language_rules: Vec::new(),
        maps: Vec::new(),
    };
    for set in Builtin::ALL {
        srx.language_rules.push(LanguageRules {
            name: set.name().to_string(),
            rules: set.rules(),
        });
        srx.maps.push(LanguageMap {
            pattern: set.language_pattern().to_string(),
            rules_name: set.name().to_string(),
        });
    }
    srx
}

impl Segmenter {
    /// The built-in rules for a language (compiled once per process and shared).
    ///
    /// English, Azerbaijani, Russian and Chinese have their own rules; other languages get
    /// [`default_rules`].
    pub fn for_lang(lang: &Lang) -> Segmenter {
        static CACHE: [OnceLock<Segmenter>; Builtin::ALL.len()] =
            [const { OnceLock::new() }; Builtin::ALL.len()];
        let set = Builtin::for_lang(lang);
        let slot = Builtin::ALL
            .iter()
            .position(|&s| s == set)
            .expect("ALL lists every rule set");
        CACHE[slot]
            .get_or_init(|| {
                let compiled =
                    Compiled::new(&set.rules(), set.name(), None, Candidates::Terminators)
                        .expect("the built-in rules compile (tested)");
                Segmenter {
                    compiled: Arc::new(compiled),
                    quote_parity: set.has_quote_parity(),
                    line_breaks: LineBreaks::default(),
                }
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
            compiled.push(rules::compile_rule(rule, name, *index, path)?);
        }
        Ok(Segmenter {
            compiled: Arc::new(Compiled::from_rules(compiled, Candidates::AnyPunctuation)),
            quote_parity: false,
            line_breaks: LineBreaks::default(),
        })
    }

    /// The same rules, reading a single line break inside a paragraph as `line_breaks` says
    /// ([`LineBreaks::Auto`] unless set).
    ///
    /// ```
    /// use tmkit::{Lang, segment::{LineBreaks, Segmenter}};
    /// let text = "Contact\nAbout us";
    /// let seg = Segmenter::for_lang(&Lang::parse("en")?).with_line_breaks(LineBreaks::Space);
    /// assert_eq!(seg.segment(text).len(), 1);
    /// assert_eq!(seg.with_line_breaks(LineBreaks::Break).segment(text).len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_line_breaks(mut self, line_breaks: LineBreaks) -> Segmenter {
        self.line_breaks = line_breaks;
        self
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

    /// Break positions (byte offsets into `para`, increasing) inside one paragraph: the rules' and the
    /// line structure's, then the post-passes.
    fn breaks(&self, para: &str) -> Vec<usize> {
        let mut out = self.compiled.breaks(para, self.line_breaks);
        list::apply_list_breaks(para, &mut out, self.line_breaks != LineBreaks::Space);
        if self.quote_parity {
            out = zh::quote_parity_breaks(para, &out);
            zh::keep_brackets_whole(para, &mut out);
        }
        attach_punctuation_only(para, &mut out);
        if self.line_breaks == LineBreaks::Break {
            // Every line ends a sentence, whatever a post-pass joined (a list marker and its item, a
            // bracket or quotation kept whole): the line breaks go back in after them. A break next to
            // one already there only leaves white space between them, which is no sentence.
            out.extend(memchr::memchr_iter(b'\n', para.as_bytes()));
            out.sort_unstable();
            out.dedup();
        }
        out
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
    fn line_breaks_are_read_as_the_mode_says() {
        let text = "Agenda\nopening of the session\nreports of the chair\n";
        let en = Segmenter::for_lang(&Lang::parse("en").expect("valid"));
        let count = |mode| en.clone().with_line_breaks(mode).segment(text).len();
        assert_eq!(count(LineBreaks::Auto), 3);
        assert_eq!(count(LineBreaks::Space), 1);
        assert_eq!(count(LineBreaks::Break), 3);
        // A wrapped sentence is joined in auto mode and split in break mode.
        let wrapped = "The delegation\narrived in Baku\non Monday.";
        assert_eq!(en.segment(wrapped).len(), 1);
        assert_eq!(
            en.clone()
                .with_line_breaks(LineBreaks::Break)
                .segment(wrapped)
                .len(),
            3
        );
    }

    #[test]
    fn inline_list_items_are_sentences_in_every_language() {
        assert_eq!(
            seg("1) The first item 2) The second item", "fr"),
            ["1) The first item", "2) The second item"]
        );
        assert_eq!(
            seg("Steps: (a) Open the file (b) Close it", "en"),
            ["Steps:", "(a) Open the file", "(b) Close it"]
        );
    }

    #[test]
    fn separator_lines_are_sentences() {
        assert_eq!(seg("One.\nxxx\nTwo.", "en"), ["One.", "xxx", "Two."]);
    }

    #[test]
    fn a_long_paragraph_without_punctuation_is_one_sentence() {
        let text = "word ".repeat(100_000);
        assert_eq!(segment(&text, &Lang::parse("en").expect("valid")).len(), 1);
    }
}

/// Issue #16 (found by the `segment` fuzz target): a lone piece of punctuation joined a neighbour
/// across a line break, so in `break` mode a sentence spanned two lines.
#[cfg(test)]
mod lone_punctuation_lines {
    use super::*;

    fn texts(text: &str, lang: &str, mode: LineBreaks) -> Vec<String> {
        Segmenter::for_lang(&Lang::parse(lang).expect("valid"))
            .with_line_breaks(mode)
            .segment(text)
            .iter()
            .map(|s| text[s.byte_range()].to_string())
            .collect()
    }

    #[test]
    fn a_lone_punctuation_line_never_joins_the_next_line_in_break_mode() {
        for lang in ["de", "en", "ru"] {
            assert_eq!(
                texts("-.\n Dear friends, welcome.", lang, LineBreaks::Break),
                ["-.", "Dear friends, welcome."],
                "{lang}"
            );
            assert_eq!(
                texts(
                    "He said:\n-.\nDear friends, welcome.",
                    lang,
                    LineBreaks::Break
                ),
                ["He said:", "-.", "Dear friends, welcome."],
                "{lang}"
            );
        }
    }

    /// In break mode every line ends a sentence, also inside Chinese brackets and quotation marks,
    /// which the quote pass otherwise keeps whole.
    #[test]
    fn brackets_and_quotes_never_join_lines_in_break_mode() {
        assert_eq!(
            texts(
                "他说（第一行。\n第二行）。\n「甲。\n乙」。",
                "zh",
                LineBreaks::Break
            ),
            ["他说（第一行。", "第二行）。", "「甲。", "乙」。"]
        );
    }

    /// A list marker ending its line stays apart from the next line in break mode (the fuzz target
    /// `segment` found `1.⏎` joined with the line after it); in auto mode it still starts its item.
    #[test]
    fn a_marker_at_a_line_end_never_joins_the_next_line_in_break_mode() {
        let text = "\u{c}1.\n\u{10}\u{c}2.\nTrched 1,2.435 me";
        for lang in ["fr", "en"] {
            assert_eq!(
                texts(text, lang, LineBreaks::Break),
                ["1.", "\u{10}", "2.", "Trched 1,2.435 me"],
                "{lang}"
            );
        }
        assert_eq!(
            texts("1.\nFirst item\n2.\nSecond item", "en", LineBreaks::Break),
            ["1.", "First item", "2.", "Second item"]
        );
        assert_eq!(
            texts("1. First item\n2. Second item", "en", LineBreaks::Break),
            ["1. First item", "2. Second item"]
        );
    }
}
