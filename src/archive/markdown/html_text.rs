//! The text of the raw HTML that Markdown archives carry: whole bodies of `<p>` paragraphs
//! pasted from the page (daily digests do this), `<figure>`/`<figcaption>` around an image,
//! `<br>` inside a paragraph, `<!-- comments -->`.
//!
//! A minimal tag stripper, enough for fragments inside Markdown: block tags end a paragraph,
//! `<script>`, `<style>` and comments go with their content, every other tag goes and its
//! text stays, and the common character references are decoded. Whole saved pages go to the
//! HTML format instead, which parses HTML properly.

/// Tags whose start or end ends a paragraph.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tr",
    "ul",
];

/// Tags dropped together with everything up to their end tag.
const HIDDEN_TAGS: &[&str] = &["script", "style", "noscript", "template"];

/// The text of an HTML fragment: one paragraph a line, tags gone, character references
/// decoded. Lines may be blank or padded; the caller normalises them.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&decode_references(&rest[..lt]));
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some((name, closing, tag_len)) = tag_at(rest) else {
            // A `<` that starts no tag (`a < b`) is text.
            out.push('<');
            rest = &rest[1..];
            continue;
        };
        rest = &rest[tag_len..];
        if !closing && HIDDEN_TAGS.contains(&name.as_str()) {
            let end = format!("</{name}");
            rest = find_ignore_case(rest, &end).map_or("", |at| {
                let after = &rest[at..];
                after.find('>').map_or("", |gt| &after[gt + 1..])
            });
            continue;
        }
        if BLOCK_TAGS.contains(&name.as_str()) {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") && closing {
            out.push(' ');
        }
    }
    out.push_str(&decode_references(rest));
    out
}

/// The tag starting `text` (which starts with `<`): its lower-case name, whether it is an
/// end tag, and its length up to and including `>`. `None` when `<` starts no tag.
fn tag_at(text: &str) -> Option<(String, bool, usize)> {
    let inner = &text[1..];
    let (closing, name_at) = match inner.strip_prefix('/') {
        Some(_) => (true, 2),
        None => (false, 1),
    };
    let name: String = text[name_at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect();
    if name.is_empty() || !name.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let end = tag_end(text, name_at + name.len())?;
    Some((name.to_ascii_lowercase(), closing, end))
}

/// Where the tag that started at 0 ends (just past its `>`), skipping quoted attribute
/// values; `None` when it never ends.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[from..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(from + i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The byte offset of `needle` (ASCII) in `haystack`, ignoring ASCII case.
fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    (0..h.len().saturating_sub(n.len() - 1)).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// `text` with `&amp;`, `&nbsp;`, `&#39;`, `&#x4E2D;` and the other common references
/// decoded; an unknown or malformed reference stays as written.
pub fn decode_references(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('&') {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .char_indices()
            .take(32)
            .find(|(_, c)| !c.is_ascii_alphanumeric() && *c != '#')
            .filter(|(_, c)| *c == ';')
            .map(|(i, _)| i + 1);
        match end.and_then(|e| reference(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// The character a reference's name (between `&` and `;`) stands for.
fn reference(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
        "ldquo" => '“',
        "rdquo" => '”',
        "lsquo" => '‘',
        "rsquo" => '’',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        "middot" => '·',
        "bull" => '•',
        "copy" => '©',
        "reg" => '®',
        "times" => '×',
        "yen" => '¥',
        "laquo" => '«',
        "raquo" => '»',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(html: &str) -> Vec<String> {
        text_of(html)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn paragraphs_of_a_pasted_body() {
        let html = "<p><strong>央视网消息</strong>（新闻联播）：今天开幕。&nbsp;</p>\
                    <p>第二段<br>换行</p><p><strong>小标题</strong></p>";
        assert_eq!(
            lines(html),
            [
                "央视网消息（新闻联播）：今天开幕。",
                "第二段",
                "换行",
                "小标题"
            ]
        );
    }

    #[test]
    fn figures_comments_and_scripts() {
        let html = "<!--repaste.body.begin--><figure><img src=\"a.jpg\" alt=\"x > y\">\
                    <figcaption>小欣雨在老家过年。图/受访者提供</figcaption></figure>\
                    <script>var a = '<p>';</script><style>p{}</style>尾";
        assert_eq!(lines(html), ["小欣雨在老家过年。图/受访者提供", "尾"]);
    }

    #[test]
    fn references_and_stray_angle_brackets() {
        assert_eq!(
            text_of("a &lt; b &amp;&amp; c &#39;x&#x27; &#20013; &unknown; & done"),
            "a < b && c 'x' 中 &unknown; & done"
        );
        assert_eq!(text_of("1 < 2 and 3 > 2"), "1 < 2 and 3 > 2");
        assert_eq!(lines("<td>甲</td><td>乙</td>"), ["甲 乙"]);
        assert_eq!(text_of("<p>未完"), "\n未完");
    }
}
