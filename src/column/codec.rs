//! Writing columns and small values into one buffer ([`Encoder`]) and reading them back
//! ([`Decoder`]) as views of the shared bytes holding that buffer — the index cache's chunk
//! records. Every column starts 16-aligned (relative to the buffer, which the cache places
//! 16-aligned in its file), so a view needs no copy. Reading checks every length and bound:
//! bad bytes give `None`, never a panic. A [`Section`] is such a buffer in a mapped file whose
//! checksum is checked when it is first used, not when the file is read.
//!
//! A buffer may be marked [checked before](Decoder::checked_before): an earlier run of juan
//! checked this very file whole, and the file has not changed since (the cache's stamp says
//! so). Its checksum is then not computed again, and decoders skip the soundness checks that
//! read every value (a scan of gigabytes at ten million articles), keeping those that cost
//! nothing: lengths and bounds of the columns themselves.

use bytemuck::Pod;

use super::Column;
use crate::article::SharedBytes;

/// Alignment of every column in an encoded buffer.
pub(crate) const ALIGN: usize = 16;

/// An encoded buffer lying in a mapped file, checked on first use rather than when the file
/// is read: where it lies, and the XXH3 it must have.
#[derive(Clone)]
pub(crate) struct Section {
    /// The mapped file.
    pub(crate) bytes: SharedBytes,
    /// Where in it the buffer lies (16-aligned).
    pub(crate) range: std::ops::Range<usize>,
    /// The XXH3 of those bytes.
    pub(crate) checksum: u64,
    /// Checked whole by an earlier run, in this very file ([`Decoder::checked_before`]).
    pub(crate) checked_before: bool,
}

impl Section {
    /// A section of `bytes[range]` that must hash to `checksum`.
    pub(crate) fn new(bytes: SharedBytes, range: std::ops::Range<usize>, checksum: u64) -> Section {
        Section {
            bytes,
            range,
            checksum,
            checked_before: false,
        }
    }

    /// The same section, marked as checked whole by an earlier run when `before` says so.
    pub(crate) fn checked_before(self, before: bool) -> Section {
        Section {
            checked_before: before,
            ..self
        }
    }

    /// True when the bytes are there and have their checksum (this reads them all), or were
    /// checked before.
    pub(crate) fn checks_out(&self) -> bool {
        let bytes: &[u8] = self.bytes.as_ref().as_ref();
        bytes
            .get(self.range.clone())
            .is_some_and(|b| self.checked_before || xxhash_rust::xxh3::xxh3_64(b) == self.checksum)
    }

    /// A decoder of the buffer, whether or not it checks out.
    pub(crate) fn decoder(&self) -> Decoder<'_> {
        Decoder::new(&self.bytes, self.range.clone()).checked_before(self.checked_before)
    }
}

impl std::fmt::Debug for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Section")
            .field("range", &self.range)
            .field("checksum", &self.checksum)
            .field("checked_before", &self.checked_before)
            .finish_non_exhaustive()
    }
}

/// Builds an encoded buffer.
#[derive(Debug, Default)]
pub(crate) struct Encoder {
    out: Vec<u8>,
}

impl Encoder {
    /// An empty buffer.
    pub(crate) fn new() -> Encoder {
        Encoder::default()
    }

    /// A `u64`, little-endian.
    pub(crate) fn u64(&mut self, v: u64) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    /// A length-prefixed UTF-8 string.
    pub(crate) fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.out.extend_from_slice(s.as_bytes());
    }

    /// A column: its element count, padding to [`ALIGN`], its bytes.
    pub(crate) fn column<T: Pod>(&mut self, values: &[T]) {
        self.u64(values.len() as u64);
        self.pad();
        self.out.extend_from_slice(bytemuck::cast_slice(values));
    }

    /// Zeros up to the next multiple of [`ALIGN`].
    pub(crate) fn pad(&mut self) {
        self.out.resize(self.out.len().next_multiple_of(ALIGN), 0);
    }

    /// The buffer, padded to a multiple of [`ALIGN`].
    pub(crate) fn finish(mut self) -> Vec<u8> {
        self.pad();
        self.out
    }
}

/// Reads an encoded buffer lying in `bytes[start..end]`.
pub(crate) struct Decoder<'a> {
    bytes: &'a SharedBytes,
    data: &'a [u8],
    start: usize,
    at: usize,
    end: usize,
    /// Checked whole by an earlier run ([`Decoder::is_checked_before`]).
    checked_before: bool,
}

impl<'a> Decoder<'a> {
    /// A reader of `bytes[range]`, whose start must be [`ALIGN`]-aligned in memory for
    /// columns to be read.
    pub(crate) fn new(bytes: &'a SharedBytes, range: std::ops::Range<usize>) -> Decoder<'a> {
        let data: &[u8] = bytes.as_ref().as_ref();
        let end = range.end.min(data.len());
        let start = range.start.min(end);
        Decoder {
            bytes,
            data,
            start,
            at: start,
            end,
            checked_before: false,
        }
    }

    /// The same reader, of bytes an earlier run of juan checked whole in this very file when
    /// `before` says so.
    pub(crate) fn checked_before(self, before: bool) -> Decoder<'a> {
        Decoder {
            checked_before: before,
            ..self
        }
    }

    /// True when an earlier run of juan checked these bytes whole, in this very file, and the
    /// file has not changed since: soundness checks that read every value may be skipped.
    pub(crate) fn is_checked_before(&self) -> bool {
        self.checked_before
    }

    /// True when everything was read (but padding).
    pub(crate) fn is_done(&self) -> bool {
        self.end - self.at < ALIGN && self.data[self.at..self.end].iter().all(|b| *b == 0)
    }

    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.end)?;
        let out = &self.data[self.at..end];
        self.at = end;
        Some(out)
    }

    /// A `u64`.
    pub(crate) fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    /// A count or length that must fit in memory.
    pub(crate) fn count(&mut self) -> Option<usize> {
        usize::try_from(self.u64()?).ok().filter(|n| *n <= self.end)
    }

    /// A length-prefixed UTF-8 string.
    pub(crate) fn str(&mut self) -> Option<&'a str> {
        let n = self.count()?;
        std::str::from_utf8(self.take(n)?).ok()
    }

    /// A column, as a view of the shared bytes.
    pub(crate) fn column<T: Pod>(&mut self) -> Option<Column<T>> {
        let n = self.count()?;
        let from = self.start + (self.at - self.start).next_multiple_of(ALIGN);
        self.at = from.min(self.end);
        let bytes = n.checked_mul(std::mem::size_of::<T>())?;
        self.take(bytes)?;
        Column::view(self.bytes, from..from + bytes)
    }
}

/// A copy of `bytes` in shared memory, 16-aligned as a mapped cache file's chunks are (a
/// `Vec<u128>`'s buffer): for tests of decoding.
#[cfg(test)]
pub(crate) fn aligned(bytes: &[u8]) -> SharedBytes {
    struct Aligned(Vec<u128>, usize);
    impl AsRef<[u8]> for Aligned {
        fn as_ref(&self) -> &[u8] {
            &bytemuck::cast_slice(&self.0)[..self.1]
        }
    }
    impl crate::article::Stored for Aligned {}
    let mut words = vec![0u128; bytes.len().div_ceil(16)];
    bytemuck::cast_slice_mut::<u128, u8>(&mut words)[..bytes.len()].copy_from_slice(bytes);
    std::sync::Arc::new(Aligned(words, bytes.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_columns_read_back() {
        let mut e = Encoder::new();
        e.str("长春");
        e.column(&[1u32, 2, 3]);
        e.u64(7);
        e.column(&[u128::MAX]);
        e.column::<u16>(&[]);
        let buf = e.finish();
        assert_eq!(buf.len() % ALIGN, 0);
        let shared = aligned(&buf);
        let mut d = Decoder::new(&shared, 0..buf.len());
        assert_eq!(d.str(), Some("长春"));
        assert_eq!(&d.column::<u32>().unwrap()[..], [1, 2, 3]);
        assert_eq!(d.u64(), Some(7));
        assert_eq!(&d.column::<u128>().unwrap()[..], [u128::MAX]);
        assert!(d.column::<u16>().unwrap().is_empty());
        assert!(d.is_done());
    }

    #[test]
    fn short_or_bad_buffers_give_none() {
        let mut e = Encoder::new();
        e.column(&[1u64, 2]);
        let buf = e.finish();
        let shared = aligned(&buf);
        for cut in 0..buf.len() {
            assert!(
                Decoder::new(&shared, 0..cut).column::<u64>().is_none(),
                "{cut}"
            );
        }
        let mut huge = Encoder::new();
        huge.u64(u64::MAX);
        let buf = huge.finish();
        let shared = aligned(&buf);
        assert!(Decoder::new(&shared, 0..buf.len()).str().is_none());
    }
}
