//! A Markdown body as plain blocks, with pulldown-cmark (the CommonMark parser most Rust
//! tools use): headings, text paragraphs and horizontal rules, each paragraph's links
//! counted so that a list of links can be told from paragraph text.
//!
//! - emphasis, strikethrough, inline code and link text stay as text; a link's target is kept
//!   aside ([`Block::links`]);
//! - an image becomes its caption (its alt text, else its title) as a paragraph of its own,
//!   and nothing when the alt text is empty or only a file name (`10-01-caixin.jpg`);
//! - each list item is a paragraph, an ordered one keeps its number (`1. …`); a table row is
//!   a paragraph with its cells between ` | `; a code block keeps its lines;
//! - raw HTML (`<p>`, `<figure>`, `<figcaption>`, `<br>`, comments) is reduced to its text
//!   ([`crate::parse::html::fragment_text`]);
//! - Hugo shortcodes and Liquid tags (`{{< video … >}}`, `{% include … %}`) are dropped;
//! - `#标题`, a heading without the space CommonMark wants, is read as a heading (Chinese
//!   archives write it often), unless the line holds another `#` (a `#话题#` hashtag).

use std::borrow::Cow;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthChar;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A heading of level 1 (`#`) to 6.
    Heading(u8),
    /// A paragraph, list item, table row, quote, code line, caption or HTML paragraph.
    Text,
    /// A horizontal rule (`---`).
    Rule,
}

/// One block of the body, its text on one line (a code block or `<br>` may hold `\n`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Block {
    /// Heading, text or rule.
    pub(crate) kind: Kind,
    /// The text, trimmed; empty for a rule.
    pub(crate) text: String,
    /// The targets of the links in the block, in order.
    pub(crate) links: Vec<String>,
    /// Letters and digits inside links.
    linked: usize,
    /// Letters and digits outside links.
    plain: usize,
}

impl Block {
    /// True for a block that is one or more links and little else: `[标题](url)`,
    /// `[查看原文](url)`, `原文链接：财新网 [「标题」](url)`.
    pub(super) fn is_link_only(&self) -> bool {
        !self.links.is_empty() && self.plain <= 12 && self.plain < self.linked.max(1)
    }

    /// True for a text block that is not only links and holds a letter or digit.
    pub(super) fn is_paragraph_text(&self) -> bool {
        self.kind == Kind::Text && !self.is_link_only() && self.linked + self.plain > 0
    }

    /// Letters and digits in the block, inside links or not.
    pub(super) fn letters(&self) -> usize {
        self.linked + self.plain
    }
}

/// The blocks of a Markdown body, in order; empty blocks are left out.
pub(super) fn render(markdown: &str) -> Vec<Block> {
    let source = loosen_headings(markdown);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut r = Renderer::default();
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        if matches!(event, Event::Start(Tag::Item)) {
            r.item_marker = source[range]
                .trim_start()
                .split('.')
                .next()
                .and_then(|n| n.split(')').next().and_then(|n| n.parse().ok()));
        }
        r.event(event);
    }
    r.flush();
    r.blocks
        .dedup_by(|b, a| a.kind == b.kind && a.text == b.text);
    r.blocks
}

/// Gathers events into blocks.
#[derive(Default)]
struct Renderer {
    blocks: Vec<Block>,
    text: String,
    links: Vec<String>,
    linked: usize,
    plain: usize,
    heading: Option<u8>,
    link_depth: usize,
    /// Alt text and title of the image being read.
    image: Option<(String, String)>,
    /// Next number of each open list (`None` for a bullet list).
    lists: Vec<Option<u64>>,
    /// Text to put before the block's first text (a list number, a footnote label).
    prefix: Option<String>,
    /// The number the source wrote before the list item being started (`8.` → 8).
    item_marker: Option<u64>,
    soft_break: bool,
    /// Raw HTML of the HTML block being read.
    html: Option<String>,
}

impl Renderer {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t)
            }
            Event::Html(h) => self.html.get_or_insert_default().push_str(&h),
            Event::InlineHtml(h) => {
                if h.trim_start_matches('<')
                    .to_ascii_lowercase()
                    .starts_with("br")
                {
                    self.text.push('\n');
                }
            }
            Event::FootnoteReference(label) => self.push_text(&format!("[{label}]")),
            Event::SoftBreak => self.soft_break = true,
            Event::HardBreak => self.text.push('\n'),
            Event::Rule => {
                self.flush();
                self.blocks.push(Block {
                    kind: Kind::Rule,
                    text: String::new(),
                    links: Vec::new(),
                    linked: 0,
                    plain: 0,
                });
            }
            Event::TaskListMarker(done) => self.push_text(if done { "[x] " } else { "[ ] " }),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush();
                self.heading = Some(level as u8);
            }
            Tag::List(first) => {
                self.flush();
                self.lists.push(first);
            }
            Tag::Item => {
                self.flush();
                if let Some(Some(n)) = self.lists.last_mut() {
                    let shown = self.item_marker.take().unwrap_or(*n);
                    self.prefix = Some(format!("{shown}. "));
                    *n = shown + 1;
                }
            }
            Tag::FootnoteDefinition(label) => {
                self.flush();
                self.prefix = Some(format!("[{label}] "));
            }
            Tag::TableCell if !self.text.is_empty() => self.text.push_str(" | "),
            Tag::Link { dest_url, .. } => {
                self.link_depth += 1;
                self.links.push(dest_url.to_string());
            }
            Tag::Image { title, .. } => self.image = Some((String::new(), title.to_string())),
            Tag::HtmlBlock => {
                self.flush();
                self.html = Some(String::new());
            }
            Tag::Paragraph
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Link => self.link_depth = self.link_depth.saturating_sub(1),
            TagEnd::Image => {
                if let Some((alt, title)) = self.image.take() {
                    let caption = [alt, title].into_iter().find(|t| is_caption(t));
                    if let Some(caption) = caption {
                        self.flush();
                        self.push_text(caption.trim());
                        self.flush();
                    }
                }
            }
            TagEnd::HtmlBlock => {
                let html = self.html.take().unwrap_or_default();
                for line in crate::parse::html::fragment_text(&html).lines() {
                    self.push_text(line);
                    self.flush();
                }
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush(),
            _ => {}
        }
    }

    /// Adds text to the block being read (or to the alt text of the image being read).
    fn push_text(&mut self, t: &str) {
        if let Some((alt, _)) = &mut self.image {
            alt.push_str(t);
            return;
        }
        if std::mem::take(&mut self.soft_break) && !self.text.is_empty() {
            let before = self.text.chars().next_back();
            let after = t.chars().next();
            let wide = |c: Option<char>| c.is_some_and(|c| c.width() == Some(2));
            if !wide(before) && !wide(after) {
                self.text.push(' ');
            }
        }
        if let Some(prefix) = self.prefix.take() {
            self.text.push_str(&prefix);
        }
        self.text.push_str(t);
        let letters = t.chars().filter(|c| c.is_alphanumeric()).count();
        if self.link_depth > 0 {
            self.linked += letters;
        } else {
            self.plain += letters;
        }
    }

    /// Ends the block being read, keeping it when it holds text.
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.text);
        let links = std::mem::take(&mut self.links);
        let (linked, plain) = (
            std::mem::take(&mut self.linked),
            std::mem::take(&mut self.plain),
        );
        let kind = self.heading.take().map_or(Kind::Text, Kind::Heading);
        self.soft_break = false;
        let text = without_templates(&text);
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.prefix = None;
        self.blocks.push(Block {
            kind,
            text: text.to_string(),
            links,
            linked,
            plain,
        });
    }
}

/// True when an image's alt text or title says something: not empty, not a file name, not
/// a placeholder word.
fn is_caption(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    let file_name = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let placeholder = matches!(lower.as_str(), "image" | "img" | "photo" | "图片" | "圖片");
    !t.is_empty() && !file_name && !placeholder && !lower.starts_with("http")
}

/// `text` without Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) and Liquid tags (`{% … %}`,
/// `{{ … }}`).
fn without_templates(text: &str) -> Cow<'_, str> {
    if !text.contains("{{") && !text.contains("{%") {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let open = [rest.find("{{"), rest.find("{%")]
            .into_iter()
            .flatten()
            .min();
        let Some(at) = open else { break };
        let close = if rest[at..].starts_with("{%") {
            "%}"
        } else {
            "}}"
        };
        let Some(len) = rest[at + 2..].find(close) else {
            break;
        };
        out.push_str(&rest[..at]);
        rest = &rest[at + 2 + len + close.len()..];
        rest = rest.strip_prefix('}').unwrap_or(rest);
    }
    out.push_str(rest);
    out.into()
}

/// `markdown` with a space put after the `#`s of `#标题` lines outside code fences, so that
/// CommonMark reads them as headings.
fn loosen_headings(markdown: &str) -> Cow<'_, str> {
    let mut fence: Option<&str> = None;
    let mut out = String::new();
    let mut changed = false;
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        for marker in ["```", "~~~"] {
            if trimmed.starts_with(marker) {
                fence = match fence {
                    Some(open) if open == marker => None,
                    None => Some(marker),
                    other => other,
                };
            }
        }
        let hashes = line.bytes().take_while(|b| *b == b'#').count();
        let next = line[hashes..].chars().next();
        let tight = fence.is_none()
            && (1..=6).contains(&hashes)
            && next.is_some_and(|c| !c.is_whitespace() && c != '#')
            && !line[hashes..].contains('#');
        if tight {
            out.push_str(&line[..hashes]);
            out.push(' ');
            out.push_str(&line[hashes..]);
            changed = true;
        } else {
            out.push_str(line);
        }
    }
    if changed { out.into() } else { markdown.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(markdown: &str) -> Vec<String> {
        render(markdown)
            .iter()
            .map(|b| match b.kind {
                Kind::Heading(n) => format!("h{n} {}", b.text),
                Kind::Rule => "---".into(),
                Kind::Text if b.is_link_only() => format!("links {} {:?}", b.text, b.links),
                Kind::Text => b.text.clone(),
            })
            .collect()
    }

    #[test]
    fn inline_markup_is_text() {
        let md = "# 标题 {#id}\n\n**央视网消息**（新闻联播）：据[新华社](http://x/1)报道，\n\
                  今天*开幕*。`代码` ~~删去~~\n\nSoft\nbreak";
        assert_eq!(
            shown(md),
            [
                "h1 标题",
                "央视网消息（新闻联播）：据新华社报道，今天开幕。代码 删去",
                "Soft break"
            ]
        );
    }

    #[test]
    fn images_are_captions() {
        let md = "前文![小欣雨在老家过年](a.jpg)后文\n\n![10-01-caixin.jpg](b.jpg)\n\n\
                  ![](c.jpg \"题注\")\n\n![](d.jpg)";
        assert_eq!(shown(md), ["前文", "小欣雨在老家过年", "后文", "题注"]);
    }

    #[test]
    fn lists_tables_code_and_html() {
        let md = "1. 第一条\n2. 第二条\n\n- 甲\n  - 乙\n\n| 地区 | 病例 |\n|---|---|\n| 北京 | 6 |\n\n\
                  ```\nline one\nline two\n```\n\n<figure><img src=\"x.jpg\">\n\
                  <figcaption>图说</figcaption></figure>\n\n<p>段一</p><p>段二<br>段三</p>\n";
        assert_eq!(
            shown(md),
            [
                "1. 第一条",
                "2. 第二条",
                "甲",
                "乙",
                "地区 | 病例",
                "北京 | 6",
                "line one\nline two",
                "图说",
                "段一",
                "段二",
                "段三"
            ]
        );
    }

    #[test]
    fn loose_lists_keep_the_numbers_written() {
        let md = "1. 第一条；\n\n2. 第二条；\n\n8. 第八条。\n\n![博客 | 黃志全](a.png)\n\n**博客 | 黃志全**";
        assert_eq!(
            shown(md),
            ["1. 第一条；", "2. 第二条；", "8. 第八条。", "博客 | 黃志全"]
        );
    }

    #[test]
    fn link_lists_are_told_from_text() {
        let md = "- [武汉不明肺炎防疫全纪录](http://a)\n- [全国疫情实时动态](http://b) 丁香园\n\n\
                  [查看原文](https://tv.cctv.com/x.shtml)\n\n\
                  原文链接：财新网 ~~[「被清退以后，他们怎样过年」](http://c)~~\n\n\
                  据[新华社](http://d)报道，今天开幕。\n\n---\n\n## [标题](http://e)";
        assert_eq!(
            shown(md),
            [
                "links 武汉不明肺炎防疫全纪录 [\"http://a\"]",
                "links 全国疫情实时动态 丁香园 [\"http://b\"]",
                "links 查看原文 [\"https://tv.cctv.com/x.shtml\"]",
                "links 原文链接：财新网 「被清退以后，他们怎样过年」 [\"http://c\"]",
                "据新华社报道，今天开幕。",
                "---",
                "h2 标题"
            ]
        );
        assert_eq!(render("## [标题](http://e)")[0].links, ["http://e"]);
    }

    #[test]
    fn shortcodes_and_tight_headings() {
        let md = "#标题\n\n正文{{< video src=\"x\" >}}\n\n{% include ad.html %}\n\n\
                  #话题#正文\n\n```\n#include\n```";
        assert_eq!(shown(md), ["h1 标题", "正文", "#话题#正文", "#include"]);
    }
}
