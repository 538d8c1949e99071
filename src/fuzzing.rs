//! The bodies of juan's fuzz targets, in the library so that two harnesses share them: the
//! cargo-fuzz project in `fuzz/` (nightly, libFuzzer, minutes to hours per target) and
//! `tests/fuzz_short.rs` (stable, part of `cargo test`: the seed corpus, the saved crash
//! inputs and a few thousand deterministic mutations, in seconds).
//!
//! Each target takes any bytes, feeds them to one public entry of juan and panics when a
//! promise is broken. Beyond "never panics", the promises checked are the cheap ones:
//!
//! - archive parsers (`load_bytes` under each file name; a JSON Lines file loaded from disk
//!   in pieces, and each of its lines read back lazily): every text field of every article is clean (no control character, escape
//!   sequence or invisible formatting: `sanitize::is_plain`, a ZWJ only between
//!   emoji), one-line fields hold no line break and are trimmed, a body's paragraphs are
//!   non-empty and trimmed, every article has an id, every problem names the file it was given;
//!   a JSON Lines file gives the articles its bytes give;
//! - the cleaner: its output holds only such characters, cleaning twice changes nothing, plain
//!   text passes unchanged, and `visible` escapes everything not plain;
//! - the wrapper: lines cover the text in order on grapheme boundaries, only whitespace falls
//!   between them, and no line is wider than asked unless it is one grapheme; `pad` and
//!   `truncate` keep their widths;
//! - the query parser: an error quotes nothing unprintable; a query that parses searches a
//!   small fixed archive as matching an article on its own does, and a query that narrows
//!   its prefix matches no article the prefix does not.
//!
//! | module | job |
//! |---|---|
//! | `checks` | the invariants of loaded articles and cleaned text, shared by the targets |
//! | `parsers` | `jsonl`, `json`, `pages`, `sogou`, `gzip`: bytes through the archive loader |
//! | `mapped` | `mapped`: a JSON Lines file through the loader's file path, pieces and chunks |
//! | `hygiene` | `cleaner`: `sanitize::clean`, `clean_line`, `needs_no_cleaning`, `visible` |
//! | `wrapping` | `wrapper`: `text::wrap`, `pad`, `truncate` |
//! | `queries` | `query`: `Query::parse`, search, narrowing |

mod checks;
mod hygiene;
mod mapped;
mod parsers;
mod queries;
mod wrapping;

pub use hygiene::cleaner;
pub use mapped::mapped;
pub use parsers::{gzip, json, jsonl, pages, sogou};
pub use queries::query;
pub use wrapping::wrapper;

/// A target: takes any bytes, panics when a promise is broken.
pub type Target = fn(&[u8]);

/// Every target by name (the name of its `fuzz/fuzz_targets/` file and of its corpus and
/// regression folders under `fuzz/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("jsonl", jsonl),
    ("mapped", mapped),
    ("json", json),
    ("pages", pages),
    ("sogou", sogou),
    ("gzip", gzip),
    ("cleaner", cleaner),
    ("wrapper", wrapper),
    ("query", query),
];
