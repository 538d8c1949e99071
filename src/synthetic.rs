//! Synthetic archives for benchmarks (`juan gen`): N realistic Chinese news articles as JSON
//! Lines, the same bytes for a seed on every run and machine.
//!
//! Each article has an `id` (16 hex digits), a `title` (8–30 characters, see `title.rs`), a `date`
//! (`YYYY-MM-DD HH:MM`, uniform over 2010–2024, see `dates.rs`), a `source` (one of 500, see
//! `sources.rs`), a `url` on the source's host, a `body` (paragraphs joined by `\n`, mean ≈ 1.5 KB
//! with a tail past 1 MB, see `length.rs`) and 0–3 `tags`. Characters and words follow their
//! frequencies in real news (`vocab.rs`).
//!
//! The generator is pure: it writes to any [`Write`] and holds one article at a time, so memory
//! stays flat however many it writes. `--escaped` output is what Python's `json.dumps` writes
//! (`json.rs`); `--gzip` wraps the stream in gzip (fast level, mtime 0, so it is deterministic too).
//!
//! `text` is the second generator (`juan gen N --from ARCHIVE`): the same records, recombined
//! from the clauses of real archives instead of drawn from word tables.

use std::io::{self, BufWriter, Write};

pub(crate) mod body;
pub(crate) mod dates;
pub(crate) mod fragments;
pub(crate) mod generator;
pub(crate) mod json;
pub(crate) mod length;
pub(crate) mod random;
pub(crate) mod sources;
pub mod text;
pub(crate) mod title;
pub(crate) mod vocab;
pub(crate) mod weighted;

mod counting;

use counting::Counting;
pub use generator::{Generator, SyntheticArticle};

/// What to generate and how to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    /// How many articles.
    pub count: u64,
    /// The seed: the same seed gives the same articles.
    pub seed: u64,
    /// Write every non-ASCII character as `\uXXXX`, as Python's `json.dumps` does.
    pub escaped: bool,
    /// Compress the output with gzip.
    pub gzip: bool,
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    /// Articles written.
    pub articles: u64,
    /// Bytes of JSON Lines, before any compression.
    pub json_bytes: u64,
    /// Bytes handed to the output (after compression with `gzip`).
    pub output_bytes: u64,
    /// The longest body, in bytes of UTF-8.
    pub longest_body: usize,
}

/// Writes `options.count` articles to `out` as JSON Lines, streaming, and says what it wrote.
/// `out` is buffered here; pass it unbuffered.
pub fn write_archive<W: Write>(out: W, options: &Options) -> io::Result<Summary> {
    write_stream(out, options, &mut Generator::new(options.seed))
}

/// A deterministic stream of generated articles: [`Generator`], or
/// [`text::TextGenerator`] for `juan gen --from`.
pub(crate) trait ArticleStream {
    /// The next article; its fields live until the next call.
    fn next_article(&mut self) -> SyntheticArticle<'_>;
}

impl ArticleStream for Generator {
    fn next_article(&mut self) -> SyntheticArticle<'_> {
        Generator::next_article(self)
    }
}

/// Writes `options.count` articles of `stream` to `out` as JSON Lines (gzip when
/// `options.gzip`), and says what it wrote.
pub(crate) fn write_stream<W: Write>(
    out: W,
    options: &Options,
    stream: &mut impl ArticleStream,
) -> io::Result<Summary> {
    let mut output = Counting::new(out);
    let mut summary = if options.gzip {
        let gzip = flate2::GzBuilder::new().write(&mut output, flate2::Compression::fast());
        let (summary, gzip) = write_lines(gzip, options, stream)?;
        gzip.finish()?;
        summary
    } else {
        write_lines(&mut output, options, stream)?.0
    };
    output.flush()?;
    summary.output_bytes = output.bytes();
    Ok(summary)
}

/// Writes the lines through a large buffer and a byte counter; hands back the inner writer.
fn write_lines<W: Write>(
    out: W,
    options: &Options,
    stream: &mut impl ArticleStream,
) -> io::Result<(Summary, W)> {
    let mut buffered = BufWriter::with_capacity(1 << 20, Counting::new(out));
    let mut summary = Summary::default();
    for _ in 0..options.count {
        let article = stream.next_article();
        summary.longest_body = summary.longest_body.max(article.body.len());
        json::write_line(&mut buffered, &article, options.escaped)?;
        summary.articles += 1;
    }
    let counted = buffered.into_inner().map_err(|e| e.into_error())?;
    summary.json_bytes = counted.bytes();
    Ok((summary, counted.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn archive(count: u64, seed: u64, escaped: bool, gzip: bool) -> (Vec<u8>, Summary) {
        let options = Options {
            count,
            seed,
            escaped,
            gzip,
        };
        let mut out = Vec::new();
        let summary = write_archive(&mut out, &options).expect("writing to memory");
        (out, summary)
    }

    fn records(bytes: &[u8]) -> Vec<serde_json::Map<String, serde_json::Value>> {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        text.lines()
            .map(|l| serde_json::from_str(l).expect("every line is a JSON object"))
            .collect()
    }

    #[test]
    fn same_seed_same_bytes_other_seed_other_bytes() {
        let (a, _) = archive(200, 9, false, false);
        let (b, _) = archive(200, 9, false, false);
        let (c, _) = archive(200, 10, false, false);
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn exactly_n_records_with_the_expected_fields() {
        let (out, summary) = archive(120, 1, false, false);
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 120);
        assert!(out.ends_with(b"\n"));
        let records = records(&out);
        assert_eq!(records.len(), 120);
        for r in &records {
            let keys: Vec<&str> = r.keys().map(String::as_str).collect();
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            assert_eq!(
                sorted,
                ["body", "date", "id", "source", "tags", "title", "url"]
            );
            for key in ["id", "title", "date", "source", "url", "body"] {
                assert!(r[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
            }
            assert!(crate::date::parse(r["date"].as_str().unwrap()).is_some());
            assert!(r["tags"].as_array().is_some());
        }
        assert_eq!(summary.articles, 120);
        assert_eq!(summary.json_bytes, out.len() as u64);
        assert_eq!(summary.output_bytes, out.len() as u64);
        let longest = records
            .iter()
            .map(|r| r["body"].as_str().unwrap().len())
            .max();
        assert_eq!(Some(summary.longest_body), longest);
    }

    #[test]
    fn escaped_output_is_ascii_and_the_same_articles() {
        let (plain, _) = archive(120, 4, false, false);
        let (escaped, summary) = archive(120, 4, true, false);
        assert!(escaped.is_ascii());
        assert!(escaped.windows(2).any(|w| w == b"\\u"));
        assert_eq!(records(&escaped), records(&plain));
        assert!(summary.json_bytes > plain.len() as u64 * 3 / 2);
    }

    #[test]
    fn gzip_output_decompresses_to_the_plain_output() {
        let (plain, _) = archive(120, 5, false, false);
        let (gzipped, summary) = archive(120, 5, false, true);
        assert_eq!(&gzipped[..2], &[0x1f, 0x8b]);
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gzipped[..])
            .read_to_end(&mut unzipped)
            .expect("valid gzip");
        assert_eq!(unzipped, plain);
        assert_eq!(summary.json_bytes, plain.len() as u64);
        assert_eq!(summary.output_bytes, gzipped.len() as u64);
        assert!(gzipped.len() < plain.len());
        assert_eq!(
            archive(120, 5, false, true).0,
            gzipped,
            "gzip is deterministic too"
        );
    }

    #[test]
    fn zero_articles_write_nothing_but_a_valid_stream() {
        assert!(archive(0, 1, false, false).0.is_empty());
        let (gzipped, _) = archive(0, 1, false, true);
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gzipped[..])
            .read_to_end(&mut unzipped)
            .expect("valid gzip");
        assert!(unzipped.is_empty());
    }
}
