//! The input thread's loop: wait (no timeout) on the terminal, the SIGWINCH pipe and the stop
//! pipe; read everything the terminal has sent, decode it, hand it on; on a resize, hand on
//! the new size. A terminal that hangs up (POLLHUP, POLLERR, POLLNVAL, end of file, EIO or any
//! other read error) ends the loop with one [`Input::Hangup`]: every wake-up either consumes
//! something or ends the loop, so it never spins.

use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsFd, OwnedFd};
use std::os::unix::net::UnixStream;
use std::time::Instant;

use crossterm::event::Event;
use signal_hook::SigId;

use super::Input;
use super::decode::Decoder;
use super::tty::{self, Until};

/// How much one read asks for.
const READ_SIZE: usize = 4096;
/// The most read in one wake-up before decoding (a paste may be larger: it goes on in the
/// next wake-up).
const MAX_WAKE_UP: usize = 64 * 1024;

/// The terminal and the pipes the input thread waits on.
pub(super) struct Reader {
    terminal: File,
    /// Readable after a SIGWINCH (signal-hook's self-pipe).
    resized: UnixStream,
    resize_signal: SigId,
    decoder: Decoder,
}

/// What one wake-up read from the terminal.
struct Chunk {
    bytes: Vec<u8>,
    /// Stopped at [`MAX_WAKE_UP`] with more perhaps waiting.
    more: bool,
    /// The terminal ended (end of file or a read error).
    ended: bool,
}

impl Reader {
    /// Prepares to read `terminal` and registers for SIGWINCH.
    pub(super) fn new(terminal: OwnedFd) -> io::Result<Self> {
        let (resized, on_signal) = UnixStream::pair()?;
        resized.set_nonblocking(true)?;
        let resize_signal =
            signal_hook::low_level::pipe::register(signal_hook::consts::SIGWINCH, on_signal)?;
        Ok(Reader {
            terminal: File::from(terminal),
            resized,
            resize_signal,
            decoder: Decoder::default(),
        })
    }

    /// Runs until the terminal hangs up, `on_input` returns false, or `stop` is readable (a
    /// byte, or its other end closed: the handle was dropped).
    pub(super) fn run(mut self, stop: UnixStream, on_input: &mut dyn FnMut(Input) -> bool) {
        self.serve(&stop, on_input);
        signal_hook::low_level::unregister(self.resize_signal);
    }

    fn serve(&mut self, stop: &UnixStream, on_input: &mut dyn FnMut(Input) -> bool) {
        let mut resize_open = true;
        loop {
            let waited = tty::wait(
                [
                    Some(self.terminal.as_fd()),
                    resize_open.then(|| self.resized.as_fd()),
                    Some(stop.as_fd()),
                ],
                Until::Ready,
            );
            let Ok([terminal, resized, stopped]) = waited else {
                on_input(Input::Hangup);
                return;
            };
            if stopped.readable || stopped.gone {
                return;
            }
            if terminal.readable {
                let chunk = self.read_all();
                let inputs = self.decoder.feed(&chunk.bytes, chunk.more, Instant::now());
                for input in inputs {
                    if !on_input(input) {
                        return;
                    }
                }
                if chunk.ended {
                    on_input(Input::Hangup);
                    return;
                }
            }
            if terminal.gone {
                on_input(Input::Hangup);
                return;
            }
            if resized.readable && drain(&self.resized) {
                if let Ok((columns, rows)) = tty::size(self.terminal.as_fd())
                    && !on_input(Input::Event(Event::Resize(columns, rows)))
                {
                    return;
                }
            } else if resized.readable || resized.gone {
                // The signal pipe closed: resizes are no longer seen, but keys still are.
                resize_open = false;
            }
        }
    }

    /// Reads until the terminal has nothing more (or [`MAX_WAKE_UP`] bytes). Each read
    /// follows a wait that found input, so it does not block even on a blocking descriptor.
    fn read_all(&mut self) -> Chunk {
        let mut chunk = Chunk {
            bytes: Vec::new(),
            more: false,
            ended: false,
        };
        let mut buffer = [0u8; READ_SIZE];
        loop {
            match self.terminal.read(&mut buffer) {
                Ok(0) => chunk.ended = true,
                Ok(n) => {
                    chunk.bytes.extend_from_slice(&buffer[..n]);
                    if chunk.bytes.len() >= MAX_WAKE_UP {
                        chunk.more = true;
                    } else if self.more_ready() {
                        continue;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                // EIO: the terminal hung up; anything else: it cannot be read either.
                Err(_) => chunk.ended = true,
            }
            return chunk;
        }
    }

    /// True when the terminal has more input right now.
    fn more_ready(&self) -> bool {
        let now = tty::wait([Some(self.terminal.as_fd())], Until::Now);
        matches!(now, Ok([ready]) if ready.readable)
    }
}

/// Empties the signal pipe; false when it has closed.
fn drain(mut pipe: &UnixStream) -> bool {
    let mut buffer = [0u8; 64];
    loop {
        match pipe.read(&mut buffer) {
            Ok(0) => return false,
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return e.kind() == io::ErrorKind::WouldBlock,
        }
    }
}

#[cfg(test)]
mod tests;
