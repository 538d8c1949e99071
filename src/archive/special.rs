//! Reading what is not a regular file — stdin, a FIFO, a device — once, as a stream, and
//! within a bound: such an input may never end (`/dev/zero`, `yes | juan -`), so it is read
//! in pieces and stopped, with a clear reason, when it shows itself not to be text (NUL bytes
//! at its start) or grows past [`max_stream_bytes`]. What was read before the stop (whole
//! lines) still loads.

use std::io::Read;

/// How much of a stream's start is looked at for NUL bytes (a text archive has none).
const SNIFF_BYTES: usize = 64 << 10;

/// Streams are read this much at a time.
const PIECE: usize = 1 << 20;

/// The most a stream is read (`JUAN_MAX_STREAM_MB`, default 2048 MB): a stream is held in
/// memory whole, so this bounds what an endless one costs.
pub(super) fn max_stream_bytes() -> u64 {
    std::env::var("JUAN_MAX_STREAM_MB")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or(2048 << 20, |mb| mb.saturating_mul(1 << 20))
}

/// Reads `input` to its end, or until it proves not to be text or passes `bound` bytes:
/// the bytes read (cut after their last line break when stopped) and why it was stopped.
pub(super) fn read_bounded(
    mut input: impl Read,
    bound: u64,
) -> std::io::Result<(Vec<u8>, Option<String>)> {
    let mut bytes = Vec::new();
    let mut sniffed = false;
    loop {
        let before = bytes.len();
        let room = bound
            .saturating_add(1)
            .saturating_sub(before as u64)
            .min(PIECE as u64);
        let n = input.by_ref().take(room).read_to_end(&mut bytes)?;
        if !sniffed && (bytes.len() >= SNIFF_BYTES || n == 0) {
            sniffed = true;
            if memchr::memchr(0, &bytes[..bytes.len().min(SNIFF_BYTES)]).is_some() {
                bytes.clear();
                return Ok((
                    bytes,
                    Some("binary data (NUL bytes), not an archive: not read further".into()),
                ));
            }
        }
        if n == 0 {
            return Ok((bytes, None));
        }
        if bytes.len() as u64 > bound {
            let keep = memchr::memrchr(b'\n', &bytes).map_or(0, |i| i + 1);
            bytes.truncate(keep);
            let reason = format!(
                "stopped after {} MB: a stream is read whole, and this one is longer than \
                 juan reads (JUAN_MAX_STREAM_MB raises it)",
                bound >> 20
            );
            return Ok((bytes, Some(reason)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_stream_of_zeros_stops_at_once() {
        let (bytes, reason) = read_bounded(std::io::repeat(0), u64::MAX).unwrap();
        assert!(bytes.is_empty());
        assert!(reason.unwrap().contains("binary"));
    }

    #[test]
    fn an_endless_stream_of_text_stops_at_the_bound_after_a_whole_line() {
        let line = b"{\"title\":\"x\"}\n";
        let many = line.repeat(1 << 20);
        let endless = many.as_slice();
        let (bytes, reason) = read_bounded(endless, 3 << 20).unwrap();
        assert!(bytes.len() <= 3 << 20 && bytes.len() > (3 << 20) - line.len());
        assert!(bytes.ends_with(b"\n"));
        assert!(reason.unwrap().contains("JUAN_MAX_STREAM_MB"));
    }

    #[test]
    fn a_stream_within_the_bound_is_read_whole() {
        let text = "{\"title\":\"标题\"}\n".repeat(10_000);
        let (bytes, reason) = read_bounded(text.as_bytes(), 1 << 30).unwrap();
        assert_eq!((bytes.as_slice(), reason), (text.as_bytes(), None));
        let (bytes, reason) = read_bounded(&b""[..], 10).unwrap();
        assert_eq!((bytes.len(), reason), (0, None));
    }
}
