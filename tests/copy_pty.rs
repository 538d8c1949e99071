//! End-to-end: the copy menu in the real binary in a pseudo-terminal. An article opened in the
//! reader, `c` opens the menu, `1` copies the URL and `3` the GB/T 7714 citation, Alt-c in the
//! list copies the title: each as one OSC 52 sequence (`ESC ] 52 ; c ; <base64> BEL`) checked
//! byte for byte with its payload decoded, the status line saying what was copied and how many
//! characters.

#[allow(dead_code)]
mod support;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use portable_pty::CommandBuilder;
use support::pty::Pty;

const NEWS: &str = "tests/fixtures/cite/news.jsonl";
const TITLE: &str = "长春市人大常委会审议《长春市城市绿化条例（修订草案）》";
const URL: &str = "http://www.ccrb.example.cn/2017-09/12/content_1006.htm";

/// A hint the list's status line shows once the archive has loaded.
const LIST_HINT: &str = "Ctrl-s source";

/// The start of an OSC 52 sequence that sets the clipboard.
const OSC52: &[u8] = b"\x1b]52;c;";

/// Today in UTC+8 (the display zone), as the citation's accessed date.
fn today() -> String {
    let offset = jiff::tz::Offset::from_seconds(8 * 3600).unwrap();
    let d = offset.to_datetime(jiff::Timestamp::now()).date();
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// Every OSC 52 sequence in `raw`, whole (from ESC to BEL).
fn sequences(raw: &[u8]) -> Vec<Vec<u8>> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = find(&raw[at..], OSC52).map(|i| at + i) {
        let end = raw[start..]
            .iter()
            .position(|&b| b == 0x07)
            .map(|i| start + i + 1)
            .expect("the sequence ends with BEL");
        found.push(raw[start..end].to_vec());
        at = end;
    }
    found
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The sequence that copies `text`.
fn expected(text: &str) -> Vec<u8> {
    let mut out = OSC52.to_vec();
    out.extend_from_slice(STANDARD.encode(text).as_bytes());
    out.push(0x07);
    out
}

/// The text a sequence copies.
fn decoded(sequence: &[u8]) -> String {
    let payload = &sequence[OSC52.len()..sequence.len() - 1];
    String::from_utf8(STANDARD.decode(payload).expect("base64")).expect("UTF-8")
}

#[test]
fn the_copy_menu_copies_with_osc_52() {
    let state = tempfile::tempdir().unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_juan"));
    cmd.arg(NEWS);
    cmd.env("XDG_STATE_HOME", state.path());
    let mut pty = Pty::spawn_command(cmd, 100, 30);
    pty.wait_for_text(LIST_HINT);
    pty.send("绿化条例");
    // The title is listed from the start (third of five): Enter waits for the query's answer,
    // its one hit selected.
    pty.wait_for("the query's one hit", 10, |s| {
        s.contains("长春市人大常委会审议")
            && s.lines().next().is_some_and(|q| {
                q.contains("绿化条例") && q.split_whitespace().last() == Some("1/5")
            })
    });
    pty.send("\r");
    pty.wait_for_text("/ find");

    // The reader: `c`, then `1` for the URL.
    pty.send("c");
    let items = ["1 URL", "2 title", "3 citation", "4 article", "5 paragraph"];
    pty.wait_for("the copy menu and its five items", 10, |s| {
        s.contains("copy to the clipboard") && items.iter().all(|item| s.contains(item))
    });
    pty.send("1");
    pty.wait_for_text("copied URL · 54 characters");
    let copies = sequences(&pty.raw());
    assert_eq!(copies, [expected(URL)]);
    assert_eq!(decoded(&copies[0]), URL);

    // `3`: the citation, accessed today.
    pty.send("c");
    pty.wait_for_text("copy to the clipboard");
    pty.send("3");
    let today = today();
    let citation = format!("王明, 李红. {TITLE}[N/OL]. 长春日报, 2017-09-12[{today}]. {URL}.");
    let count = citation.chars().count();
    pty.wait_for_text(&format!("copied citation · {count} characters"));
    let copies = sequences(&pty.raw());
    assert_eq!(copies.len(), 2);
    assert_eq!(copies[1], expected(&citation));
    assert_eq!(decoded(&copies[1]), citation);

    // Back in the list, Alt-c and `2`: the title of the selected article.
    pty.send("q");
    pty.wait_for_text(LIST_HINT);
    pty.send("\x1bc");
    pty.wait_for_text("copy to the clipboard");
    pty.send("2");
    pty.wait_for_text("copied title · 27 characters");
    let copies = sequences(&pty.raw());
    assert_eq!(copies.len(), 3);
    assert_eq!(copies[2], expected(TITLE));

    // Esc closes the menu and copies nothing.
    pty.send("\x1bc");
    pty.wait_for_text("copy to the clipboard");
    pty.send("\x1b");
    pty.wait_for("the menu to close", 10, |s| {
        !s.contains("copy to the clipboard")
    });
    pty.settle(100);
    assert_eq!(sequences(&pty.raw()).len(), 3);
    pty.send("\x03");
    assert_eq!(pty.wait_exit(10), 0);
}
