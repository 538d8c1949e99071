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
        let index = index_of(&bodies);
        // A substring of a body (crossing breaks and scripts as it falls), and a random text.
        let (b, start, len) = pick;
        let chars: Vec<char> = bodies[b % bodies.len()].chars().collect();
        let start = start.min(chars.len());
        let from_body: String = chars[start..(start + len).min(chars.len())].iter().collect();
        for needle in [from_body, other.chars().take(len).collect()] {
            let want = scanned(&bodies, &needle);
            let got = index.candidates(&fold(&needle));
            let listed = listed(&got, bodies.len());
            prop_assert!(want.iter().all(|i| listed.contains(i)), "{needle:?}: {want:?} ⊄ {listed:?}");
            if got.exact {
                prop_assert_eq!(&listed, &want, "{:?}", needle);
            }
        }
    }
}
