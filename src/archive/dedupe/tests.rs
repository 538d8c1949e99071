//! Folding copies: one by one, by chunk and by group, which must agree.

use super::*;

#[test]
fn packed_firsts_unpack_to_what_was_packed() {
    for first in [
        First::At { chunk: 0, local: 0 },
        First::At {
            chunk: (1 << 23) - 1,
            local: (1 << 40) - 1,
        },
        First::At {
            chunk: 5,
            local: 1_000_000,
        },
    ] {
        let back = Packed::pack(first).unpack();
        assert!(
            matches!((first, back), (First::At { chunk: a, local: b }, First::At { chunk: c, local: d }) if a == c && b == d)
        );
    }
    let key = 0xFEDC_BA98_7654_3210;
    assert!(
        matches!(Packed::pack(First::Content(key)).unpack(), First::Content(k) if k == key & !PLACE)
    );
}

fn article(id: &str, title: &str, body: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        source: "新华社".into(),
        date: Date::from_text("2019-10-01 08:00"),
        body: body.into(),
        ..Article::default()
    }
}

#[test]
fn copies_fold_and_clashes_stay() {
    let mut seen = Seen::default();
    let mut articles = vec![
        article("a", "国庆", "正文"),
        article("b", "阅兵", "正文"),
        article("a", "国庆", "正文，更正后"),
        article("a", "另一篇", "别的正文"),
        article("a", "国庆", "正文"),
    ];
    seen.fold(&mut articles);
    let titles: Vec<_> = articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["国庆", "阅兵", "另一篇"]);
    assert_eq!((seen.copies_folded, seen.id_clashes), (2, 1));
}

#[test]
fn a_chunk_loses_its_copies_and_keeps_the_rest() {
    let mut seen = Seen::default();
    let mut first = vec![article("a", "国庆", "正文")];
    seen.fold(&mut first);
    let chunk = Chunk::build(vec![
        article("b", "阅兵", "正文"),
        article("a", "国庆", "正文"),
        article("c", "烟花", "正文"),
    ]);
    let folded = seen.fold_chunk(chunk);
    let titles: Vec<_> = (0..folded.len()).map(|i| folded.index.title(i)).collect();
    assert_eq!(titles, ["阅兵", "烟花"]);
    assert_eq!(folded.article(1).body, "正文");
    assert_eq!(seen.copies_folded, 1);
    // Ids stored as numbers (16 hex digits) meet the same ids given as text.
    let hex = "85671091eda75eb5";
    let mut text_first = vec![article(hex, "烟花", "正文")];
    seen.fold(&mut text_first);
    let chunk = Chunk::build(vec![article(hex, "烟花", "正文")]);
    assert!(chunk.index.id(0) == hex);
    assert_eq!(seen.fold_chunk(chunk).len(), 0);
    assert_eq!(seen.copies_folded, 2);
    // A chunk with nothing to drop is handed back as it was.
    let again = seen.fold_chunk(Chunk::build(vec![article("d", "花车", "x")]));
    assert_eq!(again.len(), 1);
}

/// `chunk` as the index cache gives it back: its columns views of stored bytes.
fn mapped(articles: Vec<Article>) -> Chunk {
    use crate::column::codec::Decoder;
    let (stored, core, sections) = Chunk::build(articles).encoded();
    let file: crate::article::SharedBytes = std::sync::Arc::new(Vec::new());
    let chunk = Chunk::decode(&mut Decoder::new(&stored, core), &file, sections).unwrap();
    assert!(chunk.is_mapped());
    chunk
}

/// What a load met, in order: articles parsed one by one, or a cached file's chunks.
#[derive(Debug, Clone)]
enum Met {
    Parsed(Vec<Article>),
    Cached(Vec<Vec<Article>>),
}

/// The (id, title, body) of each article kept, per step, and the two counts.
type Outcome = (Vec<Vec<(String, String, String)>>, usize, usize);

fn kept(chunks: &[Chunk]) -> Vec<(String, String, String)> {
    chunks
        .iter()
        .flat_map(|c| (0..c.len()).map(|i| c.article(i)))
        .map(|a| (a.id, a.title, a.body.text().into_owned()))
        .collect()
}

fn run(steps: &[Met], grouped: bool) -> Outcome {
    let mut seen = Seen::default();
    let mut out = Vec::new();
    for step in steps {
        match step {
            Met::Parsed(articles) => {
                let mut articles = articles.clone();
                seen.fold(&mut articles);
                out.push(kept(&[Chunk::build(articles)]));
            }
            Met::Cached(chunks) => {
                let chunks: Vec<Chunk> = chunks.iter().cloned().map(mapped).collect();
                // What the cache would say of the file, as its writer works it out.
                let mut ids: Vec<u64> = chunks
                    .iter()
                    .flat_map(|c| (0..c.len()).map(|i| c.index.id_key(i)))
                    .collect();
                ids.sort_unstable();
                let ids_distinct = ids.windows(2).all(|w| w[0] != w[1]);
                let folded: Vec<Chunk> = if grouped {
                    seen.fold_group(chunks, ids_distinct)
                } else {
                    chunks.into_iter().map(|c| seen.fold_chunk(c)).collect()
                };
                out.push(kept(&folded));
            }
        }
    }
    (out, seen.copies_folded, seen.id_clashes)
}

mod property {
    use super::*;
    use proptest::prelude::*;

    fn any_article() -> impl Strategy<Value = Article> {
        // Few ids, titles and bodies, so that copies and clashes are common; ids as text
        // and as 16 hex digits (stored as numbers).
        let ids = prop::sample::select(vec!["a", "b", "c", "d", "e", "0123456789abcdef"]);
        let titles = prop::sample::select(vec!["国庆", "阅兵", "烟花"]);
        let bodies = prop::sample::select(vec!["正文", "更正后"]);
        (ids, titles, bodies).prop_map(|(id, title, body)| article(id, title, body))
    }

    fn any_step() -> impl Strategy<Value = Met> {
        let articles = || prop::collection::vec(any_article(), 0..6);
        prop_oneof![
            articles().prop_map(Met::Parsed),
            prop::collection::vec(articles(), 1..4).prop_map(Met::Cached),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Folding a cached file's chunks as one group (its ids sorted at once, or later
        /// when they are all different) keeps and counts what folding them one chunk at a
        /// time does, whatever came before and after.
        #[test]
        fn a_group_folds_as_its_chunks_one_by_one(steps in prop::collection::vec(any_step(), 1..5)) {
            prop_assert_eq!(run(&steps, true), run(&steps, false));
        }
    }
}

#[test]
fn a_group_folds_its_own_copies_and_those_of_earlier_files() {
    let steps = [
        Met::Parsed(vec![article("a", "国庆", "正文")]),
        Met::Cached(vec![
            vec![article("b", "阅兵", "正文"), article("a", "国庆", "更正后")],
            vec![article("b", "阅兵", "x"), article("c", "烟花", "正文")],
            vec![article("a", "另一篇", "y")],
        ]),
        Met::Parsed(vec![article("c", "烟花", "z"), article("d", "新", "正文")]),
    ];
    let (kept, copies, clashes) = run(&steps, true);
    let titles: Vec<Vec<&str>> = kept
        .iter()
        .map(|step| step.iter().map(|(_, t, _)| t.as_str()).collect())
        .collect();
    assert_eq!(
        titles,
        [vec!["国庆"], vec!["阅兵", "烟花", "另一篇"], vec!["新"]]
    );
    assert_eq!((copies, clashes), (3, 1));
}
