//! Synthetic archives for benchmarks (`juan gen`): N realistic Chinese news articles as JSON
//! Lines, the same bytes for a seed on every run and machine.
//!
//! Each article has an `id` (16 hex digits), a `title` (8–30 characters, see [`title`]), a `date`
//! (`YYYY-MM-DD HH:MM`, uniform over 2010–2024, see [`dates`]), a `source` (one of 500, see
//! [`sources`]), a `url` on the source's host, a `body` (paragraphs joined by `\n`, mean ≈ 1.5 KB
//! with a tail past 1 MB, see [`length`]) and 0–3 `tags`. Characters and words follow their
//! frequencies in real news ([`vocab`]).
//!
//! The generator is pure: it writes to any [`Write`] and holds one article at a time, so memory
//! stays flat however many it writes. `--escaped` output is what Python's `json.dumps` writes
//! ([`json`]); `--gzip` wraps the stream in gzip (fast level, mtime 0, so it is deterministic too).

use std::fmt::Write as _;
use std::io::{self, BufWriter, Write};

use serde::Serialize;

use crate::article::Article;
use crate::date::Date;

pub mod body;
pub mod dates;
pub mod fragments;
pub mod json;
pub mod length;
pub mod random;
pub mod sources;
pub mod title;
pub mod vocab;
pub mod weighted;

mod counting;

use counting::Counting;
use random::Rng;

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

/// One generated article, borrowing the generator's buffers; serialises to the JSON Lines record.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SyntheticArticle<'a> {
    /// 16 hex digits, unique within an archive (a hash of the seed and the article's number).
    pub id: &'a str,
    /// The headline.
    pub title: &'a str,
    /// `YYYY-MM-DD HH:MM`.
    pub date: &'a str,
    /// The source's name.
    pub source: &'a str,
    /// `https://HOST/news/YYYY-MM/DD/content_N.htm`.
    pub url: &'a str,
    /// Paragraphs joined by `\n`.
    pub body: &'a str,
    /// 0–3 keywords.
    pub tags: &'a [&'static str],
}

impl SyntheticArticle<'_> {
    /// The article as juan's model holds it (date parsed, body normalised as the loader does).
    pub fn to_article(&self) -> Article {
        Article {
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            date: Date::from_text(self.date),
            source: self.source.to_owned(),
            url: Some(self.url.to_owned()),
            body: crate::article::normalize_body(self.body),
            tags: self.tags.iter().map(|t| (*t).to_owned()).collect(),
        }
    }
}

/// An endless, deterministic stream of synthetic articles.
#[derive(Debug, Clone)]
pub struct Generator {
    seed: u64,
    number: u64,
    rng: Rng,
    vocab: vocab::Vocab,
    sources: sources::Sources,
    days: dates::Days,
    id: String,
    title: String,
    date: String,
    url: String,
    body: String,
    tags: Vec<&'static str>,
}

impl Generator {
    /// The stream for `seed`.
    pub fn new(seed: u64) -> Generator {
        Generator {
            seed,
            number: 0,
            rng: Rng::new(seed),
            vocab: vocab::Vocab::new(),
            sources: sources::Sources::new(),
            days: dates::Days::new(),
            id: String::new(),
            title: String::new(),
            date: String::new(),
            url: String::new(),
            body: String::new(),
            tags: Vec::new(),
        }
    }

    /// The next article. Its fields live until the next call.
    pub fn next_article(&mut self) -> SyntheticArticle<'_> {
        self.number += 1;
        let rng = &mut self.rng;
        let source = self.sources.pick(rng);
        let day = self.days.draw(rng, &mut self.date);
        title::write_title(&self.vocab, rng, &mut self.title);
        self.tags.clear();
        for _ in 0..rng.below(4) {
            self.tags.push(self.vocab.title_token(rng.bits()));
        }
        let target = length::body_bytes(rng);
        body::write_body(&self.vocab, rng, target, &mut self.body);

        let hash = xxhash_rust::xxh3::xxh3_64_with_seed(&self.number.to_le_bytes(), self.seed);
        self.id.clear();
        let _ = write!(self.id, "{hash:016x}");
        self.url.clear();
        let _ = write!(
            self.url,
            "https://{}/news/{}/{}/content_{}.htm",
            self.sources.host(source),
            &day[..7],
            &day[8..],
            self.number
        );
        SyntheticArticle {
            id: &self.id,
            title: &self.title,
            date: &self.date,
            source: self.sources.name(source),
            url: &self.url,
            body: &self.body,
            tags: &self.tags,
        }
    }
}

/// Writes `options.count` articles to `out` as JSON Lines, streaming, and says what it wrote.
/// `out` is buffered here; pass it unbuffered.
pub fn write_archive<W: Write>(out: W, options: &Options) -> io::Result<Summary> {
    let mut output = Counting::new(out);
    let mut summary = if options.gzip {
        let gzip = flate2::GzBuilder::new().write(&mut output, flate2::Compression::fast());
        let (summary, gzip) = write_lines(gzip, options)?;
        gzip.finish()?;
        summary
    } else {
        write_lines(&mut output, options)?.0
    };
    output.flush()?;
    summary.output_bytes = output.bytes();
    Ok(summary)
}

/// Writes the lines through a large buffer and a byte counter; hands back the inner writer.
fn write_lines<W: Write>(out: W, options: &Options) -> io::Result<(Summary, W)> {
    let mut buffered = BufWriter::with_capacity(1 << 20, Counting::new(out));
    let mut generator = Generator::new(options.seed);
    let mut summary = Summary::default();
    for _ in 0..options.count {
        let article = generator.next_article();
        summary.longest_body = summary.longest_body.max(article.body.len());
        json::write_line(&mut buffered, &article, options.escaped)?;
        summary.articles += 1;
    }
    let counted = buffered.into_inner().map_err(|e| e.into_error())?;
    summary.json_bytes = counted.bytes();
    Ok((summary, counted.into_inner()))
}
