//! Archives that change underneath juan (issue 11, rows 5 and 6): a file cut short while
//! mapped (`truncate -s`, `cat new > file`, logrotate's copytruncate) or its cache cut short
//! never kills juan with SIGBUS; records swapped or edited in place are never shown as another
//! record's text; an edit that keeps the size and the modification time (`touch -d`) is not
//! served from a stale cache.

use std::fs::OpenOptions;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use juan::archive::{self, Access, LoadOptions};
use juan::search::{self, Cancel};
use juan::synthetic;
use juan::{Corpus, Order, Query};

/// Records enough to be mapped (juan reads files under 1 MiB instead).
const COUNT: u64 = 2_000;

fn write_archive(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    let options = synthetic::Options {
        count: COUNT,
        seed: 7,
        ..Default::default()
    };
    synthetic::write_archive(file, &options).unwrap();
    assert!(std::fs::metadata(path).unwrap().len() > 2 << 20);
}

fn options(cache: Option<&Path>) -> LoadOptions {
    LoadOptions {
        cache_dir: cache.map(Path::to_path_buf),
        cache_min_bytes: 0,
        ..LoadOptions::without_cache()
    }
}

fn load(path: &Path, options: &LoadOptions) -> Corpus {
    let mut corpus = Corpus::default();
    archive::load_streaming_with(&[path.to_path_buf()], options, |batch| {
        if !batch.chunk.is_empty() {
            corpus.push_chunk(batch.chunk)
        }
    });
    corpus
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("news.jsonl");
    write_archive(&path);
    (dir, path)
}

const CHANGED: &str = "changed on disk";

#[test]
fn an_archive_truncated_while_open_reads_as_changed_not_sigbus() {
    let (_dir, path) = setup();
    let corpus = load(&path, &options(None));
    assert_eq!(corpus.len() as u64, COUNT);
    let last = corpus.len() - 1;
    let before = corpus.article(last).body.text().into_owned();
    assert!(!before.contains(CHANGED));
    // What `cat new > file` does first: the file is cut to nothing under the map.
    OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(1000)
        .unwrap();
    for i in [last, last / 2, 1] {
        let text = corpus.article(i).body.text().into_owned();
        assert!(text.contains(CHANGED), "article {i}: {text:.80}");
    }
    assert!(archive::changed_on_disk());
}

#[test]
fn a_cache_truncated_while_open_does_not_kill_juan() {
    let (dir, path) = setup();
    let cache = dir.path().join("cache");
    let fresh = load(&path, &options(Some(&cache)));
    let cached = load(&path, &options(Some(&cache)));
    assert_eq!(cached.len(), fresh.len());
    for entry in std::fs::read_dir(&cache).unwrap() {
        let file = entry.unwrap().path();
        OpenOptions::new()
            .write(true)
            .open(&file)
            .unwrap()
            .set_len(0)
            .unwrap();
    }
    // Titles and bodies are read through the cut cache's pages: zeros, never a crash.
    for i in (0..cached.len()).step_by(97) {
        let _ = cached.title(i).len();
        let _ = cached.article(i);
    }
}

/// The articles a `body:` search for `term` finds in `corpus`.
fn body_hits(corpus: &Corpus, term: &str) -> Vec<usize> {
    let query = Query::parse(&format!("body:{term}")).unwrap();
    let mut hits: Vec<usize> =
        search::run(corpus, &query, Order::NewestFirst, None, &Cancel::new())
            .unwrap()
            .iter()
            .map(|h| h.article())
            .collect();
    hits.sort_unstable();
    hits
}

/// Terms cut from bodies of `corpus`: 2 to 5 chars at several places, so that some are rare
/// (only runs of letters: no space or quote the query language would read).
fn terms_from_bodies(corpus: &Corpus) -> Vec<String> {
    (0..corpus.len())
        .step_by(61)
        .map(|i| {
            let chars: Vec<char> = corpus.article(i).body.text().chars().collect();
            let len = 2 + i % 4;
            let at = (i * 7) % chars.len().saturating_sub(len).max(1);
            chars[at..(at + len).min(chars.len())]
                .iter()
                .collect::<String>()
        })
        .filter(|t: &String| t.chars().all(|c| !c.is_ascii() && c.is_alphanumeric()))
        .collect()
}

#[test]
fn body_searches_read_from_the_file_find_what_the_map_finds() {
    let (_dir, path) = setup();
    let read = load(&path, &options(None));
    let mapped = load(
        &path,
        &LoadOptions {
            access: Access::Repeated,
            ..options(None)
        },
    );
    let terms = terms_from_bodies(&read);
    assert!(terms.len() >= 10);
    for term in &terms {
        let hits = body_hits(&read, term);
        assert!(!hits.is_empty(), "{term:?} was cut from a body");
        assert_eq!(hits, body_hits(&mapped, term), "{term:?}");
        for &i in &hits {
            let body = read.article(i).body.text().into_owned();
            assert!(!body.contains(CHANGED), "{term:?}: article {i}");
        }
    }
}

#[test]
fn a_body_search_on_a_file_cut_short_finds_what_is_left() {
    let (_dir, path) = setup();
    let corpus = load(&path, &options(None));
    let terms = terms_from_bodies(&corpus);
    let before: Vec<Vec<usize>> = terms.iter().map(|t| body_hits(&corpus, t)).collect();
    // Cut in the middle: the articles before the cut are still found, no article after it.
    let half = corpus.len() / 2;
    let bytes = std::fs::read(&path).unwrap();
    let cut = memchr::memchr_iter(b'\n', &bytes).nth(half - 1).unwrap() + 1;
    OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(cut as u64)
        .unwrap();
    for (term, before) in terms.iter().zip(before) {
        let kept: Vec<usize> = before.into_iter().filter(|&i| i < half).collect();
        assert_eq!(body_hits(&corpus, term), kept, "{term:?}");
    }
}

/// The byte ranges of the first two lines of `path` of equal length, when there are such.
fn two_lines_of_equal_length(bytes: &[u8]) -> (std::ops::Range<usize>, std::ops::Range<usize>) {
    let mut starts = vec![0];
    starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
    let lines: Vec<_> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    for (i, a) in lines.iter().enumerate() {
        if let Some(b) = lines[i + 1..].iter().find(|b| b.len() == a.len()) {
            return (a.clone(), b.clone());
        }
    }
    panic!("no two lines of the same length");
}

/// Writes `bytes` at `at` in the file, keeping its size and putting its modification time
/// back (as `touch -d` would).
fn edit_in_place(path: &Path, at: usize, bytes: &[u8]) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    let mut file = OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(at as u64)).unwrap();
    file.write_all(bytes).unwrap();
    file.set_times(std::fs::FileTimes::new().set_modified(mtime))
        .unwrap();
}

#[test]
fn records_swapped_in_place_never_show_another_records_body() {
    let (_dir, path) = setup();
    let corpus = load(&path, &options(None));
    let bytes = std::fs::read(&path).unwrap();
    let (a, b) = two_lines_of_equal_length(&bytes);
    let line_a = bytes[a.clone()].to_vec();
    let line_b = bytes[b.clone()].to_vec();
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', &bytes).map(|i| i + 1))
        .collect();
    let (ia, ib) = (
        starts.iter().position(|&s| s == a.start).unwrap(),
        starts.iter().position(|&s| s == b.start).unwrap(),
    );
    let body_b = corpus.article(ib).body.text().into_owned();
    edit_in_place(&path, a.start, &line_b);
    edit_in_place(&path, b.start, &line_a);
    let shown = corpus.article(ia);
    assert_eq!(
        corpus.title(ia),
        shown.title,
        "the title comes from the index"
    );
    let text = shown.body.text().into_owned();
    assert_ne!(text, body_b, "article {ia} shows the body of article {ib}");
    assert!(text.contains(CHANGED), "{text:.80}");
}

#[test]
fn a_same_size_edit_with_its_time_put_back_is_not_served_from_the_cache() {
    let (dir, path) = setup();
    let cache = dir.path().join("cache");
    let first = load(&path, &options(Some(&cache)));
    let bytes = std::fs::read(&path).unwrap();
    // A title in the middle (away from the ends the key hashes), changed letter for letter:
    // same size, same time.
    let middle = first.len() / 2;
    let title = first.title(middle).to_string();
    let at = memchr::memmem::find(&bytes, title.as_bytes()).unwrap();
    assert!(at > 1 << 20 && at < bytes.len() - (1 << 20));
    let mut changed = title.clone().into_bytes();
    let last = changed.len() - 3;
    changed[last..].copy_from_slice("改".as_bytes());
    edit_in_place(&path, at, &changed);
    let second = load(&path, &options(Some(&cache)));
    let new_title = String::from_utf8(changed).unwrap();
    assert_eq!(second.title(middle), new_title, "a stale cache was served");
}

#[test]
fn windows_and_old_mac_line_ends_never_read_as_a_change() {
    let dir = tempfile::tempdir().unwrap();
    for (name, end) in [
        ("crlf.jsonl", "\r\n"),
        ("cr.jsonl", "\r"),
        ("lf.jsonl", "\n"),
    ] {
        let path = dir.path().join(name);
        let text: String = (0..50)
            .map(|i| format!("{{\"title\":\"第{i}篇\",\"body\":\"正文{i}\"}}{end}"))
            .collect();
        std::fs::write(&path, text).unwrap();
        let corpus = load(&path, &options(None));
        assert_eq!(corpus.len(), 50, "{name}");
        for i in 0..50 {
            let a = corpus.article(i);
            assert!(
                a.body.is_lazy() || a.body.text() == format!("正文{i}"),
                "{name}"
            );
            assert_eq!(a.body.text(), format!("正文{i}"), "{name} article {i}");
        }
    }
}

#[test]
fn records_appended_while_open_are_followed_whole_lines_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scraper.jsonl");
    let line = |i: usize| format!("{{\"title\":\"第{i}篇\",\"body\":\"正文{i}\"}}\n");
    std::fs::write(&path, line(0) + &line(1)).unwrap();
    let opts = options(None);
    let mut corpus = Corpus::default();
    let mut follow = archive::load_streaming_with(std::slice::from_ref(&path), &opts, |b| {
        corpus.push_chunk(b.chunk)
    });
    assert_eq!(corpus.len(), 2);
    let poll = |corpus: &mut Corpus, follow: &mut archive::Follow| {
        let mut problems = Vec::new();
        let came = follow.poll(&opts, |b| {
            problems.extend(b.problems);
            corpus.push_chunk(b.chunk)
        });
        (came, problems)
    };
    assert_eq!(poll(&mut corpus, &mut follow).0, 0, "nothing appended yet");
    // A scraper appends two records, a bad line, and half of a third record.
    let mut file = OpenOptions::new().append(true).open(&path).unwrap();
    let third = line(4);
    write!(file, "{}{}oops\n{}", line(2), line(3), &third[..10]).unwrap();
    let (came, problems) = poll(&mut corpus, &mut follow);
    assert_eq!(came, 2);
    assert_eq!(corpus.title(3), "第3篇");
    assert_eq!(corpus.article(3).body.text(), "正文3");
    let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [Some(5)],
        "the bad line is numbered in the whole file"
    );
    // The half record is taken once it is whole.
    write!(file, "{}", &third[10..]).unwrap();
    assert_eq!(poll(&mut corpus, &mut follow).0, 1);
    assert_eq!(corpus.title(4), "第4篇");
    // Cut short: not followed further, and said to have changed.
    file.set_len(10).unwrap();
    assert_eq!(poll(&mut corpus, &mut follow).0, 0);
    assert!(follow.is_empty());
    assert!(archive::changed_on_disk());
}
