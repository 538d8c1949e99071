//! A rebinding from the config file, used in the real interface: the binary in a
//! pseudo-terminal started with `tests/fixtures/config/keys.toml`, driven by the keys that file
//! gives and by the ones it took away.

// The harness is shared; this test uses part of it.
#[allow(dead_code)]
mod support;

use support::pty::Pty;

const FIRST: &str = "长春市召开人大工作会议";
const SECOND: &str = "吉林省春耕备耕工作全面展开";
/// The first article's body, as the reader shows it.
const BODY: &str = "人民代表大会制度";

/// The row of the screen that shows `text`.
fn row_of(pty: &Pty, text: &str) -> Option<usize> {
    pty.rows().iter().position(|r| r.contains(text))
}

#[test]
fn keys_rebound_in_the_config_file_work_and_the_replaced_ones_do_not() {
    // 50 columns: the list alone, the reader full-screen.
    let mut pty = Pty::spawn(
        &[
            "--config",
            "tests/fixtures/config/keys.toml",
            "tests/fixtures/config/news",
        ],
        50,
        20,
    );
    pty.wait_for("both articles", 10, |s| {
        s.contains(FIRST) && s.contains(SECOND)
    });
    assert!(row_of(&pty, FIRST) < row_of(&pty, SECOND), "newest first");

    // Reader: `close = ["h", "esc"]` took q away from close.
    pty.send("\r");
    pty.wait_for_text(BODY);
    pty.send("q");
    pty.settle(300);
    assert!(
        pty.screen().contains(BODY),
        "q closed the reader:\n{}",
        pty.screen()
    );
    pty.send("h");
    pty.wait_for("the list again", 10, |s| {
        !s.contains(BODY) && s.contains(SECOND)
    });

    // List: `toggle_order = "ctrl-t"` took Ctrl-o away from it.
    pty.send("\x0f");
    pty.settle(300);
    assert!(
        row_of(&pty, FIRST) < row_of(&pty, SECOND),
        "Ctrl-o still flips the order"
    );
    pty.send("\x14");
    // Neither chord typed anything into the query: it stays empty (the query line shows
    // only the counts once the body index, built in the background, is complete).
    pty.wait_for("oldest first, the query empty", 10, |s| {
        row_of(&pty, SECOND) < row_of(&pty, FIRST)
            && s.lines()
                .next()
                .is_some_and(|q| q.split_whitespace().collect::<Vec<_>>() == [">", "2/2"])
    });
    // The footer names the new chord.
    let rows = pty.rows();
    assert!(rows[19].contains("Ctrl-t"), "footer: {}", rows[19]);

    // Everywhere: `quit = ["ctrl-c", "f10"]`.
    pty.send("\x1b[21~");
    assert_eq!(pty.wait_exit(10), 0);
}
