//! `juan cite` as a script runs it: the three forms for the seed article and for records with
//! and without author, date, source and URL (`tests/fixtures/cite/news.jsonl`), the order of
//! the ids, and an unknown id (named on stderr, exit 1, the others still cited). The accessed
//! date is today in China Standard Time, so the expectations are made with it.

use std::process::{Command, Output};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/000_618211eec43b155d.txt"
);
const SEED_ID: &str = "1813adf16dc74ae9";
const NEWS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/cite/news.jsonl"
);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juan"))
        .args(args)
        .env("JUAN_CONFIG", "/dev/null")
        .env_remove("JUAN_ARCHIVE")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("juan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Today in UTC+8 as `YYYY-MM-DD`, and as `[y, m, d]` for CSL-JSON.
fn today() -> (String, [i32; 3]) {
    let offset = jiff::tz::Offset::from_seconds(8 * 3600).unwrap();
    let d = offset.to_datetime(jiff::Timestamp::now()).date();
    (
        format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        [d.year().into(), d.month().into(), d.day().into()],
    )
}

/// Runs `args`, checking the output against `expected(today)`; the day is read before and
/// after, so a run across midnight still passes.
fn check(args: &[&str], expected: impl Fn(&str, [i32; 3]) -> String) -> Output {
    let before = today();
    let out = run(args);
    let after = today();
    let stdout = text(&out.stdout);
    let want = expected(&before.0, before.1);
    if stdout != want {
        assert_eq!(stdout, expected(&after.0, after.1), "{}", text(&out.stderr));
    }
    out
}

#[test]
fn gbt7714_is_the_default_and_leaves_out_what_is_unknown() {
    let ids = [
        "ccrb-20170912-1",
        "jb-2024121501",
        "wx-undated-7",
        "site-42",
        "bare-1",
    ];
    let mut args = vec!["cite"];
    args.extend(ids);
    args.extend(["--archive", NEWS]);
    let out = check(&args, |today, _| {
        format!(
            "王明, 李红. 长春市人大常委会审议《长春市城市绿化条例（修订草案）》[N/OL]. 长春日报, \
             2017-09-12[{today}]. http://www.ccrb.example.cn/2017-09/12/content_1006.htm.\n\
             北京地铁多条新线开通 轨道交通运营里程超过870公里[N]. 京北晚报, 2024-12-15.\n\
             赵一, 钱二, 孙三, 等. 老街坊说变迁：一条胡同的四十年[N]. 城南周刊.\n\
             R&D 投入增长 12% 的背后[N/OL]. news.example.org, 2023-03-01[{today}]. \
             https://news.example.org/a/42?x=1&y=2.\n\
             无题札记[N].\n"
        )
    });
    assert!(out.status.success());
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
}

#[test]
fn the_seed_article_in_all_three_forms() {
    let gbt = run(&["cite", SEED_ID, "--archive", SEED, "--format", "gbt7714"]);
    assert_eq!(
        text(&gbt.stdout),
        "中共长春市委人大工作会议召开[N]. 长春日报, 2017-09-06.\n"
    );
    let csl = run(&["cite", SEED_ID, "--archive", SEED, "--format", "csl-json"]);
    assert_eq!(
        text(&csl.stdout),
        "[\n  {\n    \"container-title\": \"长春日报\",\n    \"id\": \"1813adf16dc74ae9\",\n    \
         \"issued\": {\n      \"date-parts\": [\n        [\n          2017,\n          9,\n          \
         6\n        ]\n      ]\n    },\n    \"title\": \"中共长春市委人大工作会议召开\",\n    \
         \"type\": \"article-newspaper\"\n  }\n]\n"
    );
    let bib = run(&["cite", SEED_ID, "--archive", SEED, "--format", "bibtex"]);
    assert_eq!(
        text(&bib.stdout),
        "@article{2017-1813adf1,\n  title = {中共长春市委人大工作会议召开},\n  \
         journaltitle = {长春日报},\n  date = {2017-09-06},\n}\n"
    );
    for out in [gbt, csl, bib] {
        assert!(out.status.success());
    }
}

#[test]
fn csl_json_is_one_array_of_every_item_in_order() {
    let out = check(
        &[
            "cite",
            "site-42",
            "ccrb-20170912-1",
            "--format",
            "csl-json",
            "--archive",
            NEWS,
        ],
        |today, [y, m, d]| {
            let items = serde_json::json!([
                {
                    "id": "site-42",
                    "type": "article-newspaper",
                    "title": "R&D 投入增长 12% 的背后",
                    "container-title": "news.example.org",
                    "issued": {"date-parts": [[2023, 3, 1]]},
                    "URL": "https://news.example.org/a/42?x=1&y=2",
                    "accessed": {"date-parts": [[y, m, d]]},
                },
                {
                    "id": "ccrb-20170912-1",
                    "type": "article-newspaper",
                    "title": "长春市人大常委会审议《长春市城市绿化条例（修订草案）》",
                    "container-title": "长春日报",
                    "author": [{"literal": "王明"}, {"literal": "李红"}],
                    "issued": {"date-parts": [[2017, 9, 12]]},
                    "URL": "http://www.ccrb.example.cn/2017-09/12/content_1006.htm",
                    "accessed": {"date-parts": [[y, m, d]]},
                },
            ]);
            let _ = today;
            serde_json::to_string_pretty(&items).unwrap() + "\n"
        },
    );
    assert!(out.status.success());
}

#[test]
fn bibtex_entries_are_separated_by_a_blank_line() {
    let out = check(
        &[
            "cite",
            "wx-undated-7",
            "site-42",
            "--format",
            "bibtex",
            "--archive",
            NEWS,
        ],
        |today, _| {
            format!(
                "@article{{wxundate,\n  title = {{老街坊说变迁：一条胡同的四十年}},\n  \
                 author = {{{{赵一}} and {{钱二}} and {{孙三}} and {{李四}}}},\n  \
                 journaltitle = {{城南周刊}},\n}}\n\n\
                 @article{{newsexampleorg-2023-site42,\n  \
                 title = {{R\\&D 投入增长 12\\% 的背后}},\n  \
                 journaltitle = {{news.example.org}},\n  date = {{2023-03-01}},\n  url = {{https://news.example.org/a/42?x=1&y=2}},\n  \
                 urldate = {{{today}}},\n}}\n"
            )
        },
    );
    assert!(out.status.success());
}

#[test]
fn an_unknown_id_is_named_and_the_others_still_cited() {
    let out = run(&["cite", "jb-2024121501", "no-such-id", "--archive", NEWS]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "北京地铁多条新线开通 轨道交通运营里程超过870公里[N]. 京北晚报, 2024-12-15.\n"
    );
    assert_eq!(
        text(&out.stderr),
        "juan: no article with id \"no-such-id\" (see `juan list` for ids)\n"
    );
}

#[test]
fn archives_repeat_and_an_id_is_required() {
    let out = run(&[
        "cite",
        SEED_ID,
        "jb-2024121501",
        "--archive",
        SEED,
        "--archive",
        NEWS,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 2);
    let none = run(&["cite", "--archive", NEWS]);
    assert_eq!(none.status.code(), Some(2), "clap's usage error");
}
