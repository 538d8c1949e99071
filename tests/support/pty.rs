//! A pseudo-terminal harness: runs the real `juan` binary in a pty, types into it, and reads
//! the screen back through a vt100 emulator (and the raw bytes juan wrote).
//!
//! Every juan started here gets a state folder of its own (`XDG_STATE_HOME`, a temporary
//! folder that goes with the `Pty`) unless the test gives one, so no test reads or writes the
//! real home's marks and sessions, and none sees another's.
//!
//! The emulator is fed whole frames only, as a terminal that knows synchronized output
//! (mode 2026) shows them: a frame juan wraps in `CSI ? 2026 h` … `CSI ? 2026 l` that has
//! arrived in part (a pty read can end anywhere) is held back until its end comes, so a test
//! that sees one part of a frame on the screen sees all of it. [`Pty::raw`] is every byte as
//! it came.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// A running `juan` in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Mutex<Shared>>,
    /// The state folder made for this juan (none when the test gave `XDG_STATE_HOME`).
    _state: Option<tempfile::TempDir>,
}

struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// How many bytes of `raw` the parser has been given (the rest: a frame not yet whole).
    fed: usize,
    /// True once juan's side of the terminal is closed and every byte is in `raw`.
    closed: bool,
}

/// Where a synchronized update (a frame juan wants shown whole) begins and ends.
const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

impl Shared {
    /// Takes bytes juan wrote; the emulator gets them up to the last whole frame.
    fn take(&mut self, bytes: &[u8]) {
        self.raw.extend_from_slice(bytes);
        let end = self.fed + whole(&self.raw[self.fed..]);
        self.parser.process(&self.raw[self.fed..end]);
        self.fed = end;
    }

    /// The terminal is closed: whatever is held back is all there will be.
    fn close(&mut self) {
        self.parser.process(&self.raw[self.fed..]);
        self.fed = self.raw.len();
        self.closed = true;
    }
}

/// How much of `tail` (bytes that start outside any synchronized update) can be shown: up to
/// the start of an update whose end has not come yet, or of a begin sequence cut short.
fn whole(tail: &[u8]) -> usize {
    let mut at = 0;
    while let Some(begin) = find(&tail[at..], SYNC_BEGIN).map(|i| at + i) {
        match find(&tail[begin..], SYNC_END) {
            Some(end) => at = begin + end + SYNC_END.len(),
            None => return begin,
        }
    }
    let cut = (1..SYNC_BEGIN.len())
        .rev()
        .find(|&n| tail.ends_with(&SYNC_BEGIN[..n]))
        .unwrap_or(0);
    tail.len() - cut
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

impl Pty {
    /// Starts `juan ARGS` in a `cols` × `rows` terminal.
    pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_juan"));
        cmd.args(args);
        Pty::spawn_command(cmd, cols, rows)
    }

    /// Starts `cmd` (run from the crate's folder, `TERM=xterm-256color`, no
    /// `JUAN_ARCHIVE`) in a `cols` × `rows` terminal: a shell that starts juan, say.
    pub fn spawn_command(mut cmd: CommandBuilder, cols: u16, rows: u16) -> Pty {
        let system = native_pty_system();
        let pair = system
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("JUAN_ARCHIVE");
        // A UTF-8 locale (juan draws ASCII without one), whatever the machine has.
        cmd.env("LANG", "C.UTF-8");
        cmd.env_remove("LC_ALL");
        cmd.env_remove("LC_CTYPE");
        // A config file of the user's own must not change what the tests see (a test that
        // wants one passes --config, which wins).
        if cmd.get_env("JUAN_CONFIG").is_none() {
            cmd.env("JUAN_CONFIG", "/dev/null");
        }
        // Marks and sessions of the test's own (see the module docs).
        let state = cmd.get_env("XDG_STATE_HOME").is_none().then(|| {
            let dir = tempfile::tempdir().expect("a state folder");
            cmd.env("XDG_STATE_HOME", dir.path());
            dir
        });
        let child = pair.slave.spawn_command(cmd).expect("spawn juan");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            fed: 0,
            closed: false,
        }));
        let sink = Arc::clone(&shared);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().take(&buf[..n]);
            }
            sink.lock().unwrap().close();
        });
        Pty {
            master: pair.master,
            writer,
            child,
            shared,
            _state: state,
        }
    }

    /// Types `bytes` (keys as the terminal would send them).
    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen's text, one string per row.
    pub fn rows(&self) -> Vec<String> {
        let s = self.shared.lock().unwrap();
        let (_, cols) = s.parser.screen().size();
        s.parser.screen().rows(0, cols).collect()
    }

    /// The screen's text joined by newlines.
    pub fn screen(&self) -> String {
        self.rows().join("\n")
    }

    /// The character drawn at (row, col), "" for the right half of a wide char.
    pub fn cell(&self, row: u16, col: u16) -> String {
        let s = self.shared.lock().unwrap();
        s.parser
            .screen()
            .cell(row, col)
            .map(|c| c.contents().to_string())
            .unwrap_or_default()
    }

    /// Everything juan wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().unwrap().raw.clone()
    }

    /// The emulator's view of the terminal modes: (alternate screen, cursor hidden).
    pub fn modes(&self) -> (bool, bool) {
        let s = self.shared.lock().unwrap();
        (
            s.parser.screen().alternate_screen(),
            s.parser.screen().hide_cursor(),
        )
    }

    /// Waits until `pred` holds for the screen text; panics with the screen after `secs`.
    pub fn wait_for(&self, what: &str, secs: u64, pred: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_for_text(&self, needle: &str) {
        self.wait_for(needle, 10, |s| s.contains(needle));
    }

    /// Waits until the screen has not changed for `quiet_ms`.
    pub fn settle(&self, quiet_ms: u64) {
        let mut last = self.raw().len();
        let mut since = Instant::now();
        let deadline = Instant::now() + Duration::from_secs(10);
        while since.elapsed() < Duration::from_millis(quiet_ms) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
            let now = self.raw().len();
            if now != last {
                last = now;
                since = Instant::now();
            }
        }
    }

    /// Resizes the terminal (juan gets SIGWINCH) and the emulator with it. The emulator is
    /// resized first, its lock held until the terminal is: a frame juan draws for the new size
    /// is never read at the old one.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut shared = self.shared.lock().unwrap();
        shared.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Waits for juan to exit and returns its exit code, once everything it wrote has been
    /// read (the terminal's end of file; or 10 s more, should something else hold it open).
    pub fn wait_exit(&mut self, secs: u64) -> u32 {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                let drained = Instant::now() + Duration::from_secs(10);
                while !self.shared.lock().unwrap().closed && Instant::now() < drained {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("juan did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().unwrap_or(0)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
