//! Which field of a record is which: every name real tools write for a title, date, source,
//! body … (the alias table), matched case-insensitively with `_`, `-` and camelCase alike, and
//! [`Picked`], one pass over a record that files each field under its alias.
//!
//! A key is normalised by lowercasing its ASCII letters and dropping `_` and `-`, so
//! `publish_time`, `publishTime`, `Publish-Time` and `publishtime` are one name. Lookup is a
//! `match` on the normalised key, done in a stack buffer: a record whose keys are already
//! lowercase costs no allocation and no copy (the JSON Lines fast path runs this on every
//! record of a million-article archive).

use serde_json::{Map, Value};

/// What a record's field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// The headline.
    Title,
    /// When it was published (or created): preferred to a date read off the URL.
    Date,
    /// When it was last changed: used only when neither the record nor its URL has a date.
    Modified,
    /// Who published it: a name, a host name, or a URL (then used as the URL).
    Source,
    /// Where it was found.
    Url,
    /// The archive's own id.
    Id,
    /// Alternative ids (ninjs `altids`), used when there is no id.
    AltId,
    /// The text.
    Body,
    /// A summary, description or lead.
    Summary,
    /// Who wrote it.
    Author,
    /// The line above the headline (引题).
    Kicker,
    /// The line below the headline (副题).
    Subtitle,
    /// Keywords, tags, subjects.
    Tags,
    /// A section or category, kept as tags after the record's own.
    Category,
    /// Where it was written (ninjs `located`), kept as a tag.
    Located,
}

/// Builds [`ALIASES`] and [`index_of`] from one list, so that the two cannot disagree (a name
/// given twice is an unreachable `match` arm, which the lints refuse).
macro_rules! aliases {
    ($($role:ident: [$($name:literal),* $(,)?];)*) => {
        /// Every field name juan knows, normalised, role by role and best first within a role.
        pub(crate) const ALIASES: &[(&str, Role)] = &[$($(($name, Role::$role),)*)*];

        /// The position in [`ALIASES`] of a normalised key.
        fn index_of(key: &str) -> Option<usize> {
            match key {
                $($($name => Some(const { position($name) }),)*)*
                _ => None,
            }
        }
    };
}

aliases! {
    Title: [
        "title", "headline", "headlines", "newstitle", "articletitle", "titlepage", "titlerss",
        "标题", "题目",
    ];
    Date: [
        "publishtime", "publishedat", "publishdate", "publisheddate", "datepublished",
        "datepublish", "published", "pubtime", "pubdate", "releasetime", "releasedate",
        "发布时间", "发布日期", "newstime", "newsdate", "date", "time", "datetime", "日期", "时间",
        "firstcreated",
        "createdat", "created", "createtime", "ctime",
    ];
    Modified: [
        "versioncreated", "datemodified", "datemodify", "modified", "lastmodified", "updated",
        "updatedat", "updatetime",
    ];
    Source: [
        "source", "sourcename", "sitename", "publisher", "site", "media", "medianame",
        "newssource", "来源", "媒体", "出处", "sourcehostname", "sourcedomain", "hostname",
        "domain",
    ];
    Url: [
        "url", "link", "href", "newsurl", "sourceurl", "originalurl", "articleurl", "pageurl",
        "canonicalurl", "链接", "网址", "原文链接",
    ];
    Id: ["id", "articleid", "newsid", "docid", "guid", "uuid", "uri"];
    AltId: ["altids"];
    Body: [
        "body", "content", "text", "maintext", "contenttext", "newscontent", "article",
        "articlebody", "articlecontent", "articletext", "bodytext", "bodies", "正文", "内容", "bodyhtml", "bodyxhtml",
        "contenthtml", "rawtext",
    ];
    Summary: [
        "description", "summary", "desc", "abstract", "excerpt", "digest", "descriptiontext",
        "descriptions", "descriptionhtml", "descriptionxhtml", "摘要", "导语",
    ];
    Author: ["author", "authors", "byline", "by", "reporter", "writer", "作者", "记者"];
    Kicker: ["kicker", "pretitle", "introtitle", "overline", "supertitle", "引题", "肩题", "眉题"];
    Subtitle: ["subtitle", "subheadline", "subhead", "副题", "副标题"];
    Tags: ["tags", "keywords", "keyword", "关键词", "关键字", "标签", "subjects", "subject"];
    Category: ["categories", "category", "section", "channel", "栏目", "频道", "分类"];
    Located: ["located"];
}

/// Longest normalised alias, in bytes: a longer key is no alias.
const MAX_KEY: usize = 24;

/// Where `name` is in [`ALIASES`] (worked out at compile time, for [`index_of`]).
const fn position(name: &str) -> usize {
    let mut i = 0;
    while i < ALIASES.len() {
        if same(ALIASES[i].0, name) {
            return i;
        }
        i += 1;
    }
    panic!("not an alias")
}

/// Byte equality, for const evaluation.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// Compile-time checks on [`ALIASES`]: normalised, short enough, grouped by role.
const _: () = {
    let mut i = 0;
    while i < ALIASES.len() {
        let name = ALIASES[i].0.as_bytes();
        assert!(name.len() <= MAX_KEY, "alias longer than MAX_KEY");
        let mut j = 0;
        while j < name.len() {
            assert!(
                !name[j].is_ascii_uppercase() && name[j] != b'_' && name[j] != b'-',
                "alias not normalised"
            );
            j += 1;
        }
        if i > 0 && ALIASES[i].1 as u8 != ALIASES[i - 1].1 as u8 {
            // A role starts here: no earlier alias may have it.
            let mut k = 0;
            while k < i {
                assert!(
                    ALIASES[k].1 as u8 != ALIASES[i].1 as u8,
                    "role split in two"
                );
                k += 1;
            }
        }
        i += 1;
    }
};

/// The alias `key` is, after normalising it (ASCII letters lowercased, `_` and `-` dropped).
pub(crate) fn alias_of(key: &str) -> Option<usize> {
    let bytes = key.as_bytes();
    let plain = |b: &u8| !b.is_ascii_uppercase() && *b != b'_' && *b != b'-';
    if bytes.iter().all(plain) {
        return index_of(key);
    }
    let mut buf = [0u8; MAX_KEY];
    let mut len = 0;
    for &b in bytes {
        if b == b'_' || b == b'-' {
            continue;
        }
        *buf.get_mut(len)? = b.to_ascii_lowercase();
        len += 1;
    }
    // Only ASCII bytes were changed or dropped, so the rest is still UTF-8.
    index_of(std::str::from_utf8(&buf[..len]).ok()?)
}

/// How many roles there are.
const ROLES: usize = Role::Located as usize + 1;

/// Where each role's names start and end in [`ALIASES`], worked out at compile time.
const RANGES: [(usize, usize); ROLES] = {
    let mut ranges = [(0, 0); ROLES];
    let mut i = 0;
    while i < ALIASES.len() {
        let role = ALIASES[i].1 as usize;
        if ranges[role].1 == 0 {
            ranges[role].0 = i;
        }
        ranges[role].1 = i + 1;
        i += 1;
    }
    ranges
};

/// The positions in [`ALIASES`] of `role`'s names, best first.
pub(super) fn range_of(role: Role) -> std::ops::Range<usize> {
    let (start, end) = RANGES[role as usize];
    start..end
}

/// Where alias `index` ranks among the body's names (0 is the best), when it is one.
pub(crate) fn body_rank(index: usize) -> Option<usize> {
    let (start, end) = RANGES[Role::Body as usize];
    (start..end).contains(&index).then(|| index - start)
}

/// How many names a body may go by.
pub(crate) const BODY_NAMES: usize = RANGES[Role::Body as usize].1 - RANGES[Role::Body as usize].0;

/// A field the record holds under one of the aliases.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'a> {
    /// The alias (normalised name) it was found under.
    pub(crate) alias: &'static str,
    /// Its value: never null, never an empty string.
    pub(crate) value: &'a Value,
}

/// A record's fields filed by alias: one slot per entry of [`ALIASES`].
pub(crate) struct Picked<'a> {
    slots: [Option<&'a Value>; ALIASES.len()],
}

impl<'a> Picked<'a> {
    /// Files every field of `record` whose key is an alias. A null or empty-string value is
    /// no value; when two keys normalise to one alias (`Title`, `title`), the first in the
    /// map's order that has a value keeps the slot.
    pub(crate) fn of(record: &'a Map<String, Value>) -> Picked<'a> {
        Picked::from_pairs(record.iter().filter_map(|(k, v)| Some((alias_of(k)?, v))))
    }

    /// Files `(alias index, value)` pairs as [`Picked::of`] files a record's fields.
    pub(crate) fn from_pairs(pairs: impl IntoIterator<Item = (usize, &'a Value)>) -> Picked<'a> {
        let mut slots = [None; ALIASES.len()];
        for (i, value) in pairs {
            if slots[i].is_none() && is_given(value) {
                slots[i] = Some(value);
            }
        }
        Picked { slots }
    }

    /// The best field `role` has, if any.
    pub(crate) fn first(&self, role: Role) -> Option<Field<'a>> {
        self.all(role).next()
    }

    /// Every field of `role` the record has, best first.
    pub(crate) fn all(&self, role: Role) -> impl Iterator<Item = Field<'a>> + '_ {
        range_of(role).filter_map(|i| {
            self.slots[i].map(|value| Field {
                alias: ALIASES[i].0,
                value,
            })
        })
    }
}

/// True for a value that says something: not null and not an empty string.
pub(super) fn is_given(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_normalise_case_underscore_dash_camel() {
        let title = alias_of("title");
        assert_eq!(ALIASES[title.unwrap()], ("title", Role::Title));
        for key in [
            "publish_time",
            "publishTime",
            "Publish-Time",
            "PUBLISHTIME",
            "publishtime",
        ] {
            assert_eq!(alias_of(key), alias_of("publishtime"), "{key}");
        }
        assert_eq!(
            ALIASES[alias_of("source-hostname").unwrap()].0,
            "sourcehostname"
        );
        assert_eq!(ALIASES[alias_of("_id").unwrap()].0, "id");
        assert_eq!(ALIASES[alias_of("引题").unwrap()], ("引题", Role::Kicker));
        assert_eq!(alias_of("images"), None);
        assert_eq!(alias_of(&"a".repeat(100)), None);
        assert_eq!(alias_of(&"_".repeat(100)), None);
    }

    #[test]
    fn roles_rank_their_names() {
        let names = |role| {
            ALIASES[range_of(role)]
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
        };
        assert_eq!(names(Role::AltId), ["altids"]);
        assert_eq!(&names(Role::Body)[..3], ["body", "content", "text"]);
        let rank = |key| alias_of(key).and_then(body_rank);
        assert_eq!(
            (rank("Body"), rank("main_text"), rank("title")),
            (Some(0), Some(3), None)
        );
        assert_eq!(BODY_NAMES, names(Role::Body).len());
    }

    #[test]
    fn picked_skips_null_and_empty_and_keeps_the_best() {
        let record = serde_json::json!({
            "Title": "", "title": "标题", "pubDate": null, "date": "2021-05-18",
            "publish_time": "2021-05-17", "x": 1
        });
        let record = record.as_object().unwrap();
        let picked = Picked::of(record);
        let title = picked.first(Role::Title).unwrap();
        assert_eq!((title.alias, title.value.as_str()), ("title", Some("标题")));
        let dates: Vec<_> = picked.all(Role::Date).map(|f| f.alias).collect();
        assert_eq!(dates, ["publishtime", "date"]);
        assert!(picked.first(Role::Body).is_none());
    }
}
