//! Markdown articles (`.md`, `.markdown`): one article a file, as static news sites (Hugo,
//! Jekyll, Hexo), the Hong Kong closure archives and archives of deleted articles keep them,
//! or a day's stories in one file, as daily digest repositories keep them.
//!
//! - **Front matter** (YAML between `---` lines, TOML between `+++`; see [`front`]) gives
//!   title, date, author, source, URL, tags, summary, subtitle and id under the names real
//!   sites use ([`meta`]). Front matter that does not parse is a problem on its line; the
//!   article still loads from what could be read and from the body.
//! - **The body** is rendered to paragraphs by a Markdown parser ([`blocks`]): headings,
//!   emphasis and links as text, images as their caption, one paragraph per list item, raw
//!   HTML reduced to its text. Lines about the article (`来源：`, `作者：`, `[查看原文](url)`)
//!   become its source, author and URL ([`lead`]).
//! - **Without front matter** the title is the first heading (else a short first line
//!   followed by paragraphs), the date the one in that heading (`# 2019年10月1日 新闻联播`) or
//!   in the file name (`2019-10-01.md`, `20191001.md`, `2019-10-01-slug.md`; see [`day`]).
//!   A heading that repeats the front matter title is not repeated in the body.
//! - **A daily digest** (one heading per story) is one article per story with paragraph
//!   text; the rule is in [`digest`]. A file that is only a list of links is not an article
//!   (`not an article: a list of links, no paragraph text`); neither is one with no paragraph
//!   text, nor one with no title.
//!
//! Every field goes through [`clean`]/[`clean_line`]; the body through [`normalize_body`].

mod blocks;
mod day;
mod digest;
mod front;
mod lead;
mod meta;
#[cfg(test)]
mod tests;

use super::{Archive, Problem};
use crate::article::{Article, Header, normalize_body};
use crate::date::Date;
use crate::sanitize::{clean, clean_line};
use blocks::{Block, Kind};
use meta::Meta;

/// A first line longer than this (in characters) is not taken for a title.
const LONGEST_LINE_TITLE: usize = 40;
/// Fewer letters than this outside links is no paragraph text (a lone label such as
/// `武汉肺炎` above a list of links).
const LEAST_TEXT: usize = 10;

/// Parses one Markdown file's text; `name` is its file name.
pub(super) fn parse(file: &str, name: &str, text: &str, out: &mut Archive) {
    let split = front::split(text);
    if let Some((line, reason)) = split.problem {
        out.problems.push(Problem::at(file, line, reason));
    }
    let meta = meta::read(&split.fields);
    let blocks = blocks::render(split.body);
    let file_day = day::in_file_name(name);

    let title_at = title_heading(&blocks, &meta.title);
    let title = if meta.title.is_empty() {
        title_at.map(|i| blocks[i].text.clone()).unwrap_or_default()
    } else {
        meta.title.clone()
    };
    let title_day = day::find(&title).map(|(date, _)| date);
    let names_day = title_day.is_some() || (title.is_empty() && file_day.is_some());
    let date = date_of(&meta.dates, title_day, file_day);

    if let Some(stories) = digest::stories(&blocks, title_at, names_day) {
        let source = if meta.source.is_empty() {
            digest::source_of(&title)
        } else {
            meta.source.clone()
        };
        for story in stories {
            // A story's own `来源：` and `时间：` lines win over the file's.
            let story_source = if story.lead.source.is_empty() {
                &source
            } else {
                &story.lead.source
            };
            let story_date = match Date::from_text(&story.lead.date) {
                known @ Date::Known(_) => known,
                _ => date.clone(),
            };
            // A title that ends by repeating the story's source (`… - BBC`) is listed without
            // it, as for records; the reader shows it whole.
            let given = clean_title(&story.title);
            if given.is_empty() {
                // A story whose heading cleans to nothing (`---`, markup only) is no article.
                out.problems.push(Problem::whole(
                    file,
                    "a digest story without a title was left out",
                ));
                continue;
            }
            let host = story.url.as_deref().and_then(super::url::host);
            let names = [story_source.as_str(), host.as_deref().unwrap_or("")];
            let listed = super::url::without_site_suffix(&given, &names);
            let mut article = Article {
                title: listed.clone().unwrap_or_else(|| given.clone()),
                date: story_date,
                source: clean_line(story_source),
                url: story.url.map(|u| clean_line(&u)).filter(|u| !u.is_empty()),
                body: body_of(story.paragraphs.iter().map(String::as_str)).into(),
                tags: meta.tags.clone(),
                header: Header {
                    author: clean_line(&story.lead.author),
                    full_title: if listed.is_some() {
                        given
                    } else {
                        String::new()
                    },
                    ..Header::default()
                },
                ..Article::default()
            };
            article.settle_id();
            out.articles.push(article);
        }
        return;
    }
    match one_article(blocks, meta, date) {
        Ok(article) => out.articles.push(article),
        Err(reason) => out.problems.push(Problem::refusal(file, reason)),
    }
}

/// The heading that is the file's title: the one that repeats the front matter title, or,
/// with none, the first heading when no other heading is at its level or above.
fn title_heading(blocks: &[Block], meta_title: &str) -> Option<usize> {
    let headings = || {
        blocks.iter().enumerate().filter_map(|(i, b)| match b.kind {
            Kind::Heading(level) => Some((i, level)),
            _ => None,
        })
    };
    if !meta_title.is_empty() {
        let wanted = squeeze(meta_title);
        return headings()
            .find(|(i, _)| squeeze(&blocks[*i].text) == wanted)
            .map(|(i, _)| i);
    }
    let (first, level) = headings().next()?;
    headings()
        .skip(1)
        .all(|(_, other)| other > level)
        .then_some(first)
}

/// `text` cleaned, without whitespace, for comparing titles.
fn squeeze(text: &str) -> String {
    clean_line(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The article's date: the first front matter date that parses with a time, else the first
/// that parses, else the day in the title, else the day in the file name, else the first
/// front matter date as given (unparsed).
fn date_of(front_matter: &[String], title_day: Option<Date>, file_day: Option<Date>) -> Date {
    let dates: Vec<Date> = front_matter.iter().map(|d| Date::from_text(d)).collect();
    let known = |with_time: bool| {
        dates
            .iter()
            .find(|d| d.stamp().is_some_and(|s| s.has_time || !with_time))
    };
    if let Some(known) = known(true).or_else(|| known(false)) {
        return known.clone();
    }
    title_day
        .or(file_day)
        .or_else(|| dates.into_iter().next())
        .unwrap_or(Date::Missing)
}

/// The one article of a file that is not a digest, or why it is not an article.
fn one_article(mut blocks: Vec<Block>, meta: Meta, date: Date) -> Result<Article, String> {
    let mut title = meta.title.clone();
    let heading = if title.is_empty() {
        blocks
            .iter()
            .position(|b| matches!(b.kind, Kind::Heading(_)))
    } else {
        title_heading(&blocks, &title)
    };
    if let Some(i) = heading {
        if title.is_empty() {
            title = blocks[i].text.clone();
        }
        blocks.remove(i);
    } else if title.is_empty()
        && let Some(i) = line_title(&blocks)
    {
        title = blocks.remove(i).text;
    }
    let lead = lead::take(&mut blocks);
    // A `时间：` line dates an article whose front matter, title and file name give no day.
    let date = match (&date, Date::from_text(&lead.date)) {
        (Date::Known(_), _) => date,
        (_, known @ Date::Known(_)) => known,
        _ => date,
    };
    let text_letters: usize = blocks
        .iter()
        .filter(|b| b.is_paragraph_text())
        .map(Block::letters)
        .sum();
    let has_text = text_letters >= LEAST_TEXT;
    let has_links = blocks.iter().any(Block::is_link_only);
    if !has_text && has_links {
        return Err("not an article: a list of links, no paragraph text".into());
    }
    if !has_text && meta.summary.is_empty() {
        return Err("not an article: no paragraph text".into());
    }
    let title = clean_title(&title);
    if title.is_empty() {
        return Err("not an article: no title (no front matter title, no heading)".into());
    }
    let pick =
        |first: &str, second: &str| clean_line(if first.is_empty() { second } else { first });
    let url = pick(&meta.url, &lead.url);
    // A host is the source only when nothing better is there, as for every format.
    let host = || super::url::host(&url).unwrap_or_default();
    let source = Some(pick(&meta.source, &lead.source))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(host);
    let mut article = Article {
        id: clean_line(&meta.id),
        title,
        date,
        source,
        url: Some(url).filter(|u| !u.is_empty()),
        body: body_of(
            blocks
                .iter()
                .filter(|b| b.kind != Kind::Rule)
                .map(|b| b.text.as_str()),
        )
        .into(),
        tags: meta.tags,
        header: Header {
            subtitle: clean_line(&meta.subtitle),
            author: pick(&meta.author, &lead.author),
            summary: normalize_body(&clean(&meta.summary)),
            ..Header::default()
        },
    };
    article.settle_id();
    Ok(article)
}

/// A first text block that reads as a title: short, not ending a sentence, and followed by
/// paragraph text.
fn line_title(blocks: &[Block]) -> Option<usize> {
    let first = blocks.iter().position(|b| b.kind == Kind::Text)?;
    let block = &blocks[first];
    let short = block.text.chars().count() <= LONGEST_LINE_TITLE && !block.text.contains('\n');
    let open = !block
        .text
        .ends_with(['。', '！', '？', '.', '!', '?', '；', ';', '：', ':', '”']);
    let more = blocks[first + 1..].iter().any(Block::is_paragraph_text);
    (block.is_paragraph_text() && short && open && more).then_some(first)
}

/// A title as one clean line, never starting with `#` or a `---` rule.
fn clean_title(text: &str) -> String {
    let line = clean_line(text);
    let mut t = line.as_str();
    loop {
        let next = t.trim_start_matches('#').trim_start();
        let next = if next.starts_with("---") {
            next.trim_start_matches('-').trim_start()
        } else {
            next
        };
        if next.len() == t.len() {
            break;
        }
        t = next;
    }
    t.to_string()
}

/// Paragraphs as a body: cleaned and normalised, one a line.
fn body_of<'a>(paragraphs: impl Iterator<Item = &'a str>) -> String {
    let joined: Vec<&str> = paragraphs.collect();
    normalize_body(&clean(&joined.join("\n")))
}
