//! GB/T 7714-2015 (信息与文献 参考文献著录规则), the reference list standard of Chinese
//! journals and theses, for a newspaper article (文献类型标识 `N`):
//!
//! ```text
//! 主要责任者. 题名[N]. 报纸名, 出版日期(版次).
//! 主要责任者. 题名[N/OL]. 报纸名, 出版日期(版次)[引用日期]. 获取和访问路径.
//! ```
//!
//! as the standard's own examples write them, e.g. `丁文祥. 数字革命与竞争国际化[N]. 中国青年报,
//! 2000-11-20(15).` and `傅刚, 赵承, 李佳路. 大风沙过后的思考[N/OL]. 北京青年报,
//! 2000-04-12(14)[2005-07-12]. http://….htm.`: the separators are ASCII `. ` and `, ` even
//! between Chinese parts, dates are `YYYY-MM-DD`, more than three authors are cut to three and
//! `等` (`et al.` for Latin names). An article with a URL is cited in the electronic form.
//!
//! A part the record lacks is left out with its separator. juan reads no page (版次) from any
//! archive, so `(版次)` is never written; with no source the date follows the title alone; with
//! neither, the electronic form's `[引用日期]` stands after the title as its own part.

use jiff::civil;

use super::{Work, iso};

/// Authors named before GB/T 7714 cuts the list with `等`.
const MAX_AUTHORS: usize = 3;

/// The GB/T 7714-2015 reference of `work`, accessed on `accessed` (used only in the
/// electronic form, with a URL).
pub(crate) fn gbt7714(work: &Work, accessed: civil::Date) -> String {
    let mut out = String::new();
    if !work.authors.is_empty() {
        out.push_str(&authors(&work.authors));
        out.push_str(". ");
    }
    out.push_str(&work.title);
    out.push_str(if work.url.is_some() { "[N/OL]" } else { "[N]" });
    let mut publication = work.source.clone();
    if let Some(date) = work.issued {
        if !publication.is_empty() {
            publication.push_str(", ");
        }
        publication.push_str(&iso(date));
    }
    if !publication.is_empty() {
        out.push_str(". ");
        out.push_str(&publication);
    }
    if let Some(url) = &work.url {
        if publication.is_empty() {
            out.push_str(". ");
        }
        out.push('[');
        out.push_str(&iso(accessed));
        out.push_str("]. ");
        out.push_str(url);
    }
    out.push('.');
    out
}

/// At most three names joined by `, `, then `, 等` (or `, et al.` when the first name is
/// written in Latin letters) when there are more.
fn authors(names: &[String]) -> String {
    let mut out = names[..names.len().min(MAX_AUTHORS)].join(", ");
    if names.len() > MAX_AUTHORS {
        let latin = names[0].chars().all(|c| c.is_ascii() || !c.is_alphabetic());
        out.push_str(if latin { ", et al" } else { ", 等" });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;
    use crate::cite::tests::{accessed, online, seed};
    use crate::date::Date;

    fn cite(a: &Article) -> String {
        gbt7714(&Work::of(a), accessed())
    }

    #[test]
    fn the_seed_article_is_cited_in_print_form() {
        assert_eq!(
            cite(&seed()),
            "中共长春市委人大工作会议召开[N]. 长春日报, 2017-09-06."
        );
    }

    #[test]
    fn an_article_with_a_url_is_cited_in_the_electronic_form() {
        assert_eq!(
            cite(&online()),
            "王明, 李红. 长春市人大常委会审议《长春市城市绿化条例（修订草案）》[N/OL]. 长春日报, \
             2017-09-12[2026-11-29]. http://www.ccrb.example.cn/2017-09/12/content_1006.htm."
        );
    }

    #[test]
    fn the_standards_own_example_comes_out_as_printed() {
        let a = Article {
            title: "大风沙过后的思考".into(),
            date: Date::from_text("2000-04-12"),
            source: "北京青年报".into(),
            url: Some("http://www.bjyouth.com.cn/Bqb/20000412/GB/4216%5ED0412B1401.htm".into()),
            header: crate::article::Header {
                author: "傅刚、赵承、李佳路".into(),
                ..Default::default()
            },
            ..Default::default()
        };
        let w = Work::of(&a);
        assert_eq!(
            gbt7714(&w, civil::date(2005, 7, 12)),
            "傅刚, 赵承, 李佳路. 大风沙过后的思考[N/OL]. 北京青年报, 2000-04-12[2005-07-12]. \
             http://www.bjyouth.com.cn/Bqb/20000412/GB/4216%5ED0412B1401.htm."
        );
    }

    #[test]
    fn unknown_parts_are_left_out_with_their_separators() {
        let no_date = Article {
            date: Date::Missing,
            ..seed()
        };
        assert_eq!(cite(&no_date), "中共长春市委人大工作会议召开[N]. 长春日报.");
        let unparsed = Article {
            date: Date::from_text("九月初"),
            ..seed()
        };
        assert_eq!(
            cite(&unparsed),
            "中共长春市委人大工作会议召开[N]. 长春日报."
        );
        let no_source = Article {
            source: String::new(),
            ..seed()
        };
        assert_eq!(
            cite(&no_source),
            "中共长春市委人大工作会议召开[N]. 2017-09-06."
        );
        let nothing = Article {
            title: "无题".into(),
            ..Default::default()
        };
        assert_eq!(cite(&nothing), "无题[N].");
        let only_url = Article {
            url: Some("https://example.cn/a".into()),
            ..nothing
        };
        assert_eq!(
            cite(&only_url),
            "无题[N/OL]. [2026-11-29]. https://example.cn/a."
        );
        let site_without_date = Article {
            date: Date::Missing,
            source: "新浪新闻".into(),
            ..only_url
        };
        assert_eq!(
            cite(&site_without_date),
            "无题[N/OL]. 新浪新闻[2026-11-29]. https://example.cn/a."
        );
    }

    #[test]
    fn more_than_three_authors_are_cut_with_deng_or_et_al() {
        let names = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        assert_eq!(authors(&names("甲 乙 丙")), "甲, 乙, 丙");
        assert_eq!(authors(&names("甲 乙 丙 丁")), "甲, 乙, 丙, 等");
        assert_eq!(
            authors(&names("Li Wang Zhao Chen")),
            "Li, Wang, Zhao, et al"
        );
        let mut a = online();
        a.header.author = "Smith J".into();
        a.url = None;
        assert_eq!(
            cite(&a),
            "Smith J. 长春市人大常委会审议《长春市城市绿化条例（修订草案）》[N]. 长春日报, 2017-09-12."
        );
    }
}
