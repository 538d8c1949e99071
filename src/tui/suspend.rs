//! Job control, as less and vim do it: Ctrl-Z (a key in raw mode, which sends no signal) or a
//! SIGTSTP from outside restores the terminal and stops juan; `fg` (SIGCONT) puts the
//! interface back and redraws it whole. A SIGCONT after any stop (a SIGSTOP from outside
//! too) redraws: whatever ran meanwhile may have changed the screen and the terminal's modes.
//!
//! juan stops itself with SIGTSTP, not SIGSTOP, so that without job control (juan started
//! as a session leader, `ssh -t host juan`, where no shell could resume it) the kernel
//! ignores the stop and juan simply goes on. Ctrl-Z stops juan's whole process group, as
//! the key would in a cooked terminal, so the shell sees a pipeline such as
//! `juan gen 100 | juan -` stopped as one job.

use std::io;
use std::sync::mpsc::Sender;

use crossterm::terminal::disable_raw_mode;
use ratatui::layout::Rect;

/// Who asked juan to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The Ctrl-Z key: the whole process group stops, as the key does in a cooked terminal.
    Key,
    /// A SIGTSTP sent to juan alone (`kill -TSTP`): juan alone stops.
    Signal,
}

/// Forwards SIGTSTP and SIGCONT to the event loop as messages made by `on_stop` and
/// `on_continue`; from then on SIGTSTP no longer stops juan until [`suspend`] has restored
/// the terminal.
pub(crate) fn forward_signals<M: Send + 'static>(
    tx: Sender<M>,
    on_stop: fn() -> M,
    on_continue: fn() -> M,
) -> Result<(), String> {
    use signal_hook::consts::{SIGCONT, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTSTP, SIGCONT])
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            let msg = if sig == SIGTSTP {
                on_stop()
            } else {
                on_continue()
            };
            if tx.send(msg).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Restores the terminal, stops (returning once continued, or at once when there is no job
/// control), then sets the terminal up again and makes the next draw a full one.
pub(crate) fn suspend(who: Stop) -> io::Result<Rect> {
    super::restore();
    stop(who);
    resume()
}

/// Sets the terminal up again after a stop (raw mode and juan's modes: [`super::enter`]). Returns the terminal's size now (it may have changed while juan was
/// stopped, without a SIGWINCH reaching it); the caller repaints every cell.
pub(crate) fn resume() -> io::Result<Rect> {
    // The shell may have put the terminal back to cooked mode while crossterm still thinks
    // it is raw: leave raw mode first so entering it applies the settings again.
    let _ = disable_raw_mode();
    super::enter()?;
    let (width, height) = crossterm::terminal::size()?;
    Ok(Rect::new(0, 0, width, height))
}

/// Stops juan with SIGTSTP's default action and returns when it is continued. SIGTSTP's
/// handler (the forwarding above) is set aside meanwhile and put back after.
fn stop(who: Stop) {
    // SAFETY: sigaction and raise with valid arguments; the handler saved is restored as it
    // was. raise() sends the signal to this thread, which takes it before raise returns.
    unsafe {
        let mut saved: libc::sigaction = std::mem::zeroed();
        let mut action: libc::sigaction = std::mem::zeroed();
        libc::sigemptyset(&mut action.sa_mask);
        if who == Stop::Key {
            // The rest of the group first; juan ignores its own copy.
            action.sa_sigaction = libc::SIG_IGN;
            libc::sigaction(libc::SIGTSTP, &action, &mut saved);
            libc::kill(0, libc::SIGTSTP);
            action.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(libc::SIGTSTP, &action, std::ptr::null_mut());
        } else {
            action.sa_sigaction = libc::SIG_DFL;
            libc::sigaction(libc::SIGTSTP, &action, &mut saved);
        }
        libc::raise(libc::SIGTSTP);
        libc::sigaction(libc::SIGTSTP, &saved, std::ptr::null_mut());
    }
}
