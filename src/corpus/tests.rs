//! Tests of the corpus: numbering across chunks, articles put back together from columns and
//! lines, and chunks read back from their stored form.

use super::*;

fn arts(titles: &[&str]) -> Vec<Article> {
    titles
        .iter()
        .map(|t| Article {
            id: t.to_string(),
            title: t.to_string(),
            ..Default::default()
        })
        .collect()
}

#[test]
fn global_numbering_spans_chunks() {
    let mut c = Corpus::from_articles(arts(&["a", "b"]));
    c.push(Vec::new());
    c.push(arts(&["c"]));
    c.push(arts(&["d", "e", "f"]));
    assert_eq!(c.len(), 6);
    assert_eq!(c.chunks().len(), 3);
    let titles: Vec<&str> = (0..6).map(|i| c.title(i)).collect();
    assert_eq!(titles, ["a", "b", "c", "d", "e", "f"]);
    assert_eq!(c.article(4).id, "e");
    let snapshot = c.clone();
    c.push(arts(&["g"]));
    assert_eq!((snapshot.len(), c.len()), (6, 7));
}

#[test]
fn articles_come_back_whole_from_columns_and_lines() {
    let text = concat!(
        "{\"id\":\"x1\",\"title\":\"长春日报\",\"date\":\"2017-09-06 09:11\",",
        "\"source\":\"长春日报\",\"url\":\"http://a/1\",\"tags\":[\"t\"],\"body\":\"正文\"}\n",
        "{\"title\":\"Ｂ\",\"date\":\"不详\",\"body\":\"第二\\n段\"}\n"
    );
    let shared: SharedBytes = Arc::new(text.as_bytes().to_vec());
    let second = text.find("{\"title\":\"Ｂ").unwrap();
    let loaded: Vec<Article> = [0, second]
        .into_iter()
        .map(|at| crate::parse::record_at(&shared, at).unwrap())
        .collect();
    assert!(loaded.iter().all(|a| a.body.is_lazy()));
    let mut kept = arts(&["kept"]);
    kept[0].url = Some("u".into());
    kept[0].body = "在内存".into();
    let mut all = loaded.clone();
    all.extend(kept.clone());
    let c = Corpus::from_articles(all);
    let records = &c.chunks()[0].records;
    assert_eq!((records.len(), records.kept().len()), (3, 1));
    assert_eq!(c.article(0), loaded[0]);
    assert_eq!(c.article(1), loaded[1]);
    assert_eq!(c.article(2), kept[0]);
    assert_eq!(c.date(1), Date::Unparsed("不详".into()));
    assert_eq!(c.chunks()[0].body(1), "第二\n段");
    assert_eq!(c.sources().collect::<Vec<_>>(), ["长春日报", "", ""]);

    let (stored, core, sections) = c.chunks()[0].encoded();
    let back = Chunk::decode(
        &mut Decoder::new(&stored, core.clone()),
        &shared,
        sections.clone(),
    )
    .unwrap();
    assert!(back.index.same_as(&c.chunks()[0].index));
    for i in 0..3 {
        assert_eq!(back.article(i), c.article(i), "{i}");
    }
    let other: SharedBytes = Arc::new(b"short".to_vec());
    let refused = Chunk::decode(&mut Decoder::new(&stored, core), &other, sections);
    assert!(refused.is_none(), "a line beyond the file");
}

mod stored {
    use super::*;
    use proptest::prelude::*;

    /// Articles with titles, sources and ids from a mix of scripts and forms (capitals,
    /// full-width, CJK, blank), dates known, unparsed or missing, bodies in memory.
    fn articles() -> impl Strategy<Value = Vec<Article>> {
        let text = "[a-zA-Z0-9 Ａ-Ｚａ-ｚ０-９长春人大日报绿行，。《》\u{1F600}]{0,12}";
        let date = prop_oneof![
            Just(String::new()),
            Just("不详".to_string()),
            (0i64..2_000_000_000).prop_map(|t| t.to_string()),
            "20[0-2][0-9]-0[1-9]-1[0-9]( 0[0-9]:[0-5][0-9])?",
        ];
        let id = prop_oneof![Just(String::new()), "[0-9a-f]{16}", "[a-z0-9-]{1,20}"];
        let article = (
            text,
            "[长春日报新华社ＸＨxh]{0,4}",
            date,
            id,
            "[^\\n]{0,30}",
        );
        proptest::collection::vec(article, 0..40).prop_map(|rows| {
            rows.into_iter()
                .map(|(title, source, date, id, body)| {
                    let date = Date::from_text(&date);
                    let mut a = Article {
                        id,
                        title,
                        date,
                        source,
                        url: None,
                        // Cleaned, as every loaded body is (a cache holding a control
                        // character is refused).
                        body: crate::article::normalize_body(&crate::sanitize::clean(&body)).into(),
                        tags: vec!["t".into()],
                        header: Default::default(),
                    };
                    a.settle_id();
                    a
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// A chunk written to the cache reads back as the same articles and the same
        /// search data, whatever they hold.
        #[test]
        fn chunks_read_back_as_they_were(articles in articles()) {
            let chunk = Chunk::build(articles.clone());
            for (i, a) in articles.iter().enumerate() {
                prop_assert_eq!(&chunk.article(i), a);
            }
            let (stored, core, sections) = chunk.encoded();
            let file: SharedBytes = Arc::new(Vec::new());
            let back = Chunk::decode(&mut Decoder::new(&stored, core), &file, sections).unwrap();
            prop_assert!(back.index.same_as(&chunk.index));
            for (i, a) in articles.iter().enumerate() {
                prop_assert_eq!(&back.article(i), a);
            }
        }
    }
}

mod bodies {
    use super::*;
    use proptest::prelude::*;

    /// JSON Lines of `bodies`, each line ended as `ends` says (`\n`, `\r\n`, or a lone `\r`
    /// before a field, which the reader splits at), and where each line starts.
    fn lines(bodies: &[(String, u8)]) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (k, (body, end)) in bodies.iter().enumerate() {
            starts.push(text.len());
            let lone_cr = if *end == 2 { "\r" } else { "" };
            let body = serde_json::to_string(body).unwrap();
            text += &format!("{{\"title\":\"t{k}\",{lone_cr}\"body\":{body}}}");
            text += if *end == 1 { "\r\n" } else { "\n" };
        }
        (text, starts)
    }

    /// The records of JSON Lines `text` whose lines start at `starts`, as a load reads them
    /// (bodies left in the text), and a corpus of them.
    fn read_back(text: String, starts: &[usize]) -> (Vec<Article>, Corpus) {
        let shared: SharedBytes = Arc::new(text.into_bytes());
        let loaded: Vec<Article> = starts
            .iter()
            .map(|&at| crate::parse::record_at(&shared, at).unwrap())
            .collect();
        let c = Corpus::from_articles(loaded.clone());
        (loaded, c)
    }

    proptest! {
        /// A body read straight from its literal is the body its whole record gives, for
        /// escapes, controls, blank lines and every line end; lines without a lone `\r` take
        /// that shortcut.
        #[test]
        fn a_body_from_its_literal_is_the_body_of_its_record(
            bodies in proptest::collection::vec(
                ("[a标，。 \\n\\r\\t\"\\\\\u{1b}\u{7}\u{85}\u{200b}\u{3000}\u{a0}😀]{0,24}", 0u8..3),
                1..12,
            ),
        ) {
            let (text, starts) = lines(&bodies);
            let (loaded, c) = read_back(text, &starts);
            let records = &c.chunks()[0].records;
            for (i, a) in loaded.iter().enumerate() {
                prop_assert_eq!(records.body(i), a.body.text().into_owned());
                prop_assert_eq!(records.body_from_literal(i).is_some(), bodies[i].1 != 2 && a.body.is_lazy());
            }
        }
    }

    proptest! {
        /// Long bodies (whose first bytes a search reads first) hold a term exactly when
        /// their folded text does, wherever the term lies: in the first bytes, across their
        /// end, past them, escaped, in traditional form, or nowhere.
        #[test]
        fn long_bodies_hold_a_term_wherever_it_lies(
            places in proptest::collection::vec(0usize..12_000, 1..6),
            forms in proptest::collection::vec(0u8..4, 6),
        ) {
            let filler = "经济发展，人民生活。";
            let bodies: Vec<(String, u8)> = places
                .iter()
                .zip(&forms)
                .map(|(&at, &form)| {
                    let mut body: String = filler.chars().cycle().take(4000).collect();
                    let cut = body.char_indices().nth(at / 3).map_or(body.len(), |(k, _)| k);
                    let term = ["联合国", "聯合國", "@@8054合国", "联合"][usize::from(form)];
                    body.insert_str(cut, term);
                    (body, 0)
                })
                .collect();
            let (text, starts) = lines(&bodies);
            // As Python writes non-ASCII: the literal holds the escape `\u8054` (联) itself.
            let text = text.replace("@@8054", "\\u8054");
            let (loaded, c) = read_back(text, &starts);
            let records = &c.chunks()[0].records;
            for needle in ["联合国", "合国", "国联", "人民"] {
                let probe = crate::fulltext::Probe::new(&crate::query::fold(needle));
                for (i, a) in loaded.iter().enumerate() {
                    let want = crate::query::fold(&a.body.text()).contains(&crate::query::fold(needle));
                    prop_assert_eq!(records.body_holds(i, &probe), want, "{} in {}", needle, i);
                }
            }
        }
    }

    #[test]
    fn a_line_changed_since_the_load_gives_no_body_from_its_literal() {
        let (text, starts) = lines(&[("第一段".into(), 0), ("第二段".into(), 0)]);
        let shared: SharedBytes = Arc::new(text.clone().into_bytes());
        let loaded: Vec<Article> = starts
            .iter()
            .map(|&at| crate::parse::record_at(&shared, at).unwrap())
            .collect();
        let c = Corpus::from_articles(loaded);
        assert_eq!(c.chunks()[0].records.body(1), "第二段");
        let (stored, core, sections) = c.chunks()[0].encoded();
        // The same length, the second body edited in place.
        let edited: SharedBytes = Arc::new(text.replace("第二段", "第三段").into_bytes());
        let back = Chunk::decode(&mut Decoder::new(&stored, core), &edited, sections).unwrap();
        assert_eq!(back.records.body(0), "第一段");
        assert!(back.records.body_from_literal(1).is_none());
        assert!(
            back.records.body(1).contains("changed on disk"),
            "{}",
            back.records.body(1)
        );
    }
}
