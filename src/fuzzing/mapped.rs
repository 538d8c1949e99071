//! The fuzz target of a JSON Lines file loaded the way a real one is: written to a file and
//! loaded with [`archive::load_with`], which cuts it into line-aligned pieces (small ones
//! here, so that there are several), parses each with its bodies left in the file's bytes,
//! numbers problems file-wide and builds corpus chunks, which are read back article by
//! article. When the input is UTF-8 and its ids are distinct, what comes back must be what
//! [`archive::load_bytes`] reads from the same bytes.

use std::cell::RefCell;
use std::path::PathBuf;

use super::checks::{self, short};
use crate::archive::{self, Archive, LoadOptions};

thread_local! {
    /// A private folder per thread, removed when the thread ends, holding `feed.jsonl`.
    static FOLDER: RefCell<Option<tempfile::TempDir>> = const { RefCell::new(None) };
}

/// Where this thread's input file is written.
fn feed_path() -> PathBuf {
    FOLDER.with(|folder| {
        let mut folder = folder.borrow_mut();
        let dir = folder.get_or_insert_with(|| {
            tempfile::Builder::new()
                .prefix("juan-fuzz-")
                .tempdir()
                .expect("a temporary folder")
        });
        dir.path().join("feed.jsonl")
    })
}

/// `data` as a `.jsonl` file on disk, loaded without a cache on one thread in 1 KiB pieces.
pub fn mapped(data: &[u8]) {
    let path = feed_path();
    std::fs::write(&path, data).expect("writing the input file");
    let options = LoadOptions {
        cache_dir: None,
        batch_articles: 16,
        threads: 1,
        piece_bytes: 1 << 10,
        ..LoadOptions::without_cache()
    };
    let loaded = archive::load_with(std::slice::from_ref(&path), &options);
    let shown = path.display().to_string();
    checks::archive(&shown, &loaded);
    if std::str::from_utf8(data).is_ok() {
        let mut whole = Archive::default();
        archive::load_bytes(&shown, "feed.jsonl", data, &mut whole);
        let mut ids: Vec<&str> = whole.articles.iter().map(|a| a.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() == whole.articles.len() {
            same_articles(&loaded, &whole);
        }
    }
}

/// The articles of a load from the file are those read from its bytes, in order.
fn same_articles(from_file: &Archive, from_bytes: &Archive) {
    assert_eq!(
        from_file.articles.len(),
        from_bytes.articles.len(),
        "the file gives another number of articles than its bytes"
    );
    for (a, b) in from_file.articles.iter().zip(&from_bytes.articles) {
        assert!(
            a == b,
            "the file and its bytes give different articles: {} with body {} from the file, \
             {} with body {} from its bytes",
            short(&a.title),
            short(&a.body.text()),
            short(&b.title),
            short(&b.body.text())
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_records_and_rubbish_from_a_file() {
        let records = "{\"title\": \"标题\", \"body\": \"第一段\\n第二段\"}\n".repeat(100);
        for input in [&b""[..], records.as_bytes(), b"{\"title\": 1}\n{\n\xff\n"] {
            mapped(input);
        }
    }
}
