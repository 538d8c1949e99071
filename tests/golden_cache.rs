//! The golden test of the index cache: it pins the cache format and the JSON Lines parser's
//! output to `juan::archive::CACHE_VERSION`, so that changing either without bumping the
//! version fails here.
//!
//! Why it matters: an article whose body was left in its archive is read again by today's
//! parser when it is opened (`parse::record_at`), beside the columns (titles, dates, ids) that
//! an older parser built and the cache kept. A parser or `sanitize` change without a new
//! `VERSION` therefore mixes two parsers' output in one article, and nothing else notices.
//!
//! The fixture `tests/fixtures/golden/records.jsonl` (every record shape juan reads, escapes,
//! bad lines, copies, CRLF) follows a first line of spaces that makes the file 1 MiB, so that
//! it is mapped and cached as a big archive is; it is loaded twice through a cache folder. Pinned, in
//! `tests/fixtures/golden/`:
//!
//! - `articles.txt`: every article and problem as loaded, written out field by field;
//! - `cache.txt`: the `VERSION` they were recorded at and an XXH3 of the cache file's bytes
//!   but its key (the key holds the path, inode and times, which differ on every run).
//!
//! When either differs and `VERSION` is still the recorded one, the test fails and says what
//! to do: bump `VERSION` in `src/archive/cache.rs`, then record the new output with
//! `JUAN_BLESS=1 cargo test --test golden_cache`, which refuses to record while `VERSION` is
//! unchanged.

use std::path::{Path, PathBuf};

use juan::Article;
use juan::archive::{self, Archive, CACHE_VERSION, LoadOptions};
use xxhash_rust::xxh3::Xxh3;

/// The fixture, as checked in.
const RECORDS: &[u8] = include_bytes!("fixtures/golden/records.jsonl");
/// Where the golden files are, for reading them now and for writing them when blessing.
const GOLDEN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/golden");
/// Size the fixture is padded to: files this big are mapped, and so cached.
const PADDED_LEN: usize = 1 << 20;
/// The command that records the golden files anew.
const BLESS: &str = "JUAN_BLESS=1 cargo test --test golden_cache";

/// A load of the padded fixture: what came out, and the cache file it wrote.
struct Loaded {
    dump: String,
    cache_digest: String,
}

/// Options that cache a file of any size, in several small chunks and pieces.
fn cached(dir: &Path) -> LoadOptions {
    LoadOptions {
        cache_dir: Some(dir.to_path_buf()),
        cache_min_bytes: 0,
        batch_articles: 8,
        threads: 2,
        piece_bytes: 4 << 10,
        ..LoadOptions::without_cache()
    }
}

/// Loads the padded fixture twice, the second time from the cache (checked to be mapped and
/// to equal the first), and returns the first load's dump and the cache's digest.
fn load_twice() -> Loaded {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("news");
    std::fs::create_dir(&folder).unwrap();
    let path = folder.join("golden.jsonl");
    // The padding comes first, so that the undecodable line lies past the head juan reads to
    // tell a plain JSON Lines file (which alone is mapped and cached).
    let mut bytes = vec![b' '; PADDED_LEN - RECORDS.len() - 1];
    bytes.push(b'\n');
    bytes.extend_from_slice(RECORDS);
    std::fs::write(&path, &bytes).unwrap();
    let cache_dir = dir.path().join("cache");
    let options = cached(&cache_dir);

    let (fresh, fresh_counts, fresh_mapped) = load(&path, &options);
    let (again, again_counts, again_mapped) = load(&path, &options);
    // The first load parses and hands on each chunk read back from the cache it writes; the
    // second reads the cache. Either way every chunk is a view of the cache file but the one
    // a folded copy rebuilt.
    assert_eq!(
        fresh_mapped, again_mapped,
        "the first load reads back what it writes"
    );
    let chunks = again_mapped + 1;
    assert_eq!(
        chunks,
        fresh.articles.len().div_ceil(8) + 1,
        "the second load reads the cache"
    );
    assert_eq!(again.articles, fresh.articles, "read back from the cache");
    assert_eq!(again.problems, fresh.problems, "read back from the cache");
    assert_eq!(again_counts, fresh_counts);

    let files: Vec<PathBuf> = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one cache file: {files:?}");
    Loaded {
        dump: dump(&fresh, fresh_counts),
        cache_digest: digest_but_key(&std::fs::read(&files[0]).unwrap()),
    }
}

/// Loads `path` with `options`: its articles and problems, the copies folded and id clashes
/// counted, and how many chunks were views of a mapped cache file.
fn load(path: &Path, options: &LoadOptions) -> (Archive, (usize, usize), usize) {
    let mut out = Archive::default();
    let mut counts = (0, 0);
    let mut mapped = 0;
    archive::load_streaming_with(&[path.to_path_buf()], options, |mut batch| {
        let chunk = &batch.chunk;
        mapped += usize::from(chunk.is_mapped());
        out.articles
            .extend((0..chunk.len()).map(|i| chunk.article(i)));
        out.problems.append(&mut batch.problems);
        counts = (batch.progress.copies_folded, batch.progress.id_clashes);
    });
    (out, counts, mapped)
}

/// Every article and problem of `loaded`, field by field, strings quoted with Rust's escapes.
fn dump(loaded: &Archive, (copies, clashes): (usize, usize)) -> String {
    let mut out = String::new();
    for (n, a) in loaded.articles.iter().enumerate() {
        article(&mut out, n + 1, a);
    }
    // Problems name the file by the path it was loaded from, a temporary folder: left out.
    for p in &loaded.problems {
        let line = p.line.map_or(String::new(), |n| format!(" line {n}"));
        let skipped = if p.skipped { " skipped" } else { "" };
        out.push_str(&format!("problem{line}{skipped} {:?}\n", p.reason));
    }
    out.push_str(&format!("copies folded {copies}, id clashes {clashes}\n"));
    out
}

/// Appends article number `n`, one field a line; empty fields are left out.
fn article(out: &mut String, n: usize, a: &Article) {
    out.push_str(&format!("article {n}\n"));
    let h = &a.header;
    let url = a.url.clone().unwrap_or_default();
    for (name, value) in [
        ("id", &a.id),
        ("title", &a.title),
        ("source", &a.source),
        ("url", &url),
        ("kicker", &h.kicker),
        ("subtitle", &h.subtitle),
        ("author", &h.author),
        ("summary", &h.summary),
        ("full_title", &h.full_title),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("  {name} {value:?}\n"));
        }
    }
    out.push_str(&format!("  date {:?}\n", a.date));
    if !a.tags.is_empty() {
        out.push_str(&format!("  tags {:?}\n", a.tags));
    }
    match a.body.lazy_record() {
        Some((_, start, check)) => out.push_str(&format!(
            "  body lazy, line at byte {start}, check {check:08x}\n"
        )),
        None => out.push_str("  body in memory\n"),
    }
    for paragraph in a.body.text().split('\n').filter(|p| !p.is_empty()) {
        out.push_str(&format!("    {paragraph:?}\n"));
    }
}

/// XXH3 of a cache file's bytes but its key: the magic, then everything after the key
/// (payload length, the parts' checksum, the parts). The version is pinned on its own.
fn digest_but_key(file: &[u8]) -> String {
    assert_eq!(&file[..8], b"JUANIDX\0", "a cache file");
    let key_len = u32::from_le_bytes(file[12..16].try_into().unwrap()) as usize;
    let mut h = Xxh3::new();
    h.update(&file[..8]);
    h.update(&file[16 + key_len..]);
    format!("{:016x}", h.digest())
}

/// What `cache.txt` records.
#[derive(Debug, PartialEq, Eq)]
struct Golden {
    version: u32,
    cache_digest: String,
}

impl Golden {
    /// Reads `cache.txt`: `version N` and `cache HEX` lines, `#` comments.
    fn parse(text: &str) -> Golden {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
                .unwrap_or_else(|| panic!("cache.txt has no `{name}` line"))
                .trim()
                .to_string()
        };
        Golden {
            version: field("version").parse().expect("a version number"),
            cache_digest: field("cache"),
        }
    }

    /// `cache.txt`'s text.
    fn text(&self) -> String {
        format!(
            "# The index cache's VERSION and the XXH3 of the cache file of records.jsonl\n\
             # (padded to 1 MiB), but its key; with articles.txt, written by\n\
             # `{BLESS}`. Do not edit by hand.\n\
             version {}\ncache {}\n",
            self.version, self.cache_digest
        )
    }
}

/// The first line where `want` and `got` differ, for the failure message.
fn first_difference(want: &str, got: &str) -> String {
    let (mut w, mut g) = (want.lines(), got.lines());
    for n in 1.. {
        match (w.next(), g.next()) {
            (None, None) => break,
            (a, b) if a == b => continue,
            (a, b) => {
                return format!(
                    "articles.txt line {n}:\n  recorded: {}\n  now:      {}",
                    a.unwrap_or("(end)"),
                    b.unwrap_or("(end)")
                );
            }
        }
    }
    "articles.txt is the same; only the cache file's bytes differ".into()
}

#[test]
fn cache_format_and_parser_output_are_pinned_to_the_cache_version() {
    let now = load_twice();
    let golden_path = Path::new(GOLDEN_DIR).join("cache.txt");
    let articles_path = Path::new(GOLDEN_DIR).join("articles.txt");
    let recorded = Golden::parse(&std::fs::read_to_string(&golden_path).unwrap());
    let recorded_dump = std::fs::read_to_string(&articles_path).unwrap();
    // Columns are stored in the machine's byte order: the digest holds on little-endian ones.
    let same_cache = cfg!(target_endian = "big") || now.cache_digest == recorded.cache_digest;
    let same = same_cache && now.dump == recorded_dump;
    let bless = std::env::var_os("JUAN_BLESS").is_some_and(|v| v == "1");
    let version = CACHE_VERSION;

    if same && version == recorded.version {
        return;
    }
    if version == recorded.version {
        let what = first_difference(&recorded_dump, &now.dump);
        panic!(
            "\nThe JSON Lines parser's output or the index cache's bytes changed, but \
             cache::VERSION is still {version}.\nA cache written before this change would be \
             read with the new parser (see tests/golden_cache.rs). To fix it:\n  \
             1. bump `VERSION` in src/archive/cache.rs to {next};\n  \
             2. run `{BLESS}` to record the new output in tests/fixtures/golden/;\n  \
             3. read the diff of tests/fixtures/golden/articles.txt and commit it with your \
             change.\n{}If the change is a mistake, undo it instead.\nWhat changed: {what}\n\
             (cache digest recorded {}, now {})\n",
            if bless {
                "(Not recorded: JUAN_BLESS records only after VERSION is bumped.)\n"
            } else {
                ""
            },
            recorded.cache_digest,
            now.cache_digest,
            next = version + 1,
        );
    }
    if bless {
        let golden = Golden {
            version,
            cache_digest: now.cache_digest,
        };
        std::fs::write(&golden_path, golden.text()).unwrap();
        std::fs::write(&articles_path, &now.dump).unwrap();
        eprintln!("recorded tests/fixtures/golden/ at cache VERSION {version}");
        return;
    }
    panic!(
        "\ncache::VERSION is {version}, but tests/fixtures/golden/ was recorded at {}.\n\
         Run `{BLESS}` to record the output of this version, and commit \
         tests/fixtures/golden/cache.txt and articles.txt.\n",
        recorded.version
    );
}

#[test]
fn the_dump_tells_fields_apart_and_a_digest_ignores_only_the_key() {
    let a = Article {
        title: "标题\u{1b}".into(),
        body: "一\n二".into(),
        ..Article::default()
    };
    let mut out = String::new();
    article(&mut out, 1, &a);
    assert_eq!(
        out,
        "article 1\n  title \"标题\\u{1b}\"\n  date Missing\n  body in memory\n    \"一\"\n    \"二\"\n"
    );
    let file = |key: &[u8], rest: &[u8]| {
        let mut f = b"JUANIDX\0\x09\0\0\0".to_vec();
        f.extend_from_slice(&(key.len() as u32).to_le_bytes());
        f.extend_from_slice(key);
        f.extend_from_slice(rest);
        f
    };
    let d = digest_but_key(&file(b"path-a", b"parts"));
    assert_eq!(d, digest_but_key(&file(b"another/path", b"parts")));
    assert_ne!(d, digest_but_key(&file(b"path-a", b"Parts")));
    let g = Golden {
        version: 9,
        cache_digest: "00ff".into(),
    };
    assert_eq!(Golden::parse(&g.text()), g);
}
