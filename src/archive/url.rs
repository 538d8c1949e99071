//! Web addresses in records: whether text is one, and its host — the source of last resort
//! for an article whose record names none (a host is a source only when nothing better is
//! there), the same for every format.

/// True for text that is an absolute (or scheme-relative) web address.
pub fn is_url(text: &str) -> bool {
    let t = text.trim();
    let lower = |prefix: &str| {
        t.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    lower("http://") || lower("https://") || t.starts_with("//")
}

/// True for text that is a bare host name (`www.rt.com`, `news.sina.com.cn:80`).
pub fn is_host(text: &str) -> bool {
    let t = text.trim();
    t.contains('.')
        && !t.starts_with('.')
        && !t.ends_with('.')
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':'))
}

/// The host of a web address, without user, port or path, lower-cased:
/// `http://News.Sohu.com:80/2012…` → `news.sohu.com`; `None` when it has none.
pub fn host(url: &str) -> Option<String> {
    let rest = url.split_once("//").map(|(_, rest)| rest)?;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit('@').next()?;
    let host = host.split(':').next()?;
    is_host(host).then(|| host.to_ascii_lowercase())
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
        assert_eq!(host("新华网"), None);
        assert!(is_url("HTTPS://x.cn") && !is_url("x.cn"));
        assert!(is_host("news.sina.com.cn:80") && !is_host("新华网") && !is_host("localhost"));
    }
}
