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
//! | [`commands`] | `list`, `count`, `index`, `show`, `cite`, `mark`, `state`, `import`, `check`, `gen`, `config`: the scriptable commands |
//! | `article` | [`Article`], [`Body`], [`Header`] and [`stable_id`] |
//! | `cite` | citations of an article: GB/T 7714-2015, CSL-JSON and biblatex (`juan cite`, the copy menu) |
//! | `date` | [`Date`], [`Stamp`]: parsing, display in one [`zone`] (`--tz`), sorting; days in URLs and paths |
//! | [`heap`] | giving the memory a load freed back to the system |
//! | `corpus` | [`Corpus`]: the loaded articles in [`Chunk`]s of columns, shared by the interface and the engine |
//! | `column` | read-only arrays, owned or views of a mapped cache file, and their encoding |
//! | [`archive`] | loading files, folders and stdin, skips named, copies folded, the index cache: the only file-system code |
//! | `parse` | the pure layer below `corpus`: every format's bytes to articles and problems, no I/O |
//! | `sanitize` | text hygiene: nothing from the web reaches the terminal but printable text |
//! | `query` | the query language: [`Query`], matching, pinyin, 繁简 folding, the per-chunk [`Index`], [`Hit`] |
//! | `fulltext` | the body index: posting lists of chars and char pairs per chunk, filters of big bodies, candidates, verification |
//! | [`state`] | what the reader remembers (read, stars, labels, places, sessions) as data, and resolved to article numbers ([`state::Flags`]) |
//! | [`search`] | the engine over a corpus: parallel ranked search, narrowing, a cancellable worker, snippets |
//! | [`text`] | display widths, the Chinese-aware wrapper, truncation, article layout |
//! | [`app`] | interface state, [`app::Action`] and `update`; no terminal code |
//! | [`keymap`] | key and mouse events to actions: the only place keys get meaning |
//! | [`ui`] | draws a frame from `&App` |
//! | [`tui`] | terminal set-up, restore, and the event loop |
//! | [`synthetic`] | synthetic archives for benchmarks (`juan gen`) |
//! | [`fuzzing`] | the fuzz targets' bodies, shared by `fuzz/` (libFuzzer) and `tests/fuzz_short.rs` |
//!
//! # The public surface
//!
//! The library exists for the `juan` binary, the tests in `tests/`, the benchmarks in
//! `benches/` and the fuzz targets in `fuzz/`; it exports what they use and nothing else
//! (everything else is `pub(crate)`):
//!
//! - at the root, the data every layer passes around: the article model ([`Article`],
//!   [`Body`], [`Header`], [`stable_id`], [`Date`], [`Stamp`], [`DEFAULT_OFFSET_SECS`], the
//!   display [`zone`]), the loaded [`Corpus`] and its [`Chunk`]s with their [`Index`], and the
//!   query ([`Query`], [`QueryError`], [`Order`], [`Hit`]);
//! - one module per job whose functions read best with its name: [`archive`] (`load`,
//!   `load_with`, `load_streaming`, …), [`search`] (`run`, `narrows`, `positions`, the
//!   [`search::Worker`]), [`text`] (`width`, [`text::Layout`]), [`state`] (the reader's
//!   marks as data and [`state::Flags`], for the state benchmark), [`commands`],
//!   [`synthetic`], [`fuzzing`] and [`heap`];
//! - the interface: [`app`], [`cli`], [`config`], [`keymap`], [`tui`] and [`ui`].
//!
//! `article`, `cite`, `column`, `corpus`, `date`, `fulltext`, `parse`, `query` and `sanitize`
//! are private.

// The interface.
pub mod app;
pub mod cli;
pub mod config;
pub mod keymap;
pub mod tui;
pub mod ui;

// Jobs the binary, tests, benchmarks and fuzz targets call by name.
pub mod archive;
pub mod commands;
pub mod fuzzing;
pub mod heap;
pub mod search;
pub mod state;
pub mod synthetic;
pub mod text;

// The data layer, reached through the re-exports below.
pub(crate) mod article;
pub(crate) mod cite;
pub(crate) mod column;
pub(crate) mod corpus;
pub(crate) mod date;
pub(crate) mod fulltext;
pub(crate) mod parse;
pub(crate) mod query;
pub(crate) mod sanitize;

// The article model: one article as every format becomes it, and its stable id.
pub use article::{Article, Body, Header, stable_id};
// The loaded articles, in chunks of columns.
pub use corpus::{BodyIndexFigures, Chunk, Corpus};
// Publication dates, and the one zone they are shown and matched in.
pub use date::{DEFAULT_OFFSET_SECS, Date, Stamp, zone};
// The query language and what a search answers.
pub use query::{Hit, Index, Order, Query, QueryError};
