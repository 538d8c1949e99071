//! The state store: what juan remembers of the reader ([`crate::state`]'s marks and sessions)
//! kept in SQLite at `$XDG_STATE_HOME/juan/state.db` (else `~/.local/state/juan/state.db`),
//! so that it survives quitting, two juan processes share it, and `kill -9` loses at most
//! the change being stored.
//!
//! Why SQLite: each change is its own small transaction that updates only the field it
//! changes (an upsert), so two processes marking at once never lose each other's marks; WAL
//! mode lets readers go on while one writes, and with `synchronous=NORMAL` a commit is an
//! append to the log (no `fsync` per mark) that a crashed process cannot lose. The state
//! lives in the user's state folder, never beside or inside an archive.
//!
//! Opening never stops juan: a file SQLite cannot read is moved aside
//! (`state.db.corrupt-YYYYMMDDTHHMMSS`, with its `-wal`/`-shm`) and a fresh one started, and a
//! folder or file juan may not write turns state off; either way [`Opened::notice`] says so
//! in one line.
//!
//! | module | job |
//! |---|---|
//! | `open` | where the file is, creating it (0700 folder, 0600 file), moving a bad one aside |
//! | `schema` | the tables and `user_version`, created or migrated on open |
//! | `marks` | [`Memory`] loaded whole; one [`Change`] stored |
//! | `session` | the last session per set of archives and its key |
//! | `jsonl` | `juan state export` / `import`: one JSON object per article |

mod jsonl;
mod marks;
mod open;
mod schema;
mod session;

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::state::{Change, Memory, Session};

pub(crate) use jsonl::Imported;
pub(crate) use session::session_key;

/// An open state database, ready to load and store. Not shared between threads (it is
/// `Send`: open it on the thread that uses it, or move it there).
pub(crate) struct Store {
    conn: Connection,
}

/// What opening the state gave: a store (or none: state is off), and a one-line notice for
/// the user when something was not as expected (a bad file moved aside, state off).
pub(crate) struct Opened {
    /// The store; `None` when state is off (no home folder, a read-only folder or file,
    /// a newer juan's file, `JUAN_NO_STATE` set).
    pub(crate) store: Option<Store>,
    /// What to tell the user, in one line: why state is off, or that a bad file was moved
    /// aside and juan started clean. `None` when all went as expected (`JUAN_NO_STATE`
    /// included). Paths in it are escaped (`sanitize::visible`), so it may be printed as is.
    pub(crate) notice: Option<String>,
}

/// Why the state could not be read or written.
#[derive(Debug)]
pub(crate) enum StateError {
    /// SQLite refused (locked past the busy timeout, disk full, read-only, corrupt).
    Sqlite(rusqlite::Error),
    /// A file could not be created, read or written.
    Io(PathBuf, std::io::Error),
    /// The file was written by a newer juan whose tables this one does not know.
    Newer(u32),
    /// Neither `$XDG_STATE_HOME` nor `$HOME` is set: there is no state folder.
    NoHome,
    /// Reading the records to import failed.
    Read(std::io::Error),
    /// Writing the export failed (a closed pipe among others: see its kind).
    Write(std::io::Error),
}

impl fmt::Display for StateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StateError::Sqlite(e) => write!(f, "{e}"),
            StateError::Io(path, e) => write!(
                f,
                "{}: {e}",
                crate::sanitize::visible(&path.to_string_lossy())
            ),
            StateError::Newer(v) => write!(
                f,
                "the state file was written by a newer juan (schema {v}, this juan knows {})",
                schema::VERSION
            ),
            StateError::NoHome => write!(f, "neither $XDG_STATE_HOME nor $HOME is set"),
            StateError::Read(e) => write!(f, "cannot read: {e}"),
            StateError::Write(e) => write!(f, "cannot write: {e}"),
        }
    }
}

impl std::error::Error for StateError {}

impl From<rusqlite::Error> for StateError {
    fn from(e: rusqlite::Error) -> Self {
        StateError::Sqlite(e)
    }
}

impl Store {
    /// Where the state file is: `$XDG_STATE_HOME/juan/state.db` (an absolute
    /// `$XDG_STATE_HOME` only), else `$HOME/.local/state/juan/state.db`.
    pub(crate) fn default_path() -> Result<PathBuf, StateError> {
        open::default_path().ok_or(StateError::NoHome)
    }

    /// Opens (creating when missing) the state file at [`Store::default_path`]; never fails,
    /// see [`Opened`]. With `JUAN_NO_STATE` set (to anything but `0` or nothing) state is off,
    /// silently.
    pub(crate) fn open_default() -> Opened {
        if open::disabled() {
            return Opened {
                store: None,
                notice: None,
            };
        }
        match open::default_path() {
            Some(path) => Store::open_at(&path),
            None => Opened {
                store: None,
                notice: Some(format!("state off: {}", StateError::NoHome)),
            },
        }
    }

    /// Opens (creating when missing, folders included) the state file at `path`: what
    /// [`Store::open_default`] does, at a path of the caller's (tests).
    pub(crate) fn open_at(path: &Path) -> Opened {
        open::open_writable(path)
    }

    /// Opens the existing state file at [`Store::default_path`] to read it only: never
    /// creates a folder or a file, never writes. `Ok(None)` when there is no file (or state is
    /// off by `JUAN_NO_STATE`, or there is no home): nothing is remembered.
    pub(crate) fn open_existing_read_only() -> Result<Option<Store>, StateError> {
        if open::disabled() {
            return Ok(None);
        }
        match open::default_path() {
            Some(path) => Store::open_read_only_at(&path),
            None => Ok(None),
        }
    }

    /// [`Store::open_existing_read_only`] at a path of the caller's.
    pub(crate) fn open_read_only_at(path: &Path) -> Result<Option<Store>, StateError> {
        open::open_read_only(path)
    }

    /// Everything remembered of articles in the store at the default path, read only (what
    /// `juan list -q is:read` needs): empty when there is no state file.
    pub(crate) fn read_memory() -> Result<Memory, StateError> {
        match Store::open_existing_read_only()? {
            Some(store) => store.load(),
            None => Ok(Memory::default()),
        }
    }

    /// Everything remembered of articles: read, starred, labels and place, by id.
    pub(crate) fn load(&self) -> Result<Memory, StateError> {
        marks::load(&self.conn)
    }

    /// Stores one change, in its own transaction, touching only the field it changes (an
    /// upsert): what another process stored meanwhile for the same article stays.
    pub(crate) fn apply(&self, change: &Change) -> Result<(), StateError> {
        marks::apply(&self.conn, change)
    }

    /// Stores several changes in one transaction (`juan mark` with many ids): all or none.
    pub(crate) fn apply_all(&self, changes: &[Change]) -> Result<(), StateError> {
        marks::apply_all(&self.conn, changes)
    }

    /// The last session saved under `key` ([`session_key`] of the archives opened).
    pub(crate) fn session(&self, key: &str) -> Result<Option<Session>, StateError> {
        session::get(&self.conn, key)
    }

    /// Saves the session under `key`, replacing the one saved before.
    pub(crate) fn save_session(&self, key: &str, session: &Session) -> Result<(), StateError> {
        session::save(&self.conn, key, session)
    }

    /// Writes every article with state as JSON Lines (`juan state export`), sorted by id.
    pub(crate) fn export(&self, out: &mut dyn std::io::Write) -> Result<usize, StateError> {
        jsonl::export(&self.conn, out)
    }

    /// Merges JSON Lines records (`juan state import`) into the store, in one transaction:
    /// each record sets the fields it gives (labels are added); a malformed line is reported
    /// by number in [`Imported::problems`] and the rest is imported.
    pub(crate) fn import(&self, input: &mut dyn std::io::BufRead) -> Result<Imported, StateError> {
        jsonl::import(&self.conn, input)
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for the store's tests: a store in a fresh temporary folder.

    use super::*;

    /// A store at `state.db` in a new temporary folder (kept alive by the returned guard).
    pub(crate) fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let opened = Store::open_at(&dir.path().join("juan/state.db"));
        assert_eq!(opened.notice, None);
        (dir, opened.store.unwrap())
    }
}
