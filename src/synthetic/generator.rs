//! The article stream: one [`Rng`] per seed drives every choice — source, date, headline, tags,
//! body length, body — in a fixed order, so article N is the same on every run and machine.

use std::fmt::Write as _;

use serde::Serialize;

use super::random::Rng;
use super::{body, dates, length, sources, title, vocab};
use crate::article::Article;
use crate::date::Date;

/// One generated article, borrowing its generator's buffers ([`Generator`] or
/// [`super::text::TextGenerator`]); serialises to the JSON Lines record.
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
    pub tags: &'a [&'a str],
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
            body: crate::article::normalize_body(self.body).into(),
            tags: self.tags.iter().map(|t| (*t).to_owned()).collect(),
            header: Default::default(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_average_about_one_and_a_half_kilobytes() {
        let mut g = Generator::new(1);
        let n = 4000;
        let total: usize = (0..n).map(|_| g.next_article().body.len()).sum();
        let mean = total as f64 / f64::from(n);
        assert!((1200.0..=1800.0).contains(&mean), "mean body {mean} bytes");
    }

    #[test]
    fn articles_have_every_field_in_shape() {
        let mut g = Generator::new(2);
        let mut ids = std::collections::HashSet::new();
        for _ in 0..500 {
            let a = g.next_article();
            assert_eq!(a.id.len(), 16);
            assert!(a.id.bytes().all(|b| b.is_ascii_hexdigit()));
            assert!(ids.insert(a.id.to_owned()), "duplicate id {}", a.id);
            assert!((8..=30).contains(&a.title.chars().count()), "{}", a.title);
            assert_eq!(a.date.len(), "2017-09-06 09:11".len());
            assert!(a.url.starts_with("https://www.") && a.url.ends_with(".htm"));
            assert!(a.url.contains(&a.date[..7]), "{} {}", a.url, a.date);
            assert!(a.tags.len() <= 3);
            assert!(!a.body.is_empty());
        }
    }

    #[test]
    fn to_article_is_what_the_loader_would_build() {
        let mut g = Generator::new(3);
        let a = g.next_article();
        let article = a.to_article();
        assert_eq!(
            article.body, a.body,
            "generated bodies are already normalised"
        );
        assert_eq!(
            article.date.stamp().expect("a parsed date").display(),
            a.date
        );
        assert_eq!(article.url.as_deref(), Some(a.url));
        assert_eq!(article.tags.len(), a.tags.len());
    }

    #[test]
    fn same_seed_same_stream() {
        let titles = |seed| -> Vec<String> {
            let mut g = Generator::new(seed);
            (0..20).map(|_| g.next_article().title.to_owned()).collect()
        };
        assert_eq!(titles(5), titles(5));
        assert_ne!(titles(5), titles(6));
    }
}
