//! The detail pane's state: one article laid out at the pane's width, the scroll position kept
//! as a place in the text (so a resize keeps the same text at the top), and the rows in view.

use crate::article::Article;
use crate::text::AmbiguousWidth;
use crate::text::layout::{BlockKind, Layout, Position};

/// One row in view, copied out of the layout for the drawing code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleRow {
    /// What the row belongs to (title, metadata, body), for styling.
    pub kind: BlockKind,
    /// The text, already cut to fit the pane.
    pub text: String,
}

/// An open article and where the reader is in it.
#[derive(Debug, Clone)]
pub struct Detail {
    article: usize,
    layout: Layout,
    top: usize,
    pos: Position,
    height: usize,
    total: usize,
    visible: Vec<VisibleRow>,
}

impl Detail {
    /// Opens `article` (its index in the archive is `index`) at the top.
    pub fn new(index: usize, article: &Article, mode: AmbiguousWidth) -> Detail {
        Detail {
            article: index,
            layout: Layout::for_article(article, mode),
            top: 0,
            pos: Position::default(),
            height: 0,
            total: 0,
            visible: Vec::new(),
        }
    }

    /// The archive index of the article shown.
    pub fn article(&self) -> usize {
        self.article
    }

    /// Lays the text out for a pane of `width` × `height` cells, keeping the reading position.
    /// Only what is in view is laid out now; [`Detail::layout_some`] does the rest.
    pub fn resize(&mut self, width: usize, height: usize) {
        let width = width.max(1);
        if width != self.layout.width() {
            self.layout.set_width(width);
            self.top = self.layout.row_of(self.pos);
        }
        self.height = height;
        self.clamp_and_refresh(false);
    }

    /// Lays out up to `budget_bytes` more of the text; true once the layout is complete.
    /// The interface calls this while idle, so opening a huge article never waits for it.
    pub fn layout_some(&mut self, budget_bytes: usize) -> bool {
        let done = self.layout.layout_some(budget_bytes);
        self.total = self.row_count();
        done
    }

    /// True once every row's position is known (the scrollbar is exact).
    pub fn is_complete(&self) -> bool {
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
    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta);
        self.clamp_and_refresh(true);
    }

    /// Scrolls to the first row.
    pub fn scroll_to_top(&mut self) {
        self.top = 0;
        self.clamp_and_refresh(true);
    }

    /// Scrolls so the last row is at the bottom of the pane.
    pub fn scroll_to_bottom(&mut self) {
        self.layout.total_rows();
        self.top = usize::MAX;
        self.clamp_and_refresh(true);
    }

    /// Rows in the pane.
    pub fn height(&self) -> usize {
        self.height
    }

    /// The first row in view.
    pub fn top(&self) -> usize {
        self.top
    }

    /// Rows in the whole document at the current width.
    pub fn total_rows(&self) -> usize {
        self.total
    }

    /// The rows in view, top to bottom.
    pub fn visible(&self) -> &[VisibleRow] {
        &self.visible
    }

    /// How far through the text the bottom of the pane is, 0–100.
    pub fn percent(&self) -> u16 {
        let max_top = self.total.saturating_sub(self.height);
        if max_top == 0 {
            return 100;
        }
        ((self.top.min(max_top) * 100) / max_top) as u16
    }

    fn clamp_and_refresh(&mut self, moved: bool) {
        self.total = self.row_count();
        let max_top = self.total.saturating_sub(self.height);
        self.top = self.top.min(max_top);
        if moved {
            self.pos = self.layout.position_at(self.top);
        }
        self.visible = self
            .layout
            .rows(self.top, self.height)
            .into_iter()
            .map(|r| VisibleRow {
                kind: r.kind,
                text: r.text.to_string(),
            })
            .collect();
        self.total = self.row_count();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
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
}
