//! The terminal: set-up, restore (also on panic, SIGTERM, SIGHUP, SIGINT and SIGQUIT), job
//! control (Ctrl-Z and SIGTSTP restore it and stop juan, `fg` redraws: [`suspend`]), and the
//! event loop.
//!
//! Three threads feed one channel: terminal input, the loader (batches of articles with
//! progress, so the first frame is drawn at once and the list fills in), and the search
//! worker (results tagged with the query's generation; stale ones are dropped by the app).
//! The loop blocks on that channel — no timer ticks while idle — applies what arrived (and
//! whatever else is already queued), and redraws only when something changed, each frame
//! inside a synchronized update.

mod suspend;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

use crate::app::{Action, App, LoadProgress, SearchMode, Settings};
use crate::corpus::{Chunk, Corpus};
use crate::text::AmbiguousWidth;
use crate::{archive, keymap, search, ui};

/// What the event loop waits for.
enum Msg {
    /// A key, paste, mouse or resize event.
    Term(Event),
    /// Articles loaded (a chunk, built already), with their problems.
    Loaded(Box<Chunk>, Vec<archive::Problem>, LoadProgress),
    /// A search finished on the worker.
    Searched(search::Done),
    /// SIGTSTP: restore the terminal and stop.
    Stop,
    /// SIGCONT: juan was stopped and goes on; the screen must be drawn anew.
    Continued,
}

/// Opens the interface on `paths`; returns the exit code.
pub fn run(paths: &[PathBuf], mode: AmbiguousWidth) -> Result<i32, String> {
    // Keys come from the terminal even when stdin is an archive (`juan -`): crossterm reads
    // /dev/tty then. Only the screen must be a terminal.
    if !io::stdout().is_terminal() {
        return Err(
            "the interface needs a terminal; for scripts use `juan list` or `juan show`".into(),
        );
    }
    let settings = Settings {
        ambiguous: mode,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    restore_on_signals()?;
    let (tx, rx) = mpsc::channel();
    suspend::forward_signals(tx.clone(), || Msg::Stop, || Msg::Continued)?;
    let mut terminal =
        ratatui::try_init().map_err(|e| format!("cannot set up the terminal: {e}"))?;
    install_panic_cleanup();
    let _ = execute!(io::stdout(), EnableMouseCapture, EnableBracketedPaste);
    let size = terminal
        .size()
        .map_err(|e| format!("cannot read the terminal size: {e}"))?;
    let mut app = App::new(
        Corpus::default(),
        Vec::new(),
        settings,
        size.width,
        size.height,
    );
    app.start_loading();
    app.set_search_mode(SearchMode::Deferred);
    let results = tx.clone();
    // on_done must be quick and never submit: it only forwards to the event loop.
    let worker = search::Worker::spawn(move |done| {
        let _ = results.send(Msg::Searched(done));
    });
    spawn_input(tx.clone());
    spawn_loader(paths.to_vec(), tx);
    let result = event_loop(&mut terminal, &mut app, &rx, &worker);
    restore();
    result
        .map(|_| 0)
        .map_err(|e| format!("terminal error: {e}"))
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &Receiver<Msg>,
    worker: &search::Worker,
) -> io::Result<()> {
    let mut dirty = true;
    while !app.should_quit() {
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
        if dirty {
            let mut out = io::stdout();
            execute!(out, BeginSynchronizedUpdate)?;
            terminal.draw(|f| ui::draw(f, app))?;
            execute!(out, EndSynchronizedUpdate)?;
            out.flush()?;
            dirty = false;
        }
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
        } else {
            match rx.recv() {
                Ok(m) => m,
                Err(_) => return Ok(()),
            }
        };
        dirty |= handle(terminal, app, msg)?;
        // Take whatever else is already queued before drawing.
        while !app.should_quit() {
            match rx.try_recv() {
                Ok(m) => dirty |= handle(terminal, app, m)?,
                Err(_) => break,
            }
        }
    }
    Ok(())
}

/// Applies one message; true when the screen must be redrawn.
fn handle(terminal: &mut ratatui::DefaultTerminal, app: &mut App, msg: Msg) -> io::Result<bool> {
    let redrawn_at = |app: &mut App, area: ratatui::layout::Rect| {
        app.update(Action::Resize(area.width, area.height));
        true
    };
    Ok(match msg {
        Msg::Term(ev) if keymap::is_suspend(&ev) => {
            redrawn_at(app, suspend::suspend(terminal, suspend::Stop::Key)?)
        }
        Msg::Term(ev) => keymap::action_for(&ev, app).is_some_and(|a| app.update(a)),
        Msg::Loaded(chunk, problems, progress) => {
            app.append_chunk(*chunk, problems, progress);
            true
        }
        Msg::Searched(done) => app.apply_search(done.generation, done.hits),
        Msg::Stop => redrawn_at(app, suspend::suspend(terminal, suspend::Stop::Signal)?),
        Msg::Continued => redrawn_at(app, suspend::resume(terminal)?),
    })
}

/// Reads terminal events on a thread of its own.
fn spawn_input(tx: Sender<Msg>) {
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
}

/// Loads the archive on a thread of its own; chunks arrive built (other threads parse
/// ahead), so the interface thread only appends them.
fn spawn_loader(paths: Vec<PathBuf>, tx: Sender<Msg>) {
    std::thread::spawn(move || {
        let mut last = archive::Progress::default();
        let mut open = true;
        archive::load_streaming(&paths, |batch| {
            last = batch.progress;
            let progress = LoadProgress {
                so_far: batch.progress,
                done: false,
            };
            // Once the interface is gone, the rest of the load is not wanted.
            open = open
                && tx
                    .send(Msg::Loaded(Box::new(batch.chunk), batch.problems, progress))
                    .is_ok();
        });
        // The parsed articles are gone: let their memory go too, before the user types.
        crate::heap::trim();
        let done = LoadProgress {
            so_far: last,
            done: true,
        };
        let _ = tx.send(Msg::Loaded(Box::default(), Vec::new(), done));
    });
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
