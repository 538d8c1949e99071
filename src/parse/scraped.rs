//! Raw scraped pages and newspaper text files, one article a file
//! (`seed/000_618211eec43b155d.txt`, `20191001/20191001-01-02.txt`): header lines (kicker,
//! headline, subtitle: see [`header`]) or a title line, optional metadata lines (see
//! [`meta`]), then the body's paragraphs until the site footer (see [`footer`]). The headline
//! is the title; kicker and subtitle go to the article's header. A page with only a title and
//! paragraphs (the THUCNews layout) loads with no date.
//!
//! What is not an article says so, as a problem: a project's own file (`README.txt`,
//! `LICENSE.txt`, `CHANGELOG.txt`, notes…) and a page with no paragraph text (a title
//! alone). A blank page gives nothing and no problem.

mod footer;
mod header;
mod meta;

use super::{Archive, Problem, detect};
use crate::article::{Article, Header, normalize_body};
use crate::date::Date;
use crate::sanitize::{clean, clean_line};

/// At most this many metadata lines follow the title.
const MAX_META_LINES: usize = 4;

/// Parses the page `text` of the file `file` called `name`: its article, or a problem
/// saying why it is not one. A blank page gives nothing and is not a problem.
pub(super) fn parse(file: &str, name: &str, text: &str, out: &mut Archive) {
    match article_or_reason(name, text) {
        Ok(Some(article)) => out.articles.push(article),
        Ok(None) => {}
        Err(reason) => out.problems.push(Problem::refusal(file, reason)),
    }
}

/// The article of a page called `name` (`None` for a blank page), or why it is not one.
fn article_or_reason(name: &str, text: &str) -> Result<Option<Article>, String> {
    if let Some(reason) = detect::skip_reason(name).filter(|r| r.starts_with("not an article")) {
        return Err(reason);
    }
    match page(text) {
        Some(article) if article.body.text().is_empty() => {
            Err("not an article (no paragraph text)".into())
        }
        found => Ok(found),
    }
}

/// The page's article, or `None` when it has no text; the body may be empty.
fn page(text: &str) -> Option<Article> {
    let cleaned = clean(text);
    let lines: Vec<&str> = cleaned.split('\n').collect();
    let first = lines.iter().position(|l| !is_blank(l))?;
    let top = with_header(&lines, first).unwrap_or_else(|| with_title(&lines, first));
    let body_to = (top.body_from..lines.len())
        .find(|&i| footer::is_footer(lines[i]))
        .unwrap_or(lines.len());
    let body = normalize_body(&lines[top.body_from..body_to].join("\n"));

    let meta = top.meta;
    let date = meta.date.as_deref().map_or(Date::Missing, Date::from_text);
    let source = clean_line(meta.source.or(meta.author).as_deref().unwrap_or(""));
    let mut article = Article {
        title: clean_line(top.heads.headline),
        date,
        source,
        body: body.into(),
        header: Header {
            kicker: clean_line(top.heads.kicker),
            subtitle: clean_line(top.heads.subtitle),
            ..Header::default()
        },
        ..Article::default()
    };
    article.settle_id();
    Some(article)
}

/// What stands above a page's body.
struct Top<'a> {
    heads: header::Heads<'a>,
    meta: meta::Meta,
    /// The index of the body's first line.
    body_from: usize,
}

/// The top of a page whose first paragraph has one to three header lines above it (and
/// perhaps metadata lines); `None` for other pages.
fn with_header<'a>(lines: &[&'a str], first: usize) -> Option<Top<'a>> {
    let paragraph = (first..lines.len()).find(|&i| header::is_paragraph(lines[i]))?;
    let mut meta = meta::Meta::default();
    let mut heads = Vec::new();
    for (i, line) in lines.iter().enumerate().take(paragraph).skip(first) {
        if is_blank(line) {
            continue;
        }
        if footer::is_footer(line) {
            return None;
        }
        match meta::parse(line) {
            Some(found) if !heads.is_empty() => meta.merge(found),
            _ => heads.push(i),
        }
    }
    Some(Top {
        heads: header::read(lines, &heads, paragraph)?,
        meta,
        body_from: paragraph,
    })
}

/// The top of any other page: its first line is the title, up to [`MAX_META_LINES`]
/// metadata lines may follow, and the rest is body.
fn with_title<'a>(lines: &[&'a str], first: usize) -> Top<'a> {
    let mut body_from = first + 1;
    let mut meta = meta::Meta::default();
    for _ in 0..MAX_META_LINES {
        let Some(next) = (body_from..lines.len()).find(|&i| !is_blank(&lines[i])) else {
            break;
        };
        let Some(found) = meta::parse(lines[next]) else {
            break;
        };
        meta.merge(found);
        body_from = next + 1;
    }
    Top {
        heads: header::Heads {
            headline: lines[first].trim(),
            ..header::Heads::default()
        },
        meta,
        body_from,
    }
}

/// True for a line with nothing but white space.
fn is_blank(line: &&str) -> bool {
    line.trim().is_empty()
}

#[cfg(test)]
mod tests;
