//! The config file read from fixtures: a full file, an empty one, every kind of mistake with
//! its file:line:column, and `juan config --default` read back as the defaults.

use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use juan::config::{self, Config, PALETTE, Palette, parse_style};
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
    assert!(config.keys.is_empty());
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
         takes 10 to 90 percent of the width, or \"auto\""
    );
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
    assert_eq!(config::from_text(file, &all).unwrap(), expected);
}

#[test]
fn the_default_file_shows_every_setting() {
    let all = uncommented(&config::default_file());
    let table: toml::Table = all.parse().unwrap();
    let names = |t: &toml::Table| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&table),
        ["archives", "ambiguous_width", "tz", "layout", "colors"]
    );
    assert_eq!(names(table["layout"].as_table().unwrap()), ["split"]);
    let colors: Vec<&str> = PALETTE.iter().map(|(name, ..)| *name).collect();
    assert_eq!(names(table["colors"].as_table().unwrap()), colors);
    for (name, default, _) in PALETTE {
        assert_eq!(table["colors"][name].as_str(), Some(*default));
        assert!(parse_style(default).is_ok());
    }
}
