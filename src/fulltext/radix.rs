//! The build's sort of its (gram, article) pairs — tens of millions of `u64`s a chunk, 360 MB
//! for 65,536 articles of news — with a second buffer as big, or, in less memory, smaller.
//!
//! A byte-at-a-time radix sort, most-significant byte first: a part bigger than the buffer
//! (when that is smaller than the values: the interface's background build, where memory
//! counts more than time) is sorted in place by its byte (American flag sort: McIlroy,
//! Bostic and McIlroy, "Engineering radix sort", 1993), a smaller one scattered through the
//! buffer, down to pieces that fit the processor's cache, which are sorted least-significant
//! byte first.
//! A least-significant-first sort of the whole (as `radsort` sorts) needs a second buffer as
//! big as the pairs, 360 MB more of resident memory while the interface builds in the
//! background, and scatters every pair over it once a byte (five passes for Chinese pairs):
//! those writes, missing the cache, were a quarter of the build. Here two passes go over the
//! whole (one in place, with the smaller buffer); the rest work in cache. (In place all the
//! way down, the build took a third longer: each swap waits on the one before.)

/// Pieces of at most this many values are sorted least-significant byte first: 256 KiB,
/// within a core's second-level cache.
const IN_CACHE: usize = 1 << 15;

/// A sort and its second buffer, kept from chunk to chunk.
#[derive(Debug)]
pub(super) struct Sorter {
    /// Grown, never cleared: its old values are scratch.
    buffer: Vec<u64>,
    /// The buffer is grown to a `share`th of the values at most (or [`IN_CACHE`], when
    /// more); at least 1.
    share: usize,
}

impl Sorter {
    /// A sorter whose buffer grows to a `share`th of the values sorted at most: parts bigger
    /// than it are sorted in place, which takes longer (with a `share` of 8, the build took
    /// a sixth longer than with 1).
    pub(super) fn new(share: usize) -> Sorter {
        Sorter {
            buffer: Vec::new(),
            share: share.max(1),
        }
    }

    /// Sorts `values` ascending.
    ///
    /// Not stable, but a sort of whole values: where values are distinct (the build's
    /// pairs: a gram's articles are listed once each), or equal values need not be told apart
    /// (the rare pairs, deduplicated after), that is the order a stable sort by the high bits
    /// gives.
    pub(super) fn sort(&mut self, values: &mut [u64]) {
        sort(values, &mut self.buffer, self.share, 0);
    }

    /// Sorts `values` ascending, given that their `ordered` lowest bytes (fewer than 8)
    /// already ascend among values alike above them (the build's pairs, appended article by
    /// article): the passes over those bytes are skipped wherever the sort keeps order
    /// (everywhere, with a buffer as big as the values). For the pairs, that is two of the
    /// five passes each one goes through in cache, a third of the time spent there.
    pub(super) fn sort_above(&mut self, values: &mut [u64], ordered: usize) {
        debug_assert!(ordered < 8);
        sort(values, &mut self.buffer, self.share, ordered);
    }
}

/// [`Sorter::sort_above`], with `buffer` grown to a `share`th of `values` (`share` at least
/// 1).
fn sort(values: &mut [u64], buffer: &mut Vec<u64>, share: usize, ordered: usize) {
    // The highest byte in which some values differ, from one pass.
    let first = values.first().copied().unwrap_or(0);
    let differ = values.iter().fold(0, |acc, &v| acc | (v ^ first));
    if differ >> (8 * ordered) == 0 {
        return;
    }
    let top = (63 - differ.leading_zeros() as usize) / 8;
    let want = (values.len() / share).max(IN_CACHE).min(values.len());
    if buffer.len() < want {
        // Grown, never cleared: its old values are scratch.
        buffer.resize(want, 0);
    }
    sort_in_place(values, buffer, top, ordered);
}

/// The `d`th byte of `v`, from the least significant.
fn digit(v: u64, d: usize) -> usize {
    (v >> (8 * d) & 0xFF) as usize
}

/// Sorts `a` by bytes `d` down to `ordered` (the bytes below already ascending among values
/// alike above them): a part no bigger than `buffer` through it ([`sort_through`]); a bigger
/// one in place by byte `d` (each value swapped into its byte's part: American flag sort,
/// which loses the order below, so its parts are sorted down to byte 0), then each of its
/// parts the same way by the bytes below.
fn sort_in_place(a: &mut [u64], buffer: &mut [u64], d: usize, ordered: usize) {
    if a.len() <= buffer.len() {
        sort_through(a, &mut buffer[..a.len()], d, ordered, false);
        return;
    }
    if d == ordered {
        // Past the last byte of a part bigger than the buffer (many values alike): rare.
        a.sort_unstable();
        return;
    }
    let counts = count(a, |v| digit(v, d));
    let ordered = if counts.contains(&a.len()) {
        ordered
    } else {
        permute(a, &counts, |v| digit(v, d));
        0
    };
    let mut at = 0;
    for &n in counts.iter().filter(|&&n| n > 0) {
        sort_in_place(&mut a[at..at + n], buffer, d - 1, ordered);
        at += n;
    }
}

/// Sorts `a` by bytes `d` down to `ordered` (the bytes below already in order: each pass
/// here keeps it), the result left in `b` (as long as `a`) when `into_b`, else in `a`
/// (either way the other one is scratch): scattered into `b` by byte `d`, and each part back
/// the same way by the bytes below, down to parts that fit the cache.
fn sort_through(a: &mut [u64], b: &mut [u64], d: usize, ordered: usize, into_b: bool) {
    if a.len() <= IN_CACHE || d == ordered {
        sort_up(a, b, d, ordered, into_b);
        return;
    }
    let counts = count(a, |v| digit(v, d));
    if counts.contains(&a.len()) {
        // One value of this byte: nothing to scatter.
        sort_through(a, b, d - 1, ordered, into_b);
        return;
    }
    scatter(a, b, &counts, |v| digit(v, d));
    let mut at = 0;
    for &n in counts.iter().filter(|&&n| n > 0) {
        let range = at..at + n;
        sort_through(
            &mut b[range.clone()],
            &mut a[range],
            d - 1,
            ordered,
            !into_b,
        );
        at += n;
    }
}

/// Puts the values of `a` in the order of their `digit` (whose `counts` are given), in
/// place: each value out of its part is swapped into the next free slot of its own.
fn permute(a: &mut [u64], counts: &[usize; 256], digit: impl Fn(u64) -> usize) {
    let mut next = [0usize; 256];
    let mut end = [0usize; 256];
    let mut sum = 0;
    for k in 0..256 {
        next[k] = sum;
        sum += counts[k];
        end[k] = sum;
    }
    for part in 0..256 {
        while next[part] < end[part] {
            let mut v = a[next[part]];
            let mut home = digit(v);
            while home != part {
                std::mem::swap(&mut v, &mut a[next[home]]);
                next[home] += 1;
                home = digit(v);
            }
            a[next[part]] = v;
            next[part] += 1;
        }
    }
}

/// Sorts `a` by bytes `d` down to `ordered` (the bytes below already in order: each pass
/// keeps it), least-significant first through `b` (as long as `a`), each pass skipped when
/// every value has the same byte there; the result in `b` when `into_b`, else in `a`.
fn sort_up(a: &mut [u64], b: &mut [u64], d: usize, ordered: usize, into_b: bool) {
    // Every byte's counts in one pass.
    let mut counts = [[0usize; 256]; 8];
    for &v in a.iter() {
        for (pass, count) in counts.iter_mut().enumerate().take(d + 1).skip(ordered) {
            count[digit(v, pass)] += 1;
        }
    }
    let (mut from, mut to) = (a, b);
    let mut in_b = false;
    for (pass, counts) in counts.iter().enumerate().take(d + 1).skip(ordered) {
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
        /// Values ascending, whatever they are (bytes alike or not, many equal, parts bigger
        /// than the buffer, low bytes given in order or not), however often the buffer is
        /// reused.
        #[test]
        fn values_come_out_ascending(
            share in prop_oneof![Just(1usize), Just(8)],
            ordered in prop_oneof![Just(0usize), Just(2)],
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
        ) {
            let (mut buffer, mut most) = (Vec::new(), 0);
            for (run, times) in runs {
                // Repeated past the buffer's size, for the passes in place; with distinct
                // low bits or equal values.
                let distinct = times % 2 == 0;
                let mut values: Vec<u64> = run
                    .iter()
                    .cycle()
                    .take(run.len() * (1 + times * (IN_CACHE / 100)))
                    .enumerate()
                    .map(|(i, &(k, low))| k << 16 | if distinct { i as u64 & 0xFFFF } else { low })
                    .collect();
                let mut want = values.clone();
                want.sort_unstable();
                if ordered > 0 {
                    // The low bytes ascending among values alike above them, as the build's
                    // pairs are appended; the rest in no order.
                    values.sort_unstable();
                    values.sort_by_key(|&v| (v >> (8 * ordered)).wrapping_mul(0x9E37_79B9_7F4A_7C15));
                }
                sort(&mut values, &mut buffer, share, ordered);
                prop_assert!(values == want);
                // Grown no more than the biggest sort so far needed.
                most = most.max(IN_CACHE.max(values.len() / share));
                prop_assert!(buffer.len() <= most);
            }
        }
    }

    #[test]
    fn many_equal_values_past_the_last_byte() {
        let mut values: Vec<u64> = (0..IN_CACHE as u64 * 3)
            .map(|i| (i % 3) << 40 | 7)
            .collect();
        sort(&mut values, &mut Vec::new(), 8, 0);
        assert!(values.is_sorted());
    }
}
