//! Azerbaijani for phrase work: suffix rules that group the inflected forms of a word, and the
//! function words.
//!
//! Azerbaijani is agglutinative: *Koreya, Koreyanın, Koreyaya, Koreyada, Koreyadan* are one noun
//! in five cases, and *Assambleyasında* is *Assambleya* + possessive *-sı* + buffer *n* + locative
//! *-da*. [`stem`] strips, up to four times, the longest suffix from [`SUFFIXES`] (case, plural,
//! possessive, the relative *-dakı*) that leaves at least two letters (three after a one-vowel
//! suffix, so that *Ali* stays *ali*). It strips the final vowel of a stem as well (*Koreya* →
//! *korey*), so the bare form and the suffixed forms meet at the same stem, whichever buffer
//! consonant the suffix took. A suffix written after a hyphen or apostrophe (*BMT-nin*,
//! *Ri’nin*) is cut at the mark. Derivational suffixes (*-lı*, *-çı*) and verb endings are kept:
//! they make other words.
//!
//! Measured on the Azerbaijani side of the ntrex-dev *tuning* documents (`src/eval/ntrex-split.tsv`,
//! 497 lines): the rules turn 4,282 distinct word keys into 2,969 stems (−31 %); 661 stems hold
//! two forms or more. Of 61 such groups read by hand (every 10th), 56 (92 %) hold forms of one word
//! only; the other five join a word with a derived one (*şimal* "north" with *şimali* "northern",
//! *ilk* with *ilkin*, *həyat* with *həyati*, *olimpiya* with *olimpiada*) or two short words
//! (*Si*, the name, with *siyasi*).

/// Suffixes, folded (`ı` dotless, `i` dotted); the longest that fits is stripped first.
pub(crate) const SUFFIXES: &[&str] = &[
    // plural + possessive + case
    "larından",
    "lərindən",
    "larının",
    "lərinin",
    "larında",
    "lərində",
    "larına",
    "lərinə",
    "larını",
    "lərini",
    "ları",
    "ləri",
    "ların",
    "lərin",
    "lardan",
    "lərdən",
    "larda",
    "lərdə",
    "lara",
    "lərə",
    "larla",
    "lərlə",
    "lar",
    "lər",
    // third-person possessive + buffer n + case
    "sından",
    "sindən",
    "sundan",
    "sündən",
    "sının",
    "sinin",
    "sunun",
    "sünün",
    "sında",
    "sində",
    "sunda",
    "sündə",
    "sına",
    "sinə",
    "suna",
    "sünə",
    "sını",
    "sini",
    "sunu",
    "sünü",
    "sı",
    "si",
    "su",
    "sü",
    // possessive after a consonant + buffer n + case
    "ından",
    "indən",
    "undan",
    "ündən",
    "ının",
    "inin",
    "unun",
    "ünün",
    "ında",
    "ində",
    "unda",
    "ündə",
    "ına",
    "inə",
    "una",
    "ünə",
    // first-person plural possessive
    "ımız",
    "imiz",
    "umuz",
    "ümüz",
    "mız",
    "miz",
    "muz",
    "müz",
    // relative
    "dakı",
    "dəki",
    "takı",
    "təki",
    // case
    "nın",
    "nin",
    "nun",
    "nün",
    "dan",
    "dən",
    "tan",
    "tən",
    "yla",
    "ylə",
    "ya",
    "yə",
    "nı",
    "ni",
    "nu",
    "nü",
    "da",
    "də",
    "ta",
    "tə",
    "la",
    "lə",
    "ın",
    "in",
    "un",
    "ün",
    // one vowel: accusative, possessive, dative, or the stem's own final vowel
    "ı",
    "i",
    "u",
    "ü",
    "a",
    "ə",
];

/// Strips case, plural and possessive suffixes from a folded key (see the module docs).
pub(crate) fn stem(key: &str) -> String {
    if let Some(cut) = key.find(['-', '\'']) {
        let (head, tail) = (&key[..cut], &key[cut + 1..]);
        if !head.is_empty() && strip(tail, 0).is_empty() {
            return head.to_owned();
        }
    }
    strip(key, 2).to_owned()
}

/// `word` with up to four suffixes stripped, leaving at least `min` letters (one more after a
/// one-vowel suffix).
fn strip(word: &str, min: usize) -> &str {
    let mut word = word;
    for _ in 0..4 {
        let len = word.chars().count();
        let found = SUFFIXES
            .iter()
            .filter(|s| word.ends_with(**s))
            .filter(|s| {
                let n = s.chars().count();
                len >= n + min + usize::from(n == 1 && min > 0)
            })
            .max_by_key(|s| s.len());
        match found {
            Some(s) => word = &word[..word.len() - s.len()],
            None => break,
        }
    }
    word
}

/// Conjunctions, postpositions, particles and pronouns (folded keys).
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "və",
    "ilə",
    "ya",
    "yaxud",
    "və ya",
    "amma",
    "lakin",
    "ancaq",
    "ki",
    "da",
    "də",
    "bu",
    "o",
    "bir",
    "üçün",
    "kimi",
    "görə",
    "isə",
    "həm",
    "ən",
    "daha",
    "çox",
    "olan",
    "olaraq",
    "onun",
    "onlar",
    "onların",
    "biz",
    "siz",
    "mən",
    "sən",
    "bunu",
    "bunun",
    "buna",
    "ona",
    "onu",
    "hər",
    "də",
    "artıq",
    "sonra",
    "əvvəl",
    "qədər",
    "üzrə",
    "haqqında",
    "barədə",
    "arasında",
    "ilə",
    "idi",
    "deyil",
    "var",
    "yox",
    "edib",
    "edir",
    "olub",
    "olur",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(forms: &[&str]) {
        let stems: Vec<String> = forms.iter().map(|f| stem(f)).collect();
        assert!(
            stems.windows(2).all(|w| w[0] == w[1]),
            "\nforms: {forms:?}\nstems: {stems:?}\nhelp: a suffix is missing from SUFFIXES or strips too much"
        );
    }

    #[test]
    fn case_forms_of_a_noun_share_a_stem() {
        check(&[
            "koreya",
            "koreyanın",
            "koreyaya",
            "koreyada",
            "koreyadan",
            "koreyanı",
        ]);
        check(&["məhkəmə", "məhkəmənin", "məhkəməyə", "məhkəmədə"]);
        check(&["rüsumu", "rüsumunu", "rüsumunun", "rüsum"]);
    }

    #[test]
    fn possessive_and_plural_forms_share_a_stem() {
        check(&[
            "assambleya",
            "assambleyası",
            "assambleyasında",
            "assambleyasının",
        ]);
        check(&["komitəsi", "komitəsinə", "komitəsinin", "komitə"]);
        check(&[
            "münasibətlər",
            "münasibətləri",
            "münasibətlərimizi",
            "münasibət",
        ]);
    }

    #[test]
    fn suffixes_after_a_hyphen_or_apostrophe_are_cut_at_the_mark() {
        assert_eq!(stem("bmt-nin"), "bmt");
        assert_eq!(stem("ri'nin"), "ri");
        assert_eq!(stem("nyu-yorkun"), stem("nyu-york"));
    }

    #[test]
    fn short_words_keep_their_letters() {
        assert_eq!(stem("ali"), "ali");
        assert_eq!(stem("il"), "il");
        assert_eq!(stem("ilin"), "il");
    }
}
