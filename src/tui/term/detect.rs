//! What the environment says about the terminal: `TERM`, the locale (`LC_ALL`, `LC_CTYPE`,
//! `LANG`), `COLORTERM` and `NO_COLOR`, read into a [`Terminal`] by pure functions so every
//! rule is tested without touching the process environment.
//!
//! The rules, and why (terminfo's entries are the reference):
//!
//! - `TERM` unset, empty or `dumb` (Emacs' shell buffers, `make` logs, some IDE consoles): the
//!   cursor cannot be moved, so the interface refuses; the commands still work.
//! - DEC terminals (`vt52`, `vt100`, `vt102`, `vt220`, … and their variants such as `vt100-am`)
//!   and `ansi`: no alternate screen (no `smcup` in terminfo), no mouse reports, 7- or 8-bit
//!   character sets, so ASCII chrome; the `vt` ones have no colour either.
//! - `linux` (the Linux console): colours but no `smcup` and no xterm mouse reports. In a
//!   UTF-8 locale it draws what its font holds (512 glyphs at most: never CJK, and not the
//!   rounded corners, `▶` or `…` juan draws by default), so its chrome is ASCII too.
//! - Anything else (xterm and its kin, tmux, screen, rxvt, kitty, foot, …) has the alternate
//!   screen and mouse reports; Unicode chrome when the locale's character set is UTF-8.
//! - The locale is POSIX's: the first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set and not
//!   empty; none means the `C` locale, which is not UTF-8 (as `less` and ncurses read it).
//!   `LANG=C.UTF-8` or `en_US.UTF-8` turns Unicode on.
//! - `NO_COLOR` set and not empty (<https://no-color.org>), or a monochrome `TERM` (`vt*`,
//!   `*-mono`): no colour, attributes only.
//! - `COLORTERM=truecolor` or `24bit`: 24-bit colour (`#rrggbb` styles are exact).

/// The environment variables the terminal is judged by, as read (`None` when unset).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Env {
    /// `TERM`.
    pub(crate) term: Option<String>,
    /// `COLORTERM`.
    pub(crate) colorterm: Option<String>,
    /// `LC_ALL`.
    pub(crate) lc_all: Option<String>,
    /// `LC_CTYPE`.
    pub(crate) lc_ctype: Option<String>,
    /// `LANG`.
    pub(crate) lang: Option<String>,
    /// `NO_COLOR`.
    pub(crate) no_color: Option<String>,
}

impl Env {
    /// The process environment.
    pub(crate) fn current() -> Env {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        Env {
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            lc_all: var("LC_ALL"),
            lc_ctype: var("LC_CTYPE"),
            lang: var("LANG"),
            no_color: var("NO_COLOR"),
        }
    }
}

/// What the terminal can do, by its environment (before the user's options).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Terminal {
    /// It draws Unicode symbols (box drawing, `▶`, `…`): ASCII chrome when false.
    pub(crate) unicode: bool,
    /// It has an alternate screen (`smcup`/`rmcup`).
    pub(crate) alt_screen: bool,
    /// It reports the mouse as xterm does (modes 1000 and 1006).
    pub(crate) mouse: bool,
    /// Colours may be used.
    pub(crate) color: bool,
    /// It shows 24-bit colour.
    pub(crate) true_color: bool,
}

/// Why the interface cannot run: `TERM` names a terminal that cannot move the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dumb {
    /// `TERM` as set (`None`: unset or empty).
    pub(crate) term: Option<String>,
}

impl std::fmt::Display for Dumb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let why = match &self.term {
            Some(term) => format!("TERM={term}"),
            None => "TERM is not set".to_string(),
        };
        write!(
            f,
            "the interface needs a terminal that can move the cursor ({why}); \
             `juan list` and `juan show` work anywhere"
        )
    }
}

/// The families of `TERM` the rules tell apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// A DEC hardware terminal or its emulation (`vt100`, `vt220-8bit`, …).
    Dec,
    /// ANSI.SYS and its kin.
    Ansi,
    /// The Linux console.
    Linux,
    /// Everything else: xterm and the terminals that follow it.
    Modern,
}

fn family(term: &str) -> Family {
    let base = term.split('-').next().unwrap_or(term);
    let digits = base.strip_prefix("vt").unwrap_or("");
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        Family::Dec
    } else if matches!(base, "ansi" | "pcansi" | "cons25") {
        Family::Ansi
    } else if base == "linux" {
        Family::Linux
    } else {
        Family::Modern
    }
}

/// True when the locale's character set, read as POSIX does, is UTF-8.
pub(crate) fn locale_is_utf8(env: &Env) -> bool {
    let set = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
    let Some(locale) = set(&env.lc_all)
        .or_else(|| set(&env.lc_ctype))
        .or_else(|| set(&env.lang))
    else {
        return false;
    };
    // `C.UTF-8`, `en_US.utf8`, `zh_CN.UTF-8@pinyin`: the code set is after the dot.
    let codeset = locale.split_once('.').map_or("", |(_, rest)| rest);
    let codeset = codeset.split('@').next().unwrap_or("");
    let folded: String = codeset
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    folded == "utf8"
}

/// What the terminal `env` describes can do; `Err` when it cannot move the cursor.
pub(crate) fn terminal(env: &Env) -> Result<Terminal, Dumb> {
    let term = env.term.as_deref().unwrap_or("");
    if term.is_empty() || term == "dumb" {
        return Err(Dumb {
            term: env.term.clone().filter(|t| !t.is_empty()),
        });
    }
    let family = family(term);
    let modern = family == Family::Modern;
    let no_color = env.no_color.as_deref().is_some_and(|v| !v.is_empty());
    let mono = family == Family::Dec || term.ends_with("-mono");
    let colorterm = env.colorterm.as_deref().unwrap_or("");
    Ok(Terminal {
        unicode: modern && locale_is_utf8(env),
        alt_screen: modern,
        mouse: modern,
        color: !no_color && !mono,
        true_color: !no_color && !mono && matches!(colorterm, "truecolor" | "24bit"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(term: Option<&str>, lang: Option<&str>) -> Env {
        Env {
            term: term.map(str::to_string),
            lang: lang.map(str::to_string),
            ..Env::default()
        }
    }

    #[test]
    fn dumb_or_no_term_is_refused_with_the_reason() {
        let refused = |term: Option<&str>| terminal(&env(term, Some("C.UTF-8"))).unwrap_err();
        assert_eq!(
            refused(Some("dumb")).to_string(),
            "the interface needs a terminal that can move the cursor (TERM=dumb); \
             `juan list` and `juan show` work anywhere"
        );
        assert_eq!(refused(None), Dumb { term: None });
        assert_eq!(refused(Some("")), Dumb { term: None });
        assert!(refused(None).to_string().contains("(TERM is not set)"));
        assert!(terminal(&env(Some("dumb-emacs-ansi"), None)).is_ok());
    }

    #[test]
    fn each_family_gets_what_terminfo_says_it_has() {
        let utf8 = Some("zh_CN.UTF-8");
        let caps = |term: &str| terminal(&env(Some(term), utf8)).unwrap();
        let all = Terminal {
            unicode: true,
            alt_screen: true,
            mouse: true,
            color: true,
            true_color: false,
        };
        for term in [
            "xterm-256color",
            "screen",
            "tmux-256color",
            "rxvt-unicode",
            "xterm-kitty",
        ] {
            assert_eq!(caps(term), all, "{term}");
        }
        let plain = Terminal {
            unicode: false,
            alt_screen: false,
            mouse: false,
            color: false,
            true_color: false,
        };
        for term in ["vt100", "vt102", "vt220", "vt52", "vt100-am", "vt220-8bit"] {
            assert_eq!(caps(term), plain, "{term}");
        }
        let coloured = Terminal {
            color: true,
            ..plain
        };
        assert_eq!(caps("linux"), coloured);
        assert_eq!(caps("linux-16color"), coloured);
        assert_eq!(caps("ansi"), coloured);
        assert!(caps("vtnt").alt_screen, "vtnt is no DEC terminal");
        assert!(!caps("xterm-mono").color);
    }

    #[test]
    fn unicode_needs_a_utf8_locale_read_as_posix_does() {
        let utf8 = |lc_all: Option<&str>, lc_ctype: Option<&str>, lang: Option<&str>| {
            let e = Env {
                lc_all: lc_all.map(str::to_string),
                lc_ctype: lc_ctype.map(str::to_string),
                lang: lang.map(str::to_string),
                ..Env::default()
            };
            locale_is_utf8(&e)
        };
        assert!(utf8(None, None, Some("C.UTF-8")));
        assert!(utf8(None, None, Some("en_US.utf8")));
        assert!(utf8(None, None, Some("zh_CN.UTF-8@pinyin")));
        assert!(!utf8(None, None, None), "no locale is the C locale");
        assert!(!utf8(None, None, Some("C")));
        assert!(!utf8(None, None, Some("POSIX")));
        assert!(!utf8(None, None, Some("zh_CN.GB18030")));
        assert!(!utf8(None, None, Some("en_US.ISO-8859-1")));
        assert!(!utf8(None, None, Some("utf8")), "a code set follows a dot");
        // LC_ALL wins over LC_CTYPE, which wins over LANG; empty means unset.
        assert!(!utf8(Some("C"), Some("C.UTF-8"), Some("C.UTF-8")));
        assert!(utf8(Some(""), Some("C.UTF-8"), Some("C")));
        assert!(!utf8(None, Some("zh_CN.GBK"), Some("C.UTF-8")));
        assert!(utf8(None, Some(""), Some("C.UTF-8")));
        let xterm = |lang| terminal(&env(Some("xterm"), lang)).unwrap().unicode;
        assert!(xterm(Some("C.UTF-8")));
        assert!(!xterm(Some("C")));
    }

    #[test]
    fn no_color_and_colorterm() {
        let with = |no_color: Option<&str>, colorterm: Option<&str>| {
            let e = Env {
                term: Some("xterm-256color".into()),
                no_color: no_color.map(str::to_string),
                colorterm: colorterm.map(str::to_string),
                ..Env::default()
            };
            let t = terminal(&e).unwrap();
            (t.color, t.true_color)
        };
        assert_eq!(with(None, None), (true, false));
        assert_eq!(with(Some("1"), None), (false, false));
        assert_eq!(
            with(Some(""), None),
            (true, false),
            "an empty NO_COLOR is unset"
        );
        assert_eq!(with(None, Some("truecolor")), (true, true));
        assert_eq!(with(None, Some("24bit")), (true, true));
        assert_eq!(with(None, Some("yes")), (true, false));
        assert_eq!(with(Some("1"), Some("truecolor")), (false, false));
    }
}
