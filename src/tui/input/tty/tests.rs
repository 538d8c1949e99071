//! The waits (both kinds, on a pty), the terminal's name and size.

use std::io::Write;
use std::os::fd::{AsFd, AsRawFd};

use super::super::test_pty::pty;
use super::{Ready, Until, open_path, size, terminal_name, wait_poll, wait_select};

const IDLE: Ready = Ready {
    readable: false,
    gone: false,
};

#[test]
fn poll_sees_input_and_hangup() {
    let (mut master, slave) = pty();
    assert_eq!(
        wait_poll([Some(slave.as_fd())], Until::Now).unwrap(),
        [IDLE]
    );
    master.write_all(b"j").unwrap();
    let [ready] = wait_poll([Some(slave.as_fd())], Until::Ready).unwrap();
    assert!(ready.readable);
    drop(master);
    let [ready] = wait_poll([Some(slave.as_fd())], Until::Ready).unwrap();
    assert!(ready.gone, "{ready:?}");
}

#[test]
fn select_sees_input_and_hangup_as_readable() {
    let (mut master, slave) = pty();
    assert_eq!(
        wait_select([Some(slave.as_fd()), None], Until::Now).unwrap(),
        [IDLE; 2]
    );
    master.write_all(b"j").unwrap();
    let [ready, left_out] = wait_select([Some(slave.as_fd()), None], Until::Ready).unwrap();
    assert!(ready.readable);
    assert_eq!(left_out, IDLE);
    drop(master);
    let [ready, _] = wait_select([Some(slave.as_fd()), None], Until::Ready).unwrap();
    assert!(ready.readable);
}

#[test]
fn a_terminal_is_found_by_name_and_opened() {
    let (_master, slave) = pty();
    let name = terminal_name(slave.as_raw_fd()).expect("a pty has a name");
    assert!(name.starts_with("/dev/"), "{name}");
    assert!(open_path(&name).is_ok());
    // Not a terminal: no name.
    let file = std::fs::File::open(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    assert_eq!(terminal_name(file.as_raw_fd()), None);
}

#[test]
fn size_is_the_terminals() {
    let (master, slave) = pty();
    let wanted = libc::winsize {
        ws_row: 50,
        ws_col: 200,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize, which outlives the call.
    assert_eq!(
        unsafe { libc::ioctl(master.as_raw_fd(), libc::TIOCSWINSZ, &wanted) },
        0
    );
    assert_eq!(size(slave.as_fd()).unwrap(), (200, 50));
}
