//! The estimation steps of [`super::Model::fit`]: u from random pairs, m from near-certain pairs
//! field by field (leaving the field out), the share of exact names among matches, and the
//! prior.

use super::super::compare::{
    FIELDS, Field, GIVEN_SAME, Levels, NOT_COMPARABLE, Prepared, SURNAME_SAME, SURNAME_STEM,
    compare_levels,
};
use super::super::util::par_chunks;
use super::{FitOptions, MAX_LEVELS, Model, Table, probability};
use crate::rng::Rng;

/// How many independently seeded parts the random-pair sample of [`sample_u`] has.
const U_SAMPLE_PARTS: usize = 16;

/// Counts levels of random pairs: (counts per field and level, pairs sampled).
pub(super) fn sample_u(p: &Prepared, opt: &FitOptions) -> ([[f64; MAX_LEVELS]; FIELDS], usize) {
    let n = p.len();
    let total_pairs = n.saturating_mul(n.saturating_sub(1)) / 2;
    let exhaustive = total_pairs <= opt.u_sample;
    // The sample is cut into a fixed number of parts, each with its own seed, whatever the
    // number of threads: the same input gives the same model (and output) on any machine.
    let per_part = if exhaustive {
        0
    } else {
        opt.u_sample.div_ceil(U_SAMPLE_PARTS)
    };
    let parts = par_chunks(
        if exhaustive { n } else { U_SAMPLE_PARTS },
        opt.threads,
        |range| {
            let mut c = [[0.0; MAX_LEVELS]; FIELDS];
            let mut count = 0usize;
            let mut add = |l: &Levels| {
                for (f, lv) in l.iter().enumerate() {
                    if *lv != NOT_COMPARABLE {
                        c[f][usize::from(*lv)] += 1.0;
                    }
                }
            };
            if exhaustive {
                for i in range {
                    for j in i + 1..n {
                        add(&compare_levels(p, i, j).0);
                        count += 1;
                    }
                }
            } else {
                for t in range {
                    let mut rng = Rng::new(opt.seed ^ (t as u64).wrapping_mul(0x9E37));
                    for _ in 0..per_part {
                        let i = rng.below(n);
                        let j = rng.below(n);
                        if i != j {
                            add(&compare_levels(p, i, j).0);
                            count += 1;
                        }
                    }
                }
            }
            (c, count)
        },
    );
    let mut c = [[0.0; MAX_LEVELS]; FIELDS];
    let mut count = 0;
    for (pc, k) in parts {
        count += k;
        for f in 0..FIELDS {
            for l in 0..MAX_LEVELS {
                c[f][l] += pc[f][l];
            }
        }
    }
    (c, count)
}

/// u from the counts of random pairs (`counts`, per field and level), without the matches
/// among them: a random pair is the same person with probability `lambda` (the prior), so of the
/// `n` pairs comparable on a field about `lambda · n · m` show each level because they are
/// matches. Left in, they make an agreement that only matches show look common: on a list
/// where every person has a few records (FEBRL: one in a thousand random pairs is a match) the
/// random pairs that share a whole address are the person's own records, and an identical
/// address weighed what one in 4,000 pairs shows instead of what almost no two people share.
/// With `lambda` 0 this is plain counting. The default u (`u0`) acts as a weak prior of
/// [`U_PRIOR_PAIRS`] pairs, so a level is never estimated at 0.
pub(super) fn u_without_matches(counts: &Table, u0: &Table, m: &Table, lambda: f64) -> Table {
    let mut u = *u0;
    for f in Field::ALL {
        let k = f.levels().len();
        let fi = f.index();
        let total: f64 = counts[fi][..k].iter().sum();
        let non_matches: Vec<f64> = (0..k)
            .map(|l| (counts[fi][l] - lambda * total * m[fi][l]).max(0.0))
            .collect();
        let rest: f64 = non_matches.iter().sum();
        for l in 0..k {
            u[fi][l] =
                ((non_matches[l] + U_PRIOR_PAIRS * u0[fi][l]) / (rest + U_PRIOR_PAIRS)).max(1e-7);
        }
    }
    u
}

/// Pairs' worth of the default u in the estimated u (see [`u_without_matches`]): weak, so that
/// a list of a few hundred records already speaks for itself.
const U_PRIOR_PAIRS: f64 = 50.0;

/// Among pairs that the fields other than the names make near-certain matches: the share whose
/// surname and given name agree exactly, and the share whose patronymic does too (absent values
/// count as not agreeing).
pub(super) fn exact_names_share(model: &Model, pats: &[(Levels, f64)]) -> [f64; 2] {
    let (s, g, pa) = (
        Field::Surname.index(),
        Field::Given.index(),
        Field::Patronymic.index(),
    );
    let (mut all, mut sg, mut sgp) = (0.0, 0.0, 0.0);
    for (l, c) in pats {
        let mut w = model.prior();
        for f in Field::ALL.iter().skip(3) {
            w += model.weight(*f, l[f.index()]);
        }
        if w < CONFIDENT {
            continue;
        }
        all += c;
        if (l[s] == SURNAME_STEM || l[s] == SURNAME_SAME) && l[g] == GIVEN_SAME {
            sg += c;
            if l[pa] == GIVEN_SAME {
                sgp += c;
            }
        }
    }
    // A weak prior of 20 pairs at the defaults.
    [(sg + 10.0) / (all + 20.0), (sgp + 6.0) / (all + 20.0)]
}

/// Pairs of records whose main names have identical keys: [same surname stem and given name,
/// same surname stem, given name and patronymic stem].
pub(super) fn same_name_pairs(p: &Prepared) -> [f64; 2] {
    // (Sums of whole numbers: the same in any order of the maps.)
    use crate::hash::FxHashMap;
    let mut sg: FxHashMap<(u32, u32), u64> = FxHashMap::default();
    let mut sgp: FxHashMap<(u32, u32, u32), u64> = FxHashMap::default();
    for i in 0..p.len() {
        let Some(name) = p.names_of(i).first() else {
            continue;
        };
        let [Some(s), Some(g), pat] = name.parts else {
            continue;
        };
        if s.is_initial || g.is_initial {
            continue;
        }
        *sg.entry((s.stem, g.folded)).or_default() += 1;
        if let Some(pt) = pat.filter(|x| !x.is_initial) {
            *sgp.entry((s.stem, g.folded, pt.stem)).or_default() += 1;
        }
    }
    let pairs = |n: u64| (n * n.saturating_sub(1) / 2) as f64;
    [
        sg.values().map(|n| pairs(*n)).sum(),
        sgp.values().map(|n| pairs(*n)).sum(),
    ]
}

/// The weight a pattern would have without field `skip` (and with the prior).
pub(super) fn weight_without(model: &Model, l: &Levels, skip: Option<usize>) -> f64 {
    let mut w = model.prior();
    if skip.is_none_or(|f| f > Field::Patronymic.index()) {
        w += model.name_correction(l);
    }
    for f in Field::ALL {
        let fi = f.index();
        if Some(fi) != skip {
            w += model.weight(f, l[fi]);
        }
    }
    w
}

/// Log2 odds above which a pair counts as a near-certain match.
pub(crate) const CONFIDENT: f64 = 10.0;

/// Adds one pair's levels to per-field counts.
pub(super) fn add_levels(c: &mut Table, l: &Levels, weight: f64) {
    for (f, lv) in l.iter().enumerate() {
        if *lv != NOT_COMPARABLE {
            c[f][usize::from(*lv)] += weight;
        }
    }
}

/// m from high-confidence pairs, leaving each field out: for field f, the level distribution of f
/// among pairs whose other fields alone give a weight of at least [`CONFIDENT`], plus the pairs
/// a human decided are the same person (`matches`, labels: counted whatever their weight).
pub(super) fn confident_m(
    model: &Model,
    pats: &[(Levels, f64)],
    matches: &[&Levels],
    m0: &Table,
    strength: f64,
) -> Table {
    let mut acc = [[0.0; MAX_LEVELS]; FIELDS];
    for l in matches {
        add_levels(&mut acc, l, 1.0);
    }
    for (l, c) in pats {
        let full = weight_without(model, l, None);
        for f in Field::ALL {
            let fi = f.index();
            if l[fi] == NOT_COMPARABLE {
                continue;
            }
            if full - model.weight(f, l[fi]) >= CONFIDENT {
                acc[fi][usize::from(l[fi])] += c;
            }
        }
    }
    let mut m = *m0;
    for f in Field::ALL {
        let fi = f.index();
        let k = f.levels().len();
        let sum: f64 = acc[fi][..k].iter().sum();
        for l in 0..k {
            m[fi][l] = ((acc[fi][l] + strength * m0[fi][l]) / (sum + strength)).max(1e-6);
        }
    }
    m
}

/// The prior (probability that two random records match): the expected number of matches among
/// the candidates over all pairs, solved as a fixed point.
pub(super) fn fit_lambda(model: &Model, pats: &[(Levels, f64)], total_pairs: f64) -> f64 {
    let ws: Vec<(f64, f64)> = pats
        .iter()
        .map(|(l, c)| (weight_without(model, l, None) - model.prior(), *c))
        .collect();
    let mut lambda = model.lambda;
    for _ in 0..100 {
        let prior = (lambda / (1.0 - lambda)).log2();
        let matches: f64 = ws.iter().map(|(w, c)| probability(prior + w) * c).sum();
        let next = (matches / total_pairs).clamp(1e-12, 0.5);
        if (next - lambda).abs() <= lambda * 1e-4 {
            return next;
        }
        lambda = next;
    }
    lambda
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_matches_among_random_pairs_are_taken_out_of_u() {
        // 100,000 random pairs of a list where one pair in a thousand is a match, and matches
        // share the whole address 80% of the time: 80 of the 100 pairs with the same address
        // are the same person, so u of `same` is about 20 in 100,000, not 100.
        let place = Field::BirthPlace.index();
        let mut counts = [[0.0; MAX_LEVELS]; FIELDS];
        counts[place][..4].copy_from_slice(&[99_800.0, 80.0, 20.0, 100.0]);
        let (m0, u0) = super::super::defaults();
        let mut m = m0;
        m[place][..4].copy_from_slice(&[0.05, 0.05, 0.1, 0.8]);
        let plain = u_without_matches(&counts, &u0, &m, 0.0);
        let without = u_without_matches(&counts, &u0, &m, 0.001);
        assert!((plain[place][3] - 0.001).abs() < 5e-5, "{:?}", plain[place]);
        assert!(
            without[place][3] < 0.25 * plain[place][3],
            "{:?}",
            without[place]
        );
        // Still a distribution, never 0, and disagreement is left about as it was.
        let sum: f64 = without[place][..4].iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!(without[place][..4].iter().all(|u| *u > 0.0));
        assert!((without[place][0] - plain[place][0]).abs() < 1e-3);
    }
}
