//! Copies folded, clashes kept: the same article loaded twice (the same id, the same title,
//! source and date) is listed once, and counted; two different articles under one id (an
//! archive whose own ids collide) are both kept, and counted, so that `check` can say so.
//!
//! Ids are compared by a 64-bit hash, and content by a hash of title, source and date: a
//! re-scraped copy whose body changed is still the same article. The table lives only while
//! a load runs (16 bytes an article).

use std::collections::HashMap;

use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::article::Article;
use crate::corpus::Chunk;
use crate::date::Date;

/// The ids met so far in a load, each with the content it came with.
#[derive(Debug, Default)]
pub struct Seen {
    content_by_id: HashMap<u64, u64>,
    /// Copies dropped because an article with the same id and content came before.
    pub copies_folded: usize,
    /// Articles kept although an article with the same id but other content came before.
    pub id_clashes: usize,
}

impl Seen {
    /// True when the article is to be kept: its id is new, or it is new content under an id
    /// met before (a clash, counted); false for a copy (counted).
    pub fn admit(&mut self, id: &str, title: &str, source: &str, date: &Date) -> bool {
        let content = content_key(title, source, date);
        match self.content_by_id.insert(xxh3_64(id.as_bytes()), content) {
            None => true,
            Some(before) if before == content => {
                self.copies_folded += 1;
                false
            }
            Some(before) => {
                // Keep the first content as the one later copies are compared with.
                self.content_by_id.insert(xxh3_64(id.as_bytes()), before);
                self.id_clashes += 1;
                true
            }
        }
    }

    /// Drops the copies among `articles`.
    pub fn fold(&mut self, articles: &mut Vec<Article>) {
        articles.retain(|a| self.admit(&a.id, &a.title, &a.source, &a.date));
    }

    /// `chunk` without its copies (built again only when it had some).
    pub fn fold_chunk(&mut self, chunk: Chunk) -> Chunk {
        let index = &chunk.index;
        let keep: Vec<bool> = (0..chunk.len())
            .map(|i| {
                self.admit(
                    &index.id(i),
                    index.title(i),
                    index.source(i),
                    &index.date(i),
                )
            })
            .collect();
        if keep.iter().all(|&k| k) {
            return chunk;
        }
        let kept = (0..chunk.len())
            .filter(|&i| keep[i])
            .map(|i| chunk.article(i))
            .collect();
        Chunk::build(kept)
    }
}

/// A hash of what makes two records under one id the same article.
fn content_key(title: &str, source: &str, date: &Date) -> u64 {
    let mut h = Xxh3::new();
    h.update(title.as_bytes());
    h.update(&[0]);
    h.update(source.as_bytes());
    h.update(&[0]);
    let (kind, instant) = date.newest_first_key();
    h.update(&[kind]);
    h.update(&instant.to_le_bytes());
    if let Date::Unparsed(text) = date {
        h.update(text.as_bytes());
    }
    h.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, title: &str, body: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            source: "新华社".into(),
            date: Date::from_text("2019-10-01 08:00"),
            body: body.into(),
            ..Article::default()
        }
    }

    #[test]
    fn copies_fold_and_clashes_stay() {
        let mut seen = Seen::default();
        let mut articles = vec![
            article("a", "国庆", "正文"),
            article("b", "阅兵", "正文"),
            article("a", "国庆", "正文，更正后"),
            article("a", "另一篇", "别的正文"),
            article("a", "国庆", "正文"),
        ];
        seen.fold(&mut articles);
        let titles: Vec<_> = articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["国庆", "阅兵", "另一篇"]);
        assert_eq!((seen.copies_folded, seen.id_clashes), (2, 1));
    }

    #[test]
    fn a_chunk_loses_its_copies_and_keeps_the_rest() {
        let mut seen = Seen::default();
        let mut first = vec![article("a", "国庆", "正文")];
        seen.fold(&mut first);
        let chunk = Chunk::build(vec![
            article("b", "阅兵", "正文"),
            article("a", "国庆", "正文"),
            article("c", "烟花", "正文"),
        ]);
        let folded = seen.fold_chunk(chunk);
        let titles: Vec<_> = (0..folded.len()).map(|i| folded.index.title(i)).collect();
        assert_eq!(titles, ["阅兵", "烟花"]);
        assert_eq!(folded.article(1).body, "正文");
        assert_eq!(seen.copies_folded, 1);
        // A chunk with nothing to drop is handed back as it was.
        let again = seen.fold_chunk(Chunk::build(vec![article("d", "花车", "x")]));
        assert_eq!(again.len(), 1);
    }
}
