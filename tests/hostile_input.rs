//! Odd input from issue 11's row 14, through the real `juan` binary: a query that starts
//! with `-`, JSON Lines separated by lone carriage returns, a small file of bad UTF-8.

use std::process::{Command, Output};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");

fn juan(args: &[&str]) -> Output {
    let cache = tempfile::tempdir().expect("a temporary folder");
    juan_isolated()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("JUAN_ARCHIVE")
        .env("XDG_CACHE_HOME", cache.path())
        .args(args)
        .output()
        .expect("juan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn fixture(name: &str) -> String {
    format!("{FIXTURES}/{name}")
}

/// The ids `juan list` printed, in order.
fn listed_ids(out: &Output) -> Vec<String> {
    text(&out.stdout)
        .lines()
        .map(|line| line.split('\t').next().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn a_query_may_start_with_a_hyphen() {
    let hyphen = fixture("hyphen.jsonl");
    for flag in ["-q", "--query"] {
        let out = juan(&["list", &hyphen, flag, "-1"]);
        assert!(out.status.success(), "{flag}: {}", text(&out.stderr));
        assert_eq!(listed_ids(&out), ["h1"], "{flag}");
    }
    // The query is the value even when paths come after it.
    let out = juan(&["list", "-q", "-1℃", &hyphen]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(listed_ids(&out), ["h1"]);
    // A date written with a leading `-` is an error that says how to write "up to".
    let out = juan(&["list", &hyphen, "-q", "date:-9999"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("for a range up to a date write ..9999"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_small_file_of_damaged_utf8_is_reported_not_read_as_gb18030() {
    // One record, UTF-8 with a byte lost: GB18030 decodes it without an error, as mojibake
    // (`暱鏄ユ棩...`), which was loaded in silence.
    let bad = fixture("bad-utf8.jsonl");
    let out = juan(&["check", &bad]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("bad-utf8.jsonl:1: invalid UTF-8"),
        "{report}"
    );
    let out = juan(&["list", &bad]);
    assert_eq!(text(&out.stdout), "");
}

#[test]
fn a_file_that_reads_as_neither_utf8_nor_chinese_is_reported() {
    // Latin-1: `Zürich` is `Z黵ich` in GB18030, with no byte left undecoded.
    let out = juan(&["check", &fixture("latin1.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("latin1.txt: not UTF-8, and read as GB18030 it does not look like"),
        "{report}"
    );
}

#[test]
fn json_lines_separated_by_lone_carriage_returns_all_load() {
    let out = juan(&["list", "--oldest-first", &fixture("cr.jsonl")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(listed_ids(&out), ["c1", "c2", "c3"]);
    // A file big enough to be read from a memory map in parallel pieces.
    let folder = tempfile::tempdir().unwrap();
    let big = folder.path().join("big-cr.jsonl");
    let records: String = (0..20_000)
        .map(|i| format!("{{\"id\":\"r{i}\",\"title\":\"第{i}条消息\",\"body\":\"正文{i}\"}}\r"))
        .collect();
    assert!(records.len() > 1 << 20);
    std::fs::write(&big, records).unwrap();
    let out = juan(&["check", big.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).starts_with("articles: 20000\n"),
        "{}",
        text(&out.stdout)
    );
}

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}
