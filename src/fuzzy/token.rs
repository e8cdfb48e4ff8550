//! Tokens for fuzzy matching: words and punctuation by Unicode word boundaries (UAX #29, through
//! `unicode-segmentation`), one token per Han or Kana character, numbers one token each, a date
//! (`3 July 2024`, `3 iyul 2024-cü il`, `3 июля 2024 года`, `2024年7月3日`, `2024-07-03`: see
//! [`super::date`]) one token, inline tags (`<b>`, `</x>`, `{1}`) one placeholder token each.
//!
//! Every token has a *key* (what the index and the edit distance compare: the language-aware case
//! fold of a word, `#` for any number, `#date` for any date, `<>` for any tag) and a *weight* in
//! quarter words: a word, a number or a date weighs [`WORD`], a punctuation mark or a tag [`MARK`].
//! A date starts only where a word may start (after a non-alphanumeric character, or after a
//! Han/Kana character). Whitespace is not a token; each token
//! remembers a hash of the whitespace before it, so that whitespace-only changes are visible to the
//! score. Control characters count as whitespace.

use std::ops::Range;

use super::words::AsciiPiece;
use crate::hash::{Fnv1a, fnv1a};
use crate::lang::Lang;

/// Version of the token keys: bump it whenever [`tokenize`] may give a stored text other keys,
/// and add a migration that empties the match index and queues every variant, as
/// `memory/0006_reindex_dates.sql` does for 2 (dates became one token) and
/// `memory/0010_reindex_spaced_zh_dates.sql` for 3 (spaced Chinese dates became one token).
pub const VERSION: u32 = 3;
/// Weight of a word or a number (a quarter-word is the unit of all weights).
pub const WORD: u32 = 4;
/// Weight of a punctuation mark or an inline tag: half a word, so punctuation-only differences cost
/// less than a word.
pub const MARK: u32 = 2;
/// The key all numbers share: numbers are placeables and match each other.
pub const NUMBER_KEY: &str = "#";
/// The key all dates share: dates are placeables and match each other (not numbers).
pub const DATE_KEY: &str = "#date";
/// The key all inline tags share.
pub const TAG_KEY: &str = "<>";

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A word (or one Han/Kana character).
    Word,
    /// A placeable: a number (key [`NUMBER_KEY`]) or a date (key [`DATE_KEY`]).
    Number,
    /// A punctuation mark or symbol.
    Punct,
    /// An inline tag placeholder.
    Tag,
}

/// One token of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// The compared form (see the module docs).
    pub key: String,
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// Hash of the whitespace before the token (0 when none).
    pub gap: u64,
}

impl Token {
    /// The token's weight in quarter words.
    pub fn weight(&self) -> u32 {
        match self.kind {
            Kind::Word | Kind::Number => WORD,
            Kind::Punct | Kind::Tag => MARK,
        }
    }

    /// Whether the token is a date (a placeable of kind [`Kind::Number`] with key [`DATE_KEY`]).
    pub fn is_date(&self) -> bool {
        self.kind == Kind::Number && self.key == DATE_KEY
    }

    /// The token's text in `text` (the string it was read from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.bytes.clone()).unwrap_or("")
    }
}

/// Total weight of `tokens`.
pub fn weight(tokens: &[Token]) -> u32 {
    tokens.iter().map(Token::weight).sum()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF    // Katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF66..=0xFF9F    // half-width Katakana
        | 0x20000..=0x3134F) // extensions B–G
}

fn is_gap(c: char) -> bool {
    c.is_whitespace() || c.is_control() || c == '\u{200b}' || c == '\u{feff}'
}

/// Length in bytes of an inline tag starting at the beginning of `s`, if one does.
fn tag_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    match b.first()? {
        b'<' => {
            let rest = b.get(1..)?;
            let start = usize::from(rest.first() == Some(&b'/'));
            if !rest.get(start)?.is_ascii_alphabetic() {
                return None;
            }
            let end = rest
                .iter()
                .take(200)
                .position(|&c| c == b'>' || c == b'<')?;
            (rest[end] == b'>').then_some(end + 2)
        }
        b'{' => {
            let rest = b.get(1..)?;
            let digits = rest
                .iter()
                .take(6)
                .take_while(|c| c.is_ascii_digit())
                .count();
            (digits > 0 && rest.get(digits) == Some(&b'}')).then_some(digits + 2)
        }
        _ => None,
    }
}

/// Splits `text` into tokens (see the module docs). Never fails; an empty or blank text has none.
///
/// ```
/// use tmkit::{Lang, fuzzy::token::{tokenize, Kind}};
/// let az = Lang::parse("az")?;
/// let tokens = tokenize("İLHAM Əliyev, 3.5 milyard <b>", &az);
/// let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
/// assert_eq!(keys, ["ilham", "əliyev", ",", "#", "milyard", "<>"]);
/// assert_eq!(tokens[3].kind, Kind::Number);
/// let zh = Lang::parse("zh")?;
/// assert_eq!(tokenize("战略伙伴", &zh).len(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tokenize(text: &str, lang: &Lang) -> Vec<Token> {
    let mut tokens = Vec::new();
    split(text, lang, true, &mut tokens);
    tokens
}

/// Like [`tokenize`], but a date stays its words, numbers and punctuation (`3 July 2024` is three
/// tokens): for phrase search, where "July" must find "3 July 2024". Scores and the match index use
/// [`tokenize`].
///
/// ```
/// use tmkit::{Lang, fuzzy::token::tokenize_words};
/// let en = Lang::parse("en")?;
/// let keys: Vec<String> = tokenize_words("on 3 July", &en).into_iter().map(|t| t.key).collect();
/// assert_eq!(keys, ["on", "#", "july"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn tokenize_words(text: &str, lang: &Lang) -> Vec<Token> {
    let mut tokens = Vec::new();
    split(text, lang, false, &mut tokens);
    tokens
}

/// The key of a token as [`split`] finds it: already the key, or a word to case-fold.
#[derive(Clone, Copy)]
enum Key<'a> {
    /// The key itself.
    Plain(&'a str),
    /// A word, whose key is its case fold (Turkic rules when `turkic`).
    Fold(&'a str, bool),
}

/// Where [`split`] puts the tokens it finds: a `Vec<Token>`, or the [`Keyed`] tokens of a score.
trait Sink {
    /// Whether no token was pushed yet.
    fn is_empty(&self) -> bool;
    /// Adds a token.
    fn push(&mut self, kind: Kind, key: Key<'_>, bytes: Range<usize>, gap: u64);
}

impl Sink for Vec<Token> {
    fn is_empty(&self) -> bool {
        <[Token]>::is_empty(self)
    }

    fn push(&mut self, kind: Kind, key: Key<'_>, bytes: Range<usize>, gap: u64) {
        let key = match key {
            Key::Plain(k) => k.to_string(),
            Key::Fold(w, turkic) => crate::lang::fold(w, turkic),
        };
        Vec::push(
            self,
            Token {
                kind,
                key,
                bytes,
                gap,
            },
        );
    }
}

/// One token of [`Keyed`]: what the score compares, without a string of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyedToken {
    /// What it is.
    pub kind: Kind,
    /// FNV-1a hash of the key.
    pub hash: u64,
    /// Hash of the whitespace before the token (0 when none), as [`Token::gap`].
    pub gap: u64,
    /// Byte range of the key in [`Keyed::keys`].
    pub key: (u32, u32),
    /// Byte range in the text.
    pub bytes: (u32, u32),
}

impl KeyedToken {
    /// The token's weight in quarter words.
    pub fn weight(&self) -> u32 {
        match self.kind {
            Kind::Word | Kind::Number => WORD,
            Kind::Punct | Kind::Tag => MARK,
        }
    }
}

/// The tokens of a text as the score reads them: the same tokens as [`tokenize`], their keys side by
/// side in one string and hashed, so that tokenizing a candidate allocates nothing once the buffers
/// have grown (a lookup verifies hundreds of candidates, each tokenized once).
#[derive(Clone, Debug, Default)]
pub(crate) struct Keyed {
    /// The tokens.
    pub tokens: Vec<KeyedToken>,
    /// Their keys, one after another.
    pub keys: String,
    /// Their total weight.
    pub weight: u32,
    /// Where each key's hash starts: FNV-1a's offset basis, except in [`Keyed::tokenize_after`].
    seed: Fnv1a,
}

impl Keyed {
    /// Tokenizes `text` into `self` (replacing what it held), as [`tokenize`] does.
    pub fn tokenize(&mut self, text: &str, lang: &Lang) {
        self.tokens.clear();
        self.keys.clear();
        self.weight = 0;
        split(text, lang, true, self);
    }

    /// [`Keyed::tokenize`], each token's `hash` the FNV-1a of the bytes `seed` hashed and then its
    /// key: the match index's token ids (`lang NUL key`) in the same pass as tokenizing.
    pub fn tokenize_after(&mut self, seed: Fnv1a, text: &str, lang: &Lang) {
        self.seed = seed;
        self.tokenize(text, lang);
        self.seed = Fnv1a::new();
    }

    /// The key of `t`, one of `self`'s tokens.
    pub fn key(&self, t: &KeyedToken) -> &str {
        self.keys
            .get(t.key.0 as usize..t.key.1 as usize)
            .unwrap_or("")
    }
}

impl Sink for Keyed {
    fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    fn push(&mut self, kind: Kind, key: Key<'_>, bytes: Range<usize>, gap: u64) {
        let start = self.keys.len();
        match key {
            Key::Plain(k) => self.keys.push_str(k),
            // `lang::fold` into the buffer, without a string of its own.
            Key::Fold(w, turkic) => crate::lang::fold_into(w, turkic, &mut self.keys),
        }
        let t = KeyedToken {
            kind,
            hash: self.seed.write(&self.keys.as_bytes()[start..]).finish(),
            gap,
            key: (start as u32, self.keys.len() as u32),
            bytes: (bytes.start as u32, bytes.end as u32),
        };
        self.weight += t.weight();
        self.tokens.push(t);
    }
}

/// Whether `len` bytes into `s` is a word boundary (UAX #29): a date must not end inside a word, as
/// "3 July" in "3 July.il".
fn ends_on_word_boundary(s: &str, len: usize) -> bool {
    let mut at = 0;
    while at < len {
        at += super::words::first_piece_len(&s[at..]).max(1);
    }
    at == len
}

fn split(text: &str, lang: &Lang, dates: bool, tokens: &mut impl Sink) {
    split_pieces(text, lang, (dates, true), tokens);
}

/// [`split`], with the ASCII fast path or without it (`ascii`: the tests compare the two).
fn split_pieces(text: &str, lang: &Lang, (dates, ascii): (bool, bool), tokens: &mut impl Sink) {
    let turkic = lang.info().turkic_case;
    let calendar = super::date::Dates::of(lang);
    let mut gap_start: Option<usize> = None;
    let mut pos = 0;
    while pos < text.len() {
        // Inline tags first: UAX #29 would split them into punctuation and words.
        let rest = &text[pos..];
        if let Some(len) = tag_len(rest) {
            push(
                tokens,
                text,
                &mut gap_start,
                pos..pos + len,
                Kind::Tag,
                Key::Plain(TAG_KEY),
            );
            pos += len;
            continue;
        }
        // Dates next: they span several words and punctuation marks. A date starts with a digit or
        // a letter, never with an ASCII space or mark (half the pieces of a text).
        if dates
            && rest
                .as_bytes()
                .first()
                .is_some_and(|&b| b >= 0x80 || b.is_ascii_alphanumeric())
            && rest.starts_with(|c: char| calendar.may_start(c))
            && text[..pos]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric() || is_cjk(c))
            && let Some(date) = calendar.recognize(rest)
            && ends_on_word_boundary(rest, date.len)
        {
            push(
                tokens,
                text,
                &mut gap_start,
                pos..pos + date.len,
                Kind::Number,
                Key::Plain(DATE_KEY),
            );
            pos += date.len;
            continue;
        }
        // Most pieces of Latin-script text are ASCII words, single spaces and marks, told apart
        // byte by byte; they are what the general path below would make of them.
        if let Some(piece) = super::words::ascii_piece(rest).filter(|_| ascii) {
            let start = pos;
            match piece {
                AsciiPiece::Spaces(n) => {
                    gap_start.get_or_insert(start);
                    pos += n;
                }
                AsciiPiece::Word(n) => {
                    pos += n;
                    word(tokens, text, &mut gap_start, start..pos, turkic);
                }
                AsciiPiece::Mark => {
                    pos += 1;
                    push(
                        tokens,
                        text,
                        &mut gap_start,
                        start..pos,
                        Kind::Punct,
                        Key::Plain(&text[start..pos]),
                    );
                }
            }
            continue;
        }
        // The next word-boundary piece, cut short at a possible tag.
        let piece_end = super::words::first_piece_len(rest);
        let mut piece = &rest[..piece_end];
        if let Some(cut) = memchr::memchr2_iter(b'<', b'{', piece.as_bytes())
            .skip_while(|&i| i == 0)
            .find(|&i| tag_len(&piece[i..]).is_some())
        {
            piece = &piece[..cut];
        }
        let start = pos;
        pos += piece.len();
        if piece.chars().all(is_gap) {
            gap_start.get_or_insert(start);
            continue;
        }
        if piece.chars().any(char::is_alphanumeric) {
            if !piece.is_ascii() && piece.chars().any(is_cjk) {
                // One token per Han/Kana character; runs of other characters stay together.
                let mut run: Option<usize> = None;
                for (i, c) in piece.char_indices() {
                    let at = start + i;
                    if is_cjk(c) {
                        if let Some(r) = run.take() {
                            word(tokens, text, &mut gap_start, r..at, turkic);
                        }
                        let end = at + c.len_utf8();
                        push(
                            tokens,
                            text,
                            &mut gap_start,
                            at..end,
                            Kind::Word,
                            Key::Plain(&text[at..end]),
                        );
                    } else {
                        run.get_or_insert(at);
                    }
                }
                if let Some(r) = run {
                    word(tokens, text, &mut gap_start, r..pos, turkic);
                }
            } else {
                word(tokens, text, &mut gap_start, start..pos, turkic);
            }
        } else {
            // Punctuation: one token per character (UAX #29 already splits most of them).
            for (i, c) in piece.char_indices() {
                let at = start + i;
                if is_gap(c) {
                    gap_start.get_or_insert(at);
                    continue;
                }
                let range = at..at + c.len_utf8();
                push(
                    tokens,
                    text,
                    &mut gap_start,
                    range.clone(),
                    Kind::Punct,
                    Key::Plain(&text[range]),
                );
            }
        }
    }
}

fn word(
    tokens: &mut impl Sink,
    text: &str,
    gap_start: &mut Option<usize>,
    range: Range<usize>,
    turkic: bool,
) {
    let s = &text[range.clone()];
    let numeric = s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '_'));
    if numeric {
        push(
            tokens,
            text,
            gap_start,
            range,
            Kind::Number,
            Key::Plain(NUMBER_KEY),
        );
    } else {
        let key = Key::Fold(s, turkic);
        push(tokens, text, gap_start, range, Kind::Word, key);
    }
}

fn push(
    tokens: &mut impl Sink,
    text: &str,
    gap_start: &mut Option<usize>,
    bytes: Range<usize>,
    kind: Kind,
    key: Key<'_>,
) {
    let gap = match gap_start.take() {
        Some(g) if !tokens.is_empty() => fnv1a(&text.as_bytes()[g..bytes.start]) | 1,
        _ => 0,
    };
    tokens.push(kind, key, bytes, gap);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gap_before_a_token_is_the_fnv1a_hash_of_its_whitespace() {
        let lang = Lang::parse("en").expect("tag");
        let gaps: Vec<u64> = tokenize("a b  c", &lang).iter().map(|t| t.gap).collect();
        // FNV-1a of " " and of "  ", with the low bit set so that a gap is never 0.
        assert_eq!(
            gaps,
            [0, 0xaf63_9d4c_8601_817f | 1, 0x07c5_a807_b48e_d46d | 1]
        );
    }

    fn keys(text: &str, tag: &str) -> Vec<String> {
        let lang = Lang::parse(tag).expect("tag");
        tokenize(text, &lang).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn words_punctuation_and_numbers_are_tokens() {
        assert_eq!(
            keys("It reached 4 billion dollars, up 3.5%.", "en"),
            [
                "it", "reached", "#", "billion", "dollars", ",", "up", "#", "%", "."
            ]
        );
    }

    #[test]
    fn azerbaijani_dotted_and_dotless_i_fold() {
        assert_eq!(keys("İLHAM ƏLİYEV BAKI", "az"), ["ilham", "əliyev", "bakı"]);
        assert_eq!(keys("BAKI", "en"), ["baki"]);
    }

    #[test]
    fn han_and_kana_are_one_token_per_character() {
        assert_eq!(
            keys("习近平主席2024年", "zh"),
            ["习", "近", "平", "主", "席", "#", "年"]
        );
        assert_eq!(keys("カタカナ", "ja"), ["カ", "タ", "カ", "ナ"]);
    }

    #[test]
    fn russian_words_fold_case() {
        assert_eq!(
            keys("Стратегическое ПАРТНЁРСТВО", "ru"),
            ["стратегическое", "партнёрство"]
        );
    }

    #[test]
    fn a_date_is_one_placeable_token() {
        assert_eq!(
            keys("Astana, July 3, AZERTAC", "en"),
            ["astana", ",", "#date", ",", "azertac"]
        );
        assert_eq!(
            keys("3 iyul 2024-cü il tarixində", "az"),
            ["#date", "tarixində"]
        );
        assert_eq!(
            keys("Астана, 3 июля, АЗЕРТАДЖ", "ru"),
            ["астана", ",", "#date", ",", "азертадж"]
        );
        assert_eq!(
            keys("阿斯塔纳7月3日电", "zh"),
            ["阿", "斯", "塔", "纳", "#date", "电"]
        );
        // Spaced as well (#12).
        assert_eq!(
            keys("于 2026 年 7 月 10 日 签署", "zh"),
            ["于", "#date", "签", "署"]
        );
        // Inside a word or a number there is no date.
        assert_eq!(keys("COP29 July", "en"), ["cop29", "july"]);
        assert_eq!(keys("x2024-07-03", "en"), ["x2024", "-", "#", "-", "#"]);
        let en = Lang::parse("en").expect("tag");
        let text = "On 3 July 2024, at 5";
        let tokens = tokenize(text, &en);
        assert!(tokens[1].is_date());
        assert_eq!(tokens[1].text(text), "3 July 2024");
        assert!(!tokens[4].is_date());
    }

    #[test]
    fn a_date_never_ends_inside_a_word() {
        let en = Lang::parse("en").expect("tag");
        let tokens = tokenize("3 July.il", &en);
        assert!(tokens.iter().all(|t| !t.is_date()));
        assert_eq!(tokens.len(), tokenize_words("3 July.il", &en).len());
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_disjoint_and_cover_every_non_blank_character(
            parts in proptest::collection::vec(proptest::prop_oneof![
                proptest::prelude::Just("3"), proptest::prelude::Just("2024"),
                proptest::prelude::Just("July"), proptest::prelude::Just("iyul"),
                proptest::prelude::Just("июля"), proptest::prelude::Just("-cü"),
                proptest::prelude::Just("年"), proptest::prelude::Just("月"),
                proptest::prelude::Just("日"), proptest::prelude::Just("."),
                proptest::prelude::Just("/"), proptest::prelude::Just(","),
                proptest::prelude::Just(" "), proptest::prelude::Just("il"),
                proptest::prelude::Just("года"), proptest::prelude::Just("İ"),
            ], 0..14),
            tag in proptest::sample::select(vec!["en", "az", "ru", "zh"]),
        ) {
            let text = parts.concat();
            let lang = Lang::parse(tag).expect("tag");
            let tokens = tokenize(&text, &lang);
            let mut at = 0;
            for t in &tokens {
                proptest::prop_assert!(t.bytes.start >= at && t.bytes.start < t.bytes.end);
                proptest::prop_assert!(text.get(t.bytes.clone()).is_some());
                proptest::prop_assert!(text[at..t.bytes.start].chars().all(is_gap));
                at = t.bytes.end;
            }
            proptest::prop_assert!(text[at..].chars().all(is_gap));
            // Without date merging, the same characters are covered.
            let words = tokenize_words(&text, &lang);
            proptest::prop_assert!(words.len() >= tokens.len());
        }
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_fast_path_gives_the_tokens_of_the_general_path(
            text in "([A-Za-z0-9]{1,6}|[ .,:;'_<>{}/%()\"-]|  |\\t|\\n|ə|İ|\\x{301}|\\x{a0}|—|中|July|3|2024|</b>|\\{1\\}){0,24}",
            tag in proptest::sample::select(vec!["en", "az", "ru", "zh"]),
            dates in proptest::prelude::any::<bool>(),
        ) {
            let lang = Lang::parse(tag).expect("tag");
            let (mut fast, mut general) = (Vec::new(), Vec::new());
            split_pieces(&text, &lang, (dates, true), &mut fast);
            split_pieces(&text, &lang, (dates, false), &mut general);
            proptest::prop_assert_eq!(fast, general);
        }
    }

    #[test]
    fn the_ascii_fast_path_tokenizes_news_text_as_the_general_path_does() {
        let texts = [
            "On 3 July 2024: President Ilham Aliyev met Xi Jinping in Astana, AZERTAC reports.",
            "Trade reached $3.5 billion (up 12%); U.S. officials didn't comment <b>today</b> {1}.",
            "Prezident İlham Əliyev Si Cinpinlə görüşüb: \"strateji tərəfdaşlıq\" 3 iyul 2024-cü il.",
            "Президент Ильхам Алиев встретился с Си Цзиньпином 3.07.2024 г.",
            "习近平主席2024年7月3日在阿斯塔纳会见阿利耶夫总统。 a_b__c x_.y 3_000",
        ];
        for tag in ["en", "az", "ru", "zh"] {
            let lang = Lang::parse(tag).expect("tag");
            for text in texts {
                let (mut fast, mut general) = (Vec::new(), Vec::new());
                split_pieces(text, &lang, (true, true), &mut fast);
                split_pieces(text, &lang, (true, false), &mut general);
                assert_eq!(fast, general, "{tag}: {text}");
            }
        }
    }

    #[test]
    fn inline_tags_are_placeholders() {
        assert_eq!(
            keys("a <b>bold</b> {1} <3", "en"),
            ["a", "<>", "bold", "<>", "<>", "<", "#"]
        );
    }

    #[test]
    fn whitespace_and_control_characters_are_gaps() {
        let en = Lang::parse("en").expect("tag");
        let a = tokenize("a b", &en);
        let b = tokenize("a  b", &en);
        let c = tokenize("a\u{7}b", &en);
        assert_eq!(a.len(), 2);
        assert_ne!(a[1].gap, b[1].gap);
        assert_eq!(c.len(), 2);
        assert_eq!(a[0].gap, 0);
        assert!(tokenize(" \t\u{0}\n", &en).is_empty());
    }

    #[test]
    fn byte_ranges_point_into_multibyte_text() {
        let az = Lang::parse("az").expect("tag");
        let text = "Ş ə, 😀 ğ";
        let tokens = tokenize(text, &az);
        let words: Vec<&str> = tokens.iter().map(|t| t.text(text)).collect();
        assert_eq!(words, ["Ş", "ə", ",", "😀", "ğ"]);
    }
}
