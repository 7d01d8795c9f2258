//! Deduplication: which records are the same person, with the evidence for every link.
//!
//! A pipeline of small stages, each in its own module:
//!
//! 1. **keys** ([`crate::normalize`]): names folded across Kazakh and Russian Cyrillic and the
//!    Latin romanizations, stems, phonetic codes;
//! 2. **blocking** ([`blocking`]): several cheap keys per record, bounded block sizes, so the
//!    cost grows about linearly with the number of records;
//! 3. **comparison** ([`compare`]): per-field agreement levels (names with initials compatible,
//!    birth year distance, places, arrest/sentence/death dates, sentence, sex, nationality);
//! 4. **scoring** ([`model`]): Fellegi–Sunter weights estimated from the data itself (u from
//!    random pairs, within each nationality too; m from high-confidence pairs, field by field
//!    leaving the field out — a hard variant of EM), term-frequency adjusted (names, places,
//!    dates), corrected for namesakes;
//! 5. **clustering** ([`cluster`]): merges that do not chain unrelated namesakes;
//! 6. **explanation** ([`MatchExplanation`]) for every link, **decisions** ([`decisions`]) that
//!    always win, **evaluation** ([`evaluate()`]) against labelled truth.
//!
//! No record is ever dropped: every input record is in exactly one cluster (most are alone).
//!
//! ```
//! use museum_core::dedup::{DedupOptions, Deduplicator, DedupRecord};
//! use museum_core::io::{read_file, CsvOptions};
//! use museum_core::Victim;
//!
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("victims.csv");
//! std::fs::write(&path, "id,surname,given_name,patronymic,birth_date,sentence\n\
//!     v1,Бөкейханов,Әлихан,Нұрмұхамедұлы,1866,ВМН\n\
//!     v2,Букейханов,Алихан,Нурмухамедович,1866,ВМН\n\
//!     v3,Байтурсынов,Ахмет,,1872,ВМН\n").unwrap();
//! let (victims, _) = read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
//! let records: Vec<DedupRecord> = victims.iter().map(|v| DedupRecord::from_victim(v, None)).collect();
//! let result = Deduplicator::new(DedupOptions::default()).run(&records, &[]);
//! assert_eq!(result.cluster_of[0], result.cluster_of[1]);
//! assert_ne!(result.cluster_of[0], result.cluster_of[2]);
//! let why = result.explain(&records, 0, 1);
//! assert!(why.probability > 0.9);
//! assert!(why.agreeing().any(|f| f.field == museum_core::dedup::Field::Patronymic));
//! ```

pub mod blocking;
pub mod cluster;
pub mod compare;
pub mod decisions;
mod em;
mod evaluate;
mod explain;
pub(crate) mod frozen;
mod input;
mod job;
mod levels;
pub mod model;
pub mod model_file;
mod options;
mod record;
mod result;
mod run;
mod search;
pub(crate) mod util;

pub use blocking::{BlockingStats, LargeBlock, Rule};
pub use cluster::{ClusterLink, LinkSource};
pub use compare::Field;
pub use decisions::{
    DECISIONS_FILE, Decision, DecisionKind, DecisionsEffect, append_decisions, read_decisions,
};
pub use evaluate::{Evaluation, Prf, evaluate, read_truth, truth_groups};
pub use explain::{FieldEvidence, MatchExplanation};
pub use frozen::Frozen;
pub use input::{LoadedRecords, load_records, load_records_with};
pub use job::{DedupJob, DedupOutcome};
pub use model::Model;
pub use model_file::{MODEL_FORMAT, ModelFile, WeightChange, weight_changes};
pub use options::{DedupOptions, Increment, NO_GROUP};
pub use record::{CaseFacts, DateSpan, DedupRecord, Origin};
pub use result::{Cluster, DecisionStats, DedupResult, Link};
pub use run::Deduplicator;
pub use search::{PartMatch, SearchHit, SearchOptions, SearchQuery, search};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::compare::tests::rec;

    #[test]
    fn finds_duplicates_and_keeps_everyone() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
            rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
            rec("c", "Bukeikhanov Alikhan", Some("1866")),
            rec("d", "Байтурсынов Ахмет", Some("1872")),
            rec("e", "Байтұрсынұлы Ахмет", Some("1872")),
            rec("f", "Байтурсынов Асан", Some("1900")),
        ];
        let r = Deduplicator::default().run(&recs, &[]);
        assert_eq!(r.cluster_of.len(), 6);
        let c = &r.cluster_of;
        assert!(c[0] == c[1] && c[1] == c[2], "{c:?}");
        assert_eq!(c[3], c[4], "{:#?} {:#?}", r.explain(&recs, 3, 4), r.model);
        assert_ne!(c[3], c[5]);
        let total: usize = r.clusters.iter().map(|c| c.members.len()).sum();
        assert_eq!(total, 6);
        let e = r.explain(&recs, 3, 5);
        assert!(e.probability < 0.5);
        assert!(e.conflict.is_some());
    }

    #[test]
    fn decisions_override() {
        let recs = vec![
            rec("a", "Бөкейханов Әлихан", Some("1866")),
            rec("b", "Букейханов Алихан", Some("1866")),
            rec("c", "Seifullin Saken", Some("1894")),
            rec("d", "Сейфуллин Сакен", Some("1894")),
        ];
        let r = Deduplicator::default().run(
            &recs,
            &[
                decision("a", "b", DecisionKind::Different),
                decision("a", "zzz", DecisionKind::Same),
            ],
        );
        assert_ne!(r.cluster_of[0], r.cluster_of[1]);
        assert_eq!(r.cluster_of[2], r.cluster_of[3]);
        assert_eq!(r.decisions.unknown_ids, vec!["zzz".to_owned()]);
        assert!(r.explain(&recs, 0, 1).decision.is_some());
    }

    fn decision(a: &str, b: &str, k: DecisionKind) -> Decision {
        Decision {
            record_a: a.into(),
            record_b: b.into(),
            decision: k,
            who: String::new(),
            when: String::new(),
            why: String::new(),
            line: None,
        }
    }

    /// A small list of several families: namesakes, relatives and a few duplicates.
    fn small_list() -> Vec<DedupRecord> {
        let people = [
            ("Тулепов Абдулла", "1901"),
            ("Тулепов Абдулла", "1901"),
            ("Тулепов Абдулла", "1901"),
            ("Ахметов Асан", "1899"),
            ("Ахметов Усен", "1903"),
            ("Сейфуллин Сакен", "1894"),
            ("Seifullin Saken", "1894"),
            ("Байтурсынов Ахмет", "1872"),
            ("Жумабаев Магжан", "1893"),
        ];
        people
            .iter()
            .enumerate()
            .map(|(k, (n, y))| rec(&format!("r{k}"), n, Some(y)))
            .collect()
    }

    #[test]
    fn levels_stay_ordered_and_agreement_never_counts_against() {
        for recs in [small_list(), {
            // A larger list where most records share three surnames.
            let mut v = Vec::new();
            for k in 0..120 {
                let s = ["Ахметов", "Тулепов", "Омаров"][k % 3];
                let g = ["Асан", "Усен", "Абдулла", "Бекет", "Ерлан"][(k / 3) % 5];
                v.push(rec(
                    &format!("x{k}"),
                    &format!("{s} {g}"),
                    Some(&format!("{}", 1890 + k % 17)),
                ));
            }
            v
        }] {
            let r = Deduplicator::default().run(&recs, &[]);
            for f in &r.model.fields {
                for k in 1..f.weight.len() {
                    assert!(
                        f.weight[k] >= f.weight[k - 1] - 1e-9,
                        "{:?} levels out of order: {:?}",
                        f.field,
                        f.weight
                    );
                }
            }
        }
        // Three identical rows on a 9-record list: the agreeing surname counts for them.
        let recs = small_list();
        let r = Deduplicator::default().run(&recs, &[]);
        let e = r.explain(&recs, 0, 1);
        let s = e
            .fields
            .iter()
            .find(|f| f.field == Field::Surname)
            .expect("surname compared");
        assert!(s.weight + s.frequency_adjustment >= 0.0, "{e:#?}");
        assert_eq!(r.cluster_of[0], r.cluster_of[2]);
    }

    #[test]
    fn decisions_are_labels_that_move_the_weights() {
        let recs = small_list();
        let plain = Deduplicator::default().run(&recs, &[]);
        // A human says the two Ахметовs, with different given names, are one person (a name
        // changed), and the two Seifullins are one.
        let labelled = Deduplicator::default().run(
            &recs,
            &[
                decision("r3", "r4", DecisionKind::Same),
                decision("r5", "r6", DecisionKind::Same),
            ],
        );
        let moved = weight_changes(&plain.model, &labelled.model, 1e-6);
        // The level their given names agree at now weighs more.
        let e = plain.explain(&recs, 3, 4);
        let level = e
            .fields
            .iter()
            .find(|f| f.field == Field::Given)
            .and_then(|f| f.level)
            .expect("given names compared");
        assert_ne!(level, "same");
        let given = moved
            .iter()
            .find(|c| c.field == Field::Given && c.level == level)
            .unwrap_or_else(|| panic!("given `{level}` did not move: {moved:#?}"));
        assert!(given.after > given.before, "{moved:#?}");
        // `different` decisions count in u: disagreement becomes commoner among non-matches.
        let apart =
            Deduplicator::default().run(&recs, &[decision("r0", "r1", DecisionKind::Different)]);
        let moved = weight_changes(&plain.model, &apart.model, 1e-9);
        assert!(
            moved
                .iter()
                .any(|c| c.field == Field::Surname && c.level == "same" && c.after < c.before),
            "{moved:#?}"
        );
    }

    #[test]
    fn a_saved_model_is_reused_as_it_is() {
        let recs = small_list();
        let trained = Deduplicator::default().run(&recs, &[]);
        let file = ModelFile::of(&trained.model);
        let text = serde_json::to_string(&file).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.json");
        std::fs::write(&path, &text).unwrap();
        let read = ModelFile::read(&path).unwrap();
        assert_eq!(read.fields.len(), file.fields.len());
        for (x, y) in read.fields.iter().zip(&file.fields) {
            assert_eq!(x.field, y.field);
            for (a, b) in x.levels.iter().zip(&y.levels) {
                assert_eq!(a.level, b.level);
                assert!((a.m - b.m).abs() < 1e-12 && (a.u - b.u).abs() < 1e-12);
            }
        }
        let opt = DedupOptions {
            model: Some(read),
            ..DedupOptions::default()
        };
        let again = Deduplicator::new(opt).run(&recs[..5], &[]);
        assert!(weight_changes(&trained.model, &again.model, 1e-9).is_empty());
        assert_eq!(again.model.u_sample, 0, "u was not sampled again");
        // A broken file is refused with the field named.
        let mut bad = file.clone();
        bad.fields[1].levels.pop();
        std::fs::write(&path, serde_json::to_string(&bad).unwrap()).unwrap();
        let err = ModelFile::read(&path).unwrap_err().to_string();
        assert!(err.contains("model.json"), "{err}");
        let chain = format!("{:?}", ModelFile::read(&path).unwrap_err());
        assert!(chain.contains("given_name"), "{chain}");
    }

    #[test]
    fn blocking_recall_from_the_true_pairs_only_is_the_same() {
        // Tulepov's three rows and the two Seifullins are one person each; so, by the truth, are
        // Akhmetov Asan and Zhumabaev Magzhan, whom no blocking key joins; Baitursynov has no
        // label.
        let recs = small_list();
        let truth: std::collections::HashMap<String, String> = [
            ("r0", "p1"),
            ("r1", "p1"),
            ("r2", "p1"),
            ("r3", "p2"),
            ("r8", "p2"),
            ("r4", "p3"),
            ("r5", "p4"),
            ("r6", "p4"),
        ]
        .into_iter()
        .map(|(r, p)| (r.to_owned(), p.to_owned()))
        .collect();
        let all = Deduplicator::new(DedupOptions::default().keep_candidates(true)).run(&recs, &[]);
        let ids: Vec<&str> = recs.iter().map(|r| r.id.as_str()).collect();
        let groups = truth_groups(&ids, &truth);
        assert_eq!(groups[7], NO_GROUP);
        let mut opt = DedupOptions::default().keep_candidates(true);
        opt.candidate_groups = Some(std::sync::Arc::new(groups));
        let true_only = Deduplicator::new(opt).run(&recs, &[]);
        let (e, f) = (
            all.evaluate(&recs, &truth),
            true_only.evaluate(&recs, &truth),
        );
        // Five true pairs, four compared.
        assert_eq!(e.blocking_recall, Some(0.8));
        assert_eq!(f.blocking_recall, e.blocking_recall);
        assert_eq!(all.blocking_misses(&recs, &truth, 10), vec![(3, 8)]);
        assert_eq!(true_only.blocking_misses(&recs, &truth, 10), vec![(3, 8)]);
        assert_eq!(true_only.cluster_of, all.cluster_of);
        // Pairs of different persons were compared and are not kept.
        let kept = |r: &DedupResult| r.candidates.as_ref().map_or(0, util::PairSet::len);
        assert!(
            kept(&true_only) == 4 && kept(&all) > 4,
            "{} {}",
            kept(&true_only),
            kept(&all)
        );
    }
}
