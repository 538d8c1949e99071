//! `juan config --default`: a config file with every setting commented out at its default,
//! and what each does. Uncommenting any of its lines gives a file that reads back as the
//! defaults (tested), so it is a safe start for one's own file. The colours come from the
//! palette's one table ([`super::PALETTE`]) and the keys from the binding table
//! ([`crate::keymap::DEFAULTS`], [`Command::ALL`]), so a new themable part or command
//! appears here by itself.

use std::fmt::Write;

use super::style::PALETTE;
use super::values::SPLIT_RANGE;
use crate::app::geometry;
use crate::keymap::{Command, Keymap, Scope};

/// The commented default config file.
pub fn default_file() -> String {
    let mut out = String::from(HEAD);
    out.push_str(TOP);
    let _ = write!(
        out,
        "\n[layout]\n\
         # The list pane's share of the width when the list and the article are side by side\n\
         # (from {} columns), in percent ({} to {}). Either pane keeps its minimum width\n\
         # ({} and {} columns), so the list keeps its source column.\n\
         # split = {}\n",
        geometry::SIDE_BY_SIDE_MIN_WIDTH,
        SPLIT_RANGE.start(),
        SPLIT_RANGE.end(),
        geometry::LIST_MIN_WIDTH,
        geometry::DETAIL_MIN_WIDTH,
        geometry::DEFAULT_LIST_PERCENT,
    );
    let mouse_key = Keymap::default()
        .keys_for(Scope::List, Command::ToggleMouse)
        .first()
        .map_or_else(|| "A key".to_string(), |k| k.to_string());
    out.push_str(&TERMINAL.replace("{mouse_key}", &mouse_key));
    out.push_str(COLORS_HEAD);
    let rows: Vec<(String, &str)> = PALETTE
        .iter()
        .map(|(name, default, doc)| (format!("{name} = \"{default}\""), *doc))
        .collect();
    aligned(&mut out, &rows);
    out.push_str(KEYS);
    keys(&mut out);
    out
}

/// Every scope's table, each command that means something there with juan's keys for it.
fn keys(out: &mut String) {
    let keymap = Keymap::default();
    for scope in Scope::ALL {
        let _ = write!(out, "\n[keys.{scope}]\n# {}\n", scope.heading());
        let rows: Vec<(String, &str)> = Command::ALL
            .iter()
            .filter(|c| c.scopes().contains(&scope))
            .map(|&command| {
                let keys: Vec<String> = keymap
                    .bindings()
                    .iter()
                    .filter(|b| b.scope == scope && b.command == command)
                    .map(|b| format!("{:?}", b.chord.to_string()))
                    .collect();
                let setting = format!("{} = [{}]", command.name(), keys.join(", "));
                (setting, command.doc())
            })
            .collect();
        aligned(out, &rows);
    }
}

/// `# setting  # doc` lines, the docs in one column.
fn aligned(out: &mut String, rows: &[(String, &str)]) {
    let width = rows
        .iter()
        .map(|(s, _)| s.chars().count())
        .max()
        .unwrap_or(0);
    for (setting, doc) in rows {
        let pad = width - setting.chars().count();
        let _ = writeln!(out, "# {setting}{:pad$}  # {doc}", "");
    }
}

const HEAD: &str = "\
# juan's config file: $XDG_CONFIG_HOME/juan/config.toml, else ~/.config/juan/config.toml
# (--config PATH or $JUAN_CONFIG name another). Every setting is shown at its default,
# commented out: remove the \"# \" before a setting to change it. Options given on the
# command line win over this file. A misspelt name or a bad value stops juan with the file,
# line and column of the mistake.
";

const TOP: &str = "
# Archives opened when juan is given no PATH and $JUAN_ARCHIVE is unset: files or folders.
# \"~/\" is your home folder; a relative path starts at this file's folder. Empty: the
# bundled sample. For example [\"~/news\", \"/data/rmrb\"].
# archives = []

# How East Asian Ambiguous characters (“ ” — … ·) are drawn: \"narrow\" (one column) or
# \"wide\" (two columns, as many CJK terminals draw them). --ambiguous-width wins.
# ambiguous_width = \"narrow\"

# The time zone dates are shown and `date:` terms matched in: \"local\", \"UTC\", an offset
# such as \"+08:00\" (China Standard Time, the default) or a name such as \"Asia/Shanghai\".
# --tz wins.
# tz = \"+08:00\"
";

const TERMINAL: &str = "
[terminal]
# Draw on the terminal's alternate screen, which is put away on quitting. false draws on the
# main screen, so the last screen stays in the scrollback, as `less -X` leaves it
# (--no-alt-screen does this for one run). Terminals without one (linux, vt100) never use it.
# alt_screen = true
# Start with mouse capture on: the wheel scrolls the pane under the pointer, and text is
# selected with Shift-drag (Option-drag in iTerm2 and Terminal.app). false leaves the mouse
# to the terminal: plain drag selects. {mouse_key} turns capture off and on while juan runs.
# mouse = true
";

const COLORS_HEAD: &str = "
[colors]
# A style is a colour, optionally a second colour for the background, and attributes, as
# git writes them: \"red bold\", \"black yellow\", \"reverse\". Colours: black red green yellow
# blue magenta cyan white, bright-black … bright-white (all follow your terminal's scheme),
# default (the terminal's own), or #rrggbb on terminals with true colour. Attributes: bold
# dim italic underline reverse. NO_COLOR keeps the attributes and drops the colours.
";

const KEYS: &str = "
# Key bindings, one table per scope. A command's keys here replace its keys in that scope
# (`[]` leaves it none); `none = [\"q\"]` takes keys from whatever they ran. A key is a name
# (enter esc tab backtab backspace del up down left right home end pgup pgdn space f1…f24)
# or one character (G and g differ), after ctrl-, alt- or shift-. In the list every
# printable key the table leaves free goes into the query: bind letters there only if you
# never type them. [keys.everywhere] holds wherever a scope does not bind the key itself.
";
