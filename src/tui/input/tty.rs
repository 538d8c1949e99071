//! The system calls of the input thread, each with its one `unsafe` block: opening the
//! terminal, making a descriptor non-blocking, `poll(2)` without a timeout, and the window
//! size.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;

/// Opens the controlling terminal for reading keys (read-write, close-on-exec as std always
/// does, non-blocking, never becoming the controlling terminal).
pub(super) fn open() -> io::Result<OwnedFd> {
    let file: File = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
        .open("/dev/tty")?;
    Ok(file.into())
}

/// Sets O_NONBLOCK on `fd`'s open file.
pub(super) fn set_nonblocking(fd: BorrowedFd<'_>) -> io::Result<()> {
    // SAFETY: fcntl on a descriptor that is open for the borrow's lifetime; no memory is
    // passed.
    unsafe {
        let flags = libc::fcntl(fd.as_raw_fd(), libc::F_GETFL);
        if flags < 0 || libc::fcntl(fd.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK) < 0 {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// What `poll` found on one descriptor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Ready {
    /// Bytes (or an end) can be read.
    pub(super) readable: bool,
    /// Hung up, in error, or not open (POLLHUP, POLLERR, POLLNVAL): it will never be readable
    /// again in a useful way.
    pub(super) gone: bool,
}

/// Waits, without a timeout, until one of `fds` (None: left out) is readable or gone; retries
/// when a signal interrupts the wait.
pub(super) fn wait<const N: usize>(fds: [Option<BorrowedFd<'_>>; N]) -> io::Result<[Ready; N]> {
    let mut polled = fds.map(|fd| libc::pollfd {
        // A negative descriptor is ignored by poll.
        fd: fd.map_or(-1, |fd| fd.as_raw_fd()),
        events: libc::POLLIN,
        revents: 0,
    });
    loop {
        // SAFETY: `polled` is an array of N initialised pollfd structs that outlives the
        // call; the descriptors are open (borrowed) or negative.
        let n = unsafe { libc::poll(polled.as_mut_ptr(), N as libc::nfds_t, -1) };
        if n >= 0 {
            break;
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
    Ok(polled.map(|p| Ready {
        readable: p.revents & libc::POLLIN != 0,
        gone: p.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0,
    }))
}

/// The terminal's size in (columns, rows): asked of `fd`, else as crossterm asks.
pub(super) fn size(fd: BorrowedFd<'_>) -> io::Result<(u16, u16)> {
    // SAFETY: TIOCGWINSZ writes one winsize into the zeroed struct passed, which outlives
    // the call.
    let asked = unsafe {
        let mut size: libc::winsize = std::mem::zeroed();
        (libc::ioctl(fd.as_raw_fd(), libc::TIOCGWINSZ, &mut size) == 0).then_some(size)
    };
    match asked {
        Some(size) if size.ws_col > 0 && size.ws_row > 0 => Ok((size.ws_col, size.ws_row)),
        _ => crossterm::terminal::size(),
    }
}
