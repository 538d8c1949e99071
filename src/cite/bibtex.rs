//! A biblatex entry: `@article` with `title`, `author`, `journaltitle`, `date`, `url` and
//! `urldate` (biblatex's fields; a newspaper article is an `@article` there). Each author is
//! braced whole (`{{王明} and {李红}}`), so biblatex takes a Chinese name (or one with a role,
//! `本报记者 张三`) as one literal name instead of cutting it into given and family names.
//! Text fields escape TeX's specials; the URL is kept verbatim (biblatex reads `url` so), with
//! braces and spaces percent-encoded so the entry stays balanced.
//!
//! The key is ASCII and stable: the source's Latin letters and digits (`Tech Daily` →
//! `techdaily`), the year, and the id's first eight letters and digits, lower-cased
//! (`techdaily-2024-td5408`, `2017-1813adf1`); a part that is unknown or has no ASCII is left
//! out. A Chinese source adds nothing: its pinyin would need each char's reading in context
//! (长春 is `changchun`, but 长 alone reads `zhang` first), and a key that misreads the paper is
//! worse than none.

use jiff::civil;

use super::{Work, iso};

/// Characters of the id kept in the key.
const ID_CHARS: usize = 8;
/// Characters of the source kept in the key.
const SOURCE_CHARS: usize = 16;

/// The biblatex entry of `work`, accessed on `accessed` (`urldate`, with a URL only).
pub(crate) fn bibtex(work: &Work, accessed: civil::Date) -> String {
    let mut fields: Vec<(&str, String)> = vec![("title", escape(&work.title))];
    if !work.authors.is_empty() {
        let names: Vec<String> = work
            .authors
            .iter()
            .map(|n| format!("{{{}}}", escape(n)))
            .collect();
        fields.push(("author", names.join(" and ")));
    }
    if !work.source.is_empty() {
        fields.push(("journaltitle", escape(&work.source)));
    }
    if let Some(day) = work.issued {
        fields.push(("date", iso(day)));
    }
    if let Some(url) = &work.url {
        fields.push(("url", verbatim_url(url)));
        fields.push(("urldate", iso(accessed)));
    }
    let mut out = format!("@article{{{},\n", key(work));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {{{value}}},\n"));
    }
    out.push_str("}\n");
    out
}

/// `source-year-id`, ASCII letters, digits and hyphens only; `juan` when nothing is left.
pub(crate) fn key(work: &Work) -> String {
    let source: String = work
        .source
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(SOURCE_CHARS)
        .collect();
    let id: String = work
        .id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(ID_CHARS)
        .collect();
    let year = work.issued.map(|d| d.year().to_string());
    let parts: Vec<String> = [Some(source), year, Some(id)]
        .into_iter()
        .flatten()
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        "juan".into()
    } else {
        parts.join("-")
    }
}

/// Text with TeX's special characters escaped, whitespace runs made one space.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '\\' => out.push_str("\\textbackslash{}"),
                '{' | '}' | '$' | '&' | '%' | '#' | '_' => {
                    out.push('\\');
                    out.push(c);
                }
                '~' => out.push_str("\\textasciitilde{}"),
                '^' => out.push_str("\\textasciicircum{}"),
                _ => out.push(c),
            }
        }
    }
    out
}

/// A URL for biblatex's verbatim `url` field: braces and whitespace (which would unbalance or
/// end the field) percent-encoded, the rest as is.
fn verbatim_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            c if c.is_whitespace() => out.push_str("%20"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::cite::tests::{accessed, online, seed};
    use crate::date::Date;

    fn entry(a: &Article) -> String {
        bibtex(&Work::of(a), accessed())
    }

    #[test]
    fn the_seed_article_has_no_author_and_no_url() {
        assert_eq!(
            entry(&seed()),
            "@article{2017-1813adf1,\n  title = {中共长春市委人大工作会议召开},\n  \
             journaltitle = {长春日报},\n  date = {2017-09-06},\n}\n"
        );
    }

    #[test]
    fn an_online_article_has_braced_authors_url_and_urldate() {
        assert_eq!(
            entry(&online()),
            "@article{2017-ccrb2017,\n  \
             title = {长春市人大常委会审议《长春市城市绿化条例（修订草案）》},\n  \
             author = {{王明} and {李红}},\n  journaltitle = {长春日报},\n  date = {2017-09-12},\n  \
             url = {http://www.ccrb.example.cn/2017-09/12/content_1006.htm},\n  \
             urldate = {2026-11-29},\n}\n"
        );
    }

    #[test]
    fn specials_are_escaped_and_the_url_kept_balanced() {
        let a = Article {
            id: "td-5408".into(),
            title: "R&D 增长 50% #1 a_b {x} $5 ~ ^ \\".into(),
            source: "Tech Daily".into(),
            date: Date::Missing,
            url: Some("https://t.example/a b{c}%20".into()),
            ..Default::default()
        };
        assert_eq!(
            entry(&a),
            "@article{techdaily-td5408,\n  \
             title = {R\\&D 增长 50\\% \\#1 a\\_b \\{x\\} \\$5 \\textasciitilde{} \
             \\textasciicircum{} \\textbackslash{}},\n  journaltitle = {Tech Daily},\n  \
             url = {https://t.example/a%20b%7Bc%7D%20},\n  urldate = {2026-11-29},\n}\n"
        );
    }

    #[test]
    fn the_key_is_ascii_and_leaves_out_what_is_unknown() {
        let key_of = |id: &str, source: &str, date: &str| {
            key(&Work::of(&Article {
                id: id.into(),
                source: source.into(),
                date: Date::from_text(date),
                ..Default::default()
            }))
        };
        assert_eq!(
            key_of("jb-2024121501", "京北晚报", "2024-12-15"),
            "2024-jb202412"
        );
        assert_eq!(
            key_of("td-5408", "Tech Daily", "2024-09-20"),
            "techdaily-2024-td5408"
        );
        assert_eq!(key_of("文章一", "", ""), "juan");
        assert_eq!(key_of("X_1", "人民日报海外版", ""), "x1");
        assert_eq!(key_of("a", "news.example.org", ""), "newsexampleorg-a");
        assert_eq!(key_of("", "", "1999-01-01"), "1999");
        assert!(key_of("🍎id", "🍎新闻", "2020").is_ascii());
    }
}
