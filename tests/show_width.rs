//! `juan show SEED_ID --width W` for every W in 10..=120: no line wider than W, no line that
//! starts with `，` `。` or `,`, and every paragraph's text complete.

use std::process::Command;

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/sample-data/000_618211eec43b155d.txt"
);

fn juan(args: &[&str]) -> String {
    let out = juan_isolated().args(args).output().expect("run juan");
    assert!(
        out.status.success(),
        "juan {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Groups of lines separated by blank lines, each joined without spaces.
fn groups(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|g| g.split('\n').collect::<String>().replace(' ', ""))
        .filter(|g| !g.is_empty())
        .collect()
}

#[test]
fn every_width_from_10_to_120() {
    let id = juan(&["list", SEED])
        .split('\t')
        .next()
        .unwrap()
        .to_string();
    let unwrapped = juan(&["show", SEED, &id, "--width", "100000"]);
    let want = groups(&unwrapped);
    assert_eq!(want.len(), 12, "header plus 11 paragraphs:\n{unwrapped}");
    for w in 10..=120usize {
        let out = juan(&["show", SEED, &id, "--width", &w.to_string()]);
        for line in out.lines() {
            assert!(
                juan::text::width(line) <= w,
                "width {w}: {line:?} is {} wide",
                juan::text::width(line)
            );
            assert!(
                !line.starts_with(['，', '。', ',']),
                "width {w}: line starts with closing punctuation: {line:?}"
            );
        }
        assert_eq!(groups(&out), want, "width {w}: text lost or changed");
    }
}

/// The juan binary with the user's own config file out of the way (`JUAN_CONFIG=/dev/null`:
/// the defaults).
fn juan_isolated() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_juan"));
    c.env("JUAN_CONFIG", "/dev/null");
    c
}
