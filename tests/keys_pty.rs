//! The keys in a pseudo-terminal, as a user types them: text typed in the list (pinyin, field
//! prefixes, Chinese from an input method, a paste) lands in the query letter for letter;
//! every key the binding table gives the reader does its job; Esc closes, clears, then quits.
//! The reader's keys are read from the table itself, so a key added there is tried here.

#[allow(dead_code)]
mod support;

use juan::keymap::{Command, Key, KeyChord, Keymap, Scope};
use support::pty::Pty;

/// Three articles of 120 one-line paragraphs (`甲篇第001段。`…), newest first 甲 乙 丙.
const PAGER: &str = "tests/fixtures/keys/pager.jsonl";

/// A hint the list's status line shows; the reader's and the windows' hints.
const LIST_HINT: &str = "Ctrl-s source";
const READER_HINT: &str = "j/k scroll";
const POPUP_HINT: &str = "Esc close";

/// The bytes a terminal sends for `chord` (xterm's encoding).
fn bytes(chord: KeyChord) -> String {
    let named = match chord.key {
        Key::Char(c) if chord.ctrl => {
            let c = c.to_ascii_lowercase();
            assert!(c.is_ascii_lowercase(), "no byte for {chord}");
            ((c as u8) & 0x1f) as char
        }
        Key::Char(c) => c,
        _ => '\0',
    };
    let body = match chord.key {
        Key::Char(_) => named.to_string(),
        Key::Enter => "\r".into(),
        Key::Esc => "\x1b".into(),
        Key::Tab => "\t".into(),
        Key::BackTab => "\x1b[Z".into(),
        Key::Backspace => "\x7f".into(),
        Key::Delete => "\x1b[3~".into(),
        Key::Up => "\x1b[A".into(),
        Key::Down => "\x1b[B".into(),
        Key::Right => "\x1b[C".into(),
        Key::Left => "\x1b[D".into(),
        Key::Home => "\x1b[H".into(),
        Key::End => "\x1b[F".into(),
        Key::PageUp => "\x1b[5~".into(),
        Key::PageDown => "\x1b[6~".into(),
        Key::F(n @ 1..=4) => format!("\x1bO{}", (b'P' + n - 1) as char),
        Key::F(n) => panic!("no bytes for F{n} here"),
    };
    assert!(
        !chord.shift || chord.key == Key::BackTab,
        "no bytes for {chord}"
    );
    if chord.alt {
        format!("\x1b{body}")
    } else {
        body
    }
}

/// The query line's text: the first row up to the counts at its right.
fn query(pty: &Pty) -> String {
    let first = pty.rows()[0].clone();
    let text = first.strip_prefix("> ").unwrap_or(&first).trim_end();
    // The counts (`n/total`) are the last word.
    match text.rsplit_once(' ') {
        Some((q, counts)) if counts.contains('/') => q.trim_end().to_string(),
        _ => String::new(),
    }
}

/// Sends `text` and lets juan answer (callers wait for what they expect before an Esc could
/// run into the next key).
fn send(pty: &mut Pty, text: &str) {
    pty.send(text);
    pty.settle(30);
}

#[test]
fn text_typed_in_the_list_is_exactly_the_query() {
    let mut pty = Pty::spawn(&[], 100, 30);
    pty.wait_for_text(LIST_HINT);
    for text in ["jingbei", "ccrd", "body:改革", "qq音乐"] {
        send(&mut pty, text);
        pty.wait_for(&format!("the query {text}"), 10, |_| query(&pty) == text);
        assert!(pty.screen().contains(LIST_HINT), "still in the list");
        send(&mut pty, "\x15"); // Ctrl-u: clear the query
        pty.wait_for("an empty query", 10, |_| query(&pty).is_empty());
    }
    // Pasted (bracketed paste) and typed one character at a time, as an input method sends.
    send(&mut pty, "\x1b[200~qq音乐 body:改革\x1b[201~");
    pty.wait_for("the pasted query", 10, |_| {
        query(&pty) == "qq音乐 body:改革"
    });
    send(&mut pty, "\x15");
    for c in "长春人大".chars() {
        send(&mut pty, &c.to_string());
    }
    pty.wait_for("the query 长春人大", 10, |_| query(&pty) == "长春人大");
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0);
}

#[test]
fn esc_closes_the_reader_clears_the_query_then_the_source_then_quits() {
    let mut pty = Pty::spawn(&[PAGER], 80, 24);
    pty.wait_for_text(LIST_HINT);
    send(&mut pty, "篇");
    send(&mut pty, "\r");
    pty.wait_for_text(READER_HINT);
    send(&mut pty, "\x1b");
    // (The query line reads as the query alone once the body index is complete.)
    pty.wait_for("the list, Esc in the reader keeping the query", 10, |s| {
        s.contains(LIST_HINT) && query(&pty) == "篇"
    });
    send(&mut pty, "\x1b");
    pty.wait_for("the query cleared", 10, |_| query(&pty).is_empty());
    // Ctrl-s, Enter: the source with the most articles (测试日报, two of three).
    send(&mut pty, "\x13");
    pty.wait_for_text("Enter choose");
    send(&mut pty, "\r");
    pty.wait_for("the source filter and its two articles", 10, |s| {
        s.contains("[测试日报]") && s.lines().next().is_some_and(|r| r.contains("2/3"))
    });
    send(&mut pty, "\x1b");
    // The filter line changes at once; the count follows when the search thread answers.
    pty.wait_for("the source filter cleared and all three counted", 10, |s| {
        !s.contains("[测试日报]") && s.lines().next().is_some_and(|r| r.contains("3/3"))
    });
    assert!(
        pty.screen().contains("Esc quit"),
        "the footer says what Esc does now"
    );
    pty.send("\x1b");
    assert_eq!(pty.wait_exit(10), 0, "Esc with nothing to clear quits");
}

/// Where the full-screen reader is: (the article's letter, its top row), read from the first
/// paragraph on screen (paragraph n is row 2n + 2: title, date, id, a blank, then one row
/// each with a blank between); `None` when no reader pane shows a paragraph.
fn reader_at(screen: &str) -> Option<(char, usize)> {
    let rows: Vec<&str> = screen.lines().collect();
    let pane = rows.iter().position(|r| r.starts_with('╭'))?;
    rows.iter().enumerate().skip(pane + 1).find_map(|(i, row)| {
        let at = row.find("篇第")?;
        let letter = row[..at].chars().next_back()?;
        let digits: String = row[at..].chars().skip(2).take(3).collect();
        let n: usize = digits.parse().ok()?;
        Some((letter, (2 * n + 2 + pane + 1).checked_sub(i)?))
    })
}

/// How many panes the screen shows (2: the list and the article; 1: the full-screen reader).
fn panes(screen: &str) -> usize {
    screen.lines().filter(|r| r.starts_with('╭')).count()
}

/// The counts at the right of the query line (`n/total`).
fn counts(pty: &Pty) -> String {
    let first = pty.rows()[0].clone();
    first.split_whitespace().last().unwrap_or("").to_string()
}

/// Back to the list, its query empty and all three articles listed, the first selected and
/// shown from its start.
fn to_list(pty: &mut Pty) {
    if pty.screen().contains(POPUP_HINT) {
        send(pty, "\x1b");
        pty.wait_for("the window closed", 10, |s| !s.contains(POPUP_HINT));
    }
    if pty.screen().contains(READER_HINT) {
        send(pty, "q");
    }
    pty.wait_for_text(LIST_HINT);
    // Ctrl-u; End, then Home: the first article is laid out anew, at its start.
    send(pty, "\x15\x1b[F");
    send(pty, "\x1b[H");
    // The query line empties at once; the list follows when the search thread answers (a
    // key sent before then would act on the previous query's list: 甲 alone after `jia`).
    pty.wait_for("the list, query empty, all three listed", 10, |_| {
        query(pty).is_empty() && counts(pty) == "3/3"
    });
}

/// Opens the article `nth` of the list (0: 甲, 1: 乙) full-screen, at its start (an article
/// scrolled before reopens where it was left: `g` goes to the top).
fn open(pty: &mut Pty, nth: usize) {
    to_list(pty);
    send(pty, &"\x1b[B".repeat(nth));
    send(pty, "\r");
    pty.wait_for("the reader", 10, |s| panes(s) == 1);
    if pty.screen().contains("resumed where you left off") {
        send(pty, "g");
    }
    let letter = ['甲', '乙', '丙'][nth];
    pty.wait_for(&format!("{letter} open"), 10, |s| {
        reader_at(s) == Some((letter, 0)) && panes(s) == 1
    });
}

/// Opens the first article in the article pane below the list, the pane focused (Tab).
fn focus_pane(pty: &mut Pty) {
    to_list(pty);
    send(pty, "\t");
    pty.wait_for_text(READER_HINT);
    assert!(
        pty.screen().contains("乙篇：下一篇测试"),
        "the list is still shown"
    );
}

#[test]
fn every_reader_key_of_the_table_does_its_job() {
    // 80×24: the full-screen reader is 20 rows inside; the article is 242 rows, so its last
    // screen starts at row 222.
    const PAGE: usize = 19;
    const HALF: usize = 10;
    const LAST_TOP: usize = 223;
    let mut pty = Pty::spawn(&[PAGER], 80, 24);
    pty.wait_for_text(LIST_HINT);
    let keymap = Keymap::default();
    let reader_keys: Vec<_> = keymap
        .bindings()
        .iter()
        .filter(|b| b.scope == Scope::Reader)
        .collect();
    assert!(reader_keys.len() > 30);
    for b in reader_keys {
        let key = bytes(b.chord);
        let what = format!("{} ({})", b.chord, b.command.name());
        let at = |letter: char, top: usize| {
            let expected = Some((letter, top));
            move |s: &str| reader_at(s) == expected
        };
        match b.command {
            Command::ScrollDown | Command::ScrollPageDown | Command::ScrollHalfDown => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                let top = match b.command {
                    Command::ScrollDown => 1,
                    Command::ScrollPageDown => PAGE,
                    _ => HALF,
                };
                pty.wait_for(&what, 10, at('甲', top));
            }
            Command::ScrollUp
            | Command::ScrollPageUp
            | Command::ScrollHalfUp
            | Command::ScrollTop => {
                open(&mut pty, 0);
                send(&mut pty, "G");
                pty.wait_for("the end", 10, at('甲', LAST_TOP));
                send(&mut pty, &key);
                let top = match b.command {
                    Command::ScrollUp => LAST_TOP - 1,
                    Command::ScrollPageUp => LAST_TOP - PAGE,
                    Command::ScrollHalfUp => LAST_TOP - HALF,
                    _ => 0,
                };
                pty.wait_for(&what, 10, at('甲', top));
            }
            Command::ScrollBottom => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    reader_at(s) == Some(('甲', LAST_TOP))
                        && s.contains("甲篇第120段")
                        && s.contains("100%")
                });
            }
            Command::NextArticle => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, at('乙', 0));
            }
            Command::PrevArticle => {
                open(&mut pty, 1);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, at('甲', 0));
            }
            Command::Close => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    s.contains(LIST_HINT) && s.contains("乙篇：下一篇测试")
                });
            }
            Command::Search => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for_text(LIST_HINT);
                send(&mut pty, "jia");
                pty.wait_for(&what, 10, |_| query(&pty) == "jia");
            }
            Command::Open => {
                focus_pane(&mut pty);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    s.contains(READER_HINT)
                        && !s.contains("乙篇：下一篇测试")
                        && reader_at(s).is_some()
                });
            }
            Command::ToggleFocus => {
                focus_pane(&mut pty);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains(LIST_HINT));
            }
            Command::Reload => {
                to_list(&mut pty);
                send(&mut pty, "甲");
                send(&mut pty, "\r");
                pty.wait_for_text(READER_HINT);
                send(&mut pty, &key);
                // A new interface over the archive read again: the list, its query empty.
                pty.wait_for(&what, 10, |s| {
                    s.contains(LIST_HINT) && s.contains("3/3") && query(&pty).is_empty()
                });
            }
            Command::Help => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    s.contains("keys and query syntax") && s.contains(POPUP_HINT)
                });
            }
            Command::ShowProblems => {
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    s.contains("not loaded") && s.contains("every record loaded")
                });
            }
            Command::ToggleMouse => {
                open(&mut pty, 0);
                let before = pty.raw().len();
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("mouse off"));
                let after = pty.raw()[before..].to_vec();
                let text = String::from_utf8_lossy(&after);
                assert!(text.contains("\x1b[?1006l\x1b[?1000l"), "{what}: {text:?}");
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("mouse on"));
            }
            Command::PrevPeriod => {
                // One article a day: the day before 甲's is 乙's.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, at('乙', 0));
            }
            Command::NextPeriod => {
                open(&mut pty, 1);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, at('甲', 0));
            }
            Command::FindInArticle => {
                // The prompt opens on the status line; Esc leaves it.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("Enter find"));
                pty.send("\x1b");
                pty.wait_for(&what, 10, |s| !s.contains("Enter find"));
            }
            Command::NextMatch | Command::PrevMatch => {
                // Before any find, the key says how to start one.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("no previous search"));
            }
            Command::ToggleRead => {
                // Opening read it; the key marks it unread, then read again.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("marked unread"));
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("marked read"));
            }
            Command::ToggleStar => {
                // The star shows on the reader's top border until it is taken away.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("starred") && s.contains('★'));
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| {
                    s.contains("star taken away") && !s.contains('★')
                });
            }
            Command::EditLabels => {
                // The picker opens over the reader; Esc closes it.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("labels: 甲篇"));
                pty.send("\x1b");
                pty.wait_for(&what, 10, |s| !s.contains("labels: 甲篇"));
            }
            Command::CopyMenu => {
                // The menu opens over the reader; Esc closes it, copying nothing.
                open(&mut pty, 0);
                send(&mut pty, &key);
                pty.wait_for(&what, 10, |s| s.contains("copy to the clipboard"));
                pty.send("\x1b");
                pty.wait_for(&what, 10, |s| !s.contains("copy to the clipboard"));
            }
            other => panic!("{what}: no check in this test for `{}`", other.name()),
        }
    }
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0);
}
