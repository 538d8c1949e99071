//! Gzip-compressed archives (`.jsonl.gz`, `.ndjson.gz`, or any file with the gzip magic
//! bytes), decompressed in memory with `flate2`. A stream cut short keeps what decoded.

use std::io::{ErrorKind, Read};

use flate2::read::MultiGzDecoder;

/// The problem of a stream that went wrong after `data` decoded: at the line after it.
pub fn problem_after(file: &str, data: &[u8], reason: String) -> super::Problem {
    let line = 1 + memchr::memchr_iter(b'\n', data).count();
    super::Problem::at(file, line, reason)
}

/// True when `bytes` start with the gzip magic number.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// Decompresses every gzip member in `bytes`. On a truncated or corrupt stream it returns
/// the complete lines decoded before the damage and a reason to report; the partial last
/// line is dropped so that it is not reported a second time as a bad record.
pub fn gunzip(bytes: &[u8]) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4));
    let Err(e) = MultiGzDecoder::new(bytes).read_to_end(&mut out) else {
        return (out, None);
    };
    let keep = memchr::memrchr(b'\n', &out).map_or(0, |i| i + 1);
    out.truncate(keep);
    let reason = match e.kind() {
        ErrorKind::UnexpectedEof => "gzip stream is truncated".to_string(),
        _ => format!("gzip stream is corrupt: {}", super::short_io_error(&e)),
    };
    (out, Some(reason))
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::Compression;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn whole_and_multi_member_streams() {
        let mut both = gz(b"a\n");
        both.extend(gz(b"b\n"));
        assert!(is_gzip(&both));
        assert_eq!(gunzip(&both), (b"a\nb\n".to_vec(), None));
    }

    #[test]
    fn truncated_stream_keeps_whole_lines() {
        let data: Vec<u8> = (0..2000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let full = gz(&data);
        let (kept, reason) = gunzip(&full[..full.len() / 2]);
        assert_eq!(reason.as_deref(), Some("gzip stream is truncated"));
        assert!(!kept.is_empty() && kept.ends_with(b"\n"));
        assert!(data.starts_with(&kept));
    }

    #[test]
    fn corrupt_stream_is_reported() {
        let mut bad = gz(b"hello\n");
        bad[10] ^= 0xff;
        let (_, reason) = gunzip(&bad);
        assert!(reason.unwrap().starts_with("gzip stream is"));
    }
}
