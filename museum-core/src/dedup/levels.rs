//! The agreement levels of a field as numbers: the m/u tables, keeping levels ordered, and
//! turning a weight into a probability. Below the model ([`super::model`]), the soft EM
//! ([`super::em`]) and the saved model ([`super::model_file`]), which all use them.

use super::compare::FIELDS;

/// The most levels a field has.
pub(crate) const MAX_LEVELS: usize = 6;

/// A value per field and level (m or u).
pub(crate) type Table = [[f64; MAX_LEVELS]; FIELDS];

/// Makes the likelihood ratios `m/u` of ordered levels (from disagreement up) non-decreasing,
/// so that a closer agreement never weighs less than a looser one: adjacent levels that violate
/// the order are pooled (pool-adjacent-violators on the ratio, weighted by `u`) and share their
/// pooled ratio. `m` keeps its total, so it stays a distribution; with `m` and `u` both
/// distributions the lowest level then weighs ≤ 0 and the highest ≥ 0.
pub(crate) fn monotone(m: &mut [f64], u: &[f64]) {
    // Blocks of pooled levels: (first level, sum of m, sum of u).
    let mut blocks: Vec<(usize, f64, f64)> = Vec::with_capacity(m.len());
    for l in 0..m.len() {
        blocks.push((l, m[l], u[l]));
        while blocks.len() > 1 {
            let (_, m1, u1) = blocks[blocks.len() - 1];
            let (_, m0, u0) = blocks[blocks.len() - 2];
            // m0/u0 > m1/u1, without dividing.
            if m0 * u1 > m1 * u0 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last].1 += m1;
                blocks[last].2 += u1;
            } else {
                break;
            }
        }
    }
    for (b, &(lo, bm, bu)) in blocks.iter().enumerate() {
        let hi = blocks.get(b + 1).map_or(m.len(), |x| x.0);
        if hi - lo > 1 {
            for l in lo..hi {
                m[l] = u[l] * bm / bu;
            }
        }
    }
}

/// The logistic of a log2-odds weight.
pub(crate) fn probability(w: f64) -> f64 {
    1.0 / (1.0 + (-w).exp2())
}
