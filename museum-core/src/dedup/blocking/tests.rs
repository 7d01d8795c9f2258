use super::*;
use crate::dedup::compare::tests::rec;

/// The candidate pairs of the default rules (in visiting order) and the blocking statistics.
fn default_pairs(
    p: &Prepared,
    max_block: usize,
    window: usize,
    threads: usize,
) -> (Vec<(usize, usize)>, BlockingStats) {
    let opt = BlockOptions {
        max_block,
        window,
        threads,
        rules: Rule::defaults(),
    };
    let (states, stats) =
        candidate_pairs(p, &opt, Vec::new, |s: &mut Vec<(usize, usize)>, i, j, _| {
            s.push((i, j));
        });
    (states.concat(), stats)
}

#[test]
fn pairs_once_and_across_scripts() {
    let recs = vec![
        rec("a", "Бөкейханов Әлихан Нұрмұхамедұлы", Some("1866")),
        rec("b", "Букейханов Алихан Нурмухамедович", Some("1866")),
        rec("c", "Bukeikhanov Alikhan", Some("1866")),
        rec("d", "Байтурсынов Ахмет", Some("1872")),
        rec("e", "Букейханов Алихан", None),
    ];
    let p = Prepared::build(&recs, 1);
    let opt = BlockOptions {
        max_block: 100,
        window: 5,
        threads: 2,
        rules: Rule::defaults(),
    };
    let (states, stats) = candidate_pairs(&p, &opt, Vec::new, |s: &mut Vec<u64>, i, j, _| {
        s.push(((i as u64) << 32) | j as u64);
    });
    let all: Vec<u64> = states.concat();
    let mut set = all.clone();
    set.sort_unstable();
    set.dedup();
    assert_eq!(all.len(), set.len(), "a pair was visited twice");
    // a, b, c, e share surname and given name: 6 pairs; d is alone.
    assert_eq!(set.len(), 6, "{set:?}");
    assert_eq!(stats.candidate_pairs, 6);
}

#[test]
fn a_replaced_name_is_paired_through_the_place_when_a_birth_date_is_missing() {
    // FEBRL-like: the same address, the surname replaced (a married name) and the birth date
    // missing in one list; a neighbour with another surname and both years known is not
    // paired through the place.
    let place = "12 rankeo place, rosebery hill, piggabeen 0870 nsw";
    let mut recs = vec![
        rec("org", "Matthews Charlotte", Some("1918-11-15")),
        rec("dup", "Bissett Charlotte", None),
        rec("other", "Dixon Charlotte", Some("1950-02-03")),
        rec("far", "Bissett Charlotte", Some("1961-01-01")),
    ];
    for r in &mut recs[..3] {
        r.birth_place = Some(place.into());
    }
    recs[3].birth_place = Some("7 erldunda circuit, jan juc 6233 vic".into());
    let p = Prepared::build(&recs, 1);
    let opt = BlockOptions {
        max_block: 30,
        window: 10,
        threads: 1,
        rules: vec![Rule::PlaceGiven, Rule::PlaceSurname],
    };
    let (states, stats) = candidate_pairs(
        &p,
        &opt,
        Vec::new,
        |s: &mut Vec<(usize, usize, Rule)>, i, j, r| s.push((i, j, r)),
    );
    let mut pairs: Vec<(usize, usize)> = states.concat().iter().map(|x| (x.0, x.1)).collect();
    pairs.sort_unstable();
    assert_eq!(pairs, vec![(0, 1), (1, 2)], "{stats:?}");
}

#[test]
fn large_blocks_use_a_window() {
    let recs: Vec<_> = (0..50)
        .map(|k| rec(&format!("r{k}"), "Ахметов Ахмет", None))
        .chain([rec("i", "Ахметов А.", None)])
        .collect();
    let p = Prepared::build(&recs, 1);
    let opt = BlockOptions {
        max_block: 10,
        window: 3,
        threads: 1,
        rules: Rule::defaults(),
    };
    let (_, stats) = candidate_pairs(&p, &opt, || (), |(), _, _, _| {});
    // `surname+given` and `given+surname`: 50 records in a window of 3; `surname+initial`:
    // only the initial is paired, with all 50 (50 qualifying pairs > 45, so in the window
    // too).
    assert_eq!(stats.large_block_count, 3);
    assert_eq!(stats.pairs_per_rule[0], 47 * 3 + 2 + 1);
    assert!(stats.pairs_per_rule[1] <= 3 * PROBE_WINDOW as u64);
}

#[test]
fn a_pair_of_several_large_blocks_is_compared_once() {
    // 60 namesakes born in one year: `surname+given`, `surname+year` and `given+surname`
    // are all blocks above the cap, whose neighbourhoods find the same pairs.
    let recs: Vec<_> = (0..60)
        .map(|k| rec(&format!("r{k}"), "Ахметов Ахмет", Some("1900")))
        .collect();
    let p = Prepared::build(&recs, 1);
    for threads in [1, 3] {
        let (pairs, stats) = default_pairs(&p, 8, 4, threads);
        assert!(stats.large_block_count >= 3, "{stats:?}");
        let mut set = pairs.clone();
        set.sort_unstable();
        set.dedup();
        assert_eq!(pairs, set, "a pair was visited twice, or out of order");
        assert!(pairs.iter().all(|(i, j)| i < j));
        // Each record meets its neighbours on both sides.
        for i in 1..60 {
            assert!(set.binary_search(&(i - 1, i)).is_ok(), "{i}");
        }
        assert_eq!(stats.candidate_pairs, set.len() as u64);
    }
}

#[test]
fn large_blocks_are_compared_in_full_within_sub_blocks() {
    // 40 namesakes born in four years: one `surname+given` block above the cap, whose
    // sub-blocks (given name and birth year) fit under it.
    let recs: Vec<_> = (0..40)
        .map(|k| {
            let year = format!("{}", 1900 + (k * 7) % 4);
            rec(&format!("r{k}"), "Ахметов Ахмет", Some(&year))
        })
        .collect();
    let p = Prepared::build(&recs, 1);
    let opt = BlockOptions {
        max_block: 12,
        window: 2,
        threads: 2,
        rules: vec![Rule::SurnameGiven],
    };
    let (states, stats) = candidate_pairs(
        &p,
        &opt,
        Vec::new,
        |s: &mut Vec<(usize, usize)>, i, j, _| s.push((i, j)),
    );
    assert_eq!(stats.large_block_count, 1);
    let pairs: Vec<(usize, usize)> = states.concat();
    let mut set = pairs.clone();
    set.sort_unstable();
    set.dedup();
    assert_eq!(pairs.len(), set.len(), "a pair was visited twice");
    for i in 0..40 {
        for j in i + 1..40 {
            if (i * 7) % 4 == (j * 7) % 4 {
                assert!(set.binary_search(&(i, j)).is_ok(), "{i} {j} not compared");
            }
        }
    }
    // Not all 780 pairs: the block is not compared all against all.
    assert!(set.len() < 780 / 2, "{}", set.len());
}

#[test]
fn place_and_year_blocks_look_half_as_far() {
    // 45 people born in one village in one year, no two with a name in common (a village word
    // in at most 50 records is informative), and the same 45 born on one day elsewhere:
    // `place+year` looks 2 places on each side, `birth-date` 4.
    const SURNAMES: [&str; 6] = ["Ахметов", "Бойко", "Ким", "Миллер", "Сейфуллин", "Тулепов"];
    const GIVEN: [&str; 10] = [
        "Асан",
        "Усен",
        "Сакен",
        "Пётр",
        "Иоганн",
        "Касым",
        "Магжан",
        "Николай",
        "Ахмет",
        "Ержан",
    ];
    let people = |place: Option<&str>, birth: &str| -> Vec<_> {
        (0..45)
            .map(|k| {
                let name = format!("{} {}", SURNAMES[k % 6], GIVEN[k / 6]);
                let mut r = rec(&format!("r{k}"), &name, Some(birth));
                r.birth_place = place.map(Into::into);
                r
            })
            .collect()
    };
    let pairs = |recs: &[_], rule: Rule| {
        let p = Prepared::build(recs, 1);
        let opt = BlockOptions {
            max_block: 10,
            window: 4,
            threads: 1,
            rules: vec![rule],
        };
        let (_, stats) = candidate_pairs(&p, &opt, || (), |(), _, _, _| {});
        assert_eq!(stats.large_block_count, 1, "{rule:?}: {stats:?}");
        stats.candidate_pairs
    };
    let by_place = pairs(&people(Some("Караагаш"), "1901"), Rule::PlaceYear);
    let by_day = pairs(&people(None, "1901-05-01"), Rule::BirthDate);
    // Two orders, each at most 44 + 43 (place) or 44 + 43 + 42 + 41 (day) pairs.
    assert!(by_place <= 2 * (44 + 43), "{by_place}");
    assert!(by_day > 2 * (44 + 43), "{by_day}");
}

#[test]
fn entries_pack_and_sort_as_their_fields() {
    // (flagged, record, position): flagged first, then by record, then by position.
    let fields = [
        (false, 7, 3),
        (true, 9, 0),
        (true, 2, u32::MAX),
        (false, 0x7fff_fffe, 1),
        (true, 2, 5),
        (false, 7, 2),
    ];
    let mut entries: Vec<Entry> = fields
        .iter()
        .map(|&(f, r, p)| Entry::new(f, r, p))
        .collect();
    for (e, &(f, r, p)) in entries.iter().zip(&fields) {
        assert_eq!((e.flagged(), e.record() as usize, e.pos()), (f, r, p));
    }
    entries.sort_unstable();
    let mut expected = fields.to_vec();
    expected.sort_unstable_by_key(|&(f, r, p)| (!f, r, p));
    let got: Vec<_> = entries
        .iter()
        .map(|e| (e.flagged(), e.record() as usize, e.pos()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn blocks_are_the_same_on_any_number_of_threads() {
    let recs: Vec<_> = (0..300)
        .map(|k| {
            let names = [
                "Ахметов Асан",
                "Ахметов Усен",
                "Ким Ен Сик",
                "Миллер Иоганн",
            ];
            rec(
                &format!("r{k}"),
                names[k % 4],
                Some(["1901", "1902"][k % 2]),
            )
        })
        .collect();
    let p = Prepared::build(&recs, 1);
    let pairs = |threads: usize| {
        let (pairs, stats) = default_pairs(&p, 30, 5, threads);
        (pairs, stats.blocks, stats.large_block_count)
    };
    let one = pairs(1);
    assert!(one.2 > 0, "large blocks compared in windows");
    assert_eq!(one, pairs(2));
}

#[test]
fn the_visit_order_changes_when_pairs_are_compared_not_which() {
    // Each pair once, under the same rule, as record by record in index order: a record's
    // partners are those of higher index whatever the order records are visited in.
    let names = [
        "Ахметов Асан",
        "Ким Ен Сик",
        "Ахметов Усен",
        "Миллер Иоганн",
    ];
    let recs: Vec<_> = (0..200)
        .map(|k| {
            rec(
                &format!("r{k}"),
                names[(k * 7) % 4],
                Some(["1901", "1902", "1903"][k % 3]),
            )
        })
        .collect();
    let p = Prepared::build(&recs, 1);
    assert_ne!(
        p.visit_order(),
        (0..200).collect::<Vec<u32>>(),
        "visited out of index order"
    );
    let opt = BlockOptions {
        max_block: 20,
        window: 4,
        threads: 2,
        rules: Rule::defaults(),
    };
    let b = Blocks::build(&p, &opt);
    let (states, _) = b.visit(
        &opt,
        |_| true,
        Vec::new,
        |_| {},
        |s, i, j, rule| {
            s.push((i, j, rule as u8));
        },
    );
    let mut visited = states.concat();
    visited.sort_unstable();
    let mut in_index_order = Vec::new();
    for i in 0..p.len() {
        let mut found = Vec::new();
        b.partners(&opt, i, &|_| true, &mut found);
        found.sort_unstable();
        found.dedup_by_key(|x| x.0);
        in_index_order.extend(
            found
                .iter()
                .map(|&(j, tag)| (i, j as usize, Rule::from_tag(tag) as u8)),
        );
    }
    assert!(in_index_order.len() > 200, "large blocks and windows");
    assert_eq!(visited, in_index_order);
}

#[test]
fn large_blocks_sort_the_same_by_ranks_as_by_text() {
    // Names that are prefixes of others, missing parts, initials, a record without a name,
    // unknown and early years, a surname written with a space: every large block's two orders
    // and sub-blocks are those of the texts.
    let surnames = ["Ахметов", "Ахметова", "Ахмет", "Ван Дер Берг"];
    let given = ["Асан", "Асанали", "А.", "Ас", ""];
    let patronymics = ["Ахметович", "", "Ахмет", "Ахметулы"];
    let years = [
        None,
        Some("1901"),
        Some("1899"),
        Some("1850"),
        Some("1901-05-02"),
    ];
    let mut recs: Vec<_> = (0..400)
        .map(|k| {
            let name = format!(
                "{} {} {}",
                surnames[k % 4],
                given[(k / 4) % 5],
                patronymics[(k / 20) % 4]
            );
            let mut r = rec(&format!("r{k}"), name.trim(), years[(k / 7) % 5]);
            r.birth_place = Some("Акмола".into());
            r
        })
        .collect();
    for k in 0..40 {
        let mut r = rec(&format!("n{k}"), "", Some("1901"));
        r.names.clear();
        r.birth_place = Some("Акмола".into());
        recs.push(r);
    }
    let p = Prepared::build(&recs, 1);
    let opt = BlockOptions {
        max_block: 10,
        window: 3,
        threads: 1,
        rules: Rule::defaults(),
    };
    let b = Blocks::build(&p, &opt);
    let ranks = ranked::WindowRanks::new(&p, 2);
    let (mut ranked_blocks, mut text_blocks) = (0, 0);
    for block in b.blocks.iter().filter(|x| !x.complete) {
        let by_text = orders_of(&p, block, &mut OrderScratch::default());
        let Some(by_rank) = ranks.orders(block, &mut ranked::RankScratch::default()) else {
            text_blocks += 1;
            continue;
        };
        ranked_blocks += 1;
        for (t, r) in by_text.0.iter().zip(&by_rank.0) {
            assert_eq!(t.members, r.members, "rule {:?}", key_rule(block.key));
            assert_eq!(t.place, r.place);
            for x in 0..t.sub.len() {
                assert_eq!(t.sub[x] == 0, r.sub[x] == 0);
                for y in 0..t.sub.len() {
                    assert_eq!(t.sub[x] == t.sub[y], r.sub[x] == r.sub[y]);
                }
            }
        }
    }
    assert!(ranked_blocks > 5, "{ranked_blocks} blocks sorted by ranks");
    assert!(text_blocks > 0, "a surname with a space sorts by text");
}
