//! juan (卷, "scroll"): a terminal browser for archives of news articles, most of them Chinese.
//!
//! Data flows one way (`docs/ARCHITECTURE.md` §1):
//!
//! ```text
//! cli ─▶ archive (load, in batches) ─▶ corpus ─▶ App (state) ◀─ Action ◀─ keymap ◀─ events
//!                                                  │    ▲
//!                                   SearchRequest  │    │  results, tagged by generation
//!                                                  ▼    │
//!                                          search::Worker (all cores, cancellable)
//!                                                  │
//!                                           ui (draws &App)
//! ```
//!
//! `tui` owns the threads (terminal input, loader, search worker) and feeds their messages to
//! `App` through one channel; `App` never sees the terminal and can be driven inline in tests.
//!
//! | module | job |
//! |---|---|
//! | [`cli`] | clap definitions of the command line |
//! | [`config`] | the config file: colours, keys, split, default archives, zone; errors at file:line:column |
//! | [`commands`] | `list`, `show`, `import`, `check`, `gen`: the scriptable commands |
//! | [`article`] | [`article::Article`] and stable ids |
//! | [`date`] | publication dates: parsing, display in one zone (`--tz`), sorting; days in URLs and paths |
//! | [`heap`] | giving the memory a load freed back to the system |
//! | [`corpus`] | the loaded articles in chunks of columns, shared by the interface and the search engine |
//! | [`column`](mod@column) | read-only arrays, owned or views of a mapped cache file, and their encoding |
//! | [`archive`] | loading files, folders and stdin, skips named, copies folded, the index cache: the only file-system code |
//! | [`parse`] | the pure layer below [`corpus`]: every format's bytes to articles and problems, no I/O |
//! | [`sanitize`] | text hygiene: nothing from the web reaches the terminal but printable text |
//! | [`query`] | the query language: parse, match, rank ([`query::Hit`]) |
//! | [`search`] | the engine over a corpus: parallel ranked search, narrowing, a cancellable worker |
//! | [`text`] | display widths, the Chinese-aware wrapper, truncation, article layout |
//! | [`app`] | interface state, [`app::Action`] and `update`; no terminal code |
//! | [`keymap`] | key and mouse events to actions: the only place keys get meaning |
//! | [`ui`] | draws a frame from `&App` |
//! | [`tui`] | terminal set-up, restore, and the event loop |
//! | [`synthetic`] | synthetic archives for benchmarks (`juan gen`) |
//! | [`fuzzing`] | the fuzz targets' bodies, shared by `fuzz/` (libFuzzer) and `tests/fuzz_short.rs` |

pub mod app;
pub mod archive;
pub(crate) mod article;
pub mod cli;
pub(crate) mod column;
pub mod commands;
pub mod config;
pub(crate) mod corpus;
pub(crate) mod date;
pub mod fuzzing;
pub mod heap;
pub mod keymap;
pub(crate) mod parse;
pub(crate) mod query;
pub(crate) mod sanitize;
pub mod search;
pub mod synthetic;
pub mod text;
pub mod tui;
pub mod ui;

pub use article::{Article, Body, Header, stable_id};
pub use corpus::{Chunk, Corpus};
pub use date::{DEFAULT_OFFSET_SECS, Date, Stamp, zone};
pub use query::{Hit, Index, Order, Query, QueryError};
