//! How long a body is, in bytes of UTF-8 (most of it 3-byte Chinese characters).
//!
//! A mixture, so that both the bulk and the tail look like scraped news:
//! - with probability 999/1000, **log-normal** with median 960 B and σ = 0.9 (mean ≈ 1.44 KB;
//!   half of all bodies between 520 B and 1.8 KB, 1 in 100 past 7.8 KB);
//! - with probability 1/1000, a **Pareto** tail: x_m = 16 KiB, α = 1.2, capped at 8 MiB — so
//!   1 body in 9,000 is past 100 KB and about 7 in a million past 1 MB (the multi-megabyte
//!   live-blog or full-report pages real archives hold).
//!
//! The overall mean is about 1.5 KB. Every body has at least [`MIN_BYTES`]. The maths runs on
//! `libm` (software, bit-for-bit the same on every machine), so a seed gives the same lengths
//! everywhere.

use super::random::Rng;

/// Median of the log-normal bulk, in bytes.
pub const MEDIAN_BYTES: f64 = 960.0;
/// σ of the log-normal bulk (of the natural log of the length).
pub const SIGMA: f64 = 0.9;
/// One body in this many comes from the Pareto tail.
pub const TAIL_ONE_IN: u32 = 1000;
/// Where the Pareto tail starts, in bytes.
pub const TAIL_START_BYTES: f64 = 16.0 * 1024.0;
/// The Pareto tail's shape: smaller is heavier.
pub const TAIL_ALPHA: f64 = 1.2;
/// No body is longer than this.
pub const MAX_BYTES: usize = 8 << 20;
/// No body is shorter than this (one short sentence).
pub const MIN_BYTES: usize = 60;

/// Draws a body length in bytes.
pub fn body_bytes(rng: &mut Rng) -> usize {
    let bytes = if rng.below(TAIL_ONE_IN) == 0 {
        // Inverse CDF of Pareto: x_m · U^(−1/α).
        TAIL_START_BYTES * libm::pow(rng.unit(), -1.0 / TAIL_ALPHA)
    } else {
        MEDIAN_BYTES * libm::exp(SIGMA * standard_normal(rng))
    };
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
    fn mean_is_about_one_and_a_half_kilobytes() {
        let mut rng = Rng::new(3);
        let n = 400_000;
        let lengths: Vec<usize> = (0..n).map(|_| body_bytes(&mut rng)).collect();
        let mean = lengths.iter().sum::<usize>() as f64 / n as f64;
        assert!((1200.0..=1800.0).contains(&mean), "mean {mean}");
        let mut sorted = lengths.clone();
        sorted.sort_unstable();
        let median = sorted[n / 2] as f64;
        assert!((900.0..=1020.0).contains(&median), "median {median}");
        assert!(sorted[0] >= MIN_BYTES && sorted[n - 1] <= MAX_BYTES);
    }

    #[test]
    fn the_tail_reaches_past_a_megabyte() {
        let mut rng = Rng::new(5);
        let lengths: Vec<usize> = (0..1_000_000).map(|_| body_bytes(&mut rng)).collect();
        let past_100k = lengths.iter().filter(|&&l| l > 100_000).count();
        let past_1m = lengths.iter().filter(|&&l| l > 1_000_000).count();
        // Expected: about 111 past 100 KB and about 7 past 1 MB.
        assert!((60..=180).contains(&past_100k), "{past_100k} past 100 KB");
        assert!(past_1m >= 1, "none past 1 MB");
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
