//! The terminal's capabilities, end to end in a pseudo-terminal: `TERM=dumb` is refused (the
//! commands still work), the mode sequences juan writes are exactly those it needs (mouse 1000 +
//! 1006, never motion tracking), what it turned on is turned off on exit, `--no-alt-screen`
//! keeps the last screen, and terminals without Unicode get ASCII chrome.

#[allow(dead_code)]
mod support;

use std::process::Command;

use portable_pty::CommandBuilder;
use support::pty::Pty;

/// A hint the list's status line shows once the archive has loaded.
const LIST_HINT: &str = "Ctrl-s source";
/// Ctrl-c quits wherever the focus is.
const QUIT: &str = "\x03";
const SEED: &str = "sample-data/000_618211eec43b155d.txt";
const SEED_TITLE: &str = "中共长春市委人大工作会议召开";

const REFUSAL: &str = "the interface needs a terminal that can move the cursor";

/// `juan ARGS` started by a shell that first runs `setup` (such as `export TERM=dumb`): the
/// harness sets `TERM=xterm-256color` for the shell, so the shell changes it for juan.
fn juan_after(setup: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
    let mut cmd = CommandBuilder::new("sh");
    cmd.arg("-c");
    cmd.arg(format!("{setup}; exec \"$0\" \"$@\""));
    cmd.arg(env!("CARGO_BIN_EXE_juan"));
    cmd.args(args);
    Pty::spawn_command(cmd, cols, rows)
}

/// The private modes `raw` sets (`CSI ? N h`), in order.
fn modes_set(raw: &[u8]) -> Vec<u32> {
    private_modes(raw)
        .into_iter()
        .filter(|m| m.1)
        .map(|m| m.0)
        .collect()
}

/// Every `CSI ? N h` (set) or `CSI ? N l` (reset) in `raw`, as (N, set), in order; `CSI ? a;b h`
/// gives both.
fn private_modes(raw: &[u8]) -> Vec<(u32, bool)> {
    let mut modes = Vec::new();
    let mut i = 0;
    while let Some(at) = raw[i..].windows(3).position(|w| w == b"\x1b[?") {
        let start = i + at + 3;
        let mut end = start;
        while end < raw.len() && (raw[end].is_ascii_digit() || raw[end] == b';') {
            end += 1;
        }
        if let Some(&fin) = raw.get(end).filter(|&&b| b == b'h' || b == b'l') {
            let params = std::str::from_utf8(&raw[start..end]).unwrap();
            for p in params.split(';').filter(|p| !p.is_empty()) {
                modes.push((p.parse().unwrap(), fin == b'h'));
            }
        }
        i = end.max(start);
    }
    modes
}

fn contains(raw: &[u8], needle: &[u8]) -> bool {
    raw.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn the_mode_parser_reads_sets_and_resets() {
    assert_eq!(
        private_modes(b"a\x1b[?1049h\x1b[?1000;1006hx\x1b[?25l\x1b[?2004l\x1b[?1"),
        [
            (1049, true),
            (1000, true),
            (1006, true),
            (25, false),
            (2004, false)
        ]
    );
}

#[test]
fn dumb_terminals_are_refused_with_a_reason_and_nothing_written() {
    for setup in ["export TERM=dumb", "unset TERM", "export TERM="] {
        let mut pty = juan_after(setup, &[SEED], 200, 24);
        let code = pty.wait_exit(10);
        assert_ne!(code, 0, "{setup}");
        let screen = pty.screen();
        assert!(
            screen.contains(&format!("juan: {REFUSAL}")),
            "{setup}:\n{screen}"
        );
        assert!(
            screen.contains("`juan list` and `juan show` work anywhere"),
            "{setup}:\n{screen}"
        );
        // Only the message: no mode, no cursor movement, no colour.
        let raw = pty.raw();
        assert!(
            !raw.contains(&0x1b),
            "{setup}: escape sequences written: {:?}",
            String::from_utf8_lossy(&raw)
        );
    }
    let mut pty = juan_after("export TERM=dumb", &[SEED], 100, 24);
    pty.wait_exit(10);
    assert!(pty.screen().contains("(TERM=dumb)"), "{}", pty.screen());
}

#[test]
fn dumb_terminals_exit_with_code_2() {
    let mut pty = juan_after("export TERM=dumb", &[SEED], 100, 24);
    assert_eq!(pty.wait_exit(10), 2);
}

#[test]
fn the_commands_work_on_a_dumb_terminal() {
    let out = Command::new(env!("CARGO_BIN_EXE_juan"))
        .args(["list", SEED])
        .env("TERM", "dumb")
        .env("JUAN_CONFIG", "/dev/null")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.ends_with(&format!("\t{SEED_TITLE}\n")), "{stdout}");
    let id = stdout.split('\t').next().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_juan"))
        .args(["show", SEED, id])
        .env("TERM", "dumb")
        .env("JUAN_CONFIG", "/dev/null")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let shown = String::from_utf8(out.stdout).unwrap();
    assert!(shown.starts_with(SEED_TITLE), "{shown}");
    assert!(shown.contains(&format!("id {id}\n")), "{shown}");
}

#[test]
fn mouse_modes_are_1000_and_1006_only_and_everything_is_turned_off_on_exit() {
    let mut pty = Pty::spawn(&[SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for_text(SEED_TITLE);
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let raw = pty.raw();
    let modes = private_modes(&raw);
    let set: Vec<u32> = modes.iter().filter(|m| m.1).map(|m| m.0).collect();
    for motion in [1001, 1002, 1003, 1005, 1015] {
        assert!(!set.contains(&motion), "mode {motion} set: {modes:?}");
    }
    for wanted in [1049, 2004, 1000, 1006] {
        assert!(set.contains(&wanted), "mode {wanted} never set: {modes:?}");
    }
    // Every mode juan turns on is off after its last setting (synchronized output too).
    for mode in [1049, 2004, 1000, 1006, 2026] {
        if let Some(last) = modes.iter().rposition(|m| m.0 == mode) {
            assert!(!modes[last].1, "mode {mode} left on: {modes:?}");
        }
    }
    // The bytes end with the leave sequence: mouse, paste, then the main screen.
    assert!(
        raw.ends_with(b"\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l"),
        "ends with {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(80)..])
    );
    assert_eq!(pty.modes(), (false, false), "main screen, cursor shown");
}

#[test]
fn no_alt_screen_never_switches_and_leaves_the_last_screen() {
    let mut pty = Pty::spawn(&["--no-alt-screen", SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for_text(SEED_TITLE);
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let raw = pty.raw();
    assert!(
        !contains(&raw, b"\x1b[?1049h"),
        "switched to the alternate screen"
    );
    assert!(!contains(&raw, b"\x1b[?1049l"));
    let (alternate, hidden) = pty.modes();
    assert!(!alternate && !hidden);
    // The last screen stays: its list is still there, above the cursor's new line.
    assert!(pty.screen().contains(SEED_TITLE), "{}", pty.screen());
    assert!(pty.screen().contains(LIST_HINT), "{}", pty.screen());
    assert!(raw.ends_with(b"\x1b[?2004l\x1b[999;1H\r\n"));
}

#[test]
fn the_config_file_turns_the_mouse_and_the_alternate_screen_off() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[terminal]\nmouse = false\nalt_screen = false\n").unwrap();
    let mut pty = Pty::spawn(&["--config", config.to_str().unwrap(), SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let set = modes_set(&pty.raw());
    assert!(!set.contains(&1000) && !set.contains(&1006), "{set:?}");
    assert!(!set.contains(&1049), "{set:?}");
    assert!(set.contains(&2004), "bracketed paste is always on: {set:?}");
}

#[test]
fn ctrl_t_turns_mouse_capture_off_and_on_and_says_so() {
    let mut pty = Pty::spawn(&[SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    let mark = pty.raw().len();
    pty.send("\x14");
    pty.wait_for_text("mouse off: select text with the mouse");
    let off = pty.raw()[mark..].to_vec();
    assert!(contains(&off, b"\x1b[?1006l\x1b[?1000l"), "{off:?}");
    let mark = pty.raw().len();
    pty.send("\x14");
    pty.wait_for_text("mouse on: Shift-drag selects text");
    let on = pty.raw()[mark..].to_vec();
    assert!(contains(&on, b"\x1b[?1000h\x1b[?1006h"), "{on:?}");
    // Off again, then quit: the terminal is left as it was.
    pty.send("\x14");
    pty.wait_for_text("mouse off");
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    assert_eq!(pty.modes(), (false, false));
}

#[test]
fn a_locale_that_is_not_utf8_gets_ascii_borders() {
    let mut pty = juan_after("unset LC_ALL LC_CTYPE; export LANG=C", &[SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for_text(SEED_TITLE);
    pty.settle(200);
    let screen = pty.screen();
    // Under the query line and the timeline strip (in ASCII bars: `#` for the seed's year).
    assert!(screen.lines().nth(1).unwrap().contains('#'), "{screen}");
    assert_eq!(pty.cell(2, 0), "+", "{screen}");
    assert_eq!(pty.cell(3, 0), "|", "{screen}");
    for c in screen.chars() {
        assert!(
            !matches!(c, '\u{2500}'..='\u{25FF}'),
            "{c:?} drawn without a UTF-8 locale:\n{screen}"
        );
    }
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
}

#[test]
fn the_linux_console_gets_no_alternate_screen_no_mouse_and_ascii() {
    let mut pty = juan_after("export TERM=linux LANG=C.UTF-8", &[SEED], 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.wait_for_text(SEED_TITLE);
    pty.settle(200);
    // Under the query line and the timeline strip.
    assert_eq!(pty.cell(2, 0), "+", "{}", pty.screen());
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
    let set = modes_set(&pty.raw());
    assert!(!set.contains(&1049), "{set:?}");
    assert!(!set.contains(&1000), "{set:?}");
    assert!(set.contains(&2004), "{set:?}");
    // On the main screen, the last screen stays with the shell's line under it (less -X).
    let raw = pty.raw();
    assert!(
        raw.ends_with(b"\x1b[?2004l\x1b[999;1H\r\n"),
        "ends with {:?}",
        String::from_utf8_lossy(&raw[raw.len().saturating_sub(80)..])
    );
    assert!(pty.screen().contains(SEED_TITLE), "{}", pty.screen());
    assert!(pty.screen().contains(LIST_HINT), "{}", pty.screen());
}
