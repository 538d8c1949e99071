//! The config file, `$XDG_CONFIG_HOME/juan/config.toml` (else `~/.config/juan/config.toml`;
//! `--config PATH` or `$JUAN_CONFIG` name another): colours, ambiguous width, the list/article
//! split, the terminal (alternate screen, mouse), default archives, the time zone and key
//! bindings ([`crate::keymap`]). Options on the command line win
//! over the file, and the file over juan's defaults.
//!
//! The file is read whole before anything starts: a misspelt name, a value of the wrong type or
//! a bad colour, zone, split or key is a [`ConfigError`] at its file, line and column, and juan
//! stops (exit code 2) rather than run with part of a config. A missing file at the usual place
//! means the defaults; a file named by `--config` or `$JUAN_CONFIG` must exist.
//! `juan config --default` prints every setting with its default ([`default_file`]).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use jiff::tz::{Offset, TimeZone};

use crate::keymap::Keymap;
use crate::text::AmbiguousWidth;

mod default_file;
mod error;
mod file;
mod keys;
mod style;
mod values;

pub use default_file::default_file;
pub use error::ConfigError;
pub use style::{PALETTE, Palette, parse_style};

/// The settings juan starts with: the file's, with juan's defaults where it says nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file read, if there was one.
    pub file: Option<PathBuf>,
    /// The style of each part of the screen (`[colors]`).
    pub colors: Palette,
    /// `ambiguous_width` (default narrow); `--ambiguous-width` wins.
    pub ambiguous_width: AmbiguousWidth,
    /// `tz`, the zone dates are shown in (default China Standard Time); `--tz` wins.
    pub tz: TimeZone,
    /// `[layout]`.
    pub layout: Layout,
    /// `[terminal]`.
    pub terminal: Terminal,
    /// `archives`: opened when no PATH is given and `$JUAN_ARCHIVE` is unset (`~` expanded,
    /// relative paths from the file's folder). Empty by default: the bundled sample.
    pub archives: Vec<PathBuf>,
    /// The key bindings: juan's own ([`Keymap::default`]) with the file's `[keys.SCOPE]`
    /// tables put over them; `keymap::install` makes them the ones in use.
    pub keymap: Keymap,
}

/// The `[layout]` table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Layout {
    /// `split`: the list pane's share of the width side by side, in percent
    /// (`SPLIT_RANGE`); `None` when the file does not say, for the interface's default
    /// ([`crate::app::geometry::DEFAULT_LIST_PERCENT`]).
    pub list_percent: Option<u16>,
}

/// The `[terminal]` table: how juan uses the terminal (`crate::tui::term::TermOptions` puts
/// the command line over it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terminal {
    /// `alt_screen`: draw on the alternate screen (default), or on the main one so the last
    /// screen stays in the scrollback after quitting (`--no-alt-screen` for one run).
    pub(crate) alt_screen: bool,
    /// `mouse`: start with mouse capture on (the wheel scrolls; Shift-drag selects text),
    /// default on; a key turns it off and on.
    pub(crate) mouse: bool,
}

impl Default for Terminal {
    fn default() -> Terminal {
        Terminal {
            alt_screen: true,
            mouse: true,
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            file: None,
            colors: Palette::default(),
            ambiguous_width: AmbiguousWidth::Narrow,
            tz: TimeZone::fixed(
                Offset::from_seconds(crate::date::DEFAULT_OFFSET_SECS).unwrap_or(Offset::UTC),
            ),
            layout: Layout::default(),
            terminal: Terminal::default(),
            archives: Vec::new(),
            keymap: Keymap::default(),
        }
    }
}

impl Config {
    /// The paths to open when the command line gives none: `None` when `$JUAN_ARCHIVE` is set
    /// (it wins over the file) or the file names no archives, so that the usual choice
    /// (`$JUAN_ARCHIVE`, else the sample) stands.
    pub fn default_archives(&self) -> Option<&[PathBuf]> {
        let env_set = std::env::var_os("JUAN_ARCHIVE").is_some_and(|v| !v.is_empty());
        (!env_set && !self.archives.is_empty()).then_some(self.archives.as_slice())
    }
}

/// Where the config file is looked for, and whether it must exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Location {
    /// The file.
    pub(crate) path: PathBuf,
    /// True when the user named it (`--config`, `$JUAN_CONFIG`): then it must exist.
    pub(crate) named: bool,
}

/// The config file's place: `flag` (`--config`), else `$JUAN_CONFIG`, else
/// `$XDG_CONFIG_HOME/juan/config.toml`, else `$HOME/.config/juan/config.toml`; `None` when
/// there is no home to look in.
pub(crate) fn locate(flag: Option<&Path>) -> Option<Location> {
    locate_from(
        flag,
        std::env::var_os("JUAN_CONFIG"),
        std::env::var_os("XDG_CONFIG_HOME"),
        std::env::var_os("HOME"),
    )
}

/// [`locate`] with the environment given.
fn locate_from(
    flag: Option<&Path>,
    juan_config: Option<OsString>,
    xdg_config_home: Option<OsString>,
    home: Option<OsString>,
) -> Option<Location> {
    if let Some(path) = flag {
        return Some(Location {
            path: path.to_path_buf(),
            named: true,
        });
    }
    if let Some(path) = juan_config.filter(|v| !v.is_empty()) {
        return Some(Location {
            path: path.into(),
            named: true,
        });
    }
    // The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    let base = xdg_config_home
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            home.filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".config"))
        })?;
    Some(Location {
        path: base.join("juan").join("config.toml"),
        named: false,
    })
}

/// Reads the config file `locate` finds: the defaults when there is none at the usual place.
pub fn load(flag: Option<&Path>) -> Result<Config, ConfigError> {
    let Some(location) = locate(flag) else {
        return Ok(Config::default());
    };
    let bytes = match std::fs::read(&location.path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !location.named => {
            return Ok(Config::default());
        }
        Err(e) => {
            return Err(ConfigError::whole(
                &location.path,
                format!("cannot read: {e}"),
            ));
        }
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let text = String::from_utf8_lossy(&bytes[..e.valid_up_to()]);
        ConfigError::at(&location.path, &text, text.len(), "not UTF-8 text")
    })?;
    from_text(&location.path, text)
}

/// Reads `text`, the contents of the config file `file` (named in errors, and the folder
/// relative archive paths start from).
pub fn from_text(file: &Path, text: &str) -> Result<Config, ConfigError> {
    read(
        file,
        text,
        std::env::var_os("HOME").map(PathBuf::from).as_deref(),
    )
}

/// [`from_text`] with the home folder `~` stands for given.
fn read(file: &Path, text: &str, home: Option<&Path>) -> Result<Config, ConfigError> {
    let raw: file::File =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(file, text, &e))?;
    let defaults = Config::default();
    let mut archives = Vec::new();
    for entry in raw.archives.iter().flatten() {
        let path = archive_path(entry.get_ref(), file, home)
            .map_err(|why| ConfigError::at(file, text, entry.span().start, why))?;
        archives.push(path);
    }
    Ok(Config {
        file: Some(file.to_path_buf()),
        colors: raw.colors.over(defaults.colors),
        ambiguous_width: raw
            .ambiguous_width
            .map_or(defaults.ambiguous_width, |w| w.0),
        tz: raw.tz.map_or(defaults.tz, |z| z.0),
        layout: Layout {
            list_percent: raw.layout.split.map(|s| s.0),
        },
        terminal: Terminal {
            alt_screen: raw
                .terminal
                .alt_screen
                .unwrap_or(defaults.terminal.alt_screen),
            mouse: raw.terminal.mouse.unwrap_or(defaults.terminal.mouse),
        },
        archives,
        keymap: raw.keys.keymap(file, text)?,
    })
}

/// An `archives` entry as a path: `~` and `~/…` under `home`, a relative path from the config
/// file's folder.
fn archive_path(entry: &str, file: &Path, home: Option<&Path>) -> Result<PathBuf, String> {
    if entry.is_empty() {
        return Err("an archive path is empty".into());
    }
    let tilde = entry.strip_prefix("~/").or((entry == "~").then_some(""));
    let path = match tilde {
        Some(rest) => {
            let home = home.ok_or("`~` stands for $HOME, which is not set")?;
            if rest.is_empty() {
                home.to_path_buf()
            } else {
                home.join(rest)
            }
        }
        None => PathBuf::from(entry),
    };
    if path.is_absolute() {
        return Ok(path);
    }
    let folder = file.parent().unwrap_or(Path::new(""));
    Ok(folder.join(path))
}

#[cfg(test)]
mod tests;
