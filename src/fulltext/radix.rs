//! The build's sort of its (gram, article) pairs — tens of millions of `u64`s a chunk — by
//! the bits above a given one, stable (pairs of one gram keep their order: article by article,
//! as they were made, so no pass is spent on the article's bits).
//!
//! A byte-at-a-time radix sort, as `radsort` sorts, but most-significant byte first down to
//! pieces that fit the processor's cache, then least-significant first within each: a sort of
//! least-significant bytes only scatters every pair over the whole buffer once a byte (five
//! passes for Chinese pairs), and those scattered writes missing the cache were a quarter of
//! the build. Two scattering passes over the whole buffer are left; the rest work in cache.
//! The second buffer is the caller's, kept from chunk to chunk: made afresh for every chunk
//! (as `radsort` makes it), its pages were a fifth of the build, in the kernel.

/// Pieces of at most this many values are sorted least-significant byte first: 256 KiB,
/// within a core's second-level cache.
const IN_CACHE: usize = 1 << 15;

/// Sorts `values` by their bits from `from` up (the lower ones keep the order they are in),
/// with `spare` as the second buffer (resized to fit).
pub(super) fn sort_from_bit(values: &mut [u64], spare: &mut Vec<u64>, from: u32) {
    // Grown, never cleared: its old values are scratch.
    if spare.len() < values.len() {
        spare.resize(values.len(), 0);
    }
    let digit = |v: u64, d: usize| ((v >> (from as usize + 8 * d)) & 0xFF) as usize;
    // The highest byte in which some values differ, from one pass.
    let first = values.first().copied().unwrap_or(0);
    let differ = values.iter().fold(0, |acc, &v| acc | (v ^ first)) >> from;
    if differ == 0 {
        return;
    }
    let top = (63 - differ.leading_zeros() as usize) / 8;
    sort_down(values, &mut spare[..values.len()], top, false, &digit);
}

/// Sorts `a` by digits `d` down to 0, the result left in `b` when `into_b`, else in `a`
/// (either way the other one is scratch).
fn sort_down(
    a: &mut [u64],
    b: &mut [u64],
    d: usize,
    into_b: bool,
    digit: &impl Fn(u64, usize) -> usize,
) {
    if a.len() <= IN_CACHE || d == 0 {
        sort_up(a, b, d, into_b, digit);
        return;
    }
    let counts = count(a, |v| digit(v, d));
    if counts.contains(&a.len()) {
        // One value of this digit: nothing to scatter.
        sort_down(a, b, d - 1, into_b, digit);
        return;
    }
    scatter(a, b, &counts, |v| digit(v, d));
    let mut at = 0;
    for &n in counts.iter().filter(|&&n| n > 0) {
        let range = at..at + n;
        sort_down(&mut b[range.clone()], &mut a[range], d - 1, !into_b, digit);
        at += n;
    }
}

/// Sorts `a` by digits `d` down to 0, least-significant first, each pass skipped when every
/// value has the same digit there; the result in `b` when `into_b`, else in `a`.
fn sort_up(
    a: &mut [u64],
    b: &mut [u64],
    d: usize,
    into_b: bool,
    digit: &impl Fn(u64, usize) -> usize,
) {
    // Every digit's counts in one pass.
    let mut counts = [[0usize; 256]; 8];
    for &v in a.iter() {
        for (pass, count) in counts[..=d].iter_mut().enumerate() {
            count[digit(v, pass)] += 1;
        }
    }
    let (mut from, mut to) = (a, b);
    let mut in_b = false;
    for (pass, counts) in counts[..=d].iter().enumerate() {
        if counts.contains(&from.len()) {
            continue;
        }
        scatter(from, to, counts, |v| digit(v, pass));
        std::mem::swap(&mut from, &mut to);
        in_b = !in_b;
    }
    if in_b != into_b {
        to.copy_from_slice(from);
    }
}

/// How many of `values` have each value of `digit`.
fn count(values: &[u64], digit: impl Fn(u64) -> usize) -> [usize; 256] {
    let mut counts = [0usize; 256];
    for &v in values {
        counts[digit(v)] += 1;
    }
    counts
}

/// Moves `from` into `to` ordered by `digit` (whose `counts` are given), keeping the order of
/// values with the same digit.
fn scatter(from: &[u64], to: &mut [u64], counts: &[usize; 256], digit: impl Fn(u64) -> usize) {
    let mut at = [0usize; 256];
    let mut sum = 0;
    for (at, &c) in at.iter_mut().zip(counts) {
        *at = sum;
        sum += c;
    }
    for &v in from {
        let d = digit(v);
        to[at[d]] = v;
        at[d] += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// A stable sort by the bits from `from` up, whatever the values (digits alike or
        /// not, pieces above and below the cache's size) and however often the second buffer
        /// is reused.
        #[test]
        fn a_stable_sort_by_the_high_bits(
            runs in prop::collection::vec(
                (
                    prop::collection::vec(
                        (prop_oneof![0u64..4, 0u64..1 << 42, (1u64 << 32)..(1 << 32) + 600], 0u64..1 << 16),
                        0..300,
                    ),
                    0usize..3,
                ),
                1..4,
            ),
            from in prop_oneof![Just(16u32), Just(0u32)],
        ) {
            let mut spare = Vec::new();
            for (run, times) in runs {
                // Repeated past the cache's size, for the most-significant-first passes.
                let mut values: Vec<u64> = run
                    .iter()
                    .cycle()
                    .take(run.len() * (1 + times * (IN_CACHE / 100)))
                    .enumerate()
                    .map(|(i, &(k, low))| if from == 0 { k << 16 | low } else { k << 16 | (i as u64 & 0xFFFF) })
                    .collect();
                let mut want = values.clone();
                want.sort_by_key(|&v| v >> from);
                sort_from_bit(&mut values, &mut spare, from);
                prop_assert!(values == want);
            }
        }
    }
}
