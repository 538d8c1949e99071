//! The decoder over whole reads: keys in order, sequences and pastes cut across reads, the
//! Esc key, acknowledgements, dropped replies, and the unbracketed paste rule.

use std::time::{Duration, Instant};

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};

use super::super::Input;
use super::Decoder;

fn key(code: KeyCode) -> Input {
    Input::Event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
}

fn ch(c: char) -> Input {
    key(KeyCode::Char(c))
}

fn paste(text: &str) -> Input {
    Input::Event(Event::Paste(text.into()))
}

/// Feeds each read in turn, a second apart (so none continues a paste by time).
fn reads(chunks: &[&[u8]]) -> Vec<Input> {
    let mut decoder = Decoder::default();
    let start = Instant::now();
    let mut out = Vec::new();
    for (i, chunk) in chunks.iter().enumerate() {
        out.extend(decoder.feed(chunk, false, start + Duration::from_secs(i as u64)));
    }
    out
}

#[test]
fn keys_in_order() {
    assert_eq!(
        reads(&[b"j", b"\x1B[B\x1B[6~k", b"\r"]),
        [
            ch('j'),
            key(KeyCode::Down),
            key(KeyCode::PageDown),
            ch('k'),
            key(KeyCode::Enter),
        ]
    );
    // Held j: many in one read stay keys.
    assert_eq!(reads(&[b"jjj"]), [ch('j'), ch('j'), ch('j')]);
}

#[test]
fn esc_at_the_end_of_a_read_is_the_key() {
    assert_eq!(reads(&[b"\x1B"]), [key(KeyCode::Esc)]);
    assert_eq!(reads(&[b"j\x1B"]), [ch('j'), key(KeyCode::Esc)]);
    // With more to come in the same wake-up, it waits.
    let mut decoder = Decoder::default();
    assert_eq!(decoder.feed(b"\x1B", true, Instant::now()), []);
    assert_eq!(
        decoder.feed(b"[A", false, Instant::now()),
        [key(KeyCode::Up)]
    );
}

#[test]
fn sequences_cut_across_reads() {
    assert_eq!(
        reads(&[b"\x1B[<65;1", b"0;5M"]),
        [Input::Event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 9,
            row: 4,
            modifiers: KeyModifiers::NONE,
        }))]
    );
    assert_eq!(
        reads(&[&"新".as_bytes()[..1], &"新".as_bytes()[1..]]),
        [ch('新')]
    );
}

#[test]
fn status_replies_are_acks_among_keys() {
    assert_eq!(reads(&[b"j\x1B[0nk"]), [ch('j'), Input::Ack, ch('k')]);
    assert_eq!(reads(&[b"\x1B[0", b"n"]), [Input::Ack]);
}

#[test]
fn replies_and_unknown_sequences_leave_no_text() {
    assert_eq!(
        reads(&[b"\x1B[12;40Rj\x1B[>0;276;0ck\x1B]11;rgb:0/0/0\x07l"]),
        [ch('j'), ch('k'), ch('l')]
    );
    // A sequence broken by ESC: the ESC begins the next one.
    assert_eq!(reads(&[b"\x1B[1;\x1B[A"]), [key(KeyCode::Up)]);
}

#[test]
fn bracketed_paste_across_reads() {
    assert_eq!(
        reads(&[b"\x1B[200~first line\r", "第二行\x1B[2".as_bytes(), b"01~q"]),
        [paste("first line\n第二行"), ch('q')]
    );
    // Its text is never keys, even a lone newline.
    assert_eq!(reads(&[b"\x1B[200~\r\x1B[201~"]), [paste("\n")]);
}

#[test]
fn a_burst_holding_a_line_end_is_a_paste() {
    assert_eq!(
        reads(&["改革开放\r四十年\r\n".as_bytes()]),
        [paste("改革开放\n四十年\n")]
    );
    assert_eq!(reads(&[b"jk\r"]), [paste("jk\n")]);
    // Typing: Enter alone, or one key and Enter in the same read.
    assert_eq!(reads(&[b"\r"]), [key(KeyCode::Enter)]);
    assert_eq!(reads(&[b"j\r"]), [ch('j'), key(KeyCode::Enter)]);
    assert_eq!(
        reads(&[b"\r\r"]),
        [key(KeyCode::Enter), key(KeyCode::Enter)]
    );
    // Not text only: keys.
    assert_eq!(
        reads(&[b"ab\x1B[A\r"]),
        [ch('a'), ch('b'), key(KeyCode::Up), key(KeyCode::Enter)]
    );
}

#[test]
fn a_paste_goes_on_in_reads_that_follow_closely() {
    let mut decoder = Decoder::default();
    let start = Instant::now();
    let at = |ms| start + Duration::from_millis(ms);
    assert_eq!(decoder.feed(b"one\rtw", false, at(0)), [paste("one\ntw")]);
    assert_eq!(decoder.feed(b"o thr", false, at(20)), [paste("o thr")]);
    assert_eq!(decoder.feed(b"e\r", false, at(40)), [paste("e\n")]);
    // A key typed well after is a key.
    assert_eq!(decoder.feed(b"q", false, at(1000)), [ch('q')]);
    // And so is text after a read that was not a paste.
    assert_eq!(decoder.feed(b"ab", false, at(1010)), [ch('a'), ch('b')]);
}

#[test]
fn a_burst_waits_for_a_pending_sequence() {
    // The read completes a cut sequence first: no burst then, its bytes are parsed.
    let ctrl_up = Input::Event(Event::Key(KeyEvent::new(
        KeyCode::Up,
        KeyModifiers::CONTROL,
    )));
    assert_eq!(
        reads(&[b"\x1B[1;", b"5Aab\r"]),
        [ctrl_up, ch('a'), ch('b'), key(KeyCode::Enter)]
    );
}
