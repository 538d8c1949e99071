//! Headlines: 8–30 characters of news-frequency words and characters, sometimes split by a
//! full-width space or a colon, a name in `《》` or `“”`, the odd Latin word or number (`ＶＩＰ`,
//! `２０２３年`) and a `(组图)` now and then — like the THUCNews and Sogou titles they imitate.

use super::fragments::push_fragment;
use super::random::Rng;
use super::vocab::Vocab;

/// The shortest title, in characters.
pub(crate) const MIN_CHARS: usize = 8;
/// The longest title, in characters.
pub(crate) const MAX_CHARS: usize = 30;

/// Separators inside a headline; the first (an ideographic space) is the most common.
const SEPARATORS: [&str; 5] = ["\u{3000}", "\u{3000}", " ", "：", "，"];
/// Suffixes some sites put on headlines with pictures or video.
const SUFFIXES: [&str; 4] = ["(组图)", "(图)", "（组图）", "[视频]"];

/// Writes a headline into `out` (cleared first).
pub(crate) fn write_title(vocab: &Vocab, rng: &mut Rng, out: &mut String) {
    out.clear();
    // Triangular over 8..=30, peaking at 19.
    let target = MIN_CHARS + rng.below(12) as usize + rng.below(12) as usize;
    let mut chars = 0;
    let mut after_separator = true;
    while chars < target {
        let start = out.len();
        match rng.below(100) {
            0..=6 => push_fragment(rng, out, 3),
            7..=11 if !after_separator && chars >= 4 && target - chars >= 4 => {
                out.push_str(SEPARATORS[rng.below(SEPARATORS.len() as u32) as usize]);
                after_separator = true;
                chars += 1;
                continue;
            }
            12..=13 if target - chars >= 6 => {
                // A work or programme named in the headline: 《…》 or “…”.
                let (open, close) = if rng.below(2) == 0 {
                    ('《', '》')
                } else {
                    ('“', '”')
                };
                out.push(open);
                out.push_str(vocab.title_token(rng.bits()));
                out.push_str(vocab.title_token(rng.bits()));
                out.push(close);
            }
            _ => out.push_str(vocab.title_token(rng.bits())),
        }
        after_separator = false;
        chars += out[start..].chars().count();
    }
    if chars > MAX_CHARS {
        let cut = out
            .char_indices()
            .nth(MAX_CHARS)
            .map_or(out.len(), |(i, _)| i);
        out.truncate(cut);
    }
    let trimmed = out.trim_end_matches(|c: char| {
        matches!(c, '《' | '“') || SEPARATORS.iter().any(|s| s.starts_with(c))
    });
    out.truncate(trimmed.len());
    if rng.below(25) == 0 {
        let suffix = SUFFIXES[rng.below(SUFFIXES.len() as u32) as usize];
        if out.chars().count() + suffix.chars().count() <= MAX_CHARS {
            out.push_str(suffix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_8_to_30_characters_and_mostly_chinese() {
        let vocab = Vocab::new();
        let mut rng = Rng::new(8);
        let mut title = String::new();
        let (mut with_latin, mut with_full_width, mut total_chars) = (0, 0, 0);
        for _ in 0..5000 {
            write_title(&vocab, &mut rng, &mut title);
            let n = title.chars().count();
            assert!((MIN_CHARS..=MAX_CHARS).contains(&n), "{n}: {title}");
            assert!(!title.starts_with(['\u{3000}', ' ', '：', '，']), "{title}");
            assert!(!title.ends_with(['\u{3000}', ' ', '：', '，']), "{title}");
            with_latin += usize::from(title.chars().any(|c| c.is_ascii_alphanumeric()));
            with_full_width += usize::from(
                title
                    .chars()
                    .any(|c| c.is_alphanumeric() && ('！'..='～').contains(&c)),
            );
            total_chars += n;
        }
        let mean = total_chars as f64 / 5000.0;
        assert!((15.0..=23.0).contains(&mean), "mean {mean} characters");
        assert!(
            (1500..=3000).contains(&with_latin),
            "{with_latin} with Latin or digits"
        );
        assert!(
            with_full_width >= 200,
            "{with_full_width} with full-width forms"
        );
        // THUCNews: 45% of titles hold Latin letters or digits; mean 19.2 characters.
    }
}
