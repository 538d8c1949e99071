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
pub(crate) const PATIENCE: Duration = Duration::from_secs(2);

/// Frames bigger than this are wrapped in a synchronized update (mode 2026), so a terminal
/// that knows it shows them whole; small ones (a scrolled line) are not worth the 16 bytes.
const SYNC_FROM: usize = 1024;

/// The terminal's screen as juan draws it.
pub(crate) struct Display {
    canvas: Canvas,
    screen: Screen,
    /// When the status question about the last frame was asked, while unanswered.
    asked: Option<Instant>,
    /// How long the terminal takes to answer, smoothed: the link's round trip.
    round_trip: Option<Duration>,
    /// The terminal answers status questions: frames wait for the answers.
    answers: bool,
    /// Ask after each frame (the input reader can see the answers).
    ask: bool,
    /// The terminal's modes: whether it reports the mouse now.
    caps: term::Caps,
    /// Whether setting the terminal up turns mouse reporting on.
    mouse_at_start: bool,
}

impl Display {
    /// A display of `width` × `height` for a terminal that takes `options`; `ask` when the
    /// input reader delivers the terminal's answers (pacing).
    /// `caps` says which modes the terminal has on (the mouse may be turned off and on).
    pub(crate) fn new(
        width: u16,
        height: u16,
        options: Options,
        ask: bool,
        caps: term::Caps,
    ) -> io::Result<Display> {
        Ok(Display {
            canvas: Canvas::new(width, height)?,
            screen: Screen::new(options),
            asked: None,
            round_trip: None,
            answers: false,
            ask,
            caps,
            mouse_at_start: caps.mouse,
        })
    }

    /// The terminal has a new size (or was written by someone else): the next frame is
    /// painted whole at it.
    pub(crate) fn resize(&mut self, area: Rect) {
        self.canvas.resize(area.width, area.height);
        self.screen.invalidate();
    }

    /// The terminal was set up again after a stop (`tui::enter`, with the modes detected at
    /// start): the mouse is as it was then, no question is out, and the next frame is whole.
    pub(crate) fn resumed(&mut self, area: Rect) {
        self.caps.mouse = self.mouse_at_start;
        self.asked = None;
        self.resize(area);
    }

    /// Turns the terminal's mouse reporting on or off (the key that toggles capture); writes
    /// nothing when it already is.
    pub(crate) fn set_mouse(&mut self, on: bool, out: &mut impl Write) -> io::Result<()> {
        self.caps.set_mouse(on, out)
    }

    /// True when a frame may be written now: the last one has reached the terminal (or the
    /// terminal does not answer, or has been waited for long enough).
    pub(crate) fn ready(&self, now: Instant) -> bool {
        match self.asked {
            Some(at) if self.answers => now.duration_since(at) >= PATIENCE,
            _ => true,
        }
    }

    /// How long until [`Display::ready`] turns true by itself; None when it is already.
    pub(crate) fn wait(&self, now: Instant) -> Option<Duration> {
        match self.asked {
            Some(at) if self.answers => (at + PATIENCE).checked_duration_since(now),
            _ => None,
        }
    }

    /// The terminal answered the status question: the frame before it is on screen.
    pub(crate) fn answered(&mut self) {
        if let Some(at) = self.asked.take() {
            let took = at.elapsed();
            self.round_trip = Some(self.round_trip.map_or(took, |rtt| (rtt * 3 + took) / 4));
        }
        self.answers = true;
    }

    /// The link's round trip as the terminal's answers measure it (smoothed); None before the
    /// first answer.
    pub(crate) fn round_trip(&self) -> Option<Duration> {
        self.round_trip
    }

    /// True while a status question is unanswered (quitting waits a little for its answer,
    /// so it does not land in the shell).
    pub(crate) fn asking(&self) -> bool {
        // A terminal that has never answered is only waited for while it still might.
        self.asked
            .is_some_and(|at| self.answers || at.elapsed() < PATIENCE)
    }

    /// Draws `app` and writes what changed to `out`.
    pub(crate) fn draw(&mut self, app: &App, out: &mut impl Write) -> io::Result<()> {
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

#[cfg(test)]
mod tests {
    //! Whole interface frames through the renderer into a terminal emulator: after any
    //! sequence of keys the emulator's screen is the frame ratatui drew.

    use proptest::prelude::*;

    use super::*;
    use crate::app::Action;
    use crate::article::Article;

    fn articles() -> Vec<Article> {
        (0..6)
            .map(|a| Article {
                id: format!("a{a}"),
                title: format!("第{a}篇：翻页测试"),
                date: crate::date::Date::from_text(&format!("2024-03-0{}", a + 1)),
                source: ["测试日报", "Daily"][a % 2].into(),
                url: Some(format!("https://example.cn/{a}")),
                body: (1..=80)
                    .map(|p| format!("第{a}篇第{p:03}段。{}", "正文".repeat(p % 40)))
                    .collect::<Vec<_>>()
                    .join("\n")
                    .into(),
                ..Default::default()
            })
            .collect()
    }

    fn action(n: u8) -> Action {
        match n % 14 {
            0 => Action::SelectNext,
            1 => Action::SelectPrev,
            2 => Action::Open,
            3 => Action::Back,
            4 => Action::Scroll(1),
            5 => Action::Scroll(-1),
            6 => Action::ScrollPageDown,
            7 => Action::ScrollHalfUp,
            8 => Action::ScrollBottom,
            9 => Action::ScrollTop,
            10 => Action::ToggleFocus,
            11 => Action::SelectPageDown,
            12 => Action::NextArticle,
            _ => Action::QueryInsert("篇".into()),
        }
    }

    /// Drives an app through `keys` (and resizes), rendering each frame into `vt100`.
    fn replay(size: (u16, u16), keys: &[(u8, bool)], rest: bool) {
        let (w, h) = size;
        let mut app = App::of_articles(articles(), w, h);
        app.set_preview_rest(rest);
        let options = Options {
            unicode: true,
            ambiguous_wide: false,
            hyperlinks: true,
        };
        let env = term::Env {
            term: Some("xterm-256color".into()),
            lang: Some("C.UTF-8".into()),
            ..term::Env::default()
        };
        let caps = term::Caps::from_env(&env, term::TermOptions::default(), h).unwrap();
        let mut display = Display::new(w, h, options, false, caps).unwrap();
        let mut term = vt100::Parser::new(h, w, 0);
        let mut canvas = Canvas::new(w, h).unwrap();
        for (i, &(key, resize)) in keys.iter().enumerate() {
            if resize {
                let (w, h) = (60 + u16::from(key % 100), 16 + u16::from(key % 30));
                term.screen_mut().set_size(h, w);
                display.resize(Rect::new(0, 0, w, h));
                canvas.resize(w, h);
                app.update(Action::Resize(w, h));
            } else {
                app.update(action(key));
                if key % 3 == 0 {
                    app.release_preview();
                }
            }
            let mut out = Vec::new();
            display.draw(&app, &mut out).unwrap();
            term.process(&out);
            let (want, _) = canvas.draw(|f| ui::draw(f, &app)).unwrap();
            let got = term.screen();
            for y in 0..want.area.height {
                let mut row = String::new();
                let mut x = 0;
                while x < want.area.width {
                    let cell = &want[(x, y)];
                    row.push_str(cell.symbol());
                    x += super::super::screen::glyph_width(cell.symbol());
                }
                let shown: String = got.contents_between(y, 0, y, want.area.width);
                assert_eq!(
                    shown.trim_end(),
                    row.trim_end(),
                    "step {i} ({:?}), row {y}",
                    action(key)
                );
            }
        }
    }

    #[test]
    fn frames_wait_for_answers_and_the_answers_measure_the_link() {
        let mut app = App::of_articles(articles(), 80, 24);
        let env = term::Env {
            term: Some("xterm-256color".into()),
            lang: Some("C.UTF-8".into()),
            ..term::Env::default()
        };
        let caps = term::Caps::from_env(&env, term::TermOptions::default(), 24).unwrap();
        let options = Options {
            unicode: true,
            ambiguous_wide: false,
            hyperlinks: true,
        };
        let mut display = Display::new(80, 24, options, true, caps).unwrap();
        let mut out = Vec::new();
        display.draw(&app, &mut out).unwrap();
        assert!(out.ends_with(b"\x1b[5n"), "a frame ends with the question");
        let now = Instant::now();
        assert!(
            display.ready(now),
            "a terminal that never answered is not waited for"
        );
        std::thread::sleep(Duration::from_millis(30));
        display.answered();
        assert!(display.round_trip().unwrap() >= Duration::from_millis(30));
        out.clear();
        display.draw(&app, &mut out).unwrap();
        assert!(
            out.is_empty(),
            "nothing changed, nothing written, nothing asked"
        );
        app.update(crate::app::Action::SelectNext);
        display.draw(&app, &mut out).unwrap();
        assert!(
            !display.ready(Instant::now()),
            "now the next frame waits for the answer"
        );
        assert!(display.wait(Instant::now()).unwrap() <= PATIENCE);
        assert!(display.ready(Instant::now() + PATIENCE), "but not forever");
        display.answered();
        assert!(display.ready(Instant::now()));
    }

    #[test]
    fn opening_reading_and_going_back_leave_no_stale_row() {
        let keys: Vec<(u8, bool)> = [0, 2, 4, 4, 6, 3, 0, 0, 2, 8, 3, 1, 2, 9, 3]
            .iter()
            .map(|&k| (k, false))
            .collect();
        replay((80, 24), &keys, true);
        replay((200, 50), &keys, true);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn any_keys_and_resizes_leave_the_screen_equal_to_the_frame(
            keys in prop::collection::vec((any::<u8>(), prop::bool::weighted(0.1)), 1..40),
            rest in any::<bool>(),
        ) {
            replay((80, 24), &keys, rest);
        }
    }
}
