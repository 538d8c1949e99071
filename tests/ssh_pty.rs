//! What SSH users hit, end to end on the real binary in a pseudo-terminal: a terminal that
//! hangs up without a SIGHUP ends juan at once (never a spinning process); frames are paced by
//! the terminal's answers (keys that come meanwhile are applied and only the latest state is
//! drawn); an unbracketed paste holding a newline is query text, never Enter.

#[allow(dead_code)]
mod support;

use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use support::pty::Pty;

const LIST_HINT: &str = "Ctrl-s source";
const READER_HINT: &str = "j/k scroll";
/// The sample's longest article (a long read: the reader scrolls).
const LONG_TITLE: &str = "烟囱、冰雪与芯片";

/// A pseudo-terminal pair of `cols` × `rows`: (master, slave).
fn openpty(cols: u16, rows: u16) -> (OwnedFd, OwnedFd) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors it opened; we own them from here.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty");
    // SAFETY: both are open descriptors nobody else owns.
    unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
}

#[test]
fn a_terminal_that_hangs_up_without_sighup_ends_juan_within_a_second() {
    let (master, slave) = openpty(80, 24);
    // The master must not leak into juan (openpty's descriptors are inherited): only this
    // test holds it, so closing it here hangs the terminal up.
    // SAFETY: fcntl on a descriptor we own.
    unsafe { libc::fcntl(master.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_juan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .env("LANG", "C.UTF-8")
        .env("JUAN_CONFIG", "/dev/null")
        .env_remove("JUAN_ARCHIVE")
        .stdin(Stdio::from(slave.try_clone().unwrap()))
        .stdout(Stdio::from(slave.try_clone().unwrap()))
        .stderr(Stdio::from(slave.try_clone().unwrap()));
    // A session of its own with no controlling terminal, SIGHUP ignored (`setsid juan`, a
    // leader that ignores HUP): closing the terminal sends juan no signal at all.
    // SAFETY: setsid and signal are async-signal-safe; nothing else runs in the child.
    unsafe {
        cmd.pre_exec(|| {
            libc::setsid();
            libc::signal(libc::SIGHUP, libc::SIG_IGN);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("juan");
    drop(slave);
    let mut reader = std::fs::File::from(master.try_clone().unwrap());
    let mut seen = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut buf = [0u8; 65536];
    // The first frame ends with juan's status question to the terminal.
    while !seen.windows(4).any(|w| w == b"\x1b[5n") {
        assert!(Instant::now() < deadline, "no first frame");
        let n = reader.read(&mut buf).unwrap();
        seen.extend_from_slice(&buf[..n]);
    }
    let started = Instant::now();
    drop(reader);
    drop(master);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("juan still running (spinning?) 5 s after its terminal hung up");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(1),
        "juan took {took:?} to notice"
    );
    assert_eq!(status.code(), Some(129), "{status:?}");
}

#[test]
fn frames_wait_for_the_terminal_and_only_the_latest_state_is_drawn() {
    let mut pty = Pty::spawn(&[], 80, 24);
    pty.wait_for_text(LIST_HINT);
    let asked = |pty: &Pty| {
        let raw = pty.raw();
        raw.windows(4).filter(|w| *w == b"\x1b[5n").count()
    };
    // The terminal answers once: from then on juan waits for each answer.
    pty.send(&format!("'{LONG_TITLE}"));
    pty.wait_for("one hit", 10, |s| {
        s.lines()
            .next()
            .is_some_and(|q| q.split_whitespace().last() == Some("1/181"))
    });
    pty.send("\r");
    pty.wait_for_text(READER_HINT);
    pty.settle(300);
    pty.send("\x1b[0n");
    pty.settle(300);
    let questions = asked(&pty);
    assert!(
        questions >= 1,
        "juan never asked the terminal for its status"
    );
    // Five keys, each on its own: the first is drawn (one frame, one question)...
    let top = |pty: &Pty| pty.rows()[2].clone();
    let at_start = top(&pty);
    let start_rows = pty.rows();
    // A row without its last column (the scrollbar moves).
    let text = |row: &str| {
        let mut chars: Vec<char> = row.trim_end().chars().collect();
        chars.pop();
        chars.into_iter().collect::<String>()
    };
    pty.send("j");
    // Its question ends the frame: once it is asked, the whole frame has been read.
    pty.wait_for("the first key drawn, and its question asked", 10, |_| {
        asked(&pty) == questions + 1 && top(&pty) != at_start
    });
    pty.settle(300);
    assert_eq!(asked(&pty), questions + 1, "the first key was not drawn");
    let after_one = top(&pty);
    assert_ne!(after_one, at_start);
    // ...the next four wait for the terminal's answer: nothing is written meanwhile...
    let waiting = pty.raw().len();
    for _ in 0..4 {
        pty.send("j");
        std::thread::sleep(Duration::from_millis(60));
    }
    pty.settle(300);
    assert_eq!(pty.raw().len(), waiting, "juan drew without an answer");
    assert_eq!(top(&pty), after_one);
    // ...and the answer brings one frame: the state after all four.
    pty.send("\x1b[0n");
    let frames_since = |pty: &Pty| {
        let raw = pty.raw();
        raw[waiting..]
            .windows(4)
            .filter(|w| *w == b"\x1b[5n")
            .count()
    };
    pty.wait_for("the frame the answer brings", 10, |_| {
        frames_since(&pty) >= 1
    });
    pty.settle(300);
    let drawn = pty.raw()[waiting..].to_vec();
    let frames = drawn.windows(4).filter(|w| *w == b"\x1b[5n").count();
    assert_eq!(
        frames,
        1,
        "one frame for four keys: {:?}",
        String::from_utf8_lossy(&drawn)
    );
    // Five rows down in all: the row now at the top was five below it at the start.
    assert_eq!(text(&top(&pty)), text(&start_rows[2 + 5]));
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0);
}

#[test]
fn an_unbracketed_paste_holding_a_newline_is_query_text_not_enter() {
    let mut pty = Pty::spawn(&[], 80, 24);
    // Every article listed (the hints show once loaded, the list when the search thread
    // answers): a line end taken for Enter would open one.
    pty.wait_for("the whole archive listed", 10, |s| {
        s.contains(LIST_HINT)
            && s.lines()
                .next()
                .is_some_and(|q| q.split_whitespace().last() == Some("181/181"))
    });
    // One write, as a terminal without bracketed paste delivers a paste.
    pty.send("北京\r地铁\r");
    pty.wait_for("the pasted query and its three hits", 10, |s| {
        s.lines().next().is_some_and(|q| {
            q.contains("北京 地铁") && q.split_whitespace().last() == Some("3/181")
        })
    });
    pty.settle(300);
    let screen = pty.screen();
    assert!(
        !screen.contains(READER_HINT),
        "the paste opened the reader:\n{screen}"
    );
    assert!(screen.contains(LIST_HINT), "{screen}");
    // Enter typed on its own still opens the article.
    pty.send("\r");
    pty.wait_for_text(READER_HINT);
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0);
}
