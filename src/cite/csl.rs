//! CSL-JSON, the citation data Zotero, Pandoc and every citeproc read: one item of type
//! `article-newspaper` per article (`id`, `title`, `container-title`, `author`, `issued`,
//! `URL`, `accessed`). Names are `{"literal": …}`: a Chinese name has no given/family split
//! to guess, and a name juan cannot split surely is better kept whole. Dates are
//! `{"date-parts": [[y, m, d]]}`. Parts the record lacks are left out; `accessed` goes with a
//! URL only, as GB/T 7714's 引用日期 does.

use jiff::civil;
use serde_json::{Map, Value, json};

use super::Work;

/// The CSL-JSON item of `work`, accessed on `accessed`.
pub(crate) fn csl_json(work: &Work, accessed: civil::Date) -> Value {
    let mut item = Map::new();
    item.insert("id".into(), Value::from(work.id.as_str()));
    item.insert("type".into(), Value::from("article-newspaper"));
    item.insert("title".into(), Value::from(work.title.as_str()));
    if !work.source.is_empty() {
        item.insert("container-title".into(), Value::from(work.source.as_str()));
    }
    if !work.authors.is_empty() {
        let names: Vec<Value> = work
            .authors
            .iter()
            .map(|n| json!({ "literal": n }))
            .collect();
        item.insert("author".into(), Value::Array(names));
    }
    if let Some(day) = work.issued {
        item.insert("issued".into(), date_parts(day));
    }
    if let Some(url) = &work.url {
        item.insert("URL".into(), Value::from(url.as_str()));
        item.insert("accessed".into(), date_parts(accessed));
    }
    Value::Object(item)
}

/// `{"date-parts": [[2017, 9, 6]]}`.
fn date_parts(day: civil::Date) -> Value {
    json!({ "date-parts": [[day.year(), day.month(), day.day()]] })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::cite::tests::{accessed, online, seed};

    fn item(a: &Article) -> String {
        csl_json(&Work::of(a), accessed()).to_string()
    }

    #[test]
    fn the_seed_article_is_a_newspaper_item_without_author_or_url() {
        assert_eq!(
            item(&seed()),
            r#"{"container-title":"长春日报","id":"1813adf16dc74ae9","issued":{"date-parts":[[2017,9,6]]},"title":"中共长春市委人大工作会议召开","type":"article-newspaper"}"#
        );
    }

    #[test]
    fn authors_are_literal_and_a_url_brings_the_accessed_date() {
        assert_eq!(
            item(&online()),
            r#"{"URL":"http://www.ccrb.example.cn/2017-09/12/content_1006.htm","accessed":{"date-parts":[[2026,11,29]]},"author":[{"literal":"王明"},{"literal":"李红"}],"container-title":"长春日报","id":"ccrb-20170912-1","issued":{"date-parts":[[2017,9,12]]},"title":"长春市人大常委会审议《长春市城市绿化条例（修订草案）》","type":"article-newspaper"}"#
        );
    }

    #[test]
    fn a_record_with_only_a_title_keeps_only_that() {
        let a = Article {
            id: "x1".into(),
            title: "无题".into(),
            ..Default::default()
        };
        assert_eq!(
            item(&a),
            r#"{"id":"x1","title":"无题","type":"article-newspaper"}"#
        );
    }

    #[test]
    fn quotes_and_controls_in_text_stay_inside_json_strings() {
        let a = Article {
            id: "q".into(),
            title: "他说\"好\"\\".into(),
            ..Default::default()
        };
        let back: Value = serde_json::from_str(&item(&a)).unwrap();
        assert_eq!(back["title"], "他说\"好\"\\");
    }
}
