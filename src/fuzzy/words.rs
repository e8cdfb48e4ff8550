//! Word boundaries (UAX #29) with a fast path for Latin and Cyrillic text.
//!
//! [`first_piece_len`] gives the length of the first word-boundary piece of a string, exactly as
//! `unicode-segmentation`'s `split_word_bounds().next()` does. Tokenizing calls it once per piece, on
//! every stored text an import indexes and every candidate a lookup scores, so it is hot. The general
//! algorithm looks up each character's word-break property in a table of ranges; this module answers
//! directly for the characters of English, Azerbaijani and Russian news text (ASCII, Latin letters
//! U+00C0–U+02AF and U+1E00–U+1EFF, Cyrillic letters U+0400–U+0481 and U+048A–U+052F) and hands the
//! piece to `unicode-segmentation` the moment it meets any other non-ASCII character, so the answer is
//! always the crate's.
//!
//! The rules that apply to those characters (UAX #29, section 4.1.1): letters and digits join (WB5,
//! WB8–WB10) and so does `_` (WB13a/b); `.` `'` join letters on both sides (WB6/7) and digits on both
//! sides (WB11/12), `:` joins letters, `,` `;` join digits; spaces join spaces (WB3d); CR joins a
//! following LF (WB3); every other character is a piece of its own (WB999). A non-ASCII character right
//! after a piece may be an Extend or Format character that continues it (WB4), so unless it is one of
//! the letters above, the crate decides.

use unicode_segmentation::UnicodeSegmentation;

/// The word-break classes the fast path knows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ALetter: ASCII, Latin and Cyrillic letters.
    Letter,
    /// Numeric: ASCII digits.
    Digit,
    /// ExtendNumLet: `_`.
    Connector,
    /// MidNumLet and Single_Quote: `.` and `'`.
    MidNumLet,
    /// MidLetter: `:`.
    MidLetter,
    /// MidNum: `,` and `;`.
    MidNum,
    /// Any other ASCII character.
    Other,
}

/// The class of `c`, or None when the fast path does not know it.
fn class(c: char) -> Option<Class> {
    Some(match c {
        'a'..='z' | 'A'..='Z' => Class::Letter,
        '0'..='9' => Class::Digit,
        '_' => Class::Connector,
        '.' | '\'' => Class::MidNumLet,
        ':' => Class::MidLetter,
        ',' | ';' => Class::MidNum,
        '\0'..='\x7f' => Class::Other,
        '\u{d7}' | '\u{f7}' => return None,
        '\u{c0}'..='\u{24f}'
        // IPA Extensions: Azerbaijani's ə (U+0259) is one of them.
        | '\u{250}'..='\u{2af}'
        | '\u{1e00}'..='\u{1eff}'
        | '\u{400}'..='\u{481}'
        | '\u{48a}'..='\u{52f}' => Class::Letter,
        _ => return None,
    })
}

/// Whether a piece of class `left` ending in `mid`-joined letters or digits continues with `right`.
fn joins(left: Class, mid: Class, right: Class) -> bool {
    match mid {
        Class::MidNumLet => {
            (left == Class::Letter && right == Class::Letter)
                || (left == Class::Digit && right == Class::Digit)
        }
        Class::MidLetter => left == Class::Letter && right == Class::Letter,
        Class::MidNum => left == Class::Digit && right == Class::Digit,
        _ => false,
    }
}

/// Length in bytes of the first word-boundary piece of `s` (0 for an empty string); the same as
/// `s.split_word_bounds().next().map_or(0, str::len)`.
pub fn first_piece_len(s: &str) -> usize {
    match fast(s) {
        Some(n) => n,
        None => s.split_word_bounds().next().map_or(0, str::len),
    }
}

/// What [`ascii_piece`] found at the start of a string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AsciiPiece {
    /// A run of `n` spaces.
    Spaces(usize),
    /// A word piece of `n` bytes: ASCII letters and digits, joined by `_` and by the marks that join
    /// them (`don't`, `3,500.75`); it starts with a letter or a digit.
    Word(usize),
    /// One ASCII punctuation mark (not `_`).
    Mark,
}

/// The first word-boundary piece of `s` when it is one of the ASCII pieces tokenizing meets most
/// (a word, a run of spaces, a punctuation mark) and can be told without looking at any non-ASCII
/// character; None otherwise, and the caller asks [`first_piece_len`]. The length is always what
/// [`first_piece_len`] gives: the rules are those of [`fast`], read byte by byte, and a piece that a
/// non-ASCII character follows (which might extend it, WB4) is left to the general path. Tokenizing
/// calls it once per piece of every candidate a lookup verifies.
pub(crate) fn ascii_piece(s: &str) -> Option<AsciiPiece> {
    let b = s.as_bytes();
    let first = *b.first()?;
    let (piece, end) = if first.is_ascii_alphanumeric() {
        // The class of the last character taken: a mark joins only a letter to a letter or a digit
        // to a digit, never after `_` (as `joins` reads `fast`'s classes).
        let ascii_class = |c: u8| match c {
            b'a'..=b'z' | b'A'..=b'Z' => Some(Class::Letter),
            b'0'..=b'9' => Some(Class::Digit),
            b'_' => Some(Class::Connector),
            _ => None,
        };
        let mut last = ascii_class(first)?;
        let mut end = 1;
        while let Some(&c) = b.get(end) {
            if let Some(k) = ascii_class(c) {
                last = k;
                end += 1;
                continue;
            }
            let mid = match c {
                b'.' | b'\'' => Class::MidNumLet,
                b':' => Class::MidLetter,
                b',' | b';' => Class::MidNum,
                _ => break,
            };
            match b.get(end + 1) {
                Some(n) if !n.is_ascii() => return None,
                Some(&n) if ascii_class(n).is_some_and(|right| joins(last, mid, right)) => {
                    end += 1;
                }
                _ => break,
            }
        }
        (AsciiPiece::Word(end), end)
    } else if first == b' ' {
        let n = b.iter().take_while(|&&c| c == b' ').count();
        (AsciiPiece::Spaces(n), n)
    } else if first.is_ascii_punctuation() && first != b'_' {
        (AsciiPiece::Mark, 1)
    } else {
        return None;
    };
    // A non-ASCII character after the piece may extend it (WB4): the general path decides.
    match b.get(end) {
        Some(c) if !c.is_ascii() => None,
        _ => Some(piece),
    }
}

/// The fast path; None where `unicode-segmentation` must decide.
fn fast(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    let (_, first) = chars.next()?;
    let first_class = class(first)?;
    let end = match first_class {
        Class::Letter | Class::Digit | Class::Connector => {
            let mut last = first_class;
            let mut end = first.len_utf8();
            loop {
                let Some(&(i, c)) = chars.peek() else {
                    break end;
                };
                let k = class(c)?;
                match k {
                    Class::Letter | Class::Digit | Class::Connector => {
                        chars.next();
                        last = k;
                        end = i + c.len_utf8();
                    }
                    Class::MidNumLet | Class::MidLetter | Class::MidNum => {
                        // Joins only when a letter or digit of the same kind follows.
                        let after = s[i + c.len_utf8()..].chars().next();
                        let Some(next) = after else {
                            break end;
                        };
                        let Some(next_class) = class(next) else {
                            // The character after the mark decides, and the fast path does not
                            // know it (or an Extend character may sit between).
                            return None;
                        };
                        if joins(last, k, next_class) {
                            chars.next();
                            end = i + c.len_utf8();
                        } else {
                            break end;
                        }
                    }
                    Class::Other => break end,
                }
            }
        }
        Class::Other if first == ' ' => s.bytes().take_while(|&b| b == b' ').count(),
        Class::Other if first == '\r' => {
            if s.as_bytes().get(1) == Some(&b'\n') {
                2
            } else {
                1
            }
        }
        _ => first.len_utf8(),
    };
    // A piece followed by a non-ASCII character the fast path does not know: that character may
    // extend the piece (WB4). CR and LF are never extended.
    match s[end..].chars().next() {
        Some(next) if !next.is_ascii() && class(next).is_none() => {
            (first == '\r' || first == '\n').then_some(end)
        }
        _ => Some(end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_len(s: &str) -> usize {
        s.split_word_bounds().next().map_or(0, str::len)
    }

    #[test]
    fn every_letter_of_the_fast_table_is_a_letter_to_the_crate() {
        for c in ('\u{0}'..='\u{52f}').chain('\u{1e00}'..='\u{1eff}') {
            if class(c) == Some(Class::Letter) {
                let s = format!("a{c}b");
                assert_eq!(crate_len(&s), s.len(), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn news_text_splits_as_the_crate_splits_it() {
        let texts = [
            "President Ilham Aliyev met Xi Jinping on 3 July 2024, in Astana.",
            "Prezident İlham Əliyev Si Cinpinlə görüşüb: \"strateji tərəfdaşlıq\".",
            "Президент Ильхам Алиев встретился с Си Цзиньпином 3.07.2024 г.",
            "e.g. U.S. 3,500.75 don't a:b 1;2 a.1 x_y  \r\n\t",
            "Aliyev’s visit — 30亿 dollars… naïve café",
        ];
        for text in texts {
            let mut pos = 0;
            while pos < text.len() {
                let rest = &text[pos..];
                assert_eq!(first_piece_len(rest), crate_len(rest), "at {rest:?}");
                pos += crate_len(rest);
            }
        }
    }

    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a", "Z", "ə", "İ", "ı", "ж", "Ё", "7", "0", ".", "'", ":", ",", ";", "_", " ", "  ",
            "\r", "\n", "\t", "-", "\"", "’", "\u{301}", "\u{ad}", "\u{200d}", "\u{a0}", "中",
            "。", "·", "×", "҂", "\u{483}", "٣", "🇦", "👍", "ǀ",
        ]);
        prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
    }

    fn ascii_len(piece: AsciiPiece) -> usize {
        match piece {
            AsciiPiece::Spaces(n) | AsciiPiece::Word(n) => n,
            AsciiPiece::Mark => 1,
        }
    }

    #[test]
    fn ascii_pieces_are_words_spaces_and_marks() {
        let pieces = |text: &str| {
            let mut out = Vec::new();
            let mut pos = 0;
            while pos < text.len() {
                let piece = ascii_piece(&text[pos..]);
                out.push(piece);
                pos += piece.map_or_else(|| crate_len(&text[pos..]), ascii_len);
            }
            out
        };
        use AsciiPiece::{Mark, Spaces, Word};
        assert_eq!(
            pieces("U.S. don't  3,500.75%, a_1:b x_."),
            // "U.S" "." (a mark joins only before a letter), "a_1" ":" "b" (`:` joins letters only).
            [
                Some(Word(3)),
                Some(Mark),
                Some(Spaces(1)),
                Some(Word(5)),
                Some(Spaces(2)),
                Some(Word(8)),
                Some(Mark),
                Some(Mark),
                Some(Spaces(1)),
                Some(Word(3)),
                Some(Mark),
                Some(Word(1)),
                Some(Spaces(1)),
                Some(Word(2)),
                Some(Mark)
            ]
        );
        // Whatever a non-ASCII character may change is left to the general path: a letter after a
        // mark, an Extend character after a piece, a tab.
        assert_eq!(pieces("a.ə"), [None]);
        assert_eq!(pieces("e\u{301}"), [None]);
        assert_eq!(pieces("\ta"), [None, Some(Word(1))]);
        assert_eq!(pieces("_a"), [None]);
    }

    proptest! {
        #[test]
        fn the_first_piece_is_the_crates(s in text()) {
            for (i, _) in s.char_indices() {
                prop_assert_eq!(first_piece_len(&s[i..]), crate_len(&s[i..]), "{:?}", &s[i..]);
                if let Some(piece) = ascii_piece(&s[i..]) {
                    prop_assert_eq!(ascii_len(piece), crate_len(&s[i..]), "{:?}", &s[i..]);
                }
            }
        }

        #[test]
        fn an_ascii_piece_is_the_crates(s in "[a-zA-Z0-9_.',:;!%<{ \\t\\-]{0,12}[\\x{301}\\x{ad}ə]?[a-z0-9.,_ ]{0,4}") {
            for (i, _) in s.char_indices() {
                if let Some(piece) = ascii_piece(&s[i..]) {
                    prop_assert_eq!(ascii_len(piece), crate_len(&s[i..]), "{:?}", &s[i..]);
                }
            }
        }
    }
}
