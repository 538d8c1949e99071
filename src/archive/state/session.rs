//! The last session per set of archives: what was on screen when juan quit over those
//! archives ([`Session`]), saved under a key naming the set, so that opening the same
//! archives again (in any order, by any relative path) restores it.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};

use super::StateError;
use crate::state::Session;

/// The key of the set of archives `paths`: each made absolute and canonical (links resolved;
/// kept as given when that fails, as for `-`), sorted, without repeats, written as a JSON
/// array of strings (a path that is not UTF-8 is written lossily).
pub(crate) fn session_key(paths: &[PathBuf]) -> String {
    let mut names: Vec<String> = paths
        .iter()
        .map(|p| canonical(p).to_string_lossy().into_owned())
        .collect();
    names.sort();
    names.dedup();
    serde_json::to_string(&names).expect("strings serialize")
}

/// `path` canonical, else absolute, else as given.
fn canonical(path: &Path) -> PathBuf {
    if path.as_os_str() == "-" {
        return path.to_path_buf();
    }
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The session saved under `key`.
pub(super) fn get(conn: &Connection, key: &str) -> Result<Option<Session>, StateError> {
    let found = conn
        .prepare_cached(
            "SELECT query, selected, oldest_first, source, reading FROM sessions WHERE key = ?1",
        )?
        .query_row([key], |row| {
            Ok(Session {
                query: row.get(0)?,
                selected: row.get(1)?,
                oldest_first: row.get(2)?,
                source: row.get(3)?,
                reading: row.get(4)?,
            })
        })
        .optional()?;
    Ok(found)
}

/// Saves `session` under `key` (one statement: atomic on its own).
pub(super) fn save(conn: &Connection, key: &str, session: &Session) -> Result<(), StateError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    conn.prepare_cached(
        "INSERT OR REPLACE INTO sessions \
         (key, query, selected, oldest_first, source, reading, saved) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        key,
        session.query,
        session.selected,
        session.oldest_first,
        session.source,
        session.reading,
        now
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::temp_store;
    use super::*;

    #[test]
    fn a_session_comes_back_exactly_and_the_last_save_wins() {
        let (_dir, store) = temp_store();
        assert_eq!(store.session("k").unwrap(), None);
        let first = Session {
            query: "长春 src:人民日报 !is:read".into(),
            selected: Some("1f3a9c0d2b7e".into()),
            oldest_first: true,
            source: Some("新华社".into()),
            reading: true,
        };
        store.save_session("k", &first).unwrap();
        assert_eq!(store.session("k").unwrap(), Some(first));
        let second = Session::default();
        store.save_session("k", &second).unwrap();
        assert_eq!(store.session("k").unwrap(), Some(second));
        assert_eq!(store.session("other").unwrap(), None);
    }

    #[test]
    fn the_key_names_the_set_whatever_the_order_and_spelling() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.jsonl");
        let b = dir.path().join("b");
        std::fs::write(&a, "").unwrap();
        std::fs::create_dir(&b).unwrap();
        let dotted = dir.path().join("b/../a.jsonl");
        let one = session_key(&[a.clone(), b.clone()]);
        assert_eq!(one, session_key(&[b.clone(), dotted, a.clone()]));
        let names: Vec<String> = serde_json::from_str(&one).unwrap();
        let canon = std::fs::canonicalize(dir.path()).unwrap();
        assert_eq!(
            names,
            [
                canon.join("a.jsonl").to_string_lossy(),
                canon.join("b").to_string_lossy()
            ]
        );
        assert_ne!(one, session_key(&[a]));
        assert_eq!(session_key(&["-".into()]), "[\"-\"]");
    }
}
