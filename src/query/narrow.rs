//! Whether one query can only match a subset of what another matched, so a search for it may
//! scan the other's hits instead of every article (narrowing while the user types).
//!
//! The rule is conservative: every clause of the old query must be implied by some clause of
//! the new one. A clause implies another when they are equal, or when both are single,
//! non-negated text terms on the same field and the new text only grew at its end in a form
//! that can only get stricter as it grows: fuzzy, substring (`'`) and prefix (`^`). A fuzzy or
//! substring title term matched through pinyin still matches when letters are cut from its end
//! (the last piece stays a prefix of a reading), and an all-digit remainder can only have
//! matched digit chars directly. Suffixes (`$`), whole matches, negations, ORs and dates only
//! narrow when unchanged.

use super::parse::{Clause, How, Pattern, Term, Test};

/// True when every article `new` matches is certainly matched by `old`.
pub(super) fn narrows(new: &[Clause], old: &[Clause]) -> bool {
    old.iter().all(|o| new.iter().any(|n| clause_implies(n, o)))
}

/// A title term that grew by letters typed at its end, every other clause the same: what
/// the previous answer's scores bound the new ones by (`Matcher::most_gained`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Growth {
    /// The term as it is now.
    pub(super) pattern: Pattern,
    /// How many letters it had before.
    pub(super) from: usize,
}

/// How `new` grew from `old` when that is all that changed: one clause, a lone title term
/// of ASCII letters that ranked before ([`Pattern::ranks`]), not negated, got letters at its
/// end in a form that only gets stricter (fuzzy, `'`, `^`); every other clause is the same,
/// in the same place.
pub(super) fn grown(new: &[Clause], old: &[Clause]) -> Option<Growth> {
    if new.len() != old.len() {
        return None;
    }
    let mut changed = new.iter().zip(old).filter(|(n, o)| n != o);
    let (n, o) = changed.next()?;
    if changed.next().is_some() {
        return None;
    }
    let ([n], [o]) = (n.as_slice(), o.as_slice()) else {
        return None;
    };
    let (Test::Title(n), Test::Title(o), false, false) = (&n.test, &o.test, n.negated, o.negated)
    else {
        return None;
    };
    let letters = n.text.bytes().all(|b| b.is_ascii_lowercase());
    (grew_stricter(n, o) && n.text.len() > o.text.len() && letters && o.ranks()).then(|| Growth {
        pattern: n.clone(),
        from: o.text.len(),
    })
}

/// The clauses `new` has beyond `old`'s, when `old`'s are all among them unchanged (each
/// once: a clause given twice counts twice) and at least one is new. A query's score is the
/// sum of its clauses' ([`super::matcher`]), so a hit of `new` is a hit of `old` that the
/// added clauses hold, scoring its old score plus theirs.
pub(super) fn added(new: &[Clause], old: &[Clause]) -> Option<Vec<Clause>> {
    let mut left: Vec<&Clause> = new.iter().collect();
    for o in old {
        let at = left.iter().position(|n| *n == o)?;
        left.swap_remove(at);
    }
    // In the order typed, which a query's clauses keep.
    let extra: Vec<Clause> = new
        .iter()
        .filter(|n| left.iter().any(|l| std::ptr::eq(*l, *n)))
        .cloned()
        .collect();
    (!extra.is_empty()).then_some(extra)
}

/// True when a clause `new` holding means `old` holds.
fn clause_implies(new: &Clause, old: &Clause) -> bool {
    if new == old {
        return true;
    }
    match (new.as_slice(), old.as_slice()) {
        ([n], [o]) => term_implies(n, o),
        _ => false,
    }
}

/// True when a term `new` holding means `old` holds.
fn term_implies(new: &Term, old: &Term) -> bool {
    if new.negated || old.negated {
        return new == old;
    }
    match (&new.test, &old.test) {
        (Test::Title(n), Test::Title(o))
        | (Test::Source(n), Test::Source(o))
        | (Test::Body(n), Test::Body(o))
        | (Test::Text(n), Test::Text(o)) => grew_stricter(n, o),
        (n, o) => n == o,
    }
}

/// True when pattern `new` is pattern `old` with text appended, in a form where that only
/// removes matches.
fn grew_stricter(new: &Pattern, old: &Pattern) -> bool {
    new.how == old.how
        && matches!(new.how, How::Fuzzy | How::Contains | How::Prefix)
        && new.text.starts_with(&old.text)
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_clauses;
    use super::*;

    fn narrows_text(new: &str, old: &str) -> bool {
        narrows(&parse_clauses(new).unwrap(), &parse_clauses(old).unwrap())
    }

    #[test]
    fn growing_terms_narrow() {
        let yes = [
            ("长春人", "长春"),
            ("ccrd", "ccr"),
            ("'ccrd", "'cc"),
            ("^北京", "^北"),
            ("src:晚报 经济", "src:晚报"),
            ("src:晚报 经", "src:晚报 经"),
            ("src:晚报x 经济", "src:晚报 经"),
            ("date:2015 改革", "date:2015"),
            ("date:2015 改革", "date:2015 改"),
            ("a b", "a"),
            ("a b", "b"),
            ("x", ""),
            ("", ""),
            ("a | b c", "a | b"),
            ("!x y", "!x"),
        ];
        for (new, old) in yes {
            assert!(narrows_text(new, old), "{new:?} narrows {old:?}");
        }
    }

    #[test]
    fn letters_typed_on_one_ranking_term_are_growth() {
        let grown_text = |new: &str, old: &str| {
            grown(&parse_clauses(new).unwrap(), &parse_clauses(old).unwrap())
                .map(|g| (g.pattern.text, g.from))
        };
        assert_eq!(grown_text("zhon", "zho"), Some(("zhon".into(), 3)));
        assert_eq!(grown_text("'nasa", "'nas"), Some(("nasa".into(), 3)));
        assert_eq!(
            grown_text("src:晚报 beijing", "src:晚报 bei"),
            Some(("beijing".into(), 3))
        );
        assert_eq!(grown_text("zhon x", "zho x"), Some(("zhon".into(), 3)));
        for (new, old) in [
            ("zho", "zh"),       // `zh` did not rank: its scores are 0
            ("zhon", "zhon"),    // nothing grew
            ("zhon 报", "zho"),  // a new term
            ("zhong1", "zhong"), // a digit
            ("zhon$", "zho$"),   // not narrowing
            ("长春人", "长春"),  // not letters
            ("zhon|bei", "zho|bei"),
            ("!zhon", "!zho"),
            ("src:zhon", "src:zho"),
        ] {
            let g = grown_text(new, old);
            assert_eq!(g, None, "{new:?} from {old:?}");
        }
    }

    #[test]
    fn added_clauses_are_those_beyond_the_old_ones() {
        let added_text = |new: &str, old: &str| {
            let clauses = added(&parse_clauses(new).unwrap(), &parse_clauses(old).unwrap());
            clauses.map(|c| c.len())
        };
        assert_eq!(added_text("xinwen 发", "xinwen"), Some(1));
        assert_eq!(added_text("发 xinwen", "xinwen"), Some(1));
        assert_eq!(added_text("src:晚报 经 !股", "src:晚报"), Some(2));
        assert_eq!(added_text("a a", "a"), Some(1));
        assert_eq!(added_text("a | b c", "a | b"), Some(1));
        for (new, old) in [
            ("xinwen", "xinwen"),   // nothing added
            ("xinwen 发", "xinwe"), // a term grew as well
            ("a", "a a"),
            ("a | b", "a"),
            ("b", "a"),
        ] {
            assert_eq!(added_text(new, old), None, "{new:?} from {old:?}");
        }
    }

    #[test]
    fn other_edits_do_not() {
        let no = [
            ("长春", "长春人"),
            ("", "x"),
            ("ab$", "a$"),
            ("^ab$", "^a$"),
            ("!ab", "!a"),
            ("a | bc", "a | b"),
            ("date:2015-01", "date:2015"),
            ("before:2015-02", "before:2015-01"),
            ("'ab", "ab"),
            ("ab", "'ab"),
            ("ba", "a"),
            ("src:ab", "ab"),
            ("body:ab", "src:a"),
        ];
        for (new, old) in no {
            assert!(!narrows_text(new, old), "{new:?} must not narrow {old:?}");
        }
    }
}
