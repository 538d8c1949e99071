//! Interface state, the [`Action`]s that change it, and [`App::update`]. No terminal code:
//! the whole interaction can be driven and checked without a terminal.
//!
//! Searching can run inline (tests, small archives) or be handed out as a `SearchRequest`
//! for a worker thread; results come back through `App::apply_search`, which drops those of
//! superseded queries. Loading appends chunks through `App::append_chunk`.

use std::collections::HashMap;
use std::sync::Arc;

use ratatui::layout::Rect;

use crate::archive::Problem;
use crate::article::Article;
use crate::corpus::Corpus;
use crate::query::{Hit, Order};
use crate::text::AmbiguousWidth;

mod action;
mod copy;
mod detail;
mod filter;
mod find;
pub mod geometry;
mod labels;
mod marks;
mod query_input;
mod session;
mod sources;
pub(crate) mod timeline;
mod update;

pub use action::Action;
pub(crate) use copy::{CopyItem, CopyMenu};
pub(crate) use detail::Mark;
pub use detail::{Detail, VisibleRow};
pub(crate) use filter::{LoadProgress, SearchMode, SearchRequest};
pub(crate) use geometry::Geometry;
pub(crate) use labels::{LabelEntry, LabelPicker};
pub(crate) use marks::RowMarks;
pub(crate) use query_input::QueryInput;
pub(crate) use sources::SourcePicker;

/// Which part of the interface takes keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Focus {
    /// The article list and its query line: every printable key is query text, and the
    /// cursor is on the query line.
    List,
    /// The detail pane (or the full-screen reader).
    Detail,
}

/// A window drawn over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Popup {
    /// Nothing over the panes.
    None,
    /// The key help, scrolled down this many lines.
    Help(usize),
    /// Records that could not be loaded, scrolled down this many lines.
    Problems(usize),
    /// Choose a source to filter by.
    Sources(SourcePicker),
    /// Copy the article's URL, title, citation, text or paragraph (`copy.rs`).
    Copy(CopyMenu),
    /// Add or remove the labels of an article (`labels.rs`).
    Labels(LabelPicker),
}

/// What the list shows of an article, read from its chunk's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row<'a> {
    /// The title.
    pub(crate) title: &'a str,
    /// The source (empty when unknown).
    pub(crate) source: &'a str,
    /// The date.
    pub(crate) date: crate::date::Date,
}

/// Settings chosen at start-up from the options and the terminal (`tui::term::Caps::settings`);
/// only `mouse` changes later (the key that toggles capture), and a reload keeps them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The ambiguous-width policy (wide: mapped text, ASCII chrome).
    pub ambiguous: AmbiguousWidth,
    /// False when `NO_COLOR` is set or the terminal is monochrome.
    pub color: bool,
    /// False when the terminal draws no Unicode symbols (a locale that is not UTF-8, the Linux
    /// console, a DEC terminal): ASCII chrome (`+ - |` borders, `>`, `...`).
    pub unicode: bool,
    /// Mouse capture wanted (`App::mouse_capture`): the wheel scrolls; off, the terminal
    /// selects text.
    pub mouse: bool,
}

impl Default for Settings {
    /// Narrow ambiguous widths, colour, Unicode, the mouse captured.
    fn default() -> Settings {
        Settings {
            ambiguous: AmbiguousWidth::Narrow,
            color: true,
            unicode: true,
            mouse: true,
        }
    }
}

/// Everything the interface shows.
#[derive(Debug)]
pub struct App {
    corpus: Corpus,
    problems: Vec<Problem>,
    search_mode: SearchMode,
    /// The search bookkeeping: the query on screen, the one in flight, their generation.
    search: SearchState,
    /// Match positions of the rows in view, by article number.
    positions: HashMap<usize, Vec<usize>>,
    /// The body snippets of the rows in view (a query with body terms), by article number.
    snippets: HashMap<usize, Option<crate::search::Snippet>>,
    /// The reader's marks resolved to `corpus` (read, starred, labels), for the list and the
    /// query's `is:` and `label:` terms; replaced, not changed, while a search holds it.
    flags: std::sync::Arc<crate::state::Flags>,
    loading: Option<LoadProgress>,
    /// Fixed settings.
    pub(crate) settings: Settings,
    query: QueryInput,
    query_error: Option<String>,
    source_filter: Option<String>,
    order: Order,
    hits: Arc<Vec<Hit>>,
    /// The listed hits as a bitmap, when the search thread has made it: what the next key's
    /// search tests when it narrows them.
    hit_marks: crate::search::Marks,
    selected: usize,
    offset: usize,
    focus: Focus,
    popup: Popup,
    reader: bool,
    detail: Option<Detail>,
    geometry: Geometry,
    quit: bool,
    /// An archive changed on disk since it was loaded (the status line says so).
    changed_on_disk: bool,
    /// The user asked to load the archive again ([`App::take_reload`]).
    reload: bool,
    /// Articles appended to an archive after it was loaded ([`App::appended`]).
    appended: usize,
    /// The list pane's share of the width side by side, in percent ([`App::set_list_percent`]).
    list_percent: u16,
    /// The article pane waits for the selection to rest ([`App::set_preview_rest`]).
    preview_rest: bool,
    /// The selection moved and the article pane still shows the article before it
    /// ([`App::release_preview`]).
    preview_held: bool,
    /// The selection moved while the pane was held: it lays its article out anew.
    preview_moved: bool,
    /// Where in the list the held article is (the pane's title shows it while held).
    held_position: usize,
    /// A message the status line shows until the next key ([`App::notice`]).
    notice: Option<&'static str>,
    /// The find prompt and the last find in the article (`find.rs`).
    find: find::FindState,
    /// Hits per period of the archive's span, for the timeline strip ([`App::timeline`]).
    timeline: timeline::Timeline,
    /// How far the body index stands: chunks indexed and chunks in all ([`App::set_body_index`]).
    body_index: (usize, usize),
    /// Text the user chose to copy, for the terminal loop ([`App::take_clipboard`]).
    clipboard: Option<String>,
    /// What the last copy did, shown as a notice until the next key ([`App::notice`]).
    copied: Option<String>,
    /// Read marks, stars, labels and places, the changes for the store (`marks.rs`).
    remembered: marks::Remembered,
}

/// A search's request and result kept together, as gitui's `AsyncDiff` keeps its own: what
/// the hits on screen answer, what the search in flight answers, the generation that tells a
/// stale result from the newest, and the request waiting for the worker.
#[derive(Debug, Default)]
struct SearchState {
    /// What the hits on screen answer (for narrowing the next query).
    shown: Option<filter::Answered>,
    /// What the search in flight (or just run) answers.
    in_flight: Option<filter::Answered>,
    /// Bumped for every new search; a result of another generation is stale.
    generation: u64,
    /// The request not yet taken by the worker.
    pending: Option<SearchRequest>,
    /// True while a search runs on the worker.
    searching: bool,
    /// While the hits on screen are a search's first page ([`crate::search::Done`] not
    /// complete): how many hits it knows of. They are not narrowed from.
    page_total: Option<crate::search::Total>,
}

#[cfg(test)]
impl App {
    /// An app over `articles` in a `width` × `height` terminal, narrow ambiguous widths and
    /// colour: the set-up the unit tests share.
    pub(crate) fn of_articles(articles: Vec<Article>, width: u16, height: u16) -> App {
        App::new(
            Corpus::from_articles(articles),
            vec![],
            Settings::default(),
            width,
            height,
        )
    }
}

impl App {
    /// A new interface over `corpus`, sized for a `width` × `height` terminal; searches run
    /// inline until `App::set_search_mode` says otherwise.
    pub fn new(
        corpus: Corpus,
        problems: Vec<Problem>,
        settings: Settings,
        width: u16,
        height: u16,
    ) -> App {
        let mut app = App {
            corpus,
            problems,
            search_mode: SearchMode::Inline,
            search: SearchState::default(),
            positions: HashMap::new(),
            snippets: HashMap::new(),
            flags: std::sync::Arc::default(),
            loading: None,
            settings,
            query: QueryInput::default(),
            query_error: None,
            source_filter: None,
            order: Order::NewestFirst,
            hits: Arc::default(),
            hit_marks: crate::search::Marks::default(),
            selected: 0,
            offset: 0,
            focus: Focus::List,
            popup: Popup::None,
            reader: false,
            detail: None,
            geometry: Geometry::new(Rect::new(0, 0, width, height), false),
            quit: false,
            changed_on_disk: false,
            reload: false,
            appended: 0,
            list_percent: geometry::DEFAULT_LIST_PERCENT,
            preview_rest: false,
            preview_held: false,
            preview_moved: false,
            held_position: 0,
            notice: None,
            find: find::FindState::default(),
            timeline: timeline::Timeline::default(),
            body_index: (0, 0),
            clipboard: None,
            copied: None,
            remembered: marks::Remembered::default(),
        };
        app.refilter();
        app
    }

    /// Every loaded article, in load order.
    pub(crate) fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    /// Gives the list pane `percent` of the width side by side (a setting of the config file),
    /// within the bounds [`Geometry::split`] keeps.
    pub(crate) fn set_list_percent(&mut self, percent: u16) {
        self.list_percent = percent;
        let area = self.geometry.area;
        self.update(Action::Resize(area.width, area.height));
    }

    /// The list pane's share of the width side by side, in percent.
    pub(crate) fn list_percent(&self) -> u16 {
        self.list_percent
    }

    /// Says an archive changed on disk since it was loaded; true when that is news (a
    /// redraw shows it).
    pub(crate) fn note_changed_on_disk(&mut self) -> bool {
        !std::mem::replace(&mut self.changed_on_disk, true)
    }

    /// True once an archive changed on disk since it was loaded.
    pub(crate) fn changed_on_disk(&self) -> bool {
        self.changed_on_disk
    }

    /// True (once) when the user asked to load the archive again: the terminal loop then
    /// starts over with a new interface.
    pub(crate) fn take_reload(&mut self) -> bool {
        std::mem::take(&mut self.reload)
    }

    /// Records that could not be loaded.
    pub(crate) fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The listed articles, best first.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The article a hit points to, whole (put together from its chunk: see
    /// [`Corpus::article`]); for drawing a row, `App::row` is cheaper.
    pub fn article(&self, hit: &Hit) -> Article {
        self.corpus.article(hit.article())
    }

    /// What the list shows of the article a hit points to, read from the columns.
    pub(crate) fn row(&self, hit: &Hit) -> Row<'_> {
        let (chunk, local) = self.corpus.locate(hit.article());
        Row {
            title: chunk.index.title(local),
            source: chunk.index.source(local),
            date: chunk.index.date(local),
        }
    }

    /// Position of the selection in [`App::hits`].
    pub(crate) fn selected(&self) -> usize {
        self.selected
    }

    /// The first list row in view.
    pub(crate) fn list_offset(&self) -> usize {
        self.offset
    }

    /// The query line.
    pub(crate) fn query(&self) -> &QueryInput {
        &self.query
    }

    /// Why the query does not parse, if it does not.
    pub(crate) fn query_error(&self) -> Option<&str> {
        self.query_error.as_deref()
    }

    /// The source the list is narrowed to, if any.
    pub fn source_filter(&self) -> Option<&str> {
        self.source_filter.as_deref()
    }

    /// Newest or oldest first.
    pub(crate) fn order(&self) -> Order {
        self.order
    }

    /// Which part takes keys.
    pub(crate) fn focus(&self) -> Focus {
        self.focus
    }

    /// The popup shown, if any.
    pub(crate) fn popup(&self) -> &Popup {
        &self.popup
    }

    /// True while the full-screen reader is open.
    pub(crate) fn reader_open(&self) -> bool {
        self.reader
    }

    /// The article in the detail pane, laid out for it.
    pub(crate) fn detail(&self) -> Option<&Detail> {
        self.detail.as_ref()
    }

    /// Where everything goes on screen.
    pub fn geometry(&self) -> &Geometry {
        &self.geometry
    }

    /// True while there is background work to do between events (laying out a long article).
    pub(crate) fn has_idle_work(&self) -> bool {
        self.detail.as_ref().is_some_and(|d| !d.is_complete())
    }

    /// Does a slice of the background work; returns true when something visible changed.
    pub(crate) fn idle_work(&mut self) -> bool {
        const BUDGET_BYTES: usize = 256 * 1024;
        match &mut self.detail {
            Some(d) if !d.is_complete() => {
                d.layout_some(BUDGET_BYTES);
                true
            }
            _ => false,
        }
    }

    /// Makes the article pane beside the list wait until the selection rests before it shows
    /// the selected article (the event loop calls [`App::release_preview`] once no key has
    /// come for a moment): stepping through the list then sends only the rows that change,
    /// not an article per step — over SSH, the difference between 300 bytes and 3 KB a key.
    /// Off by default (tests and commands see the article at once).
    pub(crate) fn set_preview_rest(&mut self, on: bool) {
        self.preview_rest = on;
    }

    /// The place in the list of the article the pane shows: the selection's, or while the pane
    /// is held, the place it was held at.
    pub(crate) fn detail_position(&self) -> usize {
        if self.preview_held {
            self.held_position
        } else {
            self.selected
        }
    }

    /// True while the article pane shows an article the selection has left.
    pub(crate) fn preview_held(&self) -> bool {
        self.preview_held
    }

    /// The selection has rested: the article pane shows the selected article. True when
    /// that changed the screen.
    pub(crate) fn release_preview(&mut self) -> bool {
        let held = std::mem::take(&mut self.preview_held);
        if held {
            self.sync();
            self.after_update(false);
        }
        held
    }

    /// True while the terminal should report the mouse (the wheel scrolls); false while the
    /// user has turned capture off so the terminal selects text. The terminal loop reads it
    /// after every update and turns the terminal's mouse modes to match.
    pub(crate) fn mouse_capture(&self) -> bool {
        self.settings.mouse
    }

    /// A short message for the status line (what the last key did), until the next key.
    pub(crate) fn notice(&self) -> Option<&str> {
        self.notice.or(self.copied.as_deref())
    }

    /// True once the user asked to leave.
    pub(crate) fn should_quit(&self) -> bool {
        self.quit
    }

    /// Brings derived state in line: list scroll offset, the detail pane's article and layout.
    fn sync(&mut self) {
        self.selected = self.selected.min(self.hits.len().saturating_sub(1));
        let list_rows = usize::from(Geometry::inner(self.geometry.list).height).max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + list_rows {
            self.offset = self.selected + 1 - list_rows;
        }
        self.offset = self.offset.min(self.hits.len().saturating_sub(list_rows));
        self.refresh_positions();
        let pane = Geometry::inner(self.geometry.detail);
        let Some(hit) = self.hits.get(self.selected) else {
            self.leave_detail();
            self.detail = None;
            self.reader = false;
            return;
        };
        if pane.width == 0 || pane.height == 0 {
            return;
        }
        // While the selection moves (and is not resting yet), the pane keeps its article.
        // (An article the selection left and came back to starts again from the top, as it
        // does when the pane follows every step.)
        let held = self.preview_held && !self.reader && self.detail.is_some();
        if !held
            && (std::mem::take(&mut self.preview_moved)
                || self
                    .detail
                    .as_ref()
                    .is_none_or(|d| d.article() != hit.article()))
        {
            let article = hit.article();
            self.leave_detail();
            self.detail = Some(Detail::new(
                article,
                &self.corpus.article(article),
                self.settings.ambiguous,
            ));
            self.resume_detail();
        }
        if let Some(d) = &mut self.detail {
            d.resize(usize::from(pane.width), usize::from(pane.height));
        }
        self.sync_find();
    }
}
