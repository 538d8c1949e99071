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

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}
