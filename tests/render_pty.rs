//! The incremental screen never drifts from a full render: after every reader scroll, list
//! move, article switch and resize, the screen juan left in a pseudo-terminal equals the one
//! it draws from scratch in the same state. Issue 13 makes juan scroll with the terminal's
//! scrolling region (DECSTBM, SU/SD) and move the cursor only when needed; a wrong shift or
//! a skipped cell leaves stale text or colours that only a test reading the screen back sees.
//!
//! The oracle: two juans on the same archive get the same steps in lockstep. `incremental`
//! never repaints on its own. `fresh` is sent SIGCONT after every step, which makes juan
//! clear the screen, forget what it drew and paint every cell (the contract of
//! `tui::suspend::resume`, tested in tests/tui_pty.rs). After each step the two screens,
//! read back through the vt100 emulator, must agree cell by cell: text and the attributes
//! that show (colours, bold, dim, italic, underline, inverse; a blank cell's foreground and
//! weight are invisible and not compared). Comparing against a second process rather than
//! repainting the first keeps the first one's history unbroken, so an error that builds up
//! over several scrolls is caught at the step where it first shows.
//!
//! Each screen is rebuilt from the raw bytes juan wrote, replaying resizes at the byte where
//! they happened (the harness's own emulator shows text only).

#[allow(dead_code)]
mod support;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use support::pty::Pty;

/// The bundled sample: 181 articles of every shape (Chinese, Latin, emoji, long and short).
const ARCHIVE: &str = "sample-data";
/// Typed in the list, selects the sample's longest article (124 lines at 198 columns).
const LONG_ARTICLE: &str = "'烟囱、冰雪与芯片";
const LIST_HINT: &str = "Ctrl-s source";
/// The query line's count once all of [`ARCHIVE`]'s 181 articles are listed.
const ALL_LISTED: &str = " 181/181";
const READER_HINT: &str = "j/k scroll";

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const PAGE_DOWN: &str = "\x1b[6~";
const PAGE_UP: &str = "\x1b[5~";
const HOME: &str = "\x1b[H";
const END: &str = "\x1b[F";
const ESC: &str = "\x1b";
const ENTER: &str = "\r";

/// One step of a sequence, given to both juans.
#[derive(Debug, Clone, Copy)]
enum Step {
    Keys(&'static str),
    Resize(u16, u16),
    /// Waits until the screen shows this text (in a setup, before the next key).
    Wait(&'static str),
}
use Step::{Keys, Resize, Wait};

/// A juan in a pty and an emulator fed the same bytes, resized at the same points.
struct Mirror {
    pty: Pty,
    parser: vt100::Parser,
    /// Bytes of the output already given to `parser`.
    seen: usize,
    /// Resizes not yet applied to `parser`: (byte offset, cols, rows).
    resizes: VecDeque<(usize, u16, u16)>,
}

impl Mirror {
    fn spawn(cols: u16, rows: u16) -> Mirror {
        let pty = Pty::spawn(&[ARCHIVE], cols, rows);
        pty.wait_for_text(LIST_HINT);
        // Every article listed: a key sent while the first search is still out would move
        // a selection that its answer then puts back on one of the two screens only.
        pty.wait_for_text(ALL_LISTED);
        Mirror {
            pty,
            parser: vt100::Parser::new(rows, cols, 0),
            seen: 0,
            resizes: VecDeque::new(),
        }
    }

    fn step(&mut self, step: Step) {
        match step {
            Keys(keys) => self.pty.send(keys),
            Resize(cols, rows) => {
                // Settled: nothing juan writes from here on predates the resize.
                self.pty.settle(100);
                self.resizes.push_back((self.pty.raw().len(), cols, rows));
                self.pty.resize(cols, rows);
            }
            Wait(text) => self.pty.wait_for_text(text),
        }
    }

    /// Feeds the emulator what juan wrote since the last call.
    fn catch_up(&mut self) {
        let raw = self.pty.raw();
        while self.seen < raw.len() {
            let end = match self.resizes.front() {
                Some(&(at, cols, rows)) if at <= self.seen => {
                    self.parser.screen_mut().set_size(rows, cols);
                    self.resizes.pop_front();
                    continue;
                }
                Some(&(at, ..)) => at.min(raw.len()),
                None => raw.len(),
            };
            self.parser.process(&raw[self.seen..end]);
            self.seen = end;
        }
        while let Some(&(at, cols, rows)) = self.resizes.front() {
            if at > self.seen {
                break;
            }
            self.parser.screen_mut().set_size(rows, cols);
            self.resizes.pop_front();
        }
    }

    /// The screen, one line per row: its text, then where the visible attributes change.
    fn cells(&mut self) -> Vec<String> {
        self.catch_up();
        signature(self.parser.screen())
    }

    /// Makes juan paint every cell anew (SIGCONT) and waits until it has.
    fn repaint(&mut self) {
        let before = self.pty.raw().len();
        // SAFETY: kill(2) on our own child with a valid signal number.
        let sent = unsafe { libc::kill(self.pty.pid() as libc::pid_t, libc::SIGCONT) };
        assert_eq!(sent, 0, "SIGCONT to juan");
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.pty.raw().len() == before {
            assert!(Instant::now() < deadline, "no repaint after SIGCONT");
            std::thread::sleep(Duration::from_millis(5));
        }
        self.pty.settle(100);
    }
}

/// Each row as text (a cleared cell and a space alike) and its runs of visible attributes.
fn signature(screen: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = screen.size();
    (0..rows)
        .map(|row| {
            let mut text = String::new();
            let mut runs = String::new();
            let mut last = String::new();
            for col in 0..cols {
                let Some(cell) = screen.cell(row, col) else {
                    continue;
                };
                if cell.is_wide_continuation() {
                    continue;
                }
                let blank = !cell.has_contents() || cell.contents() == " ";
                text.push_str(if blank { " " } else { cell.contents() });
                let attrs = if blank {
                    format!(
                        "bg={:?}{}{}",
                        cell.bgcolor(),
                        if cell.underline() { " u" } else { "" },
                        if cell.inverse() { " inv" } else { "" },
                    )
                } else {
                    format!(
                        "fg={:?} bg={:?}{}{}{}{}{}",
                        cell.fgcolor(),
                        cell.bgcolor(),
                        if cell.bold() { " b" } else { "" },
                        if cell.dim() { " dim" } else { "" },
                        if cell.italic() { " i" } else { "" },
                        if cell.underline() { " u" } else { "" },
                        if cell.inverse() { " inv" } else { "" },
                    )
                };
                if attrs != last {
                    runs.push_str(&format!(" [{col}] {attrs}"));
                    last = attrs;
                }
            }
            format!("{text}  |{runs}")
        })
        .collect()
}

/// The rows where two screens differ, both versions of each, for a failure message.
fn differences(incremental: &[String], fresh: &[String]) -> String {
    let mut out = String::new();
    for row in 0..incremental.len().max(fresh.len()) {
        let (a, b) = (incremental.get(row), fresh.get(row));
        if a != b {
            out.push_str(&format!(
                "row {row}\n  incremental: {}\n  full render: {}\n",
                a.map_or("(none)", String::as_str),
                b.map_or("(none)", String::as_str)
            ));
        }
    }
    out
}

/// Runs `steps` on two juans started at `cols` × `rows` after `setup` (steps not compared),
/// comparing the incremental screen with a full render after every step.
fn check(cols: u16, rows: u16, setup: &[Step], steps: &[Step]) {
    let mut incremental = Mirror::spawn(cols, rows);
    let mut fresh = Mirror::spawn(cols, rows);
    for &step in setup {
        incremental.step(step);
        fresh.step(step);
        incremental.pty.settle(150);
        fresh.pty.settle(150);
    }
    for (n, &step) in steps.iter().enumerate() {
        incremental.step(step);
        fresh.step(step);
        // Both have drawn the step (their screens agree, unless the step went wrong), then
        // the fresh one paints it all again.
        let deadline = Instant::now() + Duration::from_secs(5);
        incremental.pty.settle(60);
        while incremental.cells() != fresh.cells() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        incremental.pty.settle(60);
        fresh.pty.settle(60);
        fresh.repaint();
        // A frame still on its way may finish either screen: wait for agreement (a slow
        // machine may take seconds to draw it).
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let (a, b) = (incremental.cells(), fresh.cells());
            if a == b {
                break;
            }
            if Instant::now() > deadline {
                panic!(
                    "after step {n} ({step:?}) of {steps:?}, the screen is not a full render:\n{}\
                     \nincremental screen:\n{}",
                    differences(&a, &b),
                    incremental.pty.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
            incremental.pty.settle(40);
        }
    }
    incremental.pty.send("\x03");
    fresh.pty.send("\x03");
    assert_eq!(incremental.pty.wait_exit(10), 0);
    assert_eq!(fresh.pty.wait_exit(10), 0);
}

/// Opens the long article full-screen.
const OPEN_LONG: &[Step] = &[
    Keys(LONG_ARTICLE),
    Wait("1/1 "),
    Keys(ENTER),
    Wait(READER_HINT),
];

#[test]
fn reader_scrolls_match_a_full_render() {
    check(
        80,
        24,
        OPEN_LONG,
        &[
            Keys("j"),
            Keys("j"),
            Keys("j"),
            Keys("k"),
            Keys(" "),
            Keys(" "),
            Keys("b"),
            Keys("d"),
            Keys("d"),
            Keys("u"),
            Keys("jjjj"),
            Keys("G"),
            Keys("k"),
            Keys("j"),
            Keys("g"),
            Keys("k"),
            Keys("d"),
            Keys("j"),
        ],
    );
}

#[test]
fn wide_reader_scrolls_match_a_full_render() {
    check(
        200,
        50,
        OPEN_LONG,
        &[
            Keys("j"),
            Keys("j"),
            Keys("k"),
            Keys("d"),
            Keys(" "),
            Keys("u"),
            Keys("b"),
            Keys("G"),
            Keys("k"),
            Keys("g"),
        ],
    );
}

#[test]
fn list_moves_match_a_full_render() {
    let mut steps = vec![Keys(DOWN); 30];
    steps.extend([
        Keys(UP),
        Keys(PAGE_DOWN),
        Keys(UP),
        Keys(PAGE_UP),
        Keys(END),
        Keys(UP),
        Keys(HOME),
        Keys(DOWN),
        // The article pane follows the selection; open, switch articles, come back.
        Keys(ENTER),
        Keys("]"),
        Keys("]"),
        Keys("["),
        Keys("j"),
        Keys(ESC),
        Keys(DOWN),
    ]);
    check(80, 24, &[], &steps);
}

#[test]
fn side_by_side_list_moves_match_a_full_render() {
    let mut steps = vec![Keys(DOWN); 12];
    steps.extend([
        Keys(PAGE_DOWN),
        Keys(UP),
        Keys(PAGE_UP),
        Keys(END),
        Keys(HOME),
    ]);
    check(140, 40, &[], &steps);
}

#[test]
fn resizes_between_scrolls_match_a_full_render() {
    check(
        80,
        24,
        &[],
        &[
            Keys(DOWN),
            Resize(100, 30),
            Keys(DOWN),
            Resize(60, 20),
            Keys(DOWN),
            Resize(140, 45),
            Keys(DOWN),
            Keys(ENTER),
            Keys("j"),
            Resize(80, 24),
            Keys("j"),
            Keys(" "),
            Resize(200, 50),
            Keys("k"),
            Resize(79, 23),
            Keys("d"),
            Keys(ESC),
            Keys(UP),
            Resize(80, 24),
        ],
    );
}
