//! The copy menu (`c` in the reader, Alt-c in the list): the article's URL, title, GB/T 7714
//! citation, whole text, or the paragraph at the top of the reader's view, copied to the
//! clipboard of the machine in front of the user — over SSH too — with OSC 52.
//!
//! The App stays free of terminal code: choosing an item leaves its text for the terminal loop
//! ([`App::take_clipboard`]), which writes the escape sequence (`tui/clipboard.rs`), and says on
//! the status line what was copied and how many characters. The texts are read when the menu
//! opens, so the menu can show what each item holds and an item the article lacks (no URL) is
//! shown as such.

use super::{Action, App, Focus, Popup};
use crate::article::Article;
use crate::text::layout::Layout;
use crate::text::{AmbiguousWidth, for_display};

/// What the copy menu offers, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyItem {
    /// The article's URL.
    Url,
    /// The headline.
    Title,
    /// The GB/T 7714-2015 reference (`juan cite`'s default form).
    Citation,
    /// The whole article as text: headline, date and source, URL, then the paragraphs.
    Text,
    /// The paragraph at the top of the reader's view (the first, when the view is above it).
    Paragraph,
}

impl CopyItem {
    /// Every item, in the menu's order.
    pub(crate) const ALL: [CopyItem; 5] = [
        CopyItem::Url,
        CopyItem::Title,
        CopyItem::Citation,
        CopyItem::Text,
        CopyItem::Paragraph,
    ];

    /// Its name in the menu and on the status line (`copied URL · 57 characters`).
    pub(crate) fn label(self) -> &'static str {
        match self {
            CopyItem::Url => "URL",
            CopyItem::Title => "title",
            CopyItem::Citation => "citation",
            CopyItem::Text => "article",
            CopyItem::Paragraph => "paragraph",
        }
    }
}

/// The open copy menu: each item's text (`None` when the article has nothing for it) and the
/// highlighted item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CopyMenu {
    entries: Vec<(CopyItem, Option<String>)>,
    highlighted: usize,
}

impl CopyMenu {
    /// The menu for `article`, whose paragraph in view starts block `top_block` of the
    /// reader's layout (`None`: the top of the article), cited as accessed today.
    pub(crate) fn new(article: &Article, top_block: Option<usize>) -> CopyMenu {
        let citation =
            crate::cite::cite(article, crate::cite::Format::Gbt7714, crate::cite::today());
        let texts = [
            article.url.clone().filter(|u| !u.is_empty()),
            Some(article.title.clone()).filter(|t| !t.is_empty()),
            Some(citation),
            Some(whole_text(article)),
            paragraph(article, top_block.unwrap_or(0)),
        ];
        CopyMenu {
            entries: CopyItem::ALL.into_iter().zip(texts).collect(),
            highlighted: 0,
        }
    }

    /// Each item with its text, in the menu's order.
    pub(crate) fn entries(&self) -> &[(CopyItem, Option<String>)] {
        &self.entries
    }

    /// The position of the highlighted item.
    pub(crate) fn highlighted(&self) -> usize {
        self.highlighted
    }

    /// Moves the highlight by `delta`, wrapping around.
    fn move_by(&mut self, delta: isize) {
        let n = self.entries.len() as isize;
        self.highlighted = (self.highlighted as isize + delta).rem_euclid(n) as usize;
    }

    /// The text of `item`, if the article has one.
    fn text(&self, item: CopyItem) -> Option<&str> {
        self.entries
            .iter()
            .find(|(i, _)| *i == item)
            .and_then(|(_, t)| t.as_deref())
    }
}

/// The article as plain text: the blocks `juan show` prints (kicker, headline, subtitle,
/// `DATE  SOURCE  AUTHOR`, id, URL, summary, paragraphs), separated by blank lines.
fn whole_text(article: &Article) -> String {
    // The layout keeps its blocks one after another, each but the last followed by `\n`.
    Layout::for_article(article, AmbiguousWidth::Narrow)
        .text()
        .replace('\n', "\n\n")
}

/// The paragraph at block `top` of the reader's layout, or the first paragraph when that block
/// is above the body (the headline, a metadata line); `None` for an article without text.
fn paragraph(article: &Article, top: usize) -> Option<String> {
    // The reader's last blocks are the paragraphs, or the summary's when there is no body.
    let mut paragraphs = article.paragraphs();
    if paragraphs.is_empty() {
        paragraphs = article
            .header
            .summary
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .map(str::to_string)
            .collect();
    }
    let layout = Layout::for_reader(article, AmbiguousWidth::Narrow);
    let blocks = layout.position_of(layout.text().len()).block + 1;
    let first = blocks.saturating_sub(paragraphs.len());
    let at = top
        .saturating_sub(first)
        .min(paragraphs.len().checked_sub(1)?);
    paragraphs.into_iter().nth(at)
}

impl App {
    /// Opens the copy menu for the article in the reader (or the article pane with the
    /// focus), else the selected one; false when there is none.
    pub(super) fn open_copy(&mut self) -> bool {
        let in_reader = self.reader || self.focus == Focus::Detail;
        let shown = self.detail.as_ref().map(|d| d.article());
        let number = match (in_reader, shown) {
            (true, Some(n)) => n,
            _ => match self.hits.get(self.selected) {
                Some(hit) => hit.article(),
                None => return false,
            },
        };
        // The paragraph in view, when the pane shows this article.
        let top_block = self
            .detail
            .as_ref()
            .filter(|d| d.article() == number)
            .and_then(|d| d.place())
            .map(|p| p.block as usize);
        let article = self.corpus.article(number);
        self.popup = Popup::Copy(CopyMenu::new(&article, top_block));
        true
    }

    /// An action while the copy menu is open; false when it changed nothing.
    pub(super) fn copy_action(&mut self, action: Action) -> bool {
        let Popup::Copy(menu) = &mut self.popup else {
            return false;
        };
        let item = match action {
            Action::SelectNext => {
                menu.move_by(1);
                return true;
            }
            Action::SelectPrev => {
                menu.move_by(-1);
                return true;
            }
            Action::CopyChosen => CopyItem::ALL[menu.highlighted],
            Action::Copy(item) => item,
            Action::Back | Action::OpenCopy => {
                self.popup = Popup::None;
                return true;
            }
            Action::Quit => {
                self.quit = true;
                return true;
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                return true;
            }
            _ => return false,
        };
        let text = menu.text(item).map(str::to_string);
        self.popup = Popup::None;
        // `·` where the terminal draws it (mapped when ambiguous chars are wide), `-` in ASCII.
        let dot = if self.settings.unicode { "·" } else { "-" };
        let said = match &text {
            Some(t) => format!(
                "copied {} {dot} {} characters",
                item.label(),
                t.chars().count()
            ),
            None => format!("this article has no {} to copy", item.label()),
        };
        self.copied = Some(for_display(&said, self.settings.ambiguous).into_owned());
        self.clipboard = text;
        true
    }

    /// The text the user asked to copy, once: the terminal loop writes it to the terminal's
    /// clipboard (OSC 52) after the update that chose it.
    pub(crate) fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}

#[cfg(test)]
mod tests;
