//! Loading big plain JSON Lines files: lazy bodies read the same text as eager loading,
//! parallel pieces give exactly the sequential result (bad lines across piece boundaries
//! keep their line numbers), and streamed batches put together are `load`'s result.

use std::path::{Path, PathBuf};

use juan::archive::{self, Archive, Batch, LoadOptions};
use juan::synthetic;

/// The sequential, in-memory reference: the bytes handed to the format parsers as they are
/// (bodies decoded at load).
fn eager(path: &Path) -> Archive {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let mut out = Archive::default();
    archive::load_bytes(&path.display().to_string(), &name, &bytes, &mut out);
    out
}

fn options(threads: usize, piece_bytes: usize) -> LoadOptions {
    LoadOptions {
        threads,
        piece_bytes,
        ..LoadOptions::without_cache()
    }
}

fn mapped(path: &Path, options: &LoadOptions) -> Archive {
    archive::load_with(&[path.to_path_buf()], options)
}

fn generated(dir: &Path, name: &str, count: u64, escaped: bool) -> PathBuf {
    generated_with_seed(dir, name, count, escaped, 7)
}

/// [`generated`] from another seed (files of one seed hold the same articles, which a load
/// folds as copies).
fn generated_with_seed(dir: &Path, name: &str, count: u64, escaped: bool, seed: u64) -> PathBuf {
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    let options = synthetic::Options {
        count,
        seed,
        escaped,
        gzip: false,
    };
    synthetic::write_archive(file, &options).unwrap();
    path
}

fn assert_same(got: &Archive, want: &Archive) {
    assert_eq!(got.articles.len(), want.articles.len());
    for (g, w) in got.articles.iter().zip(&want.articles) {
        assert_eq!(g.body.text(), w.body.text(), "{}", w.id);
        assert_eq!(g, w);
    }
    assert_eq!(got.problems, want.problems);
}

#[test]
fn lazy_bodies_read_as_eager_ones_in_the_sample() {
    let sample = archive::sample_data_dir().join("news.jsonl");
    let (got, want) = (mapped(&sample, &options(2, 1 << 20)), eager(&sample));
    assert!(got.articles.iter().any(|a| a.body.is_lazy()));
    assert!(want.articles.iter().all(|a| !a.body.is_lazy()));
    assert_same(&got, &want);
}

#[test]
fn lazy_bodies_read_as_eager_ones_in_generated_archives() {
    let dir = tempfile::tempdir().unwrap();
    for escaped in [false, true] {
        let path = generated(dir.path(), "gen.jsonl", 600, escaped);
        let got = mapped(&path, &options(3, 64 << 10));
        assert!(got.articles.iter().all(|a| a.body.is_lazy()));
        assert_eq!(
            got.articles
                .iter()
                .map(|a| a.body.resident_bytes())
                .sum::<usize>(),
            0
        );
        assert_same(&got, &eager(&path));
    }
}

/// A file of good records with bad lines (bad JSON, no title, undecodable bytes, blank and
/// `\r\n` lines, a bad escape in a body) spread through it.
fn mixed_file(dir: &Path) -> PathBuf {
    let mut bytes = Vec::new();
    for i in 0..400 {
        let line: Vec<u8> = match i % 37 {
            3 => b"{\"title\": \"broken\" \"x\": 1}".to_vec(),
            11 => format!("{{\"body\": \"no title {i}\"}}").into_bytes(),
            17 => b"{\"title\":\"\xFF\xFE bad bytes\"}".to_vec(),
            19 => Vec::new(),
            23 => format!("{{\"title\":\"t{i}\",\"body\":\"\\ud800 lone\"}}").into_bytes(),
            29 => format!("{{\"title\":\"数组{i}\",\"content\":[\"一\",\"二\"]}}\r").into_bytes(),
            _ => format!(
                "{{\"id\":\"{i}\",\"title\":\"标题{i}\",\"date\":\"2017-09-{:02}\",\"body\":\"　　第{i}段。\\n\\n正文\"}}",
                1 + i % 28
            )
            .into_bytes(),
        };
        bytes.extend(line);
        bytes.push(b'\n');
    }
    let path = dir.join("mixed.jsonl");
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn parallel_pieces_equal_the_sequential_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = mixed_file(dir.path());
    let want = eager(&path);
    assert!(want.problems.len() >= 30, "{}", want.problems.len());
    assert!(want.problems.iter().any(|p| p.reason == "invalid UTF-8"));
    for (threads, piece) in [
        (1, 1 << 30),
        (2, 1),
        (2, 97),
        (3, 1000),
        (4, 4096),
        (8, 333),
    ] {
        let got = mapped(&path, &options(threads, piece));
        assert_same(&got, &want);
    }
}

#[test]
fn streamed_batches_put_together_are_the_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = mixed_file(dir.path());
    let small = generated(dir.path(), "small.jsonl", 50, false);
    let paths = [
        path.clone(),
        small.clone(),
        dir.path().join("missing.jsonl"),
    ];
    let opts = LoadOptions {
        batch_articles: 7,
        ..options(2, 500)
    };
    let mut batches: Vec<Batch> = Vec::new();
    archive::load_streaming_with(&paths, &opts, |b| batches.push(b));
    let whole = archive::load_with(&paths, &options(1, 1 << 30));
    let (last, full) = batches.split_last().unwrap();
    // Batches are full but the first of each file (small, to show something at once) and
    // the last of each file (a file's chunks are its own, so that they can be cached).
    assert_eq!(full[0].chunk.len(), 1, "the first batch is small");
    assert!(batches.iter().all(|b| b.chunk.len() <= 7));
    let full_ones = batches.iter().filter(|b| b.chunk.len() == 7).count();
    assert!(
        full_ones * 7 + 7 * 2 + 2 >= whole.articles.len(),
        "{full_ones} full"
    );
    let mut joined = Archive::default();
    let mut seen = 0;
    for b in &batches {
        seen += b.chunk.len();
        assert_eq!(b.progress.articles, seen);
        assert!(b.progress.bytes_done <= b.progress.bytes_total);
        joined
            .articles
            .extend((0..b.chunk.len()).map(|i| b.chunk.article(i)));
        joined.problems.extend(b.problems.iter().cloned());
    }
    let total = std::fs::metadata(&path).unwrap().len() + std::fs::metadata(&small).unwrap().len();
    assert_eq!(
        (last.progress.bytes_done, last.progress.bytes_total),
        (total, total)
    );
    assert_same(&joined, &whole);
    assert!(
        whole
            .problems
            .last()
            .unwrap()
            .reason
            .starts_with("cannot read")
    );
}

#[test]
fn a_folder_of_small_files_makes_chunks_of_the_usual_size() {
    let dir = tempfile::tempdir().unwrap();
    for k in 0..30 {
        generated_with_seed(dir.path(), &format!("day-{k:02}.jsonl"), 3, false, k);
    }
    let opts = LoadOptions {
        batch_articles: 32,
        ..options(2, 1 << 20)
    };
    let mut sizes = Vec::new();
    archive::load_streaming_with(&[dir.path().to_path_buf()], &opts, |b| {
        sizes.push(b.chunk.len())
    });
    // The first batch is small (32 / 16), the rest full but the last: files share chunks.
    assert_eq!(sizes.iter().sum::<usize>(), 90);
    assert_eq!(sizes, [2, 32, 32, 24], "{sizes:?}");
    let whole = archive::load_with(&[dir.path().to_path_buf()], &opts);
    let records = whole.articles.iter().filter(|a| a.body.is_lazy()).count();
    assert_eq!(records, 90, "bodies stay in their files");
    // Read back from chunks holding lines of many files, each article is what its file holds.
    let mut one_by_one = Vec::new();
    for k in 0..30 {
        let file = dir.path().join(format!("day-{k:02}.jsonl"));
        one_by_one.extend(mapped(&file, &opts).articles);
    }
    assert_eq!(whole.articles, one_by_one);
}

#[test]
fn a_gzip_archive_loads_in_parallel_with_bodies_left_in_the_decompressed_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let plain = generated(dir.path(), "plain.jsonl", 300, false);
    let gz = dir.path().join("plain.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    std::io::copy(&mut std::fs::File::open(&plain).unwrap(), &mut encoder).unwrap();
    encoder.finish().unwrap();
    let opts = options(2, 4096);
    let (from_gz, from_plain) = (mapped(&gz, &opts), mapped(&plain, &opts));
    assert_eq!(from_gz.articles, from_plain.articles);
    assert!(from_gz.problems.is_empty());
    assert!(from_gz.articles.iter().all(|a| a.body.is_lazy()));
    let mut last = None;
    archive::load_streaming_with(std::slice::from_ref(&gz), &opts, |b| {
        last = Some(b.progress)
    });
    let last = last.unwrap();
    let size = std::fs::metadata(&gz).unwrap().len();
    assert_eq!((last.bytes_done, last.bytes_total), (size, size));
}
