//! Inputs that would blow up memory or never end (issue 11, rows 7 and 8): a file of bad
//! lines costs a count past the first reasons, a gzip bomb stops at its bound, `/dev/zero`
//! stops at once, and a folder of many small files loads with no memory map each. Memory
//! that is mapped stays out of juan's resident set once read: the archive's pages after the
//! body index's build, a kept body index's pages after it is read back (at ten million
//! articles, 16.9 GB and 267 MB).

use std::io::Write;
use std::path::{Path, PathBuf};

use juan::archive::{self, Archive, LoadOptions};

fn load(path: &Path) -> Archive {
    archive::load_with(&[path.to_path_buf()], &LoadOptions::without_cache())
}

/// The number in a "N more problems, not listed" problem.
fn unlisted(a: &Archive) -> usize {
    a.problems
        .iter()
        .filter_map(|p| p.reason.split_once(" more problems, not listed"))
        .map(|(n, _)| n.parse::<usize>().unwrap())
        .sum()
}

#[test]
fn bad_lines_are_counted_and_only_the_first_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.jsonl");
    let mut text = String::from("{\"title\":\"第一篇\"}\n");
    let bad = 300_000;
    for i in 0..bad {
        text.push_str(&format!("not json {i}\n"));
    }
    text.push_str("{\"title\":\"最后一篇\"}\n");
    std::fs::write(&path, &text).unwrap();
    let loaded = load(&path);
    assert_eq!(
        loaded.articles.len(),
        2,
        "the good records around them load"
    );
    let listed = loaded.problems.len() - 1;
    assert!(listed <= 1000, "{listed} problems kept with their reasons");
    assert_eq!(listed + unlisted(&loaded), bad, "every bad line is counted");
    assert_eq!(loaded.problems[0].line, Some(2));
    let last = loaded.problems.last().unwrap();
    assert!(
        last.to_string()
            .starts_with(&format!("{}: ", path.display()))
    );
}

#[test]
fn a_gzip_bomb_stops_at_its_bound_with_a_clear_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.jsonl.gz");
    let line = format!("{{\"title\":\"x\",\"body\":\"{}\"}}\n", "a".repeat(1000));
    let mut e = flate2::write::GzEncoder::new(
        std::fs::File::create(&path).unwrap(),
        flate2::Compression::fast(),
    );
    for _ in 0..(400 << 20) / line.len() {
        e.write_all(line.as_bytes()).unwrap();
    }
    e.finish().unwrap();
    let compressed = std::fs::metadata(&path).unwrap().len();
    assert!(compressed < 4 << 20, "{compressed}");
    let loaded = load(&path);
    let reasons: Vec<String> = loaded.problems.iter().map(|p| p.reason.clone()).collect();
    assert!(
        reasons.iter().any(|r| r.contains("gzip bomb")),
        "{reasons:?}"
    );
    // All copies of one article: one loads; what was read stayed within the bound.
    assert_eq!(loaded.articles.len(), 1);
}

#[test]
fn dev_zero_stops_at_once() {
    let loaded = load(Path::new("/dev/zero"));
    assert!(loaded.articles.is_empty());
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.problems[0].reason.contains("binary data"));
}

#[test]
fn a_folder_of_many_small_files_loads_without_a_map_each() {
    let dir = tempfile::tempdir().unwrap();
    let n = 3000;
    for i in 0..n {
        let rec =
            format!("{{\"title\":\"第{i}篇\",\"date\":\"2020-01-01\",\"body\":\"正文{i}\"}}\n");
        std::fs::write(dir.path().join(format!("{i:05}.jsonl")), rec).unwrap();
    }
    let maps_before = maps();
    let mut corpus = juan::Corpus::default();
    let paths: Vec<PathBuf> = vec![dir.path().to_path_buf()];
    archive::load_streaming_with(&paths, &LoadOptions::without_cache(), |b| {
        corpus.push_chunk(b.chunk)
    });
    assert_eq!(corpus.len(), n);
    assert!(
        maps() < maps_before + 100,
        "{} maps after loading {n} files, {maps_before} before",
        maps()
    );
    let a = corpus.article(n - 1);
    assert_eq!(a.body.text(), format!("正文{}", n - 1));
}

/// How many memory maps this process has.
fn maps() -> usize {
    std::fs::read_to_string("/proc/self/maps")
        .map(|m| m.lines().count())
        .unwrap_or(0)
}

#[test]
fn building_the_body_index_lets_the_archive_pages_go() {
    // 24 MiB of bodies in one mapped file: the build reads every one once.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bodies.jsonl");
    let body = "改革开放，经济发展。".repeat(100);
    let mut text = String::new();
    for i in 0..8000 {
        text.push_str(&format!(
            "{{\"title\":\"第{i}篇\",\"date\":\"2020-01-01\",\"body\":\"{body}{i}\"}}\n"
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let mut corpus = juan::Corpus::default();
    archive::load_streaming_with(
        std::slice::from_ref(&path),
        &LoadOptions::without_cache(),
        |b| corpus.push_chunk(b.chunk),
    );
    assert_eq!(corpus.len(), 8000);
    assert!(resident_kib(&path).is_some(), "the archive is mapped");
    corpus.index_bodies(true);
    let resident = resident_kib(&path).unwrap();
    assert!(
        resident < 2048,
        "{resident} KiB of the {} KiB archive still resident after the build",
        text.len() >> 10
    );
    // The bodies read again from the file when next wanted.
    let last = corpus.article(7999);
    assert_eq!(last.body.text(), format!("{body}7999"));
}

/// KiB of `path` resident in this process (its maps' `Rss:` in `/proc/self/smaps`), or
/// `None` when it is not mapped.
fn resident_kib(path: &Path) -> Option<u64> {
    let smaps = std::fs::read_to_string("/proc/self/smaps").ok()?;
    let name = path.to_string_lossy();
    let mut inside = false;
    let mut total = None;
    for line in smaps.lines() {
        let first = line.split_whitespace().next().unwrap_or("");
        if first.contains('-') && first.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            inside = line.ends_with(name.as_ref());
        } else if inside && let Some(kib) = line.strip_prefix("Rss:") {
            let kib: u64 = kib
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse()
                .unwrap_or(0);
            total = Some(total.unwrap_or(0) + kib);
        }
    }
    total
}

#[test]
fn a_kept_body_index_read_back_leaves_nothing_mapped_in() {
    // 9 MB of varied bodies, so the body index is kept in the cache beside the index cache.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kept.jsonl");
    let mut state = 7u64;
    let mut text = String::new();
    for i in 0..8000 {
        let body: String = (0..400)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from_u32(0x4E00 + (state >> 33) as u32 % 3000).unwrap()
            })
            .collect();
        text.push_str(&format!(
            "{{\"title\":\"第{i}篇\",\"date\":\"2020-01-01\",\"body\":\"{body}\"}}\n"
        ));
    }
    std::fs::write(&path, &text).unwrap();
    let mut options = LoadOptions::without_cache();
    options.cache_dir = Some(dir.path().join("cache"));
    options.cache_min_bytes = 0;
    options.access = archive::Access::Repeated;
    let open = || {
        let mut corpus = juan::Corpus::default();
        archive::load_streaming_with(std::slice::from_ref(&path), &options, |b| {
            corpus.push_chunk(b.chunk)
        });
        corpus
    };
    open().index_bodies(false);
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftx"))
        .collect();
    assert!(!kept.is_empty(), "the body index is kept");
    let corpus = open();
    corpus.read_body_indexes();
    assert_eq!(corpus.body_index_figures().chunks, corpus.chunks().len());
    for file in &kept {
        let size = std::fs::metadata(file).unwrap().len() >> 10;
        let resident = resident_kib(file).expect("the kept index is mapped");
        assert!(
            resident == 0,
            "{resident} of its {size} KiB resident after reading it"
        );
    }
}
