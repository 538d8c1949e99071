//! The reader's document for an article: which blocks it shows, in display form.
//!
//! The body is read once, paragraph by paragraph, straight into the document's one string
//! (`doc`): opening a 50 MB article copies its body once and allocates nothing per paragraph.

use super::doc::Doc;
use super::{BlockKind, Layout};
use crate::article::Article;
use crate::text::{AmbiguousWidth, for_display};

impl Layout {
    /// The reader's document for `article`, all in display form for `mode`: the kicker, the
    /// title as the record gave it, the subtitle, `DATE  SOURCE  AUTHOR` (with the date as
    /// written when the display zone changed it), the URL, the summary, then the paragraphs
    /// (the summary's, when the article has no body).
    pub fn for_article(article: &Article, mode: AmbiguousWidth) -> Layout {
        let h = &article.header;
        let body = article.body.text();
        let mut doc = Doc::with_capacity(body.len() + h.summary.len() + 1024);
        let mut push = |kind, text: &str| doc.push(kind, &for_display(text, mode));
        if !h.kicker.is_empty() {
            push(BlockKind::Meta, &h.kicker);
        }
        let title = if h.full_title.is_empty() {
            &article.title
        } else {
            &h.full_title
        };
        push(BlockKind::Title, title);
        if !h.subtitle.is_empty() {
            push(BlockKind::Meta, &h.subtitle);
        }
        let written = article.date.stamp().and_then(|s| s.as_written());
        let date = match written {
            Some(w) => format!("{} ({w})", article.date.display()),
            None => article.date.display(),
        };
        let meta = [date, article.source.clone(), h.author.clone()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("  ");
        if !meta.is_empty() {
            push(BlockKind::Meta, &meta);
        }
        if let Some(url) = &article.url {
            push(BlockKind::Meta, url);
        }
        let paragraphs = body.split('\n').filter(|p| !p.is_empty());
        // A summary the body opens with (as NewsAPI and many sites write it) is not repeated.
        let repeated = opens_with(paragraphs.clone(), h.summary.trim_end_matches(['…', '.']));
        let summary = h
            .summary
            .split('\n')
            .filter(|p| !p.trim().is_empty() && !repeated);
        if paragraphs.clone().next().is_none() {
            summary.for_each(|p| push(BlockKind::Body, p));
        } else {
            summary.for_each(|p| push(BlockKind::Meta, p));
            paragraphs.for_each(|p| push(BlockKind::Body, p));
        }
        Layout::of_doc(doc)
    }
}

/// True when the first three paragraphs, whitespace left out, begin with `summary` (whitespace
/// left out; an empty summary begins nothing). Reads no more of the paragraphs than the summary
/// is long.
fn opens_with<'a>(paragraphs: impl Iterator<Item = &'a str>, summary: &str) -> bool {
    let solid = |c: &char| !c.is_whitespace();
    let mut lead = paragraphs.take(3).flat_map(str::chars).filter(solid);
    let mut summary = summary.chars().filter(solid).peekable();
    summary.peek().is_some() && summary.all(|c| lead.next() == Some(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_is_repeated_only_when_the_body_begins_with_it() {
        let body = ["第一段 开头。", "第二段。", "第三段。", "第四段。"];
        let opens = |summary: &str| opens_with(body.iter().copied(), summary);
        assert!(opens("第一段开头。"));
        assert!(opens("第一段 开头。第二 段"));
        assert!(opens("第一段开头。第二段。第三段。"));
        assert!(!opens("第一段开头。第二段。第三段。第四"));
        assert!(!opens("第二段"));
        assert!(!opens(" "));
        assert!(!opens_with(std::iter::empty(), "提要"));
    }
}
