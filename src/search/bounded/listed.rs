//! The candidates of a bounded page taken from the title lists, when its floor needs a char
//! few titles hold: for `zho` at ten million titles, a page whose last score is 40 needs
//! `z`, `h` and `o` on three chars in a row, so a title without a char read `o…` (欧, 哦)
//! cannot reach it, and only the few that hold one are bounded at all.
//!
//! [`PinyinBound::needs`](crate::query::PinyinBound::needs) says which features of a bound
//! a floor cannot do without; each is met by chars of certain readings. Of a chunk's needs
//! the one its lists hold fewest titles for is taken: those titles, and every title with an
//! ASCII letter (its letters are readings of their own, and it may match the term
//! directly; a digit meets no need of a term of letters), are the chunk's candidates. Every
//! other title's bound is below the floor, so the page's search treats them as it treats
//! candidates below a floor.
//!
//! A floor that no title reaches without the start bonus needs the term's first piece on
//! the title's first char ([`Matcher::opening_sets`]): only the titles opening with such a
//! char ([`crate::query::index::Openings`]) and the titles with the term's letters are
//! candidates, intersected with the need's when those are not far more. `dat` at 44, ten
//! million titles: 115,000 candidates, where the initials let 295,000 of 3.7 million through
//! and no need's chars were few enough to list.

use rayon::prelude::*;

use crate::corpus::Corpus;
use crate::query::{Matcher, Need, ascii_letter_bits, readings_of};

/// The listed candidates must be fewer than the candidates divided by this, and the list
/// entries walked fewer than the candidates: else bounding every candidate costs less than
/// listing them (walking an entry costs a fraction of sifting a candidate; when both a need
/// and an opening are listed, the titles meeting both are reckoned as if the two were
/// independent). `src` at ten million titles: the 1.1 million that open with a char read
/// `s…` are a third of the 2.5 million candidates, where sifting all cost 40 ms.
const AT_MOST_ONE_IN: usize = 2;

/// A need's titles are intersected with the opening's only when they are at most this many
/// times as many: listing more costs more than bounding the titles it would rule out.
const OPENING_AND_NEED: usize = 4;

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
/// chars of its rarest need, and the letters by which a title's own ASCII meets it; when the
/// floor needs the start bonus, the reading sets a title must open with.
pub(super) struct Listed {
    /// Per chunk, what makes a title a candidate.
    chosen: Vec<Chosen>,
    /// The term's letters ([`ascii_letter_bits`]).
    direct: u32,
}

/// What makes a title of one chunk a candidate: every part given, or a direct match.
struct Chosen {
    /// The chars whose titles are candidates, and the ASCII letters that make a title one
    /// (with every letter of the term: a title it may match directly); `None`: no need is
    /// taken, as the opening alone leaves far fewer titles.
    holding: Option<(Vec<u32>, u32)>,
    /// The reading sets a candidate's first char is in ([`Matcher::opening_sets`]), when the
    /// floor needs the start bonus and the titles' openings are made.
    opening: Option<Vec<u16>>,
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
        let (mut listed_titles, mut walked_titles) = (0, 0);
        let mut direct = 0;
        for (chunk, matcher) in corpus.chunks().iter().zip(matchers) {
            let bound = matcher.sole_bound()?;
            direct = ascii_letter_bits(bound.text());
            let Some(needs) = bound.needs(floor) else {
                // No title's bound reaches the floor through pinyin.
                chosen.push(Chosen {
                    holding: Some((Vec::new(), 0)),
                    opening: None,
                });
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
            let opening = chunk
                .index
                .title_openings_made()
                .zip(matcher.opening_sets(floor))
                .map(|(openings, sets)| {
                    let titles = sets.iter().map(|&s| openings.opening_with(s).len()).sum();
                    (titles, sets)
                });
            // About how many titles are listed, and how many list entries are walked.
            let (titles, walked, holding, opening) = match (rarest, opening) {
                (None, None) => return None,
                (Some((titles, chars, ascii)), None) => {
                    (titles, titles, Some((chars, ascii)), None)
                }
                (None, Some((titles, sets))) => (titles, titles, None, Some(sets)),
                // Both, unless the need's titles are so many more that listing them costs
                // more than bounding the titles they would rule out. Titles holding a char
                // and opening with another, as if the two were independent.
                (Some((held, chars, ascii)), Some((opened, sets))) => {
                    if held <= opened * OPENING_AND_NEED {
                        let both = held * opened / chunk.len().max(1);
                        (both, held + opened, Some((chars, ascii)), Some(sets))
                    } else {
                        (opened, opened, None, Some(sets))
                    }
                }
            };
            listed_titles += titles;
            walked_titles += walked;
            chosen.push(Chosen { holding, opening });
        }
        (listed_titles * AT_MOST_ONE_IN < candidates && walked_titles < candidates)
            .then_some(Listed { chosen, direct })
    }

    /// A bitmap over global numbers of the candidates (among those marked in `within`)
    /// whose bound may reach the floor: the titles holding a chosen char (or whose ASCII
    /// letters meet the need) and opening with a chosen set, and those whose ASCII letters
    /// hold every letter of the term.
    pub(super) fn marks(&self, corpus: &Corpus, within: Option<&[u64]>) -> Vec<u64> {
        // Each chunk's own words of the global bitmap on every core (a chunk shares its
        // first and last word with its neighbours): the first search makes the chunks'
        // ASCII letters.
        let parts: Vec<(usize, Vec<u64>)> = corpus
            .chunks()
            .par_iter()
            .zip(&self.chosen)
            .map(|(chunk, chosen)| {
                let (first, end) = (chunk.first, chunk.first + chunk.len());
                let w0 = first / 64;
                let base = first - w0 * 64;
                let blank = || vec![0u64; end.div_ceil(64) - w0];
                let mark = |words: &mut [u64], local: usize| {
                    let at = base + local;
                    words[at / 64] |= 1 << (at % 64);
                };
                let index = &chunk.index;
                // The titles with ASCII letters, by the bitmaps of each letter's: those whose
                // letters hold the term's may match it directly; those whose letters meet
                // the need, through them.
                let ascii = chosen.holding.as_ref().map_or(0, |(_, ascii)| *ascii);
                let (mut direct, mut own_need) = (blank(), blank());
                let lettered = index.lettered_titles();
                let places = lettered.len().div_ceil(64);
                let letters = |bits: u32| (0..26).filter(move |l| bits >> l & 1 == 1);
                let holding_all = match self.direct {
                    0 => vec![!0u64; places],
                    direct => index.lettered_holding_all(direct),
                };
                let mut holding_any = vec![0u64; places];
                for l in letters(ascii) {
                    let holding = index.lettered_holding(l);
                    holding_any
                        .iter_mut()
                        .zip(holding)
                        .for_each(|(w, h)| *w |= h);
                }
                for (words, out) in [(holding_all, &mut direct), (holding_any, &mut own_need)] {
                    for (w, mut bits) in words.into_iter().enumerate() {
                        while bits != 0 {
                            let at = w * 64 + bits.trailing_zeros() as usize;
                            bits &= bits - 1;
                            if let Some(&i) = lettered.get(at) {
                                mark(out, i as usize);
                            }
                        }
                    }
                }
                let held = chosen.holding.as_ref().map(|(chars, _)| {
                    let mut words = own_need;
                    for &c in chars {
                        for &i in index.titles_holding(c) {
                            mark(&mut words, usize::from(i));
                        }
                    }
                    words
                });
                let openings = index.title_openings_made();
                let opened = chosen
                    .opening
                    .as_ref()
                    .zip(openings)
                    .map(|(sets, openings)| {
                        let mut words = blank();
                        for &set in sets {
                            for &i in openings.opening_with(set) {
                                mark(&mut words, usize::from(i));
                            }
                        }
                        words
                    });
                let mut words = match (held, opened) {
                    (Some(mut held), Some(opened)) => {
                        held.iter_mut().zip(&opened).for_each(|(h, o)| *h &= o);
                        held
                    }
                    (Some(words), None) | (None, Some(words)) => words,
                    // Nothing to narrow by (not met: the openings are made once for all).
                    (None, None) => {
                        let mut words = blank();
                        (0..chunk.len()).for_each(|i| mark(&mut words, i));
                        words
                    }
                };
                words.iter_mut().zip(&direct).for_each(|(w, d)| *w |= d);
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

#[cfg(test)]
mod tests {
    use super::super::tests::{every_third, whole};
    use super::*;
    use crate::article::Article;
    use crate::query::Query;
    use crate::search::scan;
    use crate::synthetic::Generator;

    /// At every score level of a query (and one below each), over every article or within
    /// some, the listed candidates hold every hit that scores the level or more: through
    /// their chars, their openings (the top levels need the start), or their own Latin
    /// letters. Some titles open with the term's syllable, some match it directly.
    #[test]
    fn every_hit_reaching_the_floor_is_listed() {
        let openers = ["大同", "打听", "新年", "西南", "改爱", "中华欧", "四人村"];
        let latin = ["Dat 报道", "xin 新", "NASA 新闻", "GAI 改革", "SRC 中"];
        let mut generator = Generator::new(11);
        let articles: Vec<Article> = (0..7000)
            .map(|k| {
                let mut article = generator.next_article().to_article();
                match k % 11 {
                    0 => article.title = format!("{}{}", openers[k / 11 % 7], article.title),
                    1 => article.title = format!("{} {}", latin[k / 11 % 5], article.title),
                    _ => {}
                }
                article
            })
            .collect();
        let corpus = crate::search::tests::chunked(&articles, 700);
        corpus.prepare_search();
        let chars = ListedChars::of(&corpus).expect("listed");
        let (mut checked, mut opened) = (0, 0);
        for text in ["dat", "xin", "gai", "zho", "src", "bei", "'nas", "xin !报"] {
            let query = Query::parse(text).unwrap();
            let matchers = scan::matchers(&corpus, &query);
            let every = whole(&corpus, text);
            let thirds = every_third(corpus.len());
            let mut levels: Vec<i64> = every.iter().map(|h| i64::from(h.score)).collect();
            levels.dedup();
            levels.truncate(8);
            levels.extend(levels.clone().iter().map(|l| l - 1));
            for within in [None, Some(&thirds[..])] {
                let candidates = within.map_or(corpus.len(), |m| {
                    m.iter().map(|w| w.count_ones() as usize).sum()
                });
                for &floor in &levels {
                    // Every candidate counted as many: the plan is made whenever it can be.
                    let Some(listed) =
                        Listed::new(&corpus, &matchers, &chars, floor, candidates * 8)
                    else {
                        continue;
                    };
                    checked += 1;
                    opened += usize::from(listed.chosen.iter().any(|c| c.opening.is_some()));
                    let marks = listed.marks(&corpus, within);
                    for hit in every.iter().filter(|h| i64::from(h.score) >= floor) {
                        let g = hit.article();
                        if within.is_none_or(|m| m[g / 64] >> (g % 64) & 1 == 1) {
                            assert!(
                                marks[g / 64] >> (g % 64) & 1 == 1,
                                "{text} at {floor}: {:?} ({}) not listed",
                                corpus.article(g).title,
                                hit.score
                            );
                        }
                    }
                }
            }
        }
        assert!(
            checked >= 30 && opened >= 10,
            "{checked} checked, {opened} opened"
        );
    }
}
