//! Citations of an article, for the researcher who quotes it: GB/T 7714-2015 (the Chinese
//! standard for reference lists, `gbt7714.rs`), CSL-JSON (what Zotero imports, `csl.rs`) and
//! biblatex (`bibtex.rs`). `juan cite` prints them and the copy menu offers the GB/T 7714 form.
//!
//! Every form is built from one [`Work`]: the parts of an [`Article`] a citation can use, each
//! absent when the archive does not say. A part that is unknown is left out of the citation,
//! never invented: no author, and it starts at the title; no date, no date; the source is
//! whatever the archive names (a paper, or only a site). The accessed date is a parameter, so
//! that the same article always cites the same way in tests; callers pass [`today`].

mod bibtex;
mod csl;
mod gbt7714;

pub(crate) use bibtex::bibtex;
pub(crate) use csl::csl_json;
pub(crate) use gbt7714::gbt7714;

use jiff::civil;

use crate::article::Article;
use crate::date::Date;

/// The citation forms juan writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// GB/T 7714-2015, the Chinese standard: `作者. 题名[N]. 报纸名, 出版日期.`
    Gbt7714,
    /// CSL-JSON (Zotero, Pandoc, citeproc): one JSON array of items.
    CslJson,
    /// A biblatex `@article` entry (`journaltitle`, `date`, `url`, `urldate`).
    Bibtex,
}

/// What a citation says about an article: the parts a style may use, read once from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Work {
    /// The archive's id (CSL-JSON's `id`, part of the BibTeX key).
    pub(crate) id: String,
    /// The headline as listed.
    pub(crate) title: String,
    /// The authors, in the record's order; empty when it names none.
    pub(crate) authors: Vec<String>,
    /// The paper or site (GB/T 7714's 报纸名, CSL's `container-title`); empty when unknown.
    pub(crate) source: String,
    /// The day of publication as juan shows it (an instant in the display zone, a day alone
    /// as written); `None` when the date is missing or not understood.
    pub(crate) issued: Option<civil::Date>,
    /// Where the article was read; `None` for a print-only record.
    pub(crate) url: Option<String>,
}

impl Work {
    /// The parts of `article` a citation uses.
    pub(crate) fn of(article: &Article) -> Work {
        Work {
            id: article.id.clone(),
            title: article.title.trim().to_string(),
            authors: authors(&article.header.author),
            source: article.source.trim().to_string(),
            issued: issued(&article.date),
            url: article
                .url
                .as_deref()
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string),
        }
    }
}

/// The citation of `article` in `format`, accessed on `accessed`. CSL-JSON gives one item
/// (an object); `juan cite` puts the items of several articles in one array.
pub(crate) fn cite(article: &Article, format: Format, accessed: civil::Date) -> String {
    let work = Work::of(article);
    match format {
        Format::Gbt7714 => gbt7714(&work, accessed),
        Format::CslJson => csl_json(&work, accessed).to_string(),
        Format::Bibtex => bibtex(&work, accessed),
    }
}

/// Today in the display zone (`--tz`, else China Standard Time): the accessed date of a
/// citation made now.
pub(crate) fn today() -> civil::Date {
    crate::date::zone::civil_of(jiff::Timestamp::now().as_second()).date()
}

/// The names in an author field: juan joins several with `、`, and records also use `，`,
/// `,`, `；` and `;`. Each name is kept as written (`本报记者 张三` stays so: dropping a
/// role would be guessing).
fn authors(field: &str) -> Vec<String> {
    field
        .split(['、', '，', ',', '；', ';'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// The day an article was published, as the list shows it.
fn issued(date: &Date) -> Option<civil::Date> {
    date.stamp().map(|s| s.civil().date())
}

/// `2017-09-06`: the ISO form all three styles write.
fn iso(date: civil::Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::article::Header;

    /// The seed article, as `sample-data/000_618211eec43b155d.txt` loads: no author, no URL.
    pub(crate) fn seed() -> Article {
        Article {
            id: "1813adf16dc74ae9".into(),
            title: "中共长春市委人大工作会议召开".into(),
            date: Date::from_text("2017-09-06 09:11"),
            source: "长春日报".into(),
            ..Default::default()
        }
    }

    /// An online article with two authors.
    pub(crate) fn online() -> Article {
        Article {
            id: "ccrb-20170912-1".into(),
            title: "长春市人大常委会审议《长春市城市绿化条例（修订草案）》".into(),
            date: Date::from_text("2017-09-12 08:40"),
            source: "长春日报".into(),
            url: Some("http://www.ccrb.example.cn/2017-09/12/content_1006.htm".into()),
            header: Header {
                author: "王明、李红".into(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// The day the tests cite on.
    pub(crate) fn accessed() -> civil::Date {
        civil::date(2026, 11, 29)
    }

    #[test]
    fn authors_split_on_the_separators_records_use() {
        assert_eq!(authors("王明、李红"), ["王明", "李红"]);
        assert_eq!(authors(" 王明，李红 , 张三;"), ["王明", "李红", "张三"]);
        assert_eq!(authors("本报记者 张三"), ["本报记者 张三"]);
        assert!(authors("  ").is_empty());
    }

    #[test]
    fn the_work_leaves_out_what_the_record_does_not_say() {
        let w = Work::of(&seed());
        assert_eq!(w.issued, Some(civil::date(2017, 9, 6)));
        assert!(w.authors.is_empty());
        assert_eq!(w.url, None);
        let bare = Article {
            title: "无题".into(),
            date: Date::from_text("去年某日"),
            url: Some("  ".into()),
            ..Default::default()
        };
        let w = Work::of(&bare);
        assert_eq!((w.issued, w.url, w.source.as_str()), (None, None, ""));
    }

    #[test]
    fn an_instant_cites_the_day_of_the_display_zone() {
        // 2017-09-05 20:00 UTC is 2017-09-06 04:00 in China Standard Time.
        let a = Article {
            date: Date::from_text("2017-09-05T20:00:00Z"),
            ..seed()
        };
        assert_eq!(Work::of(&a).issued, Some(civil::date(2017, 9, 6)));
        assert_eq!(iso(civil::date(987, 1, 2)), "0987-01-02");
    }

    #[test]
    fn each_format_cites_the_seed() {
        let a = seed();
        assert_eq!(
            cite(&a, Format::Gbt7714, accessed()),
            "中共长春市委人大工作会议召开[N]. 长春日报, 2017-09-06."
        );
        assert!(cite(&a, Format::CslJson, accessed()).starts_with('{'));
        assert!(cite(&a, Format::Bibtex, accessed()).starts_with("@article{2017-1813adf1,"));
    }
}
