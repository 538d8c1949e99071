//! The terminal: set-up, restore (also on panic, SIGTERM and SIGHUP), and the event loop.
//!
//! The loop blocks on the next terminal event — no timer ticks while idle — applies the
//! actions `keymap` makes of it (and of any events already queued), and redraws only when
//! something changed, each frame inside a synchronized update.

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::app::{App, Settings};
use crate::text::AmbiguousWidth;
use crate::{archive, keymap, ui};

/// Opens the interface on `paths`; returns the exit code.
pub fn run(paths: &[PathBuf], mode: AmbiguousWidth) -> Result<i32, String> {
    use std::io::IsTerminal;
    if !io::stdout().is_terminal() || !io::stdin().is_terminal() {
        return Err(
            "the interface needs a terminal; for scripts use `juan list` or `juan show`".into(),
        );
    }
    let loaded = archive::load(paths);
    let settings = Settings {
        ambiguous: mode,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    restore_on_signals()?;
    let mut terminal =
        ratatui::try_init().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    install_panic_cleanup();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let size = terminal
        .size()
        .map_err(|e| format!("cannot read the terminal size: {e}"))?;
    let mut app = App::new(
        crate::corpus::Corpus::from_articles(loaded.articles),
        loaded.problems,
        settings,
        size.width,
        size.height,
    );
    let result = event_loop(&mut terminal, &mut app);
    restore();
    result
        .map(|_| 0)
        .map_err(|e| format!("terminal error: {e}"))
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, app: &mut App) -> io::Result<()> {
    let mut dirty = true;
    while !app.should_quit() {
        if dirty {
            let mut out = io::stdout();
            execute!(out, BeginSynchronizedUpdate)?;
            terminal.draw(|f| ui::draw(f, app))?;
            execute!(out, EndSynchronizedUpdate)?;
            out.flush()?;
            dirty = false;
        }
        // Idle work (laying out a long article) runs only while no event is waiting.
        if app.has_idle_work() && !event::poll(Duration::ZERO)? {
            dirty |= app.idle_work();
            continue;
        }
        // Block for the next event, then take whatever else is already queued before drawing.
        let mut ev = event::read()?;
        loop {
            if let Some(action) = keymap::action_for(&ev, app) {
                dirty |= app.update(action);
            }
            if app.should_quit() || !event::poll(Duration::ZERO)? {
                break;
            }
            ev = event::read()?;
        }
    }
    Ok(())
}

/// Leaves the terminal as it was: mouse and paste modes off, raw mode off, main screen, cursor.
pub fn restore() {
    let _ = execute!(io::stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
}

/// On panic: restore the terminal first (ratatui's own hook runs next), so the message is
/// readable and the shell usable.
fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            crossterm::cursor::Show
        );
        previous(info);
    }));
}

/// SIGTERM and SIGHUP (a dropped SSH connection) restore the terminal and exit.
fn restore_on_signals() -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}
