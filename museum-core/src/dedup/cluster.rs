//! Clustering linked pairs into people without chaining unrelated namesakes.
//!
//! Plain transitive closure of links chains people: `Ахметов Ахмет` ~ `Ахметов А.` ~ `Ахметов
//! Асан` would become one person. Here clusters grow by merging along links, strongest first, and
//! a merge of two clusters is accepted only when
//!
//! 1. no human decision says a record of one is `different` from a record of the other;
//! 2. fewer than half of the cross pairs have hard evidence against it (different sex, birth
//!    years far apart, clearly different given names or patronymics: see [`super::compare`]; the
//!    scorer drops a conflict the list's own matches often show; or a match probability below
//!    `min_cross_probability`), a pair's conflict counting only unless the rest of that pair's
//!    evidence makes it near-certain (odds of 1000 to 1, the level [`super::model`] takes as
//!    certain to learn m): a record with one field mistyped beyond recognition joins. Two single
//!    records with a conflict, or a namesake and a cluster joined through a record with initials
//!    (one of two cross pairs), stay apart; a person named in twenty lists is not split because
//!    one of them wrote the given name beyond recognition (few of the cross pairs conflict);
//! 3. the cross pairs agree on average: their mean match probability is at least
//!    `min_mean_probability` (average linkage).
//!
//! Human `same` decisions are applied first and unconditionally; links the data states
//! (`figures.victim_id`) next, unless a human said `different`.

use std::collections::HashMap;

use serde::Serialize;

/// The share of two clusters' (scored) cross pairs that must hold hard evidence against a merge
/// for it to be refused (see the module documentation). One half: a lone pair's conflict, and
/// the chain of a namesake through a record with initials (one of two cross pairs), still veto;
/// on lists where each person has many records with field-level noise (multi-source synthetic
/// lists, FEBRL 2) a single unreadable given name no longer splits a person (pairwise F1 0.945 →
/// 0.966 there), while the synthetic archive's families stay apart (0.984 → 0.985).
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

/// The score of any pair on demand: probability and hard conflict (what it is).
pub(crate) trait PairScorer {
    fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>);

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
    members: Vec<Vec<u32>>,
    joins: Vec<Vec<ClusterLink>>,
}

impl Dsu {
    fn new(n: usize) -> Dsu {
        Dsu {
            parent: (0..n as u32).collect(),
            members: (0..n as u32).map(|i| vec![i]).collect(),
            joins: (0..n).map(|_| Vec::new()).collect(),
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
        if self.members[ra as usize].len() < self.members[rb as usize].len() {
            std::mem::swap(&mut ra, &mut rb);
        }
        self.parent[rb as usize] = ra;
        let moved = std::mem::take(&mut self.members[rb as usize]);
        self.members[ra as usize].extend(moved);
        let moved = std::mem::take(&mut self.joins[rb as usize]);
        self.joins[ra as usize].extend(moved);
        self.joins[ra as usize].push(link);
        ra
    }
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
        let small = if dsu.members[ra as usize].len() <= dsu.members[rb as usize].len() {
            ra
        } else {
            rb
        };
        let other = if small == ra { rb } else { ra };
        let members = dsu.members[small as usize].clone();
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
        let (ma, mb) = (&dsu.members[ra as usize], &dsu.members[rb as usize]);
        let cross = ma.len() * mb.len();
        let step = cross.div_ceil(opt.max_cross_pairs.max(1)).max(1);
        let mut sum = 0.0;
        let mut count = 0usize;
        let mut conflict = None;
        let mut k = 0usize;
        // Cross pairs holding hard evidence against the merge, among the `planned` scored.
        let mut vetoes = 0usize;
        let planned = cross.div_ceil(step);
        // A link that is near-certain despite its own conflict has shown that, for this person,
        // that field disagrees (a given name replaced in one list): cross pairs with the same
        // conflict do not veto the merge (their other fields still count in the average).
        let overcome = if e.probability >= opt.near_certain {
            scorer.conflict(e.a as usize, e.b as usize)
        } else {
            None
        };
        'outer: for &x in ma {
            for &y in mb {
                if k.is_multiple_of(step) {
                    // A hard conflict vetoes the merge unless the rest of that pair's evidence
                    // makes it near-certain: brothers share a surname, a patronymic, a place
                    // and an arrest day, and stay apart (also through a record with initials
                    // that fit both); a record whose given name was mistyped beyond
                    // recognition but whose every other field agrees joins.
                    let (p, c) = if (x == e.a && y == e.b) || (x == e.b && y == e.a) {
                        (e.probability, scorer.score(x as usize, y as usize).1)
                    } else {
                        scorer.score(x as usize, y as usize)
                    };
                    let mut veto = None;
                    if let Some(c) = c.filter(|c| p < opt.near_certain && Some(*c) != overcome) {
                        veto = Some(c);
                    } else if p < opt.min_cross_probability {
                        veto = Some("a cross pair is very unlikely");
                    }
                    if let Some(v) = veto {
                        conflict = conflict.or(Some(v));
                        vetoes += 1;
                        if vetoes as f64 >= VETO_SHARE * planned as f64 {
                            break 'outer;
                        }
                    }
                    sum += p;
                    count += 1;
                }
                k += 1;
            }
        }
        if let Some(why) = conflict.filter(|_| vetoes as f64 >= VETO_SHARE * count as f64) {
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
    let mut index: HashMap<u32, u32> = HashMap::new();
    out.cluster_of = vec![0; n];
    for i in 0..n as u32 {
        let r = dsu.find(i);
        let next = index.len() as u32;
        let c = *index.entry(r).or_insert(next);
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
        fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>) {
            match (a.min(b), a.max(b)) {
                (0, 1) | (1, 2) => (0.99, None),
                (0, 2) => (0.2, Some("different given names")),
                _ => (0.0, None),
            }
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
            fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>) {
                match (a.min(b), a.max(b)) {
                    (0, 1) => (0.9995, None),
                    (1, 2) => (0.9999, None),
                    (0, 2) => (0.4, Some("different given names")),
                    (1, 3) => (0.9995, None),
                    (0 | 2, 3) => (0.6, Some("birth years more than 5 years apart")),
                    _ => (0.0, None),
                }
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
            fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>) {
                match (a.min(b), a.max(b)) {
                    (1, 2 | 3) => (0.99, None),
                    (2, 3) => (0.9995, Some("birth years more than 5 years apart")),
                    (0, 1) => (0.95, Some("different given names")),
                    (0, 2 | 3) => (0.2, Some("different given names")),
                    _ => (0.0, None),
                }
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
            fn score(&self, a: usize, b: usize) -> (f64, Option<&'static str>) {
                match (a.min(b), a.max(b)) {
                    (0, 1) | (2, 3) => (0.999, None),
                    (0 | 1, 2) => (0.95, None),
                    (1, 3) => (0.3, Some("different given names")),
                    (0, 3) => (0.6, None),
                    (_, 4) => (0.5, Some("different given names")),
                    _ => (0.0, None),
                }
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
