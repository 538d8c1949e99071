//! `juan config --default`: a config file with every setting commented out at its default,
//! and what each does. Uncommenting any of its lines gives a file that reads back as the
//! defaults (tested), so it is a safe start for one's own file. The colours come from the
//! palette's one table ([`super::PALETTE`]), so a new themable part appears here by itself.

use std::fmt::Write;

use super::style::PALETTE;
use super::values::SPLIT_RANGE;

/// The commented default config file.
pub fn default_file() -> String {
    let mut out = String::from(HEAD);
    out.push_str(TOP);
    let _ = write!(
        out,
        "\n[layout]\n\
         # The list pane's share of the width in percent ({} to {}), or \"auto\": juan chooses\n\
         # by the terminal's width.\n\
         # split = \"auto\"\n",
        SPLIT_RANGE.start(),
        SPLIT_RANGE.end()
    );
    out.push_str(COLORS_HEAD);
    let settings: Vec<String> = PALETTE
        .iter()
        .map(|(name, default, _)| format!("{name} = \"{default}\""))
        .collect();
    let width = settings.iter().map(String::len).max().unwrap_or(0);
    for (setting, (_, _, doc)) in settings.iter().zip(PALETTE) {
        let _ = writeln!(out, "# {setting:<width$}  # {doc}");
    }
    out.push_str(KEYS);
    out
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

const COLORS_HEAD: &str = "
[colors]
# A style is a colour, optionally a second colour for the background, and attributes, as
# git writes them: \"red bold\", \"black yellow\", \"reverse\". Colours: black red green yellow
# blue magenta cyan white, bright-black … bright-white (all follow your terminal's scheme),
# default (the terminal's own), or #rrggbb on terminals with true colour. Attributes: bold
# dim italic underline reverse. NO_COLOR keeps the attributes and drops the colours.
";

const KEYS: &str = "
# Key bindings, one table per focus: [keys.list] (the article list and its query) and
# [keys.reader] (the article). A command takes one key or a list of keys, e.g.
#   [keys.list]
#   reload = [\"ctrl-r\", \"f5\"]
# The ? help lists every command and the keys bound to it.
";
