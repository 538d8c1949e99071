//! Titles and bodies recombined from the pool's clauses, the clauses' text left as it is.
//!
//! - **Title:** one clause without its tail (redrawn up to three times while it is past 30
//!   characters); when it is under 8 characters, or 35 times in 100 when it is at most 18, a
//!   second clause is joined if the two fit in 30 characters: with a space (1 in 2), `：`
//!   (1 in 3) or `，` (1 in 6), about as THUCNews' real Sina titles join their two parts. So
//!   titles are mostly 8–30 characters (mean ≈ 19, as THUCNews' titles), as real ones are.
//! - **Body:** 3–15 sentences in 1–5 paragraphs (no more paragraphs than sentences), joined
//!   by `\n`. A sentence is clauses with their own tails, drawn until one whose tail ends a
//!   sentence (`。！？.!?`), the eighth always being one that does: so sentence lengths and
//!   the mix of commas and full stops are the source's. Only clauses the source ended with a
//!   mark are used, unless none of them ends a sentence (an input of bare titles); then every
//!   clause is, and one that ended at a line break is followed by a space.

use super::pool::Pool;
use crate::synthetic::random::Rng;

/// Titles longer than this are avoided (redrawn, or not joined).
pub(crate) const TITLE_MAX_CHARS: usize = 30;
/// Titles shorter than this get a second clause.
pub(crate) const TITLE_MIN_CHARS: usize = 8;
/// Titles at most this long get a second clause 35 times in 100.
const JOIN_UP_TO_CHARS: usize = 18;
/// What joins a title's two clauses, drawn uniformly.
pub(crate) const JOINERS: [&str; 6] = [" ", " ", " ", "：", "：", "，"];
/// Most clauses in one sentence.
pub(crate) const MAX_CLAUSES: u32 = 8;

/// Writes titles and bodies from a pool.
#[derive(Debug, Clone)]
pub(crate) struct Composer<'p> {
    pool: &'p Pool,
    /// Clauses a body may use.
    usable: Vec<u32>,
    /// Those of them that end a sentence.
    ending: Vec<u32>,
}

impl<'p> Composer<'p> {
    /// Sorts the pool's clauses for bodies. The pool must not be empty.
    pub(crate) fn new(pool: &'p Pool) -> Composer<'p> {
        assert!(!pool.is_empty(), "a pool with at least one clause");
        let all = 0..pool.len() as u32;
        let usable: Vec<u32> = all.filter(|&i| pool.is_punctuated(i as usize)).collect();
        let ending: Vec<u32> = usable
            .iter()
            .copied()
            .filter(|&i| pool.ends_sentence(i as usize))
            .collect();
        if ending.is_empty() {
            let all: Vec<u32> = (0..pool.len() as u32).collect();
            return Composer {
                pool,
                usable: all.clone(),
                ending: all,
            };
        }
        Composer {
            pool,
            usable,
            ending,
        }
    }

    /// Any clause, uniformly.
    #[inline]
    fn any(&self, rng: &mut Rng) -> usize {
        rng.below(self.pool.len() as u32) as usize
    }

    /// Writes a title into `out` (cleared first).
    pub(crate) fn write_title(&self, rng: &mut Rng, out: &mut String) {
        out.clear();
        let mut first = self.any(rng);
        for _ in 0..3 {
            if self.pool.chars(first) <= TITLE_MAX_CHARS {
                break;
            }
            first = self.any(rng);
        }
        out.push_str(self.pool.text(first));
        let chars = self.pool.chars(first);
        let join = chars < TITLE_MIN_CHARS || (chars <= JOIN_UP_TO_CHARS && rng.below(100) < 35);
        if !join {
            return;
        }
        let joiner = JOINERS[rng.below(JOINERS.len() as u32) as usize];
        for _ in 0..4 {
            let second = self.any(rng);
            if chars + 1 + self.pool.chars(second) <= TITLE_MAX_CHARS {
                out.push_str(joiner);
                out.push_str(self.pool.text(second));
                return;
            }
        }
    }

    /// Writes a body into `out` (cleared first).
    pub(crate) fn write_body(&self, rng: &mut Rng, out: &mut String) {
        out.clear();
        let sentences = rng.between(3, 15);
        let paragraphs = rng.between(1, sentences.min(5));
        let mut bare = false;
        for s in 0..sentences {
            if s > 0 {
                if s * paragraphs / sentences != (s - 1) * paragraphs / sentences {
                    out.push('\n');
                } else if bare {
                    out.push(' ');
                }
            }
            bare = self.write_sentence(rng, out);
        }
    }

    /// Appends one sentence; says whether its last clause had no tail.
    fn write_sentence(&self, rng: &mut Rng, out: &mut String) -> bool {
        for n in 1..=MAX_CLAUSES {
            let from = if n == MAX_CLAUSES {
                &self.ending
            } else {
                &self.usable
            };
            let i = from[rng.below(from.len() as u32) as usize] as usize;
            out.push_str(self.pool.whole(i));
            if n == MAX_CLAUSES || self.pool.ends_sentence(i) {
                return !self.pool.is_punctuated(i);
            }
        }
        unreachable!("the last clause ends the sentence")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    /// A pool from one hand-written article.
    fn pool_of(title: &str, body: &str) -> Pool {
        let mut pool = Pool::new();
        pool.add_article(&Article {
            title: title.into(),
            body: body.into(),
            ..Article::default()
        });
        pool
    }

    const BODY: &str = "9月11日，长春市人大常委会举行第五次会议，对城市绿化条例修订草案进行第一次审议。\n\
        草案提出：新建居住区绿地率不得低于30%；旧城改造项目不得低于25%！\n\
        记者从会上获悉，占用城市绿地须先补后占，补建面积不少于占用面积。常委会组成人员建议，\
        进一步明确古树名木的保护责任？";

    fn clauses(pool: &Pool) -> Vec<&str> {
        (0..pool.len()).map(|i| pool.text(i)).collect()
    }

    /// True when `text` is clauses (with tails, `whole`) back to back, with `sep` allowed
    /// between them.
    fn is_made_of(text: &str, parts: &[&str], sep: &[&str]) -> bool {
        let mut reachable = vec![false; text.len() + 1];
        reachable[0] = true;
        for at in 0..text.len() {
            if !reachable[at] {
                continue;
            }
            for part in parts.iter().chain(sep) {
                if text[at..].starts_with(part) {
                    reachable[at + part.len()] = true;
                }
            }
        }
        reachable[text.len()]
    }

    #[test]
    fn titles_are_one_or_two_clauses_of_the_source() {
        let pool = pool_of("长春审议城市绿化条例修订草案", BODY);
        let composer = Composer::new(&pool);
        let parts = clauses(&pool);
        let mut rng = Rng::new(1);
        let mut title = String::new();
        let (mut single, mut joined) = (0, 0);
        for _ in 0..500 {
            composer.write_title(&mut rng, &mut title);
            if parts.contains(&title.as_str()) {
                single += 1;
                continue;
            }
            let two = JOINERS.iter().any(|j| {
                title
                    .split_once(j)
                    .is_some_and(|(a, b)| parts.contains(&a) && parts.contains(&b))
            });
            assert!(two, "{title}");
            joined += 1;
            assert!(title.chars().count() <= TITLE_MAX_CHARS, "{title}");
        }
        assert!(
            single > 100 && joined > 100,
            "{single} single, {joined} joined"
        );
    }

    #[test]
    fn bodies_are_sentences_of_the_source_clauses_with_their_own_marks() {
        let pool = pool_of("长春审议城市绿化条例修订草案", BODY);
        let composer = Composer::new(&pool);
        // The title has no tail, so bodies leave it out.
        let wholes: Vec<&str> = (0..pool.len())
            .filter(|&i| pool.is_punctuated(i))
            .map(|i| pool.whole(i))
            .collect();
        assert_eq!(wholes.len(), pool.len() - 1);
        let mut rng = Rng::new(2);
        let mut body = String::new();
        for _ in 0..300 {
            composer.write_body(&mut rng, &mut body);
            let paragraphs: Vec<&str> = body.split('\n').collect();
            assert!((1..=5).contains(&paragraphs.len()), "{body}");
            for p in &paragraphs {
                assert!(is_made_of(p, &wholes, &[]), "{p}");
                assert!(p.ends_with(['。', '！', '？']), "{p}");
            }
            let sentences = body.matches(['。', '！', '？']).count();
            assert!((3..=15).contains(&sentences), "{body}");
        }
    }

    #[test]
    fn bare_titles_make_bodies_of_clauses_and_spaces() {
        let pool = pool_of(
            "体验巅峰 倚天屠龙记十大创新概览",
            "六十年铁树开花形状似玉米芯\n同步A股首秀：港股缩量回调\n锌价难续去年辉煌",
        );
        let composer = Composer::new(&pool);
        let wholes: Vec<&str> = (0..pool.len()).map(|i| pool.whole(i)).collect();
        let mut rng = Rng::new(3);
        let mut body = String::new();
        for _ in 0..100 {
            composer.write_body(&mut rng, &mut body);
            for p in body.split('\n') {
                assert!(is_made_of(p, &wholes, &[" "]), "{p}");
            }
        }
    }

    #[test]
    fn same_seed_same_text() {
        let pool = pool_of("长春审议城市绿化条例修订草案", BODY);
        let composer = Composer::new(&pool);
        let write = |seed| {
            let mut rng = Rng::new(seed);
            let (mut title, mut body) = (String::new(), String::new());
            composer.write_title(&mut rng, &mut title);
            composer.write_body(&mut rng, &mut body);
            title + "\n" + &body
        };
        assert_eq!(write(7), write(7));
        assert_ne!(write(7), write(8));
    }
}
