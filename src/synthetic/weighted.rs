//! Weighted choice in constant time: a table of 65,536 slots, each holding an item's index, with
//! as many slots per item as its share of the total weight (largest-remainder rounding; an item of
//! non-zero weight too rare for a slot takes one from the most common item). One 16-bit draw
//! picks an item.

/// A precomputed weighted choice among at most 65,536 items.
#[derive(Debug, Clone)]
pub(crate) struct WeightedTable {
    slots: Vec<u16>,
}

const SLOTS: usize = 1 << 16;

impl WeightedTable {
    /// A table choosing index `i` with probability close to `weights[i] / sum(weights)`.
    ///
    /// Panics when there are no items, more than 65,536, or when every weight is zero.
    pub(crate) fn new(weights: &[u64]) -> WeightedTable {
        assert!(
            !weights.is_empty() && weights.len() <= SLOTS,
            "1..=65536 items"
        );
        let total: u64 = weights.iter().sum();
        assert!(total > 0, "at least one item needs a weight");
        // Floor shares of the slots, then the leftover slots by largest remainder (ties by index,
        // so the table is the same everywhere).
        let mut counts: Vec<u64> = Vec::with_capacity(weights.len());
        let mut remainders: Vec<(u64, usize)> = Vec::with_capacity(weights.len());
        for (i, &w) in weights.iter().enumerate() {
            let exact = u128::from(w) * SLOTS as u128;
            counts.push((exact / u128::from(total)) as u64);
            remainders.push(((exact % u128::from(total)) as u64, i));
        }
        let left = SLOTS as u64 - counts.iter().sum::<u64>();
        remainders.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in remainders.iter().take(left as usize) {
            counts[i] += 1;
        }
        // An item too rare for a slot of its own takes one from the most common item.
        for i in 0..weights.len() {
            if weights[i] > 0 && counts[i] == 0 {
                let largest = (0..counts.len()).max_by_key(|&j| (counts[j], usize::MAX - j));
                counts[largest.expect("items")] -= 1;
                counts[i] = 1;
            }
        }
        let mut slots = Vec::with_capacity(SLOTS);
        for (i, &n) in counts.iter().enumerate() {
            slots.extend(std::iter::repeat_n(i as u16, n as usize));
        }
        debug_assert_eq!(slots.len(), SLOTS);
        WeightedTable { slots }
    }

    /// The item that 32 random bits pick (only the top 16 are used).
    #[inline]
    pub(crate) fn pick(&self, bits: u32) -> usize {
        usize::from(self.slots[(bits >> 16) as usize])
    }

    /// How many of the 65,536 slots item `i` holds.
    #[cfg(test)]
    pub(crate) fn slots_of(&self, i: usize) -> usize {
        self.slots.iter().filter(|&&s| usize::from(s) == i).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_follow_the_weights() {
        let t = WeightedTable::new(&[1, 3, 0, 4]);
        assert_eq!(t.slots_of(0), SLOTS / 8);
        assert_eq!(t.slots_of(1), SLOTS * 3 / 8);
        assert_eq!(t.slots_of(2), 0);
        assert_eq!(t.slots_of(3), SLOTS / 2);
    }

    #[test]
    fn tiny_weights_keep_one_slot() {
        let mut weights = vec![1_000_000_000u64];
        weights.extend([1, 1, 1]);
        let t = WeightedTable::new(&weights);
        for i in 1..4 {
            assert_eq!(t.slots_of(i), 1);
        }
        assert_eq!(t.slots_of(0), SLOTS - 3);
    }

    #[test]
    fn pick_covers_the_range() {
        let t = WeightedTable::new(&[1, 1]);
        assert_eq!(t.pick(0), 0);
        assert_eq!(t.pick(u32::MAX), 1);
    }

    #[test]
    #[should_panic(expected = "weight")]
    fn all_zero_weights_panic() {
        WeightedTable::new(&[0, 0]);
    }
}
