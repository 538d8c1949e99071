//! The system calls of the input thread, each with its one `unsafe` block: opening the
//! terminal, waiting for input (`poll(2)`; `select(2)` on macOS, whose `poll` does not
//! support terminals), and the window size.

use std::fs::{File, OpenOptions};
use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd};
use std::os::unix::fs::OpenOptionsExt;

/// Opens the terminal to read keys from, with an open file of its own (so making it
/// non-blocking touches no one else's): the controlling terminal `/dev/tty`, else (juan
/// started without one, e.g. by `setsid`) the terminal that stdin, stdout or stderr is.
pub(super) fn open() -> io::Result<OwnedFd> {
    let error = match open_path("/dev/tty") {
        Ok(fd) => return Ok(fd),
        Err(error) => error,
    };
    [libc::STDIN_FILENO, libc::STDOUT_FILENO, libc::STDERR_FILENO]
        .into_iter()
        .find_map(|fd| open_path(&terminal_name(fd)?).ok())
        .ok_or(error)
}

/// Opens a terminal device read-write, close-on-exec (as std always does), non-blocking,
/// never becoming the controlling terminal.
fn open_path(path: &str) -> io::Result<OwnedFd> {
    let file: File = OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY | libc::O_NONBLOCK)
        .open(path)?;
    Ok(file.into())
}

/// The device path of the terminal `fd` is, if it is one.
fn terminal_name(fd: libc::c_int) -> Option<String> {
    let mut name = [0 as libc::c_char; 256];
    // SAFETY: isatty takes any number; ttyname_r writes at most `name.len()` bytes, a
    // NUL-terminated string when it returns 0.
    let found =
        unsafe { libc::isatty(fd) == 1 && libc::ttyname_r(fd, name.as_mut_ptr(), name.len()) == 0 };
    if !found {
        return None;
    }
    // SAFETY: ttyname_r succeeded, so `name` holds a NUL-terminated string.
    let name = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    name.to_str().ok().map(str::to_owned)
}

/// What a wait found on one descriptor.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Ready {
    /// Bytes (or an end) can be read.
    pub(super) readable: bool,
    /// Hung up, in error, or not open (POLLHUP, POLLERR, POLLNVAL): never usefully readable
    /// again. (`select` cannot tell: there a hung-up terminal is readable, and the read says.)
    pub(super) gone: bool,
}

/// How long a wait may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Until {
    /// Until something is ready (no timeout: nothing wakes an idle thread).
    Ready,
    /// Not at all: what is ready now.
    Now,
}

/// Waits on `fds` (None: left out) for input; retries when a signal interrupts the wait.
pub(super) fn wait<const N: usize>(
    fds: [Option<BorrowedFd<'_>>; N],
    until: Until,
) -> io::Result<[Ready; N]> {
    if cfg!(target_os = "macos") {
        wait_select(fds, until)
    } else {
        wait_poll(fds, until)
    }
}

/// [`wait`] with `poll(2)`.
fn wait_poll<const N: usize>(
    fds: [Option<BorrowedFd<'_>>; N],
    until: Until,
) -> io::Result<[Ready; N]> {
    let mut polled = fds.map(|fd| libc::pollfd {
        // A negative descriptor is ignored by poll.
        fd: fd.map_or(-1, |fd| fd.as_raw_fd()),
        events: libc::POLLIN,
        revents: 0,
    });
    let timeout = if until == Until::Ready { -1 } else { 0 };
    loop {
        // SAFETY: `polled` is an array of N initialised pollfd structs that outlives the
        // call; the descriptors are open (borrowed) or negative.
        let n = unsafe { libc::poll(polled.as_mut_ptr(), N as libc::nfds_t, timeout) };
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

/// [`wait`] with `select(2)`, for macOS (compiled everywhere, so it is tested too).
fn wait_select<const N: usize>(
    fds: [Option<BorrowedFd<'_>>; N],
    until: Until,
) -> io::Result<[Ready; N]> {
    let raw = fds.map(|fd| fd.map(|fd| fd.as_raw_fd()));
    if raw
        .iter()
        .flatten()
        .any(|&fd| fd >= libc::FD_SETSIZE as libc::c_int)
    {
        return Err(io::Error::other("descriptor too large for select"));
    }
    let highest = raw.iter().flatten().copied().max().unwrap_or(-1);
    loop {
        let mut zero = libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        };
        let timeout = match until {
            Until::Ready => std::ptr::null_mut(),
            Until::Now => &mut zero as *mut libc::timeval,
        };
        // SAFETY: the fd_set is initialised by FD_ZERO and holds only descriptors below
        // FD_SETSIZE (checked above) that are open (borrowed); it and `zero` outlive the call.
        let (n, set) = unsafe {
            let mut set: libc::fd_set = std::mem::zeroed();
            libc::FD_ZERO(&mut set);
            for &fd in raw.iter().flatten() {
                libc::FD_SET(fd, &mut set);
            }
            let n = libc::select(
                highest + 1,
                &mut set,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
                timeout,
            );
            (n, set)
        };
        if n >= 0 {
            // SAFETY: FD_ISSET reads the set select filled, for descriptors below FD_SETSIZE.
            let readable = |fd: libc::c_int| unsafe { libc::FD_ISSET(fd, &set) };
            return Ok(raw.map(|fd| Ready {
                readable: n > 0 && fd.is_some_and(readable),
                gone: false,
            }));
        }
        let error = io::Error::last_os_error();
        if error.kind() != io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
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

#[cfg(test)]
mod tests;
