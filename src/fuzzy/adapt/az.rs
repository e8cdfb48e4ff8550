//! Azerbaijani suffixes after a number written in digits (`2026-cı`, `3-də`, `10-un`): they follow
//! the number as it is read aloud, so a new number may need a new suffix.
//!
//! Method (the vowel harmony law, *ahəng qanunu*, of Azerbaijani grammar):
//! - The number is read aloud and the suffix harmonises with the **last pronounced vowel** of its
//!   **last word**: `2026` is *iki min iyirmi altı*, so `-cı`; `2027` (*yeddi*) `-ci`; `2030` (*otuz*)
//!   `-cu`; `2100` (*yüz*) `-cü`. The last word is the last non-zero unit of the reading: the ones
//!   digit, else the tens, else *yüz* (hundred), *min* (thousand), *milyon*, *milyard*, *trilyon*.
//! - Two-way vowels (`a`/`ə`: `-da`/`-də`, `-dan`/`-dən`, `-a`/`-ə`, `-la`/`-lə`) follow front or back;
//!   four-way vowels (`ı`/`i`/`u`/`ü`: `-cı`, `-ın`, `-ı`) also follow rounding.
//! - A suffix that starts with a vowel takes a buffer consonant after a word ending in a vowel:
//!   dative `-a` → `-ya`, genitive `-ın` → `-nın`, accusative `-ı` → `-nı`, instrumental `-la` →
//!   `-yla`; the buffer goes when the new word ends in a consonant.
//!
//! Limits: a suffix in capitals, or one whose shape after a vowel is not one of the above (possessive
//! `-ı`/`-sı` is read as the accusative), is not carried over (None).

const VOWELS: &str = "aıoueəiöü";

/// The last word of `n` read aloud in Azerbaijani: suffixes after the digits harmonise with it.
pub(crate) fn spoken_end(n: u64) -> &'static str {
    const ONES: [&str; 10] = [
        "sıfır", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz",
    ];
    const TENS: [&str; 10] = [
        "", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan",
    ];
    if n == 0 {
        ONES[0]
    } else if !n.is_multiple_of(10) {
        ONES[(n % 10) as usize]
    } else if !n.is_multiple_of(100) {
        TENS[((n / 10) % 10) as usize]
    } else if !n.is_multiple_of(1000) {
        "yüz"
    } else if !n.is_multiple_of(1_000_000) {
        "min"
    } else if !n.is_multiple_of(1_000_000_000) {
        "milyon"
    } else if !n.is_multiple_of(1_000_000_000_000) {
        "milyard"
    } else {
        "trilyon"
    }
}

/// The last word of a number with `decimals` decimal places read aloud (`2,5` is *iki tam onda
/// beş*: it ends as the digits after the comma, read as a whole number, do).
pub(crate) fn spoken_end_decimal(int: u64, frac: u64, decimals: u8) -> &'static str {
    if decimals == 0 {
        spoken_end(int)
    } else {
        spoken_end(frac)
    }
}

fn last_vowel(word: &str) -> Option<char> {
    word.chars().rev().find(|c| VOWELS.contains(*c))
}

fn ends_in_vowel(word: &str) -> bool {
    word.chars().next_back().is_some_and(|c| VOWELS.contains(c))
}

/// Re-harmonises an Azerbaijani suffix written after `old` for `new` (both the words it follows; see
/// the module docs). None when the suffix cannot be carried over.
pub(crate) fn reharmonize(suffix: &str, old: &str, new: &str) -> Option<String> {
    if suffix.is_empty() || suffix.chars().any(char::is_uppercase) {
        return None;
    }
    let mut body: String = suffix.to_string();
    match (ends_in_vowel(old), ends_in_vowel(new)) {
        (false, true) => {
            let first = body.chars().next()?;
            let buffer = match body.as_str() {
                "a" | "ə" | "la" | "lə" => 'y',
                "ı" | "i" | "u" | "ü" | "ın" | "in" | "un" | "ün" => 'n',
                _ if VOWELS.contains(first) => return None,
                _ => '\0',
            };
            if buffer != '\0' {
                body.insert(0, buffer);
            }
        }
        (true, false) => {
            let mut chars = body.chars();
            let first = chars.next()?;
            let second = chars.next();
            if matches!(first, 'y' | 'n' | 's') && second.is_some_and(|c| VOWELS.contains(c))
                || body.starts_with("yl")
            {
                body = body.chars().skip(1).collect();
            } else if VOWELS.contains(first) {
                // A vowel-initial suffix after a vowel without a buffer: not a shape we know.
                return None;
            }
        }
        _ => {}
    }
    let v = last_vowel(new)?;
    let back = "aıou".contains(v);
    let four = match v {
        'a' | 'ı' => 'ı',
        'o' | 'u' => 'u',
        'ö' | 'ü' => 'ü',
        _ => 'i',
    };
    Some(
        body.chars()
            .map(|c| match c {
                'a' | 'ə' if back => 'a',
                'a' | 'ə' => 'ə',
                'ı' | 'i' | 'u' | 'ü' => four,
                c => c,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The suffix written after `from`, carried over to `to`.
    fn after(suffix: &str, from: u64, to: u64) -> Option<String> {
        reharmonize(suffix, spoken_end(from), spoken_end(to))
    }

    #[test]
    fn every_final_digit_and_round_number_reads_as_its_last_word() {
        let cases: [(u64, &str); 23] = [
            (0, "sıfır"),
            (2021, "bir"),
            (2022, "iki"),
            (2023, "üç"),
            (2024, "dörd"),
            (2025, "beş"),
            (2026, "altı"),
            (2027, "yeddi"),
            (2028, "səkkiz"),
            (2029, "doqquz"),
            (2010, "on"),
            (2020, "iyirmi"),
            (2030, "otuz"),
            (2040, "qırx"),
            (2050, "əlli"),
            (1960, "altmış"),
            (1970, "yetmiş"),
            (1980, "səksən"),
            (1990, "doxsan"),
            (2100, "yüz"),
            (2000, "min"),
            (3_000_000, "milyon"),
            (4_000_000_000, "milyard"),
        ];
        for (n, word) in cases {
            assert_eq!(spoken_end(n), word, "{n}");
        }
        assert_eq!(spoken_end(1_500_000), "min");
        assert_eq!(spoken_end(5_000_000_000_000), "trilyon");
        assert_eq!(spoken_end_decimal(2, 5, 1), "beş");
        assert_eq!(spoken_end_decimal(2, 0, 0), "iki");
    }

    #[test]
    fn the_ordinal_suffix_follows_every_final_digit_and_round_number() {
        // -cı/-ci/-cu/-cü after digits (orthography writes the short form after any number).
        let cases: [(u64, &str); 23] = [
            (0, "cı"),
            (2021, "ci"),
            (2022, "ci"),
            (2023, "cü"),
            (2024, "cü"),
            (2025, "ci"),
            (2026, "cı"),
            (2027, "ci"),
            (2028, "ci"),
            (2029, "cu"),
            (2010, "cu"),
            (2020, "ci"),
            (2030, "cu"),
            (2040, "cı"),
            (2050, "ci"),
            (1960, "cı"),
            (1970, "ci"),
            (1980, "ci"),
            (1990, "cı"),
            (2100, "cü"),
            (2000, "ci"),
            (3_000_000, "cu"),
            (4_000_000_000, "cı"),
        ];
        for (n, want) in cases {
            assert_eq!(after("cı", 2026, n).as_deref(), Some(want), "{n}");
        }
    }

    #[test]
    fn locative_and_ablative_follow_front_and_back() {
        assert_eq!(after("də", 2027, 2026).as_deref(), Some("da"));
        assert_eq!(after("da", 2026, 2027).as_deref(), Some("də"));
        assert_eq!(after("dən", 3, 10).as_deref(), Some("dan"));
        assert_eq!(after("dan", 10, 100).as_deref(), Some("dən"));
        assert_eq!(after("lər", 5, 9).as_deref(), Some("lar"));
    }

    #[test]
    fn a_buffer_consonant_comes_and_goes_with_a_final_vowel() {
        // Genitive: 3-ün (üç), 2-nin (iki), 10-un (on), 6-nın (altı).
        assert_eq!(after("ün", 3, 2).as_deref(), Some("nin"));
        assert_eq!(after("nin", 2, 10).as_deref(), Some("un"));
        assert_eq!(after("un", 10, 6).as_deref(), Some("nın"));
        // Dative: 3-ə, 2-yə, 6-ya, 10-a.
        assert_eq!(after("ə", 3, 2).as_deref(), Some("yə"));
        assert_eq!(after("ya", 6, 10).as_deref(), Some("a"));
        // Accusative: 4-ü, 7-ni.
        assert_eq!(after("ü", 4, 7).as_deref(), Some("ni"));
        // Instrumental: 5-lə after a vowel is 5-ylə... 5 (beş) ends in a consonant: -lə; 2 (iki) -ylə.
        assert_eq!(after("lə", 5, 2).as_deref(), Some("ylə"));
        assert_eq!(after("ylə", 2, 10).as_deref(), Some("la"));
        // Capitals and unknown vowel-initial shapes are not carried over.
        assert_eq!(after("CÜ", 3, 2), None);
        assert_eq!(after("ım", 3, 2), None);
    }
}
