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
    /// The raw forms that, found in a literal outside its escapes, are a match: the term,
    /// and the forms news archives write it in (upper-case and full-width Latin).
    finders: Vec<memchr::memmem::Finder<'static>>,
    /// The term `\u`-escaped, in lower- and upper-case hex, as Python's `json.dumps` writes
    /// non-ASCII text: found in a literal with no escaped backslash, a match.
    escaped: Vec<memchr::memmem::Finder<'static>>,
    /// For a plain term with a Han char: that char's place in the term and every raw char
    /// that folds to it (its 繁简 class), as UTF-8 finders ([`Probe::first_shown`]).
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
    /// The term is there, at these bytes of the literal.
    Match(std::ops::Range<usize>),
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
        let mut forms = vec![needle.to_string()];
        if plain {
            // Folded Latin is lower case; news writes NBA, PM2.5, CCTV, and in Chinese text
            // often full-width: ＮＢＡ, ２０２０年.
            if needle.bytes().any(|b| b.is_ascii_lowercase()) {
                forms.push(needle.to_ascii_uppercase());
            }
            if needle.bytes().any(|b| b.is_ascii_graphic()) {
                let wide: Vec<String> = forms.iter().map(|f| full_width(f)).collect();
                forms.extend(wide);
            }
        }
        // Each raw form, found, is a match only because it folds as the term does.
        debug_assert!(
            forms
                .iter()
                .all(|f| crate::query::fold(f) == crate::query::fold(needle))
        );
        let mut escaped_forms = Vec::new();
        if plain && !needle.is_ascii() && needle.chars().all(|c| c as u32 <= 0xFFFF) {
            escaped_forms.extend([escaped(needle, false), escaped(needle, true)]);
        }
        let finders_of = |forms: Vec<String>| {
            forms
                .into_iter()
                .filter(|_| plain)
                .map(|form| memchr::memmem::Finder::new(form.as_bytes()).into_owned())
                .collect()
        };
        Probe {
            text: needle.to_string(),
            anchor: plain.then(|| Anchor::of(needle)).flatten(),
            plain,
            finders: finders_of(forms),
            escaped: finders_of(escaped_forms),
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

    /// True when the first `prefix` bytes of a body's literal (after its opening quote)
    /// already show a match as [`Probe::raw_answer`] takes one: the bytes up to a match's end
    /// are all it reads, so a long body's hit needs no more of it read.
    pub(crate) fn shown_in_prefix(&self, prefix: &[u8]) -> bool {
        self.plain
            && self
                .first_shown(prefix)
                .0
                .is_some_and(|end| Escapes::of(&prefix[..end]).is_some())
    }

    /// The answer the literal gives without decoding, when it gives one.
    ///
    /// - A match the literal shows as it is — one of the term's raw forms, or the term around
    ///   a raw form of its anchor char ([`Anchor`]), starting outside every escape — is a
    ///   match when no C1 control and no `\u00…` escape comes before its end (an escape
    ///   sequence, which cleaning cuts out whole, could hold it): a hit is read no further
    ///   than its first match.
    /// - Otherwise the whole literal's escapes are read. With escapes other than `\n`: a match
    ///   when a `\u`-escaped form shows (and no backslash is escaped), else unknown. With
    ///   only `\n` (paragraph breaks, which a term without whitespace cannot span): no match
    ///   when every place of the anchor was surely none, else the literal folded whole if
    ///   cleaning leaves it as it is.
    ///
    /// The literal is not checked to be UTF-8 first (that was a pass over every candidate):
    /// the anchor's neighbours are decoded one by one, a bad byte among them leaving the
    /// answer to decoding; only a literal folded whole is checked.
    fn raw_answer(&self, literal: &[u8]) -> Option<bool> {
        if !self.plain {
            return None;
        }
        let (shown, sure) = self.first_shown(literal);
        if let Some(end) = shown {
            return Escapes::of(&literal[..end]).map(|_| true);
        }
        let escapes = Escapes::of(literal)?;
        if !escapes.only_breaks {
            return (!escapes.backslash && self.escaped.iter().any(|f| f.find(literal).is_some()))
                .then_some(true);
        }
        if self.anchor.is_some() && sure {
            return Some(false);
        }
        let text = simdutf8::basic::from_utf8(literal).ok()?;
        if !crate::sanitize::needs_no_cleaning(text) {
            return None;
        }
        // Its only escapes are `\n`: each is a paragraph break in the text.
        let mut folded = String::with_capacity(text.len());
        for (k, paragraph) in text.split("\\n").enumerate() {
            if k > 0 {
                folded.push('\n');
            }
            crate::query::fold_into(paragraph, &mut folded);
        }
        Some(folded.contains(&self.text))
    }

    /// Where the first match the literal shows as it is ends ([`Probe::raw_answer`]), and
    /// whether every other place of the anchor was surely no match (false when a char
    /// cleaning may drop, or a byte that is not UTF-8, lay where the term would be). A match
    /// that starts inside an escape is none: a form has no backslash, so it can only meet an
    /// escape by starting inside one (`u` in `\u6539`, `nba` in `\nba`).
    fn first_shown(&self, literal: &[u8]) -> (Option<usize>, bool) {
        let mut sure = true;
        if let Some(anchor) = &self.anchor {
            for finder in &anchor.forms {
                for at in finder.find_iter(literal) {
                    match anchor.attempt(literal, at, finder.needle().len()) {
                        Attempt::Match(span) if !inside_an_escape(literal, span.start) => {
                            return (Some(span.end), sure);
                        }
                        Attempt::Match(_) | Attempt::Miss => {}
                        Attempt::Unsure => sure = false,
                    }
                }
            }
        }
        if self.anchor.is_some() {
            // Every raw form holds the anchor char, so the places above included its every
            // match: a second search would find none of its own.
            return (None, sure);
        }
        let form = self.finders.iter().find_map(|f| {
            f.find_iter(literal)
                .find(|&at| !inside_an_escape(literal, at))
                .map(|at| at + f.needle().len())
        });
        (form, sure)
    }
}

/// What a literal escapes, read in one pass.
struct Escapes {
    /// No escape but `\n`.
    only_breaks: bool,
    /// An escaped backslash (`\\`): `\u…` after it is text, not an escape.
    backslash: bool,
}

impl Escapes {
    /// The escapes of `literal`, read in the same pass that looks for C1 controls (UTF-8
    /// `C2 80`–`C2 9F`); `None` when it holds one, or escapes a Latin-1 or control char
    /// (`\u00…`): an escape sequence cleaning cuts out whole may lie there, so only decoding
    /// can answer.
    fn of(literal: &[u8]) -> Option<Escapes> {
        let mut escapes = Escapes {
            only_breaks: true,
            backslash: false,
        };
        let mut from = 0;
        while let Some(k) = memchr::memchr2(b'\\', 0xC2, &literal[from..]) {
            let at = from + k;
            let next = literal.get(at + 1);
            if literal[at] == 0xC2 {
                if matches!(next, Some(0x80..=0x9F)) {
                    return None;
                }
                from = at + 1;
                continue;
            }
            match next {
                Some(b'n') => {}
                Some(b'u') if literal[at + 2..].starts_with(b"00") => return None,
                Some(b'u') => escapes.only_breaks = false,
                Some(b'\\') => {
                    escapes.only_breaks = false;
                    escapes.backslash = true;
                }
                _ => escapes.only_breaks = false,
            }
            from = (at + 2).min(literal.len());
        }
        Some(escapes)
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

    /// Whether the term lies around the anchor's form found at byte `at` (`len` bytes) of
    /// `literal`, its neighbours decoded one by one (a byte that is no UTF-8 char: unsure).
    fn attempt(&self, literal: &[u8], at: usize, len: usize) -> Attempt {
        let span = || -> Result<std::ops::Range<usize>, Attempt> {
            let mut start = at;
            for &want in self.chars[..self.at].iter().rev() {
                start = take(char_before(literal, start), want)?;
            }
            let mut end = at + len;
            for &want in &self.chars[self.at + 1..] {
                end = take(char_after(literal, end), want)?;
            }
            Ok(start..end)
        };
        span().map_or_else(|attempt| attempt, Attempt::Match)
    }
}

/// True when byte `at` of a JSON string literal lies inside an escape, after its backslash.
/// An escape is at most 6 bytes (`\uXXXX`) and holds no backslash after its first, so only the
/// nearest backslash of the 5 bytes before `at` can begin one that covers it; it begins one
/// when an even number of backslashes come right before it (else it is the second of `\\`).
fn inside_an_escape(literal: &[u8], at: usize) -> bool {
    let from = at.saturating_sub(5);
    let Some(k) = memchr::memrchr(b'\\', &literal[from..at]) else {
        return false;
    };
    let slash = from + k;
    let before = literal[..slash]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    let len = if literal.get(slash + 1) == Some(&b'u') {
        6
    } else {
        2
    };
    before % 2 == 0 && at < slash + len
}

/// Bytes that are not a UTF-8 char where one was looked for.
struct NotUtf8;

/// The char of `bytes` that ends at byte `end`, with where it starts; `None` at the start.
fn char_before(bytes: &[u8], end: usize) -> Result<Option<(char, usize)>, NotUtf8> {
    if end == 0 {
        return Ok(None);
    }
    let mut start = end - 1;
    while start > 0 && end - start < 4 && (bytes[start] as i8) < -0x40 {
        start -= 1;
    }
    one_char(&bytes[start..end]).map(|c| Some((c, start)))
}

/// The char of `bytes` that starts at byte `start`, with where it ends; `None` at the end.
fn char_after(bytes: &[u8], start: usize) -> Result<Option<(char, usize)>, NotUtf8> {
    let Some(&lead) = bytes.get(start) else {
        return Ok(None);
    };
    let width = match lead {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    };
    let char_bytes = bytes.get(start..start + width).ok_or(NotUtf8)?;
    one_char(char_bytes).map(|c| Some((c, start + width)))
}

/// The one char `bytes` encode, exactly.
fn one_char(bytes: &[u8]) -> Result<char, NotUtf8> {
    let text = std::str::from_utf8(bytes).map_err(|_| NotUtf8)?;
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(NotUtf8),
    }
}

/// Where the raw char `next` (with its far end: where it starts, walking back, or ends) ends
/// when it is `want` once folded; else what that makes of the attempt: a miss, or unsure when
/// it is a char cleaning drops (the term may lie across it) or bytes that are no char.
fn take(next: Result<Option<(char, usize)>, NotUtf8>, want: char) -> Result<usize, Attempt> {
    match next {
        Ok(Some((c, far))) if crate::query::fold_char(c) == want => Ok(far),
        Ok(Some((c, _))) if !crate::sanitize::is_plain(c) => Err(Attempt::Unsure),
        Err(NotUtf8) => Err(Attempt::Unsure),
        _ => Err(Attempt::Miss),
    }
}

/// CJK Unified Ideographs (with extension A), compatibility ideographs and the extensions
/// beyond the BMP: the chars whose 繁简 class [`crate::query::class_of`] knows whole.
fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

/// `form` with every printable ASCII char written in its full-width form (`Ｎ` for `N`).
fn full_width(form: &str) -> String {
    form.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
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
        let anchored = |text: &str, needle: &str| plain_holds(text.as_bytes(), needle);
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
        // A C1 control before the match (an escape sequence cut out whole): unsure; after
        // it, no matter.
        assert_eq!(anchored("\u{9b}31m改革开放", "改革开放"), None);
        assert_eq!(anchored("改革开放\u{9b}31m", "改革开放"), Some(true));
        assert_eq!(anchored(r"\u001b改革开放", "改革开放"), None);
        assert_eq!(anchored(r"改革开放\u001b", "改革开放"), Some(true));
        // The anchor's neighbours from inside an escape are no match.
        assert_eq!(anchored(r"\u6539放", "9放"), None);
        assert_eq!(anchored(r"x\u6539放", "9放"), None);
        assert_eq!(anchored(r"\u65399放", "9放"), Some(true));
        assert_eq!(anchored("x9放", "9放"), Some(true));
    }

    #[test]
    fn a_form_inside_an_escape_is_no_match() {
        assert_eq!(plain_holds(br"\u6539", "u"), None);
        assert_eq!(plain_holds(br"\u6539", "6539"), None);
        assert_eq!(plain_holds(br"x\nba", "nba"), Some(false));
        assert_eq!(plain_holds(br"\\nba", "nba"), Some(true));
        assert!(surely_holds(br"\u6539nba", "nba"));
        assert!(surely_holds(br"\nnba", "nba"));
        assert!(inside_an_escape(br"\u6539", 1));
        assert!(inside_an_escape(br"\u6539", 5));
        assert!(!inside_an_escape(br"\u6539", 6));
        assert!(!inside_an_escape(br"\\u6539", 2));
        assert!(inside_an_escape(br"\\\u6539", 3));
    }

    #[test]
    fn full_width_latin_is_a_raw_form() {
        assert_eq!(plain_holds("受ＮＢＡ有".as_bytes(), "nba"), Some(true));
        assert_eq!(plain_holds("受ｎｂａ有".as_bytes(), "nba"), Some(true));
        assert_eq!(
            plain_holds("ＰＭ２．５浓度".as_bytes(), "pm2.5"),
            Some(true)
        );
        assert_eq!(plain_holds("２０２０年".as_bytes(), "2020年"), Some(true));
        // Mixed widths are no raw form: the literal is folded whole.
        assert_eq!(plain_holds("ＮBA".as_bytes(), "nba"), Some(true));
        assert_eq!(plain_holds("ＮＢ".as_bytes(), "nba"), Some(false));
    }

    #[test]
    fn bytes_that_are_no_utf8_beside_the_anchor_leave_it_to_decoding() {
        let probe = Probe::new("改革开放");
        let mut literal = "改革".as_bytes().to_vec();
        literal.extend_from_slice(&[0xE5, 0xBC]); // 开 cut short
        literal.extend_from_slice("放".as_bytes());
        assert_eq!(probe.raw_answer(&literal), None);
        // Far from every place of the anchor, they change nothing the anchor sees.
        let mut far = vec![0xFF, 0xC3];
        far.extend_from_slice("，改革开放".as_bytes());
        assert_eq!(probe.raw_answer(&far), Some(true));
        // The anchor's bytes met inside other chars' bytes: nothing there is a match.
        for cut in 0..literal.len() {
            let _ = probe.raw_answer(&literal[cut..]);
            let _ = probe.raw_answer(&literal[..cut]);
        }
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
            '改', '革', '开', '開', '放', '国', '國', '旗', '，', 'a', 'A', 'Ａ', 'ａ', 'u', 'n',
            '0', '０', '.', '．', '\n', '\u{200b}', '\u{9b}', '\u{1b}', ' ', '\\', '"',
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

        /// What the probe of `needle` (folded here) says of `text` written as a literal with
        /// the escapes `escape` asks for, and whether the decoded, cleaned, folded text holds
        /// it.
        fn probe_and_folding(text: &str, escape: &[bool], needle: &str) -> (bool, bool) {
            let needle = crate::query::fold(needle);
            let literal = literal_of(text, escape);
            let clean = crate::sanitize::clean(text);
            let want = crate::query::fold(&clean).contains(&needle);
            let probe = Probe::new(&needle);
            let got = probe.holds(Some(literal.as_bytes()), || clean.clone());
            // A match shown in any first bytes of the literal is one in the whole body.
            for cut in 0..=literal.len() {
                if probe.shown_in_prefix(&literal.as_bytes()[..cut]) {
                    let shown = String::from_utf8_lossy(&literal.as_bytes()[..cut]);
                    assert!(want, "{needle:?} shown in {shown:?}");
                }
            }
            (got, want)
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
                let (got, want) = probe_and_folding(&text, &escape, &needle);
                prop_assert_eq!(got, want);
            }

            /// The same for a term that need not be in the text at all.
            #[test]
            fn the_probe_agrees_for_any_term(
                text in proptest::collection::vec(proptest::sample::select(ALPHABET), 0..40),
                escape in proptest::collection::vec(any::<bool>(), 40),
                needle in proptest::collection::vec(proptest::sample::select(ALPHABET), 1..4),
            ) {
                let text: String = text.into_iter().collect();
                let needle: String = needle.into_iter().collect();
                let (got, want) = probe_and_folding(&text, &escape, &needle);
                prop_assert_eq!(got, want);
            }

            /// Bytes that are not UTF-8 (an archive changed on disk) give an answer, never a
            /// panic.
            #[test]
            fn any_bytes_give_an_answer(
                bytes in proptest::collection::vec(
                    prop_oneof![any::<u8>(), Just(0xE6), Just(0x94), Just(0xB9), Just(b'\\')],
                    0..40,
                ),
            ) {
                for needle in ["改革", "nba", "2020年", "改"] {
                    let _ = Probe::new(needle).holds(Some(&bytes), String::new);
                }
            }
        }
    }
}
