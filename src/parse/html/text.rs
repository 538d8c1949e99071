//! The text of a DOM subtree as paragraphs, the way a reader sees it: every block element
//! (`<p>`, `<div>`, headings, list items, table cells, `<br>` …) ends a paragraph, runs of
//! white space collapse to one space (none where a source line break falls between two
//! Chinese characters, as browsers render it), scripts, styles, forms and hidden elements are
//! dropped, and an image stands for its caption: a `<figure>`'s `<figcaption>`, else the
//! image's `alt` text when it says something.
//!
//! The walk is iterative, so a page nested thousands of levels deep cannot exhaust the stack.

use dom_query::{LocalName, NodeData, NodeRef, TreeNode, local_name};

/// The paragraphs under `root`, in document order; none is empty or has white space at its
/// ends.
pub(super) fn paragraphs(root: &NodeRef) -> Vec<String> {
    walk(root, true)
}

/// [`paragraphs`] without the images' captions and `alt` texts: the lines a byline is looked
/// for in (a thumbnail's `alt` often repeats the headline far from it).
pub(super) fn lines(root: &NodeRef) -> Vec<String> {
    walk(root, false)
}

fn walk(root: &NodeRef, images: bool) -> Vec<String> {
    let mut out = Builder::default();
    let mut stack = vec![Step::Enter(*root)];
    let mut captioned_figures = 0usize;
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Enter(node) => node,
            Step::Leave { captioned } => {
                captioned_figures -= usize::from(captioned);
                out.end_block();
                continue;
            }
        };
        let kind = node.query(classify).unwrap_or(Kind::Skip);
        match kind {
            Kind::Skip => {}
            Kind::Text => out.text(&node.text()),
            Kind::Break => out.end_block(),
            Kind::Image => {
                if images
                    && captioned_figures == 0
                    && let Some(alt) = node.attr("alt").filter(|a| says_something(a))
                {
                    out.end_block();
                    out.text(&alt);
                    out.end_block();
                }
            }
            Kind::Inline | Kind::Block | Kind::Figure => {
                if kind != Kind::Inline {
                    let captioned = kind == Kind::Figure
                        && node
                            .descendants_it()
                            .any(|d| d.query(is_figcaption).unwrap_or(false));
                    captioned_figures += usize::from(captioned);
                    out.end_block();
                    stack.push(Step::Leave { captioned });
                }
                let children: Vec<NodeRef> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    out.finish()
}

/// One step of the walk.
enum Step<'a> {
    /// Visit a node (and push its children).
    Enter(NodeRef<'a>),
    /// Leave a block element; `captioned` when it was a `<figure>` with a caption.
    Leave { captioned: bool },
}

/// What a node is to the walk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Dropped with everything in it.
    Skip,
    /// A text node.
    Text,
    /// An element inside a paragraph (`<a>`, `<span>`, `<strong>` …), or the document itself.
    Inline,
    /// An element that starts and ends a paragraph.
    Block,
    /// `<figure>` (when it holds a `<figcaption>`, its images' `alt` give way).
    Figure,
    /// `<br>` or `<hr>`.
    Break,
    /// `<img>`.
    Image,
}

fn is_figcaption(node: &TreeNode) -> bool {
    matches!(&node.data, NodeData::Element(e) if e.name.local == local_name!("figcaption"))
}

fn classify(node: &TreeNode) -> Kind {
    match &node.data {
        NodeData::Text { .. } => Kind::Text,
        NodeData::Document | NodeData::Fragment => Kind::Inline,
        NodeData::Element(e) => {
            if e.attrs.iter().any(|a| hides(&a.name.local, &a.value)) {
                return Kind::Skip;
            }
            let name = &e.name.local;
            if SKIPPED.contains(name) {
                Kind::Skip
            } else if *name == local_name!("br") || *name == local_name!("hr") {
                Kind::Break
            } else if *name == local_name!("img") {
                Kind::Image
            } else if *name == local_name!("figure") {
                Kind::Figure
            } else if BLOCKS.contains(name) {
                Kind::Block
            } else {
                Kind::Inline
            }
        }
        _ => Kind::Skip,
    }
}

/// True for `hidden`, `aria-hidden="true"` and a style with `display:none`.
fn hides(name: &LocalName, value: &str) -> bool {
    match name.as_ref() {
        "hidden" => true,
        "style" => {
            let squashed: String = value.chars().filter(|c| !c.is_whitespace()).collect();
            squashed.to_ascii_lowercase().contains("display:none")
        }
        _ => false,
    }
}

/// Elements whose content is not text a reader sees.
const SKIPPED: &[LocalName] = &[
    local_name!("script"),
    local_name!("style"),
    local_name!("noscript"),
    local_name!("template"),
    local_name!("head"),
    local_name!("title"),
    local_name!("iframe"),
    local_name!("object"),
    local_name!("svg"),
    local_name!("canvas"),
    local_name!("select"),
    local_name!("textarea"),
    local_name!("button"),
    local_name!("input"),
    local_name!("video"),
    local_name!("audio"),
];

/// Elements that end a paragraph before and after them.
const BLOCKS: &[LocalName] = &[
    local_name!("p"),
    local_name!("div"),
    local_name!("section"),
    local_name!("article"),
    local_name!("aside"),
    local_name!("main"),
    local_name!("header"),
    local_name!("footer"),
    local_name!("nav"),
    local_name!("h1"),
    local_name!("h2"),
    local_name!("h3"),
    local_name!("h4"),
    local_name!("h5"),
    local_name!("h6"),
    local_name!("ul"),
    local_name!("ol"),
    local_name!("li"),
    local_name!("dl"),
    local_name!("dt"),
    local_name!("dd"),
    local_name!("table"),
    local_name!("tr"),
    local_name!("td"),
    local_name!("th"),
    local_name!("caption"),
    local_name!("blockquote"),
    local_name!("figcaption"),
    local_name!("pre"),
    local_name!("address"),
    local_name!("center"),
    local_name!("form"),
    local_name!("fieldset"),
    local_name!("details"),
    local_name!("summary"),
    local_name!("body"),
    local_name!("html"),
];

/// False for `alt` text that only says "an image": empty, a file name, a stock word, or a
/// single Latin word (`netease`, `logo`: a logo's name).
fn says_something(alt: &str) -> bool {
    let alt = alt.trim();
    let lower = alt.to_ascii_lowercase();
    let stock = [
        "image", "img", "photo", "picture", "图片", "圖片", "配图", "图", "logo",
    ];
    let file = [".jpg", ".jpeg", ".png", ".gif", ".webp"]
        .iter()
        .any(|ext| lower.ends_with(ext));
    let one_latin_word = alt.is_ascii() && !alt.contains(' ');
    alt.chars().filter(|c| c.is_alphanumeric()).count() >= 2
        && !stock.contains(&lower.as_str())
        && !file
        && !one_latin_word
}

/// True for the Han ideographs and CJK punctuation between which a line break in the source
/// is not a space.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{2E80}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{FF00}'..='\u{FFEF}' | '\u{20000}'..='\u{3134F}')
}

/// True for the Private Use Area, where icon fonts put their glyphs (`\u{e621}` for a
/// camera icon): no text a reader can see.
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}')
}

/// Collects text into paragraphs, collapsing white space.
#[derive(Default)]
struct Builder {
    done: Vec<String>,
    current: String,
    /// White space seen since the last character kept: none, spaces, or a line break.
    pending: Pending,
}

#[derive(Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    #[default]
    Nothing,
    Space,
    LineBreak,
}

impl Builder {
    fn text(&mut self, text: &str) {
        // A line break joins two Chinese characters only inside one text node: between
        // elements laid out on separate lines (`<a>来源</a>\n<a>举报</a>`) it is a space.
        let mut kept_in_this_node = false;
        for c in text.chars() {
            if is_private_use(c) {
                continue;
            }
            if c.is_whitespace() {
                let this = if c == '\n' {
                    Pending::LineBreak
                } else {
                    Pending::Space
                };
                self.pending = self.pending.max(this);
                continue;
            }
            if self.pending != Pending::Nothing && !self.current.is_empty() {
                let joins_cjk = self.pending == Pending::LineBreak
                    && kept_in_this_node
                    && self.current.chars().next_back().is_some_and(is_cjk)
                    && is_cjk(c);
                if !joins_cjk {
                    self.current.push(' ');
                }
            }
            self.pending = Pending::Nothing;
            self.current.push(c);
            kept_in_this_node = true;
        }
    }

    fn end_block(&mut self) {
        if !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.pending = Pending::Nothing;
    }

    fn finish(mut self) -> Vec<String> {
        self.end_block();
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn of(html: &str) -> Vec<String> {
        paragraphs(&Document::fragment(html).root())
    }

    #[test]
    fn blocks_break_paragraphs_and_inline_markup_does_not() {
        assert_eq!(
            of("<p>第一段<b>加粗</b>，<a href=x>链接</a>。</p><div>第二段<br>第三段</div>末尾"),
            ["第一段加粗，链接。", "第二段", "第三段", "末尾"]
        );
    }

    #[test]
    fn white_space_collapses_and_a_line_break_between_chinese_goes() {
        assert_eq!(
            of("<p>  新华社  北京\n  10月1日电\n记者 张三  </p><p>Hello\n  world</p>"),
            ["新华社 北京 10月1日电记者 张三", "Hello world"]
        );
        assert_eq!(
            of("<div>来源: <a>每日经济新闻</a>\n    <a>举报</a></div><p>\u{e621}图标</p>"),
            ["来源: 每日经济新闻 举报", "图标"]
        );
    }

    #[test]
    fn scripts_styles_and_hidden_elements_are_dropped() {
        assert_eq!(
            of("<p>正文<script>var a = 1;</script><style>p{}</style></p>\
                <div hidden>隐藏</div><p style=\"DISPLAY: none\">也隐藏</p><p>尾</p>"),
            ["正文", "尾"]
        );
    }

    #[test]
    fn images_stand_for_their_caption_or_alt() {
        assert_eq!(
            of(
                "<p>前文</p><figure><img alt=\"不用\"><figcaption>图为会场。</figcaption></figure>\
                <img alt=\"天安门广场\"><img alt=\"图片\"><img alt=\"a.jpg\"><img alt=\"netease\"><p>后文</p>"
            ),
            ["前文", "图为会场。", "天安门广场", "后文"]
        );
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = format!("{}深处{}", "<div>".repeat(2_000), "</div>".repeat(2_000));
        assert_eq!(of(&html), ["深处"]);
    }
}
