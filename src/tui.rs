//! The terminal: set-up, restore (also on panic, SIGTERM, SIGHUP, SIGINT and SIGQUIT), job
//! control (Ctrl-Z and SIGTSTP restore it and stop juan, `fg` redraws: `tui/suspend.rs`), and
//! the event loop.
//!
//! Three threads feed one channel: terminal input (`input`: keys, pastes, the terminal's
//! answers, its hangup), the loader (batches of articles with progress, so the first frame is
//! drawn at once and the list fills in), and the search worker (results tagged with the
//! query's generation; stale ones are dropped by the app). A fourth, `remember`, opens the
//! state store beside the first frame, sends what it remembers (the marks, the last session),
//! and stores each change the interface makes; quitting hands it the session. The loop blocks
//! on that channel — no timer ticks while idle — applies what arrived (and whatever else is
//! already queued), and redraws only when something changed and the terminal has taken the
//! frame before (`display`: frames paced by the link, drawn by the `screen` renderer).

mod clipboard;
mod display;
mod indexer;
mod input;
mod loader;
mod remember;
mod screen;
mod suspend;
pub mod term;

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crossterm::event::Event;

use crate::app::{Action, App, LoadProgress, SearchMode, Settings};
use crate::commands::Failure;
use crate::corpus::{Chunk, Corpus};
use crate::text::AmbiguousWidth;
use crate::{archive, keymap, search};
use loader::Loader;
use ratatui::layout::Rect;

/// What the event loop waits for.
enum Msg {
    /// A key, paste, mouse or resize event.
    Term(Event),
    /// Articles loaded (a chunk, built already), with their problems, by the load numbered
    /// so ([`Loader`]: a reload starts a new one and the old one's batches are dropped).
    Loaded(u64, Box<Chunk>, Vec<archive::Problem>, LoadProgress),
    /// A search finished on the worker.
    Searched(search::Done),
    /// The body index: chunks indexed, chunks in all.
    Indexed(usize, usize),
    /// SIGTSTP: restore the terminal and stop.
    Stop,
    /// SIGCONT: juan was stopped and goes on; the screen must be drawn anew.
    Continued,
    /// The terminal answered the status request after a frame: that frame is on screen.
    Answered,
    /// The terminal is gone (closed without a SIGHUP: POLLHUP, end of file or EIO on it).
    Hangup,
    /// The state store is open: what it remembers, the last session, a notice.
    Recalled(Box<remember::Recalled>),
    /// The state store could not store a change (said once).
    StateFailed(String),
}

/// Opens the interface on `paths`; returns the exit code.
/// `list_percent` is the list pane's share of the width side by side (the config file's
/// `[layout] split`), or the default. `fresh`: the last session over these archives is not
/// restored (`--fresh`).
pub fn run(
    paths: &[PathBuf],
    mode: AmbiguousWidth,
    list_percent: Option<u16>,
    options: term::TermOptions,
    fresh: bool,
) -> crate::commands::Outcome {
    // Keys come from the terminal even when stdin is an archive (`juan -`): the input thread
    // reads /dev/tty. Only the screen must be a terminal.
    if !io::stdout().is_terminal() {
        return Err(Failure::Terminal(
            "the interface needs a terminal; for scripts use `juan list` or `juan show`".into(),
        ));
    }
    // TERM=dumb is refused here, before anything is written.
    let caps = term::Caps::detect(options)?;
    let settings = caps.settings(mode);
    let _ = CAPS.set(caps);
    restore_on_signals().map_err(Failure::Terminal)?;
    let (tx, rx) = mpsc::channel();
    suspend::forward_signals(tx.clone(), || Msg::Stop, || Msg::Continued)
        .map_err(Failure::Terminal)?;
    // Before the terminal is set up, so a failure leaves it as it was.
    let _input = spawn_input(tx.clone())
        .map_err(|e| Failure::Terminal(format!("cannot read the terminal: {e}")))?;
    let size = crossterm::terminal::size()
        .map_err(|e| Failure::Terminal(format!("cannot read the terminal size: {e}")))?;
    install_panic_cleanup();
    enter().map_err(|e| Failure::Terminal(format!("cannot set up the terminal: {e}")))?;
    let options = screen::Options {
        unicode: caps.unicode,
        ambiguous_wide: mode == AmbiguousWidth::Wide,
        hyperlinks: caps.unicode,
    };
    let mut display = display::Display::new(size.0, size.1, options, true, caps)
        .map_err(|e| Failure::Terminal(format!("cannot set up the terminal: {e}")))?;
    let mut app = fresh_app(settings, size.0, size.1, list_percent);
    let results = tx.clone();
    // on_done must be quick and never submit: it only forwards to the event loop.
    let worker = search::Worker::spawn(move |done| {
        let _ = results.send(Msg::Searched(done));
    });
    let indexer = indexer::Indexer::spawn(tx.clone());
    let remember = remember::Remember::spawn(paths, fresh, tx.clone());
    let mut loader = Loader::new(paths.to_vec(), tx);
    loader.start();
    let threads = Threads {
        worker: &worker,
        indexer: &indexer,
        remember: &remember,
    };
    let result = event_loop(&mut display, &mut app, &rx, &threads, &mut loader);
    // The place in the article shown, the last changes and the session are stored while the
    // terminal's last answer is awaited.
    app.keep_place();
    remember.store(app.take_changes());
    let session = app.session();
    let saving = std::thread::spawn(move || remember.quit(session));
    // The answer to the last status request must not land in the shell after juan is gone.
    let deadline = std::time::Instant::now() + QUIT_PATIENCE;
    while display.asking() {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(Msg::Answered) => display.answered(),
            Ok(_) => {}
            Err(_) => break,
        }
    }
    restore();
    let _ = saving.join();
    result
        .map(|_| 0)
        .map_err(|e| Failure::Terminal(format!("terminal error: {e}")))
}

/// An interface with nothing loaded yet, loading, searching on the worker.
fn fresh_app(settings: Settings, width: u16, height: u16, list_percent: Option<u16>) -> App {
    let mut app = App::new(Corpus::default(), Vec::new(), settings, width, height);
    if let Some(percent) = list_percent {
        app.set_list_percent(percent);
    }
    app.start_loading();
    app.set_search_mode(SearchMode::Deferred);
    app.set_preview_rest(true);
    app
}

/// The threads the event loop hands work to.
struct Threads<'a> {
    worker: &'a search::Worker,
    indexer: &'a indexer::Indexer,
    remember: &'a remember::Remember,
}

fn event_loop(
    display: &mut display::Display,
    app: &mut App,
    rx: &Receiver<Msg>,
    threads: &Threads,
    loader: &mut Loader,
) -> io::Result<()> {
    let Threads {
        worker,
        indexer,
        remember,
    } = *threads;
    let mut dirty = true;
    // When the last key came (the article pane waits for the selection to rest).
    let mut last_key = std::time::Instant::now();
    while !app.should_quit() {
        // An archive changed on disk (found by reading it back): say so, offer a reload.
        if archive::changed_on_disk() {
            dirty |= app.note_changed_on_disk();
        }
        if app.take_reload() {
            let area = app.geometry().area;
            // What is remembered carries over to the new interface.
            app.keep_place();
            remember.store(app.take_changes());
            let memory = app.marks_shown().then(|| app.memory().clone());
            *app = fresh_app(
                app.settings,
                area.width,
                area.height,
                Some(app.list_percent()),
            );
            if let Some(memory) = memory {
                app.attach_memory(memory, None);
            }
            indexer.stop();
            loader.start();
            dirty = true;
        }
        // Marks, stars, labels and places changed: the store thread keeps them.
        remember.store(app.take_changes());
        // A query changed or articles arrived: the newest search replaces any running one.
        if let Some(req) = app.take_search_request() {
            worker.submit(search::Request {
                generation: req.generation,
                corpus: app.corpus().clone(),
                query: req.query,
                order: req.order,
                within: req.within,
            });
        }
        // Draw once the last frame has reached the terminal (see `display`); meanwhile keys
        // keep changing the state and only the latest is drawn.
        let now = std::time::Instant::now();
        // The mouse key turned capture on or off: the terminal's modes follow.
        display.set_mouse(app.mouse_capture(), &mut io::stdout().lock())?;
        // A copy the user chose goes to the terminal's clipboard (OSC 52), the text only
        // inside the sequence's base64 payload.
        if let Some(text) = app.take_clipboard() {
            clipboard::copy(&text, &mut io::stdout().lock())?;
        }
        if dirty && display.ready(now) {
            display.draw(app, &mut io::stdout().lock())?;
            dirty = false;
        }
        // The selection rests: the article pane catches up.
        let preview_due = app
            .preview_held()
            .then(|| last_key + preview_rest(display.round_trip()));
        if preview_due.is_some_and(|due| due <= now) {
            dirty |= app.release_preview();
            continue;
        }
        let patience = if dirty { display.wait(now) } else { None };
        let patience = match (patience, preview_due) {
            (p, None) => p,
            (p, Some(due)) => Some(p.map_or(due - now, |p| p.min(due - now))),
        };
        // Idle work (laying out a long article) runs only while nothing is waiting.
        let msg = if app.has_idle_work() {
            match rx.try_recv() {
                Ok(m) => m,
                Err(TryRecvError::Empty) => {
                    dirty |= app.idle_work();
                    continue;
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            }
        } else if let Some(patience) = patience {
            match rx.recv_timeout(patience) {
                Ok(m) => m,
                Err(mpsc::RecvTimeoutError::Timeout) => continue,
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
            }
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        };
        let mut msg = Some(msg);
        // Take whatever else is already queued before drawing.
        while let Some(m) = msg.take() {
            if matches!(m, Msg::Term(_)) {
                last_key = std::time::Instant::now();
            }
            let loaded = matches!(&m, Msg::Loaded(number, ..) if *number == loader.number());
            dirty |= handle(display, app, m, loader.number())?;
            // Once a load is complete (and for every batch appended after), the bodies of
            // what is new get indexed in the background.
            if loaded && app.load_progress().is_some_and(|p| p.done) {
                indexer.index(app.corpus().clone());
            }
            if app.should_quit() {
                break;
            }
            msg = rx.try_recv().ok();
        }
    }
    Ok(())
}

/// Applies one message (a batch only from the load numbered `load`); true when the screen
/// must be redrawn.
fn handle(display: &mut display::Display, app: &mut App, msg: Msg, load: u64) -> io::Result<bool> {
    // After a stop the terminal was set up again: every cell is drawn anew at its size.
    let resumed_at = |app: &mut App, display: &mut display::Display, area: Rect| {
        display.resumed(area);
        app.update(Action::Resize(area.width, area.height));
        true
    };
    Ok(match msg {
        Msg::Term(ev) if keymap::is_suspend(&ev) => {
            let area = suspend::suspend(suspend::Stop::Key)?;
            resumed_at(app, display, area)
        }
        Msg::Term(Event::Resize(width, height)) => {
            display.resize(Rect::new(0, 0, width, height));
            app.update(Action::Resize(width, height));
            true
        }
        Msg::Term(ev) => keymap::action_for(&ev, app).is_some_and(|a| app.update(a)),
        Msg::Loaded(number, chunk, problems, progress) if number == load => {
            app.append_chunk(*chunk, problems, progress);
            app.extend_flags();
            app.settle_session();
            true
        }
        Msg::Loaded(..) => false,
        Msg::Searched(done) => {
            app.apply_search(
                done.generation,
                done.hits,
                done.marks,
                done.total,
                done.complete,
            ) | app.settle_session()
        }
        Msg::Recalled(recalled) => {
            let remember::Recalled {
                memory,
                session,
                notice,
            } = *recalled;
            app.attach_memory(memory, notice);
            if let Some(session) = session {
                app.restore_session(session);
            }
            true
        }
        Msg::StateFailed(notice) => {
            app.state_failed(notice);
            true
        }
        Msg::Indexed(done, total) => app.set_body_index(done, total),
        Msg::Stop => {
            let area = suspend::suspend(suspend::Stop::Signal)?;
            resumed_at(app, display, area)
        }
        Msg::Continued => {
            let area = suspend::resume()?;
            resumed_at(app, display, area)
        }
        Msg::Answered => {
            display.answered();
            false
        }
        Msg::Hangup => {
            restore();
            std::process::exit(128 + libc::SIGHUP);
        }
    })
}

/// Reads the terminal on a thread of its own ([`input`]): keys, pastes, mouse and resizes,
/// the terminal's answers to status requests, and its hangup. The thread ends when the
/// handle is dropped.
fn spawn_input(tx: Sender<Msg>) -> io::Result<input::Handle> {
    input::spawn(move |input| {
        let msg = match input {
            input::Input::Event(event) => Msg::Term(event),
            input::Input::Ack => Msg::Answered,
            input::Input::Hangup => Msg::Hangup,
        };
        tx.send(msg).is_ok()
    })
}

/// How long the selection must rest before the article pane beside the list follows it, on a
/// terminal close by.
const PREVIEW_REST: std::time::Duration = std::time::Duration::from_millis(150);

/// How long the selection must rest before the article pane follows it over a link whose
/// round trip is `rtt`: at least [`PREVIEW_REST`], twice the round trip on a slow link (a user
/// stepping through the list there does not pay an article a step), at most a second.
fn preview_rest(rtt: Option<std::time::Duration>) -> std::time::Duration {
    let slow = rtt.map_or(PREVIEW_REST, |rtt| rtt * 2);
    slow.clamp(PREVIEW_REST, std::time::Duration::from_secs(1))
}

/// How long quitting waits for the terminal's answer to the last status request.
const QUIT_PATIENCE: std::time::Duration = std::time::Duration::from_millis(500);

/// What the terminal can do and the modes juan turns on in it, once detected: read by
/// [`restore`] from signal handlers and the panic hook.
static CAPS: std::sync::OnceLock<term::Caps> = std::sync::OnceLock::new();

/// Sets the terminal up for the interface: raw mode, then the modes [`term::Caps::enter`]
/// turns on (the alternate screen, paste and mouse reporting).
fn enter() -> io::Result<()> {
    crossterm::terminal::enable_raw_mode()?;
    let caps = CAPS
        .get()
        .ok_or_else(|| io::Error::other("terminal not detected"))?;
    caps.enter(&mut io::stdout())
}

/// Leaves the terminal as it was: default colours, no scrolling region, cursor shown, the
/// modes juan turned on off, raw mode off.
pub(crate) fn restore() {
    let mut out = io::stdout();
    let _ = io::Write::write_all(&mut out, b"\x1b[0m\x1b[r\x1b[?25h");
    if let Some(caps) = CAPS.get() {
        let _ = caps.restore(&mut out);
    }
    let _ = crossterm::terminal::disable_raw_mode();
}

/// On panic: restore the terminal first, so the message is readable and the shell usable.
fn install_panic_cleanup() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// SIGTERM, SIGHUP (a dropped SSH connection), SIGINT and SIGQUIT (sent by `kill`: in raw
/// mode the keys do not send them) restore the terminal and exit.
fn restore_on_signals() -> Result<(), String> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            restore();
            std::process::exit(128 + sig);
        }
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn the_article_pane_waits_longer_on_a_slow_link() {
        let ms = Duration::from_millis;
        assert_eq!(preview_rest(None), PREVIEW_REST);
        assert_eq!(preview_rest(Some(ms(2))), PREVIEW_REST);
        assert_eq!(preview_rest(Some(ms(200))), ms(400));
        assert_eq!(preview_rest(Some(ms(3000))), ms(1000));
    }
}
