//! Verifying a candidate quickly: a lazy body is a JSON string literal in the archive's
//! bytes, and when the literal shows the term as it is — in UTF-8, or `\u`-escaped as
//! Python's `json.dumps` writes it — the decoded, cleaned and folded body holds it too, with
//! no decoding at all. Only when that look fails is the body decoded (by the caller).

/// A folded term prepared once per query for verifying candidates: whether it is plain
/// enough for the raw looks, and the forms news archives write it in (upper-case Latin, `\u`
/// escapes in lower- and upper-case hex), so each candidate costs searches and no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    /// The folded term.
    text: String,
    /// Printable, no whitespace, quote or backslash: cleaning cannot reach into a match.
    plain: bool,
    /// Other raw forms that, found in a literal, are a match.
    forms: Vec<String>,
}

impl Probe {
    /// The probe of the folded `needle`.
    pub(crate) fn new(needle: &str) -> Probe {
        let plain = !needle.is_empty()
            && needle.chars().all(|c| {
                crate::sanitize::is_plain(c) && !c.is_whitespace() && c != '\\' && c != '"'
            });
        let mut forms = Vec::new();
        if plain {
            // Folded Latin is lower case; news writes NBA, PM2.5, CCTV.
            if needle.bytes().any(|b| b.is_ascii_lowercase()) {
                forms.push(needle.to_ascii_uppercase());
            }
            if !needle.is_ascii() && needle.chars().all(|c| c as u32 <= 0xFFFF) {
                forms.extend([escaped(needle, false), escaped(needle, true)]);
            }
        }
        Probe {
            text: needle.to_string(),
            plain,
            forms,
        }
    }

    /// The folded term.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether a body holds the term once decoded, cleaned and folded: `literal` is the
    /// body's JSON string literal as it lies in the archive, when it does, and `decode` gives
    /// the body's text when looking at the literal cannot answer.
    pub(crate) fn holds(&self, literal: Option<&[u8]>, decode: impl FnOnce() -> String) -> bool {
        if let Some(literal) = literal {
            if self.surely_in(literal) {
                return true;
            }
            if let Some(answer) = self.plain_answer(literal) {
                return answer;
            }
        }
        crate::query::fold(&decode()).contains(&self.text)
    }

    /// True when `literal` (without quotes) surely holds the term once decoded, cleaned and
    /// folded; `false` says nothing. Sure only where cleaning cannot reach into a match: the
    /// term is plain, and the literal escapes no control or Latin-1 char (`\u00…`, which an
    /// escape sequence the cleaner removes whole would need) and holds no C1 control.
    fn surely_in(&self, literal: &[u8]) -> bool {
        if !self.plain
            || memchr::memmem::find(literal, b"\\u00").is_some()
            || memchr::memchr_iter(0xC2, literal)
                .any(|i| matches!(literal.get(i + 1), Some(0x80..=0x9F)))
        {
            return false;
        }
        std::iter::once(&self.text)
            .chain(&self.forms)
            .any(|form| memchr::memmem::find(literal, form.as_bytes()).is_some())
    }

    /// Whether `literal` holds the term, answered without decoding when the literal is plain:
    /// valid UTF-8 whose only escapes are `\n` (paragraph breaks, which a term without
    /// whitespace cannot span) and which cleaning leaves as it is; `None` otherwise.
    fn plain_answer(&self, literal: &[u8]) -> Option<bool> {
        if !self.plain
            || memchr::memchr_iter(b'\\', literal).any(|i| literal.get(i + 1) != Some(&b'n'))
        {
            return None;
        }
        let text = simdutf8::basic::from_utf8(literal).ok()?;
        if !crate::sanitize::needs_no_cleaning(text) {
            return None;
        }
        let mut folded = String::with_capacity(text.len());
        crate::query::fold_into(text, &mut folded);
        Some(folded.contains(&self.text))
    }
}

/// `needle` with every non-ASCII char written `\uXXXX`, in lower- or upper-case hex.
fn escaped(needle: &str, upper: bool) -> String {
    let mut out = String::with_capacity(needle.len() * 2);
    for c in needle.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if upper {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surely_holds(literal: &[u8], needle: &str) -> bool {
        Probe::new(needle).surely_in(literal)
    }

    fn plain_holds(literal: &[u8], needle: &str) -> Option<bool> {
        Probe::new(needle).plain_answer(literal)
    }

    #[test]
    fn a_literal_showing_the_term_is_sure() {
        assert!(surely_holds("改革开放四十年".as_bytes(), "开放"));
        assert!(surely_holds(br"\u6539\u9769\u5f00\u653e", "开放"));
        assert!(surely_holds(br"\u6539\u9769\u5F00\u653E", "开放"));
        assert!(surely_holds(br"NASA\n\u53d1\u5c04", "NASA"));
        assert!(surely_holds(br"NASA\n\u53d1\u5c04", "nasa"));
    }

    #[test]
    fn plain_literals_are_answered_without_decoding() {
        assert_eq!(plain_holds(r"升國旗\n儀式".as_bytes(), "国旗"), Some(true));
        assert_eq!(plain_holds(r"改革\n开放".as_bytes(), "革开"), Some(false));
        assert_eq!(plain_holds("ＮＡＳＡ".as_bytes(), "nasa"), Some(true));
        // An escape other than \n, an invisible char, a needle with a space: decode.
        assert_eq!(plain_holds(r"\u56fd\u65d7".as_bytes(), "国旗"), None);
        assert_eq!(plain_holds("国\u{200b}旗".as_bytes(), "国旗"), None);
        assert_eq!(plain_holds("a b".as_bytes(), "a b"), None);
    }

    #[test]
    fn anything_cleaning_might_change_is_left_to_decoding() {
        // Not shown; a space; a control escaped (an escape sequence may be cut out whole);
        // a C1 control; an empty needle.
        assert!(!surely_holds("改革".as_bytes(), "开放"));
        assert!(!surely_holds("a b".as_bytes(), "a b"));
        assert!(!surely_holds(br"\u001b]8;;\u5f00\u653e", "开放"));
        assert!(!surely_holds("\u{9b}开放".as_bytes(), "开放"));
        assert!(!surely_holds(b"x", ""));
    }
}
