//! The index cache: a second load of an unchanged archive comes from the cache and equals a
//! fresh load; a corrupt, truncated or stale cache file is detected, ignored and rebuilt; the
//! cache never lands in the archive's folder; `juan` finds it under `$XDG_CACHE_HOME/juan`
//! and `JUAN_NO_CACHE=1` turns it off.

use std::path::{Path, PathBuf};
use std::process::Command;

use juan::archive::{self, Archive, LoadOptions};
use juan::synthetic;

fn write_archive(path: &Path, count: u64, seed: u64) {
    let file = std::fs::File::create(path).unwrap();
    let options = synthetic::Options {
        count,
        seed,
        ..Default::default()
    };
    synthetic::write_archive(file, &options).unwrap();
}

/// An archive with a few bad lines among generated records.
fn archive_with_problems(path: &Path) {
    // Over 1 MiB: juan maps (and so caches) only files that size or bigger.
    write_archive(path, 1200, 1);
    let mut bytes = std::fs::read(path).unwrap();
    bytes.extend(
        b"{\"body\":\"no title\"}\nnot json\n{\"title\":\"\xe6\xa0\x87\",\"body\":[\"a\"]}\n",
    );
    std::fs::write(path, bytes).unwrap();
}

fn cached(dir: &Path) -> LoadOptions {
    LoadOptions {
        cache_dir: Some(dir.to_path_buf()),
        cache_min_bytes: 0,
        ..LoadOptions::without_cache()
    }
}

fn load(path: &Path, options: &LoadOptions) -> Archive {
    archive::load_with(&[path.to_path_buf()], options)
}

fn assert_same(got: &Archive, want: &Archive) {
    assert_eq!(got.articles, want.articles);
    assert_eq!(got.problems, want.problems);
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = rd.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

struct Setup {
    _dir: tempfile::TempDir,
    archive: PathBuf,
    cache_dir: PathBuf,
    fresh: Archive,
}

fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("news").join("a.jsonl");
    std::fs::create_dir(archive.parent().unwrap()).unwrap();
    archive_with_problems(&archive);
    let cache_dir = dir.path().join("cache").join("juan");
    let fresh = load(&archive, &LoadOptions::without_cache());
    assert_eq!(fresh.problems.len(), 2);
    Setup {
        _dir: dir,
        archive,
        cache_dir,
        fresh,
    }
}

#[test]
fn second_load_comes_from_the_cache_and_equals_a_fresh_one() {
    let s = setup();
    assert_same(&load(&s.archive, &cached(&s.cache_dir)), &s.fresh);
    let files = cache_files(&s.cache_dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(files[0].extension().unwrap(), "idx");
    let written = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    let again = load(&s.archive, &cached(&s.cache_dir));
    assert_same(&again, &s.fresh);
    assert!(
        again
            .articles
            .iter()
            .all(|a| a.body.is_lazy() || a.title == "标")
    );
    assert_eq!(
        std::fs::metadata(&files[0]).unwrap().modified().unwrap(),
        written
    );
    assert_eq!(
        cache_files(s.archive.parent().unwrap()),
        std::slice::from_ref(&s.archive)
    );
}

/// The cache file of `s`'s archive, written by a first load, and its bytes.
fn written_cache(s: &Setup) -> (PathBuf, Vec<u8>) {
    load(&s.archive, &cached(&s.cache_dir));
    let file = cache_files(&s.cache_dir).remove(0);
    let bytes = std::fs::read(&file).unwrap();
    (file, bytes)
}

/// `bytes` with the byte at `at` changed.
fn flipped(bytes: &[u8], at: usize) -> Vec<u8> {
    let mut bad = bytes.to_vec();
    bad[at] ^= 0x5a;
    bad
}

#[test]
fn corrupt_and_truncated_caches_are_rebuilt() {
    let s = setup();
    let (file, good) = written_cache(&s);
    // A title's bytes: the first place they lie is the titles column, in a part's core.
    let title = s.fresh.articles[7].title.as_bytes();
    let in_titles = good
        .windows(title.len())
        .position(|w| w == title)
        .expect("the titles are stored");
    let mut damaged: Vec<Vec<u8>> = [0, 12, in_titles]
        .iter()
        .map(|&at| flipped(&good, at))
        .collect();
    damaged.push(good[..good.len() / 3].to_vec());
    damaged.push(Vec::new());
    for bad in damaged {
        std::fs::write(&file, &bad).unwrap();
        assert_same(&load(&s.archive, &cached(&s.cache_dir)), &s.fresh);
        assert_eq!(std::fs::read(&file).unwrap(), good, "rebuilt");
    }
}

/// The articles' titles searched for `text` in a corpus loaded as the interface loads it.
fn searched(corpus: &juan::Corpus, text: &str) -> Vec<(String, i64)> {
    let query = juan::Query::parse(text).unwrap();
    let cancel = juan::search::Cancel::new();
    let hits = juan::search::run(corpus, &query, juan::Order::NewestFirst, None, &cancel);
    hits.unwrap()
        .iter()
        .map(|h| (corpus.title(h.article()).to_string(), i64::from(h.score)))
        .collect()
}

#[test]
fn damaged_search_aids_are_made_again_from_the_titles() {
    // The search aids, the end of every part, are checked on first use, not by the load: a
    // load that needs none of them (a list, a count, a body search) does not read them.
    let s = setup();
    let (file, good) = written_cache(&s);
    std::fs::write(&file, flipped(&good, good.len() - 1)).unwrap();
    assert_same(&load(&s.archive, &cached(&s.cache_dir)), &s.fresh);
    let mut corpus = juan::Corpus::default();
    archive::load_streaming_with(
        std::slice::from_ref(&s.archive),
        &cached(&s.cache_dir),
        |batch| corpus.push_chunk(batch.chunk),
    );
    assert!(
        corpus.chunks().iter().all(|c| c.is_mapped()),
        "from the cache"
    );
    let fresh = juan::search::corpus_of(s.fresh.articles.clone());
    for text in ["中国", "zg", "经济 改革", "src:报", "'NBA"] {
        let got = searched(&corpus, text);
        assert_eq!(got, searched(&fresh, text), "{text}");
    }
    assert!(!searched(&fresh, "中国").is_empty());
}

#[test]
fn a_first_load_hands_on_its_chunks_read_back_from_the_cache_it_writes() {
    // Ten million articles' columns are 2.5 GB: a first load holds none of them in memory,
    // but views of the cache file it has just written, as a second load does.
    let s = setup();
    let options = LoadOptions {
        batch_articles: 300,
        ..cached(&s.cache_dir)
    };
    let mut corpus = juan::Corpus::default();
    let mut problems = Vec::new();
    archive::load_streaming_with(std::slice::from_ref(&s.archive), &options, |mut batch| {
        problems.append(&mut batch.problems);
        corpus.push_chunk(batch.chunk)
    });
    assert_eq!(cache_files(&s.cache_dir).len(), 1, "the cache is written");
    let chunks = corpus.chunks();
    assert!(chunks.len() > 2, "{} chunks", chunks.len());
    assert!(chunks.iter().all(|c| c.is_mapped()), "read back");
    assert_eq!(problems, s.fresh.problems);
    let fresh = juan::search::corpus_of(s.fresh.articles.clone());
    assert_eq!(corpus.len(), fresh.len());
    for i in 0..corpus.len() {
        assert_eq!(corpus.article(i), fresh.article(i), "article {i}");
    }
    for text in ["中国", "zg", "经济 改革", "src:报", "'NBA", "date:2020"] {
        assert_eq!(searched(&corpus, text), searched(&fresh, text), "{text}");
    }
}

#[test]
fn a_stale_cache_is_ignored_and_replaced() {
    let s = setup();
    load(&s.archive, &cached(&s.cache_dir));
    let file = cache_files(&s.cache_dir).remove(0);
    let before = std::fs::read(&file).unwrap();
    // Same size and modification time, other content: only the key's hashes can tell.
    let meta = std::fs::metadata(&s.archive).unwrap();
    write_archive(&s.archive, 1200, 2);
    let mut bytes = std::fs::read(&s.archive).unwrap();
    bytes.resize(meta.len() as usize, b'\n');
    std::fs::write(&s.archive, &bytes).unwrap();
    let handle = std::fs::File::options()
        .write(true)
        .open(&s.archive)
        .unwrap();
    handle.set_modified(meta.modified().unwrap()).unwrap();
    drop(handle);
    assert_eq!(
        std::fs::metadata(&s.archive).unwrap().modified().unwrap(),
        meta.modified().unwrap()
    );
    let fresh = load(&s.archive, &LoadOptions::without_cache());
    assert_same(&load(&s.archive, &cached(&s.cache_dir)), &fresh);
    assert_ne!(std::fs::read(&file).unwrap(), before);
    assert_same(&load(&s.archive, &cached(&s.cache_dir)), &fresh);
}

#[test]
fn the_cache_never_lands_beside_or_inside_the_archive() {
    let s = setup();
    let folder = s.archive.parent().unwrap().to_path_buf();
    assert_same(&load(&s.archive, &cached(&folder)), &s.fresh);
    assert_same(
        &archive::load_with(std::slice::from_ref(&folder), &cached(&folder.join("c"))),
        &s.fresh,
    );
    assert_eq!(cache_files(&folder), std::slice::from_ref(&s.archive));
}

#[test]
fn juan_uses_xdg_cache_home_unless_told_not_to() {
    let s = setup();
    let big = s.archive.with_file_name("big.jsonl");
    write_archive(&big, 6000, 3);
    assert!(std::fs::metadata(&big).unwrap().len() > 8 << 20);
    let xdg = s.cache_dir.parent().unwrap().join("xdg");
    let run = |no_cache: bool| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_juan"));
        // A config file of the user's own must not change what the tests see.
        cmd.env("JUAN_CONFIG", "/dev/null");
        cmd.arg("check").arg(&big).env("XDG_CACHE_HOME", &xdg);
        if no_cache {
            cmd.env("JUAN_NO_CACHE", "1");
        } else {
            cmd.env_remove("JUAN_NO_CACHE");
        }
        let out = cmd.output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let plain = run(true);
    assert!(plain.starts_with("articles: 6000\n"), "{plain}");
    assert!(!xdg.exists());
    assert_eq!(run(false), plain);
    assert_eq!(cache_files(&xdg.join("juan")).len(), 1);
    assert_eq!(run(false), plain);
}

/// A command that lists a few rows of a query reading no title checks the cached titles it
/// prints one by one, not all of them at the load: a title damaged in the cache (here into an
/// escape sequence) is printed as U+FFFD, the rest as they are, and no damaged byte reaches
/// the output. A query that searches titles checks them all at the load, refuses the damaged
/// cache and writes it anew.
#[test]
fn a_damaged_cached_title_is_printed_as_damaged_or_makes_the_cache_anew() {
    let s = setup();
    let big = s.archive.with_file_name("big.jsonl");
    write_archive(&big, 6000, 4);
    let xdg = s.cache_dir.parent().unwrap().join("xdg");
    let list = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_juan"))
            .env("JUAN_CONFIG", "/dev/null")
            .env("XDG_CACHE_HOME", &xdg)
            .env_remove("JUAN_NO_CACHE")
            .arg("list")
            .arg(&big)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let every = ["--limit", "6000"];
    let all = list(&every);
    let file = cache_files(&xdg.join("juan")).remove(0);
    let good = std::fs::read(&file).unwrap();
    let title = all.lines().nth(100).unwrap().split('\t').nth(3).unwrap();
    let at = good
        .windows(title.len())
        .position(|w| w == title.as_bytes())
        .expect("the titles are stored");
    let mut bad = good.clone();
    bad[at] = 0x1b;
    std::fs::write(&file, &bad).unwrap();
    // Written less than a second before the next load, as far as juan can tell however slow
    // the machine: a file that new is not checked whole (it could not be stamped), only what
    // the load reads. (A load more than a second later checked it whole under a busy CI run,
    // refused it and wrote it anew, and no title was damaged.)
    let unsettled = std::time::SystemTime::now() + std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(unsettled)
        .unwrap();

    let listed = list(&every);
    assert!(!listed.contains('\u{1b}'));
    let changed: Vec<(&str, &str)> = all
        .lines()
        .zip(listed.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    let (was, now) = changed[0];
    let fields = |line: &str| line.split('\t').map(String::from).collect::<Vec<_>>();
    let mut want = fields(was);
    want[3] = "\u{FFFD}".into();
    assert_eq!(fields(now), want);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        bad,
        "not checked whole: kept"
    );

    let searched = list(&["-q", title, "--limit", "10"]);
    assert!(searched.contains(title), "{searched}");
    assert_eq!(std::fs::read(&file).unwrap(), good, "made anew");
    assert_eq!(list(&every), all);
}
