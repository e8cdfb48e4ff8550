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

/// Whether a character is a Han ideograph (or kana): a token of its own kind.
pub(super) fn is_han(c: char) -> bool {
    script_of(c) == Script::Han
}
