//! The real `juan` binary on archives in the shapes scraped news comes in, laid out in a
//! temporary folder as users keep them: every file not loaded is named with why, dates come
//! from paths, copies fold and id clashes are reported, and `check`'s exit code says so.

use std::path::Path;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    juan_isolated()
        .args(args)
        .env_remove("JUAN_ARCHIVE")
        .env("JUAN_NO_CACHE", "1")
        .output()
        .expect("juan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("output is UTF-8")
}

fn write(dir: &Path, name: &str, content: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, content).unwrap();
}

/// A People's Daily page: kicker, headline, subtitle, then indented paragraphs.
const PAGE: &str = "庆祝中华人民共和国成立70周年——\r\n国庆假期首日全国铁路发送旅客一千五百万人次\r\n\
    \r\n　　本报北京10月1日电　记者从国铁集团获悉，国庆假期首日，全国铁路发送旅客一千五百余万人次。\r\n";

#[test]
fn a_folder_names_every_file_it_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "rmrb/20191001/20191001-01-02.txt", PAGE.as_bytes());
    write(
        d,
        "rmrb/README.txt",
        "人民日报文本，每版每篇一个文件。\n".as_bytes(),
    );
    write(d, "rmrb/LICENSE", b"MIT\n");
    write(d, "rmrb/cover.png", b"\x89PNG\r\n\x1a\n\0\0");
    write(
        d,
        "rmrb/notes-2019.md",
        "# 备忘\n\n下周整理十月。\n".as_bytes(),
    );
    write(d, "rmrb/.git/HEAD", b"ref: refs/heads/main\n");
    write(d, "rmrb/empty.txt", b"");
    write(d, "rmrb/blob", b"\0\0\0\x01binary");
    let root = d.join("rmrb");
    let out = run(&["check", root.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let shown = |name: &str| root.join(name).display().to_string();
    let skipped = [
        format!("{}: skipped: hidden", shown(".git")),
        format!(
            "{}: skipped: not an article: LICENSE is a project file",
            shown("LICENSE")
        ),
        format!(
            "{}: skipped: not an article: README is a project file",
            shown("README.txt")
        ),
        format!(
            "{}: skipped: binary data, not a news archive",
            shown("blob")
        ),
        format!(
            "{}: skipped: not an archive type (.png)",
            shown("cover.png")
        ),
        format!("{}: skipped: empty file", shown("empty.txt")),
        format!(
            "{}: skipped: not an article: notes-2019 is a project file",
            shown("notes-2019.md")
        ),
    ];
    let want = format!(
        "articles: 1\nsources: 1\ndates: 2019-10-01 .. 2019-10-01\nundated: 0\ncopies folded: 0\n\
         ids shared by different articles: 0\nproblems: 0\nskipped: 7\n{}\n",
        skipped.join("\n")
    );
    assert_eq!(stdout, want);
    // The page: its headline is the title, the day comes from its folder and file name.
    let listed = text(&run(&["list", root.to_str().unwrap()]).stdout);
    let fields: Vec<&str> = listed.trim_end().split('\t').collect();
    assert_eq!(
        &fields[1..],
        [
            "2019-10-01",
            "",
            "国庆假期首日全国铁路发送旅客一千五百万人次"
        ]
    );
}

#[test]
fn check_exits_1_when_nothing_loaded() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "README.md",
        "# 说明\n\n这里放新闻。\n".as_bytes(),
    );
    let out = run(&["check", dir.path().to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("articles: 0\n"), "{stdout}");
    assert!(stdout.ends_with("nothing loaded\n"), "{stdout}");
}

#[test]
fn copies_fold_and_clashing_ids_are_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let day1 = "{\"id\": \"a1\", \"title\": \"国庆\", \"date\": \"2019-10-01\", \"body\": \"正文\"}\n\
                {\"id\": \"a2\", \"title\": \"阅兵\", \"date\": \"2019-10-01\", \"body\": \"正文\"}\n";
    // The same two records scraped again (one with a corrected body), and another article
    // under id a2.
    let day2 = "{\"id\": \"a1\", \"title\": \"国庆\", \"date\": \"2019-10-01\", \"body\": \"正文\"}\n\
                {\"id\": \"a2\", \"title\": \"阅兵\", \"date\": \"2019-10-01\", \"body\": \"更正\"}\n\
                {\"id\": \"a2\", \"title\": \"烟花\", \"date\": \"2019-10-02\", \"body\": \"正文\"}\n";
    write(d, "day1.jsonl", day1.as_bytes());
    write(d, "day2.jsonl", day2.as_bytes());
    let out = run(&["check", d.to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.starts_with("articles: 3\n"), "{stdout}");
    assert!(stdout.contains("copies folded: 2\n"), "{stdout}");
    assert!(
        stdout.contains("ids shared by different articles: 1\n  a2 ×2\n"),
        "{stdout}"
    );
    // Records without ids: the same text gets the same id, so a second load of one file
    // folds; different bodies under one headline are different articles.
    let plain = "{\"title\": \"本版责编\", \"body\": \"第一篇\"}\n{\"title\": \"本版责编\", \"body\": \"第二篇\"}\n";
    write(d, "plain/a.jsonl", plain.as_bytes());
    write(d, "plain/b.jsonl", plain.as_bytes());
    let out = run(&["check", d.join("plain").to_str().unwrap()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("articles: 2\n"), "{stdout}");
    assert!(stdout.contains("copies folded: 2\n"), "{stdout}");
}

#[test]
fn dates_with_an_offset_are_shown_and_matched_in_one_zone() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("z.jsonl");
    std::fs::write(
        &file,
        "{\"title\": \"深夜\", \"date\": \"2021-05-17T17:30:00Z\"}\n\
         {\"title\": \"一天\", \"date\": \"2021-05-18\"}\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let list = |args: &[&str]| {
        let mut all = vec!["list", f];
        all.extend_from_slice(args);
        text(&run(&all).stdout)
            .lines()
            .map(|l| {
                let fields: Vec<&str> = l.split('\t').collect();
                format!("{} {}", fields[1], fields[3])
            })
            .collect::<Vec<_>>()
    };
    // China Standard Time: 17:30 UTC is 01:30 the next day, and date: agrees.
    assert_eq!(list(&[]), ["2021-05-18 01:30 深夜", "2021-05-18 一天"]);
    assert_eq!(
        list(&["-q", "date:2021-05-18"]),
        ["2021-05-18 01:30 深夜", "2021-05-18 一天"]
    );
    // In UTC the instant is on the 17th; the day alone stays the 18th.
    assert_eq!(
        list(&["--tz", "UTC"]),
        ["2021-05-18 一天", "2021-05-17 17:30 深夜"]
    );
    assert_eq!(
        list(&["--tz", "UTC", "-q", "date:2021-05-17"]),
        ["2021-05-17 17:30 深夜"]
    );
    assert_eq!(
        list(&["--tz", "UTC", "-q", "date:2021-05-18"]),
        ["2021-05-18 一天"]
    );
}

#[test]
fn import_turns_every_format_into_json_lines_that_list_the_same() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["html", "markdown", "pages/rmrb", "records", "good"] {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(folder);
        let from = from.to_str().unwrap();
        let to = dir.path().join(folder.replace('/', "-") + ".jsonl");
        let to = to.to_str().unwrap();
        // (The Markdown fixtures hold a file of bad YAML on purpose: import says so, exit 1.)
        let out = run(&["import", from, "-o", to]);
        let want = if folder == "markdown" { 1 } else { 0 };
        assert_eq!(
            out.status.code(),
            Some(want),
            "{folder}: {}",
            text(&out.stderr)
        );
        let listed = |path: &str| text(&run(&["list", path]).stdout);
        let original = listed(from);
        assert!(original.lines().count() >= 4, "{folder}: {original}");
        assert_eq!(listed(to), original, "{folder}");
    }
}

#[test]
fn import_never_overwrites_an_input_even_through_a_hard_link() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("page.txt");
    std::fs::write(&page, "标题\n\n　　正文第一段，内容足够长。\n").unwrap();
    let before = std::fs::read(&page).unwrap();
    let hard = dir.path().join("hard.jsonl");
    std::fs::hard_link(&page, &hard).unwrap();
    let out = run(&[
        "import",
        page.to_str().unwrap(),
        "-o",
        hard.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("refusing to overwrite an input archive"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read(&page).unwrap(), before);
    // The same through a folder given as the input.
    let out = run(&[
        "import",
        dir.path().to_str().unwrap(),
        "-o",
        hard.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&page).unwrap(), before);
}

#[test]
fn a_hostile_file_name_never_reaches_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "x\u{1b}]52;c;SGVsbG8=\u{7}\u{1b}[2J.png";
    write(dir.path(), evil, b"\x89PNG");
    write(dir.path(), "bad\u{9b}2J.jsonl", b"{not json\n");
    for command in ["check", "list", "import"] {
        let out = run(&[command, dir.path().to_str().unwrap()]);
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let shown = String::from_utf8_lossy(bytes);
            assert!(
                !shown
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "{command} {stream}: {shown:?}"
            );
        }
        let all = text(&out.stdout) + &text(&out.stderr);
        assert!(
            all.contains("x\\u{1b}]52;c;SGVsbG8=\\u{7}\\u{1b}[2J.png"),
            "{command}: the name is shown, escaped: {all}"
        );
    }
}

#[test]
fn a_fifo_given_as_an_archive_is_read_once_and_whole() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("feed.jsonl");
    let c_path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o600) }, 0);
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        std::fs::write(
            writer_path,
            "{\"title\": \"甲\", \"date\": \"2019-10-01\"}\n{\"title\": \"乙\", \"date\": \"2019-10-02\"}\n",
        )
        .unwrap();
    });
    let out = run(&["list", fifo.to_str().unwrap()]);
    writer.join().unwrap();
    let titles: Vec<String> = text(&out.stdout)
        .lines()
        .map(|l| l.split('\t').nth(3).unwrap_or("").to_string())
        .collect();
    assert_eq!(titles, ["乙", "甲"], "{}", text(&out.stderr));
}

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}
