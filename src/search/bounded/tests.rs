//! Tests of the bounded first page: the page from bounds begins the whole ranking, no title
//! scores above its bound, and a floor too high is found out, with and without the lists.

use super::*;
use crate::article::Article;
use crate::query::Query;
use crate::search::run;
use crate::synthetic::Generator;
use proptest::prelude::*;

/// `n` generated articles in chunks of 700, every third title repeated once, so equal
/// scores are common and ties go by date.
pub(super) fn corpus(seed: u64, n: usize) -> Corpus {
    let mut generator = Generator::new(seed);
    let mut articles: Vec<Article> = Vec::new();
    while articles.len() < n {
        let article = generator.next_article().to_article();
        if articles.len().is_multiple_of(3) {
            articles.push(article.clone());
        }
        articles.push(article);
    }
    crate::search::tests::chunked(&articles, 700)
}

/// The bounded first page, when the query has bounds and the bounds spare the work.
fn bounded_page(corpus: &Corpus, text: &str, rows: usize) -> Option<(Vec<Hit>, usize, bool)> {
    let query = Query::parse(text).unwrap();
    let matchers = scan::matchers(corpus, &query);
    assert!(matchers.iter().all(Matcher::bounded), "{text}");
    let order = Order::NewestFirst;
    best_rows(corpus, &matchers, order, None, &Cancel::new(), rows)
}

/// A bitmap over `len` articles marking every third one (0, 3, 6, …).
pub(super) fn every_third(len: usize) -> Vec<u64> {
    (0..len.div_ceil(64))
        .map(|w| {
            (0..64)
                .filter(|b| (w * 64 + b) % 3 == 0)
                .fold(0, |m, b| m | 1 << b)
        })
        .collect()
}

pub(super) fn whole(corpus: &Corpus, text: &str) -> Vec<Hit> {
    let query = Query::parse(text).unwrap();
    run(corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap()
}

#[test]
fn pinyin_pages_from_bounds_begin_the_whole_ranking() {
    let corpus = corpus(7, 6000);
    let mut spared = 0;
    // Without the titles' initials, then with them (candidates passed over by them).
    for text in [
        "zho", "zhong", "xin", "gaige", "bei", "dat", "jingji", "shi !人", "", "zho", "zhong",
        "xin", "gaige", "bei", "dat", "jingji", "shi !人",
    ] {
        if text.is_empty() {
            corpus.prepare_search();
            continue;
        }
        let whole = whole(&corpus, text);
        for rows in [1, 20] {
            let Some((hits, found, exact)) = bounded_page(&corpus, text, rows) else {
                continue;
            };
            spared += 1;
            assert_eq!(hits, whole[..rows.min(whole.len())], "{text}, {rows} rows");
            assert!(
                found <= whole.len() && (!exact || found == whole.len()),
                "{text}"
            );
        }
    }
    // The bounds spared the work for most of them.
    assert!(spared >= 20, "only {spared} of 32 pages came from bounds");
}

#[test]
fn titles_with_latin_letters_out_of_order_are_bounded_through_pinyin() {
    // Latin titles among many Chinese ones: some hold `x`, `i`, `n` in order (a direct
    // match, scored high), some hold them all but not in order, or not all (bounded
    // through pinyin like the rest).
    let latin = [
        "Xinhua 报道新年",
        "NBA 新闻",
        "Nix 消息",
        "in X 新华",
        "Linux 新版",
        "iPhone 新品",
    ];
    let mut generator = Generator::new(3);
    let articles = (0..4000)
        .map(|k| {
            let mut article = generator.next_article().to_article();
            if k % 7 == 0 {
                article.title = latin[k / 7 % latin.len()].to_string();
            }
            article
        })
        .collect();
    let corpus = Corpus::from_articles(articles);
    let query = Query::parse("xin").unwrap();
    let matchers = scan::matchers(&corpus, &query);
    let mut scratch = Scratch::default();
    let mut bound = |k: usize| matchers[0].bound(k, &mut scratch);
    // Real scores are a few hundred; a title that may match directly is unbounded.
    assert!(bound(0).unwrap() > 1 << 40, "Xinhua");
    for k in [7, 14, 21, 28, 35] {
        let b = bound(k).unwrap();
        assert!(b < 1000, "{k}: {b}");
        let score = matchers[0].score(k, &mut Scratch::default());
        assert!(score.is_none_or(|s| s <= b), "{k}: {score:?} above {b}");
    }
    let whole = whole(&corpus, "xin");
    for rows in [1, 20] {
        let (hits, _, _) = bounded_page(&corpus, "xin", rows).expect("spared");
        assert_eq!(hits, whole[..rows], "{rows} rows");
    }
    // The direct matches rank first.
    assert!(
        corpus
            .article(whole[0].article())
            .title
            .starts_with("Xinhua")
    );
}

#[test]
fn no_title_scores_above_its_bound_and_a_floor_too_high_is_found_out() {
    // Generated titles, and some with Latin letters that match directly or meet a
    // need with a letter of their own.
    let latin = [
        "Zho 报道",
        "zh o 新年",
        "Xin 改革",
        "x i n",
        "Ouzhou 欧洲",
        "DAT 日报",
    ];
    let mut articles = Vec::new();
    let mut generator = Generator::new(11);
    for k in 0..6000 {
        let mut article = generator.next_article().to_article();
        if k % 9 == 0 {
            article.title = format!("{} {}", latin[k / 9 % latin.len()], article.title);
        }
        articles.push(article);
    }
    let corpus = crate::search::tests::chunked(&articles, 700);
    let (mut too_high, mut listed_pages) = (0, 0);
    // Without the titles' initials, then with them (candidates sifted by them).
    let texts = [
        "zho", "zhong", "xin", "gaige", "dat", "'zho", "^xin", "'dat", "bao$",
    ];
    for (k, text) in texts.iter().chain(&texts).enumerate() {
        if k == texts.len() {
            corpus.prepare_search();
        }
        let query = Query::parse(text).unwrap();
        let matchers = scan::matchers(&corpus, &query);
        let whole = whole(&corpus, text);
        let mut scratch = Scratch::default();
        let mut each = Vec::new();
        for (chunk, m) in corpus.chunks().iter().zip(&matchers) {
            for i in 0..chunk.len() {
                // No title scores above its bound.
                let bound = m.bound(i, &mut scratch);
                let score = m.score(i, &mut scratch);
                assert!(score <= bound, "{text} on {i}: {score:?} above {bound:?}");
                each.push(bound);
            }
        }
        let mut bounds: Vec<i64> = each.iter().flatten().copied().collect();
        bounds.sort_unstable();
        bounds.dedup();
        for rows in [1, 20] {
            for &floor in bounds.iter().chain([&i64::MIN]) {
                let cancel = Cancel::new();
                let search = Search {
                    corpus: &corpus,
                    matchers: &matchers,
                    order: Order::NewestFirst,
                    within: None,
                    cancel: &cancel,
                };
                // Every candidate, then those the title lists leave for the floor.
                let chars = listed::ListedChars::of(&corpus).expect("listed");
                let listed = listed::Listed::new(&corpus, &matchers, &chars, floor, 1 << 40);
                let marks = listed.as_ref().map(|listed| listed.marks(&corpus, None));
                if let Some((listed, marks)) = listed.as_ref().zip(marks.as_ref()) {
                    // Every title whose bound reaches the floor is marked; within
                    // others' marks, only those marked there too.
                    let marked = |g: usize| marks[g / 64] >> (g % 64) & 1 == 1;
                    for (g, _) in each.iter().enumerate().filter(|(_, b)| **b >= Some(floor)) {
                        assert!(marked(g), "{text} at {floor}: {g} left out");
                    }
                    let thirds = scan::bitmap(
                        &(0..corpus.len()).step_by(3).collect::<Vec<_>>(),
                        |&g| g,
                        corpus.len(),
                    );
                    let both: Vec<u64> = marks.iter().zip(&thirds).map(|(m, t)| m & t).collect();
                    assert_eq!(
                        listed.marks(&corpus, Some(&thirds)),
                        both,
                        "{text} at {floor}"
                    );
                }
                let narrowed = marks.as_deref().map(|marks| Search {
                    within: Some(marks),
                    ..search
                });
                listed_pages += usize::from(narrowed.is_some());
                let outcomes = [
                    search.above(rows, floor, false),
                    narrowed.and_then(|narrowed| narrowed.above(rows, floor, true)),
                ];
                for outcome in outcomes.into_iter().flatten() {
                    match outcome {
                        Outcome::FloorTooHigh => too_high += 1,
                        Outcome::Page(Some((hits, _, _))) => {
                            assert_eq!(
                                hits,
                                whole[..rows.min(whole.len())],
                                "{text} above {floor}"
                            );
                        }
                        Outcome::Page(None) => {}
                    }
                }
            }
        }
    }
    assert!(too_high > 10, "{too_high}");
    assert!(listed_pages > 10, "{listed_pages}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random pinyin terms of three to eight letters (syllables and initials run
    /// together, as typed) over random generated archives: a page found from bounds is
    /// always the start of the whole ranking.
    #[test]
    fn a_page_from_bounds_is_the_best_of_the_ranking(
        seed in 0u64..1000,
        pieces in prop::collection::vec(prop::sample::select(vec![
            "zhong", "guo", "xin", "wen", "bei", "jing", "da", "gai", "ge", "shi", "ren",
            "fa", "zh", "x", "b", "g", "c", "s", "r", "d", "j", "h",
        ]), 1..4),
        rows in prop::sample::select(vec![1usize, 3, 25]),
    ) {
        let text: String = pieces.concat().chars().take(8).collect();
        prop_assume!(text.len() >= 3);
        let corpus = corpus(seed, 2500);
        let whole = whole(&corpus, &text);
        if let Some((hits, found, exact)) = bounded_page(&corpus, &text, rows) {
            prop_assert_eq!(&hits[..], &whole[..rows.min(whole.len())], "{}", text);
            prop_assert!(found <= whole.len() && (!exact || found == whole.len()));
        }
    }
}
