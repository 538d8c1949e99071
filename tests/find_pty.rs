//! End-to-end: search inside the article, as less does, in the real binary in a
//! pseudo-terminal on the bundled sample: `/` and Enter show "1/N" beside the percentage, `n`
//! goes on to "2/N"; a `body:` query shows snippets and the timeline in the list, and opens the
//! article at its first body match.

#[allow(dead_code)]
mod support;

use support::pty::Pty;

const SEED_TITLE: &str = "中共长春市委人大工作会议召开";

/// A hint the list's status line shows once the archive has loaded.
const LIST_HINT: &str = "Ctrl-s source";

/// Ctrl-c: quits wherever the focus is.
const QUIT: &str = "\x03";

/// True when the query line shows `query` and one hit of the sample's 181 articles: the
/// search thread has answered it (the query line itself is drawn before the answer comes).
fn one_hit(screen: &str, query: &str) -> bool {
    screen
        .lines()
        .next()
        .is_some_and(|q| q.contains(query) && q.split_whitespace().last() == Some("1/181"))
}

/// How often `word` occurs in the seed article as its file has it (title line included).
fn occurrences(word: &str) -> usize {
    let seed = include_str!("../sample-data/000_618211eec43b155d.txt");
    seed.matches(word).count()
}

#[test]
fn slash_finds_in_the_article_and_n_steps_to_the_next_match() {
    let (cols, rows) = (100, 30);
    let mut pty = Pty::spawn(&[], cols, rows);
    pty.wait_for_text(LIST_HINT);
    pty.send("长春市委人大工作会议");
    pty.wait_for("the seed, the query's one hit", 10, |s| {
        s.contains(SEED_TITLE) && one_hit(s, "长春市委人大工作会议")
    });
    pty.send("\r");
    pty.wait_for_text("/ find");
    pty.send("/");
    pty.wait_for_text("Enter find");
    pty.send("人大工作");
    pty.wait_for_text("/人大工作");
    pty.send("\r");
    // The title's and every one in the body.
    let n = occurrences("人大工作");
    assert_eq!(n, 18);
    pty.wait_for_text(&format!("人大工作 1/{n}"));
    pty.send("n");
    pty.wait_for_text(&format!("人大工作 2/{n}"));
    pty.send("N");
    pty.send("N");
    pty.wait_for_text(&format!("人大工作 {n}/{n}"));
    // `/` and Enter again: the last find, from the top row in view. (Enter only once the
    // prompt is open: read in one burst with the keys before it, text with a line end is a
    // paste.)
    pty.send("g");
    pty.send("/");
    pty.wait_for_text("Enter find");
    pty.send("\r");
    pty.wait_for_text(&format!("人大工作 1/{n}"));
    pty.send("/");
    pty.send("国徽国歌");
    pty.wait_for_text("/国徽国歌");
    pty.send("\r");
    pty.wait_for_text("pattern not found");
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
}

#[test]
fn a_body_query_opens_the_article_at_its_first_match() {
    let (cols, rows) = (100, 30);
    let mut pty = Pty::spawn(&[], cols, rows);
    pty.wait_for_text(LIST_HINT);
    pty.send("body:依法");
    // The list: the seed's row shows the context of its first body match beside the title,
    // and the timeline strip under the query line shows the matches per period. All of it
    // comes with the search thread's answer, after the query line is drawn.
    pty.wait_for(
        "the seed's row with a snippet, and the timeline, for the query's one hit",
        10,
        |s| {
            let rows: Vec<&str> = s.lines().collect();
            let snippet = rows
                .iter()
                .any(|r| r.contains("2017-09-06") && r.contains("中共长春") && r.contains("依法"));
            let timeline = rows
                .get(1)
                .is_some_and(|r| r.contains(['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█']));
            one_hit(s, "body:依法") && snippet && timeline
        },
    );
    pty.send("\r");
    let n = occurrences("依法");
    assert_eq!(n, 20);
    pty.wait_for_text(&format!("依法 1/{n}"));
    pty.send("n");
    pty.wait_for_text(&format!("依法 2/{n}"));
    pty.send(QUIT);
    assert_eq!(pty.wait_exit(10), 0);
}
