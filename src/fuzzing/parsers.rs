//! Fuzz targets for the archive parsers, all through the parse layer's entry for a file's
//! bytes, [`parse::load_bytes`], under the file names that route to each format (the
//! extension hints, the content decides when there is none), plus the path a memory-mapped
//! JSON Lines file takes: each line read back with [`parse::record_at`], its body left in
//! the bytes and decoded on demand.

use std::io::Write;
use std::sync::Arc;

use flate2::Compression;
use flate2::write::GzEncoder;

use super::checks;
use crate::article::SharedBytes;
use crate::parse::{self, Archive};

/// Loads `data` as a file named `name` and checks what came out.
fn load(name: &str, data: &[u8]) -> Archive {
    let mut out = Archive::default();
    parse::load_bytes(name, name, data, &mut out);
    checks::archive(name, &out);
    out
}

/// JSON Lines: read whole (stdin, a gzip member), and line by line as a mapped file is, each
/// record's body left in the bytes until it is read.
pub fn jsonl(data: &[u8]) {
    load("feed.jsonl", data);
    let shared: SharedBytes = Arc::new(data.to_vec());
    let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', data).map(|i| i + 1));
    for start in starts.filter(|&s| s < data.len()) {
        if let Some(article) = parse::record_at(&shared, start) {
            checks::article(&article);
        }
    }
}

/// JSON documents (an array, `{"articles": […]}`, one record), by extension and by content.
pub fn json(data: &[u8]) {
    load("feed.json", data);
    load("feed", data);
}

/// One-article files: a scraped text page, a Markdown article or digest, a saved HTML page.
pub fn pages(data: &[u8]) {
    load("20191001-01-02.txt", data);
    load("2019-10-01-guoqing.md", data);
    load("page.html", data);
}

/// Sogou corpus files (`<doc>` records), by extension; content starting with `<doc` is Sogou
/// under any name.
pub fn sogou(data: &[u8]) {
    load("news_tensite_xml.dat", data);
}

/// Gzip-compressed archives. Input with the gzip magic bytes is loaded as it is (corrupt,
/// truncated and multi-member streams); any other input is compressed here first, whole and
/// cut short, so the formats behind a sound stream are reached too. Each under `.jsonl.gz`
/// and under a bare `.gz` (the content decides the format).
pub fn gzip(data: &[u8]) {
    let names = ["feed.jsonl.gz", "archive.gz"];
    if data.starts_with(&[0x1f, 0x8b]) {
        for name in names {
            load(name, data);
        }
        return;
    }
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(data).expect("writing to a Vec");
    let compressed = encoder.finish().expect("writing to a Vec");
    for name in names {
        load(name, &compressed);
    }
    load(names[0], &compressed[..compressed.len() / 2]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parser_target_takes_nothing_and_rubbish() {
        for input in [&b""[..], b"\0\xff\x1f\x8b", b"{\"title\": \"\x1b[2J\"}\n["] {
            jsonl(input);
            json(input);
            pages(input);
            sogou(input);
            gzip(input);
        }
    }

    #[test]
    fn a_compressed_record_loads_through_the_gzip_target() {
        let record = "{\"title\": \"标题\", \"body\": \"正文\"}\n".as_bytes();
        gzip(record);
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(record).unwrap();
        let compressed = encoder.finish().unwrap();
        assert_eq!(load("feed.jsonl.gz", &compressed).articles.len(), 1);
    }
}
