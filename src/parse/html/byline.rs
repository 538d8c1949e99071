//! The byline under a Chinese headline: `2019年10月01日 08:30 来源：新华网 作者：张三`, or
//! `2019-10-01 08:30:00 来源：人民网-人民日报`. Pages without date metadata carry their date
//! only there, so it is read from the page's text lines next to the headline — never from the
//! whole page, whose top bar often shows the day the page was saved.

mod find;

pub(super) use find::find_date;

/// Lines searched after the headline (or before the body, when the headline is not found),
/// and after the body.
pub(super) const WINDOW_LINES: usize = 8;

/// A line longer than this is a paragraph, not a byline.
pub(super) const MAX_BYLINE_CHARS: usize = 120;

/// Words that label a date in a byline (`发布日期：`, `时间：`, `发表于`).
const DATE_LABELS: &[&str] = &[
    "发布", "時間", "时间", "日期", "发表", "發表", "来源", "來源",
];

/// What a byline says; each part as written on the page.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Byline {
    /// A date (and time) in one of the forms [`find_date`] knows.
    pub(crate) date: Option<String>,
    /// The name after `来源：`.
    pub(crate) source: Option<String>,
    /// The name after `作者：` or `记者`.
    pub(crate) author: Option<String>,
}

/// Reads the byline from `lines` (the page's text, one block a line): the lines after the
/// one holding `headline` (else those before the body's first paragraph); then, for what
/// they do not say, the lines after the body's last paragraph, where a date counts only
/// with a label (`发布日期：…`: lists of related articles with their dates follow bodies).
pub(super) fn read(lines: &[String], headline: &str, body: &[String]) -> Byline {
    let first = body.first().map_or("", String::as_str);
    let last = body.last().map_or("", String::as_str);
    let top = top_window(lines, headline, first);
    let bottom = bottom_window(lines, first, last);
    fn short(window: &[String]) -> impl Iterator<Item = &str> {
        window
            .iter()
            .map(String::as_str)
            .filter(|l| l.chars().count() <= MAX_BYLINE_CHARS)
    }
    let date = |l: &str| find_date(l).map(|(s, e)| l[s..e].to_string());
    let labelled_date = |l: &str| {
        DATE_LABELS
            .iter()
            .any(|w| l.contains(w))
            .then(|| date(l))
            .flatten()
    };
    let source = |l: &str| labelled(l, &["来源", "來源", "稿源"]);
    let author = |l: &str| labelled(l, &["作者", "记者", "記者"]);
    Byline {
        date: short(top)
            .find_map(date)
            .or_else(|| short(bottom).find_map(labelled_date)),
        source: short(top).chain(short(bottom)).find_map(source),
        author: short(top).chain(short(bottom)).find_map(author),
    }
}

/// The lines after the headline's, or before the body's first paragraph (see [`read`]).
fn top_window<'a>(lines: &'a [String], headline: &str, body_start: &str) -> &'a [String] {
    let headline = headline.trim();
    // The headline's line: one that is it, else one that holds it (a breadcrumb), else one
    // it starts with (a headline that kept a site name it was not cut from).
    let found = lines
        .iter()
        .position(|l| l == headline)
        .or_else(|| lines.iter().position(|l| l.contains(headline)))
        .or_else(|| {
            let starts = |l: &String| l.chars().count() >= 6 && headline.starts_with(l.as_str());
            lines.iter().position(starts)
        });
    if !headline.is_empty()
        && let Some(i) = found
    {
        // The headline's own line may carry the byline too.
        return &lines[i..lines.len().min(i + 1 + WINDOW_LINES)];
    }
    match position(lines, 0, body_start) {
        Some(j) => &lines[j.saturating_sub(WINDOW_LINES)..j],
        None => &[],
    }
}

/// The lines after the body's last paragraph.
fn bottom_window<'a>(lines: &'a [String], body_start: &str, body_end: &str) -> &'a [String] {
    let from = position(lines, 0, body_start).unwrap_or(0);
    match position(lines, from, body_end) {
        Some(k) => &lines[k + 1..lines.len().min(k + 1 + WINDOW_LINES)],
        None => &[],
    }
}

/// The first line from `from` on that holds `text` (never for empty `text`).
fn position(lines: &[String], from: usize, text: &str) -> Option<usize> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    lines[from.min(lines.len())..]
        .iter()
        .position(|l| l.contains(text))
        .map(|i| from + i)
}

/// True for a short line that is only a byline: a date, or `来源：`/`作者：` and the like,
/// and no sentence (`2019年10月1日，国庆阅兵在北京举行。` is prose).
pub(super) fn is_byline(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > 60 || line.contains(['。', '，', '！', '？']) {
        return false;
    }
    find_date(line).is_some()
        || FIELD_LABELS
            .iter()
            .chain(&["发布时间", "发布日期", "时间：", "日期："])
            .any(|w| line.starts_with(w))
}

/// The name after `LABEL：` (or `LABEL:`, or `记者 ` with a space) for the first label found:
/// up to a space, a bar, a bracket or the next label; 1 to 30 characters, 《》 taken off.
pub(super) fn labelled(line: &str, labels: &[&str]) -> Option<String> {
    for label in labels {
        let mut from = 0;
        while let Some(i) = line[from..].find(label) {
            let after = &line[from + i + label.len()..];
            from += i + label.len();
            let rest = after.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
            let rest = match rest.strip_prefix(['：', ':']) {
                Some(r) => r,
                // `记者 张三` names without a colon; `记者从…获悉` is prose.
                None if rest.len() < after.len() && !label.contains('源') => rest,
                None => continue,
            };
            let rest = rest.trim_start_matches([' ', '\u{3000}', '\u{a0}']);
            let end = rest
                .char_indices()
                .find(|&(i, c)| {
                    is_stop(c)
                        || FIELD_LABELS
                            .iter()
                            .chain(STOP_WORDS)
                            .any(|w| rest[i..].starts_with(w))
                })
                .map_or(rest.len(), |(i, _)| i);
            let name = rest[..end].trim_matches(['《', '》', '"', '“', '”', '【', '】']);
            let n = name.chars().count();
            if (1..=30).contains(&n) {
                return Some(name.to_string());
            }
        }
    }
    None
}

/// Characters that end a byline name.
fn is_stop(c: char) -> bool {
    c.is_whitespace() || "|｜丨/（）()[]【】,，;；".contains(c)
}

/// Labels of the byline's fields that name someone: a source, an author, an editor.
const FIELD_LABELS: &[&str] = &[
    "来源",
    "來源",
    "作者",
    "记者",
    "記者",
    "编辑",
    "編輯",
    "责任编辑",
];

/// Labels that start the next byline field: [`FIELD_LABELS`] and these.
const STOP_WORDS: &[&str] = &["发布", "時間", "时间", "点击", "浏览"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_names() {
        let line = "2019-10-01 08:30:00 来源：人民网-人民日报 作者：张三 责任编辑：李四";
        assert_eq!(
            labelled(line, &["来源"]).as_deref(),
            Some("人民网-人民日报")
        );
        assert_eq!(labelled(line, &["作者"]).as_deref(), Some("张三"));
        assert_eq!(
            labelled("来源: 《人民日报》", &["来源"]).as_deref(),
            Some("人民日报")
        );
        assert_eq!(
            labelled("本报记者 王五 报道", &["记者"]).as_deref(),
            Some("王五")
        );
        assert_eq!(labelled("记者从市教育局获悉", &["记者"]), None);
        assert_eq!(labelled("来源：", &["来源"]), None);
    }

    #[test]
    fn the_byline_is_read_next_to_the_headline_only() {
        let lines: Vec<String> = [
            "2024年1月1日 星期一",
            "首页 新闻 财经",
            "国庆假期出游人数创新高",
            "2019年10月08日 09:15 来源：新华网",
            "记者：赵六",
            "国庆假期，全国出游人数创新高。",
        ]
        .map(String::from)
        .to_vec();
        let body = ["国庆假期，全国".to_string()];
        let byline = read(&lines, "国庆假期出游人数创新高", &body);
        assert_eq!(
            byline,
            Byline {
                date: Some("2019年10月08日 09:15".into()),
                source: Some("新华网".into()),
                author: Some("赵六".into()),
            }
        );
        let before_body = read(&lines[3..], "别的标题", &body);
        assert_eq!(before_body.date.as_deref(), Some("2019年10月08日 09:15"));
        let elsewhere = ["不在页上".to_string()];
        assert_eq!(read(&lines[..2], "别的标题", &elsewhere), Byline::default());
    }

    #[test]
    fn a_byline_after_the_body_counts_when_labelled() {
        let lines: Vec<String> = [
            "金融知识进万家活动启动",
            "正文第一段。",
            "正文最后一段。",
            "相关文章 2019-09-20",
            "发布日期：2019-09-23 14:34:05 所属分类：头条",
            "版权声明 来源：当代商报 作者：",
        ]
        .map(String::from)
        .to_vec();
        let body = ["正文第一段。".to_string(), "正文最后一段。".to_string()];
        assert_eq!(
            read(&lines, "别的标题", &body),
            Byline {
                date: Some("2019-09-23 14:34:05".into()),
                source: Some("当代商报".into()),
                author: None,
            }
        );
    }

    #[test]
    fn byline_lines() {
        assert!(is_byline("2019-10-01 08:30 来源：人民网"));
        assert!(is_byline("责任编辑：李四"));
        assert!(!is_byline("国庆假期，全国出游人数创新高。"));
        assert!(!is_byline("2019年10月1日，国庆阅兵在北京举行。"));
        assert!(!is_byline("记者从市教育局获悉，全市中小学下周开学。"));
    }
}
