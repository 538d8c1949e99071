//! `is:` and `label:` terms: parsed, read from the bound marks at the right article numbers
//! across chunks, combined with text terms, and never narrowed over marks that changed.

use std::sync::Arc;

use super::*;
use crate::corpus::Corpus;
use crate::search::{self, Cancel};
use crate::state::{Change, Flags, Memory};

fn titled(id: &str, title: &str) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        ..Article::default()
    }
}

/// Four articles in two chunks, so marks are read at global numbers.
fn corpus() -> Corpus {
    let mut corpus = Corpus::from_articles(vec![titled("a", "长春人大"), titled("b", "经济日报")]);
    corpus.push(vec![titled("c", "长春经济"), titled("d", "人大会议")]);
    corpus
}

fn memory() -> Memory {
    let mut memory = Memory::default();
    for change in [
        Change::Read {
            id: "a".into(),
            read: true,
        },
        Change::Read {
            id: "c".into(),
            read: true,
        },
        Change::Star {
            id: "d".into(),
            starred: true,
        },
        Change::Label {
            id: "c".into(),
            label: "第三章".into(),
            on: true,
        },
        Change::Label {
            id: "b".into(),
            label: "第三章".into(),
            on: true,
        },
    ] {
        memory.apply(&change);
    }
    memory
}

fn found(corpus: &Corpus, marks: &Arc<Flags>, text: &str) -> Vec<usize> {
    let query = Query::parse(text).unwrap().with_marks(marks.clone());
    let mut v: Vec<usize> = search::run(corpus, &query, Order::NewestFirst, None, &Cancel::new())
        .unwrap()
        .iter()
        .map(|h| h.article())
        .collect();
    v.sort_unstable();
    v
}

#[test]
fn marks_terms_read_the_bound_marks_at_global_numbers() {
    let corpus = corpus();
    let marks = Arc::new(Flags::resolve(&memory(), &corpus));
    assert_eq!(found(&corpus, &marks, "is:read"), [0, 2]);
    assert_eq!(found(&corpus, &marks, "is:unread"), [1, 3]);
    assert_eq!(found(&corpus, &marks, "!is:read"), [1, 3]);
    assert_eq!(found(&corpus, &marks, "is:starred"), [3]);
    assert_eq!(found(&corpus, &marks, "label:第三章"), [1, 2]);
    assert_eq!(found(&corpus, &marks, "!label:第三章"), [0, 3]);
    assert_eq!(found(&corpus, &marks, "label:第三"), [] as [usize; 0]);
    assert_eq!(found(&corpus, &marks, "label:第三章 长春"), [2]);
    assert_eq!(found(&corpus, &marks, "is:starred | is:read"), [0, 2, 3]);
    assert_eq!(found(&corpus, &marks, "IS:Unread 人大"), [3]);
}

#[test]
fn without_marks_everything_is_unread_and_unmarked() {
    let corpus = corpus();
    let query = Query::parse("is:unread").unwrap();
    let hits = search::run(&corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap();
    assert_eq!(hits.len(), 4);
    let query = Query::parse("is:starred").unwrap();
    let hits = search::run(&corpus, &query, Order::NewestFirst, None, &Cancel::new()).unwrap();
    assert!(hits.is_empty());
}

#[test]
fn marks_terms_parse_and_refuse_unknown_values() {
    assert!(Query::parse("is:read").unwrap().reads_marks());
    assert!(Query::parse("!label:第三章 人大").unwrap().reads_marks());
    assert!(!Query::parse("人大 body:会议").unwrap().reads_marks());
    let err = Query::parse("is:new").unwrap_err().to_string();
    assert!(err.contains("read, unread or starred"), "{err}");
    let err = Query::parse("label:").unwrap_err().to_string();
    assert!(err.contains("needs a label"), "{err}");
}

#[test]
fn a_query_reading_marks_narrows_only_over_the_same_marks() {
    let corpus = corpus();
    let before = Arc::new(Flags::resolve(&memory(), &corpus));
    let old = Query::parse("is:unread 人")
        .unwrap()
        .with_marks(before.clone());
    let grown = Query::parse("is:unread 人大").unwrap();
    assert!(grown.clone().with_marks(before.clone()).narrows(&old));
    let mut changed = memory();
    changed.apply(&Change::Read {
        id: "a".into(),
        read: false,
    });
    let after = Arc::new(Flags::resolve(&changed, &corpus));
    assert!(!grown.with_marks(after).narrows(&old));
    // Without marks terms, marks never matter.
    let plain = Query::parse("人大").unwrap();
    assert!(plain.narrows(&Query::parse("人").unwrap()));
}
