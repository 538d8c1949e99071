//! Gzip-compressed archives (`.jsonl.gz`, `.ndjson.gz`, or any file with the gzip magic
//! bytes), decompressed in memory with `flate2`. A stream cut short keeps what decoded.

use std::io::{ErrorKind, Read};

use flate2::read::MultiGzDecoder;

/// The problem of a stream that went wrong after `data` decoded: at the line after it.
pub(crate) fn problem_after(file: &str, data: &[u8], reason: String) -> super::Problem {
    let line = 1 + memchr::memchr_iter(b'\n', data).count();
    super::Problem::at(file, line, reason)
}

/// True when `bytes` start with the gzip magic number.
pub(crate) fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// How many times its compressed size a gzip file may grow to (news text grows 2 to 10
/// times); past that, plus [`INFLATE_FLOOR`], it is taken for a bomb and read no further.
const INFLATE_RATIO: u64 = 40;
/// What any gzip file may grow to, whatever its compressed size.
const INFLATE_FLOOR: u64 = 16 << 20;

/// Decompresses every gzip member in `bytes`, up to 40 times their size (plus 16 MiB: a
/// 4 MB bomb costs 176 MB and a fraction of a second, not gigabytes). On a truncated,
/// corrupt or endless stream it returns the complete lines decoded before the damage (or
/// the bound) and a reason to report; the partial last line is dropped so that it is not
/// reported a second time as a bad record.
pub(crate) fn gunzip(bytes: &[u8]) -> (Vec<u8>, Option<String>) {
    let bound = (bytes.len() as u64).saturating_mul(INFLATE_RATIO) + INFLATE_FLOOR;
    gunzip_within(bytes, bound)
}

/// [`gunzip`] with the bound given.
fn gunzip_within(bytes: &[u8], bound: u64) -> (Vec<u8>, Option<String>) {
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(bound as usize));
    let result = MultiGzDecoder::new(bytes)
        .take(bound + 1)
        .read_to_end(&mut out);
    let cut = |out: &mut Vec<u8>| {
        let keep = memchr::memrchr(b'\n', out).map_or(0, |i| i + 1);
        out.truncate(keep);
    };
    let e = match result {
        Ok(_) if out.len() as u64 > bound => {
            cut(&mut out);
            let reason = format!(
                "gzip stream grows past {} MB, {INFLATE_RATIO} times its size (a gzip bomb?): \
                 read no further",
                bound / 1_000_000
            );
            return (out, Some(reason));
        }
        Ok(_) => return (out, None),
        Err(e) => e,
    };
    cut(&mut out);
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
    fn a_bomb_stops_at_the_bound_keeping_whole_lines() {
        // 64 MB of one repeated line compresses to about 64 KB: a 1000-fold bomb.
        let line = b"{\"title\":\"x\"}\n";
        let mut e = GzEncoder::new(Vec::new(), Compression::best());
        for _ in 0..(64 << 20) / line.len() {
            e.write_all(line).unwrap();
        }
        let bomb = e.finish().unwrap();
        let (out, reason) = gunzip_within(&bomb, 1 << 20);
        assert!(out.len() <= 1 << 20 && out.len() > (1 << 20) - line.len());
        assert!(out.ends_with(b"\n"));
        assert!(reason.unwrap().contains("gzip bomb"));
        let (out, reason) = gunzip(&bomb);
        assert_eq!(out.len() as u64 % line.len() as u64, 0);
        assert!((out.len() as u64) < bomb.len() as u64 * INFLATE_RATIO + INFLATE_FLOOR);
        assert!(reason.is_some());
        // Within the bound, all of it.
        assert_eq!(gunzip_within(&gz(b"a\nb\n"), 4), (b"a\nb\n".to_vec(), None));
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
