//! The config file as the `juan` binary reads it: where it is found, options on the command
//! line winning over it, default archives, `juan config`, and a bad file stopping juan with
//! exit code 2 before anything runs.

use std::path::Path;
use std::process::{Command, Output};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/config");
const NEWS: &str = "tests/fixtures/config/news";
/// The fixture archive's list, in China Standard Time and in UTC.
const LIST_CST: &str = "cfg-1\t2024-03-05 09:30\t长春日报\t长春市召开人大工作会议\n\
                        cfg-2\t2024-03-04 22:10\t吉林日报\t吉林省春耕备耕工作全面展开\n";
const LIST_UTC: &str = "cfg-1\t2024-03-05 01:30\t长春日报\t长春市召开人大工作会议\n\
                        cfg-2\t2024-03-04 14:10\t吉林日报\t吉林省春耕备耕工作全面展开\n";

/// `juan` in the repository, with no archive or config file from the environment: the usual
/// place is an empty folder.
fn juan(xdg: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("JUAN_ARCHIVE")
        .env_remove("JUAN_CONFIG")
        .env("XDG_CONFIG_HOME", xdg);
    c
}

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    juan(home.path()).args(args).output().expect("juan runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

#[test]
fn without_a_config_file_the_defaults_hold() {
    let out = run(&["list", NEWS]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), LIST_CST);
}

#[test]
fn a_bad_config_stops_juan_before_it_runs() {
    let out = run(&[
        "list",
        NEWS,
        "--config",
        "tests/fixtures/config/bad-tz.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "juan: tests/fixtures/config/bad-tz.toml:2:6: `Beijing` is not a time zone (use \
         local, UTC, +08:00 or a name such as Asia/Shanghai)\n"
    );
    let out = run(&[
        "list",
        NEWS,
        "--config",
        "tests/fixtures/config/bad-key.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).starts_with("juan: tests/fixtures/config/bad-key.toml:4:11: "),
        "{}",
        text(&out.stderr)
    );
    // The interface does not start either (it would say it needs a terminal).
    let out = run(&["--config", "tests/fixtures/config/bad-split.toml", NEWS]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("juan: tests/fixtures/config/bad-split.toml:3:9: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_file_sets_the_zone_and_the_command_line_wins() {
    let cli = "tests/fixtures/config/cli.toml";
    let out = run(&["list", NEWS, "--config", cli]);
    assert_eq!(text(&out.stdout), LIST_UTC);
    let out = run(&["list", NEWS, "--config", cli, "--tz", "+08:00"]);
    assert_eq!(text(&out.stdout), LIST_CST);
}

#[test]
fn the_file_sets_the_ambiguous_width_and_the_command_line_wins() {
    let cli = "tests/fixtures/config/cli.toml";
    let body = |out: Output| text(&out.stdout).lines().last().unwrap().to_string();
    let out = run(&["show", NEWS, "cfg-1", "--config", cli]);
    assert_eq!(body(out), "会议强调，要坚持和完善「人民代表大会制度」。");
    let out = run(&[
        "show",
        NEWS,
        "cfg-1",
        "--config",
        cli,
        "--ambiguous-width",
        "narrow",
    ]);
    assert_eq!(body(out), "会议强调，要坚持和完善“人民代表大会制度”。");
}

#[test]
fn the_files_archives_open_when_no_path_is_given() {
    let cli = "tests/fixtures/config/cli.toml";
    // `archives = ["news"]`, from the file's folder.
    let out = run(&["list", "--config", cli, "--tz", "+08:00"]);
    assert_eq!(text(&out.stdout), LIST_CST);
    let out = run(&["show", "cfg-2", "--config", cli]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("吉林省春耕备耕工作全面展开\n"));
    // A path given wins, and so does $JUAN_ARCHIVE.
    let seed = "sample-data/000_618211eec43b155d.txt";
    let out = run(&["list", seed, "--config", cli]);
    assert!(text(&out.stdout).ends_with("\t中共长春市委人大工作会议召开\n"));
    let home = tempfile::tempdir().unwrap();
    let out = juan(home.path())
        .env("JUAN_ARCHIVE", seed)
        .args(["list", "--config", cli])
        .output()
        .unwrap();
    assert!(text(&out.stdout).ends_with("\t中共长春市委人大工作会议召开\n"));
}

#[test]
fn the_file_is_found_through_juan_config_and_xdg_config_home() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("juan");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("config.toml"), "tz = \"UTC\"\n").unwrap();
    let out = juan(home.path()).args(["list", NEWS]).output().unwrap();
    assert_eq!(text(&out.stdout), LIST_UTC);
    // $JUAN_CONFIG wins over the usual place, and --config over $JUAN_CONFIG.
    let out = juan(home.path())
        .env("JUAN_CONFIG", format!("{DIR}/empty.toml"))
        .args(["list", NEWS])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), LIST_CST);
    let out = juan(home.path())
        .env("JUAN_CONFIG", format!("{DIR}/bad-tz.toml"))
        .args(["list", NEWS, "--config", "tests/fixtures/config/cli.toml"])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), LIST_UTC);
}

#[test]
fn a_named_file_must_exist() {
    let out = run(&["list", NEWS, "--config", "tests/fixtures/config/none.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("juan: tests/fixtures/config/none.toml: cannot read: "),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn config_default_prints_the_default_file_whatever_the_config() {
    let out = run(&[
        "config",
        "--default",
        "--config",
        "tests/fixtures/config/bad-tz.toml",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), juan::config::default_file());
}

#[test]
fn config_checks_the_file() {
    let out = run(&["config", "--config", "tests/fixtures/config/full.toml"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), "tests/fixtures/config/full.toml: good\n");
    let out = run(&[
        "config",
        "--config",
        "tests/fixtures/config/unknown-key.toml",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).starts_with("juan: tests/fixtures/config/unknown-key.toml:4:1: "),
        "{}",
        text(&out.stderr)
    );
    let home = tempfile::tempdir().unwrap();
    let usual = home.path().join("juan/config.toml");
    let out = juan(home.path()).args(["config"]).output().unwrap();
    assert_eq!(
        text(&out.stdout),
        format!(
            "{}: no such file; juan uses its defaults\n",
            usual.display()
        )
    );
    let out = juan(home.path())
        .args(["config", "--path"])
        .output()
        .unwrap();
    assert_eq!(text(&out.stdout), format!("{}\n", usual.display()));
}
