//! Loading one file: a plain JSON Lines file of 1 MiB or more is memory-mapped (a
//! [`GuardedMap`], which a truncation cannot kill juan through), taken from the index cache
//! when a sound one exists, else parsed in parallel (and cached when big); a smaller one is
//! read and parsed the same way with its bodies left in the bytes read; any other file is
//! read whole and handed to [`load_bytes`]. Small files are never mapped, so a folder
//! of 70,000 of them stays far below the kernel's limit on maps.
//!
//! A folder of many small files (a page, a Markdown file or a saved HTML page an article)
//! is parsed on every core: [`prepare`] reads and parses such a file on a worker, and
//! [`load`] hands on what it made in the files' order; the big files are left to `load`.

use std::fs::File;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use std::time::Instant;

use super::follow::Followed;
use super::guard::GuardedMap;
use super::held::HeldFile;
use super::stream::{Access, Batch, Collector, LoadOptions};
use super::{cache, cannot_read, mapped, special};
use crate::article::SharedBytes;
use crate::corpus::Chunk;
use crate::date::Stamp;
use crate::parse::{Archive, Problem, gzip, load_bytes, load_decompressed};

/// A file read ahead by [`prepare`].
pub(super) enum Prepared {
    /// Read whole and parsed: what it held, and how many bytes.
    Read(Archive, u64),
    /// Left to [`load`]: a file big loading streams (mapped JSON Lines, gzip), or stdin.
    Later,
}

/// Reads and parses the file at `path` when it is one that is read whole (see the module
/// comment); safe to run on any thread.
pub(super) fn prepare(path: &Path) -> Prepared {
    let shown = path.display().to_string();
    let name = file_name(path);
    let read = |bytes: &[u8]| {
        let mut loaded = Archive::default();
        load_bytes(&shown, &name, bytes, &mut loaded);
        Prepared::Read(loaded, bytes.len() as u64)
    };
    match open(path) {
        Ok(Opened::Mapped(map, _))
            if gzip::is_gzip(&map) || mapped::is_plain_json_lines(&name, &map) =>
        {
            Prepared::Later
        }
        Ok(Opened::Small(bytes))
            if gzip::is_gzip(&bytes) || mapped::is_plain_json_lines(&name, &bytes) =>
        {
            Prepared::Later
        }
        Ok(Opened::Mapped(map, _)) => read(&map),
        Ok(Opened::Small(bytes)) => read(&bytes),
        Ok(Opened::Stream(bytes, stopped)) => {
            let mut loaded = Archive::default();
            read_stream(&shown, &name, &bytes, stopped, &mut loaded);
            Prepared::Read(loaded, bytes.len() as u64)
        }
        Err(e) => {
            let mut loaded = Archive::default();
            loaded.problems.push(cannot_read(&shown, &e));
            Prepared::Read(loaded, 0)
        }
    }
}

/// Parses what a stream gave (`bytes`, and why it was `stopped` when it was).
pub(super) fn read_stream(
    shown: &str,
    name: &str,
    bytes: &[u8],
    stopped: Option<String>,
    out: &mut Archive,
) {
    if !bytes.is_empty() || stopped.is_none() {
        load_bytes(shown, name, bytes, out);
    }
    out.problems
        .extend(stopped.map(|why| Problem::whole(shown, why)));
}

/// The file name of `path`, as the format parsers take it.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// Loads the file at `path`, found under `root` (the path given), from what [`prepare`]
/// made of it; a plain JSON Lines file, which may grow while juan has it open, joins
/// `follow` with the bytes read of it.
pub(super) fn load(
    path: &Path,
    root: &Path,
    prepared: Prepared,
    options: &LoadOptions,
    out: &mut Collector,
    follow: &mut Vec<Followed>,
) {
    out.date_undated_by(path_date(path, root));
    if let Prepared::Read(loaded, len) = prepared {
        return out.add(loaded, len);
    }
    let shown = path.display().to_string();
    let name = file_name(path);
    let map = match open(path) {
        Ok(Opened::Mapped(map, file)) => {
            let reads = options.access == Access::Once;
            HeldFile::new(map, reads.then_some(file))
        }
        Ok(Opened::Small(bytes)) => {
            if !gzip::is_gzip(&bytes) && mapped::is_plain_json_lines(&name, &bytes) {
                follow.extend(Followed::new(path.to_path_buf(), bytes.len() as u64));
            }
            return load_small(&shown, &name, bytes, options, out);
        }
        Ok(Opened::Stream(bytes, stopped)) => {
            let mut loaded = Archive::default();
            read_stream(&shown, &name, &bytes, stopped, &mut loaded);
            return out.add(loaded, bytes.len() as u64);
        }
        Err(e) => return out.problem(cannot_read(&shown, &e)),
    };
    let len = map.len() as u64;
    if gzip::is_gzip(&map) {
        return load_gzip(&shown, &name, &map, options, out);
    }
    if !mapped::is_plain_json_lines(&name, &map) {
        let mut loaded = Archive::default();
        load_bytes(&shown, &name, &map, &mut loaded);
        return out.add(loaded, len);
    }
    follow.extend(Followed::new(path.to_path_buf(), len));
    let map = Arc::new(map);
    let shared: SharedBytes = map.clone();
    let bytes = shared.as_ref().as_ref();
    let cache_dir = options
        .cache_dir
        .as_deref()
        .filter(|dir| len >= options.cache_min_bytes && cache::may_hold(dir, path, root));
    let key = cache_dir.and_then(|_| cache::Key::of(path, bytes));
    let mut writer = None;
    // The body index of each cached chunk is kept beside the cache, one file per part.
    let mut part = 0;
    let mut text_store = |mut chunk: Chunk| {
        if let (Some(dir), Some(key)) = (cache_dir, &key) {
            chunk.text_store = Some(cache::TextCache::new(dir, key, part, options.access));
        }
        part += 1;
        chunk
    };
    if let (Some(dir), Some(key)) = (cache_dir, &key) {
        let mut group = Vec::new();
        let from_cache =
            |chunk, problems, covered| group.push((text_store(chunk), problems, covered));
        if let Some(found) = cache::read(dir, key, &shown, &shared, options.titles, from_cache) {
            return out.add_cached(group, found.ids_distinct);
        }
        // A cache that does not check out hands on nothing: the parts count from 0 again.
        writer = cache::Writer::create(dir, key);
    }
    let pieces = mapped::pieces(bytes, options.piece_bytes);
    // Finding where the pieces end read a line every few megabytes, and the system maps in
    // much of the file around each read (whole folios: 1.3 GB of a 17 GB archive): all of it
    // goes now, before parsing maps in and lets go one piece at a time.
    map.release(0..bytes.len());
    let release = |range: Range<usize>| map.release(range);
    let parse = |each: &mut dyn FnMut(mapped::Parsed)| {
        mapped::parse_parallel(&shown, &shared, &pieces, options.threads, &release, each);
        // A piece's pages go once it is parsed, but the edges of its neighbours' mapped in
        // with them stay (300 MB of a 17 GB archive): they go now.
        map.release(0..bytes.len());
    };
    let Some(mut writer) = writer else {
        // Not cached: its articles join the batches of the files around it, so that a folder
        // of many small files still makes chunks of the usual size.
        parse(&mut |parsed| out.add(parsed.archive, parsed.range.len() as u64));
        return;
    };
    // Cached: the file's own chunks (none shared with other files, so each can be cached),
    // each written to the cache as it is handed on.
    let mut failed = false;
    let mut covered_so_far = 0;
    let mut forward = |batch: Batch| {
        let covered = batch.progress.bytes_done - covered_so_far;
        covered_so_far = batch.progress.bytes_done;
        failed = failed || writer.add(&batch.chunk, &batch.problems, covered).is_err();
        // Once written, the chunk is read back as views of the cache file: a cold load then
        // holds no more memory than a warm one.
        let read_back = if failed {
            None
        } else {
            writer.read_back(&shown, &shared)
        };
        let chunk = read_back.unwrap_or(batch.chunk);
        out.add_chunk(text_store(chunk), batch.problems, covered);
    };
    let mut chunks = Collector::new(&mut forward, options, len, Instant::now()).keeping_copies();
    chunks.date_undated_by(path_date(path, root));
    parse(&mut |parsed| chunks.add(parsed.archive, parsed.range.len() as u64));
    chunks.finish();
    // The cache only saves time; failing to write it changes nothing else.
    if failed {
        writer.abandon();
    } else {
        let _ = writer.finish();
    }
}

/// Loads a small regular file read whole (`bytes`): plain JSON Lines is parsed as a mapped
/// file is, its bodies left in `bytes` (kept in memory, as a file this small costs little),
/// never cached; gzip and the rest as they always are.
fn load_small(shown: &str, name: &str, bytes: Vec<u8>, options: &LoadOptions, out: &mut Collector) {
    if gzip::is_gzip(&bytes) {
        return load_gzip(shown, name, &bytes, options, out);
    }
    if !mapped::is_plain_json_lines(name, &bytes) {
        let mut loaded = Archive::default();
        load_bytes(shown, name, &bytes, &mut loaded);
        return out.add(loaded, bytes.len() as u64);
    }
    let shared: SharedBytes = Arc::new(bytes);
    parse_in_memory(shown, &shared, options, |parsed| {
        out.add(parsed.archive, parsed.range.len() as u64)
    });
}

/// Parses plain JSON Lines held in memory (`shared`) on every core, bodies left lazy in it,
/// handing each piece to `each` in file order.
fn parse_in_memory(
    shown: &str,
    shared: &SharedBytes,
    options: &LoadOptions,
    each: impl FnMut(mapped::Parsed),
) {
    let pieces = mapped::pieces(shared.as_ref().as_ref(), options.piece_bytes);
    mapped::parse_parallel(shown, shared, &pieces, options.threads, &|_| {}, each);
}

/// Loads a gzip file whose compressed bytes are `gz`: decompressed in memory once, then, when
/// that is plain JSON Lines, parsed on every core with the bodies left in the decompressed
/// bytes (which stay in memory: gzip has no random access); else read as [`load_bytes`]
/// reads it.
fn load_gzip(shown: &str, name: &str, gz: &[u8], options: &LoadOptions, out: &mut Collector) {
    let (data, problem) = gzip::gunzip(gz);
    let inner = name.strip_suffix(".gz").unwrap_or(name);
    if !mapped::is_plain_json_lines(inner, &data) {
        let mut loaded = Archive::default();
        load_decompressed(shown, inner, &data, problem, &mut loaded);
        return out.add(loaded, gz.len() as u64);
    }
    let shared: SharedBytes = Arc::new(data);
    // Progress counts compressed bytes, in proportion to the decompressed ones parsed.
    let scale = gz.len() as f64 / shared.as_ref().as_ref().len().max(1) as f64;
    let mut counted = 0;
    parse_in_memory(shown, &shared, options, |parsed| {
        let upto = ((parsed.range.end as f64 * scale) as u64).min(gz.len() as u64);
        out.add(parsed.archive, upto.saturating_sub(counted));
        counted = counted.max(upto);
    });
    let mut rest = Archive::default();
    if let Some(reason) = problem {
        rest.problems
            .push(gzip::problem_after(shown, shared.as_ref().as_ref(), reason));
    }
    out.add(rest, gz.len() as u64 - counted);
}

/// The day in the names of `path`'s folders and file, from the path given (`root`) down:
/// the date of its articles that give none ([`crate::date::from_path`]).
fn path_date(path: &Path, root: &Path) -> Option<Stamp> {
    let below = root.parent().and_then(|p| path.strip_prefix(p).ok());
    crate::date::from_path(&below.unwrap_or(path).to_string_lossy())
}

/// Files smaller than this are read, not mapped: a folder of 70,000 small files would
/// otherwise hold a map each, past the kernel's limit of 65,530, and reading a small file
/// costs less than mapping it.
const MAP_MIN_BYTES: u64 = 1 << 20;

/// A file opened once: mapped, or read whole.
enum Opened {
    /// A regular file of at least [`MAP_MIN_BYTES`], memory-mapped ([`GuardedMap`]), and
    /// the file itself (for [`HeldFile`]).
    Mapped(GuardedMap, File),
    /// A smaller regular file (or one that would not map), read whole.
    Small(Vec<u8>),
    /// Anything else (a FIFO, a device): read to its end from the one handle opened, so a
    /// stream is read once and nothing of it is lost; within a bound ([`special`]), and why
    /// it was stopped when it was.
    Stream(Vec<u8>, Option<String>),
}

/// Opens the file at `path` once: mapped when it is a regular file of [`MAP_MIN_BYTES`] or
/// more that maps, else read whole.
fn open(path: &Path) -> std::io::Result<Opened> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if meta.is_file()
        && meta.len() >= MAP_MIN_BYTES
        && let Ok(Some(map)) = GuardedMap::map(&file)
    {
        return Ok(Opened::Mapped(map, file));
    }
    if !meta.is_file() {
        let (bytes, stopped) = special::read_bounded(file, special::max_stream_bytes())?;
        return Ok(Opened::Stream(bytes, stopped));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(Opened::Small(bytes))
}
