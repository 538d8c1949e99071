//! Which format a file holds: by its extension when that says, else by its content.

/// The archive formats juan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// JSON Lines: one record a line.
    JsonLines,
    /// A JSON document: an array of records or `{"articles": [...]}`.
    Json,
    /// SogouCS/SogouCA `<doc>` records.
    Sogou,
    /// One raw scraped page (title, metadata line, paragraphs, footer).
    Page,
    /// One Markdown article, with or without YAML front matter (`.md`, `.markdown`).
    Markdown,
    /// One saved HTML page (`.html`, `.htm`, `.shtml`, or HTML by content).
    Html,
}

/// The format a file name promises, with any `.gz` already removed; `None` when the
/// extension says nothing.
pub(crate) fn by_name(name: &str) -> Option<Format> {
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "jsonl" | "ndjson" => Some(Format::JsonLines),
        "json" => Some(Format::Json),
        "txt" | "text" => Some(Format::Page),
        "dat" | "xml" => Some(Format::Sogou),
        "md" | "markdown" => Some(Format::Markdown),
        "html" | "htm" | "shtml" | "xhtml" => Some(Format::Html),
        _ => None,
    }
}

/// File names (without extension, any case) of a project's own files, never articles.
const PROJECT_FILES: &[&str] = &[
    "readme",
    "license",
    "licence",
    "copying",
    "changelog",
    "changes",
    "history",
    "notes",
    "authors",
    "contributors",
    "contributing",
    "install",
    "todo",
    "code_of_conduct",
    "security",
];

/// Why a folder walk leaves out a file of this name, or `None` when it loads it: a file
/// with an archive extension (`.gz` included) or none (its content decides) is loaded unless
/// it is a project file (`README.md`, `LICENSE.txt`, `CHANGELOG`…).
pub(crate) fn skip_reason(name: &str) -> Option<String> {
    let inner = name.strip_suffix(".gz").unwrap_or(name);
    let (stem, ext) = match inner.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (inner, None),
    };
    let lower = stem.to_ascii_lowercase();
    let project = |p: &&str| {
        lower
            .strip_prefix(*p)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_', '.']))
    };
    if PROJECT_FILES.iter().any(project) {
        return Some(format!("not an article: {stem} is a project file"));
    }
    match (ext, by_name(inner)) {
        (_, Some(_)) | (None, None) => None,
        (Some(ext), None) => Some(format!("not an archive type (.{ext})")),
    }
}

/// The format for a file called `name` holding `text`: Sogou `<doc>` records whatever the
/// extension, JSON Lines in a `.json` file that is really one object a line, else the
/// extension's format, else a guess from the content. `None` for binary content.
pub(crate) fn format(name: &str, text: &str) -> Option<Format> {
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if start.starts_with("<doc") {
        return Some(Format::Sogou);
    }
    match by_name(name) {
        Some(Format::Json) if looks_like_json_lines(start) => Some(Format::JsonLines),
        Some(f) => Some(f),
        None => by_content(start),
    }
}

/// Guesses from content alone (`start` is the text from its first non-blank character).
fn by_content(start: &str) -> Option<Format> {
    let head = &start.as_bytes()[..start.len().min(8192)];
    if head.contains(&0) {
        return None;
    }
    if looks_like_html(head) {
        return Some(Format::Html);
    }
    match head.first() {
        Some(b'[') => Some(Format::Json),
        Some(b'{') if looks_like_json_lines(start) => Some(Format::JsonLines),
        Some(b'{') => Some(Format::Json),
        _ => Some(Format::Page),
    }
}

/// True when `head` (from the first non-blank byte) opens an HTML document: a doctype or
/// `<html>` first, or markup with `<html`, `<head` or `<body` in its first kilobyte.
pub(crate) fn looks_like_html(head: &[u8]) -> bool {
    let lower = head[..head.len().min(1024)].to_ascii_lowercase();
    let has = |tag: &[u8]| memchr::memmem::find(&lower, tag).is_some();
    lower.starts_with(b"<!doctype html")
        || lower.starts_with(b"<html")
        || (lower.starts_with(b"<") && (has(b"<html") || has(b"<head") || has(b"<body")))
}

/// True when the first line is a whole JSON object on its own and something follows it.
fn looks_like_json_lines(start: &str) -> bool {
    let Some((first, rest)) = start.split_once('\n') else {
        return false;
    };
    let first = first.trim();
    first.starts_with('{')
        && !rest.trim().is_empty()
        && serde_json::from_str::<serde::de::IgnoredAny>(first).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_extension() {
        assert_eq!(by_name("a.jsonl"), Some(Format::JsonLines));
        assert_eq!(by_name("A.NDJSON"), Some(Format::JsonLines));
        assert_eq!(by_name("a.json"), Some(Format::Json));
        assert_eq!(by_name("000_618211eec43b155d.txt"), Some(Format::Page));
        assert_eq!(by_name("sogou.dat"), Some(Format::Sogou));
        assert_eq!(by_name("noext"), None);
        assert_eq!(by_name("2019-10-01.md"), Some(Format::Markdown));
        assert_eq!(by_name("a.MARKDOWN"), Some(Format::Markdown));
        assert_eq!(by_name("page.shtml"), Some(Format::Html));
        assert_eq!(by_name("page.htm"), Some(Format::Html));
        assert_eq!(skip_reason("a.jsonl.gz"), None);
        assert_eq!(skip_reason("2019-10-01.md"), None);
        assert_eq!(skip_reason("jsonl-without-extension"), None);
        assert_eq!(
            skip_reason("titles.tsv").as_deref(),
            Some("not an archive type (.tsv)")
        );
        for name in [
            "README.txt",
            "readme.md",
            "LICENSE",
            "CHANGELOG.md",
            "notes.txt",
            "README-zh.md",
        ] {
            assert!(
                skip_reason(name).is_some_and(|r| r.starts_with("not an article: ")),
                "{name}"
            );
        }
        assert_eq!(skip_reason("readmeister.txt"), None);
    }

    #[test]
    fn by_content_when_the_name_says_nothing() {
        assert_eq!(
            format("-", "{\"title\":1}\n{\"title\":2}\n"),
            Some(Format::JsonLines)
        );
        assert_eq!(format("-", "{\n \"articles\": []\n}"), Some(Format::Json));
        assert_eq!(format("-", "\u{FEFF} [ ]"), Some(Format::Json));
        assert_eq!(format("-", "<doclist>\n<doc>"), Some(Format::Sogou));
        assert_eq!(format("-", "标题\n正文"), Some(Format::Page));
        assert_eq!(format("-", "\0\u{1}bin"), None);
        assert_eq!(
            format("-", "<!DOCTYPE html>\n<html><body>x"),
            Some(Format::Html)
        );
        assert_eq!(format("-", "<html lang=zh>"), Some(Format::Html));
    }

    #[test]
    fn content_corrects_a_misleading_extension() {
        assert_eq!(
            format("a.json", "{\"title\":1}\n{\"title\":2}"),
            Some(Format::JsonLines)
        );
        assert_eq!(format("a.txt", "<doc>\n<url>"), Some(Format::Sogou));
    }
}
