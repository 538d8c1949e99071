//! The article model: [`Article`] and its stable id.

use crate::date::Date;

/// One news article, cleaned of control characters and escape sequences at load.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Article {
    /// The archive's own id, or [`stable_id`] of source, date and title.
    pub id: String,
    /// The headline.
    pub title: String,
    /// When it was published.
    pub date: Date,
    /// Who published it (a paper, a site); empty when unknown.
    pub source: String,
    /// Where it was found, when known.
    pub url: Option<String>,
    /// Paragraphs separated by `\n`; none is empty.
    pub body: String,
    /// Keywords or tags, in the archive's order.
    pub tags: Vec<String>,
}

impl Article {
    /// The body's paragraphs, in order.
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.body.split('\n').filter(|p| !p.is_empty())
    }
}

/// A short id that is the same on every run and machine: 12 hex digits of an XXH3 hash of
/// source, date and title.
pub fn stable_id(source: &str, date: &Date, title: &str) -> String {
    let date_key = match date {
        Date::Known(s) => s.unix.to_string(),
        Date::Unparsed(t) => t.clone(),
        Date::Missing => String::new(),
    };
    let mut buf = Vec::with_capacity(source.len() + date_key.len() + title.len() + 2);
    buf.extend_from_slice(source.as_bytes());
    buf.push(0);
    buf.extend_from_slice(date_key.as_bytes());
    buf.push(0);
    buf.extend_from_slice(title.as_bytes());
    let h = xxhash_rust::xxh3::xxh3_64(&buf);
    format!("{:012x}", h >> 16)
}

/// Splits body text into paragraphs: one per non-blank line, trimmed of surrounding
/// whitespace (ASCII, NBSP and ideographic spaces, so `　　` indentation goes too), joined by
/// `\n`. Paragraph indentation is layout, not text; the reader adds its own.
pub fn normalize_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let p = line.trim_matches(|c: char| c.is_whitespace());
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stable_id_is_fixed_across_runs() {
        let d = Date::from_text("2017-09-06 09:11");
        let id = stable_id("长春日报", &d, "中共长春市委人大工作会议召开");
        assert_eq!(id.len(), 12);
        assert_eq!(
            id,
            stable_id("长春日报", &d, "中共长春市委人大工作会议召开")
        );
        assert_ne!(
            id,
            stable_id("长春日报", &Date::Missing, "中共长春市委人大工作会议召开")
        );
        // Pinned: a change here would orphan every reader's saved state.
        assert_eq!(
            stable_id("", &Date::Missing, ""),
            format!("{:012x}", xxhash_rust::xxh3::xxh3_64(b"\0\0") >> 16)
        );
    }

    #[test]
    fn paragraphs_skip_blank_and_nbsp_lines() {
        let body = normalize_body("\u{a0}\n　　第一段。\r\n\n\u{3000}\n第二段 \n");
        assert_eq!(body, "第一段。\n第二段");
        let a = Article {
            body,
            ..Default::default()
        };
        assert_eq!(a.paragraphs().collect::<Vec<_>>(), ["第一段。", "第二段"]);
    }
}
