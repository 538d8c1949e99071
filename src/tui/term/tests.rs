//! The exact bytes of every mode sequence, and how the environment and the options combine.

use super::*;

fn env(term: &str) -> Env {
    Env {
        term: Some(term.to_string()),
        lang: Some("C.UTF-8".to_string()),
        ..Env::default()
    }
}

fn caps(term: &str, options: TermOptions) -> Caps {
    Caps::from_env(&env(term), options, 3).unwrap()
}

fn bytes(f: impl FnOnce(&mut Vec<u8>) -> io::Result<()>) -> String {
    let mut out = Vec::new();
    f(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const NO_ALT: TermOptions = TermOptions {
    alt_screen: false,
    mouse: true,
};
const NO_MOUSE: TermOptions = TermOptions {
    alt_screen: true,
    mouse: false,
};

#[test]
fn enter_and_leave_on_xterm_write_exactly_these_bytes() {
    let c = caps("xterm-256color", TermOptions::default());
    assert!(c.unicode && c.alt_screen && c.mouse && c.color);
    assert_eq!(
        bytes(|o| c.enter(o)),
        "\x1b[?1049h\x1b[?2004h\x1b[?1000h\x1b[?1006h"
    );
    assert_eq!(
        bytes(|o| c.leave(o)),
        "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l"
    );
}

#[test]
fn no_motion_tracking_ever() {
    for mode in ["1002", "1003", "1005", "1015"] {
        for s in [MOUSE_ON, MOUSE_OFF] {
            assert!(!s.contains(mode), "{mode} in {s:?}");
        }
    }
}

#[test]
fn without_the_alternate_screen_the_old_screen_goes_up_and_the_last_one_stays() {
    let c = caps("xterm", NO_ALT);
    assert!(!c.alt_screen);
    // Three rows scrolled into the scrollback, then an empty screen, cursor home.
    assert_eq!(
        bytes(|o| c.enter(o)),
        "\x1b[999;1H\n\n\n\x1b[H\x1b[2J\x1b[?2004h\x1b[?1000h\x1b[?1006h"
    );
    assert_eq!(
        bytes(|o| c.leave(o)),
        "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[999;1H\r\n"
    );
    assert!(!bytes(|o| c.enter(o)).contains("1049"));
    assert!(!bytes(|o| c.leave(o)).contains("1049"));
}

#[test]
fn mouse_off_by_option_turns_on_and_off_by_the_key_only() {
    let mut c = caps("tmux-256color", NO_MOUSE);
    assert!(!c.mouse);
    assert_eq!(bytes(|o| c.enter(o)), "\x1b[?1049h\x1b[?2004h");
    assert_eq!(bytes(|o| c.set_mouse(false, o)), "");
    assert_eq!(bytes(|o| c.set_mouse(true, o)), "\x1b[?1000h\x1b[?1006h");
    assert_eq!(bytes(|o| c.set_mouse(true, o)), "");
    assert!(c.mouse);
    // Leaving turns off what is on now.
    assert_eq!(
        bytes(|o| c.leave(o)),
        "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l"
    );
    assert_eq!(bytes(|o| c.set_mouse(false, o)), "\x1b[?1006l\x1b[?1000l");
    assert_eq!(bytes(|o| c.leave(o)), "\x1b[?2004l\x1b[?1049l");
    // A handler's copy turns the mouse off whatever it thinks.
    assert_eq!(
        bytes(|o| c.restore(o)),
        "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[?1049l"
    );
}

#[test]
fn legacy_terminals_get_no_alternate_screen_no_mouse_and_ascii() {
    for term in ["linux", "vt100", "vt220"] {
        let c = caps(term, TermOptions::default());
        assert!(!c.unicode && !c.alt_screen && !c.mouse, "{term}");
        assert_eq!(
            bytes(|o| c.enter(o)),
            "\x1b[999;1H\n\n\n\x1b[H\x1b[2J\x1b[?2004h",
            "{term}"
        );
        assert_eq!(bytes(|o| c.leave(o)), "\x1b[?2004l\x1b[999;1H\r\n");
    }
    assert!(caps("linux", TermOptions::default()).color);
    assert!(!caps("vt220", TermOptions::default()).color);
}

#[test]
fn dumb_is_refused_as_a_terminal_failure() {
    let err = Caps::from_env(&env("dumb"), TermOptions::default(), 24).unwrap_err();
    assert!(matches!(err, Failure::Terminal(_)));
    assert_eq!(
        err.to_string(),
        "the interface needs a terminal that can move the cursor (TERM=dumb); \
         `juan list` and `juan show` work anywhere"
    );
}

#[test]
fn options_come_from_the_file_and_the_flag_wins() {
    let file = crate::config::Terminal {
        alt_screen: true,
        mouse: false,
    };
    assert_eq!(
        TermOptions::new(false, &file),
        TermOptions {
            alt_screen: true,
            mouse: false
        }
    );
    assert!(!TermOptions::new(true, &file).alt_screen);
    let off = crate::config::Terminal {
        alt_screen: false,
        mouse: true,
    };
    assert!(!TermOptions::new(false, &off).alt_screen);
}

#[test]
fn settings_follow_the_terminal() {
    let s = caps("xterm", TermOptions::default()).settings(AmbiguousWidth::Wide);
    assert_eq!(s.ambiguous, AmbiguousWidth::Wide);
    assert!(s.color && s.unicode && s.mouse);
    let s = caps("linux", NO_MOUSE).settings(AmbiguousWidth::Narrow);
    assert!(s.color && !s.unicode && !s.mouse);
    let s = caps("xterm", NO_MOUSE).settings(AmbiguousWidth::Narrow);
    assert!(s.unicode && !s.mouse);
    let mono = Env {
        no_color: Some("1".into()),
        ..env("xterm")
    };
    let c = Caps::from_env(&mono, TermOptions::default(), 24).unwrap();
    assert!(!c.settings(AmbiguousWidth::Narrow).color);
}
