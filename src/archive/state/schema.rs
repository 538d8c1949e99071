//! The state database's tables, and the `user_version` that names their layout so a later
//! juan can migrate an older file (and an older juan leaves a newer file alone).
//!
//! - `meta(key, value)`: what wrote the file (`app` = `juan`, `created_by` = its version).
//! - `marks(id, read, starred, place_block, place_byte)`: one row per article with a read
//!   mark, a star or a place; a row whose fields are all unset is deleted.
//! - `labels(id, label)`: one row per label on an article.
//! - `sessions(key, query, selected, oldest_first, source, reading, saved)`: the last session
//!   per set of archives (`saved`: Unix seconds, for tidying old ones some day).
//!
//! Ids, labels and session text are stored exactly as given (SQLite `TEXT`, compared by
//! bytes).

use rusqlite::Connection;

use super::StateError;

/// The layout this juan writes and reads (`PRAGMA user_version`). Bump it with a migration
/// step in [`ensure`] whenever a table changes.
pub(super) const VERSION: u32 = 1;

/// The tables of [`VERSION`] 1.
const CREATE_V1: &str = "
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS marks (
    id TEXT PRIMARY KEY,
    read INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0,
    place_block INTEGER,
    place_byte INTEGER
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS labels (
    id TEXT NOT NULL,
    label TEXT NOT NULL,
    PRIMARY KEY (id, label)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,
    query TEXT NOT NULL,
    selected TEXT,
    oldest_first INTEGER NOT NULL,
    source TEXT,
    reading INTEGER NOT NULL,
    saved INTEGER NOT NULL
) WITHOUT ROWID;
";

/// The layout of the open file (`0`: a new, empty file).
pub(super) fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Makes the file's tables those of [`VERSION`]: creates them in a new file, migrates an
/// older one, and refuses a newer one ([`StateError::Newer`]). Cheap when the file is
/// current (one pragma read); otherwise one transaction that waits for other writers, so
/// two processes opening a new file at once create it once.
pub(super) fn ensure(conn: &Connection) -> Result<(), StateError> {
    let found = version(conn)?;
    if found == VERSION {
        return Ok(());
    }
    if found > VERSION {
        return Err(StateError::Newer(found));
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let result = (|| -> Result<(), StateError> {
        let found = version(conn)?;
        if found > VERSION {
            return Err(StateError::Newer(found));
        }
        if found == 0 {
            conn.execute_batch(CREATE_V1)?;
            conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('app', 'juan'), \
                 ('created_by', ?1)",
                [concat!("juan ", env!("CARGO_PKG_VERSION"))],
            )?;
        }
        // Later layouts: `if found < 2 { … }` steps here, oldest first.
        conn.pragma_update(None, "user_version", VERSION)?;
        Ok(())
    })();
    match result {
        Ok(()) => Ok(conn.execute_batch("COMMIT")?),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn a_new_file_gets_the_tables_and_the_version_once() {
        let conn = Connection::open_in_memory().unwrap();
        assert_eq!(version(&conn).unwrap(), 0);
        ensure(&conn).unwrap();
        ensure(&conn).unwrap();
        assert_eq!(version(&conn).unwrap(), VERSION);
        assert_eq!(tables(&conn), ["labels", "marks", "meta", "sessions"]);
        let app: String = conn
            .query_row("SELECT value FROM meta WHERE key = 'app'", [], |r| r.get(0))
            .unwrap();
        assert_eq!(app, "juan");
    }

    #[test]
    fn a_newer_file_is_refused_and_left_as_it_is() {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(matches!(ensure(&conn), Err(StateError::Newer(v)) if v == VERSION + 1));
        assert!(tables(&conn).is_empty());
    }
}
