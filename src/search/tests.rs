//! Tests of the engine against the single-list search of [`crate::query::search`]: the same
//! hits in the same ranking over one chunk or many, narrowing, positions and cancellation.

use super::*;
use crate::date::Date;
use crate::query::{self, Index};

fn article(title: &str, source: &str, date: &str) -> Article {
    Article {
        id: title.into(),
        title: title.into(),
        source: source.into(),
        date: Date::from_text(date),
        ..Article::default()
    }
}

fn shelf() -> Vec<Article> {
    vec![
        article(
            "中共长春市委人大工作会议召开",
            "长春日报",
            "2017-09-06 09:11",
        ),
        article("市人大常委会召开第十次会议", "人民日报", "2017-08-01"),
        article("人们在大街上庆祝国庆", "新华社", "2017-10-01 08:00"),
        article("政协委员视察长春人大工作", "新华社", "2018-03-05"),
        article("ＶＩＰ会员２０１２年特惠", "搜狐", "2012-07-06"),
        article("NBA季后赛：火箭胜勇士", "新浪体育", ""),
        article("银行行长谈经济", "经济日报", "2016-05-05"),
        article("北京长春人大代表座谈", "长春晚报", "2017-09-06 09:11"),
        article("重庆火锅节开幕", "上游新闻", "上周三"),
        article("长春人大", "长春日报", "2017-09-06 09:11"),
        article("北京经济改革", "北京晚报", "2015-02-01"),
        article("人大", "", ""),
    ]
}

/// A corpus of `articles` cut into chunks of `size`.
/// `articles` in chunks of `size`.
pub(super) fn chunked(articles: &[Article], size: usize) -> Corpus {
    let mut corpus = Corpus::default();
    for part in articles.chunks(size) {
        corpus.push(part.to_vec());
    }
    corpus
}

const QUERIES: [&str; 21] = [
    "",
    "人大",
    "长春 人大",
    "ccrd",
    "changchun",
    "rd",
    "'人大",
    "^北京",
    "src:晚报 经济",
    "date:2017 人大",
    "!人大",
    "vip | 火锅",
    "会议$",
    "after:2017-09-01",
    "src:新华社",
    "date:2017",
    "!src:新华社 !人大",
    "src:晚报 | date:2015",
    "text:人大",
    "text:人大 长春",
    "!长春 text:会",
];

#[test]
fn many_chunks_rank_like_one_list() {
    let articles = shelf();
    let index = Index::build(&articles);
    for order in [Order::NewestFirst, Order::OldestFirst] {
        for text in QUERIES {
            let query = Query::parse(text).unwrap();
            let want: Vec<(usize, i64)> = query::search(&articles, &index, &query, order)
                .iter()
                .map(|h| (h.article(), h.score))
                .collect();
            for size in [1, 2, 5, 12] {
                let corpus = chunked(&articles, size);
                let got: Vec<(usize, i64)> = run(&corpus, &query, order, None, &Cancel::new())
                    .unwrap()
                    .iter()
                    .map(|h| (h.article(), i64::from(h.score)))
                    .collect();
                assert_eq!(got, want, "{text:?} {order:?} in chunks of {size}");
            }
        }
    }
}

#[test]
fn positions_match_the_old_search() {
    let articles = shelf();
    let index = Index::build(&articles);
    let corpus = chunked(&articles, 3);
    for text in QUERIES {
        let query = Query::parse(text).unwrap();
        let mut rows = Positions::new(&corpus, &query);
        for old in query::search(&articles, &index, &query, Order::NewestFirst) {
            assert_eq!(rows.of(old.index), old.positions, "{text:?}");
            assert_eq!(
                positions(&corpus, &query, old.index),
                old.positions,
                "{text:?} on {}",
                articles[old.index].title
            );
        }
    }
    let ccrd = Query::parse("ccrd").unwrap();
    assert_eq!(positions(&corpus, &ccrd, 0), [2, 3, 6, 7]);
    assert_eq!(positions(&corpus, &ccrd, 4), Vec::<usize>::new());
}

#[test]
fn narrowing_searches_within_the_previous_hits() {
    let corpus = chunked(&shelf(), 4);
    let pairs = [
        ("长春人大", "长春"),
        ("ccrd", "cc"),
        ("src:晚报 经济", "src:晚报"),
    ];
    for (new, old) in pairs {
        let (new, old) = (Query::parse(new).unwrap(), Query::parse(old).unwrap());
        assert!(narrows(&new, &old));
        let hits = run(&corpus, &old, Order::NewestFirst, None, &Cancel::new()).unwrap();
        let previous = Previous {
            query: old,
            hits: hits.into(),
            ..Previous::default()
        };
        let fresh = run(&corpus, &new, Order::NewestFirst, None, &Cancel::new());
        let within = |previous: &Previous| {
            run(
                &corpus,
                &new,
                Order::NewestFirst,
                Some(previous),
                &Cancel::new(),
            )
        };
        assert_eq!(within(&previous), fresh);
        // The same with the bitmap made beforehand, as the search thread makes it, and with
        // one made for a corpus of another length (not used).
        for len in [corpus.len(), corpus.len() + 64] {
            let marks = crate::search::Marks::default();
            marks.make(&previous.hits, len);
            assert!(marks.is_made());
            let previous = Previous {
                marks,
                ..previous.clone()
            };
            assert_eq!(within(&previous), fresh, "{len}");
        }
    }
    let all = Query::parse("").unwrap();
    let some = run(
        &corpus,
        &all,
        Order::OldestFirst,
        Some(&Previous {
            query: all.clone(),
            hits: [9, 1, 4]
                .map(|index| Hit { index, score: 0 })
                .to_vec()
                .into(),
            ..Previous::default()
        }),
        &Cancel::new(),
    );
    let order: Vec<usize> = some.unwrap().iter().map(|h| h.article()).collect();
    assert_eq!(order, [4, 1, 9]);
}

#[test]
fn a_cancelled_search_returns_nothing() {
    let corpus = chunked(&shelf(), 2);
    let cancel = Cancel::new();
    let clone = cancel.clone();
    clone.cancel();
    assert!(cancel.is_cancelled());
    for text in ["", "人大"] {
        let query = Query::parse(text).unwrap();
        assert_eq!(
            run(&corpus, &query, Order::NewestFirst, None, &cancel),
            None
        );
    }
}

#[test]
fn corpus_of_splits_into_chunks_that_search_alike() {
    let articles: Vec<Article> = (0..CHUNK_LEN + 10)
        .map(|i| article(&format!("标题{i}"), "", ""))
        .collect();
    let corpus = corpus_of(articles);
    assert_eq!(corpus.chunks().len(), 2);
    assert_eq!(corpus.len(), CHUNK_LEN + 10);
    assert_eq!(
        corpus.title(CHUNK_LEN + 3),
        format!("标题{}", CHUNK_LEN + 3)
    );
    let query = Query::parse(&format!("'{}", CHUNK_LEN + 3)).unwrap();
    let hits = run(&corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].article(), CHUNK_LEN + 3);
    assert!(corpus_of(Vec::new()).is_empty());
}

#[test]
fn a_first_page_begins_the_whole_ranking() {
    // Many copies, so a page is a fraction: dated ones newest first, then ranked ones.
    let articles: Vec<Article> = (0..40).flat_map(|_| shelf()).collect();
    for size in [7, 1000] {
        let corpus = chunked(&articles, size);
        for text in [
            "c",
            "rd",
            "人大",
            "ccrd",
            "src:晚报",
            "date:2017 人大",
            "!人大",
        ] {
            let query = Query::parse(text).unwrap();
            let whole = run(&corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap();
            for rows in [1, 3, 10] {
                let mut page = None;
                let paged = run_paged(
                    &corpus,
                    &query,
                    Order::NewestFirst,
                    None,
                    &Cancel::new(),
                    rows,
                    |p| page = Some(p),
                )
                .unwrap();
                assert_eq!(paged, whole, "{text:?}");
                let Some(page) = page else {
                    // No page: only when the whole answer saved nothing by it.
                    assert!(whole.len() <= rows * 4, "{text:?}: {} hits", whole.len());
                    continue;
                };
                assert_eq!(page.hits, whole[..rows], "{text:?}, {rows} rows");
                match page.total {
                    // Hits that rank by date: found before all are counted.
                    Total::AtLeast(n) if !query.scores() => assert_eq!(n, rows, "{text:?}"),
                    // Ranked from score bounds: some counted.
                    Total::AtLeast(n) => assert!(n >= rows && n <= whole.len(), "{text:?}"),
                    Total::Exact(n) => assert_eq!(n, whole.len(), "{text:?}"),
                }
            }
        }
    }
}

#[test]
fn one_or_two_letters_filter_and_list_newest_first() {
    let corpus = chunked(&shelf(), 5);
    for text in ["c", "rd", "d", "12", "'n", "^c", "z$ ^c"] {
        let query = Query::parse(text).unwrap();
        assert!(!query.scores(), "{text}");
        let hits = run(&corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap();
        assert!(hits.iter().all(|h| h.score == 0), "{text}");
        let keys: Vec<u64> = hits
            .iter()
            .map(|h| {
                let (chunk, local) = corpus.locate(h.article());
                chunk.index.date_key(local, Order::NewestFirst)
            })
            .collect();
        assert!(keys.is_sorted(), "{text}: not in date order");
    }
    // A third letter ranks.
    assert!(Query::parse("ccr").unwrap().scores());
    assert!(Query::parse("c 人").unwrap().scores());
}

#[test]
fn body_hits_filtered_from_the_date_order_are_the_sorted_hits() {
    // Bodies where 改革 is common (most articles), 开放 rarer, and one article's in a later
    // chunk; the body index built, so candidates come from it.
    let mut articles = shelf();
    for (k, a) in articles.iter_mut().enumerate() {
        let text = match k % 3 {
            0 => "深化改革，扩大开放。",
            1 => "改革不停步",
            _ => "别的事",
        };
        a.body = format!("{text}\n{}", a.title).into();
    }
    let index = Index::build(&articles);
    let corpus = chunked(&articles, 5);
    corpus.index_bodies(true);
    for text in [
        "body:改革",
        "body:开放",
        "body:改革 src:新华社",
        "text:人大",
    ] {
        let query = Query::parse(text).unwrap();
        for order in [Order::NewestFirst, Order::OldestFirst] {
            let want: Vec<usize> = query::search(&articles, &index, &query, order)
                .iter()
                .map(|f| f.index)
                .collect();
            let sorted: Vec<usize> = run(&corpus, &query, order, None, &Cancel::new())
                .unwrap()
                .iter()
                .map(Hit::article)
                .collect();
            let matchers = scan::matchers(&corpus, &query);
            let filtered: Vec<usize> = date_order::matching_in_date_order(
                &corpus,
                &matchers,
                &query,
                order,
                None,
                &Cancel::new(),
                0,
                |_| {},
            )
            .unwrap()
            .iter()
            .map(Hit::article)
            .collect();
            assert_eq!(sorted, want, "{text:?} {order:?}");
            assert_eq!(filtered, want, "{text:?} {order:?}");
        }
    }
}

pub(super) mod unranked {
    use super::*;
    use crate::synthetic::Generator;
    use proptest::prelude::*;

    /// The articles [`matching_marks`] marks, ascending.
    pub(in crate::search) fn marked_articles(corpus: &Corpus, query: &Query) -> Vec<usize> {
        let marks = matching_marks(corpus, query);
        (0..corpus.len())
            .filter(|&g| marks[g / 64] >> (g % 64) & 1 == 1)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        /// `juan count`'s hits, found without scoring the fuzzy title terms (a subsequence of
        /// the title, or a way through its pinyin, is enough), are the ranked search's
        /// articles: for Chinese, pinyin and Latin terms of every kind and their mixes, and
        /// body terms, which the index answers exactly when of one or two chars (or of three
        /// with a trigram list of its own). The bitmap
        /// `juan count` reads marks the same articles, over chunks whose first numbers are
        /// not multiples of 64.
        #[test]
        fn matching_without_scores_finds_the_ranked_hits(
            seed in 0u64..1000,
            query in prop::sample::select(vec![
                "中国", "人大", "北京 经济", "zhongguo", "zg", "ccrd", "beijing", "bj",
                "gaige !股", "xinwen 发布", "nba | 篮球", "'NASA", "'nba", "!股 国际",
                "经济 | zg", "src:晚报 经济", "date:2015 改革", "zhong国", "pm2", "jingji gaige",
                "^中国", "报$", "'经济 xw", "", "body:的", "body:改革", "body:人民币",
                "text:中国", "body:国 | zg",
            ]),
            indexed in any::<bool>(),
        ) {
            let mut generator = Generator::new(seed);
            let articles: Vec<_> = (0..2000).map(|_| generator.next_article().to_article()).collect();
            let corpus = chunked(&articles, 600);
            if indexed {
                corpus.index_bodies(true);
            }
            let query = Query::parse(query).unwrap();
            let mut ranked: Vec<usize> = run(&corpus, &query, Order::NewestFirst, None, &Cancel::new())
                .unwrap()
                .iter()
                .map(Hit::article)
                .collect();
            ranked.sort_unstable();
            prop_assert_eq!(matching_marks(&corpus, &query).len(), corpus.len().div_ceil(64));
            prop_assert_eq!(marked_articles(&corpus, &query), ranked);
        }
    }
}
