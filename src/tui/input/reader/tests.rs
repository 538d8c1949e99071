//! The thread on a real pseudo-terminal: keys, acknowledgements, pastes and resizes arrive;
//! a hangup (the master closed, no SIGHUP) ends the thread within a second with one Hangup;
//! dropping the handle and a false from the callback end it.
//!
//! One test raises SIGWINCH, which every reader in the process sees: the others skip
//! resizes ([`next`]).

use std::io::Write;
use std::os::fd::{AsRawFd, OwnedFd};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::super::test_pty::pty;
use super::super::{Handle, Input, spawn_on};

const SECOND: Duration = Duration::from_secs(1);

fn reader(slave: OwnedFd) -> (Handle, Receiver<Input>) {
    let (tx, rx) = mpsc::channel();
    let handle = spawn_on(slave, move |input| tx.send(input).is_ok()).expect("spawn");
    (handle, rx)
}

/// The next input other than a resize, within a second.
fn next(rx: &Receiver<Input>) -> Result<Input, RecvTimeoutError> {
    loop {
        match rx.recv_timeout(SECOND)? {
            Input::Event(Event::Resize(..)) => continue,
            input => return Ok(input),
        }
    }
}

/// True once the thread has ended, waiting up to a second.
fn ends(handle: &Handle) -> bool {
    let thread = handle.thread.as_ref().expect("running");
    (0..100).any(|_| {
        let done = thread.is_finished();
        if !done {
            std::thread::sleep(SECOND / 100);
        }
        done
    })
}

fn key(c: char) -> Input {
    Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char(c),
        KeyModifiers::NONE,
    )))
}

#[test]
fn keys_acks_and_pastes_arrive() {
    let (mut master, slave) = pty();
    let (handle, rx) = reader(slave);
    master.write_all(b"j").unwrap();
    assert_eq!(next(&rx), Ok(key('j')));
    master.write_all(b"\x1B[0n").unwrap();
    assert_eq!(next(&rx), Ok(Input::Ack));
    // An unbracketed paste: one write, one read, one paste.
    master.write_all("新闻\r联播\r".as_bytes()).unwrap();
    assert_eq!(
        next(&rx),
        Ok(Input::Event(Event::Paste("新闻\n联播\n".into())))
    );
    drop(handle);
}

#[test]
fn hangup_ends_the_thread_within_a_second() {
    let (master, slave) = pty();
    let (handle, rx) = reader(slave);
    drop(master);
    assert_eq!(next(&rx), Ok(Input::Hangup));
    // Once: the thread has ended and dropped its sender.
    assert_eq!(next(&rx), Err(RecvTimeoutError::Disconnected));
    assert!(ends(&handle));
}

#[test]
fn hangup_after_typing_delivers_the_keys_first() {
    let (mut master, slave) = pty();
    let (handle, rx) = reader(slave);
    master.write_all(b"q").unwrap();
    assert_eq!(next(&rx), Ok(key('q')));
    drop(master);
    assert_eq!(next(&rx), Ok(Input::Hangup));
    assert_eq!(next(&rx), Err(RecvTimeoutError::Disconnected));
    assert!(ends(&handle));
}

#[test]
fn dropping_the_handle_ends_an_idle_thread() {
    let (_master, slave) = pty();
    let (handle, rx) = reader(slave);
    drop(handle);
    assert_eq!(next(&rx), Err(RecvTimeoutError::Disconnected));
}

#[test]
fn a_false_from_the_callback_ends_the_thread() {
    let (mut master, slave) = pty();
    let (tx, rx) = mpsc::channel();
    let handle = spawn_on(slave, move |input| {
        let _ = tx.send(input);
        false
    })
    .expect("spawn");
    master.write_all(b"ab").unwrap();
    assert!(matches!(rx.recv_timeout(SECOND), Ok(Input::Event(_))));
    // Only the first: the thread ended after it.
    assert_eq!(rx.recv_timeout(SECOND), Err(RecvTimeoutError::Disconnected));
    assert!(ends(&handle));
}

#[test]
fn sigwinch_brings_the_terminals_size() {
    let (master, slave) = pty();
    let (handle, rx) = reader(slave);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 120,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize, which outlives the call; raise sends a signal
    // whose handler (signal-hook's) only writes to pipes.
    unsafe {
        assert_eq!(libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &size), 0);
        libc::raise(libc::SIGWINCH);
    }
    assert_eq!(
        rx.recv_timeout(SECOND),
        Ok(Input::Event(Event::Resize(120, 40)))
    );
    drop(handle);
}
