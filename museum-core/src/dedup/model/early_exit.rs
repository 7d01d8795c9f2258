//! The early exit of a run's comparison ([`Bound::compare`]): a candidate pair is compared
//! field by field, the cheap fields first, then the surnames, the given names and a birth place
//! that is not the same, and dropped as soon as even the best the fields not yet compared could add
//! ([`Model::level_bound`]) cannot lift its match weight to the lowest probability the run keeps.
//! Most candidate pairs are different people who share a blocking key (a place and a birth
//! year, an arrest day, a surname): they are dropped before their names are compared in full,
//! and none of them is scored. A pair that is not dropped gets exactly the comparison vector
//! and the score it gets without the exit, so a run's links do not change.

use super::{Model, probability};
use crate::dedup::compare::{
    FIELDS, Field, LOOSE, Levels, NOT_COMPARABLE, Prepared, compare_levels, crossed_levels_fast,
    given_level_fast, place_level_fast, record_levels, surname_level_fast, swapped,
};
use crate::dedup::util::NONE;

/// Names compared per record (as `compare::best_names` does).
const NAMES: usize = 12;

/// Pairs of names bounded one by one (records with more names to pair are compared in full).
const PAIRS: usize = 16;

/// A margin (in bits of weight) below the needed weight before a pair is dropped: larger by
/// orders of magnitude than the rounding of a sum of a dozen weights, so that a pair whose score
/// would reach the floor is never dropped.
const MARGIN: f64 = 1e-3;

/// Fields compared first: cheap, no strings.
const CHEAP: [Field; 7] = [
    Field::Birth,
    Field::Sex,
    Field::Nationality,
    Field::Arrest,
    Field::SentenceDate,
    Field::Death,
    Field::Sentence,
];

/// What a pair must reach to be kept, and the most each field can add.
pub(crate) struct Bound<'a> {
    model: &'a Model,
    /// Per field and level: the most it adds ([`Model::level_bound`]).
    level: [[f64; 16]; FIELDS],
    /// Per field and level: whether a pair's weight may differ from [`Model::weight`] (computed
    /// exactly then).
    exact: [[bool; 16]; FIELDS],
    /// Per field: the most any of its levels adds (0 when not comparable).
    field: [f64; FIELDS],
    /// The most two different birth places add (at most "similar").
    below_same_place: f64,
    /// The weight a pair must reach, less the prior and [`MARGIN`].
    need: f64,
}

impl<'a> Bound<'a> {
    /// The bound of pairs scored with `model` and kept from probability `floor` up; `None` when
    /// every pair may reach it (a floor of 0 or 1 and above: no early exit).
    pub(crate) fn new(model: &'a Model, floor: f64) -> Option<Bound<'a>> {
        if !(floor > 1e-9 && floor < 1.0 - 1e-9) {
            return None;
        }
        let weight = (floor / (1.0 - floor)).log2();
        // The logistic is increasing: a weight below `weight` scores below `floor`.
        debug_assert!(probability(weight - MARGIN) < floor);
        let mut level = [[0.0; 16]; FIELDS];
        let mut field = [0.0; FIELDS];
        let mut exact = [[false; 16]; FIELDS];
        for f in Field::ALL {
            for l in 0..f.levels().len() {
                let b = model.level_bound(f, l as u8);
                level[f.index()][l] = b;
                exact[f.index()][l] = model.adjusts(f, l as u8);
                field[f.index()] = f64::max(field[f.index()], b);
            }
        }
        let place = Field::BirthPlace.index();
        let below_same_place = level[place][..3].iter().copied().fold(0.0, f64::max);
        Some(Bound {
            model,
            below_same_place,
            level,
            exact,
            field,
            need: weight - model.prior() - MARGIN,
        })
    }

    /// The most field `f` at `level` can add.
    fn at(&self, f: Field, level: u8) -> f64 {
        self.level[f.index()][usize::from(level & 15)]
    }

    /// What field `f` at `level` adds to pair (i, j) (oriented as [`Model::score`] orients it):
    /// exactly where a term frequency may adjust it, else its bound.
    fn add(
        &self,
        p: &Prepared,
        i: usize,
        j: usize,
        f: Field,
        level: u8,
        names: (usize, usize),
    ) -> f64 {
        if level == NOT_COMPARABLE {
            return 0.0;
        }
        if !self.exact[f.index()][usize::from(level)] {
            return self.at(f, level);
        }
        let (w, tf) = self.model.field_weight(p, i, j, f, level, names);
        w + tf
    }

    /// The comparison vector of records `i` and `j` and which of their names were compared (as
    /// [`compare_levels`]), or `None` when their match weight is surely below the floor.
    pub(crate) fn compare(
        &self,
        p: &Prepared,
        i: usize,
        j: usize,
    ) -> Option<(Levels, (usize, usize))> {
        if !self.may_reach(p, i, j) {
            return None;
        }
        Some(compare_levels(p, i, j))
    }

    /// Whether pair (i, j) may reach the floor, field by field.
    fn may_reach(&self, p: &Prepared, i: usize, j: usize) -> bool {
        // The orientation of `compare` and `Model::score`.
        let (i, j) = if swapped(p, i, j) { (j, i) } else { (i, j) };
        let (a, b) = (&p.recs[i], &p.recs[j]);
        let mut l = [NOT_COMPARABLE; FIELDS];
        record_levels(p, i, j, &mut l);
        let mut sum = 0.0;
        for f in CHEAP {
            sum += self.add(p, i, j, f, l[f.index()], (0, 0));
        }
        let [s, g, pa] =
            [Field::Surname, Field::Given, Field::Patronymic].map(|f| self.field[f.index()]);
        if sum + self.field[Field::BirthPlace.index()] + s + g + pa < self.need {
            return false;
        }
        // The birth place: the same place is told at once; two different ones (below the same,
        // at most "similar") are compared after the names, which cost less.
        let mut place = 0.0;
        let mut place_done = true;
        if a.birth_place == NONE || b.birth_place == NONE {
        } else if a.birth_place == b.birth_place {
            sum += self.add(p, i, j, Field::BirthPlace, 3, (0, 0));
        } else {
            place = self.below_same_place;
            place_done = false;
        }
        if sum + place + s + g + pa < self.need {
            return false;
        }
        // Names: per pair of names, what the surname (or the names read crossed) adds,
        // then with the given name. The names compared in the end are one of these pairs.
        let (na, nb) = (p.names_of(i), p.names_of(j));
        let (na, nb) = (&na[..na.len().min(NAMES)], &nb[..nb.len().min(NAMES)]);
        if na.len() * nb.len() > PAIRS {
            // (Rare: compared in full.)
            return true;
        }
        let mut surname = [0.0f64; PAIRS];
        // The given name's level when the names may be read crossed (`crossed.rs`).
        let mut crossed_given = [None::<u8>; PAIRS];
        // The best of no pairs of names: nothing when a record has no name, else below any.
        let none = if na.is_empty() || nb.is_empty() {
            0.0
        } else {
            f64::NEG_INFINITY
        };
        let mut best = none;
        for (x, a) in na.iter().enumerate() {
            for (y, b) in nb.iter().enumerate() {
                let k = x * nb.len() + y;
                if let (Some(u), Some(v)) = (&a.parts[0], &b.parts[0]) {
                    let lv = surname_level_fast(p, u, v);
                    surname[k] = self.add(p, i, j, Field::Surname, lv, (x, y));
                    // (Whether the given names disagree in place too is not known yet: the
                    // crossed levels are an upper bound either way, as levels only rise.)
                    if lv <= LOOSE
                        && let Some((level, given)) = crossed_levels_fast(p, a, b)
                    {
                        crossed_given[k] = Some(given);
                        surname[k] = surname[k].max(self.at(Field::Surname, level));
                    }
                }
                best = best.max(surname[k]);
            }
        }
        if sum + place + best + g + pa < self.need {
            return false;
        }
        best = none;
        for (x, a) in na.iter().enumerate() {
            for (y, b) in nb.iter().enumerate() {
                let k = x * nb.len() + y;
                let mut add = 0.0;
                if let (Some(u), Some(v)) = (&a.parts[1], &b.parts[1]) {
                    let lv = given_level_fast(p, u, v, false);
                    add = self.add(p, i, j, Field::Given, lv, (x, y));
                }
                if let Some(given) = crossed_given[k] {
                    add = add.max(self.at(Field::Given, given));
                }
                best = best.max(surname[k] + add);
            }
        }
        // Two different places last: comparing them word by word costs more than the names.
        if !place_done {
            if sum + place + best + pa < self.need {
                return false;
            }
            let lv = place_level_fast(p, a, b);
            sum += self.add(p, i, j, Field::BirthPlace, lv, (0, 0));
        }
        sum + best + pa >= self.need
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;
    use crate::dedup::record::{CaseFacts, DateSpan, DedupRecord};
    use crate::dedup::{DedupOptions, Deduplicator};
    use crate::model::{HistoricalDate, PersonName, SentenceKind, SexValue};
    use crate::rng::Rng;

    fn day(s: &str) -> Option<DateSpan> {
        DateSpan::from_date(&HistoricalDate::parse(s).unwrap())
    }

    /// A list of families and namesakes from a few villages and operations: most pairs share a
    /// place, a year, a day or a surname with others, as in blocks; a third of the people
    /// appear twice or three times with slips, initials, swapped or missing fields.
    fn families(n: usize, seed: u64) -> Vec<DedupRecord> {
        const SURNAMES: &[&str] = &[
            "Ахметов",
            "Тулепов",
            "Сейфуллин",
            "Байтурсынов",
            "Жумабаев",
            "Ким",
            "Миллер",
            "Дулатов",
            "Исаев",
            "Бойко",
            "Нурмаков",
            "Рыскулов",
        ];
        const GIVEN: &[&str] = &[
            "Асан",
            "Усен",
            "Абдулла",
            "Сакен",
            "Ахмет",
            "Магжан",
            "Иоганн",
            "Пётр",
            "Ен Сик",
            "Айша",
            "Николай",
            "Касым",
        ];
        const FATHERS: &[&str] = &["Иванович", "Омарович", "Исаевич", "Генрихович", ""];
        const PLACES: &[&str] = &[
            "аул Караагаш Шымкентский район",
            "Шымкент",
            "Сайрам",
            "Karkaraly",
            "Каркаралинский уезд",
            "",
        ];
        const DAYS: &[&str] = &["1937-11-10", "1937-11-12", "1938-02-01", "1931", ""];
        let mut rng = Rng::new(seed);
        let mut out = Vec::new();
        while out.len() < n {
            let pick = |rng: &mut Rng, xs: &[&'static str]| xs[rng.below(xs.len())];
            let (s, g, f) = (
                pick(&mut rng, SURNAMES),
                pick(&mut rng, GIVEN),
                pick(&mut rng, FATHERS),
            );
            let year = 1890 + rng.below(20);
            let (place, arrest) = (pick(&mut rng, PLACES), pick(&mut rng, DAYS));
            let nationality = ["казах", "казах", "кореец", ""][rng.below(4)];
            let copies = 1 + usize::from(rng.below(3) == 0) + usize::from(rng.below(6) == 0);
            for c in 0..copies {
                let mut r = rec(&format!("r{}", out.len()), "x", None);
                let given = match (c, rng.below(4)) {
                    (0, _) | (_, 0 | 1) => g.to_owned(),
                    (_, 2) => format!("{}.", g.chars().next().unwrap()),
                    _ => g.replacen('а', "о", 1),
                };
                r.names = vec![if c > 0 && rng.below(8) == 0 {
                    PersonName::from_parts(Some(&given), Some(s), None)
                } else {
                    PersonName::from_parts(Some(s), Some(&given), Some(f).filter(|f| !f.is_empty()))
                }];
                let y = year + usize::from(c > 0 && rng.below(3) == 0);
                r.birth = (rng.below(5) != 0).then(|| day(&y.to_string())).flatten();
                r.birth_place = (!place.is_empty() && rng.below(4) != 0).then(|| place.into());
                r.nationality = (!nationality.is_empty()).then(|| nationality.into());
                r.sex = Some(if g == "Айша" {
                    SexValue::Female
                } else {
                    SexValue::Male
                });
                if !arrest.is_empty() {
                    r.cases = vec![CaseFacts {
                        arrest: day(arrest),
                        sentence_date: None,
                        sentence: Some((SentenceKind::Execution, None)),
                        execution: (rng.below(2) == 0).then(|| day("1938-03-01")).flatten(),
                    }];
                }
                out.push(r);
            }
        }
        out
    }

    #[test]
    fn a_dropped_pair_scores_below_the_floor_and_a_kept_one_is_compared_alike() {
        for (seed, term_frequency) in [(1, true), (2, false)] {
            let recs = families(500, seed);
            let opt = DedupOptions {
                term_frequency,
                ..DedupOptions::default()
            };
            let r = Deduplicator::new(opt).run(&recs, &[]);
            let (p, model) = (&r.prepared, &r.model);
            assert!(
                !model.strata.is_empty() || !term_frequency,
                "a nationality's own weights"
            );
            for floor in [0.9, 0.5, 0.02] {
                let bound = Bound::new(model, floor).unwrap();
                let (mut dropped, mut kept, mut pairs) = (0, 0, 0);
                for i in 0..p.len() {
                    for j in i + 1..p.len() {
                        pairs += 1;
                        let (levels, names) = compare_levels(p, i, j);
                        let (_, prob) = model.score(p, i, j, &levels, names);
                        match bound.compare(p, i, j) {
                            None => {
                                assert!(prob < floor, "{i} {j}: {prob} ≥ {floor} dropped");
                                dropped += 1;
                            }
                            Some(got) => {
                                assert_eq!(got, (levels, names));
                                kept += usize::from(prob >= floor);
                            }
                        }
                        // Each field within its bound.
                        let (x, y, nm) = if swapped(p, i, j) {
                            (j, i, (names.1, names.0))
                        } else {
                            (i, j, names)
                        };
                        for f in Field::ALL {
                            let l = levels[f.index()];
                            let (w, tf) = model.field_weight(p, x, y, f, l, nm);
                            assert!(w + tf <= model.level_bound(f, l) + 1e-12, "{f:?} {l}");
                        }
                    }
                }
                assert!(kept > 0, "pairs above {floor}");
                // Most pairs of such a list are different people, and most are told early.
                assert!(
                    dropped * 2 > pairs,
                    "{dropped} of {pairs} dropped at {floor}"
                );
            }
        }
    }

    #[test]
    fn no_early_exit_at_the_ends() {
        let recs = families(40, 3);
        let r = Deduplicator::default().run(&recs, &[]);
        assert!(Bound::new(&r.model, 0.0).is_none());
        assert!(Bound::new(&r.model, 1.0).is_none());
        assert!(Bound::new(&r.model, f64::NAN).is_none());
    }
}
