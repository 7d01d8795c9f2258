//! Clustering linked pairs into people without chaining unrelated namesakes.
//!
//! Plain transitive closure of links chains people: `Ахметов Ахмет` ~ `Ахметов А.` ~ `Ахметов
//! Асан` would become one person. Here clusters grow by merging along links, strongest first, and
//! a merge of two clusters is accepted only when
//!
//! 1. no human decision says a record of one is `different` from a record of the other;
//! 2. the evidence against it does not outweigh the evidence for it. A cross pair vetoes when it
//!    holds hard evidence against the merge (different sex, birth years far apart, clearly
//!    different given names or patronymics: see [`super::compare`]; the scorer keeps a conflict
//!    only as far as the list's own matches rarely show it, see `Model::conflict_stands`) or its
//!    match probability is below `min_cross_probability` ("very unlikely"); a pair's conflict
//!    counts only unless the rest of that pair's evidence makes it near-certain (odds of 1000 to
//!    1, the level [`super::model`] takes as certain to learn m). The merge is refused when
//!    - the vetoing pairs do not all share one record: the conflicts lie between two groups of
//!      records, which are two people (brothers with a few records each), not one odd record;
//!    - or at least half (`VETO_SHARE`) of the cross pairs veto;
//!    - or at least half (`VETO_SHARE`) of the cross pairs that compare a field conflict on it (a
//!      record's given name against the only record of the other cluster that has one: the
//!      records without one do not outvote it).
//!
//!    Two single records with a conflict, or a namesake and a cluster joined through a record
//!    with initials (one of two cross pairs), stay apart; a person named in twenty lists is not
//!    split because one of them wrote the given name beyond recognition (one record, few of the
//!    cross pairs comparing given names);
//! 3. the cross pairs agree on average: their mean match probability is at least
//!    `min_mean_probability` (average linkage).
//!
//! Human `same` decisions are applied first and unconditionally; links the data states
//! (`figures.victim_id`) next, unless a human said `different`.

use std::collections::HashMap;

use serde::Serialize;

use super::compare::{FIELDS, Levels, NOT_COMPARABLE, conflict_field};

/// The share of two clusters' (scored) cross pairs, or of those comparing one field, that must
/// hold hard evidence against a merge for it to be refused when the evidence lies on one record
/// (see the module documentation). One half: a lone pair's conflict, and the chain of a namesake
/// through a record with initials (one of two cross pairs), still veto; on lists where each
/// person has many records with field-level noise (multi-source synthetic lists, FEBRL 2) a
/// single unreadable given name does not split a person (pairwise F1 0.945 → 0.966 there). Not a
/// property of one list: it asks the evidence against a merge to be at least as common as the
/// evidence for it, whatever the list.
const VETO_SHARE: f64 = 0.5;

/// How two records came to be joined.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkSource {
    /// The match score was above the threshold.
    Score,
    /// A human decided they are the same person.
    Decision,
    /// The data says so (`figures.victim_id`, `victims.figure_id`).
    Data,
}

/// A join of two records inside a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct ClusterLink {
    /// Record index.
    pub a: usize,
    /// Record index.
    pub b: usize,
    /// Match probability (1 for decisions).
    pub probability: f64,
    /// Why they were joined.
    pub source: LinkSource,
}

/// A candidate link to cluster: two records and their match probability.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Edge {
    pub(crate) a: u32,
    pub(crate) b: u32,
    pub(crate) probability: f64,
}

/// What the clustering knows of a cross pair.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CrossPair {
    /// Match probability.
    pub(crate) probability: f64,
    /// The hard conflict that stands against the pair (see [`super::compare::conflict`]).
    pub(crate) conflict: Option<&'static str>,
    /// The fields compared on both records (bit `Field::index`).
    pub(crate) compared: u16,
}

/// The fields compared on both records of a pair (bit `Field::index`), from its levels.
pub(crate) fn compared(levels: &Levels) -> u16 {
    levels
        .iter()
        .enumerate()
        .filter(|(_, l)| **l != NOT_COMPARABLE)
        .fold(0, |m, (f, _)| m | 1 << f)
}

impl From<(f64, Option<&'static str>)> for CrossPair {
    /// A pair whose every field is compared.
    fn from((probability, conflict): (f64, Option<&'static str>)) -> CrossPair {
        CrossPair {
            probability,
            conflict,
            compared: u16::MAX,
        }
    }
}

/// The score of any pair on demand: probability, hard conflict (what it is), fields compared.
pub(crate) trait PairScorer {
    fn score(&self, a: usize, b: usize) -> CrossPair;

    /// The conflict the pair shows, whether or not its evidence overcomes it.
    fn conflict(&self, _a: usize, _b: usize) -> Option<&'static str> {
        None
    }
}

/// Clustering settings.
#[derive(Debug, Clone)]
pub(crate) struct ClusterOptions {
    pub(crate) threshold: f64,
    pub(crate) min_mean_probability: f64,
    pub(crate) min_cross_probability: f64,
    pub(crate) max_cross_pairs: usize,
    /// A linked pair at least this likely is joined despite a hard conflict.
    pub(crate) near_certain: f64,
}

/// The outcome: cluster index of each record, the joins, and merges refused.
pub(crate) struct Clustering {
    pub(crate) cluster_of: Vec<u32>,
    pub(crate) clusters: Vec<Vec<u32>>,
    pub(crate) joins: Vec<Vec<ClusterLink>>,
    pub(crate) refused_conflict: usize,
    pub(crate) refused_weak: usize,
    pub(crate) refused_decision: usize,
    /// Refused merges by reason (the conflict found, or why the evidence was too weak).
    pub(crate) refused_reasons: std::collections::BTreeMap<&'static str, usize>,
    pub(crate) decision_conflicts: Vec<(usize, usize)>,
}

struct Dsu {
    parent: Vec<u32>,
    /// The members of each root, in the order they joined; empty for a root alone (no list per
    /// record: see [`Dsu::members`]).
    members: Vec<Vec<u32>>,
    joins: Vec<Vec<ClusterLink>>,
}

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu {
            parent: (0..n as u32).collect(),
            members: (0..n).map(|_| Vec::new()).collect(),
            joins: (0..n).map(|_| Vec::new()).collect(),
        }
    }

    /// The members of root `r` (a root alone is its own parent: that is its list).
    fn members(&self, r: u32) -> &[u32] {
        let r = r as usize;
        if self.members[r].is_empty() {
            std::slice::from_ref(&self.parent[r])
        } else {
            &self.members[r]
        }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    fn union(&mut self, a: u32, b: u32, link: ClusterLink) -> u32 {
        let (mut ra, mut rb) = (self.find(a), self.find(b));
        if ra == rb {
            return ra;
        }
        if self.members(ra).len() < self.members(rb).len() {
            std::mem::swap(&mut ra, &mut rb);
        }
        let moved = match std::mem::take(&mut self.members[rb as usize]) {
            alone if alone.is_empty() => vec![rb],
            moved => moved,
        };
        self.parent[rb as usize] = ra;
        if self.members[ra as usize].is_empty() {
            self.members[ra as usize].push(ra);
        }
        self.members[ra as usize].extend(moved);
        let moved = std::mem::take(&mut self.joins[rb as usize]);
        self.joins[ra as usize].extend(moved);
        self.joins[ra as usize].push(link);
        ra
    }
}

/// What the cross pairs of a proposed merge say: the sum and number of their probabilities
/// (for the mean) and, when evidence against the merge refuses it, the first such evidence.
struct CrossEvidence {
    sum: f64,
    count: usize,
    refusal: Option<&'static str>,
}

/// Scores the cross pairs of clusters `ma` and `mb` (at most about `max_cross_pairs` of them,
/// evenly spread) for the merge along link `e`, and decides whether the evidence against it
/// refuses it (see the module documentation): a cross pair vetoes when its hard conflict stands
/// (unless the pair is near-certain, or its conflict is the one the near-certain link `e`
/// overcame) or when it is very unlikely; the merge is refused when
///
/// - the vetoing pairs do not all share one record (two people, not one odd record), or
/// - at least [`VETO_SHARE`] of the cross pairs veto, or
/// - at least [`VETO_SHARE`] of the cross pairs comparing a field conflict on it.
fn cross_evidence(
    ma: &[u32],
    mb: &[u32],
    e: &Edge,
    overcome: Option<&'static str>,
    scorer: &impl PairScorer,
    opt: &ClusterOptions,
) -> CrossEvidence {
    let cross = ma.len() * mb.len();
    let step = cross.div_ceil(opt.max_cross_pairs.max(1)).max(1);
    let planned = cross.div_ceil(step);
    let mut out = CrossEvidence {
        sum: 0.0,
        count: 0,
        refusal: None,
    };
    let mut first = None;
    let mut vetoes = 0usize;
    // Per field: the cross pairs comparing it, and those whose conflict on it stands.
    let mut compared = [0usize; FIELDS];
    let mut conflicts = [0usize; FIELDS];
    let mut reasons: [Option<&'static str>; FIELDS] = [None; FIELDS];
    // The first vetoing pair, and whether every veto since shares its record of `ma` (`one_a`)
    // or of `mb` (`one_b`).
    let (mut vetoed, mut one_a, mut one_b) = (None::<(u32, u32)>, true, true);
    let mut k = 0usize;
    for &x in ma {
        for &y in mb {
            if k.is_multiple_of(step) {
                // A hard conflict vetoes the merge unless the rest of that pair's evidence makes
                // it near-certain: brothers share a surname, a patronymic, a place and an arrest
                // day, and stay apart (also through a record with initials that fit both); a
                // record whose given name was mistyped beyond recognition but whose every other
                // field agrees joins.
                let c = if (x == e.a && y == e.b) || (x == e.b && y == e.a) {
                    CrossPair {
                        probability: e.probability,
                        ..scorer.score(x as usize, y as usize)
                    }
                } else {
                    scorer.score(x as usize, y as usize)
                };
                let p = c.probability;
                for (f, n) in compared.iter_mut().enumerate() {
                    *n += usize::from(c.compared & (1 << f) != 0);
                }
                let veto = if let Some(why) = c
                    .conflict
                    .filter(|w| p < opt.near_certain && Some(*w) != overcome)
                {
                    let f = conflict_field(why).index();
                    conflicts[f] += 1;
                    reasons[f] = reasons[f].or(Some(why));
                    Some(why)
                } else if p < opt.min_cross_probability {
                    Some("a cross pair is very unlikely")
                } else {
                    None
                };
                if let Some(why) = veto {
                    first = first.or(Some(why));
                    vetoes += 1;
                    if let Some((a0, b0)) = vetoed {
                        one_a &= a0 == x;
                        one_b &= b0 == y;
                    } else {
                        vetoed = Some((x, y));
                    }
                    if (!one_a && !one_b) || vetoes as f64 >= VETO_SHARE * planned as f64 {
                        out.refusal = first;
                        return out;
                    }
                }
                out.sum += p;
                out.count += 1;
            }
            k += 1;
        }
    }
    let against = |n: usize, of: usize| n > 0 && n as f64 >= VETO_SHARE * of.max(n) as f64;
    out.refusal = if against(vetoes, out.count) {
        first
    } else {
        (0..FIELDS)
            .find(|&f| against(conflicts[f], compared[f]))
            .and_then(|f| reasons[f])
    };
    out
}

/// Clusters `n` records.
pub(crate) fn cluster(
    n: usize,
    edges: &mut [Edge],
    same: &[(usize, usize, LinkSource)],
    different: &[(usize, usize)],
    scorer: &impl PairScorer,
    opt: &ClusterOptions,
) -> Clustering {
    let mut dsu = Dsu::new(n);
    let mut cannot: HashMap<u32, Vec<u32>> = HashMap::new();
    for &(a, b) in different {
        cannot.entry(a as u32).or_default().push(b as u32);
        cannot.entry(b as u32).or_default().push(a as u32);
    }
    let mut out = Clustering {
        cluster_of: Vec::new(),
        clusters: Vec::new(),
        joins: Vec::new(),
        refused_conflict: 0,
        refused_weak: 0,
        refused_decision: 0,
        refused_reasons: std::collections::BTreeMap::new(),
        decision_conflicts: Vec::new(),
    };
    let forbidden = |dsu: &mut Dsu, ra: u32, rb: u32| -> bool {
        if cannot.is_empty() {
            return false;
        }
        let small = if dsu.members(ra).len() <= dsu.members(rb).len() {
            ra
        } else {
            rb
        };
        let other = if small == ra { rb } else { ra };
        let members = dsu.members(small).to_vec();
        for x in members {
            if let Some(list) = cannot.get(&x) {
                for &y in list {
                    if dsu.find(y) == other {
                        return true;
                    }
                }
            }
        }
        false
    };
    // Human `same` first (always), then links the data states.
    for &(a, b, source) in same {
        let (ra, rb) = (dsu.find(a as u32), dsu.find(b as u32));
        if ra == rb {
            continue;
        }
        if source == LinkSource::Data && forbidden(&mut dsu, ra, rb) {
            out.refused_decision += 1;
            continue;
        }
        if source == LinkSource::Decision && forbidden(&mut dsu, ra, rb) {
            out.decision_conflicts.push((a, b));
        }
        dsu.union(
            a as u32,
            b as u32,
            ClusterLink {
                a,
                b,
                probability: 1.0,
                source,
            },
        );
    }
    edges.sort_unstable_by(|x, y| {
        y.probability
            .total_cmp(&x.probability)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    for e in edges.iter() {
        if e.probability < opt.threshold {
            break;
        }
        let (ra, rb) = (dsu.find(e.a), dsu.find(e.b));
        if ra == rb {
            continue;
        }
        if forbidden(&mut dsu, ra, rb) {
            out.refused_decision += 1;
            continue;
        }
        let (ma, mb) = (dsu.members(ra), dsu.members(rb));
        // A link that is near-certain despite its own conflict has shown that, for this person,
        // that field disagrees (a given name replaced in one list): cross pairs with the same
        // conflict do not veto the merge (their other fields still count in the average).
        let overcome = if e.probability >= opt.near_certain {
            scorer.conflict(e.a as usize, e.b as usize)
        } else {
            None
        };
        let CrossEvidence {
            sum,
            count,
            refusal,
        } = cross_evidence(ma, mb, e, overcome, scorer, opt);
        if let Some(why) = refusal {
            out.refused_conflict += 1;
            *out.refused_reasons.entry(why).or_default() += 1;
            continue;
        }
        if count > 0 && sum / (count as f64) < opt.min_mean_probability {
            out.refused_weak += 1;
            *out.refused_reasons
                .entry("the clusters agree too little on average")
                .or_default() += 1;
            continue;
        }
        dsu.union(
            e.a,
            e.b,
            ClusterLink {
                a: e.a as usize,
                b: e.b as usize,
                probability: e.probability,
                source: LinkSource::Score,
            },
        );
    }
    // Clusters in order of their first record.
    let mut index: Vec<u32> = vec![u32::MAX; n];
    out.cluster_of = vec![0; n];
    for i in 0..n as u32 {
        let r = dsu.find(i);
        if index[r as usize] == u32::MAX {
            index[r as usize] = out.clusters.len() as u32;
        }
        let c = index[r as usize];
        if c as usize == out.clusters.len() {
            out.clusters.push(Vec::new());
            out.joins.push(std::mem::take(&mut dsu.joins[r as usize]));
        }
        out.clusters[c as usize].push(i);
        out.cluster_of[i as usize] = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records 0..3: 0~1 and 1~2 strong, 0 and 2 conflict (the namesake chain).
    struct Chain;
    impl PairScorer for Chain {
        fn score(&self, a: usize, b: usize) -> CrossPair {
            CrossPair::from(match (a.min(b), a.max(b)) {
                (0, 1) | (1, 2) => (0.99, None),
                (0, 2) => (0.2, Some("different given names")),
                _ => (0.0, None),
            })
        }
    }

    fn opt() -> ClusterOptions {
        ClusterOptions {
            threshold: 0.9,
            min_mean_probability: 0.5,
            min_cross_probability: 0.0,
            max_cross_pairs: 100,
            near_certain: 0.999,
        }
    }

    #[test]
    fn does_not_chain_through_a_namesake() {
        let mut edges = vec![
            Edge {
                a: 0,
                b: 1,
                probability: 0.99,
            },
            Edge {
                a: 1,
                b: 2,
                probability: 0.98,
            },
        ];
        let c = cluster(4, &mut edges, &[], &[], &Chain, &opt());
        assert_eq!(c.cluster_of[0], c.cluster_of[1]);
        assert_ne!(c.cluster_of[1], c.cluster_of[2]);
        assert_eq!(c.refused_conflict, 1);
        assert_eq!(c.refused_reasons.get("different given names"), Some(&1));
        assert_eq!(c.clusters.len(), 3);
    }

    #[test]
    fn a_conflict_a_near_certain_link_overcame_does_not_veto_the_merge() {
        // 0 and 1 are one person although one list replaced the given name: every other field
        // agrees, the link is near-certain. 2 (the given name of 1, no birth date) is already
        // linked to 1; its pair with 0 shows the same conflict and is only possible. The link 0~1 already
        // showed that this person's given names disagree: 0 joins 1 and 2. A conflict of
        // another kind (the birth years of 3, against two of the three records) still vetoes.
        struct Replaced;
        impl PairScorer for Replaced {
            fn score(&self, a: usize, b: usize) -> CrossPair {
                CrossPair::from(match (a.min(b), a.max(b)) {
                    (0, 1) => (0.9995, None),
                    (1, 2) => (0.9999, None),
                    (0, 2) => (0.4, Some("different given names")),
                    (1, 3) => (0.9995, None),
                    (0 | 2, 3) => (0.6, Some("birth years more than 5 years apart")),
                    _ => (0.0, None),
                })
            }
            fn conflict(&self, a: usize, b: usize) -> Option<&'static str> {
                match (a.min(b), a.max(b)) {
                    (0 | 1, 2) | (0, 1) => Some("different given names"),
                    (1, 3) => Some("different given names"),
                    (0 | 2, 3) => Some("birth years more than 5 years apart"),
                    _ => None,
                }
            }
        }
        let mut edges = vec![
            Edge {
                a: 1,
                b: 2,
                probability: 0.9999,
            },
            Edge {
                a: 0,
                b: 1,
                probability: 0.9995,
            },
            Edge {
                a: 1,
                b: 3,
                probability: 0.9994,
            },
        ];
        let c = cluster(4, &mut edges, &[], &[], &Replaced, &opt());
        assert_eq!(c.cluster_of[0], c.cluster_of[1]);
        assert_eq!(c.cluster_of[1], c.cluster_of[2]);
        assert_ne!(c.cluster_of[3], c.cluster_of[1], "another kind of conflict");
        assert_eq!(c.refused_conflict, 1);
        assert_eq!(
            c.refused_reasons.get("birth years more than 5 years apart"),
            Some(&1)
        );
    }

    #[test]
    fn a_conflict_the_evidence_outweighs_does_not_split_a_person() {
        // 1~2 strong; 1~3 strong; 2 and 3 conflict on the birth year (a typo) but everything
        // else makes them near-certain: 3 joins the cluster of 1 and 2. A conflict on a pair
        // that is merely likely still vetoes it.
        struct Noisy;
        impl PairScorer for Noisy {
            fn score(&self, a: usize, b: usize) -> CrossPair {
                CrossPair::from(match (a.min(b), a.max(b)) {
                    (1, 2 | 3) => (0.99, None),
                    (2, 3) => (0.9995, Some("birth years more than 5 years apart")),
                    (0, 1) => (0.95, Some("different given names")),
                    (0, 2 | 3) => (0.2, Some("different given names")),
                    _ => (0.0, None),
                })
            }
        }
        let edge = |a, b, probability| Edge { a, b, probability };
        let mut edges = vec![edge(1, 2, 0.99), edge(1, 3, 0.98), edge(0, 1, 0.95)];
        let c = cluster(4, &mut edges, &[], &[], &Noisy, &opt());
        assert_eq!(c.cluster_of[1], c.cluster_of[2]);
        assert_eq!(c.cluster_of[1], c.cluster_of[3]);
        assert_ne!(c.cluster_of[0], c.cluster_of[1]);
        assert_eq!(c.refused_reasons.get("different given names"), Some(&1));
        // The same conflict on a near-certain link does not veto it.
        let mut edges = vec![edge(0, 1, 0.9995)];
        let c = cluster(4, &mut edges, &[], &[], &Noisy, &opt());
        assert_eq!(c.cluster_of[0], c.cluster_of[1]);
    }

    #[test]
    fn one_unreadable_record_does_not_split_a_person() {
        // Records 0–3 are one person named in four lists; list 3 wrote the given name beyond
        // recognition, so the pair (1, 3) conflicts (its link to 2 is strong: 2 has no given
        // name). Clusters {0, 1} and {2, 3} merge: one of their four cross pairs conflicts.
        // Record 4, a namesake brother, conflicts with all of them and stays apart.
        struct Lists;
        impl PairScorer for Lists {
            fn score(&self, a: usize, b: usize) -> CrossPair {
                CrossPair::from(match (a.min(b), a.max(b)) {
                    (0, 1) | (2, 3) => (0.999, None),
                    (0 | 1, 2) => (0.95, None),
                    (1, 3) => (0.3, Some("different given names")),
                    (0, 3) => (0.6, None),
                    (_, 4) => (0.5, Some("different given names")),
                    _ => (0.0, None),
                })
            }
        }
        let edge = |a, b, probability| Edge { a, b, probability };
        let mut edges = vec![
            edge(0, 1, 0.999),
            edge(2, 3, 0.999),
            edge(0, 2, 0.95),
            edge(2, 4, 0.93),
        ];
        let c = cluster(5, &mut edges, &[], &[], &Lists, &opt());
        assert!(
            (1..4).all(|k| c.cluster_of[k] == c.cluster_of[0]),
            "{:?}",
            c.cluster_of
        );
        assert_ne!(c.cluster_of[4], c.cluster_of[0]);
        assert_eq!(c.refused_reasons.get("different given names"), Some(&1));
        // Two single records with a conflict stay apart (one cross pair of one).
        let mut edges = vec![edge(1, 3, 0.95)];
        let c = cluster(5, &mut edges, &[], &[], &Lists, &opt());
        assert_ne!(c.cluster_of[1], c.cluster_of[3]);
    }

    /// A record of an archival list as the scorer sees it: given name, patronymic and birth
    /// year, each `None` where the list did not write it (surname, place and arrest day are
    /// shared by the whole family, as in a list of one village's arrests).
    type Listed = (Option<&'static str>, Option<&'static str>, Option<u16>);

    /// Scores pairs of [`Listed`] records as the model does in spirit: a family shares surname,
    /// place and arrest day, so every pair is likely on those alone (0.97); two of given name,
    /// patronymic and birth year (within a year) agreeing make it near-certain (0.9995); a given
    /// name or patronymic that differs, or birth years more than 5 apart, is a hard conflict
    /// (0.3 unless the rest makes the pair near-certain).
    struct Family(Vec<Listed>);

    impl PairScorer for Family {
        fn score(&self, a: usize, b: usize) -> CrossPair {
            use crate::dedup::compare::Field;
            let ((g1, p1, b1), (g2, p2, b2)) = (self.0[a], self.0[b]);
            let mut out = CrossPair {
                probability: 0.97,
                conflict: None,
                compared: 0,
            };
            let mut agree = 0;
            for (x, y, field, why) in [
                (g1, g2, Field::Given, "different given names"),
                (p1, p2, Field::Patronymic, "different patronymics"),
            ] {
                if let (Some(x), Some(y)) = (x, y) {
                    out.compared |= 1 << field.index();
                    if x == y {
                        agree += 1;
                    } else {
                        out.conflict = out.conflict.or(Some(why));
                    }
                }
            }
            if let (Some(x), Some(y)) = (b1, b2) {
                out.compared |= 1 << Field::Birth.index();
                match x.abs_diff(y) {
                    0 | 1 => agree += 1,
                    2..=5 => {}
                    _ => out.conflict = Some("birth years more than 5 years apart"),
                }
            }
            out.probability = match (agree, out.conflict) {
                (2.., _) => 0.9995,
                (_, Some(_)) => 0.3,
                _ => 0.97,
            };
            out
        }

        fn conflict(&self, a: usize, b: usize) -> Option<&'static str> {
            self.score(a, b).conflict
        }
    }

    /// Clusters the records of `list` along every pair the scorer links (as blocking and
    /// scoring would hand them over) and returns the clusters as sorted lists of records.
    fn cluster_list(list: Vec<Listed>) -> Vec<Vec<u32>> {
        let scorer = Family(list);
        let n = scorer.0.len();
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                let probability = scorer.score(a, b).probability;
                if probability >= 0.9 {
                    edges.push(Edge {
                        a: a as u32,
                        b: b as u32,
                        probability,
                    });
                }
            }
        }
        let mut clusters = cluster(n, &mut edges, &[], &[], &scorer, &opt()).clusters;
        clusters.sort();
        clusters
    }

    #[test]
    fn brothers_in_several_lists_stay_apart() {
        // Three brothers Ахметов, sons of Касым, each in three lists; one list left out the given
        // name, another the birth year. The records without a given name link across brothers
        // (same surname, patronymic, place, arrest day, birth years 4 apart), but between two
        // brothers' clusters the conflicts lie on four pairs of two records each: two people,
        // not one odd record (before: 4 of 9 cross pairs, under half, and they merged).
        let k = Some("Касымович");
        let c = cluster_list(vec![
            (Some("Асан"), k, Some(1898)),
            (Some("Асан"), k, None),
            (None, k, Some(1898)),
            (Some("Жакып"), k, Some(1902)),
            (Some("Жакып"), k, Some(1903)),
            (None, k, Some(1902)),
            (Some("Нурлан"), k, Some(1906)),
            (Some("Нурлан"), k, None),
            (None, k, Some(1906)),
        ]);
        assert_eq!(c, vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]]);
    }

    #[test]
    fn a_person_in_twenty_noisy_lists_joins_and_the_brother_stays_apart() {
        // Асан Касымович, born 1898, in twenty lists: a third of the fields not written, one list
        // replaced his given name, one mistyped the birth year (1889), one wrote only the given
        // name; his brother Жакып (1902) is in three of the lists. The two noisy records join
        // through a link whose other fields make it near-certain: for this person, that field
        // disagrees, and cross pairs with the same conflict do not veto.
        let (a, k) = (Some("Асан"), Some("Касымович"));
        let mut list: Vec<Listed> = vec![
            (a, k, Some(1898)),
            (a, None, Some(1898)),
            (None, k, Some(1898)),
            (a, k, None),
            (Some("Хасен"), k, Some(1898)),
            (a, k, Some(1889)),
            (a, None, None),
        ];
        for i in 0..13u16 {
            list.push(match i % 3 {
                0 => (a, k, Some(1898)),
                1 => (a, None, Some(1898 + i % 2)),
                _ => (None, k, Some(1898)),
            });
        }
        list.extend([
            (Some("Жакып"), k, Some(1902)),
            (Some("Жакып"), None, Some(1902)),
            (Some("Жакып"), k, None),
        ]);
        let c = cluster_list(list);
        assert_eq!(c, vec![(0..20).collect::<Vec<u32>>(), vec![20, 21, 22]]);
    }

    #[test]
    fn a_given_name_against_the_only_record_that_has_one_vetoes() {
        // The brother's cluster has two records without a given name, which agree with the new
        // record on every field they have; its one record with a given name has another: two of
        // three cross pairs have nothing against the merge, but the only pair comparing given
        // names conflicts, so the merge is refused.
        let k = Some("Касымович");
        let c = cluster_list(vec![
            (Some("Асан"), k, Some(1898)),
            (None, k, Some(1898)),
            (None, k, Some(1899)),
            (Some("Жакып"), k, Some(1902)),
        ]);
        assert_eq!(c, vec![vec![0, 1, 2], vec![3]]);
    }

    #[test]
    fn decisions_win() {
        let mut edges = vec![Edge {
            a: 0,
            b: 1,
            probability: 0.99,
        }];
        // `different` beats a strong link; `same` joins a pair with no link at all.
        let c = cluster(
            4,
            &mut edges,
            &[(2, 3, LinkSource::Decision)],
            &[(0, 1)],
            &Chain,
            &opt(),
        );
        assert_ne!(c.cluster_of[0], c.cluster_of[1]);
        assert_eq!(c.cluster_of[2], c.cluster_of[3]);
        assert_eq!(c.refused_decision, 1);
        assert_eq!(
            c.joins[c.cluster_of[2] as usize][0].source,
            LinkSource::Decision
        );
    }
}
