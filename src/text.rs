//! Terminal-free text measurement and layout (ARCHITECTURE §4): display widths as ratatui's buffer
//! counts them ([`width()`]), the Chinese-aware line wrapper ([`wrap()`]), truncation and padding for
//! list columns, the ambiguous-width policy ([`for_display`], [`chrome`]) and the article layout
//! the reader pane scrolls through ([`layout`]).

pub mod display;
pub mod layout;
pub mod width;
pub mod wrap;

pub use display::{AmbiguousWidth, Chrome, chrome, for_display};
pub use width::{grapheme_width, pad, pad_with, truncate, truncate_with, width};
pub use wrap::{Line, LineStart, next_line, wrap};
