//! Terminal input on a thread of juan's own: keys, mouse, pastes and resizes as crossterm
//! [`Event`]s (the keymap matches on them), plus two things crossterm's reader cannot give:
//! the terminal's acknowledgement of a status request ([`Input::Ack`], to pace frames by what
//! the link drains) and the end of the terminal ([`Input::Hangup`]).
//!
//! Why not `crossterm::event::read`: its public API drops replies to terminal queries; its
//! poll loop spins at 100% CPU when the terminal hangs up without a SIGHUP (crossterm issue
//! #793: POLLHUP is ignored); and it cannot tell an unbracketed paste from typing.
//!
//! The thread opens `/dev/tty` (keys come from the terminal even when stdin is an archive;
//! without a controlling terminal, the terminal stdin, stdout or stderr is), and `poll(2)`s
//! it with the SIGWINCH self-pipe and a stop pipe, without a timeout: no wake-ups while idle.
//! Each wake-up reads everything the terminal has sent and decodes it ([`decode`]:
//! crossterm's parser adapted in [`parse`], unbracketed pastes by the rule in [`burst`]).
//!
//! How the event loop uses it (`Msg` is the loop's own message type):
//!
//! ```ignore
//! let _input = input::spawn(move |input| {
//!     let msg = match input {
//!         Input::Event(event) => Msg::Term(event),
//!         Input::Ack => Msg::Answered, // the frame before the `ESC[5n` is on screen
//!         Input::Hangup => Msg::Hangup, // the terminal is gone: leave
//!     };
//!     tx.send(msg).is_ok() // false (the loop has ended) ends the thread
//! })?;
//! ```
//!
//! The handle ends the thread when dropped, so it is kept for the whole session.

mod burst;
mod decode;
mod parse;
mod reader;
#[cfg(test)]
mod test_pty;
mod tty;

use std::io;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::thread::JoinHandle;

use crossterm::event::Event;

/// What the input thread delivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    /// A key, mouse, paste or resize event. A burst of typed text holding a line end (an
    /// unbracketed paste) comes as one `Event::Paste`, with line ends as `\n`; so do bracketed
    /// pastes.
    Event(Event),
    /// The terminal answered a device status request (`ESC [ 5 n`, answered `ESC [ 0 n`): what
    /// was written before the request has been read by the terminal.
    Ack,
    /// The terminal is gone (hung up, closed, or unreadable); the thread has ended. Sent once.
    Hangup,
}

/// The running input thread; dropping it ends the thread (it wakes at once, even while
/// idle) and waits for it. Keep it for as long as input is wanted.
#[derive(Debug)]
pub(crate) struct Handle {
    thread: Option<JoinHandle<()>>,
    stop: UnixStream,
}

impl Drop for Handle {
    fn drop(&mut self) {
        use std::io::Write;
        let _ = (&self.stop).write_all(&[1]);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts reading the controlling terminal (`/dev/tty`) on a thread. `on_input` gets every
/// input in order; when it returns false the thread ends. Fails when there is no terminal.
pub(crate) fn spawn(on_input: impl FnMut(Input) -> bool + Send + 'static) -> io::Result<Handle> {
    spawn_on(tty::open()?, on_input)
}

/// As [`spawn`], reading `terminal` (any terminal device, e.g. a pty's slave in a test)
/// instead of `/dev/tty`; blocking or not, it is read only when input is there.
pub(crate) fn spawn_on(
    terminal: OwnedFd,
    mut on_input: impl FnMut(Input) -> bool + Send + 'static,
) -> io::Result<Handle> {
    let reader = reader::Reader::new(terminal)?;
    let (stop_rx, stop) = UnixStream::pair()?;
    let thread = std::thread::Builder::new()
        .name("juan-input".into())
        .spawn(move || reader.run(stop_rx, &mut on_input))?;
    Ok(Handle {
        thread: Some(thread),
        stop,
    })
}
