//! End-to-end: the real binary in a pseudo-terminal, driven by keys, read back as a screen.

mod support;

use support::pty::Pty;

const SEED_TITLE: &str = "中共长春市委人大工作会议召开";
const SEED_END: &str = "主要负责同志等参加会议。";

/// Every row of a bordered full-width pane ends in a border (or scrollbar) cell at the last
/// column, and no wide character hangs over it.
fn assert_right_border(pty: &Pty, cols: u16, rows: u16) {
    for row in 1..rows.saturating_sub(1) {
        let c = pty.cell(row, cols - 1);
        assert!(
            ["│", "┐", "┘", "╮", "╯", "┤", "█", "║", "|", "+", "#"].contains(&c.as_str()),
            "row {row}: last column holds {c:?}; screen:\n{}",
            pty.screen()
        );
        let left = pty.cell(row, 0);
        assert!(
            ["│", "┌", "└", "╭", "╰", "├", "|", "+"].contains(&left.as_str()),
            "row {row}: first column holds {left:?}"
        );
    }
}

#[test]
fn search_open_scroll_resize_and_quit() {
    let (cols, rows) = (100, 30);
    let mut pty = Pty::spawn(&[], cols, rows);
    pty.wait_for_text("/ search");
    // Chinese typed straight into the list goes to the query line.
    pty.send("长春市委人大工作会议");
    pty.wait_for_text(SEED_TITLE);
    pty.settle(200);
    assert!(
        pty.screen()
            .lines()
            .next()
            .unwrap()
            .contains("长春市委人大工作会议")
    );
    assert_right_border(&pty, cols, rows);
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
    let before = top_text(&pty);
    pty.resize(41, rows);
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
    pty.send(&"j".repeat(15));
    pty.settle(200);
    let before = top_text(&pty);
    pty.resize(cols, rows);
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
    pty.send("q");
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
    pty.send("q");
    assert_eq!(pty.wait_exit(10), 0);
    let raw = pty.raw();
    let has = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(!has(b"52;c;"), "OSC 52 payload reached the terminal");
    assert!(!has(b"ZXZpbA"), "OSC 52 payload reached the terminal");
    assert!(!has(b"\x1b[2J"), "clear-screen reached the terminal");
    assert!(!has("\u{9b}".as_bytes()), "8-bit CSI reached the terminal");
    assert!(!has(b"\x07"), "BEL reached the terminal");
}

#[test]
fn sigterm_restores_the_terminal() {
    // SIGQUIT and SIGINT too: `kill` sends them whatever the terminal's mode.
    for (name, number) in [("TERM", 15), ("QUIT", 3), ("INT", 2)] {
        let mut pty = Pty::spawn(&[], 80, 24);
        pty.wait_for_text("/ search");
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
