//! The state store's thread: opens `state.db` (`archive::state::Store`) while the first frame
//! is drawn, sends what it remembers (the marks and the last session over these archives) to
//! the event loop, then stores each change the interface makes, in order, as it comes, so the
//! event loop never waits on SQLite. Quitting hands it the session and waits (a little) for it
//! to be written.
//!
//! Changes made before the store is open wait in the channel and are stored once it is; the
//! interface replays them on the memory it receives (`App::attach_memory`). With state off (a
//! read-only folder, no home, `JUAN_NO_STATE`) the thread sends an empty memory and the
//! notice, and drops what it is sent.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use super::Msg;
use crate::archive::state::{Store, session_key};
use crate::state::{Change, Memory, Session};

/// How long quitting waits for the last changes and the session to be stored.
const QUIT_PATIENCE: Duration = Duration::from_secs(2);

/// What the store thread sends when it has opened the state.
#[derive(Debug, Default)]
pub(super) struct Recalled {
    /// Everything remembered of articles.
    pub(super) memory: Memory,
    /// The last session over these archives (`None` with `--fresh`, or none saved).
    pub(super) session: Option<Session>,
    /// Why state is off, or that a bad file was moved aside.
    pub(super) notice: Option<String>,
}

/// What the event loop asks of the store thread.
enum Job {
    /// Store these changes, one transaction each.
    Changes(Vec<Change>),
    /// Save the session and stop.
    Quit(Session),
}

/// The handle of the store thread.
pub(super) struct Remember {
    jobs: Sender<Job>,
    done: Receiver<()>,
}

impl Remember {
    /// Opens the state on a thread of its own for the archives `paths`; it sends
    /// [`Msg::Recalled`] once open (the session left out when `fresh`).
    pub(super) fn spawn(paths: &[PathBuf], fresh: bool, tx: Sender<Msg>) -> Remember {
        let key = session_key(paths);
        let (jobs, rx) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        std::thread::spawn(move || {
            run(&key, fresh, &tx, &rx);
            let _ = done_tx.send(());
        });
        Remember { jobs, done }
    }

    /// Hands changes to the store (stored in order, on the thread).
    pub(super) fn store(&self, changes: Vec<Change>) {
        if !changes.is_empty() {
            let _ = self.jobs.send(Job::Changes(changes));
        }
    }

    /// Saves `session` after the changes handed over so far, and waits up to
    /// [`QUIT_PATIENCE`] for all of it to be written.
    pub(super) fn quit(self, session: Session) {
        if self.jobs.send(Job::Quit(session)).is_ok() {
            let _ = self.done.recv_timeout(QUIT_PATIENCE);
        }
    }
}

/// The thread: open, recall, then store what comes until told to quit.
fn run(key: &str, fresh: bool, tx: &Sender<Msg>, jobs: &Receiver<Job>) {
    let opened = Store::open_default();
    let mut notice = opened.notice;
    let store = opened.store;
    let mut recalled = Recalled::default();
    if let Some(store) = &store {
        match store.load() {
            Ok(memory) => recalled.memory = memory,
            Err(e) => notice = Some(format!("state: cannot read the marks: {e}")),
        }
        if !fresh {
            recalled.session = store.session(key).ok().flatten();
        }
    }
    recalled.notice = notice;
    let _ = tx.send(Msg::Recalled(Box::new(recalled)));
    let mut failed = false;
    for job in jobs {
        let Some(store) = &store else {
            if matches!(job, Job::Quit(_)) {
                return;
            }
            continue;
        };
        match job {
            Job::Changes(changes) => {
                for change in &changes {
                    if let Err(e) = store.apply(change) {
                        // Said once: the interface goes on, its marks kept for this session.
                        if !std::mem::replace(&mut failed, true) {
                            let _ = tx.send(Msg::StateFailed(format!(
                                "state: a mark was not stored: {e}"
                            )));
                        }
                    }
                }
            }
            Job::Quit(session) => {
                let _ = store.save_session(key, &session);
                return;
            }
        }
    }
}
