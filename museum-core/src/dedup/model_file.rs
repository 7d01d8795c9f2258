//! A trained model as a file (`museum dedup --save-model FILE`, `--model FILE`), and how two
//! models' weights differ.
//!
//! The file is JSON:
//!
//! ```json
//! {
//!   "format": "museum-dedup-model",
//!   "version": 2,
//!   "records": 20000,
//!   "lambda": 0.00008,
//!   "term_frequency": true,
//!   "exact_names_share": [0.62, 0.41],
//!   "fields": [
//!     {"field": "surname", "levels": [
//!       {"level": "different", "m": 0.02, "u": 0.97, "weight": -5.6},
//!       {"level": "same", "m": 0.71, "u": 0.0021, "weight": 8.4}]}
//!   ]
//! }
//! ```
//!
//! `m` = P(level | same person), `u` = P(level | different people), `weight` = log2(m/u) (written
//! for people; on reading it is recomputed from `m` and `u`). `records` and `lambda` say what the
//! model was trained on; a model applied to another list keeps its `m` and `u` and learns the
//! prior of that list again (the chance that two random records are one person depends on the
//! list's size). Every field of the model must be present with its levels in order.
//!
//! Version 2 added the `similar` level of `birth_place` (between `overlapping` and `same`) and
//! the `loosely similar` level of the names. A version 1 file is still read: each level it lacks
//! takes half of the m and u of the level below it, so it weighs what that level weighed and
//! every other weight stays as saved.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::compare::{FIELDS, Field};
use super::levels::MAX_LEVELS;
use super::model::{Fixed, Model};
use crate::error::{Error, ErrorKind, Result};

/// The `format` value of a model file.
pub const MODEL_FORMAT: &str = "museum-dedup-model";

/// The version of the model file shape written.
pub const MODEL_VERSION: u32 = 2;

/// The levels version 2 added, per field: (field, level, the level below it whose m and u a
/// version 1 file splits with it).
const ADDED_IN_V2: &[(&str, &str, &str)] = &[
    ("surname", "loosely similar", "different"),
    ("given_name", "loosely similar", "different"),
    ("patronymic", "loosely similar", "different"),
    ("birth_place", "similar", "overlapping"),
];

/// One level of a field in a model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelWeights {
    /// The level's label (`same`, `1 year apart`…).
    pub level: String,
    /// P(level | same person).
    pub m: f64,
    /// P(level | different people).
    pub u: f64,
    /// log2(m/u).
    pub weight: f64,
}

/// One field of a model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldFile {
    /// The field (`surname`, `birth_place`…).
    pub field: String,
    /// Its levels, from disagreement up.
    pub levels: Vec<LevelWeights>,
}

/// A trained model, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    /// Always [`MODEL_FORMAT`].
    pub format: String,
    /// The version of the shape ([`MODEL_VERSION`]; version 1 files are read too).
    pub version: u32,
    /// Records of the list it was trained on.
    pub records: usize,
    /// The prior it learned there: the probability that two random records are one person.
    pub lambda: f64,
    /// Whether term-frequency adjustment was on.
    pub term_frequency: bool,
    /// Among matches: the share whose surname and given name agree exactly, and whose
    /// patronymic does too (for the namesake correction).
    pub exact_names_share: [f64; 2],
    /// Per-field levels with m, u and weight.
    pub fields: Vec<FieldFile>,
}

/// The m and u tables of a model file, checked.
pub(crate) type Tables = ([[f64; MAX_LEVELS]; FIELDS], [[f64; MAX_LEVELS]; FIELDS]);

impl ModelFile {
    /// The file of a fitted model.
    pub fn of(model: &Model) -> ModelFile {
        ModelFile {
            format: MODEL_FORMAT.to_owned(),
            version: MODEL_VERSION,
            records: model.records(),
            lambda: model.lambda,
            term_frequency: model.term_frequency,
            exact_names_share: model.exact_names_share(),
            fields: model
                .fields
                .iter()
                .map(|f| FieldFile {
                    field: f.field.as_str().to_owned(),
                    levels: f
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(l, label)| LevelWeights {
                            level: (*label).to_owned(),
                            m: f.m[l],
                            u: f.u[l],
                            weight: f.weight[l],
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    /// Reads and checks a model file.
    ///
    /// # Errors
    /// When the file cannot be read, is not JSON of this shape, or its fields or levels are not
    /// those of this version (the message names the field and level).
    pub fn read(path: &Path) -> Result<ModelFile> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io("read", path, e))?;
        let bad = |reason: String| {
            Error::from(ErrorKind::UnsupportedFormat {
                path: path.to_owned(),
                reason,
            })
        };
        let mut file: ModelFile = serde_json::from_str(&text)
            .map_err(|e| bad(format!("not a museum dedup model: {e}")))?;
        if file.format != MODEL_FORMAT {
            return Err(bad(format!(
                "`format` is `{}`, expected `{MODEL_FORMAT}`",
                file.format
            )));
        }
        match file.version {
            1 => file.upgrade_v1(),
            MODEL_VERSION => {}
            v => {
                return Err(bad(format!(
                    "model version {v} is not supported (this museum reads versions 1 and \
                     {MODEL_VERSION}: save the model again with this museum's `--save-model`)"
                )));
            }
        }
        file.tables().map_err(bad)?;
        Ok(file)
    }

    /// A version 1 file in the version 2 shape: each level added in version 2 takes half of the
    /// m and u of the level below it (so both weigh what that level weighed). A field whose
    /// levels are not version 1's is left as it is (and rejected by [`ModelFile::tables`]).
    fn upgrade_v1(&mut self) {
        for &(field, added, below) in ADDED_IN_V2 {
            let Some(ff) = self.fields.iter_mut().find(|f| f.field == field) else {
                continue;
            };
            if ff.levels.iter().any(|l| l.level == added) {
                continue;
            }
            let Some(k) = ff.levels.iter().position(|l| l.level == below) else {
                continue;
            };
            let lower = &mut ff.levels[k];
            lower.m /= 2.0;
            lower.u /= 2.0;
            let new = LevelWeights {
                level: added.to_owned(),
                ..lower.clone()
            };
            ff.levels.insert(k + 1, new);
        }
        self.version = MODEL_VERSION;
    }

    /// What the model fixes when matching reuses it (`--model`): its tables (when they fit),
    /// the share of exact names among matches and whether it used term frequencies.
    pub(crate) fn fixed(&self) -> Fixed {
        Fixed {
            tables: self.tables().ok(),
            exact_names_share: self.exact_names_share,
            term_frequency: self.term_frequency,
        }
    }

    /// The m and u tables, checked: every field present once, its levels in order, each m and
    /// u a probability, each field's m and u summing to 1.
    pub(crate) fn tables(&self) -> std::result::Result<Tables, String> {
        let mut m = [[0.0; MAX_LEVELS]; FIELDS];
        let mut u = [[0.0; MAX_LEVELS]; FIELDS];
        for f in Field::ALL {
            let found: Vec<&FieldFile> = self
                .fields
                .iter()
                .filter(|x| x.field == f.as_str())
                .collect();
            let [ff] = found.as_slice() else {
                return Err(format!(
                    "field `{}` must appear exactly once (found {} times)",
                    f.as_str(),
                    found.len()
                ));
            };
            let labels = f.levels();
            let got: Vec<&str> = ff.levels.iter().map(|l| l.level.as_str()).collect();
            if got != labels {
                return Err(format!(
                    "field `{}` has levels {got:?}, expected {labels:?}",
                    f.as_str()
                ));
            }
            for (l, lw) in ff.levels.iter().enumerate() {
                for (what, v) in [("m", lw.m), ("u", lw.u)] {
                    if !(v.is_finite() && v > 0.0 && v <= 1.0) {
                        return Err(format!(
                            "field `{}`, level `{}`: {what} = {v} is not a probability above 0",
                            f.as_str(),
                            lw.level
                        ));
                    }
                }
                m[f.index()][l] = lw.m;
                u[f.index()][l] = lw.u;
            }
            for (what, t) in [("m", &m), ("u", &u)] {
                let sum: f64 = t[f.index()][..labels.len()].iter().sum();
                if (sum - 1.0).abs() > 1e-3 {
                    return Err(format!(
                        "field `{}`: its levels' {what} sum to {sum}, not 1",
                        f.as_str()
                    ));
                }
            }
        }
        if let Some(extra) = self
            .fields
            .iter()
            .find(|x| !Field::ALL.iter().any(|f| f.as_str() == x.field))
        {
            return Err(format!("unknown field `{}`", extra.field));
        }
        Ok((m, u))
    }
}

/// How one level's weight moved between two models.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeightChange {
    /// The field.
    pub field: Field,
    /// The level's label.
    pub level: &'static str,
    /// The weight in the first model.
    pub before: f64,
    /// The weight in the second model.
    pub after: f64,
}

/// Every level whose weight differs by more than `tolerance` between `before` and `after`
/// (largest change first): how training, or decisions used as labels, moved the weights.
pub fn weight_changes(before: &Model, after: &Model, tolerance: f64) -> Vec<WeightChange> {
    let mut out = Vec::new();
    for (a, b) in before.fields.iter().zip(&after.fields) {
        for (l, label) in a.levels.iter().enumerate() {
            let (x, y) = (a.weight[l], b.weight[l]);
            if (x - y).abs() > tolerance {
                out.push(WeightChange {
                    field: a.field,
                    level: label,
                    before: x,
                    after: y,
                });
            }
        }
    }
    out.sort_by(|x, y| {
        (y.after - y.before)
            .abs()
            .total_cmp(&(x.after - x.before).abs())
            .then(x.field.cmp(&y.field))
    });
    out
}
