//! The pruned translation table: per word of one side, the words of the other side it translates to
//! with probability at least a floor, at most `top_k` of them. Its size grows with the vocabulary
//! (at most `top_k` entries a word), that is at most linearly with the text, never with the number
//! of co-occurring word pairs.
//!
//! Rows are stored compressed (CSR): `offsets[row]..offsets[row + 1]` index `entries`, which are
//! sorted by column so that a lookup is a binary search in a row of at most `top_k`.

/// A pruned conditional probability table `p(column | row)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Table {
    pub(crate) offsets: Vec<u32>,
    pub(crate) entries: Vec<(u32, f32)>,
}

impl Table {
    /// Builds the table from one row of `(column, probability)` candidates at a time: keeps those
    /// at or above `floor`, the `top_k` most probable.
    pub(crate) fn from_rows(
        rows: impl IntoIterator<Item = Vec<(u32, f32)>>,
        floor: f32,
        top_k: usize,
    ) -> Table {
        let mut table = Table {
            offsets: vec![0],
            entries: Vec::new(),
        };
        for mut row in rows {
            row.retain(|&(_, p)| p >= floor);
            row.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            row.truncate(top_k);
            row.sort_by_key(|&(column, _)| column);
            table.entries.extend(row);
            table
                .offsets
                .push(u32::try_from(table.entries.len()).expect("fewer than 2^32 table entries"));
        }
        table
    }

    /// The number of rows.
    pub(crate) fn rows(&self) -> usize {
        self.offsets.len() - 1
    }

    /// The entries of `row` (empty past the last row).
    pub(crate) fn row(&self, row: u32) -> &[(u32, f32)] {
        let row = row as usize;
        match (self.offsets.get(row), self.offsets.get(row + 1)) {
            (Some(&start), Some(&end)) => &self.entries[start as usize..end as usize],
            _ => &[],
        }
    }

    /// `p(column | row)`, if kept.
    pub(crate) fn get(&self, row: u32, column: u32) -> Option<f32> {
        let entries = self.row(row);
        entries
            .binary_search_by_key(&column, |&(c, _)| c)
            .ok()
            .map(|i| entries[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_the_probable_columns_up_to_top_k() {
        let table = Table::from_rows(
            [
                vec![(5, 0.5), (2, 0.3), (9, 0.15), (1, 0.04), (3, 0.01)],
                vec![],
                vec![(0, 1.0)],
            ],
            0.05,
            2,
        );
        assert_eq!(table.rows(), 3);
        assert_eq!(table.row(0), &[(2, 0.3), (5, 0.5)]);
        assert_eq!(table.get(0, 5), Some(0.5));
        assert_eq!(table.get(0, 9), None);
        assert_eq!(table.get(1, 0), None);
        assert_eq!(table.get(2, 0), Some(1.0));
        assert_eq!(table.get(7, 0), None);
    }
}
