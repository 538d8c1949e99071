//! The generator's vocabulary: the 2,500 most common Chinese characters and 3,000 common two- and
//! three-character words, each with how often it occurs in real news titles and in real news
//! bodies. The counts were taken once from the real corpus sample in `tests/fixtures/corpus/` (THUCNews titles, Sohu bodies of the
//! Sogou sample) by `make_tables.py` and are committed as `chars.tsv` and `words.tsv` beside
//! this file.

use super::weighted::WeightedTable;

const CHARS_TSV: &str = include_str!("chars.tsv");
const WORDS_TSV: &str = include_str!("words.tsv");

/// Characters and words with one weighted table for titles and one for bodies.
#[derive(Debug, Clone)]
pub(crate) struct Vocab {
    tokens: Vec<&'static str>,
    title: WeightedTable,
    body: WeightedTable,
}

/// One row of a table: `TOKEN<TAB>TITLE_COUNT<TAB>BODY_COUNT`.
fn rows(tsv: &'static str) -> impl Iterator<Item = (&'static str, u64, u64)> {
    tsv.lines().map(|line| {
        let mut cols = line.split('\t');
        let mut next = || cols.next().expect("three columns");
        let token = next();
        let title = next().parse().expect("a title count");
        let body = next().parse().expect("a body count");
        (token, title, body)
    })
}

impl Vocab {
    /// Parses the embedded tables (a millisecond; done once per generator).
    pub(crate) fn new() -> Vocab {
        let mut tokens = Vec::new();
        let mut title_weights = Vec::new();
        let mut body_weights = Vec::new();
        for (token, title, body) in rows(CHARS_TSV).chain(rows(WORDS_TSV)) {
            tokens.push(token);
            title_weights.push(title);
            body_weights.push(body);
        }
        Vocab {
            title: WeightedTable::new(&title_weights),
            body: WeightedTable::new(&body_weights),
            tokens,
        }
    }

    /// A character or word as frequent in titles as in real ones, picked by 32 random bits.
    #[inline]
    pub(crate) fn title_token(&self, bits: u32) -> &'static str {
        self.tokens[self.title.pick(bits)]
    }

    /// A character or word as frequent in bodies as in real ones, picked by 32 random bits.
    #[inline]
    pub(crate) fn body_token(&self, bits: u32) -> &'static str {
        self.tokens[self.body.pick(bits)]
    }
}

impl Default for Vocab {
    fn default() -> Self {
        Vocab::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_chinese_characters_and_words() {
        let chars: Vec<_> = rows(CHARS_TSV).collect();
        let words: Vec<_> = rows(WORDS_TSV).collect();
        assert_eq!(chars.len(), 2500);
        assert_eq!(words.len(), 3000);
        assert!(chars.iter().all(|(c, ..)| c.chars().count() == 1));
        assert!(
            words
                .iter()
                .all(|(w, ..)| (2..=3).contains(&w.chars().count()))
        );
        let cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
        assert!(chars.iter().chain(&words).all(|(t, ..)| t.chars().all(cjk)));
    }

    #[test]
    fn common_tokens_come_up_often() {
        let vocab = Vocab::new();
        // 的 is the most common character of news bodies: about one in 25.
        let de = (0..=u16::MAX)
            .filter(|&i| vocab.body_token(u32::from(i) << 16) == "的")
            .count();
        assert!(de > 65_536 / 60, "的 holds {de} slots");
        let picked: std::collections::HashSet<_> = (0..=u16::MAX)
            .map(|i| vocab.title_token(u32::from(i) << 16))
            .collect();
        assert!(
            picked.len() > 4000,
            "{} distinct title tokens",
            picked.len()
        );
    }
}
