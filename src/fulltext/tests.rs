use proptest::prelude::*;

use super::*;
use crate::column::codec::aligned;
use crate::query::fold;

/// Which of `bodies` hold `needle` once both are folded: what a scan answers.
fn scanned(bodies: &[String], needle: &str) -> Vec<usize> {
    let needle = fold(needle);
    (0..bodies.len())
        .filter(|&i| fold(&bodies[i]).contains(&needle))
        .collect()
}

fn index_of(bodies: &[String]) -> TextIndex {
    Builder::default()
        .build(bodies.len(), |i| Some(bodies[i].clone()))
        .unwrap()
}

fn listed(c: &Candidates, len: usize) -> Vec<usize> {
    (0..len).filter(|&i| c.contains(i)).collect()
}

#[test]
fn common_grams_answer_one_and_two_chars_exactly_rare_ones_and_longer_terms_give_candidates() {
    let mut bodies: Vec<String> = [
        "改革开放四十年",
        "改革\n开放",
        "开放的改革",
        "NASA 发射",
        "ｎａｓａ",
    ]
    .map(String::from)
    .to_vec();
    // Enough more with 改革 that its chars and pair are common grams, with lists of their own.
    bodies.extend((0..RARE_BELOW).map(|_| "改革者".to_string()));
    let n = bodies.len();
    let index = index_of(&bodies);
    let with_gaige: Vec<usize> = [0, 1, 2].into_iter().chain(5..n).collect();
    let c = index.candidates("改");
    assert!(c.exact);
    assert_eq!(listed(&c, n), with_gaige);
    // A char has a list of its own however rare: 四 is in one body.
    let c = index.candidates("四");
    assert!(c.exact);
    assert_eq!(listed(&c, n), [0]);
    // And one in no body is in none, surely.
    let c = index.candidates("鑫");
    assert!(c.exact && c.count() == 0);
    let c = index.candidates("改革");
    assert!(c.exact);
    assert_eq!(listed(&c, n), with_gaige);
    // 开放 is rare (three articles): its bucket may hold others, to be verified.
    let c = index.candidates("开放");
    assert!(!c.exact);
    assert!([0, 1, 2].iter().all(|&i| c.contains(i)));
    // 改革开放 needs 改革, 革开 and 开放: 革开 is in the first body alone, and in its bucket
    // with other rare grams' articles.
    let c = index.candidates("改革开放");
    assert!(!c.exact && c.contains(0));
    assert!((5..n).all(|i| !c.contains(i)), "no 开放 in the others");
    // Across a paragraph break, and Latin folded for case and width.
    assert!(index.candidates("革\n开").contains(1));
    let nasa = index.candidates(&fold("NASA"));
    assert!(nasa.contains(3) && nasa.contains(4));
    assert_eq!(index.candidates("").count(), n);
}

#[test]
fn an_index_reads_back_from_its_bytes_and_refuses_bad_ones() {
    let bodies: Vec<String> = (0..300)
        .map(|i| format!("第{i}号文件，共{}页", i % 7))
        .collect();
    let index = index_of(&bodies);
    let mut e = Encoder::new();
    index.encode(&mut e);
    let bytes = aligned(&e.finish());
    let len = bytes.as_ref().as_ref().len();
    let back = TextIndex::decode(&mut Decoder::new(&bytes, 0..len)).unwrap();
    for needle in ["第1", "号文件", "3页", "共", "99号"] {
        assert_eq!(
            back.candidates(needle),
            index.candidates(needle),
            "{needle}"
        );
    }
    let mut raw = bytes.as_ref().as_ref().to_vec();
    raw[0] ^= 1; // another format
    let bad = aligned(&raw);
    assert!(TextIndex::decode(&mut Decoder::new(&bad, 0..len)).is_none());
}

/// Bodies from a small alphabet (so terms recur), with paragraph breaks, Latin letters in
/// both widths and cases, digits and 繁简 pairs.
fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop::sample::select(vec![
            "改", "革", "开", "放", "國", "国", "旗", "\n", "a", "A", "ａ", "b", "1", "１", " ",
            "的",
        ]),
        0..40,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn candidates_hold_every_match_and_exact_ones_only_matches(
        bodies in proptest::collection::vec(body(), 1..70),
        pick in (0usize..70, 0usize..40, 1usize..8),
        other in body(),
    ) {
        // Without filters (bodies this short are not big), with a filter for every article,
        // and for those with a dozen distinct grams or more.
        let indexes = [0, 12].map(|from| {
            Builder::with_bloom_from(from)
                .build(bodies.len(), |i| Some(bodies[i].clone()))
                .unwrap()
        });
        let plain = index_of(&bodies);
        let trigrams = Builder::with_every_trigram()
            .build(bodies.len(), |i| Some(bodies[i].clone()))
            .unwrap();
        // A substring of a body (crossing breaks and scripts as it falls), and a random text.
        let (b, start, len) = pick;
        let chars: Vec<char> = bodies[b % bodies.len()].chars().collect();
        let start = start.min(chars.len());
        let from_body: String = chars[start..(start + len).min(chars.len())].iter().collect();
        for needle in [from_body, other.chars().take(len).collect()] {
            let want = scanned(&bodies, &needle);
            for index in [&plain, &indexes[0], &indexes[1], &trigrams] {
                let got = index.candidates(&fold(&needle));
                let listed = listed(&got, bodies.len());
                prop_assert!(want.iter().all(|i| listed.contains(i)), "{needle:?}: {want:?} ⊄ {listed:?}");
                if got.exact {
                    prop_assert_eq!(&listed, &want, "{:?}", needle);
                }
            }
            // With every trigram listed, a term of three chars some body holds is answered
            // exactly.
            if fold(&needle).chars().count() == 3 && !want.is_empty() {
                prop_assert!(trigrams.candidates(&fold(&needle)).exact, "{:?}", needle);
            }
        }
    }
}

/// A big article — one that holds most rare grams, so it is in most buckets — is a candidate
/// of a rare term only when its filter may hold the term's rare grams.
#[test]
fn big_articles_are_left_out_of_rare_terms_they_cannot_hold() {
    // Many distinct pairs of many distinct chars: each pair is rare.
    let chars: Vec<char> = (0x4E00..0x4E00 + 3000).filter_map(char::from_u32).collect();
    // Its pairs 甲乙 and 乙丙, but not 甲乙丙.
    let big: String = chars.iter().step_by(2).collect::<String>() + "甲乙。乙丙";
    let mut bodies: Vec<String> = (0..200)
        .map(|i| format!("{}{}", chars[(i * 7) % 3000], chars[(i * 13 + 1) % 3000]))
        .collect();
    bodies.push(big.clone());
    let n = bodies.len();
    let with = Builder::with_bloom_from(1000)
        .build(n, |i| Some(bodies[i].clone()))
        .unwrap();
    let without = Builder::with_bloom_from(usize::MAX)
        .build(n, |i| Some(bodies[i].clone()))
        .unwrap();
    // Pairs of the big body are still candidates; pairs of its chars it lacks mostly drop it
    // (its chars' own lists hold it).
    let its_pairs: Vec<String> = big
        .chars()
        .collect::<Vec<_>>()
        .windows(2)
        .map(|w| w.iter().collect())
        .collect();
    assert!(
        its_pairs
            .iter()
            .all(|p| with.candidates(&fold(p)).contains(n - 1))
    );
    let lacked: Vec<String> = (0..500)
        .map(|i| [chars[2 * i], chars[2 * i + 4]].iter().collect())
        .collect();
    let kept = |index: &TextIndex| {
        lacked
            .iter()
            .filter(|p| index.candidates(&fold(p)).contains(n - 1))
            .count()
    };
    assert!(kept(&without) > 250, "the big body is in most buckets");
    assert!(kept(&with) < 50, "{} of 500", kept(&with));
    // A term whose pairs it holds, but not the term: its trigram is not in the filter.
    assert!(without.candidates("甲乙丙").contains(n - 1));
    assert!(!with.candidates("甲乙丙").contains(n - 1));
    assert!(with.candidates("甲乙").contains(n - 1));
    assert!(with.byte_len() > without.byte_len());
}

/// The lean builder's sort (in place where the other's goes through a buffer) lays out the
/// same bytes, for a chunk whose pairs are many times its buffer.
#[test]
fn a_lean_builder_writes_the_same_index() {
    let mut generator = crate::synthetic::Generator::new(5);
    let bodies: Vec<String> = (0..2000)
        .map(|_| {
            generator
                .next_article()
                .to_article()
                .body
                .text()
                .into_owned()
        })
        .collect();
    let bytes = |mut builder: Builder| {
        let index = builder
            .build(bodies.len(), |i| Some(bodies[i].clone()))
            .unwrap();
        let mut e = Encoder::new();
        index.encode(&mut e);
        e.finish()
    };
    assert!(bytes(Builder::lean()) == bytes(Builder::default()));
}
