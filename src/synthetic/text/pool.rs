//! The material the text-based generator draws from: every usable clause of the input
//! archives' titles and bodies (see `cut`), kept back to back in one string with a small
//! record each, plus what the input says about sources (names, how often, web hosts) and tags.
//!
//! Nothing here reads files: the caller loads the archives (`crate::archive`) and hands each
//! article to [`Pool::add_article`]. The pool stops storing clauses past [`MAX_POOL_BYTES`]
//! (it still counts them), so a huge input cannot exhaust memory or the 32-bit offsets.

use std::collections::HashMap;

use super::cut::{self, Piece};
use crate::article::Article;

/// Bytes of clause text the pool keeps at most (the rest of a huge input is only counted).
pub(crate) const MAX_POOL_BYTES: usize = 1 << 30;
/// Distinct tags the pool keeps at most.
const MAX_TAGS: usize = 100_000;

/// One stored clause: where it starts in [`Pool::text`], the lengths of its text and tail.
#[derive(Debug, Clone, Copy)]
struct Stored {
    start: u32,
    text_len: u8,
    tail_len: u8,
    chars: u8,
    ends_sentence: bool,
}

/// What the input says about one source.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourceSeen {
    /// Articles it published.
    pub(crate) articles: u64,
    /// The host of the first URL seen for it, if any.
    pub(crate) host: Option<String>,
}

/// Clauses, sources and tags gathered from real archives.
#[derive(Debug, Clone, Default)]
pub struct Pool {
    text: String,
    pieces: Vec<Stored>,
    sources: HashMap<String, SourceSeen>,
    tags: Vec<String>,
    tags_seen: std::collections::HashSet<String>,
    articles: u64,
}

impl Pool {
    /// An empty pool.
    pub fn new() -> Pool {
        Pool::default()
    }

    /// Cuts the article's title and body into clauses and keeps the usable ones; notes its
    /// source and tags. Returns how many usable clauses it had (stored or not).
    pub fn add_article(&mut self, article: &Article) -> usize {
        self.articles += 1;
        if !article.source.is_empty() {
            let seen = self.sources.entry(article.source.clone()).or_default();
            seen.articles += 1;
            if seen.host.is_none() {
                seen.host = article.url.as_deref().and_then(host_of).map(str::to_owned);
            }
        }
        for tag in &article.tags {
            if self.tags.len() < MAX_TAGS && !tag.is_empty() && self.tags_seen.insert(tag.clone()) {
                self.tags.push(tag.clone());
            }
        }
        let mut found = 0;
        let mut keep = |p: Piece<'_>| {
            found += 1;
            self.store(p);
        };
        cut::cut(&article.title, &mut keep);
        cut::cut(&article.body.text(), &mut keep);
        found
    }

    /// Appends one clause, unless the pool is full.
    fn store(&mut self, p: Piece<'_>) {
        if self.text.len() + p.text.len() + p.tail.len() > MAX_POOL_BYTES {
            return;
        }
        self.pieces.push(Stored {
            start: self.text.len() as u32,
            text_len: p.text.len() as u8,
            tail_len: p.tail.len() as u8,
            chars: p.chars,
            ends_sentence: p.ends_sentence(),
        });
        self.text.push_str(p.text);
        self.text.push_str(p.tail);
    }

    /// How many clauses are stored.
    pub fn len(&self) -> usize {
        self.pieces.len()
    }

    /// True when no clause is stored.
    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// How many articles were added.
    pub fn articles(&self) -> u64 {
        self.articles
    }

    /// Clause `i` without its tail.
    #[inline]
    pub(crate) fn text(&self, i: usize) -> &str {
        let p = self.pieces[i];
        let start = p.start as usize;
        &self.text[start..start + usize::from(p.text_len)]
    }

    /// Clause `i` with its tail, as it stood in the source.
    #[inline]
    pub(crate) fn whole(&self, i: usize) -> &str {
        let p = self.pieces[i];
        let start = p.start as usize;
        &self.text[start..start + usize::from(p.text_len) + usize::from(p.tail_len)]
    }

    /// Characters of clause `i` without its tail.
    #[inline]
    pub(crate) fn chars(&self, i: usize) -> usize {
        usize::from(self.pieces[i].chars)
    }

    /// True when clause `i` has a tail (it was ended by a mark).
    #[inline]
    pub(crate) fn is_punctuated(&self, i: usize) -> bool {
        self.pieces[i].tail_len > 0
    }

    /// True when clause `i` ends a sentence: its tail holds `。！？.!?`, or it has none.
    #[inline]
    pub(crate) fn ends_sentence(&self, i: usize) -> bool {
        self.pieces[i].ends_sentence
    }

    /// The sources seen, by name.
    pub(crate) fn sources(&self) -> &HashMap<String, SourceSeen> {
        &self.sources
    }

    /// The distinct tags seen, in the order first seen.
    pub(crate) fn tags(&self) -> &[String] {
        &self.tags
    }
}

/// The host of `url` (`https://user@www.example.cn:8080/a` → `www.example.cn`), if it has one.
pub(crate) fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    let plain = host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    (plain && !host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str, source: &str, url: Option<&str>) -> Article {
        Article {
            title: title.into(),
            body: body.into(),
            source: source.into(),
            url: url.map(str::to_owned),
            tags: vec!["城市".into(), "绿化".into()],
            ..Article::default()
        }
    }

    #[test]
    fn keeps_every_usable_clause_of_title_and_body_with_its_tail() {
        let mut pool = Pool::new();
        let found = pool.add_article(&article(
            "长春审议城市绿化条例：绿地率不低于三成",
            "新建居住区绿地率不得低于30%，旧城改造不得低于25%。\n占用绿地须先补后占！",
            "长春日报",
            Some("http://www.ccrb.example.cn/2017-09/12/content_1006.htm"),
        ));
        assert_eq!(found, 5);
        let all: Vec<(&str, &str, usize, bool)> = (0..pool.len())
            .map(|i| {
                (
                    pool.text(i),
                    pool.whole(i),
                    pool.chars(i),
                    pool.ends_sentence(i),
                )
            })
            .collect();
        assert_eq!(
            all,
            [
                ("长春审议城市绿化条例", "长春审议城市绿化条例：", 10, false),
                ("绿地率不低于三成", "绿地率不低于三成", 8, true),
                (
                    "新建居住区绿地率不得低于30%",
                    "新建居住区绿地率不得低于30%，",
                    15,
                    false
                ),
                ("旧城改造不得低于25%", "旧城改造不得低于25%。", 11, true),
                ("占用绿地须先补后占", "占用绿地须先补后占！", 9, true),
            ]
        );
        assert!(!pool.is_punctuated(1) && pool.is_punctuated(0));
        assert_eq!(pool.sources()["长春日报"].articles, 1);
        assert_eq!(
            pool.sources()["长春日报"].host.as_deref(),
            Some("www.ccrb.example.cn")
        );
        assert_eq!(pool.tags(), ["城市", "绿化"]);
    }

    #[test]
    fn hosts_are_taken_from_urls() {
        assert_eq!(
            host_of("https://user@www.example.cn:8080/a?b"),
            Some("www.example.cn")
        );
        assert_eq!(
            host_of("http://gongyi.sohu.com/20120706/n347457739.shtml"),
            Some("gongyi.sohu.com")
        );
        assert_eq!(host_of("gongyi.sohu.com/x"), None);
        assert_eq!(host_of("http:///x"), None);
        assert_eq!(host_of("http://例子.中国/x"), None);
    }
}
