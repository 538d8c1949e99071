//! The index cache: what loading a big plain JSON Lines file produced — its articles as
//! built chunks (columns and search index; bodies stay in the archive) and its problems —
//! kept in one binary file under `$XDG_CACHE_HOME/juan/` (else `~/.cache/juan/`), so that
//! opening the unchanged file again neither parses nor indexes: the file is mapped and the
//! chunks' columns are views of it ([`crate::column`]).
//!
//! A cache file is a header, padding to 16 bytes, then parts ([`part`]), one per chunk:
//!
//! ```text
//! magic "JUANIDX\0" · format version u32 · key length u32 · key · payload length u64 ·
//! XXH3 of the parts' prefixes and the flags u64 · flags u64 · padding · parts
//! ```
//!
//! The one flag ([`IDS_DISTINCT`]) says no two articles of the file share an id, worked out
//! once as the cache is written: a load of that file alone then has no copies to fold and
//! sorts no ids (`dedupe`).
//!
//! The key is the archive's canonical path, size, modification time, an XXH3 of its first
//! and last 64 KiB, and the machine's byte order (columns are stored as they lie in memory).
//! A cache whose key, length, prefixes, part checksums or chunks do not check out is ignored
//! and rebuilt by the caller, never trusted. The first load of a cache file checks it whole
//! (titles and search aids too, whatever it reads) and stamps it ([`stamp`]): later loads of
//! the unchanged file skip the checks that read all of it. A cache file is written to a
//! temporary file
//! beside it and renamed into place ([`Writer`]), so a reader never sees half of one. (Like a mapped archive, a mapped cache file must not be truncated in place by
//! another program while juan has it open; juan itself only ever replaces it by renaming.)

mod part;
mod stamp;
mod text;
mod tidy;
mod trust;
mod writer;

pub(super) use text::TextCache;
pub(super) use writer::Writer;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::TitleCheck;
use crate::article::SharedBytes;
use crate::corpus::Chunk;
use crate::parse::Problem;

/// First bytes of every cache file.
const MAGIC: &[u8; 8] = b"JUANIDX\0";
/// The format of a cache file, bumped whenever the payload's layout or the parsers' output
/// for JSON Lines changes (an article's line is read again by today's `crate::parse` when it
/// is opened, beside columns the older parser built). `tests/golden_cache.rs` pins a fixture's
/// cache and parsed articles to this number and fails when they change and it does not.
pub const VERSION: u32 = 16;
/// The header's flag for a file whose articles' ids are all different.
pub(super) const IDS_DISTINCT: u64 = 1;
/// Bytes hashed at each end of the archive for the key.
const EDGE: usize = 64 << 10;

/// What a cache file must match: which file, in which state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Key {
    bytes: Vec<u8>,
    name_hash: u64,
}

impl Key {
    /// The key of the archive at `path` whose bytes are `data`, or `None` when its canonical
    /// path or modification time cannot be read.
    pub(super) fn of(path: &Path, data: &[u8]) -> Option<Key> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let meta = std::fs::metadata(&canonical).ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        let head = &data[..data.len().min(EDGE)];
        let tail = &data[data.len().saturating_sub(EDGE)..];
        let path_text = canonical.to_string_lossy();
        let mut bytes = Vec::with_capacity(path_text.len() + 40);
        bytes.extend_from_slice(&(path_text.len() as u32).to_le_bytes());
        bytes.extend_from_slice(path_text.as_bytes());
        bytes.extend_from_slice(&meta.len().to_le_bytes());
        bytes.extend_from_slice(&(data.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&mtime.as_secs().to_le_bytes());
        bytes.extend_from_slice(&mtime.subsec_nanos().to_le_bytes());
        // What `touch -d` cannot set back: the file's identity and its change time (an edit
        // that keeps the size and the modification time still moves the ctime).
        {
            use std::os::unix::fs::MetadataExt;
            for n in [
                meta.dev(),
                meta.ino(),
                meta.ctime() as u64,
                meta.ctime_nsec() as u64,
            ] {
                bytes.extend_from_slice(&n.to_le_bytes());
            }
        }
        bytes.extend_from_slice(&xxh3_64(head).to_le_bytes());
        bytes.extend_from_slice(&xxh3_64(tail).to_le_bytes());
        // Columns are stored in this machine's byte order and read back in place.
        bytes.push(u8::from(cfg!(target_endian = "little")));
        Some(Key {
            name_hash: xxh3_64(path_text.as_bytes()),
            bytes,
        })
    }

    /// The cache file for this archive in `dir`.
    pub(super) fn file_in(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{:016x}.idx", self.name_hash))
    }
}

/// The cache folder: `$XDG_CACHE_HOME/juan`, else `$HOME/.cache/juan`; `None` when
/// `JUAN_NO_CACHE` is set (to anything but `0` or nothing) or neither variable is.
pub(super) fn default_dir() -> Option<PathBuf> {
    if std::env::var_os("JUAN_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    super::xdg::juan_dir("XDG_CACHE_HOME", ".cache")
}

/// True when `dir` may hold the cache of the archive file at `path`, found under `root`
/// (the path given, a file or a folder): never the file's own folder, nor inside a folder
/// given as the archive.
pub(super) fn may_hold(dir: &Path, path: &Path, root: &Path) -> bool {
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let beside = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.parent().map(|f| f == dir))
        .unwrap_or(true);
    let inside =
        root.is_dir() && std::fs::canonicalize(root).map_or(true, |root| dir.starts_with(root));
    !beside && !inside
}

/// Hands `each`, in order, the chunks of the cached load of the archive keyed `key` — each
/// with the problems met before it and the archive bytes it covers — and says what else the
/// cache found ([`Found`]), when
/// `dir` holds a cache whose header, key, length, parts and every checksum are sound and
/// whose chunks all read back; else hands nothing and says `None` (the caller loads the
/// archive and writes the cache anew). The chunks' columns stay views of the mapped cache
/// file; `file` names problems; `archive` is the archive's bytes, which hold the articles'
/// lines. Parts are checked on every core before the first is handed on.
pub(super) fn read(
    dir: &Path,
    key: &Key,
    file: &str,
    archive: &SharedBytes,
    titles: TitleCheck,
    mut each: impl FnMut(Chunk, Vec<Problem>, u64),
) -> Option<Found> {
    let path = key.file_in(dir);
    let cache_file = trust::open(dir, &path)?;
    let opened = stamp::Identity::of(&cache_file.metadata().ok()?);
    let checked_before = stamp::vouches(dir, &path, opened);
    // A file not stamped yet is checked whole now, whatever this load reads, and stamped:
    // once per file. Not one written less than a second ago, which could not be stamped:
    // that load checks what it reads, as `titles` says.
    let check_whole = !checked_before && opened.settled();
    let titles = if check_whole {
        TitleCheck::AtLoad
    } else {
        titles
    };
    // Read: recently used, so the last a full cache folder lets go ([`tidy`]). The access
    // time says so (set here: mounts often do not keep it); the modification time stays the
    // time the cache was written.
    let now = std::fs::FileTimes::new().set_accessed(std::time::SystemTime::now());
    let _ = cache_file.set_times(now);
    // A file only juan writes, and only by renaming a new file over it (the mapped one stays
    // intact); what it holds is checked before it is used, and a cut cannot kill juan.
    let map = super::guard::GuardedMap::map(&cache_file).ok()??;
    let cache: SharedBytes = Arc::new(map);
    let bytes: &[u8] = cache.as_ref().as_ref();
    let archive_len = archive.as_ref().as_ref().len() as u64;
    let (payload, flags) = payload_of(bytes, key)?;
    let parts = part::find(bytes, payload)?;
    let covered = parts
        .iter()
        .try_fold(0u64, |sum, p| sum.checked_add(p.covered));
    if covered != Some(archive_len) {
        return None;
    }
    let decoded: Vec<(Chunk, Vec<Problem>)> = parts
        .par_iter()
        .map(|p| part::decode(&cache, p, file, archive, titles, checked_before))
        .collect::<Option<_>>()?;
    // The titles checked with the cores, the search aids are read now too: the whole file then
    // checked out, and the stamp says so to every later load.
    if check_whole
        && decoded
            .par_iter()
            .all(|(chunk, _)| chunk.index.read_search_aids_back())
    {
        stamp::write(dir, &path, &cache_file, opened);
    }
    for ((chunk, problems), p) in decoded.into_iter().zip(&parts) {
        each(chunk, problems, p.covered);
    }
    Some(Found {
        ids_distinct: flags & IDS_DISTINCT != 0,
    })
}

/// What a sound cache says of its file besides its chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    /// No two articles of the file share an id ([`IDS_DISTINCT`]).
    pub(super) ids_distinct: bool,
}

/// Where the parts lie in a cache file's `bytes`, and its flags, when its header matches
/// `key`, its length and the checksum of its parts' prefixes and flags.
fn payload_of(bytes: &[u8], key: &Key) -> Option<(Range<usize>, u64)> {
    let header = header(key, 0, 0, 0);
    let fixed = header.len() - 24;
    if bytes.len() < header.len() || bytes[..fixed] != header[..fixed] {
        return None;
    }
    let word = |at: usize| bytes[at..at + 8].try_into().ok().map(u64::from_le_bytes);
    let (len, sum, flags) = (word(fixed)?, word(fixed + 8)?, word(fixed + 16)?);
    let start = payload_start(key);
    let payload = start..bytes.len();
    let parts = part::find(bytes, payload.clone())?;
    let mut prefixes = Xxh3::new();
    for p in &parts {
        prefixes.update(&bytes[p.core.start - part::PREFIX..p.core.start]);
    }
    prefixes.update(&flags.to_le_bytes());
    (bytes.len() >= start && (bytes.len() - start) as u64 == len && prefixes.digest() == sum)
        .then_some((payload, flags))
}

/// Where the parts start in a cache file for `key`: after the header, 16-aligned.
fn payload_start(key: &Key) -> usize {
    header(key, 0, 0, 0)
        .len()
        .next_multiple_of(crate::column::codec::ALIGN)
}

/// A cache file's header.
fn header(key: &Key, payload_len: u64, checksum: u64, flags: u64) -> Vec<u8> {
    let mut h = Vec::with_capacity(key.bytes.len() + 40);
    h.extend_from_slice(MAGIC);
    h.extend_from_slice(&VERSION.to_le_bytes());
    h.extend_from_slice(&(key.bytes.len() as u32).to_le_bytes());
    h.extend_from_slice(&key.bytes);
    h.extend_from_slice(&payload_len.to_le_bytes());
    h.extend_from_slice(&checksum.to_le_bytes());
    h.extend_from_slice(&flags.to_le_bytes());
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    struct Setup {
        _dir: tempfile::TempDir,
        cache_dir: PathBuf,
        key: Key,
        shared: SharedBytes,
    }

    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let archive_path = dir.path().join("a.jsonl");
        std::fs::write(&archive_path, "{\"title\":\"a\"}\nbad\n").unwrap();
        let data = std::fs::read(&archive_path).unwrap();
        Setup {
            key: Key::of(&archive_path, &data).unwrap(),
            cache_dir: dir.path().join("cache"),
            shared: Arc::new(data),
            _dir: dir,
        }
    }

    fn read_all(s: &Setup) -> Option<(Vec<String>, Vec<Problem>)> {
        read_checking(s, TitleCheck::AtLoad)
    }

    /// The titles and problems of the cache, its titles checked whole as `check` says.
    fn read_checking(s: &Setup, check: TitleCheck) -> Option<(Vec<String>, Vec<Problem>)> {
        let mut titles = Vec::new();
        let mut problems = Vec::new();
        read_each(s, check, |c, mut p, _| {
            titles.extend((0..c.len()).map(|i| c.index.title(i).to_string()));
            problems.append(&mut p);
        })?;
        Some((titles, problems))
    }

    /// [`read`] of the setup's cache.
    fn read_each(
        s: &Setup,
        check: TitleCheck,
        each: impl FnMut(Chunk, Vec<Problem>, u64),
    ) -> Option<Found> {
        read(&s.cache_dir, &s.key, "shown", &s.shared, check, each)
    }

    fn write(s: &Setup) {
        let chunk = Chunk::build(vec![Article {
            title: "a".into(),
            ..Article::default()
        }]);
        let len = s.shared.as_ref().as_ref().len() as u64;
        let mut w = Writer::create(&s.cache_dir, &s.key).unwrap();
        w.add(&chunk, &[Problem::at("x", 3, "bad")], len - 4)
            .unwrap();
        w.add(&Chunk::default(), &[], 4).unwrap();
        w.finish().unwrap();
    }

    #[test]
    fn the_cache_says_whether_the_files_ids_are_all_different() {
        let s = setup();
        let len = s.shared.as_ref().as_ref().len() as u64;
        let article = |id: &str| Article {
            id: id.into(),
            title: "t".into(),
            ..Article::default()
        };
        let found = |ids: [&str; 2], split: bool| {
            let mut w = Writer::create(&s.cache_dir, &s.key).unwrap();
            let (first, second) = if split {
                (vec![article(ids[0])], vec![article(ids[1])])
            } else {
                (vec![article(ids[0]), article(ids[1])], Vec::new())
            };
            w.add(&Chunk::build(first), &[], len - 4).unwrap();
            w.add(&Chunk::build(second), &[], 4).unwrap();
            w.finish().unwrap();
            read_each(&s, TitleCheck::AtLoad, |_, _, _| {}).unwrap()
        };
        assert!(found(["a", "b"], false).ids_distinct);
        assert!(found(["a", "b"], true).ids_distinct);
        assert!(!found(["a", "a"], false).ids_distinct);
        assert!(
            !found(["a", "a"], true).ids_distinct,
            "one id in two chunks"
        );
    }

    #[test]
    fn header_parts_and_checksums_must_all_match() {
        let s = setup();
        write(&s);
        let (titles, problems) = read_all(&s).unwrap();
        assert_eq!(titles, ["a"]);
        assert_eq!(problems[0].to_string(), "shown:3: bad");
        let file = s.key.file_in(&s.cache_dir);
        let good = std::fs::read(&file).unwrap();
        let start = payload_start(&s.key);
        let sum = header(&s.key, 0, 0, 0).len() - 9;
        let flags = sum + 8;
        // Magic, key, the header's checksum, its flags, a part's length, its core's length,
        // its titles' length, its core's and titles' checksums (the titles checked at the
        // load here), its reserved word, its body.
        let part = |k: usize| start + 8 * k;
        for at in [
            0,
            9,
            sum,
            flags,
            part(0),
            part(2),
            part(3),
            part(4),
            part(5),
            part(7),
            part(8) + 8,
        ] {
            let mut bad = good.clone();
            bad[at] ^= 0x41;
            std::fs::write(&file, &bad).unwrap();
            assert!(read_all(&s).is_none(), "{at}");
        }
        let word = |k: usize| u64::from_le_bytes(good[part(k)..part(k + 1)].try_into().unwrap());
        let (core, titles) = (word(2) as usize, word(3) as usize);
        // A damaged title: the cache is refused when titles are checked at the load; else it
        // is read, and the title reads as damaged (checked on its own when read).
        let first_title = part(8) + core + 16;
        let mut bad = good.clone();
        bad[first_title] = 0xFF;
        std::fs::write(&file, &bad).unwrap();
        assert!(read_all(&s).is_none());
        let (titles_read, _) = read_checking(&s, TitleCheck::OnUse).unwrap();
        assert_eq!(titles_read, ["\u{FFFD}"]);
        // The search aids are checked on first use, not at the load: damaged, they are made
        // again from the columns.
        let first_aids = part(8) + core + titles;
        for at in [first_aids, first_aids + 17, good.len() - 1] {
            let mut bad = good.clone();
            bad[at] ^= 0x41;
            std::fs::write(&file, &bad).unwrap();
            let mut chunks = Vec::new();
            read_each(&s, TitleCheck::AtLoad, |c, _, _| chunks.push(c));
            let folded: Vec<_> = chunks
                .iter()
                .map(|c| c.index.folded_sources().len())
                .collect();
            assert_eq!(folded, [1, 0], "{at}");
            assert_eq!(chunks[0].index.title_candidates("a"), None);
        }
        for cut in [good.len() - 16, start + 8, 10] {
            std::fs::write(&file, &good[..cut]).unwrap();
            assert!(read_all(&s).is_none(), "{cut}");
        }
    }

    #[test]
    fn a_part_with_a_sound_checksum_that_does_not_decode_fails_the_whole() {
        let s = setup();
        let body = vec![0xffu8; 32];
        let lengths = part::Lengths {
            core: body.len(),
            titles: 0,
        };
        let prefix = part::prefix(&body, lengths, s.shared.as_ref().as_ref().len() as u64);
        let mut file_bytes = header(
            &s.key,
            (prefix.len() + body.len()) as u64,
            {
                let mut h = Xxh3::new();
                h.update(&prefix);
                h.update(&0u64.to_le_bytes());
                h.digest()
            },
            0,
        );
        file_bytes.resize(payload_start(&s.key), 0);
        file_bytes.extend_from_slice(&prefix);
        file_bytes.extend_from_slice(&body);
        std::fs::create_dir_all(&s.cache_dir).unwrap();
        std::fs::write(s.key.file_in(&s.cache_dir), &file_bytes).unwrap();
        assert!(read_all(&s).is_none());
    }

    /// Sets the modification time of `file` to `when`, as `touch -d` does.
    fn set_modified(file: &Path, when: std::time::SystemTime) {
        let f = std::fs::File::options().write(true).open(file).unwrap();
        f.set_modified(when).unwrap();
    }

    /// Sets the modification time of `file` to an hour ago (settled: it may be stamped), and
    /// says what it is.
    fn settle(file: &Path) -> std::time::SystemTime {
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        set_modified(file, hour_ago);
        hour_ago
    }

    #[test]
    fn a_cache_checked_whole_once_is_stamped_and_any_write_voids_the_stamp() {
        let s = setup();
        write(&s);
        let file = s.key.file_in(&s.cache_dir);
        let stamp = stamp::path_of(&file);
        // Just written: a write in the same clock tick could go unseen, so no stamp yet.
        assert_eq!(read_all(&s).unwrap().0, ["a"]);
        read_checking(&s, TitleCheck::OnUse).unwrap();
        assert!(!stamp.exists());
        let modified = settle(&file);
        // Settled: the first load checks it whole, whatever it reads, and stamps it.
        read_checking(&s, TitleCheck::OnUse).unwrap();
        assert!(stamp.exists(), "checked whole, and settled: stamped");
        assert_eq!(read_all(&s).unwrap().0, ["a"]);
        // The title's text, changed in place (the section's checksum no longer holds).
        let bytes = std::fs::read(&file).unwrap();
        let (payload, _) = payload_of(&bytes, &s.key).unwrap();
        let title_at =
            part::find(&bytes, payload).unwrap()[0].titles.start + crate::column::codec::ALIGN;
        assert_eq!(bytes[title_at], b'a');
        let change = |to: u8| {
            use std::os::unix::fs::FileExt;
            let f = std::fs::File::options().write(true).open(&file).unwrap();
            f.write_all_at(&[to], title_at as u64).unwrap();
        };
        // With its modification time set back (as only a forger would), the stamp still
        // vouches: the checksums are not computed again. That is all a stamp spares.
        change(b'b');
        set_modified(&file, modified);
        assert_eq!(read_all(&s).unwrap().0, ["b"]);
        // Any write moves the modification time: the stamp no longer vouches, the titles'
        // checksum is computed again, and the cache is not believed.
        change(b'c');
        assert!(read_all(&s).is_none());
    }

    #[test]
    fn a_stamped_cache_reads_back_the_index_it_was_built_from() {
        let s = setup();
        let mut generator = crate::synthetic::Generator::new(11);
        let chunk = Chunk::build(
            (0..300)
                .map(|_| generator.next_article().to_article())
                .collect(),
        );
        let len = s.shared.as_ref().as_ref().len() as u64;
        let mut w = Writer::create(&s.cache_dir, &s.key).unwrap();
        w.add(&chunk, &[], len).unwrap();
        w.finish().unwrap();
        let file = s.key.file_in(&s.cache_dir);
        settle(&file);
        // Checked whole and stamped, then read with no check: the same index both times.
        for stamped in [false, true] {
            let mut chunks = Vec::new();
            read_each(&s, TitleCheck::AtLoad, |c, _, _| chunks.push(c)).unwrap();
            assert!(stamp::path_of(&file).exists());
            let back = &chunks[0].index;
            assert!(back.same_as(&chunk.index), "stamped before: {stamped}");
            let term: String = chunk.index.title(7).chars().take(2).collect();
            let candidates = chunk.index.title_candidates(&term);
            assert!(candidates.as_ref().is_some_and(|c| c.contains(7)), "{term}");
            assert_eq!(back.title_candidates(&term), candidates);
        }
    }
}
