//! A pseudo-terminal pair in raw mode for the tests of the input thread.

use std::fs::File;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};

/// A pty pair: (master, slave).
pub(super) fn pty() -> (File, OwnedFd) {
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
    // SAFETY: tcgetattr fills the zeroed termios; cfmakeraw and tcsetattr read it.
    unsafe {
        let mut t: libc::termios = std::mem::zeroed();
        assert_eq!(libc::tcgetattr(slave.as_raw_fd(), &mut t), 0);
        libc::cfmakeraw(&mut t);
        assert_eq!(libc::tcsetattr(slave.as_raw_fd(), libc::TCSANOW, &t), 0);
    }
}
