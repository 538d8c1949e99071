//! The text-based article stream: one [`Rng`] per seed drives every choice — source, date,
//! title, tags, body — in a fixed order, so article N is the same on every run for the same
//! input and seed.

use std::fmt::Write as _;

use super::compose::Composer;
use super::dates::{self, Days};
use super::outlets::Outlets;
use super::pool::Pool;
use crate::synthetic::SyntheticArticle;
use crate::synthetic::random::Rng;

/// What follows the article number in the bytes hashed for an id: the text-based stream's ids
/// never equal `juan gen`'s (which hash the number alone), whatever the seeds.
const ID_SALT: &[u8; 8] = b"textgen1";

/// An endless, deterministic stream of articles recombined from a [`Pool`].
#[derive(Debug, Clone)]
pub struct TextGenerator<'p> {
    seed: u64,
    number: u64,
    rng: Rng,
    composer: Composer<'p>,
    outlets: Outlets,
    days: Days,
    all_tags: &'p [String],
    id: String,
    title: String,
    date: String,
    url: String,
    body: String,
    tags: Vec<&'p str>,
}

impl<'p> TextGenerator<'p> {
    /// The stream for `seed` from `pool`. Panics when the pool is empty.
    pub fn new(pool: &'p Pool, seed: u64) -> TextGenerator<'p> {
        TextGenerator {
            seed,
            number: 0,
            rng: Rng::new(seed),
            composer: Composer::new(pool),
            outlets: Outlets::new(pool),
            days: dates::days(),
            all_tags: pool.tags(),
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
        let source = self.outlets.pick(rng);
        let day = self.days.draw(rng, &mut self.date);
        self.composer.write_title(rng, &mut self.title);
        self.tags.clear();
        if !self.all_tags.is_empty() {
            for _ in 0..rng.below(4) {
                let tag = &self.all_tags[rng.below(self.all_tags.len() as u32) as usize];
                self.tags.push(tag);
            }
        }
        self.composer.write_body(rng, &mut self.body);

        let mut key = [0u8; 16];
        key[..8].copy_from_slice(&self.number.to_le_bytes());
        key[8..].copy_from_slice(ID_SALT);
        let hash = xxhash_rust::xxh3::xxh3_64_with_seed(&key, self.seed);
        self.id.clear();
        let _ = write!(self.id, "{hash:016x}");
        self.url.clear();
        let _ = write!(
            self.url,
            "https://{}/news/{}/{}/content_{}.htm",
            self.outlets.host(source),
            &day[..7],
            &day[8..],
            self.number
        );
        SyntheticArticle {
            id: &self.id,
            title: &self.title,
            date: &self.date,
            source: self.outlets.name(source),
            url: &self.url,
            body: &self.body,
            tags: &self.tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    fn pool() -> Pool {
        let mut pool = Pool::new();
        let texts = [
            ("长春审议城市绿化条例修订草案", "长春日报", "城市"),
            (
                "深圳地铁将设立头等车厢　买双倍票可享坐票",
                "南方日报",
                "交通",
            ),
        ];
        for (title, source, tag) in texts {
            pool.add_article(&Article {
                title: title.into(),
                body: "记者从会上获悉，占用城市绿地须先补后占，补建面积不少于占用面积。\
                       常委会组成人员建议，进一步明确古树名木的保护责任！"
                    .into(),
                source: source.into(),
                url: Some("https://www.example.cn/a".into()),
                tags: vec![tag.into()],
                ..Article::default()
            });
        }
        pool
    }

    #[test]
    fn articles_have_every_field_in_shape() {
        let pool = pool();
        let mut g = TextGenerator::new(&pool, 2);
        let mut ids = std::collections::HashSet::new();
        for _ in 0..500 {
            let a = g.next_article();
            assert_eq!(a.id.len(), 16);
            assert!(ids.insert(a.id.to_owned()), "duplicate id {}", a.id);
            assert!(["长春日报", "南方日报"].contains(&a.source));
            assert!(a.url.starts_with("https://www.example.cn/news/"));
            assert!(a.url.contains(&a.date[..7]), "{} {}", a.url, a.date);
            assert!(crate::date::parse(a.date).is_some());
            assert!(a.tags.len() <= 3 && a.tags.iter().all(|t| ["城市", "交通"].contains(t)));
            assert!(!a.title.is_empty() && !a.body.is_empty());
        }
    }

    #[test]
    fn same_seed_same_stream_and_ids_unlike_juan_gen() {
        let pool = pool();
        let stream = |seed| -> Vec<String> {
            let mut g = TextGenerator::new(&pool, seed);
            (0..20)
                .map(|_| {
                    let a = g.next_article();
                    format!("{} {} {} {}", a.id, a.date, a.title, a.body)
                })
                .collect()
        };
        assert_eq!(stream(5), stream(5));
        assert_ne!(stream(5), stream(6));
        let synthetic = crate::synthetic::Generator::new(5)
            .next_article()
            .id
            .to_owned();
        assert!(!stream(5)[0].starts_with(&synthetic));
    }
}
