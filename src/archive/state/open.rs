//! Finding and opening the state file: the folder created 0700 and the file 0600 by juan
//! itself before SQLite sees it (SQLite's own `-wal` and `-shm` files take the file's mode),
//! the connection set up (WAL, `synchronous=NORMAL`, a busy timeout), and what to do when
//! it goes wrong: a file SQLite cannot read is moved aside and a fresh one started; a folder
//! or file juan may not write, a newer juan's file or a lock held too long turn state off.
//! Either way the caller gets one line to show ([`Opened::notice`]).

use std::fs::{DirBuilder, OpenOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{Opened, StateError, Store, schema};
use crate::sanitize::visible;

/// How long a write waits for another juan's before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// `$XDG_STATE_HOME/juan/state.db` (an absolute `$XDG_STATE_HOME` only), else
/// `$HOME/.local/state/juan/state.db`; `None` when neither is set.
pub(super) fn default_path() -> Option<PathBuf> {
    Some(super::super::xdg::juan_dir("XDG_STATE_HOME", ".local/state")?.join("state.db"))
}

/// True when `JUAN_NO_STATE` is set to anything but nothing or `0`: juan neither reads nor
/// writes state.
pub(super) fn disabled() -> bool {
    std::env::var_os("JUAN_NO_STATE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Opens the state file at `path` for reading and writing, creating its folder and itself
/// when missing; a bad file is moved aside once and a fresh one started.
pub(super) fn open_writable(path: &Path) -> Opened {
    let shown = || visible(&path.to_string_lossy()).into_owned();
    let off = |why: String| Opened {
        store: None,
        notice: Some(format!("state off (marks are not remembered): {why}")),
    };
    if let Err(e) = create_file(path) {
        return off(e.to_string());
    }
    match connect_waiting(path) {
        Ok(conn) => Opened {
            store: Some(Store { conn }),
            notice: None,
        },
        Err(e) if unreadable(&e) => {
            let aside = match move_aside(path) {
                Ok(aside) => aside,
                Err(moving) => {
                    return off(format!(
                        "{} cannot be read ({e}) nor moved aside ({moving})",
                        shown()
                    ));
                }
            };
            let told = format!(
                "{} could not be read ({e}): moved aside to {}, starting with no marks",
                shown(),
                visible(&aside.to_string_lossy())
            );
            match create_file(path).and_then(|()| connect_waiting(path)) {
                Ok(conn) => Opened {
                    store: Some(Store { conn }),
                    notice: Some(format!("state: {told}")),
                },
                Err(again) => off(format!("{told}; a new one failed too: {again}")),
            }
        }
        Err(StateError::Sqlite(e)) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly) => {
            let folder = path
                .parent()
                .filter(|dir| std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()));
            match folder {
                Some(dir) => off(format!(
                    "the folder {} is read-only",
                    visible(&dir.to_string_lossy())
                )),
                None => off(format!("{} is read-only", shown())),
            }
        }
        Err(e @ StateError::Sqlite(_)) => off(format!("{}: {e}", shown())),
        Err(e) => off(e.to_string()),
    }
}

/// Opens the existing state file at `path` without writing to it; `Ok(None)` when there is
/// none (or it was never set up).
pub(super) fn open_read_only(path: &Path) -> Result<Option<Store>, StateError> {
    match std::fs::metadata(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StateError::Io(path.to_path_buf(), e)),
    }
    let conn = match reader(path, false) {
        // A folder SQLite may not make its `-shm` in (a read-only one): the file read as it
        // lies, its log (if any) left out, as nothing can be writing it.
        Err(StateError::Sqlite(e))
            if matches!(
                e.sqlite_error_code(),
                Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
            ) =>
        {
            reader(path, true)?
        }
        other => other?,
    };
    let version = schema::version(&conn)?;
    if version > schema::VERSION {
        return Err(StateError::Newer(version));
    }
    if version == 0 {
        return Ok(None);
    }
    Ok(Some(Store { conn }))
}

/// A connection to `path` that does not write, its first read done: read-write without
/// create where the folder allows it, so SQLite tidies its `-wal` and `-shm` away on
/// closing, with `query_only` keeping it from writing anything else; read-only otherwise;
/// `immutable`: read-only with neither lock nor log (a read-only folder).
fn reader(path: &Path, immutable: bool) -> Result<Connection, StateError> {
    let conn = if immutable {
        Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )?
    } else {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        match Connection::open_with_flags(path, flags) {
            Ok(conn) => conn,
            Err(_) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
        }
    };
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "query_only", true)?;
    schema::version(&conn)?;
    Ok(conn)
}

/// `file:PATH?immutable=1`, every byte of the path but unreserved ones and `/`
/// percent-encoded.
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Creates `path`'s folders (0700) and the file itself (0600, empty: SQLite takes an empty
/// file for a new database) unless it exists.
fn create_file(path: &Path) -> Result<(), StateError> {
    use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|e| StateError::Io(dir.to_path_buf(), e))?;
        // The umask may have taken bits away; it cannot have added any.
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(file) => {
            let _ = file.set_permissions(std::fs::Permissions::from_mode(0o600));
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(StateError::Io(path.to_path_buf(), e)),
    }
}

/// [`connect`], tried again while another process holds a lock SQLite does not wait for
/// by itself (switching a new file to WAL mode, recovering another's log), up to
/// [`BUSY_TIMEOUT`].
fn connect_waiting(path: &Path) -> Result<Connection, StateError> {
    let started = std::time::Instant::now();
    loop {
        match connect(path) {
            Err(StateError::Sqlite(e))
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// Opens the existing file at `path` read-write and sets it up: busy timeout, WAL,
/// `synchronous=NORMAL`, the tables. A file that cannot be written is an error (SQLite would
/// otherwise open it read-only and fail at the first mark).
fn connect(path: &Path) -> Result<Connection, StateError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if conn.is_readonly(rusqlite::MAIN_DB)? {
        return Err(StateError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        )));
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        // A folder where SQLite cannot make the `-wal` file: take it as read-only.
        return Err(StateError::Sqlite(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            Some(format!("cannot use WAL mode (journal mode {mode})")),
        )));
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    schema::ensure(&conn)?;
    Ok(conn)
}

/// True when the error says the file is not a database SQLite can read (garbage, cut short,
/// damaged): such a file is moved aside. A lock, a full disk or a read-only file is not.
fn unreadable(e: &StateError) -> bool {
    matches!(e, StateError::Sqlite(e) if matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    ))
}

/// Renames `path` (and its `-wal` and `-shm`) to `path.corrupt-YYYYMMDDTHHMMSS` (plus `-N`
/// when that name is taken); returns the new name.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp = jiff::ZonedDateTime::now()
        .strftime("%Y%m%dT%H%M%S")
        .to_string();
    let name = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    let mut aside = name(&format!(".corrupt-{stamp}"));
    let mut n = 2;
    while aside.exists() {
        aside = name(&format!(".corrupt-{stamp}-{n}"));
        n += 1;
    }
    std::fs::rename(path, &aside)?;
    for suffix in ["-wal", "-shm"] {
        let from = name(suffix);
        if from.exists() {
            let mut to = aside.as_os_str().to_owned();
            to.push(suffix);
            std::fs::rename(&from, PathBuf::from(to))?;
        }
    }
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Change;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    /// Root ignores permissions: the read-only cases cannot be shown as root.
    fn root() -> bool {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }

    fn star(id: &str) -> Change {
        Change::Star {
            id: id.into(),
            starred: true,
        }
    }

    #[test]
    fn the_folder_is_made_0700_and_the_file_0600_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/juan/state.db");
        let opened = open_writable(&path);
        assert_eq!(opened.notice, None);
        let store = opened.store.unwrap();
        store.apply(&star("a")).unwrap();
        assert_eq!(mode(&dir.path().join("state")), 0o700);
        assert_eq!(mode(&dir.path().join("state/juan")), 0o700);
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(&dir.path().join("state/juan/state.db-wal")), 0o600);
        let journal: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        let synchronous: i64 = store
            .conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!((journal.as_str(), synchronous), ("wal", 1));
    }

    #[test]
    fn a_garbage_file_is_moved_aside_and_a_fresh_one_started() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        std::fs::write(
            &path,
            "这不是数据库 not a database at all, long enough to have a header".repeat(20),
        )
        .unwrap();
        let opened = open_writable(&path);
        let notice = opened.notice.unwrap();
        assert!(notice.starts_with("state: "), "{notice}");
        assert!(
            notice.contains("could not be read (file is not a database): moved aside to"),
            "{notice}"
        );
        assert!(notice.ends_with(", starting with no marks"), "{notice}");
        let store = opened.store.unwrap();
        assert!(store.load().unwrap().is_empty());
        store.apply(&star("a")).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.contains("corrupt"))
            .collect();
        names.sort();
        assert_eq!(names.len(), 1, "{names:?}");
        let aside = &names[0];
        assert!(aside.starts_with("state.db.corrupt-2"), "{aside}");
        assert_eq!(
            aside.len(),
            "state.db.corrupt-YYYYMMDDTHHMMSS".len(),
            "{aside}"
        );
        assert!(notice.contains(aside.as_str()), "{notice}");
        assert!(
            std::fs::read(dir.path().join(aside))
                .unwrap()
                .starts_with("这不是".as_bytes())
        );
        // Opened again, the fresh file is kept: nothing more is moved aside.
        drop(store);
        let again = open_writable(&path);
        assert_eq!(again.notice, None);
        assert!(
            again
                .store
                .unwrap()
                .load()
                .unwrap()
                .get("a")
                .unwrap()
                .starred
        );
    }

    #[test]
    fn a_read_only_folder_turns_state_off_with_a_notice() {
        if root() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("juan");
        std::fs::create_dir(&folder).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
        let opened = open_writable(&folder.join("state.db"));
        assert!(opened.store.is_none());
        let notice = opened.notice.unwrap();
        assert!(
            notice.starts_with("state off (marks are not remembered): "),
            "{notice}"
        );
        assert!(notice.contains("Permission denied"), "{notice}");
        assert!(open_read_only(&folder.join("state.db")).unwrap().is_none());
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    }

    #[test]
    fn a_read_only_folder_with_a_file_is_read_as_it_lies() {
        if root() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("dé jà?#%");
        let path = folder.join("state.db");
        open_writable(&path)
            .store
            .unwrap()
            .apply(&star("a"))
            .unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
        let store = open_read_only(&path).unwrap().unwrap();
        assert!(store.load().unwrap().get("a").unwrap().starred);
        assert!(store.apply(&star("b")).is_err());
        drop(store);
        let opened = open_writable(&path);
        assert!(opened.store.is_none());
        let notice = opened.notice.unwrap();
        assert!(notice.ends_with("dé jà?#% is read-only"), "{notice}");
        assert!(notice.contains(": the folder /"), "{notice}");
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    }

    #[test]
    fn the_immutable_uri_escapes_what_a_uri_would_read() {
        assert_eq!(
            immutable_uri(Path::new("/a b/c?d#e%f/状")),
            "file:/a%20b/c%3Fd%23e%25f/%E7%8A%B6?immutable=1"
        );
    }

    #[test]
    fn a_read_only_file_turns_state_off_and_can_still_be_read() {
        if root() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        open_writable(&path)
            .store
            .unwrap()
            .apply(&star("a"))
            .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
        let opened = open_writable(&path);
        assert!(opened.store.is_none());
        let notice = opened.notice.unwrap();
        assert!(notice.ends_with("state.db is read-only"), "{notice}");
        let store = open_read_only(&path).unwrap().unwrap();
        assert!(store.load().unwrap().get("a").unwrap().starred);
    }

    #[test]
    fn reading_only_creates_nothing_and_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("juan/state.db");
        assert!(open_read_only(&path).unwrap().is_none());
        assert!(!dir.path().join("juan").exists());
        open_writable(&path)
            .store
            .unwrap()
            .apply(&star("a"))
            .unwrap();
        let store = open_read_only(&path).unwrap().unwrap();
        assert!(store.apply(&star("b")).is_err());
        assert_eq!(store.load().unwrap().len(), 1);
        std::fs::write(dir.path().join("garbage.db"), [7u8; 4096]).unwrap();
        assert!(open_read_only(&dir.path().join("garbage.db")).is_err());
    }

    #[test]
    fn a_newer_juans_file_is_left_alone_and_state_is_off() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        drop(open_writable(&path).store.unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema::VERSION + 1)
            .unwrap();
        drop(conn);
        let opened = open_writable(&path);
        assert!(opened.store.is_none());
        assert!(opened.notice.unwrap().contains("written by a newer juan"));
        assert!(path.exists());
        assert!(matches!(open_read_only(&path), Err(StateError::Newer(_))));
    }
}
