//! The length model: how long a translation of a bead's source sentences should be.
//!
//! Gale & Church (1993): `δ = (l₂ − c·l₁) / √(l₁·s²)` over characters, cost `−ln 2(1 − Φ(|δ|))`,
//! with `c` and `s²` fitted per pair on the tuning part of NTREX dev (`all.en` against `all.az|ru|zh`). In Chinese
//! text a Latin letter, digit or space counts 0.345 (the Chinese characters per English character):
//! `CBS`, `Simpson`, `DNA` are as long as in the English, which halves the variance of the ratio.
//! Deviation from Gale & Church: beyond [`LONG_CHARS`] the variance grows with the square of the length.

use super::script::script_of;
use crate::lang::{Lang, Script};

/// Length (in characters) beyond which a translation's deviation from the expected length is taken
/// as proportional to the length rather than to its square root. Gale & Church's variance assumes
/// independent characters, so a 10 KB sentence 10% longer than expected was 5 standard deviations
/// off and aligned as a dropped and an added sentence (issue #16, item 7); a translator's habits make
/// a long text deviate in proportion. No NTREX sentence is this long; a few 2-1 beads are.
pub const LONG_CHARS: f64 = 1_000.0;

/// Length model of a language pair.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthModel {
    /// Target characters per source character.
    pub ratio: f64,
    /// Variance `s²` of `l₂ − c·l₁` per source character.
    pub variance: f64,
}

impl LengthModel {
    /// The model for `src` → `tgt`, fitted ([`LengthModel::fit`], `tmkit eval length`) on the tuning part
    /// of NTREX dev (497 sentence pairs; `src/eval/ntrex-split.tsv`) where English is one side (az:
    /// c = 1.083, s² = 3.463; ru: 1.105, 4.343; zh: 0.322, 0.634 with Latin runs counted at 0.345 a
    /// character, see the module docs); Gale & Church's c = 1, s² = 6.8 otherwise.
    pub fn for_pair(src: &Lang, tgt: &Lang) -> LengthModel {
        fn measured(code: &str) -> Option<(f64, f64)> {
            match code {
                "az" => Some((1.083, 3.463)),
                "ru" => Some((1.105, 4.343)),
                "zh" => Some((0.322, 0.634)),
                "en" => Some((1.0, 3.0)),
                _ => None,
            }
        }
        let (s, t) = (src.language(), tgt.language());
        let model = match (s, t) {
            ("en", other) => measured(other),
            (other, "en") => measured(other).map(|(c, v)| (1.0 / c, v / (c * c * c))),
            _ => None,
        };
        let (ratio, variance) = model.unwrap_or_else(|| {
            let c =
                f64::from(tgt.info().chars_per_en_char) / f64::from(src.info().chars_per_en_char);
            (c, 6.8 * c)
        });
        LengthModel { ratio, variance }
    }

    /// Fits a model to parallel sentences by Gale & Church's estimates: `c = Σl₂ / Σl₁` and
    /// `s² = Σ(l₂ − c·l₁)² / Σl₁`, lengths counted as the aligner counts them (see the module docs).
    /// None without sentences.
    pub fn fit<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        src: &Lang,
        tgt: &Lang,
    ) -> Option<LengthModel> {
        let (src_latin, tgt_latin) = (latin_weight(src), latin_weight(tgt));
        let lengths: Vec<(f64, f64)> = pairs
            .into_iter()
            .map(|(s, t)| (len_chars(s, src_latin), len_chars(t, tgt_latin)))
            .collect();
        let total_src: f64 = lengths.iter().map(|(s, _)| s).sum();
        if lengths.is_empty() || total_src <= 0.0 {
            return None;
        }
        let ratio = lengths.iter().map(|(_, t)| t).sum::<f64>() / total_src;
        let squares: f64 = lengths.iter().map(|(s, t)| (t - ratio * s).powi(2)).sum();
        Some(LengthModel {
            ratio,
            variance: squares / total_src,
        })
    }

    /// `δ` of a bead with `src` and `tgt` characters. Up to [`LONG_CHARS`] the variance grows with
    /// the length, as Gale & Church's; beyond, with its square (see [`LONG_CHARS`]).
    pub fn delta(&self, src: f64, tgt: f64) -> f64 {
        let mean = ((src + tgt / self.ratio) / 2.0).max(1.0);
        let spread = if mean > LONG_CHARS {
            mean * mean / LONG_CHARS
        } else {
            mean
        };
        (tgt - self.ratio * src) / (spread * self.variance).sqrt()
    }

    /// Gale & Church's cost `−ln 2(1 − Φ(|δ|))` of a bead with `src` and `tgt` characters.
    pub fn cost(&self, src: f64, tgt: f64) -> f64 {
        let d = self.delta(src, tgt).abs();
        if d >= FLOOR_DELTA {
            return -TAIL_FLOOR.ln();
        }
        let tail = 2.0 * (1.0 - normal_cdf(d));
        -(tail.max(TAIL_FLOOR)).ln()
    }
}

/// The smallest tail probability a length cost takes, so that no bead costs more than 27.6 nats for
/// its length alone.
const TAIL_FLOOR: f64 = 1e-12;
/// `|δ|` from which the tail `2(1 − Φ(|δ|))` is below [`TAIL_FLOOR`] (6.1e-13 at 7.2): most beads of
/// the band far from the diagonal are, and their cost needs no exponential or logarithm.
const FLOOR_DELTA: f64 = 7.5;

/// The standard normal distribution function (Abramowitz & Stegun 26.2.17, error < 7.5e-8).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let pdf = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt();
    let upper = pdf * poly;
    if x >= 0.0 { 1.0 - upper } else { upper }
}

/// Length of a sentence in characters, runs of whitespace counted as one (NTREX has double and
/// zero-width spaces), as the ratios were measured; +1 so that an empty sentence has a length.
///
/// In a language written in Han characters, Latin letters, digits and the spaces between them
/// (names, acronyms, numbers kept as in English: `CBS`, `Simpson`, `DNA`) count `latin` each, the
/// language's characters per English character: such a run is as long as in the English, where a
/// Chinese character stands for about three English ones.
pub(super) fn len_chars(s: &str, latin: f64) -> f64 {
    let mut n = 0.0;
    let mut space = true;
    for c in s.chars() {
        let is_space = c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}';
        if !(is_space && space) {
            let foreign = is_space || c.is_ascii_alphanumeric() || script_of(c) == Script::Latin;
            n += if foreign { latin } else { 1.0 };
        }
        space = is_space;
    }
    n + 1.0
}

/// The weight [`len_chars`] gives a Latin character in text of `lang`.
pub(super) fn latin_weight(lang: &Lang) -> f64 {
    let info = lang.info();
    if info.script == Script::Han {
        f64::from(info.chars_per_en_char)
    } else {
        1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_cost_is_lowest_at_the_expected_ratio() {
        let en = Lang::parse("en").expect("en");
        let zh = Lang::parse("zh").expect("zh");
        let model = LengthModel::for_pair(&en, &zh);
        assert!(model.cost(100.0, 32.0) < model.cost(100.0, 100.0));
        assert!(model.cost(100.0, 32.0) < 0.1);
    }

    #[test]
    fn a_delta_past_the_floor_costs_what_the_tail_formula_gives() {
        let model = LengthModel {
            ratio: 1.0,
            variance: 1.0,
        };
        let formula = |d: f64| -((2.0 * (1.0 - normal_cdf(d))).max(TAIL_FLOOR)).ln();
        // δ = (tgt − src) / √mean: 8.2 for 100 against 200 characters, 63 for 100 against 100,000.
        for tgt in [200.0, 250.0, 1_000.0, 100_000.0] {
            let d = model.delta(100.0, tgt).abs();
            assert!(d >= FLOOR_DELTA, "{d}");
            assert_eq!(model.cost(100.0, tgt), formula(d));
        }
        for d in [FLOOR_DELTA, 7.2, 8.0, 12.0, 40.0, 1e9] {
            assert_eq!(formula(d), -TAIL_FLOOR.ln(), "{d}");
        }
        assert!(formula(7.0) < -TAIL_FLOOR.ln());
    }

    #[test]
    fn a_fit_recovers_the_ratio_and_spread_of_its_sentences() {
        let en = Lang::parse("en").expect("en");
        let ru = Lang::parse("ru").expect("ru");
        // 9 and 19 characters (with the one every sentence adds) against 11 and 21: c = 32/28.
        let model = LengthModel::fit(
            [
                ("12345678", "1234567890"),
                ("123456789012345678", "12345678901234567890"),
            ],
            &en,
            &ru,
        )
        .expect("two sentences");
        assert!((model.ratio - 32.0 / 28.0).abs() < 1e-9, "{model:?}");
        let c = 32.0 / 28.0;
        let expected = ((11.0 - c * 9.0_f64).powi(2) + (21.0 - c * 19.0_f64).powi(2)) / 28.0;
        assert!((model.variance - expected).abs() < 1e-9, "{model:?}");
        assert_eq!(LengthModel::fit([], &en, &ru), None);
    }

    #[test]
    fn latin_runs_in_chinese_count_at_the_chinese_rate() {
        let zh = Lang::parse("zh").expect("zh");
        let en = Lang::parse("en").expect("en");
        let w = latin_weight(&zh);
        assert!((w - 0.345).abs() < 1e-6);
        assert_eq!(latin_weight(&en), 1.0);
        // Five Han characters and "DNA" (three letters and a space before it).
        let n = len_chars("发现了他的 DNA", w);
        assert!((n - (5.0 + 4.0 * w + 1.0)).abs() < 1e-9, "{n}");
        assert_eq!(len_chars("two  words", 1.0), 10.0);
    }
}
