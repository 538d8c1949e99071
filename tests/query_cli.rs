//! `juan list -q` end to end: the binary over a JSON Lines archive written by the test, the
//! seed article among others; query errors on stderr with a non-zero exit.

use std::io::Write;
use std::process::{Command, Output};

/// The seed page plus articles each acceptance query must leave out.
const ARCHIVE: &str = r#"{"title":"中共长春市委人大工作会议召开","source":"长春日报","date":"2017-09-06 09:11","body":"9月5日，中共长春市委人大工作会议召开。"}
{"title":"政协委员视察长春人大工作","source":"新华社","date":"2018-03-05","body":"视察。"}
{"title":"ＶＩＰ会员２０１２年特惠","source":"搜狐","date":"2012-07-06","body":"特惠。"}
{"title":"市人大常委会召开第十次会议","source":"人民日报","date":"2017-08-01","body":"会议。"}
"#;

const SEED: &str = "中共长春市委人大工作会议召开";

fn archive() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .expect("temporary file");
    file.write_all(ARCHIVE.as_bytes()).expect("write archive");
    file
}

fn list(file: &tempfile::NamedTempFile, args: &[&str]) -> Output {
    juan_isolated()
        .arg("list")
        .arg(file.path())
        .args(args)
        .output()
        .expect("run juan")
}

/// The titles `juan list -q QUERY` prints (the fourth tab-separated column), in order.
fn titles(file: &tempfile::NamedTempFile, query: &str) -> Vec<String> {
    let out = list(file, &["-q", query]);
    assert!(out.status.success(), "{query}: {out:?}");
    String::from_utf8(out.stdout)
        .expect("UTF-8 output")
        .lines()
        .map(|l| l.split('\t').nth(3).expect("four columns").to_string())
        .collect()
}

#[test]

fn the_seed_acceptance_queries() {
    let file = archive();
    for query in [
        "ccsw",
        "src:长春 date:2017-09",
        "人大 !政协",
        "after:2017-09-01 before:2017-09-30",
    ] {
        assert!(
            titles(&file, query).iter().any(|t| t == SEED),
            "{query:?} should list the seed"
        );
    }
    for query in ["date:2018", "!长春"] {
        assert!(
            !titles(&file, query).iter().any(|t| t == SEED),
            "{query:?} should not list the seed"
        );
    }
    assert_eq!(titles(&file, "src:长春 date:2017-09"), [SEED]);
    assert_eq!(titles(&file, "ＶＩＰ"), ["ＶＩＰ会员２０１２年特惠"]);
    assert_eq!(titles(&file, "").len(), 4);
}

#[test]

fn json_adds_positions_only_with_a_query() {
    let file = archive();
    let out = list(&file, &["-q", "ccrd src:长春", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["title"], SEED);
    assert_eq!(lines[0]["positions"], serde_json::json!([2, 3, 6, 7]));
    let out = list(&file, &["--json", "--limit", "1"]);
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().trim()).unwrap();
    assert!(first.get("positions").is_none(), "{first}");
    assert_eq!(first["title"], "政协委员视察长春人大工作");
}

#[test]
fn query_errors_go_to_stderr_with_a_failing_exit() {
    let file = archive();
    for (query, message) in [
        ("date:2017-13", "juan: query: month 13 is out of range"),
        ("foo:bar", "juan: query: unknown field `foo:`"),
        ("a |", "juan: query: empty OR"),
        ("\"open", "juan: query: unclosed quote"),
    ] {
        let out = list(&file, &["-q", query]);
        assert_eq!(out.status.code(), Some(1), "{query:?}");
        assert!(out.stdout.is_empty(), "{query:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.starts_with(message), "{query:?}: {stderr}");
    }
}

#[test]
fn list_help_documents_the_syntax() {
    let out = juan_isolated()
        .args(["list", "--help"])
        .output()
        .expect("run juan");
    let help = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "Query syntax",
        "src:",
        "date:2017-09-01..2017-09-30",
        "ccrb",
        "!政协",
    ] {
        assert!(help.contains(needle), "missing {needle:?} in:\n{help}");
    }
}

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}

/// `is:` and `label:` read the marks `juan mark` stored (in a state folder of the test's own),
/// by id, combined with other terms; `juan list` never creates the state file.
#[test]
fn marks_terms_read_what_juan_mark_stored() {
    let file = archive();
    let state = tempfile::tempdir().expect("state folder");
    let run = |args: &[&str]| {
        let out = juan_isolated()
            .env("XDG_STATE_HOME", state.path())
            .env_remove("JUAN_NO_STATE")
            .args(args)
            .output()
            .expect("run juan");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("UTF-8 output")
    };
    let path = file.path().to_str().expect("UTF-8 path");
    let listed = |query: &str| -> Vec<String> {
        run(&["list", path, "-q", query])
            .lines()
            .map(|l| l.split('\t').nth(3).unwrap_or_default().to_string())
            .collect()
    };
    // Nothing stored yet: every article is unread, and listing wrote nothing.
    assert_eq!(listed("is:unread").len(), 4);
    assert!(listed("is:starred").is_empty());
    assert!(
        !state.path().join("juan").exists(),
        "juan list created state"
    );
    let ids: Vec<String> = run(&["list", path, "-q", "人大"])
        .lines()
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 3);
    run(&["mark", &ids[0], "--star", "--label", "第三章"]);
    run(&["mark", &ids[1], "--read", "--label", "第三章"]);
    let first = listed(&format!("'{}", titles(&file, "人大")[0]));
    assert_eq!(listed("is:starred"), first);
    assert_eq!(listed("label:第三章").len(), 2);
    assert_eq!(listed("label:第三章 !is:read"), first);
    assert_eq!(listed("is:read").len(), 1);
    assert_eq!(listed("is:unread").len(), 3);
    assert!(listed("label:第四章").is_empty());
    // `juan count` reads the same marks.
    assert_eq!(
        run(&["count", path, "-q", "label:第三章"])
            .lines()
            .map(|l| l.split('\t').nth(1).unwrap().parse::<usize>().unwrap())
            .sum::<usize>(),
        2
    );
}
