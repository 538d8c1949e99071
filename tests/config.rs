//! The config file read from fixtures: a full file, an empty one, every kind of mistake with
//! its file:line:column, and `juan config --default` read back as the defaults.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use juan::app::geometry::DEFAULT_LIST_PERCENT;
use juan::config::{self, Config, PALETTE, Palette, parse_style};
use juan::keymap::{Command as KCommand, KeyChord, Keymap, Scope};
use juan::text::AmbiguousWidth;
use ratatui::style::{Color, Modifier, Style};

/// A fixture's path as the tests name it, and its text.
fn fixture(name: &str) -> (PathBuf, String) {
    let path = PathBuf::from(format!("tests/fixtures/config/{name}"));
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(&path);
    (path, std::fs::read_to_string(full).expect("fixture"))
}

fn read(name: &str) -> Result<Config, config::ConfigError> {
    let (path, text) = fixture(name);
    config::from_text(&path, &text)
}

/// The error a fixture gives, as juan prints it.
fn error(name: &str) -> String {
    read(name).expect_err("the fixture is bad").to_string()
}

#[test]
fn an_empty_file_is_the_defaults() {
    let config = read("empty.toml").unwrap();
    assert_eq!(
        config,
        Config {
            file: Some(PathBuf::from("tests/fixtures/config/empty.toml")),
            ..Config::default()
        }
    );
    assert_eq!(config.ambiguous_width, AmbiguousWidth::Narrow);
    assert_eq!(config.tz.to_fixed_offset().unwrap().seconds(), 8 * 3600);
    assert_eq!(config.layout.list_percent, None);
    assert!(config.archives.is_empty());
    assert_eq!(config.keymap, juan::keymap::Keymap::default());
}

#[test]
fn a_full_file_sets_everything() {
    let config = read("full.toml").unwrap();
    assert_eq!(
        config.archives,
        vec![
            PathBuf::from("tests/fixtures/config/news"),
            PathBuf::from("/srv/news/rmrb")
        ]
    );
    assert_eq!(config.ambiguous_width, AmbiguousWidth::Wide);
    assert_eq!(config.tz, TimeZone::get("Asia/Shanghai").unwrap());
    assert_eq!(config.layout.list_percent, Some(45));
    let bold = Modifier::BOLD;
    assert_eq!(
        config.colors,
        Palette {
            text: Style::new(),
            heading: Style::new().fg(Color::White).add_modifier(bold),
            date: Style::new().fg(Color::Cyan),
            source: Style::new().fg(Color::Yellow),
            meta: Style::new().fg(Color::DarkGray),
            highlight: Style::new().fg(Color::Black).bg(Color::LightYellow),
            selected: Style::new()
                .fg(Color::Rgb(0x1e, 0x1e, 0x2e))
                .bg(Color::Rgb(0xf5, 0xc2, 0xe7))
                .add_modifier(bold),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Blue).add_modifier(bold),
            warning: Style::new().fg(Color::LightRed).add_modifier(bold),
            hint: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
        }
    );
    let keys = |scope, command| -> Vec<String> {
        let keys = config.keymap.keys_for(scope, command);
        keys.iter().map(|k| k.to_string()).collect()
    };
    assert_eq!(keys(Scope::List, KCommand::Reload), ["Ctrl-r", "F5"]);
    assert_eq!(keys(Scope::Reader, KCommand::Close), ["Esc", "q", "h"]);
    assert_eq!(keys(Scope::Reader, KCommand::Reload), ["R", "Ctrl-r"]);
}

#[test]
fn an_unknown_name_is_an_error_at_the_name() {
    assert_eq!(
        error("unknown-key.toml"),
        "tests/fixtures/config/unknown-key.toml:4:1: unknown field `titel`, expected one of \
         `text`, `heading`, `date`, `source`, `meta`, `highlight`, `selected`, `border`, \
         `border_focused`, `warning`, `hint`"
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_at_the_value() {
    assert_eq!(
        error("wrong-type.toml"),
        "tests/fixtures/config/wrong-type.toml:3:12: invalid type: string \"~/news\", \
         expected a sequence"
    );
}

#[test]
fn a_bad_colour_is_an_error_at_the_value() {
    assert_eq!(
        error("bad-colour.toml"),
        "tests/fixtures/config/bad-colour.toml:3:13: `#12345` is neither a colour nor an \
         attribute (a style is up to two colours (foreground, background) and attributes: \
         colours black red green yellow blue magenta cyan white, bright-black … bright-white, \
         default, #rrggbb; attributes bold dim italic underline reverse)"
    );
}

#[test]
fn a_bad_zone_is_an_error_at_the_value() {
    assert_eq!(
        error("bad-tz.toml"),
        "tests/fixtures/config/bad-tz.toml:2:6: `Beijing` is not a time zone (use local, UTC, \
         +08:00 or a name such as Asia/Shanghai)"
    );
}

#[test]
fn a_bad_split_is_an_error_at_the_value() {
    assert_eq!(
        error("bad-split.toml"),
        "tests/fixtures/config/bad-split.toml:3:9: split 120 is out of range: the list pane \
         takes 10 to 90 percent of the width"
    );
    let err = config::from_text(Path::new("c.toml"), "[layout]\nsplit = \"40%\"\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.toml:2:9: invalid type: string \"40%\", expected a percentage from 10 to 90"
    );
}

#[test]
fn a_bad_key_is_an_error_at_the_key() {
    assert_eq!(
        error("bad-key.toml"),
        "tests/fixtures/config/bad-key.toml:4:11: `ctrl+r` is not a key (write e.g. `ctrl-r`, \
         `alt-backspace`, `pgdn`, `f1`, `G`, `?`)"
    );
}

/// The error of a config file `text`, named `c.toml`.
fn error_of(text: &str) -> String {
    config::from_text(Path::new("c.toml"), text)
        .expect_err("the text is bad")
        .to_string()
}

#[test]
fn bad_bindings_are_errors_at_the_scope_command_or_key() {
    assert_eq!(
        error_of("[keys.lists]\nopen = \"enter\"\n"),
        "c.toml:1:7: `lists` is not a key scope (use list, reader, popup, sources, copy, everywhere)"
    );
    assert_eq!(
        error_of("[keys.list]\nopen = \"enter\"\nclsoe = \"esc\"\n"),
        "c.toml:3:1: `clsoe` is not a command (`juan config --default` lists them by scope)"
    );
    assert_eq!(
        error_of("[keys.list]\nscroll_down = \"ctrl-j\"\n"),
        "c.toml:2:1: `scroll_down` means nothing in [keys.list] (it works in: reader, popup)"
    );
    assert_eq!(
        error_of("[keys.reader]\nclose = [\"h\"]\nscroll_top = [\"g\", \"h\"]\n"),
        "c.toml:3:20: h is given to both `close` and `scroll_top` in [keys.reader]"
    );
    assert_eq!(
        error_of("[keys]\nlist = 3\n"),
        "c.toml:2:8: invalid type: integer `3`, expected a table"
    );
    assert_eq!(
        error_of("[keys.list]\nopen = [\"enter\", 5]\n"),
        "c.toml:2:18: invalid type: integer `5`, expected a string"
    );
    let suspend = error_of("[keys.list]\nopen = \"ctrl-z\"\n");
    assert!(
        suspend.starts_with("c.toml:2:8: Ctrl-z suspends juan everywhere"),
        "{suspend}"
    );
}

#[test]
fn bindings_replace_a_commands_keys_in_their_scope() {
    let keymap = read("keys.toml").unwrap().keymap;
    let chord = |k: &str| KeyChord::parse(k).unwrap();
    let keys = |scope, command| -> Vec<String> {
        keymap
            .keys_for(scope, command)
            .iter()
            .map(|k| k.to_string())
            .collect()
    };
    assert_eq!(keys(Scope::List, KCommand::ToggleOrder), ["Ctrl-t"]);
    assert_eq!(keymap.command_for(Scope::List, chord("ctrl-o")), None);
    assert_eq!(keys(Scope::Reader, KCommand::Close), ["h", "Esc"]);
    assert_eq!(keymap.command_for(Scope::Reader, chord("q")), None);
    assert_eq!(
        keys(Scope::Reader, KCommand::ScrollDown),
        ["j", "Down", "Ctrl-e"]
    );
    // `none` took n from next_match; N still goes back.
    assert_eq!(keymap.command_for(Scope::Reader, chord("n")), None);
    assert_eq!(keys(Scope::Reader, KCommand::PrevMatch), ["N"]);
    assert_eq!(keys(Scope::Everywhere, KCommand::Quit), ["Ctrl-c", "F10"]);
    // Other scopes keep juan's keys.
    assert_eq!(keys(Scope::Popup, KCommand::Close), ["Esc", "q", "Enter"]);
    assert_eq!(keys(Scope::List, KCommand::Open), ["Enter"]);
}

#[test]
fn bad_toml_is_an_error_where_it_goes_wrong() {
    assert_eq!(
        error("bad-syntax.toml"),
        "tests/fixtures/config/bad-syntax.toml:2:6: string values must be quoted, expected \
         literal string"
    );
}

#[test]
fn the_first_mistake_in_the_file_is_the_one_told() {
    // Two mistakes; `tz` sorts after `colors` but comes first in the file.
    let text = "tz = \"Beijing\"\n[colors]\ndate = \"purple\"\n";
    let err = config::from_text(Path::new("c.toml"), text).unwrap_err();
    assert_eq!(err.place, Some((1, 6)));
}

#[test]
fn errors_show_control_characters_visibly() {
    // The TOML escape \u001b gives an ESC in the value.
    let text = "tz = \"\\u001b[2J\"\n";
    let err = config::from_text(Path::new("c\u{9b}.toml"), text).unwrap_err();
    assert_eq!(
        err.to_string(),
        "c\\u{9b}.toml:1:6: `\\u{1b}[2J` is not a time zone (use local, UTC, +08:00 or a name \
         such as Asia/Shanghai)"
    );
}

/// The default file with every setting uncommented: `# name = value` lines become
/// `name = value`; the explanations stay comments.
fn uncommented(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let setting = line.strip_prefix("# ").filter(|rest| {
            let name = rest.split(" = ").next().unwrap_or("");
            rest.contains(" = ")
                && !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        });
        out.push_str(setting.unwrap_or(line));
        out.push('\n');
    }
    out
}

#[test]
fn the_default_file_reads_back_as_the_defaults() {
    let text = config::default_file();
    let file = Path::new("default.toml");
    let expected = Config {
        file: Some(file.to_path_buf()),
        ..Config::default()
    };
    assert_eq!(config::from_text(file, &text).unwrap(), expected);
    let all = uncommented(&text);
    assert_ne!(all, text);
    let mut back = config::from_text(file, &all).unwrap();
    // The file shows the interface's default split; unset, the interface uses the same.
    assert_eq!(back.layout.list_percent, Some(DEFAULT_LIST_PERCENT));
    back.layout.list_percent = None;
    // Every command has juan's keys, in juan's order (the table's rows may be in another).
    let default_keys = Keymap::default();
    for scope in Scope::ALL {
        for &command in KCommand::ALL {
            assert_eq!(
                back.keymap.keys_for(scope, command),
                default_keys.keys_for(scope, command),
                "{scope} {command:?}"
            );
        }
    }
    back.keymap = Keymap::default();
    assert_eq!(back, expected);
}

#[test]
fn the_default_file_shows_every_setting() {
    let all = uncommented(&config::default_file());
    let table: toml::Table = all.parse().unwrap();
    let names = |t: &toml::Table| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&table),
        [
            "archives",
            "ambiguous_width",
            "tz",
            "layout",
            "terminal",
            "colors",
            "keys"
        ]
    );
    let keys = table["keys"].as_table().unwrap();
    let scopes: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names(keys), scopes);
    for scope in Scope::ALL {
        let commands: Vec<&str> = KCommand::ALL
            .iter()
            .filter(|c| c.scopes().contains(&scope))
            .map(|c| c.name())
            .collect();
        assert_eq!(names(keys[scope.name()].as_table().unwrap()), commands);
    }
    assert_eq!(names(table["layout"].as_table().unwrap()), ["split"]);
    assert_eq!(
        names(table["terminal"].as_table().unwrap()),
        ["alt_screen", "mouse"]
    );
    let colors: Vec<&str> = PALETTE.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names(table["colors"].as_table().unwrap()), colors);
    for (name, default, _) in PALETTE {
        assert_eq!(table["colors"][name].as_str(), Some(*default));
        assert!(parse_style(default).is_ok());
    }
}
