//! Loading archives: the only module that touches the file system. It reads files, walks
//! folders (recursively, in sorted order, skipping hidden entries) and reads stdin for `-`,
//! then hands the bytes to the format parsers of `parse`, which never do I/O, and
//! builds what they give into [`Chunk`](crate::Chunk)s.
//!
//! Layers: `archive` → `corpus` → `parse`. This module uses both below it; neither uses it.
//! [`Problem`], [`Archive`] and [`load_bytes`] (and `Format`) are `parse`'s,
//! named here too because loading is where callers meet them.
//!
//! Every bad record, undecodable line and unreadable file becomes one [`Problem`]; the rest
//! still loads.
//!
//! Big archives ([`load_streaming`]): a plain JSON Lines file is memory-mapped and parsed in
//! line-aligned pieces on every core; each article's body stays in the map as a byte range
//! and is decoded only when read; articles reach the caller in [`Batch`]es, in load order,
//! each already built into a [`Chunk`](crate::Chunk) (columns and search index), while the
//! rest loads. A big file's chunks are kept in an index cache under `$XDG_CACHE_HOME/juan/`,
//! so opening it again unchanged neither parses nor indexes: the cache file is mapped and the
//! chunks' columns are views of it ([`CACHE_VERSION`] names its format and the parsers'
//! output it holds).
//! Every map is a guarded one (`guard`): a file cut short by another program while juan has it
//! open reads as zeros past its new end instead of killing juan with SIGBUS, and what is read
//! back is checked against what loading recorded (`parse::record_at`, called by
//! `corpus::Records`), so a changed archive gives "changed on disk"
//! ([`changed_on_disk`]), never a wrong article.
//!
//! | module | job |
//! |---|---|
//! | `walk` | the paths given → files to load, in order (folders walked, loops cut) |
//! | `file` | one file: mapped + cached + parallel for plain JSON Lines, else read whole |
//! | `follow` | archives that grow while open: appended records read and handed on |
//! | `guard` | memory maps whose file, cut short under them, cannot kill juan (SIGBUS) |
//! | `held` | an archive's map with its file kept open: a search reads bodies, not maps them |
//! | `mapped` | line-aligned pieces of a mapped file, parsed on every core, in order |
//! | `ordered` | work on every core with results handed on in order |
//! | `cache` | the index cache file: key, header, checksums, atomic write; `cache/part` |
//! | `stream` | [`Batch`], [`Progress`], [`LoadOptions`], batching for the caller |
//! | `dedupe` | copies of an article (same id and content) folded, id clashes counted |
//! | `special` | stdin, a FIFO or a device: read once, within a bound, stopped on binary data |

mod cache;
mod dedupe;
mod file;
mod follow;
mod guard;
mod held;
mod mapped;
mod ordered;
mod special;
pub(crate) mod state;
mod stream;
mod walk;
mod xdg;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::parse::short_io_error;

pub use crate::parse::{Archive, Problem, load_bytes};
pub use cache::VERSION as CACHE_VERSION;
pub use follow::Follow;
pub use stream::{Access, Batch, LoadOptions, Progress, TitleCheck};

/// True once a file juan loaded is known to have changed under it: a guarded map lost pages
/// (the file was cut short), `note_changed` was called (a followed file shrank or was
/// replaced), or an article read back from its line no longer matched what loading recorded
/// (`corpus::read_back_changed`).
pub fn changed_on_disk() -> bool {
    guard::changed_on_disk() || crate::corpus::read_back_changed()
}

/// Says a file juan loaded changed under it (found by a check, not by a fault: a followed file
/// shrank or was replaced): [`changed_on_disk`] is then true.
pub(crate) fn note_changed() {
    guard::note_changed();
}

/// Forgets that a file changed (a new load begins).
pub(crate) fn forget_changes() {
    guard::forget_changes();
    crate::corpus::forget_read_back_changed();
}

/// Loads every path (files, folders recursively, `-` for stdin), with the index cache of
/// an ordinary run (`LoadOptions::from_env`: the cache on unless `JUAN_NO_CACHE` is set).
pub fn load(paths: &[PathBuf]) -> Archive {
    load_with(paths, &LoadOptions::from_env())
}

/// Loads every path with `options`: the batches of [`load_streaming_with`], put together.
pub fn load_with(paths: &[PathBuf], options: &LoadOptions) -> Archive {
    let mut archive = Archive::default();
    load_streaming_with(paths, options, |mut batch| {
        let chunk = &batch.chunk;
        archive
            .articles
            .extend((0..chunk.len()).map(|i| chunk.article(i)));
        archive.problems.append(&mut batch.problems);
    });
    archive
}

/// Loads every path, handing `sink` batches of about 50 000 articles in load order, with
/// the problems met and the progress so far, as loading goes on (options as [`load`]).
/// Returns the JSON Lines files read, to [`Follow`] as they grow.
pub fn load_streaming(paths: &[PathBuf], sink: impl FnMut(Batch)) -> Follow {
    load_streaming_with(paths, &LoadOptions::from_env(), sink)
}

/// [`load_streaming`] with `options`. The last batch (possibly empty) carries the final
/// progress. Plain JSON Lines files are memory-mapped, their bodies left in the map, and
/// parsed on `options.threads` threads; see [`Batch`] for who builds the search index.
pub fn load_streaming_with(
    paths: &[PathBuf],
    options: &LoadOptions,
    mut sink: impl FnMut(Batch),
) -> Follow {
    let mut follow = Vec::new();
    let start = Instant::now();
    let entries = walk::entries(paths);
    let bytes_total = entries
        .iter()
        .filter_map(|e| match e {
            walk::Entry::File { path, .. } => std::fs::metadata(path).ok().map(|m| m.len()),
            _ => None,
        })
        .sum();
    let mut collector = stream::Collector::new(&mut sink, options, bytes_total, start);
    // Small files are read and parsed ahead on every core; results come back in order.
    let prepare = |entry: &walk::Entry| match entry {
        walk::Entry::File { path, .. } => file::prepare(path),
        _ => file::Prepared::Later,
    };
    let mut due = entries.iter();
    ordered::map_in_order(&entries, options.threads, prepare, |prepared| {
        let Some(entry) = due.next() else { return };
        match entry {
            walk::Entry::Problem(p) => collector.problem(p.clone()),
            walk::Entry::File { path, root } => {
                file::load(path, root, prepared, options, &mut collector, &mut follow)
            }
            walk::Entry::Stdin => {
                let mut loaded = Archive::default();
                let stdin = std::io::stdin().lock();
                let len = match special::read_bounded(stdin, special::max_stream_bytes()) {
                    Ok((bytes, stopped)) => {
                        file::read_stream("-", "-", &bytes, stopped, &mut loaded);
                        bytes.len() as u64
                    }
                    Err(e) => {
                        loaded.problems.push(cannot_read("-", &e));
                        0
                    }
                };
                collector.add(loaded, len);
            }
        }
    });
    collector.finish();
    Follow::new(follow)
}

/// Resident memory of this process now, anonymous and file-backed, in KiB (Linux's
/// `/proc/self/status`); `None` elsewhere.
pub(crate) fn resident_kb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    };
    Some((field("RssAnon:")?, field("RssFile:")?))
}

/// "cannot read: permission denied" and the like.
fn cannot_read(file: &str, e: &std::io::Error) -> Problem {
    Problem::whole(file, format!("cannot read: {}", short_io_error(e)))
}

/// The bundled sample archive, `sample-data/` beside the crate's manifest.
pub fn sample_data_dir() -> PathBuf {
    let here = PathBuf::from("sample-data");
    if here.is_dir() {
        return here;
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data")
}

/// Creates `path` for `juan import -o`, refusing to overwrite any of the `inputs` (juan never
/// writes to an archive): a path inside an input, or the same file as one of the files a load
/// of the inputs reads under another name (a hard or symbolic link: same device and inode).
pub(crate) fn create_output(path: &Path, inputs: &[PathBuf]) -> std::io::Result<std::fs::File> {
    let refuse = || {
        Err(std::io::Error::other(
            "refusing to overwrite an input archive",
        ))
    };
    let target = std::fs::canonicalize(path).ok();
    for input in inputs {
        let input = std::fs::canonicalize(input).ok();
        if let (Some(t), Some(i)) = (&target, &input)
            && t.starts_with(i)
        {
            return refuse();
        }
    }
    if let Ok(existing) = std::fs::metadata(path) {
        let same = |file: &Path| std::fs::metadata(file).is_ok_and(|m| same_file(&m, &existing));
        let read = walk::entries(inputs);
        if read
            .iter()
            .any(|e| matches!(e, walk::Entry::File { path, .. } if same(path)))
        {
            return refuse();
        }
    }
    std::fs::File::create(path)
}

/// True when two metadata are of one file (device and inode; on other systems, never).
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        a.dev() == b.dev() && a.ino() == b.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}
