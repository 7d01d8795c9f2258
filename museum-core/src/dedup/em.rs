//! Soft EM over several training passes, as Splink estimates m.
//!
//! Pairs found by blocking on a field all agree on it, so they say nothing about how often the
//! records of one person agree on that field. Each training pass therefore takes the pairs of
//! records sharing one key (the birth day; the surname stem; the given name and birth year) and
//! learns m only for the fields its key does not use: the m of the surname comes from the passes
//! on the birth day and on the given name, never from the pass on the surname.
//!
//! Within a pass, the E-step gives each comparison pattern its posterior probability of being a
//! match, from the pass's own prior and the weights of the fields the pass does not block on; the
//! M-step sets m of every field to the posterior-weighted share of its levels, over all passes
//! that do not block on it, plus the default m as pseudo-counts. u stays as sampled from random
//! pairs. Levels are kept ordered after every M-step ([`super::levels::monotone`]).

use std::collections::HashMap;

use super::compare::{
    FIELDS, Field, Levels, NOT_COMPARABLE, Prepared, compare_levels, pack, unpack,
};
use super::levels::{MAX_LEVELS, Table, monotone, probability};
use super::util::par_chunks;

/// A training pass: the key its pairs share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pass {
    /// The same birth day (dates known to the day).
    BirthDay,
    /// The same surname stem.
    Surname,
    /// The same given name and birth year.
    GivenYear,
}

impl Pass {
    /// Every pass.
    pub(crate) const ALL: [Pass; 3] = [Pass::BirthDay, Pass::Surname, Pass::GivenYear];

    /// The fields the pass blocks on: their m is not learned from it.
    pub(crate) fn blocked(self) -> &'static [Field] {
        match self {
            Pass::BirthDay => &[Field::Birth],
            Pass::Surname => &[Field::Surname],
            Pass::GivenYear => &[Field::Given, Field::Birth],
        }
    }

    fn key(self, p: &Prepared, i: usize) -> Option<u64> {
        let r = &p.recs[i];
        let name = p.names_of(i).first();
        let part = |k: usize| name.and_then(|n| n.parts[k]).filter(|x| !x.is_initial);
        match self {
            Pass::BirthDay => {
                (r.birth.is_some() && r.birth.width() == 0).then(|| u64::from(r.birth.lo as u32))
            }
            Pass::Surname => part(0).map(|s| u64::from(s.stem)),
            Pass::GivenYear => part(1)
                .filter(|_| r.birth_year != 0)
                .map(|g| (u64::from(g.folded) << 16) | u64::from(r.birth_year as u16)),
        }
    }
}

/// A pass's comparison patterns (in key order), the fields it blocks on and its prior.
#[derive(Debug, Clone)]
pub(crate) struct PassPatterns {
    /// Indices of the fields the pass blocks on.
    pub(crate) blocked: Vec<usize>,
    pub(crate) patterns: Vec<(Levels, f64)>,
    /// The share of the pass's pairs that are matches (re-estimated by every E-step).
    pub(crate) lambda: f64,
}

/// Members of a key group compared all with all; larger groups in a window of this many.
const GROUP_ALL: usize = 40;
const WINDOW: usize = 12;

/// The comparison patterns of a pass, over at most about `limit` pairs (a deterministic sample
/// of the key groups when there are more).
pub(crate) fn pass_patterns(
    p: &Prepared,
    pass: Pass,
    limit: usize,
    threads: usize,
) -> PassPatterns {
    let mut keyed: Vec<(u64, u64, u32)> = (0..p.len())
        .filter_map(|i| pass.key(p, i).map(|k| (k, p.recs[i].fingerprint, i as u32)))
        .collect();
    keyed.sort_unstable();
    // Groups of one key: (start, end).
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut s = 0;
    for e in 1..=keyed.len() {
        if e == keyed.len() || keyed[e].0 != keyed[s].0 {
            if e - s >= 2 {
                groups.push((s, e));
            }
            s = e;
        }
    }
    let pairs_of = |n: usize| {
        if n <= GROUP_ALL {
            n * (n - 1) / 2
        } else {
            (n - 1) * WINDOW - WINDOW * (WINDOW - 1) / 2
        }
    };
    let total: usize = groups.iter().map(|(s, e)| pairs_of(e - s)).sum();
    let stride = total.div_ceil(limit.max(1)).max(1) as u64;
    let counted = par_chunks(groups.len(), threads, |range| {
        let mut c: HashMap<u64, f64> = HashMap::new();
        for &(s, e) in &groups[range] {
            // Whole groups are sampled, by their key: the sample does not depend on threads.
            let key = keyed[s].0;
            if !super::util::in_sample(key, stride) {
                continue;
            }
            let m = &keyed[s..e];
            let window = if m.len() <= GROUP_ALL {
                m.len()
            } else {
                WINDOW
            };
            for (k, a) in m.iter().enumerate() {
                for b in m[k + 1..].iter().take(window) {
                    let l = compare_levels(p, a.2 as usize, b.2 as usize).0;
                    *c.entry(pack(&l)).or_default() += 1.0;
                }
            }
        }
        c
    });
    let mut all: HashMap<u64, f64> = HashMap::new();
    for c in counted {
        for (k, v) in c {
            *all.entry(k).or_default() += v;
        }
    }
    let mut all: Vec<(u64, f64)> = all.into_iter().collect();
    all.sort_unstable_by_key(|x| x.0);
    PassPatterns {
        blocked: pass.blocked().iter().map(|f| f.index()).collect(),
        patterns: all.into_iter().map(|(k, c)| (unpack(k), c)).collect(),
        lambda: 0.1,
    }
}

/// What the soft EM needs besides the passes.
pub(crate) struct EmSetup<'a> {
    /// Levels per field.
    pub(crate) levels: [usize; FIELDS],
    /// u per field and level (fixed).
    pub(crate) u: &'a Table,
    /// Default m: the starting point and the pseudo-counts.
    pub(crate) m0: &'a Table,
    /// Pseudo-pairs of the default m in each field's m.
    pub(crate) strength: f64,
    /// Pairs labelled `same` by people: counted fully in every field's m.
    pub(crate) matches: &'a [&'a Levels],
    /// Name fields (their joint correction applies only when no name field is blocked).
    pub(crate) names: &'a [usize],
    /// The namesake correction of a pattern under m (log2).
    pub(crate) correction: &'a dyn Fn(&Table, &Levels) -> f64,
}

/// Runs soft EM from `m` for at most `iterations` rounds (stopping when m moves less than
/// 1e-6): the fitted m, levels kept ordered.
pub(crate) fn soft_em(
    passes: &mut [PassPatterns],
    setup: &EmSetup<'_>,
    mut m: Table,
    iterations: usize,
) -> Table {
    for _ in 0..iterations {
        let w = weights(&m, setup);
        let mut acc = [[0.0; MAX_LEVELS]; FIELDS];
        for l in setup.matches {
            for (f, lv) in l.iter().enumerate() {
                if *lv != NOT_COMPARABLE {
                    acc[f][usize::from(*lv)] += 1.0;
                }
            }
        }
        for pp in passes.iter_mut() {
            e_step(pp, &w, &m, setup, &mut acc);
        }
        let mut next = m;
        for (f, k) in setup.levels.iter().enumerate() {
            let sum: f64 = acc[f][..*k].iter().sum();
            for l in 0..*k {
                next[f][l] = ((acc[f][l] + setup.strength * setup.m0[f][l])
                    / (sum + setup.strength))
                    .max(1e-6);
            }
            monotone(&mut next[f][..*k], &setup.u[f][..*k]);
        }
        let moved = (0..FIELDS)
            .flat_map(|f| (0..MAX_LEVELS).map(move |l| (f, l)))
            .map(|(f, l)| (next[f][l] - m[f][l]).abs())
            .fold(0.0, f64::max);
        m = next;
        if moved < 1e-6 {
            break;
        }
    }
    m
}

/// Each pass's prior under a fixed `m` (E-steps alone, until it settles).
pub(crate) fn fit_priors(passes: &mut [PassPatterns], setup: &EmSetup<'_>, m: &Table) {
    let w = weights(m, setup);
    let mut scratch = [[0.0; MAX_LEVELS]; FIELDS];
    for pp in passes.iter_mut() {
        for _ in 0..200 {
            let before = pp.lambda;
            e_step(pp, &w, m, setup, &mut scratch);
            if (pp.lambda - before).abs() <= before * 1e-4 {
                break;
            }
        }
    }
}

fn weights(m: &Table, setup: &EmSetup<'_>) -> Table {
    let mut w = [[0.0; MAX_LEVELS]; FIELDS];
    for (f, k) in setup.levels.iter().enumerate() {
        for l in 0..*k {
            w[f][l] = (m[f][l] / setup.u[f][l]).log2().clamp(-20.0, 20.0);
        }
    }
    w
}

/// One E-step over a pass: adds the posterior-weighted levels of its unblocked fields to `acc`
/// and re-estimates the pass's prior.
fn e_step(pp: &mut PassPatterns, w: &Table, m: &Table, setup: &EmSetup<'_>, acc: &mut Table) {
    let lambda = pp.lambda.clamp(1e-9, 1.0 - 1e-9);
    let prior = (lambda / (1.0 - lambda)).log2();
    let names_free = !pp.blocked.iter().any(|b| setup.names.contains(b));
    let (mut matches, mut total) = (0.0, 0.0);
    for (l, c) in &pp.patterns {
        let mut x = prior;
        if names_free {
            x += (setup.correction)(m, l);
        }
        for (f, lv) in l.iter().enumerate() {
            if *lv != NOT_COMPARABLE && !pp.blocked.contains(&f) {
                x += w[f][usize::from(*lv)];
            }
        }
        let q = probability(x) * c;
        for (f, lv) in l.iter().enumerate() {
            if *lv != NOT_COMPARABLE && !pp.blocked.contains(&f) {
                acc[f][usize::from(*lv)] += q;
            }
        }
        matches += q;
        total += c;
    }
    if total > 0.0 {
        pp.lambda = (matches / total).clamp(1e-6, 1.0 - 1e-6);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three binary fields (disagree, agree) and a mixture of known m, u and share of matches.
    fn mixture(m: [f64; 3], u: [f64; 3], lambda: f64, blocked: usize, pairs: f64) -> PassPatterns {
        let mut patterns = Vec::new();
        for bits in 0..8u8 {
            let mut l = [NOT_COMPARABLE; FIELDS];
            let (mut pm, mut pu) = (1.0, 1.0);
            for f in 0..3 {
                let agree = (bits >> f) & 1 == 1;
                l[f] = u8::from(agree);
                pm *= if agree { m[f] } else { 1.0 - m[f] };
                pu *= if agree { u[f] } else { 1.0 - u[f] };
            }
            // The pass blocks on `blocked`: only pairs agreeing on it are found.
            if l[blocked] == 1 {
                patterns.push((l, pairs * (lambda * pm + (1.0 - lambda) * pu)));
            }
        }
        PassPatterns {
            blocked: vec![blocked],
            patterns,
            lambda: 0.1,
        }
    }

    fn table(v: [f64; 3]) -> Table {
        let mut t = [[0.0; MAX_LEVELS]; FIELDS];
        for row in &mut t {
            row[0] = 0.5;
            row[1] = 0.5;
        }
        for (f, x) in v.iter().enumerate() {
            t[f][0] = 1.0 - x;
            t[f][1] = *x;
        }
        t
    }

    fn setup<'a>(u: &'a Table, m0: &'a Table, strength: f64) -> EmSetup<'a> {
        EmSetup {
            levels: [2; FIELDS],
            u,
            m0,
            strength,
            matches: &[],
            names: &[0, 1],
            correction: &|_, _| 0.0,
        }
    }

    #[test]
    fn converges_to_the_m_of_a_known_mixture() {
        let (m_true, u_true) = ([0.9, 0.8, 0.95], [0.05, 0.1, 0.2]);
        let u = table(u_true);
        let m0 = table([0.6, 0.6, 0.6]);
        // Each field's m is learned from the passes that do not block on it.
        let mut passes = vec![
            mixture(m_true, u_true, 0.02, 0, 1e6),
            mixture(m_true, u_true, 0.02, 1, 1e6),
        ];
        let m = soft_em(&mut passes, &setup(&u, &m0, 1.0), m0, 500);
        for f in 0..3 {
            assert!(
                (m[f][1] - m_true[f]).abs() < 0.01,
                "field {f}: m {} vs {}",
                m[f][1],
                m_true[f]
            );
        }
        // Each pass's prior: the share of matches among the pairs it finds.
        let found = |b: usize| 0.02 * m_true[b] / (0.02 * m_true[b] + 0.98 * u_true[b]);
        for (pp, b) in passes.iter().zip([0, 1]) {
            assert!(
                (pp.lambda - found(b)).abs() < 0.01,
                "{} vs {}",
                pp.lambda,
                found(b)
            );
        }
    }

    #[test]
    fn a_pass_compares_the_records_sharing_its_key() {
        use super::super::compare::tests::rec;
        let recs = vec![
            rec("a", "Жумабаев Асан", Some("1901-02-03")),
            rec("b", "Жумабаев Асан", Some("1901-02-03")),
            rec("c", "Жумабаева Айша", Some("1905")),
            rec("d", "Сейфуллин Асан", Some("1901-02-03")),
        ];
        let p = Prepared::build(&recs, 1);
        let by_surname = pass_patterns(&p, Pass::Surname, 1000, 2);
        // a, b, c share the surname stem: three pairs, every one agreeing on it.
        assert_eq!(by_surname.patterns.iter().map(|x| x.1).sum::<f64>(), 3.0);
        assert!(by_surname.patterns.iter().all(|(l, _)| l[0] >= 3));
        assert_eq!(by_surname.blocked, vec![Field::Surname.index()]);
        // a, b, d share the birth day.
        let by_day = pass_patterns(&p, Pass::BirthDay, 1000, 1);
        assert_eq!(by_day.patterns.iter().map(|x| x.1).sum::<f64>(), 3.0);
        assert!(by_day.patterns.iter().all(|(l, _)| l[3] == 4));
    }

    #[test]
    fn levels_stay_ordered() {
        // A mixture in which agreeing on field 2 is rarer among matches than among the rest:
        // learned freely, agreement would weigh against a match. It is pooled instead.
        let (m_true, u_true) = ([0.9, 0.8, 0.1], [0.05, 0.1, 0.3]);
        let u = table(u_true);
        let m0 = table([0.6, 0.6, 0.6]);
        let mut passes = vec![
            mixture(m_true, u_true, 0.05, 0, 1e5),
            mixture(m_true, u_true, 0.05, 1, 1e5),
        ];
        let m = soft_em(&mut passes, &setup(&u, &m0, 1.0), m0, 200);
        for f in 0..3 {
            let w0 = (m[f][0] / u[f][0]).log2();
            let w1 = (m[f][1] / u[f][1]).log2();
            assert!(w1 >= w0 - 1e-9, "field {f}: {w0} > {w1}");
            assert!((m[f][0] + m[f][1] - 1.0).abs() < 1e-9);
        }
        assert!((m[2][1] - u[2][1]).abs() < 1e-9, "pooled: weight 0");
        assert!(m[0][1] > 0.85 && m[1][1] > 0.75, "{:?} {:?}", m[0], m[1]);
    }
}
