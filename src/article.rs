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
    /// Kicker, subtitle, author, summary and the title as given: shown above the body.
    pub header: Header,
}

/// What a record says about an article besides its headline, date and source; the reader
/// shows it above the body. Every field is empty when the record does not say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// The line above the headline (引题, a kicker), e.g. `庆祝中华人民共和国成立70周年——`.
    pub kicker: String,
    /// The line below the headline (副题, a subtitle or deck).
    pub subtitle: String,
    /// Who wrote it (several authors joined by `、`).
    pub author: String,
    /// A summary or description; shown as the body when the article has none.
    pub summary: String,
    /// The title as the record gave it, when the listed title was shortened (a site-name
    /// suffix dropped); empty otherwise.
    pub full_title: String,
}

impl Header {
    /// Bytes of text it holds.
    pub(crate) fn byte_len(&self) -> usize {
        self.kicker.len()
            + self.subtitle.len()
            + self.author.len()
            + self.summary.len()
            + self.full_title.len()
    }

    /// True when every field is empty.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.kicker.is_empty()
            && self.subtitle.is_empty()
            && self.author.is_empty()
            && self.summary.is_empty()
            && self.full_title.is_empty()
    }
}

impl Article {
    /// Gives the article its [`stable_id`] when it has no id of its own.
    pub(crate) fn settle_id(&mut self) {
        if self.id.is_empty() {
            self.id = stable_id(&self.source, &self.date, &self.title, &self.body);
        }
    }

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

/// A short hash of a JSON Lines record's line, kept with a lazy body so that reading the line
/// again later can tell whether the file changed under it (another record moved there, the
/// same record edited in place with its size and time kept).
pub(crate) fn line_check(line: &[u8]) -> u32 {
    xxhash_rust::xxh3::xxh3_64(line) as u32
}

/// Bytes shared by many lazy bodies: a memory-mapped archive file, or a decompressed one.
pub(crate) type SharedBytes = Arc<dyn Stored>;

/// Bytes lazy bodies lie in, and how a search reads a piece of them.
pub trait Stored: AsRef<[u8]> + Send + Sync {
    /// `range` of the bytes, for a search's quick look at one body: borrowed from memory, or
    /// read from the file into `scratch` when the bytes are a mapped file that is also kept
    /// open (a read copies only the body, where touching a map makes the kernel map 64 KiB
    /// around it into juan's memory and keep it there). `None` when the bytes do not reach
    /// that far (a file cut short).
    fn read<'a>(&'a self, range: Range<usize>, scratch: &'a mut Vec<u8>) -> Option<&'a [u8]> {
        let _ = scratch;
        self.as_ref().get(range)
    }

    /// Lets the pages of these bytes go from juan's resident memory when they are a map
    /// that is to be let go after each use (read again from the file when next touched);
    /// nothing for bytes in memory, or a map kept warm.
    fn release_pages(&self) {}

    /// Lets the pages holding `range` go from juan's resident memory when the bytes are a
    /// mapped file, an archive or a cache file (read again from it when next touched): after
    /// a pass that reads a part once, as the body index's build does, or what reading a kept
    /// body index back touched. Nothing for bytes in memory.
    fn release_range(&self, range: Range<usize>) {
        let _ = range;
    }
}

impl Stored for Vec<u8> {}

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
        /// [`line_check`] of that record's line, as loading read it.
        check: u32,
    },
}

impl Body {
    /// A body held in memory (already cleaned and normalised).
    pub(crate) fn text_of(text: String) -> Body {
        if text.is_empty() {
            Body(Repr::Empty)
        } else {
            Body(Repr::Text(text))
        }
    }

    /// A body left in `bytes[range]`, a JSON string literal (quotes included) in the JSON
    /// Lines record that starts at byte `record`, whose line's [`line_check`] is `check`.
    pub(crate) fn json_literal(
        bytes: SharedBytes,
        range: Range<usize>,
        record: usize,
        check: u32,
    ) -> Body {
        Body(Repr::Json {
            bytes,
            range,
            record,
            check,
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
                Cow::Owned(decode_literal(raw))
            }
        }
    }

    /// The bytes a lazy body lies in, where its record starts there and its line's
    /// `line_check`; `None` for a body in memory.
    pub fn lazy_record(&self) -> Option<(&SharedBytes, usize, u32)> {
        match &self.0 {
            Repr::Json {
                bytes,
                record,
                check,
                ..
            } => Some((bytes, *record, *check)),
            _ => None,
        }
    }

    /// A lazy body's JSON string literal without its quotes, as it lies in the archive.
    fn literal(&self) -> Option<&str> {
        let Repr::Json { bytes, range, .. } = &self.0 else {
            return None;
        };
        let raw = bytes.as_ref().as_ref().get(range.clone())?;
        let inner = raw.strip_prefix(b"\"")?.strip_suffix(b"\"")?;
        std::str::from_utf8(inner).ok()
    }

    /// Where a lazy body's literal (quotes included) lies from the start of its record:
    /// `(offset, length)`; `None` for a body in memory.
    pub(crate) fn literal_span(&self) -> Option<(usize, usize)> {
        let Repr::Json { range, record, .. } = &self.0 else {
            return None;
        };
        Some((range.start.checked_sub(*record)?, range.len()))
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

/// An id that is the same on every run and machine, for an article whose record has none:
/// 16 hex digits of an XXH3 hash of its source, date, title and body (the body's text with
/// all whitespace left out, so re-indented or re-wrapped copies keep one id). Different
/// articles under one headline (a column's recurring title, a kicker) get different ids.
pub fn stable_id(source: &str, date: &Date, title: &str, body: &Body) -> String {
    let date_key = match date {
        Date::Known(s) => s.unix.to_string(),
        Date::Unparsed(t) => t.clone(),
        Date::Missing => String::new(),
    };
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for part in [source, &date_key, title] {
        hasher.update(part.as_bytes());
        hasher.update(&[0]);
    }
    let from_literal = body.literal().and_then(|raw| {
        let mut h = hasher.clone();
        hash_literal_without_whitespace(raw, &mut h).map(|()| h)
    });
    match from_literal {
        Some(h) => hasher = h,
        None => hash_without_whitespace(&body.text(), &mut hasher),
    }
    let mut out = String::with_capacity(16);
    let h = hasher.digest();
    for k in (0..16).rev() {
        out.push(char::from(
            b"0123456789abcdef"[(h >> (4 * k) & 0xF) as usize],
        ));
    }
    out
}

/// The bytes that may start a character [`hash_literal_without_whitespace`] must look at: `\`,
/// ASCII controls, space and DEL, and the lead bytes of every non-ASCII whitespace or
/// non-plain character (U+0080–U+00BF, U+0600s, U+1680, U+2000s, U+3000, U+FEFF). CJK text
/// never stops the scan.
const MAY_MATTER: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b <= 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'\\' as usize] = true;
    table[0x7F] = true;
    let leads = [0xC2, 0xD8, 0xE1, 0xE2, 0xE3, 0xEF];
    let mut i = 0;
    while i < leads.len() {
        table[leads[i]] = true;
        i += 1;
    }
    table
};

/// Where the next character [`hash_literal_without_whitespace`] must look at starts: a byte
/// of [`MAY_MATTER`], unless the bytes after it make a character that does not matter (most
/// of `“”—…`, `、。`, full-width punctuation).
fn next_that_matters(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if MAY_MATTER[usize::from(b)] {
            let (b1, b2) = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
            let matters = match b {
                // U+0080–U+00A0, U+00AD.
                0xC2 => b1.is_some_and(|c| c <= 0xA0 || c == 0xAD),
                // U+2000–U+200F, U+2028–U+202F, U+205F–U+206F.
                0xE2 => match (b1, b2) {
                    (Some(0x80), Some(c)) => c <= 0x8F || (0xA8..=0xAF).contains(&c),
                    (Some(0x81), Some(c)) => (0x9F..=0xAF).contains(&c),
                    _ => false,
                },
                // U+3000.
                0xE3 => b1 == Some(0x80) && b2 == Some(0x80),
                // U+FEFF.
                0xEF => b1 == Some(0xBB) && b2 == Some(0xBF),
                _ => true,
            };
            if matters {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}

/// Feeds `hasher` what [`hash_without_whitespace`] would feed it for the cleaned text of the
/// JSON string literal `raw` (quotes off), without decoding it: escapes of whitespace and
/// controls are left out, `\"` `\\` `\/` and `\uXXXX` stand for their character. `None` (and
/// `hasher` in an unknown state) when the literal holds a character that
/// [`crate::sanitize::clean`] may do more to than drop (the start of an escape sequence,
/// invisible formatting) or a surrogate escape: then the text must be decoded.
fn hash_literal_without_whitespace(raw: &str, hasher: &mut xxhash_rust::xxh3::Xxh3) -> Option<()> {
    let keep = |c: char, hasher: &mut xxhash_rust::xxh3::Xxh3| -> Option<()> {
        if c.is_whitespace()
            || (c.is_control() && c != '\u{1b}' && !('\u{80}'..='\u{9f}').contains(&c))
        {
            return Some(());
        }
        if !crate::sanitize::is_plain(c) {
            return None;
        }
        hasher.update(c.encode_utf8(&mut [0; 4]).as_bytes());
        Some(())
    };
    let mut rest = raw;
    while let Some(at) = next_that_matters(rest.as_bytes()) {
        hasher.update(&rest.as_bytes()[..at]);
        let c = rest[at..].chars().next()?;
        if c != '\\' {
            keep(c, hasher)?;
            rest = &rest[at + c.len_utf8()..];
            continue;
        }
        let escape = rest.as_bytes().get(at + 1)?;
        let (c, len) = match escape {
            b'n' => ('\n', 2),
            b'r' => ('\r', 2),
            b't' => ('\t', 2),
            b'f' => ('\u{c}', 2),
            b'b' => ('\u{8}', 2),
            b'"' => ('"', 2),
            b'\\' => ('\\', 2),
            b'/' => ('/', 2),
            b'u' => {
                let hex = rest.get(at + 2..at + 6)?;
                (char::from_u32(u32::from_str_radix(hex, 16).ok()?)?, 6)
            }
            _ => return None,
        };
        keep(c, hasher)?;
        rest = &rest[at + len..];
    }
    hasher.update(rest.as_bytes());
    Some(())
}

/// Feeds `hasher` the text of `text` with every whitespace character left out.
fn hash_without_whitespace(text: &str, hasher: &mut xxhash_rust::xxh3::Xxh3) {
    let mut run_start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), run_start) {
            (false, None) => run_start = Some(i),
            (true, Some(from)) => {
                hasher.update(&text.as_bytes()[from..i]);
                run_start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = run_start {
        hasher.update(&text.as_bytes()[from..]);
    }
}

/// The body text a JSON string literal (quotes included) holds: decoded, cleaned and split
/// into paragraphs; a literal that does not decode gives a line saying so.
pub(crate) fn decode_literal(literal: &[u8]) -> String {
    match serde_json::from_slice::<String>(literal) {
        Ok(s) => cleaned_body(s),
        Err(e) => format!("[the body could not be read: {e}]"),
    }
}

/// `normalize_body(&clean(&raw))`, but `raw` itself when neither would change it: every line
/// plain ([`crate::sanitize::needs_no_cleaning`]), not blank and not starting or ending with
/// whitespace. Most bodies are, and their decoding (search scans, the body index's build, the
/// reader) then skips two copies and the char-by-char clean.
pub(crate) fn cleaned_body(raw: String) -> String {
    let normal = |line: &str| {
        crate::sanitize::needs_no_cleaning(line)
            && line.chars().next().is_some_and(|c| !c.is_whitespace())
            && line.chars().next_back().is_some_and(|c| !c.is_whitespace())
    };
    if raw.split('\n').all(normal) {
        return raw;
    }
    normalize_body(&crate::sanitize::clean(&raw))
}

/// Splits body text into paragraphs: one per non-blank line, trimmed of surrounding
/// whitespace (ASCII, NBSP and ideographic spaces, so `　　` indentation goes too), joined by
/// `\n`. Paragraph indentation is layout, not text; the reader adds its own.
pub(crate) fn normalize_body(text: &str) -> String {
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
        let body = Body::json_literal(bytes, start..end, 0, 0);
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
        let body = Body::from("第一段。\n第二段。");
        let id = stable_id("长春日报", &d, "中共长春市委人大工作会议召开", &body);
        assert_eq!(id.len(), 16);
        assert_eq!(
            id,
            stable_id("长春日报", &d, "中共长春市委人大工作会议召开", &body)
        );
        assert_ne!(
            id,
            stable_id(
                "长春日报",
                &Date::Missing,
                "中共长春市委人大工作会议召开",
                &body
            )
        );
        // Two articles under one headline (a column's recurring title) differ by body.
        assert_ne!(
            id,
            stable_id(
                "长春日报",
                &d,
                "中共长春市委人大工作会议召开",
                &"第三段。".into()
            )
        );
        // Re-indented or re-wrapped, the same text keeps its id.
        assert_eq!(
            id,
            stable_id(
                "长春日报",
                &d,
                "中共长春市委人大工作会议召开",
                &"　　第一段。 \n\n  第二段。".into()
            )
        );
        // Pinned: a change here would orphan every reader's saved state.
        assert_eq!(
            stable_id("", &Date::Missing, "", &Body::default()),
            format!("{:016x}", xxhash_rust::xxh3::xxh3_64(b"\0\0\0"))
        );
    }

    proptest::proptest! {
        /// A lazy body gets the id its decoded text gets, escaped or not.
        #[test]
        fn a_lazy_body_hashes_as_its_text(chars in proptest::collection::vec(proptest::sample::select(vec![
            'a', ' ', '标', '\n', '\r', '\t', '\u{1b}', '[', '\u{7}', '\u{9b}', '\u{85}',
            '\u{200b}', '\u{2028}', '\u{3000}', '\u{a0}', '"', '\\', '\u{7f}', '\u{feff}',
        ]), 0..30)) {
            let text: String = chars.into_iter().collect();
            let literal = serde_json::to_string(&text).unwrap();
            // The same text both ways: with every character escaped, and as serde writes it.
            let escaped: String = std::iter::once("\"".to_string())
                .chain(text.chars().map(|c| format!("\\u{:04x}", c as u32)))
                .chain(std::iter::once("\"".to_string()))
                .collect::<String>();
            for raw in [literal, escaped] {
                let len = raw.len();
                let bytes: SharedBytes = Arc::new(raw.into_bytes());
                let lazy = Body::json_literal(bytes, 0..len, 0, 0);
                let eager = Body::text_of(normalize_body(&crate::sanitize::clean(&text)));
                proptest::prop_assert_eq!(
                    stable_id("s", &Date::Missing, "t", &lazy),
                    stable_id("s", &Date::Missing, "t", &eager)
                );
            }
        }
    }

    proptest::proptest! {
        /// The shortcut gives what cleaning and normalising give, for bodies already clean
        /// and normal (the shortcut's case) and for any others.
        #[test]
        fn cleaned_body_is_normalize_after_clean(
            chars in proptest::collection::vec(proptest::sample::select(vec![
                'a', ' ', '标', '，', '\n', '\r', '\t', '\u{1b}', '[', '\u{7}', '\u{9b}',
                '\u{85}', '\u{200b}', '\u{200d}', '\u{2028}', '\u{3000}', '\u{a0}',
                '\u{7f}', '\u{feff}', '\u{fe0f}', '😀',
            ]), 0..30),
            plain in "([a-z标，😀]{1,5}( [a-z标]{1,3})?\n){0,4}[a-z标，]{1,5}",
        ) {
            let text: String = chars.into_iter().collect();
            for raw in [text, plain] {
                let want = normalize_body(&crate::sanitize::clean(&raw));
                proptest::prop_assert_eq!(cleaned_body(raw), want);
            }
        }
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
