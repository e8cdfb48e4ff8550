//! Fuzzy matching: the CAT score translators read as a percentage, and the types of a match.
//!
//! - [`token`]: how a sentence becomes tokens (UAX #29 words and punctuation, one token per Han/Kana
//!   character, numbers, dates and inline tags as placeables).
//! - [`date`]: dates in English, Azerbaijani, Russian, Chinese and numeric forms, recognised as one
//!   placeable and rewritten in a target's own form when a match is adapted.
//! - [`score`]: the weighted word-level edit similarity and its word diff. Pure: no I/O, no SQL.
//! - [`adapt`]: a stored target rewritten for the query's numbers and dates, in the target
//!   language's conventions (number forms, Azerbaijani suffixes, Chinese 万/亿), or what in it is
//!   stale. The retrieval that finds every stored unit above a threshold lives in
//!   `tm::index` and `tm::lookup`.
//!
//! Scores are `f32` in `0.0..=1.0`; [`percent`] and [`Band`] exist for display.

pub mod adapt;
pub mod date;
pub mod score;
pub mod token;
pub mod words;

pub use adapt::{Adaptation, adapt};
pub use score::{DiffPart, Edit, Scored, diff};
pub use token::{Token, tokenize};

use crate::lang::Lang;

/// The match bands of a CAT leverage report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Band {
    /// 100%: the same text.
    #[serde(rename = "100%")]
    Exact,
    /// 95–99%.
    #[serde(rename = "95-99%")]
    High,
    /// 85–94%.
    #[serde(rename = "85-94%")]
    Good,
    /// 75–84%.
    #[serde(rename = "75-84%")]
    Fair,
    /// 50–74%.
    #[serde(rename = "50-74%")]
    Low,
    /// Below 50%, or nothing found.
    #[serde(rename = "no match")]
    NoMatch,
}

impl Band {
    /// All bands, best first.
    pub const ALL: [Band; 6] = [
        Band::Exact,
        Band::High,
        Band::Good,
        Band::Fair,
        Band::Low,
        Band::NoMatch,
    ];

    /// The band of a score (`None`: no match).
    pub fn of(score: Option<f32>) -> Band {
        match score.map(percent) {
            Some(100) => Band::Exact,
            Some(95..=99) => Band::High,
            Some(85..=94) => Band::Good,
            Some(75..=84) => Band::Fair,
            Some(50..=74) => Band::Low,
            _ => Band::NoMatch,
        }
    }

    /// How the band is printed.
    pub fn label(self) -> &'static str {
        match self {
            Band::Exact => "100%",
            Band::High => "95-99%",
            Band::Good => "85-94%",
            Band::Fair => "75-84%",
            Band::Low => "50-74%",
            Band::NoMatch => "no match",
        }
    }
}

/// A score as the percentage shown to translators: rounded down, so only identical text shows 100.
pub fn percent(score: f32) -> u32 {
    ((score * 100.0) + 1e-4).floor().clamp(0.0, 100.0) as u32
}

/// A query prepared for scoring many stored sources: its text, language and tokens.
#[derive(Clone, Debug)]
pub struct Matcher {
    text: String,
    lang: Lang,
    tokens: Vec<Token>,
    keyed: token::Keyed,
    counts: score::KeyCounts,
}

/// The buffers of [`Matcher::score_value_with`]: one per thread that scores, reused for every
/// candidate, so that scoring allocates nothing once they have grown.
#[derive(Clone, Debug, Default)]
pub struct Scratch {
    source: token::Keyed,
    rows: score::Rows,
}

impl Matcher {
    /// Tokenizes the query once.
    pub fn new(text: &str, lang: &Lang) -> Matcher {
        let tokens = tokenize(text, lang);
        let mut keyed = token::Keyed::default();
        keyed.tokenize(text, lang);
        Matcher {
            text: text.to_string(),
            lang: lang.clone(),
            tokens,
            counts: score::KeyCounts::of(&keyed),
            keyed,
        }
    }

    /// The query text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The query's language.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// The query's tokens.
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The score alone of a stored source (in the query's language), what [`Matcher::score`] gives,
    /// faster, for ranking candidates; None when it is below `floor`.
    pub fn score_value(&self, source: &str, floor: f32) -> Option<f32> {
        self.score_value_with(source, floor, &mut Scratch::default())
    }

    /// [`Matcher::score_value`] with the buffers of `scratch`: what scoring many sources calls.
    pub fn score_value_with(&self, source: &str, floor: f32, scratch: &mut Scratch) -> Option<f32> {
        scratch.source.tokenize(source, &self.lang);
        // The shared keys bound the score: most candidates a lookup verifies fall short of it, and
        // then the table is not needed (rounding to four decimals can lift a score by 0.00005).
        if floor > 0.0
            && score::overlap_bound(&self.counts, &scratch.source, &mut scratch.rows) + 1e-4 < floor
        {
            return None;
        }
        score::score_value(
            (&self.text, &self.keyed),
            (source, &scratch.source),
            floor,
            &mut scratch.rows,
        )
    }

    /// Scores a stored source (in the query's language) against the query.
    pub fn score(&self, source: &str) -> (Scored, Vec<Token>) {
        let st = tokenize(source, &self.lang);
        (score::score(&self.text, &self.tokens, source, &st), st)
    }
}

/// One fuzzy match of a query: a stored unit, its score and what the translator needs to use it.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct FuzzyMatch {
    /// Similarity in `0.0..=1.0` (the JSON output shows percent).
    #[serde(skip)]
    pub score: f32,
    /// The unit's id.
    pub unit: i64,
    /// The stored source-language text.
    pub source: String,
    /// The target-language text, adapted to the query's placeables when `adapted`.
    pub target: String,
    /// Whether `target` was adapted (numbers or dates replaced).
    pub adapted: bool,
    /// The stored target as it is, when it was adapted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_target: Option<String>,
    /// Numbers and dates of the target that changed in the query but could not be adapted (see
    /// [`adapt::Adaptation::unadapted`]); a match with any is not `adapted`.
    pub unadapted: Vec<String>,
    /// Word diff between the stored source and the query.
    pub diff: Vec<DiffPart>,
    /// Where the unit came from: aligned, imported or manual.
    pub origin: String,
    /// The article it was aligned from, when it was.
    pub article: Option<String>,
    /// For a unit aligned from an article, the article's publication date (none when its slug has no
    /// date: the day it was stored is not the article's date); for other units, the unit's creation date.
    pub date: Option<String>,
    /// The unit's review status as stored: `ok` or `needs-review`.
    pub status: String,
    /// Whether a reviewer approved the unit.
    pub approved: bool,
    /// The unit's alignment confidence in `0.0..=1.0` (aligned units only).
    pub confidence: Option<f32>,
}
