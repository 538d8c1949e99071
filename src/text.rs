//! Terminal-free text measurement and layout (ARCHITECTURE §4): display widths as ratatui's buffer
//! counts them ([`width()`]), the Chinese-aware line wrapper (`wrap`), truncation and padding for
//! list columns, the ambiguous-width policy ([`for_display`], [`chrome`]) and the article layout
//! the reader pane scrolls through ([`Layout`]).

pub(crate) mod display;
pub(crate) mod layout;
pub(crate) mod width;
pub(crate) mod wrap;

pub use display::{AmbiguousWidth, Chrome, chrome, for_display};
pub use layout::{Block, BlockKind, Layout, Position, Row};
pub use width::width;
pub(crate) use width::{pad, pad_with, truncate, truncate_with};
pub(crate) use wrap::wrap;
