//! What juan remembers, through the real binary in a pseudo-terminal (issue 15): the place in
//! an article and the last session survive quitting; a read mark, a star and a label set in
//! the interface are what `juan list -q is:…`/`label:…` find; `--fresh` starts clean; a state
//! folder juan cannot write leaves it working, with a notice.
//!
//! Each test writes its archive into a temporary folder and keeps its state in another
//! (`XDG_STATE_HOME`), shared by the runs of that test only.

#[allow(dead_code)]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::pty::Pty;

/// Three articles of 40 numbered paragraphs each; newest first they list 第三篇, 第二篇, 第一篇.
fn archive(dir: &Path) -> PathBuf {
    let mut text = String::new();
    for (n, (id, name)) in [("a1", "第一篇"), ("a2", "第二篇"), ("a3", "第三篇")]
        .iter()
        .enumerate()
    {
        let body: Vec<String> = (1..=40)
            .map(|p| format!("{name}第{p}段：这一段讲的是城市建设与人民生活，足够长以便折行。"))
            .collect();
        text.push_str(&format!(
            "{{\"id\":\"{id}\",\"title\":\"{name}：长春市人大工作会议\",\"date\":\"2020-0{}-01\",\"source\":\"长春日报\",\"body\":{:?}}}\n",
            n + 1,
            body.join("\n")
        ));
    }
    let path = dir.join("news.jsonl");
    std::fs::write(&path, text).unwrap();
    path
}

/// `juan ARGS` in a 120 × 30 terminal with its state in `state`.
fn spawn(state: &Path, args: &[&str]) -> Pty {
    let mut cmd = portable_pty::CommandBuilder::new(env!("CARGO_BIN_EXE_juan"));
    cmd.args(args);
    cmd.env("XDG_STATE_HOME", state);
    cmd.env_remove("JUAN_NO_STATE");
    Pty::spawn_command(cmd, 120, 30)
}

/// The first row of the screen showing a paragraph (`…第N段：…`), from the paragraph number on.
fn first_paragraph(pty: &Pty) -> String {
    pty.rows()
        .iter()
        .find_map(|row| {
            let at = row.find("第")?;
            let rest = &row[at..];
            rest.contains("段：")
                .then(|| rest.trim_end_matches([' ', '│']).to_string())
        })
        .unwrap_or_default()
}

/// Quits with Ctrl-c and waits for juan to exit 0.
fn quit(pty: &mut Pty) {
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0, "{}", pty.screen());
}

/// The lines `juan ARGS` prints with the state in `state` (it must succeed).
fn output_lines(state: &Path, args: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_juan"))
        .args(args)
        .env("XDG_STATE_HOME", state)
        .env("JUAN_CONFIG", "/dev/null")
        .env_remove("JUAN_NO_STATE")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// `juan state export` with the state in `state`: one line per article with state.
fn exported(state: &Path) -> Vec<String> {
    output_lines(state, &["state", "export"])
}

/// `juan list ARCHIVE -q QUERY` with the state in `state`: the ids, one a line.
fn listed(state: &Path, archive: &Path, query: &str) -> Vec<String> {
    output_lines(state, &["list", archive.to_str().unwrap(), "-q", query])
        .iter()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn the_article_and_the_place_in_it_come_back_after_quitting() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let archive = archive(dir.path());
    let path = archive.to_str().unwrap();
    let mut pty = spawn(state.path(), &[path]);
    pty.wait_for_text("第一篇");
    // The second article (第二篇), read full-screen, scrolled down two half pages.
    pty.send("\x1b[B");
    pty.wait_for_text(" 2/3 ");
    pty.send("\r");
    // The reader is full-screen: the list is gone (keys sent before would be one paste).
    pty.wait_for("the reader", 10, |s| !s.contains("第三篇"));
    // One key at a time, each drawn before the next (two keys read at once may be drawn in
    // two frames, the first of which already has the first paragraph out of view).
    pty.send("d");
    pty.wait_for("a half page down", 10, |s| !s.contains("第二篇第1段"));
    let half = first_paragraph(&pty);
    pty.send("d");
    pty.wait_for("another half page down", 10, |_| {
        let top = first_paragraph(&pty);
        top.starts_with("第二篇第") && top != half
    });
    pty.settle(200);
    let top = first_paragraph(&pty);
    assert!(top.starts_with("第二篇第"), "{top:?}\n{}", pty.screen());
    quit(&mut pty);

    // Again: the same article, read where it was left, and the reader says so.
    let pty = spawn(state.path(), &[path]);
    pty.wait_for(
        &format!("the second article resumed where it was left, {top:?} at the top"),
        10,
        |s| {
            s.contains("resumed where you left off")
                && s.contains(" 2/3 ")
                && first_paragraph(&pty) == top
        },
    );
}

#[test]
fn marks_set_in_the_interface_are_what_list_finds() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let archive = archive(dir.path());
    let path = archive.to_str().unwrap();
    let mut pty = spawn(state.path(), &[path]);
    pty.wait_for_text("3 unread");
    // Opening 第三篇 reads it; `*` stars it; `l` gives it the label 第三章.
    pty.send("\r");
    pty.wait_for("the reader", 10, |s| !s.contains("第二篇"));
    pty.send("*");
    pty.wait_for_text("★");
    pty.send("l");
    pty.wait_for_text("labels:");
    pty.send("第三章");
    pty.wait_for_text("+ new label: 第三章");
    pty.send("\r");
    pty.wait_for_text("[x] 第三章");
    pty.send("\x1b");
    pty.wait_for("the picker closed", 10, |s| !s.contains("labels:"));
    pty.send("q");
    pty.wait_for_text("2 unread");
    // Alt-m in the list: 第二篇 read by hand.
    pty.send("\x1b[B");
    pty.send("\x1bm");
    pty.wait_for_text("1 unread");
    quit(&mut pty);

    let export = exported(state.path());
    let a3 = export.iter().find(|l| l.contains("\"id\":\"a3\"")).unwrap();
    assert!(a3.contains("\"read\":true"), "{a3}");
    assert!(a3.contains("\"starred\":true"), "{a3}");
    assert!(a3.contains("\"labels\":[\"第三章\"]"), "{a3}");
    let a2 = export.iter().find(|l| l.contains("\"id\":\"a2\"")).unwrap();
    assert!(
        a2.contains("\"read\":true") && a2.contains("\"starred\":false"),
        "{a2}"
    );
    assert!(
        !export.iter().any(|l| l.contains("\"id\":\"a1\"")),
        "{export:?}"
    );
    assert_eq!(listed(state.path(), &archive, "is:starred"), ["a3"]);
    assert_eq!(listed(state.path(), &archive, "label:第三章"), ["a3"]);
    assert_eq!(listed(state.path(), &archive, "is:read"), ["a3", "a2"]);
    assert_eq!(listed(state.path(), &archive, "is:unread"), ["a1"]);
}

#[test]
fn the_last_session_is_restored_unless_fresh() {
    let dir = tempfile::tempdir().unwrap();
    let state = tempfile::tempdir().unwrap();
    let archive = archive(dir.path());
    let path = archive.to_str().unwrap();
    let mut pty = spawn(state.path(), &[path]);
    pty.wait_for_text("第一篇");
    pty.send("第二");
    pty.wait_for_text(" 1/1 ");
    quit(&mut pty);

    let mut pty = spawn(state.path(), &[path]);
    pty.wait_for_text(" 1/1 ");
    assert!(pty.rows()[0].contains("第二"), "{}", pty.screen());
    quit(&mut pty);

    let pty = spawn(state.path(), &["--fresh", path]);
    pty.wait_for_text(" 1/3 ");
    assert!(!pty.rows()[0].contains("第二"), "{}", pty.screen());
}

#[test]
fn a_state_folder_juan_cannot_write_leaves_it_working_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let archive = archive(dir.path());
    let path = archive.to_str().unwrap();
    // A state folder juan may not create: under a file (root ignores permissions), or
    // read-only for everyone else.
    let state = dir.path().join("state");
    // SAFETY: geteuid has no preconditions and cannot fail.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        std::fs::write(&state, "not a folder").unwrap();
    } else {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir(&state).unwrap();
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o500)).unwrap();
    }
    let mut pty = spawn(&state, &[path]);
    pty.wait_for_text("state off");
    // Still a reader: the query narrows, marks hold for the session.
    pty.send("第一");
    pty.wait_for_text(" 1/1 ");
    pty.send("\x1bs");
    pty.wait_for_text("★");
    quit(&mut pty);
    if !root {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}
