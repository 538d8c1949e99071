//! End-to-end: the real binary in a pseudo-terminal, driven by keys, read back as a screen.

mod support;

use support::pty::Pty;

const SEED_TITLE: &str = "中共长春市委人大工作会议召开";

/// A hint the list's status line shows once the archive has loaded.
const LIST_HINT: &str = "Ctrl-s source";

/// Ctrl-c: quits wherever the focus is (in the list `q` is text, in the reader it closes it).
const QUIT: &str = "\x03";
const SEED_END: &str = "主要负责同志等参加会议。";

/// Every row of a bordered full-width pane ends in a border (or scrollbar) cell at the last
/// column, and no wide character hangs over it.
fn assert_right_border(pty: &Pty, cols: u16, rows: u16) {
    assert_right_border_from(pty, cols, rows, 1);
}

/// [`assert_right_border`] for the panes starting at row `top` (2 under the timeline strip).
fn assert_right_border_from(pty: &Pty, cols: u16, rows: u16, top: u16) {
    if let Some(problem) = border_problem(pty, cols, rows, top) {
        panic!("{problem}; screen:\n{}", pty.screen());
    }
}

/// What breaks the borders of the panes from row `top` down (see [`assert_right_border`]):
/// the first row whose first or last column is not a border cell; `None` when none does.
fn border_problem(pty: &Pty, cols: u16, rows: u16, top: u16) -> Option<String> {
    (top..rows.saturating_sub(1)).find_map(|row| {
        let c = pty.cell(row, cols - 1);
        let left = pty.cell(row, 0);
        if !["│", "┐", "┘", "╮", "╯", "┤", "█", "║", "|", "+", "#"].contains(&c.as_str())
        {
            Some(format!("row {row}: last column holds {c:?}"))
        } else if !["│", "┌", "└", "╭", "╰", "├", "|", "+"].contains(&left.as_str()) {
            Some(format!("row {row}: first column holds {left:?}"))
        } else {
            None
        }
    })
}

#[test]
fn search_open_scroll_resize_and_quit() {
    let (cols, rows) = (100, 30);
    let mut pty = Pty::spawn(&[], cols, rows);
    pty.wait_for_text(LIST_HINT);
    // Chinese typed straight into the list goes to the query line.
    pty.send("长春市委人大工作会议");
    // The query line is drawn at once, the list when the search thread answers: the seed,
    // the query's one hit, selected for Enter.
    pty.wait_for("the seed, the query's one hit", 10, |s| {
        s.contains(SEED_TITLE)
            && s.lines().next().is_some_and(|q| {
                q.contains("长春市委人大工作会议") && q.split_whitespace().last() == Some("1/181")
            })
    });
    pty.settle(200);
    // The timeline strip under the query line: the sample archive runs from 2016 to 2024.
    let strip = pty.rows()[1].trim_end().to_string();
    assert!(
        strip.starts_with("2016 ") && strip.ends_with(" 2024"),
        "{strip:?}"
    );
    assert_right_border_from(&pty, cols, rows, 2);
    pty.send("\r");
    pty.wait_for_text("长春日报");
    pty.send("G");
    pty.wait_for_text(SEED_END);
    pty.settle(200);
    assert_right_border(&pty, cols, rows);
    // The reading position survives a resize: the text at the top stays at the top.
    // (The row holding that text may start a little earlier at the new width.)
    let inner = |row: &str| {
        row.trim_matches(|c| c == '│' || c == ' ' || c == '█')
            .to_string()
    };
    let top_text = |pty: &Pty| {
        let first = pty
            .rows()
            .iter()
            .skip(2)
            .map(|r| inner(r))
            .find(|t| !t.is_empty())
            .unwrap();
        first.chars().take(6).collect::<String>()
    };
    let top_two = |pty: &Pty| {
        pty.rows()[2..5]
            .iter()
            .map(|r| inner(r))
            .collect::<String>()
    };
    // The rows `by` below the top of `then` are now at its top: the view moved `by` rows down.
    let moved = |then: &[String], now: &[String], by: usize| {
        let view = 2..usize::from(rows) - 2;
        view.clone()
            .take(view.len() - by)
            .all(|row| inner(&now[row]) == inner(&then[row + by]))
    };
    let before = top_text(&pty);
    pty.resize(41, rows);
    // juan redraws when the resize reaches it (SIGWINCH).
    pty.wait_for(
        "the reader drawn again at 41 columns, its top text kept",
        10,
        |_| border_problem(&pty, 41, rows, 1).is_none() && top_two(&pty).contains(&before),
    );
    pty.settle(300);
    assert_right_border(&pty, 41, rows);
    assert!(
        top_two(&pty).contains(&before),
        "{before:?} left the top at 41 columns:\n{}",
        pty.screen()
    );
    pty.send("G");
    pty.wait_for_text("100%");
    pty.settle(200);
    assert!(
        pty.screen()
            .replace(['│', '█', '\n', ' '], "")
            .contains("参加会议。"),
        "{}",
        pty.screen()
    );
    assert_right_border(&pty, 41, rows);
    pty.send("g");
    pty.wait_for_text(SEED_TITLE);
    pty.settle(200);
    let at_top = pty.rows();
    pty.send(&"j".repeat(15));
    pty.wait_for("fifteen rows down", 10, |_| moved(&at_top, &pty.rows(), 15));
    pty.settle(200);
    let before = top_text(&pty);
    pty.resize(cols, rows);
    pty.wait_for(
        &format!("the reader drawn again at {cols} columns, its top text kept"),
        10,
        |_| border_problem(&pty, cols, rows, 1).is_none() && top_two(&pty).contains(&before),
    );
    pty.settle(300);
    assert_right_border(&pty, cols, rows);
    assert!(
        top_two(&pty).contains(&before),
        "{before:?} left the top at {cols} columns:\n{}",
        pty.screen()
    );
    pty.send("g");
    pty.wait_for_text(SEED_TITLE);
    pty.send("\x1b");
    pty.settle(200);
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let (alternate, hidden) = pty.modes();
    assert!(!alternate, "still on the alternate screen");
    assert!(!hidden, "cursor still hidden");
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let mut pty = Pty::spawn(&["tests/fixtures/hostile-tui.jsonl"], 100, 30);
    pty.wait_for_text("标题清屏红色");
    pty.send("\r");
    pty.wait_for_text("红色的字");
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let raw = pty.raw();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"52;c;"), "OSC 52 payload reached the terminal");
    assert!(!has(b"ZXZpbA"), "OSC 52 payload reached the terminal");
    // juan clears the screen itself (home, then erase) before a full repaint; the article's
    // `ESC[2J` sits between Chinese characters and must never pass.
    let count = |needle: &[u8]| raw.windows(needle.len()).filter(|w| *w == needle).count();
    assert_eq!(
        count(b"\x1b[2J"),
        count(b"\x1b[r\x1b[H\x1b[2J"),
        "clear-screen from the article reached the terminal"
    );
    assert!(!has("题\x1b[2J".as_bytes()) && !has("屏\x1b[2J".as_bytes()));
    assert!(!has("\u{9b}".as_bytes()), "8-bit CSI reached the terminal");
    assert!(!has(b"\x07"), "BEL reached the terminal");
}

#[test]
fn sigterm_restores_the_terminal() {
    // SIGQUIT and SIGINT too: `kill` sends them whatever the terminal's mode.
    for (name, number) in [("TERM", 15), ("QUIT", 3), ("INT", 2)] {
        let mut pty = Pty::spawn(&[], 80, 24);
        pty.wait_for_text(LIST_HINT);
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &pty.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let code = pty.wait_exit(10);
        assert_eq!(code, 128 + number, "SIG{name}");
        let (alternate, hidden) = pty.modes();
        assert!(
            !alternate && !hidden,
            "terminal not restored after SIG{name}"
        );
    }
}

/// The state letter of process `pid` (`T` when stopped), from /proc.
fn process_state(pid: u32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ")
        .and_then(|(_, rest)| rest.chars().next())
        .unwrap_or('?')
}

/// Waits until process `pid` is in `state`; panics after 10 seconds.
fn wait_for_state(pid: u32, state: char) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while process_state(pid) != state {
        assert!(
            std::time::Instant::now() < deadline,
            "process {pid} is {:?}, not {state:?}",
            process_state(pid)
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Sends signal `name` to `pid` with `kill`.
fn kill(name: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([&format!("-{name}"), &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -{name} {pid}");
}

/// True when `raw[from..]` holds `needle`.
fn wrote_since(pty: &Pty, from: usize, needle: &[u8]) -> bool {
    pty.raw()[from..].windows(needle.len()).any(|w| w == needle)
}

/// Waits until juan has written `needle` since byte `from` of its output.
fn wait_for_bytes(pty: &Pty, from: usize, needle: &[u8]) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !wrote_since(pty, from, needle) {
        assert!(
            std::time::Instant::now() < deadline,
            "{needle:?} not written; screen:\n{}",
            pty.screen()
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// The seed page alone: its title is on the first screen.
const SEED: &str = "sample-data/000_618211eec43b155d.txt";

const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";
const ENTER_ALTERNATE: &[u8] = b"\x1b[?1049h";

/// Checks that juan drew the whole interface again since byte `from`: the alternate screen
/// entered anew and cleared, the list and the query line on it.
fn assert_redrawn_since(pty: &Pty, from: usize) {
    wait_for_bytes(pty, from, ENTER_ALTERNATE);
    // The list has the focus: the cursor shows on the query line (juan shows it at the end
    // of the frame).
    pty.wait_for(
        "the list drawn again, the interface's modes back",
        10,
        |s| s.contains(LIST_HINT) && s.contains(SEED_TITLE) && pty.modes() == (true, false),
    );
    assert!(wrote_since(pty, from, b"\x1b[2J"), "no full clear");
}

#[test]
fn ctrl_z_and_sigtstp_restore_the_terminal_stop_and_fg_redraws() {
    // A shell with job control, as a user has: juan runs as its foreground job.
    let script = r#"set -m
"$0" "$@"; echo "stopped: $?"
read -r line; fg >/dev/null; echo "stopped again: $?"
read -r line; fg >/dev/null; echo "exited: $?""#;
    let mut cmd = portable_pty::CommandBuilder::new("bash");
    cmd.args([
        "--norc",
        "--noprofile",
        "-c",
        script,
        env!("CARGO_BIN_EXE_juan"),
        SEED,
    ]);
    let mut pty = Pty::spawn_command(cmd, 80, 24);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for_text(SEED_TITLE);
    let shell = pty.pid();
    let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
        .expect("the shell's children");
    let juan: u32 = children.trim().parse().expect("one child: juan");

    // Ctrl-Z: the terminal is restored, then juan stops and the shell has it back.
    let mark = pty.raw().len();
    pty.send("\x1a");
    pty.wait_for_text("stopped: 148");
    wait_for_state(juan, 'T');
    assert!(wrote_since(&pty, mark, LEAVE_ALTERNATE));
    assert_eq!(pty.modes(), (false, false), "terminal not restored");

    // fg: juan goes on and draws everything again.
    let mark = pty.raw().len();
    pty.send("\n");
    assert_redrawn_since(&pty, mark);
    assert_ne!(process_state(juan), 'T');

    // SIGTSTP from outside: the same.
    let mark = pty.raw().len();
    kill("TSTP", juan);
    pty.wait_for_text("stopped again: 148");
    wait_for_state(juan, 'T');
    assert!(wrote_since(&pty, mark, LEAVE_ALTERNATE));
    assert_eq!(pty.modes(), (false, false), "terminal not restored");
    let mark = pty.raw().len();
    pty.send("\n");
    assert_redrawn_since(&pty, mark);

    // Keys work again.
    pty.send(QUIT);
    pty.wait_for_text("exited: 0");
    assert_eq!(pty.wait_exit(10), 0);
    assert_eq!(pty.modes(), (false, false));
}

#[test]
fn without_job_control_ctrl_z_goes_on() {
    // Started as a session leader (as by `ssh -t host juan`), juan has no shell to come back
    // to: the kernel ignores the stop, and juan puts the interface back at once.
    let mut pty = Pty::spawn(&[SEED], 80, 24);
    pty.wait_for_text(SEED_TITLE);
    let mark = pty.raw().len();
    pty.send("\x1a");
    wait_for_bytes(&pty, mark, LEAVE_ALTERNATE);
    assert_redrawn_since(&pty, mark);
    assert_ne!(process_state(pty.pid()), 'T');
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    assert_eq!(pty.modes(), (false, false));
}

#[test]
fn sigcont_redraws_after_a_sigstop() {
    let mut pty = Pty::spawn(&[SEED], 80, 24);
    pty.wait_for_text(SEED_TITLE);
    kill("STOP", pty.pid());
    wait_for_state(pty.pid(), 'T');
    let mark = pty.raw().len();
    kill("CONT", pty.pid());
    assert_redrawn_since(&pty, mark);
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
}

#[test]
fn an_archive_cut_short_while_open_says_so_and_r_reloads() {
    // Over 1 MiB, so juan maps it: reading a cut page once killed juan with SIGBUS.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("growing.jsonl");
    let options = juan::synthetic::Options {
        count: 2000,
        seed: 3,
        ..Default::default()
    };
    juan::synthetic::write_archive(std::fs::File::create(&path).unwrap(), &options).unwrap();
    let mut pty = Pty::spawn(&[path.to_str().unwrap()], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for("the load to finish", 20, |s| !s.contains("loading..."));
    // `cat new > file` begins by cutting the file to nothing.
    std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(0)
        .unwrap();
    // The next article's body is read from the file now: it is not what was loaded.
    pty.send("\x1b[B");
    pty.wait_for_text("archive changed on disk: Ctrl-r reloads");
    // The article pane follows once the selection rests (and the body indexer, reading every
    // body in the background, may have noticed the change first).
    pty.wait_for_text("changed on disk since juan loaded it");
    // Reloaded: the file is empty now, so the list is, and the warning is gone.
    pty.send("\x12"); // Ctrl-r
    pty.wait_for("the reload", 20, |s| {
        !s.contains("archive changed on disk") && !s.contains("loading...")
    });
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0, "juan did not quit cleanly");
}

#[test]
fn records_appended_while_open_join_the_list_with_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scraper.jsonl");
    std::fs::write(
        &path,
        "{\"title\":\"第一篇报道\",\"date\":\"2024-01-01\"}\n",
    )
    .unwrap();
    let mut pty = Pty::spawn(&[path.to_str().unwrap()], 100, 30);
    pty.wait_for_text("第一篇报道");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    std::io::Write::write_all(
        &mut file,
        "{\"title\":\"后来追加的报道\",\"date\":\"2024-01-02\"}\n".as_bytes(),
    )
    .unwrap();
    pty.wait_for_text("+1 new since loaded");
    pty.wait_for_text("后来追加的报道");
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
}
