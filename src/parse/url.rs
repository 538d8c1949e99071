//! Web addresses in records: whether text is one, and its host — the source of last resort
//! for an article whose record names none (a host is a source only when nothing better is
//! there), the same for every format.

/// True for text that is an absolute (or scheme-relative) web address.
pub(super) fn is_url(text: &str) -> bool {
    let t = text.trim();
    let lower = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    lower("http://") || lower("https://") || t.starts_with("//")
}

/// True for text that is a bare host name (`www.rt.com`, `news.sina.com.cn:80`).
pub(super) fn is_host(text: &str) -> bool {
    let t = text.trim();
    t.contains('.')
        && !t.starts_with('.')
        && !t.ends_with('.')
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
}

/// The host of a web address, without user, port or path, lower-cased:
/// `http://News.Sohu.com:80/2012…` → `news.sohu.com`; `None` when it has none. The address
/// ends at the first whitespace (a space is never part of a host).
pub(super) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("//").map(|(_, rest)| rest)?;
    let authority = rest
        .split(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
        .next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    is_host(host).then(|| host.to_ascii_lowercase())
}

/// Characters that part a title from a site-name suffix: `…_新华网`, `… - 新浪网`, `…|澎湃新闻`.
const SEPARATORS: &[char] = &['-', '_', '|', '｜', '–', '—', '－', '＿'];

/// `title` with every suffix that only repeats one of the site's `names` (its source, site
/// name or host: `…_新华网`, `… - 新浪网`, `…｜蘋果新聞網｜蘋果日報`) dropped, one at a time from
/// the end; `None` when nothing is dropped. A title never becomes empty.
pub(super) fn without_site_suffix(title: &str, names: &[&str]) -> Option<String> {
    let mut head = title;
    while let Some((at, sep)) = last_separator(head) {
        let tail = head[at + sep..].trim();
        let before =
            head[..at].trim_end_matches(|c: char| c.is_whitespace() || SEPARATORS.contains(&c));
        if tail.is_empty() || before.is_empty() || !names_site(tail, names) {
            break;
        }
        head = before;
    }
    (head.len() < title.len()).then(|| head.to_string())
}

/// Where the last of [`SEPARATORS`] in `text` starts, and its length in bytes. Every title
/// is searched and most have none: a title without `-`, `_`, `|` or a byte that starts one of
/// the others (E2, EF) is passed over at memchr's speed.
fn last_separator(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    memchr::memchr3(b'-', b'_', b'|', bytes).or_else(|| memchr::memchr2(0xE2, 0xEF, bytes))?;
    let at = text.rfind(SEPARATORS)?;
    Some((at, text[at..].chars().next()?.len_utf8()))
}

/// True when `tail` equals or contains one of `names` (a one-character name would match too
/// much and is passed over), or is a domain a host among them is under.
fn names_site(tail: &str, names: &[&str]) -> bool {
    names.iter().any(|name| {
        let name = name.trim();
        name.chars().nth(1).is_some()
            && (contains_ignoring_case(tail, name) || is_host_of(tail, name))
    })
}

/// True when `text` contains `part`, ASCII letters compared without case.
fn contains_ignoring_case(text: &str, part: &str) -> bool {
    text.len() >= part.len()
        && (0..=text.len() - part.len())
            .any(|i| text.as_bytes()[i..i + part.len()].eq_ignore_ascii_case(part.as_bytes()))
}

/// True when `tail` is the host name `host` or a domain it is under (`sina.com.cn` for
/// `news.sina.com.cn`).
fn is_host_of(tail: &str, host: &str) -> bool {
    is_host(host)
        && is_host(tail)
        && host.len() > tail.len()
        && host.as_bytes()[host.len() - tail.len() - 1] == b'.'
        && host[host.len() - tail.len()..].eq_ignore_ascii_case(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("http://News.Sohu.com:80/20120706/n1.shtml").as_deref(),
            Some("news.sohu.com")
        );
        assert_eq!(
            host("https://user@www.rt.com/a?b").as_deref(),
            Some("www.rt.com")
        );
        assert_eq!(
            host("//cdn.example.cn/x").as_deref(),
            Some("cdn.example.cn")
        );
        assert_eq!(host("/posts/x/"), None);
        // Found by fuzzing (fuzz/regressions/jsonl/url-host-with-a-space.jsonl).
        assert_eq!(host("//n.c /").as_deref(), Some("n.c"));
        assert_eq!(host("http://a.cn\u{3000}b/").as_deref(), Some("a.cn"));
        assert_eq!(host("// a.cn/"), None);
        assert_eq!(host("新华网"), None);
        assert!(is_url("HTTPS://x.cn") && !is_url("x.cn"));
        assert!(is_host("news.sina.com.cn:80") && !is_host("新华网") && !is_host("localhost"));
    }

    #[test]
    fn separators_found_from_the_end() {
        for text in [
            "a-b",
            "a_b",
            "a|b",
            "a｜b",
            "a–b",
            "a—b",
            "a－b",
            "a＿b",
            "标题：一“二”—三",
            "",
            "标题",
        ] {
            let want = text
                .rfind(SEPARATORS)
                .map(|at| (at, text[at..].chars().next().unwrap().len_utf8()));
            assert_eq!(last_separator(text), want, "{text}");
        }
    }
}
