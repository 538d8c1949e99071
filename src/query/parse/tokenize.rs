//! Splitting query text into tokens: on unquoted whitespace, with double quotes (`"…"` or
//! `“…”`) removed and the chars inside them marked, so operators there stay literal.

use super::super::QueryError;

/// One token's chars, each marked with whether it was inside quotes.
pub(super) type Token = Vec<(char, bool)>;

/// Splits on unquoted whitespace; quotes are removed and their content marked.
pub(super) fn tokenize(text: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut current: Token = Vec::new();
    let mut had_quotes = false;
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(close) if c == close => closing = None,
            Some(_) => current.push((c, true)),
            None if c == '"' || c == '“' => {
                closing = Some(if c == '"' { '"' } else { '”' });
                had_quotes = true;
            }
            None if c.is_whitespace() => {
                if !current.is_empty() || had_quotes {
                    tokens.push(std::mem::take(&mut current));
                }
                had_quotes = false;
            }
            None => current.push((c, false)),
        }
    }
    if closing.is_some() {
        return Err(QueryError::new("unclosed quote: add the closing `\"`"));
    }
    if !current.is_empty() || had_quotes {
        tokens.push(current);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(text: &str) -> Vec<String> {
        tokenize(text)
            .unwrap()
            .iter()
            .map(|t| {
                t.iter()
                    .map(|&(c, quoted)| if quoted { c.to_ascii_uppercase() } else { c })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn splits_on_unquoted_space_and_marks_quoted_chars() {
        assert_eq!(show("a  b\tc"), ["a", "b", "c"]);
        assert_eq!(show("'\"a b\" c"), ["'A B", "c"]);
        assert_eq!(show("src:\"x y\"z"), ["src:X Yz"]);
        assert_eq!(show("“a b”"), ["A B"]);
        assert_eq!(show("\"\" a"), ["", "a"]);
        assert_eq!(show("a　b"), ["a", "b"]);
        assert!(show("").is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_an_error() {
        assert!(tokenize("\"a").is_err());
        assert!(tokenize("“a\"").is_err());
    }
}
