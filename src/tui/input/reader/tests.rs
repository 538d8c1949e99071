//! The thread on a real pseudo-terminal: keys and acknowledgements arrive, a hangup (the
//! master closed, no SIGHUP) ends the thread within a second with one Hangup, and stop()
//! ends an idle thread.

use std::fs::File;
use std::io::Write;
use std::os::fd::{FromRawFd, OwnedFd};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

use super::super::{Handle, Input, spawn_on};

/// A pty pair: (master, slave).
fn pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    // SAFETY: openpty writes two descriptors into the ints passed; name, termios and winsize
    // may be null.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            std::ptr::null(),
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both descriptors were just opened and are owned here alone.
    let (master, slave) = unsafe { (File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    raw(&slave);
    (master, slave)
}

/// Raw mode on the slave, so bytes pass as typed (the interface sets it on the real one).
fn raw(slave: &OwnedFd) {
    use std::os::fd::AsRawFd;
    // SAFETY: tcgetattr fills the zeroed termios; cfmakeraw and tcsetattr read it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave.as_raw_fd(), &mut t), 0);
        libc::cfmakeraw(&mut t);
        assert_eq!(libc::tcsetattr(slave.as_raw_fd(), libc::TCSANOW, &t), 0);
    }
}

fn reader(slave: OwnedFd) -> (Handle, Receiver<Input>) {
    let (tx, rx) = mpsc::channel();
    let handle = spawn_on(slave, move |input| tx.send(input).is_ok()).expect("spawn");
    (handle, rx)
}

const SECOND: Duration = Duration::from_secs(1);

/// True once the thread has ended, waiting up to a second.
fn ends(handle: &Handle) -> bool {
    (0..100).any(|_| {
        let done = handle.is_finished();
        if !done {
            std::thread::sleep(SECOND / 100);
        }
        done
    })
}

#[test]
fn keys_and_acks_arrive() {
    let (mut master, slave) = pty();
    let (handle, rx) = reader(slave);
    master.write_all(b"j").unwrap();
    let j = Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char('j'),
        KeyModifiers::NONE,
    )));
    assert_eq!(rx.recv_timeout(SECOND), Ok(j));
    master.write_all(b"\x1B[0n").unwrap();
    assert_eq!(rx.recv_timeout(SECOND), Ok(Input::Ack));
    handle.stop();
}

#[test]
fn hangup_ends_the_thread_within_a_second() {
    let (master, slave) = pty();
    let (handle, rx) = reader(slave);
    drop(master);
    assert_eq!(rx.recv_timeout(SECOND), Ok(Input::Hangup));
    // Once: the thread has ended and dropped its sender.
    assert_eq!(
        rx.recv_timeout(SECOND),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
    assert!(ends(&handle));
}

#[test]
fn hangup_after_typing_delivers_the_keys_first() {
    let (mut master, slave) = pty();
    let (handle, rx) = reader(slave);
    master.write_all(b"q").unwrap();
    let q = Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Char('q'),
        KeyModifiers::NONE,
    )));
    assert_eq!(rx.recv_timeout(SECOND), Ok(q));
    drop(master);
    assert_eq!(rx.recv_timeout(SECOND), Ok(Input::Hangup));
    assert_eq!(
        rx.recv_timeout(SECOND),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
    assert!(ends(&handle));
}

#[test]
fn stop_ends_an_idle_thread() {
    let (_master, slave) = pty();
    let (handle, rx) = reader(slave);
    handle.stop();
    assert_eq!(
        rx.recv_timeout(SECOND),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
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
    assert_eq!(
        rx.recv_timeout(SECOND),
        Err(mpsc::RecvTimeoutError::Disconnected)
    );
    assert!(ends(&handle));
}
