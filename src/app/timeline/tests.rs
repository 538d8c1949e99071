//! Tests of the timeline: the periods chosen for a width, counts (empty periods kept, undated
//! hits in none, the archive's span whatever the query), counting again when the hits or the
//! width change, and the previous/next period moves.

use jiff::civil::{Date as Day, date};

use super::*;
use crate::app::Action;
use crate::article::Article;
use crate::date::Date;

fn art(id: &str, title: &str, date: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        date: Date::from_text(date),
        source: "人民日报".into(),
        body: format!("{title}。").into(),
        ..Default::default()
    }
}

/// 2015 ×2, 2017, 2019, and one undated: listed newest first `d c b a u`.
fn articles() -> Vec<Article> {
    vec![
        art("a", "改革开放再出发", "2015-03-02 09:00"),
        art("b", "春季农业生产全面展开", "2015-03-20"),
        art("c", "新年钟声敲响", "2016-12-31T20:00:00Z"),
        art("d", "深化改革开放 推动高质量发展", "2019-03-07 10:00"),
        art("u", "改革开放四十年图片展", ""),
    ]
}

fn chosen(first: Day, last: Day, width: usize) -> Option<(Unit, usize, bool, String)> {
    choose(first, last, width).map(|(p, labels)| {
        let last_label = p.label(p.len() - 1);
        (p.unit(), p.len(), labels, last_label)
    })
}

#[test]
fn the_finest_unit_that_fits_the_width_beside_its_labels() {
    let (first, last) = (date(2015, 3, 2), date(2024, 6, 1));
    // 80 cells: 3380 days and 112 months do not fit, 10 years do.
    assert_eq!(
        chosen(first, last, 80),
        Some((Unit::Year, 10, true, "2024".into()))
    );
    // 200 cells: 112 months fit beside two labels of 7.
    assert_eq!(
        chosen(first, last, 200),
        Some((Unit::Month, 112, true, "2024-06".into()))
    );
    // Three weeks: days.
    assert_eq!(
        chosen(date(2019, 3, 1), date(2019, 3, 20), 80),
        Some((Unit::Day, 20, true, "2019-03-20".into()))
    );
    // A thousand years in 80 cells: 15 years a period, 67 periods.
    assert_eq!(
        chosen(date(1024, 1, 1), date(2023, 12, 31), 80),
        Some((Unit::Year, 67, true, "2014".into()))
    );
    // 12 cells leave no room for labels and 8 bars: years alone.
    assert_eq!(
        chosen(first, last, 12),
        Some((Unit::Year, 10, false, "2024".into()))
    );
    assert_eq!(
        chosen(first, last, 3),
        Some((Unit::Year, 3, false, "2023".into())),
        "years four at a time"
    );
    assert_eq!(chosen(first, last, 0), None);
}

#[test]
fn counts_per_year_with_empty_years_and_undated_hits_in_none() {
    // 60 cells: the 49 months from 2015-03 to 2019-03 do not fit beside their labels.
    let app = App::of_articles(articles(), 60, 24);
    let t = app.timeline();
    let p = t.periods().expect("dated articles");
    assert_eq!(p.unit(), Unit::Year);
    assert_eq!(
        (0..p.len()).map(|k| p.label(k)).collect::<Vec<_>>(),
        ["2015", "2016", "2017", "2018", "2019"]
    );
    // 2016-12-31T20:00Z is 2017 in China Standard Time, as the list shows it.
    assert_eq!(t.counts(), [2, 0, 1, 0, 1]);
    assert_eq!(t.undated(), 1);
    assert!(t.labels());
    assert_eq!(t.width(), 60);
    assert_eq!(t.label_room(), 10);
    assert_eq!(t.cells_per_period(), 10);
}

#[test]
fn the_span_is_the_archives_and_the_counts_the_matches() {
    let mut app = App::of_articles(articles(), 60, 24);
    app.update(Action::QueryInsert("改革开放".into()));
    assert_eq!(app.hits().len(), 3);
    let t = app.timeline();
    assert_eq!(t.periods().unwrap().len(), 5, "still 2015 to 2019");
    assert_eq!(t.counts(), [1, 0, 0, 0, 1]);
    assert_eq!(t.undated(), 1);
    app.update(Action::QueryInsert("不存在".into()));
    assert!(app.hits().is_empty());
    assert_eq!(app.timeline().counts(), [0; 5]);
}

#[test]
fn counted_again_when_chunks_arrive_and_the_width_changes() {
    let mut app = App::of_articles(articles(), 60, 24);
    app.append(
        vec![art("e", "改革开放新征程", "2021-05-01")],
        vec![],
        crate::app::LoadProgress::default(),
    );
    assert_eq!(app.timeline().counts(), [2, 0, 1, 0, 1, 0, 1]);
    app.update(Action::Resize(200, 24));
    let t = app.timeline();
    assert_eq!(t.periods().unwrap().unit(), Unit::Month);
    assert_eq!(t.counts().len(), 75, "2015-03 to 2021-05");
    assert_eq!(t.counts().iter().sum::<u32>(), 5);
    app.update(Action::Resize(60, 24));
    assert_eq!(app.timeline().counts().len(), 7);
}

#[test]
fn an_archive_without_dates_has_no_periods() {
    let app = App::of_articles(
        vec![art("u", "无日期", ""), art("v", "也无日期", "")],
        80,
        24,
    );
    assert!(app.timeline().periods().is_none());
    assert_eq!(app.timeline().undated(), 2);
    assert_eq!(app.selected_period(), None);
    let empty = App::of_articles(vec![], 80, 24);
    assert!(empty.timeline().periods().is_none());
}

#[test]
fn many_hits_are_counted_on_all_cores_alike() {
    // More than one slice: the parallel path.
    let n = SLICE * 2 + 7;
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let year = 2010 + i % 5;
            art(&format!("x{i}"), "新闻", &format!("{year}-06-01"))
        })
        .collect();
    let app = App::of_articles(articles, 60, 24);
    let per_year = |k: usize| (0..n).filter(|i| i % 5 == k).count() as u32;
    assert_eq!(
        app.timeline().counts(),
        (0..5).map(per_year).collect::<Vec<_>>()
    );
}

fn selected_id(app: &App) -> String {
    app.article(&app.hits()[app.selected()]).id
}

#[test]
fn previous_and_next_period_skip_empty_ones() {
    let mut app = App::of_articles(articles(), 60, 24);
    assert_eq!(selected_id(&app), "d");
    assert_eq!(app.selected_period(), Some(4));
    assert!(!app.update(Action::NextPeriod), "nothing after 2019");
    assert!(app.update(Action::PrevPeriod));
    assert_eq!(selected_id(&app), "c", "2018 is empty: 2017");
    assert!(app.update(Action::PrevPeriod));
    assert_eq!(
        selected_id(&app),
        "b",
        "the first listed article of 2015 (newest first)"
    );
    assert_eq!(app.selected_period(), Some(0));
    assert!(!app.update(Action::PrevPeriod));
    assert!(app.update(Action::NextPeriod));
    assert_eq!(selected_id(&app), "c");
    // Oldest first, the first listed of a period is its oldest.
    app.update(Action::ToggleOrder);
    app.update(Action::NextPeriod);
    app.update(Action::PrevPeriod);
    assert_eq!(selected_id(&app), "c");
    app.update(Action::PrevPeriod);
    assert_eq!(selected_id(&app), "a");
    // An undated selection is in no period: the keys do nothing.
    app.update(Action::SelectLast);
    assert_eq!(selected_id(&app), "u");
    assert_eq!(app.selected_period(), None);
    assert!(!app.update(Action::PrevPeriod));
    assert!(!app.update(Action::NextPeriod));
}

#[test]
fn the_period_keys_work_in_the_reader_too() {
    let mut app = App::of_articles(articles(), 60, 24);
    app.update(Action::Open);
    assert!(app.reader_open());
    assert!(app.update(Action::PrevPeriod));
    assert_eq!(selected_id(&app), "c");
    assert_eq!(
        app.detail().unwrap().article(),
        app.hits()[app.selected()].article(),
        "the reader shows it"
    );
}

#[test]
fn many_and_few_hits_are_counted_alike_by_either_path() {
    // Enough articles that a twentieth of them is more than a slice: the parallel path over
    // the hits in rank order, and the sweep over the chunks for many hits, both reached.
    let n = SLICE * 21;
    let articles: Vec<Article> = (0..n)
        .map(|i| {
            let year = 2010 + i % 5;
            let date = if i % 97 == 0 {
                String::new()
            } else {
                format!("{year}-06-01")
            };
            art(&format!("x{i}"), "新闻", &date)
        })
        .collect();
    let corpus = crate::search::corpus_of(articles);
    let (first, last) = corpus_span(&corpus).unwrap();
    let day = |t| crate::date::zone::civil_of(t).date();
    let (periods, _) = choose(day(first), day(last), 60).unwrap();
    for step in [1, 20] {
        let hits: Vec<Hit> = (0..n)
            .step_by(step)
            .rev()
            .map(|i| Hit {
                index: i as u32,
                score: 0,
            })
            .collect();
        assert_eq!(hits.len() >= n / SWEEP_SHARE, step == 1);
        let undated = (0..n).step_by(step).filter(|i| i % 97 == 0).count();
        let per_year = |k: usize| {
            (0..n)
                .step_by(step)
                .filter(|i| i % 97 != 0 && i % 5 == k)
                .count() as u32
        };
        let brute = hits
            .iter()
            .filter_map(|h| instant_of(&corpus, h.article()))
            .fold(None, |span: Option<(i64, i64)>, t| {
                Some(span.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))))
            });
        let made = Marks::default();
        let marks = made.make(&hits, corpus.len());
        assert_eq!(span_marked(&corpus, &marks), brute, "every {step}");
        let (counts, got_undated) = count_in(&corpus, &hits, &Marks::default(), &periods);
        assert_eq!(
            count_marked(&corpus, &marks, &periods),
            (counts.clone(), got_undated)
        );
        assert_eq!(got_undated, undated, "every {step}");
        assert_eq!(
            counts,
            (0..5).map(per_year).collect::<Vec<_>>(),
            "every {step}"
        );
    }
}

#[test]
fn marked_in_gives_a_chunks_marked_articles_whatever_its_bounds() {
    let len = 1000;
    for step in [1, 3, 64, 333] {
        let marks = {
            let mut m = vec![0u64; usize::div_ceil(len, 64)];
            for g in (0..len).step_by(step) {
                m[g / 64] |= 1 << (g % 64);
            }
            m
        };
        for (first, n) in [
            (0, 1000),
            (0, 64),
            (63, 2),
            (64, 64),
            (100, 0),
            (130, 700),
            (999, 1),
        ] {
            let want: Vec<usize> = (first..first + n)
                .filter(|g| g % step == 0)
                .map(|g| g - first)
                .collect();
            let got: Vec<usize> = marked_in(&marks, first, n).collect();
            assert_eq!(got, want, "step {step}, chunk {first}+{n}");
        }
    }
}
