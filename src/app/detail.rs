//! The detail pane's state: one article laid out at the pane's width, the scroll position kept
//! as a place in the text (so a resize keeps the same text at the top), and the rows in view.
//!
//! The reader never waits on layout (issue 11): a key or a resize lays out at most
//! [`SYNC_BYTES`] of text on the spot. What needs more (`G` on a huge article before it is laid
//! out to the end; a resize while reading deep in one) becomes [`Pending`], which
//! [`Detail::layout_some`] finishes between events: `G` shows the rows laid out so far, last
//! first, until the end is reached; after a resize the rows in view stay as they were until the
//! new width reaches the reading position, and scrolling meanwhile is applied from there.
//!
//! The URL is one row at every width ([`Layout::for_reader`] keeps its place): the row in
//! view carries the whole URL and says so ([`VisibleRow::link`]); the drawing code cuts it to
//! the pane and offers it as a hyperlink.
//!
//! A find (`/`, `n`, `N`) and the query's terms mark stretches of the rows in view
//! ([`VisibleRow::marks`]): the matches are kept as places in the text (`found`), the jumps
//! and the counter are `seek`'s.

use std::ops::Range;

use crate::article::Article;
use crate::query::needles::Needles;
use crate::text::layout::{BlockKind, Layout, Position};
use crate::text::{AmbiguousWidth, for_display};

mod found;
mod place;
mod seek;

pub(crate) use found::Mark;
use found::{Found, row_marks};
pub(crate) use seek::Outcome;

/// The most text a key press or a resize lays out before it returns (a few milliseconds).
const SYNC_BYTES: usize = 256 * 1024;

/// One row in view, copied out of the layout for the drawing code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleRow {
    /// What the row belongs to (title, metadata, body), for styling.
    pub(crate) kind: BlockKind,
    /// The text, already cut to fit the pane; the whole URL on the URL's row.
    pub(crate) text: String,
    /// True on the URL's row: one row whatever its width, cut to the pane when drawn.
    pub(crate) link: bool,
    /// Stretches of `text` (byte ranges) that a find or the query's terms mark, ascending.
    pub(crate) marks: Vec<(Range<usize>, Mark)>,
}

/// Where the reader asked to go that the layout has not reached yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    /// Nothing: the view is where it was asked to be.
    None,
    /// The end (`G`): the view follows the rows laid out so far.
    End,
    /// The reading position at a new width, then `delta` rows scrolled meanwhile.
    Seek { pos: Position, delta: isize },
}

/// An open article and where the reader is in it.
#[derive(Debug, Clone)]
pub struct Detail {
    article: usize,
    layout: Layout,
    /// The article's URL as given, and as shown (in display form).
    url: Option<(String, String)>,
    top: usize,
    pos: Position,
    height: usize,
    total: usize,
    visible: Vec<VisibleRow>,
    pending: Pending,
    /// The query's terms, marked wherever they are in view.
    terms: Needles,
    /// The find in this article, if one found anything.
    found: Option<Found>,
    /// True once the reader has opened this article (at its first body match).
    opened: bool,
    /// True while the view is where the reader left the article last time (`place.rs`):
    /// the pane says so until the view moves.
    resumed: bool,
}

impl Detail {
    /// Opens `article` (its index in the archive is `index`) at the top.
    pub fn new(index: usize, article: &Article, mode: AmbiguousWidth) -> Detail {
        Detail {
            article: index,
            layout: Layout::for_reader(article, mode),
            url: article
                .url
                .as_ref()
                .filter(|u| !u.is_empty())
                .map(|u| (u.clone(), for_display(u, mode).into_owned())),
            top: 0,
            pos: Position::default(),
            height: 0,
            total: 0,
            visible: Vec::new(),
            pending: Pending::None,
            terms: Needles::default(),
            found: None,
            opened: false,
            resumed: false,
        }
    }

    /// The archive index of the article shown.
    pub(crate) fn article(&self) -> usize {
        self.article
    }

    /// The article's URL, whole, as the archive gave it (sanitized), if it has one.
    pub(crate) fn url(&self) -> Option<&str> {
        self.url.as_ref().map(|(given, _)| given.as_str())
    }

    /// Lays the text out for a pane of `width` × `height` cells, keeping the reading position.
    /// Only what is in view is laid out now; `Detail::layout_some` does the rest.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        let keep_match = self.current_match_in_view();
        self.height = height;
        if width != self.layout.width() {
            self.layout.set_width(width);
            if let Pending::None = self.pending {
                self.pending = Pending::Seek {
                    pos: self.pos,
                    delta: 0,
                };
            }
        }
        self.settle(SYNC_BYTES);
        if keep_match && self.pending == Pending::None && !self.current_match_in_view() {
            self.show_current_match();
        }
    }

    /// Lays out up to `budget_bytes` more of the text, toward what is pending first; true once
    /// the layout is complete. The interface calls this while idle, so opening a huge article
    /// never waits for it.
    pub(crate) fn layout_some(&mut self, budget_bytes: usize) -> bool {
        if self.pending == Pending::None {
            self.layout.layout_some(budget_bytes);
            self.total = self.row_count();
        } else {
            self.settle(budget_bytes);
        }
        self.layout.is_complete()
    }

    /// True once every row's position is known (the scrollbar is exact).
    pub(crate) fn is_complete(&self) -> bool {
        self.layout.is_complete()
    }

    fn row_count(&self) -> usize {
        if self.layout.is_complete() {
            self.layout.known_rows()
        } else {
            self.layout
                .estimated_total_rows()
                .max(self.layout.known_rows())
        }
    }

    /// Scrolls by `delta` rows (negative is up).
    pub(crate) fn scroll_by(&mut self, delta: isize) {
        self.resumed = false;
        match &mut self.pending {
            Pending::Seek { delta: d, .. } => {
                *d = d.saturating_add(delta);
                return;
            }
            Pending::End => self.pending = Pending::None,
            Pending::None => {}
        }
        self.top = self.top.saturating_add_signed(delta);
        self.clamp_and_refresh(true);
    }

    /// Scrolls to the first row.
    pub(crate) fn scroll_to_top(&mut self) {
        self.resumed = false;
        self.pending = Pending::None;
        self.top = 0;
        self.clamp_and_refresh(true);
    }

    /// Scrolls so the last row is at the bottom of the pane: at once when the end is laid out
    /// within `SYNC_BYTES`, else the view follows the layout there (see the module docs).
    pub(crate) fn scroll_to_bottom(&mut self) {
        self.resumed = false;
        self.pending = Pending::End;
        self.settle(SYNC_BYTES);
    }

    /// Rows in the pane.
    pub(crate) fn height(&self) -> usize {
        self.height
    }

    /// The first row in view.
    pub(crate) fn top(&self) -> usize {
        self.top
    }

    /// Rows in the whole document at the current width.
    pub(crate) fn total_rows(&self) -> usize {
        self.total
    }

    /// The rows in view, top to bottom.
    pub fn visible(&self) -> &[VisibleRow] {
        &self.visible
    }

    /// How far through the text the bottom of the pane is, 0–100.
    pub(crate) fn percent(&self) -> u16 {
        let max_top = self.total.saturating_sub(self.height);
        if max_top == 0 {
            return 100;
        }
        ((self.top.min(max_top) * 100) / max_top) as u16
    }

    /// Lays out up to `budget` bytes toward what is pending and shows the result.
    fn settle(&mut self, budget: usize) {
        match self.pending {
            Pending::None => self.clamp_and_refresh(false),
            Pending::End => {
                let done = self.layout.layout_some(budget);
                if done {
                    self.pending = Pending::None;
                    self.top = usize::MAX;
                } else {
                    self.top = self.layout.known_rows().saturating_sub(self.height);
                }
                self.clamp_and_refresh(true);
            }
            Pending::Seek { pos, delta } => {
                if self.layout.lay_out_toward(pos, budget) {
                    self.pending = Pending::None;
                    self.top = self.layout.row_of(pos).saturating_add_signed(delta);
                    self.clamp_and_refresh(delta != 0);
                } else {
                    self.total = self.row_count();
                }
            }
        }
    }

    fn clamp_and_refresh(&mut self, moved: bool) {
        self.total = self.row_count();
        let max_top = self.total.saturating_sub(self.height);
        self.top = self.top.min(max_top);
        if moved {
            self.pos = self.layout.position_at(self.top);
        }
        let shown_url = self.url.as_ref().map(|(_, shown)| shown.as_str());
        self.layout.prepare(self.top, self.height);
        let rows = self.layout.laid_out_rows(self.top, self.height);
        let window = match (rows.first(), rows.last()) {
            (Some(first), Some(last)) => first.offset..last.offset + last.text.len(),
            _ => 0..0,
        };
        let marks = self.marks_in(window);
        self.visible = rows
            .into_iter()
            .map(|r| {
                // The reader's document holds the URL's place as its only empty metadata block.
                let link = r.kind == BlockKind::Meta && r.text.is_empty() && shown_url.is_some();
                VisibleRow {
                    kind: r.kind,
                    text: if link {
                        shown_url.unwrap_or_default().to_string()
                    } else {
                        r.text.to_string()
                    },
                    link,
                    marks: if link {
                        Vec::new()
                    } else {
                        row_marks(r.offset, r.text.len(), &marks)
                    },
                }
            })
            .collect();
        self.total = self.row_count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 40-paragraph article that wraps to many rows (also the place tests' article).
    pub(super) fn article() -> Article {
        let body = (1..=40)
            .map(|i| {
                format!(
                    "第{i}段。这是一个用来测试滚动和改变宽度的段落，内容足够长，可以折成好几行。"
                )
            })
            .collect::<Vec<_>>()
            .join("\n");
        Article {
            id: "x".into(),
            title: "标题".into(),
            body: body.into(),
            ..Default::default()
        }
    }

    #[test]
    fn scrolling_is_clamped_and_percent_is_exact() {
        let mut d = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        d.resize(30, 10);
        assert_eq!(d.percent(), 0);
        assert_eq!(d.visible().len(), 10);
        d.scroll_by(-5);
        assert_eq!(d.top(), 0);
        d.scroll_to_bottom();
        assert_eq!(d.top() + d.height(), d.total_rows());
        assert_eq!(d.percent(), 100);
        assert!(d.visible().last().unwrap().text.ends_with("好几行。"));
    }

    #[test]
    fn the_url_is_one_row_whole_at_every_width() {
        let url = "http://www.changchun.gov.cn/zw/rd/201709/t20170906_1234567.html";
        let mut a = article();
        a.url = Some(url.into());
        let mut d = Detail::new(0, &a, AmbiguousWidth::Narrow);
        assert_eq!(d.url(), Some(url));
        for width in [1, 10, 30, 120] {
            d.resize(width, 20);
            let links: Vec<&VisibleRow> = d.visible().iter().filter(|r| r.link).collect();
            assert_eq!(links.len(), 1, "{width}");
            assert_eq!(links[0].text, url);
            assert_eq!(links[0].kind, BlockKind::Meta);
            let at = d.visible().iter().position(|r| r.link).unwrap();
            if width >= 10 {
                assert_eq!(d.visible()[at - 1].text, "id x");
            }
            assert_eq!(
                d.visible()[at + 1].text,
                "",
                "the blank row before the body"
            );
        }
        let no_url = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        assert_eq!(no_url.url(), None);
    }

    #[test]
    fn a_resize_keeps_the_text_at_the_top() {
        let mut d = Detail::new(0, &article(), AmbiguousWidth::Narrow);
        d.resize(30, 10);
        d.scroll_by(37);
        while d.visible()[0].text.is_empty() {
            d.scroll_by(1);
        }
        let first = d.visible()[0].text.clone();
        let para = first.chars().take(3).collect::<String>();
        d.resize(70, 10);
        d.resize(30, 10);
        assert_eq!(d.visible()[0].text, first);
        d.resize(70, 10);
        let wide: String = d.visible().iter().take(2).map(|r| r.text.clone()).collect();
        assert!(wide.contains(&para), "{wide}");
    }

    /// One paragraph of `bytes` bytes of Chinese that ends in `全文完。`.
    fn huge(bytes: usize) -> Article {
        let mut body = "深刻认识到做好新形势下人大工作".repeat(bytes / 45);
        body.push_str("全文完。");
        Article {
            id: "huge".into(),
            title: "标题".into(),
            body: body.into(),
            ..Default::default()
        }
    }

    fn finish(d: &mut Detail) -> usize {
        let mut slices = 0;
        while !d.layout_some(64 * 1024) {
            slices += 1;
        }
        slices
    }

    #[test]
    fn opening_a_50_mb_one_line_article_lays_out_one_screen() {
        let body = "a".repeat(50 << 20);
        let article = Article {
            id: "a".into(),
            title: "一个词".into(),
            body: body.into(),
            ..Default::default()
        };
        let mut d = Detail::new(0, &article, AmbiguousWidth::Narrow);
        d.resize(80, 40);
        assert_eq!(d.visible().len(), 40);
        // The title, `id a`, a blank row, then the body.
        assert_eq!(d.visible()[3].text, "a".repeat(80));
        assert!(!d.is_complete());
        let work = d.layout.work();
        assert!(work.bytes < 32 * 1024, "{work:?}");
    }

    #[test]
    fn g_on_a_huge_article_answers_at_once_and_reaches_the_end_between_events() {
        let mut d = Detail::new(0, &huge(4 * SYNC_BYTES), AmbiguousWidth::Narrow);
        d.resize(40, 10);
        d.scroll_to_bottom();
        assert!(!d.is_complete());
        let work = d.layout.work();
        assert!(work.bytes <= 8 * SYNC_BYTES, "{work:?}");
        // the view follows the rows laid out so far
        assert_eq!(d.top() + d.height(), d.layout.known_rows());
        assert!(finish(&mut d) >= 3);
        assert_eq!(d.top() + d.height(), d.total_rows());
        assert_eq!(d.percent(), 100);
        assert!(d.visible().last().unwrap().text.ends_with("全文完。"));
    }

    #[test]
    fn scrolling_stops_following_the_end() {
        let mut d = Detail::new(0, &huge(4 * SYNC_BYTES), AmbiguousWidth::Narrow);
        d.resize(40, 10);
        d.scroll_to_bottom();
        let top = d.top();
        d.scroll_by(-5);
        assert_eq!(d.top(), top - 5);
        finish(&mut d);
        assert_eq!(d.top(), top - 5);
        d.scroll_to_bottom();
        assert_eq!(d.top() + d.height(), d.total_rows());
    }

    #[test]
    fn a_resize_deep_in_a_huge_article_keeps_its_rows_until_the_new_width_reaches_them() {
        let mut d = Detail::new(0, &huge(4 * SYNC_BYTES), AmbiguousWidth::Narrow);
        d.resize(40, 10);
        d.scroll_to_bottom();
        finish(&mut d);
        d.scroll_by(-25);
        let (shown, pos) = (d.visible().to_vec(), d.pos);
        d.resize(30, 10);
        assert_eq!(d.visible(), shown);
        let work = d.layout.work();
        assert!(work.bytes <= 8 * SYNC_BYTES, "{work:?}");
        finish(&mut d);
        assert_eq!(d.top(), d.layout.row_of(pos));
        assert_ne!(d.visible(), shown);
        // back to 40 columns: that width is still laid out, so at once
        d.resize(40, 10);
        assert_eq!(d.visible(), shown);
        // scrolling while the new width catches up is applied from the reading position
        d.resize(50, 10);
        d.scroll_by(3);
        d.scroll_by(-1);
        assert_eq!(d.visible(), shown);
        finish(&mut d);
        assert_eq!(d.top(), d.layout.row_of(pos) + 2);
    }
}
