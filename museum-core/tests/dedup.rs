//! Property tests of deduplication: the result does not depend on the order of the input rows
//! nor on the ids (a renaming of the ids renames the result, nothing else).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

use museum_core::Victim;
use museum_core::dedup::{DedupOptions, DedupRecord, Deduplicator};
use museum_core::io::{CsvOptions, Located, read_file};
use museum_synth::{SynthOptions, generate_dir};
use proptest::prelude::*;

/// Synthetic victims: 500 records, a fifth of the persons in several records, across scripts
/// and romanizations (so there are clusters, namesakes and near misses).
fn victims() -> &'static [Located<Victim>] {
    static V: OnceLock<Vec<Located<Victim>>> = OnceLock::new();
    V.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        generate_dir(&SynthOptions::new(500).seed(17), dir.path()).unwrap();
        let (v, _) =
            read_file::<Victim>(&dir.path().join("victims.csv"), &CsvOptions::default()).unwrap();
        assert_eq!(v.len(), 500);
        v
    })
}

/// What a run found, in terms of the original ids: the clusters (as sets) and the links with
/// their probabilities.
#[derive(Debug, PartialEq)]
struct Outcome {
    clusters: BTreeSet<BTreeSet<String>>,
    links: BTreeMap<(String, String), u64>,
}

/// Runs dedup over the victims in `order`, each renamed by `rename`, as if they were the rows
/// of a file in that order.
fn run(order: &[usize], rename: &dyn Fn(&str) -> String) -> Outcome {
    let all = victims();
    let file: Arc<str> = Arc::from("victims.csv");
    let mut back = BTreeMap::new();
    let records: Vec<DedupRecord> = order
        .iter()
        .enumerate()
        .map(|(row, &i)| {
            let mut v = all[i].clone();
            let new = rename(&v.record.id);
            back.insert(new.clone(), v.record.id.clone());
            v.record.id = new;
            v.location.line = Some(row as u64 + 2);
            DedupRecord::from_victim(&v, Some(Arc::clone(&file)))
        })
        .collect();
    let result = Deduplicator::new(DedupOptions::default().threads(2)).run(&records, &[]);
    let original = |k: usize| back[&records[k].id].clone();
    let clusters = result
        .clusters
        .iter()
        .map(|c| c.members.iter().map(|&m| original(m)).collect())
        .collect();
    let links = result
        .links
        .iter()
        .map(|l| {
            let (a, b) = (original(l.a), original(l.b));
            let key = if a < b { (a, b) } else { (b, a) };
            (key, l.probability.to_bits())
        })
        .collect();
    Outcome { clusters, links }
}

fn identity() -> &'static Outcome {
    static O: OnceLock<Outcome> = OnceLock::new();
    O.get_or_init(|| {
        let order: Vec<usize> = (0..victims().len()).collect();
        let o = run(&order, &|id| id.to_owned());
        // The data has duplicates to find.
        assert!(
            o.clusters.iter().filter(|c| c.len() > 1).count() > 20,
            "{o:?}"
        );
        o
    })
}

/// A permutation of `0..n` from random sort keys.
fn permutation(n: usize) -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(any::<u64>(), n).prop_map(|keys| {
        let mut idx: Vec<usize> = (0..keys.len()).collect();
        idx.sort_by_key(|&i| (keys[i], i));
        idx
    })
}

proptest! {
    // Each case runs the whole deduplication: a few cases keep the suite fast.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Shuffled rows with new ids (a bijection: a salted hash of the old id, which also
    /// changes the ids' sort order) give the same clusters and links, with bit-identical
    /// probabilities.
    #[test]
    fn order_and_ids_do_not_matter(order in permutation(500), salt in any::<u32>(), prefix in "[a-zа-я]{1,6}") {
        let rename = |id: &str| {
            let h = id.bytes().fold(u64::from(salt) ^ 0xcbf2_9ce4_8422_2325, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            // The old id keeps the mapping a bijection; the hash in front reorders.
            format!("{prefix}{h:016x}-{id}")
        };
        let got = run(&order, &rename);
        prop_assert_eq!(&got, identity());
    }
}

#[test]
fn reversed_rows_give_the_same_result() {
    let order: Vec<usize> = (0..victims().len()).rev().collect();
    assert_eq!(&run(&order, &|id| id.to_owned()), identity());
    // Ids that sort the other way round.
    let order: Vec<usize> = (0..victims().len()).collect();
    let renamed = run(&order, &|id| {
        let n: u64 = id.trim_start_matches("syn-").parse().unwrap();
        format!("r{:07}", 10_000_000 - n)
    });
    assert_eq!(&renamed, identity());
}

/// 100,000 records with the same name form one huge block under every name rule: blocking caps
/// it (a sliding window over the sorted block) and says so, so the comparisons grow linearly
/// with the records, not with their square (5·10⁹ pairs).
#[test]
fn a_block_of_100_000_identical_names_is_capped() {
    use std::fmt::Write as _;
    const N: usize = 100_000;
    let mut csv = String::from("id,surname,given_name,patronymic,birth_date\n");
    for i in 0..N {
        let _ = writeln!(csv, "v{i},Ахметов,Ахмет,Ахметович,{}", 1880 + i % 50);
    }
    let records: Vec<DedupRecord> = museum_core::io::RecordReader::<Victim>::from_csv_reader(
        std::io::Cursor::new(csv.into_bytes()),
        "victims.csv",
        &CsvOptions::default(),
    )
    .filter_map(|item| match item {
        museum_core::io::ReadItem::Record(v, _) => Some(DedupRecord::from_victim(&v, None)),
        museum_core::io::ReadItem::Finding(_) => None,
    })
    .collect();
    assert_eq!(records.len(), N);
    let options = DedupOptions::default();
    let window = options.window;
    let result = Deduplicator::new(options).run(&records, &[]);
    let b = &result.blocking;
    assert!(b.largest_block >= N, "{b:?}");
    assert!(b.large_block_count >= 1, "{b:?}");
    // Each rule compares each record with at most a window of neighbours (wider for the
    // probing rules, `PROBE_WINDOW` = 4 times); all pairs would be N·(N−1)/2.
    let rules = b.pairs_per_rule.len() as u64;
    let bound = rules * (N * window * 4) as u64;
    assert!(
        b.candidate_pairs <= bound,
        "{} candidate pairs, more than {bound} ({b:?})",
        b.candidate_pairs
    );
    assert!(b.candidate_pairs >= (N * window / 2) as u64, "{b:?}");
    assert!(
        result
            .warnings
            .iter()
            .any(|w| w.contains("compared in a window") && w.contains(&format!("{N}"))),
        "{:?}",
        result.warnings
    );
}
