//! The candidates of a bounded page taken from the title lists, when its floor needs a char
//! few titles hold: for `zho` at ten million titles, a page whose last score is 40 needs
//! `z`, `h` and `o` on three chars in a row, so a title without a char read `o…` (欧, 哦)
//! cannot reach it, and only the few that hold one are bounded at all.
//!
//! [`PinyinBound::needs`](crate::query::PinyinBound::needs) says which features of a bound
//! a floor cannot do without; each is met by chars of certain readings. Of a chunk's needs
//! the one its lists hold fewest titles for is taken: those titles, and every title with an
//! ASCII letter (its letters are readings of their own, and it may match the term
//! directly; a digit meets no need of a term of letters), are the chunk's candidates. Every other title's bound is below the floor, so
//! the page's search treats them as it treats candidates below a floor.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Matcher, Need, ascii_letter_bits, readings_of};

/// The listed candidates must be fewer than the candidates divided by this, else bounding
/// every candidate costs less than listing them.
const AT_MOST_ONE_IN: usize = 4;

/// The chars beyond ASCII that a corpus's title lists hold, each with its readings: which
/// chars meet a [`Need`].
pub(super) struct ListedChars {
    /// Code point and readings, ascending by code point.
    chars: Vec<(u32, Vec<Box<str>>)>,
}

impl ListedChars {
    /// The chars of every chunk's title lists; `None` when some chunk's titles are not
    /// listed.
    pub(super) fn of(corpus: &Corpus) -> Option<ListedChars> {
        let mut basic = vec![0u64; 0x1_0000 / 64];
        let mut other = Vec::new();
        for chunk in corpus.chunks().iter().filter(|c| !c.is_empty()) {
            for &c in chunk.index.title_list_chars()? {
                match basic.get_mut(c as usize / 64) {
                    Some(word) => *word |= 1 << (c % 64),
                    None => other.push(c),
                }
            }
        }
        other.sort_unstable();
        other.dedup();
        let basic = basic.iter().enumerate().flat_map(|(w, &word)| {
            (0..64)
                .filter(move |b| word >> b & 1 == 1)
                .map(move |b| (w * 64 + b) as u32)
        });
        let chars = basic
            .chain(other)
            .filter_map(|c| Some((c, readings_of(char::from_u32(c)?))))
            .collect();
        Some(ListedChars { chars })
    }

    /// The chars that meet `need`, ascending.
    fn meeting(&self, need: &Need) -> Vec<u32> {
        self.chars
            .iter()
            .filter(|(_, readings)| need.met_by(readings))
            .map(|&(c, _)| c)
            .collect()
    }
}

/// How the title lists give the candidates whose bound may reach one floor: per chunk, the
/// chars of its rarest need, and the letters by which a title's own ASCII meets it.
pub(super) struct Listed {
    /// Per chunk: the chars whose titles are candidates, and the ASCII letters that make a
    /// title one (with every letter of the term: a title it may match directly).
    chosen: Vec<(Vec<u32>, u32)>,
    /// The term's letters ([`ascii_letter_bits`]).
    direct: u32,
}

impl Listed {
    /// The plan for `floor`; `None` when some chunk's query has no sole bound
    /// ([`Matcher::sole_bound`]), when a chunk's floor needs nothing the lists can tell, or
    /// when the lists hold a quarter of the `candidates` or more.
    pub(super) fn new(
        corpus: &Corpus,
        matchers: &[Matcher],
        listed: &ListedChars,
        floor: i64,
        candidates: usize,
    ) -> Option<Listed> {
        // The chars meeting each need met so far: the chunks' needs are mostly the same.
        let mut meeting: Vec<(Need, Vec<u32>)> = Vec::new();
        let mut chosen = Vec::with_capacity(corpus.chunks().len());
        let mut listed_titles = 0;
        let mut direct = 0;
        for (chunk, matcher) in corpus.chunks().iter().zip(matchers) {
            let bound = matcher.sole_bound()?;
            direct = ascii_letter_bits(bound.text());
            let Some(needs) = bound.needs(floor) else {
                // No title's bound reaches the floor through pinyin.
                chosen.push((Vec::new(), 0));
                continue;
            };
            // A digit of the term may be met by a digit of a title, which the lists leave
            // out: such a need is not taken.
            let needs = needs
                .into_iter()
                .filter(|need| !matches!(need, Need::Initial(b) if b.is_ascii_digit()));
            let mut rarest: Option<(usize, Vec<u32>, u32)> = None;
            for need in needs {
                let chars = match meeting.iter().find(|(n, _)| *n == need) {
                    Some((_, chars)) => chars.clone(),
                    None => {
                        let chars = listed.meeting(&need);
                        meeting.push((need.clone(), chars.clone()));
                        chars
                    }
                };
                let titles = chars
                    .iter()
                    .map(|&c| chunk.index.titles_holding(c).len())
                    .sum();
                if rarest.as_ref().is_none_or(|(fewest, ..)| titles < *fewest) {
                    let ascii = match need {
                        Need::Initial(letter) => ascii_letter_bits(&[letter]),
                        Need::Whole(_) => 0,
                    };
                    rarest = Some((titles, chars, ascii));
                }
            }
            let (titles, chars, ascii) = rarest?;
            listed_titles += titles;
            chosen.push((chars, ascii));
        }
        (listed_titles * AT_MOST_ONE_IN < candidates).then_some(Listed { chosen, direct })
    }

    /// A bitmap over global numbers of the candidates (among those marked in `within`)
    /// whose bound may reach the floor: the titles holding a chosen char, and those whose
    /// ASCII letters meet the need or hold every letter of the term.
    pub(super) fn marks(&self, corpus: &Corpus, within: Option<&[u64]>) -> Vec<u64> {
        // Each chunk's own words of the global bitmap on every core (a chunk shares its
        // first and last word with its neighbours): the first search makes the chunks'
        // ASCII letters.
        let parts: Vec<(usize, Vec<u64>)> = corpus
            .chunks()
            .par_iter()
            .zip(&self.chosen)
            .map(|(chunk, (chars, ascii))| {
                let (first, end) = (chunk.first, chunk.first + chunk.len());
                let w0 = first / 64;
                let mut words = vec![0u64; end.div_ceil(64) - w0];
                let base = first - w0 * 64;
                let mut mark = |local: usize| {
                    let at = base + local;
                    words[at / 64] |= 1 << (at % 64);
                };
                for &c in chars {
                    for &i in chunk.index.titles_holding(c) {
                        mark(usize::from(i));
                    }
                }
                // Only the titles with an ASCII letter: walking those with Latin letters or
                // digits cost 40 ms at ten million `juan gen` titles, two in three of which
                // hold a digit.
                let letters = chunk.index.ascii_letters();
                for &i in chunk.index.lettered_titles() {
                    let i = i as usize;
                    let own = letters[i];
                    if own & ascii != 0 || own & self.direct == self.direct {
                        mark(i);
                    }
                }
                if let Some(within) = within {
                    words
                        .iter_mut()
                        .zip(&within[w0..])
                        .for_each(|(m, w)| *m &= w);
                }
                (w0, words)
            })
            .collect();
        let mut marks = vec![0u64; corpus.len().div_ceil(64)];
        for (w0, words) in parts {
            for (mark, word) in marks[w0..].iter_mut().zip(words) {
                *mark |= word;
            }
        }
        marks
    }
}
