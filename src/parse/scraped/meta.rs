//! A raw page's metadata line, such as `新闻时间:2017-09-06 09:11   稿件来源: 《长春日报》`:
//! `KEY:VALUE` fields with an ASCII or full-width colon, separated by runs of spaces, NBSP or
//! ideographic spaces.

/// What a field is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Date,
    Source,
    Author,
    /// A field juan does not use (clicks, editor…); it only ends the field before it.
    Other,
}

/// Field names, longest first so that `新闻时间` wins over `时间`.
const KEYS: &[(&str, Kind)] = &[
    ("新闻时间", Kind::Date),
    ("发布时间", Kind::Date),
    ("发布日期", Kind::Date),
    ("发稿时间", Kind::Date),
    ("更新时间", Kind::Date),
    ("稿件来源", Kind::Source),
    ("新闻来源", Kind::Source),
    ("文章来源", Kind::Source),
    ("信息来源", Kind::Source),
    ("责任编辑", Kind::Other),
    ("浏览次数", Kind::Other),
    ("点击次数", Kind::Other),
    ("阅读次数", Kind::Other),
    ("时间", Kind::Date),
    ("日期", Kind::Date),
    ("来源", Kind::Source),
    ("出处", Kind::Source),
    ("作者", Kind::Author),
    ("记者", Kind::Author),
    ("编辑", Kind::Other),
    ("点击", Kind::Other),
    ("浏览", Kind::Other),
    ("字号", Kind::Other),
];

/// Lines longer than this (in chars) are paragraphs, not metadata.
const MAX_LEN: usize = 160;

/// The fields of one or more metadata lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Meta {
    /// The date as written.
    pub(crate) date: Option<String>,
    /// The publisher, without `《》`.
    pub(crate) source: Option<String>,
    /// The author, used as the source when there is none.
    pub(crate) author: Option<String>,
}

impl Meta {
    /// Fills the fields still empty from `other`.
    pub(super) fn merge(&mut self, other: Meta) {
        self.date = self.date.take().or(other.date);
        self.source = self.source.take().or(other.source);
        self.author = self.author.take().or(other.author);
    }
}

/// Reads a metadata line; `None` when the line holds no known `KEY:` field.
pub(super) fn parse(line: &str) -> Option<Meta> {
    if line.chars().count() > MAX_LEN {
        return None;
    }
    let fields = find_fields(line);
    let mut meta = Meta::default();
    // A date may stand unlabelled before the first field, or alone on its line:
    // `2017-09-06 09:11  来源：新华网`.
    let lead = fields.first().map_or(line, |&(_, value_start)| {
        &line[..key_start_before(line, value_start)]
    });
    let lead = first_segment(lead);
    // Bare digits (a year, a count, Unix seconds) are too ambiguous to be a date here.
    let written_date = lead.contains(['-', '/', '.', '年']);
    if written_date && crate::date::parse(lead).is_some() {
        meta.date = Some(lead.to_string());
    } else if fields.is_empty() {
        return None;
    }
    for (i, &(kind, value_start)) in fields.iter().enumerate() {
        let end = fields
            .get(i + 1)
            .map_or(line.len(), |&(_, next)| key_start_before(line, next));
        let value = first_segment(&line[value_start..end]);
        if value.is_empty() {
            continue;
        }
        let slot = match kind {
            Kind::Date => &mut meta.date,
            Kind::Source => &mut meta.source,
            Kind::Author => &mut meta.author,
            Kind::Other => continue,
        };
        if slot.is_none() {
            let value = value.trim_matches(|c| matches!(c, '《' | '》'));
            *slot = Some(value.trim().to_string());
        }
    }
    (meta != Meta::default()).then_some(meta)
}

/// Every `KEY:` in the line: its kind and where its value starts, in order.
fn find_fields(line: &str) -> Vec<(Kind, usize)> {
    let mut fields = Vec::new();
    let mut pos = 0;
    while pos < line.len() {
        let rest = &line[pos..];
        let hit = KEYS.iter().find_map(|&(key, kind)| {
            let after = rest.strip_prefix(key)?;
            let spaced = after.trim_start_matches(is_space);
            let value = spaced.strip_prefix([':', '：'])?;
            Some((kind, line.len() - value.len()))
        });
        match hit {
            Some((kind, value_start)) => {
                fields.push((kind, value_start));
                pos = value_start;
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    fields
}

/// Where the key whose value starts at `value_start` begins (scanning back over the colon,
/// spaces and the key's own characters).
fn key_start_before(line: &str, value_start: usize) -> usize {
    let head = &line[..value_start];
    let head = head
        .strip_suffix([':', '：'])
        .unwrap_or(head)
        .trim_end_matches(is_space);
    KEYS.iter()
        .find_map(|(key, _)| head.strip_suffix(key))
        .map_or(head.len(), str::len)
}

/// A value up to the first field separator: a tab, NBSP, ideographic space, `|` or two
/// spaces (a single space stays, as in `2017-09-06 09:11`).
fn first_segment(value: &str) -> &str {
    let value = value.trim_start_matches(is_space);
    let end = value
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '\t' | '\u{A0}' | '\u{3000}' | '|' | '｜')
                || (c == ' ' && value[i + 1..].starts_with(' '))
        })
        .map_or(value.len(), |(i, _)| i);
    value[..end].trim()
}

/// Spaces between a key, its colon and its value.
fn is_space(c: char) -> bool {
    c.is_whitespace()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> (Option<String>, Option<String>, Option<String>) {
        let m = parse(line).unwrap_or_default();
        (m.date, m.source, m.author)
    }

    fn some(s: &str) -> Option<String> {
        Some(s.to_string())
    }

    #[test]
    fn the_seed_line() {
        let line = "新闻时间:2017-09-06 09:11\u{a0} \u{a0}\u{a0}\u{a0}稿件来源: 《长春日报》\u{a0}";
        assert_eq!(
            fields(line),
            (some("2017-09-06 09:11"), some("长春日报"), None)
        );
    }

    #[test]
    fn forms_real_sites_use() {
        assert_eq!(
            fields("发布时间：2017年09月06日 09:11　　来源：新华网　　作者：张三"),
            (some("2017年09月06日 09:11"), some("新华网"), some("张三"))
        );
        assert_eq!(
            fields("时间 : 2017-09-06  来源 : 人民网  点击：123"),
            (some("2017-09-06"), some("人民网"), None)
        );
        assert_eq!(
            fields("来源：《人民日报》 | 发布日期：2017/9/6"),
            (some("2017/9/6"), some("人民日报"), None)
        );
        assert_eq!(fields("作者:李四"), (None, None, some("李四")));
        assert_eq!(
            fields("2017-09-06 09:11  来源：新华网"),
            (some("2017-09-06 09:11"), some("新华网"), None)
        );
        assert_eq!(
            fields("\u{3000}2017年9月6日\u{3000}"),
            (some("2017年9月6日"), None, None)
        );
    }

    #[test]
    fn ordinary_lines_are_not_metadata() {
        assert_eq!(parse("中共长春市委人大工作会议召开"), None);
        assert_eq!(parse("会议时间安排另行通知。"), None);
        assert_eq!(parse(&format!("时间：{}", "很长".repeat(100))), None);
        assert_eq!(parse("来源："), None);
        assert_eq!(parse("2017"), None);
        assert_eq!(parse("20120706"), None);
    }
}
