//! `juan gen` as a whole program: deterministic stdout, `-o` files, gzip by extension, help.

use std::io::Read;
use std::process::Command;

fn juan(args: &[&str]) -> std::process::Output {
    juan_isolated().args(args).output().expect("juan runs")
}

#[test]
fn stdout_is_deterministic_and_reported_on_stderr() {
    let a = juan(&["gen", "40", "--seed", "4"]);
    let b = juan(&["gen", "40", "--seed", "4"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert_eq!(a.stdout.iter().filter(|&&c| c == b'\n').count(), 40);
    let report = String::from_utf8_lossy(&a.stderr);
    assert!(report.contains("wrote 40 articles"), "{report}");
    let other = juan(&["gen", "40", "--seed", "5"]);
    assert_ne!(a.stdout, other.stdout);
}

#[test]
fn output_files_match_stdout_and_gz_means_gzip() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("a.jsonl");
    let gz = dir.path().join("a.jsonl.gz");
    let stdout = juan(&["gen", "25", "--seed", "2"]).stdout;
    assert!(
        juan(&["gen", "25", "--seed", "2", "-o", plain.to_str().unwrap()])
            .status
            .success()
    );
    assert_eq!(std::fs::read(&plain).unwrap(), stdout);
    assert!(
        juan(&["gen", "25", "--seed", "2", "-o", gz.to_str().unwrap()])
            .status
            .success()
    );
    let mut unzipped = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(&gz).unwrap())
        .read_to_end(&mut unzipped)
        .unwrap();
    assert_eq!(unzipped, stdout);
}

#[test]
fn escaped_stdout_is_ascii() {
    let out = juan(&["gen", "10", "--escaped"]);
    assert!(out.status.success());
    assert!(out.stdout.is_ascii() && out.stdout.len() > 1000);
}

#[test]
fn help_has_examples() {
    let out = juan(&["gen", "--help"]);
    let help = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "--seed",
        "--escaped",
        "--gzip",
        "Examples:",
        "juan gen 1000000 -o",
    ] {
        assert!(help.contains(needle), "{needle} missing from\n{help}");
    }
}

/// The bundled sample archive.
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/news.jsonl");

#[test]
fn from_an_archive_writes_records_juan_loads_without_problems() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("text.jsonl");
    let args = ["gen", "300", "--seed", "3", "--from", SAMPLE];
    let run = juan_in(dir.path())
        .args(args)
        .args(["-o", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let report = String::from_utf8_lossy(&run.stderr);
    assert!(report.contains("clauses from 173 articles"), "{report}");
    assert!(report.contains("wrote 300 articles"), "{report}");
    let written = std::fs::read(&out).unwrap();
    let again = juan_in(dir.path()).args(args).output().unwrap();
    assert_eq!(
        again.stdout, written,
        "the same input and seed, the same bytes"
    );
    assert_ne!(written, juan(&["gen", "300", "--seed", "3"]).stdout);

    let check = juan_in(dir.path())
        .args(["check", out.to_str().unwrap()])
        .output()
        .unwrap();
    let checked = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{checked}");
    for line in [
        "articles: 300\n",
        "undated: 0\n",
        "problems: 0\n",
        "skipped: 0\n",
    ] {
        assert!(checked.contains(line), "{line:?} missing from\n{checked}");
    }
    let list = juan_in(dir.path())
        .args(["list", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(list.status.success() && list.stderr.is_empty());
    assert_eq!(list.stdout.iter().filter(|&&b| b == b'\n').count(), 300);
}

#[test]
fn from_a_path_with_nothing_usable_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.jsonl");
    let latin = dir.path().join("latin.txt");
    std::fs::write(
        &latin,
        "Only Latin text here, nothing else.\nA second line.\n",
    )
    .unwrap();
    for path in [&missing, &latin] {
        let out = juan_in(dir.path())
            .args([
                "gen",
                "10",
                "--from",
                SAMPLE,
                "--from",
                path.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty(), "never an archive on a failure");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(path.to_str().unwrap()), "{err}");
    }
}

/// [`juan_isolated`] with the index cache off and the state and cache homes in `dir`.
fn juan_in(dir: &std::path::Path) -> Command {
    let mut c = juan_isolated();
    c.env("JUAN_NO_CACHE", "1")
        .env("XDG_CACHE_HOME", dir.join("cache"))
        .env("XDG_STATE_HOME", dir.join("state"));
    c
}

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}
