//! The model as the person index keeps it, and back: an incremental `museum persons` run
//! scores with the model of the last full run (see `dedup::frozen`).

use std::collections::HashMap;

use super::super::compare::Prepared;
use super::super::util::Sym;
use super::{FIELDS, MAX_LEVELS, Model, Stratum, Table};

/// A fitted model, with its nationality strata named by text (see `Model::freeze`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FrozenModel {
    pub(crate) lambda: f64,
    pub(crate) u_sample: usize,
    pub(crate) em_pairs: u64,
    pub(crate) term_frequency: bool,
    pub(crate) records: usize,
    pub(crate) m: Table,
    pub(crate) u: Table,
    pub(crate) name_correlation: [f64; 2],
    /// The model's reported strata: (nationality, pairs sampled).
    pub(crate) strata_sampled: Vec<(String, usize)>,
    /// Per nationality with its own u: (nationality, u, weights), by nationality.
    pub(crate) strata: Vec<(String, Table, Table)>,
    pub(crate) same_name_pairs: [f64; 2],
    pub(crate) p_exact: [f64; 2],
}

/// Every interned text of `p` with its symbol.
pub(crate) fn symbols(p: &Prepared) -> HashMap<&str, Sym> {
    (0..p.strings.len())
        .map(|s| (p.strings.get(s as Sym), s as Sym))
        .collect()
}

/// The model as the person index keeps it ([`FrozenModel`]), and back: an
/// incremental `museum persons` run scores with the model of the last full run.
impl Model {
    /// The model with its nationality strata named by text (`p`: the records it was fitted on).
    pub(crate) fn freeze(&self, p: &Prepared) -> FrozenModel {
        let mut strata: Vec<(String, Table, Table)> = self
            .stratum_tables
            .iter()
            .map(|(nat, s)| (p.strings.get(*nat).to_owned(), s.u, s.w))
            .collect();
        strata.sort_by(|a, b| a.0.cmp(&b.0));
        FrozenModel {
            lambda: self.lambda,
            u_sample: self.u_sample,
            em_pairs: self.em_pairs,
            term_frequency: self.term_frequency,
            records: self.records,
            m: self.m,
            u: self.u,
            name_correlation: self.name_correlation,
            strata_sampled: self.strata.clone(),
            strata,
            same_name_pairs: self.same_name_pairs,
            p_exact: self.p_exact,
        }
    }

    /// The frozen model `f` for the records `p` (strata named by text are looked up there).
    pub(crate) fn thaw(f: &FrozenModel, p: &Prepared) -> Model {
        let syms = symbols(p);
        let mut model = Model {
            fields: Vec::new(),
            lambda: f.lambda,
            u_sample: f.u_sample,
            em_pairs: f.em_pairs,
            term_frequency: f.term_frequency,
            records: f.records,
            w: [[0.0; MAX_LEVELS]; FIELDS],
            u: f.u,
            m: f.m,
            name_correlation: f.name_correlation,
            strata: f.strata_sampled.clone(),
            stratum_tables: crate::hash::FxHashMap::default(),
            same_name_pairs: f.same_name_pairs,
            p_exact: f.p_exact,
        };
        model.refresh();
        for (nat, u, w) in &f.strata {
            if let Some(&s) = syms.get(nat.as_str()) {
                model.stratum_tables.insert(s, Stratum { u: *u, w: *w });
            }
        }
        model
    }
}
