//! The article model: [`Article`], its [`Body`] (in memory, or left in the archive's bytes
//! until it is read), and its stable id.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

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
    pub body: Body,
    /// Keywords or tags, in the archive's order.
    pub tags: Vec<String>,
}

impl Article {
    /// The body's paragraphs, in order.
    pub fn paragraphs(&self) -> Vec<String> {
        self.body
            .text()
            .split('\n')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Bytes shared by many lazy bodies: a memory-mapped archive file, or a decompressed one.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// An article's body: text in memory, or a JSON string literal still in the archive's bytes,
/// decoded (and cleaned) only when the article is opened or a `body:` term needs it.
#[derive(Clone, Default)]
pub struct Body(Repr);

#[derive(Clone, Default)]
enum Repr {
    #[default]
    Empty,
    Text(String),
    Json {
        bytes: SharedBytes,
        range: Range<usize>,
        /// Where the JSON Lines record holding the literal starts in `bytes`.
        record: usize,
    },
}

impl Body {
    /// A body held in memory (already cleaned and normalised).
    pub fn text_of(text: String) -> Body {
        if text.is_empty() {
            Body(Repr::Empty)
        } else {
            Body(Repr::Text(text))
        }
    }

    /// A body left in `bytes[range]`, a JSON string literal (quotes included) in the JSON
    /// Lines record that starts at byte `record`.
    pub fn json_literal(bytes: SharedBytes, range: Range<usize>, record: usize) -> Body {
        Body(Repr::Json {
            bytes,
            range,
            record,
        })
    }

    /// True when the text is not in memory yet.
    pub fn is_lazy(&self) -> bool {
        matches!(self.0, Repr::Json { .. })
    }

    /// The text: paragraphs separated by `\n`, cleaned of control characters and escapes.
    pub fn text(&self) -> Cow<'_, str> {
        match &self.0 {
            Repr::Empty => Cow::Borrowed(""),
            Repr::Text(t) => Cow::Borrowed(t),
            Repr::Json { bytes, range, .. } => {
                let raw = bytes
                    .as_ref()
                    .as_ref()
                    .get(range.clone())
                    .unwrap_or_default();
                match serde_json::from_slice::<String>(raw) {
                    Ok(s) => Cow::Owned(normalize_body(&crate::sanitize::clean(&s))),
                    Err(e) => Cow::Owned(format!("[the body could not be read: {e}]")),
                }
            }
        }
    }

    /// The bytes a lazy body lies in and where its record starts there; `None` for a body
    /// in memory.
    pub fn lazy_record(&self) -> Option<(&SharedBytes, usize)> {
        match &self.0 {
            Repr::Json { bytes, record, .. } => Some((bytes, *record)),
            _ => None,
        }
    }

    /// Bytes the body keeps in memory of its own (0 for a lazy body).
    pub fn resident_bytes(&self) -> usize {
        match &self.0 {
            Repr::Text(t) => t.len(),
            _ => 0,
        }
    }
}

impl From<String> for Body {
    fn from(text: String) -> Body {
        Body::text_of(text)
    }
}

impl From<&str> for Body {
    fn from(text: &str) -> Body {
        Body::text_of(text.to_string())
    }
}

impl PartialEq for Body {
    fn eq(&self, other: &Body) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Body {}

impl PartialEq<&str> for Body {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl PartialEq<str> for Body {
    fn eq(&self, other: &str) -> bool {
        self.text() == other
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Json { range, .. } => write!(f, "Body(lazy {range:?})"),
            _ => write!(f, "Body({:?})", self.text()),
        }
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

/// The archive's own id when it has one (non-empty), else [`stable_id`].
pub fn own_or_stable_id(own: String, source: &str, date: &Date, title: &str) -> String {
    if own.is_empty() {
        stable_id(source, date, title)
    } else {
        own
    }
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
    fn a_lazy_body_decodes_and_cleans_on_demand() {
        let bytes: SharedBytes =
            Arc::new(br#"{"body": "\u7b2c\u4e00\u6bb5\u001b[2J\n\n  second\t"}"#.to_vec());
        let start = 9;
        let end = bytes.as_ref().as_ref().len() - 1;
        let body = Body::json_literal(bytes, start..end, 0);
        assert!(body.is_lazy());
        assert_eq!(body.resident_bytes(), 0);
        assert_eq!(body.text(), "第一段\nsecond");
        let a = Article {
            body,
            ..Default::default()
        };
        assert_eq!(a.paragraphs(), ["第一段", "second"]);
    }

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
            body: body.into(),
            ..Default::default()
        };
        assert_eq!(a.paragraphs(), ["第一段。", "第二段"]);
    }
}
