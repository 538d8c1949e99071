//! Tests of [`Index`](super::Index) built from articles: folding, readings, sources, date
//! orders and signatures.

use super::*;
use crate::article::Article;
use crate::date::Date;
use crate::query::readings::letter_mask;

fn article(title: &str, source: &str, date: &str) -> Article {
    Article {
        title: title.into(),
        source: source.into(),
        date: Date::from_text(date),
        ..Article::default()
    }
}

#[test]
fn folds_titles_and_keeps_char_counts() {
    let articles = [
        article("ＶＩＰ会员２０１２", "新华社", "2012-07-06"),
        article("长春日报", "长春日报", ""),
    ];
    let index = Index::build(&articles);
    assert_eq!(index.len(), 2);
    assert_eq!(index.folded_title(0, &mut String::new()), "vip会员2012");
    assert_eq!(index.title(0), "ＶＩＰ会员２０１２");
    assert_eq!(index.folded_title(1, &mut String::new()), "长春日报");
    assert_eq!(index.title(1), "长春日报");
    assert_eq!(index.title_readings(0).len(), 9);
    assert_eq!(index.title_readings(1).len(), 4);
    let chang = index.reading_table().set(index.title_readings(1)[0]);
    assert!(chang.into_iter().any(|r| r == "zhang"));
    assert_eq!(
        index.title_letters(1) & letter_mask(b"ccrb"),
        letter_mask(b"ccrb")
    );
    assert_eq!(index.title_letters(1) & letter_mask(b"q"), 0);
}

#[test]
fn lettered_titles_are_those_with_an_ascii_letter() {
    let titles = [
        "长春日报",
        "２０１２年",
        "ＶＩＰ会员",
        "2015年GDP",
        "NBA",
        "第3季",
        "Ｚ",
        "",
    ];
    let articles: Vec<Article> = titles.iter().map(|t| article(t, "", "")).collect();
    let index = Index::build(&articles);
    let letters = index.ascii_letters();
    assert_eq!(letters[2], ascii_letter_bits(b"vip"));
    assert_eq!(letters[3], ascii_letter_bits(b"gdp"));
    assert_eq!(letters[1], 0, "digits are not letters");
    assert_eq!(index.lettered_titles(), [2, 3, 4, 6]);
    // Each letter's bitmap marks the places of the lettered titles holding it.
    for letter in 0..26 {
        let holding = index.lettered_holding(letter);
        for (at, &i) in index.lettered_titles().iter().enumerate() {
            let held = letters[i as usize] >> letter & 1 == 1;
            assert_eq!(
                holding[at / 64] >> (at % 64) & 1 == 1,
                held,
                "{letter} in {i}"
            );
        }
    }
    assert_eq!(index.lettered_holding(usize::from(b'g' - b'a')), [0b0010]);
    assert_eq!(index.lettered_holding(usize::from(b'z' - b'a')), [0b1000]);
    // Those holding every letter of a set: `b` alone (NBA), `p` (VIP, GDP), `pg` (GDP), `pz`
    // (none).
    for (set, places) in [
        (&b"b"[..], 0b0100),
        (b"p", 0b0011),
        (b"pg", 0b0010),
        (b"pz", 0),
    ] {
        let bits = ascii_letter_bits(set);
        assert_eq!(index.lettered_holding_all(bits), [places], "{set:?}");
    }
}

#[test]
fn sources_are_shared_and_dates_ordered() {
    let articles = [
        article("a", "新华社", "2012-07-06"),
        article("b", "ＸＨ", "不详"),
        article("c", "新华社", "2017-09-06 09:11"),
        article("d", "xh", ""),
        article("e", "", "2001-01-01"),
    ];
    let index = Index::build(&articles);
    let folded: Vec<&str> = (0..5)
        .map(|i| &*index.folded_sources()[index.source_id(i)])
        .collect();
    assert_eq!(folded, ["新华社", "xh", "新华社", "xh", ""]);
    assert_eq!(index.source(1), "ＸＨ");
    assert_eq!(index.source_id(0), index.source_id(2));
    assert_ne!(index.source_id(1), index.source_id(3));
    assert_eq!(index.stamp(1), None);
    assert_eq!(index.stamp(4), articles[4].date.stamp().map(|s| s.unix));
    assert_eq!(index.in_order(Order::NewestFirst), [2, 0, 4, 1, 3]);
    assert_eq!(index.in_order(Order::OldestFirst), [4, 0, 2, 1, 3]);
    assert!(Index::build(&[]).is_empty());
    let keys: Vec<u64> = (0..5)
        .map(|i| index.date_key(i, Order::NewestFirst))
        .collect();
    assert!(keys[2] < keys[0] && keys[0] < keys[4] && keys[4] < keys[1]);
    assert!(keys[1] < keys[3], "unparsed before missing");
    let keys: Vec<u64> = (0..5)
        .map(|i| index.date_key(i, Order::OldestFirst))
        .collect();
    assert!(keys[4] < keys[0] && keys[0] < keys[2] && keys[2] < keys[1]);
}

#[test]
fn signatures_are_subsets_for_contained_text() {
    let title = char_signature("中共长春市委人大工作会议召开");
    for term in ["人大", "长春", "中召", "开"] {
        let sig = char_signature(term);
        assert_eq!(title & sig, sig, "{term}");
    }
    assert_eq!(char_signature(""), 0);
    let missing = char_signature("北京上海广州深圳");
    assert_ne!(title & missing, missing);
}
