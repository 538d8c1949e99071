//! The search engine end to end through its public API: the worker never delivers a
//! superseded result, cancellation stops a search early, narrowing gives exactly what a fresh
//! search gives (property test over random titles and typed queries, pinyin and Chinese), and
//! a corpus in many chunks ranks exactly like one list of the same articles.

use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::mpsc::channel;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use juan::search::{self, Cancel, Done, Request, Total, Worker};
use juan::{Article, Corpus, Date, Hit, Index, Order, Query};
use proptest::prelude::*;

const TITLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/corpus/thucnews-titles-20k.tsv"
);

/// `copies` × the 20,000 real titles, dated over 2010–2020, in chunks of 16,384.
fn real_corpus(copies: usize) -> Corpus {
    let text =
        std::fs::read_to_string(TITLES).expect("tests/fixtures/corpus/thucnews-titles-20k.tsv");
    let titles: Vec<&str> = text
        .lines()
        .map(|l| l.split('\t').next().unwrap_or(l))
        .collect();
    let articles: Vec<Article> = (0..copies * titles.len())
        .map(|i| Article {
            title: titles[i % titles.len()].to_string(),
            date: Date::from_text(&format!("{}-0{}-1{}", 2010 + i % 11, 1 + i % 9, i % 10)),
            ..Article::default()
        })
        .collect();
    let mut corpus = Corpus::default();
    for part in articles.chunks(1 << 14) {
        corpus.push(part.to_vec());
    }
    corpus
}

fn fresh(corpus: &Corpus, text: &str) -> Vec<(usize, i64)> {
    let query = Query::parse(text).unwrap();
    search::run(corpus, &query, Order::NewestFirst, None, &Cancel::new())
        .unwrap()
        .iter()
        .map(|h| (h.article(), i64::from(h.score)))
        .collect()
}

#[test]
fn a_superseded_query_never_delivers() {
    let corpus = real_corpus(3);
    // The newest generation whose `submit` has returned. A result delivered after its request
    // was superseded would carry an older generation than this. (Set after `submit` returns: a
    // request may still deliver in the moment before its successor's `submit` takes the lock,
    // and that is no supersession.)
    let superseding = Arc::new(AtomicU64::new(0));
    let seen = Arc::clone(&superseding);
    let (tx, rx) = channel::<(Done, u64)>();
    let worker = Worker::spawn(move |done| {
        let newest = seen.load(SeqCst);
        let _ = tx.send((done, newest));
    });
    let request = |generation, text: &str| Request {
        generation,
        corpus: corpus.clone(),
        query: Query::parse(text).unwrap(),
        order: Order::NewestFirst,
        within: None,
    };
    let fast_hits = fresh(&corpus, "'篮球赛");
    let mut rounds_slow_delivered = 0;
    for round in 0..5u64 {
        // A slow query (one letter: most titles pass the prefilter) then a fast one at once.
        let (slow, fast) = (2 * round + 1, 2 * round + 2);
        worker.submit(request(slow, "b"));
        superseding.store(slow, SeqCst);
        worker.submit(request(fast, "'篮球赛"));
        superseding.store(fast, SeqCst);
        let mut slow_delivered = false;
        loop {
            let (done, newest) = rx.recv_timeout(Duration::from_secs(60)).expect("B arrives");
            assert!(
                done.generation >= newest,
                "generation {} delivered after {newest} superseded it",
                done.generation
            );
            if done.generation == slow {
                // It delivered before the fast query was submitted: allowed.
                slow_delivered = true;
                continue;
            }
            assert_eq!(done.generation, fast, "only this round's queries arrive");
            let got: Vec<(usize, i64)> = done
                .hits
                .iter()
                .map(|h| (h.article(), i64::from(h.score)))
                .collect();
            assert_eq!(got, fast_hits);
            break;
        }
        rounds_slow_delivered += u32::from(slow_delivered);
    }
    // The slow query takes far longer than a `submit`; some round must have cancelled it.
    assert!(
        rounds_slow_delivered < 5,
        "the slow query was never cancelled"
    );
    drop(worker);
    assert!(rx.recv().is_err(), "nothing else was ever delivered");
}

#[test]
fn every_delivered_result_answers_its_own_request_and_the_last_one_arrives() {
    let corpus = real_corpus(1);
    let delivered = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&delivered);
    let (tx, rx) = channel();
    let worker = Worker::spawn(move |done: Done| {
        let last = done.generation == 40 && done.complete;
        sink.lock().unwrap().push(done);
        if last {
            let _ = tx.send(());
        }
    });
    let texts = ["b", "bj", "北", "北京", "ccrd", "中国", "zg", "'NBA"];
    for generation in 1..=40u64 {
        let text = texts[generation as usize % texts.len()];
        worker.submit(Request {
            generation,
            corpus: corpus.clone(),
            query: Query::parse(text).unwrap(),
            order: Order::NewestFirst,
            within: None,
        });
    }
    rx.recv_timeout(Duration::from_secs(60))
        .expect("the last request is answered");
    drop(worker);
    let delivered = delivered.lock().unwrap();
    // Each generation at most once as a first page, then at most once whole, in order.
    let generations: Vec<(u64, bool)> = delivered
        .iter()
        .map(|d| (d.generation, d.complete))
        .collect();
    assert!(
        generations.windows(2).all(|w| w[0] < w[1]),
        "{generations:?}"
    );
    assert_eq!(generations.last(), Some(&(40, true)));
    for done in delivered.iter() {
        let text = texts[done.generation as usize % texts.len()];
        let got: Vec<(usize, i64)> = done
            .hits
            .iter()
            .map(|h| (h.article(), i64::from(h.score)))
            .collect();
        let whole = fresh(&corpus, text);
        if done.complete {
            assert_eq!(got, whole, "generation {}", done.generation);
            assert_eq!(done.total, Total::Exact(whole.len()));
        } else {
            // A first page: the whole answer's first rows.
            assert!(!got.is_empty(), "generation {}", done.generation);
            assert_eq!(got, whole[..got.len()], "generation {}", done.generation);
            assert!(done.total.count() <= whole.len());
        }
    }
}

#[test]
fn cancellation_stops_a_search_early() {
    let corpus = real_corpus(5);
    // A ranked term: one or two letters list by date, and a date-ordered search first
    // completes the kept date order, which is never cancelled (other tests running beside
    // this one replace it).
    let query = Query::parse("zho").unwrap();
    // A busy machine can delay the cancelling thread: three tries, one must stop early.
    let mut report = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let full = search::run(&corpus, &query, Order::NewestFirst, None, &Cancel::new());
        let full_time = start.elapsed();
        assert!(full.is_some_and(|h| !h.is_empty()));
        let cancel = Cancel::new();
        let canceller = {
            let cancel = cancel.clone();
            std::thread::spawn(move || {
                std::thread::sleep(full_time / 20);
                cancel.cancel();
            })
        };
        let start = Instant::now();
        let cancelled = search::run(&corpus, &query, Order::NewestFirst, None, &cancel);
        let cancelled_time = start.elapsed();
        canceller.join().unwrap();
        if cancelled.is_none() && cancelled_time < full_time / 2 {
            return;
        }
        report.push(format!(
            "cancelled after {cancelled_time:?} (result: {}), a full search takes {full_time:?}",
            cancelled.is_some()
        ));
    }
    panic!("cancellation did not stop the search early: {report:?}");
}

/// Title chars: polyphones (长 行 大), chars sharing initials, ASCII, punctuation.
const TITLE_CHARS: &[char] = &[
    '长', '春', '人', '大', '北', '京', '行', '银', '会', '议', '中', '国', '日', '报', '经', '济',
    'a', 'b', 'c', 'n', '，', ' ', 'Ｂ',
];

/// Keystrokes: Chinese, pinyin letters, operators, a field and spaces.
const KEYS: &[&str] = &[
    "长",
    "春",
    "人",
    "大",
    "北",
    "京",
    "中",
    "报",
    "c",
    "h",
    "a",
    "n",
    "g",
    "r",
    "d",
    "b",
    "j",
    "z",
    " ",
    " ",
    "'",
    "^",
    "$",
    "!",
    "|",
    "src:",
    "date:2017 ",
];

const SOURCES: [&str; 3] = ["长春日报", "北京晚报", "新华社"];
const DATES: [&str; 4] = ["2017-09-06", "2016-01-01", "", "2017-09-06 12:00"];

fn articles_strategy() -> impl Strategy<Value = Vec<Article>> {
    let article = (
        proptest::collection::vec(proptest::sample::select(TITLE_CHARS), 1..14),
        0..SOURCES.len(),
        0..DATES.len(),
    )
        .prop_map(|(chars, s, d)| Article {
            title: chars.into_iter().collect(),
            source: SOURCES[s].to_string(),
            date: Date::from_text(DATES[d]),
            ..Article::default()
        });
    proptest::collection::vec(article, 1..60)
}

fn ranked(hits: Option<Vec<Hit>>) -> Vec<(usize, i64)> {
    hits.unwrap()
        .iter()
        .map(|h| (h.article(), i64::from(h.score)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Typing a query key by key, narrowing whenever `narrows` allows, as the interface does:
    /// every narrowed result equals a fresh search.
    #[test]
    fn narrowing_equals_a_fresh_search(
        articles in articles_strategy(),
        keys in proptest::collection::vec(proptest::sample::select(KEYS), 1..12),
        chunk in 1usize..20,
    ) {
        let mut corpus = Corpus::default();
        for part in articles.chunks(chunk) {
            corpus.push(part.to_vec());
        }
        let typed: String = keys.concat();
        let mut last: Option<search::Previous> = None;
        for end in (1..=typed.len()).filter(|&e| typed.is_char_boundary(e)) {
            let Ok(query) = Query::parse(&typed[..end]) else { continue };
            let full = search::run(&corpus, &query, Order::NewestFirst, None, &Cancel::new());
            if let Some(previous) = &last
                && search::narrows(&query, &previous.query)
            {
                // The first page too, as the interface asks for it: from the previous
                // scores when only letters were typed.
                let mut page = None;
                let narrowed = search::run_paged(
                    &corpus, &query, Order::NewestFirst, Some(previous), &Cancel::new(), 2,
                    |p| page = Some(p.hits),
                );
                prop_assert_eq!(
                    ranked(narrowed), ranked(full.clone()),
                    "{:?} within {:?}", &typed[..end], previous.query
                );
                if let (Some(page), Some(full)) = (page, &full) {
                    // Two rows, or all there are: none when nothing matches.
                    prop_assert_eq!(&page[..], &full[..full.len().min(2)], "{:?}", &typed[..end]);
                }
            }
            let hits: std::sync::Arc<Vec<_>> = full.unwrap().into();
            // Every other key finds the bitmap made, as the search thread makes it once the
            // answer is handed over; the others make it.
            let marks = search::Marks::default();
            if end % 2 == 0 {
                marks.make(&hits, corpus.len());
            }
            last = Some(search::Previous { query, hits, marks });
        }
    }

    /// Any corpus cut into chunks ranks exactly like `search::sequential` over the one list.
    #[test]
    fn chunks_rank_like_one_list(
        articles in articles_strategy(),
        keys in proptest::collection::vec(proptest::sample::select(KEYS), 0..8),
        chunk in 1usize..20,
        oldest in any::<bool>(),
    ) {
        let Ok(query) = Query::parse(&keys.concat()) else { return Ok(()) };
        let order = if oldest { Order::OldestFirst } else { Order::NewestFirst };
        let index = Index::build(&articles);
        let want = search::sequential(&articles, &index, &query, order);
        let mut corpus = Corpus::default();
        for part in articles.chunks(chunk) {
            corpus.push(part.to_vec());
        }
        let got = search::run(&corpus, &query, order, None, &Cancel::new()).unwrap();
        prop_assert_eq!(
            got.iter().map(|h| (h.article(), i64::from(h.score))).collect::<Vec<_>>(),
            want.iter().map(|h| (h.article(), h.score)).collect::<Vec<_>>()
        );
        for hit in &want {
            prop_assert_eq!(search::positions(&corpus, &query, hit.index), hit.positions.clone());
        }
    }
}
