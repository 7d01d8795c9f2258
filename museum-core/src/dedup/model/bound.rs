//! The most a field can add to a pair's match weight ([`Model::level_bound`]): what the early
//! exit of a run's comparison (`model::early_exit`) stops on.

use super::{Field, GIVEN_SAME, Model, NOT_COMPARABLE, SURNAME_SAME, SURNAME_STEM};

/// The largest term-frequency adjustment ([`Model::tf_adjust_in`] clamps it to ±5).
const TF_MAX: f64 = 5.0;

/// Whether [`Model::tf_adjust_in`] may adjust level `level` of field `f` (the levels of exact
/// agreement on a value that has a frequency).
fn has_tf(f: Field, level: u8) -> bool {
    match f {
        Field::Surname => matches!(level, SURNAME_STEM | SURNAME_SAME),
        Field::Given => level == GIVEN_SAME,
        Field::BirthPlace => level == 3,
        Field::Arrest | Field::SentenceDate | Field::Death => matches!(level, 2 | 3),
        _ => false,
    }
}

impl Model {
    /// The most field `f` at `level` can add to any pair's match weight ([`Model::field_weight`]'s
    /// weight plus adjustment): the level's largest weight over the whole list's table and every
    /// nationality's, plus the largest term-frequency adjustment where the level has one. 0 for
    /// [`NOT_COMPARABLE`].
    pub(crate) fn level_bound(&self, f: Field, level: u8) -> f64 {
        if level == NOT_COMPARABLE {
            return 0.0;
        }
        let (fi, l) = (f.index(), usize::from(level));
        let mut w = self.w[fi][l];
        if f != Field::Nationality {
            for s in self.stratum_tables.values() {
                w = w.max(s.w[fi][l]);
            }
        }
        if self.adjusts(f, level) {
            w + TF_MAX
        } else {
            w
        }
    }

    /// Whether a term frequency may adjust field `f` at `level` (a pair's weight is then
    /// computed exactly rather than bounded).
    pub(crate) fn adjusts(&self, f: Field, level: u8) -> bool {
        self.term_frequency && has_tf(f, level)
    }
}
