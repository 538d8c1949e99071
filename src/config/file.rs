//! The config file as written: every table and setting it may hold, each optional, none
//! other allowed (`deny_unknown_fields`, so a misspelt name is an error, not a setting
//! silently ignored). Values are checked as they are read ([`super::values`],
//! [`super::style`]), which gives every error the place of the value at fault.

use serde::Deserialize;
use toml::Spanned;

use super::keys::RawKeys;
use super::style::Colors;
use super::values::{Split, Width, Zone};

/// The whole file.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct File {
    /// Archives opened when no PATH is given and `$JUAN_ARCHIVE` is unset.
    pub(crate) archives: Option<Vec<Spanned<String>>>,
    /// `narrow` or `wide`.
    pub(crate) ambiguous_width: Option<Width>,
    /// The display zone.
    pub(crate) tz: Option<Zone>,
    /// `[colors]`.
    pub(crate) colors: Colors,
    /// `[layout]`.
    pub(crate) layout: Layout,
    /// `[terminal]`.
    pub(crate) terminal: Terminal,
    /// `[keys.SCOPE]`.
    pub(crate) keys: RawKeys,
}

/// The `[layout]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Layout {
    /// The list pane's share of the width.
    pub(crate) split: Option<Split>,
}

/// The `[terminal]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct Terminal {
    /// Use the alternate screen.
    pub(crate) alt_screen: Option<bool>,
    /// Start with mouse capture on.
    pub(crate) mouse: Option<bool>,
}
