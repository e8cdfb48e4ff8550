//! Precision, recall and F1 over counts, shared by every evaluation (boundaries, beads, text pairs).
//!
//! Predicted and gold items are counted apart, so that "lax" scores, where one predicted item can be
//! right for a gold item without being equal to it, have the same shape as strict ones.

/// Counts behind precision and recall.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Counts {
    /// Predicted beads judged right.
    pub right_predicted: usize,
    /// Predicted beads.
    pub predicted: usize,
    /// Gold beads found.
    pub found_gold: usize,
    /// Gold beads.
    pub gold: usize,
}

impl Counts {
    /// Counts one item that was `predicted`, is in the `gold`, or both (a boundary, say).
    pub fn count(&mut self, predicted: bool, gold: bool) {
        if predicted {
            self.predicted += 1;
            self.right_predicted += usize::from(gold);
        }
        if gold {
            self.gold += 1;
            self.found_gold += usize::from(predicted);
        }
    }

    /// Predicted items that are wrong.
    pub fn false_positive(&self) -> usize {
        self.predicted - self.right_predicted
    }

    /// Gold items not found.
    pub fn false_negative(&self) -> usize {
        self.gold - self.found_gold
    }

    /// Adds another document's counts.
    pub fn add(&mut self, other: &Counts) {
        self.right_predicted += other.right_predicted;
        self.predicted += other.predicted;
        self.found_gold += other.found_gold;
        self.gold += other.gold;
    }
    /// Precision in `0..=1`.
    pub fn precision(&self) -> f64 {
        ratio(self.right_predicted, self.predicted)
    }
    /// Recall in `0..=1`.
    pub fn recall(&self) -> f64 {
        ratio(self.found_gold, self.gold)
    }
    /// F1 in `0..=1`.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// `a / b`, or 1.0 when there is nothing to divide (no prediction is no wrong prediction).
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_items_give_precision_recall_and_f1() {
        let mut c = Counts::default();
        for (predicted, gold) in [(true, true), (true, true), (true, false), (false, true)] {
            c.count(predicted, gold);
        }
        assert_eq!(
            (c.right_predicted, c.predicted, c.found_gold, c.gold),
            (2, 3, 2, 3)
        );
        assert_eq!((c.false_positive(), c.false_negative()), (1, 1));
        assert!((c.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((c.f1() - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
