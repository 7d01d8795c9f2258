//! The `place-words` blocking rule: two rare words of the place together, whatever the names.
//!
//! A list that mistyped both the surname and the given name and left out the birth date still
//! writes the same address (FEBRL 4: 80 of its 104 missed true pairs were compared by no other
//! rule, the address their only agreement). A single rare word of a place is a village or a
//! street (thousands of people at 1,000,000 records: `place+year`, `place+surname` and
//! `place+given` add a second field to it); two rare words of one place together (a street and
//! its suburb, a village and its district) are a household or a hamlet.
//!
//! Keys: each pair of the [`WORDS`] rarest informative words of the place (the words in at most
//! 2 % of the records, see `Prepared::index_places`), so one mistyped word (a slip makes a word
//! rarer: it sorts first) still leaves a pair of the others intact. A block above the cap is
//! not a household but a village: it is compared only within its sub-blocks (the same surname
//! stem and given name, see [`super::Rule::window`]), which the name rules find already, so a
//! large place costs almost no pair.

use super::{Rule, rule_key};
use crate::dedup::compare::Prepared;

/// How many of the rarest informative words of a place make keys (each pair of them one key:
/// up to 3). Three: an address (number, street, suburb, postcode) or an archival place (village,
/// district, region) has at least three words, and with three a slip in any one word leaves one
/// pair intact; with four, every record of a long address would hold six keys, twice the memory
/// for the rare record whose two words are both mistyped.
const WORDS: usize = 3;

/// Pushes the rule's keys of a place (`place_ix` into [`Prepared::places`]): none for a place
/// with fewer than two informative words (one word is a village or a town, not a household).
pub(super) fn place_word_keys(p: &Prepared, place_ix: u32, out: &mut Vec<(u64, bool)>) {
    let words = &p.places[place_ix as usize];
    let words = &words[..words.len().min(WORDS)];
    for (k, a) in words.iter().enumerate() {
        for b in &words[k + 1..] {
            let (a, b) = (p.strings.get(*a), p.strings.get(*b));
            // Order-free: the words are sorted by rarity, which differs between two lists.
            let (x, y) = if a <= b { (a, b) } else { (b, a) };
            out.push((
                rule_key(Rule::PlaceWords, &[x.as_bytes(), y.as_bytes()]),
                false,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BlockOptions, BlockingStats, Rule, candidate_pairs};
    use crate::dedup::compare::Prepared;
    use crate::dedup::compare::tests::rec;
    use crate::dedup::record::DedupRecord;

    fn pairs(recs: &[DedupRecord], rules: Vec<Rule>) -> Vec<(usize, usize, Rule)> {
        pairs_and_stats(recs, rules).0
    }

    fn pairs_and_stats(
        recs: &[DedupRecord],
        rules: Vec<Rule>,
    ) -> (Vec<(usize, usize, Rule)>, BlockingStats) {
        let p = Prepared::build(recs, 1);
        let opt = BlockOptions {
            max_block: 30,
            window: 10,
            threads: 1,
            rules,
        };
        let (states, stats) = candidate_pairs(&p, &opt, Vec::new, |s: &mut Vec<_>, i, j, r| {
            s.push((i, j, r));
        });
        let mut all = states.concat();
        all.sort_unstable_by_key(|x| (x.0, x.1));
        (all, stats)
    }

    #[test]
    fn both_names_mistyped_are_paired_through_the_address_alone() {
        // After FEBRL 4's `rec-2103`: surname and given name each mistyped, no birth date, a
        // slip in the suburb; only the address agrees. A neighbour of the same street in
        // another suburb and a stranger elsewhere are not paired with them.
        let mut recs = vec![
            rec("org", "Hoffman Jamie", None),
            rec("dup", "Hofmfan Jajie", None),
            rec("neighbour", "Capurso Harrison", None),
            rec("stranger", "Eisele Leah", None),
        ];
        let places = [
            "592 dalrymple street, carrangarra, vaucluse 4356 nsw",
            "592 dalrymple street, carrangarra, vauclyse 4356 nsw",
            "7 dalrymple street, bellbird ctge, jan juc 6233 vic",
            "16 howie court, oaks caravan village, dunkeld 2505 nsw",
        ];
        for (r, place) in recs.iter_mut().zip(places) {
            r.birth_place = Some(place.into());
        }
        let others: Vec<Rule> = Rule::defaults()
            .into_iter()
            .filter(|r| *r != Rule::PlaceWords)
            .collect();
        assert_eq!(
            pairs(&recs, others),
            vec![],
            "the other rules miss the pair"
        );
        assert_eq!(
            pairs(&recs, Rule::defaults()),
            vec![(0, 1, Rule::PlaceWords)]
        );
    }

    #[test]
    fn a_village_is_compared_only_within_its_names() {
        // Forty people of one village and district with distinct names: a block above the
        // rule's cap pairs only records of one surname and given name, which the name rules
        // found first; a household of three (one person twice, a relative) is compared in full.
        let mut recs: Vec<_> = (0..40)
            .map(|k| {
                let mut r = rec(&format!("v{k}"), &format!("Жумабаев{k} Ахмет{k}"), None);
                r.birth_place = Some("аул Карабулак, Сайрамский р-н".into());
                r
            })
            .collect();
        for (id, name) in [
            ("h1", "Тулепов Абдулла"),
            ("h2", "Тулеповъ Абдула"),
            ("h3", "Тулепова Зейнеп"),
        ] {
            let mut r = rec(id, name, None);
            r.birth_place = Some("колхоз Жанаталап, Ленгерский р-н, ЮКО".into());
            recs.push(r);
        }
        let (only, stats) = pairs_and_stats(&recs, vec![Rule::PlaceWords]);
        assert_eq!(
            only.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            vec![(40, 41), (40, 42), (41, 42)]
        );
        // The village is compared within its names by design: not reported as cut to a window.
        assert_eq!(stats.large_block_count, 0, "{stats:?}");
    }
}
