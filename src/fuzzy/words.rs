//! Word boundaries (UAX #29) with a fast path for Latin and Cyrillic text.
//!
//! [`first_piece_len`] gives the length of the first word-boundary piece of a string, exactly as
//! `unicode-segmentation`'s `split_word_bounds().next()` does. Tokenizing calls it once per piece, on
//! every stored text an import indexes and every candidate a lookup scores, so it is hot. The general
//! algorithm looks up each character's word-break property in a table of ranges; this module answers
//! directly for the characters of English, Azerbaijani and Russian news text (ASCII, Latin letters
//! U+00C0–U+024F and U+1E00–U+1EFF, Cyrillic letters U+0400–U+0481 and U+048A–U+052F) and hands the
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

    proptest! {
        #[test]
        fn the_first_piece_is_the_crates(s in text()) {
            for (i, _) in s.char_indices() {
                prop_assert_eq!(first_piece_len(&s[i..]), crate_len(&s[i..]), "{:?}", &s[i..]);
            }
        }
    }
}
