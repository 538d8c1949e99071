//! Filtering the list: running the query inline or handing it to a worker as a
//! [`SearchRequest`], taking results (never those of a superseded query), narrowing from the
//! previous hits when the query only grew, match positions for the rows in view only, and
//! appending batches from a loader.

use std::sync::Arc;

use super::App;
use crate::archive::{Problem, Progress};
use crate::corpus::Chunk;
use crate::corpus::Corpus;
use crate::query::{Hit, Order, Query};
use crate::search;

/// Where searches run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchMode {
    /// On the spot, inside `update` (tests, scripts).
    Inline,
    /// On a worker: `update` leaves a [`SearchRequest`] for the event loop to hand over.
    Deferred,
}

/// A search for a worker to run over a snapshot of the corpus.
#[derive(Debug, Clone)]
pub(crate) struct SearchRequest {
    /// Results of any other generation are stale.
    pub(crate) generation: u64,
    /// The parsed query.
    pub(crate) query: Query,
    /// Tie order.
    pub(crate) order: Order,
    /// Search only the previous answer's hits, when the query only narrowed.
    pub(crate) within: Option<Arc<search::Previous>>,
}

/// How far loading has got: the loader's progress, and whether it has finished.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct LoadProgress {
    /// Articles, bytes and time so far.
    pub(crate) so_far: Progress,
    /// True once everything is loaded.
    pub(crate) done: bool,
}

/// What the current hits answer: query, order and source filter.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Answered {
    query: Query,
    order: Order,
    source: Option<String>,
    /// How many articles the corpus held: a corpus that grew cannot be narrowed from.
    articles: usize,
}

impl App {
    /// Chooses where searches run from now on.
    pub(crate) fn set_search_mode(&mut self, mode: SearchMode) {
        self.search_mode = mode;
    }

    /// The search the event loop should hand to the worker, if one is waiting.
    pub(crate) fn take_search_request(&mut self) -> Option<SearchRequest> {
        self.search.pending.take()
    }

    /// True while a search is out with the worker.
    #[cfg(test)]
    pub(crate) fn is_searching(&self) -> bool {
        self.search.searching
    }

    /// Takes a worker's results: its first page (`complete` false, `total` perhaps a lower
    /// bound) or the whole ranking. Results of a superseded generation are dropped, and so is
    /// a page under a source filter, which would leave too few rows (returns false).
    pub(crate) fn apply_search(
        &mut self,
        generation: u64,
        hits: Arc<Vec<Hit>>,
        marks: search::Marks,
        total: search::Total,
        complete: bool,
    ) -> bool {
        if generation != self.search.generation || (!complete && self.source_filter.is_some()) {
            return false;
        }
        self.search.searching = !complete;
        self.show_hits(hits, marks);
        self.search.page_total = (!complete).then_some(total);
        true
    }

    /// How many articles the list holds: exact, or at least so many while a search's first
    /// page is shown and it still counts.
    pub(crate) fn hit_total(&self) -> search::Total {
        match self.search.page_total {
            Some(total) => total,
            None => search::Total::Exact(self.hits.len()),
        }
    }

    /// Appends a batch of loaded articles (and its problems) and refreshes the list.
    #[cfg(test)]
    pub(crate) fn append(
        &mut self,
        articles: Vec<crate::article::Article>,
        problems: Vec<Problem>,
        progress: LoadProgress,
    ) {
        let added = articles.len();
        self.corpus.push(articles);
        self.append_done(added, problems, progress);
    }

    /// Appends a chunk built elsewhere (on the loader's threads), and refreshes the list:
    /// the interface thread does no indexing.
    pub(crate) fn append_chunk(
        &mut self,
        chunk: Chunk,
        problems: Vec<Problem>,
        progress: LoadProgress,
    ) {
        let added = chunk.len();
        if self.loading.is_some_and(|l| l.done) {
            self.appended += added;
        }
        self.corpus.push_chunk(chunk);
        self.append_done(added, problems, progress);
    }

    fn append_done(&mut self, added: usize, problems: Vec<Problem>, progress: LoadProgress) {
        self.problems.extend(problems);
        self.loading = Some(progress);
        if added == 0 {
            // Nothing new to list (a load's last word, a batch of problems alone): the search
            // under way stands. A new one would cancel it for the same answer, and at ten
            // million articles the first list's merge, which is not cancelled, would then be
            // done for nothing before the new one began: 0.5 s more before the list showed.
            return;
        }
        // New articles: the previous hits are no longer a superset of anything, and their
        // marks are resolved before the search that lists them.
        self.search.shown = None;
        self.extend_flags();
        self.refilter();
    }

    /// Marks the start of loading in the background (the status line shows progress).
    pub(crate) fn start_loading(&mut self) {
        self.loading = Some(LoadProgress::default());
    }

    /// Articles that came after the load finished (appended to a file while open).
    pub(crate) fn appended(&self) -> usize {
        self.appended
    }

    /// Records how far the body index stands (the tui's indexer says so as it goes); true
    /// when that changed what the screen shows.
    pub(crate) fn set_body_index(&mut self, done: usize, total: usize) -> bool {
        let changed = self.body_index != (done, total);
        self.body_index = (done, total);
        changed
    }

    /// The body index being built: chunks indexed and in all, while it is not complete
    /// (`body:` and `text:` terms read bodies where it is missing).
    pub(crate) fn body_index_building(&self) -> Option<(usize, usize)> {
        let (done, total) = self.body_index;
        (done < total).then_some((done, total))
    }

    /// Loading progress, while or after loading in the background.
    pub(crate) fn load_progress(&self) -> Option<&LoadProgress> {
        self.loading.as_ref()
    }

    /// Char positions of the title characters `hit` matched (computed for rows in view).
    pub(crate) fn positions_of<'a>(&'a self, hit: &'a Hit) -> &'a [usize] {
        self.positions
            .get(&hit.article())
            .map_or(&[], Vec::as_slice)
    }

    /// Reruns the query and source filter, keeping the selected article when it is still listed.
    pub(super) fn refilter(&mut self) {
        let query = match Query::parse(self.query.text()) {
            // `is:` and `label:` read the marks as they are now.
            Ok(q) if q.reads_marks() => q.with_marks(self.flags.clone()),
            Ok(q) => q,
            Err(e) => {
                // Keep the last good list under an error message.
                self.query_error = Some(e.message);
                return;
            }
        };
        self.query_error = None;
        let asked = Answered {
            query: query.clone(),
            order: self.order,
            source: self.source_filter.clone(),
            articles: self.corpus.len(),
        };
        if !query.reads_marks() && self.search.in_flight.as_ref() == Some(&asked) {
            // The search listed or under way already answers it (a space typed after a term
            // changes the text, not the query): nothing to search again.
            return;
        }
        self.search.generation += 1;
        let within = self.narrowing_base(&query);
        self.search.in_flight = Some(asked);
        match self.search_mode {
            SearchMode::Inline => {
                let hits = search_inline(&self.corpus, &query, self.order, within.as_deref());
                self.show_hits(Arc::new(hits), search::Marks::default());
            }
            SearchMode::Deferred => {
                self.search.searching = true;
                self.search.pending = Some(SearchRequest {
                    generation: self.search.generation,
                    query,
                    order: self.order,
                    within,
                });
            }
        }
    }

    /// The previous answer, when the new query can only match a subset of its hits.
    fn narrowing_base(&self, query: &Query) -> Option<Arc<search::Previous>> {
        if self.search.page_total.is_some() {
            // A first page: not every hit of the old query is listed.
            return None;
        }
        let old = self.search.shown.as_ref()?;
        let same_frame = old.order == self.order && old.source == self.source_filter;
        (same_frame && old.articles == self.corpus.len() && search::narrows(query, &old.query))
            .then(|| {
                Arc::new(search::Previous {
                    query: old.query.clone(),
                    // Shared, not copied: millions of hits at ten million titles.
                    hits: Arc::clone(&self.hits),
                    marks: self.hit_marks.clone(),
                })
            })
    }

    /// Lists `hits` (and `marks`, their bitmap once made), those of the source filtered
    /// (whose bitmap is then made at the next key that narrows them).
    fn show_hits(&mut self, mut hits: Arc<Vec<Hit>>, mut marks: search::Marks) {
        let keep = self.hits.get(self.selected).map(|h| h.article());
        if let Some(src) = &self.source_filter {
            let corpus = &self.corpus;
            hits = Arc::new(
                hits.iter()
                    .filter(|h| corpus.source(h.article()) == src)
                    .copied()
                    .collect(),
            );
            marks = search::Marks::default();
        }
        self.hits = hits;
        self.hit_marks = marks;
        self.search.page_total = None;
        self.recount_timeline();
        self.search.shown = self.search.in_flight.clone();
        self.positions.clear();
        self.snippets.clear();
        self.selected = keep
            .and_then(|k| self.hits.iter().position(|h| h.article() == k))
            .unwrap_or(0);
        self.sync();
    }

    /// Computes match positions for the rows in view that have none yet.
    pub(super) fn refresh_positions(&mut self) {
        let Some(current) = &self.search.shown else {
            return;
        };
        if current.query.is_empty() {
            return;
        }
        let rows = usize::from(super::Geometry::inner(self.geometry.list).height);
        let end = (self.offset + rows).min(self.hits.len());
        let mut matched = search::Positions::new(&self.corpus, &current.query);
        for hit in &self.hits[self.offset.min(end)..end] {
            self.positions
                .entry(hit.article())
                .or_insert_with(|| matched.of(hit.article()));
        }
        // Body terms: the text around each row's first match (its body read once, here).
        if let Some(snippets) = search::Snippets::new(&current.query) {
            for hit in &self.hits[self.offset.min(end)..end] {
                let corpus = &self.corpus;
                self.snippets
                    .entry(hit.article())
                    .or_insert_with(|| snippets.of(&corpus.article(hit.article()).body.text()));
            }
        }
    }

    /// The text around the first body match of `hit` (rows in view, with body terms).
    pub(crate) fn snippet_of(&self, hit: &Hit) -> Option<&search::Snippet> {
        self.snippets.get(&hit.article())?.as_ref()
    }
}

/// Runs `query` over the corpus now (on every core), for [`SearchMode::Inline`] and tests.
pub(crate) fn search_inline(
    corpus: &Corpus,
    query: &Query,
    order: Order,
    within: Option<&search::Previous>,
) -> Vec<Hit> {
    search::run(corpus, query, order, within, &search::Cancel::new()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::article::Article;
    use crate::date::Date;

    fn art(id: &str, title: &str, date: &str) -> Article {
        Article {
            id: id.into(),
            title: title.into(),
            date: Date::from_text(date),
            ..Default::default()
        }
    }

    fn empty_app() -> App {
        App::of_articles(Vec::new(), 80, 24)
    }

    /// 长春下雪 (a, 2020) and 北京晴 (b, 2021), loaded; searches deferred.
    fn two_articles() -> Vec<Article> {
        vec![
            art("a", "长春下雪", "2020-01-01"),
            art("b", "北京晴", "2021-01-01"),
        ]
    }

    fn deferred_app_of_two() -> App {
        let mut app = empty_app();
        app.append(two_articles(), vec![], LoadProgress::default());
        app.set_search_mode(SearchMode::Deferred);
        app
    }

    fn ids(app: &App) -> Vec<String> {
        app.hits().iter().map(|h| app.article(h).id).collect()
    }

    fn type_text(app: &mut App, s: &str) {
        for c in s.chars() {
            app.update(Action::QueryInsert(c.to_string()));
        }
    }

    /// Hits as the worker hands them over.
    fn shared(hits: &[Hit]) -> Arc<Vec<Hit>> {
        Arc::new(hits.to_vec())
    }

    /// No bitmap made yet.
    fn none() -> search::Marks {
        search::Marks::default()
    }

    /// Answers a deferred search request as the worker would: within the previous hits when
    /// it says so.
    fn answer(app: &mut App, r: &SearchRequest) {
        let within = r.within.as_deref();
        let hits = Arc::new(search_inline(app.corpus(), &r.query, r.order, within));
        let total = search::Total::Exact(hits.len());
        // The worker makes the whole answer's bitmap once it is handed over.
        let marks = search::Marks::default();
        app.apply_search(r.generation, Arc::clone(&hits), marks.clone(), total, true);
        marks.make(&hits, app.corpus().len());
    }

    #[test]
    fn typing_while_the_archive_loads() {
        let mut app = empty_app();
        app.start_loading();
        type_text(&mut app, "长春");
        assert!(app.hits().is_empty());
        let so_far = Progress {
            articles: 2,
            bytes_done: 10,
            bytes_total: 20,
            ..Default::default()
        };
        let progress = LoadProgress {
            so_far,
            done: false,
        };
        app.append(two_articles(), vec![], progress);
        assert_eq!(ids(&app), ["a"]);
        type_text(&mut app, "人");
        assert!(app.hits().is_empty());
        let done = LoadProgress {
            so_far: Progress {
                articles: 3,
                ..Default::default()
            },
            done: true,
        };
        // The interface's loader hands over batches already indexed.
        let batch = vec![art("c", "长春人大开会", "2019-01-01")];
        app.append_chunk(Chunk::build(batch), vec![], done);
        assert_eq!(ids(&app), ["c"]);
        assert_eq!(app.query().text(), "长春人");
        assert!(app.load_progress().unwrap().done);
        assert_eq!(app.corpus().len(), 3);
    }

    #[test]
    fn a_batch_of_no_article_leaves_the_search_under_way_alone() {
        let mut app = deferred_app_of_two();
        type_text(&mut app, "长");
        let asked = app.take_search_request().expect("a request");
        // The load's last word, and a batch that brought problems alone: the search asked
        // for is still the one to answer, and no new one is asked.
        let done = LoadProgress {
            done: true,
            ..Default::default()
        };
        let problem = Problem::at("a.jsonl", 3, "not JSON");
        app.append_chunk(Chunk::default(), vec![problem], done);
        assert!(app.take_search_request().is_none());
        assert!(app.load_progress().unwrap().done);
        assert_eq!(app.problems().len(), 1);
        answer(&mut app, &asked);
        assert_eq!(ids(&app), ["a"]);
        // A batch with articles asks again.
        let batch = vec![art("c", "长春人大开会", "2019-01-01")];
        app.append_chunk(Chunk::build(batch), vec![], done);
        let again = app.take_search_request().expect("a request");
        assert!(again.generation > asked.generation);
    }

    #[test]
    fn a_superseded_search_never_shows_its_results() {
        let mut app = deferred_app_of_two();
        type_text(&mut app, "长");
        let first = app.take_search_request().expect("a request");
        type_text(&mut app, "春");
        let second = app.take_search_request().expect("a newer request");
        assert!(second.generation > first.generation);
        assert!(app.is_searching());
        let stale = search_inline(app.corpus(), &first.query, first.order, None);
        let before = ids(&app);
        let exact = |hits: &Vec<Hit>| search::Total::Exact(hits.len());
        assert!(!app.apply_search(
            first.generation,
            shared(&stale),
            none(),
            exact(&stale),
            true
        ));
        assert_eq!(ids(&app), before, "stale results were shown");
        let fresh = search_inline(app.corpus(), &second.query, second.order, None);
        assert!(app.apply_search(
            second.generation,
            shared(&fresh),
            none(),
            exact(&fresh),
            true
        ));
        assert_eq!(ids(&app), ["a"]);
        assert!(!app.is_searching());
    }

    #[test]
    fn a_first_page_shows_at_least_its_count_and_is_never_narrowed_from() {
        let mut app = deferred_app_of_two();
        type_text(&mut app, "c");
        let request = app.take_search_request().expect("a request");
        let all = search_inline(app.corpus(), &request.query, request.order, None);
        assert_eq!(all.len(), 1, "c takes 长春下雪 through pinyin");
        let page = all.clone();
        let at_least = search::Total::AtLeast(page.len());
        assert!(app.apply_search(request.generation, shared(&page), none(), at_least, false));
        assert_eq!(ids(&app), ["a"]);
        assert_eq!(app.hit_total(), at_least);
        assert!(app.is_searching(), "the whole answer is still to come");
        // A page is not every hit: the next key searches everything.
        type_text(&mut app, "c");
        let next = app.take_search_request().expect("a request");
        assert!(next.within.is_none());
        // The whole answer replaces the page and its count.
        assert!(!app.apply_search(
            request.generation,
            shared(&all),
            none(),
            search::Total::Exact(1),
            true
        ));
        let whole = search_inline(app.corpus(), &next.query, next.order, None);
        let total = search::Total::Exact(whole.len());
        assert!(app.apply_search(next.generation, shared(&whole), none(), total, true));
        assert_eq!(app.hit_total(), total);
        assert!(!app.is_searching());
    }

    #[test]
    fn a_query_that_parses_as_the_one_asked_is_not_searched_again() {
        let mut app = deferred_app_of_two();
        type_text(&mut app, "长");
        let asked = app.take_search_request().expect("a request");
        answer(&mut app, &asked);
        // A space between terms changes the text, not the query.
        type_text(&mut app, " ");
        assert!(app.take_search_request().is_none());
        assert_eq!(ids(&app), ["a"]);
        // So do spaces between terms; a new term is searched.
        type_text(&mut app, "春");
        assert!(app.take_search_request().is_some());
        type_text(&mut app, "  ");
        assert!(app.take_search_request().is_none());
        // Another order is another answer.
        app.update(Action::ToggleOrder);
        assert!(app.take_search_request().is_some());
    }

    #[test]
    fn narrowing_starts_from_the_previous_hits_only_when_safe() {
        let mut app = deferred_app_of_two();
        type_text(&mut app, "长");
        let r = app.take_search_request().unwrap();
        assert_eq!(
            r.within.as_deref().map(|p| p.hits.len()),
            Some(2),
            "from the empty query's hits: all"
        );
        answer(&mut app, &r);
        type_text(&mut app, "春");
        let r = app.take_search_request().unwrap();
        assert_eq!(r.within.as_deref().map(|p| p.hits.len()), Some(1));
        answer(&mut app, &r);
        app.update(Action::QueryBackspace);
        let r = app.take_search_request().unwrap();
        assert!(r.within.is_none(), "a shorter query widens");
        answer(&mut app, &r);
        type_text(&mut app, " !北");
        let r = app.take_search_request().unwrap();
        assert!(r.within.is_some(), "an added term narrows");
        answer(&mut app, &r);
        type_text(&mut app, " | 京");
        assert!(
            app.take_search_request().unwrap().within.is_none(),
            "an OR never narrows"
        );
    }
}
