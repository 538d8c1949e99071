//! The reader's document for an article: which blocks it shows, in display form.
//!
//! The body is read once, paragraph by paragraph, straight into the document's one string
//! (`doc`): opening a 50 MB article copies its body once and allocates nothing per paragraph.
//!
//! The header shows the article's id (`id 618211eec43b155d`: what `juan show ID` takes) and
//! the URL on lines of their own. `juan show` prints the URL whole, wrapped like any line
//! ([`Layout::for_article`]). The interactive reader never wraps it, so a mouse selection or
//! a hyperlink takes it whole: its document holds the URL's place as an empty metadata block,
//! the only empty one ([`Layout::for_reader`]), which lays out as one row at every width; the
//! reader draws the URL there, cut to the pane with an ellipsis (`app::Detail`).

use super::doc::Doc;
use super::{BlockKind, Layout};
use crate::article::Article;
use crate::text::{AmbiguousWidth, for_display};

/// How the URL line is put in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UrlLine {
    /// As text, wrapped like any line (`juan show`).
    Text,
    /// As an empty block holding its place: one row, drawn by the reader.
    Place,
}

impl Layout {
    /// The article as `juan show` prints it, all in display form for `mode`: the kicker, the
    /// title as the record gave it, the subtitle, `DATE  SOURCE  AUTHOR` (with the date as
    /// written when the display zone changed it), `id ID`, the URL, the summary, then the
    /// paragraphs (the summary's, when the article has no body).
    pub fn for_article(article: &Article, mode: AmbiguousWidth) -> Layout {
        Layout::build(article, mode, UrlLine::Text)
    }

    /// The document of the interactive reader: [`Layout::for_article`]'s, but the URL line is
    /// an empty metadata block (the document's only empty one) that the reader fills with the
    /// URL cut to one row (see the module docs).
    pub fn for_reader(article: &Article, mode: AmbiguousWidth) -> Layout {
        Layout::build(article, mode, UrlLine::Place)
    }

    fn build(article: &Article, mode: AmbiguousWidth, url_line: UrlLine) -> Layout {
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
        if !article.id.is_empty() {
            push(BlockKind::Meta, &format!("id {}", article.id));
        }
        if let Some(url) = article.url.as_deref().filter(|u| !u.is_empty()) {
            match url_line {
                UrlLine::Text => push(BlockKind::Meta, url),
                UrlLine::Place => push(BlockKind::Meta, ""),
            }
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

    fn article(url: &str) -> Article {
        Article {
            id: "618211eec43b155d".into(),
            title: "中共长春市委人大工作会议召开".into(),
            date: crate::date::Date::from_text("2017-09-06 09:11"),
            source: "长春日报".into(),
            url: Some(url.into()),
            body: "9月5日，会议召开。\n会议强调。".into(),
            ..Default::default()
        }
    }

    fn rows(mut layout: Layout, width: usize) -> Vec<(BlockKind, String)> {
        layout.set_width(width);
        let total = layout.total_rows();
        layout
            .rows(0, total)
            .iter()
            .map(|r| (r.kind, r.text.to_string()))
            .collect()
    }

    const URL: &str = "http://www.changchun.gov.cn/zw/rd/201709/t20170906_1234567.html";

    #[test]
    fn show_prints_the_id_and_the_whole_url_wrapped() {
        let shown: Vec<String> = rows(
            Layout::for_article(&article(URL), AmbiguousWidth::Narrow),
            30,
        )
        .into_iter()
        .map(|(_, t)| t)
        .collect();
        assert_eq!(
            shown[..3],
            [
                "中共长春市委人大工作会议召开",
                "2017-09-06 09:11  长春日报",
                "id 618211eec43b155d"
            ]
        );
        let url_rows: Vec<&String> = shown[3..].iter().take_while(|r| !r.is_empty()).collect();
        assert!(url_rows.len() > 1, "{shown:?}");
        assert_eq!(url_rows.iter().map(|r| r.as_str()).collect::<String>(), URL);
    }

    #[test]
    fn the_reader_keeps_one_empty_row_for_the_url_at_every_width() {
        for width in [1, 5, 30, 200, usize::MAX] {
            let all = rows(
                Layout::for_reader(&article(URL), AmbiguousWidth::Narrow),
                width,
            );
            let places: Vec<usize> = (0..all.len())
                .filter(|&i| all[i] == (BlockKind::Meta, String::new()))
                .collect();
            assert_eq!(places.len(), 1, "{width}: {all:?}");
            // Right after the id, right before the blank row and the body.
            assert!(all[places[0] - 1].1.ends_with('d'), "{width}: {all:?}");
            assert_eq!(all[places[0] + 1], (BlockKind::Body, String::new()));
        }
        // No URL, no place; no id, no id line.
        let mut bare = article(URL);
        bare.url = None;
        bare.id = String::new();
        let all = rows(Layout::for_reader(&bare, AmbiguousWidth::Narrow), 80);
        assert_eq!(
            all[..3],
            [
                (BlockKind::Title, "中共长春市委人大工作会议召开".to_string()),
                (BlockKind::Meta, "2017-09-06 09:11  长春日报".to_string()),
                (BlockKind::Body, String::new()),
            ]
        );
    }

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
