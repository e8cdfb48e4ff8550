//! The script of a character, as far as alignment cares: Latin, Cyrillic, Han, Arabic or other.
//!
//! Used to tell Han runs from words ([`super::keys`]), to weigh Latin runs inside Chinese text
//! ([`super::length`]) and to warn when a side is not in its language's script (the wrong file).
//! The ranges are the common blocks (Latin with Latin-1, Extended-A/B and Additional;
//! Cyrillic with its Supplement; CJK ideographs, compatibility ideographs and kana), not all of Unicode.

use crate::lang::Script;

/// The script a character belongs to, as far as alignment cares.
pub fn script_of(c: char) -> Script {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => Script::Latin,
        '\u{400}'..='\u{52f}' => Script::Cyrillic,
        '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3040}'..='\u{30ff}' => Script::Han,
        '\u{600}'..='\u{6ff}' => Script::Arabic,
        _ => Script::Other,
    }
}

/// `c.is_alphabetic()`, answered without the Unicode tables for the letters of the blocks news in
/// tmkit's languages is written in (Latin-1 and Latin Extended-A/B with IPA, Cyrillic, CJK
/// ideographs), every one of which is alphabetic; other characters ask the tables. Tokenizing Russian
/// spent a third of its time in them.
pub(super) fn is_alphabetic(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{2af}' => true,
        '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}' => true,
        '\u{4e00}'..='\u{9fff}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()` with [`is_alphabetic`]'s shortcut.
pub(super) fn is_alphanumeric(c: char) -> bool {
    c.is_ascii_digit() || is_alphabetic(c) || (!c.is_ascii() && c.is_numeric())
}

/// Whether a character is a Han ideograph (or kana): a token of its own kind.
pub(super) fn is_han(c: char) -> bool {
    script_of(c) == Script::Han
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_shortcuts_answer_as_the_unicode_tables_for_every_character() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32) {
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
