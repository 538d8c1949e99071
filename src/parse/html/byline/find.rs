//! Dates in running text: the `2019年10月01日 08:30` or `2019-10-01 08:30:00` of a byline,
//! found by position so that the text around them (`来源：…`) does not matter. What is found
//! is read by `crate::date::Date::from_text`; this only finds where a date is.

/// The first date in `text` as a byte range: `2019年10月1日` or `2019-10-01` (`/` and `.`
/// too), with a time after it when there is one (`08:30`, `08:30:00`, `8时30分`).
pub(crate) fn find_date(text: &str) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()))
        .find_map(|i| date_at(text, i).map(|end| (i, end)))
}

/// Where a date starting at byte `start` ends, if one does.
fn date_at(text: &str, start: usize) -> Option<usize> {
    let mut s = Scanner { text, at: start };
    let year = s.number(4, 4)?;
    if !(1990..=2100).contains(&year) {
        return None;
    }
    let chinese = s.eat("年");
    let sep = if chinese {
        None
    } else {
        Some(['-', '/', '.'].into_iter().find(|c| s.eat_char(*c))?)
    };
    let month = s.number(1, 2)?;
    if !(1..=12).contains(&month) {
        return None;
    }
    let ok = match sep {
        None => s.eat("月"),
        Some(c) => s.eat_char(c),
    };
    if !ok {
        return None;
    }
    let day = s.number(1, 2)?;
    if !(1..=31).contains(&day) {
        return None;
    }
    let day_mark = chinese && (s.eat("日") || s.eat("号"));
    // `2019-10-0123` is not a date; `2019年10月01日08:30` is one with its time.
    if !day_mark && s.peek().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let date_end = s.at;
    s.skip_spaces();
    let Some(hour) = s.number(1, 2) else {
        return Some(date_end);
    };
    let colon = s.eat_char(':') || s.eat_char('：') || s.eat("时") || s.eat("時");
    let minute = if colon { s.number(2, 2) } else { None };
    match minute {
        Some(m) if hour < 24 && m < 60 => {
            s.eat("分");
            let at = s.at;
            if s.eat_char(':') || s.eat_char('：') {
                if s.number(2, 2).is_some() {
                    s.eat("秒");
                } else {
                    s.at = at;
                }
            }
            Some(s.at)
        }
        _ => Some(date_end),
    }
}

/// A cursor over `text` for [`date_at`].
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn eat(&mut self, word: &str) -> bool {
        let found = self.text[self.at..].starts_with(word);
        if found {
            self.at += word.len();
        }
        found
    }

    fn eat_char(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.at += c.len_utf8();
        }
        found
    }

    fn skip_spaces(&mut self) {
        while self
            .peek()
            .is_some_and(|c| c == ' ' || c == '\u{3000}' || c == '\u{a0}')
        {
            self.at += self.peek().map_or(0, char::len_utf8);
        }
    }

    /// A run of `min` to `max` ASCII digits, not followed by another digit.
    fn number(&mut self, min: usize, max: usize) -> Option<u32> {
        let digits = self.text[self.at..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        if digits < min || digits > max {
            return None;
        }
        let n = self.text[self.at..self.at + digits].parse().ok()?;
        self.at += digits;
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<&str> {
        find_date(text).map(|(s, e)| &text[s..e])
    }

    #[test]
    fn dates_in_their_usual_byline_forms() {
        assert_eq!(
            date("2019年10月01日 08:30 来源：新华网"),
            Some("2019年10月01日 08:30")
        );
        assert_eq!(
            date("发布时间：2019-10-01 08:30:00 来源：人民网"),
            Some("2019-10-01 08:30:00")
        );
        assert_eq!(date("2019/9/6"), Some("2019/9/6"));
        assert_eq!(date("2020年9月11日18时05分"), Some("2020年9月11日18时05分"));
        assert_eq!(
            date("2019年06月15日08:18  来源："),
            Some("2019年06月15日08:18")
        );
        assert_eq!(date("时间：2019.10.01　9:05"), Some("2019.10.01　9:05"));
        assert_eq!(date("2019-10-01 浏览 33"), Some("2019-10-01"));
    }

    #[test]
    fn numbers_that_are_not_dates() {
        assert_eq!(date("电话 12019-10-01"), None);
        assert_eq!(date("2019年共有13个月"), None);
        assert_eq!(date("1100-10-01"), None);
        assert_eq!(date("2019-13-01"), None);
        assert_eq!(date("2019-10/01"), None);
        assert_eq!(date("20191001"), None);
    }
}
