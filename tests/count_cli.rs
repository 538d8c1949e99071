//! `juan count` end to end: the real binary over `tests/fixtures/count/articles.jsonl`, whose
//! counts per year are known (2015: 2, 2016: 0, 2017: 1, 2018: 0, 2019: 2, and two undated
//! articles): empty periods inside the span, `-q`, `--by month|day`, `--json`, `--tz`, the
//! default archive, no match (nothing printed, exit 0) and an unreadable path (exit 1).

use std::process::{Command, Output};

const ARCHIVE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/count/articles.jsonl"
);

fn juan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    // A config file of the user's own must not change what the tests see.
    c.env("JUAN_CONFIG", "/dev/null")
        .env_remove("JUAN_ARCHIVE")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn count(args: &[&str]) -> Output {
    juan()
        .arg("count")
        .arg(ARCHIVE)
        .args(args)
        .output()
        .expect("juan runs")
}

fn stdout(out: &Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 errors")
}

#[test]
fn every_year_from_the_first_to_the_last_zeros_included() {
    let out = count(&[]);
    assert_eq!(
        stdout(&out),
        "2015\t2\n2016\t0\n2017\t1\n2018\t0\n2019\t2\n"
    );
    // One article has no date, one a date juan cannot read: in no year, and said so.
    assert_eq!(stderr(&out), "juan: 2 undated matches not counted\n");
    assert_eq!(stdout(&count(&["--by", "year"])), stdout(&out));
}

#[test]
fn a_query_counts_its_matches_only() {
    let out = count(&["-q", "改革开放"]);
    assert_eq!(
        stdout(&out),
        "2015\t1\n2016\t0\n2017\t1\n2018\t0\n2019\t1\n"
    );
    assert_eq!(stderr(&out), "juan: 2 undated matches not counted\n");
    // From the first match's year to the last's, not the archive's.
    let out = count(&["-q", "date:2019"]);
    assert_eq!(stdout(&out), "2019\t2\n");
    assert_eq!(stderr(&out), "", "no undated match, no message");
}

#[test]
fn months_and_days() {
    let months = stdout(&count(&["--by", "month"]));
    let lines: Vec<&str> = months.lines().collect();
    assert_eq!(lines.len(), 4 * 12 + 1, "2015-03 to 2019-03");
    assert_eq!(lines[..3], ["2015-03\t2", "2015-04\t0", "2015-05\t0"]);
    assert!(lines.contains(&"2017-01\t1"));
    assert_eq!(lines.last(), Some(&"2019-03\t2"));
    let total: u32 = lines
        .iter()
        .map(|l| l.split('\t').nth(1).unwrap().parse::<u32>().unwrap())
        .sum();
    assert_eq!(total, 5);

    let days = stdout(&count(&["--by", "day", "-q", "date:2015"]));
    let lines: Vec<&str> = days.lines().collect();
    assert_eq!(lines.len(), 19, "2015-03-02 to 2015-03-20");
    assert_eq!(lines[0], "2015-03-02\t1");
    assert_eq!(lines[1], "2015-03-03\t0");
    assert_eq!(lines[18], "2015-03-20\t1");
    // A day written alone and an instant of the same day share it.
    assert_eq!(
        stdout(&count(&["--by", "day", "-q", "date:2019"])),
        "2019-03-07\t2\n"
    );
}

#[test]
fn periods_are_those_of_the_display_zone() {
    // 2016-12-31T20:00:00Z is 2017-01-01 04:00 in China Standard Time.
    assert_eq!(
        stdout(&count(&["--tz", "UTC"])),
        "2015\t2\n2016\t1\n2017\t0\n2018\t0\n2019\t2\n"
    );
    assert_eq!(
        stdout(&count(&["--tz", "UTC", "--by", "day", "-q", "新年"])),
        "2016-12-31\t1\n"
    );
    assert_eq!(
        stdout(&count(&["--by", "day", "-q", "新年"])),
        "2017-01-01\t1\n"
    );
}

#[test]
fn json_lines_as_juan_list_writes() {
    let out = count(&["-q", "改革开放", "--json"]);
    let text = stdout(&out);
    assert_eq!(
        text,
        "{\"period\":\"2015\",\"count\":1}\n{\"period\":\"2016\",\"count\":0}\n\
         {\"period\":\"2017\",\"count\":1}\n{\"period\":\"2018\",\"count\":0}\n\
         {\"period\":\"2019\",\"count\":1}\n"
    );
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(v["period"].is_string() && v["count"].is_u64(), "{line}");
    }
    assert_eq!(stderr(&out), "juan: 2 undated matches not counted\n");
}

#[test]
fn no_match_prints_nothing_and_succeeds() {
    let out = count(&["-q", "量子计算机"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "");
    assert_eq!(stdout(&count(&["-q", "量子计算机", "--json"])), "");
    // Matches that are all undated: nothing to print, and the stderr note.
    let out = count(&["-q", "图片展"]);
    assert_eq!(stdout(&out), "");
    assert_eq!(stderr(&out), "juan: 1 undated match not counted\n");
}

#[test]
fn the_default_archive_and_errors_as_list_has_them() {
    let out = juan()
        .args(["count", "--by", "year"])
        .env("JUAN_ARCHIVE", ARCHIVE)
        .output()
        .expect("juan runs");
    assert_eq!(stdout(&out), stdout(&count(&[])));

    let out = juan()
        .args(["count", "/no/such/archive.jsonl"])
        .output()
        .expect("juan runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        stderr(&out).contains("/no/such/archive.jsonl"),
        "{}",
        stderr(&out)
    );

    let out = count(&["--by", "week"]);
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
    assert!(stderr(&out).contains("week"), "{}", stderr(&out));
}
