//! How long a body is, in bytes of UTF-8 (most of it 3-byte Chinese characters).
//!
//! A mixture, so that both the bulk and the tail look like scraped news:
//! - with probability 999/1000, **log-normal** with median 880 B and σ = 0.9 (mean ≈ 1.32 KB;
//!   half of all bodies between 480 B and 1.6 KB, 1 in 100 past 7.1 KB);
//! - with probability 1/1000, a **Pareto** tail: x_m = 16 KiB, α = 1.2, capped at 8 MiB — so
//!   1 body in 9,000 is past 100 KB and about 7 in a million past 1 MB (the multi-megabyte
//!   live-blog or full-report pages real archives hold).
//!
//! Drawn lengths average about 1.4 KB; a body ends at the first sentence end past its drawn
//! length, so written bodies average about 1.5 KB. Every body has at least [`MIN_BYTES`]. The
//! maths runs on `libm` (software, bit-for-bit the same on every machine), so a seed gives the
//! same lengths everywhere.

use super::random::Rng;

/// Median of the log-normal bulk, in bytes.
pub(crate) const MEDIAN_BYTES: f64 = 880.0;
/// σ of the log-normal bulk (of the natural log of the length).
pub(crate) const SIGMA: f64 = 0.9;
/// One body in this many comes from the Pareto tail.
pub(crate) const TAIL_ONE_IN: u32 = 1000;
/// Where the Pareto tail starts, in bytes.
pub(crate) const TAIL_START_BYTES: f64 = 16.0 * 1024.0;
/// The Pareto tail's shape: smaller is heavier.
pub(crate) const TAIL_ALPHA: f64 = 1.2;
/// No body is longer than this.
pub(crate) const MAX_BYTES: usize = 8 << 20;
/// No body is shorter than this (one short sentence).
pub(crate) const MIN_BYTES: usize = 60;

/// Draws a body length in bytes.
pub(crate) fn body_bytes(rng: &mut Rng) -> usize {
    if rng.below(TAIL_ONE_IN) == 0 {
        tail_bytes(rng)
    } else {
        bulk_bytes(rng)
    }
}

/// A length from the log-normal bulk.
fn bulk_bytes(rng: &mut Rng) -> usize {
    let bytes = MEDIAN_BYTES * libm::exp(SIGMA * standard_normal(rng));
    (bytes as usize).clamp(MIN_BYTES, MAX_BYTES)
}

/// A length from the Pareto tail, by its inverse CDF: x_m · U^(−1/α).
fn tail_bytes(rng: &mut Rng) -> usize {
    let bytes = TAIL_START_BYTES * libm::pow(rng.unit(), -1.0 / TAIL_ALPHA);
    (bytes as usize).clamp(MIN_BYTES, MAX_BYTES)
}

/// A standard normal deviate (Box–Muller, one of the pair).
fn standard_normal(rng: &mut Rng) -> f64 {
    let radius = libm::sqrt(-2.0 * libm::log(rng.unit()));
    let angle = 2.0 * std::f64::consts::PI * rng.unit();
    radius * libm::cos(angle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_is_about_one_and_a_half_kilobytes_and_some_pass_100_kb() {
        let mut rng = Rng::new(3);
        let n = 200_000;
        let mut lengths: Vec<usize> = (0..n).map(|_| body_bytes(&mut rng)).collect();
        let mean = lengths.iter().sum::<usize>() as f64 / n as f64;
        assert!((1200.0..=1800.0).contains(&mean), "mean {mean}");
        lengths.sort_unstable();
        let median = lengths[n / 2] as f64;
        assert!((820.0..=940.0).contains(&median), "median {median}");
        assert!(lengths[0] >= MIN_BYTES && lengths[n - 1] <= MAX_BYTES);
        // Expected: 200,000 × 1/1000 × (16 KiB / 100 KB)^1.2 ≈ 23.
        let past_100k = lengths.iter().filter(|&&l| l > 100_000).count();
        assert!((8..=45).contains(&past_100k), "{past_100k} past 100 KB");
    }

    #[test]
    fn the_tail_reaches_past_a_megabyte() {
        let mut rng = Rng::new(5);
        let tail: Vec<usize> = (0..20_000).map(|_| tail_bytes(&mut rng)).collect();
        // Expected: 20,000 × (16 KiB / 1 MB)^1.2 ≈ 145.
        let past_1m = tail.iter().filter(|&&l| l > 1_000_000).count();
        assert!((90..=200).contains(&past_1m), "{past_1m} past 1 MB");
        assert!(tail.iter().all(|&l| (16 * 1024..=MAX_BYTES).contains(&l)));
        assert!(tail.contains(&MAX_BYTES), "the cap is reached");
    }

    #[test]
    fn same_seed_same_lengths() {
        let draw = |seed| -> Vec<usize> {
            let mut rng = Rng::new(seed);
            (0..1000).map(|_| body_bytes(&mut rng)).collect()
        };
        assert_eq!(draw(9), draw(9));
        assert_ne!(draw(9), draw(10));
    }
}
