//! The terminal's capabilities and modes: what the environment says the terminal can do
//! (`Caps::detect`, rules in `detect`), what the user chose (`--no-alt-screen`, the config
//! file's `[terminal]`: [`TermOptions`]), and the exact mode sequences juan turns on and off.
//!
//! juan turns on only what it uses, and on leaving turns off exactly that:
//!
//! - the alternate screen (`CSI ? 1049 h`), unless the terminal has none (`linux`, `vt100`, …)
//!   or the user asked to keep the last screen in the scrollback (`--no-alt-screen`, as
//!   `less -X`);
//! - bracketed paste (`CSI ? 2004 h`), always: a paste is text, never keys;
//! - mouse reports of buttons and the wheel only (`CSI ? 1000 h`) in SGR form (`CSI ? 1006 h`):
//!   never motion tracking (1002/1003, which sends every pointer move upstream over SSH) nor
//!   the urxvt form (1015). The user can turn them off and on (`Display::set_mouse` in
//!   `tui/display.rs`).
//!
//! Raw mode is crossterm's (`enable_raw_mode`): a termios setting, no bytes. Hiding the cursor
//! and drawing are the renderer's. `TERM=dumb` (or no `TERM`) cannot move the cursor: the
//! interface refuses (exit code 2) and says that the commands work anywhere.

use std::io::{self, Write};

use crate::app::Settings;
use crate::commands::Failure;
use crate::text::AmbiguousWidth;

pub(crate) mod detect;

pub(crate) use detect::Env;

/// Switches to the alternate screen (xterm's 1049: the cursor is saved, the screen cleared).
pub(crate) const ALT_SCREEN_ON: &str = "\x1b[?1049h";
/// Back to the main screen and the saved cursor.
pub(crate) const ALT_SCREEN_OFF: &str = "\x1b[?1049l";
/// Bracketed paste on: a paste arrives between `CSI 200 ~` and `CSI 201 ~`.
pub(crate) const PASTE_ON: &str = "\x1b[?2004h";
/// Bracketed paste off.
pub(crate) const PASTE_OFF: &str = "\x1b[?2004l";
/// Button and wheel reports (1000), in SGR form (1006). No motion (1002/1003), no 1015.
pub(crate) const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
/// Mouse reports off, in the reverse order.
pub(crate) const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";
/// Without the alternate screen, leaving puts the cursor on the last row (a row past the
/// bottom is the bottom) and starts a new line, so the shell's prompt comes under the last
/// screen, which stays (as `less -X` leaves it).
pub(crate) const MAIN_SCREEN_EXIT: &str = "\x1b[999;1H\r\n";

/// What the user chose about the terminal: the command line and the config file's
/// `[terminal]` table, the command line winning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOptions {
    /// Use the alternate screen (`[terminal] alt_screen`, off with `--no-alt-screen`).
    pub(crate) alt_screen: bool,
    /// Start with mouse capture on (`[terminal] mouse`); a key turns it off and on.
    pub(crate) mouse: bool,
}

impl Default for TermOptions {
    fn default() -> TermOptions {
        TermOptions {
            alt_screen: true,
            mouse: true,
        }
    }
}

impl TermOptions {
    /// The options from the config file's `[terminal]` table and `--no-alt-screen`.
    pub fn new(no_alt_screen: bool, config: &crate::config::Terminal) -> TermOptions {
        TermOptions {
            alt_screen: config.alt_screen && !no_alt_screen,
            mouse: config.mouse,
        }
    }
}

/// What juan uses of the terminal: what it can do, narrowed by the user's options, and which
/// modes are on now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caps {
    /// Unicode chrome (box drawing, `▶`, `…`); ASCII (`+ - |`, `>`, `...`) when false.
    pub(crate) unicode: bool,
    /// Colours may be used (no `NO_COLOR`, not a monochrome terminal).
    pub(crate) color: bool,
    /// The terminal shows 24-bit colour (`COLORTERM=truecolor`).
    pub(crate) true_color: bool,
    /// The interface runs on the alternate screen.
    pub(crate) alt_screen: bool,
    /// Mouse reports are wanted now (on after [`Caps::enter`]; [`Caps::set_mouse`] changes it).
    pub(crate) mouse: bool,
    /// Screen rows when detected: without the alternate screen, [`Caps::enter`] scrolls that
    /// many rows into the scrollback, so nothing that was on the screen is lost.
    rows: u16,
}

impl Caps {
    /// The terminal juan runs in (its environment and size) under `options`; a failure
    /// (exit code 2) when it cannot move the cursor (`TERM=dumb` or no `TERM`).
    pub(crate) fn detect(options: TermOptions) -> Result<Caps, Failure> {
        let rows = crossterm::terminal::size().map_or(0, |(_, rows)| rows);
        Caps::from_env(&Env::current(), options, rows)
    }

    /// [`Caps::detect`] for the environment `env` and a screen of `rows` rows.
    pub(crate) fn from_env(env: &Env, options: TermOptions, rows: u16) -> Result<Caps, Failure> {
        let terminal = detect::terminal(env).map_err(|dumb| Failure::Terminal(dumb.to_string()))?;
        Ok(Caps {
            unicode: terminal.unicode,
            color: terminal.color,
            true_color: terminal.true_color,
            alt_screen: terminal.alt_screen && options.alt_screen,
            mouse: terminal.mouse && options.mouse,
            rows,
        })
    }

    /// The interface's settings for this terminal, with `ambiguous` as the width policy.
    pub(crate) fn settings(&self, ambiguous: AmbiguousWidth) -> Settings {
        Settings {
            ambiguous,
            color: self.color,
            unicode: self.unicode,
            mouse: self.mouse,
        }
    }

    /// Turns juan's modes on: the alternate screen (or, without it, the screen's rows scrolled
    /// into the scrollback and the cursor home), bracketed paste, then the mouse if wanted.
    pub(crate) fn enter(&self, out: &mut impl Write) -> io::Result<()> {
        let mut seq = String::new();
        if self.alt_screen {
            seq.push_str(ALT_SCREEN_ON);
        } else {
            // The screen as it was goes up into the scrollback, so the first frame draws on
            // an empty screen and nothing the user had there is lost.
            seq.push_str("\x1b[999;1H");
            seq.push_str(&"\n".repeat(usize::from(self.rows)));
            seq.push_str("\x1b[H\x1b[2J");
        }
        seq.push_str(PASTE_ON);
        if self.mouse {
            seq.push_str(MOUSE_ON);
        }
        out.write_all(seq.as_bytes())?;
        out.flush()
    }

    /// Turns off what [`Caps::enter`] and [`Caps::set_mouse`] turned on, in the reverse order.
    #[cfg(test)]
    pub(crate) fn leave(&self, out: &mut impl Write) -> io::Result<()> {
        self.write_leave(self.mouse, out)
    }

    /// [`Caps::leave`] for a panic hook or signal handler holding a copy taken before the
    /// mouse may have been turned on: the mouse modes are turned off whatever the copy says
    /// (turning off a mode that is off does nothing).
    pub(crate) fn restore(&self, out: &mut impl Write) -> io::Result<()> {
        self.write_leave(true, out)
    }

    fn write_leave(&self, mouse: bool, out: &mut impl Write) -> io::Result<()> {
        let mut seq = String::new();
        if mouse {
            seq.push_str(MOUSE_OFF);
        }
        seq.push_str(PASTE_OFF);
        seq.push_str(if self.alt_screen {
            ALT_SCREEN_OFF
        } else {
            MAIN_SCREEN_EXIT
        });
        out.write_all(seq.as_bytes())?;
        out.flush()
    }

    /// Turns mouse reports on or off (the key that toggles mouse capture); writes nothing when
    /// they already are.
    pub(crate) fn set_mouse(&mut self, on: bool, out: &mut impl Write) -> io::Result<()> {
        if on == self.mouse {
            return Ok(());
        }
        self.mouse = on;
        out.write_all(if on { MOUSE_ON } else { MOUSE_OFF }.as_bytes())?;
        out.flush()
    }
}

#[cfg(test)]
mod tests;
