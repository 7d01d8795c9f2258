//! The review's counts from one matching run (the review hook,
//! `DedupOptions::review_threshold`) against the two runs they used to take: the clusters and
//! links do not move, and the uncertain pairs below the threshold are the same but for the few
//! that only a link below the threshold brought into comparison.

use std::collections::BTreeSet;

use museum_core::Victim;
use museum_core::dedup::{DedupOptions, DedupRecord, Deduplicator};
use museum_core::io::{Archive, CsvOptions, DatasetKind, read_file};
use museum_core::report::{Dedup, deduplicate};
use museum_core::review::{ReviewOptions, review, review_of};
use museum_synth::{SynthOptions, generate_dir};

/// A synthetic list (persons written several times, in several scripts), its records and the
/// archive the report reads.
fn synth(n: usize, seed: u64) -> (tempfile::TempDir, Vec<DedupRecord>, Archive) {
    let dir = tempfile::tempdir().unwrap();
    generate_dir(&SynthOptions::new(n).seed(seed), dir.path()).unwrap();
    let path = dir.path().join("victims.csv");
    let (victims, _) = read_file::<Victim>(&path, &CsvOptions::default()).unwrap();
    let records = victims
        .iter()
        .map(|v| DedupRecord::from_victim(v, None))
        .collect();
    let mut archive = Archive::default();
    archive
        .load_file(&path, DatasetKind::Victims, &CsvOptions::default())
        .unwrap();
    (dir, records, archive)
}

#[test]
fn one_run_gives_the_review_of_two() {
    let (_dir, records, archive) = synth(3000, 42);
    let dedup = DedupOptions::default();
    let options = ReviewOptions::default();

    // The hook changes neither clusters nor links.
    let plain = Deduplicator::new(dedup.clone()).run(&records, &[]);
    let hooked = Deduplicator::new(options.dedup_options(&dedup)).run(&records, &[]);
    assert_eq!(plain.cluster_of, hooked.cluster_of);
    let pairs = |links: &[museum_core::dedup::Link]| -> Vec<(usize, usize, u64)> {
        links
            .iter()
            .map(|l| (l.a, l.b, l.probability.to_bits()))
            .collect()
    };
    assert_eq!(pairs(&plain.links), pairs(&hooked.links));
    assert!(plain.review_links.is_empty() && plain.review_floor.is_none());
    let band = options.band(dedup.threshold);
    assert!(
        !hooked.review_links.is_empty(),
        "a synthetic list has uncertain pairs"
    );
    assert!(
        hooked
            .review_links
            .iter()
            .all(|l| (band.0..dedup.threshold).contains(&l.probability))
    );

    // Two runs (a result without the hook: `review_of` runs again at the band's edge) and one.
    let two = review_of(&plain, &records, &[], &dedup, &options);
    let one = review(&records, &[], &dedup, &options);
    assert_eq!(one.band, two.band);
    assert_eq!(one.stats.holding_clusters, two.stats.holding_clusters);
    assert_eq!(one.stats.refused_merges, two.stats.refused_merges);
    // Near the threshold: every pair of one run is a pair of the two runs, scored alike; the
    // two runs compare a few more pairs (records linked to a common record below the
    // threshold). At most 2 % of them are missed.
    let near = |r: &museum_core::review::Review| -> BTreeSet<(usize, usize, u64)> {
        r.pairs
            .iter()
            .filter(|p| p.reason == museum_core::review::ReviewReason::NearThreshold)
            .map(|p| (p.a, p.b, p.explanation.probability.to_bits()))
            .collect()
    };
    assert_eq!(one.stats.listed, options.limit.min(one.stats.remaining));
    assert_eq!(
        near(&one).len(),
        one.stats.near_threshold.min(options.limit)
    );
    let all = |limit| ReviewOptions {
        limit,
        ..ReviewOptions::default()
    };
    let one_all = review(&records, &[], &dedup, &all(usize::MAX));
    let two_all = review_of(&plain, &records, &[], &dedup, &all(usize::MAX));
    let (near_one, near_two) = (near(&one_all), near(&two_all));
    assert!(near_one.is_subset(&near_two));
    let missed = near_two.len() - near_one.len();
    assert!(
        missed * 50 <= near_two.len(),
        "{missed} of {} uncertain pairs missed",
        near_two.len()
    );
    assert_eq!(one_all.stats.near_threshold, near_one.len());

    // The report's counts are `museum review --stats`'s (one run each, the same run).
    let Dedup::Done(done) = deduplicate(&archive, &[], dedup.clone()) else {
        panic!("deduplication ran");
    };
    let counts = review(&records, &[], &dedup, &all(0)).stats;
    assert_eq!(done.review, Some(counts));
}
