//! A ranking title term's bound from the titles' initials ([`Plan::initials_bound`]), held
//! for a pass over many titles ([`InitialsSieve`]): the term is found in the plan and its
//! tables reached once, not at every title, so that a title is passed over for a few loads
//! and a table read. At ten million titles a third letter's pass over three million
//! candidates went through the whole plan for each.

use super::{Check, LETTER_BITS, Plan, UNBOUNDED};
use crate::query::index::{Index, Initials};
use crate::query::pinyin::{self, PinyinBound};

/// One ranking title term's bound of a title from its initials alone
/// ([`InitialsSieve::bound`]).
#[derive(Clone, Copy)]
pub(crate) struct InitialsSieve<'a> {
    /// Every title's initials ([`Index::title_initials`]).
    initials: &'a [Initials],
    /// The titles with ASCII letters or digits ([`Index::latin_titles`]), a bitmap.
    latin: &'a [u64],
    /// Every title's own ASCII letters ([`Index::ascii_letters`]).
    ascii: &'a [u32],
    /// The term's letters, bits a–z as [`Index::ascii_letters`].
    letters: u32,
    /// The term's bound table.
    bound: &'a PinyinBound,
}

impl<'a> InitialsSieve<'a> {
    /// The sieve of `check` over `index`'s titles, whose initials are `initials`: `None`
    /// unless it is a title term with a pinyin bound.
    fn of(check: &'a Check, index: &'a Index, initials: &'a [Initials]) -> Option<Self> {
        let Check::Title {
            bound: Some(bound),
            letters,
            ..
        } = check
        else {
            return None;
        };
        Some(InitialsSieve {
            initials,
            latin: index.latin_titles(),
            ascii: index.ascii_letters(),
            letters: (letters & LETTER_BITS) as u32,
            bound,
        })
    }

    /// Loads what [`InitialsSieve::bound`] reads of title `i` (a number to hand to
    /// [`std::hint::black_box`]): asked of several titles before they are bounded, their
    /// cache misses overlap.
    #[inline]
    pub(crate) fn touch(&self, i: usize) -> u64 {
        self.latin[i / 64] ^ u64::from(self.ascii[i]) ^ u64::from(self.initials[i].anywhere)
    }

    /// At least the term's bound of title `i` ([`PinyinBound::of_initials`]); `None` when it
    /// certainly does not match. A title whose own ASCII letters hold the term's may match
    /// it directly: [`UNBOUNDED`].
    #[inline]
    pub(crate) fn bound(&self, i: usize) -> Option<i64> {
        if self.latin[i / 64] >> (i % 64) & 1 == 1 && self.ascii[i] & self.letters == self.letters {
            return Some(UNBOUNDED);
        }
        let title = &self.initials[i];
        let bound = self
            .bound
            .of_initials(title.anywhere, title.first, title.pairs);
        (bound > pinyin::NONE / 2).then_some(bound)
    }
}

impl Plan<'_> {
    /// The sieve that is [`Plan::initials_bound`], when the query has one ranking term
    /// ([`Plan::sole_bound`]) and the titles' initials are made.
    pub(crate) fn initials_sieve(&self) -> Option<InitialsSieve<'_>> {
        let (c, t) = self.sole?;
        InitialsSieve::of(&self.clauses[c][t].check, self.index, self.initials?)
    }

    /// At least [`Plan::bound`] of article `i`, when [`Plan::bounded`], from its title's
    /// initials alone ([`Index::title_initials`]: no char of it is read), so that the titles
    /// whose bound cannot reach a floor are passed over for a few nanoseconds each; `None`
    /// when it certainly does not match. A title whose own ASCII letters hold the term's
    /// (it may match directly), and every title while the initials are not made, is
    /// [`UNBOUNDED`] here.
    pub(crate) fn initials_bound(&self, i: usize) -> Option<i64> {
        let Some(initials) = self.initials else {
            return Some(UNBOUNDED);
        };
        if let Some(sieve) = self.initials_sieve() {
            // Every other term scores 0 and may pass: the bound is this term's.
            return sieve.bound(i);
        }
        self.bound_by(
            |check| match InitialsSieve::of(check, self.index, initials) {
                Some(sieve) => sieve.bound(i),
                None => Some(UNBOUNDED),
            },
        )
    }
}
