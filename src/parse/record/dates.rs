//! A record's date: which field gives it, and the value shapes dates come in.
//!
//! A publication (or creation) date the record gives is preferred; then a day read off the
//! URL; then a modification date (`versioncreated`, `date_modify`, `updated_at`): an article
//! changed later was still published earlier, and its URL usually says when. A crawl or
//! download date (news-please's `date_download`) is no date of the article and is not read.
//! Among fields of one kind, a date that parses beats one that does not.
//!
//! Values: text in any form [`date::parse`] reads (RSS's RFC 2822 and Weibo's and Twitter's
//! `created_at` among them), Unix seconds or milliseconds as a number, and MongoDB's
//! `{"$date": …}`.

use serde_json::Value;

use super::clean_field;
use super::keys::{Picked, Role};
use crate::date::{self, Date};
use crate::sanitize::clean_line;

/// The article's date from the record's fields and its URL (see the module comment).
pub(super) fn pick(picked: &Picked, url: Option<&str>) -> Date {
    let mut unparsed = None;
    for field in picked.all(Role::Date) {
        match date_of(field.value) {
            known @ Date::Known(_) => return known,
            Date::Unparsed(text) => {
                unparsed.get_or_insert(text);
            }
            Date::Missing => {}
        }
    }
    if let Some(stamp) = url.and_then(date::from_url) {
        return Date::Known(stamp);
    }
    for field in picked.all(Role::Modified) {
        if let known @ Date::Known(_) = date_of(field.value) {
            return known;
        }
    }
    unparsed.map_or(Date::Missing, Date::Unparsed)
}

/// One date field's value as a date.
pub(super) fn date_of(value: &Value) -> Date {
    match value {
        Value::String(s) => Date::from_text(&clean_field(s)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Date::from_text(&i.to_string()),
            // Fractional Unix seconds: the whole seconds.
            None => n
                .as_f64()
                .filter(|f| f.is_finite() && f.abs() < 1e15)
                .map_or_else(
                    || Date::Unparsed(n.to_string()),
                    |f| Date::from_text(&(f.trunc() as i64).to_string()),
                ),
        },
        Value::Object(o) => match o.get("$date").or_else(|| o.get("$numberLong")) {
            Some(inner) => date_of(inner),
            None => Date::Unparsed(clean_line(&value.to_string())),
        },
        Value::Null => Date::Missing,
        other => Date::Unparsed(clean_line(&other.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shown(value: Value) -> String {
        date_of(&value).display()
    }

    #[test]
    fn value_shapes() {
        assert_eq!(shown(json!("2021-05-18 08:30:00")), "2021-05-18 08:30");
        assert_eq!(shown(json!(1621297800)), "2021-05-18 08:30");
        assert_eq!(shown(json!(1621297800123_i64)), "2021-05-18 08:30");
        assert_eq!(shown(json!(1621297800.9)), "2021-05-18 08:30");
        assert_eq!(
            shown(json!({"$date": "2021-05-18T00:30:00Z"})),
            "2021-05-18 08:30"
        );
        assert_eq!(
            shown(json!({"$date": {"$numberLong": "1621297800000"}})),
            "2021-05-18 08:30"
        );
        assert_eq!(
            shown(json!("Tue, 18 May 2021 08:30:00 +0800")),
            "2021-05-18 08:30"
        );
        assert_eq!(
            shown(json!("Tue May 18 08:30:00 +0800 2021")),
            "2021-05-18 08:30"
        );
        let stamp = date_of(&json!("Tue, 18 May 2021 00:30:00 GMT"));
        assert_eq!(
            stamp.stamp().map(|s| (s.unix, s.offset)),
            Some((1621297800, 0))
        );
        assert_eq!(date_of(&json!("昨天")), Date::Unparsed("昨天".into()));
        assert_eq!(date_of(&json!(true)), Date::Unparsed("true".into()));
        assert_eq!(
            date_of(&json!({"x": 1})),
            Date::Unparsed("{\"x\":1}".into())
        );
        assert_eq!(date_of(&json!(null)), Date::Missing);
    }

    #[test]
    fn publication_then_url_then_modified() {
        let pick_of = |record: Value, url: Option<&str>| {
            let record = record.as_object().unwrap().clone();
            pick(&Picked::of(&record), url).display()
        };
        let url = Some("http://news.example.cn/2021-05-17/a.html");
        let both = json!({"date_modify": "2021-05-20", "date_publish": "2021-05-18"});
        assert_eq!(pick_of(both.clone(), url), "2021-05-18");
        let modified = json!({"date_modify": "2021-05-20", "date_download": "2021-06-01"});
        assert_eq!(pick_of(modified.clone(), url), "2021-05-17");
        assert_eq!(pick_of(modified, None), "2021-05-20");
        let parsed_wins = json!({"publish_time": "刚刚", "date": "2021-05-19"});
        assert_eq!(pick_of(parsed_wins, None), "2021-05-19");
        assert_eq!(pick_of(json!({"publish_time": "刚刚"}), url), "2021-05-17");
        assert_eq!(pick_of(json!({"publish_time": "刚刚"}), None), "刚刚");
        assert_eq!(pick_of(json!({"date_download": "2021-06-01"}), None), "");
    }
}
