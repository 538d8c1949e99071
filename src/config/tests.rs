//! Where the file is looked for, and how archive paths are read. The file's settings and
//! errors are tested on fixtures in `tests/config.rs`.

use super::*;

fn os(s: &str) -> Option<OsString> {
    Some(OsString::from(s))
}

fn at(path: &str, named: bool) -> Option<Location> {
    Some(Location {
        path: PathBuf::from(path),
        named,
    })
}

#[test]
fn the_flag_wins_then_juan_config_then_xdg_then_home() {
    let flag = Some(Path::new("/etc/j.toml"));
    assert_eq!(
        locate_from(flag, os("/e.toml"), os("/x"), os("/h")),
        at("/etc/j.toml", true)
    );
    assert_eq!(
        locate_from(None, os("/e.toml"), os("/x"), os("/h")),
        at("/e.toml", true)
    );
    assert_eq!(
        locate_from(None, os(""), os("/x"), os("/h")),
        at("/x/juan/config.toml", false)
    );
    assert_eq!(
        locate_from(None, None, None, os("/h")),
        at("/h/.config/juan/config.toml", false)
    );
    // A relative XDG_CONFIG_HOME is ignored, as the XDG spec says.
    assert_eq!(
        locate_from(None, None, os("rel"), os("/h")),
        at("/h/.config/juan/config.toml", false)
    );
    assert_eq!(locate_from(None, None, None, None), None);
    assert_eq!(locate_from(None, None, None, os("")), None);
}

#[test]
fn archive_paths_expand_home_and_start_at_the_file() {
    let file = Path::new("/cfg/juan/config.toml");
    let text = "archives = [\"~/news\", \"~\", \"/data/rmrb\", \"old/2019\"]\n";
    let config = read(file, text, Some(Path::new("/home/li"))).unwrap();
    let expected: Vec<PathBuf> = [
        "/home/li/news",
        "/home/li",
        "/data/rmrb",
        "/cfg/juan/old/2019",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    assert_eq!(config.archives, expected);
    // `~user` is not expanded: it is a relative name like any other.
    let config = read(file, "archives = [\"~li/x\"]", None).unwrap();
    assert_eq!(config.archives, vec![PathBuf::from("/cfg/juan/~li/x")]);
}

#[test]
fn archive_path_errors_have_places() {
    let file = Path::new("c.toml");
    let err = read(file, "archives = [\"/a\", \"~/news\"]", None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.toml:1:19: `~` stands for $HOME, which is not set"
    );
    let err = read(file, "\narchives = [\n  \"\",\n]", None).unwrap_err();
    assert_eq!(err.to_string(), "c.toml:3:3: an archive path is empty");
}

#[test]
fn a_named_file_that_is_missing_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.toml");
    let err = load(Some(&missing)).unwrap_err();
    assert_eq!(err.place, None);
    assert!(err.message.starts_with("cannot read: "), "{}", err.message);
}

#[test]
fn a_file_that_is_not_utf8_is_an_error_where_the_bad_byte_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, b"tz = \"UTC\"\n# \xe6\xb3\xa8\xff\n").unwrap();
    let err = load(Some(&path)).unwrap_err();
    assert_eq!(err.place, Some((2, 4)));
    assert_eq!(err.message, "not UTF-8 text");
}

#[test]
fn the_terminal_table_turns_the_alternate_screen_and_the_mouse_off() {
    let file = Path::new("c.toml");
    let config = read(file, "", None).unwrap();
    assert_eq!(
        config.terminal,
        Terminal {
            alt_screen: true,
            mouse: true
        }
    );
    let text = "[terminal]\nalt_screen = false\nmouse = false\n";
    let config = read(file, text, None).unwrap();
    assert_eq!(
        config.terminal,
        Terminal {
            alt_screen: false,
            mouse: false
        }
    );
    let config = read(file, "[terminal]\nmouse = false\n", None).unwrap();
    assert!(config.terminal.alt_screen && !config.terminal.mouse);
    let err = read(file, "[terminal]\nmouse = \"off\"\n", None).unwrap_err();
    assert_eq!(err.place, Some((2, 9)));
    let err = read(file, "[terminal]\nalt-screen = false\n", None).unwrap_err();
    assert_eq!(err.place, Some((2, 1)));
    assert!(err.message.contains("alt-screen"), "{}", err.message);
}

#[test]
fn the_default_file_shows_the_terminal_table_commented() {
    let text = default_file();
    let table = text.split("\n[terminal]\n").nth(1).unwrap();
    let settings: Vec<&str> = table
        .lines()
        .take_while(|l| !l.starts_with('['))
        .filter(|l| l.starts_with("# ") && l.contains(" = "))
        .collect();
    assert_eq!(settings, ["# alt_screen = true", "# mouse = true"]);
}
