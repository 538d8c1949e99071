//! Scripts, styles and comments cut from a page before it is parsed. They are a third to
//! a half of a saved news page's bytes and none of its text, and the HTML parser is most of
//! the time a page costs: cutting them first makes parsing that much cheaper. JSON-LD
//! scripts stay (they hold the publication date). The cut follows the tokenizer's rules for
//! where these end (`</script`, `</style`, `-->`, case-insensitive); an unclosed one runs to
//! the end of the page, as it does for a browser.

use std::borrow::Cow;

/// `html` without its `<script>` (but JSON-LD), `<style>` and `<!-- -->` content.
pub(super) fn prune(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut kept_to = 0;
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &bytes[start..];
        let end = if rest.starts_with(b"<!--") {
            Some(find(bytes, start + 4, b"-->").map_or(bytes.len(), |e| e + 3))
        } else if starts_tag(rest, b"script") && !is_json_ld(rest) {
            Some(end_of_element(bytes, start, b"</script"))
        } else if starts_tag(rest, b"style") {
            Some(end_of_element(bytes, start, b"</style"))
        } else {
            None
        };
        match end {
            Some(end) => {
                out.push_str(&html[kept_to..start]);
                kept_to = end;
                at = end;
            }
            None => at = start + 1,
        }
    }
    if kept_to == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[kept_to..]);
    Cow::Owned(out)
}

/// True when `rest` starts with `<NAME` followed by white space, `>` or `/`.
fn starts_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len() + 1
        && rest[1..=name.len()].eq_ignore_ascii_case(name)
        && matches!(
            rest[name.len() + 1],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'
        )
}

/// True for a `<script type="application/ld+json">` start tag.
fn is_json_ld(rest: &[u8]) -> bool {
    let tag = &rest[..memchr::memchr(b'>', rest).unwrap_or(rest.len())];
    find_ignore_case(tag, b"ld+json").is_some()
}

/// Where the element starting at `start` ends: after the `>` of its end tag (`close` is
/// `</name`), or the end of the page.
fn end_of_element(bytes: &[u8], start: usize, close: &[u8]) -> usize {
    let mut at = start + 1;
    while let Some(i) = find_ignore_case(&bytes[at..], close) {
        let after = at + i + close.len();
        if bytes
            .get(after)
            .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>' | b'/'))
        {
            return memchr::memchr(b'>', &bytes[after..]).map_or(bytes.len(), |e| after + e + 1);
        }
        at = after;
    }
    bytes.len()
}

/// Where `needle` first occurs in `bytes` from `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..], needle).map(|i| from + i)
}

/// Where `needle` (starting with `<`, ASCII) first occurs in `hay`, ignoring ASCII case.
fn find_ignore_case(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(i) = memchr::memchr(needle[0], &hay[at..]) {
        let start = at + i;
        if hay.len() - start >= needle.len()
            && hay[start..start + needle.len()].eq_ignore_ascii_case(needle)
        {
            return Some(start);
        }
        at = start + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_go() {
        let page = "<html><head><SCRIPT src=a.js></SCRIPT><style>p{}</style>\
            <script type=\"application/ld+json\">{\"datePublished\":\"2019\"}</script></head>\
            <body><!-- 广告 <script> --><p>正文</p><script>if (a</b) x = \"</div>\";</script >尾</body></html>";
        assert_eq!(
            prune(page),
            "<html><head><script type=\"application/ld+json\">{\"datePublished\":\"2019\"}</script></head>\
             <body><p>正文</p>尾</body></html>"
        );
    }

    #[test]
    fn lookalikes_stay_and_unclosed_ones_run_to_the_end() {
        assert!(matches!(prune("<p>a <scripts> b</p>"), Cow::Borrowed(_)));
        assert_eq!(prune("<p>正文</p><script>var a"), "<p>正文</p>");
        assert_eq!(prune("<p>正文</p><!-- 未闭合"), "<p>正文</p>");
    }
}
