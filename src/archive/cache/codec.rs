//! The cache's payload: articles (without their bodies' text when the body is lazy) and
//! problems, as tagged records of little-endian integers and length-prefixed UTF-8.
//! Decoding checks every length and tag: bad bytes give `None`, never a panic.

use crate::archive::Problem;
use crate::article::{Article, Body, SharedBytes};
use crate::date::{Date, Stamp};

/// Tag of an article record.
const ARTICLE: u8 = 1;
/// Tag of a problem record.
const PROBLEM: u8 = 2;

/// Appends one article; its lazy body as a byte range, an in-memory body as text.
pub fn put_article(out: &mut Vec<u8>, a: &Article) {
    out.push(ARTICLE);
    put_str(out, &a.id);
    put_str(out, &a.title);
    match &a.date {
        Date::Missing => out.push(0),
        Date::Known(s) => {
            out.push(1);
            out.extend_from_slice(&s.unix.to_le_bytes());
            out.extend_from_slice(&s.offset.to_le_bytes());
            out.push(u8::from(s.has_time));
        }
        Date::Unparsed(t) => {
            out.push(2);
            put_str(out, t);
        }
    }
    put_str(out, &a.source);
    match &a.url {
        None => out.push(0),
        Some(u) => {
            out.push(1);
            put_str(out, u);
        }
    }
    match a.body.lazy_range() {
        Some(range) => {
            out.push(1);
            out.extend_from_slice(&(range.start as u64).to_le_bytes());
            out.extend_from_slice(&(range.end as u64).to_le_bytes());
        }
        None => {
            out.push(2);
            put_str(out, &a.body.text());
        }
    }
    out.extend_from_slice(&(a.tags.len() as u32).to_le_bytes());
    for t in &a.tags {
        put_str(out, t);
    }
}

/// Appends one problem (its file is not stored: it is the cached file).
pub fn put_problem(out: &mut Vec<u8>, p: &Problem) {
    out.push(PROBLEM);
    out.extend_from_slice(&(p.line.map_or(0, |n| n as u64 + 1)).to_le_bytes());
    put_str(out, &p.reason);
}

/// Appends a length-prefixed string.
fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&(s.len() as u32).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A record read back.
pub enum Record {
    /// An article.
    Article(Article),
    /// A problem.
    Problem(Problem),
}

/// Reads records from a payload.
pub struct Reader<'a> {
    rest: &'a [u8],
}

impl<'a> Reader<'a> {
    /// A reader over `payload`.
    pub fn new(payload: &'a [u8]) -> Reader<'a> {
        Reader { rest: payload }
    }

    /// True when every record has been read.
    pub fn is_done(&self) -> bool {
        self.rest.is_empty()
    }

    /// The next record; `file` names problems, `shared` (the archive's bytes) holds lazy
    /// bodies, whose ranges must lie inside it. `None` on bad bytes.
    pub fn record(&mut self, file: &str, shared: &SharedBytes) -> Option<Record> {
        match self.byte()? {
            ARTICLE => self.article(shared).map(Record::Article),
            PROBLEM => {
                let line = self.u64()?;
                let line = (line > 0).then(|| usize::try_from(line - 1).ok()).flatten();
                let reason = self.string()?;
                Some(Record::Problem(Problem {
                    file: file.to_string(),
                    line,
                    reason,
                }))
            }
            _ => None,
        }
    }

    /// The fields of an article record, after its tag.
    fn article(&mut self, shared: &SharedBytes) -> Option<Article> {
        let id = self.string()?;
        let title = self.string()?;
        let date = match self.byte()? {
            0 => Date::Missing,
            1 => {
                let unix = i64::from_le_bytes(self.array()?);
                let offset = i32::from_le_bytes(self.array()?);
                let has_time = match self.byte()? {
                    0 => false,
                    1 => true,
                    _ => return None,
                };
                Date::Known(Stamp {
                    unix,
                    offset,
                    has_time,
                })
            }
            2 => Date::Unparsed(self.string()?),
            _ => return None,
        };
        let source = self.string()?;
        let url = match self.byte()? {
            0 => None,
            1 => Some(self.string()?),
            _ => return None,
        };
        let body = match self.byte()? {
            1 => {
                let start = usize::try_from(self.u64()?).ok()?;
                let end = usize::try_from(self.u64()?).ok()?;
                let len = shared.as_ref().as_ref().len();
                if start > end || end > len {
                    return None;
                }
                Body::json_literal(shared.clone(), start..end)
            }
            2 => Body::text_of(self.string()?),
            _ => return None,
        };
        let count = u32::from_le_bytes(self.array()?) as usize;
        let mut tags = Vec::with_capacity(count.min(self.rest.len() / 4));
        for _ in 0..count {
            tags.push(self.string()?);
        }
        Some(Article {
            id,
            title,
            date,
            source,
            url,
            body,
            tags,
        })
    }

    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.rest.len() {
            return None;
        }
        let (head, rest) = self.rest.split_at(n);
        self.rest = rest;
        Some(head)
    }

    /// The next `N` bytes as an array.
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// The next byte.
    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    /// The next little-endian `u64`.
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }

    /// The next length-prefixed string, which must be UTF-8.
    fn string(&mut self) -> Option<String> {
        let len = u32::from_le_bytes(self.array()?) as usize;
        let bytes = self.take(len)?;
        simdutf8::basic::from_utf8(bytes).ok().map(str::to_string)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn sample() -> (SharedBytes, Vec<Article>, Problem) {
        let shared: SharedBytes = Arc::new(br#"{"body":"lazy"}"#.to_vec());
        let lazy = Article {
            id: "1".into(),
            title: "标题".into(),
            date: Date::from_text("2017-09-06 09:11"),
            source: "长春日报".into(),
            url: Some("http://x".into()),
            body: Body::json_literal(shared.clone(), 8..14),
            tags: vec!["a".into(), "b".into()],
        };
        let eager = Article {
            id: "2".into(),
            title: "二".into(),
            date: Date::Unparsed("上周".into()),
            body: "正文".into(),
            ..Default::default()
        };
        let problem = Problem::at("f", 7, "record has no title");
        (shared, vec![lazy, eager], problem)
    }

    #[test]
    fn round_trip() {
        let (shared, articles, problem) = sample();
        let mut payload = Vec::new();
        put_article(&mut payload, &articles[0]);
        put_problem(&mut payload, &problem);
        put_article(&mut payload, &articles[1]);
        let mut r = Reader::new(&payload);
        let mut got = Vec::new();
        while !r.is_done() {
            got.push(r.record("f", &shared).unwrap());
        }
        assert!(matches!(&got[0], Record::Article(a) if *a == articles[0] && a.body.is_lazy()));
        assert!(matches!(&got[1], Record::Problem(p) if *p == problem));
        assert!(matches!(&got[2], Record::Article(a) if *a == articles[1]));
    }

    #[test]
    fn every_truncation_and_a_bad_range_are_refused() {
        let (shared, articles, _) = sample();
        let mut payload = Vec::new();
        put_article(&mut payload, &articles[0]);
        for cut in 0..payload.len() {
            assert!(Reader::new(&payload[..cut]).record("f", &shared).is_none());
        }
        let short: SharedBytes = Arc::new(b"{}".to_vec());
        assert!(Reader::new(&payload).record("f", &short).is_none());
    }
}
