//! The review-status policy: which aligned units are stored as needs-review, and why.
//!
//! A unit is stored as [`Status::NeedsReview`] when any of these holds ([`Reason`]):
//! - the article is doubtful: one of its pairs has an alignment [`Warning`](crate::align::Warning) (an
//!   empty side, a text in the wrong script, lengths far apart), so every confidence in it is capped low
//!   and none of its units can be trusted;
//! - the unit's confidence is below [`REVIEW_THRESHOLD`] (0.9);
//! - a bead it was made of carries a flag that signals a likely error: a number missing on one side, a
//!   length far from the pair's usual ratio, or pivot disagreement (the pairs cut the source
//!   differently). [`Flag::Unaligned`] (a sentence without a translation is left out of the unit, not
//!   wrong) and [`Flag::NameMismatch`] (names are transliterated too variously across scripts for a
//!   missing one to mean a wrong bead) don't.
//!
//! A pair's finer unit (see [`units`](super::units)) is judged by the article and its confidence only:
//! its flags are those of a bead of the pivot unit it refines, which were judged there.
//!
//! README.md ("Units with confidence below 0.9 or a number/length/pivot flag are stored as
//! `needs-review`") describes this policy; change both together.

use std::ops::Range;

use crate::align::{Alignment, Flag, REVIEW_THRESHOLD};
use crate::lang::Lang;
use crate::unit::{Check, ReviewReason, Status};

/// Why a unit needs review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A pair of the article has an alignment warning: the whole article is doubtful.
    DoubtfulArticle,
    /// The unit's confidence is below the policy's threshold.
    LowConfidence,
    /// A bead of the unit carries a flag that signals a likely error.
    Flagged(Flag),
}

impl Reason {
    /// The check stored for this reason; none for a flag that never sends a unit to review.
    pub fn check(self) -> Option<Check> {
        match self {
            Reason::DoubtfulArticle => Some(Check::DoubtfulArticle),
            Reason::LowConfidence => Some(Check::LowConfidence),
            Reason::Flagged(Flag::NumberMismatch) => Some(Check::NumberMismatch),
            Reason::Flagged(Flag::LengthOutlier) => Some(Check::LengthOutlier),
            Reason::Flagged(Flag::PivotDisagreement) => Some(Check::PivotDisagreement),
            Reason::Flagged(Flag::NameMismatch) => Some(Check::NameMismatch),
            Reason::Flagged(Flag::Unaligned) => None,
        }
    }
}

/// The languages of an aligned unit and the alignment of each, for naming the languages a reason
/// comes from ([`ReviewPolicy::stored_reasons`]).
pub struct UnitSpan<'a> {
    /// The unit's source sentences.
    pub src: &'a Range<usize>,
    /// For each target language: its tag, its alignment with the source, the unit's sentences.
    pub targets: Vec<(&'a Lang, &'a Alignment, &'a Range<usize>)>,
}

/// The review-status policy of aligned units (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReviewPolicy {
    /// Units below this confidence need review.
    pub threshold: f32,
}

impl Default for ReviewPolicy {
    /// The threshold is [`REVIEW_THRESHOLD`].
    fn default() -> ReviewPolicy {
        ReviewPolicy {
            threshold: REVIEW_THRESHOLD,
        }
    }
}

impl ReviewPolicy {
    /// Whether `flag` on a bead sends its unit to review.
    pub fn is_doubtful(flag: Flag) -> bool {
        !matches!(flag, Flag::Unaligned | Flag::NameMismatch)
    }

    /// The reasons a multilingual (pivot) unit needs review, in the order of the module documentation
    /// (each flag once, in the order given); none when it is fine.
    pub fn reasons(&self, doubtful_article: bool, confidence: f32, flags: &[Flag]) -> Vec<Reason> {
        let mut reasons = self.pair_reasons(doubtful_article, confidence);
        for &flag in flags {
            if ReviewPolicy::is_doubtful(flag) && !reasons.contains(&Reason::Flagged(flag)) {
                reasons.push(Reason::Flagged(flag));
            }
        }
        reasons
    }

    /// The reasons a pair's finer unit needs review: the article and its confidence, not its flags.
    pub fn pair_reasons(&self, doubtful_article: bool, confidence: f32) -> Vec<Reason> {
        let mut reasons = Vec::new();
        if doubtful_article {
            reasons.push(Reason::DoubtfulArticle);
        }
        if confidence < self.threshold {
            reasons.push(Reason::LowConfidence);
        }
        reasons
    }

    /// `reasons` as stored with a unit: each with the target languages whose alignment raised it — a
    /// doubtful article: the pairs with a warning; low confidence: the pairs with a bead of the unit
    /// below the threshold; a flag: the pairs with a bead of the unit carrying it; pivot disagreement:
    /// every pair. A reason whose pairs cannot be told (none matches) names every target language.
    pub fn stored_reasons(&self, reasons: &[Reason], unit: &UnitSpan<'_>) -> Vec<ReviewReason> {
        let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
        reasons
            .iter()
            .filter_map(|&reason| {
                let check = reason.check()?;
                let mut langs: Vec<Lang> = unit
                    .targets
                    .iter()
                    .filter(|(_, alignment, tgt)| {
                        let mut beads = alignment
                            .beads
                            .iter()
                            .filter(|b| overlaps(&b.src, unit.src) || overlaps(&b.tgt, tgt));
                        match reason {
                            Reason::DoubtfulArticle => !alignment.warnings.is_empty(),
                            Reason::LowConfidence => beads.any(|b| b.confidence < self.threshold),
                            Reason::Flagged(Flag::PivotDisagreement) => true,
                            Reason::Flagged(flag) => beads.any(|b| b.flags.contains(&flag)),
                        }
                    })
                    .map(|(lang, _, _)| (*lang).clone())
                    .collect();
                if langs.is_empty() {
                    langs = unit.targets.iter().map(|(l, _, _)| (*l).clone()).collect();
                }
                langs.sort();
                langs.dedup();
                Some(ReviewReason { check, langs })
            })
            .collect()
    }

    /// The status of a unit with these reasons: needs-review when there is any.
    pub fn status(reasons: &[Reason]) -> Status {
        if reasons.is_empty() {
            Status::Ok
        } else {
            Status::NeedsReview
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confident_unit_with_only_unaligned_and_name_flags_is_ok() {
        let policy = ReviewPolicy::default();
        let reasons = policy.reasons(false, 0.95, &[Flag::Unaligned, Flag::NameMismatch]);
        assert_eq!(reasons, Vec::<Reason>::new());
        assert_eq!(ReviewPolicy::status(&reasons), Status::Ok);
    }

    #[test]
    fn number_length_and_pivot_flags_send_a_unit_to_review() {
        let policy = ReviewPolicy::default();
        for flag in [
            Flag::NumberMismatch,
            Flag::LengthOutlier,
            Flag::PivotDisagreement,
        ] {
            let reasons = policy.reasons(false, 1.0, &[flag, Flag::Unaligned, flag]);
            assert_eq!(reasons, vec![Reason::Flagged(flag)], "{flag:?}");
            assert_eq!(ReviewPolicy::status(&reasons), Status::NeedsReview);
        }
    }

    #[test]
    fn low_confidence_and_a_doubtful_article_are_both_reported() {
        let policy = ReviewPolicy::default();
        assert_eq!(
            policy.reasons(true, 0.89, &[Flag::NumberMismatch]),
            vec![
                Reason::DoubtfulArticle,
                Reason::LowConfidence,
                Reason::Flagged(Flag::NumberMismatch)
            ]
        );
        assert_eq!(policy.reasons(false, 0.9, &[]), Vec::<Reason>::new());
    }

    #[test]
    fn a_finer_pair_unit_is_judged_without_its_flags() {
        let policy = ReviewPolicy::default();
        assert_eq!(policy.pair_reasons(false, 0.95), Vec::<Reason>::new());
        assert_eq!(policy.pair_reasons(false, 0.5), vec![Reason::LowConfidence]);
        assert_eq!(
            policy.pair_reasons(true, 1.0),
            vec![Reason::DoubtfulArticle]
        );
    }
}
