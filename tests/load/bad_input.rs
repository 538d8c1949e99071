//! Bad input, each reported once as `FILE:LINE: reason` while the rest loads: malformed
//! JSON, records without titles, undecodable bytes, nesting too deep, truncated gzip,
//! missing, unreadable and binary files, dangling links and link loops.

use super::{fixture, gzip, load, load_written, problems};
use juan::Date;

#[test]
fn gb18030_with_bad_bytes_warns_once() {
    let (bytes, _, _) = encoding_rs::GB18030.encode("标题\n第一段\n第二段\n");
    let mut bytes = bytes.into_owned();
    bytes.splice(14..14, [0x81, 0x20]); // a lead byte with no valid trail, on line 3
    let (a, path) = load_written("broken-gb.txt", &bytes);
    assert_eq!(
        problems(&a),
        [format!(
            "{path}:3: invalid GB18030 on 1 line; bytes replaced with U+FFFD"
        )]
    );
    assert_eq!(a.articles.len(), 1);
    assert!(a.articles[0].body.text().contains('\u{FFFD}'));
}

#[test]
fn truncated_gzip_keeps_what_decoded_and_reports_once() {
    let data: String = (0..3000)
        .map(|i| format!("{{\"id\":\"{i}\",\"title\":\"标题{i}\"}}\n"))
        .collect();
    let full = gzip(data.as_bytes());
    let (a, path) = load_written("cut.jsonl.gz", &full[..full.len() / 2]);
    let kept = a.articles.len();
    assert!(kept > 100 && kept < 3000, "kept {kept}");
    assert_eq!(
        problems(&a),
        [format!("{path}:{}: gzip stream is truncated", kept + 1)]
    );
    assert_eq!(a.articles[kept - 1].id, (kept - 1).to_string());
}

#[test]
fn broken_jsonl_each_problem_once_rest_loads() {
    let path = fixture("bad/broken.jsonl");
    let a = load(&[&path]);
    let p = path.display();
    assert_eq!(
        problems(&a),
        [
            format!("{p}:2: invalid JSON: expected `,` or `}}` at column 15"),
            format!("{p}:3: record has no title"),
            format!("{p}:4: invalid UTF-8"),
            format!("{p}:5: JSON nested too deep"),
            format!("{p}:9: record is not a JSON object"),
            format!("{p}:10: invalid JSON: EOF while parsing a string at column 14"),
        ]
    );
    let titles: Vec<&str> = a.articles.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["第一条", "日期不明", "最后一条"]);
    assert_eq!(a.articles[1].date, Date::Unparsed("上周三".into()));
    assert_eq!(
        (a.articles[2].date.display(), a.articles[2].source.as_str()),
        ("2017-09-07".to_string(), "测试")
    );
}

#[test]
fn missing_unreadable_empty_and_binary() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.jsonl");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").unwrap();
    let binary = dir.path().join("blob.bin");
    std::fs::write(&binary, b"\x00\x01\x02PNG").unwrap();
    let a = load(&[&missing, &empty, &binary]);
    assert!(a.articles.is_empty());
    assert_eq!(
        problems(&a),
        [
            format!(
                "{}: cannot read: no such file or directory",
                missing.display()
            ),
            format!("{}: skipped: empty file", empty.display()),
            format!(
                "{}: skipped: binary data, not a news archive",
                binary.display()
            ),
        ]
    );
}

#[test]
fn dangling_link_in_a_folder_is_reported_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), "{\"title\":\"留下\"}\n").unwrap();
    let link = dir.path().join("b.jsonl");
    std::os::unix::fs::symlink(dir.path().join("gone.jsonl"), &link).unwrap();
    let a = load(&[dir.path()]);
    assert_eq!(a.articles.len(), 1);
    assert_eq!(
        problems(&a),
        [format!(
            "{}: cannot read: no such file or directory",
            link.display()
        )]
    );
}

#[test]
fn unreadable_file_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.jsonl");
    std::fs::write(&locked, "{\"title\":\"x\"}\n").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let a = load(&[&locked]);
    if std::fs::read(&locked).is_ok() {
        // Running with privileges that ignore file modes (root): the file is readable.
        assert_eq!(a.articles.len(), 1);
    } else {
        assert_eq!(
            problems(&a),
            [format!(
                "{}: cannot read: permission denied",
                locked.display()
            )]
        );
    }
    let dir_a = load(&[dir.path()]);
    assert!(dir_a.problems.len() <= 1);
}

#[test]
fn symlink_loop_is_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.jsonl"), "{\"title\":\"一次\"}\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    let a = load(&[dir.path()]);
    assert_eq!(a.articles.len(), 1);
}

#[test]
fn read_error_after_open_is_reported() {
    // Fails for every user, root included: reading offset 0 of one's own memory file.
    let mem = std::path::Path::new("/proc/self/mem");
    if !mem.exists() {
        return;
    }
    let a = load(&[mem]);
    assert!(a.articles.is_empty());
    assert_eq!(
        problems(&a),
        ["/proc/self/mem: cannot read: input/output error"]
    );
}
