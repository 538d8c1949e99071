//! A writer that counts the bytes passing through it.

use std::io::{self, Write};

/// Wraps a writer and counts what is written to it.
#[derive(Debug)]
pub(super) struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Counting<W> {
    /// Starts counting at zero.
    pub(super) fn new(inner: W) -> Self {
        Counting { inner, bytes: 0 }
    }

    /// Bytes written so far.
    pub(super) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// The wrapped writer.
    pub(super) fn into_inner(self) -> W {
        self.inner
    }
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_byte() {
        let mut c = Counting::new(Vec::new());
        c.write_all(b"abc").unwrap();
        c.write_all("中".as_bytes()).unwrap();
        assert_eq!(c.bytes(), 6);
        assert_eq!(c.into_inner().len(), 6);
    }
}
