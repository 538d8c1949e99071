//! The text-based generator (`juan gen N --from ARCHIVE`): articles recombined from the
//! clauses of real archives, so a benchmark meets a second distribution of real characters,
//! words, punctuation and Latin/digit mix beside the word tables of `juan gen`.
//!
//! The input's titles and bodies are cut into clauses at `。！？；，、：`, their ASCII
//! counterparts, line breaks and runs of spaces (`cut`); clauses of 4–40 characters with a Han
//! character are kept with the marks that ended them (`pool`). Each article then takes a title
//! of one or two clauses and a body of 3–15 sentences in 1–5 paragraphs, each sentence clauses
//! with their own marks (`compose`); the text of a clause is never changed, only recombined.
//! Dates are uniform over 2005–2024 (`dates`); sources are the input's when it names several,
//! else `juan gen`'s (`outlets`). The record is `juan gen`'s (id, title, date, source, url,
//! body, tags), written by the same writer (`json`, `--escaped`, `--gzip`), and the same input
//! and seed give the same bytes.
//!
//! | module | job |
//! |---|---|
//! | `cut` | text → usable clauses with their tails |
//! | `pool` | clauses, sources and tags of the input, back to back in memory |
//! | `compose` | titles and bodies from the pool |
//! | `dates` | dates over 2005–2024 |
//! | `outlets` | the input's sources, or the generated ones |
//! | `generator` | [`TextGenerator`]: the article stream |

mod compose;
mod cut;
mod dates;
mod generator;
mod outlets;
mod pool;

use std::io::{self, Write};

pub use generator::TextGenerator;
pub use pool::Pool;

use super::{ArticleStream, Options, Summary, SyntheticArticle};

/// Writes `options.count` articles recombined from `pool` to `out` as JSON Lines, streaming,
/// and says what it wrote (as [`super::write_archive`] does). `out` is buffered here; pass it
/// unbuffered. Panics when the pool is empty.
pub fn write_archive<W: Write>(out: W, options: &Options, pool: &Pool) -> io::Result<Summary> {
    super::write_stream(out, options, &mut TextGenerator::new(pool, options.seed))
}

impl ArticleStream for TextGenerator<'_> {
    fn next_article(&mut self) -> SyntheticArticle<'_> {
        TextGenerator::next_article(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    /// A pool from the first records of the bundled sample (read at compile time).
    fn sample_pool() -> Pool {
        let text = include_str!("../../sample-data/news.jsonl");
        let mut pool = Pool::new();
        for line in text.lines().take(40) {
            let record: serde_json::Value = serde_json::from_str(line).expect("a JSON record");
            pool.add_article(&Article {
                title: record["title"].as_str().unwrap_or_default().into(),
                body: record["body"].as_str().unwrap_or_default().into(),
                source: record["source"].as_str().unwrap_or_default().into(),
                ..Article::default()
            });
        }
        pool
    }

    fn archive(pool: &Pool, count: u64, seed: u64, escaped: bool, gzip: bool) -> Vec<u8> {
        let options = Options {
            count,
            seed,
            escaped,
            gzip,
        };
        let mut out = Vec::new();
        let summary = write_archive(&mut out, &options, pool).expect("writing to memory");
        assert_eq!(summary.articles, count);
        assert_eq!(summary.output_bytes, out.len() as u64);
        out
    }

    #[test]
    fn same_seed_same_bytes_in_juan_gen_records() {
        let pool = sample_pool();
        let a = archive(&pool, 200, 9, false, false);
        assert_eq!(a, archive(&pool, 200, 9, false, false));
        assert_ne!(a, archive(&pool, 200, 10, false, false));
        let text = std::str::from_utf8(&a).expect("UTF-8");
        assert_eq!(text.lines().count(), 200);
        for line in text.lines() {
            let r: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(line).expect("a JSON object");
            let keys: Vec<&str> = r.keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                ["body", "date", "id", "source", "tags", "title", "url"]
            );
        }
    }

    #[test]
    fn escaped_and_gzip_write_the_same_articles() {
        let pool = sample_pool();
        let plain = archive(&pool, 50, 3, false, false);
        let escaped = archive(&pool, 50, 3, true, false);
        assert!(escaped.is_ascii());
        let parse = |bytes: &[u8]| -> Vec<serde_json::Value> {
            std::str::from_utf8(bytes)
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        };
        assert_eq!(parse(&escaped), parse(&plain));
        let gzipped = archive(&pool, 50, 3, false, true);
        let mut unzipped = Vec::new();
        io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(&gzipped[..]),
            &mut unzipped,
        )
        .expect("valid gzip");
        assert_eq!(unzipped, plain);
    }

    #[test]
    fn titles_are_mostly_eight_to_thirty_characters() {
        let pool = sample_pool();
        let mut g = TextGenerator::new(&pool, 1);
        let n = 2000;
        let fitting = (0..n)
            .filter(|_| (8..=30).contains(&g.next_article().title.chars().count()))
            .count();
        assert!(
            fitting * 100 >= n * 90,
            "{fitting} of {n} titles 8–30 characters"
        );
    }
}
