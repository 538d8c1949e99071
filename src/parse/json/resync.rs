//! A JSON array with a broken element (`,,`, a cut-off object, a stray character) keeps every
//! other element: the array is cut into its top-level elements by a scan that knows only
//! strings, escapes and nesting, and each element is parsed on its own. One bad record costs
//! that record, never the 200,000 around it.

/// The top-level elements of the array `text` holds (from its first `[`), as slices of it,
/// trimmed, empty ones included (a `,,`); `None` when `text` does not start an array. An array
/// cut off before its `]` gives the elements it has.
pub(super) fn elements(text: &str) -> Option<Vec<&str>> {
    let open = text.find('[')?;
    if !text[..open].trim().is_empty() {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = open + 1;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' if depth > 0 => depth -= 1,
            b']' => {
                push(&mut out, &text[start..i]);
                return Some(out);
            }
            b',' if depth == 0 => {
                out.push(text[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    push(&mut out, &text[start..]);
    Some(out)
}

/// Adds the last element, unless there is none (`[]`, or a trailing comma).
fn push<'a>(out: &mut Vec<&'a str>, last: &'a str) {
    let last = last.trim();
    if !last.is_empty() {
        out.push(last);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_whatever_is_broken() {
        assert_eq!(
            elements(r#" [ {"a": "x,]}"}, [1, 2] , {"b": {"c": ","}} ] "#).unwrap(),
            [r#"{"a": "x,]}"}"#, "[1, 2]", r#"{"b": {"c": ","}}"#]
        );
        assert_eq!(
            elements(r#"[{"a":1},,{"b":2}]"#).unwrap(),
            [r#"{"a":1}"#, "", r#"{"b":2}"#]
        );
        assert_eq!(
            elements(r#"[{"a":"\"]"}, {"b":2"#).unwrap(),
            [r#"{"a":"\"]"}"#, r#"{"b":2"#]
        );
        assert_eq!(elements("[]").unwrap(), Vec::<&str>::new());
        assert_eq!(elements("[1,]").unwrap(), ["1"]);
        assert_eq!(elements(r#"{"a": 1}"#), None);
    }
}
