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

use crate::align::{Flag, REVIEW_THRESHOLD};
use crate::unit::Status;

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
