//! Names written in the other field: a surname and a given name swapped (a two-part name read
//! in the other order, a list with its columns exchanged), swapped with a slip in one of them,
//! or one name moved to the other field while the other was replaced or left out.
//!
//! Only pairs whose surnames and given names both disagree in place are looked at
//! ([`name_levels`](super::name_levels) calls [`crossed`] then). Each name is compared with the
//! other record's name in the other field as surnames are (stems, Jaro–Winkler, sounds):
//!
//! | crossed names | surname level | given name level |
//! |---|---|---|
//! | both similar (a plain swap) | the lower of the two | similar |
//! | one similar, the other weakly similar (a swap with a slip) | weakly similar | weakly similar |
//! | one similar, the other different (a name moved across) | loosely similar | loosely similar |
//!
//! The levels are the fields' own, so the model learns what they weigh on each list; a moved name
//! lifts the pair from "different" only to "loosely similar", the level random pairs of names
//! reach often (it weighs little), and its similarities stay those of the names in place, so a
//! given name that differs is still a conflict ([`super::conflict`]): in a Kazakh family the son's
//! surname is often the father's given name (`Кашкынбай` → `Кашкынбаев`), and a moved name
//! alone never joins two people the rest of the record tells apart.

use super::{InternedName, LOOSE, LOOSE_JW, Part, SURNAME_STEM};
use crate::dedup::util::{Interner, jaro_winkler_from};
use crate::normalize::{phonetic, surname_stem};

/// Crossed-name agreement of `x` (a given name read as a surname) with the surname `y`:
/// [`SURNAME_STEM`] for the same stem, 3 similar, 2 weakly similar, else 0; and the similarity.
/// The thresholds are the surname level's own ([`super::surname_level`]), so a crossed name
/// agrees exactly when it would agree in place.
fn cross(st: &Interner, x: &Part, y: &Part) -> (u8, f64) {
    // A cheap check first: below it no level is reached.
    if x.is_initial
        || y.is_initial
        || jaro_winkler_from(st.get(x.folded), st.get(y.folded), LOOSE_JW) < LOOSE_JW
    {
        return (0, 0.0);
    }
    let xs = surname_stem(st.get(x.folded));
    if xs == st.get(y.stem) {
        return (SURNAME_STEM, 1.0);
    }
    let jw = jaro_winkler_from(&xs, st.get(y.stem), 0.8);
    let phon = phonetic(&xs, false)
        .iter()
        .any(|c| y.phon.iter().any(|p| *p != super::NONE && st.get(*p) == c));
    let level = if (phon && jw >= 0.80) || jw >= 0.92 {
        3
    } else if phon || jw >= 0.85 {
        2
    } else {
        0
    };
    (level, jw)
}

/// The surname and given name levels of names `a` and `b` read crossed, when they agree so (see
/// the module documentation), and the similarity the surname gets (`None` for "loosely
/// similar": the similarities in place stay). Only meaningful for names whose surnames and given
/// names both disagree in place (at most [`LOOSE`]).
pub(crate) fn crossed_levels(
    st: &Interner,
    a: &InternedName,
    b: &InternedName,
) -> Option<(u8, u8, Option<f64>)> {
    let (Some(as_), Some(ag), Some(bs), Some(bg)) =
        (&a.parts[0], &a.parts[1], &b.parts[0], &b.parts[1])
    else {
        return None;
    };
    let (l1, s1) = cross(st, ag, bs);
    let (l2, s2) = cross(st, bg, as_);
    combine(l1, l2, s1.min(s2))
}

/// [`crossed_levels`]' levels alone, the crossed names' agreement looked up in the list's memo
/// where it was compared before (what a run compares).
pub(crate) fn crossed_levels_fast(
    p: &super::Prepared,
    a: &InternedName,
    b: &InternedName,
) -> Option<(u8, u8)> {
    let (Some(as_), Some(ag), Some(bs), Some(bg)) =
        (&a.parts[0], &a.parts[1], &b.parts[0], &b.parts[1])
    else {
        return None;
    };
    let cross = |x: &Part, y: &Part| {
        // (`cross`'s own first check, told from the parts' shapes where it can be.)
        if x.is_initial || y.is_initial || x.folded_shape().jw_below(y.folded_shape(), LOOSE_JW) {
            return 0;
        }
        p.memo
            .crossed
            .level(x.id, y.id, || cross(&p.strings, x, y).0)
    };
    let (l1, l2) = (cross(ag, bs), cross(bg, as_));
    combine(l1, l2, 0.0).map(|(s, g, _)| (s, g))
}

/// The levels of names read crossed whose two crossed agreements are `l1` and `l2`, the surname's
/// similarity `sim` unless only loosely similar (see the module documentation).
fn combine(l1: u8, l2: u8, sim: f64) -> Option<(u8, u8, Option<f64>)> {
    let (hi, lo) = (l1.max(l2), l1.min(l2));
    if hi < 3 {
        return None;
    }
    Some(if lo >= 3 {
        (lo, super::GIVEN_SIMILAR, Some(sim))
    } else if lo == 2 {
        (2, 3, Some(sim))
    } else {
        (LOOSE, LOOSE, None)
    })
}

/// Lifts the surname and given name levels (`lv[0]`, `lv[1]`) of names `a` and `b` whose
/// surnames and given names both disagree in place (at most [`LOOSE`]) when the names agree
/// crossed ([`crossed_levels`]).
pub(super) fn crossed(
    st: &Interner,
    a: &InternedName,
    b: &InternedName,
    lv: &mut [u8; 3],
    sim: &mut [f64; 3],
) {
    debug_assert!(lv[0] <= LOOSE && lv[1] <= LOOSE);
    if let Some((surname, given, s)) = crossed_levels(st, a, b) {
        lv[0] = surname;
        lv[1] = given;
        if let Some(s) = s {
            sim[0] = s;
            sim[1] = s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::rec;
    use super::super::{LOOSE_JW, Prepared, name_levels};
    use crate::model::PersonName;

    /// Name levels of two names `(surname, given)` as written (their first readings).
    fn levels(a: (&str, &str), b: (&str, &str)) -> [u8; 3] {
        let recs: Vec<_> = [a, b]
            .iter()
            .map(|(surname, given)| {
                let mut r = rec(surname, "x", None);
                r.names = vec![PersonName::from_parts(Some(surname), Some(given), None)];
                r
            })
            .collect();
        let p = Prepared::build(&recs, 1);
        let (x, y) = (&p.names_of(0)[0], &p.names_of(1)[0]);
        name_levels(&p.strings, &p.latin, x, y, LOOSE_JW).0
    }

    #[test]
    fn a_plain_swap_agrees_as_similar_names() {
        let lv = levels(("timothy", "coffey"), ("coffey", "timothy"));
        assert!(lv[0] >= 3 && lv[1] == super::super::GIVEN_SIMILAR, "{lv:?}");
    }

    #[test]
    fn a_swap_with_a_slip_agrees_weakly() {
        // FEBRL 1, rec-37: `elixa nguy en` ~ `nguyen eliza`.
        let lv = levels(("elixa", "nguy en"), ("nguyen", "eliza"));
        assert_eq!(&lv[..2], &[2, 3], "{lv:?}");
    }

    #[test]
    fn a_name_moved_across_agrees_loosely() {
        // FEBRL 1, rec-306: `timothy dominey` ~ `coffey timothy`.
        let lv = levels(("timothy", "dominey"), ("coffey", "timothy"));
        assert_eq!(&lv[..2], &[super::LOOSE, super::LOOSE], "{lv:?}");
        // Different names in both fields and crossed stay different.
        let lv = levels(("reid", "rosie"), ("brain", "kyle"));
        assert_eq!(&lv[..2], &[0, 0], "{lv:?}");
    }
}
