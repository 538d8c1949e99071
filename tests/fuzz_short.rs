//! A short fuzz run of every target of `juan::fuzzing` on stable, part of the normal test
//! suite: each target's seed corpus (`fuzz/corpus/<target>/`), every saved crash input
//! (`fuzz/regressions/<target>/`, replayed forever), then a fixed number of mutations of
//! them (bit flips, byte edits, truncations, cut ranges, repeats, splices of two inputs,
//! inserted tokens) drawn from a fixed-seed PCG, so every run tries the same inputs.
//!
//! A failing input is written to `$CARGO_TARGET_TMPDIR/fuzz_short/<target>-<n>`, to replay
//! with `cargo +nightly fuzz run <target> FILE` or to save under `fuzz/regressions/`.
//! The long runs are libFuzzer's (`fuzz/README.md`).

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Once;

use juan::fuzzing;
use oorandom::Rand32;

/// Mutated inputs tried per target (the seeds and regressions come on top), fewer for the
/// slow ones (a saved HTML page is parsed by a readability crate), so that the whole run
/// takes a few seconds in a debug build.
const MUTATIONS: &[(&str, usize)] = &[
    ("jsonl", 400),
    ("mapped", 300),
    ("json", 400),
    ("pages", 100),
    ("sogou", 150),
    ("gzip", 400),
    ("cleaner", 1000),
    ("wrapper", 300),
    ("query", 400),
];

/// Mutated inputs are kept below this many bytes.
const MAX_LEN: usize = 64 << 10;

/// Tokens worth inserting: structure of the formats and what hygiene must remove.
const TOKENS: &[&[u8]] = &[
    b"\x1b[2J",
    b"\x1b]52;c;",
    b"\x07",
    b"\\u001b",
    b"\\ud800",
    b"\xc2\x9b",
    b"\xe2\x80\x8d",
    b"\xe2\x80\xae",
    b"\r",
    b"\r\n",
    b"\n\n",
    b"\t",
    b"\"title\": \"",
    b"\"body\": [",
    b"\"date\": \"2017-09-06\"",
    b"\"articles\": [",
    b"},{",
    b",,",
    b"<doc>",
    b"</content>",
    b"<url>http://news.sohu.com/20120612/",
    b"---\n",
    b"+++\n",
    b"# ",
    b"```",
    b"<html><body><p>",
    b"<meta charset=\"gbk\">",
    b"<script type=\"application/ld+json\">",
    b"\xe3\x80\x80\xe3\x80\x80",
    b"\xef\xbc\x8c",
    b"\xe2\x80\x94\xe2\x80\x94",
    b"https://",
    b"src:",
    b"date:",
    b"..",
    b" | ",
    b"\"",
    b"\xe2\x80\x9c",
    b"\x1f\x8b\x08\x00",
    b"\xef\xbb\xbf",
];

/// `dir`'s files, by name (none when it does not exist).
fn inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("reading a fuzz input"))
        })
        .filter(|(name, _)| !name.starts_with('.'))
        .collect();
    files.sort();
    files
}

/// A number below `n` (0 when `n` is 0).
fn below(rng: &mut Rand32, n: usize) -> usize {
    if n == 0 {
        0
    } else {
        rng.rand_range(0..u32::try_from(n).unwrap_or(u32::MAX)) as usize
    }
}

/// One to four edits of `input`, with `other` for splices.
fn mutate(rng: &mut Rand32, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + below(rng, 4) {
        let at = below(rng, data.len() + 1);
        match below(rng, 8) {
            0 if !data.is_empty() => {
                let i = below(rng, data.len());
                data[i] ^= 1 << below(rng, 8);
            }
            1 if !data.is_empty() => {
                let i = below(rng, data.len());
                data[i] = b"\0\x1b\x7f\x80\xc2\xe2\xff\n\"{}[],\\<>:"[below(rng, 18)];
            }
            2 => data.truncate(at),
            3 => {
                let end = (at + 1 + below(rng, 64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            4 => {
                let end = (at + 1 + below(rng, 32)).min(data.len());
                let piece = data[at.min(end)..end].to_vec();
                for _ in 0..1 + below(rng, 64) {
                    data.splice(at..at, piece.iter().copied());
                }
            }
            5 if !other.is_empty() => {
                let from = below(rng, other.len());
                let end = (from + 1 + below(rng, 256)).min(other.len());
                data.splice(at..at, other[from..end].iter().copied());
            }
            6 => {
                let token = TOKENS[below(rng, TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            _ => {
                // Keep this input's head and another's tail.
                let from = below(rng, other.len() + 1);
                data.truncate(at);
                data.extend_from_slice(&other[from..]);
            }
        }
        data.truncate(MAX_LEN);
    }
    data
}

thread_local! {
    /// True while this thread runs a target: its panics are caught and reported together,
    /// so the panic hook stays quiet.
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Installs (once) a panic hook that is quiet on a thread running a target and otherwise
/// the default one.
fn quiet_panics_of_targets() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                default(info);
            }
        }));
    });
}

/// Runs `target` on `data`, giving the panic message when it panics.
fn attempt(target: fn(&[u8]), data: &[u8]) -> Result<(), String> {
    quiet_panics_of_targets();
    QUIET.with(|q| q.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| target(data)));
    QUIET.with(|q| q.set(false));
    result.map_err(|panic| {
        panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// Saves a failing input where the report says, and returns that path.
fn save(name: &str, n: usize, data: &[u8]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("fuzz_short");
    std::fs::create_dir_all(&dir).expect("creating the folder of failing inputs");
    let path = dir.join(format!("{name}-{n}"));
    std::fs::write(&path, data).expect("saving a failing input");
    path
}

/// The seeds, the regressions and [`MUTATIONS`] mutations of them through target `name`;
/// fails listing every input that broke a promise.
fn run(name: &str) {
    let target = fuzzing::TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, f)| f)
        .expect("a target of juan::fuzzing");
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let seeds = inputs(&fuzz.join("corpus").join(name));
    let regressions = inputs(&fuzz.join("regressions").join(name));
    assert!(!seeds.is_empty(), "no seed corpus for {name}");
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    for (file, data) in seeds.iter().chain(&regressions) {
        if let Err(message) = attempt(target, data) {
            failures.push(format!("{file}: {message}"));
        }
    }
    let pool: Vec<&[u8]> = seeds
        .iter()
        .chain(&regressions)
        .map(|(_, d)| d.as_slice())
        .collect();
    let seed = name
        .bytes()
        .fold(0x6a75_616e_u64, |h, b| h.rotate_left(8) ^ u64::from(b));
    let mut rng = Rand32::new(seed);
    let mutations = MUTATIONS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(100, |&(_, count)| count);
    for n in 0..mutations {
        let input = pool[below(&mut rng, pool.len())];
        let other = pool[below(&mut rng, pool.len())];
        let data = mutate(&mut rng, input, other);
        if let Err(message) = attempt(target, &data) {
            let path = save(name, n, &data);
            failures.push(format!("mutation {n} ({}): {message}", path.display()));
        }
    }
    eprintln!(
        "{name}: {} seeds, {} regressions, {mutations} mutations in {:.2?}",
        seeds.len(),
        regressions.len(),
        started.elapsed()
    );
    assert!(
        failures.is_empty(),
        "{name}: {} inputs failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn jsonl() {
    run("jsonl");
}

#[test]
fn mapped() {
    run("mapped");
}

#[test]
fn json() {
    run("json");
}

#[test]
fn pages() {
    run("pages");
}

#[test]
fn sogou() {
    run("sogou");
}

#[test]
fn gzip() {
    run("gzip");
}

#[test]
fn cleaner() {
    run("cleaner");
}

#[test]
fn wrapper() {
    run("wrapper");
}

#[test]
fn query() {
    run("query");
}

#[test]
fn every_target_is_run_here() {
    let here = include_str!("fuzz_short.rs");
    for (name, _) in fuzzing::TARGETS {
        assert!(
            here.contains(&format!("fn {name}() {{\n    run(\"{name}\");")),
            "{name}"
        );
        assert!(MUTATIONS.iter().any(|(n, _)| n == name), "{name}");
    }
}

#[test]
fn mutations_are_the_same_every_run() {
    let mutated = || {
        let mut rng = Rand32::new(7);
        (0..50)
            .map(|_| mutate(&mut rng, b"{\"title\": \"x\"}", b"<doc></doc>"))
            .collect::<Vec<_>>()
    };
    assert_eq!(mutated(), mutated());
}
