//! The display: draws frames of `&App` through the [`screen`](super::screen) renderer to the
//! terminal, and paces them by what the link drains.
//!
//! Pacing: over SSH, bytes written to the terminal are not on the screen yet; they queue in
//! sshd, the network and the client. A loop that draws a frame for every key piles frames
//! into that queue and the screen falls seconds behind the keys (a slow link holding `j`).
//! So after each frame the display asks the terminal for its status (DSR, `ESC[5n`); the
//! answer (`ESC[0n`) comes back only once the terminal has read everything before it. Until
//! it does, no new frame is written: keys are applied to the state as they come, and the
//! next frame, drawn when the answer arrives, shows the latest state — intermediate frames
//! are dropped, and the screen is at most one frame behind the last key.
//!
//! A terminal that never answers (or answers late) is not waited for forever: pacing turns
//! on only once an answer has come, and a frame is drawn anyway after [`PATIENCE`].

use std::io::{self, Write};
use std::time::{Duration, Instant};

use ratatui::layout::Rect;

use super::screen::{Canvas, Link, Options, Picture, Screen};
use super::term;
use crate::app::App;
use crate::ui;

/// How long a frame waits for the answer about the one before it.
pub const PATIENCE: Duration = Duration::from_secs(2);

/// Frames bigger than this are wrapped in a synchronized update (mode 2026), so a terminal
/// that knows it shows them whole; small ones (a scrolled line) are not worth the 16 bytes.
const SYNC_FROM: usize = 1024;

/// The terminal's screen as juan draws it.
pub struct Display {
    canvas: Canvas,
    screen: Screen,
    /// When the status question about the last frame was asked, while unanswered.
    asked: Option<Instant>,
    /// The terminal answers status questions: frames wait for the answers.
    answers: bool,
    /// Ask after each frame (the input reader can see the answers).
    ask: bool,
    /// Whether the terminal reports the mouse now.
    mouse: bool,
}

impl Display {
    /// A display of `width` × `height` for a terminal that takes `options`; `ask` when the
    /// input reader delivers the terminal's answers (pacing).
    /// `mouse` says whether the terminal's mouse reporting is on.
    pub fn new(
        width: u16,
        height: u16,
        options: Options,
        ask: bool,
        mouse: bool,
    ) -> io::Result<Display> {
        Ok(Display {
            canvas: Canvas::new(width, height)?,
            screen: Screen::new(options),
            asked: None,
            answers: false,
            ask,
            mouse,
        })
    }

    /// The terminal has a new size (or was written by someone else): the next frame is
    /// painted whole at it.
    pub fn resize(&mut self, area: Rect) {
        self.canvas.resize(area.width, area.height);
        self.screen.invalidate();
    }

    /// The terminal was set up again after a stop, with mouse reporting `mouse`.
    pub fn resumed(&mut self, mouse: bool) {
        self.mouse = mouse;
        self.asked = None;
    }

    /// Turns the terminal's mouse reporting on or off (the key that toggles capture); writes
    /// nothing when it already is.
    pub fn set_mouse(&mut self, on: bool, out: &mut impl Write) -> io::Result<()> {
        if on == self.mouse {
            return Ok(());
        }
        self.mouse = on;
        out.write_all(if on { term::MOUSE_ON } else { term::MOUSE_OFF }.as_bytes())?;
        out.flush()
    }

    /// True when a frame may be written now: the last one has reached the terminal (or the
    /// terminal does not answer, or has been waited for long enough).
    pub fn ready(&self, now: Instant) -> bool {
        match self.asked {
            Some(at) if self.answers => now.duration_since(at) >= PATIENCE,
            _ => true,
        }
    }

    /// How long until [`Display::ready`] turns true by itself; None when it is already.
    pub fn wait(&self, now: Instant) -> Option<Duration> {
        match self.asked {
            Some(at) if self.answers => (at + PATIENCE).checked_duration_since(now),
            _ => None,
        }
    }

    /// The terminal answered the status question: the frame before it is on screen.
    pub fn answered(&mut self) {
        self.asked = None;
        self.answers = true;
    }

    /// True while a status question is unanswered (quitting waits a little for its answer,
    /// so it does not land in the shell).
    pub fn asking(&self) -> bool {
        // A terminal that has never answered is only waited for while it still might.
        self.asked
            .is_some_and(|at| self.answers || at.elapsed() < PATIENCE)
    }

    /// Draws `app` and writes what changed to `out`.
    pub fn draw(&mut self, app: &App, out: &mut impl Write) -> io::Result<()> {
        let (buffer, cursor) = self.canvas.draw(|f| ui::draw(f, app))?;
        let links: Vec<Link> = ui::links(app)
            .into_iter()
            .map(|(area, url)| Link {
                x: area.x,
                y: area.y,
                width: area.width,
                url,
            })
            .collect();
        let mut bytes = Vec::with_capacity(4096);
        self.screen.render(
            &Picture {
                buffer: &buffer,
                cursor,
                links: &links,
            },
            &mut bytes,
        );
        if bytes.len() > SYNC_FROM {
            bytes.splice(0..0, *b"\x1b[?2026h");
            bytes.extend_from_slice(b"\x1b[?2026l");
        }
        // Ask about this frame, unless a question is out already (a terminal that has never
        // answered is asked once; one that answers is asked again when an answer is overdue).
        let now = Instant::now();
        let overdue = self.answers && self.ready(now);
        if self.ask && !bytes.is_empty() && (self.asked.is_none() || overdue) {
            bytes.extend_from_slice(b"\x1b[5n");
            self.asked = Some(now);
        }
        out.write_all(&bytes)?;
        out.flush()
    }
}
