//! Words for phrase work: what the word aligner counts and what a rendering is made of.
//!
//! A text becomes a list of [`Word`]s, each a byte range of the text with a *key* and a *stem*:
//!
//! - A word is a run of letters, digits and combining marks. A hyphen or dash (`-`, `‐`, `‑`, `‒`,
//!   `–`) or an apostrophe (`'`, `’`, `ʼ`, `‘`) with a letter or digit on both sides joins, so
//!   *премьер-министр*, *Нью-Йорк*, *Nyu-York*, *Баку–Тбилиси–Карс*, *BMT-nin* and *Ri’nin* are
//!   one word each: the languages write them as one word, and a rendering must not cut them.
//!   Single capitals joined by dots are one word (*U.S.*, *U.N.*), and so are digit groups joined
//!   by `.` or `,` (*2,7*, *30,000*).
//! - Chinese text is cut into words by jieba (its bundled dictionary plus its HMM for unknown
//!   words; [`super::zh`]), so that no word ends inside a dictionary word.
//! - `%`, `％` and the currency signs `$ £ € ¥` are words of their own; other punctuation is not a
//!   word (a rendering may still contain it between its words).
//! - The *key* is the word as search compares it: case-folded with the language's rules
//!   ([`Lang::fold`]), `ё` as `е`, every apostrophe as `'`, every dash as `-`, and an English
//!   possessive `'s` / `’s` dropped (*Korea’s* → `korea`).
//! - The *stem* groups the inflected forms of a word: the Snowball stemmer for English and Russian
//!   (rust-stemmers), our own suffix rules for Azerbaijani ([`super::az`]), the key itself for
//!   Chinese and for languages without rules.
//!
//! Offsets are bytes into the text given; every range starts and ends on a `char` boundary.

use std::ops::Range;

use crate::lang::Lang;

use super::{az, en, ru, zh};

/// What a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// A word of the language.
    Word,
    /// A number, possibly with a suffix (`2,7`, `1950-53`, `2026-cı`): it starts with a digit.
    Number,
    /// A sign that stands for a word: `%`, `％`, `$`, `£`, `€`, `¥`.
    Sign,
}

/// One word of a text (see the module docs).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub bytes: Range<usize>,
    /// What it is.
    pub kind: WordKind,
    /// The form search compares.
    pub key: String,
}

/// The languages with rules of their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rules {
    En,
    Az,
    Ru,
    Zh,
    Other,
}

/// Cuts texts of one language into [`Word`]s and stems their keys.
pub struct Tokenizer {
    lang: Lang,
    rules: Rules,
    stemmer: Option<rust_stemmers::Stemmer>,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Tokenizer {
    /// The tokenizer for `lang`.
    pub fn new(lang: &Lang) -> Tokenizer {
        let rules = match lang.language() {
            "en" => Rules::En,
            "az" => Rules::Az,
            "ru" => Rules::Ru,
            "zh" => Rules::Zh,
            _ => Rules::Other,
        };
        let stemmer = match rules {
            Rules::En => Some(rust_stemmers::Stemmer::create(
                rust_stemmers::Algorithm::English,
            )),
            Rules::Ru => Some(rust_stemmers::Stemmer::create(
                rust_stemmers::Algorithm::Russian,
            )),
            _ => None,
        };
        Tokenizer {
            lang: lang.clone(),
            rules,
            stemmer,
        }
    }

    /// The language this tokenizer cuts.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// The words of `text`, in order.
    ///
    /// ```
    /// use tmkit::Lang;
    /// use tmkit::phrase::Tokenizer;
    /// let ru = Tokenizer::new(&Lang::parse("ru")?);
    /// let text = "Премьер-министр прибыл в Нью–Йорк.";
    /// let keys: Vec<String> = ru.words(text).into_iter().map(|w| w.key).collect();
    /// assert_eq!(keys, ["премьер-министр", "прибыл", "в", "нью-йорк"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn words(&self, text: &str) -> Vec<Word> {
        let mut words = Vec::with_capacity(text.len() / 5 + 1);
        let mut pos = 0;
        while pos < text.len() {
            let Some(c) = text[pos..].chars().next() else {
                break;
            };
            if is_han(c) {
                let end = text[pos..]
                    .char_indices()
                    .find(|&(_, c)| !is_han(c))
                    .map_or(text.len(), |(i, _)| pos + i);
                if self.rules == Rules::Zh {
                    for range in zh::segment(&text[pos..end]) {
                        let bytes = pos + range.start..pos + range.end;
                        words.push(Word {
                            key: text[bytes.clone()].to_owned(),
                            bytes,
                            kind: WordKind::Word,
                        });
                    }
                } else {
                    for (i, c) in text[pos..end].char_indices() {
                        let bytes = pos + i..pos + i + c.len_utf8();
                        words.push(Word {
                            key: c.to_string(),
                            bytes,
                            kind: WordKind::Word,
                        });
                    }
                }
                pos = end;
            } else if is_sign(c) {
                let bytes = pos..pos + c.len_utf8();
                words.push(Word {
                    key: c.to_string(),
                    bytes,
                    kind: WordKind::Sign,
                });
                pos += c.len_utf8();
            } else if is_word_char(c) {
                let end = word_end(text, pos);
                let kind = if c.is_ascii_digit() {
                    WordKind::Number
                } else {
                    WordKind::Word
                };
                words.push(Word {
                    key: self.key(&text[pos..end]),
                    bytes: pos..end,
                    kind,
                });
                pos = end;
            } else {
                pos += c.len_utf8();
            }
        }
        words
    }

    /// The search form of one word's text (see the module docs).
    pub fn key(&self, word: &str) -> String {
        let folded = self.lang.fold(word);
        let mut key = String::with_capacity(folded.len());
        for c in folded.chars() {
            key.push(match c {
                'ё' => 'е',
                '’' | 'ʼ' | '‘' | '`' => '\'',
                c if is_dash(c) => '-',
                c => c,
            });
        }
        if self.rules == Rules::En {
            en::drop_possessive(&mut key);
        }
        key
    }

    /// The stem of a key: the form shared by the inflected forms of one word.
    ///
    /// ```
    /// use tmkit::Lang;
    /// use tmkit::phrase::Tokenizer;
    /// let ru = Tokenizer::new(&Lang::parse("ru")?);
    /// assert_eq!(ru.stem("стратегического"), ru.stem("стратегическое"));
    /// let az = Tokenizer::new(&Lang::parse("az")?);
    /// assert_eq!(az.stem("koreyanın"), az.stem("koreya"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn stem(&self, key: &str) -> String {
        match (&self.stemmer, self.rules) {
            (Some(stemmer), _) => stemmer.stem(key).into_owned(),
            (None, Rules::Az) => az::stem(key),
            _ => key.to_owned(),
        }
    }

    /// Whether `key` is a function word of the language (an article, preposition, conjunction,
    /// particle, pronoun or auxiliary): a rendering made only of such words is never offered.
    pub fn is_function_word(&self, key: &str) -> bool {
        let list = match self.rules {
            Rules::En => en::FUNCTION_WORDS,
            Rules::Az => az::FUNCTION_WORDS,
            Rules::Ru => ru::FUNCTION_WORDS,
            Rules::Zh => zh::FUNCTION_WORDS,
            Rules::Other => &[],
        };
        list.contains(&key)
    }
}

/// Han ideographs (and the ideographic zero and iteration mark) are cut by the Chinese segmenter.
fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '\u{3007}' | '\u{3005}' | '\u{20000}'..='\u{2ffff}')
}

fn is_sign(c: char) -> bool {
    matches!(c, '%' | '％' | '$' | '£' | '€' | '¥')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '‒' | '–')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘')
}

/// Letters, digits and combining marks (Azerbaijani and Russian text may carry decomposed
/// diacritics), but not Han, which [`is_han`] cuts apart.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_han(c)) || matches!(c, '\u{300}'..='\u{36f}')
}

/// The end of the word that starts at `start` (see the module docs for the joiners).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev: Option<char> = None;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let at = start + i;
        if is_word_char(c) {
            end = at + c.len_utf8();
            prev = Some(c);
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let joins = match (prev, next) {
            (Some(p), Some(n)) if is_word_char(n) => {
                is_dash(c)
                    || is_apostrophe(c)
                    || ((c == '.' || c == ',') && p.is_ascii_digit() && n.is_ascii_digit())
                    || (c == '.' && n.is_uppercase() && is_acronym(&text[start..at]) && {
                        let after = at + 1 + n.len_utf8();
                        !text[after..].starts_with(|x: char| x.is_alphanumeric())
                    })
            }
            _ => false,
        };
        if !joins {
            break;
        }
        prev = Some(c);
    }
    end
}

/// Whether `word` is single capitals joined by dots (`U`, `U.S`): the start of an acronym.
fn is_acronym(word: &str) -> bool {
    word.chars().enumerate().all(|(i, c)| {
        if i % 2 == 0 {
            c.is_uppercase()
        } else {
            c == '.'
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(lang: &str, text: &str) -> Vec<String> {
        let tokenizer = Tokenizer::new(&Lang::parse(lang).expect("a valid tag"));
        tokenizer.words(text).into_iter().map(|w| w.key).collect()
    }

    fn check(lang: &str, text: &str, expected: &[&str]) {
        let got = keys(lang, text);
        assert_eq!(
            got, expected,
            "\ninput: {text:?} ({lang})\nexpected: {expected:?}\ngot: {got:?}\nhelp: see word_end and Tokenizer::key"
        );
    }

    #[test]
    fn hyphenated_compounds_are_one_word_and_dashes_fold() {
        check(
            "ru",
            "премьер-министр Нью-Йорка",
            &["премьер-министр", "нью-йорка"],
        );
        check("ru", "Баку–Тбилиси–Карс", &["баку-тбилиси-карс"]);
        check(
            "az",
            "Nyu-York, BMT-nin və ABŞ-dan",
            &["nyu-york", "bmt-nin", "və", "abş-dan"],
        );
        check("ru", "ракета — это", &["ракета", "это"]);
    }

    #[test]
    fn possessives_apostrophes_and_yo_fold() {
        check(
            "en",
            "North Korea's and Azerbaijan’s",
            &["north", "korea", "and", "azerbaijan"],
        );
        check("ru", "ещё Ёлка", &["еще", "елка"]);
        check("az", "Ri’nin İLHAM", &["ri'nin", "ilham"]);
    }

    #[test]
    fn numbers_acronyms_and_signs() {
        let tokenizer = Tokenizer::new(&Lang::parse("en").expect("a valid tag"));
        let words = tokenizer.words("U.S. sales rose 2.7% to $30,000.");
        let got: Vec<(&str, WordKind)> = words.iter().map(|w| (w.key.as_str(), w.kind)).collect();
        assert_eq!(
            got,
            [
                ("u.s", WordKind::Word),
                ("sales", WordKind::Word),
                ("rose", WordKind::Word),
                ("2.7", WordKind::Number),
                ("%", WordKind::Sign),
                ("to", WordKind::Word),
                ("$", WordKind::Sign),
                ("30,000", WordKind::Number),
            ]
        );
    }

    #[test]
    fn byte_ranges_point_at_the_words_in_multibyte_text() {
        let text = "Şimali Koreyanın 🙂 lideri";
        let tokenizer = Tokenizer::new(&Lang::parse("az").expect("a valid tag"));
        let got: Vec<&str> = tokenizer
            .words(text)
            .iter()
            .map(|w| &text[w.bytes.clone()])
            .collect();
        assert_eq!(got, ["Şimali", "Koreyanın", "lideri"]);
    }

    #[test]
    fn chinese_is_cut_into_dictionary_words() {
        let text = "中华人民共和国主席习近平在阿斯塔纳";
        let tokenizer = Tokenizer::new(&Lang::parse("zh").expect("a valid tag"));
        let words = tokenizer.words(text);
        let got: Vec<&str> = words.iter().map(|w| &text[w.bytes.clone()]).collect();
        assert!(got.contains(&"中华人民共和国"), "got {got:?}");
        assert_eq!(got.concat(), text);
    }

    #[test]
    fn stems_group_inflected_forms() {
        let ru = Tokenizer::new(&Lang::parse("ru").expect("a valid tag"));
        assert_eq!(ru.stem("партнерства"), ru.stem("партнерство"));
        let en = Tokenizer::new(&Lang::parse("en").expect("a valid tag"));
        assert_eq!(en.stem("weapons"), en.stem("weapon"));
    }
}
