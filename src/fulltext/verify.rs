//! Verifying a candidate quickly: a lazy body is a JSON string literal in the archive's
//! bytes, and when the literal shows the term as it is — in UTF-8, or `\u`-escaped as
//! Python's `json.dumps` writes it — the decoded, cleaned and folded body holds it too, with
//! no decoding at all. Only when that look fails is the body decoded (by the caller).

/// A folded term prepared once per query for verifying candidates: whether it is plain
/// enough for the raw looks, and the forms news archives write it in (upper-case Latin, `\u`
/// escapes in lower- and upper-case hex), so each candidate costs searches and no allocation.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    /// The folded term.
    text: String,
    /// Printable, no whitespace, quote or backslash: cleaning cannot reach into a match.
    plain: bool,
    /// The raw forms that, found in a literal, are a match: the term, and the forms news
    /// archives write it in (upper-case Latin, `\u` escapes in lower- and upper-case hex).
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// For a plain term with a Han char: that char's place in the term and every raw char
    /// that folds to it (its 繁简 class), as UTF-8 finders ([`Probe::anchored_answer`]).
    anchor: Option<Anchor>,
}

/// A char of the term whose raw forms are searched for instead of folding a whole body.
#[derive(Debug, Clone)]
struct Anchor {
    /// The term's chars, folded.
    chars: Vec<char>,
    /// Which of them is searched for.
    at: usize,
    /// Every char that folds to it, encoded.
    forms: Vec<memchr::memmem::Finder<'static>>,
}

/// What one place of the anchor in a body says.
enum Attempt {
    /// The term is there.
    Match,
    /// Not here: every char compared is one cleaning keeps.
    Miss,
    /// A char cleaning may drop lies where the term would be: decode to know.
    Unsure,
}

/// Very common Chinese chars, poor anchors (they occur in most bodies, many times).
const COMMON: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严";

impl Probe {
    /// The probe of the folded `needle`.
    pub(crate) fn new(needle: &str) -> Probe {
        let plain = !needle.is_empty()
            && needle.chars().all(|c| {
                crate::sanitize::is_plain(c) && !c.is_whitespace() && c != '\\' && c != '"'
            });
        let mut forms = Vec::new();
        if plain {
            // Folded Latin is lower case; news writes NBA, PM2.5, CCTV.
            if needle.bytes().any(|b| b.is_ascii_lowercase()) {
                forms.push(needle.to_ascii_uppercase());
            }
            if !needle.is_ascii() && needle.chars().all(|c| c as u32 <= 0xFFFF) {
                forms.extend([escaped(needle, false), escaped(needle, true)]);
            }
        }
        let finders = std::iter::once(needle.to_string())
            .chain(forms)
            .filter(|_| plain)
            .map(|form| memchr::memmem::Finder::new(form.as_bytes()).into_owned())
            .collect();
        Probe {
            text: needle.to_string(),
            anchor: plain.then(|| Anchor::of(needle)).flatten(),
            plain,
            finders,
        }
    }

    /// The folded term.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// Whether a body holds the term once decoded, cleaned and folded: `literal` is the
    /// body's JSON string literal as it lies in the archive, when it does, and `decode` gives
    /// the body's text when looking at the literal cannot answer.
    pub(crate) fn holds(&self, literal: Option<&[u8]>, decode: impl FnOnce() -> String) -> bool {
        if let Some(literal) = literal.filter(|_| self.plain)
            && let Some(answer) = self.raw_answer(literal)
        {
            return answer;
        }
        crate::query::fold(&decode()).contains(&self.text)
    }

    /// The answer the literal gives without decoding, when it gives one: one pass over its
    /// escapes and one over its C1 controls (an escape sequence cleaning cuts out whole could
    /// hide or make a match: decode), then —
    /// - a literal whose only escapes are `\n` (paragraph breaks, which a term without
    ///   whitespace cannot span): the term's anchor searched for ([`Probe::anchored_answer`]),
    ///   else its raw forms, else the literal folded whole if cleaning leaves it as it is;
    /// - one with other escapes: a match when a raw form shows, `\u`-escaped ones included,
    ///   unless it escapes a Latin-1 or control char (`\u00…`) or a backslash.
    fn raw_answer(&self, literal: &[u8]) -> Option<bool> {
        if !self.plain {
            return None;
        }
        let escapes = Escapes::of(literal);
        if escapes.latin1
            || memchr::memchr_iter(0xC2, literal)
                .any(|i| matches!(literal.get(i + 1), Some(0x80..=0x9F)))
        {
            return None;
        }
        if !escapes.only_breaks {
            return (!escapes.backslash && self.shows_a_form(literal)).then_some(true);
        }
        // A raw form shown is a match whatever the rest of the bytes are: without a Han char to
        // anchor on (Latin terms), look for one before reading the literal as text.
        if self.anchor.is_none() && self.shows_a_form(literal) {
            return Some(true);
        }
        let text = simdutf8::basic::from_utf8(literal).ok()?;
        if let Some(answer) = self.anchored_answer(text) {
            return Some(answer);
        }
        if self.anchor.is_some() && self.shows_a_form(literal) {
            return Some(true);
        }
        if !crate::sanitize::needs_no_cleaning(text) {
            return None;
        }
        let mut folded = String::with_capacity(text.len());
        crate::query::fold_into(text, &mut folded);
        Some(folded.contains(&self.text))
    }

    /// True when the literal shows the term in one of its raw forms.
    fn shows_a_form(&self, literal: &[u8]) -> bool {
        self.finders.iter().any(|f| f.find(literal).is_some())
    }

    /// Whether a plain literal's `text` (only `\n` escapes, no C1 control) holds the term,
    /// found by searching for the raw forms of one Han char of the term and comparing the
    /// chars around each place it occurs, folded one by one: no body is folded whole, and a
    /// body without the char is read no further than a search. `None` when a char cleaning
    /// may drop lies where the term would be, or the term has no Han char.
    fn anchored_answer(&self, text: &str) -> Option<bool> {
        let anchor = self.anchor.as_ref()?;
        let mut sure = true;
        for finder in &anchor.forms {
            for at in finder.find_iter(text.as_bytes()) {
                match anchor.attempt(text, at, finder.needle().len()) {
                    Attempt::Match => return Some(true),
                    Attempt::Miss => {}
                    Attempt::Unsure => sure = false,
                }
            }
        }
        sure.then_some(false)
    }
}

/// What a literal escapes, read in one pass.
struct Escapes {
    /// No escape but `\n`.
    only_breaks: bool,
    /// A `\u00…` escape: a control or Latin-1 char.
    latin1: bool,
    /// An escaped backslash (`\\`): `\u…` after it is text, not an escape.
    backslash: bool,
}

impl Escapes {
    fn of(literal: &[u8]) -> Escapes {
        let mut escapes = Escapes {
            only_breaks: true,
            latin1: false,
            backslash: false,
        };
        let mut from = 0;
        while let Some(k) = memchr::memchr(b'\\', &literal[from..]) {
            let at = from + k;
            match literal.get(at + 1) {
                Some(b'n') => {}
                Some(b'u') => {
                    escapes.only_breaks = false;
                    escapes.latin1 |= literal[at + 2..].starts_with(b"00");
                }
                Some(b'\\') => {
                    escapes.only_breaks = false;
                    escapes.backslash = true;
                }
                _ => escapes.only_breaks = false,
            }
            from = at + 2;
        }
        escapes
    }
}

impl Anchor {
    /// The anchor of a plain folded term: its first Han char that is not very common, else
    /// its first Han char; none when it has no Han char.
    fn of(needle: &str) -> Option<Anchor> {
        let chars: Vec<char> = needle.chars().collect();
        let han = |c: &char| crate::query::fold_char(*c) == *c && is_han(*c);
        let at = chars
            .iter()
            .position(|c| han(c) && !COMMON.contains(*c))
            .or_else(|| chars.iter().position(han))?;
        let mut forms: Vec<char> = crate::query::class_of(chars[at]).collect();
        forms.sort_unstable();
        forms.dedup();
        let forms = forms
            .into_iter()
            .map(|c| {
                memchr::memmem::Finder::new(c.encode_utf8(&mut [0; 4]).as_bytes()).into_owned()
            })
            .collect();
        Some(Anchor { chars, at, forms })
    }

    /// Whether the term lies around the anchor's form found at byte `at` (`len` bytes).
    fn attempt(&self, text: &str, at: usize, len: usize) -> Attempt {
        let mut before = text[..at].chars().rev();
        for &want in self.chars[..self.at].iter().rev() {
            match compare(before.next(), want) {
                Attempt::Match => {}
                other => return other,
            }
        }
        let mut after = text[at + len..].chars();
        for &want in &self.chars[self.at + 1..] {
            match compare(after.next(), want) {
                Attempt::Match => {}
                other => return other,
            }
        }
        Attempt::Match
    }
}

/// One raw char against one folded char of the term.
fn compare(raw: Option<char>, want: char) -> Attempt {
    match raw {
        Some(c) if crate::query::fold_char(c) == want => Attempt::Match,
        Some(c) if !crate::sanitize::is_plain(c) => Attempt::Unsure,
        _ => Attempt::Miss,
    }
}

/// CJK Unified Ideographs (with extension A), compatibility ideographs and the extensions
/// beyond the BMP: the chars whose 繁简 class [`crate::query::class_of`] knows whole.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// `needle` with every non-ASCII char written `\uXXXX`, in lower- or upper-case hex.
fn escaped(needle: &str, upper: bool) -> String {
    let mut out = String::with_capacity(needle.len() * 2);
    for c in needle.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if upper {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push_str(&format!("\\u{:04x}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surely_holds(literal: &[u8], needle: &str) -> bool {
        Probe::new(needle).raw_answer(literal) == Some(true)
    }

    fn plain_holds(literal: &[u8], needle: &str) -> Option<bool> {
        Probe::new(needle).raw_answer(literal)
    }

    #[test]
    fn a_literal_showing_the_term_is_sure() {
        assert!(surely_holds("改革开放四十年".as_bytes(), "开放"));
        assert!(surely_holds(br"\u6539\u9769\u5f00\u653e", "开放"));
        assert!(surely_holds(br"\u6539\u9769\u5F00\u653E", "开放"));
        assert!(surely_holds(br"NASA\n\u53d1\u5c04", "NASA"));
        assert!(surely_holds(br"NASA\n\u53d1\u5c04", "nasa"));
    }

    #[test]
    fn plain_literals_are_answered_without_decoding() {
        assert_eq!(plain_holds(r"升國旗\n儀式".as_bytes(), "国旗"), Some(true));
        assert_eq!(plain_holds(r"改革\n开放".as_bytes(), "革开"), Some(false));
        assert_eq!(plain_holds("ＮＡＳＡ".as_bytes(), "nasa"), Some(true));
        // An escaped form shows the term; an escaped backslash makes `\u` text.
        assert_eq!(plain_holds(r"\u56fd\u65d7".as_bytes(), "国旗"), Some(true));
        assert_eq!(plain_holds(r"\\u56fd\u65d7".as_bytes(), "国旗"), None);
        // An escape other than \n that shows no form, an invisible char, a needle with a
        // space: decode.
        assert_eq!(plain_holds(r"\u56fd\u65e5".as_bytes(), "国旗"), None);
        assert_eq!(plain_holds("国\u{200b}旗".as_bytes(), "国旗"), None);
        assert_eq!(plain_holds("a b".as_bytes(), "a b"), None);
    }

    #[test]
    fn anchored_answers_fold_only_around_the_anchor() {
        let anchored = |text: &str, needle: &str| Probe::new(needle).anchored_answer(text);
        // Traditional forms around the anchor, and the anchor in its traditional form.
        assert_eq!(anchored("今年改革開放四十年", "改革开放"), Some(true));
        assert_eq!(anchored("升國旗儀式", "国旗"), Some(true));
        // Every place of the anchor looked at; the term split by an escaped paragraph break.
        assert_eq!(
            anchored(r"开会，开放\n改革，改革\n开放", "改革开放"),
            Some(false)
        );
        assert_eq!(anchored("没有那个字", "改革开放"), Some(false));
        // Full-width Latin beside the anchor.
        assert_eq!(anchored("ＮＡＳＡ发射", "nasa发射"), Some(true));
        // A char cleaning drops inside the term: unsure; far from it: no matter.
        assert_eq!(anchored("改革\u{200b}开放", "改革开放"), None);
        assert_eq!(anchored("\u{200b}改革，开放", "改革开放"), Some(false));
        // A C1 control anywhere (an escape sequence cut out whole): unsure.
        assert_eq!(
            Probe::new("改革开放").raw_answer("\u{9b}31m改革开放".as_bytes()),
            None
        );
        // No Han char to anchor on: not answered this way.
        assert_eq!(anchored("NASA", "nasa"), None);
    }

    #[test]
    fn anything_cleaning_might_change_is_left_to_decoding() {
        // Not shown; a space; a control escaped (an escape sequence may be cut out whole);
        // a C1 control; an empty needle.
        assert!(!surely_holds("改革".as_bytes(), "开放"));
        assert!(!surely_holds("a b".as_bytes(), "a b"));
        assert!(!surely_holds(br"\u001b]8;;\u5f00\u653e", "开放"));
        assert!(!surely_holds("\u{9b}开放".as_bytes(), "开放"));
        assert!(!surely_holds(b"x", ""));
    }

    mod property {
        use super::*;
        use proptest::prelude::*;

        /// Chars that fold together, cleaning drops, or break paragraphs.
        const ALPHABET: &[char] = &[
            '改', '革', '开', '開', '放', '国', '國', '旗', '，', 'a', 'A', 'Ａ', 'u', '0', '\n',
            '\u{200b}', '\u{9b}', '\u{1b}', ' ', '\\', '"',
        ];

        /// `text` as a JSON string literal's inside, each char escaped `\uXXXX` where
        /// `escape` says (as Python's `json.dumps` writes non-ASCII), else as JSON must.
        fn literal_of(text: &str, escape: &[bool]) -> String {
            let mut out = String::new();
            for (k, c) in text.chars().enumerate() {
                match c {
                    '\n' => out.push_str("\\n"),
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    c if (c as u32) < 0x20 || escape.get(k) == Some(&true) => {
                        out.push_str(&format!("\\u{:04x}", c as u32));
                    }
                    c => out.push(c),
                }
            }
            out
        }

        proptest! {
            /// Whatever the literal, the probe agrees with decoding, cleaning and folding the
            /// whole body.
            #[test]
            fn the_probe_agrees_with_folding_the_whole_body(
                text in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40),
                escape in proptest::collection::vec(any::<bool>(), 40),
                start in 0usize..40,
                len in 1usize..5,
            ) {
                let text: String = text.into_iter().collect();
                let chars: Vec<char> = text.chars().collect();
                let start = start.min(chars.len().saturating_sub(1));
                let needle: String = if chars.is_empty() {
                    "改革".into()
                } else {
                    chars[start..(start + len).min(chars.len())].iter().collect()
                };
                let needle = crate::query::fold(&needle);
                let literal = literal_of(&text, &escape);
                let clean = crate::sanitize::clean(&text);
                let want = crate::query::fold(&clean).contains(&needle);
                let probe = Probe::new(&needle);
                prop_assert_eq!(probe.holds(Some(literal.as_bytes()), || clean.clone()), want);
            }
        }
    }
}
