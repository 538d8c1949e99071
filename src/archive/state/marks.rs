//! The marks of articles: loaded whole into a [`Memory`] at start (one ordered scan of each
//! table, merged by id: no per-article query, no lookup), and stored one [`Change`] at a time.
//!
//! A change is an upsert of the one field it changes (`INSERT … ON CONFLICT DO UPDATE SET
//! read = excluded.read`), in its own `BEGIN IMMEDIATE` transaction, so two processes marking
//! the same article at once keep both marks, and one that is killed loses at most the change
//! it was storing. A `marks` row left with nothing set is deleted in the same transaction.

use rusqlite::{Connection, params};

use super::StateError;
use crate::state::{Change, Marks, Memory, Place};

/// Everything in the `marks` and `labels` tables. With `JUAN_TRACE_LOAD` set, says on stderr
/// how many articles' marks were loaded and how long it took.
pub(super) fn load(conn: &Connection) -> Result<Memory, StateError> {
    let started = std::time::Instant::now();
    let mut memory = Memory::default();
    let count = each_sorted(conn, |id, marks| memory.insert(id, marks))?;
    if std::env::var_os("JUAN_TRACE_LOAD").is_some_and(|v| !v.is_empty() && v != "0") {
        eprintln!(
            "state: marks of {count} articles loaded in {:.1} ms",
            started.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(memory)
}

/// Hands `each` every article with state, in id order (bytewise, as SQLite's `BINARY`
/// collation and Rust's `str` compare): one ordered scan of each table, merged, so nothing
/// is looked up by id. Returns how many.
pub(super) fn each_sorted(
    conn: &Connection,
    mut each: impl FnMut(String, Marks),
) -> Result<usize, StateError> {
    let mut marks_stmt = conn.prepare_cached(
        "SELECT id, read, starred, place_block, place_byte FROM marks ORDER BY id",
    )?;
    let mut labels_stmt = conn.prepare_cached("SELECT id, label FROM labels ORDER BY id, label")?;
    let mut marks_rows = marks_stmt.query([])?;
    let mut labels_rows = labels_stmt.query([])?;
    let mut next_marks = marks_row(&mut marks_rows)?;
    let mut next_label = labels_row(&mut labels_rows)?;
    let mut count = 0;
    loop {
        let (id, mut marks) = match (&next_marks, &next_label) {
            (None, None) => break,
            (Some((m, _)), Some((l, _))) if l < m => (l.clone(), Marks::default()),
            (None, Some((l, _))) => (l.clone(), Marks::default()),
            (Some(_), _) => {
                let found = next_marks.take().expect("matched Some");
                next_marks = marks_row(&mut marks_rows)?;
                found
            }
        };
        while next_label.as_ref().is_some_and(|(l, _)| *l == id) {
            let (_, label) = next_label.take().expect("matched Some");
            marks.labels.insert(label);
            next_label = labels_row(&mut labels_rows)?;
        }
        each(id, marks);
        count += 1;
    }
    Ok(count)
}

/// The next row of `marks`.
fn marks_row(rows: &mut rusqlite::Rows<'_>) -> rusqlite::Result<Option<(String, Marks)>> {
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let block: Option<u32> = row.get(3)?;
    let byte: Option<u32> = row.get(4)?;
    let marks = Marks {
        read: row.get(1)?,
        starred: row.get(2)?,
        labels: Default::default(),
        place: block.map(|block| Place {
            block,
            byte: byte.unwrap_or(0),
        }),
    };
    Ok(Some((row.get(0)?, marks)))
}

/// The next row of `labels`.
fn labels_row(rows: &mut rusqlite::Rows<'_>) -> rusqlite::Result<Option<(String, String)>> {
    match rows.next()? {
        Some(row) => Ok(Some((row.get(0)?, row.get(1)?))),
        None => Ok(None),
    }
}

/// Stores one change in its own transaction.
pub(super) fn apply(conn: &Connection, change: &Change) -> Result<(), StateError> {
    in_transaction(conn, |conn| store(conn, change))
}

/// Stores several changes in one transaction: all or none.
pub(super) fn apply_all(conn: &Connection, changes: &[Change]) -> Result<(), StateError> {
    in_transaction(conn, |conn| changes.iter().try_for_each(|c| store(conn, c)))
}

/// Runs `f` between `BEGIN IMMEDIATE` (waiting, up to the busy timeout, for another writer)
/// and `COMMIT`; rolls back when it fails.
pub(super) fn in_transaction<T>(
    conn: &Connection,
    f: impl FnOnce(&Connection) -> Result<T, StateError>,
) -> Result<T, StateError> {
    conn.execute_batch("BEGIN IMMEDIATE")?;
    match f(conn) {
        Ok(value) => match conn.execute_batch("COMMIT") {
            Ok(()) => Ok(value),
            Err(e) => {
                let _ = conn.execute_batch("ROLLBACK");
                Err(e.into())
            }
        },
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

/// One change's statements (inside a transaction).
pub(super) fn store(conn: &Connection, change: &Change) -> Result<(), StateError> {
    let id = change.id();
    match change {
        Change::Read { read, .. } => {
            conn.prepare_cached(
                "INSERT INTO marks (id, read) VALUES (?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET read = excluded.read",
            )?
            .execute(params![id, read])?;
        }
        Change::Star { starred, .. } => {
            conn.prepare_cached(
                "INSERT INTO marks (id, starred) VALUES (?1, ?2) \
                 ON CONFLICT (id) DO UPDATE SET starred = excluded.starred",
            )?
            .execute(params![id, starred])?;
        }
        Change::Place { place, .. } => {
            conn.prepare_cached(
                "INSERT INTO marks (id, place_block, place_byte) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (id) DO UPDATE SET place_block = excluded.place_block, \
                 place_byte = excluded.place_byte",
            )?
            .execute(params![id, place.map(|p| p.block), place.map(|p| p.byte)])?;
        }
        Change::Label {
            label, on: true, ..
        } => {
            conn.prepare_cached("INSERT OR IGNORE INTO labels (id, label) VALUES (?1, ?2)")?
                .execute(params![id, label])?;
            return Ok(());
        }
        Change::Label {
            label, on: false, ..
        } => {
            conn.prepare_cached("DELETE FROM labels WHERE id = ?1 AND label = ?2")?
                .execute(params![id, label])?;
            return Ok(());
        }
    }
    conn.prepare_cached(
        "DELETE FROM marks WHERE id = ?1 AND read = 0 AND starred = 0 AND place_block IS NULL",
    )?
    .execute([id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testing::temp_store;
    use super::*;

    fn read(id: &str, read: bool) -> Change {
        Change::Read {
            id: id.into(),
            read,
        }
    }

    fn label(id: &str, label: &str, on: bool) -> Change {
        Change::Label {
            id: id.into(),
            label: label.into(),
            on,
        }
    }

    #[test]
    fn changes_come_back_exactly_as_memory_has_them() {
        let (_dir, store) = temp_store();
        let place = Some(Place {
            block: 3,
            byte: 120,
        });
        let changes = [
            read("a1", true),
            Change::Star {
                id: "a1".into(),
                starred: true,
            },
            label("a1", "第三章", true),
            label("a1", " 空格 & \"引号\"\u{1b}", true),
            label("b2", "第三章", true),
            Change::Place {
                id: "c3".into(),
                place,
            },
            read("d4", true),
            read("d4", false),
            label("b2", "gone", true),
            label("b2", "gone", false),
        ];
        let mut expected = Memory::default();
        for change in &changes {
            store.apply(change).unwrap();
            expected.apply(change);
        }
        let loaded = store.load().unwrap();
        assert_eq!(loaded, expected);
        assert_eq!(loaded.len(), 3);
        assert_eq!(loaded.get("c3").unwrap().place, place);
        let count: i64 = store
            .conn
            .query_row("SELECT count(*) FROM marks", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            count, 2,
            "the unread d4 row and label-only b2 keep no marks row"
        );
    }

    #[test]
    fn a_change_to_one_field_keeps_what_another_connection_stored() {
        let (dir, store) = temp_store();
        let other = super::super::Store::open_at(&dir.path().join("juan/state.db"))
            .store
            .unwrap();
        store.apply(&read("x", true)).unwrap();
        other
            .apply(&Change::Star {
                id: "x".into(),
                starred: true,
            })
            .unwrap();
        other
            .apply(&Change::Place {
                id: "x".into(),
                place: Some(Place { block: 1, byte: 2 }),
            })
            .unwrap();
        store.apply(&label("x", "甲", true)).unwrap();
        store.apply(&read("x", true)).unwrap();
        let marks = store.load().unwrap().get("x").cloned().unwrap();
        assert!(marks.read && marks.starred);
        assert_eq!(marks.place, Some(Place { block: 1, byte: 2 }));
        assert_eq!(marks.labels.into_iter().collect::<Vec<_>>(), ["甲"]);
        other.apply(&read("x", false)).unwrap();
        let marks = store.load().unwrap().get("x").cloned().unwrap();
        assert!(!marks.read && marks.starred);
    }

    #[test]
    fn apply_all_stores_every_change_and_a_place_back_at_the_top_clears() {
        let (_dir, store) = temp_store();
        store
            .apply_all(&[
                read("a", true),
                label("b", "l", true),
                Change::Place {
                    id: "a".into(),
                    place: Some(Place { block: 9, byte: 0 }),
                },
            ])
            .unwrap();
        store
            .apply(&Change::Place {
                id: "a".into(),
                place: None,
            })
            .unwrap();
        let memory = store.load().unwrap();
        assert_eq!(memory.len(), 2);
        assert_eq!(memory.get("a").unwrap().place, None);
        assert!(memory.get("a").unwrap().read);
    }

    #[test]
    fn articles_with_labels_only_merge_in_id_order() {
        let (_dir, store) = temp_store();
        for change in [
            label("c", "丙", true),
            read("b", true),
            label("a", "甲", true),
            label("b", "乙", true),
            label("b", "乙二", true),
            read("d", true),
            label("e", "戊", true),
        ] {
            store.apply(&change).unwrap();
        }
        let mut seen = Vec::new();
        let count = each_sorted(&store.conn, |id, marks| {
            seen.push((id, marks.read, marks.labels.into_iter().collect::<Vec<_>>()))
        })
        .unwrap();
        let s = |x: &str| x.to_string();
        assert_eq!(count, 5);
        assert_eq!(
            seen,
            [
                (s("a"), false, vec![s("甲")]),
                (s("b"), true, vec![s("乙"), s("乙二")]),
                (s("c"), false, vec![s("丙")]),
                (s("d"), true, vec![]),
                (s("e"), false, vec![s("戊")]),
            ]
        );
    }

    /// Prints what loading 100,000 marks and storing one change cost (no assertion on time:
    /// `cargo test --release --lib archive::state::marks -- --ignored --nocapture`).
    #[test]
    #[ignore]
    fn figures_load_100k_and_apply() {
        let (_dir, store) = temp_store();
        let started = std::time::Instant::now();
        let changes: Vec<Change> = (0..100_000)
            .flat_map(|i| {
                let id = format!("{i:016x}");
                let mut v = vec![read(&id, true)];
                if i % 100 == 0 {
                    v.push(Change::Star {
                        id: id.clone(),
                        starred: true,
                    });
                    v.push(label(&id, "第三章", true));
                }
                if i % 10 == 0 {
                    v.push(Change::Place {
                        id: id.clone(),
                        place: Some(Place { block: 4, byte: 99 }),
                    });
                }
                v
            })
            .collect();
        store.apply_all(&changes).unwrap();
        eprintln!(
            "stored {} changes in one transaction in {:?}",
            changes.len(),
            started.elapsed()
        );
        // Wall time suffers from other work on the machine; the thread's CPU time less so.
        let cpu = || {
            let mut t = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: `t` is a valid timespec to write to.
            unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
            std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
        };
        let mut scans = Vec::new();
        for _ in 0..7 {
            let cpu_started = cpu();
            let mut n = 0;
            each_sorted(&store.conn, |_, _| n += 1).unwrap();
            scans.push(cpu() - cpu_started);
            assert_eq!(n, 100_000);
        }
        scans.sort();
        eprintln!("of which the two tables' scan (cpu), fastest first: {scans:?}");
        let mut times = Vec::new();
        for _ in 0..7 {
            let (started, cpu_started) = (std::time::Instant::now(), cpu());
            let memory = store.load().unwrap();
            times.push((started.elapsed(), cpu() - cpu_started));
            assert_eq!(memory.len(), 100_000);
        }
        times.sort();
        eprintln!("load of 100,000 marks (wall, cpu), fastest first: {times:?}");
        let mut each = Vec::new();
        for i in 0..2000 {
            let started = std::time::Instant::now();
            store.apply(&read(&format!("new{i}"), i % 2 == 0)).unwrap();
            each.push(started.elapsed());
        }
        each.sort();
        eprintln!(
            "apply, one change each: median {:?}, p99 {:?}, max {:?}",
            each[each.len() / 2],
            each[each.len() * 99 / 100],
            each[each.len() - 1]
        );
    }
}
