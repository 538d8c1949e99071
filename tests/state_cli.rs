//! The state file as the `juan` binary keeps it: `juan mark`, `juan state export|import|path`,
//! two processes marking at once, a process killed mid-way, a bad file moved aside and a
//! read-only state folder. Every run gets its own `$XDG_STATE_HOME` (and `$HOME`) in a fresh
//! temporary folder: nothing here touches the real state.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `juan` with its state, config and home in `home`.
fn juan(home: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("JUAN_ARCHIVE")
        .env_remove("JUAN_CONFIG")
        .env_remove("JUAN_NO_STATE")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"));
    c
}

fn run(home: &Path, args: &[&str]) -> Output {
    juan(home).args(args).output().expect("juan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Runs and expects exit code 0 and nothing on stderr; returns stdout.
fn ok(home: &Path, args: &[&str]) -> String {
    let out = run(home, args);
    assert_eq!(
        (out.status.code(), text(&out.stderr).as_str()),
        (Some(0), ""),
        "juan {args:?}"
    );
    text(&out.stdout)
}

/// What `juan state export` prints.
fn export(home: &Path) -> String {
    ok(home, &["state", "export"])
}

#[test]
fn marks_export_and_import_round_trip() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    assert_eq!(
        export(home),
        "",
        "no state file: nothing, and nothing created"
    );
    assert!(!home.join("state").exists());
    assert_eq!(
        ok(home, &["state", "path"]),
        format!("{}\n", home.join("state/juan/state.db").display())
    );
    assert_eq!(
        ok(home, &["mark", "a1", "b2", "--read", "--label", "第三章"]),
        ""
    );
    ok(
        home,
        &["mark", "b2", "--star", "--label", "引用 \"甲\"", "--unread"],
    );
    ok(home, &["mark", "c3", "--star"]);
    ok(home, &["mark", "c3", "--unstar"]);
    ok(
        home,
        &["mark", "a1", "--unlabel", "第三章", "--label", "乙"],
    );
    let exported = export(home);
    assert_eq!(
        exported,
        concat!(
            r#"{"id":"a1","read":true,"starred":false,"labels":["乙"]}"#,
            "\n",
            r#"{"id":"b2","read":false,"starred":true,"labels":["引用 \"甲\"","第三章"]}"#,
            "\n",
        )
    );
    let file = home.join("marks.jsonl");
    ok(home, &["state", "export", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), exported);

    let other = tempfile::tempdir().unwrap();
    let out = run(other.path(), &["state", "import", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stderr),
        "juan: state: 2 records imported, 0 lines skipped\n"
    );
    assert_eq!(export(other.path()), exported);

    let mut child = juan(other.path())
        .args(["state", "import", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"id\":\"d4\",\"starred\":true}\nnot json\n{\"id\":\"a1\",\"place\":{\"block\":3,\"byte\":120}}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "a bad line: exit code 1");
    assert_eq!(
        text(&out.stderr),
        "juan: -:2: not JSON (column 2)\njuan: state: 2 records imported, 1 line skipped\n"
    );
    assert_eq!(
        export(other.path()),
        concat!(
            r#"{"id":"a1","read":true,"starred":false,"labels":["乙"],"place":{"block":3,"byte":120}}"#,
            "\n",
            r#"{"id":"b2","read":false,"starred":true,"labels":["引用 \"甲\"","第三章"]}"#,
            "\n",
            r#"{"id":"d4","read":false,"starred":true}"#,
            "\n",
        )
    );
}

#[test]
fn mark_needs_an_id_and_a_change() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    for args in [
        &["mark", "a1"][..],
        &["mark", "--read"],
        &["mark", "a1", "--read", "--unread"],
    ] {
        let out = run(home, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: a usage error");
        assert!(text(&out.stderr).contains("Usage: juan mark"), "{args:?}");
    }
    let out = run(home, &["mark", "a1", "--label", ""]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), "juan: mark: a label cannot be empty\n");
    assert!(!home.join("state").exists(), "nothing stored");
}

/// Two processes each run `juan mark` for 200 ids of their own, and both mark 10 ids in
/// common (one the read mark, the other a label): every mark is kept.
#[test]
fn two_processes_marking_at_once_lose_nothing() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path().to_path_buf();
    let runs: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|side| {
            let home = home.clone();
            std::thread::spawn(move || {
                for i in 0..200 {
                    let own = format!("{side}{i:03}");
                    let shared = format!("both{}", i % 10);
                    let args: Vec<&str> = if side == "a" {
                        vec!["mark", &own, &shared, "--read"]
                    } else {
                        vec!["mark", &own, "--star"]
                    };
                    ok(&home, &args);
                    if side == "b" && i < 10 {
                        ok(&home, &["mark", &shared, "--label", "乙"]);
                    }
                }
            })
        })
        .collect();
    for run in runs {
        run.join().unwrap();
    }
    let exported = export(&home);
    let lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines.len(), 410);
    let count = |needle: &str| lines.iter().filter(|l| l.contains(needle)).count();
    assert_eq!(count(r#"{"id":"a"#), 200);
    assert_eq!(count(r#"{"id":"b"#), 200 + 10);
    for k in 0..10 {
        let line = format!(r#"{{"id":"both{k}","read":true,"starred":false,"labels":["乙"]}}"#);
        assert!(lines.contains(&line.as_str()), "{line}");
    }
}

/// `kill -9` of an import in full flight leaves a file that opens and reads: the import is
/// all or nothing, and what was stored before is all there.
#[test]
fn a_process_killed_mid_way_leaves_a_readable_file() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    ok(home, &["mark", "kept", "--star", "--label", "甲"]);
    let mut records = String::new();
    for i in 0..200_000 {
        records.push_str(&format!(
            "{{\"id\":\"{i:016x}\",\"read\":true,\"labels\":[\"批量\"]}}\n"
        ));
    }
    let file = home.join("many.jsonl");
    std::fs::write(&file, records).unwrap();
    for delay in [50, 200] {
        let mut child = juan(home)
            .args(["state", "import", file.to_str().unwrap()])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        let exported = export(home);
        let lines = exported.lines().count();
        assert!(lines == 1 || lines == 200_001, "all or nothing: {lines}");
        assert!(exported.contains(r#"{"id":"kept","read":false,"starred":true,"labels":["甲"]}"#));
        ok(home, &["mark", "after", "--read"]);
        ok(home, &["mark", "after", "--unread"]);
    }
}

#[test]
fn a_garbage_state_file_is_moved_aside_and_juan_starts_clean() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let folder = home.join("state/juan");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("state.db"), "垃圾".repeat(2000)).unwrap();
    let out = run(home, &["mark", "x", "--read"]);
    assert_eq!(out.status.code(), Some(0));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("juan: state: ") && err.contains("moved aside to"),
        "{err}"
    );
    assert_eq!(
        export(home),
        "{\"id\":\"x\",\"read\":true,\"starred\":false}\n"
    );
    let aside: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("state.db.corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1, "{aside:?}");
}

#[test]
fn a_read_only_state_folder_turns_marking_off_with_a_message() {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } == 0 {
        return; // root ignores permissions
    }
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let folder = home.join("state/juan");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    let out = run(home, &["mark", "x", "--read"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.starts_with("juan: mark: state off (marks are not remembered): "),
        "{err}"
    );
    assert_eq!(export(home), "");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
}
